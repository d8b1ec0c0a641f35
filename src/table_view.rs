//! Which accounts the "Accounts" table shows, in which order, a page at a time: the filter
//! ("Filter accounts"), the "Show" choice (a category or a flag), the sort column and the page.

use std::cmp::Ordering;

use account_lens_engine::{AccountReview, Category, Flag, Review};

/// Rows drawn at once; more are paged, so a book of 50,000 accounts renders as fast as 100.
pub const PAGE_ROWS: usize = 100;

/// Which accounts "Show" lets through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    Category(Category),
    Flag(Flag),
}

impl Show {
    /// Every choice, in the order of the "Show" list.
    pub const ALL: [Show; 6] = [
        Show::All,
        Show::Category(Category::Grow),
        Show::Category(Category::Maintain),
        Show::Category(Category::AtRisk),
        Show::Flag(Flag::TimeSink),
        Show::Flag(Flag::UnderServed),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Show::All => "All accounts",
            Show::Category(c) => c.label(),
            Show::Flag(Flag::TimeSink) => "Time sinks",
            Show::Flag(Flag::UnderServed) => "Under-served",
        }
    }

    /// The value of its `<option>`.
    pub fn key(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Category(c) => c.key(),
            Show::Flag(f) => f.key(),
        }
    }

    pub fn from_key(key: &str) -> Show {
        Show::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }

    fn lets_through(self, account: &AccountReview) -> bool {
        match self {
            Show::All => true,
            Show::Category(c) => account.category == c,
            Show::Flag(f) => account.flags.contains(&f),
        }
    }
}

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Account,
    Category,
    Tier,
    ProjectedSales,
    Growth,
    Hours,
    TimeShare,
    ValueShare,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Account,
        Column::Category,
        Column::Tier,
        Column::ProjectedSales,
        Column::Growth,
        Column::Hours,
        Column::TimeShare,
        Column::ValueShare,
    ];

    /// The header's text (and its sort button's name).
    pub fn label(self) -> &'static str {
        match self {
            Column::Account => "Account",
            Column::Category => "Category",
            Column::Tier => "Tier",
            Column::ProjectedSales => "Projected sales",
            Column::Growth => "Growth",
            Column::Hours => "Hours",
            Column::TimeShare => "Time share",
            Column::ValueShare => "Value share",
        }
    }

    pub fn numeric(self) -> bool {
        !matches!(self, Column::Account | Column::Category | Column::Tier)
    }

    /// The first click on a number sorts the largest first; on text, A to Z.
    fn descending_first(self) -> bool {
        self.numeric()
    }

    fn number(self, a: &AccountReview) -> Option<f64> {
        match self {
            Column::ProjectedSales => a.projected_sales,
            Column::Growth => a.growth,
            Column::Hours => a.hours,
            Column::TimeShare => a.time_share,
            Column::ValueShare => a.value_share,
            Column::Account | Column::Category | Column::Tier => None,
        }
    }
}

/// The sort in force: a column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

/// What the user chose for the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableView {
    pub filter: String,
    pub show: Show,
    /// None: the order of the source sheet.
    pub sort: Option<Sort>,
    /// Zero-based page of [`PAGE_ROWS`] rows.
    pub page: usize,
}

impl TableView {
    /// A click on `column`'s header: sort by it, or turn its direction round.
    pub fn sorted_by(&self, column: Column) -> TableView {
        let descending = match self.sort {
            Some(sort) if sort.column == column => !sort.descending,
            _ => column.descending_first(),
        };
        TableView {
            sort: Some(Sort { column, descending }),
            page: 0,
            ..self.clone()
        }
    }
}

/// The indices (into `review.accounts`) of the accounts the view lets through, in its order.
pub fn rows(review: &Review, view: &TableView) -> Vec<usize> {
    let query = view.filter.trim().to_lowercase();
    let mut rows: Vec<usize> = review
        .accounts
        .iter()
        .enumerate()
        .filter(|(_, a)| view.show.lets_through(a))
        .filter(|(_, a)| query.is_empty() || a.account.to_lowercase().contains(&query))
        .map(|(i, _)| i)
        .collect();
    if let Some(sort) = view.sort {
        let accounts = &review.accounts;
        match sort.column {
            Column::Account => rows.sort_by_cached_key(|&i| accounts[i].account.to_lowercase()),
            Column::Category => rows.sort_by_key(|&i| category_rank(accounts[i].category)),
            Column::Tier => rows.sort_by_key(|&i| accounts[i].tier),
            column => rows.sort_by(|&a, &b| {
                compare_numbers(column.number(&accounts[a]), column.number(&accounts[b]))
            }),
        }
        if sort.descending {
            rows.reverse();
        }
        // Unknown numbers go last in either direction.
        if sort.column.numeric() {
            let known: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&i| sort.column.number(&accounts[i]).is_some())
                .collect();
            if known.len() != rows.len() {
                let unknown = rows
                    .iter()
                    .copied()
                    .filter(|&i| sort.column.number(&accounts[i]).is_none());
                rows = known.into_iter().chain(unknown).collect();
            }
        }
    }
    rows
}

/// Grow, Maintain, At risk: the order of the cards.
fn category_rank(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|&c| c == category)
        .unwrap_or(Category::ALL.len())
}

fn compare_numbers(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The number of pages for `count` rows (at least one, for the empty table).
pub fn pages(count: usize) -> usize {
    count.div_ceil(PAGE_ROWS).max(1)
}

/// The rows of page `page` (clamped to the last page).
pub fn page_of(rows: &[usize], page: usize) -> (usize, &[usize]) {
    let page = page.min(pages(rows.len()) - 1);
    let start = page * PAGE_ROWS;
    let end = (start + PAGE_ROWS).min(rows.len());
    (page, &rows[start.min(end)..end])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use account_lens_engine::{analyze, Account, Dataset, Settings};

    fn review() -> Review {
        let account = |name: &str, prior: f64, current: f64, hours: Option<f64>| Account {
            name: name.into(),
            prior_sales: Some(prior),
            current_sales: Some(current),
            hours,
            ..Account::default()
        };
        analyze(
            &Dataset {
                accounts: vec![
                    account("Northwind", 300_000.0, 240_000.0, Some(10.0)),
                    account("summit clinics", 100_000.0, 130_000.0, None),
                    account("Corner Bistro", 20_000.0, 20_500.0, Some(30.0)),
                    account("Alpine Foods", 500_000.0, 510_000.0, Some(2.0)),
                ],
                ..Dataset::default()
            },
            &Settings::default(),
        )
    }

    fn names(review: &Review, view: &TableView) -> Vec<String> {
        rows(review, view)
            .into_iter()
            .map(|i| review.accounts[i].account.clone())
            .collect()
    }

    #[test]
    fn the_filter_ignores_case_and_spaces_and_keeps_the_source_order() {
        let review = review();
        let view = TableView {
            filter: "  N ".into(),
            ..TableView::default()
        };
        assert_eq!(
            names(&review, &view),
            [
                "Northwind",
                "summit clinics",
                "Corner Bistro",
                "Alpine Foods"
            ]
        );
        let view = TableView {
            filter: "BISTRO".into(),
            ..TableView::default()
        };
        assert_eq!(names(&review, &view), ["Corner Bistro"]);
    }

    #[test]
    fn show_narrows_to_a_category_or_a_flag() {
        let review = review();
        let at_risk = TableView {
            show: Show::Category(Category::AtRisk),
            ..TableView::default()
        };
        assert_eq!(names(&review, &at_risk), ["Northwind"]);
        let sinks = TableView {
            show: Show::Flag(Flag::TimeSink),
            ..TableView::default()
        };
        assert_eq!(names(&review, &sinks), ["Corner Bistro"]);
        assert_eq!(Show::from_key("time_sink"), Show::Flag(Flag::TimeSink));
        assert_eq!(Show::from_key("nonsense"), Show::All);
    }

    #[test]
    fn sorting_puts_the_largest_first_then_turns_round_with_unknowns_last() {
        let review = review();
        let by_sales = TableView::default().sorted_by(Column::ProjectedSales);
        assert_eq!(
            names(&review, &by_sales),
            [
                "Alpine Foods",
                "Northwind",
                "summit clinics",
                "Corner Bistro"
            ]
        );
        let by_hours = TableView::default().sorted_by(Column::Hours);
        assert_eq!(
            names(&review, &by_hours),
            [
                "Corner Bistro",
                "Northwind",
                "Alpine Foods",
                "summit clinics"
            ]
        );
        let fewest_hours = by_hours.sorted_by(Column::Hours);
        assert_eq!(fewest_hours.sort.map(|s| s.descending), Some(false));
        assert_eq!(
            names(&review, &fewest_hours),
            [
                "Alpine Foods",
                "Northwind",
                "Corner Bistro",
                "summit clinics"
            ]
        );
        let by_name = TableView::default().sorted_by(Column::Account);
        assert_eq!(
            names(&review, &by_name),
            [
                "Alpine Foods",
                "Corner Bistro",
                "Northwind",
                "summit clinics"
            ]
        );
        let by_category = TableView::default().sorted_by(Column::Category);
        assert_eq!(names(&review, &by_category)[0], "summit clinics"); // Grow first
    }

    #[test]
    fn pages_hold_a_hundred_rows_and_a_late_page_is_clamped() {
        let rows: Vec<usize> = (0..250).collect();
        assert_eq!(pages(rows.len()), 3);
        assert_eq!(pages(0), 1);
        let (page, shown) = page_of(&rows, 1);
        assert_eq!((page, shown.len(), shown[0]), (1, 100, 100));
        let (page, shown) = page_of(&rows, 9);
        assert_eq!((page, shown.len(), shown[0]), (2, 50, 200));
        let (page, shown) = page_of(&[], 3);
        assert_eq!((page, shown.len()), (0, 0));
    }
}
