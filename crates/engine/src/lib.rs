//! The Account Lens engine: a sales rep's accounts in, a weekly review out.
//!
//! Pure functions over plain data: no I/O, no clock, no platform code. The shells (the web app
//! and the `account-lens` CLI) read files into a [`Dataset`], call [`analyze`] and render or
//! export the [`Review`]. [`analyze_with`] does the same with the user's [`Overrides`]: a
//! category call per account wins over the rules (which stay quoted in the reason), a note is
//! carried along. Week over week, a [`Snapshot`] keeps a review per ISO week; [`compare`] says
//! what moved between two, [`trends`] gives sales and hours per category over the weeks, and
//! [`checklist`] answers the weekly questions from the data and the rep's [`NextAction`]s.
//!
//! ```
//! use account_lens_engine::{analyze, Account, Category, Dataset, Settings};
//!
//! let dataset = Dataset {
//!     accounts: vec![
//!         Account { name: "Northwind".into(), prior_sales: Some(300_000.0),
//!                   current_sales: Some(240_000.0), ..Account::default() },
//!         Account { name: "Summit".into(), prior_sales: Some(100_000.0),
//!                   current_sales: Some(130_000.0), ..Account::default() },
//!     ],
//!     ..Dataset::default()
//! };
//! let review = analyze(&dataset, &Settings::default());
//! assert_eq!(review.accounts[0].category, Category::AtRisk);
//! assert_eq!(review.accounts[0].deterioration, Some(60_000.0));
//! assert_eq!(review.accounts[1].category, Category::Grow);
//! ```

mod classify;
mod diagnostic;
pub mod format;
mod history;
mod model;
mod overrides;
mod plan;
mod products;
mod reason;
mod settings;
mod summary;
mod time_log;

pub use classify::{analyze, analyze_with, AccountReview, Review, ValueBasis};
pub use diagnostic::{column_letter, Diagnostic, Level};
pub use history::{
    checklist, compare, trends, AccountChange, AccountSnapshot, Check, CheckItem, Comparison,
    MatrixCell, Migration, NextAction, Presence, Shift, Snapshot, SnapshotTotals, TrendPoint,
    TrendWeek, WeekTotals,
};
pub use model::{name_key, Account, Dataset, Projection};
pub use overrides::{Override, Overrides};
pub use plan::{
    plan, CalibrationError, CategoryEstimates, Estimate, Estimates, Hours, Move, MoveReason, Plan,
    PlanAccount, PlanNote, PlanSettings, Response, SignedHours,
};
pub use products::{
    product_mix, product_mixes, products, AccountMix, Book, CrossSellReason, MixLine, Periods,
    ProductCell, ProductNote, ProductReview, ProductSettings, ProductSummary, ProductTable, Rule,
    SpendOf, Suggestion,
};
pub use reason::{Because, Reason, TimeQuote, YourCall};
pub use settings::{SettingRow, Settings};
pub use summary::{CategorySummary, Summary};
pub use time_log::{
    account_key, activity_history, apply_time_log, rolling_average, rolling_window, weekly,
    AccountWeek, Activity, Date, HoursSource, TimeEntry, TimeLog, ROLLING_WEEKS,
};

use serde::{Deserialize, Serialize};

/// Where an account stands, the first rule that matches deciding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Flagged at risk or falling: will deteriorate, by an estimated amount.
    AtRisk,
    /// Has room to grow: upside against potential, growing, or new.
    Grow,
    /// The rest: keep served, often the biggest accounts.
    Maintain,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Grow, Category::Maintain, Category::AtRisk];

    /// The name a rep reads.
    pub fn label(self) -> &'static str {
        match self {
            Category::Grow => "Grow",
            Category::Maintain => "Maintain",
            Category::AtRisk => "At risk",
        }
    }

    /// The contract name (`grow`, `maintain`, `at_risk`).
    pub fn key(self) -> &'static str {
        match self {
            Category::Grow => "grow",
            Category::Maintain => "maintain",
            Category::AtRisk => "at_risk",
        }
    }

    /// Reads a label or contract name back (as written in an exported workbook).
    pub fn parse(text: &str) -> Option<Category> {
        match text
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], " ")
            .as_str()
        {
            "grow" => Some(Category::Grow),
            "maintain" => Some(Category::Maintain),
            "at risk" | "atrisk" => Some(Category::AtRisk),
            _ => None,
        }
    }
}

/// Tier by cumulative sales: A makes the first 80 %, B to 95 %, C the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    A,
    B,
    C,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        }
    }
}

/// A flag on top of the category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Lots of hours, little return.
    TimeSink,
    /// A top account that gets too little time.
    UnderServed,
}

impl Flag {
    pub fn label(self) -> &'static str {
        match self {
            Flag::TimeSink => "Time sink",
            Flag::UnderServed => "Under-served",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Flag::TimeSink => "time_sink",
            Flag::UnderServed => "under_served",
        }
    }
}
