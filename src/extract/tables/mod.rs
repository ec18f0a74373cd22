//! Table extraction: 绩效自评表 (funds rows, indicator rows, 总分, 年度总体目标, and the
//! statements they assert) and a fact for every numeric cell of any other table.
//!
//! Every table is first laid on a column grid ([`grid`]), so that a DOCX/PDF table with real
//! spans and a flattened text table of the same content read the same:
//! - a merged region counts once, at its owner; continuation slots read as empty (they only
//!   matter for "fill down" of tree labels, where empty and continuation mean the same);
//! - the text ingest loses gridSpan, so in a table with no spans at all a row with k fewer
//!   cells than the widest row is aligned by widening its FIRST cell over k+1 columns
//!   ("总分 | 100 | | | | 100.00分" puts 100 under 权重 and 100.00分 under 指标得分).
//!
//! Columns are found by header vocabulary (patterns/tables.toml), never by position; a value
//! cell belongs to the header column it overlaps most (Word grids often do not line up), and
//! cells left of the first header column are row labels.
//! Then [`perf`] reads 绩效自评表 segments (a block may hold several, split at title rows)
//! with [`rows`] for the rows under a header,
//! [`relations`] turns what was read into statements, and [`generic`] reads other tables.

mod cell;
mod generic;
mod perf;
mod relations;
mod rows;
mod vocab;

pub use vocab::{Comparators, QuantityWords, Relation};

use super::{Extraction, Fact, FactKind};
use crate::document::{DocWarning, Location, Table};
use crate::number::{MoneyUnit, Number};
use crate::patterns::PatternSet;
use cell::Qty;

/// One grid slot of a row: a cell (owner) or a continuation of a merged cell.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    /// First grid column.
    pub col: usize,
    /// Grid columns covered (≥ 1).
    pub span: usize,
    /// Trimmed text (a continuation repeats its owner's text).
    pub text: String,
    /// True for a continuation slot of a merged region.
    pub cont: bool,
    /// The cell's indent in tenths of an em, where known ([`crate::document::Cell::indent`]).
    pub indent: Option<u16>,
    /// The text as a header ([`vocab::norm_header`]), computed on first use: a header row
    /// is matched against a dozen vocabulary lists, and a table's rows several times.
    norm: std::cell::OnceCell<String>,
}

impl Slot {
    /// A slot with `text` (already trimmed).
    pub(crate) fn new(col: usize, span: usize, text: String, cont: bool) -> Slot {
        Slot {
            col,
            span,
            text,
            cont,
            indent: None,
            norm: std::cell::OnceCell::new(),
        }
    }

    /// True for an owner cell with text.
    pub(crate) fn is_owned_text(&self) -> bool {
        !self.cont && !self.text.is_empty()
    }

    /// The normalised header text; empty for text longer than the longest title (prose).
    pub(crate) fn norm(&self) -> &str {
        self.norm.get_or_init(|| {
            if self.text.len() > vocab::MAX_TITLE_BYTES {
                String::new()
            } else {
                vocab::norm_header(&self.text)
            }
        })
    }

    /// The normalised text as a column header or row label; empty for text longer than
    /// the longest the vocabulary matches.
    pub(crate) fn header(&self) -> &str {
        if self.text.len() > vocab::MAX_HEADER_BYTES {
            ""
        } else {
            self.norm()
        }
    }

    /// True when `list` (normalised at load) holds this slot's text as a header.
    pub(crate) fn is_one_of(&self, list: &[String]) -> bool {
        vocab::in_list(list, self.header())
    }
}

/// One row laid on the grid.
#[derive(Debug, Clone)]
pub(crate) struct GridRow {
    /// Row index in the table.
    pub index: usize,
    /// Slots by column.
    pub slots: Vec<Slot>,
    /// Source line, where known.
    pub line: Option<u32>,
    /// Page, where known.
    pub page: Option<u32>,
}

impl GridRow {
    /// The first owner slot whose first column lies in `[start, end)`.
    pub(crate) fn owner_in(&self, start: usize, end: usize) -> Option<&Slot> {
        self.slots
            .iter()
            .find(|s| !s.cont && s.col >= start && s.col < end)
    }

    /// The row as a quote: owner texts that are not empty, joined with " | ".
    pub(crate) fn quote(&self) -> String {
        self.slots
            .iter()
            .filter(|s| s.is_owned_text())
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// Owner slots with text.
    pub(crate) fn texts(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(|s| s.is_owned_text())
    }
}

/// Lays a table on its column grid (see the module doc for the flattened-row rule).
pub(crate) fn grid(table: &Table) -> Vec<GridRow> {
    let flat = table.rows.iter().all(|r| {
        r.cells
            .iter()
            .all(|c| c.row_span <= 1 && c.col_span <= 1 && c.merged_from.is_none())
    });
    let width = table.width();
    table
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let mut slots: Vec<Slot> = if flat {
                let k = width.saturating_sub(row.cells.len());
                row.cells
                    .iter()
                    .enumerate()
                    .map(|(j, c)| Slot {
                        indent: c.indent,
                        ..Slot::new(
                            if j == 0 { 0 } else { j + k },
                            if j == 0 { k + 1 } else { 1 },
                            c.text.trim().to_string(),
                            false,
                        )
                    })
                    .collect()
            } else {
                row.cells
                    .iter()
                    .map(|c| Slot {
                        indent: c.indent,
                        ..Slot::new(
                            c.col,
                            c.col_span.max(1) as usize,
                            c.text.trim().to_string(),
                            c.is_continuation(),
                        )
                    })
                    .collect()
            };
            slots.sort_by_key(|s| s.col);
            GridRow {
                index,
                slots,
                line: row.line,
                page: row.page,
            }
        })
        .collect()
}

/// Where a row (and optionally a grid column) is.
pub(crate) fn loc_at(base: &Location, row: &GridRow, col: Option<usize>) -> Location {
    Location {
        page: row.page.or(base.page),
        block: base.block,
        row: Some(row.index),
        col,
        line: row.line.or(base.line),
        ..Location::default()
    }
}

/// What a new fact needs besides its number.
pub(crate) struct FactCtx<'a> {
    /// Label ("年度资金总额/全年执行数").
    pub label: String,
    /// The cell text.
    pub quote: &'a str,
    /// Where.
    pub location: Location,
    /// The 绩效自评表 project, if any.
    pub project: Option<&'a str>,
}

/// Pushes a fact for a quantity. `kind` overrides the kind implied by the unit; `fallback_unit`
/// is used when the cell prints no unit (the column's "（万元）").
pub(crate) fn push_qty(
    ex: &mut Extraction,
    qty: &Qty,
    kind: Option<FactKind>,
    fallback_unit: &str,
    ctx: FactCtx<'_>,
) -> usize {
    match qty {
        Qty::Date { ymd, stated } => ex.push_fact(Fact {
            id: String::new(),
            label: ctx.label,
            concept: None,
            kind: FactKind::Date,
            value: rust_decimal::Decimal::from(*ymd),
            stated: stated.clone(),
            decimals: 0,
            unit: String::new(),
            value_wan: None,
            project: ctx.project.map(str::to_string),
            quote: ctx.quote.to_string(),
            location: ctx.location,
            cell: None,
        }),
        Qty::Num { number, unit } => {
            let unit = if unit.is_empty() { fallback_unit } else { unit };
            let kind = kind.unwrap_or_else(|| cell::kind_of_unit(unit));
            push_number(ex, number, kind, unit, ctx)
        }
    }
}

/// Pushes a fact for a number with a known kind and unit.
pub(crate) fn push_number(
    ex: &mut Extraction,
    number: &Number,
    kind: FactKind,
    unit: &str,
    ctx: FactCtx<'_>,
) -> usize {
    let value_wan = match (kind, MoneyUnit::parse(unit)) {
        (FactKind::Amount, Some(u)) if !unit.is_empty() => u.to_wan(number.value),
        _ => None,
    };
    ex.push_fact(Fact {
        id: String::new(),
        label: ctx.label,
        concept: None,
        kind,
        value: number.value,
        stated: number.stated.clone(),
        decimals: number.decimals,
        unit: unit.to_string(),
        value_wan,
        project: ctx.project.map(str::to_string),
        quote: ctx.quote.to_string(),
        location: ctx.location,
        cell: None,
    })
}

/// A label part: whitespace (including wraps inside a cell) removed.
pub(crate) fn label_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join("")
}

/// Whether the top-level keys of a tables.toml (`--patterns DIR`) are a table vocabulary;
/// the error names the file and the cause.
pub(crate) fn check_vocabulary(table: toml::Table) -> Result<(), String> {
    vocab::Vocab::from_table(table).map(|_| ())
}

/// The words around a quantity in a cell (comparators, unit and date suffixes) with the
/// relation each states: those of a tables.toml among `patterns` (`--patterns DIR`), else the
/// built-in ones. The performance rules read 目标值/业绩值 cells with the same words the cell
/// reader accepts.
pub fn quantity_words(patterns: Option<&PatternSet>) -> QuantityWords {
    let loaded = patterns
        .and_then(|p| p.file("tables.toml"))
        .and_then(|f| vocab::Vocab::from_table(f.extra.clone()).ok());
    match loaded {
        Some(v) => v.words,
        None => vocab::builtin()
            .map(|v| v.words.clone())
            .unwrap_or_default(),
    }
}

/// Extracts facts, statements and performance tables from one table block.
pub fn extract_table(
    table: &Table,
    location: &Location,
    patterns: &PatternSet,
    ex: &mut Extraction,
) {
    // A tables.toml among the loaded pattern files (`--patterns DIR`) replaces the built-in
    // vocabulary; a broken one is reported and the built-in one is used.
    let loaded = patterns
        .files
        .iter()
        .find(|f| f.name == "tables.toml")
        .map(|f| vocab::Vocab::from_table(f.extra.clone()));
    let owned;
    let vocab: &vocab::Vocab =
        match (loaded, vocab::builtin()) {
            (Some(Ok(v)), _) => {
                owned = v;
                &owned
            }
            (Some(Err(e)), Ok(v)) => {
                if !ex.warnings.iter().any(|w| w.code == "table.vocabulary") {
                    ex.warnings.push(DocWarning::new(
                "table.vocabulary",
                format!("failed to load tables.toml ({e}); the built-in table vocabulary is used"),
                ));
                }
                v
            }
            (None, Ok(v)) => v,
            (_, Err(e)) => {
                ex.warnings.push(DocWarning::new(
                    "table.vocabulary",
                    format!(
                        "failed to load the table vocabulary ({e}); table in block {} not read",
                        location.block
                    ),
                ));
                return;
            }
        };
    let rows = grid(table);
    let segments = perf::segments(&rows, vocab);
    if segments.is_empty() {
        generic::read(&rows, location, vocab, ex);
        return;
    }
    for seg in segments {
        match seg {
            perf::Segment::Perf(range) => {
                perf::read(&rows[range], location, vocab, patterns, ex);
            }
            perf::Segment::Other(range) => generic::read(&rows[range], location, vocab, ex),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Cell, Row};

    fn row(texts: &[&str]) -> Row {
        Row {
            cells: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Cell::new(i, *t))
                .collect(),
            ..Row::default()
        }
    }

    // A short flattened row widens its first cell: 总分's numbers land under their headers.
    #[test]
    fn short_rows_widen_their_first_cell() {
        let t = Table {
            rows: vec![
                row(&[
                    "",
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "权重",
                    "目标值",
                    "指标得分",
                ]),
                row(&["总分", "100", "", "98.75分"]),
            ],
        };
        let g = grid(&t);
        assert_eq!(g[1].slots[0].span, 4);
        assert_eq!(g[1].owner_in(4, 5).map(|s| s.text.as_str()), Some("100"));
        assert_eq!(
            g[1].owner_in(6, 7).map(|s| s.text.as_str()),
            Some("98.75分")
        );
        assert_eq!(g[1].quote(), "总分 | 100 | 98.75分");
    }
}
