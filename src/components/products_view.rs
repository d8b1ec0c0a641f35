use account_lens_engine::format::{money, percent, signed_percent};
use account_lens_engine::{ProductNote, ProductSummary, Rule, Suggestion};
use yew::prelude::*;

use super::or_dash;
use crate::products::Products;
use crate::state::{Action, Shared};

/// Products listed before "Show more".
pub const PRODUCTS_SHOWN: usize = 25;
/// Rules and offers listed.
pub const RULES_SHOWN: usize = 15;
pub const OFFERS_SHOWN: usize = 20;

/// How the products table is ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    GrossProfit,
    Margin,
}

impl Ranking {
    fn label(self) -> &'static str {
        match self {
            Ranking::GrossProfit => "Gross profit",
            Ranking::Margin => "Margin",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ProductsViewProps {
    /// The analysis, when the workbook has product figures and it is on the page.
    pub products: Option<Shared<Products>>,
    /// The workbook has product figures (their analysis may not have been kept).
    pub with_products: bool,
    pub on_action: Callback<Action>,
}

/// Which products make the money, what is bought together, and the best offers in the book.
#[component]
pub fn ProductsView(props: &ProductsViewProps) -> Html {
    let ranking = use_state(|| Ranking::GrossProfit);
    let shown = use_state(|| PRODUCTS_SHOWN);

    let Some(products) = &props.products else {
        return html! {
            <section class="products" aria-labelledby="products-title">
                <h3 id="products-title">{ "Products" }</h3>
                if props.with_products {
                    <p>{ "The products of this workbook are not kept in this browser (too large to keep beside the review, or the review came from a backup). Import the workbook again to see them." }</p>
                } else {
                    <p>{ "This workbook has no product figures. Account Lens reads them from order lines with a product column (an order export: date, customer, product, amount, and cost or profit), from a sheet with one row per account and product (account, product, sales, optionally margin), or from a matrix with accounts down and products across." }</p>
                }
            </section>
        };
    };

    let review = &products.review;
    let ranked: Vec<&ProductSummary> = match *ranking {
        Ranking::GrossProfit => review.products.iter().collect(),
        Ranking::Margin => review
            .by_margin
            .iter()
            .filter_map(|&i| review.products.get(i))
            .collect(),
    };
    let total = ranked.len();
    let rows = ranked.iter().take(*shown).enumerate().map(|(i, p)| {
        html! {
            <tr key={p.product.clone()}>
                <td class="number">{ i + 1 }</td>
                <th scope="row">{ p.product.clone() }</th>
                <td class="number">{ money(p.sales) }</td>
                <td class="number">{ or_dash(p.gross_profit, money) }</td>
                <td class="number">
                    { or_dash(p.margin, percent) }
                    if p.margin_estimated { <span class="estimated" title="From the part of its sales with a known cost">{ "*" }</span> }
                </td>
                <td class="number">{ p.accounts }</td>
                <td class="number">{ percent(p.share) }</td>
                <td class="number">{ or_dash(p.growth, signed_percent) }</td>
            </tr>
        }
    });
    let rank_button = |r: Ranking| {
        let pressed = *ranking == r;
        let onclick = {
            let ranking = ranking.clone();
            Callback::from(move |_: MouseEvent| ranking.set(r))
        };
        html! {
            <button type="button" class={classes!("toggle", pressed.then_some("current"))}
                aria-pressed={if pressed { "true" } else { "false" }} {onclick}>
                { r.label() }
            </button>
        }
    };
    let on_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + 100))
    };
    // "No rules" is said under "Bought together".
    let notes: Vec<&ProductNote> = review
        .notes
        .iter()
        .filter(|n| !matches!(n, ProductNote::NoRules { .. }))
        .collect();
    let rules = review.rules.iter().take(RULES_SHOWN).map(rule_line);
    let offers = products.best_offers(OFFERS_SHOWN);
    let offer_rows = offers.iter().map(|s| offer_row(s, &props.on_action));

    html! {
        <section class="products" aria-labelledby="products-title">
            <h3 id="products-title">{ "Products" }</h3>
            <p class="source">{ products.source_line() }</p>
            <p class="headline">{ products.totals_line() }</p>
            if !notes.is_empty() {
                <ul class="notes">
                    { for notes.iter().map(|n| html! { <li>{ format!("{n}.") }</li> }) }
                </ul>
            }
            <div class="toggles" role="group" aria-label="Rank products by">
                <span class="toggles-label" aria-hidden="true">{ "Rank by" }</span>
                { rank_button(Ranking::GrossProfit) }
                { rank_button(Ranking::Margin) }
            </div>
            <table class="accounts-table products-table" aria-label="Products">
                <thead><tr>
                    <th scope="col" class="number">{ "Rank" }</th>
                    <th scope="col">{ "Product" }</th>
                    <th scope="col" class="number">{ "Sales" }</th>
                    <th scope="col" class="number">{ "Gross profit" }</th>
                    <th scope="col" class="number">{ "Margin" }</th>
                    <th scope="col" class="number">{ "Accounts" }</th>
                    <th scope="col" class="number">{ "Share" }</th>
                    <th scope="col" class="number">{ "Growth" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if total > *shown {
                <p class="note">
                    { format!("{} of {total} products shown. ", (*shown).min(total)) }
                    <button type="button" class="secondary" onclick={on_more}>{ "Show 100 more" }</button>
                </p>
            }
            if *ranking == Ranking::Margin && review.by_margin.len() < review.products.len() {
                <p class="note">{ format!("{} product(s) without a known cost are not ranked by margin.", review.products.len() - review.by_margin.len()) }</p>
            }
            <h4 id="rules-title">{ "Bought together" }</h4>
            if review.rules.is_empty() {
                <p>{ format!("No two products are bought together by {} or more accounts yet.", products.settings.min_accounts) }</p>
            } else {
                <ul class="rules" aria-labelledby="rules-title">{ for rules }</ul>
            }
            <h4 id="offers-title">{ "Best offers in the book" }</h4>
            if offers.is_empty() {
                <p>{ "No offers: every account already buys the products its most similar accounts buy." }</p>
            } else {
                <p class="hint">{ "Products an account does not buy yet, scored by the gross profit the offer may bring: how likely it is to buy (what its most similar accounts buy, and what is bought with what it buys) × margin × typical spend. Open an account to see its own offers and plan an activity for one." }</p>
                <table class="accounts-table offers-table" aria-labelledby="offers-title">
                    <thead><tr>
                        <th scope="col">{ "Account" }</th>
                        <th scope="col">{ "Offer" }</th>
                        <th scope="col" class="number">{ "Expected gross profit" }</th>
                        <th scope="col">{ "Why" }</th>
                    </tr></thead>
                    <tbody>{ for offer_rows }</tbody>
                </table>
            }
        </section>
    }
}

fn rule_line(rule: &Rule) -> Html {
    html! {
        <li>{ format!("{rule}; support {}.", percent(rule.support)) }</li>
    }
}

fn offer_row(s: &Suggestion, on_action: &Callback<Action>) -> Html {
    let account = s.account.clone();
    let onclick = on_action.reform(move |_: MouseEvent| Action::OpenAccount(account.clone()));
    html! {
        <tr>
            <td><button type="button" class="link" {onclick}>{ s.account.clone() }</button></td>
            <td>{ s.product.clone() }</td>
            <td class="number">{ money(s.score) }</td>
            <td>{ s.reason.to_string() }</td>
        </tr>
    }
}
