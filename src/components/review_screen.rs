use yew::prelude::*;

use super::{AccountsTable, Categories, DropZone, Problem, Totals};
use crate::state::{Analysis, Shared};

#[derive(Properties, PartialEq)]
pub struct ReviewScreenProps {
    pub analysis: Shared<Analysis>,
    pub filter: AttrValue,
    pub problem: Option<AttrValue>,
    /// A workbook is being read or exported: the actions wait.
    pub busy: bool,
    pub on_file: Callback<web_sys::File>,
    pub on_filter: Callback<String>,
    pub on_export: Callback<()>,
    pub on_clear: Callback<()>,
}

/// The review of one workbook: totals, categories, the accounts, and what to do next.
#[component]
pub fn ReviewScreen(props: &ReviewScreenProps) -> Html {
    let title = use_node_ref();
    {
        // Move focus to the new content, so keyboard and screen-reader users land on it.
        let title = title.clone();
        use_effect_with(props.analysis.clone(), move |_| {
            if let Some(heading) = title.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }

    let analysis = &props.analysis;
    let source = &analysis.source;
    let on_export = props.on_export.reform(|_: MouseEvent| ());
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());

    html! {
        <section class="review" aria-labelledby="review-title">
            <div class="review-head">
                <div>
                    <h2 id="review-title" tabindex="-1" ref={title}>{ analysis.file_name.clone() }</h2>
                    <p class="source">
                        { format!(
                            "Sheet “{}”, header on row {}: {} accounts.",
                            source.sheet,
                            source.header_row,
                            analysis.review.accounts.len()
                        ) }
                    </p>
                </div>
                <div class="actions">
                    <DropZone busy={props.busy} compact=true on_file={props.on_file.clone()} />
                    <button type="button" class="primary" onclick={on_export} disabled={props.busy}>
                        { "Export annotated workbook" }
                    </button>
                    <button type="button" class="danger" onclick={on_clear}>{ "Clear all data" }</button>
                </div>
            </div>
            <Problem message={props.problem.clone()} />
            <Totals analysis={analysis.clone()} />
            <Categories analysis={analysis.clone()} />
            <AccountsTable
                analysis={analysis.clone()}
                filter={props.filter.clone()}
                on_filter={props.on_filter.clone()}
            />
        </section>
    }
}
