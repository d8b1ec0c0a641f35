//! Why a file could not be imported or exported, in words a sales rep can act on.

use thiserror::Error;

/// A refusal: the file gives no result, and nothing partial is produced.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ImportError {
    /// Password-protected or encrypted workbook.
    #[error("encrypted workbook")]
    Encrypted,
    /// The bytes are not any spreadsheet format we read.
    #[error("not a spreadsheet: {0}")]
    NotASpreadsheet(String),
    /// The file ends early or its structure is broken.
    #[error("damaged file: {0}")]
    Damaged(String),
    /// A part inflates past the limits (zip bomb).
    #[error("inflation limit: {0}")]
    TooLargeInflated(String),
    /// More cells than the limit.
    #[error("more than {limit} cells")]
    TooManyCells { limit: usize },
    /// No sheet has an account-like column.
    #[error("no account column; headers found: {found:?}")]
    NoAccountColumn { found: Vec<String> },
    /// The sheet asked for does not exist.
    #[error("no sheet named {asked:?}")]
    NoSuchSheet { asked: String, sheets: Vec<String> },
    /// A `--map` override names a header that is not there, or an unknown field.
    #[error("bad mapping: {0}")]
    BadMapping(String),
    /// The sheet has a header but no account rows.
    #[error("no account rows in sheet {0:?}")]
    NoRows(String),
}

impl ImportError {
    /// The message shown to the user.
    pub fn user_message(&self) -> String {
        match self {
            ImportError::Encrypted => "This workbook is password-protected. Open it in Excel, remove the password (File › Info › Protect Workbook), save, and import again.".into(),
            ImportError::NotASpreadsheet(what) => format!("This file is not a spreadsheet ({what}). Import an Excel workbook (xlsx, xlsm, xlsb, xls), an OpenDocument spreadsheet (ods) or a CSV/TSV export."),
            ImportError::Damaged(what) => format!("This file looks damaged or incomplete ({what}). Open it in Excel or LibreOffice, save it again, and import the new copy."),
            ImportError::TooLargeInflated(what) => format!("This file expands to far more data than a workbook should ({what}), so it was not opened. If it is a real workbook, save it again from Excel and import that copy."),
            ImportError::TooManyCells { limit } => format!("This workbook has more than {} cells, more than Account Lens can review in one go. Delete unused sheets or columns, or export only the accounts, and import again.", group_thousands(*limit as f64)),
            ImportError::NoAccountColumn { found } => {
                if found.is_empty() {
                    "No sheet has a column of account names. Account Lens needs a column headed Customer, Account, Client or Company (on the command line, --map account=HEADER picks one).".into()
                } else {
                    format!("No sheet has a column of account names. Headers found: {}. Rename the account column to Customer or Account (on the command line, --map account=HEADER picks one).", found.join(", "))
                }
            }
            ImportError::NoSuchSheet { asked, sheets } => format!("There is no sheet named \"{asked}\". Sheets in this workbook: {}.", sheets.join(", ")),
            ImportError::BadMapping(what) => format!("The column mapping cannot be used: {what}."),
            ImportError::NoRows(sheet) => format!("Sheet \"{sheet}\" has a header but no account rows below it."),
        }
    }
}

/// Formats a whole number with thousands separators, as the messages quote numbers.
pub(crate) fn group_thousands(x: f64) -> String {
    account_lens_engine::format::money(x)
}
