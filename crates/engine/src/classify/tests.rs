#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::{Projection, Summary};

fn account(name: &str, prior: Option<f64>, current: f64, potential: Option<f64>) -> Account {
    Account {
        name: name.into(),
        prior_sales: prior,
        current_sales: Some(current),
        potential,
        ..Account::default()
    }
}

fn review_of(accounts: Vec<Account>) -> Review {
    analyze(
        &Dataset {
            accounts,
            ..Dataset::default()
        },
        &Settings::default(),
    )
}

fn find<'a>(review: &'a Review, name: &str) -> &'a AccountReview {
    review.accounts.iter().find(|a| a.account == name).unwrap()
}

/// The eleven accounts of tests/fixtures/accounts_basic.xlsx, worked out by hand.
fn territory_north() -> Vec<Account> {
    type Row = (
        &'static str,
        Option<f64>,
        f64,
        Option<f64>,
        f64,
        f64,
        bool,
        bool,
    );
    let rows: [Row; 11] = [
        (
            "Summit Clinics",
            Some(410e3),
            450e3,
            Some(700e3),
            0.32,
            2.0,
            false,
            false,
        ),
        (
            "Harbor Foods",
            Some(380e3),
            390e3,
            Some(420e3),
            0.25,
            6.0,
            false,
            false,
        ),
        (
            "Northwind Traders",
            Some(300e3),
            240e3,
            Some(300e3),
            0.28,
            5.0,
            false,
            false,
        ),
        (
            "Corner Bistro",
            Some(12e3),
            11.5e3,
            Some(12e3),
            0.30,
            8.0,
            false,
            true,
        ),
        (
            "Alpine Dental",
            Some(95e3),
            120e3,
            None,
            0.35,
            3.0,
            false,
            false,
        ),
        (
            "Blue Ridge Supply",
            Some(150e3),
            155e3,
            Some(160e3),
            0.22,
            2.0,
            true,
            false,
        ),
        ("Metro Print", None, 40e3, None, 0.30, 1.0, false, false),
        (
            "Lakeside Hotel",
            Some(60e3),
            52e3,
            Some(60e3),
            0.20,
            4.0,
            false,
            false,
        ),
        (
            "Riverside Bakery",
            Some(30e3),
            31e3,
            Some(33e3),
            0.40,
            1.0,
            false,
            false,
        ),
        (
            "Oak & Pine Furniture",
            Some(200e3),
            205e3,
            Some(230e3),
            0.26,
            3.0,
            false,
            false,
        ),
        (
            "Golden Gate Logistics",
            Some(80e3),
            70e3,
            Some(75e3),
            0.18,
            6.0,
            false,
            false,
        ),
    ];
    rows.iter()
        .map(
            |&(name, prior, current, potential, margin, hours, at_risk, friend)| Account {
                margin: Some(margin),
                hours: Some(hours),
                at_risk,
                friend,
                ..account(name, prior, current, potential)
            },
        )
        .collect()
}

#[test]
fn falling_sales_are_at_risk_with_the_lost_sales_as_deterioration() {
    let r = review_of(vec![account("Northwind", Some(300e3), 240e3, Some(300e3))]);
    let a = &r.accounts[0];
    assert_eq!(a.category, Category::AtRisk);
    assert_eq!(a.deterioration, Some(60e3));
    assert!((a.growth.unwrap() + 0.2).abs() < 1e-12);
    assert_eq!(
        a.reason,
        "Sales down 20% (300,000 → 240,000): estimated deterioration 60,000"
    );
    assert_ne!(a.reason, "Sales down 20%", "a prefix is not the reason");
    assert_ne!(
        a.reason,
        "Sales down 20% (300,000 → 240,000): estimated deterioration 60,000."
    );
}

#[test]
fn a_fall_of_exactly_ten_percent_is_at_risk_and_nine_is_not() {
    let r = review_of(vec![
        account("Ten", Some(100e3), 90e3, None),
        account("Nine", Some(100e3), 91e3, None),
    ]);
    assert_eq!(r.accounts[0].category, Category::AtRisk);
    assert_eq!(r.accounts[1].category, Category::Maintain);
}

#[test]
fn a_flagged_account_not_yet_falling_deteriorates_by_a_quarter() {
    let mut a = account("Blue Ridge", Some(150e3), 155e3, Some(160e3));
    a.at_risk = true;
    let r = review_of(vec![a]);
    let a = &r.accounts[0];
    assert_eq!(a.category, Category::AtRisk);
    assert_eq!(a.deterioration, Some(38_750.0));
    assert!(
        a.reason
            .to_string()
            .starts_with("Flagged at risk in your sheet; sales up 3.3%"),
        "{}",
        a.reason
    );
    assert!(
        a.reason
            .to_string()
            .ends_with("estimated deterioration 38,750 (25% of sales)"),
        "{}",
        a.reason
    );
}

#[test]
fn a_flagged_account_deteriorates_by_at_least_its_flagged_share() {
    let flagged = |prior: f64, current: f64| {
        let mut a = account("f", Some(prior), current, None);
        a.at_risk = true;
        review_of(vec![a]).accounts.remove(0)
    };
    // Slipping 1 %: the flagged quarter of sales, not the 1,000 lost.
    let slipping = flagged(100e3, 99e3);
    assert_eq!(slipping.deterioration, Some(24_750.0));
    assert!(
        slipping.reason.to_string().ends_with("(25% of sales)"),
        "{}",
        slipping.reason
    );
    // Falling 40 %: the sales lost, which is more.
    let falling = flagged(100e3, 60e3);
    assert_eq!(falling.deterioration, Some(40e3));
    assert_eq!(
        falling.reason,
        "Flagged at risk and sales down 40% (100,000 → 60,000): estimated deterioration 40,000"
    );
}

#[test]
fn without_a_prior_year_no_account_is_new_and_growth_is_unknown() {
    let dataset = Dataset {
        accounts: vec![account("Only this year", None, 50e3, None)],
        without_prior_year: true,
        ..Dataset::default()
    };
    let r = analyze(&dataset, &Settings::default());
    assert_eq!(r.accounts[0].category, Category::Maintain);
    assert!(
        r.accounts[0]
            .reason
            .to_string()
            .contains("growth unknown (no prior year in the sheet)"),
        "{}",
        r.accounts[0].reason
    );
}

#[test]
fn upside_of_a_fifth_of_sales_is_grow() {
    let r = review_of(vec![
        account("Summit", Some(410e3), 450e3, Some(700e3)),
        account("Edge", Some(100e3), 100e3, Some(120e3)),
        account("Short", Some(100e3), 100e3, Some(119e3)),
    ]);
    assert_eq!(r.accounts[0].category, Category::Grow);
    assert_eq!(r.accounts[0].upside, Some(250e3));
    assert_eq!(
        r.accounts[0].reason,
        "Upside 250,000 (56% of projected sales 450,000) against potential 700,000"
    );
    assert_eq!(
        r.accounts[1].category,
        Category::Grow,
        "20% upside is the threshold itself"
    );
    assert_eq!(r.accounts[2].category, Category::Maintain);
}

#[test]
fn growth_counts_only_when_no_potential_is_given() {
    let r = review_of(vec![
        account("No potential", Some(95e3), 120e3, None),
        account("Potential reached", Some(95e3), 120e3, Some(120e3)),
    ]);
    assert_eq!(r.accounts[0].category, Category::Grow);
    assert_eq!(
        r.accounts[0].reason,
        "Growing 26% (95,000 → 120,000), no potential given"
    );
    assert_eq!(r.accounts[1].category, Category::Maintain);
    assert_eq!(r.accounts[1].upside, Some(0.0));
}

#[test]
fn a_new_account_with_sales_is_grow() {
    let r = review_of(vec![
        account("Metro Print", None, 40e3, None),
        account("Zero", Some(0.0), 5e3, None),
    ]);
    assert_eq!(r.accounts[0].category, Category::Grow);
    assert_eq!(
        r.accounts[0].reason,
        "New account: 40,000 this year, no sales last year"
    );
    assert_eq!(r.accounts[1].category, Category::Grow);
    assert_eq!(r.accounts[0].growth, None);
}

#[test]
fn tiers_follow_cumulative_sales() {
    // 50 + 30 = 80 % before the third: A A B ... the account that crosses 80 % is still A.
    let r = review_of(vec![
        account("a", None, 50.0, None),
        account("b", None, 29.0, None),
        account("c", None, 10.0, None),
        account("d", None, 6.0, None),
        account("e", None, 5.0, None),
    ]);
    let tiers: Vec<Tier> = r.accounts.iter().map(|a| a.tier).collect();
    // Before each: 0 %, 50 %, 79 % → A; 89 % → B; 95 % → C.
    assert_eq!(tiers, vec![Tier::A, Tier::A, Tier::A, Tier::B, Tier::C]);
}

#[test]
fn territory_north_is_classified_as_worked_out_by_hand() {
    let r = review_of(territory_north());
    let expect = [
        (
            "Summit Clinics",
            Category::Grow,
            Tier::A,
            vec![Flag::UnderServed],
        ),
        ("Harbor Foods", Category::Maintain, Tier::A, vec![]),
        ("Northwind Traders", Category::AtRisk, Tier::A, vec![]),
        (
            "Corner Bistro",
            Category::Maintain,
            Tier::C,
            vec![Flag::TimeSink],
        ),
        ("Alpine Dental", Category::Grow, Tier::B, vec![]),
        ("Blue Ridge Supply", Category::AtRisk, Tier::A, vec![]),
        ("Metro Print", Category::Grow, Tier::C, vec![]),
        (
            "Lakeside Hotel",
            Category::AtRisk,
            Tier::B,
            vec![Flag::TimeSink],
        ),
        ("Riverside Bakery", Category::Maintain, Tier::C, vec![]),
        ("Oak & Pine Furniture", Category::Maintain, Tier::A, vec![]),
        (
            "Golden Gate Logistics",
            Category::AtRisk,
            Tier::B,
            vec![Flag::TimeSink],
        ),
    ];
    for (name, category, tier, flags) in expect {
        let a = find(&r, name);
        assert_eq!(
            (a.category, a.tier, &a.flags),
            (category, tier, &flags),
            "{name}: {}",
            a.reason
        );
    }
    assert_eq!(r.value_basis, ValueBasis::GrossProfit);
    assert_eq!(r.median_hours, Some(3.0));

    let corner = find(&r, "Corner Bistro");
    assert!(
        corner
            .reason
            .to_string()
            .contains("Time sink: 20% of your time for 0.7% of gross profit — a friend"),
        "{}",
        corner.reason
    );
    let summit = find(&r, "Summit Clinics");
    assert!(
        summit
            .reason
            .to_string()
            .ends_with("Under-served: 4.9% of your time for 29% of gross profit"),
        "{}",
        summit.reason
    );
    assert_eq!(summit.gross_profit, Some(144_000.0));
    assert!(find(&r, "Harbor Foods")
        .reason
        .to_string()
        .starts_with("Foundation account (tier A, 390,000)"));

    let s: &Summary = &r.summary;
    assert_eq!(
        (s.grow.accounts, s.maintain.accounts, s.at_risk.accounts),
        (3, 4, 4)
    );
    assert_eq!(s.grow.sales, 610e3);
    assert_eq!(s.maintain.sales, 637.5e3);
    assert_eq!(s.at_risk.sales, 517e3);
    assert_eq!(s.at_risk.deterioration, 116_750.0);
    assert_eq!(s.total.hours, 41.0);
    assert!((s.total.gross_profit - 488_950.0).abs() < 1e-6);
    assert!((s.total.time_share - 1.0).abs() < 1e-12);
    assert!((s.total.value_share - 1.0).abs() < 1e-12);
    assert_eq!(s.total.time_sinks, 3);
    assert_eq!(s.total.under_served, 1);
    // At-risk accounts take 17/41 of the hours for 100,300 / 488,950 of the gross profit.
    assert!((s.at_risk.time_share - 17.0 / 41.0).abs() < 1e-12);
    assert!((s.at_risk.value_share - 124_300.0 / 488_950.0).abs() < 1e-12);
}

#[test]
fn time_sinks_need_at_least_the_median_hours() {
    // Tiny accounts with an hour each are below the median (4) and not flagged.
    let mut accounts = Vec::new();
    for (name, sales, hours) in [
        ("big", 1000.0, 4.0),
        ("mid", 800.0, 4.0),
        ("small", 10.0, 1.0),
        ("eater", 20.0, 8.0),
    ] {
        let mut a = account(name, Some(sales), sales, None);
        a.hours = Some(hours);
        accounts.push(a);
    }
    let r = review_of(accounts);
    assert_eq!(r.median_hours, Some(4.0));
    assert!(find(&r, "eater").flags.contains(&Flag::TimeSink));
    assert!(
        find(&r, "small").flags.is_empty(),
        "{}",
        find(&r, "small").reason
    );
    assert_eq!(r.value_basis, ValueBasis::Sales);
    assert!(find(&r, "eater").reason.to_string().contains("of sales"));
}

#[test]
fn without_hours_there_are_no_flags_and_no_time_shares() {
    let r = review_of(vec![
        account("a", Some(10.0), 10.0, None),
        account("b", Some(1.0), 1.0, None),
    ]);
    assert!(r
        .accounts
        .iter()
        .all(|a| a.flags.is_empty() && a.time_share.is_none()));
    assert_eq!(r.median_hours, None);
}

#[test]
fn an_account_without_margin_is_valued_at_the_book_average() {
    let mut with = account("with", Some(100.0), 100.0, None);
    with.margin = Some(0.5);
    with.hours = Some(1.0);
    let mut without = account("without", Some(100.0), 100.0, None);
    without.hours = Some(1.0);
    let r = review_of(vec![with, without]);
    assert_eq!(find(&r, "without").value_share, Some(0.5));
    assert_eq!(find(&r, "without").gross_profit, None);
    assert!(r.accounts.iter().all(|a| a.flags.is_empty()));
}

#[test]
fn gross_profit_given_in_money_gives_the_margin() {
    let mut a = account("gp", Some(100.0), 200.0, None);
    a.gross_profit = Some(50.0);
    let r = review_of(vec![a]);
    assert_eq!(r.accounts[0].margin, Some(0.25));
}

#[test]
fn a_partial_year_is_projected_before_the_rules() {
    let dataset = Dataset {
        accounts: vec![account("ytd", Some(100e3), 45e3, None)],
        projection: Some(Projection {
            factor: 2.0,
            rule: "half a year".into(),
        }),
        ..Dataset::default()
    };
    let r = analyze(&dataset, &Settings::default());
    assert_eq!(r.accounts[0].projected_sales, Some(90e3));
    assert_eq!(r.accounts[0].current_sales, Some(45e3));
    assert_eq!(r.accounts[0].category, Category::AtRisk);
    assert_eq!(r.accounts[0].deterioration, Some(10e3));
}

#[test]
fn every_threshold_is_a_setting() {
    let accounts = vec![account("Northwind", Some(300e3), 240e3, Some(300e3))];
    let dataset = Dataset {
        accounts,
        ..Dataset::default()
    };
    let lenient = Settings {
        at_risk_growth: -0.25,
        grow_upside: 0.5,
        ..Settings::default()
    };
    let r = analyze(&dataset, &lenient);
    assert_eq!(r.accounts[0].category, Category::Maintain);
    let keen = Settings {
        at_risk_growth: -0.25,
        grow_upside: 0.2,
        ..Settings::default()
    };
    assert_eq!(
        analyze(&dataset, &keen).accounts[0].category,
        Category::Grow
    );
}

#[test]
fn categories_read_back_from_labels_and_keys() {
    for c in Category::ALL {
        assert_eq!(Category::parse(c.label()), Some(c));
        assert_eq!(Category::parse(c.key()), Some(c));
    }
    assert_eq!(Category::parse("AT RISK"), Some(Category::AtRisk));
    assert_eq!(Category::parse("later"), None);
}

#[test]
fn an_empty_book_gives_an_empty_review() {
    let r = review_of(vec![]);
    assert!(r.accounts.is_empty());
    assert_eq!(r.summary.total.accounts, 0);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn shares_add_up_and_every_account_gets_one_category(
            rows in proptest::collection::vec((0.0f64..1e6, 0.0f64..1e6, proptest::option::of(0.0f64..2e6), 0.0f64..40.0), 1..60)
        ) {
            let accounts: Vec<Account> = rows.iter().enumerate().map(|(i, &(p, c, pot, h))| Account {
                hours: Some(h), ..account(&format!("a{i}"), Some(p), c, pot)
            }).collect();
            let r = review_of(accounts);
            prop_assert_eq!(r.summary.total.accounts, rows.len());
            let n = r.summary.grow.accounts + r.summary.maintain.accounts + r.summary.at_risk.accounts;
            prop_assert_eq!(n, rows.len());
            if r.summary.total.sales > 0.0 {
                prop_assert!((r.summary.total.sales_share - 1.0).abs() < 1e-9);
            }
            if r.summary.total.hours > 0.0 {
                prop_assert!((r.summary.total.time_share - 1.0).abs() < 1e-9);
            }
            for a in &r.accounts {
                prop_assert!(!a.reason.to_string().is_empty());
                prop_assert!(a.deterioration.is_none_or(|d| d >= 0.0));
                prop_assert_eq!(a.deterioration.is_some(), a.category == Category::AtRisk);
            }
        }
    }
}
