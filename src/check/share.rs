//! Rules `share.rate` (part / base × 100 against the stated 占X%) and `share.family` (the
//! shares of one base add up to 100%).

use super::interval::{compare, compare_iv, show, unit, Approx, Interval, Verdict};
use super::{Ctx, Subject};
use crate::extract::{Role, Statement};
use rust_decimal::Decimal;

/// Checks one Share statement.
pub(super) fn check_share(ctx: &mut Ctx, st: &Statement) {
    let (family, rule) = ("share", "share.rate");
    ctx.found(family);
    let subj = Subject::of(st);
    if let Some(why) = &st.unsure {
        let m = ctx.t(
            format!("无法核对：{}", super::zh::detail(why)),
            format!("not checkable: {why}"),
        );
        ctx.unchecked(family, rule, "uncertain binding", &subj, m);
        return;
    }
    let (Some(part), Some(rate)) = (st.fact(Role::Part), st.fact(Role::Rate)) else {
        let m = ctx.t(
            "缺少分项或占比，无法核对".into(),
            "part or rate missing: not checkable".into(),
        );
        ctx.unchecked(family, rule, "part or rate missing", &subj, m);
        return;
    };
    let Some(base) = st.fact(Role::Base) else {
        let m = ctx.t(
            "未识别出占比的基数，无法核对".into(),
            "the base of the share is not known: not checkable".into(),
        );
        ctx.unchecked(family, rule, "no base", &subj, m);
        return;
    };
    let (Some(pb), Some(r)) = (ctx.vals(&[part, base]), ctx.val(rate)) else {
        ctx.units_differ(family, rule, &subj);
        return;
    };
    let (Some(p), Some(b)) = (pb.first(), pb.get(1)) else {
        return;
    };
    let rec = match p.a.div(&b.a).and_then(|x| x.percent()) {
        Ok(x) => x,
        Err(_) => {
            if p.v.is_zero() && r.v.is_zero() {
                // 0 of 0 stated as 0%: the conventional reading holds.
                ctx.ran(family, rule, None);
            } else {
                let m = ctx.t(
                    "基数可能为零，无法核对".into(),
                    "the base may be zero: not checkable".into(),
                );
                ctx.unchecked(family, rule, "base zero", &subj, m);
            }
            return;
        }
    };
    let cmp = compare(&rec, r.v.abs(), r.dec);
    let shown = show(rec.point, r.dec);
    let expected = format!(
        "{} ÷ {} × 100 = {}%",
        ctx.stated(part),
        ctx.stated(base),
        shown
    );
    let (stated, label, blabel) = (ctx.stated_u(rate), ctx.label(part), ctx.label(base));
    ctx.judge(
        family,
        rule,
        &cmp,
        &subj,
        |c| {
            c.t(
                format!("占比与重新计算不符：{label}占{blabel}的比例为{stated}，重新计算为{shown}%"),
                format!("share does not match: {label} stated as {stated} of {blabel}, recomputed {shown}%"),
            )
        },
        expected,
    );
}

/// Checks one ShareFamily statement: Σ rates = `expected` (default 100).
pub(super) fn check_family(ctx: &mut Ctx, st: &Statement) {
    let (family, rule) = ("share_family", "share.family");
    ctx.found(family);
    let subj = Subject::of(st);
    let rates = st.facts_with(Role::Rate);
    let vals: Option<Vec<_>> = rates.iter().map(|&i| ctx.val(i)).collect();
    let Some(vals) = vals.filter(|v| v.len() >= 2) else {
        let m = ctx.t(
            "占比少于两项，无法核对".into(),
            "fewer than two shares: not checkable".into(),
        );
        ctx.unchecked(family, rule, "fewer than two shares", &subj, m);
        return;
    };
    if vals.iter().all(|v| v.v.is_zero()) {
        let m = ctx.t(
            "各项占比均为0（基数为零），无法核对".into(),
            "all shares are 0 (zero base): not checkable".into(),
        );
        ctx.unchecked(family, rule, "all shares zero", &subj, m);
        return;
    }
    let Ok(sum) = Approx::sum(vals.iter().map(|v| &v.a)) else {
        return;
    };
    let target = st.expected.unwrap_or(Decimal::ONE_HUNDRED);
    let dec = vals.iter().map(|v| v.dec).max().unwrap_or(0);
    let mut cmp = compare_iv(&sum, &Interval::exact(target), target, dec);
    // Each share may be truncated (or nudged to force 100%) by up to one unit of its last
    // digit, so a family tolerates one unit per share before it is an error.
    if cmp.verdict == Verdict::Error && cmp.diff <= unit(dec) * Decimal::from(vals.len() as u64) {
        cmp.verdict = Verdict::Warning;
    }
    let terms: Vec<String> = rates.iter().map(|&i| ctx.stated(i)).collect();
    let shown = show(sum.point, dec);
    let expected = format!("{} = {}%", terms.join(" + "), shown);
    ctx.judge(
        family,
        rule,
        &cmp,
        &subj,
        |c| {
            c.t(
                format!("各项占比合计为{shown}%，不等于{target}%"),
                format!("shares add up to {shown}%, not {target}%"),
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

    fn share(part: &str, base: &str, rate: &str) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let p = b.fact("财政拨款收入", part, "万元");
        let bs = b.fact("本年收入", base, "万元");
        let r = b.fact("占", rate, "%");
        b.st(
            StatementKind::Share,
            &[(p, Role::Part), (bs, Role::Base), (r, Role::Rate)],
            None,
        );
        b.run()
    }

    // 1,021.54 / 1,298.54 = 78.6683%: 78.67% holds, 78.66% is a one-unit warning, 78.64% an error.
    #[test]
    fn share_boundaries() {
        assert_eq!(share("1,021.54", "1,298.54", "78.67"), vec![]);
        assert_eq!(
            share("1,021.54", "1,298.54", "78.66"),
            vec![("share.rate".into(), Severity::Warning)]
        );
        assert_eq!(
            share("1,021.54", "1,298.54", "78.64"),
            vec![("share.rate".into(), Severity::Error)]
        );
    }

    // A share whose exact value is 3.3051% printed 3.30% is a warning (truncation).
    #[test]
    fn truncated_share_warns() {
        // 33.051 / 1000 = 3.3051%
        assert_eq!(
            share("33.051", "1,000.000", "3.30"),
            vec![("share.rate".into(), Severity::Warning)]
        );
        assert_eq!(share("33.051", "1,000.000", "3.31"), vec![]);
    }

    // 0 of a zero base stated as 0% holds; a nonzero share of a zero base is not checkable.
    #[test]
    fn zero_base() {
        assert_eq!(share("0.00", "0.00", "0.00"), vec![]);
        assert_eq!(share("1.00", "0.00", "5.00"), vec![]);
    }

    fn family(rates: &[&str]) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let fs: Vec<_> = rates
            .iter()
            .map(|r| (b.fact("占", r, "%"), Role::Rate))
            .collect();
        b.st(StatementKind::ShareFamily, &fs, None);
        b.run()
    }

    // 2.08 + 89.84 + 3.39 + 4.68 = 99.99 holds (four rates ±0.005); 99.97 is one unit too
    // far beyond the interval for two shares → warning; 99.97 an error.
    #[test]
    fn family_boundaries() {
        assert_eq!(family(&["2.08", "89.84", "3.39", "4.68"]), vec![]);
        assert_eq!(family(&["45.01", "54.99", "0.00"]), vec![]);
        assert_eq!(family(&["50.00", "49.99"]), vec![]);
        // Two shares: tolerance ±0.01, one unit per share → warning up to 0.02 off.
        assert_eq!(
            family(&["50.00", "49.98"]),
            vec![("share.family".into(), Severity::Warning)]
        );
        assert_eq!(
            family(&["50.00", "49.97"]),
            vec![("share.family".into(), Severity::Error)]
        );
        assert_eq!(family(&["0.00", "0.00"]), vec![]);
    }
}
