//! Giving out the week's hours: the exact optimum of Σ fᵢ(hᵢ) over whole grid steps, Σ hᵢ ≤
//! capacity and minᵢ ≤ hᵢ ≤ maxᵢ, for separable fᵢ that are each concave or S-shaped.
//!
//! Why two methods, and why together they are exact:
//! - For accounts whose value is concave in hours on their range, **incremental analysis**
//!   (the next step to the best marginal return, Lodish's own method) is exact, and exact for
//!   *every* number of steps at once: their marginal returns fall, so the best m steps are a
//!   prefix of each account's steps. One greedy run of `capacity` heap pops gives G(m), the best
//!   value of those accounts for every m ≤ capacity. It costs one curve evaluation per step
//!   given, so most of a book of 2,000 accounts is planned in well under a millisecond.
//! - An S-shaped account (c > 1, below its inflection point) is where greedy goes wrong: its
//!   first steps return little, so greedy never starts it, though a block of hours would pay.
//!   The concave envelope of its grid points fixes the ramp's slope but leaves one account
//!   split on a ramp, whose true value is below the envelope by more than a step. These
//!   accounts are planned by **dynamic programming** instead: F(k), their best value with at
//!   most k steps, account by account (O(k²) each), exact for any curve.
//! - The two are joined by trying every split: max over k of G(capacity − k) + F(k), exact
//!   because G and F are each exact for every budget. The cost is the DP's, k²/2 per S-shaped
//!   account (13,000 additions at 40 h in quarter hours), paid only for those accounts.
//!
//! Steps with a gain of zero or less are never taken: an account at saturation (or worth
//! nothing) does not soak up hours, so fewer than `capacity` steps are given only when no
//! account can use another one.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::Response;

/// One account as the optimiser sees it: value in money of `k` steps of time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Curve {
    /// Money at r = 1 (margin × sales, or sales).
    pub weight: f64,
    pub response: Response,
    /// Effort x per step: step / anchor hours.
    pub per_step: f64,
    /// Fewest steps.
    pub min: u32,
    /// Most steps (`u32::MAX` for no maximum).
    pub max: u32,
}

impl Curve {
    /// The value of `k` steps.
    pub fn value(&self, k: u32) -> f64 {
        self.weight * self.response.at(f64::from(k) * self.per_step)
    }

    /// Whether greedy is exact for this account: its value is concave over its range (an
    /// account worth nothing or less never takes a step, which greedy gets right too).
    fn greedy_exact(&self) -> bool {
        self.weight <= 0.0
            || self
                .response
                .concave_from(f64::from(self.min) * self.per_step)
    }
}

/// A candidate step for the heap: its gain, and the account (lower index first on ties, so
/// the plan is the same on every run).
struct Candidate {
    gain: f64,
    account: usize,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.gain
            .total_cmp(&other.gain)
            .then_with(|| other.account.cmp(&self.account))
    }
}

/// Steps per account, at least each minimum; Σ ≤ `capacity` unless the minimums alone exceed
/// it (then exactly the minimums). Maximises Σ value over whole steps.
pub(crate) fn allocate(curves: &[Curve], capacity: u32) -> Vec<u32> {
    let mut steps: Vec<u32> = curves.iter().map(|c| c.min).collect();
    let minimums: u64 = steps.iter().map(|&m| u64::from(m)).sum();
    let Some(left) = u64::from(capacity)
        .checked_sub(minimums)
        .and_then(|l| u32::try_from(l).ok())
    else {
        return steps;
    };
    let room = |c: &Curve| c.max.saturating_sub(c.min).min(left);
    let (greedy, lumpy): (Vec<usize>, Vec<usize>) =
        (0..curves.len()).partition(|&i| curves[i].greedy_exact());

    // Incremental analysis: the order in which steps go to greedy accounts, and G(m).
    let mut picks: Vec<usize> = Vec::new();
    let mut value_by_picks = vec![0.0];
    let mut current: Vec<f64> = vec![0.0; curves.len()];
    let mut heap = BinaryHeap::with_capacity(greedy.len());
    let mut given = vec![0u32; curves.len()];
    for &i in &greedy {
        let c = &curves[i];
        current[i] = c.value(c.min);
        if room(c) > 0 {
            heap.push(Candidate {
                gain: c.value(c.min + 1) - current[i],
                account: i,
            });
        }
    }
    while picks.len() < left as usize {
        let Some(Candidate { gain, account }) = heap.pop() else {
            break;
        };
        if gain.is_nan() || gain <= 0.0 {
            break;
        }
        let c = &curves[account];
        picks.push(account);
        value_by_picks.push(value_by_picks[value_by_picks.len() - 1] + gain);
        given[account] += 1;
        current[account] += gain;
        if given[account] < room(c) {
            let next = c.value(c.min + given[account] + 1);
            heap.push(Candidate {
                gain: next - current[account],
                account,
            });
        }
    }
    let greedy_value = |m: usize| value_by_picks[m.min(value_by_picks.len() - 1)];

    // Dynamic programming over the S-shaped accounts: best[k] = their best gain with at most k
    // steps; choice[j][k] = steps of the j-th of them in that best.
    let width = left as usize + 1;
    let mut best = vec![0.0f64; width];
    let mut choice: Vec<u32> = vec![0; lumpy.len() * width];
    let mut gains: Vec<f64> = Vec::new();
    let mut next = vec![0.0f64; width];
    for (j, &i) in lumpy.iter().enumerate() {
        let c = &curves[i];
        let base = c.value(c.min);
        gains.clear();
        gains.extend((0..=room(c)).map(|s| c.value(c.min + s) - base));
        let row = &mut choice[j * width..(j + 1) * width];
        for k in 0..width {
            let mut top = best[k];
            let mut pick = 0u32;
            for (s, gain) in gains.iter().enumerate().take(k + 1).skip(1) {
                let v = best[k - s] + gain;
                if v > top {
                    top = v;
                    pick = s as u32;
                }
            }
            next[k] = top;
            row[k] = pick;
        }
        std::mem::swap(&mut best, &mut next);
    }

    // The split of the remaining steps between the two groups.
    let mut split = 0usize;
    let mut top = f64::NEG_INFINITY;
    for (k, lumpy_value) in best.iter().enumerate() {
        let v = greedy_value(width - 1 - k) + lumpy_value;
        if v > top {
            top = v;
            split = k;
        }
    }
    let mut k = split;
    for (j, &i) in lumpy.iter().enumerate().rev() {
        let s = choice[j * width + k];
        steps[i] += s;
        k -= s as usize;
    }
    for &i in picks.iter().take(width - 1 - split) {
        steps[i] += 1;
    }
    steps
}
