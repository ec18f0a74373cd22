//! The language of what a person reads, through the real binary: under `--lang zh` (the
//! default) finding messages, the text report and `crossfoot rules` hold no English word,
//! and under `--lang en` the headings of report.html are English.
//!
//! An "English word" is a run of two or more ASCII letters that is none of these:
//! - a rule id or a coverage family key (`sum.total`, `perf.narrative_count`, `yoy`,
//!   `weight_sum`: the ids `crossfoot rules` lists and the `by_kind` keys of the JSON);
//! - a path given on the command line (file names are the user's);
//! - a workbook place `sheet!D12` (the column letters of a cell reference);
//! - a finding id (hexadecimal, after 编号);
//! - the name of a format, product or formula function that Chinese text uses as it is
//!   ([`NAMES`]: PDF, DOCX, XLSX, SUM …), and XX, the placeholder a rule description quotes.
//!
//! Quotes (原文) and project names (项目) are the document's own text and are not examined;
//! a unit is Chinese (万元, 人次) or a symbol (%), so none is allowed for.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns: a failure is a test failure

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Names Chinese text uses as they are, and XX, the placeholder of templates (XX万元).
const NAMES: &[&str] = &[
    "XX",
    "crossfoot",
    "PDF",
    "DOCX",
    "XLSX",
    "XLS",
    "WPS",
    "Excel",
    "SUM",
    "GBK",
    "UTF",
];

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crossfoot"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every rule id and coverage family key.
fn ids() -> Vec<String> {
    let o = bin().args(["rules", "--lang", "en"]).output().unwrap();
    let mut out: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|w| w.contains('.'))
        .collect();
    // Families: the part before the dot, and the rule names that are coverage keys
    // (perf.weight_sum → weight_sum, table.column_sum → column_sum).
    let more: Vec<String> = out
        .iter()
        .flat_map(|id| id.split('.').map(str::to_string).collect::<Vec<_>>())
        .collect();
    out.extend(more);
    out.extend(["list_count", "share_family"].map(str::to_string));
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

/// The English words of `text` once the allowed tokens are taken out.
fn english_words(text: &str, paths: &[&str], ids: &[String]) -> Vec<String> {
    let mut t = text.to_string();
    for p in paths {
        t = t.replace(p, " ");
    }
    // sheet!D12
    let cell = regex::Regex::new(r"[^\s!：:]+![A-Z]{1,3}[0-9]+").unwrap();
    t = cell.replace_all(&t, " ").into_owned();
    let hex = regex::Regex::new(r"编号 [0-9a-f]{16}").unwrap();
    t = hex.replace_all(&t, " ").into_owned();
    let word = regex::Regex::new(r"[A-Za-z_][A-Za-z0-9_.]*").unwrap();
    word.find_iter(&t)
        .map(|m| m.as_str().trim_end_matches('.'))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| !ids.iter().any(|id| id == w))
        .filter(|w| !NAMES.contains(w))
        .map(str::to_string)
        .collect()
}

// Under --lang zh every finding message of the bundled disclosure (its four renditions)
// is Chinese; so are those of the real disclosures when CROSSFOOT_REAL_CORPUS names them,
// where the readers' notes (a figure no cell holds, a cell that is not one number) are many.
#[test]
fn zh_finding_messages_hold_no_english_word() {
    let ids = ids();
    let mut dirs = vec![corpus()];
    if let Some(real) = std::env::var_os("CROSSFOOT_REAL_CORPUS").map(PathBuf::from) {
        if real.is_dir() {
            dirs.push(real);
        }
    }
    for dir in dirs {
        let o = bin()
            .args(["check", "--format", "json", "--lang", "zh"])
            .arg(&dir)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let docs = v["documents"].as_array().unwrap();
        assert!(!docs.is_empty());
        let mut messages = 0;
        for d in docs {
            let path = d["path"].as_str().unwrap();
            for f in d["findings"].as_array().unwrap() {
                let m = f["message"].as_str().unwrap();
                let words = english_words(m, &[path], &ids);
                assert!(words.is_empty(), "{path}: {words:?} in {m}");
                messages += 1;
            }
        }
        assert!(messages > 0, "{}", dir.display());
    }
}

// The text report under --lang zh: every line but the document's own text (原文, 项目) is
// Chinese, the coverage families and reasons included ("completion（完成率）…（时间指标 ×11；…）").
#[test]
fn zh_text_report_holds_no_english_word() {
    let ids = ids();
    let seed = corpus().join("changji-minzheng-2024-juesuan.txt");
    let path = seed.to_str().unwrap();
    let o = bin()
        .args(["check", "--lang", "zh"])
        .arg(&seed)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("时间指标 ×11"), "{out}");
    assert!(out.contains("completion（完成率）"), "{out}");
    for line in out.lines() {
        let t = line.trim_start();
        if t.starts_with("原文：") || t.starts_with("项目：") {
            continue;
        }
        let words = english_words(line, &[path], &ids);
        assert!(words.is_empty(), "{words:?} in {line}");
    }
    // The same report in English keeps the keys of the JSON.
    let o = bin()
        .args(["check", "--lang", "en"])
        .arg(&seed)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("(date target ×11; target or actual not numeric ×19)"),
        "{out}"
    );
}

// `crossfoot rules --lang zh`: after the id, the severities and the description are Chinese.
#[test]
fn zh_rules_listing_holds_no_english_word() {
    let ids = ids();
    let o = bin().args(["rules", "--lang", "zh"]).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("yoy.rate\t提示–错误\t增长率"), "{out}");
    for line in out.lines() {
        let (id, rest) = line.split_once('\t').unwrap();
        assert!(ids.iter().any(|x| x == id), "{id}");
        let words = english_words(rest, &[], &ids);
        assert!(words.is_empty(), "{words:?} in {line}");
    }
}

/// The text of every element `tag` of an HTML page.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(end) = body.find(&close) else { break };
        out.push(&body[..end]);
        rest = &body[end..];
    }
    out
}

// report.html under --lang en: the title, section headings, column heads and count labels
// are English (the amount-at-stake head keeps its unit 万元); under --lang zh they are
// Chinese.
#[test]
fn html_headings_follow_the_language() {
    let seed = corpus().join("changji-minzheng-2024-juesuan.txt");
    for (lang, h1) in [
        ("en", "crossfoot check report"),
        ("zh", "crossfoot 核查报告"),
    ] {
        let out =
            std::env::temp_dir().join(format!("crossfoot-lang-{lang}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let o = bin()
            .args(["check", "-q", "--lang", lang, "--out"])
            .arg(&out)
            .arg(&seed)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        assert_eq!(elements(&html, "h1"), vec![h1]);
        let cjk = |s: &str| {
            s.replace("万元", "")
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        };
        // The page's title (the chart's <title> tooltips come later).
        let mut heads: Vec<&str> = elements(&html, "title").into_iter().take(1).collect();
        heads.extend(
            ["h2", "th", "label"]
                .iter()
                .flat_map(|t| elements(&html, t)),
        );
        assert!(heads.len() > 10, "{heads:?}");
        for h in heads {
            // A label holds its select's options, which name departments and rules.
            let h = h.split('<').next().unwrap_or("");
            assert_eq!(
                cjk(h),
                lang == "zh" && !h.trim().is_empty() && h != "#",
                "{lang}: {h}"
            );
        }
        let _ = std::fs::remove_dir_all(&out);
    }
}
