//! "Download a backup" and "Restore a backup": everything the page keeps, as one file. The
//! file is the saved document itself ([`crate::storage::encode`]): what a reload restores, a
//! backup restores, here or in another browser, and a backup of an older version is brought up
//! to date the way a saved review is.

use account_lens_engine::Date;
use wasm_bindgen_futures::JsFuture;

use crate::download::{offer, REFUSED};
use crate::storage::{decode, encode, Saved};

pub const REPLACE_QUESTION: &str = "Restore the backup? The review on this page, with its settings, notes, time log, plan, saved weeks and next actions, is replaced by the backup's.";

/// The most a backup file may be: far above two years of a large book.
const MAX_BACKUP_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// "account-lens-backup-2026-12-04.json".
pub fn file_name(today: Date) -> String {
    format!("account-lens-backup-{today}.json")
}

/// Offers the backup of `saved` as a download.
///
/// # Errors
/// A message for the user when the document cannot be written (a value that is not a number)
/// or the browser refuses the download.
pub fn download(saved: &Saved, today: Date) -> Result<(), String> {
    let text = encode(saved).map_err(|detail| {
        format!("The backup could not be written: {detail}. Nothing was changed.")
    })?;
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    offer(&bytes, &file_name(today), "application/json").map_err(|_| REFUSED.to_string())
}

/// What a backup file holds, read as text.
///
/// # Errors
/// A message for the user when the text is not a backup of Account Lens (or of a newer
/// version of it).
pub fn restored(text: &str) -> Result<Saved, String> {
    decode(text).map_err(|reason| {
        format!(
            "This file is not a backup Account Lens can restore ({reason}). Pick a file made by \"Download a backup\"; nothing on the page was changed."
        )
    })
}

/// Reads a picked backup file.
///
/// # Errors
/// As [`restored`]; also when the file is too large or the browser cannot read it.
pub async fn read(file: &web_sys::File) -> Result<Saved, String> {
    if file.size() > MAX_BACKUP_BYTES {
        return Err(format!(
            "\"{}\" is larger than any backup of Account Lens: pick the file made by \"Download a backup\".",
            file.name()
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|value| value.as_string())
        .ok_or_else(|| {
            format!(
                "\"{}\" could not be read. Check that the file still exists, then restore it again.",
                file.name()
            )
        })?;
    restored(&text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn a_backup_restores_what_was_kept_and_anything_else_is_refused_in_words() {
        let saved = Saved {
            file_name: "q4.xlsx".into(),
            ..Saved::example()
        };
        let text = encode(&saved).unwrap();
        assert_eq!(restored(&text), Ok(saved));
        let refused = restored("{\"hello\": 1}").unwrap_err();
        assert!(
            refused.starts_with("This file is not a backup Account Lens can restore"),
            "{refused}"
        );
        assert!(
            refused.ends_with("nothing on the page was changed."),
            "{refused}"
        );
        assert_eq!(
            file_name(Date::from_ymd(2026, 12, 4).unwrap()),
            "account-lens-backup-2026-12-04.json"
        );
    }
}
