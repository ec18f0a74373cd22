//! Narrative extraction: paragraph → sentences → clauses → quantity mentions
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

mod handlers;
mod scan;
mod statements;
mod words;

pub use handlers::BASE_NAMED;
use handlers::*;
use statements::*;
pub use statements::{CAUSE_CONTRADICTS, SIGNS_DISAGREE};
pub(crate) use words::parse as parse_words;
pub use words::NarrativeWords;

use super::{Extraction, Fact, FactKind, Role, Statement, StatementKind};
use crate::document::{DocWarning, Location, Paragraph};
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
    /// A total whose parts follow in numbered paragraphs ("收入预算总计A万元。包括：" / "1.…
    /// B万元…" / "2.… C万元…").
    numbered: Option<NumberedList>,
    func_lines: Vec<FuncLine>,
    unbound: Unbound,
    /// A ListCount whose items ran to the end of its paragraph with a 、: the next
    /// paragraph's first sentence holds the rest of them.
    open_count: Option<usize>,
}

/// A list whose parts are the first amounts of the numbered paragraphs after its total.
#[derive(Debug, Clone)]
struct NumberedList {
    total: usize,
    /// The numbering of the paragraph that opened it (its own level: a paragraph numbered
    /// so ends the list).
    opener: Option<&'static str>,
    /// The numbering of the parts (the first numbered paragraph's); deeper numberings in
    /// between are the parts' own breakdowns.
    style: Option<&'static str>,
    parts: Vec<usize>,
    /// Whether the first part's paragraph is numbered 1 (1．/（1）/（一）).
    first_is_one: bool,
    /// Numbered paragraphs seen at another numbering than the parts' (deeper breakdowns, or
    /// parts numbered inconsistently).
    others: usize,
    /// Unnumbered paragraphs since the last part ("1．X…" / "其中一般公共预算…" / "2．Y…"):
    /// the list waits for its next item.
    suspended: usize,
    quotes: Vec<String>,
    location: Location,
}

/// Quantities read as facts whose statement could not be bound safely (reported once per
/// document as an `extract.unbound` warning, so silence is explained).
#[derive(Debug, Clone, Default)]
struct Unbound {
    /// Changes (增加/增长 …) with no quantity they could refer to.
    changes: usize,
    /// Shares (占X%) with no base.
    shares: usize,
    /// 其中 lists with a single part (a subset, not a sum).
    subsets: usize,
}

impl Unbound {
    fn add(&mut self, o: &Unbound) {
        self.changes += o.changes;
        self.shares += o.shares;
        self.subsets += o.subsets;
    }
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
#[derive(Debug, Clone, Default)]
struct List {
    /// Plain quantities of the paragraph before the connector (the total is among them).
    before: usize,
    total: Option<usize>,
    class: Option<Class>,
    parts: Vec<usize>,
    shares: Vec<Option<usize>>,
    /// Parenthesis depth of the first part; a figure deeper than it breaks down the part
    /// before it ("地上A（其中计容B，不计容C），地下D": B and C are parts of A, not of the total).
    depth: usize,
    /// Sub-breakdowns: (the part, its parts in parentheses).
    subs: Vec<(usize, Vec<usize>)>,
    /// Opened mid-sentence: ends with the sentence.
    sentence_scoped: bool,
    /// Carried over from the previous paragraph: takes one part, then ends.
    carried: bool,
    /// Opened by a 其中：/包括： that ends its paragraph, with unnumbered parts in the
    /// paragraphs after it: carried from its first part on.
    tail: bool,
    /// How many parts the list had when it was first carried over a paragraph break.
    carried_from: usize,
    /// Opened by a connector of the main parts only (主要用于以下方面：): parts that fall short
    /// of the total may leave the rest out.
    partial: bool,
    /// Opened by a 其中 at the start of a sentence that follows a sentence of several
    /// figures: the total it breaks down is not certain (checked only if it holds anyway).
    ambiguous: bool,
    /// A sentence-scoped list whose sentence ended: the next sentence may continue it if it
    /// starts with a plain quantity of the same kind that is not itself a total (。 used
    /// between the parts instead of ，/；).
    awaiting: bool,
    quotes: Vec<String>,
    location: Location,
}

/// A numbered list waits this many unnumbered paragraphs for its next item.
const MAX_SUSPENDED: usize = 8;

/// A list carried over paragraph breaks stops taking parts at this many.
const MAX_CARRIED_PARTS: usize = 40;

/// An open year-on-year change.
#[derive(Debug, Clone)]
struct Yoy {
    current: Option<usize>,
    label: String,
    delta: Option<(usize, i8)>,
    rate: Option<(usize, i8)>,
    /// The prior level the change is stated against, when the sentence printed it
    /// ("2023年执行数为A万元，2024年安排B万元，比2023年执行数增加r%").
    base: Option<usize>,
}

/// Which year a level names, against the document's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Prior,
    Current,
}

/// A figure of the sentence named by nothing but its year and level word (conn.level).
#[derive(Debug, Clone)]
struct Level {
    fact: usize,
    period: Period,
    word: String,
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
    unbound: Unbound,
    /// The total of the paragraph's latest 其中 list: what a change at the start of a later
    /// sentence ("…其中：A，B。与上年相比，增加…") is about.
    topic: Option<usize>,
    /// The paragraph's latest Yoy statement if it has no rate yet (a rate may follow after 。).
    last_yoy: Option<usize>,
    /// How many plain figures the previous sentence held.
    last_sentence_plain: usize,
    /// The latest direction statement between two levels, for a cause in the next sentence.
    last_direction: Option<usize>,
}

/// Per-sentence state.
#[derive(Default)]
struct Sent {
    mentions_seen: usize,
    quote: String,
    plain: Vec<usize>,
    yoy: Option<Yoy>,
    var: Option<Variance>,
    subject: Option<Option<usize>>,
    subject_text: String,
    func: Option<FuncMatch>,
    /// "A、B分别为X、Y": labels waiting for the next quantities, in order.
    respectively: std::collections::VecDeque<String>,
    /// End of the previous mention in this sentence (normalised bytes).
    last_end: Option<usize>,
    /// Figures named only by year and level word, in order.
    levels: Vec<Level>,
}

#[derive(Clone)]
struct FuncMatch {
    label: String,
    concept: String,
    lei: String,
    has_kuan: bool,
    has_xiang: bool,
    /// Where the path ends in the normalised paragraph: only an amount after it is its figure.
    end: usize,
}

/// Extracts facts and statements from one paragraph of running text of a document.
pub fn extract_paragraph(
    para: &Paragraph,
    location: &Location,
    patterns: &PatternSet,
    ctx: &mut Context,
    ex: &mut Extraction,
) {
    paragraph(&para.text, Some(para), location, patterns, ctx, ex);
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
        paragraph(part, None, location, patterns, &mut ctx, ex);
    }
    // A table cell's unbound quantities are not worth a warning each.
    finish_sums(&mut ctx, patterns, ex);
    (first..ex.facts.len()).collect()
}

/// Builds the statements that need the whole document (function-classification sums and
/// share families). Call once after the last paragraph.
pub fn finish(ctx: &mut Context, patterns: &PatternSet, ex: &mut Extraction) {
    if let Some(list) = ctx.numbered.take() {
        close_numbered(list, patterns, &mut ctx.unbound, ex);
    }
    finish_sums(ctx, patterns, ex);
    let u = std::mem::take(&mut ctx.unbound);
    let mut what = Vec::new();
    if u.changes > 0 {
        what.push(format!(
            "{} change(s) with no quantity they refer to",
            u.changes
        ));
    }
    if u.shares > 0 {
        what.push(format!("{} share(s) with no base", u.shares));
    }
    if u.subsets > 0 {
        what.push(format!(
            "{} 其中 list(s) with a single part (a subset, not a sum)",
            u.subsets
        ));
    }
    if !what.is_empty() {
        ex.warnings.push(DocWarning::new(
            "extract.unbound",
            format!(
                "read as facts but not checkable as statements: {}",
                what.join(", ")
            ),
        ));
    }
}

/// `paged`: the document's paragraph when `raw` is its whole text, for the page of each
/// figure in a paragraph that runs over a page break.
fn paragraph(
    raw: &str,
    paged: Option<&Paragraph>,
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
    let spaced = letter_spaced(raw);
    // Offsets into a respaced text are not the paragraph's: its figures keep the first page.
    let paged = paged.filter(|p| spaced.is_none() && !p.page_starts.is_empty() && p.text == raw);
    let raw = spaced.as_deref().unwrap_or(raw);
    tail_to_carried(raw, ctx);
    let first_fact = ex.facts.len();
    if let Some(si) = ctx.open_count.take() {
        continue_count(raw, si, ctx, ex);
    }
    numbered_before(raw, ctx, patterns, ex);
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
        if let Some(list) = ctx.carried.take() {
            close_list(list, patterns, &mut ctx.unbound, ex);
        }
        heading(&text, patterns, ctx);
        return;
    }
    let tail_start = scanned
        .iter()
        .flat_map(|(_, _, ms)| ms.iter().map(|m| m.end))
        .max()
        .unwrap_or(0);
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
        let first_statement = ex.statements.len();
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
            if let Some((p, _)) =
                role_captures(patterns, "list_open", head_text).filter(|_| more_follow)
            {
                let partial = p.emit("partial") == Some("true");
                open_list(&mut para, &sent, location, patterns, ex);
                if let Some(l) = para.list.as_mut() {
                    l.partial = partial;
                }
            } else if more_follow && in_clause.is_empty() && sent.plain.is_empty() {
                // "财政拨款支出预算中，一般公共预算…A，政府性基金…B": a breakdown of a figure
                // the paragraph stated under that name.
                if let Some(total) = breakdown_of(patterns, head_text, &para, ex) {
                    open_breakdown(&mut para, total, &sent, location, patterns, ex);
                }
            }
            // The subject of a change: its own clause ("X与上年相比，增加…") or the head of
            // the change's clause ("X同比增加…").
            if in_clause.is_empty() || sent.subject.is_none() {
                if let Some(subject) = yoy_subject(patterns, head_text) {
                    let resolved = resolve_subject(patterns, &subject, ex);
                    sent.subject = Some(resolved);
                    sent.subject_text = subject;
                }
            }
            if in_clause.is_empty() {
                continue;
            }
            let mut prev_end = clause.start;
            for (k, m) in in_clause.iter().enumerate() {
                let mut lead_start = prev_end;
                // An ignored span that began before the clause (a threshold whose number a
                // clause split cut: "单价1,000,000.00元（含）以上") still ends the lead.
                for g in ignored {
                    if g.end > lead_start && g.end <= m.start {
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
                let wide = Span {
                    start: sent.last_end.unwrap_or(span.start),
                    end: m.start,
                };
                if let Some(labels) = respectively(&text, wide, patterns, ctx) {
                    sent.respectively = labels.into();
                }
                sent.last_end = Some(m.end);
                let here = paged.map(|p| Location {
                    page: p.page_at(location.page, text.to_orig(m.start)),
                    ..location.clone()
                });
                let cx = MentionCx {
                    text: &text,
                    lead,
                    trailing,
                    rest,
                    location: here.as_ref().unwrap_or(location),
                    patterns,
                };
                mention(&cx, m, ctx, &mut para, &mut sent, ex);
                prev_end = m.end;
            }
        }
        if ms.is_empty() {
            cause_against_direction(&text, *span, patterns, &mut para, ex);
        } else {
            para.last_direction = None;
        }
        if sent.yoy.is_none() {
            flat_levels(&text, *span, patterns, &sent, location, ex);
            compared_levels(&text, *span, patterns, &sent, location, ex);
        }
        flush_yoy(&mut sent, &mut para, location, ex);
        // A 预算数 that opened no variance (no 决算数 followed: the budget genre's "X预算数为A
        // 万元。与上年相比增加B万元…") is a plain figure of the paragraph: the change of the next
        // sentence may be about it.
        if let Some(v) = sent.var.as_ref().filter(|v| v.actual.is_none()) {
            if ex
                .facts
                .get(v.budget)
                .is_some_and(|f| f.kind == FactKind::Amount)
            {
                para.plain.push((v.budget, Class::Amount));
            }
        }
        flush_variance(&mut sent, location, ex);
        variance_word(
            &text,
            *span,
            patterns,
            first_statement,
            &sent.quote,
            location,
            ex,
        );
        para.last_sentence_plain = sent.plain.len();
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
            if let Some(mut list) = para.list.take() {
                // A list whose sentence ends its paragraph goes on into the next paragraphs
                // while its parts fall short of its total (PDFs that break the line after
                // each part: "其中：基本支出…；" / "项目支出…；" / "…经费…。").
                let carry = si == last_sentence
                    && list.parts.len() < MAX_CARRIED_PARTS
                    && (!list.carried || list.tail || list.parts.len() >= 2)
                    && !list.parts.is_empty()
                    && list_short(&list, ex);
                if carry {
                    let carried_from = if list.carried {
                        list.carried_from
                    } else {
                        list.parts.len()
                    };
                    ctx.carried = Some(List {
                        carried: true,
                        carried_from,
                        ..list
                    });
                } else if si < last_sentence && !list.carried && list.total.is_some() {
                    list.awaiting = true;
                    para.list = Some(list);
                } else {
                    close_list(list, patterns, &mut para.unbound, ex);
                }
            }
        }
    }
    if let Some(list) = para.list.take() {
        close_list(list, patterns, &mut para.unbound, ex);
    }
    ctx.unbound.add(&para.unbound);
    numbered_after(
        raw, &text, tail_start, first_fact, location, ctx, patterns, ex,
    );
}

/// A letter-spaced paragraph (justified PDF text: "江 苏 省 人 民 检 察 院 … 各 增 加"), with the
/// spaces between Chinese characters removed; `None` when the paragraph is not letter-spaced
/// (a run of at least four single characters each followed by one space).
/// The rest of a counted list cut by a paragraph break (see [`Context::open_count`]): the
/// items up to the first 。/； are added to the count's statement. A continuation with
/// figures in it is not a list of names, and the count is then not checkable.
fn continue_count(raw: &str, si: usize, ctx: &mut Context, ex: &mut Extraction) {
    let Some(st) = ex.statements.get_mut(si) else {
        return;
    };
    let end = raw.find(['。', '；', ';']).unwrap_or(raw.len());
    let items = raw[..end].trim();
    if items
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        // No list length: listcount reports the count as not checkable.
        st.expected = None;
        st.detail = None;
        st.unsure = Some("the counted list is cut by a paragraph break".to_string());
        return;
    }
    let n = scan::count_items(items);
    let total = st.expected.unwrap_or_default() + Decimal::from(n);
    st.expected = Some(total);
    st.detail = Some(total.to_string());
    st.quote.push_str(&raw[..end]);
    if end == raw.len() && items.ends_with(['、', '，', ',']) {
        ctx.open_count = Some(si);
    }
}

fn letter_spaced(raw: &str) -> Option<String> {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || "、，。：；（）“”".contains(c);
    let chars: Vec<char> = raw.chars().collect();
    let mut run = 0;
    let mut spaced = false;
    let mut i = 0;
    while i + 1 < chars.len() {
        if han(chars[i]) && chars[i + 1] == ' ' && chars.get(i + 2).copied().is_some_and(han) {
            run += 1;
            if run >= 4 {
                spaced = true;
                break;
            }
            i += 2;
        } else {
            run = 0;
            i += 1;
        }
    }
    if !spaced {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    for (k, &c) in chars.iter().enumerate() {
        let between = c.is_whitespace()
            && k > 0
            && han(chars[k - 1])
            && chars[k + 1..]
                .iter()
                .find(|n| !n.is_whitespace())
                .copied()
                .is_some_and(han);
        if !between {
            out.push(c);
        }
    }
    Some(out)
}

/// The first `n` chars of a paragraph, width-normalised, where its numbering stands.
fn head_chars(raw: &str, n: usize) -> String {
    raw.trim_start()
        .chars()
        .take(n)
        .map(number::normalize_char)
        .collect()
}

/// The numbering a paragraph starts with, as a style: 一、 （一） 1. 1、 （1）.
fn numbering(raw: &str) -> Option<&'static str> {
    let t = head_chars(raw, 6);
    let mut it = t.chars();
    let c0 = it.next()?;
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    if c0 == '(' {
        let inner: String = it.clone().take_while(|c| *c != ')').collect();
        if inner.is_empty() || inner.chars().count() > 3 {
            return None;
        }
        return if inner.chars().all(cn) {
            Some("(一)")
        } else if inner.chars().all(|c| c.is_ascii_digit()) {
            Some("(1)")
        } else {
            None
        };
    }
    let head: String = t
        .chars()
        .take_while(|c| cn(*c) || c.is_ascii_digit())
        .collect();
    let next = t.chars().nth(head.chars().count())?;
    if head.is_empty() || head.chars().count() > 3 {
        return None;
    }
    match (head.chars().all(cn), next) {
        (true, '、') => Some("一、"),
        (false, '.') if head.chars().all(|c| c.is_ascii_digit()) => Some("1."),
        (false, '、') if head.chars().all(|c| c.is_ascii_digit()) => Some("1、"),
        _ => None,
    }
}

/// Before a paragraph is read: a paragraph numbered at the list's own level or above, or not
/// numbered, ends an open numbered list.
fn numbered_before(raw: &str, ctx: &mut Context, patterns: &PatternSet, ex: &mut Extraction) {
    let Some(list) = ctx.numbered.as_ref() else {
        return;
    };
    let style = numbering(raw);
    let heading = style.is_some_and(|s| {
        Some(s) == list.opener
            || s == "一、"
            || (list.style.is_none() && s == "(一)" && list.opener.is_none())
    });
    let next_item = style.is_some()
        && style == list.style
        && item_number(raw) == Some(list.parts.len() as u32 + 1);
    let ends = match style {
        None => list.parts.is_empty() || list.suspended >= MAX_SUSPENDED,
        Some(_) => heading || (list.suspended > 0 && !next_item),
    };
    if !ends && style.is_none() {
        if let Some(l) = ctx.numbered.as_mut() {
            l.suspended += 1;
        }
        return;
    }
    if ends {
        if let Some(mut list) = ctx.numbered.take() {
            // Only a heading at the opener's level or above ends a list for sure: a list of
            // one item ended otherwise may go on in a way not read.
            if !heading {
                list.first_is_one = false;
            }
            close_numbered(list, patterns, &mut ctx.unbound, ex);
        }
    }
}

/// The item number a numbered paragraph starts with (1．, 2、, （3）, （一）, 二、).
fn item_number(raw: &str) -> Option<u32> {
    let t = head_chars(raw, 5);
    let t = t.trim_start_matches('(');
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    const CN: &str = "一二三四五六七八九十";
    let c = t.chars().next()?;
    CN.chars().position(|d| d == c).map(|i| i as u32 + 1)
}

/// After a paragraph is read: a numbered paragraph at the parts' level gives its first amount
/// as a part; a paragraph ending in 包括：/其中： (conn.list_tail) with nothing after opens a
/// numbered list on its last amount.
#[allow(clippy::too_many_arguments)]
fn numbered_after(
    raw: &str,
    text: &Text,
    tail_start: usize,
    first_fact: usize,
    location: &Location,
    ctx: &mut Context,
    patterns: &PatternSet,
    ex: &mut Extraction,
) {
    let amounts: Vec<usize> = (first_fact..ex.facts.len())
        .filter(|&f| ex.facts.get(f).is_some_and(|x| x.kind == FactKind::Amount))
        .collect();
    if let Some(list) = ctx.numbered.as_mut() {
        let style = numbering(raw);
        if list.style.is_none() {
            list.style = style;
        }
        if style.is_some() && style == list.style {
            if let Some(&part) = amounts.first() {
                if list.parts.is_empty() {
                    list.first_is_one = item_number(raw) == Some(1);
                }
                list.suspended = 0;
                list.parts.push(part);
                list.quotes.push(raw.trim().to_string());
            }
        } else if style.is_some() {
            list.others += 1;
        }
    }
    let tail = text.norm_slice(tail_start, text.norm.len()).trim();
    if tail.is_empty() || !matches_role(patterns, "list_tail", tail) {
        return;
    }
    let Some(&total) = amounts.last() else {
        return;
    };
    if let Some(list) = ctx.numbered.take() {
        close_numbered(list, patterns, &mut ctx.unbound, ex);
    }
    ctx.numbered = Some(NumberedList {
        total,
        opener: numbering(raw),
        style: None,
        parts: Vec::new(),
        first_is_one: false,
        others: 0,
        suspended: 0,
        quotes: vec![raw.trim().to_string()],
        location: location.clone(),
    });
}

/// A total whose paragraph ends with 其中：/包括： and whose first part comes in an unnumbered
/// paragraph ("本年支出预算合计A万元，其中：" / "基本支出B万元，占b%；" / "项目支出…"): its parts
/// are taken one paragraph at a time, like a list carried over paragraph breaks.
fn tail_to_carried(raw: &str, ctx: &mut Context) {
    let unnumbered_first = ctx
        .numbered
        .as_ref()
        .is_some_and(|l| l.style.is_none() && l.parts.is_empty());
    if !unnumbered_first || numbering(raw).is_some() || ctx.carried.is_some() {
        return;
    }
    let Some(l) = ctx.numbered.take() else { return };
    ctx.carried = Some(List {
        total: Some(l.total),
        class: Some(Class::Amount),
        carried: true,
        tail: true,
        quotes: l.quotes,
        location: l.location,
        ..Default::default()
    });
}

fn close_numbered(
    list: NumberedList,
    patterns: &PatternSet,
    unbound: &mut Unbound,
    ex: &mut Extraction,
) {
    let n = list.parts.len();
    // "总计A万元。包括：" / "1．X支出B万元…" and no item 2: the list stops after its first part.
    if n == 1 && list.first_is_one && list.others == 0 {
        let quote = list.quotes.join("\n");
        ex.push_statement(Statement {
            detail: Some(super::LIST_CUT.to_string()),
            ..Statement::new(
                StatementKind::Sum,
                vec![list.total, list.parts[0]],
                vec![Role::Total, Role::Part],
                quote,
                list.location,
            )
        });
        return;
    }
    let as_list = List {
        total: Some(list.total),
        class: Some(Class::Amount),
        parts: list.parts,
        shares: vec![None; n],
        quotes: list.quotes,
        location: list.location,
        ..Default::default()
    };
    close_list(as_list, patterns, unbound, ex);
}

/// "本年收入合计、本年支出合计分别为": the labels of the quantities that follow, in order (at
/// least two), with "/占比" when the connector is 分别占. Labels are cut from the published text.
fn respectively(
    text: &Text,
    wide: Span,
    patterns: &PatternSet,
    ctx: &Context,
) -> Option<Vec<String>> {
    let s = text.norm_slice(wide.start, wide.end);
    let (_, caps) = role_captures(patterns, "respectively", s)?;
    let group = caps.name("labels")?;
    let share = caps.name("share").is_some();
    let mut start = wide.start + group.start();
    let end = wide.start + group.end();
    // Only the clause that holds the list: after the last , ; :
    if let Some((cut, c)) = text
        .norm_slice(start, end)
        .char_indices()
        .rfind(|(_, c)| matches!(c, ',' | ';' | ':' | '。'))
    {
        start += cut + c.len_utf8();
    }
    let mut labels = Vec::new();
    let mut piece = start;
    let list = text.norm_slice(start, end);
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for (i, c) in list.char_indices() {
        if matches!(c, '、' | '和' | '与' | '及') {
            bounds.push((piece, start + i));
            piece = start + i + c.len_utf8();
        }
    }
    bounds.push((piece, end));
    for (a, b) in bounds {
        let span = scan::clean_label(
            text,
            Span { start: a, end: b },
            patterns,
            ctx.department.as_deref(),
        );
        let label = text.orig_slice(span.start, span.end).trim().to_string();
        if label.is_empty() {
            return None;
        }
        labels.push(if share {
            format!("{label}/占比")
        } else {
            label
        });
    }
    (labels.len() >= 2).then_some(labels)
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
    // The label as the template spells it, else any fact of the same concept (收入合计).
    find_label(ex, &target).or_else(|| {
        patterns
            .concept_of(&target)
            .and_then(|c| find_concept(ex, &c.id, None))
    })
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
        end: span.start + whole.end(),
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
        close_list(list, patterns, &mut para.unbound, ex);
    }
    para.list = Some(List {
        before: para.plain.len(),
        sentence_scoped: !sent.plain.is_empty(),
        ambiguous: sent.plain.is_empty() && para.last_sentence_plain >= 2,
        location: location.clone(),
        ..Default::default()
    });
}

/// The figure a sentence-opening "X中，" breaks down (conn.breakdown_of): the paragraph's
/// latest plain quantity labelled exactly X.
fn breakdown_of(
    patterns: &PatternSet,
    head: &str,
    para: &Para,
    ex: &Extraction,
) -> Option<(usize, Class)> {
    let (_, caps) = role_captures(patterns, "breakdown_of", head)?;
    let subject = caps.name("subject")?.as_str().trim();
    para.plain
        .iter()
        .rev()
        .find(|(f, c)| {
            matches!(c, Class::Amount | Class::Count(_))
                && ex
                    .facts
                    .get(*f)
                    .is_some_and(|x| number::normalize(&x.label) == subject)
        })
        .cloned()
}

/// Opens a list whose total is known (see [`breakdown_of`]); the list open before it is
/// closed as it stands.
fn open_breakdown(
    para: &mut Para,
    (total, class): (usize, Class),
    sent: &Sent,
    location: &Location,
    patterns: &PatternSet,
    ex: &mut Extraction,
) {
    if let Some(list) = para.list.take() {
        close_list(list, patterns, &mut para.unbound, ex);
    }
    let quote = ex
        .facts
        .get(total)
        .map(|f| f.quote.clone())
        .unwrap_or_default();
    para.list = Some(List {
        before: para.plain.len(),
        total: Some(total),
        class: Some(class),
        sentence_scoped: true,
        quotes: vec![quote, sent.quote.clone()],
        location: location.clone(),
        ..Default::default()
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
    let first_in_sentence = sent.mentions_seen == 0;
    para.mentions_seen += 1;
    sent.mentions_seen += 1;
    let continues = |para: &Para| {
        let plain = classify(cx.patterns, &lead_norm, m, sent.var.is_some()).is_none();
        let same_class = para
            .list
            .as_ref()
            .and_then(|l| l.class.as_ref())
            .is_none_or(|c| *c == class_of(m));
        plain
            && same_class
            && matches!(m.kind, FactKind::Amount | FactKind::Count)
            && !matches_role(cx.patterns, "total_label", &lead_norm)
    };
    if first_in_para
        && para.list.as_ref().is_some_and(|l| {
            l.carried
                && !(continues(para)
                    && list_fits(l, m.number.value, m.number.decimals, &m.unit, ex))
        })
    {
        if let Some(list) = para.list.take() {
            close_list(list, cx.patterns, &mut para.unbound, ex);
        }
    }
    if first_in_sentence && para.list.as_ref().is_some_and(|l| l.awaiting) {
        // The next sentence continues the list only with a figure that fits what its parts
        // still lack: "支出X，其中：财政拨款支出X。财政拨款支出中，一般公共预算X…" breaks a part
        // down, it does not continue the list.
        let fits = para.list.as_ref().is_some_and(|l| {
            list_short(l, ex) && list_fits(l, m.number.value, m.number.decimals, &m.unit, ex)
        });
        if continues(para) && fits {
            if let Some(l) = para.list.as_mut() {
                l.awaiting = false;
            }
        } else if let Some(list) = para.list.take() {
            close_list(list, cx.patterns, &mut para.unbound, ex);
        }
    }
    match classify(cx.patterns, &lead_norm, m, sent.var.is_some()) {
        Some(Kind::Change {
            subject,
            marker,
            sign,
        }) => change(cx, m, &subject, &marker, sign, ctx, para, sent, ex),
        Some(Kind::Share { base }) => share(cx, m, &base, ctx, para, sent, ex),
        Some(Kind::Budget { subject, word }) => {
            flush_variance(sent, cx.location, ex);
            // Without a named subject, a variance is about the figure the text just compared
            // with last year: the open change of this sentence ("…增长3.24%，与年初预算相比…")
            // or else the paragraph's latest one ("…增长3.24%。与年初预算相比…").
            let subject = clean_subject(cx, &subject, ctx).or_else(|| {
                sent.yoy
                    .as_ref()
                    .and_then(|y| y.current)
                    .or(para.yoy_current)
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
        Some(Kind::ExecutionRate) => {
            let var = sent.var.take();
            let subject = var.as_ref().and_then(|v| v.subject.clone());
            let f = push(
                cx,
                m,
                qualified(&subject, "预算完成率"),
                None,
                sent,
                ctx,
                ex,
            );
            match var {
                Some(Variance {
                    budget,
                    actual: Some(actual),
                    ..
                }) => push_execution(ex, budget, actual, f, &sent.quote, cx.location),
                other => sent.var = other,
            }
        }
        None => plain(cx, m, ctx, para, sent, ex),
    }
}

#[cfg(test)]
mod tests;
