//! PDF decoding end to end: fixtures built in code (tests/support/pdf_fixtures.rs) and
//! LibreOffice-made PDFs in corpus/ decode to the exact expected text, or to the expected
//! error. Text is checked by concatenating glyph texts in content-stream order.

use crossfoot::ingest::pdf::{content::PageContent, read_pages};
use crossfoot::ingest::Limits;

fn text(pages: &[PageContent]) -> String {
    pages
        .iter()
        .flat_map(|p| p.glyphs.iter().map(|g| g.text.as_str()))
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

// A LibreOffice rendering of the seed text holds exactly the seed's characters, in order.
#[test]
fn libreoffice_pdf_matches_seed_text() {
    let pdf = std::fs::read("corpus/fixtures/pdf/changji-from-txt-libreoffice.pdf").unwrap();
    let seed = std::fs::read_to_string("corpus/changji-minzheng-2024-juesuan.txt").unwrap();
    let (pages, warnings) = read_pages(&pdf, &Limits::default()).unwrap();
    assert_eq!(pages.len(), 54);
    assert_eq!(warnings, vec![]);
    assert_eq!(squeeze(&text(&pages)), squeeze(&seed));
    assert!(pages.iter().all(|p| p.unmapped == 0));
    let first = &pages[0];
    assert_eq!((first.width.round(), first.height.round()), (595.0, 842.0));
    // The title's first glyph sits in the top margin, left of centre.
    let g = first.glyphs.iter().find(|g| g.text == "昌").unwrap();
    assert!(
        g.y > 750.0 && g.y < 800.0 && g.x > 50.0 && g.x < 100.0,
        "{g:?}"
    );
    assert!(
        (g.size - 10.0).abs() < 0.01 && (g.width - 10.0).abs() < 0.01,
        "{g:?}"
    );
}
