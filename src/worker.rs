//! The worker's side: import, analysis and export, off the page's thread. A panic here (a
//! parser meeting a damaged file) stops only the worker; the page notices and starts a new one.
//!
//! [`Session`] answers [`Request`]s and knows nothing of the browser, so it runs in plain tests;
//! [`start`] wires it to the worker's `onmessage`.

use std::cell::RefCell;

use wasm_bindgen::{closure::Closure, JsCast};

use crate::download::annotated_name;
use crate::load::{analyse, Loaded, SAMPLE_BYTES};
use crate::protocol::{post, unwrap, Reply, Request, Stage, Workbook};

/// The worker's memory between requests: the workbook last analysed, for the export.
#[derive(Debug, Default)]
pub struct Session {
    kept: Option<Loaded>,
}

const NO_BYTES: &str =
    "The file did not reach the part of Account Lens that reads it. Import it again.";
const NOTHING_TO_EXPORT: &str = "There is no workbook to export: import one first.";

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// The workbook kept for the export, if any.
    pub fn kept(&self) -> Option<&Loaded> {
        self.kept.as_ref()
    }

    /// Answers one request: `say` is given every reply in order (progress first) and the bytes
    /// that travel with it.
    pub fn answer(
        &mut self,
        request: Request,
        bytes: Option<Vec<u8>>,
        say: &mut dyn FnMut(&Reply, Option<&[u8]>),
    ) {
        match request {
            Request::Analyse { id, workbook } => {
                match load(id, &workbook, bytes.as_deref(), say) {
                    Ok(loaded) => {
                        let reply = Reply::Analysed {
                            id,
                            analysis: Box::new(loaded.analysis.clone()),
                        };
                        // A workbook that fails to load leaves the one before it kept: that is
                        // the review still on the page.
                        self.kept = Some(loaded);
                        say(&reply, None);
                    }
                    Err(message) => say(&Reply::Failed { id, message }, None),
                }
            }
            Request::Export { id, reload } => {
                if let Some(workbook) = reload {
                    match load(id, &workbook, bytes.as_deref(), say) {
                        Ok(loaded) => self.kept = Some(loaded),
                        Err(message) => return say(&Reply::Failed { id, message }, None),
                    }
                }
                let Some(kept) = &self.kept else {
                    let message = NOTHING_TO_EXPORT.to_string();
                    return say(&Reply::Failed { id, message }, None);
                };
                say(
                    &Reply::Progress {
                        id,
                        stage: Stage::Writing,
                    },
                    None,
                );
                match kept.export() {
                    Ok(bytes) => {
                        let file_name = annotated_name(&kept.analysis.file_name);
                        say(&Reply::Exported { id, file_name }, Some(&bytes));
                    }
                    Err(e) => say(
                        &Reply::Failed {
                            id,
                            message: e.user_message(),
                        },
                        None,
                    ),
                }
            }
            Request::Forget => self.kept = None,
        }
    }
}

/// Imports and analyses a workbook, saying how far it got.
fn load(
    id: u32,
    workbook: &Workbook,
    bytes: Option<&[u8]>,
    say: &mut dyn FnMut(&Reply, Option<&[u8]>),
) -> Result<Loaded, String> {
    let bytes = match workbook {
        Workbook::Sample => SAMPLE_BYTES,
        Workbook::File { .. } => bytes.ok_or_else(|| NO_BYTES.to_string())?,
    };
    let progress = |stage| Reply::Progress { id, stage };
    say(&progress(Stage::Reading), None);
    let imported = account_lens_workbook::import(
        bytes,
        workbook.name(),
        &account_lens_workbook::ImportOptions::default(),
    )
    .map_err(|e| e.user_message())?;
    say(&progress(Stage::Analysing), None);
    Ok(analyse(imported, workbook.name()))
}

/// Runs the worker: answers the page's messages until the page ends it.
pub fn start() {
    // A panic is logged in the worker's console; the page sees the worker fail and restarts it.
    console_error_panic_hook::set_once();
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    let session = RefCell::new(Session::new());
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let mut say = |reply: &Reply, bytes: Option<&[u8]>| {
                let bytes = bytes.map(js_sys::Uint8Array::from);
                if let Err(e) = post(&replies, reply, bytes.as_ref()) {
                    web_sys::console::error_1(&e.to_string().into());
                }
            };
            match unwrap::<Request>(&event.data()) {
                Ok((request, bytes)) => {
                    let bytes = bytes.map(|b| b.to_vec());
                    session.borrow_mut().answer(request, bytes, &mut say);
                }
                Err(e) => web_sys::console::error_1(&e.to_string().into()),
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    if let Err(e) = post(&scope, &Reply::Ready, None) {
        web_sys::console::error_1(&e.to_string().into());
    }
}
