use yew::prelude::*;

use std::rc::Rc;

use account_lens_engine::{activity_history, HoursSource};

use super::{
    picked_file, AccountDetail, AccountsTable, Categories, DropZone, Notice, PlanView, Problem,
    ProductsView, ReadingPanel, SettingsPanel, TimeChart, TimeLogView, Totals, WeeksView,
};
use crate::app::Command;
use crate::state::{Action, Open, Section, Shared};
use crate::table_view::TableView;

const REPICK_ID: &str = "repick-file";

#[derive(Properties, PartialEq)]
pub struct ReviewScreenProps {
    pub open: Open,
    pub section: Section,
    pub view: TableView,
    /// The account whose detail is open.
    pub selected: Option<AttrValue>,
    pub problem: Option<AttrValue>,
    /// A workbook is being read or exported: the actions wait.
    pub busy: bool,
    /// The page was reloaded since the file was read: exporting asks for it again.
    pub needs_file: bool,
    pub not_saved: Option<AttrValue>,
    pub restore_notice: Option<AttrValue>,
    pub on_action: Callback<Action>,
    pub on_command: Callback<Command>,
}

/// The review of one workbook: what to do with it, and its three sections.
#[component]
pub fn ReviewScreen(props: &ReviewScreenProps) -> Html {
    let title = use_node_ref();
    {
        // Move focus to a newly read workbook, so keyboard and screen-reader users land on it.
        let title = title.clone();
        use_effect_with(props.open.saved.dataset.clone(), move |_| {
            if let Some(heading) = title.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }
    let repick = use_node_ref();

    let saved = &props.open.saved;
    let review = &props.open.review;
    let source = &saved.source;
    let hours_source = AttrValue::from(props.open.hours.describe());
    // The account names for the log forms, once per review (not copied on every render).
    let names: Rc<Vec<String>> = use_memo(review.clone(), |review| {
        review
            .accounts
            .iter()
            .map(|a| a.account.clone())
            .collect::<Vec<_>>()
    });
    let on_export = {
        let on_command = props.on_command.clone();
        let repick = repick.clone();
        let needs_file = props.needs_file;
        Callback::from(move |_: MouseEvent| {
            if needs_file {
                // Still within the click: the browser opens its file picker.
                if let Some(input) = repick.cast::<web_sys::HtmlInputElement>() {
                    input.click();
                }
            } else {
                on_command.emit(Command::Export);
            }
        })
    };
    let on_repicked = props.on_command.reform(|e: Event| match picked_file(&e) {
        Some(file) => Command::ExportFile(file),
        None => Command::Export,
    });
    let on_clear = props.on_command.reform(|_: MouseEvent| Command::Clear);
    let on_save_week = props.on_action.reform(|_: MouseEvent| Action::SaveWeek);
    // When the browser is full, the rep may keep the newer half of the weeks (after exporting
    // them all).
    let keep = (saved.history.len() / 2).max(1);
    let on_make_room = props
        .on_action
        .reform(move |_: MouseEvent| Action::TrimHistory { keep });
    let this_week = props.open.today.iso_week();
    let week_label = format!("{}-W{:02}", this_week.0, this_week.1);
    let this_week_saved = saved
        .history
        .iter()
        .any(|s| (s.iso_year, s.week) == this_week);
    let on_file = props.on_command.reform(Command::ImportFile);

    let nav = Section::ALL.iter().map(|&section| {
        let current = section == props.section;
        let onclick = props.on_action.reform(move |_: MouseEvent| Action::Section(section));
        html! {
            <li>
                <button type="button" aria-current={current.then_some("page")} class={classes!(current.then_some("current"))} {onclick}>
                    { section.label() }
                </button>
            </li>
        }
    });

    let body = match props.section {
        Section::Review => {
            let detail = props.selected.as_ref().and_then(|name| {
                review
                    .accounts
                    .iter()
                    .find(|a| a.account == name.as_str())
                    .cloned()
            });
            html! {
                <div data-screen="review">
                    <Totals review={review.clone()} projection={saved.dataset.projection.clone()} />
                    <Categories review={review.clone()} />
                    <TimeChart summary={review.summary.clone()} value_basis={review.value_basis} />
                    if let Some(account) = detail {
                        <AccountDetail
                            from_sheet={from_sheet(saved, &account.account)}
                            history={activity_history(&props.open.log, &account.account).into_iter().cloned().collect::<Vec<_>>()}
                            names={names.clone()}
                            today={props.open.today}
                            products={saved.products.clone().map(Shared::from)}
                            actions={saved.actions.clone()}
                            note={saved.overrides.get(&account.account).map(|o| AttrValue::from(o.note.clone())).unwrap_or_default()}
                            account={account}
                            value_basis={review.value_basis}
                            on_action={props.on_action.clone()}
                        />
                    }
                    <AccountsTable
                        review={review.clone()}
                        view={props.view.clone()}
                        selected={props.selected.clone()}
                        on_action={props.on_action.clone()}
                    />
                </div>
            }
        }
        Section::Plan => html! {
            <div data-screen="plan">
                <PlanView
                    review={review.clone()}
                    settings={props.open.plan_settings.clone()}
                    hours_source={hours_source.clone()}
                    on_action={props.on_action.clone()}
                />
            </div>
        },
        Section::TimeLog => html! {
            <div data-screen="time-log">
                <TimeLogView
                    saved={saved.clone()}
                    log={props.open.log.clone()}
                    names={names.clone()}
                    today={props.open.today}
                    hours_source={hours_source.clone()}
                    busy={props.busy}
                    on_action={props.on_action.clone()}
                    on_command={props.on_command.clone()}
                />
            </div>
        },
        Section::Weeks => html! {
            <div data-screen="weeks">
                <WeeksView open={props.open.clone()} busy={props.busy}
                    on_action={props.on_action.clone()} on_command={props.on_command.clone()} />
            </div>
        },
        Section::Products => html! {
            <div data-screen="products">
                <ProductsView
                    products={saved.products.clone().map(Shared::from)}
                    with_products={saved.with_products}
                    on_action={props.on_action.clone()}
                />
            </div>
        },
        Section::Reading => html! {
            <div data-screen="reading">
                <ReadingPanel
                    saved={saved.clone()}
                    review={review.clone()}
                    can_reread={!props.needs_file && !props.busy}
                    on_command={props.on_command.clone()}
                />
            </div>
        },
        Section::Settings => html! {
            <div data-screen="settings">
                <SettingsPanel settings={saved.settings.clone()} plan={saved.plan.clone()} on_action={props.on_action.clone()} />
            </div>
        },
    };

    let accounts = review.accounts.len();
    html! {
        <section class="review" aria-labelledby="review-title">
            <div class="review-head">
                <div>
                    <h2 id="review-title" tabindex="-1" ref={title}>{ saved.file_name.clone() }</h2>
                    <p class="source">
                        { format!(
                            "Sheet “{}”, header on row {}: {} account{}.",
                            source.sheet,
                            source.header_row,
                            accounts,
                            if accounts == 1 { "" } else { "s" }
                        ) }
                        if matches!(props.open.hours, HoursSource::Log { .. }) {
                            { format!(" {hours_source}.") }
                        }
                    </p>
                </div>
                <div class="actions">
                    <DropZone busy={props.busy} compact=true {on_file} />
                    <button type="button" class="primary" onclick={on_export} disabled={props.busy}>
                        { "Export annotated workbook" }
                    </button>
                    <button type="button" class="danger" onclick={on_clear}>{ "Clear all data" }</button>
                    if props.needs_file {
                        <label class="repick" for={REPICK_ID}>
                            { format!("The file itself is not kept in the browser: Export asks for “{}” again.", saved.file_name) }
                        </label>
                        <input
                            type="file"
                            id={REPICK_ID}
                            class="visually-hidden"
                            aria-label="Workbook to annotate"
                            tabindex="-1"
                            ref={repick}
                            onchange={on_repicked}
                        />
                    }
                </div>
            </div>
            <Problem message={props.problem.clone()} />
            <Notice message={props.not_saved.clone()} />
            if props.not_saved.is_some() && saved.history.len() > 1 {
                <div class="notice make-room">
                    <p>{ format!(
                        "{} saved weeks are kept in this browser. Export the annotated workbook first: its History sheet keeps every week. Then you can make room by keeping only the newest {keep} here.",
                        saved.history.len()
                    ) }</p>
                    <button type="button" class="secondary" onclick={on_make_room}>
                        { format!("Keep the newest {keep} week{}", if keep == 1 { "" } else { "s" }) }
                    </button>
                </div>
            }
            if !this_week_saved {
                <p class="note save-prompt">
                    { format!("This week's review ({}) is not saved yet. ", week_label) }
                    <button type="button" class="secondary small" onclick={on_save_week}>{ "Save this week's review" }</button>
                </p>
            }
            <Notice message={props.restore_notice.clone()} />
            if !review.unmatched_overrides.is_empty() {
                <p class="note">
                    { format!(
                        "{} of your overrides or notes are for accounts not in this workbook; they are kept for when those accounts come back.",
                        review.unmatched_overrides.len()
                    ) }
                </p>
            }
            <nav aria-label="Sections" class="sections">
                <ul>{ for nav }</ul>
            </nav>
            { body }
        </section>
    }
}

/// What the rep's own sheet says of an account beside the numbers: segment, region, owner and
/// notes, as "Label: text" lines.
fn from_sheet(saved: &crate::storage::Saved, name: &str) -> Vec<AttrValue> {
    let Some(account) = saved.dataset.accounts.iter().find(|a| a.name == name) else {
        return Vec::new();
    };
    [
        ("Segment", &account.segment),
        ("Region", &account.region),
        ("Owner", &account.owner),
        ("Notes in your sheet", &account.notes),
    ]
    .into_iter()
    .filter_map(|(label, text)| {
        let text = text.as_deref()?.trim();
        (!text.is_empty()).then(|| AttrValue::from(format!("{label}: {text}")))
    })
    .collect()
}
