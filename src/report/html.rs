//! report.html: one self-contained page (no network, no script; inline CSS and SVG) that a
//! person reads to see what a corpus run found: totals by rule and severity with a bar
//! chart, departments ranked by findings, the cross-document findings, and every finding
//! with its quote (numbers highlighted with `<mark>`), the recomputation and the place in the
//! source (file, page/block/row/col/line).
//!
//! Everything from input is HTML-escaped. The page is written in pieces ([`Report::head`],
//! one [`Report::document`] per record, [`Report::tail`]) so it streams; after
//! [`MAX_LISTED`] findings the rest are counted, not listed (they are all in findings.csv).

use crate::corpus::crossdoc::CorpusFinding;
use crate::corpus::record as rec;
use crate::report::outdir::Summary;
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A printed number: digits with optional separators and decimals, optional %.
const NUMBER: &str = r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?[%％]?";

/// Most departments listed in the ranking.
pub const MAX_DEPARTMENTS: usize = 200;

/// Most findings listed one by one.
pub const MAX_LISTED: usize = 5_000;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The quote, escaped, with the numbers that appear in `values` wrapped in `<mark>`.
/// Numbers are compared without thousands separators, full-width forms normalised.
pub fn highlight(quote: &str, values: &[String], number: &Regex) -> String {
    let wanted: BTreeSet<String> = values.iter().map(|v| canon(v)).collect();
    let mut out = String::new();
    let mut last = 0;
    for m in number.find_iter(quote) {
        let Some(before) = quote.get(last..m.start()) else {
            continue;
        };
        out.push_str(&escape(before));
        if wanted.contains(&canon(m.as_str())) {
            let _ = write!(out, "<mark>{}</mark>", escape(m.as_str()));
        } else {
            out.push_str(&escape(m.as_str()));
        }
        last = m.end();
    }
    out.push_str(&escape(quote.get(last..).unwrap_or("")));
    out
}

fn canon(s: &str) -> String {
    crate::number::normalize(s)
        .chars()
        .filter(|c| !matches!(c, ',' | '%' | '+' | ' '))
        .collect::<String>()
        .trim_start_matches('-')
        .to_string()
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev-error{color:#b00020;font-weight:bold}.sev-warning{color:#a15c00;font-weight:bold}.sev-info{color:#555}
.finding{border-left:4px solid #ccc;padding:.3em .8em;margin:.6em 0;background:#fafafa}
.finding.error{border-color:#b00020}.finding.warning{border-color:#e08a00}
.quote{background:#fff;border:1px dashed #ccc;padding:.3em .5em;margin:.3em 0}
mark{background:#ffe066;padding:0 .1em}summary{cursor:pointer;color:#555;margin:.4em 0}.where{color:#555;font-size:.9em}.doc{margin-top:1.5em}
.kpi{display:inline-block;margin:0 1.5em .5em 0}.kpi b{font-size:1.5em;display:block}
code{font-size:.95em}
"#;

/// Streaming writer of the page: [`Report::document`] for each record in order (these
/// parts need no summary, so they can be written while the summary is still being
/// counted), then [`Report::head`] with the summary, the documents' parts, [`Report::tail`].
pub struct Report {
    number: Regex,
    listed: usize,
    skipped: usize,
}

impl Default for Report {
    fn default() -> Self {
        Report::new()
    }
}

impl Report {
    /// A new page.
    pub fn new() -> Report {
        Report {
            // A printed number: digits with optional separators and decimals, optional %.
            number: Regex::new(NUMBER).expect("constant regex"),
            listed: 0,
            skipped: 0,
        }
    }

    /// The page up to the per-document findings.
    pub fn head(&self, summary: &Summary) -> String {
        let s = summary;
        let mut h = String::new();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>crossfoot 核查报告</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>crossfoot 核查报告</h1>\n"
        );
        let sev = |k: &str| s.findings.by_severity.get(k).copied().unwrap_or(0);
        let _ = writeln!(
            h,
            "<p><span class=\"kpi\"><b id=\"documents-total\">{}</b>份文件</span><span class=\"kpi\"><b id=\"documents-errors\">{}</b>份无法处理</span><span class=\"kpi\"><b id=\"findings-total\">{}</b>条发现</span><span class=\"kpi sev-error\"><b id=\"findings-error\">{}</b>错误</span><span class=\"kpi sev-warning\"><b id=\"findings-warning\">{}</b>警告</span><span class=\"kpi sev-info\"><b id=\"findings-info\">{}</b>提示</span><span class=\"kpi\"><b id=\"facts-total\">{}</b>个数值</span></p>",
            s.documents.total,
            s.documents.errors,
            s.findings.total,
            sev("error"),
            sev("warning"),
            sev("info"),
            s.facts,
        );
        let _ = writeln!(
            h,
            "<p class=\"where\">模式 {}{}；核查 {} 项，通过 {} 项。</p>",
            escape(&s.mode),
            s.shard
                .as_ref()
                .map(|x| format!("，分片 {}", escape(x)))
                .unwrap_or_default(),
            s.checks_run,
            s.checks_passed
        );
        h.push_str("<h2>按规则与严重程度统计</h2>\n");
        h.push_str(&self.chart(summary));
        h.push_str("<table id=\"by-rule\"><tr><th>规则</th><th>错误</th><th>警告</th><th>提示</th><th>合计</th></tr>\n");
        for (rule, m) in &s.findings.by_rule {
            let g = |k: &str| m.get(k).copied().unwrap_or(0);
            let _ = writeln!(
                h,
                "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(rule),
                g("error"),
                g("warning"),
                g("info"),
                m.values().sum::<usize>()
            );
        }
        h.push_str("</table>\n");
        if !s.documents.errors_by_code.is_empty() {
            h.push_str("<h3>无法处理的文件（按原因）</h3>\n<table id=\"errors-by-code\"><tr><th>原因</th><th>文件数</th></tr>\n");
            for (code, n) in &s.documents.errors_by_code {
                let _ = writeln!(
                    h,
                    "<tr><td><code>{}</code></td><td class=\"n\">{n}</td></tr>",
                    escape(code)
                );
            }
            h.push_str("</table>\n");
        }
        h.push_str("<h2>部门排名（按错误、警告数）</h2>\n<table id=\"departments\"><tr><th>#</th><th>部门</th><th>年度</th><th>文件</th><th>发现</th><th>错误</th><th>警告</th></tr>\n");
        for (i, d) in s.departments.iter().take(MAX_DEPARTMENTS).enumerate() {
            let years: Vec<String> = d.years.iter().map(|y| y.to_string()).collect();
            let name = if d.department.is_empty() {
                "（未识别）".to_string()
            } else {
                escape(&d.department)
            };
            let _ = writeln!(
                h,
                "<tr><td class=\"n\">{}</td><td>{name}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                i + 1,
                years.join("、"),
                d.documents,
                d.findings,
                d.errors,
                d.warnings
            );
        }
        h.push_str("</table>\n");
        if s.departments.len() > MAX_DEPARTMENTS {
            let _ = writeln!(
                h,
                "<p class=\"where\">另有 {} 个部门未列出，全部见 summary.json。</p>",
                s.departments.len() - MAX_DEPARTMENTS
            );
        }
        h.push_str(&self.corpus_section(summary));
        h.push_str("<h2>各文件的发现</h2>\n");
        h
    }

    /// Horizontal stacked bars, one per rule (errors red, warnings amber, info grey).
    fn chart(&self, summary: &Summary) -> String {
        let rules = &summary.findings.by_rule;
        if rules.is_empty() {
            return "<p>没有发现。</p>\n".into();
        }
        let max = rules
            .values()
            .map(|m| m.values().sum::<usize>())
            .max()
            .unwrap_or(1)
            .max(1);
        let (label_w, bar_w, row_h) = (260usize, 560usize, 24usize);
        let height = rules.len() * row_h + 10;
        let mut svg = format!(
            "<svg id=\"chart\" role=\"img\" aria-label=\"按规则统计的发现数\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-size=\"13\">\n",
            label_w + bar_w + 60
        );
        for (i, (rule, m)) in rules.iter().enumerate() {
            let y = i * row_h + 5;
            let _ = writeln!(
                svg,
                "<text x=\"0\" y=\"{}\">{}</text>",
                y + 15,
                escape(rule)
            );
            let mut x = label_w;
            for (sev, color) in [
                ("error", "#b00020"),
                ("warning", "#e08a00"),
                ("info", "#999"),
            ] {
                let n = m.get(sev).copied().unwrap_or(0);
                if n == 0 {
                    continue;
                }
                let w = (n * bar_w / max).max(2);
                let _ = writeln!(
                    svg,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"18\" fill=\"{color}\"><title>{} {sev}: {n}</title></rect>",
                    escape(rule)
                );
                x += w;
            }
            let _ = writeln!(
                svg,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                x + 6,
                y + 15,
                m.values().sum::<usize>()
            );
        }
        svg.push_str("</svg>\n");
        svg
    }

    fn corpus_section(&self, summary: &Summary) -> String {
        let c = &summary.corpus;
        let mut h = String::from("<h2>跨文件核查（同一部门相邻年度）</h2>\n");
        let cv = &c.coverage;
        let _ = writeln!(
            h,
            "<p class=\"where\">识别出部门和年度的文件 {} 份，其中上年公开说明也在本批次中的 {} 份；“与上年相比”金额表述 {} 条，其中上年公开说明不在本批次 {} 条；已与上年公开说明比对 {} 条（一致 {} 条），上年无对应数值 {} 条，上年同名数值不唯一未比对 {} 条。</p>",
            cv.documents_placed,
            cv.documents_with_prior,
            cv.claims,
            cv.no_prior_document,
            cv.compared,
            cv.consistent,
            cv.no_prior_figure,
            cv.ambiguous
        );
        if c.findings.is_empty() {
            h.push_str("<p id=\"corpus-findings\">没有跨文件发现。</p>\n");
            return h;
        }
        h.push_str("<div id=\"corpus-findings\">\n");
        for f in &c.findings {
            h.push_str(&self.corpus_finding(f));
        }
        h.push_str("</div>\n");
        h
    }

    fn corpus_finding(&self, f: &CorpusFinding) -> String {
        let mut h = String::new();
        let _ = write!(
            h,
            "<div class=\"finding {sev}\"><span class=\"sev-{sev}\">{sev}</span> <code>{}</code> {}（{}年 ↔ {}年）<br>{}\n<div class=\"quote\">{}</div>\n<div>重算：<code>{}</code></div>\n<div class=\"where\">本年：{} · {}</div>\n<div class=\"quote\">{}</div>\n<div class=\"where\">上年：{} · {}</div></div>\n",
            escape(&f.rule),
            escape(&f.department),
            f.year,
            f.prior_year,
            escape(&f.message),
            highlight(&f.quote, &f.values, &self.number),
            escape(&f.expected),
            escape(&f.path),
            escape(&rec::location_text(Some(&f.location))),
            highlight(&f.prior.quote, &f.values, &self.number),
            escape(&f.prior.path),
            escape(&rec::location_text(Some(&f.prior.location))),
            sev = escape(&f.severity),
        );
        h
    }

    /// The findings of one document record ("" if it has none and no error).
    pub fn document(&mut self, v: &Value) -> String {
        let findings = rec::findings(v);
        let error = rec::error(v);
        if findings.is_empty() && error.is_none() {
            return String::new();
        }
        let mut h = String::new();
        let dept = rec::department(v).unwrap_or("");
        let year = rec::year(v).map(|y| format!(" {y}年")).unwrap_or_default();
        let _ = writeln!(
            h,
            "<div class=\"doc\"><h3>{}</h3><p class=\"where\">{}{} · sha256 {}</p>",
            escape(rec::path(v)),
            escape(dept),
            year,
            escape(rec::sha256(v).get(..16).unwrap_or(""))
        );
        if let Some(e) = error {
            let _ = writeln!(
                h,
                "<p class=\"sev-error\">无法处理（{}）：{}</p>",
                escape(rec::error_code(v)),
                escape(&crate::report::errors::localize(
                    rec::error_code(v),
                    e,
                    crate::check::Lang::Zh
                ))
            );
        }
        // Errors and warnings first and open; info notes (not checkable) folded away in a
        // <details> element, which needs no script.
        let mut info = String::new();
        let mut n_info = 0usize;
        for f in findings {
            if self.listed >= MAX_LISTED {
                self.skipped += 1;
                continue;
            }
            self.listed += 1;
            let sev = rec::str_of(f, "severity");
            if sev == "error" || sev == "warning" {
                h.push_str(&self.finding(v, f));
            } else {
                n_info += 1;
                info.push_str(&self.finding(v, f));
            }
        }
        if n_info > 0 {
            let _ = write!(
                h,
                "<details><summary>{n_info} 条提示（无法核对的表述等）</summary>\n{info}</details>\n"
            );
        }
        h.push_str("</div>\n");
        h
    }

    fn finding(&self, v: &Value, f: &Value) -> String {
        let values: Vec<String> = f
            .get("values")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|x| rec::scalar(Some(x))).collect())
            .unwrap_or_default();
        let sev = rec::str_of(f, "severity");
        let project = rec::str_of(f, "project");
        let expected = rec::str_of(f, "expected");
        format!(
            "<div class=\"finding {sev}\"><span class=\"sev-{sev}\">{sev}</span> <code>{}</code> {}{}\n<div class=\"quote\">{}</div>\n{}<div class=\"where\">{} · {}</div></div>\n",
            escape(rec::str_of(f, "rule")),
            escape(rec::str_of(f, "message")),
            if project.is_empty() {
                String::new()
            } else {
                format!("（项目：{}）", escape(project))
            },
            highlight(rec::str_of(f, "quote"), &values, &self.number),
            if expected.is_empty() {
                String::new()
            } else {
                format!("<div>重算：<code>{}</code></div>\n", escape(expected))
            },
            escape(rec::path(v)),
            escape(&rec::location_text(f.get("location"))),
            sev = escape(sev),
        )
    }

    /// The end of the page.
    pub fn tail(&self) -> String {
        let mut h = String::new();
        if self.listed == 0 {
            h.push_str("<p>没有文件级发现。</p>\n");
        }
        if self.skipped > 0 {
            let _ = writeln!(
                h,
                "<p class=\"where\">另有 {} 条发现未在此列出，全部见 findings.csv。</p>",
                self.skipped
            );
        }
        h.push_str("<p class=\"where\">由 crossfoot 生成。数值区间语义：打印为 d 位小数的数代表 ±½·10<sup>−d</sup> 的区间。</p>\n</body>\n</html>\n");
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Input text is escaped; numbers in `values` are marked, others are not.
    #[test]
    fn highlights_and_escapes() {
        let re = Regex::new(NUMBER).unwrap();
        let q = "收入总计2,405.59万元<script>，占78.67%，共3项";
        let out = highlight(q, &["2405.59".into(), "78.67".into()], &re);
        assert_eq!(
            out,
            "收入总计<mark>2,405.59</mark>万元&lt;script&gt;，占<mark>78.67%</mark>，共3项"
        );
        assert_eq!(escape("a&\"b'"), "a&amp;&quot;b&#39;");
    }
}
