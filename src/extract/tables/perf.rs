//! Reading a 绩效自评表 (项目支出 / 单位整体支出 / 部门整体支出绩效自评表) laid on the grid:
//! title and name rows, the funds block (header row + funds rows), 年度总体目标, the indicator
//! block (header row + indicator rows + 总分). Every numeric cell becomes a fact tagged with
//! the project; [`super::relations`] then states what the table asserts.
//!
//! The reader is a small state machine over rows: a recognised header row switches the
//! section, and a row is read by the section it is in. Rows that belong to no section still
//! give their numeric cells as facts (nothing is skipped silently).

use super::cell::{is_blank, parse_qty, Qty};
use super::relations;
use super::vocab::{is_one_of, norm_header, FundsField, IndField, Vocab};
use super::{label_text, loc_at, push_number, push_qty, FactCtx, GridRow};
use crate::document::{DocWarning, Location};
use crate::extract::{
    narrative, Extraction, FactKind, FundsRow, IndicatorRow, PerfTable, PerfTableKind,
};
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
        let t = norm_header(&s.text);
        if !t.contains(&vocab.titles.marker) {
            return None;
        }
        let unit = vocab
            .titles
            .unit
            .iter()
            .any(|u| t.contains(&norm_header(u)));
        Some(if unit {
            PerfTableKind::Unit
        } else {
            PerfTableKind::Project
        })
    })
}

fn funds_header(row: &GridRow, vocab: &Vocab) -> Option<Header<FundsField>> {
    let mut h = header(row, |t| vocab.funds_field(t));
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

fn ind_header(row: &GridRow, vocab: &Vocab) -> Option<Header<IndField>> {
    let mut h = header(row, |t| vocab.ind_field(t));
    // Columns the vocabulary does not know are still kept (in IndicatorRow::other).
    for s in row.texts() {
        if vocab.ind_field(&s.text).is_none() {
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

fn header<F>(row: &GridRow, field: impl Fn(&str) -> Option<F>) -> Header<F> {
    let mut cols = Vec::new();
    let mut unknown = Vec::new();
    for s in row.texts() {
        match field(&s.text) {
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
    for (i, row) in rows.iter().enumerate() {
        if is_title(row, vocab).is_some() {
            // Title rows come in runs (title, year): a new segment only after content.
            if starts
                .last()
                .is_none_or(|s| i > *s && rows[*s..i].iter().any(|r| has_content(r, vocab)))
            {
                starts.push(i);
            }
            seen_ind = false;
            any_header = true;
        } else if funds_header(row, vocab).is_some() {
            any_header = true;
            if seen_ind {
                starts.push(i);
                seen_ind = false;
            }
        } else if ind_header(row, vocab).is_some() {
            any_header = true;
            seen_ind = true;
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

/// True for a row that is more than a title.
fn has_content(row: &GridRow, vocab: &Vocab) -> bool {
    funds_header(row, vocab).is_some() || ind_header(row, vocab).is_some()
}

/// The project (or unit) name: the cell right of a 项目名称 / 单位名称 label.
fn name_in(row: &GridRow, vocab: &Vocab) -> Option<(String, bool)> {
    let slots: Vec<_> = row.texts().collect();
    for (i, s) in slots.iter().enumerate() {
        let project = is_one_of(&vocab.names.project, &s.text);
        let unit = is_one_of(&vocab.names.unit, &s.text);
        if project || unit {
            let name = slots.get(i + 1).map(|n| label_text(&n.text))?;
            return Some((name, unit));
        }
    }
    None
}

fn is_info_row(row: &GridRow, vocab: &Vocab) -> bool {
    row.texts().any(|s| {
        is_one_of(&vocab.names.info, &s.text)
            || is_one_of(&vocab.names.project, &s.text)
            || is_one_of(&vocab.names.unit, &s.text)
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
                read_funds_row(row, h, unit, base, proj, vocab, &mut read, ex)
            }
            Section::Ind(h) => {
                read_total_row(row, h, base, proj, vocab, &mut read, ex)
                    || read_ind_row(row, h, &mut levels, base, &project, vocab, &mut read, ex)
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
    let label = row.texts().find(|s| is_one_of(&vocab.goal.row, &s.text))?;
    let expected = row
        .texts()
        .find(|s| is_one_of(&vocab.goal.expected, &s.text));
    let achieved = row
        .texts()
        .find(|s| is_one_of(&vocab.goal.achieved, &s.text));
    // (text, location) for goal and achieved.
    let (goal, done, consumed) = if expected.is_some() || achieved.is_some() {
        let Some(next) = rows.get(at + 1) else {
            return Some(1);
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

/// A funds row: a label left of the value columns and at least one value cell.
#[allow(clippy::too_many_arguments)]
fn read_funds_row(
    row: &GridRow,
    h: &Header<FundsField>,
    unit: &str,
    base: &Location,
    project: Option<&str>,
    vocab: &Vocab,
    read: &mut PerfRead,
    ex: &mut Extraction,
) -> bool {
    let first_value = h
        .cols
        .iter()
        .filter(|c| c.field != FundsField::Label)
        .map(|c| c.start)
        .min()
        .unwrap_or(usize::MAX);
    let label = row
        .texts()
        .filter(|s| s.col < first_value)
        .last()
        .map(|s| label_text(&s.text))
        .unwrap_or_default();
    let texts: Vec<(FundsField, String)> = h
        .cols
        .iter()
        .filter(|c| c.field != FundsField::Label)
        .map(|c| (c.field, row.text_in(c.start, c.end).to_string()))
        .collect();
    if texts.iter().all(|(_, t)| t.is_empty()) {
        return false;
    }
    let mut fr = FundsRow {
        label: label.clone(),
        budget_initial: None,
        budget_full: None,
        executed: None,
        weight: None,
        rate: None,
        score: None,
        location: loc_at(base, row, None),
    };
    for c in h.cols.iter().filter(|c| c.field != FundsField::Label) {
        let Some(slot) = row.owner_in(c.start, c.end) else {
            continue;
        };
        if is_blank(&slot.text) {
            continue;
        }
        let Some(Qty::Num {
            number,
            unit: printed,
        }) = parse_qty(&slot.text, vocab)
        else {
            continue;
        };
        let (kind, unit) = match c.field {
            FundsField::Weight | FundsField::Score => (FactKind::Count, printed.clone()),
            FundsField::Rate => (FactKind::Percent, printed.clone()),
            _ if printed.is_empty() => (FactKind::Amount, unit.to_string()),
            _ => (super::cell::kind_of_unit(&printed), printed.clone()),
        };
        let f = push_number(
            ex,
            &number,
            kind,
            &unit,
            FactCtx {
                label: format!("{label}/{}", c.header),
                quote: &slot.text,
                location: loc_at(base, row, Some(slot.col)),
                project,
            },
        );
        let target = match c.field {
            FundsField::BudgetInitial => &mut fr.budget_initial,
            FundsField::BudgetFull => &mut fr.budget_full,
            FundsField::Executed => &mut fr.executed,
            FundsField::Weight => &mut fr.weight,
            FundsField::Rate => &mut fr.rate,
            FundsField::Score => &mut fr.score,
            FundsField::Label => continue,
        };
        if target.is_none() {
            *target = Some(f);
        }
    }
    read.funds.push(FundsData {
        row: fr.clone(),
        texts,
        quote: row.quote(),
    });
    read.table.funds.push(fr);
    true
}

/// The 总分 row: its weight and score become `total_weight` / `total_score`.
#[allow(clippy::too_many_arguments)]
fn read_total_row(
    row: &GridRow,
    h: &Header<IndField>,
    base: &Location,
    project: Option<&str>,
    vocab: &Vocab,
    read: &mut PerfRead,
    ex: &mut Extraction,
) -> bool {
    let first_value = h
        .cols
        .iter()
        .filter(|c| {
            !matches!(
                c.field,
                IndField::Level1 | IndField::Level2 | IndField::Level3
            )
        })
        .map(|c| c.start)
        .min()
        .unwrap_or(usize::MAX);
    let Some(label) = row
        .texts()
        .find(|s| s.col < first_value && is_one_of(&vocab.indicators.total_rows, &s.text))
    else {
        return false;
    };
    let label = label_text(&label.text);
    for (field, suffix) in [(IndField::Weight, "权重"), (IndField::Score, "得分")] {
        let Some(c) = h.col(field) else {
            continue;
        };
        let Some(slot) = row.owner_in(c.start, c.end) else {
            continue;
        };
        let Some(Qty::Num { number, unit }) = parse_qty(&slot.text, vocab) else {
            continue;
        };
        let f = push_number(
            ex,
            &number,
            FactKind::Count,
            &unit,
            FactCtx {
                label: format!("{label}/{suffix}"),
                quote: &slot.text,
                location: loc_at(base, row, Some(slot.col)),
                project,
            },
        );
        let target = if field == IndField::Weight {
            &mut read.table.total_weight
        } else {
            &mut read.table.total_score
        };
        if target.is_none() {
            *target = Some(f);
        }
    }
    if read.total_row.is_none() {
        read.total_row = Some((row.quote(), loc_at(base, row, None)));
    }
    true
}

/// An indicator row: tree labels filled down through empty/continuation cells, every column
/// kept, and a fact for each numeric cell.
#[allow(clippy::too_many_arguments)]
fn read_ind_row(
    row: &GridRow,
    h: &Header<IndField>,
    levels: &mut [String; 3],
    base: &Location,
    project: &str,
    vocab: &Vocab,
    read: &mut PerfRead,
    ex: &mut Extraction,
) -> bool {
    let raw = |f: IndField| {
        h.col(f)
            .map(|c| row.text_in(c.start, c.end).to_string())
            .unwrap_or_default()
    };
    let printed = [
        raw(IndField::Level1),
        raw(IndField::Level2),
        raw(IndField::Level3),
    ];
    let weight = raw(IndField::Weight);
    let target = raw(IndField::Target);
    let actual = raw(IndField::Actual);
    let completion = raw(IndField::Completion);
    let score = raw(IndField::Score);
    if printed[2].is_empty()
        && [&weight, &target, &actual, &score]
            .iter()
            .all(|t| t.is_empty())
    {
        return false;
    }
    for (level, text) in levels.iter_mut().zip(&printed) {
        if !text.is_empty() {
            *level = label_text(text);
        }
    }
    let name = levels
        .iter()
        .rev()
        .find(|l| !l.is_empty())
        .cloned()
        .unwrap_or_default();
    let proj = (!project.is_empty()).then_some(project);
    let mut ir = IndicatorRow {
        project: project.to_string(),
        level1: levels[0].clone(),
        level2: levels[1].clone(),
        level3: levels[2].clone(),
        weight,
        target,
        actual,
        completion,
        score,
        other: Vec::new(),
        weight_fact: None,
        completion_fact: None,
        score_fact: None,
        location: loc_at(base, row, None),
    };
    let mut tq = None;
    let mut aq = None;
    for c in &h.cols {
        if c.field == IndField::Other {
            ir.other
                .push((c.header.clone(), row.text_in(c.start, c.end).to_string()));
        }
        if matches!(
            c.field,
            IndField::Level1 | IndField::Level2 | IndField::Level3
        ) {
            continue;
        }
        let Some(slot) = row.owner_in(c.start, c.end) else {
            continue;
        };
        if is_blank(&slot.text) {
            continue;
        }
        let Some(qty) = parse_qty(&slot.text, vocab) else {
            continue;
        };
        let kind = match (c.field, &qty) {
            (_, Qty::Date { .. }) => None,
            (IndField::Weight | IndField::Score, _) => Some(FactKind::Count),
            (IndField::Completion, _) => Some(FactKind::Percent),
            _ => None,
        };
        if matches!(
            c.field,
            IndField::Weight | IndField::Score | IndField::Completion
        ) && kind.is_none()
        {
            continue; // a date under 权重/得分/完成率 is not a weight, score or rate
        }
        let f = push_qty(
            ex,
            &qty,
            kind,
            "",
            FactCtx {
                label: format!("{name}/{}", c.header),
                quote: &slot.text,
                location: loc_at(base, row, Some(slot.col)),
                project: proj,
            },
        );
        match c.field {
            IndField::Weight => ir.weight_fact = ir.weight_fact.or(Some(f)),
            IndField::Score => ir.score_fact = ir.score_fact.or(Some(f)),
            IndField::Completion => ir.completion_fact = ir.completion_fact.or(Some(f)),
            IndField::Target if tq.is_none() => tq = Some((qty, f)),
            IndField::Actual if aq.is_none() => aq = Some((qty, f)),
            _ => {}
        }
    }
    read.inds.push(IndData {
        row: ir.clone(),
        target: tq,
        actual: aq,
        quote: row.quote(),
    });
    read.table.indicators.push(ir);
    true
}
