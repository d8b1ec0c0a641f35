use account_lens_engine::{name_key, Date, NextAction};
use yew::prelude::*;

use crate::state::{parse_date, Action, ActionChange};

#[derive(Properties, PartialEq)]
pub struct NextActionsProps {
    /// Every next action, in the order they were added (indexes refer to it).
    pub actions: Vec<NextAction>,
    /// Only this account's, with a form to add one; else every account's.
    #[prop_or_default]
    pub account: Option<AttrValue>,
    pub today: Date,
    /// Makes the ids of the form's fields unique on the page.
    pub id_prefix: AttrValue,
    pub on_action: Callback<Action>,
}

/// The rep's next actions: open ones first (soonest due first), each ticked off with a
/// checkbox; for one account, a form to add one (what to do, and by when).
#[component]
pub fn NextActions(props: &NextActionsProps) -> Html {
    let text = use_node_ref();
    let due = use_node_ref();
    let problem = use_state(|| None::<&'static str>);
    let id = |field: &str| format!("{}-{field}", props.id_prefix);

    let mine: Vec<(usize, &NextAction)> = props
        .actions
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            props
                .account
                .as_ref()
                .is_none_or(|name| same(&a.account, name))
        })
        .collect();
    let mut open: Vec<(usize, &NextAction)> =
        mine.iter().copied().filter(|(_, a)| !a.done).collect();
    open.sort_by_key(|(i, a)| (a.due.is_none(), a.due, *i));
    let done: Vec<(usize, &NextAction)> = mine.iter().copied().filter(|(_, a)| a.done).collect();

    let item = |&(index, a): &(usize, &NextAction)| {
        let on_toggle = props.on_action.reform(move |e: Event| {
            let done = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|input| input.checked());
            Action::NextAction(ActionChange::Done { index, done })
        });
        let on_remove = props
            .on_action
            .reform(move |_: MouseEvent| Action::NextAction(ActionChange::Remove { index }));
        let overdue = !a.done && a.due.is_some_and(|d| d < props.today);
        let check_id = format!("{}-done-{index}", props.id_prefix);
        let who = if props.account.is_some() {
            String::new()
        } else {
            format!("{}: ", a.account)
        };
        html! {
            <li key={index} class={classes!(a.done.then_some("done"))}>
                <input type="checkbox" id={check_id.clone()} checked={a.done} onchange={on_toggle} />
                <label for={check_id}>
                    { format!("{who}{}", a.text) }
                    if let Some(due) = a.due {
                        <span class={classes!("due", overdue.then_some("overdue"))}>
                            { if overdue { format!(" — due {due}, overdue") } else { format!(" — due {due}") } }
                        </span>
                    }
                </label>
                <button type="button" class="secondary small" onclick={on_remove}
                    aria-label={format!("Remove the next action “{}” for {}", a.text, a.account)}>
                    { "Remove" }
                </button>
            </li>
        }
    };

    let form = props.account.as_ref().map(|account| {
        let onsubmit = {
            let (text, due, problem) = (text.clone(), due.clone(), problem.clone());
            let account = account.to_string();
            let on_action = props.on_action.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let value = |r: &NodeRef| {
                    r.cast::<web_sys::HtmlInputElement>()
                        .map(|i| i.value())
                        .unwrap_or_default()
                };
                let typed = value(&text);
                if typed.trim().is_empty() {
                    problem.set(Some(
                        "Write what you will do next, e.g. “Call about the renewal”.",
                    ));
                    return;
                }
                let when = value(&due);
                let due_date = parse_date(&when);
                if !when.trim().is_empty() && due_date.is_none() {
                    problem.set(Some("Pick the date it is due, or leave it empty."));
                    return;
                }
                problem.set(None);
                on_action.emit(Action::NextAction(ActionChange::Add {
                    account: account.clone(),
                    text: typed,
                    due: due_date,
                }));
                for field in [&text, &due] {
                    if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                        input.set_value("");
                    }
                }
            })
        };
        html! {
            <form class="action-form" {onsubmit} aria-label={format!("Next action for {account}")}>
                <div class="field grow">
                    <label for={id("text")}>{ "Next action" }</label>
                    <input id={id("text")} ref={text.clone()} autocomplete="off"
                        placeholder="Call about the renewal, send the quote…" />
                </div>
                <div class="field">
                    <label for={id("due")}>{ "Due" }</label>
                    <input id={id("due")} ref={due.clone()} type="date" />
                </div>
                <button type="submit" class="secondary">{ "Add next action" }</button>
                if let Some(message) = *problem {
                    <p class="problem-inline" role="alert">{ message }</p>
                }
            </form>
        }
    });

    let list_label = match &props.account {
        Some(name) => format!("Next actions for {name}"),
        None => "Next actions".to_string(),
    };
    html! {
        <div class="next-actions">
            if open.is_empty() {
                <p>{ if props.account.is_some() { "No open next action for this account." } else { "No open next actions. Add one from an account's detail." } }</p>
            } else {
                <ul class="actions-list" aria-label={list_label.clone()}>{ for open.iter().map(item) }</ul>
            }
            if !done.is_empty() {
                <details>
                    <summary>{ format!("Done ({})", done.len()) }</summary>
                    <ul class="actions-list" aria-label={format!("{list_label}, done")}>{ for done.iter().map(item) }</ul>
                </details>
            }
            { for form }
        </div>
    }
}

/// Names as the review and the actions spell them, case and surrounding spaces aside (as the
/// checklist matches them).
fn same(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}
