//! What report.html works out beyond the records, apart from how it is drawn: the root
//! causes (findings of a document that share a figure), places (第N页 表X 行Y, or "p. N
//! table X row Y" under `--lang en`, with tables counted per document), links from the
//! report's directory to a source, and the amount at stake of an error.

use crate::corpus::crossdoc::CorpusFinding;
use crate::corpus::record as rec;
use crate::report::html::canon;
use regex::Regex;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

/// Ordinals of a document's tables: the blocks whose facts or findings have a row, in order.
pub(crate) fn table_ordinals(v: &Value) -> BTreeMap<u64, usize> {
    let blocks: BTreeSet<u64> = rec::facts(v)
        .iter()
        .chain(rec::findings(v))
        .filter_map(|f| {
            let loc = f.get("location")?;
            loc.get("row")?;
            loc.get("block")?.as_u64()
        })
        .collect();
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, b)| (b, i + 1))
        .collect()
}

/// A place in Chinese: 第N页 表X 行Y 列Z (a workbook: sheet!cell; text: the source line).
pub fn place(loc: Option<&Value>, tables: &BTreeMap<u64, usize>) -> String {
    place_in(loc, tables, crate::check::Lang::Zh)
}

/// A place in `lang`: 第N页 表X 行Y 列Z, or "p. N table X row Y col Z" in English (a
/// workbook: sheet!cell; text: the source line).
pub fn place_in(
    loc: Option<&Value>,
    tables: &BTreeMap<u64, usize>,
    lang: crate::check::Lang,
) -> String {
    let Some(loc) = loc else {
        return String::new();
    };
    let zh = lang == crate::check::Lang::Zh;
    let n = |k: &str| loc.get(k).and_then(Value::as_u64);
    if let Some(sheet) = loc.get("sheet").and_then(Value::as_str) {
        return match loc.get("cell").and_then(Value::as_str) {
            Some(cell) => format!("{sheet}!{cell}"),
            None => sheet.to_string(),
        };
    }
    let mut parts = Vec::new();
    if let Some(p) = n("page") {
        parts.push(if zh {
            format!("第{p}页")
        } else {
            format!("p. {p}")
        });
    }
    match (n("block"), n("row")) {
        (Some(b), Some(r)) => {
            match tables.get(&b) {
                Some(t) if zh => parts.push(format!("表{t}")),
                Some(t) => parts.push(format!("table {t}")),
                None if zh => parts.push(format!("表格（第{b}块）")),
                None => parts.push(format!("table (block {b})")),
            }
            parts.push(if zh {
                format!("行{r}")
            } else {
                format!("row {r}")
            });
        }
        (Some(b), None) => parts.push(if zh {
            format!("正文第{b}段")
        } else {
            format!("paragraph {b}")
        }),
        (None, Some(r)) => parts.push(if zh {
            format!("行{r}")
        } else {
            format!("row {r}")
        }),
        (None, None) => {}
    }
    if let Some(c) = n("col") {
        parts.push(if zh {
            format!("列{c}")
        } else {
            format!("col {c}")
        });
    }
    if let Some(l) = n("line") {
        parts.push(if zh {
            format!("（原文第{l}行）")
        } else {
            format!("(source line {l})")
        });
    }
    parts.join(" ")
}

/// `path` relative to `base` (both made absolute from the working directory), as a URL
/// path: components joined by '/', characters with a meaning in a URL percent-encoded.
pub fn relative_href(base: &Path, path: &str) -> Option<String> {
    let abs = |p: &Path| -> Option<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(p)
        };
        Some(p.canonicalize().unwrap_or(p))
    };
    let (base, target) = (abs(base)?, abs(Path::new(path))?);
    let b: Vec<Component> = base.components().collect();
    let t: Vec<Component> = target.components().collect();
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(
        t.get(common..)?
            .iter()
            .map(|c| url_escape(&c.as_os_str().to_string_lossy())),
    );
    Some(parts.join("/"))
}

fn url_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '%' | '#' | '?' | ' ' | '"' | '\'' | '<' | '>' | '&' | '\\' => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The amount at stake of an error finding, in 万元: |stated − recomputed| of its first
/// fact (the one judged) when that is an amount and `expected` ends in "= recomputed".
pub(crate) fn stake(f: &Value, facts: &HashMap<&str, &Value>, number: &Regex) -> Option<Decimal> {
    if rec::str_of(f, "severity") != "error" {
        return None;
    }
    let expected = rec::str_of(f, "expected");
    let (_, after) = expected.rsplit_once('=')?;
    let m = number.find(after)?;
    if m.as_str().contains(['%', '％']) {
        return None;
    }
    let recomputed = Decimal::from_str(&canon(m.as_str())).ok()?;
    let recomputed = if after.trim_start().starts_with(['-', '−']) {
        -recomputed
    } else {
        recomputed
    };
    let id = f.get("facts")?.as_array()?.first()?.as_str()?;
    let fact = facts.get(id)?;
    if rec::str_of(fact, "kind") != "amount" {
        return None;
    }
    let value = Decimal::from_str(rec::str_of(fact, "value")).ok()?;
    let wan = Decimal::from_str(rec::str_of(fact, "value_wan")).ok()?;
    if value.is_zero() {
        return None;
    }
    Some(((value - recomputed).abs() * wan / value).abs())
}

/// The amount at stake of a cross-document error, in 万元: |implied prior − stated prior|.
pub(crate) fn corpus_stake(f: &CorpusFinding, number: &Regex) -> Option<Decimal> {
    if f.severity != "error" || !f.expected.contains("万元") {
        return None;
    }
    let (_, after) = f.expected.split_once('=')?;
    let implied = Decimal::from_str(&canon(number.find(after)?.as_str())).ok()?;
    let stated = Decimal::from_str(&canon(&f.prior.stated)).ok()?;
    Some((implied - stated).abs())
}

/// Groups of findings (indexes) that share a fact, each in order, ordered by first member.
pub(crate) fn root_causes(findings: &[&Value]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..findings.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        for id in f
            .get("facts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let j = *first.entry(id).or_insert(i);
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..findings.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Places read 第N页 表X 行Y with X the table's ordinal; text lines and paragraphs too.
    #[test]
    fn places_in_chinese() {
        let tables: BTreeMap<u64, usize> = [(84, 3)].into_iter().collect();
        let loc = serde_json::json!({"page": 5, "block": 84, "row": 16});
        assert_eq!(place(Some(&loc), &tables), "第5页 表3 行16");
        let loc = serde_json::json!({"block": 20, "line": 24});
        assert_eq!(place(Some(&loc), &tables), "正文第20段 （原文第24行）");
        let loc = serde_json::json!({"sheet": "部门支出总表", "cell": "D12", "block": 1, "row": 2});
        assert_eq!(place(Some(&loc), &tables), "部门支出总表!D12");
        let en = crate::check::Lang::En;
        let loc = serde_json::json!({"page": 5, "block": 84, "row": 16, "col": 2});
        assert_eq!(
            place_in(Some(&loc), &tables, en),
            "p. 5 table 3 row 16 col 2"
        );
        let loc = serde_json::json!({"block": 20, "line": 24});
        assert_eq!(
            place_in(Some(&loc), &tables, en),
            "paragraph 20 (source line 24)"
        );
    }

    // A link is relative from the report's directory and escapes what a URL would misread.
    #[test]
    fn relative_links() {
        let base = std::env::temp_dir().join("crossfoot-html-rel/out/deep");
        let target = std::env::temp_dir().join("crossfoot-html-rel/docs/a b#1.pdf");
        let href = relative_href(&base, target.to_str().unwrap()).unwrap();
        assert_eq!(href, "../../docs/a%20b%231.pdf");
    }

    // Findings that share a fact are one group, transitively; the others stand alone.
    #[test]
    fn groups_by_shared_facts() {
        let f = |facts: &[&str]| serde_json::json!({"facts": facts});
        let all = [
            f(&["F1", "F2"]),
            f(&["F9"]),
            f(&["F3"]),
            f(&["F2", "F3"]),
            f(&[]),
        ];
        let refs: Vec<&Value> = all.iter().collect();
        assert_eq!(root_causes(&refs), vec![vec![0, 2, 3], vec![1], vec![4]]);
    }
}
