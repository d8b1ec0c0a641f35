//! Any bytes, as any file name: import and analysis give a result or an error, never a panic.
//! Run with `cargo +nightly fuzz run import fuzz/seeds` (seeds: scripts/fuzz.sh copies the
//! committed fixtures there).
#![no_main]

use account_lens_engine::{analyze, Settings};
use account_lens_workbook::{import, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = import(data, "fuzz.xlsx", &ImportOptions::default()) {
        let review = analyze(&imported.dataset, &Settings::default());
        assert_eq!(review.accounts.len(), imported.dataset.accounts.len());
    }
});
