//! The weekly time plan (CALLPLAN, Lodish 1971): where next week's hours earn the most.
//!
//! Each account's sales answer to time along a [`Response`] curve calibrated from four
//! [`Estimates`] (defaults by category, editable per account). [`plan`] gives the week's
//! capacity to the accounts in steps of a quarter hour so that the expected gross profit
//! Σ marginᵢ · salesᵢ · rᵢ(xᵢ) is as high as it can be, within the rep's minimum and maximum per
//! account, and says what moved and why.
//!
//! ```
//! use account_lens_engine::{analyze, plan, Account, Dataset, PlanSettings, Settings};
//!
//! let account = |name: &str, sales: f64, hours: f64| Account {
//!     name: name.into(), prior_sales: Some(sales), current_sales: Some(sales),
//!     margin: Some(0.3), hours: Some(hours), ..Account::default()
//! };
//! let dataset = Dataset {
//!     accounts: vec![account("Harbor", 400_000.0, 2.0), account("Bistro", 10_000.0, 8.0)],
//!     ..Dataset::default()
//! };
//! let review = analyze(&dataset, &Settings::default());
//! let week = plan(&review, &PlanSettings { capacity: 10.0, ..PlanSettings::default() });
//! assert_eq!(week.accounts.iter().map(|a| a.recommended_hours).sum::<f64>(), 10.0);
//! assert!(week.expected_gross_profit_change > 0.0);
//! let moves: Vec<String> = week.moves.iter().map(ToString::to_string).collect();
//! assert_eq!(moves, [
//!     "+7.75 h Harbor: top account, under-served, 20% of your time for 98% of gross profit",
//!     "−7.75 h Bistro: time sink, 80% of your time for 2.4% of gross profit",
//! ]);
//! ```

mod moves;
mod optimise;
mod response;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classify::ValueBasis;
use crate::format::{Money, Percent};
use crate::{AccountReview, Category, Review};

pub use moves::{Hours, Move, MoveReason, SignedHours};
pub use response::{CalibrationError, Estimate, Estimates, Response};

use optimise::{allocate, Curve};

/// The most grid steps a plan takes: finer steps over more hours are coarsened to keep
/// re-planning instant (the S-shaped accounts cost steps² each).
const MAX_STEPS: f64 = 1_000.0;

/// Default estimates by category.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryEstimates {
    pub grow: Estimates,
    pub maintain: Estimates,
    pub at_risk: Estimates,
}

impl Default for CategoryEstimates {
    /// Concave curves (c ≈ 0.9): each hour returns a little less than the one before, and
    /// none is S-shaped, so a rep's defaults never hide a threshold effect they did not set.
    /// Grow accounts have the most to gain (60 % of today with no time, 160 % at saturation);
    /// Maintain accounts hold up without you but have little room (70 %, 112 %); At risk
    /// accounts fall furthest when left alone (40 %) and can be won back (130 %).
    fn default() -> Self {
        CategoryEstimates {
            grow: Estimates {
                none: 0.6,
                half: 0.86,
                more: 1.09,
                saturation: 1.6,
            },
            maintain: Estimates {
                none: 0.7,
                half: 0.94,
                more: 1.03,
                saturation: 1.12,
            },
            at_risk: Estimates {
                none: 0.4,
                half: 0.86,
                more: 1.07,
                saturation: 1.3,
            },
        }
    }
}

impl CategoryEstimates {
    pub fn get(&self, category: Category) -> &Estimates {
        match category {
            Category::Grow => &self.grow,
            Category::Maintain => &self.maintain,
            Category::AtRisk => &self.at_risk,
        }
    }

    pub fn get_mut(&mut self, category: Category) -> &mut Estimates {
        match category {
            Category::Grow => &mut self.grow,
            Category::Maintain => &mut self.maintain,
            Category::AtRisk => &mut self.at_risk,
        }
    }
}

/// What the plan works with: the week's hours, the grid, and the rep's estimates and bounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanSettings {
    /// Hours a week to give out.
    pub capacity: f64,
    /// The grid of hours (0.25 = quarter hours).
    pub step: f64,
    /// Estimates of an account by its category, unless it has its own.
    pub defaults: CategoryEstimates,
    /// Per account (by name): the fewest and the most hours a week; none by default.
    pub bounds: BTreeMap<String, (Option<f64>, Option<f64>)>,
    /// Per account (by name): its own estimates.
    pub estimates: BTreeMap<String, Estimates>,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            capacity: 40.0,
            step: 0.25,
            defaults: CategoryEstimates::default(),
            bounds: BTreeMap::new(),
            estimates: BTreeMap::new(),
        }
    }
}

impl PlanSettings {
    /// These settings with estimates read from the account sheet's own columns (by account
    /// name) beneath the rep's: an account's estimates are the rep's own when set here, else the
    /// sheet's, else its category's defaults. A sheet estimate for an account the rep already
    /// gave estimates to (by name, ignoring case and surrounding spaces) is left out.
    #[must_use]
    pub fn with_sheet_estimates(&self, sheet: &BTreeMap<String, Estimates>) -> PlanSettings {
        let own: std::collections::BTreeSet<String> =
            self.estimates.keys().map(|k| crate::name_key(k)).collect();
        let mut out = self.clone();
        for (name, estimates) in sheet {
            if !own.contains(&crate::name_key(name)) {
                out.estimates.insert(name.clone(), *estimates);
            }
        }
        out
    }
}

/// One account in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAccount {
    pub account: String,
    pub category: Category,
    /// Hours a week today (0 when the sheet gives none).
    pub current_hours: f64,
    pub recommended_hours: f64,
    /// The hours the curve's x = 1 refers to: current hours, or the median account's for an
    /// account with none.
    pub anchor_hours: f64,
    /// The estimates the curve was calibrated from (the account's own or its category's).
    pub estimates: Estimates,
    pub response: Response,
    /// Sales expected at the recommended hours.
    pub expected_sales: f64,
    /// Gross profit expected at the recommended hours (sales when the plan is on sales).
    pub expected_gross_profit: f64,
}

/// Something about the whole plan a rep should know.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "note")]
pub enum PlanNote {
    /// No account has a margin: the plan maximises sales.
    OnSales,
    /// Accounts without a margin are valued at the book's sales-weighted average margin.
    AverageMargin { accounts: usize, margin: f64 },
    /// Accounts without hours read their estimates against the median account's hours.
    AnchoredOnMedian { accounts: usize, hours: f64 },
    /// No account has hours: today's time is taken as an even share of the capacity.
    EvenSplit { hours: f64 },
    /// The minimums alone exceed the capacity: the plan is the minimums.
    MinimumsOverCapacity { minimums: f64, capacity: f64 },
    /// The grid was coarsened to keep planning fast.
    CoarserStep { step: f64 },
}

impl fmt::Display for PlanNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let accounts = |n: usize| {
            if n == 1 {
                "1 account".to_string()
            } else {
                format!("{n} accounts")
            }
        };
        match *self {
            PlanNote::OnSales => f.write_str(
                "No margins in the sheet: the plan is made on sales, not gross profit",
            ),
            PlanNote::AverageMargin { accounts: n, margin } => write!(
                f,
                "{} without a margin valued at the book's average margin ({})",
                accounts(n),
                Percent(margin)
            ),
            PlanNote::AnchoredOnMedian { accounts: n, hours } => write!(
                f,
                "{} without hours: their estimates are read against the median account's {} h a week",
                accounts(n),
                Hours(hours)
            ),
            PlanNote::EvenSplit { hours } => write!(
                f,
                "No hours in the sheet: today's time is taken as an even share of your week ({} h an account)",
                Hours(hours)
            ),
            PlanNote::MinimumsOverCapacity { minimums, capacity } => write!(
                f,
                "Your minimums add up to {} h, more than the {} h you have: the plan keeps the minimums and adds nothing",
                Hours(minimums),
                Hours(capacity)
            ),
            PlanNote::CoarserStep { step } => write!(
                f,
                "Planned in steps of {} h: finer steps over this many hours would be slow",
                Hours(step)
            ),
        }
    }
}

/// The week's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// What is maximised: gross profit, or sales when no margin is known.
    pub basis: ValueBasis,
    /// Hours a week given out (as set, when valid).
    pub capacity: f64,
    /// The grid of hours used.
    pub step: f64,
    /// Planned accounts, in the order of the review.
    pub accounts: Vec<PlanAccount>,
    /// Every account whose hours change by at least half a step, largest change first.
    pub moves: Vec<Move>,
    /// Expected at today's hours, on the plan's basis.
    pub current_gross_profit: f64,
    /// Expected at the recommended hours, on the plan's basis.
    pub expected_gross_profit: f64,
    pub expected_gross_profit_change: f64,
    /// Accounts left out of the plan, and why (e.g. no sales to plan on).
    pub unplanned: Vec<(String, String)>,
    pub notes: Vec<PlanNote>,
}

/// Looks an account up by name: exactly, else ignoring case and surrounding spaces.
struct ByName<'a, V> {
    exact: &'a BTreeMap<String, V>,
    loose: BTreeMap<String, &'a V>,
}

impl<'a, V> ByName<'a, V> {
    fn new(exact: &'a BTreeMap<String, V>) -> Self {
        let loose = exact.iter().map(|(k, v)| (crate::name_key(k), v)).collect();
        ByName { exact, loose }
    }

    fn get(&self, name: &str) -> Option<&'a V> {
        if self.exact.is_empty() {
            return None;
        }
        self.exact
            .get(name)
            .or_else(|| self.loose.get(&crate::name_key(name)).copied())
    }
}

/// An account that can be planned, before the optimiser.
struct Candidate<'a> {
    review: &'a AccountReview,
    sales: f64,
    margin: Option<f64>,
    estimates: Estimates,
    response: Response,
    bounds: (Option<f64>, Option<f64>),
}

/// An account whose hours change: by how much, what each hour moved is worth there, and the
/// bound that decided it, if one did.
struct Change {
    index: usize,
    hours: f64,
    per_hour: f64,
    bound: Option<MoveReason>,
}

fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

/// Plans the week: recommended hours per account, the moves with their reasons, and the
/// expected change in gross profit.
///
/// Effort is x = hours / anchor, the anchor being the account's current hours, or the median
/// account's for one without hours (when no account has hours, an even share of the capacity,
/// which is then also taken as today's time). An account's value is margin × sales × r(x); an
/// account without a margin takes the book's sales-weighted average, and with no margin known
/// at all the plan is made on sales ([`Plan::basis`], [`PlanNote::OnSales`]). Hours are whole
/// steps of [`PlanSettings::step`] within each account's bounds, adding up to the capacity
/// unless no account can use more (all at their maximum or saturated). The optimum is exact on
/// that grid, for concave and S-shaped curves alike (see `optimise.rs` for the method).
///
/// Accounts without sales, or whose estimates give no curve, are listed in
/// [`Plan::unplanned`] with the reason and get no hours.
pub fn plan(review: &Review, settings: &PlanSettings) -> Plan {
    let mut notes = Vec::new();
    let capacity = if settings.capacity.is_finite() && settings.capacity > 0.0 {
        settings.capacity
    } else {
        0.0
    };
    let mut step = if settings.step.is_finite() && settings.step > 0.0 {
        settings.step
    } else {
        0.25
    };
    if capacity / step > MAX_STEPS {
        step = (capacity / MAX_STEPS / 0.25).ceil() * 0.25;
        notes.push(PlanNote::CoarserStep { step });
    }

    let own_estimates = ByName::new(&settings.estimates);
    let bounds = ByName::new(&settings.bounds);
    let mut unplanned = Vec::new();
    let mut candidates = Vec::new();
    for a in &review.accounts {
        let hours = finite(a.hours).filter(|h| *h > 0.0);
        let Some(sales) = finite(a.projected_sales).filter(|s| *s > 0.0) else {
            let why = match hours {
                Some(h) => format!(
                    "no sales to plan on; its {} h a week are left out of the plan",
                    Hours(h)
                ),
                None => "no sales to plan on".to_string(),
            };
            unplanned.push((a.account.clone(), why));
            continue;
        };
        let estimates = *own_estimates
            .get(&a.account)
            .unwrap_or_else(|| settings.defaults.get(a.category));
        match Response::calibrate(&estimates) {
            Ok(response) => candidates.push(Candidate {
                review: a,
                sales,
                margin: finite(a.margin),
                estimates,
                response,
                bounds: bounds.get(&a.account).copied().unwrap_or((None, None)),
            }),
            Err(e) => unplanned.push((a.account.clone(), format!("its estimates are off: {e}"))),
        }
    }

    // Value per account at r = 1.
    let (margin_sales, known_sales) = candidates
        .iter()
        .filter_map(|c| c.margin.map(|m| (m * c.sales, c.sales)))
        .fold((0.0, 0.0), |(g, s), (dg, ds)| (g + dg, s + ds));
    let basis = if known_sales > 0.0 {
        ValueBasis::GrossProfit
    } else {
        ValueBasis::Sales
    };
    let average_margin = if known_sales > 0.0 {
        margin_sales / known_sales
    } else {
        0.0
    };
    let weights: Vec<f64> = candidates
        .iter()
        .map(|c| match basis {
            ValueBasis::GrossProfit => c.sales * c.margin.unwrap_or(average_margin),
            ValueBasis::Sales => c.sales,
        })
        .collect();
    match basis {
        ValueBasis::Sales if !candidates.is_empty() => notes.push(PlanNote::OnSales),
        ValueBasis::GrossProfit => {
            let without = candidates.iter().filter(|c| c.margin.is_none()).count();
            if without > 0 {
                notes.push(PlanNote::AverageMargin {
                    accounts: without,
                    margin: average_margin,
                });
            }
        }
        ValueBasis::Sales => {}
    }

    // Today's hours and the anchors.
    let hours: Vec<Option<f64>> = candidates
        .iter()
        .map(|c| finite(c.review.hours).filter(|h| *h > 0.0))
        .collect();
    let (current, anchors): (Vec<f64>, Vec<f64>) =
        match median(hours.iter().flatten().copied().collect()) {
            Some(median) => {
                let anchored = hours.iter().filter(|h| h.is_none()).count();
                if anchored > 0 {
                    notes.push(PlanNote::AnchoredOnMedian {
                        accounts: anchored,
                        hours: median,
                    });
                }
                hours
                    .iter()
                    .map(|h| (h.unwrap_or(0.0), h.unwrap_or(median)))
                    .unzip()
            }
            None => {
                let even = if candidates.is_empty() {
                    0.0
                } else {
                    capacity / candidates.len() as f64
                };
                if !candidates.is_empty() {
                    notes.push(PlanNote::EvenSplit { hours: even });
                }
                let anchor = if even > 0.0 { even } else { step };
                (vec![even; candidates.len()], vec![anchor; candidates.len()])
            }
        };

    // The grid.
    let to_steps_up = |h: f64| (h / step - 1e-9).ceil().clamp(0.0, f64::from(u32::MAX)) as u32;
    let to_steps_down = |h: f64| (h / step + 1e-9).floor().clamp(0.0, f64::from(u32::MAX)) as u32;
    let steps_available = to_steps_down(capacity);
    let curves: Vec<Curve> = candidates
        .iter()
        .zip(&weights)
        .zip(&anchors)
        .map(|((c, &weight), &anchor)| {
            // No account can take more than the week, whatever its minimum says.
            let min = finite(c.bounds.0)
                .map_or(0, to_steps_up)
                .min(steps_available);
            let max = finite(c.bounds.1).map_or(u32::MAX, to_steps_down).max(min);
            Curve {
                weight,
                response: c.response,
                per_step: step / anchor,
                min,
                max,
            }
        })
        .collect();
    let minimums: f64 = curves.iter().map(|c| f64::from(c.min) * step).sum();
    if minimums > capacity + 1e-9 {
        notes.push(PlanNote::MinimumsOverCapacity { minimums, capacity });
    }
    let steps = allocate(&curves, steps_available);

    // The plan, account by account, and the moves.
    let mut accounts = Vec::with_capacity(candidates.len());
    let mut changes = Vec::new();
    let mut current_total = 0.0;
    let mut expected_total = 0.0;
    for (i, c) in candidates.iter().enumerate() {
        let recommended = f64::from(steps[i]) * step;
        let value_at = |h: f64| weights[i] * c.response.at(h / anchors[i]);
        let (now, then) = (value_at(current[i]), value_at(recommended));
        current_total += now;
        expected_total += then;
        let change = recommended - current[i];
        if change.abs() >= step / 2.0 {
            // A bound the rep set, when it alone decided the account's hours.
            let min = finite(c.bounds.0)
                .filter(|&m| change > 0.0 && current[i] < m && steps[i] == curves[i].min)
                .map(|hours| MoveReason::Minimum { hours });
            let max = finite(c.bounds.1)
                .filter(|&m| change < 0.0 && current[i] > m && steps[i] == curves[i].max)
                .map(|hours| MoveReason::Maximum { hours });
            changes.push(Change {
                index: i,
                hours: change,
                per_hour: (then - now) / change,
                bound: min.or(max),
            });
        }
        accounts.push(PlanAccount {
            account: c.review.account.clone(),
            category: c.review.category,
            current_hours: current[i],
            recommended_hours: recommended,
            anchor_hours: anchors[i],
            estimates: c.estimates,
            response: c.response,
            expected_sales: c.sales * c.response.at(recommended / anchors[i]),
            expected_gross_profit: then,
        });
    }
    // The least an hour added by choice returns anywhere: what an hour taken away is measured
    // against.
    let least_added = changes
        .iter()
        .filter(|m| m.hours > 0.0 && m.bound.is_none())
        .map(|m| m.per_hour)
        .reduce(f64::min);
    let mut moves: Vec<Move> = changes
        .into_iter()
        .map(|m| {
            let review = candidates[m.index].review;
            let reason = if let Some(bound) = m.bound {
                bound
            } else if let (true, Some(quote)) = (m.hours < 0.0, review.reason.time_sink) {
                MoveReason::TimeSink { quote }
            } else if let (true, Some(quote)) = (m.hours > 0.0, review.reason.under_served) {
                MoveReason::UnderServed { quote }
            } else if m.hours > 0.0 {
                MoveReason::Return {
                    per_hour: m.per_hour,
                    basis,
                }
            } else {
                MoveReason::LowReturn {
                    per_hour: m.per_hour,
                    elsewhere: least_added,
                    basis,
                }
            };
            Move {
                account: review.account.clone(),
                hours_change: m.hours,
                reason,
            }
        })
        .collect();
    // Largest first; ties keep the review's order (a stable sort).
    moves.sort_by(|a, b| b.hours_change.abs().total_cmp(&a.hours_change.abs()));

    Plan {
        basis,
        capacity,
        step,
        accounts,
        moves,
        current_gross_profit: current_total,
        expected_gross_profit: expected_total,
        expected_gross_profit_change: expected_total - current_total,
        unplanned,
        notes,
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

impl Plan {
    /// The plan's totals in a line: "Expected gross profit 488,950 → 512,300 (+23,350)".
    pub fn headline(&self) -> String {
        let change = self.expected_gross_profit_change;
        // The minus sign of the moves ("−3 h"), not a hyphen.
        let sign = if change >= 0.0 { "+" } else { "−" };
        let what = match self.basis {
            ValueBasis::GrossProfit => "Expected gross profit",
            ValueBasis::Sales => "Expected sales",
        };
        format!(
            "{what} {} → {} ({sign}{})",
            Money(self.current_gross_profit),
            Money(self.expected_gross_profit),
            Money(change.abs())
        )
    }
}

#[cfg(test)]
mod tests;
