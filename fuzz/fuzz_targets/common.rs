//! Shared by the fuzz targets: tight limits, so that a slow input shows up as a limit error
//! (or as a libFuzzer timeout when a limit is not enforced), never as minutes per run; and
//! the later pipeline stages, run on whatever a reader produced.

#![allow(dead_code)] // each target uses part of this module

use crossfoot::document::Document;
use crossfoot::ingest::Limits;
use crossfoot::patterns::PatternSet;
use std::sync::OnceLock;
use std::time::Duration;

/// Limits small enough that libFuzzer's per-input budget is never spent inside a limit.
pub fn limits() -> Limits {
    Limits {
        max_file_bytes: 4 * 1024 * 1024,
        max_pages: 50,
        max_stream_bytes: 8 * 1024 * 1024,
        max_doc_bytes: 32 * 1024 * 1024,
        max_zip_entries: 500,
        max_ops_per_page: 200_000,
        max_form_depth: 8,
        timeout: Duration::from_secs(5),
        max_sheet_rows: 20_000,
        max_cells: 200_000,
    }
}

/// The built-in patterns, compiled once per process.
pub fn patterns() -> Option<&'static PatternSet> {
    static SET: OnceLock<Option<PatternSet>> = OnceLock::new();
    SET.get_or_init(|| PatternSet::builtin().ok()).as_ref()
}

/// Extract and check a document a reader produced, and serialise the result (every
/// result must be printable).
pub fn downstream(doc: &Document) {
    let Some(patterns) = patterns() else {
        return;
    };
    let extraction = crossfoot::extract::extract(doc, patterns);
    let report = crossfoot::check::check(&extraction, crossfoot::check::Lang::En);
    let _ = serde_json::to_string(&extraction);
    let _ = serde_json::to_string(&report);
}

/// The whole pipeline on raw bytes, as `crossfoot check` runs it.
pub fn pipeline(path: &str, data: &[u8]) {
    let Some(patterns) = patterns() else {
        return;
    };
    let cfg = crossfoot::Config {
        limits: limits(),
        ..crossfoot::Config::default()
    };
    let result = crossfoot::process(path, data, patterns, &cfg, true);
    let _ = serde_json::to_string(&result);
}
