//! The readable plan printed by `plan` without `--json`: hours today against recommended per
//! account, the moves with their reasons, and what the plan is expected to earn.

use std::fmt::Write;

use account_lens_engine::format::money;
use account_lens_engine::{Hours, Plan, Review, SignedHours, ValueBasis};
use account_lens_workbook::Imported;

use crate::table::{write_source, write_warnings};

/// Account names wider than this are cut in the table (the moves keep them whole).
const NAME_WIDTH: usize = 36;

pub fn render(file: &str, imported: &Imported, review: &Review, plan: &Plan) -> String {
    let mut out = String::new();
    write_source(&mut out, file, imported, review);
    let _ = writeln!(
        out,
        "Time plan: {} h a week in steps of {} h, on {}",
        Hours(plan.capacity),
        Hours(plan.step),
        plan.basis.label()
    );
    for note in &plan.notes {
        let _ = writeln!(out, "{note}");
    }
    let _ = writeln!(out);

    let width = plan
        .accounts
        .iter()
        .map(|a| a.account.chars().count())
        .max()
        .unwrap_or(0)
        .clamp("Account".len(), NAME_WIDTH);
    let value = match plan.basis {
        ValueBasis::GrossProfit => "Expected GP",
        ValueBasis::Sales => "Expected sales",
    };
    let _ = writeln!(
        out,
        "{:<width$} {:<9} {:>7} {:>7} {:>7} {:>14}",
        "Account", "Category", "Now", "Plan", "Change", value
    );
    for a in &plan.accounts {
        let change = a.recommended_hours - a.current_hours;
        let change = if change.abs() < plan.step / 2.0 {
            String::new()
        } else {
            SignedHours(change).to_string()
        };
        let _ = writeln!(
            out,
            "{:<width$} {:<9} {:>7} {:>7} {:>7} {:>14}",
            cut(&a.account, width),
            a.category.label(),
            Hours(a.current_hours).to_string(),
            Hours(a.recommended_hours).to_string(),
            change,
            money(a.expected_gross_profit)
        );
    }
    let now: f64 = plan.accounts.iter().map(|a| a.current_hours).sum();
    let then: f64 = plan.accounts.iter().map(|a| a.recommended_hours).sum();
    let _ = writeln!(
        out,
        "{:<width$} {:<9} {:>7} {:>7} {:>7} {:>14}",
        "Total",
        "",
        Hours(now).to_string(),
        Hours(then).to_string(),
        "",
        money(plan.expected_gross_profit)
    );
    let _ = writeln!(out, "\n{}", plan.headline());

    if plan.moves.is_empty() {
        let _ = writeln!(out, "\nNo hours move: the plan is the week you have.");
    } else {
        let _ = writeln!(out, "\nMoves, largest first ({}):", plan.moves.len());
        for m in &plan.moves {
            let _ = writeln!(out, "  {m}");
        }
    }
    if !plan.unplanned.is_empty() {
        let _ = writeln!(out, "\nNot planned ({}):", plan.unplanned.len());
        for (account, why) in &plan.unplanned {
            let _ = writeln!(out, "  {account}: {why}");
        }
    }
    write_warnings(&mut out, review);
    out
}

/// A name cut to `width` characters, with an ellipsis when cut.
fn cut(name: &str, width: usize) -> String {
    if name.chars().count() <= width {
        return name.to_string();
    }
    let mut short: String = name.chars().take(width.saturating_sub(1)).collect();
    short.push('…');
    short
}
