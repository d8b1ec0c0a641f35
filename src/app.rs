//! The page: holds the state, restores it from the browser on load, saves it after every change,
//! and turns what the user does into [`Action`]s or requests to the worker.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use std::time::Duration;

use gloo_timers::callback::Timeout;
use wasm_bindgen::{closure::Closure, JsCast};
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::analyst::{Analyst, ExportNeeds};
use crate::backup;
use crate::clock;
use crate::components::{ReviewScreen, StartScreen};
use crate::state::{Action, Open, Shared, State};
use crate::storage;
use account_lens_workbook::ImportOptions;

const CLEAR_QUESTION: &str =
    "Clear all data? The workbook, its review, your settings, overrides, notes, time log and plan are removed from this browser.";

const NOT_CLEARED: &str = "The review is gone from this page, but this browser did not let Account Lens remove its saved copy. Clear this site's data in the browser's settings to remove it.";

/// A burst of changes (typing a note, stepping a threshold) is saved once, when it pauses.
const SAVE_AFTER_MS: u32 = 400;

/// What the user asks of the worker or of the browser, beside the state's own actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    ImportFile(web_sys::File),
    ImportSample,
    /// Read the workbook on screen again another way (another sheet, another column).
    Reread(ImportOptions),
    Export,
    /// The workbook picked again, to export it after a reload.
    ExportFile(web_sys::File),
    /// A time log in a file of its own, to add to the time log.
    ImportTimeLog(web_sys::File),
    /// Everything the page keeps, as a file to download.
    Backup,
    /// A backup file, to restore (after a confirmation when a review is open).
    Restore(web_sys::File),
    /// Nothing (a file picker closed without a file).
    Nothing,
    Clear,
}

#[component]
pub fn App() -> Html {
    // Restored once, before the first render: the review as the last visit left it.
    let state = use_reducer(|| {
        let loaded = storage::load();
        State::restored(
            loaded.saved,
            loaded.notice.map(|n| n.user_message()),
            clock::today(),
        )
    });

    // Import, analysis and export happen in a worker; its answers come back as actions.
    let analyst = {
        let sample = state.open.as_ref().is_some_and(|open| open.saved.sample);
        let state = state.dispatcher();
        use_memo((), move |()| {
            let analyst = Analyst::new(Callback::from(move |action| state.dispatch(action)));
            analyst.restored(sample);
            analyst
        })
    };

    // Every change of what is kept is saved, never inside reduce().
    let pending = use_mut_ref(|| None::<PendingSave>);
    {
        let dispatch = state.dispatcher();
        let pending = pending.clone();
        use_effect_with(state.to_save(), move |saved| {
            schedule_save(&pending, saved.clone(), dispatch);
        });
    }
    // A save still waiting when the page goes away (a reload, the tab closed) is written now.
    {
        let pending = pending.clone();
        use_effect_with((), move |()| {
            let listener = save_on_leaving(pending);
            move || drop(listener)
        });
    }

    // A workbook just read gets its review in a task of its own, and is drawn in another.
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.arriving.clone(), move |arriving| {
            if let Some(arriving) = arriving.clone() {
                spawn_local(async move {
                    sleep(Duration::ZERO).await;
                    let open = Open::of(arriving.saved, clock::today());
                    sleep(Duration::ZERO).await;
                    dispatch.dispatch(Action::Opened(open));
                });
            }
        });
    }

    let on_action = use_callback(state.dispatcher(), |action: Action, state| {
        state.dispatch(action);
    });

    let on_command = {
        let analyst = (*analyst).clone();
        let state = state.clone();
        let pending = pending.clone();
        Callback::from(move |command: Command| match command {
            Command::ImportFile(file) => analyst.analyse_file(file),
            Command::ImportSample => analyst.analyse_sample(),
            Command::Reread(options) => {
                if !analyst.reread(options) {
                    state.dispatch(Action::Failed(reimport_first(&state)));
                }
            }
            Command::Export => {
                if let Some(open) = &state.open {
                    let saved = &open.saved;
                    analyst.export(saved.options.clone(), saved.decisions());
                }
            }
            Command::ExportFile(file) => {
                if let Some(open) = &state.open {
                    let saved = &open.saved;
                    analyst.export_file(file, saved.options.clone(), saved.decisions());
                }
            }
            Command::ImportTimeLog(file) => analyst.read_time_log(file),
            Command::Backup => {
                if let Some(open) = &state.open {
                    if let Err(message) = backup::download(&open.saved, open.today) {
                        state.dispatch(Action::Failed(message));
                    }
                }
            }
            Command::Restore(file) => {
                let state = state.clone();
                let analyst = analyst.clone();
                spawn_local(async move {
                    match backup::read(&file).await {
                        Ok(saved) => {
                            let replace = state.open.is_none()
                                || web_sys::window()
                                    .and_then(|w| {
                                        w.confirm_with_message(backup::REPLACE_QUESTION).ok()
                                    })
                                    .unwrap_or(false);
                            if replace {
                                analyst.restored(saved.sample);
                                state.dispatch(Action::Restore(Box::new(saved)));
                            }
                        }
                        Err(message) => state.dispatch(Action::Failed(message)),
                    }
                });
            }
            Command::Nothing => {}
            Command::Clear => {
                // No window or a blocked dialog reads as "no": nothing is lost by not clearing.
                let confirmed = web_sys::window()
                    .and_then(|w| w.confirm_with_message(CLEAR_QUESTION).ok())
                    .unwrap_or(false);
                if confirmed {
                    // A save still waiting would write the review back.
                    pending.borrow_mut().take();
                    analyst.forget();
                    match storage::clear() {
                        Ok(()) => state.dispatch(Action::Clear),
                        Err(_) => {
                            state.dispatch(Action::Clear);
                            state.dispatch(Action::Failed(NOT_CLEARED.into()));
                        }
                    }
                }
            }
        })
    };

    let problem: Option<AttrValue> = state.problem.clone().map(AttrValue::from);
    let busy = state.busy();
    let screen = match &state.open {
        None => html! {
            <StartScreen {problem} {busy} notice={state.restore_notice.clone().map(AttrValue::from)} on_command={on_command.clone()} />
        },
        Some(open) => html! {
            <ReviewScreen
                open={open.clone()}
                section={state.section}
                view={state.view.clone()}
                selected={state.selected.clone().map(AttrValue::from)}
                {problem}
                {busy}
                needs_file={analyst.export_needs() == ExportNeeds::TheFile}
                not_saved={state.not_saved.clone().map(AttrValue::from)}
                restore_notice={state.restore_notice.clone().map(AttrValue::from)}
                {on_action}
                on_command={on_command.clone()}
            />
        },
    };
    let status = state
        .work
        .as_ref()
        .map(|work| work.status())
        .or_else(|| state.told.clone());

    html! {
        <>
            <header class="masthead">
                <h1>{ "Account Lens" }</h1>
                <p class="privacy">{ "Runs in this browser: your workbook never leaves your machine." }</p>
            </header>
            <main>
                <p class="status" role="status" aria-live="polite">{ status }</p>
                { screen }
            </main>
        </>
    }
}

/// What to say when the workbook on screen cannot be read again (the page was reloaded).
fn reimport_first(state: &State) -> String {
    let name = state
        .open
        .as_ref()
        .map(|open| open.saved.file_name.clone())
        .unwrap_or_default();
    format!("To read “{name}” another way, import it again: the page was reloaded since it was read, and the file itself is not kept in the browser.")
}

/// A save waiting for the changes to pause: its timer, and what it will write.
pub struct PendingSave {
    _timer: Timeout,
    saved: Shared<storage::Saved>,
    done: Rc<Cell<bool>>,
}

/// Saves `saved` once changes pause; a newer change replaces a save still waiting.
fn schedule_save(
    pending: &Rc<RefCell<Option<PendingSave>>>,
    saved: Option<Shared<storage::Saved>>,
    dispatch: UseReducerDispatcher<State>,
) {
    let Some(saved) = saved else {
        pending.borrow_mut().take();
        return;
    };
    let done = Rc::new(Cell::new(false));
    let timer = {
        let saved = saved.clone();
        let done = done.clone();
        Timeout::new(SAVE_AFTER_MS, move || {
            if !done.replace(true) {
                dispatch.dispatch(Action::SaveResult(storage::save(&saved).user_message()));
            }
        })
    };
    // Dropping the earlier timer cancels it if it has not fired (a fired one stays in the
    // slot until then: a closure must not be dropped while it runs).
    pending.borrow_mut().replace(PendingSave {
        _timer: timer,
        saved,
        done,
    });
}

/// Writes the waiting save, if any, when the page is hidden or left: the last changes before a
/// reload are kept. The listener lives as long as the returned value.
fn save_on_leaving(pending: Rc<RefCell<Option<PendingSave>>>) -> Option<LeavingListener> {
    let window = web_sys::window()?;
    let flush = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if !hidden {
            return;
        }
        if let Some(waiting) = pending.borrow().as_ref() {
            if !waiting.done.replace(true) {
                // The page is going: there is no one left to tell if this fails.
                let _ = storage::save(&waiting.saved);
            }
        }
    });
    for event in ["pagehide", "visibilitychange"] {
        let _ = window.add_event_listener_with_callback(event, flush.as_ref().unchecked_ref());
    }
    Some(LeavingListener { window, flush })
}

/// Removes its listeners when dropped.
pub struct LeavingListener {
    window: web_sys::Window,
    flush: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for LeavingListener {
    fn drop(&mut self) {
        for event in ["pagehide", "visibilitychange"] {
            let _ = self
                .window
                .remove_event_listener_with_callback(event, self.flush.as_ref().unchecked_ref());
        }
    }
}
