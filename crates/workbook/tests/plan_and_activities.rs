//! The week carried forward in the export: the `Time plan` sheet gives the plan's settings back
//! (capacity, step, default estimates, bounds, the rep's own estimates) and the `Activities`
//! sheet the time logged outside the workbook, read by calamine cell by cell and imported
//! again — never as the workbook's own time log, never doubled by a second export.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::Cursor;

use account_lens_engine::{
    analyze, plan, Activity, CategoryEstimates, Date, Estimates, Plan, PlanSettings, Review,
    Settings, TimeEntry, TimeLog,
};
use account_lens_workbook::activities_sheet::{ACTIVITIES_HEADERS, ACTIVITIES_MARKER};
use account_lens_workbook::coerce::serial_from_civil;
use account_lens_workbook::export::plan::{
    ESTIMATES_FROM, MAX_HOURS, MIN_HOURS, NO_TIME, TIME_PLAN_HEADERS, TIME_PLAN_MARKER,
};
use account_lens_workbook::{export, export_with, import, Extras, ImportOptions, Imported};
use calamine::{Data, Range, Reader, Xlsx};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn open(bytes: &[u8], name: &str) -> Imported {
    import(bytes, name, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{}", e.user_message()))
}

fn est(none: f64, half: f64, more: f64, saturation: f64) -> Estimates {
    Estimates {
        none,
        half,
        more,
        saturation,
    }
}

fn day(m: u32, d: u32) -> Date {
    Date::from_ymd(2026, m, d).unwrap()
}

fn entry(date: Date, account: &str, hours: f64, activity: Activity, note: &str) -> TimeEntry {
    TimeEntry {
        date,
        account: account.into(),
        hours,
        activity,
        note: note.into(),
    }
}

/// Time logged in the app, in the order logged (not the sheet's order).
fn logged_in_the_app() -> TimeLog {
    TimeLog {
        entries: vec![
            entry(
                day(11, 20),
                "Summit Clinics",
                1.5,
                Activity::Visit,
                "Site tour",
            ),
            entry(day(11, 3), "Harbor Foods", 0.75, Activity::Call, ""),
            entry(
                day(11, 20),
                "Alpine Dental",
                2.0,
                Activity::VendorTraining,
                "Implant workshop",
            ),
            entry(day(11, 3), "Blue Ridge Supply", 1.0, Activity::Demo, ""),
        ],
    }
}

/// The same entries as the Activities sheet lists them: by date, then account.
fn in_sheet_order(log: &TimeLog) -> TimeLog {
    let mut entries = log.entries.clone();
    entries.sort_by_key(|e| (e.date, e.account.to_lowercase()));
    TimeLog { entries }
}

/// The rep's plan settings, every part changed from the defaults.
fn reps_settings() -> PlanSettings {
    PlanSettings {
        capacity: 33.5,
        step: 0.5,
        defaults: CategoryEstimates {
            grow: est(0.55, 0.85, 1.1, 1.7),
            ..CategoryEstimates::default()
        },
        bounds: BTreeMap::from([
            ("Summit Clinics".to_string(), (Some(4.0), None)),
            ("Corner Bistro".to_string(), (None, Some(2.0))),
            ("Harbor Foods".to_string(), (Some(1.0), Some(6.5))),
        ]),
        estimates: BTreeMap::from([("Northwind Traders".to_string(), est(0.45, 0.8, 1.08, 1.25))]),
    }
}

fn export_planned(
    imported: &Imported,
    plan_settings: &PlanSettings,
    logged: &TimeLog,
) -> (Review, Plan, Vec<u8>) {
    let settings = imported.settings.clone().unwrap_or_default();
    let review = analyze(&imported.dataset, &settings);
    let week = plan(&review, plan_settings);
    let extras = Extras {
        plan: Some((&week, plan_settings)),
        logged: Some(logged),
        ..Extras::default()
    };
    let bytes = export_with(imported, &review, &settings, &extras).unwrap();
    (review, week, bytes)
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    let mut xlsx = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    xlsx.worksheet_range(name).unwrap()
}

fn sheet_names(bytes: &[u8]) -> Vec<String> {
    Xlsx::new(Cursor::new(bytes.to_vec()))
        .unwrap()
        .sheet_names()
}

fn at(range: &Range<Data>, row: u32, col: usize) -> Data {
    let col = u32::try_from(col).unwrap();
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(range: &Range<Data>, row: u32, col: usize) -> String {
    match at(range, row, col) {
        Data::String(s) => s,
        other => panic!("expected text at ({row}, {col}), found {other:?}"),
    }
}

/// The row whose first cell is `name`, at or below `from`.
fn row_of(range: &Range<Data>, from: u32, name: &str) -> u32 {
    (from..range.height() as u32)
        .find(|&r| at(range, r, 0) == Data::String(name.into()))
        .unwrap_or_else(|| panic!("no row {name}"))
}

fn assert_estimates_close(a: &Estimates, b: &Estimates, what: &str) {
    for (x, y) in [
        (a.none, b.none),
        (a.half, b.half),
        (a.more, b.more),
        (a.saturation, b.saturation),
    ] {
        assert!((x - y).abs() < 1e-9, "{what}: {a:?} != {b:?}");
    }
}

/// `back` is `written` to 1e-9: capacity, step, defaults, bounds and the rep's estimates.
fn assert_same_settings(back: &PlanSettings, written: &PlanSettings) {
    assert!((back.capacity - written.capacity).abs() < 1e-9);
    assert!((back.step - written.step).abs() < 1e-9);
    for (b, w, what) in [
        (&back.defaults.grow, &written.defaults.grow, "grow"),
        (
            &back.defaults.maintain,
            &written.defaults.maintain,
            "maintain",
        ),
        (&back.defaults.at_risk, &written.defaults.at_risk, "at risk"),
    ] {
        assert_estimates_close(b, w, what);
    }
    assert_eq!(back.bounds, written.bounds);
    assert_eq!(
        back.estimates.keys().collect::<Vec<_>>(),
        written.estimates.keys().collect::<Vec<_>>()
    );
    for (name, e) in &written.estimates {
        assert_estimates_close(&back.estimates[name], e, name);
    }
}

#[test]
fn the_plan_settings_and_logged_time_come_back_and_the_own_time_sheet_stays_the_time_log() {
    let imported = open(
        &fixture("accounts_with_time.xlsx"),
        "accounts_with_time.xlsx",
    );
    let own_log = imported.time_log.clone().unwrap();
    assert_eq!(own_log.0, "Time");
    let written = reps_settings();
    let logged = logged_in_the_app();
    let (_, week, bytes) = export_planned(&imported, &written, &logged);

    let names = sheet_names(&bytes);
    assert_eq!(names[names.len() - 2..], ["Time plan", "Activities"]);
    assert!(names.contains(&"Time".to_string()));

    let back = open(&bytes, "accounts_with_time-annotated.xlsx");
    assert_same_settings(back.plan_settings.as_ref().unwrap(), &written);
    assert_eq!(back.logged, in_sheet_order(&logged));
    // The workbook's own time log is still the Time sheet, alone: nothing counted twice.
    assert_eq!(back.time_log, Some(own_log));
    assert!(back.sheet_estimates.is_empty());

    // The plan made again from what came back is the same plan.
    let settings = back.settings.clone().unwrap_or_default();
    let again = plan(
        &analyze(&back.dataset, &settings),
        back.plan_settings.as_ref().unwrap(),
    );
    let hours = |p: &Plan| -> Vec<(String, f64)> {
        p.accounts
            .iter()
            .map(|a| (a.account.clone(), a.recommended_hours))
            .collect()
    };
    assert_eq!(hours(&again), hours(&week));
}

#[test]
fn the_activities_sheet_has_real_dates_numbers_and_labels_in_date_order() {
    let imported = open(&fixture("accounts_basic.xlsx"), "accounts_basic.xlsx");
    let (_, _, bytes) = export_planned(&imported, &reps_settings(), &logged_in_the_app());
    let activities = sheet(&bytes, "Activities");
    assert_eq!(text(&activities, 0, 0), ACTIVITIES_MARKER);
    for (col, h) in ACTIVITIES_HEADERS.iter().enumerate() {
        assert_eq!(text(&activities, 2, col), *h);
    }
    let expected = [
        ((11, 3), "Blue Ridge Supply", 1.0, "Demo", ""),
        ((11, 3), "Harbor Foods", 0.75, "Call", ""),
        (
            (11, 20),
            "Alpine Dental",
            2.0,
            "Vendor training",
            "Implant workshop",
        ),
        ((11, 20), "Summit Clinics", 1.5, "Visit", "Site tour"),
    ];
    for (row, ((m, d), account, hours, activity, note)) in (3u32..).zip(expected) {
        match at(&activities, row, 0) {
            Data::DateTime(date) => {
                assert!(date.is_datetime());
                assert_eq!(date.as_f64(), serial_from_civil(2026, m, d));
            }
            other => panic!("row {row}: the date is {other:?}, not a date"),
        }
        assert_eq!(text(&activities, row, 1), account);
        assert_eq!(at(&activities, row, 2), Data::Float(hours));
        assert_eq!(text(&activities, row, 3), activity);
        assert_eq!(
            Activity::parse(&text(&activities, row, 3)).label(),
            activity
        );
        if note.is_empty() {
            assert_eq!(at(&activities, row, 4), Data::Empty);
        } else {
            assert_eq!(text(&activities, row, 4), note);
        }
    }
    assert_eq!(activities.height(), 7);
}

#[test]
fn the_time_plan_sheet_holds_the_settings_bounds_and_where_the_estimates_came_from() {
    let imported = open(&fixture("accounts_basic.xlsx"), "accounts_basic.xlsx");
    let written = reps_settings();
    let (_, week, bytes) = export_planned(&imported, &written, &TimeLog::default());
    assert!(!sheet_names(&bytes).contains(&"Activities".to_string()));
    let tp = sheet(&bytes, "Time plan");
    assert_eq!(text(&tp, 0, 0), TIME_PLAN_MARKER);
    assert_eq!(
        (at(&tp, 2, 1), text(&tp, 2, 2)),
        (Data::Float(33.5), "capacity".into())
    );
    assert_eq!(
        (at(&tp, 3, 1), text(&tp, 3, 2)),
        (Data::Float(0.5), "step".into())
    );
    let grow_none = row_of(&tp, 0, "Default for Grow: sales with no time");
    assert_eq!(at(&tp, grow_none, 1), Data::Float(0.55));
    assert_eq!(text(&tp, grow_none, 2), "estimates.grow.none");
    let at_risk_saturation = row_of(&tp, 0, "Default for At risk: sales at saturation");
    assert_eq!(
        text(&tp, at_risk_saturation, 2),
        "estimates.at_risk.saturation"
    );
    assert_eq!(
        at(&tp, at_risk_saturation, 1),
        Data::Float(CategoryEstimates::default().at_risk.saturation)
    );

    let header = row_of(&tp, 0, "Account");
    for (col, h) in TIME_PLAN_HEADERS.iter().enumerate() {
        assert_eq!(text(&tp, header, col), *h);
    }
    for a in &week.accounts {
        let row = row_of(&tp, header, &a.account);
        let shown: Vec<Data> = (NO_TIME..NO_TIME + 4).map(|c| at(&tp, row, c)).collect();
        let e = a.estimates;
        assert_eq!(
            shown,
            [e.none, e.half, e.more, e.saturation].map(Data::Float),
            "{}",
            a.account
        );
        let source = if a.account == "Northwind Traders" {
            "Your estimate"
        } else {
            "Category default"
        };
        assert_eq!(text(&tp, row, ESTIMATES_FROM), source, "{}", a.account);
    }
    let bounds = |name: &str| {
        let row = row_of(&tp, header, name);
        (at(&tp, row, MIN_HOURS), at(&tp, row, MAX_HOURS))
    };
    assert_eq!(bounds("Summit Clinics"), (Data::Float(4.0), Data::Empty));
    assert_eq!(bounds("Corner Bistro"), (Data::Empty, Data::Float(2.0)));
    assert_eq!(bounds("Harbor Foods"), (Data::Float(1.0), Data::Float(6.5)));
    assert_eq!(bounds("Metro Print"), (Data::Empty, Data::Empty));
}

#[test]
fn estimates_from_the_sheet_are_told_from_the_reps_and_only_the_reps_come_back() {
    let csv = "Customer,Sales 2025,Sales 2026,GM %,Hours,Sales with no time,Sales at half time,Sales with 50% more time,Saturation\n\
        Harbor,380000,390000,25%,6,0.5,0.8,1.1,1.4\n\
        Oak,200000,205000,26%,3,60%,85%,110%,150%\n\
        Summit,410000,450000,32%,2,,,,\n\
        Bistro,12000,11500,30%,8,,,,\n\
        Gone,5000,0,30%,1,,,,\n";
    let imported = open(csv.as_bytes(), "book.csv");
    assert_eq!(
        imported.sheet_estimates.keys().collect::<Vec<_>>(),
        ["Harbor", "Oak"]
    );
    let yours = BTreeMap::from([
        ("Summit".to_string(), est(0.5, 0.85, 1.12, 1.6)),
        ("Oak".to_string(), est(0.4, 0.8, 1.05, 1.2)),
        // Not planned (no sales this year): what the rep set for it is kept all the same.
        ("Gone".to_string(), est(0.3, 0.7, 1.2, 1.5)),
    ]);
    let bounds = BTreeMap::from([("Gone".to_string(), (Some(0.5), Some(1.0)))]);
    let reps = PlanSettings {
        capacity: 19.0,
        estimates: yours.clone(),
        bounds: bounds.clone(),
        ..PlanSettings::default()
    };
    let plan_settings = reps.with_sheet_estimates(&imported.sheet_estimates);
    let (_, week, bytes) = export_planned(&imported, &plan_settings, &TimeLog::default());
    let used = |name: &str| week.accounts.iter().find(|a| a.account == name).unwrap();
    assert_estimates_close(
        &used("Harbor").estimates,
        &est(0.5, 0.8, 1.1, 1.4),
        "Harbor",
    );
    assert_estimates_close(&used("Oak").estimates, &yours["Oak"], "Oak");

    let tp = sheet(&bytes, "Time plan");
    let header = row_of(&tp, 0, "Account");
    let source = |name: &str| text(&tp, row_of(&tp, header, name), ESTIMATES_FROM);
    assert_eq!(source("Harbor"), "Sheet column");
    assert_eq!(source("Oak"), "Your estimate");
    assert_eq!(source("Summit"), "Your estimate");
    assert_eq!(source("Bistro"), "Category default");

    let back = open(&bytes, "book-annotated.xlsx");
    let restored = back.plan_settings.unwrap();
    assert_eq!(restored.capacity, 19.0);
    assert_eq!(
        restored.estimates.keys().collect::<Vec<_>>(),
        ["Gone", "Oak", "Summit"]
    );
    assert_eq!(week.unplanned[0].0, "Gone");
    assert_eq!(restored.bounds, bounds);
    for (name, e) in &yours {
        assert_estimates_close(&restored.estimates[name], e, name);
    }
    // The sheet's columns are read again from the copied sheet.
    assert_eq!(
        back.sheet_estimates.keys().collect::<Vec<_>>(),
        ["Harbor", "Oak"]
    );
    assert_estimates_close(
        &back.sheet_estimates["Oak"],
        &est(0.6, 0.85, 1.1, 1.5),
        "Oak",
    );
}

#[test]
fn an_export_exported_again_has_one_time_plan_and_one_activities_sheet() {
    let imported = open(
        &fixture("accounts_with_time.xlsx"),
        "accounts_with_time.xlsx",
    );
    let logged = logged_in_the_app();
    let (_, _, first) = export_planned(&imported, &reps_settings(), &logged);
    let again = open(&first, "first.xlsx");
    let restored = again.plan_settings.clone().unwrap();
    let (_, _, second) = export_planned(&again, &restored, &again.logged);
    let names = sheet_names(&second);
    for generated in ["Time plan", "Activities", "Summary", "Settings"] {
        assert_eq!(
            names.iter().filter(|n| n.starts_with(generated)).count(),
            1,
            "{generated}: {names:?}"
        );
    }
    assert_eq!(sheet_names(&first), names);
    let third = open(&second, "second.xlsx");
    assert_eq!(third.logged, in_sheet_order(&logged));
    assert_same_settings(third.plan_settings.as_ref().unwrap(), &reps_settings());
    assert_eq!(third.time_log, imported.time_log);
    // Bytes settle after one round: the same sheets, cell for cell.
    let (_, _, fourth) =
        export_planned(&third, third.plan_settings.as_ref().unwrap(), &third.logged);
    assert_eq!(second, fourth);

    // A plain export of it carries neither (the caller passes what it has).
    let settings = Settings::default();
    let plain = export(&again, &analyze(&again.dataset, &settings), &settings).unwrap();
    let plain_names = sheet_names(&plain);
    assert!(!plain_names
        .iter()
        .any(|n| n == "Time plan" || n == "Activities"));
}

#[test]
fn a_reps_own_activities_sheet_keeps_its_name_and_stays_theirs() {
    // The rep's own time log is called "Activities": it stays their time log, and the export's
    // sheet gives way.
    let csv_log = "Date,Account,Hours,Activity\n2026-11-02,Summit Clinics,2,Visit\n2026-11-09,Harbor Foods,1,Call\n";
    let log_book = {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let accounts = wb.add_worksheet().set_name("Accounts").unwrap();
        for (col, h) in (0u16..).zip(["Customer", "Sales 2025", "Sales 2026", "Hours"]) {
            accounts.write_string(0, col, h).unwrap();
        }
        for (row, (name, hours)) in (1u32..).zip([("Summit Clinics", 2.0), ("Harbor Foods", 3.0)]) {
            accounts.write_string(row, 0, name).unwrap();
            accounts.write_number(row, 1, 100_000.0).unwrap();
            accounts.write_number(row, 2, 120_000.0).unwrap();
            accounts.write_number(row, 3, hours).unwrap();
        }
        let own = wb.add_worksheet().set_name("Activities").unwrap();
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        for (row, line) in (0u32..).zip(csv_log.lines()) {
            for (col, cell) in (0u16..).zip(line.split(',')) {
                match (row, col) {
                    (r, 0) if r > 0 => {
                        let d = Date::parse_iso(cell).unwrap();
                        let when = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            2026,
                            u8::try_from(d.month).unwrap(),
                            u8::try_from(d.day).unwrap(),
                        )
                        .unwrap();
                        own.write_datetime_with_format(row, col, &when, &date)
                            .unwrap();
                    }
                    (r, 2) if r > 0 => {
                        own.write_number(row, col, cell.parse::<f64>().unwrap())
                            .unwrap();
                    }
                    _ => {
                        own.write_string(row, col, cell).unwrap();
                    }
                }
            }
        }
        wb.save_to_buffer().unwrap()
    };
    let imported = open(&log_book, "book.xlsx");
    let (sheet_name, own) = imported.time_log.clone().unwrap();
    assert_eq!((sheet_name.as_str(), own.entries.len()), ("Activities", 2));
    let logged = TimeLog {
        entries: vec![entry(
            day(11, 16),
            "Harbor Foods",
            0.5,
            Activity::Admin,
            "Quote",
        )],
    };
    let (_, _, bytes) = export_planned(
        &imported,
        &PlanSettings {
            capacity: 5.0,
            ..PlanSettings::default()
        },
        &logged,
    );
    assert_eq!(
        sheet_names(&bytes),
        [
            "Accounts",
            "Activities",
            "Summary",
            "Settings",
            "Time plan",
            "Activities (Account Lens)"
        ]
    );
    let back = open(&bytes, "book-annotated.xlsx");
    assert_eq!(back.time_log, Some(("Activities".to_string(), own)));
    assert_eq!(back.logged, logged);
}
