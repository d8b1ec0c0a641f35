//! Importing the committed fixtures (tests/fixtures, made by scripts/make_fixtures.py with
//! openpyxl and LibreOffice) and checking what a rep would see.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::{analyze, Account, Category, Flag, Level, Settings};
use account_lens_workbook::{import, Field, ImportError, ImportOptions, Imported, Shape};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn open(name: &str) -> Imported {
    import(&fixture(name), name, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.user_message()))
}

fn account<'a>(imported: &'a Imported, name: &str) -> &'a Account {
    imported
        .dataset
        .accounts
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no account {name}"))
}

/// The eleven accounts of the basic sheet, as the rep typed them.
/// Name, prior, current, potential, margin, hours.
type Row = (&'static str, Option<f64>, f64, Option<f64>, f64, f64);
const TERRITORY: [Row; 11] = [
    ("Summit Clinics", Some(410e3), 450e3, Some(700e3), 0.32, 2.0),
    ("Harbor Foods", Some(380e3), 390e3, Some(420e3), 0.25, 6.0),
    (
        "Northwind Traders",
        Some(300e3),
        240e3,
        Some(300e3),
        0.28,
        5.0,
    ),
    ("Corner Bistro", Some(12e3), 11.5e3, Some(12e3), 0.30, 8.0),
    ("Alpine Dental", Some(95e3), 120e3, None, 0.35, 3.0),
    (
        "Blue Ridge Supply",
        Some(150e3),
        155e3,
        Some(160e3),
        0.22,
        2.0,
    ),
    ("Metro Print", None, 40e3, None, 0.30, 1.0),
    ("Lakeside Hotel", Some(60e3), 52e3, Some(60e3), 0.20, 4.0),
    ("Riverside Bakery", Some(30e3), 31e3, Some(33e3), 0.40, 1.0),
    (
        "Oak & Pine Furniture",
        Some(200e3),
        205e3,
        Some(230e3),
        0.26,
        3.0,
    ),
    (
        "Golden Gate Logistics",
        Some(80e3),
        70e3,
        Some(75e3),
        0.18,
        6.0,
    ),
];

fn assert_territory(imported: &Imported, corner: &str) {
    assert_eq!(
        imported.dataset.accounts.len(),
        11,
        "{:#?}",
        imported.dataset.diagnostics
    );
    for (name, prior, current, potential, margin, hours) in TERRITORY {
        let name = if name == "Corner Bistro" {
            corner
        } else {
            name
        };
        let a = account(imported, name);
        assert_eq!(a.prior_sales, prior, "{name} prior");
        assert_eq!(a.current_sales, Some(current), "{name} current");
        assert_eq!(a.potential, potential, "{name} potential");
        assert!(
            (a.margin.unwrap() - margin).abs() < 1e-9,
            "{name} margin {:?}",
            a.margin
        );
        assert_eq!(a.hours, Some(hours), "{name} hours");
    }
    let review = analyze(&imported.dataset, &Settings::default());
    let category = |n: &str| {
        review
            .accounts
            .iter()
            .find(|a| a.account == n)
            .unwrap()
            .category
    };
    assert_eq!(category("Northwind Traders"), Category::AtRisk);
    assert_eq!(category("Summit Clinics"), Category::Grow);
    assert_eq!(category("Harbor Foods"), Category::Maintain);
    // Blue Ridge Supply's 38,750 counts only where the sheet has the "At risk" column.
    let flagged = if imported.mapping.has(Field::AtRisk) {
        38_750.0
    } else {
        0.0
    };
    assert_eq!(
        review.summary.at_risk.deterioration,
        60e3 + 8e3 + 10e3 + flagged
    );
}

#[test]
fn basic_xlsx_finds_the_header_below_titles_and_leaves_out_total_and_footer() {
    let imported = open("accounts_basic.xlsx");
    assert_eq!(imported.source.sheet, "Accounts");
    assert_eq!(imported.source.shape, Shape::Accounts);
    assert_eq!(imported.source.header_row, 4);
    assert_territory(&imported, "Corner Bistro");
    let m = &imported.mapping;
    assert_eq!(m.get(Field::Account).unwrap().header, "Customer");
    assert_eq!(m.get(Field::PriorSales).unwrap().header, "Sales 2025");
    assert_eq!(m.get(Field::CurrentSales).unwrap().header, "Sales 2026");
    assert_eq!(m.get(Field::Margin).unwrap().header, "GM %");
    assert_eq!(m.get(Field::Hours).unwrap().header, "Hours/week");
    assert_eq!(m.get(Field::Friend).unwrap().header, "Relationship");
    assert!(account(&imported, "Blue Ridge Supply").at_risk);
    assert!(account(&imported, "Corner Bistro").friend);
    assert!(!account(&imported, "Summit Clinics").friend);
    assert_eq!(account(&imported, "Summit Clinics").row, Some(5));
    // The total row (formulas without cached values) and the footer are left out, each said.
    let d = &imported.dataset.diagnostics;
    assert!(
        d.iter()
            .any(|d| d.row == Some(16) && d.message.contains("Total row")),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|d| d.row == Some(18) && d.message.contains("Confidential")),
        "{d:#?}"
    );
    assert_eq!(imported.source.rows_skipped, 2);
    // The Notes sheet is kept for the export.
    assert!(imported.workbook.sheets.iter().any(|s| s.name == "Notes"));
}

#[test]
fn the_same_sheet_saved_by_libreoffice_as_xlsx_xls_and_ods_reads_the_same() {
    for name in [
        "accounts_cached.xlsx",
        "accounts_basic.xls",
        "accounts_basic.ods",
    ] {
        let imported = open(name);
        assert_eq!(imported.source.header_row, 4, "{name}");
        assert_territory(&imported, "Corner Bistro");
        // LibreOffice stored the totals: the accounts add up to the sheet's own total.
        assert!(
            imported
                .dataset
                .diagnostics
                .iter()
                .any(|d| d.level == Level::Info
                    && d.message
                        .contains("add up to the sheet's total (1,764,500)")),
            "{name}: {:#?}",
            imported.dataset.diagnostics
        );
    }
}

#[test]
fn european_csv_in_windows_1252_with_decimal_commas() {
    let imported = open("accounts_eu.csv");
    assert_eq!(imported.source.sheet, "accounts_eu");
    assert_territory(&imported, "Café Corner");
    assert!(imported
        .source
        .text_details
        .as_deref()
        .unwrap_or("")
        .to_lowercase()
        .contains("1252"));
}

#[test]
fn utf16_tab_separated_with_currency_text() {
    let imported = open("accounts_utf16.tsv");
    assert_territory(&imported, "Corner Bistro");
    assert_eq!(
        imported.mapping.get(Field::PriorSales).unwrap().header,
        "Last year"
    );
    assert_eq!(
        imported.mapping.get(Field::CurrentSales).unwrap().header,
        "This year"
    );
}

#[test]
fn a_report_with_parents_subtotals_and_an_empty_first_column_counts_each_account_once() {
    let imported = open("sales_by_customer_report.xlsx");
    assert_eq!(imported.source.header_row, 5);
    let names: Vec<&str> = imported
        .dataset
        .accounts
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Summit Clinics",
            "Alpine Dental",
            "Harbor Foods",
            "Corner Bistro",
            "Northwind Traders"
        ]
    );
    assert_eq!(
        imported.mapping.get(Field::PriorSales).unwrap().header,
        "Jan - Dec 2025"
    );
    assert_eq!(
        imported.mapping.get(Field::CurrentSales).unwrap().header,
        "Jan - Dec 2026"
    );
    let total: f64 = imported
        .dataset
        .accounts
        .iter()
        .filter_map(|a| a.current_sales)
        .sum();
    assert_eq!(total, 1_211_500.0);
    let d = &imported.dataset.diagnostics;
    assert!(
        d.iter().any(|d| d
            .message
            .contains("add up to the sheet's total (1,211,500)")),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|d| d.message.contains("\"Healthcare\" left out")),
        "{d:#?}"
    );
    assert!(
        d.iter().any(|d| d.message.contains("Accrual Basis")),
        "{d:#?}"
    );
}

#[test]
fn messy_values_are_read_or_reported_never_zero() {
    let imported = open("messy_values.xlsx");
    let a = |n| account(&imported, n);
    assert_eq!(a("Alpha Co").prior_sales, Some(1234.5));
    assert_eq!(a("Alpha Co").current_sales, Some(-500.0));
    assert_eq!(a("Alpha Co").margin, Some(0.12));
    assert_eq!(a("Beta GmbH").prior_sales, Some(1234.5));
    assert_eq!(a("Beta GmbH").current_sales, Some(2000.0));
    assert_eq!(a("Gamma SA").prior_sales, Some(1234.5));
    assert_eq!(
        a("Delta Ltd").current_sales,
        None,
        "a formula without a result is unknown, not 0"
    );
    assert_eq!(
        a("Epsilon Inc").current_sales,
        None,
        "#N/A is unknown, not 0"
    );
    let d = &imported.dataset.diagnostics;
    assert!(
        d.iter().any(|d| d.level == Level::Warning
            && d.message.contains("#N/A")
            && d.column.as_deref() == Some("C")),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|d| d.level == Level::Warning && d.message.contains("without a saved result")),
        "{d:#?}"
    );
    assert!(imported
        .dataset
        .accounts
        .iter()
        .any(|a| a.name == "+44 Trading"));
    assert!(imported
        .dataset
        .accounts
        .iter()
        .any(|a| a.name == "=Sum Partners"));

    let cached = open("messy_values_cached.xlsx");
    assert_eq!(account(&cached, "Delta Ltd").current_sales, None);
    assert!(cached
        .dataset
        .diagnostics
        .iter()
        .any(|d| d.message.contains("#DIV/0!")));
}

fn expected_orders() -> serde_json::Value {
    serde_json::from_slice(&fixture("orders_export.expected.json")).unwrap()
}

#[test]
fn order_lines_are_summed_per_account_per_year_and_the_partial_year_projected() {
    let expected = expected_orders();
    for name in ["orders_export.xlsx", "orders_1904.xlsx"] {
        let imported = open(name);
        assert_eq!(imported.source.shape, Shape::Transactions, "{name}");
        assert_eq!(imported.source.rows_read, 595);
        let customers = expected["customers"].as_object().unwrap();
        assert_eq!(imported.dataset.accounts.len(), customers.len());
        for (customer, e) in customers {
            let a = account(&imported, customer);
            let net = |y: &str| e["years"][y]["net"].as_f64().unwrap();
            let cost = |y: &str| e["years"][y]["cost"].as_f64().unwrap();
            let prior = net("2025");
            assert!(
                (a.prior_sales.unwrap_or(0.0) - prior).abs() < 0.005,
                "{name} {customer} prior {:?} vs {prior}",
                a.prior_sales
            );
            assert!(
                (a.current_sales.unwrap() - net("2026")).abs() < 0.005,
                "{name} {customer} current"
            );
            assert!(
                (a.gross_profit.unwrap() - (net("2026") - cost("2026"))).abs() < 0.01,
                "{name} {customer} gp"
            );
        }
        let p = imported.dataset.projection.as_ref().unwrap();
        // Data to 2026-09-30 = day 273 of 365.
        assert!((p.factor - 365.0 / 273.0).abs() < 1e-12, "{name}");
        assert!(p.rule.contains("2026-09-30"), "{}", p.rule);
        let review = analyze(&imported.dataset, &Settings::default());
        let metro = review
            .accounts
            .iter()
            .find(|a| a.account == "Metro Print")
            .unwrap();
        assert_eq!(metro.category, Category::Grow, "new in 2026");
        assert!(metro.reason.to_string().starts_with("New account"));
    }
}

#[test]
fn refusals_say_what_to_do() {
    let err = |name: &str| import(&fixture(name), name, &ImportOptions::default()).unwrap_err();
    let e = err("not_a_spreadsheet.xlsx");
    assert!(
        matches!(&e, ImportError::NotASpreadsheet(m) if m.contains("plain text")),
        "{e:?}"
    );
    assert!(matches!(err("truncated.xlsx"), ImportError::Damaged(_)));
    let e = err("no_account_column.xlsx");
    assert!(matches!(e, ImportError::NoAccountColumn { .. }), "{e:?}");
    assert!(
        e.user_message().contains("Date, Amount, Region"),
        "{}",
        e.user_message()
    );
}

#[test]
fn a_mapping_override_wins_and_a_wrong_one_is_explained() {
    let bytes = fixture("accounts_basic.xlsx");
    let options = ImportOptions {
        overrides: vec![(Field::Potential, "Sales 2026".into())],
        ..ImportOptions::default()
    };
    let imported = import(&bytes, "a.xlsx", &options).unwrap();
    assert_eq!(
        imported.mapping.get(Field::Potential).unwrap().header,
        "Sales 2026"
    );
    assert_eq!(
        imported.mapping.get(Field::Potential).unwrap().confidence,
        1.0
    );

    let bad = ImportOptions {
        overrides: vec![(Field::Hours, "Time (h)".into())],
        ..ImportOptions::default()
    };
    let e = import(&bytes, "a.xlsx", &bad).unwrap_err();
    assert!(
        e.user_message().contains("no column headed \"Time (h)\""),
        "{}",
        e.user_message()
    );
    assert!(
        e.user_message().contains("Hours/week"),
        "{}",
        e.user_message()
    );

    let sheet = ImportOptions {
        sheet: Some("Nope".into()),
        ..ImportOptions::default()
    };
    let e = import(&bytes, "a.xlsx", &sheet).unwrap_err();
    assert!(
        e.user_message().contains("Accounts, Notes"),
        "{}",
        e.user_message()
    );
}

#[test]
fn the_sample_workbook_gives_every_category_and_both_flags() {
    let imported = open("sample_accounts.xlsx");
    assert_eq!(imported.dataset.accounts.len(), 40);
    let review = analyze(&imported.dataset, &Settings::default());
    for c in Category::ALL {
        assert!(review.accounts.iter().any(|a| a.category == c), "{c:?}");
    }
    for f in [Flag::TimeSink, Flag::UnderServed] {
        assert!(
            review.accounts.iter().any(|a| a.flags.contains(&f)),
            "{f:?}"
        );
    }
    let friend_sink = review
        .accounts
        .iter()
        .any(|a| a.flags.contains(&Flag::TimeSink) && a.reason.to_string().contains("friend"));
    assert!(friend_sink, "a friend among the time sinks");
}

/// Found by fuzzing (scripts/fuzz.sh): files that make calamine 0.38 panic — an xls whose
/// sector chain runs past the end (cfb.rs slice index), an xls chain of odd length (utils.rs
/// assertion), a cell reference whose column overflows (xlsx/mod.rs). Each must be refused as
/// damaged, with the usual message.
#[test]
fn fuzz_finds_are_refused_as_damaged() {
    let dir = format!("{}/tests/regressions", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let e = import(&bytes, &name, &ImportOptions::default()).unwrap_err();
        assert!(matches!(e, ImportError::Damaged(_)), "{name}: {e:?}");
        assert!(
            e.user_message().starts_with("This file looks damaged"),
            "{name}: {}",
            e.user_message()
        );
        seen += 1;
    }
    assert_eq!(seen, 3);
}

#[test]
fn a_stray_far_away_cell_is_read_sparsely() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Customer").unwrap();
    ws.write_string(0, 1, "Sales").unwrap();
    ws.write_string(1, 0, "Alpha").unwrap();
    ws.write_number(1, 1, 100.0).unwrap();
    ws.write_string(2, 0, "Beta").unwrap();
    ws.write_number(2, 1, 200.0).unwrap();
    ws.write_string(1_048_575, 16_383, "far away").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let imported = import(&bytes, "stray.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!(imported.dataset.accounts.len(), 2);
    let sheet = &imported.workbook.sheets[0];
    assert_eq!(
        sheet.cell_count(),
        7,
        "seven cells held, not a million rows"
    );
    assert_eq!(sheet.width(), 16_384);
}

#[test]
fn more_cells_than_the_limit_are_refused() {
    use account_lens_workbook::grid::Format;
    use account_lens_workbook::spreadsheet::read_spreadsheet_with_limit;
    let bytes = fixture("accounts_basic.xlsx");
    let e = read_spreadsheet_with_limit(&bytes, Format::Xlsx, 20).unwrap_err();
    assert_eq!(e, ImportError::TooManyCells { limit: 20 });
    assert!(
        e.user_message().contains("more than 20 cells"),
        "{}",
        e.user_message()
    );
    assert!(read_spreadsheet_with_limit(&bytes, Format::Xlsx, 1_000).is_ok());
}

/// A sheet of text cells, `None` for an empty one.
fn text_sheet(name: &str, rows: &[&[Option<&str>]]) -> account_lens_workbook::grid::Sheet {
    use account_lens_workbook::grid::{Cell, Row, Sheet, Value};
    Sheet {
        name: name.into(),
        rows: (0u32..)
            .zip(rows)
            .map(|(index, cells)| Row {
                index,
                cells: (0u32..)
                    .zip(cells.iter())
                    .filter_map(|(col, t)| Some(Cell::new(col, Value::Text((*t)?.into()))))
                    .collect(),
            })
            .filter(|r| !r.cells.is_empty())
            .collect(),
        ..Sheet::default()
    }
}

#[test]
fn an_overrides_sheet_is_read_leniently_and_not_analysed() {
    use account_lens_engine::{analyze_with, Override};
    use account_lens_workbook::overrides_sheet::OVERRIDES_MARKER;

    let sheet = text_sheet(
        "Overrides",
        &[
            &[Some(OVERRIDES_MARKER)],
            &[Some("Your category calls and notes …")],
            // Columns found by their headers, in any order.
            &[Some("Note"), Some("Account"), Some("Category")],
            &[
                Some("  call Friday "),
                Some(" summit clinics "),
                Some("at-risk"),
            ],
            &[Some("fine"), Some("Harbor Foods"), Some("Maybe later")],
            &[None, Some("Northwind Traders"), Some("MAINTAIN")],
            &[Some("no account"), None, Some("Grow")],
            &[None, Some("Corner Bistro"), None],
            &[],
            &[Some("gone"), Some("Gone Ltd"), None],
        ],
    );
    let mut workbook = open("accounts_basic.xlsx").workbook;
    workbook.sheets.insert(0, sheet);
    let imported = account_lens_workbook::understand(workbook, &ImportOptions::default()).unwrap();
    assert_eq!(imported.source.sheet, "Accounts");
    let call = |category, note: &str| Override {
        category,
        note: note.into(),
    };
    let expected = [
        (
            "summit clinics".to_string(),
            call(Some(Category::AtRisk), "call Friday"),
        ),
        ("Harbor Foods".to_string(), call(None, "fine")),
        (
            "Northwind Traders".to_string(),
            call(Some(Category::Maintain), ""),
        ),
        ("Gone Ltd".to_string(), call(None, "gone")),
    ]
    .into();
    assert_eq!(imported.overrides, expected);
    let review = analyze_with(&imported.dataset, &Settings::default(), &imported.overrides);
    let summit = review
        .accounts
        .iter()
        .find(|a| a.account == "Summit Clinics")
        .unwrap();
    assert_eq!(summit.category, Category::AtRisk);
    assert_eq!(summit.note.as_deref(), Some("call Friday"));
    assert_eq!(review.unmatched_overrides, ["Gone Ltd"]);
}

#[test]
fn a_workbook_without_an_overrides_sheet_has_none() {
    assert!(open("accounts_basic.xlsx").overrides.is_empty());
}

#[test]
fn annotation_blocks_with_and_without_the_note_column_are_measured() {
    use account_lens_workbook::mapping::{annotation_start, annotation_width, ANNOTATION_HEADERS};
    let headers = |names: &[&str]| -> Vec<(u32, String)> {
        (0u32..).zip(names.iter().map(|n| n.to_string())).collect()
    };
    let mut names = vec!["Customer", "Sales 2026"];
    names.extend(ANNOTATION_HEADERS);
    names.push("My next step");
    assert_eq!(ANNOTATION_HEADERS.last(), Some(&"Note"));
    assert_eq!(annotation_width(&headers(&names), 2), 11);
    // An export from before the Note column: ten columns, then the rep's own.
    let mut old = vec!["Customer", "Sales 2026"];
    old.extend(&ANNOTATION_HEADERS[..10]);
    old.push("My next step");
    let h = headers(&old);
    assert_eq!(annotation_start(&h), Some(2));
    assert_eq!(annotation_width(&h, 2), 10);
    assert_eq!(annotation_width(&h, 5), 0);
}
