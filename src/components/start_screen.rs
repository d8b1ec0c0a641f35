use yew::prelude::*;

use super::{DropZone, Problem};

#[derive(Properties, PartialEq)]
pub struct StartScreenProps {
    /// Why the last import failed.
    pub problem: Option<AttrValue>,
    /// A workbook is being read: the controls wait.
    pub busy: bool,
    pub on_file: Callback<web_sys::File>,
    pub on_sample: Callback<()>,
}

/// Nothing loaded yet: import a workbook, drop one, or try the sample.
#[component]
pub fn StartScreen(props: &StartScreenProps) -> Html {
    let busy = props.busy;
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    html! {
        <section class="start">
            <p class="lede">
                { "Your workbook is read and analysed in this browser: the file never leaves your machine." }
            </p>
            <DropZone {busy} on_file={props.on_file.clone()} />
            <p class="or">
                <button type="button" class="secondary" onclick={on_sample} disabled={busy}>
                    { "Try the sample workbook" }
                </button>
            </p>
            <Problem message={props.problem.clone()} />
        </section>
    }
}
