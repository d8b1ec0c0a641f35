use account_lens_engine::format::money;
use account_lens_engine::AccountReview;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::or_dash;
use crate::filter::matching;
use crate::state::{Analysis, Shared};

/// More rows than this are not drawn at once: the filter narrows them down.
pub const ROW_LIMIT: usize = 1_000;
const FILTER_ID: &str = "filter-accounts";

#[derive(Properties, PartialEq)]
pub struct AccountsTableProps {
    pub analysis: Shared<Analysis>,
    pub filter: AttrValue,
    pub on_filter: Callback<String>,
}

/// Every account with its category, tier, flags and reason, filtered by name.
#[component]
pub fn AccountsTable(props: &AccountsTableProps) -> Html {
    let accounts = &props.analysis.review.accounts;
    let shown = matching(accounts, &props.filter);
    let oninput = props.on_filter.reform(|e: InputEvent| {
        e.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default()
    });

    let count = match (shown.len(), accounts.len()) {
        (n, all) if n == all => format!("{all} accounts"),
        (n, all) if n > ROW_LIMIT => {
            format!("{n} of {all} accounts match; the first {ROW_LIMIT} are shown")
        }
        (n, all) => format!("{n} of {all} accounts match"),
    };
    let body = if shown.is_empty() {
        html! {
            <tr><td colspan="6" class="empty">{ format!("No account name contains “{}”.", props.filter.trim()) }</td></tr>
        }
    } else {
        shown
            .iter()
            .take(ROW_LIMIT)
            .map(|a| account_row(a))
            .collect()
    };

    html! {
        <section class="accounts">
            <div class="filter">
                <label for={FILTER_ID}>{ "Filter accounts" }</label>
                <input
                    type="search"
                    id={FILTER_ID}
                    value={props.filter.clone()}
                    placeholder="Account name"
                    autocomplete="off"
                    {oninput}
                />
                <p class="count" aria-live="polite">{ count }</p>
            </div>
            <div class="table-scroll">
                <table class="accounts-table">
                    <caption>{ "Accounts" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Account" }</th>
                            <th scope="col">{ "Category" }</th>
                            <th scope="col">{ "Tier" }</th>
                            <th scope="col">{ "Flags" }</th>
                            <th scope="col" class="number">{ "Projected sales" }</th>
                            <th scope="col">{ "Reason" }</th>
                        </tr>
                    </thead>
                    <tbody>{ body }</tbody>
                </table>
            </div>
        </section>
    }
}

fn account_row(a: &AccountReview) -> Html {
    let flags: Vec<&str> = a.flags.iter().map(|f| f.label()).collect();
    html! {
        <tr>
            <th scope="row">{ a.account.clone() }</th>
            <td><span class={classes!("badge", a.category.key())}>{ a.category.label() }</span></td>
            <td>{ a.tier.label() }</td>
            <td class="flags">{ flags.join(", ") }</td>
            <td class="number">{ or_dash(a.projected_sales, money) }</td>
            <td class="reason">{ a.reason.to_string() }</td>
        </tr>
    }
}
