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
                narrative::extract_paragraph(p, &block.location, patterns, &mut ctx, &mut ex)
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
        standard::text::build(&mut ex, doc, &tables, v, patterns);
        ex.std_tables = tables;
    }
    // 决算 or 预算 from the tables when the title does not say: the family of every
    // recognised table, when they agree.
    if ex.scope.kind.is_none() {
        let mut kinds = ex.std_tables.iter().filter_map(|t| {
            if t.kind.starts_with("final.") {
                Some("决算")
            } else if t.kind.starts_with("budget.") {
                Some("预算")
            } else {
                None
            }
        });
        if let Some(first) = kinds.next() {
            if kinds.all(|k| k == first) {
                ex.scope.kind = Some(first.to_string());
            }
        }
    }
    key_narrative(&mut ex);
    defects(doc, patterns, &mut ex);
    empty_table_notes(doc, patterns, std_vocab.as_deref(), &mut ex);
    ex
}

/// A 空表说明 ("本部门2024年无…预算，故本表为空表", pattern `defect.empty_note` of meta.toml)
/// under a standard table that prints figures other than zero, or that names a fund the
/// table is not about (政府性基金 under the 国有资本经营 table; the funds are `[empty_note]`
/// of standard_tables.toml): a note copied from another table and left in. Template residue,
/// reported once per note.
fn empty_table_notes(
    doc: &Document,
    patterns: &PatternSet,
    vocab: Option<&standard::vocab::StdVocab>,
    ex: &mut Extraction,
) {
    let Some(p) = patterns.with_prefix("defect.empty_note").next() else {
        return;
    };
    let Some(vocab) = vocab else {
        return;
    };
    if ex.std_tables.is_empty() {
        return;
    }
    let funds = &vocab.empty_note.funds;
    let mut found = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        let BlockKind::Paragraph(para) = &block.kind else {
            continue;
        };
        let norm: String = para
            .text
            .chars()
            .map(crate::number::normalize_char)
            .collect();
        let Some(caps) = p.regex.captures(&norm) else {
            continue;
        };
        let Some(m) = caps.name("quote").or_else(|| caps.get(0)) else {
            continue;
        };
        // The table printed last before the note.
        let Some(t) = ex
            .std_tables
            .iter()
            .filter(|t| t.location.block < bi)
            .max_by_key(|t| t.location.block)
        else {
            continue;
        };
        // Only a note that follows its table closely (nothing but paragraphs between).
        if bi - t.location.block > 3 {
            continue;
        }
        let note = m.as_str();
        let title = standard::vocab::norm(&t.title);
        let figures = t
            .rows
            .iter()
            .flat_map(|r| r.values.iter())
            .any(|v| match v {
                Some(standard::CellValue::Fact(f)) => {
                    ex.facts.get(*f).is_some_and(|f| !f.value.is_zero())
                }
                _ => false,
            });
        let other_fund = funds
            .iter()
            .any(|f| note.contains(f.as_str()) && !title.contains(f.as_str()))
            && funds.iter().any(|f| title.contains(f.as_str()));
        if !figures && !other_fund {
            continue;
        }
        let start = norm[..m.start()].chars().count();
        let quote: String = para
            .text
            .chars()
            .skip(start)
            .take(note.chars().count())
            .collect();
        found.push((quote, block.location.clone()));
    }
    for (quote, location) in found {
        push_defect(ex, "residue", quote, location);
    }
}

/// A wording defect of the text: a statement without figures, keyed
/// `defect|{kind}|p{page}|{quote}`; `kind` (residue, cut, punct, year, scope) names the rule.
fn push_defect(
    ex: &mut Extraction,
    kind: &str,
    quote: String,
    location: crate::document::Location,
) {
    push_defect_of(ex, kind, quote, location, Vec::new());
}

/// [`push_defect`] about figures: `facts` are the figures the defective words label (a year
/// dating an amount).
pub(crate) fn push_defect_of(
    ex: &mut Extraction,
    kind: &str,
    quote: String,
    location: crate::document::Location,
    facts: Vec<usize>,
) {
    let roles = vec![Role::Current; facts.len()];
    let key = location
        .page
        .map(|pg| format!("defect|{kind}|p{pg}|{quote}"));
    ex.push_statement(Statement {
        detail: Some(kind.to_string()),
        key,
        ..Statement::new(StatementKind::Defect, facts, roles, quote, location)
    });
}

/// Wording defects of the paragraphs (`defect.*` patterns of meta.toml), each a statement
/// without figures, once per wording and page. Template residue is left out in a document
/// that prints placeholders (a template, where the alternatives are meant).
fn defects(doc: &Document, patterns: &PatternSet, ex: &mut Extraction) {
    let found: Vec<(&str, &crate::patterns::Pattern)> = patterns
        .with_prefix("defect.")
        .filter_map(|p| p.emit("defect").map(|k| (k, p)))
        .collect();
    if found.is_empty() {
        return;
    }
    let paras: Vec<(&str, &crate::document::Location)> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some((p.text.as_str(), &b.location)),
            BlockKind::Table(_) => None,
        })
        .collect();
    let normed: Vec<String> = paras
        .iter()
        .map(|(t, _)| t.chars().map(crate::number::normalize_char).collect())
        .collect();
    let template = found
        .iter()
        .filter(|(k, _)| *k == "placeholder")
        .any(|(_, p)| normed.iter().filter(|n| p.regex.is_match(n)).count() >= 3);
    // A wording repeated on one page is one defect (a reviewer flags it once per page).
    let mut seen = std::collections::HashSet::new();
    for ((text, location), norm) in paras.iter().zip(&normed) {
        for (kind, p) in &found {
            if *kind == "placeholder" || (*kind == "residue" && template) {
                continue;
            }
            for caps in p.regex.captures_iter(norm) {
                // The defective words: the `quote` group where the pattern has one (a
                // drafting instruction quoted by its tail), else the whole match.
                let Some(m) = caps.name("quote").or_else(|| caps.get(0)) else {
                    continue;
                };
                // Words that call the discloser a 部门 (or 单位): a defect only in a document
                // whose scope names the other entity.
                if *kind == "scope" {
                    let claimed = p.emit("entity");
                    if ex.scope.entity.is_none() || ex.scope.entity.as_deref() == claimed {
                        continue;
                    }
                }
                // A dated plan: a defect only when its year is before the document's.
                if *kind == "year" {
                    let year: Option<i32> = caps.name("year").and_then(|y| y.as_str().parse().ok());
                    if !matches!((year, ex.year), (Some(a), Some(d)) if a < d) {
                        continue;
                    }
                }
                // One char for one char: the printed words are the same char range.
                let start = norm[..m.start()].chars().count();
                let len = m.as_str().chars().count();
                let quote: String = text.chars().skip(start).take(len).collect();
                if !seen.insert((*kind, location.page, quote.clone())) {
                    continue;
                }
                push_defect(ex, kind, quote, (*location).clone());
            }
        }
    }
}

/// Gives each relation of the text alone its key, `narr|{kind}|p{page}|{figure}` (the syntax
/// of tests/real/README.md): the figure is the one the sentence asserts, as printed without
/// separators (a sum's total, a share's rate, a change's rate or else its amount, a
/// variance's rate or else its final figure, a count).
fn key_narrative(ex: &mut Extraction) {
    for i in 0..ex.statements.len() {
        let st = &ex.statements[i];
        if st.key.is_some() {
            continue;
        }
        let (kind, fact) = match st.kind {
            StatementKind::Sum => ("sum", st.fact(Role::Total)),
            StatementKind::Share => ("share", st.fact(Role::Rate)),
            StatementKind::Yoy => match st.fact(Role::Rate).or(st.fact(Role::Delta)) {
                Some(f) => ("yoy", Some(f)),
                None => ("direction", st.fact(Role::Current)),
            },
            StatementKind::Variance => ("variance", st.fact(Role::Rate).or(st.fact(Role::Actual))),
            // 完成年初预算的x% in the text (a performance table's rows have keys of their own).
            StatementKind::ExecutionRate
                if st
                    .fact(Role::Rate)
                    .and_then(|f| ex.facts.get(f))
                    .is_some_and(|f| f.location.row.is_none()) =>
            {
                ("variance", st.fact(Role::Rate))
            }
            StatementKind::ListCount => ("count", st.fact(Role::Count)),
            _ => continue,
        };
        let Some(f) = fact.and_then(|f| ex.facts.get(f)) else {
            continue;
        };
        // The page is where the asserted figure is printed (a paragraph may run over a
        // page break).
        let Some(page) = f.location.page.or(st.location.page) else {
            continue;
        };
        let mut figure = crate::number::plain_decimal(f.value, f.decimals);
        if f.kind == FactKind::Percent {
            figure.push('%');
        }
        let key = format!("narr|{kind}|p{page}|{figure}");
        let st = &mut ex.statements[i];
        st.location.page = Some(page);
        st.key = Some(key);
    }
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
