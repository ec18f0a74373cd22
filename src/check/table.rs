//! Rules of the standard tables (公开表) and of the text against them:
//! - `table.column_sum`: a cell is the sum of the cells under it (合计 = Σ类, 类 = Σ款,
//!   本年收入合计 = Σ收入 lines, 总计 = 本年收入合计 + 结转 …);
//! - `table.row_sum`: a 合计 column is the sum of its sibling columns, and the row formulas
//!   (年末结转和结余 = 年初 + 收入 − 支出);
//! - `table.balance`: grand totals of side-by-side panels (收入总计 = 支出总计);
//! - `table.cross`: the same figure in two tables, or a total against cells of another table;
//! - `table.text`: a figure of the text against the cell it names;
//! - `table.text_share`: a rate of the text recomputed from the cells.
//!
//! All on the interval rule; a relation whose structure was uncertain at extraction
//! ([`Statement::unsure`]) is reported as not checkable with that reason.

use super::interval::{compare, show, Approx, Verdict};
use super::{Ctx, Subject, Val};
use crate::extract::{Role, Statement, StatementKind};

/// The coverage family of every table rule.
const FAMILY: &str = "table";

fn rule_of(st: &Statement) -> &'static str {
    let detail = st.detail.as_deref().unwrap_or("");
    let head = detail.split('|').next().unwrap_or("");
    match (st.kind, head) {
        (StatementKind::TableSum, "row") => "table.row_sum",
        (StatementKind::TableSum, "cross") => "table.cross",
        (StatementKind::TableSum, _) => "table.column_sum",
        (StatementKind::TableEqual, "balance") => "table.balance",
        (StatementKind::TableEqual, _) => "table.cross",
        (StatementKind::TextShare, _) => "table.text_share",
        _ => "table.text",
    }
}

/// The `detail` head of a column sum over a tree read from merged label cells (政府采购表):
/// it holds or is not checkable, never an error.
pub const LAYOUT_TREE: &str = "tree|";

/// The statement's description after the family word ("column|201 + 205 …").
fn detail_text(st: &Statement) -> &str {
    st.detail
        .as_deref()
        .and_then(|d| d.split_once('|').map(|x| x.1))
        .unwrap_or("")
}

/// Values in a common unit; for amounts in different units, 万元.
fn values(ctx: &Ctx, idx: &[usize]) -> Option<Vec<Val>> {
    ctx.vals(idx)
}

/// Checks one statement of the table rules.
pub(super) fn check(ctx: &mut Ctx, st: &Statement) {
    let rule = rule_of(st);
    let subj = Subject::of(st);
    ctx.found(rule.strip_prefix("table.").unwrap_or(rule));
    if let Some(why) = &st.unsure {
        let m = ctx.t(
            format!("无法核对：{}", super::zh::detail(why)),
            format!("not checkable: {why}"),
        );
        ctx.unchecked(FAMILY, rule, why_key(why), &subj, m);
        return;
    }
    match st.kind {
        StatementKind::TableSum => check_sum(ctx, st, rule, &subj),
        StatementKind::TableEqual | StatementKind::TextTable => check_equal(ctx, st, rule, &subj),
        _ => {}
    }
}

/// A short reason key for coverage counts.
fn why_key(why: &str) -> &'static str {
    if why.contains("is blank") {
        "blank cell"
    } else if why.contains("not one number") {
        "unreadable cell"
    } else if why.contains("holds this figure") {
        "no cell holds the text's figure"
    } else if why.contains("no name") {
        "unnamed row"
    } else {
        "uncertain structure"
    }
}

fn check_sum(ctx: &mut Ctx, st: &Statement, rule: &str, subj: &Subject) {
    let Some(total) = st.fact(Role::Total) else {
        let m = ctx.t(
            "未识别出合计数，无法核对".into(),
            "no total: not checkable".into(),
        );
        ctx.unchecked(FAMILY, rule, "no total", subj, m);
        return;
    };
    let mut idx = vec![total];
    let terms: Vec<(usize, bool)> = st
        .roles
        .iter()
        .zip(&st.facts)
        .filter(|(r, _)| matches!(r, Role::Part | Role::Minus))
        .map(|(r, f)| (*f, *r == Role::Minus))
        .collect();
    idx.extend(terms.iter().map(|t| t.0));
    let Some(vals) = values(ctx, &idx) else {
        ctx.units_differ(FAMILY, rule, subj);
        return;
    };
    let Some((t, ps)) = vals.split_first() else {
        return;
    };
    let mut acc = Approx::exact(rust_decimal::Decimal::ZERO);
    for (v, (_, minus)) in ps.iter().zip(&terms) {
        let next = if *minus { acc.sub(&v.a) } else { acc.add(&v.a) };
        match next {
            Ok(a) => acc = a,
            Err(_) => {
                let m = ctx.t("数值超出范围".into(), "arithmetic overflow".into());
                ctx.unchecked(FAMILY, rule, "overflow", subj, m);
                return;
            }
        }
    }
    let cmp = compare(&acc, t.v, t.dec);
    let recomputed = show(acc.point, t.dec);
    let mut shown = String::new();
    for (i, (f, minus)) in terms.iter().enumerate() {
        if i > 0 || *minus {
            shown.push_str(if *minus { " − " } else { " + " });
        }
        shown.push_str(&ctx.stated(*f));
    }
    if terms.is_empty() {
        shown.push('0');
    }
    let expected = format!("{shown} = {recomputed}");
    let stated = ctx.stated_u(total);
    let label = ctx.label(total);
    let parts = detail_text(st).to_string();
    if st
        .detail
        .as_deref()
        .is_some_and(|d| d.starts_with(LAYOUT_TREE))
        && cmp.verdict != super::interval::Verdict::Holds
    {
        // A tree read from the layout of merged label cells: a sum that does not hold may
        // be a line placed under the wrong parent, not a wrong figure.
        let m = ctx.t(
            format!(
                "无法核对：{label}为{stated}，而{}之和为{recomputed}；合并单元格的层次由版面推断，分项归属可能有误",
                super::zh::relation(&parts)
            ),
            format!("not checkable: {label} is {stated}, but {parts} add up to {recomputed}; the lines under merged cells are placed by layout and may belong elsewhere"),
        );
        ctx.unchecked(FAMILY, rule, "uncertain structure", subj, m);
        return;
    }
    ctx.judge(
        FAMILY,
        rule,
        &cmp,
        subj,
        |c| {
            c.t(
                format!("{label}为{stated}，而{parts}之和为{recomputed}"),
                format!("{label} is {stated}, but {parts} add up to {recomputed}"),
            )
        },
        expected,
    );
}

fn check_equal(ctx: &mut Ctx, st: &Statement, rule: &str, subj: &Subject) {
    let (Some(a), Some(b)) = (
        st.fact(Role::Total).or_else(|| st.fact(Role::Actual)),
        st.fact(Role::Part).or_else(|| st.fact(Role::Budget)),
    ) else {
        let m = ctx.t(
            "缺少一方数值，无法核对".into(),
            "one side is missing: not checkable".into(),
        );
        ctx.unchecked(FAMILY, rule, "blank cell", subj, m);
        return;
    };
    let Some(vals) = values(ctx, &[a, b]) else {
        ctx.units_differ(FAMILY, rule, subj);
        return;
    };
    // The coarser figure is the stated one: its interval is the wider.
    let (stated, other) = if vals[0].dec <= vals[1].dec {
        (vals[0], vals[1])
    } else {
        (vals[1], vals[0])
    };
    let mut cmp = compare(&other.a, stated.v, stated.dec);
    // A text figure that is another row's cell (the 款 total under a 项 name): wording.
    let namesake = st.fact(Role::Namesake);
    if namesake.is_some() && cmp.verdict == Verdict::Error {
        cmp.verdict = Verdict::Warning;
    }
    let (sa, sb) = (ctx.stated_u(a), ctx.stated_u(b));
    let (la, lb) = (ctx.label(a), ctx.label(b));
    let also = namesake.map(|n| (ctx.label(n), ctx.stated_u(n)));
    let expected = format!(
        "{} = {}",
        show(other.a.point, stated.dec),
        show(stated.v, stated.dec)
    );
    let what = detail_text(st).to_string();
    ctx.judge(
        FAMILY,
        rule,
        &cmp,
        subj,
        |c| match &also {
            Some((ln, sn)) => c.t(
                format!(
                    "{}：{la}为{sa}，{lb}为{sb}，二者不一致；{sb}是{ln}的数（{sn}），写在了{lb}名下",
                    super::zh::relation(&what)
                ),
                format!(
                    "{what}: {la} is {sa} but {lb} is {sb}; {sb} is the figure of {ln} ({sn}), printed under the name {lb}"
                ),
            ),
            None => c.t(
                format!(
                    "{}：{la}为{sa}，{lb}为{sb}，二者不一致",
                    super::zh::relation(&what)
                ),
                format!("{what}: {la} is {sa} but {lb} is {sb}"),
            ),
        },
        expected,
    );
}

#[cfg(test)]
mod tests {
    use super::super::testutil::B;
    use super::super::Severity;
    use crate::extract::{Role, StatementKind};

    fn sum(total: &str, parts: &[(&str, bool)]) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let t = b.fact("合计", total, "万元");
        let mut fs = vec![(t, Role::Total)];
        for (p, minus) in parts {
            fs.push((
                b.fact("x", p, "万元"),
                if *minus { Role::Minus } else { Role::Part },
            ));
        }
        let s = b.st(StatementKind::TableSum, &fs, None);
        b.ex.statements[s].detail = Some("column|x".into());
        b.run()
    }

    // Three parts of ±0.005 may add up to a total 0.01 away; 0.02 off two parts is an error.
    #[test]
    fn column_sum_boundaries() {
        assert_eq!(
            sum(
                "434.72",
                &[("434.16", false), ("0.00", false), ("0.55", false)]
            ),
            vec![]
        );
        assert_eq!(
            sum("3.02", &[("1.00", false), ("2.00", false)]),
            vec![("table.column_sum".to_string(), Severity::Error)]
        );
    }

    // A signed formula: 年末 = 年初 + 收入 − 支出.
    #[test]
    fn signed_formula() {
        assert_eq!(
            sum("5.00", &[("3.00", false), ("10.00", false), ("8.00", true)]),
            vec![]
        );
        assert_eq!(
            sum("5.00", &[("3.00", false), ("10.00", false), ("9.00", true)]),
            vec![("table.column_sum".to_string(), Severity::Error)]
        );
    }

    // A total with all its parts blank is compared with zero.
    #[test]
    fn blank_parts_are_zero() {
        assert_eq!(sum("0.00", &[]), vec![]);
        assert_eq!(
            sum("1.00", &[]),
            vec![("table.column_sum".to_string(), Severity::Error)]
        );
    }

    // Equal cells in different units: 15,621.11万元 against 156,211,123元 holds; against
    // 156,221,123元 it does not.
    #[test]
    fn equality_across_units() {
        let run = |yuan: &str| {
            let mut b = B::default();
            let a = b.fact("a", "15,621.11", "万元");
            let c = b.fact("b", yuan, "元");
            let s = b.st(
                StatementKind::TableEqual,
                &[(a, Role::Total), (c, Role::Part)],
                None,
            );
            b.ex.statements[s].detail = Some("cross|x = y".into());
            b.run()
        };
        assert_eq!(run("156,211,123"), vec![]);
        assert_eq!(
            run("156,221,123"),
            vec![("table.cross".to_string(), Severity::Error)]
        );
    }

    // An unsure relation is info, not an error.
    #[test]
    fn unsure_is_not_checkable() {
        let mut b = B::default();
        let t = b.fact("合计", "9.00", "万元");
        let p = b.fact("x", "1.00", "万元");
        let s = b.st(
            StatementKind::TableSum,
            &[(t, Role::Total), (p, Role::Part)],
            None,
        );
        b.ex.statements[s].unsure = Some("a row with figures but no name".into());
        assert_eq!(b.run(), vec![]);
        let r = super::super::check(&b.ex, super::super::Lang::En);
        assert_eq!(r.coverage.by_kind["column_sum"].unchecked, 1);
    }
}
