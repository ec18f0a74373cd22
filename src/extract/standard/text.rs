//! The text's figures bound to table cells (情况说明 ↔ 公开表): an amount that names a table
//! concept or a classification line is compared with its cell.

use super::vocab::StdVocab;
use super::StdTable;
use crate::extract::Extraction;

/// Emits the text ↔ table relations.
pub fn build(_ex: &mut Extraction, _tables: &[StdTable], _v: &StdVocab) {}
