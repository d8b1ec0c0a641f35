//! `account-lens`: the Account Lens engine on the command line.
//!
//! ```text
//! account-lens analyze INPUT [-o OUT.xlsx] [--sheet NAME] [--map FIELD=HEADER]... [--json]
//! ```
//! Exit codes: 0 success, 1 bad input (one `error: …` line on stderr, no output file),
//! 2 bad usage.

mod args;
mod contract;
mod table;

use std::path::Path;
use std::process::ExitCode;

use account_lens_engine::{analyze_with, Settings};
use account_lens_workbook::{export, import};

use crate::args::{Analyze, Command, USAGE};

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
        Ok(Command::Analyze(job)) => {
            // The contract is one `error:` line: a panic deep in a reader (already turned into
            // a refusal where it is known to happen) must not print a backtrace instead.
            std::panic::set_hook(Box::new(|_| {}));
            let outcome = std::panic::catch_unwind(|| run_analyze(&job))
                .unwrap_or_else(|_| Err("Account Lens stopped on this file (an internal error). Please report it with the file if you can share it.".into()));
            match outcome {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
            }
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_analyze(job: &Analyze) -> Result<(), String> {
    let bytes = std::fs::read(&job.input)
        .map_err(|e| format!("cannot read {}: {}", job.input.display(), io_reason(&e)))?;
    let file_name = job
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let imported = import(&bytes, &file_name, &job.options).map_err(|e| e.user_message())?;
    let settings = imported.settings.clone().unwrap_or_else(Settings::default);
    // The user's category calls and notes of an earlier export win, as on the page.
    let review = analyze_with(&imported.dataset, &settings, &imported.overrides);

    if let Some(out) = &job.output {
        let xlsx = export(&imported, &review, &settings).map_err(|e| e.user_message())?;
        write_atomically(out, &xlsx)?;
    }
    if job.json {
        let doc = contract::AnalyzeJson::new(&file_name, &imported, &review);
        let text = serde_json::to_string_pretty(&doc)
            .map_err(|e| format!("cannot write the JSON: {e}"))?;
        println!("{text}");
    } else if job.output.is_none() {
        print!("{}", table::render(&file_name, &imported, &review));
    } else if let Some(out) = &job.output {
        eprintln!(
            "wrote {} ({} accounts)",
            out.display(),
            review.accounts.len()
        );
    }
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
