use yew::prelude::*;

use super::{picked_file, DropZone, Notice, Problem};
use crate::app::Command;

#[derive(Properties, PartialEq)]
pub struct StartScreenProps {
    /// Why the last import failed.
    pub problem: Option<AttrValue>,
    /// What could not be restored of an earlier visit.
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// A workbook is being read: the controls wait.
    pub busy: bool,
    pub on_command: Callback<Command>,
}

/// Nothing loaded yet: import a workbook, drop one, or try the sample.
#[component]
pub fn StartScreen(props: &StartScreenProps) -> Html {
    let busy = props.busy;
    let on_sample = props
        .on_command
        .reform(|_: MouseEvent| Command::ImportSample);
    let on_file = props.on_command.reform(Command::ImportFile);
    let on_restore = props.on_command.reform(|e: Event| match picked_file(&e) {
        Some(file) => Command::Restore(file),
        None => Command::Nothing,
    });
    html! {
        <section class="start" aria-labelledby="start-title">
            <h2 id="start-title">{ "Your weekly account review" }</h2>
            <p class="lede">
                { "Import the workbook you keep your accounts in (or an order export from your CRM or ERP). Account Lens sorts every account into Grow, Maintain and At risk, flags time sinks and under-served top accounts, and says why in numbers." }
            </p>
            <p class="lede">
                { "Your workbook is read and analysed in this browser: the file never leaves your machine." }
            </p>
            <Notice message={props.notice.clone()} />
            <DropZone {busy} {on_file} />
            <p class="or">
                <button type="button" class="secondary" onclick={on_sample} disabled={busy}>
                    { "Try the sample workbook" }
                </button>
            </p>
            <p class="formats">{ "Reads .xlsx, .xlsm, .xlsb, .xls, .ods and .csv files." }</p>
            <p class="restore">
                { "Moving from another browser? " }
                <input type="file" id="start-restore" class="visually-hidden" accept=".json,application/json"
                    onchange={on_restore} disabled={busy} />
                <label class="button secondary" for="start-restore">{ "Restore a backup" }</label>
            </p>
            <Problem message={props.problem.clone()} />
        </section>
    }
}
