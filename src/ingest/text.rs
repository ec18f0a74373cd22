//! Plain-text ingest: decoding (UTF-8, UTF-16 with BOM, GB18030/GBK) and the published
//! convention for Word tables flattened to text.
//!
//! The convention (Word disclosures published as text): each table cell is a line that starts with a tab;
//! a blank line separates rows; a tab-only line is an empty (usually merged) cell; two or
//! more blank lines end the table. A line without a leading tab that directly follows a cell
//! line (no blank line between) is a further paragraph of that cell. Everything else is
//! running text, where hard wraps inside a sentence are joined.
//!
//! Encoding is detected, not assumed: strict UTF-8 first, then strict GB18030 (a superset of
//! GBK and GB2312); bytes valid in neither are refused rather than decoded to U+FFFD.

use super::IngestError;
use crate::document::{Cell, Document, Row, Table};

/// Decodes text bytes to a string, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(str::to_string)
            .map_err(|e| IngestError::Corrupt {
                format: "txt",
                detail: format!(
                    "invalid UTF-8 after a UTF-8 BOM at byte {}",
                    e.valid_up_to() + 3
                ),
            });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[2..])
            .map(|c| c.into_owned())
            .ok_or_else(|| IngestError::Corrupt {
                format: "txt",
                detail: "invalid UTF-16".into(),
            });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return check_textlike(s.to_string());
    }
    if let Some(whole) = utf8_cut_short(bytes) {
        return check_textlike(whole.to_string());
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => check_textlike(s.into_owned()),
        None => Err(IngestError::Unsupported {
            looks_like: "binary data (neither UTF-8 nor GB18030 text, nor PDF/DOCX)".into(),
            hint: None,
        }),
    }
}

/// A UTF-8 file cut short inside its last character (an unfinished download): the whole
/// characters before the cut, when the file is clearly UTF-8 (it has multi-byte characters
/// before the cut; a GBK file ending in a byte pair that happens to start a UTF-8 sequence
/// is not taken for one).
fn utf8_cut_short(bytes: &[u8]) -> Option<&str> {
    let e = std::str::from_utf8(bytes).err()?;
    let whole = bytes.get(..e.valid_up_to())?;
    if e.error_len().is_some() || !whole.iter().any(|b| *b >= 0x80) {
        return None;
    }
    std::str::from_utf8(whole).ok()
}

/// Refuses decoded "text" that is mostly control characters (binary that happened to
/// decode).
fn check_textlike(s: String) -> Result<String, IngestError> {
    let total = s.chars().count().max(1);
    let control = s
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
        .count();
    if control * 20 > total {
        return Err(IngestError::Unsupported {
            looks_like: format!("binary data ({control} control characters in {total})"),
            hint: None,
        });
    }
    Ok(s)
}

/// Reads a text file into the document model.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let mut doc = parse(&text);
    if utf8_cut_short(bytes).is_some() {
        doc.warnings.push(crate::document::DocWarning::new(
            "text.truncated",
            "the file ends inside a character (cut short, e.g. an unfinished download?): \
             the text before the cut was read",
        ));
    }
    Ok(doc)
}

/// Parses decoded text (the table convention above) into a document.
pub fn parse(text: &str) -> Document {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let wrap = detect_wrap(&running_blocks(&lines));
    let mut doc = Document::default();
    let mut i = 0;
    let mut para: Vec<(u32, &str)> = Vec::new();
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with('\t') {
            flush_paragraphs(&mut doc, &mut para, wrap);
            i = read_table(&lines, i, &mut doc);
            continue;
        }
        if line.trim().is_empty() {
            flush_paragraphs(&mut doc, &mut para, wrap);
        } else {
            para.push((i as u32 + 1, line));
        }
        i += 1;
    }
    flush_paragraphs(&mut doc, &mut para, wrap);
    doc
}

/// Blocks of running-text lines (between blank lines and tables) for wrap detection. Table
/// lines and the untabbed lines that continue a cell are left out (a rough cut: a line
/// right after a tab-led line).
fn running_blocks<'a>(lines: &[&'a str]) -> Vec<Vec<(u32, &'a str)>> {
    let mut blocks = Vec::new();
    let mut block = Vec::new();
    let mut after_cell = false;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with('\t') {
            after_cell = true;
            blocks.push(std::mem::take(&mut block));
        } else if line.trim().is_empty() {
            after_cell = false;
            blocks.push(std::mem::take(&mut block));
        } else if !after_cell {
            block.push((i as u32 + 1, *line));
        }
    }
    blocks.push(block);
    blocks
}

/// Reads one table starting at `start` (a tab-led line); returns the index after it.
fn read_table(lines: &[&str], start: usize, doc: &mut Document) -> usize {
    let mut table = Table::default();
    let mut row = Row {
        line: Some(start as u32 + 1),
        ..Row::default()
    };
    let mut i = start;
    let mut blanks = 0;
    let mut last_was_cell = false;
    while i < lines.len() {
        let line = lines[i];
        if let Some(cell_text) = line.strip_prefix('\t') {
            if blanks > 0 && !row.cells.is_empty() {
                table.rows.push(std::mem::take(&mut row));
                row.line = Some(i as u32 + 1);
            }
            if row.cells.is_empty() {
                row.line = Some(i as u32 + 1);
            }
            blanks = 0;
            let col = row.cells.len();
            row.cells.push(Cell::indented(col, cell_text));
            last_was_cell = true;
        } else if line.trim().is_empty() {
            blanks += 1;
            last_was_cell = false;
            if blanks >= 2 {
                break;
            }
        } else if last_was_cell || (blanks == 0 && !row.cells.is_empty()) {
            // A further paragraph of the previous cell.
            if let Some(cell) = row.cells.last_mut() {
                if !cell.text.is_empty() {
                    cell.text.push('\n');
                }
                cell.text.push_str(line.trim());
            }
        } else {
            break; // running text after a single blank line: the table ended
        }
        i += 1;
    }
    if !row.cells.is_empty() {
        table.rows.push(row);
    }
    let line = table.rows.first().and_then(|r| r.line);
    doc.push_table(table, None, line);
    i
}

/// Starts of lines that begin a new paragraph even without a blank line: headings and
/// enumerations (一、 （一） 1. （1） ① 第一部分).
fn starts_new_paragraph(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let second = chars.next();
    // Numbering syntax, not phrasing; ingest runs before any pattern set (see the PDF reader).
    const CN_NUM: &str = "一二三四五六七八九十";
    if t.starts_with('第') && (t.contains("部分") || t.contains('章')) {
        return true;
    }
    if CN_NUM.contains(first) {
        // 一、 十一、
        let head: String = t.chars().take_while(|c| CN_NUM.contains(*c)).collect();
        return t[head.len()..].starts_with('、');
    }
    if matches!(first, '（' | '(') {
        return second.is_some_and(|c| c.is_ascii_digit() || CN_NUM.contains(c));
    }
    if first.is_ascii_digit() {
        // "1." and "1、" but not a decimal ("1.72", the rest of a number cut by a wrap).
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        let mut after = t[digits.len()..].chars();
        let mark = after.next();
        return matches!(mark, Some('、'))
            || (matches!(mark, Some('.' | '．'))
                && !after.next().is_some_and(|c| c.is_ascii_digit()));
    }
    ('①'..='⑳').contains(&first)
}

/// True when a line ends a sentence or is complete in itself.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '」', '”'])
}

/// How line widths are measured when looking for a wrap width: in characters (what many
/// editors and copy-paste tools count) or in display columns (CJK characters are two wide:
/// what `fmt` and terminals count).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    Chars,
    Columns,
}

impl Measure {
    fn width(self, line: &str) -> usize {
        let t = line.trim();
        match self {
            Measure::Chars => t.chars().count(),
            Measure::Columns => t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum(),
        }
    }
}

/// The wrap width of hard-wrapped text, when the text is hard-wrapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wrap {
    measure: Measure,
    width: usize,
}

/// Shortest wrap width looked for: narrower "wraps" are more likely short lines of a list.
const MIN_WRAP_WIDTH: usize = 16;

/// Detects hard-wrapped text: among the lines that do not end their block (a wrapped
/// paragraph's lines, or one paragraph per line as in the seed), one width (or that width
/// less one, where a wrapper kept punctuation off a line start) is much more common than any
/// other and accounts for at least a fifth of them. Running text with one paragraph per
/// line has no such width.
fn detect_wrap(blocks: &[Vec<(u32, &str)>]) -> Option<Wrap> {
    // Columns first: on a tie the later (characters) wins, as in the copied text the
    // variants suite models.
    [Measure::Columns, Measure::Chars]
        .into_iter()
        .filter_map(|measure| {
            let mut hist = std::collections::BTreeMap::<usize, usize>::new();
            let mut total = 0usize;
            for block in blocks {
                let Some((_, init)) = block.split_last() else {
                    continue;
                };
                // A line cut inside a number or before its unit is counted with the
                // next: together they fill the wrap width.
                let mut w = 0usize;
                for (_, line) in init {
                    w += measure.width(line);
                    if cut_in_number(line) {
                        continue;
                    }
                    if w >= MIN_WRAP_WIDTH {
                        *hist.entry(w).or_insert(0) += 1;
                        total += 1;
                    }
                    w = 0;
                }
            }
            let count = |w: usize| hist.get(&w).copied().unwrap_or(0);
            let score = |w: usize| count(w) + count(w.saturating_sub(1));
            // Largest score, ties to the wider width.
            let (width, best) = hist
                .keys()
                .map(|&w| (w, score(w)))
                .max_by_key(|&(w, s)| (s, w))?;
            let rival = hist
                .keys()
                .filter(|&&w| w + 2 < width || w > width + 1)
                .map(|&w| score(w))
                .max()
                .unwrap_or(0);
            (best >= 3 && best >= 2 * rival && best * 5 >= total)
                .then_some((best, Wrap { measure, width }))
        })
        .max_by_key(|(best, _)| *best)
        .map(|(_, wrap)| wrap)
}

/// True when a line stops inside a number or between a number and its unit.
fn cut_in_number(line: &str) -> bool {
    line.trim_end()
        .ends_with(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '．'))
        && !ends_sentence(line)
}

/// Turns collected non-blank lines into paragraphs, joining hard wraps inside sentences.
/// In hard-wrapped text (`wrap`), a line that fills the wrap width (counted from the last
/// full line, so that a wrap between a number and its unit inside a line does not reset the
/// count) is a wrap even when it happens to end with 。/；/：.
fn flush_paragraphs(doc: &mut Document, para: &mut Vec<(u32, &str)>, wrap: Option<Wrap>) {
    let mut current: Option<(u32, String)> = None;
    let mut column = 0usize;
    let mut last_full = false;
    for (line_no, line) in para.drain(..) {
        let join = match &current {
            Some((_, text)) => {
                // A full line that stops mid-sentence goes on even when the next line
                // looks like an enumeration ("（1）" or "1." cut out of a sentence).
                (last_full || !is_heading(text))
                    && ((last_full && !ends_sentence(text))
                        || ((last_full || !ends_sentence(text)) && !starts_new_paragraph(line)))
            }
            None => false,
        };
        if !join {
            column = 0;
        }
        if let Some(w) = wrap {
            column += w.measure.width(line);
            last_full = column + 1 >= w.width;
            if last_full {
                column = 0;
            }
        }
        if join {
            if let Some((_, text)) = current.as_mut() {
                join_wrapped(text, line.trim());
            }
        } else {
            if let Some((l, text)) = current.take() {
                doc.push_paragraph(text, None, Some(l));
            }
            current = Some((line_no, line.trim().to_string()));
        }
    }
    if let Some((l, text)) = current.take() {
        doc.push_paragraph(text, None, Some(l));
    }
}

/// A short enumerated line without final punctuation is a heading: the next line is not its
/// continuation. A line that stops on a number or a comma is a wrapped sentence, not a
/// heading ("1.一般公共服务支出(类)15.00" + "万元，占2.08%。").
fn is_heading(text: &str) -> bool {
    let t = text.trim_end();
    starts_new_paragraph(t)
        && t.chars().count() <= 40
        && !ends_sentence(t)
        && !t.ends_with(|c: char| c.is_ascii_digit() || "，,、".contains(c))
}

/// Appends a wrapped continuation: no space between CJK characters or digits; one space
/// between two Latin words.
pub fn join_wrapped(text: &mut String, next: &str) {
    let last = text.chars().last();
    let first = next.chars().next();
    if let (Some(a), Some(b)) = (last, first) {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            text.push(' ');
        }
    }
    text.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    // A UTF-8 file cut inside its last character is read up to the cut, with a warning
    // (regression: it was refused as "binary data").
    #[test]
    fn utf8_cut_inside_a_character_is_read_with_a_warning() {
        let whole = "收入总计100万元。支出".as_bytes();
        let cut = &whole[..whole.len() - 1];
        let doc = read(cut).expect("read");
        assert_eq!(doc.plain_text(), "收入总计100万元。支\n");
        assert_eq!(doc.warnings.len(), 1);
        assert_eq!(doc.warnings[0].code, "text.truncated");
        // A GBK file is still GBK, even when its last byte pair could start UTF-8.
        let gbk = encoding_rs::GBK.encode("收入总计").0.into_owned();
        assert_eq!(utf8_cut_short(&gbk), None);
        assert!(read(whole).expect("whole").warnings.is_empty());
    }

    // Tab-led lines become cells, blank lines separate rows, two blank lines end the table.
    #[test]
    fn flattened_word_tables_become_tables() {
        let text = "前言。\n\n\t项目名称\n\t甲\n\n\t\n\t年度资金总额\n\t20.00\n\n\n正文。\n";
        let doc = parse(text);
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!(t[0].rows[0].cells[1].text, "甲");
        assert_eq!(t[0].rows[1].cells[0].text, "");
        assert_eq!(t[0].rows[1].cells[2].text, "20.00");
        assert_eq!(t[0].rows[1].line, Some(6));
        assert_eq!(doc.blocks.len(), 3);
    }

    // A non-tab line right after a cell continues that cell.
    #[test]
    fn untabbed_line_continues_cell() {
        let doc = parse("\t\n\t预期\n\t\n实际完成情况文字\n\n\t下一行\n");
        let t = tables(&doc);
        assert_eq!(t[0].rows[0].cells.len(), 3);
        assert_eq!(t[0].rows[0].cells[2].text, "实际完成情况文字");
        assert_eq!(t[0].rows[1].cells[0].text, "下一行");
    }

    // Hard wraps inside a sentence are joined; headings and enumerations are not.
    #[test]
    fn joins_hard_wraps_but_not_headings() {
        let doc = parse(" 某局2024年度部门决算\n公开说明\n一、主要职能\n（1）贯彻执行。\n收入总计2,405.59万\n元，其中：甲。\n");
        let texts: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Paragraph(p) => Some(p.text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "某局2024年度部门决算公开说明",
                "一、主要职能",
                "（1）贯彻执行。",
                "收入总计2,405.59万元，其中：甲。"
            ]
        );
    }

    // GBK bytes decode to the same text as UTF-8.
    #[test]
    fn decodes_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("收入总计2,405.59万元。");
        assert_eq!(decode(&gbk).expect("gbk"), "收入总计2,405.59万元。");
        assert!(decode(&[0x00, 0x01, 0x02, 0x03, 0xFF, 0xFE, 0x80]).is_err());
    }

    // A numbered sentence wrapped between a number and its unit is one paragraph, not a
    // heading followed by a paragraph.
    #[test]
    fn numbered_line_ending_in_a_number_is_a_wrap() {
        let doc = parse("1.一般公共服务支出(类)15.00\n万元,占2.08%。\n");
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(
            doc.plain_text(),
            "1.一般公共服务支出(类)15.00万元,占2.08%。\n"
        );
        let doc = parse("二、收入决算情况说明\n本年收入1,298.54万元。\n");
        assert_eq!(doc.blocks.len(), 2);
    }

    // Hard-wrapped text (lines of one width): a full line that happens to end with ：/。 is
    // a wrap, a short line ends its paragraph; text with one paragraph per line is unchanged.
    #[test]
    fn hard_wrapped_text_joins_full_lines_ending_in_punctuation() {
        let text = "本单位收入总计2,405.59万元，其中：\n\
                    本年收入合计1,298.54万元，年初结转\n\
                    结余1,107.05万元。本年支出合计是：\n\
                    基本支出1,271.72万元，项目支出0.\n\
                    00万元，合计数无误。\n\
                    下一段。\n";
        let doc = parse(text);
        assert_eq!(
            doc.plain_text(),
            "本单位收入总计2,405.59万元，其中：本年收入合计1,298.54万元，年初结转结余1,107.05万元。\
             本年支出合计是：基本支出1,271.72万元，项目支出0.00万元，合计数无误。\n下一段。\n"
        );
        assert_eq!(
            detect_wrap(&running_blocks(&text.split('\n').collect::<Vec<_>>())),
            Some(Wrap {
                measure: Measure::Chars,
                width: 21
            })
        );
        let unwrapped = parse("本年收入合计1,298.54万元。\n其中：甲。\n");
        assert_eq!(unwrapped.blocks.len(), 2);
    }
}
