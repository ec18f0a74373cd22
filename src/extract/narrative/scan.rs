//! Scanning one paragraph: width-normalised text with a map back to the published text,
//! sentences, clauses, quantity mentions (units.toml) and the leads before them.
//!
//! Matching runs on `number::normalize(text)`, which keeps one char for one char, so every
//! byte range found in the normalised text maps to a char range and from there to a byte
//! range of the original: labels and quotes are cut from the text as published.

use crate::extract::FactKind;
use crate::number::{self, Number};
use crate::patterns::PatternSet;
use rust_decimal::Decimal;

/// Most characters of one paragraph that are scanned (a guard against pathological input;
/// longer paragraphs are cut and a warning is raised by the caller).
pub const MAX_PARAGRAPH_CHARS: usize = 20_000;

/// A paragraph in two widths with offset maps.
pub struct Text<'a> {
    /// The published text.
    pub orig: &'a str,
    /// Width-normalised text (same char count).
    pub norm: String,
    /// Byte offset of each char in `norm`, plus `norm.len()`.
    norm_at: Vec<usize>,
    /// Byte offset of each char in `orig`, plus `orig.len()`.
    orig_at: Vec<usize>,
}

impl<'a> Text<'a> {
    /// Builds the normalised text and the offset maps.
    pub fn new(orig: &'a str) -> Text<'a> {
        let norm = number::normalize(orig);
        let mut norm_at: Vec<usize> = norm.char_indices().map(|(i, _)| i).collect();
        norm_at.push(norm.len());
        let mut orig_at: Vec<usize> = orig.char_indices().map(|(i, _)| i).collect();
        orig_at.push(orig.len());
        Text {
            orig,
            norm,
            norm_at,
            orig_at,
        }
    }

    /// Maps a byte offset of `norm` to a byte offset of `orig`.
    pub(super) fn to_orig(&self, b: usize) -> usize {
        let ci = match self.norm_at.binary_search(&b) {
            Ok(i) | Err(i) => i,
        };
        self.orig_at
            .get(ci)
            .copied()
            .unwrap_or(self.orig.len())
            .min(self.orig.len())
    }

    /// The published text for a normalised byte range.
    pub fn orig_slice(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = (self.to_orig(start), self.to_orig(end));
        self.orig.get(s..e.max(s)).unwrap_or("")
    }

    /// The normalised text of a byte range.
    pub fn norm_slice(&self, start: usize, end: usize) -> &str {
        self.norm.get(start..end.max(start)).unwrap_or("")
    }
}

/// A sentence: a normalised byte range ending after 。!? (or at the end of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start byte in `norm`.
    pub start: usize,
    /// End byte in `norm`.
    pub end: usize,
}

/// Sentence ranges of a normalised text.
pub fn sentences(norm: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in norm.char_indices() {
        if matches!(c, '。' | '!' | '?') {
            let end = i + c.len_utf8();
            out.push(Span { start, end });
            start = end;
        }
    }
    if start < norm.len() && !norm[start..].trim().is_empty() {
        out.push(Span {
            start,
            end: norm.len(),
        });
    }
    out
}

/// True for a char that separates clauses.
pub fn is_clause_delim(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '、' | '。' | '!' | '?')
}

/// One quantity found in the text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Start of the number (normalised bytes).
    pub start: usize,
    /// End of the unit.
    pub end: usize,
    /// Amount, percent, count or date.
    pub kind: FactKind,
    /// The number (value, printed form, decimals).
    pub number: Number,
    /// The unit, width-normalised ("万元", "%", "台(套)"); empty for dates.
    pub unit: String,
}

/// Finds every quantity mention in a sentence (non-overlapping, leftmost, longest), skipping
/// spans the `ignore` patterns cover.
pub fn mentions(text: &Text, span: Span, patterns: &PatternSet, ignored: &[Span]) -> Vec<Mention> {
    let s = text.norm_slice(span.start, span.end);
    let mut found: Vec<Mention> = Vec::new();
    for p in patterns.with_prefix("unit.") {
        let Some(kind) = p.emit("kind").and_then(kind_of) else {
            continue;
        };
        for caps in p.regex.captures_iter(s) {
            let Some(whole) = caps.get(0) else { continue };
            let start = span.start + whole.start();
            let end = span.start + whole.end();
            // A number glued to a preceding digit, point or Latin letter is part of a code.
            let prev = text.norm[..start].chars().next_back();
            if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.') {
                continue;
            }
            if ignored.iter().any(|g| start < g.end && g.start < end) {
                continue;
            }
            let mut m = if kind == FactKind::Date {
                date_mention(text, &caps, span.start, start, end)
            } else {
                number_mention(text, &caps, span.start, kind, start, end)
            };
            // "预决算差异率-5.62%": a minus right before a percent, not after a digit (a
            // range "90-100%"), is the number's sign.
            if kind == FactKind::Percent {
                if let Some(mm) = m.as_mut() {
                    negate_if_signed(text, span.start, mm);
                }
            }
            if let Some(m) = m {
                found.push(m);
            }
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Mention> = Vec::new();
    for m in found {
        if out.last().is_some_and(|l| m.start < l.end) {
            continue;
        }
        out.push(m);
    }
    out
}

/// Takes a minus sign printed before the mention into its number (and its span).
fn negate_if_signed(text: &Text, floor: usize, m: &mut Mention) {
    let before = text.norm.get(floor..m.start).unwrap_or("");
    let mut rev = before.chars().rev();
    let Some(sign @ ('-' | '−' | '－')) = rev.next() else {
        return;
    };
    if rev
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '%'))
    {
        return;
    }
    let stated = format!("-{}", m.number.stated);
    let Some(mut number) = number::parse_number(&stated) else {
        return;
    };
    number.stated = stated;
    m.number = number;
    m.start -= sign.len_utf8();
}

fn kind_of(s: &str) -> Option<FactKind> {
    match s {
        "amount" => Some(FactKind::Amount),
        "percent" => Some(FactKind::Percent),
        "count" => Some(FactKind::Count),
        "date" => Some(FactKind::Date),
        _ => None,
    }
}

fn number_mention(
    text: &Text,
    caps: &regex::Captures,
    base: usize,
    kind: FactKind,
    start: usize,
    end: usize,
) -> Option<Mention> {
    let num = caps.name("num")?;
    let unit = caps.name("unit")?;
    let printed = text.orig_slice(base + num.start(), base + num.end());
    // A stray space inside a printed number (a hard wrap, a PDF gap) is not part of it.
    let compact: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
    let mut number = number::parse_number(&compact)?;
    number.stated = compact;
    let unit: String = unit
        .as_str()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Some(Mention {
        start,
        end,
        kind,
        number,
        unit,
    })
}

fn date_mention(
    text: &Text,
    caps: &regex::Captures,
    _base: usize,
    start: usize,
    end: usize,
) -> Option<Mention> {
    let y: u32 = caps.name("year")?.as_str().parse().ok()?;
    let m: u32 = caps.name("month")?.as_str().parse().ok()?;
    let d: u32 = caps.name("day")?.as_str().parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let value = Decimal::from(y * 10_000 + m * 100 + d);
    Some(Mention {
        start,
        end,
        kind: FactKind::Date,
        number: Number {
            value,
            stated: text.orig_slice(start, end).to_string(),
            decimals: 0,
        },
        unit: String::new(),
    })
}

/// Spans of a sentence covered by `action = "ignore"` patterns.
pub fn ignored_spans(text: &Text, span: Span, patterns: &PatternSet) -> Vec<Span> {
    let s = text.norm_slice(span.start, span.end);
    let mut out = Vec::new();
    for p in patterns
        .with_prefix("label.")
        .filter(|p| p.emit("action") == Some("ignore"))
    {
        for m in p.regex.find_iter(s) {
            out.push(Span {
                start: span.start + m.start(),
                end: span.start + m.end(),
            });
        }
    }
    out
}

/// Trims whitespace and clause punctuation from both ends of a normalised range, and an
/// unbalanced closing bracket at the start / opening bracket at the end.
pub fn trim(text: &Text, mut span: Span) -> Span {
    let s = text.norm_slice(span.start, span.end);
    let lead = s
        .chars()
        .take_while(|c| c.is_whitespace() || is_clause_delim(*c) || matches!(c, ')' | '）'))
        .map(char::len_utf8)
        .sum::<usize>();
    span.start += lead;
    let s = text.norm_slice(span.start, span.end);
    let tail = s
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace() || is_clause_delim(*c) || matches!(c, '(' | '（'))
        .map(char::len_utf8)
        .sum::<usize>();
    span.end = span.end.saturating_sub(tail).max(span.start);
    span
}

/// Applies the label patterns to a lead: strip prefixes (repeatedly), a department name and
/// a parenthesis right after it, and suffixes. Returns the narrowed range.
pub fn clean_label(
    text: &Text,
    span: Span,
    patterns: &PatternSet,
    department: Option<&str>,
) -> Span {
    clean_label_dated(text, span, patterns, department).0
}

/// A year that dates a figure: the year its lead opens with (`label.dated` of labels.toml,
/// after enumeration, department name and connectors), where it starts in the normalised
/// text, and the pattern's `levels` words.
#[derive(Debug, Clone)]
pub struct Dated {
    pub year: i32,
    pub start: usize,
    pub levels: String,
}

/// The year `span` opens with when it dates a figure (`label.dated`).
fn dated_at(text: &Text, span: Span, patterns: &PatternSet) -> Option<Dated> {
    let s = text.norm_slice(span.start, span.end);
    patterns
        .with_prefix("label.")
        .filter(|p| p.emit("action") == Some("dated"))
        .find_map(|p| {
            let c = p.regex.captures(s)?;
            let year = c.name("year")?.as_str().parse().ok()?;
            Some(Dated {
                year,
                start: span.start,
                levels: p.emit("levels").unwrap_or("").to_string(),
            })
        })
}

/// [`clean_label`], also giving the year that dates the figure when the lead opens with one
/// (2022年度收入总计 → 2022).
pub fn clean_label_dated(
    text: &Text,
    mut span: Span,
    patterns: &PatternSet,
    department: Option<&str>,
) -> (Span, Option<Dated>) {
    let mut dated = None;
    span = trim(text, span);
    // Bounded: each round removes at least one char or stops.
    for _ in 0..16 {
        let before = span.start;
        let s = text.norm_slice(span.start, span.end);
        if dated.is_none() {
            dated = dated_at(text, span, patterns);
        }
        for p in patterns
            .with_prefix("label.")
            .filter(|p| p.emit("action") == Some("strip_prefix"))
        {
            if let Some(m) = p.regex.find(s) {
                if m.start() == 0 && m.end() > 0 {
                    span.start += m.end();
                    break;
                }
            }
        }
        if let Some(dep) = department.filter(|d| !d.is_empty()) {
            let s = text.norm_slice(span.start, span.end);
            if let Some(rest) = s.strip_prefix(dep) {
                span.start += dep.len();
                if rest.starts_with('(') {
                    if let Some(close) = rest.find(')') {
                        span.start += close + 1;
                    }
                }
            }
        }
        span = trim(text, span);
        if span.start == before {
            break;
        }
    }
    let s = text.norm_slice(span.start, span.end);
    for p in patterns
        .with_prefix("label.")
        .filter(|p| p.emit("action") == Some("strip_suffix"))
    {
        if let Some(m) = p.regex.find(s) {
            if m.end() == s.len() && m.start() > 0 {
                span.end = span.start + m.start();
                break;
            }
        }
    }
    // A figure in brackets after the words it is compared with ("与2023年度相比（2023年度支出
    // 决算为"): its own label opens after the last bracket.
    if dated.is_none() {
        let s = text.norm_slice(span.start, span.end);
        if let Some(i) = s.rfind('(') {
            let start = span.start + i + 1;
            let inner = trim(
                text,
                Span {
                    start,
                    end: span.end,
                },
            );
            dated = dated_at(text, inner, patterns);
        }
    }
    (trim(text, span), dated)
}

/// Counts the top-level items of a 、-separated list, ignoring 、 inside brackets.
pub fn count_items(items: &str) -> usize {
    let mut depth: i32 = 0;
    let mut count = 0;
    let mut current_has_text = false;
    for c in items.chars() {
        match c {
            '(' | '（' | '[' | '【' | '《' => {
                depth += 1;
                current_has_text = true;
            }
            ')' | '）' | ']' | '】' | '》' => {
                depth = (depth - 1).max(0);
                current_has_text = true;
            }
            '、' if depth == 0 => {
                if current_has_text {
                    count += 1;
                }
                current_has_text = false;
            }
            c if c.is_whitespace() => {}
            _ => current_has_text = true,
        }
    }
    if current_has_text {
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    // Quotes and labels are cut from the published text even when it is full-width.
    #[test]
    fn maps_normalised_ranges_back_to_the_original() {
        let t = Text::new("收入总计２，４０５．５９万元，其中：");
        let start = t.norm.find('2').expect("digit");
        let end = t.norm.find("万元").expect("unit") + "万元".len();
        assert_eq!(t.orig_slice(start, end), "２，４０５．５９万元");
    }

    // Mentions: amounts, percents with a space before the sign, counts with 台（套）.
    #[test]
    fn finds_mentions() {
        let set = PatternSet::builtin().expect("patterns");
        let t = Text::new("本年收入1,298.54万元，占78.67 %；设备0台（套），车辆2辆。");
        let s = sentences(&t.norm);
        assert_eq!(s.len(), 1);
        let ms = mentions(&t, s[0], &set, &[]);
        let got: Vec<(String, String)> = ms
            .iter()
            .map(|m| (m.number.stated.clone(), m.unit.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("1,298.54".to_string(), "万元".to_string()),
                ("78.67".to_string(), "%".to_string()),
                ("0".to_string(), "台(套)".to_string()),
                ("2".to_string(), "辆".to_string()),
            ]
        );
    }

    // Top-level list items only: 、 inside brackets does not split an item.
    #[test]
    fn counts_top_level_items() {
        assert_eq!(
            count_items("办公室 （组织人事科）、甲科（乙、丙）、丁中心"),
            3
        );
        assert_eq!(count_items("甲、乙、"), 2);
        assert_eq!(count_items(""), 0);
    }
}
