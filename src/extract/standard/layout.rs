//! A standard table's layout: header rows → value columns with their header paths, label
//! and code columns → side-by-side panels → rows with a code or name, a level and a role →
//! a fact per numeric cell.
//!
//! The reading never guesses a figure: a cell that is not one number is `Unreadable` (and
//! every relation through it not checkable), a row with figures but no name among named rows
//! is marked unsure.
//!
//! - Header rows are the rows above the first row that holds a number or a classification
//!   code (a column-numbering row 栏次 | 1 | 2 … is skipped). A header spanning the whole
//!   table (a banner) is left out of the paths.
//! - A column is a label column when its header is a label word (项目, 科目名称 …) or its
//!   data cells hold words and no numbers; a code column when its header names codes (编码,
//!   代码, 类/款/项); a value column otherwise. A new panel starts at a label column that
//!   follows a value column.
//! - Codes split over 类|款|项 columns are joined, a one-digit 款 read as two ("301" "2" →
//!   30102, as Excel prints 02).
//! - A label that spans into the next panel ("当年支出小计" over 功能分类 and 支出用途)
//!   gives both panels the same figure; so does such a label in a text, where the span is
//!   not printed and the figure stands under no name in the last panel.

use super::recognise::Recognised;
use super::spans;
use super::vocab::{norm, StdVocab};
use super::{CellValue, RowRole, StdColumn, StdRow, StdTable};
use crate::document::{Location, Table};
use crate::extract::tables::{grid, GridRow};
use crate::extract::{CellRef, Extraction, Fact, FactKind};
use crate::number::{parse_number, MoneyUnit, Number};

/// What a grid column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColKind {
    Label,
    Code,
    Value,
    Unused,
}

/// A row name's numbering level (1 for 一、, 2 for 1. / （一）, 3 for （1）) and the name
/// without it.
pub fn strip_numbering(name: &str) -> (Option<u8>, String) {
    let n = norm(name);
    let chars: Vec<char> = n.chars().collect();
    // Numbering syntax (Chinese numerals), not phrasing.
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let take = |k: usize| chars[k..].iter().collect::<String>();
    // 一、 二． 十一、
    let k = chars.iter().take_while(|c| cn(**c)).count();
    if (1..=3).contains(&k) && matches!(chars.get(k), Some('、' | '.' | '．')) {
        return (Some(1), take(k + 1));
    }
    // （一） （1）
    if chars.first() == Some(&'（') {
        let inner: String = chars[1..].iter().take_while(|c| **c != '）').collect();
        let len = inner.chars().count();
        if (1..=3).contains(&len) && chars.get(len + 1) == Some(&'）') {
            if inner.chars().all(cn) {
                return (Some(2), take(len + 2));
            }
            if inner.chars().all(|c| c.is_ascii_digit()) {
                return (Some(3), take(len + 2));
            }
        }
    }
    // 1. 1、 1． (not 1.5: a digit after the point is a number)
    let k = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&k) && matches!(chars.get(k), Some('、' | '.' | '．')) {
        let next = chars.get(k + 1);
        if next.is_some_and(|c| !c.is_ascii_digit()) {
            return (Some(2), take(k + 1));
        }
    }
    (None, n)
}

/// The key of a row name: numbering and a leading 其中 removed.
pub fn name_key(name: &str, v: &StdVocab) -> String {
    let (_, mut n) = strip_numbering(name);
    for w in &v.layout.of_which {
        if let Some(rest) = n.strip_prefix(w.as_str()) {
            n = rest.trim_start_matches([':', '：']).to_string();
            break;
        }
    }
    n
}

/// True for a classification code as printed in one column: 3 to 7 digits, or a 1–2 digit
/// part of a split code.
fn is_code_text(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    !t.is_empty() && t.len() <= 7 && t.bytes().all(|b| b.is_ascii_digit())
}

/// A number as printed in a value cell (spaces inside removed); `None` for anything else.
fn cell_number(text: &str) -> Option<Number> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    let mut n = parse_number(&t)?;
    n.stated = text.trim().to_string();
    Some(n)
}

/// True for a column-numbering row (栏次 | 1 | 2 | 3 …; the words are `numbering_rows` of
/// `[layout]`).
fn is_numbering_row(row: &GridRow, v: &StdVocab) -> bool {
    let texts: Vec<&str> = row.texts().map(|s| s.text.as_str()).collect();
    let word = |t: &str| {
        let n = norm(t);
        v.layout.numbering_rows.contains(&n)
    };
    // "栏次 | | 1 | 栏次 | | 2": the words and column numbers only (a header row naming a
    // 行次 column among others is not one).
    if texts.iter().any(|t| word(t))
        && texts
            .iter()
            .all(|t| word(t) || t.trim().parse::<u32>().is_ok())
    {
        return true;
    }
    let nums: Vec<u32> = texts
        .iter()
        .filter_map(|t| t.trim().parse::<u32>().ok())
        .collect();
    nums.len() >= 3 && nums.len() == texts.len() && nums.windows(2).all(|w| w[1] == w[0] + 1)
}

/// True when a row holds a figure (or a code): the first data row.
fn is_data_row(row: &GridRow) -> bool {
    row.texts().any(|s| cell_number(&s.text).is_some())
}

/// Reads a recognised table (and the blocks that continue it) into the typed model, pushing
/// a fact per numeric cell.
pub fn read(
    parts: &[(&Table, &Location)],
    rec: &Recognised,
    v: &StdVocab,
    ex: &mut Extraction,
) -> StdTable {
    let base = parts.first().map(|p| p.1.clone()).unwrap_or_default();
    let mut table = StdTable {
        kind: rec.kind.clone(),
        title: rec.title.clone(),
        unit: rec.unit.clone(),
        location: base.clone(),
        columns: Vec::new(),
        rows: Vec::new(),
        panels: 0,
        empty: true,
        notes: Vec::new(),
        indent_levels: Vec::new(),
    };
    // The first part defines the header; continuation parts repeat it or start with data.
    let Some((first, first_loc)) = parts.first() else {
        return table;
    };
    let rows0 = grid(first);
    let skip = rec.title_rows.min(rows0.len());
    let rows0 = &rows0[skip..];
    let header_end = rows0
        .iter()
        .position(|r| is_data_row(r) && !is_numbering_row(r, v))
        .unwrap_or(rows0.len());
    let headers: Vec<&GridRow> = rows0[..header_end]
        .iter()
        .filter(|r| !is_numbering_row(r, v))
        .collect();
    let mut data: Vec<(GridRow, Location)> = rows0[header_end..]
        .iter()
        .map(|r| (r.clone(), (*first_loc).clone()))
        .collect();
    let header_sig: Vec<String> = headers.iter().map(|h| h.quote()).collect();
    for (t, loc) in parts.iter().skip(1) {
        let rows = grid(t);
        // A repeated header is skipped: rows equal to the first part's header rows, and its
        // column-numbering row (栏次 | 1 | 2 …, which holds numbers but is no data row).
        let mut start = 0;
        while start < rows.len()
            && (is_numbering_row(&rows[start], v)
                || (header_sig.contains(&rows[start].quote()) && !is_data_row(&rows[start])))
        {
            start += 1;
        }
        data.extend(rows[start..].iter().map(|r| (r.clone(), (*loc).clone())));
    }
    if !data
        .iter()
        .any(|(r, _)| r.texts().any(|s| cell_number(&s.text).is_some()))
    {
        return table; // no figure: an empty table
    }
    table.empty = false;
    let width = std::iter::once(first.width())
        .chain(parts.iter().skip(1).map(|(t, _)| t.width()))
        .max()
        .unwrap_or(0);
    let paths = header_paths(&headers, width);
    let kinds = classify(&paths, &data, width, v);
    // Panels: a label/code column after a value column starts a new panel.
    let mut panel_of = vec![0usize; width];
    let mut panel = 0usize;
    let mut seen_value = false;
    for c in 0..width {
        match kinds[c] {
            ColKind::Label | ColKind::Code => {
                if seen_value {
                    panel += 1;
                    seen_value = false;
                }
            }
            ColKind::Value => seen_value = true,
            ColKind::Unused => {}
        }
        panel_of[c] = panel;
    }
    table.panels = panel + 1;
    for c in 0..width {
        if kinds[c] == ColKind::Value {
            let key = paths[c]
                .iter()
                .map(|p| norm(p))
                .collect::<Vec<_>>()
                .join("/");
            table.columns.push(StdColumn {
                key,
                path: paths[c].clone(),
                panel: panel_of[c],
                grid_col: c,
            });
        }
    }
    let cols_unkeyed: Vec<usize> = table
        .columns
        .iter()
        .filter(|c| c.key.is_empty())
        .map(|c| c.grid_col)
        .collect();
    if !cols_unkeyed.is_empty() && table.columns.len() > 1 {
        table
            .notes
            .push(format!("value columns without a header: {cols_unkeyed:?}"));
    }
    read_rows(&mut table, &data, &kinds, &panel_of, v, ex);
    table
}

/// The header path over each grid column (banners spanning the whole table left out).
fn header_paths(headers: &[&GridRow], width: usize) -> Vec<Vec<String>> {
    let mut paths = vec![Vec::<String>::new(); width];
    for h in headers {
        // Text covering each column in this header row.
        let mut cover: Vec<Option<&str>> = vec![None; width];
        for s in &h.slots {
            if s.text.is_empty() {
                continue;
            }
            let end = (s.col + s.span).min(width);
            for c in cover.iter_mut().take(end).skip(s.col) {
                *c = Some(s.text.as_str());
            }
        }
        let banner = width > 1
            && cover.iter().all(|c| c.is_some())
            && cover.windows(2).all(|w| w[0] == w[1]);
        if banner {
            continue;
        }
        for (c, t) in cover.iter().enumerate() {
            if let Some(t) = t {
                let t = t.trim();
                if paths[c].last().map(String::as_str) != Some(t) {
                    paths[c].push(t.to_string());
                }
            }
        }
    }
    paths
}

/// Classifies each grid column from its header and its data cells.
fn classify(
    paths: &[Vec<String>],
    data: &[(GridRow, Location)],
    width: usize,
    v: &StdVocab,
) -> Vec<ColKind> {
    let mut kinds = vec![ColKind::Unused; width];
    for c in 0..width {
        let (mut nums, mut texts, mut codes, mut any) = (0usize, 0usize, 0usize, false);
        for (r, _) in data {
            let Some(s) = r.slots.iter().find(|s| s.col == c) else {
                continue;
            };
            if s.cont {
                continue;
            }
            let t = s.text.trim();
            if t.is_empty() {
                continue;
            }
            any = true;
            if is_code_text(t) {
                codes += 1;
            }
            if cell_number(t).is_some() {
                nums += 1;
            } else if !v.is_not_applicable(t) {
                texts += 1;
            }
        }
        let header = paths[c].last().map(|h| norm(h)).unwrap_or_default();
        let code_header = !header.is_empty()
            && v.layout.code_headers.iter().any(|w| {
                if w.chars().count() == 1 {
                    header == *w
                } else {
                    header.contains(w.as_str())
                }
            });
        let label_header = v.layout.label_headers.contains(&header);
        kinds[c] = if v.layout.line_headers.contains(&header) {
            ColKind::Unused
        } else if code_header && (codes > 0 || !any || texts == 0) {
            ColKind::Code
        } else if label_header || (texts > 0 && nums == 0) {
            ColKind::Label
        } else if nums > 0 || (!header.is_empty() && !any) || (any && texts > 0) {
            ColKind::Value
        } else {
            ColKind::Unused
        };
    }
    kinds
}

/// Per panel: its code columns, label columns and value columns (grid indices).
struct PanelCols {
    codes: Vec<usize>,
    labels: Vec<usize>,
}

fn panel_cols(kinds: &[ColKind], panel_of: &[usize], panel: usize) -> PanelCols {
    let mut p = PanelCols {
        codes: Vec::new(),
        labels: Vec::new(),
    };
    for (c, k) in kinds.iter().enumerate() {
        if panel_of[c] != panel {
            continue;
        }
        match k {
            ColKind::Code => p.codes.push(c),
            ColKind::Label => p.labels.push(c),
            _ => {}
        }
    }
    p
}

/// Joins a code split over columns ("201" "05" "07" → 2010507; a one-digit part is padded).
fn join_code(parts: &[String]) -> Option<String> {
    let parts: Vec<String> = parts
        .iter()
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut code = parts[0].clone();
    for p in &parts[1..] {
        if p.len() == 1 {
            code.push('0');
        }
        code.push_str(p);
    }
    Some(code)
}

/// True for a well-formed code: 3, 5 or 7 digits, and when split over columns a 3-digit
/// first part.
fn valid_code(parts: &[String], code: &str) -> bool {
    let first = parts
        .iter()
        .map(|p| p.trim())
        .find(|p| !p.is_empty())
        .unwrap_or("");
    matches!(code.len(), 3 | 5 | 7) && (parts.len() < 2 || first.len() == 3)
}

/// A split code whose first part is misprinted, completed from the row above when the
/// rest continues it: "7 | 11 | 02" under 21011 reads 2101102.
fn infer_code(parts: &[String], above: Option<&str>) -> Option<String> {
    let above = above?;
    if parts.len() < 2 || above.len() < 5 {
        return None;
    }
    let rest: Vec<String> = parts[1..]
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let kuan = rest.first()?;
    let kuan = if kuan.len() == 1 {
        format!("0{kuan}")
    } else {
        kuan.clone()
    };
    if above.get(3..5) != Some(kuan.as_str()) {
        return None;
    }
    let mut code = above[..3].to_string();
    for p in &rest {
        if p.len() == 1 {
            code.push('0');
        }
        code.push_str(p);
    }
    matches!(code.len(), 5 | 7).then_some(code)
}

/// A code printed at the start of a name cell ("2010101 行政运行").
fn code_in_name(name: &str) -> Option<(String, String)> {
    let t = name.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !(3..=7).contains(&digits.len()) {
        return None;
    }
    let rest = t[digits.len()..].trim();
    if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    Some((digits, rest.to_string()))
}

fn read_rows(
    table: &mut StdTable,
    data: &[(GridRow, Location)],
    kinds: &[ColKind],
    panel_of: &[usize],
    v: &StdVocab,
    ex: &mut Extraction,
) {
    let multi = table.panels > 1;
    let money = MoneyUnit::parse(&table.unit).filter(|_| !table.unit.is_empty());
    for p in 0..table.panels {
        let pc = panel_cols(kinds, panel_of, p);
        let mut group: Option<String> = None;
        let mut last_code: Option<String> = None;
        let label_path = v.kind(&table.kind).is_some_and(|k| k.label_path) && pc.labels.len() >= 3;
        // The latest name seen in each label column (label_path tables).
        let mut path: Vec<String> = vec![String::new(); pc.labels.len()];
        for (ri, (row, loc)) in data.iter().enumerate() {
            // Label texts (owner or continuation) of this panel.
            let label_of = |c: usize| {
                row.slots
                    .iter()
                    .find(|s| s.col <= c && c < s.col + s.span.max(1))
                    .map(|s| s.text.trim().to_string())
                    .unwrap_or_default()
            };
            let code_parts: Vec<String> = pc.codes.iter().map(|&c| label_of(c)).collect();
            let mut code = join_code(&code_parts);
            let mut code_note = None;
            if let Some(c) = &code {
                if !valid_code(&code_parts, c) {
                    // A misprinted 类 ("7" for 210) under a row whose 款 it shares is read
                    // from its position; anything else leaves the row without a code.
                    match infer_code(&code_parts, last_code.as_deref()) {
                        Some(inferred) => {
                            table.notes.push(format!(
                                "row {}: code printed as {}, read as {inferred} from the rows above it",
                                row.index,
                                code_parts.join(" ")
                            ));
                            code = Some(inferred);
                        }
                        None => {
                            code_note = Some(format!(
                                "the classification code is printed as {}",
                                code_parts.join(" ")
                            ));
                            code = None;
                        }
                    }
                }
            }
            if code.is_some() {
                last_code = code.clone();
            }
            let labels: Vec<String> = pc.labels.iter().map(|&c| label_of(c)).collect();
            let name_indent = pc
                .labels
                .iter()
                .rev()
                .find(|&&c| !label_of(c).is_empty())
                .and_then(|&c| {
                    row.slots
                        .iter()
                        .find(|s| !s.cont && s.col <= c && c < s.col + s.span.max(1))
                })
                .and_then(|s| s.indent);
            let mut name = labels
                .iter()
                .rev()
                .find(|l| !l.is_empty())
                .cloned()
                .unwrap_or_default();
            // A code column holding a total's name ("合计" spans the code and name columns).
            if name.is_empty() && code.is_none() {
                if let Some(t) = code_parts.iter().find(|t| !t.is_empty()) {
                    name = t.clone();
                }
            }
            if code.is_none() {
                if let Some((c, n)) = code_in_name(&name) {
                    code = Some(c);
                    name = n;
                }
            }
            // Several label columns (收入预算总表: 一般公共预算资金 | 小计; 政府采购: 大类 | 专项 |
            // 物品): the leftmost column holding the row's own text gives its level, and a
            // 小计 to its right makes the row its group's total.
            let mut row_group = None;
            let mut col_level = None;
            let mut group_total = None;
            if pc.labels.len() >= 2 {
                let owner = pc.labels.iter().position(|&c| {
                    row.slots
                        .iter()
                        .any(|s| s.col == c && !s.cont && !s.text.trim().is_empty())
                });
                if let Some(i) = owner {
                    name = labels[i].clone();
                    col_level = Some(i as u8 + 1);
                    if let Some(right) = labels.get(i + 1) {
                        let r = norm(right);
                        if r != norm(&name) && v.is_total(&r) {
                            group_total = Some(r);
                        }
                    }
                    if i == 0 {
                        group = Some(name.clone());
                    } else {
                        row_group = group.clone();
                    }
                }
            }
            let cells: Vec<(usize, usize)> = table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.panel == p)
                .map(|(i, c)| (i, c.grid_col))
                .collect();
            let mut values: Vec<Option<CellValue>> = vec![None; table.columns.len()];
            let mut any_value = false;
            for &(ci, gc) in &cells {
                let slot = row
                    .slots
                    .iter()
                    .find(|s| s.col <= gc && gc < s.col + s.span.max(1));
                let val = match slot {
                    None => CellValue::Blank,
                    Some(s) if s.cont || s.col != gc => {
                        // Covered by a label spanning into this panel's value column: the
                        // figure is the spanned label's in the next panel (found below).
                        if !s.text.trim().is_empty() && cell_number(&s.text).is_none() {
                            CellValue::Unreadable
                        } else {
                            CellValue::Blank
                        }
                    }
                    Some(s) => {
                        let t = s.text.trim();
                        if t.is_empty() {
                            CellValue::Blank
                        } else if v.is_not_applicable(t) {
                            CellValue::NotApplicable
                        } else if let Some(n) = cell_number(t) {
                            any_value = true;
                            let f = push_cell_fact(ex, &n, money, &table.unit, row, loc, gc);
                            CellValue::Fact(f)
                        } else {
                            CellValue::Unreadable
                        }
                    }
                };
                values[ci] = Some(val);
            }
            if name.is_empty() && code.is_none() && !any_value {
                continue; // nothing in this panel on this row
            }
            let (num_level, _) = strip_numbering(&name);
            let mut key_name = name_key(&name, v);
            // 政府采购表: 大类 | 专项 | 经济科目 | 物品. A line naming a 经济科目 (with its 专项
            // on the same line or above) is keyed by the path and sits at level 3.
            if label_path {
                if let Some(i) = col_level.map(|l| usize::from(l) - 1) {
                    if i < path.len() {
                        path[i] = name_key(&labels[i], v);
                        for p in path.iter_mut().skip(i + 1) {
                            p.clear();
                        }
                        if i == 1 && labels.get(2).is_some_and(|l| !l.is_empty()) {
                            path[2] = name_key(&labels[2], v);
                            col_level = Some(3);
                        }
                        if col_level == Some(3) && path[..3].iter().all(|p| !p.is_empty()) {
                            key_name = path[..3].join("/");
                        }
                        // Items and the columns right of them (采购组织形式) are one level.
                        if i >= 3 {
                            col_level = Some(4);
                        }
                    }
                }
            }
            let raw_norm = norm(&name);
            let role = if v.is_of_which(&raw_norm) {
                RowRole::OfWhich
            } else if group_total.is_some() {
                RowRole::Total
            } else if v.is_grand_total(&key_name) && row_group.is_none() {
                RowRole::GrandTotal
            } else if v.is_total(&key_name) {
                RowRole::Total
            } else {
                RowRole::Detail
            };
            let level = match (&code, role, col_level) {
                // A group's 小计 heads its group: level 1, the items under it level 2.
                (_, RowRole::Total, Some(l)) if group_total.is_some() => l,
                (_, RowRole::Total | RowRole::GrandTotal, _) => 0,
                (Some(c), _, _) => match c.len() {
                    0..=3 => 1,
                    4..=5 => 2,
                    _ => 3,
                },
                (None, _, Some(l)) => l,
                (None, _, None) => num_level.unwrap_or(1),
            };
            let mut key = match &code {
                Some(c) => c.clone(),
                None => {
                    let base = match &group_total {
                        Some(t) => format!("{key_name}/{t}"),
                        None => key_name.clone(),
                    };
                    if multi {
                        format!("{}:{}", p + 1, base)
                    } else {
                        base
                    }
                }
            };
            let mut unsure = code_note;
            if name.is_empty() && code.is_none() {
                key = if multi {
                    format!("{}:?{}", p + 1, ri)
                } else {
                    format!("?{ri}")
                };
                if !pc.labels.is_empty() || !pc.codes.is_empty() {
                    unsure = Some("a row with figures but no name".to_string());
                }
            }
            if pc.labels.is_empty() && pc.codes.is_empty() && name.is_empty() {
                key = "-".to_string();
                unsure = None;
            }
            table.rows.push(StdRow {
                key,
                code,
                name: name.chars().filter(|c| !c.is_whitespace()).collect(),
                group: row_group,
                level,
                role,
                panel: p,
                grid_row: row.index,
                page: row.page.or(loc.page),
                values,
                unsure,
                quote: row.quote(),
                indent: name_indent,
            });
        }
    }
    for p in 0..table.panels {
        function_name_levels(table, p, v);
    }
    spans::name_unprinted_spans(table);
    spans::link_spanned_labels(table, data);
    fill_cell_refs(table, ex);
}

/// True when a panel of a function table (`functions` kinds) prints its subjects by name
/// only: no row with a code, no row in a group of several label columns, no detail row
/// numbered 一、/1., at least one detail row.
pub fn names_only_functions(kind: &str, rows: &[&StdRow], v: &StdVocab) -> bool {
    v.kind(kind).is_some_and(|k| k.functions)
        && rows.iter().all(|r| r.code.is_none() && r.group.is_none())
        && rows.iter().any(|r| r.role == RowRole::Detail)
        && rows
            .iter()
            .filter(|r| r.role == RowRole::Detail)
            .all(|r| strip_numbering(&r.name).0.is_none())
}

/// The detail rows (subjects, not totals or 其中 lines) among `rows`, in order.
pub fn detail_rows<'a>(rows: &[&'a StdRow]) -> Vec<&'a StdRow> {
    rows.iter()
        .copied()
        .filter(|r| r.role == RowRole::Detail)
        .collect()
}

/// True for a row named as a 类 of the 支出功能分类.
pub fn is_class_name(r: &StdRow, v: &StdVocab) -> bool {
    v.layout.class_names.contains(&norm(&r.name))
}

/// Levels of a function panel printed by name only. When the names' indentation tells the
/// levels without doubt ([`indent_levels`]), a 类 is level 1, a 款 2 and a 项 3; otherwise a 类
/// (by its name) is level 1 and a row under it 2 (款 or 项: not certain, and never summed as if
/// it were). A 款 or 项 name printed again in the panel (行政运行 under two 款) is keyed
/// `name#2`, `name#3` … so that its relations stay apart.
fn function_name_levels(table: &mut StdTable, panel: usize, v: &StdVocab) {
    let rows: Vec<&StdRow> = table.rows.iter().filter(|r| r.panel == panel).collect();
    if !names_only_functions(&table.kind, &rows, v) {
        return;
    }
    let details = detail_rows(&rows);
    let by_indent = indent_levels(&details, v);
    let mut levels = by_indent.clone().unwrap_or_default().into_iter();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut notes = false;
    for r in table.rows.iter_mut().filter(|r| r.panel == panel) {
        if r.role != RowRole::Detail {
            continue;
        }
        r.level = match levels.next() {
            Some(l) => l + 1,
            None if is_class_name(r, v) => 1,
            None => 2,
        };
        notes = true;
        if r.level == 1 {
            continue; // a 类 printed again (over a page break) is the same row, counted once
        }
        let n = seen.entry(r.key.clone()).or_default();
        *n += 1;
        if *n > 1 {
            r.key = format!("{}#{n}", r.key);
        }
    }
    if by_indent.is_some() {
        table.indent_levels.push(panel);
        table.notes.push(
            "subjects printed by name only: 类, 款 and 项 told apart by the names' indentation"
                .to_string(),
        );
    } else if notes {
        table.notes.push(
            "subjects printed by name only: 类 known by name, 款 and 项 not told apart".to_string(),
        );
    }
}

/// How far apart two indentation tiers must be, in tenths of an em (half a full-width
/// character: a plain space).
const TIER_GAP: u16 = 5;

/// How far the indents of one tier may spread, in tenths of an em (a PDF's glyph positions).
const TIER_SPREAD: u16 = 3;

/// The levels (0 类, 1 款, 2 项) that the names' indentation gives the detail rows of a panel
/// printed by name only, when it gives them without doubt: every name's indent is known;
/// the indents fall into two or three tiers at least [`TIER_GAP`] apart, each spread over
/// at most [`TIER_SPREAD`]; the outermost tier holds exactly the rows named as 类 (a name
/// that is also a 款's or 项's, 其他支出, may stand deeper); the panel starts with a 类 and
/// goes down one tier at a time. Anything else (centred names, one tier, a 款 name flush
/// with the 类) leaves the levels unknown.
fn indent_levels(details: &[&StdRow], v: &StdVocab) -> Option<Vec<u8>> {
    let indents: Vec<u16> = details.iter().map(|r| r.indent).collect::<Option<_>>()?;
    let mut distinct = indents.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut tiers: Vec<(u16, u16)> = Vec::new();
    for d in distinct {
        match tiers.last_mut() {
            Some(t) if d - t.0 <= TIER_SPREAD => t.1 = d,
            _ => tiers.push((d, d)),
        }
    }
    if !(2..=3).contains(&tiers.len()) || tiers.windows(2).any(|w| w[1].0 - w[0].1 < TIER_GAP) {
        return None;
    }
    let levels: Vec<u8> = indents
        .iter()
        .map(|&i| tiers.iter().position(|t| t.0 <= i && i <= t.1).unwrap_or(0) as u8)
        .collect();
    for (r, &l) in details.iter().zip(&levels) {
        let class = is_class_name(r, v);
        let ambiguous = v.layout.ambiguous_class_names.contains(&norm(&r.name));
        if (l == 0 && !class) || (l > 0 && class && !ambiguous) {
            return None;
        }
    }
    if levels.first() != Some(&0) || levels.windows(2).any(|w| w[1] > w[0] + 1) {
        return None;
    }
    Some(levels)
}

fn push_cell_fact(
    ex: &mut Extraction,
    n: &Number,
    money: Option<MoneyUnit>,
    unit: &str,
    row: &GridRow,
    loc: &Location,
    col: usize,
) -> usize {
    let (kind, value_wan) = match money {
        Some(u) => (FactKind::Amount, u.to_wan(n.value)),
        None => (FactKind::Count, None),
    };
    ex.push_fact(Fact {
        id: String::new(),
        label: String::new(),
        concept: None,
        kind,
        value: n.value,
        stated: n.stated.clone(),
        decimals: n.decimals,
        unit: if money.is_some() {
            unit.to_string()
        } else {
            String::new()
        },
        value_wan,
        project: None,
        quote: row.quote(),
        location: Location {
            page: row.page.or(loc.page),
            block: loc.block,
            row: Some(row.index),
            col: Some(col),
            line: row.line.or(loc.line),
            ..Location::default()
        },
        cell: None,
    })
}

/// Labels every cell fact with its row and column.
fn fill_cell_refs(table: &StdTable, ex: &mut Extraction) {
    for r in &table.rows {
        for (ci, v) in r.values.iter().enumerate() {
            let Some(CellValue::Fact(f)) = v else {
                continue;
            };
            let Some(fact) = ex.facts.get_mut(*f) else {
                continue;
            };
            if fact.cell.is_some() {
                continue; // a spanned total's figure keeps its own panel's reference
            }
            let col = &table.columns[ci];
            let row_label = match &r.code {
                Some(c) => format!("{c} {}", r.name),
                None => match &r.group {
                    Some(g) => format!("{g}/{}", r.name),
                    None => r.name.clone(),
                },
            };
            fact.label = if col.key.is_empty() {
                row_label
            } else {
                format!("{row_label}/{}", col.key)
            };
            fact.cell = Some(CellRef {
                table: table.kind.clone(),
                row: r.key.clone(),
                code: r.code.clone(),
                name: r.name.clone(),
                column: col.key.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Numbering levels and names.
    #[test]
    fn numbering() {
        assert_eq!(
            strip_numbering("一、一般公共预算财政拨款收入"),
            (Some(1), "一般公共预算财政拨款收入".into())
        );
        assert_eq!(
            strip_numbering("1.一般公共预算"),
            (Some(2), "一般公共预算".into())
        );
        assert_eq!(
            strip_numbering("1. 一般公共预算资金"),
            (Some(2), "一般公共预算资金".into())
        );
        assert_eq!(
            strip_numbering("（一）人员经费"),
            (Some(2), "人员经费".into())
        );
        assert_eq!(
            strip_numbering("(1)公务用车购置"),
            (Some(3), "公务用车购置".into())
        );
        assert_eq!(
            strip_numbering("本年收入合计"),
            (None, "本年收入合计".into())
        );
    }

    // A table continued after 续表 with its header and 栏次 row repeated: the repeated rows
    // are no data rows (the 栏次 numbers are no figures of a row).
    #[test]
    fn repeated_numbering_row_is_skipped() {
        let header = "\t科目编码\n\t科目名称\n\t合计\n\n\t栏次\n\t\n\t1\n\n";
        let text = format!(
            "支出决算表\n\n单位：万元\n\n{header}\t\n\t合计\n\t3.00\n\n\t201\n\t一般公共服务支出\n\t3.00\n\n\n续表\n\n{header}\t20101\n\t人大事务\n\t3.00\n\n\n"
        );
        let doc = crate::ingest::text::parse(&text);
        let set = crate::patterns::PatternSet::builtin().expect("patterns");
        let ex = crate::extract::extract(&doc, &set);
        assert_eq!(ex.std_tables.len(), 1);
        let keys: Vec<&str> = ex.std_tables[0]
            .rows
            .iter()
            .map(|r| r.key.as_str())
            .collect();
        assert_eq!(keys, vec!["合计", "201", "20101"]);
    }

    // Split codes are joined with a one-digit 款 padded.
    #[test]
    fn codes() {
        assert_eq!(
            join_code(&["201".into(), "05".into(), "07".into()]).as_deref(),
            Some("2010507")
        );
        assert_eq!(
            join_code(&["301".into(), "2".into()]).as_deref(),
            Some("30102")
        );
        assert_eq!(
            join_code(&["301".into(), "".into()]).as_deref(),
            Some("301")
        );
        assert_eq!(join_code(&["".into()]), None);
        assert_eq!(
            code_in_name("2010101 行政运行"),
            Some(("2010101".into(), "行政运行".into()))
        );
        assert_eq!(code_in_name("1,234.00"), None);
    }
}
