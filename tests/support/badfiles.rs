//! Generators for the hostile-input corpus: broken, disguised and malicious files of every
//! kind a batch over government websites meets, plus the small good PDF and
//! DOCX they are cut from. Generated in code so the repository stays small and every file's
//! construction is readable next to the test that uses it.
//!
//! PDFs are written with lopdf, ordinary DOCX files with the zip crate. Bombs are built from
//! raw deflate: one chunk of repetitive data is compressed once by a fresh compressor and
//! ends on a byte boundary (a sync flush), so the same bytes can be repeated N times to
//! inflate to N times the chunk while the file grows only by N times the compressed size.
//! The zip bombs are written by hand because their headers lie about sizes, which no zip
//! writer will do.
#![allow(dead_code)] // each test binary uses a different subset

use flate2::{Compress, Compression, FlushCompress};
use lopdf::content::{Content, Operation};
use lopdf::{
    dictionary, Document, EncryptionState, EncryptionVersion, Object, ObjectId, Permissions,
    Stream, StringFormat,
};
use std::io::Write;

/// One named file of the corpus, with the file name it would have on disk (the name lies
/// where the file is disguised).
pub struct BadFile {
    /// File name, e.g. `html-as.pdf`.
    pub name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

fn bad(name: &str, bytes: Vec<u8>) -> BadFile {
    BadFile {
        name: name.to_string(),
        bytes,
    }
}

// ---------------------------------------------------------------------------------------
// Deflate building blocks.

/// Raw deflate (no zlib header) of `data`, by a fresh compressor, ending with a sync flush
/// (byte-aligned, not final): such chunks can be concatenated and repeated at will.
pub fn deflate_chunk(data: &[u8]) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() / 100 + 1024);
    let _ = c.compress_vec(data, &mut out, FlushCompress::Sync);
    while c.total_in() < data.len() as u64 || out.len() == out.capacity() {
        out.reserve(64 * 1024);
        let done = c.total_in() as usize;
        let _ = c.compress_vec(&data[done..], &mut out, FlushCompress::Sync);
    }
    out
}

/// The final empty block that ends a raw deflate stream (a fixed-Huffman block holding only
/// end-of-block, BFINAL set).
pub const DEFLATE_END: [u8; 2] = [0x03, 0x00];

/// Raw deflate that inflates to `prefix`, then `repeat` copies of `chunk`, then `suffix`.
pub fn deflate_repeated(prefix: &[u8], chunk: &[u8], repeat: usize, suffix: &[u8]) -> Vec<u8> {
    let p = deflate_chunk(prefix);
    let c = deflate_chunk(chunk);
    let s = deflate_chunk(suffix);
    let mut out = Vec::with_capacity(p.len() + c.len() * repeat + s.len() + 2);
    out.extend(&p);
    for _ in 0..repeat {
        out.extend(&c);
    }
    out.extend(&s);
    out.extend(DEFLATE_END);
    out
}

/// A zlib stream (as PDF's FlateDecode wants) around raw deflate; the Adler-32 is left
/// zero, as a hostile file would: readers must stop at their size limit long before.
pub fn zlib_wrap(raw: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0xDA];
    out.extend(raw);
    out.extend([0, 0, 0, 0]);
    out
}

// ---------------------------------------------------------------------------------------
// Hand-written zip archives (for lying headers and huge entry counts).

/// One entry of a hand-written zip.
pub struct RawEntry {
    /// Entry name.
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    /// The bytes as stored (already deflated for method 8).
    pub data: Vec<u8>,
    /// Uncompressed size written in the headers (may lie).
    pub declared_size: u32,
    /// CRC-32 written in the headers (may be wrong).
    pub crc: u32,
}

impl RawEntry {
    /// A stored entry with honest headers.
    pub fn stored(name: &str, data: &[u8]) -> RawEntry {
        RawEntry {
            name: name.to_string(),
            method: 0,
            data: data.to_vec(),
            declared_size: data.len() as u32,
            crc: crc32(data),
        }
    }
}

/// CRC-32 (IEEE), bitwise: only used on small parts.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Writes a zip archive (no zip64) from raw entries.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let name = e.name.as_bytes();
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend(0x0800u16.to_le_bytes()); // flags: UTF-8 names
            v.extend(e.method.to_le_bytes());
            v.extend([0, 0, 0x21, 0]); // time, date (1980-01-01)
            v.extend(e.crc.to_le_bytes());
            v.extend((e.data.len() as u32).to_le_bytes());
            v.extend(e.declared_size.to_le_bytes());
            v.extend((name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra length
        };
        out.extend(b"PK\x03\x04");
        common(&mut out);
        out.extend(name);
        out.extend(&e.data);
        central.extend(b"PK\x01\x02");
        central.extend(20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend([0u8; 8]); // comment length, disk, internal and external attributes
        central.extend([0u8; 2]);
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    let count = entries.len().min(0xFFFF) as u16;
    out.extend(central);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend([0u8; 2]);
    out
}

// ---------------------------------------------------------------------------------------
// DOCX.

/// `[Content_Types].xml` of a minimal DOCX.
pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// `_rels/.rels` of a minimal DOCX.
pub const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// Start of `word/document.xml` up to the body.
pub const DOC_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

/// End of `word/document.xml`.
pub const DOC_TAIL: &str = "<w:sectPr/></w:body></w:document>";

/// A WordprocessingML paragraph.
pub fn w_p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A WordprocessingML table of plain cells.
pub fn w_tbl(rows: &[&[&str]]) -> String {
    let mut s = String::from("<w:tbl>");
    for row in rows {
        s.push_str("<w:tr>");
        for cell in *row {
            s.push_str(&format!("<w:tc>{}</w:tc>", w_p(cell)));
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// A DOCX (deflated with the zip crate) whose body is `body_xml`.
pub fn docx(body_xml: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let parts = [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", RELS.to_string()),
            (
                "word/document.xml",
                format!("{DOC_HEAD}{body_xml}{DOC_TAIL}"),
            ),
        ];
        for (name, text) in parts {
            z.start_file(name, opts).expect("zip entry");
            z.write_all(text.as_bytes()).expect("zip write");
        }
        z.finish().expect("zip finish");
    }
    buf.into_inner()
}

/// The text of the good DOCX: a sentence whose parts add up, one whose parts do not, and a
/// table.
pub const GOOD_DOCX_SENTENCES: [&str; 2] = [
    "2024年度收入总计1,298.54万元，其中：财政拨款收入1,200.00万元，其他收入98.54万元。",
    "2024年度支出总计1,300.00万元，其中：基本支出1,000.00万元，项目支出200.00万元。",
];

/// A small, valid DOCX with Chinese text and a table.
pub fn good_docx() -> Vec<u8> {
    let body = format!(
        "{}{}{}{}",
        w_p("某局2024年度部门决算公开说明"),
        w_p(GOOD_DOCX_SENTENCES[0]),
        w_p(GOOD_DOCX_SENTENCES[1]),
        w_tbl(&[
            &["项目", "决算数"],
            &["基本支出", "1,000.00"],
            &["项目支出", "300.00"],
            &["合计", "1,300.00"],
        ]),
    );
    docx(&body)
}

/// A DOCX whose `word/document.xml` inflates to about `mib` MiB of paragraphs. With
/// `honest` the headers declare the real size; otherwise they claim 1,000 bytes.
pub fn docx_zip_bomb(mib: usize, honest: bool) -> Vec<u8> {
    let para = w_p("0");
    let chunk: String = para.repeat((1 << 20) / para.len());
    let data = deflate_repeated(
        DOC_HEAD.as_bytes(),
        chunk.as_bytes(),
        mib,
        DOC_TAIL.as_bytes(),
    );
    let size = (DOC_HEAD.len() + chunk.len() * mib + DOC_TAIL.len()).min(u32::MAX as usize);
    raw_zip(&[
        RawEntry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        RawEntry::stored("_rels/.rels", RELS.as_bytes()),
        RawEntry {
            name: "word/document.xml".into(),
            method: 8,
            data,
            declared_size: if honest { size as u32 } else { 1_000 },
            crc: 0,
        },
    ])
}

/// A DOCX zip with `n` tiny entries besides the real parts.
pub fn docx_many_entries(n: usize) -> Vec<u8> {
    let mut entries = vec![
        RawEntry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        RawEntry::stored("_rels/.rels", RELS.as_bytes()),
        RawEntry::stored(
            "word/document.xml",
            format!("{DOC_HEAD}{}{DOC_TAIL}", w_p("收入总计100万元。")).as_bytes(),
        ),
    ];
    for i in 0..n {
        entries.push(RawEntry::stored(&format!("word/media/x{i}.bin"), b"x"));
    }
    raw_zip(&entries)
}

/// A DOCX whose table cell claims to span a billion grid columns and whose vertical merge
/// runs on for 2,000 rows.
pub fn docx_span_bomb() -> String {
    let mut body = String::from("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"1000000000\"/><w:vMerge w:val=\"restart\"/></w:tcPr>");
    body.push_str(&w_p("合计"));
    body.push_str("</w:tc></w:tr>");
    for _ in 0..2_000 {
        body.push_str("<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4294967295\"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>");
    }
    body.push_str("</w:tbl>");
    body
}

/// A DOCX with tables nested `depth` deep (a cell holding a table holding a cell …).
pub fn docx_nested_tables(depth: usize) -> String {
    let mut body = String::new();
    for _ in 0..depth {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str(&w_p("收入总计100万元。"));
    for _ in 0..depth {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    body
}

// ---------------------------------------------------------------------------------------
// PDF.

/// A PDF under construction: pages of text lines drawn with one Identity-H CID font whose
/// ToUnicode map covers every character used (as Word/WPS exports do).
pub struct PdfBuilder {
    /// The lopdf document.
    pub doc: Document,
    /// The page tree root.
    pub pages_id: ObjectId,
    /// Font resource dictionary object.
    pub font_id: ObjectId,
    /// Characters by CID (CID = index + 1).
    chars: Vec<char>,
    /// Page ids in order.
    pub page_ids: Vec<ObjectId>,
    /// Whether the font gets a ToUnicode map.
    to_unicode: bool,
}

impl PdfBuilder {
    /// A new, empty PDF. `to_unicode: false` leaves the CID font without a Unicode map.
    pub fn new(to_unicode: bool) -> PdfBuilder {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.new_object_id();
        PdfBuilder {
            doc,
            pages_id,
            font_id,
            chars: Vec::new(),
            page_ids: Vec::new(),
            to_unicode,
        }
    }

    /// The CID of a character, assigning the next one on first use.
    fn cid(&mut self, c: char) -> u16 {
        match self.chars.iter().position(|&x| x == c) {
            Some(i) => i as u16 + 1,
            None => {
                self.chars.push(c);
                self.chars.len() as u16
            }
        }
    }

    /// Content-stream operations drawing `lines` from the top of an A4 page.
    pub fn text_ops(&mut self, lines: &[&str]) -> Vec<Operation> {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.5.into()]),
        ];
        for (i, line) in lines.iter().enumerate() {
            let codes: Vec<u8> = line
                .chars()
                .flat_map(|c| self.cid(c).to_be_bytes())
                .collect();
            let y = 780.0 - 18.0 * i as f32;
            ops.push(Operation::new(
                "Tm",
                vec![1.into(), 0.into(), 0.into(), 1.into(), 72.into(), y.into()],
            ));
            ops.push(Operation::new(
                "Tj",
                vec![Object::String(codes, StringFormat::Hexadecimal)],
            ));
        }
        ops.push(Operation::new("ET", vec![]));
        ops
    }

    /// Adds a page drawing `ops`, with `xobjects` as its XObject resources.
    pub fn add_page_ops(&mut self, ops: Vec<Operation>, xobjects: lopdf::Dictionary) -> ObjectId {
        let content = Content { operations: ops }.encode().unwrap_or_default();
        let mut stream = Stream::new(dictionary! {}, content);
        let _ = stream.compress();
        let content_id = self.doc.add_object(stream);
        let page_id = self.doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content_id,
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => self.font_id },
                "XObject" => xobjects,
            },
        });
        self.page_ids.push(page_id);
        page_id
    }

    /// Adds a page of text lines.
    pub fn add_text_page(&mut self, lines: &[&str]) -> ObjectId {
        let ops = self.text_ops(lines);
        self.add_page_ops(ops, dictionary! {})
    }

    /// Writes the font, page tree and catalog, and returns the lopdf document (to be
    /// changed further or saved).
    pub fn finish_doc(mut self) -> Document {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        for block in self.chars.chunks(100).enumerate() {
            let (b, chars) = block;
            cmap.push_str(&format!("{} beginbfchar\n", chars.len()));
            for (i, c) in chars.iter().enumerate() {
                let mut utf16 = [0u16; 2];
                let hex: String = c
                    .encode_utf16(&mut utf16)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                cmap.push_str(&format!("<{:04X}> <{hex}>\n", b * 100 + i + 1));
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        let descriptor = self.doc.add_object(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => "SimSun",
            "Flags" => 4,
            "FontBBox" => vec![0.into(), (-141).into(), 1000.into(), 859.into()],
            "ItalicAngle" => 0,
            "Ascent" => 859,
            "Descent" => -141,
            "CapHeight" => 859,
            "StemV" => 80,
        });
        let cid_font = self.doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "SimSun",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => descriptor,
            "DW" => 1000,
        });
        let mut font = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "SimSun",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![cid_font.into()],
        };
        if self.to_unicode {
            let tu = self
                .doc
                .add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
            font.set("ToUnicode", tu);
        }
        self.doc
            .objects
            .insert(self.font_id, Object::Dictionary(font));
        let kids: Vec<Object> = self.page_ids.iter().map(|&id| id.into()).collect();
        let count = kids.len() as i64;
        self.doc.objects.insert(
            self.pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
        self.doc.trailer.set("Root", catalog);
        self.doc.trailer.set(
            "ID",
            Object::Array(vec![
                Object::string_literal(b"crossfoot-badfile".to_vec()),
                Object::string_literal(b"crossfoot-badfile".to_vec()),
            ]),
        );
        self.doc
    }

    /// Finishes and saves.
    pub fn finish(self) -> Vec<u8> {
        save(self.finish_doc())
    }
}

/// Saves a lopdf document to bytes.
pub fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}

/// The lines of the good PDF (page 1, page 2).
pub const GOOD_PDF_LINES: [&[&str]; 2] = [
    &[
        "某局2024年度部门决算公开说明",
        "2024年度收入总计1,298.54万元，其中：财政拨款收入1,200.00万元，其他收入98.54万元。",
    ],
    &["2024年度支出总计1,300.00万元，其中：基本支出1,000.00万元，项目支出200.00万元。"],
];

/// A small valid two-page PDF with Chinese text (CID font with ToUnicode).
pub fn good_pdf() -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    for lines in GOOD_PDF_LINES {
        b.add_text_page(lines);
    }
    b.finish()
}

/// The body line of page `i` of [`many_pages_pdf`]: its wording differs from page to page
/// (two characters from `i`), as real pages do, so that layout does not take it for a
/// running header.
pub fn many_pages_line(i: usize) -> String {
    const A: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const B: [char; 12] = [
        '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
    ];
    let a = A.get(i % 10).copied().unwrap_or('甲');
    let b = B.get((i / 10) % 12).copied().unwrap_or('子');
    let c = A.get((i / 120) % 10).copied().unwrap_or('甲');
    format!("第{i}页{a}{b}{c}项目支出{i}万元。")
}

/// A PDF of `n` pages, each with a running header and the line [`many_pages_line`]; a few
/// hundred bytes per page.
pub fn many_pages_pdf(n: usize) -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    for i in 1..=n {
        let line = many_pages_line(i);
        b.add_text_page(&["某局2024年度部门决算公开说明", &line]);
    }
    b.finish()
}

/// The same text as [`good_pdf`] but the CID font has no ToUnicode map: the codes are
/// glyph ids that mean nothing without the embedded font.
pub fn no_tounicode_pdf() -> Vec<u8> {
    let mut b = PdfBuilder::new(false);
    for lines in GOOD_PDF_LINES {
        b.add_text_page(lines);
    }
    b.finish()
}

/// Three pages, each a full-page image and no text (a scan).
pub fn image_only_pdf() -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    let image = b.doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 2,
            "Height" => 2,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    for _ in 0..3 {
        let ops = vec![
            Operation::new("q", vec![]),
            Operation::new(
                "cm",
                vec![
                    595.into(),
                    0.into(),
                    0.into(),
                    842.into(),
                    0.into(),
                    0.into(),
                ],
            ),
            Operation::new("Do", vec!["Im1".into()]),
            Operation::new("Q", vec![]),
        ];
        b.add_page_ops(ops, dictionary! { "Im1" => image });
    }
    b.finish()
}

/// The good PDF, encrypted (RC4 128) with user password "user": unreadable without it.
pub fn encrypted_pdf(user_password: &str) -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    for lines in GOOD_PDF_LINES {
        b.add_text_page(lines);
    }
    let mut doc = b.finish_doc();
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: Permissions::all(),
    })
    .expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    save(doc)
}

/// A page whose content stream inflates to `mib` MiB (of spaces, which a content parser
/// must skip one by one) from a few KiB per MiB.
pub fn pdf_compression_bomb(mib: usize) -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    b.add_text_page(&["收入总计100万元。"]);
    let chunk = vec![b' '; 1 << 20];
    let data = zlib_wrap(&deflate_repeated(b"q ", &chunk, mib, b" Q"));
    let bomb = b.doc.add_object(
        Stream::new(dictionary! { "Filter" => "FlateDecode" }, data).with_compression(false),
    );
    let page_id = b.page_ids[0];
    if let Ok(Object::Dictionary(page)) = b.doc.get_object_mut(page_id) {
        let first = page.get(b"Contents").ok().cloned().unwrap_or(Object::Null);
        page.set("Contents", vec![first, bomb.into()]);
    }
    b.finish()
}

/// A font whose ToUnicode CMap declares ranges covering every 4-byte code (4 billion
/// entries) and the whole 2-byte space a thousand times over: an implementation that
/// expands ranges into a table never finishes.
pub fn tounicode_bomb_pdf() -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    b.add_text_page(&["收入总计100万元。"]);
    let mut doc = b.finish_doc();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Bomb def\n\
         2 begincodespacerange\n<0000> <FFFF>\n<00000000> <FFFFFFFF>\nendcodespacerange\n\
         1 beginbfrange\n<00000000> <FFFFFFFF> <0041>\nendbfrange\n",
    );
    for _ in 0..1_000 {
        cmap.push_str("1 beginbfrange\n<0000> <FFFF> <4E00>\nendbfrange\n");
    }
    cmap.push_str("endcmap\nend\nend\n");
    let mut stream = Stream::new(dictionary! {}, cmap.into_bytes());
    let _ = stream.compress();
    let tu = doc.add_object(stream);
    let font_ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .ok()
                .and_then(|d| d.get(b"Subtype").ok())
                .and_then(|s| s.as_name().ok())
                == Some(b"Type0".as_slice())
        })
        .map(|(id, _)| *id)
        .collect();
    for id in font_ids {
        if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
            font.set("ToUnicode", tu);
        }
    }
    save(doc)
}

/// A page drawing a form XObject that draws itself (Resources point back at the form):
/// unbounded recursion for a naive interpreter. The page also has a line of real text.
pub fn self_referencing_form_pdf() -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    let form_id = b.doc.new_object_id();
    // Each level draws its line, moves down a line and draws itself again.
    let mut ops = b.text_ops(&["表内文字"]);
    ops.push(Operation::new(
        "cm",
        vec![
            1.into(),
            0.into(),
            0.into(),
            1.into(),
            0.into(),
            (-18).into(),
        ],
    ));
    ops.push(Operation::new("Do", vec!["Fm1".into()]));
    let content = Content { operations: ops }.encode().unwrap_or_default();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => b.font_id },
                "XObject" => dictionary! { "Fm1" => form_id },
            },
        },
        content,
    );
    b.doc.objects.insert(form_id, Object::Stream(form));
    let mut page_ops = b.text_ops(&["收入总计100万元。"]);
    page_ops.push(Operation::new(
        "cm",
        vec![
            1.into(),
            0.into(),
            0.into(),
            1.into(),
            0.into(),
            (-36).into(),
        ],
    ));
    page_ops.push(Operation::new("Do", vec!["Fm1".into()]));
    b.add_page_ops(page_ops, dictionary! { "Fm1" => form_id });
    b.finish()
}

/// Forms that each draw the next form ten times, `levels` deep: 10^levels draws of the
/// innermost text from a file of a few KiB ("billion laughs" for PDF).
pub fn form_fanout_pdf(levels: usize) -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    let leaf_ops = b.text_ops(&["收入"]);
    let mut inner = b
        .doc
        .add_object(form_stream(leaf_ops, b.font_id, dictionary! {}));
    for _ in 0..levels {
        let ops: Vec<Operation> = (0..10)
            .map(|_| Operation::new("Do", vec!["Fx".into()]))
            .collect();
        inner = b
            .doc
            .add_object(form_stream(ops, b.font_id, dictionary! { "Fx" => inner }));
    }
    let mut page_ops = b.text_ops(&["收入总计100万元。"]);
    page_ops.push(Operation::new("Do", vec!["Fx".into()]));
    b.add_page_ops(page_ops, dictionary! { "Fx" => inner });
    b.finish()
}

fn form_stream(ops: Vec<Operation>, font: ObjectId, xobjects: lopdf::Dictionary) -> Stream {
    let content = Content { operations: ops }.encode().unwrap_or_default();
    Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font },
                "XObject" => xobjects,
            },
        },
        content,
    )
}

/// A page tree whose root lists itself among its kids (and an intermediate node that
/// points back at the root), with one real page.
pub fn page_tree_cycle_pdf() -> Vec<u8> {
    let mut b = PdfBuilder::new(true);
    b.add_text_page(&["收入总计100万元。"]);
    let mut doc = b.finish_doc();
    let pages_id = b_pages_id(&doc);
    let loop_node = doc.add_object(dictionary! {
        "Type" => "Pages",
        "Parent" => pages_id,
        "Kids" => vec![pages_id.into()],
        "Count" => 1,
    });
    if let Ok(Object::Dictionary(pages)) = doc.get_object_mut(pages_id) {
        if let Ok(Object::Array(kids)) = pages.get_mut(b"Kids") {
            kids.push(pages_id.into());
            kids.push(loop_node.into());
        }
        pages.set("Count", 3);
    }
    save(doc)
}

fn b_pages_id(doc: &Document) -> ObjectId {
    doc.trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .expect("pages id")
}

// ---------------------------------------------------------------------------------------
// Workbooks.

/// A small good workbook written with rust_xlsxwriter: a text sheet and a table sheet.
pub fn good_xlsx() -> Vec<u8> {
    xlsx_with(&[(0, 0, "收入")])
}

/// A workbook with a cover sheet, a small table and the extra `(row, col, text)` cells.
pub fn xlsx_with(extra: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let cover = wb.add_worksheet();
    cover.set_name("封面").expect("name");
    cover
        .write_string(0, 0, GOOD_DOCX_SENTENCES[0])
        .expect("write");
    let ws = wb.add_worksheet();
    ws.set_name("收入决算表").expect("name");
    for (r, row) in [["项目", "金额"], ["收入总计", "100.00"]]
        .iter()
        .enumerate()
    {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *text)
                .expect("write");
        }
    }
    for (r, c, text) in extra {
        ws.write_string(*r, *c, *text).expect("write");
    }
    wb.save_to_buffer().expect("xlsx")
}

/// The entries of a zip (names and inflated data), in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("inflate");
            (f.name().unwrap_or_default().to_string(), data)
        })
        .collect()
}

/// The good workbook with its part `part` replaced: by `data` stored, or by a deflate bomb
/// of about `bomb_mib` MiB (declaring its real size when `honest`).
pub fn xlsx_replacing(part: &str, data: &[u8], bomb_mib: usize, honest: bool) -> Vec<u8> {
    let entries: Vec<RawEntry> = unzip(&good_xlsx())
        .into_iter()
        .map(|(name, old)| {
            if name != part {
                return RawEntry::stored(&name, &old);
            }
            if bomb_mib == 0 {
                return RawEntry::stored(&name, data);
            }
            let chunk = b"<row/>".repeat((1 << 20) / 6);
            let size = (chunk.len() * bomb_mib).min(u32::MAX as usize);
            RawEntry {
                name,
                method: 8,
                data: deflate_repeated(b"", &chunk, bomb_mib, b""),
                declared_size: if honest { size as u32 } else { 1_000 },
                crc: 0,
            }
        })
        .collect();
    raw_zip(&entries)
}

/// An OLE compound file signature and a `Workbook` directory name, then noise.
pub fn random_xls(seed: u64) -> Vec<u8> {
    let mut b = ole(&["Root Entry", "Workbook"]);
    b.extend(random_bytes(seed, 16 * 1024));
    b
}

// ---------------------------------------------------------------------------------------
// Other disguises.

/// Deterministic pseudo-random bytes (xorshift), never starting with a known magic.
pub fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend(x.to_le_bytes());
    }
    out.truncate(len);
    if let Some(first) = out.first_mut() {
        *first = 0x9C; // not %, P, <, {, 0xD0, 0x89, 0xFF, …
    }
    out
}

/// An nginx-style 404 page.
pub const HTML_404: &str = "<!DOCTYPE html>\n<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";

/// A tiny valid PNG (1×1, grey).
pub fn png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc_in = kind.to_vec();
        crc_in.extend(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc32(&crc_in).to_be_bytes());
    };
    chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    let mut idat = vec![0x78, 0xDA];
    idat.extend(deflate_chunk(&[0, 0x80]));
    idat.extend(DEFLATE_END);
    idat.extend([0, 0x81, 0, 0x81]);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A fake OLE compound file carrying the given stream names in UTF-16LE directory entries
/// (enough for sniffing, which is all crossfoot does with OLE).
pub fn ole(names: &[&str]) -> Vec<u8> {
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.resize(512, 0);
    for n in names {
        let mut entry: Vec<u8> = n.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        b.extend(entry);
    }
    b.resize(4096, 0);
    b
}

/// A password-protected XLS: a real compound file whose `Workbook` stream starts with a
/// BOF record and a FILEPASS record (RC4), as Excel writes it when a workbook is saved with
/// a password to open.
pub fn encrypted_xls() -> Vec<u8> {
    let le16 = |v: u16| v.to_le_bytes();
    // The Workbook stream: BOF (BIFF8 globals), FILEPASS (RC4, key data zeroed).
    let mut w = Vec::new();
    w.extend(le16(0x0809));
    w.extend(le16(16));
    w.extend(le16(0x0600));
    w.extend(le16(0x0005));
    w.resize(4 + 16, 0);
    w.extend(le16(0x002F));
    w.extend(le16(54));
    w.extend(le16(1)); // RC4
    w.resize(w.len() + 52, 0);
    xls_with_stream(w)
}

/// A valid compound file whose `Workbook` stream is garbage: pseudo-random bytes, after a
/// BIFF8 globals BOF record when `with_bof`.
pub fn garbage_stream_xls(seed: u64, with_bof: bool) -> Vec<u8> {
    let mut w = Vec::new();
    if with_bof {
        w.extend(0x0809u16.to_le_bytes());
        w.extend(16u16.to_le_bytes());
        w.extend(0x0600u16.to_le_bytes());
        w.extend(0x0005u16.to_le_bytes());
        w.resize(4 + 16, 0);
    }
    w.extend(random_bytes(seed, 4096 - w.len()));
    xls_with_stream(w)
}

/// An XLS of one sheet "S" whose substream holds `records` (between its BOF and EOF).
pub fn one_sheet_xls(records: &[u8]) -> Vec<u8> {
    let rec = |typ: u16, body: &[u8]| -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((body.len() as u16).to_le_bytes());
        r.extend(body);
        r
    };
    let bof = |dt: u16| {
        let mut b = 0x0600u16.to_le_bytes().to_vec();
        b.extend(dt.to_le_bytes());
        b.resize(16, 0);
        rec(0x0809, &b)
    };
    let mut w = bof(0x0005);
    // BOUNDSHEET: offset of the sheet's BOF (after this record and the globals' EOF).
    let pos = (w.len() + 4 + 9 + 4) as u32;
    let mut sheet = pos.to_le_bytes().to_vec();
    sheet.extend([0, 0, 1, 0, b'S']);
    w.extend(rec(0x0085, &sheet));
    w.extend(rec(0x000A, &[]));
    w.extend(bof(0x0010));
    w.extend(records);
    w.extend(rec(0x000A, &[]));
    xls_with_stream(w)
}

/// A BIFF8 NUMBER record.
pub fn number_record(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut r = 0x0203u16.to_le_bytes().to_vec();
    r.extend(14u16.to_le_bytes());
    r.extend(row.to_le_bytes());
    r.extend(col.to_le_bytes());
    r.extend(15u16.to_le_bytes());
    r.extend(value.to_le_bytes());
    r
}

/// A BIFF8 DIMENSIONS record (first row, last row + 1, first col, last col + 1).
pub fn dimensions_record(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
    let mut r = 0x0200u16.to_le_bytes().to_vec();
    r.extend(14u16.to_le_bytes());
    r.extend(rf.to_le_bytes());
    r.extend(rl.to_le_bytes());
    r.extend(cf.to_le_bytes());
    r.extend(cl.to_le_bytes());
    r.extend([0, 0]);
    r
}

/// A real compound file (one FAT sector, one directory sector) holding `w` (padded or cut
/// to 4,096 bytes) as its `Workbook` stream. At 4,096 bytes the stream lives in regular
/// sectors, not the mini stream.
pub fn xls_with_stream(mut w: Vec<u8>) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    // Header.
    let mut h = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    h.resize(24, 0);
    h.extend(le16(0x003E)); // minor version
    h.extend(le16(0x0003)); // major version 3: 512-byte sectors
    h.extend(le16(0xFFFE)); // byte order
    h.extend(le16(9)); // sector shift
    h.extend(le16(6)); // mini sector shift
    h.resize(44, 0);
    h.extend(le32(1)); // FAT sectors
    h.extend(le32(1)); // first directory sector
    h.extend(le32(0)); // transaction signature
    h.extend(le32(4096)); // mini stream cutoff
    h.extend(le32(END)); // first mini FAT sector
    h.extend(le32(0)); // mini FAT sectors
    h.extend(le32(END)); // first DIFAT sector
    h.extend(le32(0)); // DIFAT sectors
    h.extend(le32(0)); // DIFAT[0]: the FAT is sector 0
    while h.len() < 512 {
        h.extend(le32(FREE));
    }
    // Sector 0: the FAT. 1: directory. 2..=9: the Workbook stream.
    let mut fat = vec![0xFFFF_FFFD, END];
    fat.extend(3..=9);
    fat.push(END);
    fat.resize(128, FREE);
    h.extend(fat.into_iter().flat_map(u32::to_le_bytes));
    let entry = |name: &str, typ: u8, child: u32, start: u32, size: u64| {
        let mut e: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e.extend([0, 0]);
        let len = e.len() as u16;
        e.resize(64, 0);
        e.extend(le16(len));
        e.push(typ);
        e.push(1); // black
        e.extend(le32(FREE)); // left sibling
        e.extend(le32(FREE)); // right sibling
        e.extend(le32(child));
        e.resize(116, 0);
        e.extend(le32(start));
        e.extend(size.to_le_bytes());
        e
    };
    h.extend(entry("Root Entry", 5, 1, END, 0));
    h.extend(entry("Workbook", 2, FREE, 2, 4096));
    for _ in 0..2 {
        let mut e = vec![0u8; 64];
        e.extend([0, 0, 0, 0]);
        e.extend(le32(FREE));
        e.extend(le32(FREE));
        e.extend(le32(FREE));
        e.resize(128, 0);
        h.extend(e);
    }
    w.resize(4096, 0);
    h.extend(w);
    h
}

/// Every bad file, with the name it would carry on disk. Sizes: the bombs inflate to
/// gigabytes but are a few MiB at most on disk.
pub fn all_bad_files() -> Vec<BadFile> {
    let pdf = good_pdf();
    let good_docx = good_docx();
    let mut out = vec![
        bad("empty.pdf", Vec::new()),
        bad("blank.txt", b" \n\n\t \r\n".to_vec()),
        bad("truncated.txt", {
            let t = GOOD_DOCX_SENTENCES[0].as_bytes();
            t[..t.len() - 2].to_vec() // inside the final "。"
        }),
        bad("zeros.pdf", vec![0u8; 8192]),
        bad("random.pdf", random_bytes(7, 64 * 1024)),
        bad("random.docx", random_bytes(11, 4096)),
        bad("html-as.pdf", HTML_404.as_bytes().to_vec()),
        bad("png-as.docx", png()),
        bad("legacy.doc", ole(&["Root Entry", "WordDocument", "1Table"])),
        bad(
            "kingsoft.wps",
            ole(&["Root Entry", "WordDocument", "KSOProductBuildVer"]),
        ),
        bad("legacy.xls", ole(&["Root Entry", "Workbook"])),
        bad(
            "kingsoft.et",
            ole(&["Root Entry", "Workbook", "WpsCustomData"]),
        ),
        bad(
            "protected.docx",
            ole(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
        ),
        // An encrypted XLSX is the same container as an encrypted DOCX.
        bad(
            "protected.xlsx",
            ole(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
        ),
        bad("protected.xls", encrypted_xls()),
        bad(
            "sheet-as.docx",
            raw_zip(&[
                RawEntry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
                RawEntry::stored("xl/workbook.xml", b"<workbook/>"),
            ]),
        ),
        bad("encrypted.pdf", encrypted_pdf("user")),
        bad("image-only.pdf", image_only_pdf()),
        bad("no-tounicode.pdf", no_tounicode_pdf()),
        bad("compression-bomb.pdf", pdf_compression_bomb(1024)),
        bad("tounicode-bomb.pdf", tounicode_bomb_pdf()),
        bad("self-form.pdf", self_referencing_form_pdf()),
        bad("form-fanout.pdf", form_fanout_pdf(9)),
        bad("page-cycle.pdf", page_tree_cycle_pdf()),
        bad("zip-bomb.docx", docx_zip_bomb(1024, false)),
        bad("zip-bomb-honest.docx", docx_zip_bomb(1024, true)),
        bad("many-entries.docx", docx_many_entries(20_000)),
        bad("span-bomb.docx", docx(&docx_span_bomb())),
        bad("nested-tables.docx", docx(&docx_nested_tables(50_000))),
        bad("random-magic.xls", random_xls(13)),
        bad("garbage-stream.xls", garbage_stream_xls(19, false)),
        bad("garbage-after-bof.xls", garbage_stream_xls(23, true)),
        // Cells calamine would lay out as a dense grid of hundreds of gigabytes (an
        // allocation failure aborts the process): a cell in column 65,536 beside one in
        // A1, and a DIMENSIONS record whose last row comes before its first.
        bad(
            "cell-past-column-iv.xls",
            one_sheet_xls(&[number_record(0, 0, 1.0), number_record(65_535, 65_535, 2.0)].concat()),
        ),
        bad(
            "dimensions-bomb.xls",
            one_sheet_xls(&[dimensions_record(5, 1, 0, 1), number_record(0, 0, 1.0)].concat()),
        ),
        bad("one-sheet.xls", one_sheet_xls(&number_record(1, 2, 1234.5))),
        bad(
            "random-part.xlsx",
            xlsx_replacing("xl/workbook.xml", &random_bytes(17, 2048), 0, false),
        ),
        bad(
            "zip-bomb.xlsx",
            xlsx_replacing("xl/worksheets/sheet2.xml", b"", 1024, false),
        ),
        bad(
            "zip-bomb-honest.xlsx",
            xlsx_replacing("xl/worksheets/sheet2.xml", b"", 1024, true),
        ),
        bad("far-row.xlsx", xlsx_with(&[(500_000, 0, "x")])),
        // A shared formula declared over the whole grid (17 billion cells): calamine would
        // expand it cell by cell; the reader declines with a warning and reads the values.
        bad(
            "formula-bomb.xlsx",
            xlsx_replacing(
                "xl/worksheets/sheet2.xml",
                concat!(
                    r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
                    r#"<row r="1"><c r="A1" t="inlineStr"><is><t>项目</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c></row>"#,
                    r#"<row r="2"><c r="A2" t="inlineStr"><is><t>收入总计</t></is></c><c r="B2"><f t="shared" ref="B2:XFD1048576" si="0">SUM(B3:B4)</f><v>100</v></c></row>"#,
                    r#"<row r="3"><c r="A3" t="inlineStr"><is><t>其中</t></is></c><c r="B3"><f t="shared" si="0"/><v>0</v></c></row>"#,
                    r#"</sheetData></worksheet>"#
                )
                .as_bytes(),
                0,
                false,
            ),
        ),
    ];
    let good_xlsx = good_xlsx();
    for (pct, name) in [(10, "10"), (50, "50"), (90, "90")] {
        let cut = good_xlsx.len() * pct / 100;
        out.push(bad(
            &format!("truncated-{name}.xlsx"),
            good_xlsx[..cut].to_vec(),
        ));
    }
    for (pct, name) in [(1, "01"), (10, "10"), (50, "50"), (90, "90"), (99, "99")] {
        let cut = pdf.len() * pct / 100;
        out.push(bad(&format!("truncated-{name}.pdf"), pdf[..cut].to_vec()));
        let cut = good_docx.len() * pct / 100;
        out.push(bad(
            &format!("truncated-{name}.docx"),
            good_docx[..cut].to_vec(),
        ));
    }
    out
}
