//! The page: holds the state and turns what the user does into [`Action`]s.

use yew::prelude::*;

use crate::analyst::Analyst;
use crate::components::{ReviewScreen, StartScreen};
use crate::state::{Action, Screen, State};

const CLEAR_QUESTION: &str =
    "Clear all data? The workbook and its review are removed from this page.";

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);

    // Import, analysis and export happen in a worker; its answers come back as actions.
    let analyst = {
        let state = state.dispatcher();
        use_memo((), move |()| {
            Analyst::new(Callback::from(move |action| state.dispatch(action)))
        })
    };

    // Callbacks are memoised so the screens (and the large table) re-render only when their
    // data changes, not on every render of the page.
    let on_file = use_callback((*analyst).clone(), |file: web_sys::File, analyst| {
        analyst.analyse_file(file);
    });

    let on_sample = use_callback((*analyst).clone(), |(), analyst| {
        analyst.analyse_sample();
    });

    let on_filter = use_callback(state.dispatcher(), |text: String, state| {
        state.dispatch(Action::Filter(text));
    });

    let on_export = use_callback((*analyst).clone(), |(), analyst| analyst.export());

    let on_clear = use_callback(
        (state.dispatcher(), (*analyst).clone()),
        |(), (state, analyst)| {
            // No window or a blocked dialog reads as "no": nothing is lost by not clearing.
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(CLEAR_QUESTION).ok())
                .unwrap_or(false);
            if confirmed {
                analyst.forget();
                state.dispatch(Action::Clear);
            }
        },
    );

    let problem: Option<AttrValue> = state.problem.clone().map(AttrValue::from);
    let busy = state.busy();
    let screen = match &state.screen {
        Screen::Start => html! {
            <StartScreen {problem} {busy} {on_file} {on_sample} />
        },
        Screen::Review(analysis) => html! {
            <ReviewScreen
                analysis={analysis.clone()}
                filter={AttrValue::from(state.filter.clone())}
                {problem}
                {busy}
                {on_file}
                {on_filter}
                {on_export}
                {on_clear}
            />
        },
    };
    let status = state.work.as_ref().map(|work| work.status());

    html! {
        <>
            <header class="masthead">
                <h1>{ "Account Lens" }</h1>
            </header>
            <main>
                <p class="status" role="status" aria-live="polite">{ status }</p>
                { screen }
            </main>
        </>
    }
}
