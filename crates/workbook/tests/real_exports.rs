//! Layouts seen in real CRM, ERP and accounting exports, as small CSV files: each is read the way
//! a sales rep would read it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::{analyze, Category, Level, Settings};
use account_lens_workbook::{import, Field, ImportOptions, Imported, Shape};

fn csv(text: &str) -> Imported {
    import(text.as_bytes(), "export.csv", &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{}", e.user_message()))
}

fn header(imported: &Imported, field: Field) -> Option<&str> {
    imported.mapping.get(field).map(|f| f.header.as_str())
}

fn category(imported: &Imported, name: &str) -> (Category, Option<f64>, String) {
    let review = analyze(&imported.dataset, &Settings::default());
    let a = review
        .accounts
        .into_iter()
        .find(|a| a.account == name)
        .unwrap();
    (a.category, a.deterioration, a.reason.to_string())
}

#[test]
fn a_crm_account_list_with_a_last_activity_date_is_an_account_table() {
    let i = csv("Account Name,Last Activity Date,Sales 2025,Sales 2026,Potential\nAcme,2026-03-01,500000,450000,600000\nBeta,2026-02-11,80000,90000,\n");
    assert_eq!(i.source.shape, Shape::Accounts);
    assert_eq!(header(&i, Field::PriorSales), Some("Sales 2025"));
    assert_eq!(header(&i, Field::CurrentSales), Some("Sales 2026"));
    assert_eq!(category(&i, "Acme").0, Category::AtRisk);
}

#[test]
fn with_ytd_as_current_the_year_column_is_the_prior_year() {
    let i = csv("Customer,Sales 2025,YTD\nGamma,20000,5000\n");
    assert_eq!(header(&i, Field::PriorSales), Some("Sales 2025"));
    assert_eq!(header(&i, Field::CurrentSales), Some("YTD"));
    let f = csv("Customer,Sales 2024,Sales 2025,Forecast\nGamma,1,20000,5000\n");
    assert_eq!(header(&f, Field::PriorSales), Some("Sales 2025"));
    assert_eq!(header(&f, Field::CurrentSales), Some("Forecast"));
}

#[test]
fn years_with_currencies_and_fiscal_spans_are_years() {
    let i = csv("Customer,Sales 2025 (EUR),Sales 2026 (EUR)\nAcme,100000,50000\n");
    assert_eq!(header(&i, Field::PriorSales), Some("Sales 2025 (EUR)"));
    assert_eq!(category(&i, "Acme").1, Some(50000.0));
    let f = csv("Customer,Sales FY2024/25,Sales FY2025/26\nAcme,100000,50000\n");
    assert_eq!(header(&f, Field::PriorSales), Some("Sales FY2024/25"));
    assert_eq!(header(&f, Field::CurrentSales), Some("Sales FY2025/26"));
}

#[test]
fn three_quarters_against_four_are_projected_to_a_full_year() {
    let i = csv("Customer,Q1 2025,Q2 2025,Q3 2025,Q4 2025,Q1 2026,Q2 2026,Q3 2026\nSteady,100,100,100,100,100,100,100\n");
    let p = i.dataset.projection.as_ref().unwrap();
    assert!((p.factor - 4.0 / 3.0).abs() < 1e-12);
    assert!(p.rule.contains("3 of 4 periods"), "{}", p.rule);
    assert_eq!(header(&i, Field::CurrentSales), Some("Q1 2026"));
    let (c, _, reason) = category(&i, "Steady");
    assert_eq!(c, Category::Maintain, "{reason}");
}

#[test]
fn a_one_year_sheet_makes_nobody_new() {
    let i = csv("Customer,Sales 2026\nAcme,100000\nBeta,2000\n");
    assert!(i.dataset.without_prior_year);
    let (c, _, reason) = category(&i, "Acme");
    assert_eq!(c, Category::Maintain);
    assert!(reason.contains("growth unknown"), "{reason}");
    assert!(i
        .dataset
        .diagnostics
        .iter()
        .any(|d| d.level == Level::Warning && d.message.starts_with("No prior year")));
}

#[test]
fn a_blank_current_cell_beside_last_years_sales_is_a_lost_account() {
    let i = csv("Customer,Sales 2025,Sales 2026\nLost Co,100000,\nKept,100,100\n");
    let (c, d, _) = category(&i, "Lost Co");
    assert_eq!((c, d), (Category::AtRisk, Some(100000.0)));
}

#[test]
fn margins_as_whole_percentages_are_scaled_per_column() {
    let i = csv("Customer,Sales 2025,Sales 2026,GM %\nA,100,100,30\nB,100,100,0\nC,100,100,25\nA,100,100,30\n");
    let a = i.dataset.accounts.iter().find(|a| a.name == "A").unwrap();
    // The duplicate "A" is merged with fractions, not with 30 meaning 3,000 %.
    assert!(
        (a.gross_profit.unwrap() - 60.0).abs() < 1e-9,
        "{:?}",
        a.gross_profit
    );
    let b = i.dataset.accounts.iter().find(|a| a.name == "B").unwrap();
    assert_eq!(b.margin, Some(0.0));
}

#[test]
fn a_company_named_total_stays_and_real_subtotals_go() {
    let i = csv("Customer,Sales 2025,Sales 2026\nHealthcare,,\nSummit,10,10\nTotal Healthcare,10,10\nTotal Wine & More,50,60\nTOTAL,60,70\n");
    let names: Vec<&str> = i.dataset.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Summit", "Total Wine & More"]);
    assert!(i
        .dataset
        .diagnostics
        .iter()
        .any(|d| d.level == Level::Warning && d.message.contains("named like a total")));
    assert!(i
        .dataset
        .diagnostics
        .iter()
        .any(|d| d.message.contains("add up to the sheet's total (70)")));
}

#[test]
fn why_a_row_was_dropped_is_kept() {
    let i = csv("Customer,Sales 2025,Sales 2026\nAcme,#N/A,#N/A\nBeta,1,1\n");
    assert!(i
        .dataset
        .diagnostics
        .iter()
        .any(|d| d.level == Level::Warning && d.message.contains("#N/A") && d.row == Some(2)));
}

#[test]
fn an_unclear_at_risk_value_is_not_guessed() {
    let i =
        csv("Customer,Sales 2025,Sales 2026,At risk\nAcme,1,1,High\nBeta,1,1,yes\nGamma,1,1,3\n");
    let at_risk: Vec<bool> = i.dataset.accounts.iter().map(|a| a.at_risk).collect();
    assert_eq!(at_risk, [false, true, false]);
    let warnings = i
        .dataset
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("not a yes or no"))
        .count();
    assert_eq!(warnings, 2);
}

#[test]
fn the_deals_company_is_the_account_not_the_deal() {
    let i = csv("Deal Name,Associated Company,Amount 2025,Amount 2026\nRenewal,Acme,10,12\n");
    assert_eq!(header(&i, Field::Account), Some("Associated Company"));
}

#[test]
fn a_map_override_missing_from_one_sheet_rules_out_only_that_sheet() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let contacts = wb.add_worksheet();
    contacts.set_name("Contacts").unwrap();
    contacts.write_row(0, 0, ["Contact", "Phone"]).unwrap();
    contacts.write_row(1, 0, ["Ann", "123"]).unwrap();
    let accounts = wb.add_worksheet();
    accounts.set_name("Accounts").unwrap();
    accounts
        .write_row(0, 0, ["Sold-To Party", "Sales 2025", "Sales 2026"])
        .unwrap();
    accounts.write_string(1, 0, "Acme").unwrap();
    accounts.write_row(1, 1, [10.0, 12.0]).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let options = ImportOptions {
        overrides: vec![(Field::Account, "Sold-To Party".into())],
        ..ImportOptions::default()
    };
    let i = import(&bytes, "two.xlsx", &options).unwrap();
    assert_eq!(i.source.sheet, "Accounts");
}

#[test]
fn order_lines_under_customer_headings_belong_to_that_customer() {
    let i = csv("Date,Customer,Product,Amount\n,Summit Clinics,,\n2025-03-01,,Gloves,100\n2026-03-01,,Gloves,150\n,Total for Summit Clinics,,250\n,Harbor Foods,,\n2026-02-01,,Masks,70\n");
    assert_eq!(i.source.shape, Shape::Transactions);
    let names: Vec<(&str, Option<f64>)> = i
        .dataset
        .accounts
        .iter()
        .map(|a| (a.name.as_str(), a.current_sales))
        .collect();
    assert_eq!(
        names,
        [
            ("Summit Clinics", Some(150.0)),
            ("Harbor Foods", Some(70.0))
        ]
    );
}

#[test]
fn a_lone_line_in_a_far_year_is_questioned() {
    let mut text = String::from("Date,Customer,Amount\n");
    for i in 0..60 {
        text.push_str(&format!("2025-0{}-1{},Acme,100\n", 1 + i % 9, i % 10));
    }
    text.push_str("2062-01-01,Acme,5\n");
    let i = csv(&text);
    assert!(
        i.dataset
            .diagnostics
            .iter()
            .any(|d| d.level == Level::Warning
                && d.message
                    .contains("Only 1 of 61 order lines are dated 2062")),
        "{:#?}",
        i.dataset.diagnostics
    );
}

#[test]
fn duplicates_are_merged_whatever_their_case_unless_an_id_tells_them_apart() {
    let i = csv(
        "Customer,Sales 2025,Sales 2026\nAcme,10,20\nACME,1,2\nÉcole Nord,5,5\nécole nord,5,5\n",
    );
    let names: Vec<(&str, Option<f64>)> = i
        .dataset
        .accounts
        .iter()
        .map(|a| (a.name.as_str(), a.current_sales))
        .collect();
    assert_eq!(names, [("Acme", Some(22.0)), ("École Nord", Some(10.0))]);
    let ids =
        csv("Customer,Customer ID,Sales 2025,Sales 2026\nAcme,1,10,20\nAcme,2,1,2\nAcme,1,1,1\n");
    let split: Vec<(&str, Option<f64>)> = ids
        .dataset
        .accounts
        .iter()
        .map(|a| (a.name.as_str(), a.current_sales))
        .collect();
    assert_eq!(split, [("Acme", Some(21.0)), ("Acme", Some(2.0))]);
}
