//! A table continued on the next page, joined to its first part.
//!
//! Two parts are one table when the second opens its page right after the first closed the
//! previous page (the caller checks that nothing but furniture lies between) and their
//! column boundaries agree ([`compatible`]). Joining ([`join`]) puts both on the union of
//! their boundaries and then repairs what the page break did to the rows:
//! - leading rows of the second part identical to the first part's leading rows are a
//!   repeated header and are dropped;
//! - a row split by the page break (the word processor let a long cell run on) is rejoined:
//!   the second part's first row has the same cells as the first part's last row, and has
//!   text only in cells whose text on the first page was cut: two or more lines, the last
//!   one stopping closer to the cell's right edge than the continuation's first token
//!   needs (a wrap, not an end). A new row has text in
//!   cells that ended on the first page (short values, labels), so it is not taken;
//! - otherwise, leading empty cells of the continuation's first row under a non-empty cell
//!   with the same columns are the rest of a vertically merged cell (a row label cut by the
//!   page break) and extend it.

use super::lines::{first_token_em, join_wrapped};
use super::paragraphs::{ends_clause, starts_with_marker};
use super::{PRow, PTable};

/// Room between a cell's text and its right rule, in em, beyond which a last line was not
/// cut by a wrap (word processors pad cells by about 0.1 inch; at 8 to 10.5 pt that is
/// under one em).
const CELL_PADDING_EM: f32 = 1.2;

/// Column boundaries closer than this (points) are the same boundary.
const COLUMN_TOL: f32 = 3.0;

/// True when two tables' column boundaries agree: same outer edges, and one's boundaries
/// are all (within tolerance) among the other's.
pub(super) fn compatible(a: &[f32], b: &[f32]) -> bool {
    if a.len() < 3 || b.len() < 3 {
        return false;
    }
    let near = |x: f32, set: &[f32]| set.iter().any(|&y| (x - y).abs() <= COLUMN_TOL);
    let (Some(&al), Some(&ar), Some(&bl), Some(&br)) = (a.first(), a.last(), b.first(), b.last())
    else {
        return false;
    };
    if (al - bl).abs() > COLUMN_TOL || (ar - br).abs() > COLUMN_TOL {
        return false;
    }
    b.iter().all(|&x| near(x, a)) || a.iter().all(|&x| near(x, b))
}

/// Appends continuation `b` to table `a` (see the module doc).
pub(super) fn join(a: &mut PTable, mut b: PTable) {
    let mut all: Vec<f32> = a.xs.iter().chain(&b.xs).copied().collect();
    all.sort_by(f32::total_cmp);
    let mut union: Vec<f32> = Vec::new();
    for x in all {
        match union.last() {
            Some(&l) if x - l <= COLUMN_TOL => {}
            _ => union.push(x),
        }
    }
    remap(a, &union);
    remap(&mut b, &union);
    let mut k = 0;
    while k + 1 < b.rows.len() {
        match (a.rows.get(k), b.rows.get(k)) {
            (Some(ra), Some(rb)) if same_row(ra, rb) => k += 1,
            _ => break,
        }
    }
    let mut rows: Vec<PRow> = b.rows.into_iter().skip(k).collect();
    if let Some(first) = rows.first_mut() {
        if rejoin_split_row(a, first) {
            rows.remove(0);
        } else {
            extend_vertical_merges(a, first);
        }
    }
    a.rows.extend(rows);
}

/// Same cells (columns, spans, texts) in the same order.
fn same_row(a: &PRow, b: &PRow) -> bool {
    a.cells.len() == b.cells.len()
        && a.cells.iter().zip(&b.cells).all(|(x, y)| {
            (x.col, x.col_span, x.row_span, &x.text) == (y.col, y.col_span, y.row_span, &y.text)
        })
}

/// For each owner cell whose region reaches the last row of `a`: (row, index in row).
fn bottom_owners(a: &PTable) -> Vec<(usize, usize)> {
    let last = a.rows.len().saturating_sub(1);
    let mut out = Vec::new();
    for (r, row) in a.rows.iter().enumerate() {
        for (i, c) in row.cells.iter().enumerate() {
            if r + c.row_span.max(1) > last {
                out.push((r, i));
            }
        }
    }
    out.sort_by_key(|&(r, i)| {
        a.rows
            .get(r)
            .and_then(|row| row.cells.get(i))
            .map(|c| c.col)
    });
    out
}

/// Rejoins `first` into the last row of `a` when it is the rest of a row split by the page
/// break; returns whether it did.
fn rejoin_split_row(a: &mut PTable, first: &PRow) -> bool {
    let Some(last) = a.rows.len().checked_sub(1) else {
        return false;
    };
    let owners = bottom_owners(a);
    if owners.len() != first.cells.len() {
        return false;
    }
    let mut any = false;
    for (&(r, i), b) in owners.iter().zip(&first.cells) {
        let Some(o) = a.rows.get(r).and_then(|row| row.cells.get(i)) else {
            return false;
        };
        if (o.col, o.col_span) != (b.col, b.col_span) {
            return false;
        }
        if b.text.trim().is_empty() {
            continue;
        }
        // Numbers do not wrap: a figure or a code at the top of the page starts a new row,
        // even when the row above ends flush right (numbers are right-aligned).
        if is_figure(&b.text) {
            return false;
        }
        // Text goes on only where the last row's own cell was cut at its right edge.
        let cut = o
            .slack
            .is_some_and(|s| s < first_token_em(b.text.trim()) + CELL_PADDING_EM);
        if r != last || o.text.trim().is_empty() || !cut {
            return false;
        }
        any = true;
    }
    if !any {
        return false;
    }
    for (&(r, i), b) in owners.iter().zip(&first.cells) {
        let Some(o) = a.rows.get_mut(r).and_then(|row| row.cells.get_mut(i)) else {
            continue;
        };
        if !b.text.trim().is_empty() {
            if ends_clause(&o.text) && starts_with_marker(&b.text) {
                o.text.push('\n');
                o.text.push_str(&b.text);
            } else {
                join_wrapped(&mut o.text, &b.text);
            }
            o.slack = b.slack;
        }
        o.row_span += b.row_span.max(1) - 1;
    }
    true
}

/// A cell that is one number (an amount, a code, a rate): digits with separators.
fn is_figure(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '%' | '，' | '．' | '％'))
}

/// Extends vertically merged cells of `a` over the leading empty cells of `first` that sit
/// under them (same columns).
fn extend_vertical_merges(a: &mut PTable, first: &mut PRow) {
    let owners = bottom_owners(a);
    let leading = first
        .cells
        .iter()
        .take_while(|c| c.text.trim().is_empty())
        .count();
    if leading == 0 || leading == first.cells.len() {
        return;
    }
    let mut absorbed = 0;
    for b in first.cells.iter().take(leading) {
        let target = owners.iter().find(|&&(r, i)| {
            a.rows
                .get(r)
                .and_then(|row| row.cells.get(i))
                .is_some_and(|o| {
                    (o.col, o.col_span) == (b.col, b.col_span) && !o.text.trim().is_empty()
                })
        });
        let Some(&(r, i)) = target else { break };
        if let Some(o) = a.rows.get_mut(r).and_then(|row| row.cells.get_mut(i)) {
            o.row_span += b.row_span.max(1);
            absorbed += 1;
        }
    }
    first.cells.drain(..absorbed);
}

/// Re-expresses a table's columns on a finer set of boundaries.
fn remap(t: &mut PTable, union: &[f32]) {
    let index = |x: f32| -> usize {
        union
            .iter()
            .enumerate()
            .min_by(|p, q| (p.1 - x).abs().total_cmp(&(q.1 - x).abs()))
            .map_or(0, |(i, _)| i)
    };
    let map: Vec<usize> = t.xs.iter().map(|&x| index(x)).collect();
    for row in &mut t.rows {
        for c in &mut row.cells {
            let (Some(&start), Some(&end)) = (map.get(c.col), map.get(c.col + c.col_span)) else {
                continue;
            };
            c.col = start;
            c.col_span = end.saturating_sub(start).max(1);
        }
    }
    t.xs = union.to_vec();
}
