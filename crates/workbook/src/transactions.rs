//! Shape 2: order lines, aggregated per account per calendar year. The latest year is current,
//! the one before it prior; a partial latest year is projected to a full year.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use account_lens_engine::{Account, Diagnostic, Projection};

use crate::accounts::{decimal_styles, text_of, total_kind, CellReader, TableRead, TotalKind};
use crate::coerce::{civil_from_serial, days_from_civil, parse_date_text};
use crate::grid::{Row, Sheet, Value};
use crate::mapping::{Field, Mapping};
use crate::table::HeaderRow;

/// A date cell as (year, month, day): a date, a serial number, or date text.
pub fn date_of(row: &Row, col: u32) -> Option<(i32, u32, u32)> {
    match row.value(col)? {
        Value::Date(serial) => civil_from_serial(*serial),
        Value::Number(n) if (20_000.0..80_000.0).contains(n) => civil_from_serial(*n),
        Value::Text(t) => parse_date_text(t),
        _ => None,
    }
}

/// Share of the non-empty cells of a column that are dates.
pub fn date_share(rows: &[Row], col: u32) -> f64 {
    let (mut dates, mut all) = (0usize, 0usize);
    for row in rows.iter().take(200) {
        if row.value(col).is_some() {
            all += 1;
            dates += usize::from(date_of(row, col).is_some());
        }
    }
    if all == 0 {
        0.0
    } else {
        dates as f64 / all as f64
    }
}

#[derive(Default)]
struct Totals {
    /// Sales per year.
    sales: BTreeMap<i32, f64>,
    /// Gross profit per year, when cost or profit is known.
    profit: BTreeMap<i32, f64>,
    first_row: u32,
}

/// The transactions read: accounts with prior/current sales, and the projection used.
pub struct TransactionsRead {
    pub table: TableRead,
    pub projection: Option<Projection>,
    pub latest_year: Option<i32>,
}

/// Aggregates order lines per account per calendar year.
pub fn read_transactions(sheet: &Sheet, header: &HeaderRow, mapping: &Mapping) -> TransactionsRead {
    let mut table = TableRead::default();
    let (Some(account_col), Some(date_col), Some(amount)) = (
        mapping.get(Field::Account).map(|f| f.column),
        mapping.get(Field::Date).map(|f| f.column),
        mapping.get(Field::Amount),
    ) else {
        return TransactionsRead {
            table,
            projection: None,
            latest_year: None,
        };
    };
    let amount_col = amount.column;
    let rows = sheet.rows.get(header.position + 1..).unwrap_or_default();
    let reader = CellReader {
        sheet: &sheet.name,
        styles: decimal_styles(rows, mapping, &[Field::Amount, Field::Cost, Field::Profit]),
    };
    crate::accounts::report_decimal_commas(sheet, mapping, &reader.styles, &mut table.diagnostics);
    let cost_col = mapping.get(Field::Cost).map(|f| f.column);
    let profit_col = mapping.get(Field::Profit).map(|f| f.column);
    let mut accounts: Vec<(String, Totals)> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut last_date: Option<(i32, u32, u32)> = None;

    let mut headings: Vec<String> = Vec::new();
    let mut heading: Option<String> = None;
    let mut lines_per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for row in rows {
        table.rows_read += 1;
        let skip = |table: &mut TableRead, d: Diagnostic, col: u32| {
            table.rows_skipped += 1;
            table
                .diagnostics
                .push(d.at(&sheet.name, row.index, Some(col)));
        };
        let date = date_of(row, date_col);
        let own_name = text_of(row, account_col);
        // Detail reports put the customer on a heading row ("Summit Clinics", no date) and leave
        // the account blank on its lines, closing with "Total for Summit Clinics".
        if let Some(name) = &own_name {
            match total_kind(name, &headings) {
                Some(TotalKind::Grand | TotalKind::Sub) => {
                    skip(
                        &mut table,
                        Diagnostic::info(format!("Total line \"{name}\" left out")),
                        account_col,
                    );
                    heading = None;
                    continue;
                }
                _ if date.is_none() && row.value(amount_col).is_none() => {
                    headings.push(name.clone());
                    heading = Some(name.clone());
                    skip(
                        &mut table,
                        Diagnostic::info(format!(
                            "Heading \"{name}\": the lines below it are its orders"
                        )),
                        account_col,
                    );
                    continue;
                }
                _ => {}
            }
        }
        let Some(name) = own_name.or_else(|| heading.clone()) else {
            skip(
                &mut table,
                Diagnostic::info("Line left out: no account"),
                account_col,
            );
            continue;
        };
        let Some(date) = date else {
            skip(
                &mut table,
                Diagnostic::warning("Line left out: no readable date"),
                date_col,
            );
            continue;
        };
        let mut diags = Vec::new();
        let Some(value) = reader.number(row, amount_col, &amount.header, &mut diags) else {
            table.diagnostics.append(&mut diags);
            skip(
                &mut table,
                Diagnostic::warning("Line left out: no readable amount"),
                amount_col,
            );
            continue;
        };
        let profit = match (profit_col, cost_col) {
            (Some(c), _) => reader.number(row, c, "Profit", &mut diags),
            (None, Some(c)) => reader
                .number(row, c, "Cost", &mut diags)
                .map(|cost| value - cost),
            _ => None,
        };
        table.diagnostics.append(&mut diags);
        last_date = last_date.max(Some(date));
        *lines_per_year.entry(date.0).or_insert(0usize) += 1;
        let key = name.to_lowercase();
        let i = *index.entry(key).or_insert_with(|| {
            accounts.push((
                name.clone(),
                Totals {
                    first_row: row.index + 1,
                    ..Totals::default()
                },
            ));
            accounts.len() - 1
        });
        let totals = &mut accounts[i].1;
        *totals.sales.entry(date.0).or_default() += value;
        if let Some(p) = profit {
            *totals.profit.entry(date.0).or_default() += p;
        }
    }

    let Some(last) = last_date else {
        return TransactionsRead {
            table,
            projection: None,
            latest_year: None,
        };
    };
    let year = last.0;
    // One mistyped date ("2062") would make its year current and every account's sales 0.
    let latest_lines = lines_per_year.get(&year).copied().unwrap_or(0);
    let all_lines: usize = lines_per_year.values().sum();
    let previous_year = lines_per_year.keys().rev().nth(1).copied();
    let gap = previous_year.is_some_and(|p| year - p > 1);
    if all_lines >= 50 && latest_lines * 20 < all_lines && (gap || latest_lines <= 3) {
        table.diagnostics.push(
            Diagnostic::warning(format!(
                "Only {latest_lines} of {all_lines} order lines are dated {year}, the latest year, which is taken as current: check for mistyped dates"
            ))
            .in_sheet(&sheet.name),
        );
    }
    let day_of_year = days_from_civil(last.0, last.1, last.2) - days_from_civil(year, 1, 1) + 1;
    let year_days = days_from_civil(year + 1, 1, 1) - days_from_civil(year, 1, 1);
    let projection = (day_of_year < year_days).then(|| {
        let factor = year_days as f64 / day_of_year as f64;
        Projection {
            factor,
            rule: format!(
                "{year} is partial (order lines to {:04}-{:02}-{:02}, day {day_of_year} of {year_days}): current sales × {factor:.3} projected to a full year",
                last.0, last.1, last.2
            ),
        }
    });
    table.diagnostics.push(
        Diagnostic::info(match &projection {
            Some(p) => format!(
                "Order lines summed per calendar year: current = {year}, prior = {}. {}",
                year - 1,
                p.rule
            ),
            None => format!(
                "Order lines summed per calendar year: current = {year}, prior = {}",
                year - 1
            ),
        })
        .in_sheet(&sheet.name),
    );

    table.accounts = accounts
        .into_iter()
        .map(|(name, t)| Account {
            name,
            prior_sales: t.sales.get(&(year - 1)).copied(),
            current_sales: Some(t.sales.get(&year).copied().unwrap_or(0.0)),
            gross_profit: t.profit.get(&year).copied(),
            row: Some(t.first_row),
            ..Account::default()
        })
        .collect();
    TransactionsRead {
        table,
        projection,
        latest_year: Some(year),
    }
}
