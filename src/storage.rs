//! What survives a reload: the analysed accounts (not the raw file), the mapping, the settings,
//! the overrides and notes, kept in the browser's localStorage. This module is the only code of
//! the page that touches localStorage.
//!
//! - One document, [`Saved`], under [`STATE_KEY`], as JSON that starts with its schema version.
//!   Older versions are migrated on load, step by step ([`schema`]).
//! - A document this build cannot read (damaged, or from a newer version) is moved to
//!   `account-lens/unreadable/<milliseconds>` and never overwritten; [`load`] says so in a
//!   [`LoadNotice`].
//! - Storage full or blocked: [`save`] answers [`SaveOutcome::NotSaved`] with a message for the
//!   user, the work stays in memory, and the last good save is untouched (a localStorage write
//!   replaces a value whole or not at all; nothing is removed before a write succeeds).
//! - [`clear`] removes everything of Account Lens, kept-aside copies included.
//!
//! The logic ([`load_in`], [`save_in`], [`clear_in`]) runs over any [`KeyValue`], so it is tested
//! natively with a [`MemoryStore`] that can be full or blocked; [`load`], [`save`] and [`clear`]
//! run it over the browser's [`LocalStore`].
//!
//! ```
//! use account_lens_web::storage::{load_in, save_in, MemoryStore, SaveOutcome, Saved};
//!
//! let mut store = MemoryStore::default();
//! let saved = Saved { file_name: "accounts.xlsx".into(), ..Saved::example() };
//! assert!(matches!(save_in(&mut store, &saved), SaveOutcome::Saved { .. }));
//! let loaded = load_in(&mut store, 1_767_225_600_000);
//! assert_eq!(loaded.saved, Some(saved));
//! assert_eq!(loaded.notice, None);
//! ```
//!
//! Wiring in the page (a sketch: the names of the app's state are the lead's):
//!
//! ```ignore
//! // Once, before the first render: restore, and keep the notice to show.
//! let restored = use_memo((), |()| storage::load());
//! // restored.saved → the initial state (analyze(&saved.dataset, &saved.settings));
//! // restored.notice.map(|n| n.user_message()) → a visible notice.
//!
//! // After every change of what is saved, never inside reduce():
//! use_effect_with(state.saved(), {
//!     let dispatch = state.dispatcher();
//!     move |saved: &Option<Rc<Saved>>| {
//!         if let Some(saved) = saved {
//!             // None when saved, Some("Not saved: …") to show while the work goes on.
//!             dispatch.dispatch(Action::SaveResult(storage::save(saved).user_message()));
//!         }
//!     }
//! });
//!
//! // "Clear all data", after the confirmation:
//! if let Err(e) = storage::clear() { /* show e's message: the data could not be removed */ }
//! ```

mod local;
pub mod schema;
mod store;

use std::collections::BTreeMap;
use std::rc::Rc;

use account_lens_engine::{
    Dataset, Estimates, NextAction, PlanSettings, Settings, Snapshot, TimeLog,
};
pub use account_lens_engine::{Override, Overrides};
use account_lens_workbook::reading::Reading;
use account_lens_workbook::{ImportOptions, Mapping, Source};

use crate::products::Products;
use crate::protocol::{Analysis, Decisions};
use serde::{Deserialize, Serialize};

pub use local::{now_ms, LocalStore};
pub use schema::{decode, encode, migrate, Unreadable, SCHEMA_VERSION};
pub use store::{KeyValue, MemoryStore, StoreError};

/// Every key of Account Lens starts with this; [`clear`] removes them all.
pub const KEY_PREFIX: &str = "account-lens/";
/// The products analysis of the saved review, with the name of its file.
pub const PRODUCTS_KEY: &str = "account-lens/products";
/// The saved review. One key for every schema version: the version is inside the document, so
/// a newer build finds an older save where it left it.
pub const STATE_KEY: &str = "account-lens/state";
/// localStorage's quota in Chromium, Firefox and Safari: 5 Mi characters per origin, every key
/// and value counted.
pub const MOST_ANY_BROWSER_KEEPS: usize = 5 * 1024 * 1024;
/// Unreadable documents are moved under this, followed by the time in milliseconds.
pub const UNREADABLE_PREFIX: &str = "account-lens/unreadable/";

/// What is kept between visits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The name of the file as the user picked it.
    pub file_name: String,
    /// The sample workbook (which the page can read again without the file).
    #[serde(default)]
    pub sample: bool,
    /// Sheet, shape, header row, rows read and skipped: the reading report.
    pub source: Source,
    pub mapping: Mapping,
    /// The sheet and columns the user chose, to read the workbook the same way again.
    #[serde(default)]
    pub options: ImportOptions,
    /// Sheets, headers and the first rows, for "Check the reading".
    #[serde(default)]
    pub reading: Reading,
    /// The accounts as imported, with the hours of their sheet (the time logs are applied to
    /// them on the page), the projection and the reading's diagnostics. Shared:
    /// a change of a setting or a note does not copy them. Kept as compact bytes in base64
    /// ([`crate::accounts_codec`]): a quarter of the JSON, so larger books fit.
    #[serde(with = "stored_dataset")]
    pub dataset: Rc<Dataset>,
    pub settings: Settings,
    /// What the user changed per account, by account name.
    #[serde(default)]
    pub overrides: Overrides,
    /// The workbook's own time-log sheet: its name and entries (read again with the workbook).
    #[serde(default)]
    pub sheet_log: Option<(String, TimeLog)>,
    /// Time logged in the app or imported from separate files; carried over to next week's
    /// workbook.
    #[serde(default)]
    pub logged: TimeLog,
    /// The time plan's capacity, default and own estimates, and bounds.
    #[serde(default)]
    pub plan: PlanSettings,
    /// Estimates per account from columns of the account sheet.
    #[serde(default)]
    pub sheet_estimates: BTreeMap<String, Estimates>,
    /// The workbook has product figures: the page shows a products analysis of them.
    #[serde(default)]
    pub with_products: bool,
    /// The weekly snapshots saved ("Save this week's review"), oldest first, one per ISO week.
    /// Kept as text of [`crate::history_codec`]: two years of a 2,000-account book in about a
    /// million characters.
    #[serde(default, with = "stored_history")]
    pub history: Rc<Vec<Snapshot>>,
    /// The rep's next actions per account, in the order they were added.
    #[serde(default)]
    pub actions: Vec<NextAction>,
    /// That analysis. Kept under a key of its own ([`PRODUCTS_KEY`]): a large one that does
    /// not fit leaves the rest of the review saved. `None` after a reload when it did not fit.
    #[serde(skip)]
    pub products: Option<Rc<Products>>,
}

impl Saved {
    /// What to keep of a workbook read in the worker, reviewed under `decisions`.
    pub fn from_analysis(analysis: Analysis, decisions: Decisions) -> Saved {
        let Decisions {
            settings,
            overrides,
            plan,
            logged,
            history,
            actions,
        } = decisions;
        Saved {
            file_name: analysis.file_name,
            sample: analysis.sample,
            source: analysis.source,
            mapping: analysis.mapping,
            options: analysis.options,
            reading: analysis.reading,
            dataset: Rc::new(analysis.dataset),
            settings,
            overrides,
            sheet_log: analysis.time_log,
            logged,
            plan,
            sheet_estimates: analysis.sheet_estimates,
            with_products: analysis.products.is_some(),
            products: analysis.products.map(Rc::new),
            history,
            actions,
        }
    }

    /// What the rep decided on this workbook, for the export and for next week's file.
    pub fn decisions(&self) -> Decisions {
        Decisions {
            settings: self.settings.clone(),
            overrides: self.overrides.clone(),
            plan: self.plan.clone(),
            logged: self.logged.clone(),
            history: self.history.clone(),
            actions: self.actions.clone(),
        }
    }

    /// A small document with no accounts, for examples and tests.
    pub fn example() -> Saved {
        Saved {
            file_name: "example.xlsx".into(),
            sample: false,
            source: Source {
                format: account_lens_workbook::grid::Format::Xlsx,
                sheet: "Accounts".into(),
                shape: account_lens_workbook::Shape::Accounts,
                header_row: 1,
                rows_read: 0,
                rows_skipped: 0,
                text_details: None,
            },
            mapping: Mapping::default(),
            options: ImportOptions::default(),
            reading: Reading::default(),
            dataset: Rc::new(Dataset::default()),
            settings: Settings::default(),
            overrides: Overrides::new(),
            sheet_log: None,
            logged: TimeLog::default(),
            plan: PlanSettings::default(),
            sheet_estimates: BTreeMap::new(),
            with_products: false,
            products: None,
            history: Rc::new(Vec::new()),
            actions: Vec::new(),
        }
    }
}

/// The dataset as the document keeps it: the accounts as base64 of [`crate::accounts_codec`] bytes,
/// the rest as JSON.
mod stored_dataset {
    use std::rc::Rc;

    use account_lens_engine::{Dataset, Diagnostic, Projection};
    use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

    use crate::accounts_codec::{decode, encode, from_base64, to_base64};

    #[derive(Serialize)]
    struct Out<'a> {
        accounts: String,
        projection: &'a Option<Projection>,
        without_prior_year: bool,
        diagnostics: &'a [Diagnostic],
    }

    #[derive(Deserialize)]
    struct In {
        accounts: String,
        projection: Option<Projection>,
        #[serde(default)]
        without_prior_year: bool,
        diagnostics: Vec<Diagnostic>,
    }

    pub fn serialize<S: Serializer>(dataset: &Rc<Dataset>, s: S) -> Result<S::Ok, S::Error> {
        Out {
            accounts: to_base64(&encode(&dataset.accounts)),
            projection: &dataset.projection,
            without_prior_year: dataset.without_prior_year,
            diagnostics: &dataset.diagnostics,
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Rc<Dataset>, D::Error> {
        let stored = In::deserialize(d)?;
        let accounts = from_base64(&stored.accounts)
            .and_then(|bytes| decode(&bytes))
            .map_err(D::Error::custom)?;
        Ok(Rc::new(Dataset {
            accounts,
            projection: stored.projection,
            without_prior_year: stored.without_prior_year,
            diagnostics: stored.diagnostics,
        }))
    }
}

/// The weekly snapshots as the document keeps them: text of [`crate::history_codec`].
pub(crate) mod stored_history {
    use std::cell::RefCell;
    use std::rc::{Rc, Weak};

    use account_lens_engine::Snapshot;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    use crate::history_codec::{decode, encode};

    thread_local! {
        /// The weeks last encoded and their text: a save after a note or a setting changed
        /// writes the same weeks again, and two years of a large book take tens of
        /// milliseconds to encode.
        static LAST: RefCell<Option<Encoded>> = const { RefCell::new(None) };
    }

    /// Weeks and their text.
    type Encoded = (Weak<Vec<Snapshot>>, Rc<str>);

    pub fn serialize<S: Serializer>(history: &Rc<Vec<Snapshot>>, s: S) -> Result<S::Ok, S::Error> {
        let cached = LAST.with_borrow(|last| {
            last.as_ref()
                .filter(|(weeks, _)| weeks.upgrade().is_some_and(|w| Rc::ptr_eq(&w, history)))
                .map(|(_, text)| Rc::clone(text))
        });
        let text = cached.unwrap_or_else(|| {
            let text: Rc<str> = encode(history).into();
            LAST.set(Some((Rc::downgrade(history), Rc::clone(&text))));
            text
        });
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Rc<Vec<Snapshot>>, D::Error> {
        let text = String::deserialize(d)?;
        decode(&text).map(Rc::new).map_err(D::Error::custom)
    }
}

/// What [`load`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The review of the last visit, brought up to this version.
    pub saved: Option<Saved>,
    /// Something the user should be told, once.
    pub notice: Option<LoadNotice>,
    /// Unreadable copies kept aside in this browser, from this visit and earlier ones.
    pub kept_aside: usize,
}

/// Why [`load`] restored nothing although something may have been saved.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadNotice {
    /// The saved document could not be read; it was moved to `key`.
    KeptAside { key: String, reason: Unreadable },
    /// The saved document could not be read, and there was no room to move it: it stays where
    /// it is, and [`save`] will not overwrite it until [`clear`].
    KeptInPlace { reason: Unreadable },
    /// localStorage cannot be used: nothing is restored and nothing will be saved.
    Unavailable(StoreError),
}

impl LoadNotice {
    /// The notice the page shows.
    pub fn user_message(&self) -> String {
        match self {
            LoadNotice::KeptAside { reason, .. } => reason.user_message(),
            LoadNotice::KeptInPlace { reason } => format!(
                "{} Until then, changes are not saved: there is no room to set it aside.",
                reason.user_message()
            ),
            LoadNotice::Unavailable(_) => "This browser does not let Account Lens keep data \
                (site data blocked, or a private window): nothing from an earlier visit can be \
                restored, and your work here is not kept after a reload."
                .into(),
        }
    }
}

/// What [`save`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOutcome {
    /// The document is stored; `chars` is its length (browsers count the quota in characters).
    Saved { chars: usize },
    /// The document is stored, its products analysis not: it did not fit beside it.
    SavedWithoutProducts { chars: usize },
    /// Nothing was written: the last good save is as it was.
    NotSaved(NotSaved),
}

impl SaveOutcome {
    /// `None` when saved, else the notice the page shows while the work goes on in memory.
    pub fn user_message(&self) -> Option<String> {
        match self {
            SaveOutcome::Saved { .. } => None,
            SaveOutcome::SavedWithoutProducts { .. } => Some(PRODUCTS_NOT_KEPT.to_string()),
            SaveOutcome::NotSaved(why) => Some(why.user_message()),
        }
    }
}

const PRODUCTS_NOT_KEPT: &str = "Saved, except the products analysis: it is too large for \
    this browser's storage beside the review. It stays on this page until a reload; after one, \
    import the workbook again to see the products.";

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSaved {
    /// The browser's storage for the page is full.
    Full,
    /// localStorage cannot be used; the detail is the browser's, for developers.
    Blocked(String),
    /// An unreadable document sits at [`STATE_KEY`] and must not be overwritten.
    UnreadableInTheWay,
    /// The document would not read back (a setting that is not a number).
    Invalid(String),
}

impl From<StoreError> for NotSaved {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Full => NotSaved::Full,
            StoreError::Blocked(detail) => NotSaved::Blocked(detail),
        }
    }
}

impl NotSaved {
    /// The notice the page shows.
    pub fn user_message(&self) -> String {
        match self {
            NotSaved::Full => "Not saved: this browser's storage for Account Lens is full. Your \
                work continues on this page; a reload brings back the review as it was last \
                saved, without the latest changes."
                .into(),
            NotSaved::Blocked(_) => "Not saved: this browser does not let Account Lens keep data \
                (site data blocked, or a private window). Your work continues on this page, but \
                a reload starts over."
                .into(),
            NotSaved::UnreadableInTheWay => "Not saved: a saved review this page cannot read is \
                kept in this browser, and there is no room to set it aside. Your work continues \
                on this page. \"Clear all data\" removes the old copy, and saving works again."
                .into(),
            NotSaved::Invalid(detail) => format!(
                "Not saved: {detail}. Your work continues on this page; the review saved before \
                 stays as it was."
            ),
        }
    }
}

/// Reads the saved review from `store`, migrating an older version. An unreadable document is
/// moved to `account-lens/unreadable/<now_ms>` (never deleted) and reported.
pub fn load_in(store: &mut dyn KeyValue, now_ms: u64) -> Loaded {
    let text = match store.get(STATE_KEY) {
        Ok(text) => text,
        Err(error) => {
            return Loaded {
                saved: None,
                notice: Some(LoadNotice::Unavailable(error)),
                kept_aside: 0,
            }
        }
    };
    let (saved, notice) = match text.as_deref().map(decode) {
        None => (None, None),
        Some(Ok(mut saved)) => {
            saved.products = load_products_in(store, &saved);
            (Some(saved), None)
        }
        Some(Err(reason)) => {
            let text = text.unwrap_or_default();
            let notice = match keep_aside(store, &text, now_ms) {
                Ok(key) => LoadNotice::KeptAside { key, reason },
                Err(_) => LoadNotice::KeptInPlace { reason },
            };
            (None, Some(notice))
        }
    };
    let kept_aside = store.keys().map_or(0, |keys| {
        keys.iter()
            .filter(|k| k.starts_with(UNREADABLE_PREFIX))
            .count()
    });
    Loaded {
        saved,
        notice,
        kept_aside,
    }
}

/// The products analysis kept for `saved`, if it has one and it reads: one kept for another
/// file (a save interrupted between the two keys) is not taken for it.
fn load_products_in(store: &mut dyn KeyValue, saved: &Saved) -> Option<Rc<Products>> {
    if !saved.with_products {
        return None;
    }
    let text = store.get(PRODUCTS_KEY).ok()??;
    let kept: KeptProducts = serde_json::from_str(&text).ok()?;
    (kept.file_name == saved.file_name).then(|| Rc::new(kept.products))
}

/// What [`PRODUCTS_KEY`] holds.
#[derive(Serialize, Deserialize)]
struct KeptProducts {
    file_name: String,
    products: Products,
}

/// Copies `text` to a fresh kept-aside key, then removes it from [`STATE_KEY`]: the original
/// goes only once the copy is in place.
fn keep_aside(store: &mut dyn KeyValue, text: &str, now_ms: u64) -> Result<String, StoreError> {
    let keys = store.keys()?;
    let base = format!("{UNREADABLE_PREFIX}{now_ms}");
    let mut key = base.clone();
    let mut n = 0;
    while keys.contains(&key) {
        n += 1;
        key = format!("{base}-{n}");
    }
    store.set(&key, text)?;
    // Should the removal fail, the original stays too, and save() leaves it alone.
    let _ = store.remove(STATE_KEY);
    Ok(key)
}

/// Writes `saved` to `store` under [`STATE_KEY`], replacing the last save.
///
/// Nothing is removed first: when the write fails (full, blocked) the last good save is as it
/// was. An unreadable document still at [`STATE_KEY`] (there was no room to move it aside) is
/// never overwritten. Writing the same text again is skipped.
pub fn save_in(store: &mut dyn KeyValue, saved: &Saved) -> SaveOutcome {
    save_parts_in(store, saved, true)
}

/// As [`save_in`]; the products analysis is written only when `products_changed` (it is the
/// same value as in the last save otherwise: writing it again would cost a large encode).
pub fn save_parts_in(
    store: &mut dyn KeyValue,
    saved: &Saved,
    products_changed: bool,
) -> SaveOutcome {
    let outcome = save_review_in(store, saved);
    let SaveOutcome::Saved { chars } = outcome else {
        return outcome;
    };
    if !products_changed {
        return outcome;
    }
    match save_products_in(store, saved) {
        Ok(()) => outcome,
        Err(()) => SaveOutcome::SavedWithoutProducts { chars },
    }
}

/// Writes the products analysis of `saved` under [`PRODUCTS_KEY`], or removes the key when it
/// has none. When it does not fit, the key is removed too: an older analysis must not come
/// back with this review.
fn save_products_in(store: &mut dyn KeyValue, saved: &Saved) -> Result<(), ()> {
    let Some(products) = &saved.products else {
        let _ = store.remove(PRODUCTS_KEY);
        return Ok(());
    };
    #[derive(Serialize)]
    struct Out<'a> {
        file_name: &'a str,
        products: &'a Products,
    }
    let written = serde_json::to_string(&Out {
        file_name: &saved.file_name,
        products,
    })
    .ok()
    .filter(|text| text.len() <= MOST_ANY_BROWSER_KEEPS)
    .map(|text| store.set(PRODUCTS_KEY, &text));
    match written {
        Some(Ok(())) => Ok(()),
        _ => {
            let _ = store.remove(PRODUCTS_KEY);
            Err(())
        }
    }
}

fn save_review_in(store: &mut dyn KeyValue, saved: &Saved) -> SaveOutcome {
    let text = match encode(saved) {
        Ok(text) => text,
        Err(detail) => return SaveOutcome::NotSaved(NotSaved::Invalid(detail)),
    };
    let chars = text.chars().count();
    // No browser keeps more than this per origin: a larger document is refused without the
    // cost of trying (and of reading the one it would replace).
    if chars > MOST_ANY_BROWSER_KEEPS {
        return SaveOutcome::NotSaved(NotSaved::Full);
    }
    match store.get(STATE_KEY) {
        Err(error) => return SaveOutcome::NotSaved(error.into()),
        Ok(Some(existing)) if existing == text => return SaveOutcome::Saved { chars },
        // The first characters tell this build's own writes; anything else is read in full.
        Ok(Some(existing))
            if !schema::is_known_document(&existing) && decode(&existing).is_err() =>
        {
            return SaveOutcome::NotSaved(NotSaved::UnreadableInTheWay)
        }
        Ok(_) => {}
    }
    match store.set(STATE_KEY, &text) {
        Ok(()) => SaveOutcome::Saved { chars },
        Err(error) => SaveOutcome::NotSaved(error.into()),
    }
}

/// "Clear all data": removes every key of Account Lens — the saved review and the unreadable
/// copies kept aside as well. Clear means clear: nothing of the page is left in the browser.
/// Keys of other pages of the origin are not touched.
///
/// # Errors
/// [`StoreError::Blocked`] when storage cannot be used (then nothing of ours is stored either,
/// unless it was blocked after a save).
pub fn clear_in(store: &mut dyn KeyValue) -> Result<(), StoreError> {
    for key in store.keys()? {
        if key.starts_with(KEY_PREFIX) {
            store.remove(&key)?;
        }
    }
    Ok(())
}

/// [`load_in`] over the browser's localStorage, at the current time.
pub fn load() -> Loaded {
    match LocalStore::open() {
        Ok(mut store) => load_in(&mut store, now_ms()),
        Err(error) => Loaded {
            saved: None,
            notice: Some(LoadNotice::Unavailable(error)),
            kept_aside: 0,
        },
    }
}

/// [`save_in`] over the browser's localStorage. The products analysis is written when it is
/// not the one written last.
pub fn save(saved: &Saved) -> SaveOutcome {
    thread_local! {
        /// The products analysis last saved, and whether it fitted.
        static PRODUCTS_WRITTEN: std::cell::RefCell<Option<(std::rc::Weak<Products>, bool)>> =
            const { std::cell::RefCell::new(None) };
    }
    let mut store = match LocalStore::open() {
        Ok(store) => store,
        Err(error) => return SaveOutcome::NotSaved(error.into()),
    };
    let last = PRODUCTS_WRITTEN.with_borrow(|last| match (last, &saved.products) {
        (Some((last, fitted)), Some(now)) => last
            .upgrade()
            .filter(|last| Rc::ptr_eq(last, now))
            .map(|_| *fitted),
        _ => None,
    });
    let outcome = save_parts_in(&mut store, saved, last.is_none());
    let outcome = match (outcome, last) {
        // The same analysis did not fit last time: it is not tried again.
        (SaveOutcome::Saved { chars }, Some(false)) => SaveOutcome::SavedWithoutProducts { chars },
        (outcome, _) => outcome,
    };
    if let (Some(products), None) = (&saved.products, last) {
        let fitted = match outcome {
            SaveOutcome::Saved { .. } => Some(true),
            SaveOutcome::SavedWithoutProducts { .. } => Some(false),
            SaveOutcome::NotSaved(_) => None,
        };
        if let Some(fitted) = fitted {
            PRODUCTS_WRITTEN.set(Some((Rc::downgrade(products), fitted)));
        }
    }
    outcome
}

/// [`clear_in`] over the browser's localStorage.
///
/// # Errors
/// As [`clear_in`].
pub fn clear() -> Result<(), StoreError> {
    clear_in(&mut LocalStore::open()?)
}

#[cfg(test)]
mod tests;
