//! Corpus mode: thousands of disclosures through [`crate::process`] in parallel, with results
//! streamed in input order, every document isolated, and an optional output directory.
//!
//! How a run goes:
//! 1. [`collect_inputs`] walks the given files and directories (directories recursively,
//!    entries sorted by name; every regular file is an input whatever its name, hidden
//!    entries and special files are counted in [`Skipped`]): the input order is
//!    deterministic.
//! 2. Documents are submitted to a rayon pool no more than `window` (2 × jobs) ahead of the
//!    next document to be written; finished documents wait in a reorder buffer until every
//!    earlier one is written. Memory holds at most `window` documents, whatever the corpus.
//! 3. Each document runs on its own short-lived thread (named `crossfoot-doc`, 64 MiB stack)
//!    inside `catch_unwind`; the pool worker waits for it with a deadline (`--timeout`).
//!    A panic becomes an error record ("internal error: …", code `panic`); a document still
//!    running at the deadline becomes "timed out after N s" (code `timeout`) and the run goes
//!    on. Rust cannot kill a thread, so the document stops itself: its thread carries the
//!    deadline ([`crate::deadline`]) and the pipeline's long loops check it. The worker
//!    waits up to [`STOP_GRACE`] for that and reuses the thread; a thread that has still not
//!    stopped is *detached* (its late result dropped, it dies with the process at the end of
//!    the run), and the count of abandoned threads is reported on stderr.
//! 4. Each finished document becomes a record (one JSON line), fact rows and finding rows;
//!    without `--out` the records go to stdout; with `--out` to [`crate::report::outdir`].
//! 5. At the end, cross-document checks ([`crossdoc`]) read the records back from disk (not
//!    from memory) and add `corpus_finding` records.
//!
//! `--shard K/N` keeps the documents whose SHA-256 modulo N is K−1, so N machines that see
//! the same file list split it without coordination. `--resume` skips documents already
//! recorded in the output directory (by SHA-256 and path).
//!
//! Test hook: when the environment variable `CROSSFOOT_TEST_PANIC_ON` is set to a non-empty
//! string, a document whose path contains it panics inside the per-document closure. The
//! corpus tests use it to show that a panic costs one document, not the run.

pub mod crossdoc;
pub mod manifest;
pub mod record;

use crate::report::outdir::{self, OutDir};
use crate::{patterns::PatternSet, Config, DocResult};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};
use thiserror::Error;

/// The environment variable of the panic test hook (see the module doc).
pub const TEST_PANIC_ENV: &str = "CROSSFOOT_TEST_PANIC_ON";

/// Deepest directory nesting walked.
const MAX_DEPTH: usize = 64;

/// How long a worker waits, past a document's deadline, for the document to stop itself
/// (every long loop checks the deadline), so that its thread can be reused.
pub const STOP_GRACE: Duration = Duration::from_secs(2);

/// What each document goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// ingest → extract → check (`crossfoot check`).
    #[default]
    Check,
    /// ingest → extract (`crossfoot extract`).
    Extract,
}

impl Mode {
    /// "check" or "extract".
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Check => "check",
            Mode::Extract => "extract",
        }
    }
}

/// One share of a corpus: documents whose SHA-256 modulo `n` is `k − 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based share number.
    pub k: u64,
    /// Number of shares.
    pub n: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("invalid shard {s:?}: expected K/N, e.g. 3/8"))?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("invalid shard {s:?}: K is not a number"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("invalid shard {s:?}: N is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("invalid shard {s:?}: need 1 <= K <= N"));
        }
        Ok(Shard { k, n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

impl Shard {
    /// True if a document with this hex SHA-256 belongs to the share.
    pub fn contains(&self, sha256_hex: &str) -> bool {
        let mut r: u64 = 0;
        for c in sha256_hex.chars() {
            let Some(d) = c.to_digit(16) else { continue };
            r = ((u128::from(r) * 16 + u128::from(d)) % u128::from(self.n)) as u64;
        }
        r == self.k - 1
    }
}

/// Corpus-mode settings (the command line's `-j`, `--timeout`, `--out`, …).
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// Check or extract.
    pub mode: Mode,
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    /// Wall time per document.
    pub timeout: Duration,
    /// No progress bar, no closing line on stderr.
    pub quiet: bool,
    /// Output directory.
    pub out: Option<PathBuf>,
    /// Skip documents already recorded in `out`.
    pub resume: bool,
    /// Only this share of the inputs.
    pub shard: Option<Shard>,
    /// CSV `path,department,year` overriding recognised departments and years.
    pub manifest: Option<PathBuf>,
    /// Start facts.csv and findings.csv with a UTF-8 byte order mark, so that Excel and WPS
    /// on Chinese Windows read them as UTF-8 rather than GBK (default on).
    pub csv_bom: bool,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            mode: Mode::Check,
            jobs: 0,
            timeout: Duration::from_secs(60),
            quiet: false,
            out: None,
            resume: false,
            shard: None,
            manifest: None,
            csv_bom: true,
        }
    }
}

/// Why a corpus run could not go on (per-document problems are records, not errors). The
/// English line is the `Display`; [`CorpusError::zh`] is the same in Chinese.
#[derive(Debug, Error)]
pub enum CorpusError {
    /// The output directory or a file in it.
    #[error("failed to write {path} ({source})")]
    Write {
        /// Which file.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// Reading the output directory back.
    #[error("failed to read {path} ({cause})")]
    Read {
        /// Which file.
        path: PathBuf,
        /// Cause.
        cause: std::io::Error,
    },
    /// The manifest.
    #[error("failed to read manifest {path}: {detail}")]
    Manifest {
        /// Which file.
        path: PathBuf,
        /// What is wrong (with the line).
        detail: String,
        /// The same in Chinese.
        detail_zh: String,
    },
    /// Options that do not go together.
    #[error("{0}")]
    Usage(Usage),
    /// The thread pool.
    #[error("failed to start worker threads ({0})")]
    Pool(String),
}

/// Options of a corpus run that do not go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// `--resume` without `--out`.
    ResumeWithoutOut,
}

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Usage::ResumeWithoutOut => {
                "--resume needs --out DIR (the directory of the run to resume)"
            }
        })
    }
}

impl Usage {
    /// The same in Chinese.
    pub fn zh(&self) -> &'static str {
        match self {
            Usage::ResumeWithoutOut => "--resume 需要 --out DIR（要继续的那次运行的目录）",
        }
    }
}

impl CorpusError {
    /// The error in Chinese (`--lang zh`): the file concerned, what failed, and an operating-
    /// system cause classified by its kind ([`crate::report::errors::io_error_zh`]); no English
    /// of a library or of the OS. `<output>` (what the caller writes to) is 输出.
    pub fn zh(&self) -> String {
        use crate::report::errors::io_error_zh;
        let shown = |p: &std::path::Path| {
            if p == Path::new("<output>") {
                "输出".to_string()
            } else {
                p.display().to_string()
            }
        };
        match self {
            CorpusError::Write { path, source } => {
                format!("{}：{}", shown(path), io_error_zh(source, "写入失败"))
            }
            CorpusError::Read { path, cause } => {
                format!("{}：{}", shown(path), io_error_zh(cause, "读取失败"))
            }
            CorpusError::Manifest {
                path, detail_zh, ..
            } => format!(
                "{}：无法读取清单文件（--manifest）：{detail_zh}",
                path.display()
            ),
            CorpusError::Usage(u) => u.zh().to_string(),
            CorpusError::Pool(_) => "无法启动工作线程".to_string(),
        }
    }
}

/// What a finished run counted (for the exit code and the closing line).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunStats {
    /// Inputs found.
    pub inputs: usize,
    /// Documents processed in this run.
    pub processed: usize,
    /// Documents skipped because already recorded (`--resume`).
    pub skipped_resume: usize,
    /// Documents outside the shard.
    pub skipped_shard: usize,
    /// Documents that became error records (unreadable, panic, timeout…).
    pub errors: usize,
    /// Of which timed out.
    pub timed_out: usize,
    /// Findings by severity name ("error", "warning", "info"), this run's documents plus
    /// corpus findings.
    pub findings: BTreeMap<String, usize>,
    /// Cross-document findings.
    pub corpus_findings: usize,
    /// Threads abandoned after a timeout and still running at the end.
    pub abandoned_threads: usize,
    /// Timed-out documents that stopped themselves within [`STOP_GRACE`] of the deadline
    /// (their threads were reused).
    pub stopped_in_time: usize,
    /// What the directory walk left out (hidden entries, special files).
    pub skipped_files: Skipped,
}

/// One input. The list of inputs is the one per-document structure a run keeps whole, so
/// an input is one exactly-sized path (16 bytes plus the path); the printed form is derived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path on disk.
    pub path: Box<Path>,
}

impl Input {
    fn new(path: PathBuf) -> Input {
        Input {
            path: path.into_boxed_path(),
        }
    }

    /// The path as printed in records (lossy UTF-8).
    pub fn display(&self) -> std::borrow::Cow<'_, str> {
        self.path.to_string_lossy()
    }
}

/// What a directory walk left out, so that nothing is skipped without a record.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Entries skipped: hidden entries plus special files.
    pub total: usize,
    /// Hidden files and directories (names starting with '.'), a directory counted once.
    pub hidden: usize,
    /// Sockets, pipes and devices (not regular files, so not read).
    pub special: usize,
    /// Plain-text files whose name says they are data or source ([`DATA_EXTENSIONS`]:
    /// .toml, .json, .csv, .md …), by lowercase extension. A file with such a name whose
    /// bytes are anything else (a PDF saved as `x.json`) is read.
    pub data_files: BTreeMap<String, usize>,
}

/// Extensions of text formats that hold data, markup or code rather than a disclosure. A
/// directory walk skips (and counts) a file with one of these names when its bytes are
/// plain text: the metadata, indexes and notes a scraper or a person keeps next to the
/// documents. Whatever else is in a file (PDF, DOCX, a picture…) it is an input.
pub const DATA_EXTENSIONS: &[&str] = &[
    "toml", "json", "jsonl", "ndjson", "csv", "tsv", "yaml", "yml", "md", "markdown", "ini", "cfg",
    "conf", "log", "js", "mjs", "css", "py", "rs", "sh", "bat", "ps1", "sql",
];

impl Skipped {
    /// The closing stderr lines ("skipped 2 hidden entries (names starting with '.')"; in
    /// Chinese under `Lang::Zh`), empty when nothing was skipped.
    pub fn message(&self, lang: crate::check::Lang) -> Vec<String> {
        let zh = lang == crate::check::Lang::Zh;
        let mut lines = Vec::new();
        if self.hidden > 0 {
            lines.push(if zh {
                format!("跳过 {} 个隐藏项（名称以“.”开头）", self.hidden)
            } else {
                format!(
                    "skipped {} hidden entr{} (names starting with '.')",
                    self.hidden,
                    if self.hidden == 1 { "y" } else { "ies" }
                )
            });
        }
        let data: usize = self.data_files.values().sum();
        if data > 0 {
            let eg: Vec<String> = self
                .data_files
                .iter()
                .map(|(k, n)| format!("{k} \u{d7}{n}"))
                .collect();
            lines.push(if zh {
                format!("跳过 {data} 个数据或代码文本文件（{}）", eg.join("、"))
            } else {
                format!(
                    "skipped {data} text file{} of data or code ({})",
                    if data == 1 { "" } else { "s" },
                    eg.join(", ")
                )
            });
        }
        if self.special > 0 {
            lines.push(if zh {
                format!("跳过 {} 个特殊文件（套接字、管道或设备）", self.special)
            } else {
                format!(
                    "skipped {} special file{} (sockets, pipes or devices)",
                    self.special,
                    if self.special == 1 { "" } else { "s" }
                )
            });
        }
        lines
    }
}

/// Walks files and directories into a deterministic list of inputs. Directories are walked
/// recursively with entries sorted by name, and every regular file in them is sniffed: the
/// format comes from the bytes, so a PDF saved as `download.php` or without an extension
/// is read, and a picture or an archive gets an error record saying what it is. The name
/// is only a hint, used for one thing: plain text named as data or code
/// ([`DATA_EXTENSIONS`]: .toml, .json, .csv, .md …) is skipped. Those, hidden entries
/// (names starting with '.', not entered) and special files are counted in the returned
/// [`Skipped`]; the paths in `exclude` (the
/// output directory, the manifest) are left out. A path that does not exist or a file named
/// explicitly is always kept: it is read (or becomes an error record).
pub fn collect_inputs(paths: &[PathBuf], exclude: &[&Path]) -> (Vec<Input>, Skipped) {
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut out = Vec::new();
    let mut skipped = Skipped::default();
    for p in paths {
        if p.is_dir() {
            walk(p, &exclude, 0, &mut out, &mut skipped);
        } else {
            out.push(Input::new(p.clone()));
        }
    }
    out.shrink_to_fit();
    (out, skipped)
}

fn walk(
    dir: &Path,
    exclude: &[PathBuf],
    depth: usize,
    out: &mut Vec<Input>,
    skipped: &mut Skipped,
) {
    let excluded =
        |p: &Path| !exclude.is_empty() && p.canonicalize().is_ok_and(|c| exclude.contains(&c));
    if excluded(dir) {
        return;
    }
    let unreadable = || Input::new(dir.to_path_buf());
    if depth > MAX_DEPTH {
        // Too deep to be a real folder layout (or a symlink loop): one error record, not a
        // silent cut.
        out.push(unreadable());
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(unreadable());
        return;
    };
    let mut entries: Vec<PathBuf> = Vec::new();
    for e in rd.filter_map(|e| e.ok()) {
        if e.file_name().to_string_lossy().starts_with('.') {
            skipped.total += 1;
            skipped.hidden += 1;
        } else {
            entries.push(e.path());
        }
    }
    entries.sort();
    for e in entries {
        if e.is_dir() {
            walk(&e, exclude, depth + 1, out, skipped);
        } else if !e.is_file() {
            skipped.total += 1;
            skipped.special += 1;
        } else if excluded(&e) {
            continue;
        } else if let Some(ext) = data_text(&e) {
            skipped.total += 1;
            *skipped.data_files.entry(ext).or_default() += 1;
        } else {
            out.push(Input::new(e));
        }
    }
}

/// `Some(".ext")` if the file's name has an extension of [`DATA_EXTENSIONS`] and its first
/// 4 KiB sniff as plain text; `None` for every other file (read as an input).
fn data_text(p: &Path) -> Option<String> {
    use std::io::Read;
    let ext = p.extension()?.to_string_lossy().to_lowercase();
    if !DATA_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(p)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    match crate::ingest::sniff(&head) {
        Ok(crate::ingest::Sniffed::Text) => Some(format!(".{ext}")),
        _ => None,
    }
}

/// A finished document, serialized on the worker so the writer only writes.
#[derive(Debug, Clone)]
pub struct Emitted {
    /// SHA-256 (empty if the file could not be read).
    pub sha256: String,
    /// Path as printed.
    pub path: String,
    /// The JSON record, one line, with its '\n'.
    pub line: String,
    /// facts.csv rows (complete lines; empty without --out DIR).
    pub facts_csv: String,
    /// findings.csv rows (complete lines; empty without --out DIR).
    pub findings_csv: String,
    /// Error record?
    pub is_error: bool,
    /// Timed out?
    pub timed_out: bool,
    /// Findings by severity.
    pub severities: Vec<String>,
    /// What the caller's renderer made of the document (stdout text), on the worker.
    pub stdout: String,
    /// The result without facts, statements and tables (findings, coverage, department,
    /// year kept): small enough to keep for summaries.
    pub slim: DocResult,
    /// What the cross-document pass needs of the record.
    pub cross: crossdoc::DocMeta,
}

/// Renders one document for stdout on a worker thread (check text, check/extract JSON…).
pub type Render = Arc<dyn Fn(&DocResult) -> String + Send + Sync>;

/// What a worker hands back for one input.
enum Outcome {
    Skipped { shard: bool },
    Done(Box<Emitted>),
}

/// The per-document record of documents.jsonl.
///
/// Extract mode: the extract contract ([`crate::report::extract_json`]). Check mode: the
/// check contract ([`crate::report::check_json`]) plus the extract contract's `facts`,
/// `statements`, `indicators` and `warnings`, so that facts.csv and the cross-document checks
/// can be rebuilt from documents.jsonl alone (which is what makes `--resume` exact).
pub fn record_line(result: &DocResult, mode: Mode) -> String {
    let view = crate::report::extract_json::view(result);
    // Written straight into one buffer: a record can be hundreds of kB, and building each
    // part as a string of its own and copying it in made a good share of a run's page faults.
    let mut buf: Vec<u8> = Vec::with_capacity(64 << 10);
    let written = match mode {
        Mode::Extract => serde_json::to_writer(&mut buf, &view),
        Mode::Check => {
            serde_json::to_writer(&mut buf, &crate::report::check_json::doc_out(result)).and_then(
                |()| {
                    // Append the extract fields inside the object, keeping the contract's key
                    // order.
                    if buf.last() != Some(&b'}') {
                        return Ok(());
                    }
                    buf.pop();
                    let field = |buf: &mut Vec<u8>, key: &str| {
                        buf.extend_from_slice(b",\"");
                        buf.extend_from_slice(key.as_bytes());
                        buf.extend_from_slice(b"\":");
                    };
                    if let Some(v) = &view.facts {
                        field(&mut buf, "facts");
                        serde_json::to_writer(&mut buf, v)?;
                    }
                    if let Some(v) = &view.statements {
                        field(&mut buf, "statements");
                        serde_json::to_writer(&mut buf, v)?;
                    }
                    if let Some(v) = &view.indicators {
                        field(&mut buf, "indicators");
                        serde_json::to_writer(&mut buf, v)?;
                    }
                    if let Some(v) = &view.warnings {
                        field(&mut buf, "warnings");
                        serde_json::to_writer(&mut buf, v)?;
                    }
                    buf.push(b'}');
                    Ok(())
                },
            )
        }
    };
    // serde_json writes UTF-8 only.
    let mut line = match written.map(|()| String::from_utf8(buf)) {
        Ok(Ok(line)) => line,
        Ok(Err(e)) => failed_line(result, &e.to_string()),
        Err(e) => failed_line(result, &e.to_string()),
    };
    line.push('\n');
    line
}

/// The record of a document whose record could not be written.
fn failed_line(result: &DocResult, e: &str) -> String {
    format!(
        "{{\"type\":\"document\",\"path\":{},\"error\":\"failed to serialize ({e})\"}}",
        Value::String(result.path.clone())
    )
}

fn error_result(path: &str, sha256: String, code: &str, message: String) -> DocResult {
    DocResult {
        path: path.to_string(),
        format: None,
        sha256,
        error: Some(message),
        error_code: Some(code.to_string()),
        doc_warnings: Vec::new(),
        extraction: None,
        report: None,
    }
}

/// Reads a file whole if within the limit; otherwise hashes it in chunks (bounded memory)
/// and returns the hash with the file's size instead of its bytes.
fn read_input(path: &Path, max: u64) -> Result<(String, Result<Vec<u8>, u64>), std::io::Error> {
    let meta = std::fs::metadata(path)?;
    if meta.len() <= max {
        let bytes = std::fs::read(path)?;
        return Ok((crate::sha256_hex(&bytes), Ok(bytes)));
    }
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(buf.get(..n).unwrap_or_default());
    }
    Ok((
        h.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        Err(meta.len()),
    ))
}

/// Everything a worker needs, shared.
struct Shared {
    patterns: PatternSet,
    cfg: Config,
    mode: Mode,
    timeout: Duration,
    shard: Option<Shard>,
    done: outdir::DoneSet,
    manifest: manifest::Manifest,
    panic_on: Option<String>,
    abandoned: AtomicUsize,
    /// Timed-out documents that stopped themselves within [`STOP_GRACE`].
    stopped: AtomicUsize,
    render: Option<Render>,
    /// Whether facts.csv and findings.csv rows are wanted (--out DIR).
    datasets: bool,
}

/// Runs one input: read, filter (shard/resume), process with isolation, serialize.
fn run_one(shared: &Arc<Shared>, input: &Input) -> Outcome {
    let display = input.display().into_owned();
    let read = read_input(&input.path, shared.cfg.limits.max_file_bytes);
    let (sha, bytes) = match read {
        Ok(x) => x,
        Err(e) => {
            // No content hash: shard by the path so the document lands in exactly one share.
            if let Some(s) = shared.shard {
                if !s.contains(&crate::sha256_hex(display.as_bytes())) {
                    return Outcome::Skipped { shard: true };
                }
            }
            if shared.done.contains("", &display) {
                return Outcome::Skipped { shard: false };
            }
            let r = error_result(
                &display,
                String::new(),
                "io",
                format!("failed to read file ({e})"),
            );
            return Outcome::Done(Box::new(emit(shared, r)));
        }
    };
    if let Some(s) = shared.shard {
        if !s.contains(&sha) {
            return Outcome::Skipped { shard: true };
        }
    }
    if shared.done.contains(&sha, &display) {
        return Outcome::Skipped { shard: false };
    }
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(len) => {
            let e = crate::ingest::IngestError::file_too_big(len, shared.cfg.limits.max_file_bytes);
            let r = error_result(&display, sha, e.code(), e.to_string());
            return Outcome::Done(Box::new(emit(shared, r)));
        }
    };
    let mut result = isolated(shared, &display, sha, bytes);
    shared.manifest.apply(&input.path, &mut result);
    Outcome::Done(Box::new(emit(shared, result)))
}

/// What a document thread sends back: the result, or the panic's message.
type DocOutcome = Result<DocResult, String>;

/// A job for a document thread.
type DocJob = Box<dyn FnOnce() -> DocOutcome + Send>;

/// A long-lived thread that runs documents one at a time for one pool worker. It is kept
/// across documents (a thread per document cost ~12 MB of peak RSS in malloc arenas and
/// let RSS creep up over a run) and replaced only when a document overruns its deadline:
/// that thread is abandoned with its document and ends when the document does (its
/// channels are gone).
struct DocThread {
    jobs: mpsc::Sender<DocJob>,
    results: mpsc::Receiver<DocOutcome>,
}

impl DocThread {
    fn spawn() -> std::io::Result<DocThread> {
        let (jobs, job_rx) = mpsc::channel::<DocJob>();
        let (result_tx, results) = mpsc::channel::<DocOutcome>();
        std::thread::Builder::new()
            .name("crossfoot-doc".into())
            .stack_size(64 << 20)
            .spawn(move || {
                while let Ok(job) = job_rx.recv() {
                    // The receiver is gone if the worker timed out: stop with the document.
                    if result_tx.send(job()).is_err() {
                        break;
                    }
                }
            })?;
        Ok(DocThread { jobs, results })
    }
}

std::thread_local! {
    /// The pool worker's document thread (none yet, or abandoned after a timeout).
    static DOC_THREAD: std::cell::RefCell<Option<DocThread>> = const { std::cell::RefCell::new(None) };
}

/// Runs `process` on the worker's document thread with catch_unwind and a deadline.
fn isolated(shared: &Arc<Shared>, display: &str, sha: String, bytes: Vec<u8>) -> DocResult {
    let worker_shared = Arc::clone(shared);
    let path = display.to_string();
    let hash = sha.clone();
    let job: DocJob = Box::new(move || {
        let s = &worker_shared;
        // The document stops itself at the deadline (cooperative cancellation).
        let _deadline = crate::deadline::set(s.timeout);
        catch_unwind(AssertUnwindSafe(|| {
            if let Some(needle) = &s.panic_on {
                if path.contains(needle.as_str()) {
                    panic!("test hook {TEST_PANIC_ENV} matched {path}");
                }
            }
            crate::process_hashed(
                &path,
                &bytes,
                hash,
                &s.patterns,
                &s.cfg,
                s.mode == Mode::Check,
            )
        }))
        .map_err(|p| {
            p.downcast_ref::<&str>()
                .map(|m| m.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into())
        })
    });
    let thread = match DOC_THREAD.with(|t| t.borrow_mut().take()) {
        Some(t) => Ok(t),
        None => DocThread::spawn(),
    };
    let thread = match thread {
        Ok(t) => t,
        Err(e) => {
            return error_result(
                display,
                sha,
                "internal",
                format!("internal error: failed to start a worker thread ({e})"),
            )
        }
    };
    // A thread that died (it cannot: panics are caught) refuses the job: start another.
    let thread = match thread.jobs.send(job) {
        Ok(()) => thread,
        Err(mpsc::SendError(job)) => match DocThread::spawn() {
            Ok(t) if t.jobs.send(job).is_ok() => t,
            _ => {
                return error_result(
                    display,
                    sha,
                    "internal",
                    "internal error: failed to start a worker thread".into(),
                )
            }
        },
    };
    let mut outcome = thread.results.recv_timeout(shared.timeout);
    if matches!(outcome, Err(mpsc::RecvTimeoutError::Timeout)) {
        // The document checks its deadline as it goes (crate::deadline) and should stop
        // within moments: wait a little for it, so that its thread is reused. Whatever it
        // sends now, the document is recorded as timed out.
        if thread.results.recv_timeout(STOP_GRACE).is_ok() {
            DOC_THREAD.with(|t| *t.borrow_mut() = Some(thread));
            shared.stopped.fetch_add(1, Ordering::Relaxed);
            outcome = Err(mpsc::RecvTimeoutError::Timeout);
        } else {
            shared.abandoned.fetch_add(1, Ordering::Relaxed);
        }
    } else if outcome.is_ok() {
        DOC_THREAD.with(|t| *t.borrow_mut() = Some(thread));
    }
    match outcome {
        Ok(Ok(r)) => r,
        Ok(Err(msg)) => error_result(
            display,
            sha,
            "panic",
            format!("internal error: panicked while processing ({msg}); please report it"),
        ),
        Err(mpsc::RecvTimeoutError::Timeout) => error_result(
            display,
            sha,
            "timeout",
            format!(
                "timed out after {} s; raise it with --timeout",
                shared.timeout.as_secs()
            ),
        ),
        Err(mpsc::RecvTimeoutError::Disconnected) => error_result(
            display,
            sha,
            "panic",
            "internal error: the worker thread died; please report it".into(),
        ),
    }
}

fn emit(shared: &Shared, r: DocResult) -> Emitted {
    let line = record_line(&r, shared.mode);
    let severities = finding_severities(&r);
    let stdout = shared.render.as_ref().map(|f| f(&r)).unwrap_or_default();
    // The CSV rows are only written into --out DIR (a spill run keeps just the JSON line);
    // they are made from the record as written.
    let (facts_csv, findings_csv) = if shared.datasets {
        let rec: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        (
            crate::report::csv::fact_rows(&rec),
            crate::report::csv::finding_rows(&rec),
        )
    } else {
        (String::new(), String::new())
    };
    let cross = crossdoc::DocMeta::of_result(&r);
    let mut slim = r;
    if let Some(ex) = slim.extraction.as_mut() {
        ex.facts = Vec::new();
        ex.statements = Vec::new();
        ex.perf_tables = Vec::new();
    }
    Emitted {
        stdout,
        sha256: slim.sha256.clone(),
        path: slim.path.clone(),
        facts_csv,
        findings_csv,
        line,
        is_error: slim.error.is_some(),
        timed_out: slim.error_code.as_deref() == Some("timeout"),
        severities,
        slim,
        cross,
    }
}

/// The severity of each finding of a document, in order (as its record lists them).
fn finding_severities(r: &DocResult) -> Vec<String> {
    r.report.as_ref().map_or_else(Vec::new, |rep| {
        rep.findings
            .iter()
            .map(|f| f.severity.as_str().to_string())
            .collect()
    })
}

/// Where finished documents' records go.
enum Sink {
    /// A spill file for the cross-document pass (records are not kept).
    Spill(outdir::Spill),
    /// The output directory.
    Dir(OutDir),
}

/// Runs a corpus: every input through the pipeline. `render` (if any) turns each result
/// into stdout text on the worker; `emit` is called on the calling thread for every
/// processed document in input order (to write that text). Returns the counts and the
/// cross-document findings (already in --out DIR when given).
pub fn run(
    paths: &[PathBuf],
    patterns: &PatternSet,
    cfg: &Config,
    opts: &CorpusOptions,
    render: Option<Render>,
    emit: &mut dyn FnMut(&Emitted) -> std::io::Result<()>,
) -> Result<(RunStats, Vec<crossdoc::CorpusFinding>), CorpusError> {
    if opts.resume && opts.out.is_none() {
        return Err(CorpusError::Usage(Usage::ResumeWithoutOut));
    }
    let started = Instant::now();
    let exclude: Vec<&Path> = opts
        .out
        .iter()
        .chain(opts.manifest.iter())
        .map(PathBuf::as_path)
        .collect();
    let (inputs, skipped_files) = collect_inputs(paths, &exclude);
    let manifest = match &opts.manifest {
        Some(p) => manifest::Manifest::load(p)?,
        None => manifest::Manifest::default(),
    };
    let mut sink = match &opts.out {
        Some(dir) => Sink::Dir(OutDir::open(dir, opts.resume, opts.csv_bom)?),
        None => Sink::Spill(outdir::Spill::create()?),
    };
    let done = match &mut sink {
        Sink::Dir(d) => d.take_done(),
        Sink::Spill(_) => Default::default(),
    };
    let lang = cfg.lang;
    let mut cfg = cfg.clone();
    cfg.limits.timeout = opts.timeout;
    let shared = Arc::new(Shared {
        patterns: patterns.clone(),
        cfg,
        mode: opts.mode,
        timeout: opts.timeout,
        shard: opts.shard,
        done,
        manifest,
        panic_on: std::env::var(TEST_PANIC_ENV).ok().filter(|s| !s.is_empty()),
        abandoned: AtomicUsize::new(0),
        stopped: AtomicUsize::new(0),
        render,
        datasets: opts.out.is_some(),
    });
    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        opts.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("crossfoot-worker-{i}"))
        .build()
        .map_err(|e| CorpusError::Pool(e.to_string()))?;
    let progress = progress_bar(inputs.len(), opts.quiet, lang);
    let window = (2 * jobs).max(2);
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    let mut stats = RunStats {
        inputs: inputs.len(),
        skipped_files,
        ..RunStats::default()
    };
    let mut buffer: BTreeMap<usize, Outcome> = BTreeMap::new();
    let (mut next_submit, mut next_emit) = (0usize, 0usize);
    let inputs = Arc::new(inputs);
    while next_emit < inputs.len() {
        while next_submit < inputs.len() && next_submit < next_emit + window {
            let (tx, shared, inputs) = (tx.clone(), Arc::clone(&shared), Arc::clone(&inputs));
            let i = next_submit;
            pool.spawn(move || {
                let outcome = match inputs.get(i) {
                    Some(input) => run_one(&shared, input),
                    None => Outcome::Skipped { shard: false },
                };
                let _ = tx.send((i, outcome));
            });
            next_submit += 1;
        }
        let Ok((i, outcome)) = rx.recv() else {
            break; // every sender gone: cannot happen while we hold `tx`
        };
        buffer.insert(i, outcome);
        while let Some(outcome) = buffer.remove(&next_emit) {
            next_emit += 1;
            match outcome {
                Outcome::Skipped { shard: true } => stats.skipped_shard += 1,
                Outcome::Skipped { shard: false } => stats.skipped_resume += 1,
                Outcome::Done(e) => {
                    stats.processed += 1;
                    stats.errors += usize::from(e.is_error);
                    stats.timed_out += usize::from(e.timed_out);
                    for s in &e.severities {
                        *stats.findings.entry(s.clone()).or_default() += 1;
                    }
                    match &mut sink {
                        Sink::Dir(d) => d.append(&e)?,
                        Sink::Spill(spill) => spill.append(&e.line, &e.cross)?,
                    }
                    emit(&e).map_err(|source| CorpusError::Write {
                        path: PathBuf::from("<output>"),
                        source,
                    })?;
                }
            }
            if let Some(pb) = &progress {
                pb.inc(1);
                pb.set_message(match lang {
                    crate::check::Lang::Zh => format!("无法处理 {} 份", stats.errors),
                    crate::check::Lang::En => format!("errors: {}", stats.errors),
                });
            }
        }
    }
    drop(tx);
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    // The end pass parses every record again, one or two at a time. It runs on a fresh
    // thread so that the allocator (glibc gives a new thread the arena a finished document
    // thread left) serves it from memory the workers already made resident, instead of
    // growing the main thread's heap on top of it; the peak is then the workers' peak. The
    // result, and a panic, are passed on as if it had run here.
    let skipped_files = &stats.skipped_files;
    let end_pass = move || match sink {
        Sink::Dir(d) => d.finalize(
            inputs.iter().map(|i| i.display()),
            opts,
            skipped_files,
            lang,
        ),
        Sink::Spill(spill) => spill.corpus_findings(lang),
    };
    let corpus_findings = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("crossfoot-end".into())
            .spawn_scoped(s, end_pass)
            .map(|h| h.join())
    });
    let corpus_findings = match corpus_findings {
        Ok(Ok(result)) => result?,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(e) => return Err(CorpusError::Pool(e.to_string())),
    };
    stats.corpus_findings = corpus_findings.len();
    for f in &corpus_findings {
        *stats.findings.entry(f.severity.clone()).or_default() += 1;
    }
    stats.abandoned_threads = shared.abandoned.load(Ordering::Relaxed);
    stats.stopped_in_time = shared.stopped.load(Ordering::Relaxed);
    // Printed even with --quiet: a file left out must never go unmentioned.
    let zh = lang == crate::check::Lang::Zh;
    for line in stats.skipped_files.message(lang) {
        eprintln!("crossfoot: {line}");
    }
    if !opts.quiet && zh {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "crossfoot: 处理 {} 份文件（{} 份无法处理，其中 {} 份超时），{} 份已有记录而跳过（--resume），{} 份不在本分片，跨文件发现 {} 条，用时 {:.1} 秒（每秒 {:.1} 份）",
            stats.processed,
            stats.errors,
            stats.timed_out,
            stats.skipped_resume,
            stats.skipped_shard,
            stats.corpus_findings,
            secs,
            stats.processed as f64 / secs.max(1e-9),
        );
        if stats.abandoned_threads > 0 {
            eprintln!(
                "crossfoot: {} 个超时文件的处理线程已放弃（随进程结束）",
                stats.abandoned_threads
            );
        }
    } else if !opts.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "crossfoot: {} documents processed ({} errors, {} timed out), {} skipped (resume), {} outside shard, {} corpus findings, in {:.1} s ({:.1} docs/s)",
            stats.processed,
            stats.errors,
            stats.timed_out,
            stats.skipped_resume,
            stats.skipped_shard,
            stats.corpus_findings,
            secs,
            stats.processed as f64 / secs.max(1e-9),
        );
        if stats.abandoned_threads > 0 {
            eprintln!(
                "crossfoot: {} timed-out document threads were abandoned (they end with the process)",
                stats.abandoned_threads
            );
        }
    }
    Ok((stats, corpus_findings))
}

/// The progress bar on a terminal's stderr, its words in `lang`.
fn progress_bar(
    total: usize,
    quiet: bool,
    lang: crate::check::Lang,
) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(total as u64);
    let style = indicatif::ProgressStyle::with_template(match lang {
        crate::check::Lang::Zh => "{bar:30} {pos}/{len} 份文件  {per_sec}  预计剩余 {eta}  {msg}",
        crate::check::Lang::En => "{bar:30} {pos}/{len} documents  {per_sec}  ETA {eta}  {msg}",
    })
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    pb.set_style(style);
    Some(pb)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The errors that end a run: the English as it always was, the Chinese naming the file.
    #[test]
    fn corpus_errors_in_both_languages() {
        let usage = CorpusError::Usage(Usage::ResumeWithoutOut);
        assert_eq!(
            usage.to_string(),
            "--resume needs --out DIR (the directory of the run to resume)"
        );
        assert_eq!(
            usage.zh(),
            "--resume 需要 --out DIR（要继续的那次运行的目录）"
        );
        let write = CorpusError::Write {
            path: PathBuf::from("out/facts.csv"),
            source: std::io::Error::from_raw_os_error(28),
        };
        assert_eq!(
            write.zh(),
            "out/facts.csv：写入失败：磁盘空间不足（系统错误 28）"
        );
        let read = CorpusError::Read {
            path: PathBuf::from("out/documents.jsonl"),
            cause: std::io::Error::from_raw_os_error(13),
        };
        assert_eq!(
            read.to_string(),
            "failed to read out/documents.jsonl (Permission denied (os error 13))"
        );
        assert_eq!(
            read.zh(),
            "out/documents.jsonl：读取失败：没有权限（系统错误 13）"
        );
        assert_eq!(CorpusError::Pool("x".into()).zh(), "无法启动工作线程");
    }

    // K/N parses, rejects nonsense, and every hash lands in exactly one share.
    #[test]
    fn shards_partition_hashes() {
        let s: Shard = "2/3".parse().unwrap();
        assert_eq!(s, Shard { k: 2, n: 3 });
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        for i in 0..50u32 {
            let h = crate::sha256_hex(&i.to_le_bytes());
            let owners = (1..=3)
                .filter(|k| Shard { k: *k, n: 3 }.contains(&h))
                .count();
            assert_eq!(owners, 1, "{h}");
        }
        // 0x...ff = 255 mod 4 = 3 → share 4/4.
        assert!(Shard { k: 4, n: 4 }.contains("00ff"));
    }

    // What emit takes from the result (severities and the cross-document DocMeta) is what
    // the document's record says, in both modes: the bundled disclosure in each format, a
    // department set by a manifest, and a file that cannot be read.
    #[test]
    fn emit_reads_the_result_as_its_record_says() {
        let set = PatternSet::builtin().expect("built-in patterns");
        let cfg = Config::default();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut inputs: Vec<(String, Vec<u8>)> = ["txt", "gbk.txt", "docx", "pdf"]
            .iter()
            .map(|ext| {
                let name = format!("changji-minzheng-2024-juesuan.{ext}");
                let bytes = std::fs::read(dir.join(&name)).expect("bundled file");
                (name, bytes)
            })
            .collect();
        inputs.push(("broken.pdf".into(), b"%PDF-1.7\n garbage".to_vec()));
        let mut claims = 0;
        let mut findings = 0;
        for mode in [Mode::Extract, Mode::Check] {
            for (name, bytes) in &inputs {
                let mut r = crate::process(name, bytes, &set, &cfg, mode == Mode::Check);
                for renamed in [false, true] {
                    if renamed {
                        if let Some(ex) = r.extraction.as_mut() {
                            ex.department = Some(" 某某局 ".into());
                            ex.year = Some(2019);
                        }
                    }
                    let line = record_line(&r, mode);
                    let rec: Value = serde_json::from_str(&line).expect("record");
                    let meta = crossdoc::DocMeta::of_result(&r);
                    assert_eq!(meta, crossdoc::DocMeta::of(&rec), "{name} {mode:?}");
                    let from_record: Vec<String> = crate::corpus::record::findings(&rec)
                        .iter()
                        .map(|f| crate::corpus::record::str_of(f, "severity").to_string())
                        .collect();
                    assert_eq!(finding_severities(&r), from_record, "{name} {mode:?}");
                    claims += meta.claims;
                    findings += from_record.len();
                }
            }
        }
        // Not vacuous: the bundled disclosure states year-on-year changes and has findings.
        assert!(
            claims > 0 && findings > 0,
            "claims {claims}, findings {findings}"
        );
    }
}
