//! From the bytes of a workbook to an [`Analysis`]. Runs in the worker (see [`crate::worker`]);
//! the page only reads the file into an `ArrayBuffer` ([`read_file`]).

use account_lens_engine::{analyze, Review, Settings};
use account_lens_workbook::{export, import, ExportError, ImportError, ImportOptions, Imported};
use wasm_bindgen_futures::JsFuture;

use crate::protocol::Analysis;

/// The workbook behind "Try the sample workbook": 40 fictitious accounts. Only the worker
/// links it.
pub const SAMPLE_BYTES: &[u8] = include_bytes!("../crates/workbook/assets/sample_accounts.xlsx");
pub const SAMPLE_NAME: &str = "sample_accounts.xlsx";

/// Larger files are refused before they are read: the page's memory is limited, and no workbook
/// a rep keeps comes near this.
pub const MAX_FILE_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// A workbook imported and analysed: what the page is sent, and what the export needs.
#[derive(Debug)]
pub struct Loaded {
    pub imported: Imported,
    pub analysis: Analysis,
}

impl Loaded {
    /// Writes the annotated copy of the workbook.
    ///
    /// # Errors
    /// The exporter's refusal; its `user_message` is what the page shows.
    pub fn export(&self) -> Result<Vec<u8>, ExportError> {
        export(
            &self.imported,
            &self.analysis.review,
            &self.analysis.settings,
        )
    }
}

/// Imports the bytes of a workbook; see [`analyse`].
///
/// # Errors
/// The importer's refusal; its [`ImportError::user_message`] is what the page shows.
pub fn review_workbook(bytes: &[u8], file_name: &str) -> Result<Loaded, ImportError> {
    Ok(analyse(
        import(bytes, file_name, &ImportOptions::default())?,
        file_name,
    ))
}

/// Runs the rules over the accounts of an imported workbook, with the settings saved in the
/// workbook by an earlier export, else the defaults.
pub fn analyse(imported: Imported, file_name: &str) -> Loaded {
    let settings: Settings = imported.settings.clone().unwrap_or_default();
    let review: Review = analyze(&imported.dataset, &settings);
    let analysis = Analysis {
        file_name: file_name.to_string(),
        source: imported.source.clone(),
        mapping: imported.mapping.clone(),
        projection: imported.dataset.projection.clone(),
        diagnostics: imported.dataset.diagnostics.clone(),
        settings,
        review,
    };
    Loaded { imported, analysis }
}

/// Reads a picked or dropped file into an `ArrayBuffer` (not into wasm memory: it goes on to
/// the worker as it is).
///
/// # Errors
/// A message for the user when the file is too large or the browser cannot read it (a file
/// moved or deleted since it was picked, a folder, a permission refused).
pub async fn read_file(file: &web_sys::File) -> Result<js_sys::Uint8Array, String> {
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
    Ok(js_sys::Uint8Array::new(&buffer))
}
