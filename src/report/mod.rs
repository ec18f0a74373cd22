//! Report: the same results in several formats. Corpus mode writes its output directory
//! through [`outdir`], the datasets through [`csv`] and the page through [`html`].

pub mod csv;
pub mod html;
pub mod outdir;
