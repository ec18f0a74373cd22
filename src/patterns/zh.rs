//! The Chinese detail of a pattern-file error (`--lang zh`): what the TOML or regex library
//! said, classified and put in Chinese with its position, never in the library's English.
//! The English detail ([`PatternError`](super::PatternError)'s `detail`) stays as the
//! library wrote it.

use regex_syntax::ast::{self, Position, Span};
use regex_syntax::hir;

/// 1-based (line, column) of a byte offset of `text`, the column counted in characters.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// The first `name` between backticks in a library message (serde names keys so).
fn ticked(msg: &str) -> Option<&str> {
    let rest = &msg[msg.find('`')? + 1..];
    Some(&rest[..rest.find('`')?])
}

/// A serde type name (`invalid type: integer `1`, expected a string`) in Chinese.
fn type_zh(words: &str) -> Option<&'static str> {
    let w = words
        .trim()
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    let first = w.split([' ', '`']).next().unwrap_or("");
    Some(match first {
        "string" | "str" | "char" => "字符串",
        "integer" | "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64"
        | "isize" => "整数",
        "float" | "f32" | "f64" | "floating" => "小数",
        "boolean" | "bool" => "布尔值",
        "sequence" | "array" | "tuple" => "数组",
        "map" | "table" | "struct" => "表",
        "datetime" | "date" | "time" => "日期时间",
        _ => return None,
    })
}

/// A TOML or serde message in Chinese, when it is one of the kinds a pattern file runs into;
/// `key` is the text the error points at (a duplicate key's name).
fn toml_message(msg: &str, key: Option<&str>) -> Option<String> {
    let msg = msg.trim();
    let (what, expected) = match msg.split_once(", expected ") {
        Some((w, e)) => (w, Some(e)),
        None => (msg, None),
    };
    let named = |zh: &str| match ticked(what) {
        Some(k) => format!("{zh} `{k}`"),
        None => zh.to_string(),
    };
    let quote_expected = expected.is_some_and(|e| e.starts_with("`\"`") || e.starts_with("`'`"));
    Some(match what {
        w if w.ends_with("string") && quote_expected => "未闭合的字符串".to_string(),
        "missing escaped value" | "invalid escape sequence" | "invalid unicode escape" => {
            "无效的转义".to_string()
        }
        w if w.contains("escape") => "无效的转义".to_string(),
        w if w.ends_with("string") => "无效的字符串".to_string(),
        "key with no value" => "缺少等号".to_string(),
        "duplicate key" => match key.filter(|k| !k.is_empty() && !k.contains('\n')) {
            Some(k) => format!("重复的键 `{}`", k.trim()),
            None => "重复的键".to_string(),
        },
        "unclosed array" => "未闭合的数组".to_string(),
        "unclosed inline table" => "未闭合的内联表".to_string(),
        "unclosed table" | "unclosed array of tables" => "未闭合的表头".to_string(),
        w if w.starts_with("string values must be quoted") => {
            "缺少值（字符串须加引号）".to_string()
        }
        w if w.starts_with("unquoted keys cannot be empty") => "缺少键名".to_string(),
        w if w.starts_with("unexpected key or value") => "一行只能有一个键值对".to_string(),
        w if w.starts_with("invalid float")
            || w.starts_with("invalid integer")
            || w.starts_with("invalid number")
            || w.starts_with("invalid time")
            || w.starts_with("invalid date")
            || w.starts_with("invalid offset")
            || w.starts_with("integer number overflowed")
            || w.contains("may only go between digits") =>
        {
            "无效的值（字符串须加引号）".to_string()
        }
        w if w.starts_with("missing field") => named("缺少键"),
        w if w.starts_with("unknown field") => named("未知的键"),
        w if w.starts_with("duplicate field") => named("重复的键"),
        w if w.starts_with("unknown variant") => named("未知的取值"),
        w if w.starts_with("invalid length") => "数组的长度不对".to_string(),
        w if w.starts_with("invalid value") => "无效的值".to_string(),
        w if w.starts_with("invalid type: ") => {
            let found = type_zh(&w["invalid type: ".len()..]);
            match (expected.and_then(type_zh), found) {
                (Some(e), Some(f)) => format!("值的类型不对（应为{e}，实为{f}）"),
                (Some(e), None) => format!("值的类型不对（应为{e}）"),
                _ => "值的类型不对".to_string(),
            }
        }
        _ => return None,
    })
}

/// A TOML error of `text` in Chinese: the line and column, what is wrong, and for an error
/// not classified the line it is on, quoted.
pub(crate) fn toml_detail(text: &str, e: &toml::de::Error) -> String {
    let span = e.span();
    let key = span.clone().and_then(|s| text.get(s));
    let place = span.as_ref().map(|s| line_col(text, s.start));
    let at = |(line, col): (usize, usize)| format!("第 {line} 行第 {col} 列：");
    match (toml_message(e.message(), key), place) {
        (Some(d), Some(p)) => format!("{}{d}", at(p)),
        (Some(d), None) => d,
        (None, Some(p)) => {
            let source = text.lines().nth(p.0 - 1).unwrap_or("").trim();
            format!("{}语法错误：「{source}」", at(p))
        }
        (None, None) => "语法错误".to_string(),
    }
}

/// The Chinese of every regex syntax error kind; a kind not listed is 正则表达式语法错误.
fn ast_kinds() -> Vec<(ast::ErrorKind, &'static str)> {
    use ast::ErrorKind as K;
    let span = Span::splat(Position::new(0, 1, 1));
    vec![
        (K::CaptureLimitExceeded, "捕获组过多"),
        (K::ClassEscapeInvalid, "字符类中的转义无效"),
        (K::ClassRangeInvalid, "无效的字符类范围（起点大于终点）"),
        (K::ClassRangeLiteral, "字符类范围的端点须为单个字符"),
        (K::ClassUnclosed, "未闭合的字符类"),
        (K::DecimalEmpty, "缺少十进制数"),
        (K::DecimalInvalid, "无效的十进制数"),
        (K::EscapeHexEmpty, "十六进制转义为空"),
        (K::EscapeHexInvalid, "十六进制转义不是有效的字符"),
        (K::EscapeHexInvalidDigit, "十六进制转义中的数字无效"),
        (
            K::EscapeUnexpectedEof,
            "不完整的转义（表达式在反斜杠后结束）",
        ),
        (K::EscapeUnrecognized, "无效的转义"),
        (K::FlagDanglingNegation, "标志的否定号后缺少标志"),
        (K::FlagDuplicate { original: span }, "重复的标志"),
        (
            K::FlagRepeatedNegation { original: span },
            "重复的标志否定号",
        ),
        (K::FlagUnexpectedEof, "未闭合的标志组"),
        (K::FlagUnrecognized, "无法识别的标志"),
        (K::GroupNameDuplicate { original: span }, "重复的捕获组名"),
        (K::GroupNameEmpty, "捕获组名为空"),
        (K::GroupNameInvalid, "捕获组名中有无效字符"),
        (K::GroupNameUnexpectedEof, "未闭合的捕获组名"),
        (K::GroupUnclosed, "未闭合的分组"),
        (K::GroupUnopened, "多余的右括号（分组没有开始）"),
        (K::NestLimitExceeded(0), "括号嵌套过深"),
        (
            K::RepetitionCountInvalid,
            "无效的重复次数（最小值大于最大值）",
        ),
        (K::RepetitionCountDecimalEmpty, "重复次数缺少数字"),
        (K::RepetitionCountUnclosed, "未闭合的重复次数"),
        (K::RepetitionMissing, "重复运算符缺少操作数"),
        (K::SpecialWordBoundaryUnclosed, "未闭合的特殊单词边界"),
        (K::SpecialWordBoundaryUnrecognized, "无法识别的特殊单词边界"),
        (
            K::SpecialWordOrRepetitionUnexpectedEof,
            "未闭合的特殊单词边界或重复次数",
        ),
        (K::UnicodeClassInvalid, "无效的统一码字符类"),
        (K::UnsupportedBackreference, "不支持反向引用"),
        (K::UnsupportedLookAround, "不支持环视（前瞻、后顾）"),
    ]
}

/// The Chinese of the errors of translating a parsed regex.
fn hir_kinds() -> Vec<(hir::ErrorKind, &'static str)> {
    use hir::ErrorKind as K;
    vec![
        (K::UnicodeNotAllowed, "此处不允许统一码"),
        (K::InvalidUtf8, "可能匹配无效的 UTF-8"),
        (K::InvalidLineTerminator, "无效的行终止符"),
        (K::UnicodePropertyNotFound, "未知的统一码属性"),
        (K::UnicodePropertyValueNotFound, "未知的统一码属性值"),
        (K::UnicodePerlClassNotFound, "统一码字符类不可用"),
        (K::UnicodeCaseUnavailable, "统一码大小写匹配不可用"),
    ]
}

fn ast_zh(kind: &ast::ErrorKind) -> &'static str {
    ast_kinds()
        .into_iter()
        .find(|(k, _)| std::mem::discriminant(k) == std::mem::discriminant(kind))
        .map_or("正则表达式语法错误", |(_, zh)| zh)
}

fn hir_zh(kind: &hir::ErrorKind) -> &'static str {
    hir_kinds()
        .into_iter()
        .find(|(k, _)| std::mem::discriminant(k) == std::mem::discriminant(kind))
        .map_or("正则表达式语法错误", |(_, zh)| zh)
}

/// A regex error in Chinese: what is wrong, where in the pattern (line and column of a
/// multi-line `(?x)` pattern, else the column), and the pattern's line there, quoted.
pub(crate) fn regex_detail(pattern: &str, e: &regex::Error) -> String {
    if let regex::Error::CompiledTooBig(limit) = e {
        return format!("编译后超过大小上限（{limit} 字节）");
    }
    // The regex crate's syntax error is text; the same parser (regex_syntax, with the
    // regex crate's default settings) gives the kind and the span.
    let (what, span) = match regex_syntax::Parser::new().parse(pattern) {
        Err(regex_syntax::Error::Parse(p)) => (ast_zh(p.kind()), *p.span()),
        Err(regex_syntax::Error::Translate(t)) => (hir_zh(t.kind()), *t.span()),
        _ => return "正则表达式语法错误".to_string(),
    };
    let p = span.start;
    let line = pattern
        .lines()
        .nth(p.line.saturating_sub(1))
        .unwrap_or("")
        .trim();
    let place = if pattern.contains('\n') {
        format!("第 {} 行第 {} 列", p.line, p.column)
    } else {
        format!("第 {} 列", p.column)
    };
    format!("{what}，位于表达式{place}：「{line}」")
}

/// A detail that crossfoot's own readers of a data file wrote in English (a section or file
/// name, then what serde, TOML or the regex library said, or what is wrong with a word list)
/// in Chinese. Names of files, sections, keys and ids are kept.
pub(crate) fn detail(en: &str) -> String {
    // "tables.toml: …", "[narrative]: `key`: …", "patterns/identities.toml: identity X: …"
    let mut names = Vec::new();
    let mut rest = en.trim();
    loop {
        if let Some(r) = rest.strip_prefix("identity ") {
            if let Some((id, r)) = r.split_once(": ") {
                names.push(format!("恒等式 `{id}`"));
                rest = r;
                continue;
            }
        }
        match rest.split_once(": ") {
            Some((head, r))
                if !head.contains(' ')
                    && (head.ends_with(".toml")
                        || head.starts_with('[')
                        || head.starts_with('`')) =>
            {
                names.push(head.to_string());
                rest = r;
            }
            _ => break,
        }
    }
    // toml's own text of an error with a position: "TOML parse error at line L, column C",
    // the line quoted, then the message on the last line.
    let position = rest
        .strip_prefix("TOML parse error at line ")
        .and_then(|r| r.split_once(", column "))
        .and_then(|(line, r)| {
            let col: String = r.chars().take_while(char::is_ascii_digit).collect();
            Some((line.parse::<usize>().ok()?, col.parse::<usize>().ok()?))
        });
    let what = if let Some((line, col)) = position {
        let msg = rest
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let what = toml_message(msg, None).unwrap_or_else(|| "语法错误".to_string());
        format!("第 {line} 行第 {col} 列：{what}")
    } else if let Some(tail) = rest
        .rsplit("error: ")
        .next()
        .filter(|_| rest.contains("regex parse error"))
    {
        // The regex crate's text: the kind's description is its last line.
        let tail = tail.trim();
        ast_kinds()
            .into_iter()
            .map(|(k, zh)| (k.to_string(), zh))
            .chain(hir_kinds().into_iter().map(|(k, zh)| (k.to_string(), zh)))
            .find(|(k, _)| {
                let k = k.split(" (").next().unwrap_or(k);
                tail.starts_with(k)
            })
            .map_or("正则表达式语法错误".to_string(), |(_, zh)| {
                format!("正则表达式无效：{zh}")
            })
    } else if let Some(subject) = rest.strip_suffix(" is empty") {
        if subject.starts_with('`') {
            names.push(subject.to_string());
        }
        "为空".to_string()
    } else if rest.ends_with(" is not one character") {
        "须为单个字符".to_string()
    } else if rest.ends_with(" is not a word") {
        "须为非空的词".to_string()
    } else {
        toml_message(rest, None).unwrap_or_else(|| "内容无效".to_string())
    };
    // serde's path to the table the error is in ("missing field `fields`\nin `title`").
    let what = match rest
        .split_once("\nin `")
        .and_then(|(_, r)| r.split_once('`'))
    {
        Some((table, _)) => format!("{what}（在 `{table}` 中）"),
        None => what,
    };
    // A word that is not one character: its quoted text is the file's own.
    let quoted = rest
        .find(" is not ")
        .map(|i| &rest[..i])
        .filter(|w| w.starts_with('"'))
        .map(|w| format!("{w} "))
        .unwrap_or_default();
    names.push(format!("{quoted}{what}"));
    names.join("：")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_in_chinese_with_position() {
        let cases = [
            ("a = \"open\nb = 1\n", "第 1 行第 10 列：未闭合的字符串"),
            ("a 1\n", "第 1 行第 3 列：缺少等号"),
            ("a = 1\na = 2\n", "第 2 行第 1 列：重复的键 `a`"),
            ("a = [1, 2\n", "未闭合的数组"),
            ("a = \"\\q\"\n", "无效的转义"),
        ];
        for (text, want) in cases {
            let e = toml::from_str::<toml::Table>(text).expect_err(text);
            let got = toml_detail(text, &e);
            assert!(got.contains(want), "{text:?}: {got}");
        }
    }

    #[test]
    fn regex_errors_in_chinese_with_position() {
        let cases = [
            ("( 万元", "未闭合的分组，位于表达式第 1 列：「( 万元」"),
            ("[万元", "未闭合的字符类"),
            (r"\q", "无效的转义"),
            ("*万", "重复运算符缺少操作数"),
            ("万{3,1}", "无效的重复次数"),
            (
                "(?x)\n万元\n  ( 亿",
                "未闭合的分组，位于表达式第 3 行第 3 列：「( 亿」",
            ),
            (r"\p{Nope}", "未知的统一码属性"),
        ];
        for (pattern, want) in cases {
            let e = regex::Regex::new(pattern).expect_err(pattern);
            let got = regex_detail(pattern, &e);
            assert!(got.contains(want), "{pattern:?}: {got}");
        }
    }

    #[test]
    fn own_details_in_chinese() {
        let unclosed = String::from("( a");
        let e = regex::Regex::new(&unclosed).expect_err("bad");
        let cases = [
            ("[variance]: missing field `ratio`".to_string(), "[variance]：缺少键 `ratio`"),
            (
                "standard_tables.toml: missing field `fields`\nin `title`\n".to_string(),
                "standard_tables.toml：缺少键 `fields`（在 `title` 中）",
            ),
            ("[narrative]: `year_end` is empty".to_string(), "[narrative]：`year_end`：为空"),
            (
                "[narrative]: `income`: \"收入\" is not one character".to_string(),
                "[narrative]：`income`：\"收入\" 须为单个字符",
            ),
            (
                format!("patterns/identities.toml: identity t.x: {e}"),
                "patterns/identities.toml：恒等式 `t.x`：正则表达式无效：未闭合的分组",
            ),
            ("tables.toml: something new".to_string(), "tables.toml：内容无效"),
            (
                "patterns/identities.toml: TOML parse error at line 23, column 1\n   |\n23 | [[identity]]\n   | ^^^^\nmissing field `total`\n".to_string(),
                "patterns/identities.toml：第 23 行第 1 列：缺少键 `total`",
            ),
        ];
        for (en, want) in cases {
            assert_eq!(detail(&en), want, "{en}");
        }
    }
}
