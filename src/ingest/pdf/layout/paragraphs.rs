//! Lines → paragraphs: decides, for two consecutive lines, whether the second starts a new
//! paragraph or continues a hard-wrapped one.
//!
//! The signals, strongest first: a change of font size; a vertical gap wider than the page's
//! usual line pitch; a short first line (the second line's first token would have fitted
//! after it, so the break was not a wrap); an indented second line (first-line indent); a
//! heading or enumeration marker (一、 （一） 1. 第一部分) after a line that ends a clause. A
//! full line ending with 。 is a paragraph end only in documents that do not indent first
//! lines: where they do, the indent says it more reliably (a wrap can fall right after a
//! 。 or ；).

use super::lines::Line;

/// Left/right margins and usual line pitch of one page's body lines.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PageStats {
    /// Left edge of the text column.
    pub left: f32,
    /// Right edge of the text column.
    pub right: f32,
    /// Median baseline distance of consecutive lines (0 when unknown).
    pub pitch: f32,
}

/// Computes a page's margins and pitch from its body lines (top to bottom). Margins fall
/// back to `fallback` when the page has too few lines to tell.
pub fn page_stats(lines: &[&Line], fallback: Option<PageStats>) -> PageStats {
    let mut pitches: Vec<f32> = lines
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => {
                let d = a.y - b.y;
                (d > 0.5 * a.size && d < 3.0 * a.size.max(b.size)).then_some(d)
            }
            _ => None,
        })
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches.get(pitches.len() / 2).copied().unwrap_or(0.0);
    let right = right_edge(lines);
    let full = lines
        .iter()
        .filter(|l| l.x1 >= right - l.size.max(1.0))
        .count();
    let left = lines
        .iter()
        .filter(|l| l.x1 >= right - l.size.max(1.0))
        .map(|l| l.x0)
        .fold(f32::INFINITY, f32::min);
    match fallback {
        Some(f) if full < 2 || !right.is_finite() || !left.is_finite() => PageStats {
            left: f.left,
            right: f.right,
            pitch: if pitch > 0.0 { pitch } else { f.pitch },
        },
        _ => PageStats {
            left: if left.is_finite() { left } else { 0.0 },
            right: if right.is_finite() { right } else { 0.0 },
            pitch,
        },
    }
}

/// The right edge of the text column: the median right end of the lines that end within
/// three em of the longest one (punctuation may hang past the margin; ragged lines stop a
/// character short of it).
fn right_edge(lines: &[&Line]) -> f32 {
    let max = lines.iter().map(|l| l.x1).fold(f32::NEG_INFINITY, f32::max);
    let mut near: Vec<f32> = lines
        .iter()
        .filter(|l| l.x1 >= max - 3.0 * l.size)
        .map(|l| l.x1)
        .collect();
    near.sort_by(f32::total_cmp);
    near.get(near.len() / 2).copied().unwrap_or(max)
}

/// True when a line starts with a heading or enumeration marker.
pub fn starts_with_marker(text: &str) -> bool {
    // Numbering syntax (Chinese numerals, 第…部分/章), not phrasing; and the reader of a PDF
    // runs before any pattern set: a Document does not depend on --patterns.
    const CN_NUM: &str = "一二三四五六七八九十";
    let t = text.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.next();
    if t.starts_with('第') && (t.contains("部分") || t.contains('章')) {
        return t.chars().take(8).any(|c| c == '部' || c == '章');
    }
    if CN_NUM.contains(first) {
        let rest = t.trim_start_matches(|c| CN_NUM.contains(c));
        return rest.starts_with('、');
    }
    if matches!(first, '（' | '(') {
        return second.is_some_and(|c| c.is_ascii_digit() || CN_NUM.contains(c));
    }
    if first.is_ascii_digit() {
        let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
        return rest
            .strip_prefix(['.', '、', '．'])
            .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_digit()));
    }
    ('①'..='⑳').contains(&first)
}

/// True when a line ends a clause: 。！？；： and their ASCII forms.
pub fn ends_clause(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':'])
}

/// True when a line ends a sentence: 。！？ and their ASCII forms.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['。', '！', '？', '!', '?'])
}

/// True when `a` stopped before the right margin with room for `b`'s first token.
pub fn is_short(a: &Line, right: f32, b: &Line) -> bool {
    right - a.x1 > b.first_token_width() + 0.5 * a.size
}

/// Whether `b` starts a new paragraph after `a`. `same_page` enables the vertical-gap test;
/// `indent_style` says whether the document marks paragraphs with a first-line indent.
pub fn breaks(
    a: &Line,
    sa: &PageStats,
    b: &Line,
    sb: &PageStats,
    same_page: bool,
    indent_style: bool,
) -> bool {
    let size = a.size.max(b.size).max(0.1);
    if (a.size - b.size).abs() > 0.15 * size {
        return true;
    }
    if same_page {
        let d = a.y - b.y;
        let limit = if sa.pitch > 0.0 {
            1.3 * sa.pitch
        } else {
            2.2 * size
        };
        if d <= 0.0 || d > limit {
            return true;
        }
    }
    if is_short(a, sa.right, b) {
        return true;
    }
    let a_off = a.x0 - sa.left;
    let b_off = b.x0 - sb.left;
    if b_off > 1.0 * b.size && b_off > a_off + 1.0 * b.size {
        return true;
    }
    if starts_with_marker(&b.text) && ends_clause(&a.text) {
        return true;
    }
    !indent_style && ends_sentence(&a.text)
}

/// Whether the document indents first lines: enough lines start 1.5 to 3 em right of their
/// page's left margin.
pub fn indent_style(pages: &[(PageStats, Vec<&Line>)]) -> bool {
    let mut total = 0usize;
    let mut indented = 0usize;
    for (s, lines) in pages {
        for l in lines {
            total += 1;
            let off = l.x0 - s.left;
            if off >= 1.5 * l.size && off <= 3.0 * l.size && l.x1 >= s.right - l.size {
                indented += 1;
            }
        }
    }
    indented >= 2 && indented * 20 >= total
}

/// Joins the lines of one table cell: wraps are joined, and a new paragraph of the cell
/// (a line after a short one ending a clause, or an enumeration after a short line) is
/// separated by '\n'.
pub fn cell_text(lines: &[Line]) -> String {
    let refs: Vec<&Line> = lines.iter().collect();
    let right = right_edge(&refs);
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    for l in lines {
        match prev {
            None => out.push_str(&l.text),
            Some(a) => {
                let short = is_short(a, right, l);
                if short && (ends_clause(&a.text) || starts_with_marker(&l.text)) {
                    out.push('\n');
                    out.push_str(&l.text);
                } else {
                    super::lines::join_wrapped(&mut out, &l.text);
                }
            }
        }
        prev = Some(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Heading markers are recognised; a decimal number is not one.
    #[test]
    fn markers() {
        for s in [
            "一、主要职能",
            "（一）政府采购",
            "1.完成",
            "第二部分 说明",
            "①甲",
            "(3)乙",
        ] {
            assert!(starts_with_marker(s), "{s}");
        }
        for s in ["1.5万元", "2024年", "第3页", "一般公共"] {
            assert!(!starts_with_marker(s), "{s}");
        }
    }
}
