//! Which format a file is, from its bytes alone, and whether it is safe to open.

use std::io::Cursor;

use crate::error::ImportError;
use crate::grid::Format;
use crate::limits::{MAX_INFLATED_TOTAL, MAX_RATIO, RATIO_CHECK_FROM};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decides the format of `bytes`, refusing encrypted, damaged and inflating containers.
///
/// # Errors
/// [`ImportError::Encrypted`], [`ImportError::Damaged`], [`ImportError::TooLargeInflated`] or
/// [`ImportError::NotASpreadsheet`], each with a message for the user.
pub fn sniff(bytes: &[u8]) -> Result<Format, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::NotASpreadsheet("the file is empty".into()));
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY_MAGIC) {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted xlsx is a compound file holding an "EncryptedPackage" stream; the
        // directory stores stream names in UTF-16LE.
        if contains(bytes, &utf16le("EncryptedPackage"))
            || contains(bytes, &utf16le("EncryptionInfo"))
        {
            return Err(ImportError::Encrypted);
        }
        if biff_file_pass(bytes) {
            return Err(ImportError::Encrypted);
        }
        return Ok(Format::Xls);
    }
    if looks_like_text(bytes) {
        return Ok(Format::Csv);
    }
    Err(ImportError::NotASpreadsheet(describe_binary(bytes)))
}

fn sniff_zip(bytes: &[u8]) -> Result<Format, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(ZIP_EMPTY_MAGIC) {
            ImportError::NotASpreadsheet("an empty zip archive".into())
        } else {
            ImportError::Damaged(format!(
                "the zip container cannot be read: {e}; the file may be cut short"
            ))
        }
    })?;
    if zip.is_empty() {
        return Err(ImportError::NotASpreadsheet("an empty zip archive".into()));
    }
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| ImportError::Damaged(format!("part {i} of the zip container: {e}")))?;
        let (size, stored) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > RATIO_CHECK_FROM && size / stored > MAX_RATIO {
            return Err(ImportError::TooLargeInflated(format!(
                "part {} inflates {}:1 to {} MiB",
                entry.name().unwrap_or_default(),
                size / stored,
                size >> 20
            )));
        }
        if total > MAX_INFLATED_TOTAL {
            return Err(ImportError::TooLargeInflated(format!(
                "its parts inflate past {} MiB",
                MAX_INFLATED_TOTAL >> 20
            )));
        }
        names.push(entry.name().map(|n| n.into_owned()).unwrap_or_default());
    }
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if has("xl/workbook.xml") {
        Ok(Format::Xlsx)
    } else if has("xl/workbook.bin") {
        Ok(Format::Xlsb)
    } else if has("content.xml") && has("mimetype") {
        Ok(Format::Ods)
    } else if has("word/document.xml") {
        Err(ImportError::NotASpreadsheet("a Word document".into()))
    } else if has("ppt/presentation.xml") {
        Err(ImportError::NotASpreadsheet(
            "a PowerPoint presentation".into(),
        ))
    } else {
        Err(ImportError::NotASpreadsheet(
            "a zip archive without a workbook inside".into(),
        ))
    }
}

/// Whether an xls workbook stream is encrypted or XOR-obfuscated: a FILEPASS record (0x002F)
/// right after the workbook's BOF (0x0809), optionally behind a WRITEPROTECT (0x0086).
/// calamine reports such files as a bad codepage, since it reads the obfuscated records.
fn biff_file_pass(bytes: &[u8]) -> bool {
    const BOF: [u8; 4] = [0x09, 0x08, 0x10, 0x00];
    let Some(start) = bytes.windows(4).position(|w| w == BOF) else {
        return false;
    };
    let mut at = start + 4 + 16;
    for _ in 0..3 {
        let Some(header) = bytes.get(at..at + 4) else {
            return false;
        };
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        match kind {
            0x002F => return true,
            0x0086 | 0x00E1 | 0x00C1 => at += 4 + len,
            _ => return false,
        }
    }
    false
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Text when it has a UTF-16 BOM, or when the first 8 KiB hold no NUL and few control bytes.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    control * 100 <= head.len()
}

fn describe_binary(bytes: &[u8]) -> String {
    let kind = if bytes.starts_with(b"%PDF") {
        "a PDF document"
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        "a PNG image"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "a JPEG image"
    } else if bytes.starts_with(&[0x1F, 0x8B]) {
        "a gzip archive"
    } else {
        "binary data of an unknown kind"
    };
    kind.into()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn text_is_csv_and_binary_is_refused() {
        assert_eq!(sniff(b"Customer,Sales\nA,1\n"), Ok(Format::Csv));
        assert_eq!(sniff(&[0xFF, 0xFE, b'A', 0]), Ok(Format::Csv));
        assert!(
            matches!(sniff(b"%PDF-1.7\0\0\x01"), Err(ImportError::NotASpreadsheet(m)) if m == "a PDF document")
        );
        assert!(matches!(sniff(b""), Err(ImportError::NotASpreadsheet(_))));
    }

    #[test]
    fn an_encrypted_package_is_refused_as_encrypted() {
        let mut bytes = CFB_MAGIC.to_vec();
        bytes.extend(vec![0; 100]);
        bytes.extend(utf16le("EncryptedPackage"));
        assert_eq!(sniff(&bytes), Err(ImportError::Encrypted));
    }

    fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, data) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn a_part_inflating_past_100_to_1_is_refused() {
        let bomb = zip_of(&[("xl/workbook.xml", vec![0u8; 20 << 20])]);
        assert!(bomb.len() < 200_000);
        let e = sniff(&bomb).unwrap_err();
        assert!(
            matches!(&e, ImportError::TooLargeInflated(m) if m.contains("xl/workbook.xml")),
            "{e:?}"
        );
        // The same data at a modest size is fine.
        let small = zip_of(&[("xl/workbook.xml", vec![0u8; 1 << 20])]);
        assert_eq!(sniff(&small), Ok(Format::Xlsx));
    }

    #[test]
    fn zip_contents_decide_the_format() {
        assert_eq!(
            sniff(&zip_of(&[("xl/workbook.bin", vec![1])])),
            Ok(Format::Xlsb)
        );
        assert_eq!(
            sniff(&zip_of(&[
                (
                    "mimetype",
                    b"application/vnd.oasis.opendocument.spreadsheet".to_vec()
                ),
                ("content.xml", vec![1])
            ])),
            Ok(Format::Ods)
        );
        assert!(
            matches!(sniff(&zip_of(&[("word/document.xml", vec![1])])), Err(ImportError::NotASpreadsheet(m)) if m == "a Word document")
        );
    }

    #[test]
    fn a_cut_zip_is_damaged() {
        let mut bytes = ZIP_MAGIC.to_vec();
        bytes.extend(b"garbage that never ends properly");
        assert!(matches!(sniff(&bytes), Err(ImportError::Damaged(_))));
    }
}
