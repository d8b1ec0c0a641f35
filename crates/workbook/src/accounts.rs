//! Shape 1: one row per account. Totals, headings, notes and footers are left out, each with a
//! diagnostic; duplicate names are merged.

use rustc_hash::FxHashMap;

use account_lens_engine::{column_letter, Account, Diagnostic};

use crate::coerce::{decide_decimal_style, parse_bool, parse_number, DecimalStyle};
use crate::grid::{Row, Sheet, Value};
use crate::mapping::{Field, Mapping};
use crate::table::HeaderRow;

/// What reading a table produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRead {
    pub accounts: Vec<Account>,
    pub rows_read: usize,
    pub rows_skipped: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// The numeric fields of an account row.
const NUMERIC: [Field; 6] = [
    Field::PriorSales,
    Field::CurrentSales,
    Field::Potential,
    Field::Margin,
    Field::GrossProfit,
    Field::Hours,
];

/// The accounts read so far, by name (case-insensitive) and id, without a lowercased copy of
/// every name: a hash of the lowercased characters, checked against the account on a hit.
#[derive(Default)]
struct SeenNames {
    by_hash: FxHashMap<u64, usize>,
    /// Ids of the accounts, when the sheet has an id column.
    ids: FxHashMap<usize, String>,
    /// Names whose hash another name already holds (practically never).
    collided: FxHashMap<(String, Option<String>), usize>,
}

impl SeenNames {
    fn hash(name: &str, id: Option<&str>) -> u64 {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        for c in name.chars().flat_map(char::to_lowercase) {
            h.write_u32(u32::from(c));
        }
        if let Some(id) = id {
            h.write_u8(0x1f);
            h.write(id.as_bytes());
        }
        h.finish()
    }

    fn same(a: &str, b: &str) -> bool {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }

    fn find(&self, accounts: &[Account], name: &str, id: Option<&str>) -> Option<usize> {
        let i = *self.by_hash.get(&Self::hash(name, id))?;
        let same_id = self.ids.get(&i).map(String::as_str) == id;
        if accounts.get(i).is_some_and(|a| Self::same(&a.name, name)) && same_id {
            return Some(i);
        }
        self.collided
            .get(&(name.to_lowercase(), id.map(str::to_string)))
            .copied()
    }

    fn insert(&mut self, name: &str, id: Option<String>, index: usize) {
        let hash = Self::hash(name, id.as_deref());
        if self.by_hash.contains_key(&hash) {
            self.collided.insert((name.to_lowercase(), id), index);
            return;
        }
        self.by_hash.insert(hash, index);
        if let Some(id) = id {
            self.ids.insert(index, id);
        }
    }
}

/// What a row named like a total is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalKind {
    /// "Total", "TOTAL", "Grand Totals": the sheet's own total of all accounts.
    Grand,
    /// "Total for Healthcare", "Subtotal", "Total Healthcare" under a "Healthcare" heading.
    Sub,
    /// Named like one but no heading explains it ("Total Wine & More"): an account.
    Lookalike,
}

const TOTAL_WORDS: [&str; 9] = [
    "total",
    "totals",
    "subtotal",
    "sub-total",
    "sum",
    "summe",
    "gesamt",
    "totaal",
    "totale",
];

/// Whether a name is a total line, given the headings (names of rows without amounts) seen above.
pub fn total_kind(name: &str, headings: &[String]) -> Option<TotalKind> {
    // Most names are accounts: rule them out without allocating (this runs for every row).
    let is_total_word = |w: &str| {
        let w = w.trim_end_matches(':');
        TOTAL_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w))
            || ["grand", "overall", "gesamtsumme"]
                .iter()
                .any(|t| t.eq_ignore_ascii_case(w))
    };
    let mut words = name.split_whitespace();
    let (first, last) = (words.next().unwrap_or(""), words.next_back().unwrap_or(""));
    if !is_total_word(first) && !is_total_word(last) {
        return None;
    }
    let n = name.trim().to_lowercase();
    let mut words = n.split_whitespace();
    let first = words.next().unwrap_or("");
    let rest: String = words.collect::<Vec<_>>().join(" ");
    let grand = matches!(
        n.as_str(),
        "total"
            | "totals"
            | "grand total"
            | "grand totals"
            | "sum"
            | "summe"
            | "gesamt"
            | "gesamtsumme"
            | "overall total"
            | "total sales"
            | "totaal"
            | "totale"
    ) || n.starts_with("grand total");
    if grand {
        return Some(TotalKind::Grand);
    }
    let heading = |x: &str| {
        headings
            .iter()
            .any(|h| h.trim().eq_ignore_ascii_case(x.trim()))
    };
    let last = n.rsplit(' ').next().unwrap_or("");
    if TOTAL_WORDS.contains(&first) {
        let subject = rest
            .strip_prefix("for ")
            .or_else(|| rest.strip_prefix("of "))
            .unwrap_or(&rest);
        let explicit = rest.starts_with("for ")
            || rest.starts_with("of ")
            || first.starts_with("sub")
            || first.ends_with(':');
        return Some(if explicit || heading(subject) {
            TotalKind::Sub
        } else {
            TotalKind::Lookalike
        });
    }
    if first.ends_with(':') && TOTAL_WORDS.contains(&first.trim_end_matches(':')) {
        return Some(TotalKind::Sub);
    }
    // "Healthcare Total", as some packages write it.
    if TOTAL_WORDS.contains(&last) && n.len() > last.len() {
        let subject = &n[..n.len() - last.len()];
        return Some(if heading(subject) {
            TotalKind::Sub
        } else {
            TotalKind::Lookalike
        });
    }
    None
}

/// Decides, per numeric column, how its text numbers write the decimal separator. One pass over
/// the rows; columns holding only real numbers are decided without looking further.
pub fn decimal_styles(
    rows: &[Row],
    mapping: &Mapping,
    fields: &[Field],
) -> FxHashMap<u32, DecimalStyle> {
    let mut texts: FxHashMap<u32, Vec<&str>> = FxHashMap::default();
    for &field in fields {
        if let Some(fc) = mapping.get(field) {
            for col in fc.columns() {
                texts.insert(col, Vec::new());
            }
        }
    }
    let (Some(&first), Some(&last)) = (texts.keys().min(), texts.keys().max()) else {
        return FxHashMap::default();
    };
    for row in rows {
        for cell in row
            .cells
            .iter()
            .skip_while(|c| c.col < first)
            .take_while(|c| c.col <= last)
        {
            if let (Value::Text(t), Some(samples)) = (&cell.value, texts.get_mut(&cell.col)) {
                samples.push(t);
            }
        }
    }
    texts
        .into_iter()
        .map(|(col, samples)| (col, decide_decimal_style(samples)))
        .collect()
}

/// Says which columns were read with a decimal comma (the point is the unremarkable default).
pub fn report_decimal_commas(
    sheet: &Sheet,
    mapping: &Mapping,
    styles: &FxHashMap<u32, DecimalStyle>,
    out: &mut Vec<Diagnostic>,
) {
    for fc in &mapping.fields {
        if fc
            .columns()
            .any(|c| styles.get(&c) == Some(&DecimalStyle::Comma))
        {
            out.push(
                Diagnostic::info(format!(
                    "Numbers in \"{}\" read with a decimal comma (1.234,50 = 1234.50)",
                    fc.header
                ))
                .in_sheet(&sheet.name),
            );
        }
    }
}

/// Reads one numeric cell, reporting what cannot be read.
pub struct CellReader<'a> {
    pub sheet: &'a str,
    pub styles: FxHashMap<u32, DecimalStyle>,
}

impl CellReader<'_> {
    /// The number at `col` of `row`: `None` for an empty cell, and for an unreadable one (with a
    /// diagnostic).
    pub fn number(
        &self,
        row: &Row,
        col: u32,
        what: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<f64> {
        let at = |d: Diagnostic| d.at(self.sheet, row.index, Some(col));
        match row.value(col)? {
            Value::Number(n) if n.is_finite() => Some(*n),
            Value::Number(_) => None,
            Value::Text(t) if t.trim().is_empty() || is_placeholder(t) => None,
            Value::Text(t) => {
                let style = self
                    .styles
                    .get(&col)
                    .copied()
                    .unwrap_or(DecimalStyle::Point);
                let other = match style {
                    DecimalStyle::Point => DecimalStyle::Comma,
                    DecimalStyle::Comma => DecimalStyle::Point,
                };
                // A column that mixes conventions: a value only the other one reads is taken
                // that way, and said.
                let parsed = parse_number(t, style).or_else(|| {
                    let v = parse_number(t, other)?;
                    diagnostics.push(at(Diagnostic::info(format!(
                        "{what} \"{}\" read with a decimal {}, unlike the rest of the column",
                        t.trim(),
                        if other == DecimalStyle::Comma {
                            "comma"
                        } else {
                            "point"
                        }
                    ))));
                    Some(v)
                });
                if parsed.is_none() {
                    diagnostics.push(at(Diagnostic::warning(format!(
                        "{what} \"{}\" is not a number; left empty",
                        t.trim()
                    ))));
                }
                parsed
            }
            Value::Error(e) => {
                diagnostics.push(at(Diagnostic::warning(format!(
                    "{what} is the error {e}; treated as unknown, not 0"
                ))));
                None
            }
            Value::Uncalculated => {
                diagnostics.push(at(Diagnostic::warning(format!(
                    "{what} is a formula without a saved result; treated as unknown. Open and save the file in Excel to store the results"
                ))));
                None
            }
            Value::Bool(_) | Value::Date(_) => {
                diagnostics.push(at(Diagnostic::warning(format!(
                    "{what} holds a date or yes/no, not an amount; left empty"
                ))));
                None
            }
        }
    }

    /// The sum of several columns (months of one year); `None` when all are empty.
    pub fn sum(
        &self,
        row: &Row,
        cols: impl Iterator<Item = u32>,
        what: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<f64> {
        cols.filter_map(|c| self.number(row, c, what, diagnostics))
            .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
    }
}

/// "-", "n/a", "—": a deliberately empty cell, not an unreadable one.
fn is_placeholder(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "-" | "–" | "—" | "n/a" | "na" | "none" | "" | "tbd" | "?"
    )
}

/// The text of a cell as a name: text trimmed, whole numbers without decimals.
pub fn text_of(row: &Row, col: u32) -> Option<String> {
    match row.value(col)? {
        Value::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        Value::Number(n) if n.fract() == 0.0 => Some(format!("{n:.0}")),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.into()),
        _ => None,
    }
}

/// A yes/no cell. A relationship column says "Friend", "Personal", "Golf buddy": any text but a
/// no. In an at-risk column, text that is not a yes or no, and numbers other than 0 and 1 (a risk
/// score), are not guessed at: they read as "not flagged", with a warning.
fn flag_of(
    row: &Row,
    col: u32,
    friend: bool,
    sheet: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut unclear = |what: String| {
        diagnostics.push(
            Diagnostic::warning(format!("{what} is not a yes or no; read as not at risk")).at(
                sheet,
                row.index,
                Some(col),
            ),
        );
        false
    };
    match row.value(col) {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) if *n == 0.0 || *n == 1.0 => *n == 1.0,
        Some(Value::Number(n)) if friend => *n != 0.0,
        Some(Value::Number(n)) => unclear(format!("{n}")),
        Some(Value::Text(t)) => match parse_bool(t) {
            Some(b) => b,
            None if friend => !t.trim().is_empty(),
            None if t.trim().is_empty() => false,
            None => unclear(format!("\"{}\"", t.trim())),
        },
        _ => false,
    }
}

fn label_of(mapping: &Mapping, f: Field) -> String {
    mapping
        .get(f)
        .map_or_else(|| f.key().to_string(), |c| c.header.clone())
}

/// Reads the account rows under a header.
pub fn read_accounts(sheet: &Sheet, header: &HeaderRow, mapping: &Mapping) -> TableRead {
    let mut out = TableRead::default();
    let Some(account_col) = mapping.get(Field::Account).map(|f| f.column) else {
        return out;
    };
    let rows = sheet.rows.get(header.position + 1..).unwrap_or_default();
    out.accounts.reserve(rows.len());
    let reader = CellReader {
        sheet: &sheet.name,
        styles: decimal_styles(rows, mapping, &NUMERIC),
    };
    report_decimal_commas(sheet, mapping, &reader.styles, &mut out.diagnostics);
    let id_col = mapping.get(Field::Id).map(|f| f.column);
    let mut seen = SeenNames::default();
    let mut grand_total: Option<(u32, f64)> = None;
    let mut headings: Vec<String> = Vec::new();
    // Margins written as 32 rather than 32 % or 0.32: decided for the whole column before any
    // row is read, so merged duplicates and gross profit see fractions.
    let margin_col = mapping.get(Field::Margin).map(|fc| fc.column);
    let whole_percent = |row: &Row| -> Option<f64> {
        let col = margin_col?;
        match row.value(col)? {
            Value::Number(m) => Some(*m),
            // "32%" already reads as 0.32; a bare "32" is a whole percentage.
            Value::Text(t) if !t.contains('%') => {
                let style = reader
                    .styles
                    .get(&col)
                    .copied()
                    .unwrap_or(DecimalStyle::Point);
                parse_number(t, style)
            }
            _ => None,
        }
    };
    let margin_in_percent = rows
        .iter()
        .any(|r| whole_percent(r).is_some_and(|m| m.abs() > 1.0 && m.abs() <= 100.0));
    if margin_in_percent {
        out.diagnostics.push(
            Diagnostic::info(format!(
                "Margins in \"{}\" read as percentages (32 means 32 %)",
                label_of(mapping, Field::Margin)
            ))
            .in_sheet(&sheet.name),
        );
    }
    let current_col = mapping.get(Field::CurrentSales).map(|fc| fc.column);
    let label = |f: Field| label_of(mapping, f);
    // The numeric columns, looked up once: (slot in NUMERIC, columns, header for messages).
    let numeric: Vec<(usize, &crate::mapping::FieldColumn, String)> = NUMERIC
        .iter()
        .enumerate()
        .filter_map(|(slot, &f)| mapping.get(f).map(|fc| (slot, fc, label(f))))
        .collect();
    let slot = |f: Field| NUMERIC.iter().position(|n| *n == f).unwrap_or(0);

    for row in rows {
        out.rows_read += 1;
        let mut diags = Vec::new();
        let name = text_of(row, account_col);
        let mut values = [None; NUMERIC.len()];
        for (slot, fc, header) in &numeric {
            values[*slot] = reader.sum(row, fc.columns(), header, &mut diags);
        }
        if margin_in_percent && whole_percent(row).is_some() {
            let m = slot(Field::Margin);
            values[m] = values[m].map(|v| v / 100.0);
        }
        let no_amounts = values.iter().all(Option::is_none);
        let value = |f: Field| values[slot(f)];
        // What could not be read in a row is reported whether or not the row is kept.
        out.diagnostics.append(&mut diags);
        let skip = |out: &mut TableRead, d: Diagnostic| {
            out.rows_skipped += 1;
            out.diagnostics
                .push(d.at(&sheet.name, row.index, Some(account_col)));
        };
        let Some(name) = name else {
            if no_amounts {
                let text = row.cells.iter().find_map(|c| match &c.value {
                    Value::Text(t) => Some(t.trim().to_string()),
                    _ => None,
                });
                skip(
                    &mut out,
                    Diagnostic::info(format!(
                        "Row left out: no account name{}",
                        text.map(|t| format!(" (\"{}\")", shorten(&t)))
                            .unwrap_or_default()
                    )),
                );
            } else {
                skip(
                    &mut out,
                    Diagnostic::warning("Row left out: it has amounts but no account name"),
                );
            }
            continue;
        };
        match total_kind(&name, &headings) {
            Some(kind @ (TotalKind::Grand | TotalKind::Sub)) => {
                if kind == TotalKind::Grand {
                    if let Some(v) = value(Field::CurrentSales) {
                        grand_total = Some((row.index, v));
                    }
                }
                skip(
                    &mut out,
                    Diagnostic::info(format!(
                        "Total row \"{}\" left out, so nothing is counted twice",
                        shorten(&name)
                    )),
                );
                continue;
            }
            Some(TotalKind::Lookalike) if !no_amounts => out.diagnostics.push(
                Diagnostic::warning(format!(
                    "\"{}\" is named like a total but no heading above explains it: kept as an account. If it is a subtotal, delete the row or rename it \"Total for …\"",
                    shorten(&name)
                ))
                .at(&sheet.name, row.index, Some(account_col)),
            ),
            _ => {}
        }
        let at_risk = mapping
            .get(Field::AtRisk)
            .is_some_and(|f| flag_of(row, f.column, false, &sheet.name, &mut out.diagnostics));
        if no_amounts && !at_risk {
            headings.push(name.clone());
            skip(
                &mut out,
                Diagnostic::info(format!(
                    "Row \"{}\" left out: no amounts (a heading, note or footer)",
                    shorten(&name)
                )),
            );
            continue;
        }
        let text = |f: Field| mapping.get(f).and_then(|c| text_of(row, c.column));
        // A blank current-year cell beside last year's sales is a lost account, not an unknown.
        let mut current_sales = value(Field::CurrentSales);
        if let (None, Some(_), Some(col)) = (current_sales, value(Field::PriorSales), current_col) {
            if row.value(col).is_none() {
                current_sales = Some(0.0);
                out.diagnostics.push(
                    Diagnostic::info("No sales this year (blank cell): read as 0").at(
                        &sheet.name,
                        row.index,
                        Some(col),
                    ),
                );
            }
        }
        let id = id_col.and_then(|c| text_of(row, c));
        let account = Account {
            name,
            prior_sales: value(Field::PriorSales),
            current_sales,
            potential: value(Field::Potential),
            margin: value(Field::Margin),
            gross_profit: value(Field::GrossProfit),
            hours: value(Field::Hours),
            at_risk,
            friend: mapping
                .get(Field::Friend)
                .is_some_and(|f| flag_of(row, f.column, true, &sheet.name, &mut out.diagnostics)),
            segment: text(Field::Segment),
            region: text(Field::Region),
            owner: text(Field::Owner),
            notes: text(Field::Notes),
            row: Some(row.index + 1),
        };
        if let Some(i) = seen.find(&out.accounts, &account.name, id.as_deref()) {
            let first = &mut out.accounts[i];
            out.diagnostics.push(
                Diagnostic::warning(format!(
                    "\"{}\" appears again; merged with row {} (amounts and hours summed)",
                    account.name,
                    first.row.unwrap_or(0)
                ))
                .at(&sheet.name, row.index, Some(account_col)),
            );
            merge(first, &account);
            continue;
        }
        seen.insert(&account.name, id, out.accounts.len());
        out.accounts.push(account);
    }

    if let Some((row, total)) = grand_total {
        let sum: f64 = out.accounts.iter().filter_map(|a| a.current_sales).sum();
        let col = mapping
            .get(Field::CurrentSales)
            .map(|f| column_letter(f.column));
        let d = if (sum - total).abs() <= 0.005 * total.abs().max(1.0) {
            Diagnostic::info(format!(
                "The accounts add up to the sheet's total ({})",
                account_lens_engine::format::money(total)
            ))
        } else {
            Diagnostic::warning(format!(
                "The accounts add up to {}, the sheet's total says {}: check for missing or doubled rows",
                account_lens_engine::format::money(sum),
                account_lens_engine::format::money(total)
            ))
        };
        let mut d = d.at(&sheet.name, row, None);
        d.column = col;
        out.diagnostics.push(d);
    }
    out
}

fn merge(into: &mut Account, other: &Account) {
    fn add(a: &mut Option<f64>, b: Option<f64>) {
        if let Some(b) = b {
            *a = Some(a.unwrap_or(0.0) + b);
        }
    }
    let gp_a = into
        .gross_profit
        .or_else(|| into.margin.zip(into.current_sales).map(|(m, s)| m * s));
    let gp_b = other
        .gross_profit
        .or_else(|| other.margin.zip(other.current_sales).map(|(m, s)| m * s));
    add(&mut into.prior_sales, other.prior_sales);
    add(&mut into.current_sales, other.current_sales);
    add(&mut into.potential, other.potential);
    add(&mut into.hours, other.hours);
    if gp_a.is_some() || gp_b.is_some() {
        into.gross_profit = Some(gp_a.unwrap_or(0.0) + gp_b.unwrap_or(0.0));
        into.margin = None;
    }
    into.at_risk |= other.at_risk;
    into.friend |= other.friend;
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}
