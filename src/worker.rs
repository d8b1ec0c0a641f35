//! The worker's side: import, analysis and export, off the page's thread. A panic here (a
//! parser meeting a damaged file) stops only the worker; the page notices and starts a new one.
//!
//! [`Session`] answers [`Request`]s and knows nothing of the browser, so it runs in plain tests;
//! [`start`] wires it to the worker's `onmessage`.

use std::cell::RefCell;

use wasm_bindgen::{closure::Closure, JsCast};

use crate::download::annotated_name;
use crate::load::{read_in_steps, read_time_log_file, Kept, SAMPLE_BYTES, SAMPLE_NAME};
use crate::protocol::{post, unwrap, Reply, Request, Stage, Workbook};
use account_lens_engine::Date;
use account_lens_workbook::ImportOptions;

/// The worker's memory between requests: the workbook last read, for the export and for
/// reading it again another way.
#[derive(Debug, Default)]
pub struct Session {
    kept: Option<Kept>,
}

const NO_BYTES: &str =
    "The file did not reach the part of Account Lens that reads it. Import it again.";
const NOTHING_KEPT: &str =
    "The workbook is no longer open on this page: import it again, then try once more.";

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// The workbook kept for the export, if any.
    pub fn kept(&self) -> Option<&Kept> {
        self.kept.as_ref()
    }

    /// Answers one request: `say` is given every reply in order (progress first) and the bytes
    /// that travel with it.
    /// `today` is the date of the review: the export's hours are the time logs' average of
    /// the four weeks before its week.
    pub fn answer(
        &mut self,
        request: Request,
        bytes: Option<Vec<u8>>,
        today: Date,
        say: &mut dyn FnMut(&Reply, Option<&[u8]>),
    ) {
        match request {
            Request::Analyse {
                id,
                workbook,
                options,
            } => match self.load(id, &workbook, &options, bytes.as_deref(), say) {
                Ok(kept) => {
                    let (analysis, accounts) = kept.for_the_page();
                    let reply = Reply::Analysed {
                        id,
                        analysis: Box::new(analysis),
                    };
                    // A workbook that fails to load leaves the one before it kept: that is
                    // the review still on the page.
                    self.kept = Some(kept);
                    say(&reply, Some(&accounts));
                }
                Err(message) => say(&Reply::Failed { id, message }, None),
            },
            Request::Export {
                id,
                reload,
                decisions,
            } => {
                if let Some((workbook, options)) = reload {
                    match self.load(id, &workbook, &options, bytes.as_deref(), say) {
                        Ok(kept) => self.kept = Some(kept),
                        Err(message) => return say(&Reply::Failed { id, message }, None),
                    }
                }
                let Some(kept) = &self.kept else {
                    let message = NOTHING_KEPT.to_string();
                    return say(&Reply::Failed { id, message }, None);
                };
                say(
                    &Reply::Progress {
                        id,
                        stage: Stage::Writing,
                    },
                    None,
                );
                match kept.export(&decisions, today) {
                    Ok(bytes) => {
                        let file_name = annotated_name(&kept.file_name);
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
            Request::ReadTimeLog { id, name } => {
                let Some(bytes) = bytes else {
                    let message = NO_BYTES.to_string();
                    return say(&Reply::Failed { id, message }, None);
                };
                say(
                    &Reply::Progress {
                        id,
                        stage: Stage::Reading,
                    },
                    None,
                );
                let reply = match read_time_log_file(&bytes, &name) {
                    Ok((log, notes)) => Reply::TimeLogRead {
                        id,
                        file_name: name,
                        log,
                        notes,
                    },
                    Err(e) => Reply::Failed {
                        id,
                        message: e.user_message(),
                    },
                };
                say(&reply, None);
            }
            Request::Forget => self.kept = None,
        }
    }

    /// Imports a workbook (or reads the kept one again), saying how far it got.
    fn load(
        &self,
        id: u32,
        workbook: &Workbook,
        options: &ImportOptions,
        bytes: Option<&[u8]>,
        say: &mut dyn FnMut(&Reply, Option<&[u8]>),
    ) -> Result<Kept, String> {
        say(
            &Reply::Progress {
                id,
                stage: Stage::Reading,
            },
            None,
        );
        let mut analysing = || {
            say(
                &Reply::Progress {
                    id,
                    stage: Stage::Analysing,
                },
                None,
            );
        };
        let read = match workbook {
            Workbook::Sample => {
                read_in_steps(SAMPLE_BYTES, SAMPLE_NAME, true, options, &mut analysing)
            }
            Workbook::File { name } => {
                let bytes = bytes.ok_or_else(|| NO_BYTES.to_string())?;
                read_in_steps(bytes, name, false, options, &mut analysing)
            }
            Workbook::Kept => {
                let kept = self.kept.as_ref().ok_or_else(|| NOTHING_KEPT.to_string())?;
                analysing();
                kept.reread(options)
            }
        };
        read.map_err(|e| e.user_message())
    }
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
                    session
                        .borrow_mut()
                        .answer(request, bytes, crate::clock::today(), &mut say);
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
