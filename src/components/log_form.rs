use std::rc::Rc;

use account_lens_engine::{Activity, Date, TimeEntry};
use yew::prelude::*;

use super::Draft;
use crate::state::{parse_date, valid_hours, Action, TimeChange};

#[derive(Properties, PartialEq)]
pub struct LogFormProps {
    /// Makes the ids of the form's fields unique on the page.
    pub id_prefix: AttrValue,
    /// The account the time is for, when the form is an account's own; else the user types or
    /// picks it.
    #[prop_or_default]
    pub account: Option<AttrValue>,
    /// The accounts of the workbook, to match what is typed (case ignored) and to offer.
    pub names: Rc<Vec<String>>,
    /// The date the form starts with.
    pub today: Date,
    /// An entry begun elsewhere (an offer to make): its activity and note fill the form, and
    /// the hours field takes the focus.
    #[prop_or_default]
    pub draft: Option<Draft>,
    pub on_action: Callback<Action>,
}

/// Logs time in a few keystrokes: account, date, hours, activity and a note, Enter to log.
/// The account and date stay for the next entry; hours and note are cleared.
#[component]
pub fn LogForm(props: &LogFormProps) -> Html {
    let account = use_node_ref();
    let date = use_node_ref();
    let hours = use_node_ref();
    let activity = use_node_ref();
    let note = use_node_ref();
    let problem = use_state(|| None::<String>);
    let id = |field: &str| format!("{}-{field}", props.id_prefix);
    {
        let (activity, note, hours) = (activity.clone(), note.clone(), hours.clone());
        use_effect_with(props.draft.clone(), move |draft| {
            if let Some(draft) = draft {
                if let Some(select) = activity.cast::<web_sys::HtmlSelectElement>() {
                    select.set_value(draft.activity.key());
                }
                if let Some(input) = note.cast::<web_sys::HtmlInputElement>() {
                    input.set_value(&draft.note);
                }
                if let Some(input) = hours.cast::<web_sys::HtmlInputElement>() {
                    let _ = input.focus();
                }
            }
        });
    }

    let onsubmit = {
        let (account, date, hours, activity, note) = (
            account.clone(),
            date.clone(),
            hours.clone(),
            activity.clone(),
            note.clone(),
        );
        let fixed = props.account.clone();
        let names = props.names.clone();
        let on_action = props.on_action.clone();
        let problem = problem.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<web_sys::HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let typed = match &fixed {
                Some(name) => name.to_string(),
                None => value(&account),
            };
            let chosen = activity
                .cast::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let entry = entry_of(
                &typed,
                &value(&date),
                &value(&hours),
                &chosen,
                &value(&note),
                &names,
            );
            match entry {
                Ok(entry) => {
                    problem.set(None);
                    on_action.emit(Action::Time(TimeChange::Log(entry)));
                    for field in [&hours, &note] {
                        if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                            input.set_value("");
                        }
                    }
                    let next = if fixed.is_some() { &hours } else { &account };
                    if let Some(input) = next.cast::<web_sys::HtmlInputElement>() {
                        let _ = input.focus();
                    }
                }
                Err(message) => problem.set(Some(message)),
            }
        })
    };

    let list = format!("{}-names", props.id_prefix);
    html! {
        <form class="log-form" {onsubmit} aria-label={match &props.account {
            Some(name) => format!("Log time for {name}"),
            None => "Log time".to_string(),
        }}>
            if props.account.is_none() {
                <div class="field">
                    <label for={id("account")}>{ "Account" }</label>
                    <input id={id("account")} ref={account} list={list.clone()} autocomplete="off" required=true />
                    <datalist id={list}>
                        { for props.names.iter().map(|n| html! { <option value={n.clone()} /> }) }
                    </datalist>
                </div>
            }
            <div class="field">
                <label for={id("date")}>{ "Date" }</label>
                <input id={id("date")} ref={date} type="date" value={props.today.to_string()} required=true />
            </div>
            <div class="field">
                <label for={id("hours")}>{ "Hours" }</label>
                <input id={id("hours")} ref={hours} type="number" min="0.25" max="24" step="0.25" inputmode="decimal" required=true />
            </div>
            <div class="field">
                <label for={id("activity")}>{ "Activity" }</label>
                <select id={id("activity")} ref={activity}>
                    // Marked, not left to the browser: options may be inserted last first.
                    { for Activity::ALL.iter().map(|&a| html! { <option value={a.key()} selected={a == Activity::Visit}>{ a.label() }</option> }) }
                </select>
            </div>
            <div class="field grow">
                <label for={id("note")}>{ "Note on the entry" }</label>
                <input id={id("note")} ref={note} autocomplete="off" />
            </div>
            <button type="submit" class="primary">{ "Log time" }</button>
            if let Some(message) = &*problem {
                <p class="problem-inline" role="alert">{ message.clone() }</p>
            }
        </form>
    }
}

/// The entry the form's fields make, or what to fix, in the user's words.
///
/// # Errors
/// An account not in the workbook, a date that is not one, hours that are not between a
/// quarter hour and a day.
pub fn entry_of(
    account: &str,
    date: &str,
    hours: &str,
    activity: &str,
    note: &str,
    names: &[String],
) -> Result<TimeEntry, String> {
    let typed = account.trim();
    if typed.is_empty() {
        return Err("Type or pick the account the time was for.".into());
    }
    let wanted = typed.to_lowercase();
    let Some(name) = names.iter().find(|n| n.trim().to_lowercase() == wanted) else {
        return Err(format!(
            "“{typed}” is not an account of this workbook: pick one from the list."
        ));
    };
    let Some(date) = parse_date(date) else {
        return Err("Pick the date the time was spent.".into());
    };
    let hours: f64 = hours.trim().replace(',', ".").parse().unwrap_or(f64::NAN);
    if !valid_hours(hours) {
        return Err("Hours are a number from 0.25 to 24, e.g. 1.5 for an hour and a half.".into());
    }
    Ok(TimeEntry {
        date,
        account: name.clone(),
        hours,
        activity: Activity::parse(activity),
        note: note.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        vec!["Northwind Traders".into(), "Summit Clinics".into()]
    }

    #[test]
    fn an_entry_takes_the_workbooks_spelling_of_the_account() {
        let entry = entry_of(
            " northwind traders ",
            "2026-11-30",
            "1,5",
            "vendor_training",
            " new range ",
            &names(),
        );
        assert_eq!(
            entry,
            Ok(TimeEntry {
                date: Date::from_ymd(2026, 11, 30)
                    .unwrap_or_else(|| Date::from_days_since_epoch(0)),
                account: "Northwind Traders".into(),
                hours: 1.5,
                activity: Activity::VendorTraining,
                note: "new range".into(),
            })
        );
    }

    #[test]
    fn every_mistake_says_what_to_fix() {
        let n = names();
        let err = |a: &str, d: &str, h: &str| entry_of(a, d, h, "call", "", &n).err();
        assert_eq!(
            err("", "2026-11-30", "1").as_deref(),
            Some("Type or pick the account the time was for.")
        );
        assert_eq!(
            err("Nortwind", "2026-11-30", "1").as_deref(),
            Some("“Nortwind” is not an account of this workbook: pick one from the list.")
        );
        assert_eq!(
            err("Summit Clinics", "", "1").as_deref(),
            Some("Pick the date the time was spent.")
        );
        for hours in ["", "0", "25", "abc"] {
            assert!(err("Summit Clinics", "2026-11-30", hours)
                .is_some_and(|m| m.starts_with("Hours are a number")));
        }
    }
}
