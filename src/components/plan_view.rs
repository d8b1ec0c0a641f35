use account_lens_engine::format::money;
use account_lens_engine::{
    plan, Category, Estimate, Estimates, Plan, PlanAccount, PlanSettings, Review, Tier,
};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::clock::measured;

use crate::state::{
    change_text, hours_text, percent_text, Action, PlanChange, Shared, MOST_HOURS_A_WEEK,
};

const CAPACITY_ID: &str = "plan-capacity";
/// The performance measure each planning leaves (the benchmark reads it).
pub const PLAN_MEASURE: &str = "account-lens:plan";
const FLOOR_ID: &str = "plan-tier-a-floor";
const CAPACITY_PROBLEM_ID: &str = "plan-capacity-problem";
const EDITOR_TITLE_ID: &str = "what-if-title";
/// Accounts of the plan table shown at once: the largest moves first.
pub const PLAN_ROWS: usize = 50;
/// Moves listed in words.
pub const MOVES_SHOWN: usize = 15;

#[derive(Properties, PartialEq)]
pub struct PlanViewProps {
    pub review: Shared<Review>,
    /// The plan's settings, the sheet's estimates under the rep's own.
    pub settings: Shared<PlanSettings>,
    /// Where the hours of today come from, in words.
    pub hours_source: AttrValue,
    pub on_action: Callback<Action>,
}

/// The week's time plan: how many hours to give out, where they go against today, the moves
/// with their reasons, and what-if on any account's estimates and bounds. Planned again on
/// every change.
#[component]
pub fn PlanView(props: &PlanViewProps) -> Html {
    let week = use_memo(
        (props.review.clone(), props.settings.clone()),
        |(review, settings)| measured(PLAN_MEASURE, || plan(review, settings)),
    );
    let editing = use_state(|| None::<String>);
    let capacity_problem = use_state(|| false);
    let settings = &props.settings;
    {
        // Opening the what-if takes the user to it; closing it, back to the account's button.
        let last = use_mut_ref(|| None::<String>);
        use_effect_with((*editing).clone(), move |editing| {
            let document = web_sys::window().and_then(|w| w.document());
            let target = match (editing, last.borrow().as_ref()) {
                (Some(_), _) => document.and_then(|d| d.get_element_by_id(EDITOR_TITLE_ID)),
                (None, Some(name)) => document.and_then(|d| estimates_button(&d, name)),
                (None, None) => None,
            };
            if let Some(element) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = element.focus();
            }
            *last.borrow_mut() = editing.clone();
        });
    }

    let on_capacity = {
        let on_action = props.on_action.clone();
        let capacity_problem = capacity_problem.clone();
        Callback::from(move |e: InputEvent| {
            // Half-typed ("", "3."): nothing changes until it is a number.
            if let Some(hours) = typed_number(&e) {
                let fits = (0.0..=MOST_HOURS_A_WEEK).contains(&hours);
                capacity_problem.set(!fits);
                if fits {
                    on_action.emit(Action::Plan(PlanChange::Capacity(hours)));
                }
            }
        })
    };
    let tier_a: Vec<String> = props
        .review
        .accounts
        .iter()
        .filter(|a| a.tier == Tier::A)
        .map(|a| a.account.clone())
        .collect();
    let on_floor = {
        let on_action = props.on_action.clone();
        let tier_a = tier_a.clone();
        Callback::from(move |e: Event| {
            let min = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .and_then(|input| parse_hours(&input.value()));
            on_action.emit(Action::Plan(PlanChange::Floor {
                accounts: tier_a.clone(),
                min,
            }));
        })
    };
    let on_reset = props
        .on_action
        .reform(|_: MouseEvent| Action::Plan(PlanChange::Reset));
    let floor = common_floor(settings, &tier_a);

    // The editor stands outside the table: an account whose estimates give no curve while
    // they are typed leaves the table, not the editor.
    let editor = editing.as_ref().and_then(|name| {
        let account = props.review.accounts.iter().find(|a| &a.account == name)?;
        let estimates = settings
            .estimates
            .get(name)
            .copied()
            .unwrap_or(*settings.defaults.get(account.category));
        let why_not = week
            .unplanned
            .iter()
            .find(|(a, _)| a == name)
            .map(|(_, why)| AttrValue::from(why.clone()));
        let on_close = {
            let editing = editing.clone();
            Callback::from(move |()| editing.set(None))
        };
        Some(html! {
            <EstimatesEditor
                account={name.clone()}
                {estimates}
                own={settings.estimates.contains_key(name)}
                bounds={settings.bounds.get(name).copied().unwrap_or((None, None))}
                {why_not}
                {on_close}
                on_action={props.on_action.clone()}
            />
        })
    });

    let rows = table_rows(&week);
    let shown = rows.iter().take(PLAN_ROWS).map(|a| {
        let name = a.account.clone();
        let open = editing.as_deref() == Some(a.account.as_str());
        let onclick = {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| {
                editing.set(if open { None } else { Some(name.clone()) });
            })
        };
        let own = settings.estimates.contains_key(&a.account);
        let bounds = settings.bounds.get(&a.account).copied();
        html! {
                <tr key={a.account.clone()}>
                    <th scope="row">{ a.account.clone() }</th>
                    <td>{ a.category.label() }</td>
                    <td class="number">{ hours_text(a.current_hours) }</td>
                    <td class="number">{ hours_text(a.recommended_hours) }</td>
                    <td class="number">{ change_text(a.recommended_hours - a.current_hours) }</td>
                    <td class="number">{ money(a.expected_sales) }</td>
                    <td>
                        <button type="button" class="link" aria-expanded={open.to_string()} {onclick}
                            data-account={a.account.clone()}>
                            <span class="visually-hidden">{ format!("Estimates of {}: ", a.account) }</span>
                            { estimates_text(&a.estimates) }
                            if own { { " (yours)" } }
                            if let Some(b) = bounds { { format!(" · {}", bounds_text(b)) } }
                        </button>
                    </td>
                </tr>
        }
    });

    let moves = week.moves.iter().take(MOVES_SHOWN).map(|m| {
        html! {
            <li>{ m.to_string() }</li>
        }
    });
    let categories = category_hours(&week);
    let capacity_text = format!("{}", (settings.capacity * 100.0).round() / 100.0);

    html! {
        <section class="plan" aria-labelledby="plan-title">
            <h3 id="plan-title">{ "Time plan for the week" }</h3>
            <p class="hint">{ "Where next week's hours earn the most: each account's sales answer to time along a curve from four estimates (CALLPLAN), and the plan gives out your hours a quarter hour at a time to the account where the next one returns most." }</p>
            <div class="plan-inputs">
                <div class="field">
                    <label for={CAPACITY_ID}>{ "Hours a week to plan" }</label>
                    <input type="number" id={CAPACITY_ID} min="0" max={MOST_HOURS_A_WEEK.to_string()} step="0.25"
                        value={capacity_text} oninput={on_capacity}
                        aria-invalid={capacity_problem.then_some("true")}
                        aria-describedby={capacity_problem.then_some(CAPACITY_PROBLEM_ID)} />
                    if *capacity_problem {
                        <p class="problem-inline" id={CAPACITY_PROBLEM_ID} role="alert">
                            { format!("A week has 0 to {MOST_HOURS_A_WEEK} hours: the plan keeps {} h.", hours_text(settings.capacity)) }
                        </p>
                    }
                </div>
                if !tier_a.is_empty() {
                    <div class="field">
                        <label for={FLOOR_ID}>{ format!("Minimum hours for each tier A account ({})", tier_a.len()) }</label>
                        <input type="number" id={FLOOR_ID} min="0" step="0.25" placeholder="none"
                            value={floor.map(|f| f.to_string()).unwrap_or_default()} onchange={on_floor} />
                    </div>
                }
                <button type="button" class="secondary" onclick={on_reset}>{ "Reset the plan's settings" }</button>
            </div>
            <p class="headline" aria-live="polite">{ week.headline() }</p>
            <p class="source">{ format!("{}.", props.hours_source) }</p>
            if !week.notes.is_empty() {
                <ul class="notes">
                    { for week.notes.iter().map(|n| html! { <li>{ format!("{n}.") }</li> }) }
                </ul>
            }
            <PlanChart categories={categories.clone()} />
            <table class="accounts-table plan-categories" aria-label="Hours per category">
                <thead><tr>
                    <th scope="col">{ "Category" }</th>
                    <th scope="col">{ "Accounts" }</th>
                    <th scope="col">{ "Hours now" }</th>
                    <th scope="col">{ "Recommended" }</th>
                    <th scope="col">{ "Change" }</th>
                </tr></thead>
                <tbody>
                    { for categories.iter().map(|c| html! {
                        <tr>
                            <th scope="row">{ c.category.label() }</th>
                            <td class="number">{ c.accounts }</td>
                            <td class="number">{ hours_text(c.current) }</td>
                            <td class="number">{ hours_text(c.recommended) }</td>
                            <td class="number">{ change_text(c.recommended - c.current) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h4 id="moves-title">{ "Moves" }</h4>
            if week.moves.is_empty() {
                <p>{ "No hours to move: your week is already where it earns the most." }</p>
            } else {
                <ol class="moves" aria-labelledby="moves-title">{ for moves }</ol>
                if week.moves.len() > MOVES_SHOWN {
                    <p class="note">{ format!("…and {} smaller moves, in the table below and the export's Time plan sheet.", week.moves.len() - MOVES_SHOWN) }</p>
                }
            }
            { for editor }
            <table class="accounts-table plan-accounts" aria-label="Time plan">
                <thead><tr>
                    <th scope="col">{ "Account" }</th>
                    <th scope="col">{ "Category" }</th>
                    <th scope="col">{ "Hours now" }</th>
                    <th scope="col">{ "Recommended" }</th>
                    <th scope="col">{ "Change" }</th>
                    <th scope="col">{ "Expected sales" }</th>
                    <th scope="col">{ "Estimates (no time / half / +50% / saturation)" }</th>
                </tr></thead>
                <tbody>{ for shown }</tbody>
            </table>
            if rows.len() > PLAN_ROWS {
                <p class="note">{ format!("The {PLAN_ROWS} accounts with the largest changes of {}; every account is in the export's Time plan sheet.", rows.len()) }</p>
            }
            if !week.unplanned.is_empty() {
                <h4>{ "Not planned" }</h4>
                <ul class="unplanned">
                    { for week.unplanned.iter().map(|(account, why)| html! { <li>{ format!("{account}: {why}") }</li> }) }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EstimatesEditorProps {
    account: String,
    estimates: Estimates,
    /// The rep set these (else the sheet's or the category's).
    own: bool,
    bounds: (Option<f64>, Option<f64>),
    /// Why the estimates give no curve, while they do not.
    why_not: Option<AttrValue>,
    on_close: Callback<()>,
    on_action: Callback<Action>,
}

/// What-if on one account: its four estimates in percent of today's sales, and its bounds.
#[component]
fn EstimatesEditor(props: &EstimatesEditorProps) -> Html {
    let inputs = Estimate::ALL.iter().map(|&which| {
        let id = format!("estimate-{}", which.key());
        let account = props.account.clone();
        let from = props.estimates;
        let oninput = props.on_action.reform(move |e: InputEvent| {
            let value = typed_number(&e).map_or(f64::NAN, |v| v / 100.0);
            Action::Plan(PlanChange::Estimate {
                account: account.clone(),
                from,
                which,
                value,
            })
        });
        let shown = percent_text(props.estimates.get(which));
        html! {
            <div class="field">
                <label for={id.clone()}>{ capitalised(which.label()) }</label>
                <span class="input-unit">
                    <input type="number" id={id} step="any" value={shown} {oninput} />
                    <span aria-hidden="true">{ "%" }</span>
                </span>
            </div>
        }
    });
    let bound = |is_min: bool| {
        let account = props.account.clone();
        let (min, max) = props.bounds;
        props.on_action.reform(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .and_then(|input| parse_hours(&input.value()));
            let (min, max) = if is_min { (value, max) } else { (min, value) };
            Action::Plan(PlanChange::Bounds {
                account: account.clone(),
                min,
                max,
            })
        })
    };
    let account = props.account.clone();
    let on_reset = props.on_action.reform(move |_: MouseEvent| {
        Action::Plan(PlanChange::ResetEstimates {
            account: account.clone(),
        })
    });
    let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let on_keydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    html! {
        <div class="estimates-editor" role="group" aria-labelledby={EDITOR_TITLE_ID} onkeydown={on_keydown}>
            <div class="detail-head">
                <h4 id={EDITOR_TITLE_ID} tabindex="-1">{ format!("What if: {}", props.account) }</h4>
                <button type="button" class="secondary" onclick={on_close}>{ "Close what-if" }</button>
            </div>
            if let Some(why) = &props.why_not {
                <p class="problem-inline" role="alert">{ format!("Not planned: {why}.") }</p>
            }
            <p class="hint">{ "Sales in percent of today's, with no time, half today's time, 50% more, and all the time the account could absorb. The plan follows as you type." }</p>
            <div class="estimate-inputs">{ for inputs }</div>
            <div class="estimate-inputs">
                <div class="field">
                    <label for="bound-min">{ "Fewest hours a week" }</label>
                    <input type="number" id="bound-min" min="0" step="0.25" placeholder="none" value={text(props.bounds.0)} onchange={bound(true)} />
                </div>
                <div class="field">
                    <label for="bound-max">{ "Most hours a week" }</label>
                    <input type="number" id="bound-max" min="0" step="0.25" placeholder="none" value={text(props.bounds.1)} onchange={bound(false)} />
                </div>
            </div>
            if props.own {
                <button type="button" class="secondary" onclick={on_reset}>{ "Back to the default estimates" }</button>
            }
        </div>
    }
}

/// Hours now and recommended for one category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryHours {
    pub category: Category,
    pub accounts: usize,
    pub current: f64,
    pub recommended: f64,
}

/// Per category, the hours of the planned accounts today and in the plan.
pub fn category_hours(plan: &Plan) -> Vec<CategoryHours> {
    Category::ALL
        .iter()
        .map(|&category| {
            let of: Vec<&PlanAccount> = plan
                .accounts
                .iter()
                .filter(|a| a.category == category)
                .collect();
            CategoryHours {
                category,
                accounts: of.len(),
                current: of.iter().map(|a| a.current_hours).sum(),
                recommended: of.iter().map(|a| a.recommended_hours).sum(),
            }
        })
        .collect()
}

/// The accounts of the plan, the largest change first (then by name, for a stable table).
pub fn table_rows(plan: &Plan) -> Vec<&PlanAccount> {
    let mut rows: Vec<&PlanAccount> = plan.accounts.iter().collect();
    rows.sort_by(|a, b| {
        let change = |p: &PlanAccount| (p.recommended_hours - p.current_hours).abs();
        change(b)
            .total_cmp(&change(a))
            .then_with(|| a.account.cmp(&b.account))
    });
    rows
}

/// "60 / 86 / 109 / 160%".
pub fn estimates_text(e: &Estimates) -> String {
    format!(
        "{} / {} / {} / {}%",
        percent_text(e.none),
        percent_text(e.half),
        percent_text(e.more),
        percent_text(e.saturation)
    )
}

/// "2–6 h a week", "at least 2 h", "at most 6 h".
pub fn bounds_text((min, max): (Option<f64>, Option<f64>)) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{}–{} h a week", hours_text(lo), hours_text(hi)),
        (Some(lo), None) => format!("at least {} h", hours_text(lo)),
        (None, Some(hi)) => format!("at most {} h", hours_text(hi)),
        (None, None) => String::new(),
    }
}

/// The minimum every one of `accounts` has, when they all have the same one.
fn common_floor(settings: &PlanSettings, accounts: &[String]) -> Option<f64> {
    let mut mins = accounts
        .iter()
        .map(|a| settings.bounds.get(a).and_then(|(min, _)| *min));
    let first = mins.next()??;
    mins.all(|m| m == Some(first)).then_some(first)
}

/// The button of the plan table that opens `account`'s what-if.
fn estimates_button(document: &web_sys::Document, account: &str) -> Option<web_sys::Element> {
    let buttons = document
        .query_selector_all("table.plan-accounts button[data-account]")
        .ok()?;
    (0..buttons.length())
        .filter_map(|i| buttons.get(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|b| b.get_attribute("data-account").as_deref() == Some(account))
}

/// Hours typed in a bound's box: blank is no bound.
fn parse_hours(text: &str) -> Option<f64> {
    let value: f64 = text.trim().replace(',', ".").parse().ok()?;
    value.is_finite().then_some(value)
}

fn typed_number(e: &InputEvent) -> Option<f64> {
    e.target_dyn_into::<web_sys::HtmlInputElement>()
        .and_then(|input| parse_hours(&input.value()))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Properties, PartialEq)]
struct PlanChartProps {
    categories: Vec<CategoryHours>,
}

const VIEW_WIDTH: f64 = 520.0;
const BAR_X: f64 = 96.0;
const BAR_MAX: f64 = 240.0;
const BAR_HEIGHT: f64 = 14.0;
const BAR_GAP: f64 = 4.0;
const GROUP_HEIGHT: f64 = 2.0 * BAR_HEIGHT + BAR_GAP + 16.0;

/// Hours now against recommended, per category, as bars on one scale.
#[component]
fn PlanChart(props: &PlanChartProps) -> Html {
    let most = props
        .categories
        .iter()
        .flat_map(|c| [c.current, c.recommended])
        .fold(0.0_f64, f64::max);
    let width = |h: f64| {
        if most > 0.0 {
            format!("{:.1}", h / most * BAR_MAX)
        } else {
            "0".into()
        }
    };
    let groups = props.categories.iter().enumerate().map(|(i, c)| {
        let top = 4.0 + i as f64 * GROUP_HEIGHT;
        let bar = |y: f64, h: f64, class: &'static str, label: String| {
            html! {
                <>
                    <rect class={classes!(class, format!("cat-{}", c.category.key().replace('_', "-")))}
                        x={format!("{BAR_X}")} y={format!("{y:.1}")} width={width(h)} height={format!("{BAR_HEIGHT}")} />
                    <text class="bar-label" x={format!("{}", BAR_X + BAR_MAX + 8.0)} y={format!("{:.1}", y + BAR_HEIGHT / 2.0)} dominant-baseline="middle">{ label }</text>
                </>
            }
        };
        html! {
            <g key={c.category.key()}>
                <text class="chart-label" x="0" y={format!("{:.1}", top + BAR_HEIGHT + BAR_GAP / 2.0)} dominant-baseline="middle">{ c.category.label() }</text>
                { bar(top, c.current, "bar-time", format!("{} h now", hours_text(c.current))) }
                { bar(top + BAR_HEIGHT + BAR_GAP, c.recommended, "bar-value", format!("{} h planned", hours_text(c.recommended))) }
            </g>
        }
    });
    let height = 8.0 + 3.0 * GROUP_HEIGHT - 16.0;
    html! {
        <figure class="time-chart">
            <figcaption>{ "Hours now and in the plan" }</figcaption>
            <svg viewBox={format!("0 0 {VIEW_WIDTH} {height}")} role="img" aria-label={chart_description(&props.categories)}>
                { for groups }
            </svg>
        </figure>
    }
}

/// Every number of the plan chart in one sentence, for screen readers.
pub fn chart_description(categories: &[CategoryHours]) -> String {
    let parts: Vec<String> = categories
        .iter()
        .map(|c| {
            format!(
                "{}: {} h now, {} h planned",
                c.category.label(),
                hours_text(c.current),
                hours_text(c.recommended)
            )
        })
        .collect();
    format!("{}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use account_lens_engine::{analyze, Account, Dataset, Settings};

    fn week() -> Plan {
        let account = |name: &str, sales: f64, hours: f64, prior: f64| Account {
            name: name.into(),
            prior_sales: Some(prior),
            current_sales: Some(sales),
            margin: Some(0.3),
            hours: Some(hours),
            ..Account::default()
        };
        let dataset = Dataset {
            accounts: vec![
                account("Harbor", 400_000.0, 2.0, 390_000.0),
                account("Bistro", 10_000.0, 8.0, 10_000.0),
                account("Summit", 80_000.0, 4.0, 60_000.0),
            ],
            ..Dataset::default()
        };
        let review = analyze(&dataset, &Settings::default());
        plan(
            &review,
            &PlanSettings {
                capacity: 14.0,
                ..PlanSettings::default()
            },
        )
    }

    #[test]
    fn categories_add_up_to_the_plan_and_the_sentence_says_so() {
        let week = week();
        let categories = category_hours(&week);
        let now: f64 = categories.iter().map(|c| c.current).sum();
        let planned: f64 = categories.iter().map(|c| c.recommended).sum();
        assert_eq!(now, 14.0);
        assert_eq!(planned, 14.0);
        assert_eq!(categories.iter().map(|c| c.accounts).sum::<usize>(), 3);
        let sentence = chart_description(&categories);
        assert!(sentence.starts_with("Grow: "), "{sentence}");
        assert!(sentence.contains(" h now, "), "{sentence}");
    }

    #[test]
    fn the_table_puts_the_largest_change_first() {
        let week = week();
        let rows = table_rows(&week);
        let change = |a: &PlanAccount| (a.recommended_hours - a.current_hours).abs();
        assert!(rows.windows(2).all(|w| change(w[0]) >= change(w[1])));
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn estimates_and_bounds_read_as_a_rep_types_them() {
        let e = Estimates {
            none: 0.6,
            half: 0.86,
            more: 1.09,
            saturation: 1.6,
        };
        assert_eq!(estimates_text(&e), "60 / 86 / 109 / 160%");
        assert_eq!(bounds_text((Some(2.0), Some(6.0))), "2–6 h a week");
        assert_eq!(bounds_text((Some(1.5), None)), "at least 1.5 h");
        assert_eq!(bounds_text((None, Some(6.0))), "at most 6 h");
        assert_eq!(parse_hours(" 2,5 "), Some(2.5));
        assert_eq!(parse_hours(""), None);
        assert_eq!(capitalised("sales with no time"), "Sales with no time");
    }

    #[test]
    fn a_floor_is_common_only_when_every_account_has_it() {
        let mut settings = PlanSettings::default();
        let accounts = vec!["A".to_string(), "B".to_string()];
        assert_eq!(common_floor(&settings, &accounts), None);
        settings.bounds.insert("A".into(), (Some(2.0), None));
        assert_eq!(common_floor(&settings, &accounts), None);
        settings.bounds.insert("B".into(), (Some(2.0), Some(5.0)));
        assert_eq!(common_floor(&settings, &accounts), Some(2.0));
    }
}
