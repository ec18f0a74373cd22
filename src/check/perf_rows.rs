//! Rules on 绩效自评表 indicator rows: `perf.completion` (完成率 against 业绩值/目标值),
//! `perf.missed_target` (full score for a missed target) and `perf.indicator_score` (score
//! under a stated proportional rule). They read the row's 目标值/业绩值 text (parsed by
//! [`super::perf_target`]); statements of these kinds are dispatched here from
//! [`super::perf`], and rows are checked directly when the extraction stated none.
//!
//! The extraction pairs a target with its actual only for dates, percents and counts; a
//! 成本指标 row in money ("<=18.04万元" against "=19.50万元") gets no statement, so its missed
//! target is checked here from the row. An "=" target in money is a budget, a ceiling:
//! spending less than it is not a missed target.

use super::interval::{compare, show, Approx, Verdict};
use super::perf::{assigned, not_checkable, FAMILY};
use super::perf_target::{parse, same_unit, Op, TVal, Target};
use super::{Ctx, Severity, Subject};
use crate::extract::{IndicatorRow, Role, StatementKind};
use crate::number::MoneyUnit;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Checks indicator rows directly for the kinds the extraction did not state.
pub(super) fn check_rows(ctx: &mut Ctx) {
    let has = |k: StatementKind| ctx.ex.statements.iter().any(|s| s.kind == k);
    let (do_completion, do_missed) = (
        !has(StatementKind::Completion),
        !has(StatementKind::MissedTarget),
    );
    let stated_missed: BTreeSet<usize> = ctx
        .ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::MissedTarget)
        .filter_map(|s| s.fact(Role::Score))
        .collect();
    let rows: Vec<&IndicatorRow> = ctx
        .ex
        .perf_tables
        .iter()
        .flat_map(|t| &t.indicators)
        .collect();
    for row in rows {
        let subj = row_subject(row);
        indicator_score(ctx, row, &subj);
        if !do_missed && row.score_fact.is_some_and(|s| !stated_missed.contains(&s)) {
            money_row(ctx, row);
        }
        if !do_completion && !do_missed {
            continue;
        }
        if do_completion && row.completion_fact.is_some() {
            ctx.found("completion");
            completion(ctx, Some(row), row.completion_fact, None, &subj);
        }
        if do_missed && row.score_fact.is_some() && row.weight_fact.is_some() {
            ctx.found("missed_target");
            missed_target(ctx, Some(row), row.weight_fact, row.score_fact, None, &subj);
        }
    }
}

/// perf.indicator_score: under a stated proportional rule (赋分规则 "按照完成比例赋分") and a
/// completion of at most 100%, the score is weight × completion. Intent-dependent (the rule
/// is the unit's words), so a mismatch is a warning, never an error. Above 100% units apply
/// their own penalties (the seed scores 125% as 75% of the weight), so nothing is claimed.
fn indicator_score(ctx: &mut Ctx, row: &IndicatorRow, subj: &Subject) {
    let rule = "perf.indicator_score";
    let words = &ctx.words;
    let proportional = row.other.iter().any(|(h, v)| {
        words.rule_columns.iter().any(|c| h.contains(c.as_str()))
            && words
                .proportional_rules
                .iter()
                .any(|r| v.contains(r.as_str()))
    });
    let (Some(w), Some(c), Some(s)) = (row.weight_fact, row.completion_fact, row.score_fact) else {
        return;
    };
    let (Some(wv), Some(cv), Some(sv)) = (assigned(ctx, w), ctx.val(c), ctx.val(s)) else {
        return;
    };
    if !proportional || cv.v > Decimal::ONE_HUNDRED {
        return;
    }
    ctx.found("indicator_score");
    let Ok(prod) = wv.a.mul(&cv.a) else { return };
    let rec = Approx {
        point: prod.point / Decimal::ONE_HUNDRED,
        iv: super::interval::Interval {
            lo: prod.iv.lo / Decimal::ONE_HUNDRED,
            hi: prod.iv.hi / Decimal::ONE_HUNDRED,
        },
    };
    let cmp = compare(&rec, sv.v, sv.dec.max(2));
    let fails = (cmp.verdict != Verdict::Holds).then_some(Severity::Warning);
    let shown = show(rec.point, sv.dec.max(2));
    let (sw, sc, ss) = (ctx.stated(w), ctx.stated_u(c), ctx.stated(s));
    ctx.verdict(FAMILY, rule, fails, subj, |c| c.t(
        format!("按“按照完成比例赋分”，得分应为{sw} × {sc} = {shown}，表中为{ss}"),
        format!("under the stated proportional scoring the score should be {sw} × {sc} = {shown}, the table gives {ss}"),
    ), format!("{sw} × {sc} = {shown}"));
}

/// Whether a parsed target or actual is an amount of money ("18.04万元").
fn is_money(t: &Target) -> bool {
    matches!(&t.val, TVal::Num { unit, .. } if !unit.is_empty() && MoneyUnit::parse(unit).is_some())
}

/// perf.missed_target for a row whose target and actual are money (see module doc), with
/// the target's and actual's cells among the finding's facts.
fn money_row(ctx: &mut Ctx, row: &IndicatorRow) {
    let (Some(t), Some(a)) = (
        parse(&row.target, &ctx.words),
        parse(&row.actual, &ctx.words),
    ) else {
        return;
    };
    if !is_money(&t) || !is_money(&a) || row.weight_fact.is_none() || row.score_fact.is_none() {
        return;
    }
    let (tf, af) = row_cells(ctx, row);
    let mut subj = row_subject(row);
    subj.facts = [row.weight_fact, row.score_fact, tf, af]
        .into_iter()
        .flatten()
        .collect();
    ctx.found("missed_target");
    missed_target(ctx, Some(row), row.weight_fact, row.score_fact, None, &subj);
}

/// The facts of a row's 目标值 and 业绩值 cells: from its Completion statement (which carries
/// them as Budget and Actual), else the cells of the row printed as its target (leftmost)
/// and actual (rightmost).
fn row_cells(ctx: &Ctx, row: &IndicatorRow) -> (Option<usize>, Option<usize>) {
    let stated = ctx.ex.statements.iter().find(|s| {
        s.kind == StatementKind::Completion
            && row.completion_fact.is_some()
            && s.fact(Role::Rate) == row.completion_fact
    });
    if let Some(s) = stated {
        return (s.fact(Role::Budget), s.fact(Role::Actual));
    }
    let cells = |text: &str| {
        ctx.ex
            .facts
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.location.block == row.location.block
                    && f.location.row == row.location.row
                    && f.quote == text
            })
            .map(|(i, f)| (f.location.col, i))
            .collect::<Vec<_>>()
    };
    let t = cells(&row.target).into_iter().min().map(|x| x.1);
    let a = cells(&row.actual).into_iter().max().map(|x| x.1);
    (t, a.filter(|a| Some(*a) != t))
}

fn row_subject(row: &IndicatorRow) -> Subject {
    let mut facts: Vec<usize> = [row.weight_fact, row.completion_fact, row.score_fact]
        .into_iter()
        .flatten()
        .collect();
    facts.dedup();
    Subject {
        quote: format!(
            "{} | {} | 目标值 {} | 业绩值 {} | 完成率 {} | 得分 {}",
            row.project, row.level3, row.target, row.actual, row.completion, row.score
        ),
        location: row.location.clone(),
        facts,
        key: None,
    }
}

pub(super) fn find_row<'a>(
    ctx: &Ctx<'a>,
    pred: impl Fn(&IndicatorRow) -> bool,
) -> Option<&'a IndicatorRow> {
    ctx.ex
        .perf_tables
        .iter()
        .flat_map(|t| &t.indicators)
        .find(|r| pred(r))
}

/// Target and actual of a row, or from a statement's detail ("目标值：…；业绩值：…").
fn target_actual(row: Option<&IndicatorRow>, detail: Option<&str>) -> Option<(String, String)> {
    if let Some(r) = row {
        return Some((r.target.clone(), r.actual.clone()));
    }
    let d = detail?;
    let mut t = None;
    let mut a = None;
    for part in d.split(['；', ';', '|', '\n']) {
        let part = part.trim();
        for (k, is_target) in [
            ("目标值", true),
            ("target", true),
            ("业绩值", false),
            ("actual", false),
        ] {
            if let Some(v) = part.strip_prefix(k) {
                let v = Some(v.trim_start_matches([':', '：', ' ']).to_string());
                if is_target {
                    t = v;
                } else {
                    a = v;
                }
            }
        }
    }
    Some((t?, a?))
}

fn num_of(t: &Target) -> Option<(Decimal, u32, &str)> {
    match &t.val {
        TVal::Num { v, dec, unit } => Some((*v, *dec, unit.as_str())),
        TVal::Date(_) => None,
    }
}

pub(super) fn completion(
    ctx: &mut Ctx,
    row: Option<&IndicatorRow>,
    rate: Option<usize>,
    detail: Option<&str>,
    subj: &Subject,
) {
    let rule = "perf.completion";
    let Some(rv) = rate.and_then(|r| ctx.val(r)) else {
        return not_checkable(
            ctx,
            rule,
            "no completion rate",
            subj,
            "缺少完成率，无法核对",
            "no completion rate: not checkable",
        );
    };
    let Some((ts, as_)) = target_actual(row, detail) else {
        return not_checkable(
            ctx,
            rule,
            "target or actual missing",
            subj,
            "缺少目标值或业绩值，无法核对",
            "target or actual missing: not checkable",
        );
    };
    let (Some(t), Some(a)) = (parse(&ts, &ctx.words), parse(&as_, &ctx.words)) else {
        return not_checkable(
            ctx,
            rule,
            "target or actual not numeric",
            subj,
            "目标值或业绩值不是数值，完成率无法核对",
            "target or actual is not a number: completion not checkable",
        );
    };
    let (Some((tv, td, tu)), Some((av, ad, au))) = (num_of(&t), num_of(&a)) else {
        return not_checkable(
            ctx,
            rule,
            "date target",
            subj,
            "时间指标，完成率不按比值核对",
            "date target: completion is not a ratio",
        );
    };
    if !same_unit(tu, au) {
        return not_checkable(
            ctx,
            rule,
            "units differ",
            subj,
            "目标值与业绩值单位不同，无法核对",
            "target and actual units differ: not checkable",
        );
    }
    let ta = Approx::printed(tv, td as i32);
    let aa = Approx::printed(av, ad as i32);
    let hundred = Approx::exact(Decimal::ONE_HUNDRED);
    let mut readings: Vec<Approx> = Vec::new();
    if let Ok(x) = aa.div(&ta).and_then(|x| x.percent()) {
        readings.push(x);
    }
    if matches!(t.op, Op::Le | Op::Lt) {
        if let Ok(x) = ta.div(&aa).and_then(|x| x.percent()) {
            readings.push(x);
        }
    }
    if readings.is_empty() {
        if tv.is_zero() && av.is_zero() {
            ctx.ran(FAMILY, rule, None);
            return;
        }
        return not_checkable(
            ctx,
            rule,
            "target zero",
            subj,
            "目标值为零，完成率无法核对",
            "target is zero: completion not checkable",
        );
    }
    // A rate above 100% may be printed as 100% (capped) or as the ratio itself.
    let capped: Vec<Approx> = readings
        .iter()
        .filter(|r| r.point > Decimal::ONE_HUNDRED)
        .map(|_| hundred)
        .collect();
    let best = readings
        .iter()
        .chain(&capped)
        .map(|r| (compare(r, rv.v, rv.dec), *r))
        .min_by(|x, y| (x.0.verdict, x.0.diff).cmp(&(y.0.verdict, y.0.diff)));
    let Some((cmp, rec)) = best else { return };
    let shown = show(rec.point, rv.dec);
    let stated = ctx.stated_u(rv.fact);
    let expected = format!("{} ÷ {} × 100 = {shown}%", av.normalize(), tv.normalize());
    ctx.judge(FAMILY, rule, &cmp, subj, |c| c.t(
        format!("完成率与业绩值/目标值不符：所列{stated}，业绩值{as_}、目标值{ts}，计算为{shown}%"),
        format!("completion does not match actual/target: stated {stated}, actual {as_}, target {ts} give {shown}%"),
    ), expected);
}

pub(super) fn missed_target(
    ctx: &mut Ctx,
    row: Option<&IndicatorRow>,
    weight: Option<usize>,
    score: Option<usize>,
    detail: Option<&str>,
    subj: &Subject,
) {
    let rule = "perf.missed_target";
    let (Some(wv), Some(sv)) = (
        weight.and_then(|w| ctx.val(w)),
        score.and_then(|s| ctx.val(s)),
    ) else {
        return not_checkable(
            ctx,
            rule,
            "weight or score missing",
            subj,
            "缺少权重或得分，无法核对",
            "weight or score missing: not checkable",
        );
    };
    let Some((ts, as_)) = target_actual(row, detail) else {
        return not_checkable(
            ctx,
            rule,
            "target or actual missing",
            subj,
            "缺少目标值或业绩值，无法核对",
            "target or actual missing: not checkable",
        );
    };
    let (Some(t), Some(a)) = (parse(&ts, &ctx.words), parse(&as_, &ctx.words)) else {
        return not_checkable(
            ctx,
            rule,
            "target or actual not numeric",
            subj,
            "目标值或业绩值不是数值或日期，无法判断是否达标",
            "target or actual is not a number or date: not checkable",
        );
    };
    let missed = match (&t.val, &a.val) {
        (TVal::Date(td), TVal::Date(ad)) => match t.op {
            Op::Lt => ad >= td,
            Op::Ge | Op::Gt => false,
            Op::Eq | Op::Le => ad > td,
        },
        (
            TVal::Num {
                v: tv, unit: tu, ..
            },
            TVal::Num {
                v: av, unit: au, ..
            },
        ) if same_unit(tu, au) => match t.op {
            Op::Eq if is_money(&t) => av > tv,
            Op::Ge | Op::Eq => av < tv,
            Op::Gt => av <= tv,
            Op::Le => av > tv,
            Op::Lt => av >= tv,
        },
        _ => {
            return not_checkable(
                ctx,
                rule,
                "target and actual not comparable",
                subj,
                "目标值与业绩值不可比，无法判断是否达标",
                "target and actual are not comparable: not checkable",
            );
        }
    };
    let full = sv.v >= wv.v;
    let fails = (missed && full).then_some(Severity::Warning);
    let (sw, ss) = (ctx.stated(w_idx(weight)), ctx.stated(w_idx(score)));
    ctx.verdict(FAMILY, rule, fails, subj, |c| c.t(
        format!("未达目标却给满分：目标值{ts}，业绩值{as_}，得分{ss}（权重{sw}）"),
        format!("full score although the target was missed: target {ts}, actual {as_}, score {ss} of {sw}"),
    ), {
        let (zh, en) = (
            format!("业绩值{as_}未达目标{ts} → 得分应低于权重{sw}"),
            format!("actual {as_} misses target {ts} → score below weight {sw}"),
        );
        ctx.t(zh, en)
    });
}

fn w_idx(i: Option<usize>) -> usize {
    i.unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::B;
    use super::super::Severity;
    use crate::document::Location;
    use crate::extract::{IndicatorRow, PerfTable, PerfTableKind, Role, StatementKind};

    fn row(
        b: &mut B,
        target: &str,
        actual: &str,
        weight: &str,
        comp: &str,
        score: &str,
    ) -> (usize, usize, usize) {
        let w = b.fact("权重", weight, "");
        let c = b.fact("完成率", comp, "%");
        let s = b.fact("得分", score, "");
        let ir = IndicatorRow {
            project: "p".into(),
            level1: String::new(),
            level2: String::new(),
            level3: "x".into(),
            weight: weight.into(),
            target: target.into(),
            actual: actual.into(),
            completion: format!("{comp}%"),
            score: score.into(),
            other: vec![],
            weight_fact: Some(w),
            completion_fact: Some(c),
            score_fact: Some(s),
            location: Location::default(),
        };
        if b.ex.perf_tables.is_empty() {
            b.ex.perf_tables.push(PerfTable {
                kind: PerfTableKind::Project,
                project: "p".into(),
                funds: vec![],
                indicators: vec![],
                total_weight: None,
                total_score: None,
                goal: String::new(),
                achieved: String::new(),
                location: Location::default(),
            });
        }
        b.ex.perf_tables[0].indicators.push(ir);
        (w, c, s)
    }

    fn rules_of(
        target: &str,
        actual: &str,
        weight: &str,
        comp: &str,
        score: &str,
    ) -> Vec<(String, Severity)> {
        let mut b = B::default();
        row(&mut b, target, actual, weight, comp, score);
        b.run()
    }

    // 2366/2100 = 112.67%: 112% is one unit off (warning), 113% holds, 110% is an error.
    #[test]
    fn completion_ratio() {
        assert_eq!(
            rules_of(">=2100人次", "=2366人次", "10", "113", "10"),
            vec![]
        );
        assert_eq!(
            rules_of(">=2100人次", "=2366人次", "10", "112", "10"),
            vec![("perf.completion".into(), Severity::Warning)]
        );
        assert_eq!(
            rules_of(">=2100人次", "=2366人次", "10", "110", "10"),
            vec![("perf.completion".into(), Severity::Error)]
        );
        // Capped at 100% is accepted.
        assert_eq!(rules_of("=22家", "=34家", "10", "100", "10"), vec![]);
    }

    // "≤" cost targets: either reading is accepted; neither is flagged.
    #[test]
    fn completion_cost_readings() {
        assert_eq!(
            rules_of("<=1.60万元", "=1.59万元", "5", "99.38", "4.92"),
            vec![]
        );
        assert_eq!(
            rules_of("<=1.60万元", "=1.59万元", "5", "100.63", "5"),
            vec![]
        );
        assert_eq!(
            rules_of("<=1.60万元", "=1.59万元", "5", "95.00", "4.75"),
            vec![("perf.completion".into(), Severity::Error)]
        );
    }

    // A ceiling written in words (不大于, a comparator of patterns/tables.toml) is read like
    // "<=": the row is checked, not set aside as "target not numeric".
    #[test]
    fn completion_with_word_ceiling() {
        assert_eq!(
            rules_of("不大于1.60万元", "=1.59万元", "5", "100.63", "5"),
            vec![]
        );
        assert_eq!(
            rules_of("不大于1.60万元", "=1.59万元", "5", "95.00", "4.75"),
            vec![("perf.completion".into(), Severity::Error)]
        );
        assert_eq!(
            rules_of("不大于1.60万元", "=1.70万元", "5", "94.12", "5"),
            vec![("perf.missed_target".into(), Severity::Warning)]
        );
    }

    // A money target beside rows the extraction paired (a 成本指标 row gets no missed-target
    // statement) is checked from its row; an "=" money target is a ceiling: spending less is
    // no miss, spending more is.
    #[test]
    fn missed_money_target_beside_statements() {
        let run = |target: &str, actual: &str, comp: &str| {
            let mut b = B::default();
            let (w, _, s) = row(&mut b, ">=95%", "=96%", "10", "100", "10");
            b.st(
                StatementKind::MissedTarget,
                &[(w, Role::Weight), (s, Role::Score)],
                None,
            );
            row(&mut b, target, actual, "15", comp, "15");
            b.run()
        };
        let missed = vec![("perf.missed_target".to_string(), Severity::Warning)];
        assert_eq!(run("<=18.04万元", "=19.50万元", "100"), missed);
        assert_eq!(run("<=18.04万元", "=17.00万元", "100"), vec![]);
        assert_eq!(run("=18.04万元", "=19.50万元", "100"), missed);
        assert_eq!(run("=18.04万元", "=17.00万元", "94.24"), vec![]);
    }

    // Satisfaction 90% against ≥95% with full score: completion 94.74% holds, missed target warns.
    #[test]
    fn missed_satisfaction() {
        assert_eq!(
            rules_of(">=95%", "=90%", "10", "94.74", "10"),
            vec![("perf.missed_target".into(), Severity::Warning)]
        );
        assert_eq!(rules_of(">=95%", "=90%", "10", "94.74", "9.47"), vec![]);
        assert_eq!(rules_of(">=95%", "=95%", "10", "100", "10"), vec![]);
    }

    // A date later than the deadline with full score warns; on time is silent.
    #[test]
    fn missed_deadline() {
        assert_eq!(
            rules_of("=2024年11月30日", "2024年12月9日", "10", "100", "10"),
            vec![("perf.missed_target".into(), Severity::Warning)]
        );
        assert_eq!(
            rules_of("2024年12月10日前", "2024年11月30日", "10", "100", "10"),
            vec![]
        );
        assert_eq!(
            rules_of("2024年12月10日前", "2024年12月10日", "10", "100", "10"),
            vec![]
        );
        assert_eq!(
            rules_of("2024年12月10日前", "2024年12月11日", "10", "100", "10"),
            vec![("perf.missed_target".into(), Severity::Warning)]
        );
    }

    // Under 按照完成比例赋分 a completion ≤ 100% gives weight × completion: 5 × 99.38% = 4.97;
    // 4.92 warns; without the stated rule, or above 100%, nothing is claimed.
    #[test]
    fn indicator_score() {
        let run = |rule: &str, comp: &str, score: &str| {
            let mut b = B::default();
            row(&mut b, "<=1.60万元", "=1.59万元", "5", comp, score);
            b.ex.perf_tables[0].indicators[0].other = vec![("赋分规则".into(), rule.into())];
            b.run()
        };
        assert_eq!(run("按照完成比例赋分", "99.38", "4.97"), vec![]);
        assert_eq!(
            run("按照完成比例赋分", "99.38", "4.96"),
            vec![("perf.indicator_score".into(), Severity::Warning)]
        );
        assert_eq!(
            run("按照完成比例赋分", "99.38", "4.92"),
            vec![("perf.indicator_score".into(), Severity::Warning)]
        );
        assert_eq!(run("按评判等级赋分", "99.38", "4.92"), vec![]);
    }
}
