//! DOCX ingest: the seed's DOCX rendition lines up with its text rendition, fixtures with
//! merged cells, content controls, text boxes, tracked changes and nested tables read to the
//! exact expected text, and hostile zips (not a DOCX, a zip bomb, corrupt deflate,
//! truncation, too many entries) give the exact error kind without panicking.

// Helpers outside #[test] functions build fixtures; a panic there is a test failure.
#![allow(clippy::unwrap_used)]

#[path = "support/render.rs"]
mod render;

use crossfoot::document::{BlockKind, Cell, Document, Table};
use crossfoot::ingest::{docx, text, IngestError, Limits};
use docx_rs::{Docx, Paragraph, Run, TableCell, TableRow, VMergeType};
use std::io::Write;

fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            BlockKind::Paragraph(_) => None,
        })
        .collect()
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some(p.text.as_str()),
            BlockKind::Table(_) => None,
        })
        .collect()
}

/// (col, text, row_span, col_span, merged_from) of a cell, for exact asserts.
type CellView<'a> = (usize, &'a str, u32, u32, Option<(usize, usize)>);

/// The [`CellView`]s of a row.
fn cells(t: &Table, r: usize) -> Vec<CellView<'_>> {
    t.rows[r]
        .cells
        .iter()
        .map(|c: &Cell| {
            (
                c.col,
                c.text.as_str(),
                c.row_span,
                c.col_span,
                c.merged_from,
            )
        })
        .collect()
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

/// A deflated zip with the given entries.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(entries, zip::CompressionMethod::Deflated)
}

/// A zip with the given entries and compression method.
fn zip_with(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A minimal DOCX package around a `w:body` fragment.
fn docx_with_body(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", xml.as_bytes()),
        (
            "word/header1.xml",
            format!(r#"<w:hdr {W_NS}><w:p><w:r><w:t>页眉不读</w:t></w:r></w:p></w:hdr>"#)
                .as_bytes(),
        ),
    ])
}

fn read(bytes: &[u8]) -> Document {
    docx::read(bytes, &Limits::default()).expect("reads")
}

// The seed's DOCX rendition has the text rendition's paragraphs and tables: same rows, and
// every non-empty cell at the same (row, grid column) under the "first cell widened"
// alignment; cells empty in the text are vMerge continuations carrying the owner's text.
#[test]
fn seed_docx_lines_up_with_seed_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/");
    let txt =
        text::read(&std::fs::read(format!("{dir}changji-minzheng-2024-juesuan.txt")).unwrap())
            .unwrap();
    let dx = read(&std::fs::read(format!("{dir}changji-minzheng-2024-juesuan.docx")).unwrap());
    assert_eq!(paragraphs(&dx), paragraphs(&txt));
    let (tt, dt) = (tables(&txt), tables(&dx));
    assert_eq!(tt.len(), 13);
    assert_eq!(dt.len(), tt.len());
    let mut owners_checked = 0;
    for (ti, (t, d)) in tt.iter().zip(&dt).enumerate() {
        assert_eq!(d.rows.len(), t.rows.len(), "table {ti}");
        let w = t.rows.iter().map(|r| r.cells.len()).max().unwrap();
        assert_eq!(d.width(), w, "table {ti}");
        for (r, (trow, drow)) in t.rows.iter().zip(&d.rows).enumerate() {
            let layout = render::first_cell_widened(trow.cells.len(), w);
            for (cell, (col, span)) in trow.cells.iter().zip(layout) {
                let slot = drow.cells.iter().find(|c| c.col == col);
                let slot = slot.unwrap_or_else(|| panic!("table {ti} row {r} col {col} missing"));
                if cell.text.is_empty() {
                    // Empty in text: an empty cell, or a continuation of a merge above.
                    if let Some((or, oc)) = slot.merged_from {
                        assert!(or < r, "table {ti} row {r} col {col}");
                        assert_eq!(oc, col);
                        assert_eq!(
                            slot.text,
                            d.rows[or].cells.iter().find(|c| c.col == oc).unwrap().text
                        );
                    } else {
                        assert_eq!(slot.text, "", "table {ti} row {r} col {col}");
                    }
                } else {
                    assert_eq!(slot.text, cell.text, "table {ti} row {r} col {col}");
                    assert_eq!(slot.merged_from, None, "table {ti} row {r} col {col}");
                    assert_eq!(slot.col_span as usize, span, "table {ti} row {r} col {col}");
                    owners_checked += 1;
                }
            }
            // Conversely, every owner in the DOCX is a cell of the text at that column.
            for c in drow
                .cells
                .iter()
                .filter(|c| !c.is_continuation() && !c.text.is_empty())
            {
                let layout = render::first_cell_widened(trow.cells.len(), w);
                let i = layout.iter().position(|&(col, _)| col == c.col).unwrap();
                assert_eq!(trow.cells[i].text, c.text, "table {ti} row {r}");
            }
        }
    }
    assert_eq!(owners_checked, 1909);
    // The indicator tree of the first project table is filled down by vMerge.
    let t1 = dt[1];
    assert_eq!(t1.rows[12].cells[0].text, "年度绩效指标完成情况");
    assert_eq!(t1.rows[12].cells[0].merged_from, Some((11, 0)));
    assert_eq!(t1.rows[11].cells[0].row_span, 8);
    assert_eq!(t1.rows[12].cells[1].text, "产出指标");
    assert_eq!(t1.rows[12].cells[1].merged_from, Some((11, 1)));
    assert_eq!(t1.rows[9].cells[0].text, "年度总体目标");
    assert_eq!(t1.rows[9].cells[0].merged_from, Some((8, 0)));
    assert_eq!(t1.rows[8].cells[0].col_span, 12);
    assert_eq!(t1.rows[19].cells[0].text, "总分");
    assert_eq!(t1.rows[19].cells[0].col_span, 4);
    assert_eq!(t1.rows[19].cells[4].text, "100");
    assert_eq!(t1.rows[19].cells[8].text, "100.00分");
}

// The GBK rendition decodes to the same document as the UTF-8 seed.
#[test]
fn gbk_rendition_matches_seed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/");
    let utf8 = std::fs::read(format!("{dir}changji-minzheng-2024-juesuan.txt")).unwrap();
    let gbk = std::fs::read(format!("{dir}changji-minzheng-2024-juesuan.gbk.txt")).unwrap();
    assert!(std::str::from_utf8(&gbk).is_err());
    let (a, b) = (text::read(&utf8).unwrap(), text::read(&gbk).unwrap());
    assert_eq!(b.blocks, a.blocks);
}

// A document that already has spans (as read from DOCX) renders back to the same tables:
// the span-preserving layout of tests/support/render.rs round-trips.
#[test]
fn spans_round_trip_through_render() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.docx"
    ))
    .unwrap();
    let first = read(&bytes);
    let again = read(&render::render_docx(&first));
    assert_eq!(paragraphs(&again), paragraphs(&first));
    assert_eq!(tables(&again), tables(&first));
}

// gridSpan, gridBefore and vMerge from a docx-rs file become spans, grid columns and
// continuation cells with the owner's text; paragraphs in a cell join with '\n'.
#[test]
fn merged_cells_from_docx_rs() {
    let p = |s: &str| Paragraph::new().add_run(Run::new().add_text(s));
    let table = docx_rs::Table::new(vec![
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(p("项目资金"))
                .grid_span(2)
                .vertical_merge(VMergeType::Restart),
            TableCell::new().add_paragraph(p("年初预算数")),
            TableCell::new().add_paragraph(p("全年预算数")),
        ]),
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .grid_span(2)
                .vertical_merge(VMergeType::Continue),
            TableCell::new()
                .add_paragraph(p(" 20.00 "))
                .add_paragraph(Paragraph::new())
                .add_paragraph(p("（追加）")),
            TableCell::new().add_paragraph(p("20.00")),
        ]),
        TableRow::new(vec![
            TableCell::new().add_paragraph(p("合计")).grid_span(2),
            TableCell::new().add_paragraph(p("40.00")).grid_span(2),
        ]),
    ])
    .set_grid(vec![1000, 1000, 1000, 1000]);
    let mut out = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(p("前言"))
        .add_table(table)
        .add_paragraph(p("后记"))
        .build()
        .pack(&mut out)
        .unwrap();
    let doc = read(&render::deflate_zip(&out.into_inner()));
    assert_eq!(paragraphs(&doc), vec!["前言", "后记"]);
    assert_eq!(doc.blocks[1].location.block, 1);
    let t = tables(&doc)[0];
    assert_eq!(
        cells(t, 0),
        vec![
            (0, "项目资金", 2, 2, None),
            (1, "项目资金", 1, 1, Some((0, 0))),
            (2, "年初预算数", 1, 1, None),
            (3, "全年预算数", 1, 1, None),
        ]
    );
    assert_eq!(
        cells(t, 1),
        vec![
            (0, "项目资金", 1, 1, Some((0, 0))),
            (1, "项目资金", 1, 1, Some((0, 0))),
            (2, "20.00\n（追加）", 1, 1, None),
            (3, "20.00", 1, 1, None),
        ]
    );
    assert_eq!(
        cells(t, 2),
        vec![
            (0, "合计", 1, 2, None),
            (1, "合计", 1, 1, Some((2, 0))),
            (2, "40.00", 1, 2, None),
            (3, "40.00", 1, 1, Some((2, 2))),
        ]
    );
}

fn tc(text: &str, props: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
}

// w:gridBefore shifts a row's cells; a vMerge "continue" with no owner above starts its own
// merge (as Word shows it); a merge ends at a row that has no cell in its column.
#[test]
fn grid_before_and_orphan_vmerge() {
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let cont = "<w:vMerge/>";
    let body = format!(
        "<w:tbl><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:p/>",
        tc("A", cont),
        tc("B", restart),
        tc("C", ""),
        tc("", cont),
        tc("E", r#"<w:gridSpan w:val="2"/>"#),
        tc("", cont),
        tc("", cont),
        tc("F", ""),
        tc("G", r#"<w:gridSpan w:val="999"/>"#),
        tc("H", ""),
    );
    let doc = read(&docx_with_body(&body));
    let t = tables(&doc)[0];
    assert_eq!(
        cells(t, 0),
        vec![
            (0, "A", 1, 1, None),
            (1, "B", 3, 1, None),
            (2, "C", 1, 1, None)
        ]
    );
    assert_eq!(
        cells(t, 1),
        vec![
            (1, "B", 1, 1, Some((0, 1))),
            (2, "E", 1, 2, None),
            (3, "E", 1, 1, Some((1, 2)))
        ]
    );
    // Column 0 had no cell in row 1, so its "continue" starts afresh (empty owner).
    assert_eq!(
        cells(t, 2),
        vec![
            (0, "", 1, 1, None),
            (1, "B", 1, 1, Some((0, 1))),
            (2, "F", 1, 1, None)
        ]
    );
    // A gridSpan past Word's 63 columns is clamped; the cell after it is dropped, with a
    // warning.
    assert_eq!(t.rows[3].cells.len(), 64);
    assert_eq!(t.rows[3].cells[0].col_span, 64);
    assert_eq!(doc.warnings.len(), 1);
    assert_eq!(doc.warnings[0].code, "docx.table_too_wide");
}

// Content controls, a text box stored twice (mc:Choice and mc:Fallback), tracked
// insertions and deletions, a deleted row, a nested table and a header part.
#[test]
fn sdt_textbox_tracked_changes_nested_table() {
    let body = r#"
<w:sdt><w:sdtPr><w:alias w:val="标题"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent><w:p><w:r><w:t>块级控件</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:r><w:t>年初预算数</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>717.90</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>万元</w:t></w:r></w:p>
<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="a"/></w:rPr></w:pPr><w:r><w:t>增加</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>472.54</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>999.99</w:delText></w:r></w:del><w:moveFrom w:id="3" w:author="a"><w:r><w:t>旧文</w:t></w:r></w:moveFrom><w:r><w:t>万元</w:t></w:r></w:p>
<w:p><w:r><w:t>锚</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="100"/><w:gridCol w:w="100"/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:tcW w:w="100"/><w:tcPrChange w:id="7"><w:tcPr><w:gridSpan w:val="5"/></w:tcPr></w:tcPrChange></w:tcPr><w:p><w:r><w:t>外</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p><w:p><w:r><w:t>b2</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>
<w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>控件单元格</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr>
<w:tr><w:trPr><w:del w:id="4" w:author="a"/></w:trPr><w:tc><w:p><w:r><w:t>删除行</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
<w:tr><w:trPr><w:ins w:id="5" w:author="a"/></w:trPr><w:tc><w:p><w:ins w:id="6" w:author="a"><w:r><w:t>插入行</w:t></w:r></w:ins></w:p></w:tc><w:tc><w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>SEQ x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc></w:tr>
</w:tbl><w:p/>"#;
    let doc = read(&docx_with_body(body));
    assert_eq!(
        paragraphs(&doc),
        vec![
            "块级控件",
            "年初预算数717.90万元",
            "增加472.54万元",
            "锚",
            "文本框"
        ]
    );
    let t = tables(&doc)[0];
    assert_eq!(t.rows.len(), 2);
    assert_eq!(
        cells(t, 0),
        vec![
            (0, "外\na\tb b2\nc\td", 1, 1, None),
            (1, "控件单元格", 1, 1, None)
        ]
    );
    assert_eq!(
        cells(t, 1),
        vec![(0, "插入行", 1, 1, None), (1, "12", 1, 1, None)]
    );
    assert!(doc.warnings.is_empty());
}

/// A raw zip with one stored-size-declared deflate entry (no CRC check is reached).
fn raw_zip_entry(name: &str, deflated: &[u8], declared_size: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let n = name.len() as u16;
    let c = deflated.len() as u32;
    out.extend_from_slice(b"PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0");
    out.extend_from_slice(&0u32.to_le_bytes()); // crc
    out.extend_from_slice(&c.to_le_bytes());
    out.extend_from_slice(&declared_size.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(deflated);
    let cd = out.len() as u32;
    out.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\x08\0\0\0\0\0");
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&c.to_le_bytes());
    out.extend_from_slice(&declared_size.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attrs
    out.extend_from_slice(&0u32.to_le_bytes()); // external attrs
    out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    out.extend_from_slice(name.as_bytes());
    let cd_len = out.len() as u32 - cd;
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0");
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A deflate stream of `total` bytes 'A', written by hand with fixed-Huffman back
/// references (258 bytes per 13 bits), so a 200 MB bomb is built in milliseconds.
fn deflate_bomb(total: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, len: u32) {
            self.acc |= value << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        // Huffman codes are written most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            let rev = code.reverse_bits() >> (32 - len);
            self.put(rev, len);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30 + u32::from(b'A'), 8); // literal 'A'
    let mut left = total - 1;
    while left >= 258 {
        b.code(0b1100_0101, 8); // length 258 (symbol 285)
        b.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30 + u32::from(b'A'), 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7); // flush
    b.out
}

// A 200 MB document.xml is refused at the 8 MB part limit, naming the limit and its flag.
#[test]
fn zip_bomb_hits_the_stream_limit() {
    let started = std::time::Instant::now();
    let bomb = deflate_bomb(200 * 1024 * 1024);
    assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
    let zip = raw_zip_entry("word/document.xml", &bomb, 200 * 1024 * 1024);
    let limits = Limits {
        max_stream_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    let err = docx::read(&zip, &limits).unwrap_err();
    assert_eq!(
        err,
        IngestError::Limit {
            what: "decompressed size of a zip part",
            detail: "word/document.xml inflates past 8388608 bytes".into(),
            flag: "--max-stream-mb",
        }
    );
    assert!(err.to_string().contains("--max-stream-mb"));
    // The same bomb declaring a tiny size is still refused, not inflated.
    let lying = raw_zip_entry("word/document.xml", &bomb, 100);
    assert_eq!(docx::read(&lying, &limits).unwrap_err().code(), "corrupt");
    // The per-document cap applies too.
    let doc_cap = Limits {
        max_doc_bytes: 4 * 1024 * 1024,
        ..Limits::default()
    };
    assert_eq!(
        docx::read(&zip, &doc_cap).unwrap_err(),
        IngestError::Limit {
            what: "decompressed size of the document",
            detail: "word/document.xml brings the inflated total past 4194304 bytes".into(),
            flag: "--max-doc-mb",
        }
    );
    assert!(started.elapsed().as_secs() < 20);
}

// A zip without word/document.xml is "not a DOCX", with a hint for spreadsheets.
#[test]
fn zip_that_is_not_a_docx() {
    let zip = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    let err = docx::read(&zip, &Limits::default()).unwrap_err();
    assert_eq!(
        err,
        IngestError::Unsupported {
            looks_like: "a zip archive that is not a DOCX (no word/document.xml)".into(),
            hint: Some("it is an Excel workbook (.xlsx); export the sheet as text or PDF".into()),
        }
    );
    let plain = zip_of(&[("readme.txt", b"hello")]);
    let (fmt, err) = match crossfoot::ingest::ingest_bytes(&plain, &Limits::default()) {
        Ok((f, _)) => (Some(f), None),
        Err(e) => (None, Some(e)),
    };
    assert_eq!(fmt, None);
    assert_eq!(
        err,
        Some(IngestError::Unsupported {
            looks_like: "a zip archive that is not a DOCX (no word/document.xml)".into(),
            hint: None,
        })
    );
}

/// Offset and length of an entry's compressed data, from its local header.
fn entry_data(zip: &[u8], name: &str) -> (usize, usize) {
    let mut i = 0;
    while let Some(p) = zip[i..].windows(4).position(|w| w == b"PK\x03\x04") {
        let h = i + p;
        let c = u32::from_le_bytes(zip[h + 18..h + 22].try_into().unwrap()) as usize;
        let n = u16::from_le_bytes(zip[h + 26..h + 28].try_into().unwrap()) as usize;
        let e = u16::from_le_bytes(zip[h + 28..h + 30].try_into().unwrap()) as usize;
        if &zip[h + 30..h + 30 + n] == name.as_bytes() {
            return (h + 30 + n + e, c);
        }
        i = h + 4;
    }
    panic!("no entry {name}");
}

// Flipped bytes in the deflate data are a corrupt-file error wherever they land.
#[test]
fn corrupt_deflate_is_corrupt() {
    let good = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.docx"
    ))
    .unwrap();
    let (start, len) = entry_data(&good, "word/document.xml");
    assert!(len > 1000);
    for at in [0, 1, 7, len / 3, len / 2, len - 10, len - 1] {
        let mut bad = good.clone();
        bad[start + at] ^= 0x5A;
        bad[start + at / 2] ^= 0xFF;
        let err = docx::read(&bad, &Limits::default()).unwrap_err();
        assert_eq!(err.code(), "corrupt", "flip at {at}: {err}");
    }
}

// A truncated DOCX is corrupt at every length.
#[test]
fn truncated_docx_is_corrupt() {
    let good = docx_with_body("<w:p><w:r><w:t>收入总计</w:t></w:r></w:p>");
    assert_eq!(paragraphs(&read(&good)), vec!["收入总计"]);
    for len in [
        0,
        1,
        4,
        30,
        100,
        good.len() / 2,
        good.len() - 23,
        good.len() - 1,
    ] {
        let err = docx::read(&good[..len], &Limits::default()).unwrap_err();
        assert_eq!(err.code(), "corrupt", "length {len}: {err}");
    }
}

// More entries than --max-zip-entries is refused before the central directory is parsed.
#[test]
fn too_many_entries() {
    let names: Vec<String> = (0..20).map(|i| format!("word/media/{i}.bin")).collect();
    let mut entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    entries.push(("word/document.xml", b"<w:document/>"));
    let zip = zip_of(&entries);
    let limits = Limits {
        max_zip_entries: 10,
        ..Limits::default()
    };
    assert_eq!(
        docx::read(&zip, &limits).unwrap_err(),
        IngestError::Limit {
            what: "number of zip entries",
            detail: "21 entries > 10".into(),
            flag: "--max-zip-entries",
        }
    );
}

/// The seed DOCX's word/document.xml.
fn seed_document_xml() -> String {
    use std::io::Read;
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.docx"
    ))
    .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

// Structural mutations of a real document.xml (tags inserted at element boundaries, slices
// deleted, truncation) never panic, and whatever is read keeps the merge invariant: every
// continuation points at an owner cell at or above-left of it.
#[test]
fn mutated_document_xml_never_panics() {
    let xml = seed_document_xml();
    let snippets = [
        "<w:tc></w:tc>",
        "<w:tr></w:tr>",
        "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
        r#"<w:tc><w:tcPr><w:gridSpan w:val="99999999999"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"#,
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        "<w:p><w:r><w:t>&#0;&bogus;</w:t></w:r></w:p>",
        "<mc:AlternateContent><mc:Fallback><w:p/></mc:Fallback></mc:AlternateContent>",
        "<w:trPr><w:gridBefore w:val=\"63\"/><w:del/></w:trPr>",
        "</w:tc>",
        "<w:tbl>",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let (mut ok, mut errors) = (0, 0);
    for round in 0..40 {
        let mut m = xml.clone();
        for _ in 0..1 + round % 4 {
            let tags: Vec<usize> = m.match_indices('<').map(|(i, _)| i).collect();
            if tags.is_empty() {
                break;
            }
            let at = tags[next(tags.len())];
            match next(3) {
                0 => m.insert_str(at, snippets[next(snippets.len())]),
                1 => {
                    let end = tags[next(tags.len())].max(at);
                    m.replace_range(at..end, "");
                }
                _ => m.truncate(at),
            }
        }
        // Stored, not deflated: this test is about the XML, and it keeps the test fast.
        let zip = zip_with(
            &[("word/document.xml", m.as_bytes())],
            zip::CompressionMethod::Stored,
        );
        match docx::read(&zip, &Limits::default()) {
            Ok(doc) => {
                ok += 1;
                for t in tables(&doc) {
                    for (r, row) in t.rows.iter().enumerate() {
                        for c in row.cells.iter().filter(|c| c.is_continuation()) {
                            let (or, oc) = c.merged_from.unwrap();
                            assert!(or <= r && oc <= c.col, "round {round}");
                            let owner = t.rows[or].cells.iter().find(|o| o.col == oc).unwrap();
                            assert_eq!(owner.text, c.text, "round {round}");
                        }
                    }
                }
            }
            Err(e) => {
                assert_eq!(e.code(), "corrupt", "round {round}: {e}");
                errors += 1;
            }
        }
    }
    eprintln!("mutations: {ok} read, {errors} corrupt");
    assert_eq!(ok + errors, 40);
    assert!(ok > 0 && errors > 0, "ok {ok}, errors {errors}");
}

// Speed of reading the seed DOCX: median of 51 reads, printed. Run it on a release build:
// `cargo test --release --test docx_ingest -- --ignored --nocapture read_speed`.
#[test]
#[ignore = "timing; run on a release build"]
fn read_speed_seed_docx() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.docx"
    ))
    .unwrap();
    let mut times = Vec::new();
    let mut blocks = 0;
    for _ in 0..51 {
        let t = std::time::Instant::now();
        let doc = read(&bytes);
        times.push(t.elapsed());
        blocks = doc.blocks.len();
    }
    times.sort();
    eprintln!(
        "read {} bytes of DOCX into {blocks} blocks: median {:?}, min {:?}, max {:?}",
        bytes.len(),
        times[25],
        times[0],
        times[50]
    );
    assert_eq!(blocks, 124);
}

// A cell's indent: its paragraph indentation (w:ind in characters or twips, first-line and
// hanging indents counted) plus its leading spaces, in tenths of an em.
#[test]
fn cell_indent_from_paragraph_indentation_and_spaces() {
    let cell = |ppr: &str, text: &str| {
        format!(
            "<w:tc><w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p></w:tc>"
        )
    };
    let body = format!(
        "<w:tbl><w:tr>{}{}{}{}{}{}</w:tr></w:tbl><w:p/>",
        cell("", "一般公共服务支出"),
        cell(r#"<w:ind w:leftChars="200" w:left="420"/>"#, "财政事务"),
        cell(r#"<w:ind w:left="840"/>"#, "行政运行"),
        cell(
            r#"<w:ind w:firstLineChars="100" w:firstLine="210"/>"#,
            "\u{3000}住房公积金"
        ),
        cell(r#"<w:ind w:left="420" w:hanging="840"/>"#, "购房补贴"),
        cell(
            r#"<w:jc w:val="left"/><w:rPr><w:ind w:left="9999"/></w:rPr>"#,
            "提租补贴"
        ),
    );
    let doc = read(&docx_with_body(&body));
    let t = tables(&doc)[0];
    let indents: Vec<Option<u16>> = t.rows[0].cells.iter().map(|c| c.indent).collect();
    assert_eq!(
        indents,
        vec![Some(0), Some(20), Some(40), Some(20), Some(0), Some(0)]
    );
}
