//! Report: turns results into output formats, one file per format.
//!
//! [`extract_json`] is the `crossfoot extract` contract (schema_version 1); [`check_json`]
//! the `crossfoot check` contract; [`text`] the check report for a person. Corpus mode
//! writes its output directory through [`outdir`], the datasets through [`csv`] and
//! [`xlsx`], and the page through [`html`] (with [`review`]: root causes, places, links,
//! amounts at stake). [`errors`] puts file-level errors in the language of `--lang`.

pub mod check_json;
pub mod csv;
pub mod errors;
pub mod extract_json;
pub mod html;
pub mod outdir;
pub mod review;
pub mod text;
pub mod xlsx;
