//! Layout: positioned glyphs and ruling segments → lines → paragraphs and tables
//! (placeholder).

use super::content::PageContent;
use crate::document::Document;

/// Builds the document model from interpreted pages.
pub fn build(_pages: &[PageContent]) -> Document {
    Document::default()
}
