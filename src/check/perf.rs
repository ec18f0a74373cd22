//! Rules `perf.*`: the arithmetic and the intent of 绩效自评表 (performance self-evaluation
//! tables): execution rate, funds score, weights, scores, completion rates, full scores for
//! missed targets, cost indicators and narrative counts.
//!
//! Weights and integer scores are assigned, not measured: they are compared exactly, not as
//! ±0.5 intervals (seven integer weights would otherwise tolerate ±3.5). Scores and rates
//! printed with decimals are rounded results and get the interval rule.
//!
//! Completion and missed-target checks read the indicator row (目标值, 业绩值) that owns the
//! statement's facts; when the extraction has indicator rows but no statements of those
//! kinds, the rows themselves are checked, so a table is never silently skipped.

use super::interval::{compare, show, Approx, Verdict};
use super::perf_target::{parse, same_unit, Op, TVal, Target};
use super::{sev_of, Ctx, Severity, Subject, Val};
use crate::extract::{IndicatorRow, Role, Statement, StatementKind};
use rust_decimal::Decimal;

const FAMILY: &str = "perf";

/// Checks one performance-table statement.
pub(super) fn check(ctx: &mut Ctx, st: &Statement) {
    ctx.found(FAMILY);
    let subj = Subject::of(st);
    match st.kind {
        StatementKind::ExecutionRate => execution_rate(ctx, st, &subj),
        StatementKind::FundsScore => funds_score(ctx, st, &subj),
        StatementKind::WeightSum => weight_sum(ctx, st, &subj),
        StatementKind::ScoreSum => score_sum(ctx, st, &subj),
        StatementKind::ScoreCap => score_cap(ctx, st, &subj),
        StatementKind::Completion => {
            let rate = st.fact(Role::Rate);
            let row = rate.and_then(|r| find_row(ctx, |ir| ir.completion_fact == Some(r)));
            completion(ctx, row, rate, st.detail.as_deref(), &subj)
        }
        StatementKind::MissedTarget => {
            let score = st.fact(Role::Score);
            let row = score.and_then(|s| find_row(ctx, |ir| ir.score_fact == Some(s)));
            missed_target(
                ctx,
                row,
                st.fact(Role::Weight),
                score,
                st.detail.as_deref(),
                &subj,
            )
        }
        StatementKind::CostSum => cost_sum(ctx, st, &subj),
        StatementKind::NarrativeCount => narrative_count(ctx, st, &subj),
        _ => {}
    }
}

/// Checks indicator rows directly for the kinds the extraction did not state.
pub(super) fn check_rows(ctx: &mut Ctx) {
    let has = |k: StatementKind| ctx.ex.statements.iter().any(|s| s.kind == k);
    let (do_completion, do_missed) = (
        !has(StatementKind::Completion),
        !has(StatementKind::MissedTarget),
    );
    let rows: Vec<&IndicatorRow> = ctx
        .ex
        .perf_tables
        .iter()
        .flat_map(|t| &t.indicators)
        .collect();
    for row in rows {
        let subj = row_subject(row);
        indicator_score(ctx, row, &subj);
        if !do_completion && !do_missed {
            continue;
        }
        if do_completion && row.completion_fact.is_some() {
            ctx.found(FAMILY);
            completion(ctx, Some(row), row.completion_fact, None, &subj);
        }
        if do_missed && row.score_fact.is_some() && row.weight_fact.is_some() {
            ctx.found(FAMILY);
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
    let proportional = row.other.iter().any(|(h, v)| {
        h.contains("赋分规则") && (v.contains("按照完成比例") || v.contains("按完成比例"))
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
    ctx.found(FAMILY);
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
    }
}

fn find_row<'a>(ctx: &Ctx<'a>, pred: impl Fn(&IndicatorRow) -> bool) -> Option<&'a IndicatorRow> {
    ctx.ex
        .perf_tables
        .iter()
        .flat_map(|t| &t.indicators)
        .find(|r| pred(r))
}

fn not_checkable(ctx: &mut Ctx, rule: &str, reason: &str, subj: &Subject, zh: &str, en: &str) {
    let m = ctx.t(zh.to_string(), en.to_string());
    ctx.unchecked(FAMILY, rule, reason, subj, m);
}

/// An assigned number (weight, integer score): exact.
fn assigned(ctx: &Ctx, i: usize) -> Option<Val> {
    let mut v = ctx.val(i)?;
    if v.dec == 0 {
        v.a = Approx::exact(v.v);
    }
    Some(v)
}

fn execution_rate(ctx: &mut Ctx, st: &Statement, subj: &Subject) {
    let rule = "perf.execution_rate";
    let (Some(a), Some(b), Some(r)) = (
        st.fact(Role::Actual),
        st.fact(Role::Budget),
        st.fact(Role::Rate),
    ) else {
        return not_checkable(
            ctx,
            rule,
            "facts missing",
            subj,
            "缺少执行数、预算数或执行率，无法核对",
            "executed, budget or rate missing: not checkable",
        );
    };
    let (Some(ab), Some(rv)) = (ctx.vals(&[a, b]), ctx.val(r)) else {
        return not_checkable(
            ctx,
            rule,
            "units differ",
            subj,
            "单位不一致，无法核对",
            "units differ: not checkable",
        );
    };
    let (Some(av), Some(bv)) = (ab.first(), ab.get(1)) else {
        return;
    };
    let Ok(rec) = av.a.div(&bv.a).and_then(|x| x.percent()) else {
        return not_checkable(
            ctx,
            rule,
            "budget may be zero",
            subj,
            "全年预算数可能为零，执行率无法核对",
            "the budget may be zero: rate not checkable",
        );
    };
    let cmp = compare(&rec, rv.v, rv.dec);
    let shown = show(rec.point, rv.dec);
    let (sa, sb, sr) = (ctx.stated(a), ctx.stated(b), ctx.stated_u(r));
    ctx.judge(
        FAMILY,
        rule,
        &cmp,
        subj,
        |c| {
            c.t(
                format!("执行率与执行数、预算数不符：所列{sr}，{sa} ÷ {sb} = {shown}%"),
                format!("execution rate does not match: stated {sr}, {sa} / {sb} = {shown}%"),
            )
        },
        format!("{sa} ÷ {sb} × 100 = {shown}%"),
    );
}

fn funds_score(ctx: &mut Ctx, st: &Statement, subj: &Subject) {
    let rule = "perf.funds_score";
    let (Some(w), Some(r), Some(s)) = (
        st.fact(Role::Weight),
        st.fact(Role::Rate),
        st.fact(Role::Score),
    ) else {
        return not_checkable(
            ctx,
            rule,
            "facts missing",
            subj,
            "缺少分值、执行率或得分，无法核对",
            "weight, rate or score missing: not checkable",
        );
    };
    let (Some(wv), Some(rv), Some(sv)) = (assigned(ctx, w), ctx.val(r), ctx.val(s)) else {
        return;
    };
    let Ok(rec) = wv.a.mul(&rv.a).map(|x| Approx {
        point: x.point / Decimal::ONE_HUNDRED,
        iv: super::interval::Interval {
            lo: x.iv.lo / Decimal::ONE_HUNDRED,
            hi: x.iv.hi / Decimal::ONE_HUNDRED,
        },
    }) else {
        return;
    };
    // A funds score is capped at the weight when execution exceeds 100%.
    let capped = if rec.point > wv.v {
        Approx::exact(wv.v)
    } else {
        rec
    };
    let mut cmp = compare(&rec, sv.v, sv.dec);
    let cmp_cap = compare(&capped, sv.v, sv.dec);
    if cmp_cap.verdict < cmp.verdict {
        cmp = cmp_cap;
    }
    let shown = show(rec.point, sv.dec);
    let (sw, sr, ss) = (ctx.stated(w), ctx.stated_u(r), ctx.stated(s));
    ctx.judge(
        FAMILY,
        rule,
        &cmp,
        subj,
        |c| {
            c.t(
                format!("资金得分与分值×执行率不符：得分{ss}，{sw} × {sr} = {shown}"),
                format!(
                    "funds score does not match weight × rate: stated {ss}, {sw} × {sr} = {shown}"
                ),
            )
        },
        format!("{sw} × {sr} = {shown}"),
    );
}

fn weight_sum(ctx: &mut Ctx, st: &Statement, subj: &Subject) {
    let rule = "perf.weight_sum";
    let ws = st.facts_with(Role::Weight);
    let vals: Option<Vec<Val>> = ws.iter().map(|&i| ctx.val(i)).collect();
    let expected = st
        .expected
        .or_else(|| st.fact(Role::Total).and_then(|t| ctx.val(t)).map(|v| v.v));
    let (Some(vals), Some(expected)) = (vals.filter(|v| !v.is_empty()), expected) else {
        return not_checkable(
            ctx,
            rule,
            "weights or total missing",
            subj,
            "缺少权重或应有合计，无法核对",
            "weights or expected total missing: not checkable",
        );
    };
    let sum: Decimal = vals.iter().map(|v| v.v).sum();
    let fails = (sum != expected).then_some(Severity::Error);
    let terms: Vec<String> = ws.iter().map(|&i| ctx.stated(i)).collect();
    let (sum_s, exp_s) = (
        sum.normalize().to_string(),
        expected.normalize().to_string(),
    );
    ctx.verdict(
        FAMILY,
        rule,
        fails,
        subj,
        |c| {
            c.t(
                format!("指标权重合计为{sum_s}，应为{exp_s}"),
                format!("weights add up to {sum_s}, expected {exp_s}"),
            )
        },
        format!("{} = {sum_s}", terms.join(" + ")),
    );
}

fn score_sum(ctx: &mut Ctx, st: &Statement, subj: &Subject) {
    let rule = "perf.score_sum";
    let ss = st.facts_with(Role::Score);
    let (Some(t), false) = (st.fact(Role::Total), ss.is_empty()) else {
        return not_checkable(
            ctx,
            rule,
            "scores or total missing",
            subj,
            "缺少得分或总分，无法核对",
            "scores or total missing: not checkable",
        );
    };
    let vals: Option<Vec<Val>> = ss.iter().map(|&i| assigned(ctx, i)).collect();
    let (Some(vals), Some(tv)) = (vals, ctx.val(t)) else {
        return;
    };
    let Ok(sum) = Approx::sum(vals.iter().map(|v| &v.a)) else {
        return;
    };
    let cmp = compare(&sum, tv.v, tv.dec);
    let shown = show(sum.point, tv.dec);
    let terms: Vec<String> = ss.iter().map(|&i| ctx.stated(i)).collect();
    let stated = ctx.stated_u(t);
    ctx.judge(
        FAMILY,
        rule,
        &cmp,
        subj,
        |c| {
            c.t(
                format!("各项得分之和为{shown}，与总分{stated}不符"),
                format!("scores add up to {shown}, total stated as {stated}"),
            )
        },
        format!("{} = {shown}", terms.join(" + ")),
    );
}

fn score_cap(ctx: &mut Ctx, st: &Statement, subj: &Subject) {
    let rule = "perf.score_cap";
    let (Some(w), Some(s)) = (st.fact(Role::Weight), st.fact(Role::Score)) else {
        return not_checkable(
            ctx,
            rule,
            "facts missing",
            subj,
            "缺少权重或得分，无法核对",
            "weight or score missing: not checkable",
        );
    };
    let (Some(wv), Some(sv)) = (ctx.val(w), ctx.val(s)) else {
        return;
    };
    let fails = (sv.v > wv.v).then_some(Severity::Error);
    let (sw, ss) = (ctx.stated(w), ctx.stated(s));
    ctx.verdict(
        FAMILY,
        rule,
        fails,
        subj,
        |c| {
            c.t(
                format!("指标得分{ss}超过其权重{sw}"),
                format!("score {ss} exceeds its weight {sw}"),
            )
        },
        format!("≤ {sw}"),
    );
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

fn completion(
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
    let (Some(t), Some(a)) = (parse(&ts), parse(&as_)) else {
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

fn missed_target(
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
    let (Some(t), Some(a)) = (parse(&ts), parse(&as_)) else {
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

fn cost_sum(ctx: &mut Ctx, st: &Statement, subj: &Subject) {
    let rule = "perf.cost_sum";
    let parts = st.facts_with(Role::Part);
    let (Some(t), false) = (st.fact(Role::Total), parts.is_empty()) else {
        return not_checkable(
            ctx,
            rule,
            "costs or total missing",
            subj,
            "缺少成本指标或执行数，无法核对",
            "cost rows or executed amount missing: not checkable",
        );
    };
    let mut idx = vec![t];
    idx.extend(&parts);
    let Some(vals) = ctx.vals(&idx) else {
        return not_checkable(
            ctx,
            rule,
            "units differ",
            subj,
            "单位不一致，无法核对",
            "units differ: not checkable",
        );
    };
    let Some((tv, ps)) = vals.split_first() else {
        return;
    };
    let Ok(sum) = Approx::sum(ps.iter().map(|p| &p.a)) else {
        return;
    };
    let cmp = compare(&sum, tv.v, tv.dec);
    // Cost rows may cover only part of the spending: short is a warning; exceeding the
    // executed amount is an error beyond one unit.
    let sev = match cmp.verdict {
        Verdict::Holds => None,
        _ if sum.point < tv.v => Some(Severity::Warning),
        v => sev_of(v),
    };
    ctx.ran(FAMILY, rule, sev);
    if let Some(s) = sev {
        let shown = show(sum.point, tv.dec);
        let terms: Vec<String> = parts.iter().map(|&i| ctx.stated_u(i)).collect();
        let stated = ctx.stated_u(t);
        let m = if sum.point < tv.v {
            ctx.t(
                format!("成本指标合计{shown}少于全年执行数{stated}"),
                format!("cost indicators add up to {shown}, less than the executed {stated}"),
            )
        } else {
            ctx.t(
                format!("成本指标合计{shown}超过全年执行数{stated}"),
                format!("cost indicators add up to {shown}, more than the executed {stated}"),
            )
        };
        ctx.emit(rule, s, m, subj, format!("{} = {shown}", terms.join(" + ")));
    }
}

fn narrative_count(ctx: &mut Ctx, st: &Statement, subj: &Subject) {
    let rule = "perf.narrative_count";
    let cs = st.facts_with(Role::Count);
    let (Some(&n), Some(&t)) = (cs.first(), cs.get(1)) else {
        return not_checkable(
            ctx,
            rule,
            "counts missing",
            subj,
            "缺少文字或表中的数量，无法核对",
            "narrative or table count missing: not checkable",
        );
    };
    let (Some(nv), Some(tv)) = (ctx.val(n), ctx.val(t)) else {
        return;
    };
    let fails = (nv.v != tv.v).then_some(Severity::Warning);
    let (sn, stt, ln, lt) = (ctx.stated_u(n), ctx.stated_u(t), ctx.label(n), ctx.label(t));
    ctx.verdict(FAMILY, rule, fails, subj, |c| c.t(
        format!("文字所述数量与指标表不符：文字“{ln}”为{sn}，表中“{lt}”为{stt}"),
        format!("the text's count disagrees with the table: text \"{ln}\" {sn}, table \"{lt}\" {stt}"),
    ), stt.clone());
}

#[cfg(test)]
mod tests {
    use super::super::testutil::B;
    use super::super::Severity;
    use crate::document::Location;
    use crate::extract::{IndicatorRow, PerfTable, PerfTableKind, Role, StatementKind};
    use rust_decimal::Decimal;

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

    fn stmt(
        kind: StatementKind,
        facts: &[(&str, &str, Role)],
        expected: Option<u32>,
    ) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let fs: Vec<_> = facts
            .iter()
            .map(|(v, u, r)| (b.fact("x", v, u), *r))
            .collect();
        let s = b.st(kind, &fs, None);
        b.ex.statements[s].expected = expected.map(Decimal::from);
        b.run()
    }

    // 执行率 = 1,271.72 / 2,405.59 = 52.8652%: 52.87% holds; 10 × 52.87% = 5.287 → 5.29 holds.
    #[test]
    fn execution_and_funds_score() {
        use Role::*;
        assert_eq!(
            stmt(
                StatementKind::ExecutionRate,
                &[
                    ("1,271.72", "万元", Actual),
                    ("2,405.59", "万元", Budget),
                    ("52.87", "%", Rate)
                ],
                None
            ),
            vec![]
        );
        assert_eq!(
            stmt(
                StatementKind::ExecutionRate,
                &[
                    ("1,271.72", "万元", Actual),
                    ("2,405.59", "万元", Budget),
                    ("52.89", "%", Rate)
                ],
                None
            ),
            vec![("perf.execution_rate".into(), Severity::Error)]
        );
        assert_eq!(
            stmt(
                StatementKind::FundsScore,
                &[
                    ("10", "", Weight),
                    ("52.87", "%", Rate),
                    ("5.29", "", Score)
                ],
                None
            ),
            vec![]
        );
        assert_eq!(
            stmt(
                StatementKind::FundsScore,
                &[
                    ("10", "", Weight),
                    ("52.87", "%", Rate),
                    ("5.30", "", Score)
                ],
                None
            ),
            vec![("perf.funds_score".into(), Severity::Warning)]
        );
        assert_eq!(
            stmt(
                StatementKind::FundsScore,
                &[
                    ("10", "", Weight),
                    ("52.87", "%", Rate),
                    ("5.31", "", Score)
                ],
                None
            ),
            vec![("perf.funds_score".into(), Severity::Error)]
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

    // Weights add up exactly; scores add up to 总分; a score above its weight is an error.
    #[test]
    fn weights_scores_caps() {
        use Role::*;
        assert_eq!(
            stmt(
                StatementKind::WeightSum,
                &[("40", "", Weight), ("50", "", Weight)],
                Some(90)
            ),
            vec![]
        );
        assert_eq!(
            stmt(
                StatementKind::WeightSum,
                &[("40", "", Weight), ("49", "", Weight)],
                Some(90)
            ),
            vec![("perf.weight_sum".into(), Severity::Error)]
        );
        assert_eq!(
            stmt(
                StatementKind::ScoreSum,
                &[
                    ("10", "", Score),
                    ("88.75", "", Score),
                    ("98.75", "分", Total)
                ],
                None
            ),
            vec![]
        );
        assert_eq!(
            stmt(
                StatementKind::ScoreSum,
                &[("10", "", Score), ("88", "", Score), ("98.75", "分", Total)],
                None
            ),
            vec![("perf.score_sum".into(), Severity::Error)]
        );
        assert_eq!(
            stmt(
                StatementKind::ScoreCap,
                &[("10", "", Weight), ("10.00", "", Score)],
                None
            ),
            vec![]
        );
        assert_eq!(
            stmt(
                StatementKind::ScoreCap,
                &[("10", "", Weight), ("10.01", "", Score)],
                None
            ),
            vec![("perf.score_cap".into(), Severity::Error)]
        );
    }

    // Cost rows short of execution warn; exceeding it is an error; equal holds.
    #[test]
    fn cost_sum() {
        use Role::*;
        let c = |a: &str, b: &str, t: &str| {
            stmt(
                StatementKind::CostSum,
                &[(t, "万元", Total), (a, "万元", Part), (b, "万元", Part)],
                None,
            )
        };
        assert_eq!(c("18.04", "1.96", "20.00"), vec![]);
        assert_eq!(c("3", "3", "6.00"), vec![]);
        assert_eq!(
            c("10.00", "1.96", "20.00"),
            vec![("perf.cost_sum".into(), Severity::Warning)]
        );
        assert_eq!(
            c("18.04", "2.96", "20.00"),
            vec![("perf.cost_sum".into(), Severity::Error)]
        );
    }

    // Narrative counts must equal the table's.
    #[test]
    fn narrative_count() {
        use Role::*;
        assert_eq!(
            stmt(
                StatementKind::NarrativeCount,
                &[("22", "家", Count), ("22", "家", Count)],
                None
            ),
            vec![]
        );
        assert_eq!(
            stmt(
                StatementKind::NarrativeCount,
                &[("22", "家", Count), ("34", "家", Count)],
                None
            ),
            vec![("perf.narrative_count".into(), Severity::Warning)]
        );
    }
}
