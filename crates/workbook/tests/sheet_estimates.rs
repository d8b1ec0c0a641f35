//! The time plan's four estimates read from an account sheet's own columns: as fractions, as
//! percent cells, as "20%" text and as whole percentages; a partial or impossible row is
//! reported where the rep can fix it and keeps its category's defaults.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use account_lens_engine::{Estimates, Level};
use account_lens_workbook::{import, Field, ImportOptions, Imported};
use rust_xlsxwriter::{Format, Workbook};

fn est(none: f64, half: f64, more: f64, saturation: f64) -> Estimates {
    Estimates {
        none,
        half,
        more,
        saturation,
    }
}

/// A cell of the test sheet.
enum Cell {
    Number(f64),
    /// A number shown as a percentage (the cell holds the fraction).
    Percent(f64),
    Text(&'static str),
    Empty,
}

use Cell::{Empty, Number as N, Percent as P, Text as T};

const HEADER: [&str; 9] = [
    "Customer",
    "Sales 2025",
    "Sales 2026",
    "GM %",
    "Hours/week",
    "Sales with no time",
    "Sales at half time",
    "Sales with 50% more time",
    "Saturation",
];

/// An account sheet with the four estimate columns (F to I), header on row 1.
fn book(rows: &[(&str, [Cell; 4])]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Accounts").unwrap();
    for (col, h) in (0u16..).zip(HEADER) {
        ws.write_string(0, col, h).unwrap();
    }
    let percent = Format::new().set_num_format("0%");
    for (row, (name, estimates)) in (1u32..).zip(rows) {
        ws.write_string(row, 0, *name).unwrap();
        ws.write_number(row, 1, 100_000.0).unwrap();
        ws.write_number(row, 2, 110_000.0).unwrap();
        ws.write_number(row, 3, 0.3).unwrap();
        ws.write_number(row, 4, 3.0).unwrap();
        for (col, cell) in (5u16..).zip(estimates) {
            match cell {
                N(n) => ws.write_number(row, col, *n).map(|_| ()).unwrap(),
                P(n) => ws
                    .write_number_with_format(row, col, *n, &percent)
                    .map(|_| ())
                    .unwrap(),
                T(t) => ws.write_string(row, col, *t).map(|_| ()).unwrap(),
                Empty => {}
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn open(bytes: &[u8], options: &ImportOptions) -> Imported {
    import(bytes, "estimates.xlsx", options).unwrap_or_else(|e| panic!("{}", e.user_message()))
}

/// Messages located at a cell: (row, column letter, level, message).
fn located(imported: &Imported) -> Vec<(u32, String, Level, String)> {
    imported
        .dataset
        .diagnostics
        .iter()
        .filter_map(|d| Some((d.row?, d.column.clone()?, d.level, d.message.clone())))
        .collect()
}

fn close(a: &Estimates, b: &Estimates) -> bool {
    [
        (a.none, b.none),
        (a.half, b.half),
        (a.more, b.more),
        (a.saturation, b.saturation),
    ]
    .iter()
    .all(|(x, y)| (x - y).abs() < 1e-12)
}

#[test]
fn fractions_percent_cells_percent_text_and_whole_percentages_are_read() {
    let bytes = book(&[
        ("Harbor Foods", [N(0.5), N(0.8), N(1.1), N(1.4)]),
        ("Summit Clinics", [P(0.6), P(0.85), P(1.1), P(1.5)]),
        ("Corner Bistro", [T("20%"), T("70%"), T("120 %"), T("150%")]),
        ("Oak Furniture", [N(60.0), N(85.0), N(110.0), N(150.0)]),
        ("Elm Street Cafe", [Empty, Empty, Empty, Empty]),
    ]);
    let imported = open(&bytes, &ImportOptions::default());
    let mapped: Vec<(Field, &str)> = [
        Field::ResponseNone,
        Field::ResponseHalf,
        Field::ResponseMore,
        Field::ResponseSaturation,
    ]
    .iter()
    .map(|&f| (f, imported.mapping.get(f).unwrap().header.as_str()))
    .collect();
    assert_eq!(
        mapped,
        [
            (Field::ResponseNone, "Sales with no time"),
            (Field::ResponseHalf, "Sales at half time"),
            (Field::ResponseMore, "Sales with 50% more time"),
            (Field::ResponseSaturation, "Saturation"),
        ]
    );
    // The estimate columns are not read as sales or hours.
    assert_eq!(
        imported.mapping.get(Field::Hours).unwrap().header,
        "Hours/week"
    );
    assert_eq!(imported.dataset.accounts[0].current_sales, Some(110_000.0));

    let expected = BTreeMap::from([
        ("Harbor Foods".to_string(), est(0.5, 0.8, 1.1, 1.4)),
        ("Summit Clinics".to_string(), est(0.6, 0.85, 1.1, 1.5)),
        ("Corner Bistro".to_string(), est(0.2, 0.7, 1.2, 1.5)),
        ("Oak Furniture".to_string(), est(0.6, 0.85, 1.1, 1.5)),
    ]);
    assert_eq!(
        imported.sheet_estimates.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (name, e) in &expected {
        assert!(close(&imported.sheet_estimates[name], e), "{name}");
    }
    // Whole percentages are said, once per column.
    let said: Vec<&str> = imported
        .dataset
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.starts_with("Estimates above 3 in"))
        .collect();
    assert_eq!(said.len(), 4, "{said:?}");
    assert!(said[0].contains("\"Sales with no time\" read as percentages (60 means 60 %"));
    assert!(located(&imported).is_empty(), "{:?}", located(&imported));
}

#[test]
fn a_partial_or_impossible_row_is_reported_and_keeps_the_defaults() {
    let bytes = book(&[
        ("Harbor Foods", [N(0.5), Empty, N(1.1), T("140%")]),
        ("Summit Clinics", [N(0.6), N(0.4), N(1.1), N(1.5)]),
        ("Corner Bistro", [N(0.3), T("lots"), N(1.1), N(1.5)]),
        ("Oak Furniture", [N(0.6), N(0.85), N(1.1), N(1.5)]),
    ]);
    let imported = open(&bytes, &ImportOptions::default());
    assert_eq!(
        imported.sheet_estimates.keys().collect::<Vec<_>>(),
        ["Oak Furniture"]
    );
    let found = located(&imported);
    // Harbor Foods, row 2: the half-time estimate is missing (column G).
    let harbor = found.iter().find(|(row, ..)| *row == 2).unwrap();
    assert_eq!((harbor.1.as_str(), harbor.2), ("G", Level::Warning));
    assert_eq!(
        harbor.3,
        "Harbor Foods: the time plan needs all four estimates (sales with no time, with half the time, with 50% more time, at saturation); sales with half the time is missing, so Harbor Foods uses its category's defaults"
    );
    // Summit Clinics, row 3: half the time below no time, at the half-time column.
    let summit = found.iter().find(|(row, ..)| *row == 3).unwrap();
    assert_eq!(summit.1, "G");
    assert_eq!(
        summit.3,
        "Summit Clinics: Sales with half the time (40%) must be above sales with no time (60%); Summit Clinics uses its category's defaults until the estimates are fixed"
    );
    // Corner Bistro, row 4: the text is not a number, then the row is partial.
    let bistro: Vec<&str> = found
        .iter()
        .filter(|(row, col, ..)| *row == 4 && col == "G")
        .map(|(.., m)| m.as_str())
        .collect();
    assert_eq!(bistro.len(), 2, "{bistro:?}");
    assert_eq!(
        bistro[0],
        "Sales at half time \"lots\" is not a number; left empty"
    );
    assert!(bistro[1].starts_with("Corner Bistro: the time plan needs all four estimates"));
}

#[test]
fn columns_are_chosen_or_left_unread_with_map() {
    // Headers that are no known name for an estimate, chosen by hand.
    let csv = "Customer,Sales 2025,Sales 2026,B,R half,R more,A\nHarbor,100,110,0.5,0.8,1.1,1.4\n";
    let map = |pairs: &[&str]| ImportOptions {
        sheet: None,
        overrides: pairs
            .iter()
            .map(|p| ImportOptions::parse_override(p).unwrap())
            .collect(),
    };
    let chosen = import(
        csv.as_bytes(),
        "book.csv",
        &map(&[
            "response_none=B",
            "response_half=R half",
            "response_more=R more",
            "response_saturation=A",
        ]),
    )
    .unwrap();
    assert_eq!(chosen.mapping.get(Field::ResponseNone).unwrap().header, "B");
    assert_eq!(
        chosen.mapping.get(Field::ResponseNone).unwrap().why,
        "chosen by you"
    );
    assert!(close(
        &chosen.sheet_estimates["Harbor"],
        &est(0.5, 0.8, 1.1, 1.4)
    ));

    // --map response_none= leaves the column unread: the row is partial.
    let bytes = book(&[("Harbor Foods", [N(0.5), N(0.8), N(1.1), N(1.4)])]);
    let unread = open(&bytes, &map(&["response_none="]));
    assert!(!unread.mapping.has(Field::ResponseNone));
    assert!(unread.mapping.has(Field::ResponseHalf));
    assert!(unread.sheet_estimates.is_empty());
    assert!(located(&unread).is_empty());
    assert!(unread.dataset.diagnostics.iter().any(|d| d.level == Level::Warning
        && d.message.starts_with(
            "The sheet has estimate columns for the time plan but none for sales with no time: every account uses its category's defaults"
        )));

    // None of them mapped: nothing read, nothing said.
    let none = open(
        &bytes,
        &map(&[
            "response_none=",
            "response_half=",
            "response_more=",
            "response_saturation=",
        ]),
    );
    assert!(none.sheet_estimates.is_empty());
    assert!(located(&none).is_empty());
    assert_eq!(
        ImportOptions::parse_override("response_saturation=Saturation").unwrap(),
        (Field::ResponseSaturation, "Saturation".to_string())
    );
}

#[test]
fn a_sheet_without_estimate_columns_has_none_and_nothing_restored() {
    let csv = "Customer,Sales 2025,Sales 2026,Hours\nHarbor,100,110,3\n";
    let imported = import(csv.as_bytes(), "book.csv", &ImportOptions::default()).unwrap();
    assert!(imported.sheet_estimates.is_empty());
    assert_eq!(imported.plan_settings, None);
    assert!(imported.logged.entries.is_empty());
}
