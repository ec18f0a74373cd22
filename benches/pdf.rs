//! PDF decoding speed: `ingest::pdf::read_pages` (load, decrypt, interpret every page,
//! decode text through ToUnicode/predefined CMaps/embedded cmaps) on every PDF under
//! corpus/ and tests/fixtures/pdf/ that decodes. Throughput is in pages, so criterion's "elem/s" is pages per
//! second; a one-shot ms/page line is also printed per file. Compare with `pdftotext
//! -layout` using scripts/pdf-vs-pdftotext.sh (the target: at most half its time).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crossfoot::ingest::{pdf, Limits};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|e| e == "pdf") {
            out.push(p);
        }
    }
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let mut files = Vec::new();
    pdfs(Path::new("corpus"), &mut files);
    pdfs(Path::new("tests/fixtures/pdf"), &mut files);
    let mut group = c.benchmark_group("pdf_read_pages");
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let t = Instant::now();
        let Ok((pages, _)) = pdf::read_pages(&bytes, &limits) else {
            continue;
        };
        let n = pages.len().max(1);
        eprintln!(
            "{}: {} pages, {:.2} ms/page (one cold run)",
            path.display(),
            n,
            t.elapsed().as_secs_f64() * 1000.0 / n as f64
        );
        group.throughput(Throughput::Elements(n as u64));
        let name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        group.bench_function(name, |b| {
            b.iter(|| pdf::read_pages(black_box(&bytes), &limits))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
