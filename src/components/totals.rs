use account_lens_engine::format::{hours, money};
use account_lens_engine::{Projection, Review};
use yew::prelude::*;

use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct TotalsProps {
    pub review: Shared<Review>,
    pub projection: Option<Projection>,
}

/// The whole book in five numbers.
#[component]
pub fn Totals(props: &TotalsProps) -> Html {
    let total = &props.review.summary.total;
    let prior: f64 = props
        .review
        .accounts
        .iter()
        .filter_map(|a| a.prior_sales)
        .sum();
    html! {
        <section class="totals" aria-labelledby="totals-title">
            <h3 id="totals-title">{ "Totals" }</h3>
            <dl>
                <div>
                    <dt>{ if props.projection.is_some() { "Projected sales" } else { "Sales" } }</dt>
                    <dd>{ money(total.sales) }</dd>
                </div>
                <div>
                    <dt>{ "Prior year" }</dt>
                    <dd>{ money(prior) }</dd>
                </div>
                <div>
                    <dt>{ "Upside" }</dt>
                    <dd>{ money(total.upside) }</dd>
                </div>
                <div>
                    <dt>{ "Estimated deterioration" }</dt>
                    <dd>{ money(total.deterioration) }</dd>
                </div>
                <div>
                    <dt>{ "Hours" }</dt>
                    <dd>{ hours(total.hours) }</dd>
                </div>
            </dl>
            if let Some(projection) = &props.projection {
                <p class="note">{ format!("Sales are projected to a full year: {}.", projection.rule) }</p>
            }
        </section>
    }
}
