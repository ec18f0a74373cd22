//! The body of `word/document.xml`, streamed into blocks with quick-xml's borrowing pull
//! parser (no DOM, no per-character work beyond copying text).
//!
//! What counts as text: `w:t` inside runs, `w:tab` (tab), `w:br`/`w:cr` (newline),
//! `w:noBreakHyphen` (-). Content controls (`w:sdt`, block, row, cell and run level), smart
//! tags, hyperlinks, fields' displayed results and tracked insertions (`w:ins`) are
//! transparent. Tracked deletions (`w:del`, `w:moveFrom`, `w:delText`), field codes
//! (`w:instrText`), property blocks (`w:pPr`, `w:rPr`, `w:sectPr`, `w:*Change` history) are
//! skipped whole. Of an `mc:AlternateContent`, only the first branch is read (a text box is
//! stored twice: as DrawingML in `mc:Choice` and as VML in `mc:Fallback`).
//!
//! Structure is a stack of frames: a paragraph, or a table. A paragraph inside a paragraph
//! (a text box) is delivered after its anchor paragraph. A table inside a table cell or a
//! text box is flattened into text (cells joined by tab, rows by newline) that becomes a
//! paragraph of the enclosing cell. Top-level tables keep their grid: `w:gridBefore` and
//! `w:gridSpan` place cells on grid columns; `w:vMerge` restart/continue become `row_span` on
//! the owner, then [`Table::fill_merged`] gives every covered slot the owner's text.
//!
//! Element names are matched by the prefix the root element binds to the WordprocessingML
//! namespace (usually `w`), so DrawingML's `a:p`/`a:t`/`a:tbl` never count as Word text.

use crate::document::{Cell, DocWarning, Document, Row, Table};
use crate::ingest::{IngestError, Limits};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// WordprocessingML namespace, transitional and strict.
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Deepest nesting of paragraphs and tables accepted (Word itself stops far earlier).
const MAX_DEPTH: usize = 64;
/// Grid columns kept per table row (Word allows 63).
const MAX_COLS: usize = 64;

/// Parses the XML text of `word/document.xml` into a document.
pub(super) fn parse(xml: &str, limits: &Limits) -> Result<Document, IngestError> {
    let mut reader = Reader::from_str(xml);
    let mut p = Parser::default();
    let mut events = 0u32;
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(4096) {
            crate::deadline::check();
        }
        let event = reader.read_event().map_err(|e| IngestError::Corrupt {
            format: "docx",
            detail: format!(
                "word/document.xml is not well-formed XML at byte {} ({e})",
                reader.error_position()
            ),
        })?;
        match event {
            Event::Start(e) => p.start(&e, false)?,
            Event::Empty(e) => p.start(&e, true)?,
            Event::End(e) => p.end(e.name().as_ref(), limits)?,
            Event::Text(t) if p.in_text() => p.push_str(&t.xml10_content()),
            Event::CData(t) if p.in_text() => p.push_str(&t),
            Event::GeneralRef(r) if p.in_text() => match r.resolve_char_ref() {
                Ok(Some(c)) => p.push_char(c),
                Ok(None) => match &*r {
                    "amp" => p.push_char('&'),
                    "lt" => p.push_char('<'),
                    "gt" => p.push_char('>'),
                    "quot" => p.push_char('"'),
                    "apos" => p.push_char('\''),
                    other => p.push_str(&format!("&{other};")),
                },
                Err(e) => {
                    return Err(IngestError::Corrupt {
                        format: "docx",
                        detail: format!("word/document.xml has a bad character reference ({e})"),
                    })
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !p.frames.is_empty() {
        return Err(IngestError::Corrupt {
            format: "docx",
            detail: "word/document.xml ends inside an open paragraph or table (truncated?)".into(),
        });
    }
    let mut doc = p.doc;
    if !p.ole.is_empty() {
        let mut progs = p.ole.clone();
        progs.sort();
        progs.dedup();
        doc.warnings.push(DocWarning::new(
            "docx.embedded_objects",
            format!(
                "{} embedded object(s) ({}) not read: only their preview image is in the document; open them and save as DOCX/PDF to include their figures",
                p.ole.len(),
                progs.join(", ")
            ),
        ));
    }
    Ok(doc)
}

/// Vertical-merge role of a cell (`w:vMerge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum VMerge {
    #[default]
    No,
    Restart,
    Continue,
}

/// A cell being read.
#[derive(Debug, Default)]
struct CellB {
    paras: Vec<String>,
    /// The paragraph indentation (`w:ind`) of the cell's first paragraph with text, in
    /// tenths of an em.
    ind: Option<u16>,
    span: usize,
    vmerge: VMerge,
}

/// A row being read.
#[derive(Debug, Default)]
struct RowB {
    cells: Vec<CellB>,
    cell: Option<CellB>,
    grid_before: usize,
    deleted: bool,
}

/// A table being read.
#[derive(Debug, Default)]
struct TableB {
    rows: Vec<RowB>,
    row: Option<RowB>,
    /// Nested in a cell or text box: becomes text, not a table block.
    flatten: bool,
}

/// An open paragraph or table.
#[derive(Debug)]
enum Frame {
    Para {
        text: String,
        /// Paragraphs of text boxes anchored in this one, delivered after it.
        extra: Vec<String>,
        /// Its first line's indentation (`w:ind`), in tenths of an em.
        ind: u16,
    },
    Table(TableB),
}

/// Streaming state.
#[derive(Debug)]
struct Parser {
    /// The WordprocessingML prefix with its colon ("w:"), or "" for a default namespace.
    w: String,
    seen_root: bool,
    frames: Vec<Frame>,
    doc: Document,
    /// Depth inside a skipped subtree (0: not skipping).
    skip: usize,
    in_t: bool,
    in_trpr: bool,
    /// Inside a paragraph's properties (`w:pPr`, skipped but for its `w:ind`).
    in_ppr: bool,
    /// One flag per open mc:AlternateContent: has a branch been taken?
    alt: Vec<bool>,
    /// ProgIDs of embedded OLE objects (an Excel sheet pasted as an object): not readable.
    ole: Vec<String>,
}

impl Default for Parser {
    fn default() -> Self {
        Parser {
            w: "w:".into(),
            seen_root: false,
            frames: Vec::new(),
            doc: Document::default(),
            skip: 0,
            in_t: false,
            in_trpr: false,
            in_ppr: false,
            alt: Vec::new(),
            ole: Vec::new(),
        }
    }
}

/// The `val` attribute (any prefix), raw.
fn val<'a>(e: &'a BytesStart<'_>) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value)
}

/// A `w:val` that is a count, clamped to `0..=max`.
fn count_val(e: &BytesStart<'_>, default: usize, max: usize) -> usize {
    val(e)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(default, |n| n.min(max as u64) as usize)
}

/// Text of a cell: paragraphs trimmed, empty ones dropped, joined by `sep`.
fn cell_text(paras: &[String], sep: &str) -> String {
    let parts: Vec<&str> = paras
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(sep)
}

impl Parser {
    fn in_text(&self) -> bool {
        self.in_t && self.skip == 0
    }

    fn push_str(&mut self, s: &str) {
        if let Some(Frame::Para { text, .. }) = self.frames.last_mut() {
            text.push_str(s);
        }
    }

    fn push_char(&mut self, c: char) {
        if let Some(Frame::Para { text, .. }) = self.frames.last_mut() {
            text.push(c);
        }
    }

    /// The local name of a WordprocessingML element, `None` for other namespaces.
    fn wlocal<'n>(&self, qname: &'n str) -> Option<&'n str> {
        if self.w.is_empty() {
            (!qname.contains(':')).then_some(qname)
        } else {
            qname.strip_prefix(self.w.as_str())
        }
    }

    fn table(&mut self) -> Option<&mut TableB> {
        match self.frames.last_mut() {
            Some(Frame::Table(t)) => Some(t),
            _ => None,
        }
    }

    fn cell(&mut self) -> Option<&mut CellB> {
        self.table()?.row.as_mut()?.cell.as_mut()
    }

    fn push_frame(&mut self, frame: Frame) -> Result<(), IngestError> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(IngestError::Corrupt {
                format: "docx",
                detail: format!("paragraphs and tables nested deeper than {MAX_DEPTH} levels"),
            });
        }
        self.frames.push(frame);
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), IngestError> {
        if self.skip > 0 {
            if self.skip == 1 && self.in_ppr && self.wlocal(e.name().as_ref()) == Some("ind") {
                let ind = self.first_line_indent(e);
                if let Some(Frame::Para { ind: i, .. }) = self.frames.last_mut() {
                    *i = ind;
                }
            }
            if !empty {
                self.skip += 1;
            }
            return Ok(());
        }
        let qname = e.name();
        let qname = qname.as_ref();
        if !self.seen_root {
            self.seen_root = true;
            self.bind_prefix(e);
        }
        if let Some((_, local)) = qname.split_once(':') {
            if !qname.starts_with(self.w.as_str()) || self.w.is_empty() {
                match local {
                    "AlternateContent" if !empty => self.alt.push(false),
                    "OLEObject" => {
                        let prog = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == "ProgID")
                            .map(|a| a.value.into_owned())
                            .unwrap_or_else(|| "unknown".into());
                        self.ole.push(prog);
                    }
                    "Choice" | "Fallback" => {
                        if let Some(taken) = self.alt.last_mut() {
                            if *taken {
                                if !empty {
                                    self.skip = 1;
                                }
                            } else {
                                *taken = true;
                            }
                        }
                    }
                    _ => {}
                }
                if !self.w.is_empty() {
                    return Ok(());
                }
            }
        }
        let Some(local) = self.wlocal(qname) else {
            return Ok(());
        };
        match local {
            "p" if !empty => self.push_frame(Frame::Para {
                text: String::new(),
                extra: Vec::new(),
                ind: 0,
            })?,
            "tbl" if !empty => {
                let flatten = !self.frames.is_empty();
                self.push_frame(Frame::Table(TableB {
                    flatten,
                    ..TableB::default()
                }))?;
            }
            "tr" => {
                if let Some(t) = self.table() {
                    t.row = Some(RowB::default());
                    if empty {
                        self.end_row();
                    }
                }
            }
            "tc" => {
                if let Some(row) = self.table().and_then(|t| t.row.as_mut()) {
                    row.cell = Some(CellB {
                        span: 1,
                        ..CellB::default()
                    });
                    if empty {
                        self.end_cell();
                    }
                }
            }
            "gridSpan" => {
                if let Some(cell) = self.cell() {
                    cell.span = count_val(e, 1, MAX_COLS).max(1);
                }
            }
            "vMerge" => {
                let restart = val(e).is_some_and(|v| v == "restart");
                if let Some(cell) = self.cell() {
                    cell.vmerge = if restart {
                        VMerge::Restart
                    } else {
                        VMerge::Continue
                    };
                }
            }
            "gridBefore" => {
                if let Some(row) = self.table().and_then(|t| t.row.as_mut()) {
                    if row.cell.is_none() {
                        row.grid_before = count_val(e, 0, MAX_COLS);
                    }
                }
            }
            "trPr" if !empty => self.in_trpr = true,
            "del" | "moveFrom" => {
                if self.in_trpr {
                    // A tracked row deletion: the row is gone.
                    if let Some(row) = self.table().and_then(|t| t.row.as_mut()) {
                        row.deleted = true;
                    }
                }
                if !empty {
                    self.skip = 1;
                }
            }
            "t" if !empty => self.in_t = true,
            "tab" | "ptab" => self.push_char('\t'),
            "br" | "cr" => self.push_char('\n'),
            "noBreakHyphen" => self.push_char('-'),
            "pPr" if !empty => {
                self.in_ppr = true;
                self.skip = 1;
            }
            "rPr" | "tblPr" | "tblGrid" | "sectPr" | "sdtPr" | "sdtEndPr" | "delText"
            | "instrText" | "delInstrText" | "rt"
                if !empty =>
            {
                self.skip = 1
            }
            other if other.ends_with("Change") && !empty => self.skip = 1,
            _ => {}
        }
        Ok(())
    }

    /// Finds the prefix bound to the WordprocessingML namespace on the root element.
    fn bind_prefix(&mut self, e: &BytesStart<'_>) {
        for a in e.attributes().flatten() {
            if !W_NAMESPACES.contains(&a.value.as_ref()) {
                continue;
            }
            let key = a.key.as_ref();
            if key == "xmlns" {
                self.w = String::new();
                return;
            }
            if let Some(prefix) = key.strip_prefix("xmlns:") {
                self.w = format!("{prefix}:");
                return;
            }
        }
    }

    fn end(&mut self, qname: &str, limits: &Limits) -> Result<(), IngestError> {
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0 {
                self.in_ppr = false;
            }
            return Ok(());
        }
        if let Some((_, "AlternateContent")) = qname.split_once(':') {
            if self.wlocal(qname).is_none() {
                self.alt.pop();
                return Ok(());
            }
        }
        match self.wlocal(qname) {
            Some("t") => self.in_t = false,
            Some("trPr") => self.in_trpr = false,
            Some("p") => {
                if let Some(Frame::Para { .. }) = self.frames.last() {
                    if let Some(Frame::Para {
                        text,
                        mut extra,
                        ind,
                    }) = self.frames.pop()
                    {
                        if !text.trim().is_empty() {
                            if let Some(cell) = self.cell().filter(|c| c.ind.is_none()) {
                                cell.ind = Some(ind);
                            }
                        }
                        extra.insert(0, text);
                        self.deliver(extra);
                    }
                }
            }
            Some("tc") => self.end_cell(),
            Some("tr") => self.end_row(),
            Some("tbl") => {
                if let Some(Frame::Table(_)) = self.frames.last() {
                    if let Some(Frame::Table(t)) = self.frames.pop() {
                        self.end_table(t, limits)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        if let Some(row) = self.table().and_then(|t| t.row.as_mut()) {
            if let Some(cell) = row.cell.take() {
                row.cells.push(cell);
            }
        }
    }

    fn end_row(&mut self) {
        if let Some(t) = self.table() {
            if let Some(mut row) = t.row.take() {
                if let Some(cell) = row.cell.take() {
                    row.cells.push(cell);
                }
                if !row.deleted {
                    t.rows.push(row);
                }
            }
        }
    }

    /// The first line's indentation that a `w:ind` gives, in tenths of an em: the left
    /// indent (`w:leftChars`/`w:startChars` in hundredths of a character, else `w:left`/
    /// `w:start` in twips, an em taken as 10.5 pt = 210 twips) plus the first-line indent
    /// less the hanging one, never below zero.
    fn first_line_indent(&self, e: &BytesStart<'_>) -> u16 {
        let mut attrs: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        for a in e.attributes().flatten() {
            let key: &str = a.key.as_ref();
            let Some(local) = self.wlocal(key) else {
                continue;
            };
            if let Ok(v) = a.value.trim().parse::<i64>() {
                attrs.insert(local.to_string(), v.clamp(-1_000_000, 1_000_000));
            }
        }
        // Tenths of an em from hundredths of a character, or from twips.
        let get = |chars: &[&str], twips: &[&str]| -> i64 {
            chars
                .iter()
                .find_map(|k| attrs.get(*k))
                .map(|c| c / 10)
                .or_else(|| {
                    twips
                        .iter()
                        .find_map(|k| attrs.get(*k))
                        .map(|t| t * 10 / 210)
                })
                .unwrap_or(0)
        };
        let left = get(&["leftChars", "startChars"], &["left", "start"]);
        let first = get(&["firstLineChars"], &["firstLine"]);
        let hanging = get(&["hangingChars"], &["hanging"]);
        u16::try_from((left + first - hanging).clamp(0, 10_000)).unwrap_or(0)
    }

    /// Hands finished paragraphs to the enclosing container.
    fn deliver(&mut self, paras: Vec<String>) {
        match self.frames.last_mut() {
            Some(Frame::Para { extra, .. }) => extra.extend(paras),
            Some(Frame::Table(t)) => {
                if let Some(cell) = t.row.as_mut().and_then(|r| r.cell.as_mut()) {
                    cell.paras.extend(paras);
                }
            }
            None => {
                for p in paras {
                    let text = p.trim();
                    if !text.is_empty() {
                        self.doc.push_paragraph(text.to_string(), None, None);
                    }
                }
            }
        }
    }

    fn end_table(&mut self, mut t: TableB, limits: &Limits) -> Result<(), IngestError> {
        if let Some(row) = t.row.take() {
            t.rows.push(row);
        }
        if t.flatten {
            let lines: Vec<String> = t
                .rows
                .iter()
                .map(|r| {
                    let cells: Vec<String> =
                        r.cells.iter().map(|c| cell_text(&c.paras, " ")).collect();
                    cells.join("\t")
                })
                .collect();
            self.deliver(vec![lines.join("\n")]);
            return Ok(());
        }
        if t.rows.is_empty() {
            return Ok(());
        }
        let (table, dropped) = build_table(t.rows);
        check_merge_expansion(&table, limits)?;
        let mut table = table;
        table.fill_merged();
        let block = self.doc.push_table(table, None, None);
        if dropped > 0 {
            self.doc.warnings.push(DocWarning::new(
                "docx.table_too_wide",
                format!(
                    "table in block {block}: {dropped} cells beyond grid column {MAX_COLS} dropped"
                ),
            ));
        }
        Ok(())
    }
}

/// Places cells on grid columns and resolves vertical merges into owner `row_span`s.
/// Returns the table and the number of cells dropped for lying beyond [`MAX_COLS`].
fn build_table(rows: Vec<RowB>) -> (Table, usize) {
    let mut table = Table::default();
    let mut open: [Option<(usize, usize)>; MAX_COLS] = [None; MAX_COLS];
    let mut dropped = 0;
    for rowb in rows {
        let r = table.rows.len();
        let mut cells: Vec<Cell> = Vec::with_capacity(rowb.cells.len());
        let mut next_open: [Option<(usize, usize)>; MAX_COLS] = [None; MAX_COLS];
        let mut col = rowb.grid_before;
        for cb in rowb.cells {
            if col >= MAX_COLS {
                dropped += 1;
                continue;
            }
            let span = cb.span.clamp(1, MAX_COLS - col);
            let owner = open.get(col).copied().flatten();
            match (cb.vmerge, owner) {
                (VMerge::Continue, Some((orow, ocell))) => {
                    if let Some(o) = table
                        .rows
                        .get_mut(orow)
                        .and_then(|row| row.cells.get_mut(ocell))
                    {
                        o.row_span += 1;
                        let mut c = Cell::new(col, "");
                        c.merged_from = Some((orow, o.col));
                        cells.push(c);
                    }
                    if let Some(slot) = next_open.get_mut(col) {
                        *slot = Some((orow, ocell));
                    }
                }
                (vmerge, _) => {
                    let mut c = Cell::new(col, cell_text(&cb.paras, "\n"));
                    c.col_span = span as u32;
                    c.indent = cb
                        .paras
                        .iter()
                        .find(|p| !p.trim().is_empty())
                        .and_then(|p| crate::document::leading_indent(p))
                        .map(|spaces| spaces.saturating_add(cb.ind.unwrap_or(0)));
                    if vmerge != VMerge::No {
                        // A restart, or a continue with nothing above: Word starts a merge.
                        if let Some(slot) = next_open.get_mut(col) {
                            *slot = Some((r, cells.len()));
                        }
                    }
                    cells.push(c);
                }
            }
            col += span;
        }
        open = next_open;
        table.rows.push(Row {
            cells,
            page: None,
            line: None,
        });
    }
    (table, dropped)
}

/// Refuses tables whose merged regions would copy more text than `--max-doc-mb` allows
/// (a small file can declare one huge cell merged down thousands of rows).
fn check_merge_expansion(table: &Table, limits: &Limits) -> Result<(), IngestError> {
    let mut total: u64 = 0;
    for cell in table.rows.iter().flat_map(|r| &r.cells) {
        let slots = u64::from(cell.row_span.max(1)) * u64::from(cell.col_span.max(1)) - 1;
        total = total.saturating_add(slots.saturating_mul(cell.text.len() as u64 + 64));
    }
    if total > limits.max_doc_bytes {
        return Err(IngestError::Limit {
            what: "text copied into merged table cells",
            detail: format!("{total} bytes > {} bytes", limits.max_doc_bytes),
            flag: "--max-doc-mb",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    fn doc(body: &str) -> Document {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        );
        parse(&xml, &Limits::default()).expect("parses")
    }

    fn paragraphs(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Paragraph(p) => Some(p.text.clone()),
                BlockKind::Table(_) => None,
            })
            .collect()
    }

    // Runs, tabs, breaks and entities make the paragraph text; property blocks do not.
    #[test]
    fn paragraph_text_from_runs() {
        let d = doc(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="100"/></w:tabs></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>收入&amp;</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">1,298.54 </w:t><w:br/><w:t>万元&#x3002;</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>"#,
        );
        assert_eq!(paragraphs(&d), vec!["收入&\t1,298.54 \n万元。"]);
    }

    // Another prefix bound to the Word namespace works; DrawingML a:t never counts.
    #[test]
    fn prefix_comes_from_namespace() {
        let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:a="urn:a"><x:body><x:p><x:r><x:t>甲</x:t></x:r><a:p><a:t>乙</a:t></a:p></x:p></x:body></x:document>"#;
        let d = parse(xml, &Limits::default()).expect("parses");
        assert_eq!(paragraphs(&d), vec!["甲"]);
    }

    // Ruby annotations are not text; an embedded OLE sheet is reported, not silently lost.
    #[test]
    fn ruby_skipped_and_ole_object_warned() {
        let d = doc(
            r#"<w:p><w:r><w:ruby><w:rt><w:r><w:t>jué</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>决</w:t></w:r></w:rubyBase></w:ruby><w:ptab/><w:t>算</w:t></w:r></w:p><w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" ProgID="Excel.Sheet.12"/></w:object></w:r></w:p>"#,
        );
        assert_eq!(paragraphs(&d), vec!["决\t算"]);
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].code, "docx.embedded_objects");
        assert!(d.warnings[0]
            .message
            .starts_with("1 embedded object(s) (Excel.Sheet.12) not read"));
    }

    // Truncated XML is a corrupt-file error, not a partial document.
    #[test]
    fn truncated_xml_is_corrupt() {
        let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>甲"#;
        assert_eq!(
            parse(xml, &Limits::default()).unwrap_err().code(),
            "corrupt"
        );
    }
}
