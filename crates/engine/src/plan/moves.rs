//! The moves of a plan and why each one is made, kept as numbers and written out when shown.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classify::ValueBasis;
use crate::format::{Money, Percent};
use crate::reason::TimeQuote;

/// Hours to add to (or take from) one account. `to_string()` gives the line, e.g.
/// "−3 h Corner Bistro: time sink, 15% of your time for 0.3% of gross profit".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    pub account: String,
    /// Recommended minus current hours a week.
    pub hours_change: f64,
    pub reason: MoveReason,
}

/// Why the plan moves hours, the first that applies: a bound the rep set, a time sink losing
/// hours, an under-served top account gaining them, else what an hour returns there.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum MoveReason {
    /// Raised to the rep's minimum for the account.
    Minimum { hours: f64 },
    /// Cut to the rep's maximum for the account.
    Maximum { hours: f64 },
    /// A time sink losing hours: its time share against its value share.
    TimeSink { quote: TimeQuote },
    /// A tier A account flagged under-served gaining hours.
    UnderServed { quote: TimeQuote },
    /// Gaining hours: each added hour returns this much (on average over the move).
    Return { per_hour: f64, basis: ValueBasis },
    /// Losing hours: each hour taken away returned this much (on average over the move), and
    /// an hour the plan adds elsewhere returns at least `elsewhere` (none when it adds none).
    /// With concave curves and today's hours on the grid, `per_hour ≤ elsewhere` at the
    /// optimum: the hours taken are the ones that returned least.
    LowReturn {
        per_hour: f64,
        elsewhere: Option<f64>,
        basis: ValueBasis,
    },
}

impl fmt::Display for MoveReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            MoveReason::Minimum { hours } => write!(f, "your minimum for it is {} h", Hours(hours)),
            MoveReason::Maximum { hours } => write!(f, "your maximum for it is {} h", Hours(hours)),
            MoveReason::TimeSink { quote } => {
                write!(
                    f,
                    "time sink, {} of your time for {} of {}",
                    Percent(quote.time_share),
                    Percent(quote.value_share),
                    quote.basis.label()
                )?;
                if quote.friend {
                    f.write_str(" — a friend, but the numbers say cut back")?;
                }
                Ok(())
            }
            MoveReason::UnderServed { quote } => write!(
                f,
                "top account, under-served, {} of your time for {} of {}",
                Percent(quote.time_share),
                Percent(quote.value_share),
                quote.basis.label()
            ),
            MoveReason::Return { per_hour, basis } => write!(
                f,
                "each extra hour returns {} of {}",
                Money(per_hour),
                basis.label()
            ),
            MoveReason::LowReturn {
                per_hour,
                elsewhere,
                basis,
            } => {
                write!(
                    f,
                    "each hour there returns {} of {}",
                    Money(per_hour),
                    basis.label()
                )?;
                match elsewhere {
                    Some(e) => write!(f, "; an hour added elsewhere returns at least {}", Money(e)),
                    None => f.write_str(", the least for the hours you have"),
                }
            }
        }
    }
}

impl fmt::Display for Move {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} h {}: {}",
            SignedHours(self.hours_change),
            self.account,
            self.reason
        )
    }
}

/// Hours with at most two decimals, so quarter hours read as such: 3 → "3", 1.5 → "1.5",
/// 0.25 → "0.25".
#[derive(Debug, Clone, Copy)]
pub struct Hours(pub f64);

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = self.0;
        if !h.is_finite() {
            return f.write_str("?");
        }
        let hundredths = (h.abs() * 100.0).round() as u64;
        if h < 0.0 && hundredths > 0 {
            f.write_str("-")?;
        }
        let (whole, part) = (hundredths / 100, hundredths % 100);
        match part {
            0 => write!(f, "{whole}"),
            p if p % 10 == 0 => write!(f, "{whole}.{}", p / 10),
            p => write!(f, "{whole}.{p:02}"),
        }
    }
}

/// A change of hours with its sign, as the issue writes them: "+2", "−3" (a minus sign).
#[derive(Debug, Clone, Copy)]
pub struct SignedHours(pub f64);

impl fmt::Display for SignedHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0.0 { "−" } else { "+" };
        write!(f, "{sign}{}", Hours(self.0.abs()))
    }
}
