//! Prints the Document crossfoot's ingest builds from a file: each block with its location,
//! paragraphs as text and tables a row per line with cells separated by " | " (continuation
//! slots shown as "^"). A development aid for seeing what the extract stage reads.
//! Usage: `dump_doc FILE...`

use crossfoot::document::BlockKind;
use crossfoot::ingest::{ingest_bytes, Limits};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match ingest_bytes(&bytes, &Limits::default()) {
            Ok((format, doc)) => {
                println!(
                    "# {path} ({}), {} blocks",
                    format.as_str(),
                    doc.blocks.len()
                );
                for w in &doc.warnings {
                    println!("! {} {}", w.code, w.message);
                }
                for b in &doc.blocks {
                    let page = b.location.page.map(|p| p.to_string()).unwrap_or_default();
                    match &b.kind {
                        BlockKind::Paragraph(p) => {
                            println!("[{} p{page}] {}", b.location.block, p.text)
                        }
                        BlockKind::Table(t) => {
                            println!(
                                "[{} p{page}] TABLE {} rows x {} cols",
                                b.location.block,
                                t.rows.len(),
                                t.width()
                            );
                            for (i, r) in t.rows.iter().enumerate() {
                                let cells: Vec<String> = r
                                    .cells
                                    .iter()
                                    .map(|c| {
                                        if c.is_continuation() {
                                            format!("{}:^", c.col)
                                        } else {
                                            format!("{}:{}", c.col, c.text.replace('\n', "⏎"))
                                        }
                                    })
                                    .collect();
                                println!(
                                    "   r{i} p{} {}",
                                    r.page.map(|p| p.to_string()).unwrap_or_default(),
                                    cells.join(" | ")
                                );
                            }
                        }
                    }
                }
            }
            Err(e) => eprintln!("{path}: error {}: {e}", e.code()),
        }
    }
}
