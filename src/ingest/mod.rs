//! Ingest: bytes → [`Document`], whatever the format.
//!
//! The format is sniffed from the bytes, never from the file name: PDF (`%PDF-` within the
//! first KiB), DOCX (a zip whose entries include `word/document.xml`), plain text (UTF-8,
//! UTF-16 with a BOM, or GB18030/GBK, detected by strict decoding). Everything else gets a
//! specific error that says what the file looks like (an HTML error page, an image, a legacy
//! .doc/.xls/.wps) and, where one exists, the command that converts it.
//!
//! Every reader works within [`Limits`]; exceeding one is an error naming the limit and the
//! flag that raises it, never a hang or an unbounded allocation.

pub mod docx;
pub mod pdf;
pub mod text;

use crate::document::{Document, Format};
use std::time::Duration;
use thiserror::Error;

/// Resource limits for reading one document. Each has a command-line flag.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file in bytes (`--max-file-mb`).
    pub max_file_bytes: u64,
    /// Most pages read from a PDF (`--max-pages`).
    pub max_pages: u32,
    /// Largest decompressed size of one PDF stream or one zip part (`--max-stream-mb`).
    pub max_stream_bytes: u64,
    /// Largest decompressed total for one document (`--max-doc-mb`).
    pub max_doc_bytes: u64,
    /// Most entries in a DOCX zip (`--max-zip-entries`).
    pub max_zip_entries: usize,
    /// Most content-stream operations interpreted per PDF page (`--max-ops`).
    pub max_ops_per_page: usize,
    /// Deepest nesting of PDF form XObjects (`--max-form-depth`).
    pub max_form_depth: u32,
    /// Wall time for one document (`--timeout`).
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_pages: 2_000,
            max_stream_bytes: 64 * 1024 * 1024,
            max_doc_bytes: 256 * 1024 * 1024,
            max_zip_entries: 5_000,
            max_ops_per_page: 2_000_000,
            max_form_depth: 12,
            timeout: Duration::from_secs(60),
        }
    }
}

/// Why a document could not be read. Messages are lowercase and say what to do.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum IngestError {
    /// Zero bytes, or only whitespace.
    #[error("empty file")]
    Empty,
    /// Recognised, but not a format crossfoot reads.
    #[error("not a PDF, DOCX or text file: looks like {looks_like}{}", hint.as_ref().map(|h| format!(" (hint: {h})")).unwrap_or_default())]
    Unsupported {
        /// What the bytes look like ("an HTML page", "a PNG image", "a legacy Word .doc").
        looks_like: String,
        /// How to convert it, if there is a way.
        hint: Option<String>,
    },
    /// A limit was exceeded.
    #[error("limit exceeded: {what} ({detail}); raise it with {flag}")]
    Limit {
        /// Which limit.
        what: &'static str,
        /// Numbers.
        detail: String,
        /// The flag that raises it.
        flag: &'static str,
    },
    /// Truncated or corrupt file.
    #[error("corrupt {format} file: {detail}")]
    Corrupt {
        /// pdf, docx, txt.
        format: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// Needs a password to open.
    #[error("encrypted PDF: a user password is required to open it")]
    Encrypted,
    /// No text at all (scanned).
    #[error("no text layer (scanned?) on pages {pages}: run OCR first")]
    NoTextLayer {
        /// Pages, e.g. "1-12".
        pages: String,
    },
    /// Text decodes to garbage.
    #[error("text layer undecodable: {detail}")]
    Undecodable {
        /// Ratio and pages.
        detail: String,
    },
    /// Time limit.
    #[error("timed out after {secs} s; raise it with --timeout")]
    Timeout {
        /// Seconds.
        secs: u64,
    },
    /// I/O failure reading the file.
    #[error("failed to read file ({0})")]
    Io(String),
}

impl IngestError {
    /// A short stable code for the error kind (for CSV/JSON consumers).
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Empty => "empty",
            IngestError::Unsupported { .. } => "unsupported",
            IngestError::Limit { .. } => "limit",
            IngestError::Corrupt { .. } => "corrupt",
            IngestError::Encrypted => "encrypted",
            IngestError::NoTextLayer { .. } => "no_text_layer",
            IngestError::Undecodable { .. } => "undecodable",
            IngestError::Timeout { .. } => "timeout",
            IngestError::Io(_) => "io",
        }
    }
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// PDF.
    Pdf,
    /// A zip archive (maybe DOCX; the DOCX reader decides).
    Zip,
    /// Text of some encoding (decided by the text reader).
    Text,
}

/// Sniffs the format, or says what the bytes are instead.
pub fn sniff(bytes: &[u8]) -> Result<Sniffed, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Ok(Sniffed::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(Sniffed::Zip);
    }
    let unsupported = |looks_like: &str, hint: Option<&str>| IngestError::Unsupported {
        looks_like: looks_like.to_string(),
        hint: hint.map(str::to_string),
    };
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(unsupported(
            "a legacy Office file (.doc/.xls/.wps/.et, OLE compound document)",
            Some("convert it with `libreoffice --headless --convert-to docx FILE` (spreadsheets: --convert-to xlsx)"),
        ));
    }
    if bytes.starts_with(b"\x89PNG") {
        return Err(unsupported("a PNG image", Some("run OCR first")));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(unsupported("a JPEG image", Some("run OCR first")));
    }
    if bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"BM") && bytes.len() > 14 && bytes[6..10] == [0, 0, 0, 0]
    {
        return Err(unsupported("an image", Some("run OCR first")));
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Err(unsupported("a TIFF image", Some("run OCR first")));
    }
    if bytes.starts_with(b"Rar!")
        || bytes.starts_with(&[0x1F, 0x8B])
        || bytes.starts_with(b"7z\xBC\xAF")
    {
        return Err(unsupported(
            "a compressed archive (rar/gzip/7z)",
            Some("unpack it first"),
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported(
            "an RTF document",
            Some("convert it with `libreoffice --headless --convert-to docx FILE`"),
        ));
    }
    if bytes.starts_with(b"<?xml") && find(head, b"ofd").is_some() {
        return Err(unsupported(
            "an OFD/XML document",
            Some("convert it to PDF first"),
        ));
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let trimmed_start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let l = &lower[trimmed_start..];
    if l.starts_with(b"<!doctype html")
        || l.starts_with(b"<html")
        || find(&lower, b"<html").is_some() && find(&lower, b"<head").is_some()
    {
        return Err(unsupported(
            "an HTML page (a web page or error page saved under a document name)",
            Some("download the real attachment, or save the page's text as .txt"),
        ));
    }
    Ok(Sniffed::Text)
}

/// Reads a document from bytes, sniffing the format.
pub fn ingest_bytes(bytes: &[u8], limits: &Limits) -> Result<(Format, Document), IngestError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(IngestError::Limit {
            what: "input file size",
            detail: format!("{} bytes > {} bytes", bytes.len(), limits.max_file_bytes),
            flag: "--max-file-mb",
        });
    }
    match sniff(bytes)? {
        Sniffed::Pdf => pdf::read(bytes, limits).map(|d| (Format::Pdf, d)),
        Sniffed::Zip => docx::read(bytes, limits).map(|d| (Format::Docx, d)),
        Sniffed::Text => text::read(bytes).map(|d| (Format::Txt, d)),
    }
}

/// Byte-string search (naive; used on short heads only).
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Formats come from the bytes: an HTML page named .pdf is still HTML.
    #[test]
    fn sniffs_formats_and_lookalikes() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Ok(Sniffed::Pdf));
        assert_eq!(sniff(b"PK\x03\x04rest"), Ok(Sniffed::Zip));
        assert_eq!(sniff("收入总计".as_bytes()), Ok(Sniffed::Text));
        assert_eq!(sniff(b"  \n"), Err(IngestError::Empty));
        let html = sniff(b"<!DOCTYPE html><html><head></head></html>").unwrap_err();
        assert_eq!(html.code(), "unsupported");
        assert!(html.to_string().contains("HTML page"), "{html}");
        let ole = sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap_err();
        assert!(
            ole.to_string()
                .contains("libreoffice --headless --convert-to docx"),
            "{ole}"
        );
        assert!(sniff(b"\x89PNG\r\n\x1a\n")
            .unwrap_err()
            .to_string()
            .contains("PNG image"));
    }
}
