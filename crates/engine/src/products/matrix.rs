//! Who buys what, kept sparse: per account the sorted products it bought (with what it spent),
//! per product the sorted accounts that buy it. Never a dense account × product grid.

use super::{ProductCell, ProductTable};

/// The table's cells merged per account and product, in both directions.
pub(crate) struct Matrix {
    pub(crate) accounts: usize,
    pub(crate) products: usize,
    /// Every merged cell, sorted by account then product.
    cells: Vec<ProductCell>,
    /// Where each account's cells start in `cells` (one more entry than accounts).
    cell_start: Vec<usize>,
    /// Per account, the products it buys (sales or prior sales above 0), sorted.
    basket_start: Vec<usize>,
    basket: Vec<u32>,
    /// What the account spends on each product of its basket: its sales, or its prior sales
    /// when it bought only in the prior period.
    spend: Vec<f64>,
    /// Per product, the accounts that buy it, sorted.
    buyer_start: Vec<usize>,
    buyers: Vec<u32>,
}

/// A number, or 0 for one that is not (such cells are counted as left out).
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

impl Matrix {
    /// Builds the matrix; also returns how many cells were left out (indices out of range or
    /// sales that are not a number).
    pub(crate) fn new(table: &ProductTable) -> (Matrix, usize) {
        let (accounts, products) = (table.accounts.len(), table.products.len());
        let mut left_out = 0;
        // Counting sort by account: O(cells), then each account's few cells by product.
        let mut count = vec![0usize; accounts + 1];
        let valid = |c: &ProductCell| {
            (c.account as usize) < accounts
                && (c.product as usize) < products
                && c.sales.is_finite()
        };
        for c in &table.cells {
            if valid(c) {
                count[c.account as usize + 1] += 1;
            } else {
                left_out += 1;
            }
        }
        for a in 0..accounts {
            count[a + 1] += count[a];
        }
        let mut fill = count.clone();
        let mut sorted = vec![
            ProductCell {
                account: 0,
                product: 0,
                sales: 0.0,
                gross_profit: None,
                prior_sales: None,
            };
            count[accounts]
        ];
        for c in table.cells.iter().filter(|c| valid(c)) {
            let at = &mut fill[c.account as usize];
            sorted[*at] = ProductCell {
                gross_profit: c.gross_profit.and_then(finite),
                prior_sales: c.prior_sales.and_then(finite),
                ..*c
            };
            *at += 1;
        }
        let mut cells = Vec::with_capacity(sorted.len());
        let mut cell_start = Vec::with_capacity(accounts + 1);
        for a in 0..accounts {
            cell_start.push(cells.len());
            let row = &mut sorted[count[a]..count[a + 1]];
            row.sort_by_key(|c| c.product);
            for c in row.iter() {
                let merged = cells.len() > cell_start[a]
                    && cells.last_mut().is_some_and(|last| merge_into(last, c));
                if !merged {
                    cells.push(*c);
                }
            }
        }
        cell_start.push(cells.len());

        let mut basket_start = Vec::with_capacity(accounts + 1);
        let mut basket = Vec::new();
        let mut spend = Vec::new();
        let mut buyer_count = vec![0usize; products + 1];
        for a in 0..accounts {
            basket_start.push(basket.len());
            for c in &cells[cell_start[a]..cell_start[a + 1]] {
                let prior = c.prior_sales.unwrap_or(0.0);
                if c.sales > 0.0 || prior > 0.0 {
                    basket.push(c.product);
                    spend.push(if c.sales > 0.0 { c.sales } else { prior });
                    buyer_count[c.product as usize + 1] += 1;
                }
            }
        }
        basket_start.push(basket.len());
        for p in 0..products {
            buyer_count[p + 1] += buyer_count[p];
        }
        let mut fill = buyer_count.clone();
        let mut buyers = vec![0u32; basket.len()];
        for a in 0..accounts {
            for &p in &basket[basket_start[a]..basket_start[a + 1]] {
                let at = &mut fill[p as usize];
                buyers[*at] = u32::try_from(a).unwrap_or(u32::MAX);
                *at += 1;
            }
        }
        (
            Matrix {
                accounts,
                products,
                cells,
                cell_start,
                basket_start,
                basket,
                spend,
                buyer_start: buyer_count,
                buyers,
            },
            left_out,
        )
    }

    /// Every merged cell.
    pub(crate) fn cells(&self) -> &[ProductCell] {
        &self.cells
    }

    /// One account's merged cells, by product.
    pub(crate) fn cells_of(&self, account: u32) -> &[ProductCell] {
        let a = account as usize;
        match (self.cell_start.get(a), self.cell_start.get(a + 1)) {
            (Some(&s), Some(&e)) => &self.cells[s..e],
            _ => &[],
        }
    }

    /// The products an account buys, sorted.
    pub(crate) fn basket(&self, account: usize) -> &[u32] {
        match (
            self.basket_start.get(account),
            self.basket_start.get(account + 1),
        ) {
            (Some(&s), Some(&e)) => &self.basket[s..e],
            _ => &[],
        }
    }

    /// What an account spends on each product of its basket, in basket order.
    pub(crate) fn spend(&self, account: usize) -> &[f64] {
        match (
            self.basket_start.get(account),
            self.basket_start.get(account + 1),
        ) {
            (Some(&s), Some(&e)) => &self.spend[s..e],
            _ => &[],
        }
    }

    /// The accounts buying a product, sorted.
    pub(crate) fn buyers(&self, product: usize) -> &[u32] {
        match (
            self.buyer_start.get(product),
            self.buyer_start.get(product + 1),
        ) {
            (Some(&s), Some(&e)) => &self.buyers[s..e],
            _ => &[],
        }
    }
}

/// Adds `c` to `last` when both are the same account and product; false otherwise.
fn merge_into(last: &mut ProductCell, c: &ProductCell) -> bool {
    if last.account != c.account || last.product != c.product {
        return false;
    }
    last.sales += c.sales;
    // Gross profit is known for the pair only when it is known for every part of it.
    last.gross_profit = match (last.gross_profit, c.gross_profit) {
        (Some(a), Some(b)) => Some(a + b),
        _ => None,
    };
    last.prior_sales = match (last.prior_sales, c.prior_sales) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
    };
    true
}
