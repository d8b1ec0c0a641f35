//! The page's parts, one small function component each.

mod account_detail;
mod accounts_table;
mod categories;
mod drop_zone;
mod problem;
mod reading_panel;
mod review_screen;
mod settings_panel;
mod start_screen;
mod time_chart;
mod totals;

pub use account_detail::AccountDetail;
pub use accounts_table::AccountsTable;
pub use categories::Categories;
pub use drop_zone::DropZone;
pub use problem::{Notice, Problem};
pub use reading_panel::{field_label, fields_of, ReadingPanel};
pub use review_screen::{ReviewScreen, ReviewScreenProps};
pub use settings_panel::{shown_value, typed_value, SettingsPanel};
pub use start_screen::StartScreen;
pub use time_chart::TimeChart;
pub use totals::Totals;

/// A number the sheet may not give, as the tables show it.
pub(crate) fn or_dash(value: Option<f64>, show: impl Fn(f64) -> String) -> String {
    value.map_or_else(|| "—".to_string(), show)
}
