//! `account-lens`: the Account Lens engine on the command line.
//!
//! ```text
//! account-lens analyze INPUT [-o OUT.xlsx] [--sheet NAME] [--map FIELD=HEADER]... [--time-log LOG] [--today DATE] [--json]
//! account-lens plan INPUT [--capacity HOURS] [-o OUT.xlsx] [--sheet NAME] [--map FIELD=HEADER]... [--time-log LOG] [--today DATE] [--json]
//! account-lens products INPUT [-o OUT.xlsx] [--sheet NAME] [--map FIELD=HEADER]... [--similar-accounts K] [--min-accounts N] [--suggestions N] [--json]
//! account-lens review OLDER NEWER [--sheet NAME] [--map FIELD=HEADER]... [--json]
//! ```
//! Exit codes: 0 success, 1 bad input (one `error: …` line on stderr, no output file),
//! 2 bad usage.
//!
//! An exported workbook carries the rep's week forward: `plan` takes the capacity, step,
//! default estimates, bounds and the rep's own estimates from its `Time plan` sheet
//! (`--capacity` wins), and the account sheet's estimate columns (`response_none` …) under the
//! rep's own. Time from `--time-log`, and the time an earlier export carried in its
//! `Activities` sheet, count toward the hours with the workbook's own time-log sheet (an entry
//! in both counts once) and go into the `Activities` sheet of `-o`.
//!
//! `products` reads the product figures beside the accounts (order lines with a product
//! column, or a sheet of sales per account and product) and adds `Products` and `Cross-sell`
//! sheets to `-o`; its settings come from an earlier export's `Products` sheet, under the
//! command line's.
//!
//! `review` reads two workbooks (the earlier week first) as `analyze` does, an export's
//! settings and category calls included, takes a snapshot of each (dated by the ISO week of
//! the file's modification time) and prints what moved: the category migrations, accounts
//! newly at risk and recovered, new and gone, and per account the change in projected sales
//! and hours.

mod args;
mod contract;
mod plan_table;
mod products_table;
mod review_table;
mod table;

use std::path::Path;
use std::process::ExitCode;

use account_lens_engine::{
    analyze_with, apply_time_log, compare, plan, products, Date, PlanSettings, ProductSettings,
    Review, Settings, Snapshot, TimeLog,
};
use account_lens_workbook::export::{export_with_products, ProductSheets};
use account_lens_workbook::products_sheet::NO_PRODUCT_DATA;
use account_lens_workbook::{export_with, import, read_time_log, Extras, ImportOptions, Imported};

use crate::args::{Analyze, Command, Plan, Products, USAGE};
use crate::contract::ReviewSide;

fn main() -> ExitCode {
    // The first argument is the program's own name.
    let argv: Vec<String> = std::env::args().collect();
    let argv = argv.get(1..).unwrap_or_default();
    match args::parse(argv) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("account-lens {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Analyze(job)) => guarded(|| run_analyze(&job)),
        Ok(Command::Plan(job)) => guarded(|| run_plan(&job)),
        Ok(Command::Products(job)) => guarded(|| run_products(&job)),
        Ok(Command::Review(job)) => guarded(|| run_review(&job)),
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Why a command stopped.
enum Failure {
    /// The input cannot be used: exit 1.
    Input(String),
    /// Something the command line must say and did not, found once the input was read (no
    /// capacity in the options nor in the workbook): exit 2, with the usage.
    Usage(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Input(message)
    }
}

/// Runs a command under the contract: exit 0, 1 with one `error:` line, or 2 with the usage.
/// A panic deep in a reader (already turned into a refusal where it is known to happen) must
/// not print a backtrace instead.
fn guarded(run: impl FnOnce() -> Result<(), Failure> + std::panic::UnwindSafe) -> ExitCode {
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(run)
        .unwrap_or_else(|_| Err(Failure::Input("Account Lens stopped on this file (an internal error). Please report it with the file if you can share it.".into())));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The input read, imported and reviewed as on the page.
struct Loaded {
    file_name: String,
    imported: Imported,
    settings: Settings,
    review: Review,
    /// Where the hours came from, when a time log replaced the sheet's hours column.
    hours: Option<String>,
    /// Time logged outside the workbook (`--time-log`, and an earlier export's `Activities`
    /// sheet): the export's `Activities` sheet.
    logged: TimeLog,
}

fn read_file(path: &Path) -> Result<(Vec<u8>, String), String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read {}: {}", path.display(), io_reason(&e)))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((bytes, file_name))
}

/// Today in the local calendar as far as the clock tells (UTC: a review date off by one near
/// midnight moves nothing but the week's edge; `--today` sets it exactly).
fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    Date::from_days_since_epoch(i64::try_from(days).unwrap_or(0))
}

/// Logged time in place of the hours column: `--time-log`, else a time-log sheet of the input,
/// with the time an earlier export carried in its `Activities` sheet (an entry in both counts
/// once); the dataset says which it used among its diagnostics. Returns that, and the time
/// logged outside the workbook (the `Activities` sheet's entries and `--time-log`'s).
fn apply_log(job: &Analyze, imported: &mut Imported) -> Result<(Option<String>, TimeLog), String> {
    let from_file = match &job.time_log {
        Some(path) => {
            let (bytes, name) = read_file(path)?;
            let (log, notes) = read_time_log(&bytes, &name, &ImportOptions::default())
                .map_err(|e| format!("the time log {name}: {}", e.user_message()))?;
            imported.dataset.diagnostics.extend(notes);
            Some(log)
        }
        None => None,
    };
    let logged = match &from_file {
        Some(log) => imported.logged.merged(log),
        None => imported.logged.clone(),
    };
    let own = from_file.or_else(|| imported.time_log.as_ref().map(|(_, log)| log.clone()));
    let log = match own {
        Some(log) => log.merged(&logged),
        None if !logged.entries.is_empty() => logged.clone(),
        None => return Ok((None, logged)),
    };
    let today = job.today.unwrap_or_else(today);
    let (dataset, source) = apply_time_log(&imported.dataset, &log, today);
    imported.dataset = dataset;
    Ok((Some(source.describe()), logged))
}

fn load(job: &Analyze) -> Result<Loaded, String> {
    let (bytes, file_name) = read_file(&job.input)?;
    let mut imported = import(&bytes, &file_name, &job.options).map_err(|e| e.user_message())?;
    let (hours, logged) = apply_log(job, &mut imported)?;
    let settings = imported.settings.clone().unwrap_or_else(Settings::default);
    // The user's category calls and notes of an earlier export win, as on the page.
    let review = analyze_with(&imported.dataset, &settings, &imported.overrides);
    Ok(Loaded {
        file_name,
        imported,
        settings,
        review,
        hours,
        logged,
    })
}

fn run_analyze(job: &Analyze) -> Result<(), Failure> {
    let Loaded {
        file_name,
        imported,
        settings,
        review,
        hours,
        logged,
    } = load(job)?;

    if let Some(out) = &job.output {
        // Time logged outside the workbook is carried along, never dropped.
        let extras = Extras {
            plan: None,
            logged: Some(&logged),
            ..Extras::default()
        };
        let xlsx =
            export_with(&imported, &review, &settings, &extras).map_err(|e| e.user_message())?;
        write_atomically(out, &xlsx)?;
    }
    if job.json {
        let doc = contract::AnalyzeJson::new(&file_name, &imported, &review);
        print_json(&doc)?;
    } else if job.output.is_none() {
        print!("{}", table::render(&file_name, &imported, &review));
        if let Some(hours) = &hours {
            println!("{hours}.");
        }
    } else if let Some(out) = &job.output {
        eprintln!(
            "wrote {} ({} accounts)",
            out.display(),
            review.accounts.len()
        );
    }
    Ok(())
}

/// The plan's settings: those of the workbook's Time plan sheet (or the defaults) with
/// `--capacity` over its capacity, and the account sheet's estimates under the rep's own.
/// Also says when the capacity came from the workbook.
fn plan_settings(job: &Plan, imported: &Imported) -> Result<(PlanSettings, bool), Failure> {
    let restored = imported.plan_settings.clone();
    let from_workbook = job.capacity.is_none() && restored.is_some();
    let capacity = job
        .capacity
        .or_else(|| restored.as_ref().map(|s| s.capacity))
        .ok_or_else(|| Failure::Usage(args::NO_CAPACITY.to_string()))?;
    let settings = PlanSettings {
        capacity,
        ..restored.unwrap_or_default()
    };
    Ok((
        settings.with_sheet_estimates(&imported.sheet_estimates),
        from_workbook,
    ))
}

fn run_plan(job: &Plan) -> Result<(), Failure> {
    let Loaded {
        file_name,
        imported,
        settings,
        review,
        hours,
        logged,
    } = load(&job.job)?;
    let (plan_settings, capacity_from_workbook) = self::plan_settings(job, &imported)?;
    let week = plan(&review, &plan_settings);

    if let Some(out) = &job.job.output {
        let extras = Extras {
            plan: Some((&week, &plan_settings)),
            logged: Some(&logged),
            ..Extras::default()
        };
        let xlsx =
            export_with(&imported, &review, &settings, &extras).map_err(|e| e.user_message())?;
        write_atomically(out, &xlsx)?;
    }
    if job.job.json {
        let doc = contract::PlanJson::new(&file_name, &imported, &review, &week);
        print_json(&doc)?;
    } else {
        // The plan is what the rep came for: shown even when the workbook is written too.
        print!(
            "{}",
            plan_table::render(&file_name, &imported, &review, &week)
        );
        if let Some(hours) = &hours {
            println!("{hours}.");
        }
        if capacity_from_workbook {
            println!(
                "The capacity ({} h a week) is the one in the workbook's Time plan sheet; --capacity sets another.",
                account_lens_engine::Hours(plan_settings.capacity)
            );
        }
    }
    if let (Some(out), false) = (&job.job.output, job.job.json) {
        eprintln!(
            "wrote {} ({} accounts, with a Time plan sheet{})",
            out.display(),
            review.accounts.len(),
            if logged.entries.is_empty() {
                ""
            } else {
                " and an Activities sheet"
            }
        );
    }
    Ok(())
}

/// The product analysis's settings: the workbook's (or the defaults) under the command line's.
fn product_settings(job: &Products, imported: &Imported) -> ProductSettings {
    let mut settings = imported.product_settings.clone().unwrap_or_default();
    if let Some(k) = job.similar_accounts {
        settings.similar_accounts = k;
    }
    if let Some(n) = job.min_accounts {
        settings.min_accounts = n;
    }
    if let Some(n) = job.suggestions {
        settings.suggestions_per_account = n;
    }
    settings
}

fn run_products(job: &Products) -> Result<(), Failure> {
    let Loaded {
        file_name,
        imported,
        settings,
        review,
        logged,
        ..
    } = load(&job.job)?;
    let found = imported
        .products
        .as_ref()
        .ok_or_else(|| Failure::Input(NO_PRODUCT_DATA.to_string()))?;
    let product_settings = self::product_settings(job, &imported);
    let product_review = products(&found.table, &product_settings);

    if let Some(out) = &job.job.output {
        let extras = Extras {
            plan: None,
            logged: Some(&logged),
            ..Extras::default()
        };
        let sheets = ProductSheets {
            review: &product_review,
            settings: &product_settings,
        };
        let xlsx = export_with_products(&imported, &review, &settings, &extras, &sheets)
            .map_err(|e| e.user_message())?;
        write_atomically(out, &xlsx)?;
    }
    if job.job.json {
        let doc = contract::ProductsJson::new(
            &file_name,
            &imported,
            found,
            &review,
            &product_review,
            &product_settings,
        );
        print_json(&doc)?;
    } else {
        print!(
            "{}",
            products_table::render(&file_name, found, &review, &product_review)
        );
        if let Some(out) = &job.job.output {
            eprintln!(
                "wrote {} ({} products, {} suggestions, with Products and Cross-sell sheets)",
                out.display(),
                product_review.products.len(),
                product_review.suggestions.len()
            );
        }
    }
    Ok(())
}

/// The ISO week a workbook speaks for: that of its last modification (today's when the file
/// system does not say).
fn week_of(path: &Path) -> (i32, u32) {
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() / 86_400);
    modified
        .and_then(|days| i64::try_from(days).ok())
        .map_or_else(today, Date::from_days_since_epoch)
        .iso_week()
}

/// One workbook of a review read as `analyze` reads it; a failure names the file.
fn load_side(job: &args::Review, path: &Path) -> Result<(Loaded, Snapshot), String> {
    let loaded = load(&job.job(path)).map_err(|e| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if e.starts_with("cannot read") {
            e
        } else {
            format!("{name}: {e}")
        }
    })?;
    let snapshot = Snapshot::of(&loaded.review, week_of(path));
    Ok((loaded, snapshot))
}

fn side<'a>(loaded: &'a Loaded, snapshot: &'a Snapshot) -> ReviewSide<'a> {
    ReviewSide {
        file: &loaded.file_name,
        imported: &loaded.imported,
        snapshot,
    }
}

fn run_review(job: &args::Review) -> Result<(), Failure> {
    let (older, older_week) = load_side(job, &job.older)?;
    let (newer, newer_week) = load_side(job, &job.newer)?;
    let moved = compare(&older_week, &newer_week);
    let (then, now) = (side(&older, &older_week), side(&newer, &newer_week));
    if job.json {
        print_json(&contract::ReviewJson::new(&then, &now, &moved))?;
    } else {
        print!("{}", review_table::render(&then, &now, &moved));
    }
    Ok(())
}

fn print_json(doc: &impl serde::Serialize) -> Result<(), Failure> {
    let text =
        serde_json::to_string_pretty(doc).map_err(|e| format!("cannot write the JSON: {e}"))?;
    println!("{text}");
    Ok(())
}

/// Writes beside the target and renames, so a failure never leaves a partial file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export.xlsx".into());
    let tmp = dir.join(format!(".{name}.partial"));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {}: {}", path.display(), io_reason(&e))
        })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
