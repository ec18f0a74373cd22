//! Read access to per-document JSON records (the lines of documents.jsonl).
//!
//! Everything that is computed after a run — facts.csv, findings.csv, summary.json,
//! report.html, the cross-document checks — is computed from the records on disk, not from
//! memory, so a resumed run and an uninterrupted run give the same files. This module is the
//! one place that knows where a record keeps its department, facts and findings.

use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;

/// `record.type` ("document" or "corpus_finding").
pub fn kind(rec: &Value) -> &str {
    rec.get("type").and_then(Value::as_str).unwrap_or("")
}

/// The identifying fields of a record line: its type, path and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head<'a> {
    /// `type` ("document", "corpus_finding"; "" when absent, as in the extract contract).
    pub kind: Cow<'a, str>,
    /// `path` ("" when absent).
    pub path: Cow<'a, str>,
    /// `sha256` ("" when absent).
    pub sha256: Cow<'a, str>,
}

/// The typed form of [`Head`]; every other key is skipped without being built.
#[derive(Deserialize)]
struct RawHead<'a> {
    #[serde(rename = "type", default, borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    path: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    sha256: Option<Cow<'a, str>>,
}

/// Reads a line's [`Head`] without building the record as a [`Value`] tree (several times
/// faster on a record with a thousand facts). `None` when the line is not a JSON object.
/// Anything the typed reading refuses (a non-string `type`, a repeated key) is read through
/// [`Value`], so the result is always what [`kind`], [`path`] and [`sha256`] give.
pub fn head(line: &[u8]) -> Option<Head<'_>> {
    match serde_json::from_slice::<RawHead>(line) {
        Ok(h) => Some(Head {
            kind: h.kind.unwrap_or_default(),
            path: h.path.unwrap_or_default(),
            sha256: h.sha256.unwrap_or_default(),
        }),
        Err(_) => {
            let v: Value = serde_json::from_slice(line).ok()?;
            v.is_object().then(|| Head {
                kind: Cow::Owned(kind(&v).to_string()),
                path: Cow::Owned(path(&v).to_string()),
                sha256: Cow::Owned(sha256(&v).to_string()),
            })
        }
    }
}

/// String field or "".
pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The document's path.
pub fn path(rec: &Value) -> &str {
    str_of(rec, "path")
}

/// The document's SHA-256.
pub fn sha256(rec: &Value) -> &str {
    str_of(rec, "sha256")
}

/// The extraction object, if any.
fn extraction(rec: &Value) -> Option<&Value> {
    rec.get("extraction").filter(|v| v.is_object())
}

/// Department, recognised or from the manifest.
pub fn department(rec: &Value) -> Option<&str> {
    extraction(rec)
        .and_then(|e| e.get("department"))
        .and_then(Value::as_str)
        .or_else(|| rec.get("department").and_then(Value::as_str))
        .filter(|d| !d.trim().is_empty())
}

/// Fiscal year.
pub fn year(rec: &Value) -> Option<i64> {
    extraction(rec)
        .and_then(|e| e.get("year"))
        .and_then(Value::as_i64)
        .or_else(|| rec.get("year").and_then(Value::as_i64))
}

/// The document's error message, if it could not be processed.
pub fn error(rec: &Value) -> Option<&str> {
    rec.get("error").and_then(Value::as_str)
}

/// The error code.
pub fn error_code(rec: &Value) -> &str {
    str_of(rec, "error_code")
}

/// The sniffed format.
pub fn format(rec: &Value) -> &str {
    str_of(rec, "format")
}

fn array<'a>(v: Option<&'a Value>, key: &str) -> &'a [Value] {
    v.and_then(|x| x.get(key))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Facts, in document order.
pub fn facts(rec: &Value) -> &[Value] {
    match extraction(rec) {
        Some(e) => array(Some(e), "facts"),
        None => array(Some(rec), "facts"),
    }
}

/// Statements, in document order.
pub fn statements(rec: &Value) -> &[Value] {
    match extraction(rec) {
        Some(e) => array(Some(e), "statements"),
        None => array(Some(rec), "statements"),
    }
}

/// Findings, in document order.
pub fn findings(rec: &Value) -> &[Value] {
    let report = rec.get("report").filter(|v| v.is_object());
    match report {
        Some(r) => array(Some(r), "findings"),
        None => array(Some(rec), "findings"),
    }
}

/// Coverage totals (checks run, checks passed).
pub fn checks(rec: &Value) -> (u64, u64) {
    let cov = rec
        .get("report")
        .and_then(|r| r.get("coverage"))
        .or_else(|| rec.get("coverage"));
    let n = |k: &str| {
        cov.and_then(|c| c.get(k))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    (n("checks_run"), n("checks_passed"))
}

/// A location object as "p.3 block 12 row 4 col 2 line 88" (parts that exist).
pub fn location_text(loc: Option<&Value>) -> String {
    let Some(loc) = loc else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(sheet) = loc.get("sheet").and_then(Value::as_str) {
        // A workbook: sheet!cell says where.
        return match loc.get("cell").and_then(Value::as_str) {
            Some(cell) => format!("{sheet}!{cell}"),
            None => sheet.to_string(),
        };
    }
    for (key, word) in [
        ("page", "p."),
        ("block", "block "),
        ("row", "row "),
        ("col", "col "),
        ("line", "line "),
    ] {
        if let Some(n) = loc.get(key).and_then(Value::as_u64) {
            parts.push(format!("{word}{n}"));
        }
    }
    parts.join(" ")
}

/// A JSON scalar as CSV/HTML text ("" for null).
pub fn scalar(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The typed head gives what the Value accessors give, on plain, escaped, odd and
    // broken lines.
    #[test]
    fn head_matches_value_accessors() {
        let lines: [&[u8]; 7] = [
            br#"{"type":"document","path":"a/\u5e02.txt","sha256":"ab","facts":[{"x":1}]}"#,
            br#"{"path":"x \"q\".pdf","sha256":"cd","extraction":{}}"#,
            br#"{"type":"corpus_finding","rule":"corpus.prior_year"}"#,
            br#"{"type":7,"path":"p","sha256":"s"}"#,
            br#"{"type":"document","path":"p1","path":"p2"}"#,
            br#"[1,2]"#,
            br#"{"type":"document","path":"cut"#,
        ];
        let expect = |l: &[u8]| -> Option<(String, String, String)> {
            let v: Value = serde_json::from_slice(l).ok()?;
            v.is_object().then(|| {
                (
                    kind(&v).to_string(),
                    path(&v).to_string(),
                    sha256(&v).to_string(),
                )
            })
        };
        for l in lines {
            let got = head(l).map(|h| {
                (
                    h.kind.into_owned(),
                    h.path.into_owned(),
                    h.sha256.into_owned(),
                )
            });
            assert_eq!(got, expect(l), "{}", String::from_utf8_lossy(l));
        }
        let h = head(lines[1]).unwrap();
        assert_eq!((h.kind.as_ref(), h.path.as_ref()), ("", "x \"q\".pdf"));
        assert_eq!(head(lines[4]).unwrap().path, "p2");
        assert_eq!(head(lines[6]), None);
    }
}
