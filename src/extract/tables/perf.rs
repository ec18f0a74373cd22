//! Reading a 绩效自评表 (项目支出 / 单位整体支出 / 部门整体支出绩效自评表) laid on the grid:
//! title and name rows, the funds block (header row + funds rows), 年度总体目标, the indicator
//! block (header row + indicator rows + 总分). Every numeric cell becomes a fact tagged with
//! the project; [`super::relations`] then states what the table asserts.
//!
//! The reader is a small state machine over rows: a recognised header row switches the
//! section, and a row is read by the section it is in. Rows that belong to no section still
//! give their numeric cells as facts (nothing is skipped silently).

use super::cell::Qty;
use super::relations;
use super::vocab::{is_one_of, FundsField, IndField, Vocab};
use super::{label_text, loc_at, GridRow, Slot};
use crate::document::{DocWarning, Location};
use crate::extract::{narrative, Extraction, FundsRow, IndicatorRow, PerfTable, PerfTableKind};
use crate::patterns::PatternSet;
use std::ops::Range;

/// A run of rows of one table block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A 绩效自评表.
    Perf(Range<usize>),
    /// Rows before the first 绩效自评表 title that are not one.
    Other(Range<usize>),
}

/// A column of a recognised header row.
#[derive(Debug, Clone)]
pub(crate) struct Col<F> {
    pub start: usize,
    pub end: usize,
    pub field: F,
    /// The header as printed (whitespace removed).
    pub header: String,
}

/// A recognised header row.
#[derive(Debug, Clone)]
pub(crate) struct Header<F> {
    pub cols: Vec<Col<F>>,
    /// Header cells that named no known column.
    pub unknown: Vec<String>,
}

impl<F: Copy + PartialEq> Header<F> {
    pub(crate) fn col(&self, field: F) -> Option<&Col<F>> {
        self.cols.iter().find(|c| c.field == field)
    }

    /// The owner cell (with text) of `row` under column `col`. Each owner cell belongs to the
    /// one header column it overlaps most (leftmost on ties): a Word grid whose data cells do
    /// not line up with its header cells still reads right, and no cell counts twice.
    /// Cells that start left of the first header column are row labels, never values.
    pub(crate) fn cell<'r>(&self, row: &'r GridRow, col: &Col<F>) -> Option<&'r Slot> {
        let first = self.cols.iter().map(|c| c.start).min().unwrap_or(0);
        row.texts()
            .find(|s| s.col >= first && self.best_col(s).is_some_and(|b| std::ptr::eq(b, col)))
    }

    /// The text of [`Header::cell`], or "".
    pub(crate) fn text<'r>(&self, row: &'r GridRow, col: &Col<F>) -> &'r str {
        self.cell(row, col).map_or("", |s| s.text.as_str())
    }

    fn best_col(&self, s: &Slot) -> Option<&Col<F>> {
        let (a, b) = (s.col, s.col + s.span);
        let mut best: Option<(usize, &Col<F>)> = None;
        for c in &self.cols {
            let overlap = b.min(c.end).saturating_sub(a.max(c.start));
            if overlap > 0 && best.is_none_or(|(o, _)| overlap > o) {
                best = Some((overlap, c));
            }
        }
        best.map(|(_, c)| c)
    }
}

/// A funds row as read, with what statements need.
#[derive(Debug, Clone)]
pub(crate) struct FundsData {
    pub row: FundsRow,
    /// Cell text per field (empty when absent).
    pub texts: Vec<(FundsField, String)>,
    pub quote: String,
}

/// An indicator row as read.
#[derive(Debug, Clone)]
pub(crate) struct IndData {
    pub row: IndicatorRow,
    /// The target quantity and its fact.
    pub target: Option<(Qty, usize)>,
    /// The actual quantity and its fact.
    pub actual: Option<(Qty, usize)>,
    pub quote: String,
}

/// Everything read from one 绩效自评表.
#[derive(Debug, Clone)]
pub(crate) struct PerfRead {
    pub table: PerfTable,
    pub funds: Vec<FundsData>,
    pub inds: Vec<IndData>,
    /// The 总分 row (quote, location).
    pub total_row: Option<(String, Location)>,
    /// The indicator header row (quote, location).
    pub ind_header: Option<(String, Location)>,
    /// Facts read from the 预期目标 / 实际完成情况 texts, with where the text is.
    pub goal_facts: Vec<usize>,
    pub achieved_facts: Vec<usize>,
    pub goal_loc: Option<Location>,
}

fn is_title(row: &GridRow, vocab: &Vocab) -> Option<PerfTableKind> {
    row.texts().find_map(|s| {
        // Prose (longer than MAX_TITLE_BYTES) normalises to "": not a title.
        let t = s.norm();
        if t.is_empty() || !t.contains(&vocab.titles.marker) {
            return None;
        }
        let unit = vocab.titles.unit.iter().any(|u| t.contains(u.as_str()));
        Some(if unit {
            PerfTableKind::Unit
        } else {
            PerfTableKind::Project
        })
    })
}

fn funds_header(row: &GridRow, vocab: &Vocab) -> Option<Header<FundsField>> {
    let mut h = header(row, |s| vocab.funds_field_norm(s.header()));
    // The section cell ("项目资金（万元）") is not an unrecognised column.
    h.unknown.retain(|t| !is_one_of(&vocab.funds.sections, t));
    let amounts = h
        .cols
        .iter()
        .filter(|c| {
            matches!(
                c.field,
                FundsField::BudgetInitial | FundsField::BudgetFull | FundsField::Executed
            )
        })
        .count();
    (amounts >= 2).then_some(h)
}

/// The indicator column a header cell names.
fn ind_field(vocab: &Vocab, s: &Slot) -> Option<IndField> {
    vocab.ind_field_norm(s.header())
}

fn ind_header(row: &GridRow, vocab: &Vocab) -> Option<Header<IndField>> {
    let mut h = header(row, |s| ind_field(vocab, s));
    if h.cols.is_empty() {
        return None;
    }
    // Columns the vocabulary does not know are still kept (in IndicatorRow::other), except a
    // section label left of the tree ("绩效指标", "年度绩效指标完成情况"), which is no column.
    let tree_start = h
        .cols
        .iter()
        .filter(|c| {
            matches!(
                c.field,
                IndField::Level1 | IndField::Level2 | IndField::Level3
            )
        })
        .map(|c| c.start)
        .min()
        .unwrap_or(0);
    for s in row.texts() {
        if s.col >= tree_start && ind_field(vocab, s).is_none() {
            h.cols.push(Col {
                start: s.col,
                end: s.col + s.span,
                field: IndField::Other,
                header: label_text(&s.text),
            });
        }
    }
    h.cols.sort_by_key(|c| c.start);
    let levels = h
        .cols
        .iter()
        .filter(|c| {
            matches!(
                c.field,
                IndField::Level1 | IndField::Level2 | IndField::Level3
            )
        })
        .count();
    (levels >= 2).then_some(h)
}

/// The columns a header row names. Both kinds of header need at least two known columns,
/// so a row with fewer gives an empty header without building any label.
fn header<F>(row: &GridRow, field: impl Fn(&Slot) -> Option<F>) -> Header<F> {
    let mut cols = Vec::new();
    let mut unknown = Vec::new();
    if row.texts().filter(|s| field(s).is_some()).nth(1).is_none() {
        return Header { cols, unknown };
    }
    for s in row.texts() {
        match field(s) {
            Some(f) => cols.push(Col {
                start: s.col,
                end: s.col + s.span,
                field: f,
                header: label_text(&s.text),
            }),
            None => unknown.push(label_text(&s.text)),
        }
    }
    Header { cols, unknown }
}

/// Splits a block into 绩效自评表 segments (at title rows, or at a funds header that follows
/// an indicator block). Empty when the block has no 绩效自评表 vocabulary at all.
pub(crate) fn segments(rows: &[GridRow], vocab: &Vocab) -> Vec<Segment> {
    let mut starts: Vec<usize> = Vec::new();
    let mut any_header = false;
    let mut seen_ind = false;
    // Whether a header row came after the last segment start (title rows come in runs:
    // title, year; a new segment starts only after content).
    let mut content = false;
    for (i, row) in rows.iter().enumerate() {
        if is_title(row, vocab).is_some() {
            if starts.is_empty() || content {
                starts.push(i);
                content = false;
            }
            seen_ind = false;
            any_header = true;
        } else if funds_header(row, vocab).is_some() {
            any_header = true;
            if seen_ind {
                starts.push(i);
                seen_ind = false;
            }
            content = true;
        } else if ind_header(row, vocab).is_some() {
            any_header = true;
            seen_ind = true;
            content = true;
        }
    }
    if !any_header {
        return Vec::new();
    }
    let mut out = Vec::new();
    match starts.first() {
        None => out.push(Segment::Perf(0..rows.len())),
        Some(&first) => {
            if first > 0 {
                let head = 0..first;
                let perf = rows[head.clone()]
                    .iter()
                    .any(|r| funds_header(r, vocab).is_some() || ind_header(r, vocab).is_some());
                out.push(if perf {
                    Segment::Perf(head)
                } else {
                    Segment::Other(head)
                });
            }
            for (k, s) in starts.iter().enumerate() {
                let e = starts.get(k + 1).copied().unwrap_or(rows.len());
                out.push(Segment::Perf(*s..e));
            }
        }
    }
    out
}

/// The project (or unit) name: the cell right of a 项目名称 / 单位名称 label.
fn name_in(row: &GridRow, vocab: &Vocab) -> Option<(String, bool)> {
    let slots: Vec<_> = row.texts().collect();
    for (i, s) in slots.iter().enumerate() {
        let project = s.is_one_of(&vocab.names.project);
        let unit = s.is_one_of(&vocab.names.unit);
        if project || unit {
            let name = slots.get(i + 1).map(|n| label_text(&n.text))?;
            return Some((name, unit));
        }
    }
    None
}

fn is_info_row(row: &GridRow, vocab: &Vocab) -> bool {
    row.texts().any(|s| {
        s.is_one_of(&vocab.names.info)
            || s.is_one_of(&vocab.names.project)
            || s.is_one_of(&vocab.names.unit)
    })
}

/// Reading state.
enum Section {
    None,
    Funds(Header<FundsField>, String),
    Ind(Header<IndField>),
}

/// Reads one 绩效自评表 and pushes its facts, statements and [`PerfTable`].
pub(crate) fn read(
    rows: &[GridRow],
    base: &Location,
    vocab: &Vocab,
    patterns: &PatternSet,
    ex: &mut Extraction,
) {
    let Some(first) = rows.first() else {
        return;
    };
    let mut kind = None;
    let mut name: Option<(String, bool)> = None;
    for row in rows {
        if kind.is_none() {
            kind = is_title(row, vocab);
        }
        if name.is_none() {
            name = name_in(row, vocab);
        }
    }
    let kind = kind.unwrap_or(match &name {
        Some((_, true)) => PerfTableKind::Unit,
        _ => PerfTableKind::Project,
    });
    let project = name.map(|(n, _)| n).unwrap_or_default();
    let proj = (!project.is_empty()).then_some(project.as_str());
    let mut read = PerfRead {
        table: PerfTable {
            kind,
            project: project.clone(),
            funds: Vec::new(),
            indicators: Vec::new(),
            total_weight: None,
            total_score: None,
            goal: String::new(),
            achieved: String::new(),
            location: loc_at(base, first, None),
        },
        funds: Vec::new(),
        inds: Vec::new(),
        total_row: None,
        ind_header: None,
        goal_facts: Vec::new(),
        achieved_facts: Vec::new(),
        goal_loc: None,
    };
    let mut section = Section::None;
    let mut levels = [String::new(), String::new(), String::new()];
    let mut saw_header = false;
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        i += 1;
        if is_title(row, vocab).is_some() || is_info_row(row, vocab) {
            // No values expected here, but any number printed still becomes a fact.
            super::generic::read_row(row, &[], "", base, proj, vocab, ex);
            continue;
        }
        if let Some(h) = funds_header(row, vocab) {
            saw_header = true;
            let unit = row
                .texts()
                .find_map(|s| super::cell::unit_in(&s.text))
                .unwrap_or("");
            warn_missing_funds(&h, base, ex);
            section = Section::Funds(h, unit.to_string());
            continue;
        }
        if let Some(h) = ind_header(row, vocab) {
            saw_header = true;
            warn_missing_ind(&h, base, ex);
            read.ind_header = Some((row.quote(), loc_at(base, row, None)));
            levels = Default::default();
            section = Section::Ind(h);
            continue;
        }
        if let Some(consumed) = read_goal(rows, i - 1, base, proj, patterns, vocab, &mut read, ex) {
            i = i - 1 + consumed;
            continue;
        }
        let done = match &section {
            Section::Funds(h, unit) => {
                super::rows::read_funds_row(row, h, unit, base, proj, vocab, &mut read, ex)
            }
            Section::Ind(h) => {
                super::rows::read_total_row(row, h, base, proj, vocab, &mut read, ex)
                    || super::rows::read_ind_row(
                        row,
                        h,
                        &mut levels,
                        base,
                        &project,
                        vocab,
                        &mut read,
                        ex,
                    )
            }
            Section::None => false,
        };
        if !done {
            let names = match &section {
                Section::Funds(h, _) => col_names(h),
                Section::Ind(h) => col_names(h),
                Section::None => Vec::new(),
            };
            super::generic::read_row(row, &names, "", base, proj, vocab, ex);
        }
    }
    if !saw_header {
        let texts: Vec<String> = rows
            .iter()
            .take(6)
            .flat_map(|r| r.texts().map(|s| label_text(&s.text)).collect::<Vec<_>>())
            .take(12)
            .collect();
        ex.warnings.push(DocWarning::new(
            "table.header_unrecognised",
            format!(
                "绩效自评表 in block {} has no recognised funds or indicator header row (cells: {})",
                base.block,
                texts.join(" | ")
            ),
        ));
    }
    relations::state(&read, vocab, ex);
    ex.perf_tables.push(read.table);
}

fn col_names<F>(h: &Header<F>) -> Vec<(usize, usize, String)> {
    h.cols
        .iter()
        .map(|c| (c.start, c.end, c.header.clone()))
        .collect()
}

fn warn_missing_funds(h: &Header<FundsField>, base: &Location, ex: &mut Extraction) {
    if h.col(FundsField::Executed).is_none() || h.col(FundsField::BudgetFull).is_none() {
        ex.warnings.push(DocWarning::new(
            "table.header_unrecognised",
            format!(
                "绩效自评表 funds header in block {} lacks 全年预算数 or 全年执行数 (unrecognised headers: {})",
                base.block,
                h.unknown.join(" | ")
            ),
        ));
    }
}

fn warn_missing_ind(h: &Header<IndField>, base: &Location, ex: &mut Extraction) {
    let has = |f| h.col(f).is_some();
    if !(has(IndField::Weight) || has(IndField::Score))
        || !(has(IndField::Target) || has(IndField::Actual))
    {
        ex.warnings.push(DocWarning::new(
            "table.header_unrecognised",
            format!(
                "绩效自评表 indicator header in block {} lacks weight/score or target/actual columns (unrecognised headers: {})",
                base.block,
                h.unknown.join(" | ")
            ),
        ));
    }
}

/// 年度总体目标: a labelled row with 预期目标 / 实际完成情况 sub-headers (texts in the next row)
/// or with the texts in the same row. Returns the rows consumed.
#[allow(clippy::too_many_arguments)]
fn read_goal(
    rows: &[GridRow],
    at: usize,
    base: &Location,
    project: Option<&str>,
    patterns: &PatternSet,
    vocab: &Vocab,
    read: &mut PerfRead,
    ex: &mut Extraction,
) -> Option<usize> {
    let row = rows.get(at)?;
    let label = row.texts().find(|s| s.is_one_of(&vocab.goal.row))?;
    let expected = row.texts().find(|s| s.is_one_of(&vocab.goal.expected));
    let achieved = row.texts().find(|s| s.is_one_of(&vocab.goal.achieved));
    // (text, location) for goal and achieved.
    let (goal, done, consumed) = if expected.is_some() || achieved.is_some() {
        let Some(next) = rows
            .get(at + 1)
            .filter(|r| funds_header(r, vocab).is_none() && ind_header(r, vocab).is_none())
        else {
            return Some(1); // sub-headers without a text row under them
        };
        let pick = |h: Option<&super::Slot>| {
            h.and_then(|h| next.owner_in(h.col, h.col + h.span))
                .map(|s| (s.text.clone(), loc_at(base, next, Some(s.col))))
        };
        (pick(expected), pick(achieved), 2)
    } else {
        let mut others = row.texts().filter(|s| s.col != label.col);
        let take =
            |s: Option<&super::Slot>| s.map(|s| (s.text.clone(), loc_at(base, row, Some(s.col))));
        let g = take(others.next());
        let a = take(others.next());
        (g, a, 1)
    };
    if let Some((text, loc)) = goal {
        read.goal_facts = narrative::extract_text(&text, &loc, project, patterns, ex);
        read.goal_loc = Some(loc);
        read.table.goal = text;
    }
    if let Some((text, loc)) = done {
        read.achieved_facts = narrative::extract_text(&text, &loc, project, patterns, ex);
        if read.goal_loc.is_none() {
            read.goal_loc = Some(loc);
        }
        read.table.achieved = text;
    }
    Some(consumed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Cell, Row, Table};
    use crate::extract::tables::{grid, vocab::builtin};

    fn table(rows: &[&[&str]]) -> Vec<GridRow> {
        let t = Table {
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r
                        .iter()
                        .enumerate()
                        .map(|(i, t)| Cell::new(i, *t))
                        .collect(),
                    ..Row::default()
                })
                .collect(),
        };
        grid(&t)
    }

    // Two 绩效自评表 run together in one block split at the second title; the year row after
    // a title stays in its segment.
    #[test]
    fn splits_tables_at_titles() {
        let v = builtin().expect("vocab");
        let rows = table(&[
            &["项目支出绩效自评表"],
            &["(2024年度)"],
            &["一级指标", "二级指标", "三级指标", "权重"],
            &["产出指标", "数量指标", "甲", "10"],
            &["项目支出绩效自评表"],
            &["一级指标", "二级指标", "三级指标", "权重"],
        ]);
        assert_eq!(
            segments(&rows, v),
            vec![Segment::Perf(0..4), Segment::Perf(4..6)]
        );
        assert!(segments(&table(&[&["项目", "金额"], &["甲", "1"]]), v).is_empty());
    }

    // Data cells that do not line up with their header cells (Word grids) go to the header
    // column they overlap most; the row label is never a value.
    #[test]
    fn misaligned_grid_cells_go_to_the_column_they_overlap_most() {
        let v = builtin().expect("vocab");
        let cell = |col: usize, span: u32, text: &str| {
            let mut c = Cell::new(col, text);
            c.col_span = span;
            c
        };
        let t = Table {
            rows: vec![
                Row {
                    cells: vec![
                        cell(0, 2, "项目资金（万元）"),
                        cell(2, 2, "年初预算数"),
                        cell(4, 2, "全年预算数"),
                        cell(6, 2, "全年执行数"),
                    ],
                    ..Row::default()
                },
                Row {
                    cells: vec![
                        cell(0, 3, "年度资金总额"),
                        cell(3, 2, "10.00"),
                        cell(5, 2, "9.00"),
                        cell(7, 1, "8.00"),
                    ],
                    ..Row::default()
                },
            ],
        };
        let rows = grid(&t);
        let h = funds_header(&rows[0], v).expect("funds header");
        let got: Vec<&str> = h.cols.iter().map(|c| h.text(&rows[1], c)).collect();
        assert_eq!(got, vec!["10.00", "9.00", "8.00"]);
    }

    // The title decides the kind; the name comes from the cell right of 项目名称/单位名称.
    #[test]
    fn kind_and_name() {
        let v = builtin().expect("vocab");
        let rows = table(&[&["部门整体支出绩效自评表"], &["单位名称", "某局"]]);
        assert_eq!(is_title(&rows[0], v), Some(PerfTableKind::Unit));
        assert_eq!(name_in(&rows[1], v), Some(("某局".to_string(), true)));
    }
}
