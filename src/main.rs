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
        } => extract(&paths, format, &output, patterns.as_deref()),
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
) -> Result<ExitCode> {
    let set = load_patterns(dir)?;
    let cfg = crossfoot::Config::default();
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
                let on =
                    h.on.as_ref()
                        .map(|o| format!(" on {o:?}"))
                        .unwrap_or_default();
                writeln!(out, "{} ({}): matched {:?}{on}", h.id, h.file, h.matched)?;
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
