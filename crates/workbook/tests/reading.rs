//! The "Check the reading" report on the committed fixtures (tests/fixtures, made by
//! scripts/make_fixtures.py) and on small in-memory files: the sheets to pick, the header row
//! with its column letters, and the first rows as a rep reads them in Excel.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::{analyze, column_letter, Settings};
use account_lens_workbook::mapping::ANNOTATION_HEADERS;
use account_lens_workbook::reading::{HeaderColumn, PreviewRow, SheetChoice};
use account_lens_workbook::{export, import, reading, ImportOptions, Imported, Reading, Shape};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn open(name: &str) -> Imported {
    open_bytes(&fixture(name), name)
}

fn open_bytes(bytes: &[u8], name: &str) -> Imported {
    import(bytes, name, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.user_message()))
}

/// Exports with the default settings and imports the export again.
fn round_trip(imported: &Imported) -> Imported {
    let settings = Settings::default();
    let review = analyze(&imported.dataset, &settings);
    let bytes = export(imported, &review, &settings).unwrap();
    open_bytes(&bytes, "exported.xlsx")
}

fn names(reading: &Reading) -> Vec<&str> {
    reading.headers.iter().map(|h| h.header.as_str()).collect()
}

fn letters(reading: &Reading) -> Vec<&str> {
    reading.headers.iter().map(|h| h.letter.as_str()).collect()
}

/// The preview cell under a header.
fn cell<'a>(reading: &'a Reading, row: usize, header: &str) -> &'a str {
    let at = reading
        .headers
        .iter()
        .position(|h| h.header == header)
        .unwrap_or_else(|| panic!("no header {header} in {:?}", names(reading)));
    &reading.preview[row].cells[at]
}

fn choice(name: &str, rows: usize) -> SheetChoice {
    SheetChoice {
        name: name.into(),
        rows,
    }
}

#[test]
fn basic_workbook_lists_both_sheets_and_the_header_on_row_4() {
    let r = reading(&open("accounts_basic.xlsx"), 3);
    // Title, subtitle, header, 11 accounts, total, footer; the blank rows 3 and 17 do not count.
    assert_eq!(r.sheets, [choice("Accounts", 16), choice("Notes", 2)]);
    assert_eq!(
        names(&r),
        [
            "Customer",
            "Segment",
            "Sales 2025",
            "Sales 2026",
            "Potential",
            "GM %",
            "Hours/week",
            "At risk",
            "Relationship",
            "Notes"
        ]
    );
    assert_eq!(
        letters(&r),
        ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
    );
    assert_eq!(
        r.headers[0],
        HeaderColumn {
            column: 0,
            letter: "A".into(),
            header: "Customer".into()
        }
    );
    let rows: Vec<u32> = r.preview.iter().map(|p| p.row).collect();
    assert_eq!(rows, [5, 6, 7]);
    assert!(r.preview.iter().all(|p| p.cells.len() == r.headers.len()));
    assert_eq!(cell(&r, 0, "Customer"), "Summit Clinics");
    assert_eq!(cell(&r, 0, "Sales 2025"), "410000");
    assert_eq!(cell(&r, 0, "Sales 2026"), "450000");
    assert_eq!(cell(&r, 0, "Potential"), "700000");
    assert_eq!(cell(&r, 0, "GM %"), "0.32");
    assert_eq!(cell(&r, 0, "Hours/week"), "2");
}

#[test]
fn preview_runs_to_the_total_and_footer_and_skips_blank_rows() {
    let r = reading(&open("accounts_basic.xlsx"), 100);
    let rows: Vec<u32> = r.preview.iter().map(|p| p.row).collect();
    let mut expected: Vec<u32> = (5..=16).collect();
    expected.push(18);
    assert_eq!(rows, expected);
    // Metro Print has no 2025 sales and no potential: empty, not 0.
    let metro = r
        .preview
        .iter()
        .position(|p| p.cells[0] == "Metro Print")
        .unwrap();
    assert_eq!(cell(&r, metro, "Sales 2025"), "");
    assert_eq!(cell(&r, metro, "Potential"), "");
    // The Total row's SUMs have no cached value here: the formula is shown, not a made-up 0.
    assert_eq!(cell(&r, 11, "Customer"), "Total");
    assert_eq!(cell(&r, 11, "Sales 2025"), "=SUM(C5:C15)");
    assert_eq!(
        cell(&r, 12, "Customer"),
        "Confidential — printed 2026-11-30 08:15"
    );
}

#[test]
fn cached_totals_read_as_their_values() {
    let r = reading(&open("accounts_cached.xlsx"), 100);
    let total = r
        .preview
        .iter()
        .position(|p| p.cells[0] == "Total")
        .unwrap();
    assert_eq!(cell(&r, total, "Sales 2025"), "1717000");
    assert_eq!(cell(&r, total, "Sales 2026"), "1764500");
    assert_eq!(cell(&r, total, "Hours/week"), "41");
}

#[test]
fn xls_and_ods_read_like_the_xlsx() {
    let xlsx = reading(&open("accounts_basic.xlsx"), 11);
    for name in ["accounts_basic.xls", "accounts_basic.ods"] {
        let r = reading(&open(name), 11);
        assert_eq!(r.headers, xlsx.headers, "{name}");
        assert_eq!(r.preview, xlsx.preview, "{name}");
    }
}

#[test]
fn messy_values_show_text_errors_and_formulas_as_written() {
    let r = reading(&open("messy_values.xlsx"), 10);
    assert_eq!(
        names(&r),
        ["Account", "Prior year", "Current", "Margin", "Hours"]
    );
    let row = |name: &str| {
        r.preview
            .iter()
            .position(|p| p.cells[0] == name)
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    let alpha = row("Alpha Co");
    assert_eq!(cell(&r, alpha, "Prior year"), "$1,234.50");
    assert_eq!(cell(&r, alpha, "Current"), "(500)");
    assert_eq!(cell(&r, alpha, "Margin"), "12%");
    assert_eq!(cell(&r, row("Beta GmbH"), "Prior year"), "1.234,50");
    assert_eq!(cell(&r, row("Gamma SA"), "Current"), "1500");
    assert_eq!(cell(&r, row("Gamma SA"), "Margin"), "0.1");
    assert_eq!(cell(&r, row("Delta Ltd"), "Current"), "=1/0");
    assert_eq!(cell(&r, row("Epsilon Inc"), "Current"), "#N/A");
    assert!(r.preview.iter().any(|p| p.cells[0] == "=Sum Partners"));
    assert!(r.preview.iter().any(|p| p.cells[0] == "+44 Trading"));

    let cached = reading(&open("messy_values_cached.xlsx"), 10);
    let delta = cached
        .preview
        .iter()
        .find(|p| p.cells[0] == "Delta Ltd")
        .unwrap();
    assert_eq!(delta.cells[2], "#DIV/0!");
}

#[test]
fn order_lines_preview_the_source_rows_with_iso_dates() {
    let imported = open("orders_export.xlsx");
    assert_eq!(imported.source.shape, Shape::Transactions);
    let r = reading(&imported, 5);
    // The header row and 595 order lines.
    assert_eq!(r.sheets, [choice("Orders", 596)]);
    assert_eq!(
        names(&r),
        [
            "Invoice Date",
            "Order No",
            "Customer",
            "Product",
            "Qty",
            "Net Value",
            "Cost"
        ]
    );
    assert_eq!(r.preview.len(), 5);
    assert_eq!(r.preview[0].row, 2);
    assert_eq!(cell(&r, 0, "Invoice Date"), "2025-01-08");
    assert_eq!(cell(&r, 0, "Order No"), "100001");
    // Money in cents, never with float noise or an exponent.
    for row in 0..r.preview.len() {
        for header in ["Net Value", "Cost"] {
            let text = cell(&r, row, header);
            assert!(text.parse::<f64>().is_ok(), "{text}");
            assert!(!text.contains(['e', 'E']), "{text}");
            assert!(
                text.split('.').nth(1).is_none_or(|d| d.len() <= 2),
                "{text}"
            );
        }
    }

    // The 1904 date system reads the same dates.
    let r1904 = reading(&open("orders_1904.xlsx"), 5);
    assert_eq!(r1904.preview, r.preview);
}

#[test]
fn report_with_an_empty_first_column_starts_at_b() {
    let r = reading(&open("sales_by_customer_report.xlsx"), 100);
    assert_eq!(
        names(&r),
        ["Customer", "Jan - Dec 2025", "Jan - Dec 2026", "Total"]
    );
    assert_eq!(letters(&r), ["B", "C", "D", "E"]);
    assert_eq!(r.headers[0].column, 1);
    assert_eq!(r.preview[0].row, 6);
    assert_eq!(r.preview[0].cells[0], "Healthcare");
    // Indentation is kept, as Excel shows it.
    assert_eq!(r.preview[1].cells[0], "   Summit Clinics");
    // The footer sits in column A, which has no header: nothing of it shows, so it is skipped.
    assert_eq!(r.preview.last().unwrap().cells[0], "TOTAL");
}

#[test]
fn csv_headers_get_letters_and_cells_stay_as_typed() {
    let csv = "Customer,,Sales 2025,Sales 2026,Note\n\
               Northwind,x,300000,240000.50,\n\
               ,,,,\n\
               Summit,,1e3,TRUE,call back\n";
    let imported = open_bytes(csv.as_bytes(), "accounts.csv");
    let r = reading(&imported, 10);
    assert_eq!(r.sheets, [choice("accounts", 3)]);
    assert_eq!(names(&r), ["Customer", "Sales 2025", "Sales 2026", "Note"]);
    assert_eq!(letters(&r), ["A", "C", "D", "E"]);
    assert_eq!(
        r.preview,
        [
            PreviewRow {
                row: 2,
                cells: vec![
                    "Northwind".into(),
                    "300000".into(),
                    "240000.50".into(),
                    String::new()
                ],
            },
            PreviewRow {
                row: 4,
                cells: vec![
                    "Summit".into(),
                    "1e3".into(),
                    "TRUE".into(),
                    "call back".into()
                ],
            },
        ]
    );
}

#[test]
fn header_below_a_title_and_a_short_preview() {
    let csv = "Territory review\n\nAccount,Last year,This year\nA1,1,2\nB2,3,4\nC3,5,6\n";
    let r = reading(&open_bytes(csv.as_bytes(), "review.csv"), 2);
    assert_eq!(names(&r), ["Account", "Last year", "This year"]);
    let rows: Vec<u32> = r.preview.iter().map(|p| p.row).collect();
    assert_eq!(rows, [4, 5]);
    let none = reading(&open_bytes(csv.as_bytes(), "review.csv"), 0);
    assert!(none.preview.is_empty());
    assert_eq!(none.headers, r.headers);
}

#[test]
fn annotation_columns_of_an_earlier_export_are_left_out() {
    let exported = round_trip(&open("accounts_basic.xlsx"));
    let r = reading(&exported, 3);
    let original = reading(&open("accounts_basic.xlsx"), 3);
    assert_eq!(r.headers, original.headers);
    assert_eq!(r.preview, original.preview);

    // A column the rep typed after the annotations is theirs and stays.
    let width = ANNOTATION_HEADERS.len();
    let csv = format!(
        "Customer,Sales 2025,Sales 2026,{},Next step\n\
         Northwind,300000,240000,At risk{},visit\n\
         Summit,100000,130000,Grow{},\n",
        ANNOTATION_HEADERS.join(","),
        ",x".repeat(width - 1),
        ",x".repeat(width - 1),
    );
    let r = reading(&open_bytes(csv.as_bytes(), "annotated.csv"), 5);
    assert_eq!(
        names(&r),
        ["Customer", "Sales 2025", "Sales 2026", "Next step"]
    );
    let next = column_letter(3 + width as u32);
    assert_eq!(letters(&r), ["A", "B", "C", next.as_str()]);
    assert_eq!(
        r.preview[0].cells,
        ["Northwind", "300000", "240000", "visit"]
    );
}

#[test]
fn generated_sheets_of_an_earlier_export_are_left_out() {
    let exported = round_trip(&open("accounts_basic.xlsx"));
    assert!(exported.workbook.sheets.iter().any(|s| s.name == "Summary"));
    let r = reading(&exported, 3);
    assert_eq!(r.sheets, [choice("Accounts", 16), choice("Notes", 2)]);

    // Order lines: the derived Accounts sheet is generated too.
    let orders = round_trip(&open("orders_export.xlsx"));
    assert!(orders.workbook.sheets.len() > 1);
    let r = reading(&orders, 1);
    assert_eq!(r.sheets, [choice("Orders", 596)]);
    assert_eq!(r.preview[0].cells[0], "2025-01-08");
}

#[test]
fn the_report_crosses_to_the_page_as_json() {
    let r = reading(&open("accounts_basic.xlsx"), 3);
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains(r#""letter":"A""#), "{json}");
    assert_eq!(serde_json::from_str::<Reading>(&json).unwrap(), r);
}

#[test]
fn a_long_sheet_previews_only_the_first_rows() {
    let mut csv = String::from("Customer,Sales 2025,Sales 2026\n");
    for i in 0..50_000 {
        csv.push_str(&format!("Account {i},{i},{}\n", i + 1));
    }
    let r = reading(&open_bytes(csv.as_bytes(), "long.csv"), 20);
    assert_eq!(r.sheets, [choice("long", 50_001)]);
    assert_eq!(r.preview.len(), 20);
    assert_eq!(r.preview[19].row, 21);
    assert_eq!(r.preview[19].cells, ["Account 19", "19", "20"]);
}
