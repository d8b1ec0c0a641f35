//! The annotation columns: where they go on the analysed sheet, what each account row gets,
//! and the derived `Accounts` sheet for accounts summed from order lines.

use std::borrow::Cow;

use account_lens_engine::{column_letter, AccountReview, Category, Flag, Review};
use rust_xlsxwriter::{ConditionalFormatFormula, Worksheet, XlsxError};

use crate::export::copy::col16;
use crate::export::styles::{self, Tint, MONEY, PERCENT};
use crate::export::ExportError;
use crate::grid::{Sheet, Value};
use crate::import::Imported;
use crate::mapping::{annotation_start, annotation_width, Field, Mapping, ANNOTATION_HEADERS};
use crate::settings_sheet::DERIVED_ACCOUNTS_MARKER;
use crate::table::header_text;

/// Number of annotation columns.
const WIDTH: u32 = ANNOTATION_HEADERS.len() as u32;
/// Number of annotation columns of exports from before the `Note` column.
const WIDTH_BEFORE_NOTE: u32 = WIDTH - 1;
/// The `Note` column, from `Category`.
const NOTE: u32 = WIDTH - 1;

/// Column widths of the annotation columns, in characters: the reason needs room to be read.
const WIDTHS: [f64; ANNOTATION_HEADERS.len()] = [
    10.0, 6.0, 22.0, 70.0, 15.0, 10.0, 13.0, 15.0, 10.0, 10.0, 40.0,
];

/// What the annotated account sheet holds, for the Summary's live formulas.
pub(crate) struct AccountTable {
    /// The sheet's name as written.
    pub(crate) sheet: String,
    /// First and last account row, zero-based; `None` when no account has a row.
    pub(crate) rows: Option<(u32, u32)>,
    /// The `Category` column; the other annotation columns follow it.
    pub(crate) annotation_col: u32,
    /// The hours column, when the sheet has one.
    pub(crate) hours_col: Option<u32>,
    /// What the sheet's cells add up to per category (in [`Category::ALL`] order), so the
    /// Summary uses a formula only where it recomputes the review's number.
    pub(crate) sums: [Sums; 3],
}

/// One category's totals as the cells of the account sheet give them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Sums {
    pub(crate) accounts: usize,
    pub(crate) sales: f64,
    pub(crate) upside: f64,
    pub(crate) deterioration: f64,
    pub(crate) hours: f64,
}

impl Sums {
    fn add(&mut self, a: &AccountReview, hours: Option<f64>) {
        self.accounts += 1;
        self.sales += a.projected_sales.unwrap_or(0.0);
        self.upside += a.upside.unwrap_or(0.0);
        self.deterioration += a.deterioration.unwrap_or(0.0);
        self.hours += hours.unwrap_or(0.0);
    }
}

fn category_index(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0)
}

/// An account row of the analysed sheet.
pub(crate) struct AnnotatedRow {
    /// Zero-based sheet row.
    pub(crate) row: u32,
    /// Index into `Review::accounts`.
    pub(crate) account: usize,
}

/// Where the annotations of the analysed sheet go.
pub(crate) struct AnnotatedSheet {
    /// Zero-based header row.
    header_row: u32,
    /// The first annotation column: where an earlier export put them, else right of the table.
    pub(crate) start_col: u32,
    /// How many annotation columns an earlier export left (0 for none): their old cells are
    /// not copied (columns the rep added after them are).
    old_width: u32,
    /// How many annotation columns are written: all of them, or those of an export from
    /// before the `Note` column when the rep's own column now sits where `Note` would go.
    width: u32,
    /// Account rows, sorted by row.
    pub(crate) rows: Vec<AnnotatedRow>,
}

impl AnnotatedSheet {
    /// Places the annotations of `review` on `sheet`, whose header is on one-based `header_row`.
    pub(crate) fn locate(sheet: &Sheet, header_row: u32, review: &Review) -> AnnotatedSheet {
        let header_row = header_row.saturating_sub(1);
        let headers: Vec<(u32, String)> = sheet
            .rows
            .iter()
            .find(|r| r.index == header_row)
            .map(|r| {
                r.cells
                    .iter()
                    .filter_map(|c| header_text(&c.value).map(|t| (c.col, t)))
                    .collect()
            })
            .unwrap_or_default();
        let earlier = annotation_start(&headers);
        let old_width = earlier.map_or(0, |start| annotation_width(&headers, start));
        let mut rows: Vec<AnnotatedRow> = review
            .accounts
            .iter()
            .enumerate()
            .filter_map(|(account, a)| {
                let row = a.row?.checked_sub(1).filter(|r| *r > header_row)?;
                Some(AnnotatedRow { row, account })
            })
            .collect();
        rows.sort_by_key(|r| r.row);
        rows.dedup_by_key(|r| r.row);
        // Right of the table (the header row and the account rows), not of every cell of the
        // sheet: a stray far-away note must not push the annotations off the grid.
        let table_width = sheet
            .rows
            .iter()
            .filter(|r| {
                r.index == header_row || rows.binary_search_by_key(&r.index, |a| a.row).is_ok()
            })
            .filter_map(|r| r.cells.last())
            .map(|c| c.col + 1)
            .max()
            .unwrap_or(0);
        let start_col = earlier.unwrap_or(table_width);
        // An older, narrower block with the rep's column right after it keeps its width:
        // the rep's cells keep their place, the notes are in the Overrides sheet all the same.
        let width = if old_width > 0 && old_width < WIDTH {
            let added = start_col + old_width..start_col + WIDTH;
            let taken = sheet
                .rows
                .iter()
                .filter(|r| {
                    r.index == header_row || rows.binary_search_by_key(&r.index, |a| a.row).is_ok()
                })
                .any(|r| r.cells.iter().any(|c| added.contains(&c.col)));
            if taken {
                old_width.max(WIDTH_BEFORE_NOTE)
            } else {
                WIDTH
            }
        } else {
            WIDTH
        };
        AnnotatedSheet {
            header_row,
            start_col,
            old_width,
            width,
            rows,
        }
    }

    /// Whether a source cell is an earlier export's annotation, rewritten rather than copied.
    pub(crate) fn is_old_annotation(&self, col: u32) -> bool {
        (self.start_col..self.start_col + self.old_width).contains(&col)
    }

    /// Whether a merged range reaches into the annotation columns of the table's rows.
    pub(crate) fn clips(&self, first_row: u32, last_row: u32, last_col: u32) -> bool {
        let table_end = self.rows.last().map_or(self.header_row, |r| r.row);
        last_col >= self.start_col && first_row <= table_end && last_row >= self.header_row
    }

    /// Writes the annotation headers and every account's annotations, with the category tint,
    /// the autofilter and the frozen header.
    ///
    /// # Errors
    /// [`ExportError::Cell`] when the annotation columns fall beyond Excel's last column.
    pub(crate) fn write(
        &self,
        ws: &mut Worksheet,
        name: &str,
        sheet: &Sheet,
        mapping: &Mapping,
        review: &Review,
    ) -> Result<AccountTable, ExportError> {
        write_headers(ws, self.header_row, self.start_col, self.width).map_err(ExportError::at(
            name,
            self.header_row,
            self.start_col,
        ))?;
        let hours_col = mapping
            .get(Field::Hours)
            .map(|f| f.column)
            .filter(|c| *c < self.start_col);
        let mut sums = [Sums::default(); 3];
        let mut source_rows = sheet.rows.iter().peekable();
        for r in &self.rows {
            let Some(a) = review.accounts.get(r.account) else {
                continue;
            };
            write_annotations(ws, r.row, self.start_col, self.width, a)
                .map_err(ExportError::at(name, r.row, self.start_col))?;
            // Both lists are sorted by row: walk the sheet's rows alongside.
            while source_rows.next_if(|s| s.index < r.row).is_some() {}
            let hours = hours_col.and_then(|c| {
                match source_rows.peek().filter(|s| s.index == r.row)?.value(c) {
                    Some(Value::Number(n)) => Some(*n),
                    _ => None,
                }
            });
            sums[category_index(a.category)].add(a, hours);
        }
        let rows = self
            .rows
            .first()
            .zip(self.rows.last())
            .map(|(f, l)| (f.row, l.row));
        finish_table(ws, self.header_row, rows, self.start_col, self.width)?;
        Ok(AccountTable {
            sheet: name.to_string(),
            rows,
            annotation_col: self.start_col,
            hours_col,
            sums,
        })
    }
}

/// The bold headers of the first `width` annotation columns on the header row.
fn write_headers(
    ws: &mut Worksheet,
    row: u32,
    start_col: u32,
    width: u32,
) -> Result<(), XlsxError> {
    let bold = styles::header();
    for (i, header) in (0..width).zip(ANNOTATION_HEADERS) {
        ws.write_string_with_format(row, col16(start_col + i), header, &bold)?;
    }
    Ok(())
}

/// The table's finish: rows tinted by their Category cell, autofilter over the header and the
/// account rows, the header frozen above them, and the annotation columns' widths and number
/// formats (as column formats, so no annotation cell needs a format of its own).
fn finish_table(
    ws: &mut Worksheet,
    header_row: u32,
    rows: Option<(u32, u32)>,
    start_col: u32,
    width: u32,
) -> Result<(), XlsxError> {
    let last_col = col16(start_col + width - 1);
    if let Some((first, last)) = rows {
        let category = format!("${}{}", column_letter(start_col), first + 1);
        for tint in Tint::ALL {
            let rule = format!("{category}=\"{}\"", tint.category().label());
            let tinted = ConditionalFormatFormula::new()
                .set_rule(rule.as_str())
                .set_format(tint.format());
            ws.add_conditional_format(first, 0, last, last_col, &tinted)?;
        }
    }
    ws.autofilter(
        header_row,
        0,
        rows.map_or(header_row, |(_, last)| last),
        last_col,
    )?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    let money = styles::number_format(MONEY);
    let percent = styles::number_format(PERCENT);
    for (i, chars) in (0..width).zip(WIDTHS) {
        let col = col16(start_col + i);
        match i {
            4 | 6 | 7 => ws.set_column_format(col, &money)?,
            5 | 8 | 9 => ws.set_column_format(col, &percent)?,
            _ => ws,
        };
        ws.set_column_width(col, chars)?;
    }
    Ok(())
}

/// The flags as one cell's text; only several flags need a new string.
fn flags_text(flags: &[Flag]) -> Option<Cow<'static, str>> {
    match flags {
        [] => None,
        [one] => Some(Cow::Borrowed(one.label())),
        many => Some(Cow::Owned(
            many.iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", "),
        )),
    }
}

/// One account's annotation cells (the first `width` of them), unformatted: the column
/// formats show the money and the shares. The category is the user's call when they made one,
/// so the tint follows it; the reason says so.
fn write_annotations(
    ws: &mut Worksheet,
    row: u32,
    start_col: u32,
    width: u32,
    a: &AccountReview,
) -> Result<(), XlsxError> {
    let col = |i: u32| col16(start_col + i);
    let flags = flags_text(&a.flags);
    let reason = a.reason.to_string();
    let texts = [
        Some(a.category.label()),
        Some(a.tier.label()),
        flags.as_deref(),
        Some(reason.as_str()),
    ];
    for (i, text) in (0u32..).zip(texts) {
        write_text(ws, row, col(i), text)?;
    }
    let numbers = [
        a.projected_sales,
        a.growth,
        a.upside,
        a.deterioration,
        a.time_share,
        a.sales_share,
    ];
    for (i, value) in (4u32..).zip(numbers) {
        write_number(ws, row, col(i), value)?;
    }
    if NOTE < width {
        write_text(ws, row, col(NOTE), a.note.as_deref())?;
    }
    Ok(())
}

fn write_text(ws: &mut Worksheet, row: u32, col: u16, text: Option<&str>) -> Result<(), XlsxError> {
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        ws.write_string(row, col, text)?;
    }
    Ok(())
}

/// A number cell; an unknown number (or NaN, which xlsx cannot hold) stays empty.
fn write_number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
) -> Result<(), XlsxError> {
    if let Some(value) = value.filter(|v| v.is_finite()) {
        ws.write_number(row, col, value)?;
    }
    Ok(())
}

/// Zero-based header row of the derived `Accounts` sheet (below the marker and two notes).
const DERIVED_HEADER_ROW: u32 = 3;
/// The account columns of the derived sheet; the annotation columns follow them.
const DERIVED_HEADERS: [&str; 5] = [
    "Account",
    "Prior sales",
    "Current sales",
    "Gross profit",
    "Hours",
];

/// The derived `Accounts` sheet of an order-line import: one row per account with the summed
/// numbers and its annotations, so the order sheet itself stays exactly as it was.
///
/// # Errors
/// [`ExportError::Cell`] for an account name longer than a cell holds.
pub(crate) fn write_derived_accounts(
    ws: &mut Worksheet,
    name: &str,
    order_sheet: &str,
    imported: &Imported,
    review: &Review,
) -> Result<AccountTable, ExportError> {
    let at = |row: u32, col: u32| ExportError::at(name, row, col);
    ws.write_string_with_format(0, 0, DERIVED_ACCOUNTS_MARKER, &styles::title())
        .map_err(at(0, 0))?;
    let note = format!("One row per account, summed per calendar year from the order lines of sheet \"{order_sheet}\".");
    ws.write_string(1, 0, note).map_err(at(1, 0))?;
    if let Some(projection) = &imported.dataset.projection {
        ws.write_string(2, 0, projection.rule.as_str())
            .map_err(at(2, 0))?;
    }
    let bold = styles::header();
    for (col, header) in (0u16..).zip(DERIVED_HEADERS) {
        ws.write_string_with_format(DERIVED_HEADER_ROW, col, header, &bold)
            .map_err(at(DERIVED_HEADER_ROW, u32::from(col)))?;
    }
    let start_col = DERIVED_HEADERS.len() as u32;
    write_headers(ws, DERIVED_HEADER_ROW, start_col, WIDTH)
        .map_err(at(DERIVED_HEADER_ROW, start_col))?;

    let mut sums = [Sums::default(); 3];
    for (row, a) in (DERIVED_HEADER_ROW + 1..).zip(&review.accounts) {
        write_derived_row(ws, row, a).map_err(at(row, 0))?;
        write_annotations(ws, row, start_col, WIDTH, a).map_err(at(row, start_col))?;
        sums[category_index(a.category)].add(a, a.hours);
    }
    let rows = u32::try_from(review.accounts.len())
        .ok()
        .filter(|n| *n > 0)
        .map(|n| (DERIVED_HEADER_ROW + 1, DERIVED_HEADER_ROW + n));
    finish_table(ws, DERIVED_HEADER_ROW, rows, start_col, WIDTH)?;
    ws.set_column_width(0, 28)?;
    let money = styles::number_format(MONEY);
    for col in 1..start_col {
        ws.set_column_width(col16(col), 14)?;
        if col < start_col - 1 {
            ws.set_column_format(col16(col), &money)?;
        }
    }
    let hours_col = Some(start_col - 1);
    Ok(AccountTable {
        sheet: name.to_string(),
        rows,
        annotation_col: start_col,
        hours_col,
        sums,
    })
}

fn write_derived_row(ws: &mut Worksheet, row: u32, a: &AccountReview) -> Result<(), XlsxError> {
    write_text(ws, row, 0, Some(a.account.as_str()))?;
    for (col, value) in (1u16..).zip([a.prior_sales, a.current_sales, a.gross_profit, a.hours]) {
        write_number(ws, row, col, value)?;
    }
    Ok(())
}
