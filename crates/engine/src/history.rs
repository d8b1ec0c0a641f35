//! The weekly review over time: a [`Snapshot`] of a review per ISO week, what changed between
//! two of them ([`compare`]), sales and hours per category over all weeks ([`trends`]), and the
//! week's [`checklist`].
//!
//! Accounts are matched across weeks by name, case-insensitively and ignoring surrounding
//! spaces, as overrides are.
//!
//! ```
//! use account_lens_engine::{analyze, compare, Account, Category, Dataset, Settings, Snapshot};
//!
//! let week = |current: f64| Dataset {
//!     accounts: vec![Account { name: "Northwind".into(), prior_sales: Some(300_000.0),
//!                              current_sales: Some(current), ..Account::default() }],
//!     ..Dataset::default()
//! };
//! let older = Snapshot::of(&analyze(&week(300_000.0), &Settings::default()), (2026, 48));
//! let newer = Snapshot::of(&analyze(&week(240_000.0), &Settings::default()), (2026, 49));
//! let moved = compare(&older, &newer);
//! assert_eq!(moved.newly_at_risk, vec!["Northwind".to_string()]);
//! assert_eq!(moved.changes[0].projected_sales_change, Some(-60_000.0));
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::format::{hours as fmt_hours, Money};
use crate::{name_key, Category, Date, Flag, Review, Tier};

/// One account as it stood in a week. Short field names keep a year of weeks small in storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSnapshot {
    #[serde(rename = "a")]
    pub account: String,
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub projected_sales: Option<f64>,
    #[serde(rename = "c")]
    pub category: Category,
    #[serde(rename = "f", default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    #[serde(rename = "t")]
    pub tier: Tier,
    #[serde(rename = "h", default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// The category the rep chose over the rules', when they did.
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    pub override_category: Option<Category>,
}

/// One category's totals in a week (or the whole book's).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct WeekTotals {
    pub accounts: usize,
    pub projected_sales: f64,
    pub hours: f64,
    pub deterioration: f64,
    pub upside: f64,
    /// Hours spent on the accounts flagged as time sinks.
    pub time_sink_hours: f64,
}

/// The totals of a week per category, and of the whole book.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct SnapshotTotals {
    pub grow: WeekTotals,
    pub maintain: WeekTotals,
    pub at_risk: WeekTotals,
    pub total: WeekTotals,
}

impl SnapshotTotals {
    pub fn category(&self, category: Category) -> &WeekTotals {
        match category {
            Category::Grow => &self.grow,
            Category::Maintain => &self.maintain,
            Category::AtRisk => &self.at_risk,
        }
    }

    fn category_mut(&mut self, category: Category) -> &mut WeekTotals {
        match category {
            Category::Grow => &mut self.grow,
            Category::Maintain => &mut self.maintain,
            Category::AtRisk => &mut self.at_risk,
        }
    }
}

/// A review as it stood in one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub iso_year: i32,
    /// ISO week, 1..=53.
    pub week: u32,
    /// In the order of the review.
    pub accounts: Vec<AccountSnapshot>,
    pub totals: SnapshotTotals,
}

impl Snapshot {
    /// The review of `week` (ISO year, week), e.g. `Date::iso_week` of the review's date.
    pub fn of(review: &Review, week: (i32, u32)) -> Snapshot {
        let mut totals = SnapshotTotals::default();
        let accounts = review
            .accounts
            .iter()
            .map(|a| {
                let sales = a.projected_sales.filter(|s| s.is_finite());
                let hours = a.hours.filter(|h| h.is_finite());
                let time_sink = a.flags.contains(&Flag::TimeSink);
                let add = |t: &mut WeekTotals| {
                    t.accounts += 1;
                    t.projected_sales += sales.unwrap_or(0.0).max(0.0);
                    t.hours += hours.unwrap_or(0.0);
                    t.deterioration += a.deterioration.unwrap_or(0.0);
                    t.upside += a.upside.unwrap_or(0.0);
                    if time_sink {
                        t.time_sink_hours += hours.unwrap_or(0.0);
                    }
                };
                add(totals.category_mut(a.category));
                add(&mut totals.total);
                AccountSnapshot {
                    account: a.account.clone(),
                    projected_sales: sales,
                    category: a.category,
                    flags: a.flags.clone(),
                    tier: a.tier,
                    hours,
                    override_category: a.rules_category.map(|_| a.category),
                }
            })
            .collect();
        Snapshot {
            iso_year: week.0,
            week: week.1,
            accounts,
            totals,
        }
    }

    /// The week as people write it: "2026-W49".
    pub fn week_label(&self) -> String {
        format!("{}-W{:02}", self.iso_year, self.week)
    }

    /// The account of that name (case and surrounding spaces aside).
    pub fn account(&self, name: &str) -> Option<&AccountSnapshot> {
        let key = name_key(name);
        self.accounts.iter().find(|a| name_key(&a.account) == key)
    }
}

/// An account that changed category between two weeks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Migration {
    pub account: String,
    pub from: Category,
    pub to: Category,
}

/// One cell of the from → to matrix and the accounts behind it (the diagonal too: the
/// accounts that stayed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixCell {
    pub from: Category,
    pub to: Category,
    pub accounts: Vec<String>,
}

/// Whether an account is in both weeks or in one only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Both,
    /// New in the newer week.
    Added,
    /// Gone from the newer week.
    Removed,
}

impl Presence {
    /// The words a rep reads beside the account.
    pub fn label(self) -> &'static str {
        match self {
            Presence::Both => "",
            Presence::Added => "new this week",
            Presence::Removed => "gone this week",
        }
    }
}

/// How one account moved. An added account changes from nothing (its sales and hours count
/// as the change), a removed one to nothing; `None` when a side is unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountChange {
    pub account: String,
    pub presence: Presence,
    pub category_then: Option<Category>,
    pub category_now: Option<Category>,
    pub projected_sales_then: Option<f64>,
    pub projected_sales_now: Option<f64>,
    pub projected_sales_change: Option<f64>,
    pub hours_then: Option<f64>,
    pub hours_now: Option<f64>,
    pub hours_change: Option<f64>,
}

/// A total then and now.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Shift {
    pub then: f64,
    pub now: f64,
    pub change: f64,
}

impl Shift {
    fn new(then: f64, now: f64) -> Shift {
        Shift {
            then,
            now,
            change: now - then,
        }
    }
}

/// What moved between two weeks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// (ISO year, week) of the older and the newer snapshot.
    pub older: (i32, u32),
    pub newer: (i32, u32),
    /// Accounts in both weeks whose category changed, in the newer week's order.
    pub migrations: Vec<Migration>,
    /// Every from → to pair (Grow, Maintain, At risk each way), with its accounts.
    pub matrix: Vec<MatrixCell>,
    /// At risk now and not then (an account new this week and at risk counts).
    pub newly_at_risk: Vec<String>,
    /// At risk then, in the book now and no longer at risk.
    pub recovered: Vec<String>,
    /// Every account of either week: the newer week's order, then those gone.
    pub changes: Vec<AccountChange>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub projected_sales: Shift,
    pub hours: Shift,
    pub deterioration: Shift,
    pub upside: Shift,
    /// Hours on the accounts flagged as time sinks in each week.
    pub time_sink_hours: Shift,
}

impl Comparison {
    /// The accounts behind one cell of the matrix.
    pub fn cell(&self, from: Category, to: Category) -> &[String] {
        self.matrix
            .iter()
            .find(|c| c.from == from && c.to == to)
            .map_or(&[], |c| c.accounts.as_slice())
    }

    /// The changes with a known sales change, largest (either way) first.
    pub fn largest_changes(&self) -> Vec<&AccountChange> {
        let mut out: Vec<&AccountChange> = self
            .changes
            .iter()
            .filter(|c| c.projected_sales_change.is_some_and(|x| x != 0.0))
            .collect();
        let size = |c: &AccountChange| c.projected_sales_change.unwrap_or(0.0).abs();
        out.sort_by(|a, b| size(b).total_cmp(&size(a)));
        out
    }
}

fn difference(then: Option<f64>, now: Option<f64>, presence: Presence) -> Option<f64> {
    match presence {
        Presence::Both => Some(now? - then?),
        Presence::Added => now,
        Presence::Removed => then.map(|t| -t),
    }
}

/// What moved from `older` to `newer`.
pub fn compare(older: &Snapshot, newer: &Snapshot) -> Comparison {
    let then: HashMap<String, &AccountSnapshot> = older
        .accounts
        .iter()
        .map(|a| (name_key(&a.account), a))
        .collect();
    let now: HashMap<String, &AccountSnapshot> = newer
        .accounts
        .iter()
        .map(|a| (name_key(&a.account), a))
        .collect();

    let mut matrix: Vec<MatrixCell> = Category::ALL
        .iter()
        .flat_map(|&from| {
            Category::ALL.iter().map(move |&to| MatrixCell {
                from,
                to,
                accounts: Vec::new(),
            })
        })
        .collect();
    let mut migrations = Vec::new();
    let mut newly_at_risk = Vec::new();
    let mut recovered = Vec::new();
    let mut changes = Vec::new();
    let mut added = Vec::new();

    for n in &newer.accounts {
        let o = then.get(&name_key(&n.account)).copied();
        let presence = if o.is_some() {
            Presence::Both
        } else {
            Presence::Added
        };
        if let Some(o) = o {
            if let Some(cell) = matrix
                .iter_mut()
                .find(|c| c.from == o.category && c.to == n.category)
            {
                cell.accounts.push(n.account.clone());
            }
            if o.category != n.category {
                migrations.push(Migration {
                    account: n.account.clone(),
                    from: o.category,
                    to: n.category,
                });
            }
            if o.category == Category::AtRisk && n.category != Category::AtRisk {
                recovered.push(n.account.clone());
            }
        } else {
            added.push(n.account.clone());
        }
        if n.category == Category::AtRisk && o.is_none_or(|o| o.category != Category::AtRisk) {
            newly_at_risk.push(n.account.clone());
        }
        changes.push(change(&n.account, o, Some(n), presence));
    }
    let mut removed = Vec::new();
    for o in &older.accounts {
        if !now.contains_key(&name_key(&o.account)) {
            removed.push(o.account.clone());
            changes.push(change(&o.account, Some(o), None, Presence::Removed));
        }
    }

    let (t0, t1) = (&older.totals.total, &newer.totals.total);
    Comparison {
        older: (older.iso_year, older.week),
        newer: (newer.iso_year, newer.week),
        migrations,
        matrix,
        newly_at_risk,
        recovered,
        changes,
        added,
        removed,
        projected_sales: Shift::new(t0.projected_sales, t1.projected_sales),
        hours: Shift::new(t0.hours, t1.hours),
        deterioration: Shift::new(t0.deterioration, t1.deterioration),
        upside: Shift::new(t0.upside, t1.upside),
        time_sink_hours: Shift::new(t0.time_sink_hours, t1.time_sink_hours),
    }
}

fn change(
    account: &str,
    then: Option<&AccountSnapshot>,
    now: Option<&AccountSnapshot>,
    presence: Presence,
) -> AccountChange {
    let sales_then = then.and_then(|a| a.projected_sales);
    let sales_now = now.and_then(|a| a.projected_sales);
    let hours_then = then.and_then(|a| a.hours);
    let hours_now = now.and_then(|a| a.hours);
    AccountChange {
        account: account.to_string(),
        presence,
        category_then: then.map(|a| a.category),
        category_now: now.map(|a| a.category),
        projected_sales_then: sales_then,
        projected_sales_now: sales_now,
        projected_sales_change: difference(sales_then, sales_now, presence),
        hours_then,
        hours_now,
        hours_change: difference(hours_then, hours_now, presence),
    }
}

/// Sales and hours of one category in one week.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct TrendPoint {
    pub projected_sales: f64,
    pub hours: f64,
}

/// One week of the trends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrendWeek {
    pub iso_year: i32,
    pub week: u32,
    pub grow: TrendPoint,
    pub maintain: TrendPoint,
    pub at_risk: TrendPoint,
    pub total: TrendPoint,
}

impl TrendWeek {
    pub fn category(&self, category: Category) -> TrendPoint {
        match category {
            Category::Grow => self.grow,
            Category::Maintain => self.maintain,
            Category::AtRisk => self.at_risk,
        }
    }
}

/// Sales and hours per category, one entry per week in week order; of two snapshots of the
/// same week the later in `snapshots` counts (it was saved last).
pub fn trends(snapshots: &[Snapshot]) -> Vec<TrendWeek> {
    let point = |t: &WeekTotals| TrendPoint {
        projected_sales: t.projected_sales,
        hours: t.hours,
    };
    let mut weeks: Vec<TrendWeek> = Vec::new();
    for s in snapshots {
        let w = TrendWeek {
            iso_year: s.iso_year,
            week: s.week,
            grow: point(&s.totals.grow),
            maintain: point(&s.totals.maintain),
            at_risk: point(&s.totals.at_risk),
            total: point(&s.totals.total),
        };
        match weeks
            .iter_mut()
            .find(|x| (x.iso_year, x.week) == (s.iso_year, s.week))
        {
            Some(x) => *x = w,
            None => weeks.push(w),
        }
    }
    weeks.sort_by_key(|w| (w.iso_year, w.week));
    weeks
}

/// What the rep will do next for an account: plain data the rep ticks off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextAction {
    pub account: String,
    pub text: String,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub done: bool,
}

/// The questions of the weekly checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// No tier A account is under-served.
    TopAccountsServed,
    /// Fewer hours on time sinks than the previous week.
    TimeSinkHoursDown,
    /// Every Grow account has an open next action.
    GrowHasNextAction,
    /// Every At-risk account has an open next action: its save plan.
    AtRiskHasSavePlan,
}

impl Check {
    pub const ALL: [Check; 4] = [
        Check::TopAccountsServed,
        Check::TimeSinkHoursDown,
        Check::GrowHasNextAction,
        Check::AtRiskHasSavePlan,
    ];

    /// The question a rep reads.
    pub fn label(self) -> &'static str {
        match self {
            Check::TopAccountsServed => "Top accounts served enough?",
            Check::TimeSinkHoursDown => "Time-sink hours down?",
            Check::GrowHasNextAction => "Every Grow account has a next action?",
            Check::AtRiskHasSavePlan => "Every At-risk account has a save plan?",
        }
    }
}

/// One question of the checklist, answered from the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckItem {
    pub check: Check,
    /// `None` when the data cannot tell yet (no earlier week to compare with).
    pub passed: Option<bool>,
    /// The accounts that fail it, in the review's order.
    pub failing: Vec<String>,
    /// One line that says why, with the numbers.
    pub detail: String,
}

/// The week's checklist: the review against the previous week's snapshot and the rep's next
/// actions (only those not done count as a plan).
pub fn checklist(
    review: &Review,
    previous: Option<&Snapshot>,
    actions: &[NextAction],
) -> Vec<CheckItem> {
    let open: Vec<String> = actions
        .iter()
        .filter(|a| !a.done && !a.text.trim().is_empty())
        .map(|a| name_key(&a.account))
        .collect();
    let has_action = |name: &str| open.contains(&name_key(name));
    let names = |pred: &dyn Fn(&crate::AccountReview) -> bool| -> Vec<String> {
        review
            .accounts
            .iter()
            .filter(|a| pred(a))
            .map(|a| a.account.clone())
            .collect()
    };

    let under_served = names(&|a| a.tier == Tier::A && a.flags.contains(&Flag::UnderServed));
    let top = review.accounts.iter().filter(|a| a.tier == Tier::A).count();
    let served = CheckItem {
        check: Check::TopAccountsServed,
        passed: Some(under_served.is_empty()),
        detail: if under_served.is_empty() {
            format!(
                "Every top (tier A) account gets time in line with what it brings ({}).",
                accounts(top)
            )
        } else {
            format!(
                "Under-served top (tier A) accounts: {} of {top}, with less than half the time their share of value calls for.",
                under_served.len()
            )
        },
        failing: under_served,
    };

    let sink_hours_now: f64 = review
        .accounts
        .iter()
        .filter(|a| a.flags.contains(&Flag::TimeSink))
        .filter_map(|a| a.hours)
        .sum();
    let sinks_now = names(&|a| a.flags.contains(&Flag::TimeSink));
    let time_sinks = match previous {
        None => CheckItem {
            check: Check::TimeSinkHoursDown,
            passed: (sink_hours_now == 0.0).then_some(true),
            detail: format!(
                "{} h on time sinks this week; no earlier week saved to compare with.",
                fmt_hours(sink_hours_now)
            ),
            failing: sinks_now,
        },
        Some(prev) => {
            let then = prev.totals.total.time_sink_hours;
            let down = sink_hours_now < then - 1e-9 || (sink_hours_now == 0.0 && then == 0.0);
            // The time sinks whose hours did not fall (new ones included).
            let failing = names(&|a| {
                a.flags.contains(&Flag::TimeSink)
                    && prev
                        .account(&a.account)
                        .is_none_or(|p| a.hours.unwrap_or(0.0) >= p.hours.unwrap_or(0.0))
            });
            let direction = if down {
                "down from"
            } else if sink_hours_now > then + 1e-9 {
                "up from"
            } else {
                "the same as"
            };
            CheckItem {
                check: Check::TimeSinkHoursDown,
                passed: Some(down),
                detail: format!(
                    "{} h on time sinks this week, {direction} {} h in {}.",
                    fmt_hours(sink_hours_now),
                    fmt_hours(then),
                    prev.week_label()
                ),
                failing: if down { Vec::new() } else { failing },
            }
        }
    };

    let without =
        |category: Category| names(&|a| a.category == category && !has_action(&a.account));
    let count = |category: Category| {
        review
            .accounts
            .iter()
            .filter(|a| a.category == category)
            .count()
    };
    let grow_missing = without(Category::Grow);
    let grows = count(Category::Grow);
    let grow = CheckItem {
        check: Check::GrowHasNextAction,
        passed: Some(grow_missing.is_empty()),
        detail: if grows == 0 {
            "No Grow accounts this week.".to_string()
        } else if grow_missing.is_empty() {
            format!(
                "Every Grow account has an open next action ({}).",
                accounts(grows)
            )
        } else {
            format!(
                "Grow accounts without an open next action: {} of {grows}.",
                grow_missing.len()
            )
        },
        failing: grow_missing,
    };
    let risk_missing = without(Category::AtRisk);
    let risks = count(Category::AtRisk);
    let deterioration: f64 = review
        .accounts
        .iter()
        .filter(|a| risk_missing.contains(&a.account))
        .filter_map(|a| a.deterioration)
        .sum();
    let at_risk = CheckItem {
        check: Check::AtRiskHasSavePlan,
        passed: Some(risk_missing.is_empty()),
        detail: if risks == 0 {
            "No At-risk accounts this week.".to_string()
        } else if risk_missing.is_empty() {
            format!(
                "Every At-risk account has a save plan ({}).",
                accounts(risks)
            )
        } else {
            format!(
                "At-risk accounts without a save plan: {} of {risks}, with an estimated {} of sales at stake.",
                risk_missing.len(),
                Money(deterioration)
            )
        },
        failing: risk_missing,
    };
    vec![served, time_sinks, grow, at_risk]
}

/// "1 account", "3 accounts".
fn accounts(n: usize) -> String {
    if n == 1 {
        "1 account".into()
    } else {
        format!("{n} accounts")
    }
}

#[cfg(test)]
mod tests;
