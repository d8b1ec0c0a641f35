//! The `Products` and `Cross-sell` sheets: which products make the rep's money, and what to
//! offer whom next.
//!
//! `Products` opens with the analysis's settings as keyed rows (label, value, key), read back
//! by [`read_product_settings`](crate::settings_sheet::read_product_settings) on the next
//! import; then the book's totals, one row per product ranked by gross profit (with its rank by
//! margin), and the rules of products bought together. `Cross-sell` has the suggestions per
//! account with their numbers and reason, then each account's margin against the book's.

use account_lens_engine::{ProductReview, ProductSettings, ProductSummary};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::export::styles::{self, MONEY, PERCENT};
use crate::export::ExportError;
use crate::products_sheet::ProductsRead;
use crate::settings_sheet::SETTINGS_HEADERS;

/// A1 of the `Products` sheet.
pub const PRODUCTS_MARKER: &str = "Account Lens products";
/// A1 of the `Cross-sell` sheet.
pub const CROSS_SELL_MARKER: &str = "Account Lens cross-sell";

/// Zero-based row of the settings' [`SETTINGS_HEADERS`] on the Products sheet.
pub const PRODUCT_SETTINGS_ROW: u32 = 2;

/// Header row of the product table.
pub const PRODUCT_HEADERS: [&str; 11] = [
    "Product",
    "Sales",
    "Gross profit",
    "Margin",
    "Accounts buying",
    "Share of sales",
    "Prior sales",
    "Growth",
    "Rank by gross profit",
    "Rank by margin",
    "Margin estimated",
];

/// Header row of the rules.
pub const RULE_HEADERS: [&str; 7] = [
    "If an account buys",
    "Then it also buys",
    "Accounts buying both",
    "Support",
    "Confidence",
    "Lift",
    "In words",
];

/// Header row of the suggestions on the Cross-sell sheet (on [`CROSS_SELL_HEADER_ROW`]).
pub const CROSS_SELL_HEADERS: [&str; 11] = [
    "Account",
    "Rank",
    "Product",
    "Score",
    "Similar accounts buying",
    "Similar accounts",
    "Margin",
    "Typical spend",
    "Bought with",
    "Similarity",
    "Reason",
];

/// Zero-based row of [`CROSS_SELL_HEADERS`].
pub const CROSS_SELL_HEADER_ROW: u32 = 2;

/// Header row of the accounts' margin mix, below the suggestions.
pub const MIX_HEADERS: [&str; 10] = [
    "Account",
    "Sales",
    "Gross profit",
    "Margin",
    "Margin of its mix at the book's margins",
    "Book margin",
    "Products bought",
    "Largest product",
    "Largest product's share",
    "In words",
];

const SIMILARITY: &str = "0.00";
const LIFT: &str = "0.00";

struct Formats {
    money: Format,
    percent: Format,
    two: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            money: styles::number_format(MONEY),
            percent: styles::number_format(PERCENT),
            two: styles::number_format(SIMILARITY),
            bold: styles::header(),
        }
    }
}

fn write_headers(
    ws: &mut Worksheet,
    row: u32,
    headers: &[&str],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (col, header) in (0u16..).zip(headers) {
        ws.write_string_with_format(row, col, *header, bold)?;
    }
    Ok(())
}

fn write_money(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    f: &Format,
) -> Result<(), XlsxError> {
    if let Some(v) = value.filter(|v| v.is_finite()) {
        ws.write_number_with_format(row, col, v, f)?;
    }
    Ok(())
}

/// Writes the Products sheet named `name`.
///
/// # Errors
/// [`ExportError::Cell`] for a product name longer than a cell holds.
pub(crate) fn write_products(
    ws: &mut Worksheet,
    name: &str,
    source: Option<&ProductsRead>,
    review: &ProductReview,
    settings: &ProductSettings,
) -> Result<(), ExportError> {
    let f = Formats::new();
    let at = |row: u32, col: u32| ExportError::at(name, row, col);
    ws.write_string_with_format(0, 0, PRODUCTS_MARKER, &styles::title())
        .map_err(at(0, 0))?;
    ws.write_string(1, 0, describe(source, review))
        .map_err(at(1, 0))?;
    write_headers(ws, PRODUCT_SETTINGS_ROW, &SETTINGS_HEADERS, &f.bold)
        .map_err(at(PRODUCT_SETTINGS_ROW, 0))?;
    let mut row = PRODUCT_SETTINGS_ROW;
    for setting in settings.rows() {
        row += 1;
        ws.write_string(row, 0, setting.label)
            .and_then(|ws| {
                if setting.percent {
                    ws.write_number_with_format(row, 1, setting.value, &f.percent)
                } else {
                    ws.write_number(row, 1, setting.value)
                }
            })
            .and_then(|ws| ws.write_string(row, 2, setting.key))
            .map_err(at(row, 0))?;
    }

    row += 2;
    ws.write_string_with_format(row, 0, "The book", &f.bold)
        .map_err(at(row, 0))?;
    let book = &review.book;
    let totals: [(&str, Option<f64>, &Format); 6] = [
        ("Sales", Some(book.sales), &f.money),
        ("Gross profit", book.gross_profit, &f.money),
        ("Margin", book.margin, &f.percent),
        ("Growth", book.growth, &f.percent),
        ("Accounts buying", Some(book.accounts as f64), &f.money),
        ("Products bought", Some(book.products as f64), &f.money),
    ];
    for (label, value, format) in totals {
        row += 1;
        ws.write_string(row, 0, label).map_err(at(row, 0))?;
        write_money(ws, row, 1, value, format).map_err(at(row, 1))?;
    }
    for note in &review.notes {
        row += 1;
        ws.write_string(row, 0, note.to_string())
            .map_err(at(row, 0))?;
    }

    row += 2;
    let header_row = row;
    write_headers(ws, row, &PRODUCT_HEADERS, &f.bold).map_err(at(row, 0))?;
    for p in &review.products {
        row += 1;
        write_product(ws, row, p, &f).map_err(at(row, 0))?;
    }
    if row > header_row {
        ws.autofilter(header_row, 0, row, (PRODUCT_HEADERS.len() - 1) as u16)
            .map_err(at(header_row, 0))?;
    }

    row += 2;
    ws.write_string_with_format(row, 0, "Bought together", &f.bold)
        .map_err(at(row, 0))?;
    row += 1;
    ws.write_string(
        row,
        0,
        format!(
            "Rules pair one product with one other (A → B), each bought by at least {} accounts: support is the share of all accounts buying both, confidence the share of A's buyers buying B, lift the confidence ÷ B's share of all accounts (above 1, buying A makes B more likely). The {} strongest, by lift.",
            settings.min_accounts, settings.max_rules
        ),
    )
    .map_err(at(row, 0))?;
    row += 1;
    write_headers(ws, row, &RULE_HEADERS, &f.bold).map_err(at(row, 0))?;
    if review.rules.is_empty() {
        row += 1;
        ws.write_string(
            row,
            0,
            "No rule: no two products are bought together by enough accounts with these settings.",
        )
        .map_err(at(row, 0))?;
    }
    let lift = styles::number_format(LIFT);
    for r in &review.rules {
        row += 1;
        ws.write_string(row, 0, r.buys.as_str())
            .and_then(|ws| ws.write_string(row, 1, r.also_buys.as_str()))
            .and_then(|ws| ws.write_number(row, 2, r.accounts as f64))
            .and_then(|ws| ws.write_number_with_format(row, 3, r.support, &f.percent))
            .and_then(|ws| ws.write_number_with_format(row, 4, r.confidence, &f.percent))
            .and_then(|ws| ws.write_number_with_format(row, 5, r.lift, &lift))
            .and_then(|ws| ws.write_string(row, 6, r.to_string()))
            .map_err(at(row, 0))?;
    }
    for (col, width) in (0u16..).zip([
        30.0, 14.0, 14.0, 9.0, 10.0, 10.0, 14.0, 9.0, 10.0, 10.0, 10.0,
    ]) {
        ws.set_column_width(col, width)
            .map_err(at(0, u32::from(col)))?;
    }
    Ok(())
}

/// Where the figures came from, in a sentence.
fn describe(source: Option<&ProductsRead>, review: &ProductReview) -> String {
    let from = source.map_or_else(String::new, |s| {
        let periods = s.table.periods.as_ref().map_or_else(String::new, |p| {
            if (p.factor - 1.0).abs() > 1e-9 {
                format!(
                    ", {} against {} ({} projected to a full year × {:.3} for growth)",
                    p.current, p.prior, p.current, p.factor
                )
            } else {
                format!(", {} against {}", p.current, p.prior)
            }
        });
        format!(
            " from sheet \"{}\" ({}{periods})",
            s.source.sheet,
            s.source.layout.label()
        )
    });
    format!(
        "Sales, gross profit and margin of {} products{from}, ranked by gross profit. Change a setting below and import this workbook again to analyse with it; the key column must stay as it is.",
        review.products.len()
    )
}

fn write_product(
    ws: &mut Worksheet,
    row: u32,
    p: &ProductSummary,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string(row, 0, p.product.as_str())?;
    write_money(ws, row, 1, Some(p.sales), &f.money)?;
    write_money(ws, row, 2, p.gross_profit, &f.money)?;
    write_money(ws, row, 3, p.margin, &f.percent)?;
    ws.write_number(row, 4, p.accounts as f64)?;
    write_money(ws, row, 5, Some(p.share), &f.percent)?;
    write_money(ws, row, 6, p.prior_sales, &f.money)?;
    write_money(ws, row, 7, p.growth, &f.percent)?;
    ws.write_number(row, 8, p.rank_by_gross_profit as f64)?;
    if let Some(rank) = p.rank_by_margin {
        ws.write_number(row, 9, rank as f64)?;
    }
    if p.margin_estimated {
        ws.write_string(row, 10, "yes")?;
    }
    Ok(())
}

/// Writes the Cross-sell sheet named `name`.
///
/// # Errors
/// [`ExportError::Cell`] for an account or product name longer than a cell holds.
pub(crate) fn write_cross_sell(
    ws: &mut Worksheet,
    name: &str,
    review: &ProductReview,
    settings: &ProductSettings,
) -> Result<(), ExportError> {
    let f = Formats::new();
    let at = |row: u32, col: u32| ExportError::at(name, row, col);
    ws.write_string_with_format(0, 0, CROSS_SELL_MARKER, &styles::title())
        .map_err(at(0, 0))?;
    ws.write_string(
        1,
        0,
        format!(
            "Products each account does not buy yet, best first (up to {} each). Score = likelihood × margin × typical spend: the likelihood is the mean of the share of its {} most similar accounts (by the products they buy) that buy the product and the product's similarity to one the account buys; the typical spend is what those similar accounts spend on it (the median).",
            settings.suggestions_per_account, settings.similar_accounts
        ),
    )
    .map_err(at(1, 0))?;
    let mut row = CROSS_SELL_HEADER_ROW;
    write_headers(ws, row, &CROSS_SELL_HEADERS, &f.bold).map_err(at(row, 0))?;
    let mut rank = 0;
    let mut previous: Option<&str> = None;
    for s in &review.suggestions {
        row += 1;
        rank = if previous == Some(s.account.as_str()) {
            rank + 1
        } else {
            1
        };
        previous = Some(s.account.as_str());
        let r = &s.reason;
        ws.write_string(row, 0, s.account.as_str())
            .and_then(|ws| ws.write_number(row, 1, f64::from(rank)))
            .and_then(|ws| ws.write_string(row, 2, s.product.as_str()))
            .and_then(|ws| ws.write_number_with_format(row, 3, s.score, &f.money))
            .and_then(|ws| ws.write_number(row, 4, r.similar_buying as f64))
            .and_then(|ws| ws.write_number(row, 5, r.similar as f64))
            .map_err(at(row, 0))?;
        write_money(ws, row, 6, r.margin, &f.percent).map_err(at(row, 6))?;
        write_money(ws, row, 7, Some(r.typical_spend), &f.money).map_err(at(row, 7))?;
        if let Some((with, similarity)) = &r.bought_with {
            ws.write_string(row, 8, with.as_str())
                .and_then(|ws| ws.write_number_with_format(row, 9, *similarity, &f.two))
                .map_err(at(row, 8))?;
        }
        ws.write_string(row, 10, r.to_string())
            .map_err(at(row, 10))?;
    }
    if review.suggestions.is_empty() {
        row += 1;
        ws.write_string(
            row,
            0,
            "No suggestion: no account has a product to offer that similar accounts buy.",
        )
        .map_err(at(row, 0))?;
    } else {
        ws.autofilter(
            CROSS_SELL_HEADER_ROW,
            0,
            row,
            (CROSS_SELL_HEADERS.len() - 1) as u16,
        )
        .map_err(at(CROSS_SELL_HEADER_ROW, 0))?;
    }
    ws.set_freeze_panes(CROSS_SELL_HEADER_ROW + 1, 1)
        .map_err(at(CROSS_SELL_HEADER_ROW, 0))?;

    row += 2;
    ws.write_string_with_format(row, 0, "Margin mix per account", &f.bold)
        .map_err(at(row, 0))?;
    row += 1;
    write_headers(ws, row, &MIX_HEADERS, &f.bold).map_err(at(row, 0))?;
    for a in &review.accounts {
        row += 1;
        ws.write_string(row, 0, a.account.as_str())
            .map_err(at(row, 0))?;
        write_money(ws, row, 1, Some(a.sales), &f.money).map_err(at(row, 1))?;
        write_money(ws, row, 2, a.gross_profit, &f.money).map_err(at(row, 2))?;
        write_money(ws, row, 3, a.margin, &f.percent).map_err(at(row, 3))?;
        write_money(ws, row, 4, a.mix_margin, &f.percent).map_err(at(row, 4))?;
        write_money(ws, row, 5, review.book.margin, &f.percent).map_err(at(row, 5))?;
        ws.write_number(row, 6, a.products as f64)
            .map_err(at(row, 6))?;
        if let Some((top, share)) = &a.top_product {
            ws.write_string(row, 7, top.as_str())
                .and_then(|ws| ws.write_number_with_format(row, 8, *share, &f.percent))
                .map_err(at(row, 7))?;
        }
        if let Some(words) = a.margin_against(&review.book) {
            ws.write_string(row, 9, words).map_err(at(row, 9))?;
        }
    }
    for (col, width) in (0u16..).zip([
        30.0, 6.0, 26.0, 12.0, 10.0, 10.0, 9.0, 12.0, 22.0, 10.0, 80.0,
    ]) {
        ws.set_column_width(col, width)
            .map_err(at(0, u32::from(col)))?;
    }
    Ok(())
}
