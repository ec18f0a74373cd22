//! Prints the glyph text of a PDF as crossfoot's decoder sees it, one output line per run
//! of glyphs on one baseline, pages separated by form feeds (like `pdftotext`), for
//! comparing with `pdftotext` (scripts/pdf-vs-pdftotext.sh). Usage: `pdf_text FILE...`;
//! with `PDF_TEXT_SEGMENTS=1` it also lists each page's ruling segments, with
//! `PDF_TEXT_GLYPHS=1` every glyph (x y width size text). `--read` runs the
//! whole PDF reader (decoding and layout) and prints only the block count: the timing mode
//! of scripts/pdf-vs-pdftotext.sh.

use crossfoot::ingest::{pdf, Limits};

fn main() {
    let limits = Limits::default();
    let mut read_mode = false;
    for path in std::env::args().skip(1) {
        if path == "--read" {
            read_mode = true;
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        if read_mode {
            match pdf::read(&bytes, &limits) {
                Ok(doc) => println!("{path}: {} blocks", doc.blocks.len()),
                Err(e) => eprintln!("{path}: error {}: {e}", e.code()),
            }
            continue;
        }
        match pdf::read_pages(&bytes, &limits) {
            Ok((pages, warnings)) => {
                for p in &pages {
                    let mut line = String::new();
                    let mut last_y: Option<f32> = None;
                    for g in &p.glyphs {
                        if last_y.is_some_and(|y| (y - g.y).abs() > g.size * 0.5) {
                            println!("{}", line.trim_end());
                            line.clear();
                        }
                        last_y = Some(g.y);
                        line.push_str(&g.text);
                    }
                    println!("{}", line.trim_end());
                    if std::env::var_os("PDF_TEXT_GLYPHS").is_some() {
                        for g in &p.glyphs {
                            println!("glyph {} {} {} {} {}", g.x, g.y, g.width, g.size, g.text);
                        }
                    }
                    if std::env::var_os("PDF_TEXT_SEGMENTS").is_some() {
                        for s in &p.segments {
                            println!("segment {} {} {} {}", s.x0, s.y0, s.x1, s.y1);
                        }
                    }
                    print!("\x0c");
                }
                for w in warnings {
                    eprintln!("{path}: warning {}: {}", w.code, w.message);
                }
            }
            Err(e) => eprintln!("{path}: error {}: {e}", e.code()),
        }
    }
}
