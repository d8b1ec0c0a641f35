//! The `--json` documents: `analyze` exactly as DESIGN.md's contract and `analyze.schema.json`
//! give it, `plan` as issue 4 gives it (the same `source`, then the plan), and `products` as
//! issue 6 gives it (the same `source`, then the products, rules and suggestions), and
//! `review` as issue 5 gives it (what moved between two weeks' workbooks).

use std::collections::BTreeMap;

use account_lens_engine::{
    AccountChange, Book, Category, Comparison, Diagnostic, MatrixCell, Migration, Plan,
    ProductReview, ProductSettings, Response, Review, Rule, Shift, Snapshot, Summary, ValueBasis,
    WeekTotals,
};
use account_lens_workbook::{Imported, ProductsRead};
use serde::Serialize;

#[derive(Serialize)]
pub struct AnalyzeJson<'a> {
    source: SourceJson<'a>,
    mapping: BTreeMap<&'static str, &'a str>,
    /// Beyond the contract: how sure each mapping is, and why.
    columns: Vec<ColumnJson<'a>>,
    accounts: Vec<AccountJson<'a>>,
    summary: SummaryJson<'a>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct ColumnJson<'a> {
    field: &'static str,
    header: &'a str,
    /// Column letters, more than one when period columns of a year are summed.
    columns: Vec<String>,
    confidence: f32,
    why: &'a str,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    file: &'a str,
    sheet: &'a str,
    shape: &'static str,
    header_row: u32,
    rows_read: usize,
    rows_skipped: usize,
    format: &'a account_lens_workbook::grid::Format,
    #[serde(skip_serializing_if = "Option::is_none")]
    projection: Option<&'a str>,
}

#[derive(Serialize)]
struct AccountJson<'a> {
    account: &'a str,
    category: &'static str,
    tier: &'static str,
    flags: Vec<&'static str>,
    reason: String,
    prior_sales: Option<f64>,
    current_sales: Option<f64>,
    projected_sales: Option<f64>,
    growth: Option<f64>,
    potential: Option<f64>,
    upside: Option<f64>,
    deterioration: Option<f64>,
    margin: Option<f64>,
    gross_profit: Option<f64>,
    hours: Option<f64>,
    time_share: Option<f64>,
    sales_share: Option<f64>,
    value_share: Option<f64>,
    row: Option<u32>,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    value_basis: &'static str,
    median_hours: Option<f64>,
    #[serde(flatten)]
    categories: &'a Summary,
}

impl<'a> SourceJson<'a> {
    fn new(file: &'a str, imported: &'a Imported) -> Self {
        SourceJson {
            file,
            sheet: &imported.source.sheet,
            shape: imported.source.shape.key(),
            header_row: imported.source.header_row,
            rows_read: imported.source.rows_read,
            rows_skipped: imported.source.rows_skipped,
            format: &imported.source.format,
            projection: imported
                .dataset
                .projection
                .as_ref()
                .map(|p| p.rule.as_str()),
        }
    }
}

fn basis_key(basis: ValueBasis) -> &'static str {
    match basis {
        ValueBasis::GrossProfit => "gross_profit",
        ValueBasis::Sales => "sales",
    }
}

impl<'a> AnalyzeJson<'a> {
    pub fn new(file: &'a str, imported: &'a Imported, review: &'a Review) -> Self {
        let source = SourceJson::new(file, imported);
        let mapping = imported
            .mapping
            .fields
            .iter()
            .map(|f| (f.field.key(), f.header.as_str()))
            .collect();
        let accounts = review
            .accounts
            .iter()
            .map(|a| AccountJson {
                account: &a.account,
                category: a.category.key(),
                tier: a.tier.label(),
                flags: a.flags.iter().map(|f| f.key()).collect(),
                reason: a.reason.to_string(),
                prior_sales: a.prior_sales,
                current_sales: a.current_sales,
                projected_sales: a.projected_sales,
                growth: a.growth,
                potential: a.potential,
                upside: a.upside,
                deterioration: a.deterioration,
                margin: a.margin,
                gross_profit: a.gross_profit,
                hours: a.hours,
                time_share: a.time_share,
                sales_share: a.sales_share,
                value_share: a.value_share,
                row: a.row,
            })
            .collect();
        let summary = SummaryJson {
            value_basis: basis_key(review.value_basis),
            median_hours: review.median_hours,
            categories: &review.summary,
        };
        AnalyzeJson {
            source,
            mapping,
            columns: imported
                .mapping
                .fields
                .iter()
                .map(|f| ColumnJson {
                    field: f.field.key(),
                    header: &f.header,
                    columns: f
                        .columns()
                        .map(account_lens_engine::column_letter)
                        .collect(),
                    confidence: f.confidence,
                    why: &f.why,
                })
                .collect(),
            accounts,
            summary,
            diagnostics: &review.diagnostics,
        }
    }
}

/// `account-lens plan --json`.
#[derive(Serialize)]
pub struct PlanJson<'a> {
    source: SourceJson<'a>,
    capacity: f64,
    /// Beyond the contract: the grid of hours.
    step: f64,
    basis: &'static str,
    accounts: Vec<PlanAccountJson<'a>>,
    moves: Vec<MoveJson<'a>>,
    summary: PlanSummaryJson,
    /// Beyond the contract: accounts left out, and why.
    unplanned: Vec<UnplannedJson<'a>>,
    /// Beyond the contract: what the rep should know about the plan as a whole.
    notes: Vec<String>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct PlanAccountJson<'a> {
    account: &'a str,
    category: &'static str,
    current_hours: f64,
    recommended_hours: f64,
    response: &'a Response,
    expected_sales: f64,
    expected_gross_profit: f64,
}

#[derive(Serialize)]
struct MoveJson<'a> {
    account: &'a str,
    hours_change: f64,
    reason: String,
}

#[derive(Serialize)]
struct PlanSummaryJson {
    current_gross_profit: f64,
    expected_gross_profit: f64,
    expected_gross_profit_change: f64,
}

#[derive(Serialize)]
struct UnplannedJson<'a> {
    account: &'a str,
    why: &'a str,
}

impl<'a> PlanJson<'a> {
    pub fn new(file: &'a str, imported: &'a Imported, review: &'a Review, plan: &'a Plan) -> Self {
        PlanJson {
            source: SourceJson::new(file, imported),
            capacity: plan.capacity,
            step: plan.step,
            basis: basis_key(plan.basis),
            accounts: plan
                .accounts
                .iter()
                .map(|a| PlanAccountJson {
                    account: &a.account,
                    category: a.category.key(),
                    current_hours: a.current_hours,
                    recommended_hours: a.recommended_hours,
                    response: &a.response,
                    expected_sales: a.expected_sales,
                    expected_gross_profit: a.expected_gross_profit,
                })
                .collect(),
            moves: plan
                .moves
                .iter()
                .map(|m| MoveJson {
                    account: &m.account,
                    hours_change: m.hours_change,
                    reason: m.reason.to_string(),
                })
                .collect(),
            summary: PlanSummaryJson {
                current_gross_profit: plan.current_gross_profit,
                expected_gross_profit: plan.expected_gross_profit,
                expected_gross_profit_change: plan.expected_gross_profit_change,
            },
            unplanned: plan
                .unplanned
                .iter()
                .map(|(account, why)| UnplannedJson { account, why })
                .collect(),
            notes: plan.notes.iter().map(ToString::to_string).collect(),
            diagnostics: &review.diagnostics,
        }
    }
}

/// `account-lens products --json`.
#[derive(Serialize)]
pub struct ProductsJson<'a> {
    source: SourceJson<'a>,
    /// Beyond the contract: where the product figures came from.
    products_source: ProductSourceJson<'a>,
    /// Beyond the contract: the settings the analysis was made with.
    settings: &'a ProductSettings,
    /// Beyond the contract: the book's totals.
    book: &'a Book,
    products: Vec<ProductJson<'a>>,
    /// Beyond the contract: the products by margin, highest first.
    by_margin: Vec<&'a str>,
    rules: &'a [Rule],
    suggestions: Vec<SuggestionJson<'a>>,
    /// Beyond the contract: each account's margin against the book's.
    accounts: Vec<AccountMixJson<'a>>,
    notes: Vec<String>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct ProductSourceJson<'a> {
    sheet: &'a str,
    layout: &'static str,
    header_row: u32,
    rows_read: usize,
    rows_skipped: usize,
    /// The periods growth compares, when there are two.
    current_period: Option<&'a str>,
    prior_period: Option<&'a str>,
}

#[derive(Serialize)]
struct ProductJson<'a> {
    product: &'a str,
    sales: f64,
    gross_profit: Option<f64>,
    margin: Option<f64>,
    accounts: usize,
    prior_sales: Option<f64>,
    growth: Option<f64>,
    share: f64,
    rank_by_gross_profit: usize,
    rank_by_margin: Option<usize>,
    margin_estimated: bool,
}

#[derive(Serialize)]
struct SuggestionJson<'a> {
    account: &'a str,
    product: &'a str,
    score: f64,
    reason: String,
    similar_buying: usize,
    similar: usize,
    margin: Option<f64>,
    typical_spend: f64,
    bought_with: Option<&'a str>,
    similarity: Option<f64>,
}

#[derive(Serialize)]
struct AccountMixJson<'a> {
    account: &'a str,
    sales: f64,
    gross_profit: Option<f64>,
    margin: Option<f64>,
    mix_margin: Option<f64>,
    products: usize,
    top_product: Option<&'a str>,
    top_product_share: Option<f64>,
}

impl<'a> ProductsJson<'a> {
    pub fn new(
        file: &'a str,
        imported: &'a Imported,
        found: &'a ProductsRead,
        review: &'a Review,
        products: &'a ProductReview,
        settings: &'a ProductSettings,
    ) -> Self {
        let s = &found.source;
        let periods = found.table.periods.as_ref();
        ProductsJson {
            source: SourceJson::new(file, imported),
            products_source: ProductSourceJson {
                sheet: &s.sheet,
                layout: s.layout.key(),
                header_row: s.header_row,
                rows_read: s.rows_read,
                rows_skipped: s.rows_skipped,
                current_period: periods.map(|p| p.current.as_str()),
                prior_period: periods.map(|p| p.prior.as_str()),
            },
            settings,
            book: &products.book,
            products: products
                .products
                .iter()
                .map(|p| ProductJson {
                    product: &p.product,
                    sales: p.sales,
                    gross_profit: p.gross_profit,
                    margin: p.margin,
                    accounts: p.accounts,
                    prior_sales: p.prior_sales,
                    growth: p.growth,
                    share: p.share,
                    rank_by_gross_profit: p.rank_by_gross_profit,
                    rank_by_margin: p.rank_by_margin,
                    margin_estimated: p.margin_estimated,
                })
                .collect(),
            by_margin: products
                .by_margin
                .iter()
                .filter_map(|&i| products.products.get(i).map(|p| p.product.as_str()))
                .collect(),
            rules: &products.rules,
            suggestions: products
                .suggestions
                .iter()
                .map(|x| SuggestionJson {
                    account: &x.account,
                    product: &x.product,
                    score: x.score,
                    reason: x.reason.to_string(),
                    similar_buying: x.reason.similar_buying,
                    similar: x.reason.similar,
                    margin: x.reason.margin,
                    typical_spend: x.reason.typical_spend,
                    bought_with: x.reason.bought_with.as_ref().map(|(p, _)| p.as_str()),
                    similarity: x.reason.bought_with.as_ref().map(|(_, s)| *s),
                })
                .collect(),
            accounts: products
                .accounts
                .iter()
                .map(|a| AccountMixJson {
                    account: &a.account,
                    sales: a.sales,
                    gross_profit: a.gross_profit,
                    margin: a.margin,
                    mix_margin: a.mix_margin,
                    products: a.products,
                    top_product: a.top_product.as_ref().map(|(p, _)| p.as_str()),
                    top_product_share: a.top_product.as_ref().map(|(_, s)| *s),
                })
                .collect(),
            notes: products.notes.iter().map(ToString::to_string).collect(),
            diagnostics: &review.diagnostics,
        }
    }
}

/// `review --json`: issue 5's contract (`migrations`, `newly_at_risk`, `recovered`, `changes`
/// per account), then the rest of the comparison.
#[derive(Serialize)]
pub struct ReviewJson<'a> {
    older: WeekJson<'a>,
    newer: WeekJson<'a>,
    /// `{account, from, to}` for each account whose category changed.
    migrations: &'a [Migration],
    newly_at_risk: &'a [String],
    recovered: &'a [String],
    /// `{account, presence, category_then, category_now, projected_sales_then,
    /// projected_sales_now, projected_sales_change, hours_then, hours_now, hours_change}`.
    changes: &'a [AccountChange],
    added: &'a [String],
    removed: &'a [String],
    /// Every from → to cell with its accounts (the diagonal too).
    matrix: &'a [MatrixCell],
    summary: ReviewSummaryJson<'a>,
}

/// One of the two workbooks compared.
#[derive(Serialize)]
struct WeekJson<'a> {
    file: &'a str,
    sheet: &'a str,
    /// The ISO week of the file's date, e.g. "2026-W49".
    week: String,
    accounts: usize,
}

#[derive(Serialize)]
struct ReviewSummaryJson<'a> {
    projected_sales: Shift,
    hours: Shift,
    deterioration: Shift,
    upside: Shift,
    time_sink_hours: Shift,
    /// Per category (`grow`, `maintain`, `at_risk`, `total`): the totals then and now.
    categories: BTreeMap<&'static str, ThenNow<'a>>,
}

#[derive(Serialize)]
struct ThenNow<'a> {
    then: &'a WeekTotals,
    now: &'a WeekTotals,
}

/// One workbook of a review: its name, what was read and its snapshot.
pub struct ReviewSide<'a> {
    pub file: &'a str,
    pub imported: &'a Imported,
    pub snapshot: &'a Snapshot,
}

impl<'a> WeekJson<'a> {
    fn new(side: &ReviewSide<'a>) -> Self {
        WeekJson {
            file: side.file,
            sheet: &side.imported.source.sheet,
            week: side.snapshot.week_label(),
            accounts: side.snapshot.accounts.len(),
        }
    }
}

impl<'a> ReviewJson<'a> {
    pub fn new(older: &ReviewSide<'a>, newer: &ReviewSide<'a>, c: &'a Comparison) -> Self {
        let (then, now) = (&older.snapshot.totals, &newer.snapshot.totals);
        let categories = Category::ALL
            .iter()
            .map(|&k| {
                (
                    k.key(),
                    ThenNow {
                        then: then.category(k),
                        now: now.category(k),
                    },
                )
            })
            .chain([(
                "total",
                ThenNow {
                    then: &then.total,
                    now: &now.total,
                },
            )])
            .collect();
        ReviewJson {
            older: WeekJson::new(older),
            newer: WeekJson::new(newer),
            migrations: &c.migrations,
            newly_at_risk: &c.newly_at_risk,
            recovered: &c.recovered,
            changes: &c.changes,
            added: &c.added,
            removed: &c.removed,
            matrix: &c.matrix,
            summary: ReviewSummaryJson {
                projected_sales: c.projected_sales,
                hours: c.hours,
                deterioration: c.deterioration,
                upside: c.upside,
                time_sink_hours: c.time_sink_hours,
                categories,
            },
        }
    }
}
