//! Rules `variance.rate` and `variance.direction`: budget against actual ("年初预算数717.90万元，
//! 决算数1,051.02万元，预决算差异率46.40%"). Texts print the variance as a magnitude, so
//! magnitudes are compared and the direction is judged only when a word states one. "完成年初
//! 预算X%" (detail `ratio`, or a quote with 完成 and no 差异) is actual / budget instead.

use super::interval::{compare, show};
use super::{Ctx, Severity, Subject};
use crate::extract::{Role, Statement};
use crate::patterns::PatternSet;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::sync::OnceLock;

/// The words that tell a completion ratio from a variance rate in a sentence that does not
/// say which it is (`[variance]` of patterns/connectors.toml).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VarianceWords {
    /// Words of a completion ratio (完成).
    pub ratio: Vec<String>,
    /// Words of a variance rate (差异).
    pub variance: Vec<String>,
}

#[derive(Deserialize)]
struct Section {
    variance: VarianceWords,
}

/// The `[variance]` words of a connectors.toml's other keys.
pub(crate) fn parse_words(extra: &toml::Table) -> Result<VarianceWords, String> {
    toml::Value::Table(extra.clone())
        .try_into::<Section>()
        .map(|s| s.variance)
        .map_err(|e| format!("[variance]: {e}"))
}

/// The words of the connectors.toml among `patterns` (`--patterns DIR`), else the built-in
/// ones.
pub(crate) fn words(patterns: Option<&PatternSet>) -> VarianceWords {
    if let Some(w) = patterns
        .and_then(|p| p.file("connectors.toml"))
        .and_then(|f| parse_words(&f.extra).ok())
    {
        return w;
    }
    static BUILTIN: OnceLock<VarianceWords> = OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            crate::patterns::BUILTIN
                .iter()
                .find(|(n, _)| *n == "connectors.toml")
                .and_then(|(_, text)| toml::from_str::<toml::Table>(text).ok())
                .and_then(|t| parse_words(&t).ok())
                .unwrap_or_default()
        })
        .clone()
}

/// True when the stated rate is a completion ratio (actual / budget).
fn is_ratio(st: &Statement, words: &VarianceWords) -> bool {
    match st.detail.as_deref() {
        Some(d) if d.contains("ratio") => true,
        Some(d) if d.contains("variance") => false,
        _ => {
            words.ratio.iter().any(|w| st.quote.contains(w.as_str()))
                && !words.variance.iter().any(|w| st.quote.contains(w.as_str()))
                && st.quote.contains('%')
        }
    }
}

/// Checks one Variance statement.
pub(super) fn check(ctx: &mut Ctx, st: &Statement) {
    let family = "variance";
    ctx.found(family);
    let subj = Subject::of(st);
    let (Some(budget), Some(actual)) = (st.fact(Role::Budget), st.fact(Role::Actual)) else {
        let m = ctx.t(
            "缺少预算数或决算数，无法核对".into(),
            "budget or actual missing: not checkable".into(),
        );
        ctx.unchecked(
            family,
            "variance.rate",
            "budget or actual missing",
            &subj,
            m,
        );
        return;
    };
    let Some(vals) = ctx.vals(&[budget, actual]) else {
        ctx.units_differ(family, "variance.rate", &subj);
        return;
    };
    let (Some(b), Some(a)) = (vals.first(), vals.get(1)) else {
        return;
    };
    let Ok(diff) = a.a.sub(&b.a) else { return };

    // variance.direction: only when a word states one.
    if let Some(sign) = st.sign {
        let actual_sign = if diff.iv.lo > Decimal::ZERO {
            1
        } else if diff.iv.hi < Decimal::ZERO {
            -1
        } else {
            0
        };
        let contradicts = match sign {
            0 => actual_sign != 0,
            s => actual_sign != 0 && actual_sign != s,
        };
        let (bs, as_) = (ctx.stated(budget), ctx.stated(actual));
        ctx.verdict(
            family,
            "variance.direction",
            contradicts.then_some(Severity::Warning),
            &subj,
            |c| {
                c.t(
                    format!("差异方向用语与数值矛盾：预算数{bs}，决算数{as_}"),
                    format!("direction word contradicts the figures: budget {bs}, actual {as_}"),
                )
            },
            format!("{as_} − {bs} = {}", show(diff.point, a.dec.max(b.dec))),
        );
    }

    let Some(rate) = st.fact(Role::Rate) else {
        return;
    };
    let Some(r) = ctx.val(rate) else { return };
    let ratio = is_ratio(st, &ctx.variance_words);
    // A rate printed with a minus ("差异率-5.62%") states the direction too: it is compared
    // with the signed (actual − budget) / budget; an unsigned one with the magnitude.
    let signed = !ratio && r.v.is_sign_negative() && !r.v.is_zero();
    let num = if ratio {
        a.a
    } else if signed {
        diff
    } else {
        diff.abs()
    };
    let rec = match num.div(&b.a).and_then(|x| x.percent()) {
        Ok(x) => x,
        Err(_) => {
            if !ratio && a.v.is_zero() && b.v.is_zero() && r.v.is_zero() {
                ctx.ran(family, "variance.rate", None);
            } else {
                let m = ctx.t(
                    "预算数可能为零，差异率无法核对".into(),
                    "the budget may be zero: rate not checkable".into(),
                );
                ctx.unchecked(family, "variance.rate", "budget may be zero", &subj, m);
            }
            return;
        }
    };
    let cmp = compare(&rec, if signed { r.v } else { r.v.abs() }, r.dec);
    let shown = show(rec.point, r.dec);
    let (bs, as_, stated) = (ctx.stated(budget), ctx.stated(actual), ctx.stated_u(rate));
    let expected = if ratio {
        format!("{as_} ÷ {bs} × 100 = {shown}%")
    } else if signed {
        format!("({as_} − {bs}) ÷ {bs} × 100 = {shown}%")
    } else {
        format!("|{as_} − {bs}| ÷ {bs} × 100 = {shown}%")
    };
    ctx.judge(
        family,
        "variance.rate",
        &cmp,
        &subj,
        |c| {
            c.t(
                format!("预决算差异率与预算数、决算数不符：所述{stated}，重新计算为{shown}%"),
                format!("budget variance does not match: stated {stated}, recomputed {shown}%"),
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

    fn var(
        budget: &str,
        actual: &str,
        rate: &str,
        sign: Option<i8>,
        quote: &str,
    ) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let bu = b.fact("年初预算数", budget, "万元");
        let ac = b.fact("决算数", actual, "万元");
        let r = b.fact("差异率", rate, "%");
        let s = b.st(
            StatementKind::Variance,
            &[(bu, Role::Budget), (ac, Role::Actual), (r, Role::Rate)],
            sign,
        );
        b.ex.statements[s].quote = quote.to_string();
        b.run()
    }

    // (1,051.02 − 717.90)/717.90 = 46.4020%: 46.40% holds, 46.42% warning, 46.50% error.
    #[test]
    fn variance_boundaries() {
        assert_eq!(var("717.90", "1,051.02", "46.40", None, "差异率"), vec![]);
        assert_eq!(
            var("717.90", "1,051.02", "46.41", None, "差异率"),
            vec![("variance.rate".into(), Severity::Warning)]
        );
        assert_eq!(
            var("717.90", "1,051.02", "46.42", None, "差异率"),
            vec![("variance.rate".into(), Severity::Error)]
        );
        // Magnitude: an under-spend printed without its minus sign holds.
        assert_eq!(var("100.00", "90.00", "10.00", None, "差异率"), vec![]);
        // A printed minus is a sign: -10.00% holds for an under-spend, is an error for an
        // over-spend of the same size.
        assert_eq!(var("100.00", "90.00", "-10.00", None, "差异率"), vec![]);
        assert_eq!(
            var("100.00", "110.00", "-10.00", None, "差异率"),
            vec![("variance.rate".into(), Severity::Error)]
        );
        // 0 against 0 with 0% holds.
        assert_eq!(var("0.00", "0.00", "0.00", None, "差异率"), vec![]);
    }

    // "完成年初预算X%" is actual / budget.
    #[test]
    fn completion_ratio() {
        assert_eq!(
            var("100.00", "90.00", "90.00", None, "完成年初预算的90.00%"),
            vec![]
        );
        assert_eq!(
            var("100.00", "90.00", "10.00", None, "完成年初预算的10.00%"),
            vec![("variance.rate".into(), Severity::Error)]
        );
    }

    // A word that contradicts the direction is a warning; one that agrees is silent.
    #[test]
    fn direction() {
        assert_eq!(var("100.00", "90.00", "10.00", Some(-1), "差异率"), vec![]);
        assert_eq!(
            var("100.00", "90.00", "10.00", Some(1), "差异率"),
            vec![("variance.direction".into(), Severity::Warning)]
        );
    }
}
