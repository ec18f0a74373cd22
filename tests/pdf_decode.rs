//! PDF decoding end to end: fixtures built in code (tests/support/pdf_fixtures.rs) and
//! LibreOffice-made PDFs in corpus/ decode to the exact expected text, or to the expected
//! error. Text is checked by concatenating glyph texts in content-stream order.

use crossfoot::ingest::pdf::{content::PageContent, read_pages};
use crossfoot::ingest::{IngestError, Limits};

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

mod support {
    pub mod pdf_fixtures;
}
use support::pdf_fixtures as fx;

fn decode(bytes: &[u8]) -> (String, Vec<PageContent>) {
    let (pages, warnings) = read_pages(bytes, &Limits::default()).expect("fixture decodes");
    assert_eq!(warnings, vec![]);
    (text(&pages), pages)
}

const EXPECTED: &str = "收入支出决算总表收入总计2,405.59万元。";

// UniGB-UCS2-H without ToUnicode: codes are UCS-2 (peers print (cid:NNN) here).
#[test]
fn ucs2_predefined_cmap() {
    let (t, pages) = decode(&fx::ucs2_no_tounicode());
    assert_eq!(t, EXPECTED);
    // ASCII digits take their half-width CID widths (500), CJK the default 1000.
    let g = &pages[0].glyphs;
    let two = g.iter().find(|g| g.text == "2").unwrap();
    assert_eq!((two.width, two.size), (6.0, 12.0));
    assert_eq!((g[0].x, g[0].y, g[0].width), (72.0, 760.0, 16.0));
    assert_eq!((g[1].x, g[1].y), (88.0, 760.0));
}

// GBK-EUC-H without ToUnicode: one- and two-byte codes by lead byte.
#[test]
fn gbk_predefined_cmap() {
    let (t, _) = decode(&fx::gbk_no_tounicode());
    assert_eq!(t, EXPECTED);
}

// Identity-H with ToUnicode; TJ kerning moves the pen; TD sets the leading.
#[test]
fn identity_with_tounicode() {
    let (t, pages) = decode(&fx::identity_tounicode());
    assert_eq!(t, EXPECTED);
    let g = &pages[0].glyphs;
    // 4 glyphs of 16 pt, then -200/1000 * 16 = 3.2 pt of extra space.
    assert_eq!(g[4].x, 72.0 + 64.0 + 3.2);
    assert_eq!((g[8].x, g[8].y, g[8].size), (72.0, 736.0, 12.0));
}

// A Type 3 font with meaningless glyph names decodes through its ToUnicode.
#[test]
fn simple_font_with_tounicode() {
    let (t, _) = decode(&fx::simple_font_tounicode());
    assert_eq!(t, "收入总计2,405.59万元。");
}

// /Differences with uniXXXX names, and WinAnsi digits from a standard font.
#[test]
fn simple_font_with_uni_names() {
    let (t, _) = decode(&fx::simple_font_uni_names());
    assert_eq!(t, "收入支出决算总表2,405.59");
}

// The two-page table: text per page and the ruling segments of both ruling styles.
#[test]
fn table_across_two_pages() {
    let (t, pages) = decode(&fx::table_two_pages());
    assert_eq!(
        t,
        "收入支出决算总表项目决算数本年收入合计1,298.54年初结转和结余1,107.05收入总计2,405.59本年支出合计1,271.72"
    );
    assert_eq!(pages.len(), 2);
    let segs = |p: &PageContent| {
        let mut v: Vec<(f32, f32, f32, f32)> = p
            .segments
            .iter()
            .map(|s| (s.x0, s.y0, s.x1, s.y1))
            .collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v
    };
    assert_eq!(
        segs(&pages[0]),
        vec![
            (72.0, 680.0, 72.0, 740.0),
            (72.0, 680.0, 472.0, 680.0),
            (72.0, 700.0, 472.0, 700.0),
            (72.0, 720.0, 472.0, 720.0),
            (72.0, 740.0, 472.0, 740.0),
            (272.0, 680.0, 272.0, 740.0),
            (472.0, 680.0, 472.0, 740.0),
        ]
    );
    assert_eq!(
        segs(&pages[1]),
        vec![
            (72.0, 760.0, 72.0, 800.0),
            (72.0, 760.0, 472.0, 760.0),
            (72.0, 780.0, 472.0, 780.0),
            (72.0, 800.0, 472.0, 800.0),
            (272.0, 760.0, 272.0, 800.0),
            (472.0, 760.0, 472.0, 800.0),
        ]
    );
    let v = pages[1].glyphs.iter().find(|g| g.text == "2").unwrap();
    assert_eq!((v.x, v.y), (276.0, 786.0));
}

// A user password is required: a clear error, never empty text.
#[test]
fn user_password_is_refused() {
    let e = read_pages(&fx::encrypted_user_password(), &Limits::default()).unwrap_err();
    assert_eq!(e, IngestError::Encrypted);
}

// Owner password only: reads normally.
#[test]
fn owner_password_only_reads() {
    let (t, _) = decode(&fx::encrypted_owner_only());
    assert_eq!(t, "收入总计2,405.59万元。");
}

// An image-only document has no text layer.
#[test]
fn image_only_is_no_text_layer() {
    let e = read_pages(&fx::image_only(), &Limits::default()).unwrap_err();
    assert_eq!(e, IngestError::NoTextLayer { pages: "1".into() });
}

// Bombs in a content stream and in a ToUnicode CMap are refused at the stream limit.
#[test]
fn decompression_bombs_are_refused() {
    let limits = Limits {
        max_stream_bytes: 1 << 20,
        ..Limits::default()
    };
    for bomb in [fx::content_bomb(8 << 20), fx::tounicode_bomb(8 << 20)] {
        let e = read_pages(&bomb, &limits).unwrap_err();
        assert_eq!(e.code(), "limit", "{e}");
        assert!(e.to_string().contains("--max-stream-mb"), "{e}");
    }
    // The per-document budget counts every stream.
    let limits = Limits {
        max_doc_bytes: 1 << 20,
        ..Limits::default()
    };
    let e = read_pages(&fx::content_bomb(2 << 20), &limits).unwrap_err();
    assert!(e.to_string().contains("--max-doc-mb"), "{e}");
}

// Garbage and truncation are Corrupt errors, never panics.
#[test]
fn corrupt_and_truncated() {
    let e = read_pages(b"%PDF-1.7\ngarbage", &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "corrupt", "{e}");
    let whole = fx::identity_tounicode();
    for cut in [20, whole.len() / 3, whole.len() / 2] {
        match read_pages(&whole[..cut], &Limits::default()) {
            Err(e) => assert!(
                ["corrupt", "no_text_layer"].contains(&e.code()),
                "{cut}: {e}"
            ),
            Ok((pages, _)) => assert_eq!(text(&pages), EXPECTED, "{cut}"),
        }
    }
}

// Writes the fixtures into corpus/fixtures/pdf/ (for fuzzers and benches).
#[test]
#[ignore]
fn write_fixtures() {
    std::fs::create_dir_all("corpus/fixtures/pdf").unwrap();
    for (name, bytes) in fx::all() {
        std::fs::write(format!("corpus/fixtures/pdf/{name}"), bytes).unwrap();
    }
}
