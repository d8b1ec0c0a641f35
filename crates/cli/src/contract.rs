//! The `--json` document, exactly as DESIGN.md's contract and `analyze.schema.json` give it.

use std::collections::BTreeMap;

use account_lens_engine::{Diagnostic, Review, Summary};
use account_lens_workbook::Imported;
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

impl<'a> AnalyzeJson<'a> {
    pub fn new(file: &'a str, imported: &'a Imported, review: &'a Review) -> Self {
        let source = SourceJson {
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
        };
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
            value_basis: match review.value_basis {
                account_lens_engine::ValueBasis::GrossProfit => "gross_profit",
                account_lens_engine::ValueBasis::Sales => "sales",
            },
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
