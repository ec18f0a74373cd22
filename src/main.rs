//! The crossfoot command line: parses arguments, calls the library, maps results to exit
//! codes (0 ok, 1 findings at or above --fail-on, 2 some input could not be processed).

use anyhow::Result;
use clap::{Parser, Subcommand};
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
    /// Extract facts, statements and indicator tables as JSON.
    Extract {
        /// Files or directories.
        paths: Vec<std::path::PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
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
        Command::Extract { paths, limits } => {
            let patterns =
                crossfoot::patterns::PatternSet::builtin().map_err(anyhow::Error::msg)?;
            let cfg = crossfoot::Config {
                limits: limits.to_limits(),
                ..crossfoot::Config::default()
            };
            for p in paths {
                let bytes = std::fs::read(&p)?;
                let r = crossfoot::process(&p.to_string_lossy(), &bytes, &patterns, &cfg, false);
                println!("{}", serde_json::to_string(&r)?);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract_limits(command: Command) -> LimitArgs {
        match command {
            Command::Extract { limits, .. } => limits,
            #[allow(unreachable_patterns)]
            _ => unreachable!("parsed an extract command"),
        }
    }

    // The flags' defaults are the library's defaults, and MiB flags become bytes.
    #[test]
    fn limit_flags_default_to_library_limits() {
        let cli = Cli::parse_from(["crossfoot", "extract", "x.pdf"]);
        let got = extract_limits(cli.command).to_limits();
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
            "extract",
            "--max-file-mb",
            "3",
            "--max-pages",
            "7",
            "--timeout",
            "5",
            "x.pdf",
        ]);
        let got = extract_limits(cli.command).to_limits();
        assert_eq!(got.max_file_bytes, 3 * 1024 * 1024);
        assert_eq!(got.max_pages, 7);
        assert_eq!(got.timeout, std::time::Duration::from_secs(5));
    }
}
