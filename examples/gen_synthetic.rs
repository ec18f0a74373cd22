//! Generates a synthetic corpus of 部门决算公开说明 (see tests/support/synth.rs): every
//! department with every year 2022–2024, all arithmetic consistent, some documents with ONE
//! injected error, in a mix of formats.
//!
//! ```sh
//! cargo run --release --example gen_synthetic -- --out gen/corpus --count 1000
//! ```
//!
//! Writes into `--out`:
//! - the documents, named `dNNNNN-YEAR.{txt,gbk.txt,docx}`; documents planned as PDF are
//!   written as DOCX into `--pdf-staging` (default OUT/_topdf) for scripts/gen-corpus.sh to
//!   convert with one LibreOffice call;
//! - `manifest.csv`: `path,department,year,format,family,change,expected_rule` — the first
//!   three columns are what `crossfoot check --manifest` reads; the rest describe the
//!   injected error, if any (paths relative to OUT, PDFs named as they will be).
//!
//! The format of document i is fixed by i modulo the sum of the `--mix` weights, so the same
//! arguments always give the same files.

#[path = "../tests/support/render.rs"]
mod render;
#[path = "../tests/support/synth.rs"]
mod synth;

use anyhow::{bail, Context, Result};
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;

/// Synthetic corpus generator.
#[derive(Parser)]
struct Args {
    /// Output directory.
    #[arg(long)]
    out: PathBuf,
    /// Number of documents.
    #[arg(long, default_value_t = 1000)]
    count: usize,
    /// Seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Chance of one injected error per document, per mille.
    #[arg(long, default_value_t = 300)]
    error_per_mille: u32,
    /// Format weights: txt, GBK txt, docx, pdf.
    #[arg(long, default_value = "txt=4,gbk=1,docx=3,pdf=2")]
    mix: String,
    /// Where DOCX files to be converted to PDF go (default OUT/_topdf).
    #[arg(long)]
    pdf_staging: Option<PathBuf>,
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    let mut plan: Vec<&str> = Vec::new();
    for part in args.mix.split(',') {
        let (name, w) = part
            .split_once('=')
            .with_context(|| format!("bad --mix entry {part:?}"))?;
        let w: usize = w
            .parse()
            .with_context(|| format!("bad weight in {part:?}"))?;
        let name = match name.trim() {
            "txt" => "txt",
            "gbk" => "gbk",
            "docx" => "docx",
            "pdf" => "pdf",
            other => bail!("unknown format {other:?} in --mix"),
        };
        plan.extend(std::iter::repeat_n(name, w));
    }
    if plan.is_empty() {
        bail!("--mix has no weight");
    }
    let staging = args
        .pdf_staging
        .clone()
        .unwrap_or_else(|| args.out.join("_topdf"));
    std::fs::create_dir_all(&args.out)?;
    let opts = synth::SynthOptions {
        seed: args.seed,
        error_per_mille: args.error_per_mille,
        ..synth::SynthOptions::default()
    };
    let mut manifest = String::from("path,department,year,format,family,change,expected_rule\n");
    let mut i = 0usize;
    let mut result = Ok(());
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    synth::generate(args.count, &opts, |doc| {
        if result.is_err() {
            return;
        }
        let format = plan[i % plan.len()];
        i += 1;
        *counts.entry(format).or_default() += 1;
        let written: Result<String> = (|| {
            let (name, bytes, dir) = match format {
                "txt" => (
                    format!("{}.txt", doc.stem),
                    doc.text.clone().into_bytes(),
                    &args.out,
                ),
                "gbk" => (
                    format!("{}.gbk.txt", doc.stem),
                    synth::to_gbk(&doc.text),
                    &args.out,
                ),
                _ => {
                    let parsed = crossfoot::ingest::text::parse(&doc.text);
                    let bytes = render::render_docx(&parsed);
                    if format == "docx" {
                        (format!("{}.docx", doc.stem), bytes, &args.out)
                    } else {
                        std::fs::create_dir_all(&staging)?;
                        (format!("{}.docx", doc.stem), bytes, &staging)
                    }
                }
            };
            std::fs::write(dir.join(&name), bytes)?;
            Ok(if format == "pdf" {
                format!("{}.pdf", doc.stem)
            } else {
                name
            })
        })();
        match written {
            Ok(name) => {
                let (family, change, rule) = match &doc.injected {
                    Some(x) => (x.family, x.change.clone(), x.expected_rule),
                    None => ("", String::new(), ""),
                };
                manifest.push_str(&format!(
                    "{},{},{},{},{},{},{}\n",
                    csv_field(&name),
                    csv_field(&doc.department),
                    doc.year,
                    format,
                    family,
                    csv_field(&change),
                    rule
                ));
            }
            Err(e) => result = Err(e),
        }
    });
    result?;
    std::fs::File::create(args.out.join("manifest.csv"))?.write_all(manifest.as_bytes())?;
    eprintln!(
        "wrote {} documents to {} ({:?}); manifest.csv",
        i,
        args.out.display(),
        counts
    );
    Ok(())
}
