//! Rules `perf.*`: the arithmetic and the intent of 绩效自评表 (performance self-evaluation
//! tables): execution rate, funds score, weights, scores, completion rates, full scores for
//! missed targets, cost indicators and narrative counts.
//!
//! Weights and integer scores are assigned, not measured: they are compared exactly, not as
//! ±0.5 intervals (seven integer weights would otherwise tolerate ±3.5). Scores and rates
//! printed with decimals are rounded results and get the interval rule.
//!
//! Completion, missed-target and indicator-score checks read the indicator row (目标值,
//! 业绩值) and live in [`super::perf_rows`].

use super::interval::{compare, show, Approx, Verdict};
use super::{sev_of, Ctx, Severity, Subject, Val};
use crate::extract::{Role, Statement, StatementKind};
use rust_decimal::Decimal;

pub(super) const FAMILY: &str = "perf";

/// The coverage key of a performance statement kind (its JSON name).
fn kind_key(k: StatementKind) -> &'static str {
    match k {
        StatementKind::ExecutionRate => "execution_rate",
        StatementKind::FundsScore => "funds_score",
        StatementKind::WeightSum => "weight_sum",
        StatementKind::ScoreSum => "score_sum",
        StatementKind::ScoreCap => "score_cap",
        StatementKind::Completion => "completion",
        StatementKind::MissedTarget => "missed_target",
        StatementKind::CostSum => "cost_sum",
        StatementKind::NarrativeCount => "narrative_count",
        _ => FAMILY,
    }
}

/// Checks one performance-table statement.
pub(super) fn check(ctx: &mut Ctx, st: &Statement) {
    ctx.found(kind_key(st.kind));
    let subj = Subject::of(st);
    match st.kind {
        StatementKind::ExecutionRate => execution_rate(ctx, st, &subj),
        StatementKind::FundsScore => funds_score(ctx, st, &subj),
        StatementKind::WeightSum => weight_sum(ctx, st, &subj),
        StatementKind::ScoreSum => score_sum(ctx, st, &subj),
        StatementKind::ScoreCap => score_cap(ctx, st, &subj),
        StatementKind::Completion => {
            let rate = st.fact(Role::Rate);
            let row = rate
                .and_then(|r| super::perf_rows::find_row(ctx, |ir| ir.completion_fact == Some(r)));
            super::perf_rows::completion(ctx, row, rate, st.detail.as_deref(), &subj)
        }
        StatementKind::MissedTarget => {
            let score = st.fact(Role::Score);
            let row =
                score.and_then(|s| super::perf_rows::find_row(ctx, |ir| ir.score_fact == Some(s)));
            super::perf_rows::missed_target(
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

pub(super) fn not_checkable(
    ctx: &mut Ctx,
    rule: &str,
    reason: &str,
    subj: &Subject,
    zh: &str,
    en: &str,
) {
    let m = ctx.t(zh.to_string(), en.to_string());
    ctx.unchecked(FAMILY, rule, reason, subj, m);
}

/// An assigned number (weight, integer score): exact.
pub(super) fn assigned(ctx: &Ctx, i: usize) -> Option<Val> {
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
        if bv.v.is_zero() && !av.v.is_zero() && !rv.v.is_zero() {
            // A rate against a printed zero budget ("年初预算为0万元…完成年初预算的95.89%"):
            // no rate follows from the figures.
            let (sb, sr) = (ctx.stated(b), ctx.stated_u(r));
            let sa = ctx.stated(a);
            return ctx.verdict(
                FAMILY,
                rule,
                Some(Severity::Warning),
                subj,
                |c| {
                    c.t(
                        format!("预算数为零（{sb}），执行率{sr}无从计算（以零为基数）"),
                        format!("the budget is zero ({sb}): the rate {sr} has no base"),
                    )
                },
                format!("{sa} ÷ {sb}"),
            );
        }
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
    let Some(sum) = vals
        .iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v.v))
    else {
        return;
    };
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
    use crate::extract::{Role, StatementKind};
    use rust_decimal::Decimal;

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

    // A rate stated against a printed zero budget has no base: a warning; a budget that
    // only may be zero at its precision stays not checkable.
    #[test]
    fn execution_rate_on_zero_budget() {
        let run = |budget: &str, actual: &str| {
            let mut b = B::default();
            let a = b.fact("支出决算", actual, "万元");
            let bu = b.fact("年初预算", budget, "万元");
            let r = b.fact("完成率", "95.89", "%");
            b.st(
                StatementKind::ExecutionRate,
                &[(a, Role::Actual), (bu, Role::Budget), (r, Role::Rate)],
                None,
            );
            b.run()
        };
        assert_eq!(
            run("0", "307.82"),
            vec![("perf.execution_rate".into(), Severity::Warning)]
        );
        assert_eq!(run("0.00", "0.00"), vec![]);
        assert_eq!(run("321.02", "307.82"), vec![]);
    }
}
