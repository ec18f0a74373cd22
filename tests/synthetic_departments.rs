//! Whole synthetic departments (tests/support/department.rs): the nine 决算 and the nine 预算
//! tables of a department, drawn from a seed, as text, DOCX, PDF and XLSX. Every table is
//! recognised with its kind in every format; the unmodified departments give no error; the
//! four renditions give the same cell facts and the same relation results; and one changed
//! cell at a time is found, per relation family (column sum, row sum, balance, cross-table,
//! "三公") and per format, over all tables, over the three-panel 收支预算总表 alone and over
//! the function tables printed by name only. The PDFs of the even seeds rule their tables
//! with thin filled rectangles (`re f`), those of the odd seeds with stroked lines.

#[path = "support/department.rs"]
mod department;
#[path = "support/render.rs"]
mod render;
#[path = "support/render_pdf.rs"]
mod render_pdf;

use crossfoot::check::Severity;
use crossfoot::patterns::PatternSet;
use crossfoot::{Config, DocResult};
use department::{Disclosure, SynTable};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Seeds of the departments every test runs over.
const SEEDS: [u64; 6] = [1, 2, 3, 4, 5, 6];

/// Formats, by the file name they are processed under.
const FORMATS: [&str; 4] = ["txt", "docx", "pdf", "xlsx"];

fn patterns() -> &'static PatternSet {
    static SET: OnceLock<PatternSet> = OnceLock::new();
    SET.get_or_init(|| PatternSet::builtin().expect("patterns"))
}

/// The disclosure's bytes in `format`.
fn render(d: &Disclosure, format: &str) -> Vec<u8> {
    match format {
        "txt" => department::to_text(d).into_bytes(),
        "docx" => render::render_docx(&department::to_document(d)),
        "pdf" => render_pdf::render_pdf_with(&department::to_document(d), pdf_rules(d)),
        _ => department::to_xlsx(d),
    }
}

/// How the PDF of a disclosure rules its tables: with thin filled rectangles (`re f`, as
/// Word and WPS export) for the even seeds, with stroked lines for the odd.
fn pdf_rules(d: &Disclosure) -> render_pdf::Rules {
    let seed: u64 = d
        .name
        .rsplit('-')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("disclosure named kind-seed");
    if seed.is_multiple_of(2) {
        render_pdf::Rules::Filled
    } else {
        render_pdf::Rules::Stroked
    }
}

fn run(d: &Disclosure, format: &str) -> DocResult {
    let bytes = render(d, format);
    let r = crossfoot::process(
        &format!("{}.{format}", d.name),
        &bytes,
        patterns(),
        &Config::default(),
        true,
    );
    assert!(r.error.is_none(), "{} {format}: {:?}", d.name, r.error);
    r
}

/// The recognised tables as (kind, unit, empty), in document order.
fn tables(r: &DocResult) -> Vec<(String, String, bool)> {
    let ex = r.extraction.as_ref().expect("extraction");
    ex.std_tables
        .iter()
        .map(|t| (t.kind.clone(), t.unit.clone(), t.empty))
        .collect()
}

/// True when the table prints no figure.
fn printed_empty(t: &SynTable) -> bool {
    !t.rows
        .iter()
        .flatten()
        .any(|c| c.contains(|x: char| x.is_ascii_digit()))
}

// (a) Every one of the 18 tables is recognised with its kind, unit and emptiness, once, in
// every format (the 支出决算表 continued over a page is one table), and every figure it
// prints is read as a cell fact of it (none lost at the page break, none from a code).
#[test]
fn every_table_is_recognised_in_every_format() {
    let mut styles = std::collections::BTreeSet::new();
    for seed in SEEDS {
        let dep = department::department(seed);
        for d in &dep.disclosures {
            let expected: Vec<(String, String, bool)> = d
                .tables
                .iter()
                .map(|t| (t.kind.to_string(), t.unit.to_string(), printed_empty(t)))
                .collect();
            assert_eq!(expected.len(), 9);
            let mut figures: BTreeMap<&str, usize> = BTreeMap::new();
            for (ti, _, _) in targets(d, 1) {
                *figures.entry(d.tables[ti].kind).or_default() += 1;
            }
            for format in FORMATS {
                let r = run(d, format);
                assert_eq!(tables(&r), expected, "{} {format}", d.name);
                let mut read: BTreeMap<&str, usize> = BTreeMap::new();
                for f in cell_facts(&r) {
                    let kind = d.tables.iter().find(|t| t.kind == f.0).expect("kind").kind;
                    *read.entry(kind).or_default() += 1;
                }
                assert_eq!(read, figures, "{} {format}", d.name);
            }
            styles.extend(department::features(d));
        }
    }
    // The seeds cover every layout the generator knows.
    let all = [
        "whole",
        "split",
        "in name",
        "names",
        "function names",
        "function names indented with plain spaces",
        "function names not indented",
        "行次 columns",
        "栏次 row",
        "zero printed",
        "合计 over the code columns",
        "continued over a page",
        "empty with 空表说明",
        "merged header",
        "元 table",
        "编制部门 on the unit line",
        "元 tables beside 万元 text",
        "names indented",
        "department in the title",
        "three panels",
    ];
    assert_eq!(styles, all.into_iter().collect(), "{styles:?}");
}

/// The standard-table facts as (table, row, column, printed value, unit).
fn cell_facts(r: &DocResult) -> Vec<(String, String, String, String, String)> {
    let ex = r.extraction.as_ref().expect("extraction");
    let mut v: Vec<_> = ex
        .facts
        .iter()
        .filter_map(|f| {
            let c = f.cell.as_ref()?;
            Some((
                c.table.clone(),
                c.row.clone(),
                c.column.clone(),
                f.stated.clone(),
                f.unit.clone(),
            ))
        })
        .collect();
    v.sort();
    v
}

/// The relation results: every keyed statement with whether it was checkable, and every
/// finding of a table rule as (key, rule, severity).
#[allow(clippy::type_complexity)]
fn relation_results(r: &DocResult) -> (Vec<(String, bool)>, Vec<(String, String, String)>) {
    let ex = r.extraction.as_ref().expect("extraction");
    let mut st: Vec<(String, bool)> = ex
        .statements
        .iter()
        .filter_map(|s| Some((s.key.clone()?, s.unsure.is_none())))
        .collect();
    st.sort();
    let rep = r.report.as_ref().expect("report");
    let mut f: Vec<(String, String, String)> = rep
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("table."))
        .map(|f| {
            (
                f.key.clone().unwrap_or_default(),
                f.rule.clone(),
                format!("{:?}", f.severity),
            )
        })
        .collect();
    f.sort();
    (st, f)
}

/// The error-severity findings, as "rule message quote".
fn errors(r: &DocResult) -> Vec<String> {
    let rep = r.report.as_ref().expect("report");
    rep.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {} {}", f.rule, f.message, f.quote))
        .collect()
}

// (b) Controls: the unmodified departments give no error in any format, and their tables'
// relations are checked (hundreds per department), nearly all of them checkable.
#[test]
fn unmodified_departments_have_no_error() {
    for seed in SEEDS {
        let dep = department::department(seed);
        for d in &dep.disclosures {
            for format in FORMATS {
                let r = run(d, format);
                assert!(
                    errors(&r).is_empty(),
                    "{} {format}: {:?}",
                    d.name,
                    errors(&r)
                );
                // Every family of relations is checked and holds.
                let cov = &r.report.as_ref().expect("report").coverage.by_kind;
                let mut line = format!("{} {format}:", d.name);
                for (fam, least) in [
                    ("column_sum", 60),
                    ("row_sum", 30),
                    ("balance", 2),
                    ("cross", 8),
                ] {
                    let k = &cov[fam];
                    assert!(k.checked >= least, "{} {format} {fam}: {k:?}", d.name);
                    assert_eq!(k.checked, k.passed, "{} {format} {fam}", d.name);
                    line.push_str(&format!(" {fam} {}/{}", k.passed, k.checked));
                }
                if format == "txt" {
                    eprintln!("{line}");
                }
                assert!(
                    errors(&r).is_empty(),
                    "{} {format}: {:?}",
                    d.name,
                    errors(&r)
                );
                let (st, _) = relation_results(&r);
                let checkable = st.iter().filter(|s| s.1).count();
                assert!(checkable >= 60, "{} {format}: {checkable}", d.name);
                assert!(
                    checkable * 10 >= st.len() * 9,
                    "{} {format}: {checkable} of {} checkable: {:?}",
                    d.name,
                    st.len(),
                    st.iter().filter(|s| !s.1).collect::<Vec<_>>()
                );
            }
        }
    }
}

// (c) Renditions: DOCX, PDF and XLSX give the same cell facts and the same relation
// results as the text, for the departments as generated and with one figure of each 总表
// changed (the same errors, with the same relation keys, in every format).
#[test]
fn renditions_agree() {
    for seed in SEEDS {
        let dep = department::department(seed);
        for d in &dep.disclosures {
            let mut changed = d.clone();
            let (ti, ri, ci) = targets(d, usize::MAX)
                .into_iter()
                .find(|&(ti, _, _)| d.tables[ti].kind.ends_with("summary"))
                .expect("a figure of a 总表");
            let t = &mut changed.tables[ti];
            t.rows[ri][ci] = moved(&t.rows[ri][ci], t.unit, 0);
            for (d, errors) in [(d, false), (&changed, true)] {
                let t = run(d, "txt");
                let facts = cell_facts(&t);
                let rel = relation_results(&t);
                assert!(facts.len() >= 100, "{}: {}", d.name, facts.len());
                let has_error = rel.1.iter().any(|f| f.2 == "Error");
                assert_eq!(has_error, errors, "{}: {:?}", d.name, rel.1);
                for format in ["docx", "pdf", "xlsx"] {
                    let r = run(d, format);
                    assert_eq!(cell_facts(&r), facts, "{} {format}", d.name);
                    assert_eq!(relation_results(&r), rel, "{} {format}", d.name);
                }
            }
        }
    }
}

/// The rule families a fact takes part in (checkable statements only), as rule ids.
fn families_of(r: &DocResult, fact: usize) -> Vec<&'static str> {
    let ex = r.extraction.as_ref().expect("extraction");
    let mut out = Vec::new();
    for s in &ex.statements {
        if s.unsure.is_some() || !s.facts.contains(&fact) {
            continue;
        }
        let head = s.detail.as_deref().unwrap_or("").split('|').next();
        let rule = match (s.kind, head) {
            (crossfoot::extract::StatementKind::TableSum, Some("row")) => "table.row_sum",
            (crossfoot::extract::StatementKind::TableSum, Some("cross")) => "table.cross",
            (crossfoot::extract::StatementKind::TableSum, _) => "table.column_sum",
            (crossfoot::extract::StatementKind::TableEqual, Some("balance")) => "table.balance",
            (crossfoot::extract::StatementKind::TableEqual, _) => "table.cross",
            _ => continue,
        };
        if !out.contains(&rule) {
            out.push(rule);
        }
    }
    out
}

/// A printed figure moved by far more than rounding explains, in the cell's own print:
/// by 1.00 to 9.99 万元 in a 万元 table, by 10,000 to 99,999 元 in a 元 table (varied with `k`
/// so that the new figure is rarely printed elsewhere).
fn moved(printed: &str, unit: &str, k: usize) -> String {
    let digits: String = printed.chars().filter(|c| c.is_ascii_digit()).collect();
    let v: i64 = digits.parse().unwrap_or(0);
    let k = k as i64;
    if unit == "元" {
        department::yuan(v + 10_000 + (7_919 * k) % 90_000)
    } else {
        department::wan(v + 100 + (7_919 * k) % 900)
    }
}

/// The cells to change: every printed figure of the rows named as totals, of the 总表 and of
/// the "三公" tables, and every `stride`-th other figure, as (table, row, column).
fn targets(d: &Disclosure, stride: usize) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0usize;
    for (ti, t) in d.tables.iter().enumerate() {
        let all = t.kind.ends_with("summary") || t.kind.ends_with("three_public");
        let heads = department::column_heads(t);
        for (ri, row) in t.rows.iter().enumerate() {
            let total = row.iter().any(|c| c.contains("合计") || c.contains("总计"));
            for (ci, c) in row.iter().enumerate() {
                let figure = !c.is_empty()
                    && c.chars()
                        .all(|x| x.is_ascii_digit() || x == ',' || x == '.')
                    && c.contains(|x: char| x.is_ascii_digit());
                // Codes and line numbers look like figures in the text; only value
                // columns count.
                let label = heads.get(ci).is_some_and(|x| {
                    ["项目", "科目编码", "科目名称", "类", "款", "项", "行次"].contains(&x.as_str())
                });
                if !figure || label {
                    continue;
                }
                k += 1;
                if all || total || k.is_multiple_of(stride) {
                    out.push((ti, ri, ci));
                }
            }
        }
    }
    out
}

/// Detection counts per (family, format): (changed cells taking part in it, found).
type Tally = BTreeMap<(String, String), (usize, usize)>;

/// Prints the detection per family and format, the changed cells in no relation and the
/// first misses.
fn report_detection(
    tally: &Tally,
    unrelated: &BTreeMap<String, usize>,
    missed: &[String],
    relation: &str,
) {
    for ((fam, format), (n, found)) in tally {
        eprintln!(
            "  {fam:<18} {format:<5} {found:>4} / {n:<4} {:.1}%",
            100.0 * *found as f64 / *n as f64
        );
    }
    eprintln!("  changed cells in no {relation} (not counted): {unrelated:?}");
    for m in missed.iter().take(40) {
        eprintln!("  missed: {m}");
    }
}

/// Each family exercised in every format (at least 4 changed cells) and found at least 95%
/// of the time.
fn assert_detected(tally: &Tally, families: &[&str]) {
    for fam in families {
        for format in FORMATS {
            let (n, found) = tally
                .get(&(fam.to_string(), format.to_string()))
                .copied()
                .unwrap_or((0, 0));
            assert!(n >= 4, "{fam} {format}: only {n} changed cells");
            assert!(
                found * 100 >= n * 95,
                "{fam} {format}: {found} of {n} found"
            );
        }
    }
}

/// Changes each target cell of the tables `only` accepts, one at a time, and tallies the
/// detection per family and format.
fn inject_all(
    seed: u64,
    stride: usize,
    only: &dyn Fn(&SynTable) -> bool,
    tally: &mut Tally,
    unrelated: &mut BTreeMap<String, usize>,
    missed: &mut Vec<String>,
) -> usize {
    let mut changed_cells = 0;
    let dep = department::department(seed);
    for d in &dep.disclosures {
        let cells = targets(d, stride)
            .into_iter()
            .filter(|&(ti, _, _)| only(&d.tables[ti]));
        for (n, (ti, ri, ci)) in cells.enumerate() {
            let mut changed = d.clone();
            let t = &mut changed.tables[ti];
            let new = moved(&t.rows[ri][ci], t.unit, n);
            t.rows[ri][ci] = new.clone();
            let kind = t.kind;
            changed_cells += 1;
            for format in FORMATS {
                let r = run(&changed, format);
                let ex = r.extraction.as_ref().expect("extraction");
                // The changed cell's fact (the new figure may by chance be printed again in
                // the same table: then any of them).
                let facts: Vec<usize> = (0..ex.facts.len())
                    .filter(|&i| {
                        let f = &ex.facts[i];
                        f.stated == new && f.cell.as_ref().is_some_and(|c| c.table == kind)
                    })
                    .collect();
                if facts.is_empty() {
                    missed.push(format!("{} {format}: {kind} {new} not read", d.name));
                    continue;
                }
                let ids: Vec<&String> = facts.iter().map(|&f| &ex.facts[f].id).collect();
                let mut families: Vec<&str> = Vec::new();
                for &f in &facts {
                    for fam in families_of(&r, f) {
                        if !families.contains(&fam) {
                            families.push(fam);
                        }
                    }
                }
                // The "三公" tables' cells are their own family (their row sums); a cell in
                // no relation (机关运行经费) cannot be found and is counted apart.
                if families.is_empty() {
                    *unrelated.entry(format.to_string()).or_default() += 1;
                    continue;
                }
                if kind.ends_with("three_public") {
                    families = vec!["三公"];
                }
                let rep = r.report.as_ref().expect("report");
                for fam in families {
                    let found = rep.findings.iter().any(|f| {
                        f.severity == Severity::Error
                            && f.facts.iter().any(|x| ids.contains(&x))
                            && (f.rule == fam || (fam == "三公" && f.rule.starts_with("table.")))
                    });
                    let e = tally
                        .entry((fam.to_string(), format.to_string()))
                        .or_default();
                    e.0 += 1;
                    if found {
                        e.1 += 1;
                    } else {
                        missed.push(format!(
                            "{} {format} {fam}: {kind} row {ri} col {ci}",
                            d.name
                        ));
                    }
                }
            }
        }
    }
    changed_cells
}

// (d) Error injection: one printed figure changed at a time (totals, 总表 lines, "三公" cells
// and a spread of the other cells), in every format. A change is found when an error of the
// family's rule names the changed cell; detection must be at least 95% per family and
// format, and every family must be exercised.
#[test]
fn injected_errors_are_found_per_family_and_format() {
    let mut tally = Tally::new();
    let mut unrelated = BTreeMap::new();
    let mut missed = Vec::new();
    let mut changed = 0;
    for seed in [1, 2] {
        changed += inject_all(seed, 9, &|_| true, &mut tally, &mut unrelated, &mut missed);
    }
    assert!(changed >= 300, "{changed}");
    eprintln!(
        "{changed} figures changed one at a time, each in {} formats; detection per relation \
         family and format (changes found / changes that break a relation of the family):",
        FORMATS.len()
    );
    report_detection(&tally, &unrelated, &missed, "relation");
    assert_detected(
        &tally,
        &[
            "table.column_sum",
            "table.row_sum",
            "table.balance",
            "table.cross",
            "三公",
        ],
    );
}

/// True for the 收支预算总表 in three panels (收入 │ 功能分类 │ 支出用途).
fn three_panel(t: &SynTable) -> bool {
    t.kind == "budget.summary" && department::column_heads(t).len() == 6
}

// (e) The three-panel 收支预算总表: every figure changed one at a time, in every seed that
// prints it and every format, is found by each family it takes part in (its column sums,
// both expenditure panels against 当年支出小计, 收入总计 │ 支出合计, the 收入/支出预算总表).
#[test]
fn injected_errors_in_the_three_panel_summary_are_found() {
    let mut tally = Tally::new();
    let mut unrelated = BTreeMap::new();
    let mut missed = Vec::new();
    let mut changed = 0;
    let seeds: Vec<u64> = SEEDS
        .into_iter()
        .filter(|&s| department::three_panel(s).is_some())
        .collect();
    assert_eq!(seeds, vec![1, 4, 5, 6]);
    for seed in seeds {
        changed += inject_all(
            seed,
            usize::MAX,
            &three_panel,
            &mut tally,
            &mut unrelated,
            &mut missed,
        );
    }
    assert!(changed >= 80, "{changed}");
    eprintln!("{changed} figures of the three-panel 收支预算总表 changed one at a time:");
    report_detection(&tally, &unrelated, &missed, "relation");
    assert!(unrelated.is_empty(), "{unrelated:?}");
    assert_detected(
        &tally,
        &["table.column_sum", "table.balance", "table.cross"],
    );
}

/// True for a function table printed by name only (no 类/款/项 code).
fn names_only(t: &SynTable) -> bool {
    department::code_style(t) == "function names" && !printed_empty(t)
}

// (f) Function tables printed by name only (一般公共预算财政拨款支出决算表 and
// 一般公共预算支出功能分类预算表 of every third seed; indented with full-width spaces, plain
// spaces or not at all): every figure changed one at a time, in every format. Where the
// names are indented (the 决算), every reader keeps the indentation (leading spaces in text,
// DOCX and XLSX; the first visible glyph's offset in a PDF), so 类, 款 and 项 are told apart
// and every parent is checked against the rows one level under it. Where they are not (the
// 预算), a 类 is known by its name, so 合计 = Σ类 is checked, and a 类 against the rows under
// it is not checkable (never an error on a guessed hierarchy). Each family a changed cell
// takes part in (column sums, row sums, the 类 against the 财政拨款收支总表) finds it.
#[test]
fn injected_errors_in_function_tables_by_name_only_are_found() {
    let mut tally = Tally::new();
    let mut unrelated = BTreeMap::new();
    let mut missed = Vec::new();
    let mut changed = 0;
    let seeds: Vec<u64> = SEEDS
        .into_iter()
        .filter(|&s| department::names_only(s).is_some())
        .collect();
    assert_eq!(seeds, vec![3, 6]);
    for seed in seeds {
        // Every table drawn by name only is recognised as such in the text.
        let dep = department::department(seed);
        for d in &dep.disclosures {
            let t = d
                .tables
                .iter()
                .find(|t| names_only(t))
                .expect("a names-only table");
            let indented = t.rows.iter().any(|r| r[0].starts_with([' ', '\u{3000}']));
            for format in ["txt", "docx", "pdf", "xlsx"] {
                let r = run(d, format);
                let ex = r.extraction.as_ref().expect("extraction");
                let st = ex
                    .std_tables
                    .iter()
                    .find(|x| x.kind == t.kind)
                    .expect("read");
                assert!(st.rows.iter().all(|r| r.code.is_none()), "{}", d.name);
                let note = if indented {
                    "told apart by the names' indentation"
                } else {
                    "款 and 项 not told apart"
                };
                assert!(
                    st.notes.iter().any(|n| n.contains(note)),
                    "{} {format}: {:?}",
                    d.name,
                    st.notes
                );
                if indented {
                    assert!(st.rows.iter().any(|r| r.level == 3), "{} {format}", d.name);
                }
            }
        }
        changed += inject_all(
            seed,
            1,
            &names_only,
            &mut tally,
            &mut unrelated,
            &mut missed,
        );
    }
    assert!(changed >= 80, "{changed}");
    eprintln!("{changed} figures of function tables printed by name only changed one at a time:");
    report_detection(&tally, &unrelated, &missed, "checkable relation");
    assert!(unrelated.is_empty(), "{unrelated:?}");
    assert_detected(
        &tally,
        &["table.column_sum", "table.row_sum", "table.cross"],
    );
}

// The PDFs of the even seeds rule their tables with thin filled rectangles only (`re f`, no
// stroked path), those of the odd seeds with stroked lines only: the suite above runs over
// both.
#[test]
fn pdf_rulings_are_filled_or_stroked_by_seed() {
    for seed in [1, 2] {
        let d = &department::department(seed).disclosures[0];
        let pdf = lopdf::Document::load_mem(&render(d, "pdf")).expect("pdf");
        let mut ops = String::new();
        for id in pdf.get_pages().values() {
            let content = pdf.get_page_content(*id);
            ops.push_str(&String::from_utf8_lossy(&content));
        }
        let filled = ops.lines().filter(|l| l.ends_with(" re f")).count();
        let stroked = ops.lines().filter(|l| l.ends_with(" l S")).count();
        if seed % 2 == 0 {
            assert!(filled > 100 && stroked == 0, "{seed}: {filled} {stroked}");
        } else {
            assert!(stroked > 100 && filled == 0, "{seed}: {filled} {stroked}");
        }
    }
}

// Writes the renditions of the test departments into $SYNTH_OUT (default
// target/synthetic-departments) to look at them: `cargo test --release --test
// synthetic_departments -- --ignored`. Asserts that every file was written.
#[test]
#[ignore]
fn write_renditions() {
    let dir = std::env::var("SYNTH_OUT").unwrap_or_else(|_| "target/synthetic-departments".into());
    std::fs::create_dir_all(&dir).expect("output directory");
    for seed in SEEDS {
        for d in &department::department(seed).disclosures {
            for format in FORMATS {
                let path = format!("{dir}/{}.{format}", d.name);
                std::fs::write(&path, render(d, format)).expect("write");
                assert!(std::fs::metadata(&path).expect("written").len() > 0);
            }
        }
    }
}
