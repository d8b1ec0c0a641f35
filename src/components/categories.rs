use account_lens_engine::format::{money, percent};
use account_lens_engine::Category;
use yew::prelude::*;

use account_lens_engine::Review;

use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct CategoriesProps {
    pub review: Shared<Review>,
}

/// Grow, Maintain and At risk side by side: how many, how much, where the hours go against
/// where the value comes from, and how many time sinks and under-served accounts each holds.
#[component]
pub fn Categories(props: &CategoriesProps) -> Html {
    let review = &props.review;
    let has_hours = review.summary.total.hours > 0.0;
    let value = review.value_basis.label();
    let cards = Category::ALL.iter().map(|&category| {
        let s = review.summary.category(category);
        let time = if has_hours { percent(s.time_share) } else { "—".into() };
        html! {
            <li class={classes!("category", category.key())}>
                <h4>{ category.label() }</h4>
                <dl>
                    <div><dt>{ "Accounts" }</dt><dd>{ s.accounts }</dd></div>
                    <div><dt>{ "Sales" }</dt><dd>{ money(s.sales) }</dd></div>
                    <div class="time"><dt>{ "Time share" }</dt><dd>{ time.clone() }</dd></div>
                    <div class="value"><dt>{ format!("Value share ({value})") }</dt><dd>{ percent(s.value_share) }</dd></div>
                    if category == Category::AtRisk {
                        <div><dt>{ "Est. deterioration" }</dt><dd>{ money(s.deterioration) }</dd></div>
                    }
                    if category == Category::Grow {
                        <div><dt>{ "Upside" }</dt><dd>{ money(s.upside) }</dd></div>
                    }
                    if s.time_sinks > 0 {
                        <div class="flag-count"><dt>{ "Time sinks" }</dt><dd>{ s.time_sinks }</dd></div>
                    }
                    if s.under_served > 0 {
                        <div class="flag-count"><dt>{ "Under-served" }</dt><dd>{ s.under_served }</dd></div>
                    }
                </dl>
            </li>
        }
    });
    html! {
        <section class="categories" aria-labelledby="categories-title">
            <h3 id="categories-title">{ "By category" }</h3>
            <ul>{ for cards }</ul>
        </section>
    }
}
