//! The readable summary printed when neither `-o` nor `--json` is given.

use std::fmt::Write;

use account_lens_engine::format::{hours, money, percent};
use account_lens_engine::{Category, Level, Review};
use account_lens_workbook::Imported;

pub fn render(file: &str, imported: &Imported, review: &Review) -> String {
    let mut out = String::new();
    write_source(&mut out, file, imported, review);
    let _ = writeln!(
        out,
        "{:<10} {:>8} {:>14} {:>14} {:>8} {:>8} {:>8} {:>14} {:>14}",
        "Category",
        "Accounts",
        "Sales",
        "Gross profit",
        "Hours",
        "Time",
        "Value",
        "Upside",
        "Deterioration"
    );
    let t = &review.summary;
    for (label, c) in Category::ALL
        .iter()
        .map(|c| (c.label(), t.category(*c)))
        .chain([("Total", &t.total)])
    {
        let _ = writeln!(
            out,
            "{:<10} {:>8} {:>14} {:>14} {:>8} {:>8} {:>8} {:>14} {:>14}",
            label,
            c.accounts,
            money(c.sales),
            money(c.gross_profit),
            hours(c.hours),
            if t.total.hours > 0.0 {
                percent(c.time_share)
            } else {
                "–".into()
            },
            percent(c.value_share),
            money(c.upside),
            money(c.deterioration)
        );
    }
    let _ = writeln!(
        out,
        "\nValue share measures {}.",
        review.value_basis.label()
    );
    for category in Category::ALL {
        let accounts: Vec<_> = review
            .accounts
            .iter()
            .filter(|a| a.category == category)
            .collect();
        if accounts.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", category.label(), accounts.len());
        for a in accounts {
            let flags: Vec<&str> = a.flags.iter().map(|f| f.label()).collect();
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", flags.join(", "))
            };
            let _ = writeln!(
                out,
                "  {} ({}){flags}: {}",
                a.account,
                a.tier.label(),
                a.reason
            );
        }
    }
    write_warnings(&mut out, review);
    out
}

/// Where the accounts were read from, and the projection used; then a blank line.
pub fn write_source(out: &mut String, file: &str, imported: &Imported, review: &Review) {
    let s = &imported.source;
    let _ = writeln!(
        out,
        "{file}: sheet \"{}\", header in row {}, {} accounts ({} rows read, {} left out)",
        s.sheet,
        s.header_row,
        review.accounts.len(),
        s.rows_read,
        s.rows_skipped
    );
    if let Some(p) = &imported.dataset.projection {
        let _ = writeln!(out, "{}", p.rule);
    }
    let _ = writeln!(out);
}

/// The first warnings of the reading, if any.
pub fn write_warnings(out: &mut String, review: &Review) {
    let warnings = review
        .diagnostics
        .iter()
        .filter(|d| d.level >= Level::Warning)
        .count();
    if warnings > 0 {
        let _ = writeln!(
            out,
            "\n{warnings} warning(s) while reading; run with --json to see them all:"
        );
        for d in review
            .diagnostics
            .iter()
            .filter(|d| d.level >= Level::Warning)
            .take(10)
        {
            let place = match (&d.sheet, d.row, &d.column) {
                (Some(s), Some(r), Some(c)) => format!("{s}!{c}{r}: "),
                (Some(s), Some(r), None) => format!("{s} row {r}: "),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {place}{}", d.message);
        }
    }
}
