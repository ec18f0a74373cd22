//! Error injection: changes ONE printed number of a [`Document`] at a time and records what
//! a correct checker must then flag (the rule family and the changed number).
//!
//! The candidates come from one extraction of the unmodified document: every fact that takes
//! part in a checkable statement, grouped by the statement's rule family (`sum`, `share`,
//! `yoy`, `variance`, `listcount`, `perf.execution_rate`, …). Up to `per_family` facts per
//! family are taken, spread evenly over the family's candidates so the sample is
//! deterministic and covers the whole document.
//!
//! A mutation keeps the printed form (thousands separators, decimals, full-width digits) and
//! moves the value by far more than the printed precision can explain: at least four units
//! of its last digit, twice the sum of the last-digit units of the facts of its statements
//! (what rounding can explain), 3 % of the value and 3 % of the largest amount of its
//! statements; percentages move by at least one percentage point. A funds score's
//! execution rate of 100 % or more moves down instead (the score is capped at its weight,
//! so a higher rate changes nothing). The change is located at the fact's block/row/col and
//! quote (in a table row printed with fewer cells than its header, any cell of the row that
//! prints the number); which occurrence of the printed number is the fact's is verified by
//! re-extracting the mutated document: exactly that fact (same index, same label) must
//! change, and nothing else, or the candidate is dropped as unlocatable (counted, never
//! silently).
//!
//! Families no statement carries (identities, restated figures, the indicator-row rules
//! `perf.missed_target` and `perf.indicator_score`) take their candidates from the facts by
//! what a change could break, in [`families`]; each candidate comes with its [`Plan`] (a
//! missed target needs the actual moved past the target, not just up).
//!
//! Also here: [`to_text`], the serializer back to the seed's text convention.
//!
//! Shared by tests and the example through `#[path]`, so not every caller uses every item.
#![allow(dead_code)]

#[path = "inject_families.rs"]
pub mod families;

use crossfoot::document::{BlockKind, Document};
use crossfoot::extract::{Extraction, FactKind, Role, StatementKind};
use crossfoot::patterns::PatternSet;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One injected error.
#[derive(Debug, Clone)]
pub struct Mutation {
    /// Expected rule-id prefix ("sum.", "share.", "perf.execution_rate", …).
    pub family: &'static str,
    /// Index of the changed fact (same index in the mutated document's extraction).
    pub fact: usize,
    /// Label of the changed fact.
    pub label: String,
    /// Printed before.
    pub before: String,
    /// Printed after.
    pub after: String,
    /// The changed value as a finding prints it (plain decimal without separators).
    pub after_plain: String,
    /// Block / row / col of the change.
    pub block: usize,
    /// Table row, if in a table.
    pub row: Option<usize>,
    /// Table column, if in a table.
    pub col: Option<usize>,
    /// The mutated document.
    pub doc: Document,
}

/// How a candidate fact is changed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Plan {
    /// Up, far beyond rounding: `slack` is the last-digit units of its relation's facts,
    /// `scale` its largest amount in 万元 (see module doc).
    Auto {
        /// What rounding can explain.
        slack: Decimal,
        /// The relation's largest amount.
        scale: Decimal,
    },
    /// Down by as much as [`Plan::Auto`] would move it up (up when that would be negative).
    Down,
    /// To this value.
    To(Decimal),
    /// A date moved by this many years (its year is one printed number).
    DateYears(i32),
}

/// What the generator found besides the mutations.
#[derive(Debug, Clone, Default)]
pub struct Census {
    /// Facts in the document.
    pub facts: usize,
    /// Facts in no checkable statement (uncheckable: not mutated).
    pub uncheckable: usize,
    /// Facts bound to at least one extracted statement (of any kind).
    pub bound: usize,
    /// Facts that are a candidate of at least one family: what one changed number could
    /// break, whether or not a statement binds them.
    pub could_break: usize,
    /// Of those, facts bound to no statement.
    pub could_break_unbound: usize,
    /// Facts or rows a family did not take, by "family: reason".
    pub skipped: BTreeMap<String, usize>,
    /// Candidates per family before sampling.
    pub candidates: BTreeMap<&'static str, usize>,
    /// Candidates dropped because the interval of their relation is wider than the change
    /// (a completion rate over small printed counts: "=1次" against "=1次" allows 33–300 %).
    pub within_tolerance: BTreeMap<&'static str, usize>,
    /// Candidates dropped because the checker cannot check their statement (info finding).
    pub not_checkable: BTreeMap<&'static str, usize>,
    /// Candidates dropped because the change could not be located exactly.
    pub unlocatable: BTreeMap<&'static str, usize>,
}

/// The rule-id prefix a statement kind is checked under; `None` for kinds whose findings do
/// not follow from a changed number (a missed target is about intent).
pub fn family(kind: StatementKind) -> Option<&'static str> {
    Some(match kind {
        StatementKind::Sum => "sum.",
        StatementKind::Share | StatementKind::ShareFamily => "share.",
        StatementKind::Yoy => "yoy.",
        StatementKind::Variance => "variance.",
        StatementKind::ListCount => "listcount.",
        StatementKind::ExecutionRate => "perf.execution_rate",
        StatementKind::FundsScore => "perf.funds_score",
        StatementKind::WeightSum => "perf.weight_sum",
        StatementKind::ScoreSum => "perf.score_sum",
        StatementKind::ScoreCap => "perf.score_cap",
        StatementKind::Completion => "perf.completion",
        StatementKind::CostSum => "perf.cost_sum",
        StatementKind::NarrativeCount => "perf.narrative_count",
        StatementKind::TableSum
        | StatementKind::TableEqual
        | StatementKind::TextTable
        | StatementKind::TextShare => "table.",
        StatementKind::MissedTarget | StatementKind::Defect => return None,
    })
}

/// Whether a finding's rule belongs to a family: the family prefix, and for sums also the
/// performance-table funds sum (`perf.funds_sum` checks the 其中 rows' Sum statements).
pub fn accepts(family: &str, rule: &str) -> bool {
    rule.starts_with(family) || (family == "sum." && rule == "perf.funds_sum")
}

/// Whether a role of a statement kind is one whose change the family's rule must see.
fn checked_role(kind: StatementKind, role: Role) -> bool {
    match kind {
        // A cap only fails when the score exceeds the weight: mutate scores (upwards).
        StatementKind::ScoreCap => role == Role::Score,
        // The completion rule compares the printed rate with target/actual text.
        StatementKind::Completion => role == Role::Rate,
        _ => true,
    }
}

/// Whether only a decrease of the fact can break its statement: a funds score is capped at
/// its weight, so an execution rate of 100% or more may rise without changing it.
fn moves_down(ex: &Extraction, kind: StatementKind, role: Role, f: usize) -> bool {
    kind == StatementKind::FundsScore
        && role == Role::Rate
        && ex
            .facts
            .get(f)
            .is_some_and(|x| x.value >= Decimal::ONE_HUNDRED)
}

/// Whether a statement constrains its numbers: a change or variance with no stated rate
/// only says the prior year was not negative, which no plausible change breaks.
/// So does a variance against a zero budget (no rate), and the change of a figure that fell
/// to zero ("减少10.87万元，下降100.00%" holds whatever the decrease), and the rate of a
/// figure that was and stays zero (no base).
fn constrained(ex: &Extraction, st: &crossfoot::extract::Statement, role: Role) -> bool {
    let zero = |r: Role| {
        st.fact(r)
            .and_then(|i| ex.facts.get(i))
            .is_some_and(|f| f.value.is_zero())
    };
    match st.kind {
        StatementKind::Yoy => {
            st.fact(Role::Rate).is_some()
                && !(role == Role::Delta && zero(Role::Current))
                && !(zero(Role::Current) && zero(Role::Delta))
        }
        StatementKind::Variance => st.fact(Role::Rate).is_some() && !zero(Role::Budget),
        _ => true,
    }
}

/// Whether a completion rate moved by [`COMPLETION_STEP`] points leaves the interval of
/// 业绩值 ÷ 目标值 (each ± half a unit of its last digit; 100 % also allowed
/// when the ratio exceeds it).
fn completion_visible(ex: &Extraction, st: &crossfoot::extract::Statement) -> bool {
    let get = |r: Role| st.fact(r).and_then(|i| ex.facts.get(i));
    let (Some(rate), Some(t), Some(a)) = (get(Role::Rate), get(Role::Budget), get(Role::Actual))
    else {
        return false;
    };
    let half = |d: u32| Decimal::new(5, d + 1);
    let (tl, th) = (t.value - half(t.decimals), t.value + half(t.decimals));
    let (al, ah) = (a.value - half(a.decimals), a.value + half(a.decimals));
    if tl <= Decimal::ZERO {
        return false;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let lo = (al / th * hundred).min(hundred);
    let hi = (ah / tl * hundred).max(hundred);
    let new = rate.value + Decimal::from(COMPLETION_STEP);
    new > hi + Decimal::ONE || new < lo - Decimal::ONE
}

/// Percentage points a completion rate is moved by.
const COMPLETION_STEP: i64 = 10;

/// The printed number split into its parts, to print a new value the same way.
struct Printed {
    full_width: bool,
    commas: bool,
    decimals: u32,
}

fn printed_shape(stated: &str) -> Printed {
    let full_width = stated.chars().any(|c| ('０'..='９').contains(&c));
    let ascii: String = stated
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            _ => c,
        })
        .collect();
    let decimals = ascii.split_once('.').map_or(0, |(_, f)| {
        f.chars().take_while(char::is_ascii_digit).count() as u32
    });
    Printed {
        full_width,
        commas: ascii.contains(','),
        decimals,
    }
}

/// Prints `v` with `shape`'s decimals, separators and digit width.
fn print_like(v: Decimal, shape: &Printed) -> String {
    let s = format!("{:.*}", shape.decimals as usize, v.round_dp(shape.decimals));
    let (neg, s) = s
        .strip_prefix('-')
        .map_or((false, s.as_str()), |r| (true, r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if shape.commas && i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if shape.full_width {
        out = out
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                '.' => '．',
                ',' => '，',
                _ => c,
            })
            .collect();
    }
    out
}

/// Replaces the `nth` occurrence of `needle` in `hay` that is a whole number (not part of a
/// longer number); `None` if there is no such occurrence.
pub fn replace_number(hay: &str, needle: &str, nth: usize, with: &str) -> Option<String> {
    let is_num = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '０'..='９' | '．');
    let mut seen = 0;
    for (pos, _) in hay.match_indices(needle) {
        let before = hay[..pos].chars().next_back();
        let after_str = &hay[pos + needle.len()..];
        let mut after = after_str.chars();
        let a0 = after.next();
        // A trailing '，' or ',' or '.' followed by a non-digit is punctuation, not number.
        let after_is_num = match a0 {
            Some(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => true,
            Some(c) if is_num(c) => after
                .next()
                .is_some_and(|d| d.is_ascii_digit() || ('０'..='９').contains(&d)),
            _ => false,
        };
        let before_is_num = before
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            || (before.is_some_and(|c| matches!(c, '.' | '．'))
                && hay[..pos]
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|d| d.is_ascii_digit()));
        if before_is_num || after_is_num {
            continue;
        }
        if seen == nth {
            return Some(format!("{}{}{}", &hay[..pos], with, after_str));
        }
        seen += 1;
    }
    None
}

/// The mutable text at a fact's location (paragraph text or table cell text).
fn text_at(
    doc: &mut Document,
    block: usize,
    row: Option<usize>,
    col: Option<usize>,
) -> Option<&mut String> {
    let b = doc.blocks.get_mut(block)?;
    match (&mut b.kind, row, col) {
        (BlockKind::Paragraph(p), None, _) => Some(&mut p.text),
        (BlockKind::Table(t), Some(r), Some(c)) => {
            let row = t.rows.get_mut(r)?;
            let cell = row
                .cells
                .iter_mut()
                .find(|x| x.col == c && !x.is_continuation())?;
            Some(&mut cell.text)
        }
        _ => None,
    }
}

/// The new value for a fact: far outside what rounding explains (see module doc).
fn mutated_value(
    kind: FactKind,
    value: Decimal,
    decimals: u32,
    slack: Decimal,
    family: &str,
) -> Decimal {
    let unit = Decimal::new(1, decimals);
    let mut delta = (unit * Decimal::from(4)).max(
        (slack * Decimal::TWO)
            .round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::AwayFromZero),
    );
    let rel = (value.abs() * Decimal::new(3, 2)).round_dp(decimals);
    if rel > delta {
        delta = rel;
    }
    if kind == FactKind::Percent && delta < Decimal::ONE {
        delta = Decimal::ONE.max(unit);
    }
    if family == "perf.completion" {
        delta = Decimal::from(COMPLETION_STEP);
    }
    if family == "perf.score_cap" {
        // Scores are capped by weights: push well above any weight of the row.
        delta = delta.max(Decimal::from(3));
    }
    value + delta
}

/// All mutations of `doc` (at most `per_family` per family) and the census.
pub fn mutations(
    doc: &Document,
    patterns: &PatternSet,
    per_family: usize,
) -> (Vec<Mutation>, Census) {
    let ex = crossfoot::extract::extract(doc, patterns);
    let mut census = Census {
        facts: ex.facts.len(),
        ..Census::default()
    };
    // Candidates: family → fact indices (ordered, distinct), and largest statement size.
    let mut cands: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    let mut slack: BTreeMap<usize, Decimal> = BTreeMap::new();
    let mut scales: BTreeMap<usize, Decimal> = BTreeMap::new();
    let mut in_any = vec![false; ex.facts.len()];
    // Facts only a decrease can break (see `moves_down`).
    let mut down: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for st in &ex.statements {
        let Some(fam) = family(st.kind) else {
            continue;
        };
        for (&f, &role) in st.facts.iter().zip(&st.roles) {
            if let Some(x) = in_any.get_mut(f) {
                *x = true;
            }
            if !checked_role(st.kind, role) || !constrained(&ex, st, role) {
                continue;
            }
            if moves_down(&ex, st.kind, role, f) {
                down.entry(fam).or_default().push(f);
            }
            if st.kind == StatementKind::Completion && !completion_visible(&ex, st) {
                *census.within_tolerance.entry(fam).or_default() += 1;
                continue;
            }
            let scale = st
                .facts
                .iter()
                .filter_map(|&g| ex.facts.get(g))
                .filter(|g| g.kind == FactKind::Amount)
                .filter_map(|g| g.value_wan)
                .map(|v| v.abs())
                .max()
                .unwrap_or_default();
            let sc = scales.entry(f).or_default();
            *sc = (*sc).max(scale);
            let list = cands.entry(fam).or_default();
            if !list.contains(&f) {
                list.push(f);
            }
            // Units of the last digit of the statement's facts of the same kind: what
            // rounding alone can explain.
            let units: Decimal = st
                .facts
                .iter()
                .filter_map(|&g| ex.facts.get(g))
                .filter(|g| g.kind == ex.facts[f].kind)
                .map(|g| Decimal::new(1, g.decimals))
                .sum();
            let s = slack.entry(f).or_default();
            *s = (*s).max(units);
        }
    }
    census.uncheckable = in_any.iter().filter(|x| !**x).count();
    let mut bound = vec![false; ex.facts.len()];
    for &f in ex.statements.iter().flat_map(|st| &st.facts) {
        if let Some(x) = bound.get_mut(f) {
            *x = true;
        }
    }
    census.bound = bound.iter().filter(|x| **x).count();
    let texts: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some(p.text.as_str()),
            BlockKind::Table(_) => None,
        })
        .collect();
    let report = crossfoot::check::check_with_text(&ex, crossfoot::check::Lang::Zh, &texts);
    let mut cands: BTreeMap<&'static str, Vec<(usize, Plan)>> = cands
        .into_iter()
        .map(|(fam, list)| {
            let planned = list
                .into_iter()
                .map(|f| {
                    let plan = if down.get(fam).is_some_and(|d| d.contains(&f)) {
                        Plan::Down
                    } else {
                        Plan::Auto {
                            slack: slack.get(&f).copied().unwrap_or_default(),
                            scale: scales.get(&f).copied().unwrap_or_default(),
                        }
                    };
                    (f, plan)
                })
                .collect();
            (fam, planned)
        })
        .collect();
    let words = crossfoot::extract::tables::quantity_words(Some(patterns));
    let mut skipped: BTreeMap<&'static str, families::Skipped> = BTreeMap::new();
    for (fam, list) in [
        (
            "identity.",
            families::identity(&ex, &report, skipped.entry("identity.").or_default()),
        ),
        ("restated.", families::restated(&ex)),
        (
            "perf.missed_target",
            families::missed_target(
                &ex,
                &words,
                skipped.entry("perf.missed_target").or_default(),
            ),
        ),
        (
            "perf.indicator_score",
            families::indicator_score(
                &ex,
                &words,
                &report,
                skipped.entry("perf.indicator_score").or_default(),
            ),
        ),
    ] {
        if !list.is_empty() {
            cands.insert(fam, list);
        }
    }
    for (fam, s) in &skipped {
        for (why, n) in &s.reasons {
            census.skipped.insert(format!("{fam} {why}"), *n);
        }
    }
    let mut could = vec![false; ex.facts.len()];
    for &(f, _) in cands.values().flatten() {
        if let Some(x) = could.get_mut(f) {
            *x = true;
        }
    }
    census.could_break = could.iter().filter(|x| **x).count();
    census.could_break_unbound = could
        .iter()
        .zip(&bound)
        .filter(|(c, b)| **c && !**b)
        .count();
    // Statements the checker reports as not checkable (an `info` finding naming the fact:
    // a qualitative target, a zero base) cannot flag a change either.
    for (fam, list) in &mut cands {
        list.retain(|&(f, _)| {
            let id = &ex.facts[f].id;
            let unchecked = report.findings.iter().any(|x| {
                x.severity == crossfoot::check::Severity::Info
                    && accepts(fam, &x.rule)
                    && x.facts.contains(id)
            });
            if unchecked {
                *census.not_checkable.entry(fam).or_default() += 1;
            }
            !unchecked
        });
    }
    let mut out = Vec::new();
    for (fam, list) in &mut cands {
        list.sort_by_key(|c| c.0);
        list.dedup_by_key(|c| c.0);
        census.candidates.insert(fam, list.len());
        // Try candidates spread evenly; fall back to the others when one is unlocatable.
        let step = (list.len() / per_family.max(1)).max(1);
        let mut order: Vec<usize> = (0..list.len()).step_by(step).collect();
        order.extend((0..list.len()).filter(|i| i % step != 0));
        let mut taken = 0;
        for i in order {
            if taken >= per_family {
                break;
            }
            let (f, plan) = list[i];
            match mutate_one(doc, &ex, patterns, fam, f, plan) {
                Some(m) => {
                    out.push(m);
                    taken += 1;
                }
                None => *census.unlocatable.entry(fam).or_default() += 1,
            }
        }
    }
    (out, census)
}

/// The new value and its printed form for a fact under a plan; `None` for a date under a
/// numeric plan (or the reverse).
fn planned(fact: &crossfoot::extract::Fact, fam: &str, plan: Plan) -> Option<(Decimal, String)> {
    let shape = printed_shape(&fact.stated);
    let is_date = fact.kind == FactKind::Date;
    let new_value = match plan {
        Plan::DateYears(n) if is_date => {
            let year = (fact.value / Decimal::from(10_000)).trunc();
            let after =
                fact.stated
                    .replacen(&year.to_string(), &(year + Decimal::from(n)).to_string(), 1);
            return (after != fact.stated).then(|| (fact.value + Decimal::from(n * 10_000), after));
        }
        _ if is_date => return None,
        Plan::DateYears(_) => return None,
        Plan::To(v) => v,
        Plan::Down => {
            let delta = mutated_value(fact.kind, fact.value, fact.decimals, Decimal::ZERO, fam)
                - fact.value;
            if fact.value - delta < Decimal::ZERO {
                fact.value + delta
            } else {
                fact.value - delta
            }
        }
        Plan::Auto { slack, scale } => {
            let mut v = mutated_value(fact.kind, fact.value, fact.decimals, slack, fam);
            // An amount moves by at least 3 % of the largest amount of its statements
            // (converted from 万元 to its printed unit), so a zero part of a large total
            // changes its share.
            if let (FactKind::Amount, Some(wan)) = (fact.kind, fact.value_wan) {
                let ratio = if wan.is_zero() {
                    Decimal::ONE
                } else {
                    fact.value / wan
                };
                let min = (scale * Decimal::new(3, 2) * ratio).round_dp(fact.decimals);
                if v - fact.value < min {
                    v = fact.value + min;
                }
            }
            v
        }
    };
    Some((new_value, print_like(new_value, &shape)))
}

/// Mutates one fact; `None` when the change cannot be located exactly.
fn mutate_one(
    doc: &Document,
    ex: &Extraction,
    patterns: &PatternSet,
    fam: &'static str,
    f: usize,
    plan: Plan,
) -> Option<Mutation> {
    let fact = ex.facts.get(f)?;
    if fact.stated.is_empty() {
        return None;
    }
    let shape = printed_shape(&fact.stated);
    let (new_value, after) = planned(fact, fam, plan)?;
    let loc = &fact.location;
    // Earlier facts at the same place printed the same way come first in the text.
    let nth = ex.facts[..f]
        .iter()
        .filter(|g| {
            g.location.block == loc.block
                && g.location.row == loc.row
                && g.location.col == loc.col
                && g.stated == fact.stated
        })
        .count();
    for (col, ks) in spots(doc, fact, nth) {
        for k in ks {
            let mut mdoc = doc.clone();
            let text = text_at(&mut mdoc, loc.block, loc.row, col)?;
            let Some(new_text) = replace_number(text, &fact.stated, k, &after) else {
                continue;
            };
            *text = new_text;
            if verify(
                ex,
                &crossfoot::extract::extract(&mdoc, patterns),
                f,
                new_value,
            ) {
                return Some(Mutation {
                    family: fam,
                    fact: f,
                    label: fact.label.clone(),
                    before: fact.stated.clone(),
                    after,
                    after_plain: print_like(
                        new_value,
                        &Printed {
                            full_width: false,
                            commas: false,
                            decimals: shape.decimals,
                        },
                    ),
                    block: loc.block,
                    row: loc.row,
                    col,
                    doc: mdoc,
                });
            }
        }
    }
    None
}

/// Where to look for a fact's printed number: its own paragraph or cell (the `nth`
/// occurrence first), else, when the table reader placed the cell in another column than
/// the document's (a row printed with fewer cells than its header), every cell of its row
/// that prints the number, first occurrence first. The re-extraction decides which is it.
fn spots(
    doc: &Document,
    fact: &crossfoot::extract::Fact,
    nth: usize,
) -> Vec<(Option<usize>, Vec<usize>)> {
    let loc = &fact.location;
    let own = vec![(loc.col, vec![nth, 0, 1, 2, 3])];
    let (Some(r), Some(c)) = (loc.row, loc.col) else {
        return own;
    };
    let Some(BlockKind::Table(t)) = doc.blocks.get(loc.block).map(|b| &b.kind) else {
        return own;
    };
    let Some(row) = t.rows.get(r) else {
        return own;
    };
    if row.cells.iter().any(|x| x.col == c && !x.is_continuation()) {
        return own;
    }
    row.cells
        .iter()
        .filter(|x| !x.is_continuation() && x.text.contains(&fact.stated))
        .map(|x| (Some(x.col), vec![0, 1]))
        .collect()
}

/// True when exactly fact `f` changed (to `v`) and every other fact kept label and value.
fn verify(before: &Extraction, after: &Extraction, f: usize, v: Decimal) -> bool {
    before.facts.len() == after.facts.len()
        && before
            .facts
            .iter()
            .zip(&after.facts)
            .enumerate()
            .all(|(i, (a, b))| {
                a.label == b.label
                    && if i == f {
                        b.value == v
                    } else {
                        a.value == b.value
                    }
            })
}

/// Serializes a document in the seed's text convention: paragraphs separated by a blank
/// line; a table cell per tab-led line (further lines of a cell untabbed), rows separated by
/// one blank line, the table ended by two blank lines. Continuation slots are not written.
pub fn to_text(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Paragraph(p) => {
                out.push_str(&p.text);
                out.push_str("\n\n");
            }
            BlockKind::Table(t) => {
                for (i, row) in t.rows.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    for cell in row.cells.iter().filter(|c| !c.is_continuation()) {
                        out.push('\t');
                        out.push_str(&cell.text);
                        out.push('\n');
                    }
                }
                out.push_str("\n\n");
            }
        }
    }
    out
}
