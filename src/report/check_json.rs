//! The `crossfoot check` JSON contract (schema_version 1): one object per document with its
//! coverage and findings, and a summary. `--format json` prints
//! `{"schema_version":1,"documents":[…],"summary":{…}}`; `--format jsonl` prints one document
//! object per line (`"type":"document"`) and a final `"type":"summary"` line, so a corpus
//! can be sharded and the lines concatenated.

use crate::check::{CheckReport, Coverage, Finding, Severity};
use crate::DocResult;
use serde::Serialize;

/// One document in the check output.
#[derive(Debug, Clone, Serialize)]
pub struct DocOut<'a> {
    /// Always "document" (the jsonl type tag).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Path as given.
    pub path: &'a str,
    /// Sniffed format, or null.
    pub format: Option<&'static str>,
    /// SHA-256 of the bytes (empty if the file could not be read).
    pub sha256: &'a str,
    /// "ok" or "error".
    pub status: &'static str,
    /// The error, if any.
    pub error: Option<&'a str>,
    /// Error code, if any.
    pub error_code: Option<&'a str>,
    /// Department, if recognised.
    pub department: Option<&'a str>,
    /// Fiscal year, if recognised.
    pub year: Option<i32>,
    /// Coverage (empty for a failed document).
    pub coverage: Coverage,
    /// Findings in document order.
    pub findings: &'a [Finding],
}

/// Findings by severity.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SeverityCounts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

/// Checks run and passed.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct CheckCounts {
    /// Run.
    pub run: usize,
    /// Passed.
    pub passed: usize,
}

/// The run's summary.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Always "summary" (the jsonl type tag).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Documents given.
    pub documents: usize,
    /// Documents processed.
    pub ok: usize,
    /// Documents that could not be processed.
    pub failed: usize,
    /// Findings by severity.
    pub findings: SeverityCounts,
    /// Checks.
    pub checks: CheckCounts,
}

impl Summary {
    /// An empty summary.
    pub fn new() -> Self {
        Summary {
            kind: "summary",
            ..Summary::default()
        }
    }

    /// Adds one document.
    pub fn add(&mut self, r: &DocResult) {
        self.documents += 1;
        if r.error.is_some() {
            self.failed += 1;
        } else {
            self.ok += 1;
        }
        if let Some(rep) = &r.report {
            for f in &rep.findings {
                match f.severity {
                    Severity::Error => self.findings.error += 1,
                    Severity::Warning => self.findings.warning += 1,
                    Severity::Info => self.findings.info += 1,
                }
            }
            self.checks.run += rep.coverage.checks_run;
            self.checks.passed += rep.coverage.checks_passed;
        }
    }
}

const EMPTY: &[Finding] = &[];

/// The output object of one document.
pub fn doc_out(r: &DocResult) -> DocOut<'_> {
    let ex = r.extraction.as_ref();
    let rep: Option<&CheckReport> = r.report.as_ref();
    DocOut {
        kind: "document",
        path: &r.path,
        format: r.format.map(|f| f.as_str()),
        sha256: &r.sha256,
        status: if r.error.is_some() { "error" } else { "ok" },
        error: r.error.as_deref(),
        error_code: r.error_code.as_deref(),
        department: ex.and_then(|e| e.department.as_deref()),
        year: ex.and_then(|e| e.year),
        coverage: rep.map(|r| r.coverage.clone()).unwrap_or_default(),
        findings: rep.map_or(EMPTY, |r| r.findings.as_slice()),
    }
}

/// One compact JSON line for a document.
pub fn doc_line(r: &DocResult) -> serde_json::Result<String> {
    serde_json::to_string(&doc_out(r))
}

/// One compact JSON line for the summary.
pub fn summary_line(s: &Summary) -> serde_json::Result<String> {
    serde_json::to_string(s)
}

/// The whole `--format json` object, pretty-printed.
pub fn to_pretty(
    results: &[DocResult],
    corpus_findings: &[crate::corpus::crossdoc::CorpusFinding],
) -> serde_json::Result<String> {
    let mut summary = Summary::new();
    for r in results {
        summary.add(r);
    }
    #[derive(Serialize)]
    struct All<'a> {
        schema_version: u32,
        documents: Vec<DocOut<'a>>,
        /// Findings across documents (corpus.prior_year), as the jsonl lines give them.
        corpus_findings: &'a [crate::corpus::crossdoc::CorpusFinding],
        summary: Summary,
    }
    serde_json::to_string_pretty(&All {
        schema_version: crate::SCHEMA_VERSION,
        documents: results.iter().map(doc_out).collect(),
        corpus_findings,
        summary,
    })
}
