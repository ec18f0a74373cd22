//! Report: turns results into output formats, one file per format.
//!
//! [`extract_json`] is the `crossfoot extract` contract (schema_version 1); [`check_json`]
//! the `crossfoot check` contract; [`text`] the check report for a person.

pub mod check_json;
pub mod extract_json;
pub mod text;
