//! `account-lens review OLDER NEWER`, run as a user runs it: two small weeks' workbooks written
//! here, the JSON checked field by field, the readable report, an export's category calls, and
//! the exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, UNIX_EPOCH};

use serde_json::{json, Value};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_account-lens"))
        .args(args)
        .output()
        .unwrap()
}

fn scratch(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("account-lens-review-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Last week: Summit grows (upside), Northwind steady, Harbor down 20 %, Corner Bistro a time
/// sink at 10 h, Gone Co still there.
const WEEK_48: &str = "\
Customer,Sales 2025,Sales 2026,Potential,Hours
Summit,100000,100000,200000,2
Northwind,300000,300000,,4
Harbor,100000,80000,,2
Corner Bistro,5000,5000,,10
Gone Co,10000,10000,,1
";

/// This week: Northwind falls to 240k, Harbor is back, Corner Bistro down to 6 h, Gone Co
/// gone, New Co new, and Summit's hours unknown.
const WEEK_49: &str = "\
Customer,Sales 2025,Sales 2026,Potential,Hours
Summit,100000,100000,200000,
Northwind,300000,240000,,4
Harbor,100000,100000,,2
Corner Bistro,5000,5000,,6
New Co,,20000,,1
";

/// Writes a file dated `days` after 1970-01-01 (its ISO week is the snapshot's).
fn write_dated(path: &Path, bytes: &[u8], days: u64) {
    std::fs::write(path, bytes).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(UNIX_EPOCH + Duration::from_secs(days * 86_400))
        .unwrap();
}

/// 2026-11-25 (a Wednesday of 2026-W48) and 2026-12-02 (W49), in days since 1970-01-01.
const NOV_25: u64 = 20_782;
const DEC_2: u64 = NOV_25 + 7;

fn two_weeks(tag: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = scratch(tag);
    let older = dir.join("week48.csv");
    let newer = dir.join("week49.csv");
    write_dated(&older, WEEK_48.as_bytes(), NOV_25);
    write_dated(&newer, WEEK_49.as_bytes(), DEC_2);
    (dir, older, newer)
}

fn review_json(older: &Path, newer: &Path) -> Value {
    let out = run(&[
        "review",
        older.to_str().unwrap(),
        newer.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn change<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["account"] == name)
        .unwrap_or_else(|| panic!("no change for {name}"))
}

#[test]
fn json_says_what_moved_account_by_account() {
    let (dir, older, newer) = two_weeks("json");
    let doc = review_json(&older, &newer);

    assert_eq!(doc["older"]["file"], "week48.csv");
    assert_eq!(doc["older"]["week"], "2026-W48");
    assert_eq!(doc["older"]["accounts"], 5);
    assert_eq!(doc["newer"]["file"], "week49.csv");
    assert_eq!(doc["newer"]["week"], "2026-W49");

    assert_eq!(
        doc["migrations"],
        json!([
            {"account": "Northwind", "from": "maintain", "to": "at_risk"},
            {"account": "Harbor", "from": "at_risk", "to": "maintain"}
        ])
    );
    assert_eq!(doc["newly_at_risk"], json!(["Northwind"]));
    assert_eq!(doc["recovered"], json!(["Harbor"]));
    assert_eq!(doc["added"], json!(["New Co"]));
    assert_eq!(doc["removed"], json!(["Gone Co"]));

    let northwind = change(&doc, "Northwind");
    assert_eq!(northwind["projected_sales_change"], -60000.0);
    assert_eq!(northwind["hours_change"], 0.0);
    assert_eq!(northwind["presence"], "both");
    assert_eq!(northwind["category_then"], "maintain");
    assert_eq!(northwind["category_now"], "at_risk");
    assert_eq!(change(&doc, "Harbor")["projected_sales_change"], 20000.0);
    assert_eq!(change(&doc, "Corner Bistro")["hours_change"], -4.0);
    // Summit's hours are unknown this week: the change is unknown, not -2.
    let summit = change(&doc, "Summit");
    assert_eq!(summit["projected_sales_change"], 0.0);
    assert_eq!(summit["hours_then"], 2.0);
    assert_eq!(summit["hours_now"], Value::Null);
    assert_eq!(summit["hours_change"], Value::Null);
    let new = change(&doc, "New Co");
    assert_eq!(new["presence"], "added");
    assert_eq!(new["category_then"], Value::Null);
    assert_eq!(new["category_now"], "grow");
    assert_eq!(new["projected_sales_change"], 20000.0);
    assert_eq!(new["hours_change"], 1.0);
    let gone = change(&doc, "Gone Co");
    assert_eq!(gone["presence"], "removed");
    assert_eq!(gone["projected_sales_change"], -10000.0);
    assert_eq!(gone["hours_change"], -1.0);
    assert_eq!(doc["changes"].as_array().unwrap().len(), 6);

    let cell = doc["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["from"] == "maintain" && c["to"] == "maintain")
        .unwrap();
    assert_eq!(cell["accounts"], json!(["Corner Bistro"]));
    assert_eq!(doc["matrix"].as_array().unwrap().len(), 9);

    let s = &doc["summary"];
    assert_eq!(
        s["deterioration"],
        json!({"then": 20000.0, "now": 60000.0, "change": 40000.0})
    );
    assert_eq!(
        s["time_sink_hours"],
        json!({"then": 10.0, "now": 6.0, "change": -4.0})
    );
    assert_eq!(s["projected_sales"]["change"], -30000.0);
    assert_eq!(s["upside"]["change"], 0.0);
    assert_eq!(s["categories"]["at_risk"]["then"]["accounts"], 1);
    assert_eq!(
        s["categories"]["at_risk"]["now"]["projected_sales"],
        240000.0
    );
    assert_eq!(s["categories"]["total"]["now"]["hours"], 13.0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_json_a_readable_report_is_printed() {
    let (dir, older, newer) = two_weeks("text");
    let out = run(&["review", older.to_str().unwrap(), newer.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Then: week48.csv (2026-W48, sheet \"week48\", 5 accounts)"),
        "{text}"
    );
    let row = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row in {text}"))
            .split_whitespace()
            .filter_map(|n| n.parse::<u32>().ok())
            .collect::<Vec<_>>()
    };
    // Rows then, columns now: Grow, Maintain, At risk.
    assert_eq!(row("Maintain "), [0, 1, 1], "{text}");
    assert_eq!(row("At risk "), [0, 1, 0], "{text}");
    assert!(text.contains("  Northwind: Maintain → At risk"), "{text}");
    assert!(text.contains("Newly at risk: Northwind"), "{text}");
    assert!(text.contains("Recovered: Harbor"), "{text}");
    assert!(text.contains("New this week: New Co"), "{text}");
    assert!(text.contains("Gone this week: Gone Co"), "{text}");
    let largest: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Largest changes"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert_eq!(
        largest,
        [
            "  Northwind: -60,000, hours 0",
            "  Harbor: +20,000, hours 0",
            "  New Co (new this week): +20,000, hours +1",
            "  Gone Co (gone this week): -10,000, hours -1",
        ],
        "{text}"
    );
    assert!(
        text.contains("Estimated deterioration: 20,000 → 60,000 (+40,000)"),
        "{text}"
    );
    assert!(
        text.contains("Hours on time sinks: 10 h → 6 h (-4 h)"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_exported_workbook_brings_its_category_calls() {
    use account_lens_engine::{analyze_with, Category, Override, Overrides, Settings};
    use account_lens_workbook::{export, import, ImportOptions};

    let (dir, older, _) = two_weeks("export");
    let imported = import(WEEK_49.as_bytes(), "week49.csv", &ImportOptions::default()).unwrap();
    // The rep calls Summit Maintain this week (the rules say Grow).
    let overrides: Overrides = [(
        "Summit".to_string(),
        Override {
            category: Some(Category::Maintain),
            note: "budget frozen".into(),
        },
    )]
    .into();
    let settings = Settings::default();
    let review = analyze_with(&imported.dataset, &settings, &overrides);
    let exported = dir.join("week49.xlsx");
    write_dated(
        &exported,
        &export(&imported, &review, &settings).unwrap(),
        DEC_2,
    );

    let doc = review_json(&older, &exported);
    assert_eq!(doc["newer"]["file"], "week49.xlsx");
    let migrations = doc["migrations"].as_array().unwrap();
    assert!(
        migrations.contains(&json!({"account": "Summit", "from": "grow", "to": "maintain"})),
        "{migrations:?}"
    );
    assert_eq!(migrations.len(), 3);
    assert_eq!(change(&doc, "Summit")["category_now"], "maintain");
    // Same numbers as from the CSV: the annotation columns are not read as data.
    assert_eq!(
        change(&doc, "Northwind")["projected_sales_change"],
        -60000.0
    );
    assert_eq!(doc["newly_at_risk"], json!(["Northwind"]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn map_options_apply_to_both_workbooks() {
    let dir = scratch("map");
    let older = dir.join("a.csv");
    let newer = dir.join("b.csv");
    let rename = |text: &str| text.replace("Customer", "Buyer ref");
    write_dated(&older, rename(WEEK_48).as_bytes(), NOV_25);
    write_dated(&newer, rename(WEEK_49).as_bytes(), DEC_2);
    let out = run(&[
        "review",
        older.to_str().unwrap(),
        newer.to_str().unwrap(),
        "--map",
        "account=Buyer ref",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["newly_at_risk"], json!(["Northwind"]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_exits_1_with_one_error_line_naming_the_file() {
    let (dir, older, _) = two_weeks("bad");
    let not_accounts = dir.join("notes.csv");
    std::fs::write(&not_accounts, "x\n1\n").unwrap();
    let out = run(&[
        "review",
        older.to_str().unwrap(),
        not_accounts.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: notes.csv: No sheet has a column of account names"),
        "{err}"
    );

    let missing = dir.join("missing.csv");
    let out = run(&["review", missing.to_str().unwrap(), older.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: cannot read "), "{err}");
    assert!(err.trim_end().ends_with("no such file or folder"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["review"][..],
        &["review", "a.csv"],
        &["review", "a.csv", "b.csv", "c.csv"],
        &["review", "a.csv", "b.csv", "-o", "out.xlsx"],
        &["review", "a.csv", "b.csv", "--map", "colour=Red"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains("account-lens review OLDER NEWER"), "{err}");
    }
}
