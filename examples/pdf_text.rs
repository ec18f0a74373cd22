//! Prints the glyph text of a PDF as crossfoot's decoder sees it, one output line per run
//! of glyphs on one baseline, pages separated by form feeds (like `pdftotext`), for
//! comparing with `pdftotext` (scripts/pdf-vs-pdftotext.sh). Usage: `pdf_text FILE...`;
//! with `PDF_TEXT_SEGMENTS=1` it also lists each page's ruling segments.

use crossfoot::ingest::{pdf, Limits};

fn main() {
    let limits = Limits::default();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
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
