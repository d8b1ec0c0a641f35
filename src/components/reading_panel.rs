use account_lens_engine::{Diagnostic, Level, Review};
use account_lens_workbook::mapping::{ACCOUNT_FIELDS, TRANSACTION_FIELDS};
use account_lens_workbook::{Field, ImportOptions, Shape};
use yew::prelude::*;

use crate::app::Command;
use crate::state::Shared;
use crate::storage::Saved;

const SHEET_ID: &str = "reading-sheet";
/// Diagnostics listed at once; the rest are counted.
const DIAGNOSTICS_SHOWN: usize = 200;
/// The value of "not read" in a column list.
const NOT_READ: &str = "";

#[derive(Properties, PartialEq)]
pub struct ReadingPanelProps {
    pub saved: Shared<Saved>,
    /// The review of it, whose diagnostics are listed.
    pub review: Shared<Review>,
    /// The workbook is at hand (not reloaded since), so it can be read another way.
    pub can_reread: bool,
    pub on_command: Callback<Command>,
}

/// The fields a sheet of this shape can give, in the order the importer maps them.
pub fn fields_of(shape: Shape) -> &'static [Field] {
    match shape {
        Shape::Accounts => &ACCOUNT_FIELDS,
        Shape::Transactions => &TRANSACTION_FIELDS,
    }
}

/// The field as a rep names it.
pub fn field_label(field: Field) -> &'static str {
    match field {
        Field::Account => "Account",
        Field::Id => "Account number",
        Field::PriorSales => "Sales (prior year)",
        Field::CurrentSales => "Sales (current year)",
        Field::Potential => "Potential",
        Field::Margin => "Margin",
        Field::GrossProfit => "Gross profit",
        Field::Hours => "Hours",
        Field::AtRisk => "At risk",
        Field::Friend => "Friend",
        Field::Segment => "Segment",
        Field::Region => "Region",
        Field::Owner => "Owner",
        Field::LastContact => "Last contact",
        Field::Notes => "Notes",
        Field::Date => "Order date",
        Field::Amount => "Amount",
        Field::Product => "Product",
        Field::Quantity => "Quantity",
        Field::Cost => "Cost",
        Field::Profit => "Profit",
        Field::Activity => "Activity",
        Field::ResponseNone => "Sales with no time",
        Field::ResponseHalf => "Sales with half the time",
        Field::ResponseMore => "Sales with 50% more time",
        Field::ResponseSaturation => "Sales at saturation",
    }
}

/// How sure the reading is of a column, in words.
fn confidence(value: f32) -> &'static str {
    if value >= 1.0 {
        "certain"
    } else if value >= 0.7 {
        "likely"
    } else {
        "a guess"
    }
}

/// "Check the reading": which sheet, shape and header row were used, which column holds which
/// field and how sure that is, the first rows, and what was skipped and why. Another sheet or
/// column is read at once.
#[component]
pub fn ReadingPanel(props: &ReadingPanelProps) -> Html {
    let saved = &props.saved;
    let source = &saved.source;
    let reading = &saved.reading;
    let disabled = !props.can_reread;

    let on_sheet = {
        let on_command = props.on_command.clone();
        Callback::from(move |e: Event| {
            if let Some(sheet) = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|select| select.value())
            {
                on_command.emit(Command::Reread(ImportOptions {
                    sheet: Some(sheet),
                    overrides: Vec::new(),
                }));
            }
        })
    };

    let shape = match source.shape {
        Shape::Accounts => "one row per account",
        Shape::Transactions => "order lines, summed per account and year",
    };
    let mapping_rows = fields_of(source.shape).iter().map(|&field| {
        let mapped = saved.mapping.get(field);
        let id = format!("map-{}", field.key());
        let label = format!("Column for {}", field_label(field));
        let options = saved.options.clone();
        let on_command = props.on_command.clone();
        let onchange = Callback::from(move |e: Event| {
            let Some(header) = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|select| select.value())
            else {
                return;
            };
            // "Not read" for any field but the account, which every sheet needs.
            if header == NOT_READ && field == Field::Account {
                return;
            }
            let mut options = options.clone();
            options.overrides.retain(|(f, _)| *f != field);
            options.overrides.push((field, header));
            on_command.emit(Command::Reread(options));
        });
        let columns = mapped.map(|m| {
            m.columns()
                .map(account_lens_engine::column_letter)
                .collect::<Vec<_>>()
                .join(", ")
        });
        let chosen_column = mapped.map(|m| m.column);
        html! {
            <tr>
                <th scope="row">{ field_label(field) }</th>
                <td>
                    <select {id} aria-label={label} {onchange} {disabled}>
                        <option value={NOT_READ} selected={mapped.is_none()} disabled={field == Field::Account}>{ "— not read —" }</option>
                        { for reading.headers.iter().map(|h| html! {
                            <option value={h.header.clone()} selected={chosen_column == Some(h.column)}>
                                { format!("{}: {}", h.letter, h.header) }
                            </option>
                        }) }
                    </select>
                </td>
                <td>{ columns.unwrap_or_default() }</td>
                <td>{ mapped.map(|m| confidence(m.confidence)).unwrap_or("") }</td>
                <td class="why">{ mapped.map(|m| m.why.clone()).unwrap_or_default() }</td>
            </tr>
        }
    });

    // The review's: the reading's, and what the time logs did to the hours.
    let diagnostics = &props.review.diagnostics;
    let listed = diagnostics.iter().take(DIAGNOSTICS_SHOWN).map(|d| {
        let place = place(d);
        let level = match d.level {
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Error => "error",
        };
        html! { <li class={level}>{ place }{ d.message.clone() }</li> }
    });

    html! {
        <section class="reading" aria-labelledby="reading-title">
            <h3 id="reading-title">{ "Check the reading" }</h3>
            <p>
                { format!(
                    "Sheet “{}”, {shape}; header on row {}; {} rows read, {} skipped.",
                    source.sheet, source.header_row, source.rows_read, source.rows_skipped
                ) }
                if let Some(text) = &source.text_details {
                    { format!(" Read as {text}.") }
                }
            </p>
            if disabled {
                <p class="note">{ format!("To read “{}” another way, import it again: the file itself is not kept in the browser.", saved.file_name) }</p>
            }
            if reading.sheets.len() > 1 {
                <div class="field">
                    <label for={SHEET_ID}>{ "Sheet" }</label>
                    <select id={SHEET_ID} onchange={on_sheet} {disabled}>
                        { for reading.sheets.iter().map(|s| html! {
                            <option value={s.name.clone()} selected={s.name == source.sheet}>
                                { format!("{} ({} rows)", s.name, s.rows) }
                            </option>
                        }) }
                    </select>
                </div>
            }
            <div class="table-scroll">
                <table class="mapping">
                    <caption>{ "Column mapping" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Field" }</th>
                            <th scope="col">{ "Column" }</th>
                            <th scope="col">{ "Letters" }</th>
                            <th scope="col">{ "Confidence" }</th>
                            <th scope="col">{ "Why" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for mapping_rows }</tbody>
                </table>
            </div>
            if !reading.preview.is_empty() {
                <div class="table-scroll">
                    <table class="preview">
                        <caption>{ "Preview" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Row" }</th>
                                { for reading.headers.iter().map(|h| html! {
                                    <th scope="col">{ format!("{} {}", h.letter, h.header) }</th>
                                }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for reading.preview.iter().map(|row| html! {
                                <tr>
                                    <th scope="row">{ row.row }</th>
                                    { for row.cells.iter().map(|c| html! { <td>{ c.clone() }</td> }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <h4 id="noticed-title">{ "What the reading noticed" }</h4>
            if diagnostics.is_empty() {
                <p>{ "Nothing: every row was read." }</p>
            } else {
                <ul class="diagnostics" aria-labelledby="noticed-title">{ for listed }</ul>
                if diagnostics.len() > DIAGNOSTICS_SHOWN {
                    <p>{ format!("…and {} more.", diagnostics.len() - DIAGNOSTICS_SHOWN) }</p>
                }
            }
        </section>
    }
}

/// Where a diagnostic points, as its line starts: "Accounts!C12: ", "Time, row 4: ".
pub fn place(d: &Diagnostic) -> String {
    match (&d.sheet, d.row, &d.column) {
        (Some(sheet), Some(row), Some(column)) => format!("{sheet}!{column}{row}: "),
        (Some(sheet), Some(row), None) => format!("{sheet}, row {row}: "),
        (Some(sheet), None, _) => format!("{sheet}: "),
        _ => String::new(),
    }
}
