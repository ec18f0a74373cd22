//! Excel number formats: the text a cell shows for its number under its format code.
//!
//! What a reader of a disclosure sees is the printed text, so this reproduces the parts of
//! the format language that budget tables use: sections (positive;negative;zero;text),
//! digit placeholders `0 # ?` with a decimal point (the printed precision), thousands
//! separators, trailing-comma scaling by 1,000, percent (×100 and `%`), quoted and escaped
//! literals (`"-"`, `\-`, `(`…`)`), `_x` spacing and `*x` fill (dropped), `[...]` colours,
//! conditions and locales (dropped), and `General`. Scientific notation falls back to the
//! General form.
//!
//! Rounding is Excel's: the binary value is first reduced to 15 significant digits, then
//! rounded half away from zero in decimal (14348853.335 under "#,##0.00" shows
//! 14,348,853.34). The arithmetic is in [`Decimal`]; the float is only printed once.

use rust_decimal::prelude::*;

/// Builtin format codes by id (ECMA-376 Part 1, 18.8.30), the numeric ones; date ids are
/// recognised by calamine, which returns those cells as dates.
pub fn builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "#,##0;-#,##0",
        6 => "#,##0;[Red]-#,##0",
        7 => "#,##0.00;-#,##0.00",
        8 => "#,##0.00;[Red]-#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        41 => r#"_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)"#,
        42 => r#"_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)"#,
        43 => r#"_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)"#,
        44 => r#"_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)"#,
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// The shortest decimal text of `f` rounded to 15 significant digits (Excel's precision):
/// 0.1+0.2 is "0.3".
pub fn general(f: f64) -> String {
    if !f.is_finite() {
        return "#NUM!".to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == 0.0 {
        return "0".to_string();
    }
    format!("{rounded}")
}

/// Splits a format code into its sections at unquoted, unescaped semicolons.
fn sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut escaped, mut bracket) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// One section, read: literal text before and after the number, and the number's shape.
#[derive(Debug, Default)]
struct Section {
    prefix: String,
    suffix: String,
    /// Digit placeholders seen (none: the section prints only its literals).
    digits: bool,
    decimals: u32,
    /// At least this many integer digits ("0" placeholders before the point).
    min_int: usize,
    grouping: bool,
    percent: bool,
    /// Trailing commas after the last digit placeholder: ÷1,000 each.
    scale_thousands: u32,
    general: bool,
    scientific: bool,
}

fn parse_section(s: &str) -> Section {
    let mut sec = Section::default();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut after_point = false;
    // Digits seen: literals from here on are the suffix.
    let mut seen_digit = false;
    // A literal after the digits: the number is over, later placeholders are literal.
    let mut done = false;
    let mut pending_commas = 0u32;
    fn lit(sec: &mut Section, suffix: bool, text: &str) {
        if suffix {
            sec.suffix.push_str(text);
        } else {
            sec.prefix.push_str(text);
        }
    }
    while i < chars.len() {
        let c = chars[i];
        let general: String = chars[i..].iter().take(7).collect();
        match c {
            '"' => {
                let mut j = i + 1;
                let mut text = String::new();
                while j < chars.len() && chars[j] != '"' {
                    text.push(chars[j]);
                    j += 1;
                }
                lit(&mut sec, seen_digit, &text);
                done |= seen_digit;
                i = j + 1;
                continue;
            }
            '\\' => {
                if let Some(n) = chars.get(i + 1) {
                    lit(&mut sec, seen_digit, &n.to_string());
                    done |= seen_digit;
                }
                i += 2;
                continue;
            }
            '_' | '*' => {
                i += 2;
                continue;
            }
            '[' => {
                while i < chars.len() && chars[i] != ']' {
                    i += 1;
                }
            }
            _ if general.eq_ignore_ascii_case("general") => {
                sec.general = true;
                seen_digit = true;
                i += 7;
                continue;
            }
            '0' | '#' | '?' if !done => {
                if pending_commas > 0 {
                    // Commas between digit placeholders: grouping.
                    sec.grouping = true;
                    pending_commas = 0;
                }
                sec.digits = true;
                seen_digit = true;
                if after_point {
                    sec.decimals += 1;
                } else if c == '0' {
                    sec.min_int += 1;
                }
            }
            '.' if !done && !after_point => {
                after_point = true;
                seen_digit = true;
                sec.digits = true;
            }
            ',' if seen_digit && !done => pending_commas += 1,
            'E' | 'e' if seen_digit && !done => sec.scientific = true,
            '@' => {}
            c => {
                if c == '%' {
                    sec.percent = true;
                }
                lit(&mut sec, seen_digit, &c.to_string());
                done |= seen_digit;
            }
        }
        i += 1;
    }
    sec.scale_thousands = pending_commas;
    sec
}

/// The text `value` shows under the format `code`.
pub fn format(value: f64, code: &str) -> String {
    if !value.is_finite() {
        return "#NUM!".to_string();
    }
    let secs = sections(code);
    let (sec_code, abs, minus) = if value < 0.0 && secs.len() >= 2 {
        (secs[1], true, false)
    } else if value == 0.0 && secs.len() >= 3 {
        (secs[2], true, false)
    } else {
        (secs[0], false, value < 0.0)
    };
    let sec = parse_section(sec_code);
    let text = general(value);
    if sec.general || sec.scientific {
        let g = if abs { general(value.abs()) } else { text };
        return format!("{}{g}{}", sec.prefix, sec.suffix)
            .trim()
            .to_string();
    }
    if !sec.digits {
        if sec_code.contains('@') {
            // A text format holding a number: shown as General.
            return text;
        }
        return format!("{}{}", sec.prefix, sec.suffix).trim().to_string();
    }
    let Ok(mut d) = Decimal::from_str(&text) else {
        return text;
    };
    if abs {
        d = d.abs();
    }
    if sec.percent {
        d = d.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(d);
    }
    for _ in 0..sec.scale_thousands {
        d = d.checked_div(Decimal::ONE_THOUSAND).unwrap_or(d);
    }
    let d = d.round_dp_with_strategy(sec.decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = d.is_sign_negative() && !d.is_zero();
    let plain = format!("{:.*}", sec.decimals as usize, d.abs());
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (plain.clone(), None),
    };
    let mut int = if int == "0" && sec.min_int == 0 {
        String::new()
    } else {
        int
    };
    while int.len() < sec.min_int {
        int.insert(0, '0');
    }
    if sec.grouping {
        int = group(&int);
    }
    let number = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    };
    let sign = if negative && (minus || !abs) { "-" } else { "" };
    format!("{sign}{}{number}{}", sec.prefix, sec.suffix)
        .trim()
        .to_string()
}

/// Digits grouped by thousands with commas.
fn group(int: &str) -> String {
    let n = int.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The formats of budget tables print what Excel prints.
    #[test]
    fn prints_like_excel() {
        assert_eq!(format(14348853.335, "#,##0.00"), "14,348,853.34");
        assert_eq!(format(1234.5, "0.00"), "1234.50");
        assert_eq!(format(1000.0, "#,##0.00"), "1,000.00");
        assert_eq!(format(0.2345, "0.00%"), "23.45%");
        assert_eq!(format(0.5, "0%"), "50%");
        assert_eq!(format(-1234.5, "#,##0.00"), "-1,234.50");
        assert_eq!(format(-1234.5, "#,##0.00;(#,##0.00)"), "(1,234.50)");
        assert_eq!(format(-1234.5, "#,##0.00;[Red]-#,##0.00"), "-1,234.50");
        assert_eq!(format(0.0, builtin(43).unwrap_or_default()), "-");
        assert_eq!(format(1234.5, builtin(43).unwrap_or_default()), "1,234.50");
        assert_eq!(format(-2.0, builtin(43).unwrap_or_default()), "(2.00)");
        assert_eq!(format(0.1 + 0.2, "General"), "0.3");
        assert_eq!(format(2.5, "0"), "3");
        assert_eq!(format(0.25, "#.00"), ".25");
        assert_eq!(format(12345678.0, "#,##0,"), "12,346");
        assert_eq!(format(12.5, r#"0.00"万元""#), "12.50万元");
        assert_eq!(format(12.5, "[$-804]#,##0.0"), "12.5");
        assert_eq!(format(1e300, "#,##0.00"), general(1e300));
        assert_eq!(format(7.0, "@"), "7");
    }
}
