//! Statement builders of the narrative reader: closing a 其中 list into a Sum (and a
//! ShareFamily when every part has its share), year-on-year changes, budget variances, and
//! the 类/款/项 sums built when the document ends.

use super::*;

pub(super) fn finish_sums(ctx: &mut Context, patterns: &PatternSet, ex: &mut Extraction) {
    if let Some(list) = ctx.carried.take() {
        close_list(list, patterns, &mut ctx.unbound, ex);
    }
    let lines = std::mem::take(&mut ctx.func_lines);
    // The 类 lines of one (sub)section: parts of the section's total, with a share family.
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = lines.get(i) else { break };
        let group: Vec<&FuncLine> = lines[i..]
            .iter()
            .take_while(|l| l.major == first.major && l.sub == first.sub)
            .collect();
        i += group.len().max(1);
        let classes: Vec<&&FuncLine> = group.iter().filter(|l| !l.has_kuan).collect();
        if classes.len() < 2 {
            continue;
        }
        let base = classes.first().and_then(|l| l.base);
        if base.is_none() || classes.iter().any(|l| l.base != base) {
            continue;
        }
        let Some(total) = base else { continue };
        let parts: Vec<usize> = classes.iter().map(|l| l.fact).collect();
        push_sum(ex, total, &parts);
        let rates: Vec<usize> = classes.iter().filter_map(|l| l.share).collect();
        if rates.len() == classes.len() {
            push_family(ex, &rates);
        }
    }
    // Each 类 line is the sum of its 项 lines in the same major section.
    for l in lines.iter().filter(|l| !l.has_kuan) {
        let parts: Vec<usize> = lines
            .iter()
            .filter(|x| x.major == l.major && x.has_xiang && x.lei == l.lei)
            .map(|x| x.fact)
            .collect();
        if !parts.is_empty() {
            push_sum(ex, l.fact, &parts);
        }
    }
}

pub(super) fn push_sum(ex: &mut Extraction, total: usize, parts: &[usize]) {
    let mut facts = vec![total];
    facts.extend_from_slice(parts);
    let mut roles = vec![Role::Total];
    roles.extend(std::iter::repeat_n(Role::Part, parts.len()));
    let quote = joined_quotes(ex, &facts);
    let location = fact_location(ex, total);
    ex.push_statement(Statement::new(
        StatementKind::Sum,
        facts,
        roles,
        quote,
        location,
    ));
}

pub(super) fn push_family(ex: &mut Extraction, rates: &[usize]) {
    let quote = joined_quotes(ex, rates);
    let location = rates
        .first()
        .map(|r| fact_location(ex, *r))
        .unwrap_or_default();
    ex.push_statement(Statement {
        expected: Some(Decimal::from(100)),
        ..Statement::new(
            StatementKind::ShareFamily,
            rates.to_vec(),
            vec![Role::Rate; rates.len()],
            quote,
            location,
        )
    });
}

pub(super) fn fact_location(ex: &Extraction, f: usize) -> Location {
    ex.facts
        .get(f)
        .map(|x| x.location.clone())
        .unwrap_or_default()
}

/// The distinct quotes of some facts, in order, joined by a newline.
pub(super) fn joined_quotes(ex: &Extraction, facts: &[usize]) -> String {
    let mut quotes: Vec<&str> = Vec::new();
    for f in facts {
        if let Some(q) = ex.facts.get(*f).map(|x| x.quote.as_str()) {
            if !quotes.contains(&q) {
                quotes.push(q);
            }
        }
    }
    quotes.join("\n")
}

/// How far a list's parts fall short of its total, in the total's unit, with the rounding
/// slack of the printed figures (half a unit of the last digit of each): `(gap, slack,
/// unit)`. None without a total or when a part is in another unit.
pub(super) fn list_gap(list: &List, ex: &Extraction) -> Option<(Decimal, Decimal, String)> {
    let total = ex.facts.get(list.total?)?;
    let half = |d: u32| Decimal::new(5, d + 1);
    let mut gap = total.value;
    let mut slack = half(total.decimals);
    for p in &list.parts {
        let f = ex.facts.get(*p)?;
        if f.unit != total.unit {
            return None;
        }
        gap -= f.value;
        slack += half(f.decimals);
    }
    Some((gap, slack, total.unit.clone()))
}

/// Whether a list carried over a paragraph break still lacks parts: what is listed so far
/// falls short of the total by more than rounding.
pub(super) fn list_short(list: &List, ex: &Extraction) -> bool {
    list_gap(list, ex).is_some_and(|(gap, slack, _)| gap > slack)
}

/// Whether a figure can be the next part of a carried list: same unit as the total and not
/// more than what is missing (with rounding).
pub(super) fn list_fits(
    list: &List,
    value: Decimal,
    decimals: u32,
    unit: &str,
    ex: &Extraction,
) -> bool {
    list_gap(list, ex).is_some_and(|(gap, slack, u)| {
        u == unit && value <= gap + slack + Decimal::new(5, decimals + 1)
    })
}

/// Pushes the Sum `total = Σ parts`, quoted and located as the list (see [`push_sum`]
/// for the 类/款/项 sums, quoted from their facts).
fn push_list_sum(
    ex: &mut Extraction,
    list: &List,
    total: usize,
    parts: &[usize],
    unsure: Option<String>,
) {
    let mut facts = vec![total];
    facts.extend_from_slice(parts);
    let mut roles = vec![Role::Total];
    roles.extend(std::iter::repeat_n(Role::Part, parts.len()));
    ex.push_statement(Statement {
        unsure,
        ..Statement::new(
            StatementKind::Sum,
            facts,
            roles,
            list.quotes.join("\n"),
            list.location.clone(),
        )
    });
}

pub(super) fn close_list(
    list: List,
    patterns: &PatternSet,
    unbound: &mut Unbound,
    ex: &mut Extraction,
) {
    let Some(total) = list.total else { return };
    // Each part broken down in parentheses into two or more figures: part = Σ its figures.
    for (part, subs) in &list.subs {
        if subs.len() < 2 {
            continue;
        }
        push_list_sum(ex, &list, *part, subs, None);
    }
    if list.parts.len() < 2 {
        if list.parts.len() == 1 {
            unbound.subsets += 1;
        }
        return;
    }
    // Parts under a qualified total (政府性基金预算…收入总计) are not the generic concept.
    let qualifier = ex.facts.get(total).and_then(|t| {
        patterns
            .qualifiers
            .iter()
            .find(|w| t.label.contains(w.as_str()))
            .cloned()
    });
    if let Some(q) = qualifier {
        for p in &list.parts {
            if let Some(f) = ex.facts.get_mut(*p) {
                if !f.label.contains(q.as_str()) {
                    f.concept = None;
                }
            }
        }
    }
    let fails = list_gap(&list, ex).is_none_or(|(gap, slack, _)| gap.abs() > slack);
    let unsure = if list.ambiguous && fails {
        Some(
            "其中 opens a sentence after several figures; which one it breaks down is not certain"
                .to_string(),
        )
    } else if list.partial && fails {
        Some("主要用于 names the main parts; parts that fall short of the total may leave the rest out".to_string())
    } else if list.carried && list.parts.len() > list.carried_from && fails {
        // Parts read over paragraph breaks stop at the first figure that overshoots or at a
        // heading: a list that falls short may go on in words the reader did not take.
        Some("the parts were read over paragraph breaks; whether the list is complete is not certain".to_string())
    } else {
        None
    };
    let partial_short = list.partial && fails;
    push_list_sum(ex, &list, total, &list.parts, unsure);
    let rates: Vec<usize> = list.shares.iter().flatten().copied().collect();
    // The shares of some of the parts need not add up to 100%.
    if rates.len() == list.parts.len() && !partial_short {
        push_family(ex, &rates);
    }
}

pub(super) fn flush_yoy(
    sent: &mut Sent,
    para: &mut Para,
    location: &Location,
    ex: &mut Extraction,
) {
    let Some(y) = sent.yoy.take() else { return };
    let Some(current) = y.current else {
        if y.delta.is_some() || y.rate.is_some() {
            para.unbound.changes += 1;
        }
        return;
    };
    if y.delta.is_none() && y.rate.is_none() {
        return;
    }
    let mut facts = vec![current];
    let mut roles = vec![Role::Current];
    if let Some((d, _)) = y.delta {
        facts.push(d);
        roles.push(Role::Delta);
    }
    if let Some((r, _)) = y.rate {
        facts.push(r);
        roles.push(Role::Rate);
    }
    if let Some(b) = y.base {
        facts.push(b);
        roles.push(Role::Base);
    }
    let sign = y.delta.or(y.rate).map(|(_, s)| s);
    let detail = match (y.delta, y.rate) {
        (Some((_, a)), Some((_, b))) if a != b => {
            Some(format!("{SIGNS_DISAGREE}amount {a}, rate {b}"))
        }
        _ => None,
    };
    let prior_named = labelled_prior_year(ex, current);
    if prior_named && y.delta.is_some() && y.base.is_none() {
        // "与上年相比（上年…为A万元），增加B万元，增长r%": A is the prior year, the base of
        // the rate; this year's figure is not printed in the sentence.
        if let Some(i) = roles.iter().position(|r| *r == Role::Current) {
            roles[i] = Role::Base;
        }
    }
    let unsure = (prior_named && y.delta.is_none()).then(|| {
        "the figure the change is about is named as the prior year's; which figure is this year's is not certain".to_string()
    });
    para.yoy_current = Some(current);
    let has_rate = y.rate.is_some();
    let index = ex.push_statement(Statement {
        sign,
        detail,
        unsure,
        ..Statement::new(
            StatementKind::Yoy,
            facts,
            roles,
            sent.quote.clone(),
            location.clone(),
        )
    });
    para.last_yoy = (!has_rate).then_some(index);
    // Two printed levels and a rate: the direction word is a relation of its own, between
    // the levels (keyed by the current figure).
    if let (Some(b), None, Some(s)) = (y.base, y.delta, sign) {
        para.last_direction = Some(push_direction(ex, current, b, s, &sent.quote, location));
    }
}

/// A change between two printed levels with its direction word only (Current, Base).
fn push_direction(
    ex: &mut Extraction,
    current: usize,
    base: usize,
    sign: i8,
    quote: &str,
    location: &Location,
) -> usize {
    ex.push_statement(Statement {
        sign: Some(sign),
        ..Statement::new(
            StatementKind::Yoy,
            vec![current, base],
            vec![Role::Current, Role::Base],
            quote.to_string(),
            location.clone(),
        )
    })
}

/// "2023年执行数为A万元，2024年安排B万元，比2023年执行数持平": a nil change between the
/// two printed levels (基本持平, roughly flat, is no claim of equality).
pub(super) fn flat_levels(
    text: &Text,
    span: Span,
    patterns: &PatternSet,
    sent: &Sent,
    location: &Location,
    ex: &mut Extraction,
) {
    let s = text.norm_slice(span.start, span.end);
    let Some((_, c)) = role_captures(patterns, "flat", s) else {
        return;
    };
    if c.name("roughly").is_some() {
        return;
    }
    let marker = c.name("marker").map(|m| m.as_str()).unwrap_or("");
    if let Some((prior, current)) = level_pair(patterns, marker, sent, ex) {
        push_direction(ex, current, prior, 0, &sent.quote, location);
    }
}

/// The first connector of `role` that matches, with its captures and the sign of its
/// `word` (+1/−1 from `plus`/`minus`, 0 for an `equal` word); `None` when the word is none of
/// them.
fn direction_words<'t>(
    patterns: &'t PatternSet,
    role: &str,
    s: &'t str,
) -> Option<(regex::Captures<'t>, i8)> {
    let (p, c) = role_captures(patterns, role, s)?;
    let word = c.name("word").map(|m| m.as_str()).unwrap_or("");
    let sign = sign_of(p, word);
    let equal = p
        .emit("equal")
        .is_some_and(|ws| ws.split('|').any(|w| w == word));
    (sign != 0 || equal).then_some((c, sign))
}

/// "上年决算数为A万元，本年决算数为B万元，大于上年决算数" (conn.compare): a comparison word
/// between the two levels the sentence printed, a direction statement like a change's.
pub(super) fn compared_levels(
    text: &Text,
    span: Span,
    patterns: &PatternSet,
    sent: &Sent,
    location: &Location,
    ex: &mut Extraction,
) {
    let s = text.norm_slice(span.start, span.end);
    let Some((c, sign)) = direction_words(patterns, "compare", s) else {
        return;
    };
    let marker = c.name("marker").map(|m| m.as_str()).unwrap_or("");
    if let Some((prior, current)) = level_pair(patterns, marker, sent, ex) {
        push_direction(ex, current, prior, sign, &sent.quote, location);
    }
}

/// Whether a figure's own label (its last clause: "…相比（2016年度部门支出预算安排") names
/// the year before the document's, or 上年: then it is the prior figure of a change, not the
/// current one.
fn labelled_prior_year(ex: &Extraction, fact: usize) -> bool {
    let Some(f) = ex.facts.get(fact) else {
        return false;
    };
    let tail = f
        .label
        .rsplit(['（', '(', '，', ',', '；'])
        .next()
        .unwrap_or("");
    tail.contains("上年")
        || ex
            .year
            .is_some_and(|y| tail.contains(&format!("{}年", y - 1)))
}

pub(super) fn flush_variance(sent: &mut Sent, location: &Location, ex: &mut Extraction) {
    if let Some(v) = sent.var.take() {
        if let Some(actual) = v.actual {
            push_variance(ex, v.budget, actual, None, &sent.quote, location);
        }
    }
}

pub(super) fn push_variance(
    ex: &mut Extraction,
    budget: usize,
    actual: usize,
    rate: Option<usize>,
    quote: &str,
    location: &Location,
) {
    let mut facts = vec![budget, actual];
    let mut roles = vec![Role::Budget, Role::Actual];
    if let Some(r) = rate {
        facts.push(r);
        roles.push(Role::Rate);
    }
    ex.push_statement(Statement::new(
        StatementKind::Variance,
        facts,
        roles,
        quote.to_string(),
        location.clone(),
    ));
}

/// "…决算数小于预算数" (conn.variance_word) in a sentence that printed a budget and an
/// actual: the word's direction goes on the sentence's variance, or, after an execution rate
/// (完成年初预算的C%), on a variance of its own between the two figures.
pub(super) fn variance_word(
    text: &Text,
    span: Span,
    patterns: &PatternSet,
    first_statement: usize,
    quote: &str,
    location: &Location,
    ex: &mut Extraction,
) {
    let s = text.norm_slice(span.start, span.end);
    let Some((_, sign)) = direction_words(patterns, "variance_word", s) else {
        return;
    };
    let Some(i) = (first_statement..ex.statements.len()).rev().find(|&i| {
        matches!(
            ex.statements[i].kind,
            StatementKind::Variance | StatementKind::ExecutionRate
        )
    }) else {
        return;
    };
    let st = &mut ex.statements[i];
    if st.kind == StatementKind::Variance {
        st.sign = Some(sign);
        return;
    }
    let (Some(budget), Some(actual)) = (st.fact(Role::Budget), st.fact(Role::Actual)) else {
        return;
    };
    ex.push_statement(Statement {
        sign: Some(sign),
        ..Statement::new(
            StatementKind::Variance,
            vec![budget, actual],
            vec![Role::Budget, Role::Actual],
            quote.to_string(),
            location.clone(),
        )
    });
}

/// "年初预算A，决算B，完成年初预算的C%": C = B / A (roles Actual, Budget, Rate).
pub(super) fn push_execution(
    ex: &mut Extraction,
    budget: usize,
    actual: usize,
    rate: usize,
    quote: &str,
    location: &Location,
) {
    ex.push_statement(Statement::new(
        StatementKind::ExecutionRate,
        vec![actual, budget, rate],
        vec![Role::Actual, Role::Budget, Role::Rate],
        quote.to_string(),
        location.clone(),
    ));
}

/// The `detail` of a change whose amount and rate carry opposite direction words
/// ("减少0.60万元，增长10.00%").
pub const SIGNS_DISAGREE: &str = "sign words disagree: ";

/// The `detail` of a direction statement whose stated cause names the opposite direction.
pub const CAUSE_CONTRADICTS: &str = "cause contradicts: ";

/// "主要原因是：X经费增加。" (conn.cause) right after a change between two levels with the
/// opposite direction word: the cause contradicts the change (checked as yoy.direction).
pub(super) fn cause_against_direction(
    text: &Text,
    span: Span,
    patterns: &PatternSet,
    para: &mut Para,
    ex: &mut Extraction,
) {
    let Some(si) = para.last_direction.take() else {
        return;
    };
    let s = text.norm_slice(span.start, span.end).trim();
    let Some((p, c)) = role_captures(patterns, "cause", s) else {
        return;
    };
    let word = c.name("word").map(|w| w.as_str()).unwrap_or("");
    let listed = |key: &str| {
        p.emit(key)
            .is_some_and(|ws| ws.split('|').any(|w| w == word))
    };
    let cause = if listed("plus") {
        1
    } else if listed("minus") {
        -1
    } else {
        return;
    };
    if let Some(st) = ex.statements.get_mut(si) {
        if st.sign.is_some_and(|d| d == -cause) {
            st.detail = Some(format!(
                "{CAUSE_CONTRADICTS}{}",
                text.orig_slice(span.start, span.end).trim()
            ));
        }
    }
}
