//! Mention handlers of the narrative reader: classify a quantity by its lead
//! (connectors.toml) and turn it into a fact, binding it to the open list, change, share or
//! variance of its paragraph.

use super::words::{self, NarrativeWords};
use super::*;

pub(super) enum Kind {
    Change {
        subject: String,
        marker: String,
        sign: i8,
    },
    Share {
        base: String,
    },
    Budget {
        subject: String,
        word: String,
    },
    Actual {
        word: String,
    },
    VarianceRate {
        word: String,
    },
    ExecutionRate,
}

pub(super) fn classify(
    patterns: &PatternSet,
    lead: &str,
    m: &Mention,
    var_open: bool,
) -> Option<Kind> {
    let cap = |c: &regex::Captures, n: &str| {
        c.name(n)
            .map(|x| x.as_str().to_string())
            .unwrap_or_default()
    };
    match m.kind {
        FactKind::Percent => {
            if var_open && role_captures(patterns, "execution_rate", lead).is_some() {
                return Some(Kind::ExecutionRate);
            }
            if let Some((_, c)) = role_captures(patterns, "variance_rate", lead) {
                return Some(Kind::VarianceRate {
                    word: cap(&c, "word"),
                });
            }
            if let Some((_, c)) = role_captures(patterns, "share", lead) {
                return Some(Kind::Share {
                    base: cap(&c, "base"),
                });
            }
        }
        FactKind::Amount | FactKind::Count => {
            if m.kind == FactKind::Amount {
                if let Some((_, c)) = role_captures(patterns, "budget", lead) {
                    return Some(Kind::Budget {
                        subject: cap(&c, "subject"),
                        word: cap(&c, "word"),
                    });
                }
                if var_open {
                    if let Some((_, c)) = role_captures(patterns, "actual", lead) {
                        return Some(Kind::Actual {
                            word: cap(&c, "word"),
                        });
                    }
                }
            }
        }
        FactKind::Date => return None,
    }
    if m.kind != FactKind::Date {
        if let Some((p, c)) = role_captures(patterns, "change", lead) {
            let word = cap(&c, "word");
            return Some(Kind::Change {
                subject: cap(&c, "subject"),
                marker: cap(&c, "marker"),
                sign: sign_of(p, &word),
            });
        }
    }
    None
}

/// The sign of a change word: +1 for a word of the pattern's `plus` list, −1 for one of its
/// `minus` list (patterns/connectors.toml, `conn.change`), else 0 (unknown). The data is the
/// only list of direction words, so a new one is one word in the pattern and its lists.
pub(super) fn sign_of(p: &crate::patterns::Pattern, word: &str) -> i8 {
    let listed = |key: &str| {
        p.emit(key)
            .is_some_and(|ws| ws.split('|').any(|w| w == word))
    };
    if listed("plus") {
        1
    } else if listed("minus") {
        -1
    } else {
        0
    }
}

pub(super) fn qualified(subject: &Option<String>, word: &str) -> String {
    match subject {
        Some(s) if !s.is_empty() => format!("{s}/{word}"),
        _ => word.to_string(),
    }
}

/// A subject captured in normalised text, cleaned like a label; `None` when empty.
pub(super) fn clean_subject(cx: &MentionCx, subject: &str, ctx: &Context) -> Option<String> {
    if subject.trim().is_empty() {
        return None;
    }
    // The subject is the start of the lead: map it back to the published text.
    let start = cx.lead.start;
    let end = (start + subject.len()).min(cx.lead.end);
    let span = scan::clean_label(
        cx.text,
        Span { start, end },
        cx.patterns,
        ctx.department.as_deref(),
    );
    let s = cx.text.orig_slice(span.start, span.end).trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// Pushes a fact for a mention with a label.
pub(super) fn push(
    cx: &MentionCx,
    m: &Mention,
    label: String,
    concept: Option<String>,
    sent: &Sent,
    ctx: &Context,
    ex: &mut Extraction,
) -> usize {
    let value_wan = match m.kind {
        FactKind::Amount => MoneyUnit::parse(&m.unit).and_then(|u| u.to_wan(m.number.value)),
        _ => None,
    };
    ex.push_fact(Fact {
        id: String::new(),
        label,
        concept,
        kind: m.kind,
        value: m.number.value,
        stated: m.number.stated.clone(),
        decimals: m.number.decimals,
        unit: m.unit.clone(),
        value_wan,
        project: ctx.project.clone(),
        quote: sent.quote.clone(),
        location: cx.location.clone(),
        cell: None,
    })
}

pub(super) fn plain(
    cx: &MentionCx,
    m: &Mention,
    ctx: &mut Context,
    para: &mut Para,
    sent: &mut Sent,
    ex: &mut Extraction,
) {
    flush_yoy(sent, para, cx.location, ex);
    let class = class_of(m);
    let (span, dated) =
        scan::clean_label_dated(cx.text, cx.lead, cx.patterns, ctx.department.as_deref());
    let lead_label = cx.text.orig_slice(span.start, span.end).trim().to_string();
    let lead_norm = cx.text.norm_slice(span.start, span.end).to_string();
    let prev_label = sent
        .plain
        .last()
        .and_then(|f| ex.facts.get(*f))
        .map(|f| f.label.clone());
    let mut func_line = None;
    let queued = sent.respectively.pop_front();
    let (mut label, mut concept) = match sent.func.as_mut() {
        _ if queued.is_some() => (queued.unwrap_or_default(), None),
        // "X支出307.82万元，主要用于：Y支出（类）264.87万元": the path labels the first
        // amount after it, not a total the sentence states before it.
        Some(fm) if m.kind == FactKind::Amount && m.start >= fm.end => {
            let fm = fm.clone();
            sent.func = None;
            func_line = Some(fm.clone());
            (fm.label, Some(fm.concept))
        }
        _ => {
            let attribute = cx
                .patterns
                .with_prefix("label.")
                .filter(|p| p.emit("action") == Some("attribute"))
                .any(|p| p.regex.is_match(&lead_norm));
            let label = match (&prev_label, lead_label.is_empty(), attribute) {
                (Some(prev), true, _) => prev.clone(),
                (Some(prev), false, true) => format!("{prev}/{lead_label}"),
                _ => lead_label,
            };
            (label, None)
        }
    };
    let mut list_items = None;
    let mut items_cut = false;
    if m.kind == FactKind::Count {
        let rest = cx.text.norm_slice(cx.rest.start, cx.rest.end);
        if let Some((_, caps)) = role_captures(cx.patterns, "list_items", rest) {
            let noun = caps.name("noun").map(|n| n.as_str().trim()).unwrap_or("");
            let items = caps.name("items").map(|n| n.as_str()).unwrap_or("");
            label.push_str(noun);
            list_items = Some(scan::count_items(items));
            // "包括：甲、乙、" at the end of the paragraph: a line or page break cut the list.
            items_cut = cx.rest.end >= cx.text.norm.trim_end().len()
                && items.trim_end().ends_with(['、', ',']);
        } else {
            let trailing = cx.text.norm_slice(cx.trailing.start, cx.trailing.end);
            let t = trailing.trim_end_matches(scan::is_clause_delim).trim();
            let n = t.chars().count();
            if (1..=6).contains(&n) && t.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                label.push_str(
                    cx.text
                        .orig_slice(cx.trailing.start, cx.trailing.start + t.len())
                        .trim(),
                );
            }
        }
    }
    if concept.is_none() {
        concept = cx.patterns.concept_of(&label).map(|c| c.id.clone());
    }
    let f = push(cx, m, label, concept, sent, ctx, ex);
    if let Some(d) = dated {
        dated_defect(cx, m, &d, span.end, f, ex);
    }
    // A 项 named without its 款 ("…（类）…支出（项）") has no place in the 类/款/项 tree:
    // its figure keeps its path, but no tree sum is built on it.
    if let Some(fm) = func_line.filter(|fm| fm.has_kuan || !fm.has_xiang) {
        ctx.func_lines.push(FuncLine {
            major: ctx.major,
            sub: ctx.sub,
            lei: fm.lei,
            has_kuan: fm.has_kuan,
            has_xiang: fm.has_xiang,
            fact: f,
            share: None,
            base: None,
        });
    }
    if let Some(n) = list_items {
        if items_cut {
            ctx.open_count = Some(ex.statements.len());
        }
        ex.push_statement(Statement {
            expected: Some(Decimal::from(n)),
            detail: Some(n.to_string()),
            ..Statement::new(
                StatementKind::ListCount,
                vec![f],
                vec![Role::Count],
                sent.quote.clone(),
                cx.location.clone(),
            )
        });
    }
    // List membership.
    let depth = paren_depth(&cx.text.norm, m.start);
    if let Some(list) = para.list.as_mut() {
        let deeper = !list.parts.is_empty() && depth > list.depth;
        if deeper && list.class.as_ref() == Some(&class) {
            // A figure in parentheses after a part breaks that part down.
            if let Some(&last) = list.parts.last() {
                match list.subs.last_mut() {
                    Some((p, subs)) if *p == last => subs.push(f),
                    _ => list.subs.push((last, vec![f])),
                }
            }
        } else if list.total.is_none() {
            let total = para.plain[..list.before.min(para.plain.len())]
                .iter()
                .rev()
                .find(|(_, c)| *c == class)
                .map(|(t, _)| *t);
            match total {
                Some(t) if matches!(class, Class::Amount | Class::Count(_)) => {
                    list.total = Some(t);
                    list.depth = depth;
                    para.topic = Some(t);
                    list.class = Some(class.clone());
                    list.parts.push(f);
                    list.shares.push(None);
                    let tq = ex.facts.get(t).map(|x| x.quote.clone()).unwrap_or_default();
                    if !list.quotes.contains(&tq) {
                        list.quotes.push(tq);
                    }
                    if !list.quotes.contains(&sent.quote) {
                        list.quotes.push(sent.quote.clone());
                    }
                }
                _ => para.list = None,
            }
        } else if list.class.as_ref() == Some(&class) {
            list.parts.push(f);
            list.shares.push(None);
            if !list.quotes.contains(&sent.quote) {
                list.quotes.push(sent.quote.clone());
            }
        }
    }
    para.plain.push((f, class));
    sent.plain.push(f);
    record_level(cx, f, sent, ex);
    // This year's level of the item a 类/款/项 line of the same paragraph heads restates
    // that line's figure.
    let current_level = sent
        .levels
        .last()
        .is_some_and(|l| l.fact == f && l.period == Period::Current);
    if current_level {
        let head = ctx.func_lines.last().map(|l| l.fact).filter(|&h| {
            h != f
                && ex.facts.get(h).is_some_and(|hf| {
                    hf.location.block == cx.location.block && hf.kind == FactKind::Amount
                })
        });
        if let Some(h) = head {
            ex.restates.push((f, h));
        }
    }
}

/// How many parentheses are open at byte `at` of a normalised paragraph, counted from the
/// last sentence end before it (。!? close every parenthesis); 0 when they do not balance.
fn paren_depth(norm: &str, at: usize) -> usize {
    let head = norm.get(..at).unwrap_or("");
    // Sentence ends and brackets are punctuation, not vocabulary: they stay in code.
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | '!' | '?' | '！' | '？'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut depth: i32 = 0;
    for c in head[start..].chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return 0;
        }
    }
    usize::try_from(depth).unwrap_or(0)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn change(
    cx: &MentionCx,
    m: &Mention,
    subject: &str,
    marker: &str,
    sign: i8,
    ctx: &Context,
    para: &mut Para,
    sent: &mut Sent,
    ex: &mut Extraction,
) {
    let is_rate = m.kind == FactKind::Percent;
    let class = class_of(m);
    let reuse = sent.yoy.as_ref().is_some_and(|y| {
        if is_rate {
            y.rate.is_none()
        } else {
            y.delta.is_none() && y.rate.is_none()
        }
    });
    let starts_sentence = sent.plain.is_empty() && sent.yoy.is_none();
    if is_rate && !reuse && starts_sentence && subject.trim().is_empty() && sent.subject.is_none() {
        // "增加A万元。增长B%": the rate of the paragraph's previous change.
        if let Some(si) = para.last_yoy.take() {
            // 增减率, 比上年增减 and 占比 are the labels the extractor produces (the contract in
            // patterns/README.md), not words read from documents: they stay in code.
            let label = ex
                .statements
                .get(si)
                .and_then(|st| st.fact(Role::Current))
                .and_then(|c| ex.facts.get(c))
                .map(|f| format!("{}/增减率", f.label))
                .unwrap_or_else(|| "增减率".to_string());
            let f = push(cx, m, label, None, sent, ctx, ex);
            if let Some(st) = ex.statements.get_mut(si) {
                st.facts.push(f);
                st.roles.push(Role::Rate);
                if st.sign != Some(sign) {
                    st.detail = Some(format!(
                        "{SIGNS_DISAGREE}amount {}, rate {sign}",
                        st.sign.unwrap_or(0)
                    ));
                }
            }
            return;
        }
    }
    if !reuse {
        flush_yoy(sent, para, cx.location, ex);
        let current = if !subject.trim().is_empty() {
            // "收入、支出总计各增加…": the subject cleaned like a label (各/均 dropped).
            clean_subject(cx, subject, ctx)
                .and_then(|s| find_label(ex, &s))
                .or_else(|| find_label(ex, subject.trim()))
                // "X同比增加…": the lead is the yoy subject already resolved for the clause.
                .or_else(|| sent.subject.flatten())
                // "…收、支总预算A万元。与上年相比，收、支总计各增加…": the figure just stated
                // under the same name, written shorter.
                .or_else(|| same_total(cx.patterns, subject, para, sent, ex))
        } else if let Some(s) = sent.subject {
            s
        } else if sent.plain.is_empty() && para.topic.is_some() {
            para.topic
        } else {
            para.plain
                .iter()
                .rev()
                .find(|(_, c)| {
                    if is_rate {
                        matches!(c, Class::Amount | Class::Count(_))
                    } else {
                        *c == class
                    }
                })
                .map(|(f, _)| *f)
        };
        let label = match current.and_then(|f| ex.facts.get(f)) {
            Some(f) => f.label.clone(),
            None if !sent.subject_text.is_empty() => sent.subject_text.clone(),
            None => subject.trim().to_string(),
        };
        // "2023年执行数为A万元，2024年安排B万元，比2023年执行数增加r%": the change is between
        // the two levels the sentence printed, when the marker names the prior one.
        let levels = level_pair(cx.patterns, marker, sent, ex);
        let (current, label) = match levels {
            Some((_, c)) => (
                Some(c),
                ex.facts.get(c).map(|f| f.label.clone()).unwrap_or(label),
            ),
            None => (current, label),
        };
        sent.yoy = Some(Yoy {
            current,
            label,
            delta: None,
            rate: None,
            base: levels.map(|(p, _)| p),
        });
    }
    let base_label = sent
        .yoy
        .as_ref()
        .map(|y| y.label.clone())
        .unwrap_or_default();
    // The produced labels (see above), not words of the documents.
    let suffix = if is_rate {
        "增减率"
    } else {
        "比上年增减"
    };
    let label = if base_label.is_empty() {
        suffix.to_string()
    } else {
        format!("{base_label}/{suffix}")
    };
    let f = push(cx, m, label, None, sent, ctx, ex);
    if let Some(y) = sent.yoy.as_mut() {
        if is_rate {
            y.rate = Some((f, sign));
        } else {
            y.delta = Some((f, sign));
        }
    }
}

/// The `detail` prefix of a Share whose base is named but not found in the text.
pub const BASE_NAMED: &str = "base named: ";

#[allow(clippy::too_many_arguments)]
pub(super) fn share(
    cx: &MentionCx,
    m: &Mention,
    base_name: &str,
    ctx: &mut Context,
    para: &mut Para,
    sent: &mut Sent,
    ex: &mut Extraction,
) {
    flush_yoy(sent, para, cx.location, ex);
    let part = sent.plain.last().copied();
    let base = if !base_name.trim().is_empty() {
        let name = base_name.trim();
        find_label(ex, name).or_else(|| {
            cx.patterns
                .concept_of(name)
                .and_then(|c| find_concept(ex, &c.id, part))
        })
    } else if let Some(list) = para
        .list
        .as_ref()
        .filter(|l| l.total.is_some() && l.parts.last().copied() == part)
    {
        list.total
    } else if let Some(concept) = ctx
        .heading_concept
        .clone()
        .filter(|_| part.is_some() && ctx.func_lines.last().map(|l| l.fact) == part)
    {
        // Only a 类/款/项 line takes the total its section heading names (（二）一般公共预算
        // 财政拨款支出决算结构情况): elsewhere an unnamed base is too easy to get wrong.
        find_concept(ex, &concept, part)
    } else {
        None
    };
    let part_label = part
        .and_then(|p| ex.facts.get(p))
        .map(|f| f.label.clone())
        .unwrap_or_default();
    // A produced label, like 增减率: stays in code.
    let label = if part_label.is_empty() {
        "占比".to_string()
    } else {
        format!("{part_label}/占比")
    };
    let f = push(cx, m, label, None, sent, ctx, ex);
    let Some(part) = part else { return };
    if let Some(list) = para.list.as_mut() {
        if base.is_some() && base == list.total && list.parts.last().copied() == Some(part) {
            if let Some(s) = list.shares.last_mut() {
                *s = Some(f);
            }
        }
    }
    if let Some(line) = ctx.func_lines.last_mut().filter(|l| l.fact == part) {
        line.share = Some(f);
        line.base = base;
    }
    if base.is_none() {
        ctx.unbound.shares += 1;
    }
    let mut facts = vec![part];
    let mut roles = vec![Role::Part];
    if let Some(b) = base {
        facts.push(b);
        roles.push(Role::Base);
    }
    facts.push(f);
    roles.push(Role::Rate);
    // A base the text names but does not print (占“三公”经费的8.75%): the tables may hold it.
    let detail = (base.is_none() && !base_name.trim().is_empty())
        .then(|| format!("{BASE_NAMED}{}", base_name.trim()));
    ex.push_statement(Statement {
        detail,
        ..Statement::new(
            StatementKind::Share,
            facts,
            roles,
            sent.quote.clone(),
            cx.location.clone(),
        )
    });
}

/// An amount of the text dated by a year (label.dated: "2022年度收入总计812.50万元") that
/// contradicts the document's year: a text.year defect quoting the year and the label. Not
/// when the year is the document's, nor one the paragraph compares with (conn.compared_year:
/// 与2023年度相比; 上年, 同比 or a change word name the year before the document's), nor the
/// year before the document's labelling a level (2023年度决算数 in a 2024 决算, 2024年预算执行数
/// in a 2025 预算: the pattern's `levels`). Only amounts of paragraphs (not table cells).
fn dated_defect(
    cx: &MentionCx,
    m: &Mention,
    d: &scan::Dated,
    label_end: usize,
    fact: usize,
    ex: &mut Extraction,
) {
    let Some(doc) = ex.year else {
        return;
    };
    if d.year == doc || m.kind != FactKind::Amount || cx.location.row.is_some() {
        return;
    }
    let label = cx.text.norm_slice(d.start, label_end);
    let prior = d.year == doc - 1;
    if prior
        && d.levels
            .split('|')
            .any(|w| !w.is_empty() && label.contains(w))
    {
        return;
    }
    let compared = cx
        .patterns
        .with_prefix("conn.")
        .filter(|p| p.emit("role") == Some("compared_year"))
        .any(|p| {
            p.regex.captures_iter(&cx.text.norm).any(|c| {
                c.name("year").and_then(|y| y.as_str().parse::<i32>().ok()) == Some(d.year)
                    || (prior && c.name("prior").is_some())
            })
        });
    if compared {
        return;
    }
    let quote = cx.text.orig_slice(d.start, label_end).trim().to_string();
    crate::extract::push_defect_of(ex, "year", quote, cx.location.clone(), vec![fact]);
}

/// Which year a level's year word names against the document's year (上年, 2023年度 in a
/// 2024 document: the prior; 本年, 2024年: the current); `None` for any other year. The year
/// words are `prior`, `current` and `year_end` of `[narrative]` (patterns/connectors.toml).
fn period_of(words: &NarrativeWords, year: &str, doc_year: Option<i32>) -> Option<Period> {
    let mut y = year.trim();
    for end in words.year_end.iter().filter_map(|w| w.chars().next()) {
        y = y.trim_end_matches(end);
    }
    let y = y.trim();
    if words.prior.iter().any(|w| w == y) {
        return Some(Period::Prior);
    }
    if words.current.iter().any(|w| w == y) {
        return Some(Period::Current);
    }
    let n: i32 = y.parse().ok()?;
    let d = doc_year?;
    if n == d - 1 {
        Some(Period::Prior)
    } else if n == d {
        Some(Period::Current)
    } else {
        None
    }
}

/// A year and level word (conn.level) in `s`: the period and the word without 当年.
fn level_of(patterns: &PatternSet, s: &str, doc_year: Option<i32>) -> Option<(Period, String)> {
    let (_, c) = role_captures(patterns, "level", s)?;
    let words = words::of(patterns);
    let period = period_of(&words, c.name("year")?.as_str(), doc_year)?;
    let word = c
        .name("word")
        .map(|w| {
            let mut w = w.as_str().trim();
            for drop in &words.level_drop {
                w = w.trim_start_matches(drop.as_str());
            }
            w.to_string()
        })
        .unwrap_or_default();
    Some((period, word))
}

/// Records a plain figure whose whole lead is a year and a level word ("2023年当年预算执行数为").
fn record_level(cx: &MentionCx, fact: usize, sent: &mut Sent, ex: &Extraction) {
    let lead = cx.text.norm_slice(cx.lead.start, cx.lead.end);
    if let Some((period, word)) = level_of(cx.patterns, lead, ex.year) {
        sent.levels.push(Level { fact, period, word });
    }
}

/// The (prior, current) levels of the sentence a change's marker ("比2023年预算执行数")
/// names: the marker must name the prior year and a level word compatible with the prior
/// figure's, and an explicitly current-year figure must follow that prior figure. `None`
/// whenever any of it is missing: the change is then read as before.
pub(super) fn level_pair(
    patterns: &PatternSet,
    marker: &str,
    sent: &Sent,
    ex: &Extraction,
) -> Option<(usize, usize)> {
    let words = words::of(patterns);
    let mut inner = marker
        .trim()
        .trim_start_matches(&words.marker_open_chars()[..]);
    for close in &words.marker_close {
        inner = inner.trim_end_matches(close.as_str());
    }
    let inner = inner.trim();
    if inner.is_empty() {
        return None;
    }
    let (period, word) = level_of(patterns, inner, ex.year)?;
    if period != Period::Prior {
        return None;
    }
    let compatible =
        |w: &str| word.is_empty() || w.is_empty() || w.contains(&word) || word.contains(w);
    let pi = sent
        .levels
        .iter()
        .rposition(|l| l.period == Period::Prior && compatible(&l.word))?;
    let prior = sent.levels.get(pi)?;
    let current = sent
        .levels
        .get(pi + 1..)?
        .iter()
        .find(|l| l.period == Period::Current)?;
    let same_kind = match (ex.facts.get(prior.fact), ex.facts.get(current.fact)) {
        (Some(a), Some(b)) => a.kind == b.kind && a.kind != FactKind::Percent,
        _ => false,
    };
    same_kind.then_some((prior.fact, current.fact))
}

/// The paragraph's latest amount whose label names the same total as a change's subject,
/// compared on their cores: without 各/均/都, 总计/合计/总预算/预算, 、 and the 入/出 of
/// 收入/支出 ("收、支总计各" and "收入、支出预算总计" are both 收支). Only a figure of the
/// current or the previous sentence. The words are those of `[narrative]`
/// (patterns/connectors.toml).
fn same_total(
    patterns: &PatternSet,
    subject: &str,
    para: &Para,
    sent: &Sent,
    ex: &Extraction,
) -> Option<usize> {
    let words = words::of(patterns);
    let drop = words.core_drop();
    let core = |s: &str| -> String {
        let mut t: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && !drop.contains(c))
            .collect();
        for w in &words.core_drop_words {
            t = t.replace(w.as_str(), "");
        }
        // A leading year (2024年) is a shape of digits, not a word of the data.
        t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年')
            .to_string()
    };
    let want = core(subject);
    let names_total = words
        .total_words
        .iter()
        .any(|w| subject.contains(w.as_str()));
    let (income, spending) = (words.income.as_str(), words.spending.as_str());
    let both = format!("{income}{spending}");
    let income_or_spending = want == income
        || want == spending
        || want == both
        || (want.contains(income) && want.contains(spending));
    if !names_total || !income_or_spending {
        return None;
    }
    let recent = para.last_sentence_plain + sent.plain.len();
    para.plain
        .iter()
        .rev()
        .take(recent.max(1))
        .filter(|(_, c)| *c == Class::Amount)
        .map(|(f, _)| *f)
        .find(|&f| {
            ex.facts
                .get(f)
                .is_some_and(|fact| core(&fact.label).ends_with(&want))
        })
}
