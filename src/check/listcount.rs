//! Rule `listcount.items`: a stated count against the list that follows it ("下设7个科室，
//! 分别是：…"). The list's length comes from the statement's `expected`; failing that, from
//! its `detail` (the items, separated by 、，,；;).

use super::{Ctx, Severity, Subject};
use crate::extract::{Role, Statement};
use rust_decimal::Decimal;

/// Counts the items of a list written out in `detail`.
pub(crate) fn count_items(detail: &str) -> usize {
    detail
        .split(['、', '，', ',', '；', ';', '\n'])
        .filter(|s| !s.trim().trim_end_matches(['。', '.']).is_empty())
        .count()
}

/// Checks one ListCount statement.
pub(super) fn check(ctx: &mut Ctx, st: &Statement) {
    let (family, rule) = ("list_count", "listcount.items");
    ctx.found(family);
    let subj = Subject::of(st);
    let items = st
        .expected
        .or_else(|| {
            st.detail
                .as_deref()
                .map(|d| Decimal::from(count_items(d) as u64))
        })
        .filter(|n| !n.is_zero());
    let (Some(count), Some(items)) = (st.fact(Role::Count).and_then(|i| ctx.val(i)), items) else {
        let m = ctx.t(
            "缺少所述数量或列举项，无法核对".into(),
            "count or list missing: not checkable".into(),
        );
        ctx.unchecked(family, rule, "count or list missing", &subj, m);
        return;
    };
    let differs = count.v != items;
    let stated = ctx.stated_u(count.fact);
    ctx.verdict(
        family,
        rule,
        differs.then_some(Severity::Error),
        &subj,
        |c| {
            c.t(
                format!("所述数量{stated}与列举的{items}项不符"),
                format!("stated count {stated} but {items} items are listed"),
            )
        },
        format!("{items}"),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testutil::B;
    use super::super::Severity;
    use super::count_items;
    use crate::extract::{Role, StatementKind};
    use rust_decimal::Decimal;

    fn lc(count: &str, items: u64) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let c = b.fact("科室", count, "个");
        let s = b.st(StatementKind::ListCount, &[(c, Role::Count)], None);
        b.ex.statements[s].expected = Some(Decimal::from(items));
        b.run()
    }

    // 下设7个科室 with seven names holds; with six it is an error.
    #[test]
    fn counts() {
        assert_eq!(lc("7", 7), vec![]);
        assert_eq!(
            lc("7", 6),
            vec![("listcount.items".into(), Severity::Error)]
        );
        assert_eq!(
            lc("7", 8),
            vec![("listcount.items".into(), Severity::Error)]
        );
    }

    // Items written out in detail are counted (a trailing full stop is not an item).
    #[test]
    fn items_from_detail() {
        assert_eq!(count_items("办公室、养老科、社会救助科。"), 3);
        assert_eq!(count_items("甲；乙；丙；"), 3);
    }
}
