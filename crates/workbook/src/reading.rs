//! What the "Check the reading" screen shows: the sheets to choose from, the header row that was
//! found and the first rows under it, as text the way a rep reads them in Excel.
//!
//! The page never holds the cells (a workbook can have millions); the worker sends this compact
//! report instead. Only the header row and the first preview rows are touched.
//!
//! ```
//! use account_lens_workbook::{import, reading, ImportOptions};
//!
//! let csv = b"Customer,Sales 2025,Sales 2026\nNorthwind,300000,240000.5\n";
//! let imported = import(csv, "accounts.csv", &ImportOptions::default())?;
//! let report = reading(&imported, 5);
//! assert_eq!(report.headers[1].letter, "B");
//! assert_eq!(report.preview[0].row, 2);
//! assert_eq!(report.preview[0].cells, ["Northwind", "300000", "240000.5"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

use account_lens_engine::column_letter;
use serde::{Deserialize, Serialize};

use crate::coerce::civil_from_serial;
use crate::grid::{Cell, Row, Sheet, Value};
use crate::import::Imported;
use crate::mapping::{annotation_start, annotation_width};
use crate::settings_sheet::is_generated_sheet;

/// The reading of a workbook, for the user to confirm or change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// Every sheet of the workbook, in order, that the user can pick (sheets an earlier export
    /// generated are left out), with its number of non-empty rows.
    pub sheets: Vec<SheetChoice>,
    /// The header row of the analysed sheet: every non-empty header cell, in column order;
    /// annotation columns of an earlier export left out.
    pub headers: Vec<HeaderColumn>,
    /// The first rows below the header that show anything, as the user would read them in Excel.
    pub preview: Vec<PreviewRow>,
}

/// A sheet the user can analyse instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetChoice {
    pub name: String,
    /// Rows with at least one non-empty cell.
    pub rows: usize,
}

/// One header cell of the analysed sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderColumn {
    /// Zero-based column.
    pub column: u32,
    /// The column as Excel names it: "A", "AB".
    pub letter: String,
    pub header: String,
}

/// One row under the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// One-based row, as Excel numbers it.
    pub row: u32,
    /// One text per [`Reading::headers`] entry, in the same order; "" for an empty cell.
    pub cells: Vec<String>,
}

/// The report for the "Check the reading" screen: the sheets, the analysed sheet's headers and
/// its first `preview_rows` rows under the header.
///
/// Rows that show nothing in the header's columns are skipped in the preview. Cost: one look at
/// every row's first cells (for the row counts), plus the header row and the preview rows.
pub fn reading(imported: &Imported, preview_rows: usize) -> Reading {
    let sheets = imported
        .workbook
        .sheets
        .iter()
        .filter(|s| !is_generated_sheet(s))
        .map(|s| SheetChoice {
            name: s.name.clone(),
            rows: s.rows.iter().filter(|r| !is_blank_row(r)).count(),
        })
        .collect();
    let analysed = imported
        .workbook
        .sheets
        .iter()
        .find(|s| s.name == imported.source.sheet);
    let (headers, preview) = analysed
        .map(|sheet| table_preview(sheet, imported.source.header_row, preview_rows))
        .unwrap_or_default();
    Reading {
        sheets,
        headers,
        preview,
    }
}

/// The headers of the (one-based) header row and the first non-blank rows below it.
fn table_preview(
    sheet: &Sheet,
    header_row: u32,
    preview_rows: usize,
) -> (Vec<HeaderColumn>, Vec<PreviewRow>) {
    let index = header_row.saturating_sub(1);
    let Ok(position) = sheet.rows.binary_search_by_key(&index, |r| r.index) else {
        return (Vec::new(), Vec::new());
    };
    let Some(header) = sheet.rows.get(position) else {
        return (Vec::new(), Vec::new());
    };
    let mut named: Vec<(u32, String)> = header
        .cells
        .iter()
        .map(|c| (c.col, cell_text(c).trim().to_string()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    // The same block the importer leaves out: columns the rep added after it stay.
    if let Some(start) = annotation_start(&named) {
        let end = start.saturating_add(annotation_width(&named, start));
        named.retain(|(c, _)| !(start..end).contains(c));
    }
    let preview = sheet
        .rows
        .get(position + 1..)
        .unwrap_or_default()
        .iter()
        .map(|row| PreviewRow {
            row: row.index.saturating_add(1),
            cells: named
                .iter()
                .map(|(col, _)| row.get(*col).map(cell_text).unwrap_or_default())
                .collect(),
        })
        .filter(|r| r.cells.iter().any(|t| !t.trim().is_empty()))
        .take(preview_rows)
        .collect();
    let headers = named
        .into_iter()
        .map(|(column, header)| HeaderColumn {
            column,
            letter: column_letter(column),
            header,
        })
        .collect();
    (headers, preview)
}

fn is_blank_row(row: &Row) -> bool {
    row.cells
        .iter()
        .all(|c| matches!(&c.value, Value::Text(t) if t.trim().is_empty()))
}

/// A cell as Excel shows it in General format. A formula without a cached result shows the
/// formula: its value is unknown, and "" would look like an empty cell.
pub fn cell_text(cell: &Cell) -> String {
    match (&cell.value, &cell.formula) {
        (Value::Uncalculated, Some(f)) => format!("={f}"),
        (value, _) => value_text(value),
    }
}

/// A value as text: numbers plain (15 significant digits, as Excel keeps), booleans TRUE/FALSE,
/// dates ISO `yyyy-mm-dd` (with the time when not midnight), errors as written.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Number(n) => number_text(*n),
        Value::Text(t) => t.clone(),
        Value::Bool(true) => "TRUE".into(),
        Value::Bool(false) => "FALSE".into(),
        Value::Date(serial) => date_text(*serial),
        Value::Error(e) => e.clone(),
        Value::Uncalculated => String::new(),
    }
}

/// 1234.5 → "1234.5", 300000 → "300000", 0.1 + 0.2 → "0.3"; an exponent only from 10^15 up and
/// below 10^-9 ("1.5E+20"), as Excel's General format does for long numbers.
pub fn number_text(n: f64) -> String {
    if !n.is_finite() {
        return "#NUM!".into();
    }
    if n == 0.0 {
        return "0".into();
    }
    let magnitude = n.abs().log10().floor() as i32;
    if !(-9..15).contains(&magnitude) {
        let text = format!("{n:.14e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!(
            "{}E{sign}{:02}",
            trim_decimals(mantissa),
            exponent.unsigned_abs()
        );
    }
    let decimals = usize::try_from(14 - magnitude).unwrap_or(0);
    let text = trim_decimals(&format!("{n:.decimals$}")).to_string();
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

fn trim_decimals(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// An Excel serial as ISO text: "2026-09-30", "2026-09-30 14:30", "2026-09-30 14:30:15"; a
/// time-only value (serial below 1) as "14:30".
pub fn date_text(serial: f64) -> String {
    if !serial.is_finite() || serial < 0.0 {
        return number_text(serial);
    }
    // Whole seconds, so 14:29:59.9999 reads 14:30:00 and a day's end rolls into the next day.
    let seconds = (serial * 86_400.0).round();
    let day = (seconds / 86_400.0).floor();
    let in_day = (seconds - day * 86_400.0) as u32;
    let mut text = String::new();
    if day >= 1.0 {
        match civil_from_serial(day) {
            Some((y, m, d)) => {
                let _ = write!(text, "{y:04}-{m:02}-{d:02}");
            }
            None => return number_text(serial),
        }
    }
    if in_day != 0 || text.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        let (h, min, s) = (in_day / 3600, in_day / 60 % 60, in_day % 60);
        let _ = write!(text, "{h:02}:{min:02}");
        if s != 0 {
            let _ = write!(text, ":{s:02}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(300_000.0), "300000");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-500.0), "-500");
        assert_eq!(number_text(0.32), "0.32");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(1e-12), "1E-12");
        assert_eq!(number_text(123_456_789_012_345.0), "123456789012345");
        assert_eq!(number_text(1.5e20), "1.5E+20");
        assert_eq!(number_text(f64::NAN), "#NUM!");
    }

    #[test]
    fn dates_read_as_iso() {
        // 2026-09-30 is serial 46295.
        assert_eq!(date_text(46_295.0), "2026-09-30");
        assert_eq!(date_text(46_295.5), "2026-09-30 12:00");
        assert_eq!(date_text(46_295.0 + 1.0 / 86_400.0), "2026-09-30 00:00:01");
        assert_eq!(date_text(46_295.999_999_9), "2026-10-01");
        assert_eq!(date_text(0.75), "18:00");
        assert_eq!(date_text(1.0), "1900-01-01");
    }

    #[test]
    fn cells_read_as_excel_shows_them() {
        assert_eq!(value_text(&Value::Bool(true)), "TRUE");
        assert_eq!(value_text(&Value::Bool(false)), "FALSE");
        assert_eq!(value_text(&Value::Error("#DIV/0!".into())), "#DIV/0!");
        let mut sum = Cell::new(2, Value::Uncalculated);
        sum.formula = Some("SUM(C5:C15)".into());
        assert_eq!(cell_text(&sum), "=SUM(C5:C15)");
        assert_eq!(cell_text(&Cell::new(0, Value::Uncalculated)), "");
    }
}
