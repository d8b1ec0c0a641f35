#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use proptest::prelude::*;
use std::fmt::Write as _;
use DecimalStyle::{Comma, Point};

fn num(text: &str, style: DecimalStyle) -> Option<f64> {
    parse_number(text, style)
}

// ---------------------------------------------------------------------------------------------
// parse_number: accepted
// ---------------------------------------------------------------------------------------------

#[test]
fn plain_numbers() {
    assert_eq!(num("0", Point), Some(0.0));
    assert_eq!(num("1234", Point), Some(1234.0));
    assert_eq!(num("1234", Comma), Some(1234.0));
    assert_eq!(num("0042", Point), Some(42.0));
    assert_eq!(num("12.5", Point), Some(12.5));
    assert_eq!(num("12,5", Comma), Some(12.5));
    assert_eq!(num(".5", Point), Some(0.5));
    assert_eq!(num(",5", Comma), Some(0.5));
    assert_eq!(num("5.", Point), Some(5.0));
    assert_eq!(num("+7", Point), Some(7.0));
    assert_eq!(
        num("123456789012345678901234567890", Point),
        Some(1.2345678901234568e29)
    );
}

#[test]
fn padding_including_nbsp() {
    assert_eq!(num("  42  ", Point), Some(42.0));
    assert_eq!(num("\t42\n", Point), Some(42.0));
    assert_eq!(num("\u{a0}42\u{a0}", Point), Some(42.0));
    assert_eq!(num("\u{202f}42,5\u{202f}", Comma), Some(42.5));
    assert_eq!(num("\u{feff}42", Point), Some(42.0));
}

#[test]
fn thousands_point_style() {
    assert_eq!(num("1,234.50", Point), Some(1234.5));
    assert_eq!(num("1,234,567.89", Point), Some(1_234_567.89));
    assert_eq!(num("1,234", Point), Some(1234.0));
    assert_eq!(num("1 234.50", Point), Some(1234.5));
    assert_eq!(num("1'234.50", Point), Some(1234.5));
    assert_eq!(num("1\u{2019}234.50", Point), Some(1234.5));
    assert_eq!(num("1\u{a0}234\u{a0}567", Point), Some(1_234_567.0));
}

#[test]
fn thousands_comma_style() {
    assert_eq!(num("1.234,50", Comma), Some(1234.5));
    assert_eq!(num("1.234.567,89", Comma), Some(1_234_567.89));
    assert_eq!(num("1 234,50", Comma), Some(1234.5));
    assert_eq!(num("1\u{a0}234,50", Comma), Some(1234.5));
    assert_eq!(num("1\u{202f}234\u{202f}567,89", Comma), Some(1_234_567.89));
    assert_eq!(num("1'234,50", Comma), Some(1234.5));
    assert_eq!(num("1.234", Comma), Some(1234.0));
}

#[test]
fn currency_before_or_after() {
    assert_eq!(num("$1,234.50", Point), Some(1234.5));
    assert_eq!(num("$ 1,234.50", Point), Some(1234.5));
    assert_eq!(num("1.234,50 €", Comma), Some(1234.5));
    assert_eq!(num("€1.234,50", Comma), Some(1234.5));
    assert_eq!(num("£12.50", Point), Some(12.5));
    assert_eq!(num("¥1,000", Point), Some(1000.0));
    assert_eq!(num("CHF 1'234.50", Point), Some(1234.5));
    assert_eq!(num("USD 99", Point), Some(99.0));
    assert_eq!(num("99 usd", Point), Some(99.0));
    assert_eq!(num("EUR 1.234,50", Comma), Some(1234.5));
    assert_eq!(num("1.234,50EUR", Comma), Some(1234.5));
    assert_eq!(num("GBP 10", Point), Some(10.0));
    assert_eq!(num("500 kr", Comma), Some(500.0));
    assert_eq!(num("kr. 1.234,50", Comma), Some(1234.5));
    assert_eq!(num("1 234,50 kr.", Comma), Some(1234.5));
    assert_eq!(num("US$5", Point), Some(5.0));
}

#[test]
fn negatives() {
    assert_eq!(num("-500", Point), Some(-500.0));
    assert_eq!(num("\u{2212}500", Point), Some(-500.0));
    assert_eq!(num("500-", Point), Some(-500.0));
    assert_eq!(num("500 -", Point), Some(-500.0));
    assert_eq!(num("(500)", Point), Some(-500.0));
    assert_eq!(num("($1,234.50)", Point), Some(-1234.5));
    assert_eq!(num("$(1,234.50)", Point), Some(-1234.5));
    assert_eq!(num("-$1,234.50", Point), Some(-1234.5));
    assert_eq!(num("$-1,234.50", Point), Some(-1234.5));
    assert_eq!(num("(1.234,50 €)", Comma), Some(-1234.5));
    assert_eq!(num("-1.234,50 €", Comma), Some(-1234.5));
    assert_eq!(num("(12%)", Point), Some(-0.12));
}

#[test]
fn negative_zero_is_zero() {
    let z = num("(0)", Point).unwrap();
    assert_eq!(z, 0.0);
    assert!(z.is_sign_positive());
    assert!(num("-0.00", Point).unwrap().is_sign_positive());
}

#[test]
fn percent() {
    assert_eq!(num("12%", Point), Some(0.12));
    assert_eq!(num("12 %", Point), Some(0.12));
    assert_eq!(num("12,5 %", Comma), Some(0.125));
    assert_eq!(num("12,5\u{a0}%", Comma), Some(0.125));
    assert_eq!(num("12.34%", Point), Some(0.1234));
    assert_eq!(num("-3%", Point), Some(-0.03));
    assert_eq!(num("100%", Point), Some(1.0));
    assert_eq!(num("1e1%", Point), Some(0.1));
}

#[test]
fn exponent() {
    assert_eq!(num("1e3", Point), Some(1000.0));
    assert_eq!(num("1E3", Point), Some(1000.0));
    assert_eq!(num("1.5e-3", Point), Some(0.0015));
    assert_eq!(num("1,5e+3", Comma), Some(1500.0));
    assert_eq!(num("-2e2", Point), Some(-200.0));
}

// ---------------------------------------------------------------------------------------------
// parse_number: rejected
// ---------------------------------------------------------------------------------------------

#[test]
fn rejects_empty_and_words() {
    for text in [
        "", "   ", "\u{a0}", "N/A", "n/a", "abc", "12 units", "-", "()", "$", "%", "e3",
    ] {
        assert_eq!(num(text, Point), None, "{text:?} (Point)");
        assert_eq!(num(text, Comma), None, "{text:?} (Comma)");
    }
    assert_eq!(num("inf", Point), None);
    assert_eq!(num("NaN", Point), None);
    assert_eq!(num("infinity", Point), None);
    assert_eq!(num("#N/A", Point), None);
    assert_eq!(num("12abc", Point), None);
    assert_eq!(num("5e", Point), None);
    assert_eq!(num("0x10", Point), None);
}

#[test]
fn rejects_two_decimal_separators() {
    assert_eq!(num("1.2.3", Point), None);
    assert_eq!(num("1,2,3", Comma), None);
    assert_eq!(num("1.234.567.89", Point), None);
}

#[test]
fn rejects_misplaced_groups() {
    assert_eq!(num("1,23,4", Point), None);
    assert_eq!(num("1,23,456", Point), None); // lakh grouping: refused, keep it strict
    assert_eq!(num("1234,567", Point), None);
    assert_eq!(num("1,2345", Point), None);
    assert_eq!(num("1,", Point), None);
    assert_eq!(num(",123", Point), None);
    assert_eq!(num("1,,234", Point), None);
    assert_eq!(num("0,125", Point), None);
    assert_eq!(num("1.23", Comma), None);
    assert_eq!(num("12.5", Comma), None);
    assert_eq!(num("0.125", Comma), None);
    assert_eq!(num("1 23", Point), None);
    // Mixed separator kinds in one number.
    assert_eq!(num("1,234 567", Point), None);
    assert_eq!(num("1.234 567,5", Comma), None);
    // The wrong style's decimal in a number of the other style.
    assert_eq!(num("1.234,50", Point), None);
    assert_eq!(num("1,234.50", Comma), None);
    assert_eq!(num("12,5", Point), None);
    // No grouping inside the fraction, no grouping with an exponent.
    assert_eq!(num("1.234,567", Point), None);
    assert_eq!(num("1,234e3", Point), None);
}

#[test]
fn rejects_doubled_affixes() {
    assert_eq!(num("--5", Point), None);
    assert_eq!(num("-(5)", Point), None);
    assert_eq!(num("(-5)", Point), None);
    assert_eq!(num("-5-", Point), None);
    assert_eq!(num("+-5", Point), None);
    assert_eq!(num("$5$", Point), None);
    assert_eq!(num("$5 EUR", Point), None);
    assert_eq!(num("$5%", Point), None);
    assert_eq!(num("5%%", Point), None);
    assert_eq!(num("(5", Point), None);
}

#[test]
fn rejects_non_finite() {
    assert_eq!(num("1e999", Point), None);
    assert_eq!(num("-1e999", Point), None);
    assert_eq!(num(&"9".repeat(400), Point), None);
    assert_eq!(num("1e-999", Point), Some(0.0));
}

#[test]
fn long_numbers_spill_to_heap_correctly() {
    let long = format!("0.{}1", "0".repeat(100));
    assert_eq!(num(&long, Point), Some(1e-101));
    let grouped = format!("1{}", ",000".repeat(30));
    assert_eq!(num(&grouped, Point), Some(1e90));
}

// ---------------------------------------------------------------------------------------------
// decide_decimal_style
// ---------------------------------------------------------------------------------------------

#[test]
fn decides_comma_from_decimal_commas() {
    assert_eq!(decide_decimal_style(["1.234,50"]), Comma);
    assert_eq!(decide_decimal_style(["1 234,50"]), Comma);
    assert_eq!(decide_decimal_style(["12,5"]), Comma);
    assert_eq!(decide_decimal_style(["1,5"]), Comma);
    assert_eq!(decide_decimal_style(["1,50"]), Comma);
    assert_eq!(decide_decimal_style(["0,125"]), Comma);
    assert_eq!(decide_decimal_style(["1.234.567"]), Comma);
}

#[test]
fn decides_point_from_decimal_points() {
    assert_eq!(decide_decimal_style(["1,234.50"]), Point);
    assert_eq!(decide_decimal_style(["12.5"]), Point);
    assert_eq!(decide_decimal_style(["0.125"]), Point);
    assert_eq!(decide_decimal_style(["1,234,567"]), Point);
}

#[test]
fn ambiguous_alone_defaults_to_point() {
    assert_eq!(decide_decimal_style(["1,234"]), Point);
    assert_eq!(decide_decimal_style(["1.234"]), Point);
    assert_eq!(decide_decimal_style(["1,234", "5,678"]), Point);
    assert_eq!(decide_decimal_style(std::iter::empty()), Point);
    assert_eq!(decide_decimal_style(["", "N/A", "Acme", "1234"]), Point);
}

#[test]
fn ambiguous_decided_by_the_other_samples() {
    assert_eq!(decide_decimal_style(["1,234", "12,5"]), Comma);
    assert_eq!(decide_decimal_style(["1.234", "1.234,50", "7"]), Comma);
    assert_eq!(decide_decimal_style(["1.234", "99.95"]), Point);
    assert_eq!(decide_decimal_style(["1,234", "1,234.50"]), Point);
}

#[test]
fn decides_by_majority_tie_is_point() {
    assert_eq!(decide_decimal_style(["1,5", "2,5", "3.5"]), Comma);
    assert_eq!(decide_decimal_style(["1,5", "2.5", "3.5"]), Point);
    assert_eq!(decide_decimal_style(["1,5", "2.5"]), Point);
}

#[test]
fn text_that_is_not_a_number_casts_no_vote() {
    // "Jan 5, 2024" has a comma followed by digits, but it is not a number at all.
    assert_eq!(decide_decimal_style(["Jan 5, 2024", "1,5", "N/A"]), Comma);
    assert_eq!(decide_decimal_style(["Smith, J.", "2.5"]), Point);
}

// ---------------------------------------------------------------------------------------------
// parse_bool
// ---------------------------------------------------------------------------------------------

#[test]
fn bools() {
    for t in [
        "yes", "YES", "Yes", "y", "Y", "x", "X", "true", "TRUE", "1", "ja", "Ja", "oui",
    ] {
        assert_eq!(parse_bool(t), Some(true), "{t:?}");
    }
    for t in ["si", "Sí", "SÍ", "✓", "✔", "  yes  "] {
        assert_eq!(parse_bool(t), Some(true), "{t:?}");
    }
    for t in [
        "no", "NO", "n", "N", "false", "False", "0", "nein", "Nein", "non", " no\t",
    ] {
        assert_eq!(parse_bool(t), Some(false), "{t:?}");
    }
    for t in ["", "  ", "maybe", "2", "yess", "-", "xx", "n/a"] {
        assert_eq!(parse_bool(t), None, "{t:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

#[test]
fn days_from_civil_known_values() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(1970, 1, 2), 1);
    assert_eq!(days_from_civil(1969, 12, 31), -1);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    assert_eq!(days_from_civil(1899, 12, 30), -25_569);
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
    assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    assert_eq!(civil_from_days(-719_468), (0, 3, 1));
}

#[test]
fn serial_known_values() {
    assert_eq!(serial_from_civil(1900, 1, 1), 1.0);
    assert_eq!(serial_from_civil(1900, 2, 28), 59.0);
    assert_eq!(serial_from_civil(1900, 2, 29), 60.0);
    assert_eq!(serial_from_civil(1900, 3, 1), 61.0);
    assert_eq!(serial_from_civil(2000, 1, 1), 36_526.0);
    assert_eq!(serial_from_civil(2024, 1, 1), 45_292.0);
    assert_eq!(serial_from_civil(9999, 12, 31), 2_958_465.0);
    assert_eq!(serial_from_civil(1904, 1, 1), DAYS_1904_OFFSET);

    assert_eq!(civil_from_serial(1.0), Some((1900, 1, 1)));
    assert_eq!(civil_from_serial(59.0), Some((1900, 2, 28)));
    assert_eq!(civil_from_serial(60.0), Some((1900, 2, 28)));
    assert_eq!(civil_from_serial(61.0), Some((1900, 3, 1)));
    assert_eq!(civil_from_serial(45_292.75), Some((2024, 1, 1)));
    assert_eq!(civil_from_serial(2_958_465.0), Some((9999, 12, 31)));
    assert_eq!(civil_from_serial(2_958_465.999), Some((9999, 12, 31)));
    // A 1904-system serial 0 is 1904-01-01.
    assert_eq!(civil_from_serial(DAYS_1904_OFFSET), Some((1904, 1, 1)));
}

#[test]
fn serial_out_of_range() {
    assert_eq!(civil_from_serial(0.0), None);
    assert_eq!(civil_from_serial(0.5), None);
    assert_eq!(civil_from_serial(-1.0), None);
    assert_eq!(civil_from_serial(2_958_466.0), None);
    assert_eq!(civil_from_serial(f64::NAN), None);
    assert_eq!(civil_from_serial(f64::INFINITY), None);
    assert_eq!(civil_from_serial(f64::NEG_INFINITY), None);
}

#[test]
fn valid_civil() {
    assert!(is_valid_civil(2028, 2, 29));
    assert!(is_valid_civil(2000, 2, 29));
    assert!(!is_valid_civil(1900, 2, 29));
    assert!(!is_valid_civil(2026, 2, 29));
    assert!(!is_valid_civil(2026, 4, 31));
    assert!(!is_valid_civil(2026, 13, 1));
    assert!(!is_valid_civil(2026, 0, 1));
    assert!(!is_valid_civil(2026, 1, 0));
}

#[test]
fn date_text_accepted() {
    let d = Some((2026, 9, 30));
    for t in [
        "2026-09-30",
        " 2026-09-30 ",
        "2026-09-30T10:00:00",
        "2026-09-30T10:00:00Z",
        "2026-09-30T10:00:00.123+02:00",
        "2026-09-30T10:00-0500",
        "2026-09-30 10:00",
        "2026-09-30 10:00:59",
        "2026/09/30",
        "2026-9-30",
        "30.09.2026",
        "30.9.2026",
        "30.09.2026 10:00",
        "9/30/2026",
        "09/30/2026",
        "9/30/2026 10:00 PM",
        "9/30/2026 10:00:00 am",
    ] {
        assert_eq!(parse_date_text(t), d, "{t:?}");
    }
    assert_eq!(
        parse_date_text("3/4/2026"),
        Some((2026, 3, 4)),
        "US month-first"
    );
    assert_eq!(
        parse_date_text("04.03.2026"),
        Some((2026, 3, 4)),
        "dotted is day-first"
    );
    assert_eq!(parse_date_text("2028-02-29"), Some((2028, 2, 29)));
    assert_eq!(parse_date_text("29.02.2000"), Some((2000, 2, 29)));
}

#[test]
fn date_text_rejected() {
    for t in [
        "",
        "2026",
        "2026-09",
        "2026-02-29",
        "1900-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-09-00",
        "30/09/2026", // day-first with slashes: refused, never flipped
        "31.04.2026",
        "2026-09/30",
        "30.09/2026",
        "30.09.26",
        "9/30/26",
        "20260930",
        "0999-01-01",
        "2026-09-30T",
        "2026-09-30T25:00",
        "2026-09-30T10:60",
        "2026-09-30 10",
        "2026-09-30 noon",
        "2026-09-30x",
        "9/30/2026 13:00 PM",
        "Sept 30, 2026",
        "abc",
    ] {
        assert_eq!(parse_date_text(t), None, "{t:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------------

/// How a column writes its numbers, as real exports do.
#[derive(Debug, Clone, Copy)]
enum Convention {
    /// `1,234,567.89`
    PointComma,
    /// `1.234.567,89`
    CommaDot,
    /// `1 234 567,89` (with a space, NBSP or narrow NBSP)
    CommaSpace(char),
}

impl Convention {
    fn style(self) -> DecimalStyle {
        match self {
            Convention::PointComma => Point,
            Convention::CommaDot | Convention::CommaSpace(_) => Comma,
        }
    }
}

fn convention() -> impl Strategy<Value = Convention> {
    prop_oneof![
        Just(Convention::PointComma),
        Just(Convention::CommaDot),
        prop_oneof![Just(' '), Just('\u{a0}'), Just('\u{202f}')].prop_map(Convention::CommaSpace),
    ]
}

#[derive(Debug, Clone, Copy)]
struct Look {
    currency: Option<(&'static str, bool)>, // token, before the number
    parens: bool,
    decimals: bool,
}

fn look() -> impl Strategy<Value = Look> {
    let currency = prop_oneof![
        Just(None),
        prop::sample::select(vec!["$", "€", "£", "CHF", "USD", "EUR", "kr"])
            .prop_flat_map(|t| any::<bool>().prop_map(move |before| Some((t, before)))),
    ];
    (currency, any::<bool>(), any::<bool>()).prop_map(|(currency, parens, decimals)| Look {
        currency,
        parens,
        decimals,
    })
}

/// Formats a number of cents the way a spreadsheet in `conv` would display it.
fn format_cents(cents: i64, conv: Convention, look: Look) -> String {
    let (group, decimal) = match conv {
        Convention::PointComma => (",".to_string(), '.'),
        Convention::CommaDot => (".".to_string(), ','),
        Convention::CommaSpace(c) => (c.to_string(), ','),
    };
    let abs = cents.unsigned_abs();
    let digits = (abs / 100).to_string();
    let mut int = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            int.push_str(&group);
        }
        int.push(ch);
    }
    let mut body = int;
    if look.decimals {
        body.push(decimal);
        write!(body, "{:02}", abs % 100).unwrap();
    }
    if let Some((token, before)) = look.currency {
        body = if before {
            format!("{token} {body}")
        } else {
            format!("{body} {token}")
        };
    }
    if cents < 0 {
        body = if look.parens {
            format!("({body})")
        } else {
            format!("-{body}")
        };
    }
    body
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

const MAX_CENTS: i64 = 100_000_000_000_000; // ±1e12 in currency units

proptest! {
    #[test]
    fn formatted_numbers_parse_back(
        cents in -MAX_CENTS..=MAX_CENTS,
        conv in convention(),
        look in look(),
    ) {
        let look = Look { decimals: true, ..look };
        let text = format_cents(cents, conv, look);
        let expected = cents as f64 / 100.0;
        let parsed = parse_number(&text, conv.style());
        prop_assert!(parsed.is_some_and(|p| close(p, expected)), "{text:?} → {parsed:?}, want {expected}");
    }

    #[test]
    fn whole_numbers_without_decimals_parse_back(
        units in -1_000_000_000_000i64..=1_000_000_000_000,
        conv in convention(),
        look in look(),
    ) {
        let look = Look { decimals: false, ..look };
        let text = format_cents(units * 100, conv, look);
        let parsed = parse_number(&text, conv.style());
        prop_assert_eq!(parsed, Some(units as f64), "{:?}", text);
    }

    #[test]
    fn column_style_is_detected(
        values in prop::collection::vec((-MAX_CENTS..=MAX_CENTS, look()), 1..30),
        conv in convention(),
        which_has_decimals in any::<prop::sample::Index>(),
    ) {
        let decimal_at = which_has_decimals.index(values.len());
        let column: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, &(cents, look))| {
                let look = if i == decimal_at { Look { decimals: true, ..look } } else { look };
                format_cents(cents, conv, look)
            })
            .collect();
        let style = decide_decimal_style(column.iter().map(String::as_str));
        prop_assert_eq!(style, conv.style(), "{:?}", column);
    }

    #[test]
    fn parse_number_never_panics(text in "\\PC{0,40}", comma in any::<bool>()) {
        let style = if comma { Comma } else { Point };
        if let Some(x) = parse_number(&text, style) {
            prop_assert!(x.is_finite());
        }
    }

    #[test]
    fn plain_f64_display_parses(x in -1e12f64..1e12) {
        prop_assert_eq!(parse_number(&x.to_string(), Point), Some(x + 0.0));
    }

    #[test]
    fn civil_days_round_trip(y in 1900i32..2200, m in 1u32..=12, d in 1u32..=31) {
        prop_assume!(d <= days_in_month(y, m));
        prop_assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
    }

    #[test]
    fn days_civil_round_trip(z in -1_000_000i64..1_000_000) {
        let (y, m, d) = civil_from_days(z);
        prop_assert!(is_valid_civil(y, m, d));
        prop_assert_eq!(days_from_civil(y, m, d), z);
        // Consecutive days are consecutive dates.
        let next = civil_from_days(z + 1);
        prop_assert!(next > (y, m, d));
    }

    #[test]
    fn serial_round_trip(serial in 1u32..=2_958_465) {
        prop_assume!(serial != 60);
        let (y, m, d) = civil_from_serial(f64::from(serial)).unwrap();
        prop_assert!(is_valid_civil(y, m, d));
        prop_assert_eq!(serial_from_civil(y, m, d), f64::from(serial));
    }

    #[test]
    fn civil_serial_round_trip(y in 1900i32..=9999, m in 1u32..=12, d in 1u32..=31) {
        prop_assume!(d <= days_in_month(y, m));
        prop_assert_eq!(civil_from_serial(serial_from_civil(y, m, d)), Some((y, m, d)));
    }

    #[test]
    fn iso_text_round_trip(y in 1000i32..=9999, m in 1u32..=12, d in 1u32..=31) {
        prop_assume!(d <= days_in_month(y, m));
        prop_assert_eq!(parse_date_text(&format!("{y:04}-{m:02}-{d:02}")), Some((y, m, d)));
        prop_assert_eq!(parse_date_text(&format!("{d}.{m}.{y}")), Some((y, m, d)));
        prop_assert_eq!(parse_date_text(&format!("{m}/{d}/{y}")), Some((y, m, d)));
    }

    #[test]
    fn parse_date_text_never_panics(text in "\\PC{0,30}") {
        if let Some((y, m, d)) = parse_date_text(&text) {
            prop_assert!(is_valid_civil(y, m, d));
        }
    }
}
