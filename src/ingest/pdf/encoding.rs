//! Simple-font encodings: WinAnsi, MacRoman and Standard base encodings, `/Differences`, and
//! glyph names → Unicode (`uniXXXX`, `uXXXX[XX]`, single letters, and a small table of the
//! common punctuation and digit names). No full Adobe Glyph List: Chinese disclosures use
//! CID fonts for their text; simple fonts carry digits, Latin letters and punctuation.

/// A base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// WinAnsiEncoding (Windows-1252).
    WinAnsi,
    /// MacRomanEncoding.
    MacRoman,
    /// StandardEncoding (Adobe), also the fallback for Type 1 fonts.
    Standard,
}

impl Base {
    /// The base encoding named by a PDF name, if known.
    pub fn from_name(n: &[u8]) -> Option<Base> {
        match n {
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Base::MacRoman),
            b"StandardEncoding" => Some(Base::Standard),
            _ => None,
        }
    }

    /// Builds the 256-entry table of this encoding.
    pub fn table(self) -> [Option<char>; 256] {
        let mut t = [None; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let b = i as u8;
            *slot = match self {
                Base::WinAnsi => single_byte(encoding_rs::WINDOWS_1252, b),
                Base::MacRoman => single_byte(encoding_rs::MACINTOSH, b),
                Base::Standard => standard(b),
            };
        }
        t
    }
}

fn single_byte(enc: &'static encoding_rs::Encoding, b: u8) -> Option<char> {
    if b < 0x20 {
        return None;
    }
    let buf = [b];
    let (s, had_errors) = enc.decode_without_bom_handling(&buf);
    if had_errors {
        return None;
    }
    s.chars().next()
}

fn standard(b: u8) -> Option<char> {
    Some(match b {
        0x27 => '\u{2019}',
        0x60 => '\u{2018}',
        0x20..=0x7E => char::from(b),
        0xA1 => '¡',
        0xA2 => '¢',
        0xA3 => '£',
        0xA4 => '⁄',
        0xA5 => '¥',
        0xA6 => 'ƒ',
        0xA7 => '§',
        0xA8 => '¤',
        0xA9 => '\'',
        0xAA => '“',
        0xAB => '«',
        0xAC => '‹',
        0xAD => '›',
        0xAE => 'ﬁ',
        0xAF => 'ﬂ',
        0xB1 => '–',
        0xB2 => '†',
        0xB3 => '‡',
        0xB4 => '·',
        0xB6 => '¶',
        0xB7 => '•',
        0xB8 => '‚',
        0xB9 => '„',
        0xBA => '”',
        0xBB => '»',
        0xBC => '…',
        0xBD => '‰',
        0xBF => '¿',
        0xC1 => '`',
        0xC2 => '´',
        0xC3 => 'ˆ',
        0xC4 => '˜',
        0xC5 => '¯',
        0xC6 => '˘',
        0xC7 => '˙',
        0xC8 => '¨',
        0xCA => '˚',
        0xCB => '¸',
        0xCD => '˝',
        0xCE => '˛',
        0xCF => 'ˇ',
        0xD0 => '—',
        0xE1 => 'Æ',
        0xE3 => 'ª',
        0xE8 => 'Ł',
        0xE9 => 'Ø',
        0xEA => 'Œ',
        0xEB => 'º',
        0xF1 => 'æ',
        0xF5 => 'ı',
        0xF8 => 'ł',
        0xF9 => 'ø',
        0xFA => 'œ',
        0xFB => 'ß',
        _ => return None,
    })
}

const NAMES: &[(&str, char)] = &[
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("grave", '`'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("endash", '–'),
    ("emdash", '—'),
    ("bullet", '•'),
    ("ellipsis", '…'),
    ("periodcentered", '·'),
    ("degree", '°'),
    ("yen", '¥'),
    ("sterling", '£'),
    ("section", '§'),
    ("paragraph", '¶'),
    ("copyright", '©'),
    ("registered", '®'),
    ("trademark", '™'),
    ("multiply", '×'),
    ("divide", '÷'),
    ("minus", '−'),
    ("plusminus", '±'),
    ("fi", 'ﬁ'),
    ("fl", 'ﬂ'),
    ("nbspace", '\u{A0}'),
    ("nonbreakingspace", '\u{A0}'),
    ("uni00A0", '\u{A0}'),
];

/// Unicode for a glyph name, if the name says it.
pub fn glyph_name(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    // "one.tf", "a.sc": the part before the first dot names the character.
    let base = name.split('.').next().unwrap_or(name);
    if base.len() == 1 {
        let c = base.chars().next()?;
        if c.is_ascii_alphabetic() {
            return Some(c);
        }
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 {
            let first = hex.get(..4)?;
            return u32::from_str_radix(first, 16).ok().and_then(char::from_u32);
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
        }
    }
    NAMES.iter().find(|(n, _)| *n == base).map(|&(_, c)| c)
}

/// The glyph id a name like `g123`, `gid123` or `glyph123` stands for (subsetters name
/// glyphs by id); the embedded font's cmap then gives its Unicode.
pub fn gid_name(name: &[u8]) -> Option<u16> {
    let digits = name
        .strip_prefix(b"glyph")
        .or_else(|| name.strip_prefix(b"gid"))
        .or_else(|| name.strip_prefix(b"g"))?;
    if digits.is_empty() || digits.len() > 5 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Base tables and glyph names of the forms producers use.
    #[test]
    fn names_and_tables() {
        assert_eq!(glyph_name(b"uni6536"), Some('收'));
        assert_eq!(glyph_name(b"u20000"), Some('\u{20000}'));
        assert_eq!(glyph_name(b"zero"), Some('0'));
        assert_eq!(glyph_name(b"one.tf"), Some('1'));
        assert_eq!(glyph_name(b"A"), Some('A'));
        assert_eq!(glyph_name(b"g123"), None);
        assert_eq!(gid_name(b"g123"), Some(123));
        assert_eq!(gid_name(b"glyph7"), Some(7));
        assert_eq!(gid_name(b"grave"), None);
        let w = Base::WinAnsi.table();
        assert_eq!(w[0x80], Some('€'));
        assert_eq!(w[0x41], Some('A'));
        assert_eq!(Base::Standard.table()[0x27], Some('’'));
    }
}
