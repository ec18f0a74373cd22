//! Read access to per-document JSON records (the lines of documents.jsonl).
//!
//! Everything that is computed after a run — facts.csv, findings.csv, summary.json,
//! report.html, the cross-document checks — is computed from the records on disk, not from
//! memory, so a resumed run and an uninterrupted run give the same files. This module is the
//! one place that knows where a record keeps its department, facts and findings.

use serde_json::Value;

/// `record.type` ("document" or "corpus_finding").
pub fn kind(rec: &Value) -> &str {
    rec.get("type").and_then(Value::as_str).unwrap_or("")
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

/// A statement's facts resolved to fact objects, with their roles. Statements refer to facts
/// by index (library form) or by id (report form); both are understood.
pub fn statement_facts<'a>(rec: &'a Value, st: &'a Value) -> Vec<(&'a str, &'a Value)> {
    let facts = facts(rec);
    let refs = array(Some(st), "facts");
    let roles = array(Some(st), "roles");
    refs.iter()
        .zip(roles)
        .filter_map(|(r, role)| {
            let fact = match r {
                Value::Number(n) => n.as_u64().and_then(|i| facts.get(i as usize)),
                Value::String(id) => facts.iter().find(|f| str_of(f, "id") == id),
                _ => None,
            }?;
            Some((role.as_str().unwrap_or(""), fact))
        })
        .collect()
}

/// A location object as "p.3 block 12 row 4 col 2 line 88" (parts that exist).
pub fn location_text(loc: Option<&Value>) -> String {
    let Some(loc) = loc else {
        return String::new();
    };
    let mut parts = Vec::new();
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
