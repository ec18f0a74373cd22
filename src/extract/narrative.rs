//! Narrative extraction: sentences → quantity mentions → facts and statements (placeholder).

use super::Extraction;
use crate::document::Location;
use crate::patterns::PatternSet;

/// Extracts facts and statements from one paragraph of running text.
pub fn extract_paragraph(
    text: &str,
    location: &Location,
    patterns: &PatternSet,
    ex: &mut Extraction,
) {
    let _ = extract_text(text, location, None, patterns, ex);
}

/// Extracts facts (and statements) from a piece of running text, e.g. a paragraph or a long
/// table cell (年度总体目标), tagging facts with `project`. Returns the indices of the facts
/// pushed, in order.
pub fn extract_text(
    _text: &str,
    _location: &Location,
    _project: Option<&str>,
    _patterns: &PatternSet,
    _ex: &mut Extraction,
) -> Vec<usize> {
    Vec::new()
}
