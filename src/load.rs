//! From the bytes of a workbook to an [`Analysis`], and the annotated export. Runs in the worker
//! (see [`crate::worker`]); the page only reads the file into an `ArrayBuffer` ([`read_file`]).

use account_lens_engine::{
    analyze_with, apply_time_log, plan, products, Dataset, Date, HoursSource, ProductSettings,
    Review, TimeLog,
};
use account_lens_workbook::export::{export_with, export_with_products, Extras, ProductSheets};
use account_lens_workbook::history_sheet::HistorySheet;
use account_lens_workbook::reading::reading;
use account_lens_workbook::{
    import_in_steps, read_time_log, understand, ExportError, ImportError, ImportOptions, Imported,
};
use wasm_bindgen_futures::JsFuture;

use crate::accounts_codec;
use crate::clock::measured;
use crate::products::{Products, PRODUCTS_MEASURE};
use crate::protocol::{Analysis, Decisions};

/// The workbook behind "Try the sample workbook": 40 fictitious accounts. Only the worker
/// links it.
pub const SAMPLE_BYTES: &[u8] = include_bytes!("../crates/workbook/assets/sample_accounts.xlsx");
pub const SAMPLE_NAME: &str = "sample_accounts.xlsx";

/// Larger files are refused before they are read: the page's memory is limited, and no workbook
/// a rep keeps comes near this.
pub const MAX_FILE_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// How many rows below the header "Check the reading" shows.
pub const PREVIEW_ROWS: usize = 8;

/// A workbook the worker has read: what the export needs.
#[derive(Debug)]
pub struct Kept {
    pub file_name: String,
    pub sample: bool,
    pub options: ImportOptions,
    pub imported: Imported,
}

/// All the time logged: the workbook's own time-log sheet and the time logged in the app (or
/// imported from files) together; an entry in both (the same file imported as well) counts once.
pub fn all_time(sheet_log: Option<&TimeLog>, logged: &TimeLog) -> TimeLog {
    match sheet_log {
        None => logged.clone(),
        Some(log) => log.merged(logged),
    }
}

/// The accounts with the hours the review uses: the average of the four weeks before `today`'s
/// of `log`, in place of the sheet's hours column, when it has entries then (the CLI does the
/// same).
pub fn with_logged_hours(dataset: &Dataset, log: &TimeLog, today: Date) -> (Dataset, HoursSource) {
    if log.entries.is_empty() {
        (dataset.clone(), HoursSource::Column)
    } else {
        apply_time_log(dataset, log, today)
    }
}

impl Kept {
    /// What the page is sent of it, the accounts included.
    pub fn analysis(&self) -> Analysis {
        let mut analysis = self.described();
        analysis.dataset.accounts = self.imported.dataset.accounts.clone();
        analysis
    }

    /// What the page is sent of it: the analysis without its accounts, and the accounts as
    /// bytes ([`accounts_codec`]) to travel beside it.
    pub fn for_the_page(&self) -> (Analysis, Vec<u8>) {
        (
            self.described(),
            accounts_codec::encode(&self.imported.dataset.accounts),
        )
    }

    fn described(&self) -> Analysis {
        let dataset = &self.imported.dataset;
        Analysis {
            file_name: self.file_name.clone(),
            sample: self.sample,
            source: self.imported.source.clone(),
            mapping: self.imported.mapping.clone(),
            options: self.options.clone(),
            reading: reading(&self.imported, PREVIEW_ROWS),
            dataset: Dataset {
                accounts: Vec::new(),
                projection: dataset.projection.clone(),
                without_prior_year: dataset.without_prior_year,
                diagnostics: dataset.diagnostics.clone(),
            },
            settings: self.imported.settings.clone(),
            overrides: self.imported.overrides.clone(),
            time_log: self.imported.time_log.clone(),
            logged: self.imported.logged.clone(),
            plan_settings: self.imported.plan_settings.clone(),
            sheet_estimates: self.imported.sheet_estimates.clone(),
            history: self.imported.history.clone(),
            next_actions: self.imported.next_actions.clone(),
            products: self.imported.products.as_ref().map(|found| {
                measured(PRODUCTS_MEASURE, || {
                    Products::of(found, &self.product_settings())
                })
            }),
        }
    }

    /// The product analysis's settings: the workbook's own (from an earlier export) or the
    /// defaults.
    fn product_settings(&self) -> ProductSettings {
        self.imported.product_settings.clone().unwrap_or_default()
    }

    /// The same workbook read another way (another sheet, another column for a field).
    ///
    /// # Errors
    /// The importer's refusal (no account column on that sheet, a header that is not there).
    pub fn reread(&self, options: &ImportOptions) -> Result<Kept, ImportError> {
        Ok(Kept {
            file_name: self.file_name.clone(),
            sample: self.sample,
            options: options.clone(),
            imported: understand(self.imported.workbook.clone(), options)?,
        })
    }

    /// The review the page shows for `decisions` on `today`: hours from the time logs, then
    /// the rules with the rep's thresholds and calls.
    pub fn review(&self, decisions: &Decisions, today: Date) -> Review {
        let sheet_log = self.imported.time_log.as_ref().map(|(_, log)| log);
        let log = all_time(sheet_log, &decisions.logged);
        let (dataset, _) = with_logged_hours(&self.imported.dataset, &log, today);
        analyze_with(&dataset, &decisions.settings, &decisions.overrides)
    }

    /// Writes the annotated copy of the workbook under the page's decisions: the review as
    /// the page shows it, the week's time plan, and the time logged in the app.
    ///
    /// # Errors
    /// The exporter's refusal; its `user_message` is what the page shows.
    pub fn export(&self, decisions: &Decisions, today: Date) -> Result<Vec<u8>, ExportError> {
        let review = self.review(decisions, today);
        let settings = decisions
            .plan
            .with_sheet_estimates(&self.imported.sheet_estimates);
        let week = plan(&review, &settings);
        let extras = Extras {
            plan: Some((&week, &settings)),
            logged: Some(&decisions.logged),
            history: HistorySheet {
                snapshots: &decisions.history,
                actions: &decisions.actions,
            },
        };
        match &self.imported.products {
            None => export_with(&self.imported, &review, &decisions.settings, &extras),
            Some(found) => {
                let product_settings = self.product_settings();
                let product_review = products(&found.table, &product_settings);
                let sheets = ProductSheets {
                    review: &product_review,
                    settings: &product_settings,
                };
                export_with_products(
                    &self.imported,
                    &review,
                    &decisions.settings,
                    &extras,
                    &sheets,
                )
            }
        }
    }
}

/// Reads a time log from a file of its own: its entries, and what the reading noticed in the
/// user's words.
///
/// # Errors
/// The importer's refusal (not a spreadsheet, no date/account/hours columns).
pub fn read_time_log_file(
    bytes: &[u8],
    file_name: &str,
) -> Result<(TimeLog, Vec<String>), ImportError> {
    let (log, diagnostics) = read_time_log(bytes, file_name, &ImportOptions::default())?;
    let notes = diagnostics
        .iter()
        .map(|d| format!("{}{}", crate::components::place(d), d.message))
        .collect();
    Ok((log, notes))
}

/// Imports the bytes of a workbook, read the way `options` say.
///
/// # Errors
/// The importer's refusal; its [`ImportError::user_message`] is what the page shows.
pub fn read_workbook(
    bytes: &[u8],
    file_name: &str,
    sample: bool,
    options: &ImportOptions,
) -> Result<Kept, ImportError> {
    read_in_steps(bytes, file_name, sample, options, &mut || {})
}

/// As [`read_workbook`], calling `read` once the cells are read (for the progress line).
///
/// # Errors
/// As [`read_workbook`].
pub fn read_in_steps(
    bytes: &[u8],
    file_name: &str,
    sample: bool,
    options: &ImportOptions,
    read: &mut dyn FnMut(),
) -> Result<Kept, ImportError> {
    Ok(Kept {
        file_name: file_name.to_string(),
        sample,
        options: options.clone(),
        imported: import_in_steps(bytes, file_name, options, read)?,
    })
}

/// The sample workbook, read as it comes.
///
/// # Errors
/// Never in practice: the sample is part of the build and read by the tests.
pub fn read_sample() -> Result<Kept, ImportError> {
    read_workbook(SAMPLE_BYTES, SAMPLE_NAME, true, &ImportOptions::default())
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
