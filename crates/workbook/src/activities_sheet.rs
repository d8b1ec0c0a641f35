//! The `Activities` sheet of an export: the time a rep logged in the app or imported from a
//! separate time-log file — entries that are in no sheet of the workbook itself — read back on
//! the next import so they are neither lost nor counted twice. The workbook's own time-log sheet
//! ("Time", "Activity log" …) stays where it is and is read as before; this sheet is never
//! taken for it.

use account_lens_engine::{Activity, Date, Diagnostic, TimeEntry, TimeLog};

use crate::grid::{Row, Sheet, Value};
use crate::settings_sheet::a1;
use crate::transactions::date_of;

/// A1 of the `Activities` sheet.
pub const ACTIVITIES_MARKER: &str = "Account Lens activities";
/// Header row of the entries: the day, the account, the hours, the activity as a rep reads it
/// ([`Activity::label`]) and the note.
pub const ACTIVITIES_HEADERS: [&str; 5] = ["Date", "Account", "Hours", "Activity", "Note"];

/// The text of a cell, trimmed; a number reads as it shows.
fn text(row: &Row, col: u32) -> Option<String> {
    match row.value(col)? {
        Value::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        Value::Number(n) if n.fract() == 0.0 => Some(format!("{n:.0}")),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The entries written by an earlier export, read leniently (columns found by their headers,
/// activities with [`Activity::parse`]), with a warning for every row left out (no date, no
/// account, no positive hours); `None` when the sheet is not an Activities sheet.
pub fn read_activities_sheet(sheet: &Sheet) -> Option<(TimeLog, Vec<Diagnostic>)> {
    if a1(sheet) != Some(ACTIVITIES_MARKER) {
        return None;
    }
    let column = |row: &Row, header: &str| {
        row.cells
            .iter()
            .find(|c| matches!(&c.value, Value::Text(t) if t.trim().eq_ignore_ascii_case(header)))
            .map(|c| c.col)
    };
    let mut rows = sheet.rows.iter().skip(1);
    let mut log = TimeLog::default();
    let mut notes = Vec::new();
    // The header row: the first with a Date and an Account cell.
    let Some((date_col, account_col, hours_col, activity_col, note_col)) =
        rows.by_ref().find_map(|row| {
            Some((
                column(row, ACTIVITIES_HEADERS[0])?,
                column(row, ACTIVITIES_HEADERS[1])?,
                column(row, ACTIVITIES_HEADERS[2]),
                column(row, ACTIVITIES_HEADERS[3]),
                column(row, ACTIVITIES_HEADERS[4]),
            ))
        })
    else {
        return Some((log, notes));
    };
    for row in rows {
        let account = text(row, account_col);
        let date = date_of(row, date_col).and_then(|(y, m, d)| Date::from_ymd(y, m, d));
        let hours = hours_col.and_then(|c| match row.value(c) {
            Some(Value::Number(h)) => Some(*h),
            Some(Value::Text(t)) => {
                crate::coerce::parse_number(t, crate::coerce::DecimalStyle::Point)
            }
            _ => None,
        });
        let mut left_out = |why: &str, col: Option<u32>| {
            notes.push(
                Diagnostic::warning(format!("Activities: entry left out: {why}")).at(
                    &sheet.name,
                    row.index,
                    col,
                ),
            );
        };
        match (date, account, hours) {
            (Some(date), Some(account), Some(hours)) if hours.is_finite() && hours > 0.0 => {
                log.entries.push(TimeEntry {
                    date,
                    account,
                    hours,
                    activity: activity_col
                        .and_then(|c| text(row, c))
                        .map_or(Activity::Other, |t| Activity::parse(&t)),
                    note: note_col.and_then(|c| text(row, c)).unwrap_or_default(),
                });
            }
            (None, _, _) => left_out("the date cannot be read", Some(date_col)),
            (_, None, _) => left_out("no account", Some(account_col)),
            (_, _, _) => left_out("the hours must be a number above 0", hours_col),
        }
    }
    Some((log, notes))
}
