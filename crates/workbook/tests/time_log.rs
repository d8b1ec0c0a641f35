//! Time logs (shape 3) from the committed fixtures (tests/fixtures, made by
//! scripts/make_fixtures.py with openpyxl and plain Python): the hours per account a rep sees,
//! and every row that is not an entry reported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use account_lens_engine::{
    apply_time_log, rolling_average, Activity, Date, Diagnostic, HoursSource, Level, TimeLog,
};
use account_lens_workbook::{import, read_time_log, Field, ImportError, ImportOptions};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> (TimeLog, Vec<Diagnostic>) {
    read_time_log(&fixture(name), name, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.user_message()))
}

/// Monday 30 November 2026: the review of weeks 45-48.
fn review_day() -> Date {
    Date::from_ymd(2026, 11, 30).unwrap()
}

/// Hours per account over the window, rounded to the minute for comparison.
fn totals(log: &TimeLog) -> BTreeMap<String, f64> {
    rolling_average(log, review_day(), 4)
        .into_iter()
        .map(|(a, h)| (a, (h * 4.0 * 60.0).round() / 60.0))
        .collect()
}

fn expected(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(a, h)| (a.to_string(), *h)).collect()
}

/// (level, row, column, message) of every located diagnostic.
fn located(diagnostics: &[Diagnostic]) -> Vec<(Level, u32, &str, &str)> {
    diagnostics
        .iter()
        .filter_map(|d| Some((d.level, d.row?, d.column.as_deref()?, d.message.as_str())))
        .collect()
}

fn messages(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.message.as_str()).collect()
}

#[test]
fn an_openpyxl_time_log_with_hmm_and_elapsed_durations() {
    let (log, diagnostics) = read("time_log.xlsx");
    assert_eq!(log.entries.len(), 15);
    assert_eq!(
        totals(&log),
        expected(&[
            ("Alpine Dental", 4.0),
            ("Corner Bistro", 7.25),
            ("Harbor Foods", 2.25),
            ("Metro Print", 1.0),
            ("Northwind Traders", 1.25),
            ("Summit Clinics", 6.5),
        ])
    );
    // Each kind of duration cell, as the rep typed it.
    let hours: Vec<f64> = log.entries.iter().map(|e| e.hours).collect();
    assert_eq!(hours[0], 2.5); // time cell 2:30
    assert_eq!(hours[2], 0.75); // [h]:mm cell 0:45, a number of days to calamine
    assert_eq!(hours[3], 3.0); // a number of hours
    assert_eq!(hours[5], 1.25); // text "1:15"
    assert_eq!(hours[6], 1.5); // [h]:mm cell 1:30

    let first = &log.entries[0];
    assert_eq!(first.date, Date::from_ymd(2026, 11, 2).unwrap());
    assert_eq!(first.account, "Summit Clinics");
    assert_eq!(first.activity, Activity::Visit);
    assert_eq!(first.note, "Site walk for the new wing");
    let activities: Vec<Activity> = log.entries.iter().map(|e| e.activity).collect();
    assert_eq!(
        &activities[..4],
        [
            Activity::Visit,
            Activity::Visit, // "Lunch"
            Activity::Call,  // "Phone call"
            Activity::VendorTraining,
        ]
    );

    assert_eq!(
        diagnostics[0].message,
        "Read sheet \"Time log\" as a time log with the header in row 3: 15 entries from 2026-10-28 to 2026-11-30, 5 rows left out"
    );
    let all = messages(&diagnostics);
    assert!(all.contains(
        &"2 durations in \"Duration\" are times such as 1:30 (formatted [h]:mm): read as hours and minutes"
    ));
    assert!(all.contains(&"1 activity not recognised, read as Other: \"Golf\""));
    assert_eq!(
        located(&diagnostics),
        [
            (Level::Warning, 19, "A", "Entry left out: no date"),
            (Level::Warning, 20, "B", "Entry left out: no account"),
            (Level::Info, 21, "D", "Entry left out: 0 hours"),
            (
                Level::Warning,
                22,
                "D",
                "Entry left out: Duration \"soon\" is not a duration (write 1.5, 1:30 or 90 min)"
            ),
            (Level::Info, 23, "B", "Total line \"Total\" left out"),
        ]
    );
}

#[test]
fn a_european_csv_time_log() {
    let (log, diagnostics) = read("time_log_eu.csv");
    assert_eq!(
        totals(&log),
        expected(&[
            ("Alpine Dental", 1.5),
            ("Harbor Foods", 0.75),
            ("Northwind Traders", 3.25),
            ("Summit Clinics", 4.0),
        ])
    );
    let activities: Vec<Activity> = log.entries.iter().map(|e| e.activity).collect();
    assert_eq!(
        activities,
        [
            Activity::Visit, // "Besuch"
            Activity::Call,  // "Telefonat"
            Activity::Visit,
            Activity::Demo,
            Activity::Call,
            Activity::VendorTraining, // "Schulung"
        ]
    );
    let all = messages(&diagnostics);
    assert_eq!(
        all[0],
        "Read sheet \"time_log_eu\" as a time log with the header in row 1: 6 entries from 2026-11-02 to 2026-11-24, 4 rows left out"
    );
    assert!(all.iter().any(|m| m.starts_with("Text file read as")));
    assert!(all.contains(&"Numbers in \"Hours\" read with a decimal comma (1.234,50 = 1234.50)"));
    assert_eq!(
        located(&diagnostics),
        [
            (
                Level::Warning,
                7,
                "C",
                "Entry left out: Hours \"abc\" is not a duration (write 1.5, 1:30 or 90 min)"
            ),
            (Level::Warning, 8, "B", "Entry left out: no account"),
            (
                Level::Warning,
                10,
                "A",
                "Entry left out: the date \"31.11.2026\" cannot be read"
            ),
            (
                Level::Warning,
                11,
                "C",
                "Entry left out: hours must be more than 0, not -1"
            ),
        ]
    );
}

#[test]
fn a_time_sheet_beside_the_accounts_is_attached_and_takes_precedence() {
    let imported = import(
        &fixture("accounts_with_time.xlsx"),
        "accounts_with_time.xlsx",
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.source.sheet, "Accounts");
    assert_eq!(imported.dataset.accounts.len(), 11);
    let (sheet, log) = imported.time_log.as_ref().expect("the Time sheet");
    assert_eq!(sheet, "Time");
    assert_eq!(log.entries.len(), 10);
    assert_eq!(
        totals(log),
        expected(&[
            ("Acme Corp", 12.0),
            ("Corner Bistro", 6.0),
            ("Summit Clinics", 3.5),
            ("harbor foods", 2.0),
        ])
    );
    let all = messages(&imported.dataset.diagnostics);
    assert!(all.contains(&"Durations in \"Duration (min)\" are minutes: divided by 60 for hours"));
    assert!(all.contains(
        &"Read sheet \"Time\" as a time log with the header in row 1: 10 entries from 2026-11-02 to 2026-11-27, 1 row left out"
    ));
    let left_out = imported
        .dataset
        .diagnostics
        .iter()
        .find(|d| d.message == "Entry left out: no hours")
        .unwrap();
    assert_eq!(
        (
            left_out.sheet.as_deref(),
            left_out.row,
            left_out.column.as_deref()
        ),
        (Some("Time"), Some(9), Some("D"))
    );

    let (dataset, source) = apply_time_log(&imported.dataset, log, review_day());
    let hours = |name: &str| {
        dataset
            .accounts
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.hours)
    };
    // Weekly averages over four weeks; the sheet said 2, 6, 8 and 5 h/week.
    assert_eq!(hours("Summit Clinics"), Some(0.875));
    assert_eq!(hours("Harbor Foods"), Some(0.5));
    assert_eq!(hours("Corner Bistro"), Some(1.5));
    assert_eq!(hours("Northwind Traders"), Some(0.0));
    assert_eq!(
        source.describe(),
        "Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29, 10 entries)"
    );
    assert!(matches!(source, HoursSource::Log { entries: 10, .. }));
    let all = messages(&dataset.diagnostics);
    assert!(all.contains(&"12 h logged for “Acme Corp” which is not in the account sheet"));
    assert!(all.contains(
        &"8 accounts have no time logged from 2026-11-02 to 2026-11-29: 0 h each, not the sheet's hours (Northwind Traders, Alpine Dental and 6 more have hours in the sheet: log their time to count it)"
    ));
}

#[test]
fn a_workbook_without_a_time_sheet_has_no_time_log() {
    for name in [
        "accounts_basic.xlsx",
        "orders_export.xlsx",
        "accounts_eu.csv",
    ] {
        let imported = import(&fixture(name), name, &ImportOptions::default()).unwrap();
        assert_eq!(imported.time_log, None, "{name}");
    }
}

#[test]
fn a_separate_time_log_applies_to_the_account_sheet() {
    let accounts = import(
        &fixture("accounts_basic.xlsx"),
        "accounts_basic.xlsx",
        &ImportOptions::default(),
    )
    .unwrap();
    let (log, _) = read("time_log.xlsx");
    let (dataset, source) = apply_time_log(&accounts.dataset, &log, review_day());
    let hours: Vec<(&str, f64)> = dataset
        .accounts
        .iter()
        .map(|a| (a.name.as_str(), a.hours.unwrap()))
        .collect();
    assert_eq!(
        hours,
        [
            ("Summit Clinics", 1.625),
            ("Harbor Foods", 0.5625),
            ("Northwind Traders", 0.3125),
            ("Corner Bistro", 1.8125),
            ("Alpine Dental", 1.0),
            ("Blue Ridge Supply", 0.0),
            ("Metro Print", 0.25),
            ("Lakeside Hotel", 0.0),
            ("Riverside Bakery", 0.0),
            ("Oak & Pine Furniture", 0.0),
            ("Golden Gate Logistics", 0.0),
        ]
    );
    assert_eq!(
        source.describe(),
        "Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29, 13 entries)"
    );
    assert!(!messages(&dataset.diagnostics)
        .iter()
        .any(|m| m.contains("which is not in the account sheet")));
}

#[test]
fn a_file_without_a_time_log_is_refused_with_its_headers() {
    let err = read_time_log(
        &fixture("accounts_basic.xlsx"),
        "accounts_basic.xlsx",
        &ImportOptions::default(),
    )
    .unwrap_err();
    let ImportError::BadMapping(message) = &err else {
        panic!("{err:?}");
    };
    assert!(
        message.starts_with("no sheet looks like a time log"),
        "{message}"
    );
    assert!(
        message.contains("Customer, Segment, Sales 2025"),
        "{message}"
    );
    assert!(err.user_message().contains("time log"));
}

#[test]
fn a_named_sheet_is_read_or_refused() {
    let bytes = fixture("accounts_with_time.xlsx");
    let sheet = |name: &str| ImportOptions {
        sheet: Some(name.into()),
        ..ImportOptions::default()
    };
    let (log, _) = read_time_log(&bytes, "accounts_with_time.xlsx", &sheet("time")).unwrap();
    assert_eq!(log.entries.len(), 10);
    assert!(matches!(
        read_time_log(&bytes, "accounts_with_time.xlsx", &sheet("Accounts")),
        Err(ImportError::BadMapping(_))
    ));
    assert!(matches!(
        read_time_log(&bytes, "accounts_with_time.xlsx", &sheet("Nope")),
        Err(ImportError::NoSuchSheet { .. })
    ));
}

#[test]
fn columns_can_be_chosen_by_hand() {
    let csv = "When;Client;Spent;Notes\n2026-11-02;Summit;1,5;\n2026-11-03;Harbor;2;\n";
    let options = ImportOptions {
        sheet: None,
        overrides: vec![(Field::Date, "When".into()), (Field::Hours, "Spent".into())],
    };
    let (log, _) = read_time_log(csv.as_bytes(), "time.csv", &options).unwrap();
    let hours: Vec<f64> = log.entries.iter().map(|e| e.hours).collect();
    assert_eq!(hours, [1.5, 2.0]);
    // Without them the file has no date or hours column.
    assert!(read_time_log(csv.as_bytes(), "time.csv", &ImportOptions::default()).is_err());
}

#[test]
fn a_long_time_log_is_not_analysed_instead_of_a_short_account_sheet() {
    use account_lens_workbook::grid::{Cell, Format, Row, Sheet, SourceWorkbook, Value};
    use account_lens_workbook::understand;

    let text = |col: u32, t: &str| Cell::new(col, Value::Text(t.into()));
    let number = |col: u32, n: f64| Cell::new(col, Value::Number(n));
    let row = |index: u32, cells: Vec<Cell>| Row { index, cells };
    let accounts = Sheet {
        name: "Accounts".into(),
        rows: vec![
            row(
                0,
                vec![text(0, "Customer"), text(1, "Sales"), text(2, "Hours")],
            ),
            row(1, vec![text(0, "Summit"), number(1, 450e3), number(2, 2.0)]),
            row(2, vec![text(0, "Harbor"), number(1, 390e3), number(2, 6.0)]),
        ],
        ..Sheet::default()
    };
    let mut time_rows = vec![row(
        0,
        vec![
            text(0, "Date"),
            text(1, "Customer"),
            text(2, "Hours"),
            text(3, "Activity"),
            text(4, "Note"),
        ],
    )];
    // 2026-11-02 (serial 46328) onwards, a visit a day alternating between the two accounts.
    for i in 0..300u32 {
        time_rows.push(row(
            i + 1,
            vec![
                Cell::new(0, Value::Date(46_328.0 + f64::from(i % 28))),
                text(1, if i % 2 == 0 { "Summit" } else { "Harbor" }),
                number(2, 1.0),
                text(3, "Visit"),
            ],
        ));
    }
    let time = Sheet {
        name: "Log".into(),
        rows: time_rows,
        ..Sheet::default()
    };
    let workbook = SourceWorkbook {
        format: Format::Xlsx,
        sheets: vec![time, accounts],
        text_details: None,
        file: Vec::new().into(),
    };
    let imported = understand(workbook, &ImportOptions::default()).unwrap();
    assert_eq!(imported.source.sheet, "Accounts");
    let (sheet, log) = imported.time_log.unwrap();
    assert_eq!(sheet, "Log");
    assert_eq!(log.entries.len(), 300);
}
