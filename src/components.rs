//! The page's parts, one small function component each.

mod accounts_table;
mod categories;
mod drop_zone;
mod problem;
mod review_screen;
mod start_screen;
mod totals;

pub use accounts_table::AccountsTable;
pub use categories::Categories;
pub use drop_zone::DropZone;
pub use problem::Problem;
pub use review_screen::{ReviewScreen, ReviewScreenProps};
pub use start_screen::StartScreen;
pub use totals::Totals;

/// A number the sheet may not give, as the tables show it.
pub(crate) fn or_dash(value: Option<f64>, show: impl Fn(f64) -> String) -> String {
    value.map_or_else(|| "—".to_string(), show)
}
