//! The data the rules read: accounts as imported.

use serde::{Deserialize, Serialize};

use crate::Diagnostic;

/// One account as read from the rep's sheet or aggregated from order lines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    /// Sales in the last complete (prior) year.
    pub prior_sales: Option<f64>,
    /// Sales in the current year as given (may be year to date).
    pub current_sales: Option<f64>,
    /// What the account could buy: potential, target, wallet.
    pub potential: Option<f64>,
    /// Gross margin as a fraction of sales (0.32 for 32 %).
    pub margin: Option<f64>,
    /// Gross profit in money, when given instead of (or beside) a margin.
    pub gross_profit: Option<f64>,
    /// Hours spent on the account (per week, or whatever unit the sheet uses throughout).
    pub hours: Option<f64>,
    /// Flagged at risk in the sheet (financial risk, credit hold).
    pub at_risk: bool,
    /// A personal relationship: the reason of a time sink says so.
    pub friend: bool,
    pub segment: Option<String>,
    pub region: Option<String>,
    pub owner: Option<String>,
    pub notes: Option<String>,
    /// One-based row in the source sheet (the first row, for merged duplicates).
    pub row: Option<u32>,
}

/// How current sales become projected (full-year) sales.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// Projected = current × factor.
    pub factor: f64,
    /// The rule in words, e.g. "2026 is partial (data to 2026-09-30): projected × 1.34".
    pub rule: String,
}

/// Everything imported: the accounts, how to project, and what the reading noticed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub accounts: Vec<Account>,
    /// Set when the current year is partial and must be annualised.
    pub projection: Option<Projection>,
    /// The source has no prior year at all (a one-year sheet): growth is unknown, and no
    /// account counts as new for lack of last year's sales.
    #[serde(default)]
    pub without_prior_year: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// How overrides, the plan, the weekly history and next actions match an account name across
/// workbooks and weeks: surrounding spaces and case aside ("northwind " is Northwind). The time
/// log folds inner spaces too ([`crate::account_key`]).
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}
