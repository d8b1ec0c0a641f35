//! The `account-lens plan` contract, run as a user runs it: the JSON shape, a capacity change
//! moving hours, the exit codes, and the annotated workbook with its Time plan sheet read back
//! with calamine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx};
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

fn plan_json(name: &str, capacity: &str) -> Value {
    let path = fixture(name);
    let out = run(&[
        "plan",
        path.to_str().unwrap(),
        "--capacity",
        capacity,
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

fn recommended(doc: &Value, name: &str) -> f64 {
    doc["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == name)
        .unwrap()["recommended_hours"]
        .as_f64()
        .unwrap()
}

fn total_recommended(doc: &Value) -> f64 {
    doc["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["recommended_hours"].as_f64().unwrap())
        .sum()
}

#[test]
fn json_has_the_plan_contract_shape() {
    let doc = plan_json("accounts_basic.xlsx", "41");
    assert!(keys(&doc).is_superset(&set(&[
        "source",
        "capacity",
        "basis",
        "accounts",
        "moves",
        "summary",
        "diagnostics"
    ])));
    // The same source as analyze reports.
    let analyze = run(&[
        "analyze",
        fixture("accounts_basic.xlsx").to_str().unwrap(),
        "--json",
    ]);
    let analyze: Value = serde_json::from_slice(&analyze.stdout).unwrap();
    assert_eq!(doc["source"], analyze["source"]);
    assert_eq!(doc["diagnostics"], analyze["diagnostics"]);

    assert_eq!(doc["capacity"], 41.0);
    assert_eq!(doc["basis"], "gross_profit");
    let accounts = doc["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 11);
    for a in accounts {
        assert_eq!(
            keys(a),
            set(&[
                "account",
                "category",
                "current_hours",
                "recommended_hours",
                "response",
                "expected_sales",
                "expected_gross_profit"
            ])
        );
        assert_eq!(keys(&a["response"]), set(&["b", "a", "c", "d"]));
        assert!(["grow", "maintain", "at_risk"].contains(&a["category"].as_str().unwrap()));
        for field in ["current_hours", "recommended_hours", "expected_sales"] {
            assert!(a[field].is_number(), "{field}");
        }
    }
    assert_eq!(total_recommended(&doc), 41.0);
    assert_eq!(recommended(&doc, "Corner Bistro"), 0.0);

    let moves = doc["moves"].as_array().unwrap();
    assert!(!moves.is_empty());
    let mut last = f64::INFINITY;
    for m in moves {
        assert_eq!(keys(m), set(&["account", "hours_change", "reason"]));
        let change = m["hours_change"].as_f64().unwrap().abs();
        assert!(change <= last, "largest first");
        last = change;
    }
    assert_eq!(moves[0]["account"], "Summit Clinics");
    assert_eq!(
        moves[0]["reason"],
        "top account, under-served, 4.9% of your time for 29% of gross profit"
    );
    let corner = moves
        .iter()
        .find(|m| m["account"] == "Corner Bistro")
        .unwrap();
    assert_eq!(corner["hours_change"], -8.0);
    assert!(corner["reason"]
        .as_str()
        .unwrap()
        .starts_with("time sink, 20% of your time for 0.7% of gross profit"));

    let summary = &doc["summary"];
    assert_eq!(
        keys(summary),
        set(&[
            "current_gross_profit",
            "expected_gross_profit",
            "expected_gross_profit_change"
        ])
    );
    let (now, then, change) = (
        summary["current_gross_profit"].as_f64().unwrap(),
        summary["expected_gross_profit"].as_f64().unwrap(),
        summary["expected_gross_profit_change"].as_f64().unwrap(),
    );
    assert!((now - 488_950.0).abs() < 1e-6);
    assert!((then - now - change).abs() < 1e-6 && change > 0.0);
}

#[test]
fn a_capacity_change_moves_hours() {
    let tight = plan_json("accounts_basic.xlsx", "30");
    let roomy = plan_json("accounts_basic.xlsx", "50");
    assert_eq!(total_recommended(&tight), 30.0);
    assert_eq!(total_recommended(&roomy), 50.0);
    let gp = |d: &Value| d["summary"]["expected_gross_profit"].as_f64().unwrap();
    assert!(gp(&roomy) > gp(&tight));
    assert!(recommended(&roomy, "Summit Clinics") > recommended(&tight, "Summit Clinics"));
    let moves = |d: &Value| d["moves"].as_array().unwrap().len();
    assert!(moves(&tight) > 0 && moves(&roomy) > 0);
}

#[test]
fn a_book_without_margins_is_planned_on_sales() {
    let dir = std::env::temp_dir().join(format!("account-lens-plan-sales-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("no_margins.csv");
    std::fs::write(
        &csv,
        "Customer,Sales 2025,Sales 2026,Hours\nNorthwind,300000,240000,5\nSummit,100000,130000,2\nBistro,12000,11500,8\n",
    )
    .unwrap();
    let out = run(&["plan", csv.to_str().unwrap(), "--capacity", "15", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["basis"], "sales");
    assert!(doc["notes"][0]
        .as_str()
        .unwrap()
        .starts_with("No margins in the sheet"));
    assert!(doc["moves"][0]["reason"]
        .as_str()
        .unwrap()
        .contains(" of sales"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_capacity_is_bad_usage() {
    let input = fixture("accounts_basic.xlsx");
    let input = input.to_str().unwrap();
    for args in [
        &["plan", input, "--capacity", "0"][..],
        &["plan", input, "--capacity", "-8"],
        &["plan", input, "--capacity", "forty"],
        &["plan", input, "--capacity=NaN"],
        &["plan", input, "--capacity"],
        &["plan", input],
        &["plan", "--capacity", "40"],
        &["analyze", input, "--capacity", "40"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(stderr.contains("USAGE:"), "{args:?}: a usage message");
        assert!(out.stdout.is_empty());
    }
    let out = run(&["plan", input, "--capacity", "forty"]);
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("error: --capacity needs a positive number of hours a week"));
}

#[test]
fn bad_input_exits_1_with_one_error_line_and_no_output_file() {
    let out_path =
        std::env::temp_dir().join(format!("account-lens-plan-bad-{}.xlsx", std::process::id()));
    let _ = std::fs::remove_file(&out_path);
    for name in [
        "not_a_spreadsheet.xlsx",
        "truncated.xlsx",
        "no_account_column.xlsx",
    ] {
        let input = fixture(name);
        let out = run(&[
            "plan",
            input.to_str().unwrap(),
            "--capacity",
            "40",
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
    let missing = run(&["plan", "/nonexistent/book.xlsx", "--capacity", "40"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
}

#[test]
fn without_json_a_readable_plan_is_printed() {
    let input = fixture("accounts_basic.xlsx");
    let out = run(&["plan", input.to_str().unwrap(), "--capacity", "41"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Time plan: 41 h a week in steps of 0.25 h, on gross profit"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("Corner Bistro")
            && l.contains("Maintain")
            && l.contains(" 8 ")
            && l.contains("−8")),
        "{text}"
    );
    assert!(text.contains("Expected gross profit 488,950 → "), "{text}");
    assert!(text.contains("Moves, largest first (11):"), "{text}");
    assert!(text.contains(
        "  −8 h Corner Bistro: time sink, 20% of your time for 0.7% of gross profit — a friend, but the numbers say cut back"
    ), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("Total") && l.contains("41")),
        "{text}"
    );
}

#[test]
fn the_output_workbook_has_a_time_plan_sheet() {
    let dir = std::env::temp_dir().join(format!("account-lens-plan-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("planned.xlsx");
    let input = fixture("accounts_basic.xlsx");
    let out = run(&[
        "plan",
        input.to_str().unwrap(),
        "--capacity",
        "41",
        "-o",
        path.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();

    let mut xlsx: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = xlsx.sheet_names();
    assert_eq!(
        names,
        ["Accounts", "Notes", "Summary", "Settings", "Time plan"]
    );
    let annotated = xlsx.worksheet_range("Accounts").unwrap();
    assert_eq!(
        annotated.get_value((3, 10)),
        Some(&Data::String("Category".into()))
    );
    let sheet = xlsx.worksheet_range("Time plan").unwrap();
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String("Account Lens time plan".into()))
    );
    assert_eq!(sheet.get_value((2, 1)), Some(&Data::Float(41.0)));
    let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    let header = rows
        .iter()
        .position(|r| r.first() == Some(&Data::String("Account".into())))
        .unwrap();
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        _ => String::new(),
    };
    assert_eq!(
        rows[header][..11].iter().map(text).collect::<Vec<_>>(),
        [
            "Account",
            "Category",
            "Current hours",
            "Recommended hours",
            "Change",
            "b (no time)",
            "a (saturation)",
            "c",
            "d",
            "Expected sales",
            "Expected gross profit"
        ]
    );
    for (row, a) in rows[header + 1..]
        .iter()
        .zip(doc["accounts"].as_array().unwrap())
    {
        assert_eq!(Value::String(text(&row[0])), a["account"]);
        assert_eq!(
            row[3],
            Data::Float(a["recommended_hours"].as_f64().unwrap())
        );
        assert_eq!(row[8], Data::Float(a["response"]["d"].as_f64().unwrap()));
    }
    // The moves below, with their reasons.
    let moves = rows
        .iter()
        .position(|r| r.first() == Some(&Data::String("Moves".into())))
        .unwrap();
    assert_eq!(text(&rows[moves + 2][0]), "Summit Clinics");
    assert_eq!(
        text(&rows[moves + 2][2]),
        doc["moves"][0]["reason"].as_str().unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `plan` on the basic workbook with the time log of November 2026, reviewed on Tuesday
/// 2026-12-01: hours are the average of the four ISO weeks 2026-11-02 to 2026-11-29.
fn plan_with_log(extra: &[&str]) -> Output {
    let accounts = fixture("accounts_basic.xlsx");
    let log = fixture("time_log.xlsx");
    let mut args = vec![
        "plan",
        accounts.to_str().unwrap(),
        "--capacity",
        "20",
        "--time-log",
        log.to_str().unwrap(),
        "--today",
        "2026-12-01",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_time_log_replaces_the_hours_column_with_its_four_week_average() {
    let out = plan_with_log(&["--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let hours = |name: &str| {
        doc["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account"] == name)
            .unwrap_or_else(|| panic!("no {name}"))["current_hours"]
            .as_f64()
            .unwrap()
    };
    // 2:30 + 3 + 0:30 + 0.5 h (the 30 November demo is this week's, not counted).
    assert_eq!(hours("Summit Clinics"), 6.5 / 4.0);
    // 1:30 + 2:00 + 1:45 ("corner bistro") + 2:00.
    assert_eq!(hours("Corner Bistro"), 7.25 / 4.0);
    // 45 minutes + 1.5 h; the undated call is left out.
    assert_eq!(hours("Harbor Foods"), 2.25 / 4.0);
    // The visit of 28 October is before the window.
    assert_eq!(hours("Northwind Traders"), 1.25 / 4.0);
    // No time logged: 0 h, not the sheet's 2 h.
    assert_eq!(hours("Blue Ridge Supply"), 0.0);
    let said: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        said.iter().any(|m| m.starts_with(
            "Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29"
        )),
        "{said:?}"
    );

    let text = plan_with_log(&[]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29"),
        "{text}"
    );
}

#[test]
fn a_bad_review_date_is_bad_usage_and_a_missing_log_bad_input() {
    let out = plan_with_log(&["--today", "1 December"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--today needs a date as YYYY-MM-DD"));

    let accounts = fixture("accounts_basic.xlsx");
    let out = run(&[
        "plan",
        accounts.to_str().unwrap(),
        "--capacity",
        "20",
        "--time-log",
        "no-such-log.xlsx",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot read no-such-log.xlsx"),
        "{stderr}"
    );
}

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("account-lens-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn account<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn the_capacity_comes_from_a_reimported_export_unless_given() {
    let dir = scratch("plan-capacity");
    let first = dir.join("week.xlsx");
    let input = fixture("accounts_basic.xlsx");
    let out = run(&[
        "plan",
        input.to_str().unwrap(),
        "--capacity",
        "33",
        "-o",
        first.to_str().unwrap(),
        "--json",
    ]);
    let planned = json_of(&out);

    // No --capacity: the Time plan sheet's 33 h, and the same plan.
    let again = json_of(&run(&["plan", first.to_str().unwrap(), "--json"]));
    assert_eq!(again["capacity"], 33.0);
    assert_eq!(total_recommended(&again), 33.0);
    assert_eq!(again["accounts"], planned["accounts"]);
    let text = run(&["plan", first.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&text.stdout).contains(
        "The capacity (33 h a week) is the one in the workbook's Time plan sheet; --capacity sets another."
    ));

    // --capacity wins over the workbook.
    let given = json_of(&run(&[
        "plan",
        first.to_str().unwrap(),
        "--capacity",
        "20",
        "--json",
    ]));
    assert_eq!(given["capacity"], 20.0);
    assert_eq!(total_recommended(&given), 20.0);

    // A workbook without a Time plan sheet still needs --capacity: bad usage, nothing written.
    let second = dir.join("second.xlsx");
    let out = run(&[
        "plan",
        input.to_str().unwrap(),
        "-o",
        second.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: plan needs --capacity HOURS"),
        "{stderr}"
    );
    assert!(stderr.contains("USAGE:"));
    assert!(out.stdout.is_empty() && !second.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn time_log_entries_go_to_the_activities_sheet_and_count_once_on_reimport() {
    use account_lens_workbook::{read_time_log, ImportOptions};

    let dir = scratch("plan-activities");
    let path = dir.join("planned.xlsx");
    let logged = json_of(&plan_with_log(&["-o", path.to_str().unwrap(), "--json"]));

    // Every entry of the log, as the rep reads them, by date.
    let (log, _) = read_time_log(
        &std::fs::read(fixture("time_log.xlsx")).unwrap(),
        "time_log.xlsx",
        &ImportOptions::default(),
    )
    .unwrap();
    let mut xlsx: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        xlsx.sheet_names(),
        [
            "Accounts",
            "Notes",
            "Summary",
            "Settings",
            "Time plan",
            "Activities"
        ]
    );
    let sheet = xlsx.worksheet_range("Activities").unwrap();
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String("Account Lens activities".into()))
    );
    let rows: Vec<Vec<Data>> = sheet.rows().skip(3).map(<[Data]>::to_vec).collect();
    let rows: Vec<&Vec<Data>> = rows.iter().filter(|r| r[0] != Data::Empty).collect();
    assert_eq!(rows.len(), log.entries.len());
    let mut dates = Vec::new();
    for row in &rows {
        let Data::DateTime(date) = &row[0] else {
            panic!("not a date: {row:?}")
        };
        dates.push(date.as_f64());
        assert!(matches!(row[2], Data::Float(h) if h > 0.0), "{row:?}");
    }
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "by date");
    let summit_training = rows
        .iter()
        .find(|r| r[3] == Data::String("Vendor training".into()))
        .unwrap();
    assert_eq!(summit_training[1], Data::String("Summit Clinics".into()));
    assert_eq!(summit_training[2], Data::Float(3.0));

    // Imported again without --time-log: the same hours, from the Activities sheet.
    let hours = |doc: &Value, name: &str| account(doc, name)["current_hours"].as_f64().unwrap();
    let reread = json_of(&run(&[
        "plan",
        path.to_str().unwrap(),
        "--today",
        "2026-12-01",
        "--json",
    ]));
    for name in [
        "Summit Clinics",
        "Corner Bistro",
        "Harbor Foods",
        "Blue Ridge Supply",
    ] {
        assert_eq!(hours(&reread, name), hours(&logged, name), "{name}");
    }
    assert_eq!(hours(&reread, "Summit Clinics"), 6.5 / 4.0);
    // The same log given again counts once, in plan and analyze alike.
    let twice = json_of(&run(&[
        "plan",
        path.to_str().unwrap(),
        "--time-log",
        fixture("time_log.xlsx").to_str().unwrap(),
        "--today",
        "2026-12-01",
        "--json",
    ]));
    assert_eq!(hours(&twice, "Summit Clinics"), 6.5 / 4.0);
    let analyzed = json_of(&run(&[
        "analyze",
        path.to_str().unwrap(),
        "--today",
        "2026-12-01",
        "--json",
    ]));
    assert_eq!(account(&analyzed, "Corner Bistro")["hours"], 7.25 / 4.0);

    // Exported again, the entries are carried once more, not doubled.
    let second = dir.join("again.xlsx");
    let _ = json_of(&run(&[
        "plan",
        path.to_str().unwrap(),
        "--time-log",
        fixture("time_log.xlsx").to_str().unwrap(),
        "-o",
        second.to_str().unwrap(),
        "--json",
    ]));
    let mut xlsx: Xlsx<_> = calamine::open_workbook(&second).unwrap();
    let names = xlsx.sheet_names();
    assert_eq!(
        names.iter().filter(|n| n.starts_with("Activities")).count(),
        1
    );
    let again = xlsx.worksheet_range("Activities").unwrap();
    let entries = again.rows().skip(3).filter(|r| r[0] != Data::Empty).count();
    assert_eq!(entries, log.entries.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn estimate_columns_in_the_sheet_change_that_accounts_response() {
    let dir = scratch("plan-estimates");
    let csv = dir.join("estimates.csv");
    std::fs::write(
        &csv,
        "Customer,Sales 2025,Sales 2026,GM %,Hours,Sales with no time,Sales at half time,Sales with 50% more time,Saturation\n\
         Northwind,300000,310000,28%,5,20%,70%,125%,180%\n\
         Summit,100000,104000,30%,2,,,,\n\
         Bistro,12000,12100,30%,8,,,,\n",
    )
    .unwrap();
    let with = json_of(&run(&[
        "plan",
        csv.to_str().unwrap(),
        "--capacity",
        "15",
        "--json",
    ]));
    let response = |doc: &Value, name: &str| account(doc, name)["response"].clone();
    // b is the estimate with no time, a the one at saturation.
    assert_eq!(response(&with, "Northwind")["b"], 0.2);
    assert_eq!(response(&with, "Northwind")["a"], 1.8);

    // The same sheet with the columns left unread: Northwind plans on its category's defaults,
    // like Summit, which had no estimates of its own.
    let without = json_of(&run(&[
        "plan",
        csv.to_str().unwrap(),
        "--capacity",
        "15",
        "--map",
        "response_none=",
        "--map",
        "response_half=",
        "--map",
        "response_more=",
        "--map",
        "response_saturation=",
        "--json",
    ]));
    assert_eq!(account(&with, "Northwind")["category"], "maintain");
    assert_eq!(
        response(&without, "Northwind"),
        response(&without, "Bistro")
    );
    assert_ne!(
        response(&without, "Northwind"),
        response(&with, "Northwind")
    );
    assert_eq!(response(&without, "Northwind")["b"], 0.7);
    assert_eq!(response(&with, "Summit"), response(&without, "Summit"));
    assert_ne!(
        recommended(&with, "Northwind"),
        recommended(&without, "Northwind")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
