//! What the page and the worker say to each other.
//!
//! Every message is a JS object `{ message, bytes }`: `message` is a [`Request`] or a [`Reply`]
//! as JSON text, `bytes` the workbook that travels with it (a file to analyse, the annotated
//! export) or `undefined`. JSON because the page already carries serde_json for its storage (one
//! set of (de)serialisers instead of two in the page's wasm), and one string crosses to the
//! other thread faster than a tree of JS objects with a property per field. The bytes'
//! `ArrayBuffer` is transferred, not copied: after [`post`] the sender's buffer is empty.
//!
//! The worker keeps the last workbook it analysed, so an export request carries no bytes; only
//! a worker restarted since is sent the workbook again ([`Request::Export::reload`]).

use std::collections::BTreeMap;

use std::rc::Rc;

use account_lens_engine::{
    Dataset, Estimates, NextAction, Overrides, PlanSettings, Settings, Snapshot, TimeLog,
};
use account_lens_workbook::reading::Reading;
use account_lens_workbook::{ImportOptions, Mapping, Source};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::products::Products;
use wasm_bindgen::{JsCast, JsValue};

/// A workbook read, as the page takes it over: the accounts and what the screens say about the
/// reading. The cells themselves stay in the worker; the rules run on the page, so a change of
/// a setting or an override needs no round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The name of the file as the user picked it.
    pub file_name: String,
    /// The sample the worker carries (it can be read again after a reload without the file).
    pub sample: bool,
    /// Where the accounts came from: sheet, shape, header row, rows read and skipped.
    pub source: Source,
    /// Which column holds which field.
    pub mapping: Mapping,
    /// The sheet and columns the user chose, to read the workbook the same way again.
    pub options: ImportOptions,
    /// Sheets, headers and the first rows, for "Check the reading".
    pub reading: Reading,
    /// The accounts, with the projection and what the reading noticed.
    pub dataset: Dataset,
    /// Settings saved in the workbook by an earlier export.
    pub settings: Option<Settings>,
    /// Overrides and notes saved in the workbook by an earlier export.
    pub overrides: Overrides,
    /// The workbook's own time-log sheet, if it has one: its name and entries. The page applies
    /// it (with the time logged in the app) to the accounts' hours; the accounts arrive with
    /// the hours of their sheet.
    #[serde(default)]
    pub time_log: Option<(String, TimeLog)>,
    /// Time logged in the app, restored from the `Activities` sheet of an earlier export.
    #[serde(default)]
    pub logged: TimeLog,
    /// The time plan's settings saved by an earlier export (capacity, default and own
    /// estimates, bounds).
    #[serde(default)]
    pub plan_settings: Option<PlanSettings>,
    /// Estimates per account from columns of the account sheet (`response_none` …).
    #[serde(default)]
    pub sheet_estimates: BTreeMap<String, Estimates>,
    /// The products analysis, when the workbook has product figures (order lines with a
    /// product column, an account × product sheet).
    #[serde(default)]
    pub products: Option<Products>,
    /// The weeks saved in the workbook's `History` sheet by an earlier export.
    #[serde(default)]
    pub history: Vec<Snapshot>,
    /// The next actions saved in the same sheet.
    #[serde(default)]
    pub next_actions: Vec<NextAction>,
}

/// What the rep decided on the page, which the export writes down: thresholds, category calls
/// and notes, the plan's settings, and the time logged in the app (or imported from a
/// separate time-log file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Decisions {
    pub settings: Settings,
    pub overrides: Overrides,
    pub plan: PlanSettings,
    pub logged: TimeLog,
    /// The weeks saved, oldest first (as compact text on the way to the worker).
    #[serde(default, with = "crate::storage::stored_history")]
    pub history: Rc<Vec<Snapshot>>,
    /// The rep's next actions.
    #[serde(default)]
    pub actions: Vec<NextAction>,
}

/// Which workbook a request is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Workbook {
    /// The sample the worker carries: no bytes travel.
    Sample,
    /// A file the user picked; its bytes travel with the request.
    File { name: String },
    /// The workbook the worker read last, read again another way (another sheet or column).
    Kept,
}

impl Workbook {
    /// The file name, when the request says it (the kept workbook's is the worker's to know).
    pub fn name(&self) -> Option<&str> {
        match self {
            Workbook::Sample => Some(crate::load::SAMPLE_NAME),
            Workbook::File { name } => Some(name),
            Workbook::Kept => None,
        }
    }
}

/// From the page to the worker. `id` comes back on every reply to the request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Import a workbook with the user's choice of sheet and columns; replies
    /// [`Reply::Analysed`]. On success the worker keeps the workbook for the export.
    Analyse {
        id: u32,
        workbook: Workbook,
        options: ImportOptions,
    },
    /// Write the annotated copy of the kept workbook under the page's decisions, with the
    /// week's time plan and the time logged; replies [`Reply::Exported`] with its bytes.
    /// `reload` is set when this worker does not hold the workbook (it was restarted, or the
    /// page reloaded): the worker imports it first.
    Export {
        id: u32,
        reload: Option<(Workbook, ImportOptions)>,
        decisions: Box<Decisions>,
    },
    /// Read a time log from a file of its own (its bytes travel with the request); replies
    /// [`Reply::TimeLogRead`]. The workbook kept is not touched.
    ReadTimeLog { id: u32, name: String },
    /// Drop the kept workbook ("Clear all data").
    Forget,
}

/// What the worker is doing, for the page's status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Reading,
    Analysing,
    Writing,
}

impl Stage {
    /// The status line, e.g. "Reading accounts.xlsx…".
    pub fn status(self, file_name: &str) -> String {
        match self {
            Stage::Reading => format!("Reading {file_name}…"),
            Stage::Analysing => format!("Analysing {file_name}…"),
            Stage::Writing => "Writing the annotated workbook…".to_string(),
        }
    }
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker has started and takes requests (earlier messages would be lost).
    Ready,
    Progress {
        id: u32,
        stage: Stage,
    },
    /// The workbook was read; its accounts travel as the bytes ([`crate::accounts_codec`]),
    /// `analysis.dataset.accounts` is empty on the wire.
    Analysed {
        id: u32,
        analysis: Box<Analysis>,
    },
    /// The annotated workbook; its bytes travel with the reply.
    Exported {
        id: u32,
        file_name: String,
    },
    /// The entries of a time-log file, and what its reading noticed, in the user's words.
    TimeLogRead {
        id: u32,
        file_name: String,
        log: TimeLog,
        notes: Vec<String>,
    },
    /// The request was refused; the message is for the user.
    Failed {
        id: u32,
        message: String,
    },
}

/// A message that could not be put on or taken off the wire: a bug, not a user's mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolError(pub String);

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "worker message: {}", self.0)
    }
}

impl std::error::Error for ProtocolError {}

const MESSAGE: &str = "message";
const BYTES: &str = "bytes";

/// A message ready for `postMessage`: the data, and the transfer list (the bytes' buffer).
pub struct Envelope {
    pub data: JsValue,
    pub transfer: js_sys::Array,
}

/// Wraps `message` and `bytes` for `postMessage`.
///
/// # Errors
/// When the message cannot be turned into a JS value.
pub fn wrap<T: Serialize>(
    message: &T,
    bytes: Option<&js_sys::Uint8Array>,
) -> Result<Envelope, ProtocolError> {
    let text = serde_json::to_string(message).map_err(|e| ProtocolError(e.to_string()))?;
    let value = JsValue::from_str(&text);
    let data = js_sys::Object::new();
    let transfer = js_sys::Array::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&data, &JsValue::from_str(key), value)
            .map(|_| ())
            .map_err(|_| ProtocolError(format!("cannot set {key}")))
    };
    set(MESSAGE, &value)?;
    if let Some(bytes) = bytes {
        // A view on part of a buffer (or on wasm memory) is copied into a buffer of its own,
        // which is then transferred.
        let whole = bytes.byte_offset() == 0 && bytes.buffer().byte_length() == bytes.length();
        let bytes = if whole {
            bytes.clone()
        } else {
            js_sys::Uint8Array::new(bytes)
        };
        set(BYTES, &bytes)?;
        transfer.push(&bytes.buffer());
    }
    Ok(Envelope {
        data: data.into(),
        transfer,
    })
}

/// Takes a message and its bytes off the data of a `MessageEvent`.
///
/// # Errors
/// When the data is not an envelope or its message is not a `T`.
pub fn unwrap<T: DeserializeOwned>(
    data: &JsValue,
) -> Result<(T, Option<js_sys::Uint8Array>), ProtocolError> {
    let get = |key: &str| {
        js_sys::Reflect::get(data, &JsValue::from_str(key))
            .map_err(|_| ProtocolError(format!("no {key}")))
    };
    let text = get(MESSAGE)?
        .as_string()
        .ok_or_else(|| ProtocolError("the message is not text".into()))?;
    let message = serde_json::from_str(&text).map_err(|e| ProtocolError(e.to_string()))?;
    let bytes = get(BYTES)?.dyn_into::<js_sys::Uint8Array>().ok();
    Ok((message, bytes))
}

/// Posts `message` (and `bytes`, transferred) to a worker, or from a worker to the page.
///
/// # Errors
/// When the message cannot be wrapped or the browser refuses to post it.
pub fn post<T: Serialize>(
    target: &impl PostMessage,
    message: &T,
    bytes: Option<&js_sys::Uint8Array>,
) -> Result<(), ProtocolError> {
    let envelope = wrap(message, bytes)?;
    target
        .post(&envelope.data, &envelope.transfer)
        .map_err(|e| ProtocolError(format!("postMessage refused: {e:?}")))
}

/// The two ends that take `postMessage(data, transfer)`.
pub trait PostMessage {
    /// # Errors
    /// The browser's refusal.
    fn post(&self, data: &JsValue, transfer: &js_sys::Array) -> Result<(), JsValue>;
}

impl PostMessage for web_sys::Worker {
    fn post(&self, data: &JsValue, transfer: &js_sys::Array) -> Result<(), JsValue> {
        self.post_message_with_transfer(data, transfer)
    }
}

impl PostMessage for web_sys::DedicatedWorkerGlobalScope {
    fn post(&self, data: &JsValue, transfer: &js_sys::Array) -> Result<(), JsValue> {
        self.post_message_with_transfer(data, transfer)
    }
}
