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
    },
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
        Command::Extract { paths } => {
            let patterns =
                crossfoot::patterns::PatternSet::builtin().map_err(anyhow::Error::msg)?;
            let cfg = crossfoot::Config::default();
            for p in paths {
                let bytes = std::fs::read(&p)?;
                let r = crossfoot::process(&p.to_string_lossy(), &bytes, &patterns, &cfg, false);
                println!("{}", serde_json::to_string(&r)?);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
