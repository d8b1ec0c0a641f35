//! Every workbook of the shared fixture corpus (real files made by Excel, LibreOffice and
//! others: 1904 dates, merges, errors, xlsb, xls, ods, encrypted files, XML bombs) gives a
//! result or a clear refusal — never a panic — within a time and memory bound.
//!
//! The corpus lives outside the repository; `ACCOUNT_LENS_FIXTURES` points at it (`.ci/run`
//! sets it to `../shared/fixtures`). Without it this test says so and checks nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use account_lens_engine::{analyze, Settings};
use account_lens_workbook::{import, ImportError, ImportOptions};

#[path = "common/heap.rs"]
mod heap;

#[global_allocator]
static ALLOCATOR: heap::Counting = heap::Counting;

const TIME_BOUND: Duration = Duration::from_secs(20);
const MEMORY_BOUND: usize = 256 << 20;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if path.file_name().is_some_and(|n| n != "MANIFEST.txt") {
            out.push(path);
        }
    }
}

/// The number of accounts, or the refusal.
type Outcome = Result<usize, ImportError>;

/// What each kind of file must give.
fn expectation(name: &str) -> Option<fn(&Outcome) -> bool> {
    let encrypted: fn(&Outcome) -> bool = |r| matches!(r, Err(ImportError::Encrypted));
    Some(match name {
        "pass_protected.xlsx"
        | "issue_385.xls"
        | "protected_passtika.xlsx"
        | "password_2002_40_xor.xls"
        | "xor-encryption-abc.xls" => encrypted,
        "too_small.xls" => |r| {
            matches!(
                r,
                Err(ImportError::NotASpreadsheet(_)
                    | ImportError::Damaged(_)
                    | ImportError::NoAccountColumn { .. })
            )
        },
        "empty-zip_invalid.xlsx" => |r| matches!(r, Err(ImportError::NotASpreadsheet(_))),
        "xlsx-corrupted.xlsx" => |r| matches!(r, Err(ImportError::Damaged(_))),
        "issue_594_dos.ods" => |r| {
            matches!(
                r,
                Err(ImportError::TooManyCells { .. } | ImportError::Damaged(_))
            )
        },
        "simple-monthly-budget.xlsx" | "AverageTaxRates.xlsx" => |r| {
            matches!(r, Ok(n) if *n > 0) || matches!(r, Err(ImportError::NoAccountColumn { .. }))
        },
        _ => return None,
    })
}

#[test]
fn every_shared_fixture_gives_a_result_or_a_clear_refusal() {
    let Some(dir) = std::env::var_os("ACCOUNT_LENS_FIXTURES") else {
        println!("NOT TESTED: ACCOUNT_LENS_FIXTURES is not set, so the shared fixture corpus was not read. .ci/run sets it to ../shared/fixtures.");
        return;
    };
    let mut all = Vec::new();
    files(Path::new(&dir), &mut all);
    assert!(
        all.len() >= 20,
        "the corpus at {dir:?} has only {} files",
        all.len()
    );
    let mut report = Vec::new();
    for path in &all {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let base = heap::start();
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| {
            import(&bytes, &name, &ImportOptions::default()).map(|imported| {
                analyze(&imported.dataset, &Settings::default())
                    .accounts
                    .len()
            })
        });
        let elapsed = start.elapsed();
        let peak = heap::peak_since(base);
        let result = result.unwrap_or_else(|_| panic!("{name}: the importer panicked"));
        assert!(elapsed < TIME_BOUND, "{name}: took {elapsed:?}");
        assert!(peak < MEMORY_BOUND, "{name}: peak {} MiB", peak >> 20);
        if let Err(e) = &result {
            let message = e.user_message();
            assert!(
                message.len() > 30 && !message.contains("Error(") && !message.contains("{"),
                "{name}: unclear message {message:?}"
            );
        }
        if let Some(ok) = expectation(&name) {
            assert!(ok(&result), "{name}: unexpected {result:?}");
        }
        let outcome = match &result {
            Ok(n) => format!("{n} accounts"),
            Err(e) => format!("refused: {}", e.user_message()),
        };
        report.push(format!(
            "{name:<36} {:>6} ms {:>6} KiB  {outcome}",
            elapsed.as_millis(),
            peak >> 10
        ));
    }
    println!("shared corpus, {} files:\n{}", all.len(), report.join("\n"));
}
