//! The rules: derived metrics, tiers, categories, flags, deterioration and reasons.

use serde::{Deserialize, Serialize};

use crate::overrides::{Lookup, Override, Overrides};
use crate::reason::{Because, Reason, TimeQuote, YourCall};
use crate::{Account, Category, Dataset, Diagnostic, Flag, Settings, Summary, Tier};

/// One account after the rules: its numbers, where it stands and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountReview {
    pub account: String,
    /// Where the account stands: the user's call when they made one, else the rules'.
    pub category: Category,
    /// What the rules said, exactly when the user set the category (even to the same one).
    #[serde(default)]
    pub rules_category: Option<Category>,
    /// The user's note, trimmed; `None` when blank.
    #[serde(default)]
    pub note: Option<String>,
    pub tier: Tier,
    pub flags: Vec<Flag>,
    /// One line that quotes the numbers behind the category and flags (`to_string()`).
    pub reason: Reason,
    pub prior_sales: Option<f64>,
    pub current_sales: Option<f64>,
    pub projected_sales: Option<f64>,
    pub growth: Option<f64>,
    pub potential: Option<f64>,
    pub upside: Option<f64>,
    pub deterioration: Option<f64>,
    pub margin: Option<f64>,
    pub gross_profit: Option<f64>,
    pub hours: Option<f64>,
    pub time_share: Option<f64>,
    pub sales_share: Option<f64>,
    pub value_share: Option<f64>,
    /// One-based source row.
    pub row: Option<u32>,
}

/// The analysis of a dataset under some settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// In the order of the source.
    pub accounts: Vec<AccountReview>,
    pub summary: Summary,
    /// What the value share measures: gross profit when margins are known, else sales.
    pub value_basis: ValueBasis,
    /// The median hours of accounts with hours: the floor for a time sink.
    pub median_hours: Option<f64>,
    pub diagnostics: Vec<Diagnostic>,
    /// Names of overrides that match no account (ignored by the rules), in name order.
    #[serde(default)]
    pub unmatched_overrides: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueBasis {
    GrossProfit,
    Sales,
}

impl ValueBasis {
    pub fn label(self) -> &'static str {
        match self {
            ValueBasis::GrossProfit => "gross profit",
            ValueBasis::Sales => "sales",
        }
    }
}

/// Numbers derived per account before the rules compare them.
struct Derived {
    projected: Option<f64>,
    growth: Option<f64>,
    upside: Option<f64>,
    margin: Option<f64>,
    gross_profit: Option<f64>,
    value: f64,
}

fn positive(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

fn derive(account: &Account, factor: f64) -> Derived {
    let current = positive(account.current_sales);
    let projected = current.map(|c| c * factor);
    let prior = positive(account.prior_sales);
    let growth = match (prior, projected) {
        (Some(p), Some(c)) if p > 0.0 => Some(c / p - 1.0),
        _ => None,
    };
    let potential = positive(account.potential);
    let upside = match (potential, projected) {
        (Some(pot), Some(c)) => Some((pot - c).max(0.0)),
        (Some(pot), None) => Some(pot.max(0.0)),
        _ => None,
    };
    let mut margin = positive(account.margin);
    let mut gross_profit = positive(account.gross_profit).map(|g| g * factor);
    match (margin, gross_profit, projected) {
        (Some(m), None, Some(s)) => gross_profit = Some(s * m),
        (None, Some(g), Some(s)) if s != 0.0 => margin = Some(g / s),
        _ => {}
    }
    Derived {
        projected,
        growth,
        upside,
        margin,
        gross_profit,
        value: 0.0,
    }
}

/// Runs the rules over every account.
pub fn analyze(dataset: &Dataset, settings: &Settings) -> Review {
    analyze_with(dataset, settings, &Overrides::new())
}

/// Runs the rules over every account, then lets the user's overrides win: an override's
/// category replaces the rules' (which stays in [`AccountReview::rules_category`] and the
/// reason), its note is attached. Overrides are matched by account name, case-insensitively
/// and ignoring surrounding spaces; those naming no account are listed in
/// [`Review::unmatched_overrides`].
pub fn analyze_with(dataset: &Dataset, settings: &Settings, overrides: &Overrides) -> Review {
    let mut lookup = Lookup::new(overrides);
    let factor = dataset.projection.as_ref().map_or(1.0, |p| p.factor);
    let mut derived: Vec<Derived> = dataset.accounts.iter().map(|a| derive(a, factor)).collect();

    let value_basis = if derived.iter().any(|d| d.gross_profit.is_some()) {
        ValueBasis::GrossProfit
    } else {
        ValueBasis::Sales
    };
    // An account without a margin is valued at the book's average margin, not at zero,
    // so a missing cell cannot make it look like a time sink.
    let (gp_known, sales_known) = derived
        .iter()
        .filter_map(|d| d.gross_profit.zip(d.projected))
        .fold((0.0, 0.0), |(g, s), (dg, ds)| (g + dg, s + ds));
    let average_margin = if sales_known > 0.0 {
        gp_known / sales_known
    } else {
        0.0
    };
    for d in &mut derived {
        let sales = d.projected.unwrap_or(0.0);
        d.value = match value_basis {
            ValueBasis::GrossProfit => d.gross_profit.unwrap_or(sales * average_margin),
            ValueBasis::Sales => sales,
        }
        .max(0.0);
    }

    let total_sales: f64 = derived
        .iter()
        .filter_map(|d| d.projected)
        .filter(|s| *s > 0.0)
        .sum();
    let total_value: f64 = derived.iter().map(|d| d.value).sum();
    let hours: Vec<Option<f64>> = dataset
        .accounts
        .iter()
        .map(|a| positive(a.hours).map(|h| h.max(0.0)))
        .collect();
    let total_hours: f64 = hours.iter().flatten().sum();
    let median_hours = median(hours.iter().flatten().copied().collect());
    let tiers = tiers(&derived, total_sales, settings);

    let accounts: Vec<AccountReview> = dataset
        .accounts
        .iter()
        .zip(&derived)
        .zip(hours.iter().zip(&tiers))
        .map(|((account, d), (h, tier))| {
            let share = |x: f64, total: f64| (total > 0.0).then(|| x / total);
            let time_share = h.and_then(|h| share(h, total_hours));
            let value_share = share(d.value, total_value);
            let sales_share = d.projected.and_then(|s| share(s.max(0.0), total_sales));
            let facts = Facts {
                account,
                d,
                tier: *tier,
                hours: *h,
                time_share,
                value_share,
                median_hours,
                value_basis,
                without_prior_year: dataset.without_prior_year,
            };
            let (rules, rules_deterioration, because) = categorize(&facts, settings);
            let (flags, time_sink, under_served) = flags(&facts, settings);
            let user = lookup.as_mut().and_then(|l| l.find(&account.name));
            let call = user
                .and_then(|o| o.category)
                .map(|c| your_call(c, rules, &facts, settings));
            let deterioration = match call {
                Some(call) if call.category != rules => call.deterioration,
                _ => rules_deterioration,
            };
            let reason = Reason {
                because,
                time_sink,
                under_served,
                your_call: call,
            };
            AccountReview {
                account: account.name.clone(),
                category: call.map_or(rules, |c| c.category),
                rules_category: call.is_some().then_some(rules),
                note: user.and_then(note_of),
                tier: *tier,
                flags,
                reason,
                prior_sales: positive(account.prior_sales),
                current_sales: positive(account.current_sales),
                projected_sales: d.projected,
                growth: d.growth,
                potential: positive(account.potential),
                upside: d.upside,
                deterioration,
                margin: d.margin,
                gross_profit: d.gross_profit,
                hours: *h,
                time_share,
                sales_share,
                value_share,
                row: account.row,
            }
        })
        .collect();

    let summary = Summary::of(&accounts);
    Review {
        accounts,
        summary,
        value_basis,
        median_hours,
        diagnostics: dataset.diagnostics.clone(),
        unmatched_overrides: lookup.map(|l| l.unmatched()).unwrap_or_default(),
    }
}

/// The user's category against the rules': moved to At risk, the account deteriorates as one
/// flagged at risk in the sheet would (the sales lost, at least the flagged share of sales);
/// moved away from it, by nothing; otherwise as the rules said.
fn your_call(category: Category, rules: Category, f: &Facts, settings: &Settings) -> YourCall {
    let (deterioration, by_share) = if category == Category::AtRisk && rules != Category::AtRisk {
        let (d, by_share) = flagged_deterioration(f, settings);
        (Some(d), by_share.then_some(settings.flagged_deterioration))
    } else {
        (None, None)
    };
    YourCall {
        category,
        deterioration,
        by_share,
    }
}

fn note_of(o: &Override) -> Option<String> {
    let note = o.note.trim();
    (!note.is_empty()).then(|| note.to_string())
}

/// The deterioration of an account flagged at risk: the sales lost, or the flagged share of
/// sales when that is more (and whether it was).
fn flagged_deterioration(f: &Facts, settings: &Settings) -> (f64, bool) {
    let projected = f.d.projected.unwrap_or(0.0);
    let lost = positive(f.account.prior_sales).map_or(0.0, |p| (p - projected).max(0.0));
    let flagged_share = projected * settings.flagged_deterioration;
    if flagged_share > lost {
        (flagged_share, true)
    } else {
        (lost, false)
    }
}

/// What the rules look at for one account.
struct Facts<'a> {
    account: &'a Account,
    d: &'a Derived,
    tier: Tier,
    hours: Option<f64>,
    time_share: Option<f64>,
    value_share: Option<f64>,
    median_hours: Option<f64>,
    value_basis: ValueBasis,
    without_prior_year: bool,
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

/// A by cumulative sales up to `tier_a`, B up to `tier_b`, C the rest (and no sales).
fn tiers(derived: &[Derived], total_sales: f64, settings: &Settings) -> Vec<Tier> {
    let mut order: Vec<usize> = (0..derived.len()).collect();
    let sales = |i: usize| derived[i].projected.unwrap_or(0.0).max(0.0);
    // Largest first; ties keep source order so the result is deterministic.
    order.sort_unstable_by(|&a, &b| sales(b).total_cmp(&sales(a)).then(a.cmp(&b)));
    let mut out = vec![Tier::C; derived.len()];
    let mut before = 0.0;
    for i in order {
        let s = sales(i);
        if s <= 0.0 || total_sales <= 0.0 {
            continue;
        }
        let share_before = before / total_sales;
        out[i] = if share_before < settings.tier_a - 1e-12 {
            Tier::A
        } else if share_before < settings.tier_b - 1e-12 {
            Tier::B
        } else {
            Tier::C
        };
        before += s;
    }
    out
}

/// The category, its deterioration, and the grounds (kept as numbers; written out when shown).
fn categorize(f: &Facts, settings: &Settings) -> (Category, Option<f64>, Because) {
    let d = f.d;
    let prior = positive(f.account.prior_sales);
    let projected = d.projected.unwrap_or(0.0);
    let falling = d
        .growth
        .is_some_and(|g| at_least(settings.at_risk_growth, g));

    if f.account.at_risk || falling {
        // Falling: the sales lost. Flagged: at least the flagged share of sales, so a flagged
        // account that slipped 1 % does not look safer than one that grew.
        let lost = prior.map_or(0.0, |p| (p - projected).max(0.0));
        let flagged_share = projected * settings.flagged_deterioration;
        let by_share = f.account.at_risk && flagged_share > lost;
        let deterioration = if by_share { flagged_share } else { lost };
        let because = Because::AtRisk {
            flagged: f.account.at_risk,
            falling,
            prior,
            growth: d.growth,
            projected,
            deterioration,
            by_share: by_share.then_some(settings.flagged_deterioration),
        };
        return (Category::AtRisk, Some(deterioration), because);
    }

    if let (Some(upside), Some(potential)) = (d.upside, positive(f.account.potential)) {
        if projected > 0.0 && at_least(upside / projected, settings.grow_upside) {
            return (
                Category::Grow,
                None,
                Because::Upside {
                    upside,
                    projected,
                    potential,
                },
            );
        }
        if projected <= 0.0 && upside > 0.0 {
            return (Category::Grow, None, Because::NoSalesYet { potential });
        }
    }
    let new_account = !f.without_prior_year && prior.is_none_or(|p| p <= 0.0) && projected > 0.0;
    if new_account {
        return (Category::Grow, None, Because::New { projected });
    }
    if positive(f.account.potential).is_none() {
        if let Some(growth) = d.growth.filter(|g| at_least(*g, settings.grow_growth)) {
            let prior = prior.unwrap_or(0.0);
            return (
                Category::Grow,
                None,
                Because::Growing {
                    growth,
                    prior,
                    projected,
                },
            );
        }
    }
    let because = Because::Steady {
        foundation: f.tier == Tier::A,
        growth: d.growth,
        upside: d.upside,
        projected,
        without_prior_year: f.without_prior_year,
    };
    (Category::Maintain, None, because)
}

/// The flags, with the time share against value share each one quotes.
fn flags(f: &Facts, settings: &Settings) -> (Vec<Flag>, Option<TimeQuote>, Option<TimeQuote>) {
    let (Some(time_share), Some(hours)) = (f.time_share, f.hours) else {
        return (Vec::new(), None, None);
    };
    let value_share = f.value_share.unwrap_or(0.0);
    let quote = TimeQuote {
        time_share,
        value_share,
        basis: f.value_basis,
        friend: f.account.friend,
    };
    let at_least_median = f.median_hours.is_some_and(|m| hours >= m);
    let time_sink = (hours > 0.0
        && at_least_median
        && at_least(time_share, settings.time_sink_ratio * value_share))
    .then_some(quote);
    let under_served = (f.tier == Tier::A
        && time_share < settings.under_served_ratio * value_share)
        .then_some(TimeQuote {
            friend: false,
            ..quote
        });
    let mut flags = Vec::new();
    if time_sink.is_some() {
        flags.push(Flag::TimeSink);
    }
    if under_served.is_some() {
        flags.push(Flag::UnderServed);
    }
    (flags, time_sink, under_served)
}

/// `x ≥ threshold`, forgiving the rounding of ratios computed from money
/// (90 / 100 − 1 is −0.09999999999999998, and a fall of 10 % must count as one).
fn at_least(x: f64, threshold: f64) -> bool {
    x >= threshold - 1e-9
}

#[cfg(test)]
mod tests;
