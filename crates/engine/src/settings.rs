//! Every threshold of the rules, with the defaults of the design. Shown in the app, written to
//! the export's `Settings` sheet and read back from it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// At risk when growth is at or below this (−0.10 = a fall of 10 % or more).
    pub at_risk_growth: f64,
    /// Deterioration of an account flagged at risk but not yet falling, as a share of its sales.
    pub flagged_deterioration: f64,
    /// Grow when upside is at least this share of projected sales.
    pub grow_upside: f64,
    /// Grow, when no potential is given, at growth of at least this.
    pub grow_growth: f64,
    /// Tier A: the accounts that make the first share of sales.
    pub tier_a: f64,
    /// Tier B: up to this cumulative share; C is the rest.
    pub tier_b: f64,
    /// Time sink when time share ≥ this × value share (and hours ≥ the median account's).
    pub time_sink_ratio: f64,
    /// Under-served when a tier A account's time share < this × value share.
    pub under_served_ratio: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            at_risk_growth: -0.10,
            flagged_deterioration: 0.25,
            grow_upside: 0.20,
            grow_growth: 0.15,
            tier_a: 0.80,
            tier_b: 0.95,
            time_sink_ratio: 2.0,
            under_served_ratio: 0.5,
        }
    }
}

/// One setting as a person reads it: key, label, value, and how the value is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingRow {
    pub key: &'static str,
    pub label: &'static str,
    pub value: f64,
    /// True when the value is a fraction shown as a percentage.
    pub percent: bool,
}

impl Settings {
    /// Every setting, in the order the app and the export show them.
    pub fn rows(&self) -> Vec<SettingRow> {
        let row = |key, label, value, percent| SettingRow {
            key,
            label,
            value,
            percent,
        };
        vec![
            row(
                "at_risk_growth",
                "At risk at growth of or below",
                self.at_risk_growth,
                true,
            ),
            row(
                "flagged_deterioration",
                "Deterioration of a flagged account (share of sales)",
                self.flagged_deterioration,
                true,
            ),
            row(
                "grow_upside",
                "Grow at upside of at least (share of projected sales)",
                self.grow_upside,
                true,
            ),
            row(
                "grow_growth",
                "Grow without potential at growth of at least",
                self.grow_growth,
                true,
            ),
            row(
                "tier_a",
                "Tier A: accounts making the first (share of sales)",
                self.tier_a,
                true,
            ),
            row(
                "tier_b",
                "Tier B: up to (cumulative share of sales)",
                self.tier_b,
                true,
            ),
            row(
                "time_sink_ratio",
                "Time sink at time share of at least × value share",
                self.time_sink_ratio,
                false,
            ),
            row(
                "under_served_ratio",
                "Under-served (tier A) at time share below × value share",
                self.under_served_ratio,
                false,
            ),
        ]
    }

    /// Sets one setting by key; false when the key is unknown or the value not finite.
    pub fn set(&mut self, key: &str, value: f64) -> bool {
        if !value.is_finite() {
            return false;
        }
        let slot = match key {
            "at_risk_growth" => &mut self.at_risk_growth,
            "flagged_deterioration" => &mut self.flagged_deterioration,
            "grow_upside" => &mut self.grow_upside,
            "grow_growth" => &mut self.grow_growth,
            "tier_a" => &mut self.tier_a,
            "tier_b" => &mut self.tier_b,
            "time_sink_ratio" => &mut self.time_sink_ratio,
            "under_served_ratio" => &mut self.under_served_ratio,
            _ => return false,
        };
        *slot = value;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_design_defaults() {
        let s = Settings::default();
        assert_eq!(s.at_risk_growth, -0.10);
        assert_eq!(s.flagged_deterioration, 0.25);
        assert_eq!(s.grow_upside, 0.20);
        assert_eq!(s.grow_growth, 0.15);
        assert_eq!((s.tier_a, s.tier_b), (0.80, 0.95));
        assert_eq!(s.time_sink_ratio, 2.0);
        assert_eq!(s.under_served_ratio, 0.5);
    }

    #[test]
    fn every_row_can_be_set_back_by_key() {
        let mut s = Settings::default();
        for (i, row) in Settings::default().rows().iter().enumerate() {
            assert!(s.set(row.key, i as f64 + 0.5), "{}", row.key);
        }
        let values: Vec<f64> = s.rows().iter().map(|r| r.value).collect();
        assert_eq!(values, vec![0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]);
        assert!(!s.set("nope", 1.0));
        assert!(!s.set("tier_a", f64::NAN));
    }

    #[test]
    fn missing_keys_take_defaults_when_read_back() {
        let s: Settings = serde_json::from_str(r#"{"grow_upside": 0.3}"#).unwrap_or_default();
        assert_eq!(s.grow_upside, 0.3);
        assert_eq!(s.tier_a, 0.80);
    }
}
