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

/// Chinese characters of `s`, but for the unit 万元 (units are Chinese in both languages).
fn has_cjk(s: &str) -> bool {
    s.replace("万元", "")
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

// report.html under --lang en: no Chinese word of the page's own. What is left once the
// documents' own text is taken out (paths and codes, quotes, finding messages, which quote
// labels as published, the notes' quotes and the department's name) holds no Chinese
// character but the unit 万元: not the severity badges, the places (第N页 表X 行Y), the
// figure table's 表格/文字, 重算/依据, 涉及金额, the notes' summaries, the legend or the footer.
// The same page under --lang zh holds no English word of its own.
#[test]
fn html_page_words_follow_the_language() {
    let dir = std::env::temp_dir().join(format!("crossfoot-lang-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let seed = corpus().join("changji-minzheng-2024-juesuan");
    let text = std::fs::read_to_string(seed.with_extension("txt")).unwrap();
    let wrong = text.replacen(
        "2024年度财政拨款“三公”经费支出10.91万元",
        "2024年度财政拨款“三公”经费支出11.91万元",
        1,
    );
    assert_ne!(wrong, text);
    std::fs::write(docs.join("sangong.txt"), wrong).unwrap();
    std::fs::write(
        docs.join("cut.pdf"),
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",
    )
    .unwrap();
    let pdf = seed.with_extension("pdf");
    let strip = |html: &str, res: &[&str]| {
        let mut t = html.to_string();
        for re in res {
            t = regex::Regex::new(re)
                .unwrap()
                .replace_all(&t, " ")
                .into_owned();
        }
        t
    };
    let tips = regex::Regex::new(r"<title>([^<]*)</title></rect>").unwrap();
    let english = regex::Regex::new(r"[A-Za-z]{3,}").unwrap();
    for lang in ["en", "zh"] {
        let out = dir.join(format!("out-{lang}"));
        let o = bin()
            .args(["check", "-q", "--lang", lang, "--out"])
            .arg(&out)
            .arg(&pdf)
            .arg(&docs)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        // The documents' own text.
        let own = strip(
            &html,
            &[
                r"(?s)<script>.*?</script>",
                r"(?s)<style>.*?</style>",
                // Rule descriptions quote the published wording (按照完成比例赋分).
                r#"(?s)<span class="rule">.*?</span>"#,
                r#"(?s)<span class="rules">.*?</span>"#,
                r"(?s)<code>.*?</code>",
                r#"(?s)<div class="quote">.*?</div>"#,
                r#"(?s)<div class="msg">.*?</div>"#,
                r#"(?s)<span class="where">.*?</span>"#,
                r"(?s)<li [^>]*>.*?</li>",
                r#"(?s)<table class="figs">.*?</table>"#,
                // What a finding says should hold: the document's printed target (=34家).
                r"(?s)<div>(?:basis: |依据：).*?</div>",
                r#"(?s)<table id="by-rule">.*?</table>"#,
                r#"(?s)<option value="[^"]+" title="[^"]+">.*?</option>"#,
                r"(?s)<title>[^<]*</title></rect>",
                r"(?s)<text [^>]*>.*?</text>",
                r"昌吉回族自治州民政局",
            ],
        );
        // A note's summary quotes the notes' messages after its count.
        let own = strip(&own, &[r"(?s)(<summary>[^(（]*[(（]).*?</summary>"]);
        let own = strip(&own, &[r"<[^>]*>", r"&[a-z]+;|&#\d+;"]);
        if lang == "en" {
            let chinese: Vec<&str> = own.lines().filter(|l| has_cjk(l)).collect();
            assert!(
                chinese.is_empty(),
                "Chinese in the English page: {chinese:?}"
            );
            for want in [
                "p. 5 table",
                "recomputed: ",
                "basis: ",
                "amount at stake ",
                "open the source at page 5",
                "notes, not checkable",
                "not processed (",
                ">error</span>",
                ">warning</span>",
            ] {
                assert!(html.contains(want), "en: no {want:?}");
            }
            for gone in [
                "第5页",
                "错误</span>",
                "警告</span>",
                "说明</span>",
                "重算：",
                "依据：",
                "涉及金额",
                "打开原文",
                "class=\"kind\">表格",
                "class=\"kind\">文字",
                "无法处理",
                "（未识别）",
            ] {
                assert!(!html.contains(gone), "en: {gone:?} is back");
            }
            // The chart's tooltips: rule, severity, count.
            assert!(tips.captures_iter(&html).count() > 3);
            for c in tips.captures_iter(&html) {
                assert!(!has_cjk(&c[1]), "en tooltip: {}", &c[1]);
            }
        } else {
            let words: Vec<&str> = english
                .find_iter(&own)
                .map(|m| m.as_str())
                .filter(|w| {
                    !["crossfoot", "PDF", "TXT", "SHA", "csv", "xlsx", "findings"].contains(w)
                })
                .collect();
            assert!(words.is_empty(), "English in the Chinese page: {words:?}");
            assert!(html.contains("第5页 表") && html.contains("重算："));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[path = "support/badfiles.rs"]
mod badfiles;

/// Names of formats and products that a Chinese error line uses as they are.
const FORMAT_NAMES: &[&str] = &[
    "PDF",
    "DOCX",
    "XLSX",
    "XLS",
    "ZIP",
    "XML",
    "JSON",
    "OCR",
    "HTML",
    "MHTML",
    "PNG",
    "JPEG",
    "GIF",
    "TIFF",
    "WebP",
    "BMP",
    "RAR",
    "gzip",
    "bzip2",
    "xz",
    "zstd",
    "RTF",
    "PostScript",
    "Word",
    "Excel",
    "WPS",
    "Office",
    "PowerPoint",
    "OpenDocument",
    "OFD",
    "XPS",
    "OLE",
    "XObject",
    "Unicode",
    "UTF",
    "GB18030",
    "TXT",
    "crossfoot",
    "zip",
];

/// The English words of a Chinese error line once the file's path, backquoted commands,
/// flags (--max-pages), extensions (.docx) and format names are taken out.
fn error_line_words(line: &str, paths: &[String]) -> Vec<String> {
    let mut t = line.to_string();
    for p in paths {
        t = t.replace(p.as_str(), " ");
    }
    // Commands, flags, extensions, the error code in report.html and a title quoted from
    // the file ("404 Not Found").
    for re in [
        r"`[^`]*`",
        r"--[a-z][a-z-]*",
        r"\.[a-z]{2,4}\b",
        r"（[a-z_]+）：",
        r#""[^"]*""#,
    ] {
        t = regex::Regex::new(re)
            .unwrap()
            .replace_all(&t, " ")
            .into_owned();
    }
    regex::Regex::new(r"[A-Za-z][A-Za-z0-9]*")
        .unwrap()
        .find_iter(&t)
        .map(|m| m.as_str())
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| !FORMAT_NAMES.contains(w))
        .map(str::to_string)
        .collect()
}

// The bad-file corpus (tests/support/badfiles.rs) under --lang zh: every line a person
// reads about a file that could not be processed (stderr, the text report, report.html)
// is Chinese; what a library said (lopdf, zip, quick-xml, calamine, the OS) is classified
// instead and stays, in English, in the JSON's `error`. Under --lang en the lines are as
// before.
#[test]
fn zh_file_errors_hold_no_english_word() {
    let dir = std::env::temp_dir().join(format!("crossfoot-lang-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for f in badfiles::all_bad_files() {
        let p = dir.join(&f.name);
        std::fs::write(&p, &f.bytes).unwrap();
        paths.push(p);
    }
    // Over the 200 MiB default (sparse: nothing is written).
    let huge = dir.join("huge.pdf");
    {
        let f = std::fs::File::create(&huge).unwrap();
        f.set_len(300 << 20).unwrap();
    }
    paths.push(huge);
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let out = dir.join("out");
    let o = bin()
        .args(["check", "-q", "-j2", "--lang", "zh", "--out"])
        .arg(&out)
        .args(&paths)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let o = bin()
        .args(["check", "-q", "-j2", "--lang", "zh", "--format", "text"])
        .args(&paths)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let html_lines: Vec<String> =
        regex::Regex::new(r"<p><span class=.sev sev-error.>[^<]*</span> (.*?)</p>")
            .unwrap()
            .captures_iter(&html)
            .map(|c| {
                regex::Regex::new(r"<[^>]*>")
                    .unwrap()
                    .replace_all(&c[1], "")
                    .replace("&quot;", "\"")
                    .replace("&gt;", ">")
                    .replace("&lt;", "<")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&")
            })
            .collect();
    let mut lines: Vec<String> = stderr
        .lines()
        .chain(text.lines())
        .filter(|l| l.contains("无法处理"))
        .map(str::to_string)
        .collect();
    let seen = lines.len();
    lines.extend(html_lines);
    assert!(seen >= 2 * 15, "{seen} error lines:\n{stderr}\n{text}");
    assert!(
        lines.len() > seen + 30,
        "report.html: {} lines",
        lines.len() - seen
    );
    let mut english = Vec::new();
    for l in &lines {
        let words = error_line_words(l, &names);
        if !words.is_empty() {
            english.push(format!("{words:?} in {l}"));
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
    // The classes a person acts on, in Chinese.
    let all = lines.join("\n");
    for want in [
        "不是有效的 PDF",
        "损坏的压缩包",
        "加密的",
        "超出限制：输入文件大小",
    ] {
        assert!(all.contains(want), "no {want} in\n{all}");
    }
    // The library's own words stay in the records' English `error`.
    let json = std::fs::read_to_string(out.join("documents.jsonl")).unwrap();
    assert!(json.contains("\"error\":\"corrupt pdf file: "), "{json}");
    let _ = std::fs::remove_dir_all(&dir);
}
