//! Reading xlsx, xlsb, xls and ods through calamine into a sparse [`SourceWorkbook`].
//!
//! xlsx and xlsb are streamed cell by cell, so a stray far-away cell costs one cell, not a dense
//! rows × columns range. xls and ods go through calamine's ranges (ods has calamine's own cell
//! limit against repeated-cell bombs).

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};
use calamine::{Ods, OdsError, XlsError, XlsbError, XlsxError};

use crate::coerce::serial_from_civil;
use crate::error::ImportError;
use crate::grid::{Cell, Format, Row, Sheet, SourceWorkbook, Value};
use crate::limits::MAX_CELLS;

/// Reads every worksheet of a spreadsheet whose format was sniffed.
///
/// # Errors
/// Encrypted, damaged or oversized workbooks, as [`ImportError`].
pub fn read_spreadsheet(bytes: &[u8], format: Format) -> Result<SourceWorkbook, ImportError> {
    read_spreadsheet_with_limit(bytes, format, MAX_CELLS)
}

/// As [`read_spreadsheet`], refusing past `max_cells` cells over all sheets.
///
/// # Errors
/// As [`read_spreadsheet`].
pub fn read_spreadsheet_with_limit(
    bytes: &[u8],
    format: Format,
    max_cells: usize,
) -> Result<SourceWorkbook, ImportError> {
    // calamine can panic on some damaged files (found by fuzzing: an xls whose sector chain
    // runs past the end, cfb.rs slice index). Natively that panic is caught and refused like any
    // damaged file; in the browser the import runs in a worker for the same reason.
    std::panic::catch_unwind(|| read_unguarded(bytes, format, max_cells)).unwrap_or_else(|_| {
        Err(ImportError::Damaged(
            "its internal structure is broken and the reader stopped on it".into(),
        ))
    })
}

fn read_unguarded(
    bytes: &[u8],
    format: Format,
    max_cells: usize,
) -> Result<SourceWorkbook, ImportError> {
    let mut budget = CellBudget {
        left: max_cells,
        limit: max_cells,
    };
    let sheets = match format {
        Format::Xlsx => read_xlsx(bytes, &mut budget)?,
        Format::Xlsb => read_xlsb(bytes, &mut budget)?,
        Format::Xls => read_xls(bytes, &mut budget)?,
        Format::Ods => read_ods(bytes, &mut budget)?,
        Format::Csv => return Err(ImportError::NotASpreadsheet("a text file".into())),
    };
    Ok(SourceWorkbook {
        format,
        sheets,
        text_details: None,
        file: bytes.into(),
    })
}

struct CellBudget {
    left: usize,
    limit: usize,
}

impl CellBudget {
    fn take(&mut self) -> Result<(), ImportError> {
        self.left = self
            .left
            .checked_sub(1)
            .ok_or(ImportError::TooManyCells { limit: self.limit })?;
        Ok(())
    }
}

/// Builds sparse rows from cells that arrive in row-major order (and copes when they do not).
#[derive(Default)]
struct RowBuilder {
    rows: Vec<Row>,
    sorted: bool,
}

impl RowBuilder {
    fn push(&mut self, row: u32, cell: Cell) {
        match self.rows.last_mut() {
            Some(last) if last.index == row => {
                if last.cells.last().is_some_and(|c| c.col >= cell.col) {
                    self.sorted = false;
                }
                last.cells.push(cell);
            }
            last => {
                if last.is_some_and(|l| l.index > row) {
                    self.sorted = false;
                }
                self.rows.push(Row {
                    index: row,
                    cells: vec![cell],
                });
            }
        }
    }

    fn finish(mut self) -> Vec<Row> {
        if !self.sorted {
            // Out-of-order cells are rare (hand-edited XML); merge rows and sort them once.
            let mut by_row: std::collections::BTreeMap<u32, Vec<Cell>> = Default::default();
            for row in self.rows.drain(..) {
                by_row.entry(row.index).or_default().extend(row.cells);
            }
            self.rows = by_row
                .into_iter()
                .map(|(index, mut cells)| {
                    cells.sort_by_key(|c| c.col);
                    cells.dedup_by_key(|c| c.col);
                    Row { index, cells }
                })
                .collect();
        }
        self.rows
    }
}

fn new_builder() -> RowBuilder {
    RowBuilder {
        rows: Vec::new(),
        sorted: true,
    }
}

/// Interns number format codes per sheet.
#[derive(Default)]
struct Formats {
    codes: Vec<String>,
    index: HashMap<String, u32>,
}

impl Formats {
    fn intern(&mut self, code: &str) -> Option<u32> {
        if code.is_empty() || code.eq_ignore_ascii_case("general") {
            return None;
        }
        if let Some(&i) = self.index.get(code) {
            return Some(i);
        }
        let i = u32::try_from(self.codes.len()).ok()?;
        self.codes.push(code.to_string());
        self.index.insert(code.to_string(), i);
        Some(i)
    }
}

fn date_value(dt: &calamine::ExcelDateTime) -> Value {
    if dt.is_duration() {
        return Value::Number(dt.as_f64());
    }
    // to_ymd_hms_milli knows the workbook's epoch; rebuild a 1900-system serial from it.
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    let day = serial_from_civil(i32::from(y), u32::from(mo), u32::from(d));
    let time =
        (f64::from(h) * 3600.0 + f64::from(mi) * 60.0 + f64::from(s) + f64::from(ms) / 1000.0)
            / 86400.0;
    Value::Date(day + time)
}

fn value_of_ref(data: &DataRef<'_>) -> Option<Value> {
    Some(match data {
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => date_value(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => Value::Error(e.to_string()),
        DataRef::Empty => return None,
    })
}

fn value_of(data: &Data) -> Option<Value> {
    Some(match data {
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => date_value(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => return None,
    })
}

fn is_worksheet(sheet: &calamine::Sheet) -> bool {
    sheet.typ == SheetType::WorkSheet
}

fn merged_of(dims: &[Dimensions]) -> Vec<(u32, u32, u32, u32)> {
    dims.iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect()
}

fn read_xlsx(bytes: &[u8], budget: &mut CellBudget) -> Result<Vec<Sheet>, ImportError> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let meta: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    for sheet_meta in meta.iter().filter(|s| is_worksheet(s)) {
        let name = sheet_meta.name.clone();
        let mut builder = new_builder();
        let mut reader = wb.worksheet_cells_reader(&name).map_err(xlsx_error)?;
        // One pass: values and formulas. Number formats and merges are read later, and only
        // when an export asks for them (read_layouts).
        while let Some(cell) = reader.next_cell_with_formula().map_err(xlsx_error)? {
            let (row, col) = cell.pos;
            let formula = cell.formula.filter(|f| !f.is_empty());
            let value = match value_of_ref(&cell.value) {
                // Writers without a calculation engine store an empty text result.
                Some(Value::Text(t)) if t.is_empty() && formula.is_some() => Value::Uncalculated,
                Some(v) => v,
                None if formula.is_some() => Value::Uncalculated,
                None => continue,
            };
            budget.take()?;
            builder.push(
                row,
                Cell {
                    col,
                    value,
                    formula: formula.map(Into::into),
                },
            );
        }
        sheets.push(Sheet {
            name,
            rows: builder.finish(),
            merged: Vec::new(),
            hidden: sheet_meta.visible != SheetVisible::Visible,
        });
    }
    Ok(sheets)
}

/// What only the export needs of a sheet: number formats and merged ranges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetLayout {
    /// Number format codes, referenced by `cells`.
    pub formats: Vec<String>,
    /// (row, column, index into `formats`) of every cell with a format other than General,
    /// in row-major order.
    pub cells: Vec<(u32, u32, u32)>,
    /// Merged ranges as (first row, first col, last row, last col), zero-based.
    pub merged: Vec<(u32, u32, u32, u32)>,
}

impl SheetLayout {
    /// The format code of the cell at `(row, col)`, walking `cursor` forward: call it in
    /// row-major order, as the export copies cells.
    pub fn format_at(&self, cursor: &mut usize, row: u32, col: u32) -> Option<(u32, &str)> {
        while self
            .cells
            .get(*cursor)
            .is_some_and(|&(r, c, _)| (r, c) < (row, col))
        {
            *cursor += 1;
        }
        let &(r, c, i) = self.cells.get(*cursor)?;
        ((r, c) == (row, col))
            .then(|| self.formats.get(i as usize).map(|f| (i, f.as_str())))
            .flatten()
    }
}

/// Reads number formats and merged ranges from the file, one layout per sheet of `workbook`
/// (in its order). Only xlsx carries formats that calamine exposes; other formats give the
/// merges read with the cells. A layout that cannot be read is empty: it is only looks.
pub fn read_layouts(workbook: &SourceWorkbook) -> Vec<SheetLayout> {
    let from_sheets = || {
        workbook
            .sheets
            .iter()
            .map(|s| SheetLayout {
                merged: s.merged.clone(),
                ..SheetLayout::default()
            })
            .collect()
    };
    if workbook.format != Format::Xlsx {
        return from_sheets();
    }
    let merges = any_worksheet_has_merges(&workbook.file);
    std::panic::catch_unwind(|| {
        let Ok(mut wb) = Xlsx::new(Cursor::new(&workbook.file[..])) else {
            return from_sheets();
        };
        workbook
            .sheets
            .iter()
            .map(|sheet| xlsx_layout(&mut wb, &sheet.name, merges))
            .collect()
    })
    .unwrap_or_else(|_| from_sheets())
}

/// Whether any worksheet part of an xlsx holds a `<mergeCell`: inflating and scanning the parts
/// costs a fraction of calamine's merge pass, which tokenises every sheet again.
fn any_worksheet_has_merges(file: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(file)) else {
        return true;
    };
    let needle = b"<mergeCell";
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            return true;
        };
        let is_sheet = part
            .name()
            .is_ok_and(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"));
        if !is_sheet {
            continue;
        }
        let mut xml = Vec::with_capacity(usize::try_from(part.size()).unwrap_or(0).min(64 << 20));
        if part.read_to_end(&mut xml).is_err() {
            return true;
        }
        if memchr::memmem::find(&xml, needle).is_some() {
            return true;
        }
    }
    false
}

fn xlsx_layout(wb: &mut Xlsx<Cursor<&[u8]>>, name: &str, merges: bool) -> SheetLayout {
    let mut layout = SheetLayout::default();
    let mut formats = Formats::default();
    if let Ok(mut reader) = wb.worksheet_cells_reader(name) {
        let styles = reader.styles().to_vec();
        while let Ok(Some((row, col, style_id))) = reader.next_style_id() {
            let code = styles
                .get(style_id)
                .and_then(|s| s.number_format.as_ref())
                .map(|n| n.format_code.as_str());
            if let Some(i) = code.and_then(|c| formats.intern(c)) {
                layout.cells.push((row, col, i));
            }
        }
    }
    layout.cells.sort_unstable();
    layout.formats = formats.codes;
    if merges {
        layout.merged = merged_of(&wb.merge_cells_by_sheet_name(name).unwrap_or_default());
    }
    layout
}

fn read_xlsb(bytes: &[u8], budget: &mut CellBudget) -> Result<Vec<Sheet>, ImportError> {
    let mut wb = Xlsb::new(Cursor::new(bytes)).map_err(xlsb_error)?;
    let meta: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    for sheet_meta in meta.iter().filter(|s| is_worksheet(s)) {
        let name = sheet_meta.name.clone();
        let mut builder = new_builder();
        {
            let mut reader = wb.worksheet_cells_reader(&name).map_err(xlsb_error)?;
            while let Some(cell) = reader.next_cell().map_err(xlsb_error)? {
                let (row, col) = cell.get_position();
                let Some(value) = value_of_ref(cell.get_value()) else {
                    continue;
                };
                budget.take()?;
                builder.push(row, Cell::new(col, value));
            }
        }
        let mut rows = builder.finish();
        if let Ok(mut reader) = wb.worksheet_cells_reader(&name) {
            // Formulas are kept when they can be read; their cached values are already in.
            while let Ok(Some(f)) = reader.next_formula() {
                let (row, col) = f.get_position();
                if f.get_value().is_empty() {
                    continue;
                }
                if let Ok(ri) = rows.binary_search_by_key(&row, |r| r.index) {
                    if let Ok(ci) = rows[ri].cells.binary_search_by_key(&col, |c| c.col) {
                        rows[ri].cells[ci].formula = Some(f.get_value().as_str().into());
                    }
                }
            }
        }
        sheets.push(Sheet {
            name,
            rows,
            merged: Vec::new(),
            hidden: sheet_meta.visible != SheetVisible::Visible,
        });
    }
    Ok(sheets)
}

/// Reads every worksheet through calamine's ranges (xls and ods).
macro_rules! read_by_range {
    ($wb:expr, $budget:expr, $to_error:expr, $merges:expr) => {{
        let meta: Vec<calamine::Sheet> = $wb.sheets_metadata().to_vec();
        let mut sheets = Vec::new();
        for sheet_meta in meta.iter().filter(|s| is_worksheet(s)) {
            let name = sheet_meta.name.clone();
            let range = $wb.worksheet_range(&name).map_err($to_error)?;
            let formulas = $wb.worksheet_formula(&name).ok();
            let merged: Vec<Dimensions> = $merges(&$wb, &name);
            let hidden = sheet_meta.visible != SheetVisible::Visible;
            sheets.push(sheet_from_range(
                name,
                &range,
                formulas.as_ref(),
                &merged,
                hidden,
                $budget,
            )?);
        }
        Ok::<Vec<Sheet>, ImportError>(sheets)
    }};
}

fn read_xls(bytes: &[u8], budget: &mut CellBudget) -> Result<Vec<Sheet>, ImportError> {
    let mut wb = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
    read_by_range!(wb, budget, xls_error, |wb: &Xls<_>, name: &str| wb
        .merge_cells_by_sheet_name(name)
        .unwrap_or_default())
}

fn read_ods(bytes: &[u8], budget: &mut CellBudget) -> Result<Vec<Sheet>, ImportError> {
    let mut wb = Ods::new(Cursor::new(bytes)).map_err(ods_error)?;
    read_by_range!(wb, budget, ods_error, |_: &Ods<_>, _: &str| Vec::new())
}

fn sheet_from_range(
    name: String,
    range: &calamine::Range<Data>,
    formulas: Option<&calamine::Range<String>>,
    merged: &[Dimensions],
    hidden: bool,
    budget: &mut CellBudget,
) -> Result<Sheet, ImportError> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut builder = new_builder();
    for (r, c, data) in range.used_cells() {
        let (row, col) = (r0 + r as u32, c0 + c as u32);
        let formula = formulas
            .and_then(|f| f.get_value((row, col)))
            .filter(|f| !f.is_empty())
            .map(|f| Box::<str>::from(f.as_str()));
        let Some(value) = value_of(data) else {
            continue;
        };
        budget.take()?;
        builder.push(
            row,
            Cell {
                col,
                value,
                formula,
            },
        );
    }
    Ok(Sheet {
        name,
        rows: builder.finish(),
        merged: merged_of(merged),
        hidden,
    })
}

fn xlsx_error(e: XlsxError) -> ImportError {
    match e {
        XlsxError::Password => ImportError::Encrypted,
        // Entity definitions (billion laughs) are never expanded: refused outright.
        XlsxError::Xml(x) if x.to_string().contains("entity") => ImportError::Damaged(
            "it defines XML entities, which real workbooks never do, so it was not opened".into(),
        ),
        other => ImportError::Damaged(other.to_string()),
    }
}

fn xlsb_error(e: XlsbError) -> ImportError {
    match e {
        XlsbError::Password => ImportError::Encrypted,
        other => ImportError::Damaged(other.to_string()),
    }
}

fn xls_error(e: XlsError) -> ImportError {
    match e {
        XlsError::Password => ImportError::Encrypted,
        other => ImportError::Damaged(other.to_string()),
    }
}

fn ods_error(e: OdsError) -> ImportError {
    match e {
        OdsError::Password => ImportError::Encrypted,
        OdsError::CellLimitExceeded { .. } => ImportError::TooManyCells { limit: MAX_CELLS },
        other => ImportError::Damaged(other.to_string()),
    }
}
