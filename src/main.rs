//! The crossfoot command line: parses arguments, calls the library, maps results to exit
//! codes (0 ok, 1 findings at or above --fail-on / failing pattern examples, 2 some input
//! could not be processed or a usage/pattern-file error).
//!
//! stdout carries data only; messages go to stderr.

mod cli_zh;

use anyhow::Result;
use clap::{Args, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};
use crossfoot::corpus::{self, CorpusOptions, Emitted, Mode, Shard};
use crossfoot::patterns::PatternSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

/// The exit code earned by the documents written so far (0, 1 for a finding at or above
/// `--fail-on`, 2 for a document that could not be processed): what the process exits with
/// when the reader of stdout goes away (`crossfoot check … | head`).
static STATUS_SO_FAR: AtomicU8 = AtomicU8::new(0);

/// Whether messages are Chinese (`--lang zh`, the default), for the error that ends a run.
static LANG_ZH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// The line for an error that stops the run, in the language of `--lang`. Under zh:
/// pattern-directory problems with what the TOML or regex library said classified in
/// Chinese, with its position; the corpus runner's errors ([`corpus::CorpusError::zh`]) and
/// the command line's own ([`MainError::zh`]) naming their file, option or name, an OS cause
/// classified by its kind. An error of no known type (none is known to reach here) keeps
/// its English detail after a Chinese lead.
fn fatal_line(e: &anyhow::Error) -> String {
    use crossfoot::patterns::PatternError;
    if !LANG_ZH.load(Ordering::Relaxed) {
        return format!("crossfoot: {e:#}");
    }
    match e.downcast_ref::<PatternError>() {
        Some(PatternError::Missing { file }) => format!(
            "crossfoot: {file}：缺少此文件：--patterns 目录必须包含全部模式文件（{}）",
            crossfoot::patterns::REQUIRED.join("、")
        ),
        Some(PatternError::Empty { file }) => {
            format!("crossfoot: {file}：文件为空：模式文件必须包含其条目")
        }
        Some(PatternError::Io { file, detail }) => format!(
            "crossfoot: {file}：{}",
            crossfoot::report::errors::localize(
                "io",
                &format!("failed to read file ({detail})"),
                crossfoot::check::Lang::Zh
            )
        ),
        Some(PatternError::Invalid {
            file, detail_zh, ..
        }) => {
            format!("crossfoot: {file}：内容无效（{detail_zh}）")
        }
        Some(PatternError::Syntax {
            file,
            line,
            detail_zh,
            ..
        }) if *line == 0 => format!("crossfoot: {file}：模式文件格式无效（{detail_zh}）"),
        Some(PatternError::Syntax {
            file,
            line,
            detail_zh,
            ..
        }) => {
            format!("crossfoot: {file}:{line}：模式文件格式无效（{detail_zh}）")
        }
        Some(PatternError::Regex {
            file,
            line,
            id,
            detail_zh,
            ..
        }) => format!("crossfoot: {file}:{line}：模式 `{id}`：正则表达式无效（{detail_zh}）"),
        Some(PatternError::Duplicate {
            file,
            line,
            id,
            first,
        }) => format!("crossfoot: {file}:{line}：模式 `{id}`：编号重复（首次出现在 {first}）"),
        _ => {
            if let Some(m) = e.downcast_ref::<MainError>() {
                return format!("crossfoot: {}", m.zh());
            }
            match e.downcast_ref::<corpus::CorpusError>() {
                // What the run writes to: the -o file or stdout.
                Some(corpus::CorpusError::Write { path, source })
                    if path == Path::new("<output>") =>
                {
                    format!(
                        "crossfoot: {}",
                        MainError::write_zh(OUTPUT.get().map_or("-", String::as_str), source)
                    )
                }
                Some(c) => format!("crossfoot: {}", c.zh()),
                None => format!("crossfoot: 错误：{e:#}"),
            }
        }
    }
}

/// An error of the command line itself that ends a run: the `Display` is the English
/// (`--lang en`), [`MainError::zh`] the Chinese.
#[derive(Debug, thiserror::Error)]
enum MainError {
    /// `-o FILE` cannot be created.
    #[error("failed to create {output}: {cause}")]
    Create {
        output: String,
        cause: std::io::Error,
    },
    /// Writing the output (`-o FILE`, or stdout when "-") failed.
    #[error("{cause}")]
    Write {
        output: String,
        cause: std::io::Error,
    },
    /// `crossfoot schema NAME` with a name that is not a schema.
    #[error("unknown schema {name:?}: one of {}", SCHEMAS.join(", "))]
    UnknownSchema { name: String },
    /// A result that does not serialize as JSON.
    #[error("{0}")]
    Serialize(serde_json::Error),
}

/// The names `crossfoot schema NAME` takes.
const SCHEMAS: &[&str] = &[
    "extract-document",
    "check-document",
    "summary",
    "corpus-finding",
];

impl MainError {
    /// The Chinese line (after "crossfoot: "), naming the file or the name given.
    fn zh(&self) -> String {
        use crossfoot::report::errors::io_error_zh;
        match self {
            MainError::Create { output, cause } => {
                format!("{output}：{}", io_error_zh(cause, "无法创建输出文件（-o）"))
            }
            MainError::Write { output, cause } => MainError::write_zh(output, cause),
            MainError::UnknownSchema { name } => format!(
                "错误：未知的模式定义名称 {name:?}；可选值：{}",
                SCHEMAS.join("、")
            ),
            MainError::Serialize(_) => "内部错误：结果无法序列化为 JSON".to_string(),
        }
    }

    /// A write to the output that failed, in Chinese: the -o file, or 标准输出 for "-".
    fn write_zh(output: &str, cause: &std::io::Error) -> String {
        let name = if output == "-" {
            "标准输出"
        } else {
            output
        };
        format!(
            "{name}：{}",
            crossfoot::report::errors::io_error_zh(cause, "写入失败")
        )
    }
}

/// The `-o` of the run ("-" = stdout), for the Chinese line of a failed write.
static OUTPUT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// A bare I/O or JSON error that reached `run`: the commands' own output writes (reads are
/// the library's, with their own errors), so it is given the output's name.
fn at_output(e: anyhow::Error, output: &str) -> anyhow::Error {
    let e = match e.downcast::<std::io::Error>() {
        Ok(cause) => {
            return MainError::Write {
                output: output.to_string(),
                cause,
            }
            .into()
        }
        Err(e) => e,
    };
    match e.downcast::<serde_json::Error>() {
        Ok(cause) => MainError::Serialize(cause).into(),
        Err(e) => e,
    }
}

fn raise_status(code: u8) {
    STATUS_SO_FAR.fetch_max(code, Ordering::Relaxed);
}

/// True if the error is stdout's reader going away (EPIPE): a normal stop, not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(pipe)
            || matches!(c.downcast_ref::<MainError>(), Some(MainError::Write { cause, .. }) if pipe(cause))
    })
}

// The doc comments below are the English help; their Chinese (`--lang zh`, the default) is
// in the tables of src/cli_zh.rs, keyed by subcommand and argument id: change both together.

/// Extract figures from Chinese budget disclosures and check their arithmetic.
#[derive(Parser)]
#[command(name = "crossfoot", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of the help and of the messages, for the subcommand that follows too
    /// (its own --lang wins).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Subcommand)]
enum Command {
    /// Extract facts, statements and indicator tables as JSON (schema_version 1).
    ///
    /// `--format json` prints one pretty JSON object when given one file, and a JSON array of
    /// objects when given several files or a directory; `--format jsonl` prints one compact
    /// line per document. A file that cannot be read becomes an object with an "error" field;
    /// the other files are still processed and the exit code is 2.
    Extract {
        /// Files or directories (directories are walked sorted by path; every regular file
        /// is read whatever its name, the format is sniffed from the bytes; hidden entries
        /// are skipped and counted).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to this file instead of stdout ("-" = stdout).
        #[arg(short, long, default_value = "-")]
        output: String,
        /// Load pattern files from this directory instead of the built-in ones.
        #[arg(long, value_name = "DIR")]
        patterns: Option<PathBuf>,
        /// Language of the messages on stderr (the JSON is the same in both).
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Check the arithmetic of every statement (sums, shares, growth and variance rates,
    /// performance tables, identities) and report findings with coverage.
    ///
    /// Exit code 0 when no finding is at or above --fail-on, 1 when some are, 2 when some
    /// input could not be processed (all other inputs are still checked and reported).
    Check {
        /// Files or directories (directories are walked sorted by path; every regular file
        /// is read whatever its name, the format is sniffed from the bytes; hidden entries
        /// are skipped and counted).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format: text for a person, json (one object), jsonl (a line per document,
        /// then a summary line).
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Lowest severity that makes the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Language of messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Write to this file instead of stdout ("-" = stdout).
        #[arg(short, long, default_value = "-")]
        output: String,
        /// Load pattern files from this directory instead of the built-in ones.
        #[arg(long, value_name = "DIR")]
        patterns: Option<PathBuf>,
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print the JSON Schemas of the outputs: all as one object, or one by name
    /// (extract-document, check-document, summary, corpus-finding).
    Schema {
        /// Schema name; all when absent.
        name: Option<String>,
        /// Language of the error for an unknown name (the schemas are the same in both).
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// List the check rules: id, severities, description.
    Rules {
        /// Language of descriptions.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// List or try the pattern sets (patterns/*.toml).
    Patterns {
        #[command(subcommand)]
        action: PatternsAction,
        /// Load pattern files from this directory instead of the built-in ones.
        #[arg(long, value_name = "DIR", global = true)]
        patterns: Option<PathBuf>,
        /// Language of the output (the patterns' own descriptions are printed as written).
        #[arg(long, value_enum, default_value_t = LangArg::Zh, global = true)]
        lang: LangArg,
    },
}

/// Corpus-mode options shared by `check` and `extract` (docs/corpus.md): documents run in
/// parallel, results stay in input order.
#[derive(Args)]
struct CorpusArgs {
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "jobs", default_value_t = 0)]
    jobs: usize,
    /// No progress bar and no closing line on stderr.
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Seconds one document may take before it becomes a "timed out" error record.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    timeout: u64,
    /// Write documents.jsonl, facts.csv, findings.csv, summary.json and report.html into
    /// DIR, incrementally (stdout then stays empty).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Skip the documents already recorded in --out DIR and append the rest.
    #[arg(long, requires = "out")]
    resume: bool,
    /// Only the documents whose SHA-256 modulo N is K-1 (e.g. 3/8).
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// CSV with columns path,department,year overriding recognised departments and years.
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Write facts.csv and findings.csv without the UTF-8 byte order mark they start with by
    /// default (the mark lets Excel and WPS on Chinese Windows read them as UTF-8).
    #[arg(long, requires = "out")]
    no_bom: bool,
}

impl CorpusArgs {
    fn options(self, mode: Mode) -> CorpusOptions {
        CorpusOptions {
            mode,
            jobs: self.jobs,
            timeout: std::time::Duration::from_secs(self.timeout.max(1)),
            quiet: self.quiet,
            out: self.out,
            resume: self.resume,
            shard: self.shard,
            manifest: self.manifest,
            csv_bom: !self.no_bom,
        }
    }
}

/// Resource limits for reading one document, shared by every subcommand that reads files.
/// Exceeding one fails that document (with a message naming the flag), never the run. The
/// per-document wall time is `--timeout` (corpus options).
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Limits per document")]
struct LimitArgs {
    /// Largest input file, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 200)]
    max_file_mb: u64,
    /// Most pages read from one PDF.
    #[arg(long, value_name = "N", default_value_t = 2_000)]
    max_pages: u32,
    /// Largest decompressed size of one PDF stream or one DOCX zip part, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    max_stream_mb: u64,
    /// Largest decompressed total for one document, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_doc_mb: u64,
    /// Most entries in a DOCX zip archive.
    #[arg(long, value_name = "N", default_value_t = 5_000)]
    max_zip_entries: usize,
    /// Most content-stream operations interpreted on one PDF page.
    #[arg(long, value_name = "N", default_value_t = 2_000_000)]
    max_ops: usize,
    /// Deepest nesting of PDF form XObjects.
    #[arg(long, value_name = "N", default_value_t = 12)]
    max_form_depth: u32,
    /// Highest sheet row read from a workbook (XLSX/XLS/ET).
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    max_rows: u32,
    /// Most non-empty cells read from one workbook, all sheets together.
    #[arg(long, value_name = "N", default_value_t = 2_000_000)]
    max_cells: usize,
}

impl LimitArgs {
    /// The library's limits (MiB flags become bytes; saturating, so a huge flag means
    /// "practically unlimited" rather than an overflow). The timeout is set by the runner
    /// from `--timeout`.
    fn to_limits(&self) -> crossfoot::ingest::Limits {
        const MIB: u64 = 1024 * 1024;
        crossfoot::ingest::Limits {
            max_file_bytes: self.max_file_mb.saturating_mul(MIB),
            max_pages: self.max_pages,
            max_stream_bytes: self.max_stream_mb.saturating_mul(MIB),
            max_doc_bytes: self.max_doc_mb.saturating_mul(MIB),
            max_zip_entries: self.max_zip_entries,
            max_ops_per_page: self.max_ops,
            max_form_depth: self.max_form_depth,
            max_sheet_rows: self.max_rows,
            max_cells: self.max_cells,
            ..crossfoot::ingest::Limits::default()
        }
    }
}

#[derive(Subcommand)]
enum PatternsAction {
    /// Print every pattern: id, file, description (tab-separated).
    List,
    /// Show which patterns fire on a sentence, with their captures, and what the narrative
    /// extractor reads from it (facts and statements).
    Test {
        /// The sentence (as published; full-width characters are fine).
        text: String,
    },
    /// Run every example and counter-example of every pattern file (exit 1 on a failure).
    Check,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Pretty JSON: an object for one file, an array for several.
    Json,
    /// One compact JSON object per line.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    /// A report for a person.
    Text,
    /// One JSON object: {"schema_version", "documents", "corpus_findings", "summary"}.
    Json,
    /// One JSON object per document per line, then a summary line.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOn {
    /// Exit 1 when there is an error finding.
    Error,
    /// Exit 1 when there is an error or warning finding.
    Warning,
    /// Never exit 1 for findings.
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum LangArg {
    /// Chinese.
    Zh,
    /// English.
    En,
}

impl LangArg {
    fn lang(self) -> crossfoot::check::Lang {
        match self {
            LangArg::Zh => crossfoot::check::Lang::Zh,
            LangArg::En => crossfoot::check::Lang::En,
        }
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::from(STATUS_SO_FAR.load(Ordering::Relaxed)),
        Err(e) => {
            eprintln!("{}", fatal_line(&e));
            ExitCode::from(2)
        }
    }
}

/// The parsed command line. Under `--lang zh` (the default; `--lang en` is looked for before
/// clap parses) the help and the usage errors are Chinese ([`cli_zh`]); a usage error exits
/// with 2 and help or version with 0, as clap does.
fn parse_cli() -> std::result::Result<Cli, ExitCode> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if !cli_zh::wants_zh(&args) {
        let matches = Cli::command().get_matches_from(args);
        let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        return Ok(with_top_lang(cli, &matches));
    }
    let mut cmd = cli_zh::localize(Cli::command());
    let failed = |e: clap::Error| match e.kind() {
        clap::error::ErrorKind::DisplayHelp
        | clap::error::ErrorKind::DisplayVersion
        | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Help (rendered from the Chinese command) and version print as clap prints them.
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
        _ => {
            eprintln!("{}", cli_zh::usage_error(&e));
            ExitCode::from(2)
        }
    };
    let matches = cmd.try_get_matches_from_mut(args).map_err(failed)?;
    let cli = Cli::from_arg_matches(&matches).map_err(failed)?;
    Ok(with_top_lang(cli, &matches))
}

/// The top-level `--lang` (before the subcommand) given to the subcommand, unless the
/// subcommand's own `--lang` is on the command line.
fn with_top_lang(mut cli: Cli, matches: &clap::ArgMatches) -> Cli {
    let Some(top) = cli.lang else {
        return cli;
    };
    let own = matches
        .subcommand()
        .and_then(|(_, m)| m.value_source("lang"))
        == Some(clap::parser::ValueSource::CommandLine);
    if !own {
        match &mut cli.command {
            Command::Extract { lang, .. }
            | Command::Check { lang, .. }
            | Command::Schema { lang, .. }
            | Command::Rules { lang }
            | Command::Patterns { lang, .. } => *lang = top,
        }
    }
    cli
}

fn run() -> Result<ExitCode> {
    let cli = match parse_cli() {
        Ok(cli) => cli,
        Err(code) => return Ok(code),
    };
    let (lang, output) = match &cli.command {
        Command::Extract { lang, output, .. } | Command::Check { lang, output, .. } => {
            (*lang, output.clone())
        }
        Command::Schema { lang, .. } | Command::Rules { lang } | Command::Patterns { lang, .. } => {
            (*lang, "-".to_string())
        }
    };
    LANG_ZH.store(lang == LangArg::Zh, Ordering::Relaxed);
    let _ = OUTPUT.set(output.clone());
    run_command(cli.command).map_err(|e| at_output(e, &output))
}

fn run_command(command: Command) -> Result<ExitCode> {
    match command {
        Command::Extract {
            paths,
            format,
            output,
            patterns,
            lang,
            corpus,
            limits,
        } => extract(
            &paths,
            format,
            &output,
            patterns.as_deref(),
            corpus.options(Mode::Extract),
            crossfoot::Config {
                lang: lang.lang(),
                limits: limits.to_limits(),
            },
        ),
        Command::Check {
            paths,
            format,
            fail_on,
            lang,
            output,
            patterns,
            corpus,
            limits,
        } => check(
            &paths,
            format,
            fail_on,
            &output,
            patterns.as_deref(),
            corpus.options(Mode::Check),
            crossfoot::Config {
                lang: lang.lang(),
                limits: limits.to_limits(),
            },
        ),
        Command::Schema { name, .. } => {
            match name {
                None => println!("{}", crossfoot::schema::all()),
                Some(n) => match crossfoot::schema::get(&n) {
                    Some(s) => print!("{s}"),
                    None => return Err(MainError::UnknownSchema { name: n }.into()),
                },
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { lang } => {
            let mut out = open_output("-")?;
            for r in crossfoot::check::messages::rules() {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    r.id,
                    r.severities_in(lang.lang()),
                    r.describe(lang.lang())
                )?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Patterns {
            action,
            patterns,
            lang,
        } => {
            let set = load_patterns(patterns.as_deref())?;
            patterns_cmd(action, &set, lang.lang())
        }
    }
}

fn load_patterns(dir: Option<&Path>) -> Result<PatternSet> {
    Ok(match dir {
        Some(d) => PatternSet::load_dir(d)?,
        None => PatternSet::builtin()?,
    })
}

/// The stderr line of a document that could not be processed: "PATH: message", the message
/// in `lang`.
fn file_error_line(r: &crossfoot::DocResult, lang: crossfoot::check::Lang) -> String {
    let code = r.error_code.as_deref().unwrap_or("");
    let msg = crossfoot::report::errors::localize(code, r.error.as_deref().unwrap_or(""), lang);
    if lang == crossfoot::check::Lang::Zh {
        format!("{}：无法处理：{msg}", r.path)
    } else {
        format!("{}: {msg}", r.path)
    }
}

fn open_output(output: &str) -> Result<Box<dyn Write>> {
    Ok(if output == "-" {
        Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
    } else {
        let f = std::fs::File::create(output).map_err(|cause| MainError::Create {
            output: output.to_string(),
            cause,
        })?;
        Box::new(std::io::BufWriter::new(f))
    })
}

fn extract(
    paths: &[PathBuf],
    format: Format,
    output: &str,
    dir: Option<&Path>,
    opts: CorpusOptions,
    cfg: crossfoot::Config,
) -> Result<ExitCode> {
    let set = load_patterns(dir)?;
    let lang = cfg.lang;
    let as_array = format == Format::Json && (paths.len() != 1 || paths.iter().any(|p| p.is_dir()));
    let to_stdout = opts.out.is_none();
    let quiet = opts.quiet;
    let render: corpus::Render = std::sync::Arc::new(move |r: &crossfoot::DocResult| {
        let text = match format {
            Format::Jsonl => crossfoot::report::extract_json::to_line(r),
            Format::Json => crossfoot::report::extract_json::to_pretty(r),
        };
        text.unwrap_or_else(|e| format!("{{\"error\":\"failed to serialize ({e})\"}}"))
    });
    let mut out = open_output(output)?;
    let mut n = 0usize;
    let mut emit = |e: &Emitted| -> std::io::Result<()> {
        if e.is_error {
            raise_status(2);
        }
        if e.is_error && !quiet {
            eprintln!("crossfoot: {}", file_error_line(&e.slim, lang));
        }
        if !to_stdout {
            return Ok(());
        }
        if as_array {
            out.write_all(if n == 0 { b"[\n" } else { b",\n" })?;
        }
        out.write_all(e.stdout.as_bytes())?;
        if !as_array {
            out.write_all(b"\n")?;
        }
        n += 1;
        Ok(())
    };
    let (stats, _) = corpus::run(paths, &set, &cfg, &opts, Some(render), &mut emit)?;
    if as_array && to_stdout {
        out.write_all(if n == 0 { b"[\n]\n" } else { b"\n]\n" })?;
    }
    out.flush()?;
    Ok(if stats.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn check(
    paths: &[PathBuf],
    format: CheckFormat,
    fail_on: FailOn,
    output: &str,
    dir: Option<&Path>,
    opts: CorpusOptions,
    cfg: crossfoot::Config,
) -> Result<ExitCode> {
    use crossfoot::check::Severity;
    use crossfoot::report::{check_json, text};
    let set = load_patterns(dir)?;
    let lang = cfg.lang;
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let to_stdout = opts.out.is_none();
    let quiet = opts.quiet;
    let render: corpus::Render =
        std::sync::Arc::new(move |r: &crossfoot::DocResult| match format {
            CheckFormat::Text => text::document(r, lang),
            CheckFormat::Jsonl => check_json::doc_line(r)
                .map(|l| l + "\n")
                .unwrap_or_else(|e| format!("{{\"error\":\"failed to serialize ({e})\"}}\n")),
            CheckFormat::Json => String::new(),
        });
    let mut out = open_output(output)?;
    let mut summary = check_json::Summary::new();
    let mut flagged = false;
    let mut kept = Vec::new();
    let mut emit = |e: &Emitted| -> std::io::Result<()> {
        let result = &e.slim;
        if result.error.is_some() && !quiet {
            eprintln!("crossfoot: {}", file_error_line(result, lang));
        }
        if let (Some(t), Some(rep)) = (threshold, &result.report) {
            flagged |= rep.findings.iter().any(|f| f.severity >= t);
        }
        raise_status(if result.error.is_some() {
            2
        } else {
            u8::from(flagged)
        });
        summary.add(result);
        if !to_stdout {
            return Ok(());
        }
        match format {
            CheckFormat::Json => kept.push(result.clone()),
            _ => out.write_all(e.stdout.as_bytes())?,
        }
        Ok(())
    };
    let (_, corpus_findings) = corpus::run(paths, &set, &cfg, &opts, Some(render), &mut emit)?;
    let failed = summary.failed > 0;
    let rank = |s: &str| match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        _ => Some(Severity::Info),
    };
    if let Some(t) = threshold {
        flagged |= corpus_findings.iter().any(|f| rank(&f.severity) >= Some(t));
    }
    raise_status(u8::from(flagged));
    if to_stdout {
        match format {
            CheckFormat::Json => {
                writeln!(out, "{}", check_json::to_pretty(&kept, &corpus_findings)?)?
            }
            CheckFormat::Jsonl => {
                for f in &corpus_findings {
                    writeln!(out, "{}", serde_json::to_string(f)?)?;
                }
                writeln!(out, "{}", check_json::summary_line(&summary)?)?;
            }
            CheckFormat::Text => {
                for f in &corpus_findings {
                    writeln!(
                        out,
                        "{} [{}] {} {}: {}\n    {}",
                        f.path, f.severity, f.rule, f.department, f.message, f.expected
                    )?;
                }
                let s = &summary;
                if lang == crossfoot::check::Lang::Zh {
                    writeln!(
                        out,
                        "共 {} 个文件（成功 {}，失败 {}）：错误 {}，警告 {}，无法核对 {}；核对 {} 项，成立 {} 项",
                        s.documents, s.ok, s.failed, s.findings.error, s.findings.warning,
                        s.findings.info, s.checks.run, s.checks.passed
                    )?;
                } else {
                    writeln!(
                        out,
                        "{} documents ({} ok, {} failed): {} errors, {} warnings, {} not checkable; {} checks run, {} passed",
                        s.documents, s.ok, s.failed, s.findings.error, s.findings.warning,
                        s.findings.info, s.checks.run, s.checks.passed
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else if flagged {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn patterns_cmd(
    action: PatternsAction,
    set: &PatternSet,
    lang: crossfoot::check::Lang,
) -> Result<ExitCode> {
    use crossfoot::extract::FactKind;
    let zh = lang == crossfoot::check::Lang::Zh;
    let tr = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let mut out = open_output("-")?;
    match action {
        PatternsAction::List => {
            for p in set.all() {
                writeln!(out, "{}\t{}\t{}", p.id, p.file, p.description)?;
            }
            for c in &set.concepts {
                writeln!(
                    out,
                    "concept:{}\t{}\t{} ← {}",
                    c.id,
                    tr("概念", "concepts"),
                    c.name,
                    c.labels.join(" / ")
                )?;
            }
        }
        PatternsAction::Test { text } => {
            let hits = set.test_text(&text);
            if hits.is_empty() {
                writeln!(out, "{}", tr("没有模式匹配", "no pattern fires"))?;
            }
            for h in hits {
                let on =
                    h.on.as_ref()
                        .map(|o| {
                            if zh {
                                format!("，匹配于 {o:?}")
                            } else {
                                format!(" on {o:?}")
                            }
                        })
                        .unwrap_or_default();
                if zh {
                    writeln!(out, "{}（{}）：匹配 {:?}{on}", h.id, h.file, h.matched)?;
                } else {
                    writeln!(out, "{} ({}): matched {:?}{on}", h.id, h.file, h.matched)?;
                }
                for (name, value) in h.captures {
                    writeln!(out, "    {name} = {value:?}")?;
                }
            }
            let mut ex = crossfoot::extract::Extraction::default();
            let loc = crossfoot::document::Location::default();
            crossfoot::extract::narrative::extract_text(&text, &loc, None, set, &mut ex);
            writeln!(out, "\n{}", tr("数值：", "facts:"))?;
            let kind = |k: FactKind| -> String {
                if !zh {
                    return format!("{k:?}");
                }
                match k {
                    FactKind::Amount => "金额",
                    FactKind::Percent => "百分比",
                    FactKind::Count => "计数",
                    FactKind::Date => "日期",
                }
                .to_string()
            };
            for f in &ex.facts {
                writeln!(
                    out,
                    "    {} {} {} {} {}{}",
                    f.id,
                    kind(f.kind),
                    f.label,
                    f.stated,
                    f.unit,
                    f.concept
                        .as_deref()
                        .map(|c| format!(" [{c}]"))
                        .unwrap_or_default()
                )?;
            }
            writeln!(out, "{}", tr("表述：", "statements:"))?;
            for s in &ex.statements {
                let parts: Vec<String> = s
                    .facts
                    .iter()
                    .zip(&s.roles)
                    .map(|(f, r)| {
                        let id = ex.facts.get(*f).map(|x| x.id.as_str()).unwrap_or("?");
                        if zh {
                            format!("{}={id}", role_zh(*r))
                        } else {
                            format!("{r:?}={id}")
                        }
                    })
                    .collect();
                let sign = s
                    .sign
                    .map(|x| format!(" {}={x}", tr("方向", "sign")))
                    .unwrap_or_default();
                let kind = if zh {
                    statement_kind_zh(s.kind).to_string()
                } else {
                    format!("{:?}", s.kind)
                };
                writeln!(out, "    {} {kind} {}{}", s.id, parts.join(" "), sign)?;
            }
        }
        PatternsAction::Check => {
            let failures = set.check_examples();
            let n: usize = set
                .all()
                .map(|p| p.examples.len() + p.counter_examples.len())
                .sum();
            for f in &failures {
                eprintln!("{}", f.line_in(lang));
            }
            let patterns = set.all().count();
            if zh {
                writeln!(
                    out,
                    "{patterns} 个模式，{n} 个示例，{} 个不符",
                    failures.len()
                )?;
            } else {
                writeln!(
                    out,
                    "{patterns} patterns, {n} examples, {} failures",
                    failures.len()
                )?;
            }
            out.flush()?;
            return Ok(if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A statement's kind in Chinese (`crossfoot patterns test --lang zh`).
fn statement_kind_zh(k: crossfoot::extract::StatementKind) -> &'static str {
    use crossfoot::extract::StatementKind as K;
    match k {
        K::Sum => "合计",
        K::Share => "占比",
        K::ShareFamily => "占比之和",
        K::Yoy => "同比增减",
        K::Variance => "预决算差异",
        K::ListCount => "列举个数",
        K::ExecutionRate => "预算完成率",
        K::FundsScore => "资金执行得分",
        K::WeightSum => "权重之和",
        K::ScoreSum => "得分之和",
        K::ScoreCap => "得分上限",
        K::Completion => "完成率",
        K::MissedTarget => "未达目标",
        K::CostSum => "成本之和",
        K::NarrativeCount => "文字与表格的数量",
        K::TableSum => "表格合计",
        K::TableEqual => "表格相等",
        K::TextTable => "文字与表格",
        K::TextShare => "文字中的占比",
        K::Defect => "表述缺陷",
    }
}

/// A fact's role in a statement, in Chinese.
fn role_zh(r: crossfoot::extract::Role) -> &'static str {
    use crossfoot::extract::Role as R;
    match r {
        R::Total => "合计",
        R::Part => "分项",
        R::Base => "基数",
        R::Rate => "比率",
        R::Current => "本年",
        R::Delta => "增减额",
        R::Budget => "预算",
        R::Actual => "决算",
        R::Weight => "权重",
        R::Score => "得分",
        R::Count => "个数",
        R::Minus => "减项",
        R::Namesake => "他行同数",
    }
}
