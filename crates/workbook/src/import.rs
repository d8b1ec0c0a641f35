//! From bytes to a [`Dataset`]: sniff the format, read every sheet, find the table, map the
//! columns, read the rows.

use std::collections::BTreeMap;

use account_lens_engine::{
    Dataset, Diagnostic, Estimates, NextAction, Overrides, PlanSettings, ProductSettings,
    Projection, Settings, Snapshot, TimeLog,
};
use serde::{Deserialize, Serialize};

use crate::accounts::{read_accounts, TableRead};
use crate::activities_sheet::read_activities_sheet;
use crate::error::ImportError;
use crate::grid::{Format, Sheet, SourceWorkbook};
use crate::history_sheet::read_history_sheet;
use crate::mapping::{
    map_headers, Field, FieldColumn, Mapping, ACCOUNT_FIELDS, TRANSACTION_FIELDS,
};
use crate::overrides_sheet::read_overrides_sheet;
use crate::products_sheet::{self, ProductLayout, ProductsRead};
use crate::settings_sheet::{is_generated_sheet, read_product_settings, read_settings_sheet};
use crate::sheet_estimates::read_sheet_estimates;
use crate::sniff::sniff;
use crate::spreadsheet::read_spreadsheet;
use crate::table::{find_header, headers_seen, HeaderRow};
use crate::text::read_text;
use crate::time_log::{attached_time_log, looks_like_time_log};
use crate::time_plan_sheet::read_time_plan_sheet;
use crate::transactions::{date_share, read_transactions};

/// The shape of the analysed sheet (contract names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per account.
    Accounts,
    /// Order lines, aggregated per account and year.
    Transactions,
}

impl Shape {
    pub fn key(self) -> &'static str {
        match self {
            Shape::Accounts => "accounts",
            Shape::Transactions => "transactions",
        }
    }
}

/// What the user chose: a sheet, and column overrides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportOptions {
    pub sheet: Option<String>,
    pub overrides: Vec<(Field, String)>,
}

impl ImportOptions {
    /// Parses a `FIELD=HEADER` override as given on the command line.
    ///
    /// # Errors
    /// A message naming the known fields when the field is unknown or the `=` missing.
    pub fn parse_override(text: &str) -> Result<(Field, String), String> {
        let (field, header) = text
            .split_once('=')
            .ok_or_else(|| format!("--map takes FIELD=HEADER, not \"{text}\""))?;
        let field = Field::from_key(field).ok_or_else(|| {
            let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
            format!(
                "unknown field \"{field}\" in --map; fields are: {}",
                keys.join(", ")
            )
        })?;
        Ok((field, header.trim().to_string()))
    }
}

/// Where the accounts came from, for the reading report and the JSON contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub format: Format,
    pub sheet: String,
    pub shape: Shape,
    /// One-based row of the header.
    pub header_row: u32,
    pub rows_read: usize,
    pub rows_skipped: usize,
    /// How a text file was decoded.
    pub text_details: Option<String>,
}

/// A workbook read and understood: the dataset for the engine, plus what the export needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub source: Source,
    pub mapping: Mapping,
    pub dataset: Dataset,
    /// Settings found in the `Settings` sheet of an earlier export.
    pub settings: Option<Settings>,
    /// The user's category calls and notes from the `Overrides` sheet of an earlier export
    /// (empty when there is none): analyse with
    /// [`analyze_with`](account_lens_engine::analyze_with) to restore them.
    pub overrides: Overrides,
    /// A time log (shape 3) found in another sheet of the workbook: the sheet's name and its
    /// entries. What its reading noticed is among the dataset's diagnostics. Apply it with
    /// [`apply_time_log`](account_lens_engine::apply_time_log). Never an export's `Activities`
    /// sheet, which is [`Imported::logged`].
    pub time_log: Option<(String, TimeLog)>,
    /// The time plan's estimates per account (by name) from the account sheet's own columns
    /// (`response_none`, `response_half`, `response_more`, `response_saturation`): only accounts
    /// with all four, making a curve (the others have a diagnostic and keep their category's
    /// defaults). Plan with
    /// [`PlanSettings::with_sheet_estimates`](account_lens_engine::PlanSettings::with_sheet_estimates).
    pub sheet_estimates: BTreeMap<String, Estimates>,
    /// The time plan's settings from the `Time plan` sheet of an earlier export: capacity, step,
    /// default estimates, per-account bounds, and the estimates the user set (not those from
    /// the sheet's columns or the defaults). `None` without such a sheet.
    pub plan_settings: Option<PlanSettings>,
    /// Time logged outside the workbook, from the `Activities` sheet of an earlier export
    /// (empty without one): counted with [`Imported::time_log`], and carried into the next
    /// export through [`Extras::logged`](crate::export::Extras::logged).
    pub logged: TimeLog,
    /// Sales per account and product, when the workbook has them: from the analysed order
    /// lines' product column, or a sheet of account, product and sales (long, or a matrix of
    /// products across), the analysed one or another (see [`crate::products_sheet`]). What
    /// its reading noticed is among the dataset's diagnostics. Analyse it with
    /// [`products`](account_lens_engine::products).
    pub products: Option<ProductsRead>,
    /// The product analysis's settings from the `Products` sheet of an earlier export.
    pub product_settings: Option<ProductSettings>,
    /// The weeks saved before, from the `History` sheet of an earlier export (empty without
    /// one), in the sheet's order: carried into the next export through
    /// [`HistorySheet`](crate::history_sheet::HistorySheet).
    pub history: Vec<Snapshot>,
    /// The rep's next actions, from the same `History` sheet.
    pub next_actions: Vec<NextAction>,
    pub workbook: SourceWorkbook,
}

/// Reads the bytes of a file into its sheets, deciding the format from the bytes alone.
///
/// # Errors
/// Every refusal of "Limits and failure behaviour", as [`ImportError`].
pub fn read_workbook(bytes: &[u8], file_stem: &str) -> Result<SourceWorkbook, ImportError> {
    match sniff(bytes)? {
        Format::Csv => read_text(bytes, file_stem),
        format => read_spreadsheet(bytes, format),
    }
}

/// Reads and analyses a file in one go.
///
/// # Errors
/// As [`read_workbook`] and [`understand`].
pub fn import(
    bytes: &[u8],
    file_name: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    import_in_steps(bytes, file_name, options, &mut || {})
}

/// As [`import`], calling `read` once the cells are read and before the sheet is understood
/// (for a progress line).
///
/// # Errors
/// As [`import`].
pub fn import_in_steps(
    bytes: &[u8],
    file_name: &str,
    options: &ImportOptions,
    read: &mut dyn FnMut(),
) -> Result<Imported, ImportError> {
    let workbook = read_workbook(bytes, file_stem(file_name))?;
    read();
    let named_like_a_workbook = [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
        .iter()
        .any(|ext| file_name.to_ascii_lowercase().ends_with(ext));
    let is_text = workbook.format == Format::Csv;
    understand(workbook, options).map_err(|e| match e {
        // The format comes from the bytes; the name only helps say what went wrong.
        ImportError::NoAccountColumn { .. } if is_text && named_like_a_workbook => {
            ImportError::NotASpreadsheet("plain text with a workbook's name".into())
        }
        other => other,
    })
}

/// The name without folders and extension: the sheet name of a CSV file.
pub fn file_stem(file_name: &str) -> &str {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    }
}

/// One sheet's best reading.
struct Candidate<'a> {
    sheet: &'a Sheet,
    header: HeaderRow,
    mapping: Mapping,
    shape: Shape,
    score: f32,
}

fn candidate<'a>(
    sheet: &'a Sheet,
    options: &ImportOptions,
) -> Result<Option<Candidate<'a>>, ImportError> {
    let mut fields: Vec<Field> = ACCOUNT_FIELDS.to_vec();
    fields.extend(TRANSACTION_FIELDS);
    let Some(header) = find_header(sheet, &fields) else {
        return Ok(None);
    };
    let rows = sheet.rows.get(header.position + 1..).unwrap_or_default();

    // Order lines have a date column full of dates and an amount; otherwise it is an account table.
    let lines = map_headers(&header.headers, &TRANSACTION_FIELDS, &options.overrides)
        .map_err(ImportError::BadMapping)?;
    // Only sure evidence makes order lines: a date and an amount named as such (not "Last
    // Activity Date" beside "Sales 2025"), dates in the date column, and no year-labelled sales
    // columns, which mark an account table.
    let sure = |f: Field| lines.get(f).is_some_and(|c| c.confidence >= 1.0);
    let has_year_columns = header
        .headers
        .iter()
        .any(|(_, h)| crate::mapping::year_label(h).is_some());
    let is_transactions = lines.has(Field::Account)
        && sure(Field::Amount)
        && sure(Field::Date)
        && !has_year_columns
        && lines
            .get(Field::Date)
            .is_some_and(|d| date_share(rows, d.column) >= 0.8)
        && !options
            .overrides
            .iter()
            .any(|(f, _)| ACCOUNT_FIELDS.contains(f) && !TRANSACTION_FIELDS.contains(f));
    let (shape, mut mapping) = if is_transactions {
        (Shape::Transactions, lines)
    } else {
        let overrides: Vec<(Field, String)> = options
            .overrides
            .iter()
            .filter(|(f, _)| ACCOUNT_FIELDS.contains(f))
            .cloned()
            .collect();
        (
            Shape::Accounts,
            map_headers(&header.headers, &ACCOUNT_FIELDS, &overrides)
                .map_err(ImportError::BadMapping)?,
        )
    };
    if !mapping.has(Field::Account) {
        infer_account_column(sheet, &header, &mut mapping);
    }
    if !mapping.has(Field::Account) {
        return Ok(None);
    }
    let score = sheet_score(&mapping, rows.len(), sheet.hidden);
    Ok(Some(Candidate {
        sheet,
        header,
        mapping,
        shape,
        score,
    }))
}

/// Reports often leave the name column's header blank ("", "Customer" missing): take the
/// text-filled column left of the amounts, at low confidence.
fn infer_account_column(sheet: &Sheet, header: &HeaderRow, mapping: &mut Mapping) {
    let Some(first_amount) = mapping.fields.iter().map(|f| f.column).min() else {
        return;
    };
    let rows = sheet.rows.get(header.position + 1..).unwrap_or_default();
    let best = (0..first_amount)
        .filter(|c| !header.headers.iter().any(|(hc, _)| hc == c))
        .map(|c| {
            (
                c,
                rows.iter()
                    .filter(|r| matches!(r.value(c), Some(crate::grid::Value::Text(_))))
                    .count(),
            )
        })
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(_, n)| *n);
    if let Some((col, _)) = best {
        mapping.fields.push(FieldColumn {
            field: Field::Account,
            header: format!(
                "(column {}, no header)",
                account_lens_engine::column_letter(col)
            ),
            column: col,
            extra: Vec::new(),
            confidence: 0.5,
            why: "the column of names left of the amounts".into(),
        });
    }
}

/// When the current year's sales are months or quarters and fewer of them hold numbers than the
/// prior year has ("Q1 2026 … Q3 2026" against four quarters of 2025), the current year is
/// projected to a full one.
fn part_year_projection(
    sheet: &Sheet,
    header: &HeaderRow,
    mapping: &Mapping,
) -> Option<Projection> {
    let (current, prior) = (
        mapping.get(Field::CurrentSales)?,
        mapping.get(Field::PriorSales)?,
    );
    let label = |col: u32| {
        header
            .headers
            .iter()
            .find(|(c, _)| *c == col)
            .and_then(|(_, h)| crate::mapping::year_label(h))
    };
    let parts = |fc: &FieldColumn| fc.columns().all(|c| label(c).is_some_and(|l| l.part));
    if !parts(current) || !parts(prior) {
        return None;
    }
    let rows = sheet.rows.get(header.position + 1..).unwrap_or_default();
    let filled = current
        .columns()
        .filter(|&c| rows.iter().any(|r| holds_amount(r.value(c))))
        .count();
    let periods = prior.columns().count();
    if filled == 0 || filled >= periods {
        return None;
    }
    let factor = periods as f64 / filled as f64;
    let year = label(current.column).map_or_else(String::new, |l| format!("{} ", l.year));
    Some(Projection {
        factor,
        rule: format!(
            "{year}has figures for {filled} of {periods} periods: current sales × {factor:.3} projected to a full year"
        ),
    })
}

/// A cell with a non-zero number in it, as a number or as text.
fn holds_amount(value: Option<&crate::grid::Value>) -> bool {
    use crate::coerce::{parse_number, DecimalStyle};
    match value {
        Some(crate::grid::Value::Number(n)) => *n != 0.0,
        Some(crate::grid::Value::Text(t)) => parse_number(t, DecimalStyle::Point)
            .or_else(|| parse_number(t, DecimalStyle::Comma))
            .is_some_and(|n| n != 0.0),
        _ => false,
    }
}

/// How well a sheet's table fits its shape, to choose among sheets: the mapping's confidence,
/// a little more for more rows, much less for a hidden sheet.
pub(crate) fn sheet_score(mapping: &Mapping, rows: usize, hidden: bool) -> f32 {
    let confidence: f32 = mapping.fields.iter().map(|f| f.confidence).sum();
    confidence + (rows as f32).ln_1p() * 0.5 - if hidden { 5.0 } else { 0.0 }
}

/// Finds the sheet and table to analyse in a workbook already read, and reads its accounts.
///
/// # Errors
/// [`ImportError::NoSuchSheet`], [`ImportError::NoAccountColumn`], [`ImportError::BadMapping`],
/// [`ImportError::NoRows`].
pub fn understand(
    workbook: SourceWorkbook,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let settings = workbook.sheets.iter().find_map(read_settings_sheet);
    let overrides = workbook
        .sheets
        .iter()
        .find_map(read_overrides_sheet)
        .unwrap_or_default();
    let mut restored_notes = Vec::new();
    let plan_settings =
        workbook
            .sheets
            .iter()
            .find_map(read_time_plan_sheet)
            .map(|(settings, notes)| {
                restored_notes.extend(notes);
                settings
            });
    let product_settings = workbook.sheets.iter().find_map(read_product_settings);
    let logged = workbook
        .sheets
        .iter()
        .find_map(read_activities_sheet)
        .map(|(log, notes)| {
            restored_notes.extend(notes);
            log
        })
        .unwrap_or_default();
    let (history, next_actions) = workbook
        .sheets
        .iter()
        .find_map(read_history_sheet)
        .map(|read| {
            restored_notes.extend(read.diagnostics);
            (read.snapshots, read.actions)
        })
        .unwrap_or_default();
    let chosen = {
        let sheets: Vec<&Sheet> = match &options.sheet {
            Some(name) => {
                let sheet = workbook
                    .sheets
                    .iter()
                    .find(|s| s.name == *name || s.name.eq_ignore_ascii_case(name))
                    .ok_or_else(|| ImportError::NoSuchSheet {
                        asked: name.clone(),
                        sheets: workbook.sheets.iter().map(|s| s.name.clone()).collect(),
                    })?;
                vec![sheet]
            }
            None => workbook
                .sheets
                .iter()
                .filter(|s| !is_generated_sheet(s))
                .collect(),
        };
        let mut best: Option<Candidate> = None;
        // A --map header missing from one sheet rules that sheet out, not the workbook.
        let mut mapping_error = None;
        // A time log, and a sheet of sales per account and product, are read beside the
        // accounts, not as them: each is analysed only when no other sheet can be.
        let (time_logs, others): (Vec<&Sheet>, Vec<&Sheet>) = if sheets.len() > 1 {
            sheets.into_iter().partition(|s| looks_like_time_log(s))
        } else {
            (Vec::new(), sheets)
        };
        let (product_sheets, others): (Vec<&Sheet>, Vec<&Sheet>) = if others.len() > 1 {
            others
                .into_iter()
                .partition(|s| products_sheet::looks_like_product_sheet(s))
        } else {
            (Vec::new(), others)
        };
        for group in [others, product_sheets, time_logs] {
            for sheet in group {
                match candidate(sheet, options) {
                    Ok(Some(c)) if best.as_ref().is_none_or(|b| c.score > b.score) => {
                        best = Some(c)
                    }
                    Ok(_) => {}
                    Err(e) => mapping_error = mapping_error.or(Some(e)),
                }
            }
            if best.is_some() {
                break;
            }
        }
        if let (None, Some(e)) = (&best, mapping_error) {
            return Err(e);
        }
        best.ok_or_else(|| {
            let found = workbook
                .sheets
                .iter()
                .flat_map(headers_seen)
                .take(24)
                .collect();
            ImportError::NoAccountColumn { found }
        })?
    };

    let Candidate {
        sheet,
        header,
        mapping,
        shape,
        ..
    } = chosen;
    // The analysed sheet's own product figures; a sheet that is nothing but sales per account
    // and product gives the accounts too (each the sum of its products).
    let mut accounts_from_products = false;
    let (table, projection, own_products): (TableRead, _, Option<(ProductsRead, Vec<Diagnostic>)>) =
        match shape {
            Shape::Accounts => {
                // A matrix only where the account table has no amount to read at all.
                let amounts = mapping
                    .fields
                    .iter()
                    .any(|f| products_sheet::AMOUNT_FIELDS.contains(&f.field));
                match products_sheet::detect(sheet, &options.overrides)
                    .filter(|f| f.layout == ProductLayout::Long || !amounts)
                {
                    Some(found) if found.layout == ProductLayout::Wide || found.repeats => {
                        let read = products_sheet::read(&found);
                        accounts_from_products = true;
                        (
                            products_sheet::accounts_of(&read),
                            None,
                            Some((read.read, Vec::new())),
                        )
                    }
                    found => (
                        read_accounts(sheet, &header, &mapping),
                        part_year_projection(sheet, &header, &mapping),
                        found.map(|f| {
                            let read = products_sheet::read(&f);
                            (read.read, read.diagnostics)
                        }),
                    ),
                }
            }
            Shape::Transactions => {
                let read = read_transactions(sheet, &header, &mapping);
                (
                    read.table,
                    read.projection,
                    read.products.map(|p| (p, Vec::new())),
                )
            }
        };
    if table.accounts.is_empty() {
        return Err(ImportError::NoRows(sheet.name.clone()));
    }
    let read_as = match shape {
        Shape::Accounts if accounts_from_products => {
            "sales per account and product (each account's sales the sum of its products)"
        }
        Shape::Accounts => "an account table",
        Shape::Transactions => "order lines",
    };
    let mut diagnostics = vec![Diagnostic::info(format!(
        "Read sheet \"{}\" as {read_as} with the header in row {}",
        sheet.name,
        header.row + 1
    ))
    .in_sheet(&sheet.name)];
    if let Some(details) = &workbook.text_details {
        diagnostics.push(Diagnostic::info(format!("Text file read as {details}")));
    }
    if header.annotations_from.is_some() {
        diagnostics.push(Diagnostic::info("Annotation columns of an earlier export recognised; they are replaced, not read as data").in_sheet(&sheet.name));
    }
    diagnostics.extend(table.diagnostics);
    let sheet_estimates = match shape {
        Shape::Accounts => {
            let (estimates, notes) =
                read_sheet_estimates(sheet, &header, &mapping, &table.accounts);
            diagnostics.extend(notes);
            estimates
        }
        Shape::Transactions => BTreeMap::new(),
    };
    diagnostics.extend(restored_notes);
    let products = own_products
        .or_else(|| products_beside(&workbook, &sheet.name, options))
        .filter(|(read, _)| !read.table.cells.is_empty())
        .map(|(read, notes)| {
            diagnostics.push(products_sheet::headline(&read));
            // A sheet read twice (as accounts and for its products) says a thing once.
            let said: std::collections::HashSet<(Option<u32>, Option<String>, String)> =
                diagnostics
                    .iter()
                    .map(|d| (d.row, d.column.clone(), d.message.clone()))
                    .collect();
            diagnostics.extend(
                notes
                    .into_iter()
                    .filter(|d| !said.contains(&(d.row, d.column.clone(), d.message.clone()))),
            );
            read
        });
    let time_log = attached_time_log(&workbook, &sheet.name).map(|(name, log, notes)| {
        diagnostics.extend(notes);
        (name, log)
    });
    let source = Source {
        format: workbook.format,
        sheet: sheet.name.clone(),
        shape,
        header_row: header.row + 1,
        rows_read: table.rows_read,
        rows_skipped: table.rows_skipped,
        text_details: workbook.text_details.clone(),
    };
    let without_prior_year = match shape {
        Shape::Accounts if accounts_from_products => {
            table.accounts.iter().all(|a| a.prior_sales.is_none())
        }
        Shape::Accounts => !mapping.has(Field::PriorSales),
        Shape::Transactions => table.accounts.iter().all(|a| a.prior_sales.is_none()),
    };
    if without_prior_year {
        diagnostics.push(
            Diagnostic::warning(
                "No prior year in this sheet: growth cannot be measured and no account counts as new. Add last year's sales (a column such as \"Sales 2025\") for the full review",
            )
            .in_sheet(&sheet.name),
        );
    }
    if let (Shape::Accounts, Some(p)) = (shape, &projection) {
        diagnostics.push(Diagnostic::info(p.rule.clone()).in_sheet(&sheet.name));
    }
    let dataset = Dataset {
        accounts: table.accounts,
        projection,
        without_prior_year,
        diagnostics,
    };
    Ok(Imported {
        source,
        mapping,
        dataset,
        settings,
        overrides,
        time_log,
        sheet_estimates,
        plan_settings,
        logged,
        products,
        product_settings,
        history,
        next_actions,
        workbook,
    })
}

/// The best other sheet with product figures: order lines with a product column, a long
/// account × product table or a matrix; never a sheet an export generated or a time log.
fn products_beside(
    workbook: &SourceWorkbook,
    analysed: &str,
    options: &ImportOptions,
) -> Option<(ProductsRead, Vec<Diagnostic>)> {
    enum Found<'a> {
        Lines(Candidate<'a>),
        Table(products_sheet::ProductSheet<'a>),
    }
    let mut best: Option<(f32, Found)> = None;
    for sheet in workbook
        .sheets
        .iter()
        .filter(|s| s.name != analysed && !is_generated_sheet(s) && !looks_like_time_log(s))
    {
        let found = match candidate(sheet, options) {
            Ok(Some(c)) if c.shape == Shape::Transactions && c.mapping.has(Field::Product) => {
                Found::Lines(c)
            }
            _ => match products_sheet::detect(sheet, &options.overrides) {
                Some(f) => Found::Table(f),
                None => continue,
            },
        };
        let score = match &found {
            Found::Lines(c) => c.score,
            Found::Table(f) => f.score,
        };
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, found));
        }
    }
    match best?.1 {
        Found::Lines(c) => {
            let read = read_transactions(c.sheet, &c.header, &c.mapping);
            read.products.map(|p| (p, read.table.diagnostics))
        }
        Found::Table(f) => {
            let read = products_sheet::read(&f);
            Some((read.read, read.diagnostics))
        }
    }
}
