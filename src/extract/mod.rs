//! Extract: [`Document`] → [`Extraction`] (facts, statements, performance tables), driven by
//! the pattern sets in patterns/.
//!
//! The department and year are recognised first ([`meta`]); then blocks are read in document
//! order: paragraphs by [`narrative`] (which keeps a [`narrative::Context`] across paragraphs
//! for sections, headings and lists that continue, and builds the 类/款/项 sums in
//! [`narrative::finish`]), tables by [`tables`] (which also recognises 绩效自评表 and reads
//! text cells with [`narrative::extract_text`]). Facts and statements get ids in the order
//! they are pushed, so ids are deterministic.

pub mod meta;
mod model;
pub mod narrative;
pub mod tables;

pub use model::*;

use crate::document::{BlockKind, Document};
use crate::patterns::PatternSet;

/// Extracts facts, statements and performance tables from a document.
pub fn extract(doc: &Document, patterns: &PatternSet) -> Extraction {
    let mut ex = Extraction::default();
    // Department first: the narrative strips it from the start of labels.
    meta::recognise(doc, patterns, &mut ex);
    let mut ctx = narrative::Context::new(ex.department.as_deref());
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Paragraph(p) => {
                narrative::extract_paragraph(&p.text, &block.location, patterns, &mut ctx, &mut ex)
            }
            BlockKind::Table(t) => tables::extract_table(t, &block.location, patterns, &mut ex),
        }
    }
    narrative::finish(&mut ctx, patterns, &mut ex);
    ex
}

impl Extraction {
    /// Appends a fact, assigning its id ("F0001"…), and returns its index.
    pub fn push_fact(&mut self, mut fact: Fact) -> usize {
        let index = self.facts.len();
        fact.id = format!("F{:04}", index + 1);
        self.facts.push(fact);
        index
    }

    /// Appends a statement, assigning its id ("S0001"…), and returns its index.
    pub fn push_statement(&mut self, mut statement: Statement) -> usize {
        let index = self.statements.len();
        statement.id = format!("S{:04}", index + 1);
        self.statements.push(statement);
        index
    }
}
