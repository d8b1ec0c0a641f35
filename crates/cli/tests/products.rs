//! The `account-lens products` contract, run as a user runs it on an order export made in the
//! test: the JSON shape and its numbers against sums and counts done here, suggestions that
//! never offer what an account buys, the same output twice, the readable report, the exit
//! codes, and the workbook of `-o` read back with calamine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_account-lens"))
        .args(args)
        .output()
        .unwrap()
}

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "account-lens-products-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const MARGINS: [(&str, f64); 5] = [
    ("Gloves", 0.20),
    ("Masks", 0.25),
    ("Service Plan", 0.42),
    ("Sterilizer", 0.30),
    ("Paper", 0.15),
];

/// What each of twelve clinics buys: seven the full set with the service plan, three without
/// it, two odd ones.
fn baskets() -> Vec<(String, Vec<&'static str>)> {
    (1..=12)
        .map(|i| {
            let products = match i {
                1..=7 => vec!["Gloves", "Masks", "Service Plan"],
                8..=10 => vec!["Gloves", "Masks"],
                11 => vec!["Gloves", "Paper"],
                _ => vec!["Paper", "Sterilizer"],
            };
            (format!("Clinic {i:02}"), products)
        })
        .collect()
}

/// One order line per account, product and year: 2025 and 2026 (to 2026-12-31, a full year).
fn order_lines() -> Vec<(String, &'static str, &'static str, f64, f64)> {
    let mut lines = Vec::new();
    for (a, (account, products)) in baskets().into_iter().enumerate() {
        for (p, product) in products.into_iter().enumerate() {
            let margin = MARGINS.iter().find(|m| m.0 == product).unwrap().1;
            for (year, date) in [(0.0, "2025-03-10"), (1.0, "2026-12-31")] {
                let net = 1_000.0 * (a as f64 + 1.0) + 500.0 * p as f64 + 100.0 * year;
                let cost = (net * (1.0 - margin) * 100.0).round() / 100.0;
                lines.push((account.clone(), product, date, net, cost));
            }
        }
    }
    lines
}

fn order_csv(dir: &Path) -> PathBuf {
    let mut csv = String::from("Invoice Date,Customer,Product,Net Value,Cost\n");
    for (account, product, date, net, cost) in order_lines() {
        csv.push_str(&format!("{date},{account},{product},{net},{cost}\n"));
    }
    let path = dir.join("orders.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn json_has_the_products_contract_and_the_right_numbers() {
    let dir = dir("json");
    let input = order_csv(&dir);
    let doc = json(&[
        "products",
        input.to_str().unwrap(),
        "--json",
        "--min-accounts",
        "3",
    ]);
    assert!(keys(&doc).is_superset(&BTreeSet::from([
        "source",
        "products",
        "rules",
        "suggestions"
    ])));
    assert_eq!(doc["source"]["shape"], "transactions");
    assert_eq!(doc["products_source"]["layout"], "order_lines");
    assert_eq!(doc["products_source"]["current_period"], "2026");

    // Per product: this year's sales and gross profit, summed here from the lines.
    let mut want: BTreeMap<&str, (f64, f64, f64, BTreeSet<String>)> = BTreeMap::new();
    for (account, product, date, net, cost) in order_lines() {
        let e = want.entry(product).or_default();
        if date.starts_with("2026") {
            e.0 += net;
            e.1 += net - cost;
        } else {
            e.2 += net;
        }
        e.3.insert(account);
    }
    let products = doc["products"].as_array().unwrap();
    assert_eq!(products.len(), 5);
    let mut last_gp = f64::INFINITY;
    for p in products {
        assert!(keys(p).is_superset(&BTreeSet::from([
            "product",
            "sales",
            "gross_profit",
            "margin",
            "accounts"
        ])));
        let name = p["product"].as_str().unwrap();
        let (sales, gp, prior, buyers) = &want[name];
        assert!(close(p["sales"].as_f64().unwrap(), *sales), "{name}");
        let got_gp = p["gross_profit"].as_f64().unwrap();
        assert!(close(got_gp, *gp), "{name}");
        assert!(got_gp <= last_gp, "ranked by gross profit");
        last_gp = got_gp;
        // Margins are fractions.
        let margin = MARGINS.iter().find(|m| m.0 == name).unwrap().1;
        assert!(
            (p["margin"].as_f64().unwrap() - margin).abs() < 1e-4,
            "{name}"
        );
        assert_eq!(p["accounts"].as_u64().unwrap() as usize, buyers.len());
        assert!(close(p["growth"].as_f64().unwrap(), sales / prior - 1.0));
    }
    // Masks earn 61,000 × 25 % = 15,250 from ten clinics; the service plan 35,700 × 42 %
    // = 14,994 from seven.
    assert_eq!(products[0]["product"], "Masks");
    assert_eq!(products[1]["product"], "Service Plan");
    assert_eq!(
        doc["by_margin"],
        serde_json::json!(["Service Plan", "Sterilizer", "Masks", "Gloves", "Paper"])
    );

    // Rules: counted here over the baskets, with the settings used.
    let baskets = baskets();
    let n = baskets.len() as f64;
    let buyers = |p: &str| baskets.iter().filter(|(_, b)| b.contains(&p)).count() as f64;
    let rules = doc["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    let mut seen = BTreeSet::new();
    for r in rules {
        assert!(keys(r).is_superset(&BTreeSet::from([
            "if",
            "then",
            "support",
            "confidence",
            "lift"
        ])));
        let (a, b) = (r["if"].as_str().unwrap(), r["then"].as_str().unwrap());
        let both = baskets
            .iter()
            .filter(|(_, x)| x.contains(&a) && x.contains(&b))
            .count() as f64;
        assert!(both >= 3.0);
        assert!(close(r["support"].as_f64().unwrap(), both / n));
        assert!(close(r["confidence"].as_f64().unwrap(), both / buyers(a)));
        assert!(close(
            r["lift"].as_f64().unwrap(),
            both * n / (buyers(a) * buyers(b))
        ));
        seen.insert((a.to_string(), b.to_string()));
    }
    // Every pair bought together by 3 or more, confident and lifted enough, is there.
    let names: Vec<&str> = MARGINS.iter().map(|m| m.0).collect();
    for a in &names {
        for b in &names {
            let both = baskets
                .iter()
                .filter(|(_, x)| x.contains(a) && x.contains(b))
                .count() as f64;
            if a == b || both < 3.0 {
                continue;
            }
            let (conf, lift) = (both / buyers(a), both * n / (buyers(a) * buyers(b)));
            assert_eq!(
                seen.contains(&(a.to_string(), b.to_string())),
                conf >= 0.3 && lift >= 1.2,
                "{a} → {b}"
            );
        }
    }

    // Suggestions never offer what an account buys; the three clinics without the service
    // plan are offered it, quoting the seven of their ten most similar accounts that buy it.
    let suggestions = doc["suggestions"].as_array().unwrap();
    for s in suggestions {
        assert!(keys(s).is_superset(&BTreeSet::from(["account", "product", "score", "reason"])));
        let account = s["account"].as_str().unwrap();
        let product = s["product"].as_str().unwrap();
        let basket = &baskets.iter().find(|(a, _)| a == account).unwrap().1;
        assert!(
            !basket.contains(&product),
            "{account} already buys {product}"
        );
        assert!(s["score"].as_f64().unwrap() > 0.0);
    }
    let plan_for = |account: &str| {
        suggestions
            .iter()
            .find(|s| s["account"] == account && s["product"] == "Service Plan")
            .unwrap_or_else(|| panic!("{account} is offered the service plan"))
    };
    // The seven buyers' 2026 spends: 1,000 × (clinic) + 500 × 2 + 100; the median is clinic
    // 4's. All seven buy masks (ten buyers): cosine 7 / √70.
    let offer = plan_for("Clinic 08");
    assert_eq!(
        offer["reason"].as_str().unwrap(),
        "7 of your 10 most similar accounts buy Service Plan; often bought with Masks, which it buys (similarity 0.84); margin 42%; typical spend 5,100"
    );
    plan_for("Clinic 09");
    plan_for("Clinic 10");
}

#[test]
fn the_same_input_gives_the_same_output() {
    let dir = dir("twice");
    let input = order_csv(&dir);
    let a = run(&["products", input.to_str().unwrap(), "--json"]);
    let b = run(&["products", input.to_str().unwrap(), "--json"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn growth_is_null_with_one_year_and_margins_null_without_cost() {
    let dir = dir("one-year");
    let path = dir.join("mix.csv");
    std::fs::write(
        &path,
        "Customer,Product,Sales\nSummit,Gloves,10000\nSummit,Masks,5000\nHarbor,Gloves,8000\n",
    )
    .unwrap();
    let doc = json(&["products", path.to_str().unwrap(), "--json"]);
    assert_eq!(doc["products_source"]["layout"], "long");
    let gloves = &doc["products"][0];
    assert_eq!(gloves["product"], "Gloves");
    assert_eq!(gloves["sales"], 18_000.0);
    assert_eq!(gloves["accounts"], 2);
    assert!(gloves["growth"].is_null());
    assert!(gloves["margin"].is_null() && gloves["gross_profit"].is_null());
    let notes: Vec<&str> = doc["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(notes.contains(&"One period only: growth per product is unknown"));
}

#[test]
fn the_report_without_json_is_readable() {
    let dir = dir("table");
    let input = order_csv(&dir);
    let out = run(&["products", input.to_str().unwrap(), "--min-accounts", "3"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(
        "orders.csv: products from sheet \"orders\" (order lines, header in row 1): 5 products bought by 12 accounts"
    ));
    assert!(text.contains(
        "\nHighest margins: Service Plan 42%, Sterilizer 30%, Masks 25%, Gloves 20%, Paper 15%\n"
    ));
    assert!(text.contains("\nBought together:\n  "));
    assert!(text.contains("Clinic 08: Service Plan (score "));
    let table_line = text
        .lines()
        .find(|l| l.starts_with("Service Plan"))
        .unwrap();
    assert!(table_line.contains("42%"), "{table_line}");
}

#[test]
fn the_workbook_carries_products_and_cross_sell_sheets() {
    let dir = dir("export");
    let input = order_csv(&dir);
    let out_path = dir.join("out.xlsx");
    let doc = json(&[
        "products",
        input.to_str().unwrap(),
        "--json",
        "--min-accounts",
        "3",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    let mut book: Xlsx<_> = calamine::open_workbook(&out_path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "orders",
            "Accounts",
            "Summary",
            "Settings",
            "Products",
            "Cross-sell"
        ]
    );
    let products = book.worksheet_range("Products").unwrap();
    assert_eq!(
        products.get_value((0, 0)),
        Some(&Data::String("Account Lens products".into()))
    );
    let sales_of = |name: &str| {
        products
            .rows()
            .find(|r| {
                r.first() == Some(&Data::String(name.into()))
                    && matches!(r.get(1), Some(Data::Float(_)))
            })
            .and_then(|r| match r[1] {
                Data::Float(f) => Some(f),
                _ => None,
            })
            .unwrap()
    };
    for p in doc["products"].as_array().unwrap() {
        let name = p["product"].as_str().unwrap();
        assert!(
            close(sales_of(name), p["sales"].as_f64().unwrap()),
            "{name}"
        );
    }
    let cross = book.worksheet_range("Cross-sell").unwrap();
    let first = &doc["suggestions"][0];
    assert_eq!(
        cross.get_value((3, 0)).unwrap().to_string(),
        first["account"].as_str().unwrap()
    );
    assert_eq!(
        cross.get_value((3, 2)).unwrap().to_string(),
        first["product"].as_str().unwrap()
    );
    assert_eq!(
        cross.get_value((3, 10)).unwrap().to_string(),
        first["reason"].as_str().unwrap()
    );

    // The export read again keeps the settings of its Products sheet.
    let again = json(&["products", out_path.to_str().unwrap(), "--json"]);
    assert_eq!(again["settings"]["min_accounts"], 3);
    assert_eq!(again["source"]["sheet"], "orders");
    assert_eq!(again["products"], doc["products"]);
    assert_eq!(again["suggestions"], doc["suggestions"]);
}

#[test]
fn a_workbook_without_products_is_refused_in_one_line() {
    let dir = dir("none");
    let path = dir.join("accounts.csv");
    std::fs::write(&path, "Customer,Sales 2025,Sales 2026\nSummit,100,120\n").unwrap();
    let out_path = dir.join("never.xlsx");
    let out = run(&[
        "products",
        path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1);
    assert!(stderr.starts_with("error: This workbook has no product figures."));
    assert!(out.stdout.is_empty());
    assert!(!out_path.exists());

    let bad = dir.join("bad.xlsx");
    std::fs::write(&bad, "not a workbook").unwrap();
    let out = run(&["products", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("error: This file is not a spreadsheet"));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        vec!["products"],
        vec!["products", "x.csv", "--min-accounts", "0"],
        vec!["products", "x.csv", "--suggestions", "few"],
        vec!["products", "x.csv", "--capacity", "40"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("error: "));
    }
}
