//! The sheets an export adds, recognised on re-import: `Settings` (and `Overrides`, `Time plan`
//! and `Activities`, see [`crate::overrides_sheet`], [`crate::time_plan_sheet`] and
//! [`crate::activities_sheet`]) are read back, as are the product settings at the top of
//! `Products`; `Summary`, `Cross-sell` and the others are regenerated, never analysed as data
//! (nor as a time log, nor for products).

use account_lens_engine::{ProductSettings, Settings};

use crate::activities_sheet::ACTIVITIES_MARKER;
use crate::grid::{Sheet, Value};
use crate::overrides_sheet::OVERRIDES_MARKER;

/// A1 of the `Settings` sheet.
pub const SETTINGS_MARKER: &str = "Account Lens settings";
/// A1 of the `Summary` sheet.
pub const SUMMARY_MARKER: &str = "Account Lens summary";
/// A1 of a derived `Accounts` sheet (from order lines).
pub const DERIVED_ACCOUNTS_MARKER: &str = "Account Lens accounts";
/// Header row of the settings table: label, value, key.
pub const SETTINGS_HEADERS: [&str; 3] = ["Setting", "Value", "Key"];

/// The text in A1 of a sheet, trimmed.
pub(crate) fn a1(sheet: &Sheet) -> Option<&str> {
    let row = sheet.rows.first().filter(|r| r.index == 0)?;
    match row.value(0)? {
        Value::Text(t) => Some(t.trim()),
        _ => None,
    }
}

/// Whether a sheet was added by an export (and is regenerated rather than analysed).
pub fn is_generated_sheet(sheet: &Sheet) -> bool {
    matches!(
        a1(sheet),
        Some(
            SETTINGS_MARKER
                | SUMMARY_MARKER
                | DERIVED_ACCOUNTS_MARKER
                | OVERRIDES_MARKER
                | crate::export::plan::TIME_PLAN_MARKER
                | ACTIVITIES_MARKER
                | crate::export::products::PRODUCTS_MARKER
                | crate::export::products::CROSS_SELL_MARKER
                | crate::history_sheet::HISTORY_MARKER
        )
    )
}

/// The product analysis's settings written by an earlier export at the top of its `Products`
/// sheet: rows whose third column is one of their keys.
pub fn read_product_settings(sheet: &Sheet) -> Option<ProductSettings> {
    if a1(sheet) != Some(crate::export::products::PRODUCTS_MARKER) {
        return None;
    }
    let mut settings = ProductSettings::default();
    let mut any = false;
    for row in &sheet.rows {
        if let (Some(Value::Number(v)), Some(Value::Text(key))) = (row.value(1), row.value(2)) {
            any |= settings.set(key.trim(), *v);
        }
    }
    any.then_some(settings)
}

/// Settings written by an earlier export: rows whose third column is a setting key.
pub fn read_settings_sheet(sheet: &Sheet) -> Option<Settings> {
    if a1(sheet) != Some(SETTINGS_MARKER) {
        return None;
    }
    let mut settings = Settings::default();
    let mut any = false;
    for row in &sheet.rows {
        if let (Some(Value::Number(v)), Some(Value::Text(key))) = (row.value(1), row.value(2)) {
            any |= settings.set(key.trim(), *v);
        }
    }
    any.then_some(settings)
}
