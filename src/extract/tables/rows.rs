//! Reading the rows of a 绩效自评表 under a recognised header: funds rows, the 总分 row and
//! indicator rows. Each numeric cell becomes one fact (merged cells once, at their owner);
//! [`super::perf`] decides which section a row is in.

use super::cell::{is_blank, kind_of_unit, parse_qty, Qty};
use super::perf::{FundsData, Header, IndData, PerfRead};
use super::vocab::{FundsField, IndField, Vocab};
use super::{label_text, loc_at, push_number, push_qty, FactCtx, GridRow};
use crate::document::Location;
use crate::extract::{Extraction, FactKind, FundsRow, IndicatorRow};

/// A funds row: a label left of the value columns and at least one value cell.
#[allow(clippy::too_many_arguments)]
pub(super) fn read_funds_row(
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
        .map(|c| (c.field, h.text(row, c).to_string()))
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
        let Some(slot) = h.cell(row, c) else {
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
            _ => (kind_of_unit(&printed), printed.clone()),
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
pub(super) fn read_total_row(
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
        .find(|s| s.col < first_value && s.is_one_of(&vocab.indicators.total_rows))
    else {
        return false;
    };
    let label = label_text(&label.text);
    // The labels crossfoot gives the 总分 facts (总分/权重, 总分/得分), not words it reads.
    for (field, suffix) in [(IndField::Weight, "权重"), (IndField::Score, "得分")] {
        let Some(c) = h.col(field) else {
            continue;
        };
        let Some(slot) = h.cell(row, c) else {
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
pub(super) fn read_ind_row(
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
            .map(|c| h.text(row, c).to_string())
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
                .push((c.header.clone(), h.text(row, c).to_string()));
        }
        if matches!(
            c.field,
            IndField::Level1 | IndField::Level2 | IndField::Level3
        ) {
            continue;
        }
        let Some(slot) = h.cell(row, c) else {
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
