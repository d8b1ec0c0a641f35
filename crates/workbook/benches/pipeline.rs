//! The pipeline's speed and memory against bare calamine and bare rust_xlsxwriter on the same
//! generated workbooks: account sheets of 1k, 10k and 100k rows, order exports of 100k and 1M
//! lines. Ratios in one run are what count (the machines are noisy); best of a few runs each.
//!
//! `cargo bench -p account-lens-workbook --bench pipeline` (add `-- quick` to skip 1M lines).

use std::io::Cursor;
use std::time::{Duration, Instant};

use account_lens_engine::{analyze, Settings};
use account_lens_workbook::{export, import, ImportOptions};
use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

#[path = "../tests/common/heap.rs"]
mod heap;

#[global_allocator]
static ALLOCATOR: heap::Counting = heap::Counting;

/// Runs `f` `runs` times; the fastest time and the largest heap peak above the start.
fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, usize, T) {
    let mut best = Duration::MAX;
    let mut peak = 0;
    let mut last = None;
    for _ in 0..runs {
        let base = heap::start();
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        peak = peak.max(heap::peak_since(base));
        last = Some(out);
    }
    match last {
        Some(out) => (best, peak, out),
        None => unreachable!("runs > 0"),
    }
}

const NAMES: [&str; 8] = [
    "Clinic", "Foods", "Traders", "Bistro", "Dental", "Supply", "Print", "Hotel",
];

fn account_sheet(rows: usize) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let money = Format::new().set_num_format("#,##0");
    let pct = Format::new().set_num_format("0%");
    let _ = ws.set_name("Accounts");
    let headers = [
        "Customer",
        "Segment",
        "Sales 2025",
        "Sales 2026",
        "Potential",
        "GM %",
        "Hours/week",
        "At risk",
    ];
    for (c, h) in headers.iter().enumerate() {
        let _ = ws.write_string(0, c as u16, *h);
    }
    let mut seed = 42u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 10_000) as f64 / 10_000.0
    };
    for r in 0..rows {
        let row = r as u32 + 1;
        let prior = 5_000.0 + 400_000.0 * next() * next();
        let current = prior * (0.7 + 0.6 * next());
        let _ = ws.write_string(
            row,
            0,
            format!("{} {} {r}", NAMES[r % 8], NAMES[(r / 8) % 8]),
        );
        let _ = ws.write_string(row, 1, NAMES[(r / 3) % 8]);
        let _ = ws.write_number_with_format(row, 2, prior.round(), &money);
        let _ = ws.write_number_with_format(row, 3, current.round(), &money);
        let _ = ws.write_number_with_format(row, 4, (current * (1.0 + next())).round(), &money);
        let _ = ws.write_number_with_format(row, 5, 0.1 + 0.3 * next(), &pct);
        let _ = ws.write_number(row, 6, (0.25 * (1.0 + 32.0 * next())).round() / 4.0);
        if r % 17 == 0 {
            let _ = ws.write_string(row, 7, "yes");
        }
    }
    wb.save_to_buffer().unwrap_or_default()
}

fn order_export(lines: usize) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let _ = ws.set_name("Orders");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["Invoice Date", "Customer", "Product", "Net Value"]
        .iter()
        .enumerate()
    {
        let _ = ws.write_string(0, c as u16, *h);
    }
    let start = 45658.0; // 2025-01-01
    for i in 0..lines {
        let row = i as u32 + 1;
        let day = (i as f64 / lines as f64 * 637.0).floor(); // to 2026-09-30
        let _ = ws.write_number_with_format(row, 0, start + day, &date);
        let _ = ws.write_string(row, 1, format!("Customer {}", (i * 7919) % 5_000));
        let _ = ws.write_string(row, 2, format!("Product {}", (i * 104_729) % 5_000));
        let _ = ws.write_number(row, 3, 10.0 + ((i * 31) % 2_000) as f64);
    }
    wb.save_to_buffer().unwrap_or_default()
}

/// calamine alone: open, read the first sheet's range, touch every cell.
fn bare_read(bytes: &[u8]) -> usize {
    let Ok(mut wb) = Xlsx::new(Cursor::new(bytes)) else {
        return 0;
    };
    let Some(Ok(range)) = wb.worksheet_range_at(0) else {
        return 0;
    };
    range
        .used_cells()
        .filter(|(_, _, d)| !matches!(d, Data::Empty))
        .count()
}

type SheetCells = Vec<(u32, u16, Data)>;

/// The cells of every sheet (or only the first), read once so a bare write times only the
/// writing.
fn cells_of(bytes: &[u8], all_sheets: bool) -> Vec<SheetCells> {
    let Ok(mut book) = Xlsx::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let count = if all_sheets {
        book.sheet_names().len()
    } else {
        1
    };
    (0..count)
        .filter_map(|i| book.worksheet_range_at(i)?.ok())
        .map(|range| {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            range
                .used_cells()
                .map(|(r, c, d)| (r0 + r as u32, (c0 as usize + c) as u16, d.clone()))
                .collect()
        })
        .collect()
}

/// rust_xlsxwriter alone: the cells written without formats, numbers as numbers, text as text.
fn bare_write(sheets: &[SheetCells]) -> usize {
    let mut wb = Workbook::new();
    for cells in sheets {
        let ws = wb.add_worksheet();
        for (r, c, d) in cells {
            let (r, c) = (*r, *c);
            let _ = match d {
                Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                Data::DateTime(dt) => ws.write_number(r, c, dt.as_f64()).map(|_| ()),
                _ => Ok(()),
            };
        }
    }
    wb.save_to_buffer().map(|b| b.len()).unwrap_or(0)
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    for rows in [1_000, 10_000, 100_000] {
        cases.push((format!("account sheet, {rows} rows"), account_sheet(rows)));
    }
    for lines in [100_000usize, 1_000_000] {
        if quick && lines > 100_000 {
            continue;
        }
        cases.push((format!("order export, {lines} lines"), order_export(lines)));
    }
    println!("| workbook | size | calamine read | import + analyse | ratio | peak memory | bare write, source cells | bare write, same cells | export | ratio to same cells (to source cells) | peak memory |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (label, bytes) in &cases {
        let runs = if bytes.len() > 10 << 20 { 3 } else { 7 };
        let (bare, _, cells) = measure(runs, || bare_read(bytes));
        let (ours, ours_peak, imported) = measure(runs, || {
            let imported = import(bytes, "bench.xlsx", &ImportOptions::default());
            imported.map(|i| {
                let review = analyze(&i.dataset, &Settings::default());
                (i, review)
            })
        });
        let Ok((imported, review)) = imported else {
            println!("| {label} | import failed |");
            continue;
        };
        assert!(cells > 0 && !review.accounts.is_empty());
        let (exp, exp_peak, out) =
            measure(runs, || export(&imported, &review, &Settings::default()));
        drop(imported);
        let Ok(exported) = out else {
            println!("| {label} | export failed |");
            continue;
        };
        // "The same cells": every cell the export holds (annotations and added sheets included),
        // written bare. The source sheet's cells alone are shown for scale.
        let same_cells = cells_of(&exported, true);
        let (bare_same, _, _) = measure(runs, || bare_write(&same_cells));
        drop(same_cells);
        let source_cells = cells_of(bytes, false);
        let (bare_source, _, _) = measure(runs, || bare_write(&source_cells));
        drop(source_cells);
        println!(
            "| {label} | {} | {:.0} ms | {:.0} ms | {:.2}× | {} | {:.0} ms | {:.0} ms | {:.0} ms | {:.2}× ({:.2}×) | {} |",
            mib(bytes.len()),
            ms(bare),
            ms(ours),
            ms(ours) / ms(bare),
            mib(ours_peak),
            ms(bare_source),
            ms(bare_same),
            ms(exp),
            ms(exp) / ms(bare_same).max(1e-9),
            ms(exp) / ms(bare_source).max(1e-9),
            mib(exp_peak),
        );
    }
}
