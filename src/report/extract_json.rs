//! The `crossfoot extract` output contract (schema_version 1): one JSON object per document.
//!
//! ```text
//! {"schema_version":1, "path", "format":"txt|docx|pdf", "sha256", "department", "year",
//!  "facts":[{"id","label","concept"?,"kind","value","stated","decimals","unit","value_wan"?,
//!            "project"?,"quote","location":{"page"?,"block","row"?,"col"?,"line"?,"sheet"?,"cell"?}}],
//!  "statements":[{"id","kind","facts":[fact ids],"roles":[…],"sign"?,"expected"?,"detail"?,
//!                 "quote","location","key"?,"unsure"?}],
//!  "indicators":[{"project","level1","level2","level3","weight","target","actual",
//!                 "completion","score","other":[[header,text]…],"location"}],
//!  "warnings":[{"code","message","page"?}]}
//! ```
//!
//! `value` is the number as printed without separators, keeping its printed decimals
//! ("2405.59", "0.00"); `stated` is the printed form ("2,405.59"); `value_wan` the amount
//! in 万元, exact. A document that could not be read is
//! `{"schema_version":1,"path","format"?,"sha256","error","error_code"}`.
//! Statements refer to facts by id; `roles` is parallel to `facts`.

use crate::document::{DocWarning, Location};
use crate::extract::{Extraction, Fact, IndicatorRow, Role, StatementKind};
use crate::DocResult;
use serde::Serialize;

/// One document in the extract contract.
#[derive(Debug, Serialize)]
pub struct ExtractDoc<'a> {
    /// Always [`crate::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Path as given.
    pub path: &'a str,
    /// Sniffed format (absent if unrecognised).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// SHA-256 of the bytes.
    pub sha256: &'a str,
    /// Present when the document could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
    /// Stable error code, with `error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<&'a str>,
    /// Department, or null.
    #[serde(skip_serializing_if = "is_error_doc")]
    pub department: Option<Option<&'a str>>,
    /// Fiscal year, or null.
    #[serde(skip_serializing_if = "is_error_doc")]
    pub year: Option<Option<i32>>,
    /// Whether a 部门 or a 单位 discloses (`entity`) and 决算 or 预算 (`kind`), each where the
    /// title or the tables say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<&'a crate::extract::DocScope>,
    /// Facts in document order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facts: Option<&'a [Fact]>,
    /// Statements with fact ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statements: Option<Vec<StatementOut<'a>>>,
    /// Indicator rows of every 绩效自评表.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicators: Option<Vec<&'a IndicatorRow>>,
    /// Ingest and extraction warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<&'a DocWarning>>,
}

fn is_error_doc<T>(v: &Option<T>) -> bool {
    v.is_none()
}

/// A statement with fact ids instead of indices.
#[derive(Debug, Serialize)]
pub struct StatementOut<'a> {
    /// "S0001"…
    pub id: &'a str,
    /// Kind.
    pub kind: StatementKind,
    /// Fact ids.
    pub facts: Vec<&'a str>,
    /// Role of each fact.
    pub roles: &'a [Role],
    /// Direction from words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign: Option<i8>,
    /// Expected constant (100 for a share family, the item count for a list count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// Extra data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<&'a str>,
    /// The sentence(s) it was read from.
    pub quote: &'a str,
    /// Where.
    pub location: &'a Location,
    /// The relation's key (`sum|final.income!201@合计|col`, `narr|yoy|p6|5.77%`), for
    /// relations of the standard tables and of the text with a page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'a str>,
    /// Why the relation is not checkable although it was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsure: Option<&'a str>,
}

/// Builds the contract view of one result.
pub fn view(r: &DocResult) -> ExtractDoc<'_> {
    let mut doc = ExtractDoc {
        schema_version: crate::SCHEMA_VERSION,
        path: &r.path,
        format: r.format.map(|f| f.as_str()),
        sha256: &r.sha256,
        error: r.error.as_deref(),
        error_code: r.error_code.as_deref(),
        department: None,
        year: None,
        scope: None,
        facts: None,
        statements: None,
        indicators: None,
        warnings: None,
    };
    if r.error.is_some() {
        return doc;
    }
    static EMPTY: std::sync::OnceLock<Extraction> = std::sync::OnceLock::new();
    let ex = r
        .extraction
        .as_ref()
        .unwrap_or_else(|| EMPTY.get_or_init(Extraction::default));
    doc.department = Some(ex.department.as_deref());
    doc.year = Some(ex.year);
    doc.scope = Some(&ex.scope);
    doc.facts = Some(&ex.facts);
    doc.statements = Some(statements(ex));
    doc.indicators = Some(
        ex.perf_tables
            .iter()
            .flat_map(|t| t.indicators.iter())
            .collect(),
    );
    doc.warnings = Some(r.doc_warnings.iter().chain(ex.warnings.iter()).collect());
    doc
}

fn statements(ex: &Extraction) -> Vec<StatementOut<'_>> {
    ex.statements
        .iter()
        .map(|s| StatementOut {
            id: &s.id,
            kind: s.kind,
            facts: s
                .facts
                .iter()
                .map(|i| ex.facts.get(*i).map(|f| f.id.as_str()).unwrap_or(""))
                .collect(),
            roles: &s.roles,
            sign: s.sign,
            expected: s.expected.map(|d| d.normalize().to_string()),
            detail: s.detail.as_deref(),
            quote: &s.quote,
            location: &s.location,
            key: s.key.as_deref(),
            unsure: s.unsure.as_deref(),
        })
        .collect()
}

/// One document as pretty JSON.
pub fn to_pretty(r: &DocResult) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&view(r))
}

/// One document as one compact JSON line (no trailing newline).
pub fn to_line(r: &DocResult) -> serde_json::Result<String> {
    serde_json::to_string(&view(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    // An unreadable document is an error record with no facts keys.
    #[test]
    fn error_record_shape() {
        let set = crate::patterns::PatternSet::builtin().expect("patterns");
        let r = crate::process("x.bin", b"", &set, &crate::Config::default(), false);
        let v: serde_json::Value =
            serde_json::from_str(&to_line(&r).expect("json")).expect("parse");
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["path"], "x.bin");
        assert_eq!(v["error"], "empty file");
        assert!(v.get("facts").is_none());
    }

    // Statements refer to facts by id; values keep printed decimals.
    #[test]
    fn statements_use_fact_ids() {
        let set = crate::patterns::PatternSet::builtin().expect("patterns");
        let text = "2024年度收入总计2,405.59万元，其中：本年收入合计1,298.54万元，年初结转和结余1,107.05万元。\n";
        let r = crate::process(
            "a.txt",
            text.as_bytes(),
            &set,
            &crate::Config::default(),
            false,
        );
        let v: serde_json::Value =
            serde_json::from_str(&to_line(&r).expect("json")).expect("parse");
        assert_eq!(v["facts"][0]["value"], "2405.59");
        assert_eq!(v["facts"][0]["stated"], "2,405.59");
        assert_eq!(v["facts"][0]["value_wan"], "2405.59");
        assert_eq!(v["statements"][0]["kind"], "sum");
        assert_eq!(
            v["statements"][0]["facts"],
            serde_json::json!(["F0001", "F0002", "F0003"])
        );
        assert_eq!(
            v["statements"][0]["roles"],
            serde_json::json!(["total", "part", "part"])
        );
    }
}
