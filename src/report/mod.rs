//! Report: turns results into output formats, one file per format.
//!
//! [`extract_json`] is the `crossfoot extract` contract (schema_version 1).

pub mod extract_json;
