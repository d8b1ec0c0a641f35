//! The weekly snapshots ([`Snapshot`]) as compact text for localStorage, which counts UTF-16
//! characters: two years of weeks (104) of a 2,000-account book, 208,000 account-weeks, are
//! about 18 million characters as JSON and about 1 million here (1.6 million when the
//! accounts come in a new order every week; see the size test).
//!
//! **Rounding.** A decoded account's projected sales are the original rounded to cents, its
//! hours rounded to hundredths of an hour; a value too large for that (beyond ±2.8 trillion,
//! 2⁴⁸ cents or hundredths) or not finite is kept as it was. Everything else — names as
//! spelled, weeks, categories, tiers, the rep's category calls, flags, the order of the
//! accounts and every total — comes back exactly.
//!
//! **Layout.** Text = base64 ([`to_base64`]) of: the format version (1), then zlib (deflate) of
//! the body. In the body, counts and indexes are LEB128 varints, signed numbers zigzag varints,
//! totals f64 little-endian:
//! - the names once: their count, then each as its UTF-8 length and bytes, in the order first
//!   seen (a name spelled two ways is there twice);
//! - the number of weeks, then per week: ISO year and week; the totals (grow, maintain, at risk,
//!   whole book: accounts, projected sales, hours, deterioration, upside, time-sink hours); the
//!   number of accounts; then one column after another over the week's accounts:
//!   1. the index of its name, as the change from the previous account's index;
//!   2. a byte: category (bits 0–1), tier (2–3), the rep's call (4–5: 0 none, else the
//!      category + 1), sales known (6), hours known (7);
//!   3. a byte: time sink (bit 0), under-served (1); the flags as a list (2, when they are not
//!      one of the four sets in the engine's order); sales and hours kept as f64 (3 and 4);
//!   4. the known sales in cents, each as the change from the same account's last known cents
//!      (accounts matched as the engine matches them across weeks: case and surrounding spaces
//!      aside); 5. the known hours in hundredths, the same way;
//!   6. the flag lists (length, then 0 time sink / 1 under-served); 7. the f64 sales, then
//!      the f64 hours.
//!
//! Weeks change little, so the changes are small numbers and the columns repeat: deflate
//! finds the rest.
//!
//! ```
//! use account_lens_engine::{Snapshot, SnapshotTotals};
//! use account_lens_web::history_codec::{decode, encode};
//!
//! let weeks = vec![Snapshot { iso_year: 2026, week: 49, accounts: vec![], totals: SnapshotTotals::default() }];
//! assert_eq!(decode(&encode(&weeks)), Ok(weeks));
//! assert!(decode("not saved history").is_err());
//! ```

use std::collections::HashMap;
use std::io::{Read, Write};

use account_lens_engine::{
    name_key, AccountSnapshot, Category, Flag, Snapshot, SnapshotTotals, Tier, WeekTotals,
};
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;

use crate::accounts_codec::{from_base64, to_base64};

/// The format this build writes and reads.
const VERSION: u8 = 1;
/// The most a body may inflate to: far above two years of 5,000 accounts, far below what
/// would take the page down.
const MAX_BODY: u64 = 64 * 1024 * 1024;
/// Cents (or hundredths) beyond this are kept as f64: below it, cents → f64 → cents is exact
/// however often a history is saved again.
const LARGEST_SCALED: f64 = (1u64 << 48) as f64;

const SALES_KNOWN: u8 = 1 << 6;
const HOURS_KNOWN: u8 = 1 << 7;
const TIME_SINK: u8 = 1;
const UNDER_SERVED: u8 = 1 << 1;
const FLAG_LIST: u8 = 1 << 2;
const SALES_F64: u8 = 1 << 3;
const HOURS_F64: u8 = 1 << 4;

/// The fewest bytes a week can take (year, week, totals, account count).
const MIN_WEEK: usize = 1 + 1 + 4 * (1 + 5 * 8) + 1;
/// The fewest bytes an account of a week can take (index, two bytes).
const MIN_ACCOUNT: usize = 3;

/// The snapshots as text for localStorage (ASCII: one UTF-16 unit per byte).
pub fn encode(snapshots: &[Snapshot]) -> String {
    let body = body(snapshots);
    let mut packed = vec![VERSION];
    let mut zlib = ZlibEncoder::new(&mut packed, Compression::default());
    // Writing to a Vec cannot fail.
    let _ = zlib.write_all(&body);
    let _ = zlib.finish();
    to_base64(&packed)
}

/// Snapshots from [`encode`]'s text.
///
/// # Errors
/// A message for the user when the text is not a history this build saved: not base64, cut
/// short, of a newer format, inflating past 64 MiB, or with numbers that do not fit.
pub fn decode(text: &str) -> Result<Vec<Snapshot>, String> {
    let packed =
        from_base64(text.trim()).map_err(|_| unreadable("it is not text Account Lens saves"))?;
    let (&version, zlib) = packed
        .split_first()
        .ok_or_else(|| unreadable("it is empty"))?;
    if version != VERSION {
        return Err(unreadable(&format!(
            "it was saved by another version of Account Lens (format {version}; this page reads format {VERSION}). Reload the page to get the latest version"
        )));
    }
    let mut body = Vec::new();
    ZlibDecoder::new(zlib)
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|_| unreadable("it is damaged or cut short"))?;
    if body.len() as u64 > MAX_BODY {
        return Err(unreadable(
            "it unpacks to more than 64 MiB, more than any saved history",
        ));
    }
    read_body(&body).map_err(|why| unreadable(why.0))
}

fn unreadable(why: &str) -> String {
    format!("The saved weekly history cannot be read: {why}.")
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_signed(out: &mut Vec<u8>, n: i64) {
    put_varint(out, ((n << 1) ^ (n >> 63)) as u64);
}

fn put_f64(out: &mut Vec<u8>, x: f64) {
    out.extend_from_slice(&x.to_le_bytes());
}

/// `x` × `scale`, rounded, when it is small enough to come back exactly.
fn scaled(x: f64, scale: f64) -> Option<i64> {
    let n = (x * scale).round();
    // NaN and infinities fail the comparison.
    (n.abs() <= LARGEST_SCALED).then_some(n as i64)
}

fn category_code(c: Category) -> u8 {
    match c {
        Category::Grow => 0,
        Category::Maintain => 1,
        Category::AtRisk => 2,
    }
}

fn tier_code(t: Tier) -> u8 {
    match t {
        Tier::A => 0,
        Tier::B => 1,
        Tier::C => 2,
    }
}

fn flag_code(f: Flag) -> u8 {
    match f {
        Flag::TimeSink => 0,
        Flag::UnderServed => 1,
    }
}

/// The flags as bits, when they are one of the sets the engine writes (in its order).
fn flag_bits(flags: &[Flag]) -> Option<u8> {
    match flags {
        [] => Some(0),
        [Flag::TimeSink] => Some(TIME_SINK),
        [Flag::UnderServed] => Some(UNDER_SERVED),
        [Flag::TimeSink, Flag::UnderServed] => Some(TIME_SINK | UNDER_SERVED),
        _ => None,
    }
}

fn put_totals(out: &mut Vec<u8>, t: &SnapshotTotals) {
    for w in [&t.grow, &t.maintain, &t.at_risk, &t.total] {
        put_varint(out, w.accounts as u64);
        for x in [
            w.projected_sales,
            w.hours,
            w.deterioration,
            w.upside,
            w.time_sink_hours,
        ] {
            put_f64(out, x);
        }
    }
}

/// A known value of a column of changes: its scaled change, or the f64 as it is.
enum Known {
    Change(i64),
    Exact(f64),
}

/// The value of one account in one column, against that account's last known one.
fn known(x: f64, scale: f64, last: &mut i64) -> Known {
    match scaled(x, scale) {
        Some(n) => {
            let change = n - *last;
            *last = n;
            Known::Change(change)
        }
        None => Known::Exact(x),
    }
}

/// The uncompressed body.
fn body(snapshots: &[Snapshot]) -> Vec<u8> {
    // Names as spelled → (index, slot of the account they name).
    let mut names: Vec<&str> = Vec::new();
    let mut by_name: HashMap<&str, (u64, usize)> = HashMap::new();
    let mut slots: HashMap<String, usize> = HashMap::new();
    for a in snapshots.iter().flat_map(|s| &s.accounts) {
        if !by_name.contains_key(a.account.as_str()) {
            let next = slots.len();
            let slot = *slots.entry(name_key(&a.account)).or_insert(next);
            by_name.insert(&a.account, (names.len() as u64, slot));
            names.push(&a.account);
        }
    }
    let accounts: usize = snapshots.iter().map(|s| s.accounts.len()).sum();
    let mut out = Vec::with_capacity(64 + names.len() * 24 + accounts * 8);
    put_varint(&mut out, names.len() as u64);
    for name in &names {
        put_varint(&mut out, name.len() as u64);
        out.extend_from_slice(name.as_bytes());
    }

    let mut last_cents = vec![0i64; slots.len()];
    let mut last_hundredths = vec![0i64; slots.len()];
    let (mut sales, mut hours, mut lists, mut exact) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    put_varint(&mut out, snapshots.len() as u64);
    for s in snapshots {
        put_signed(&mut out, i64::from(s.iso_year));
        put_varint(&mut out, u64::from(s.week));
        put_totals(&mut out, &s.totals);
        put_varint(&mut out, s.accounts.len() as u64);
        let at = |a: &AccountSnapshot| by_name.get(a.account.as_str()).copied().unwrap_or((0, 0));

        let mut previous = -1i64;
        for a in &s.accounts {
            let index = at(a).0 as i64;
            put_signed(&mut out, index - previous);
            previous = index;
        }
        for a in &s.accounts {
            let mut byte = category_code(a.category) | tier_code(a.tier) << 2;
            byte |= a.override_category.map_or(0, |c| category_code(c) + 1) << 4;
            if a.projected_sales.is_some() {
                byte |= SALES_KNOWN;
            }
            if a.hours.is_some() {
                byte |= HOURS_KNOWN;
            }
            out.push(byte);
        }
        sales.clear();
        hours.clear();
        lists.clear();
        exact.clear();
        let mut exact_hours = Vec::new();
        for a in &s.accounts {
            let slot = at(a).1;
            let mut byte = flag_bits(&a.flags).unwrap_or_else(|| {
                put_varint(&mut lists, a.flags.len() as u64);
                lists.extend(a.flags.iter().map(|&f| flag_code(f)));
                FLAG_LIST
            });
            if let Some(x) = a.projected_sales {
                match known(x, 100.0, &mut last_cents[slot]) {
                    Known::Change(n) => put_signed(&mut sales, n),
                    Known::Exact(x) => {
                        put_f64(&mut exact, x);
                        byte |= SALES_F64;
                    }
                }
            }
            if let Some(x) = a.hours {
                match known(x, 100.0, &mut last_hundredths[slot]) {
                    Known::Change(n) => put_signed(&mut hours, n),
                    Known::Exact(x) => {
                        put_f64(&mut exact_hours, x);
                        byte |= HOURS_F64;
                    }
                }
            }
            out.push(byte);
        }
        for column in [&sales, &hours, &lists, &exact, &exact_hours] {
            out.extend_from_slice(column);
        }
    }
    out
}

/// Why a body is not a history; the words end the user's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Damaged(&'static str);

const CUT_SHORT: Damaged = Damaged("it is cut short");
const TOO_LARGE: Damaged = Damaged("a number in it is out of range");

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Damaged> {
        if self.bytes.len() < n {
            return Err(CUT_SHORT);
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, Damaged> {
        let (&b, rest) = self.bytes.split_first().ok_or(CUT_SHORT)?;
        self.bytes = rest;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, Damaged> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7F);
            if shift == 63 && bits > 1 {
                return Err(TOO_LARGE);
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(TOO_LARGE)
    }

    fn signed(&mut self) -> Result<i64, Damaged> {
        let n = self.varint()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    /// A count of things of at least `min_size` bytes each: never more than the bytes left
    /// could hold, so a damaged count allocates nothing.
    fn count(&mut self, min_size: usize) -> Result<usize, Damaged> {
        let n = usize::try_from(self.varint()?).map_err(|_| TOO_LARGE)?;
        if n > self.bytes.len() / min_size.max(1) {
            return Err(CUT_SHORT);
        }
        Ok(n)
    }

    fn f64(&mut self) -> Result<f64, Damaged> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(f64::from_le_bytes(b))
    }

    fn totals(&mut self) -> Result<SnapshotTotals, Damaged> {
        let mut week = || -> Result<WeekTotals, Damaged> {
            Ok(WeekTotals {
                accounts: usize::try_from(self.varint()?).map_err(|_| TOO_LARGE)?,
                projected_sales: self.f64()?,
                hours: self.f64()?,
                deterioration: self.f64()?,
                upside: self.f64()?,
                time_sink_hours: self.f64()?,
            })
        };
        Ok(SnapshotTotals {
            grow: week()?,
            maintain: week()?,
            at_risk: week()?,
            total: week()?,
        })
    }
}

fn category(code: u8) -> Result<Category, Damaged> {
    match code {
        0 => Ok(Category::Grow),
        1 => Ok(Category::Maintain),
        2 => Ok(Category::AtRisk),
        _ => Err(Damaged("it holds a category Account Lens does not know")),
    }
}

fn tier(code: u8) -> Result<Tier, Damaged> {
    match code {
        0 => Ok(Tier::A),
        1 => Ok(Tier::B),
        2 => Ok(Tier::C),
        _ => Err(Damaged("it holds a tier Account Lens does not know")),
    }
}

fn flag(code: u8) -> Result<Flag, Damaged> {
    match code {
        0 => Ok(Flag::TimeSink),
        1 => Ok(Flag::UnderServed),
        _ => Err(Damaged("it holds a flag Account Lens does not know")),
    }
}

/// The last known cents (or hundredths) of an account, changed by `change`, as a value.
fn changed(last: Option<&mut i64>, change: i64) -> Result<f64, Damaged> {
    let last = last.ok_or(TOO_LARGE)?;
    let n = last.checked_add(change).ok_or(TOO_LARGE)?;
    *last = n;
    Ok(n as f64 / 100.0)
}

/// Per account of a week: its name's index and its two bytes.
fn accounts_rows<'a>(
    at: &'a [usize],
    firsts: &'a [u8],
    seconds: &'a [u8],
) -> impl Iterator<Item = (usize, u8, u8)> + 'a {
    at.iter()
        .zip(firsts)
        .zip(seconds)
        .map(|((&i, &first), &second)| (i, first, second))
}

fn read_body(bytes: &[u8]) -> Result<Vec<Snapshot>, Damaged> {
    let mut r = Reader { bytes };
    let count = r.count(1)?;
    let mut names = Vec::with_capacity(count);
    let mut slot_of_key: HashMap<String, usize> = HashMap::new();
    let mut slots = Vec::with_capacity(count);
    for _ in 0..count {
        let len = r.count(1)?;
        let name = std::str::from_utf8(r.take(len)?)
            .map_err(|_| Damaged("an account name in it is not text"))?
            .to_string();
        let next = slot_of_key.len();
        slots.push(*slot_of_key.entry(name_key(&name)).or_insert(next));
        names.push(name);
    }
    let mut last_cents = vec![0i64; slot_of_key.len()];
    let mut last_hundredths = vec![0i64; slot_of_key.len()];

    let weeks = r.count(MIN_WEEK)?;
    let mut snapshots = Vec::with_capacity(weeks);
    let mut at = Vec::new();
    let mut firsts = Vec::new();
    let mut seconds = Vec::new();
    for _ in 0..weeks {
        let iso_year = i32::try_from(r.signed()?).map_err(|_| TOO_LARGE)?;
        let week = u32::try_from(r.varint()?).map_err(|_| TOO_LARGE)?;
        let totals = r.totals()?;
        let n = r.count(MIN_ACCOUNT)?;
        at.clear();
        let mut previous = -1i64;
        for _ in 0..n {
            let index = previous.checked_add(r.signed()?).ok_or(TOO_LARGE)?;
            let i = usize::try_from(index)
                .ok()
                .filter(|&i| i < names.len())
                .ok_or(Damaged(
                    "it refers to an account that is not in its list of names",
                ))?;
            at.push(i);
            previous = index;
        }
        firsts.clear();
        firsts.extend_from_slice(r.take(n)?);
        seconds.clear();
        seconds.extend_from_slice(r.take(n)?);

        let mut accounts = Vec::with_capacity(n);
        for ((&i, &first), &second) in at.iter().zip(&firsts).zip(&seconds) {
            let override_category = match (first >> 4) & 3 {
                0 => None,
                code => Some(category(code - 1)?),
            };
            let projected_sales = if first & SALES_KNOWN != 0 && second & SALES_F64 == 0 {
                let last = slots.get(i).and_then(|&s| last_cents.get_mut(s));
                Some(changed(last, r.signed()?)?)
            } else {
                None
            };
            accounts.push(AccountSnapshot {
                account: names.get(i).cloned().unwrap_or_default(),
                projected_sales,
                category: category(first & 3)?,
                flags: [
                    (TIME_SINK, Flag::TimeSink),
                    (UNDER_SERVED, Flag::UnderServed),
                ]
                .into_iter()
                .filter(|(bit, _)| second & bit != 0)
                .map(|(_, f)| f)
                .collect(),
                tier: tier((first >> 2) & 3)?,
                hours: None,
                override_category,
            });
        }
        let rows = || accounts_rows(&at, &firsts, &seconds);
        for (a, (i, first, second)) in accounts.iter_mut().zip(rows()) {
            if first & HOURS_KNOWN != 0 && second & HOURS_F64 == 0 {
                let last = slots.get(i).and_then(|&s| last_hundredths.get_mut(s));
                a.hours = Some(changed(last, r.signed()?)?);
            }
        }
        for (a, (_, _, second)) in accounts.iter_mut().zip(rows()) {
            if second & FLAG_LIST != 0 {
                let len = r.count(1)?;
                a.flags = r
                    .take(len)?
                    .iter()
                    .map(|&c| flag(c))
                    .collect::<Result<_, _>>()?;
            }
        }
        for (a, (_, first, second)) in accounts.iter_mut().zip(rows()) {
            if first & SALES_KNOWN != 0 && second & SALES_F64 != 0 {
                a.projected_sales = Some(r.f64()?);
            }
        }
        for (a, (_, first, second)) in accounts.iter_mut().zip(rows()) {
            if first & HOURS_KNOWN != 0 && second & HOURS_F64 != 0 {
                a.hours = Some(r.f64()?);
            }
        }
        snapshots.push(Snapshot {
            iso_year,
            week,
            accounts,
            totals,
        });
    }
    if !r.bytes.is_empty() {
        return Err(Damaged("it holds more than its weeks"));
    }
    Ok(snapshots)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn account(
        name: &str,
        category: Category,
        tier: Tier,
        sales: Option<f64>,
        hours: Option<f64>,
    ) -> AccountSnapshot {
        AccountSnapshot {
            account: name.into(),
            projected_sales: sales,
            category,
            flags: Vec::new(),
            tier,
            hours,
            override_category: None,
        }
    }

    fn totals(accounts: usize, sales: f64, hours: f64) -> WeekTotals {
        WeekTotals {
            accounts,
            projected_sales: sales,
            hours,
            deterioration: sales * 0.1,
            upside: 0.1 + 0.2,
            time_sink_hours: hours / 3.0,
        }
    }

    /// Three weeks a rep could have saved: Harbor gone in the second and back in the third,
    /// New Co arriving, Northwind spelled another way, a call by the rep, both flags.
    fn weeks() -> Vec<Snapshot> {
        let mut bistro = account(
            "Corner Bistro",
            Category::Maintain,
            Tier::C,
            None,
            Some(10.0),
        );
        bistro.flags = vec![Flag::TimeSink];
        let mut cafe = account(
            "Café Müller & Söhne",
            Category::AtRisk,
            Tier::B,
            Some(-1_250.5),
            None,
        );
        cafe.override_category = Some(Category::AtRisk);
        cafe.flags = vec![Flag::UnderServed];
        let week_48 = Snapshot {
            iso_year: 2026,
            week: 48,
            accounts: vec![
                account(
                    "Northwind",
                    Category::Maintain,
                    Tier::A,
                    Some(300_000.0),
                    Some(4.0),
                ),
                account(
                    "Harbor",
                    Category::AtRisk,
                    Tier::B,
                    Some(80_000.25),
                    Some(2.5),
                ),
                bistro.clone(),
                cafe.clone(),
            ],
            totals: SnapshotTotals {
                grow: WeekTotals::default(),
                maintain: totals(2, 300_000.0, 14.0),
                at_risk: totals(2, 78_749.75, 2.5),
                total: totals(4, 378_749.75, 16.5),
            },
        };
        let mut new_co = account("New Co", Category::Grow, Tier::C, Some(20_000.0), Some(1.0));
        new_co.override_category = Some(Category::Grow);
        bistro.hours = Some(6.75);
        bistro.flags = vec![Flag::TimeSink, Flag::UnderServed];
        let week_49 = Snapshot {
            iso_year: 2026,
            week: 49,
            accounts: vec![
                account(
                    " northwind ",
                    Category::AtRisk,
                    Tier::A,
                    Some(240_000.0),
                    Some(4.0),
                ),
                new_co,
                bistro.clone(),
                cafe.clone(),
            ],
            totals: SnapshotTotals {
                grow: totals(1, 20_000.0, 1.0),
                maintain: totals(1, 0.0, 6.75),
                at_risk: totals(2, 238_749.5, 4.0),
                total: totals(4, 258_749.5, 11.75),
            },
        };
        let mut harbor = account(
            "Harbor",
            Category::Grow,
            Tier::A,
            Some(120_000.0),
            Some(0.0),
        );
        harbor.override_category = Some(Category::Maintain);
        harbor.category = Category::Maintain;
        let week_1 = Snapshot {
            iso_year: 2027,
            week: 1,
            accounts: vec![
                harbor,
                account("Northwind", Category::Maintain, Tier::A, None, None),
                cafe,
            ],
            totals: SnapshotTotals::default(),
        };
        vec![week_48, week_49, week_1]
    }

    fn readable(message: &str) {
        assert!(
            message.starts_with("The saved weekly history cannot be read: "),
            "{message}"
        );
        assert!(message.ends_with('.'), "{message}");
    }

    /// base64 of the version byte and zlib of `body`, as [`encode`] packs it.
    fn pack(body: &[u8]) -> String {
        let mut packed = vec![VERSION];
        let mut zlib = ZlibEncoder::new(&mut packed, Compression::fast());
        zlib.write_all(body).unwrap();
        zlib.finish().unwrap();
        to_base64(&packed)
    }

    #[test]
    fn weeks_come_back_as_they_were_saved() {
        let weeks = weeks();
        let text = encode(&weeks);
        let back = decode(&text).unwrap();
        assert_eq!(back, weeks);
        // What the rep sees, spelled out: the week, the names as written, the call, the flags.
        assert_eq!(back[1].week_label(), "2026-W49");
        assert_eq!(back[1].accounts[0].account, " northwind ");
        assert_eq!(back[1].account("Harbor"), None);
        let harbor = back[2].account("harbor").unwrap();
        assert_eq!(harbor.projected_sales, Some(120_000.0));
        assert_eq!(harbor.hours, Some(0.0));
        assert_eq!(harbor.override_category, Some(Category::Maintain));
        assert_eq!(
            back[1].account("Corner Bistro").unwrap().flags,
            vec![Flag::TimeSink, Flag::UnderServed]
        );
        assert_eq!(
            back[1].account("Corner Bistro").unwrap().projected_sales,
            None
        );
        assert_eq!(back[0].account("Café Müller & Söhne").unwrap().hours, None);
        assert_eq!(back[0].totals.total.upside, 0.1 + 0.2);
        assert_eq!(back[1].totals.maintain.time_sink_hours, 6.75 / 3.0);
        // Saving what was read gives the same text.
        assert_eq!(encode(&back), text);
        assert_eq!(decode(&encode(&[])), Ok(Vec::new()));
        assert!(text.is_ascii());
    }

    #[test]
    fn sales_come_back_to_the_cent_and_hours_to_the_hundredth() {
        let mut odd = account(
            "Odd",
            Category::Grow,
            Tier::A,
            Some(1_234.567_8),
            Some(1.234),
        );
        // Flags in an order of their own, and twice, come back as they were.
        odd.flags = vec![Flag::UnderServed, Flag::TimeSink, Flag::UnderServed];
        let huge = account(
            "Huge",
            Category::Grow,
            Tier::A,
            Some(1e20),
            Some(f64::INFINITY),
        );
        let tiny = account("Tiny", Category::Grow, Tier::C, Some(-0.004), Some(0.005));
        let weeks = vec![Snapshot {
            iso_year: -1,
            week: 0,
            accounts: vec![odd.clone(), huge.clone(), tiny],
            totals: SnapshotTotals {
                total: totals(usize::MAX, f64::MAX, f64::MIN_POSITIVE),
                ..SnapshotTotals::default()
            },
        }];
        let back = decode(&encode(&weeks)).unwrap();
        let a = &back[0].accounts;
        assert_eq!(a[0].projected_sales, Some(1_234.57));
        assert_eq!(a[0].hours, Some(1.23));
        assert_eq!(a[0].flags, odd.flags);
        assert_eq!(a[1], huge);
        assert_eq!(a[2].projected_sales, Some(0.0));
        assert_eq!(a[2].hours, Some(0.01));
        assert_eq!(back[0].totals, weeks[0].totals);
        assert_eq!((back[0].iso_year, back[0].week), (-1, 0));
        // Saved again, nothing drifts.
        assert_eq!(decode(&encode(&back)).unwrap(), back);
    }

    #[test]
    fn damaged_text_is_refused_with_a_message_never_misread() {
        let weeks = weeks();
        let text = encode(&weeks);
        for bad in ["", "!!!!", "not saved history", "Zg="] {
            readable(&decode(bad).unwrap_err());
        }
        assert!(decode("").unwrap_err().contains("it is empty"));
        assert!(decode("!!!!")
            .unwrap_err()
            .contains("not text Account Lens saves"));
        // Cut short anywhere (at a whole base64 quad, so only the bytes are short).
        for cut in (0..text.len()).step_by(4) {
            let message = decode(&text[..cut]).unwrap_err();
            readable(&message);
        }
        // Another format.
        let mut packed = from_base64(&text).unwrap();
        packed[0] = 2;
        let message = decode(&to_base64(&packed)).unwrap_err();
        readable(&message);
        assert!(
            message.contains("format 2; this page reads format 1"),
            "{message}"
        );
        // Any byte changed: refused, or (a bit deflate never reads) the same weeks.
        let packed = from_base64(&text).unwrap();
        for at in 0..packed.len() {
            let mut changed = packed.clone();
            changed[at] ^= 0x55;
            match decode(&to_base64(&changed)) {
                Ok(back) => assert_eq!(back, weeks, "byte {at}"),
                Err(message) => readable(&message),
            }
        }
    }

    #[test]
    fn a_body_that_does_not_fit_its_counts_is_refused() {
        let body = body(&weeks());
        // Every cut of the body itself.
        for cut in 0..body.len() {
            readable(&decode(&pack(&body[..cut])).unwrap_err());
        }
        let mut longer = body.clone();
        longer.push(0);
        let message = decode(&pack(&longer)).unwrap_err();
        assert!(message.contains("more than its weeks"), "{message}");

        // One name, one week of one account whose index points past the names.
        let mut out = Vec::new();
        put_varint(&mut out, 1);
        put_varint(&mut out, 1);
        out.push(b'A');
        put_varint(&mut out, 1);
        put_signed(&mut out, 2026);
        put_varint(&mut out, 49);
        put_totals(&mut out, &SnapshotTotals::default());
        put_varint(&mut out, 1);
        let week_start = out.len();
        put_signed(&mut out, 1);
        out.extend([0, 0]);
        assert_eq!(decode(&pack(&out)).unwrap()[0].accounts[0].account, "A");
        let mut past = out[..week_start].to_vec();
        put_signed(&mut past, 2);
        past.extend([0, 0]);
        let message = decode(&pack(&past)).unwrap_err();
        assert!(message.contains("not in its list of names"), "{message}");
        // A category, a tier, a call no build knows.
        for (byte, what) in [(3, "category"), (3 << 2, "tier")] {
            let mut bad = out.clone();
            bad[week_start + 1] = byte;
            let message = decode(&pack(&bad)).unwrap_err();
            assert!(message.contains(what), "{message}");
        }
        // A count of weeks no body could hold allocates nothing.
        let mut huge = Vec::new();
        put_varint(&mut huge, 0);
        put_varint(&mut huge, u64::MAX);
        readable(&decode(&pack(&huge)).unwrap_err());
        // A varint longer than 64 bits.
        let message = decode(&pack(&[0xFF; 11])).unwrap_err();
        assert!(message.contains("out of range"), "{message}");
    }

    #[test]
    fn a_body_that_inflates_past_64_mib_is_refused() {
        let mut packed = vec![VERSION];
        let mut zlib = ZlibEncoder::new(&mut packed, Compression::fast());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..=64 {
            zlib.write_all(&zeros).unwrap();
        }
        zlib.finish().unwrap();
        assert!(packed.len() < 1 << 20);
        let message = decode(&to_base64(&packed)).unwrap_err();
        readable(&message);
        assert!(message.contains("64 MiB"), "{message}");
    }

    /// A small deterministic generator (Knuth's MMIX LCG), the high bits.
    #[cfg(not(target_arch = "wasm32"))]
    struct Lcg(u64);

    #[cfg(not(target_arch = "wasm32"))]
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        /// Uniform in [0, 1).
        fn unit(&mut self) -> f64 {
            self.next() as f64 / (1u64 << 31) as f64
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Two years of a 2,000-account book: sales drifting a few percent a week to the cent,
    /// hours in quarter hours changing for about a third of the accounts, now and then a
    /// category change, a flag, a call by the rep, an account leaving and a new one arriving.
    #[cfg(not(target_arch = "wasm32"))]
    fn two_years(accounts: usize, weeks: u32, shuffled: bool) -> Vec<Snapshot> {
        let mut rng = Lcg(0x5EED);
        let categories = Category::ALL;
        let mut book: Vec<AccountSnapshot> = (0..accounts)
            .map(|i| {
                let sales = (500.0 * (8.0 * rng.unit()).exp() * 100.0).round() / 100.0;
                account(
                    &format!("Account {i:05} Medical Supplies Ltd"),
                    categories[rng.below(3) as usize],
                    [Tier::A, Tier::B, Tier::C][rng.below(3) as usize],
                    (rng.below(50) != 0).then_some(sales),
                    (rng.below(20) != 0).then_some(rng.below(80) as f64 / 4.0),
                )
            })
            .collect();
        let mut next_name = accounts;
        (0..weeks)
            .map(|w| {
                for a in &mut book {
                    if let Some(s) = &mut a.projected_sales {
                        *s = (*s * (1.0 + 0.06 * (rng.unit() - 0.5)) * 100.0).round() / 100.0;
                    }
                    if let Some(h) = &mut a.hours {
                        if rng.below(3) == 0 {
                            *h = (*h + (rng.below(9) as f64 - 4.0) / 4.0).max(0.0);
                        }
                    }
                    if rng.below(30) == 0 {
                        a.category = categories[rng.below(3) as usize];
                    }
                    a.flags = match rng.below(40) {
                        0 | 1 => vec![Flag::TimeSink],
                        2 => vec![Flag::UnderServed],
                        _ => Vec::new(),
                    };
                    a.override_category = (rng.below(100) == 0).then_some(a.category);
                }
                // About one account in a hundred leaves; a new one takes its place.
                for _ in 0..accounts / 100 {
                    let at = rng.below(book.len() as u64) as usize;
                    book[at].account = format!("New account {next_name:05} Dental Group");
                    next_name += 1;
                }
                let mut order = book.clone();
                if shuffled {
                    for i in (1..order.len()).rev() {
                        order.swap(i, rng.below(i as u64 + 1) as usize);
                    }
                }
                let sum = |f: fn(&AccountSnapshot) -> Option<f64>| -> f64 {
                    order.iter().filter_map(f).sum()
                };
                let total = totals(order.len(), sum(|a| a.projected_sales), sum(|a| a.hours));
                Snapshot {
                    iso_year: 2025 + (w / 52) as i32,
                    week: w % 52 + 1,
                    accounts: order,
                    totals: SnapshotTotals {
                        grow: totals(700, 1e6 * rng.unit(), 100.0),
                        maintain: totals(900, 1e7 * rng.unit(), 300.0),
                        at_risk: totals(400, 1e6 * rng.unit(), 80.0),
                        total,
                    },
                }
            })
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn two_years_of_two_thousand_accounts_fit_in_four_mib_of_local_storage() {
        const BUDGET: usize = 4 * 1024 * 1024;
        let weeks = two_years(2_000, 104, false);
        let account_weeks: usize = weeks.iter().map(|w| w.accounts.len()).sum();
        assert_eq!(account_weeks, 208_000);
        let started = std::time::Instant::now();
        let text = encode(&weeks);
        let encoded = started.elapsed();
        let started = std::time::Instant::now();
        let back = decode(&text).unwrap();
        let decoded = started.elapsed();
        eprintln!(
            "2,000 accounts × 104 weeks: {} characters ({:.2} per account-week), encode {encoded:?}, decode {decoded:?}",
            text.len(),
            text.len() as f64 / account_weeks as f64
        );
        assert!(text.len() <= BUDGET, "{} characters", text.len());
        assert_eq!(back, weeks);
        let json = serde_json::to_string(&weeks).unwrap().len();
        eprintln!("as JSON: {json} characters");
        assert!(
            text.len() * 10 < json,
            "{} against {json} of JSON",
            text.len()
        );

        // The book in another order every week still fits.
        let shuffled = encode(&two_years(2_000, 104, true));
        eprintln!(
            "in a new order every week: {} characters ({:.2} per account-week)",
            shuffled.len(),
            shuffled.len() as f64 / account_weeks as f64
        );
        assert!(shuffled.len() <= BUDGET, "{} characters", shuffled.len());
    }
}
