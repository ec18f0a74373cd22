//! Relations between standard tables, as data (patterns/linkbase.toml): the same total or
//! line in two tables (收入支出决算总表 本年收入合计 = 收入决算表 合计), a 类 line of one table
//! against the same 类 of another, a total against cells of another table
//! (一般公共预算财政拨款支出决算表 基本支出 = 基本支出决算表 人员经费合计 + 公用经费合计).
//!
//! A selector is `{kind}!{row}@{column}`: the row a key or a name (without the panel
//! prefix when the name is in one panel only), the column a key or its final part within
//! the row's panel. `*` as the row ranges over the 类 lines of the total's table, matched
//! by name in the other table (its 3-digit-code rows, or its named lines). A relation whose
//! tables are not both in the document is not emitted; a `when_zero` cell that holds a
//! figure other than zero (the scopes differ) keeps it from being emitted.

use super::relations::{push_equal, push_sum, Term};
use super::vocab::{Cross, StdVocab};
use super::{CellValue, RowRole, StdRow, StdTable};
use crate::extract::Extraction;

/// A parsed selector.
struct Sel<'s> {
    kind: &'s str,
    row: &'s str,
    col: &'s str,
}

fn parse(sel: &str) -> Option<Sel<'_>> {
    let (kind, rest) = sel.split_once('!')?;
    let (row, col) = rest.rsplit_once('@')?;
    Some(Sel {
        kind: kind.trim(),
        row: row.trim(),
        col: col.trim(),
    })
}

/// The column named `col` within the row's panel.
fn column_in_panel(t: &StdTable, row: &StdRow, col: &str) -> Option<usize> {
    let in_panel: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.panel == row.panel)
        .map(|(i, _)| i)
        .collect();
    if let Some(&i) = in_panel.iter().find(|&&i| t.columns[i].key == col) {
        return Some(i);
    }
    let suffix = format!("/{col}");
    let hits: Vec<usize> = in_panel
        .iter()
        .copied()
        .filter(|&i| t.columns[i].key.ends_with(&suffix))
        .collect();
    match hits.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The tables of a kind (a continued table is one; a kind printed twice yields both).
fn tables_of<'t>(tables: &'t [StdTable], kind: &str) -> Vec<&'t StdTable> {
    tables
        .iter()
        .filter(|t| t.kind == kind && !t.empty)
        .collect()
}

fn resolve<'t>(tables: &'t [StdTable], sel: &Sel<'_>) -> Option<Term<'t>> {
    let ts = tables_of(tables, sel.kind);
    let [t] = ts.as_slice() else { return None };
    let row = t.row(sel.row)?;
    let col = column_in_panel(t, row, sel.col)?;
    Some(Term::new(t, row, col))
}

/// True when the cell is blank, not applicable or zero (or its table is not there).
fn is_zero(tables: &[StdTable], sel: &str, ex: &Extraction) -> bool {
    let Some(s) = parse(sel) else { return false };
    // The table is printed empty: zero.
    if tables.iter().any(|t| t.kind == s.kind && t.empty) {
        return true;
    }
    let Some(term) = resolve(tables, &s) else {
        return false;
    };
    match term.row.values.get(term.col).and_then(Option::as_ref) {
        Some(CellValue::Fact(f)) => ex.facts.get(*f).is_some_and(|f| f.value.is_zero()),
        Some(CellValue::Blank | CellValue::NotApplicable) | None => true,
        Some(CellValue::Unreadable) => false,
    }
}

/// The class (类) lines of a panel: 3-digit codes, or named detail lines of level 1.
fn class_rows<'t>(t: &'t StdTable, panel_row: &str) -> Vec<&'t StdRow> {
    // A panel prefix in the selector ("2:*") restricts the panel.
    let panel = panel_row
        .split_once(':')
        .and_then(|(p, _)| p.parse::<usize>().ok())
        .map(|p| p.saturating_sub(1));
    t.rows
        .iter()
        .filter(|r| panel.is_none_or(|p| r.panel == p))
        .filter(|r| match &r.code {
            Some(c) => c.len() == 3,
            None => r.role == RowRole::Detail && r.level == 1 && r.unsure.is_none(),
        })
        .collect()
}

/// The row of `t` for the class named `name`.
fn class_named<'t>(t: &'t StdTable, name: &str) -> Option<&'t StdRow> {
    let mut hits = t.rows.iter().filter(|r| {
        let key_name = super::layout::strip_numbering(&r.name).1;
        key_name == name && r.code.as_deref().is_none_or(|c| c.len() == 3)
    });
    let first = hits.next()?;
    Some(first)
}

/// Emits every cross-table relation of the linkbase.
pub fn build(ex: &mut Extraction, tables: &[StdTable], v: &StdVocab) {
    for c in &v.linkbase.cross {
        if c.when_zero.iter().any(|z| !is_zero(tables, z, ex)) {
            continue;
        }
        let Some(total) = parse(&c.total) else {
            continue;
        };
        if total.row.ends_with('*') {
            each_class(ex, tables, c, &total);
            continue;
        }
        let Some(tt) = resolve(tables, &total) else {
            continue;
        };
        let parts: Vec<Option<Term>> = c
            .parts
            .iter()
            .map(|p| parse(p).and_then(|s| resolve(tables, &s)))
            .collect();
        if parts.iter().any(Option::is_none) {
            continue;
        }
        let parts: Vec<Term> = parts.into_iter().flatten().collect();
        if let [one] = parts.as_slice() {
            push_equal(ex, tt, *one, "cross");
        } else {
            let key = format!("sum|{}|cross", tt.key());
            push_sum(ex, tt, &parts, "cross", key, None);
        }
    }
}

/// `*` relations: each 类 line of the total's table against the same 类 in the other.
fn each_class(ex: &mut Extraction, tables: &[StdTable], c: &Cross, total: &Sel<'_>) {
    let [part] = c.parts.as_slice() else { return };
    let Some(part) = parse(part) else { return };
    let ta = tables_of(tables, total.kind);
    let tb = tables_of(tables, part.kind);
    let ([ta], [tb]) = (ta.as_slice(), tb.as_slice()) else {
        return;
    };
    for ra in class_rows(ta, total.row) {
        let Some(ca) = column_in_panel(ta, ra, total.col) else {
            continue;
        };
        let name = super::layout::strip_numbering(&ra.name).1;
        let Some(rb) = class_named(tb, &name) else {
            // Printed in one table and absent from the other: not a certain failure (the
            // other table may list it under another wording), and nothing to compare.
            continue;
        };
        let Some(cb) = column_in_panel(tb, rb, part.col) else {
            continue;
        };
        push_equal(ex, Term::new(ta, ra, ca), Term::new(tb, rb, cb), "cross");
    }
}
