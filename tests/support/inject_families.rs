//! Candidates of the rule families that no extracted statement carries, for the injection
//! suite (tests/support/inject.rs): cross-section identities (`identity.*`), restated
//! figures (`restated.value`) and the 绩效自评表 row rules `perf.missed_target` and
//! `perf.indicator_score`.
//!
//! Each family's candidates are chosen from the document's facts by what one changed number
//! could break, read from the patterns and tables, not from what the extractor bound:
//! - identity: the facts each identity of patterns/identities.toml reads (its selectors,
//!   resolved as the checker documents them: the first alternative found, the first fact of
//!   a concept, narrative before tables), for every identity the document states (its total
//!   and enough parts are printed). A later occurrence of a concept is not read by any
//!   identity; it is a restated candidate.
//! - restated: every fact of a concept the document prints more than once in the same
//!   context (narrative or table cell) and project, change amounts excepted.
//! - perf.missed_target: the 业绩值 of every indicator row that meets a numeric or date
//!   target with a full score; the actual is moved past the target (below a "≥"/"=" target,
//!   above a "≤" one or an "=" one in money, a year later than a deadline). Rows whose
//!   target is words, whose
//!   score is not full, or whose target cannot be missed (≥ 0) cannot break the rule.
//! - perf.indicator_score: the weight, completion and score of every row scored under a
//!   proportional rule (赋分规则 "按照完成比例赋分") with a completion of at most 100%, as
//!   long as the row holds in the control; the completion moves down (above 100% the rule
//!   claims nothing), the weight up, the score down (up when it would go negative).

use super::Plan;
use crossfoot::check::CheckReport;
use crossfoot::extract::tables::{QuantityWords, Relation};
use crossfoot::extract::{Extraction, FactKind, IndicatorRow, PerfTableKind, Role};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// A candidate: the fact and how to change it.
pub type Cand = (usize, Plan);

/// Why facts of a family were not made candidates (counted, never silently dropped).
#[derive(Debug, Clone, Default)]
pub struct Skipped {
    /// Reason → facts or rows.
    pub reasons: BTreeMap<&'static str, usize>,
}

impl Skipped {
    fn add(&mut self, why: &'static str) {
        *self.reasons.entry(why).or_default() += 1;
    }
}

/// Units of the last digit of `facts` of `kind`, summed: what rounding can explain.
fn units(ex: &Extraction, facts: &[usize], kind: FactKind) -> Decimal {
    facts
        .iter()
        .filter_map(|&g| ex.facts.get(g))
        .filter(|g| g.kind == kind)
        .map(|g| Decimal::new(1, g.decimals))
        .sum()
}

/// The largest amount (in 万元) among `facts`.
fn scale(ex: &Extraction, facts: &[usize]) -> Decimal {
    facts
        .iter()
        .filter_map(|&g| ex.facts.get(g))
        .filter(|g| g.kind == FactKind::Amount)
        .filter_map(|g| g.value_wan)
        .map(|v| v.abs())
        .max()
        .unwrap_or_default()
}

/// Candidates of `facts` under the default plan (moved up, far beyond rounding).
fn auto(ex: &Extraction, facts: &[usize]) -> Vec<Cand> {
    facts
        .iter()
        .filter_map(|&f| {
            let kind = ex.facts.get(f)?.kind;
            Some((
                f,
                Plan::Auto {
                    slack: units(ex, facts, kind),
                    scale: scale(ex, facts),
                },
            ))
        })
        .collect()
}

/// The facts one identity selector reads (`None`: not printed); see patterns/identities.toml.
fn selector(ex: &Extraction, sel: &str) -> Option<Vec<usize>> {
    let sel = sel.trim();
    let column = |r: &crossfoot::extract::FundsRow, col: &str| match col {
        "budget_initial" => r.budget_initial,
        "budget_full" => r.budget_full,
        "executed" => r.executed,
        _ => None,
    };
    if let Some(rest) = sel.strip_prefix("perf.unit.") {
        let (row, col) = rest.rsplit_once('.')?;
        let t = ex
            .perf_tables
            .iter()
            .find(|t| t.kind == PerfTableKind::Unit)?;
        let r = t.funds.iter().find(|r| r.label.contains(row))?;
        return Some(vec![column(r, col)?]);
    }
    let projects = || {
        ex.perf_tables
            .iter()
            .filter(|t| t.kind == PerfTableKind::Project)
    };
    if let Some(col) = sel.strip_prefix("perf.projects.sum.") {
        let all: Option<Vec<usize>> = projects()
            .map(|t| t.funds.first().and_then(|r| column(r, col)))
            .collect();
        return all.filter(|v| !v.is_empty());
    }
    if sel == "perf.projects.tables" {
        // A count of tables: no printed number to change.
        return (projects().count() > 0).then(Vec::new);
    }
    let first = |pred: &dyn Fn(&crossfoot::extract::Fact) -> bool| {
        let at = |narr: bool| {
            ex.facts
                .iter()
                .position(|f| f.location.row.is_none() == narr && pred(f))
        };
        at(true).or_else(|| at(false)).map(|i| vec![i])
    };
    if let Some(rest) = sel.strip_prefix("label:") {
        let (label, within) = rest.split_once('@').unwrap_or((rest, ""));
        return first(&|f| {
            (f.label == label || f.label.ends_with(&format!("/{label}")))
                && f.quote.contains(within)
        });
    }
    first(&|f| f.concept.as_deref() == Some(sel))
}

/// identity: the facts of every identity the document states.
pub fn identity(ex: &Extraction, control: &CheckReport, skipped: &mut Skipped) -> Vec<Cand> {
    let Ok(ids) = crossfoot::check::identity::builtin() else {
        return vec![];
    };
    let mut out: Vec<Cand> = Vec::new();
    for id in &ids.identity {
        let total = id
            .total
            .split('|')
            .find_map(|s| selector(ex, s).map(|f| (s.trim(), f)));
        let Some((total_sel, total)) = total else {
            continue;
        };
        let parts: Vec<Option<Vec<usize>>> = id
            .parts
            .iter()
            .map(|p| p.split('|').find_map(|s| selector(ex, s)))
            .collect();
        let missing = parts.iter().filter(|p| p.is_none()).count();
        if missing == parts.len() || (missing > 0 && (parts.len() == 1 || id.kind == "ratio")) {
            continue; // not an assertion of the document (the checker is silent too)
        }
        let rule = format!("identity.{}", id.id);
        let cov = control.coverage.by_rule.get(&rule);
        let mut facts: Vec<usize> = total.clone();
        facts.extend(parts.iter().flatten().flatten());
        if id.wider.iter().any(|w| w == total_sel) {
            // A failure through a total of wider scope is reported as not checkable.
            facts
                .iter()
                .for_each(|_| skipped.add("identity total of wider scope"));
            continue;
        }
        if cov.is_none_or(|c| c.run == 0) {
            facts
                .iter()
                .for_each(|_| skipped.add("identity not checkable"));
            continue;
        }
        for c in auto(ex, &facts) {
            if !out.iter().any(|x| x.0 == c.0) {
                out.push(c);
            }
        }
    }
    out
}

/// restated: every fact of a concept printed twice or more in one context.
pub fn restated(ex: &Extraction) -> Vec<Cand> {
    let deltas: BTreeSet<usize> = ex
        .statements
        .iter()
        .flat_map(|s| s.facts_with(Role::Delta))
        .collect();
    let mut groups: BTreeMap<(String, FactKind, Option<String>, bool), Vec<usize>> =
        BTreeMap::new();
    for (i, f) in ex.facts.iter().enumerate() {
        let Some(c) = &f.concept else { continue };
        if deltas.contains(&i) {
            continue;
        }
        groups
            .entry((
                c.clone(),
                f.kind,
                f.project.clone(),
                f.location.row.is_some(),
            ))
            .or_default()
            .push(i);
    }
    groups
        .values()
        .filter(|m| m.len() > 1)
        .flat_map(|m| auto(ex, m))
        .collect()
}

/// The relation a 目标值 cell states, read with the table vocabulary's words.
fn target_relation(cell: &str, words: &QuantityWords) -> Option<Relation> {
    let s = crossfoot::number::normalize(cell.trim());
    let mut rest = s.trim();
    let mut longest: Vec<&(String, Relation)> = words.comparators.iter().collect();
    longest.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let mut rel = None;
    if let Some((w, r)) = longest.iter().find(|(w, _)| rest.starts_with(w.as_str())) {
        rel = Some(*r);
        rest = rest[w.len()..].trim();
    }
    if let Some((_, tail)) = rest.split_once('日').filter(|_| rest.contains('年')) {
        let tail = tail.trim();
        if !tail.is_empty() {
            let (_, r) = words.date_suffixes.iter().find(|(w, _)| w == tail)?;
            if *r == Relation::Le {
                return Some(Relation::Le);
            }
        }
        return Some(rel.unwrap_or(Relation::Eq));
    }
    let mut suffixes: Vec<&(String, Relation)> = words.unit_suffixes.iter().collect();
    suffixes.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    if let Some((_, r)) = suffixes.iter().find(|(w, _)| rest.ends_with(w.as_str())) {
        rel = rel.or(Some(*r));
    }
    Some(rel.unwrap_or(Relation::Eq))
}

/// The target and actual facts of a row: the cells of its table row printed as the row's
/// 目标值 (leftmost) and 业绩值 (rightmost).
fn target_actual(ex: &Extraction, row: &IndicatorRow) -> (Option<usize>, Option<usize>) {
    let at = |text: &str| {
        ex.facts
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.location.block == row.location.block
                    && f.location.row == row.location.row
                    && !text.is_empty()
                    && f.quote == text
            })
            .map(|(i, f)| (f.location.col, i))
            .collect::<Vec<_>>()
    };
    let t = at(&row.target).into_iter().min().map(|x| x.1);
    let a = at(&row.actual).into_iter().max().map(|x| x.1);
    (t, a.filter(|a| Some(*a) != t))
}

fn same_unit(a: &str, b: &str) -> bool {
    let canon = |u: &str| match u {
        "万" => "万元".to_string(),
        "％" => "%".to_string(),
        x => x.to_string(),
    };
    canon(a) == canon(b) || a.is_empty() || b.is_empty()
}

/// perf.missed_target: the actual of every row that meets its target with a full score.
pub fn missed_target(ex: &Extraction, words: &QuantityWords, skipped: &mut Skipped) -> Vec<Cand> {
    let mut out = Vec::new();
    for row in ex.perf_tables.iter().flat_map(|t| &t.indicators) {
        let get = |i: Option<usize>| i.and_then(|i| ex.facts.get(i));
        let (Some(w), Some(s)) = (get(row.weight_fact), get(row.score_fact)) else {
            skipped.add("row without weight or score");
            continue;
        };
        let (ti, ai) = target_actual(ex, row);
        let (Some(t), Some(a), Some(ai)) = (get(ti), get(ai), ai) else {
            skipped.add("target or actual not a number");
            continue;
        };
        let Some(rel) = target_relation(&row.target, words).filter(|r| *r != Relation::None) else {
            skipped.add("target relation not checkable");
            continue;
        };
        if s.value < w.value {
            skipped.add("score not full");
            continue;
        }
        let dates = (t.kind == FactKind::Date, a.kind == FactKind::Date);
        if dates.0 != dates.1 || !same_unit(&t.unit, &a.unit) {
            skipped.add("target and actual not comparable");
            continue;
        }
        let (tv, av) = (t.value, a.value);
        // When the control already misses the target; `None`: no change can miss it.
        let missed = if dates.0 {
            match rel {
                Relation::Lt => Some(av >= tv),
                Relation::Eq | Relation::Le => Some(av > tv),
                _ => None,
            }
        } else {
            // An "=" target in money is a budget: a ceiling (src/check/perf_rows.rs).
            match rel {
                Relation::Eq if t.kind == FactKind::Amount => Some(av > tv),
                Relation::Ge | Relation::Eq => Some(av < tv),
                Relation::Gt => Some(av <= tv),
                Relation::Le => Some(av > tv),
                Relation::Lt => Some(av >= tv),
                Relation::None => None,
            }
        };
        match missed {
            None => {
                skipped.add("target cannot be missed");
                continue;
            }
            Some(true) => {
                skipped.add("missed in the control");
                continue;
            }
            Some(false) => {}
        }
        if dates.0 {
            // A year later than the deadline: one printed number.
            out.push((ai, Plan::DateYears(1)));
            continue;
        }
        let ceiling = matches!(rel, Relation::Le | Relation::Lt)
            || (rel == Relation::Eq && t.kind == FactKind::Amount);
        let unit = Decimal::new(1, a.decimals);
        let step = unit.max((tv.abs() * Decimal::new(1, 1)).round_dp(a.decimals));
        let new = if ceiling { tv + step } else { tv - step };
        if new < Decimal::ZERO {
            skipped.add("target cannot be missed");
            continue;
        }
        out.push((ai, Plan::To(new)));
    }
    out
}

/// perf.indicator_score: weight, completion and score of every proportionally scored row.
pub fn indicator_score(
    ex: &Extraction,
    words: &QuantityWords,
    control: &CheckReport,
    skipped: &mut Skipped,
) -> Vec<Cand> {
    let flagged: BTreeSet<&str> = control
        .findings
        .iter()
        .filter(|f| f.rule == "perf.indicator_score")
        .flat_map(|f| f.facts.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    for row in ex.perf_tables.iter().flat_map(|t| &t.indicators) {
        let proportional = row.other.iter().any(|(h, v)| {
            words.rule_columns.iter().any(|c| h.contains(c.as_str()))
                && words
                    .proportional_rules
                    .iter()
                    .any(|r| v.contains(r.as_str()))
        });
        if !proportional {
            continue;
        }
        let (Some(w), Some(c), Some(s)) = (row.weight_fact, row.completion_fact, row.score_fact)
        else {
            skipped.add("row without weight, completion or score");
            continue;
        };
        let facts = [w, c, s];
        let Some(cv) = ex.facts.get(c).map(|f| f.value) else {
            continue;
        };
        if cv > Decimal::ONE_HUNDRED {
            skipped.add("completion above 100%");
            continue;
        }
        if facts
            .iter()
            .filter_map(|&i| ex.facts.get(i))
            .any(|f| flagged.contains(f.id.as_str()))
        {
            skipped.add("flagged in the control");
            continue;
        }
        let slack = units(ex, &facts, FactKind::Count).max(Decimal::ONE);
        out.push((
            w,
            Plan::Auto {
                slack,
                scale: Decimal::ZERO,
            },
        ));
        out.push((c, Plan::Down));
        out.push((s, Plan::Down));
    }
    out
}
