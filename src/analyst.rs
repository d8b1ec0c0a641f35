//! The page's side of the worker: starts it, sends it workbooks and export requests, turns its
//! replies into [`Action`]s, and starts a fresh one when it fails — a panic in a parser ends
//! only the worker, and the review on screen stays as it was.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::{closure::Closure, JsCast};
use yew::platform::spawn_local;
use yew::Callback;

use crate::accounts_codec;
use crate::download::{offer, REFUSED, XLSX_TYPE};
use crate::load::{read_file, SAMPLE_NAME};
use crate::protocol::{unwrap, wrap, Decisions, Envelope, Reply, Request, Workbook};
use crate::state::{carried_over, Action};
use account_lens_workbook::ImportOptions;

/// Starts the page's own module in a module worker (`assets/worker_boot.js`); relative to the
/// page. It is told the module's files in its query string.
pub const WORKER_URL: &str = "worker_boot.js";

/// Where `assets/boot.js` leaves the URLs of the module it started: `{ js, wasm }`.
const MODULE_GLOBAL: &str = "accountLensModule";

const CANNOT_START: &str = "Account Lens could not start the part of the page that reads workbooks. Reload the page and try again.";
/// How long the worker may take over one request: a 5-million-cell workbook, the largest
/// Account Lens opens, is read in well under a minute.
const PATIENCE_MS: u32 = 180_000;

const UNREADABLE_REPLY: &str =
    "Account Lens received an answer it could not understand. Reload the page and try again.";

/// The worker as the page sees it. Clones share the one worker.
#[derive(Clone)]
pub struct Analyst(Rc<RefCell<Inner>>);

impl PartialEq for Analyst {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the page asked and has not been answered yet.
#[derive(Debug, Clone)]
enum Task {
    /// `then_export`: the workbook was picked again to be exported (after a reload), under
    /// these decisions.
    Analyse {
        origin: Origin,
        then_export: Option<Box<Decisions>>,
    },
    /// `reload`: the workbook was sent again because this worker had not seen it.
    Export { reload: bool },
    /// A time log in a file of its own.
    TimeLog { file_name: String },
}

/// What a click on "Export annotated workbook" needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportNeeds {
    /// The worker holds the workbook, or can be sent it again.
    Nothing,
    /// The page was reloaded since the file was read: the user must pick it again.
    TheFile,
}

/// Where a workbook came from, so that a restarted worker can be sent it again.
#[derive(Debug, Clone)]
enum Origin {
    Sample,
    File(web_sys::File),
}

impl Origin {
    fn workbook(&self) -> Workbook {
        match self {
            Origin::Sample => Workbook::Sample,
            Origin::File(file) => Workbook::File { name: file.name() },
        }
    }

    fn name(&self) -> String {
        match self {
            Origin::Sample => SAMPLE_NAME.to_string(),
            Origin::File(file) => file.name(),
        }
    }
}

struct Running {
    worker: web_sys::Worker,
    /// Which start of the worker this is: events of an earlier, ended one are ignored.
    generation: u32,
    /// Until the worker says it is ready, messages wait here (it would drop them).
    ready: bool,
    waiting: Vec<Envelope>,
    /// Whether this worker holds the workbook on screen (a restarted one does not).
    holds_shown: bool,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

struct Inner {
    this: Weak<RefCell<Inner>>,
    report: Callback<Action>,
    running: Option<Running>,
    generations: u32,
    next_id: u32,
    awaited: Option<(u32, Task)>,
    /// Ends the awaited task if the worker has not answered in [`PATIENCE_MS`].
    deadline: Option<Timeout>,
    /// The workbook whose review is on screen.
    shown: Option<Origin>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.worker.terminate();
        }
    }
}

impl Analyst {
    /// Starts the worker now, so that it is ready by the time a file is picked. `report` is
    /// given what the page should do with each answer.
    pub fn new(report: Callback<Action>) -> Self {
        let inner = Rc::new_cyclic(|this| {
            RefCell::new(Inner {
                this: this.clone(),
                report,
                running: None,
                generations: 0,
                next_id: 0,
                awaited: None,
                deadline: None,
                shown: None,
            })
        });
        // A worker that cannot start says so when it is first asked for something.
        let _ = inner.borrow_mut().running();
        Analyst(inner)
    }

    /// After a reload: the review on screen is of the sample (which the worker carries) or of
    /// a file the page no longer has.
    pub fn restored(&self, sample: bool) {
        self.0.borrow_mut().shown = sample.then_some(Origin::Sample);
    }

    /// Whether the workbook on screen can be read again (another sheet or column, an export)
    /// without the user picking it again.
    pub fn export_needs(&self) -> ExportNeeds {
        if self.0.borrow().shown.is_some() {
            ExportNeeds::Nothing
        } else {
            ExportNeeds::TheFile
        }
    }

    /// Reads a picked or dropped file and has the worker analyse it.
    pub fn analyse_file(&self, file: web_sys::File) {
        self.analyse_picked(file, ImportOptions::default(), None);
    }

    /// Reads a file picked again after a reload, the way it was read before, and exports it
    /// under `decisions` once it is read.
    pub fn export_file(&self, file: web_sys::File, options: ImportOptions, decisions: Decisions) {
        self.analyse_picked(file, options, Some(Box::new(decisions)));
    }

    /// Reads a time log in a file of its own; its entries arrive as
    /// [`Action::TimeLogRead`]. The workbook on screen stays as it is.
    pub fn read_time_log(&self, file: web_sys::File) {
        let file_name = file.name();
        let task = Task::TimeLog {
            file_name: file_name.clone(),
        };
        let id = self.begin(Action::Reading(file_name.clone()), task);
        let request = Request::ReadTimeLog {
            id,
            name: file_name,
        };
        self.send(id, request, Some(file));
    }

    fn analyse_picked(
        &self,
        file: web_sys::File,
        options: ImportOptions,
        then_export: Option<Box<Decisions>>,
    ) {
        let task = Task::Analyse {
            origin: Origin::File(file.clone()),
            then_export,
        };
        let id = self.begin(Action::Reading(file.name()), task);
        let request = Request::Analyse {
            id,
            workbook: Workbook::File { name: file.name() },
            options,
        };
        self.send(id, request, Some(file));
    }

    /// Has the worker analyse the sample workbook it carries.
    pub fn analyse_sample(&self) {
        let task = Task::Analyse {
            origin: Origin::Sample,
            then_export: None,
        };
        let id = self.begin(Action::Reading(SAMPLE_NAME.into()), task);
        let request = Request::Analyse {
            id,
            workbook: Workbook::Sample,
            options: ImportOptions::default(),
        };
        Inner::send_if_awaited(&self.0, id, Ok((request, None)));
    }

    /// Reads the workbook on screen again with another sheet or other columns. False when the
    /// page no longer has it (reloaded since): the user must import it again.
    pub fn reread(&self, options: ImportOptions) -> bool {
        let (shown, holds) = self.shown();
        let Some(origin) = shown else { return false };
        let task = Task::Analyse {
            origin: origin.clone(),
            then_export: None,
        };
        let id = self.begin(Action::Reading(origin.name()), task);
        let (workbook, file) = match (holds, origin) {
            (true, _) => (Workbook::Kept, None),
            // A restarted worker is sent the file again, read afresh from the disk.
            (false, Origin::File(file)) => (Workbook::File { name: file.name() }, Some(file)),
            (false, Origin::Sample) => (Workbook::Sample, None),
        };
        let request = Request::Analyse {
            id,
            workbook,
            options,
        };
        self.send(id, request, file);
        true
    }

    /// Sends `request` (awaited under `id`), with the bytes of `file` when one is given: the
    /// file is read first, and the request dropped if the page stopped waiting meanwhile.
    fn send(&self, id: u32, request: Request, file: Option<web_sys::File>) {
        let Some(file) = file else {
            return Inner::send_if_awaited(&self.0, id, Ok((request, None)));
        };
        let inner = Rc::downgrade(&self.0);
        spawn_local(async move {
            let read = read_file(&file).await;
            let Some(inner) = inner.upgrade() else { return };
            Inner::send_if_awaited(&inner, id, read.map(|bytes| (request, Some(bytes))));
        });
    }

    fn shown(&self) -> (Option<Origin>, bool) {
        let inner = self.0.borrow();
        let holds = inner.running.as_ref().is_some_and(|r| r.holds_shown);
        (inner.shown.clone(), holds)
    }

    /// Has the worker write the annotated copy of the workbook on screen under `decisions`,
    /// read the way `options` say; the browser is offered it as a download.
    /// Nothing happens when [`Analyst::export_needs`] the file: see [`Analyst::export_file`].
    pub fn export(&self, options: ImportOptions, decisions: Decisions) {
        let (shown, holds) = self.shown();
        let Some(shown) = shown else { return };
        let id = self.begin(Action::Exporting, Task::Export { reload: !holds });
        // A restarted worker is sent the workbook again (a file read afresh from the disk).
        let (reload, file) = match (holds, shown) {
            (true, _) => (None, None),
            (false, origin) => {
                let file = match &origin {
                    Origin::File(file) => Some(file.clone()),
                    Origin::Sample => None,
                };
                (Some((origin.workbook(), options)), file)
            }
        };
        let request = Request::Export {
            id,
            reload,
            decisions: Box::new(decisions),
        };
        self.send(id, request, file);
    }

    /// Drops the workbook on screen, here and in the worker, and any answer still awaited.
    pub fn forget(&self) {
        let mut inner = self.0.borrow_mut();
        inner.awaited = None;
        inner.shown = None;
        if let Some(running) = &mut inner.running {
            running.holds_shown = false;
            let _ = running.send(Request::Forget, None);
        }
    }

    /// Reports `started`, and awaits the task under a new id (any earlier one is dropped).
    fn begin(&self, started: Action, task: Task) -> u32 {
        let (id, report) = {
            let mut inner = self.0.borrow_mut();
            inner.next_id = inner.next_id.wrapping_add(1);
            let id = inner.next_id;
            inner.awaited = Some((id, task));
            inner.arm(id);
            (id, inner.report.clone())
        };
        report.emit(started);
        id
    }
}

impl Running {
    fn send(&mut self, request: Request, bytes: Option<js_sys::Uint8Array>) -> Result<(), String> {
        let envelope = wrap(&request, bytes.as_ref()).map_err(|e| e.to_string())?;
        if self.ready {
            self.worker
                .post_message_with_transfer(&envelope.data, &envelope.transfer)
                .map_err(|e| format!("{e:?}"))
        } else {
            self.waiting.push(envelope);
            Ok(())
        }
    }
}

impl Inner {
    /// Gives the worker [`PATIENCE_MS`] to answer request `id`; an earlier deadline is dropped.
    fn arm(&mut self, id: u32) {
        let this = self.this.clone();
        self.deadline = Some(Timeout::new(PATIENCE_MS, move || {
            if let Some(inner) = this.upgrade() {
                let actions = inner.borrow_mut().on_timeout(id);
                Inner::report(&inner, actions);
            }
        }));
    }

    /// The worker has not answered `id` in time: something in the file keeps the reader busy
    /// without end. End that worker, say so, and start a fresh one.
    fn on_timeout(&mut self, id: u32) -> Vec<Action> {
        let task = match self.awaited.take() {
            Some((awaited, task)) if awaited == id => task,
            other => {
                self.awaited = other;
                return Vec::new();
            }
        };
        if let Some(running) = self.running.take() {
            running.worker.terminate();
        }
        let minutes = PATIENCE_MS / 60_000;
        let kept = if self.shown.is_some() {
            " The review on screen is unchanged."
        } else {
            ""
        };
        let message = match task {
            Task::Analyse { origin, .. } => format!(
                "Account Lens gave up reading “{}” after {minutes} minutes. Save the workbook as a new copy in Excel or LibreOffice with only the sheets you need, and import that.{kept}",
                origin.name()
            ),
            Task::Export { .. } => format!(
                "Account Lens gave up writing the annotated workbook after {minutes} minutes. Export again; if it stops again, save the workbook as a new copy in Excel or LibreOffice, and import that.{kept}"
            ),
            Task::TimeLog { file_name } => format!(
                "Account Lens gave up reading the time log “{file_name}” after {minutes} minutes. Save it as a new copy with only the time sheet, and import that.{kept}"
            ),
        };
        let mut actions = vec![Action::Failed(message)];
        if let Err(message) = self.running() {
            actions.push(Action::Failed(message));
        }
        actions
    }

    /// The worker, started if it is not running.
    fn running(&mut self) -> Result<&mut Running, String> {
        if self.running.is_none() {
            self.generations = self.generations.wrapping_add(1);
            self.running = Some(self.spawn(self.generations)?);
        }
        self.running
            .as_mut()
            .ok_or_else(|| CANNOT_START.to_string())
    }

    fn spawn(&self, generation: u32) -> Result<Running, String> {
        let url = worker_url().ok_or_else(|| {
            web_sys::console::error_1(
                &"Account Lens: the page's module is not known (assets/boot.js did not start it)"
                    .into(),
            );
            CANNOT_START.to_string()
        })?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&url, &options).map_err(|e| {
            web_sys::console::error_2(&"Account Lens: the worker did not start".into(), &e);
            CANNOT_START.to_string()
        })?;
        let this = self.this.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if let Some(inner) = this.upgrade() {
                    let actions = inner.borrow_mut().on_message(generation, &event.data());
                    Inner::report(&inner, actions);
                }
            },
        );
        let this = self.this.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            // Logged here once, not again as an uncaught error of the page.
            event.prevent_default();
            let detail = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_else(|| "the worker's script did not load".to_string());
            web_sys::console::error_1(&format!("Account Lens worker: {detail}").into());
            if let Some(inner) = this.upgrade() {
                let actions = inner.borrow_mut().on_failure(generation);
                Inner::report(&inner, actions);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Running {
            worker,
            generation,
            ready: false,
            waiting: Vec::new(),
            holds_shown: false,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request (or reports why it could not be read or sent), unless the page has
    /// stopped waiting for it in the meantime (a Clear, a newer request).
    fn send_if_awaited(
        inner: &Rc<RefCell<Inner>>,
        id: u32,
        request: Result<(Request, Option<js_sys::Uint8Array>), String>,
    ) {
        let actions = {
            let mut this = inner.borrow_mut();
            if this.awaited.as_ref().map(|(awaited, _)| *awaited) != Some(id) {
                return;
            }
            let sent = request.and_then(|(request, bytes)| this.running()?.send(request, bytes));
            match sent {
                Ok(()) => Vec::new(),
                Err(message) => {
                    this.awaited = None;
                    vec![Action::Failed(message)]
                }
            }
        };
        Inner::report(inner, actions);
    }

    /// Hands actions to the page, with the worker state no longer borrowed (the page may ask
    /// for more while it renders).
    fn report(inner: &Rc<RefCell<Inner>>, actions: Vec<Action>) {
        let report = inner.borrow().report.clone();
        for action in actions {
            report.emit(action);
        }
    }

    fn current(&mut self, generation: u32) -> Option<&mut Running> {
        self.running
            .as_mut()
            .filter(|running| running.generation == generation)
    }

    /// Takes the awaited task when `id` is the one awaited.
    fn take_awaited(&mut self, id: u32) -> Option<Task> {
        match self.awaited.take() {
            Some((awaited, task)) if awaited == id => {
                // Answered: the deadline is not needed (this runs in a message handler, never
                // in the deadline's own callback).
                self.deadline = None;
                Some(task)
            }
            other => {
                self.awaited = other;
                None
            }
        }
    }

    fn on_message(&mut self, generation: u32, data: &wasm_bindgen::JsValue) -> Vec<Action> {
        if self.current(generation).is_none() {
            return Vec::new();
        }
        let (reply, bytes) = match unwrap::<Reply>(data) {
            Ok(message) => message,
            Err(e) => {
                web_sys::console::error_1(&e.to_string().into());
                self.awaited = None;
                return vec![Action::Failed(UNREADABLE_REPLY.to_string())];
            }
        };
        match reply {
            Reply::Ready => {
                let Some(running) = self.current(generation) else {
                    return Vec::new();
                };
                running.ready = true;
                for envelope in std::mem::take(&mut running.waiting) {
                    if let Err(e) = running
                        .worker
                        .post_message_with_transfer(&envelope.data, &envelope.transfer)
                    {
                        web_sys::console::error_1(&e);
                    }
                }
                Vec::new()
            }
            Reply::Progress { id, stage } => match &self.awaited {
                Some((awaited, _)) if *awaited == id => vec![Action::Progress(stage)],
                _ => Vec::new(),
            },
            Reply::Analysed { id, analysis } => match self.take_awaited(id) {
                Some(Task::Analyse {
                    origin,
                    then_export,
                }) => {
                    let mut analysis = *analysis;
                    match bytes.map(|b| accounts_codec::decode(&b.to_vec())) {
                        Some(Ok(accounts)) => analysis.dataset.accounts = accounts,
                        other => {
                            if let Some(Err(e)) = other {
                                web_sys::console::error_1(&e.to_string().into());
                            }
                            return vec![Action::Failed(UNREADABLE_REPLY.to_string())];
                        }
                    }
                    self.shown = Some(origin);
                    if let Some(running) = self.current(generation) {
                        running.holds_shown = true;
                    }
                    let analysis = Rc::new(analysis);
                    let mut actions = vec![Action::Reviewed(analysis.clone())];
                    if let Some(decisions) = then_export {
                        // The export is of what the page shows once this lands.
                        let decisions = carried_over(&analysis, Some(*decisions));
                        actions.extend(self.export_kept(generation, decisions));
                    }
                    actions
                }
                _ => Vec::new(),
            },
            Reply::Exported { id, file_name } => match self.take_awaited(id) {
                Some(Task::Export { reload }) => {
                    if reload {
                        if let Some(running) = self.current(generation) {
                            running.holds_shown = true;
                        }
                    }
                    let offered = bytes
                        .ok_or(())
                        .and_then(|bytes| offer(&bytes, &file_name, XLSX_TYPE).map_err(|_| ()));
                    vec![match offered {
                        Ok(()) => Action::Exported,
                        Err(()) => Action::Failed(REFUSED.to_string()),
                    }]
                }
                _ => Vec::new(),
            },
            Reply::TimeLogRead {
                id,
                file_name,
                log,
                notes,
            } => match self.take_awaited(id) {
                Some(Task::TimeLog { .. }) => vec![Action::TimeLogRead {
                    file_name,
                    log,
                    notes,
                }],
                _ => Vec::new(),
            },
            Reply::Failed { id, message } => match self.take_awaited(id) {
                Some(_) => vec![Action::Failed(message)],
                None => Vec::new(),
            },
        }
    }

    /// Asks the worker (which has just read the workbook on screen) for its annotated copy.
    fn export_kept(&mut self, generation: u32, decisions: Decisions) -> Vec<Action> {
        self.next_id = self.next_id.wrapping_add(1);
        let id = self.next_id;
        self.awaited = Some((id, Task::Export { reload: false }));
        self.arm(id);
        let request = Request::Export {
            id,
            reload: None,
            decisions: Box::new(decisions),
        };
        let sent = match self.current(generation) {
            Some(running) => running.send(request, None),
            None => Err(CANNOT_START.to_string()),
        };
        match sent {
            Ok(()) => vec![Action::Exporting],
            Err(message) => {
                self.awaited = None;
                vec![Action::Failed(message)]
            }
        }
    }

    /// The worker stopped (a panic, an error it did not catch) or never started: end it, tell
    /// the user what was lost, and start a fresh one.
    fn on_failure(&mut self, generation: u32) -> Vec<Action> {
        let Some(running) = self.running.take_if(|r| r.generation == generation) else {
            return Vec::new();
        };
        running.worker.terminate();
        let started = running.ready;
        drop(running);
        let mut actions = Vec::new();
        if let Some((_, task)) = self.awaited.take() {
            let kept = if self.shown.is_some() {
                " The review on screen is unchanged."
            } else {
                ""
            };
            let message = match (started, task) {
                (false, _) => CANNOT_START.to_string(),
                (true, Task::Analyse { origin, .. }) => format!(
                    "Account Lens stopped while reading “{}”: the file looks damaged. Open it in Excel or LibreOffice, save a new copy, and import that.{kept}",
                    origin.name()
                ),
                (true, Task::Export { .. }) => format!(
                    "Account Lens stopped while writing the annotated workbook. Export again; if it stops again, open the workbook in Excel or LibreOffice, save a new copy, and import that.{kept}"
                ),
                (true, Task::TimeLog { file_name }) => format!(
                    "Account Lens stopped while reading the time log “{file_name}”: the file looks damaged. Open it in Excel or LibreOffice, save a new copy, and import that.{kept}"
                ),
            };
            actions.push(Action::Failed(message));
        }
        // A worker that never started would fail again at once: the next request tries anew.
        if started {
            if let Err(message) = self.running() {
                actions.push(Action::Failed(message));
            }
        }
        actions
    }
}

/// `worker_boot.js?js=…&wasm=…`: the worker's script, told the files of the module the page
/// runs. None when the page was not started by `assets/boot.js`.
fn worker_url() -> Option<String> {
    let module = js_sys::Reflect::get(&js_sys::global(), &MODULE_GLOBAL.into()).ok()?;
    let field = |name: &str| {
        js_sys::Reflect::get(&module, &name.into())
            .ok()?
            .as_string()
            .map(|url| String::from(js_sys::encode_uri_component(&url)))
    };
    Some(format!(
        "{WORKER_URL}?js={}&wasm={}",
        field("js")?,
        field("wasm")?
    ))
}
