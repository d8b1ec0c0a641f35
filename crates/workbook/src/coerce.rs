//! Turning cell text into numbers, booleans and dates. Pure functions, no I/O.
//!
//! Workbooks and CSV exports carry numbers as text far more often than one would hope:
//! `"$1,234.50"`, `"(500)"`, `"12%"`, `"1.234,50"`, `"1 234,50"`. The decimal convention cannot be
//! decided from a single value (`"1,234"` is one thousand two hundred thirty-four in the US and
//! one point two three four in Germany), so the importer decides it once per column with
//! [`decide_decimal_style`] and then parses every cell of the column with [`parse_number`] in
//! that style. [`parse_number`] is strict on purpose: a value it cannot read with certainty is
//! reported as unreadable (a diagnostic), never guessed, because a silently wrong amount skews the
//! whole review.
//!
//! Dates are handled as Excel serials in the 1900 date system (what [`crate::grid::Value::Date`]
//! holds) with exact civil-calendar conversions ([`days_from_civil`], [`civil_from_days`]) so that
//! no date library is needed in the browser build.

#[cfg(test)]
mod tests;

/// The decimal convention of a column of numbers written as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalStyle {
    /// `1,234.50`: `.` is the decimal separator; `,`, a space (incl. NBSP) or `'` groups
    /// thousands.
    Point,
    /// `1.234,50`, `1 234,50`, `1'234,50`: `,` is the decimal separator; `.`, a space (incl.
    /// NBSP) or `'` groups thousands.
    Comma,
}

impl DecimalStyle {
    /// The character that separates the integer part from the fraction.
    fn decimal_separator(self) -> char {
        match self {
            DecimalStyle::Point => '.',
            DecimalStyle::Comma => ',',
        }
    }

    /// Which kind of thousands separator `c` is in this style, if it is one at all.
    fn group_kind(self, c: char) -> Option<GroupKind> {
        match c {
            ',' if self == DecimalStyle::Point => Some(GroupKind::Comma),
            '.' if self == DecimalStyle::Comma => Some(GroupKind::Dot),
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' => Some(GroupKind::Space),
            '\'' | '\u{2019}' => Some(GroupKind::Apostrophe),
            _ => None,
        }
    }
}

/// Thousands separators that count as "the same" within one number. A number must use one kind
/// throughout: `1,234 567` is refused. The space kind covers the ordinary space, NBSP (U+00A0),
/// narrow NBSP (U+202F, what French locales write), thin space and figure space, because which
/// one a program emits is invisible to the person who typed the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKind {
    Comma,
    Dot,
    Space,
    Apostrophe,
}

/// Decides the decimal convention of a whole column from its text values.
///
/// Each sample is tried in both styles with [`parse_number`]:
/// - readable only with a decimal comma (`"12,5"`, `"1.234,50"`, `"1 234,50"`, `"1.234.567"`,
///   `"0,125"`) is a vote for [`DecimalStyle::Comma`];
/// - readable only with a decimal point (`"12.5"`, `"1,234.50"`, `"1,234,567"`) is a vote for
///   [`DecimalStyle::Point`];
/// - readable both ways with different values (`"1,234"`, `"1.234"`: a single separator followed
///   by exactly three digits) is ambiguous and casts no vote: the other samples decide;
/// - readable both ways with the same value (`"1234"`, `"1 234"`) or not a number at all
///   (`"N/A"`, a name, a date) casts no vote.
///
/// The majority wins; a tie, including a column with no evidence at all, gives
/// [`DecimalStyle::Point`], the convention of most CRM exports. Using [`parse_number`] itself as
/// the judge guarantees the decision never contradicts how the cells are then read.
#[must_use]
pub fn decide_decimal_style<'a>(samples: impl IntoIterator<Item = &'a str>) -> DecimalStyle {
    let mut comma_votes = 0usize;
    let mut point_votes = 0usize;
    for sample in samples {
        match (
            parse_number(sample, DecimalStyle::Point),
            parse_number(sample, DecimalStyle::Comma),
        ) {
            (Some(_), None) => point_votes += 1,
            (None, Some(_)) => comma_votes += 1,
            _ => {}
        }
    }
    if comma_votes > point_votes {
        DecimalStyle::Comma
    } else {
        DecimalStyle::Point
    }
}

/// Currency symbols and codes accepted before or after a number. Codes match case-insensitively.
/// Longer tokens come first so that `kr.` is stripped whole rather than leaving a stray `.`.
const CURRENCY_TOKENS: &[&str] = &[
    "US$", "kr.", "CHF", "USD", "EUR", "GBP", "JPY", "SEK", "NOK", "DKK", "CAD", "AUD", "kr", "$",
    "€", "£", "¥",
];

/// Characters treated as padding around a number and its affixes: every Unicode white space
/// (which includes NBSP U+00A0 and narrow NBSP U+202F) and a stray byte-order mark.
fn is_pad(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Parses a number written as text in the given decimal style.
///
/// Accepted, around the digits, in any sensible combination: white-space padding (incl. NBSP and
/// narrow NBSP); one currency symbol or code before or after (`$ € £ ¥ US$ CHF USD EUR GBP JPY
/// SEK NOK DKK CAD AUD kr kr.`); one sign — a leading `-`, `+` or Unicode minus `−` (U+2212),
/// a trailing minus (`"500-"`, as some ERPs print) or accounting parentheses (`"(500)"`,
/// `"($1,234.50)"`); a trailing `%`, which divides by 100 (`"12%"` → 0.12); a plain exponent
/// (`"1e3"`, `"1.5E-3"`).
///
/// The digits themselves: an optional fraction after the style's decimal separator, and optional
/// thousands grouping in the integer part with one kind of separator (`,` for Point or `.` for
/// Comma; a space, NBSP or `'` for both). Grouping is strict so that the wrong style fails loudly
/// instead of producing a value off by a factor of 1000: the first group has 1–3 digits and no
/// leading zero, every later group exactly 3 (`"1,23,4"` and `"0,125"` are refused in Point).
///
/// Refused (`None`): empty text; any other letter or symbol (`"N/A"`, `"abc"`, `"12 units"`); two
/// decimal separators; misplaced groups; two signs, two currencies, a currency with a percent;
/// results that are not finite (`"1e999"`). Negative zero is returned as `0.0`.
///
/// Hot path: this runs on every text cell of every numeric column, so it never allocates unless
/// the number has more than 64 significant characters.
#[must_use]
pub fn parse_number(text: &str, style: DecimalStyle) -> Option<f64> {
    let trimmed = text.trim_matches(is_pad);
    // Fast path: plain digits, optionally with one decimal point in Point style — by far the
    // most common numeric text (ids, quantities, amounts exported without formatting).
    // `f64::from_str` reads exactly this syntax (".5" and "5." included) and is correctly
    // rounded for any length.
    if is_plain_decimal(trimmed, style) {
        return trimmed.parse::<f64>().ok().filter(|x| x.is_finite());
    }
    let affixes = strip_affixes(trimmed)?;
    parse_digits(affixes.core, style, affixes.negative, affixes.percent)
}

/// Whether `s` is ASCII digits with at most one `.` (Point style only) and at least one digit.
fn is_plain_decimal(s: &str, style: DecimalStyle) -> bool {
    let mut digits = 0usize;
    let mut points = 0usize;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' if style == DecimalStyle::Point => points += 1,
            _ => return false,
        }
    }
    digits > 0 && points <= 1
}

/// What surrounds the digits of a number.
struct Affixes<'a> {
    core: &'a str,
    negative: bool,
    percent: bool,
}

/// Removes padding, sign, parentheses, percent and currency from both ends, each at most once.
fn strip_affixes(text: &str) -> Option<Affixes<'_>> {
    let mut s = text;
    let mut signed = false;
    let mut negative = false;
    let mut percent = false;
    let mut currency = false;
    loop {
        s = s.trim_matches(is_pad);
        // Digits at both ends: nothing left to strip (the usual case, checked cheaply first).
        let bytes = s.as_bytes();
        if bytes.first().is_some_and(u8::is_ascii_digit)
            && bytes.last().is_some_and(u8::is_ascii_digit)
        {
            break;
        }
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            if signed {
                return None;
            }
            (signed, negative, s) = (true, true, inner);
        } else if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
            if signed {
                return None;
            }
            (signed, negative, s) = (true, true, rest);
        } else if let Some(rest) = s.strip_prefix('+') {
            if signed {
                return None;
            }
            (signed, s) = (true, rest);
        } else if let Some(rest) = s.strip_suffix(['-', '\u{2212}']) {
            if signed {
                return None;
            }
            (signed, negative, s) = (true, true, rest);
        } else if let Some(rest) = s.strip_suffix('%') {
            if percent || currency {
                return None;
            }
            (percent, s) = (true, rest);
        } else if let Some(rest) = strip_currency(s) {
            if currency || percent {
                return None;
            }
            (currency, s) = (true, rest);
        } else {
            break;
        }
    }
    Some(Affixes {
        core: s,
        negative,
        percent,
    })
}

/// Strips one currency token from the start or the end of `s`.
fn strip_currency(s: &str) -> Option<&str> {
    CURRENCY_TOKENS.iter().find_map(|token| {
        let n = token.len();
        // `get` returns None off a char boundary, so multi-byte text can never panic here.
        if s.get(..n)
            .is_some_and(|head| head.eq_ignore_ascii_case(token))
        {
            s.get(n..)
        } else if s.len() >= n
            && s.get(s.len() - n..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(token))
        {
            s.get(..s.len() - n)
        } else {
            None
        }
    })
}

/// Parses the bare digits (grouping, fraction, exponent) and applies sign and percent.
fn parse_digits(core: &str, style: DecimalStyle, negative: bool, percent: bool) -> Option<f64> {
    let decimal = style.decimal_separator();
    let mut buf = NumBuf::new();
    if negative {
        buf.push(b'-');
    }

    // Integer part, with optional strict grouping.
    let mut chars = core.chars().peekable();
    let mut int_digits = 0usize;
    let mut group_digits = 0usize; // digits since the last separator
    let mut group_kind: Option<GroupKind> = None;
    let mut leading_zero = false;
    while let Some(&c) = chars.peek() {
        if let Some(d) = ascii_digit(c) {
            if int_digits == 0 {
                leading_zero = d == b'0';
            }
            buf.push(d);
            int_digits += 1;
            group_digits += 1;
        } else if let Some(kind) = style.group_kind(c) {
            match group_kind {
                None if (1..=3).contains(&group_digits) => group_kind = Some(kind),
                Some(k) if k == kind && group_digits == 3 => {}
                _ => return None,
            }
            group_digits = 0;
        } else {
            break;
        }
        chars.next();
    }
    if group_kind.is_some() && (group_digits != 3 || leading_zero) {
        return None;
    }

    // Fraction.
    let mut frac_digits = 0usize;
    if chars.peek() == Some(&decimal) {
        chars.next();
        buf.push(b'.');
        while let Some(d) = chars.peek().copied().and_then(ascii_digit) {
            buf.push(d);
            frac_digits += 1;
            chars.next();
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }

    // Exponent: only on plain numbers; a grouped number with an exponent is not something
    // anyone writes on purpose.
    let mut exponent: i64 = 0;
    if matches!(chars.peek(), Some('e' | 'E')) {
        if group_kind.is_some() {
            return None;
        }
        chars.next();
        let exp_negative = match chars.peek() {
            Some('-' | '\u{2212}') => {
                chars.next();
                true
            }
            Some('+') => {
                chars.next();
                false
            }
            _ => false,
        };
        let mut exp_digits = 0usize;
        while let Some(d) = chars.peek().copied().and_then(ascii_digit) {
            // Saturate far beyond the f64 range; the parse then yields inf or 0 as it should.
            exponent = (exponent * 10 + i64::from(d - b'0')).min(1_000_000);
            exp_digits += 1;
            chars.next();
        }
        if exp_digits == 0 {
            return None;
        }
        if exp_negative {
            exponent = -exponent;
        }
    }
    if chars.next().is_some() {
        return None;
    }

    // A percent shifts the decimal exponent instead of dividing, so "12.34%" gives exactly the
    // f64 nearest to 0.1234 rather than 12.34 / 100 rounded twice.
    if percent {
        exponent -= 2;
    }
    if exponent != 0 {
        buf.push(b'e');
        buf.push_int(exponent);
    }
    let value = buf.as_str()?.parse::<f64>().ok()?;
    // `+ 0.0` turns -0.0 into 0.0: "(0)" and "-0" are just zero.
    value.is_finite().then_some(value + 0.0)
}

/// The ASCII byte of a decimal digit.
fn ascii_digit(c: char) -> Option<u8> {
    c.is_ascii_digit().then_some(c as u8)
}

/// A small ASCII buffer on the stack that spills to the heap only for absurdly long numbers, so
/// that the normalised number can be handed to the correctly rounded `f64::from_str` without an
/// allocation per cell.
struct NumBuf {
    stack: [u8; 64],
    len: usize,
    heap: Vec<u8>,
}

impl NumBuf {
    fn new() -> Self {
        Self {
            stack: [0; 64],
            len: 0,
            heap: Vec::new(),
        }
    }

    fn push(&mut self, b: u8) {
        if self.heap.is_empty() {
            if let Some(slot) = self.stack.get_mut(self.len) {
                *slot = b;
                self.len += 1;
                return;
            }
            self.heap.extend_from_slice(&self.stack);
        }
        self.heap.push(b);
    }

    /// Appends a decimal integer (with its sign).
    fn push_int(&mut self, n: i64) {
        if n < 0 {
            self.push(b'-');
        }
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut v = n.unsigned_abs();
        loop {
            i -= 1;
            if let Some(slot) = digits.get_mut(i) {
                *slot = b'0' + (v % 10) as u8;
            }
            v /= 10;
            if v == 0 || i == 0 {
                break;
            }
        }
        for &d in digits.get(i..).unwrap_or_default() {
            self.push(d);
        }
    }

    fn as_str(&self) -> Option<&str> {
        let bytes = if self.heap.is_empty() {
            self.stack.get(..self.len)?
        } else {
            &self.heap
        };
        std::str::from_utf8(bytes).ok()
    }
}

/// Parses a yes/no cell: `yes/no`, `y/n`, `x` (a tick mark column: true), `true/false`, `1/0`,
/// `ja/nein`, `oui/non`, `si/sí/no`, `✓`/`✔` (true). Case-insensitive, trimmed. Anything else,
/// including empty text, is `None`: an unreadable flag is reported, not assumed false.
#[must_use]
pub fn parse_bool(text: &str) -> Option<bool> {
    // "SÍ" is listed apart: `eq_ignore_ascii_case` folds only ASCII letters.
    const TRUE: &[&str] = &[
        "yes", "y", "x", "true", "1", "ja", "oui", "si", "sí", "SÍ", "✓", "✔",
    ];
    const FALSE: &[&str] = &["no", "n", "false", "0", "nein", "non"];
    let t = text.trim_matches(is_pad);
    if t.is_empty() {
        None
    } else if TRUE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Some(true)
    } else if FALSE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Some(false)
    } else {
        None
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
///
/// Exact for every `i32` year. The month must be 1..=12; an out-of-range day is not checked and
/// simply counts on (Feb 30 is Mar 2), so validate with [`is_valid_civil`] first when the input
/// comes from a user.
#[must_use]
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let mp = (m + 9) % 12; // March = 0 … February = 11
    let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date `z` days after 1970-01-01 (Hinnant's `civil_from_days`).
///
/// Exact wherever the year fits an `i32` (about ±5.8 million years); beyond that the year is
/// saturated, which no spreadsheet value can reach.
#[must_use]
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = era.saturating_mul(400).saturating_add(yoe) + i64::from(m <= 2);
    let y = i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX });
    // Both are in small ranges (see above), so the conversions cannot fail.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// Whether `y-m-d` is a real date of the proleptic Gregorian calendar.
#[must_use]
pub fn is_valid_civil(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Number of days in a month (1..=12) of a Gregorian year; 0 for an invalid month.
#[must_use]
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// [`days_from_civil`] of 1899-12-30, the day before Excel's serial 1 once the fictitious
/// 1900-02-29 is accounted for.
const EXCEL_EPOCH_DAYS: i64 = -25_569;

/// The last serial Excel accepts: 9999-12-31.
const MAX_SERIAL: f64 = 2_958_465.0;

/// Add to a serial of the 1904 date system (old Mac workbooks) to get the 1900-system serial.
pub const DAYS_1904_OFFSET: f64 = 1462.0;

/// The Excel 1900-system serial of a date.
///
/// Excel (after Lotus 1-2-3) counts 1900 as a leap year: serial 60 is the fictitious 1900-02-29.
/// Serials from 61 (1900-03-01) on are days since 1899-12-30; serials 1..=59 (1900-01-01 to
/// 1900-02-28) are days since 1899-12-31. `(1900, 2, 29)` itself gives 60, so a value that Excel
/// shows as 29 Feb 1900 round-trips. Dates before 1900 give serials below 1, which Excel cannot
/// hold and [`civil_from_serial`] refuses.
#[must_use]
pub fn serial_from_civil(y: i32, m: u32, d: u32) -> f64 {
    if (y, m, d) == (1900, 2, 29) {
        return 60.0;
    }
    let days = days_from_civil(y, m, d) - EXCEL_EPOCH_DAYS;
    // Before 1900-03-01 (real day count 61) Excel's count is one lower.
    let serial = if days < 61 { days - 1 } else { days };
    serial as f64
}

/// The date of an Excel 1900-system serial; the fraction (time of day) is ignored.
///
/// `None` for non-finite serials and for serials outside Excel's range: below 1 (the "0 January
/// 1900" of a time-only value is not a date) or past 9999-12-31 (2958465 and its fraction).
///
/// Serial 60 is Excel's fictitious 1900-02-29. It returns `(1900, 2, 28)`, the last real day of
/// that February, rather than `None`: a cell showing that date is almost certainly a typed
/// "end of February 1900", and a real calendar date is what callers can compute with. Hence
/// serials 59 and 60 both give 1900-02-28 (the only place this function is not one-to-one).
#[must_use]
pub fn civil_from_serial(serial: f64) -> Option<(i32, u32, u32)> {
    if !serial.is_finite() || serial < 1.0 || serial.floor() > MAX_SERIAL {
        return None;
    }
    // In range [1, 2958465] after the checks above, so the cast is exact.
    let day = serial.floor() as i64;
    let days = match day {
        60 => return Some((1900, 2, 28)),
        ..=59 => day + 1,
        _ => day,
    };
    Some(civil_from_days(days + EXCEL_EPOCH_DAYS))
}

/// Parses a date written as text; a time of day after it is validated and ignored.
///
/// Accepted:
/// - ISO 8601 `2026-09-30`, `2026-09-30T10:00:00`, `2026-09-30T10:00:00.5Z`,
///   `2026-09-30 10:00`, `2026-09-30T10:00+02:00`, and the same with `/` (`2026/09/30`);
/// - day-first dotted `30.09.2026` (German, Swiss, Nordic and Eastern European exports);
/// - `9/30/2026` and `09/30/2026` as **US month-first**, always. CRM and accounting exports that
///   write slashes with the year last are overwhelmingly American. A British `30/09/2026` is
///   therefore refused (month 30), never silently flipped: flipping only the values whose first
///   number exceeds 12 would read half of a day-first column right and the other half wrong,
///   with no diagnostic.
///
/// Years have four digits (1000..=9999); day and month one or two. The day is validated against
/// the month, leap years included (`2026-02-29` is refused, `2028-02-29` accepted).
#[must_use]
pub fn parse_date_text(text: &str) -> Option<(i32, u32, u32)> {
    let s = text.trim_matches(is_pad).as_bytes();
    let (date, rest) = if s.len() > 4 && s.get(..4)?.iter().all(u8::is_ascii_digit) {
        let (y, rest) = take_number(s, 4, 4)?;
        let sep = *rest.first()?;
        if sep != b'-' && sep != b'/' {
            return None;
        }
        let (m, rest) = take_number(rest.get(1..)?, 1, 2)?;
        let rest = rest.strip_prefix(&[sep])?;
        let (d, rest) = take_number(rest, 1, 2)?;
        ((y, m, d), rest)
    } else {
        let (a, rest) = take_number(s, 1, 2)?;
        let sep = *rest.first()?;
        if sep != b'.' && sep != b'/' {
            return None;
        }
        let (b, rest) = take_number(rest.get(1..)?, 1, 2)?;
        let rest = rest.strip_prefix(&[sep])?;
        let (y, rest) = take_number(rest, 4, 4)?;
        let (m, d) = if sep == b'.' { (b, a) } else { (a, b) };
        ((y, m, d), rest)
    };
    let (y, m, d) = (i32::try_from(date.0).ok()?, date.1, date.2);
    if !(1000..=9999).contains(&y) || !is_valid_civil(y, m, d) {
        return None;
    }
    time_suffix_is_valid(rest).then_some((y, m, d))
}

/// Reads `min..=max` ASCII digits from the start of `s`.
fn take_number(s: &[u8], min: usize, max: usize) -> Option<(u32, &[u8])> {
    let n = s
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if n < min {
        return None;
    }
    let (digits, rest) = s.split_at(n);
    let value = digits
        .iter()
        .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    Some((value, rest))
}

/// Whether what follows a date is nothing or a plausible time of day: `T` or spaces, then
/// `H:MM`, optional `:SS` and fraction, then an optional ` AM`/` PM`, `Z` or UTC offset.
fn time_suffix_is_valid(rest: &[u8]) -> bool {
    fn parse(rest: &[u8]) -> Option<()> {
        let mut s = match rest.first()? {
            b'T' | b't' => rest.get(1..)?,
            b' ' => rest.trim_ascii_start(),
            _ => return None,
        };
        let (hour, r) = take_number(s, 1, 2)?;
        let (minute, r) = take_number(r.strip_prefix(b":")?, 2, 2)?;
        s = r;
        let mut second = 0;
        if let Some(r) = s.strip_prefix(b":") {
            let (sec, r) = take_number(r, 2, 2)?;
            second = sec;
            s = r;
            if let Some(r) = s.strip_prefix(b".").or_else(|| s.strip_prefix(b",")) {
                let n = r.iter().take_while(|b| b.is_ascii_digit()).count();
                if n == 0 {
                    return None;
                }
                s = r.get(n..)?;
            }
        }
        if hour > 24 || minute > 59 || second > 60 {
            return None;
        }
        let s = s.trim_ascii_start();
        let zone_ok = match s {
            [] | [b'Z' | b'z'] => true,
            [b'A' | b'a' | b'P' | b'p', b'M' | b'm'] => (1..=12).contains(&hour),
            [b'+' | b'-', zone @ ..] => {
                let (h, r) = take_number(zone, 2, 2)?;
                let r = r.strip_prefix(b":").unwrap_or(r);
                let (m, r) = if r.is_empty() {
                    (0, r)
                } else {
                    take_number(r, 2, 2)?
                };
                r.is_empty() && h <= 14 && m <= 59
            }
            _ => false,
        };
        zone_ok.then_some(())
    }
    rest.is_empty() || parse(rest).is_some()
}
