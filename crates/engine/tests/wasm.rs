//! The engine in a browser: the same rules, compiled to wasm32 and run in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown -p account-lens-engine --test wasm`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::{analyze, format, Account, Category, Dataset, Flag, Settings, Tier};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn account(name: &str, prior: f64, current: f64, potential: Option<f64>, hours: f64) -> Account {
    Account {
        name: name.into(),
        prior_sales: Some(prior),
        current_sales: Some(current),
        potential,
        margin: Some(0.30),
        hours: Some(hours),
        ..Account::default()
    }
}

fn territory() -> Dataset {
    Dataset {
        accounts: vec![
            // Falling 20 %: at risk, deteriorating by the fall.
            account("Northwind", 300_000.0, 240_000.0, Some(300_000.0), 5.0),
            // Upside 250,000 on 450,000: grow.
            account("Summit", 410_000.0, 450_000.0, Some(700_000.0), 2.0),
            // Flat, near its potential: maintain.
            account("Harbor", 380_000.0, 390_000.0, Some(420_000.0), 6.0),
            // Flagged at risk but not falling: 25 % of its sales.
            Account {
                at_risk: true,
                ..account("Blue Ridge", 150_000.0, 155_000.0, Some(160_000.0), 2.0)
            },
            // Small, many hours: a time sink.
            account("Corner Bistro", 12_000.0, 11_500.0, Some(12_000.0), 8.0),
        ],
        ..Dataset::default()
    }
}

#[wasm_bindgen_test]
fn categories_and_deterioration_match_the_rules() {
    let review = analyze(&territory(), &Settings::default());
    let get = |name: &str| review.accounts.iter().find(|a| a.account == name).unwrap();

    assert_eq!(get("Northwind").category, Category::AtRisk);
    assert_eq!(get("Northwind").deterioration, Some(60_000.0));
    assert_eq!(get("Summit").category, Category::Grow);
    assert_eq!(get("Summit").upside, Some(250_000.0));
    assert_eq!(get("Harbor").category, Category::Maintain);
    assert_eq!(get("Blue Ridge").category, Category::AtRisk);
    assert_eq!(get("Blue Ridge").deterioration, Some(38_750.0));
    assert!(get("Corner Bistro").flags.contains(&Flag::TimeSink));
    assert_eq!(get("Summit").tier, Tier::A);

    assert_eq!(review.summary.at_risk.accounts, 2);
    assert_eq!(review.summary.total.deterioration, 60_000.0 + 38_750.0);
    let time: f64 = Category::ALL
        .iter()
        .map(|&c| review.summary.category(c).time_share)
        .sum();
    assert!((time - 1.0).abs() < 1e-9, "time shares add up to {time}");
}

#[wasm_bindgen_test]
fn formatting_is_the_same_in_the_browser() {
    assert_eq!(format::money(1_234_567.8), "1,234,568");
    assert_eq!(format::percent(0.026), "2.6%");
    assert_eq!(format::hours(2.25), "2.2");
}
