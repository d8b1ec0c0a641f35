//! Which column holds which field: header synonyms, year-labelled columns, confidence, and the
//! user's overrides.

use serde::{Deserialize, Serialize};

/// A field Account Lens reads. The names are the contract's (`--map FIELD=HEADER`, JSON keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Account,
    Id,
    PriorSales,
    CurrentSales,
    Potential,
    Margin,
    GrossProfit,
    Hours,
    AtRisk,
    Friend,
    Segment,
    Region,
    Owner,
    LastContact,
    Notes,
    // Order lines.
    Date,
    Amount,
    Product,
    Quantity,
    Cost,
    Profit,
    // Time log.
    /// What the time was spent on (visit, call, vendor training, demo, admin, other).
    Activity,
    // The time plan's four estimates per account, as fractions of current sales.
    /// Sales with no time at all.
    ResponseNone,
    /// Sales with half today's time.
    ResponseHalf,
    /// Sales with 50 % more time than today.
    ResponseMore,
    /// Sales with all the time the account could absorb.
    ResponseSaturation,
}

impl Field {
    pub const ALL: [Field; 26] = [
        Field::Account,
        Field::Id,
        Field::PriorSales,
        Field::CurrentSales,
        Field::Potential,
        Field::Margin,
        Field::GrossProfit,
        Field::Hours,
        Field::AtRisk,
        Field::Friend,
        Field::Segment,
        Field::Region,
        Field::Owner,
        Field::LastContact,
        Field::Notes,
        Field::Date,
        Field::Amount,
        Field::Product,
        Field::Quantity,
        Field::Cost,
        Field::Profit,
        Field::Activity,
        Field::ResponseNone,
        Field::ResponseHalf,
        Field::ResponseMore,
        Field::ResponseSaturation,
    ];

    /// The contract name, e.g. `prior_sales`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Account => "account",
            Field::Id => "id",
            Field::PriorSales => "prior_sales",
            Field::CurrentSales => "current_sales",
            Field::Potential => "potential",
            Field::Margin => "margin",
            Field::GrossProfit => "gross_profit",
            Field::Hours => "hours",
            Field::AtRisk => "at_risk",
            Field::Friend => "friend",
            Field::Segment => "segment",
            Field::Region => "region",
            Field::Owner => "owner",
            Field::LastContact => "last_contact",
            Field::Notes => "notes",
            Field::Date => "date",
            Field::Amount => "amount",
            Field::Product => "product",
            Field::Quantity => "quantity",
            Field::Cost => "cost",
            Field::Profit => "profit",
            Field::Activity => "activity",
            Field::ResponseNone => "response_none",
            Field::ResponseHalf => "response_half",
            Field::ResponseMore => "response_more",
            Field::ResponseSaturation => "response_saturation",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key.trim())
    }

    /// Headers seen for the field, normalised (see [`normalize`]).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Account => &[
                "account",
                "account name",
                "accounts",
                "customer",
                "customer name",
                "customers",
                "client",
                "client name",
                "company",
                "company name",
                "name",
                "contact",
                "sold to party",
                "sold to",
                "billing name",
                "bill to",
                "deal organization",
                "organization",
                "organisation",
                "kunde",
                "debitor",
                "klant",
                "cliente",
                "client",
            ],
            Field::Id => &[
                "id",
                "account id",
                "customer id",
                "customer no",
                "customer number",
                "account number",
                "account no",
                "client id",
                "kundennummer",
            ],
            Field::PriorSales => &[
                "prior year",
                "last year",
                "ly",
                "py",
                "previous year",
                "prior sales",
                "sales last year",
                "sales ly",
                "sales prior year",
                "last year sales",
                "prior year sales",
                "vorjahr",
            ],
            Field::CurrentSales => &[
                "this year",
                "ty",
                "cy",
                "ytd",
                "sales ytd",
                "ytd sales",
                "current",
                "current year",
                "current sales",
                "sales this year",
                "this year sales",
                "forecast",
                "sales",
                "revenue",
                "turnover",
                "umsatz",
            ],
            Field::Potential => &[
                "potential",
                "target",
                "wallet",
                "wallet size",
                "opportunity",
                "share of wallet",
                "potenzial",
            ],
            Field::Margin => &[
                "gm %",
                "gm",
                "gm%",
                "margin",
                "margin %",
                "gp %",
                "gp%",
                "gross margin",
                "gross margin %",
                "marge",
            ],
            Field::GrossProfit => &[
                "gp",
                "gross profit",
                "profit",
                "gross profit amount",
                "rohertrag",
            ],
            Field::Hours => &[
                "hours",
                "hrs",
                "hours week",
                "hours per week",
                "hrs week",
                "hrs per week",
                "time spent",
                "time",
                "visits × duration",
                "visits x duration",
                "stunden",
            ],
            Field::AtRisk => &[
                "at risk",
                "risk",
                "financial risk",
                "credit hold",
                "on hold",
            ],
            Field::Friend => &["relationship", "friend", "personal relationship"],
            Field::Segment => &["segment", "industry", "sector", "branche"],
            Field::Region => &["region", "territory", "area", "country"],
            Field::Owner => &[
                "owner",
                "account manager",
                "deal owner",
                "opportunity owner",
                "sales rep",
                "rep",
                "account owner",
            ],
            Field::LastContact => &[
                "last contact",
                "last visit",
                "last activity",
                "last contacted",
            ],
            Field::Notes => &["notes", "note", "comments", "comment", "remarks"],
            Field::Date => &[
                "date",
                "transaction date",
                "invoice date",
                "close date",
                "billing date",
                "created at",
                "order date",
                "posting date",
                "document date",
            ],
            Field::Amount => &[
                "amount",
                "total",
                "sales",
                "income",
                "net value",
                "invoice total",
                "subtotal",
                "net",
                "net amount",
                "revenue",
                "line total",
                "net sales",
                "value",
            ],
            Field::Product => &[
                "product",
                "item",
                "product name",
                "item name",
                "sku",
                "article",
                "material",
                "product service",
            ],
            Field::Quantity => &["qty", "quantity", "units", "qty sold"],
            Field::Cost => &[
                "cost",
                "cogs",
                "cost of goods",
                "cost of sales",
                "unit cost total",
                "cost amount",
            ],
            Field::Profit => &["profit", "gross profit", "gp", "margin amount"],
            Field::Activity => &[
                "activity",
                "activity type",
                "type",
                "type of activity",
                "activity kind",
                "kind",
                "action",
                "task type",
                "aktivität",
                "tätigkeit",
            ],
            Field::ResponseNone => &[
                "response none",
                "sales with no time",
                "sales at no time",
                "sales without time",
                "sales with zero time",
                "sales no time",
                "no time",
                "zero time",
                "without time",
                "estimate no time",
            ],
            Field::ResponseHalf => &[
                "response half",
                "sales at half time",
                "sales with half time",
                "sales with half the time",
                "sales at half the time",
                "sales half time",
                "half time",
                "half the time",
                "estimate half time",
            ],
            Field::ResponseMore => &[
                "response more",
                "sales with 50% more time",
                "sales with 50 % more time",
                "sales at 50% more time",
                "sales with more time",
                "50% more time",
                "50 % more time",
                "more time",
                "sales at 150% time",
                "150% time",
                "estimate more time",
            ],
            Field::ResponseSaturation => &[
                "response saturation",
                "saturation",
                "sales at saturation",
                "sales saturation",
                "sales with unlimited time",
                "unlimited time",
                "estimate saturation",
            ],
        }
    }

    /// Headers seen for the field in a time log: the same as in other sheets, with the words
    /// timesheets use ("Day", "Duration (h)", "Description"). Kept apart so an account table's
    /// "Contract duration" or "Description" is not read as hours or notes.
    fn time_log_synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Date => &[
                "date",
                "day",
                "activity date",
                "entry date",
                "work date",
                "visit date",
                "call date",
                "logged on",
                "datum",
            ],
            // Hours first: with both an hours and a minutes column, hours win.
            Field::Hours => &[
                "hours",
                "hrs",
                "h",
                "hours spent",
                "time spent",
                "time spent h",
                "time h",
                "time",
                "duration",
                "duration h",
                "duration hours",
                "duration hrs",
                "effort",
                "stunden",
                "dauer",
                "minutes",
                "mins",
                "min",
                "duration min",
                "duration mins",
                "duration minutes",
                "time min",
                "time minutes",
                "time spent min",
                "time spent minutes",
                "minutes spent",
                "minuten",
            ],
            Field::Notes => &[
                "note",
                "notes",
                "comment",
                "comments",
                "description",
                "details",
                "remarks",
                "subject",
                "summary",
                "notiz",
                "bemerkung",
            ],
            other => other.synonyms(),
        }
    }

    /// The synonyms of the field in a vocabulary.
    fn synonyms_in(self, vocabulary: Vocabulary) -> &'static [&'static str] {
        match vocabulary {
            Vocabulary::Tables => self.synonyms(),
            Vocabulary::TimeLog => self.time_log_synonyms(),
        }
    }
}

/// Which header names apply: those of account tables and order lines, or those of a time log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vocabulary {
    Tables,
    TimeLog,
}

/// Headers of a time-log duration column that counts minutes ("Minutes", "Duration (min)"):
/// its values are divided by 60.
pub fn is_minutes_header(header: &str) -> bool {
    let norm = normalize(header);
    norm.split(' ')
        .any(|w| matches!(w, "min" | "mins" | "minute" | "minutes" | "minuten"))
}

/// Fields of the account table (shape 1), in the order they claim columns.
pub const ACCOUNT_FIELDS: [Field; 19] = [
    Field::Account,
    Field::Id,
    Field::PriorSales,
    Field::CurrentSales,
    Field::Potential,
    Field::Margin,
    Field::GrossProfit,
    Field::Hours,
    Field::AtRisk,
    Field::Friend,
    Field::Segment,
    Field::Region,
    Field::Owner,
    Field::LastContact,
    Field::Notes,
    Field::ResponseNone,
    Field::ResponseHalf,
    Field::ResponseMore,
    Field::ResponseSaturation,
];

/// The time plan's four estimates per account (sales with no time, half the time, 50 % more
/// time, at saturation), read from an account table's own columns when it has them.
pub const RESPONSE_FIELDS: [Field; 4] = [
    Field::ResponseNone,
    Field::ResponseHalf,
    Field::ResponseMore,
    Field::ResponseSaturation,
];

/// Fields of order lines (shape 2).
pub const TRANSACTION_FIELDS: [Field; 9] = [
    Field::Date,
    Field::Account,
    Field::Amount,
    Field::Product,
    Field::Quantity,
    Field::Cost,
    Field::Profit,
    Field::Id,
    Field::Owner,
];

/// Fields of a time log (shape 3): date, account, hours (or minutes), optional activity and
/// note.
pub const TIME_LOG_FIELDS: [Field; 5] = [
    Field::Date,
    Field::Account,
    Field::Hours,
    Field::Activity,
    Field::Notes,
];

/// Lower case, `_ - / . :` and repeated spaces folded to one space; `%` kept.
pub fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut space = false;
    for ch in header.trim().chars() {
        let ch = if matches!(
            ch,
            '_' | '-' | '/' | '.' | ':' | '(' | ')' | '\u{a0}' | '\n' | '\r' | '\t' | '–' | '—'
        ) {
            ' '
        } else {
            ch
        };
        if ch == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(ch.to_lowercase());
    }
    out
}

/// One field's column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldColumn {
    pub field: Field,
    /// The header as written.
    pub header: String,
    /// Zero-based column; year-summed fields list every column in `extra`.
    pub column: u32,
    /// Further columns summed into the field (months or quarters of one year).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<u32>,
    /// 1.0 for an exact header synonym, lower for weaker evidence.
    pub confidence: f32,
    /// Why this column was chosen, in words.
    pub why: String,
}

impl FieldColumn {
    /// Every column of the field.
    pub fn columns(&self) -> impl Iterator<Item = u32> + '_ {
        std::iter::once(self.column).chain(self.extra.iter().copied())
    }
}

/// The column mapping of one sheet.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Mapping {
    pub fields: Vec<FieldColumn>,
}

impl Mapping {
    pub fn get(&self, field: Field) -> Option<&FieldColumn> {
        self.fields.iter().find(|f| f.field == field)
    }

    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }

    fn claims(&self, column: u32) -> bool {
        self.fields.iter().any(|f| f.columns().any(|c| c == column))
    }
}

/// A year found in a header, with how sure it is a sales period column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearLabel {
    pub year: i32,
    /// Months, quarters or half-years are parts of the year, summed per year.
    pub part: bool,
}

const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
];
const PERIOD_WORDS: [&str; 16] = [
    "sales",
    "revenue",
    "turnover",
    "umsatz",
    "fy",
    "year",
    "total sales",
    "net sales",
    "ytd",
    "actual",
    "actuals",
    "amount",
    "income",
    "sept",
    "h1",
    "h2",
];

/// Currencies and units that may stand beside a year: "Sales 2025 (EUR)", "Revenue 2026 k$".
const UNIT_WORDS: [&str; 16] = [
    "eur", "usd", "gbp", "chf", "sek", "nok", "dkk", "cad", "aud", "$", "€", "£", "k", "k$", "000",
    "in",
];

/// The year a period header names: "Sales 2025", "FY24", "Jan - Dec 2024", "Q3 2026",
/// "Oct '21 - Sep 22" (the year it ends in). A "Total" column is not a year.
pub fn year_label(header: &str) -> Option<YearLabel> {
    let norm = normalize(header).replace('\'', " ' ");
    if norm.contains("total") && !norm.contains("total sales") {
        return None;
    }
    let mut year = None;
    let mut part = false;
    let mut rest_is_period = true;
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let after_apostrophe = i > 0 && words[i - 1] == "'";
        if let Some(y) = parse_year(
            w,
            after_apostrophe
                || words
                    .get(i.wrapping_sub(1))
                    .is_some_and(|p| MONTHS.contains(p)),
        ) {
            year = Some(y);
        } else if let Some(y) = w.strip_prefix("fy").and_then(|d| parse_year(d, true)) {
            year = Some(y);
        } else if let (Some(y), Ok(end)) = (year, w.parse::<i32>()) {
            // "FY2024/25": a fiscal year named by its two calendar years ends in the second.
            if w.len() == 2 && (end + 2000 == y + 1) {
                year = Some(y + 1);
            } else {
                rest_is_period = false;
            }
        } else if MONTHS.contains(&w)
            || (w.len() == 2
                && w.starts_with('q')
                && w[1..].parse::<u8>().is_ok_and(|q| (1..=4).contains(&q)))
        {
            part = true;
        } else if w == "'" || PERIOD_WORDS.contains(&w) || UNIT_WORDS.contains(&w) {
        } else {
            rest_is_period = false;
        }
        i += 1;
    }
    // "Jan - Dec 2024" covers a whole year: months on both ends make a full span, not a part.
    let month_count = words.iter().filter(|w| MONTHS.contains(w)).count();
    if month_count == 2 && words.len() <= 4 + usize::from(norm.contains('\'')) * 2 {
        part = false;
    }
    if month_count == 2 && norm.contains('\'') {
        part = false;
    }
    year.filter(|_| rest_is_period)
        .map(|year| YearLabel { year, part })
}

/// "2025" → 2025; two-digit years only where the context says they are years ("FY24", "'21").
fn parse_year(word: &str, two_digit_ok: bool) -> Option<i32> {
    let digits = word.trim_start_matches('\'');
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match digits.len() {
        4 => digits.parse().ok().filter(|y| (1990..=2100).contains(y)),
        2 if two_digit_ok => digits.parse::<i32>().ok().map(|y| 2000 + y),
        _ => None,
    }
}

/// The position of the first synonym a normalised header is or contains: lower is stronger.
fn synonym_rank(field: Field, norm: &str, vocabulary: Vocabulary) -> usize {
    let padded = format!(" {norm} ");
    field
        .synonyms_in(vocabulary)
        .iter()
        .position(|s| norm == *s || padded.contains(&format!(" {s} ")))
        .unwrap_or(usize::MAX)
}

/// Headers a "contains" match must not take: a year column is a period, never "sales" by
/// containment; a deal, product or opportunity name is not the account.
fn weak_match_ruled_out(field: Field, norm: &str, vocabulary: Vocabulary) -> bool {
    let has_year = norm
        .split(' ')
        .any(|w| parse_year(w.trim_start_matches("fy"), false).is_some());
    let has_word = |words: &[&str]| norm.split(' ').any(|x| words.contains(&x));
    // "Sales with no time (%)" is an estimate, not sales or hours.
    if !RESPONSE_FIELDS.contains(&field) && names_an_estimate(norm) {
        return true;
    }
    match (field, vocabulary) {
        (Field::PriorSales | Field::CurrentSales | Field::Amount, _) => has_year,
        (Field::Account, _) => has_word(&["deal", "product", "opportunity", "item"]),
        // A timesheet's "Start time" and "End time" are times of day, not durations.
        (Field::Hours, Vocabulary::TimeLog) => {
            has_word(&["start", "end", "from", "to", "begin", "finish", "until"])
        }
        // "Activity description" is the note; "Activity date" the date.
        (Field::Activity, _) => has_word(&[
            "description",
            "note",
            "notes",
            "comment",
            "comments",
            "date",
            "details",
        ]),
        _ => false,
    }
}

/// Whether a normalised header names one of the time plan's estimates, exactly or inside a
/// longer header ("Sales with no time (%)").
fn names_an_estimate(norm: &str) -> bool {
    RESPONSE_FIELDS
        .iter()
        .any(|&f| synonym_score(f, norm, Vocabulary::Tables).is_some())
}

/// How strongly a normalised header names a field (see `synonym_score`).
pub fn field_score(field: Field, norm: &str) -> Option<f32> {
    synonym_score(field, norm, Vocabulary::Tables)
}

/// How strongly a header names a field: 1.0 exact synonym, 0.7 a synonym as a whole phrase
/// inside it, else none.
fn synonym_score(field: Field, norm: &str, vocabulary: Vocabulary) -> Option<f32> {
    let syns = field.synonyms_in(vocabulary);
    if syns.contains(&norm) {
        return Some(1.0);
    }
    let padded = format!(" {norm} ");
    syns.iter()
        .filter(|s| s.len() >= 3 || s.contains('%'))
        .any(|s| padded.contains(&format!(" {s} ")))
        .then_some(0.7)
}

/// Headers that a previous export appended: recognised so they are never read as data and
/// never doubled. Exports before `Note` existed end at `Sales share`.
pub const ANNOTATION_HEADERS: [&str; 11] = [
    "Category",
    "Tier",
    "Flags",
    "Reason",
    "Projected sales",
    "Growth %",
    "Upside",
    "Est. deterioration",
    "Time share",
    "Sales share",
    "Note",
];

/// The first column of a block of annotation columns (Category, Tier, Flags, Reason …), if any.
pub fn annotation_start(headers: &[(u32, String)]) -> Option<u32> {
    headers.windows(4).find_map(|w| {
        let names: Vec<&str> = w.iter().map(|(_, h)| h.trim()).collect();
        (names == ANNOTATION_HEADERS[..4] && w.windows(2).all(|p| p[1].0 == p[0].0 + 1))
            .then_some(w[0].0)
    })
}

/// How many annotation columns an earlier export wrote from `start` (as found by
/// [`annotation_start`]): the run of [`ANNOTATION_HEADERS`] in order on adjacent columns, so an
/// export from before a column was added is told from one with it.
pub fn annotation_width(headers: &[(u32, String)], start: u32) -> u32 {
    let Some(first) = headers.iter().position(|(c, _)| *c == start) else {
        return 0;
    };
    let found = headers
        .iter()
        .skip(first)
        .zip(ANNOTATION_HEADERS)
        .zip(start..)
        .take_while(|(((c, h), want), at)| *c == *at && h.trim() == *want)
        .count();
    u32::try_from(found).unwrap_or(0)
}

/// Maps the header row of a sheet for a shape's fields. `headers` are (column, text) pairs in
/// column order; `overrides` are the user's `FIELD=HEADER` choices and win over everything. An
/// empty header (`--map hours=`) means the field is not read at all, whatever the headers say.
///
/// # Errors
/// A message when an override names an unknown field or a header that is not in the row.
pub fn map_headers(
    headers: &[(u32, String)],
    fields: &[Field],
    overrides: &[(Field, String)],
) -> Result<Mapping, String> {
    map_in(headers, fields, overrides, Vocabulary::Tables)
}

/// As [`map_headers`] for the [`TIME_LOG_FIELDS`] of a time log, with the header names
/// timesheets use: "Day", "Duration (h)", "Minutes" (see [`is_minutes_header`]), "Type",
/// "Description".
///
/// # Errors
/// As [`map_headers`].
pub fn map_time_log_headers(
    headers: &[(u32, String)],
    overrides: &[(Field, String)],
) -> Result<Mapping, String> {
    map_in(headers, &TIME_LOG_FIELDS, overrides, Vocabulary::TimeLog)
}

fn map_in(
    headers: &[(u32, String)],
    fields: &[Field],
    overrides: &[(Field, String)],
    vocabulary: Vocabulary,
) -> Result<Mapping, String> {
    let mut mapping = Mapping::default();
    let usable: Vec<(u32, String, String)> = headers
        .iter()
        .filter(|(_, h)| !h.trim().is_empty())
        .map(|(c, h)| (*c, h.trim().to_string(), normalize(h)))
        .collect();

    let not_read: Vec<Field> = overrides
        .iter()
        .filter(|(_, wanted)| wanted.trim().is_empty())
        .map(|(field, _)| *field)
        .collect();
    for (field, wanted) in overrides {
        if wanted.trim().is_empty() {
            continue;
        }
        let want = normalize(wanted);
        let found = usable.iter().find(|(_, _, n)| *n == want).ok_or_else(|| {
            let list: Vec<&str> = usable.iter().map(|(_, h, _)| h.as_str()).collect();
            format!(
                "there is no column headed \"{wanted}\" for {}; the headers are: {}",
                field.key(),
                list.join(", ")
            )
        })?;
        mapping.fields.retain(|f| f.field != *field);
        mapping.fields.push(FieldColumn {
            field: *field,
            header: found.1.clone(),
            column: found.0,
            extra: Vec::new(),
            confidence: 1.0,
            why: "chosen by you".into(),
        });
    }

    // Exact synonyms first, field by field in priority order.
    for pass in [1.0_f32, 0.7] {
        for &field in fields {
            if mapping.has(field) {
                continue;
            }
            // Among hits the earlier synonym wins ("Customer" over "Contact", "Associated
            // Company" over "Deal Name").
            let hit = usable
                .iter()
                .filter(|(c, _, n)| {
                    !mapping.claims(*c)
                        && synonym_score(field, n, vocabulary) == Some(pass)
                        && (pass == 1.0 || !weak_match_ruled_out(field, n, vocabulary))
                })
                .min_by_key(|(_, _, n)| synonym_rank(field, n, vocabulary));
            if let Some((c, h, _)) = hit {
                let why = if vocabulary == Vocabulary::TimeLog
                    && field == Field::Hours
                    && is_minutes_header(h)
                {
                    format!("header \"{h}\" counts minutes: divided by 60 for hours")
                } else if pass == 1.0 {
                    format!("header \"{h}\" is a known name for {}", field.key())
                } else {
                    format!("header \"{h}\" contains a known name for {}", field.key())
                };
                mapping.fields.push(FieldColumn {
                    field,
                    header: h.clone(),
                    column: *c,
                    extra: Vec::new(),
                    confidence: pass,
                    why,
                });
            }
        }
        if pass == 1.0 && vocabulary == Vocabulary::Tables && fields.contains(&Field::PriorSales) {
            map_year_columns(&usable, &mut mapping);
        }
    }
    mapping.fields.retain(|f| !not_read.contains(&f.field));
    Ok(mapping)
}

/// Year-labelled sales columns: the latest year is current, the one before it prior; months and
/// quarters of a year are summed.
fn map_year_columns(usable: &[(u32, String, String)], mapping: &mut Mapping) {
    let mut years: std::collections::BTreeMap<i32, Vec<(u32, String, bool)>> = Default::default();
    for (c, h, _) in usable {
        if mapping.claims(*c) {
            continue;
        }
        if let Some(label) = year_label(h) {
            years
                .entry(label.year)
                .or_default()
                .push((*c, h.clone(), label.part));
        }
    }
    // Where a year has both whole-year and part columns, the whole-year one is the total.
    for cols in years.values_mut() {
        if cols.iter().any(|(_, _, part)| !part) {
            cols.retain(|(_, _, part)| !part);
            cols.truncate(1);
        }
    }
    // Newest year first into the slots still empty: with "YTD" or "Forecast" already current,
    // the latest year column is the prior year.
    let open: Vec<Field> = [Field::CurrentSales, Field::PriorSales]
        .into_iter()
        .filter(|f| !mapping.has(*f))
        .collect();
    let mut open = open.into_iter();
    for (year, cols) in years.iter().rev() {
        let Some(field) = open.next() else { break };
        let Some(((first, header, _), rest)) = cols.split_first() else {
            continue;
        };
        let why = if rest.is_empty() {
            format!(
                "the {} year column ({year})",
                if field == Field::CurrentSales {
                    "latest"
                } else {
                    "previous"
                }
            )
        } else {
            format!("{} period columns of {year} summed", cols.len())
        };
        let why = if rest.is_empty() {
            why
        } else {
            format!(
                "{why}: {header} … {}",
                cols.last().map_or("", |c| c.1.as_str())
            )
        };
        // The first real header, so it can be given back to --map.
        let header = header.clone();
        mapping.fields.push(FieldColumn {
            field,
            header,
            column: *first,
            extra: rest.iter().map(|c| c.0).collect(),
            confidence: 0.9,
            why,
        });
    }
}

#[cfg(test)]
mod tests;
