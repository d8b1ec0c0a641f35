//! Which accounts the "Filter accounts" box lets through.

use account_lens_engine::AccountReview;

/// The accounts whose name contains the query, ignoring case and surrounding spaces; all of them
/// when the query is blank. Source order is kept.
pub fn matching<'a>(accounts: &'a [AccountReview], query: &str) -> Vec<&'a AccountReview> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return accounts.iter().collect();
    }
    accounts
        .iter()
        .filter(|a| a.account.to_lowercase().contains(&query))
        .collect()
}
