//! Where the hours go: a time log (date, account, hours, activity, note), hours per account per
//! ISO week, and the rolling average that replaces an hours column when the log is there.
//!
//! Weeks are ISO 8601 weeks: they start on Monday, and week 1 is the week holding the year's
//! first Thursday. A rep reviews **last week** on Monday, so the rolling window is the `weeks`
//! complete ISO weeks that end on the Sunday before the week of `today`; entries of the current
//! week are not counted yet.
//!
//! ```
//! use account_lens_engine::{rolling_average, Activity, Date, TimeEntry, TimeLog};
//!
//! let day = |d| Date::from_ymd(2026, 11, d).unwrap();
//! let log = TimeLog {
//!     entries: vec![
//!         TimeEntry { date: day(2), account: "Summit Clinics".into(), hours: 3.0,
//!                     activity: Activity::Visit, note: String::new() },
//!         TimeEntry { date: day(24), account: "summit clinics ".into(), hours: 5.0,
//!                     activity: Activity::parse("phone call"), note: String::new() },
//!         // This week's entry (the review is on Monday 30 November): not counted yet.
//!         TimeEntry { date: day(30), account: "Summit Clinics".into(), hours: 8.0,
//!                     activity: Activity::Demo, note: String::new() },
//!     ],
//! };
//! let average = rolling_average(&log, day(30), 4);
//! assert_eq!(average["Summit Clinics"], 2.0); // (3 + 5) h over 4 weeks
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Dataset, Diagnostic};

/// Weeks in the rolling average that [`apply_time_log`] uses.
pub const ROLLING_WEEKS: u32 = 4;

/// A calendar day of the proleptic Gregorian calendar, always valid (see [`Date::from_ymd`]).
///
/// Fields are public to read; build dates with [`Date::from_ymd`] so they stay valid (a
/// deserialized date is checked the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "DateParts")]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A date as stored, before it is checked.
#[derive(Deserialize)]
struct DateParts {
    year: i32,
    month: u32,
    day: u32,
}

impl TryFrom<DateParts> for Date {
    type Error = String;

    fn try_from(p: DateParts) -> Result<Self, Self::Error> {
        Date::from_ymd(p.year, p.month, p.day)
            .ok_or_else(|| format!("{}-{:02}-{:02} is not a date", p.year, p.month, p.day))
    }
}

impl Date {
    /// The date `year-month-day`, or `None` when there is no such day (month 13, 2026-02-29).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date { year, month, day }
    }

    /// The date `n` days later (earlier for a negative `n`).
    #[must_use]
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch().saturating_add(n))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// ISO day of the week: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        let from_monday = (self.days_since_epoch() + 3).rem_euclid(7);
        u32::try_from(from_monday).unwrap_or(0) + 1
    }

    /// The Monday that starts this date's ISO week.
    #[must_use]
    pub fn monday_of_week(self) -> Date {
        self.add_days(-i64::from(self.weekday() - 1))
    }

    /// The ISO 8601 week: (ISO year, week 1..=53). The ISO year is the year of the week's
    /// Thursday, so 2021-01-03 is in 2020-W53 and 2026-12-28 in 2026-W53.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.monday_of_week().add_days(3);
        let day_of_year = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        }
        .days_until(thursday);
        let week = u32::try_from(day_of_year / 7).unwrap_or(0) + 1;
        (thursday.year, week)
    }

    /// The Monday of ISO week `week` of `iso_year`, or `None` when the year has no such week
    /// (week 0, or week 53 of a 52-week year).
    pub fn from_iso_week(iso_year: i32, week: u32) -> Option<Date> {
        // 4 January is always in week 1.
        let first_monday = Date {
            year: iso_year,
            month: 1,
            day: 4,
        }
        .monday_of_week();
        let monday = first_monday.add_days(7 * (i64::from(week) - 1));
        (week >= 1 && monday.iso_week() == (iso_year, week)).then_some(monday)
    }

    /// Reads `2026-11-02` (ISO 8601, as [`Display`](fmt::Display) writes it).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2026-11-02`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`; month 1..=12).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12; // March = 0 … February = 11
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01 (Hinnant's `civil_from_days`); the year saturates
/// outside `i32`.
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = era.saturating_mul(400).saturating_add(yoe) + i64::from(m <= 2);
    let y = i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX });
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// What the time was spent on.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Face to face with the customer: a visit, an on-site meeting, a business lunch.
    Visit,
    /// Remote contact: a phone or video call, an online meeting, an e-mail exchange.
    Call,
    /// Training given by or for a vendor (product training, workshop, seminar).
    VendorTraining,
    /// A demonstration or presentation of a product.
    Demo,
    /// Paperwork for the account: quotes, orders, CRM upkeep, internal meetings.
    Admin,
    /// Anything else, and any activity that is not recognised.
    #[default]
    Other,
}

impl Activity {
    pub const ALL: [Activity; 6] = [
        Activity::Visit,
        Activity::Call,
        Activity::VendorTraining,
        Activity::Demo,
        Activity::Admin,
        Activity::Other,
    ];

    /// The name a rep reads.
    pub fn label(self) -> &'static str {
        match self {
            Activity::Visit => "Visit",
            Activity::Call => "Call",
            Activity::VendorTraining => "Vendor training",
            Activity::Demo => "Demo",
            Activity::Admin => "Admin",
            Activity::Other => "Other",
        }
    }

    /// The stored name (`visit`, `call`, `vendor_training`, `demo`, `admin`, `other`).
    pub fn key(self) -> &'static str {
        match self {
            Activity::Visit => "visit",
            Activity::Call => "call",
            Activity::VendorTraining => "vendor_training",
            Activity::Demo => "demo",
            Activity::Admin => "admin",
            Activity::Other => "other",
        }
    }

    /// Reads what a rep typed, tolerantly; text it does not recognise is [`Activity::Other`].
    ///
    /// A label or key reads as itself (`"Vendor training"`, `"vendor_training"`). Otherwise the
    /// first group with a matching word wins, in this order: training (`"Training"`,
    /// `"product training"`, `"workshop"`, `"seminar"`) → vendor training; `"demo"`,
    /// `"demonstration"`, `"presentation"` → demo; remote contact (`"phone call"`, `"phone"`,
    /// `"video"`, `"zoom"`, `"teams"`, `"online meeting"`, `"e-mail"`) → call; being there
    /// (`"visit"`, `"meeting"`, `"on site"`, `"appointment"`, `"lunch"`) → visit; paperwork
    /// (`"admin"`, `"quote"`, `"proposal"`, `"crm"`, `"internal"`) → admin. So a plain
    /// `"meeting"` is a visit (a rep meets customers where they are), an `"online meeting"` a
    /// call, and a `"demo call"` a demo.
    pub fn parse(text: &str) -> Activity {
        let norm: String = text
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let words: Vec<&str> = norm.split_whitespace().collect();
        let joined = words.join(" ");
        if let Some(a) = Activity::ALL
            .into_iter()
            .find(|a| joined == a.label().to_lowercase() || joined == a.key().replace('_', " "))
        {
            return a;
        }
        let has = |list: &[&str]| {
            words.iter().any(|w| list.contains(w))
                || list
                    .iter()
                    .any(|p| p.contains(' ') && format!(" {joined} ").contains(&format!(" {p} ")))
        };
        const TRAINING: &[&str] = &[
            "training",
            "trainings",
            "workshop",
            "seminar",
            "course",
            "schulung",
            "formation",
        ];
        const DEMO: &[&str] = &["demo", "demos", "demonstration", "presentation", "showcase"];
        const CALL: &[&str] = &[
            "call",
            "calls",
            "phone",
            "telephone",
            "phoned",
            "video",
            "zoom",
            "teams",
            "webex",
            "online",
            "virtual",
            "remote",
            "email",
            "mail",
            "e mail",
            "anruf",
            "telefonat",
        ];
        const VISIT: &[&str] = &[
            "visit",
            "visits",
            "meeting",
            "meetings",
            "on site",
            "onsite",
            "appointment",
            "lunch",
            "dinner",
            "besuch",
            "visite",
        ];
        const ADMIN: &[&str] = &[
            "admin",
            "administration",
            "administrative",
            "paperwork",
            "quote",
            "quotation",
            "proposal",
            "crm",
            "internal",
            "office",
            "reporting",
        ];
        [
            (TRAINING, Activity::VendorTraining),
            (DEMO, Activity::Demo),
            (CALL, Activity::Call),
            (VISIT, Activity::Visit),
            (ADMIN, Activity::Admin),
        ]
        .into_iter()
        .find(|(list, _)| has(list))
        .map_or(Activity::Other, |(_, a)| a)
    }
}

/// One line of the time log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeEntry {
    pub date: Date,
    /// The account as written; matched to the account sheet case-insensitively, trimmed.
    pub account: String,
    pub hours: f64,
    #[serde(default)]
    pub activity: Activity,
    #[serde(default)]
    pub note: String,
}

/// Time spent, entry by entry, in the order logged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeLog {
    pub entries: Vec<TimeEntry>,
}

impl TimeLog {
    /// This log with the entries of `other` that it does not hold yet: an entry in both (same
    /// day, account as matched, hours, activity and note) counts once, so merging a log with
    /// an export of itself, or with a log that repeats some of its entries, counts no time
    /// twice. Repeated entries within one log are kept (two calls on one day are two calls):
    /// an entry is added as often as `other` holds it more often than this log does. Entries
    /// keep their order, this log's first.
    #[must_use]
    pub fn merged(&self, other: &TimeLog) -> TimeLog {
        type Key = (Date, String, u64, Activity, String);
        let key = |e: &TimeEntry| -> Key {
            (
                e.date,
                account_key(&e.account),
                // 0.0 and −0.0 are the same hours.
                (e.hours + 0.0).to_bits(),
                e.activity,
                e.note.trim().to_string(),
            )
        };
        // How many of each entry this log holds and `other` has not matched yet.
        let mut unmatched: BTreeMap<Key, usize> = BTreeMap::new();
        for e in &self.entries {
            *unmatched.entry(key(e)).or_insert(0) += 1;
        }
        let mut entries = self.entries.clone();
        for e in &other.entries {
            match unmatched.get_mut(&key(e)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => entries.push(e.clone()),
            }
        }
        TimeLog { entries }
    }
}

/// Hours of one account in one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountWeek {
    /// The account's name as first seen in the log.
    pub account: String,
    pub iso_year: i32,
    /// ISO week 1..=53.
    pub week: u32,
    pub hours: f64,
}

/// How the time log matches an account name: trimmed, inner spaces folded, case ignored.
pub fn account_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The first spelling of every account of the log, by key.
fn first_names(log: &TimeLog) -> BTreeMap<String, &str> {
    let mut names = BTreeMap::new();
    for e in &log.entries {
        names
            .entry(account_key(&e.account))
            .or_insert_with(|| e.account.trim());
    }
    names
}

/// Hours per account per ISO week, sorted by account (case ignored) and week. Accounts are
/// matched case-insensitively and trimmed, and named as first seen in the log.
pub fn weekly(log: &TimeLog) -> Vec<AccountWeek> {
    let names = first_names(log);
    let mut sums: BTreeMap<(String, i32, u32), f64> = BTreeMap::new();
    for e in &log.entries {
        let (year, week) = e.date.iso_week();
        *sums
            .entry((account_key(&e.account), year, week))
            .or_insert(0.0) += e.hours;
    }
    sums.into_iter()
        .map(|((key, iso_year, week), hours)| AccountWeek {
            account: names.get(&key).map_or(key.clone(), |n| (*n).to_string()),
            iso_year,
            week,
            hours,
        })
        .collect()
}

/// The first and last day of the rolling window: the `weeks` ISO weeks that end on the Sunday
/// before the week of `today` (Monday `weeks` weeks back to last Sunday). With `weeks` = 0 the
/// window is empty (`from` is after `to`).
pub fn rolling_window(today: Date, weeks: u32) -> (Date, Date) {
    let monday = today.monday_of_week();
    (monday.add_days(-7 * i64::from(weeks)), monday.add_days(-1))
}

/// Per account, the hours logged in the [`rolling_window`] of `weeks` weeks before the week of
/// `today`, divided by `weeks`: weeks without entries count as zero. Accounts are matched
/// case-insensitively and trimmed and reported under the name as first seen in the log; only
/// accounts with entries in the window are listed. Empty when `weeks` is 0.
pub fn rolling_average(log: &TimeLog, today: Date, weeks: u32) -> BTreeMap<String, f64> {
    window_totals(log, today, weeks)
        .into_values()
        .map(|t| (t.name, t.hours / f64::from(weeks)))
        .collect()
}

/// An account's time in the window.
struct WindowTotal {
    name: String,
    hours: f64,
}

/// Hours logged in the window per account key; the entry count beside.
fn window_totals(log: &TimeLog, today: Date, weeks: u32) -> BTreeMap<String, WindowTotal> {
    let mut totals: BTreeMap<String, WindowTotal> = BTreeMap::new();
    if weeks == 0 {
        return totals;
    }
    let names = first_names(log);
    let (from, to) = rolling_window(today, weeks);
    for e in log.entries.iter().filter(|e| (from..=to).contains(&e.date)) {
        let key = account_key(&e.account);
        let name = names
            .get(&key)
            .map_or_else(|| key.clone(), |n| (*n).to_string());
        totals
            .entry(key)
            .or_insert(WindowTotal { name, hours: 0.0 })
            .hours += e.hours;
    }
    totals
}

/// Where the hours of the review came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoursSource {
    /// The account sheet's hours column (or none: no hours at all).
    Column,
    /// The rolling average of the time log over `weeks` weeks from `from` to `to`, from
    /// `entries` entries.
    Log {
        weeks: u32,
        from: Date,
        to: Date,
        entries: usize,
    },
}

impl HoursSource {
    /// The source in words, as the page and the CLI state it.
    pub fn describe(&self) -> String {
        match self {
            HoursSource::Column => "Hours are the sheet's Hours/week column".into(),
            HoursSource::Log {
                weeks,
                from,
                to,
                entries,
            } => format!(
                "Hours are the {weeks}-week average of your time log ({from} to {to}, {entries} {})",
                if *entries == 1 { "entry" } else { "entries" }
            ),
        }
    }
}

/// Hours as the messages quote them: up to two decimals, no trailing zeros ("12", "1.5").
fn hours_text(h: f64) -> String {
    let s = format!("{:.2}", (h * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The dataset with its hours taken from the time log, and which source the hours are.
///
/// When the log has entries in the [`ROLLING_WEEKS`]-week [`rolling_window`] before the week of
/// `today`, logged time takes precedence over the hours column for **every** account: an
/// account's hours become its [`rolling_average`], and an account with no entries in the window
/// gets 0 h, not its column value (a diagnostic counts them). Time logged for accounts that
/// are not in the dataset is reported, one warning each ("12 h logged for “Acme” which is not
/// in the account sheet"). A diagnostic states the source ([`HoursSource::describe`]).
///
/// Without entries in the window the dataset is returned unchanged (a diagnostic says so when
/// the log has entries elsewhere) and the source is [`HoursSource::Column`].
pub fn apply_time_log(dataset: &Dataset, log: &TimeLog, today: Date) -> (Dataset, HoursSource) {
    let mut out = dataset.clone();
    let weeks = ROLLING_WEEKS;
    let (from, to) = rolling_window(today, weeks);
    let entries = log
        .entries
        .iter()
        .filter(|e| (from..=to).contains(&e.date))
        .count();
    if entries == 0 {
        if !log.entries.is_empty() {
            out.diagnostics.push(Diagnostic::info(format!(
                "The time log has no entries from {from} to {to} (the {weeks} weeks before this one): hours are the sheet's Hours/week column"
            )));
        }
        return (out, HoursSource::Column);
    }
    let source = HoursSource::Log {
        weeks,
        from,
        to,
        entries,
    };
    let mut totals = window_totals(log, today, weeks);
    let mut unlogged = 0usize;
    let mut had_column_hours: Vec<String> = Vec::new();
    let mut matched: Vec<String> = Vec::new();
    for account in &mut out.accounts {
        let key = account_key(&account.name);
        let hours = match totals.get(&key) {
            Some(t) => {
                matched.push(key);
                t.hours / f64::from(weeks)
            }
            None => {
                unlogged += 1;
                if account.hours.is_some_and(|h| h > 0.0) {
                    had_column_hours.push(account.name.clone());
                }
                0.0
            }
        };
        account.hours = Some(hours);
    }
    out.diagnostics.push(Diagnostic::info(source.describe()));
    if unlogged > 0 {
        let accounts = if unlogged == 1 {
            "1 account has".to_string()
        } else {
            format!("{unlogged} accounts have")
        };
        let message = format!(
            "{accounts} no time logged from {from} to {to}: 0 h each, not the sheet's hours"
        );
        out.diagnostics.push(if had_column_hours.is_empty() {
            Diagnostic::info(message)
        } else {
            let named = match had_column_hours.len() {
                1 => format!("{} has", had_column_hours[0]),
                2 => format!("{} and {} have", had_column_hours[0], had_column_hours[1]),
                n => format!(
                    "{}, {} and {} more have",
                    had_column_hours[0],
                    had_column_hours[1],
                    n - 2
                ),
            };
            Diagnostic::warning(format!(
                "{message} ({named} hours in the sheet: log their time to count it)"
            ))
        });
    }
    for key in matched {
        totals.remove(&key);
    }
    for t in totals.into_values() {
        out.diagnostics.push(Diagnostic::warning(format!(
            "{} h logged for “{}” which is not in the account sheet",
            hours_text(t.hours),
            t.name
        )));
    }
    (out, source)
}

/// The entries of one account (matched case-insensitively, trimmed), newest first; entries of
/// the same day in the reverse of the order logged.
pub fn activity_history<'a>(log: &'a TimeLog, account: &str) -> Vec<&'a TimeEntry> {
    let key = account_key(account);
    let mut found: Vec<(usize, &TimeEntry)> = log
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| account_key(&e.account) == key)
        .collect();
    found.sort_by(|(i, a), (j, b)| b.date.cmp(&a.date).then(j.cmp(i)));
    found.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests;
