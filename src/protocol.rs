//! What the page and the worker say to each other.
//!
//! Every message is a JS object `{ message, bytes }`: `message` is a [`Request`] or a [`Reply`]
//! as a plain JS value (serde-wasm-bindgen), `bytes` the workbook that travels with it (a file
//! to analyse, the annotated export) or `undefined`. The bytes' `ArrayBuffer` is transferred,
//! not copied: after [`post`] the sender's buffer is empty.
//!
//! The worker keeps the last workbook it analysed, so an export request carries no bytes; only
//! a worker restarted since is sent the workbook again ([`Request::Export::reload`]).

use account_lens_engine::{Diagnostic, Projection, Review, Settings};
use account_lens_workbook::{Mapping, Source};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// A workbook read and analysed, as the page shows it: the review and what the screens say
/// about the source. The cells themselves stay in the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The name of the file as the user picked it.
    pub file_name: String,
    /// Where the accounts came from: sheet, shape, header row, rows read and skipped.
    pub source: Source,
    /// Which column holds which field.
    pub mapping: Mapping,
    /// Set when the current year is partial and sales are annualised.
    pub projection: Option<Projection>,
    /// What the reading noticed (rows skipped, values that could not be read).
    pub diagnostics: Vec<Diagnostic>,
    /// The settings the review used (from the workbook's `Settings` sheet, else the defaults).
    pub settings: Settings,
    pub review: Review,
}

/// Which workbook a request is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Workbook {
    /// The sample the worker carries: no bytes travel.
    Sample,
    /// A file the user picked; its bytes travel with the request.
    File { name: String },
}

impl Workbook {
    pub fn name(&self) -> &str {
        match self {
            Workbook::Sample => crate::load::SAMPLE_NAME,
            Workbook::File { name } => name,
        }
    }
}

/// From the page to the worker. `id` comes back on every reply to the request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Import and analyse a workbook; replies [`Reply::Analysed`]. On success the worker keeps
    /// the workbook for the export.
    Analyse { id: u32, workbook: Workbook },
    /// Write the annotated copy of the kept workbook; replies [`Reply::Exported`] with its bytes.
    /// `reload` is set when this worker has not seen the workbook (it was restarted): the worker
    /// imports it first.
    Export { id: u32, reload: Option<Workbook> },
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
    Analysed {
        id: u32,
        analysis: Box<Analysis>,
    },
    /// The annotated workbook; its bytes travel with the reply.
    Exported {
        id: u32,
        file_name: String,
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
    let value = serde_wasm_bindgen::to_value(message).map_err(|e| ProtocolError(e.to_string()))?;
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
    let message =
        serde_wasm_bindgen::from_value(get(MESSAGE)?).map_err(|e| ProtocolError(e.to_string()))?;
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
