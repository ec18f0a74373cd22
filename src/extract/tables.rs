//! Table extraction: 绩效自评表 (funds rows, indicator rows, 总分) and a fact for every
//! numeric cell of any table (placeholder).

use super::Extraction;
use crate::document::{Location, Table};
use crate::patterns::PatternSet;

/// Extracts facts, statements and performance tables from one table block.
pub fn extract_table(
    _table: &Table,
    _location: &Location,
    _patterns: &PatternSet,
    _ex: &mut Extraction,
) {
}
