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
pub mod standard;
pub mod tables;

pub use model::*;

use crate::document::{BlockKind, Document};
use crate::patterns::PatternSet;

/// Extracts facts, statements and performance tables from a document.
pub fn extract(doc: &Document, patterns: &PatternSet) -> Extraction {
    let mut ex = Extraction::default();
    // Department first: the narrative strips it from the start of labels.
    meta::recognise(doc, patterns, &mut ex);
    // Standard tables (公开表) are recognised before the blocks are read: their cells become
    // typed facts instead of generic ones.
    let std_vocab = match standard::vocab::for_patterns(patterns) {
        Ok(v) => Some(v),
        Err(e) => {
            ex.warnings.push(crate::document::DocWarning::new(
                "table.standard_vocabulary",
                format!("failed to load the standard-table vocabulary ({e}); 公开表 are read as generic tables"),
            ));
            None
        }
    };
    let recognised = std_vocab
        .as_deref()
        .map(|v| standard::recognise::recognise(doc, v, ex.department.as_deref()))
        .unwrap_or_default();
    let mut ctx = narrative::Context::new(ex.department.as_deref());
    for block in &doc.blocks {
        crate::deadline::check();
        match &block.kind {
            BlockKind::Paragraph(p) => {
                narrative::extract_paragraph(&p.text, &block.location, patterns, &mut ctx, &mut ex)
            }
            BlockKind::Table(t) => {
                let rec = recognised.iter().find(|r| r.block == block.location.block);
                match (rec, std_vocab.as_deref()) {
                    // A continuation was read with the table it continues.
                    (Some(r), Some(_)) if r.continues.is_some() => {}
                    (Some(r), Some(v)) => {
                        let mut parts = vec![(t, &block.location)];
                        for c in recognised.iter().filter(|c| c.continues == Some(r.block)) {
                            if let Some(BlockKind::Table(ct)) =
                                doc.blocks.get(c.block).map(|b| &b.kind)
                            {
                                parts.push((ct, &doc.blocks[c.block].location));
                            }
                        }
                        let table = standard::layout::read(&parts, r, v, &mut ex);
                        ex.std_tables.push(table);
                    }
                    _ => tables::extract_table(t, &block.location, patterns, &mut ex),
                }
            }
        }
    }
    crate::deadline::check();
    narrative::finish(&mut ctx, patterns, &mut ex);
    crate::deadline::check();
    if let Some(v) = std_vocab.as_deref() {
        let tables = std::mem::take(&mut ex.std_tables);
        for t in &tables {
            standard::relations::build(&mut ex, t, v);
        }
        standard::cross::build(&mut ex, &tables, v);
        standard::text::build(&mut ex, &tables, v);
        ex.std_tables = tables;
    }
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
