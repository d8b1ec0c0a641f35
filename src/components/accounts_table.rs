use account_lens_engine::format::{hours, money, percent};
use account_lens_engine::{AccountReview, Review};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::or_dash;
use crate::state::{Action, Shared};
use crate::table_view::{page_of, pages, rows, Column, Show, TableView, PAGE_ROWS};

const FILTER_ID: &str = "filter-accounts";
const SHOW_ID: &str = "show-accounts";

#[derive(Properties, PartialEq)]
pub struct AccountsTableProps {
    pub review: Shared<Review>,
    pub view: TableView,
    /// The account whose detail is open.
    pub selected: Option<AttrValue>,
    pub on_action: Callback<Action>,
}

/// Every account with its category, tier, flags, numbers and reason: filtered by name, narrowed
/// to a category or flag, sorted by any column, a page of rows at a time.
#[component]
pub fn AccountsTable(props: &AccountsTableProps) -> Html {
    let review = &props.review;
    let view = &props.view;
    let matching = use_memo((review.clone(), view.clone()), |(review, view)| {
        rows(review, view)
    });
    let (page, shown) = page_of(&matching, view.page);
    {
        // Closing an account's detail takes the user back to its name in the table.
        let last = use_mut_ref(|| None::<AttrValue>);
        let review = review.clone();
        use_effect_with(props.selected.clone(), move |selected| {
            let closed = last.replace(selected.clone());
            if let (Some(name), None) = (closed, selected) {
                let index = review
                    .accounts
                    .iter()
                    .position(|a| a.account == name.as_str());
                let button = index.and_then(|i| {
                    web_sys::window()?
                        .document()?
                        .get_element_by_id(&account_id(i))
                });
                if let Some(button) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = button.focus();
                }
            }
        });
    }
    let page_count = pages(matching.len());

    let oninput = props.on_action.reform(|e: InputEvent| {
        Action::Filter(
            e.target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|input| input.value())
                .unwrap_or_default(),
        )
    });
    let onchange = props.on_action.reform(|e: Event| {
        Action::Show(Show::from_key(
            &e.target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|select| select.value())
                .unwrap_or_default(),
        ))
    });

    let all = review.accounts.len();
    let count = if matching.len() == all {
        format!("{all} of {all} accounts")
    } else {
        format!("{} of {all} accounts", matching.len())
    };
    let showing = (page_count > 1).then(|| {
        format!(
            "Rows {}–{} of {}.",
            page * PAGE_ROWS + 1,
            page * PAGE_ROWS + shown.len(),
            matching.len()
        )
    });
    let body: Html = if shown.is_empty() {
        let why = if view.filter.trim().is_empty() {
            format!("No account is in “{}”.", view.show.label())
        } else {
            format!("No account name contains “{}”.", view.filter.trim())
        };
        html! { <tr><td colspan="10" class="empty">{ why }</td></tr> }
    } else {
        shown
            .iter()
            .map(|&i| {
                let account = &review.accounts[i];
                let selected = props.selected.as_deref() == Some(account.account.as_str());
                account_row(i, account, selected, &props.on_action)
            })
            .collect()
    };

    let header = |column: Column| {
        let sort = view.sort.filter(|s| s.column == column);
        let aria_sort = sort.map(|s| {
            if s.descending {
                "descending"
            } else {
                "ascending"
            }
        });
        let onclick = props
            .on_action
            .reform(move |_: MouseEvent| Action::SortBy(column));
        let arrow = match sort {
            Some(s) if s.descending => "▼",
            Some(_) => "▲",
            None => "",
        };
        html! {
            <th scope="col" aria-sort={aria_sort} class={classes!(column.numeric().then_some("number"))}>
                <button type="button" class="sort" {onclick}>
                    { column.label() }
                    <span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    let pager = (page_count > 1).then(|| {
        let previous = props.on_action.reform(move |_: MouseEvent| Action::Page(page.saturating_sub(1)));
        let next = props.on_action.reform(move |_: MouseEvent| Action::Page(page + 1));
        html! {
            <div class="pager">
                <button type="button" onclick={previous} disabled={page == 0}>{ "Previous page" }</button>
                <span>{ format!("Page {} of {page_count}", page + 1) }</span>
                <button type="button" onclick={next} disabled={page + 1 >= page_count}>{ "Next page" }</button>
            </div>
        }
    });

    html! {
        <section class="accounts" aria-labelledby="accounts-title">
            <h3 id="accounts-title" class="visually-hidden">{ "Accounts" }</h3>
            <div class="filter">
                <div class="field">
                    <label for={FILTER_ID}>{ "Filter accounts" }</label>
                    <input
                        type="search"
                        id={FILTER_ID}
                        value={view.filter.clone()}
                        placeholder="Account name"
                        autocomplete="off"
                        {oninput}
                    />
                </div>
                <div class="field">
                    <label for={SHOW_ID}>{ "Show" }</label>
                    <select id={SHOW_ID} {onchange}>
                        { for Show::ALL.iter().map(|&show| html! {
                            <option value={show.key()} selected={show == view.show}>{ show.label() }</option>
                        }) }
                    </select>
                </div>
                <p class="count" aria-live="polite">{ count }</p>
            </div>
            <div class="table-scroll">
                <table class="accounts-table">
                    <caption>{ "Accounts" }</caption>
                    <thead>
                        <tr>
                            { header(Column::Account) }
                            { header(Column::Category) }
                            { header(Column::Tier) }
                            <th scope="col">{ "Flags" }</th>
                            { header(Column::ProjectedSales) }
                            { header(Column::Growth) }
                            { header(Column::Hours) }
                            { header(Column::TimeShare) }
                            { header(Column::ValueShare) }
                            <th scope="col">{ "Reason" }</th>
                        </tr>
                    </thead>
                    <tbody>{ body }</tbody>
                </table>
            </div>
            if let Some(showing) = showing {
                <p class="showing">{ showing }</p>
            }
            { for pager }
        </section>
    }
}

/// The id of the button naming account `index` (of the review).
fn account_id(index: usize) -> String {
    format!("account-{index}")
}

fn account_row(
    index: usize,
    a: &AccountReview,
    selected: bool,
    on_action: &Callback<Action>,
) -> Html {
    let flags: Vec<&str> = a.flags.iter().map(|f| f.label()).collect();
    let name = a.account.clone();
    let onclick = on_action.reform(move |_: MouseEvent| Action::Select(Some(name.clone())));
    let category = if a.rules_category.is_some() {
        format!("{} (your call)", a.category.label())
    } else {
        a.category.label().to_string()
    };
    html! {
        <tr class={classes!(a.category.key(), selected.then_some("selected"))}>
            <th scope="row">
                <button type="button" id={account_id(index)} class="link" aria-expanded={selected.to_string()} {onclick}>{ a.account.clone() }</button>
                if a.note.is_some() {
                    <span class="has-note" title="Has a note">{ " ✎" }<span class="visually-hidden">{ "(has a note)" }</span></span>
                }
            </th>
            <td><span class={classes!("badge", a.category.key())}>{ category }</span></td>
            <td>{ a.tier.label() }</td>
            <td class="flags">{ flags.join(", ") }</td>
            <td class="number">{ or_dash(a.projected_sales, money) }</td>
            <td class="number">{ or_dash(a.growth, percent) }</td>
            <td class="number">{ or_dash(a.hours, hours) }</td>
            <td class="number">{ or_dash(a.time_share, percent) }</td>
            <td class="number">{ or_dash(a.value_share, percent) }</td>
            <td class="reason">{ a.reason.to_string() }</td>
        </tr>
    }
}
