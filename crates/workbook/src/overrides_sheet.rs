//! The `Overrides` sheet of an export: the user's category calls and notes per account, read
//! back on the next import so the review comes back as the user left it.

use account_lens_engine::{Category, Override, Overrides};

use crate::grid::{Sheet, Value};
use crate::settings_sheet::a1;

/// A1 of the `Overrides` sheet.
pub const OVERRIDES_MARKER: &str = "Account Lens overrides";
/// Header row of the overrides table: the account, the user's category, what the rules said
/// (written for the reader, not read back), the note.
pub const OVERRIDES_HEADERS: [&str; 4] = ["Account", "Category", "Rules said", "Note"];

/// Overrides written by an earlier export, read leniently: columns found by their headers, a
/// category that does not read as one is no category, rows without an account or without
/// anything to say are skipped. `None` when the sheet is not an overrides sheet.
pub fn read_overrides_sheet(sheet: &Sheet) -> Option<Overrides> {
    if a1(sheet) != Some(OVERRIDES_MARKER) {
        return None;
    }
    let mut rows = sheet.rows.iter().skip(1);
    let column = |row: &crate::grid::Row, header: &str| {
        row.cells
            .iter()
            .find(|c| matches!(&c.value, Value::Text(t) if t.trim().eq_ignore_ascii_case(header)))
            .map(|c| c.col)
    };
    // The header row: the first with an `Account` cell.
    let (account_col, category_col, note_col) = rows.by_ref().find_map(|row| {
        let account = column(row, OVERRIDES_HEADERS[0])?;
        Some((
            account,
            column(row, OVERRIDES_HEADERS[1]),
            column(row, OVERRIDES_HEADERS[3]),
        ))
    })?;
    let mut overrides = Overrides::new();
    for row in rows {
        let Some(name) = row
            .value(account_col)
            .and_then(text)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        let o = Override {
            category: category_col
                .and_then(|c| row.value(c))
                .and_then(text)
                .and_then(|t| Category::parse(&t)),
            note: note_col
                .and_then(|c| row.value(c))
                .and_then(text)
                .unwrap_or_default(),
        };
        if !o.is_empty() {
            overrides.insert(name, o);
        }
    }
    Some(overrides)
}

/// A cell's text, trimmed; a number typed as a note reads as it shows.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::Text(t) => Some(t.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        _ => None,
    }
}
