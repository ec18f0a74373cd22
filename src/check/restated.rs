//! Rule `restated.value`: the same concept stated twice in a document must agree.
//!
//! Facts are grouped by concept id (patterns/concepts.toml, assigned by extraction), kind,
//! project and context (narrative text vs table cell), and every later fact of a group is
//! compared with the first. Labels alone are never merged: "本年收入" of the whole unit and
//! "本年收入" of 政府性基金 share a label but not a concept, and a false alarm costs more
//! than a miss here. Change amounts (the Delta of a statement) are excluded: they are
//! differences, not values of the concept.

use super::interval::{compare, show};
use super::{sev_of, Ctx, Subject};
use crate::extract::{FactKind, Role};
use std::collections::{BTreeMap, BTreeSet};

/// Checks every group of facts that share a concept.
pub(super) fn check(ctx: &mut Ctx) {
    let family = "restated";
    let rule = "restated.value";
    let deltas: BTreeSet<usize> = ctx
        .ex
        .statements
        .iter()
        .flat_map(|s| s.facts_with(Role::Delta))
        .collect();
    let mut groups: BTreeMap<(String, FactKind, Option<String>, bool), Vec<usize>> =
        BTreeMap::new();
    for (i, f) in ctx.ex.facts.iter().enumerate() {
        let Some(c) = &f.concept else { continue };
        if deltas.contains(&i) {
            continue;
        }
        let key = (
            c.clone(),
            f.kind,
            f.project.clone(),
            f.location.row.is_some(),
        );
        groups.entry(key).or_default().push(i);
    }
    for ((concept, ..), members) in groups {
        if members.len() < 2 {
            continue;
        }
        ctx.found(family);
        let Some((&first, rest)) = members.split_first() else {
            continue;
        };
        for &later in rest {
            let subj = Subject {
                quote: ctx
                    .ex
                    .facts
                    .get(later)
                    .map(|f| f.quote.clone())
                    .unwrap_or_default(),
                location: ctx
                    .ex
                    .facts
                    .get(later)
                    .map(|f| f.location.clone())
                    .unwrap_or_default(),
                facts: vec![first, later],
                key: None,
            };
            let Some(v) = ctx.vals(&[first, later]) else {
                let m = ctx.t(
                    "单位不一致，无法比较".into(),
                    "units differ: not comparable".into(),
                );
                ctx.unchecked(family, rule, "units differ", &subj, m);
                continue;
            };
            let (Some(a), Some(b)) = (v.first(), v.get(1)) else {
                continue;
            };
            let cmp = compare(&a.a, b.v, b.dec);
            let (sa, sb) = (ctx.stated_u(first), ctx.stated_u(later));
            let (la, lb) = (ctx.label(first), ctx.label(later));
            let expected = show(a.v, b.dec);
            let sev = sev_of(cmp.verdict);
            ctx.ran(family, rule, sev);
            if let Some(s) = sev {
                let m = ctx.t(
                    format!("同一数据前后不一致（{concept}）：{la}{sa}，{lb}{sb}"),
                    format!("the same figure differs ({concept}): {la} {sa}, {lb} {sb}"),
                );
                ctx.emit(rule, s, m, &subj, expected);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::B;
    use super::super::Severity;
    use crate::document::Location;

    // Same concept, different values → error; same value → silent; different concepts with
    // the same label → never compared.
    #[test]
    fn restated_values() {
        let mut b = B::default();
        let a = b.fact("基本支出", "572.38", "万元");
        let c = b.fact("基本支出", "572.38", "万元");
        let d = b.fact("基本支出", "527.38", "万元");
        let e = b.fact("本年收入", "299.59", "万元");
        let f = b.fact("本年收入", "1,298.54", "万元");
        for i in [a, c, d] {
            b.ex.facts[i].concept = Some("expenditure.basic".into());
        }
        b.ex.facts[e].concept = Some("gov_fund.income.current".into());
        b.ex.facts[f].concept = Some("income.current".into());
        assert_eq!(b.run(), vec![("restated.value".into(), Severity::Error)]);
    }

    // One unit of the last digit apart beyond rounding: warning; different contexts (table
    // vs narrative) are not merged.
    #[test]
    fn restated_boundaries() {
        let mut b = B::default();
        let a = b.fact("公用经费", "41.37", "万元");
        let c = b.fact("公用经费", "41.38", "万元");
        let d = b.fact("公用经费", "41.39", "万元");
        let t = b.fact("公用经费", "99.99", "万元");
        for i in [a, c, d, t] {
            b.ex.facts[i].concept = Some("expenditure.public".into());
        }
        b.ex.facts[t].location = Location {
            row: Some(3),
            ..Location::default()
        };
        assert_eq!(b.run(), vec![("restated.value".into(), Severity::Error)]);
        let mut b = B::default();
        let a = b.fact("公用经费", "41.4", "万元");
        let c = b.fact("公用经费", "41.38", "万元");
        for i in [a, c] {
            b.ex.facts[i].concept = Some("expenditure.public".into());
        }
        assert_eq!(b.run(), vec![]);
    }
}
