//! Generic tables (anything that is not a 绩效自评表): a fact for every numeric cell, so that
//! one facts list is the complete dataset of a document.
//!
//! Conservative by construction: only cells whose whole text is one quantity are read
//! (see [`super::cell`]); the label is "<row label>/<column header>", where the row label is
//! the row's first non-numeric cell and the header is the nearest header row above (a row
//! with at least two text cells and no numbers) that has text over the cell's column.
//! Numbers under identifier columns (编码, 序号, 行次 …) are not values and are not read.
//! Amounts need a stated unit (in the cell, its header's "（万元）", or a "单位：万元" cell of
//! the table); a number without one is a count.

use super::cell::{is_blank, parse_qty, unit_in, Qty};
use super::vocab::Vocab;
use super::{label_text, loc_at, push_qty, FactCtx, GridRow};
use crate::document::{DocWarning, Location};
use crate::extract::{Extraction, FactKind};

/// True when a cell reads as a quantity (number or date).
fn is_value(text: &str, vocab: &Vocab) -> bool {
    parse_qty(text, vocab).is_some()
}

/// The row label: the first text cell that is not a quantity.
fn row_label(row: &GridRow, vocab: &Vocab) -> String {
    row.texts()
        .find(|s| !is_value(&s.text, vocab) && !is_blank(&s.text))
        .map(|s| label_text(&s.text))
        .unwrap_or_default()
}

/// Reads a generic table.
pub(crate) fn read(rows: &[GridRow], base: &Location, vocab: &Vocab, ex: &mut Extraction) {
    let table_unit = rows
        .iter()
        .flat_map(|r| r.texts())
        .find_map(|s| unit_in(&s.text))
        .unwrap_or("");
    if let Some(marker) = rows
        .iter()
        .flat_map(|r| r.texts())
        .find(|s| vocab.indicators.markers.contains(&s.text))
    {
        ex.warnings.push(DocWarning::new(
            "table.header_unrecognised",
            format!(
                "table in block {} looks like part of a 绩效自评表 ({}) but has no recognised header row; its numbers are read as a generic table",
                base.block, marker.text
            ),
        ));
    }
    // Header rows seen so far, nearest last.
    let mut headers: Vec<&GridRow> = Vec::new();
    for row in rows {
        let has_value = row.texts().any(|s| is_value(&s.text, vocab));
        if !has_value {
            if row.texts().count() >= 2 {
                headers.push(row);
            }
            continue;
        }
        let label = row_label(row, vocab);
        for slot in row.texts() {
            let Some(qty) = parse_qty(&slot.text, vocab) else {
                continue;
            };
            let header = headers
                .iter()
                .rev()
                .find_map(|h| {
                    h.slots.iter().find(|s| {
                        !s.text.is_empty() && s.col <= slot.col && slot.col < s.col + s.span
                    })
                })
                .map(|s| s.text.as_str())
                .unwrap_or("");
            if vocab
                .generic
                .non_value_headers
                .iter()
                .any(|w| header.contains(w.as_str()))
            {
                continue;
            }
            let unit = unit_in(header).unwrap_or(table_unit);
            push_generic(
                ex,
                &qty,
                &label,
                header,
                unit,
                &slot.text,
                loc_at(base, row, Some(slot.col)),
                None,
            );
        }
    }
}

/// Reads the numeric cells of one row inside a 绩效自评表 that belongs to no section, with
/// the current section's column names as headers.
pub(crate) fn read_row(
    row: &GridRow,
    names: &[(usize, usize, String)],
    unit: &str,
    base: &Location,
    project: Option<&str>,
    vocab: &Vocab,
    ex: &mut Extraction,
) {
    let label = row_label(row, vocab);
    for slot in row.texts() {
        let Some(qty) = parse_qty(&slot.text, vocab) else {
            continue;
        };
        let header = names
            .iter()
            .find(|(s, e, _)| *s <= slot.col && slot.col < *e)
            .map_or("", |(_, _, h)| h.as_str());
        push_generic(
            ex,
            &qty,
            &label,
            header,
            unit,
            &slot.text,
            loc_at(base, row, Some(slot.col)),
            project,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn push_generic(
    ex: &mut Extraction,
    qty: &Qty,
    row_label: &str,
    header: &str,
    unit: &str,
    quote: &str,
    location: Location,
    project: Option<&str>,
) {
    let header = label_text(header);
    let label = match (row_label.is_empty(), header.is_empty()) {
        (false, false) => format!("{row_label}/{header}"),
        (false, true) => row_label.to_string(),
        (true, _) => header,
    };
    // A bare number is an amount only under a stated money unit.
    let kind = match qty {
        Qty::Num { unit: u, .. } if u.is_empty() && !unit.is_empty() => Some(FactKind::Amount),
        _ => None,
    };
    push_qty(
        ex,
        qty,
        kind,
        unit,
        FactCtx {
            label,
            quote,
            location,
            project,
        },
    );
}
