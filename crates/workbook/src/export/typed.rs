//! A text file's cells are all text as read; in the annotated workbook numbers and dates should
//! be numbers and dates again, or the rep's own SUMs over them give 0.

use rustc_hash::FxHashMap;

use crate::coerce::{
    decide_decimal_style, parse_date_text, parse_number, serial_from_civil, DecimalStyle,
};
use crate::grid::{Sheet, Value};

/// The sheet with every text cell that is plainly a number or an ISO date turned into one. The
/// decimal convention is decided per column, as the importer does. Text that only looks like a
/// number is kept: leading zeros (account numbers, postcodes), and anything the parser refuses.
pub(crate) fn typed_text_sheet(sheet: &Sheet) -> Sheet {
    let mut columns: FxHashMap<u32, Vec<&str>> = FxHashMap::default();
    for row in &sheet.rows {
        for cell in &row.cells {
            if let Value::Text(t) = &cell.value {
                columns.entry(cell.col).or_default().push(t);
            }
        }
    }
    let styles: FxHashMap<u32, DecimalStyle> = columns
        .into_iter()
        .map(|(col, texts)| (col, decide_decimal_style(texts)))
        .collect();
    let mut typed = sheet.clone();
    for row in &mut typed.rows {
        for cell in &mut row.cells {
            if let Value::Text(t) = &cell.value {
                let style = styles
                    .get(&cell.col)
                    .copied()
                    .unwrap_or(DecimalStyle::Point);
                if let Some(value) = typed_value(t, style) {
                    cell.value = value;
                }
            }
        }
    }
    typed
}

fn typed_value(text: &str, style: DecimalStyle) -> Option<Value> {
    let t = text.trim();
    let digits = t.trim_start_matches(['-', '+']);
    let leading_zero = digits.len() > 1
        && digits.starts_with('0')
        && digits.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    if t.is_empty() || leading_zero || t.ends_with('%') {
        return None;
    }
    if let Some(n) = parse_number(t, style) {
        return Some(Value::Number(n));
    }
    let (y, m, d) = parse_date_text(t)?;
    // Only whole ISO dates: "9/30/2026" may be day-first in the rep's locale.
    (t.len() == 10 && t.as_bytes().get(4) == Some(&b'-'))
        .then(|| Value::Date(serial_from_civil(y, m, d)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn numbers_and_iso_dates_become_values_and_look_alikes_stay_text() {
        assert_eq!(
            typed_value("1.234,50", DecimalStyle::Comma),
            Some(Value::Number(1234.5))
        );
        assert_eq!(
            typed_value("$410,000.00", DecimalStyle::Point),
            Some(Value::Number(410_000.0))
        );
        assert_eq!(
            typed_value("2026-09-30", DecimalStyle::Point),
            Some(Value::Date(serial_from_civil(2026, 9, 30)))
        );
        assert_eq!(typed_value("00123", DecimalStyle::Point), None);
        assert_eq!(typed_value("12%", DecimalStyle::Point), None);
        assert_eq!(typed_value("Acme", DecimalStyle::Point), None);
        assert_eq!(typed_value("9/30/2026", DecimalStyle::Point), None);
        assert_eq!(
            typed_value("0.5", DecimalStyle::Point),
            Some(Value::Number(0.5))
        );
    }
}
