//! Numbers as printed: exact decimals that remember their printed form and precision, units
//! of money (元/千元/万元/亿元) with a value in 万元, percent signs, and the
//! width normalisation that lets one pattern match "２４．４５％" and "24.45%".
//!
//! Never f64: a printed "2,405.59" is the interval [2405.585, 2405.595] and the number of
//! decimals is part of the fact.

use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// A number exactly as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Number {
    /// The exact value (sign included).
    pub value: Decimal,
    /// The printed form, as in the source ("2,405.59", "２４．４５").
    pub stated: String,
    /// Digits after the decimal point as printed (2 for "2,405.59", 0 for "50").
    pub decimals: u32,
}

impl Number {
    /// The value without separators, keeping printed precision ("2405.59", "0.00").
    pub fn plain(&self) -> String {
        plain_decimal(self.value, self.decimals)
    }
}

/// Formats a decimal with exactly `decimals` digits after the point.
pub fn plain_decimal(value: Decimal, decimals: u32) -> String {
    let mut v = value;
    v.rescale(decimals);
    v.to_string()
}

/// Maps one character to its ASCII/half-width counterpart where the two mean the same for
/// matching: full-width digits, letters, ％, ．, ，, ：, ；, （）, ＜＞＝, ≥/≤ kept as is, and the
/// ideographic space. Always one char for one char, so char offsets survive normalisation.
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{00A0}' => ' ',
        // 。、 and CJK quotes stay: they are sentence structure, not number syntax.
        _ => c,
    }
}

/// Normalises a whole string with [`normalize_char`] (same char count as the input).
pub fn normalize(s: &str) -> String {
    s.chars().map(normalize_char).collect()
}

/// Parses a printed number: optional sign, thousands separators (',' or full-width '，'
/// between digit groups), full-width digits and point. Returns `None` for anything else
/// (no unit or percent sign here: see [`Quantity`]).
pub fn parse_number(printed: &str) -> Option<Number> {
    let trimmed = printed.trim();
    if trimmed.is_empty() || trimmed.chars().count() > 64 {
        return None;
    }
    let norm = normalize(trimmed);
    let (neg, body) = match norm.strip_prefix(['-', '−', '－']) {
        Some(rest) => (true, rest),
        None => (false, norm.strip_prefix('+').unwrap_or(&norm)),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int_part.is_empty() || !int_part.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    // Thousands separators: groups of exactly three digits after the first group.
    let digits: String = if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut d = first.to_string();
        for g in groups {
            if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            d.push_str(g);
        }
        d
    } else {
        if !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        int_part.to_string()
    };
    let decimals = match frac_part {
        Some(f) => {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            f.len() as u32
        }
        None => 0,
    };
    if digits.len() + decimals as usize > 27 {
        return None; // beyond Decimal's 28 significant digits: refuse rather than round
    }
    // More than 24 integer digits is no budget figure, and converting it from 亿元 to 万元
    // (× 10^4) would overflow Decimal's 7.9 × 10^28 and panic.
    if digits.trim_start_matches('0').len() > 24 {
        return None;
    }
    let text = match frac_part {
        Some(f) => format!("{}{}.{}", if neg { "-" } else { "" }, digits, f),
        None => format!("{}{}", if neg { "-" } else { "" }, digits),
    };
    let value = Decimal::from_str(&text).ok()?;
    Some(Number {
        value,
        stated: trimmed.to_string(),
        decimals,
    })
}

/// A unit of money, with its factor to 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
pub enum MoneyUnit {
    /// 元
    Yuan,
    /// 千元
    Qianyuan,
    /// 万元
    Wanyuan,
    /// 亿元
    Yiyuan,
}

impl MoneyUnit {
    /// Recognises a unit word ("元", "千元", "万元", "万", "亿元", "亿").
    pub fn parse(word: &str) -> Option<MoneyUnit> {
        match word.trim() {
            "元" => Some(MoneyUnit::Yuan),
            "千元" => Some(MoneyUnit::Qianyuan),
            "万元" | "万" => Some(MoneyUnit::Wanyuan),
            "亿元" | "亿" => Some(MoneyUnit::Yiyuan),
            _ => None,
        }
    }

    /// The canonical unit word.
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Qianyuan => "千元",
            MoneyUnit::Wanyuan => "万元",
            MoneyUnit::Yiyuan => "亿元",
        }
    }

    /// Converts a value in this unit to 万元, exactly; `None` when the result does not fit
    /// a Decimal (an absurd 亿元 figure), never a panic.
    pub fn to_wan(self, v: Decimal) -> Option<Decimal> {
        match self {
            MoneyUnit::Yuan => v.checked_div(Decimal::from(10_000)),
            MoneyUnit::Qianyuan => v.checked_div(Decimal::from(10)),
            MoneyUnit::Wanyuan => Some(v),
            MoneyUnit::Yiyuan => v.checked_mul(Decimal::from(10_000)),
        }
    }

    /// Decimal places that a value in this unit gains when converted to 万元 (元 → 4 more).
    pub fn extra_wan_decimals(self) -> i32 {
        match self {
            MoneyUnit::Yuan => 4,
            MoneyUnit::Qianyuan => 1,
            MoneyUnit::Wanyuan => 0,
            MoneyUnit::Yiyuan => -4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Thousands separators are dropped from the value but kept in the printed form.
    #[test]
    fn parses_separators_and_precision() {
        let n = parse_number("2,405.59").expect("number");
        assert_eq!(n.plain(), "2405.59");
        assert_eq!(n.stated, "2,405.59");
        assert_eq!(n.decimals, 2);
        let z = parse_number("0.00").expect("zero");
        assert_eq!(z.plain(), "0.00");
        assert_eq!(parse_number("50").expect("int").decimals, 0);
    }

    // Full-width digits and point parse like ASCII ones; the printed form is kept.
    #[test]
    fn parses_full_width() {
        let n = parse_number("２４．４５").expect("full width");
        assert_eq!(n.plain(), "24.45");
        assert_eq!(n.stated, "２４．４５");
        assert_eq!(
            parse_number("１，２９８．５４").expect("fw sep").plain(),
            "1298.54"
        );
    }

    // Malformed groupings and junk are refused rather than guessed.
    #[test]
    fn refuses_malformed() {
        assert_eq!(parse_number("1,23.4"), None);
        assert_eq!(parse_number("12,3456"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("1."), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("99999999999999999999999999999999"), None);
    }

    // Absurdly large printed numbers are refused, so unit conversion can never overflow
    // (regression: "999999999999999999999999999亿元" panicked in MoneyUnit::to_wan).
    #[test]
    fn huge_numbers_are_refused_not_overflowed() {
        assert_eq!(parse_number("999999999999999999999999999"), None);
        let n = parse_number("999999999999999999999999").expect("24 digits");
        assert_eq!(
            MoneyUnit::Yiyuan.to_wan(n.value).expect("fits").to_string(),
            "9999999999999999999999990000"
        );
    }

    // Units convert to 万元 exactly.
    #[test]
    fn units_to_wan() {
        let v = Decimal::from_str("12345.00").expect("dec");
        assert_eq!(
            MoneyUnit::Yuan.to_wan(v).expect("fits"),
            Decimal::from_str("1.2345").expect("dec")
        );
        assert_eq!(
            MoneyUnit::parse("亿元").and_then(|u| u.to_wan(Decimal::ONE)),
            Some(Decimal::from(10_000))
        );
        // An absurd 亿元 figure overflows: refused, not a panic.
        assert_eq!(MoneyUnit::Yiyuan.to_wan(Decimal::MAX), None);
    }
}
