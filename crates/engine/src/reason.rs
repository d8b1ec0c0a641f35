//! Why an account stands where it does, kept as the numbers and written out when shown: the
//! rules run over every account of a book, the reasons are read a screen or an export at a time.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classify::ValueBasis;
use crate::format::{Money, Percent};
use crate::Category;

/// The one-line reason of an account: its category's grounds, then its flags.
/// `to_string()` gives the line, e.g. "Sales down 20% (300,000 → 240,000): estimated
/// deterioration 60,000"; with the user's call, "Your call: At risk (the rules said Grow:
/// upside 250,000 …)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// What the rules found (when the user overruled them, what they would have said).
    pub because: Because,
    pub time_sink: Option<TimeQuote>,
    pub under_served: Option<TimeQuote>,
    /// The category the user set, which wins over the rules.
    #[serde(default)]
    pub your_call: Option<YourCall>,
}

/// The user's category for an account, and what it implies that the rules did not say.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct YourCall {
    pub category: Category,
    /// The estimated deterioration when the user's call makes an account at risk that the
    /// rules did not (as for an account flagged at risk in the sheet).
    #[serde(default)]
    pub deterioration: Option<f64>,
    /// The flagged share of sales, when it set that deterioration.
    #[serde(default)]
    pub by_share: Option<f64>,
}

/// The grounds of the category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum Because {
    /// Flagged at risk, or falling.
    AtRisk {
        flagged: bool,
        falling: bool,
        prior: Option<f64>,
        growth: Option<f64>,
        projected: f64,
        deterioration: f64,
        /// The flagged share of sales, when it set the deterioration.
        by_share: Option<f64>,
    },
    /// Upside against a potential.
    Upside {
        upside: f64,
        projected: f64,
        potential: f64,
    },
    /// A potential and no sales yet.
    NoSalesYet { potential: f64 },
    /// No sales last year, sales this year.
    New { projected: f64 },
    /// Growing, with no potential given.
    Growing {
        growth: f64,
        prior: f64,
        projected: f64,
    },
    /// The rest; `foundation` for a tier A account.
    Steady {
        foundation: bool,
        growth: Option<f64>,
        upside: Option<f64>,
        projected: f64,
        without_prior_year: bool,
    },
}

/// Time share against value share, as a flag quotes them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimeQuote {
    pub time_share: f64,
    pub value_share: f64,
    pub basis: ValueBasis,
    /// A friend: the time-sink line says so.
    #[serde(default)]
    pub friend: bool,
}

/// "sales down 20% (300,000 → 240,000)", or "sales 240,000" without a prior year.
struct Trend {
    prior: Option<f64>,
    growth: Option<f64>,
    projected: f64,
    capital: bool,
}

impl fmt::Display for Trend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sales = if self.capital { "Sales" } else { "sales" };
        match (self.prior, self.growth) {
            (Some(p), Some(g)) => {
                let way = if g < 0.0 { "down" } else { "up" };
                write!(
                    f,
                    "{sales} {way} {} ({} → {})",
                    Percent(g.abs()),
                    Money(p),
                    Money(self.projected)
                )
            }
            _ => write!(f, "{sales} {}", Money(self.projected)),
        }
    }
}

/// Growth with its sign: "+2.6%", "-4.2%".
struct SignedPercent(f64);

impl fmt::Display for SignedPercent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 0.0 {
            f.write_str("+")?;
        }
        Percent(self.0).fmt(f)
    }
}

impl Because {
    /// The category these grounds give.
    pub fn category(&self) -> Category {
        match self {
            Because::AtRisk { .. } => Category::AtRisk,
            Because::Upside { .. }
            | Because::NoSalesYet { .. }
            | Because::New { .. }
            | Because::Growing { .. } => Category::Grow,
            Because::Steady { .. } => Category::Maintain,
        }
    }
}

/// Writes through to a formatter with the first letter in lower case, so a sentence can be
/// quoted inside another one without a copy of it.
struct LowerFirst<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    started: bool,
}

impl fmt::Write for LowerFirst<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.started || s.is_empty() {
            return self.f.write_str(s);
        }
        self.started = true;
        let mut chars = s.chars();
        if let Some(first) = chars.next() {
            for c in first.to_lowercase() {
                fmt::Write::write_char(self.f, c)?;
            }
        }
        self.f.write_str(chars.as_str())
    }
}

impl fmt::Display for Because {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Because::AtRisk {
                flagged,
                falling,
                prior,
                growth,
                projected,
                deterioration,
                by_share,
            } => {
                let trend = |capital| Trend {
                    prior,
                    growth,
                    projected,
                    capital,
                };
                if flagged && !falling {
                    write!(f, "Flagged at risk in your sheet; {}", trend(false))?;
                } else if flagged {
                    write!(f, "Flagged at risk and {}", trend(false))?;
                } else {
                    write!(f, "{}", trend(true))?;
                }
                write!(f, ": estimated deterioration {}", Money(deterioration))?;
                if let Some(share) = by_share {
                    write!(f, " ({} of sales)", Percent(share))?;
                }
                Ok(())
            }
            Because::Upside {
                upside,
                projected,
                potential,
            } => write!(
                f,
                "Upside {} ({} of projected sales {}) against potential {}",
                Money(upside),
                Percent(upside / projected),
                Money(projected),
                Money(potential)
            ),
            Because::NoSalesYet { potential } => {
                write!(f, "No sales yet against potential {}", Money(potential))
            }
            Because::New { projected } => write!(
                f,
                "New account: {} this year, no sales last year",
                Money(projected)
            ),
            Because::Growing {
                growth,
                prior,
                projected,
            } => write!(
                f,
                "Growing {} ({} → {}), no potential given",
                Percent(growth),
                Money(prior),
                Money(projected)
            ),
            Because::Steady {
                foundation,
                growth,
                upside,
                projected,
                without_prior_year,
            } => {
                if foundation {
                    write!(
                        f,
                        "Foundation account (tier A, {}): keep it served; ",
                        Money(projected)
                    )?;
                } else {
                    f.write_str("Steady: ")?;
                }
                let unknown = if without_prior_year {
                    "; growth unknown (no prior year in the sheet)"
                } else {
                    ""
                };
                match (growth, upside) {
                    (Some(g), Some(u)) if projected > 0.0 => write!(
                        f,
                        "growth {}, upside {} ({} of sales)",
                        SignedPercent(g),
                        Money(u),
                        Percent(u / projected)
                    ),
                    (Some(g), _) => write!(f, "growth {}", SignedPercent(g)),
                    (None, Some(u)) => write!(f, "upside {}{unknown}", Money(u)),
                    (None, None) => write!(f, "sales {}{unknown}", Money(projected)),
                }
            }
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.your_call {
            None => self.because.fmt(f)?,
            Some(call) => {
                let rules = self.because.category();
                write!(f, "Your call: {}", call.category.label())?;
                if rules == call.category {
                    f.write_str(" (the rules agree: ")?;
                } else {
                    write!(f, " (the rules said {}: ", rules.label())?;
                }
                fmt::write(
                    &mut LowerFirst {
                        f: &mut *f,
                        started: false,
                    },
                    format_args!("{}", self.because),
                )?;
                f.write_str(")")?;
                if let Some(d) = call.deterioration {
                    write!(f, "; estimated deterioration {}", Money(d))?;
                    if let Some(share) = call.by_share {
                        write!(f, " ({} of sales)", Percent(share))?;
                    }
                }
            }
        }
        if let Some(q) = &self.time_sink {
            let friend = if q.friend {
                " — a friend, but the numbers say cut back"
            } else {
                ""
            };
            write!(
                f,
                ". Time sink: {} of your time for {} of {}{friend}",
                Percent(q.time_share),
                Percent(q.value_share),
                q.basis.label()
            )?;
        }
        if let Some(q) = &self.under_served {
            write!(
                f,
                ". Under-served: {} of your time for {} of {}",
                Percent(q.time_share),
                Percent(q.value_share),
                q.basis.label()
            )?;
        }
        Ok(())
    }
}

/// A reason reads back as its line when compared with text (tests, the JSON contract).
impl PartialEq<&str> for Reason {
    fn eq(&self, other: &&str) -> bool {
        /// Compares what is written against the expected text as it goes.
        struct Against<'a>(&'a str);
        impl fmt::Write for Against<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0 = self.0.strip_prefix(s).ok_or(fmt::Error)?;
                Ok(())
            }
        }
        let mut rest = Against(other);
        fmt::write(&mut rest, format_args!("{self}")).is_ok() && rest.0.is_empty()
    }
}
