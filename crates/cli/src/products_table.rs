//! The readable products report printed without `--json`: the products ranked by gross profit,
//! the highest margins, what is bought together, and the best offers in the book.

use std::fmt::Write;

use account_lens_engine::format::{money, percent, signed_percent};
use account_lens_engine::{ProductReview, Review, Suggestion};
use account_lens_workbook::ProductsRead;

/// Products shown before "and N more".
const PRODUCTS_SHOWN: usize = 25;
const RULES_SHOWN: usize = 10;
const OFFERS_SHOWN: usize = 20;

fn or_dash(value: Option<f64>, show: fn(f64) -> String) -> String {
    value.map_or_else(|| "–".to_string(), show)
}

pub fn render(
    file: &str,
    found: &ProductsRead,
    review: &Review,
    products: &ProductReview,
) -> String {
    let mut out = String::new();
    let s = &found.source;
    let book = &products.book;
    let _ = writeln!(
        out,
        "{file}: products from sheet \"{}\" ({}, header in row {}): {} products bought by {} accounts",
        s.sheet,
        s.layout.label(),
        s.header_row,
        book.products,
        book.accounts
    );
    let mut line = format!("Sales {}", money(book.sales));
    if let (Some(gp), Some(m)) = (book.gross_profit, book.margin) {
        let _ = write!(line, ", gross profit {}, margin {}", money(gp), percent(m));
    }
    if let (Some(p), Some(g)) = (found.table.periods.as_ref(), book.growth) {
        let _ = write!(
            line,
            "; {} against {}: {}",
            p.current,
            p.prior,
            signed_percent(g)
        );
    }
    let _ = writeln!(out, "{line}");
    for note in &products.notes {
        let _ = writeln!(out, "{note}.");
    }

    let width = products
        .products
        .iter()
        .take(PRODUCTS_SHOWN)
        .map(|p| p.product.chars().count())
        .max()
        .unwrap_or(7)
        .clamp(7, 40);
    let _ = writeln!(
        out,
        "\n{:<width$} {:>14} {:>14} {:>7} {:>8} {:>7} {:>8}",
        "Product", "Sales", "Gross profit", "Margin", "Accounts", "Share", "Growth"
    );
    for p in products.products.iter().take(PRODUCTS_SHOWN) {
        let name: String = p.product.chars().take(width).collect();
        let _ = writeln!(
            out,
            "{:<width$} {:>14} {:>14} {:>7} {:>8} {:>7} {:>8}",
            name,
            money(p.sales),
            or_dash(p.gross_profit, money),
            or_dash(p.margin, percent),
            p.accounts,
            percent(p.share),
            or_dash(p.growth, signed_percent),
        );
    }
    if products.products.len() > PRODUCTS_SHOWN {
        let _ = writeln!(
            out,
            "… and {} more (--json or -o for all)",
            products.products.len() - PRODUCTS_SHOWN
        );
    }
    let margins: Vec<String> = products
        .by_margin
        .iter()
        .take(5)
        .filter_map(|&i| products.products.get(i))
        .filter_map(|p| Some(format!("{} {}", p.product, percent(p.margin?))))
        .collect();
    if !margins.is_empty() {
        let _ = writeln!(out, "\nHighest margins: {}", margins.join(", "));
    }

    let _ = writeln!(out, "\nBought together:");
    if products.rules.is_empty() {
        let _ = writeln!(
            out,
            "  no two products are bought together by enough accounts"
        );
    }
    for rule in products.rules.iter().take(RULES_SHOWN) {
        let _ = writeln!(out, "  {rule}");
    }

    let mut offers: Vec<&Suggestion> = products.suggestions.iter().collect();
    offers.sort_by(|a, b| b.score.total_cmp(&a.score));
    let _ = writeln!(out, "\nBest offers:");
    if offers.is_empty() {
        let _ = writeln!(
            out,
            "  none: no account has a product to offer that similar accounts buy"
        );
    }
    for offer in offers.iter().take(OFFERS_SHOWN) {
        let _ = writeln!(
            out,
            "  {}: {} (score {}): {}",
            offer.account,
            offer.product,
            money(offer.score),
            offer.reason
        );
    }
    let accounts = products
        .suggestions
        .iter()
        .map(|s| s.account.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if products.suggestions.len() > OFFERS_SHOWN {
        let _ = writeln!(
            out,
            "  … {} suggestions for {accounts} accounts in all (-o writes them to the Cross-sell sheet)",
            products.suggestions.len()
        );
    }
    crate::table::write_warnings(&mut out, review);
    out
}
