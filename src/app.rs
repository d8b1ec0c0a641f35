//! The page: holds the state and turns what the user does into [`Action`]s.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::{ReviewScreen, StartScreen};
use crate::download::offer_annotated_workbook;
use crate::load::{read_file, review_workbook, SAMPLE_BYTES, SAMPLE_NAME};
use crate::state::{Action, Screen, Shared, State};

const CLEAR_QUESTION: &str =
    "Clear all data? The workbook and its review are removed from this page.";

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);

    // Callbacks are memoised so the screens (and the large table) re-render only when their
    // data changes, not on every render of the page.
    let on_file = use_callback(state.dispatcher(), |file: web_sys::File, state| {
        let state = state.clone();
        let file_name = file.name();
        state.dispatch(Action::Reading(file_name.clone()));
        spawn_local(async move {
            let result = read_file(&file).await.and_then(|bytes| {
                review_workbook(&bytes, &file_name).map_err(|e| e.user_message())
            });
            state.dispatch(match result {
                Ok(analysis) => Action::Reviewed(Shared::new(analysis)),
                Err(message) => Action::Failed(message),
            });
        });
    });

    let on_sample = use_callback(state.dispatcher(), |(), state| {
        state.dispatch(Action::Reading(SAMPLE_NAME.into()));
        state.dispatch(match review_workbook(SAMPLE_BYTES, SAMPLE_NAME) {
            Ok(analysis) => Action::Reviewed(Shared::new(analysis)),
            Err(e) => Action::Failed(e.user_message()),
        });
    });

    let on_filter = use_callback(state.dispatcher(), |text: String, state| {
        state.dispatch(Action::Filter(text));
    });

    let reviewed = match &state.screen {
        Screen::Review(analysis) => Some(analysis.clone()),
        _ => None,
    };
    let on_export = use_callback((state.dispatcher(), reviewed), |(), (state, reviewed)| {
        if let Some(analysis) = reviewed {
            state.dispatch(match offer_annotated_workbook(analysis) {
                Ok(()) => Action::Exported,
                Err(message) => Action::Failed(message),
            });
        }
    });

    let on_clear = use_callback(state.dispatcher(), |(), state| {
        // No window or a blocked dialog reads as "no": nothing is lost by not clearing.
        let confirmed = web_sys::window()
            .and_then(|w| w.confirm_with_message(CLEAR_QUESTION).ok())
            .unwrap_or(false);
        if confirmed {
            state.dispatch(Action::Clear);
        }
    });

    let problem: Option<AttrValue> = state.problem.clone().map(AttrValue::from);
    let screen = match &state.screen {
        Screen::Start => html! {
            <StartScreen {problem} reading={None::<AttrValue>} {on_file} {on_sample} />
        },
        Screen::Reading { file_name } => html! {
            <StartScreen {problem} reading={Some(AttrValue::from(file_name.clone()))} {on_file} {on_sample} />
        },
        Screen::Review(analysis) => html! {
            <ReviewScreen
                analysis={analysis.clone()}
                filter={AttrValue::from(state.filter.clone())}
                {problem}
                {on_filter}
                {on_export}
                {on_clear}
            />
        },
    };

    html! {
        <>
            <header class="masthead">
                <h1>{ "Account Lens" }</h1>
            </header>
            <main>{ screen }</main>
        </>
    }
}
