//! The `Summary` sheet: per category, accounts, sales, gross profit, hours, time share against
//! value share, upside and deterioration, and a chart of where the hours go.
//!
//! Counts and sums are live formulas over the annotated account sheet, so a rep who edits a
//! category there sees the totals move; each carries the review's number as its cached result
//! for viewers that never recalculate. A formula is used only where it recomputes exactly the
//! review's number (an account merged from duplicate rows, hours written as text or a negative
//! projection would make it differ); elsewhere, and for gross profit and value share, which no
//! column holds, the number is written as a value.

use account_lens_engine::{column_letter, Category, CategorySummary, Review};
use rust_xlsxwriter::{Chart, ChartType, Format, Formula, Worksheet, XlsxError};

use crate::export::annotate::{AccountTable, Sums};
use crate::export::names::quoted;
use crate::export::styles::{self, MONEY, PERCENT};
use crate::export::ExportError;
use crate::settings_sheet::SUMMARY_MARKER;

/// Zero-based header row of the table; categories follow, then the total.
const HEADER_ROW: u32 = 3;
const HEADERS: [&str; 9] = [
    "Category",
    "Accounts",
    "Sales",
    "Gross profit",
    "Hours",
    "Time share",
    "Value share",
    "Upside",
    "Est. deterioration",
];
const TOTAL_ROW: u32 = HEADER_ROW + 4;

/// The summary's columns.
const ACCOUNTS: u16 = 1;
const SALES: u16 = 2;
const GROSS_PROFIT: u16 = 3;
const HOURS: u16 = 4;
const TIME_SHARE: u16 = 5;
const VALUE_SHARE: u16 = 6;
const UPSIDE: u16 = 7;
const DETERIORATION: u16 = 8;

/// Offsets of the summed annotation columns from `Category`.
const PROJECTED_OFFSET: u32 = 4;
const UPSIDE_OFFSET: u32 = 6;
const DETERIORATION_OFFSET: u32 = 7;

/// Writes the Summary sheet named `name`; `table` is the annotated account sheet, if any.
///
/// # Errors
/// [`ExportError::Write`] when rust_xlsxwriter refuses a cell or the chart.
pub(crate) fn write_summary(
    ws: &mut Worksheet,
    name: &str,
    table: Option<&AccountTable>,
    review: &Review,
) -> Result<(), ExportError> {
    ws.write_string_with_format(0, 0, SUMMARY_MARKER, &styles::title())?;
    let basis = review.value_basis.label();
    ws.write_string(
        1,
        0,
        format!(
            "Where the hours go against where the value comes from; value share measures {basis}."
        ),
    )?;
    if let Some(table) = table {
        let note = format!(
            "Counts and sums are formulas over the Category column of sheet \"{}\".",
            table.sheet
        );
        ws.write_string(2, 0, note)?;
    }
    let bold = styles::header();
    for (col, header) in (0u16..).zip(HEADERS) {
        ws.write_string_with_format(HEADER_ROW, col, header, &bold)?;
    }
    let live = Live::decide(table, review);
    let formats = Formats::new();
    for (row, category) in (HEADER_ROW + 1..).zip(Category::ALL) {
        ws.write_string(row, 0, category.label())?;
        write_row(
            ws,
            row,
            Some(category),
            review.summary.category(category),
            &live,
            &formats,
        )?;
    }
    ws.write_string_with_format(TOTAL_ROW, 0, "Total", &bold)?;
    write_row(ws, TOTAL_ROW, None, &review.summary.total, &live, &formats)?;

    ws.set_column_width(0, 12)?;
    for col in 1..=DETERIORATION {
        ws.set_column_width(col, 15)?;
    }
    ws.insert_chart(TOTAL_ROW + 2, 0, &time_chart(name))?;
    Ok(())
}

/// The ranges the live formulas read, one per metric that recomputes the review's numbers.
struct Live {
    categories: Option<String>,
    sales: Option<String>,
    hours: Option<String>,
    upside: Option<String>,
    deterioration: Option<String>,
}

impl Live {
    fn decide(table: Option<&AccountTable>, review: &Review) -> Live {
        let none = Live {
            categories: None,
            sales: None,
            hours: None,
            upside: None,
            deterioration: None,
        };
        let Some((table, (first, last))) = table.and_then(|t| Some(t).zip(t.rows)) else {
            return none;
        };
        let sheet = quoted(&table.sheet);
        let range = |col: u32| {
            format!(
                "{sheet}!${c}${}:${c}${}",
                first + 1,
                last + 1,
                c = column_letter(col)
            )
        };
        let matches = |metric: fn(&Sums, &CategorySummary) -> bool| {
            Category::ALL
                .iter()
                .zip(&table.sums)
                .all(|(c, sums)| metric(sums, review.summary.category(*c)))
        };
        if !matches(|s, c| s.accounts == c.accounts) {
            return none;
        }
        let summed = |offset: u32, metric: fn(&Sums, &CategorySummary) -> bool| {
            matches(metric).then(|| range(table.annotation_col + offset))
        };
        Live {
            categories: Some(range(table.annotation_col)),
            sales: summed(PROJECTED_OFFSET, |s, c| close(s.sales, c.sales)),
            upside: summed(UPSIDE_OFFSET, |s, c| close(s.upside, c.upside)),
            deterioration: summed(DETERIORATION_OFFSET, |s, c| {
                close(s.deterioration, c.deterioration)
            }),
            hours: table
                .hours_col
                .filter(|_| matches(|s, c| close(s.hours, c.hours)))
                .map(range),
        }
    }
}

/// Equal up to floating-point summation order.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

struct Formats {
    money: Format,
    hours: Format,
    share: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            money: styles::number_format(MONEY),
            hours: styles::number_format("0.0"),
            share: styles::number_format(PERCENT),
        }
    }
}

/// One category's row (or the total's, when `category` is `None`).
fn write_row(
    ws: &mut Worksheet,
    row: u32,
    category: Option<Category>,
    s: &CategorySummary,
    live: &Live,
    f: &Formats,
) -> Result<(), XlsxError> {
    let excel_row = row + 1;
    // A category sums its rows on the account sheet; the total sums the categories above it.
    let formula = |col: u16, range: &Option<String>, count: bool| -> Option<String> {
        let (categories, range) = (live.categories.as_ref()?, range.as_ref()?);
        Some(match category {
            None => {
                let c = column_letter(u32::from(col));
                format!("SUM({c}{}:{c}{})", HEADER_ROW + 2, TOTAL_ROW)
            }
            Some(_) if count => format!("COUNTIF({categories},$A{excel_row})"),
            Some(_) => format!("SUMIF({categories},$A{excel_row},{range})"),
        })
    };
    let accounts = s.accounts as f64;
    write_value(
        ws,
        row,
        ACCOUNTS,
        accounts,
        formula(ACCOUNTS, &live.categories, true),
        None,
    )?;
    write_value(
        ws,
        row,
        SALES,
        s.sales,
        formula(SALES, &live.sales, false),
        Some(&f.money),
    )?;
    write_value(ws, row, GROSS_PROFIT, s.gross_profit, None, Some(&f.money))?;
    write_value(
        ws,
        row,
        HOURS,
        s.hours,
        formula(HOURS, &live.hours, false),
        Some(&f.hours),
    )?;
    let hours = column_letter(u32::from(HOURS));
    let time_share = formula(HOURS, &live.hours, false).map(|_| {
        format!(
            "IF(${hours}${total}=0,0,{hours}{excel_row}/${hours}${total})",
            total = TOTAL_ROW + 1
        )
    });
    write_value(
        ws,
        row,
        TIME_SHARE,
        s.time_share,
        time_share,
        Some(&f.share),
    )?;
    write_value(ws, row, VALUE_SHARE, s.value_share, None, Some(&f.share))?;
    write_value(
        ws,
        row,
        UPSIDE,
        s.upside,
        formula(UPSIDE, &live.upside, false),
        Some(&f.money),
    )?;
    let deterioration = formula(DETERIORATION, &live.deterioration, false);
    write_value(
        ws,
        row,
        DETERIORATION,
        s.deterioration,
        deterioration,
        Some(&f.money),
    )?;
    Ok(())
}

/// A live formula with the review's number cached, or the number alone.
fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: f64,
    formula: Option<String>,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    let value = if value.is_finite() { value } else { 0.0 };
    match (formula, format) {
        (Some(text), Some(format)) => ws.write_formula_with_format(
            row,
            col,
            Formula::new(text).set_result(value.to_string()),
            format,
        )?,
        (Some(text), None) => {
            ws.write_formula(row, col, Formula::new(text).set_result(value.to_string()))?
        }
        (None, Some(format)) => ws.write_number_with_format(row, col, value, format)?,
        (None, None) => ws.write_number(row, col, value)?,
    };
    Ok(())
}

/// Time share against value share per category: the hours that bear no fruit stand out.
fn time_chart(sheet: &str) -> Chart {
    let mut chart = Chart::new(ChartType::Column);
    let (first, last) = (HEADER_ROW + 1, HEADER_ROW + 3);
    for (name, col) in [("Time share", TIME_SHARE), ("Value share", VALUE_SHARE)] {
        chart
            .add_series()
            .set_name(name)
            .set_categories((sheet, first, 0, last, 0))
            .set_values((sheet, first, col, last, col));
    }
    chart.title().set_name("Time share vs value share");
    chart.y_axis().set_num_format("0%");
    chart.set_width(560).set_height(300);
    chart
}
