//! Sheet names that Excel accepts and that never collide, and how formulas quote them.

/// Excel's limit on a sheet name, in UTF-16 units.
const MAX_NAME: usize = 31;

/// What an added sheet takes when the rep's workbook already has a sheet of its name.
const SUFFIX: &str = " (Account Lens)";

/// The names given so far; Excel compares sheet names case-insensitively.
#[derive(Default)]
pub(crate) struct SheetNames {
    taken: Vec<String>,
}

impl SheetNames {
    /// A name made valid for xlsx (ods and CSV file names allow more) and unique: `wanted`, or
    /// `wanted (Account Lens)` when a sheet claimed earlier already has it. Source sheets are
    /// claimed first, so an added `Summary` gives way to the rep's own.
    pub(crate) fn claim(&mut self, wanted: &str) -> String {
        let base = valid_name(wanted);
        if !self.is_taken(&base) {
            return self.take(base);
        }
        for n in 1u32.. {
            let suffix = if n == 1 {
                SUFFIX.to_string()
            } else {
                format!(" (Account Lens {n})")
            };
            let name = format!(
                "{}{suffix}",
                truncate_utf16(&base, MAX_NAME.saturating_sub(suffix.len()))
            );
            if !self.is_taken(&name) {
                return self.take(name);
            }
        }
        // Unreachable in practice: a workbook has far fewer sheets than u32 suffixes.
        self.take(base)
    }

    fn is_taken(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.taken.contains(&lower)
    }

    fn take(&mut self, name: String) -> String {
        self.taken.push(name.to_lowercase());
        name
    }
}

/// A name Excel accepts: no `[]:*?/\`, no leading or trailing apostrophe, at most 31 UTF-16
/// units, not blank.
fn valid_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = truncate_utf16(replaced.trim_matches('\''), MAX_NAME)
        .trim_end_matches('\'')
        .trim();
    if trimmed.is_empty() {
        "Sheet".to_string()
    } else {
        trimmed.to_string()
    }
}

fn truncate_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..i];
        }
    }
    text
}

/// A sheet name as a formula reference needs it: always quoted, quotes doubled.
pub(crate) fn quoted(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_and_unique() {
        let mut names = SheetNames::default();
        assert_eq!(names.claim("Accounts"), "Accounts");
        assert_eq!(names.claim("accounts"), "accounts (Account Lens)");
        assert_eq!(names.claim("Q1/Q2 [draft]"), "Q1_Q2 _draft_");
        assert_eq!(names.claim("'quoted'"), "quoted");
        assert_eq!(names.claim(""), "Sheet");
        let long = names.claim("A very long customer export file name 2026");
        assert_eq!(long.encode_utf16().count(), 31);
        assert_eq!(names.claim("Accounts"), "Accounts (Account Lens 2)");
        assert_eq!(names.claim("Summary"), "Summary");
        assert_eq!(names.claim("Summary"), "Summary (Account Lens)");
    }

    #[test]
    fn references_are_quoted() {
        assert_eq!(quoted("Accounts"), "'Accounts'");
        assert_eq!(quoted("Rep's book"), "'Rep''s book'");
    }
}
