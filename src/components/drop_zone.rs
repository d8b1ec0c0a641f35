use yew::prelude::*;

use super::picked_file;

/// What the file picker offers; the importer decides by the bytes, not by the name.
const ACCEPT: &str = ".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt";
const INPUT_ID: &str = "import-file";

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub busy: bool,
    /// Just the button, without the hint (beside the review's other actions).
    #[prop_or_default]
    pub compact: bool,
    pub on_file: Callback<web_sys::File>,
}

/// The file input "Import workbook", and a zone around it that takes a dropped file the same way.
#[component]
pub fn DropZone(props: &DropZoneProps) -> Html {
    let over = use_state(|| false);

    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = picked_file(&e) {
                on_file.emit(file);
            }
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser opens the file instead of dropping it here.
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let over = over.clone();
        let on_file = props.on_file.clone();
        let busy = props.busy;
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            if busy {
                return;
            }
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                on_file.emit(file);
            }
        })
    };

    html! {
        <div
            class={classes!("drop-zone", over.then_some("over"), props.compact.then_some("compact"))}
            {ondragover}
            {ondragleave}
            {ondrop}
        >
            <input
                type="file"
                id={INPUT_ID}
                class="visually-hidden"
                accept={ACCEPT}
                disabled={props.busy}
                {onchange}
            />
            <label for={INPUT_ID} class={classes!("button", (!props.compact).then_some("primary"))}>{ "Import workbook" }</label>
            if !props.compact {
                <p class="hint">{ "or drop it here: Excel (xlsx, xlsm, xlsb, xls), OpenDocument (ods) or CSV" }</p>
            }
        </div>
    }
}
