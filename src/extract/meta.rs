//! Department and year recognition from the title and 单位名称 (placeholder).

use super::Extraction;
use crate::document::Document;

/// Fills `ex.department` and `ex.year` from the document text.
pub fn recognise(_doc: &Document, _ex: &mut Extraction) {}
