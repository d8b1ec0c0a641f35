//! The time plan's budget: 2,000 accounts, 40 h a week in quarter hours, planned in ≤ 50 ms in
//! the browser (so ≤ ~15 ms natively). Mixed categories, hours and margins; a share of the
//! accounts with S-shaped estimates of their own, which the optimiser plans by dynamic
//! programming. Prints the fastest of 20 runs.
//!
//! `cargo bench -p account-lens-engine --bench plan`

use std::hint::black_box;
use std::time::{Duration, Instant};

use account_lens_engine::{analyze, plan, Account, Dataset, Estimates, PlanSettings, Settings};

const ACCOUNTS: usize = 2_000;
const RUNS: usize = 20;

/// A small deterministic generator (xorshift), so every run plans the same book.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn book(rng: &mut Rng) -> Dataset {
    let accounts = (0..ACCOUNTS)
        .map(|i| {
            let prior = 5_000.0 + 400_000.0 * rng.next().powi(3);
            // Growth from −30 % to +40 %: all three categories.
            let current = prior * (0.7 + 0.7 * rng.next());
            Account {
                name: format!("Account {i:04}"),
                prior_sales: Some(prior),
                current_sales: Some(current),
                potential: (rng.next() < 0.5).then(|| current * (1.0 + 0.6 * rng.next())),
                margin: (rng.next() < 0.95).then(|| 0.15 + 0.3 * rng.next()),
                // A quarter of the book gets time today (the 40 h spread over it); the rest
                // have no hours and are anchored on the median account's.
                hours: (rng.next() < 0.25).then(|| 0.02 + 0.3 * rng.next() * rng.next()),
                at_risk: rng.next() < 0.05,
                ..Account::default()
            }
        })
        .collect();
    Dataset {
        accounts,
        ..Dataset::default()
    }
}

/// Per-account S-shaped estimates for a share of the book.
fn settings(dataset: &Dataset, s_shaped: f64, rng: &mut Rng) -> PlanSettings {
    let shapes = [
        Estimates {
            none: 0.6,
            half: 0.85,
            more: 1.15,
            saturation: 1.5,
        },
        Estimates {
            none: 0.3,
            half: 0.45,
            more: 1.5,
            saturation: 2.0,
        },
        Estimates {
            none: 0.5,
            half: 0.8,
            more: 1.1,
            saturation: 1.25,
        },
    ];
    let estimates = dataset
        .accounts
        .iter()
        .filter(|_| rng.next() < s_shaped)
        .enumerate()
        .map(|(i, a)| (a.name.clone(), shapes[i % shapes.len()]))
        .collect();
    PlanSettings {
        capacity: 40.0,
        step: 0.25,
        estimates,
        ..PlanSettings::default()
    }
}

fn main() {
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let dataset = book(&mut rng);
    let review = analyze(&dataset, &Settings::default());
    for share in [0.1, 0.33] {
        let settings = settings(&dataset, share, &mut rng);
        let mut best = Duration::MAX;
        let mut last = None;
        for _ in 0..RUNS {
            let start = Instant::now();
            let week = plan(black_box(&review), black_box(&settings));
            best = best.min(start.elapsed());
            last = Some(week);
        }
        let Some(week) = last else { return };
        let given: f64 = week.accounts.iter().map(|a| a.recommended_hours).sum();
        println!(
            "plan: {} accounts ({} S-shaped by their own estimates), {} h in {} h steps: fastest of {RUNS} {:.2} ms; {} h given, {} moves, {}",
            week.accounts.len(),
            settings.estimates.len(),
            week.capacity,
            week.step,
            best.as_secs_f64() * 1e3,
            given,
            week.moves.len(),
            week.headline()
        );
    }
}
