//! CMap files: ToUnicode maps (`bfchar`/`bfrange`, array form included) and embedded
//! encoding CMaps (`cidchar`/`cidrange`), with their codespace ranges for 1–4 byte codes.
//!
//! Parsed once per stream object and shared between fonts (see `font.rs`). Ranges are kept
//! as ranges, never expanded, so a hostile `<00000000> <FFFFFFFF>` range costs nothing.

use super::lexer::{Lexer, Tok};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher for small integer keys (codes); the input cannot choose collisions that
/// matter because tables are bounded by the stream size limit.
#[derive(Default)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

/// A HashMap keyed by small integers.
pub type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// Codespace ranges: how many bytes the next code in a string takes.
#[derive(Debug, Clone, Default)]
pub struct CodeSpace {
    /// (length in bytes, low bytes, high bytes).
    ranges: Vec<(u8, [u8; 4], [u8; 4])>,
}

impl CodeSpace {
    /// A codespace of fixed-width codes of `n` bytes (1–4).
    pub fn fixed(n: u8) -> Self {
        let n = n.clamp(1, 4);
        CodeSpace {
            ranges: vec![(n, [0; 4], [0xFF; 4])],
        }
    }

    /// Whether no range was declared.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    fn add(&mut self, lo: &[u8], hi: &[u8]) {
        if lo.is_empty() || lo.len() > 4 || lo.len() != hi.len() {
            return;
        }
        let mut l = [0u8; 4];
        let mut h = [0u8; 4];
        for (i, (&a, &b)) in lo.iter().zip(hi).enumerate() {
            if let (Some(x), Some(y)) = (l.get_mut(i), h.get_mut(i)) {
                *x = a;
                *y = b;
            }
        }
        self.ranges.push((lo.len() as u8, l, h));
    }

    /// The next code at the start of `bytes` (non-empty): (code, length). A byte sequence
    /// matching no range is taken as a code of the shortest declared length.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for n in 1..=4usize {
            let Some(head) = bytes.get(..n) else { break };
            let hit = self.ranges.iter().any(|(len, lo, hi)| {
                usize::from(*len) == n
                    && head.iter().enumerate().all(|(i, b)| {
                        lo.get(i).is_some_and(|l| l <= b) && hi.get(i).is_some_and(|h| b <= h)
                    })
            });
            if hit {
                return (be(head), n);
            }
        }
        let n = self
            .ranges
            .iter()
            .map(|r| usize::from(r.0))
            .min()
            .unwrap_or(1)
            .min(bytes.len())
            .max(1);
        (be(bytes.get(..n).unwrap_or(bytes)), n)
    }
}

/// Big-endian value of up to 4 bytes.
pub fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |a, &b| a << 8 | u32::from(b))
}

/// What a code maps to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// One character (the usual case).
    Char(char),
    /// Several characters (ligatures), or none.
    Str(Box<str>),
}

#[derive(Debug, Clone)]
enum RangeDst {
    /// Destination of the first code; later codes increment its last character.
    Base(Box<str>),
    /// One destination per code.
    Array(Vec<Target>),
    /// Start CID (cidrange).
    Cid(u32),
}

#[derive(Debug, Clone)]
struct Range {
    len: u8,
    lo: u32,
    hi: u32,
    dst: RangeDst,
}

/// A parsed CMap: a ToUnicode map, or a code → CID map.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// Declared codespace (may be empty in sloppy ToUnicode maps).
    pub codespace: CodeSpace,
    chars: IntMap<u64, Target>,
    cids: IntMap<u64, u32>,
    ranges: Vec<Range>,
    /// Code lengths seen in mappings (bit n-1 set for length n), to infer a codespace.
    lengths: u8,
    /// `/Name usecmap`: a predefined CMap this one extends.
    pub usecmap: Option<String>,
}

fn key(len: usize, code: u32) -> u64 {
    (len as u64) << 32 | u64::from(code)
}

fn utf16_target(bytes: &[u8]) -> Target {
    let units = bytes.chunks(2).map(|c| {
        u16::from(c.first().copied().unwrap_or(0)) << 8 | u16::from(c.get(1).copied().unwrap_or(0))
    });
    let s: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .filter(|&c| c != '\0')
        .collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Target::Char(c),
        _ => Target::Str(s.into_boxed_str()),
    }
}

impl CMap {
    /// Parses a CMap file. Never fails: unknown content is skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(data);
        let mut scratch: Vec<u8> = Vec::new();
        // Operands since the last operator: strings as ranges into scratch, numbers, arrays.
        #[derive(Clone)]
        enum Opd {
            S(usize, usize),
            N(u32),
            Arr(Vec<(usize, usize)>),
            Name(String),
        }
        let mut opds: Vec<Opd> = Vec::new();
        let mut in_array: Option<Vec<(usize, usize)>> = None;
        while let Some(t) = lx.next_token(&mut scratch) {
            match t {
                Tok::Str(a, b) => match in_array.as_mut() {
                    Some(arr) => arr.push((a, b)),
                    None => opds.push(Opd::S(a, b)),
                },
                Tok::Num(n) => {
                    if in_array.is_none() {
                        opds.push(Opd::N(if n.is_finite() && n >= 0.0 {
                            n as u32
                        } else {
                            0
                        }));
                    }
                }
                Tok::Name(n) => opds.push(Opd::Name(String::from_utf8_lossy(n).into_owned())),
                Tok::ArrOpen => in_array = Some(Vec::new()),
                Tok::ArrClose => {
                    if let Some(arr) = in_array.take() {
                        opds.push(Opd::Arr(arr));
                    }
                }
                Tok::DictOpen | Tok::DictClose => {}
                Tok::Op(op) => {
                    let bytes = |a: usize, b: usize| scratch.get(a..b).unwrap_or(&[]);
                    match op {
                        b"endcodespacerange" => {
                            for pair in opds.chunks(2) {
                                if let [Opd::S(a, b), Opd::S(c, d)] = pair {
                                    let (lo, hi) = (bytes(*a, *b).to_vec(), bytes(*c, *d).to_vec());
                                    cmap.codespace.add(&lo, &hi);
                                }
                            }
                        }
                        b"endbfchar" => {
                            for pair in opds.chunks(2) {
                                if let [Opd::S(a, b), Opd::S(c, d)] = pair {
                                    let src = bytes(*a, *b);
                                    if src.is_empty() || src.len() > 4 {
                                        continue;
                                    }
                                    cmap.lengths |= 1 << (src.len() - 1);
                                    let t = utf16_target(bytes(*c, *d));
                                    cmap.chars.insert(key(src.len(), be(src)), t);
                                }
                            }
                        }
                        b"endbfrange" => {
                            for tri in opds.chunks(3) {
                                let [Opd::S(a, b), Opd::S(c, d), dst] = tri else {
                                    continue;
                                };
                                let (lo, hi) = (bytes(*a, *b), bytes(*c, *d));
                                if lo.is_empty() || lo.len() > 4 || lo.len() != hi.len() {
                                    continue;
                                }
                                let (lo_v, hi_v) = (be(lo), be(hi));
                                if hi_v < lo_v {
                                    continue;
                                }
                                let dst = match dst {
                                    Opd::S(e, f) => match utf16_target(bytes(*e, *f)) {
                                        Target::Char(c) => {
                                            RangeDst::Base(c.to_string().into_boxed_str())
                                        }
                                        Target::Str(s) => RangeDst::Base(s),
                                    },
                                    Opd::Arr(items) => RangeDst::Array(
                                        items
                                            .iter()
                                            .map(|(e, f)| utf16_target(bytes(*e, *f)))
                                            .collect(),
                                    ),
                                    _ => continue,
                                };
                                cmap.lengths |= 1 << (lo.len() - 1);
                                cmap.ranges.push(Range {
                                    len: lo.len() as u8,
                                    lo: lo_v,
                                    hi: hi_v,
                                    dst,
                                });
                            }
                        }
                        b"endcidchar" => {
                            for pair in opds.chunks(2) {
                                if let [Opd::S(a, b), Opd::N(cid)] = pair {
                                    let src = bytes(*a, *b);
                                    if src.is_empty() || src.len() > 4 {
                                        continue;
                                    }
                                    cmap.lengths |= 1 << (src.len() - 1);
                                    cmap.cids.insert(key(src.len(), be(src)), *cid);
                                }
                            }
                        }
                        b"endcidrange" => {
                            for tri in opds.chunks(3) {
                                if let [Opd::S(a, b), Opd::S(c, d), Opd::N(cid)] = tri {
                                    let (lo, hi) = (bytes(*a, *b), bytes(*c, *d));
                                    if lo.is_empty()
                                        || lo.len() > 4
                                        || lo.len() != hi.len()
                                        || be(hi) < be(lo)
                                    {
                                        continue;
                                    }
                                    cmap.lengths |= 1 << (lo.len() - 1);
                                    cmap.ranges.push(Range {
                                        len: lo.len() as u8,
                                        lo: be(lo),
                                        hi: be(hi),
                                        dst: RangeDst::Cid(*cid),
                                    });
                                }
                            }
                        }
                        b"usecmap" => {
                            if let Some(Opd::Name(n)) = opds.last() {
                                cmap.usecmap = Some(n.clone());
                            }
                        }
                        _ => {}
                    }
                    opds.clear();
                    scratch.clear();
                }
            }
        }
        if cmap.codespace.is_empty() {
            // Sloppy maps omit the codespace: infer a fixed width from the mappings.
            let n = if cmap.lengths & 0b10 != 0 || cmap.lengths == 0 {
                2
            } else if cmap.lengths & 0b1 != 0 {
                1
            } else {
                (cmap.lengths.trailing_zeros() + 1) as u8
            };
            cmap.codespace = CodeSpace::fixed(n);
        }
        cmap.ranges.sort_by_key(|r| (r.len, r.lo));
        cmap
    }

    /// Appends the Unicode text for `code` (of `len` bytes) to `out`; false if unmapped.
    pub fn lookup(&self, code: u32, len: usize, out: &mut String) -> bool {
        if let Some(t) = self.chars.get(&key(len, code)) {
            match t {
                Target::Char(c) => out.push(*c),
                Target::Str(s) => out.push_str(s),
            }
            return true;
        }
        for r in self.ranges.iter().rev() {
            if usize::from(r.len) != len || code < r.lo || code > r.hi {
                continue;
            }
            let off = code - r.lo;
            match &r.dst {
                RangeDst::Base(s) => {
                    let mut chars = s.chars();
                    let last = chars.next_back();
                    out.push_str(chars.as_str());
                    if let Some(l) = last {
                        let v = u32::from(l).saturating_add(off);
                        out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                    }
                    return true;
                }
                RangeDst::Array(items) => {
                    if let Some(t) = items.get(off as usize) {
                        match t {
                            Target::Char(c) => out.push(*c),
                            Target::Str(s) => out.push_str(s),
                        }
                        return true;
                    }
                }
                RangeDst::Cid(_) => {}
            }
        }
        false
    }

    /// The CID for `code` (encoding CMaps), if mapped.
    pub fn cid(&self, code: u32, len: usize) -> Option<u32> {
        if let Some(c) = self.cids.get(&key(len, code)) {
            return Some(*c);
        }
        self.ranges.iter().rev().find_map(|r| match r.dst {
            RangeDst::Cid(start) if usize::from(r.len) == len && code >= r.lo && code <= r.hi => {
                Some(start.saturating_add(code - r.lo))
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOUNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <6536> endbfchar
2 beginbfrange <0020> <0022> <5165> <0030> <0031> [<652F> <D840DC00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    fn text(c: &CMap, code: u32) -> Option<String> {
        let mut s = String::new();
        c.lookup(code, 2, &mut s).then_some(s)
    }

    // bfchar, bfrange with an incremented base and the array form (with a surrogate pair).
    #[test]
    fn parses_tounicode() {
        let c = CMap::parse(TOUNICODE);
        assert_eq!(text(&c, 0x10).as_deref(), Some("收"));
        assert_eq!(text(&c, 0x3).as_deref(), Some(" "));
        assert_eq!(text(&c, 0x20).as_deref(), Some("入"));
        assert_eq!(text(&c, 0x22).as_deref(), Some("\u{5167}"));
        assert_eq!(text(&c, 0x30).as_deref(), Some("支"));
        assert_eq!(text(&c, 0x31).as_deref(), Some("\u{20000}"));
        assert_eq!(text(&c, 0x40), None);
        assert_eq!(c.codespace.next_code(&[0x12, 0x34, 0x56]), (0x1234, 2));
    }

    // Mixed 1- and 2-byte codespaces split by lead byte.
    #[test]
    fn mixed_codespace() {
        let c = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange");
        assert_eq!(c.codespace.next_code(b"A\x81\x40"), (0x41, 1));
        assert_eq!(c.codespace.next_code(b"\x81\x40"), (0x8140, 2));
    }

    // cidrange maps codes to CIDs; a huge range is not expanded.
    #[test]
    fn cid_ranges() {
        let c = CMap::parse(b"1 begincidrange <00000000> <FFFFFFFF> 5 endcidrange 1 begincidchar <0001> 9 endcidchar");
        assert_eq!(c.cid(0x10, 4), Some(0x15));
        assert_eq!(c.cid(1, 2), Some(9));
        assert_eq!(c.cid(1, 1), None);
    }
}
