//! DOCX ingest (placeholder until the streaming zip + quick-xml reader lands).

use super::{IngestError, Limits};
use crate::document::Document;

/// Reads a DOCX file into the document model.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, IngestError> {
    Err(IngestError::Unsupported {
        looks_like: "a zip archive (DOCX reading not built yet)".into(),
        hint: None,
    })
}
