//! Rule `sum.total` (and `perf.funds_sum` for the funds rows of a 绩效自评表): a stated total
//! against the sum of its parts, on intervals.

use super::interval::{compare, show, Approx, Verdict};
use super::{Ctx, Severity, Subject};
use crate::extract::{Role, Statement};

/// True when the statement's total is a cell of a performance table's funds rows.
fn is_perf_funds(ctx: &Ctx, total: usize) -> bool {
    ctx.ex.perf_tables.iter().any(|t| {
        t.funds
            .iter()
            .any(|r| [r.budget_initial, r.budget_full, r.executed].contains(&Some(total)))
    })
}

/// Checks one Sum statement.
pub(super) fn check(ctx: &mut Ctx, st: &Statement) {
    let subj = Subject::of(st);
    let total = st.fact(Role::Total);
    let (family, rule) = match total {
        Some(t) if is_perf_funds(ctx, t) => ("sum", "perf.funds_sum"),
        _ => ("sum", "sum.total"),
    };
    ctx.found(family);
    if let Some(why) = &st.unsure {
        let m = ctx.t(
            format!("无法核对：{}", super::zh::detail(why)),
            format!("not checkable: {why}"),
        );
        ctx.unchecked(family, rule, "uncertain binding", &subj, m);
        return;
    }
    let parts = st.facts_with(Role::Part);
    let Some(total) = total else {
        let m = ctx.t(
            "未识别出合计数，无法核对".into(),
            "no total recognised: not checkable".into(),
        );
        ctx.unchecked(family, rule, "no total", &subj, m);
        return;
    };
    if parts.is_empty() {
        let m = ctx.t(
            "未识别出分项，无法核对".into(),
            "no parts recognised: not checkable".into(),
        );
        ctx.unchecked(family, rule, "no parts", &subj, m);
        return;
    }
    let mut idx = vec![total];
    idx.extend(&parts);
    let Some(vals) = ctx.vals(&idx) else {
        ctx.units_differ(family, rule, &subj);
        return;
    };
    let Some((t, ps)) = vals.split_first() else {
        return;
    };
    let Ok(sum) = Approx::sum(ps.iter().map(|p| &p.a)) else {
        let m = ctx.t("数值超出范围".into(), "arithmetic overflow".into());
        ctx.unchecked(family, rule, "overflow", &subj, m);
        return;
    };
    let cmp = compare(&sum, t.v, t.dec);
    let terms: Vec<String> = parts.iter().map(|&p| ctx.stated(p)).collect();
    let recomputed = show(sum.point, t.dec);
    let expected = format!("{} = {}", terms.join(" + "), recomputed);
    let stated = ctx.stated_u(total);
    let label = ctx.label(total);
    if st.detail.as_deref() == Some(crate::extract::LIST_CUT) {
        // A numbered list with only its item 1: short of the total it is cut, whatever the
        // figures' precision (a listing defect, not an arithmetic error).
        let fails = (cmp.verdict != Verdict::Holds).then_some(Severity::Warning);
        let part = terms.first().cloned().unwrap_or_default();
        ctx.verdict(
            family,
            rule,
            fails,
            &subj,
            |c| {
                c.t(
                    format!("编号列举只列出第1项：{label}{stated}，所列一项为{part}，其余分项未列出"),
                    format!("the numbered list stops after item 1: {label} {stated}, the one part listed is {part}; the other parts are missing"),
                )
            },
            expected,
        );
        return;
    }
    ctx.judge(
        family,
        rule,
        &cmp,
        &subj,
        |c| {
            c.t(
                format!("合计数与分项之和不符：{label}{stated}，分项之和为{recomputed}"),
                format!("total does not equal the sum of its parts: {label} {stated}, parts add up to {recomputed}"),
            )
        },
        expected,
    );
}

#[cfg(test)]
mod tests {
    use super::super::testutil::B;
    use super::super::Severity;
    use crate::extract::{Role, StatementKind};

    fn sum_case(total: &str, parts: &[&str]) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let t = b.fact("合计", total, "万元");
        let mut fs = vec![(t, Role::Total)];
        for p in parts {
            fs.push((b.fact("分项", p, "万元"), Role::Part));
        }
        b.st(StatementKind::Sum, &fs, None);
        b.run()
    }

    // 120.16 + 0.00 + 0.55 = 120.71 holds against 120.72 and 120.73 (three parts ±0.005 and
    // the total's ±0.005 touch), not against 120.74.
    #[test]
    fn three_part_boundary() {
        assert_eq!(sum_case("120.72", &["120.16", "0.00", "0.55"]), vec![]);
        assert_eq!(sum_case("120.73", &["120.16", "0.00", "0.55"]), vec![]);
        assert_eq!(
            sum_case("120.74", &["120.16", "0.00", "0.55"]),
            vec![("sum.total".to_string(), Severity::Error)]
        );
    }

    // 政府采购 300.68 vs 10.71 + 40.52 + 249.44 = 300.67 holds.
    #[test]
    fn procurement_holds() {
        assert_eq!(sum_case("300.68", &["10.71", "40.52", "249.44"]), vec![]);
    }

    // Integers ±0.5: 41 + 1,207 against 1,249 holds; against 1,250 it does not.
    #[test]
    fn integer_boundary() {
        assert_eq!(sum_case("1,249", &["41", "1,207"]), vec![]);
        assert_eq!(
            sum_case("1,250", &["41", "1,207"]),
            vec![("sum.total".to_string(), Severity::Error)]
        );
    }

    // A two-part sum off by 0.02 is an error; off by 0.01 it holds.
    #[test]
    fn two_cents_is_error() {
        assert_eq!(sum_case("3.01", &["1.00", "2.00"]), vec![]);
        assert_eq!(
            sum_case("3.02", &["1.00", "2.00"]),
            vec![("sum.total".to_string(), Severity::Error)]
        );
    }

    // Mixed units compare in 万元: 12,000.00元 + 1.80万元 = 3.00万元.
    #[test]
    fn mixed_units() {
        let mut b = B::default();
        let t = b.fact("合计", "3.00", "万元");
        let p1 = b.fact("a", "12,000.00", "元");
        let p2 = b.fact("b", "1.80", "万元");
        b.st(
            StatementKind::Sum,
            &[(t, Role::Total), (p1, Role::Part), (p2, Role::Part)],
            None,
        );
        assert_eq!(b.run(), vec![]);
    }

    // A sum without parts is reported as not checkable (info), and counted.
    #[test]
    fn no_parts_is_info() {
        let mut b = B::default();
        let t = b.fact("合计", "3.00", "万元");
        b.st(StatementKind::Sum, &[(t, Role::Total)], None);
        let r = super::super::check(&b.ex, super::super::Lang::En);
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].severity, Severity::Info);
        assert_eq!(r.coverage.by_kind["sum"].unchecked, 1);
        assert_eq!(r.coverage.checks_run, 0);
    }

    // A numbered list cut after item 1: a warning when short of the total, whatever the
    // precision; holding when the one item is the total.
    #[test]
    fn list_cut_is_a_warning() {
        let run = |total: &str, part: &str| {
            let mut b = B::default();
            let t = b.fact("支出预算总计", total, "万元");
            let p = b.fact("公共安全支出", part, "万元");
            b.st(
                StatementKind::Sum,
                &[(t, Role::Total), (p, Role::Part)],
                None,
            );
            if let Some(st) = b.ex.statements.last_mut() {
                st.detail = Some(crate::extract::LIST_CUT.to_string());
            }
            b.run()
        };
        assert_eq!(
            run("17996.68", "13656.34"),
            vec![("sum.total".into(), Severity::Warning)]
        );
        assert_eq!(run("147.20", "147.20"), vec![]);
    }
}
