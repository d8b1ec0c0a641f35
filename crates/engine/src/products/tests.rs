#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

fn names(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix} {i:02}")).collect()
}

/// A table where each account buys the products of its basket, about 1,000 each (more for later
/// products and accounts) with 300 of gross profit.
fn table_of(baskets: &[Vec<u32>], products: usize) -> ProductTable {
    let mut table = ProductTable {
        accounts: names("Account", baskets.len()),
        products: names("Product", products),
        ..ProductTable::default()
    };
    for (a, basket) in baskets.iter().enumerate() {
        for &p in basket {
            table.cells.push(ProductCell {
                account: a as u32,
                product: p,
                sales: 1_000.0 + f64::from(p) * 10.0 + a as f64 * 7.0,
                gross_profit: Some(300.0),
                prior_sales: None,
            });
        }
    }
    table
}

fn unbounded(min_accounts: usize, min_confidence: f64, min_lift: f64) -> ProductSettings {
    ProductSettings {
        min_accounts,
        min_confidence,
        min_lift,
        max_rules: usize::MAX,
        ..ProductSettings::default()
    }
}

/// Baskets of up to 40 accounts over up to 12 products, as sets.
fn baskets() -> impl Strategy<Value = (Vec<Vec<u32>>, usize)> {
    (2usize..12).prop_flat_map(|products| {
        (
            prop::collection::vec(
                prop::collection::btree_set(0..products as u32, 0..=products),
                1..40,
            )
            .prop_map(|sets| sets.into_iter().map(|s| s.into_iter().collect()).collect()),
            Just(products),
        )
    })
}

/// Every rule, counted the plain way: for each ordered pair of products, every basket.
fn brute_force_rules(
    baskets: &[Vec<u32>],
    products: usize,
    settings: &ProductSettings,
) -> Vec<(String, String, usize, f64, f64, f64)> {
    let n = baskets.iter().filter(|b| !b.is_empty()).count() as f64;
    let buyers = |p: u32| baskets.iter().filter(|b| b.contains(&p)).count();
    let mut rules = Vec::new();
    for a in 0..products as u32 {
        for b in 0..products as u32 {
            if a == b {
                continue;
            }
            let both = baskets
                .iter()
                .filter(|x| x.contains(&a) && x.contains(&b))
                .count();
            if both < settings.min_accounts || both == 0 {
                continue;
            }
            let (na, nb) = (buyers(a) as f64, buyers(b) as f64);
            let confidence = both as f64 / na;
            // The same fraction as the engine's, rounded once: equal lifts stay ties.
            let lift = both as f64 * n / (na * nb);
            if confidence >= settings.min_confidence && lift >= settings.min_lift {
                rules.push((
                    format!("Product {a:02}"),
                    format!("Product {b:02}"),
                    both,
                    both as f64 / n,
                    confidence,
                    lift,
                ));
            }
        }
    }
    rules.sort_by(|x, y| {
        y.5.total_cmp(&x.5)
            .then(y.4.total_cmp(&x.4))
            .then(y.2.cmp(&x.2))
            .then(x.0.cmp(&y.0))
            .then(x.1.cmp(&y.1))
    });
    rules
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rule_metrics_equal_a_brute_force_count(
        (baskets, products) in baskets(),
        min_accounts in 1usize..5,
        min_confidence in 0.0f64..0.9,
        min_lift in 0.0f64..2.0,
    ) {
        let settings = unbounded(min_accounts, min_confidence, min_lift);
        let review = super::products(&table_of(&baskets, products), &settings);
        let expected = brute_force_rules(&baskets, products, &settings);
        prop_assert_eq!(review.rules.len(), expected.len());
        for (rule, want) in review.rules.iter().zip(&expected) {
            prop_assert_eq!(&rule.buys, &want.0);
            prop_assert_eq!(&rule.also_buys, &want.1);
            prop_assert_eq!(rule.accounts, want.2);
            prop_assert!(close(rule.support, want.3), "support {} vs {}", rule.support, want.3);
            prop_assert!(close(rule.confidence, want.4));
            prop_assert!(close(rule.lift, want.5));
        }
    }

    #[test]
    fn the_rules_listed_are_the_strongest(
        (baskets, products) in baskets(),
        max_rules in 0usize..6,
    ) {
        let all = unbounded(1, 0.0, 0.0);
        let settings = ProductSettings { max_rules, ..all.clone() };
        let table = table_of(&baskets, products);
        let every = super::products(&table, &all).rules;
        let top = super::products(&table, &settings).rules;
        prop_assert_eq!(top.len(), every.len().min(max_rules));
        prop_assert_eq!(&top[..], &every[..top.len()]);
    }

    #[test]
    fn suggestions_never_offer_what_an_account_buys(
        (baskets, products) in baskets(),
        k in 1usize..6,
        per_account in 0usize..4,
        min_accounts in 1usize..4,
    ) {
        let settings = ProductSettings {
            similar_accounts: k,
            suggestions_per_account: per_account,
            min_accounts,
            ..ProductSettings::default()
        };
        let table = table_of(&baskets, products);
        let review = super::products(&table, &settings);
        let mut per: BTreeMap<&str, Vec<&Suggestion>> = BTreeMap::new();
        for s in &review.suggestions {
            let a: usize = table.accounts.iter().position(|n| *n == s.account).unwrap();
            let p: u32 = table.products.iter().position(|n| *n == s.product).unwrap() as u32;
            prop_assert!(!baskets[a].contains(&p), "{} already buys {}", s.account, s.product);
            prop_assert!(s.score > 0.0);
            prop_assert!(s.reason.similar <= k);
            per.entry(&s.account).or_default().push(s);
        }
        for list in per.values() {
            prop_assert!(list.len() <= per_account);
            for pair in list.windows(2) {
                prop_assert!(pair[0].score >= pair[1].score);
                prop_assert!(pair[0].product != pair[1].product);
            }
        }
    }

    #[test]
    fn similar_accounts_are_the_closest_by_cosine(
        (baskets, products) in baskets(),
        k in 1usize..6,
    ) {
        let table = table_of(&baskets, products);
        let found = similar::similar_for_tests(&table, k);
        for (a, list) in found.iter().enumerate() {
            let want = brute_force_neighbours(&baskets, a, k);
            prop_assert_eq!(list.len(), want.len());
            for ((name, cosine), (want_name, want_cosine)) in list.iter().zip(&want) {
                prop_assert_eq!(name, want_name);
                prop_assert!(close(*cosine, *want_cosine));
            }
        }
    }

    #[test]
    fn suggestions_equal_a_brute_force_scoring(
        (baskets, products) in baskets(),
        k in 1usize..5,
        per_account in 1usize..4,
        min_accounts in 1usize..4,
    ) {
        let settings = ProductSettings {
            similar_accounts: k,
            suggestions_per_account: per_account,
            min_accounts,
            ..ProductSettings::default()
        };
        let table = table_of(&baskets, products);
        let review = super::products(&table, &settings);
        let want = brute_force_suggestions(&baskets, &review, &settings);
        let got: Vec<(&str, &str)> = review
            .suggestions
            .iter()
            .map(|s| (s.account.as_str(), s.product.as_str()))
            .collect();
        let want_pairs: Vec<(&str, &str)> =
            want.iter().map(|w| (w.0.as_str(), w.1.as_str())).collect();
        prop_assert_eq!(got, want_pairs);
        for (s, w) in review.suggestions.iter().zip(&want) {
            prop_assert!(close(s.score, w.2), "{} {}: {} vs {}", s.account, s.product, s.score, w.2);
            prop_assert_eq!(s.reason.similar_buying, w.3);
        }
    }

    #[test]
    fn the_order_of_the_cells_changes_nothing(
        (baskets, products) in baskets(),
        seed in any::<u64>(),
    ) {
        let table = table_of(&baskets, products);
        let mut shuffled = table.clone();
        shuffle(&mut shuffled.cells, seed);
        let settings = ProductSettings { min_accounts: 2, ..ProductSettings::default() };
        prop_assert_eq!(super::products(&table, &settings), super::products(&shuffled, &settings));
    }
}

/// The `k` accounts with the highest cosine to account `a`, ties by name, none sharing nothing.
fn brute_force_neighbours(baskets: &[Vec<u32>], a: usize, k: usize) -> Vec<(String, f64)> {
    let mine: BTreeSet<u32> = baskets[a].iter().copied().collect();
    let mut all: Vec<(String, usize, usize)> = baskets
        .iter()
        .enumerate()
        .filter(|(b, _)| *b != a)
        .filter_map(|(b, theirs)| {
            let shared = theirs.iter().filter(|p| mine.contains(p)).count();
            (shared > 0).then(|| (format!("Account {b:02}"), shared, theirs.len()))
        })
        .collect();
    // Larger cosine first, compared as exact fractions (shared² ÷ their products), ties by name.
    all.sort_by(|x, y| {
        (y.1 * y.1 * x.2)
            .cmp(&(x.1 * x.1 * y.2))
            .then(x.0.cmp(&y.0))
    });
    all.truncate(k);
    all.into_iter()
        .map(|(name, shared, theirs)| (name, shared as f64 / ((mine.len() * theirs) as f64).sqrt()))
        .collect()
}

/// Suggestions scored the plain way, for tables of fewer products than each product's list of
/// closest ones holds (so every pair bought together by `min_accounts` counts): (account,
/// product, score, similar accounts buying).
fn brute_force_suggestions(
    baskets: &[Vec<u32>],
    review: &ProductReview,
    settings: &ProductSettings,
) -> Vec<(String, String, f64, usize)> {
    let name = |p: u32| format!("Product {p:02}");
    let buyers = |p: u32| baskets.iter().filter(|b| b.contains(&p)).count();
    let both = |p: u32, q: u32| {
        baskets
            .iter()
            .filter(|b| b.contains(&p) && b.contains(&q))
            .count()
    };
    let margin = |p: u32| {
        review
            .products
            .iter()
            .find(|s| s.product == name(p))
            .and_then(|s| s.margin)
            .unwrap_or(1.0)
    };
    let spend = |b: usize, p: u32| 1_000.0 + f64::from(p) * 10.0 + b as f64 * 7.0;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    };
    let mut out = Vec::new();
    for (a, mine) in baskets.iter().enumerate() {
        if mine.is_empty() {
            continue;
        }
        let near: Vec<usize> = brute_force_neighbours(baskets, a, settings.similar_accounts)
            .iter()
            .map(|(n, _)| n["Account ".len()..].parse().unwrap())
            .collect();
        let mut scored: Vec<(f64, u32, usize)> = Vec::new();
        for q in 0..baskets.iter().flatten().max().map_or(0, |m| m + 1) {
            if mine.contains(&q) {
                continue;
            }
            let buying = near.iter().filter(|&&b| baskets[b].contains(&q)).count();
            let closeness = mine
                .iter()
                .filter(|&&p| both(p, q) >= settings.min_accounts.max(1))
                .map(|&p| both(p, q) as f64 / ((buyers(p) * buyers(q)) as f64).sqrt())
                .fold(0.0, f64::max);
            if buying == 0 && closeness == 0.0 {
                continue;
            }
            let typical = if buying > 0 {
                median(
                    near.iter()
                        .filter(|&&b| baskets[b].contains(&q))
                        .map(|&b| spend(b, q))
                        .collect(),
                )
            } else {
                median(
                    (0..baskets.len())
                        .filter(|&b| baskets[b].contains(&q))
                        .map(|b| spend(b, q))
                        .collect(),
                )
            };
            let share = if near.is_empty() {
                0.0
            } else {
                buying as f64 / near.len() as f64
            };
            let score = (share + closeness) / 2.0 * margin(q) * typical;
            if score > 0.0 {
                scored.push((score, q, buying));
            }
        }
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for (score, q, buying) in scored.into_iter().take(settings.suggestions_per_account) {
            out.push((format!("Account {a:02}"), name(q), score, buying));
        }
    }
    out
}

fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

#[test]
fn similar_accounts_are_exact_when_many_accounts_share_popular_products() {
    // 300 accounts; the first 80 products are bought by most accounts (counted as bits), the
    // rest by a few each.
    let mut state = 7u64;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let baskets: Vec<Vec<u32>> = (0..300)
        .map(|_| {
            let mut set = BTreeSet::new();
            for p in 0..80 {
                if next(10) < 6 {
                    set.insert(p);
                }
            }
            for _ in 0..next(6) {
                set.insert(80 + next(40) as u32);
            }
            set.into_iter().collect()
        })
        .collect();
    let table = table_of(&baskets, 120);
    let found = similar::similar_for_tests(&table, 10);
    for a in [0, 1, 150, 299] {
        let want = brute_force_neighbours(&baskets, a, 10);
        let got: Vec<&str> = found[a].iter().map(|(n, _)| n.as_str()).collect();
        let want_names: Vec<&str> = want.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(got, want_names, "account {a}");
        for ((_, c), (_, w)) in found[a].iter().zip(&want) {
            assert!(close(*c, *w));
        }
    }
}

fn cell(account: u32, product: u32, sales: f64, gross_profit: Option<f64>) -> ProductCell {
    ProductCell {
        account,
        product,
        sales,
        gross_profit,
        prior_sales: None,
    }
}

/// The example: 7 of the 10 most similar accounts buy the Service Plan.
fn clinics() -> ProductTable {
    let mut table = ProductTable {
        accounts: vec!["Summit Clinics".into()],
        products: vec![
            "Gloves".into(),
            "Masks".into(),
            "Service Plan".into(),
            "Paper".into(),
        ],
        ..ProductTable::default()
    };
    for i in 0..10u32 {
        table.accounts.push(format!("Clinic {i}"));
    }
    table.accounts.push("Bakery".into());
    table.cells.push(cell(0, 0, 12_000.0, Some(2_400.0)));
    table.cells.push(cell(0, 1, 8_000.0, Some(2_000.0)));
    let spends = [
        15_000.0, 16_000.0, 17_000.0, 18_000.0, 19_000.0, 20_000.0, 21_000.0,
    ];
    for i in 0..10u32 {
        let a = i + 1;
        table.cells.push(cell(a, 0, 10_000.0, Some(2_000.0)));
        table.cells.push(cell(a, 1, 5_000.0, Some(1_250.0)));
        if let Some(&s) = spends.get(i as usize) {
            table.cells.push(cell(a, 2, s, Some(s * 0.42)));
        }
    }
    // The bakery buys only paper: no account is similar to it but itself.
    table.cells.push(cell(11, 3, 2_000.0, Some(300.0)));
    table
}

#[test]
fn a_suggestion_quotes_its_numbers() {
    let review = products(&clinics(), &ProductSettings::default());
    let summit: Vec<&Suggestion> = review
        .suggestions
        .iter()
        .filter(|s| s.account == "Summit Clinics")
        .collect();
    assert_eq!(summit.len(), 1, "Paper: no similar account buys it");
    let offer = summit[0];
    assert_eq!(offer.product, "Service Plan");
    assert_eq!(offer.reason.similar_buying, 7);
    assert_eq!(offer.reason.similar, 10);
    assert_eq!(offer.reason.typical_spend, 18_000.0);
    assert_eq!(offer.reason.margin, Some(0.42));
    // Service Plan: 7 buyers, each also buying Gloves (11 buyers): cosine 7/√77.
    let (with, cosine) = offer.reason.bought_with.clone().unwrap();
    assert_eq!(with, "Gloves");
    assert!(close(cosine, 7.0 / 77f64.sqrt()));
    assert_eq!(
        offer.reason.to_string(),
        "7 of your 10 most similar accounts buy Service Plan; often bought with Gloves, which it buys (similarity 0.80); margin 42%; typical spend 18,000"
    );
    // likelihood ((7/10 + cosine) / 2) × margin × typical spend.
    let want = (0.7 + 7.0 / 77f64.sqrt()) / 2.0 * 0.42 * 18_000.0;
    assert!(close(offer.score, want), "{} vs {want}", offer.score);
    // The three clinics without it are offered it too; those with it are offered nothing new
    // but Paper, which no account like them buys.
    let offered: BTreeSet<&str> = review
        .suggestions
        .iter()
        .filter(|s| s.product == "Service Plan")
        .map(|s| s.account.as_str())
        .collect();
    assert_eq!(
        offered,
        BTreeSet::from(["Clinic 7", "Clinic 8", "Clinic 9", "Summit Clinics"])
    );
    assert!(review
        .suggestions
        .iter()
        .all(|s| s.account != "Bakery" && s.product != "Paper"));
}

#[test]
fn products_are_ranked_by_gross_profit_and_by_margin() {
    let review = products(&clinics(), &ProductSettings::default());
    let order: Vec<&str> = review.products.iter().map(|p| p.product.as_str()).collect();
    // Gloves 22,400 GP, Service Plan 52,920, Masks 14,500, Paper 300.
    assert_eq!(order, ["Service Plan", "Gloves", "Masks", "Paper"]);
    let plan = &review.products[0];
    assert_eq!(plan.sales, 126_000.0);
    assert!(close(plan.gross_profit.unwrap(), 52_920.0));
    assert!(close(plan.margin.unwrap(), 0.42));
    assert_eq!(plan.accounts, 7);
    assert_eq!(plan.growth, None);
    let total = 12_000.0 + 8_000.0 + 100_000.0 + 50_000.0 + 126_000.0 + 2_000.0;
    assert!(close(plan.share, 126_000.0 / total));
    assert_eq!(review.book.sales, total);
    assert_eq!(review.book.accounts, 12);
    assert_eq!(review.book.products, 4);
    let by_margin: Vec<&str> = review
        .by_margin
        .iter()
        .map(|&i| review.products[i].product.as_str())
        .collect();
    assert_eq!(by_margin, ["Service Plan", "Masks", "Gloves", "Paper"]);
    assert_eq!(review.products[0].rank_by_margin, Some(1));
    assert_eq!(review.products[1].rank_by_margin, Some(3));
    assert_eq!(review.products[1].rank_by_gross_profit, 2);
    assert!(review.notes.contains(&ProductNote::NoGrowth));
}

#[test]
fn an_account_margin_is_split_into_its_mix_and_its_prices() {
    let review = products(&clinics(), &ProductSettings::default());
    let summit = review
        .accounts
        .iter()
        .find(|a| a.account == "Summit Clinics")
        .unwrap();
    // Summit: Gloves 12,000 at 20 %, Masks 8,000 at 25 %: 4,400 on 20,000 = 22 %.
    assert_eq!(summit.sales, 20_000.0);
    assert!(close(summit.margin.unwrap(), 0.22));
    // At the book's margins (Gloves 20 %, Masks 25 %) the same mix earns the same.
    assert!(close(summit.mix_margin.unwrap(), 0.22));
    assert_eq!(summit.products, 2);
    assert_eq!(summit.top_product, Some(("Gloves".to_string(), 0.6)));
    let book = review.book.margin.unwrap();
    let text = summit.margin_against(&review.book).unwrap();
    assert_eq!(
        text,
        format!(
            "margin 22% against the book's {}; its mix would earn 22% at the book's margins",
            crate::format::percent(book)
        )
    );
    let mix = product_mix(&clinics(), &review, "summit clinics").unwrap();
    let lines: Vec<(&str, f64)> = mix.iter().map(|l| (l.product.as_str(), l.share)).collect();
    assert_eq!(lines, [("Gloves", 0.6), ("Masks", 0.4)]);
    assert_eq!(mix[0].book_margin, Some(0.2));
    assert!(product_mix(&clinics(), &review, "Nobody").is_none());
}

#[test]
fn every_accounts_mix_at_once_is_each_accounts_own_cut_to_the_largest() {
    let table = clinics();
    let review = products(&table, &ProductSettings::default());
    let all = product_mixes(&table, &review, 1);
    assert_eq!(all.len(), table.accounts.len());
    for (account, lines) in &all {
        let own = product_mix(&table, &review, account).unwrap();
        assert_eq!(lines.as_slice(), &own[..1], "{account}");
    }
    let summit = all.iter().find(|(a, _)| a == "Summit Clinics").unwrap();
    assert_eq!(summit.1[0].product, "Gloves");
}

#[test]
fn growth_compares_the_projected_year_with_the_prior_one() {
    let mut table = ProductTable {
        accounts: vec!["A".into(), "B".into()],
        products: vec!["Gloves".into(), "Masks".into()],
        periods: Some(Periods {
            current: "2026".into(),
            prior: "2025".into(),
            factor: 1.5,
        }),
        ..ProductTable::default()
    };
    table.cells.push(ProductCell {
        prior_sales: Some(1_000.0),
        ..cell(0, 0, 800.0, None)
    });
    table.cells.push(ProductCell {
        prior_sales: Some(500.0),
        ..cell(1, 0, 0.0, None)
    });
    // Masks are new this year: no prior sales, no growth.
    table.cells.push(cell(1, 1, 300.0, None));
    let review = products(&table, &ProductSettings::default());
    let gloves = review
        .products
        .iter()
        .find(|p| p.product == "Gloves")
        .unwrap();
    assert_eq!(gloves.prior_sales, Some(1_500.0));
    assert!(close(gloves.growth.unwrap(), 800.0 * 1.5 / 1_500.0 - 1.0));
    assert_eq!(gloves.accounts, 2, "B bought gloves last year");
    let masks = review
        .products
        .iter()
        .find(|p| p.product == "Masks")
        .unwrap();
    assert_eq!(masks.growth, None);
    assert!(review.notes.contains(&ProductNote::NoMargins));
    assert!(!review.notes.contains(&ProductNote::NoGrowth));
    // B bought gloves last year: it is never offered them.
    assert!(review
        .suggestions
        .iter()
        .all(|s| !(s.account == "B" && s.product == "Gloves")));
}

#[test]
fn a_margin_known_for_part_of_the_sales_is_an_estimate() {
    let table = ProductTable {
        accounts: vec!["A".into(), "B".into()],
        products: vec!["Gloves".into()],
        cells: vec![cell(0, 0, 1_000.0, Some(250.0)), cell(1, 0, 3_000.0, None)],
        periods: None,
    };
    let review = products(&table, &ProductSettings::default());
    let gloves = &review.products[0];
    assert_eq!(gloves.margin, Some(0.25));
    assert!(gloves.margin_estimated);
    assert_eq!(gloves.gross_profit, Some(1_000.0));
    assert!(review
        .notes
        .contains(&ProductNote::MarginsEstimated { products: 1 }));
}

#[test]
fn cells_that_name_nothing_are_left_out_and_said() {
    let table = ProductTable {
        accounts: vec!["A".into()],
        products: vec!["Gloves".into()],
        cells: vec![
            cell(0, 0, 1_000.0, None),
            cell(3, 0, 5.0, None),
            cell(0, 9, 5.0, None),
            cell(0, 0, f64::NAN, None),
            // The same pair again is summed.
            cell(0, 0, 500.0, None),
        ],
        periods: None,
    };
    let review = products(&table, &ProductSettings::default());
    assert_eq!(review.products[0].sales, 1_500.0);
    assert!(review
        .notes
        .contains(&ProductNote::CellsLeftOut { cells: 3 }));
}

#[test]
fn an_empty_table_gives_an_empty_review() {
    let review = products(&ProductTable::default(), &ProductSettings::default());
    assert!(review.products.is_empty() && review.rules.is_empty());
    assert!(review.suggestions.is_empty() && review.accounts.is_empty());
    assert_eq!(review.book.sales, 0.0);
}

#[test]
fn a_rule_reads_as_a_sentence() {
    let rule = Rule {
        buys: "Gloves".into(),
        also_buys: "Masks".into(),
        accounts: 9,
        support: 0.3,
        confidence: 0.64,
        lift: 1.83,
    };
    assert_eq!(
        rule.to_string(),
        "64% of the accounts that buy Gloves also buy Masks (9 accounts, lift 1.8)"
    );
    let json = serde_json::to_value(&rule).unwrap();
    assert_eq!(json["if"], "Gloves");
    assert_eq!(json["then"], "Masks");
}

#[test]
fn a_reason_without_similar_buyers_says_whose_spend_it_quotes() {
    let reason = CrossSellReason {
        product: "Sterilizer".into(),
        similar_buying: 0,
        similar: 10,
        margin: None,
        book_margin: Some(0.31),
        typical_spend: 4_200.0,
        spend_of: SpendOf::AllBuyers(12),
        bought_with: Some(("Gloves".into(), 0.613)),
    };
    assert_eq!(
        reason.to_string(),
        "Sterilizer: often bought with Gloves, which it buys (similarity 0.61); margin unknown (the book's 31% assumed); typical spend 4,200 (its 12 buyers)"
    );
}

#[test]
fn product_settings_read_back_by_key() {
    let mut s = ProductSettings::default();
    assert_eq!(
        (
            s.similar_accounts,
            s.min_accounts,
            s.suggestions_per_account
        ),
        (10, 5, 3)
    );
    let values = [7.0, 3.0, 2.0, 0.4, 1.5, 50.0];
    for (row, v) in ProductSettings::default().rows().iter().zip(values) {
        assert!(s.set(row.key, v), "{}", row.key);
    }
    let back: Vec<f64> = s.rows().iter().map(|r| r.value).collect();
    assert_eq!(back, values);
    assert!(!s.set("similar_accounts", 0.0));
    assert!(!s.set("min_accounts", 2.5));
    assert!(!s.set("min_confidence", 1.5));
    assert!(!s.set("nope", 1.0));
    assert!(!s.set("max_rules", f64::INFINITY));
}

#[test]
fn ties_are_broken_by_name() {
    // Two products bought by the same accounts: everything about them is equal but the name.
    let baskets = vec![vec![0, 1, 2], vec![0, 1, 2], vec![0], vec![0]];
    let mut table = table_of(&baskets, 3);
    for c in &mut table.cells {
        c.sales = 1_000.0;
    }
    table.products = vec!["Gloves".into(), "masks".into(), "Aprons".into()];
    let settings = ProductSettings {
        min_accounts: 1,
        suggestions_per_account: 5,
        ..ProductSettings::default()
    };
    let review = products(&table, &settings);
    let offered: Vec<&str> = review
        .suggestions
        .iter()
        .filter(|s| s.account == "Account 02")
        .map(|s| s.product.as_str())
        .collect();
    assert_eq!(offered, ["Aprons", "masks"]);
    let order: Vec<&str> = review.products.iter().map(|p| p.product.as_str()).collect();
    assert_eq!(order, ["Gloves", "Aprons", "masks"]);
}

proptest! {
    /// The u64 shortcut of the exact cosine order agrees with the u128 product everywhere,
    /// on both sides of its bound.
    #[test]
    fn the_exact_cosine_order_is_the_u128_order(
        t1 in 0u32..(1 << 22), n1 in 0u32..(1 << 22), t2 in 0u32..(1 << 22), n2 in 0u32..(1 << 22),
    ) {
        let wide = |t: u32, n: u32, u: u32, m: u32| {
            (u128::from(u) * u128::from(u) * u128::from(n)).cmp(&(u128::from(t) * u128::from(t) * u128::from(m)))
        };
        prop_assert_eq!(
            super::rules::exact_cosine_order((t1, n1), (t2, n2)),
            wide(t1, n1, t2, n2)
        );
        prop_assert_eq!(
            super::rules::exact_cosine_order((u32::MAX - t1, n1), (t2, u32::MAX - n2)),
            wide(u32::MAX - t1, n1, t2, u32::MAX - n2)
        );
    }
}
