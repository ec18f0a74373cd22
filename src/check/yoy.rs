//! Rules `yoy.rate`, `yoy.prior` and `yoy.direction`: a year-on-year change ("与上年相比，
//! 增加472.54万元，增长24.45%"). The prior year is implied: prior = current − sign·|delta|, and
//! the rate is |delta| / prior × 100 — not delta / current, the commonest slip in these texts.

use super::interval::{compare, show, Approx};
use super::{Ctx, Severity, Subject};
use crate::extract::{Role, Statement};
use rust_decimal::Decimal;

/// Checks one Yoy statement.
pub(super) fn check(ctx: &mut Ctx, st: &Statement) {
    let family = "yoy";
    ctx.found(family);
    let subj = Subject::of(st);
    if let Some(why) = &st.unsure {
        let m = ctx.t(
            format!("无法核对：{}", super::zh::detail(why)),
            format!("not checkable: {why}"),
        );
        ctx.unchecked(family, "yoy.rate", "uncertain binding", &subj, m);
        return;
    }
    if let (None, Some(base), Some(delta)) = (
        st.fact(Role::Current),
        st.fact(Role::Base),
        st.fact(Role::Delta),
    ) {
        prior_and_change(ctx, st, &subj, base, delta);
        return;
    }
    let Some(current) = st.fact(Role::Current) else {
        let m = ctx.t(
            "未识别出本年数，无法核对".into(),
            "no current-year value: not checkable".into(),
        );
        ctx.unchecked(family, "yoy.rate", "no current value", &subj, m);
        return;
    };
    let delta = st.fact(Role::Delta);
    let rate = st.fact(Role::Rate);
    let stated_prior = st.fact(Role::Base);
    if let (None, Some(base)) = (delta, stated_prior) {
        // Two printed levels: the change is between them.
        levels(ctx, st, &subj, current, base, rate);
        return;
    }
    direction(ctx, st, &subj, delta, rate);
    let Some(delta) = delta else {
        let m = ctx.t(
            "未给出增减额，无法推算上年数".into(),
            "no change amount: the prior year cannot be derived".into(),
        );
        ctx.unchecked(family, "yoy.rate", "no change amount", &subj, m);
        return;
    };
    let Some(sign) = st.sign else {
        let m = ctx.t(
            "增减方向不明，无法核对".into(),
            "direction unknown: not checkable".into(),
        );
        ctx.unchecked(family, "yoy.rate", "direction unknown", &subj, m);
        return;
    };
    let mut idx = vec![current, delta];
    idx.extend(stated_prior);
    let Some(vals) = ctx.vals(&idx) else {
        ctx.units_differ(family, "yoy.rate", &subj);
        return;
    };
    let (Some(cur), Some(del)) = (vals.first(), vals.get(1)) else {
        return;
    };
    let dmag = del.a.abs();
    let signed = match sign {
        s if s < 0 => Approx::exact(Decimal::ZERO).sub(&dmag),
        0 => Ok(Approx::exact(Decimal::ZERO)),
        _ => Ok(dmag),
    };
    let Ok(prior) = signed.and_then(|s| cur.a.sub(&s)) else {
        return;
    };
    let prior_s = show(prior.point, cur.dec.max(del.dec));

    // yoy.prior: against a stated prior, or at least not negative.
    if let Some(p) = vals.get(2) {
        let cmp = compare(&prior, p.v, p.dec);
        let stated = ctx.stated(p.fact);
        let expected = format!(
            "{} − ({}) = {}",
            ctx.stated(current),
            signed_str(ctx, delta, sign),
            prior_s
        );
        ctx.judge(
            family,
            "yoy.prior",
            &cmp,
            &subj,
            |c| {
                c.t(
                    format!(
                        "上年数与增减额不符：所述上年数{stated}，按本年数和增减额推算为{prior_s}"
                    ),
                    format!(
                        "prior year does not match the change: stated {stated}, implied {prior_s}"
                    ),
                )
            },
            expected,
        );
    } else {
        let neg = prior.iv.hi < Decimal::ZERO;
        let expected = format!(
            "{} − {} = {}",
            ctx.stated(current),
            ctx.stated(delta),
            prior_s
        );
        ctx.verdict(
            family,
            "yoy.prior",
            neg.then_some(Severity::Error),
            &subj,
            |c| {
                c.t(
                    format!("增加额大于本年数，推算的上年数为负（{prior_s}）"),
                    format!("the increase exceeds the current value: implied prior year is negative ({prior_s})"),
                )
            },
            expected,
        );
    }

    // yoy.rate.
    let Some(rate) = rate else { return };
    let Some(r) = ctx.val(rate) else { return };
    let rec = match dmag.div(&prior.abs()).and_then(|x| x.percent()) {
        Ok(x) => x,
        Err(_) => {
            if del.v.is_zero() && r.v.is_zero() {
                ctx.ran(family, "yoy.rate", None);
            } else if prior.point.is_zero() && !del.v.is_zero() && !r.v.is_zero() {
                // Growth from nothing: the printed prior is zero, so no rate follows from
                // the figures ("增加5.00万元，增长100.00%" on a prior of 0).
                let stated = ctx.stated_u(rate);
                ctx.verdict(
                    family,
                    "yoy.rate",
                    Some(Severity::Warning),
                    &subj,
                    |c| {
                        c.t(
                            format!(
                                "上年数为零（{prior_s}），增长率{stated}无从计算（以零为基数）"
                            ),
                            format!(
                                "the prior year is zero ({prior_s}): the rate {stated} has no base"
                            ),
                        )
                    },
                    format!("{} ÷ {prior_s}", ctx.stated(delta)),
                );
            } else {
                let m = ctx.t(
                    format!("推算的上年数可能为零（{prior_s}），增长率无法核对"),
                    format!("the implied prior year may be zero ({prior_s}): rate not checkable"),
                );
                ctx.unchecked(family, "yoy.rate", "prior may be zero", &subj, m);
            }
            return;
        }
    };
    let cmp = compare(&rec, r.v.abs(), r.dec);
    let shown = show(rec.point, r.dec);
    let expected = format!("{} ÷ {} × 100 = {}%", ctx.stated(delta), prior_s, shown);
    let stated = ctx.stated_u(rate);
    let wrong_base = dmag
        .div(&cur.a)
        .and_then(|x| x.percent())
        .ok()
        .map(|x| compare(&x, r.v.abs(), r.dec).verdict == super::interval::Verdict::Holds)
        .unwrap_or(false);
    ctx.judge(
        family,
        "yoy.rate",
        &cmp,
        &subj,
        |c| {
            let hint_zh = if wrong_base { "（所述增长率等于增减额除以本年数，疑似以本年数为基数）" } else { "" };
            let hint_en = if wrong_base { " (the stated rate equals change / current: wrong base?)" } else { "" };
            c.t(
                format!("增长率与增减额不符：所述{stated}，按上年数{prior_s}计算为{shown}%{hint_zh}"),
                format!("growth rate does not match the change: stated {stated}, change / prior {prior_s} = {shown}%{hint_en}"),
            )
        },
        expected,
    );
}

/// A change stated between two printed levels ("2023年执行数为A万元，2024年安排B万元，比2023年
/// 执行数增加r%"): with a rate, r = |B − A| / A × 100 (rule yoy.rate); without one, the
/// direction word against B − A (rule yoy.direction: an error only when the printed figures
/// exclude the stated direction at their precision).
fn levels(
    ctx: &mut Ctx,
    st: &Statement,
    subj: &Subject,
    current: usize,
    base: usize,
    rate: Option<usize>,
) {
    let family = "yoy";
    let rule = if rate.is_some() {
        "yoy.rate"
    } else {
        "yoy.direction"
    };
    let Some(vals) = ctx.vals(&[current, base]) else {
        ctx.units_differ(family, rule, subj);
        return;
    };
    let (Some(cur), Some(pri)) = (vals.first(), vals.get(1)) else {
        return;
    };
    let Ok(diff) = cur.a.sub(&pri.a) else { return };
    let (cs, ps) = (ctx.stated_u(current), ctx.stated_u(base));
    let Some(rate) = rate else {
        let Some(sign) = st.sign else { return };
        let wrong = match sign {
            s if s > 0 => diff.iv.hi < Decimal::ZERO,
            s if s < 0 => diff.iv.lo > Decimal::ZERO,
            _ => !diff.iv.contains(Decimal::ZERO),
        };
        let word = match sign {
            s if s > 0 => ("增加", "an increase"),
            s if s < 0 => ("减少", "a decrease"),
            _ => ("持平", "no change"),
        };
        let expected = format!("{cs} − {ps} = {}", show(diff.point, cur.dec.max(pri.dec)));
        let cause = st
            .detail
            .as_deref()
            .and_then(|d| d.strip_prefix(crate::extract::narrative::CAUSE_CONTRADICTS))
            .map(str::to_string);
        if let (false, Some(cause)) = (wrong, cause) {
            // The change agrees with the figures, but its stated cause goes the other way.
            ctx.verdict(
                family,
                "yoy.direction",
                Some(Severity::Warning),
                subj,
                |c| {
                    c.t(
                        format!("文字称{}（本年数{cs}、上年数{ps}），但所述原因为“{cause}”", word.0),
                        format!("the text says {} ({cs} this year, {ps} prior), but the cause given is \"{cause}\"", word.1),
                    )
                },
                expected,
            );
            return;
        }
        ctx.verdict(
            family,
            "yoy.direction",
            wrong.then_some(Severity::Error),
            subj,
            |c| {
                c.t(
                    format!("文字称{}，但本年数{cs}、上年数{ps}", word.0),
                    format!(
                        "the text says {}, but the figures are {cs} (this year) and {ps} (prior)",
                        word.1
                    ),
                )
            },
            expected,
        );
        return;
    };
    let Some(r) = ctx.val(rate) else { return };
    let stated = ctx.stated_u(rate);
    let rec = match diff.abs().div(&pri.a.abs()).and_then(|x| x.percent()) {
        Ok(x) => x,
        Err(_) => {
            if pri.v.is_zero() && !r.v.is_zero() && !cur.v.is_zero() {
                ctx.verdict(
                    family,
                    "yoy.rate",
                    Some(Severity::Warning),
                    subj,
                    |c| {
                        c.t(
                            format!("上年数为零（{ps}），增长率{stated}无从计算（以零为基数）"),
                            format!("the prior year is zero ({ps}): the rate {stated} has no base"),
                        )
                    },
                    format!("({cs} − {ps}) ÷ {ps}"),
                );
            } else {
                prior_may_be_zero(ctx, subj, &ps);
            }
            return;
        }
    };
    let cmp = compare(&rec, r.v.abs(), r.dec);
    let shown = show(rec.point, r.dec);
    ctx.judge(
        family,
        "yoy.rate",
        &cmp,
        subj,
        |c| {
            c.t(
                format!("增长率与两年数不符：所述{stated}，按（{cs} − {ps}）÷ {ps}计算为{shown}%"),
                format!("growth rate does not match the two levels: stated {stated}, ({cs} − {ps}) / {ps} = {shown}%"),
            )
        },
        format!("|{cs} − {ps}| ÷ {ps} × 100 = {shown}%"),
    );
}

/// A change stated against a printed prior year with no current figure ("与上年相比（上年…为A
/// 万元），增加B万元，增长r%"): r = |B| / A × 100 (rule yoy.rate).
fn prior_and_change(ctx: &mut Ctx, st: &Statement, subj: &Subject, base: usize, delta: usize) {
    let family = "yoy";
    direction(ctx, st, subj, Some(delta), st.fact(Role::Rate));
    let Some(rate) = st.fact(Role::Rate) else {
        ctx.ran(family, "yoy.prior", None);
        return;
    };
    let (Some(vals), Some(r)) = (ctx.vals(&[base, delta]), ctx.val(rate)) else {
        ctx.units_differ(family, "yoy.rate", subj);
        return;
    };
    let (Some(p), Some(d)) = (vals.first(), vals.get(1)) else {
        return;
    };
    let (ps, ds, stated) = (ctx.stated_u(base), ctx.stated_u(delta), ctx.stated_u(rate));
    let Ok(rec) = d.a.abs().div(&p.a.abs()).and_then(|x| x.percent()) else {
        prior_may_be_zero(ctx, subj, &ps);
        return;
    };
    let cmp = compare(&rec, r.v.abs(), r.dec);
    let shown = show(rec.point, r.dec);
    ctx.judge(
        family,
        "yoy.rate",
        &cmp,
        subj,
        |c| {
            c.t(
                format!("增长率与增减额不符：所述{stated}，按上年数{ps}计算为{shown}%"),
                format!("growth rate does not match the change: stated {stated}, {ds} / prior {ps} = {shown}%"),
            )
        },
        format!("{ds} ÷ {ps} × 100 = {shown}%"),
    );
}

/// A rate whose prior year may be zero at its printed precision: not checkable.
fn prior_may_be_zero(ctx: &mut Ctx, subj: &Subject, prior: &str) {
    let m = ctx.t(
        format!("上年数可能为零（{prior}），增长率无法核对"),
        format!("the prior year may be zero ({prior}): rate not checkable"),
    );
    ctx.unchecked("yoy", "yoy.rate", "prior may be zero", subj, m);
}

fn signed_str(ctx: &Ctx, delta: usize, sign: i8) -> String {
    if sign < 0 {
        format!("−{}", ctx.stated(delta))
    } else {
        ctx.stated(delta)
    }
}

/// yoy.direction: direction words against the printed signs and against zero changes.
fn direction(
    ctx: &mut Ctx,
    st: &Statement,
    subj: &Subject,
    delta: Option<usize>,
    rate: Option<usize>,
) {
    let Some(sign) = st.sign else { return };
    let printed: Vec<_> = [delta, rate]
        .into_iter()
        .flatten()
        .filter_map(|i| ctx.val(i))
        .collect();
    if printed.is_empty() {
        return;
    }
    let mut problem: Option<(Severity, String, String)> = None;
    let disagree = st
        .detail
        .as_deref()
        .is_some_and(|d| d.starts_with(crate::extract::narrative::SIGNS_DISAGREE));
    if disagree && printed.len() == 2 {
        // "减少0.60万元，增长10.00%": one of the two words is wrong.
        problem = Some((
            Severity::Error,
            "增减额与增减率的方向用语相反".to_string(),
            "the change amount and the rate carry opposite direction words".to_string(),
        ));
    }
    for v in &printed {
        let (lbl, s) = (ctx.label(v.fact), ctx.stated_u(v.fact));
        if sign == 0 && !v.a.iv.contains(Decimal::ZERO) {
            problem = Some((
                Severity::Error,
                format!("文字称“持平”，但{lbl}为{s}"),
                format!("the text says unchanged, but {lbl} is {s}"),
            ));
        } else if sign != 0 && v.v < Decimal::ZERO {
            problem = Some((
                Severity::Warning,
                format!("增减方向用语与数值符号矛盾：{lbl}印为{s}"),
                format!("direction word contradicts the printed sign: {lbl} printed as {s}"),
            ));
        }
    }
    let expected = match sign {
        s if s > 0 => "+".to_string(),
        s if s < 0 => "−".to_string(),
        _ => "0".to_string(),
    };
    let sev = problem.as_ref().map(|p| p.0);
    let (zh, en) = problem.map(|p| (p.1, p.2)).unwrap_or_default();
    ctx.verdict("yoy", "yoy.direction", sev, subj, |c| c.t(zh, en), expected);
}

#[cfg(test)]
mod tests {
    use super::super::testutil::B;
    use super::super::Severity;
    use crate::extract::{Role, StatementKind};

    fn yoy(cur: &str, delta: &str, rate: &str, sign: i8) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let c = b.fact("本年", cur, "万元");
        let d = b.fact("增减", delta, "万元");
        let r = b.fact("增长率", rate, "%");
        b.st(
            StatementKind::Yoy,
            &[(c, Role::Current), (d, Role::Delta), (r, Role::Rate)],
            Some(sign),
        );
        b.run()
    }

    // +200.00 on 1,200.00 is 20.00% of the prior 1,000.00: 16.67% (delta/current) is an error.
    #[test]
    fn rate_uses_prior_not_current() {
        assert_eq!(yoy("1,200.00", "200.00", "20.00", 1), vec![]);
        assert_eq!(
            yoy("1,200.00", "200.00", "16.67", 1),
            vec![("yoy.rate".into(), Severity::Error)]
        );
    }

    // The seed's 收入支出总体: 2,405.59, +472.54 → prior 1,933.05, 24.445% → 24.45% holds.
    #[test]
    fn seed_total_holds() {
        assert_eq!(yoy("2,405.59", "472.54", "24.45", 1), vec![]);
        assert_eq!(
            yoy("2,405.59", "472.54", "24.46", 1),
            vec![("yoy.rate".into(), Severity::Warning)]
        );
        assert_eq!(
            yoy("2,405.59", "472.54", "24.47", 1),
            vec![("yoy.rate".into(), Severity::Error)]
        );
    }

    // A decrease to zero is −100%; 0 with 0 and prior 0 is fine.
    #[test]
    fn decreases_and_zero() {
        assert_eq!(yoy("0.00", "10.87", "100.00", -1), vec![]);
        assert_eq!(yoy("394.52", "0.78", "0.20", -1), vec![]);
        assert_eq!(yoy("0.00", "0.00", "0.00", 1), vec![]);
    }

    // A change from a printed prior of zero has no rate: a warning.
    #[test]
    fn prior_zero_is_a_warning() {
        let mut b = B::default();
        let c = b.fact("本年", "5.00", "万元");
        let d = b.fact("增减", "5.00", "万元");
        let r = b.fact("增长率", "100.00", "%");
        b.st(
            StatementKind::Yoy,
            &[(c, Role::Current), (d, Role::Delta), (r, Role::Rate)],
            Some(1),
        );
        let rep = super::super::check(&b.ex, super::super::Lang::Zh);
        assert_eq!(rep.findings.len(), 1);
        assert_eq!(rep.findings[0].severity, Severity::Warning);
        assert_eq!(rep.findings[0].rule, "yoy.rate");
    }

    // A prior that only may be zero (5.0 − 4.99 at their precision) cannot be checked:
    // info only.
    #[test]
    fn prior_zero_is_info() {
        let mut b = B::default();
        let c = b.fact("本年", "5.0", "万元");
        let d = b.fact("增减", "4.99", "万元");
        let r = b.fact("增长率", "100.00", "%");
        b.st(
            StatementKind::Yoy,
            &[(c, Role::Current), (d, Role::Delta), (r, Role::Rate)],
            Some(1),
        );
        let rep = super::super::check(&b.ex, super::super::Lang::Zh);
        assert_eq!(rep.findings.len(), 1);
        assert_eq!(rep.findings[0].severity, Severity::Info);
        assert_eq!(rep.coverage.by_kind["yoy"].reasons["prior may be zero"], 1);
    }

    // An increase larger than the current value implies a negative prior: error.
    #[test]
    fn negative_prior() {
        let mut b = B::default();
        let c = b.fact("在职人员", "21", "人");
        let d = b.fact("增加", "25", "人");
        b.st(
            StatementKind::Yoy,
            &[(c, Role::Current), (d, Role::Delta)],
            Some(1),
        );
        assert_eq!(b.run(), vec![("yoy.prior".into(), Severity::Error)]);
        let mut b = B::default();
        let c = b.fact("在职人员", "21", "人");
        let d = b.fact("减少", "5", "人");
        b.st(
            StatementKind::Yoy,
            &[(c, Role::Current), (d, Role::Delta)],
            Some(-1),
        );
        assert_eq!(b.run(), vec![]);
    }

    // 持平 with a nonzero change is an error; a printed minus under 增加 is a warning.
    #[test]
    fn direction_words() {
        assert_eq!(
            yoy("10.00", "1.00", "11.11", 0),
            vec![
                ("yoy.direction".into(), Severity::Error),
                ("yoy.rate".into(), Severity::Error)
            ]
        );
        assert_eq!(yoy("10.00", "0.00", "0.00", 0), vec![]);
        assert_eq!(
            yoy("9.00", "-1.00", "10.00", 1).first().cloned(),
            Some(("yoy.direction".into(), Severity::Warning))
        );
    }

    // 减少0.60万元 and 增长10.00% in one change: the words disagree, whatever the figures.
    #[test]
    fn amount_and_rate_words_disagree() {
        let mut b = B::default();
        let c = b.fact("本年", "5.40", "万元");
        let d = b.fact("增减", "0.60", "万元");
        let r = b.fact("增长率", "10.00", "%");
        let s = b.st(
            StatementKind::Yoy,
            &[(c, Role::Current), (d, Role::Delta), (r, Role::Rate)],
            Some(-1),
        );
        b.ex.statements[s].detail = Some(format!(
            "{}amount -1, rate 1",
            crate::extract::narrative::SIGNS_DISAGREE
        ));
        assert_eq!(b.run(), vec![("yoy.direction".into(), Severity::Error)]);
        assert_eq!(yoy("5.40", "0.60", "10.00", -1), vec![]);
    }

    // A stated prior must equal current − change.
    #[test]
    fn stated_prior() {
        let mut b = B::default();
        let c = b.fact("本年", "120.00", "万元");
        let d = b.fact("增加", "20.00", "万元");
        let p = b.fact("上年", "100.00", "万元");
        b.st(
            StatementKind::Yoy,
            &[(c, Role::Current), (d, Role::Delta), (p, Role::Base)],
            Some(1),
        );
        assert_eq!(b.run(), vec![]);
        let mut b = B::default();
        let c = b.fact("本年", "120.00", "万元");
        let d = b.fact("增加", "20.00", "万元");
        let p = b.fact("上年", "110.00", "万元");
        b.st(
            StatementKind::Yoy,
            &[(c, Role::Current), (d, Role::Delta), (p, Role::Base)],
            Some(1),
        );
        assert_eq!(b.run(), vec![("yoy.prior".into(), Severity::Error)]);
    }

    fn levels(cur: &str, prior: &str, rate: Option<&str>, sign: i8) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let c = b.fact("2024年预算安排", cur, "万元");
        let p = b.fact("2023年执行数", prior, "万元");
        let mut roles = vec![(c, Role::Current)];
        if let Some(r) = rate {
            let r = b.fact("增减率", r, "%");
            roles.push((r, Role::Rate));
        }
        roles.push((p, Role::Base));
        b.st(StatementKind::Yoy, &roles, Some(sign));
        b.run()
    }

    // Two printed levels: the rate is |B − A| / A; the direction word is against B − A, an
    // error only when the figures exclude it at their precision; a rate on a zero prior is a
    // warning.
    #[test]
    fn change_between_levels() {
        assert_eq!(levels("352.67", "348.52", Some("1.19"), 1), vec![]);
        assert_eq!(
            levels("352.67", "348.52", Some("0.53"), 1),
            vec![("yoy.rate".into(), Severity::Error)]
        );
        assert_eq!(levels("110.60", "114.00", None, -1), vec![]);
        assert_eq!(
            levels("110.60", "114.00", None, 1),
            vec![("yoy.direction".into(), Severity::Error)]
        );
        assert_eq!(levels("217.72", "217.72", None, 0), vec![]);
        assert_eq!(
            levels("217.75", "217.72", None, 0),
            vec![("yoy.direction".into(), Severity::Error)]
        );
        assert_eq!(levels("217.72", "217.72", None, 1), vec![]);
        assert_eq!(
            levels("25.00", "0.00", Some("100.00"), 1),
            vec![("yoy.rate".into(), Severity::Warning)]
        );
    }

    // A printed prior and a change with no current figure: the rate is change / prior.
    #[test]
    fn prior_and_change_without_current() {
        let run = |rate: &str| {
            let mut b = B::default();
            let p = b.fact("上年部门支出预算安排", "8,648.07", "万元");
            let d = b.fact("增加", "498.72", "万元");
            let r = b.fact("增长率", rate, "%");
            b.st(
                StatementKind::Yoy,
                &[(p, Role::Base), (d, Role::Delta), (r, Role::Rate)],
                Some(1),
            );
            b.run()
        };
        assert_eq!(run("5.77"), vec![]);
        assert_eq!(run("5.45"), vec![("yoy.rate".into(), Severity::Error)]);
    }
}
