//! From a file the user picked (or the sample) to an [`Analysis`].

use account_lens_engine::analyze;
use account_lens_workbook::{import, ImportError, ImportOptions};
use wasm_bindgen_futures::JsFuture;

use crate::state::Analysis;

/// The workbook behind "Try the sample workbook": 40 fictitious accounts.
pub const SAMPLE_BYTES: &[u8] = include_bytes!("../crates/workbook/assets/sample_accounts.xlsx");
pub const SAMPLE_NAME: &str = "sample_accounts.xlsx";

/// Larger files are refused before they are read: the page's memory is limited, and no workbook
/// a rep keeps comes near this.
pub const MAX_FILE_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// Imports the bytes of a workbook and runs the rules over its accounts, with the settings saved
/// in the workbook by an earlier export, else the defaults.
///
/// # Errors
/// The importer's refusal; its [`ImportError::user_message`] is what the page shows.
pub fn review_workbook(bytes: &[u8], file_name: &str) -> Result<Analysis, ImportError> {
    let imported = import(bytes, file_name, &ImportOptions::default())?;
    let settings = imported.settings.clone().unwrap_or_default();
    let review = analyze(&imported.dataset, &settings);
    Ok(Analysis {
        file_name: file_name.to_string(),
        imported,
        settings,
        review,
    })
}

/// Reads a picked or dropped file into memory.
///
/// # Errors
/// A message for the user when the file is too large or the browser cannot read it (a file
/// moved or deleted since it was picked, a folder, a permission refused).
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    if file.size() > MAX_FILE_BYTES {
        return Err(format!(
            "\"{}\" is {} MB, larger than Account Lens can open in a browser ({} MB at most). Export only the accounts and import that file.",
            file.name(),
            (file.size() / 1_048_576.0).round(),
            MAX_FILE_BYTES / 1_048_576.0
        ));
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| {
        format!(
            "\"{}\" could not be read. Check that the file still exists and is not open in another program, then import it again.",
            file.name()
        )
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
