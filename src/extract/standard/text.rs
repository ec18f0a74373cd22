//! The text's figures bound to table cells (情况说明 ↔ 公开表).
//!
//! An amount of the text that names a table row — a classification line of the text
//! ("住房保障支出（类）住房改革支出（款）住房公积金（项）350.35万元" names the row 住房公积金) or a
//! figure labelled exactly as a row is named — is compared with the cells of the rows of that
//! name. Which table and column the text means (财政拨款 or all funds, 预算数 or 决算数) is
//! rarely printed, so the binding is the cell whose value is nearest: when one of them
//! agrees with the text within rounding, the relation is checked (and holds); when none
//! does, the relation is reported as not checkable, with the nearest cell, never as an
//! error: the text may mean a figure the tables do not print.

use super::vocab::{norm, StdVocab};
use super::{CellValue, StdTable};
use crate::extract::{Extraction, Fact, FactKind, Role, Statement, StatementKind};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A cell of a standard table: table, row, column, fact.
#[derive(Clone, Copy)]
struct Cell {
    table: usize,
    row: usize,
    col: usize,
    fact: usize,
}

/// Emits the text ↔ table relations.
pub fn build(ex: &mut Extraction, tables: &[StdTable], _v: &StdVocab) {
    // Row name → its cells holding figures.
    let mut by_name: HashMap<String, Vec<Cell>> = HashMap::new();
    for (ti, t) in tables.iter().enumerate() {
        for (ri, r) in t.rows.iter().enumerate() {
            if r.unsure.is_some() || r.name.is_empty() {
                continue;
            }
            for (ci, v) in r.values.iter().enumerate() {
                if let Some(CellValue::Fact(f)) = v {
                    by_name.entry(norm(&r.name)).or_default().push(Cell {
                        table: ti,
                        row: ri,
                        col: ci,
                        fact: *f,
                    });
                }
            }
        }
    }
    if by_name.is_empty() {
        return;
    }
    let n = ex.facts.len();
    for fi in 0..n {
        let f = &ex.facts[fi];
        if f.cell.is_some() || f.location.row.is_some() || f.kind != FactKind::Amount {
            continue;
        }
        let Some(wan) = f.value_wan else { continue };
        let page = f.location.page;
        let Some(name) = named_row(f) else { continue };
        let Some(cells) = by_name.get(&name) else {
            continue;
        };
        // The nearest cell in 万元.
        let nearest = cells
            .iter()
            .filter_map(|c| {
                let cf = ex.facts.get(c.fact)?;
                Some(((cf.value_wan? - wan).abs(), *c))
            })
            .min_by(|a, b| a.0.cmp(&b.0));
        let Some((gap, cell)) = nearest else { continue };
        let Some(cf) = ex.facts.get(cell.fact) else {
            continue;
        };
        let slack = half_wan(f) + half_wan(cf);
        let t = &tables[cell.table];
        let r = &t.rows[cell.row];
        let col = &t.columns[cell.col].key;
        let unsure = (gap > slack).then(|| {
            format!(
                "no cell of the rows named {name} holds this figure (nearest: {} {}); which table and column the text means is not certain",
                cf.stated, cf.unit
            )
        });
        let mut figure = crate::number::plain_decimal(f.value, f.decimals);
        if figure.starts_with('-') {
            figure.remove(0);
        }
        let key = page.map(|p| format!("text|p{p}|{figure}"));
        let quote = format!("{}\n{}：{}", f.quote, norm(&t.title), r.quote);
        let location = f.location.clone();
        let detail = format!("text|{} = {}!{}@{col}", f.label, t.kind, r.key);
        ex.push_statement(Statement {
            id: String::new(),
            kind: StatementKind::TextTable,
            facts: vec![fi, cell.fact],
            roles: vec![Role::Part, Role::Total],
            sign: None,
            expected: None,
            detail: Some(detail),
            quote,
            location,
            key,
            unsure,
        });
    }
}

/// The row a text figure names: the deepest level of its classification path, or its label
/// when the label is a row name by itself.
fn named_row(f: &Fact) -> Option<String> {
    if let Some(path) = f.concept.as_deref().and_then(|c| c.strip_prefix("func:")) {
        return path.rsplit('/').next().map(norm);
    }
    let label = norm(&f.label);
    (!label.is_empty() && !label.contains('/')).then_some(label)
}

/// Half a unit of the figure's last printed digit, in 万元.
fn half_wan(f: &Fact) -> Decimal {
    let half = Decimal::new(5, f.decimals.saturating_add(1).min(27));
    match f.unit.as_str() {
        "元" => half / Decimal::from(10_000),
        "亿元" => half * Decimal::from(10_000),
        _ => half,
    }
}
