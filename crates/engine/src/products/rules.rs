//! Products bought together: one count per pair of products of how many accounts buy both,
//! giving the association rules (A → B, one product each side) and, per product, the products
//! most like it (cosine over who buys them).
//!
//! Only products bought by at least `min_accounts` accounts can be in a pair that counts, so
//! the rest are left out of the counting. Pairs are counted one product at a time in a scratch
//! row (per product, its buyers' later products), so memory stays at one row of counts and
//! never a product × product grid.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::matrix::Matrix;
use super::{NameOrder, ProductSettings};

/// How many most similar products each product keeps for the suggestions.
pub(crate) const SIMILAR_PRODUCTS: usize = 20;

/// A rule by indices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndexRule {
    pub(crate) buys: u32,
    pub(crate) also_buys: u32,
    pub(crate) accounts: usize,
    pub(crate) support: f64,
    pub(crate) confidence: f64,
    pub(crate) lift: f64,
    /// Name order of both products, for ties.
    names: (u32, u32),
}

impl IndexRule {
    /// Strongest first: lift, confidence, accounts, then the names.
    fn stronger(&self, other: &IndexRule) -> Ordering {
        other
            .lift
            .total_cmp(&self.lift)
            .then(other.confidence.total_cmp(&self.confidence))
            .then(other.accounts.cmp(&self.accounts))
            .then(self.names.cmp(&other.names))
    }
}

/// Ordered so that a max-heap keeps the weakest rule on top, to be dropped first.
struct Weakest(IndexRule);

impl PartialEq for Weakest {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Weakest {}
impl PartialOrd for Weakest {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Weakest {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.stronger(&other.0)
    }
}

/// A product close to another: its index, how many accounts buy both, how many buy it, the
/// cosine, and its name order for ties.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Close {
    pub(crate) product: u32,
    pub(crate) together: u32,
    pub(crate) buyers: u32,
    pub(crate) cosine: f64,
    name: u32,
}

impl Close {
    /// Closest first, compared exactly (the other product of the pair being the same), so
    /// equal cosines are ties and go by name.
    fn closer(&self, other: &Close) -> Ordering {
        exact_cosine_order((self.together, self.buyers), (other.together, other.buyers))
            .then(self.name.cmp(&other.name))
    }
}

/// Orders two cosines t / √(n · m) that share the same m, larger first, without rounding:
/// t₁² · n₂ against t₂² · n₁.
pub(crate) fn exact_cosine_order(a: (u32, u32), b: (u32, u32)) -> Ordering {
    // Counts below 2²¹ keep both sides below 2⁶³: exact in u64, the case of every book a rep
    // keeps, and in wasm much faster than a u128 multiply (a library call there).
    const SMALL: u32 = 1 << 21;
    if a.0 < SMALL && a.1 < SMALL && b.0 < SMALL && b.1 < SMALL {
        let left = u64::from(a.0) * u64::from(a.0) * u64::from(b.1);
        let right = u64::from(b.0) * u64::from(b.0) * u64::from(a.1);
        return right.cmp(&left);
    }
    let left = u128::from(a.0) * u128::from(a.0) * u128::from(b.1);
    let right = u128::from(b.0) * u128::from(b.0) * u128::from(a.1);
    right.cmp(&left)
}

/// What counting the pairs gave.
pub(crate) struct Pairs {
    /// The strongest rules, in order.
    pub(crate) rules: Vec<IndexRule>,
    /// Per product, its most similar products, closest first.
    pub(crate) similar: Vec<Vec<Close>>,
    /// Whether any pair reached `min_accounts`.
    pub(crate) any_pair: bool,
}

/// Counts every pair of products bought together by at least `min_accounts` accounts.
pub(crate) fn count_pairs(matrix: &Matrix, settings: &ProductSettings, names: &NameOrder) -> Pairs {
    let min = settings.min_accounts.max(1);
    let n_accounts = (0..matrix.accounts)
        .filter(|&a| !matrix.basket(a).is_empty())
        .count();
    let buyers: Vec<usize> = (0..matrix.products)
        .map(|p| matrix.buyers(p).len())
        .collect();
    let frequent: Vec<bool> = buyers.iter().map(|&n| n >= min).collect();
    // Each account's frequent products, sorted: the rest cannot be in a pair that counts.
    let mut start = Vec::with_capacity(matrix.accounts + 1);
    let mut kept: Vec<u32> = Vec::new();
    for a in 0..matrix.accounts {
        start.push(kept.len());
        kept.extend(matrix.basket(a).iter().filter(|&&p| frequent[p as usize]));
    }
    start.push(kept.len());

    let mut similar: Vec<Vec<Close>> = vec![Vec::new(); matrix.products];
    let mut heap: BinaryHeap<Weakest> = BinaryHeap::new();
    let mut all_rules: Vec<IndexRule> = Vec::new();
    let bounded = settings.max_rules < usize::MAX / 2;
    let mut any_pair = false;
    let mut together = vec![0u32; matrix.products];
    let mut touched: Vec<u32> = Vec::new();
    let n = n_accounts as f64;
    for p in 0..matrix.products {
        if !frequent[p] {
            continue;
        }
        let p32 = p as u32;
        for &a in matrix.buyers(p) {
            let a = a as usize;
            let row = &kept[start[a]..start[a + 1]];
            let later = row.partition_point(|&q| q <= p32);
            for &q in &row[later..] {
                let slot = &mut together[q as usize];
                if *slot == 0 {
                    touched.push(q);
                }
                *slot += 1;
            }
        }
        for &q in &touched {
            let co = std::mem::take(&mut together[q as usize]) as usize;
            if co < min {
                continue;
            }
            any_pair = true;
            let (np, nq) = (buyers[p] as f64, buyers[q as usize] as f64);
            let co_f = co as f64;
            let cosine = co_f / (np * nq).sqrt();
            keep_close(
                &mut similar[p],
                Close {
                    product: q,
                    together: co as u32,
                    buyers: buyers[q as usize] as u32,
                    cosine,
                    name: names.of(q),
                },
            );
            keep_close(
                &mut similar[q as usize],
                Close {
                    product: p32,
                    together: co as u32,
                    buyers: buyers[p] as u32,
                    cosine,
                    name: names.of(p32),
                },
            );
            let lift = co_f * n / (np * nq);
            if lift < settings.min_lift || settings.max_rules == 0 {
                continue;
            }
            for (buys, also, n_buys) in [(p32, q, np), (q, p32, nq)] {
                let confidence = co_f / n_buys;
                if confidence < settings.min_confidence {
                    continue;
                }
                let rule = IndexRule {
                    buys,
                    also_buys: also,
                    accounts: co,
                    support: co_f / n,
                    confidence,
                    lift,
                    names: (names.of(buys), names.of(also)),
                };
                if !bounded {
                    all_rules.push(rule);
                } else if heap.len() < settings.max_rules {
                    heap.push(Weakest(rule));
                } else if heap
                    .peek()
                    .is_some_and(|w| rule.stronger(&w.0) == Ordering::Less)
                {
                    heap.pop();
                    heap.push(Weakest(rule));
                }
            }
        }
        touched.clear();
    }
    let mut rules: Vec<IndexRule> = if bounded {
        heap.into_iter().map(|w| w.0).collect()
    } else {
        all_rules
    };
    rules.sort_by(IndexRule::stronger);
    Pairs {
        rules,
        similar,
        any_pair,
    }
}

/// Keeps a product's closest products, at most [`SIMILAR_PRODUCTS`], closest first.
fn keep_close(list: &mut Vec<Close>, close: Close) {
    if list.len() == SIMILAR_PRODUCTS
        && list
            .last()
            .is_some_and(|worst| close.closer(worst) != Ordering::Less)
    {
        return;
    }
    let at = list.partition_point(|c| c.closer(&close) == Ordering::Less);
    list.insert(at, close);
    list.truncate(SIMILAR_PRODUCTS);
}
