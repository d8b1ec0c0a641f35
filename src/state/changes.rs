//! Changes to the time plan's settings and to the time log, as the plan and time-log sections
//! make them. Each is applied to what is kept ([`Saved`]); the reducer then reviews the
//! workbook again.

use account_lens_engine::{
    Category, Date, Estimate, Estimates, Hours, NextAction, SignedHours, TimeEntry, TimeLog,
};

use crate::storage::Saved;

/// The longest week a plan takes: every hour of seven days.
pub const MOST_HOURS_A_WEEK: f64 = 168.0;

/// A change to the plan's settings.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanChange {
    /// Hours a week to give out.
    Capacity(f64),
    /// One of an account's four estimates (what-if): `from` are the estimates it has now (its
    /// own, its sheet's or its category's), with `which` set to `value`.
    Estimate {
        account: String,
        from: Estimates,
        which: Estimate,
        value: f64,
    },
    /// The account back to its sheet's or its category's estimates.
    ResetEstimates { account: String },
    /// Every account back to its sheet's or its category's estimates.
    ResetAllEstimates,
    /// The fewest and the most hours a week for an account (None: no bound).
    Bounds {
        account: String,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// The same minimum for each of `accounts` (tier A, say), their maximums kept; None
    /// removes their minimums.
    Floor {
        accounts: Vec<String>,
        min: Option<f64>,
    },
    /// One of a category's default estimates.
    Default {
        category: Category,
        which: Estimate,
        value: f64,
    },
    /// Capacity, defaults, own estimates and bounds back to the defaults.
    Reset,
}

/// A change to the time log.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeChange {
    /// One entry logged in the app.
    Log(TimeEntry),
    /// The entry at this index of the logged entries removed.
    Remove(usize),
    /// The entries of a time-log file: those not already logged are added.
    Imported { file_name: String, log: TimeLog },
}

/// A fraction as the percent a rep types: 0.86 → "86", 1.125 → "112.5".
pub fn percent_text(fraction: f64) -> String {
    format!("{}", (fraction * 1000.0).round() / 10.0)
}

/// Hours that make sense for a week: finite, not negative, at most [`MOST_HOURS_A_WEEK`].
fn week_hours(hours: f64) -> Option<f64> {
    (hours.is_finite() && (0.0..=MOST_HOURS_A_WEEK).contains(&hours)).then_some(hours)
}

impl PlanChange {
    /// Makes the change; false when it changes nothing (a value that is not a number, hours
    /// out of a week's range, a minimum over the maximum).
    pub fn apply(self, saved: &mut Saved) -> bool {
        let plan = &mut saved.plan;
        let before = plan.clone();
        match self {
            PlanChange::Capacity(hours) => match week_hours(hours) {
                Some(hours) => plan.capacity = hours,
                None => return false,
            },
            PlanChange::Estimate {
                account,
                mut from,
                which,
                value,
            } => {
                if !value.is_finite() {
                    return false;
                }
                *from.get_mut(which) = value;
                plan.estimates.insert(account, from);
            }
            PlanChange::ResetEstimates { account } => {
                plan.estimates.remove(&account);
            }
            PlanChange::ResetAllEstimates => plan.estimates.clear(),
            PlanChange::Bounds { account, min, max } => {
                let min = match min.map(week_hours) {
                    Some(None) => return false,
                    other => other.flatten(),
                };
                let max = match max.map(week_hours) {
                    Some(None) => return false,
                    other => other.flatten(),
                };
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo > hi {
                        return false;
                    }
                }
                if min.is_none() && max.is_none() {
                    plan.bounds.remove(&account);
                } else {
                    plan.bounds.insert(account, (min, max));
                }
            }
            PlanChange::Floor { accounts, min } => {
                let min = match min.map(week_hours) {
                    Some(None) => return false,
                    other => other.flatten(),
                };
                for account in accounts {
                    let max = plan.bounds.get(&account).and_then(|(_, max)| *max);
                    // A floor over an account's maximum raises the maximum with it.
                    let max = match (min, max) {
                        (Some(lo), Some(hi)) if lo > hi => Some(lo),
                        _ => max,
                    };
                    if min.is_none() && max.is_none() {
                        plan.bounds.remove(&account);
                    } else {
                        plan.bounds.insert(account, (min, max));
                    }
                }
            }
            PlanChange::Default {
                category,
                which,
                value,
            } => {
                if !value.is_finite() {
                    return false;
                }
                *plan.defaults.get_mut(category).get_mut(which) = value;
            }
            PlanChange::Reset => *plan = Default::default(),
        }
        *plan != before
    }
}

/// What a time-log change did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Logged {
    Nothing,
    /// "Logged 1.5 h for Northwind on 2026-12-03."
    Entry(String),
    Removed(String),
    /// Entries added from a file, and those already in the log.
    FromFile {
        file_name: String,
        added: usize,
        already: usize,
    },
}

impl Logged {
    /// The line the page shows; None when nothing changed.
    pub fn message(&self) -> Option<String> {
        let entries = |n: usize| match n {
            1 => "1 entry".to_string(),
            n => format!("{n} entries"),
        };
        match self {
            Logged::Nothing => None,
            Logged::Entry(line) | Logged::Removed(line) => Some(line.clone()),
            Logged::FromFile {
                file_name,
                added,
                already,
            } => Some(match (added, already) {
                (0, 0) => format!("“{file_name}” has no time entries."),
                (0, n) => format!(
                    "Nothing added from “{file_name}”: its {} already in your time log.",
                    match n {
                        1 => "one entry is".to_string(),
                        n => format!("{n} entries are"),
                    }
                ),
                (n, 0) => format!("Added {} from “{file_name}”.", entries(*n)),
                (n, m) => format!(
                    "Added {} from “{file_name}”; {} already in your time log.",
                    entries(*n),
                    entries(*m)
                ),
            }),
        }
    }
}

/// Hours as a line quotes them, to the quarter hour: "1.5", "2", "0.25".
pub fn hours_text(hours: f64) -> String {
    Hours(hours).to_string()
}

/// A change of hours: "+1.75", "−3", and "0" for none.
pub fn change_text(hours: f64) -> String {
    if hours.abs() < 0.005 {
        "0".into()
    } else {
        SignedHours(hours).to_string()
    }
}

impl TimeChange {
    /// Makes the change.
    pub fn apply(self, saved: &mut Saved) -> Logged {
        let log = &mut saved.logged;
        match self {
            TimeChange::Log(mut entry) => {
                entry.account = entry.account.trim().to_string();
                entry.note = entry.note.trim().to_string();
                if entry.account.is_empty() || !valid_hours(entry.hours) {
                    return Logged::Nothing;
                }
                let line = format!(
                    "Logged {} h for {} on {}.",
                    hours_text(entry.hours),
                    entry.account,
                    entry.date
                );
                log.entries.push(entry);
                Logged::Entry(line)
            }
            TimeChange::Remove(index) => {
                if index >= log.entries.len() {
                    return Logged::Nothing;
                }
                let entry = log.entries.remove(index);
                Logged::Removed(format!(
                    "Removed {} h for {} on {}.",
                    hours_text(entry.hours),
                    entry.account,
                    entry.date
                ))
            }
            TimeChange::Imported {
                file_name,
                log: new,
            } => {
                // An entry already in the log (the same file imported again) counts once.
                let merged = log.merged(&new);
                let added = merged.entries.len() - log.entries.len();
                let already = new.entries.len() - added;
                *log = merged;
                Logged::FromFile {
                    file_name,
                    added,
                    already,
                }
            }
        }
    }
}

/// Hours one entry can have: more than nothing, at most a day.
pub fn valid_hours(hours: f64) -> bool {
    hours.is_finite() && hours > 0.0 && hours <= 24.0
}

/// A date typed or picked in the form ("2026-12-03").
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse_iso(text.trim())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use account_lens_engine::Activity;

    fn entry(account: &str, day: u32, hours: f64) -> TimeEntry {
        TimeEntry {
            date: Date::from_ymd(2026, 11, day).unwrap(),
            account: account.into(),
            hours,
            activity: Activity::Visit,
            note: String::new(),
        }
    }

    #[test]
    fn a_logged_entry_is_kept_trimmed_and_a_bad_one_refused() {
        let mut saved = Saved::example();
        let mut first = entry(" Northwind ", 30, 1.5);
        first.note = " demo of the new line ".into();
        let done = TimeChange::Log(first).apply(&mut saved);
        assert_eq!(
            done.message().as_deref(),
            Some("Logged 1.5 h for Northwind on 2026-11-30.")
        );
        assert_eq!(saved.logged.entries[0].account, "Northwind");
        assert_eq!(saved.logged.entries[0].note, "demo of the new line");
        for hours in [0.0, -1.0, 25.0, f64::NAN] {
            let done = TimeChange::Log(entry("Northwind", 30, hours)).apply(&mut saved);
            assert_eq!(done, Logged::Nothing, "{hours}");
        }
        assert_eq!(
            TimeChange::Log(entry("  ", 30, 1.0)).apply(&mut saved),
            Logged::Nothing
        );
        assert_eq!(saved.logged.entries.len(), 1);
        let done = TimeChange::Remove(0).apply(&mut saved);
        assert_eq!(
            done.message().as_deref(),
            Some("Removed 1.5 h for Northwind on 2026-11-30.")
        );
        assert!(saved.logged.entries.is_empty());
        assert_eq!(TimeChange::Remove(0).apply(&mut saved), Logged::Nothing);
    }

    #[test]
    fn a_file_imported_twice_adds_its_entries_once() {
        let mut saved = Saved::example();
        let log = TimeLog {
            entries: vec![entry("Northwind", 23, 2.0), entry("Summit", 24, 1.0)],
        };
        let import = || TimeChange::Imported {
            file_name: "time.csv".into(),
            log: log.clone(),
        };
        assert_eq!(
            import().apply(&mut saved).message().as_deref(),
            Some("Added 2 entries from “time.csv”.")
        );
        assert_eq!(
            import().apply(&mut saved).message().as_deref(),
            Some("Nothing added from “time.csv”: its 2 entries are already in your time log.")
        );
        assert_eq!(saved.logged.entries.len(), 2);
    }

    #[test]
    fn plan_changes_keep_to_a_week_and_say_when_nothing_changed() {
        let mut saved = Saved::example();
        assert!(PlanChange::Capacity(32.5).apply(&mut saved));
        assert_eq!(saved.plan.capacity, 32.5);
        for bad in [-1.0, 169.0, f64::INFINITY] {
            assert!(!PlanChange::Capacity(bad).apply(&mut saved));
        }
        assert!(!PlanChange::Capacity(32.5).apply(&mut saved));
        let bounds = |min, max| PlanChange::Bounds {
            account: "Summit".into(),
            min,
            max,
        };
        assert!(bounds(Some(2.0), Some(6.0)).apply(&mut saved));
        assert_eq!(saved.plan.bounds["Summit"], (Some(2.0), Some(6.0)));
        assert!(!bounds(Some(7.0), Some(6.0)).apply(&mut saved));
        assert!(bounds(None, None).apply(&mut saved));
        assert!(saved.plan.bounds.is_empty());
        assert!(bounds(None, Some(1.0)).apply(&mut saved));
        let floor = |min| PlanChange::Floor {
            accounts: vec!["Summit".into(), "Harbor".into()],
            min,
        };
        assert!(floor(Some(2.0)).apply(&mut saved));
        assert_eq!(saved.plan.bounds["Summit"], (Some(2.0), Some(2.0)));
        assert_eq!(saved.plan.bounds["Harbor"], (Some(2.0), None));
        assert!(floor(None).apply(&mut saved));
        assert_eq!(saved.plan.bounds["Summit"], (None, Some(2.0)));
        assert!(!saved.plan.bounds.contains_key("Harbor"));
        assert!(bounds(None, None).apply(&mut saved));

        let from = saved.plan.defaults.grow;
        assert!(PlanChange::Estimate {
            account: "Summit".into(),
            from,
            which: Estimate::Saturation,
            value: 2.0,
        }
        .apply(&mut saved));
        let own = saved.plan.estimates["Summit"];
        assert_eq!(own.saturation, 2.0);
        assert_eq!(own.none, from.none);
        assert!(PlanChange::ResetEstimates {
            account: "Summit".into()
        }
        .apply(&mut saved));
        assert!(saved.plan.estimates.is_empty());
        assert!(PlanChange::Default {
            category: Category::AtRisk,
            which: Estimate::None,
            value: 0.3,
        }
        .apply(&mut saved));
        assert_eq!(saved.plan.defaults.at_risk.none, 0.3);
        assert!(PlanChange::Reset.apply(&mut saved));
        assert_eq!(saved.plan, Default::default());
    }
}

/// A change to the rep's next actions, from the account detail or the week's checklist.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionChange {
    /// A next action for an account: what to do, and by when.
    Add {
        account: String,
        text: String,
        due: Option<Date>,
    },
    /// Ticked off (or opened again), by its place in the list.
    Done { index: usize, done: bool },
    /// Removed, by its place in the list.
    Remove { index: usize },
}

impl ActionChange {
    /// Makes the change; what it did, in the rep's words, or None when there was nothing to do
    /// (an empty text, an index no longer there).
    pub fn apply(self, actions: &mut Vec<NextAction>) -> Option<String> {
        match self {
            ActionChange::Add { account, text, due } => {
                let text = text.trim().to_string();
                if text.is_empty() {
                    return None;
                }
                let told = match due {
                    Some(due) => format!("Next action for {account}, due {due}: {text}."),
                    None => format!("Next action for {account}: {text}."),
                };
                actions.push(NextAction {
                    account,
                    text,
                    due,
                    done: false,
                });
                Some(told)
            }
            ActionChange::Done { index, done } => {
                let action = actions.get_mut(index).filter(|a| a.done != done)?;
                action.done = done;
                Some(if done {
                    format!("Done: {} — {}.", action.account, action.text)
                } else {
                    format!("Open again: {} — {}.", action.account, action.text)
                })
            }
            ActionChange::Remove { index } => {
                if index >= actions.len() {
                    return None;
                }
                let action = actions.remove(index);
                Some(format!("Removed: {} — {}.", action.account, action.text))
            }
        }
    }
}
