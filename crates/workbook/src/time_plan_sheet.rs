//! The `Time plan` sheet of an export, read back: the plan's settings come back as the rep
//! left them — the week's capacity and step, the default estimates per category (keyed rows,
//! as the Settings sheet has them), and per account the fewest and most hours and the
//! estimates the rep set in the app ("Your estimate"). Estimates marked "Sheet column" or
//! "Category default" are not the rep's: they come from the account sheet and the defaults
//! again on the next plan.

use account_lens_engine::{Category, Diagnostic, Estimate, Estimates, PlanSettings};

use crate::export::plan::{
    EstimateSource, ESTIMATES_FROM, MAX_HOURS, MIN_HOURS, NO_TIME, TIME_PLAN_HEADERS,
    TIME_PLAN_MARKER,
};
use crate::grid::{Row, Sheet, Value};
use crate::settings_sheet::a1;

/// The key of a keyed row of the Time plan sheet for one default estimate, e.g.
/// `estimates.grow.none`, `estimates.at_risk.saturation`.
pub fn estimate_key(category: Category, estimate: Estimate) -> String {
    format!("estimates.{}.{}", category.key(), estimate.key())
}

/// A cell's text, trimmed.
fn text(row: &Row, col: u32) -> Option<&str> {
    match row.value(col)? {
        Value::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }
}

/// A cell's number; text that only holds one (typed by the rep) reads too.
fn number(row: &Row, col: u32) -> Option<f64> {
    match row.value(col)? {
        Value::Number(n) if n.is_finite() => Some(*n),
        Value::Text(t) => crate::coerce::parse_number(t, crate::coerce::DecimalStyle::Point),
        _ => None,
    }
}

/// The plan's settings written by an earlier export, and what could not be read back (a value
/// the rep changed into something else); `None` when the sheet is not a Time plan sheet.
///
/// Starts from [`PlanSettings::default`]: a keyed row that is missing or unreadable leaves its
/// default, with a warning for the unreadable ones.
pub fn read_time_plan_sheet(sheet: &Sheet) -> Option<(PlanSettings, Vec<Diagnostic>)> {
    if a1(sheet) != Some(TIME_PLAN_MARKER) {
        return None;
    }
    let mut settings = PlanSettings::default();
    let mut notes = Vec::new();
    let header_at = sheet.rows.iter().position(|r| {
        text(r, 0) == Some(TIME_PLAN_HEADERS[0]) && text(r, 1) == Some(TIME_PLAN_HEADERS[1])
    });
    let (keyed, accounts) = sheet.rows.split_at(header_at.unwrap_or(sheet.rows.len()));

    for row in keyed {
        let Some(key) = text(row, 2) else { continue };
        let value = number(row, 1);
        let mut unreadable = |what: &str| {
            notes.push(
                Diagnostic::warning(format!(
                    "Time plan: {what} is not readable; the default is used"
                ))
                .at(&sheet.name, row.index, Some(1)),
            );
        };
        match key {
            "capacity" => match value.filter(|v| *v >= 0.0) {
                Some(v) => settings.capacity = v,
                None => unreadable("the capacity (hours a week)"),
            },
            "step" => match value.filter(|v| *v > 0.0) {
                Some(v) => settings.step = v,
                None => unreadable("the step (hours)"),
            },
            _ => {
                let found = Category::ALL.into_iter().find_map(|c| {
                    Estimate::ALL
                        .into_iter()
                        .find(|&e| estimate_key(c, e) == key)
                        .map(|e| (c, e))
                });
                if let Some((category, estimate)) = found {
                    match value {
                        Some(v) => *settings.defaults.get_mut(category).get_mut(estimate) = v,
                        None => unreadable(&format!(
                            "the default {} of {} accounts",
                            estimate.label(),
                            category.label()
                        )),
                    }
                }
            }
        }
    }

    let Some((header, rows)) = accounts.split_first() else {
        return Some((settings, notes));
    };
    let column = |name: &str| {
        header
            .cells
            .iter()
            .find(|c| matches!(&c.value, Value::Text(t) if t.trim() == name))
            .map(|c| c.col)
    };
    let estimate_cols: Vec<Option<u32>> = TIME_PLAN_HEADERS
        .get(NO_TIME..NO_TIME + 4)
        .unwrap_or_default()
        .iter()
        .map(|h| column(h))
        .collect();
    let (source_col, min_col, max_col) = (
        column(TIME_PLAN_HEADERS[ESTIMATES_FROM]),
        column(TIME_PLAN_HEADERS[MIN_HOURS]),
        column(TIME_PLAN_HEADERS[MAX_HOURS]),
    );
    for row in rows {
        let Some(name) = text(row, 0) else { continue };
        let yours = source_col
            .and_then(|c| text(row, c))
            .and_then(EstimateSource::parse)
            == Some(EstimateSource::Yours);
        if yours {
            let values: Vec<Option<f64>> = estimate_cols
                .iter()
                .map(|c| c.and_then(|c| number(row, c)))
                .collect();
            if let [Some(none), Some(half), Some(more), Some(saturation)] = values[..] {
                settings.estimates.insert(
                    name.to_string(),
                    Estimates {
                        none,
                        half,
                        more,
                        saturation,
                    },
                );
            } else {
                notes.push(
                    Diagnostic::warning(format!(
                        "Time plan: {name} is marked \"{}\" but not all four estimates are numbers; its category's defaults are used",
                        EstimateSource::Yours.label()
                    ))
                    .at(&sheet.name, row.index, source_col),
                );
            }
        }
        let mut bound = |col: Option<u32>, what: &str| -> Option<f64> {
            let col = col?;
            row.value(col)?;
            let hours = number(row, col).filter(|h| *h >= 0.0);
            if hours.is_none() {
                notes.push(
                    Diagnostic::warning(format!(
                        "Time plan: the {what} hours of {name} are not a number of hours; left without"
                    ))
                    .at(&sheet.name, row.index, Some(col)),
                );
            }
            hours
        };
        let (min, max) = (bound(min_col, "fewest"), bound(max_col, "most"));
        if min.is_some() || max.is_some() {
            settings.bounds.insert(name.to_string(), (min, max));
        }
    }
    Some((settings, notes))
}
