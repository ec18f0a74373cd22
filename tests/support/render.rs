//! Renders a crossfoot [`Document`] as a real DOCX (docx-rs), for the corpus renditions
//! (`examples/gen_corpus.rs`) and for DOCX test fixtures.
//!
//! Shared by the example and by tests through `#[path]`, so it is a plain module file and
//! not every caller uses every function (hence `allow(dead_code)`).
//!
//! Two ways to lay a table out:
//! - [`plan_from_flat`]: the table came from flattened text (a cell per tab-led line) and has
//!   no spans. Merges are *inferred*: with W the widest row's cell count, a row of n < W
//!   cells widens its FIRST cell to span W−n+1 grid columns (so the last cells stay under
//!   their headers); an empty cell in the leading run of empty cells of its row, directly
//!   below a non-empty or merged cell of a row with the same cell count, continues that cell
//!   vertically (vMerge). This is the "first cell widened" alignment that the DOCX/text
//!   equivalence test applies to the text ingest.
//! - [`plan_from_spans`]: the table already carries `col`/`col_span`/`row_span` (e.g. built
//!   by a synthetic-corpus generator); spans are rendered as they are.
//!
//! Wide tables (10+ grid columns) go into landscape sections so a 14-column 绩效自评表 stays
//! legible in the PDF rendition; column widths follow the text lengths of unmerged cells.

#![allow(dead_code)]

use crossfoot::document::{BlockKind, Document, Table};
use docx_rs::{
    Docx, PageMargin, PageOrientationType, PageSize, Paragraph, Run, RunFonts, SectionProperty,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VMergeType, WidthType,
};

/// A4 portrait width and height in twips.
const A4_SHORT: u32 = 11906;
/// A4 long side in twips.
const A4_LONG: u32 = 16838;
/// Page margin on every side in twips (1.5 cm).
const MARGIN: u32 = 850;
/// Tables at least this many grid columns wide are put on landscape pages.
const LANDSCAPE_COLS: usize = 10;
/// Body text size in half-points (10.5 pt, 五号).
const BODY_SIZE: usize = 21;
/// Table text size in half-points (9 pt, 小五).
const TABLE_SIZE: usize = 18;
/// Table text size for landscape (wide) tables in half-points (8 pt).
const WIDE_TABLE_SIZE: usize = 16;

/// How a planned cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VMerge {
    /// Not vertically merged.
    No,
    /// Starts a vertical merge (owner).
    Restart,
    /// Continues the vertical merge of the cell above.
    Continue,
}

/// One `w:tc` to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCell {
    /// Text; '\n' separates paragraphs.
    pub text: String,
    /// First grid column.
    pub col: usize,
    /// gridSpan.
    pub span: usize,
    /// vMerge role.
    pub vmerge: VMerge,
}

/// A table laid out on a grid, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePlan {
    /// Number of grid columns.
    pub width: usize,
    /// Rows of cells, left to right.
    pub rows: Vec<Vec<PlannedCell>>,
}

/// The "first cell widened" alignment: (grid col, span) of each of a row's `n` cells on a
/// grid `w` columns wide.
pub fn first_cell_widened(n: usize, w: usize) -> Vec<(usize, usize)> {
    if n == 0 {
        return Vec::new();
    }
    let w = w.max(n);
    let mut out = vec![(0, w - n + 1)];
    out.extend((1..n).map(|i| (w - n + i, 1)));
    out
}

/// Plans a table read from flattened text (no spans), inferring merges (see module doc).
pub fn plan_from_flat(table: &Table) -> TablePlan {
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut rows: Vec<Vec<PlannedCell>> = Vec::with_capacity(table.rows.len());
    for (r, row) in table.rows.iter().enumerate() {
        let layout = first_cell_widened(row.cells.len(), width);
        let above = r
            .checked_sub(1)
            .and_then(|p| rows.get(p))
            .filter(|a| a.len() == row.cells.len());
        let mut leading = true;
        let mut planned = Vec::with_capacity(row.cells.len());
        for (i, (cell, (col, span))) in row.cells.iter().zip(layout).enumerate() {
            let empty = cell.text.trim().is_empty();
            leading &= empty;
            let continues = leading
                && above
                    .and_then(|a| a.get(i))
                    .is_some_and(|up| !up.text.is_empty() || up.vmerge == VMerge::Continue);
            planned.push(PlannedCell {
                // Leading spaces stay: they indent a name by its level.
                text: cell.text.trim_end().to_string(),
                col,
                span,
                vmerge: if continues {
                    VMerge::Continue
                } else {
                    VMerge::No
                },
            });
        }
        // A cell continued by this row starts (or already continues) a merge.
        if let Some(prev) = r.checked_sub(1).and_then(|p| rows.get_mut(p)) {
            for (i, c) in planned.iter().enumerate() {
                if c.vmerge == VMerge::Continue {
                    if let Some(up) = prev.get_mut(i) {
                        if up.vmerge == VMerge::No {
                            up.vmerge = VMerge::Restart;
                        }
                    }
                }
            }
        }
        rows.push(planned);
    }
    TablePlan { width, rows }
}

/// Plans a table that already carries spans (owners with `col_span`/`row_span`, covered
/// slots absent or marked `merged_from`). Gaps in a row are filled with empty cells.
pub fn plan_from_spans(table: &Table) -> TablePlan {
    let width = table.width();
    let mut rows = Vec::with_capacity(table.rows.len());
    for (r, row) in table.rows.iter().enumerate() {
        let mut cells: Vec<&crossfoot::document::Cell> = row.cells.iter().collect();
        cells.sort_by_key(|c| c.col);
        let mut planned: Vec<PlannedCell> = Vec::new();
        let mut next_col = 0;
        for cell in cells {
            if cell.col < next_col {
                continue; // covered by a horizontal span already written
            }
            while next_col < cell.col {
                planned.push(PlannedCell {
                    text: String::new(),
                    col: next_col,
                    span: 1,
                    vmerge: VMerge::No,
                });
                next_col += 1;
            }
            let (text, span, vmerge) = match cell.merged_from {
                Some((or, oc)) if or < r && oc == cell.col => {
                    let owner_span = table
                        .rows
                        .get(or)
                        .and_then(|o| o.cells.iter().find(|c| c.col == oc))
                        .map_or(1, |o| o.col_span.max(1) as usize);
                    (String::new(), owner_span, VMerge::Continue)
                }
                Some(_) => continue, // a slot inside someone else's horizontal span
                None => (
                    cell.text.clone(),
                    cell.col_span.max(1) as usize,
                    if cell.row_span > 1 {
                        VMerge::Restart
                    } else {
                        VMerge::No
                    },
                ),
            };
            planned.push(PlannedCell {
                text,
                col: cell.col,
                span,
                vmerge,
            });
            next_col = cell.col + span;
        }
        rows.push(planned);
    }
    TablePlan { width, rows }
}

/// Plans a table: from its spans if it has any, otherwise by inference from flat text.
pub fn plan(table: &Table) -> TablePlan {
    let has_spans = table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.col_span > 1 || c.row_span > 1 || c.merged_from.is_some())
        || table
            .rows
            .iter()
            .any(|r| r.cells.iter().enumerate().any(|(i, c)| c.col != i));
    if has_spans {
        plan_from_spans(table)
    } else {
        plan_from_flat(table)
    }
}

/// Display width of a line in half-em units (CJK 2, ASCII 1).
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Grid column widths (twips) summing to `total`, from the text of single-span cells.
pub fn column_widths(plan: &TablePlan, total: u32) -> Vec<usize> {
    let mut weight = vec![6usize; plan.width];
    for cell in plan.rows.iter().flatten().filter(|c| c.span == 1) {
        let longest = cell.text.lines().map(display_width).max().unwrap_or(0);
        if let Some(w) = weight.get_mut(cell.col) {
            *w = (*w).max(longest.clamp(6, 24));
        }
    }
    let sum: usize = weight.iter().sum::<usize>().max(1);
    weight.iter().map(|w| w * total as usize / sum).collect()
}

/// Paragraphs for one cell's text.
fn cell_paragraphs(text: &str, size: usize) -> Vec<Paragraph> {
    let lines: Vec<&str> = if text.is_empty() {
        vec![""]
    } else {
        text.split('\n').collect()
    };
    lines
        .into_iter()
        .map(|l| {
            let p = Paragraph::new().size(size);
            if l.is_empty() {
                p
            } else {
                p.add_run(Run::new().add_text(l).size(size))
            }
        })
        .collect()
}

/// Builds the docx-rs table for a plan, `total` twips wide.
pub fn docx_table(plan: &TablePlan, total: u32) -> docx_rs::Table {
    let widths = column_widths(plan, total);
    let size = if plan.width >= LANDSCAPE_COLS {
        WIDE_TABLE_SIZE
    } else {
        TABLE_SIZE
    };
    let rows = plan
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .map(|c| {
                    let w: usize = widths.iter().skip(c.col).take(c.span).sum();
                    let mut tc = TableCell::new().width(w, WidthType::Dxa);
                    if c.span > 1 {
                        tc = tc.grid_span(c.span);
                    }
                    match c.vmerge {
                        VMerge::No => {}
                        VMerge::Restart => tc = tc.vertical_merge(VMergeType::Restart),
                        VMerge::Continue => tc = tc.vertical_merge(VMergeType::Continue),
                    }
                    let text = if c.vmerge == VMerge::Continue {
                        ""
                    } else {
                        c.text.as_str()
                    };
                    for p in cell_paragraphs(text, size) {
                        tc = tc.add_paragraph(p);
                    }
                    tc
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    docx_rs::Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(total as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(20, 40, 20, 40))
}

/// Page orientation of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orient {
    Portrait,
    Landscape,
}

impl Orient {
    fn text_width(self) -> u32 {
        match self {
            Orient::Portrait => A4_SHORT - 2 * MARGIN,
            Orient::Landscape => A4_LONG - 2 * MARGIN,
        }
    }

    fn section(self) -> SectionProperty {
        let size = match self {
            Orient::Portrait => PageSize::new().size(A4_SHORT, A4_LONG),
            Orient::Landscape => PageSize::new()
                .size(A4_LONG, A4_SHORT)
                .orient(PageOrientationType::Landscape),
        };
        SectionProperty::new()
            .page_size(size)
            .page_margin(margins())
    }
}

fn margins() -> PageMargin {
    let m = MARGIN as i32;
    PageMargin::new().top(m).bottom(m).left(m).right(m)
}

/// Orientation of every block: wide tables landscape; runs of 4+ paragraphs portrait;
/// anything else stays on the current page orientation (no needless section breaks).
fn orientations(doc: &Document) -> Vec<Orient> {
    let mut fixed: Vec<Option<Orient>> = doc
        .blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Table(t) if plan(t).width >= LANDSCAPE_COLS => Some(Orient::Landscape),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < doc.blocks.len() {
        let start = i;
        while doc
            .blocks
            .get(i)
            .is_some_and(|b| matches!(b.kind, BlockKind::Paragraph(_)))
        {
            i += 1;
        }
        if i - start >= 4 {
            for f in fixed.iter_mut().take(i).skip(start) {
                *f = Some(Orient::Portrait);
            }
        }
        i = i.max(start + 1);
    }
    let mut current = Orient::Portrait;
    fixed
        .into_iter()
        .map(|f| {
            current = f.unwrap_or(current);
            current
        })
        .collect()
}

/// Renders a document as DOCX bytes: paragraphs as paragraphs, tables as bordered Word
/// tables with real merged cells, wide tables on landscape pages, CJK font 宋体.
pub fn render_docx(doc: &Document) -> Vec<u8> {
    let orient = orientations(doc);
    let fonts = RunFonts::new()
        .east_asia("宋体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    let mut docx = Docx::new().default_fonts(fonts).default_size(BODY_SIZE);
    let mut prev_table = false;
    let n = doc.blocks.len();
    for (i, block) in doc.blocks.iter().enumerate() {
        let here = orient.get(i).copied().unwrap_or(Orient::Portrait);
        let next = orient.get(i + 1).copied();
        let ends_section = next.is_some_and(|o| o != here);
        match &block.kind {
            BlockKind::Paragraph(p) => {
                let mut para = Paragraph::new().add_run(Run::new().add_text(p.text.as_str()));
                if ends_section {
                    para = para.section_property(here.section());
                }
                docx = docx.add_paragraph(para);
                prev_table = false;
            }
            BlockKind::Table(t) => {
                if prev_table {
                    docx = docx.add_paragraph(Paragraph::new()); // keeps two tables apart
                }
                docx = docx.add_table(docx_table(&plan(t), here.text_width()));
                if ends_section {
                    docx = docx.add_paragraph(Paragraph::new().section_property(here.section()));
                    prev_table = false;
                } else {
                    prev_table = true;
                }
            }
        }
        if i + 1 == n && prev_table {
            docx = docx.add_paragraph(Paragraph::new()); // Word wants a paragraph last
        }
    }
    let last = orient.last().copied().unwrap_or(Orient::Portrait);
    let (w, h) = match last {
        Orient::Portrait => (A4_SHORT, A4_LONG),
        Orient::Landscape => (A4_LONG, A4_SHORT),
    };
    docx = docx.page_size(w, h).page_margin(margins());
    if last == Orient::Landscape {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing into memory cannot fail for I/O reasons; a failure here is a docx-rs bug.
    docx.build()
        .pack(&mut out)
        .expect("docx-rs failed to pack a document in memory");
    deflate_zip(&out.into_inner())
}

/// Rewrites a zip with every file deflated and a fixed timestamp, dropping directory
/// entries: docx-rs stores parts uncompressed, while Word and WPS deflate them, and the
/// reader must be exercised on deflate.
pub fn deflate_zip(stored: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(stored)).expect("docx-rs wrote a valid zip");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry of a valid zip");
        if file.is_dir() {
            continue;
        }
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("stored entry reads");
        writer
            .start_file(file.name().expect("utf-8 entry name").to_string(), options)
            .expect("start zip entry in memory");
        writer.write_all(&data).expect("write zip entry in memory");
    }
    writer.finish().expect("finish zip in memory").into_inner()
}

/// The text encoded as GBK (for the .gbk.txt rendition); unmappable characters are an error.
pub fn to_gbk(text: &str) -> Result<Vec<u8>, String> {
    let (bytes, _, had_errors) = encoding_rs::GBK.encode(text);
    if had_errors {
        return Err("text has characters that GBK cannot encode".into());
    }
    Ok(bytes.into_owned())
}
