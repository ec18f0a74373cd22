//! Rules `identity.<id>`: cross-statement identities read from patterns/identities.toml
//! (total = Σ parts by concept id, or by performance-table selector), checked with the
//! interval rule. A part that is missing counts as zero only when the document says so in
//! words (`zero_if`, e.g. "本单位无国有资本经营预算…"); otherwise the identity is reported as
//! not checkable rather than guessed.

use super::interval::{compare, show, Approx};
use super::{sev_of, Ctx, Subject};
use crate::extract::{FactKind, PerfTableKind};
use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The identities file compiled into the binary.
pub const BUILTIN: &str = include_str!("../../patterns/identities.toml");

/// One identity.
#[derive(Debug, Clone, Deserialize)]
pub struct Identity {
    /// Rule id suffix (`identity.<id>`).
    pub id: String,
    /// Chinese description.
    pub zh: String,
    /// English description.
    pub en: String,
    /// "sum" (default: total = Σ parts) or "ratio" (total = parts[0] / parts[1] × 100).
    #[serde(default)]
    pub kind: String,
    /// Selector of the total.
    pub total: String,
    /// Selectors of the parts.
    pub parts: Vec<String>,
    /// Total selectors of a possibly wider scope than the parts (基本支出 of all funds
    /// against 人员经费/公用经费 of 一般公共预算财政拨款): when the total is found through one
    /// of them and the identity does not hold, it is reported as not checkable.
    #[serde(default)]
    pub wider: Vec<String>,
    /// A regex that, matching a paragraph, says the total and the parts may cover different
    /// units (机关运行经费 counts the 行政单位 only, 公用经费 every unit of a department that
    /// also has 事业单位): the identity not holding is then reported as not checkable.
    #[serde(default)]
    pub wider_if: Option<String>,
    /// `wider_if`, compiled once at load.
    #[serde(skip)]
    wider_re: Option<Regex>,
    /// Part selector → regex that, matching a paragraph, makes a missing part zero.
    #[serde(default)]
    pub zero_if: BTreeMap<String, String>,
    /// `zero_if`, compiled once at load.
    #[serde(skip)]
    zero_re: BTreeMap<String, Regex>,
}

/// The identities file.
#[derive(Debug, Clone, Deserialize)]
pub struct Identities {
    /// All identities, in file order.
    pub identity: Vec<Identity>,
}

/// Parses an identities file; errors name the file and the cause.
pub fn parse(text: &str) -> Result<Identities, crate::patterns::ReaderError> {
    let mut ids: Identities =
        toml::from_str(text).map_err(|e| format!("patterns/identities.toml: {e}"))?;
    // A regex that does not compile: the Chinese says which key and where in the pattern.
    let bad = |id: &str, key: &str, re: &str, e: regex::Error| {
        crate::patterns::ReaderError::with_zh(
            format!("patterns/identities.toml: identity {id}: {e}"),
            format!(
                "patterns/identities.toml：恒等式 `{id}`：`{key}`：正则表达式无效：{}",
                crate::patterns::zh::regex_detail(re, &e)
            ),
        )
    };
    for i in &mut ids.identity {
        for (sel, re) in &i.zero_if {
            let compiled =
                Regex::new(re).map_err(|e| bad(&i.id, &format!("zero_if.{sel}"), re, e))?;
            i.zero_re.insert(sel.clone(), compiled);
        }
        if let Some(re) = &i.wider_if {
            let compiled = Regex::new(re).map_err(|e| bad(&i.id, "wider_if", re, e))?;
            i.wider_re = Some(compiled);
        }
    }
    Ok(ids)
}

/// The built-in identities, parsed once.
pub fn builtin() -> Result<&'static Identities, String> {
    static CELL: OnceLock<Result<Identities, String>> = OnceLock::new();
    CELL.get_or_init(|| parse(BUILTIN).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(Clone::clone)
}

/// A resolved selector: a value, its precision, the facts behind it, how to show it.
struct Resolved {
    a: Approx,
    v: Decimal,
    dec: i32,
    facts: Vec<usize>,
    shown: String,
}

fn fact_value(ctx: &Ctx, i: usize) -> Option<Resolved> {
    let f = ctx.ex.facts.get(i)?;
    let v = if f.kind == FactKind::Amount {
        ctx.val_wan(i).or_else(|| ctx.val(i))?
    } else {
        ctx.val(i)?
    };
    Some(Resolved {
        a: v.a,
        v: v.v,
        dec: v.dec,
        facts: vec![i],
        shown: format!("{}{}", f.stated, f.unit),
    })
}

fn column(r: &crate::extract::FundsRow, col: &str) -> Option<usize> {
    match col {
        "budget_initial" => r.budget_initial,
        "budget_full" => r.budget_full,
        "executed" => r.executed,
        _ => None,
    }
}

fn resolve_one(ctx: &Ctx, sel: &str) -> Option<Resolved> {
    let sel = sel.trim();
    if let Some(rest) = sel.strip_prefix("perf.unit.") {
        let (row, col) = rest.rsplit_once('.')?;
        let t = ctx
            .ex
            .perf_tables
            .iter()
            .find(|t| t.kind == PerfTableKind::Unit)?;
        let r = t.funds.iter().find(|r| r.label.contains(row))?;
        return fact_value(ctx, column(r, col)?);
    }
    if let Some(col) = sel.strip_prefix("perf.projects.sum.") {
        let mut acc: Option<Resolved> = None;
        for t in ctx
            .ex
            .perf_tables
            .iter()
            .filter(|t| t.kind == PerfTableKind::Project)
        {
            let r = fact_value(ctx, t.funds.first().and_then(|r| column(r, col))?)?;
            acc = Some(match acc {
                None => r,
                Some(mut a) => {
                    a.a = a.a.add(&r.a).ok()?;
                    a.v = a.v.checked_add(r.v)?;
                    a.dec = a.dec.min(r.dec);
                    a.facts.extend(r.facts);
                    a.shown = format!("{} + {}", a.shown, r.shown);
                    a
                }
            });
        }
        let mut a = acc?;
        a.shown = format!("{} = {}", a.shown, show(a.a.point, a.dec));
        return Some(a);
    }
    if sel == "perf.projects.tables" {
        let n = ctx
            .ex
            .perf_tables
            .iter()
            .filter(|t| t.kind == PerfTableKind::Project)
            .count();
        if n == 0 {
            return None;
        }
        let v = Decimal::from(n as u64);
        return Some(Resolved {
            a: Approx::exact(v),
            v,
            dec: 0,
            facts: vec![],
            shown: format!("{n}"),
        });
    }
    if let Some(rest) = sel.strip_prefix("label:") {
        let (label, within) = rest.split_once('@').unwrap_or((rest, ""));
        // Narrative facts first, then text inside table cells (a label there may carry the
        // cell's row heading: "我单位/全年预算数").
        let matches = |f: &crate::extract::Fact| {
            (f.label == label || f.label.ends_with(&format!("/{label}")))
                && f.quote.contains(within)
        };
        let i = ctx
            .ex
            .facts
            .iter()
            .position(|f| f.location.row.is_none() && matches(f))
            .or_else(|| {
                ctx.ex
                    .facts
                    .iter()
                    .position(|f| f.location.row.is_some() && matches(f))
            })?;
        return fact_value(ctx, i);
    }
    // A concept: narrative first, then tables.
    let pick = |narr: bool| {
        ctx.ex
            .facts
            .iter()
            .position(|f| f.concept.as_deref() == Some(sel) && f.location.row.is_none() == narr)
    };
    fact_value(ctx, pick(true).or_else(|| pick(false))?)
}

fn resolve(ctx: &Ctx, sel: &str) -> Option<Resolved> {
    sel.split('|').find_map(|s| resolve_one(ctx, s))
}

/// Checks every identity of `loaded` (a `--patterns DIR`'s identities.toml), or of the
/// built-in file.
pub(super) fn check(ctx: &mut Ctx, texts: &[&str], loaded: Option<&Identities>) {
    let family = "identity";
    let ids: Result<&Identities, String> = match loaded {
        Some(i) => Ok(i),
        None => builtin(),
    };
    let ids = match ids {
        Ok(i) => i,
        Err(e) => {
            let subj = Subject {
                quote: String::new(),
                location: Default::default(),
                facts: vec![],
                key: None,
            };
            ctx.unchecked(family, "identity", "identities failed to load", &subj, e);
            return;
        }
    };
    for id in &ids.identity {
        check_one(ctx, id, texts);
    }
}

fn check_one(ctx: &mut Ctx, id: &Identity, texts: &[&str]) {
    let family = "identity";
    let rule = format!("identity.{}", id.id);
    let found = id
        .total
        .split('|')
        .find_map(|s| resolve_one(ctx, s).map(|r| (s.trim(), r)));
    let wider = found
        .as_ref()
        .is_some_and(|(s, _)| id.wider.iter().any(|w| w == s))
        || id
            .wider_re
            .as_ref()
            .is_some_and(|re| texts.iter().any(|t| re.is_match(t)));
    let total = found.map(|x| x.1);
    let parts: Vec<(String, Option<Resolved>)> = id
        .parts
        .iter()
        .map(|p| (p.clone(), resolve(ctx, p)))
        .collect();
    // Only a stated total with at least one stated part is an assertion of the document; an
    // equality or a ratio needs every side. Anything less is not a statement at all (a
    // document without a 绩效自评表 does not "fail" the performance identities).
    let Some(total) = total else { return };
    let missing = parts.iter().filter(|p| p.1.is_none()).count();
    if missing == parts.len() || (missing > 0 && (parts.len() == 1 || id.kind == "ratio")) {
        return;
    }
    ctx.found(family);
    let mut facts: Vec<usize> = total.facts.clone();
    for (_, p) in &parts {
        facts.extend(p.iter().flat_map(|r| r.facts.clone()));
    }
    let anchor = total.facts.first().and_then(|&i| ctx.ex.facts.get(i));
    let mut subj = Subject {
        quote: anchor.map(|f| f.quote.clone()).unwrap_or_default(),
        location: anchor.map(|f| f.location.clone()).unwrap_or_default(),
        facts: facts.clone(),
        key: None,
    };
    if subj.quote.is_empty() {
        // A computed total (a count of tables): quote the first part instead.
        if let Some(f) = facts.first().and_then(|&i| ctx.ex.facts.get(i)) {
            subj.quote = f.quote.clone();
            subj.location = f.location.clone();
        }
    }
    let mut sum = Approx::exact(Decimal::ZERO);
    let mut terms = Vec::new();
    for (sel, p) in &parts {
        match p {
            Some(r) => {
                let Ok(s) = sum.add(&r.a) else { return };
                sum = s;
                terms.push(r.shown.clone());
            }
            None => {
                let zero = id
                    .zero_re
                    .get(sel)
                    .is_some_and(|re| texts.iter().any(|t| re.is_match(t)));
                if zero {
                    terms.push("0".to_string());
                } else {
                    let m = ctx.t(
                        format!("{}：未找到分项“{sel}”，无法核对", id.zh),
                        format!("{}: part `{sel}` not found, not checkable", id.en),
                    );
                    ctx.unchecked(family, &rule, "part not found", &subj, m);
                    return;
                }
            }
        }
    }
    let ratio = id.kind == "ratio";
    let (rec, expected) = if ratio {
        // rate = parts[0] / parts[1] × 100
        let (Some(Some(n)), Some(Some(d))) =
            (parts.first().map(|p| &p.1), parts.get(1).map(|p| &p.1))
        else {
            return;
        };
        let Ok(r) = n.a.div(&d.a).and_then(|x| x.percent()) else {
            let m = ctx.t(
                format!("{}：分母可能为零，无法核对", id.zh),
                format!("{}: the denominator may be zero, not checkable", id.en),
            );
            ctx.unchecked(family, &rule, "denominator may be zero", &subj, m);
            return;
        };
        let shown = show(r.point, total.dec);
        (r, format!("{} ÷ {} × 100 = {shown}%", n.shown, d.shown))
    } else {
        let shown = show(sum.point, total.dec);
        (sum, format!("{} = {}", terms.join(" + "), shown))
    };
    let cmp = compare(&rec, total.v, total.dec);
    let shown = show(rec.point, total.dec);
    let sev = sev_of(cmp.verdict);
    if sev.is_some() && wider {
        let m = ctx.t(
            format!(
                "{}：合计{}的口径可能宽于分项（分项合计为{shown}），无法核对",
                id.zh, total.shown
            ),
            format!(
                "{}: the total {} may cover more than its parts (they add up to {shown}); not checkable",
                id.en, total.shown
            ),
        );
        ctx.unchecked(family, &rule, "scope of the total uncertain", &subj, m);
        return;
    }
    ctx.ran(family, &rule, sev);
    if let Some(s) = sev {
        let m = ctx.t(
            format!("{}不成立：{}，而分项合计为{shown}", id.zh, total.shown),
            format!(
                "{} does not hold: {}, parts add up to {shown}",
                id.en, total.shown
            ),
        );
        ctx.emit(&rule, s, m, &subj, expected);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::B;
    use super::super::{check_with_text, Lang, Severity};

    // The built-in file loads and every identity has parts.
    #[test]
    fn builtin_loads() {
        let ids = super::builtin().unwrap();
        assert!(ids.identity.iter().all(|i| !i.parts.is_empty()));
        assert!(ids.identity.iter().any(|i| i.id == "fiscal_by_fund"));
    }

    fn fiscal(total: &str, gf: &str, texts: &[&str]) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let t = b.fact("本年财政拨款支出", total, "万元");
        let g = b.fact("一般公共预算财政拨款支出", "721.95", "万元");
        let f = b.fact("政府性基金预算财政拨款支出", gf, "万元");
        b.ex.facts[t].concept = Some("fiscal.expenditure".into());
        b.ex.facts[g].concept = Some("gpb.expenditure".into());
        b.ex.facts[f].concept = Some("gov_fund.expenditure".into());
        check_with_text(&b.ex, Lang::Zh, texts)
            .findings
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .collect()
    }

    // 基本支出 of all funds (5,916.27, with 80 of 财政专户) against the 财政拨款 人员经费 +
    // 公用经费 (5,836.27): not checkable; the same figures as 一般公共预算财政拨款基本支出 are an
    // error.
    fn basic(concept: &str) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let t = b.fact("基本支出", "5,916.27", "万元");
        let p = b.fact("人员经费", "4,704.35", "万元");
        let u = b.fact("公用经费", "1,131.92", "万元");
        b.ex.facts[t].concept = Some(concept.into());
        b.ex.facts[p].concept = Some("expenditure.personnel".into());
        b.ex.facts[u].concept = Some("expenditure.public".into());
        check_with_text(&b.ex, Lang::Zh, &[])
            .findings
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .collect()
    }

    #[test]
    fn wider_total_is_not_checkable() {
        let rule = "identity.basic_by_economic".to_string();
        assert_eq!(
            basic("expenditure.basic"),
            vec![(rule.clone(), Severity::Info)]
        );
        assert_eq!(basic("gpb.basic"), vec![(rule, Severity::Error)]);
    }

    // 机关运行经费 against 公用经费: an error in a department of 行政单位 only, not checkable
    // where the text names units of its own that are 事业单位.
    #[test]
    fn operating_expenses_scope() {
        let run = |texts: &[&str]| -> Vec<(String, Severity)> {
            let mut b = B::default();
            let o = b.fact("机关运行经费", "31.60", "万元");
            let u = b.fact("公用经费", "86.40", "万元");
            b.ex.facts[o].concept = Some("operating.expenses".into());
            b.ex.facts[u].concept = Some("expenditure.public".into());
            check_with_text(&b.ex, Lang::Zh, texts)
                .findings
                .into_iter()
                .map(|f| (f.rule, f.severity))
                .collect()
        };
        let rule = "identity.operating_vs_public".to_string();
        assert_eq!(run(&[]), vec![(rule.clone(), Severity::Error)]);
        assert_eq!(
            run(&["本部门为行政单位，无下属事业单位。"]),
            vec![(rule.clone(), Severity::Error)]
        );
        assert_eq!(
            run(&["本部门由局机关和所属水文监测中心（事业单位）组成。"]),
            vec![(rule.clone(), Severity::Info)]
        );
        assert_eq!(
            run(&["纳入本部门决算编制范围的二级事业单位2个。"]),
            vec![(rule, Severity::Info)]
        );
    }

    // 721.95 + 299.59 (+ 0 when the text says there is no 国有资本经营预算) = 1,021.54.
    #[test]
    fn fiscal_by_fund() {
        let no_soc = ["本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余。"];
        assert_eq!(fiscal("1,021.54", "299.59", &no_soc), vec![]);
        assert_eq!(
            fiscal("1,021.54", "298.59", &no_soc),
            vec![("identity.fiscal_by_fund".into(), Severity::Error)]
        );
        // Without the sentence the missing part is not assumed zero: info only.
        assert_eq!(
            fiscal("1,021.54", "299.59", &[]),
            vec![("identity.fiscal_by_fund".into(), Severity::Info)]
        );
    }

    fn stated_rate(rate: &str) -> Vec<(String, Severity)> {
        let mut b = B::default();
        let q =
            format!("全年预算数为2405.59万元，全年执行数为1271.72万元，总预算执行率为{rate}%。");
        let p = b.fact("我单位/全年预算数", "2405.59", "万元");
        let e = b.fact("全年执行数", "1271.72", "万元");
        let r = b.fact("总预算执行率", rate, "%");
        for i in [p, e, r] {
            b.ex.facts[i].quote = q.clone();
            b.ex.facts[i].location.row = Some(9);
        }
        b.run()
    }

    // The stated 总预算执行率 52.86% holds against 1,271.72 / 2,405.59 = 52.8652% (the
    // intervals touch); 52.88% is one unit off (warning), 52.89% an error.
    #[test]
    fn ratio_identity() {
        assert_eq!(stated_rate("52.86"), vec![]);
        assert_eq!(stated_rate("52.87"), vec![]);
        assert_eq!(
            stated_rate("52.88"),
            vec![("identity.stated_execution_rate".into(), Severity::Warning)]
        );
        assert_eq!(
            stated_rate("52.89"),
            vec![("identity.stated_execution_rate".into(), Severity::Error)]
        );
    }

    // A document without a 绩效自评表 does not "fail" the identities that need one, and a
    // total whose parts are all unstated is not an assertion: no finding, no coverage.
    #[test]
    fn absent_sides_are_silent() {
        let mut b = B::default();
        let t = b.fact("收入总计", "2,405.59", "万元");
        b.ex.facts[t].concept = Some("income.total".into());
        let r = check_with_text(&b.ex, Lang::Zh, &[]);
        assert_eq!(r.findings, vec![]);
        assert_eq!(r.coverage.by_kind.get("identity"), None);
    }
}
