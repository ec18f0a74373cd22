//! What a 绩效自评表 asserts, as statements over its facts. Nothing is evaluated here: the
//! checker decides; this module only pairs the facts, with exact roles.
//!
//! Binding rules (the why of each):
//! - Sum: per amount column, the funds total row (年度资金总额/合计 …, patterns/tables.toml)
//!   against every other funds row; a part printed as a dash is omitted (zero), an empty or
//!   prose part drops the statement (its sum would be unknowable), and so do nested parts
//!   (a second 其中 row).
//! - ExecutionRate: when exactly one funds row prints 执行率 it is the table's rate and binds
//!   to the funds TOTAL row's 全年执行数/全年预算数, wherever it is printed (the unit-level table
//!   prints 分值/执行率/得分 on its 上级资金 row); when several rows print rates, each binds
//!   to its own row.
//! - WeightSum: `expected` = 总分's weight − the funds 分值 when both are printed, else 90 when
//!   the funds 分值 is 10, else none (not checkable); the Total role is the printed 总分
//!   weight, for provenance. Dropped when an indicator row has no numeric weight.
//! - ScoreSum: indicator scores + the funds 得分 against 总分's score; only when every
//!   weighted part has a numeric score.
//! - Completion and MissedTarget carry, besides their documented roles, the target's fact as
//!   `Budget` and the actual's as `Actual` (additive convention), and "target\tactual" in
//!   `detail`. MissedTarget only pairs dates with dates and percents/counts of the same unit.
//! - CostSum: actual values of 成本指标 rows that are money amounts (not per-head rates such
//!   as 万元/人) against the funds total row's 全年执行数; skipped rows are named in `detail`.
//! - NarrativeCount: one-to-one only: a count unit that occurs exactly once in the narrative
//!   text and in exactly one indicator row's value on that side.

use super::cell::Qty;
use super::perf::{FundsData, IndData, PerfRead};
use super::vocab::{is_one_of, FundsField, Vocab};
use crate::document::Location;
use crate::extract::{Extraction, FactKind, Role, Statement, StatementKind};
use crate::number::MoneyUnit;
use rust_decimal::Decimal;

/// A statement before it gets its id.
fn stmt(
    kind: StatementKind,
    facts: Vec<(usize, Role)>,
    expected: Option<Decimal>,
    detail: Option<String>,
    quote: String,
    location: Location,
) -> Statement {
    let (facts, roles) = facts.into_iter().unzip();
    Statement {
        expected,
        detail,
        ..Statement::new(kind, facts, roles, quote, location)
    }
}

/// True for a funds row that is a part (其中：…, `of_which` of `[funds]`).
fn is_of_which(f: &FundsData, vocab: &Vocab) -> bool {
    vocab
        .funds
        .of_which
        .iter()
        .any(|w| f.row.label.starts_with(w.as_str()))
}

/// The funds total row (年度资金总额 / 合计 …), or the row just before the first 其中 row.
fn total_index(funds: &[FundsData], vocab: &Vocab) -> Option<usize> {
    let strip = |l: &str| {
        vocab
            .funds
            .of_which
            .iter()
            .fold(l, |l, w| l.trim_start_matches(w.as_str()))
            .trim_start_matches([':', '：'])
            .to_string()
    };
    funds
        .iter()
        .position(|f| is_one_of(&vocab.funds.total_rows, &strip(&f.row.label)))
        .or_else(|| {
            funds
                .iter()
                .position(|f| is_of_which(f, vocab))
                .and_then(|i| i.checked_sub(1))
        })
        .or_else(|| (funds.len() == 1).then_some(0))
}

fn funds_fact(f: &FundsData, field: FundsField) -> Option<usize> {
    match field {
        FundsField::BudgetInitial => f.row.budget_initial,
        FundsField::BudgetFull => f.row.budget_full,
        FundsField::Executed => f.row.executed,
        FundsField::Weight => f.row.weight,
        FundsField::Rate => f.row.rate,
        FundsField::Score => f.row.score,
        FundsField::Label => None,
    }
}

fn funds_text(f: &FundsData, field: FundsField) -> &str {
    f.texts
        .iter()
        .find(|(k, _)| *k == field)
        .map_or("", |(_, t)| t.as_str())
}

/// Pushes every statement a read 绩效自评表 asserts.
pub(crate) fn state(read: &PerfRead, vocab: &Vocab, ex: &mut Extraction) {
    let total = total_index(&read.funds, vocab);
    sums(read, total, vocab, ex);
    execution(read, total, ex);
    weight_sum(read, ex);
    score_sum(read, ex);
    per_indicator(read, ex);
    cost_sum(read, total, vocab, ex);
    narrative_counts(read, vocab, ex);
}

fn sums(read: &PerfRead, total: Option<usize>, vocab: &Vocab, ex: &mut Extraction) {
    let Some(t) = total else {
        return;
    };
    let Some(trow) = read.funds.get(t) else {
        return;
    };
    // A second 其中 row means nested parts (其中：当年财政拨款 … 其中：中央资金): the rows no
    // longer add up flat, so no sum is claimed.
    let nested = read.funds.iter().filter(|f| is_of_which(f, vocab)).count() > 1;
    if nested {
        return;
    }
    for field in [
        FundsField::BudgetInitial,
        FundsField::BudgetFull,
        FundsField::Executed,
    ] {
        let Some(tf) = funds_fact(trow, field) else {
            continue;
        };
        let mut facts = vec![(tf, Role::Total)];
        let mut complete = true;
        for (i, part) in read.funds.iter().enumerate() {
            if i == t {
                continue;
            }
            match funds_fact(part, field) {
                Some(f) => facts.push((f, Role::Part)),
                None => {
                    let text = funds_text(part, field).trim();
                    if text.is_empty() || !super::cell::is_blank(text) {
                        complete = false;
                    }
                }
            }
        }
        if !complete || facts.len() < 2 {
            continue;
        }
        let column = ex
            .facts
            .get(tf)
            .and_then(|f| f.label.rsplit('/').next())
            .unwrap_or("")
            .to_string();
        let s = stmt(
            StatementKind::Sum,
            facts,
            None,
            Some(column),
            trow.quote.clone(),
            trow.row.location.clone(),
        );
        ex.push_statement(s);
    }
}

fn execution(read: &PerfRead, total: Option<usize>, ex: &mut Extraction) {
    let rate_rows: Vec<&FundsData> = read.funds.iter().filter(|f| f.row.rate.is_some()).collect();
    let total_row = total.and_then(|t| read.funds.get(t));
    for r in &rate_rows {
        let bound = match total_row {
            Some(t) if rate_rows.len() == 1 => t,
            _ => r,
        };
        if let (Some(a), Some(b), Some(rate)) =
            (bound.row.executed, bound.row.budget_full, r.row.rate)
        {
            let quote = if std::ptr::eq(bound, *r) {
                r.quote.clone()
            } else {
                format!("{}\n{}", r.quote, bound.quote)
            };
            let s = stmt(
                StatementKind::ExecutionRate,
                vec![(a, Role::Actual), (b, Role::Budget), (rate, Role::Rate)],
                None,
                None,
                quote,
                r.row.location.clone(),
            );
            ex.push_statement(s);
        }
        if let (Some(w), Some(rate), Some(sc)) = (r.row.weight, r.row.rate, r.row.score) {
            let s = stmt(
                StatementKind::FundsScore,
                vec![(w, Role::Weight), (rate, Role::Rate), (sc, Role::Score)],
                None,
                None,
                r.quote.clone(),
                r.row.location.clone(),
            );
            ex.push_statement(s);
        }
    }
}

/// Where a table-wide statement points: the 总分 row, else the indicator header, else the
/// table start.
fn table_anchor(read: &PerfRead) -> (String, Location) {
    read.total_row
        .clone()
        .or_else(|| read.ind_header.clone())
        .unwrap_or_else(|| (String::new(), read.table.location.clone()))
}

fn weight_sum(read: &PerfRead, ex: &mut Extraction) {
    if read.inds.is_empty() || read.inds.iter().any(|i| i.row.weight_fact.is_none()) {
        return;
    }
    let mut facts: Vec<(usize, Role)> = read
        .inds
        .iter()
        .filter_map(|i| i.row.weight_fact)
        .map(|f| (f, Role::Weight))
        .collect();
    let funds_w = read
        .funds
        .iter()
        .find_map(|f| f.row.weight)
        .and_then(|f| ex.facts.get(f))
        .map(|f| f.value);
    let total_w = read
        .table
        .total_weight
        .and_then(|f| ex.facts.get(f))
        .map(|f| f.value);
    let ten = Decimal::from(10);
    let (expected, detail) = match (total_w, funds_w) {
        (Some(t), Some(w)) => (Some(t - w), format!("expected = 总分 {t} − 资金分值 {w}")),
        (None, Some(w)) if w == ten => (
            Some(Decimal::from(90)),
            format!("expected = 100 − 资金分值 {w} (no 总分 row)"),
        ),
        _ => (
            None,
            "no 总分 weight and funds 分值 to derive the total from".to_string(),
        ),
    };
    if let Some(t) = read.table.total_weight {
        facts.push((t, Role::Total));
    }
    let (quote, location) = table_anchor(read);
    ex.push_statement(stmt(
        StatementKind::WeightSum,
        facts,
        expected,
        Some(detail),
        quote,
        location,
    ));
}

fn score_sum(read: &PerfRead, ex: &mut Extraction) {
    let Some(total) = read.table.total_score else {
        return;
    };
    if read.inds.is_empty() || read.inds.iter().any(|i| i.row.score_fact.is_none()) {
        return;
    }
    if read
        .funds
        .iter()
        .any(|f| f.row.weight.is_some() && f.row.score.is_none())
    {
        return;
    }
    let mut facts: Vec<(usize, Role)> = read
        .inds
        .iter()
        .filter_map(|i| i.row.score_fact)
        .chain(read.funds.iter().filter_map(|f| f.row.score))
        .map(|f| (f, Role::Score))
        .collect();
    facts.push((total, Role::Total));
    let (quote, location) = table_anchor(read);
    ex.push_statement(stmt(
        StatementKind::ScoreSum,
        facts,
        None,
        None,
        quote,
        location,
    ));
}

fn pair_detail(i: &IndData) -> String {
    format!("{}\t{}", i.row.target, i.row.actual)
}

/// Dates with dates; percents and counts of the same unit.
fn comparable(a: &Qty, b: &Qty) -> bool {
    match (a, b) {
        (Qty::Date { .. }, Qty::Date { .. }) => true,
        (Qty::Num { unit: ua, .. }, Qty::Num { unit: ub, .. }) => {
            ua == ub && matches!(a.kind(), FactKind::Percent | FactKind::Count)
        }
        _ => false,
    }
}

fn per_indicator(read: &PerfRead, ex: &mut Extraction) {
    for i in &read.inds {
        let loc = i.row.location.clone();
        if let (Some(w), Some(s)) = (i.row.weight_fact, i.row.score_fact) {
            ex.push_statement(stmt(
                StatementKind::ScoreCap,
                vec![(w, Role::Weight), (s, Role::Score)],
                None,
                None,
                i.quote.clone(),
                loc.clone(),
            ));
        }
        if let Some(c) = i.row.completion_fact {
            let mut facts = vec![(c, Role::Rate)];
            if let Some((_, t)) = &i.target {
                facts.push((*t, Role::Budget));
            }
            if let Some((_, a)) = &i.actual {
                facts.push((*a, Role::Actual));
            }
            ex.push_statement(stmt(
                StatementKind::Completion,
                facts,
                None,
                Some(pair_detail(i)),
                i.quote.clone(),
                loc.clone(),
            ));
        }
        if let (Some((tq, t)), Some((aq, a)), Some(w), Some(s)) =
            (&i.target, &i.actual, i.row.weight_fact, i.row.score_fact)
        {
            if comparable(tq, aq) {
                ex.push_statement(stmt(
                    StatementKind::MissedTarget,
                    vec![
                        (w, Role::Weight),
                        (s, Role::Score),
                        (*t, Role::Budget),
                        (*a, Role::Actual),
                    ],
                    None,
                    Some(pair_detail(i)),
                    i.quote.clone(),
                    loc,
                ));
            }
        }
    }
}

fn cost_sum(read: &PerfRead, total: Option<usize>, vocab: &Vocab, ex: &mut Extraction) {
    let Some(executed) = total
        .and_then(|t| read.funds.get(t))
        .and_then(|f| f.row.executed)
    else {
        return;
    };
    let cost_rows: Vec<&IndData> = read
        .inds
        .iter()
        .filter(|i| {
            is_one_of(&vocab.indicators.cost, &i.row.level1)
                || is_one_of(&vocab.indicators.cost, &i.row.level2)
        })
        .collect();
    let mut parts = Vec::new();
    let mut skipped = Vec::new();
    for i in &cost_rows {
        match &i.actual {
            Some((Qty::Num { unit, .. }, f))
                if MoneyUnit::parse(unit).is_some() && !unit.is_empty() =>
            {
                parts.push((*f, Role::Part));
            }
            Some((Qty::Num { unit, .. }, _)) if !unit.is_empty() => skipped.push(format!(
                "{} ({}: a rate, not an amount)",
                i.row.level3, i.row.actual
            )),
            _ => skipped.push(format!("{} ({}: no amount)", i.row.level3, i.row.actual)),
        }
    }
    if parts.is_empty() {
        return;
    }
    let quote = cost_rows
        .iter()
        .map(|i| i.quote.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let location = cost_rows
        .first()
        .map_or_else(|| read.table.location.clone(), |i| i.row.location.clone());
    parts.push((executed, Role::Total));
    let detail = (!skipped.is_empty()).then(|| format!("skipped: {}", skipped.join("; ")));
    ex.push_statement(stmt(
        StatementKind::CostSum,
        parts,
        None,
        detail,
        quote,
        location,
    ));
}

fn narrative_counts(read: &PerfRead, vocab: &Vocab, ex: &mut Extraction) {
    let units = &vocab.quantities.narrative_count_units;
    let sides: [(&[usize], &str); 2] = [
        (&read.achieved_facts, "actual"),
        (&read.goal_facts, "target"),
    ];
    for (narr, side) in sides {
        let counts: Vec<(usize, String)> = narr
            .iter()
            .filter_map(|&f| ex.facts.get(f).map(|x| (f, x)))
            .filter(|(_, x)| x.kind == FactKind::Count && units.contains(&x.unit))
            .map(|(f, x)| (f, x.unit.clone()))
            .collect();
        let mut pairs = Vec::new();
        for (f, unit) in &counts {
            if counts.iter().filter(|(_, u)| u == unit).count() != 1 {
                continue;
            }
            let rows: Vec<(&IndData, usize)> = read
                .inds
                .iter()
                .filter_map(|i| {
                    let q = if side == "actual" {
                        &i.actual
                    } else {
                        &i.target
                    };
                    match q {
                        Some((Qty::Num { unit: u, .. }, t)) if u == unit => Some((i, *t)),
                        _ => None,
                    }
                })
                .collect();
            if let [(row, table_fact)] = rows.as_slice() {
                pairs.push((*f, *table_fact, row.quote.clone(), row.row.location.clone()));
            }
        }
        for (f, t, quote, location) in pairs {
            ex.push_statement(stmt(
                StatementKind::NarrativeCount,
                vec![(f, Role::Count), (t, Role::Count)],
                None,
                Some(side.to_string()),
                quote,
                location,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::tables::extract_table;
    use crate::extract::{Extraction, Role, StatementKind};
    use crate::ingest::text::parse;
    use crate::patterns::PatternSet;

    fn run(text: &str) -> Extraction {
        let doc = parse(text);
        let mut ex = Extraction::default();
        let p = PatternSet::builtin().expect("patterns");
        for b in &doc.blocks {
            if let crate::document::BlockKind::Table(t) = &b.kind {
                extract_table(t, &b.location, &p, &mut ex);
            }
        }
        ex
    }

    // When every funds row prints its own rate, each rate binds to its own row.
    #[test]
    fn several_rates_bind_to_their_rows() {
        let ex = run("\t部门资金（万元）\n\t资金来源\n\t全年预算数\n\t全年执行数\n\t执行率\n\n\t\n\t本级资金\n\t10.00\n\t5.00\n\t50.00%\n\n\t\n\t其他资金\n\t4.00\n\t4.00\n\t100.00%\n\n\t\n\t合计\n\t14.00\n\t9.00\n\t64.29%\n");
        let rates: Vec<Vec<String>> = ex
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::ExecutionRate)
            .map(|s| {
                s.facts
                    .iter()
                    .map(|f| ex.facts[*f].stated.clone())
                    .collect()
            })
            .collect();
        assert_eq!(
            rates,
            vec![
                vec!["5.00", "10.00", "50.00"],
                vec!["4.00", "4.00", "100.00"],
                vec!["9.00", "14.00", "64.29"],
            ]
        );
        let sums: Vec<Vec<Role>> = ex
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::Sum)
            .map(|s| s.roles.clone())
            .collect();
        assert_eq!(sums, vec![vec![Role::Total, Role::Part, Role::Part]; 2]);
    }

    // An empty part cell makes a sum unknowable: no statement; a dash is a zero part.
    #[test]
    fn empty_part_drops_the_sum() {
        let ex = run("\t项目资金（万元）\n\t\n\t全年预算数\n\t全年执行数\n\n\t\n\t年度资金总额\n\t10.00\n\t9.00\n\n\t\n\t其中：当年财政拨款\n\t\n\t9.00\n\n\t\n\t其他资金\n\t—\n\t—\n");
        let sums: Vec<String> = ex
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::Sum)
            .filter_map(|s| s.detail.clone())
            .collect();
        assert_eq!(sums, vec!["全年执行数"]);
    }

    // Nested parts (a second 其中 row) do not add up flat: no sum is claimed.
    #[test]
    fn nested_parts_claim_no_sum() {
        let ex = run("\t项目资金（万元）\n\t\n\t全年预算数\n\t全年执行数\n\n\t\n\t年度资金总额\n\t10.00\n\t9.00\n\n\t\n\t其中：当年财政拨款\n\t10.00\n\t9.00\n\n\t\n\t其中：中央资金\n\t6.00\n\t5.00\n\n\t\n\t其他资金\n\t0.00\n\t0.00\n");
        assert_eq!(ex.perf_tables[0].funds.len(), 4);
        assert!(ex.statements.iter().all(|s| s.kind != StatementKind::Sum));
    }
}
