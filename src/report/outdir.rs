//! `--out DIR`: the corpus output directory, written incrementally and crash-safely.
//!
//! Files:
//! - `documents.jsonl`: one JSON record per document (the per-document contract), then one
//!   `"type":"corpus_finding"` record per cross-document finding;
//! - `facts.csv`, `findings.csv`: datasets (see [`crate::report::csv`]);
//! - `summary.json`: counts by format, error code, rule and severity, departments ranked,
//!   cross-document findings and their coverage;
//! - `report.html`: the same for people (see [`crate::report::html`]);
//! - `findings.xlsx`, `facts.xlsx`: the CSV datasets as workbooks with typed cells, written
//!   at the end only (see [`crate::report::xlsx`]).
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
//! Memory: fixed-size indexes, no per-document strings — at the end 32 bytes a document
//! (a 128-bit key of (sha256, path), offset and input position; plus 24 an input for the
//! path → position table while scanning) while the files are rebuilt, then 8 (an offset)
//! plus the cross-document pass's own; `--resume` keeps 16 (the key). Beyond that, what
//! summary.json lists: counters per department (names interned) and the corpus findings.

use crate::corpus::crossdoc::{CorpusFinding, CrossDoc, CrossStats, DocMeta};
use crate::corpus::record as rec;
use crate::corpus::{CorpusError, CorpusOptions, Emitted, Skipped};
use crate::report::{csv, html, xlsx};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
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
    move |cause| CorpusError::Read {
        path: path.to_path_buf(),
        cause,
    }
}

/// An open output directory.
pub struct OutDir {
    dir: PathBuf,
    documents: File,
    facts: File,
    findings: File,
    done: DoneSet,
    /// Whether the CSVs start with a UTF-8 BOM.
    bom: bool,
}

/// A 128-bit digest standing for a string key (the first 16 bytes of SHA-256 over the
/// length-prefixed parts), so that indexes hold fixed-size entries instead of per-document
/// strings. Collisions are negligible: for n distinct keys the chance of any collision is
/// below n²/2¹²⁹, about 1.5·10⁻²¹ for a billion documents, far below the chance of a disk
/// error corrupting the file the keys come from.
pub type Key = [u8; 16];

/// The [`Key`] of a sequence of strings (each length-prefixed, so ("ab", "c") and ("a",
/// "bc") differ).
pub fn key_of(parts: &[&str]) -> Key {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    let mut k = [0u8; 16];
    for (d, s) in k.iter_mut().zip(digest.iter()) {
        *d = *s;
    }
    k
}

/// The key of a document: its (sha256, path) pair, the unit of dedup and `--resume`.
pub fn doc_key(sha256: &str, path: &str) -> Key {
    key_of(&[sha256, path])
}

/// Interned names (departments): every name once in one text buffer, found by its [`Key`]
/// (see there why collisions are negligible). Ids are given in first-seen order. A few
/// large allocations instead of one per name, so that names kept for the whole of a pass do
/// not pin the heap between the large short-lived records parsed around them.
#[derive(Debug, Default)]
pub(crate) struct Names {
    text: String,
    /// End of each name in `text`, by id.
    ends: Vec<usize>,
    ids: std::collections::HashMap<Key, u32>,
}

impl Names {
    /// The id of `name`, interning it if new.
    pub(crate) fn id(&mut self, name: &str) -> u32 {
        let next = self.ends.len() as u32;
        let id = *self.ids.entry(key_of(&[name])).or_insert(next);
        if id == next {
            self.text.push_str(name);
            self.ends.push(self.text.len());
        }
        id
    }

    /// The name of an id ("" if unknown).
    pub(crate) fn name(&self, id: usize) -> &str {
        let start = match id.checked_sub(1) {
            Some(prev) => self.ends.get(prev).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(id).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }
}

/// Documents already recorded (`--resume`): the sorted keys of their (sha256, path) pairs,
/// 16 bytes a document.
#[derive(Debug, Clone, Default)]
pub struct DoneSet {
    keys: Vec<Key>,
}

impl DoneSet {
    /// True if the document (sha256, path) is recorded.
    pub fn contains(&self, sha256: &str, path: &str) -> bool {
        self.keys.binary_search(&doc_key(sha256, path)).is_ok()
    }

    /// Number of documents recorded.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True if nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// One complete document line of a jsonl file: 32 bytes, no strings, whatever the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// [`doc_key`] of the line's (sha256, path).
    key: Key,
    /// Byte offset of the line (it ends at the next '\n').
    offset: u64,
    /// Position of the line's path in the input order ([`u64::MAX`]: not an input).
    position: u64,
}

/// Input positions by path key: the first position of each path, sorted by key (24 bytes an
/// input; the paths themselves stay in the caller's input list).
struct Positions {
    by_key: Vec<(Key, u64)>,
}

impl Positions {
    fn new<S: AsRef<str>>(order: impl IntoIterator<Item = S>) -> Positions {
        let mut by_key: Vec<(Key, u64)> = order
            .into_iter()
            .enumerate()
            .map(|(i, p)| (key_of(&[p.as_ref()]), i as u64))
            .collect();
        // Sorted by (key, position): dedup keeps each path's first position.
        by_key.sort_unstable();
        by_key.dedup_by_key(|e| e.0);
        Positions { by_key }
    }

    fn get(&self, path: &str) -> u64 {
        let k = key_of(&[path]);
        match self.by_key.binary_search_by(|e| e.0.cmp(&k)) {
            Ok(i) => self.by_key.get(i).map_or(u64::MAX, |e| e.1),
            Err(_) => u64::MAX,
        }
    }
}

/// Keeps the first line (in file order) of each (sha256, path) pair, in file order.
fn dedup_in_file_order(entries: &mut Vec<Entry>) {
    entries.sort_unstable_by_key(|e| (e.key, e.offset));
    entries.dedup_by_key(|e| e.key);
    entries.sort_unstable_by_key(|e| e.offset);
}

/// Scans a jsonl file: its complete document lines, with offsets and (given `positions`)
/// input positions.
fn scan(path: &Path, positions: Option<&Positions>) -> Result<Vec<Entry>, CorpusError> {
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
            // Only the head is read (type, path, sha256): no Value tree of the record.
            if let Some(h) = rec::head(&line) {
                // The extract contract has no type tag: untagged lines are documents.
                if matches!(h.kind.as_ref(), "document" | "") {
                    entries.push(Entry {
                        key: doc_key(&h.sha256, &h.path),
                        offset,
                        position: positions.map_or(u64::MAX, |p| p.get(&h.path)),
                    });
                }
            }
        }
        offset += n as u64;
    }
    Ok(entries)
}

/// The document lines of a jsonl file as they are written at the end: a (sha256, path)
/// pair recorded twice kept once (its first line), ordered by input position (the first
/// position of the path in `order`) then offset; documents not among the inputs last, in
/// file order.
fn index<S: AsRef<str>>(
    path: &Path,
    order: impl IntoIterator<Item = S>,
) -> Result<Vec<Entry>, CorpusError> {
    let mut entries = {
        let positions = Positions::new(order);
        scan(path, Some(&positions))?
    };
    dedup_in_file_order(&mut entries);
    entries.sort_unstable_by_key(|e| (e.position, e.offset));
    Ok(entries)
}

/// Reads lines back by offset (each line ends at its '\n' or at the end of the file),
/// seeking only when the lines are not read one after the other.
struct Lines {
    r: BufReader<File>,
    at: u64,
}

impl Lines {
    fn open(path: &Path) -> Result<Lines, std::io::Error> {
        Ok(Lines {
            r: BufReader::new(File::open(path)?),
            at: 0,
        })
    }

    /// The line at `offset` into `buf` (cleared first).
    fn read(&mut self, offset: u64, buf: &mut Vec<u8>) -> Result<(), std::io::Error> {
        buf.clear();
        if offset != self.at {
            self.r.seek(SeekFrom::Start(offset))?;
        }
        let n = self.r.read_until(b'\n', buf)?;
        self.at = offset + n as u64;
        Ok(())
    }
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
    /// `bom`: facts.csv and findings.csv start with a UTF-8 byte order mark.
    pub fn open(dir: &Path, resume: bool, bom: bool) -> Result<OutDir, CorpusError> {
        std::fs::create_dir_all(dir).map_err(werr(dir))?;
        let docs_path = dir.join(DOCUMENTS);
        let mut done = DoneSet::default();
        if resume {
            let mut entries = scan(&docs_path, None)?;
            dedup_in_file_order(&mut entries);
            done.keys = entries.iter().map(|e| e.key).collect();
            done.keys.sort_unstable();
            let mut f = Lines::open(&docs_path).ok();
            let tmp = dir.join("documents.jsonl.tmp");
            let mut w = BufWriter::new(File::create(&tmp).map_err(werr(&tmp))?);
            let mut fw = BufWriter::new(File::create(dir.join(FACTS)).map_err(werr(dir))?);
            let mut gw = BufWriter::new(File::create(dir.join(FINDINGS)).map_err(werr(dir))?);
            fw.write_all(csv::start(csv::FACTS_HEADER, bom).as_bytes())
                .map_err(werr(dir))?;
            gw.write_all(csv::start(csv::FINDINGS_HEADER, bom).as_bytes())
                .map_err(werr(dir))?;
            let mut line = Vec::new();
            for e in &entries {
                let Some(f) = f.as_mut() else { break };
                f.read(e.offset, &mut line).map_err(rerr(&docs_path))?;
                if let Ok(v) = serde_json::from_slice::<Value>(&line) {
                    fw.write_all(csv::fact_rows(&v).as_bytes())
                        .map_err(werr(dir))?;
                    gw.write_all(csv::finding_rows(&v).as_bytes())
                        .map_err(werr(dir))?;
                }
                w.write_all(&line).map_err(werr(&tmp))?;
            }
            for (w, p) in [(&mut w, tmp.as_path()), (&mut fw, dir), (&mut gw, dir)] {
                w.flush().map_err(werr(p))?;
            }
            drop((w, fw, gw));
            std::fs::rename(&tmp, &docs_path).map_err(werr(&docs_path))?;
        } else {
            std::fs::write(&docs_path, b"").map_err(werr(&docs_path))?;
            std::fs::write(dir.join(FACTS), csv::start(csv::FACTS_HEADER, bom))
                .map_err(werr(dir))?;
            std::fs::write(dir.join(FINDINGS), csv::start(csv::FINDINGS_HEADER, bom))
                .map_err(werr(dir))?;
            // Stale end-of-run files would contradict the new documents.
            for name in [SUMMARY, REPORT, xlsx::FINDINGS, xlsx::FACTS] {
                let _ = std::fs::remove_file(dir.join(name));
            }
        }
        Ok(OutDir {
            documents: append_file(&docs_path)?,
            facts: append_file(&dir.join(FACTS))?,
            findings: append_file(&dir.join(FINDINGS))?,
            dir: dir.to_path_buf(),
            done,
            bom,
        })
    }

    /// Documents already recorded, handed over (the directory keeps none).
    pub fn take_done(&mut self) -> DoneSet {
        std::mem::take(&mut self.done)
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
    /// printed; documents not among them go last, in file order), adds corpus findings,
    /// writes summary.json, report.html and the workbooks (a line on stderr, in `lang`, when
    /// a workbook needed more than one sheet).
    pub fn finalize<S: AsRef<str>>(
        self,
        order: impl IntoIterator<Item = S>,
        opts: &CorpusOptions,
        skipped: &Skipped,
        lang: crate::check::Lang,
    ) -> Result<Vec<CorpusFinding>, CorpusError> {
        let dir = self.dir.clone();
        let bom = self.bom;
        drop(self);
        let docs_path = dir.join(DOCUMENTS);
        let entries = index(&docs_path, order)?;

        let tmp_docs = dir.join("documents.jsonl.tmp");
        let tmp_facts = dir.join("facts.csv.tmp");
        let tmp_findings = dir.join("findings.csv.tmp");
        let mut wd = BufWriter::new(File::create(&tmp_docs).map_err(werr(&tmp_docs))?);
        let mut wf = BufWriter::new(File::create(&tmp_facts).map_err(werr(&tmp_facts))?);
        let mut wg = BufWriter::new(File::create(&tmp_findings).map_err(werr(&tmp_findings))?);
        wf.write_all(csv::start(csv::FACTS_HEADER, bom).as_bytes())
            .map_err(werr(&tmp_facts))?;
        wg.write_all(csv::start(csv::FINDINGS_HEADER, bom).as_bytes())
            .map_err(werr(&tmp_findings))?;
        let mut src = Lines::open(&docs_path).map_err(rerr(&docs_path))?;
        let mut acc = SummaryAcc::default();
        let mut cross = CrossDoc::with_capacity(entries.len());
        // Where each document line is in the new file (8 bytes a document).
        let mut offsets: Vec<u64> = Vec::with_capacity(entries.len());
        let mut offset = 0u64;
        let mut line = Vec::new();
        // report.html's per-document part, written while the records are read (the page's
        // head needs the summary, which is complete only after the last record).
        let tmp_body = dir.join("report.html.body.tmp");
        let mut wb = BufWriter::new(File::create(&tmp_body).map_err(werr(&tmp_body))?);
        let mut html_out = html::Report::with_lang(&dir, lang);
        let tmp_xlsx = |name: &str| dir.join(format!("{name}.tmp"));
        let xerr = |e: xlsx::XlsxWriteError| CorpusError::Write {
            path: e.path.clone(),
            source: std::io::Error::other(e.source.to_string()),
        };
        let books = xlsx::Background::spawn(
            &tmp_xlsx(xlsx::FINDINGS),
            &tmp_xlsx(xlsx::FACTS),
            xlsx::MAX_SHEET_ROWS,
        )
        .map_err(|e| CorpusError::Pool(e.to_string()))?;
        for e in &entries {
            src.read(e.offset, &mut line).map_err(rerr(&docs_path))?;
            let Ok(v) = serde_json::from_slice::<Value>(&line) else {
                continue;
            };
            wd.write_all(&line).map_err(werr(&tmp_docs))?;
            wf.write_all(csv::fact_rows(&v).as_bytes())
                .map_err(werr(&tmp_facts))?;
            wg.write_all(csv::finding_rows(&v).as_bytes())
                .map_err(werr(&tmp_findings))?;
            wb.write_all(html_out.document(&v).as_bytes())
                .map_err(werr(&tmp_body))?;
            acc.add(&v);
            cross.add(&v);
            books.add(v);
            offsets.push(offset);
            offset += line.len() as u64;
        }
        drop(entries);
        drop(src);
        wd.flush().map_err(werr(&tmp_docs))?;
        let (findings, stats) = cross_pass(cross, &tmp_docs, &offsets, lang)?;
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
        let (finding_sheets, fact_sheets) = books.finish().map_err(xerr)?;
        for (name, n) in [(xlsx::FINDINGS, finding_sheets), (xlsx::FACTS, fact_sheets)] {
            if n > 1 {
                // Printed even with --quiet: rows moved to another sheet must be noticed.
                if lang == crate::check::Lang::Zh {
                    eprintln!("crossfoot: {name} 超过 Excel 每张工作表 1,048,576 行的上限，其余各行续写在后面的工作表中（共 {n} 张）");
                } else {
                    eprintln!("crossfoot: {name} exceeds Excel's 1,048,576 rows a sheet; the rest of the rows go on in the next sheets ({n} in all)");
                }
            }
        }
        let mut summary = acc.finish(opts, findings, stats);
        summary.skipped_files = skipped.clone();
        let tmp_summary = dir.join("summary.json.tmp");
        {
            // Streamed: the same bytes as `to_string_pretty` plus '\n', without the text in
            // memory.
            let mut w = BufWriter::new(File::create(&tmp_summary).map_err(werr(&tmp_summary))?);
            serde_json::to_writer_pretty(&mut w, &summary)
                .map_err(std::io::Error::from)
                .map_err(werr(&tmp_summary))?;
            w.write_all(b"\n").map_err(werr(&tmp_summary))?;
            w.flush().map_err(werr(&tmp_summary))?;
        }

        let tmp_report = dir.join("report.html.tmp");
        {
            wb.flush().map_err(werr(&tmp_body))?;
            drop(wb);
            let mut w = BufWriter::new(File::create(&tmp_report).map_err(werr(&tmp_report))?);
            w.write_all(html_out.head(&summary).as_bytes())
                .map_err(werr(&tmp_report))?;
            let mut body = File::open(&tmp_body).map_err(rerr(&tmp_body))?;
            std::io::copy(&mut body, &mut w).map_err(werr(&tmp_report))?;
            w.write_all(html_out.tail().as_bytes())
                .map_err(werr(&tmp_report))?;
            w.flush().map_err(werr(&tmp_report))?;
            drop(body);
            let _ = std::fs::remove_file(&tmp_body);
        }
        for (tmp, name) in [
            (tmp_facts, FACTS),
            (tmp_findings, FINDINGS),
            (tmp_summary, SUMMARY),
            (tmp_report, REPORT),
            (tmp_xlsx(xlsx::FINDINGS), xlsx::FINDINGS),
            (tmp_xlsx(xlsx::FACTS), xlsx::FACTS),
            (tmp_docs, DOCUMENTS),
        ] {
            let dest = dir.join(name);
            std::fs::rename(&tmp, &dest).map_err(werr(&dest))?;
        }
        Ok(std::mem::take(&mut summary.corpus.findings))
    }
}

/// Runs the second cross-document pass over a jsonl file whose document lines start at
/// `offsets` (in the order they were added to `cross`).
fn cross_pass(
    cross: CrossDoc,
    jsonl: &Path,
    offsets: &[u64],
    lang: crate::check::Lang,
) -> Result<(Vec<CorpusFinding>, CrossStats), CorpusError> {
    let mut f = Lines::open(jsonl).map_err(rerr(jsonl))?;
    let mut line = Vec::new();
    let mut read = |i: usize| -> Option<crate::corpus::crossdoc::Record> {
        f.read(*offsets.get(i)?, &mut line).ok()?;
        crate::corpus::crossdoc::Record::parse(&line)
    };
    Ok(cross.finish(&mut read, lang))
}

/// Without `--out`: records are also appended to a temporary file, read back at the end
/// for the cross-document pass, and removed.
pub struct Spill {
    path: PathBuf,
    file: BufWriter<File>,
    /// Where each line starts (8 bytes a document).
    offsets: Vec<u64>,
    offset: u64,
    /// The cross-document pass, fed as records are appended.
    cross: CrossDoc,
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
            offsets: Vec::new(),
            offset: 0,
            cross: CrossDoc::default(),
        })
    }

    /// Appends one record line (ending with '\n') and what the cross-document pass needs of
    /// it.
    pub fn append(&mut self, line: &str, meta: &DocMeta) -> Result<(), CorpusError> {
        self.file
            .write_all(line.as_bytes())
            .map_err(werr(&self.path))?;
        self.offsets.push(self.offset);
        self.offset += line.len() as u64;
        self.cross.add_meta(meta);
        Ok(())
    }

    /// Cross-document findings over everything appended; removes the file.
    pub fn corpus_findings(
        mut self,
        lang: crate::check::Lang,
    ) -> Result<Vec<CorpusFinding>, CorpusError> {
        self.file.flush().map_err(werr(&self.path))?;
        let result = cross_pass(self.cross, &self.path, &self.offsets, lang);
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
    /// By sniffed format ("txt", "docx", "pdf", "xlsx", "xls"; "unknown" for error records).
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
    /// What the directory walk left out: hidden entries and special files.
    pub skipped_files: Skipped,
}

/// One department's counters while records stream by (the name is interned).
#[derive(Debug, Default)]
struct DeptAcc {
    documents: usize,
    findings: usize,
    errors: usize,
    warnings: usize,
    years: Years,
}

/// Distinct years without an allocation in the usual case: those within 64 years from 32
/// before the first one seen are bits; others (rare) are listed.
#[derive(Debug, Default)]
struct Years {
    base: Option<i64>,
    bits: u64,
    other: Vec<i64>,
}

impl Years {
    fn insert(&mut self, y: i64) {
        let base = *self.base.get_or_insert(y.saturating_sub(32));
        match y.checked_sub(base).filter(|d| (0..64).contains(d)) {
            Some(d) => self.bits |= 1u64 << d,
            None => {
                if let Err(i) = self.other.binary_search(&y) {
                    self.other.insert(i, y);
                }
            }
        }
    }

    /// Ascending.
    fn into_vec(self) -> Vec<i64> {
        let mut out = self.other;
        if let Some(base) = self.base {
            out.extend(
                (0..64i64)
                    .filter(|d| self.bits >> d & 1 == 1)
                    .map(|d| base + d),
            );
        }
        out.sort_unstable();
        out
    }
}

/// Accumulates summary counts while records stream by.
#[derive(Debug, Default)]
struct SummaryAcc {
    s: Summary,
    names: Names,
    /// By name id.
    depts: Vec<DeptAcc>,
}

impl SummaryAcc {
    fn dept(&mut self, name: &str) -> &mut DeptAcc {
        let id = self.names.id(name) as usize;
        if id >= self.depts.len() {
            self.depts.resize_with(id + 1, DeptAcc::default);
        }
        &mut self.depts[id]
    }

    fn count(&mut self, rule: &str, severity: &str, dept: &str) {
        let f = &mut self.s.findings;
        f.total += 1;
        *f.by_severity.entry(severity.to_string()).or_default() += 1;
        *f.by_rule
            .entry(rule.to_string())
            .or_default()
            .entry(severity.to_string())
            .or_default() += 1;
        let row = self.dept(dept);
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
        let dept = rec::department(v).unwrap_or("").trim();
        {
            let row = self.dept(dept);
            row.documents += 1;
            if let Some(y) = rec::year(v) {
                row.years.insert(y);
            }
        }
        for f in rec::findings(v) {
            self.count(rec::str_of(f, "rule"), rec::str_of(f, "severity"), dept);
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
        let names = &self.names;
        let mut rows: Vec<DeptRow> = self
            .depts
            .into_iter()
            .enumerate()
            .map(|(id, d)| DeptRow {
                department: names.name(id).to_string(),
                documents: d.documents,
                years: d.years.into_vec(),
                findings: d.findings,
                errors: d.errors,
                warnings: d.warnings,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("crossfoot-outdir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn doc(sha: &str, path: &str, n: u32) -> String {
        format!("{{\"type\":\"document\",\"path\":\"{path}\",\"sha256\":\"{sha}\",\"n\":{n}}}\n")
    }

    /// Lines: 0 (s1,b) · 1 (s2,a) · 2 (s1,b) again · 3 corpus finding · 4 (s3,z) not an input ·
    /// 5 (s4,b) same path, other content · 6 untagged (s5,a) · 7 not JSON · 8 partial.
    fn sample() -> Vec<String> {
        vec![
            doc("s1", "b", 0),
            doc("s2", "a", 1),
            doc("s1", "b", 2),
            "{\"type\":\"corpus_finding\",\"path\":\"a\",\"sha256\":\"s2\"}\n".into(),
            doc("s3", "z", 4),
            doc("s4", "b", 5),
            "{\"path\":\"a\",\"sha256\":\"s5\",\"n\":6}\n".into(),
            "not json\n".into(),
            "{\"type\":\"document\",\"path\":\"a\"".into(),
        ]
    }

    fn offsets(lines: &[String]) -> Vec<u64> {
        let mut at = 0u64;
        lines
            .iter()
            .map(|l| {
                let o = at;
                at += l.len() as u64;
                o
            })
            .collect()
    }

    // The index is fixed-size: 32 bytes a document whatever the paths (a regression to
    // per-document strings would make it at least 48 bytes plus the strings).
    #[test]
    fn entries_are_fixed_size() {
        assert_eq!(std::mem::size_of::<Entry>(), 32);
        assert_eq!(std::mem::size_of::<Key>(), 16);
        assert_eq!(std::mem::size_of::<(Key, u64)>(), 24);
    }

    // Names get ids in first-seen order and come back as given ("" is a name too).
    #[test]
    fn names_intern() {
        let mut n = Names::default();
        let ids: Vec<u32> = ["民政局", "", "财政局", "民政局", ""]
            .iter()
            .map(|x| n.id(x))
            .collect();
        assert_eq!(ids, vec![0, 1, 2, 0, 1]);
        assert_eq!(
            (n.name(0), n.name(1), n.name(2), n.name(3)),
            ("民政局", "", "财政局", "")
        );
        assert_eq!(n.text, "民政局财政局");
    }

    // Years come back distinct and ascending, near ones as bits, far ones listed.
    #[test]
    fn years_distinct_ascending() {
        let mut y = Years::default();
        for x in [
            2024,
            2022,
            2024,
            1900,
            2023,
            2100,
            1992,
            2055,
            1991,
            i64::MIN,
        ] {
            y.insert(x);
        }
        assert_eq!(y.other, vec![i64::MIN, 1900, 1991, 2100]);
        assert_eq!(
            y.into_vec(),
            vec![i64::MIN, 1900, 1991, 1992, 2022, 2023, 2024, 2055, 2100]
        );
        assert_eq!(Years::default().into_vec(), Vec::<i64>::new());
    }

    // Keys are length-prefixed: ("ab", "c") and ("a", "bc") differ; equal parts, equal keys.
    #[test]
    fn keys_separate_parts() {
        assert_ne!(key_of(&["ab", "c"]), key_of(&["a", "bc"]));
        assert_ne!(doc_key("", "x"), doc_key("x", ""));
        assert_eq!(doc_key("s1", "b"), doc_key("s1", "b"));
    }

    // Dedup keeps the first line of each (sha256, path) pair; order is input position (the
    // first one of a path listed twice), then offset; documents not among the inputs last, in
    // file order; corpus findings, bad and partial lines are not documents.
    #[test]
    fn index_dedups_and_orders() {
        let dir = tmpdir("index");
        let lines = sample();
        let path = dir.join(DOCUMENTS);
        std::fs::write(&path, lines.concat()).unwrap();
        let at = offsets(&lines);
        let got = index(&path, ["a", "b", "a"]).unwrap();
        let got: Vec<(u64, u64)> = got.iter().map(|e| (e.position, e.offset)).collect();
        assert_eq!(
            got,
            vec![
                (0, at[1]),
                (0, at[6]),
                (1, at[0]),
                (1, at[5]),
                (u64::MAX, at[4]),
            ]
        );
        // Read back by offset, the lines are the lines.
        let mut r = Lines::open(&path).unwrap();
        let mut buf = Vec::new();
        for i in [5, 0, 6, 4, 8] {
            r.read(at[i], &mut buf).unwrap();
            assert_eq!(String::from_utf8(buf.clone()).unwrap(), lines[i]);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    // --resume keeps each recorded pair once, in file order, and knows exactly those pairs.
    #[test]
    fn resume_keeps_first_lines_and_knows_them() {
        let dir = tmpdir("resume");
        let lines = sample();
        std::fs::write(dir.join(DOCUMENTS), lines.concat()).unwrap();
        let mut out = OutDir::open(&dir, true, true).unwrap();
        let done = out.take_done();
        assert_eq!(done.len(), 5);
        for (sha, path) in [
            ("s1", "b"),
            ("s2", "a"),
            ("s3", "z"),
            ("s4", "b"),
            ("s5", "a"),
        ] {
            assert!(done.contains(sha, path), "{sha} {path}");
        }
        assert!(!done.contains("s1", "a"));
        assert!(!done.contains("s2", "b"));
        assert!(out.take_done().is_empty());
        drop(out);
        let kept = std::fs::read_to_string(dir.join(DOCUMENTS)).unwrap();
        let want: String = [0, 1, 4, 5, 6].iter().map(|&i| lines[i].as_str()).collect();
        assert_eq!(kept, want);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
