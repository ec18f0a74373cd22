//! Generates the DOCX and GBK renditions of the seed disclosure in corpus/.
//!
//! `cargo run --example gen_corpus` reads corpus/changji-minzheng-2024-juesuan.txt with the
//! text ingest and writes, next to it:
//! - `changji-minzheng-2024-juesuan.docx`: every paragraph a paragraph, every table a real
//!   Word table with borders and merged cells inferred from the flattened text (see
//!   tests/support/render.rs for the inference rule);
//! - `changji-minzheng-2024-juesuan.gbk.txt`: the same text encoded as GBK.
//!
//! The PDF rendition is made from the DOCX by scripts/render-pdf.sh (LibreOffice).
//! The rendering code lives in tests/support/render.rs so tests and the synthetic-corpus
//! generator reuse it.

#[path = "../tests/support/render.rs"]
mod render;

use anyhow::{Context, Result};
use std::path::Path;

fn main() -> Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let stem = "changji-minzheng-2024-juesuan";
    let txt_path = dir.join(format!("{stem}.txt"));
    let bytes = std::fs::read(&txt_path)
        .with_context(|| format!("failed to read {}", txt_path.display()))?;
    let doc = crossfoot::ingest::text::read(&bytes)
        .with_context(|| format!("failed to ingest {}", txt_path.display()))?;

    let docx_path = dir.join(format!("{stem}.docx"));
    let docx = render::render_docx(&doc);
    std::fs::write(&docx_path, &docx)
        .with_context(|| format!("failed to write {}", docx_path.display()))?;
    eprintln!("wrote {} ({} bytes)", docx_path.display(), docx.len());

    let text = crossfoot::ingest::text::decode(&bytes)?;
    let gbk = render::to_gbk(&text).map_err(anyhow::Error::msg)?;
    let gbk_path = dir.join(format!("{stem}.gbk.txt"));
    std::fs::write(&gbk_path, &gbk)
        .with_context(|| format!("failed to write {}", gbk_path.display()))?;
    eprintln!("wrote {} ({} bytes)", gbk_path.display(), gbk.len());
    Ok(())
}
