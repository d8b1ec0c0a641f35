//! Account Lens in the browser: the Yew shell over the workbook importer and the engine.
//!
//! The data flows one way: a file's bytes → [`load::review_workbook`] → [`state::State`] →
//! the components. Nothing the user loads leaves the page.

pub mod app;
pub mod components;
pub mod crash;
pub mod download;
pub mod filter;
pub mod load;
pub mod state;

pub use app::App;
