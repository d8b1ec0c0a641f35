use account_lens_engine::format::{money, percent};
use account_lens_engine::Category;
use yew::prelude::*;

use account_lens_engine::Review;

use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct CategoriesProps {
    pub review: Shared<Review>,
}

/// Grow, Maintain and At risk side by side: how many, how much, and where the hours go against
/// where the value comes from.
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
                if has_hours {
                    <ShareBars time_share={s.time_share} value_share={s.value_share} />
                }
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

#[derive(Properties, PartialEq)]
struct ShareBarsProps {
    time_share: f64,
    value_share: f64,
}

/// Two bars, time share above value share: a category that takes more time than it returns shows
/// a longer top bar.
#[component]
fn ShareBars(props: &ShareBarsProps) -> Html {
    let width = |share: f64| format!("{:.1}", (share.clamp(0.0, 1.0) * 100.0));
    let label = format!(
        "Time share {}, value share {}",
        percent(props.time_share),
        percent(props.value_share)
    );
    html! {
        <svg class="share-bars" viewBox="0 0 100 14" preserveAspectRatio="none" role="img" aria-label={label}>
            <rect class="track" x="0" y="0" width="100" height="6" />
            <rect class="time" x="0" y="0" width={width(props.time_share)} height="6" />
            <rect class="track" x="0" y="8" width="100" height="6" />
            <rect class="value" x="0" y="8" width={width(props.value_share)} height="6" />
        </svg>
    }
}
