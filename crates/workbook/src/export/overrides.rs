//! The `Overrides` sheet: the user's category calls and notes, one row per account, read back
//! by [`read_overrides_sheet`](crate::overrides_sheet::read_overrides_sheet) on the next import.

use account_lens_engine::{AccountReview, Review};
use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::export::styles;
use crate::export::ExportError;
use crate::overrides_sheet::{OVERRIDES_HEADERS, OVERRIDES_MARKER};

/// Zero-based row of [`OVERRIDES_HEADERS`].
const HEADER_ROW: u32 = 2;

/// Whether an account carries the user's word: a category call or a note.
pub(crate) fn has_override(a: &AccountReview) -> bool {
    a.rules_category.is_some() || a.note.is_some()
}

/// Writes the Overrides sheet named `name`: every account with a category call or a note.
///
/// # Errors
/// [`ExportError::Cell`] for a name or note longer than a cell holds.
pub(crate) fn write_overrides(
    ws: &mut Worksheet,
    name: &str,
    review: &Review,
) -> Result<(), ExportError> {
    let at = |row: u32, col: u32| ExportError::at(name, row, col);
    ws.write_string_with_format(0, 0, OVERRIDES_MARKER, &styles::title())
        .map_err(at(0, 0))?;
    ws.write_string(1, 0, "Your category calls and notes: they win over the rules. Change, add or delete a row and import this workbook again to review with them; a blank category leaves it to the rules.")
        .map_err(at(1, 0))?;
    let bold = styles::header();
    for (col, header) in (0u16..).zip(OVERRIDES_HEADERS) {
        ws.write_string_with_format(HEADER_ROW, col, header, &bold)
            .map_err(at(HEADER_ROW, u32::from(col)))?;
    }
    let accounts = review.accounts.iter().filter(|a| has_override(a));
    for (row, a) in (HEADER_ROW + 1..).zip(accounts) {
        write_row(ws, row, a).map_err(at(row, 0))?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0).map_err(at(0, 0))?;
    for (col, width) in (0u16..).zip([32.0, 12.0, 12.0, 70.0]) {
        ws.set_column_width(col, width)
            .map_err(at(0, u32::from(col)))?;
    }
    Ok(())
}

fn write_row(ws: &mut Worksheet, row: u32, a: &AccountReview) -> Result<(), XlsxError> {
    ws.write_string(row, 0, a.account.as_str())?;
    if let Some(rules) = a.rules_category {
        ws.write_string(row, 1, a.category.label())?;
        ws.write_string(row, 2, rules.label())?;
    }
    if let Some(note) = &a.note {
        ws.write_string(row, 3, note.as_str())?;
    }
    Ok(())
}
