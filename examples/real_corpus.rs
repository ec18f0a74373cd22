//! Compares crossfoot with the hand labels of the real-disclosure corpus
//! (tests/real/labels/*.toml, format in tests/real/README.md).
//!
//! For each label file it finds the disclosure by name in the corpus folder, checks its
//! SHA-256, runs ingest → extract → check and compares:
//! - tables: every labelled table kind recognised (a multiset of kinds);
//! - relations: the share of labelled relations crossfoot evaluated (a keyed statement
//!   that was checked, not reported "not checkable");
//! - failures: every labelled failure reported at its severity (matched by key);
//! - false alarms: error-severity findings whose key is not a labelled failure, or that
//!   carry no key at all (unconfirmed: a reviewer would have to look).
//!
//! Usage: `real_corpus [--strict] [CORPUS_DIR] [LABELS_DIR]` (defaults
//! `../shared/real-corpus`, `tests/real/labels`). Prints one line per document and a total.
//! Exits 1 unless the goals hold over the whole corpus: every document read, every labelled
//! table recognised, at least 90% of the labelled relations evaluated, every labelled failure
//! found at its severity, and no unconfirmed error-severity finding (a possible false alarm);
//! also when a label file is malformed. `--strict` asks the 90% of each document as well.
//! Exits 0 with a notice when the corpus folder is absent.

use crossfoot::check::Severity;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, serde::Deserialize)]
struct Label {
    sha256: String,
    file: String,
    #[serde(default)]
    table: Vec<LabelTable>,
    #[serde(default)]
    relations: Vec<String>,
    #[serde(default)]
    failure: Vec<LabelFailure>,
    #[serde(default)]
    department: String,
    #[serde(default)]
    year: Option<i32>,
    /// 部门 or 单位.
    #[serde(default)]
    scope: String,
    /// 决算 or 预算.
    #[serde(default)]
    kind: String,
}

#[derive(Debug, Default, serde::Deserialize)]
struct LabelTable {
    kind: String,
    #[serde(default)]
    relations: Vec<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct LabelFailure {
    relation: String,
    severity: String,
}

/// A cell reference `{kind}!{row}@{column}` split into its parts.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    kind: String,
    row: String,
    col: String,
}

fn cell(s: &str) -> Option<Cell> {
    let (kind, rest) = s.split_once('!')?;
    let (row, col) = rest.rsplit_once('@')?;
    Some(Cell {
        kind: kind.to_string(),
        row: row.to_string(),
        col: col.to_string(),
    })
}

/// A labelled cell matches a tool cell when kind and row are equal and the label's column
/// path is the tool's, or a final part of it.
fn cell_matches(label: &Cell, tool: &Cell) -> bool {
    label.kind == tool.kind
        && label.row == tool.row
        && (label.col == tool.col || tool.col.ends_with(&format!("/{}", label.col)))
}

/// Whether a labelled relation key names the same relation as a tool key.
fn key_matches(label: &str, tool: &str) -> bool {
    if label == tool {
        return true;
    }
    let lp: Vec<&str> = label.split('|').collect();
    let tp: Vec<&str> = tool.split('|').collect();
    match (lp.as_slice(), tp.as_slice()) {
        (["sum", lc, ld], ["sum", tc, td]) if ld == td => match (cell(lc), cell(tc)) {
            (Some(a), Some(b)) => cell_matches(&a, &b),
            _ => false,
        },
        (["eq", la, lb], ["eq", ta, tb]) => {
            let (Some(la), Some(lb), Some(ta), Some(tb)) = (cell(la), cell(lb), cell(ta), cell(tb))
            else {
                return false;
            };
            (cell_matches(&la, &ta) && cell_matches(&lb, &tb))
                || (cell_matches(&la, &tb) && cell_matches(&lb, &ta))
        }
        // A wording defect: the same kind on the same page, one quote a piece of the other
        // (spaces ignored: "。 。" is "。。").
        (["defect", lk, lpg, lq], ["defect", tk, tpg, tq]) if lk == tk && lpg == tpg => {
            let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let (lq, tq) = (squeeze(lq), squeeze(tq));
            !lq.is_empty() && !tq.is_empty() && (lq.contains(&tq) || tq.contains(&lq))
        }
        _ => false,
    }
}

/// Pairs labelled keys with tool keys one to one (a multiset match); returns, per label
/// index, the matched tool index.
fn pair(labels: &[String], tools: &[String]) -> Vec<Option<usize>> {
    let mut used = vec![false; tools.len()];
    let mut out = vec![None; labels.len()];
    // Exact matches first, so a column-suffix match cannot take an exact one's partner.
    for exact in [true, false] {
        for (li, l) in labels.iter().enumerate() {
            if out[li].is_some() {
                continue;
            }
            let hit = tools
                .iter()
                .enumerate()
                .position(|(ti, t)| !used[ti] && if exact { l == t } else { key_matches(l, t) });
            if let Some(ti) = hit {
                used[ti] = true;
                out[li] = Some(ti);
            }
        }
    }
    out
}

#[derive(Default)]
struct Row {
    tables_labelled: usize,
    tables_found: usize,
    relations_labelled: usize,
    relations_evaluated: usize,
    failures_labelled: usize,
    failures_found: usize,
    errors_unconfirmed: usize,
    warnings_unconfirmed: usize,
    /// Metadata agreeing with the label: department, year, 部门/单位, 决算/预算.
    meta: [usize; 4],
    /// Statements of the text (every coverage kind but the tables' own relations): found,
    /// checked, not checkable.
    narrative: [usize; 3],
}

/// The coverage kinds of relations among table cells; every other kind is a statement of
/// the text (a sum, share, change, count … or a text figure against its cell).
const TABLE_KINDS: [&str; 4] = ["balance", "column_sum", "cross", "row_sum"];

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let strict = args.iter().any(|a| a == "--strict");
    let verbose = args.iter().any(|a| a == "-v");
    args.retain(|a| a != "--strict" && a != "-v");
    let corpus = PathBuf::from(args.first().map_or("../shared/real-corpus", String::as_str));
    let labels = PathBuf::from(args.get(1).map_or("tests/real/labels", String::as_str));
    if !corpus.is_dir() {
        println!(
            "real corpus: {} is absent; skipped (nothing measured)",
            corpus.display()
        );
        return;
    }
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&labels) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            eprintln!("real corpus: cannot read {}: {e}", labels.display());
            std::process::exit(2);
        }
    };
    files.sort();
    let patterns = crossfoot::patterns::PatternSet::builtin().expect("built-in patterns");
    let cfg = crossfoot::Config::default();
    let mut total = Row::default();
    let mut ok = true;
    let mut strict_ok = true;
    let mut unread = 0usize;
    println!(
        "{:<6} {:>7} {:>15} {:>10} {:>10} {:>10}",
        "file", "tables", "relations", "failures", "unconf.err", "unconf.warn"
    );
    for lf in &files {
        let label: Label = match std::fs::read_to_string(lf)
            .map_err(|e| e.to_string())
            .and_then(|s| toml::from_str(&s).map_err(|e| e.to_string()))
        {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{}: {e}", lf.display());
                ok = false;
                continue;
            }
        };
        let row = match compare(&corpus, &label, &patterns, &cfg, verbose) {
            Ok(r) => r,
            Err(e) => {
                println!("{:<6} {e}", stem(&label.file));
                strict_ok = false;
                unread += 1;
                continue;
            }
        };
        println!(
            "{:<6} {:>3}/{:<3} {:>5}/{:<5} {:>3}% {:>4}/{:<5} {:>10} {:>10}",
            stem(&label.file),
            row.tables_found,
            row.tables_labelled,
            row.relations_evaluated,
            row.relations_labelled,
            pct(row.relations_evaluated, row.relations_labelled),
            row.failures_found,
            row.failures_labelled,
            row.errors_unconfirmed,
            row.warnings_unconfirmed
        );
        if row.errors_unconfirmed > 0 {
            ok = false;
        }
        if row.tables_found < row.tables_labelled
            || row.relations_evaluated * 10 < row.relations_labelled * 9
            || row.failures_found < row.failures_labelled
        {
            strict_ok = false;
        }
        total.tables_labelled += row.tables_labelled;
        total.tables_found += row.tables_found;
        total.relations_labelled += row.relations_labelled;
        total.relations_evaluated += row.relations_evaluated;
        total.failures_labelled += row.failures_labelled;
        total.failures_found += row.failures_found;
        total.errors_unconfirmed += row.errors_unconfirmed;
        total.warnings_unconfirmed += row.warnings_unconfirmed;
        for (t, r) in total.meta.iter_mut().zip(row.meta) {
            *t += r;
        }
        for (t, r) in total.narrative.iter_mut().zip(row.narrative) {
            *t += r;
        }
    }
    println!(
        "{:<6} {:>3}/{:<3} {:>5}/{:<5} {:>3}% {:>4}/{:<5} {:>10} {:>10}",
        "total",
        total.tables_found,
        total.tables_labelled,
        total.relations_evaluated,
        total.relations_labelled,
        pct(total.relations_evaluated, total.relations_labelled),
        total.failures_found,
        total.failures_labelled,
        total.errors_unconfirmed,
        total.warnings_unconfirmed
    );
    println!(
        "metadata agreeing with the labels: department {}/{n}, year {}/{n}, 部门/单位 {}/{n}, 决算/预算 {}/{n}",
        total.meta[0],
        total.meta[1],
        total.meta[2],
        total.meta[3],
        n = files.len()
    );
    println!(
        "statements of the text (every document; -v lists them per document by kind, with the reasons): {} found, {} checked, {} not checkable",
        total.narrative[0], total.narrative[1], total.narrative[2]
    );
    let corpus_ok = unread == 0
        && total.tables_found == total.tables_labelled
        && total.relations_evaluated * 10 >= total.relations_labelled * 9
        && total.failures_found == total.failures_labelled;
    let met = |b: bool| if b { "met" } else { "NOT met" };
    println!(
        "goals over the corpus: every document read, every labelled table recognised, >= 90% of labelled relations evaluated, every labelled failure found, no unconfirmed error: {}",
        met(ok && corpus_ok)
    );
    println!("and in every document (--strict): {}", met(ok && strict_ok));
    if !ok || !corpus_ok || (strict && !strict_ok) {
        std::process::exit(1);
    }
}

fn stem(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |x| x.0)
}

fn pct(a: usize, b: usize) -> usize {
    (a * 100).checked_div(b).unwrap_or(100)
}

fn compare(
    corpus: &Path,
    label: &Label,
    patterns: &crossfoot::patterns::PatternSet,
    cfg: &crossfoot::Config,
    verbose: bool,
) -> Result<Row, String> {
    let path = corpus.join(&label.file);
    if verbose {
        println!("# {}", label.file);
    }
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let sha = crossfoot::sha256_hex(&bytes);
    if sha != label.sha256 {
        return Err(format!(
            "{}: sha256 {sha} is not the label's",
            path.display()
        ));
    }
    let r = crossfoot::process(&path.to_string_lossy(), &bytes, patterns, cfg, true);
    if let Some(e) = &r.error {
        return Err(format!("not read: {e}"));
    }
    let (Some(ex), Some(rep)) = (&r.extraction, &r.report) else {
        return Err("no extraction".into());
    };
    let mut row = Row::default();
    let narrative = rep
        .coverage
        .by_kind
        .iter()
        .filter(|(k, _)| !TABLE_KINDS.contains(&k.as_str()));
    for (kind, c) in narrative {
        row.narrative[0] += c.found;
        row.narrative[1] += c.found - c.unchecked.min(c.found);
        row.narrative[2] += c.unchecked;
        if verbose {
            let reasons: Vec<String> = c.reasons.iter().map(|(r, n)| format!("{r}: {n}")).collect();
            println!(
                "  text statements {kind}: {} found, {} checked, {} not checkable{}",
                c.found,
                c.found - c.unchecked.min(c.found),
                c.unchecked,
                if reasons.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", reasons.join("; "))
                }
            );
        }
    }

    // Metadata: what the tool read (nothing read is a disagreement).
    let got = [
        ex.department.clone().unwrap_or_default() == label.department,
        ex.year.is_some() && ex.year == label.year,
        ex.scope.entity.as_deref() == Some(label.scope.as_str()),
        ex.scope.kind.as_deref() == Some(label.kind.as_str()),
    ];
    for (i, ok) in got.iter().enumerate() {
        row.meta[i] = usize::from(*ok);
    }
    if verbose && got.iter().any(|ok| !ok) {
        println!(
            "  metadata: department {:?} year {:?} scope {:?} kind {:?} (label {} {:?} {} {})",
            ex.department,
            ex.year,
            ex.scope.entity,
            ex.scope.kind,
            label.department,
            label.year,
            label.scope,
            label.kind
        );
    }

    // Tables: a multiset of kinds.
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &ex.std_tables {
        *found.entry(t.kind.as_str()).or_default() += 1;
    }
    row.tables_labelled = label.table.len();
    for t in &label.table {
        if let Some(n) = found.get_mut(t.kind.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            row.tables_found += 1;
        } else if verbose {
            println!("  table not recognised: {}", t.kind);
        }
    }

    // Relations: keyed statements minus those reported not checkable.
    let mut not_checkable: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &rep.findings {
        if f.severity == Severity::Info {
            if let Some(k) = &f.key {
                *not_checkable.entry(k.as_str()).or_default() += 1;
            }
        }
    }
    let mut evaluated: Vec<String> = Vec::new();
    for st in &ex.statements {
        let Some(k) = &st.key else { continue };
        if let Some(n) = not_checkable.get_mut(k.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            continue;
        }
        evaluated.push(k.clone());
    }
    let labelled: Vec<String> = label
        .relations
        .iter()
        .chain(label.table.iter().flat_map(|t| t.relations.iter()))
        .cloned()
        .collect();
    row.relations_labelled = labelled.len();
    let paired = pair(&labelled, &evaluated);
    row.relations_evaluated = paired.iter().filter(|p| p.is_some()).count();
    if verbose {
        for (l, p) in labelled.iter().zip(&paired) {
            if p.is_none() {
                println!("  not evaluated: {l}");
            }
        }
    }

    // Failures: findings with a key and a severity of warning or error.
    let findings: Vec<&crossfoot::check::Finding> = rep
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    let fkeys: Vec<String> = findings
        .iter()
        .map(|f| f.key.clone().unwrap_or_default())
        .collect();
    let lkeys: Vec<String> = label.failure.iter().map(|f| f.relation.clone()).collect();
    let fpaired = pair(&lkeys, &fkeys);
    let mut confirmed = vec![false; findings.len()];
    row.failures_labelled = label.failure.len();
    for (lf, p) in label.failure.iter().zip(&fpaired) {
        match p {
            Some(i) if findings[*i].severity.as_str() == lf.severity => {
                row.failures_found += 1;
                confirmed[*i] = true;
            }
            Some(i) => {
                confirmed[*i] = true;
                if verbose {
                    println!(
                        "  failure at another severity: {} ({} labelled, {} reported)",
                        lf.relation,
                        lf.severity,
                        findings[*i].severity.as_str()
                    );
                }
            }
            None if verbose => println!("  failure missed: {} ({})", lf.relation, lf.severity),
            None => {}
        }
    }
    for (f, c) in findings.iter().zip(&confirmed) {
        // A finding repeating a labelled failure's key (some labels list a key once per
        // page however often it occurs) is that failure again, not an unlabelled one.
        let labelled = f
            .key
            .as_deref()
            .is_some_and(|k| lkeys.iter().any(|l| key_matches(l, k)));
        if *c || labelled {
            continue;
        }
        match f.severity {
            Severity::Error => row.errors_unconfirmed += 1,
            _ => row.warnings_unconfirmed += 1,
        }
        if verbose {
            println!(
                "  unconfirmed {} {} p{}: {} [{}]",
                f.severity.as_str(),
                f.rule,
                f.location.page.map_or(String::new(), |p| p.to_string()),
                f.message,
                f.key.as_deref().unwrap_or("no key")
            );
        }
    }
    Ok(row)
}
