//! Measures the check stage alone: `check::check_with_text` on the seed's extraction
//! (corpus/changji-minzheng-2024-juesuan.txt, ~480 statements, 13 performance tables),
//! ingest and extraction done once outside the loop. Reported as time per document.
//! Run: `cargo bench --bench check`.

use criterion::{criterion_group, criterion_main, Criterion};
use crossfoot::check::{check_with_text, Lang};
use crossfoot::document::BlockKind;
use std::hint::black_box;

fn bench_check(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.txt"
    );
    let bytes = std::fs::read(path).expect("seed");
    let patterns = crossfoot::patterns::PatternSet::builtin().expect("patterns");
    let (_, doc) = crossfoot::ingest::ingest_bytes(&bytes, &Default::default()).expect("ingest");
    let ex = crossfoot::extract::extract(&doc, &patterns);
    let texts: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some(p.text.as_str()),
            BlockKind::Table(_) => None,
        })
        .collect();
    c.bench_function("check seed extraction", |b| {
        b.iter(|| check_with_text(black_box(&ex), Lang::Zh, black_box(&texts)))
    });
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
