#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{
    analyze, analyze_with, Account, AccountReview, Category, Dataset, Override, Overrides, Review,
    Settings,
};

fn account(name: &str, prior: f64, current: f64, potential: Option<f64>) -> Account {
    Account {
        name: name.into(),
        prior_sales: Some(prior),
        current_sales: Some(current),
        potential,
        ..Account::default()
    }
}

/// Summit grows (upside), Northwind falls 20 %, Harbor is steady, Blue Ridge is flagged.
fn book() -> Dataset {
    Dataset {
        accounts: vec![
            account("Summit Clinics", 410e3, 450e3, Some(700e3)),
            account("Northwind Traders", 300e3, 240e3, Some(300e3)),
            account("Harbor Foods", 380e3, 390e3, Some(420e3)),
            Account {
                at_risk: true,
                ..account("Blue Ridge", 150e3, 155e3, Some(160e3))
            },
            account("Slipping", 100e3, 95e3, None),
        ],
        ..Dataset::default()
    }
}

fn with(overrides: &[(&str, Option<Category>, &str)]) -> Review {
    let overrides: Overrides = overrides
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
        .collect();
    analyze_with(&book(), &Settings::default(), &overrides)
}

fn find<'a>(review: &'a Review, name: &str) -> &'a AccountReview {
    review.accounts.iter().find(|a| a.account == name).unwrap()
}

#[test]
fn no_overrides_is_plain_analyze() {
    let plain = analyze(&book(), &Settings::default());
    assert_eq!(with(&[]), plain);
    // Empty overrides say nothing and are not reported.
    assert_eq!(with(&[("Nobody", None, "  ")]), plain);
    assert!(plain
        .accounts
        .iter()
        .all(|a| a.note.is_none() && a.rules_category.is_none() && a.reason.your_call.is_none()));
}

#[test]
fn your_call_wins_and_the_rules_reason_is_kept() {
    let r = with(&[("Summit Clinics", Some(Category::AtRisk), "")]);
    let summit = find(&r, "Summit Clinics");
    assert_eq!(summit.category, Category::AtRisk);
    assert_eq!(summit.rules_category, Some(Category::Grow));
    assert_eq!(summit.note, None);
    // Not falling: a quarter of projected sales, as for an account flagged in the sheet.
    assert_eq!(summit.deterioration, Some(112_500.0));
    assert_eq!(
        summit.reason,
        "Your call: At risk (the rules said Grow: upside 250,000 (56% of projected sales \
         450,000) against potential 700,000); estimated deterioration 112,500 (25% of sales)"
    );
    // Tier and flags stay the rules'.
    let plain = analyze(&book(), &Settings::default());
    let before = find(&plain, "Summit Clinics");
    assert_eq!((summit.tier, &summit.flags), (before.tier, &before.flags));
}

#[test]
fn a_falling_account_called_at_risk_deteriorates_by_what_it_lost() {
    // Down 5 %: not at risk by the rules (−10 %), lost 5,000, a quarter would be 23,750.
    let r = with(&[("Slipping", Some(Category::AtRisk), "")]);
    let a = find(&r, "Slipping");
    assert_eq!(a.rules_category, Some(Category::Maintain));
    assert_eq!(a.deterioration, Some(23_750.0));
    let mut settings = Settings::default();
    assert!(settings.set("flagged_deterioration", 0.01));
    let overrides: Overrides = [(
        "Slipping".to_string(),
        Override {
            category: Some(Category::AtRisk),
            note: String::new(),
        },
    )]
    .into();
    let r = analyze_with(&book(), &settings, &overrides);
    let a = find(&r, "Slipping");
    assert_eq!(a.deterioration, Some(5_000.0));
    assert_eq!(
        a.reason,
        "Your call: At risk (the rules said Maintain: steady: growth -5.0%); estimated \
         deterioration 5,000"
    );
}

#[test]
fn called_away_from_at_risk_it_deteriorates_by_nothing() {
    let r = with(&[("northwind traders", Some(Category::Maintain), "")]);
    let a = find(&r, "Northwind Traders");
    assert_eq!(a.category, Category::Maintain);
    assert_eq!(a.rules_category, Some(Category::AtRisk));
    assert_eq!(a.deterioration, None);
    assert_eq!(
        a.reason,
        "Your call: Maintain (the rules said At risk: sales down 20% (300,000 → 240,000): \
         estimated deterioration 60,000)"
    );
}

#[test]
fn the_same_category_as_the_rules_is_still_your_call() {
    let r = with(&[("Northwind Traders", Some(Category::AtRisk), "")]);
    let a = find(&r, "Northwind Traders");
    assert_eq!(a.category, Category::AtRisk);
    assert_eq!(a.rules_category, Some(Category::AtRisk));
    assert_eq!(a.deterioration, Some(60e3));
    assert_eq!(
        a.reason,
        "Your call: At risk (the rules agree: sales down 20% (300,000 → 240,000): estimated \
         deterioration 60,000)"
    );
}

#[test]
fn the_summary_follows_your_calls() {
    let plain = analyze(&book(), &Settings::default());
    assert_eq!(plain.summary.at_risk.accounts, 2);
    assert_eq!(plain.summary.grow.accounts, 1);
    assert_eq!(plain.summary.at_risk.deterioration, 60e3 + 38_750.0);

    let r = with(&[
        ("Northwind Traders", Some(Category::Grow), ""),
        (
            "Summit Clinics",
            Some(Category::AtRisk),
            "call before Friday",
        ),
    ]);
    let s = &r.summary;
    assert_eq!(
        (s.grow.accounts, s.maintain.accounts, s.at_risk.accounts),
        (1, 2, 2)
    );
    // Blue Ridge's 38,750 and Summit's 112,500; Northwind's 60,000 is gone.
    assert_eq!(s.at_risk.deterioration, 38_750.0 + 112_500.0);
    assert_eq!(s.total.deterioration, 38_750.0 + 112_500.0);
    assert_eq!(s.grow.sales, 240e3);
    assert_eq!(s.at_risk.sales, 450e3 + 155e3);
    assert_eq!(s.total.accounts, 5);
}

#[test]
fn names_match_ignoring_case_and_surrounding_spaces() {
    let r = with(&[(
        "  HARBOR foods ",
        Some(Category::Grow),
        " ask about the annex  ",
    )]);
    let a = find(&r, "Harbor Foods");
    assert_eq!(a.category, Category::Grow);
    assert_eq!(a.note.as_deref(), Some("ask about the annex"));
    assert!(r.unmatched_overrides.is_empty());
    // Non-ASCII names fold too.
    let dataset = Dataset {
        accounts: vec![account("Müller GmbH", 100.0, 100.0, None)],
        ..Dataset::default()
    };
    let overrides: Overrides = [(
        "MÜLLER GMBH".to_string(),
        Override {
            category: Some(Category::Grow),
            note: String::new(),
        },
    )]
    .into();
    let r = analyze_with(&dataset, &Settings::default(), &overrides);
    assert_eq!(r.accounts[0].category, Category::Grow);
}

#[test]
fn overrides_for_accounts_not_in_the_book_are_listed_and_ignored() {
    let r = with(&[
        ("Gone Ltd", Some(Category::Grow), ""),
        ("Harbor Foods", None, "fine"),
        ("Old Friend", None, "retired"),
    ]);
    assert_eq!(r.unmatched_overrides, ["Gone Ltd", "Old Friend"]);
    let plain = analyze(&book(), &Settings::default());
    assert_eq!(r.summary, plain.summary);
}

#[test]
fn a_note_only_override_changes_nothing_but_the_note() {
    let plain = analyze(&book(), &Settings::default());
    let r = with(&[("Blue Ridge", None, "  credit hold until March ")]);
    let a = find(&r, "Blue Ridge");
    assert_eq!(a.note.as_deref(), Some("credit hold until March"));
    let mut expected = find(&plain, "Blue Ridge").clone();
    expected.note = a.note.clone();
    assert_eq!(*a, expected);
    assert_eq!(r.summary, plain.summary);
    assert!(Override {
        category: None,
        note: " \t".into()
    }
    .is_empty());
}
