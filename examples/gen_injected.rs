//! Writes an error-injected corpus for inspection: every mutation of the error-injection
//! suite (tests/support/inject.rs) of the seed, and of synthetic departments, as .txt, .docx
//! and .pdf, plus `manifest.tsv` saying what was changed and what must be flagged.
//!
//! Usage: `cargo run --release --example gen_injected -- [OUT_DIR] [PER_FAMILY]`
//! (default `gen/injected`, 15 per family). The output folder is git-ignored bulk.

#[path = "../tests/support/inject.rs"]
mod inject;
#[path = "../tests/support/render.rs"]
mod render;
#[path = "../tests/support/render_pdf.rs"]
mod render_pdf;
#[path = "../tests/support/synth.rs"]
mod synth;

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "gen/injected".into()));
    let per_family: usize = args.next().map_or(Ok(15), |s| s.parse())?;
    std::fs::create_dir_all(&out)?;
    let patterns = crossfoot::patterns::PatternSet::builtin()?;

    let seed_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.txt"
    );
    let mut docs = vec![(
        "seed".to_string(),
        crossfoot::ingest::text::parse(&std::fs::read_to_string(seed_path)?),
    )];
    let opts = synth::SynthOptions {
        error_per_mille: 0,
        first_year: 2024,
        last_year: 2024,
        ..synth::SynthOptions::default()
    };
    for index in [3, 11] {
        for d in synth::department_docs(index, &opts) {
            docs.push((d.stem.clone(), crossfoot::ingest::text::parse(&d.text)));
        }
    }

    let mut manifest = std::fs::File::create(out.join("manifest.tsv"))?;
    writeln!(
        manifest,
        "file\tfamily\tlabel\tbefore\tafter\tblock\trow\tcol"
    )?;
    let write_all = |stem: &str, doc: &crossfoot::document::Document| -> std::io::Result<()> {
        std::fs::write(out.join(format!("{stem}.txt")), inject::to_text(doc))?;
        std::fs::write(out.join(format!("{stem}.docx")), render::render_docx(doc))?;
        std::fs::write(out.join(format!("{stem}.pdf")), render_pdf::render_pdf(doc))
    };
    let mut total = 0;
    for (name, doc) in &docs {
        write_all(&format!("{name}-control"), doc)?;
        let (muts, census) = inject::mutations(doc, &patterns, per_family);
        eprintln!(
            "{name}: {} facts, {} uncheckable, {} mutations",
            census.facts,
            census.uncheckable,
            muts.len()
        );
        for (i, m) in muts.iter().enumerate() {
            let stem = format!("{name}-m{i:03}");
            write_all(&stem, &m.doc)?;
            let opt = |x: Option<usize>| x.map_or(String::new(), |v| v.to_string());
            writeln!(
                manifest,
                "{stem}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                m.family,
                m.label,
                m.before,
                m.after,
                m.block,
                opt(m.row),
                opt(m.col)
            )?;
            total += 1;
        }
    }
    eprintln!("wrote {total} mutations × 3 formats to {}", out.display());
    Ok(())
}
