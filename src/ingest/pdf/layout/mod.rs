//! Layout: positioned glyphs and ruling segments → the document model (paragraphs and
//! tables in reading order, with page numbers).
//!
//! The phases, in [`build`]'s order:
//! 1. per page, ruled tables are found from the segments ([`tables`]) and each glyph whose
//!    centre lies in a table goes to that table's cell; the cell's glyphs become lines and
//!    the lines one cell text ([`paragraphs::cell_text`]);
//! 2. the remaining glyphs become lines ([`lines`]);
//! 3. running headers, footers and page numbers are dropped ([`furniture`]);
//! 4. unruled tables are looked for among the remaining lines ([`unruled`]);
//! 5. lines and tables are walked top to bottom, page after page: lines are joined into
//!    paragraphs ([`paragraphs::breaks`]), and a table that opens a page (a "续表" mark
//!    aside) is joined to the table that closed the previous page when their columns agree
//!    (`continued`: a repeated header row is dropped only when identical to the first
//!    part's; a row split by the page break is rejoined; a merged row label cut by it is
//!    extended).
//!
//! The only warning layout adds is `pdf.too_many_rules` (a page whose rules exceed
//! [`tables::MAX_RULES`] is read as text). Layout never fails: whatever the input, it
//! returns a document.
//!
//! Reading order is top to bottom: two-column pages are rare in these documents.
//! Every phase is a sort and a sweep over a page's glyphs, lines or rules; the only
//! pairwise work is between rules of one page (capped) and between glyphs and the few
//! tables of one page.

mod continued;
pub mod furniture;
pub mod lines;
pub mod paragraphs;
pub mod tables;
pub mod unruled;

use super::content::{Glyph, PageContent};
use crate::document::{Cell, DocWarning, Document, Row, Table};
use lines::Line;
use paragraphs::PageStats;

/// A cell of a table under construction.
#[derive(Debug, Clone, PartialEq)]
struct PCell {
    col: usize,
    col_span: usize,
    row_span: usize,
    text: String,
    /// The room left after the text's last line, in em of its font size: a wrap leaves
    /// less room than the next token needs (a row split over a page break).
    slack: Option<f32>,
    /// How far the first line starts right of the cell's left rule, in tenths of an em.
    indent: Option<u16>,
}

/// A row of a table under construction.
#[derive(Debug, Clone, PartialEq)]
struct PRow {
    page: u32,
    cells: Vec<PCell>,
}

/// A table under construction: column boundaries in page coordinates and rows.
#[derive(Debug, Clone, PartialEq)]
struct PTable {
    xs: Vec<f32>,
    rows: Vec<PRow>,
    /// Top edge (for ordering with the page's lines).
    top: f32,
    /// Bottom edge.
    bottom: f32,
}

/// A line or a table, in reading order.
#[derive(Debug, Clone)]
enum Item {
    Line(Line),
    Table(PTable),
}

/// One page after phases 1–4.
struct PageItems {
    number: u32,
    stats: PageStats,
    items: Vec<Item>,
}

/// Builds the document model from interpreted pages.
pub fn build(pages: &[PageContent]) -> Document {
    // Phases 1–2.
    let mut warnings = Vec::new();
    let mut analysed: Vec<(Vec<PTable>, Vec<Line>)> = pages
        .iter()
        .map(|p| {
            crate::deadline::check();
            analyse_page(p, &mut warnings)
        })
        .collect();
    // Phase 3.
    let furniture = {
        let views: Vec<furniture::PageLines<'_>> = pages
            .iter()
            .zip(&analysed)
            .map(|(p, (tables, lines))| furniture::PageLines {
                height: p.height,
                lines,
                table_bottom: tables.iter().map(|t| t.bottom).min_by(f32::total_cmp),
                table_top: tables.iter().map(|t| t.top).max_by(f32::total_cmp),
            })
            .collect();
        furniture::find(&views)
    };
    for ((_, lines), drop) in analysed.iter_mut().zip(&furniture) {
        let mut i = 0;
        lines.retain(|_| {
            let keep = !drop.contains(&i);
            i += 1;
            keep
        });
    }
    // Phase 4, and the page's items in reading order.
    let mut paged: Vec<PageItems> = Vec::with_capacity(pages.len());
    for (page, (ruled, lines)) in pages.iter().zip(analysed) {
        let found = unruled::find(&lines);
        let mut items: Vec<(f32, Item)> = Vec::new();
        let mut next = 0;
        for u in found {
            for l in lines.get(next..u.start).unwrap_or(&[]) {
                items.push((l.y, Item::Line(l.clone())));
            }
            let top = lines.get(u.start).map_or(0.0, Line::top);
            let bottom = lines.get(u.end.saturating_sub(1)).map_or(0.0, |l| l.y);
            let rows = u
                .rows
                .into_iter()
                .map(|cells| PRow {
                    page: page.number,
                    cells: cells
                        .into_iter()
                        .map(|(col, text)| PCell {
                            col,
                            col_span: 1,
                            row_span: 1,
                            text,
                            slack: None,
                            indent: None,
                        })
                        .collect(),
                })
                .collect();
            items.push((
                top,
                Item::Table(PTable {
                    xs: u.xs,
                    rows,
                    top,
                    bottom,
                }),
            ));
            next = u.end;
        }
        for l in lines.get(next..).unwrap_or(&[]) {
            items.push((l.y, Item::Line(l.clone())));
        }
        for t in ruled {
            items.push((t.top, Item::Table(t)));
        }
        items.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut items: Vec<Item> = items.into_iter().map(|(_, i)| i).collect();
        drop_continuation_mark(&mut items);
        paged.push(PageItems {
            number: page.number,
            stats: PageStats::default(),
            items,
        });
    }
    compute_stats(&mut paged);
    let indent = {
        let view: Vec<(PageStats, Vec<&Line>)> = paged
            .iter()
            .map(|p| (p.stats, body_lines(&p.items)))
            .collect();
        paragraphs::indent_style(&view)
    };
    // Phase 5.
    let mut doc = assemble(&paged, indent);
    doc.pages = Some(pages.len() as u32);
    doc.warnings = warnings;
    doc
}

/// Drops a "续表" (table continued) line that opens a page right above a table: it only
/// says what joining the table to its first part does.
fn drop_continuation_mark(items: &mut Vec<Item>) {
    let is_mark = |i: &Item| match i {
        Item::Line(l) => {
            let t: String = l
                .text
                .chars()
                .filter(|c| !c.is_whitespace() && !"()（）:：".contains(*c))
                .collect();
            // The page furniture of a continued table, dropped before any pattern set is read.
            matches!(t.as_str(), "续表" | "续上表" | "续")
        }
        Item::Table(_) => false,
    };
    if items.first().is_some_and(is_mark) && matches!(items.get(1), Some(Item::Table(_))) {
        items.remove(0);
    }
}

/// The lines among a page's items.
fn body_lines(items: &[Item]) -> Vec<&Line> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            Item::Table(_) => None,
        })
        .collect()
}

/// Margins and pitch per page, pages with too few lines falling back to the page with the
/// most lines.
fn compute_stats(paged: &mut [PageItems]) {
    let fallback = paged
        .iter()
        .max_by_key(|p| body_lines(&p.items).len())
        .map(|p| paragraphs::page_stats(&body_lines(&p.items), None));
    for p in paged.iter_mut() {
        p.stats = paragraphs::page_stats(&body_lines(&p.items), fallback);
    }
}

/// Phases 1–2 for one page: ruled tables with their cell texts, and the other lines.
fn analyse_page(page: &PageContent, warnings: &mut Vec<DocWarning>) -> (Vec<PTable>, Vec<Line>) {
    let grids = match tables::find_grids(&page.segments, page.width, page.height) {
        Ok(grids) => grids,
        Err(n) => {
            warnings.push(DocWarning::on_page(
                "pdf.too_many_rules",
                page.number,
                format!(
                    "page {}: {n} ruling lines (more than {}); tables on this page read as text",
                    page.number,
                    tables::MAX_RULES
                ),
            ));
            Vec::new()
        }
    };
    let mut per_cell: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut free: Vec<&Glyph> = Vec::new();
    for g in &page.glyphs {
        let (cx, cy) = (g.x + g.width / 2.0, g.y + 0.35 * g.size);
        let hit = grids
            .iter()
            .enumerate()
            .find_map(|(ti, grid)| grid.cell_at(cx, cy).map(|ci| (ti, ci)));
        match hit.and_then(|(ti, ci)| per_cell.get_mut(ti).and_then(|t| t.get_mut(ci))) {
            Some(cell) => cell.push(g),
            None => free.push(g),
        }
    }
    let tables = grids
        .iter()
        .zip(per_cell)
        .map(|(grid, cells)| {
            let mut rows: Vec<PRow> = (0..grid.rows())
                .map(|_| PRow {
                    page: page.number,
                    cells: Vec::new(),
                })
                .collect();
            for (gc, glyphs) in grid.cells.iter().zip(cells) {
                let lines = lines::build_lines(&glyphs);
                let text = paragraphs::cell_text(&lines);
                let right = grid.xs.get(gc.col + gc.col_span).copied().unwrap_or(0.0);
                let slack = lines.last().map(|l| (right - l.x1) / l.size.max(0.1));
                let indent = lines
                    .first()
                    .and_then(|l| cell_indent(&glyphs, l, grid.xs.get(gc.col).copied()?));
                if let Some(row) = rows.get_mut(gc.row) {
                    row.cells.push(PCell {
                        col: gc.col,
                        col_span: gc.col_span,
                        row_span: gc.row_span,
                        text,
                        slack,
                        indent,
                    });
                }
            }
            PTable {
                xs: grid.xs.clone(),
                rows,
                top: grid.ys.first().copied().unwrap_or(0.0),
                bottom: grid.ys.last().copied().unwrap_or(0.0),
            }
        })
        .collect();
    (tables, lines::build_lines(&free))
}

/// How far a cell's first line starts right of the cell's left rule, in tenths of an em:
/// from its first visible glyph (a leading space may be drawn as an invisible glyph).
fn cell_indent(glyphs: &[&Glyph], first: &Line, left: f32) -> Option<u16> {
    let size = first.size.max(0.1);
    let x = glyphs
        .iter()
        .filter(|g| (g.y - first.y).abs() <= 0.3 * size && !g.text.trim().is_empty())
        .map(|g| g.x)
        .fold(f32::INFINITY, f32::min);
    let em = (x - left) / size;
    (em.is_finite() && em >= 0.0).then(|| (em * 10.0).round().min(10_000.0) as u16)
}

/// A block under construction.
enum Pending {
    Para {
        text: String,
        /// Page of the first line.
        page: u32,
        /// Page of the last line.
        last_page: u32,
        /// Byte offsets in `text` where a later page's lines begin.
        page_starts: Vec<(usize, u32)>,
        last: Line,
        stats: PageStats,
    },
    Table(PTable),
}

/// Phase 5: walks the pages' items into blocks.
fn assemble(paged: &[PageItems], indent: bool) -> Document {
    let mut blocks: Vec<Pending> = Vec::new();
    for p in paged {
        for item in &p.items {
            match item {
                Item::Line(l) => {
                    if let Some(Pending::Para {
                        text,
                        last_page,
                        page_starts,
                        last,
                        stats,
                        ..
                    }) = blocks.last_mut()
                    {
                        let same_page = *last_page == p.number;
                        if !paragraphs::breaks(last, stats, l, &p.stats, same_page, indent) {
                            if !same_page {
                                page_starts.push((text.len(), p.number));
                            }
                            lines::join_wrapped(text, &l.text);
                            *last = l.clone();
                            *stats = p.stats;
                            *last_page = p.number;
                            continue;
                        }
                    }
                    blocks.push(Pending::Para {
                        text: l.text.clone(),
                        page: p.number,
                        last_page: p.number,
                        page_starts: Vec::new(),
                        last: l.clone(),
                        stats: p.stats,
                    });
                }
                Item::Table(t) => {
                    if let Some(Pending::Table(prev)) = blocks.last_mut() {
                        let last_page = prev.rows.last().map_or(0, |r| r.page);
                        let first_page = t.rows.first().map_or(0, |r| r.page);
                        if first_page == last_page + 1 && continued::compatible(&prev.xs, &t.xs) {
                            continued::join(prev, t.clone());
                            continue;
                        }
                    }
                    blocks.push(Pending::Table(t.clone()));
                }
            }
        }
    }
    let mut doc = Document::default();
    for b in blocks {
        match b {
            Pending::Para {
                text,
                page,
                page_starts,
                ..
            } => {
                let b = doc.push_paragraph(text, Some(page), None);
                if let Some(crate::document::BlockKind::Paragraph(para)) =
                    doc.blocks.get_mut(b).map(|b| &mut b.kind)
                {
                    para.page_starts = page_starts;
                }
            }
            Pending::Table(t) => {
                let page = t.rows.first().map(|r| r.page);
                doc.push_table(to_table(t), page, None);
            }
        }
    }
    doc
}

/// Converts a finished table to the document model, filling merged slots.
fn to_table(t: PTable) -> Table {
    let mut table = Table {
        rows: t
            .rows
            .into_iter()
            .map(|r| Row {
                cells: r
                    .cells
                    .into_iter()
                    .map(|c| {
                        let mut cell = Cell::new(c.col, c.text);
                        cell.indent = c.indent;
                        cell.row_span = u32::try_from(c.row_span).unwrap_or(1);
                        cell.col_span = u32::try_from(c.col_span).unwrap_or(1);
                        cell
                    })
                    .collect(),
                page: Some(r.page),
                line: None,
            })
            .collect(),
    };
    table.fill_merged();
    table
}
