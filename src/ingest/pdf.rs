//! PDF ingest (placeholder until the content-stream interpreter lands).

use super::{IngestError, Limits};
use crate::document::Document;

/// Reads a PDF file into the document model.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, IngestError> {
    Err(IngestError::Unsupported {
        looks_like: "a PDF (PDF reading not built yet)".into(),
        hint: None,
    })
}
