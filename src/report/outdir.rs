//! `--out DIR`: the corpus output directory, written incrementally and crash-safely.
//!
//! Files:
//! - `documents.jsonl`: one JSON record per document (the per-document contract), then one
//!   `"type":"corpus_finding"` record per cross-document finding;
//! - `facts.csv`, `findings.csv`: datasets (see [`crate::report::csv`]);
//! - `summary.json`: counts by format, error code, rule and severity, departments ranked,
//!   cross-document findings and their coverage;
//! - `report.html`: the same for people (see [`crate::report::html`]).
//!
//! During the run each document is appended and flushed as one write per file, CSV rows
//! first and its JSON line last, so a killed run leaves complete lines and every document in
//! documents.jsonl has its rows in the CSVs. `--resume` keeps the complete document lines
//! of documents.jsonl (a partial last line and old corpus findings are dropped), skips those
//! documents, and appends the rest.
//!
//! At the end ([`OutDir::finalize`]) every file is rebuilt from documents.jsonl — records in
//! input order, then corpus findings — into `*.tmp` files renamed over the old ones. Because
//! everything is derived from the records on disk, an interrupted-then-resumed run ends with
//! the same bytes as an uninterrupted one, and the union of sharded runs' documents.jsonl,
//! put in one directory and finalized with `--resume`, equals the unsharded run.
//! Memory: an index of (path, sha256, offset) per document and per-department counters.

use crate::corpus::crossdoc::{CorpusFinding, CrossDoc, CrossStats};
use crate::corpus::record as rec;
use crate::corpus::{CorpusError, CorpusOptions, Emitted, Skipped};
use crate::report::{csv, html};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// documents.jsonl
pub const DOCUMENTS: &str = "documents.jsonl";
/// facts.csv
pub const FACTS: &str = "facts.csv";
/// findings.csv
pub const FINDINGS: &str = "findings.csv";
/// summary.json
pub const SUMMARY: &str = "summary.json";
/// report.html
pub const REPORT: &str = "report.html";

fn werr(path: &Path) -> impl FnOnce(std::io::Error) -> CorpusError + '_ {
    move |source| CorpusError::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn rerr(path: &Path) -> impl FnOnce(std::io::Error) -> CorpusError + '_ {
    move |e| CorpusError::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// An open output directory.
pub struct OutDir {
    dir: PathBuf,
    documents: File,
    facts: File,
    findings: File,
    done: BTreeSet<(String, String)>,
}

/// One complete document line of a jsonl file.
#[derive(Debug, Clone)]
struct Entry {
    path: String,
    sha256: String,
    offset: u64,
    len: usize,
}

/// Scans a jsonl file: complete document lines (with offsets), and the byte length of the
/// prefix made of complete lines.
fn scan(path: &Path) -> Result<Vec<Entry>, CorpusError> {
    let mut entries = Vec::new();
    let f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(entries),
        Err(e) => return Err(rerr(path)(e)),
    };
    let mut r = BufReader::new(f);
    let mut offset = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = r.read_until(b'\n', &mut line).map_err(rerr(path))?;
        if n == 0 {
            break;
        }
        let complete = line.last() == Some(&b'\n');
        if complete {
            if let Ok(v) = serde_json::from_slice::<Value>(&line) {
                // The extract contract has no type tag: untagged lines are documents.
                if matches!(rec::kind(&v), "document" | "") {
                    entries.push(Entry {
                        path: rec::path(&v).to_string(),
                        sha256: rec::sha256(&v).to_string(),
                        offset,
                        len: n,
                    });
                }
            }
        }
        offset += n as u64;
    }
    Ok(entries)
}

fn read_at(f: &mut File, e: &Entry) -> Result<Vec<u8>, std::io::Error> {
    f.seek(SeekFrom::Start(e.offset))?;
    let mut buf = vec![0u8; e.len];
    f.read_exact(&mut buf)?;
    Ok(buf)
}

fn append_file(path: &Path) -> Result<File, CorpusError> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(werr(path))
}

impl OutDir {
    /// Opens (creating) a directory. Without `resume` existing outputs are replaced; with it,
    /// the complete document lines of documents.jsonl are kept and the CSVs rebuilt from them.
    pub fn open(dir: &Path, resume: bool) -> Result<OutDir, CorpusError> {
        std::fs::create_dir_all(dir).map_err(werr(dir))?;
        let docs_path = dir.join(DOCUMENTS);
        let mut done = BTreeSet::new();
        if resume {
            let entries = scan(&docs_path)?;
            let mut f = File::open(&docs_path).ok();
            let tmp = dir.join("documents.jsonl.tmp");
            let mut w = BufWriter::new(File::create(&tmp).map_err(werr(&tmp))?);
            let mut fw = String::from(csv::FACTS_HEADER);
            let mut gw = String::from(csv::FINDINGS_HEADER);
            for e in &entries {
                if !done.insert((e.sha256.clone(), e.path.clone())) {
                    continue;
                }
                let Some(f) = f.as_mut() else { break };
                let line = read_at(f, e).map_err(rerr(&docs_path))?;
                if let Ok(v) = serde_json::from_slice::<Value>(&line) {
                    fw.push_str(&csv::fact_rows(&v));
                    gw.push_str(&csv::finding_rows(&v));
                }
                w.write_all(&line).map_err(werr(&tmp))?;
            }
            w.flush().map_err(werr(&tmp))?;
            drop(w);
            std::fs::rename(&tmp, &docs_path).map_err(werr(&docs_path))?;
            std::fs::write(dir.join(FACTS), fw).map_err(werr(dir))?;
            std::fs::write(dir.join(FINDINGS), gw).map_err(werr(dir))?;
        } else {
            std::fs::write(&docs_path, b"").map_err(werr(&docs_path))?;
            std::fs::write(dir.join(FACTS), csv::FACTS_HEADER).map_err(werr(dir))?;
            std::fs::write(dir.join(FINDINGS), csv::FINDINGS_HEADER).map_err(werr(dir))?;
            // Stale end-of-run files would contradict the new documents.
            for name in [SUMMARY, REPORT] {
                let _ = std::fs::remove_file(dir.join(name));
            }
        }
        Ok(OutDir {
            documents: append_file(&docs_path)?,
            facts: append_file(&dir.join(FACTS))?,
            findings: append_file(&dir.join(FINDINGS))?,
            dir: dir.to_path_buf(),
            done,
        })
    }

    /// Documents already recorded, as (sha256, path).
    pub fn done_keys(&self) -> &BTreeSet<(String, String)> {
        &self.done
    }

    /// Appends one document: CSV rows first, the JSON line last, each flushed.
    pub fn append(&mut self, e: &Emitted) -> Result<(), CorpusError> {
        let facts = self.dir.join(FACTS);
        let findings = self.dir.join(FINDINGS);
        let docs = self.dir.join(DOCUMENTS);
        if !e.facts_csv.is_empty() {
            self.facts
                .write_all(e.facts_csv.as_bytes())
                .and_then(|_| self.facts.flush())
                .map_err(werr(&facts))?;
        }
        if !e.findings_csv.is_empty() {
            self.findings
                .write_all(e.findings_csv.as_bytes())
                .and_then(|_| self.findings.flush())
                .map_err(werr(&findings))?;
        }
        self.documents
            .write_all(e.line.as_bytes())
            .and_then(|_| self.documents.flush())
            .map_err(werr(&docs))?;
        Ok(())
    }

    /// Rebuilds every file from documents.jsonl in input order (`order` = input paths as
    /// printed), adds corpus findings, writes summary.json and report.html.
    pub fn finalize(
        self,
        order: &[String],
        opts: &CorpusOptions,
        skipped: &Skipped,
    ) -> Result<Vec<CorpusFinding>, CorpusError> {
        let dir = self.dir.clone();
        drop(self);
        let docs_path = dir.join(DOCUMENTS);
        let mut entries = scan(&docs_path)?;
        let mut position: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, p) in order.iter().enumerate() {
            position.entry(p.as_str()).or_insert(i);
        }
        let mut seen = BTreeSet::new();
        entries.retain(|e| seen.insert((e.sha256.clone(), e.path.clone())));
        entries.sort_by_key(|e| {
            (
                position.get(e.path.as_str()).copied().unwrap_or(usize::MAX),
                e.offset,
            )
        });

        let tmp_docs = dir.join("documents.jsonl.tmp");
        let tmp_facts = dir.join("facts.csv.tmp");
        let tmp_findings = dir.join("findings.csv.tmp");
        let mut wd = BufWriter::new(File::create(&tmp_docs).map_err(werr(&tmp_docs))?);
        let mut wf = BufWriter::new(File::create(&tmp_facts).map_err(werr(&tmp_facts))?);
        let mut wg = BufWriter::new(File::create(&tmp_findings).map_err(werr(&tmp_findings))?);
        wf.write_all(csv::FACTS_HEADER.as_bytes())
            .map_err(werr(&tmp_facts))?;
        wg.write_all(csv::FINDINGS_HEADER.as_bytes())
            .map_err(werr(&tmp_findings))?;
        let mut src = File::open(&docs_path).map_err(rerr(&docs_path))?;
        let mut acc = SummaryAcc::default();
        let mut cross = CrossDoc::default();
        let mut new_entries = Vec::with_capacity(entries.len());
        let mut offset = 0u64;
        for e in &entries {
            let line = read_at(&mut src, e).map_err(rerr(&docs_path))?;
            let Ok(v) = serde_json::from_slice::<Value>(&line) else {
                continue;
            };
            wd.write_all(&line).map_err(werr(&tmp_docs))?;
            wf.write_all(csv::fact_rows(&v).as_bytes())
                .map_err(werr(&tmp_facts))?;
            wg.write_all(csv::finding_rows(&v).as_bytes())
                .map_err(werr(&tmp_findings))?;
            acc.add(&v);
            cross.add(&v);
            // Only where the line is: no path or hash copies (memory flat with corpus size).
            new_entries.push(Entry {
                offset,
                len: line.len(),
                path: String::new(),
                sha256: String::new(),
            });
            offset += line.len() as u64;
        }
        wd.flush().map_err(werr(&tmp_docs))?;
        let (findings, stats) = cross_pass(cross, &tmp_docs, &new_entries)?;
        for f in &findings {
            let mut line = serde_json::to_string(f).unwrap_or_else(|_| "{}".into());
            line.push('\n');
            wd.write_all(line.as_bytes()).map_err(werr(&tmp_docs))?;
        }
        for (w, p) in [
            (&mut wd, &tmp_docs),
            (&mut wf, &tmp_facts),
            (&mut wg, &tmp_findings),
        ] {
            w.flush().map_err(werr(p))?;
        }
        drop((wd, wf, wg));
        let mut summary = acc.finish(opts, findings.clone(), stats);
        summary.skipped_files = skipped.clone();
        let tmp_summary = dir.join("summary.json.tmp");
        let mut text = serde_json::to_string_pretty(&summary).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        std::fs::write(&tmp_summary, text).map_err(werr(&tmp_summary))?;

        let tmp_report = dir.join("report.html.tmp");
        {
            let mut w = BufWriter::new(File::create(&tmp_report).map_err(werr(&tmp_report))?);
            let mut src = File::open(&tmp_docs).map_err(rerr(&tmp_docs))?;
            let mut html_out = html::Report::new(&summary);
            w.write_all(html_out.head().as_bytes())
                .map_err(werr(&tmp_report))?;
            for e in &new_entries {
                let line = read_at(&mut src, e).map_err(rerr(&tmp_docs))?;
                if let Ok(v) = serde_json::from_slice::<Value>(&line) {
                    w.write_all(html_out.document(&v).as_bytes())
                        .map_err(werr(&tmp_report))?;
                }
            }
            w.write_all(html_out.tail().as_bytes())
                .map_err(werr(&tmp_report))?;
            w.flush().map_err(werr(&tmp_report))?;
        }
        for (tmp, name) in [
            (tmp_facts, FACTS),
            (tmp_findings, FINDINGS),
            (tmp_summary, SUMMARY),
            (tmp_report, REPORT),
            (tmp_docs, DOCUMENTS),
        ] {
            let dest = dir.join(name);
            std::fs::rename(&tmp, &dest).map_err(werr(&dest))?;
        }
        Ok(findings)
    }
}

/// Runs the second cross-document pass over a jsonl file whose document lines are `entries`
/// (in the order they were added to `cross`).
fn cross_pass(
    cross: CrossDoc,
    jsonl: &Path,
    entries: &[Entry],
) -> Result<(Vec<CorpusFinding>, CrossStats), CorpusError> {
    let mut f = File::open(jsonl).map_err(rerr(jsonl))?;
    let mut read = |i: usize| -> Option<Value> {
        let e = entries.get(i)?;
        let line = read_at(&mut f, e).ok()?;
        serde_json::from_slice(&line).ok()
    };
    Ok(cross.finish(&mut read))
}

/// Without `--out`: records are also appended to a temporary file, read back at the end
/// for the cross-document pass, and removed.
pub struct Spill {
    path: PathBuf,
    file: BufWriter<File>,
    entries: Vec<Entry>,
    offset: u64,
}

impl Spill {
    /// Creates the temporary file.
    pub fn create() -> Result<Spill, CorpusError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "crossfoot-spill-{}-{nanos}.jsonl",
            std::process::id()
        ));
        let file = BufWriter::new(File::create(&path).map_err(werr(&path))?);
        Ok(Spill {
            path,
            file,
            entries: Vec::new(),
            offset: 0,
        })
    }

    /// Appends one record line.
    pub fn append(&mut self, line: &str) -> Result<(), CorpusError> {
        self.file
            .write_all(line.as_bytes())
            .map_err(werr(&self.path))?;
        self.entries.push(Entry {
            path: String::new(),
            sha256: String::new(),
            offset: self.offset,
            len: line.len(),
        });
        self.offset += line.len() as u64;
        Ok(())
    }

    /// Cross-document findings over everything appended; removes the file.
    pub fn corpus_findings(mut self) -> Result<Vec<CorpusFinding>, CorpusError> {
        self.file.flush().map_err(werr(&self.path))?;
        let mut cross = CrossDoc::default();
        let mut f = File::open(&self.path).map_err(rerr(&self.path))?;
        for e in &self.entries {
            let line = read_at(&mut f, e).map_err(rerr(&self.path))?;
            if let Ok(v) = serde_json::from_slice::<Value>(&line) {
                cross.add(&v);
            } else {
                cross.add(&Value::Null);
            }
        }
        let result = cross_pass(cross, &self.path, &self.entries);
        let _ = std::fs::remove_file(&self.path);
        result.map(|x| x.0)
    }
}

/// Document counts of summary.json.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocCounts {
    /// Documents recorded.
    pub total: usize,
    /// Processed without error.
    pub ok: usize,
    /// Error records.
    pub errors: usize,
    /// By sniffed format ("txt", "docx", "pdf"; "unknown" for error records).
    pub by_format: BTreeMap<String, usize>,
    /// Error records by code ("timeout", "panic", "corrupt", …).
    pub errors_by_code: BTreeMap<String, usize>,
    /// Documents carrying ingest or extraction warnings.
    pub with_warnings: usize,
}

/// Finding counts of summary.json (document findings plus corpus findings).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingCounts {
    /// All findings.
    pub total: usize,
    /// By severity.
    pub by_severity: BTreeMap<String, usize>,
    /// By rule, then severity.
    pub by_rule: BTreeMap<String, BTreeMap<String, usize>>,
}

/// One department's line in the ranking.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DeptRow {
    /// Department ("" = not recognised).
    pub department: String,
    /// Documents.
    pub documents: usize,
    /// Years covered, ascending.
    pub years: Vec<i64>,
    /// Findings (all severities, corpus findings included).
    pub findings: usize,
    /// Of which errors.
    pub errors: usize,
    /// Of which warnings.
    pub warnings: usize,
}

/// Cross-document part of summary.json.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorpusPart {
    /// Coverage of the cross-document checks.
    pub coverage: CrossStats,
    /// The findings.
    pub findings: Vec<CorpusFinding>,
}

/// summary.json.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Always "summary".
    #[serde(rename = "type")]
    pub kind: String,
    /// Output contract version.
    pub schema_version: u32,
    /// "check" or "extract".
    pub mode: String,
    /// The share, if the run was sharded.
    pub shard: Option<String>,
    /// Documents.
    pub documents: DocCounts,
    /// Facts extracted.
    pub facts: usize,
    /// Statements extracted.
    pub statements: usize,
    /// Checks run and passed (coverage totals).
    pub checks_run: u64,
    /// Checks passed.
    pub checks_passed: u64,
    /// Findings.
    pub findings: FindingCounts,
    /// Departments ranked by errors, then warnings, then all findings, then name.
    pub departments: Vec<DeptRow>,
    /// Cross-document checks.
    pub corpus: CorpusPart,
    /// Files the directory walk left out (other extensions, hidden entries), by extension.
    pub skipped_files: Skipped,
}

/// Accumulates summary counts while records stream by.
#[derive(Debug, Default)]
struct SummaryAcc {
    s: Summary,
    depts: BTreeMap<String, (DeptRow, BTreeSet<i64>)>,
}

impl SummaryAcc {
    fn count(&mut self, rule: &str, severity: &str, dept: &str) {
        let f = &mut self.s.findings;
        f.total += 1;
        *f.by_severity.entry(severity.to_string()).or_default() += 1;
        *f.by_rule
            .entry(rule.to_string())
            .or_default()
            .entry(severity.to_string())
            .or_default() += 1;
        let (row, _) = self.depts.entry(dept.to_string()).or_default();
        row.findings += 1;
        row.errors += usize::from(severity == "error");
        row.warnings += usize::from(severity == "warning");
    }

    fn add(&mut self, v: &Value) {
        let d = &mut self.s.documents;
        d.total += 1;
        let format = match rec::format(v) {
            "" => "unknown",
            f => f,
        };
        *d.by_format.entry(format.to_string()).or_default() += 1;
        if rec::error(v).is_some() {
            d.errors += 1;
            let code = match rec::error_code(v) {
                "" => "unknown",
                c => c,
            };
            *d.errors_by_code.entry(code.to_string()).or_default() += 1;
        } else {
            d.ok += 1;
        }
        let warned = v
            .get("doc_warnings")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
            || v.get("extraction")
                .and_then(|e| e.get("warnings"))
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty());
        d.with_warnings += usize::from(warned);
        self.s.facts += rec::facts(v).len();
        self.s.statements += rec::statements(v).len();
        let (run, passed) = rec::checks(v);
        self.s.checks_run += run;
        self.s.checks_passed += passed;
        let dept = rec::department(v).unwrap_or("").trim().to_string();
        {
            let (row, years) = self.depts.entry(dept.clone()).or_default();
            row.documents += 1;
            if let Some(y) = rec::year(v) {
                years.insert(y);
            }
        }
        for f in rec::findings(v) {
            self.count(rec::str_of(f, "rule"), rec::str_of(f, "severity"), &dept);
        }
    }

    fn finish(
        mut self,
        opts: &CorpusOptions,
        findings: Vec<CorpusFinding>,
        coverage: CrossStats,
    ) -> Summary {
        for f in &findings {
            self.count(&f.rule, &f.severity, &f.department);
        }
        let mut rows: Vec<DeptRow> = self
            .depts
            .into_iter()
            .map(|(department, (mut row, years))| {
                row.department = department;
                row.years = years.into_iter().collect();
                row
            })
            .collect();
        rows.sort_by(|a, b| {
            b.errors
                .cmp(&a.errors)
                .then(b.warnings.cmp(&a.warnings))
                .then(b.findings.cmp(&a.findings))
                .then(a.department.cmp(&b.department))
        });
        let mut s = self.s;
        s.kind = "summary".into();
        s.schema_version = crate::SCHEMA_VERSION;
        s.mode = opts.mode.as_str().into();
        s.shard = opts.shard.map(|x| x.to_string());
        s.departments = rows;
        s.corpus = CorpusPart { coverage, findings };
        s
    }
}
