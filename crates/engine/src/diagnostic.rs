//! What the reading or the rules noticed, located by sheet, row and column.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// One thing a rep may want to check: a skipped row, an unreadable value, a rule used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: Level,
    pub sheet: Option<String>,
    /// One-based row, as the spreadsheet shows it.
    pub row: Option<u32>,
    /// Column letter, as the spreadsheet shows it ("A", "AB").
    pub column: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub fn info(message: impl Into<String>) -> Self {
        Self {
            level: Level::Info,
            sheet: None,
            row: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            level: Level::Warning,
            ..Self::info(message)
        }
    }

    /// Locates the diagnostic at a zero-based row (and optionally column) of a sheet.
    pub fn at(mut self, sheet: &str, row0: u32, col0: Option<u32>) -> Self {
        self.sheet = Some(sheet.to_string());
        self.row = Some(row0 + 1);
        self.column = col0.map(column_letter);
        self
    }

    pub fn in_sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }
}

/// The spreadsheet letter of a zero-based column: 0 → "A", 27 → "AB".
pub fn column_letter(col0: u32) -> String {
    let mut n = col0 as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_match_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(column_letter(16_383), "XFD");
    }

    #[test]
    fn diagnostics_are_one_based_for_people() {
        let d = Diagnostic::warning("x").at("Accounts", 4, Some(2));
        assert_eq!(d.row, Some(5));
        assert_eq!(d.column.as_deref(), Some("C"));
        assert_eq!(d.sheet.as_deref(), Some("Accounts"));
    }
}
