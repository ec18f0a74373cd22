//! The crossfoot command line: parses arguments, calls the library, maps results to exit
//! codes (0 ok, 1 findings at or above --fail-on, 2 some input could not be processed).

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use crossfoot::corpus::{self, CorpusOptions, Mode, Shard};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Extract figures from Chinese budget disclosures and check their arithmetic.
#[derive(Parser)]
#[command(name = "crossfoot", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract facts, statements and indicator tables as JSON.
    Extract {
        /// Files or directories (walked recursively, sorted).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Check documents: findings with quotes, recomputations and locations.
    Check {
        /// Files or directories (walked recursively, sorted).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print the JSON Schemas of the outputs (all, or one by name: extract-document,
    /// check-document, summary, corpus-finding).
    Schema {
        /// Schema name; all when absent.
        name: Option<String>,
    },
}

/// Corpus-mode options shared by `check` and `extract` (see docs/corpus.md).
#[derive(Args)]
struct CorpusArgs {
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "jobs", default_value_t = 0)]
    jobs: usize,
    /// No progress bar and no closing line on stderr.
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Seconds per document before it becomes a "timed out" error record.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    /// Write documents.jsonl, facts.csv, findings.csv, summary.json and report.html here
    /// (instead of JSON lines on stdout).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Skip documents already recorded in --out DIR; append the rest.
    #[arg(long, requires = "out")]
    resume: bool,
    /// Only the documents whose SHA-256 mod N is K-1 (e.g. 3/8).
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// CSV `path,department,year` overriding recognised departments and years.
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
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

fn run_corpus(paths: Vec<PathBuf>, args: CorpusArgs, mode: Mode) -> Result<ExitCode> {
    if paths.is_empty() {
        anyhow::bail!("no input: give files or directories");
    }
    let patterns = crossfoot::patterns::PatternSet::builtin().map_err(anyhow::Error::msg)?;
    let cfg = crossfoot::Config::default();
    let opts = CorpusOptions {
        mode,
        jobs: args.jobs,
        timeout: Duration::from_secs(args.timeout.max(1)),
        quiet: args.quiet,
        out: args.out,
        resume: args.resume,
        shard: args.shard,
        manifest: args.manifest,
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let stats = corpus::run(&paths, &patterns, &cfg, &opts, &mut lock)?;
    Ok(if stats.errors > 0 {
        ExitCode::from(2)
    } else if mode == Mode::Check && stats.findings.get("error").copied().unwrap_or(0) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { paths, corpus } => run_corpus(paths, corpus, Mode::Extract),
        Command::Check { paths, corpus } => run_corpus(paths, corpus, Mode::Check),
        Command::Schema { name } => {
            match name {
                None => println!("{}", crossfoot::schema::all()),
                Some(n) => match crossfoot::schema::get(&n) {
                    Some(s) => print!("{s}"),
                    None => anyhow::bail!(
                        "unknown schema {n:?}: one of extract-document, check-document, summary, corpus-finding"
                    ),
                },
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
