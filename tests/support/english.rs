//! The checker of Chinese output shared by the tests that run the binary: the English words
//! left in a text once the tokens Chinese text keeps as they are have been taken out.
//!
//! Taken out: option names (`--format`, `-o`), value names (`<DIR>`, `[NAME]`, and the same
//! words in the text: "写入 DIR"), the literals of a value enum (from the `[可选值：…]` lists:
//! text, json …) and of `schema NAME`, quoted literals (`"error"`, `"-"`), file names
//! (`report.html`, `patterns/*.toml`), the program and subcommand names of the usage line and
//! of the command list, and the names of formats and products Chinese text uses as they are
//! ([`NAMES`]).

#![allow(dead_code)] // each test binary uses a different subset
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns: a failure is a test failure

use regex::Regex;

/// Format, product and unit names Chinese text uses as they are, and a JSON field name.
pub const NAMES: &[&str] = &[
    "crossfoot",
    "json",
    "jsonl",
    "csv",
    "html",
    "pdf",
    "docx",
    "xlsx",
    "xls",
    "txt",
    "zip",
    "utf",
    "sha",
    "mib",
    "excel",
    "wps",
    "windows",
    "schema_version",
];

/// The names `crossfoot schema NAME` takes.
pub const SCHEMA_NAMES: &[&str] = &[
    "extract-document",
    "check-document",
    "corpus-finding",
    "summary",
];

/// The English words (three letters or more) left in a help text once the allowed tokens
/// (module doc) are taken out.
pub fn english_words(help: &str) -> Vec<String> {
    let mut t = help.to_string();
    let strip = |t: &mut String, re: &str| {
        *t = Regex::new(re).unwrap().replace_all(t, " ").into_owned();
    };
    // Value names: the placeholders, then the same words wherever the text uses them.
    let mut value_names: Vec<String> = Vec::new();
    for c in Regex::new(r"<([^<>\s]+)>|\[([A-Z][A-Z_]*)\]")
        .unwrap()
        .captures_iter(help)
    {
        let name = c.get(1).or(c.get(2)).unwrap().as_str();
        if name == "OPTIONS" {
            continue; // clap's English word for the options of the usage line
        }
        value_names.extend(name.split(['/', '_', '-']).map(str::to_string));
    }
    // Value enum literals: the lists of possible values.
    let mut literals: Vec<String> = SCHEMA_NAMES.iter().map(|s| s.to_string()).collect();
    for c in Regex::new(r"可选值：([a-z、-]+)|(?m)^\s*- ([a-z-]+)：")
        .unwrap()
        .captures_iter(help)
    {
        let list = c.get(1).or(c.get(2)).unwrap().as_str();
        literals.extend(list.split('、').map(str::to_string));
    }
    t = Regex::new(r"<[^<>\s]+>(\.\.\.)?|\[[A-Z][A-Z_]*\](\.\.\.)?")
        .unwrap()
        .replace_all(&t, |c: &regex::Captures| match &c[0] {
            "[OPTIONS]" => "[OPTIONS]".to_string(), // clap's English, not a value name
            _ => " ".to_string(),
        })
        .into_owned();
    strip(&mut t, r"\[(可选值|默认)：[^\]]*\]");
    strip(&mut t, r"(?m)^\s*- [a-z-]+：");
    strip(&mut t, r"--[a-z][a-z-]*|(^|\s)-[A-Za-z]\b");
    strip(&mut t, r#""[^"\s]*""#);
    strip(
        &mut t,
        r"[\w*./-]*\.(toml|jsonl|json|csv|html|txt|xlsx)\b|patterns/",
    );
    // The program and subcommand names of the usage line and of the command list.
    strip(&mut t, r"(?m)用法：crossfoot( [a-z]+)*");
    strip(&mut t, r"(?m)^  [a-z]+ {2,}");
    for lit in &literals {
        t = Regex::new(&format!(
            r"(^|[^A-Za-z0-9_-]){}([^A-Za-z0-9_-]|$)",
            regex::escape(lit)
        ))
        .unwrap()
        .replace_all(&t, "$1 $2")
        .into_owned();
    }
    Regex::new(r"[A-Za-z][A-Za-z_]*")
        .unwrap()
        .find_iter(&t)
        .map(|m| m.as_str())
        .filter(|w| w.len() >= 3)
        .filter(|w| !NAMES.contains(&w.to_lowercase().as_str()))
        .filter(|w| !value_names.iter().any(|v| v == w))
        .map(str::to_string)
        .collect()
}

/// Whether `s` holds a CJK ideograph.
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The crossfoot binary built for the tests.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_crossfoot"))
}

/// Runs the binary with `args` and returns what it printed.
pub fn run(args: &[&str]) -> std::process::Output {
    bin().args(args).output().unwrap()
}
