//! The browser's localStorage as a [`KeyValue`]: the only code of the page that touches it.
//!
//! This calls `web_sys::Storage` itself rather than gloo-storage 0.3: gloo's `LocalStorage::raw()`
//! panics when storage is blocked (`expect_throw("failed to get local_storage")`), its `get` and
//! `delete` panic on a throwing call, and its `set` JSON-encodes the value, so the text of a
//! document would be stored as a quoted string. Here every failure is a [`StoreError`].

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

use super::store::{KeyValue, StoreError};

/// The origin's localStorage.
#[derive(Debug, Clone)]
pub struct LocalStore {
    raw: web_sys::Storage,
}

impl LocalStore {
    /// Opens localStorage.
    ///
    /// # Errors
    /// [`StoreError::Blocked`] when there is no window, site data is blocked (reading
    /// `window.localStorage` throws a SecurityError) or storage is switched off (it is null).
    pub fn open() -> Result<LocalStore, StoreError> {
        let window = web_sys::window().ok_or_else(|| StoreError::Blocked("no window".into()))?;
        match window.local_storage() {
            Ok(Some(raw)) => Ok(LocalStore { raw }),
            Ok(None) => Err(StoreError::Blocked("localStorage is null".into())),
            Err(error) => Err(StoreError::Blocked(describe(&error))),
        }
    }
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.raw.get_item(key).map_err(|e| to_store_error(&e))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.raw
            .set_item(key, value)
            .map_err(|e| to_store_error(&e))
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.raw.remove_item(key).map_err(|e| to_store_error(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let length = self.raw.length().map_err(|e| to_store_error(&e))?;
        let mut keys = Vec::with_capacity(length as usize);
        for index in 0..length {
            if let Some(key) = self.raw.key(index).map_err(|e| to_store_error(&e))? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}

/// The current time in milliseconds since the epoch, for the names of kept-aside copies.
pub fn now_ms() -> u64 {
    // Date.now() is a whole, non-negative number of milliseconds.
    js_sys::Date::now().max(0.0) as u64
}

fn to_store_error(error: &JsValue) -> StoreError {
    if is_quota_exceeded(error) {
        StoreError::Full
    } else {
        StoreError::Blocked(describe(error))
    }
}

/// A DOMException named QuotaExceededError (code 22); older Firefox used its own name and 1014.
fn is_quota_exceeded(error: &JsValue) -> bool {
    let name = Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string());
    let code = Reflect::get(error, &JsValue::from_str("code"))
        .ok()
        .and_then(|v| v.as_f64())
        .map(|c| c as i64);
    matches!(
        name.as_deref(),
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
    ) || matches!(code, Some(22 | 1014))
}

fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => format!("{error:?}"),
    }
}
