//! Which table block is which standard table: the title is the paragraph just above the
//! table (at most [`LOOKBACK`] blocks up, never across another table), two paragraphs
//! joined when a long title wrapped ("…支出预算" + "表"), or the table's own first row (a
//! workbook sheet, a Word table with a title row). The unit comes from the 单位 line, which
//! may share its paragraph with the department ("编制部门：… 单位：元").
//!
//! A table block without a title that follows a recognised table of the same width, with
//! only a few short paragraphs in between (a page break with a repeated header), is read as
//! its continuation.

use super::vocab::{norm, StdVocab};
use crate::document::{BlockKind, Document, Table};
use regex::Regex;
use std::sync::OnceLock;

/// How many blocks above a table are searched for its title and unit line.
pub const LOOKBACK: usize = 5;

/// A table block recognised as a standard table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// The table block.
    pub block: usize,
    /// Kind id.
    pub kind: String,
    /// The title as printed.
    pub title: String,
    /// Amount unit ("万元", "元"; "" when no unit line was found).
    pub unit: String,
    /// Rows at the top of the table that hold its title or unit line (not headers).
    pub title_rows: usize,
    /// The block of the table this one continues (no title of its own).
    pub continues: Option<usize>,
}

fn unit_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // The money units are MoneyUnit's (crate::number), which the arithmetic is built on.
        Regex::new(r"单位[:：]?(?:人民币)?(万元|千元|亿元|元)").expect("static unit regex")
    })
}

/// The amount unit a text states ("单位：万元" → "万元").
pub fn unit_of(text: &str) -> Option<&'static str> {
    let n = norm(text);
    let caps = unit_re().captures(&n)?;
    match caps.get(1)?.as_str() {
        "万元" => Some("万元"),
        "千元" => Some("千元"),
        "亿元" => Some("亿元"),
        _ => Some("元"),
    }
}

/// The part of a paragraph that could be a title: before its unit line, without a
/// "部门：…" or "编制单位：…" field.
fn title_part(v: &StdVocab, text: &str) -> String {
    let n = norm(text);
    let before = match n.find("单位:").or_else(|| n.find("单位：")) {
        Some(i) => {
            // "编制单位：…" / "预算单位：…" name the unit, not the amounts.
            let head = &n[..i];
            if v.title
                .unit_field_heads
                .iter()
                .any(|w| head.ends_with(w.as_str()))
            {
                n.as_str()
            } else {
                head
            }
        }
        None => n.as_str(),
    };
    // A field line run into the title (a PDF line "…决算表 编制部门：… 单位：万元" read as one
    // paragraph): the title ends where the field begins.
    let field = v
        .title
        .fields
        .iter()
        .flat_map(|f| [format!("{f}:"), format!("{f}：")])
        .filter_map(|f| before.find(&f))
        .min();
    match field {
        Some(i) => before[..i].to_string(),
        None => before.to_string(),
    }
}

/// The kind named by one candidate text.
fn kind_of<'v>(v: &'v StdVocab, text: &str, department: Option<&str>) -> Option<&'v str> {
    let t = title_part(v, text);
    if t.is_empty() {
        return None;
    }
    v.kind_of_title(&t, department)
        .or_else(|| {
            // A number printed apart from a title that starts with a numeral ("表五 一般公共
            // 预算…"): normalised without the space, "表五一" reads as the number. The words
            // after the first space are tried on their own.
            let (_, rest) = text.trim().split_once(char::is_whitespace)?;
            let r = title_part(v, rest);
            (!r.is_empty())
                .then(|| v.kind_of_title(&r, department))
                .flatten()
        })
        .or_else(|| {
            // A part heading and the title run into one short paragraph ("第二部分 …部门预算表
            // 一、收支预算总表", the title's line joined to the heading above): the numbered
            // title at its end, on its own.
            let tail = numbered_tail(text)?;
            v.kind_of_title(&title_part(v, tail), department)
        })
        .map(|k| k.id.as_str())
}

/// The longest paragraph whose last numbered part is tried as a title on its own.
const TITLE_RUN_CHARS: usize = 60;

/// The last numbered part of a short paragraph ("一、收支预算总表" in "第二部分 …预算表一、收支
/// 预算总表"), when it does not start the paragraph.
fn numbered_tail(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.chars().count() > TITLE_RUN_CHARS {
        return None;
    }
    let (mark, _) = text.char_indices().rev().find(|(_, c)| *c == '、')?;
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let start = text[..mark]
        .char_indices()
        .rev()
        .take_while(|(_, c)| numeral(*c))
        .last()
        .map(|(i, _)| i)?;
    (start > 0).then(|| &text[start..])
}

/// Finds the standard tables of a document.
pub fn recognise(doc: &Document, v: &StdVocab, department: Option<&str>) -> Vec<Recognised> {
    let mut out: Vec<Recognised> = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        let BlockKind::Table(table) = &block.kind else {
            continue;
        };
        // Paragraphs above, nearest first, stopping at a table.
        let mut paras: Vec<&str> = Vec::new();
        for prev in doc.blocks[..b].iter().rev().take(LOOKBACK) {
            match &prev.kind {
                BlockKind::Paragraph(p) => paras.push(p.text.as_str()),
                BlockKind::Table(_) => break,
            }
        }
        let unit_above = paras.iter().find_map(|p| unit_of(p));
        let mut found: Option<(String, String, usize)> = None; // kind, title, title rows
        for (i, p) in paras.iter().enumerate() {
            if let Some(k) = kind_of(v, p, department) {
                found = Some((k.to_string(), p.trim().to_string(), 0));
                break;
            }
            // A title wrapped over two paragraphs: the one above and this one.
            if let Some(above) = paras.get(i + 1) {
                let joined = format!("{above}{p}");
                if let Some(k) = kind_of(v, &joined, department) {
                    found = Some((k.to_string(), joined.trim().to_string(), 0));
                    break;
                }
            }
        }
        let (title_in_table, unit_in_table, rows_used) = title_rows(table, v, department);
        if found.is_none() {
            if let Some((k, t)) = title_in_table {
                found = Some((k, t, rows_used));
            }
        }
        let unit = unit_above
            .or(unit_in_table)
            .or_else(|| header_unit(table))
            .unwrap_or("")
            .to_string();
        match found {
            Some((kind, title, title_rows)) => out.push(Recognised {
                block: b,
                kind,
                title,
                unit,
                title_rows: title_rows.max(if unit_in_table.is_some() {
                    rows_used
                } else {
                    0
                }),
                continues: None,
            }),
            None => {
                // A continuation: the previous table block, recognised, same width, with
                // only short paragraphs (续表, a page header) in between.
                let Some(prev) = out.last() else { continue };
                let between = &doc.blocks[prev.block + 1..b];
                let short = between.len() <= 3
                    && between.iter().all(|x| match &x.kind {
                        BlockKind::Paragraph(p) => p.text.chars().count() <= 40,
                        BlockKind::Table(_) => false,
                    });
                let BlockKind::Table(prev_table) = &doc.blocks[prev.block].kind else {
                    continue;
                };
                if short && prev_table.width() == table.width() && unit_above.is_none() {
                    let origin = prev.continues.unwrap_or(prev.block);
                    out.push(Recognised {
                        block: b,
                        kind: prev.kind.clone(),
                        title: prev.title.clone(),
                        unit: prev.unit.clone(),
                        title_rows: 0,
                        continues: Some(origin),
                    });
                }
            }
        }
    }
    out
}

/// A title and unit line printed inside the table's first rows (one text across the row):
/// (kind and title, unit, rows they take).
#[allow(clippy::type_complexity)]
fn title_rows(
    table: &Table,
    v: &StdVocab,
    department: Option<&str>,
) -> (Option<(String, String)>, Option<&'static str>, usize) {
    let mut kind = None;
    let mut unit = None;
    let mut used = 0;
    for (i, row) in table.rows.iter().take(3).enumerate() {
        let texts: Vec<&str> = row
            .cells
            .iter()
            .filter(|c| !c.is_continuation() && !c.text.trim().is_empty())
            .map(|c| c.text.as_str())
            .collect();
        if texts.is_empty() || texts.len() > 3 {
            break;
        }
        let mut used_row = false;
        for t in &texts {
            if kind.is_none() {
                if let Some(k) = kind_of(v, t, department) {
                    kind = Some((k.to_string(), t.trim().to_string()));
                    used_row = true;
                    continue;
                }
            }
            if unit.is_none() {
                if let Some(u) = unit_of(t) {
                    unit = Some(u);
                    used_row = true;
                }
            }
        }
        if !used_row {
            break;
        }
        used = i + 1;
    }
    (kind, unit, used)
}

/// A unit stated in a header cell ("金额（万元）").
fn header_unit(table: &Table) -> Option<&'static str> {
    for row in table.rows.iter().take(4) {
        for c in &row.cells {
            let n = norm(&c.text);
            // MoneyUnit's units (crate::number), not a vocabulary.
            for u in ["万元", "千元", "亿元", "元"] {
                if n.contains(&format!("（{u}）")) || n.contains(&format!("单位：{u}")) {
                    return Some(match u {
                        "万元" => "万元",
                        "千元" => "千元",
                        "亿元" => "亿元",
                        _ => "元",
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    // The unit line is read with or without a colon, after a department field.
    #[test]
    fn unit_lines() {
        assert_eq!(unit_of("单位：万元"), Some("万元"));
        assert_eq!(unit_of("编制部门：上海市普陀区财政局 单位：元"), Some("元"));
        assert_eq!(unit_of("单位:万元"), Some("万元"));
        assert_eq!(
            unit_of("部门： 江苏省人大常委会办公厅 单位：万元"),
            Some("万元")
        );
        assert_eq!(unit_of("收入支出决算总表"), None);
    }

    // A title run together with its 编制部门 field and unit line is still the title.
    #[test]
    fn title_with_a_field_line() {
        let v = super::super::vocab::builtin().expect("vocab");
        assert_eq!(
            kind_of(v, "支出决算表编制部门：示范局 单位：万元", None),
            Some("final.expenditure")
        );
        assert_eq!(
            kind_of(v, "收入决算表 编制单位：示范局单位：元", None),
            Some("final.income")
        );
    }

    // A number printed apart from a title that starts with 一 is not read as 表五一.
    #[test]
    fn number_apart_from_a_title_starting_with_a_numeral() {
        let v = super::super::vocab::builtin().expect("vocab");
        assert_eq!(
            kind_of(v, "表五 一般公共预算支出功能分类预算表", None),
            Some("budget.gpb_function")
        );
        assert_eq!(
            kind_of(v, "表五 一般公共预算财政拨款支出决算表 单位：万元", None),
            Some("final.gpb_expenditure")
        );
        assert_eq!(kind_of(v, "表五 说明", None), None);
    }

    // A title and a unit line in separate paragraphs above a table.
    #[test]
    fn numbered_title_at_the_end_of_a_heading() {
        assert_eq!(
            numbered_tail("第二部分 省检察院2017年度部门预算表一、收支预算总表"),
            Some("一、收支预算总表")
        );
        assert_eq!(numbered_tail("一、收支预算总表"), None);
        assert_eq!(numbered_tail("收支预算总表"), None);
        let v = crate::extract::standard::vocab::builtin().expect("vocab");
        assert_eq!(
            kind_of(
                v,
                "第二部分 省检察院2017年度部门预算表一、收支预算总表",
                None
            ),
            Some("budget.summary")
        );
        // A long sentence naming a table at its end is not a title.
        let long = "本部门2017年度收支预算总额17,996.68万元，其中财政拨款17,981.68万元，其他资金15.00万元，具体情况详见一、收支预算总表";
        assert_eq!(kind_of(v, long, None), None);
    }

    #[test]
    fn title_above_table() {
        let doc = crate::ingest::text::parse(
            "收入决算表\n单位：万元\n\t项目\n\t本年收入合计\n\n\t合计\n\t10.00\n\n",
        );
        let v = super::super::vocab::builtin().expect("vocab");
        let r = recognise(&doc, v, None);
        assert_eq!(r.len(), 1, "{doc:?}");
        assert_eq!(r[0].kind, "final.income");
        assert_eq!(r[0].unit, "万元");
    }
}
