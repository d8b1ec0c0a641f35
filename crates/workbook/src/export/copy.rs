//! Copying a source sheet cell by cell: value, number format, formula with its cached result,
//! and merged ranges.

use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use crate::export::annotate::AnnotatedSheet;
use crate::export::formula::{cached_result, error_formula, error_result, excel_formula};
use crate::export::styles::{NumberStyle, Styles};
use crate::export::ExportError;
use crate::grid::{self, Cell, Sheet, Value};
use crate::spreadsheet::SheetLayout;

/// A zero-based column as rust_xlsxwriter takes it; a column past `u16` becomes one that
/// rust_xlsxwriter refuses with a located error rather than one that wraps around.
pub(crate) fn col16(col: u32) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// Writes every cell of `sheet` into `worksheet`. On the analysed sheet (`annotated`), the cells
/// of an earlier export's annotation columns are left out: they are rewritten next.
///
/// # Errors
/// [`ExportError::Cell`] for a cell that cannot exist in an xlsx sheet.
pub(crate) fn copy_sheet(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    layout: &SheetLayout,
    name: &str,
    file_format: grid::Format,
    annotated: Option<&AnnotatedSheet>,
) -> Result<(), ExportError> {
    // A formula without a cached result stays without one instead of claiming 0.
    worksheet.set_formula_result_default("");
    copy_merges(worksheet, layout, annotated);

    let mut styles = Styles::new(&layout.formats);
    let mut cursor = 0;
    for row in &sheet.rows {
        let copied = row
            .cells
            .iter()
            .filter(|c| !annotated.is_some_and(|a| a.is_old_annotation(c.col)));
        for cell in copied {
            let format = layout
                .format_at(&mut cursor, row.index, cell.col)
                .map(|(i, _)| i);
            write_cell(worksheet, row.index, cell, format, &mut styles, file_format)
                .map_err(ExportError::at(name, row.index, cell.col))?;
        }
    }
    Ok(())
}

/// Merges first: rust_xlsxwriter fills a merged range with blanks, and the cells written after
/// it put the values back. Merges are layout only, so one Excel would refuse (overlapping,
/// single-cell, or reaching into the annotation columns of the account table) is left out
/// rather than failing the export.
fn copy_merges(
    worksheet: &mut Worksheet,
    layout: &SheetLayout,
    annotated: Option<&AnnotatedSheet>,
) {
    let blank = Format::new();
    for &(first_row, first_col, last_row, last_col) in &layout.merged {
        let single = first_row == last_row && first_col == last_col;
        if single || annotated.is_some_and(|a| a.clips(first_row, last_row, last_col)) {
            continue;
        }
        let _ = worksheet.merge_range(
            first_row,
            col16(first_col),
            last_row,
            col16(last_col),
            "",
            &blank,
        );
    }
}

/// How a source cell's number is shown: its own format, or a plain date format for a date that
/// came without one.
fn number_style(cell: &Cell, format: Option<u32>) -> NumberStyle {
    match (format, &cell.value) {
        (Some(i), _) => NumberStyle::Source(i),
        (None, Value::Date(serial)) if serial.fract() == 0.0 => NumberStyle::Date,
        (None, Value::Date(_)) => NumberStyle::DateTime,
        _ => NumberStyle::General,
    }
}

/// Calls the plain or the `_with_format` variant of a rust_xlsxwriter write.
macro_rules! write_maybe_formatted {
    ($ws:expr, $plain:ident, $formatted:ident, $format:expr, $($arg:expr),+) => {
        match $format {
            Some(format) => $ws.$formatted($($arg),+, format),
            None => $ws.$plain($($arg),+),
        }
    };
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    cell: &Cell,
    source_format: Option<u32>,
    styles: &mut Styles,
    file_format: grid::Format,
) -> Result<(), XlsxError> {
    let col = col16(cell.col);
    let format = styles.get(number_style(cell, source_format));
    if let Some(text) = cell
        .formula
        .as_deref()
        .and_then(|f| excel_formula(f, file_format))
    {
        let formula = match cached_result(&cell.value) {
            Some(result) => Formula::new(text).set_result(result),
            None => Formula::new(text),
        };
        write_maybe_formatted!(
            ws,
            write_formula,
            write_formula_with_format,
            format,
            row,
            col,
            formula
        )?;
        return Ok(());
    }
    match &cell.value {
        Value::Number(n) | Value::Date(n) if n.is_finite() => {
            write_maybe_formatted!(
                ws,
                write_number,
                write_number_with_format,
                format,
                row,
                col,
                *n
            )?;
        }
        Value::Number(_) | Value::Date(_) => write_error(ws, row, col, "#NUM!", format)?,
        // write_string, never `write`: text that starts with = + - @ must stay text.
        Value::Text(text) => {
            write_maybe_formatted!(
                ws,
                write_string,
                write_string_with_format,
                format,
                row,
                col,
                text.as_str()
            )?;
        }
        Value::Bool(b) => {
            write_maybe_formatted!(
                ws,
                write_boolean,
                write_boolean_with_format,
                format,
                row,
                col,
                *b
            )?;
        }
        Value::Error(e) => write_error(ws, row, col, e, format)?,
        // Only an untranslatable formula without a result gets here: nothing is known.
        Value::Uncalculated => {
            if let Some(format) = format {
                ws.write_blank(row, col, format)?;
            }
        }
    }
    Ok(())
}

/// An error value as a formula with the error as its cached result (see the module docs of
/// [`crate::export`]): the only way an xlsx cell holds an error that readers report as one.
fn write_error(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    error: &str,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    let formula = Formula::new(error_formula(error)).set_result(error_result(error));
    write_maybe_formatted!(
        ws,
        write_formula,
        write_formula_with_format,
        format,
        row,
        col,
        formula
    )?;
    Ok(())
}
