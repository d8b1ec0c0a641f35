use account_lens_engine::format::{money, percent};
use account_lens_engine::{Activity, Suggestion};
use yew::prelude::*;

use super::or_dash;
use crate::products::Products;
use crate::state::Shared;

/// A time-log entry begun from an offer: the activity and note the log form starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub activity: Activity,
    pub note: String,
    /// The product offered, for the line that says what the form was filled with.
    pub product: String,
    /// Tells two drafts of the same offer apart, so that a second click fills the form again.
    pub stamp: u32,
}

impl Draft {
    /// The entry an offer begins: a vendor training visit to present the product, noted with
    /// what makes it worth it.
    pub fn of(offer: &Suggestion, stamp: u32) -> Draft {
        let r = &offer.reason;
        let mut note = format!("Offer {}", offer.product);
        let margin = r.margin.map(|m| format!("margin {}", percent(m)));
        let spend = format!("typical spend {}", money(r.typical_spend));
        note.push_str(&match margin {
            Some(margin) => format!(" ({margin}, {spend})"),
            None => format!(" ({spend})"),
        });
        Draft {
            activity: Activity::VendorTraining,
            note,
            product: offer.product.clone(),
            stamp,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AccountProductsProps {
    pub account: AttrValue,
    pub products: Shared<Products>,
    /// An offer was picked to plan an activity for.
    pub on_plan: Callback<Suggestion>,
}

/// What one account buys against the book, and what to offer it next, each offer with the
/// numbers behind it and a way to plan an activity for it.
#[component]
pub fn AccountProducts(props: &AccountProductsProps) -> Html {
    let products = &props.products;
    let account = props.account.as_str();
    let mix = products.mix_of(account);
    let offers = products.suggestions_for(account);
    let against = products
        .account(account)
        .and_then(|a| a.margin_against(&products.review.book));

    let offer_items = offers.iter().map(|&offer| {
        let onclick = {
            let offer = offer.clone();
            props.on_plan.reform(move |_: MouseEvent| offer.clone())
        };
        html! {
            <li>
                <span class="offer-product">{ offer.product.clone() }</span>
                { format!(": {}. Expected gross profit {}.", offer.reason, money(offer.score)) }
                <button type="button" class="secondary small" {onclick}
                    aria-label={format!("Plan an activity to offer {}", offer.product)}>
                    { "Plan an activity" }
                </button>
            </li>
        }
    });

    html! {
        <div class="account-products">
            <h4 id="account-products-title">{ "Products" }</h4>
            if mix.is_empty() {
                <p>{ "No product sales for this account in the data." }</p>
            } else {
                if let Some(line) = against {
                    <p>{ capitalised(&line) }{ "." }</p>
                }
                <table class="accounts-table mix-table" aria-labelledby="account-products-title">
                    <thead><tr>
                        <th scope="col">{ "Product" }</th>
                        <th scope="col" class="number">{ "Sales" }</th>
                        <th scope="col" class="number">{ "Share (book)" }</th>
                        <th scope="col" class="number">{ "Margin (book)" }</th>
                    </tr></thead>
                    <tbody>
                        { for mix.iter().map(|l| html! {
                            <tr>
                                <th scope="row">{ l.product.clone() }</th>
                                <td class="number">{ money(l.sales) }</td>
                                <td class="number">{ format!("{} ({})", percent(l.share), percent(l.book_share)) }</td>
                                <td class="number">{ format!("{} ({})", or_dash(l.margin, percent), or_dash(l.book_margin, percent)) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <h4 id="offers-next-title">{ "Offer next" }</h4>
            if offers.is_empty() {
                <p>{ "No offers for this account: it buys what its most similar accounts buy." }</p>
            } else {
                <ul class="offers" aria-labelledby="offers-next-title">{ for offer_items }</ul>
            }
        </div>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use account_lens_engine::{CrossSellReason, SpendOf};

    fn offer(margin: Option<f64>) -> Suggestion {
        Suggestion {
            account: "Harbor Foods".into(),
            product: "Service Plan".into(),
            score: 4_874.0,
            reason: CrossSellReason {
                product: "Service Plan".into(),
                similar_buying: 3,
                similar: 5,
                margin,
                book_margin: Some(0.29),
                typical_spend: 36_105.0,
                spend_of: SpendOf::SimilarAccounts,
                bought_with: None,
            },
        }
    }

    #[test]
    fn an_offer_begins_a_vendor_training_entry_noted_with_its_numbers() {
        let draft = Draft::of(&offer(Some(0.45)), 1);
        assert_eq!(draft.activity, Activity::VendorTraining);
        assert_eq!(
            draft.note,
            "Offer Service Plan (margin 45%, typical spend 36,105)"
        );
        let unknown = Draft::of(&offer(None), 2);
        assert_eq!(unknown.note, "Offer Service Plan (typical spend 36,105)");
    }
}
