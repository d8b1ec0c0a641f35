//! Shape 2: order lines, aggregated per account per calendar year. The latest year is current,
//! the one before it prior; a partial latest year is projected to a full year. With a product
//! column the lines are also summed per account and product (see [`crate::products_sheet`]).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use account_lens_engine::{Account, Diagnostic, Periods, ProductCell, ProductTable, Projection};

use crate::accounts::{decimal_styles, text_of, total_kind, CellReader, TableRead, TotalKind};
use crate::coerce::{civil_from_serial, days_from_civil, parse_date_text};
use crate::grid::{Row, Sheet, Value};
use crate::mapping::{Field, Mapping};
use crate::products_sheet::ProductsRead;
use crate::products_sheet::{product_text, Names, ProductLayout, ProductSource};
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
    /// Sales per account and product, when the lines have a product column.
    pub products: Option<ProductsRead>,
}

/// One order line's part in the product figures, kept until the current year is known.
#[derive(Clone, Copy)]
struct ProductLine {
    account: u32,
    product: u32,
    year: i32,
    sales: f64,
    /// NaN when the line's cost or profit is unknown.
    profit: f64,
}

/// Lines without a product are reported one by one up to this many, then counted.
const LISTED_LINES: usize = 50;

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
            products: None,
        };
    };
    let amount_col = amount.column;
    let product_col = mapping.get(Field::Product).map(|f| f.column);
    let mut product_names = Names::default();
    let mut product_lines: Vec<ProductLine> = Vec::new();
    let mut no_product = 0usize;
    let mut no_cost = 0usize;
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
        if let Some(col) = product_col {
            match product_text(row, col) {
                Some(product) => {
                    no_cost += usize::from(
                        profit.is_none() && (cost_col.is_some() || profit_col.is_some()),
                    );
                    product_lines.push(ProductLine {
                        account: u32::try_from(i).unwrap_or(u32::MAX),
                        product: product_names.index(&product),
                        year: date.0,
                        sales: value,
                        profit: profit.unwrap_or(f64::NAN),
                    });
                }
                None => {
                    no_product += 1;
                    if no_product <= LISTED_LINES {
                        table.diagnostics.push(
                            Diagnostic::info("Line left out of the products: no product").at(
                                &sheet.name,
                                row.index,
                                Some(col),
                            ),
                        );
                    }
                }
            }
        }
    }

    let Some(last) = last_date else {
        return TransactionsRead {
            table,
            projection: None,
            latest_year: None,
            products: None,
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

    let products = product_col.map(|_| {
        let names: Vec<String> = accounts.iter().map(|(name, _)| name.clone()).collect();
        let lines = ProductLines {
            lines: product_lines,
            names: product_names,
            accounts: names,
            no_product,
            no_cost,
            year,
            factor: projection.as_ref().map_or(1.0, |p| p.factor),
        };
        product_table(sheet, header, mapping, lines, &mut table)
    });

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
        products,
    }
}

/// The product side of the order lines, as read.
struct ProductLines {
    lines: Vec<ProductLine>,
    /// The products' names.
    names: Names,
    /// The accounts' names, as the lines' account indices number them.
    accounts: Vec<String>,
    no_product: usize,
    no_cost: usize,
    /// The current year, and its projection to a full one.
    year: i32,
    factor: f64,
}

/// Sums the order lines of the current and the prior year per account and product: the lines
/// bucketed by account (a counting sort), each account's few sorted by product and merged.
fn product_table(
    sheet: &Sheet,
    header: &HeaderRow,
    mapping: &Mapping,
    lines: ProductLines,
    table: &mut TableRead,
) -> ProductsRead {
    let (year, accounts) = (lines.year, lines.accounts);
    let in_window = |l: &ProductLine| l.year == year || l.year == year - 1;
    let mut start = vec![0usize; accounts.len() + 1];
    let mut older = 0usize;
    for l in &lines.lines {
        match start.get_mut(l.account as usize + 1) {
            Some(n) if in_window(l) => *n += 1,
            _ => older += 1,
        }
    }
    for a in 0..accounts.len() {
        start[a + 1] += start[a];
    }
    let mut fill = start.clone();
    let mut bucketed: Vec<ProductLine> = vec![
        ProductLine {
            account: 0,
            product: 0,
            year: 0,
            sales: 0.0,
            profit: 0.0,
        };
        start[accounts.len()]
    ];
    for l in lines.lines.iter().filter(|l| in_window(l)) {
        if let Some(at) = fill.get_mut(l.account as usize) {
            if let Some(slot) = bucketed.get_mut(*at) {
                *slot = *l;
            }
            *at += 1;
        }
    }
    drop(lines.lines);
    let mut cells: Vec<ProductCell> = Vec::new();
    let mut has_prior = false;
    for a in 0..accounts.len() {
        let run = &mut bucketed[start[a]..start[a + 1]];
        run.sort_unstable_by_key(|l| l.product);
        for l in run.iter() {
            let current = l.year == year;
            has_prior |= !current;
            let known = (!l.profit.is_nan()).then_some(l.profit);
            let cell = match cells.last_mut() {
                Some(c) if c.account == l.account && c.product == l.product => c,
                _ => {
                    cells.push(ProductCell {
                        account: l.account,
                        product: l.product,
                        sales: 0.0,
                        gross_profit: Some(0.0),
                        prior_sales: None,
                    });
                    match cells.last_mut() {
                        Some(c) => c,
                        None => continue,
                    }
                }
            };
            if current {
                cell.sales += l.sales;
                // Known for the pair only when known for every line of this year.
                cell.gross_profit = cell.gross_profit.zip(known).map(|(a, b)| a + b);
            } else {
                cell.prior_sales = Some(cell.prior_sales.unwrap_or(0.0) + l.sales);
            }
        }
    }
    let at = |d: Diagnostic| d.in_sheet(&sheet.name);
    if lines.no_product > LISTED_LINES {
        table.diagnostics.push(at(Diagnostic::info(format!(
            "{} order lines have no product (the first {LISTED_LINES} are listed): counted for their accounts, left out of the products",
            lines.no_product
        ))));
    }
    if lines.no_cost > 0 {
        table.diagnostics.push(at(Diagnostic::info(format!(
            "{} order lines with a product have no cost or profit: the margins of their products come from the lines that have one",
            lines.no_cost
        ))));
    }
    if older > 0 {
        table.diagnostics.push(at(Diagnostic::info(format!(
            "{older} order lines dated before {} are left out of the products, as they are of the accounts' sales",
            year - 1
        ))));
    }
    let rows_read = table.rows_read;
    let rows_skipped = table.rows_skipped + lines.no_product;
    ProductsRead {
        source: ProductSource {
            sheet: sheet.name.clone(),
            layout: ProductLayout::OrderLines,
            header_row: header.row + 1,
            rows_read,
            rows_skipped,
            mapping: mapping.clone(),
        },
        table: ProductTable {
            accounts,
            products: lines.names.names,
            cells,
            periods: has_prior.then(|| Periods {
                current: year.to_string(),
                prior: (year - 1).to_string(),
                factor: lines.factor,
            }),
        },
    }
}
