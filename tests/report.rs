//! The reviewer's outputs of `check --out` through the real binary: report.html's structure
//! (findings counted apart from the notes, notes folded per document, one entry for a
//! wrong 三公 total found by several rules, places and links to the PDF's pages, amounts at
//! stake, no English words on the Chinese page) and findings.xlsx / facts.xlsx read back
//! with calamine against the CSVs.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns: a failure is a test failure

use calamine::{Data, Reader, Xlsx};
use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "corpus/changji-minzheng-2024-juesuan";

/// A fresh temporary directory for one test.
fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("crossfoot-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Runs `check --out` on the bundled PDF and on the text rendition with its 三公 total
/// misprinted (10.91 → 11.91); returns the output directory.
fn run_seed_and_sangong(t: &Path) -> PathBuf {
    let docs = t.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let text = read(Path::new(&format!("{SEED}.txt")));
    let wrong = text.replacen(
        "2024年度财政拨款“三公”经费支出10.91万元",
        "2024年度财政拨款“三公”经费支出11.91万元",
        1,
    );
    assert_ne!(wrong, text);
    std::fs::write(docs.join("sangong.txt"), wrong).unwrap();
    let out = t.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["check", "-q", &format!("{SEED}.pdf")])
        .arg(&docs)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// The number shown in the element with this id.
fn count(html: &str, id: &str) -> usize {
    let re = Regex::new(&format!(r#"id="{id}">(\d+)<"#)).unwrap();
    re.captures(html)
        .and_then(|c| c[1].parse().ok())
        .unwrap_or_else(|| panic!("no count {id}"))
}

/// Words of three or more ASCII letters a reader sees: outside tags, `<code>`, `<script>`,
/// `<style>`, the SVG chart and quotes from the documents; "crossfoot" and format names
/// allowed.
fn english_words(html: &str) -> Vec<String> {
    let mut text = html.to_string();
    for re in [
        r"(?s)<script>.*?</script>",
        r"(?s)<style>.*?</style>",
        r"(?s)<svg.*?</svg>",
        r"(?s)<code>.*?</code>",
        r#"(?s)<div class="quote">.*?</div>"#,
        r#"(?s)<span class="where">.*?</span>"#,
        r"(?s)<[^>]*>",
        r"&[a-z]+;|&#\d+;",
    ] {
        text = Regex::new(re).unwrap().replace_all(&text, " ").into_owned();
    }
    Regex::new(r"[A-Za-z]{3,}")
        .unwrap()
        .find_iter(&text)
        .map(|m| m.as_str().to_string())
        .filter(|w| !["crossfoot", "PDF", "TXT", "DOCX", "XLSX"].contains(&w.as_str()))
        .collect()
}

// The page counts findings (errors, warnings) apart from the notes, folds the notes per
// document, groups the five findings of the misprinted 三公 total into one entry listing
// every rule, links PDF places to their page, and totals the amount at stake.
#[test]
fn report_html_is_a_review_page() {
    let t = tmp("html");
    let out = run_seed_and_sangong(&t);
    let html = read(&out.join("report.html"));
    // Headline: 5 errors (the 三公 total) + 8 warnings in each document; 30 notes each.
    assert_eq!(count(&html, "findings-total"), 21);
    assert_eq!(count(&html, "findings-error"), 5);
    assert_eq!(count(&html, "findings-warning"), 16);
    assert_eq!(count(&html, "notes-total"), 60);
    // Entries: the five errors are one; the 16 warnings rest on distinct figures.
    assert_eq!(count(&html, "entries-total"), 17);
    let entries =
        Regex::new(r#"<div class="finding (\w+)" data-sev="\w+" data-rules="([^"]*)""#).unwrap();
    let listed: Vec<(String, String)> = entries
        .captures_iter(&html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    assert_eq!(listed.len(), 17);
    let errors: Vec<&(String, String)> = listed.iter().filter(|e| e.0 == "error").collect();
    assert_eq!(errors.len(), 1, "{listed:?}");
    let rules: Vec<&str> = errors[0].1.split(' ').collect();
    assert_eq!(
        rules,
        vec![
            "identity.three_public",
            "share.rate",
            "sum.total",
            "yoy.rate"
        ]
    );
    assert!(html.contains("同一组数字上的 5 条发现（4 条规则）归为一项"));
    // The misprint is 1.00 万元 off, counted once, in the department's row.
    assert!(html.contains("涉及金额 <b>1.00</b> 万元"));
    assert!(
        html.contains("<td>昌吉回族自治州民政局</td><td>2024</td><td class=\"n\">2</td><td class=\"n\">5</td><td class=\"n\">16</td><td class=\"n\">60</td><td class=\"n stake\">1.00</td>"),
        "department row"
    );
    // Notes live only inside each document's folded part: two such parts, 60 notes.
    assert_eq!(html.matches("<details class=\"notes\">").count(), 2);
    assert_eq!(html.matches("data-sev=\"info\"").count(), 60);
    let folded = Regex::new(r#"(?s)<details class="notes">.*?</details>"#).unwrap();
    assert!(!folded.replace_all(&html, "").contains("data-sev=\"info\""));
    // Places read 第N页 表X 行Y, and the PDF's open at the page through a relative link that
    // resolves from the report's directory.
    assert!(html.contains("第5页 表"), "no page/table place");
    assert!(!html.contains("block 84"));
    let link = Regex::new(r##"href="([^"#]+)#page=(\d+)""##).unwrap();
    let links: Vec<(String, String)> = link
        .captures_iter(&html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    assert!(links.len() >= 8, "{links:?}");
    for (href, _) in &links {
        assert!(
            href.ends_with("corpus/changji-minzheng-2024-juesuan.pdf"),
            "{href}"
        );
        assert!(!href.starts_with('/'), "{href} is not relative");
        assert!(out.join(href).is_file(), "{href} does not resolve");
    }
    assert!(links.iter().any(|(_, p)| p == "5"));
    // "重算" only where something was recomputed: a missed target states what should hold.
    let missed = html
        .split("<div class=\"finding ")
        .find(|e| e.contains("data-rules=\"perf.missed_target\""))
        .unwrap();
    assert!(missed.contains("依据："));
    assert!(!missed.contains("重算："));
    // Legend, rule descriptions, filters with their script, and no English for the reader.
    assert!(html.contains("id=\"legend\""));
    assert!(html.contains("合计数等于所列分项之和（区间算术）"));
    for id in ["f-sev", "f-rule", "f-dept", "f-text"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(html.contains("<script>") && !html.contains("<script src"));
    assert!(!html.contains("http://") || html.matches("http://").count() == 1); // the SVG namespace
    assert_eq!(english_words(&html), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&t);
}

/// A sheet's rows as text, numbers printed without a trailing ".0".
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

// findings.xlsx holds the rows of findings.csv (plus the Chinese rule description) and
// facts.xlsx those of facts.csv, with numbers typed as numbers.
#[test]
fn workbooks_read_back_as_the_csvs() {
    let t = tmp("xlsx");
    let out = run_seed_and_sangong(&t);
    let csv_rows = |name: &str| {
        let text = read(&out.join(name));
        crossfoot::report::csv::parse_csv(text.trim_start_matches('\u{feff}')).unwrap()
    };
    let findings_csv = csv_rows("findings.csv");
    let findings = sheet_rows(&out.join("findings.xlsx"), "findings");
    assert_eq!(findings.len(), findings_csv.len());
    assert_eq!(findings.len(), 1 + 21 + 60);
    assert_eq!(findings[0].last().unwrap(), "rule_zh");
    for (x, c) in findings.iter().zip(&findings_csv) {
        assert_eq!(&x[..x.len() - 1], &c[..], "row differs");
    }
    let sum_total = findings.iter().find(|r| r[5] == "sum.total").unwrap();
    assert_eq!(
        sum_total.last().unwrap(),
        "合计数等于所列分项之和（区间算术）"
    );

    let facts_csv = csv_rows("facts.csv");
    let mut wb: Xlsx<_> = calamine::open_workbook(out.join("facts.xlsx")).unwrap();
    let range = wb.worksheet_range("facts").unwrap();
    assert_eq!(range.height(), facts_csv.len());
    // 收入总计 2,405.59: value (column 8) and year (column 3) are numbers.
    let row = range
        .rows()
        .find(|r| r[8] == Data::Float(2405.59))
        .expect("a typed 2405.59");
    assert_eq!(row[3], Data::Float(2024.0));
    for (x, c) in range.rows().zip(&facts_csv).skip(1) {
        assert_eq!(x[4].to_string(), c[4], "fact ids in the same order");
    }
    let _ = std::fs::remove_dir_all(&t);
}
