//! Where text is kept under keys: the browser's localStorage, or memory in tests.

use std::collections::BTreeMap;

/// Why the store refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The quota is used up: the write did not happen, the old value is still there.
    Full,
    /// Storage is unavailable: site data blocked, a sandboxed frame, no window. The detail is the
    /// browser's, for developers.
    Blocked(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Full => write!(f, "storage quota exceeded"),
            StoreError::Blocked(detail) => write!(f, "storage unavailable: {detail}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// What the page tells the user when storage refused (for [`clear`](super::clear)).
    pub fn user_message(&self) -> String {
        match self {
            StoreError::Full => "This browser's storage for Account Lens is full.".into(),
            StoreError::Blocked(_) => "This browser does not let Account Lens use its storage \
                (site data blocked, or a private window)."
                .into(),
        }
    }
}

/// Text under keys. A `set` replaces the value whole or fails leaving it as it was, as
/// localStorage does.
pub trait KeyValue {
    /// # Errors
    /// [`StoreError::Blocked`] when storage cannot be read.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// # Errors
    /// [`StoreError::Full`] over the quota, [`StoreError::Blocked`]; the old value stays.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// # Errors
    /// [`StoreError::Blocked`].
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store (of this page and any other of the origin).
    ///
    /// # Errors
    /// [`StoreError::Blocked`].
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// A store in memory, for tests: it can be given a quota and be blocked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryStore {
    pub items: BTreeMap<String, String>,
    /// Most characters of keys and values together, as browsers count a quota.
    pub quota: Option<usize>,
    /// Every call fails as when site data is blocked.
    pub blocked: bool,
}

impl MemoryStore {
    /// Characters held, keys and values.
    pub fn used(&self) -> usize {
        self.items
            .iter()
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }

    fn check(&self) -> Result<(), StoreError> {
        if self.blocked {
            Err(StoreError::Blocked(
                "SecurityError: blocked in the test".into(),
            ))
        } else {
            Ok(())
        }
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check()?;
        Ok(self.items.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check()?;
        if let Some(quota) = self.quota {
            let old = self
                .items
                .get(key)
                .map_or(0, |v| key.chars().count() + v.chars().count());
            if self.used() - old + key.chars().count() + value.chars().count() > quota {
                return Err(StoreError::Full);
            }
        }
        self.items.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.check()?;
        self.items.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check()?;
        Ok(self.items.keys().cloned().collect())
    }
}
