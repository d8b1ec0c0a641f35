use yew::prelude::*;

use super::{DropZone, Problem};

#[derive(Properties, PartialEq)]
pub struct StartScreenProps {
    /// Why the last import failed.
    pub problem: Option<AttrValue>,
    /// The file being read, while it is.
    pub reading: Option<AttrValue>,
    pub on_file: Callback<web_sys::File>,
    pub on_sample: Callback<()>,
}

/// Nothing loaded yet: import a workbook, drop one, or try the sample.
#[component]
pub fn StartScreen(props: &StartScreenProps) -> Html {
    let busy = props.reading.is_some();
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    html! {
        <section class="start" aria-busy={busy.to_string()}>
            <p class="lede">
                { "Your workbook is read and analysed in this browser: the file never leaves your machine." }
            </p>
            <DropZone {busy} on_file={props.on_file.clone()} />
            <p class="or">
                <button type="button" class="secondary" onclick={on_sample} disabled={busy}>
                    { "Try the sample workbook" }
                </button>
            </p>
            if let Some(name) = &props.reading {
                <p class="status" role="status">{ format!("Reading {name}…") }</p>
            }
            <Problem message={props.problem.clone()} />
        </section>
    }
}
