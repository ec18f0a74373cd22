//! Extract: [`Document`] → [`Extraction`] (facts, statements, performance tables), driven by
//! the pattern sets in patterns/.

mod model;

pub use model::*;

use crate::document::Document;
use crate::patterns::PatternSet;

/// Extracts facts, statements and performance tables from a document.
pub fn extract(_doc: &Document, _patterns: &PatternSet) -> Extraction {
    Extraction::default()
}
