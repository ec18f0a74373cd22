//! The format-independent document model: what every ingest produces and every later stage
//! reads.
//!
//! A [`Document`] is an ordered list of [`Block`]s, each a paragraph or a table, each with a
//! [`Location`]. Tables are stored as a rectangular-ish grid of rows; a merged cell appears
//! once as its *owner* (with `row_span`/`col_span`) and, in every grid slot it covers, as a
//! *continuation* cell that carries the owner's text and points back at it (`merged_from`).
//! That way a reader that walks a row by column index sees the merged text where a person
//! sees it, and a reader that wants each value once skips continuations.
//!
//! Nothing here knows about PDF, DOCX or text: the extract stage reads only this model.

use serde::Serialize;

/// The file format, sniffed from the bytes (never from the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (UTF-8 or GB18030/GBK).
    Txt,
    /// Office Open XML word-processing document.
    Docx,
    /// Portable Document Format.
    Pdf,
}

impl Format {
    /// The lowercase name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// Where something is in the source document. Indices are 0-based, pages 1-based.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
pub struct Location {
    /// 1-based page number, where the format has pages (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Index of the block in [`Document::blocks`].
    pub block: usize,
    /// Row within a table block.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// Grid column within a table block.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<usize>,
    /// 1-based line number in the source file, where the format has lines (text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// A warning attached to a document: the document was still read, but something in it could
/// not be (an undecodable page, a skipped part). Warnings travel to the output; they never
/// silently disappear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocWarning {
    /// Stable machine-readable code, e.g. `pdf.unmapped_glyphs`.
    pub code: String,
    /// Human-readable message (lowercase, says what and where).
    pub message: String,
    /// Page the warning concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl DocWarning {
    /// Builds a warning with no page.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        DocWarning {
            code: code.to_string(),
            message: message.into(),
            page: None,
        }
    }

    /// Builds a warning about one page.
    pub fn on_page(code: &str, page: u32, message: impl Into<String>) -> Self {
        DocWarning {
            code: code.to_string(),
            message: message.into(),
            page: Some(page),
        }
    }
}

/// One ingested document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Number of pages, where the format has pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// Problems met while reading (the document is still usable).
    pub warnings: Vec<DocWarning>,
}

/// A paragraph or a table, with where it starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// Where the block starts (`block` is its own index).
    pub location: Location,
    /// The content.
    pub kind: BlockKind,
}

/// The two kinds of block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum BlockKind {
    /// Running text. Hard line wraps inside a sentence are already joined by the ingest.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A paragraph of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The text as published (original widths and punctuation kept).
    pub text: String,
}

/// A table: rows of cells on a column grid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Rows top to bottom.
    pub rows: Vec<Row>,
}

/// One table row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Cells left to right, one per grid column slot that the row fills.
    pub cells: Vec<Cell>,
    /// Page the row is on, where known (a table can continue on the next page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based source line of the row, where the format has lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// One cell. A merged region has one owner cell (spans > 1) and continuation cells in the
/// other slots, whose `merged_from` names the owner's (row, col) and whose `text` repeats
/// the owner's text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Text of the cell; paragraphs inside a cell are joined with '\n'.
    pub text: String,
    /// Grid column of this slot.
    pub col: usize,
    /// Rows the owner spans (1 for an ordinary cell).
    pub row_span: u32,
    /// Columns the owner spans (1 for an ordinary cell).
    pub col_span: u32,
    /// For a continuation slot of a merged region: (row, col) of its owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<(usize, usize)>,
}

impl Cell {
    /// An ordinary (unmerged) cell.
    pub fn new(col: usize, text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            col,
            row_span: 1,
            col_span: 1,
            merged_from: None,
        }
    }

    /// True for a slot covered by another cell's merge.
    pub fn is_continuation(&self) -> bool {
        self.merged_from.is_some()
    }
}

impl Table {
    /// Number of grid columns (the widest row).
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.col + c.col_span.max(1) as usize)
                    .max()
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    }

    /// Fills `merged_from` continuation slots and their text from owners' spans: after an
    /// ingest has set `row_span`/`col_span` on owners and left covered slots out (or empty),
    /// this makes every covered slot a continuation carrying the owner's text. Rows are kept
    /// sorted by column. Idempotent.
    pub fn fill_merged(&mut self) {
        let mut fills: Vec<(usize, usize, usize, usize, String)> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            for cell in &row.cells {
                if cell.is_continuation() {
                    continue;
                }
                for dr in 0..cell.row_span.max(1) as usize {
                    for dc in 0..cell.col_span.max(1) as usize {
                        if dr == 0 && dc == 0 {
                            continue;
                        }
                        fills.push((r + dr, cell.col + dc, r, cell.col, cell.text.clone()));
                    }
                }
            }
        }
        for (r, c, or, oc, text) in fills {
            let Some(row) = self.rows.get_mut(r) else {
                continue;
            };
            match row.cells.iter_mut().find(|x| x.col == c) {
                Some(slot) if slot.text.trim().is_empty() || slot.is_continuation() => {
                    slot.text = text;
                    slot.merged_from = Some((or, oc));
                    slot.row_span = 1;
                    slot.col_span = 1;
                }
                Some(_) => {}
                None => {
                    let mut cell = Cell::new(c, text);
                    cell.merged_from = Some((or, oc));
                    row.cells.push(cell);
                }
            }
            row.cells.sort_by_key(|x| x.col);
        }
    }
}

impl Document {
    /// Appends a paragraph block and returns its index.
    pub fn push_paragraph(&mut self, text: String, page: Option<u32>, line: Option<u32>) -> usize {
        let block = self.blocks.len();
        self.blocks.push(Block {
            location: Location {
                page,
                block,
                row: None,
                col: None,
                line,
            },
            kind: BlockKind::Paragraph(Paragraph { text }),
        });
        block
    }

    /// Appends a table block and returns its index.
    pub fn push_table(&mut self, table: Table, page: Option<u32>, line: Option<u32>) -> usize {
        let block = self.blocks.len();
        self.blocks.push(Block {
            location: Location {
                page,
                block,
                row: None,
                col: None,
                line,
            },
            kind: BlockKind::Table(table),
        });
        block
    }

    /// All text of the document in reading order, tables flattened a cell per line. For
    /// diagnostics and for department/year recognition.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match &block.kind {
                BlockKind::Paragraph(p) => {
                    out.push_str(&p.text);
                    out.push('\n');
                }
                BlockKind::Table(t) => {
                    for row in &t.rows {
                        for cell in row.cells.iter().filter(|c| !c.is_continuation()) {
                            out.push('\t');
                            out.push_str(&cell.text);
                            out.push('\n');
                        }
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A vertical merge fills the slots below its owner with the owner's text.
    #[test]
    fn fill_merged_copies_owner_text_down_and_right() {
        let mut owner = Cell::new(0, "产出指标");
        owner.row_span = 2;
        owner.col_span = 2;
        let mut t = Table {
            rows: vec![
                Row {
                    cells: vec![owner, Cell::new(2, "a")],
                    ..Row::default()
                },
                Row {
                    cells: vec![Cell::new(0, ""), Cell::new(2, "b")],
                    ..Row::default()
                },
            ],
        };
        t.fill_merged();
        assert_eq!(t.rows[0].cells[1].text, "产出指标");
        assert_eq!(t.rows[0].cells[1].merged_from, Some((0, 0)));
        assert_eq!(t.rows[1].cells[0].text, "产出指标");
        assert_eq!(t.rows[1].cells[1].col, 1);
        assert_eq!(t.rows[1].cells[2].text, "b");
        assert_eq!(t.width(), 3);
    }
}
