//! The readable report of `review` without `--json`: what moved between two weeks.

use std::fmt::Write;

use account_lens_engine::format::{hours, money};
use account_lens_engine::{Category, Comparison, Presence, Shift};

use crate::contract::ReviewSide;

/// How many of the largest changes in sales are listed.
const LARGEST: usize = 10;

pub fn render(older: &ReviewSide, newer: &ReviewSide, c: &Comparison) -> String {
    let mut out = String::new();
    let side = |s: &ReviewSide| {
        format!(
            "{} ({}, sheet \"{}\", {} accounts)",
            s.file,
            s.snapshot.week_label(),
            s.imported.source.sheet,
            s.snapshot.accounts.len()
        )
    };
    let _ = writeln!(out, "Then: {}", side(older));
    let _ = writeln!(out, "Now:  {}", side(newer));
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "Category moves (accounts in both weeks; rows: then, columns: now)"
    );
    let _ = write!(out, "{:<10}", "");
    for to in Category::ALL {
        let _ = write!(out, " {:>9}", to.label());
    }
    let _ = writeln!(out);
    for from in Category::ALL {
        let _ = write!(out, "{:<10}", from.label());
        for to in Category::ALL {
            let _ = write!(out, " {:>9}", c.cell(from, to).len());
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out);
    if c.migrations.is_empty() {
        let _ = writeln!(out, "No account changed category.");
    } else {
        let _ = writeln!(out, "Changed category:");
        for m in &c.migrations {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                m.account,
                m.from.label(),
                m.to.label()
            );
        }
    }
    let list = |names: &[String]| {
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    };
    let _ = writeln!(out, "Newly at risk: {}", list(&c.newly_at_risk));
    let _ = writeln!(out, "Recovered: {}", list(&c.recovered));
    let _ = writeln!(out, "New this week: {}", list(&c.added));
    let _ = writeln!(out, "Gone this week: {}", list(&c.removed));
    let _ = writeln!(out);

    let largest = c.largest_changes();
    if largest.is_empty() {
        let _ = writeln!(out, "No account's projected sales changed.");
    } else {
        let _ = writeln!(out, "Largest changes in projected sales:");
        for ch in largest.iter().take(LARGEST) {
            let presence = match ch.presence {
                Presence::Both => String::new(),
                p => format!(" ({})", p.label()),
            };
            let hours_part = ch
                .hours_change
                .map(|h| format!(", hours {}", signed_hours(h)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}{}: {}{}",
                ch.account,
                presence,
                signed_money(ch.projected_sales_change.unwrap_or(0.0)),
                hours_part
            );
        }
        if largest.len() > LARGEST {
            let _ = writeln!(out, "  … and {} more", largest.len() - LARGEST);
        }
    }
    let _ = writeln!(out);
    let money_line = |label: &str, s: &Shift| {
        format!(
            "{label}: {} → {} ({})",
            money(s.then),
            money(s.now),
            signed_money(s.change)
        )
    };
    let hours_line = |label: &str, s: &Shift| {
        format!(
            "{label}: {} h → {} h ({} h)",
            hours(s.then),
            hours(s.now),
            signed_hours(s.change)
        )
    };
    let _ = writeln!(out, "{}", money_line("Projected sales", &c.projected_sales));
    let _ = writeln!(
        out,
        "{}",
        money_line("Estimated deterioration", &c.deterioration)
    );
    let _ = writeln!(out, "{}", money_line("Upside", &c.upside));
    let _ = writeln!(out, "{}", hours_line("Hours", &c.hours));
    let _ = writeln!(
        out,
        "{}",
        hours_line("Hours on time sinks", &c.time_sink_hours)
    );
    out
}

fn signed_money(x: f64) -> String {
    if x.round() > 0.0 {
        format!("+{}", money(x))
    } else {
        money(x)
    }
}

fn signed_hours(h: f64) -> String {
    let text = hours(h);
    if h > 0.0 && text != "0" {
        format!("+{text}")
    } else if text == "-0" {
        "0".into()
    } else {
        text
    }
}
