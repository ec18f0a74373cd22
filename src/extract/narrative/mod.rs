//! Narrative extraction (DESIGN.md §5a): paragraph → sentences → clauses → quantity mentions
//! → facts, then connector words bind the mentions into statements.
//!
//! Each mention (units.toml) is classified by its *lead* — the words of its clause before
//! the number — with connectors.toml: a year-on-year change (增加/减少 A, 增长/下降 B%), a
//! share (占X%, 占<base>的X%), a budget-vs-actual variance (年初预算数 A, 决算数 B, 预决算差异率
//! C%), or a plain quantity whose label is the cleaned lead (labels.toml). Plain quantities
//! after 其中/包括/分别是 are the parts of the quantity before the connector (a Sum); counts
//! followed by 分别是：A、B、… give a ListCount. Function-classification lines (类/款/项) are
//! collected and turned into Sums (类 = its 项; the 类 lines = the section's total) when
//! the document ends ([`finish`]).
//!
//! Binding is deliberately conservative, because a wrong binding is a false alarm later:
//! a 其中 list with a single part is not a Sum (it is a subset); a list opened mid-sentence
//! ends with its sentence (so "支出总计" after "收入总计…其中…。" is not a part of it), and
//! one opened at the start of a sentence runs to the end of the paragraph (the “三公” shape
//! "…10.91万元，比上年…。其中：A…。B…。C…。"); a single-part list at the end of a paragraph
//! may take exactly one more part from the next paragraph's first clause (基本支出 …其中：
//! 人员经费…。 / 公用经费…。). A share with no base named and no enclosing list takes the total
//! named by the section heading, else it has no base. A change with no subject takes the
//! paragraph's last plain quantity of the same kind, never one from another paragraph unless
//! the text names it (收入支出总体与上年相比 → the fact labelled 收入总计, conn.subject_total).

mod scan;

use super::{Extraction, Fact, FactKind, Role, Statement, StatementKind};
use crate::document::{DocWarning, Location};
use crate::number::{self, MoneyUnit};
use crate::patterns::PatternSet;
use rust_decimal::Decimal;
use scan::{Mention, Span, Text};

/// Cross-paragraph state of one document's narrative reading.
#[derive(Debug, Clone, Default)]
pub struct Context {
    department: Option<String>,
    project: Option<String>,
    major: usize,
    sub: usize,
    heading_concept: Option<String>,
    carried: Option<List>,
    func_lines: Vec<FuncLine>,
}

impl Context {
    /// A context for one document; the department (if known) is stripped from the start of
    /// labels ("昌吉回族自治州民政局（行政单位…）机关运行经费支出" → "机关运行经费支出").
    pub fn new(department: Option<&str>) -> Context {
        Context {
            department: department.map(number::normalize),
            ..Context::default()
        }
    }
}

/// A 类/款/项 line, remembered for the sums built at the end of the document.
#[derive(Debug, Clone)]
struct FuncLine {
    major: usize,
    sub: usize,
    lei: String,
    has_kuan: bool,
    has_xiang: bool,
    fact: usize,
    share: Option<usize>,
    base: Option<usize>,
}

/// What a quantity is for list membership: amounts of any money unit go together, counts
/// only with the same unit.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Class {
    Amount,
    Percent,
    Count(String),
    Date,
}

fn class_of(m: &Mention) -> Class {
    match m.kind {
        FactKind::Amount => Class::Amount,
        FactKind::Percent => Class::Percent,
        FactKind::Count => Class::Count(m.unit.clone()),
        FactKind::Date => Class::Date,
    }
}

/// An open 其中 list.
#[derive(Debug, Clone)]
struct List {
    /// Plain quantities of the paragraph before the connector (the total is among them).
    before: usize,
    total: Option<usize>,
    class: Option<Class>,
    parts: Vec<usize>,
    shares: Vec<Option<usize>>,
    /// Opened mid-sentence: ends with the sentence.
    sentence_scoped: bool,
    /// Carried over from the previous paragraph: takes one part, then ends.
    carried: bool,
    quotes: Vec<String>,
    location: Location,
}

/// An open year-on-year change.
#[derive(Debug, Clone)]
struct Yoy {
    current: Option<usize>,
    label: String,
    delta: Option<(usize, i8)>,
    rate: Option<(usize, i8)>,
}

/// An open budget-vs-actual variance.
#[derive(Debug, Clone)]
struct Variance {
    subject: Option<String>,
    budget: usize,
    actual: Option<usize>,
}

/// Per-paragraph state.
#[derive(Default)]
struct Para {
    plain: Vec<(usize, Class)>,
    list: Option<List>,
    yoy_current: Option<usize>,
    mentions_seen: usize,
}

/// Per-sentence state.
#[derive(Default)]
struct Sent {
    quote: String,
    plain: Vec<usize>,
    yoy: Option<Yoy>,
    var: Option<Variance>,
    subject: Option<Option<usize>>,
    subject_text: String,
    func: Option<FuncMatch>,
}

#[derive(Clone)]
struct FuncMatch {
    label: String,
    concept: String,
    lei: String,
    has_kuan: bool,
    has_xiang: bool,
}

/// Extracts facts and statements from one paragraph of running text of a document.
pub fn extract_paragraph(
    text: &str,
    location: &Location,
    patterns: &PatternSet,
    ctx: &mut Context,
    ex: &mut Extraction,
) {
    paragraph(text, location, patterns, ctx, ex);
}

/// Extracts facts (and statements) from a piece of running text on its own, e.g. a long
/// table cell (年度总体目标), tagging facts with `project`. Returns the indices of the facts
/// pushed, in order.
pub fn extract_text(
    text: &str,
    location: &Location,
    project: Option<&str>,
    patterns: &PatternSet,
    ex: &mut Extraction,
) -> Vec<usize> {
    let first = ex.facts.len();
    let mut ctx = Context::new(ex.department.as_deref());
    ctx.project = project.map(str::to_string);
    for part in text.split('\n').filter(|p| !p.trim().is_empty()) {
        paragraph(part, location, patterns, &mut ctx, ex);
    }
    finish(&mut ctx, patterns, ex);
    (first..ex.facts.len()).collect()
}

/// Builds the statements that need the whole document (function-classification sums and
/// share families). Call once after the last paragraph.
pub fn finish(ctx: &mut Context, patterns: &PatternSet, ex: &mut Extraction) {
    if let Some(list) = ctx.carried.take() {
        close_list(list, patterns, ex);
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

fn push_sum(ex: &mut Extraction, total: usize, parts: &[usize]) {
    let mut facts = vec![total];
    facts.extend_from_slice(parts);
    let mut roles = vec![Role::Total];
    roles.extend(std::iter::repeat_n(Role::Part, parts.len()));
    let quote = joined_quotes(ex, &facts);
    let location = fact_location(ex, total);
    ex.push_statement(Statement {
        id: String::new(),
        kind: StatementKind::Sum,
        facts,
        roles,
        sign: None,
        expected: None,
        detail: None,
        quote,
        location,
    });
}

fn push_family(ex: &mut Extraction, rates: &[usize]) {
    let quote = joined_quotes(ex, rates);
    let location = rates
        .first()
        .map(|r| fact_location(ex, *r))
        .unwrap_or_default();
    ex.push_statement(Statement {
        id: String::new(),
        kind: StatementKind::ShareFamily,
        facts: rates.to_vec(),
        roles: vec![Role::Rate; rates.len()],
        sign: None,
        expected: Some(Decimal::from(100)),
        detail: None,
        quote,
        location,
    });
}

fn fact_location(ex: &Extraction, f: usize) -> Location {
    ex.facts
        .get(f)
        .map(|x| x.location.clone())
        .unwrap_or_default()
}

/// The distinct quotes of some facts, in order, joined by a newline.
fn joined_quotes(ex: &Extraction, facts: &[usize]) -> String {
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

fn close_list(list: List, patterns: &PatternSet, ex: &mut Extraction) {
    let Some(total) = list.total else { return };
    if list.parts.len() < 2 {
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
    let mut facts = vec![total];
    facts.extend_from_slice(&list.parts);
    let mut roles = vec![Role::Total];
    roles.extend(std::iter::repeat_n(Role::Part, list.parts.len()));
    ex.push_statement(Statement {
        id: String::new(),
        kind: StatementKind::Sum,
        facts,
        roles,
        sign: None,
        expected: None,
        detail: None,
        quote: list.quotes.join("\n"),
        location: list.location.clone(),
    });
    let rates: Vec<usize> = list.shares.iter().flatten().copied().collect();
    if rates.len() == list.parts.len() {
        push_family(ex, &rates);
    }
}

fn paragraph(
    raw: &str,
    location: &Location,
    patterns: &PatternSet,
    ctx: &mut Context,
    ex: &mut Extraction,
) {
    let raw = if raw.chars().count() > scan::MAX_PARAGRAPH_CHARS {
        let cut = raw
            .char_indices()
            .nth(scan::MAX_PARAGRAPH_CHARS)
            .map(|(i, _)| i)
            .unwrap_or(raw.len());
        ex.warnings.push(DocWarning::new(
            "extract.long_paragraph",
            format!(
                "paragraph at block {} is longer than {} characters; the rest was not read",
                location.block,
                scan::MAX_PARAGRAPH_CHARS
            ),
        ));
        &raw[..cut]
    } else {
        raw
    };
    let text = Text::new(raw);
    let spans = scan::sentences(&text.norm);
    let scanned: Vec<(Span, Vec<Span>, Vec<Mention>)> = spans
        .iter()
        .map(|s| {
            let ignored = scan::ignored_spans(&text, *s, patterns);
            let ms = scan::mentions(&text, *s, patterns, &ignored);
            (*s, ignored, ms)
        })
        .collect();
    if scanned.iter().all(|(_, _, ms)| ms.is_empty()) {
        ctx.carried = None;
        heading(&text, patterns, ctx);
        return;
    }
    let mut para = Para {
        list: ctx.carried.take(),
        ..Para::default()
    };
    let last_sentence = scanned.len().saturating_sub(1);
    for (si, (span, ignored, ms)) in scanned.iter().enumerate() {
        let mut sent = Sent {
            quote: text.orig_slice(span.start, span.end).trim().to_string(),
            func: func_match(&text, *span, patterns),
            ..Sent::default()
        };
        for clause in clauses(&text, *span, ms) {
            let in_clause: Vec<&Mention> = ms
                .iter()
                .filter(|m| m.start >= clause.start && m.end <= clause.end)
                .collect();
            let head_end = in_clause.first().map(|m| m.start).unwrap_or(clause.end);
            let head = scan::trim(
                &text,
                Span {
                    start: clause.start,
                    end: head_end,
                },
            );
            let head_text = text.norm_slice(head.start, head.end);
            let more_follow = ms.iter().any(|m| m.start >= clause.start);
            if more_follow && matches_role(patterns, "list_open", head_text) {
                open_list(&mut para, &sent, location, patterns, ex);
            }
            if in_clause.is_empty() {
                if let Some(subject) = yoy_subject(patterns, head_text) {
                    let resolved = resolve_subject(patterns, &subject, ex);
                    sent.subject = Some(resolved);
                    sent.subject_text = subject;
                }
                continue;
            }
            let mut prev_end = clause.start;
            for (k, m) in in_clause.iter().enumerate() {
                let mut lead_start = prev_end;
                for g in ignored {
                    if g.start >= lead_start && g.end <= m.start {
                        lead_start = g.end;
                    }
                }
                let lead = scan::trim(
                    &text,
                    Span {
                        start: lead_start,
                        end: m.start,
                    },
                );
                let next = in_clause.get(k + 1).map(|n| n.start).unwrap_or(clause.end);
                let trailing = Span {
                    start: m.end,
                    end: next,
                };
                let rest = Span {
                    start: m.end,
                    end: span.end,
                };
                let cx = MentionCx {
                    text: &text,
                    lead,
                    trailing,
                    rest,
                    location,
                    patterns,
                };
                mention(&cx, m, ctx, &mut para, &mut sent, ex);
                prev_end = m.end;
            }
        }
        flush_yoy(&mut sent, &mut para, location, ex);
        flush_variance(&mut sent, location, ex);
        if let Some(list) = para.list.as_mut() {
            if !list.quotes.contains(&sent.quote) && list.total.is_some() {
                list.quotes.push(sent.quote.clone());
            }
        }
        let ends_list = para
            .list
            .as_ref()
            .is_some_and(|l| l.sentence_scoped || l.carried);
        if ends_list {
            if let Some(list) = para.list.take() {
                let carry = si == last_sentence
                    && !list.carried
                    && list.parts.len() == 1
                    && list.total.is_some();
                if carry {
                    ctx.carried = Some(List {
                        carried: true,
                        ..list
                    });
                } else {
                    close_list(list, patterns, ex);
                }
            }
        }
    }
    if let Some(list) = para.list.take() {
        close_list(list, patterns, ex);
    }
}

/// A paragraph without quantities: a heading updates the section and its subject concept.
fn heading(text: &Text, patterns: &PatternSet, ctx: &mut Context) {
    let t = text.norm.trim();
    if t.contains('。') || t.chars().count() > 60 {
        return;
    }
    const CN: &str = "一二三四五六七八九十";
    let head: String = t.chars().take_while(|c| CN.contains(*c)).collect();
    if !head.is_empty() && t[head.len()..].starts_with('、') {
        ctx.major += 1;
    }
    ctx.sub += 1;
    ctx.heading_concept = patterns.concept_in(t).map(|c| c.id.clone());
}

/// Clause ranges of a sentence: split at clause punctuation that is not inside a mention.
fn clauses(text: &Text, span: Span, ms: &[Mention]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, c) in text.norm_slice(span.start, span.end).char_indices() {
        let at = span.start + i;
        if scan::is_clause_delim(c) && !ms.iter().any(|m| at >= m.start && at < m.end) {
            let end = at + c.len_utf8();
            out.push(Span { start, end });
            start = end;
        }
    }
    if start < span.end {
        out.push(Span {
            start,
            end: span.end,
        });
    }
    out
}

fn matches_role(patterns: &PatternSet, role: &str, s: &str) -> bool {
    patterns
        .with_prefix("conn.")
        .filter(|p| p.emit("role") == Some(role))
        .any(|p| p.regex.is_match(s))
}

/// The first connector of a role that matches, with its captures (as normalised text).
fn role_captures<'t>(
    patterns: &'t PatternSet,
    role: &str,
    s: &'t str,
) -> Option<(&'t crate::patterns::Pattern, regex::Captures<'t>)> {
    patterns
        .with_prefix("conn.")
        .filter(|p| p.emit("role") == Some(role))
        .find_map(|p| p.regex.captures(s).map(|c| (p, c)))
}

fn yoy_subject(patterns: &PatternSet, head: &str) -> Option<String> {
    let (_, caps) = role_captures(patterns, "yoy_subject", head)?;
    caps.name("subject").map(|m| m.as_str().to_string())
}

/// The fact a yoy subject refers to: via `subject_total` templates, else the subject itself
/// as a label; the most recent fact with that label.
fn resolve_subject(patterns: &PatternSet, subject: &str, ex: &Extraction) -> Option<usize> {
    let target = match role_captures(patterns, "subject_total", subject) {
        Some((p, caps)) => {
            let prefix = caps.name("prefix").map(|m| m.as_str()).unwrap_or("");
            p.emit("template")
                .map(|t| t.replace("{prefix}", prefix))
                .unwrap_or_else(|| subject.to_string())
        }
        None => subject.to_string(),
    };
    find_label(ex, &target)
}

/// The most recent fact (plain, not a derived change/share) with this label (quote marks
/// and width ignored), else with the concept this label maps to.
fn find_label(ex: &Extraction, label: &str) -> Option<usize> {
    let want = crate::patterns::strip_quotes(&number::normalize(label));
    ex.facts
        .iter()
        .rposition(|f| crate::patterns::strip_quotes(&number::normalize(&f.label)) == want)
}

fn find_concept(ex: &Extraction, concept: &str, not: Option<usize>) -> Option<usize> {
    ex.facts
        .iter()
        .enumerate()
        .rev()
        .find(|(i, f)| Some(*i) != not && f.concept.as_deref() == Some(concept))
        .map(|(i, _)| i)
}

fn func_match(text: &Text, span: Span, patterns: &PatternSet) -> Option<FuncMatch> {
    let p = patterns
        .with_prefix("label.")
        .find(|p| p.emit("action") == Some("func_path"))?;
    let s = text.norm_slice(span.start, span.end);
    let caps = p.regex.captures(s)?;
    let whole = caps.get(0)?;
    let orig = |m: regex::Match| text.orig_slice(span.start + m.start(), span.start + m.end());
    let lei = orig(caps.name("lei")?).trim().to_string();
    let kuan = caps.name("kuan").map(|m| orig(m).trim().to_string());
    let xiang = caps.name("xiang").map(|m| orig(m).trim().to_string());
    let mut concept = format!("func:{lei}");
    for part in [&kuan, &xiang].into_iter().flatten() {
        concept.push('/');
        concept.push_str(part);
    }
    Some(FuncMatch {
        label: orig(whole).trim().to_string(),
        concept,
        lei,
        has_kuan: kuan.is_some(),
        has_xiang: xiang.is_some(),
    })
}

/// Everything `mention` needs about where a mention sits.
struct MentionCx<'a, 't> {
    text: &'a Text<'t>,
    lead: Span,
    trailing: Span,
    rest: Span,
    location: &'a Location,
    patterns: &'a PatternSet,
}

fn open_list(
    para: &mut Para,
    sent: &Sent,
    location: &Location,
    patterns: &PatternSet,
    ex: &mut Extraction,
) {
    if let Some(mut list) = para.list.take() {
        // The quantity right before this connector is the next list's total, not a part.
        let last_plain = para.plain.last().map(|(f, _)| *f);
        if last_plain.is_some() && list.parts.last().copied() == last_plain {
            list.parts.pop();
            list.shares.pop();
        }
        close_list(list, patterns, ex);
    }
    para.list = Some(List {
        before: para.plain.len(),
        total: None,
        class: None,
        parts: Vec::new(),
        shares: Vec::new(),
        sentence_scoped: !sent.plain.is_empty(),
        carried: false,
        quotes: Vec::new(),
        location: location.clone(),
    });
}

fn mention(
    cx: &MentionCx,
    m: &Mention,
    ctx: &mut Context,
    para: &mut Para,
    sent: &mut Sent,
    ex: &mut Extraction,
) {
    let lead_norm = cx.text.norm_slice(cx.lead.start, cx.lead.end).to_string();
    let first_in_para = para.mentions_seen == 0;
    para.mentions_seen += 1;
    if first_in_para && para.list.as_ref().is_some_and(|l| l.carried) {
        let keep = matches!(m.kind, FactKind::Amount | FactKind::Count)
            && classify(cx.patterns, &lead_norm, m, sent.var.is_some()).is_none();
        if !keep {
            para.list = None;
        }
    }
    match classify(cx.patterns, &lead_norm, m, sent.var.is_some()) {
        Some(Kind::Change { subject, word }) => change(cx, m, &subject, &word, ctx, para, sent, ex),
        Some(Kind::Share { base }) => share(cx, m, &base, ctx, para, sent, ex),
        Some(Kind::Budget { subject, word }) => {
            flush_variance(sent, cx.location, ex);
            let subject = clean_subject(cx, &subject, ctx).or_else(|| {
                para.yoy_current
                    .and_then(|f| ex.facts.get(f))
                    .map(|f| f.label.clone())
            });
            let label = qualified(&subject, &word);
            let f = push(cx, m, label, None, sent, ctx, ex);
            sent.var = Some(Variance {
                subject,
                budget: f,
                actual: None,
            });
        }
        Some(Kind::Actual { word }) => {
            let subject = sent.var.as_ref().and_then(|v| v.subject.clone());
            let f = push(cx, m, qualified(&subject, &word), None, sent, ctx, ex);
            if let Some(v) = sent.var.as_mut() {
                v.actual = Some(f);
            }
        }
        Some(Kind::VarianceRate { word }) => {
            let subject = sent.var.as_ref().and_then(|v| v.subject.clone());
            let f = push(cx, m, qualified(&subject, &word), None, sent, ctx, ex);
            if let Some(v) = sent.var.take() {
                if let Some(actual) = v.actual {
                    push_variance(ex, v.budget, actual, Some(f), &sent.quote, cx.location);
                }
            }
        }
        None => plain(cx, m, ctx, para, sent, ex),
    }
}

enum Kind {
    Change { subject: String, word: String },
    Share { base: String },
    Budget { subject: String, word: String },
    Actual { word: String },
    VarianceRate { word: String },
}

fn classify(patterns: &PatternSet, lead: &str, m: &Mention, var_open: bool) -> Option<Kind> {
    let cap = |c: &regex::Captures, n: &str| {
        c.name(n)
            .map(|x| x.as_str().to_string())
            .unwrap_or_default()
    };
    match m.kind {
        FactKind::Percent => {
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
        if let Some((_, c)) = role_captures(patterns, "change", lead) {
            return Some(Kind::Change {
                subject: cap(&c, "subject"),
                word: cap(&c, "word"),
            });
        }
    }
    None
}

fn qualified(subject: &Option<String>, word: &str) -> String {
    match subject {
        Some(s) if !s.is_empty() => format!("{s}/{word}"),
        _ => word.to_string(),
    }
}

/// A subject captured in normalised text, cleaned like a label; `None` when empty.
fn clean_subject(cx: &MentionCx, subject: &str, ctx: &Context) -> Option<String> {
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
fn push(
    cx: &MentionCx,
    m: &Mention,
    label: String,
    concept: Option<String>,
    sent: &Sent,
    ctx: &Context,
    ex: &mut Extraction,
) -> usize {
    let value_wan = match m.kind {
        FactKind::Amount => MoneyUnit::parse(&m.unit).map(|u| u.to_wan(m.number.value)),
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
    })
}

fn plain(
    cx: &MentionCx,
    m: &Mention,
    ctx: &mut Context,
    para: &mut Para,
    sent: &mut Sent,
    ex: &mut Extraction,
) {
    flush_yoy(sent, para, cx.location, ex);
    let class = class_of(m);
    let span = scan::clean_label(cx.text, cx.lead, cx.patterns, ctx.department.as_deref());
    let lead_label = cx.text.orig_slice(span.start, span.end).trim().to_string();
    let lead_norm = cx.text.norm_slice(span.start, span.end).to_string();
    let prev_label = sent
        .plain
        .last()
        .and_then(|f| ex.facts.get(*f))
        .map(|f| f.label.clone());
    let mut func_line = None;
    let (mut label, mut concept) = match sent.func.as_mut() {
        Some(fm) if m.kind == FactKind::Amount => {
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
    if m.kind == FactKind::Count {
        let rest = cx.text.norm_slice(cx.rest.start, cx.rest.end);
        if let Some((_, caps)) = role_captures(cx.patterns, "list_items", rest) {
            let noun = caps.name("noun").map(|n| n.as_str().trim()).unwrap_or("");
            let items = caps.name("items").map(|n| n.as_str()).unwrap_or("");
            label.push_str(noun);
            list_items = Some(scan::count_items(items));
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
    if let Some(fm) = func_line {
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
        ex.push_statement(Statement {
            id: String::new(),
            kind: StatementKind::ListCount,
            facts: vec![f],
            roles: vec![Role::Count],
            sign: None,
            expected: Some(Decimal::from(n)),
            detail: Some(n.to_string()),
            quote: sent.quote.clone(),
            location: cx.location.clone(),
        });
    }
    // List membership.
    if let Some(list) = para.list.as_mut() {
        if list.total.is_none() {
            let total = para.plain[..list.before.min(para.plain.len())]
                .iter()
                .rev()
                .find(|(_, c)| *c == class)
                .map(|(t, _)| *t);
            match total {
                Some(t) if matches!(class, Class::Amount | Class::Count(_)) => {
                    list.total = Some(t);
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
}

#[allow(clippy::too_many_arguments)]
fn change(
    cx: &MentionCx,
    m: &Mention,
    subject: &str,
    word: &str,
    ctx: &Context,
    para: &mut Para,
    sent: &mut Sent,
    ex: &mut Extraction,
) {
    let sign = number::sign_of_word(word).unwrap_or(0);
    let is_rate = m.kind == FactKind::Percent;
    let class = class_of(m);
    let reuse = sent.yoy.as_ref().is_some_and(|y| {
        if is_rate {
            y.rate.is_none()
        } else {
            y.delta.is_none() && y.rate.is_none()
        }
    });
    if !reuse {
        flush_yoy(sent, para, cx.location, ex);
        let current = if !subject.trim().is_empty() {
            find_label(ex, subject.trim())
        } else if let Some(s) = sent.subject {
            s
        } else {
            para.plain
                .iter()
                .rev()
                .find(|(_, c)| is_rate || *c == class)
                .map(|(f, _)| *f)
        };
        let label = match current.and_then(|f| ex.facts.get(f)) {
            Some(f) => f.label.clone(),
            None if !sent.subject_text.is_empty() => sent.subject_text.clone(),
            None => subject.trim().to_string(),
        };
        sent.yoy = Some(Yoy {
            current,
            label,
            delta: None,
            rate: None,
        });
    }
    let base_label = sent
        .yoy
        .as_ref()
        .map(|y| y.label.clone())
        .unwrap_or_default();
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

fn flush_yoy(sent: &mut Sent, para: &mut Para, location: &Location, ex: &mut Extraction) {
    let Some(y) = sent.yoy.take() else { return };
    let Some(current) = y.current else { return };
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
    let sign = y.delta.or(y.rate).map(|(_, s)| s);
    let detail = match (y.delta, y.rate) {
        (Some((_, a)), Some((_, b))) if a != b => {
            Some(format!("sign words disagree: amount {a}, rate {b}"))
        }
        _ => None,
    };
    para.yoy_current = Some(current);
    ex.push_statement(Statement {
        id: String::new(),
        kind: StatementKind::Yoy,
        facts,
        roles,
        sign,
        expected: None,
        detail,
        quote: sent.quote.clone(),
        location: location.clone(),
    });
}

fn flush_variance(sent: &mut Sent, location: &Location, ex: &mut Extraction) {
    if let Some(v) = sent.var.take() {
        if let Some(actual) = v.actual {
            push_variance(ex, v.budget, actual, None, &sent.quote, location);
        }
    }
}

fn push_variance(
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
    ex.push_statement(Statement {
        id: String::new(),
        kind: StatementKind::Variance,
        facts,
        roles,
        sign: None,
        expected: None,
        detail: None,
        quote: quote.to_string(),
        location: location.clone(),
    });
}

#[allow(clippy::too_many_arguments)]
fn share(
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
    } else if let Some(concept) = ctx.heading_concept.clone() {
        find_concept(ex, &concept, part)
    } else {
        None
    };
    let part_label = part
        .and_then(|p| ex.facts.get(p))
        .map(|f| f.label.clone())
        .unwrap_or_default();
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
    let mut facts = vec![part];
    let mut roles = vec![Role::Part];
    if let Some(b) = base {
        facts.push(b);
        roles.push(Role::Base);
    }
    facts.push(f);
    roles.push(Role::Rate);
    ex.push_statement(Statement {
        id: String::new(),
        kind: StatementKind::Share,
        facts,
        roles,
        sign: None,
        expected: None,
        detail: None,
        quote: sent.quote.clone(),
        location: cx.location.clone(),
    });
}
