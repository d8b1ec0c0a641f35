//! Product figures as a rep's files carry them — order lines with a product column, a sheet of
//! one row per account and product, a matrix of products across — read into the account ×
//! product table, checked against the cells as calamine reads them; and the `Products` and
//! `Cross-sell` sheets of the export read back cell by cell, imported again and never doubled.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

use account_lens_engine::{analyze, products, ProductReview, ProductSettings, Settings};
use account_lens_workbook::export::products::{
    CROSS_SELL_HEADERS, CROSS_SELL_HEADER_ROW, CROSS_SELL_MARKER, PRODUCTS_MARKER, PRODUCT_HEADERS,
    RULE_HEADERS,
};
use account_lens_workbook::export::{export_with_products, ProductSheets};
use account_lens_workbook::{
    export, import, Extras, ImportOptions, Imported, ProductLayout, ProductsRead,
};
use calamine::{Data, Range, Reader, Xlsx};
use rust_xlsxwriter::Workbook;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn open(bytes: &[u8], name: &str) -> Imported {
    import(bytes, name, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{}", e.user_message()))
}

fn found(imported: &Imported) -> &ProductsRead {
    imported.products.as_ref().expect("product figures")
}

/// Sales, gross profit and prior sales of one account and product, by name.
fn cell(read: &ProductsRead, account: &str, product: &str) -> (f64, Option<f64>, Option<f64>) {
    let t = &read.table;
    let a = t.accounts.iter().position(|n| n == account).unwrap() as u32;
    let p = t.products.iter().position(|n| n == product).unwrap() as u32;
    let c = t
        .cells
        .iter()
        .find(|c| c.account == a && c.product == p)
        .unwrap_or_else(|| panic!("no cell {account} × {product}"));
    (c.sales, c.gross_profit, c.prior_sales)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Per product: (sales 2026, cost 2026, sales 2025, accounts buying in either year), summed
/// from the fixture's cells as calamine reads them.
fn orders_by_product() -> BTreeMap<String, (f64, f64, f64, BTreeSet<String>)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(fixture("orders_export.xlsx"))).unwrap();
    let range = book.worksheet_range("Orders").unwrap();
    let mut out: BTreeMap<String, (f64, f64, f64, BTreeSet<String>)> = BTreeMap::new();
    for row in range.rows().skip(1) {
        let serial = match &row[0] {
            Data::DateTime(d) => d.as_f64(),
            other => panic!("date cell: {other:?}"),
        };
        let number = |d: &Data| match d {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("number: {other:?}"),
        };
        let (customer, product) = (row[2].to_string(), row[3].to_string());
        let (net, cost) = (number(&row[5]), number(&row[6]));
        let e = out.entry(product).or_default();
        // 46023 is 2026-01-01 in the 1900 date system.
        if serial >= 46023.0 {
            e.0 += net;
            e.1 += cost;
        } else {
            e.2 += net;
        }
        e.3.insert(customer);
    }
    out
}

#[test]
fn order_lines_are_summed_per_account_and_product() {
    let imported = open(&fixture("orders_export.xlsx"), "orders_export.xlsx");
    let read = found(&imported);
    assert_eq!(read.source.layout, ProductLayout::OrderLines);
    assert_eq!(read.source.sheet, "Orders");
    let periods = read.table.periods.as_ref().unwrap();
    assert_eq!(
        (periods.current.as_str(), periods.prior.as_str()),
        ("2026", "2025")
    );
    // Lines to 2026-09-30: day 273 of 365, as the accounts are projected.
    assert!(close(periods.factor, 365.0 / 273.0));
    assert_eq!(
        imported.dataset.projection.as_ref().map(|p| p.factor),
        Some(periods.factor)
    );
    // The table's accounts are the review's, in its order.
    let names: Vec<&str> = imported
        .dataset
        .accounts
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let table_names: Vec<&str> = read.table.accounts.iter().map(String::as_str).collect();
    assert_eq!(names, table_names);

    let review = products(&read.table, &ProductSettings::default());
    let want = orders_by_product();
    assert_eq!(review.products.len(), want.len());
    for p in &review.products {
        let (sales, cost, prior, buyers) = &want[&p.product];
        assert!(
            close(p.sales, *sales),
            "{}: {} vs {sales}",
            p.product,
            p.sales
        );
        assert!(
            close(p.gross_profit.unwrap(), sales - cost),
            "{}",
            p.product
        );
        assert!(close(p.margin.unwrap(), (sales - cost) / sales));
        assert!(close(p.prior_sales.unwrap(), *prior));
        assert!(close(
            p.growth.unwrap(),
            sales * 365.0 / 273.0 / prior - 1.0
        ));
        assert_eq!(p.accounts, buyers.len(), "{}", p.product);
    }
    // The fixture's margins: Service Plan 45 %, Sterilizer 30 %, Masks 25 %, Gloves 20 %,
    // Paper 15 % (costs rounded to cents).
    let by_margin: Vec<(&str, String)> = review
        .by_margin
        .iter()
        .map(|&i| {
            let p = &review.products[i];
            (p.product.as_str(), format!("{:.2}", p.margin.unwrap()))
        })
        .collect();
    assert_eq!(
        by_margin,
        [
            ("Service Plan", "0.45".to_string()),
            ("Sterilizer", "0.30".into()),
            ("Masks", "0.25".into()),
            ("Gloves", "0.20".into()),
            ("Paper", "0.15".into()),
        ]
    );
    let headline = imported
        .dataset
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("Products read from sheet"))
        .unwrap();
    assert_eq!(
        headline.message,
        "Products read from sheet \"Orders\" (order lines, header in row 1): 5 products, 6 accounts"
    );
}

#[test]
fn order_lines_without_a_product_column_have_no_product_figures() {
    let csv = b"Date,Customer,Amount\n2026-01-05,Summit,1000\n2026-01-06,Harbor,2000\n";
    assert!(open(csv, "orders.csv").products.is_none());
    // --map product= leaves a product column unread.
    let csv = b"Date,Customer,Product,Amount\n2026-01-05,Summit,Gloves,1000\n";
    let options = ImportOptions {
        overrides: vec![(account_lens_workbook::Field::Product, String::new())],
        ..ImportOptions::default()
    };
    assert!(import(csv, "orders.csv", &options)
        .unwrap()
        .products
        .is_none());
}

#[test]
fn an_order_line_without_a_product_counts_for_its_account_only() {
    let csv = "Date,Customer,Product,Amount,Cost\n\
        2026-01-05,Summit,Gloves,1000,800\n\
        2026-01-06,Summit,,500,300\n\
        2026-01-07,Summit,Masks,400,\n\
        2026-01-08,Harbor,gloves,2000,1600\n";
    let imported = open(csv.as_bytes(), "orders.csv");
    assert_eq!(imported.dataset.accounts[0].current_sales, Some(1_900.0));
    let read = found(&imported);
    // "gloves" is the same product as "Gloves", named as first written.
    assert_eq!(read.table.products, ["Gloves", "Masks"]);
    assert_eq!(cell(read, "Summit", "Gloves"), (1_000.0, Some(200.0), None));
    assert_eq!(cell(read, "Harbor", "Gloves"), (2_000.0, Some(400.0), None));
    // No cost on the Masks line: its gross profit is unknown, not 400.
    assert_eq!(cell(read, "Summit", "Masks"), (400.0, None, None));
    let d = &imported.dataset.diagnostics;
    let left_out = d
        .iter()
        .find(|d| d.message == "Line left out of the products: no product")
        .unwrap();
    assert_eq!(
        (left_out.row, left_out.column.as_deref()),
        (Some(3), Some("C"))
    );
    assert!(d.iter().any(|d| d
        .message
        .starts_with("1 order lines with a product have no cost or profit")));
    assert_eq!(read.source.rows_skipped, 1);
}

/// A workbook of an account sheet and a second sheet, written by rust_xlsxwriter.
fn with_second_sheet(name: &str, rows: &[Vec<Cellv>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Accounts").unwrap();
    let accounts = [
        ("Summit Clinics", 300_000.0, 320_000.0),
        ("Harbor Foods", 120_000.0, 110_000.0),
        ("Alpine Dental", 80_000.0, 95_000.0),
    ];
    for (c, h) in ["Customer", "Sales 2025", "Sales 2026"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (n, prior, current)) in accounts.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *n).unwrap();
        ws.write_number(r, 1, *prior).unwrap();
        ws.write_number(r, 2, *current).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                Cellv::T(t) => ws.write_string(r, c, *t).map(|_| ()).unwrap(),
                Cellv::N(n) => ws.write_number(r, c, *n).map(|_| ()).unwrap(),
                Cellv::E => {}
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

enum Cellv {
    T(&'static str),
    N(f64),
    E,
}
use Cellv::{E, N, T};

#[test]
fn a_sheet_of_accounts_and_products_beside_the_accounts_gives_the_products() {
    let bytes = with_second_sheet(
        "Product sales",
        &[
            vec![T("Customer"), T("Product"), T("Sales"), T("GM %")],
            vec![T("Summit Clinics"), T("Gloves"), N(10_000.0), N(20.0)],
            vec![T("Summit Clinics"), T("Service Plan"), N(30_000.0), N(42.0)],
            vec![T("Harbor Foods"), T("Gloves"), N(8_000.0), N(20.0)],
            vec![T("Harbor Foods"), E, N(1_000.0), N(10.0)],
            vec![T("Alpine Dental"), T("Gloves"), N(6_000.0), N(25.0)],
            vec![T("Total"), E, N(55_000.0), E],
        ],
    );
    let imported = open(&bytes, "book.xlsx");
    // The accounts come from the account sheet, the products from the one beside it.
    assert_eq!(imported.source.sheet, "Accounts");
    assert_eq!(imported.dataset.accounts.len(), 3);
    let read = found(&imported);
    assert_eq!(read.source.sheet, "Product sales");
    assert_eq!(read.source.layout, ProductLayout::Long);
    assert_eq!(read.source.header_row, 1);
    assert_eq!((read.source.rows_read, read.source.rows_skipped), (6, 2));
    assert!(read.table.periods.is_none());
    // GM % written as whole percentages.
    assert_eq!(
        cell(read, "Summit Clinics", "Gloves"),
        (10_000.0, Some(2_000.0), None)
    );
    let (sales, gp, _) = cell(read, "Summit Clinics", "Service Plan");
    assert_eq!(sales, 30_000.0);
    assert!(close(gp.unwrap(), 12_600.0));
    let d = &imported.dataset.diagnostics;
    let no_product = d
        .iter()
        .find(|d| d.message == "Row left out: no product")
        .unwrap();
    assert_eq!(
        (
            no_product.sheet.as_deref(),
            no_product.row,
            no_product.column.as_deref()
        ),
        (Some("Product sales"), Some(5), Some("B"))
    );
    assert!(d
        .iter()
        .any(|d| d.message.starts_with("Total row \"Total\" left out")
            && d.sheet.as_deref() == Some("Product sales")));
    assert!(d.iter().any(|d| d.message
        == "Margins in \"GM %\" read as percentages (32 means 32 %)"
        && d.sheet.as_deref() == Some("Product sales")));
}

#[test]
fn a_matrix_of_products_across_gives_the_products() {
    let bytes = with_second_sheet(
        "Mix",
        &[
            vec![
                T("Customer"),
                T("Gloves"),
                T("Masks"),
                T("Service Plan"),
                T("Total"),
            ],
            vec![
                T("Summit Clinics"),
                N(10_000.0),
                N(5_000.0),
                N(30_000.0),
                N(45_000.0),
            ],
            vec![T("Harbor Foods"), N(8_000.0), E, E, N(8_000.0)],
            vec![
                T("Alpine Dental"),
                N(6_000.0),
                T("n/a"),
                N(4_000.0),
                N(10_000.0),
            ],
            vec![
                T("Total"),
                N(24_000.0),
                N(5_000.0),
                N(34_000.0),
                N(63_000.0),
            ],
        ],
    );
    let imported = open(&bytes, "book.xlsx");
    assert_eq!(imported.source.sheet, "Accounts");
    let read = found(&imported);
    assert_eq!(read.source.layout, ProductLayout::Wide);
    // "Total" is a total, not a product; blank and "n/a" cells are not sales.
    assert_eq!(read.table.products, ["Gloves", "Masks", "Service Plan"]);
    assert_eq!(read.table.cells.len(), 6);
    assert_eq!(
        cell(read, "Alpine Dental", "Service Plan"),
        (4_000.0, None, None)
    );
    let review = products(&read.table, &ProductSettings::default());
    let gloves = review
        .products
        .iter()
        .find(|p| p.product == "Gloves")
        .unwrap();
    assert_eq!((gloves.sales, gloves.accounts), (24_000.0, 3));
    assert_eq!(gloves.margin, None);
    assert_eq!(read.source.rows_skipped, 1, "the Total row");
    let total = imported
        .dataset
        .diagnostics
        .iter()
        .find(|d| d.message == "Column \"Total\" left out: a total, not a product")
        .unwrap();
    assert_eq!((total.row, total.column.as_deref()), (Some(1), Some("E")));
}

#[test]
fn a_workbook_of_products_alone_gives_the_accounts_as_their_sums() {
    let csv = "Customer,Product,Sales,GM %\n\
        Summit,Gloves,10000,20%\n\
        Summit,Masks,5000,25%\n\
        Harbor,Gloves,8000,20%\n";
    let imported = open(csv.as_bytes(), "mix.csv");
    let accounts: Vec<(&str, Option<f64>, Option<f64>)> = imported
        .dataset
        .accounts
        .iter()
        .map(|a| (a.name.as_str(), a.current_sales, a.gross_profit))
        .collect();
    assert_eq!(
        accounts,
        [
            ("Summit", Some(15_000.0), Some(3_250.0)),
            ("Harbor", Some(8_000.0), Some(1_600.0))
        ]
    );
    // Each account's first row carries its annotations.
    assert_eq!(imported.dataset.accounts[0].row, Some(2));
    let d = &imported.dataset.diagnostics;
    assert!(!d.iter().any(|d| d.message.contains("appears again")));
    assert!(d[0].message.starts_with(
        "Read sheet \"mix\" as sales per account and product (each account's sales the sum of its products)"
    ));
    assert_eq!(found(&imported).table.cells.len(), 3);

    let csv = "Customer,Gloves,Masks\nSummit,10000,5000\nHarbor,8000,\n";
    let imported = open(csv.as_bytes(), "matrix.csv");
    let sales: Vec<Option<f64>> = imported
        .dataset
        .accounts
        .iter()
        .map(|a| a.current_sales)
        .collect();
    assert_eq!(sales, [Some(15_000.0), Some(8_000.0)]);
    assert_eq!(found(&imported).source.layout, ProductLayout::Wide);
    // It exports like any account sheet.
    let settings = Settings::default();
    let review = analyze(&imported.dataset, &settings);
    assert!(export(&imported, &review, &settings).is_ok());
}

#[test]
fn an_account_table_with_a_product_column_stays_an_account_table() {
    let csv =
        "Customer,Product,Sales 2025,Sales 2026\nSummit,Gloves,900,1000\nHarbor,Masks,400,500\n";
    let imported = open(csv.as_bytes(), "accounts.csv");
    let a = &imported.dataset.accounts[0];
    assert_eq!(
        (a.prior_sales, a.current_sales),
        (Some(900.0), Some(1_000.0))
    );
    assert!(!imported.dataset.without_prior_year);
    let read = found(&imported);
    assert_eq!(read.source.layout, ProductLayout::Long);
    let periods = read.table.periods.as_ref().unwrap();
    assert_eq!(
        (periods.current.as_str(), periods.prior.as_str()),
        ("2026", "2025")
    );
    assert_eq!(cell(read, "Harbor", "Masks"), (500.0, None, Some(400.0)));
}

#[test]
fn an_account_table_with_unusual_amount_headers_is_no_matrix() {
    // "Net revenue" only contains a name for sales: still the account table it always was.
    let csv = "Customer,Net revenue,Open orders\nSummit,1000,3\nHarbor,500,1\n";
    let imported = open(csv.as_bytes(), "accounts.csv");
    assert!(imported.products.is_none());
    let sales: Vec<Option<f64>> = imported
        .dataset
        .accounts
        .iter()
        .map(|a| a.current_sales)
        .collect();
    assert_eq!(sales, [Some(1_000.0), Some(500.0)]);
}

#[test]
fn an_account_table_without_products_has_none() {
    let imported = open(&fixture("accounts_basic.xlsx"), "accounts_basic.xlsx");
    assert!(imported.products.is_none());
}

struct Readback(Xlsx<Cursor<Vec<u8>>>);

impl Readback {
    fn new(bytes: &[u8]) -> Readback {
        Readback(Xlsx::new(Cursor::new(bytes.to_vec())).unwrap())
    }
    fn names(&self) -> Vec<String> {
        self.0.sheet_names()
    }
    fn values(&mut self, sheet: &str) -> Range<Data> {
        self.0.worksheet_range(sheet).unwrap()
    }
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn number(range: &Range<Data>, row: u32, col: u32) -> Option<f64> {
    match range.get_value((row, col))? {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// The first row at or below `from` whose first cells are `headers`.
fn header_row(range: &Range<Data>, from: u32, headers: &[&str]) -> u32 {
    (from..range.height() as u32)
        .find(|&r| {
            headers
                .iter()
                .enumerate()
                .all(|(c, h)| text(range, r, c as u32) == *h)
        })
        .unwrap_or_else(|| panic!("no row headed {headers:?}"))
}

fn export_orders(settings: &ProductSettings) -> (Imported, ProductReview, Vec<u8>) {
    let imported = open(&fixture("orders_export.xlsx"), "orders_export.xlsx");
    let review = analyze(&imported.dataset, &Settings::default());
    let product_review = products(&found(&imported).table, settings);
    let sheets = ProductSheets {
        review: &product_review,
        settings,
    };
    let bytes = export_with_products(
        &imported,
        &review,
        &Settings::default(),
        &Extras::default(),
        &sheets,
    )
    .unwrap();
    (imported, product_review, bytes)
}

#[test]
fn the_products_sheet_reads_back_cell_by_cell() {
    let settings = ProductSettings {
        min_accounts: 2,
        ..ProductSettings::default()
    };
    let (_, review, bytes) = export_orders(&settings);
    let mut back = Readback::new(&bytes);
    assert_eq!(
        back.names(),
        [
            "Orders",
            "Accounts",
            "Summary",
            "Settings",
            "Products",
            "Cross-sell"
        ]
    );
    let sheet = back.values("Products");
    assert_eq!(text(&sheet, 0, 0), PRODUCTS_MARKER);
    // The settings, keyed.
    let key_row = header_row(&sheet, 1, &["Setting", "Value", "Key"]);
    assert_eq!(text(&sheet, key_row + 2, 2), "min_accounts");
    assert_eq!(number(&sheet, key_row + 2, 1), Some(2.0));

    let top = header_row(&sheet, key_row, &PRODUCT_HEADERS);
    for (i, p) in review.products.iter().enumerate() {
        let r = top + 1 + i as u32;
        assert_eq!(text(&sheet, r, 0), p.product);
        assert!(close(number(&sheet, r, 1).unwrap(), p.sales));
        assert!(close(
            number(&sheet, r, 2).unwrap(),
            p.gross_profit.unwrap()
        ));
        assert!(close(number(&sheet, r, 3).unwrap(), p.margin.unwrap()));
        assert_eq!(number(&sheet, r, 4), Some(p.accounts as f64));
        assert!(close(number(&sheet, r, 7).unwrap(), p.growth.unwrap()));
        assert_eq!(number(&sheet, r, 8), Some(i as f64 + 1.0));
    }
    assert_eq!(text(&sheet, top + 1, 0), "Service Plan");

    let rules = header_row(&sheet, top, &RULE_HEADERS);
    assert!(!review.rules.is_empty());
    for (i, rule) in review.rules.iter().enumerate() {
        let r = rules + 1 + i as u32;
        assert_eq!(text(&sheet, r, 0), rule.buys);
        assert_eq!(text(&sheet, r, 1), rule.also_buys);
        assert_eq!(number(&sheet, r, 2), Some(rule.accounts as f64));
        assert!(close(number(&sheet, r, 4).unwrap(), rule.confidence));
        assert!(close(number(&sheet, r, 5).unwrap(), rule.lift));
        assert_eq!(text(&sheet, r, 6), rule.to_string());
    }
}

#[test]
fn the_cross_sell_sheet_reads_back_cell_by_cell() {
    let settings = ProductSettings {
        min_accounts: 2,
        ..ProductSettings::default()
    };
    let (_, review, bytes) = export_orders(&settings);
    let mut back = Readback::new(&bytes);
    let sheet = back.values("Cross-sell");
    assert_eq!(text(&sheet, 0, 0), CROSS_SELL_MARKER);
    for (c, h) in CROSS_SELL_HEADERS.iter().enumerate() {
        assert_eq!(text(&sheet, CROSS_SELL_HEADER_ROW, c as u32), *h);
    }
    assert!(!review.suggestions.is_empty());
    let mut ranks: BTreeMap<&str, u32> = BTreeMap::new();
    for (i, s) in review.suggestions.iter().enumerate() {
        let r = CROSS_SELL_HEADER_ROW + 1 + i as u32;
        let rank = ranks.entry(&s.account).or_insert(0);
        *rank += 1;
        assert_eq!(text(&sheet, r, 0), s.account);
        assert_eq!(number(&sheet, r, 1), Some(f64::from(*rank)));
        assert_eq!(text(&sheet, r, 2), s.product);
        assert!(close(number(&sheet, r, 3).unwrap(), s.score));
        assert_eq!(number(&sheet, r, 4), Some(s.reason.similar_buying as f64));
        assert!(close(number(&sheet, r, 7).unwrap(), s.reason.typical_spend));
        assert_eq!(text(&sheet, r, 10), s.reason.to_string());
    }
    let mix = header_row(
        &sheet,
        CROSS_SELL_HEADER_ROW,
        &["Account", "Sales", "Gross profit"],
    );
    assert_eq!(review.accounts.len(), 6);
    for (i, a) in review.accounts.iter().enumerate() {
        let r = mix + 1 + i as u32;
        assert_eq!(text(&sheet, r, 0), a.account);
        assert!(close(number(&sheet, r, 3).unwrap(), a.margin.unwrap()));
        assert!(close(number(&sheet, r, 4).unwrap(), a.mix_margin.unwrap()));
    }
}

#[test]
fn an_export_imported_again_gives_the_same_products_and_no_doubled_sheets() {
    let settings = ProductSettings {
        min_accounts: 2,
        suggestions_per_account: 2,
        ..ProductSettings::default()
    };
    let (first, review, bytes) = export_orders(&settings);
    let again = open(&bytes, "orders_export.xlsx");
    // Products and Cross-sell are the export's own: never analysed, never read for products.
    assert_eq!(again.source.sheet, "Orders");
    assert_eq!(found(&again).source.sheet, "Orders");
    assert_eq!(found(&again).table, found(&first).table);
    assert_eq!(again.product_settings, Some(settings.clone()));
    assert_eq!(products(&found(&again).table, &settings), review);

    // Exported again, still one Products and one Cross-sell sheet.
    let account_review = analyze(&again.dataset, &Settings::default());
    let sheets = ProductSheets {
        review: &review,
        settings: &settings,
    };
    let twice = export_with_products(
        &again,
        &account_review,
        &Settings::default(),
        &Extras::default(),
        &sheets,
    )
    .unwrap();
    assert_eq!(
        Readback::new(&twice).names(),
        [
            "Orders",
            "Accounts",
            "Summary",
            "Settings",
            "Products",
            "Cross-sell"
        ]
    );
    // An export without the products drops them rather than copying them as the rep's sheets.
    let plain = export(&again, &account_review, &Settings::default()).unwrap();
    assert_eq!(
        Readback::new(&plain).names(),
        ["Orders", "Accounts", "Summary", "Settings"]
    );
}
