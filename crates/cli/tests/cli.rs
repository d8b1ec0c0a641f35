//! The `account-lens analyze` contract, run as a user runs it: exit codes, stderr, the JSON
//! shape (checked against shared/contracts/analyze.schema.json, or the repository's copy of it)
//! and the annotated workbook.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_account-lens"))
        .args(args)
        .output()
        .unwrap()
}

fn analyze_json(name: &str, extra: &[&str]) -> Value {
    let path = fixture(name);
    let mut args = vec!["analyze", path.to_str().unwrap(), "--json"];
    args.extend(extra);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The repository's copy of the contract; where the shared original sits beside the clone,
/// the copy must not have drifted from it.
fn schema() -> Value {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let ours = std::fs::read_to_string(format!("{root}/docs/analyze.schema.json")).unwrap();
    if let Ok(shared) =
        std::fs::read_to_string(format!("{root}/../shared/contracts/analyze.schema.json"))
    {
        assert_eq!(
            ours, shared,
            "docs/analyze.schema.json differs from shared/contracts"
        );
    }
    serde_json::from_str(&ours).unwrap()
}

fn assert_valid(doc: &Value) {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:#?}");
}

fn account<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == name)
        .unwrap()
}

#[test]
fn json_follows_the_contract_and_the_rules() {
    let doc = analyze_json("accounts_basic.xlsx", &[]);
    assert_valid(&doc);
    assert_eq!(doc["source"]["sheet"], "Accounts");
    assert_eq!(doc["source"]["shape"], "accounts");
    assert_eq!(doc["source"]["header_row"], 4);
    assert_eq!(doc["source"]["rows_skipped"], 2);
    assert_eq!(doc["mapping"]["account"], "Customer");
    assert_eq!(doc["mapping"]["prior_sales"], "Sales 2025");
    let columns = doc["columns"].as_array().unwrap();
    let prior = columns
        .iter()
        .find(|c| c["field"] == "prior_sales")
        .unwrap();
    assert_eq!(prior["columns"], serde_json::json!(["C"]));
    assert_eq!(prior["confidence"], 0.9);
    assert_eq!(prior["why"], "the previous year column (2025)");
    let name_column = columns.iter().find(|c| c["field"] == "account").unwrap();
    assert_eq!(name_column["confidence"], 1.0);
    assert_eq!(doc["accounts"].as_array().unwrap().len(), 11);
    let northwind = account(&doc, "Northwind Traders");
    assert_eq!(northwind["category"], "at_risk");
    assert_eq!(northwind["deterioration"], 60000.0);
    assert_eq!(
        northwind["growth"]
            .as_f64()
            .map(|g| (g * 1e6).round() / 1e6),
        Some(-0.2)
    );
    let corner = account(&doc, "Corner Bistro");
    assert_eq!(corner["flags"], serde_json::json!(["time_sink"]));
    assert_eq!(
        account(&doc, "Summit Clinics")["flags"],
        serde_json::json!(["under_served"])
    );
    assert_eq!(account(&doc, "Summit Clinics")["tier"], "A");
    assert_eq!(account(&doc, "Alpine Dental")["potential"], Value::Null);
    assert_eq!(doc["summary"]["at_risk"]["deterioration"], 116750.0);
    let diag = doc["diagnostics"].as_array().unwrap();
    assert!(diag
        .iter()
        .any(|d| d["row"] == 16 && d["sheet"] == "Accounts"));
}

#[test]
fn order_exports_and_text_files_follow_the_contract_too() {
    for name in [
        "orders_export.xlsx",
        "accounts_eu.csv",
        "accounts_utf16.tsv",
        "sales_by_customer_report.xlsx",
        "accounts_basic.ods",
    ] {
        let doc = analyze_json(name, &[]);
        assert_valid(&doc);
    }
    let orders = analyze_json("orders_export.xlsx", &[]);
    assert_eq!(orders["source"]["shape"], "transactions");
    assert_eq!(orders["mapping"]["date"], "Invoice Date");
    assert_eq!(orders["mapping"]["amount"], "Net Value");
}

#[test]
fn map_and_sheet_options_are_honoured() {
    let doc = analyze_json(
        "accounts_basic.xlsx",
        &["--map", "potential=Sales 2026", "--sheet", "Accounts"],
    );
    assert_eq!(doc["mapping"]["potential"], "Sales 2026");
    // With 2026 taken as the potential, 2025 is the only year column left: it becomes the
    // current year and there is no prior year.
    assert_eq!(doc["mapping"]["current_sales"], "Sales 2025");
    assert_eq!(doc["mapping"].get("prior_sales"), None);
    let summit = account(&doc, "Summit Clinics");
    assert_eq!(summit["potential"], 450000.0);
    assert_eq!(summit["current_sales"], 410000.0);
    assert_eq!(summit["upside"], 40000.0);
}

#[test]
fn bad_input_exits_1_with_one_error_line_and_no_output_file() {
    let out_path =
        std::env::temp_dir().join(format!("account-lens-cli-{}.xlsx", std::process::id()));
    let _ = std::fs::remove_file(&out_path);
    for name in [
        "not_a_spreadsheet.xlsx",
        "truncated.xlsx",
        "no_account_column.xlsx",
    ] {
        let input = fixture(name);
        let out = run(&[
            "analyze",
            input.to_str().unwrap(),
            "-o",
            out_path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("error: ") && stderr.trim_end().lines().count() == 1,
            "{name}: {stderr}"
        );
        assert!(!out_path.exists(), "{name}: a partial output file was left");
        assert!(out.stdout.is_empty());
    }
    let missing = run(&["analyze", "/nonexistent/book.xlsx"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["analyze"][..],
        &["analyze", "a.xlsx", "--map", "colour=Red"],
        &["frobnicate"],
        &["analyze", "a", "--sheet"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
    }
    assert!(run(&["--help"]).status.success());
}

#[test]
fn without_json_or_output_a_readable_summary_is_printed() {
    let input = fixture("accounts_basic.xlsx");
    let out = run(&["analyze", input.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("header in row 4, 11 accounts"), "{text}");
    assert!(text.contains("At risk (4)"), "{text}");
    assert!(text.contains("Northwind Traders (A): Sales down 20% (300,000 → 240,000): estimated deterioration 60,000"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("Total") && l.contains("1,764,500")),
        "{text}"
    );
}

#[test]
fn the_annotated_workbook_reimports_to_the_same_result() {
    let dir = std::env::temp_dir().join(format!("account-lens-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let first = dir.join("first.xlsx");
    let second = dir.join("second.xlsx");
    let input = fixture("accounts_basic.xlsx");
    let out = run(&[
        "analyze",
        input.to_str().unwrap(),
        "-o",
        first.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = run(&[
        "analyze",
        first.to_str().unwrap(),
        "-o",
        second.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let original = analyze_json("accounts_basic.xlsx", &[]);
    let reimported: Value = serde_json::from_slice(&again.stdout).unwrap();
    let pick = |doc: &Value| -> Vec<(String, String, Value)> {
        doc["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["account"].to_string(),
                    a["category"].to_string(),
                    a["projected_sales"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(pick(&original), pick(&reimported));
    assert_eq!(original["mapping"], reimported["mapping"]);
    // Exporting the export again gives the same bytes: nothing doubled, nothing drifting.
    assert!(
        std::fs::read(&first).unwrap().starts_with(b"PK\x03\x04"),
        "an xlsx (zip) file"
    );
    let third = dir.join("third.xlsx");
    assert!(run(&[
        "analyze",
        second.to_str().unwrap(),
        "-o",
        third.to_str().unwrap()
    ])
    .status
    .success());
    assert_eq!(
        std::fs::read(&second).unwrap(),
        std::fs::read(&third).unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// An export carrying the user's category calls and notes: the CLI reads them back from its
/// Overrides sheet and reports the same review, the JSON still following the contract.
#[test]
fn overrides_of_an_export_win_on_the_command_line_too() {
    use account_lens_engine::{analyze_with, Category, Override, Overrides, Settings};
    use account_lens_workbook::{export, import, ImportOptions};

    let dir =
        std::env::temp_dir().join(format!("account-lens-cli-overrides-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bytes = std::fs::read(fixture("accounts_basic.xlsx")).unwrap();
    let imported = import(&bytes, "accounts_basic.xlsx", &ImportOptions::default()).unwrap();
    let overrides: Overrides = [
        (
            "Summit Clinics".to_string(),
            Override {
                category: Some(Category::AtRisk),
                note: "New buyer, no relationship yet".into(),
            },
        ),
        (
            "Harbor Foods".to_string(),
            Override {
                category: None,
                note: "Renewal in May".into(),
            },
        ),
    ]
    .into();
    let settings = Settings::default();
    let review = analyze_with(&imported.dataset, &settings, &overrides);
    let path = dir.join("with_overrides.xlsx");
    std::fs::write(&path, export(&imported, &review, &settings).unwrap()).unwrap();

    let out = run(&["analyze", path.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&doc);
    let summit = account(&doc, "Summit Clinics");
    assert_eq!(summit["category"], "at_risk");
    assert!(
        summit["reason"]
            .as_str()
            .unwrap()
            .starts_with("Your call: At risk (the rules said Grow: upside "),
        "{}",
        summit["reason"]
    );
    assert_eq!(account(&doc, "Harbor Foods")["category"], "maintain");
    let plain = analyze_json("accounts_basic.xlsx", &[]);
    let at_risk = |d: &Value| d["summary"]["at_risk"]["accounts"].as_u64().unwrap();
    assert_eq!(at_risk(&doc), at_risk(&plain) + 1);
    let _ = std::fs::remove_dir_all(&dir);
}
