//! Account Lens file formats: from the bytes of a workbook to a [`Dataset`], and from a review
//! back to an annotated workbook.
//!
//! ```no_run
//! use account_lens_workbook::{import, ImportOptions};
//! use account_lens_engine::{analyze, Settings};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let bytes = std::fs::read("accounts.xlsx")?;
//! let imported = import(&bytes, "accounts.xlsx", &ImportOptions::default())?;
//! let review = analyze(&imported.dataset, &Settings::default());
//! println!("{} accounts from sheet {}", review.accounts.len(), imported.source.sheet);
//! # Ok(())
//! # }
//! ```
//!
//! [`Dataset`]: account_lens_engine::Dataset

pub mod accounts;
pub mod activities_sheet;
pub mod coerce;
pub mod error;
pub mod export;
pub mod grid;
pub mod history_sheet;
mod import;
pub mod limits;
pub mod mapping;
pub mod overrides_sheet;
pub mod products_sheet;
pub mod reading;
pub mod settings_sheet;
mod sheet_estimates;
pub mod sniff;
pub mod spreadsheet;
pub mod table;
pub mod text;
pub mod time_log;
pub mod time_plan_sheet;
pub mod transactions;

pub use error::ImportError;
pub use export::{export, export_with, ExportError, Extras};
pub use import::{
    file_stem, import, import_in_steps, read_workbook, understand, ImportOptions, Imported, Shape,
    Source,
};
pub use mapping::{Field, Mapping};
pub use products_sheet::{ProductLayout, ProductSource, ProductsRead};
pub use reading::{reading, Reading};
pub use time_log::read_time_log;
