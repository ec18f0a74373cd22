//! Error-injection suite: one printed number changed at a time (tests/support/inject.rs),
//! in every rule family whose findings follow from a number (the standard-table rules have
//! their own injections in tests/synthetic_departments.rs; wording defects and the
//! cross-document rule are not about one number), rendered as text, DOCX
//! (tests/support/render.rs), PDF (tests/support/render_pdf.rs; the second synthetic
//! department's rulings drawn as thin filled rectangles, the others' stroked) and XLSX, run
//! through the
//! whole pipeline ([`crossfoot::process`]). Detection is measured per (family, format) and
//! must reach 95 %; the unmodified controls must have no error-severity finding in any
//! format.
//!
//! A mutation is detected when the mutated document has a warning or error finding of the
//! expected family that prints the changed number and that the control does not have. The
//! detection table, the census of each document and every miss are printed
//! (`cargo test --release --test inject -- --nocapture`).
//!
//! Candidates are chosen from the document's facts by what one changed number could break,
//! not only from the facts the extractor bound: the families of extracted statements take
//! their facts (sum, share, yoy, variance, listcount, the 绩效自评表 statements), and the
//! families no statement carries take theirs from the identities, the concepts and the
//! indicator rows (tests/support/inject_families.rs): `identity.` (the facts every identity
//! of patterns/identities.toml the document states reads), `restated.` (every fact of a
//! concept printed twice in one context), `perf.missed_target` (the 业绩值 of every row that
//! meets a numeric or date target with a full score, moved past the target) and
//! `perf.indicator_score` (weight, completion and score of every row scored 按照完成比例赋分
//! at ≤ 100 %). What a family could not take is counted by reason and printed.
//!
//! Measured (release, 2 cores: the suite about 87 s, against 57 s before the
//! four families were added; 236, 80 and 80 mutations in the seed and the two departments):
//! - facts bound to any extracted statement vs all facts: seed 887 of 1,047, d00003 224 of
//!   247, d00011 268 of 293 (1,379 of 1,587); facts some family could break: 1,266, of
//!   which 34 are bound to no statement (the totals, project count and execution rate the
//!   performance section states, read only by identities, and restated figures);
//! - candidates (seed / d00003 / d00011): identity 57 / 36 / 38, restated 10 / 16 / 10,
//!   perf.missed_target 81 / 13 / 18, perf.indicator_score 210 / 36 / 54;
//! - detection, the same in txt, docx, pdf and xlsx: identity 25/25, restated 20/20,
//!   perf.missed_target 25/25, perf.indicator_score 25/25, and 100 % in every other family
//!   (360 of 360 per format over 17 families).
//!
//! Gaps found and fixed on the way: a 成本指标 row in money ("<=6.8万元" against "=7.5万元",
//! full score) got no missed-target statement from the extractor (it pairs dates, percents
//! and counts only), so perf.missed_target missed 3 of 25; src/check/perf_rows.rs now checks
//! such rows from the row, an "=" money target as a ceiling. Not counted as candidates, by
//! the rules' definitions: a figure stated under two concept ids (财政拨款收入 in the income
//! breakdown and 本年财政拨款收入) is not a restatement to `restated.value`; a later
//! occurrence of a concept is not read by an identity (it is a restated candidate).
//!
//! The documents: the seed and two synthetic departments (tests/support/synth.rs, no
//! injected error, with two to five restated figures each). Mutations are sampled
//! (`PER_FAMILY_*` per family and document) to keep the suite within about a minute and a
//! half in release builds.
// Test code: a failure to read the seed or to run the pipeline should fail loudly.
#![allow(clippy::unwrap_used)]

#[path = "support/inject.rs"]
mod inject;
#[path = "support/render.rs"]
mod render;
#[path = "support/render_pdf.rs"]
mod render_pdf;
#[path = "support/synth.rs"]
mod synth;
#[path = "support/workbook.rs"]
mod workbook;

use crossfoot::check::{CheckReport, Severity};
use crossfoot::document::Document;
use crossfoot::patterns::PatternSet;
use std::collections::{BTreeMap, BTreeSet};

/// Mutations per family in the seed.
const PER_FAMILY_SEED: usize = 15;
/// Mutations per family in each synthetic document.
const PER_FAMILY_SYNTH: usize = 5;
/// Minimum detection rate, percent.
const MIN_RATE: usize = 95;

/// A format to render into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fmt {
    Txt,
    Docx,
    Pdf,
    /// A workbook written from the DOCX rendition's document (a sheet per table with its
    /// merged cells, numbers as formatted numbers).
    Xlsx,
}

impl Fmt {
    fn name(self) -> &'static str {
        match self {
            Fmt::Txt => "txt",
            Fmt::Docx => "docx",
            Fmt::Pdf => "pdf",
            Fmt::Xlsx => "xlsx",
        }
    }

    /// The document `name` in this format. The PDF of the second synthetic department
    /// (d00011) rules its tables with thin filled rectangles (`re f`, as Word and WPS export),
    /// the others with stroked lines.
    fn render(self, name: &str, doc: &Document) -> Vec<u8> {
        match self {
            Fmt::Txt => inject::to_text(doc).into_bytes(),
            Fmt::Docx => render::render_docx(doc),
            Fmt::Pdf => {
                let rules = if name.starts_with("d00011") {
                    render_pdf::Rules::Filled
                } else {
                    render_pdf::Rules::Stroked
                };
                render_pdf::render_pdf_with(doc, rules)
            }
            Fmt::Xlsx => {
                let docx = render::render_docx(doc);
                let (_, grid) =
                    crossfoot::ingest::ingest_bytes(&docx, &crossfoot::ingest::Limits::default())
                        .unwrap();
                workbook::workbook_of(&grid, true)
            }
        }
    }
}

/// The control documents: (name, document).
fn controls() -> Vec<(String, Document)> {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.txt"
    ))
    .unwrap();
    let mut out = vec![("seed".to_string(), crossfoot::ingest::text::parse(&seed))];
    let opts = synth::SynthOptions {
        error_per_mille: 0,
        first_year: 2024,
        last_year: 2024,
        ..synth::SynthOptions::default()
    };
    for index in [3, 11] {
        for d in synth::department_docs(index, &opts) {
            out.push((d.stem.clone(), crossfoot::ingest::text::parse(&d.text)));
        }
    }
    out
}

/// Runs the pipeline on rendered bytes.
fn run(name: &str, bytes: &[u8], patterns: &PatternSet) -> CheckReport {
    let r = crossfoot::process(name, bytes, patterns, &crossfoot::Config::default(), true);
    assert!(r.error.is_none(), "{name}: {:?}", r.error);
    r.report.unwrap()
}

/// (rule, values) of a report's warning and error findings.
fn signature(r: &CheckReport) -> BTreeSet<(String, Vec<String>)> {
    r.findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| (f.rule.clone(), f.values.clone()))
        .collect()
}

/// Whether the mutated report flags the mutation (see module doc).
fn detected(
    m: &inject::Mutation,
    control: &BTreeSet<(String, Vec<String>)>,
    r: &CheckReport,
) -> bool {
    r.findings.iter().any(|f| {
        f.severity >= Severity::Warning
            && inject::accepts(m.family, &f.rule)
            && f.values.contains(&m.after_plain)
            && !control.contains(&(f.rule.clone(), f.values.clone()))
    })
}

/// Detection counts per (family, format): (detected, total), plus misses for the report.
type Table = BTreeMap<(&'static str, Fmt), (usize, usize)>;

fn measure(formats: &[Fmt]) -> (Table, Vec<String>) {
    let patterns = PatternSet::builtin().unwrap();
    let mut table = Table::new();
    let mut misses = Vec::new();
    let mut uncheckable = 0;
    let mut facts = 0;
    let (mut bound, mut could, mut could_unbound) = (0, 0, 0);
    for (name, doc) in controls() {
        let per = if name == "seed" {
            PER_FAMILY_SEED
        } else {
            PER_FAMILY_SYNTH
        };
        let (muts, census) = inject::mutations(&doc, &patterns, per);
        facts += census.facts;
        uncheckable += census.uncheckable;
        bound += census.bound;
        could += census.could_break;
        could_unbound += census.could_break_unbound;
        println!(
            "{name}: {} facts, {} bound to a statement, {} in no checkable statement; {} could break a rule ({} of them bound to no statement); skipped {:?}; candidates {:?}; not checkable {:?}; within tolerance {:?}; unlocatable {:?}; {} mutations",
            census.facts,
            census.bound,
            census.uncheckable,
            census.could_break,
            census.could_break_unbound,
            census.skipped,
            census.candidates,
            census.not_checkable,
            census.within_tolerance,
            census.unlocatable,
            muts.len()
        );
        for &fmt in formats {
            let control = run(&name, &fmt.render(&name, &doc), &patterns);
            let sig = signature(&control);
            for m in &muts {
                let r = run(&name, &fmt.render(&name, &m.doc), &patterns);
                let e = table.entry((m.family, fmt)).or_default();
                e.1 += 1;
                if detected(m, &sig, &r) {
                    e.0 += 1;
                } else {
                    misses.push(format!(
                        "{name} {} {}: {} {} → {} (block {} row {:?} col {:?})",
                        fmt.name(),
                        m.family,
                        m.label,
                        m.before,
                        m.after,
                        m.block,
                        m.row,
                        m.col
                    ));
                }
            }
        }
    }
    println!(
        "total facts {facts}: bound to a statement {bound}, in no checkable statement {uncheckable}; could break a rule {could} ({could_unbound} bound to no statement)"
    );
    (table, misses)
}

/// Families that must be measured in every format: a family whose candidates vanish (a
/// changed extractor, a changed generator) fails the suite instead of leaving it.
const REQUIRED: [&str; 17] = [
    "sum.",
    "share.",
    "yoy.",
    "variance.",
    "listcount.",
    "identity.",
    "restated.",
    "perf.execution_rate",
    "perf.funds_score",
    "perf.weight_sum",
    "perf.score_sum",
    "perf.score_cap",
    "perf.completion",
    "perf.missed_target",
    "perf.indicator_score",
    "perf.cost_sum",
    "perf.narrative_count",
];

/// Prints the table and returns the (family, format) pairs below the minimum or missing.
fn report(table: &Table, misses: &[String], formats: &[Fmt]) -> Vec<String> {
    println!(
        "{:<24} {:>6} {:>10} {:>7}",
        "family", "format", "detected", "rate"
    );
    let mut low = Vec::new();
    for ((fam, fmt), (d, n)) in table {
        let rate = d * 100 / (*n).max(1);
        println!("{fam:<24} {:>6} {:>6}/{:<3} {:>6}%", fmt.name(), d, n, rate);
        if d * 100 < MIN_RATE * n {
            low.push(format!("{fam} {}: {d}/{n}", fmt.name()));
        }
    }
    for m in misses {
        println!("missed: {m}");
    }
    for fam in REQUIRED {
        for fmt in formats {
            if !table.contains_key(&(fam, *fmt)) {
                low.push(format!("{fam} {}: not measured", fmt.name()));
            }
        }
    }
    low
}

// Every family reaches 95 % detection in text and DOCX, and every required family is measured.
#[test]
fn detection_txt_docx() {
    let formats = [Fmt::Txt, Fmt::Docx];
    let (table, misses) = measure(&formats);
    let low = report(&table, &misses, &formats);
    assert!(low.is_empty(), "below {MIN_RATE}%: {low:?}");
}

// Every family reaches 95 % detection in PDF (rendered in code, tests/support/render_pdf.rs).
#[test]
fn detection_pdf() {
    let (table, misses) = measure(&[Fmt::Pdf]);
    let low = report(&table, &misses, &[Fmt::Pdf]);
    assert!(low.is_empty(), "below {MIN_RATE}%: {low:?}");
}

// Every family reaches 95 % detection in XLSX.
#[test]
fn detection_xlsx() {
    let (table, misses) = measure(&[Fmt::Xlsx]);
    let low = report(&table, &misses, &[Fmt::Xlsx]);
    assert!(low.is_empty(), "below {MIN_RATE}%: {low:?}");
}

// The unmodified controls have no error-severity finding in any format, and the same
// warnings in every format as in text.
#[test]
fn controls_have_no_errors() {
    let patterns = PatternSet::builtin().unwrap();
    for (name, doc) in controls() {
        let base = signature(&run(&name, &Fmt::Txt.render(&name, &doc), &patterns));
        for fmt in [Fmt::Txt, Fmt::Docx, Fmt::Pdf, Fmt::Xlsx] {
            let r = run(&name, &fmt.render(&name, &doc), &patterns);
            let errors: Vec<_> = r
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| format!("{} {:?} {}", f.rule, f.values, f.quote))
                .collect();
            assert_eq!(errors, Vec::<String>::new(), "{name} {}", fmt.name());
            assert_eq!(
                signature(&r),
                base,
                "{name} {}: warnings differ from text",
                fmt.name()
            );
        }
    }
}

// The text serializer round-trips the seed: same facts and statements after re-parsing.
#[test]
fn text_serializer_round_trips() {
    let patterns = PatternSet::builtin().unwrap();
    for (name, doc) in controls() {
        let again = crossfoot::ingest::text::parse(&inject::to_text(&doc));
        let a = crossfoot::extract::extract(&doc, &patterns);
        let b = crossfoot::extract::extract(&again, &patterns);
        assert_eq!(a.facts.len(), b.facts.len(), "{name}");
        assert!(
            a.facts
                .iter()
                .zip(&b.facts)
                .all(|(x, y)| x.label == y.label && x.value == y.value),
            "{name}"
        );
        assert_eq!(a.statements.len(), b.statements.len(), "{name}");
    }
}

// The printed form survives a mutation: separators, decimals, whole-number matching.
#[test]
fn replace_number_keeps_neighbours() {
    assert_eq!(
        inject::replace_number("收入1,298.54万元，其中1,298.5万元", "1,298.5", 0, "1,308.5")
            .as_deref(),
        Some("收入1,298.54万元，其中1,308.5万元")
    );
    assert_eq!(
        inject::replace_number("12，3", "12", 0, "14").as_deref(),
        Some("14，3")
    );
    assert_eq!(inject::replace_number("112", "12", 0, "14"), None);
}
