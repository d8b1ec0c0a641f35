//! The importer in a browser: calamine, zip and the rules compiled to wasm32 and run in headless
//! Chromium (`cargo test --target wasm32-unknown-unknown -p account-lens-workbook --test wasm`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::{analyze, Category, Review, Settings};
use account_lens_workbook::{export, import, ImportOptions, Imported};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const BASIC: &[u8] = include_bytes!("../../../tests/fixtures/accounts_basic.xlsx");
const SAMPLE: &[u8] = include_bytes!("../assets/sample_accounts.xlsx");
const TRUNCATED: &[u8] = include_bytes!("../../../tests/fixtures/truncated.xlsx");

fn open(bytes: &[u8], name: &str) -> Imported {
    import(bytes, name, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.user_message()))
}

fn category(review: &Review, name: &str) -> Category {
    review
        .accounts
        .iter()
        .find(|a| a.account == name)
        .unwrap_or_else(|| panic!("no account {name}"))
        .category
}

#[wasm_bindgen_test]
fn basic_workbook_imports_eleven_accounts_with_northwind_at_risk() {
    let imported = open(BASIC, "accounts_basic.xlsx");
    assert_eq!(imported.source.sheet, "Accounts");
    assert_eq!(imported.dataset.accounts.len(), 11);
    let review = analyze(&imported.dataset, &Settings::default());
    assert_eq!(category(&review, "Northwind Traders"), Category::AtRisk);
    assert_eq!(category(&review, "Summit Clinics"), Category::Grow);
    assert_eq!(category(&review, "Harbor Foods"), Category::Maintain);
}

#[wasm_bindgen_test]
fn sample_workbook_of_the_page_imports_forty_accounts() {
    let imported = open(SAMPLE, "sample_accounts.xlsx");
    assert_eq!(imported.dataset.accounts.len(), 40);
    let review = analyze(&imported.dataset, &Settings::default());
    for c in Category::ALL {
        assert!(
            review.summary.category(c).accounts > 0,
            "no {} account",
            c.label()
        );
    }
}

#[wasm_bindgen_test]
fn a_truncated_file_is_refused_with_a_message_not_a_panic() {
    let error = import(TRUNCATED, "truncated.xlsx", &ImportOptions::default()).unwrap_err();
    assert!(!error.user_message().is_empty());
}

#[wasm_bindgen_test]
fn the_annotated_export_reads_back_with_the_same_categories() {
    let imported = open(BASIC, "accounts_basic.xlsx");
    let settings = Settings::default();
    let review = analyze(&imported.dataset, &settings);
    // rust_xlsxwriter without its `wasm` feature panics here ("time not implemented").
    let bytes =
        export(&imported, &review, &settings).unwrap_or_else(|e| panic!("{}", e.user_message()));
    assert!(bytes.starts_with(b"PK"));

    let again = open(&bytes, "accounts_basic-annotated.xlsx");
    assert_eq!(again.settings.as_ref(), Some(&settings));
    assert_eq!(again.dataset.accounts.len(), 11);
    let review_again = analyze(&again.dataset, &settings);
    let categories = |r: &Review| -> Vec<(String, Category)> {
        r.accounts
            .iter()
            .map(|a| (a.account.clone(), a.category))
            .collect()
    };
    assert_eq!(categories(&review_again), categories(&review));
    assert_eq!(
        category(&review_again, "Northwind Traders"),
        Category::AtRisk
    );
}
