//! Finding the table in a sheet: the header row below titles and blank rows, and its headers.

use crate::coerce::{parse_number, DecimalStyle};
use crate::grid::{Sheet, Value};
use crate::mapping::{annotation_start, normalize, year_label, Field};

/// How far down a header row is looked for.
const HEADER_SEARCH_ROWS: usize = 40;

/// The header row of a sheet and its headers.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderRow {
    /// Index into `sheet.rows` (not the sheet row number).
    pub position: usize,
    /// Zero-based sheet row.
    pub row: u32,
    /// (column, header text), in column order; annotation columns of an earlier export excluded.
    pub headers: Vec<(u32, String)>,
    /// Where annotation columns of an earlier export start, if any.
    pub annotations_from: Option<u32>,
    /// How header-like the row is; more is better.
    pub score: f32,
}

/// The text a cell shows as a header: text as is, numbers (years) as digits.
pub fn header_text(value: &Value) -> Option<String> {
    match value {
        Value::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        Value::Number(n) if n.fract() == 0.0 && (1990.0..=2100.0).contains(n) => {
            Some(format!("{n:.0}"))
        }
        _ => None,
    }
}

fn looks_numeric(value: &Value) -> bool {
    match value {
        Value::Number(_) | Value::Date(_) | Value::Error(_) | Value::Uncalculated => true,
        Value::Text(t) => {
            parse_number(t, DecimalStyle::Point).is_some()
                || parse_number(t, DecimalStyle::Comma).is_some()
        }
        Value::Bool(_) => false,
    }
}

/// How much a header text sounds like one of ours.
fn header_score(text: &str, fields: &[Field]) -> (f32, bool) {
    let norm = normalize(text);
    let mut best = 0.0f32;
    let mut account = false;
    for &f in fields {
        if let Some(s) = crate::mapping::field_score(f, &norm) {
            best = best.max(s);
            account |= f == Field::Account && s >= 0.99;
        }
    }
    if year_label(text).is_some() {
        best = best.max(0.9);
    }
    (best, account)
}

/// Finds the most header-like row in the first rows of a sheet: many known headers, an
/// account-like one above all, and rows of data below it.
pub fn find_header(sheet: &Sheet, fields: &[Field]) -> Option<HeaderRow> {
    let mut best: Option<HeaderRow> = None;
    for (position, row) in sheet.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let mut headers: Vec<(u32, String)> = Vec::new();
        let mut numeric = 0;
        for cell in &row.cells {
            match header_text(&cell.value) {
                Some(t) if !matches!(cell.value, Value::Number(_)) || year_label(&t).is_some() => {
                    headers.push((cell.col, t))
                }
                _ if looks_numeric(&cell.value) => numeric += 1,
                _ => {}
            }
        }
        if headers.len() < 2 || numeric > headers.len() {
            continue;
        }
        let annotations_from = annotation_start(&headers);
        if let Some(start) = annotations_from {
            // Columns the rep added after the annotations are still theirs to map (an export
            // from before the Note column has one annotation fewer).
            let width = crate::mapping::annotation_width(&headers, start);
            headers.retain(|(c, _)| !(start..start + width).contains(c));
        }
        let mut score = 0.0;
        let mut has_account = false;
        for (_, h) in &headers {
            let (s, account) = header_score(h, fields);
            score += s;
            has_account |= account;
        }
        if has_account {
            score += 2.0;
        }
        // A header needs data under it.
        let below = sheet.rows.get(position + 1..).map_or(0, |rows| {
            rows.iter()
                .take(5)
                .filter(|r| r.cells.iter().any(|c| looks_numeric(&c.value)))
                .count()
        });
        if below == 0 || score < 1.0 {
            continue;
        }
        if best.as_ref().is_none_or(|b| score > b.score) {
            best = Some(HeaderRow {
                position,
                row: row.index,
                headers,
                annotations_from,
                score,
            });
        }
    }
    best
}

/// The texts of the most text-heavy early row, to tell the user what headers were found.
pub fn headers_seen(sheet: &Sheet) -> Vec<String> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|r| {
            r.cells
                .iter()
                .filter_map(|c| match &c.value {
                    Value::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .max_by_key(Vec::len)
        .unwrap_or_default()
}
