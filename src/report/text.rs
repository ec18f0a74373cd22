//! The `crossfoot check --format text` report, for a person: per document a header with
//! counts, then one block per error/warning (location, quote, message, stated numbers and the
//! recomputation, severity and rule id), then coverage per rule family so silence can be
//! read. Info findings (statements that could not be checked) are counted in coverage with
//! their reasons rather than listed one by one; `--format json` lists them all.

use crate::check::{Finding, Lang, Severity};
use crate::document::Location;
use crate::DocResult;
use std::fmt::Write as _;

fn loc(l: &Location, lang: Lang) -> String {
    let mut parts = Vec::new();
    let zh = lang == Lang::Zh;
    if let Some(r) = l.sheet_ref() {
        // A workbook: the sheet and cell say it all.
        return r;
    }
    if let Some(p) = l.page {
        parts.push(if zh {
            format!("第{p}页")
        } else {
            format!("page {p}")
        });
    }
    if let Some(n) = l.line {
        parts.push(if zh {
            format!("第{n}行")
        } else {
            format!("line {n}")
        });
    }
    parts.push(if zh {
        format!("块{}", l.block)
    } else {
        format!("block {}", l.block)
    });
    if let Some(r) = l.row {
        parts.push(if zh {
            format!("表行{r}")
        } else {
            format!("row {r}")
        });
    }
    if let Some(c) = l.col {
        parts.push(if zh {
            format!("列{c}")
        } else {
            format!("col {c}")
        });
    }
    parts.join(" ")
}

fn sev(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Info, Lang::Zh) => "提示",
        (s, Lang::En) => s.as_str(),
    }
}

fn finding(out: &mut String, path: &str, f: &Finding, lang: Lang) {
    let zh = lang == Lang::Zh;
    let _ = writeln!(
        out,
        "{}:{}  {} [{}]",
        path,
        loc(&f.location, lang),
        sev(f.severity, lang),
        f.rule
    );
    if let Some(p) = &f.project {
        let _ = writeln!(out, "  {}{}", if zh { "项目：" } else { "project: " }, p);
    }
    let quote: String = f.quote.chars().take(300).collect();
    let more = if f.quote.chars().count() > 300 {
        "…"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  {}“{}{}”",
        if zh { "原文：" } else { "quote: " },
        quote,
        more
    );
    let _ = writeln!(out, "  {}", f.message);
    if !f.values.is_empty() {
        let _ = writeln!(
            out,
            "  {}{}",
            if zh { "所列数值：" } else { "stated: " },
            f.values.join(", ")
        );
    }
    if !f.expected.is_empty() {
        let _ = writeln!(
            out,
            "  {}{}",
            if zh {
                "重新计算："
            } else {
                "recomputed: "
            },
            f.expected
        );
    }
    let _ = writeln!(out, "  {}{}", if zh { "编号 " } else { "id " }, f.id);
}

/// The text report of one document.
pub fn document(r: &DocResult, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    if let Some(e) = &r.error {
        let _ = writeln!(
            out,
            "{}: {} {}\n",
            r.path,
            if zh { "无法处理：" } else { "failed:" },
            crate::report::errors::localize(r.error_code.as_deref().unwrap_or(""), e, lang)
        );
        return out;
    }
    let Some(rep) = &r.report else {
        return out;
    };
    let count = |s| rep.findings.iter().filter(|f| f.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let c = &rep.coverage;
    let _ = if zh {
        writeln!(
            out,
            "{}：错误 {e}，警告 {w}，无法核对 {i}；核对 {} 项，成立 {} 项",
            r.path, c.checks_run, c.checks_passed
        )
    } else {
        writeln!(
            out,
            "{}: {e} errors, {w} warnings, {i} not checkable; {} checks run, {} passed",
            r.path, c.checks_run, c.checks_passed
        )
    };
    out.push('\n');
    for f in rep.findings.iter().filter(|f| f.severity != Severity::Info) {
        finding(&mut out, &r.path, f, lang);
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}",
        if zh {
            "覆盖情况（类别：发现/核对/成立/无法核对）："
        } else {
            "coverage (family: found/checked/passed/unchecked):"
        }
    );
    for (k, v) in &c.by_kind {
        let counts = format!("{}/{}/{}/{}", v.found, v.checked, v.passed, v.unchecked);
        let _ = match crate::check::zh::family(k).filter(|_| zh) {
            Some(name) => write!(out, "  {k}（{name}）：{counts}"),
            None => write!(out, "  {k}: {counts}"),
        };
        if !v.reasons.is_empty() {
            let rs: Vec<String> = v
                .reasons
                .iter()
                .map(|(r, n)| {
                    let r = if zh { crate::check::zh::reason(r) } else { r };
                    format!("{r} ×{n}")
                })
                .collect();
            let _ = if zh {
                write!(out, "（{}）", rs.join("；"))
            } else {
                write!(out, "  ({})", rs.join("; "))
            };
        }
        out.push('\n');
    }
    out.push('\n');
    out
}
