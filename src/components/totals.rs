use account_lens_engine::format::{hours, money};
use yew::prelude::*;

use crate::state::{Analysis, Shared};

#[derive(Properties, PartialEq)]
pub struct TotalsProps {
    pub analysis: Shared<Analysis>,
}

/// The whole book in four numbers.
#[component]
pub fn Totals(props: &TotalsProps) -> Html {
    let review = &props.analysis.review;
    let total = &review.summary.total;
    let projection = props.analysis.projection.as_ref();
    html! {
        <section class="totals" aria-labelledby="totals-title">
            <h3 id="totals-title">{ "Totals" }</h3>
            <dl>
                <div>
                    <dt>{ "Sales" }</dt>
                    <dd>{ money(total.sales) }</dd>
                </div>
                <div>
                    <dt>{ "Estimated deterioration" }</dt>
                    <dd>{ money(total.deterioration) }</dd>
                </div>
                <div>
                    <dt>{ "Upside" }</dt>
                    <dd>{ money(total.upside) }</dd>
                </div>
                <div>
                    <dt>{ "Hours" }</dt>
                    <dd>{ hours(total.hours) }</dd>
                </div>
            </dl>
            if let Some(projection) = projection {
                <p class="note">{ format!("Sales are projected to a full year: {}.", projection.rule) }</p>
            }
        </section>
    }
}
