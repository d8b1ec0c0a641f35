//! Products and margins: which products make the rep's money, and what to offer whom next.
//!
//! [`products`] reads a [`ProductTable`] — sales per account and product, as the importer sums
//! them from order lines or reads them from an account × product sheet — and gives a
//! [`ProductReview`]:
//! - per product: sales, gross profit, margin, accounts buying, growth and share, ranked by gross
//!   profit and by margin;
//! - per account: its margin against the book's, and the margin its product mix would earn at
//!   the book's margin of each product (so a rep sees whether an account earns less for what it
//!   buys or for what it pays); [`product_mix`] lists one account's products;
//! - rules "accounts that buy A also buy B" with support, confidence and lift, each bought by at
//!   least [`ProductSettings::min_accounts`] accounts. A basket is the set of products one
//!   account buys; rules pair one product with one other (A → B), not sets of products;
//! - cross-sell suggestions per account: products it does not buy, scored on how close they
//!   are to what it buys (item-to-item cosine over who buys what, and how many of its most
//!   similar accounts buy them), their margin and what similar accounts spend on them, each
//!   with a reason that quotes the numbers.
//!
//! Pure and deterministic: the same table and settings give the same review in the same order;
//! every tie is broken by name.
//!
//! ```
//! use account_lens_engine::{products, ProductCell, ProductSettings, ProductTable};
//!
//! // Four clinics buy gloves and masks; three of them also buy a service plan.
//! let mut table = ProductTable {
//!     accounts: vec!["Alpine".into(), "Birch".into(), "Cedar".into(), "Dune".into()],
//!     products: vec!["Gloves".into(), "Masks".into(), "Service Plan".into()],
//!     ..ProductTable::default()
//! };
//! let cell = |account, product, sales: f64, margin: f64| ProductCell {
//!     account, product, sales, gross_profit: Some(sales * margin), prior_sales: None,
//! };
//! for account in 0..4 {
//!     table.cells.push(cell(account, 0, 10_000.0, 0.2));
//!     table.cells.push(cell(account, 1, 6_000.0, 0.25));
//!     if account < 3 {
//!         table.cells.push(cell(account, 2, 18_000.0, 0.42));
//!     }
//! }
//! let settings = ProductSettings { min_accounts: 2, ..ProductSettings::default() };
//! let review = products(&table, &settings);
//! assert_eq!(review.products[0].product, "Service Plan"); // the most gross profit
//! assert_eq!(review.suggestions.len(), 1);
//! let offer = &review.suggestions[0];
//! assert_eq!((offer.account.as_str(), offer.product.as_str()), ("Dune", "Service Plan"));
//! assert_eq!(
//!     offer.reason.to_string(),
//!     "3 of your 3 most similar accounts buy Service Plan; often bought with Gloves, which it \
//!      buys (similarity 0.87); margin 42%; typical spend 18,000"
//! );
//! ```

mod matrix;
mod rules;
mod similar;

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::format::{Money, Percent};
use crate::settings::SettingRow;

use matrix::Matrix;

/// Sales per account and product: the account × product table the analysis reads.
///
/// Accounts and products are named once and referred to by index, so a table of a million
/// order lines stays small.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductTable {
    /// Account names; [`ProductCell::account`] indexes them.
    pub accounts: Vec<String>,
    /// Product names; [`ProductCell::product`] indexes them.
    pub products: Vec<String>,
    /// What each account bought of each product. An account × product pair given twice is
    /// summed; a cell whose indices name no account or product is left out (and said).
    pub cells: Vec<ProductCell>,
    /// The two periods growth compares, when the data has dates; `None` for a sheet of one
    /// period (growth is then unknown).
    pub periods: Option<Periods>,
}

/// What one account bought of one product.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProductCell {
    /// Index into [`ProductTable::accounts`].
    pub account: u32,
    /// Index into [`ProductTable::products`].
    pub product: u32,
    /// Sales in the period analysed (the current year, for order lines).
    pub sales: f64,
    /// Gross profit on those sales, when their cost or profit is known.
    pub gross_profit: Option<f64>,
    /// Sales in the period before, when [`ProductTable::periods`] says there is one.
    pub prior_sales: Option<f64>,
}

/// The periods that growth compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Periods {
    /// The period of [`ProductCell::sales`], as a rep reads it ("2026").
    pub current: String,
    /// The period of [`ProductCell::prior_sales`] ("2025").
    pub prior: String,
    /// Current sales × factor make a full period when the current one is partial (1 when it
    /// is complete); growth compares the projected sales with the prior period's.
    pub factor: f64,
}

/// The settings of the product analysis: shown with the products, written to the export's
/// `Products` sheet and read back from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductSettings {
    /// How many most similar accounts a suggestion looks at (k; 10).
    pub similar_accounts: usize,
    /// The fewest accounts that must buy both products for a rule, or for two products to count
    /// as bought together in a suggestion (5).
    pub min_accounts: usize,
    /// Suggestions per account, best first (3).
    pub suggestions_per_account: usize,
    /// A rule A → B needs at least this share of A's buyers to buy B (0.3).
    pub min_confidence: f64,
    /// A rule needs A's buyers to buy B at least this many times as often as accounts in
    /// general do (1.2).
    pub min_lift: f64,
    /// The most rules listed, strongest first (100).
    pub max_rules: usize,
}

impl Default for ProductSettings {
    fn default() -> Self {
        ProductSettings {
            similar_accounts: 10,
            min_accounts: 5,
            suggestions_per_account: 3,
            min_confidence: 0.3,
            min_lift: 1.2,
            max_rules: 100,
        }
    }
}

impl ProductSettings {
    /// Every setting, in the order the app and the export show them.
    pub fn rows(&self) -> Vec<SettingRow> {
        let count = |n: usize| n as f64;
        let row = |key, label, value, percent| SettingRow {
            key,
            label,
            value,
            percent,
        };
        vec![
            row(
                "similar_accounts",
                "Most similar accounts a suggestion looks at",
                count(self.similar_accounts),
                false,
            ),
            row(
                "min_accounts",
                "Fewest accounts buying both products of a rule",
                count(self.min_accounts),
                false,
            ),
            row(
                "suggestions_per_account",
                "Suggestions per account",
                count(self.suggestions_per_account),
                false,
            ),
            row(
                "min_confidence",
                "Rules: fewest of the first product's buyers buying the second",
                self.min_confidence,
                true,
            ),
            row("min_lift", "Rules: lift of at least", self.min_lift, false),
            row(
                "max_rules",
                "Most rules listed",
                count(self.max_rules),
                false,
            ),
        ]
    }

    /// Sets one setting by key; false when the key is unknown or the value out of range
    /// (counts are whole numbers, at least 1 for `similar_accounts` and `min_accounts`).
    pub fn set(&mut self, key: &str, value: f64) -> bool {
        if !value.is_finite() {
            return false;
        }
        let count = |least: f64| {
            (value >= least && value <= 1e9 && value.fract() == 0.0).then_some(value as usize)
        };
        let set_count = |slot: &mut usize, least: f64| match count(least) {
            Some(n) => {
                *slot = n;
                true
            }
            None => false,
        };
        match key {
            "similar_accounts" => set_count(&mut self.similar_accounts, 1.0),
            "min_accounts" => set_count(&mut self.min_accounts, 1.0),
            "suggestions_per_account" => set_count(&mut self.suggestions_per_account, 0.0),
            "max_rules" => set_count(&mut self.max_rules, 0.0),
            "min_confidence" if (0.0..=1.0).contains(&value) => {
                self.min_confidence = value;
                true
            }
            "min_lift" if value >= 0.0 => {
                self.min_lift = value;
                true
            }
            _ => false,
        }
    }
}

/// The product analysis of a book.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductReview {
    /// Ranked by gross profit, most first (products without a known margin follow, by sales);
    /// ties by name.
    pub products: Vec<ProductSummary>,
    /// Indices into `products` ranked by margin, highest first, ties by name; products
    /// without a known margin are not in it.
    pub by_margin: Vec<usize>,
    /// The book as a whole.
    pub book: Book,
    /// Per account with sales, in the order of the table.
    pub accounts: Vec<AccountMix>,
    /// Rules, strongest first: by lift, then confidence, then accounts, then names.
    pub rules: Vec<Rule>,
    /// Per account in the order of the table, best first.
    pub suggestions: Vec<Suggestion>,
    /// What the rep should know about the analysis as a whole.
    pub notes: Vec<ProductNote>,
}

/// One product across the book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductSummary {
    pub product: String,
    pub sales: f64,
    /// Known, or estimated from the part of its sales whose cost is known (see
    /// `margin_estimated`).
    pub gross_profit: Option<f64>,
    /// Gross profit ÷ sales, as a fraction.
    pub margin: Option<f64>,
    /// The margin comes from only part of its sales (some lines without a cost).
    pub margin_estimated: bool,
    /// Accounts buying it (in either period).
    pub accounts: usize,
    pub prior_sales: Option<f64>,
    /// Projected sales ÷ prior sales − 1, when there are two periods and prior sales.
    pub growth: Option<f64>,
    /// Its share of the book's sales.
    pub share: f64,
    /// 1 for the product earning the most gross profit.
    pub rank_by_gross_profit: usize,
    /// 1 for the highest margin; `None` without a margin.
    pub rank_by_margin: Option<usize>,
}

/// The book's totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub sales: f64,
    pub gross_profit: Option<f64>,
    /// The book's average margin: gross profit ÷ sales where the cost is known.
    pub margin: Option<f64>,
    pub prior_sales: Option<f64>,
    pub growth: Option<f64>,
    /// Accounts buying at least one product.
    pub accounts: usize,
    /// Products bought by at least one account.
    pub products: usize,
}

/// One account's products and margin against the book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountMix {
    pub account: String,
    pub sales: f64,
    pub gross_profit: Option<f64>,
    /// Its own margin.
    pub margin: Option<f64>,
    /// The margin its product mix would earn at the book's margin of each product: below the
    /// book's margin, it buys lower-margin products; its own margin below this, it pays less
    /// for them than other accounts do.
    pub mix_margin: Option<f64>,
    /// Products it buys.
    pub products: usize,
    /// Its largest product by sales, and that product's share of its sales.
    pub top_product: Option<(String, f64)>,
}

impl AccountMix {
    /// The margin against the book in words, e.g. "margin 24% against the book's 31%; its mix
    /// would earn 28% at the book's margins"; `None` without margins.
    pub fn margin_against(&self, book: &Book) -> Option<String> {
        let (own, book_margin) = (self.margin?, book.margin?);
        Some(match self.mix_margin {
            Some(mix) => format!(
                "margin {} against the book's {}; its mix would earn {} at the book's margins",
                Percent(own),
                Percent(book_margin),
                Percent(mix)
            ),
            None => format!(
                "margin {} against the book's {}",
                Percent(own),
                Percent(book_margin)
            ),
        })
    }
}

/// One product of one account, from [`product_mix`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MixLine {
    pub product: String,
    pub sales: f64,
    /// Its share of the account's sales.
    pub share: f64,
    /// The product's share of the book's sales.
    pub book_share: f64,
    /// The account's margin on it.
    pub margin: Option<f64>,
    /// The product's margin across the book.
    pub book_margin: Option<f64>,
}

/// "Accounts that buy `buys` also buy `also_buys`."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    #[serde(rename = "if")]
    pub buys: String,
    #[serde(rename = "then")]
    pub also_buys: String,
    /// Accounts buying both.
    pub accounts: usize,
    /// Share of all accounts buying both.
    pub support: f64,
    /// Share of `buys`' buyers that buy `also_buys` too.
    pub confidence: f64,
    /// Confidence ÷ the share of all accounts buying `also_buys`: above 1, buying the first
    /// makes the second more likely.
    pub lift: f64,
}

impl fmt::Display for Rule {
    /// "64% of the accounts that buy Gloves also buy Masks (9 accounts, lift 1.8)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of the accounts that buy {} also buy {} ({} account{}, lift {:.1})",
            Percent(self.confidence),
            self.buys,
            self.also_buys,
            self.accounts,
            if self.accounts == 1 { "" } else { "s" },
            self.lift
        )
    }
}

/// A product to offer an account that does not buy it yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub account: String,
    pub product: String,
    /// The gross profit the offer may bring, weighted by how likely the account is to buy:
    /// likelihood × margin × typical spend, where the likelihood is the mean of the share of
    /// its most similar accounts that buy the product and the product's closeness (cosine) to
    /// one it buys. On sales when no margin is known.
    pub score: f64,
    pub reason: CrossSellReason,
}

/// Why a product is suggested, as numbers; `to_string()` gives the sentence, e.g. "7 of your
/// 10 most similar accounts buy Service Plan; margin 42%; typical spend 18,000".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossSellReason {
    pub product: String,
    /// How many of the most similar accounts buy it.
    pub similar_buying: usize,
    /// How many most similar accounts there are (up to the setting).
    pub similar: usize,
    /// The product's margin; `None` when unknown.
    pub margin: Option<f64>,
    /// The margin used when the product's own is unknown: the book's average.
    pub book_margin: Option<f64>,
    /// What the accounts of `spend_of` spend on it: the median.
    pub typical_spend: f64,
    /// Whose spend: the similar accounts that buy it, or (when none does) all its buyers.
    pub spend_of: SpendOf,
    /// The product the account buys that is closest to it, and how close (cosine, 0–1).
    pub bought_with: Option<(String, f64)>,
}

/// Whose spend makes the typical spend of a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpendOf {
    /// The most similar accounts that buy it.
    SimilarAccounts,
    /// Every account buying it, this many.
    AllBuyers(usize),
}

impl fmt::Display for CrossSellReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let buy = if self.similar_buying == 1 {
            "buys"
        } else {
            "buy"
        };
        if self.similar_buying > 0 {
            write!(
                f,
                "{} of your {} most similar accounts {buy} {}",
                self.similar_buying, self.similar, self.product
            )?;
        } else {
            write!(f, "{}", self.product)?;
        }
        if let Some((other, similarity)) = &self.bought_with {
            let lead = if self.similar_buying > 0 { ";" } else { ":" };
            write!(
                f,
                "{lead} often bought with {other}, which it buys (similarity {similarity:.2})"
            )?;
        }
        match (self.margin, self.book_margin) {
            (Some(m), _) => write!(f, "; margin {}", Percent(m))?,
            (None, Some(m)) => write!(f, "; margin unknown (the book's {} assumed)", Percent(m))?,
            (None, None) => {}
        }
        write!(f, "; typical spend {}", Money(self.typical_spend))?;
        if let SpendOf::AllBuyers(n) = self.spend_of {
            write!(f, " (its {n} buyers)")?;
        }
        Ok(())
    }
}

/// What the rep should know about the product analysis as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "note")]
pub enum ProductNote {
    /// No cost, profit or margin anywhere: products ranked by sales, suggestions on sales.
    NoMargins,
    /// Some products' margins come from only part of their sales.
    MarginsEstimated { products: usize },
    /// One period only: growth is unknown.
    NoGrowth,
    /// Cells naming no account or product of the table, or with an amount that is not a
    /// number, left out.
    CellsLeftOut { cells: usize },
    /// No pair of products is bought together by enough accounts for a rule.
    NoRules { min_accounts: usize },
}

impl fmt::Display for ProductNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProductNote::NoMargins => f.write_str(
                "No cost, profit or margin in the data: products are ranked by sales and suggestions scored on sales",
            ),
            ProductNote::MarginsEstimated { products } => write!(
                f,
                "The margins of {products} product(s) come from the part of their sales with a known cost"
            ),
            ProductNote::NoGrowth => {
                f.write_str("One period only: growth per product is unknown")
            }
            ProductNote::CellsLeftOut { cells } => write!(
                f,
                "{cells} account × product figure(s) left out: no such account or product, or not a number"
            ),
            ProductNote::NoRules { min_accounts } => write!(
                f,
                "No two products are bought together by {min_accounts} or more accounts: no rules"
            ),
        }
    }
}

/// Analyses the products of a book: see the [module documentation](self).
pub fn products(table: &ProductTable, settings: &ProductSettings) -> ProductReview {
    let (matrix, left_out) = Matrix::new(table);
    let mut notes = Vec::new();
    if left_out > 0 {
        notes.push(ProductNote::CellsLeftOut { cells: left_out });
    }
    let factor = table
        .periods
        .as_ref()
        .map(|p| p.factor)
        .filter(|f| f.is_finite() && *f > 0.0);
    if factor.is_none() {
        notes.push(ProductNote::NoGrowth);
    }
    let figures = figures_per_product(&matrix, factor);
    let book = book_totals(&matrix, &figures, factor);
    if book.margin.is_none() && book.sales != 0.0 {
        notes.push(ProductNote::NoMargins);
    }
    let estimated = figures.iter().filter(|f| f.margin_estimated).count();
    if estimated > 0 {
        notes.push(ProductNote::MarginsEstimated {
            products: estimated,
        });
    }
    let (summaries, by_margin) = rank(table, &figures, &book);
    let accounts = account_mixes(table, &matrix, &figures);

    let names = NameOrder::new(&table.products);
    let pairs = rules::count_pairs(&matrix, settings, &names);
    if pairs.rules.is_empty() && book.accounts > 0 && settings.max_rules > 0 && !pairs.any_pair {
        notes.push(ProductNote::NoRules {
            min_accounts: settings.min_accounts,
        });
    }
    let rules = pairs
        .rules
        .iter()
        .map(|r| Rule {
            buys: product_name(table, r.buys),
            also_buys: product_name(table, r.also_buys),
            accounts: r.accounts,
            support: r.support,
            confidence: r.confidence,
            lift: r.lift,
        })
        .collect();
    let margins: Vec<Option<f64>> = figures.iter().map(|f| f.margin).collect();
    let suggestions = similar::suggest(
        table,
        &matrix,
        &pairs.similar,
        &margins,
        book.margin,
        settings,
        &names,
    );
    ProductReview {
        products: summaries,
        by_margin,
        book,
        accounts,
        rules,
        suggestions,
        notes,
    }
}

/// The products one account buys, largest first (ties by name), with its share and margin
/// against the book's; `None` when the table has no such account.
pub fn product_mix(
    table: &ProductTable,
    review: &ProductReview,
    account: &str,
) -> Option<Vec<MixLine>> {
    let index = table
        .accounts
        .iter()
        .position(|a| a == account)
        .or_else(|| {
            let wanted = crate::name_key(account);
            table
                .accounts
                .iter()
                .position(|a| crate::name_key(a) == wanted)
        })?;
    let index = u32::try_from(index).ok()?;
    let (matrix, _) = Matrix::new(table);
    Some(mix_lines(table, &book_by_name(review), &matrix, index))
}

/// Every account's products, as [`product_mix`] lists them, at most `most` each (its largest),
/// in the order of the table: one pass over the table, where [`product_mix`] per account would
/// read it once for each.
pub fn product_mixes(
    table: &ProductTable,
    review: &ProductReview,
    most: usize,
) -> Vec<(String, Vec<MixLine>)> {
    let book = book_by_name(review);
    let (matrix, _) = Matrix::new(table);
    (0..table.accounts.len())
        .filter_map(|index| {
            let name = table.accounts.get(index)?.clone();
            let mut lines = mix_lines(table, &book, &matrix, u32::try_from(index).ok()?);
            if lines.is_empty() {
                return None;
            }
            lines.truncate(most);
            Some((name, lines))
        })
        .collect()
}

fn book_by_name(review: &ProductReview) -> std::collections::HashMap<&str, &ProductSummary> {
    review
        .products
        .iter()
        .map(|p| (p.product.as_str(), p))
        .collect()
}

fn mix_lines(
    table: &ProductTable,
    book: &std::collections::HashMap<&str, &ProductSummary>,
    matrix: &Matrix,
    index: u32,
) -> Vec<MixLine> {
    let cells = matrix.cells_of(index);
    let total: f64 = cells.iter().map(|c| c.sales).sum();
    let mut lines: Vec<MixLine> = cells
        .iter()
        .map(|c| {
            let product = product_name(table, c.product);
            let summary = book.get(product.as_str());
            MixLine {
                sales: c.sales,
                share: if total != 0.0 { c.sales / total } else { 0.0 },
                book_share: summary.map_or(0.0, |s| s.share),
                margin: c
                    .gross_profit
                    .filter(|_| c.sales != 0.0)
                    .map(|gp| gp / c.sales),
                book_margin: summary.and_then(|s| s.margin),
                product,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        b.sales
            .total_cmp(&a.sales)
            .then_with(|| by_name(&a.product, &b.product))
    });
    lines
}

fn product_name(table: &ProductTable, product: u32) -> String {
    table
        .products
        .get(product as usize)
        .cloned()
        .unwrap_or_default()
}

/// Names compared as a rep sorts them: ignoring case first, then exactly.
pub(crate) fn by_name(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
        .then_with(|| a.cmp(b))
}

/// Every name's place in name order, so ties compare as two integers.
pub(crate) struct NameOrder {
    rank: Vec<u32>,
}

impl NameOrder {
    pub(crate) fn new(names: &[String]) -> NameOrder {
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| by_name(&names[a], &names[b]).then(a.cmp(&b)));
        let mut rank = vec![0u32; names.len()];
        for (place, &i) in order.iter().enumerate() {
            rank[i] = u32::try_from(place).unwrap_or(u32::MAX);
        }
        NameOrder { rank }
    }

    pub(crate) fn of(&self, index: u32) -> u32 {
        self.rank.get(index as usize).copied().unwrap_or(u32::MAX)
    }
}

/// A product's sums before ranking.
#[derive(Debug, Clone, Default)]
struct Figures {
    sales: f64,
    /// Sales and gross profit of the cells whose gross profit is known.
    known_sales: f64,
    known_profit: f64,
    all_known: bool,
    prior: f64,
    has_prior: bool,
    buyers: usize,
    margin: Option<f64>,
    margin_estimated: bool,
    gross_profit: Option<f64>,
    growth: Option<f64>,
}

fn figures_per_product(matrix: &Matrix, factor: Option<f64>) -> Vec<Figures> {
    let mut figures = vec![
        Figures {
            all_known: true,
            ..Figures::default()
        };
        matrix.products
    ];
    for c in matrix.cells() {
        let Some(f) = figures.get_mut(c.product as usize) else {
            continue;
        };
        f.sales += c.sales;
        match c.gross_profit {
            Some(gp) => {
                f.known_sales += c.sales;
                f.known_profit += gp;
            }
            None => f.all_known &= c.sales == 0.0,
        }
        if let Some(p) = c.prior_sales {
            f.prior += p;
            f.has_prior = true;
        }
    }
    for (p, f) in figures.iter_mut().enumerate() {
        f.buyers = matrix.buyers(p).len();
        f.margin = (f.known_sales > 0.0).then(|| f.known_profit / f.known_sales);
        f.margin_estimated = f.margin.is_some() && !f.all_known;
        f.gross_profit = if f.all_known && f.known_sales > 0.0 {
            Some(f.known_profit)
        } else {
            f.margin.map(|m| m * f.sales)
        };
        f.growth = factor
            .filter(|_| f.has_prior && f.prior > 0.0)
            .map(|k| f.sales * k / f.prior - 1.0);
    }
    figures
}

fn book_totals(matrix: &Matrix, figures: &[Figures], factor: Option<f64>) -> Book {
    let sales: f64 = figures.iter().map(|f| f.sales).sum();
    let known_sales: f64 = figures.iter().map(|f| f.known_sales).sum();
    let known_profit: f64 = figures.iter().map(|f| f.known_profit).sum();
    let margin = (known_sales > 0.0).then(|| known_profit / known_sales);
    let gross_profit = if figures.iter().all(|f| f.all_known) && known_sales > 0.0 {
        Some(known_profit)
    } else {
        let estimated: f64 = figures.iter().filter_map(|f| f.gross_profit).sum();
        margin.map(|_| estimated)
    };
    let has_prior = figures.iter().any(|f| f.has_prior);
    let prior: f64 = figures.iter().map(|f| f.prior).sum();
    Book {
        sales,
        gross_profit,
        margin,
        prior_sales: (factor.is_some() && has_prior).then_some(prior),
        growth: factor
            .filter(|_| has_prior && prior > 0.0)
            .map(|k| sales * k / prior - 1.0),
        accounts: (0..matrix.accounts)
            .filter(|&a| !matrix.basket(a).is_empty())
            .count(),
        products: figures.iter().filter(|f| f.buyers > 0).count(),
    }
}

/// The product summaries ranked by gross profit, and the ranking by margin.
fn rank(
    table: &ProductTable,
    figures: &[Figures],
    book: &Book,
) -> (Vec<ProductSummary>, Vec<usize>) {
    let name = |p: usize| table.products.get(p).map_or("", String::as_str);
    // Products that appear in no cell are not part of the book.
    let mut order: Vec<usize> = (0..figures.len())
        .filter(|&p| figures[p].buyers > 0 || figures[p].sales != 0.0)
        .collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&figures[a], &figures[b]);
        match (fa.gross_profit, fb.gross_profit) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => fb.sales.total_cmp(&fa.sales),
        }
        .then_with(|| by_name(name(a), name(b)))
        .then(a.cmp(&b))
    });
    let mut by_margin: Vec<usize> = (0..order.len())
        .filter(|&i| figures[order[i]].margin.is_some())
        .collect();
    by_margin.sort_by(|&i, &j| {
        let (a, b) = (order[i], order[j]);
        let (ma, mb) = (
            figures[a].margin.unwrap_or(f64::NEG_INFINITY),
            figures[b].margin.unwrap_or(f64::NEG_INFINITY),
        );
        mb.total_cmp(&ma)
            .then_with(|| by_name(name(a), name(b)))
            .then(a.cmp(&b))
    });
    let mut margin_rank = vec![None; order.len()];
    for (place, &i) in by_margin.iter().enumerate() {
        margin_rank[i] = Some(place + 1);
    }
    let summaries = order
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let f = &figures[p];
            ProductSummary {
                product: name(p).to_string(),
                sales: f.sales,
                gross_profit: f.gross_profit,
                margin: f.margin,
                margin_estimated: f.margin_estimated,
                accounts: f.buyers,
                prior_sales: (f.has_prior && table.periods.is_some()).then_some(f.prior),
                growth: f.growth,
                share: if book.sales != 0.0 {
                    f.sales / book.sales
                } else {
                    0.0
                },
                rank_by_gross_profit: i + 1,
                rank_by_margin: margin_rank[i],
            }
        })
        .collect();
    (summaries, by_margin)
}

fn account_mixes(table: &ProductTable, matrix: &Matrix, figures: &[Figures]) -> Vec<AccountMix> {
    (0..matrix.accounts)
        .filter_map(|a| {
            let a32 = u32::try_from(a).ok()?;
            let cells = matrix.cells_of(a32);
            if cells.is_empty() {
                return None;
            }
            let sales: f64 = cells.iter().map(|c| c.sales).sum();
            let known: Vec<_> = cells.iter().filter(|c| c.gross_profit.is_some()).collect();
            let known_sales: f64 = known.iter().map(|c| c.sales).sum();
            let known_profit: f64 = known.iter().filter_map(|c| c.gross_profit).sum();
            let margin = (known_sales > 0.0).then(|| known_profit / known_sales);
            let gross_profit = if known.len() == cells.len() {
                margin.map(|_| known_profit)
            } else {
                margin.map(|m| m * sales)
            };
            // The book's margins weighted by the account's sales of each product.
            let (mut weighted, mut weight) = (0.0, 0.0);
            for c in cells {
                if let Some(m) = figures.get(c.product as usize).and_then(|f| f.margin) {
                    weighted += m * c.sales;
                    weight += c.sales;
                }
            }
            let top = cells
                .iter()
                .filter(|c| c.sales > 0.0)
                .max_by(|x, y| {
                    x.sales.total_cmp(&y.sales).then_with(|| {
                        by_name(
                            &product_name(table, y.product),
                            &product_name(table, x.product),
                        )
                    })
                })
                .map(|c| {
                    (
                        product_name(table, c.product),
                        if sales > 0.0 { c.sales / sales } else { 0.0 },
                    )
                });
            Some(AccountMix {
                account: table.accounts.get(a).cloned().unwrap_or_default(),
                sales,
                gross_profit,
                margin,
                mix_margin: (weight > 0.0).then(|| weighted / weight),
                products: matrix.basket(a).len(),
                top_product: top,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
