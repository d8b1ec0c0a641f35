//! Reading CSV/TSV bytes into a [`SourceWorkbook`].
//!
//! Text exports come from everywhere: Excel "CSV (comma delimited)" in a German locale writes
//! semicolons and Windows-1252, "Unicode Text" writes UTF-16 LE with tabs, CRMs write UTF-8 with
//! or without a byte-order mark, and Excel honours a first line `sep=;`. This module decodes the
//! bytes, finds the delimiter and splits the records; it deliberately keeps every field as
//! [`Value::Text`]. Coercion to numbers and dates happens later, per column, in the importer,
//! because the decimal convention of a column can only be decided from all of its values
//! (see [`crate::coerce::decide_decimal_style`]).
//!
//! Row indices are **physical record numbers**, zero-based, counted after a `sep=` line if there
//! is one: every line outside quotes starts a new record, blank lines included, and a quoted
//! field spanning several lines belongs to one record. Blank records are not stored (the grid is
//! sparse) but keep their number, so diagnostics can point at "row 12" and the user finds it at
//! the 12th record of the file (line 13 when a `sep=` line precedes it and no field spans lines).

use std::borrow::Cow;

use crate::error::ImportError;
use crate::grid::{Cell, Format, Row, Sheet, SourceWorkbook, Value};

#[cfg(test)]
mod tests;

/// The default cap on non-empty fields, matching the limit applied to spreadsheet formats.
pub const MAX_CELLS: usize = 5_000_000;

/// Delimiters tried when the file does not say, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Records examined to choose the delimiter: enough to see past a report title and a few rows.
const SNIFF_RECORDS: usize = 50;

/// Characters examined for the control-character test; binary data shows itself quickly.
const SNIFF_CHARS: usize = 64 * 1024;

/// Reads CSV/TSV bytes into a one-sheet workbook named `sheet_name` (the caller passes the file
/// stem), with at most [`MAX_CELLS`] non-empty fields.
///
/// # Errors
///
/// As [`read_text_with_limit`].
pub fn read_text(bytes: &[u8], sheet_name: &str) -> Result<SourceWorkbook, ImportError> {
    read_text_with_limit(bytes, sheet_name, MAX_CELLS)
}

/// [`read_text`] with an explicit cap on non-empty fields; past it the import stops with
/// [`ImportError::TooManyCells`] rather than exhausting the browser tab's memory.
///
/// Every field that is not empty or white space becomes a [`Value::Text`] cell holding the text
/// as written; empty fields are omitted. See the module documentation for row numbering.
/// `text_details` reports the encoding and the delimiter, e.g. `"UTF-8, semicolon-separated"`.
///
/// # Errors
///
/// - [`ImportError::NotASpreadsheet`] `("the file is empty")` when there is nothing but white
///   space (or only a byte-order mark);
/// - [`ImportError::NotASpreadsheet`] `("binary data, not text")` when the decoded text holds a
///   NUL, or more than 5 % control characters;
/// - [`ImportError::TooManyCells`] past `max_cells` non-empty fields;
/// - [`ImportError::Damaged`] if the csv parser fails (it does not on decoded text, but the
///   error is passed on rather than hidden).
pub fn read_text_with_limit(
    bytes: &[u8],
    sheet_name: &str,
    max_cells: usize,
) -> Result<SourceWorkbook, ImportError> {
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(ImportError::NotASpreadsheet("the file is empty".into()));
    }
    if looks_binary(&text) {
        return Err(ImportError::NotASpreadsheet("binary data, not text".into()));
    }

    let (declared, data) = split_sep_line(&text);
    let delimiter = declared.or_else(|| detect_delimiter(data));
    let details = match (delimiter, declared.is_some()) {
        (Some(d), true) => format!("{encoding}, {}-separated (sep= line)", delimiter_name(d)),
        (Some(d), false) => format!("{encoding}, {}-separated", delimiter_name(d)),
        (None, _) => format!("{encoding}, one column (no delimiter found)"),
    };
    // With no delimiter every line is one field. NUL cannot occur in the text (refused above as
    // binary), so it serves as a delimiter that never splits anything.
    let rows = read_rows(data, delimiter.unwrap_or(b'\0'), max_cells)?;

    Ok(SourceWorkbook {
        format: Format::Csv,
        sheets: vec![Sheet {
            name: sheet_name.to_owned(),
            rows,
            ..Sheet::default()
        }],
        text_details: Some(details),
        file: std::sync::Arc::from(Vec::new()),
    })
}

/// Decodes the bytes and names the encoding found.
///
/// A byte-order mark is trusted (UTF-8, UTF-16 LE/BE). Without one, valid UTF-8 is UTF-8
/// (borrowed, no copy); anything else is Windows-1252, what Excel writes for "CSV" on Western
/// European Windows, and which maps every byte to some character so decoding cannot fail.
/// Malformed sequences under a BOM become U+FFFD, which [`looks_binary`] then weighs.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), "UTF-8 with BOM");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (
            encoding_rs::UTF_16LE.decode_without_bom_handling(rest).0,
            "UTF-16LE",
        );
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (
            encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0,
            "UTF-16BE",
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), "UTF-8"),
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0,
            "Windows-1252",
        ),
    }
}

/// Whether decoded text is really binary data: any NUL (no text export contains one, while
/// nearly every binary format does, and UTF-16 without a BOM decodes to NULs between letters),
/// or more than 5 % control characters or replacement characters in the first
/// [`SNIFF_CHARS`] characters. Tab, line feed, carriage return and form feed are ordinary text.
fn looks_binary(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let (mut total, mut odd) = (0usize, 0usize);
    for c in text.chars().take(SNIFF_CHARS) {
        total += 1;
        let is_odd =
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{fffd}';
        odd += usize::from(is_odd);
    }
    odd * 20 > total
}

/// Splits off an Excel `sep=X` first line (X one of `, ; tab |`, case-insensitive `sep`,
/// optionally quoted) and returns the declared delimiter and the text after that line.
fn split_sep_line(text: &str) -> (Option<u8>, &str) {
    let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let (line, rest) = text.split_at(line_end);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .or_else(|| rest.strip_prefix('\r'))
        .unwrap_or(rest);
    let line = line.trim_start_matches([' ', '"']);
    let declared = line
        .get(..4)
        .filter(|head| head.eq_ignore_ascii_case("sep="))
        .and_then(|_| line.get(4..))
        .and_then(|tail| {
            let mut chars = tail.chars();
            let delimiter = chars.next()?;
            let after = chars.as_str().trim_matches([' ', '"']);
            let byte = u8::try_from(delimiter)
                .ok()
                .filter(|b| CANDIDATES.contains(b))?;
            after.is_empty().then_some(byte)
        });
    match declared {
        Some(byte) => (Some(byte), rest),
        None => (None, text),
    }
}

/// Chooses the delimiter that splits the first [`SNIFF_RECORDS`] records most consistently.
///
/// For each candidate the records are split by the csv parser itself (so quoted delimiters and
/// line breaks count correctly) and the most common field count is found. Candidates whose most
/// common count is 1 are out. The winner has the largest share of records at its most common
/// count; ties go to more fields, then to the order of [`CANDIDATES`]. Consistency beats field
/// count because a semicolon file with decimal commas has *more* comma splits than semicolon
/// splits, but only the semicolons line up on every row, header included.
fn detect_delimiter(data: &str) -> Option<u8> {
    struct Score {
        delimiter: u8,
        agreeing: usize,
        total: usize,
        fields: usize,
    }
    let mut best: Option<Score> = None;
    for delimiter in CANDIDATES {
        let mut reader = reader_builder(delimiter).from_reader(data.as_bytes());
        let mut record = csv::ByteRecord::new();
        let mut counts: Vec<usize> = Vec::with_capacity(SNIFF_RECORDS);
        while counts.len() < SNIFF_RECORDS
            && matches!(reader.read_byte_record(&mut record), Ok(true))
        {
            counts.push(record.len());
        }
        let total = counts.len();
        counts.sort_unstable();
        // Most common field count; on equal frequency the larger count (later in sorted order).
        let (fields, agreeing) = counts
            .chunk_by(|a, b| a == b)
            .map(|run| (run.first().copied().unwrap_or(0), run.len()))
            .max_by_key(|&(fields, n)| (n, fields))
            .unwrap_or((0, 0));
        if fields < 2 {
            continue;
        }
        let better = best.as_ref().is_none_or(|b| {
            // Compare agreeing/total ratios without division.
            let (ours, theirs) = (agreeing * b.total, b.agreeing * total);
            ours > theirs || (ours == theirs && fields > b.fields)
        });
        if better {
            best = Some(Score {
                delimiter,
                agreeing,
                total,
                fields,
            });
        }
    }
    best.map(|b| b.delimiter)
}

fn reader_builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true);
    builder
}

/// Splits all records into sparse rows of text cells.
fn read_rows(data: &str, delimiter: u8, max_cells: usize) -> Result<Vec<Row>, ImportError> {
    let too_many = ImportError::TooManyCells { limit: max_cells };
    let bytes = data.as_bytes();
    let mut reader = reader_builder(delimiter).from_reader(bytes);
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    let mut record_number = 0usize;
    let mut cells_read = 0usize;
    loop {
        let start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(ImportError::Damaged(format!(
                    "text record {} cannot be read: {e}",
                    record_number + 1
                )))
            }
        }
        // The csv parser skips blank lines silently; count them so row numbers stay physical.
        record_number += blank_lines_at(bytes, start);
        let index = u32::try_from(record_number).map_err(|_| too_many.clone())?;
        let mut cells = Vec::new();
        for (col, field) in record.iter().enumerate() {
            if field.trim().is_empty() {
                continue;
            }
            cells_read += 1;
            if cells_read > max_cells {
                return Err(too_many);
            }
            let col = u32::try_from(col).map_err(|_| too_many.clone())?;
            cells.push(Cell::new(col, Value::Text(field.to_owned())));
        }
        if !cells.is_empty() {
            rows.push(Row { index, cells });
        }
        record_number += 1;
    }
    Ok(rows)
}

/// Number of blank lines starting at byte `start`, where the csv reader resumed.
///
/// The reader stops after the `\r` of a `\r\n` terminator, so a `\n` right after a `\r` is the
/// rest of the previous record's line ending, not a blank line.
fn blank_lines_at(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    if start > 0 && bytes.get(start - 1) == Some(&b'\r') && bytes.get(start) == Some(&b'\n') {
        i += 1;
    }
    let mut blank = 0;
    loop {
        match bytes.get(i) {
            Some(b'\n') => i += 1,
            Some(b'\r') => {
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => return blank,
        }
        blank += 1;
    }
}

fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "comma",
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "other",
    }
}
