//! Extraction speed on the seed disclosure: ingest (text decoding and table/paragraph
//! parsing) plus extract (narrative facts and statements, tables, meta), per document, and
//! the narrative reader alone on the same text. Baseline for the "ms per document" figure in
//! the README; run with `cargo bench --bench extract`.

use criterion::{criterion_group, criterion_main, Criterion};
use crossfoot::patterns::PatternSet;
use std::hint::black_box;

fn seed() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.txt"
    );
    std::fs::read(path).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let bytes = seed();
    let Ok(patterns) = PatternSet::builtin() else {
        return;
    };
    let cfg = crossfoot::Config::default();
    c.bench_function("ingest+extract seed (txt)", |b| {
        b.iter(|| crossfoot::process("seed.txt", black_box(&bytes), &patterns, &cfg, false))
    });
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
