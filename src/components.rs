//! The page's parts, one small function component each.

mod account_detail;
mod account_products;
mod accounts_table;
mod categories;
mod drop_zone;
mod log_form;
mod next_actions;
mod plan_view;
mod problem;
mod products_view;
mod reading_panel;
mod review_screen;
mod settings_panel;
mod start_screen;
mod time_chart;
mod time_log_view;
mod totals;
mod weeks_view;

pub use account_detail::AccountDetail;
pub use account_products::{AccountProducts, Draft};
pub use accounts_table::AccountsTable;
pub use categories::Categories;
pub use drop_zone::DropZone;
pub use log_form::{entry_of, LogForm};
pub use next_actions::NextActions;
pub use plan_view::PlanView;
pub use problem::{Notice, Problem};
pub use products_view::ProductsView;
pub use reading_panel::{field_label, fields_of, place, ReadingPanel};
pub use review_screen::{ReviewScreen, ReviewScreenProps};
pub use settings_panel::{shown_value, typed_value, SettingsPanel};
pub use start_screen::StartScreen;
pub use time_chart::TimeChart;
pub use time_log_view::{entry_rows, week_table, TimeLogView};
pub use totals::Totals;
pub use weeks_view::WeeksView;

/// A number the sheet may not give, as the tables show it.
pub(crate) fn or_dash(value: Option<f64>, show: impl Fn(f64) -> String) -> String {
    value.map_or_else(|| "—".to_string(), show)
}

/// The file picked in the file input that fired `e`, if any (a cancelled picker gives none).
/// The input is emptied, so that picking the same file again fires `change` again.
pub(crate) fn picked_file(e: &yew::Event) -> Option<web_sys::File> {
    let input = yew::TargetCast::target_dyn_into::<web_sys::HtmlInputElement>(e)?;
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}
