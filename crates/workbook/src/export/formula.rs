//! Formulas as an xlsx cell stores them: Excel syntax, the cached result, and error values.

use std::borrow::Cow;

use crate::export::names::quoted;
use crate::grid::{Format, Value};

/// Excel's error literals: each is a valid formula by itself (`=#N/A`).
const ERROR_LITERALS: [&str; 7] = [
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
];

/// The formula that reproduces an error cell that has no formula of its own.
pub(crate) fn error_formula(error: &str) -> &str {
    if ERROR_LITERALS.contains(&error) {
        error
    } else {
        // #GETTING_DATA and anything unknown have no literal.
        "NA()"
    }
}

/// The cached result that makes rust_xlsxwriter mark the cell `t="e"`, so readers see an error.
pub(crate) fn error_result(error: &str) -> &str {
    match error {
        e if ERROR_LITERALS.contains(&e) => e,
        // calamine shows its GettingData error as "#DATA!"; the file format spells it so.
        "#DATA!" | "#GETTING_DATA" => "#GETTING_DATA",
        _ => "#N/A",
    }
}

/// The cached result of a formula cell as rust_xlsxwriter takes it; `None` when unknown.
///
/// rust_xlsxwriter infers the result type from the text: a text result that reads as a number,
/// `TRUE`/`FALSE` or an error literal is stored as that type. Such results are rare and the
/// formula recomputes them exactly on the next recalculation.
pub(crate) fn cached_result(value: &Value) -> Option<String> {
    Some(match value {
        Value::Number(n) | Value::Date(n) if n.is_finite() => n.to_string(),
        Value::Number(_) | Value::Date(_) => "#NUM!".to_string(),
        Value::Text(t) => t.clone(),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Value::Error(e) => error_result(e).to_string(),
        Value::Uncalculated => return None,
    })
}

/// A source formula in Excel syntax (without the leading `=`), or `None` when it cannot be
/// written faithfully, in which case the cell keeps its cached value alone.
pub(crate) fn excel_formula(raw: &str, format: Format) -> Option<Cow<'_, str>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match format {
        Format::Ods => from_open_formula(raw).map(Cow::Owned),
        _ => Some(Cow::Borrowed(raw)),
    }
}

/// Translates OpenFormula (`of:=SUM([.C5:.C15];[$Other.A1])`) to Excel syntax
/// (`SUM(C5:C15,'Other'!A1)`): references lose their brackets and dots, `;` separates arguments.
/// Anything beyond that (3-D references, the `~` union and `!` intersection operators,
/// LibreOffice-only functions) is left untranslated and gives `None`.
fn from_open_formula(raw: &str) -> Option<String> {
    let body = if let Some(excel) = raw.strip_prefix("msoxl:=") {
        return Some(excel.to_string());
    } else if let Some(rest) = raw.strip_prefix("of:=") {
        rest
    } else {
        raw.strip_prefix('=').unwrap_or(raw)
    };
    if body.contains("ORG.OPENOFFICE.") || body.contains("COM.MICROSOFT.") {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut in_string = false;
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if in_string {
            in_string = c != '"';
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            ';' => out.push(','),
            '#' => {
                // Error literals end in `!`, which is otherwise the intersection operator.
                let literal = ERROR_LITERALS
                    .iter()
                    .find(|l| l.get(1..).is_some_and(|tail| rest.starts_with(tail)));
                match literal {
                    Some(literal) => {
                        out.push_str(literal);
                        rest = &rest[literal.len() - 1..];
                    }
                    None => out.push(c),
                }
            }
            '[' => {
                let end = rest.find(']')?;
                out.push_str(&reference(&rest[..end])?);
                rest = &rest[end + 1..];
            }
            '~' | '!' | ']' => return None,
            _ => out.push(c),
        }
    }
    (!in_string).then_some(out)
}

/// One bracketed OpenFormula reference (`.C5`, `.C5:.C15`, `$'My sheet'.A1`) in Excel syntax.
fn reference(text: &str) -> Option<String> {
    let (first, second) = match split_outside_quotes(text, ':') {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    let (sheet, cell) = reference_part(first)?;
    let mut out = match &sheet {
        Some(sheet) => format!("{}!{cell}", quoted(sheet)),
        None => cell.to_string(),
    };
    if let Some(second) = second {
        let (sheet2, cell2) = reference_part(second)?;
        if sheet2.is_some() && sheet2 != sheet {
            return None;
        }
        out.push(':');
        out.push_str(cell2);
    }
    Some(out)
}

/// `$Sheet.A1` → (Some("Sheet"), "A1"); `.A1` → (None, "A1").
fn reference_part(part: &str) -> Option<(Option<String>, &str)> {
    let part = part.strip_prefix('$').unwrap_or(part);
    let (sheet, cell) = if let Some(quoted_name) = part.strip_prefix('\'') {
        let close = closing_quote(quoted_name)?;
        let cell = quoted_name[close + 1..].strip_prefix('.')?;
        (Some(quoted_name[..close].replace("''", "'")), cell)
    } else {
        let dot = part.rfind('.')?;
        let sheet = &part[..dot];
        (
            (!sheet.is_empty()).then(|| sheet.to_string()),
            &part[dot + 1..],
        )
    };
    let is_cell = !cell.is_empty() && cell.chars().all(|c| c.is_ascii_alphanumeric() || c == '$');
    is_cell.then_some((sheet, cell))
}

/// The index of the quote that closes a quoted sheet name (doubled quotes are escapes).
fn closing_quote(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

fn split_outside_quotes(text: &str, separator: char) -> Option<(&str, &str)> {
    let mut in_quotes = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => in_quotes = !in_quotes,
            c if c == separator && !in_quotes => return Some((&text[..i], &text[i + 1..])),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ods(raw: &str) -> Option<String> {
        excel_formula(raw, Format::Ods).map(Cow::into_owned)
    }

    #[test]
    fn open_formula_references_become_excel_references() {
        assert_eq!(ods("of:=SUM([.C5:.C15])").as_deref(), Some("SUM(C5:C15)"));
        assert_eq!(ods("of:=[.$A$1]*2").as_deref(), Some("$A$1*2"));
        assert_eq!(
            ods("of:=IF([.A1]>0;\"a;b\";[$Notes.B2])").as_deref(),
            Some("IF(A1>0,\"a;b\",'Notes'!B2)")
        );
        assert_eq!(
            ods("of:=SUM([$'Rep''s book'.A1:.A9])").as_deref(),
            Some("SUM('Rep''s book'!A1:A9)")
        );
        assert_eq!(ods("of:=#N/A").as_deref(), Some("#N/A"));
        assert_eq!(
            ods("of:=IF([.A1]=0;#DIV/0!;1)").as_deref(),
            Some("IF(A1=0,#DIV/0!,1)")
        );
        assert_eq!(ods("msoxl:=SUM(A1:A2)").as_deref(), Some("SUM(A1:A2)"));
    }

    #[test]
    fn untranslatable_open_formulas_are_dropped() {
        assert_eq!(ods("of:=SUM([$A.A1:$B.A1])"), None);
        assert_eq!(ods("of:=SUM([.A1]~[.B1])"), None);
        assert_eq!(ods("of:=ORG.OPENOFFICE.STYLE(\"x\")"), None);
        assert_eq!(ods("of:=[.#REF!]"), None);
        assert_eq!(ods("of:=SUM([.A1"), None);
    }

    #[test]
    fn excel_formulas_pass_through() {
        assert_eq!(
            excel_formula("SUM(C5:C15)", Format::Xlsx).as_deref(),
            Some("SUM(C5:C15)")
        );
        assert_eq!(excel_formula(" ", Format::Xls), None);
    }

    #[test]
    fn errors_are_written_as_errors() {
        assert_eq!(
            (error_formula("#N/A"), error_result("#N/A")),
            ("#N/A", "#N/A")
        );
        assert_eq!(
            (error_formula("#DIV/0!"), error_result("#DIV/0!")),
            ("#DIV/0!", "#DIV/0!")
        );
        assert_eq!(
            (error_formula("#DATA!"), error_result("#DATA!")),
            ("NA()", "#GETTING_DATA")
        );
        assert_eq!(cached_result(&Value::Uncalculated), None);
        assert_eq!(
            cached_result(&Value::Number(1717000.0)).as_deref(),
            Some("1717000")
        );
        assert_eq!(cached_result(&Value::Bool(true)).as_deref(), Some("TRUE"));
    }
}
