//! One table cell as a quantity: "1,051.02", "52.87%", "100.00分", ">=942人",
//! "<=18.04万元", "=3万元/人", "=116元/人·年", "2024年12月10日前".
//!
//! A cell is a quantity only when its WHOLE text is one (optional comparator, one number or
//! one date, an optional short unit): a cell of prose with a number inside ("已完成检查22家")
//! is not read here, so a table never yields a guessed number.

use super::vocab::Vocab;
use crate::extract::FactKind;
use crate::number::{normalize_char, parse_number, MoneyUnit, Number};

/// A quantity read from a cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Qty {
    /// A number with its unit as written (width-normalised; "" for a bare number).
    Num { number: Number, unit: String },
    /// A calendar date: yyyymmdd, and the date as printed.
    Date { ymd: u32, stated: String },
}

impl Qty {
    /// The fact kind this quantity makes when the cell itself carries the unit.
    pub(crate) fn kind(&self) -> FactKind {
        match self {
            Qty::Date { .. } => FactKind::Date,
            Qty::Num { unit, .. } => kind_of_unit(unit),
        }
    }
}

/// Amount for money units (also per-head money rates such as "万元/人"), percent for % and
/// ‰, count otherwise.
pub(crate) fn kind_of_unit(unit: &str) -> FactKind {
    if unit == "%" || unit == "‰" {
        return FactKind::Percent;
    }
    let money_head = unit.split('/').next().unwrap_or("");
    if MoneyUnit::parse(money_head).is_some() && !money_head.is_empty() {
        FactKind::Amount
    } else {
        FactKind::Count
    }
}

/// The amount unit a header row states: "（万元）" in a section or column header, or
/// "单位：万元".
pub(crate) fn unit_in(text: &str) -> Option<&'static str> {
    let t: String = crate::number::normalize(text).split_whitespace().collect();
    // MoneyUnit's units (crate::number), not a vocabulary.
    for unit in ["亿元", "万元", "千元", "元"] {
        if t.contains(&format!("({unit})"))
            || t.contains(&format!("单位:{unit}"))
            || t.contains(&format!("单位：{unit}"))
        {
            return Some(unit);
        }
    }
    None
}

/// True for cells that say "nothing here": empty, dashes, slashes.
pub(crate) fn is_blank(text: &str) -> bool {
    text.trim().chars().all(|c| {
        matches!(
            c,
            '-' | '—' | '–' | '－' | '/' | '／' | '\\' | '无' | ' ' | '　'
        )
    })
}

/// Reads a whole cell as a quantity (see the module doc), or `None`.
pub(crate) fn parse_qty(text: &str, vocab: &Vocab) -> Option<Qty> {
    let orig: Vec<char> = text.trim().chars().collect();
    if orig.is_empty() || orig.len() > 48 {
        return None;
    }
    let norm: Vec<char> = orig.iter().map(|c| normalize_char(*c)).collect();
    let mut pos = skip_ws(&norm, 0);
    // Comparator, longest first.
    let mut best = 0;
    for (cmp, _) in &vocab.words.comparators {
        let c: Vec<char> = cmp.chars().collect();
        if c.len() > best && norm[pos..].starts_with(&c) {
            best = c.len();
        }
    }
    pos = skip_ws(&norm, pos + best);
    if let Some((ymd, end)) = parse_date(&norm, pos) {
        let rest: String = norm[end..].iter().collect();
        let rest = rest.trim();
        if rest.is_empty() || vocab.words.date_suffixes.iter().any(|(s, _)| s == rest) {
            let stated: String = orig[pos..end].iter().collect();
            return Some(Qty::Date { ymd, stated });
        }
        return None;
    }
    let start = pos;
    let mut end = pos;
    if end < norm.len() && matches!(norm[end], '-' | '−' | '+') {
        end += 1;
    }
    while end < norm.len() && (norm[end].is_ascii_digit() || matches!(norm[end], ',' | '.')) {
        end += 1;
    }
    let printed: String = orig[start..end].iter().collect();
    let number = parse_number(&printed)?;
    let mut unit: String = norm[end..].iter().collect::<String>().trim().to_string();
    for (suffix, _) in &vocab.words.unit_suffixes {
        if let Some(u) = unit.strip_suffix(suffix.as_str()) {
            unit = u.trim().to_string();
            break;
        }
    }
    if !is_unit(&unit) {
        return None;
    }
    Some(Qty::Num { number, unit })
}

/// A plausible unit: short, no digits, no spaces or sentence punctuation.
fn is_unit(unit: &str) -> bool {
    unit.chars().count() <= 8
        && unit.chars().all(|c| {
            matches!(c, '%' | '‰' | '/' | '·' | '.' | '*')
                || ('\u{4E00}'..='\u{9FFF}').contains(&c)
                || c.is_ascii_alphabetic()
        })
}

fn skip_ws(chars: &[char], mut pos: usize) -> usize {
    while pos < chars.len() && chars[pos].is_whitespace() {
        pos += 1;
    }
    pos
}

/// Reads up to `max` ASCII digits at `pos`.
fn digits(chars: &[char], pos: usize, max: usize) -> Option<(u32, usize)> {
    let mut end = pos;
    let mut v: u32 = 0;
    while end < chars.len() && end - pos < max {
        let Some(d) = chars[end].to_digit(10) else {
            break;
        };
        v = v * 10 + d;
        end += 1;
    }
    (end > pos).then_some((v, end))
}

/// "2024年12月10日", "2024-12-10", "2024.12.10", "2024/12/10" at `pos` → (yyyymmdd, end).
pub(crate) fn parse_date(chars: &[char], pos: usize) -> Option<(u32, usize)> {
    let (y, p) = digits(chars, pos, 4)?;
    if p - pos != 4 {
        return None;
    }
    let p = skip_ws(chars, p);
    let sep = *chars.get(p)?;
    let (m, d, end) = if sep == '年' {
        let (m, q) = digits(chars, skip_ws(chars, p + 1), 2)?;
        let q = skip_ws(chars, q);
        if chars.get(q) != Some(&'月') {
            return None;
        }
        let (d, r) = digits(chars, skip_ws(chars, q + 1), 2)?;
        let r = skip_ws(chars, r);
        if !matches!(chars.get(r), Some('日') | Some('号')) {
            return None;
        }
        (m, d, r + 1)
    } else if matches!(sep, '-' | '.' | '/') {
        let (m, q) = digits(chars, p + 1, 2)?;
        if chars.get(q) != Some(&sep) {
            return None;
        }
        let (d, r) = digits(chars, q + 1, 2)?;
        if chars.get(r).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        (m, d, r)
    } else {
        return None;
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2199).contains(&y) {
        return None;
    }
    Some((y * 10_000 + m * 100 + d, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tables::vocab::builtin;

    fn num(text: &str) -> Option<(String, String)> {
        match parse_qty(text, builtin().expect("vocab")) {
            Some(Qty::Num { number, unit }) => Some((number.plain(), unit)),
            _ => None,
        }
    }

    // Comparator, number and unit are separated; the unit is width-normalised.
    #[test]
    fn reads_target_values() {
        assert_eq!(num(">=942人"), Some(("942".into(), "人".into())));
        assert_eq!(num("<=18.04万元"), Some(("18.04".into(), "万元".into())));
        assert_eq!(num("=3万元/人"), Some(("3".into(), "万元/人".into())));
        assert_eq!(num("=116元/人·年"), Some(("116".into(), "元/人·年".into())));
        assert_eq!(num("＝2次"), Some(("2".into(), "次".into())));
        assert_eq!(num("100.00分"), Some(("100.00".into(), "分".into())));
        assert_eq!(num("52.87%"), Some(("52.87".into(), "%".into())));
        assert_eq!(num("1,051.02"), Some(("1051.02".into(), "".into())));
        assert_eq!(num("=1"), Some(("1".into(), "".into())));
        assert_eq!(num("≥90%以上"), Some(("90".into(), "%".into())));
    }

    // Prose, words and dashes are not quantities.
    #[test]
    fn refuses_prose() {
        assert_eq!(num("已完成检查22家"), None);
        assert_eq!(num("达到预期指标"), None);
        assert_eq!(num("—"), None);
        assert_eq!(num("提升"), None);
        assert_eq!(num("3个 工作日"), None);
        assert!(is_blank("—"));
        assert!(is_blank(" / "));
        assert!(!is_blank("0"));
    }

    // Dates with an optional deadline word become yyyymmdd.
    #[test]
    fn reads_dates() {
        let v = builtin().expect("vocab");
        assert_eq!(
            parse_qty("2024年12月10日前", v),
            Some(Qty::Date {
                ymd: 20241210,
                stated: "2024年12月10日".into()
            })
        );
        assert_eq!(
            parse_qty("=2024年8月31日", v),
            Some(Qty::Date {
                ymd: 20240831,
                stated: "2024年8月31日".into()
            })
        );
        assert_eq!(parse_qty("2024年12月", v), None);
        assert_eq!(parse_qty("2024年12月10日召开会议", v), None);
        assert_eq!(kind_of_unit("万元/人"), FactKind::Amount);
        assert_eq!(kind_of_unit("人次"), FactKind::Count);
    }
}
