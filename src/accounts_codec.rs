//! The accounts of a dataset as compact bytes: how they cross from the worker to the page (in a
//! transferred `ArrayBuffer`, no copy) and how they are kept in localStorage (as base64).
//!
//! JSON spells every field name of every account and parses slowly in wasm: 50,000 accounts
//! were 15 MB of text and 140 ms to read on the page's thread. These bytes are about a quarter
//! of that and read in a few milliseconds.
//!
//! Layout, little-endian: `b"ALA"`, the layout version (1), the number of accounts (u32), then
//! per account a u16 of which values are present (bit 0..=5 prior sales, current sales,
//! potential, margin, gross profit, hours; 6 at risk; 7 friend; 8..=11 segment, region, owner,
//! notes; 12 row), the name, and each present value: numbers as f64, texts as a u32 length and
//! UTF-8, the row as u32.

use account_lens_engine::Account;

const MAGIC: &[u8; 3] = b"ALA";
const LAYOUT: u8 = 1;
const AT_RISK: u16 = 1 << 6;
const FRIEND: u16 = 1 << 7;
const ROW: u16 = 1 << 12;
/// The smallest an account can be: its flags and an empty name's length.
const MIN_ACCOUNT: usize = 2 + 4;

/// Why bytes are not accounts: a bug or a damaged copy, never the user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError(pub &'static str);

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "accounts: {}", self.0)
    }
}

impl std::error::Error for CodecError {}

fn numbers(a: &Account) -> [Option<f64>; 6] {
    [
        a.prior_sales,
        a.current_sales,
        a.potential,
        a.margin,
        a.gross_profit,
        a.hours,
    ]
}

fn texts(a: &Account) -> [&Option<String>; 4] {
    [&a.segment, &a.region, &a.owner, &a.notes]
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    // A text is a cell or a name: far below 4 GiB.
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
}

/// The accounts as bytes.
pub fn encode(accounts: &[Account]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + accounts.len() * 48);
    out.extend_from_slice(MAGIC);
    out.push(LAYOUT);
    out.extend_from_slice(&(accounts.len() as u32).to_le_bytes());
    for a in accounts {
        let mut flags = 0u16;
        for (bit, value) in numbers(a).iter().enumerate() {
            if value.is_some() {
                flags |= 1 << bit;
            }
        }
        if a.at_risk {
            flags |= AT_RISK;
        }
        if a.friend {
            flags |= FRIEND;
        }
        for (bit, value) in texts(a).iter().enumerate() {
            if value.is_some() {
                flags |= 1 << (8 + bit);
            }
        }
        if a.row.is_some() {
            flags |= ROW;
        }
        out.extend_from_slice(&flags.to_le_bytes());
        put_text(&mut out, &a.name);
        for value in numbers(a).into_iter().flatten() {
            out.extend_from_slice(&value.to_le_bytes());
        }
        for value in texts(a).into_iter().flatten() {
            put_text(&mut out, value);
        }
        if let Some(row) = a.row {
            out.extend_from_slice(&row.to_le_bytes());
        }
    }
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], CodecError> {
        if self.bytes.len() < n {
            return Err(CodecError("cut short"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], CodecError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, CodecError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn text(&mut self) -> Result<String, CodecError> {
        let len = self.u32()? as usize;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| CodecError("a text is not UTF-8"))
    }
}

/// Reads accounts written by [`encode`].
///
/// # Errors
/// When the bytes are not of this layout, cut short, or carry more than they should.
pub fn decode(bytes: &[u8]) -> Result<Vec<Account>, CodecError> {
    let mut r = Reader { bytes };
    if r.take(3)? != MAGIC {
        return Err(CodecError("not an accounts layout"));
    }
    if r.array::<1>()?[0] != LAYOUT {
        return Err(CodecError("an accounts layout this build does not know"));
    }
    let count = r.u32()? as usize;
    if count > r.bytes.len() / MIN_ACCOUNT {
        return Err(CodecError("more accounts than bytes"));
    }
    let mut accounts = Vec::with_capacity(count);
    for _ in 0..count {
        let flags = u16::from_le_bytes(r.array()?);
        let name = r.text()?;
        let mut numbers = [None; 6];
        for (bit, slot) in numbers.iter_mut().enumerate() {
            if flags & (1 << bit) != 0 {
                *slot = Some(f64::from_le_bytes(r.array()?));
            }
        }
        let mut texts: [Option<String>; 4] = Default::default();
        for (bit, slot) in texts.iter_mut().enumerate() {
            if flags & (1 << (8 + bit)) != 0 {
                *slot = Some(r.text()?);
            }
        }
        let row = if flags & ROW != 0 {
            Some(r.u32()?)
        } else {
            None
        };
        let [prior_sales, current_sales, potential, margin, gross_profit, hours] = numbers;
        let [segment, region, owner, notes] = texts;
        accounts.push(Account {
            name,
            prior_sales,
            current_sales,
            potential,
            margin,
            gross_profit,
            hours,
            at_risk: flags & AT_RISK != 0,
            friend: flags & FRIEND != 0,
            segment,
            region,
            owner,
            notes,
            row,
        });
    }
    if !r.bytes.is_empty() {
        return Err(CodecError("bytes left over"));
    }
    Ok(accounts)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` as base64 text (standard alphabet, padded), for localStorage, which keeps only text.
pub fn to_base64(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    let whole = bytes.chunks_exact(3);
    let rest = whole.remainder();
    for b in whole {
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.extend_from_slice(&[
            BASE64[(n >> 18) as usize & 63],
            BASE64[(n >> 12) as usize & 63],
            BASE64[(n >> 6) as usize & 63],
            BASE64[n as usize & 63],
        ]);
    }
    for chunk in [rest].into_iter().filter(|r| !r.is_empty()) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(BASE64[(n >> 18) as usize & 63]);
        out.push(BASE64[(n >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 {
            BASE64[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        out.push(if chunk.len() > 2 {
            BASE64[n as usize & 63]
        } else {
            b'='
        });
    }
    // Only ASCII was pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// Bytes from [`to_base64`] text.
///
/// # Errors
/// When the text is not padded base64 of the standard alphabet.
pub fn from_base64(text: &str) -> Result<Vec<u8>, CodecError> {
    let text = text.as_bytes();
    if !text.len().is_multiple_of(4) {
        return Err(CodecError("base64 of a length that is not a multiple of 4"));
    }
    let value = |c: u8| -> Result<u32, CodecError> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(CodecError("not base64")),
        }
        .into())
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let last = text.len() / 4;
    for (i, quad) in text.chunks(4).enumerate() {
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && i + 1 != last) {
            return Err(CodecError("base64 padding in the middle"));
        }
        let mut n = 0u32;
        for &c in &quad[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn accounts() -> Vec<Account> {
        vec![
            Account {
                name: "Café Müller & Söhne".into(),
                prior_sales: Some(300_000.0),
                current_sales: Some(-1_250.5),
                potential: None,
                margin: Some(0.32),
                gross_profit: None,
                hours: Some(0.25),
                at_risk: true,
                friend: false,
                segment: Some("Retail".into()),
                region: None,
                owner: Some("".into()),
                notes: Some("Call before May — 北".into()),
                row: Some(1_048_576),
            },
            Account {
                name: String::new(),
                friend: true,
                ..Account::default()
            },
            Account {
                name: "Northwind".into(),
                potential: Some(f64::MAX),
                gross_profit: Some(f64::MIN_POSITIVE),
                region: Some("North".into()),
                ..Account::default()
            },
        ]
    }

    #[test]
    fn accounts_come_back_exactly_as_they_went() {
        let accounts = accounts();
        let bytes = encode(&accounts);
        assert_eq!(decode(&bytes).unwrap(), accounts);
        assert_eq!(decode(&encode(&[])).unwrap(), Vec::<Account>::new());
    }

    #[test]
    fn the_bytes_are_a_fraction_of_the_json() {
        let accounts: Vec<Account> = (0..1_000)
            .map(|i| Account {
                name: format!("Clinic Foods {i:05}"),
                prior_sales: Some(1000.0 * f64::from(i)),
                current_sales: Some(1100.0 * f64::from(i)),
                margin: Some(0.3),
                hours: Some(1.5),
                row: Some(i + 2),
                ..Account::default()
            })
            .collect();
        let bytes = encode(&accounts).len();
        let json = serde_json::to_string(&accounts).unwrap().len();
        assert!(bytes * 3 < json, "{bytes} bytes against {json} of JSON");
    }

    #[test]
    fn damaged_bytes_are_refused_not_misread() {
        let bytes = encode(&accounts());
        for cut in [0, 3, 7, 8, 20, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(CodecError("bytes left over")));
        let mut newer = bytes.clone();
        newer[3] = 2;
        assert!(decode(&newer).is_err());
        // A count no bytes could hold is refused before anything is allocated.
        let mut huge = b"ALA\x01".to_vec();
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode(&huge), Err(CodecError("more accounts than bytes")));
        // A name that is not UTF-8.
        let mut bad = b"ALA\x01\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00".to_vec();
        bad.push(0xFF);
        assert_eq!(decode(&bad), Err(CodecError("a text is not UTF-8")));
    }

    #[test]
    fn base64_round_trips_every_length_and_refuses_what_is_not_base64() {
        assert_eq!(to_base64(b""), "");
        assert_eq!(to_base64(b"f"), "Zg==");
        assert_eq!(to_base64(b"fo"), "Zm8=");
        assert_eq!(to_base64(b"foo"), "Zm9v");
        assert_eq!(to_base64(b"foobar"), "Zm9vYmFy");
        let all: Vec<u8> = (0..=255).collect();
        for n in 0..all.len() {
            assert_eq!(from_base64(&to_base64(&all[..n])).unwrap(), &all[..n]);
        }
        for bad in ["Zg=", "Zg=a", "Z===", "Zm9v!A==", "Zg==Zg=="] {
            assert!(from_base64(bad).is_err(), "{bad}");
        }
    }
}
