//! The time plan's four estimates per account, when the account sheet has columns for them:
//! sales with no time, with half the time, with 50 % more time and at saturation, as fractions
//! of current sales (`0.6`, a percent cell showing `60%`, or the text `"60%"`).
//!
//! A plain number above 3 (a cell or text without `%`) is a whole percentage: `60` reads as
//! 60 %, `160` as 160 %. Three or less is a fraction (`1.6` is 160 %): no account is expected
//! to buy more than three times today's sales with all the time it can take, and no estimate is
//! a whole percentage of three or less. Each column read that way is reported once.
//!
//! An account gets its own estimates only when all four are there and make a curve; otherwise
//! a diagnostic names the row and the column to fix, and the account keeps its category's
//! defaults.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use account_lens_engine::{Account, Diagnostic, Estimate, Estimates, Response};

use crate::accounts::{decimal_styles, CellReader};
use crate::coerce::{parse_number, DecimalStyle};
use crate::grid::{Row, Sheet, Value};
use crate::mapping::{Field, FieldColumn, Mapping, RESPONSE_FIELDS};
use crate::table::HeaderRow;

/// A plain number above this is a whole percentage.
const LARGEST_FRACTION: f64 = 3.0;

/// The field of one estimate.
fn field_of(estimate: Estimate) -> Field {
    match estimate {
        Estimate::None => Field::ResponseNone,
        Estimate::Half => Field::ResponseHalf,
        Estimate::More => Field::ResponseMore,
        Estimate::Saturation => Field::ResponseSaturation,
    }
}

/// A plain number in a cell: a number, or text without `%`.
fn plain_number(value: Option<&Value>, style: DecimalStyle) -> Option<f64> {
    match value? {
        Value::Number(n) if n.is_finite() => Some(*n),
        Value::Text(t) if !t.contains('%') => parse_number(t, style),
        _ => None,
    }
}

/// Reads the estimates of the accounts read from `sheet` (matched by their row), by account
/// name, with what the reading noticed. Empty when no estimate column is mapped.
pub(crate) fn read_sheet_estimates(
    sheet: &Sheet,
    header: &HeaderRow,
    mapping: &Mapping,
    accounts: &[Account],
) -> (BTreeMap<String, Estimates>, Vec<Diagnostic>) {
    let mut estimates = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let columns: Vec<Option<&FieldColumn>> = Estimate::ALL
        .iter()
        .map(|&e| mapping.get(field_of(e)))
        .collect();
    if columns.iter().all(Option::is_none) {
        return (estimates, diagnostics);
    }
    let unmapped: Vec<&str> = Estimate::ALL
        .iter()
        .zip(&columns)
        .filter(|(_, fc)| fc.is_none())
        .map(|(e, _)| e.label())
        .collect();
    if !unmapped.is_empty() {
        diagnostics.push(
            Diagnostic::warning(format!(
                "The sheet has estimate columns for the time plan but none for {}: every account uses its category's defaults. Add the column, or choose it in the reading",
                join(&unmapped)
            ))
            .in_sheet(&sheet.name),
        );
        return (estimates, diagnostics);
    }
    let columns: Vec<&FieldColumn> = columns.into_iter().flatten().collect();
    // The row each account was first read from (duplicates are merged into it).
    let names: FxHashMap<u32, &str> = accounts
        .iter()
        .filter_map(|a| Some((a.row?.checked_sub(1)?, a.name.as_str())))
        .collect();
    let below = sheet.rows.get(header.position + 1..).unwrap_or_default();
    let rows: Vec<&Row> = below
        .iter()
        .filter(|r| names.contains_key(&r.index))
        .collect();
    let reader = CellReader {
        sheet: &sheet.name,
        styles: decimal_styles(below, mapping, &RESPONSE_FIELDS),
    };
    let style = |col: u32| {
        reader
            .styles
            .get(&col)
            .copied()
            .unwrap_or(DecimalStyle::Point)
    };
    report_whole_percentages(sheet, &rows, &columns, &style, &mut diagnostics);

    for row in &rows {
        let Some(name) = names.get(&row.index) else {
            continue;
        };
        let mut values = [None; 4];
        for (slot, fc) in columns.iter().enumerate() {
            let value = reader.number(row, fc.column, &fc.header, &mut diagnostics);
            let whole = plain_number(row.value(fc.column), style(fc.column))
                .is_some_and(|n| n.abs() > LARGEST_FRACTION);
            values[slot] = value.map(|v| if whole { v / 100.0 } else { v });
        }
        let given = values.iter().filter(|v| v.is_some()).count();
        if given == 0 {
            continue;
        }
        let [Some(none), Some(half), Some(more), Some(saturation)] = values else {
            let missing: Vec<&str> = Estimate::ALL
                .iter()
                .zip(values)
                .filter(|(_, v)| v.is_none())
                .map(|(e, _)| e.label())
                .collect();
            let first_missing = columns
                .iter()
                .zip(values)
                .find(|(_, v)| v.is_none())
                .map(|(fc, _)| fc.column);
            diagnostics.push(
                Diagnostic::warning(format!(
                    "{name}: the time plan needs all four estimates (sales with no time, with half the time, with 50% more time, at saturation); {} {} missing, so {name} uses its category's defaults",
                    join(&missing),
                    if missing.len() == 1 { "is" } else { "are" },
                ))
                .at(&sheet.name, row.index, first_missing),
            );
            continue;
        };
        let own = Estimates {
            none,
            half,
            more,
            saturation,
        };
        match Response::calibrate(&own) {
            Ok(_) => {
                estimates.entry((*name).to_string()).or_insert(own);
            }
            Err(e) => {
                let col = columns
                    .iter()
                    .zip(Estimate::ALL)
                    .find(|(_, est)| *est == e.estimate())
                    .map(|(fc, _)| fc.column);
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "{name}: {e}; {name} uses its category's defaults until the estimates are fixed"
                    ))
                    .at(&sheet.name, row.index, col),
                );
            }
        }
    }
    (estimates, diagnostics)
}

/// Says, once per column, that plain numbers above 3 were read as whole percentages, and warns
/// when the same column also holds fractions.
fn report_whole_percentages(
    sheet: &Sheet,
    rows: &[&Row],
    columns: &[&FieldColumn],
    style: &dyn Fn(u32) -> DecimalStyle,
    out: &mut Vec<Diagnostic>,
) {
    for fc in columns {
        let plain: Vec<f64> = rows
            .iter()
            .filter_map(|r| plain_number(r.value(fc.column), style(fc.column)))
            .collect();
        let whole = plain.iter().filter(|n| n.abs() > LARGEST_FRACTION).count();
        if whole == 0 {
            continue;
        }
        let fractions = plain
            .iter()
            .any(|n| *n != 0.0 && n.abs() <= LARGEST_FRACTION);
        let said = format!(
            "Estimates above 3 in \"{}\" read as percentages (60 means 60 % of today's sales)",
            fc.header
        );
        out.push(
            if fractions {
                Diagnostic::warning(format!(
                    "{said}; the column also holds fractions (3 or less, 0.6 = 60 %): check that each value means what you want"
                ))
            } else {
                Diagnostic::info(said)
            }
            .in_sheet(&sheet.name),
        );
    }
}

/// "a", "a and b", "a, b and c".
fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
