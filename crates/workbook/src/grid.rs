//! The cells of a source workbook as read, kept sparse: only rows and cells that exist.
//!
//! Every format reader (xlsx/xlsb/xls/ods through calamine, csv/tsv through `text`) produces a
//! [`SourceWorkbook`]; header detection, mapping and the export work on it alone.

/// One cell value, normalised across formats.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number (integers are stored as `f64` too).
    Number(f64),
    /// Text as written in the cell.
    Text(String),
    /// A boolean cell.
    Bool(bool),
    /// A date or date-time as a serial in the 1900 date system (1904 workbooks are converted).
    Date(f64),
    /// An error value such as `#N/A` or `#DIV/0!`: the value is unknown, never zero.
    Error(String),
    /// A formula cell without a cached result: the value is unknown.
    Uncalculated,
}

/// A cell in a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Zero-based column.
    pub col: u32,
    pub value: Value,
    /// The formula without the leading `=`, when the cell holds one.
    pub formula: Option<Box<str>>,
}

impl Cell {
    pub fn new(col: u32, value: Value) -> Self {
        Self {
            col,
            value,
            formula: None,
        }
    }
}

/// A row that has at least one cell; cells are sorted by column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// Zero-based row index in the sheet.
    pub index: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell at a column, if there is one.
    pub fn get(&self, col: u32) -> Option<&Cell> {
        self.cells
            .binary_search_by_key(&col, |c| c.col)
            .ok()
            .and_then(|i| self.cells.get(i))
    }

    /// The value at a column, if there is one.
    pub fn value(&self, col: u32) -> Option<&Value> {
        self.get(col).map(|c| &c.value)
    }
}

/// One worksheet, sparse: rows sorted by index, only rows with cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Row>,
    /// Merged ranges as (first row, first col, last row, last col), zero-based, where the
    /// reader gives them with the cells (xls). For xlsx they are part of the [`Layout`].
    ///
    /// [`Layout`]: crate::spreadsheet::SheetLayout
    pub merged: Vec<(u32, u32, u32, u32)>,
    /// Hidden sheets are still read and copied; they are not offered for analysis first.
    pub hidden: bool,
}

impl Sheet {
    /// Number of cells held.
    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).sum()
    }

    /// One past the last used column.
    pub fn width(&self) -> u32 {
        self.rows
            .iter()
            .filter_map(|r| r.cells.last())
            .map(|c| c.col + 1)
            .max()
            .unwrap_or(0)
    }
}

/// The file formats Account Lens reads, decided from the bytes, never from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel workbook (xlsx/xlsm)",
            Format::Xlsb => "Excel binary workbook (xlsb)",
            Format::Xls => "Excel 97-2003 workbook (xls)",
            Format::Ods => "OpenDocument spreadsheet (ods)",
            Format::Csv => "text file (csv/tsv)",
        }
    }
}

/// Every sheet of a workbook as read.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceWorkbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
    /// How the text file was decoded (encoding and delimiter), for the reading report.
    pub text_details: Option<String>,
    /// The file itself: number formats and merged ranges are read from it only when an export
    /// needs them (see [`crate::spreadsheet::read_layouts`]), so importing stays one pass.
    pub file: std::sync::Arc<[u8]>,
}
