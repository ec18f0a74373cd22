//! PDF ingest: lopdf parses objects (with decryption and size-limited decompression); our
//! own content-stream interpreter ([`content`]) produces positioned glyphs and ruling lines
//! per page; [`layout`] turns them into the document model (lines, paragraphs, tables).

pub mod content;
pub mod layout;

use super::{IngestError, Limits};
use crate::document::Document;

/// Reads a PDF file into the document model.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, IngestError> {
    Err(IngestError::Unsupported {
        looks_like: "a PDF (PDF reading not built yet)".into(),
        hint: None,
    })
}
