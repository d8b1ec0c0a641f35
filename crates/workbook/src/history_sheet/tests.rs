#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;
use std::process::Command;

use account_lens_engine::{analyze, Review, Settings};
use calamine::{Data, Range, Reader, Xlsx};

use super::*;
use crate::grid::Cell;
use crate::{export, import, Extras, ImportOptions, Imported};

const CSV: &[u8] = b"Customer,Sales 2025,Sales 2026,Hours\n\
    Northwind,300000,240000,4\nSummit,100000,130000,2\nCorner Bistro,5000,5000,10\n";

fn imported() -> (Imported, Review) {
    let imported = import(CSV, "accounts.csv", &ImportOptions::default()).unwrap();
    let review = analyze(&imported.dataset, &Settings::default());
    (imported, review)
}

fn account(
    name: &str,
    category: Category,
    tier: Tier,
    sales: Option<f64>,
    hours: Option<f64>,
) -> AccountSnapshot {
    AccountSnapshot {
        account: name.into(),
        projected_sales: sales,
        category,
        flags: Vec::new(),
        tier,
        hours,
        override_category: None,
    }
}

fn totals(accounts: usize, sales: f64, hours: f64) -> WeekTotals {
    WeekTotals {
        accounts,
        projected_sales: sales,
        hours,
        deterioration: sales / 7.0,
        upside: 0.1 + 0.2,
        time_sink_hours: hours / 3.0,
    }
}

/// Three weeks across a year end: Harbor gone in W49 and back in W01, New Co arriving,
/// Northwind spelled with spaces, the rep's calls, both flags, unknown sales and hours.
fn weeks() -> Vec<Snapshot> {
    let mut bistro = account(
        "Corner Bistro",
        Category::Maintain,
        Tier::C,
        None,
        Some(10.25),
    );
    bistro.flags = vec![Flag::TimeSink];
    let mut harbor = account("Harbor", Category::AtRisk, Tier::B, Some(80_000.37), None);
    harbor.override_category = Some(Category::AtRisk);
    let w48 = Snapshot {
        iso_year: 2026,
        week: 48,
        accounts: vec![
            account(
                "Northwind",
                Category::Maintain,
                Tier::A,
                Some(300_000.0),
                Some(4.0),
            ),
            harbor,
            bistro.clone(),
        ],
        totals: SnapshotTotals {
            grow: WeekTotals::default(),
            maintain: totals(2, 300_000.0, 14.25),
            at_risk: totals(1, 80_000.37, 0.0),
            total: totals(3, 380_000.37, 14.25),
        },
    };
    bistro.hours = Some(6.5);
    bistro.flags = vec![Flag::TimeSink, Flag::UnderServed];
    let mut new_co = account(
        "New Co",
        Category::Grow,
        Tier::C,
        Some(1_234.567_8),
        Some(0.333),
    );
    new_co.override_category = Some(Category::Grow);
    let w49 = Snapshot {
        iso_year: 2026,
        week: 49,
        accounts: vec![
            account(
                " northwind ",
                Category::AtRisk,
                Tier::A,
                Some(240_000.0),
                Some(4.0),
            ),
            new_co,
            bistro,
        ],
        totals: SnapshotTotals {
            grow: totals(1, 1_234.567_8, 0.333),
            maintain: totals(1, 0.0, 6.5),
            at_risk: totals(1, 240_000.0, 4.0),
            total: totals(3, 241_234.567_8, 10.833),
        },
    };
    let w01 = Snapshot {
        iso_year: 2027,
        week: 1,
        accounts: vec![account(
            "Harbor",
            Category::Grow,
            Tier::A,
            Some(120_000.0),
            Some(0.0),
        )],
        totals: SnapshotTotals::default(),
    };
    vec![w48, w49, w01]
}

fn actions() -> Vec<NextAction> {
    vec![
        NextAction {
            account: "Northwind".into(),
            text: "Save plan: call the buyer before the tender ".into(),
            due: Date::from_ymd(2026, 12, 4),
            done: false,
        },
        NextAction {
            account: "New Co".into(),
            text: "Send the catalogue".into(),
            due: None,
            done: true,
        },
    ]
}

fn export_history(
    imported: &Imported,
    review: &Review,
    weeks: &[Snapshot],
    actions: &[NextAction],
) -> Vec<u8> {
    let history = HistorySheet {
        snapshots: weeks,
        actions,
    };
    let extras = Extras {
        history,
        ..Extras::default()
    };
    crate::export_with(imported, review, &Settings::default(), &extras).unwrap()
}

fn sheet_names(bytes: &[u8]) -> Vec<String> {
    Xlsx::new(Cursor::new(bytes.to_vec()))
        .unwrap()
        .sheet_names()
}

fn history_range(bytes: &[u8]) -> Range<Data> {
    let mut xlsx = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    xlsx.worksheet_range("History").unwrap()
}

/// The cell at a zero-based row and column as calamine reads it.
fn cell(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

/// Zero-based row of the first cell in column A holding `text`.
fn row_of(range: &Range<Data>, text: &str) -> u32 {
    (0..range.height() as u32)
        .find(|&r| cell(range, r, 0) == Data::String(text.into()))
        .unwrap_or_else(|| panic!("no row {text:?}"))
}

#[test]
fn the_weeks_and_actions_come_back_as_they_were_written() {
    let (imported, review) = imported();
    let bytes = export_history(&imported, &review, &weeks(), &actions());
    let again = import(&bytes, "accounts.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!(again.history, weeks());
    assert_eq!(again.next_actions, actions());
    let noted: Vec<&str> = again
        .dataset
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.starts_with("History"))
        .collect();
    assert_eq!(noted, Vec::<&str>::new());
    // The accounts are still the rep's sheet's, never the History sheet's rows.
    assert_eq!(again.source.sheet, "accounts");
    assert_eq!(again.dataset.accounts.len(), 3);
    assert_eq!(again.time_log, None);
    assert_eq!(again.products, None);
    // Sales and hours exactly as written, not as the formats show them.
    let new_co = again.history[1].account("New Co").unwrap();
    assert_eq!(new_co.projected_sales, Some(1_234.567_8));
    assert_eq!(new_co.hours, Some(0.333));
    assert_eq!(again.history[1].totals.total.upside, 0.1 + 0.2);
}

#[test]
fn a_person_reads_the_weeks_the_accounts_and_the_actions() {
    let (imported, review) = imported();
    let bytes = export_history(&imported, &review, &weeks(), &actions());
    assert_eq!(
        sheet_names(&bytes),
        ["accounts", "Summary", "Settings", "History"]
    );
    let range = history_range(&bytes);
    let text = |s: &str| Data::String(s.into());
    assert_eq!(cell(&range, 0, 0), text(HISTORY_MARKER));
    assert!(
        matches!(cell(&range, 1, 0), Data::String(s) if s.contains("Import this workbook again"))
    );

    let weeks_at = row_of(&range, WEEKS_TITLE);
    assert_eq!(cell(&range, weeks_at + 1, 0), text("Week"));
    assert_eq!(
        cell(&range, weeks_at + 1, 14),
        text("At risk projected sales")
    );
    assert_eq!(
        cell(&range, weeks_at + 1, 24),
        text("Total time-sink hours")
    );
    // The second week's row: W49, its Grow account, the book's total sales.
    let w49 = weeks_at + 3;
    assert_eq!(cell(&range, w49, 0), text("2026-W49"));
    assert_eq!(cell(&range, w49, 1), Data::Float(1.0));
    assert_eq!(cell(&range, w49, 20), Data::Float(241_234.567_8));
    assert_eq!(cell(&range, weeks_at + 4, 0), text("2027-W01"));

    let accounts_at = row_of(&range, ACCOUNTS_TITLE);
    let header: Vec<Data> = (0..8).map(|c| cell(&range, accounts_at + 1, c)).collect();
    assert_eq!(header, ACCOUNTS_HEADERS.map(text));
    // W49's Corner Bistro: Maintain by the rules, no call, both flags in words, no sales.
    let bistro = accounts_at + 2 + 3 + 2;
    let row: Vec<Data> = (0..8).map(|c| cell(&range, bistro, c)).collect();
    assert_eq!(
        row,
        [
            text("2026-W49"),
            text("Corner Bistro"),
            text("Maintain"),
            Data::Empty,
            text("C"),
            Data::Empty,
            Data::Float(6.5),
            text("Time sink; Under-served"),
        ]
    );
    // W48: Northwind by the rules, Harbor at risk by the rep's call.
    assert_eq!(cell(&range, accounts_at + 2, 3), Data::Empty);
    assert_eq!(cell(&range, accounts_at + 3, 3), text("At risk"));

    let actions_at = row_of(&range, ACTIONS_TITLE);
    assert_eq!(cell(&range, actions_at + 1, 2), text("Due"));
    assert_eq!(cell(&range, actions_at + 2, 0), text("Northwind"));
    match cell(&range, actions_at + 2, 2) {
        Data::DateTime(d) => {
            assert_eq!(d.as_f64(), crate::coerce::serial_from_civil(2026, 12, 4));
        }
        other => panic!("the due date is {other:?}, not a date cell"),
    }
    assert_eq!(cell(&range, actions_at + 2, 3), text("No"));
    assert_eq!(cell(&range, actions_at + 3, 2), Data::Empty);
    assert_eq!(cell(&range, actions_at + 3, 3), text("Yes"));
}

#[test]
fn exporting_an_export_again_carries_one_history_sheet_with_the_same_content() {
    let (imported, review) = imported();
    let first = export_history(&imported, &review, &weeks(), &actions());
    let again = import(&first, "accounts.xlsx", &ImportOptions::default()).unwrap();
    let review = analyze(&again.dataset, &Settings::default());
    let second = export_history(&again, &review, &again.history, &again.next_actions);
    let names = sheet_names(&second);
    assert_eq!(
        names.iter().filter(|n| n.contains("History")).count(),
        1,
        "{names:?}"
    );
    assert_eq!(history_range(&second), history_range(&first));
    // Exported without history, the sheet is gone rather than copied as the rep's own.
    let plain = export(&again, &review, &Settings::default()).unwrap();
    assert!(!sheet_names(&plain).iter().any(|n| n.contains("History")));
}

#[test]
fn nothing_to_carry_adds_no_sheet_and_one_action_alone_does() {
    let (imported, review) = imported();
    let none = export_history(&imported, &review, &[], &[]);
    assert!(!sheet_names(&none).contains(&"History".to_string()));
    let one = export_history(&imported, &review, &[], &actions()[..1]);
    let again = import(&one, "accounts.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!(again.history, Vec::<Snapshot>::new());
    assert_eq!(again.next_actions, actions()[..1].to_vec());
}

#[test]
fn of_two_snapshots_of_one_week_the_later_is_written_in_week_order() {
    let (imported, review) = imported();
    let [w48, w49, w01] = <[Snapshot; 3]>::try_from(weeks()).unwrap();
    let mut resaved = w49.clone();
    resaved.totals.total.accounts = 99;
    let bytes = export_history(
        &imported,
        &review,
        &[w01.clone(), w49, w48.clone(), resaved.clone()],
        &[],
    );
    let again = import(&bytes, "accounts.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!(again.history, vec![w48, resaved, w01]);
}

fn text_cell(col: u32, text: &str) -> Cell {
    Cell::new(col, Value::Text(text.into()))
}

fn row(index: u32, cells: Vec<Cell>) -> Row {
    Row { index, cells }
}

/// A week row of the sheet: the label, then `accounts` and 1.0 for every other total.
fn week_row(index: u32, label: &str, accounts: f64) -> Row {
    let mut cells = vec![text_cell(0, label)];
    for group in 0..4 {
        cells.push(Cell::new(1 + group * 6, Value::Number(accounts)));
        for i in 1..6 {
            cells.push(Cell::new(1 + group * 6 + i, Value::Number(1.0)));
        }
    }
    row(index, cells)
}

fn headers(index: u32, headers: &[&str]) -> Row {
    row(
        index,
        (0u32..)
            .zip(headers)
            .map(|(c, h)| text_cell(c, h))
            .collect(),
    )
}

#[test]
fn rows_a_rep_broke_are_left_out_with_a_warning_the_rest_read() {
    let sheet = Sheet {
        name: "History".into(),
        rows: vec![
            row(0, vec![text_cell(0, HISTORY_MARKER)]),
            row(3, vec![text_cell(0, WEEKS_TITLE)]),
            headers(4, &WEEKS_HEADERS),
            week_row(5, "2026-W48", 2.0),
            week_row(6, "last week", 2.0),
            week_row(7, "2026-W50", 1.5),
            row(9, vec![text_cell(0, ACCOUNTS_TITLE)]),
            headers(10, &ACCOUNTS_HEADERS),
            row(
                11,
                vec![
                    text_cell(0, "2026-W48"),
                    text_cell(1, "Northwind"),
                    text_cell(2, "maintain"),
                    text_cell(3, "Maybe"),
                    text_cell(4, "a"),
                    text_cell(5, "$300,000.50"),
                    text_cell(6, "lots"),
                    text_cell(7, "time_sink, Golf buddy"),
                ],
            ),
            row(
                12,
                vec![
                    text_cell(0, "2026-W48"),
                    text_cell(1, "Summit"),
                    text_cell(2, "Thriving"),
                    text_cell(4, "B"),
                ],
            ),
            row(13, vec![text_cell(0, "2026-W50"), text_cell(1, "Harbor")]),
            row(14, vec![text_cell(0, "2026-W50"), text_cell(1, "Bistro")]),
            row(16, vec![text_cell(0, ACTIONS_TITLE)]),
            headers(17, &ACTIONS_HEADERS),
            row(
                18,
                vec![
                    text_cell(0, "Northwind"),
                    text_cell(1, "Call"),
                    text_cell(2, "next Friday"),
                    text_cell(3, "sort of"),
                ],
            ),
            row(19, vec![text_cell(1, "Orphan action"), text_cell(3, "No")]),
            row(
                20,
                vec![
                    text_cell(0, "Summit"),
                    text_cell(1, "Visit"),
                    text_cell(2, "2026-12-11"),
                    Cell::new(3, Value::Bool(true)),
                ],
            ),
        ],
        ..Sheet::default()
    };
    let read = read_history_sheet(&sheet).unwrap();
    assert_eq!(read.snapshots.len(), 1);
    let w48 = &read.snapshots[0];
    assert_eq!((w48.iso_year, w48.week), (2026, 48));
    assert_eq!(w48.totals.grow.accounts, 2);
    assert_eq!(w48.totals.total.hours, 1.0);
    assert_eq!(
        w48.accounts,
        vec![AccountSnapshot {
            account: "Northwind".into(),
            projected_sales: Some(300_000.5),
            category: Category::Maintain,
            flags: vec![Flag::TimeSink],
            tier: Tier::A,
            hours: None,
            override_category: None,
        }]
    );
    assert_eq!(
        read.actions,
        vec![
            NextAction {
                account: "Northwind".into(),
                text: "Call".into(),
                due: None,
                done: false,
            },
            NextAction {
                account: "Summit".into(),
                text: "Visit".into(),
                due: Date::from_ymd(2026, 12, 11),
                done: true,
            },
        ]
    );
    let said: Vec<(Option<u32>, Option<&str>, &str)> = read
        .diagnostics
        .iter()
        .map(|d| (d.row, d.column.as_deref(), d.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (Some(7), Some("A"), "History: the week \"last week\" is not a week such as 2026-W49; left out"),
            (Some(8), Some("B"), "History: week 2026-W50 left out: \"Grow accounts\" is not a number of accounts"),
            (Some(12), Some("D"), "History: Northwind (2026-W48): the category you chose, \"Maybe\", is not Grow, Maintain or At risk; taken as none"),
            (Some(12), Some("G"), "History: Northwind (2026-W48): the hours are not a number; taken as unknown"),
            (Some(12), Some("H"), "History: Northwind (2026-W48): \"Golf buddy\" is not a flag (Time sink, Under-served); left out"),
            (Some(13), Some("C"), "History: Summit (2026-W48) left out: its category is not Grow, Maintain or At risk"),
            (Some(14), Some("A"), "History: the accounts of week \"2026-W50\" are left out: the week is not in the Weeks table"),
            (Some(19), Some("C"), "History: the due date of the next action for Northwind is not a date; kept without one"),
            (Some(19), Some("D"), "History: whether the next action for Northwind is done is not Yes or No; taken as not done"),
            (Some(20), Some("A"), "History: a next action without an account; left out"),
        ]
    );
    // Not a History sheet: not read as one.
    let mut other = sheet.clone();
    other.rows[0] = row(0, vec![text_cell(0, "Account Lens summary")]);
    assert_eq!(read_history_sheet(&other), None);
}

#[test]
fn week_labels_read_back_and_other_text_does_not() {
    assert_eq!(parse_week("2026-W49"), Some((2026, 49)));
    assert_eq!(parse_week(" 2027-w01 "), Some((2027, 1)));
    for bad in ["2026-49", "W49", "2026-W", "2026-W4x", "week 49", ""] {
        assert_eq!(parse_week(bad), None, "{bad}");
    }
}

/// Whether an external reader is available; when it is not, the test fails if CI asked for
/// every tool (`ACCOUNT_LENS_REQUIRE_TOOLS=1`) and is skipped, loudly, otherwise (as the
/// export's tests do).
fn tool_available(check: &mut Command, what: &str) -> bool {
    let found = check.output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("ACCOUNT_LENS_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{what} not found, and ACCOUNT_LENS_REQUIRE_TOOLS=1 requires it"
        );
        eprintln!("skipped: {what} not found");
    }
    found
}

#[test]
fn openpyxl_reads_the_history_sheet_as_a_person_would() {
    if !tool_available(
        Command::new("python3").args(["-c", "import openpyxl"]),
        "python3/openpyxl",
    ) {
        return;
    }
    let (imported, review) = imported();
    let bytes = export_history(&imported, &review, &weeks(), &actions());
    let dir = std::env::temp_dir().join(format!("account-lens-history-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("history.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    // Column A and the row after each title, and the due date's type and value.
    let script = r#"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["History"]
rows = list(ws.iter_rows(values_only=True))
print(rows[0][0])
for i, r in enumerate(rows):
    if r[0] == "Weeks":
        print("|".join(str(v) for v in rows[i + 3][:3]))
    if r[0] == "Accounts by week":
        print("|".join("" if v is None else str(v) for v in rows[i + 7][:8]))
    if r[0] == "Next actions":
        due = rows[i + 2][2]
        print(type(due).__name__, due.date().isoformat(), rows[i + 2][3])
"#;
    let run = Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "Account Lens history\n\
         2026-W49|1|1234.5678\n\
         2026-W49|Corner Bistro|Maintain||C||6.5|Time sink; Under-served\n\
         datetime 2026-12-04 No\n"
    );
}
