#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn headers(names: &[&str]) -> Vec<(u32, String)> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (i as u32, n.to_string()))
        .collect()
}

fn mapped(names: &[&str]) -> Mapping {
    map_headers(&headers(names), &ACCOUNT_FIELDS, &[]).unwrap()
}

fn header_of(m: &Mapping, f: Field) -> Option<&str> {
    m.get(f).map(|c| c.header.as_str())
}

#[test]
fn year_labels_name_their_year() {
    let y = |h: &str| year_label(h).map(|l| (l.year, l.part));
    assert_eq!(y("Sales 2025"), Some((2025, false)));
    assert_eq!(y("2026"), Some((2026, false)));
    assert_eq!(y("FY24"), Some((2024, false)));
    assert_eq!(y("FY24 Sales"), Some((2024, false)));
    assert_eq!(y("Jan - Dec 2024"), Some((2024, false)));
    assert_eq!(y("January 2025"), Some((2025, true)));
    assert_eq!(y("Q3 2026"), Some((2026, true)));
    assert_eq!(y("Oct '21 - Sep 22"), Some((2022, false)));
    assert_eq!(y("Total"), None);
    assert_eq!(
        y("Hours 2025"),
        None,
        "a year on another field is not a sales period"
    );
    assert_eq!(y("Customer"), None);
}

#[test]
fn the_older_year_is_prior_and_the_latest_current() {
    let m = mapped(&["Customer", "Sales 2026", "Sales 2025", "Potential"]);
    assert_eq!(header_of(&m, Field::CurrentSales), Some("Sales 2026"));
    assert_eq!(header_of(&m, Field::PriorSales), Some("Sales 2025"));
    assert_eq!(m.get(Field::PriorSales).unwrap().confidence, 0.9);
}

#[test]
fn months_of_a_year_are_summed_and_a_total_column_is_not_a_year() {
    let m = mapped(&[
        "Customer", "Jan 2025", "Feb 2025", "Jan 2026", "Feb 2026", "Total",
    ]);
    let current = m.get(Field::CurrentSales).unwrap();
    assert_eq!(current.columns().collect::<Vec<_>>(), vec![3, 4]);
    let prior = m.get(Field::PriorSales).unwrap();
    assert_eq!(prior.columns().collect::<Vec<_>>(), vec![1, 2]);
    assert!(prior.why.contains("2 period columns of 2025"));
}

#[test]
fn synonyms_map_with_confidence() {
    let m = mapped(&[
        "Account Name",
        "LY",
        "TY",
        "Wallet",
        "GP %",
        "Time spent",
        "Credit hold",
        "Account Manager",
    ]);
    assert_eq!(header_of(&m, Field::Account), Some("Account Name"));
    assert_eq!(header_of(&m, Field::PriorSales), Some("LY"));
    assert_eq!(header_of(&m, Field::CurrentSales), Some("TY"));
    assert_eq!(header_of(&m, Field::Potential), Some("Wallet"));
    assert_eq!(header_of(&m, Field::Margin), Some("GP %"));
    assert_eq!(header_of(&m, Field::Hours), Some("Time spent"));
    assert_eq!(header_of(&m, Field::AtRisk), Some("Credit hold"));
    assert_eq!(header_of(&m, Field::Owner), Some("Account Manager"));
    assert!(m.fields.iter().all(|f| f.confidence == 1.0));
}

#[test]
fn a_stronger_account_synonym_wins_over_an_earlier_column() {
    let m = mapped(&["Contact", "Customer", "Sales"]);
    assert_eq!(header_of(&m, Field::Account), Some("Customer"));
}

#[test]
fn a_header_containing_a_synonym_maps_with_less_confidence() {
    let m = mapped(&["Customer name (billing)", "Potential 2027 est"]);
    let account = m.get(Field::Account).unwrap();
    assert_eq!(account.confidence, 0.7);
}

#[test]
fn overrides_win_and_unknown_headers_are_explained() {
    let h = headers(&["Sold-To", "Amount A", "Amount B"]);
    let m = map_headers(
        &h,
        &ACCOUNT_FIELDS,
        &[
            (Field::Account, "sold-to".into()),
            (Field::CurrentSales, "Amount B".into()),
        ],
    )
    .unwrap();
    assert_eq!(header_of(&m, Field::Account), Some("Sold-To"));
    assert_eq!(m.get(Field::CurrentSales).unwrap().column, 2);
    let err = map_headers(&h, &ACCOUNT_FIELDS, &[(Field::Hours, "Hrs".into())]).unwrap_err();
    assert!(
        err.contains("no column headed \"Hrs\"") && err.contains("Sold-To, Amount A, Amount B"),
        "{err}"
    );
}

#[test]
fn an_empty_header_leaves_a_field_unread() {
    let h = headers(&["Customer", "Sales 2025", "Sales 2026", "Hours", "At risk"]);
    let m = map_headers(
        &h,
        &ACCOUNT_FIELDS,
        &[
            (Field::AtRisk, String::new()),
            (Field::PriorSales, " ".into()),
        ],
    )
    .unwrap();
    assert_eq!(header_of(&m, Field::AtRisk), None);
    assert_eq!(header_of(&m, Field::PriorSales), None);
    assert_eq!(header_of(&m, Field::CurrentSales), Some("Sales 2026"));
    assert_eq!(header_of(&m, Field::Hours), Some("Hours"));
}

#[test]
fn annotation_columns_of_an_export_are_recognised() {
    let mut names = vec!["Customer", "Sales 2026"];
    names.extend(ANNOTATION_HEADERS);
    assert_eq!(annotation_start(&headers(&names)), Some(2));
    assert_eq!(
        annotation_start(&headers(&["Customer", "Category", "Sales"])),
        None
    );
}

#[test]
fn field_keys_round_trip() {
    for f in Field::ALL {
        assert_eq!(Field::from_key(f.key()), Some(f));
    }
    assert_eq!(Field::from_key("colour"), None);
}

#[test]
fn normalize_folds_punctuation_and_case() {
    assert_eq!(normalize("  Hours/Week "), "hours week");
    assert_eq!(normalize("Sold-To_Party"), "sold to party");
    assert_eq!(normalize("GM %"), "gm %");
}
