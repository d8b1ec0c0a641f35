//! The `Time plan` sheet: the week's plan (CALLPLAN) as the rep takes it into Monday: the
//! capacity and what the plan is expected to earn, per account the hours today and recommended
//! with the curve behind them, then the moves with their reasons and the accounts left out.
//!
//! The capacity, step, basis and default-estimate rows carry a key in the third column (as
//! the Settings sheet does), and the account table a fixed header with each account's four
//! estimates, where they came from and its bounds, so a later import reads the plan's settings
//! back (see [`read_time_plan_sheet`](crate::time_plan_sheet::read_time_plan_sheet)).

use std::collections::BTreeMap;

use account_lens_engine::{
    Category, Estimate, Estimates, Hours, Plan, PlanAccount, PlanSettings, ValueBasis,
};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::export::styles::{self, MONEY};
use crate::export::ExportError;
use crate::time_plan_sheet::estimate_key;

/// A1 of the `Time plan` sheet: an export's own sheet, regenerated (never analysed) on re-import.
pub const TIME_PLAN_MARKER: &str = "Account Lens time plan";

/// Header row of the account table (and the columns of the "Not planned" rows from
/// [`NO_TIME`] on).
pub const TIME_PLAN_HEADERS: [&str; 19] = [
    "Account",
    "Category",
    "Current hours",
    "Recommended hours",
    "Change",
    "b (no time)",
    "a (saturation)",
    "c",
    "d",
    "Expected sales",
    "Expected gross profit",
    "Anchor hours",
    "No time",
    "Half the time",
    "50% more time",
    "Saturation",
    "Estimates",
    "Min hours",
    "Max hours",
];

/// Column of the first of the four estimates (no time, half the time, 50 % more, saturation),
/// as fractions of today's sales.
pub const NO_TIME: usize = 12;
/// Column saying where the estimates came from ([`EstimateSource::label`]).
pub const ESTIMATES_FROM: usize = 16;
/// Column of the fewest hours a week the rep set for the account (blank: none).
pub const MIN_HOURS: usize = 17;
/// Column of the most hours a week the rep set for the account (blank: none).
pub const MAX_HOURS: usize = 18;

/// Where an account's estimates came from, as the Time plan sheet says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstimateSource {
    /// The defaults of the account's category.
    CategoryDefault,
    /// The account sheet's own estimate columns.
    SheetColumn,
    /// Set by the rep in the app: read back on the next import.
    Yours,
}

impl EstimateSource {
    pub const ALL: [EstimateSource; 3] = [
        EstimateSource::CategoryDefault,
        EstimateSource::SheetColumn,
        EstimateSource::Yours,
    ];

    /// The words in the sheet.
    pub fn label(self) -> &'static str {
        match self {
            EstimateSource::CategoryDefault => "Category default",
            EstimateSource::SheetColumn => "Sheet column",
            EstimateSource::Yours => "Your estimate",
        }
    }

    /// Reads a label back, ignoring case and surrounding spaces.
    pub fn parse(text: &str) -> Option<EstimateSource> {
        EstimateSource::ALL
            .into_iter()
            .find(|s| s.label().eq_ignore_ascii_case(text.trim()))
    }
}

/// Per-account settings looked up as the plan does: by name exactly, else ignoring case and
/// surrounding spaces.
struct ByName<'a, V> {
    exact: &'a BTreeMap<String, V>,
    loose: BTreeMap<String, &'a V>,
}

impl<'a, V> ByName<'a, V> {
    fn new(exact: &'a BTreeMap<String, V>) -> Self {
        let loose = exact
            .iter()
            .map(|(k, v)| (k.trim().to_lowercase(), v))
            .collect();
        ByName { exact, loose }
    }

    fn get(&self, name: &str) -> Option<&'a V> {
        self.exact
            .get(name)
            .or_else(|| self.loose.get(&name.trim().to_lowercase()).copied())
    }
}

/// What the plan was made with, looked up per account.
struct Inputs<'a> {
    settings: &'a PlanSettings,
    yours: ByName<'a, Estimates>,
    sheet: ByName<'a, Estimates>,
    bounds: ByName<'a, (Option<f64>, Option<f64>)>,
}

impl Inputs<'_> {
    /// Where the estimates an account was planned with came from: the sheet's when they are
    /// the sheet's, the rep's when they are the rep's, else its category's.
    fn source(&self, account: &str, used: &Estimates) -> EstimateSource {
        if self.sheet.get(account) == Some(used) {
            EstimateSource::SheetColumn
        } else if self.yours.get(account) == Some(used) {
            EstimateSource::Yours
        } else {
            EstimateSource::CategoryDefault
        }
    }
}

/// Header row of the moves.
pub const MOVES_HEADERS: [&str; 3] = ["Account", "Change (h)", "Reason"];

const HOURS: &str = "0.00";
const SHARE: &str = "0.0%";
const SHAPE: &str = "0.000";

/// Number formats of the sheet, built once.
struct Formats {
    hours: Format,
    money: Format,
    share: Format,
    shape: Format,
    bold: Format,
}

/// Writes the Time plan sheet named `name`: `plan`, made with `settings` (the rep's estimates
/// and bounds, with `sheet_estimates` merged in as
/// [`PlanSettings::with_sheet_estimates`] does).
///
/// # Errors
/// [`ExportError::Cell`] for an account name longer than a cell holds.
pub(crate) fn write_time_plan(
    ws: &mut Worksheet,
    name: &str,
    plan: &Plan,
    settings: &PlanSettings,
    sheet_estimates: &BTreeMap<String, Estimates>,
) -> Result<(), ExportError> {
    let inputs = Inputs {
        settings,
        yours: ByName::new(&settings.estimates),
        sheet: ByName::new(sheet_estimates),
        bounds: ByName::new(&settings.bounds),
    };
    let f = Formats {
        hours: styles::number_format(HOURS),
        money: styles::number_format(MONEY),
        share: styles::number_format(SHARE),
        shape: styles::number_format(SHAPE),
        bold: styles::header(),
    };
    let at = |row: u32, col: u32| ExportError::at(name, row, col);
    ws.write_string_with_format(0, 0, TIME_PLAN_MARKER, &styles::title())
        .map_err(at(0, 0))?;
    let mut row = 1;
    write_totals(ws, &mut row, plan, inputs.settings, &f).map_err(at(row, 0))?;

    row += 1;
    let header_row = row;
    for (col, header) in (0u16..).zip(TIME_PLAN_HEADERS) {
        ws.write_string_with_format(row, col, header, &f.bold)
            .map_err(at(row, u32::from(col)))?;
    }
    for account in &plan.accounts {
        row += 1;
        write_account(ws, row, account, plan.basis, &f).map_err(at(row, 0))?;
        let source = inputs.source(&account.account, &account.estimates);
        write_estimates(ws, row, &account.estimates, source, &f).map_err(at(row, 0))?;
        write_bounds(ws, row, inputs.bounds.get(&account.account), &f).map_err(at(row, 0))?;
    }
    row += 1;
    write_total_row(ws, row, plan, &f).map_err(at(row, 0))?;

    row += 2;
    ws.write_string_with_format(row, 0, "Moves", &f.bold)
        .map_err(at(row, 0))?;
    row += 1;
    for (col, header) in (0u16..).zip(MOVES_HEADERS) {
        ws.write_string_with_format(row, col, header, &f.bold)
            .map_err(at(row, u32::from(col)))?;
    }
    if plan.moves.is_empty() {
        row += 1;
        ws.write_string(row, 2, "No hours move: the plan is the week you have.")
            .map_err(at(row, 2))?;
    }
    for m in &plan.moves {
        row += 1;
        ws.write_string(row, 0, m.account.as_str())
            .and_then(|ws| ws.write_number_with_format(row, 1, m.hours_change, &f.hours))
            .and_then(|ws| ws.write_string(row, 2, m.reason.to_string()))
            .map_err(at(row, 0))?;
    }

    if !plan.unplanned.is_empty() {
        row += 2;
        ws.write_string_with_format(row, 0, "Not planned", &f.bold)
            .map_err(at(row, 0))?;
        for (account, why) in &plan.unplanned {
            row += 1;
            ws.write_string(row, 0, account.as_str())
                .and_then(|ws| ws.write_string(row, 2, why.as_str()))
                .map_err(at(row, 0))?;
            // What the rep set for it is kept, so it comes back with the next import.
            if let Some(yours) = inputs.yours.get(account) {
                write_estimates(ws, row, yours, EstimateSource::Yours, &f).map_err(at(row, 0))?;
            }
            write_bounds(ws, row, inputs.bounds.get(account), &f).map_err(at(row, 0))?;
        }
    }

    ws.set_freeze_panes(header_row + 1, 1)
        .map_err(at(header_row, 0))?;
    for (col, width) in (0u16..).zip([
        32.0, 12.0, 10.0, 12.0, 9.0, 10.0, 10.0, 8.0, 8.0, 14.0, 14.0, 10.0, 10.0, 10.0, 10.0,
        10.0, 16.0, 10.0, 10.0,
    ]) {
        ws.set_column_width(col, width)
            .map_err(at(0, u32::from(col)))?;
    }
    Ok(())
}

/// The plan in a sentence, its settings (label, value, key) and its notes; `row` ends on the
/// last row written.
fn write_totals(
    ws: &mut Worksheet,
    row: &mut u32,
    plan: &Plan,
    settings: &PlanSettings,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string(
        *row,
        0,
        format!(
            "Next week's {} h, planned to earn the most {} (CALLPLAN). {}.",
            Hours(plan.capacity),
            plan.basis.label(),
            plan.headline()
        ),
    )?;
    let basis_key = match plan.basis {
        ValueBasis::GrossProfit => "gross_profit",
        ValueBasis::Sales => "sales",
    };
    // The rep's settings, read back by the next import (the plan's own step may be coarser,
    // as its note says).
    let or_plan = |set: f64, used: f64| if set.is_finite() { set } else { used };
    *row += 1;
    ws.write_string(*row, 0, "Capacity (hours a week)")?;
    let capacity = or_plan(settings.capacity, plan.capacity);
    ws.write_number_with_format(*row, 1, capacity, &f.hours)?;
    ws.write_string(*row, 2, "capacity")?;
    *row += 1;
    ws.write_string(*row, 0, "Step (hours)")?;
    ws.write_number_with_format(*row, 1, or_plan(settings.step, plan.step), &f.hours)?;
    ws.write_string(*row, 2, "step")?;
    *row += 1;
    ws.write_string(*row, 0, "Planned on")?;
    ws.write_string(*row, 1, plan.basis.label())?;
    ws.write_string(*row, 2, basis_key)?;
    for (label, value) in [
        ("Expected at today's hours", plan.current_gross_profit),
        ("Expected with the plan", plan.expected_gross_profit),
        ("Expected change", plan.expected_gross_profit_change),
    ] {
        *row += 1;
        ws.write_string(*row, 0, label)?;
        ws.write_number_with_format(*row, 1, value, &f.money)?;
    }
    for category in Category::ALL {
        let estimates = settings.defaults.get(category);
        for estimate in Estimate::ALL {
            *row += 1;
            let label = estimate.label();
            ws.write_string(
                *row,
                0,
                format!("Default for {}: {label}", category.label()),
            )?;
            ws.write_number_with_format(*row, 1, estimates.get(estimate), &f.share)?;
            ws.write_string(*row, 2, estimate_key(category, estimate))?;
        }
    }
    for note in &plan.notes {
        *row += 1;
        ws.write_string(*row, 0, note.to_string())?;
    }
    Ok(())
}

fn write_account(
    ws: &mut Worksheet,
    row: u32,
    a: &PlanAccount,
    basis: ValueBasis,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string(row, 0, a.account.as_str())?;
    ws.write_string(row, 1, a.category.label())?;
    ws.write_number_with_format(row, 2, a.current_hours, &f.hours)?;
    ws.write_number_with_format(row, 3, a.recommended_hours, &f.hours)?;
    ws.write_number_with_format(row, 4, a.recommended_hours - a.current_hours, &f.hours)?;
    ws.write_number_with_format(row, 5, a.response.b, &f.share)?;
    ws.write_number_with_format(row, 6, a.response.a, &f.share)?;
    ws.write_number_with_format(row, 7, a.response.c, &f.shape)?;
    ws.write_number_with_format(row, 8, a.response.d, &f.shape)?;
    ws.write_number_with_format(row, 9, a.expected_sales, &f.money)?;
    // On sales, gross profit is unknown: left blank rather than showing sales under its name.
    if basis == ValueBasis::GrossProfit {
        ws.write_number_with_format(row, 10, a.expected_gross_profit, &f.money)?;
    }
    ws.write_number_with_format(row, 11, a.anchor_hours, &f.hours)?;
    Ok(())
}

/// The four estimates and where they came from.
fn write_estimates(
    ws: &mut Worksheet,
    row: u32,
    estimates: &Estimates,
    source: EstimateSource,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, estimate) in (column(NO_TIME)..).zip(Estimate::ALL) {
        ws.write_number_with_format(row, col, estimates.get(estimate), &f.share)?;
    }
    ws.write_string(row, column(ESTIMATES_FROM), source.label())?;
    Ok(())
}

/// The rep's fewest and most hours for the account; blank where none is set.
fn write_bounds(
    ws: &mut Worksheet,
    row: u32,
    bounds: Option<&(Option<f64>, Option<f64>)>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let (min, max) = bounds.copied().unwrap_or((None, None));
    for (col, hours) in [(MIN_HOURS, min), (MAX_HOURS, max)] {
        if let Some(h) = hours.filter(|h| h.is_finite()) {
            ws.write_number_with_format(row, column(col), h, &f.hours)?;
        }
    }
    Ok(())
}

/// A column index of [`TIME_PLAN_HEADERS`] as the writer takes it.
fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

fn write_total_row(
    ws: &mut Worksheet,
    row: u32,
    plan: &Plan,
    f: &Formats,
) -> Result<(), XlsxError> {
    let sum = |pick: fn(&PlanAccount) -> f64| plan.accounts.iter().map(pick).sum::<f64>();
    let (current, recommended) = (sum(|a| a.current_hours), sum(|a| a.recommended_hours));
    ws.write_string_with_format(row, 0, "Total", &f.bold)?;
    ws.write_number_with_format(row, 2, current, &f.hours)?;
    ws.write_number_with_format(row, 3, recommended, &f.hours)?;
    ws.write_number_with_format(row, 4, recommended - current, &f.hours)?;
    ws.write_number_with_format(row, 9, sum(|a| a.expected_sales), &f.money)?;
    if plan.basis == ValueBasis::GrossProfit {
        ws.write_number_with_format(row, 10, plan.expected_gross_profit, &f.money)?;
    }
    Ok(())
}
