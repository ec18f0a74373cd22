//! The crossfoot command line: parses arguments, calls the library, maps results to exit
//! codes (0 ok, 1 findings at or above --fail-on / failing pattern examples, 2 some input
//! could not be processed or a usage/pattern-file error).
//!
//! stdout carries data only; messages go to stderr.

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use crossfoot::patterns::PatternSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Extract figures from Chinese budget disclosures and check their arithmetic.
#[derive(Parser)]
#[command(name = "crossfoot", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        /// Files or directories (directories are walked for .txt, .docx and .pdf files,
        /// sorted by path; a file named explicitly is read whatever its name).
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
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Check the arithmetic of every statement (sums, shares, growth and variance rates,
    /// performance tables, identities) and report findings with coverage.
    ///
    /// Exit code 0 when no finding is at or above --fail-on, 1 when some are, 2 when some
    /// input could not be processed (all other inputs are still checked and reported).
    Check {
        /// Files or directories (directories are walked for .txt, .docx and .pdf files,
        /// sorted by path).
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
        limits: LimitArgs,
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
    },
}

/// Resource limits for reading one document, shared by every subcommand that reads files.
/// Exceeding one fails that document (with a message naming the flag), never the run.
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
    /// Wall-time limit for one document, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    timeout: u64,
}

impl LimitArgs {
    /// The library's limits (MiB flags become bytes; saturating, so a huge flag means
    /// "practically unlimited" rather than an overflow).
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
            timeout: std::time::Duration::from_secs(self.timeout),
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
    /// One JSON object: {"schema_version", "documents", "summary"}.
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
        Err(e) => {
            eprintln!("crossfoot: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            paths,
            format,
            output,
            patterns,
            limits,
        } => extract(
            &paths,
            format,
            &output,
            patterns.as_deref(),
            limits.to_limits(),
        ),
        Command::Check {
            paths,
            format,
            fail_on,
            lang,
            output,
            patterns,
            limits,
        } => check(
            &paths,
            format,
            fail_on,
            lang.lang(),
            &output,
            patterns.as_deref(),
            limits.to_limits(),
        ),
        Command::Rules { lang } => {
            let mut out = open_output("-")?;
            for r in crossfoot::check::messages::rules() {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    r.id,
                    r.severities,
                    r.describe(lang.lang())
                )?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Patterns { action, patterns } => {
            let set = load_patterns(patterns.as_deref())?;
            patterns_cmd(action, &set)
        }
    }
}

fn load_patterns(dir: Option<&Path>) -> Result<PatternSet> {
    Ok(match dir {
        Some(d) => PatternSet::load_dir(d)?,
        None => PatternSet::builtin()?,
    })
}

fn open_output(output: &str) -> Result<Box<dyn Write>> {
    Ok(if output == "-" {
        Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
    } else {
        let f =
            std::fs::File::create(output).with_context(|| format!("failed to create {output}"))?;
        Box::new(std::io::BufWriter::new(f))
    })
}

/// Expands directories into their document files, sorted; keeps explicit files.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out, depth + 1);
        } else if p.extension().is_some_and(|x| {
            let x = x.to_string_lossy().to_ascii_lowercase();
            x == "txt" || x == "docx" || x == "pdf"
        }) {
            out.push(p);
        }
    }
}

fn extract(
    paths: &[PathBuf],
    format: Format,
    output: &str,
    dir: Option<&Path>,
    limits: crossfoot::ingest::Limits,
) -> Result<ExitCode> {
    let set = load_patterns(dir)?;
    let cfg = crossfoot::Config {
        limits,
        ..crossfoot::Config::default()
    };
    let files = expand(paths);
    let as_array = format == Format::Json && (files.len() != 1 || paths.iter().any(|p| p.is_dir()));
    let mut out = open_output(output)?;
    let mut failed = false;
    if as_array {
        writeln!(out, "[")?;
    }
    for (i, path) in files.iter().enumerate() {
        let name = path.to_string_lossy();
        let result = match std::fs::read(path) {
            Ok(bytes) => crossfoot::process(&name, &bytes, &set, &cfg, false),
            Err(e) => crossfoot::DocResult {
                path: name.to_string(),
                format: None,
                sha256: String::new(),
                error: Some(format!("failed to read file ({e})")),
                error_code: Some("io".to_string()),
                doc_warnings: Vec::new(),
                extraction: None,
                report: None,
            },
        };
        if let Some(e) = &result.error {
            failed = true;
            eprintln!("crossfoot: {name}: {e}");
        }
        match format {
            Format::Jsonl => writeln!(
                out,
                "{}",
                crossfoot::report::extract_json::to_line(&result)?
            )?,
            Format::Json => {
                let text = crossfoot::report::extract_json::to_pretty(&result)?;
                if as_array {
                    let sep = if i + 1 < files.len() { "," } else { "" };
                    writeln!(out, "{text}{sep}")?;
                } else {
                    writeln!(out, "{text}")?;
                }
            }
        }
    }
    if as_array {
        writeln!(out, "]")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn check(
    paths: &[PathBuf],
    format: CheckFormat,
    fail_on: FailOn,
    lang: crossfoot::check::Lang,
    output: &str,
    dir: Option<&Path>,
    limits: crossfoot::ingest::Limits,
) -> Result<ExitCode> {
    use crossfoot::check::Severity;
    use crossfoot::report::{check_json, text};
    let set = load_patterns(dir)?;
    let cfg = crossfoot::Config { lang, limits };
    let files = expand(paths);
    let mut out = open_output(output)?;
    let mut summary = check_json::Summary::new();
    let mut failed = false;
    let mut flagged = false;
    let mut kept = Vec::new();
    for path in &files {
        let result = crossfoot::process_file(path, &set, &cfg, true);
        if let Some(e) = &result.error {
            failed = true;
            eprintln!("crossfoot: {}: {e}", result.path);
        }
        let threshold = match fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        };
        if let (Some(t), Some(rep)) = (threshold, &result.report) {
            flagged |= rep.findings.iter().any(|f| f.severity >= t);
        }
        summary.add(&result);
        match format {
            CheckFormat::Text => write!(out, "{}", text::document(&result, lang))?,
            CheckFormat::Jsonl => writeln!(out, "{}", check_json::doc_line(&result)?)?,
            CheckFormat::Json => kept.push(result),
        }
    }
    match format {
        CheckFormat::Json => writeln!(out, "{}", check_json::to_pretty(&kept)?)?,
        CheckFormat::Jsonl => writeln!(out, "{}", check_json::summary_line(&summary)?)?,
        CheckFormat::Text => {
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
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else if flagged {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn patterns_cmd(action: PatternsAction, set: &PatternSet) -> Result<ExitCode> {
    let mut out = open_output("-")?;
    match action {
        PatternsAction::List => {
            for p in set.all() {
                writeln!(out, "{}\t{}\t{}", p.id, p.file, p.description)?;
            }
            for c in &set.concepts {
                writeln!(
                    out,
                    "concept:{}\tconcepts\t{} ← {}",
                    c.id,
                    c.name,
                    c.labels.join(" / ")
                )?;
            }
        }
        PatternsAction::Test { text } => {
            let hits = set.test_text(&text);
            if hits.is_empty() {
                writeln!(out, "no pattern fires")?;
            }
            for h in hits {
                writeln!(out, "{} ({}): matched {:?}", h.id, h.file, h.matched)?;
                for (name, value) in h.captures {
                    writeln!(out, "    {name} = {value:?}")?;
                }
            }
            let mut ex = crossfoot::extract::Extraction::default();
            let loc = crossfoot::document::Location::default();
            crossfoot::extract::narrative::extract_text(&text, &loc, None, set, &mut ex);
            writeln!(out, "\nfacts:")?;
            for f in &ex.facts {
                writeln!(
                    out,
                    "    {} {:?} {} {} {}{}",
                    f.id,
                    f.kind,
                    f.label,
                    f.stated,
                    f.unit,
                    f.concept
                        .as_deref()
                        .map(|c| format!(" [{c}]"))
                        .unwrap_or_default()
                )?;
            }
            writeln!(out, "statements:")?;
            for s in &ex.statements {
                let parts: Vec<String> = s
                    .facts
                    .iter()
                    .zip(&s.roles)
                    .map(|(f, r)| {
                        let id = ex.facts.get(*f).map(|x| x.id.as_str()).unwrap_or("?");
                        format!("{r:?}={id}")
                    })
                    .collect();
                let sign = s.sign.map(|x| format!(" sign={x}")).unwrap_or_default();
                writeln!(out, "    {} {:?} {}{}", s.id, s.kind, parts.join(" "), sign)?;
            }
        }
        PatternsAction::Check => {
            let failures = set.check_examples();
            let n: usize = set
                .all()
                .map(|p| p.examples.len() + p.counter_examples.len())
                .sum();
            for f in &failures {
                eprintln!("{f}");
            }
            writeln!(
                out,
                "{} patterns, {} examples, {} failures",
                set.all().count(),
                n,
                failures.len()
            )?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn limits_of(command: Command) -> LimitArgs {
        match command {
            Command::Extract { limits, .. } | Command::Check { limits, .. } => limits,
            _ => unreachable!("parsed an extract or check command"),
        }
    }

    // The flags' defaults are the library's defaults, and MiB flags become bytes.
    #[test]
    fn limit_flags_default_to_library_limits() {
        let cli = Cli::parse_from(["crossfoot", "extract", "x.pdf"]);
        let got = limits_of(cli.command).to_limits();
        let want = crossfoot::ingest::Limits::default();
        assert_eq!(got.max_file_bytes, want.max_file_bytes);
        assert_eq!(got.max_pages, want.max_pages);
        assert_eq!(got.max_stream_bytes, want.max_stream_bytes);
        assert_eq!(got.max_doc_bytes, want.max_doc_bytes);
        assert_eq!(got.max_zip_entries, want.max_zip_entries);
        assert_eq!(got.max_ops_per_page, want.max_ops_per_page);
        assert_eq!(got.max_form_depth, want.max_form_depth);
        assert_eq!(got.timeout, want.timeout);
        let cli = Cli::parse_from([
            "crossfoot",
            "check",
            "--max-file-mb",
            "3",
            "--max-pages",
            "7",
            "--timeout",
            "5",
            "x.pdf",
        ]);
        let got = limits_of(cli.command).to_limits();
        assert_eq!(got.max_file_bytes, 3 * 1024 * 1024);
        assert_eq!(got.max_pages, 7);
        assert_eq!(got.timeout, std::time::Duration::from_secs(5));
    }
}
