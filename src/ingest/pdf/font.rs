//! Fonts: how a shown string splits into codes, each code's advance width, and its Unicode.
//!
//! Unicode is looked up in this order: the font's ToUnicode CMap; for Type 0 fonts a
//! predefined CJK CMap named by `/Encoding` (UCS-2/UTF-16 ones directly, GBK/GB18030, Big5,
//! Shift-JIS and UHC ones through `encoding_rs`); for simple fonts `/Encoding` (base +
//! `/Differences` glyph names, glyph-id names through the embedded cmap); for Identity-encoded
//! CID fonts without ToUnicode the embedded TrueType/OpenType program's own `cmap` table,
//! inverted (glyph id → Unicode) with `ttf-parser`. What is left is unmapped and becomes
//! U+FFFD, counted by the caller. No Adobe-GB1 CID → Unicode table is bundled: an
//! Identity-H font with GB1 CIDs, no ToUnicode and no usable embedded cmap stays unmapped.
//!
//! A font is built once per font object and shared by every page (see `mod.rs`).

use super::budget::Budget;
use super::cmap::{CMap, IntMap};
use super::encoding::{gid_name, glyph_name, Base};
use crate::ingest::IngestError;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Predefined CMaps we decode without tables.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Predef {
    /// Identity-H/V: 2-byte codes are CIDs.
    Identity,
    /// Uni*-UCS2-*: 2-byte codes are UCS-2.
    Ucs2,
    /// Uni*-UTF16-*: UTF-16BE.
    Utf16,
    /// A legacy multibyte encoding; the first byte decides the code length.
    Mb(&'static encoding_rs::Encoding),
}

fn predef_by_name(name: &[u8]) -> Option<Predef> {
    let n = std::str::from_utf8(name).ok()?;
    let stem = n
        .strip_suffix("-H")
        .or_else(|| n.strip_suffix("-V"))
        .unwrap_or(n);
    Some(match stem {
        "Identity" => Predef::Identity,
        s if s.starts_with("Uni") && s.contains("-UCS2") => Predef::Ucs2,
        s if s.starts_with("Uni") && s.contains("-UTF16") => Predef::Utf16,
        "GBK-EUC" | "GBKp-EUC" | "GBK2K" | "GB-EUC" | "GBpc-EUC" => {
            Predef::Mb(encoding_rs::GB18030)
        }
        "B5pc" | "ETen-B5" | "ETenms-B5" | "HKscs-B5" | "B5" => Predef::Mb(encoding_rs::BIG5),
        "90ms-RKSJ" | "90pv-RKSJ" | "83pv-RKSJ" | "90msp-RKSJ" => {
            Predef::Mb(encoding_rs::SHIFT_JIS)
        }
        "KSCms-UHC" | "KSC-EUC" | "KSCpc-EUC" => Predef::Mb(encoding_rs::EUC_KR),
        _ => return None,
    })
}

/// Length of the code at the start of `b` for a legacy multibyte encoding.
fn mb_len(enc: &'static encoding_rs::Encoding, b: &[u8]) -> usize {
    let lead = b.first().copied().unwrap_or(0);
    let two = if enc == encoding_rs::SHIFT_JIS {
        matches!(lead, 0x81..=0x9F | 0xE0..=0xFC)
    } else {
        (0x81..=0xFE).contains(&lead)
    };
    if !two {
        return 1;
    }
    // GB18030 four-byte codes: second byte is a digit.
    if enc == encoding_rs::GB18030 && b.get(1).is_some_and(|c| c.is_ascii_digit()) {
        return 4.min(b.len());
    }
    2.min(b.len())
}

/// How codes map to CIDs (for widths and glyph lookup) in a Type 0 font.
enum Coding {
    Predefined(Predef),
    Embedded(Rc<CMap>),
}

/// Per-kind data.
enum Kind {
    Simple {
        /// Advance per code, in text space units per unit font size.
        widths: Box<[f32; 256]>,
        /// Unicode per code from /Encoding.
        table: Box<[Option<char>; 256]>,
    },
    Composite {
        coding: Coding,
        /// Individual CID widths (/W array form), per 1000.
        w: IntMap<u32, f32>,
        /// CID ranges with one width (/W range form), per 1000.
        w_ranges: Vec<(u32, u32, f32)>,
        /// Default width per 1000.
        dw: f32,
        /// Glyph id → Unicode from the embedded TrueType cmap (Identity fonts only).
        gid_uni: Option<Vec<u32>>,
        /// CID → glyph id, when /CIDToGIDMap is a stream.
        cid_gid: Option<Vec<u16>>,
    },
}

/// A font ready to decode strings.
pub struct Font {
    kind: Kind,
    to_unicode: Option<Rc<CMap>>,
    /// Vertical writing (a `-V` CMap): the pen moves down one em per glyph.
    pub vertical: bool,
}

/// One decoded code.
pub struct Code {
    /// Bytes consumed.
    pub len: usize,
    /// Horizontal advance per unit font size (before Tc/Tw/Tz).
    pub width: f32,
    /// Single-byte code 32 (word spacing applies).
    pub is_space: bool,
    /// Whether Unicode was found (else U+FFFD was pushed).
    pub mapped: bool,
}

/// Caches shared by all pages of a document.
#[derive(Default)]
pub struct FontCache {
    fonts: HashMap<ObjectId, Rc<Font>>,
    cmaps: HashMap<ObjectId, Rc<CMap>>,
}

impl FontCache {
    /// The font for a resource entry (a reference, cached by id; or a direct dictionary).
    pub fn get(
        &mut self,
        doc: &Document,
        obj: &Object,
        budget: &Budget,
    ) -> Result<Option<Rc<Font>>, IngestError> {
        match obj {
            Object::Reference(id) => {
                if let Some(f) = self.fonts.get(id) {
                    return Ok(Some(Rc::clone(f)));
                }
                let Ok(dict) = doc.get_dictionary(*id) else {
                    return Ok(None);
                };
                let f = Rc::new(Font::load(doc, dict, budget, self)?);
                self.fonts.insert(*id, Rc::clone(&f));
                Ok(Some(f))
            }
            Object::Dictionary(d) => Ok(Some(Rc::new(Font::load(doc, d, budget, self)?))),
            _ => Ok(None),
        }
    }

    fn cmap(
        &mut self,
        doc: &Document,
        obj: &Object,
        budget: &Budget,
        what: &str,
    ) -> Result<Option<Rc<CMap>>, IngestError> {
        let id = obj.as_reference().ok();
        if let Some(c) = id.and_then(|i| self.cmaps.get(&i)) {
            return Ok(Some(Rc::clone(c)));
        }
        let stream = match id {
            Some(i) => doc.get_object(i).ok().and_then(|o| o.as_stream().ok()),
            None => obj.as_stream().ok(),
        };
        let Some(stream) = stream else {
            return Ok(None);
        };
        let Some(data) = budget.decode(stream, what)? else {
            return Ok(None);
        };
        let c = Rc::new(CMap::parse(&data));
        if let Some(i) = id {
            self.cmaps.insert(i, Rc::clone(&c));
        }
        Ok(Some(c))
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn dict_get<'a>(doc: &'a Document, d: &'a Dictionary, k: &[u8]) -> Option<&'a Object> {
    d.get(k).ok().map(|o| deref(doc, o))
}

impl Font {
    /// Builds a font from its dictionary. Only limit errors fail; anything unreadable just
    /// leaves codes unmapped.
    fn load(
        doc: &Document,
        d: &Dictionary,
        budget: &Budget,
        cache: &mut FontCache,
    ) -> Result<Font, IngestError> {
        let to_unicode = match d.get(b"ToUnicode") {
            Ok(o) => cache.cmap(doc, o, budget, "a ToUnicode CMap")?,
            Err(_) => None,
        };
        let subtype = dict_get(doc, d, b"Subtype")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let kind = if subtype == b"Type0" {
            Self::composite(doc, d, budget, cache, to_unicode.is_some())?
        } else {
            Self::simple(doc, d, subtype, budget)?
        };
        let vertical = subtype == b"Type0"
            && matches!(dict_get(doc, d, b"Encoding"), Some(Object::Name(n)) if n.ends_with(b"-V"));
        Ok(Font {
            kind,
            to_unicode,
            vertical,
        })
    }

    fn simple(
        doc: &Document,
        d: &Dictionary,
        subtype: &[u8],
        budget: &Budget,
    ) -> Result<Kind, IngestError> {
        // Type 3 glyph widths are in glyph space, scaled by /FontMatrix.
        let scale = if subtype == b"Type3" {
            dict_get(doc, d, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(num)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let missing = dict_get(doc, d, b"FontDescriptor")
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| dict_get(doc, fd, b"MissingWidth"))
            .and_then(num);
        let base_name = dict_get(doc, d, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        // Standard 14 fonts may come without /Widths: approximate (layout needs positions only
        // roughly; text is unaffected).
        let fallback = missing.unwrap_or(if base_name.starts_with(b"Courier") {
            600.0
        } else {
            500.0
        });
        let mut widths = Box::new([fallback * scale; 256]);
        let first = dict_get(doc, d, b"FirstChar")
            .and_then(num)
            .unwrap_or(0.0)
            .max(0.0) as usize;
        if let Some(ws) = dict_get(doc, d, b"Widths").and_then(|o| o.as_array().ok()) {
            for (i, w) in ws.iter().enumerate() {
                if let (Some(slot), Some(v)) =
                    (widths.get_mut(first.saturating_add(i)), num(deref(doc, w)))
                {
                    *slot = v * scale;
                }
            }
        }
        let default_base = if subtype == b"Type1" || subtype == b"MMType1" {
            Base::Standard
        } else {
            Base::WinAnsi
        };
        let mut table;
        match dict_get(doc, d, b"Encoding") {
            Some(Object::Name(n)) => {
                table = Box::new(Base::from_name(n).unwrap_or(default_base).table());
            }
            Some(Object::Dictionary(enc)) => {
                let base = dict_get(doc, enc, b"BaseEncoding")
                    .and_then(|o| o.as_name().ok())
                    .and_then(Base::from_name)
                    .unwrap_or(default_base);
                table = Box::new(base.table());
                // Codes named by glyph id (g123): resolved through the embedded font's cmap.
                let mut by_gid: Vec<(usize, u16)> = Vec::new();
                if let Some(diffs) =
                    dict_get(doc, enc, b"Differences").and_then(|o| o.as_array().ok())
                {
                    let mut code: usize = 0;
                    for item in diffs {
                        match deref(doc, item) {
                            Object::Integer(i) => code = usize::try_from(*i).unwrap_or(usize::MAX),
                            Object::Name(n) => {
                                if let Some(slot) = table.get_mut(code) {
                                    *slot = glyph_name(n);
                                    if slot.is_none() {
                                        if let Some(g) = gid_name(n) {
                                            by_gid.push((code, g));
                                        }
                                    }
                                }
                                code = code.saturating_add(1);
                            }
                            _ => {}
                        }
                    }
                }
                if !by_gid.is_empty() {
                    Self::fill_from_embedded(doc, d, budget, &by_gid, &mut table)?;
                }
            }
            _ => table = Box::new(default_base.table()),
        }
        Ok(Kind::Simple { widths, table })
    }

    /// Fills codes whose glyph names are glyph ids from the embedded TrueType cmap.
    fn fill_from_embedded(
        doc: &Document,
        d: &Dictionary,
        budget: &Budget,
        by_gid: &[(usize, u16)],
        table: &mut [Option<char>; 256],
    ) -> Result<(), IngestError> {
        let ff2 = dict_get(doc, d, b"FontDescriptor")
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| dict_get(doc, fd, b"FontFile2"))
            .and_then(|o| o.as_stream().ok());
        let Some(s) = ff2 else { return Ok(()) };
        let Some(map) = budget
            .decode(s, "an embedded font")?
            .as_deref()
            .and_then(invert_cmap)
        else {
            return Ok(());
        };
        for &(code, g) in by_gid {
            let u = map.get(usize::from(g)).copied().unwrap_or(0);
            if let (Some(slot), Some(c)) = (table.get_mut(code), char::from_u32(u)) {
                if u >= 0x20 {
                    *slot = Some(c);
                }
            }
        }
        Ok(())
    }

    fn composite(
        doc: &Document,
        d: &Dictionary,
        budget: &Budget,
        cache: &mut FontCache,
        has_to_unicode: bool,
    ) -> Result<Kind, IngestError> {
        let coding = match d.get(b"Encoding") {
            Ok(o) => match deref(doc, o) {
                Object::Name(n) => {
                    Coding::Predefined(predef_by_name(n).unwrap_or(Predef::Identity))
                }
                Object::Stream(_) => match cache.cmap(doc, o, budget, "an encoding CMap")? {
                    Some(c) => {
                        // An embedded CMap that only extends a predefined one.
                        match c
                            .usecmap
                            .as_deref()
                            .and_then(|n| predef_by_name(n.as_bytes()))
                        {
                            Some(p) if c.codespace.is_empty() => Coding::Predefined(p),
                            _ => Coding::Embedded(c),
                        }
                    }
                    None => Coding::Predefined(Predef::Identity),
                },
                _ => Coding::Predefined(Predef::Identity),
            },
            Err(_) => Coding::Predefined(Predef::Identity),
        };
        let desc = dict_get(doc, d, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let mut w = IntMap::default();
        let mut w_ranges = Vec::new();
        let mut dw = 1000.0;
        let mut gid_uni = None;
        let mut cid_gid = None;
        if let Some(desc) = desc {
            dw = dict_get(doc, desc, b"DW").and_then(num).unwrap_or(1000.0);
            if let Some(arr) = dict_get(doc, desc, b"W").and_then(|o| o.as_array().ok()) {
                let mut i = 0;
                while i < arr.len() {
                    let first = arr.get(i).map(|o| deref(doc, o)).and_then(num);
                    let second = arr.get(i + 1).map(|o| deref(doc, o));
                    match (first, second) {
                        (Some(c), Some(Object::Array(ws))) => {
                            let c0 = c.max(0.0) as u32;
                            for (k, wv) in ws.iter().enumerate() {
                                if let Some(v) = num(deref(doc, wv)) {
                                    w.insert(c0.saturating_add(k as u32), v);
                                }
                            }
                            i += 2;
                        }
                        (Some(lo), Some(hi)) => {
                            let v = arr.get(i + 2).map(|o| deref(doc, o)).and_then(num);
                            if let (Some(hi), Some(v)) = (num(hi), v) {
                                w_ranges.push((lo.max(0.0) as u32, hi.max(0.0) as u32, v));
                            }
                            i += 3;
                        }
                        _ => i += 1,
                    }
                }
            }
            let identity = matches!(coding, Coding::Predefined(Predef::Identity));
            if identity && !has_to_unicode {
                // Last resort for Unicode: the embedded TrueType (FontFile2) or OpenType
                // (FontFile3 /Subtype /OpenType) program's cmap. Bare CFF has no cmap.
                let fd = dict_get(doc, desc, b"FontDescriptor").and_then(|o| o.as_dict().ok());
                let ff2 = fd
                    .and_then(|fd| {
                        dict_get(doc, fd, b"FontFile2").or_else(|| dict_get(doc, fd, b"FontFile3"))
                    })
                    .and_then(|o| o.as_stream().ok());
                if let Some(s) = ff2 {
                    if let Some(data) = budget.decode(s, "an embedded font")? {
                        gid_uni = invert_cmap(&data);
                    }
                }
                if let Some(Object::Stream(s)) = dict_get(doc, desc, b"CIDToGIDMap") {
                    if let Some(data) = budget.decode(s, "a CIDToGIDMap")? {
                        cid_gid = Some(
                            data.chunks_exact(2)
                                .map(|c| {
                                    u16::from_be_bytes([
                                        c.first().copied().unwrap_or(0),
                                        c.get(1).copied().unwrap_or(0),
                                    ])
                                })
                                .collect(),
                        );
                    }
                }
            }
        }
        Ok(Kind::Composite {
            coding,
            w,
            w_ranges,
            dw,
            gid_uni,
            cid_gid,
        })
    }

    /// Decodes the next code at the start of `bytes` (non-empty), appending its text to
    /// `out` (U+FFFD when unmapped).
    pub fn next(&self, bytes: &[u8], out: &mut String) -> Code {
        match &self.kind {
            Kind::Simple { widths, table } => {
                let b = bytes.first().copied().unwrap_or(0);
                let code = u32::from(b);
                let mapped = self.tu(code, 1, out)
                    || match table.get(usize::from(b)).copied().flatten() {
                        Some(c) => {
                            out.push(c);
                            true
                        }
                        None => false,
                    };
                if !mapped {
                    out.push('\u{FFFD}');
                }
                Code {
                    len: 1,
                    width: widths.get(usize::from(b)).copied().unwrap_or(0.0),
                    is_space: b == 32,
                    mapped,
                }
            }
            Kind::Composite {
                coding,
                w,
                w_ranges,
                dw,
                gid_uni,
                cid_gid,
            } => {
                let (code, len, cid) = match coding {
                    Coding::Predefined(Predef::Identity) | Coding::Predefined(Predef::Ucs2) => {
                        let n = 2.min(bytes.len());
                        let c = super::cmap::be(bytes.get(..n).unwrap_or(bytes));
                        let cid = if matches!(coding, Coding::Predefined(Predef::Identity)) {
                            Some(c)
                        } else {
                            half_width_cid(c)
                        };
                        (c, n, cid)
                    }
                    Coding::Predefined(Predef::Utf16) => {
                        let lead = bytes.first().copied().unwrap_or(0);
                        let n = if (0xD8..=0xDB).contains(&lead) { 4 } else { 2 };
                        let n = n.min(bytes.len());
                        let c = super::cmap::be(bytes.get(..n).unwrap_or(bytes));
                        (c, n, half_width_cid(c))
                    }
                    Coding::Predefined(Predef::Mb(enc)) => {
                        let n = mb_len(enc, bytes);
                        let c = super::cmap::be(bytes.get(..n).unwrap_or(bytes));
                        (c, n, if n == 1 { half_width_cid(c) } else { None })
                    }
                    Coding::Embedded(cm) => {
                        let (c, n) = cm.codespace.next_code(bytes);
                        (c, n, cm.cid(c, n))
                    }
                };
                let width = cid
                    .and_then(|cid| {
                        w.get(&cid).copied().or_else(|| {
                            w_ranges
                                .iter()
                                .find(|(lo, hi, _)| cid >= *lo && cid <= *hi)
                                .map(|r| r.2)
                        })
                    })
                    .unwrap_or(*dw)
                    / 1000.0;
                let mut mapped = self.tu(code, len, out);
                if !mapped {
                    let code_bytes = bytes.get(..len).unwrap_or(bytes);
                    mapped = match coding {
                        Coding::Predefined(Predef::Ucs2) => push_cp(code, out),
                        Coding::Predefined(Predef::Utf16) => {
                            if len == 4 {
                                let hi = code >> 16;
                                let lo = code & 0xFFFF;
                                push_cp(
                                    0x10000
                                        + ((hi.wrapping_sub(0xD800)) << 10)
                                        + lo.wrapping_sub(0xDC00),
                                    out,
                                )
                            } else {
                                push_cp(code, out)
                            }
                        }
                        Coding::Predefined(Predef::Mb(enc)) => push_mb(enc, code_bytes, out),
                        Coding::Predefined(Predef::Identity) => match gid_uni {
                            Some(map) => {
                                let gid = match cid_gid {
                                    Some(cg) => cg.get(code as usize).map(|&g| u32::from(g)),
                                    None => Some(code),
                                };
                                gid.and_then(|g| map.get(g as usize))
                                    .is_some_and(|&u| u != 0 && push_cp(u, out))
                            }
                            None => false,
                        },
                        Coding::Embedded(_) => false,
                    };
                }
                if !mapped {
                    out.push('\u{FFFD}');
                }
                Code {
                    len: len.max(1),
                    width,
                    is_space: len == 1 && code == 32,
                    mapped,
                }
            }
        }
    }

    fn tu(&self, code: u32, len: usize, out: &mut String) -> bool {
        self.to_unicode
            .as_ref()
            .is_some_and(|t| t.lookup(code, len, out))
    }
}

/// Adobe CJK character collections put printable ASCII at CIDs 1–95.
fn half_width_cid(unicode: u32) -> Option<u32> {
    (0x20..=0x7E).contains(&unicode).then(|| unicode - 0x1F)
}

fn push_cp(cp: u32, out: &mut String) -> bool {
    match char::from_u32(cp) {
        Some(c) if cp >= 0x20 || c == '\t' => {
            out.push(c);
            true
        }
        _ => false,
    }
}

fn push_mb(enc: &'static encoding_rs::Encoding, bytes: &[u8], out: &mut String) -> bool {
    if bytes.len() == 1 {
        let b = bytes.first().copied().unwrap_or(0);
        return (0x20..0x7F).contains(&b) && push_cp(u32::from(b), out);
    }
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut buf = [0u8; 16];
    let (res, _read, written) = dec.decode_to_utf8_without_replacement(bytes, &mut buf, true);
    match (res, std::str::from_utf8(buf.get(..written).unwrap_or(&[]))) {
        (encoding_rs::DecoderResult::InputEmpty, Ok(s)) if !s.is_empty() => {
            out.push_str(s);
            true
        }
        _ => false,
    }
}

/// Inverts a TrueType/OpenType cmap: glyph id → Unicode (0 = none). Prefers non-private-use
/// code points when several map to one glyph.
fn invert_cmap(font: &[u8]) -> Option<Vec<u32>> {
    let raw = ttf_parser::RawFace::parse(font, 0).ok()?;
    let table = raw.table(ttf_parser::Tag::from_bytes(b"cmap"))?;
    let cmap = ttf_parser::cmap::Table::parse(table)?;
    let mut map: Vec<u32> = Vec::new();
    // Code points are looked up one by one (ttf-parser does the mapping) over the ranges
    // each subtable declares, merged and clipped to the BMP and the CJK supplementary plane,
    // instead of enumerating with ttf-parser's `codepoints`: a hostile subtable declares
    // billions (format 4 segments or format 12 groups spanning everything, overlapping), and
    // `codepoints` cannot be stopped early (a fuzzed 1.2 KiB PDF took 15 s in it). Merged
    // ranges bound the work at 8 Unicode subtables × 196,608 lookups; a usual subset font
    // declares a few hundred code points, so this costs microseconds instead of the ~2 ms
    // of scanning the whole BMP.
    let mut unicode_subtables = 0;
    for index in 0..cmap.subtables.len() {
        if unicode_subtables == 8 {
            break;
        }
        let Some(sub) = cmap.subtables.get(index) else {
            continue;
        };
        if !sub.is_unicode() {
            continue;
        }
        unicode_subtables += 1;
        let ranges = declared_ranges(table, index).unwrap_or_else(|| {
            // Formats whose ranges we do not read (0, 2, 6, 10, 14): the whole BMP, and
            // plane 2 for none of them (only 12 and 13 reach beyond the BMP).
            vec![(0, 0xFFFF)]
        });
        for (lo, hi) in ranges {
            for cp in lo..=hi {
                let Some(g) = sub.glyph_index(cp) else {
                    continue;
                };
                let gi = usize::from(g.0);
                if gi >= map.len() {
                    map.resize(gi + 1, 0);
                }
                if let Some(slot) = map.get_mut(gi) {
                    let pua = |c: u32| (0xE000..=0xF8FF).contains(&c);
                    if *slot == 0 || (pua(*slot) && !pua(cp)) {
                        *slot = cp;
                    }
                }
            }
        }
    }
    (!map.is_empty()).then_some(map)
}

/// The code point ranges that subtable `index` of a raw `cmap` table declares, sorted,
/// merged and clipped to U+0000..=U+2FFFF (the BMP and the CJK supplementary plane), for
/// formats 4, 12 and 13; `None` for other formats or a table too short to read. Every read
/// is bounds-checked; at most as many ranges as the table's bytes can hold are read.
fn declared_ranges(cmap: &[u8], index: u16) -> Option<Vec<(u32, u32)>> {
    let u16_at = |d: &[u8], at: usize| -> Option<u32> {
        let b = d.get(at..at.checked_add(2)?)?;
        Some(u32::from(u16::from_be_bytes([*b.first()?, *b.get(1)?])))
    };
    let u32_at = |d: &[u8], at: usize| -> Option<u32> {
        let b = d.get(at..at.checked_add(4)?)?;
        Some(u32::from_be_bytes(b.try_into().ok()?))
    };
    // Encoding records start at byte 4, 8 bytes each: platform, encoding, offset (u32).
    let record = 4 + usize::from(index) * 8;
    let offset = usize::try_from(u32_at(cmap, record + 4)?).ok()?;
    let sub = cmap.get(offset..)?;
    const LAST: u32 = 0x2_FFFF;
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    match u16_at(sub, 0)? {
        4 => {
            let seg_count = usize::try_from(u16_at(sub, 6)? / 2).ok()?;
            let ends = 14;
            let starts = ends + seg_count * 2 + 2;
            for i in 0..seg_count {
                let (Some(end), Some(start)) =
                    (u16_at(sub, ends + i * 2), u16_at(sub, starts + i * 2))
                else {
                    break;
                };
                if start <= end {
                    ranges.push((start, end));
                }
            }
        }
        12 | 13 => {
            let groups = usize::try_from(u32_at(sub, 12)?).ok()?;
            // Never more groups than the bytes hold (12 bytes each).
            let groups = groups.min(sub.len().saturating_sub(16) / 12);
            for i in 0..groups {
                let at = 16 + i * 12;
                let (Some(start), Some(end)) = (u32_at(sub, at), u32_at(sub, at + 4)) else {
                    break;
                };
                if start <= end && start <= LAST {
                    ranges.push((start, end.min(LAST)));
                }
            }
        }
        _ => return None,
    }
    ranges.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match merged.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    Some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A raw `cmap` table with one Unicode (3, 1 or 3, 10) record pointing at `sub`.
    fn cmap_with(encoding: u16, sub: &[u8]) -> Vec<u8> {
        let mut t = vec![0, 0, 0, 1, 0, 3];
        t.extend(encoding.to_be_bytes());
        t.extend(12u32.to_be_bytes());
        t.extend(sub);
        t
    }

    // Format 4: segments out of order, overlapping, adjacent and inverted are sorted,
    // merged and the inverted one dropped; a segment count larger than the bytes stops
    // at the bytes.
    #[test]
    fn declared_ranges_format4() {
        let segs: [(u16, u16); 5] = [
            (0x4E00, 0x4E10),
            (0x20, 0x7E),
            (0x4E05, 0x4E20),
            (0x4E21, 0x4E22),
            (0x90, 0x80),
        ];
        let mut sub = vec![0, 4, 0, 0, 0, 0];
        sub.extend((segs.len() as u16 * 2).to_be_bytes());
        sub.extend([0; 6]);
        sub.extend(segs.iter().flat_map(|s| s.1.to_be_bytes()));
        sub.extend([0, 0]);
        sub.extend(segs.iter().flat_map(|s| s.0.to_be_bytes()));
        let t = cmap_with(1, &sub);
        assert_eq!(
            declared_ranges(&t, 0),
            Some(vec![(0x20, 0x7E), (0x4E00, 0x4E22)])
        );
        // Claims 32,767 segments; holds the same five.
        let mut lying = sub.clone();
        lying.splice(6..8, 0xFFFEu16.to_be_bytes());
        let t = cmap_with(1, &lying);
        assert!(declared_ranges(&t, 0).is_some_and(|r| r.len() <= 5));
        // Not a format we read, and a record past the end.
        assert_eq!(declared_ranges(&cmap_with(1, &[0, 6, 0, 0]), 0), None);
        assert_eq!(declared_ranges(&t, 3), None);
    }

    // Format 12: groups are clipped to plane 2, a group starting beyond it is dropped, and
    // a group count of four billion reads only the groups the bytes hold.
    #[test]
    fn declared_ranges_format12() {
        let groups: [(u32, u32); 3] = [
            (0x2_0000, 0x10_FFFF),
            (0x3_0000, 0x3_0010),
            (0x4E00, 0x9FFF),
        ];
        let mut sub = vec![0, 12, 0, 0];
        sub.extend(0u32.to_be_bytes());
        sub.extend(0u32.to_be_bytes());
        sub.extend(u32::MAX.to_be_bytes());
        for (a, b) in groups {
            sub.extend(a.to_be_bytes());
            sub.extend(b.to_be_bytes());
            sub.extend(1u32.to_be_bytes());
        }
        let t = cmap_with(10, &sub);
        assert_eq!(
            declared_ranges(&t, 0),
            Some(vec![(0x4E00, 0x9FFF), (0x2_0000, 0x2_FFFF)])
        );
    }

    // Predefined CMap names map to the right decoders; code lengths follow the lead byte.
    #[test]
    fn predefined_cmaps() {
        assert_eq!(predef_by_name(b"UniGB-UCS2-H"), Some(Predef::Ucs2));
        assert_eq!(predef_by_name(b"UniGB-UTF16-V"), Some(Predef::Utf16));
        assert_eq!(
            predef_by_name(b"GBK-EUC-H"),
            Some(Predef::Mb(encoding_rs::GB18030))
        );
        assert_eq!(
            predef_by_name(b"ETen-B5-H"),
            Some(Predef::Mb(encoding_rs::BIG5))
        );
        assert_eq!(predef_by_name(b"Foo-H"), None);
        assert_eq!(mb_len(encoding_rs::GB18030, b"A\xca\xd5"), 1);
        assert_eq!(mb_len(encoding_rs::GB18030, b"\xca\xd5"), 2);
        assert_eq!(mb_len(encoding_rs::GB18030, b"\x81\x30\x81\x30"), 4);
        let mut s = String::new();
        assert!(push_mb(encoding_rs::GB18030, b"\xca\xd5", &mut s));
        assert!(push_mb(encoding_rs::BIG5, b"\xa4\xa4", &mut s));
        assert!(!push_mb(encoding_rs::GB18030, b"\xff\xff", &mut s));
        assert_eq!(s, "收中");
    }
}
