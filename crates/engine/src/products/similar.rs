//! Cross-sell: each account's most similar accounts (cosine over the products they buy), and
//! the products those accounts and the account's own products point to.
//!
//! Similar accounts are found exactly. The accounts sharing a product are counted one account
//! at a time in a scratch row. A product bought by n accounts costs n²/2 counts that way, so
//! when some products are bought by most of the book, the most bought (up to 512, as many as a
//! cost model says pay) are counted instead as bits, 64 products to a word, for every pair of
//! accounts: the A²/2 pairs of A accounts are then the floor of the work.

use std::cmp::Ordering;

use super::matrix::Matrix;
use super::rules::{exact_cosine_order, Close};
use super::{CrossSellReason, NameOrder, ProductSettings, ProductTable, SpendOf, Suggestion};

/// A similar account: its index, the products both buy, how many it buys, the cosine, and its
/// name order for ties.
#[derive(Debug, Clone, Copy)]
struct Neighbour {
    account: u32,
    together: u32,
    products: u32,
    cosine: f64,
    name: u32,
}

impl Neighbour {
    /// Closest first, compared exactly, so equal cosines are ties and go by name.
    fn closer(&self, other: &Neighbour) -> Ordering {
        exact_cosine_order(
            (self.together, self.products),
            (other.together, other.products),
        )
        .then(self.name.cmp(&other.name))
    }
}

/// The most products counted as bits: 8 words per account.
const MAX_WIDE_WORDS: usize = 8;

/// How many of the most bought products to count as bits (a multiple of 64, or 0): the
/// cheapest by a cost model in units of one count in the scratch row. Counting a product
/// bought by n accounts one account at a time costs n²/2; bits cost a pass over every pair of
/// accounts (A²/2) plus half that per word of 64 products.
fn wide_products(buyers: &[usize], accounts: usize) -> usize {
    let pairs = (accounts as f64).powi(2) / 2.0;
    let squares: Vec<f64> = buyers.iter().map(|&n| (n as f64).powi(2) / 2.0).collect();
    let all: f64 = squares.iter().sum();
    // Without bits the pairs that share something are also gone through once.
    let mut best = (all + all.min(pairs), 0);
    let mut counted = 0.0;
    for words in 1..=MAX_WIDE_WORDS {
        let upto = (words * 64).min(squares.len());
        counted += squares[((words - 1) * 64).min(upto)..upto]
            .iter()
            .sum::<f64>();
        let cost = pairs * (1.0 + 0.5 * words as f64) + (all - counted);
        if cost < best.0 {
            best = (cost, upto);
        }
        if upto == squares.len() {
            break;
        }
    }
    best.1
}

/// Each account's `k` most similar accounts, closest first; accounts that share no product
/// are never similar.
fn similar_accounts(matrix: &Matrix, k: usize, names: &NameOrder) -> Vec<Vec<Neighbour>> {
    let n = matrix.accounts;
    let mut best: Vec<Vec<Neighbour>> = vec![Vec::new(); n];
    if k == 0 || n < 2 {
        return best;
    }
    // The most bought products, as bits, when that is cheaper.
    let mut by_buyers: Vec<usize> = (0..matrix.products).collect();
    by_buyers.sort_by_key(|&p| (std::cmp::Reverse(matrix.buyers(p).len()), p));
    let counts: Vec<usize> = by_buyers.iter().map(|&p| matrix.buyers(p).len()).collect();
    let wide = &by_buyers[..wide_products(&counts, n)];
    let words = wide.len().div_ceil(64);
    let mut is_wide = vec![false; matrix.products];
    let mut bits = vec![0u64; n * words];
    for (i, &p) in wide.iter().enumerate() {
        is_wide[p] = true;
        for &a in matrix.buyers(p) {
            bits[a as usize * words + i / 64] |= 1u64 << (i % 64);
        }
    }
    let inv_sqrt: Vec<f64> = (0..n)
        .map(|a| {
            let d = matrix.basket(a).len();
            if d == 0 {
                0.0
            } else {
                1.0 / (d as f64).sqrt()
            }
        })
        .collect();
    let rank: Vec<u32> = (0..n).map(|a| names.of(a as u32)).collect();
    let degree: Vec<u32> = (0..n)
        .map(|a| u32::try_from(matrix.basket(a).len()).unwrap_or(u32::MAX))
        .collect();
    // Each account's k-th cosine so far (below any cosine while it has fewer than k), in one
    // row: most pairs are turned away by one look at it.
    let mut kth = vec![-1.0f64; n];
    let mut shared = vec![0u32; n];
    let mut touched: Vec<u32> = Vec::new();
    for a in 0..n {
        if inv_sqrt[a] == 0.0 {
            continue;
        }
        let a32 = a as u32;
        // Narrow products: count the later accounts that share each.
        for &p in matrix.basket(a) {
            if is_wide[p as usize] {
                continue;
            }
            let buyers = matrix.buyers(p as usize);
            let later = buyers.partition_point(|&b| b <= a32);
            for &b in &buyers[later..] {
                let slot = &mut shared[b as usize];
                if *slot == 0 && words == 0 {
                    touched.push(b);
                }
                *slot += 1;
            }
        }
        let offer = |best: &mut Vec<Vec<Neighbour>>, kth: &mut [f64], b: usize, together: u32| {
            let cosine = f64::from(together) * inv_sqrt[a] * inv_sqrt[b];
            let floor = (1.0 - NEAR) * kth[a].min(kth[b]);
            if cosine < floor {
                return;
            }
            if cosine >= (1.0 - NEAR) * kth[a] {
                let to_b = Neighbour {
                    account: b as u32,
                    together,
                    products: degree[b],
                    cosine,
                    name: rank[b],
                };
                kth[a] = keep_closest(&mut best[a], k, to_b);
            }
            if cosine >= (1.0 - NEAR) * kth[b] {
                let to_a = Neighbour {
                    account: a32,
                    together,
                    products: degree[a],
                    cosine,
                    name: rank[a],
                };
                kth[b] = keep_closest(&mut best[b], k, to_a);
            }
        };
        if words == 0 {
            for &b in &touched {
                let together = std::mem::take(&mut shared[b as usize]);
                offer(&mut best, &mut kth, b as usize, together);
            }
        } else {
            // Every later account: the wide products make most pairs share something. Each
            // pair is counted without a branch; only one that may enter a list goes further.
            let mine = &bits[a * words..(a + 1) * words];
            let floor_a = (1.0 - NEAR) * kth[a];
            for b in a + 1..n {
                let narrow = std::mem::take(&mut shared[b]);
                let wide_shared: u32 = if words == 1 {
                    (mine[0] & bits[b]).count_ones()
                } else {
                    let theirs = &bits[b * words..(b + 1) * words];
                    mine.iter()
                        .zip(theirs)
                        .map(|(x, y)| (x & y).count_ones())
                        .sum()
                };
                let together = narrow + wide_shared;
                let cosine = f64::from(together) * inv_sqrt[a] * inv_sqrt[b];
                if together > 0 && cosine >= floor_a.min((1.0 - NEAR) * kth[b]) {
                    offer(&mut best, &mut kth, b, together);
                }
            }
        }
        touched.clear();
    }
    best
}

/// Keeps the `k` closest, closest first; returns the k-th cosine once there are k (below any
/// cosine before).
fn keep_closest(list: &mut Vec<Neighbour>, k: usize, candidate: Neighbour) -> f64 {
    let kth = |list: &Vec<Neighbour>| {
        if list.len() == k {
            list.last().map_or(-1.0, |w| w.cosine)
        } else {
            -1.0
        }
    };
    if list.len() == k {
        if let Some(worst) = list.last() {
            // Most candidates are clearly farther than the k-th: a float comparison says so.
            if candidate.cosine < worst.cosine * (1.0 - NEAR)
                || (candidate.cosine <= worst.cosine * (1.0 + NEAR)
                    && candidate.closer(worst) != Ordering::Less)
            {
                return kth(list);
            }
        }
    }
    let at = list.partition_point(|c| c.closer(&candidate) == Ordering::Less);
    list.insert(at, candidate);
    list.truncate(k);
    kth(list)
}

/// The median of a non-empty slice, sorting it.
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// A product being considered for one account.
#[derive(Debug, Clone, Copy, Default)]
struct Candidate {
    /// Similar accounts buying it.
    similar_buying: usize,
    /// The closest product the account buys, how many accounts buy both, and the cosine.
    bought_with: Option<(u32, u32, f64)>,
    typical_spend: f64,
    all_buyers: bool,
    /// Where its similar accounts' spends are laid out.
    start: usize,
    filled: usize,
}

/// Relative slack under which two cosines are compared exactly rather than as floats.
const NEAR: f64 = 1e-9;

/// Whether `close` (via product `via`) is closer to the candidate than what it holds: floats
/// when they differ clearly, else exactly, ties by name.
fn is_closer(
    held: Option<(u32, u32, f64)>,
    via: u32,
    close: &Close,
    buyers: &[u32],
    names: &NameOrder,
) -> bool {
    let Some((p, together, cosine)) = held else {
        return true;
    };
    if close.cosine > cosine * (1.0 + NEAR) {
        return true;
    }
    if close.cosine < cosine * (1.0 - NEAR) {
        return false;
    }
    let of = |x: u32| buyers.get(x as usize).copied().unwrap_or(u32::MAX);
    match exact_cosine_order((close.together, of(via)), (together, of(p))) {
        Ordering::Less => true,
        Ordering::Equal => names.of(via) < names.of(p),
        Ordering::Greater => false,
    }
}

/// The per-account work of [`suggest`], with its scratch rows reused from account to account.
struct Scratch {
    /// `owned[p] == a`: account `a` buys `p`.
    owned: Vec<u32>,
    /// `seen[p] == a`: `p` is among account `a`'s candidates.
    seen: Vec<u32>,
    candidates: Vec<Candidate>,
    listed: Vec<u32>,
    spends: Vec<f64>,
    /// The best few (score, product), best first.
    best: Vec<(f64, u32)>,
}

impl Scratch {
    fn consider(&mut self, q: u32, stamp: u32) -> &mut Candidate {
        let i = q as usize;
        if self.seen[i] != stamp {
            self.seen[i] = stamp;
            self.candidates[i] = Candidate::default();
            self.listed.push(q);
        }
        &mut self.candidates[i]
    }
}

/// Up to `suggestions_per_account` products per account that it does not buy, best first.
///
/// The candidates are the products its most similar accounts buy and those among the
/// [`SIMILAR_PRODUCTS`](super::rules::SIMILAR_PRODUCTS) closest to a product it buys. Each
/// one's closeness is the best cosine with a product the account buys, looked up in both
/// products' lists; the second look-up is skipped for candidates that could not reach the
/// best few even at their list's highest cosine.
pub(crate) fn suggest(
    table: &ProductTable,
    matrix: &Matrix,
    similar_products: &[Vec<Close>],
    margins: &[Option<f64>],
    book_margin: Option<f64>,
    settings: &ProductSettings,
    product_names: &NameOrder,
) -> Vec<Suggestion> {
    let per_account = settings.suggestions_per_account;
    if per_account == 0 {
        return Vec::new();
    }
    let account_names = NameOrder::new(&table.accounts);
    let neighbours = similar_accounts(matrix, settings.similar_accounts, &account_names);
    let buyers: Vec<u32> = (0..matrix.products)
        .map(|p| u32::try_from(matrix.buyers(p).len()).unwrap_or(u32::MAX))
        .collect();
    // What all the buyers of a product typically spend on it, for products no similar account
    // buys; worked out once per product, when first needed.
    let mut all_buyers_spend: Vec<Option<f64>> = vec![None; matrix.products];
    let mut spend_of_all = |p: usize| -> f64 {
        *all_buyers_spend[p].get_or_insert_with(|| {
            let mut spends: Vec<f64> = matrix
                .buyers(p)
                .iter()
                .filter_map(|&b| {
                    let basket = matrix.basket(b as usize);
                    let at = basket.binary_search(&(p as u32)).ok()?;
                    matrix.spend(b as usize).get(at).copied()
                })
                .collect();
            median(&mut spends)
        })
    };
    let margin_of = |q: u32| {
        margins
            .get(q as usize)
            .copied()
            .flatten()
            .or(book_margin)
            .unwrap_or(1.0)
    };
    let better = |x: &(f64, u32), y: &(f64, u32)| {
        y.0.total_cmp(&x.0)
            .then(product_names.of(x.1).cmp(&product_names.of(y.1)))
    };

    let mut s = Scratch {
        owned: vec![u32::MAX; matrix.products],
        seen: vec![u32::MAX; matrix.products],
        candidates: vec![Candidate::default(); matrix.products],
        listed: Vec::new(),
        spends: Vec::new(),
        best: Vec::with_capacity(per_account.min(64) + 1),
    };
    let mut out = Vec::new();
    for (a, near) in neighbours.iter().enumerate() {
        let basket = matrix.basket(a);
        if basket.is_empty() {
            continue;
        }
        let stamp = a as u32;
        for &p in basket {
            s.owned[p as usize] = stamp;
        }
        s.listed.clear();
        // What the similar accounts buy that this one does not: counted, then their spends
        // laid out per product (a counting sort), each product's few spends sorted for the
        // median.
        for n in near {
            for &q in matrix.basket(n.account as usize) {
                if s.owned[q as usize] != stamp {
                    s.consider(q, stamp).similar_buying += 1;
                }
            }
        }
        let mut total = 0;
        for &q in &s.listed {
            let c = &mut s.candidates[q as usize];
            c.start = total;
            c.filled = total;
            total += c.similar_buying;
        }
        s.spends.clear();
        s.spends.resize(total, 0.0);
        for n in near {
            let b = n.account as usize;
            for (&q, &spend) in matrix.basket(b).iter().zip(matrix.spend(b)) {
                if s.owned[q as usize] != stamp {
                    let c = &mut s.candidates[q as usize];
                    s.spends[c.filled] = spend;
                    c.filled += 1;
                }
            }
        }
        for &q in &s.listed {
            let c = &mut s.candidates[q as usize];
            let (from, to) = (c.start, c.start + c.similar_buying);
            c.typical_spend = median(&mut s.spends[from..to]);
        }
        // The products closest to each one it buys.
        for &p in basket {
            for close in &similar_products[p as usize] {
                if s.owned[close.product as usize] != stamp {
                    let c = s.consider(close.product, stamp);
                    if is_closer(c.bought_with, p, close, &buyers, product_names) {
                        c.bought_with = Some((p, close.together, close.cosine));
                    }
                }
            }
        }
        let similar = near.len();
        let score_of = |c: &Candidate, q: u32, closeness: f64| {
            let share = if similar > 0 {
                c.similar_buying as f64 / similar as f64
            } else {
                0.0
            };
            (share + closeness) / 2.0 * margin_of(q) * c.typical_spend
        };
        // Scores so far, and the best few: a lower bound of where the final best few stand.
        s.best.clear();
        let keep = |best: &mut Vec<(f64, u32)>, entry: (f64, u32)| {
            if !(entry.0 > 0.0 && entry.0.is_finite()) {
                return;
            }
            if best.len() == per_account
                && best
                    .last()
                    .is_some_and(|worst| better(&entry, worst) != Ordering::Less)
            {
                return;
            }
            let at = best.partition_point(|x| better(x, &entry) == Ordering::Less);
            best.insert(at, entry);
            best.truncate(per_account);
        };
        for i in 0..s.listed.len() {
            let q = s.listed[i];
            let c = &mut s.candidates[q as usize];
            if c.similar_buying == 0 {
                c.typical_spend = spend_of_all(q as usize);
                c.all_buyers = true;
            }
            let c = *c;
            let closeness = c.bought_with.map_or(0.0, |(_, _, cosine)| cosine);
            keep(&mut s.best, (score_of(&c, q, closeness), q));
        }
        let floor = if s.best.len() == per_account {
            s.best.last().map_or(f64::NEG_INFINITY, |w| w.0)
        } else {
            f64::NEG_INFINITY
        };
        // The candidates that could still make it: their own closest products, from their
        // side, may include one the account buys.
        for i in 0..s.listed.len() {
            let q = s.listed[i];
            let list = &similar_products[q as usize];
            let Some(top) = list.first() else {
                continue;
            };
            let c = s.candidates[q as usize];
            let held = c.bought_with.map_or(0.0, |(_, _, cosine)| cosine);
            if top.cosine <= held || score_of(&c, q, top.cosine) * (1.0 + NEAR) < floor {
                continue;
            }
            let mut held = c.bought_with;
            for close in list {
                if s.owned[close.product as usize] == stamp
                    && is_closer(held, close.product, close, &buyers, product_names)
                {
                    held = Some((close.product, close.together, close.cosine));
                }
            }
            if held.map(|h| h.0) != c.bought_with.map(|h| h.0) {
                s.candidates[q as usize].bought_with = held;
                let closeness = held.map_or(0.0, |(_, _, cosine)| cosine);
                let entry = (score_of(&s.candidates[q as usize], q, closeness), q);
                // Its earlier, lower score may be among the best: replaced.
                s.best.retain(|b| b.1 != q);
                keep(&mut s.best, entry);
            }
        }
        for &(score, q) in &s.best {
            let c = s.candidates[q as usize];
            let product = super::product_name(table, q);
            let margin = margins.get(q as usize).copied().flatten();
            out.push(Suggestion {
                account: table.accounts.get(a).cloned().unwrap_or_default(),
                product: product.clone(),
                score,
                reason: CrossSellReason {
                    product,
                    similar_buying: c.similar_buying,
                    similar,
                    margin,
                    book_margin: if margin.is_none() { book_margin } else { None },
                    typical_spend: c.typical_spend,
                    spend_of: if c.all_buyers {
                        SpendOf::AllBuyers(matrix.buyers(q as usize).len())
                    } else {
                        SpendOf::SimilarAccounts
                    },
                    bought_with: c
                        .bought_with
                        .map(|(p, _, cosine)| (super::product_name(table, p), cosine)),
                },
            });
        }
    }
    out
}

#[cfg(test)]
pub(crate) fn similar_for_tests(table: &ProductTable, k: usize) -> Vec<Vec<(String, f64)>> {
    let (matrix, _) = Matrix::new(table);
    let names = NameOrder::new(&table.accounts);
    similar_accounts(&matrix, k, &names)
        .into_iter()
        .map(|list| {
            list.into_iter()
                .map(|n| (table.accounts[n.account as usize].clone(), n.cosine))
                .collect()
        })
        .collect()
}
