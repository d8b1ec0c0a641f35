//! The products of a workbook as the page shows and keeps them: the product analysis the worker
//! made of its order lines or product sheet, and each account's largest products.
//!
//! The worker holds the account × product table (a million order lines make a large one); the
//! page gets only what its screens show, so it can keep it between visits.

use account_lens_engine::format::{money, percent, signed_percent};
use account_lens_engine::{
    name_key, product_mixes, products, AccountMix, MixLine, Periods, ProductReview,
    ProductSettings, Suggestion,
};
use account_lens_workbook::{ProductSource, ProductsRead};
use serde::{Deserialize, Serialize};

/// The largest products kept per account, for its detail.
pub const MIX_LINES_KEPT: usize = 8;

/// The performance measure of the product analysis in the worker (read by the benchmark).
pub const PRODUCTS_MEASURE: &str = "account-lens:products";

/// What the page knows of a workbook's products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Products {
    /// The sheet and layout they were read from.
    pub source: ProductSource,
    /// The periods growth compares, when the data has dates.
    pub periods: Option<Periods>,
    /// The settings the analysis ran with (the workbook's own, from an earlier export, or the
    /// defaults).
    pub settings: ProductSettings,
    pub review: ProductReview,
    /// Per account with sales, in the order of the table: its largest products
    /// (at most [`MIX_LINES_KEPT`]).
    pub mixes: Vec<(String, Vec<MixLine>)>,
}

impl Products {
    /// Analyses the products the importer found.
    pub fn of(found: &ProductsRead, settings: &ProductSettings) -> Products {
        let review = products(&found.table, settings);
        let mixes = product_mixes(&found.table, &review, MIX_LINES_KEPT);
        Products {
            source: found.source.clone(),
            periods: found.table.periods.clone(),
            settings: settings.clone(),
            review,
            mixes,
        }
    }

    /// The products an account is offered next, best first.
    pub fn suggestions_for(&self, account: &str) -> Vec<&Suggestion> {
        self.review
            .suggestions
            .iter()
            .filter(|s| same_account(&s.account, account))
            .collect()
    }

    /// An account's margin and mix against the book, when it buys anything.
    pub fn account(&self, account: &str) -> Option<&AccountMix> {
        self.review
            .accounts
            .iter()
            .find(|a| same_account(&a.account, account))
    }

    /// An account's largest products.
    pub fn mix_of(&self, account: &str) -> &[MixLine] {
        self.mixes
            .iter()
            .find(|(name, _)| same_account(name, account))
            .map_or(&[], |(_, lines)| lines.as_slice())
    }

    /// The best offers across the book, highest score first (ties in the review's order).
    pub fn best_offers(&self, most: usize) -> Vec<&Suggestion> {
        let mut offers: Vec<&Suggestion> = self.review.suggestions.iter().collect();
        offers.sort_by(|a, b| b.score.total_cmp(&a.score));
        offers.truncate(most);
        offers
    }

    /// Where the products come from, e.g. "From sheet “Orders” (order lines, header on row 1):
    /// 5 products bought by 6 accounts."
    pub fn source_line(&self) -> String {
        let s = &self.source;
        let book = &self.review.book;
        format!(
            "From sheet “{}” ({}, header on row {}): {} product{} bought by {} account{}.",
            s.sheet,
            s.layout.label(),
            s.header_row,
            book.products,
            plural(book.products),
            book.accounts,
            plural(book.accounts)
        )
    }

    /// The book's totals, e.g. "Sales 391,461 · gross profit 112,645 · margin 29% · 2026
    /// against 2025: +19%".
    pub fn totals_line(&self) -> String {
        let book = &self.review.book;
        let mut line = format!("Sales {}", money(book.sales));
        if let (Some(gp), Some(m)) = (book.gross_profit, book.margin) {
            line.push_str(&format!(
                " · gross profit {} · margin {}",
                money(gp),
                percent(m)
            ));
        }
        if let (Some(p), Some(g)) = (&self.periods, book.growth) {
            line.push_str(&format!(
                " · {} against {}: {}",
                p.current,
                p.prior,
                signed_percent(g)
            ));
        }
        line
    }
}

/// Names as the table and the review spell them, or the same but for case and surrounding
/// spaces.
fn same_account(a: &str, b: &str) -> bool {
    a == b || name_key(a) == name_key(b)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use account_lens_workbook::{import, ImportOptions};

    fn orders() -> Products {
        let csv = "Date,Customer,Product,Amount,Cost\n\
            2026-01-05,Summit,Gloves,1000,800\n2026-01-05,Summit,Masks,500,375\n\
            2026-01-06,Harbor,Gloves,2000,1600\n2026-01-07,Alpine,Gloves,1500,1200\n\
            2026-01-07,Alpine,Masks,700,525\n2026-01-08,Birch,Gloves,900,720\n\
            2026-01-08,Birch,Masks,400,300\n";
        let imported = import(csv.as_bytes(), "orders.csv", &ImportOptions::default()).unwrap();
        let settings = ProductSettings {
            min_accounts: 2,
            ..ProductSettings::default()
        };
        Products::of(imported.products.as_ref().unwrap(), &settings)
    }

    #[test]
    fn the_page_gets_the_ranking_the_offers_and_each_accounts_mix() {
        let p = orders();
        assert_eq!(
            p.source_line(),
            "From sheet “orders” (order lines, header on row 1): 2 products bought by 4 accounts."
        );
        assert_eq!(
            p.totals_line(),
            "Sales 7,000 · gross profit 1,480 · margin 21%"
        );
        // Harbor buys gloves only; the three others that buy gloves buy masks too.
        let offers = p.suggestions_for("harbor");
        assert_eq!(offers.len(), 1);
        assert_eq!(offers[0].product, "Masks");
        assert!(p.suggestions_for("Summit").is_empty());
        let mix: Vec<&str> = p
            .mix_of("Summit")
            .iter()
            .map(|l| l.product.as_str())
            .collect();
        assert_eq!(mix, ["Gloves", "Masks"]);
        assert!(p.mix_of("Nobody").is_empty());
        assert_eq!(p.account("Alpine").map(|a| a.products), Some(2));
        assert_eq!(p.best_offers(5)[0].account, "Harbor");
    }

    /// What the screens show of an analysis: its lines, ranking and offers as text.
    pub(crate) fn shown(p: &Products) -> Vec<String> {
        let mut lines = vec![p.source_line(), p.totals_line()];
        for s in &p.review.products {
            lines.push(format!(
                "{} {} {:?}",
                s.product,
                money(s.sales),
                s.margin.map(percent)
            ));
        }
        for s in &p.review.suggestions {
            lines.push(format!("{}: {} — {}", s.account, s.product, s.reason));
        }
        for (account, mix) in &p.mixes {
            for l in mix {
                lines.push(format!("{account} {} {}", l.product, percent(l.share)));
            }
        }
        lines
    }

    #[test]
    fn the_sample_workbook_shows_products_rules_and_offers() {
        let p = crate::load::read_sample()
            .unwrap()
            .analysis()
            .products
            .unwrap();
        assert_eq!(p.review.book.products, 7);
        assert_eq!(p.review.book.accounts, 40);
        assert!(p
            .source_line()
            .starts_with("From sheet “Products by account”"));
        assert!(p
            .review
            .rules
            .iter()
            .any(|r| r.buys == "Service Plan" && r.also_buys == "Sterilizer"));
        // Every sterilizer buyer without the service plan is offered it.
        let buys =
            |account: &str, product: &str| p.mix_of(account).iter().any(|l| l.product == product);
        for (account, _) in &p.mixes {
            if buys(account, "Sterilizer") && !buys(account, "Service Plan") {
                assert!(
                    p.suggestions_for(account)
                        .iter()
                        .any(|s| s.product == "Service Plan"),
                    "{account}"
                );
            }
        }
    }

    #[test]
    fn what_the_page_keeps_reads_back_the_same() {
        let p = orders();
        let text = serde_json::to_string(&p).unwrap();
        let back: Products = serde_json::from_str(&text).unwrap();
        // JSON keeps the figures to within the last digit: what the screens show is the same.
        assert_eq!(shown(&back), shown(&p));
        assert_eq!(back.review.by_margin, p.review.by_margin);
    }
}
