use std::rc::Rc;

use account_lens_engine::format::{hours, money, percent};
use account_lens_engine::{AccountReview, Category, Date, NextAction, TimeEntry, ValueBasis};
use yew::prelude::*;

use super::{or_dash, AccountProducts, Draft, LogForm, NextActions};
use crate::products::Products;
use crate::state::{hours_text, Action, Shared};

/// Entries of the activity history shown, the newest first.
pub const HISTORY_SHOWN: usize = 10;

const OVERRIDE_ID: &str = "category-override";
const NOTE_ID: &str = "account-note";
/// The value of "As the rules say" in the override list.
const RULES: &str = "rules";

#[derive(Properties, PartialEq)]
pub struct AccountDetailProps {
    pub account: AccountReview,
    /// What the rep's sheet says of it: "Segment: Retail", "Notes in your sheet: …".
    #[prop_or_default]
    pub from_sheet: Vec<AttrValue>,
    /// The user's note as typed (the review trims it).
    pub note: AttrValue,
    pub value_basis: ValueBasis,
    /// The account's time log, the newest first.
    #[prop_or_default]
    pub history: Vec<TimeEntry>,
    /// The workbook's accounts (for the log form).
    pub names: Rc<Vec<String>>,
    pub today: Date,
    /// Every next action (the account's are shown, with a form to add one).
    #[prop_or_default]
    pub actions: Vec<NextAction>,
    /// The workbook's products analysis, when it has one.
    #[prop_or_default]
    pub products: Option<Shared<Products>>,
    pub on_action: Callback<Action>,
}

/// One account: its numbers, why it stands where it does, and the user's own word on it — a
/// category override and a note, both kept and written into the export.
#[component]
pub fn AccountDetail(props: &AccountDetailProps) -> Html {
    let a = &props.account;
    let heading = use_node_ref();
    {
        // Opening an account takes the user to it.
        let heading = heading.clone();
        use_effect_with(a.account.clone(), move |_| {
            if let Some(heading) = heading.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }

    // An offer picked to plan an activity for fills the log form below.
    let draft = use_state(|| None::<Draft>);
    {
        // Another account's detail starts with an empty form.
        let draft = draft.clone();
        use_effect_with(a.account.clone(), move |_| draft.set(None));
    }
    let on_plan = {
        let draft = draft.clone();
        Callback::from(move |offer: account_lens_engine::Suggestion| {
            let stamp = draft.as_ref().map_or(0, |d| d.stamp.wrapping_add(1));
            draft.set(Some(Draft::of(&offer, stamp)));
        })
    };

    let name = a.account.clone();
    let on_override = props.on_action.reform(move |e: Event| {
        let value = e
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|select| select.value())
            .unwrap_or_default();
        Action::Override {
            account: name.clone(),
            category: Category::parse(&value),
        }
    });
    let name = a.account.clone();
    let on_note = props.on_action.reform(move |e: InputEvent| Action::Note {
        account: name.clone(),
        note: e
            .target_dyn_into::<web_sys::HtmlTextAreaElement>()
            .map(|area| area.value())
            .unwrap_or_default(),
    });
    let on_close = props.on_action.reform(|_: MouseEvent| Action::Select(None));
    let on_keydown = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_action.emit(Action::Select(None));
            }
        })
    };

    let chosen = a.rules_category.map(|_| a.category);
    let option = |value: &'static str, label: &'static str, selected: bool| {
        html! { <option {value} {selected}>{ label }</option> }
    };
    let flags: Vec<&str> = a.flags.iter().map(|f| f.label()).collect();
    let value = props.value_basis.label();

    html! {
        <section class="account-detail" aria-label="Account detail" onkeydown={on_keydown}>
            <div class="detail-head">
                <h3 tabindex="-1" ref={heading}>{ a.account.clone() }</h3>
                <button type="button" class="secondary" onclick={on_close}>{ "Close detail" }</button>
            </div>
            <p class="detail-category">
                <span class={classes!("badge", a.category.key())}>{ a.category.label() }</span>
                if let Some(rules) = a.rules_category {
                    { format!(" your call; the rules say {}", rules.label()) }
                }
                { format!(" · tier {}", a.tier.label()) }
                if !flags.is_empty() {
                    { format!(" · {}", flags.join(", ")) }
                }
            </p>
            <p class="reason">{ a.reason.to_string() }</p>
            if !props.from_sheet.is_empty() {
                <ul class="from-sheet">
                    { for props.from_sheet.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
                </ul>
            }
            <dl class="numbers">
                <div><dt>{ "Prior year" }</dt><dd>{ or_dash(a.prior_sales, money) }</dd></div>
                <div><dt>{ "Current year" }</dt><dd>{ or_dash(a.current_sales, money) }</dd></div>
                <div><dt>{ "Projected" }</dt><dd>{ or_dash(a.projected_sales, money) }</dd></div>
                <div><dt>{ "Growth" }</dt><dd>{ or_dash(a.growth, percent) }</dd></div>
                <div><dt>{ "Potential" }</dt><dd>{ or_dash(a.potential, money) }</dd></div>
                <div><dt>{ "Upside" }</dt><dd>{ or_dash(a.upside, money) }</dd></div>
                <div><dt>{ "Est. deterioration" }</dt><dd>{ or_dash(a.deterioration, money) }</dd></div>
                <div><dt>{ "Margin" }</dt><dd>{ or_dash(a.margin, percent) }</dd></div>
                <div><dt>{ "Gross profit" }</dt><dd>{ or_dash(a.gross_profit, money) }</dd></div>
                <div><dt>{ "Hours" }</dt><dd>{ or_dash(a.hours, hours) }</dd></div>
                <div><dt>{ "Time share" }</dt><dd>{ or_dash(a.time_share, percent) }</dd></div>
                <div><dt>{ format!("Value share ({value})") }</dt><dd>{ or_dash(a.value_share, percent) }</dd></div>
            </dl>
            <div class="your-word">
                <div class="field">
                    <label for={OVERRIDE_ID}>{ "Category override" }</label>
                    <select id={OVERRIDE_ID} onchange={on_override}>
                        { option(RULES, "As the rules say", chosen.is_none()) }
                        { for Category::ALL.iter().map(|&c| option(c.key(), c.label(), chosen == Some(c))) }
                    </select>
                </div>
                <div class="field">
                    <label for={NOTE_ID}>{ "Note" }</label>
                    <textarea id={NOTE_ID} rows="3" value={props.note.clone()} oninput={on_note}
                        placeholder="Next step, who to call, why you decided otherwise" />
                </div>
                <p class="hint">{ "Your category and note are kept in this browser and written into the exported workbook." }</p>
            </div>
            <h4 id="account-actions-title">{ "Next actions" }</h4>
            <NextActions actions={props.actions.clone()} account={AttrValue::from(a.account.clone())}
                today={props.today} id_prefix="detail-action" on_action={props.on_action.clone()} />
            <h4 id="history-title">{ "Activity" }</h4>
            if props.history.is_empty() {
                <p>{ "No time logged for this account yet." }</p>
            } else {
                <ul class="history" aria-labelledby="history-title">
                    { for props.history.iter().take(HISTORY_SHOWN).map(|e| html! {
                        <li>{ history_line(e) }</li>
                    }) }
                </ul>
                if props.history.len() > HISTORY_SHOWN {
                    <p class="note">{ format!("{} more in the Time log.", props.history.len() - HISTORY_SHOWN) }</p>
                }
            }
            if let Some(products) = &props.products {
                <AccountProducts account={AttrValue::from(a.account.clone())} products={products.clone()} {on_plan} />
            }
            if let Some(d) = &*draft {
                <p class="note" role="status">
                    { format!("The log form below is filled for the offer of {}: set the date and hours, then Log time.", d.product) }
                </p>
            }
            <LogForm id_prefix="detail-log" account={AttrValue::from(a.account.clone())}
                names={props.names.clone()} today={props.today} draft={(*draft).clone()}
                on_action={props.on_action.clone()} />
        </section>
    }
}

/// "2026-11-30 · Visit · 1.5 h · new range".
pub fn history_line(e: &TimeEntry) -> String {
    let mut line = format!(
        "{} · {} · {} h",
        e.date,
        e.activity.label(),
        hours_text(e.hours)
    );
    if !e.note.is_empty() {
        line.push_str(" · ");
        line.push_str(&e.note);
    }
    line
}
