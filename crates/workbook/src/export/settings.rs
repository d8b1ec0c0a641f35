//! The `Settings` sheet: every threshold (read back by
//! [`read_settings_sheet`](crate::settings_sheet::read_settings_sheet) on the next import), the
//! column mapping used and where the accounts came from, so a rep can see why a number is what
//! it is.

use account_lens_engine::{column_letter, Review, Settings};
use rust_xlsxwriter::{Format, Worksheet};

use crate::export::styles::{self, PERCENT};
use crate::export::ExportError;
use crate::import::Imported;
use crate::mapping::FieldColumn;
use crate::settings_sheet::{SETTINGS_HEADERS, SETTINGS_MARKER};

/// Zero-based row of [`SETTINGS_HEADERS`].
const HEADER_ROW: u32 = 2;
const MAPPING_HEADERS: [&str; 5] = ["Field", "Header", "Confidence", "Why", "Columns"];

/// Writes the Settings sheet.
///
/// # Errors
/// [`ExportError::Write`] when rust_xlsxwriter refuses a cell (a header longer than a cell holds).
pub(crate) fn write_settings(
    ws: &mut Worksheet,
    imported: &Imported,
    review: &Review,
    settings: &Settings,
) -> Result<(), ExportError> {
    let bold = styles::header();
    ws.write_string_with_format(0, 0, SETTINGS_MARKER, &styles::title())?;
    ws.write_string(1, 0, "Change a value and import this workbook again to review with it; the key column must stay as it is.")?;
    for (col, header) in (0u16..).zip(SETTINGS_HEADERS) {
        ws.write_string_with_format(HEADER_ROW, col, header, &bold)?;
    }
    let percent = styles::number_format(PERCENT);
    let mut row = HEADER_ROW + 1;
    for setting in settings.rows() {
        ws.write_string(row, 0, setting.label)?;
        if setting.percent {
            ws.write_number_with_format(row, 1, setting.value, &percent)?;
        } else {
            ws.write_number(row, 1, setting.value)?;
        }
        ws.write_string(row, 2, setting.key)?;
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, "Column mapping", &bold)?;
    row += 1;
    for (col, header) in (0u16..).zip(MAPPING_HEADERS) {
        ws.write_string_with_format(row, col, header, &bold)?;
    }
    let confidence = Format::new().set_num_format("0%");
    for field in &imported.mapping.fields {
        row += 1;
        write_mapping_row(ws, row, field, &confidence)?;
    }

    row += 2;
    ws.write_string_with_format(row, 0, "Source", &bold)?;
    for (label, value) in source_rows(imported, review) {
        row += 1;
        ws.write_string(row, 0, label)?;
        match value {
            Shown::Text(text) => ws.write_string(row, 1, text)?,
            Shown::Number(n) => ws.write_number(row, 1, n)?,
        };
    }

    ws.set_column_width(0, 52)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 22)?;
    ws.set_column_width(3, 48)?;
    Ok(())
}

fn write_mapping_row(
    ws: &mut Worksheet,
    row: u32,
    field: &FieldColumn,
    confidence: &Format,
) -> Result<(), ExportError> {
    ws.write_string(row, 0, field.field.key())?;
    ws.write_string(row, 1, field.header.as_str())?;
    ws.write_number_with_format(row, 2, f64::from(field.confidence), confidence)?;
    ws.write_string(row, 3, field.why.as_str())?;
    let columns: Vec<String> = field.columns().map(column_letter).collect();
    ws.write_string(row, 4, columns.join(", "))?;
    Ok(())
}

/// A value of the source section.
enum Shown<'a> {
    Text(&'a str),
    Number(f64),
}

/// Where the accounts came from, as (label, value): nothing in the third column, so these rows
/// are never mistaken for settings when the sheet is read back.
fn source_rows<'a>(imported: &'a Imported, review: &Review) -> Vec<(&'static str, Shown<'a>)> {
    let s = &imported.source;
    let mut rows = vec![
        ("File format", Shown::Text(s.format.name())),
        ("Sheet", Shown::Text(&s.sheet)),
        ("Header row", Shown::Number(f64::from(s.header_row))),
        ("Shape", Shown::Text(s.shape.key())),
        ("Rows read", Shown::Number(s.rows_read as f64)),
        ("Rows skipped", Shown::Number(s.rows_skipped as f64)),
        (
            "Value share measures",
            Shown::Text(review.value_basis.label()),
        ),
    ];
    if let Some(details) = &s.text_details {
        rows.push(("Text file read as", Shown::Text(details)));
    }
    if let Some(projection) = &imported.dataset.projection {
        rows.push(("Projection", Shown::Text(&projection.rule)));
    }
    rows
}
