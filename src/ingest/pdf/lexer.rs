//! A small, allocation-light tokenizer for PDF content streams and CMap files.
//!
//! We do not use lopdf's content parser: it builds an `Object` tree per operation (one heap
//! allocation per operand), and we need to count operations against a limit, skip inline
//! images without interpreting them, and keep going past garbage. The lexer never panics and
//! always makes progress: every call consumes at least one byte or returns `None` at the end.

/// One token. Borrowed tokens point into the input; string contents are decoded into the
/// caller's scratch buffer (see [`Lexer::next_token`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tok<'a> {
    /// A number (integers and reals alike; positions need no more than f32).
    Num(f32),
    /// A name without its slash (raw bytes, `#xx` escapes left in place).
    Name(&'a [u8]),
    /// A string (literal or hex); its decoded bytes are `scratch[start..end]`.
    Str(usize, usize),
    /// `[`
    ArrOpen,
    /// `]`
    ArrClose,
    /// `<<`
    DictOpen,
    /// `>>`
    DictClose,
    /// An operator or keyword (`Tj`, `BT`, `true`, `begincodespacerange`, ...).
    Op(&'a [u8]),
}

/// Tokenizer state over one input buffer.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

/// PDF whitespace.
#[inline]
pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

#[inline]
fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[inline]
fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end. String bytes are appended to `scratch`.
    pub fn next_token(&mut self, scratch: &mut Vec<u8>) -> Option<Tok<'a>> {
        loop {
            self.skip_white();
            let b = *self.data.get(self.pos)?;
            match b {
                b'/' => {
                    self.pos += 1;
                    let start = self.pos;
                    while let Some(&c) = self.data.get(self.pos) {
                        if is_white(c) || is_delim(c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    return Some(Tok::Name(self.data.get(start..self.pos).unwrap_or(&[])));
                }
                b'(' => {
                    self.pos += 1;
                    let start = scratch.len();
                    self.literal_string(scratch);
                    return Some(Tok::Str(start, scratch.len()));
                }
                b'<' => {
                    if self.data.get(self.pos + 1) == Some(&b'<') {
                        self.pos += 2;
                        return Some(Tok::DictOpen);
                    }
                    self.pos += 1;
                    let start = scratch.len();
                    self.hex_string(scratch);
                    return Some(Tok::Str(start, scratch.len()));
                }
                b'>' => {
                    self.pos += 1;
                    if self.data.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                        return Some(Tok::DictClose);
                    }
                    // A stray '>': skip it.
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Tok::ArrOpen);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Tok::ArrClose);
                }
                b')' | b'{' | b'}' => {
                    // Stray delimiters (PostScript procedures in CMaps): skip.
                    self.pos += 1;
                }
                b'0'..=b'9' | b'+' | b'-' | b'.' => {
                    return Some(self.number());
                }
                _ => {
                    let start = self.pos;
                    while let Some(&c) = self.data.get(self.pos) {
                        if is_white(c) || is_delim(c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    if self.pos == start {
                        self.pos += 1;
                        continue;
                    }
                    return Some(Tok::Op(self.data.get(start..self.pos).unwrap_or(&[])));
                }
            }
        }
    }

    fn number(&mut self) -> Tok<'a> {
        let start = self.pos;
        let mut neg = false;
        if let Some(&s) = self.data.get(self.pos) {
            if s == b'-' || s == b'+' {
                neg = s == b'-';
                self.pos += 1;
            }
        }
        // Some producers write "--5" or "-+5": tolerate extra signs.
        while let Some(&s) = self.data.get(self.pos) {
            if s == b'-' || s == b'+' {
                self.pos += 1;
            } else {
                break;
            }
        }
        let mut int: f64 = 0.0;
        let mut digits = 0usize;
        while let Some(&c) = self.data.get(self.pos) {
            if c.is_ascii_digit() {
                int = int * 10.0 + f64::from(c - b'0');
                digits += 1;
                self.pos += 1;
            } else {
                break;
            }
        }
        if self.data.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            let mut scale = 0.1;
            while let Some(&c) = self.data.get(self.pos) {
                if c.is_ascii_digit() {
                    int += f64::from(c - b'0') * scale;
                    scale *= 0.1;
                    digits += 1;
                    self.pos += 1;
                } else {
                    break;
                }
            }
        }
        if digits == 0 {
            // A lone sign or dot: treat as an operator-like token so it is dropped.
            if self.pos == start {
                self.pos += 1;
            }
            return Tok::Op(self.data.get(start..self.pos).unwrap_or(&[]));
        }
        let v = if neg { -int } else { int };
        Tok::Num(v as f32)
    }

    fn literal_string(&mut self, out: &mut Vec<u8>) {
        let mut depth = 1u32;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        return;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn hex_string(&mut self, out: &mut Vec<u8>) {
        let mut hi: Option<u8> = None;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
    }

    /// Skips inline image data after the `ID` operator: up to and including the `EI` that
    /// stands alone between whitespace. Returns false if no `EI` was found (data to the end).
    pub fn skip_inline_image(&mut self) -> bool {
        // One whitespace byte follows ID.
        self.pos += 1;
        let d = self.data;
        let mut i = self.pos;
        while i + 1 < d.len() {
            if d.get(i) == Some(&b'E')
                && d.get(i + 1) == Some(&b'I')
                && i > 0
                && d.get(i - 1).is_some_and(|&b| is_white(b))
                && d.get(i + 2).is_none_or(|&b| is_white(b) || is_delim(b))
            {
                self.pos = i + 2;
                return true;
            }
            i += 1;
        }
        self.pos = d.len();
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &[u8]) -> (Vec<String>, Vec<u8>) {
        let mut l = Lexer::new(s);
        let mut scratch = Vec::new();
        let mut out = Vec::new();
        while let Some(t) = l.next_token(&mut scratch) {
            out.push(match t {
                Tok::Num(n) => format!("N{n}"),
                Tok::Name(n) => format!("/{}", String::from_utf8_lossy(n)),
                Tok::Str(a, b) => format!("S{}", String::from_utf8_lossy(&scratch[a..b])),
                Tok::ArrOpen => "[".into(),
                Tok::ArrClose => "]".into(),
                Tok::DictOpen => "<<".into(),
                Tok::DictClose => ">>".into(),
                Tok::Op(o) => format!("O{}", String::from_utf8_lossy(o)),
            });
        }
        (out, scratch)
    }

    // Every token kind, escapes and odd-length hex included.
    #[test]
    fn tokenizes_content() {
        let (t, _) =
            toks(b"BT /F1 12 Tf -3.5 .5 Td (a\\(b\\)\\101) Tj <4e2> Tj [1 (x)] TJ % c\nET");
        assert_eq!(
            t,
            vec![
                "OBT", "/F1", "N12", "OTf", "N-3.5", "N0.5", "OTd", "Sa(b)A", "OTj", "SN ", "OTj",
                "[", "N1", "Sx", "]", "OTJ", "OET"
            ]
        );
    }

    // Inline image data may contain anything, including "EI" inside words.
    #[test]
    fn skips_inline_image() {
        let data = b"ID \x00EIx\xff EI Q";
        let mut l = Lexer::new(data);
        let mut s = Vec::new();
        assert_eq!(l.next_token(&mut s), Some(Tok::Op(b"ID")));
        assert!(l.skip_inline_image());
        assert_eq!(l.next_token(&mut s), Some(Tok::Op(b"Q")));
    }
}
