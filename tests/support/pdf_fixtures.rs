//! PDF fixtures built in code with lopdf, one function per case the decoder must handle
//! (CJK fonts with and without ToUnicode, simple fonts with glyph-name encodings, a ruled
//! table split over two pages, encryption, an image-only page, decompression bombs).
//! Each returns the file's bytes; `write_all` stores them under tests/fixtures/pdf/ so the
//! fuzzers and benches can use them (run `cargo test --test pdf_decode -- --ignored`).
#![allow(dead_code)]
// Test support: a failure to build a fixture should fail the test loudly.
#![allow(clippy::unwrap_used)]

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// Page size used by every fixture (A4 portrait, points).
pub const A4: (f32, f32) = (595.0, 842.0);

/// Builds a document page by page.
pub struct Builder {
    doc: Document,
    pages_id: ObjectId,
    pages: Vec<ObjectId>,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// An empty document.
    pub fn new() -> Self {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        Builder {
            doc,
            pages_id,
            pages: Vec::new(),
        }
    }

    /// Adds any object.
    pub fn add(&mut self, o: impl Into<Object>) -> ObjectId {
        self.doc.add_object(o)
    }

    /// Adds a Flate-compressed stream.
    pub fn stream(&mut self, dict: Dictionary, data: &[u8]) -> ObjectId {
        let mut s = Stream::new(dict, data.to_vec());
        s.compress().unwrap();
        self.doc.add_object(s)
    }

    /// Adds a page drawing `content` with the given font and XObject resources.
    pub fn page(
        &mut self,
        content: &[u8],
        fonts: &[(&str, ObjectId)],
        xobjects: &[(&str, ObjectId)],
    ) {
        let content_id = self.stream(Dictionary::new(), content);
        let mut font_dict = Dictionary::new();
        for (name, id) in fonts {
            font_dict.set(name.as_bytes().to_vec(), *id);
        }
        let mut xo = Dictionary::new();
        for (name, id) in xobjects {
            xo.set(name.as_bytes().to_vec(), *id);
        }
        let page = self.doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), A4.0.into(), A4.1.into()],
            "Resources" => dictionary! { "Font" => font_dict, "XObject" => xo },
            "Contents" => content_id,
        });
        self.pages.push(page);
    }

    /// Sets /Rotate on the last page added.
    pub fn rotate_last(&mut self, degrees: i64) {
        let id = *self.pages.last().unwrap();
        if let Ok(Object::Dictionary(d)) = self.doc.get_object_mut(id) {
            d.set("Rotate", degrees);
        }
    }

    fn close(&mut self) {
        let kids: Vec<Object> = self.pages.iter().map(|&id| id.into()).collect();
        let count = kids.len() as i64;
        self.doc.objects.insert(
            self.pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
        self.doc.trailer.set("Root", catalog);
        let id = Object::String(b"crossfoot-fixture".to_vec(), StringFormat::Hexadecimal);
        self.doc.trailer.set("ID", vec![id.clone(), id]);
    }

    /// Serialises the document.
    pub fn finish(mut self) -> Vec<u8> {
        self.close();
        let mut out = Vec::new();
        self.doc.save_to(&mut out).unwrap();
        out
    }

    /// Serialises the document encrypted (RC4 128) with the given passwords.
    pub fn finish_encrypted(mut self, owner: &str, user: &str) -> Vec<u8> {
        self.close();
        let version = lopdf::EncryptionVersion::V2 {
            document: &self.doc,
            owner_password: owner,
            user_password: user,
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        };
        let state = lopdf::EncryptionState::try_from(version).unwrap();
        self.doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        self.doc.save_to(&mut out).unwrap();
        out
    }

    /// A non-embedded Type 0 font with a predefined CMap and no ToUnicode (the 公文 case).
    pub fn predefined_cjk_font(&mut self, encoding: &str, ordering: &str) -> ObjectId {
        let desc = self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType0",
            "BaseFont" => "STSong-Light",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal(ordering),
                "Supplement" => 4,
            },
            "DW" => 1000,
            "W" => vec![1.into(), 95.into(), 500.into()],
        });
        self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "STSong-Light",
            "Encoding" => encoding,
            "DescendantFonts" => vec![desc.into()],
        })
    }

    /// An Identity-H font whose codes are assigned to the distinct characters of `chars`
    /// in order (code 1, 2, ...), with a ToUnicode CMap saying so, and widths 1000.
    pub fn identity_font(&mut self, chars: &str) -> (ObjectId, CodeMap) {
        let map = CodeMap::new(chars);
        let tu = self.stream(Dictionary::new(), map.to_unicode_cmap(2).as_bytes());
        let desc = self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "ABCDEE+SimSun",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "DW" => 1000,
        });
        let id = self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "ABCDEE+SimSun",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![desc.into()],
            "ToUnicode" => tu,
        });
        (id, map)
    }
}

/// Codes assigned to characters by a fixture font.
pub struct CodeMap {
    chars: Vec<char>,
}

impl CodeMap {
    /// Codes 1.. for the distinct characters of `s`, in order of first appearance.
    pub fn new(s: &str) -> Self {
        let mut chars: Vec<char> = Vec::new();
        for c in s.chars() {
            if !chars.contains(&c) {
                chars.push(c);
            }
        }
        CodeMap { chars }
    }

    fn code(&self, c: char) -> u32 {
        self.chars
            .iter()
            .position(|&x| x == c)
            .map(|i| i as u32 + 1)
            .unwrap()
    }

    /// A hex string operand for `s`, with codes of `n` bytes.
    pub fn hex(&self, s: &str, n: usize) -> String {
        let mut out = String::from("<");
        for c in s.chars() {
            let code = self.code(c);
            out.push_str(&format!("{:0width$X}", code, width = n * 2));
        }
        out.push('>');
        out
    }

    /// The ToUnicode CMap for these codes (`n`-byte codes), using bfchar for the first
    /// half and single-code bfranges for the rest, as producers mix both.
    pub fn to_unicode_cmap(&self, n: usize) -> String {
        let w = n * 2;
        let hi = "FF".repeat(n);
        let lo = "00".repeat(n);
        let mut s = format!(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Fixture-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<{lo}> <{hi}>\nendcodespacerange\n"
        );
        let utf16 = |c: char| {
            let mut b = [0u16; 2];
            c.encode_utf16(&mut b)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect::<String>()
        };
        let half = self.chars.len() / 2;
        s.push_str(&format!("{} beginbfchar\n", half));
        for (i, &c) in self.chars.iter().enumerate().take(half) {
            s.push_str(&format!("<{:0w$X}> <{}>\n", i + 1, utf16(c)));
        }
        s.push_str("endbfchar\n");
        s.push_str(&format!("{} beginbfrange\n", self.chars.len() - half));
        for (i, &c) in self.chars.iter().enumerate().skip(half) {
            s.push_str(&format!(
                "<{:0w$X}> <{:0w$X}> <{}>\n",
                i + 1,
                i + 1,
                utf16(c)
            ));
        }
        s.push_str(
            "endbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n",
        );
        s
    }
}

/// Text drawn by these fixtures.
pub const TITLE: &str = "收入支出决算总表";
/// A line with digits and punctuation.
pub const LINE: &str = "收入总计2,405.59万元。";

fn ucs2_hex(s: &str) -> String {
    let mut out = String::from("<");
    for u in s.encode_utf16() {
        out.push_str(&format!("{u:04X}"));
    }
    out.push('>');
    out
}

/// Type 0 font with UniGB-UCS2-H and no ToUnicode.
pub fn ucs2_no_tounicode() -> Vec<u8> {
    let mut b = Builder::new();
    let f = b.predefined_cjk_font("UniGB-UCS2-H", "GB1");
    let content = format!(
        "BT /F1 16 Tf 72 760 Td {} Tj 0 -24 Td /F1 12 Tf {} Tj ET",
        ucs2_hex(TITLE),
        ucs2_hex(LINE)
    );
    b.page(content.as_bytes(), &[("F1", f)], &[]);
    b.finish()
}

/// Type 0 font with GBK-EUC-H and no ToUnicode; ASCII digits are single bytes.
pub fn gbk_no_tounicode() -> Vec<u8> {
    let mut b = Builder::new();
    let f = b.predefined_cjk_font("GBK-EUC-H", "GB1");
    let (title, _, _) = encoding_rs::GBK.encode(TITLE);
    let (line, _, _) = encoding_rs::GBK.encode(LINE);
    let mut content = b"BT /F1 16 Tf 72 760 Td <".to_vec();
    content.extend(title.iter().flat_map(|x| format!("{x:02X}").into_bytes()));
    content.extend_from_slice(b"> Tj 0 -24 Td /F1 12 Tf (");
    // Literal string with raw GBK bytes (escaping parentheses and backslashes).
    for &x in line.iter() {
        if matches!(x, b'(' | b')' | b'\\') {
            content.push(b'\\');
        }
        content.push(x);
    }
    content.extend_from_slice(b") Tj ET");
    b.page(&content, &[("F1", f)], &[]);
    b.finish()
}

/// Identity-H with a ToUnicode CMap (the Word/WPS export case).
pub fn identity_tounicode() -> Vec<u8> {
    let mut b = Builder::new();
    let (f, map) = b.identity_font(&format!("{TITLE}{LINE}"));
    // TJ with kerning, and a second line positioned with TD/T*.
    let content = format!(
        "BT /F1 16 Tf 72 760 Td [{} -200 {}] TJ /F1 12 Tf 0 -24 TD {} Tj ET",
        map.hex("收入支出", 2),
        map.hex("决算总表", 2),
        map.hex(LINE, 2)
    );
    b.page(content.as_bytes(), &[("F1", f)], &[]);
    b.finish()
}

/// A ghostscript-style simple font: /Differences with meaningless glyph names (g1, g2...)
/// and a ToUnicode CMap that carries the text.
pub fn simple_font_tounicode() -> Vec<u8> {
    let mut b = Builder::new();
    let map = CodeMap::new(LINE);
    let tu = b.stream(Dictionary::new(), map.to_unicode_cmap(1).as_bytes());
    let mut diffs: Vec<Object> = vec![1.into()];
    for i in 0..map.chars.len() {
        diffs.push(Object::Name(format!("g{}", i + 1).into_bytes()));
    }
    let f = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type3",
        "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
        "FirstChar" => 1,
        "LastChar" => map.chars.len() as i64,
        "Widths" => vec![Object::Integer(1000); map.chars.len()],
        "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => diffs },
        "ToUnicode" => tu,
    });
    let content = format!("BT /T1 12 Tf 72 760 Td {} Tj ET", map.hex(LINE, 1));
    b.page(content.as_bytes(), &[("T1", f)], &[]);
    b.finish()
}

/// A simple TrueType font whose /Differences use uniXXXX names (no ToUnicode), plus
/// WinAnsi digits from a second font.
pub fn simple_font_uni_names() -> Vec<u8> {
    let mut b = Builder::new();
    let map = CodeMap::new(TITLE);
    let mut diffs: Vec<Object> = vec![1.into()];
    for &c in &map.chars {
        diffs.push(Object::Name(format!("uni{:04X}", c as u32).into_bytes()));
    }
    let f = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "TrueType",
        "BaseFont" => "ABCDEF+FangSong",
        "FirstChar" => 1,
        "LastChar" => map.chars.len() as i64,
        "Widths" => vec![Object::Integer(1000); map.chars.len()],
        "Encoding" => dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding", "Differences" => diffs },
    });
    let latin = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let content = format!(
        "BT /F1 12 Tf 72 760 Td {} Tj /F2 12 Tf (2,405.59) Tj ET",
        map.hex(TITLE, 1)
    );
    b.page(content.as_bytes(), &[("F1", f), ("F2", latin)], &[]);
    b.finish()
}

/// Table geometry shared by the two-page table fixture: column x positions.
pub const TABLE_COLS: [f32; 3] = [72.0, 272.0, 472.0];
/// Row height.
pub const TABLE_ROW: f32 = 20.0;

/// A table split across two pages. Page 1: a title, the header row and two body rows,
/// ruled with thin filled rectangles (`re f`, as Word exports do). Page 2: two more rows
/// with no header, ruled with stroked lines (`m l S`) and a stroked frame (`re S`), as
/// LibreOffice does. Cell text sits 6 pt above each row's bottom rule, 4 pt right of the
/// column rule.
pub fn table_two_pages() -> Vec<u8> {
    let rows1 = [
        ("项目", "决算数"),
        ("本年收入合计", "1,298.54"),
        ("年初结转和结余", "1,107.05"),
    ];
    let rows2 = [("收入总计", "2,405.59"), ("本年支出合计", "1,271.72")];
    let mut all = String::from(TITLE);
    for (a, c) in rows1.iter().chain(rows2.iter()) {
        all.push_str(a);
        all.push_str(c);
    }
    let mut b = Builder::new();
    let (f, map) = b.identity_font(&all);
    let [x0, x1, x2] = TABLE_COLS;
    // Page 1: top rule at 740.
    let mut c = format!("BT /F1 14 Tf 72 770 Td {} Tj ET\n", map.hex(TITLE, 2));
    let top = 740.0;
    let n = rows1.len();
    for i in 0..=n {
        let y = top - TABLE_ROW * i as f32;
        c.push_str(&format!("{x0} {} {} 0.5 re f\n", y - 0.25, x2 - x0));
    }
    let bottom = top - TABLE_ROW * n as f32;
    for x in [x0, x1, x2] {
        c.push_str(&format!(
            "{} {bottom} 0.5 {} re f\n",
            x - 0.25,
            top - bottom
        ));
    }
    for (i, (a, v)) in rows1.iter().enumerate() {
        let y = top - TABLE_ROW * (i + 1) as f32 + 6.0;
        c.push_str(&format!(
            "BT /F1 10 Tf {} {y} Td {} Tj ET BT /F1 10 Tf {} {y} Td {} Tj ET\n",
            x0 + 4.0,
            map.hex(a, 2),
            x1 + 4.0,
            map.hex(v, 2)
        ));
    }
    b.page(c.as_bytes(), &[("F1", f)], &[]);
    // Page 2: top rule at 800, stroked.
    let top = 800.0;
    let n = rows2.len();
    let bottom = top - TABLE_ROW * n as f32;
    let mut c = format!("0.5 w {x0} {bottom} {} {} re S\n", x2 - x0, top - bottom);
    for i in 1..n {
        let y = top - TABLE_ROW * i as f32;
        c.push_str(&format!("{x0} {y} m {x2} {y} l S\n"));
    }
    c.push_str(&format!("{x1} {top} m {x1} {bottom} l S\n"));
    for (i, (a, v)) in rows2.iter().enumerate() {
        let y = top - TABLE_ROW * (i + 1) as f32 + 6.0;
        c.push_str(&format!(
            "BT /F1 10 Tf 1 0 0 1 {} {y} Tm {} Tj 1 0 0 1 {} {y} Tm {} Tj ET\n",
            x0 + 4.0,
            map.hex(a, 2),
            x1 + 4.0,
            map.hex(v, 2)
        ));
    }
    b.page(c.as_bytes(), &[("F1", f)], &[]);
    b.finish()
}

/// A minimal TrueType program holding only a `cmap` table (format 12, platform 3/10):
/// character i of `chars` gets glyph `first_gid + i`. Enough for a reader that inverts the
/// embedded cmap; not renderable.
pub fn tiny_truetype(chars: &[char], first_gid: u32) -> Vec<u8> {
    let mut sub = Vec::new();
    let groups = chars.len() as u32;
    sub.extend_from_slice(&12u16.to_be_bytes());
    sub.extend_from_slice(&0u16.to_be_bytes());
    sub.extend_from_slice(&(16 + 12 * groups).to_be_bytes());
    sub.extend_from_slice(&0u32.to_be_bytes());
    sub.extend_from_slice(&groups.to_be_bytes());
    let mut sorted: Vec<(u32, u32)> = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| (c as u32, first_gid + i as u32))
        .collect();
    sorted.sort();
    for (c, g) in sorted {
        sub.extend_from_slice(&c.to_be_bytes());
        sub.extend_from_slice(&c.to_be_bytes());
        sub.extend_from_slice(&g.to_be_bytes());
    }
    let mut cmap = Vec::new();
    cmap.extend_from_slice(&0u16.to_be_bytes());
    cmap.extend_from_slice(&1u16.to_be_bytes());
    cmap.extend_from_slice(&3u16.to_be_bytes());
    cmap.extend_from_slice(&10u16.to_be_bytes());
    cmap.extend_from_slice(&12u32.to_be_bytes());
    cmap.extend_from_slice(&sub);
    let mut font = Vec::new();
    font.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    font.extend_from_slice(&1u16.to_be_bytes());
    font.extend_from_slice(&16u16.to_be_bytes());
    font.extend_from_slice(&0u16.to_be_bytes());
    font.extend_from_slice(&0u16.to_be_bytes());
    font.extend_from_slice(b"cmap");
    font.extend_from_slice(&0u32.to_be_bytes());
    font.extend_from_slice(&28u32.to_be_bytes());
    font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
    font.extend_from_slice(&cmap);
    font
}

/// Identity-H TrueType CID fonts with no ToUnicode: Unicode must come from the embedded
/// font's cmap. Font F1 has CIDToGIDMap Identity; font F2 a CIDToGIDMap stream (CID i+1 →
/// glyph 101+i).
pub fn identity_embedded_cmap() -> Vec<u8> {
    let mut b = Builder::new();
    let map = CodeMap::new(&format!("{TITLE}{LINE}"));
    let mut fonts = Vec::new();
    for stream_map in [false, true] {
        let first_gid = if stream_map { 101 } else { 1 };
        let ff2 = b.stream(Dictionary::new(), &tiny_truetype(&map.chars, first_gid));
        let fd = b.add(dictionary! {
            "Type" => "FontDescriptor", "FontName" => "ABCDEF+SimSun", "Flags" => 4,
            "FontFile2" => ff2,
        });
        let cid_to_gid: Object = if stream_map {
            let mut m = vec![0u8; 2];
            for i in 0..map.chars.len() {
                m.extend_from_slice(&(101 + i as u16).to_be_bytes());
            }
            b.stream(Dictionary::new(), &m).into()
        } else {
            "Identity".into()
        };
        let desc = b.add(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+SimSun",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => fd, "CIDToGIDMap" => cid_to_gid, "DW" => 1000,
        });
        fonts.push(b.add(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+SimSun",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![desc.into()],
        }));
    }
    let content = format!(
        "BT /F1 16 Tf 72 760 Td {} Tj /F2 12 Tf 0 -24 Td {} Tj ET",
        map.hex(TITLE, 2),
        map.hex(LINE, 2)
    );
    b.page(
        content.as_bytes(),
        &[("F1", fonts[0]), ("F2", fonts[1])],
        &[],
    );
    b.finish()
}

/// Form XObjects (nested, one drawing its parent: a cycle) and an inline image whose data
/// holds operator-like bytes. Text: "收入" from form 1 (shifted 100 pt right by the page
/// and by its /Matrix), "总计" from form 2, then "2,405.59万元。" from the page.
pub fn forms_and_inline_image() -> Vec<u8> {
    let mut b = Builder::new();
    let (f, map) = b.identity_font(LINE);
    let fm1 = b.doc.new_object_id();
    let fm2 = b.doc.new_object_id();
    let res = |x: ObjectId| {
        dictionary! { "Font" => dictionary! { "F1" => f }, "XObject" => dictionary! { "Fx" => x } }
    };
    let form = |content: String, resources: Dictionary, matrix: Vec<Object>| {
        let mut s = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Matrix" => matrix, "Resources" => resources,
            },
            content.into_bytes(),
        );
        s.compress().unwrap();
        s
    };
    let id_m = |e: i64| vec![1.into(), 0.into(), 0.into(), 1.into(), e.into(), 0.into()];
    let s1 = form(
        format!("BT /F1 12 Tf 0 760 Td {} Tj ET /Fx Do", map.hex("收入", 2)),
        res(fm2),
        id_m(0),
    );
    let s2 = form(
        format!("BT /F1 12 Tf 24 760 Td {} Tj ET /Fx Do", map.hex("总计", 2)),
        res(fm1),
        id_m(0),
    );
    b.doc.objects.insert(fm1, Object::Stream(s1));
    b.doc.objects.insert(fm2, Object::Stream(s2));
    let mut content = b"q 1 0 0 1 100 0 cm /Fm1 Do Q\nBI /W 4 /H 1 /CS /G /BPC 8 ID ".to_vec();
    content.extend_from_slice(b"(\xff)Tj ET\nEI\n");
    content.extend_from_slice(
        format!(
            "BT /F1 12 Tf 148 760 Td {} Tj ET",
            map.hex("2,405.59万元。", 2)
        )
        .as_bytes(),
    );
    b.page(&content, &[("F1", f)], &[("Fm1", fm1)]);
    b.finish()
}

/// Text in an Identity-H font with neither ToUnicode nor an embedded font: nothing maps.
/// `mapped` characters are drawn first in a font with a ToUnicode, then `unmapped` codes.
pub fn partly_unmapped(mapped: &str, unmapped: usize) -> Vec<u8> {
    let mut b = Builder::new();
    let (good, map) = b.identity_font(if mapped.is_empty() { "收" } else { mapped });
    let desc = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "FZXBSJW--GB1-0",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 2,
        },
    });
    let bad = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "FZXBSJW--GB1-0",
        "Encoding" => "Identity-H", "DescendantFonts" => vec![desc.into()],
    });
    let codes: String = (0..unmapped)
        .map(|i| format!("{:04X}", 0x0D00 + i))
        .collect();
    let content = format!(
        "BT /F1 12 Tf 72 760 Td {} Tj /F2 12 Tf <{codes}> Tj ET",
        if mapped.is_empty() {
            "<>".to_string()
        } else {
            map.hex(mapped, 2)
        }
    );
    b.page(content.as_bytes(), &[("F1", good), ("F2", bad)], &[]);
    b.finish()
}

/// A simple TrueType font whose /Differences name glyphs by id (g1, g2, ...: a subsetter's
/// names), with no ToUnicode: Unicode comes from the embedded font's cmap.
pub fn simple_font_gid_names() -> Vec<u8> {
    let mut b = Builder::new();
    let map = CodeMap::new(LINE);
    let ff2 = b.stream(Dictionary::new(), &tiny_truetype(&map.chars, 1));
    let fd = b.add(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "ABCDEF+FangSong_GB2312", "Flags" => 4,
        "FontFile2" => ff2,
    });
    let mut diffs: Vec<Object> = vec![1.into()];
    for i in 0..map.chars.len() {
        diffs.push(Object::Name(format!("g{}", i + 1).into_bytes()));
    }
    let f = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "TrueType",
        "BaseFont" => "ABCDEF+FangSong_GB2312",
        "FirstChar" => 1,
        "LastChar" => map.chars.len() as i64,
        "Widths" => vec![Object::Integer(1000); map.chars.len()],
        "FontDescriptor" => fd,
        "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => diffs },
    });
    let content = format!("BT /F1 12 Tf 72 760 Td {} Tj ET", map.hex(LINE, 1));
    b.page(content.as_bytes(), &[("F1", f)], &[]);
    b.finish()
}

/// A landscape page as Word exports it: /Rotate 90 and a `cm` that turns the text so it
/// reads upright when displayed. Displayed coordinates equal text-space ones here.
pub fn rotated_page() -> Vec<u8> {
    let mut b = Builder::new();
    let (f, map) = b.identity_font(LINE);
    let content = format!(
        "q 0 1 -1 0 595 0 cm BT /F1 12 Tf 72 500 Td {} Tj ET Q",
        map.hex(LINE, 2)
    );
    b.page(content.as_bytes(), &[("F1", f)], &[]);
    b.rotate_last(90);
    b.finish()
}

/// Fake bold: the line is drawn twice, the second time 0.3 pt right and 0.2 pt up.
pub fn fake_bold() -> Vec<u8> {
    let mut b = Builder::new();
    let (f, map) = b.identity_font(LINE);
    let h = map.hex(LINE, 2);
    let content = format!("BT /F1 12 Tf 72 760 Td {h} Tj ET BT /F1 12 Tf 72.3 760.2 Td {h} Tj ET");
    b.page(content.as_bytes(), &[("F1", f)], &[]);
    b.finish()
}

/// Text under a clip: the line is drawn twice inside `q 50 700 500 100 re W n … Q`, once
/// at y 760 (inside) and once at y 600 (outside the clip, not visible), then a third time
/// at y 600 after `Q` (the clip restored away, visible).
pub fn clipped_text() -> Vec<u8> {
    let mut b = Builder::new();
    let (f, map) = b.identity_font(LINE);
    let h = map.hex(LINE, 2);
    let content = format!(
        "q 50 700 500 100 re W n BT /F1 12 Tf 72 760 Td {h} Tj ET BT /F1 12 Tf 72 600 Td {h} Tj ET Q BT /F1 12 Tf 72 500 Td {h} Tj ET"
    );
    b.page(content.as_bytes(), &[("F1", f)], &[]);
    b.finish()
}

/// Vertical writing: UniGB-UCS2-V, the title running down the page from (300, 700).
pub fn vertical_text() -> Vec<u8> {
    let mut b = Builder::new();
    let f = b.predefined_cjk_font("UniGB-UCS2-V", "GB1");
    let content = format!("BT /F1 10 Tf 300 700 Td {} Tj ET", ucs2_hex(TITLE));
    b.page(content.as_bytes(), &[("F1", f)], &[]);
    b.finish()
}

fn one_line_doc() -> Builder {
    let mut b = Builder::new();
    let (f, map) = b.identity_font(LINE);
    let content = format!("BT /F1 12 Tf 72 760 Td {} Tj ET", map.hex(LINE, 2));
    b.page(content.as_bytes(), &[("F1", f)], &[]);
    b
}

/// Needs the user password "user" to open.
pub fn encrypted_user_password() -> Vec<u8> {
    one_line_doc().finish_encrypted("owner", "user")
}

/// Owner password only (empty user password): opens without a password.
pub fn encrypted_owner_only() -> Vec<u8> {
    one_line_doc().finish_encrypted("owner", "")
}

/// One page with only an image (a scan), and no text.
pub fn image_only() -> Vec<u8> {
    let mut b = Builder::new();
    let img = b.stream(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 2,
            "Height" => 2,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        &[0, 255, 255, 0],
    );
    b.page(b"q 400 0 0 600 100 100 cm /Im1 Do Q", &[], &[("Im1", img)]);
    b.finish()
}

/// A page whose content stream inflates to `size` bytes of spaces (a decompression bomb).
pub fn content_bomb(size: usize) -> Vec<u8> {
    let mut b = Builder::new();
    let (f, map) = b.identity_font(LINE);
    let mut data = format!("BT /F1 12 Tf 72 760 Td {} Tj ET\n", map.hex(LINE, 2)).into_bytes();
    data.resize(size, b' ');
    b.page(&data, &[("F1", f)], &[]);
    b.finish()
}

/// A font whose ToUnicode stream inflates to `size` bytes (a bomb in a CMap).
pub fn tounicode_bomb(size: usize) -> Vec<u8> {
    let mut b = Builder::new();
    let mut cmap = CodeMap::new(LINE).to_unicode_cmap(2).into_bytes();
    cmap.resize(size, b' ');
    let tu = b.stream(Dictionary::new(), &cmap);
    let desc = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Bomb", "DW" => 1000,
    });
    let f = b.add(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Bomb", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![desc.into()], "ToUnicode" => tu,
    });
    b.page(
        b"BT /F1 12 Tf 72 760 Td <00010002> Tj ET",
        &[("F1", f)],
        &[],
    );
    b.finish()
}

/// Every committed fixture: (file name, bytes).
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("ucs2-no-tounicode.pdf", ucs2_no_tounicode()),
        ("gbk-no-tounicode.pdf", gbk_no_tounicode()),
        ("identity-tounicode.pdf", identity_tounicode()),
        ("simple-font-tounicode.pdf", simple_font_tounicode()),
        ("simple-font-uni-names.pdf", simple_font_uni_names()),
        ("simple-font-gid-names.pdf", simple_font_gid_names()),
        ("table-two-pages.pdf", table_two_pages()),
        ("encrypted-user-password.pdf", encrypted_user_password()),
        ("encrypted-owner-only.pdf", encrypted_owner_only()),
        ("image-only.pdf", image_only()),
        ("rotated-page.pdf", rotated_page()),
        ("fake-bold.pdf", fake_bold()),
        ("vertical-text.pdf", vertical_text()),
        ("identity-embedded-cmap.pdf", identity_embedded_cmap()),
        ("forms-and-inline-image.pdf", forms_and_inline_image()),
        ("partly-unmapped.pdf", partly_unmapped(LINE, 2)),
        ("undecodable.pdf", partly_unmapped("收入", 10)),
    ]
}
