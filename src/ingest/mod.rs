//! Ingest: bytes → [`Document`], whatever the format.
//!
//! The format is sniffed from the bytes, never from the file name: PDF (`%PDF-` within the
//! first KiB), DOCX (a zip whose entries include `word/document.xml`), workbooks (XLSX: a
//! zip with `xl/` parts; XLS and WPS .et: an OLE file with a `Workbook` stream), plain text
//! (UTF-8, UTF-16 with a BOM, or GB18030/GBK, detected by strict decoding). Everything else
//! gets a specific error that says what the file looks like (an HTML error page, an image, a
//! legacy .doc/.wps) and, where one exists, the command that converts it.
//!
//! Every reader works within [`Limits`]; exceeding one is an error naming the limit and the
//! flag that raises it, never a hang or an unbounded allocation.

pub mod docx;
pub mod pdf;
mod sniff;
pub mod text;
pub mod workbook;

pub use sniff::{sniff, Sniffed};

use crate::document::{BlockKind, Document, Format};
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
    /// Highest sheet row read from a workbook (`--max-rows`).
    pub max_sheet_rows: u32,
    /// Most non-empty cells read from one workbook, all sheets together (`--max-cells`).
    pub max_cells: usize,
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
            max_sheet_rows: 100_000,
            max_cells: 2_000_000,
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
    #[error("not a PDF, DOCX, workbook or text file: looks like {looks_like}{}", hint.as_ref().map(|h| format!(" (hint: {h})")).unwrap_or_default())]
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
        /// pdf, docx, xlsx, xls, txt.
        format: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// Needs a password to open.
    #[error("encrypted PDF: a user password is required to open it")]
    Encrypted,
    /// A password-protected Office document (an encrypted DOCX/XLSX is stored as an OLE
    /// file holding an `EncryptedPackage`).
    #[error("encrypted Office document: a password is required to open it (open it with the password and save an unprotected copy)")]
    EncryptedOffice,
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
    /// The input-file-size limit error (one wording wherever the size is checked).
    pub fn file_too_big(len: u64, max: u64) -> IngestError {
        IngestError::Limit {
            what: "input file size",
            detail: format!("{len} bytes > {max} bytes"),
            flag: "--max-file-mb",
        }
    }

    /// A short stable code for the error kind (for CSV/JSON consumers).
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Empty => "empty",
            IngestError::Unsupported { .. } => "unsupported",
            IngestError::Limit { .. } => "limit",
            IngestError::Corrupt { .. } => "corrupt",
            IngestError::Encrypted | IngestError::EncryptedOffice => "encrypted",
            IngestError::NoTextLayer { .. } => "no_text_layer",
            IngestError::Undecodable { .. } => "undecodable",
            IngestError::Timeout { .. } => "timeout",
            IngestError::Io(_) => "io",
        }
    }
}

/// Reads a document from bytes, sniffing the format.
pub fn ingest_bytes(bytes: &[u8], limits: &Limits) -> Result<(Format, Document), IngestError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(IngestError::file_too_big(
            bytes.len() as u64,
            limits.max_file_bytes,
        ));
    }
    let (format, doc) = match sniff(bytes)? {
        Sniffed::Pdf => pdf::read(bytes, limits).map(|d| (Format::Pdf, d)),
        Sniffed::Zip => docx::read(bytes, limits).map(|d| (Format::Docx, d)),
        Sniffed::Text => text::read(bytes).map(|d| (Format::Txt, d)),
        Sniffed::Xlsx => {
            workbook::read(bytes, limits, workbook::Kind::Xlsx).map(|d| (Format::Xlsx, d))
        }
        Sniffed::Xls => {
            workbook::read(bytes, limits, workbook::Kind::Xls).map(|d| (Format::Xls, d))
        }
    }
    .map_err(|e| explain_truncation(e, bytes))?;
    screen_text(&doc)?;
    Ok((format, doc))
}

/// A corrupt file that is also cut short (a PDF without `%%EOF` near its end, a zip without
/// its end-of-central-directory record) was most likely an unfinished download: say so, as
/// that is what the user can act on.
fn explain_truncation(e: IngestError, bytes: &[u8]) -> IngestError {
    let IngestError::Corrupt { format, detail } = e else {
        return e;
    };
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    let cut = match format {
        "pdf" => find(tail, b"%%EOF").is_none(),
        "docx" | "xlsx" => !has_whole_zip_end(tail),
        "xls" => !whole_ole_sectors(bytes),
        _ => false,
    };
    let detail = if cut && !detail.contains("truncated") {
        format!("{detail}; the file looks truncated (an unfinished download?)")
    } else {
        detail
    };
    IngestError::Corrupt { format, detail }
}

/// True when an OLE compound file is a whole number of sectors after its header (512-byte
/// sectors after a 512-byte header, or 4096-byte sectors and header), as every complete
/// one is; a download cut short usually is not.
fn whole_ole_sectors(bytes: &[u8]) -> bool {
    let shift = bytes.get(30..32).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let sector = match shift {
        Some(12) => 4096,
        _ => 512,
    };
    bytes.len() >= sector && bytes.len().is_multiple_of(sector)
}

/// True when `tail` ends with a whole end-of-central-directory record (22 bytes plus its
/// comment).
fn has_whole_zip_end(tail: &[u8]) -> bool {
    let Some(at) = tail.windows(4).rposition(|w| w == b"PK\x05\x06") else {
        return false;
    };
    let comment = tail
        .get(at + 20..at + 22)
        .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    comment.is_some_and(|c| at + 22 + c <= tail.len())
}

/// The last gate before extraction, whatever the reader: a document with no text at all is
/// an error (a scanned PDF: no text layer; otherwise empty), and so is one whose text is
/// mostly unmapped glyphs (U+FFFD), private-use code points or control characters, which no
/// pattern could read and which must not pass as "no findings".
fn screen_text(doc: &Document) -> Result<(), IngestError> {
    let mut total = 0usize;
    let mut garbage = 0usize;
    let mut count = |text: &str| {
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            total += 1;
            if c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c.is_control() {
                garbage += 1;
            }
        }
    };
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Paragraph(p) => count(&p.text),
            BlockKind::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().filter(|c| !c.is_continuation()))
                .for_each(|c| count(&c.text)),
        }
    }
    // (The PDF reader itself reports pages without glyphs as "no text layer"; a PDF that
    // reaches here without text had glyphs that layout did not keep.)
    if total == 0 {
        return Err(IngestError::Empty);
    }
    // Half the characters unreadable: the text layer is a cipher, not a document.
    if garbage * 2 >= total {
        return Err(IngestError::Undecodable {
            detail: format!(
                "{garbage} of {total} characters are unmapped glyphs, private-use or control \
                 characters ({}%); the fonts lack a usable Unicode map: run OCR on the rendered \
                 pages instead",
                garbage * 100 / total
            ),
        });
    }
    Ok(())
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

    // A corrupt PDF or DOCX that is cut short is called truncated; a whole one is not.
    #[test]
    fn truncation_is_named() {
        let corrupt = |format| IngestError::Corrupt {
            format,
            detail: "failed to parse (xref)".into(),
        };
        assert_eq!(
            explain_truncation(corrupt("pdf"), b"%PDF-1.7\n1 0 obj").to_string(),
            "corrupt pdf file: failed to parse (xref); the file looks truncated (an unfinished download?)"
        );
        assert_eq!(
            explain_truncation(corrupt("pdf"), b"%PDF-1.7\n%%EOF\n").to_string(),
            "corrupt pdf file: failed to parse (xref)"
        );
        assert_eq!(
            explain_truncation(corrupt("docx"), b"PK\x03\x04").to_string(),
            "corrupt docx file: failed to parse (xref); the file looks truncated (an unfinished download?)"
        );
        assert_eq!(
            explain_truncation(IngestError::Empty, b""),
            IngestError::Empty
        );
        let mut ole = vec![0u8; 2048];
        ole[30] = 9;
        assert_eq!(
            explain_truncation(corrupt("xls"), &ole).to_string(),
            "corrupt xls file: failed to parse (xref)"
        );
        assert!(explain_truncation(corrupt("xls"), &ole[..1500])
            .to_string()
            .ends_with("the file looks truncated (an unfinished download?)"));
    }

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

    // No text at all is "empty"; mostly-unmapped text is undecodable; a few unmapped
    // glyphs pass (the reader warns about them).
    #[test]
    fn screens_empty_and_garbage_text() {
        let mut doc = Document {
            pages: Some(3),
            ..Document::default()
        };
        doc.push_paragraph("  ".into(), Some(1), None);
        assert_eq!(screen_text(&doc), Err(IngestError::Empty));
        doc.push_paragraph("\u{FFFD}\u{FFFD}\u{E001}收入".into(), Some(2), None);
        let err = screen_text(&doc).unwrap_err();
        assert_eq!(err.code(), "undecodable");
        assert!(
            err.to_string()
                .starts_with("text layer undecodable: 3 of 5 characters"),
            "{err}"
        );
        doc.push_paragraph("收入总计2,405.59万元".into(), Some(3), None);
        assert_eq!(screen_text(&doc), Ok(()));
    }
}
