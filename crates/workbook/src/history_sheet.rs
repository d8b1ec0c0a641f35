//! The `History` sheet of an export: the weeks the rep saved ([`Snapshot`]) and their next
//! actions ([`NextAction`]), written for a person to read and read back on the next import so
//! the week-over-week comparison and the checklist survive a move to another browser or
//! machine ([`Imported::history`], [`Imported::next_actions`]).
//!
//! Three sections, each a title in column A, a header row and its rows:
//! - **Weeks** ([`WEEKS_HEADERS`]): one row per ISO week ("2026-W49"), in week order, with the
//!   totals of each category and of the whole book — accounts, projected sales, hours,
//!   deterioration, upside, time-sink hours ([`SnapshotTotals`]). Of two snapshots of the same
//!   week the later is written, as [`trends`](account_lens_engine::trends) counts it.
//! - **Accounts by week** ([`ACCOUNTS_HEADERS`]): one row per account and week, in each week's
//!   order: its category, the category the rep chose (blank when the rules'), tier, projected
//!   sales, hours, flags ("Time sink; Under-served").
//! - **Next actions** ([`ACTIONS_HEADERS`]): account, next action, due (a date cell), done
//!   (Yes/No).
//!
//! Numbers are written as they are (the number formats only change how they show), so they
//! read back exactly. A row that cannot be read back is left out with a warning.
//!
//! [`Imported::history`]: crate::Imported::history
//! [`Imported::next_actions`]: crate::Imported::next_actions

use std::collections::HashMap;

use account_lens_engine::{
    column_letter, AccountSnapshot, Category, Date, Diagnostic, Flag, NextAction, Snapshot,
    SnapshotTotals, Tier, WeekTotals,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use crate::coerce::{parse_number, DecimalStyle};
use crate::export::styles::{self, MONEY};
use crate::export::ExportError;
use crate::grid::{Row, Sheet, Value};
use crate::settings_sheet::a1;
use crate::transactions::date_of;

/// A1 of the `History` sheet.
pub const HISTORY_MARKER: &str = "Account Lens history";
/// The title above each section, in column A.
pub const WEEKS_TITLE: &str = "Weeks";
pub const ACCOUNTS_TITLE: &str = "Accounts by week";
pub const ACTIONS_TITLE: &str = "Next actions";

/// Header row of the Weeks section: the week, then per category (Grow, Maintain, At risk) and
/// for the whole book (Total) the six totals of [`WeekTotals`]: accounts, projected sales,
/// hours, deterioration, upside, time-sink hours.
pub const WEEKS_HEADERS: [&str; 25] = [
    "Week",
    "Grow accounts",
    "Grow projected sales",
    "Grow hours",
    "Grow deterioration",
    "Grow upside",
    "Grow time-sink hours",
    "Maintain accounts",
    "Maintain projected sales",
    "Maintain hours",
    "Maintain deterioration",
    "Maintain upside",
    "Maintain time-sink hours",
    "At risk accounts",
    "At risk projected sales",
    "At risk hours",
    "At risk deterioration",
    "At risk upside",
    "At risk time-sink hours",
    "Total accounts",
    "Total projected sales",
    "Total hours",
    "Total deterioration",
    "Total upside",
    "Total time-sink hours",
];
/// Header row of the Accounts by week section.
pub const ACCOUNTS_HEADERS: [&str; 8] = [
    "Week",
    "Account",
    "Category",
    "Category chosen by you",
    "Tier",
    "Projected sales",
    "Hours",
    "Flags",
];
/// Header row of the Next actions section.
pub const ACTIONS_HEADERS: [&str; 4] = ["Account", "Next action", "Due", "Done"];

/// What the History sheet carries: the saved weeks and the next actions.
#[derive(Debug, Clone, Copy, Default)]
pub struct HistorySheet<'a> {
    pub snapshots: &'a [Snapshot],
    pub actions: &'a [NextAction],
}

impl HistorySheet<'_> {
    /// Nothing to write: no sheet is added.
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty() && self.actions.is_empty()
    }
}

/// Whether a sheet is the History sheet of an earlier export (regenerated, never analysed).
pub fn is_history_sheet(sheet: &Sheet) -> bool {
    a1(sheet) == Some(HISTORY_MARKER)
}

/// The weeks to write: in week order, the later of two snapshots of one week.
fn weeks_to_write(snapshots: &[Snapshot]) -> Vec<&Snapshot> {
    let mut weeks: Vec<&Snapshot> = Vec::new();
    for s in snapshots {
        match weeks
            .iter_mut()
            .find(|w| (w.iso_year, w.week) == (s.iso_year, s.week))
        {
            Some(w) => *w = s,
            None => weeks.push(s),
        }
    }
    weeks.sort_by_key(|w| (w.iso_year, w.week));
    weeks
}

fn groups(t: &SnapshotTotals) -> [&WeekTotals; 4] {
    [&t.grow, &t.maintain, &t.at_risk, &t.total]
}

fn groups_mut(t: &mut SnapshotTotals) -> [&mut WeekTotals; 4] {
    [&mut t.grow, &mut t.maintain, &mut t.at_risk, &mut t.total]
}

/// The flags as the sheet shows them: "Time sink; Under-served".
fn flags_text(flags: &[Flag]) -> String {
    flags
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join("; ")
}

struct Formats {
    bold: Format,
    money: Format,
    hours: Format,
    date: Format,
}

/// Writes the History sheet named `name`.
///
/// # Errors
/// [`ExportError::Cell`] for an account name or next action longer than a cell holds, or more
/// account-weeks than a sheet has rows.
pub(crate) fn write_history(
    ws: &mut Worksheet,
    name: &str,
    history: &HistorySheet<'_>,
) -> Result<(), ExportError> {
    let at = |row: u32, col: u32| {
        move |source| ExportError::Cell {
            sheet: name.to_string(),
            cell: format!("{}{}", column_letter(col), u64::from(row) + 1),
            source,
        }
    };
    let f = Formats {
        bold: styles::header(),
        money: styles::number_format(MONEY),
        hours: styles::number_format("0.00"),
        date: styles::number_format("yyyy-mm-dd"),
    };
    ws.write_string_with_format(0, 0, HISTORY_MARKER, &styles::title())
        .map_err(at(0, 0))?;
    ws.write_string(1, 0, "The weeks you saved in Account Lens and your next actions. Import this workbook again to bring them back: the comparison with last week and the checklist are made from them. Change or delete a row to change what comes back.")
        .map_err(at(1, 0))?;
    let weeks = weeks_to_write(history.snapshots);

    let mut row = 3;
    write_headers(ws, row, WEEKS_TITLE, &WEEKS_HEADERS, &f).map_err(at(row, 0))?;
    row += 1;
    for s in &weeks {
        row += 1;
        write_week(ws, row, s, &f).map_err(at(row, 0))?;
    }

    row += 2;
    write_headers(ws, row, ACCOUNTS_TITLE, &ACCOUNTS_HEADERS, &f).map_err(at(row, 0))?;
    row += 1;
    for s in &weeks {
        let label = s.week_label();
        for a in &s.accounts {
            row += 1;
            write_account(ws, row, &label, a, &f).map_err(at(row, 0))?;
        }
    }

    row += 2;
    write_headers(ws, row, ACTIONS_TITLE, &ACTIONS_HEADERS, &f).map_err(at(row, 0))?;
    row += 1;
    for action in history.actions {
        row += 1;
        write_action(ws, row, action, &f).map_err(at(row, 0))?;
    }

    ws.set_column_width(0, 24.0).map_err(at(0, 0))?;
    ws.set_column_width(1, 32.0).map_err(at(0, 1))?;
    for col in 2..WEEKS_HEADERS.len() as u16 {
        ws.set_column_width(col, 14.0)
            .map_err(at(0, u32::from(col)))?;
    }
    Ok(())
}

/// A section's title, and its header row below it.
fn write_headers(
    ws: &mut Worksheet,
    row: u32,
    title: &str,
    headers: &[&str],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, title, &f.bold)?;
    for (col, header) in (0u16..).zip(headers) {
        ws.write_string_with_format(row + 1, col, *header, &f.bold)?;
    }
    Ok(())
}

fn write_week(ws: &mut Worksheet, row: u32, s: &Snapshot, f: &Formats) -> Result<(), XlsxError> {
    ws.write_string(row, 0, s.week_label())?;
    for (group, t) in (0u16..).zip(groups(&s.totals)) {
        let col = 1 + group * 6;
        ws.write_number(row, col, t.accounts as f64)?;
        ws.write_number_with_format(row, col + 1, t.projected_sales, &f.money)?;
        ws.write_number_with_format(row, col + 2, t.hours, &f.hours)?;
        ws.write_number_with_format(row, col + 3, t.deterioration, &f.money)?;
        ws.write_number_with_format(row, col + 4, t.upside, &f.money)?;
        ws.write_number_with_format(row, col + 5, t.time_sink_hours, &f.hours)?;
    }
    Ok(())
}

fn write_account(
    ws: &mut Worksheet,
    row: u32,
    week: &str,
    a: &AccountSnapshot,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string(row, 0, week)?;
    ws.write_string(row, 1, a.account.as_str())?;
    ws.write_string(row, 2, a.category.label())?;
    if let Some(chosen) = a.override_category {
        ws.write_string(row, 3, chosen.label())?;
    }
    ws.write_string(row, 4, a.tier.label())?;
    if let Some(sales) = a.projected_sales {
        ws.write_number_with_format(row, 5, sales, &f.money)?;
    }
    if let Some(hours) = a.hours {
        ws.write_number_with_format(row, 6, hours, &f.hours)?;
    }
    if !a.flags.is_empty() {
        ws.write_string(row, 7, flags_text(&a.flags))?;
    }
    Ok(())
}

fn write_action(
    ws: &mut Worksheet,
    row: u32,
    action: &NextAction,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string(row, 0, action.account.as_str())?;
    ws.write_string(row, 1, action.text.as_str())?;
    if let Some(due) = action.due {
        let day = u16::try_from(due.year)
            .ok()
            .zip(u8::try_from(due.month).ok())
            .zip(u8::try_from(due.day).ok())
            .and_then(|((y, m), d)| ExcelDateTime::from_ymd(y, m, d).ok());
        match day {
            Some(day) => ws.write_datetime_with_format(row, 2, &day, &f.date)?,
            // Excel holds no date before 1900 or after 9999: the day as text, which reads back.
            None => ws.write_string(row, 2, due.to_string())?,
        };
    }
    ws.write_string(row, 3, if action.done { "Yes" } else { "No" })?;
    Ok(())
}

/// What a History sheet gives back: the weeks, the next actions, and a warning for every row
/// left out or value not read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryRead {
    pub snapshots: Vec<Snapshot>,
    pub actions: Vec<NextAction>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The section a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Weeks,
    Accounts,
    Actions,
}

/// A cell's text as written (a number reads as it shows); `None` when blank.
fn text(row: &Row, col: Option<u32>) -> Option<String> {
    match row.value(col?)? {
        Value::Text(t) if !t.trim().is_empty() => Some(t.clone()),
        Value::Number(n) if n.fract() == 0.0 => Some(format!("{n:.0}")),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A cell's number: `Ok(None)` when blank, `Err(())` when it holds something else.
fn number(row: &Row, col: Option<u32>) -> Result<Option<f64>, ()> {
    let Some(value) = col.and_then(|c| row.value(c)) else {
        return Ok(None);
    };
    match value {
        Value::Number(n) if n.is_finite() => Ok(Some(*n)),
        Value::Text(t) if t.trim().is_empty() => Ok(None),
        Value::Text(t) => parse_number(t, DecimalStyle::Point).map(Some).ok_or(()),
        _ => Err(()),
    }
}

/// "2026-W49" → (2026, 49).
fn parse_week(label: &str) -> Option<(i32, u32)> {
    let (year, week) = label.trim().rsplit_once(['W', 'w'])?;
    let year = year.strip_suffix('-')?.trim().parse().ok()?;
    let week = (!week.is_empty() && week.bytes().all(|b| b.is_ascii_digit()))
        .then(|| week.parse().ok())??;
    Some((year, week))
}

fn parse_tier(text: &str) -> Option<Tier> {
    [Tier::A, Tier::B, Tier::C]
        .into_iter()
        .find(|t| t.label().eq_ignore_ascii_case(text.trim()))
}

/// A flag by its label or key, ignoring case, spaces, hyphens and underscores.
fn parse_flag(text: &str) -> Option<Flag> {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    let wanted = squash(text);
    [Flag::TimeSink, Flag::UnderServed]
        .into_iter()
        .find(|f| squash(f.label()) == wanted || squash(f.key()) == wanted)
}

fn parse_done(value: Option<&Value>) -> Option<bool> {
    match value {
        None => Some(false),
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::Number(n)) if *n == 0.0 || *n == 1.0 => Some(*n == 1.0),
        Some(Value::Text(t)) => match t.trim().to_lowercase().as_str() {
            "yes" | "y" | "x" | "true" | "done" => Some(true),
            "no" | "n" | "" | "false" | "open" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The columns of a section's headers in a header row; `None` unless the row holds the
/// section's first two headers.
fn header_columns(row: &Row, headers: &[&str]) -> Option<Vec<Option<u32>>> {
    let column = |header: &str| {
        row.cells
            .iter()
            .find(|c| matches!(&c.value, Value::Text(t) if t.trim().eq_ignore_ascii_case(header)))
            .map(|c| c.col)
    };
    let columns: Vec<Option<u32>> = headers.iter().map(|h| column(h)).collect();
    (columns.first()?.is_some() && columns.get(1)?.is_some()).then_some(columns)
}

/// Reads the sheet as it goes: the section of the rows, and what they give.
struct HistoryReader<'a> {
    sheet: &'a Sheet,
    read: HistoryRead,
    /// Where each week is in `read.snapshots`.
    weeks: HashMap<(i32, u32), usize>,
    /// Weeks of the account rows that are not in the Weeks section, each said once.
    unknown_weeks: Vec<String>,
}

impl HistoryReader<'_> {
    fn warn(&mut self, message: String, row: &Row, col: Option<u32>) {
        self.read
            .diagnostics
            .push(Diagnostic::warning(format!("History: {message}")).at(
                &self.sheet.name,
                row.index,
                col,
            ));
    }

    fn week(&mut self, row: &Row, cols: &[Option<u32>]) {
        let week_col = cols.first().copied().flatten();
        let label = text(row, week_col).unwrap_or_default();
        let Some((iso_year, week)) = parse_week(&label) else {
            let what = if label.trim().is_empty() {
                "a week row without its week".to_string()
            } else {
                format!(
                    "the week \"{}\" is not a week such as 2026-W49",
                    label.trim()
                )
            };
            return self.warn(format!("{what}; left out"), row, week_col);
        };
        let mut totals = SnapshotTotals::default();
        for (group, t) in groups_mut(&mut totals).into_iter().enumerate() {
            let mut values = [0.0; 6];
            for (i, value) in values.iter_mut().enumerate() {
                let at = 1 + group * 6 + i;
                let col = cols.get(at).copied().flatten();
                match number(row, col) {
                    Ok(Some(v)) if i > 0 || (v >= 0.0 && v.fract() == 0.0) => *value = v,
                    _ => {
                        let header = WEEKS_HEADERS.get(at).copied().unwrap_or_default();
                        let message = format!(
                            "week {label} left out: \"{header}\" is not {}",
                            if i == 0 {
                                "a number of accounts"
                            } else {
                                "a number"
                            }
                        );
                        return self.warn(message, row, col);
                    }
                }
            }
            let [accounts, projected_sales, hours, deterioration, upside, time_sink_hours] = values;
            *t = WeekTotals {
                accounts: accounts as usize,
                projected_sales,
                hours,
                deterioration,
                upside,
                time_sink_hours,
            };
        }
        if let Some(&at) = self.weeks.get(&(iso_year, week)) {
            self.warn(
                format!("week {label} is listed twice; the later row counts"),
                row,
                week_col,
            );
            if let Some(s) = self.read.snapshots.get_mut(at) {
                s.totals = totals;
            }
            return;
        }
        self.weeks
            .insert((iso_year, week), self.read.snapshots.len());
        self.read.snapshots.push(Snapshot {
            iso_year,
            week,
            accounts: Vec::new(),
            totals,
        });
    }

    fn account(&mut self, row: &Row, cols: &[Option<u32>]) {
        let col = |i: usize| cols.get(i).copied().flatten();
        let label = text(row, col(0)).unwrap_or_default();
        let Some(&at) = parse_week(&label).and_then(|w| self.weeks.get(&w)) else {
            let label = label.trim().to_string();
            if !self.unknown_weeks.contains(&label) {
                let message = if label.is_empty() {
                    "account rows without a week are left out".to_string()
                } else {
                    format!("the accounts of week \"{label}\" are left out: the week is not in the {WEEKS_TITLE} table")
                };
                self.warn(message, row, col(0));
                self.unknown_weeks.push(label);
            }
            return;
        };
        let Some(account) = text(row, col(1)) else {
            return self.warn(
                format!("a row of week {label} without an account; left out"),
                row,
                col(1),
            );
        };
        let Some(category) = text(row, col(2)).as_deref().and_then(Category::parse) else {
            return self.warn(
                format!(
                    "{account} ({label}) left out: its category is not Grow, Maintain or At risk"
                ),
                row,
                col(2),
            );
        };
        let Some(tier) = text(row, col(4)).as_deref().and_then(parse_tier) else {
            return self.warn(
                format!("{account} ({label}) left out: its tier is not A, B or C"),
                row,
                col(4),
            );
        };
        let override_category = match text(row, col(3)) {
            None => None,
            Some(t) => {
                let chosen = Category::parse(&t);
                if chosen.is_none() {
                    self.warn(
                        format!("{account} ({label}): the category you chose, \"{}\", is not Grow, Maintain or At risk; taken as none", t.trim()),
                        row,
                        col(3),
                    );
                }
                chosen
            }
        };
        let mut value = |i: usize, what: &str| match number(row, col(i)) {
            Ok(v) => v,
            Err(()) => {
                self.warn(
                    format!("{account} ({label}): the {what} are not a number; taken as unknown"),
                    row,
                    col(i),
                );
                None
            }
        };
        let projected_sales = value(5, "projected sales");
        let hours = value(6, "hours");
        let mut flags = Vec::new();
        for word in text(row, col(7)).unwrap_or_default().split([';', ',']) {
            if word.trim().is_empty() {
                continue;
            }
            match parse_flag(word) {
                Some(f) => flags.push(f),
                None => self.warn(
                    format!("{account} ({label}): \"{}\" is not a flag (Time sink, Under-served); left out", word.trim()),
                    row,
                    col(7),
                ),
            }
        }
        if let Some(s) = self.read.snapshots.get_mut(at) {
            s.accounts.push(AccountSnapshot {
                account,
                projected_sales,
                category,
                flags,
                tier,
                hours,
                override_category,
            });
        }
    }

    fn action(&mut self, row: &Row, cols: &[Option<u32>]) {
        let col = |i: usize| cols.get(i).copied().flatten();
        let Some(account) = text(row, col(0)) else {
            return self.warn(
                "a next action without an account; left out".into(),
                row,
                col(0),
            );
        };
        let due = match col(2).and_then(|c| row.value(c).map(|v| (c, v))) {
            None => None,
            Some((_, Value::Text(t))) if t.trim().is_empty() => None,
            Some((c, _)) => {
                let due = date_of(row, c).and_then(|(y, m, d)| Date::from_ymd(y, m, d));
                if due.is_none() {
                    self.warn(
                        format!("the due date of the next action for {account} is not a date; kept without one"),
                        row,
                        Some(c),
                    );
                }
                due
            }
        };
        let done = parse_done(col(3).and_then(|c| row.value(c))).unwrap_or_else(|| {
            self.warn(
                format!("whether the next action for {account} is done is not Yes or No; taken as not done"),
                row,
                col(3),
            );
            false
        });
        self.read.actions.push(NextAction {
            account,
            text: text(row, col(1)).unwrap_or_default(),
            due,
            done,
        });
    }
}

/// The weeks and next actions written by an earlier export; `None` when the sheet is not a
/// History sheet. Columns are found by their headers; a row that cannot be read is left out
/// with a warning (and the accounts of a week left out with it).
pub fn read_history_sheet(sheet: &Sheet) -> Option<HistoryRead> {
    if !is_history_sheet(sheet) {
        return None;
    }
    let mut reading = HistoryReader {
        sheet,
        read: HistoryRead::default(),
        weeks: HashMap::new(),
        unknown_weeks: Vec::new(),
    };
    let mut section: Option<(Section, Vec<Option<u32>>)> = None;
    for row in sheet.rows.iter().skip(1) {
        let headers = [
            (Section::Accounts, &ACCOUNTS_HEADERS[..]),
            (Section::Weeks, &WEEKS_HEADERS[..]),
            (Section::Actions, &ACTIONS_HEADERS[..]),
        ]
        .into_iter()
        .find_map(|(s, headers)| header_columns(row, headers).map(|cols| (s, cols)));
        if headers.is_some() {
            section = headers;
            continue;
        }
        // A section's title ends the section above it.
        let title = matches!(&row.cells[..], [c] if c.col == 0
            && matches!(&c.value, Value::Text(t) if [WEEKS_TITLE, ACCOUNTS_TITLE, ACTIONS_TITLE].contains(&t.trim())));
        if title {
            section = None;
            continue;
        }
        match &section {
            Some((Section::Weeks, cols)) => reading.week(row, cols),
            Some((Section::Accounts, cols)) => reading.account(row, cols),
            Some((Section::Actions, cols)) => reading.action(row, cols),
            None => {}
        }
    }
    Some(reading.read)
}

#[cfg(test)]
mod tests;
