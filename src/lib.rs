//! crossfoot: structured figures from Chinese government budget disclosures
//! (部门决算/预算公开), screened for arithmetic errors and contradictions.
//!
//! The pipeline, one named stage per module:
//!
//! ```text
//! bytes ─ingest─▶ Document ─extract─▶ Extraction ─check─▶ CheckReport ─report─▶ json/jsonl/csv/text/html
//! ```
//!
//! [`process`] runs it for one file and never panics on input: a file that cannot be read
//! becomes a [`DocResult`] with `status: error`.
#![warn(missing_docs)]

pub mod check;
pub mod corpus;
pub mod deadline;
pub mod document;
pub mod extract;
pub mod ingest;
pub mod number;
pub mod patterns;
pub mod report;
pub mod schema;

use document::Format;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The version of every JSON output contract.
pub const SCHEMA_VERSION: u32 = 1;

/// Settings for processing documents.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Resource limits.
    pub limits: ingest::Limits,
    /// Message language.
    pub lang: check::Lang,
}

/// Outcome of one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocResult {
    /// Path as given.
    pub path: String,
    /// Sniffed format (absent when the file could not be recognised).
    pub format: Option<Format>,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// The error, if the document could not be processed.
    pub error: Option<String>,
    /// Error code (`ingest::IngestError::code`), if any.
    pub error_code: Option<String>,
    /// Ingest warnings.
    pub doc_warnings: Vec<document::DocWarning>,
    /// Extraction, when ingest succeeded.
    pub extraction: Option<extract::Extraction>,
    /// Check report, when checked.
    pub report: Option<check::CheckReport>,
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs ingest → extract (→ check when `run_check`) on one file's bytes.
pub fn process(
    path: &str,
    bytes: &[u8],
    patterns: &patterns::PatternSet,
    cfg: &Config,
    run_check: bool,
) -> DocResult {
    process_hashed(path, bytes, sha256_hex(bytes), patterns, cfg, run_check)
}

/// [`process`] for bytes whose hex SHA-256 the caller has already computed (a corpus run
/// hashes each file as it reads it, to shard and resume before processing).
pub fn process_hashed(
    path: &str,
    bytes: &[u8],
    sha256: String,
    patterns: &patterns::PatternSet,
    cfg: &Config,
    run_check: bool,
) -> DocResult {
    let mut result = DocResult {
        path: path.to_string(),
        format: None,
        sha256,
        error: None,
        error_code: None,
        doc_warnings: Vec::new(),
        extraction: None,
        report: None,
    };
    // A document stopped at its deadline ([`deadline`]) unwinds to here from any stage and
    // becomes a timeout error; any other panic goes on to the caller's isolation.
    let timed_out = |result: &mut DocResult, c: deadline::Cancelled| {
        let e = ingest::IngestError::Timeout {
            secs: c.timeout.as_secs(),
        };
        result.error_code = Some(e.code().to_string());
        result.error = Some(e.to_string());
    };
    let ingested = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ingest::ingest_bytes(bytes, &cfg.limits)
    }));
    let ingested = match ingested {
        Ok(x) => x,
        Err(payload) => match deadline::cancelled(payload.as_ref()) {
            Some(c) => {
                timed_out(&mut result, c);
                return result;
            }
            None => std::panic::resume_unwind(payload),
        },
    };
    let (format, doc) = match ingested {
        Ok(x) => x,
        Err(e) => {
            result.error_code = Some(e.code().to_string());
            result.error = Some(e.to_string());
            return result;
        }
    };
    result.format = Some(format);
    result.doc_warnings = doc.warnings.clone();
    // Extraction and checks must not panic on any input; if one still does (a bug), this
    // document becomes an error record and the batch goes on.
    let staged = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyse(&doc, patterns, cfg, run_check)
    }));
    match staged {
        Ok((extraction, report)) => {
            result.report = report;
            result.extraction = Some(extraction);
        }
        Err(panic) if deadline::cancelled(panic.as_ref()).is_some() => {
            if let Some(c) = deadline::cancelled(panic.as_ref()) {
                timed_out(&mut result, c);
            }
        }
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            result.error_code = Some("internal".to_string());
            result.error = Some(format!(
                "internal error while extracting or checking ({why}); please report this file"
            ));
        }
    }
    result
}

/// Extract, then check when asked.
fn analyse(
    doc: &document::Document,
    patterns: &patterns::PatternSet,
    cfg: &Config,
    run_check: bool,
) -> (extract::Extraction, Option<check::CheckReport>) {
    let mut extraction = extract::extract(doc, patterns);
    locate_in_sheets(doc, &mut extraction);
    let mut report = None;
    if run_check {
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                document::BlockKind::Paragraph(p) => Some(p.text.as_str()),
                document::BlockKind::Table(_) => None,
            })
            .collect();
        report = Some(check::check_document(
            &extraction,
            cfg.lang,
            &texts,
            patterns,
            &doc.formulas,
        ));
    }
    (extraction, report)
}

/// For a workbook: names the sheet and cell (`部门支出总表!D12`) on every location of the
/// extraction, and so on the findings that copy them. Other documents are left as they are.
fn locate_in_sheets(doc: &document::Document, ex: &mut extract::Extraction) {
    if !doc.blocks.iter().any(|b| b.location.sheet.is_some()) {
        return;
    }
    for f in &mut ex.facts {
        doc.locate_in_sheet(&mut f.location);
    }
    for s in &mut ex.statements {
        doc.locate_in_sheet(&mut s.location);
    }
    for t in &mut ex.perf_tables {
        doc.locate_in_sheet(&mut t.location);
        for r in &mut t.funds {
            doc.locate_in_sheet(&mut r.location);
        }
        for r in &mut t.indicators {
            doc.locate_in_sheet(&mut r.location);
        }
    }
    for t in &mut ex.std_tables {
        doc.locate_in_sheet(&mut t.location);
    }
}

/// Reads one file and runs [`process`] on it; a file that cannot be read becomes a
/// [`DocResult`] with an `io` error (the caller's batch goes on).
pub fn process_file(
    path: &std::path::Path,
    patterns: &patterns::PatternSet,
    cfg: &Config,
    run_check: bool,
) -> DocResult {
    let name = path.to_string_lossy();
    let failed = |e: ingest::IngestError| DocResult {
        path: name.to_string(),
        format: None,
        sha256: String::new(),
        error: Some(e.to_string()),
        error_code: Some(e.code().to_string()),
        doc_warnings: Vec::new(),
        extraction: None,
        report: None,
    };
    match read_limited(path, cfg.limits.max_file_bytes) {
        Ok(bytes) => process(&name, &bytes, patterns, cfg, run_check),
        Err(e) => failed(e),
    }
}

/// Reads a file, but never more than `max` bytes into memory: a larger file (a 10 GB
/// download, a device) is refused with the --max-file-mb limit before it is read.
pub fn read_limited(path: &std::path::Path, max: u64) -> Result<Vec<u8>, ingest::IngestError> {
    use std::io::Read;
    let too_big = |len: u64| ingest::IngestError::file_too_big(len, max);
    let io = |e: std::io::Error| ingest::IngestError::Io(e.to_string());
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > max {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}
