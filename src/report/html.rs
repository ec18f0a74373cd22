//! report.html: one self-contained page (inline CSS, SVG and a small inline script; no
//! network) for a person who reviews what a corpus run found.
//!
//! The page, top to bottom: the headline counts (findings, i.e. errors and warnings, apart
//! from the notes on statements that could not be checked), a legend, counts by rule with
//! each rule's description, departments with the amount at stake, the
//! cross-document findings, a filter bar (severity, rule, department, free text; the script
//! only hides entries, the page reads the same without it), then each document's findings.
//!
//! One entry per root cause: a document's errors and warnings that share a figure (a fact
//! id) are one entry listing every rule that fired, such as a wrong 三公 total found by
//! `sum.total` and by `identity.three_public`. An entry quotes each figure it rests on with
//! its place when they are in more than one place (a text figure against a table cell).
//! Places read 第N页 表X 行Y ("p. N table X row Y" under `--lang en`): X numbers the
//! document's tables in order (the blocks whose facts have a row); a PDF place links to the source at that page, by a path relative to
//! the report's directory. Notes are folded in their own part of each document, with their
//! reason.
//!
//! The page's own words follow `--lang`; what comes from the documents (quotes, labels,
//! department and project names) stays as printed. Everything from input is HTML-escaped. The page is written in pieces ([`Report::head`],
//! one [`Report::document`] per record, [`Report::tail`]) so it streams; after
//! [`MAX_LISTED`] entries (and [`MAX_LISTED`] notes) the rest are counted, not listed, and
//! the page says so next to the counts (they are all in findings.csv).

use crate::corpus::crossdoc::CorpusFinding;
use crate::corpus::record as rec;
use crate::report::outdir::Summary;
use crate::report::review::{
    corpus_stake, place_in, relative_href, root_causes, stake, table_ordinals,
};
use regex::Regex;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
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

/// A number as compared: normalised, without separators, percent sign or sign.
pub(crate) fn canon(s: &str) -> String {
    crate::number::normalize(s)
        .chars()
        .filter(|c| !matches!(c, ',' | '%' | '+' | ' '))
        .collect::<String>()
        .trim_start_matches('-')
        .to_string()
}

const STYLE: &str = include_str!("assets/report.css");
const SCRIPT: &str = include_str!("assets/report.js");

/// The severity as the page names it in `lang`.
fn severity_name(sev: &str, lang: crate::check::Lang) -> &'static str {
    let zh = lang == crate::check::Lang::Zh;
    match sev {
        "error" if zh => "错误",
        "warning" if zh => "警告",
        _ if zh => "说明",
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

/// Streaming writer of the page: [`Report::document`] for each record in order (these
/// parts need no summary, so they can be written while the summary is still being
/// counted), then [`Report::head`] with the summary, the documents' parts, [`Report::tail`].
pub struct Report {
    number: Regex,
    /// The report's directory, for links to the sources.
    dir: PathBuf,
    /// Rule descriptions (in the page's language) by id.
    rules: BTreeMap<String, String>,
    /// Entries (root causes) seen, listed and not listed.
    entries: usize,
    entries_skipped: usize,
    /// Notes seen and not listed.
    notes: usize,
    notes_skipped: usize,
    /// Amount at stake by department (万元) and the error entries it comes from.
    stakes: BTreeMap<String, (Decimal, usize)>,
    /// The language of the page's own words (`--lang`): headings, labels, places, badges.
    /// Quotes, labels and names from the documents stay as printed.
    lang: crate::check::Lang,
}

impl Report {
    /// A new page for a report written in `dir`, with Chinese headings.
    pub fn new(dir: &Path) -> Report {
        Report::with_lang(dir, crate::check::Lang::Zh)
    }

    /// A new page whose own words (title, headings, column heads, counts, legend, filter
    /// bar, severity badges, places, notes) are in `lang`.
    pub fn with_lang(dir: &Path, lang: crate::check::Lang) -> Report {
        let mut rules: BTreeMap<String, String> = crate::check::messages::rules()
            .into_iter()
            .map(|r| (r.id.clone(), r.describe(lang).to_string()))
            .collect();
        rules.insert(
            crate::corpus::crossdoc::RULE.to_string(),
            match lang {
                crate::check::Lang::Zh => "跨文件：本年增减表述推算的上年数与上年公开说明所列一致",
                crate::check::Lang::En => "across documents: the prior-year figure implied by this year's change equals the one last year's disclosure prints",
            }
            .to_string(),
        );
        Report {
            number: Regex::new(NUMBER).expect("constant regex"),
            dir: dir.to_path_buf(),
            rules,
            entries: 0,
            entries_skipped: 0,
            notes: 0,
            notes_skipped: 0,
            stakes: BTreeMap::new(),
            lang,
        }
    }

    /// A severity badge.
    fn badge(&self, sev: &str) -> String {
        let class = match sev {
            "error" | "warning" => sev,
            _ => "info",
        };
        format!(
            "<span class=\"sev sev-{class}\">{}</span>",
            severity_name(sev, self.lang)
        )
    }

    /// A place in the page's language.
    fn place(&self, loc: Option<&Value>, tables: &BTreeMap<u64, usize>) -> String {
        place_in(loc, tables, self.lang)
    }

    /// The department as the page names it ("（未识别）", "(not recognised)" for none).
    fn dept<'a>(&self, d: &'a str) -> &'a str {
        if d.trim().is_empty() {
            self.tr("（未识别）", "(not recognised)")
        } else {
            d.trim()
        }
    }

    /// "重算：…" when `expected` is a computation ("… = result", spaced; a printed target
    /// such as "=90%" is not one), "依据：…" when it states what should hold, nothing when
    /// empty.
    fn expected_line(&self, expected: &str) -> String {
        if expected.is_empty() {
            String::new()
        } else if expected.contains(" = ") {
            format!(
                "<div>{}<code>{}</code></div>\n",
                self.tr("重算：", "recomputed: "),
                escape(expected)
            )
        } else {
            format!(
                "<div>{}{}</div>\n",
                self.tr("依据：", "basis: "),
                escape(expected)
            )
        }
    }

    /// The heading in the page's language.
    fn tr(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            crate::check::Lang::Zh => zh,
            crate::check::Lang::En => en,
        }
    }

    fn describe(&self, rule: &str) -> &str {
        self.rules.get(rule).map_or("", String::as_str)
    }

    /// The page up to the per-document findings.
    pub fn head(&self, summary: &Summary) -> String {
        let s = summary;
        let mut h = String::new();
        let title = self.tr("crossfoot 核查报告", "crossfoot check report");
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
            self.tr("zh-CN", "en")
        );
        let sev = |k: &str| s.findings.by_severity.get(k).copied().unwrap_or(0);
        let _ = writeln!(
            h,
            "<p id=\"headline\"><span class=\"kpi\"><b id=\"documents-total\">{}</b>{}</span><span class=\"kpi\"><b id=\"documents-errors\">{}</b>{}</span><span class=\"kpi\"><b id=\"findings-total\">{}</b>{}</span><span class=\"kpi err\"><b id=\"findings-error\">{}</b>{}</span><span class=\"kpi warn\"><b id=\"findings-warning\">{}</b>{}</span><span class=\"kpi\"><b id=\"entries-total\">{}</b>{}</span><span class=\"kpi note\"><b id=\"notes-total\">{}</b>{}</span><span class=\"kpi\"><b id=\"facts-total\">{}</b>{}</span></p>",
            s.documents.total,
            self.tr("份文件", " documents"),
            s.documents.errors,
            self.tr("份无法处理", " not processed"),
            sev("error") + sev("warning"),
            self.tr("条发现", " findings"),
            sev("error"),
            self.tr("错误", " errors"),
            sev("warning"),
            self.tr("警告", " warnings"),
            self.entries + s.corpus.findings.len(),
            self.tr("项（按根源归并）", " entries (by root cause)"),
            sev("info"),
            self.tr("条无法核对的说明", " notes (not checkable)"),
            s.facts,
            self.tr("个数值", " figures"),
        );
        if self.entries_skipped > 0 || self.notes_skipped > 0 {
            let (a, b) = (self.entries_skipped, self.notes_skipped);
            let _ = writeln!(
                h,
                "<p class=\"notice\" id=\"omitted\">{}</p>",
                match self.lang {
                    crate::check::Lang::Zh => format!("本页只列出前 {MAX_LISTED} 项发现和前 {MAX_LISTED} 条说明：另有 <b id=\"omitted-entries\">{a}</b> 项发现、<b id=\"omitted-notes\">{b}</b> 条说明未列出（上面的计数包括它们），全部见 findings.csv 与 findings.xlsx。"),
                    crate::check::Lang::En => format!("This page lists the first {MAX_LISTED} entries and the first {MAX_LISTED} notes: <b id=\"omitted-entries\">{a}</b> more entries and <b id=\"omitted-notes\">{b}</b> more notes are not listed (the counts above include them); all are in findings.csv and findings.xlsx."),
                }
            );
        }
        let mode = if s.mode == "extract" {
            self.tr("只提取数值，未核查", "figures extracted, not checked")
        } else {
            self.tr("核查模式", "check mode")
        };
        let _ = writeln!(
            h,
            "<p class=\"where\">{mode}{}{}{}{}{}</p>",
            self.tr("；核查 ", "; checks run: "),
            s.checks_run,
            self.tr(" 项，通过 ", ", passed: "),
            s.checks_passed,
            self.tr(" 项。", "."),
        );
        if let Some(x) = &s.shard {
            let _ = writeln!(
                h,
                "<p class=\"where\">{}{}{}</p>",
                self.tr("本次只处理分片 ", "This run processed shard "),
                escape(x),
                self.tr("。", " only."),
            );
        }
        h.push_str(self.tr(LEGEND, LEGEND_EN));
        h.push_str(&self.rule_table(summary));
        if !s.documents.errors_by_code.is_empty() {
            h.push_str(self.tr(
                "<h3>无法处理的文件（按原因）</h3>\n<table id=\"errors-by-code\"><tr><th>原因</th><th>文件数</th></tr>\n",
                "<h3>Files not processed (by reason)</h3>\n<table id=\"errors-by-code\"><tr><th>reason</th><th>files</th></tr>\n",
            ));
            for (code, n) in &s.documents.errors_by_code {
                let _ = writeln!(
                    h,
                    "<tr><td><code>{}</code></td><td class=\"n\">{n}</td></tr>",
                    escape(code)
                );
            }
            h.push_str("</table>\n");
        }
        h.push_str(&self.department_table(summary));
        h.push_str(&self.corpus_section(summary));
        h.push_str(&self.filters(summary));
        h.push_str(self.tr("<h2>各文件的发现</h2>\n", "<h2>Findings by document</h2>\n"));
        h
    }

    fn rule_table(&self, s: &Summary) -> String {
        let mut h = String::from(self.tr(
            "<h2>按规则与严重程度统计</h2>\n",
            "<h2>By rule and severity</h2>\n",
        ));
        h.push_str(&self.chart(s));
        h.push_str(self.tr(
            "<table id=\"by-rule\"><tr><th>规则</th><th>说明</th><th>错误</th><th>警告</th><th>无法核对</th><th>合计</th></tr>\n",
            "<table id=\"by-rule\"><tr><th>rule</th><th>description</th><th>errors</th><th>warnings</th><th>not checkable</th><th>total</th></tr>\n",
        ));
        let mut total = [0usize; 3];
        for (rule, m) in &s.findings.by_rule {
            let g = |k: &str| m.get(k).copied().unwrap_or(0);
            let row = [g("error"), g("warning"), g("info")];
            for (t, n) in total.iter_mut().zip(row) {
                *t += n;
            }
            let _ = writeln!(
                h,
                "<tr data-rule=\"{r}\"><td><code>{r}</code></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(self.describe(rule)),
                row[0],
                row[1],
                row[2],
                row.iter().sum::<usize>(),
                r = escape(rule),
            );
        }
        let _ = writeln!(
            h,
            "<tr><th colspan=\"2\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n</table>",
            self.tr("合计", "total"),
            total[0],
            total[1],
            total[2],
            total.iter().sum::<usize>()
        );
        h
    }

    fn department_table(&self, s: &Summary) -> String {
        let mut h = String::from(self.tr(
            "<h2>各部门（按错误、警告数排列）</h2>\n<table id=\"departments\"><tr><th>#</th><th>部门</th><th>年度</th><th>文件</th><th>错误</th><th>警告</th><th>无法核对</th><th>涉及金额（万元）</th></tr>\n",
            "<h2>Departments (by errors and warnings)</h2>\n<table id=\"departments\"><tr><th>#</th><th>department</th><th>years</th><th>files</th><th>errors</th><th>warnings</th><th>not checkable</th><th>amount at stake (万元)</th></tr>\n",
        ));
        for (i, d) in s.departments.iter().take(MAX_DEPARTMENTS).enumerate() {
            let years: Vec<String> = d.years.iter().map(|y| y.to_string()).collect();
            let name = escape(self.dept(&d.department));
            let (mut amount, mut n) = self
                .stakes
                .get(self.dept(&d.department))
                .copied()
                .unwrap_or_default();
            for f in s
                .corpus
                .findings
                .iter()
                .filter(|f| f.department == d.department)
            {
                if let Some(x) = corpus_stake(f, &self.number) {
                    amount += x;
                    n += 1;
                }
            }
            let stake = if n > 0 {
                format!("{:.2}", amount.round_dp(2))
            } else {
                "—".to_string()
            };
            let _ = writeln!(
                h,
                "<tr><td class=\"n\">{}</td><td>{name}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n stake\">{stake}</td></tr>",
                i + 1,
                years.join(self.tr("、", ", ")),
                d.documents,
                d.errors,
                d.warnings,
                d.findings.saturating_sub(d.errors + d.warnings),
            );
        }
        h.push_str("</table>\n");
        if s.departments.len() > MAX_DEPARTMENTS {
            let _ = writeln!(
                h,
                "<p class=\"where\">{}{}{}</p>",
                self.tr("另有 ", ""),
                s.departments.len() - MAX_DEPARTMENTS,
                self.tr(
                    " 个部门未列出，全部见 summary.json。",
                    " more departments are not listed; all are in summary.json."
                ),
            );
        }
        h
    }

    /// The filter bar; its choices are the rules and departments with findings.
    fn filters(&self, s: &Summary) -> String {
        let mut h = String::from(self.tr(
            "<div id=\"filters\"><label>严重程度 <select id=\"f-sev\"><option value=\"\">错误和警告</option><option value=\"error\">错误</option><option value=\"warning\">警告</option><option value=\"info\">无法核对的说明</option></select></label><label>规则 <select id=\"f-rule\"><option value=\"\">全部规则</option>",
            "<div id=\"filters\"><label>severity <select id=\"f-sev\"><option value=\"\">errors and warnings</option><option value=\"error\">errors</option><option value=\"warning\">warnings</option><option value=\"info\">notes (not checkable)</option></select></label><label>rule <select id=\"f-rule\"><option value=\"\">all rules</option>",
        ));
        for rule in s.findings.by_rule.keys() {
            let desc: String = self.describe(rule).chars().take(20).collect();
            let _ = write!(
                h,
                "<option value=\"{r}\" title=\"{r}\">{}</option>",
                escape(if desc.is_empty() { rule } else { &desc }),
                r = escape(rule)
            );
        }
        h.push_str(self.tr(
            "</select></label><label>部门 <select id=\"f-dept\"><option value=\"\">全部部门</option>",
            "</select></label><label>department <select id=\"f-dept\"><option value=\"\">all departments</option>",
        ));
        for d in s.departments.iter().take(MAX_DEPARTMENTS) {
            let name = self.dept(&d.department);
            let _ = write!(h, "<option value=\"{n}\">{n}</option>", n = escape(name));
        }
        let _ = writeln!(
            h,
            "{}",
            self.tr(
                "</select></label><label>搜索 <input id=\"f-text\" type=\"search\" placeholder=\"文字、数字或文件名\"></label> <span id=\"f-count\" class=\"where\" data-shown=\"显示 # 项发现\"></span></div>",
                "</select></label><label>search <input id=\"f-text\" type=\"search\" placeholder=\"text, figure or file name\"></label> <span id=\"f-count\" class=\"where\" data-shown=\"# findings shown\"></span></div>",
            )
        );
        // The script itself is in the tail: it runs once every entry exists.
        h
    }

    /// Horizontal stacked bars, one per rule (errors red, warnings amber, notes grey).
    fn chart(&self, summary: &Summary) -> String {
        let rules = &summary.findings.by_rule;
        if rules.is_empty() {
            return self
                .tr("<p>没有发现。</p>\n", "<p>No findings.</p>\n")
                .into();
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
            "<svg id=\"chart\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-size=\"13\">\n",
            self.tr("按规则统计的发现数", "findings by rule"),
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
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"18\" fill=\"{color}\"><title>{} {}{}{n}</title></rect>",
                    escape(rule),
                    if sev == "info" {
                        self.tr("无法核对", "not checkable")
                    } else {
                        severity_name(sev, self.lang)
                    },
                    self.tr("：", ": "),
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
        let mut h = String::from(self.tr(
            "<h2>跨文件核查（同一部门相邻年度）</h2>\n",
            "<h2>Across documents (one department, consecutive years)</h2>\n",
        ));
        let cv = &c.coverage;
        let _ = writeln!(
            h,
            "{}",
            match self.lang {
                crate::check::Lang::Zh => "<p class=\"where\">识别出部门和年度的文件 {} 份，其中上年公开说明也在本批次中的 {} 份；“与上年相比”金额表述 {} 条，其中上年公开说明不在本批次 {} 条；已与上年公开说明比对 {} 条（一致 {} 条），上年无对应数值 {} 条，上年同名数值不唯一未比对 {} 条。</p>",
                crate::check::Lang::En => "<p class=\"where\">Documents with a recognised department and year: {}, of which {} have last year's disclosure in this run; amounts stated against last year: {}, of which {} without last year's disclosure in this run; compared with last year's disclosure: {} ({} consistent); no matching figure last year: {}; not compared, the name not unique last year: {}.</p>",
            }
            .split("{}")
            .zip(
                [
                    cv.documents_placed,
            cv.documents_with_prior,
            cv.claims,
            cv.no_prior_document,
            cv.compared,
            cv.consistent,
                    cv.no_prior_figure,
                    cv.ambiguous,
                ]
                .iter()
                .map(|n| n.to_string())
                .chain([String::new()]),
            )
            .map(|(a, b)| format!("{a}{b}"))
            .collect::<String>()
        );
        if c.findings.is_empty() {
            h.push_str(self.tr(
                "<p id=\"corpus-findings\">没有跨文件发现。</p>\n",
                "<p id=\"corpus-findings\">No findings across documents.</p>\n",
            ));
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
        let none = BTreeMap::new();
        let side = |label: &str, path: &str, loc: &Value, quote: &str| {
            format!(
                "<tr><td>{label}</td><td><code>{}</code> {}{}</td><td>{}</td></tr>",
                escape(path),
                escape(&self.place(Some(loc), &none)),
                self.page_link(path, loc),
                highlight(quote, &f.values, &self.number)
            )
        };
        format!(
            "<div class=\"finding {sev}\" data-sev=\"{sev}\" data-rules=\"{rule}\" data-dept=\"{dept}\">{} <span class=\"rules\"><code>{rule}</code>{}</span>\n<div class=\"msg\">{}{}{}</div>\n{}<table class=\"figs\"><tr><th></th><th>{place}</th><th>{quote}</th></tr>\n{}\n{}\n</table></div>\n",
            self.badge(&f.severity),
            escape(self.describe(&f.rule)),
            escape(&f.department),
            match self.lang {
                crate::check::Lang::Zh => format!("（{}年与{}年）：", f.year, f.prior_year),
                crate::check::Lang::En => format!(" ({} and {}): ", f.year, f.prior_year),
            },
            escape(&f.message),
            self.expected_line(&f.expected),
            side(self.tr("本年", "this year"), &f.path, &f.location, &f.quote),
            side(
                self.tr("上年", "last year"),
                &f.prior.path,
                &f.prior.location,
                &f.prior.quote,
            ),
            sev = escape(&f.severity),
            rule = escape(&f.rule),
            dept = escape(self.dept(&f.department)),
            place = self.tr("位置", "place"),
            quote = self.tr("原文", "quote"),
        )
    }

    /// A link opening a PDF source at the page of `loc` ("" for other sources).
    fn page_link(&self, path: &str, loc: &Value) -> String {
        let Some(page) = loc.get("page").and_then(Value::as_u64) else {
            return String::new();
        };
        if !path.to_ascii_lowercase().ends_with(".pdf") {
            return String::new();
        }
        match relative_href(&self.dir, path) {
            Some(href) => format!(
                " <a class=\"src\" href=\"{}#page={page}\" target=\"_blank\">{}</a>",
                escape(&href),
                match self.lang {
                    crate::check::Lang::Zh => format!("打开原文第{page}页"),
                    crate::check::Lang::En => format!("open the source at page {page}"),
                }
            ),
            None => String::new(),
        }
    }

    /// The findings of one document record ("" if it has none and no error).
    pub fn document(&mut self, v: &Value) -> String {
        let findings = rec::findings(v);
        let error = rec::error(v);
        if findings.is_empty() && error.is_none() {
            return String::new();
        }
        let dept = self
            .dept(rec::department(v).unwrap_or("").trim())
            .to_string();
        let facts: HashMap<&str, &Value> = rec::facts(v)
            .iter()
            .filter_map(|f| Some((f.get("id")?.as_str()?, f)))
            .collect();
        let tables = table_ordinals(v);
        let (main, notes): (Vec<&Value>, Vec<&Value>) = findings
            .iter()
            .partition(|f| matches!(rec::str_of(f, "severity"), "error" | "warning"));
        let mut h = String::new();
        let year = rec::year(v)
            .map(|y| format!(" {y}{}", self.tr("年", "")))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<section class=\"doc\" data-dept-doc=\"{d}\"><h3><code>{}</code></h3><p class=\"where\">{d}{} · {} · {} <code>{}</code></p>",
            escape(rec::path(v)),
            year,
            escape(&rec::format(v).to_ascii_uppercase()),
            self.tr("内容校验值", "SHA-256"),
            escape(rec::sha256(v).get(..16).unwrap_or("")),
            d = escape(&dept),
        );
        if let Some(e) = error {
            let _ = writeln!(
                h,
                "<p>{} {}<code>{}</code>{}{}</p>",
                self.badge("error"),
                self.tr("无法处理（", "not processed ("),
                escape(rec::error_code(v)),
                self.tr("）：", "): "),
                escape(&crate::report::errors::localize(
                    rec::error_code(v),
                    e,
                    self.lang
                ))
            );
        }
        for group in root_causes(&main) {
            let members: Vec<&Value> = group.iter().filter_map(|&i| main.get(i).copied()).collect();
            let stake = members
                .iter()
                .filter_map(|f| stake(f, &facts, &self.number))
                .max();
            let is_error = members
                .iter()
                .any(|f| rec::str_of(f, "severity") == "error");
            if is_error {
                let e = self.stakes.entry(dept.clone()).or_default();
                e.0 += stake.unwrap_or_default();
                e.1 += usize::from(stake.is_some());
            }
            self.entries += 1;
            if self.entries > MAX_LISTED {
                self.entries_skipped += 1;
                continue;
            }
            h.push_str(&self.entry(v, &members, &facts, &tables, &dept, stake));
        }
        if !notes.is_empty() {
            let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
            for f in &notes {
                *reasons.entry(rec::str_of(f, "message")).or_default() += 1;
            }
            let mut by_count: Vec<(&str, usize)> = reasons.into_iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let why: Vec<String> = by_count
                .iter()
                .take(3)
                .map(|(m, n)| format!("{} {n}", escape(m)))
                .collect();
            let _ = write!(
                h,
                "<details class=\"notes\"><summary>{}{}{}{}{}</summary>\n<ul class=\"notes\">\n",
                notes.len(),
                self.tr(" 条无法核对的说明（", " notes, not checkable ("),
                why.join(self.tr("；", "; ")),
                if by_count.len() > 3 {
                    self.tr("；等", "; …")
                } else {
                    ""
                },
                self.tr("）", ")"),
            );
            for f in notes {
                self.notes += 1;
                if self.notes > MAX_LISTED {
                    self.notes_skipped += 1;
                    continue;
                }
                let quote: String = rec::str_of(f, "quote").chars().take(160).collect();
                let _ = writeln!(
                    h,
                    "<li data-sev=\"info\" data-rules=\"{r}\" data-dept=\"{}\"><code>{r}</code> <b>{}</b> · {}{} <span class=\"where\">{}</span></li>",
                    escape(&dept),
                    escape(rec::str_of(f, "message")),
                    escape(&self.place(f.get("location"), &tables)),
                    self.link_for(v, f.get("location")),
                    escape(&quote),
                    r = escape(rec::str_of(f, "rule")),
                );
            }
            h.push_str("</ul></details>\n");
        }
        h.push_str("</section>\n");
        h
    }

    fn link_for(&self, v: &Value, loc: Option<&Value>) -> String {
        match loc {
            Some(loc) if rec::format(v) == "pdf" => self.page_link(rec::path(v), loc),
            _ => String::new(),
        }
    }

    /// One root cause: its findings (one or more rules), the quote(s), the figures with
    /// their places when they are in more than one place, the amount at stake.
    fn entry(
        &self,
        v: &Value,
        members: &[&Value],
        facts: &HashMap<&str, &Value>,
        tables: &BTreeMap<u64, usize>,
        dept: &str,
        stake: Option<Decimal>,
    ) -> String {
        let sev = if members
            .iter()
            .any(|f| rec::str_of(f, "severity") == "error")
        {
            "error"
        } else {
            "warning"
        };
        let mut rules: Vec<&str> = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let mut quotes: Vec<&str> = Vec::new();
        let mut fact_ids: Vec<&str> = Vec::new();
        for f in members {
            let r = rec::str_of(f, "rule");
            if !rules.contains(&r) {
                rules.push(r);
            }
            let q = rec::str_of(f, "quote");
            if !q.is_empty() && !quotes.contains(&q) {
                quotes.push(q);
            }
            for x in f
                .get("values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                values.push(rec::scalar(Some(x)));
            }
            for id in f
                .get("facts")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !fact_ids.contains(&id) {
                    fact_ids.push(id);
                }
            }
        }
        let first_loc = members.first().and_then(|f| f.get("location"));
        let mut h = format!(
            "<div class=\"finding {sev}\" data-sev=\"{sev}\" data-rules=\"{}\" data-dept=\"{}\">{} <span class=\"rules\">",
            escape(&rules.join(" ")),
            escape(dept),
            self.badge(sev),
        );
        for r in &rules {
            let _ = write!(
                h,
                "<span class=\"rule\"><code>{}</code>{}</span>",
                escape(r),
                escape(self.describe(r))
            );
        }
        let _ = writeln!(
            h,
            "</span><div class=\"where\">{}{}</div>",
            escape(&self.place(first_loc, tables)),
            self.link_for(v, first_loc)
        );
        if rules.len() > 1 || members.len() > 1 {
            let _ = writeln!(
                h,
                "<div class=\"where\">{}</div>",
                match self.lang {
                    crate::check::Lang::Zh => format!(
                        "同一组数字上的 {} 条发现（{} 条规则）归为一项：",
                        members.len(),
                        rules.len()
                    ),
                    crate::check::Lang::En => format!(
                        "{} findings ({} rules) on one set of figures, one entry:",
                        members.len(),
                        rules.len()
                    ),
                }
            );
        }
        for f in members {
            let project = rec::str_of(f, "project");
            // The rule is named in the entry's head; with several findings, each says its own.
            let _ = writeln!(
                h,
                "<div class=\"msg\">{}{}{}</div>\n{}",
                if members.len() > 1 {
                    format!(
                        "{} <code>{}</code> ",
                        self.badge(rec::str_of(f, "severity")),
                        escape(rec::str_of(f, "rule"))
                    )
                } else {
                    String::new()
                },
                escape(rec::str_of(f, "message")),
                if project.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}{}{}",
                        self.tr("（项目：", " (project: "),
                        escape(project),
                        self.tr("）", ")")
                    )
                },
                self.expected_line(rec::str_of(f, "expected")),
            );
        }
        for q in &quotes {
            let _ = writeln!(
                h,
                "<div class=\"quote\">{}</div>",
                highlight(q, &values, &self.number)
            );
        }
        // Both sides of a contradiction: each figure with its own place and sentence, when
        // the figures are not all in one place.
        let figs: Vec<&Value> = fact_ids
            .iter()
            .filter_map(|id| facts.get(id).copied())
            .collect();
        let places: BTreeSet<String> = figs
            .iter()
            .map(|f| self.place(f.get("location"), tables))
            .collect();
        if places.len() > 1 {
            h.push_str(self.tr(
                "<table class=\"figs\"><tr><th>数值</th><th>出处</th><th>位置</th><th>原文</th></tr>\n",
                "<table class=\"figs\"><tr><th>figure</th><th>source</th><th>place</th><th>quote</th></tr>\n",
            ));
            for f in figs.iter().take(8) {
                let loc = f.get("location");
                let in_table = loc.and_then(|l| l.get("row")).is_some();
                let quote: String = rec::str_of(f, "quote").chars().take(200).collect();
                let _ = writeln!(
                    h,
                    "<tr><td>{} <b>{}</b>{}</td><td class=\"kind\">{}</td><td>{}{}</td><td>{}</td></tr>",
                    escape(rec::str_of(f, "label")),
                    escape(rec::str_of(f, "stated")),
                    escape(rec::str_of(f, "unit")),
                    if in_table {
                        self.tr("表格", "table")
                    } else {
                        self.tr("文字", "text")
                    },
                    escape(&self.place(loc, tables)),
                    self.link_for(v, loc),
                    highlight(&quote, &[rec::str_of(f, "stated").to_string()], &self.number),
                );
            }
            h.push_str("</table>\n");
        }
        if let Some(s) = stake {
            let _ = writeln!(
                h,
                "<div class=\"where\">{}<b>{:.2}</b>{}</div>",
                self.tr("涉及金额 ", "amount at stake "),
                s.round_dp(2),
                self.tr(
                    " 万元（所列数与重算数之差）",
                    " 万元 (printed against recomputed)"
                ),
            );
        }
        h.push_str("</div>\n");
        h
    }

    /// The end of the page.
    pub fn tail(&self) -> String {
        let mut h = String::new();
        if self.entries == 0 {
            h.push_str(self.tr(
                "<p>没有文件级发现。</p>\n",
                "<p>No findings in the documents.</p>\n",
            ));
        }
        if self.entries_skipped > 0 || self.notes_skipped > 0 {
            let (a, b) = (self.entries_skipped, self.notes_skipped);
            let _ = writeln!(
                h,
                "<p class=\"notice\">{}</p>",
                match self.lang {
                    crate::check::Lang::Zh => format!("另有 {a} 项发现、{b} 条说明未在此列出，全部见 findings.csv 与 findings.xlsx。"),
                    crate::check::Lang::En => format!("{a} more entries and {b} more notes are not listed here; all are in findings.csv and findings.xlsx."),
                }
            );
        }
        let _ = write!(
            h,
            "<p class=\"where\">{}</p>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
            self.tr(
                "由 crossfoot 生成。数值区间语义：打印为 d 位小数的数代表 ±½·10<sup>−d</sup> 的区间。",
                "Written by crossfoot. Interval semantics: a number printed with d decimals stands for an interval of ±½·10<sup>−d</sup>."
            )
        );
        h
    }
}

const LEGEND: &str = "<h2>图例</h2>\n<dl class=\"legend\" id=\"legend\">\
<dt><span class=\"sev sev-error\">错误</span></dt><dd>算术不成立：所列数与按区间算术重算的结果不相容（打印为 d 位小数的数代表 ±½·10<sup>−d</sup> 的区间）。</dd>\
<dt><span class=\"sev sev-warning\">警告</span></dt><dd>很可能有误但可能另有解释（如文字与表格数量不符、模板残留），需人工复核。</dd>\
<dt><span class=\"sev sev-info\">说明</span></dt><dd>无法核对的表述及其原因（如目标值不是数值），不计入发现，按文件折叠在各自的“无法核对的说明”中。</dd>\
<dt>一项</dt><dd>同一组数字上的多条发现（如三公经费合计错误同时被合计核对与恒等式核对发现）归为一项，列出全部规则。</dd>\
<dt>位置</dt><dd>第N页 表X 行Y：表X 为该文件中第X张表格；PDF 来源附有在该页打开原文的链接。</dd>\
<dt>涉及金额</dt><dd>错误项所列金额与重算金额之差的绝对值，以万元计，每项只计一次。</dd>\
</dl>\n";

/// [`LEGEND`] in English (`--lang en`).
const LEGEND_EN: &str = "<h2>Legend</h2>\n<dl class=\"legend\" id=\"legend\">\
<dt><span class=\"sev sev-error\">error</span></dt><dd>the arithmetic does not hold: the printed figure is incompatible with its recomputation in interval arithmetic (a number printed with d decimals stands for ±½·10<sup>−d</sup>).</dd>\
<dt><span class=\"sev sev-warning\">warning</span></dt><dd>probably wrong but open to another reading (a text count against a table count, template residue): review by hand.</dd>\
<dt><span class=\"sev sev-info\">note</span></dt><dd>a statement that could not be checked, with the reason (a target that is not a number); not counted as a finding, folded per document under its notes.</dd>\
<dt>entry</dt><dd>the findings on one set of figures (a wrong total of the three public expenses found by the sum and by the identity) are one entry listing every rule.</dd>\
<dt>place</dt><dd>p. N table X row Y: page N, table X (the X-th table of the document), row Y; a PDF place links to the source at that page.</dd>\
<dt>amount at stake</dt><dd>|printed − recomputed| of the error entries, in 万元, once per entry.</dd>\
</dl>\n";

#[cfg(test)]
mod tests {
    use super::*;

    // Past MAX_LISTED entries the rest are counted, and the page says how many were left out
    // and where they are, next to the counts; the amounts still count every entry.
    #[test]
    fn caps_entries_and_says_so() {
        let findings: Vec<Value> = (0..MAX_LISTED + 3)
            .map(|i| {
                serde_json::json!({"rule": "sum.total", "severity": "error",
                    "message": "m", "quote": "q", "expected": "1 + 1 = 2",
                    "facts": [format!("F{i}")], "location": {"block": i}})
            })
            .collect();
        let facts: Vec<Value> = (0..MAX_LISTED + 3)
            .map(|i| {
                serde_json::json!({"id": format!("F{i}"), "kind": "amount",
                    "value": "3", "value_wan": "3", "stated": "3"})
            })
            .collect();
        let v = serde_json::json!({"type": "document", "path": "a.txt", "sha256": "00",
            "department": "甲局", "findings": findings, "facts": facts});
        let mut r = Report::new(Path::new("."));
        let body = r.document(&v);
        assert_eq!(
            body.matches("<div class=\"finding error\"").count(),
            MAX_LISTED
        );
        assert_eq!((r.entries, r.entries_skipped), (MAX_LISTED + 3, 3));
        let head = r.head(&Summary::default());
        assert!(
            head.contains("另有 <b id=\"omitted-entries\">3</b> 项发现"),
            "{head}"
        );
        assert!(head.contains("findings.csv"));
        // Every entry is 1 万元 off: 5,003 in all, listed or not.
        assert_eq!(r.stakes.get("甲局").map(|s| s.1), Some(MAX_LISTED + 3));
        assert!(r.tail().contains("另有 3 项发现、0 条说明未在此列出"));
    }

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
