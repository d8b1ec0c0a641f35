//! The `Activities` sheet: time entries that are in no sheet of the rep's workbook (logged in
//! the app or imported from a separate time-log file), one row per entry in date order, read
//! back by [`read_activities_sheet`](crate::activities_sheet::read_activities_sheet) on the next
//! import.

use account_lens_engine::{TimeEntry, TimeLog};
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use crate::activities_sheet::{ACTIVITIES_HEADERS, ACTIVITIES_MARKER};
use crate::export::styles;
use crate::export::ExportError;

/// Zero-based row of [`ACTIVITIES_HEADERS`].
const HEADER_ROW: u32 = 2;
const DATE: &str = "yyyy-mm-dd";
const HOURS: &str = "0.00";

/// Writes the Activities sheet named `name`: every entry of `logged`, sorted by date, then
/// account (case ignored), entries of the same day and account in the order logged.
///
/// # Errors
/// [`ExportError::Cell`] for an account or note longer than a cell holds.
pub(crate) fn write_activities(
    ws: &mut Worksheet,
    name: &str,
    logged: &TimeLog,
) -> Result<(), ExportError> {
    let at = |row: u32, col: u32| ExportError::at(name, row, col);
    ws.write_string_with_format(0, 0, ACTIVITIES_MARKER, &styles::title())
        .map_err(at(0, 0))?;
    ws.write_string(1, 0, "Time you logged in Account Lens or imported from a time-log file. Add, change or delete a row and import this workbook again: these hours count with the workbook's own time log.")
        .map_err(at(1, 0))?;
    let bold = styles::header();
    for (col, header) in (0u16..).zip(ACTIVITIES_HEADERS) {
        ws.write_string_with_format(HEADER_ROW, col, header, &bold)
            .map_err(at(HEADER_ROW, u32::from(col)))?;
    }
    let mut entries: Vec<&TimeEntry> = logged.entries.iter().collect();
    entries.sort_by_cached_key(|e| (e.date, e.account.trim().to_lowercase()));
    let (date, hours) = (styles::number_format(DATE), styles::number_format(HOURS));
    for (row, e) in (HEADER_ROW + 1..).zip(entries) {
        write_entry(ws, row, e, &date, &hours).map_err(at(row, 0))?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0).map_err(at(0, 0))?;
    for (col, width) in (0u16..).zip([12.0, 32.0, 8.0, 16.0, 60.0]) {
        ws.set_column_width(col, width)
            .map_err(at(0, u32::from(col)))?;
    }
    Ok(())
}

fn write_entry(
    ws: &mut Worksheet,
    row: u32,
    e: &TimeEntry,
    date: &Format,
    hours: &Format,
) -> Result<(), XlsxError> {
    let day = u16::try_from(e.date.year)
        .ok()
        .zip(u8::try_from(e.date.month).ok())
        .zip(u8::try_from(e.date.day).ok())
        .and_then(|((y, m), d)| ExcelDateTime::from_ymd(y, m, d).ok());
    match day {
        Some(day) => ws.write_datetime_with_format(row, 0, &day, date)?,
        // Excel holds no date before 1900 or after 9999: the day as text, which reads back.
        None => ws.write_string(row, 0, e.date.to_string())?,
    };
    ws.write_string(row, 1, e.account.as_str())?;
    ws.write_number_with_format(row, 2, e.hours, hours)?;
    ws.write_string(row, 3, e.activity.label())?;
    if !e.note.is_empty() {
        ws.write_string(row, 4, e.note.as_str())?;
    }
    Ok(())
}
