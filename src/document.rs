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
    /// Office Open XML workbook (.xlsx).
    Xlsx,
    /// Excel 97-2003 (BIFF8) workbook: .xls, and WPS Spreadsheets' .et.
    Xls,
}

impl Format {
    /// The lowercase name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
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
    /// Sheet name, for a workbook ("部门支出总表").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Cell reference in the sheet, for a workbook ("D12"; with `sheet`: 部门支出总表!D12).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Location {
    /// The text finding ids hash: the derived `Debug` form of the fields a location had
    /// before workbooks, then the sheet and cell only when there are some, so ids of
    /// findings in other documents did not change when workbooks came.
    pub fn id_key(&self) -> String {
        let mut key = format!(
            "Location {{ page: {:?}, block: {:?}, row: {:?}, col: {:?}, line: {:?} }}",
            self.page, self.block, self.row, self.col, self.line
        );
        if self.sheet.is_some() || self.cell.is_some() {
            key.push_str(&format!(" {:?}!{:?}", self.sheet, self.cell));
        }
        key
    }

    /// The workbook reference `sheet!cell` (or the sheet alone), if this is in a workbook.
    pub fn sheet_ref(&self) -> Option<String> {
        let sheet = self.sheet.as_deref()?;
        Some(match &self.cell {
            Some(c) => format!("{sheet}!{c}"),
            None => sheet.to_string(),
        })
    }
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
    /// A workbook's formula cells, each with what its recomputation needs (rule
    /// `workbook.formula`); empty for other formats.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub formulas: Vec<Formula>,
}

/// One formula cell of a workbook and the operands of its recomputation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Formula {
    /// Where the formula cell is (block, sheet and cell).
    pub location: Location,
    /// The formula as stored, with a leading `=`.
    pub text: String,
    /// The operands, or why the formula cannot be recomputed.
    pub operands: Result<FormulaOperands, String>,
}

/// The cached value of a formula and the cached values it adds up, each an exact decimal at
/// its cell's printed precision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormulaOperands {
    /// The formula cell's cached value.
    pub cached: PrintedNumber,
    /// The terms, each with its sign (`true`: subtracted); empty cells are left out.
    pub terms: Vec<(bool, PrintedNumber)>,
}

/// A number at the precision a reader sees: the value rounded to `decimals` digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PrintedNumber {
    /// The value, rounded.
    pub value: rust_decimal::Decimal,
    /// Printed decimals (a percent format's two extra digits included).
    pub decimals: i32,
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
    /// Where a paragraph that runs over a page break goes on: (byte offset in `text`, page
    /// from that offset on), ascending. Empty when it stays on the page of its location.
    #[serde(skip)]
    pub page_starts: Vec<(usize, u32)>,
}

impl Paragraph {
    /// The page of the byte at `offset`: the block's `page` up to the first page start.
    pub fn page_at(&self, page: Option<u32>, offset: usize) -> Option<u32> {
        self.page_starts
            .iter()
            .take_while(|(at, _)| *at <= offset)
            .last()
            .map(|(_, p)| *p)
            .or(page)
    }
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
    /// 1-based source line of the row, where the format has lines (for a workbook: the
    /// 1-based sheet row number).
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
    /// How far the cell's text is indented, in tenths of an em, where the reader can tell
    /// (leading spaces of the text, a PDF line's offset from the cell's left rule): the level
    /// of a subject printed by name only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indent: Option<u16>,
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
            indent: None,
        }
    }

    /// An ordinary cell whose text is `raw` with its leading and trailing spaces trimmed, the
    /// leading ones kept as its indent ([`leading_indent`]).
    pub fn indented(col: usize, raw: &str) -> Self {
        let mut c = Cell::new(col, raw.trim());
        c.indent = leading_indent(raw);
        c
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
                sheet: None,
                cell: None,
            },
            kind: BlockKind::Paragraph(Paragraph {
                text,
                page_starts: Vec::new(),
            }),
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
                sheet: None,
                cell: None,
            },
            kind: BlockKind::Table(table),
        });
        block
    }

    /// Completes a location inside a workbook: the block's sheet, and the cell reference of
    /// its row and column (a table block's own location names its top-left cell; rows carry
    /// their sheet row in `line`). The sheet row then replaces `line`. A location outside a
    /// workbook is left as it is.
    pub fn locate_in_sheet(&self, loc: &mut Location) {
        let Some(block) = self.blocks.get(loc.block) else {
            return;
        };
        let Some(sheet) = &block.location.sheet else {
            return;
        };
        loc.sheet = Some(sheet.clone());
        loc.line = None;
        let origin = block.location.cell.as_deref().and_then(parse_cell_ref);
        loc.cell = match (&block.kind, loc.row, loc.col, origin) {
            (BlockKind::Table(t), Some(r), Some(c), Some((_, c0))) => t
                .rows
                .get(r)
                .and_then(|row| row.line)
                .map(|line| format!("{}{line}", col_letters(c0 + c as u32))),
            (BlockKind::Table(t), Some(r), None, Some((_, c0))) => t
                .rows
                .get(r)
                .and_then(|row| row.line)
                .map(|line| format!("{}{line}", col_letters(c0))),
            _ => block.location.cell.clone(),
        };
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

/// Spreadsheet column letters of a 0-based column index (0 → A, 25 → Z, 26 → AA).
pub fn col_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The 0-based (row, col) of an A1 reference ("D12" → (11, 3)).
pub fn parse_cell_ref(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let mut col: u32 = 0;
    for b in letters.bytes() {
        col = col.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// The indent that the leading spaces of a cell's text print, in tenths of an em: a
/// full-width space (U+3000) is an em, a plain space half of one, a tab two. `None` for an
/// empty text.
pub fn leading_indent(raw: &str) -> Option<u16> {
    if raw.trim().is_empty() {
        return None;
    }
    let mut tenths: u16 = 0;
    for c in raw.chars() {
        let w = match c {
            '\u{3000}' => 10,
            ' ' | '\u{a0}' => 5,
            '\t' => 20,
            _ => break,
        };
        tenths = tenths.saturating_add(w);
    }
    Some(tenths)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Finding ids of non-workbook documents hash what they hashed before sheets existed.
    #[test]
    fn id_key_is_the_old_debug_form() {
        let loc = Location {
            page: Some(2),
            block: 3,
            row: Some(1),
            ..Location::default()
        };
        assert_eq!(
            loc.id_key(),
            "Location { page: Some(2), block: 3, row: Some(1), col: None, line: None }"
        );
    }

    // A1 references both ways.
    #[test]
    fn cell_refs_round_trip() {
        assert_eq!(col_letters(0), "A");
        assert_eq!(col_letters(25), "Z");
        assert_eq!(col_letters(26), "AA");
        assert_eq!(col_letters(16_383), "XFD");
        assert_eq!(parse_cell_ref("D12"), Some((11, 3)));
        assert_eq!(parse_cell_ref("AA1"), Some((0, 26)));
        assert_eq!(parse_cell_ref("A0"), None);
        assert_eq!(parse_cell_ref("12"), None);
    }

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

    // Leading spaces print an indent: a full-width space an em, a plain space half of one.
    #[test]
    fn leading_spaces_are_an_indent() {
        assert_eq!(super::leading_indent("行政运行"), Some(0));
        assert_eq!(super::leading_indent("\u{3000}\u{3000}行政运行"), Some(20));
        assert_eq!(super::leading_indent("    行政运行 "), Some(20));
        assert_eq!(super::leading_indent("   "), None);
        let c = super::Cell::indented(0, "\u{3000}住房公积金  ");
        assert_eq!((c.text.as_str(), c.indent), ("住房公积金", Some(10)));
    }
}
