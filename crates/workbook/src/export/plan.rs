//! The `Time plan` sheet: the week's plan (CALLPLAN) as the rep takes it into Monday: the
//! capacity and what the plan is expected to earn, per account the hours today and recommended
//! with the curve behind them, then the moves with their reasons and the accounts left out.
//!
//! The capacity, step and basis rows carry a key in the third column (as the Settings sheet
//! does), and the account table a fixed header, so a later import can read the plan back.

use account_lens_engine::{Hours, Plan, PlanAccount, ValueBasis};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::export::styles::{self, MONEY};
use crate::export::ExportError;

/// A1 of the `Time plan` sheet: an export's own sheet, regenerated (never analysed) on re-import.
pub const TIME_PLAN_MARKER: &str = "Account Lens time plan";

/// Header row of the account table.
pub const TIME_PLAN_HEADERS: [&str; 14] = [
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
    "Half the time",
    "50% more time",
];

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

/// Writes the Time plan sheet named `name`.
///
/// # Errors
/// [`ExportError::Cell`] for an account name longer than a cell holds.
pub(crate) fn write_time_plan(
    ws: &mut Worksheet,
    name: &str,
    plan: &Plan,
) -> Result<(), ExportError> {
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
    write_totals(ws, &mut row, plan, &f).map_err(at(row, 0))?;

    row += 1;
    let header_row = row;
    for (col, header) in (0u16..).zip(TIME_PLAN_HEADERS) {
        ws.write_string_with_format(row, col, header, &f.bold)
            .map_err(at(row, u32::from(col)))?;
    }
    for account in &plan.accounts {
        row += 1;
        write_account(ws, row, account, plan.basis, &f).map_err(at(row, 0))?;
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
        }
    }

    ws.set_freeze_panes(header_row + 1, 1)
        .map_err(at(header_row, 0))?;
    for (col, width) in (0u16..).zip([
        32.0, 12.0, 10.0, 12.0, 9.0, 10.0, 10.0, 8.0, 8.0, 14.0, 14.0, 10.0, 10.0, 10.0,
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
    *row += 1;
    ws.write_string(*row, 0, "Capacity (hours a week)")?;
    ws.write_number_with_format(*row, 1, plan.capacity, &f.hours)?;
    ws.write_string(*row, 2, "capacity")?;
    *row += 1;
    ws.write_string(*row, 0, "Step (hours)")?;
    ws.write_number_with_format(*row, 1, plan.step, &f.hours)?;
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
    ws.write_number_with_format(row, 12, a.estimates.half, &f.share)?;
    ws.write_number_with_format(row, 13, a.estimates.more, &f.share)?;
    Ok(())
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
