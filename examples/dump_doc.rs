//! Prints the Document crossfoot's ingest builds from a file: each block with its location,
//! paragraphs as text and tables a row per line with cells separated by " | " (continuation
//! slots shown as "^", a cell's indent in tenths of an em as "[+N]"). A development aid for seeing what the extract stage reads.
//! With `--tables`, prints instead each standard table (公开表) the extract stage recognised:
//! its kind, unit and value columns, and a row per line (key, role, values).
//! Usage: `dump_doc [--tables] FILE...`

use crossfoot::document::BlockKind;
use crossfoot::ingest::{ingest_bytes, Limits};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tables = args.iter().any(|a| a == "--tables");
    let patterns = crossfoot::patterns::PatternSet::builtin().expect("builtin patterns");
    for path in args.into_iter().filter(|a| a != "--tables") {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match ingest_bytes(&bytes, &Limits::default()) {
            Ok((_, doc)) if tables => print_tables(&path, &doc, &patterns),
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
                                            let indent = match c.indent {
                                                Some(n) if n > 0 => format!("[+{n}]"),
                                                _ => String::new(),
                                            };
                                            format!(
                                                "{}:{indent}{}",
                                                c.col,
                                                c.text.replace('\n', "⏎")
                                            )
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

fn print_tables(
    path: &str,
    doc: &crossfoot::document::Document,
    patterns: &crossfoot::patterns::PatternSet,
) {
    use crossfoot::extract::standard::CellValue;
    let ex = crossfoot::extract::extract(doc, patterns);
    println!("# {path}: {} standard tables", ex.std_tables.len());
    for t in &ex.std_tables {
        println!(
            "== {} [{}] unit={} page={:?} panels={} empty={} notes={:?}",
            t.kind, t.title, t.unit, t.location.page, t.panels, t.empty, t.notes
        );
        let cols: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
        println!("   columns: {}", cols.join(" | "));
        for r in &t.rows {
            let vals: Vec<String> = r
                .values
                .iter()
                .map(|v| match v {
                    None => "·".to_string(),
                    Some(CellValue::Fact(i)) => ex.facts[*i].stated.clone(),
                    Some(CellValue::Blank) => "_".to_string(),
                    Some(CellValue::NotApplicable) => "n/a".to_string(),
                    Some(CellValue::Unreadable) => "?".to_string(),
                })
                .collect();
            println!(
                "   {} {:?} L{} {}{}",
                r.key,
                r.role,
                r.level,
                vals.join(" | "),
                r.unsure
                    .as_deref()
                    .map(|u| format!("  !{u}"))
                    .unwrap_or_default()
            );
        }
    }
}
