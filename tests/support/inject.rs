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
//! moves the value by far more than the printed precision can explain: at least
//! `4 + 2·n` units of the last digit (n = facts in the largest statement it is part of) and
//! at least 3 % of the value; percentages move by at least one percentage point. The change
//! is located at the fact's block/row/col and quote; which occurrence of the printed number
//! is the fact's is verified by re-extracting the mutated document: exactly that fact (same
//! index, same label) must change, and nothing else, or the candidate is dropped as
//! unlocatable (counted, never silently).
//!
//! Also here: [`to_text`], the serializer back to the seed's text convention.
//!
//! Shared by tests and the example through `#[path]`, so not every caller uses every item.
#![allow(dead_code)]

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

/// What the generator found besides the mutations.
#[derive(Debug, Clone, Default)]
pub struct Census {
    /// Facts in the document.
    pub facts: usize,
    /// Facts in no checkable statement (uncheckable: not mutated).
    pub uncheckable: usize,
    /// Candidates per family before sampling.
    pub candidates: BTreeMap<&'static str, usize>,
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
        StatementKind::MissedTarget => return None,
    })
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
fn text_at<'a>(
    doc: &'a mut Document,
    block: usize,
    row: Option<usize>,
    col: Option<usize>,
) -> Option<&'a mut String> {
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
fn mutated_value(kind: FactKind, value: Decimal, decimals: u32, n: usize, family: &str) -> Decimal {
    let unit = Decimal::new(1, decimals);
    let mut delta = unit * Decimal::from(4 + 2 * n as i64);
    let rel = (value.abs() * Decimal::new(3, 2)).round_dp(decimals);
    if rel > delta {
        delta = rel;
    }
    if kind == FactKind::Percent && delta < Decimal::ONE {
        delta = Decimal::ONE.max(unit);
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
    let mut size: BTreeMap<usize, usize> = BTreeMap::new();
    let mut in_any = vec![false; ex.facts.len()];
    for st in &ex.statements {
        let Some(fam) = family(st.kind) else {
            continue;
        };
        for (&f, &role) in st.facts.iter().zip(&st.roles) {
            if let Some(x) = in_any.get_mut(f) {
                *x = true;
            }
            if !checked_role(st.kind, role) {
                continue;
            }
            let list = cands.entry(fam).or_default();
            if !list.contains(&f) {
                list.push(f);
            }
            let s = size.entry(f).or_default();
            *s = (*s).max(st.facts.len());
        }
    }
    census.uncheckable = in_any.iter().filter(|x| !**x).count();
    let mut out = Vec::new();
    for (fam, list) in &mut cands {
        list.sort_unstable();
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
            let f = list[i];
            match mutate_one(
                doc,
                &ex,
                patterns,
                fam,
                f,
                size.get(&f).copied().unwrap_or(1),
            ) {
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

/// Mutates one fact; `None` when the change cannot be located exactly.
fn mutate_one(
    doc: &Document,
    ex: &Extraction,
    patterns: &PatternSet,
    fam: &'static str,
    f: usize,
    n: usize,
) -> Option<Mutation> {
    let fact = ex.facts.get(f)?;
    if fact.kind == FactKind::Date || fact.stated.is_empty() {
        return None;
    }
    let shape = printed_shape(&fact.stated);
    let new_value = mutated_value(fact.kind, fact.value, fact.decimals, n, fam);
    let after = print_like(new_value, &shape);
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
    for k in [nth, 0, 1, 2, 3] {
        let mut mdoc = doc.clone();
        let text = text_at(&mut mdoc, loc.block, loc.row, loc.col)?;
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
                after_plain: new_value.round_dp(fact.decimals).to_string(),
                block: loc.block,
                row: loc.row,
                col: loc.col,
                doc: mdoc,
            });
        }
    }
    None
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
