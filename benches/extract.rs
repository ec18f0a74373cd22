//! Extraction speed on the seed disclosure: ingest (text decoding and table/paragraph
//! parsing; DOCX unzip and XML; PDF interpretation and layout) plus extract (narrative facts
//! and statements, tables, meta), per document in each rendition, and the extractor alone on
//! the same document model. Baseline for the "ms per document" figure in
//! the README; run with `cargo bench --bench extract`. The XLSX rendition is written here
//! from the DOCX rendition's document (a sheet per table with its merges, numbers stored as
//! formatted numbers), so the same tables are read from PDF, DOCX and XLSX.

use criterion::{criterion_group, criterion_main, Criterion};
use crossfoot::patterns::PatternSet;
use std::hint::black_box;

#[path = "../tests/support/workbook.rs"]
mod workbook;

fn seed(ext: &str) -> Vec<u8> {
    let path = format!(
        "{}/corpus/changji-minzheng-2024-juesuan.{ext}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let bytes = seed("txt");
    let Ok(patterns) = PatternSet::builtin() else {
        return;
    };
    let cfg = crossfoot::Config::default();
    let xlsx =
        crossfoot::ingest::ingest_bytes(&seed("docx"), &crossfoot::ingest::Limits::default())
            .map(|(_, doc)| workbook::workbook_of(&doc, true))
            .unwrap_or_default();
    for ext in ["txt", "docx", "pdf", "xlsx"] {
        let input = if ext == "xlsx" {
            xlsx.clone()
        } else {
            seed(ext)
        };
        c.bench_function(&format!("ingest+extract seed ({ext})"), |b| {
            b.iter(|| crossfoot::process("seed", black_box(&input), &patterns, &cfg, false))
        });
    }
    let Ok(doc) = crossfoot::ingest::text::read(&bytes) else {
        return;
    };
    c.bench_function("extract only seed (txt)", |b| {
        b.iter(|| crossfoot::extract::extract(black_box(&doc), &patterns))
    });
    c.bench_function("load builtin patterns", |b| b.iter(PatternSet::builtin));
}

criterion_group!(benches, bench);
criterion_main!(benches);
