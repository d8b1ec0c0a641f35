use std::collections::BTreeMap;
use std::rc::Rc;

use account_lens_engine::{
    account_key, rolling_window, weekly, Date, TimeEntry, TimeLog, ROLLING_WEEKS,
};
use yew::prelude::*;

use super::{picked_file, LogForm};
use crate::app::Command;
use crate::state::{hours_text, Action, Shared, TimeChange};
use crate::storage::Saved;

const FILE_ID: &str = "time-log-file";
/// Accounts of the weekly table shown.
pub const WEEK_ROWS: usize = 100;
/// Entries listed, the newest first.
pub const ENTRIES_SHOWN: usize = 50;

#[derive(Properties, PartialEq)]
pub struct TimeLogViewProps {
    /// What is kept of the workbook: its time-log sheet, if any, and the time logged here or
    /// imported from files.
    pub saved: Shared<Saved>,
    /// The sheet's entries and the logged ones together.
    pub log: Shared<TimeLog>,
    /// The workbook's accounts.
    pub names: Rc<Vec<String>>,
    pub today: Date,
    /// Where the review's hours come from, in words.
    pub hours_source: AttrValue,
    pub busy: bool,
    pub on_action: Callback<Action>,
    pub on_command: Callback<Command>,
}

/// Where the hours go: log time, import a time-log file, hours per account per week with the
/// average the review uses, and every entry.
#[component]
pub fn TimeLogView(props: &TimeLogViewProps) -> Html {
    let on_file = {
        let on_command = props.on_command.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = picked_file(&e) {
                on_command.emit(Command::ImportTimeLog(file));
            }
        })
    };

    let saved = &props.saved;
    let sheet = saved.sheet_log.as_ref();
    let weeks = week_table(&props.log, props.today);
    let entries = entry_rows(sheet.map(|(_, log)| log), &saved.logged);
    let sheet_name = sheet.map(|(name, _)| name.clone());

    let head = weeks.weeks.iter().map(|(label, from)| {
        html! { <th scope="col" title={format!("week from {from}")}>{ label.clone() }</th> }
    });
    let known: std::collections::HashMap<String, &str> = props
        .names
        .iter()
        .map(|n| (account_key(n), n.as_str()))
        .collect();
    let rows = weeks.rows.iter().take(WEEK_ROWS).map(|row| {
        // The workbook's spelling; time for an account it does not have is said to be so.
        let account = match known.get(&account_key(&row.account)) {
            Some(name) => (*name).to_string(),
            None => format!("{} (not in the workbook)", row.account),
        };
        html! {
            <tr>
                <th scope="row">{ account }</th>
                { for row.hours.iter().map(|h| html! { <td class="number">{ if *h > 0.0 { hours_text(*h) } else { "—".into() } }</td> }) }
                <td class="number strong">{ hours_text(row.average) }</td>
            </tr>
        }
    });
    let listed = entries.iter().take(ENTRIES_SHOWN).map(|(entry, index)| {
        let remove = index.map(|i| {
            let onclick = props
                .on_action
                .reform(move |_: MouseEvent| Action::Time(TimeChange::Remove(i)));
            html! {
                <button type="button" class="link" {onclick}
                    aria-label={format!("Remove {} h for {} on {}", hours_text(entry.hours), entry.account, entry.date)}>
                    { "Remove" }
                </button>
            }
        });
        html! {
            <tr>
                <td>{ entry.date.to_string() }</td>
                <th scope="row">{ entry.account.clone() }</th>
                <td class="number">{ hours_text(entry.hours) }</td>
                <td>{ entry.activity.label() }</td>
                <td>{ entry.note.clone() }</td>
                <td>{
                    match remove {
                        Some(button) => button,
                        None => html! { { format!("sheet “{}”", sheet_name.clone().unwrap_or_default()) } },
                    }
                }</td>
            </tr>
        }
    });

    html! {
        <section class="time-log" aria-labelledby="time-log-title">
            <h3 id="time-log-title">{ "Time log" }</h3>
            <p class="source">{ format!("{}.", props.hours_source) }</p>
            <LogForm id_prefix="log" names={props.names.clone()} today={props.today} on_action={props.on_action.clone()} />
            <div class="import-log">
                <label for={FILE_ID}>{ "Import a time log file" }</label>
                <input type="file" id={FILE_ID} accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt"
                    disabled={props.busy} onchange={on_file} />
                <span class="hint">{ "A sheet or CSV with a date, an account and hours (activity and note if you have them). Entries already in the log are not added twice." }</span>
            </div>
            <h4 id="weeks-title">{ "Hours per week" }</h4>
            if weeks.rows.is_empty() {
                <p>{ format!("No time logged in the {ROLLING_WEEKS} weeks before this one or in this week yet.") }</p>
            } else {
                <table class="accounts-table weeks" aria-labelledby="weeks-title">
                    <thead><tr>
                        <th scope="col">{ "Account" }</th>
                        { for head }
                        <th scope="col">{ format!("{ROLLING_WEEKS}-week average") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <p class="hint">{ format!("The review and the plan use the average of the {ROLLING_WEEKS} full weeks before this one; this week counts from next week on.") }</p>
            }
            <h4 id="entries-title">{ format!("Entries ({})", entries.len()) }</h4>
            if entries.is_empty() {
                <p>{ "No time logged yet." }</p>
            } else {
                <table class="accounts-table entries" aria-labelledby="entries-title">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th>
                        <th scope="col">{ "Account" }</th>
                        <th scope="col">{ "Hours" }</th>
                        <th scope="col">{ "Activity" }</th>
                        <th scope="col">{ "Note" }</th>
                        <th scope="col">{ "From" }</th>
                    </tr></thead>
                    <tbody>{ for listed }</tbody>
                </table>
                if entries.len() > ENTRIES_SHOWN {
                    <p class="note">{ format!("The {ENTRIES_SHOWN} newest of {} entries; every one is in the export's Activities sheet.", entries.len()) }</p>
                }
            }
        </section>
    }
}

/// Hours per account over the weeks of the rolling window and this week.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekTable {
    /// Column headers ("W45") and the Monday each week starts on, oldest first, this week last.
    pub weeks: Vec<(String, Date)>,
    /// Accounts with time in those weeks, the highest average first.
    pub rows: Vec<WeekRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WeekRow {
    pub account: String,
    /// Per week of [`WeekTable::weeks`].
    pub hours: Vec<f64>,
    /// The average of the full weeks before this one (what the review uses).
    pub average: f64,
}

/// The weekly table of `log` as of `today`.
pub fn week_table(log: &TimeLog, today: Date) -> WeekTable {
    let (from, _) = rolling_window(today, ROLLING_WEEKS);
    let mondays: Vec<Date> = (0..=ROLLING_WEEKS)
        .map(|i| from.add_days(7 * i64::from(i)))
        .collect();
    let weeks = mondays
        .iter()
        .enumerate()
        .map(|(i, monday)| {
            let label = if i == mondays.len() - 1 {
                "This week".to_string()
            } else {
                format!("W{}", monday.iso_week().1)
            };
            (label, *monday)
        })
        .collect();
    let index: BTreeMap<(i32, u32), usize> = mondays
        .iter()
        .enumerate()
        .map(|(i, m)| (m.iso_week(), i))
        .collect();
    let mut by_account: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for week in weekly(log) {
        if let Some(&i) = index.get(&(week.iso_year, week.week)) {
            by_account
                .entry(week.account)
                .or_insert_with(|| vec![0.0; mondays.len()])[i] += week.hours;
        }
    }
    let full = f64::from(ROLLING_WEEKS);
    let mut rows: Vec<WeekRow> = by_account
        .into_iter()
        .map(|(account, hours)| {
            let average = hours[..mondays.len() - 1].iter().sum::<f64>() / full;
            WeekRow {
                account,
                hours,
                average,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.average
            .total_cmp(&a.average)
            .then_with(|| a.account.cmp(&b.account))
    });
    WeekTable { weeks, rows }
}

/// Every entry, the newest first, with its index among the logged ones (None: from the
/// workbook's sheet, which only the workbook changes).
pub fn entry_rows<'a>(
    sheet: Option<&'a TimeLog>,
    logged: &'a TimeLog,
) -> Vec<(&'a TimeEntry, Option<usize>)> {
    let mut rows: Vec<(&TimeEntry, Option<usize>)> = sheet
        .into_iter()
        .flat_map(|log| log.entries.iter().map(|e| (e, None)))
        .chain(logged.entries.iter().enumerate().map(|(i, e)| (e, Some(i))))
        .collect();
    // Newest first; the latest logged first within a day.
    rows.sort_by(|(a, i), (b, j)| b.date.cmp(&a.date).then(j.cmp(i)));
    rows
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use account_lens_engine::Activity;

    fn at(month: u32, day: u32, account: &str, hours: f64) -> TimeEntry {
        TimeEntry {
            date: Date::from_ymd(2026, month, day).unwrap(),
            account: account.into(),
            hours,
            activity: Activity::Call,
            note: String::new(),
        }
    }

    #[test]
    fn the_week_table_has_four_full_weeks_and_this_one() {
        // Friday 4 December 2026 is in ISO week 49; the window is weeks 45 to 48.
        let today = Date::from_ymd(2026, 12, 4).unwrap();
        let log = TimeLog {
            entries: vec![
                at(11, 2, "Northwind", 2.0),  // Monday of week 45
                at(11, 29, "Northwind", 2.0), // Sunday of week 48
                at(11, 18, "Summit", 8.0),    // week 47
                at(12, 3, "Summit", 1.0),     // this week
                at(10, 30, "Northwind", 5.0), // before the window
            ],
        };
        let table = week_table(&log, today);
        let labels: Vec<&str> = table.weeks.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["W45", "W46", "W47", "W48", "This week"]);
        assert_eq!(table.weeks[0].1, Date::from_ymd(2026, 11, 2).unwrap());
        let got: Vec<(&str, &[f64], f64)> = table
            .rows
            .iter()
            .map(|r| (r.account.as_str(), r.hours.as_slice(), r.average))
            .collect();
        assert_eq!(
            got,
            [
                ("Summit", &[0.0, 0.0, 8.0, 0.0, 1.0][..], 2.0),
                ("Northwind", &[2.0, 0.0, 0.0, 2.0, 0.0][..], 1.0),
            ]
        );
    }

    #[test]
    fn entries_are_newest_first_and_only_logged_ones_can_be_removed() {
        let sheet = TimeLog {
            entries: vec![at(11, 20, "Northwind", 1.0)],
        };
        let logged = TimeLog {
            entries: vec![at(11, 25, "Summit", 2.0), at(11, 25, "Harbor", 0.5)],
        };
        let rows = entry_rows(Some(&sheet), &logged);
        let got: Vec<(&str, Option<usize>)> =
            rows.iter().map(|(e, i)| (e.account.as_str(), *i)).collect();
        assert_eq!(
            got,
            [
                ("Harbor", Some(1)),
                ("Summit", Some(0)),
                ("Northwind", None)
            ]
        );
    }
}
