#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The annotated export, read back by independent readers: calamine here, openpyxl and
//! LibreOffice through `tests/readback/`. Every original cell must come back where it was, with
//! its value and formula; the annotations, Summary and Settings must be there; an export must
//! import back to the same review and export again to the same bytes.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use account_lens_engine::{analyze, analyze_with, Category, Override, Overrides, Review, Settings};
use account_lens_workbook::grid::{Cell, Format, Row, Sheet, SourceWorkbook, Value};
use account_lens_workbook::mapping::ANNOTATION_HEADERS;
use account_lens_workbook::overrides_sheet::OVERRIDES_MARKER;
use account_lens_workbook::settings_sheet::{
    is_generated_sheet, DERIVED_ACCOUNTS_MARKER, SETTINGS_MARKER, SUMMARY_MARKER,
};
use account_lens_workbook::{
    export, import, understand, ExportError, ImportOptions, Imported, Shape,
};
use calamine::{Data, DataType, Range, Reader, Xlsx};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures")).join(name)
}

fn import_fixture(name: &str) -> Imported {
    let bytes = std::fs::read(fixture_path(name)).unwrap();
    import(&bytes, name, &ImportOptions::default()).unwrap()
}

/// Imports, analyses with the settings and overrides found in the file (or the defaults) and
/// exports.
fn export_imported(imported: &Imported) -> (Review, Vec<u8>) {
    let settings = imported.settings.clone().unwrap_or_default();
    let review = analyze_with(&imported.dataset, &settings, &imported.overrides);
    let bytes = export(imported, &review, &settings).unwrap();
    (review, bytes)
}

fn export_fixture(name: &str) -> (Imported, Review, Vec<u8>) {
    let imported = import_fixture(name);
    let (review, bytes) = export_imported(&imported);
    (imported, review, bytes)
}

/// The export as calamine sees it.
struct Readback {
    xlsx: Xlsx<Cursor<Vec<u8>>>,
}

impl Readback {
    fn new(bytes: &[u8]) -> Readback {
        Readback {
            xlsx: Xlsx::new(Cursor::new(bytes.to_vec())).unwrap(),
        }
    }

    fn sheet_names(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    fn values(&mut self, sheet: &str) -> Range<Data> {
        self.xlsx.worksheet_range(sheet).unwrap()
    }

    fn formulas(&mut self, sheet: &str) -> Range<String> {
        self.xlsx.worksheet_formula(sheet).unwrap()
    }
}

fn data_at(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn formula_at(range: &Range<String>, row: u32, col: u32) -> String {
    range.get_value((row, col)).cloned().unwrap_or_default()
}

fn text_at(range: &Range<Data>, row: u32, col: u32) -> String {
    match data_at(range, row, col) {
        Data::String(s) => s,
        other => panic!("expected text at ({row}, {col}), found {other:?}"),
    }
}

fn number_at(range: &Range<Data>, row: u32, col: u32) -> f64 {
    match data_at(range, row, col) {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        Data::DateTime(d) => d.as_f64(),
        other => panic!("expected a number at ({row}, {col}), found {other:?}"),
    }
}

/// Whether an exported cell holds the source cell's value.
fn same_value(source: &Value, exported: &Data) -> bool {
    match (source, exported) {
        (Value::Number(n), Data::Float(f)) => n == f,
        (Value::Number(n), Data::Int(i)) => *n == *i as f64,
        (Value::Date(d), Data::DateTime(dt)) => *d == dt.as_f64(),
        (Value::Text(t), Data::String(s)) => t == s,
        // A text file's numbers and ISO dates are typed in the export (export/typed.rs).
        (Value::Text(t), Data::Float(f)) => {
            let style = if t.contains(',') && !t.contains('.')
                || t.matches('.').count() > 1
                || t.rfind(',') > t.rfind('.')
            {
                account_lens_workbook::coerce::DecimalStyle::Comma
            } else {
                account_lens_workbook::coerce::DecimalStyle::Point
            };
            account_lens_workbook::coerce::parse_number(t, style)
                .is_some_and(|n| (n - f).abs() < 1e-9)
        }
        (Value::Text(t), Data::DateTime(d)) => account_lens_workbook::coerce::parse_date_text(t)
            .is_some_and(|(y, m, day)| {
                (account_lens_workbook::coerce::serial_from_civil(y, m, day) - d.as_f64()).abs()
                    < 1e-9
            }),
        (Value::Text(t), Data::Empty) => t.is_empty(),
        (Value::Bool(b), Data::Bool(e)) => b == e,
        (Value::Error(e), Data::Error(x)) => *e == x.to_string(),
        // A formula without a cached result keeps none: an empty text result, never 0.
        (Value::Uncalculated, Data::String(s)) => s.is_empty(),
        (Value::Uncalculated, Data::Empty) => true,
        _ => false,
    }
}

/// Asserts, cell by cell, that every original cell of every source sheet is in the export at
/// its position with its value and (for xlsx, xls) its formula. `annotated` skips an earlier
/// export's annotation columns on the analysed sheet, which are rewritten.
fn assert_cells_preserved(imported: &Imported, bytes: &[u8]) {
    let mut back = Readback::new(bytes);
    let names = back.sheet_names();
    for sheet in imported
        .workbook
        .sheets
        .iter()
        .filter(|s| !is_generated_sheet(s))
    {
        assert!(
            names.contains(&sheet.name),
            "sheet {:?} missing from {names:?}",
            sheet.name
        );
        let values = back.values(&sheet.name);
        let formulas = back.formulas(&sheet.name);
        let skip_from = annotation_block(sheet, imported);
        let mut checked = 0;
        for row in &sheet.rows {
            for cell in row
                .cells
                .iter()
                .filter(|c| skip_from.is_none_or(|s| c.col < s))
            {
                let exported = data_at(&values, row.index, cell.col);
                assert!(
                    same_value(&cell.value, &exported),
                    "{}: cell ({}, {}) was {:?}, exported as {exported:?}",
                    sheet.name,
                    row.index,
                    cell.col,
                    cell.value
                );
                if let (Some(formula), Format::Xlsx | Format::Xls) =
                    (&cell.formula, imported.workbook.format)
                {
                    assert_eq!(
                        formula_at(&formulas, row.index, cell.col),
                        &**formula,
                        "{} ({}, {})",
                        sheet.name,
                        row.index,
                        cell.col
                    );
                }
                checked += 1;
            }
        }
        assert_eq!(
            checked,
            sheet
                .rows
                .iter()
                .map(|r| r
                    .cells
                    .iter()
                    .filter(|c| skip_from.is_none_or(|s| c.col < s))
                    .count())
                .sum::<usize>()
        );
    }
}

/// The annotation block an earlier export left on the analysed sheet, if any.
fn annotation_block(sheet: &Sheet, imported: &Imported) -> Option<u32> {
    if sheet.name != imported.source.sheet {
        return None;
    }
    let header = sheet
        .rows
        .iter()
        .find(|r| r.index + 1 == imported.source.header_row)?;
    header
        .cells
        .iter()
        .find(|c| c.value == Value::Text("Category".into()))
        .map(|c| c.col)
}

/// Asserts the annotation headers on `row` from `col`.
fn assert_annotation_headers(values: &Range<Data>, row: u32, col: u32) {
    for (i, header) in (0u32..).zip(ANNOTATION_HEADERS) {
        assert_eq!(
            text_at(values, row, col + i),
            header,
            "annotation header {i}"
        );
    }
}

/// The zero-based row of an account name in a column.
fn row_of(values: &Range<Data>, col: u32, name: &str) -> u32 {
    let (start, end) = (values.start().unwrap(), values.end().unwrap());
    (start.0..=end.0)
        .find(|r| matches!(data_at(values, *r, col), Data::String(s) if s.trim() == name))
        .unwrap_or_else(|| panic!("no row for {name}"))
}

#[test]
fn accounts_basic_keeps_every_cell_and_gets_annotations() {
    let (imported, review, bytes) = export_fixture("accounts_basic.xlsx");
    assert_cells_preserved(&imported, &bytes);
    let mut back = Readback::new(&bytes);
    assert_eq!(
        back.sheet_names(),
        ["Accounts", "Notes", "Summary", "Settings"]
    );
    let values = back.values("Accounts");
    // Header on row 4, last original column J: annotations from K.
    assert_annotation_headers(&values, 3, 10);
    assert_eq!(
        values.end().unwrap().1,
        10 + ANNOTATION_HEADERS.len() as u32 - 1
    );
    let northwind = row_of(&values, 0, "Northwind Traders");
    assert_eq!(text_at(&values, northwind, 10), "At risk");
    assert_eq!(
        text_at(&values, row_of(&values, 0, "Summit Clinics"), 10),
        "Grow"
    );
    for a in &review.accounts {
        let row = a.row.unwrap() - 1;
        assert_eq!(text_at(&values, row, 0), a.account);
        assert_eq!(
            text_at(&values, row, 10),
            a.category.label(),
            "{}",
            a.account
        );
        assert_eq!(text_at(&values, row, 11), a.tier.label());
        assert_eq!(text_at(&values, row, 13), a.reason.to_string());
        if let Some(p) = a.projected_sales {
            assert_eq!(number_at(&values, row, 14), p);
        }
        if let Some(g) = a.growth {
            assert_eq!(number_at(&values, row, 15), g);
        }
    }
    let blue_ridge = row_of(&values, 0, "Blue Ridge Supply");
    assert_eq!(text_at(&values, blue_ridge, 10), "At risk");
    // The Total row and the footer are not annotated.
    assert_eq!(data_at(&values, 15, 10), Data::Empty);
    assert_eq!(data_at(&values, 17, 10), Data::Empty);
    // The Notes sheet comes through.
    let notes = back.values("Notes");
    assert_eq!(text_at(&notes, 1, 0), "Call Summit about the new sites");
}

#[test]
fn annotations_are_tinted_filtered_and_frozen() {
    let (_, _, bytes) = export_fixture("accounts_basic.xlsx");
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<autoFilter ref="A4:U15"/>"#), "{sheet}");
    assert!(
        sheet.contains(
            r#"<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<mergeCell ref="A1:F1"/>"#));
    // Rows are tinted by conditional formats on the Category column K.
    assert!(
        sheet.contains(r#"<conditionalFormatting sqref="A5:U15">"#),
        "{sheet}"
    );
    for category in ["Grow", "Maintain", "At risk"] {
        assert!(
            sheet.contains(&format!("<formula>$K5=\"{category}\"</formula>")),
            "{category}"
        );
    }
    let styles = zip_part(&bytes, "xl/styles.xml");
    for color in ["FFE2EFDA", "FFDDE4EE", "FFF8D7DA"] {
        assert!(styles.contains(color), "tint {color} missing");
    }
    assert!(styles.contains(r#"formatCode="0.0%""#));
}

/// One part of the xlsx zip as text.
fn zip_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut part = archive.by_name(name).unwrap();
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn cached_formulas_come_back_as_numbers_with_their_formula() {
    let (imported, _, bytes) = export_fixture("accounts_cached.xlsx");
    assert_cells_preserved(&imported, &bytes);
    let mut back = Readback::new(&bytes);
    let values = back.values("Accounts");
    let formulas = back.formulas("Accounts");
    for (col, total, formula) in [
        (2, 1_717_000.0, "SUM(C5:C15)"),
        (3, 1_764_500.0, "SUM(D5:D15)"),
        (6, 41.0, "SUM(G5:G15)"),
    ] {
        assert_eq!(number_at(&values, 15, col), total);
        assert_eq!(formula_at(&formulas, 15, col), formula);
    }
}

#[test]
fn formulas_without_results_stay_unknown_not_zero() {
    let (_, _, bytes) = export_fixture("accounts_basic.xlsx");
    let mut back = Readback::new(&bytes);
    let values = back.values("Accounts");
    assert_eq!(data_at(&values, 15, 2), Data::String(String::new()));
    assert_eq!(formula_at(&back.formulas("Accounts"), 15, 2), "SUM(C5:C15)");
}

#[test]
fn messy_values_keep_text_errors_and_formulas() {
    for name in ["messy_values.xlsx", "messy_values_cached.xlsx"] {
        let (imported, _, bytes) = export_fixture(name);
        assert_cells_preserved(&imported, &bytes);
        let mut back = Readback::new(&bytes);
        let values = back.values("Accounts");
        let formulas = back.formulas("Accounts");
        // Text that looks like a formula or a number stays text, with no formula.
        assert_eq!(data_at(&values, 6, 0), Data::String("+44 Trading".into()));
        assert_eq!(data_at(&values, 7, 0), Data::String("=Sum Partners".into()));
        assert_eq!(formula_at(&formulas, 7, 0), "");
        assert_eq!(data_at(&values, 1, 1), Data::String("$1,234.50".into()));
        // Epsilon's #N/A is an error, written as the error literal formula.
        assert_eq!(
            data_at(&values, 5, 2),
            Data::Error(calamine::CellErrorType::NA)
        );
        assert_eq!(formula_at(&formulas, 5, 2), "#N/A");
        assert_eq!(formula_at(&formulas, 4, 2), "1/0");
    }
    let (_, _, bytes) = export_fixture("messy_values_cached.xlsx");
    let values = Readback::new(&bytes).values("Accounts");
    assert_eq!(
        data_at(&values, 4, 2),
        Data::Error(calamine::CellErrorType::Div0)
    );
}

#[test]
fn report_with_offset_header_keeps_its_layout() {
    let (imported, review, bytes) = export_fixture("sales_by_customer_report.xlsx");
    assert_cells_preserved(&imported, &bytes);
    let values = Readback::new(&bytes).values("Sales by Customer");
    // Header in B5:E5, so the annotations start at F5.
    assert_annotation_headers(&values, 4, 5);
    assert_eq!(
        text_at(&values, row_of(&values, 1, "Northwind Traders"), 5),
        "At risk"
    );
    for a in &review.accounts {
        assert_eq!(text_at(&values, a.row.unwrap() - 1, 5), a.category.label());
    }
    // Subtotal rows are not annotated.
    assert_eq!(
        data_at(&values, row_of(&values, 1, "Total for Healthcare"), 5),
        Data::Empty
    );
}

#[test]
fn order_lines_get_a_derived_accounts_sheet() {
    for name in ["orders_export.xlsx", "orders_1904.xlsx"] {
        let (imported, review, bytes) = export_fixture(name);
        assert_eq!(imported.source.shape, Shape::Transactions);
        assert_cells_preserved(&imported, &bytes);
        let mut back = Readback::new(&bytes);
        assert_eq!(
            back.sheet_names(),
            ["Orders", "Accounts", "Summary", "Settings"]
        );
        // The order sheet is copied as is: no annotation columns.
        assert_eq!(back.values("Orders").end().unwrap().1, 6);
        let accounts = back.values("Accounts");
        assert_eq!(text_at(&accounts, 0, 0), DERIVED_ACCOUNTS_MARKER);
        assert_eq!(text_at(&accounts, 3, 0), "Account");
        assert_annotation_headers(&accounts, 3, 5);
        assert_eq!(review.accounts.len(), 6);
        for (row, a) in (4u32..).zip(&review.accounts) {
            assert_eq!(text_at(&accounts, row, 0), a.account);
            assert_eq!(number_at(&accounts, row, 2), a.current_sales.unwrap());
            assert_eq!(text_at(&accounts, row, 5), a.category.label());
        }
    }
}

#[test]
fn xls_ods_and_text_sources_are_copied() {
    for name in [
        "accounts_basic.xls",
        "accounts_basic.ods",
        "accounts_eu.csv",
        "accounts_utf16.tsv",
        "sample_accounts.xlsx",
    ] {
        let (imported, review, bytes) = export_fixture(name);
        assert_cells_preserved(&imported, &bytes);
        let mut back = Readback::new(&bytes);
        let values = back.values(&imported.source.sheet);
        let header = imported.source.header_row - 1;
        let start = imported
            .workbook
            .sheets
            .iter()
            .find(|s| s.name == imported.source.sheet)
            .unwrap()
            .width();
        assert_annotation_headers(&values, header, start);
        for a in &review.accounts {
            assert_eq!(
                text_at(&values, a.row.unwrap() - 1, start),
                a.category.label(),
                "{name}: {}",
                a.account
            );
        }
    }
    // OpenDocument formulas are translated to Excel syntax.
    let (_, _, bytes) = export_fixture("accounts_basic.ods");
    let formulas = Readback::new(&bytes).formulas("Accounts");
    assert_eq!(formula_at(&formulas, 15, 2), "SUM(C5:C15)");
}

#[test]
fn summary_uses_live_formulas_with_cached_values() {
    let (_, review, bytes) = export_fixture("accounts_basic.xlsx");
    let mut back = Readback::new(&bytes);
    let values = back.values("Summary");
    let formulas = back.formulas("Summary");
    assert_eq!(text_at(&values, 0, 0), SUMMARY_MARKER);
    let headers: Vec<String> = (0..9).map(|c| text_at(&values, 3, c)).collect();
    assert_eq!(
        headers,
        [
            "Category",
            "Accounts",
            "Sales",
            "Gross profit",
            "Hours",
            "Time share",
            "Value share",
            "Upside",
            "Est. deterioration"
        ]
    );
    for (row, category) in (4u32..).zip(Category::ALL) {
        let s = review.summary.category(category);
        assert_eq!(text_at(&values, row, 0), category.label());
        assert_eq!(number_at(&values, row, 1), s.accounts as f64);
        assert_eq!(number_at(&values, row, 2), s.sales);
        assert_eq!(number_at(&values, row, 3), s.gross_profit);
        assert_eq!(number_at(&values, row, 4), s.hours);
        assert_eq!(number_at(&values, row, 5), s.time_share);
        assert_eq!(number_at(&values, row, 6), s.value_share);
        assert_eq!(number_at(&values, row, 7), s.upside);
        assert_eq!(number_at(&values, row, 8), s.deterioration);
        let excel_row = row + 1;
        assert_eq!(
            formula_at(&formulas, row, 1),
            format!("COUNTIF('Accounts'!$K$5:$K$15,$A{excel_row})")
        );
        assert_eq!(
            formula_at(&formulas, row, 2),
            format!("SUMIF('Accounts'!$K$5:$K$15,$A{excel_row},'Accounts'!$O$5:$O$15)")
        );
        assert_eq!(
            formula_at(&formulas, row, 4),
            format!("SUMIF('Accounts'!$K$5:$K$15,$A{excel_row},'Accounts'!$G$5:$G$15)")
        );
        assert_eq!(
            formula_at(&formulas, row, 5),
            format!("IF($E$8=0,0,E{excel_row}/$E$8)")
        );
        // Gross profit and value share are in no column: values.
        assert_eq!(formula_at(&formulas, row, 3), "");
        assert_eq!(formula_at(&formulas, row, 6), "");
    }
    assert_eq!(text_at(&values, 7, 0), "Total");
    assert_eq!(number_at(&values, 7, 1), review.accounts.len() as f64);
    assert_eq!(formula_at(&formulas, 7, 1), "SUM(B5:B7)");
    let chart = zip_part(&bytes, "xl/charts/chart1.xml");
    assert!(chart.contains("Time share vs value share"));
    assert!(
        chart.contains(r#"<c:barDir val="col"/>"#)
            && chart.contains(r#"<c:grouping val="clustered"/>"#)
    );
}

#[test]
fn summary_falls_back_to_values_where_a_formula_would_differ() {
    // Hours written as text: a SUMIF would add up to 0, so hours are values.
    let (_, review, bytes) = export_fixture("accounts_eu.csv");
    let mut back = Readback::new(&bytes);
    let formulas = back.formulas("Summary");
    let values = back.values("Summary");
    assert_eq!(formula_at(&formulas, 4, 4), "");
    assert_eq!(number_at(&values, 4, 4), review.summary.grow.hours);
    assert!(formula_at(&formulas, 4, 1).starts_with("COUNTIF("));
}

#[test]
fn settings_are_written_and_read_back() {
    let imported = import_fixture("accounts_basic.xlsx");
    assert_eq!(imported.settings, None);
    let mut changed = Settings::default();
    assert!(changed.set("grow_upside", 0.3));
    assert!(changed.set("time_sink_ratio", 2.5));
    let review = analyze(&imported.dataset, &changed);
    let bytes = export(&imported, &review, &changed).unwrap();
    let again = import(&bytes, "accounts_basic.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!(again.settings, Some(changed.clone()));

    let mut back = Readback::new(&bytes);
    let values = back.values("Settings");
    assert_eq!(text_at(&values, 0, 0), SETTINGS_MARKER);
    assert_eq!(
        (
            text_at(&values, 2, 0),
            text_at(&values, 2, 1),
            text_at(&values, 2, 2)
        ),
        ("Setting".into(), "Value".into(), "Key".into())
    );
    for (row, setting) in (3u32..).zip(changed.rows()) {
        assert_eq!(text_at(&values, row, 0), setting.label);
        assert_eq!(number_at(&values, row, 1), setting.value);
        assert_eq!(text_at(&values, row, 2), setting.key);
    }
    // The column mapping and the source are listed.
    let all: Vec<String> = values
        .rows()
        .flat_map(|r| {
            r.iter()
                .filter_map(|d| d.get_string().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();
    for expected in [
        "Column mapping",
        "Field",
        "Header",
        "Confidence",
        "Why",
        "prior_sales",
        "Sales 2025",
        "Hours/week",
        "Source",
        "Accounts",
    ] {
        assert!(
            all.iter().any(|t| t == expected),
            "{expected} missing from Settings"
        );
    }
}

#[test]
fn projection_rule_is_written_for_partial_years() {
    let (imported, _, bytes) = export_fixture("orders_export.xlsx");
    let rule = &imported.dataset.projection.as_ref().unwrap().rule;
    let values = Readback::new(&bytes).values("Settings");
    assert!(values
        .rows()
        .any(|r| r.iter().any(|d| d.get_string() == Some(rule.as_str()))));
}

#[test]
fn importing_an_export_restores_the_review_and_exporting_again_changes_nothing() {
    for name in [
        "accounts_basic.xlsx",
        "accounts_cached.xlsx",
        "messy_values.xlsx",
        "sales_by_customer_report.xlsx",
        "orders_export.xlsx",
        "accounts_basic.ods",
    ] {
        let (imported, review, bytes) = export_fixture(name);
        let again = import(&bytes, name, &ImportOptions::default()).unwrap();
        assert_eq!(again.source.sheet, imported.source.sheet, "{name}");
        assert_eq!(
            again.source.header_row, imported.source.header_row,
            "{name}"
        );
        let (review_again, bytes_again) = export_imported(&again);
        assert_eq!(
            review_again.accounts, review.accounts,
            "{name}: the review changed"
        );
        assert_eq!(review_again.summary, review.summary, "{name}");
        assert_cells_preserved(&again, &bytes_again);

        let mut first = Readback::new(&bytes);
        let mut second = Readback::new(&bytes_again);
        assert_eq!(first.sheet_names(), second.sheet_names(), "{name}");
        for sheet in first.sheet_names() {
            assert_eq!(
                first.values(&sheet).get_size(),
                second.values(&sheet).get_size(),
                "{name}: {sheet}"
            );
        }
        // From an xlsx source nothing differs at all (the Settings sheet names the file format).
        if imported.workbook.format == Format::Xlsx {
            assert!(
                bytes_again == bytes,
                "{name}: exporting an export gives different bytes"
            );
        }
    }
}

#[test]
fn two_exports_are_byte_identical() {
    let (imported, review, bytes) = export_fixture("accounts_basic.xlsx");
    let settings = Settings::default();
    assert_eq!(export(&imported, &review, &settings).unwrap(), bytes);
    let (imported, review, bytes) = export_fixture("orders_export.xlsx");
    assert_eq!(export(&imported, &review, &settings).unwrap(), bytes);
    assert!(zip_part(&bytes, "docProps/core.xml").contains("2026-01-01T00:00:00Z"));
}

/// A copy of accounts_basic.xlsx with extra sheets, imported as if read from a file.
fn accounts_basic_with(extra: Vec<Sheet>) -> Imported {
    let mut workbook: SourceWorkbook = import_fixture("accounts_basic.xlsx").workbook;
    workbook.sheets.extend(extra);
    understand(workbook, &ImportOptions::default()).unwrap()
}

fn text_sheet(name: &str, cells: &[(u32, u32, &str)]) -> Sheet {
    let mut rows: Vec<Row> = Vec::new();
    for &(row, col, text) in cells {
        match rows.last_mut() {
            Some(last) if last.index == row => {
                last.cells.push(Cell::new(col, Value::Text(text.into())))
            }
            _ => rows.push(Row {
                index: row,
                cells: vec![Cell::new(col, Value::Text(text.into()))],
            }),
        }
    }
    Sheet {
        name: name.into(),
        rows,
        ..Sheet::default()
    }
}

#[test]
fn added_sheets_give_way_to_the_reps_own_names() {
    let imported = accounts_basic_with(vec![
        text_sheet("Summary", &[(0, 0, "My own summary")]),
        text_sheet("settings", &[(0, 0, "Mine")]),
    ]);
    let (_, bytes) = export_imported(&imported);
    let mut back = Readback::new(&bytes);
    assert_eq!(
        back.sheet_names(),
        [
            "Accounts",
            "Notes",
            "Summary",
            "settings",
            "Summary (Account Lens)",
            "Settings (Account Lens)"
        ]
    );
    assert_eq!(text_at(&back.values("Summary"), 0, 0), "My own summary");
    assert_eq!(
        text_at(&back.values("Summary (Account Lens)"), 0, 0),
        SUMMARY_MARKER
    );
    // Exported again: the generated sheets are replaced, never doubled.
    let again = import(&bytes, "x.xlsx", &ImportOptions::default()).unwrap();
    let (_, bytes_again) = export_imported(&again);
    assert_eq!(
        Readback::new(&bytes_again).sheet_names(),
        back.sheet_names()
    );
}

#[test]
fn hidden_sheets_stay_hidden_and_the_annotated_sheet_opens_first() {
    let mut hidden = text_sheet("Workings", &[(0, 0, "scratch")]);
    hidden.hidden = true;
    let imported = accounts_basic_with(vec![hidden]);
    let (_, bytes) = export_imported(&imported);
    let back = Readback::new(&bytes);
    let visible: Vec<(String, calamine::SheetVisible)> = back
        .xlsx
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    assert!(
        visible.contains(&("Workings".into(), calamine::SheetVisible::Hidden)),
        "{visible:?}"
    );
    assert!(visible.contains(&("Notes".into(), calamine::SheetVisible::Visible)));

    // Order lines: the derived account sheet (second) is the one the workbook opens on.
    let (_, _, bytes) = export_fixture("orders_export.xlsx");
    assert!(zip_part(&bytes, "xl/workbook.xml").contains(r#"activeTab="1""#));
}

#[test]
fn a_csv_name_excel_refuses_is_made_valid_and_formulas_follow_it() {
    let csv =
        "Customer,Sales 2025,Sales 2026,Hours\nNorthwind,300000,240000,5\nSummit,100000,130000,2\n";
    let file = "Key accounts [2026]: final version for the review.csv";
    let imported = import(csv.as_bytes(), file, &ImportOptions::default()).unwrap();
    let (review, bytes) = export_imported(&imported);
    let mut back = Readback::new(&bytes);
    let name = back.sheet_names().remove(0);
    assert_eq!(name, "Key accounts _2026__ final vers");
    let values = back.values(&name);
    assert_eq!(text_at(&values, 1, 0), "Northwind");
    // CSV cells that are plainly numbers are numbers in the workbook, so the rep's SUMs work.
    assert_eq!(data_at(&values, 1, 1), Data::Float(300000.0));
    assert_eq!(text_at(&values, 1, 4), review.accounts[0].category.label());
    let formula = formula_at(&back.formulas("Summary"), 4, 1);
    assert_eq!(
        formula,
        "COUNTIF('Key accounts _2026__ final vers'!$E$2:$E$3,$A5)"
    );
}

#[test]
fn cells_beyond_excel_limits_are_refused_with_a_clear_message() {
    let mut wide = text_sheet("Wide", &[(0, 0, "a")]);
    wide.rows[0]
        .cells
        .push(Cell::new(20_000, Value::Text("far".into())));
    let imported = accounts_basic_with(vec![wide]);
    let review = analyze(&imported.dataset, &Settings::default());
    let error = export(&imported, &review, &Settings::default()).unwrap_err();
    assert!(
        matches!(&error, ExportError::Cell { sheet, cell, .. } if sheet == "Wide" && cell.ends_with('1')),
        "{error:?}"
    );
    assert!(
        error.user_message().contains("16,384 columns"),
        "{}",
        error.user_message()
    );

    let long = "x".repeat(40_000);
    let imported = accounts_basic_with(vec![text_sheet("Long", &[(2, 1, &long)])]);
    let error = export(&imported, &review, &Settings::default()).unwrap_err();
    assert!(
        matches!(&error, ExportError::Cell { cell, .. } if cell == "B3"),
        "{error:?}"
    );
    assert!(error.user_message().contains("32,767 characters"));
}

#[test]
fn a_missing_analysed_sheet_is_reported() {
    let mut imported = import_fixture("accounts_basic.xlsx");
    imported.source.sheet = "Gone".into();
    let review = analyze(&imported.dataset, &Settings::default());
    let error = export(&imported, &review, &Settings::default()).unwrap_err();
    assert!(matches!(error, ExportError::MissingSheet(ref s) if s == "Gone"));
    assert!(error.user_message().contains("\"Gone\""));
}

/// Whether an external reader is available; when it is not, the test fails if CI asked for
/// every tool (`ACCOUNT_LENS_REQUIRE_TOOLS=1`) and is skipped, loudly, otherwise.
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

/// A fresh scratch directory under the system temp dir.
fn scratch_dir(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("account-lens-export-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn openpyxl_reads_every_source_cell_back() {
    if !tool_available(
        Command::new("python3").args(["-c", "import openpyxl"]),
        "python3/openpyxl",
    ) {
        return;
    }
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/readback/check_export.py"
    );
    let dir = scratch_dir("openpyxl");
    for name in [
        "accounts_basic.xlsx",
        "accounts_cached.xlsx",
        "messy_values.xlsx",
        "messy_values_cached.xlsx",
        "sales_by_customer_report.xlsx",
        "orders_export.xlsx",
    ] {
        let (_, _, bytes) = export_fixture(name);
        let out = dir.join(name);
        std::fs::write(&out, &bytes).unwrap();
        let run = Command::new("python3")
            .arg(script)
            .arg(&out)
            .arg(fixture_path(name))
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
    // The checker itself fails on a mismatch: the source against a different workbook.
    let out = dir.join("accounts_basic.xlsx");
    let run = Command::new("python3")
        .arg(script)
        .arg(&out)
        .arg(fixture_path("sales_by_customer_report.xlsx"))
        .output()
        .unwrap();
    assert!(
        !run.status.success(),
        "check_export.py passed a mismatching pair"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn libreoffice_opens_the_export() {
    if !tool_available(
        Command::new("soffice").arg("--version"),
        "soffice (LibreOffice)",
    ) {
        return;
    }
    let dir = scratch_dir("soffice");
    let (imported, review, bytes) = export_fixture("accounts_basic.xlsx");
    let file = dir.join("export.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    let run = Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "-env:UserInstallation=file:///tmp/lo-export-test",
            "--convert-to",
            "ods",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    let converted = dir.join("export.ods");
    assert!(
        run.status.success() && converted.exists(),
        "LibreOffice could not convert the export: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    // What LibreOffice saved reads back as the same workbook and the same review.
    let ods = std::fs::read(&converted).unwrap();
    let again = import(&ods, "export.ods", &ImportOptions::default()).unwrap();
    assert_eq!(again.settings, Some(Settings::default()));
    let names: Vec<&str> = again
        .workbook
        .sheets
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Accounts", "Notes", "Summary", "Settings"]);
    let review_again = analyze(&again.dataset, &Settings::default());
    assert_eq!(review_again.accounts, review.accounts);
    // LibreOffice recalculated the Summary's formulas: they agree with the review.
    let summary = again
        .workbook
        .sheets
        .iter()
        .find(|s| s.name == "Summary")
        .unwrap();
    let number = |row: u32, col: u32| match summary
        .rows
        .iter()
        .find(|r| r.index == row)
        .and_then(|r| r.value(col))
    {
        Some(Value::Number(n)) => *n,
        other => panic!("Summary ({row}, {col}) is {other:?}"),
    };
    for (row, category) in (4u32..).zip(Category::ALL) {
        let s = review.summary.category(category);
        assert_eq!(number(row, 1), s.accounts as f64);
        assert!((number(row, 2) - s.sales).abs() < 1e-6);
        assert!((number(row, 5) - s.time_share).abs() < 1e-9);
    }
    let source = imported
        .workbook
        .sheets
        .iter()
        .find(|s| s.name == "Notes")
        .unwrap();
    let notes = again
        .workbook
        .sheets
        .iter()
        .find(|s| s.name == "Notes")
        .unwrap();
    assert_eq!(notes.rows, source.rows);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A note far to the right of the table (column XEZ) must not push the annotation columns off
/// the grid: they go right of the header row and the account rows.
#[test]
fn a_stray_far_away_cell_does_not_move_the_annotations() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Accounts").unwrap();
    ws.write_row(0, 0, ["Customer", "Sales 2025", "Sales 2026"])
        .unwrap();
    ws.write_string(1, 0, "Acme").unwrap();
    ws.write_row(1, 1, [100.0, 80.0]).unwrap();
    ws.write_string(39, 16_379, "far away").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let imported = import(&bytes, "stray.xlsx", &ImportOptions::default()).unwrap();
    let (_, exported) = export_imported(&imported);
    let mut back = Readback::new(&exported);
    let range = back.values("Accounts");
    assert_eq!(text_at(&range, 0, 3), "Category");
    assert_eq!(text_at(&range, 1, 3), "At risk");
    assert_eq!(text_at(&range, 39, 16_379), "far away");
}

/// A column the rep added after the annotation columns survives a re-import and re-export, and
/// the annotations are not doubled.
#[test]
fn a_column_added_after_the_annotations_survives_a_second_export() {
    let (_, _, first) = export_fixture("accounts_basic.xlsx");
    // Add "My next step" right of "Sales share" (annotations start at K on row 4 = index 3).
    let annotations_start = 10u32;
    let added_col = annotations_start + ANNOTATION_HEADERS.len() as u32;
    let mut workbook = account_lens_workbook::read_workbook(&first, "first").unwrap();
    let sheet = workbook
        .sheets
        .iter_mut()
        .find(|s| s.name == "Accounts")
        .unwrap();
    for row in &mut sheet.rows {
        let text = match row.index {
            3 => "My next step",
            4 => "Call about the new sites",
            _ => continue,
        };
        row.cells
            .push(Cell::new(added_col, Value::Text(text.into())));
    }
    let imported = account_lens_workbook::understand(workbook, &ImportOptions::default()).unwrap();
    assert_eq!(imported.dataset.accounts.len(), 11);
    let (_, second) = export_imported(&imported);
    let mut back = Readback::new(&second);
    let range = back.values("Accounts");
    assert_eq!(text_at(&range, 3, annotations_start), "Category");
    assert_eq!(text_at(&range, 3, added_col), "My next step");
    assert_eq!(text_at(&range, 4, added_col), "Call about the new sites");
    // No second block of annotations after the rep's column.
    assert_eq!(data_at(&range, 3, added_col + 1), Data::Empty);
}

fn overrides_of(calls: &[(&str, Option<Category>, &str)]) -> Overrides {
    calls
        .iter()
        .map(|(name, category, note)| {
            (
                (*name).to_string(),
                Override {
                    category: *category,
                    note: (*note).to_string(),
                },
            )
        })
        .collect()
}

/// Summit called at risk with a note, Harbor given a note only, Northwind called Maintain.
fn basic_with_overrides() -> (Imported, Overrides, Review, Vec<u8>) {
    let imported = import_fixture("accounts_basic.xlsx");
    let overrides = overrides_of(&[
        (
            "Summit Clinics",
            Some(Category::AtRisk),
            "New buyer, no relationship yet",
        ),
        ("Harbor Foods", None, "Renewal in May"),
        ("Northwind Traders", Some(Category::Maintain), ""),
    ]);
    let settings = Settings::default();
    let review = analyze_with(&imported.dataset, &settings, &overrides);
    let bytes = export(&imported, &review, &settings).unwrap();
    (imported, overrides, review, bytes)
}

#[test]
fn your_calls_and_notes_are_in_the_annotations_and_the_overrides_sheet() {
    let (imported, _, review, bytes) = basic_with_overrides();
    assert_cells_preserved(&imported, &bytes);
    let mut back = Readback::new(&bytes);
    assert_eq!(
        back.sheet_names(),
        ["Accounts", "Notes", "Summary", "Settings", "Overrides"]
    );
    let values = back.values("Accounts");
    assert_annotation_headers(&values, 3, 10);
    assert_eq!(text_at(&values, 3, 20), "Note");

    let summit = row_of(&values, 0, "Summit Clinics");
    assert_eq!(text_at(&values, summit, 10), "At risk");
    assert_eq!(
        text_at(&values, summit, 13),
        "Your call: At risk (the rules said Grow: upside 250,000 (56% of projected sales \
         450,000) against potential 700,000); estimated deterioration 112,500 (25% of sales). \
         Under-served: 4.9% of your time for 29% of gross profit"
    );
    assert_eq!(number_at(&values, summit, 17), 112_500.0);
    assert_eq!(
        text_at(&values, summit, 20),
        "New buyer, no relationship yet"
    );

    let northwind = row_of(&values, 0, "Northwind Traders");
    assert_eq!(text_at(&values, northwind, 10), "Maintain");
    assert!(text_at(&values, northwind, 13)
        .starts_with("Your call: Maintain (the rules said At risk: sales down 20%"));
    assert_eq!(data_at(&values, northwind, 17), Data::Empty);
    assert_eq!(data_at(&values, northwind, 20), Data::Empty);

    let harbor = row_of(&values, 0, "Harbor Foods");
    assert_eq!(text_at(&values, harbor, 10), "Maintain");
    assert!(!text_at(&values, harbor, 13).starts_with("Your call"));
    assert_eq!(text_at(&values, harbor, 20), "Renewal in May");

    // The Summary counts the user's categories.
    let summary = back.values("Summary");
    for (row, category) in (4u32..).zip(Category::ALL) {
        let s = review.summary.category(category);
        assert_eq!(
            number_at(&summary, row, 1),
            s.accounts as f64,
            "{category:?}"
        );
        assert_eq!(number_at(&summary, row, 8), s.deterioration, "{category:?}");
    }

    let sheet = back.values("Overrides");
    assert_eq!(text_at(&sheet, 0, 0), OVERRIDES_MARKER);
    let cell = |r: u32, c: u32| match data_at(&sheet, r, c) {
        Data::Empty => String::new(),
        _ => text_at(&sheet, r, c),
    };
    let rows: Vec<Vec<String>> = (2..6)
        .map(|r| (0..4).map(|c| cell(r, c)).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["Account", "Category", "Rules said", "Note"].map(String::from),
            [
                "Summit Clinics",
                "At risk",
                "Grow",
                "New buyer, no relationship yet"
            ]
            .map(String::from),
            ["Harbor Foods", "", "", "Renewal in May"].map(String::from),
            ["Northwind Traders", "Maintain", "At risk", ""].map(String::from),
        ]
    );
    assert_eq!(sheet.end().unwrap().0, 5);
}

#[test]
fn without_overrides_there_is_no_overrides_sheet_and_no_note() {
    let (_, _, bytes) = export_fixture("accounts_basic.xlsx");
    let mut back = Readback::new(&bytes);
    assert!(!back.sheet_names().iter().any(|s| s == "Overrides"));
    let values = back.values("Accounts");
    assert_eq!(text_at(&values, 3, 20), "Note");
    assert!((4..15).all(|r| data_at(&values, r, 20) == Data::Empty));
}

#[test]
fn overrides_come_back_on_import_and_export_again_to_the_same_bytes() {
    let (_, overrides, review, bytes) = basic_with_overrides();
    let again = import(&bytes, "accounts_basic.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!(again.overrides, overrides);
    assert_eq!(again.source.sheet, "Accounts");
    assert_eq!(again.dataset.accounts.len(), 11);
    let (review_again, bytes_again) = export_imported(&again);
    assert_eq!(review_again.accounts, review.accounts);
    assert_eq!(review_again.summary, review.summary);
    assert!(
        bytes_again == bytes,
        "exporting an export gives different bytes"
    );
    // Analysed without them, the rules' categories come back.
    let plain = analyze(&again.dataset, &Settings::default());
    let summit = plain
        .accounts
        .iter()
        .find(|a| a.account == "Summit Clinics")
        .unwrap();
    assert_eq!(summit.category, Category::Grow);
}

#[test]
fn overrides_naming_no_account_are_not_written() {
    let imported = import_fixture("accounts_basic.xlsx");
    let overrides = overrides_of(&[("Gone Ltd", Some(Category::Grow), "retired")]);
    let settings = Settings::default();
    let review = analyze_with(&imported.dataset, &settings, &overrides);
    assert_eq!(review.unmatched_overrides, ["Gone Ltd"]);
    let bytes = export(&imported, &review, &settings).unwrap();
    assert_eq!(bytes, export_imported(&imported).1);
}

/// The first export with the Note column stripped from the Accounts sheet: what an export
/// made before the column existed holds.
fn export_before_the_note_column(bytes: &[u8]) -> SourceWorkbook {
    let mut workbook = account_lens_workbook::read_workbook(bytes, "old").unwrap();
    let sheet = workbook
        .sheets
        .iter_mut()
        .find(|s| s.name == "Accounts")
        .unwrap();
    for row in &mut sheet.rows {
        row.cells.retain(|c| c.col != 20);
    }
    workbook
}

#[test]
fn an_export_from_before_the_note_column_gets_one_block_with_it() {
    let (_, review, first) = export_fixture("accounts_basic.xlsx");
    let workbook = export_before_the_note_column(&first);
    let imported = understand(workbook, &ImportOptions::default()).unwrap();
    assert_eq!(imported.dataset.accounts.len(), 11);
    let (review_again, second) = export_imported(&imported);
    assert_eq!(review_again.accounts, review.accounts);
    let range = Readback::new(&second).values("Accounts");
    assert_annotation_headers(&range, 3, 10);
    assert_eq!(data_at(&range, 3, 21), Data::Empty, "no second block");
    assert_eq!(range.end().unwrap().1, 20);
}

#[test]
fn the_reps_column_after_an_older_block_keeps_its_place_and_no_note_covers_it() {
    let (_, _, first) = export_fixture("accounts_basic.xlsx");
    let mut workbook = export_before_the_note_column(&first);
    let sheet = workbook
        .sheets
        .iter_mut()
        .find(|s| s.name == "Accounts")
        .unwrap();
    for row in &mut sheet.rows {
        let text = match row.index {
            3 => "My next step",
            4 => "Call about the new sites",
            _ => continue,
        };
        row.cells.push(Cell::new(20, Value::Text(text.into())));
    }
    let imported = understand(workbook, &ImportOptions::default()).unwrap();
    let overrides = overrides_of(&[("Summit Clinics", Some(Category::Maintain), "a note")]);
    let settings = Settings::default();
    let review = analyze_with(&imported.dataset, &settings, &overrides);
    let second = export(&imported, &review, &settings).unwrap();
    let mut back = Readback::new(&second);
    let range = back.values("Accounts");
    assert_eq!(text_at(&range, 3, 10), "Category");
    assert_eq!(text_at(&range, 3, 19), "Sales share");
    assert_eq!(text_at(&range, 3, 20), "My next step");
    assert_eq!(text_at(&range, 4, 20), "Call about the new sites");
    assert_eq!(text_at(&range, 4, 10), "Maintain");
    assert_eq!(data_at(&range, 3, 21), Data::Empty, "no second block");
    // The note is in the Overrides sheet all the same, and the layout holds on re-export.
    assert_eq!(text_at(&back.values("Overrides"), 3, 3), "a note");
    let again = import(&second, "second.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!(again.overrides, overrides);
    let (_, third) = export_imported(&again);
    assert!(third == second, "a third export differs");
}

// ---------------------------------------------------------------- the Time plan sheet

/// The export with the week's plan and nothing else.
fn with_plan(
    imported: &Imported,
    review: &Review,
    settings: &Settings,
    week: &account_lens_engine::Plan,
    plan_settings: &account_lens_engine::PlanSettings,
) -> Vec<u8> {
    let extras = account_lens_workbook::Extras {
        plan: Some((week, plan_settings)),
        logged: None,
        ..account_lens_workbook::Extras::default()
    };
    account_lens_workbook::export_with(imported, review, settings, &extras).unwrap()
}

fn basic_with_plan(capacity: f64) -> (Imported, account_lens_engine::Plan, Vec<u8>) {
    use account_lens_engine::{plan, PlanSettings};

    let imported = import_fixture("accounts_basic.xlsx");
    let settings = Settings::default();
    let review = analyze(&imported.dataset, &settings);
    let plan_settings = PlanSettings {
        capacity,
        ..PlanSettings::default()
    };
    let week = plan(&review, &plan_settings);
    let bytes = with_plan(&imported, &review, &settings, &week, &plan_settings);
    (imported, week, bytes)
}

#[test]
fn the_time_plan_sheet_holds_the_plan_and_its_moves() {
    use account_lens_workbook::export::plan::{MOVES_HEADERS, TIME_PLAN_HEADERS, TIME_PLAN_MARKER};

    let (imported, week, bytes) = basic_with_plan(41.0);
    assert_cells_preserved(&imported, &bytes);
    let mut back = Readback::new(&bytes);
    assert_eq!(
        back.sheet_names(),
        ["Accounts", "Notes", "Summary", "Settings", "Time plan"]
    );
    let sheet = back.values("Time plan");
    assert_eq!(text_at(&sheet, 0, 0), TIME_PLAN_MARKER);
    assert!(text_at(&sheet, 1, 0).starts_with(
        "Next week's 41 h, planned to earn the most gross profit (CALLPLAN). Expected gross profit 488,950 → "
    ));
    // Settings rows with their keys, as the Settings sheet has them.
    assert_eq!(text_at(&sheet, 2, 0), "Capacity (hours a week)");
    assert_eq!(number_at(&sheet, 2, 1), 41.0);
    assert_eq!(text_at(&sheet, 2, 2), "capacity");
    assert_eq!(
        (number_at(&sheet, 3, 1), text_at(&sheet, 3, 2)),
        (0.25, "step".into())
    );
    assert_eq!(text_at(&sheet, 4, 2), "gross_profit");
    assert_eq!(number_at(&sheet, 5, 1), week.current_gross_profit);
    assert_eq!(number_at(&sheet, 7, 1), week.expected_gross_profit_change);

    let header = (0..sheet.height() as u32)
        .find(|&r| matches!(data_at(&sheet, r, 0), Data::String(s) if s == "Account"))
        .unwrap();
    for (col, h) in (0u32..).zip(TIME_PLAN_HEADERS) {
        assert_eq!(text_at(&sheet, header, col), h);
    }
    for (row, a) in (header + 1..).zip(&week.accounts) {
        assert_eq!(text_at(&sheet, row, 0), a.account);
        assert_eq!(text_at(&sheet, row, 1), a.category.label());
        assert_eq!(number_at(&sheet, row, 2), a.current_hours);
        assert_eq!(number_at(&sheet, row, 3), a.recommended_hours);
        assert_eq!(
            number_at(&sheet, row, 4),
            a.recommended_hours - a.current_hours
        );
        let curve = [a.response.b, a.response.a, a.response.c, a.response.d];
        for (col, v) in (5u32..).zip(curve) {
            assert_eq!(number_at(&sheet, row, col), v);
        }
        assert_eq!(number_at(&sheet, row, 9), a.expected_sales);
        assert_eq!(number_at(&sheet, row, 10), a.expected_gross_profit);
    }
    let total = header + 1 + week.accounts.len() as u32;
    assert_eq!(text_at(&sheet, total, 0), "Total");
    assert_eq!(number_at(&sheet, total, 3), 41.0);

    let moves = total + 2;
    assert_eq!(text_at(&sheet, moves, 0), "Moves");
    for (col, h) in (0u32..).zip(MOVES_HEADERS) {
        assert_eq!(text_at(&sheet, moves + 1, col), h);
    }
    for (row, m) in (moves + 2..).zip(&week.moves) {
        assert_eq!(text_at(&sheet, row, 0), m.account);
        assert_eq!(number_at(&sheet, row, 1), m.hours_change);
        assert_eq!(text_at(&sheet, row, 2), m.reason.to_string());
    }
    assert_eq!(
        text_at(&sheet, moves + 2, 2),
        "top account, under-served, 4.9% of your time for 29% of gross profit"
    );
}

#[test]
fn export_without_a_plan_has_no_time_plan_sheet_and_the_plan_changes_nothing_else() {
    let (imported, _, with_plan) = basic_with_plan(41.0);
    let (review, without) = export_imported(&imported);
    assert!(!Readback::new(&without)
        .sheet_names()
        .contains(&"Time plan".to_string()));
    let mut a = Readback::new(&with_plan);
    let mut b = Readback::new(&without);
    for sheet in ["Accounts", "Notes", "Summary", "Settings"] {
        assert_eq!(a.values(sheet), b.values(sheet), "{sheet}");
        assert_eq!(a.formulas(sheet), b.formulas(sheet), "{sheet}");
    }
    assert_eq!(review.accounts.len(), 11);
    // Deterministic, as every export is.
    assert_eq!(basic_with_plan(41.0).2, with_plan);
}

#[test]
fn a_reps_own_time_plan_sheet_keeps_its_name() {
    use account_lens_engine::{plan, PlanSettings};

    let imported = accounts_basic_with(vec![text_sheet("Time Plan", &[(0, 0, "My week")])]);
    let settings = Settings::default();
    let review = analyze(&imported.dataset, &settings);
    let week = plan(&review, &PlanSettings::default());
    let bytes = with_plan(
        &imported,
        &review,
        &settings,
        &week,
        &PlanSettings::default(),
    );
    let mut back = Readback::new(&bytes);
    assert_eq!(
        back.sheet_names(),
        [
            "Accounts",
            "Notes",
            "Time Plan",
            "Summary",
            "Settings",
            "Time plan (Account Lens)"
        ]
    );
    assert_eq!(text_at(&back.values("Time Plan"), 0, 0), "My week");
}

#[test]
fn a_planned_export_exported_again_has_one_time_plan_sheet() {
    use account_lens_engine::{plan, PlanSettings};

    let (_, _, first) = basic_with_plan(41.0);
    let again = import(
        &first,
        "accounts_basic-annotated.xlsx",
        &ImportOptions::default(),
    )
    .unwrap();
    let settings = again.settings.clone().unwrap_or_default();
    let review = analyze(&again.dataset, &settings);
    let week = plan(&review, &PlanSettings::default());
    let second = with_plan(&again, &review, &settings, &week, &PlanSettings::default());
    let names = Readback::new(&second).sheet_names();
    assert_eq!(
        names.iter().filter(|n| n.starts_with("Time plan")).count(),
        1,
        "{names:?}"
    );
}
