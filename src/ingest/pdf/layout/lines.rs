//! Glyphs → text lines: glyphs are grouped by the vertical centre of their em box (so a
//! raised or lowered small glyph stays on its line), sorted by x, and joined into text.
//!
//! Spacing follows how Chinese documents are set: no space is ever inserted next to a CJK
//! character or inside a number ("2,405.59万元" stays one token); a space is inserted only
//! where two Latin/digit runs are separated by a visible gap. A gap wider than about one em
//! also splits the line into [`Chunk`]s, which the unruled-table fallback uses as cells.
//!
//! Cost: one sort by centre, one sweep, one sort by x per line.

use super::super::content::Glyph;

/// One piece of a line between wide gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Text of the chunk.
    pub text: String,
}

/// A line of text on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Left edge of the first glyph.
    pub x0: f32,
    /// Right edge of the last glyph.
    pub x1: f32,
    /// Baseline of the line's largest glyph.
    pub y: f32,
    /// Largest font size on the line.
    pub size: f32,
    /// The text, spaces inserted as described in the module doc.
    pub text: String,
    /// Pieces between wide gaps (at least one).
    pub chunks: Vec<Chunk>,
}

impl Line {
    /// Top of the line's em box (PDF y grows upwards).
    pub fn top(&self) -> f32 {
        self.y + 0.8 * self.size
    }

    /// Width of the first token (a run of Latin letters/digits, or one other character):
    /// how much room the line would have needed to start on the previous line.
    pub fn first_token_width(&self) -> f32 {
        first_token_em(&self.text) * self.size
    }
}

/// Estimated width, in em, of the first unbreakable piece of `text`: opening brackets or
/// quotes (which never end a line), then a run of Latin letters and digits (with the
/// separators inside a number) or one other character, then closing punctuation (which
/// never starts a line), and a number glued to that punctuation ("余）0.00"). A CJK
/// character is about one em wide, a Latin letter or digit about half an em.
pub fn first_token_em(text: &str) -> f32 {
    const OPENING: &str = "（(《“‘[【〔<「『";
    const CLOSING: &str = "）)》”’]】〕>」』，。、：；！？%,.;:!?…";
    let em = |c: char| if c.is_ascii() { 0.55 } else { 1.0 };
    let mut chars = text.chars().peekable();
    let mut width = 0.0;
    while let Some(&c) = chars.peek() {
        if !OPENING.contains(c) {
            break;
        }
        width += em(c);
        chars.next();
    }
    let mut units = 0;
    while units < 3 {
        let Some(&c) = chars.peek() else { break };
        if is_latin_or_digit(c) {
            while let Some(&d) = chars.peek() {
                let inner = matches!(d, ',' | '.') && width > 0.0;
                if !(is_latin_or_digit(d) || inner) {
                    break;
                }
                width += em(d);
                chars.next();
            }
        } else if units == 0 {
            width += em(c);
            chars.next();
        } else {
            break;
        }
        units += 1;
        let mut closed = false;
        while let Some(&d) = chars.peek() {
            if !CLOSING.contains(d) {
                break;
            }
            width += em(d);
            closed = true;
            chars.next();
        }
        if !closed {
            break;
        }
    }
    width
}

/// True for CJK ideographs, kana, hangul and full-width forms/punctuation: text that is set
/// without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3200..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// True for ASCII letters and digits (and their full-width forms are CJK, by design: they
/// are set without spaces).
pub fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Vertical centre of a glyph's em box.
fn centre_y(g: &Glyph) -> f32 {
    g.y + 0.35 * g.size
}

/// Groups glyphs into lines, top to bottom. Glyphs with no text or a non-finite position
/// are ignored.
pub fn build_lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs
        .iter()
        .copied()
        .filter(|g| {
            !g.text.is_empty()
                && g.x.is_finite()
                && g.y.is_finite()
                && g.width.is_finite()
                && g.size.is_finite()
        })
        .collect();
    sorted.sort_by(|a, b| {
        centre_y(b)
            .total_cmp(&centre_y(a))
            .then(a.x.total_cmp(&b.x))
    });
    let mut lines = Vec::new();
    let mut current: Vec<&Glyph> = Vec::new();
    // Reference: centre and size of the largest glyph of the current line.
    let mut ref_c = 0.0f32;
    let mut ref_size = 0.0f32;
    for g in sorted {
        let size = g.size.abs().max(0.1);
        let c = centre_y(g);
        if !current.is_empty() && (ref_c - c) <= 0.4 * ref_size.max(size) {
            current.push(g);
            if size > ref_size {
                ref_size = size;
                ref_c = c;
            }
            continue;
        }
        if let Some(line) = finish_line(&mut current) {
            lines.push(line);
        }
        current.push(g);
        ref_c = c;
        ref_size = size;
    }
    if let Some(line) = finish_line(&mut current) {
        lines.push(line);
    }
    lines
}

/// Sorts one line's glyphs by x, drops doubly drawn glyphs (fake bold) and joins the text.
fn finish_line(glyphs: &mut Vec<&Glyph>) -> Option<Line> {
    if glyphs.is_empty() {
        return None;
    }
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut kept: Vec<&Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs.drain(..) {
        if let Some(prev) = kept.last() {
            if prev.text == g.text && (g.x - prev.x).abs() < 0.3 * g.size.abs().max(0.1) {
                continue;
            }
        }
        kept.push(g);
    }
    let (mut y, mut size) = (0.0f32, 0.0f32);
    for g in &kept {
        if g.size.abs() > size {
            size = g.size.abs();
            y = g.y;
        }
    }
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in kept {
        let gtext: &str = &g.text;
        match (prev, chunks.last_mut()) {
            (Some(p), Some(chunk)) => {
                let em = p.size.abs().max(g.size.abs()).max(0.1);
                let gap = g.x - (p.x + p.width);
                let a = p.text.chars().last().unwrap_or(' ');
                let b = gtext.chars().next().unwrap_or(' ');
                if gap > 0.8 * em {
                    chunks.push(Chunk {
                        x0: g.x,
                        x1: g.x + g.width,
                        text: gtext.trim().to_string(),
                    });
                    push_space(&mut text);
                } else {
                    let latin_gap = gap > 0.2 * em
                        && !is_cjk(a)
                        && !is_cjk(b)
                        && !a.is_whitespace()
                        && !b.is_whitespace();
                    if latin_gap {
                        chunk.text.push(' ');
                        push_space(&mut text);
                    }
                    chunk.text.push_str(gtext);
                    chunk.x1 = chunk.x1.max(g.x + g.width);
                }
            }
            _ => chunks.push(Chunk {
                x0: g.x,
                x1: g.x + g.width,
                text: gtext.trim_start().to_string(),
            }),
        }
        if gtext.chars().all(char::is_whitespace) {
            push_space(&mut text);
        } else {
            text.push_str(gtext);
        }
        prev = Some(g);
    }
    for chunk in &mut chunks {
        chunk.text = collapse_spaces(&chunk.text);
    }
    chunks.retain(|c| !c.text.is_empty());
    let text = collapse_spaces(&text);
    if text.is_empty() {
        return None;
    }
    let x0 = chunks.first().map(|c| c.x0).unwrap_or(0.0);
    let x1 = chunks.iter().map(|c| c.x1).fold(x0, f32::max);
    Some(Line {
        x0,
        x1,
        y,
        size,
        text,
        chunks,
    })
}

/// Appends one space unless the text is empty or already ends with whitespace.
fn push_space(text: &mut String) {
    if !text.is_empty() && !text.ends_with(char::is_whitespace) {
        text.push(' ');
    }
}

/// Trims and collapses runs of whitespace to one space.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends a wrapped continuation line: nothing between CJK characters, digits and
/// punctuation (a number broken over two lines rejoins exactly); one space between two
/// Latin letters.
pub fn join_wrapped(text: &mut String, next: &str) {
    if let (Some(a), Some(b)) = (text.chars().last(), next.chars().next()) {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            text.push(' ');
        }
    }
    text.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(s: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in s.chars() {
            let w = if c.is_ascii() { 0.5 * size } else { size };
            out.push(Glyph {
                x,
                y,
                width: w,
                size,
                text: c.into(),
            });
            x += w;
        }
        out
    }

    // CJK and numbers are joined without spaces; a wide gap splits chunks.
    #[test]
    fn joins_cjk_and_numbers_without_spaces() {
        let mut g = glyphs("收入2,405.59万元", 10.0, 700.0, 12.0);
        g.extend(glyphs("合计", 200.0, 700.0, 12.0));
        let refs: Vec<&Glyph> = g.iter().collect();
        let lines = build_lines(&refs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "收入2,405.59万元 合计");
        assert_eq!(lines[0].chunks.len(), 2);
        assert_eq!(lines[0].chunks[1].text, "合计");
    }

    // Token widths: a number with its separators, an opening bracket with what follows.
    #[test]
    fn token_widths() {
        assert_eq!(first_token_em("100%，因此"), 4.0 * 0.55 + 1.0);
        assert_eq!(first_token_em("（新政办发"), 2.0);
        assert_eq!(first_token_em("建工作。"), 1.0);
        assert_eq!(first_token_em("余）0.00万元"), 2.0 + 4.0 * 0.55);
    }

    // Latin words separated by a visible gap get one space; a superscript stays on its line.
    #[test]
    fn latin_gap_and_superscript() {
        let mut g = glyphs("AK", 10.0, 500.0, 10.0);
        g.extend(glyphs("test", 23.0, 500.0, 10.0));
        g.extend(glyphs("2", 43.0, 504.0, 6.0));
        g.extend(glyphs("下一行", 10.0, 485.0, 10.0));
        let refs: Vec<&Glyph> = g.iter().collect();
        let lines = build_lines(&refs);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "AK test2");
        assert_eq!(lines[0].y, 500.0);
        assert_eq!(lines[1].text, "下一行");
    }

    // Doubly drawn glyphs (fake bold) are dropped.
    #[test]
    fn drops_double_drawn_glyphs() {
        let mut g = glyphs("合计", 10.0, 500.0, 10.0);
        g.extend(glyphs("合计", 10.5, 500.0, 10.0));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(build_lines(&refs)[0].text, "合计");
    }
}
