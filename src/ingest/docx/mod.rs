//! DOCX ingest: a guarded zip read, then a streaming pass over `word/document.xml`.
//!
//! Why not docx-rs for reading: its reader panics on a corrupt deflate stream, inflates zip
//! bombs without a limit, keeps gridSpan/vMerge private and builds a full DOM (slow). Here the
//! zip is read with the `zip` crate under [`Limits`] and the body XML with quick-xml's
//! borrowing pull parser ([`body`]), so the cost is one pass over the bytes.
//!
//! Guards, none of which trusts sizes declared in the archive:
//! - the entry count is checked from the end-of-central-directory record *before* the zip
//!   crate parses the central directory (which allocates per entry), and again after;
//! - each part is inflated through `Read::take(limit + 1)`: one byte past the limit is
//!   proof enough that the part is too large (`--max-stream-mb`);
//! - the inflated total over all parts read is capped (`--max-doc-mb`);
//! - a corrupt or truncated zip, a bad deflate stream or a CRC mismatch is
//!   [`IngestError::Corrupt`], never a panic.
//!
//! Headers, footers, comments and footnotes live in other parts and are not read: the
//! figures a disclosure publishes are in the body.

mod body;

use super::{IngestError, Limits};
use crate::document::Document;
use std::io::{Cursor, Read};

/// The main document part of a WordprocessingML package.
const MAIN_PART: &str = "word/document.xml";

/// Reads a DOCX file into the document model.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    if let Some(declared) = declared_entry_count(bytes) {
        check_entries(declared, limits)?;
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt("docx"))?;
    check_entries(archive.len() as u64, limits)?;
    let Some(index) = archive.index_for_name(MAIN_PART) else {
        return Err(IngestError::Unsupported {
            looks_like: "a zip archive that is not a DOCX (no word/document.xml)".into(),
            hint: not_docx_hint(&archive),
        });
    };
    let mut inflated_total = 0u64;
    let xml = read_part(&mut archive, index, limits, &mut inflated_total, "docx")?;
    let text = decode_xml(xml)?;
    body::parse(&text, limits)
}

/// Inflates every entry of a zip package (an XLSX) within the same limits as a DOCX part:
/// entry count, each part's and the total inflated size, a corrupt deflate stream or CRC.
/// Run before a reader that inflates parts without limits of its own, so a zip bomb or a
/// corrupt part is refused here with a clear error.
pub(crate) fn guard_package(
    bytes: &[u8],
    limits: &Limits,
    format: &'static str,
) -> Result<(), IngestError> {
    if let Some(declared) = declared_entry_count(bytes) {
        check_entries(declared, limits)?;
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt(format))?;
    check_entries(archive.len() as u64, limits)?;
    let mut inflated_total = 0u64;
    for index in 0..archive.len() {
        read_part(&mut archive, index, limits, &mut inflated_total, format)?;
    }
    Ok(())
}

/// Checks an entry count against `--max-zip-entries`.
fn check_entries(count: u64, limits: &Limits) -> Result<(), IngestError> {
    if count > limits.max_zip_entries as u64 {
        return Err(IngestError::Limit {
            what: "number of zip entries",
            detail: format!("{count} entries > {}", limits.max_zip_entries),
            flag: "--max-zip-entries",
        });
    }
    Ok(())
}

/// A corrupt-zip error with the zip crate's reason.
fn corrupt<E: std::fmt::Display>(format: &'static str) -> impl Fn(E) -> IngestError {
    move |e| IngestError::Corrupt {
        format,
        detail: format!("failed to read the zip archive ({e})"),
    }
}

/// Names what a zip without a Word body probably is, for the error hint.
fn not_docx_hint<R: Read + std::io::Seek>(archive: &zip::ZipArchive<R>) -> Option<String> {
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        Some("it is an Excel workbook (.xlsx); export the sheet as text or PDF".into())
    } else if has("ppt/presentation.xml") {
        Some("it is a PowerPoint presentation (.pptx); export it as PDF".into())
    } else if has("content.xml") {
        Some("it is an OpenDocument file; convert it with `libreoffice --headless --convert-to docx FILE`".into())
    } else {
        None
    }
}

/// Inflates one entry within the per-part and per-document limits.
fn read_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    limits: &Limits,
    inflated_total: &mut u64,
    format: &'static str,
) -> Result<Vec<u8>, IngestError> {
    let mut file = archive.by_index(index).map_err(corrupt(format))?;
    let name = file.name().unwrap_or_default().to_string();
    let budget = limits
        .max_stream_bytes
        .min(limits.max_doc_bytes.saturating_sub(*inflated_total));
    // Declared sizes are hints at most: never reserve more than the budget allows.
    let hint = file.size().min(budget).min(64 * 1024 * 1024) as usize;
    let mut out = Vec::with_capacity(hint);
    (&mut file)
        .take(budget.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Corrupt {
            format,
            detail: format!("failed to inflate {name} ({e})"),
        })?;
    let len = out.len() as u64;
    if len > limits.max_stream_bytes {
        return Err(IngestError::Limit {
            what: "decompressed size of a zip part",
            detail: format!("{name} inflates past {} bytes", limits.max_stream_bytes),
            flag: "--max-stream-mb",
        });
    }
    if len > budget {
        return Err(IngestError::Limit {
            what: "decompressed size of the document",
            detail: format!(
                "{name} brings the inflated total past {} bytes",
                limits.max_doc_bytes
            ),
            flag: "--max-doc-mb",
        });
    }
    *inflated_total += len;
    Ok(out)
}

/// The XML part as text: UTF-8 (BOM optional) or UTF-16 with a BOM.
fn decode_xml(mut xml: Vec<u8>) -> Result<String, IngestError> {
    let bad = |what: &str| IngestError::Corrupt {
        format: "docx",
        detail: format!("{MAIN_PART} is not valid {what}"),
    };
    if xml.starts_with(&[0xFF, 0xFE]) || xml.starts_with(&[0xFE, 0xFF]) {
        let enc = if xml.starts_with(&[0xFF, 0xFE]) {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        return enc
            .decode_without_bom_handling_and_without_replacement(xml.get(2..).unwrap_or(&[]))
            .map(|c| c.into_owned())
            .ok_or_else(|| bad("UTF-16"));
    }
    if xml.starts_with(&[0xEF, 0xBB, 0xBF]) {
        xml.drain(..3);
    }
    String::from_utf8(xml).map_err(|_| bad("UTF-8"))
}

/// The total entry count from the end-of-central-directory record (zip64 aware), if the
/// record can be found; `None` leaves the decision to the zip crate.
fn declared_entry_count(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(tail_start..)?;
    let pos = tail.windows(4).rposition(|w| w == EOCD)? + tail_start;
    let entries = u16::from_le_bytes([*bytes.get(pos + 10)?, *bytes.get(pos + 11)?]);
    if entries != 0xFFFF {
        return Some(u64::from(entries));
    }
    // Zip64: the locator sits just before the EOCD and points at the zip64 record.
    let loc = pos.checked_sub(20)?;
    if bytes.get(loc..loc + 4)? != b"PK\x06\x07" {
        return None;
    }
    let off = u64::from_le_bytes(bytes.get(loc + 8..loc + 16)?.try_into().ok()?);
    let rec = usize::try_from(off).ok()?;
    if bytes.get(rec..rec + 4)? != b"PK\x06\x06" {
        return None;
    }
    Some(u64::from_le_bytes(
        bytes.get(rec + 32..rec + 40)?.try_into().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The entry count comes from the EOCD record without parsing the central directory.
    #[test]
    fn declared_entry_count_reads_eocd() {
        let mut eocd = b"junkPK\x05\x06\0\0\0\0\x07\0\x07\0".to_vec();
        eocd.extend_from_slice(&[0; 10]);
        assert_eq!(declared_entry_count(&eocd), Some(7));
        assert_eq!(declared_entry_count(b"not a zip"), None);
    }

    // UTF-16 document parts decode; invalid UTF-8 is a corrupt-file error.
    #[test]
    fn decodes_utf16_and_refuses_bad_utf8() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<a>收</a>".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_xml(utf16).unwrap(), "<a>收</a>");
        assert_eq!(decode_xml(b"\xEF\xBB\xBF<a/>".to_vec()).unwrap(), "<a/>");
        assert_eq!(
            decode_xml(b"<a>\xFF</a>".to_vec()).unwrap_err().code(),
            "corrupt"
        );
    }
}
