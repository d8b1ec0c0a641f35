//! The saved document on disk: its versions, the step from each version to the next, and why
//! a document could not be read.
//!
//! | version | layout                                                                         |
//! |---------|--------------------------------------------------------------------------------|
//! | 1       | `file_name`, `source`, `mapping`, `dataset`, the settings under `thresholds`;  |
//! |         | no overrides                                                                   |
//! | 2       | settings under `settings`; `overrides` {account → {category, note}}            |
//! | 3       | `sample` (bool), `options` {sheet, overrides}, `reading` {sheets, headers,      |
//! |         | preview} for "Check the reading" after a reload                                 |
//! | 4       | `dataset.accounts` as base64 of [`crate::accounts_codec`] bytes, not a JSON     |
//! |         | array (a quarter of the size)                                                   |
//! | 5       | `sheet_log` (the workbook's time-log sheet) and `logged` (time logged in the    |
//! |         | app), `plan` (capacity, estimates, bounds), `sheet_estimates`; the accounts     |
//! |         | keep their sheet's hours (the page applies the logs); no `hours_source`         |
//! | 6       | `with_products` (the products are kept under a key of their own), `history`    |
//! |         | (the weekly snapshots, as text of [`crate::history_codec`]), `actions` (the     |
//! |         | rep's next actions)                                                             |
//!
//! Every document is a JSON object that starts with `{"version":N,`. A version this build does
//! not know (newer, or none) is [`Unreadable`]: it is kept aside, never overwritten.

use serde::Serialize;
use serde_json::{Map, Value};

use super::Saved;

/// The version this build writes.
pub const SCHEMA_VERSION: u32 = 6;

type Object = Map<String, Value>;

/// One step: a document of version `n` to version `n + 1`, at index `n - 1`.
const STEPS: [fn(Object) -> Result<Object, String>; SCHEMA_VERSION as usize - 1] =
    [v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5, v5_to_v6];

/// Why a saved document could not be read. [`Unreadable::user_message`] is for the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON at all (written by something else, or edited by hand).
    NotJson(String),
    /// JSON, but not an object with a known `version`.
    NoVersion,
    /// Written by a newer build of Account Lens than this one.
    Newer { version: u64 },
    /// A known version whose content does not fit it.
    Damaged { version: u32, detail: String },
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::NotJson(detail) => write!(f, "not JSON: {detail}"),
            Unreadable::NoVersion => write!(f, "no schema version"),
            Unreadable::Newer { version } => {
                write!(f, "schema version {version} is newer than {SCHEMA_VERSION}")
            }
            Unreadable::Damaged { version, detail } => {
                write!(f, "schema version {version} does not fit: {detail}")
            }
        }
    }
}

impl std::error::Error for Unreadable {}

impl Unreadable {
    /// What the page tells the user; the copy is kept aside, so nothing is lost yet.
    pub fn user_message(&self) -> String {
        let why = match self {
            Unreadable::Newer { .. } => {
                "Your saved review was made by a newer version of Account Lens and could not be read here"
            }
            _ => "Your saved review from an earlier visit could not be read",
        };
        format!(
            "{why}; it is kept aside in this browser, not deleted. Import your workbook again to \
             continue. \"Clear all data\" removes the kept copy."
        )
    }
}

/// The document as written: the version first, so a reader can tell it before anything else.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    #[serde(flatten)]
    saved: &'a Saved,
}

/// The JSON text of `saved`, at [`SCHEMA_VERSION`].
///
/// # Errors
/// A message naming the value when a number is not finite: JSON has no NaN, and a document
/// that would not read back must not replace one that does.
pub fn encode(saved: &Saved) -> Result<String, String> {
    if let Some(row) = saved.settings.rows().iter().find(|r| !r.value.is_finite()) {
        return Err(format!("the setting \"{}\" is not a number", row.label));
    }
    if let Some(what) = not_finite_in_plan(saved) {
        return Err(format!("{what} is not a number"));
    }
    if let Some(projection) = &saved.dataset.projection {
        if !projection.factor.is_finite() {
            return Err("the projection factor is not a number".into());
        }
    }
    serde_json::to_string(&Document {
        version: SCHEMA_VERSION,
        saved,
    })
    .map_err(|e| e.to_string())
}

/// The first value of the plan or the time log that JSON could not keep, named for the user.
fn not_finite_in_plan(saved: &Saved) -> Option<String> {
    let plan = &saved.plan;
    if !plan.capacity.is_finite() || !plan.step.is_finite() {
        return Some("the weekly capacity".into());
    }
    let finite = |e: &account_lens_engine::Estimates| {
        [e.none, e.half, e.more, e.saturation]
            .iter()
            .all(|v| v.is_finite())
    };
    if let Some(category) = account_lens_engine::Category::ALL
        .into_iter()
        .find(|c| !finite(plan.defaults.get(*c)))
    {
        return Some(format!("an estimate for {} accounts", category.label()));
    }
    if let Some((account, _)) = plan.estimates.iter().find(|(_, e)| !finite(e)) {
        return Some(format!("an estimate for {account}"));
    }
    if let Some((account, _)) = plan.bounds.iter().find(|(_, (min, max))| {
        min.is_some_and(|v| !v.is_finite()) || max.is_some_and(|v| !v.is_finite())
    }) {
        return Some(format!("the hours bound for {account}"));
    }
    saved
        .logged
        .entries
        .iter()
        .find(|e| !e.hours.is_finite())
        .map(|e| format!("the hours logged for {} on {}", e.account, e.date))
}

/// Reads the JSON text of a saved document of any known version.
///
/// # Errors
/// [`Unreadable`] when the text is not JSON, or as [`migrate`].
pub fn decode(text: &str) -> Result<Saved, Unreadable> {
    // A document of this version is read straight from its text (a large one in half the
    // time); an older one is migrated as a JSON tree first.
    if text.starts_with(&format!("{{\"version\":{SCHEMA_VERSION},")) {
        if let Ok(saved) = serde_json::from_str::<Saved>(text) {
            return Ok(saved);
        }
    }
    let document: Value =
        serde_json::from_str(text).map_err(|e| Unreadable::NotJson(e.to_string()))?;
    migrate(document)
}

/// Brings a document of any known version up to [`SCHEMA_VERSION`], one step at a time, and
/// reads it.
///
/// # Errors
/// [`Unreadable::NoVersion`] for anything but an object with a version of 1 or more,
/// [`Unreadable::Newer`] for a version this build does not know, [`Unreadable::Damaged`] when a
/// step or the final read fails.
pub fn migrate(document: Value) -> Result<Saved, Unreadable> {
    let Value::Object(mut object) = document else {
        return Err(Unreadable::NoVersion);
    };
    let found = object
        .get("version")
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or(Unreadable::NoVersion)?;
    let version = u32::try_from(found)
        .ok()
        .filter(|v| *v <= SCHEMA_VERSION)
        .ok_or(Unreadable::Newer { version: found })?;
    let damaged = |detail: String| Unreadable::Damaged { version, detail };
    for step in &STEPS[version as usize - 1..] {
        object = step(object).map_err(damaged)?;
    }
    // Unknown fields are ignored by the read, `version` among them. Read from text, as a
    // current document is: one deserialiser for every type in the page's wasm, not two.
    let text = Value::Object(object).to_string();
    serde_json::from_str(&text).map_err(|e| damaged(e.to_string()))
}

/// True when `text` starts the way a known version of this schema is written: such a value was
/// written whole by a build of Account Lens (a write to localStorage replaces a value entirely
/// or not at all), so it reads, and replacing it loses nothing the user has not moved on from.
pub fn is_known_document(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("{\"version\":") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let follows = rest.as_bytes().get(digits).copied();
    matches!(follows, Some(b',' | b'}'))
        && rest[..digits]
            .parse::<u32>()
            .is_ok_and(|v| (1..=SCHEMA_VERSION).contains(&v))
}

/// v1 → v2: the settings were called `thresholds`; overrides did not exist.
fn v1_to_v2(mut object: Object) -> Result<Object, String> {
    let settings = object
        .remove("thresholds")
        .ok_or("version 1 without \"thresholds\"")?;
    object.insert("settings".into(), settings);
    object.insert("overrides".into(), Value::Object(Map::new()));
    object.insert("version".into(), Value::from(2));
    Ok(object)
}

/// v2 → v3: what the page knew of the reading was not kept. A save of v2 was of a file the user
/// picked (the sample was not told apart), read as it came: the defaults say exactly that, and
/// "Check the reading" shows no preview until the workbook is imported again.
fn v2_to_v3(mut object: Object) -> Result<Object, String> {
    object.insert("sample".into(), Value::Bool(false));
    object.insert(
        "options".into(),
        as_tree(&account_lens_workbook::ImportOptions::default())?,
    );
    object.insert(
        "reading".into(),
        as_tree(&account_lens_workbook::reading::Reading::default())?,
    );
    object.insert("version".into(), Value::from(3));
    Ok(object)
}

/// v3 → v4: the accounts, a JSON array of objects, become base64 of compact bytes.
fn v3_to_v4(mut object: Object) -> Result<Object, String> {
    let dataset = object
        .get_mut("dataset")
        .and_then(Value::as_object_mut)
        .ok_or("no \"dataset\" object")?;
    let accounts = dataset
        .remove("accounts")
        .ok_or("no \"dataset.accounts\"")?;
    // Read from text, as the page reads everything: no second deserialiser for accounts.
    let accounts: Vec<account_lens_engine::Account> =
        serde_json::from_str(&accounts.to_string()).map_err(|e| e.to_string())?;
    let text = crate::accounts_codec::to_base64(&crate::accounts_codec::encode(&accounts));
    dataset.insert("accounts".into(), Value::String(text));
    object.insert("version".into(), Value::from(4));
    Ok(object)
}

/// v4 → v5: no time logged in the app, the plan's default settings. A v4 save whose hours came
/// from a time-log sheet kept the averages in the accounts: they stay, and the next import of
/// the workbook reads the sheet again.
fn v4_to_v5(mut object: Object) -> Result<Object, String> {
    object.remove("hours_source");
    object.insert("sheet_log".into(), Value::Null);
    object.insert(
        "logged".into(),
        as_tree(&account_lens_engine::TimeLog::default())?,
    );
    object.insert(
        "plan".into(),
        as_tree(&account_lens_engine::PlanSettings::default())?,
    );
    object.insert("sheet_estimates".into(), Value::Object(Map::new()));
    object.insert("version".into(), Value::from(5));
    Ok(object)
}

/// v5 → v6: no weeks saved yet, no next actions; the products were not kept.
fn v5_to_v6(mut object: Object) -> Result<Object, String> {
    object.insert("with_products".into(), Value::Bool(false));
    object.insert(
        "history".into(),
        Value::String(crate::history_codec::encode(&[])),
    );
    object.insert("actions".into(), Value::Array(Vec::new()));
    object.insert("version".into(), Value::from(6));
    Ok(object)
}

/// A value as a JSON tree, through its text: the page's wasm then carries one serialiser per
/// type (to text), not two.
fn as_tree<T: Serialize>(value: &T) -> Result<Value, String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}
