#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::optimise::{allocate, Curve};
use super::*;
use crate::{analyze, Account, Dataset, Settings};

fn est(none: f64, half: f64, more: f64, saturation: f64) -> Estimates {
    Estimates {
        none,
        half,
        more,
        saturation,
    }
}

/// DESIGN.md's formulas, written out once more, term by term.
fn design_formulas(e: &Estimates) -> (f64, f64) {
    let (b, a, r_half, r_more) = (e.none, e.saturation, e.half, e.more);
    let d = (a - 1.0) / (1.0 - b);
    let c = (1.0 / 3.0) * (d * (r_half - b) / (a - r_half)).ln() / 0.5f64.ln()
        + (2.0 / 3.0) * (d * (r_more - b) / (a - r_more)).ln() / 1.5f64.ln();
    (d, c)
}

fn close(x: f64, y: f64, tolerance: f64) -> bool {
    (x - y).abs() <= tolerance * (1.0 + x.abs().max(y.abs()))
}

// ---------------------------------------------------------------- calibration

#[test]
fn calibration_equals_the_design_formulas_on_worked_examples() {
    // (estimates, d, c) worked out separately (Python, double precision).
    let worked = [
        (est(0.6, 0.86, 1.09, 1.6), 1.5, 0.908_906_852_074_705),
        (est(0.6, 0.85, 1.15, 1.5), 1.25, 1.462_242_635_351_022_3),
        (
            est(0.3, 0.45, 1.5, 2.0),
            1.428_571_428_571_428_6,
            2.977_447_030_490_161_2,
        ),
    ];
    for (e, d, c) in worked {
        let r = Response::calibrate(&e).unwrap();
        assert_eq!((r.b, r.a), (e.none, e.saturation));
        assert!((r.d - d).abs() < 1e-9, "{e:?}: d {}", r.d);
        assert!((r.c - c).abs() < 1e-9, "{e:?}: c {}", r.c);
        let (d2, c2) = design_formulas(&e);
        assert!((r.d - d2).abs() < 1e-9 && (r.c - c2).abs() < 1e-9);
    }
    for category in Category::ALL {
        let e = CategoryEstimates::default().get(category).to_owned();
        let r = Response::calibrate(&e).unwrap();
        let (d, c) = design_formulas(&e);
        assert!((r.d - d).abs() < 1e-9 && (r.c - c).abs() < 1e-9);
        assert!(
            r.c <= 1.0,
            "{category:?}: the defaults are concave, c = {}",
            r.c
        );
    }
}

#[test]
fn the_curve_passes_through_today_and_runs_from_none_to_saturation() {
    for e in [
        est(0.6, 0.86, 1.09, 1.6),
        est(0.6, 0.85, 1.15, 1.5),
        est(0.3, 0.45, 1.5, 2.0),
        est(0.0, 0.2, 1.01, 1.02),
    ] {
        let r = Response::calibrate(&e).unwrap();
        assert!((r.at(1.0) - 1.0).abs() < 1e-12, "{e:?}");
        assert_eq!(r.at(0.0), e.none);
        assert!((r.at(1e9) - e.saturation).abs() < 1e-6, "{e:?}");
        // Rising all the way.
        let mut last = r.at(0.0);
        for k in 1..400 {
            let now = r.at(f64::from(k) * 0.01);
            assert!(now > last, "{e:?} at {k}");
            last = now;
        }
    }
}

/// What the formulas guarantee about the middle estimates: c is the ⅓–⅔ mean of the c of the
/// curve through the half-time estimate and the c of the curve through the +50 % estimate. So
/// the curve passes through both exactly when they agree (estimates read off one curve), and
/// otherwise lies between: below the estimate whose own c is smaller at x = ½, …
#[test]
fn the_middle_estimates_are_reproduced_when_they_agree_and_bracketed_when_not() {
    for (b, a, c) in [
        (0.6, 1.6, 0.9),
        (0.3, 2.0, 3.0),
        (0.5, 1.2, 1.0),
        (0.05, 4.0, 0.4),
    ] {
        let d = (a - 1.0) / (1.0 - b);
        let truth = Response { b, a, c, d };
        let e = est(b, truth.at(0.5), truth.at(1.5), a);
        let r = Response::calibrate(&e).unwrap();
        assert!((r.c - c).abs() < 1e-9 && (r.d - d).abs() < 1e-9, "{r:?}");
        assert!((r.at(0.5) - e.half).abs() < 1e-9);
        assert!((r.at(1.5) - e.more).abs() < 1e-9);
    }
    for e in [est(0.6, 0.85, 1.15, 1.5), est(0.6, 0.7, 1.05, 1.6)] {
        let r = Response::calibrate(&e).unwrap();
        let d = r.d;
        let c_half = (d * (e.half - e.none) / (e.saturation - e.half)).ln() / 0.5f64.ln();
        let c_more = (d * (e.more - e.none) / (e.saturation - e.more)).ln() / 1.5f64.ln();
        assert!(close(r.c, c_half / 3.0 + 2.0 * c_more / 3.0, 1e-12));
        let through = |c: f64| Response { c, ..r };
        assert!((through(c_half).at(0.5) - e.half).abs() < 1e-9);
        assert!((through(c_more).at(1.5) - e.more).abs() < 1e-9);
        // Below one side of x = 1 and above the other: r(½) falls and r(1.5) rises with c.
        let (lo, hi) = (c_half.min(c_more), c_half.max(c_more));
        assert!(lo < r.c && r.c < hi);
        if c_half < c_more {
            assert!(r.at(0.5) < e.half && r.at(1.5) < e.more, "{e:?}");
        } else {
            assert!(r.at(0.5) > e.half && r.at(1.5) > e.more, "{e:?}");
        }
    }
}

#[test]
fn estimates_that_give_no_curve_say_which_one_is_off() {
    let ok = est(0.6, 0.86, 1.09, 1.6);
    let cases: [(Estimates, Estimate, &str); 9] = [
        (
            Estimates { none: 1.1, ..ok },
            Estimate::None,
            "Sales with no time (110%) must be below today's sales (100%): if the account buys as much without you, time cannot change it",
        ),
        (
            Estimates { none: 1.0, ..ok },
            Estimate::None,
            "Sales with no time (100%) must be below today's sales (100%): if the account buys as much without you, time cannot change it",
        ),
        (
            Estimates { none: -0.1, ..ok },
            Estimate::None,
            "Sales with no time (-10%) cannot be below zero",
        ),
        (
            Estimates { saturation: 1.0, ..ok },
            Estimate::Saturation,
            "Sales at saturation (100%) must be above today's sales (100%): it is the most the account would buy with all the time it can take",
        ),
        (
            Estimates { half: 0.5, ..ok },
            Estimate::Half,
            "Sales with half the time (50%) must be above sales with no time (60%)",
        ),
        (
            Estimates { half: 1.02, ..ok },
            Estimate::Half,
            "Sales with half the time (102%) must be below today's sales (100%)",
        ),
        (
            Estimates { more: 0.98, ..ok },
            Estimate::More,
            "Sales with 50% more time (98%) must be above today's sales (100%)",
        ),
        (
            Estimates { more: 1.7, ..ok },
            Estimate::More,
            "Sales with 50% more time (170%) must be below sales at saturation (160%)",
        ),
        (
            Estimates { half: f64::NAN, ..ok },
            Estimate::Half,
            "Sales with half the time is not a number: give it as a share of today's sales, e.g. 80%",
        ),
    ];
    for (e, which, text) in cases {
        let err = Response::calibrate(&e).unwrap_err();
        assert_eq!(err.estimate(), which, "{e:?}");
        assert_eq!(err.to_string(), text);
    }
}

#[test]
fn s_shaped_curves_are_concave_only_past_their_inflection() {
    let concave = Response::calibrate(&est(0.6, 0.86, 1.09, 1.6)).unwrap();
    assert!(concave.concave_from(0.0));
    let s = Response::calibrate(&est(0.3, 0.45, 1.5, 2.0)).unwrap();
    assert!(!s.concave_from(0.0));
    let x = (s.d * (s.c - 1.0) / (s.c + 1.0)).powf(1.0 / s.c);
    assert!(s.concave_from(x) && !s.concave_from(x * 0.99));
    // Second differences change sign at the inflection.
    let second = |x: f64| s.at(x + 0.01) - 2.0 * s.at(x) + s.at(x - 0.01);
    assert!(second(x * 0.8) > 0.0 && second(x * 1.2) < 0.0);
}

// ---------------------------------------------------------------- optimiser

fn total(curves: &[Curve], steps: &[u32]) -> f64 {
    curves.iter().zip(steps).map(|(c, &k)| c.value(k)).sum()
}

/// Every allocation with Σ ≤ capacity within the bounds; the best value.
fn exhaustive(curves: &[Curve], capacity: u32) -> f64 {
    fn go(curves: &[Curve], left: u32, sum: f64) -> f64 {
        let Some((c, rest)) = curves.split_first() else {
            return sum;
        };
        let mut best = f64::NEG_INFINITY;
        let top = c.max.min(c.min.saturating_add(left));
        for k in c.min..=top {
            best = best.max(go(rest, left - (k - c.min), sum + c.value(k)));
        }
        best
    }
    let minimums: u32 = curves.iter().map(|c| c.min).sum();
    go(curves, capacity - minimums, 0.0)
}

mod optimiser {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    /// Concave, mildly and strongly S-shaped estimates, and random ones (any shape).
    fn estimates() -> impl Strategy<Value = Estimates> {
        let fixed = prop_oneof![
            Just(est(0.6, 0.86, 1.09, 1.6)),
            Just(est(0.7, 0.94, 1.03, 1.12)),
            Just(est(0.6, 0.85, 1.15, 1.5)),
            Just(est(0.3, 0.45, 1.5, 2.0)),
            Just(est(0.1, 0.15, 1.8, 2.2)),
        ];
        let random = (0.0f64..0.9, 0.01f64..0.99, 1.01f64..3.0, 0.01f64..0.99).prop_map(
            |(none, h, saturation, m)| {
                est(
                    none,
                    none + h * (1.0 - none),
                    1.0 + m * (saturation - 1.0),
                    saturation,
                )
            },
        );
        prop_oneof![fixed, random]
    }

    fn curve() -> impl Strategy<Value = Curve> {
        (
            estimates(),
            100.0f64..100_000.0,
            0.5f64..8.0,
            prop_oneof![Just(0u32), 0u32..4],
            prop_oneof![Just(u32::MAX), 2u32..12],
        )
            .prop_map(|(e, weight, anchor, min, max)| Curve {
                weight,
                response: Response::calibrate(&e).unwrap(),
                per_step: 0.25 / anchor,
                min,
                max: max.max(min),
            })
    }

    fn config(cases: u32, seed: u64) -> Config {
        Config {
            cases,
            rng_seed: RngSeed::Fixed(seed),
            failure_persistence: None,
            ..Config::default()
        }
    }

    proptest! {
        #![proptest_config(config(256, 4))]
        /// Exact on the quarter-hour grid, concave and S-shaped alike; stronger than the
        /// "within one step" the issue asks for.
        #[test]
        fn matches_exhaustive_search(curves in proptest::collection::vec(curve(), 1..=5), capacity in 0u32..=20) {
            let minimums: u32 = curves.iter().map(|c| c.min).sum();
            let steps = allocate(&curves, capacity);
            if minimums > capacity {
                prop_assert_eq!(steps, curves.iter().map(|c| c.min).collect::<Vec<_>>());
                return Ok(());
            }
            prop_assert!(steps.iter().sum::<u32>() <= capacity);
            for (c, &k) in curves.iter().zip(&steps) {
                prop_assert!(c.min <= k && k <= c.max);
            }
            let best = exhaustive(&curves, capacity);
            let ours = total(&curves, &steps);
            prop_assert!(ours >= best - 1e-9 * best.abs().max(1.0), "ours {} best {}", ours, best);
        }
    }

    proptest! {
        #![proptest_config(config(128, 7))]
        /// No single quarter hour moved from one account to another gains: marginal returns are
        /// equal within a step across accounts not at a bound; all hours are given while any
        /// account can use one; and more capacity never lowers the objective.
        #[test]
        fn marginal_returns_are_level_and_capacity_only_helps(curves in proptest::collection::vec(curve(), 2..=25), capacity in 0u32..=160) {
            let steps = allocate(&curves, capacity);
            let minimums: u32 = curves.iter().map(|c| c.min).sum();
            prop_assume!(minimums <= capacity);
            let gain = |i: usize| curves[i].value(steps[i] + 1) - curves[i].value(steps[i]);
            let loss = |i: usize| curves[i].value(steps[i]) - curves[i].value(steps[i] - 1);
            let tolerance = |x: f64| 1e-9 * x.abs().max(1.0);
            let given: u32 = steps.iter().sum();
            for j in 0..curves.len() {
                if steps[j] >= curves[j].max {
                    continue;
                }
                if given < capacity {
                    prop_assert!(gain(j) <= tolerance(gain(j)), "an hour left that {} could use", j);
                }
                for i in 0..curves.len() {
                    if i != j && steps[i] > curves[i].min {
                        prop_assert!(gain(j) <= loss(i) + tolerance(loss(i)), "{} → {}: gain {} > loss {}", i, j, gain(j), loss(i));
                    }
                }
            }
            let value = total(&curves, &steps);
            let more = total(&curves, &allocate(&curves, capacity + 1));
            prop_assert!(more >= value - tolerance(value));
        }
    }
}

#[test]
fn an_s_shaped_account_gets_a_block_of_hours_or_none() {
    // Greedy alone would never start the S-shaped account: its first quarter hours return
    // almost nothing, but four hours return more than anything else can.
    let s = Curve {
        weight: 100_000.0,
        response: Response::calibrate(&est(0.1, 0.15, 1.8, 2.2)).unwrap(),
        per_step: 0.25 / 4.0,
        min: 0,
        max: u32::MAX,
    };
    let concave = Curve {
        weight: 20_000.0,
        response: Response::calibrate(&est(0.6, 0.86, 1.09, 1.6)).unwrap(),
        per_step: 0.25 / 4.0,
        min: 0,
        max: u32::MAX,
    };
    let curves = [concave, s];
    let steps = allocate(&curves, 32);
    assert!(steps[1] >= 16, "{steps:?}");
    assert!((total(&curves, &steps) - exhaustive(&curves, 32)).abs() < 1e-6);
    // With little time, the concave account takes it all.
    assert_eq!(allocate(&curves, 2), vec![2, 0]);
}

#[test]
fn minimums_over_capacity_are_kept_as_they_are() {
    let c = Curve {
        weight: 1000.0,
        response: Response::calibrate(&est(0.6, 0.86, 1.09, 1.6)).unwrap(),
        per_step: 0.1,
        min: 6,
        max: u32::MAX,
    };
    assert_eq!(allocate(&[c, c], 10), vec![6, 6]);
    assert_eq!(allocate(&[], 10), Vec::<u32>::new());
}

// ---------------------------------------------------------------- plans of a book

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

/// The eleven accounts of tests/fixtures/accounts_basic.xlsx: name, prior, current, potential,
/// margin, hours, at risk, friend.
const TERRITORY: [Row; 11] = [
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

fn book(rows: &[Row]) -> Review {
    let accounts = rows
        .iter()
        .map(
            |&(name, prior, current, potential, margin, hours, at_risk, friend)| Account {
                name: name.into(),
                prior_sales: prior,
                current_sales: Some(current),
                potential,
                margin: Some(margin),
                hours: Some(hours),
                at_risk,
                friend,
                ..Account::default()
            },
        )
        .collect();
    analyze(
        &Dataset {
            accounts,
            ..Dataset::default()
        },
        &Settings::default(),
    )
}

fn with_capacity(capacity: f64) -> PlanSettings {
    PlanSettings {
        capacity,
        ..PlanSettings::default()
    }
}

fn hours_of(plan: &Plan, name: &str) -> f64 {
    plan.accounts
        .iter()
        .find(|a| a.account == name)
        .unwrap()
        .recommended_hours
}

#[test]
fn a_worked_plan_of_the_territory_moves_hours_with_reasons() {
    let review = book(&TERRITORY);
    let plan = plan(&review, &with_capacity(41.0));
    let lines: Vec<String> = plan.moves.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "+11 h Summit Clinics: top account, under-served, 4.9% of your time for 29% of gross profit",
            "−8 h Corner Bistro: time sink, 20% of your time for 0.7% of gross profit — a friend, but the numbers say cut back",
            "−4.5 h Golden Gate Logistics: time sink, 15% of your time for 2.6% of gross profit",
            "−2.75 h Lakeside Hotel: time sink, 9.8% of your time for 2.1% of gross profit",
            "+2.5 h Alpine Dental: each extra hour returns 2,290 of gross profit",
            "+1.5 h Northwind Traders: each extra hour returns 2,091 of gross profit",
            "+1.25 h Blue Ridge Supply: each extra hour returns 2,256 of gross profit",
            "−1 h Harbor Foods: each hour there returns 1,470 of gross profit; an hour added elsewhere returns at least 2,091",
            "+0.5 h Metro Print: each extra hour returns 2,178 of gross profit",
            "−0.25 h Riverside Bakery: each hour there returns 1,202 of gross profit; an hour added elsewhere returns at least 2,091",
            "−0.25 h Oak & Pine Furniture: each hour there returns 1,507 of gross profit; an hour added elsewhere returns at least 2,091",
        ]
    );
    assert_eq!(plan.basis, ValueBasis::GrossProfit);
    assert_eq!((plan.capacity, plan.step), (41.0, 0.25));
    assert!(plan.unplanned.is_empty() && plan.notes.is_empty());
    let given: f64 = plan.accounts.iter().map(|a| a.recommended_hours).sum();
    assert_eq!(given, 41.0);
    // At today's hours the curves give back today's gross profit.
    assert!((plan.current_gross_profit - 488_950.0).abs() < 1e-6);
    assert_eq!(
        plan.headline(),
        "Expected gross profit 488,950 → 548,006 (+59,056)"
    );
    let change: f64 = plan.moves.iter().map(|m| m.hours_change).sum();
    assert!(change.abs() < 1e-9, "hours are moved, not made");
    let summit = &plan.accounts[0];
    assert_eq!(
        (summit.current_hours, summit.recommended_hours),
        (2.0, 13.0)
    );
    assert_eq!(
        summit.response,
        Response::calibrate(&summit.estimates).unwrap()
    );
    assert!((summit.expected_sales - 450e3 * summit.response.at(6.5)).abs() < 1e-6);
    assert!((summit.expected_gross_profit - summit.expected_sales * 0.32).abs() < 1e-6);
}

#[test]
fn more_capacity_gives_every_account_at_least_as_much_and_earns_more() {
    let review = book(&TERRITORY);
    let tight = plan(&review, &with_capacity(30.0));
    let roomy = plan(&review, &with_capacity(50.0));
    assert_eq!(
        tight
            .accounts
            .iter()
            .map(|a| a.recommended_hours)
            .sum::<f64>(),
        30.0
    );
    assert_eq!(
        roomy
            .accounts
            .iter()
            .map(|a| a.recommended_hours)
            .sum::<f64>(),
        50.0
    );
    for (t, r) in tight.accounts.iter().zip(&roomy.accounts) {
        assert!(t.recommended_hours <= r.recommended_hours, "{}", t.account);
    }
    assert!(roomy.expected_gross_profit > tight.expected_gross_profit);
    // Fewer hours than today: the cuts name what the hours return.
    assert!(
        tight.expected_gross_profit_change
            < plan(&review, &with_capacity(41.0)).expected_gross_profit_change
    );
}

#[test]
fn bounds_are_kept_and_quoted_when_they_decide() {
    let review = book(&TERRITORY);
    let settings = PlanSettings {
        capacity: 41.0,
        bounds: [
            ("corner bistro ".to_string(), (Some(2.1), None)),
            ("Summit Clinics".to_string(), (None, Some(6.0))),
            ("Harbor Foods".to_string(), (Some(7.0), Some(7.0))),
            ("Riverside Bakery".to_string(), (Some(3.0), Some(1.0))),
        ]
        .into(),
        ..PlanSettings::default()
    };
    let plan = plan(&review, &settings);
    // 2.1 h is 2.25 on the quarter-hour grid; a minimum above the maximum is both.
    assert_eq!(hours_of(&plan, "Corner Bistro"), 2.25);
    assert_eq!(hours_of(&plan, "Summit Clinics"), 6.0);
    assert_eq!(hours_of(&plan, "Harbor Foods"), 7.0);
    assert_eq!(hours_of(&plan, "Riverside Bakery"), 3.0);
    let line = |name: &str| {
        plan.moves
            .iter()
            .find(|m| m.account == name)
            .map(ToString::to_string)
            .unwrap()
    };
    assert_eq!(
        line("Harbor Foods"),
        "+1 h Harbor Foods: your minimum for it is 7 h"
    );
    assert_eq!(
        line("Riverside Bakery"),
        "+2 h Riverside Bakery: your minimum for it is 3 h"
    );
    // The bound caps the under-served account, but it still gains: the flag is the reason.
    assert!(line("Summit Clinics").starts_with("+4 h Summit Clinics: top account, under-served"));
    assert!(line("Corner Bistro").starts_with("−5.75 h Corner Bistro: time sink"));

    let capped = PlanSettings {
        capacity: 41.0,
        bounds: [("Summit Clinics".to_string(), (None, Some(1.0)))].into(),
        ..PlanSettings::default()
    };
    let plan = super::plan(&review, &capped);
    let summit = plan
        .moves
        .iter()
        .find(|m| m.account == "Summit Clinics")
        .unwrap();
    assert_eq!(
        summit.to_string(),
        "−1 h Summit Clinics: your maximum for it is 1 h"
    );
}

#[test]
fn minimums_beyond_the_week_are_kept_and_said() {
    let review = book(&TERRITORY[..2]);
    let settings = PlanSettings {
        capacity: 5.0,
        bounds: [
            ("Summit Clinics".to_string(), (Some(4.0), None)),
            ("Harbor Foods".to_string(), (Some(3.0), None)),
        ]
        .into(),
        ..PlanSettings::default()
    };
    let plan = plan(&review, &settings);
    assert_eq!(hours_of(&plan, "Summit Clinics"), 4.0);
    assert_eq!(hours_of(&plan, "Harbor Foods"), 3.0);
    assert_eq!(
        plan.notes,
        [PlanNote::MinimumsOverCapacity {
            minimums: 7.0,
            capacity: 5.0
        }]
    );
    assert_eq!(
        plan.notes[0].to_string(),
        "Your minimums add up to 7 h, more than the 5 h you have: the plan keeps the minimums and adds nothing"
    );
}

#[test]
fn without_margins_the_plan_is_made_on_sales_and_says_so() {
    let mut review = book(&TERRITORY);
    for a in &mut review.accounts {
        a.margin = None;
        a.gross_profit = None;
    }
    let plan = plan(&review, &with_capacity(41.0));
    assert_eq!(plan.basis, ValueBasis::Sales);
    assert_eq!(plan.notes, [PlanNote::OnSales]);
    assert_eq!(
        plan.notes[0].to_string(),
        "No margins in the sheet: the plan is made on sales, not gross profit"
    );
    assert!((plan.current_gross_profit - 1_764_500.0).abs() < 1e-6);
    for a in &plan.accounts {
        assert_eq!(a.expected_gross_profit, a.expected_sales);
    }
    assert!(plan
        .moves
        .iter()
        .any(|m| m.to_string().contains(" of sales")));
}

#[test]
fn an_account_without_a_margin_is_valued_at_the_books_average() {
    let mut review = book(&TERRITORY[..3]);
    review.accounts[2].margin = None;
    let plan = plan(&review, &with_capacity(13.0));
    // Sales-weighted: (450,000 × 0.32 + 390,000 × 0.25) / 840,000.
    let average = (450e3 * 0.32 + 390e3 * 0.25) / 840e3;
    assert_eq!(
        plan.notes,
        [PlanNote::AverageMargin {
            accounts: 1,
            margin: average
        }]
    );
    assert_eq!(
        plan.notes[0].to_string(),
        "1 account without a margin valued at the book's average margin (29%)"
    );
    let northwind = &plan.accounts[2];
    assert!((northwind.expected_gross_profit - northwind.expected_sales * average).abs() < 1e-6);
}

#[test]
fn accounts_that_cannot_be_planned_are_listed_with_the_reason() {
    let mut review = book(&TERRITORY[..3]);
    review.accounts[1].projected_sales = None;
    review.accounts.push(AccountReview {
        account: "Prospect".into(),
        projected_sales: Some(0.0),
        hours: None,
        ..review.accounts[1].clone()
    });
    let settings = PlanSettings {
        capacity: 10.0,
        estimates: [("NORTHWIND TRADERS".to_string(), est(0.6, 0.5, 1.1, 1.5))].into(),
        ..PlanSettings::default()
    };
    let plan = plan(&review, &settings);
    assert_eq!(plan.accounts.len(), 1);
    assert_eq!(hours_of(&plan, "Summit Clinics"), 10.0);
    assert_eq!(
        plan.unplanned,
        [
            (
                "Harbor Foods".to_string(),
                "no sales to plan on; its 6 h a week are left out of the plan".to_string()
            ),
            (
                "Northwind Traders".to_string(),
                "its estimates are off: Sales with half the time (50%) must be above sales with no time (60%)".to_string()
            ),
            ("Prospect".to_string(), "no sales to plan on".to_string()),
        ]
    );
}

#[test]
fn accounts_without_hours_are_anchored_on_the_median_account() {
    let mut review = book(&TERRITORY[..4]);
    review.accounts[3].hours = None;
    let plan = plan(&review, &with_capacity(13.0));
    // Median of 2, 6 and 5 hours.
    let bistro = &plan.accounts[3];
    assert_eq!((bistro.current_hours, bistro.anchor_hours), (0.0, 5.0));
    assert_eq!(
        plan.notes,
        [PlanNote::AnchoredOnMedian {
            accounts: 1,
            hours: 5.0
        }]
    );
    assert_eq!(
        plan.notes[0].to_string(),
        "1 account without hours: their estimates are read against the median account's 5 h a week"
    );
    // No time today: it sells what it would with none.
    let now = bistro.estimates.none * 11_500.0 * 0.30;
    let others: f64 = [144_000.0, 97_500.0, 67_200.0].iter().sum();
    assert!((plan.current_gross_profit - others - now).abs() < 1e-6);
}

#[test]
fn without_any_hours_today_is_an_even_share_of_the_week() {
    let mut review = book(&TERRITORY[..4]);
    for a in &mut review.accounts {
        a.hours = None;
    }
    let plan = plan(&review, &with_capacity(10.0));
    assert_eq!(plan.notes, [PlanNote::EvenSplit { hours: 2.5 }]);
    for a in &plan.accounts {
        assert_eq!((a.current_hours, a.anchor_hours), (2.5, 2.5));
    }
    assert!((plan.current_gross_profit - 312_150.0).abs() < 1e-6);
    assert_eq!(
        plan.accounts
            .iter()
            .map(|a| a.recommended_hours)
            .sum::<f64>(),
        10.0
    );
}

#[test]
fn changes_under_half_a_step_are_not_moves() {
    let mut review = book(&TERRITORY[..2]);
    review.accounts[0].hours = Some(2.1);
    review.accounts[1].hours = Some(5.9);
    // Capacity 8: Summit takes 2.0 or more; rounding today's 2.1 to the grid is no move.
    let plan = plan(&review, &with_capacity(8.0));
    for m in &plan.moves {
        assert!(m.hours_change.abs() >= 0.125, "{m}");
    }
    let empty = super::plan(&book(&[]), &with_capacity(40.0));
    assert!(empty.accounts.is_empty() && empty.moves.is_empty() && empty.notes.is_empty());
    assert_eq!(empty.expected_gross_profit_change, 0.0);
}

#[test]
fn a_bad_capacity_or_step_plans_nothing_or_on_quarter_hours() {
    let review = book(&TERRITORY[..3]);
    for capacity in [f64::NAN, -4.0, 0.0] {
        let plan = plan(&review, &with_capacity(capacity));
        assert_eq!(plan.capacity, 0.0);
        assert!(plan.accounts.iter().all(|a| a.recommended_hours == 0.0));
    }
    let plan = super::plan(
        &review,
        &PlanSettings {
            capacity: 10.0,
            step: f64::NAN,
            ..PlanSettings::default()
        },
    );
    assert_eq!(plan.step, 0.25);
    let fine = super::plan(
        &review,
        &PlanSettings {
            capacity: 100.0,
            step: 0.01,
            ..PlanSettings::default()
        },
    );
    assert_eq!(fine.step, 0.25);
    assert_eq!(fine.notes, [PlanNote::CoarserStep { step: 0.25 }]);
}

#[test]
fn hours_read_as_quarter_hours() {
    assert_eq!(Hours(3.0).to_string(), "3");
    assert_eq!(Hours(1.5).to_string(), "1.5");
    assert_eq!(Hours(0.25).to_string(), "0.25");
    assert_eq!(Hours(2.75).to_string(), "2.75");
    assert_eq!(Hours(-0.5).to_string(), "-0.5");
    assert_eq!(Hours(f64::NAN).to_string(), "?");
    assert_eq!(SignedHours(2.0).to_string(), "+2");
    assert_eq!(SignedHours(-3.0).to_string(), "−3");
}

#[test]
fn settings_and_plans_travel_as_json() {
    let settings: PlanSettings = serde_json::from_str(r#"{"capacity": 32}"#).unwrap();
    assert_eq!(settings.capacity, 32.0);
    assert_eq!(settings.step, 0.25);
    assert_eq!(settings.defaults, CategoryEstimates::default());
    let settings = PlanSettings {
        bounds: [("A".to_string(), (Some(1.0), None))].into(),
        estimates: [("B".to_string(), est(0.5, 0.8, 1.1, 1.4))].into(),
        ..PlanSettings::default()
    };
    let text = serde_json::to_string(&settings).unwrap();
    assert_eq!(
        serde_json::from_str::<PlanSettings>(&text).unwrap(),
        settings
    );
    let plan = plan(&book(&TERRITORY), &with_capacity(41.0));
    let text = serde_json::to_string(&plan).unwrap();
    let back: Plan = serde_json::from_str(&text).unwrap();
    // serde_json may round the last bit of a float: compare what a rep reads.
    let read = |p: &Plan| {
        let hours: Vec<(String, f64)> = p
            .accounts
            .iter()
            .map(|a| (a.account.clone(), a.recommended_hours))
            .collect();
        let moves: Vec<String> = p.moves.iter().map(ToString::to_string).collect();
        (hours, moves, p.headline(), p.basis)
    };
    assert_eq!(read(&back), read(&plan));
}

#[test]
fn the_reps_estimates_win_over_the_sheets_and_the_sheets_over_the_defaults() {
    let yours = est(0.5, 0.8, 1.1, 1.4);
    let sheet_harbor = est(0.2, 0.7, 1.2, 1.5);
    let sheet_bistro = est(0.3, 0.75, 1.15, 1.45);
    let settings = PlanSettings {
        estimates: BTreeMap::from([("harbor ".to_string(), yours)]),
        ..PlanSettings::default()
    };
    let sheet = BTreeMap::from([
        ("Harbor".to_string(), sheet_harbor),
        ("Bistro".to_string(), sheet_bistro),
    ]);
    let merged = settings.with_sheet_estimates(&sheet);
    assert_eq!(
        merged.estimates,
        BTreeMap::from([
            ("harbor ".to_string(), yours),
            ("Bistro".to_string(), sheet_bistro)
        ])
    );
    assert_eq!(merged.capacity, settings.capacity);
    assert_eq!(merged.defaults, settings.defaults);

    let account = |name: &str, sales: f64, hours: f64| Account {
        name: name.into(),
        prior_sales: Some(sales),
        current_sales: Some(sales),
        margin: Some(0.3),
        hours: Some(hours),
        ..Account::default()
    };
    let dataset = Dataset {
        accounts: vec![
            account("Harbor", 400_000.0, 4.0),
            account("Bistro", 50_000.0, 4.0),
            account("Summit", 90_000.0, 4.0),
        ],
        ..Dataset::default()
    };
    let review = analyze(&dataset, &Settings::default());
    let week = plan(&review, &merged);
    let used = |name: &str| {
        week.accounts
            .iter()
            .find(|a| a.account == name)
            .unwrap()
            .estimates
    };
    assert_eq!(used("Harbor"), yours);
    assert_eq!(used("Bistro"), sheet_bistro);
    let summit = review
        .accounts
        .iter()
        .find(|a| a.account == "Summit")
        .unwrap();
    assert_eq!(used("Summit"), *merged.defaults.get(summit.category));
}
