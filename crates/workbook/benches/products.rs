//! The products budget: 1,000,000 order lines over 5,000 products → products, rules and
//! suggestions in ≤ 2 s natively (the engine step, after import). Also times the import of the
//! same lines as an xlsx order export (reading, finding the table, summing per account and per
//! account × product), with the product column and without it (`--map product=`), and all of it
//! for 100,000 lines. Five columns of a million lines are 5,000,005 cells, over the import's
//! 5-million-cell limit, so the largest export imported has 999,999 lines; the engine step is
//! timed on the table of the full million as well.
//!
//! The order lines are generated: 5,000 accounts in 20 segments, each segment buying mostly
//! from a few of 50 product families; product popularity falls off as 1/rank (a few products
//! bought by nearly everyone, a long tail bought by a handful); account sizes vary a
//! hundredfold; margins 10–55 % per product; dates from 2025-01-01 to 2026-09-30.
//!
//! `cargo bench -p account-lens-workbook --bench products` (add `-- quick` for 100,000 lines
//! only, `-- engine` to skip the xlsx import, `-- accounts=20000` for a larger book).
//!
//! For the browser benchmark (bench/browser.mjs), which imports the same file in the page:
//! `-- write=PATH` writes the 999,999-line order export to PATH; `-- file=PATH` imports PATH and
//! times the engine step on its table, printing one JSON line
//! `{"lines":…,"import_ms":…,"engine_ms":…,"products":…,"suggestions":…}` (best of 3 each).

use std::time::{Duration, Instant};

use account_lens_engine::{products, ProductCell, ProductSettings, ProductTable};
use account_lens_workbook::{import, ImportOptions};
use rust_xlsxwriter::{Format, Workbook};

/// A small deterministic generator (xorshift), so every run reads the same book.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.next() * n as f64) as usize).min(n - 1)
    }
}

const PRODUCTS: usize = 5_000;
const FAMILIES: usize = 50;
const SEGMENTS: usize = 20;

/// One order line.
struct Line {
    day: u32,
    account: u32,
    product: u32,
    net: f64,
    cost: f64,
}

/// Index into a cumulative weight table.
fn pick(cumulative: &[f64], rng: &mut Rng) -> usize {
    let total = cumulative.last().copied().unwrap_or(0.0);
    let x = rng.next() * total;
    cumulative
        .partition_point(|&c| c <= x)
        .min(cumulative.len() - 1)
}

fn cumulative(weights: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut sum = 0.0;
    weights
        .map(|w| {
            sum += w;
            sum
        })
        .collect()
}

fn order_lines(lines: usize, accounts: usize) -> Vec<Line> {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    // Popularity 1/rank over a shuffled order, so popular products sit in every family.
    let mut rank: Vec<usize> = (0..PRODUCTS).collect();
    for i in (1..PRODUCTS).rev() {
        rank.swap(i, rng.below(i + 1));
    }
    let popularity: Vec<f64> = rank.iter().map(|&r| 1.0 / (r as f64 + 1.0)).collect();
    let all_products = cumulative(popularity.iter().copied());
    let family_of = |p: usize| p % FAMILIES;
    let per_family: Vec<Vec<usize>> = (0..FAMILIES)
        .map(|f| (0..PRODUCTS).filter(|&p| family_of(p) == f).collect())
        .collect();
    let family_weights: Vec<Vec<f64>> = per_family
        .iter()
        .map(|ps| cumulative(ps.iter().map(|&p| popularity[p])))
        .collect();
    let segment_families: Vec<Vec<usize>> = (0..SEGMENTS)
        .map(|_| (0..4).map(|_| rng.below(FAMILIES)).collect())
        .collect();
    let margin: Vec<f64> = (0..PRODUCTS).map(|_| 0.10 + 0.45 * rng.next()).collect();
    let price: Vec<f64> = (0..PRODUCTS)
        .map(|_| (5.0 + 500.0 * rng.next() * rng.next()).round())
        .collect();
    // Account sizes: a hundredfold spread.
    let size = cumulative((0..accounts).map(|_| (rng.next() * 4.6).exp()));
    let segment: Vec<usize> = (0..accounts).map(|_| rng.below(SEGMENTS)).collect();
    (0..lines)
        .map(|i| {
            let account = pick(&size, &mut rng);
            let product = if rng.next() < 0.6 {
                let families = &segment_families[segment[account]];
                let f = families[rng.below(families.len())];
                per_family[f][pick(&family_weights[f], &mut rng)]
            } else {
                pick(&all_products, &mut rng)
            };
            let net = (price[product] * (1.0 + (rng.next() * 20.0).floor())).round();
            Line {
                day: (i as f64 / lines as f64 * 637.0) as u32,
                account: account as u32,
                product: product as u32,
                net,
                cost: (net * (1.0 - margin[product]) * 100.0).round() / 100.0,
            }
        })
        .collect()
}

/// The account × product table as the import sums it: 2026 is the current year (to day 272,
/// so projected × 365/273), 2025 the prior.
fn table_of(lines: &[Line], accounts: usize) -> ProductTable {
    let mut cells: std::collections::HashMap<(u32, u32), ProductCell> = Default::default();
    for l in lines {
        let c = cells.entry((l.account, l.product)).or_insert(ProductCell {
            account: l.account,
            product: l.product,
            sales: 0.0,
            gross_profit: Some(0.0),
            prior_sales: Some(0.0),
        });
        if l.day >= 365 {
            c.sales += l.net;
            c.gross_profit = c.gross_profit.map(|g| g + l.net - l.cost);
        } else {
            c.prior_sales = c.prior_sales.map(|p| p + l.net);
        }
    }
    let mut cells: Vec<ProductCell> = cells.into_values().collect();
    cells.sort_by_key(|c| (c.account, c.product));
    ProductTable {
        accounts: (0..accounts).map(|a| format!("Customer {a}")).collect(),
        products: (0..PRODUCTS).map(|p| format!("Product {p}")).collect(),
        cells,
        periods: Some(account_lens_engine::Periods {
            current: "2026".into(),
            prior: "2025".into(),
            factor: 365.0 / 273.0,
        }),
    }
}

fn order_export(lines: &[Line]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let _ = ws.set_name("Orders");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["Invoice Date", "Customer", "Product", "Net Value", "Cost"]
        .iter()
        .enumerate()
    {
        let _ = ws.write_string(0, c as u16, *h);
    }
    let start = 45658.0; // 2025-01-01
    for (i, l) in lines.iter().enumerate() {
        let row = i as u32 + 1;
        let _ = ws.write_number_with_format(row, 0, start + f64::from(l.day), &date);
        let _ = ws.write_string(row, 1, format!("Customer {}", l.account));
        let _ = ws.write_string(row, 2, format!("Product {}", l.product));
        let _ = ws.write_number(row, 3, l.net);
        let _ = ws.write_number(row, 4, l.cost);
    }
    wb.save_to_buffer().unwrap_or_default()
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    match last {
        Some(out) => (best, out),
        None => unreachable!("runs > 0"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// `write=PATH`: the 999,999-line order export, for the browser to import.
fn write_export(path: &str) {
    let bytes = order_export(&order_lines(999_999, 5_000));
    if let Err(e) = std::fs::write(path, bytes) {
        eprintln!("could not write {path}: {e}");
        std::process::exit(1);
    }
}

/// `file=PATH`: the import and the engine step on a file, as one JSON line.
fn time_file(path: &str) {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("could not read {path}: {e}");
            std::process::exit(1);
        }
    };
    let (import_time, imported) = best_of(3, || import(&bytes, path, &ImportOptions::default()));
    let Some(found) = imported.ok().and_then(|i| i.products) else {
        eprintln!("{path}: no products found");
        std::process::exit(1);
    };
    let (engine, review) = best_of(3, || products(&found.table, &ProductSettings::default()));
    println!(
        "{{\"lines\":{},\"import_ms\":{:.1},\"engine_ms\":{:.1},\"products\":{},\"suggestions\":{}}}",
        found.source.rows_read,
        ms(import_time),
        ms(engine),
        review.products.len(),
        review.suggestions.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args.iter().find_map(|a| a.strip_prefix("write=")) {
        return write_export(path);
    }
    if let Some(path) = args.iter().find_map(|a| a.strip_prefix("file=")) {
        return time_file(path);
    }
    let quick = args.iter().any(|a| a == "quick");
    let engine_only = args.iter().any(|a| a == "engine");
    let accounts = args
        .iter()
        .find_map(|a| a.strip_prefix("accounts=")?.parse().ok())
        .unwrap_or(5_000usize);
    let settings = ProductSettings::default();
    println!("| order lines | accounts | products | account × product cells | import with products | import without | products, rules, suggestions | rules | suggestions |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let without = ImportOptions {
        overrides: vec![(account_lens_workbook::Field::Product, String::new())],
        ..ImportOptions::default()
    };
    for n in [100_000usize, 999_999, 1_000_000] {
        if quick && n > 100_000 || engine_only && n == 999_999 {
            continue;
        }
        let lines = order_lines(n, accounts);
        let runs = if n > 100_000 { 3 } else { 5 };
        let mut times = (None, None);
        // A million lines of five columns cannot be imported (the cell limit): the table is
        // summed here as the import sums it.
        let table = if engine_only || n == 1_000_000 {
            table_of(&lines, accounts)
        } else {
            let bytes = order_export(&lines);
            let (with, imported) = best_of(runs, || {
                import(&bytes, "orders.xlsx", &ImportOptions::default())
            });
            let (plain, _) = best_of(runs, || import(&bytes, "orders.xlsx", &without));
            times = (Some(with), Some(plain));
            let imported = match imported {
                Ok(i) => i,
                Err(e) => {
                    println!("| {n} | import failed: {} |", e.user_message());
                    continue;
                }
            };
            let Some(found) = imported.products else {
                println!("| {n} | no products found |");
                continue;
            };
            found.table
        };
        let (engine, review) = best_of(runs, || products(&table, &settings));
        let shown = |t: Option<Duration>| t.map_or("–".into(), |t| format!("{:.0} ms", ms(t)));
        println!(
            "| {n} | {} | {} | {} | {} | {} | {:.0} ms | {} | {} |",
            review.book.accounts,
            review.book.products,
            table.cells.len(),
            shown(times.0),
            shown(times.1),
            ms(engine),
            review.rules.len(),
            review.suggestions.len(),
        );
    }
}
