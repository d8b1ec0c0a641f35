//! The user's word on an account: a category that wins over the rules, and a note.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::Category;

/// What the user said about one account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// The category the user chose; the rules' category when `None`.
    #[serde(default)]
    pub category: Option<Category>,
    /// A free note; blank for none.
    #[serde(default)]
    pub note: String,
}

impl Override {
    /// No category and a blank note: says nothing.
    pub fn is_empty(&self) -> bool {
        self.category.is_none() && self.note.trim().is_empty()
    }
}

/// The user's overrides, by account name as shown in the review. Matched to accounts
/// case-insensitively and ignoring surrounding spaces.
pub type Overrides = BTreeMap<String, Override>;

/// The overrides prepared for one analysis: keyed by trimmed, lowercased name, with which of
/// them found an account.
pub(crate) struct Lookup<'a> {
    /// Normalised name → (the override, index into `names`).
    by_name: HashMap<String, (&'a Override, usize)>,
    /// The distinct normalised keys' original names (the first one given), and whether an
    /// account had that name.
    names: Vec<(&'a str, bool)>,
    /// Reused for each account's normalised name, so a lookup allocates nothing.
    buffer: String,
}

/// Trimmed and lowercased into `out` (cleared first).
fn normalise_into(name: &str, out: &mut String) {
    out.clear();
    out.extend(name.trim().chars().flat_map(char::to_lowercase));
}

impl<'a> Lookup<'a> {
    /// `None` when no override says anything: the rules run as if there were none.
    pub(crate) fn new(overrides: &'a Overrides) -> Option<Lookup<'a>> {
        let mut lookup = Lookup {
            by_name: HashMap::new(),
            names: Vec::new(),
            buffer: String::new(),
        };
        for (name, o) in overrides.iter().filter(|(_, o)| !o.is_empty()) {
            let mut key = String::new();
            normalise_into(name, &mut key);
            if key.is_empty() || lookup.by_name.contains_key(&key) {
                continue;
            }
            lookup.by_name.insert(key, (o, lookup.names.len()));
            lookup.names.push((name.as_str(), false));
        }
        (!lookup.names.is_empty()).then_some(lookup)
    }

    /// The override of an account, marking it as matched.
    pub(crate) fn find(&mut self, account: &str) -> Option<&'a Override> {
        normalise_into(account, &mut self.buffer);
        let (o, i) = *self.by_name.get(self.buffer.as_str())?;
        if let Some(entry) = self.names.get_mut(i) {
            entry.1 = true;
        }
        Some(o)
    }

    /// The names of overrides that matched no account, in the order given.
    pub(crate) fn unmatched(&self) -> Vec<String> {
        self.names
            .iter()
            .filter(|(_, matched)| !matched)
            .map(|(name, _)| (*name).to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests;
