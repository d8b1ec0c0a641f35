//! Shape 4: sales per account and product, read into an engine [`ProductTable`] beside the
//! accounts.
//!
//! Product figures come from one of three layouts, found in this order:
//! 1. the order lines being analysed, when they have a product column (see
//!    [`crate::transactions`]): summed per account and product for the current and the prior
//!    year, with the gross profit of the lines whose cost or profit is known;
//! 2. a **long** sheet — one row per account and product: `account`, `product`, sales
//!    (`current_sales` or `amount`, or two year columns such as "Sales 2025", "Sales 2026"),
//!    optionally `margin`, `gross_profit` or `cost`;
//! 3. a **wide** matrix — accounts down, one column per product across, sales in the cells.
//!
//! The analysed sheet is looked at first; otherwise the best other sheet (not one an export
//! generated, not a time log) that has such a table. A workbook whose only sheet is a long or
//! wide product table is analysed from it: each account's sales are the sum of its products.
//! Where the products came from is [`ProductSource`], and the reading says it among the
//! diagnostics. Every row left out is a diagnostic, with its sheet, row and column.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use account_lens_engine::{Account, Diagnostic, Periods, ProductCell, ProductTable};

use crate::accounts::{decimal_styles, report_decimal_commas, text_of, total_kind, CellReader};
use crate::accounts::{TableRead, TotalKind};
use crate::coerce::{parse_number, DecimalStyle};
use crate::grid::{Row, Sheet, Value};
use crate::mapping::{field_score, map_headers, normalize, year_label, Field, Mapping};
use crate::table::{find_header, HeaderRow};

/// What the `products` command and the page say when a workbook has no product figures.
pub const NO_PRODUCT_DATA: &str = "This workbook has no product figures. Account Lens reads them from order lines with a Product column (and Cost or Profit for margins), from a sheet of account, product and sales (one row per account and product), or from a matrix of accounts down and products across. On the command line, --map product=HEADER picks the product column.";

/// How the product figures were laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductLayout {
    /// Order lines with a product column, summed per account and product.
    OrderLines,
    /// One row per account and product.
    Long,
    /// Accounts down, products across.
    Wide,
}

impl ProductLayout {
    /// The contract name.
    pub fn key(self) -> &'static str {
        match self {
            ProductLayout::OrderLines => "order_lines",
            ProductLayout::Long => "long",
            ProductLayout::Wide => "wide",
        }
    }

    /// In a rep's words.
    pub fn label(self) -> &'static str {
        match self {
            ProductLayout::OrderLines => "order lines",
            ProductLayout::Long => "one row per account and product",
            ProductLayout::Wide => "a matrix of accounts down and products across",
        }
    }
}

/// Where the product figures came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductSource {
    pub sheet: String,
    pub layout: ProductLayout,
    /// One-based row of the header.
    pub header_row: u32,
    pub rows_read: usize,
    pub rows_skipped: usize,
    /// The columns read (for a matrix: the account column; the products are its other
    /// headers).
    pub mapping: Mapping,
}

/// The product figures of a workbook, as the engine reads them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductsRead {
    pub source: ProductSource,
    pub table: ProductTable,
}

/// Fields of a long account × product sheet, in the order they claim columns.
pub const PRODUCT_FIELDS: [Field; 8] = [
    Field::Account,
    Field::Product,
    Field::CurrentSales,
    Field::PriorSales,
    Field::Amount,
    Field::Margin,
    Field::GrossProfit,
    Field::Cost,
];

/// Fields that hold amounts: a sheet naming one is not a product matrix.
pub(crate) const AMOUNT_FIELDS: [Field; 13] = [
    Field::PriorSales,
    Field::CurrentSales,
    Field::Potential,
    Field::Margin,
    Field::GrossProfit,
    Field::Hours,
    Field::Date,
    Field::Amount,
    Field::Quantity,
    Field::Cost,
    Field::Profit,
    Field::ResponseNone,
    Field::ResponseSaturation,
];

/// A sheet read as a product table, before its rows are read.
pub(crate) struct ProductSheet<'a> {
    pub(crate) sheet: &'a Sheet,
    pub(crate) header: HeaderRow,
    pub(crate) mapping: Mapping,
    pub(crate) layout: ProductLayout,
    /// The product columns of a matrix.
    products: Vec<(u32, String)>,
    /// The total columns of a matrix, left out.
    totals: Vec<(u32, String)>,
    /// Account names appear on more than one row.
    pub(crate) repeats: bool,
    pub(crate) score: f32,
}

/// The user's `--map` choices that name a header of this row (the others are for another
/// sheet).
fn applicable(overrides: &[(Field, String)], headers: &[(u32, String)]) -> Vec<(Field, String)> {
    overrides
        .iter()
        .filter(|(_, h)| {
            h.trim().is_empty() || headers.iter().any(|(_, x)| normalize(x) == normalize(h))
        })
        .cloned()
        .collect()
}

/// A header that names a total, not a product ("Total", "Grand total", "Sum").
fn is_total_header(header: &str) -> bool {
    total_kind(header, &[]) == Some(TotalKind::Grand)
        || matches!(normalize(header).as_str(), "total" | "totals" | "sum")
}

/// Reads a sheet's header as a long or a wide product table.
pub(crate) fn detect<'a>(
    sheet: &'a Sheet,
    overrides: &[(Field, String)],
) -> Option<ProductSheet<'a>> {
    long_table(sheet, overrides).or_else(|| wide_table(sheet, overrides))
}

/// Whether a sheet holds product figures per account (and so is read beside the accounts
/// rather than as them): a long table whose accounts repeat, or a matrix.
pub(crate) fn looks_like_product_sheet(sheet: &Sheet) -> bool {
    detect(sheet, &[]).is_some_and(|f| f.layout == ProductLayout::Wide || f.repeats)
}

fn long_table<'a>(sheet: &'a Sheet, overrides: &[(Field, String)]) -> Option<ProductSheet<'a>> {
    let header = find_header(sheet, &PRODUCT_FIELDS)?;
    let chosen = applicable(overrides, &header.headers);
    let mapping = map_headers(&header.headers, &PRODUCT_FIELDS, &chosen).ok()?;
    let product = mapping.get(Field::Product)?;
    if product.confidence < 1.0 || !mapping.has(Field::Account) {
        return None;
    }
    if !(mapping.has(Field::CurrentSales) || mapping.has(Field::Amount)) {
        return None;
    }
    let rows = sheet.rows.get(header.position + 1..).unwrap_or_default();
    // Order lines (dates in a date column) are read as order lines, not here.
    let dated = header.headers.iter().any(|(c, h)| {
        field_score(Field::Date, &normalize(h)) == Some(1.0)
            && crate::transactions::date_share(rows, *c) >= 0.8
    });
    if dated {
        return None;
    }
    let account_col = mapping.get(Field::Account).map(|f| f.column)?;
    let repeats = {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut named = 0usize;
        for row in rows.iter().take(2_000) {
            if let Some(name) = text_of(row, account_col) {
                named += 1;
                seen.insert(name.to_lowercase());
            }
        }
        named > seen.len()
    };
    let score = crate::import::sheet_score(&mapping, rows.len(), sheet.hidden);
    Some(ProductSheet {
        sheet,
        header,
        mapping,
        layout: ProductLayout::Long,
        products: Vec::new(),
        totals: Vec::new(),
        repeats,
        score,
    })
}

fn wide_table<'a>(sheet: &'a Sheet, overrides: &[(Field, String)]) -> Option<ProductSheet<'a>> {
    let header = find_header(sheet, &[Field::Account])?;
    let chosen: Vec<(Field, String)> = applicable(overrides, &header.headers)
        .into_iter()
        .filter(|(f, _)| *f == Field::Account)
        .collect();
    let mapping = map_headers(&header.headers, &[Field::Account], &chosen).ok()?;
    let account_col = mapping.get(Field::Account).map(|f| f.column)?;
    let mut products = Vec::new();
    let mut totals = Vec::new();
    for (col, h) in &header.headers {
        if *col == account_col {
            continue;
        }
        // A total column is left out, not taken for an amount.
        if is_total_header(h) {
            totals.push((*col, h.clone()));
            continue;
        }
        let norm = normalize(h);
        if year_label(h).is_some()
            || AMOUNT_FIELDS
                .iter()
                .any(|&f| field_score(f, &norm).is_some())
        {
            // An amount column, even one only named like one ("Net revenue"): an account
            // table, not a matrix of products.
            return None;
        }
        let known = Field::ALL
            .iter()
            .any(|&f| field_score(f, &norm) == Some(1.0));
        if !known {
            products.push((*col, h.clone()));
        }
    }
    if products.len() < 2 {
        return None;
    }
    // The product columns hold amounts.
    let rows = sheet.rows.get(header.position + 1..).unwrap_or_default();
    let (mut numbers, mut filled) = (0usize, 0usize);
    for row in rows.iter().take(200) {
        for (col, _) in &products {
            match row.value(*col) {
                None => {}
                Some(Value::Text(t)) if t.trim().is_empty() => {}
                Some(Value::Number(_)) => {
                    numbers += 1;
                    filled += 1;
                }
                Some(Value::Text(t)) => {
                    filled += 1;
                    numbers += usize::from(
                        parse_number(t, DecimalStyle::Point)
                            .or_else(|| parse_number(t, DecimalStyle::Comma))
                            .is_some(),
                    );
                }
                Some(_) => filled += 1,
            }
        }
    }
    if filled == 0 || numbers * 10 < filled * 8 {
        return None;
    }
    let score = crate::import::sheet_score(&mapping, rows.len(), sheet.hidden)
        + 0.1 * products.len().min(20) as f32;
    Some(ProductSheet {
        sheet,
        header,
        mapping,
        layout: ProductLayout::Wide,
        products,
        totals,
        repeats: false,
        score,
    })
}

/// The account and product names of a table being built, each kept as first spelt and found
/// again ignoring case.
#[derive(Default)]
pub(crate) struct Names {
    pub(crate) names: Vec<String>,
    exact: FxHashMap<String, u32>,
    folded: FxHashMap<String, u32>,
}

impl Names {
    /// The index of a name, adding it when new.
    pub(crate) fn index(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.exact.get(name) {
            return i;
        }
        let folded = name.to_lowercase();
        let i = match self.folded.get(&folded) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                self.names.push(name.to_string());
                self.folded.insert(folded, i);
                i
            }
        };
        self.exact.insert(name.to_string(), i);
        i
    }
}

/// A product name as a cell shows it: text trimmed, numbers (item codes) as digits.
pub(crate) fn product_text(row: &Row, col: u32) -> Option<Cow<'_, str>> {
    match row.value(col)? {
        Value::Text(t) => Some(Cow::Borrowed(t.trim())).filter(|t| !t.is_empty()),
        Value::Number(n) if n.fract() == 0.0 => Some(Cow::Owned(format!("{n:.0}"))),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        _ => None,
    }
}

/// Cells being summed per account and product.
#[derive(Default)]
pub(crate) struct CellSums {
    cells: Vec<ProductCell>,
    at: FxHashMap<(u32, u32), usize>,
}

impl CellSums {
    pub(crate) fn add(&mut self, cell: ProductCell) {
        match self.at.get(&(cell.account, cell.product)) {
            Some(&i) => {
                let c = &mut self.cells[i];
                c.sales += cell.sales;
                c.gross_profit = c.gross_profit.zip(cell.gross_profit).map(|(a, b)| a + b);
                c.prior_sales = match (c.prior_sales, cell.prior_sales) {
                    (None, None) => None,
                    (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
                };
            }
            None => {
                self.at
                    .insert((cell.account, cell.product), self.cells.len());
                self.cells.push(cell);
            }
        }
    }

    pub(crate) fn into_cells(self) -> Vec<ProductCell> {
        self.cells
    }
}

/// What reading a product sheet gave: the table, where it came from, what the reading noticed,
/// and each account's first row (one-based) for a sheet analysed as accounts.
pub(crate) struct SheetRead {
    pub(crate) read: ProductsRead,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) first_rows: Vec<u32>,
}

/// Reads a detected product sheet.
pub(crate) fn read(found: &ProductSheet<'_>) -> SheetRead {
    match found.layout {
        ProductLayout::Wide => read_wide(found),
        _ => read_long(found),
    }
}

/// The account of a row, or why the row is left out (and whether it is a heading, whose name
/// later totals may refer to).
fn account_of(
    row: &Row,
    col: u32,
    headings: &mut Vec<String>,
    has_amounts: bool,
) -> Result<String, (Diagnostic, bool)> {
    let Some(name) = text_of(row, col) else {
        return Err((
            if has_amounts {
                Diagnostic::warning("Row left out: it has amounts but no account name")
            } else {
                Diagnostic::info("Row left out: no account name")
            },
            false,
        ));
    };
    match total_kind(&name, headings) {
        Some(TotalKind::Grand | TotalKind::Sub) => Err((
            Diagnostic::info(format!(
                "Total row \"{name}\" left out, so nothing is counted twice"
            )),
            false,
        )),
        _ if !has_amounts => {
            headings.push(name.clone());
            Err((
                Diagnostic::info(format!(
                    "Row \"{name}\" left out: no amounts (a heading, note or footer)"
                )),
                true,
            ))
        }
        _ => Ok(name),
    }
}

fn read_long(found: &ProductSheet<'_>) -> SheetRead {
    let sheet = found.sheet;
    let mapping = &found.mapping;
    let rows = sheet
        .rows
        .get(found.header.position + 1..)
        .unwrap_or_default();
    let mut diagnostics = Vec::new();
    let numeric = [
        Field::CurrentSales,
        Field::PriorSales,
        Field::Amount,
        Field::Margin,
        Field::GrossProfit,
        Field::Cost,
    ];
    let reader = CellReader {
        sheet: &sheet.name,
        styles: decimal_styles(rows, mapping, &numeric),
    };
    report_decimal_commas(sheet, mapping, &reader.styles, &mut diagnostics);
    let col = |f: Field| mapping.get(f);
    let (Some(account), Some(product)) = (col(Field::Account), col(Field::Product)) else {
        return empty(found, diagnostics);
    };
    let Some(sales) = col(Field::CurrentSales).or_else(|| col(Field::Amount)) else {
        return empty(found, diagnostics);
    };
    let prior = col(Field::PriorSales);
    // Margins written as whole percentages (32 for 32 %) are decided for the whole column.
    let margin_col = col(Field::Margin).map(|f| f.column);
    let whole_percent = margin_col.is_some_and(|c| {
        rows.iter().any(|r| match r.value(c) {
            Some(Value::Number(m)) => m.abs() > 1.0 && m.abs() <= 100.0,
            Some(Value::Text(t)) if !t.contains('%') => parse_number(t, DecimalStyle::Point)
                .is_some_and(|m| m.abs() > 1.0 && m.abs() <= 100.0),
            _ => false,
        })
    });
    if whole_percent {
        if let Some(m) = col(Field::Margin) {
            diagnostics.push(
                Diagnostic::info(format!(
                    "Margins in \"{}\" read as percentages (32 means 32 %)",
                    m.header
                ))
                .in_sheet(&sheet.name),
            );
        }
    }
    let mut accounts = Names::default();
    let mut products = Names::default();
    let mut first_rows = Vec::new();
    let mut cells = CellSums::default();
    let (mut rows_read, mut rows_skipped) = (0, 0);
    let mut headings = Vec::new();
    for row in rows {
        rows_read += 1;
        let mut notes = Vec::new();
        let amount = reader.sum(row, sales.columns(), &sales.header, &mut notes);
        let before = prior.and_then(|p| reader.sum(row, p.columns(), &p.header, &mut notes));
        let has_amounts = amount.is_some() || before.is_some();
        diagnostics.append(&mut notes);
        let mut skip = |d: Diagnostic, c: u32| {
            rows_skipped += 1;
            diagnostics.push(d.at(&sheet.name, row.index, Some(c)));
        };
        let name = match account_of(row, account.column, &mut headings, has_amounts) {
            Ok(name) => name,
            Err((d, _)) => {
                skip(d, account.column);
                continue;
            }
        };
        let Some(item) = product_text(row, product.column) else {
            skip(
                Diagnostic::warning("Row left out: no product"),
                product.column,
            );
            continue;
        };
        let mut notes = Vec::new();
        let value = amount.unwrap_or(0.0);
        let gross_profit = if let Some(gp) = col(Field::GrossProfit) {
            reader.number(row, gp.column, &gp.header, &mut notes)
        } else if let Some(m) = col(Field::Margin) {
            reader
                .number(row, m.column, &m.header, &mut notes)
                .map(|m| if whole_percent { m / 100.0 } else { m } * value)
        } else if let Some(c) = col(Field::Cost) {
            reader
                .number(row, c.column, &c.header, &mut notes)
                .map(|cost| value - cost)
        } else {
            None
        };
        diagnostics.append(&mut notes);
        let a = accounts.index(&name);
        if a as usize == first_rows.len() {
            first_rows.push(row.index + 1);
        }
        cells.add(ProductCell {
            account: a,
            product: products.index(&item),
            sales: value,
            gross_profit,
            prior_sales: before,
        });
    }
    let periods = prior.map(|p| Periods {
        current: period_label(sales),
        prior: period_label(p),
        factor: 1.0,
    });
    SheetRead {
        read: ProductsRead {
            source: source_of(found, rows_read, rows_skipped),
            table: ProductTable {
                accounts: accounts.names,
                products: products.names,
                cells: cells.into_cells(),
                periods,
            },
        },
        diagnostics,
        first_rows,
    }
}

/// The period a sales column covers: its year when it names one, else its header.
fn period_label(column: &crate::mapping::FieldColumn) -> String {
    year_label(&column.header).map_or_else(|| column.header.clone(), |y| y.year.to_string())
}

fn read_wide(found: &ProductSheet<'_>) -> SheetRead {
    let sheet = found.sheet;
    let rows = sheet
        .rows
        .get(found.header.position + 1..)
        .unwrap_or_default();
    let mut diagnostics: Vec<Diagnostic> = found
        .totals
        .iter()
        .map(|(col, h)| {
            Diagnostic::info(format!("Column \"{h}\" left out: a total, not a product")).at(
                &sheet.name,
                found.header.row,
                Some(*col),
            )
        })
        .collect();
    let Some(account_col) = found.mapping.get(Field::Account).map(|f| f.column) else {
        return empty(found, diagnostics);
    };
    // Every product column's decimal convention, decided as for any amount column.
    let mut styles = FxHashMap::default();
    for (col, _) in &found.products {
        let samples = rows.iter().filter_map(|r| match r.value(*col) {
            Some(Value::Text(t)) => Some(t.as_str()),
            _ => None,
        });
        styles.insert(*col, crate::coerce::decide_decimal_style(samples));
    }
    let reader = CellReader {
        sheet: &sheet.name,
        styles,
    };
    let mut accounts = Names::default();
    let mut products = Names::default();
    let columns: Vec<(u32, &str, u32)> = found
        .products
        .iter()
        .map(|(c, h)| (*c, h.as_str(), products.index(h)))
        .collect();
    let mut first_rows = Vec::new();
    let mut cells = CellSums::default();
    let (mut rows_read, mut rows_skipped) = (0, 0);
    let mut headings = Vec::new();
    for row in rows {
        rows_read += 1;
        let mut notes = Vec::new();
        let values: Vec<(u32, f64)> = columns
            .iter()
            .filter_map(|&(c, h, p)| Some((p, reader.number(row, c, h, &mut notes)?)))
            .collect();
        diagnostics.append(&mut notes);
        let name = match account_of(row, account_col, &mut headings, !values.is_empty()) {
            Ok(name) => name,
            Err((d, _)) => {
                rows_skipped += 1;
                diagnostics.push(d.at(&sheet.name, row.index, Some(account_col)));
                continue;
            }
        };
        let a = accounts.index(&name);
        if a as usize == first_rows.len() {
            first_rows.push(row.index + 1);
        }
        for (p, sales) in values {
            if sales != 0.0 {
                cells.add(ProductCell {
                    account: a,
                    product: p,
                    sales,
                    gross_profit: None,
                    prior_sales: None,
                });
            }
        }
    }
    SheetRead {
        read: ProductsRead {
            source: source_of(found, rows_read, rows_skipped),
            table: ProductTable {
                accounts: accounts.names,
                products: products.names,
                cells: cells.into_cells(),
                periods: None,
            },
        },
        diagnostics,
        first_rows,
    }
}

fn source_of(found: &ProductSheet<'_>, rows_read: usize, rows_skipped: usize) -> ProductSource {
    ProductSource {
        sheet: found.sheet.name.clone(),
        layout: found.layout,
        header_row: found.header.row + 1,
        rows_read,
        rows_skipped,
        mapping: found.mapping.clone(),
    }
}

fn empty(found: &ProductSheet<'_>, diagnostics: Vec<Diagnostic>) -> SheetRead {
    SheetRead {
        read: ProductsRead {
            source: source_of(found, 0, 0),
            table: ProductTable::default(),
        },
        diagnostics,
        first_rows: Vec::new(),
    }
}

/// The accounts of a product sheet analysed by itself: each account's sales are the sum of its
/// products (and its gross profit theirs, when every one has it), at its first row.
pub(crate) fn accounts_of(read: &SheetRead) -> TableRead {
    let table = &read.read.table;
    let mut sums: Vec<(f64, Option<f64>, Option<f64>)> =
        vec![(0.0, Some(0.0), None); table.accounts.len()];
    for c in &table.cells {
        if let Some(s) = sums.get_mut(c.account as usize) {
            s.0 += c.sales;
            s.1 = s.1.zip(c.gross_profit).map(|(a, b)| a + b);
            if let Some(p) = c.prior_sales {
                s.2 = Some(s.2.unwrap_or(0.0) + p);
            }
        }
    }
    let any_margin = table.cells.iter().any(|c| c.gross_profit.is_some());
    let accounts = table
        .accounts
        .iter()
        .zip(&sums)
        .enumerate()
        .map(|(i, (name, s))| Account {
            name: name.clone(),
            current_sales: Some(s.0),
            prior_sales: s.2,
            gross_profit: s.1.filter(|_| any_margin),
            row: read.first_rows.get(i).copied(),
            ..Account::default()
        })
        .collect();
    TableRead {
        accounts,
        rows_read: read.read.source.rows_read,
        rows_skipped: read.read.source.rows_skipped,
        diagnostics: read.diagnostics.clone(),
    }
}

/// The one line that says where the product figures came from.
pub(crate) fn headline(read: &ProductsRead) -> Diagnostic {
    let s = &read.source;
    let t = &read.table;
    Diagnostic::info(format!(
        "Products read from sheet \"{}\" ({}, header in row {}): {} products, {} accounts",
        s.sheet,
        s.layout.label(),
        s.header_row,
        t.products.len(),
        t.accounts.len()
    ))
    .in_sheet(&s.sheet)
}
