//! Totals per category: where the hours go against where the sales and value come from.

use serde::{Deserialize, Serialize};

use crate::{AccountReview, Category, Flag};

/// One category's totals.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CategorySummary {
    pub accounts: usize,
    pub sales: f64,
    pub gross_profit: f64,
    pub hours: f64,
    pub upside: f64,
    pub deterioration: f64,
    /// Share of all hours spent on this category.
    pub time_share: f64,
    /// Share of all value (gross profit when known, else sales) it brings.
    pub value_share: f64,
    pub sales_share: f64,
    pub time_sinks: usize,
    pub under_served: usize,
}

impl CategorySummary {
    fn add(&mut self, a: &AccountReview) {
        self.accounts += 1;
        self.sales += a.projected_sales.unwrap_or(0.0).max(0.0);
        self.gross_profit += a.gross_profit.unwrap_or(0.0);
        self.hours += a.hours.unwrap_or(0.0);
        self.upside += a.upside.unwrap_or(0.0);
        self.deterioration += a.deterioration.unwrap_or(0.0);
        self.time_share += a.time_share.unwrap_or(0.0);
        self.value_share += a.value_share.unwrap_or(0.0);
        self.sales_share += a.sales_share.unwrap_or(0.0);
        self.time_sinks += usize::from(a.flags.contains(&Flag::TimeSink));
        self.under_served += usize::from(a.flags.contains(&Flag::UnderServed));
    }
}

/// The whole book and each category.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub grow: CategorySummary,
    pub maintain: CategorySummary,
    pub at_risk: CategorySummary,
    pub total: CategorySummary,
}

impl Summary {
    pub fn of(accounts: &[AccountReview]) -> Summary {
        let mut s = Summary::default();
        for a in accounts {
            s.category_mut(a.category).add(a);
            s.total.add(a);
        }
        s
    }

    pub fn category(&self, category: Category) -> &CategorySummary {
        match category {
            Category::Grow => &self.grow,
            Category::Maintain => &self.maintain,
            Category::AtRisk => &self.at_risk,
        }
    }

    fn category_mut(&mut self, category: Category) -> &mut CategorySummary {
        match category {
            Category::Grow => &mut self.grow,
            Category::Maintain => &mut self.maintain,
            Category::AtRisk => &mut self.at_risk,
        }
    }
}
