#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn read(bytes: &[u8]) -> SourceWorkbook {
    read_text(bytes, "accounts").unwrap()
}

/// The sheet as (row index, [(col, text)]) for compact assertions.
fn grid(book: &SourceWorkbook) -> Vec<(u32, Vec<(u32, &str)>)> {
    assert_eq!(book.sheets.len(), 1);
    book.sheets[0]
        .rows
        .iter()
        .map(|r| {
            let cells = r
                .cells
                .iter()
                .map(|c| match &c.value {
                    Value::Text(t) => (c.col, t.as_str()),
                    other => panic!("not text: {other:?}"),
                })
                .collect();
            (r.index, cells)
        })
        .collect()
}

fn details(book: &SourceWorkbook) -> &str {
    book.text_details.as_deref().unwrap()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

#[test]
fn utf8_bom_comma() {
    let book = read(b"\xEF\xBB\xBFCustomer,Sales 2025\nAcme,\"1,234.50\"\nBeta,99\n");
    assert_eq!(book.format, Format::Csv);
    assert_eq!(book.sheets[0].name, "accounts");
    assert_eq!(details(&book), "UTF-8 with BOM, comma-separated");
    assert_eq!(
        grid(&book),
        vec![
            (0, vec![(0, "Customer"), (1, "Sales 2025")]),
            (1, vec![(0, "Acme"), (1, "1,234.50")]),
            (2, vec![(0, "Beta"), (1, "99")]),
        ]
    );
}

#[test]
fn utf8_without_bom() {
    let book = read("Kunde,Umsatz\nMüller GmbH,5\n".as_bytes());
    assert_eq!(details(&book), "UTF-8, comma-separated");
    assert_eq!(grid(&book)[1].1[0], (0, "Müller GmbH"));
}

#[test]
fn sep_line_sets_delimiter_and_is_skipped() {
    // Commas everywhere would win the sniffing; the sep= line says semicolon.
    let book = read(b"sep=;\r\nName;Note\r\nAcme, Inc.;a, b, c\r\n");
    assert_eq!(details(&book), "UTF-8, semicolon-separated (sep= line)");
    assert_eq!(
        grid(&book),
        vec![
            (0, vec![(0, "Name"), (1, "Note")]),
            (1, vec![(0, "Acme, Inc."), (1, "a, b, c")]),
        ]
    );
}

#[test]
fn sep_line_variants() {
    let book = read(b"\xEF\xBB\xBF\"sep=|\"\na|b\n");
    assert_eq!(details(&book), "UTF-8 with BOM, pipe-separated (sep= line)");
    assert_eq!(grid(&book), vec![(0, vec![(0, "a"), (1, "b")])]);

    let book = read(b"SEP=\t\na\tb\n");
    assert_eq!(details(&book), "UTF-8, tab-separated (sep= line)");
    assert_eq!(grid(&book), vec![(0, vec![(0, "a"), (1, "b")])]);

    // Not a sep line: an unsupported delimiter, or more after it. The line stays data.
    let book = read(b"sep=#\na,b\n");
    assert_eq!(grid(&book)[0], (0, vec![(0, "sep=#")]));
    let book = read(b"sep=;x\na,b\n");
    assert_eq!(grid(&book)[0], (0, vec![(0, "sep=;x")]));
}

#[test]
fn semicolon_with_decimal_commas() {
    let text = "Kunde;Umsatz 2025;Umsatz 2026;Marge\n\
                Müller;1.234,50;1.500,75;12,5\n\
                Schmidt;800,00;650,10;8,0\n\
                Weber;12.000;13.250,5;20\n";
    let book = read(text.as_bytes());
    assert_eq!(details(&book), "UTF-8, semicolon-separated");
    let g = grid(&book);
    assert_eq!(g.len(), 4);
    assert_eq!(g[0].1.len(), 4);
    assert_eq!(
        g[1].1,
        vec![(0, "Müller"), (1, "1.234,50"), (2, "1.500,75"), (3, "12,5")]
    );
    assert_eq!(g[3].1[2], (2, "13.250,5"));
}

#[test]
fn utf16le_bom_tab() {
    let book = read(&utf16le("Customer\tSales\r\nCafé Größe\t1234\r\n"));
    assert_eq!(details(&book), "UTF-16LE, tab-separated");
    assert_eq!(
        grid(&book),
        vec![
            (0, vec![(0, "Customer"), (1, "Sales")]),
            (1, vec![(0, "Café Größe"), (1, "1234")])
        ]
    );
}

#[test]
fn utf16be_bom() {
    let book = read(&utf16be("a;b\nc;d\n"));
    assert_eq!(details(&book), "UTF-16BE, semicolon-separated");
    assert_eq!(grid(&book)[1], (1, vec![(0, "c"), (1, "d")]));
}

#[test]
fn windows_1252_fallback() {
    // "Café" with é = 0xE9 and "€" = 0x80 in Windows-1252: not valid UTF-8.
    let book = read(b"Customer;Note\nCaf\xE9 Central;100 \x80\n");
    assert_eq!(details(&book), "Windows-1252, semicolon-separated");
    assert_eq!(grid(&book)[1].1, vec![(0, "Café Central"), (1, "100 €")]);
}

#[test]
fn quoted_field_with_delimiter_and_newline() {
    let text = "Customer,Notes,Sales\n\
                \"Acme, Inc.\",\"first line\nsecond, line\",100\n\
                Beta,\"say \"\"hi\"\"\",200\n";
    let book = read(text.as_bytes());
    assert_eq!(details(&book), "UTF-8, comma-separated");
    assert_eq!(
        grid(&book),
        vec![
            (0, vec![(0, "Customer"), (1, "Notes"), (2, "Sales")]),
            (
                1,
                vec![
                    (0, "Acme, Inc."),
                    (1, "first line\nsecond, line"),
                    (2, "100")
                ]
            ),
            (2, vec![(0, "Beta"), (1, "say \"hi\""), (2, "200")]),
        ]
    );
}

#[test]
fn empty_fields_and_blank_lines_keep_positions() {
    let text = "Report title\n\n,Customer,,Sales\n,Acme,,5\n,,,\n   \n\nTotal,,,5";
    let book = read(text.as_bytes());
    assert_eq!(
        grid(&book),
        vec![
            (0, vec![(0, "Report title")]),
            (2, vec![(1, "Customer"), (3, "Sales")]),
            (3, vec![(1, "Acme"), (3, "5")]),
            (7, vec![(0, "Total"), (3, "5")]),
        ]
    );
}

#[test]
fn blank_lines_with_crlf_and_cr_endings() {
    let book = read(b"a,b\r\n\r\nc,d\r\n\"x\r\ny\",z\r\n\r\n\r\ne,f\r\n");
    assert_eq!(
        grid(&book),
        vec![
            (0, vec![(0, "a"), (1, "b")]),
            (2, vec![(0, "c"), (1, "d")]),
            (3, vec![(0, "x\r\ny"), (1, "z")]),
            (6, vec![(0, "e"), (1, "f")]),
        ]
    );
    let book = read(b"\n\na,b\rc,d\r\re,f");
    let rows: Vec<u32> = grid(&book).iter().map(|r| r.0).collect();
    assert_eq!(rows, vec![2, 3, 5]);
}

#[test]
fn row_numbers_start_after_sep_line() {
    let book = read(b"sep=,\n\nName,Sales\nAcme,1\n");
    let rows: Vec<u32> = grid(&book).iter().map(|r| r.0).collect();
    assert_eq!(rows, vec![1, 2]);
}

#[test]
fn whitespace_kept_inside_fields() {
    let book = read(b"a, b ,  \nc,d,e\n");
    assert_eq!(grid(&book)[0].1, vec![(0, "a"), (1, " b ")]);
}

#[test]
fn delimiter_detection() {
    assert_eq!(details(&read(b"a|b|c\n1|2|3\n")), "UTF-8, pipe-separated");
    assert_eq!(
        details(&read(b"a\tb\n1,5\t2\n3\t4,25\n")),
        "UTF-8, tab-separated"
    );
    // A title line and a ragged comma-containing note do not fool it.
    let text = "Sales by customer, 2025\nCustomer;Sales;Note\nA;1,5;x, y\nB;2;z\nC;3,25;w\n";
    assert_eq!(
        details(&read(text.as_bytes())),
        "UTF-8, semicolon-separated"
    );
    // Semicolons inside quotes are not delimiters.
    let text = "name,desc\n\"a;b\",\"c;d;e\"\n\"f;g\",h\n";
    assert_eq!(details(&read(text.as_bytes())), "UTF-8, comma-separated");
}

#[test]
fn single_column() {
    let book = read(b"Customer\nAcme, Inc.\nBeta\n");
    assert_eq!(details(&book), "UTF-8, one column (no delimiter found)");
    assert_eq!(
        grid(&book),
        vec![
            (0, vec![(0, "Customer")]),
            (1, vec![(0, "Acme, Inc.")]),
            (2, vec![(0, "Beta")])
        ]
    );
}

#[test]
fn binary_refused() {
    let binary = ImportError::NotASpreadsheet("binary data, not text".into());
    // A zip (xlsx) header and some NULs.
    assert_eq!(
        read_text(b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "x"),
        Err(binary.clone())
    );
    // UTF-16 without a BOM decodes as text full of NULs.
    let no_bom: Vec<u8> = "a,b\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(read_text(&no_bom, "x"), Err(binary.clone()));
    // Control characters without NULs.
    let noisy: Vec<u8> = (0..400u32)
        .map(|i| if i % 4 == 0 { 0x01 } else { b'a' })
        .collect();
    assert_eq!(read_text(&noisy, "x"), Err(binary.clone()));
    // NUL after UTF-16 decoding.
    assert_eq!(read_text(&utf16le("a\0b,c\n"), "x"), Err(binary));
    // A stray control character in real text is fine.
    assert!(read_text(b"Customer,Note\nAcme,bell\x07here\nBeta,fine\n", "x").is_ok());
}

#[test]
fn empty_refused() {
    let empty = ImportError::NotASpreadsheet("the file is empty".into());
    for bytes in [
        &b""[..],
        b"   \r\n\n\t",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"\xEF\xBB\xBF \n",
    ] {
        assert_eq!(read_text(bytes, "x"), Err(empty.clone()), "{bytes:?}");
    }
    assert_eq!(read_text(&utf16le(" \r\n"), "x"), Err(empty));
}

#[test]
fn cell_limit() {
    let text = "a,b,c\n1,,3\n4,5,6\n"; // 8 non-empty fields
    assert_eq!(
        read_text_with_limit(text.as_bytes(), "x", 8)
            .unwrap()
            .sheets[0]
            .cell_count(),
        8
    );
    assert_eq!(
        read_text_with_limit(text.as_bytes(), "x", 7),
        Err(ImportError::TooManyCells { limit: 7 })
    );
    assert_eq!(
        read_text_with_limit(b"a\n", "x", 0),
        Err(ImportError::TooManyCells { limit: 0 })
    );
}

#[test]
fn values_stay_text() {
    let book = read(b"n,b,d\n1234,TRUE,2026-09-30\n");
    let row = &book.sheets[0].rows[1];
    assert_eq!(row.value(0), Some(&Value::Text("1234".into())));
    assert_eq!(row.value(1), Some(&Value::Text("TRUE".into())));
    assert_eq!(row.value(2), Some(&Value::Text("2026-09-30".into())));
}
