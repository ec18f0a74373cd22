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
    let pdf = std::fs::read("tests/fixtures/pdf/changji-from-txt-libreoffice.pdf").unwrap();
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

// The seed rendered by LibreOffice from DOCX (corpus/, when present) holds the seed's
// characters: tables come out in layout order, so compare the sorted characters.
#[test]
fn libreoffice_docx_pdf_has_seed_characters() {
    let seed = std::fs::read_to_string("corpus/changji-minzheng-2024-juesuan.txt").unwrap();
    let sorted = |s: &str| {
        let mut v: Vec<char> = squeeze(s).chars().collect();
        v.sort_unstable();
        v
    };
    let mut checked = 0;
    for path in [
        "corpus/changji-minzheng-2024-juesuan.pdf",
        "tests/fixtures/pdf/changji-from-txt-libreoffice.pdf",
    ] {
        let Ok(pdf) = std::fs::read(path) else {
            continue;
        };
        let (pages, warnings) = read_pages(&pdf, &Limits::default()).unwrap();
        assert_eq!(warnings, vec![], "{path}");
        assert_eq!(sorted(&text(&pages)), sorted(&seed), "{path}");
        checked += 1;
    }
    assert!(checked >= 1);
}

// Mutated fixtures never panic or hang: each gives text or a typed error.
#[test]
fn mutated_fixtures_never_panic() {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (name, bytes) in fx::all() {
        for _ in 0..40 {
            let mut b = bytes.clone();
            for _ in 0..1 + next() % 8 {
                let i = (next() % b.len() as u64) as usize;
                b[i] = next() as u8;
            }
            match read_pages(&b, &Limits::default()) {
                Ok(_) => {}
                Err(e) => assert!(
                    [
                        "corrupt",
                        "encrypted",
                        "no_text_layer",
                        "undecodable",
                        "limit"
                    ]
                    .contains(&e.code()),
                    "{name}: {e}"
                ),
            }
        }
    }
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

// Identity-H without ToUnicode: the embedded TrueType cmap, inverted, through an
// Identity CIDToGIDMap and through a CIDToGIDMap stream.
#[test]
fn identity_through_embedded_cmap() {
    let (t, _) = decode(&fx::identity_embedded_cmap());
    assert_eq!(t, EXPECTED);
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

// /Differences naming glyph ids (g1, g2...) resolve through the embedded font's cmap.
#[test]
fn simple_font_with_gid_names() {
    let (t, _) = decode(&fx::simple_font_gid_names());
    assert_eq!(t, "收入总计2,405.59万元。");
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

// Forms run with their matrix and resources; a form drawing its parent is cut; inline
// image data is skipped even when it looks like operators.
#[test]
fn forms_and_inline_images() {
    let (t, pages) = decode(&fx::forms_and_inline_image());
    assert_eq!(t, "收入总计2,405.59万元。");
    let xs: Vec<f32> = pages[0].glyphs.iter().take(5).map(|g| g.x).collect();
    assert_eq!(xs, vec![100.0, 112.0, 124.0, 136.0, 148.0]);
    // Depth 2 (form in form) is over a limit of 1.
    let limits = Limits {
        max_form_depth: 1,
        ..Limits::default()
    };
    let e = read_pages(&fx::forms_and_inline_image(), &limits).unwrap_err();
    assert!(e.to_string().contains("--max-form-depth"), "{e}");
}

// Operations per page and pages per document are limited, with the flag named.
#[test]
fn ops_and_page_limits() {
    let limits = Limits {
        max_ops_per_page: 10,
        ..Limits::default()
    };
    let e = read_pages(&fx::table_two_pages(), &limits).unwrap_err();
    assert_eq!(
        e.to_string(),
        "limit exceeded: content-stream operations per page (page 1 has more than 10 operations); raise it with --max-ops"
    );
    let limits = Limits {
        max_pages: 1,
        ..Limits::default()
    };
    let e = read_pages(&fx::table_two_pages(), &limits).unwrap_err();
    assert_eq!(
        e.to_string(),
        "limit exceeded: pages (2 pages > 1); raise it with --max-pages"
    );
}

// A few unmapped codes: U+FFFD glyphs and a warning with the count. Mostly unmapped: an
// error with the ratio and the pages.
#[test]
fn unmapped_glyphs_are_reported() {
    let (pages, warnings) =
        read_pages(&fx::partly_unmapped(fx::LINE, 2), &Limits::default()).unwrap();
    assert_eq!(text(&pages), "收入总计2,405.59万元。\u{FFFD}\u{FFFD}");
    assert_eq!(pages[0].unmapped, 2);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "pdf.unmapped_glyphs");
    assert_eq!(warnings[0].page, Some(1));
    assert_eq!(
        warnings[0].message,
        "page 1: 2 character codes could not be mapped to Unicode (shown as U+FFFD)"
    );
    let e = read_pages(&fx::partly_unmapped("收入", 10), &Limits::default()).unwrap_err();
    assert_eq!(
        e,
        IngestError::Undecodable {
            detail: "10 of 12 glyphs (83.3%) are unmapped or private-use, on pages 1".into()
        }
    );
}

// /Rotate is applied: glyphs come out in displayed (upright) coordinates.
#[test]
fn rotated_page_reads_upright() {
    let (t, pages) = decode(&fx::rotated_page());
    assert_eq!(t, "收入总计2,405.59万元。");
    let p = &pages[0];
    assert_eq!((p.width, p.height), (842.0, 595.0));
    let g: Vec<(f32, f32, f32, f32)> = p
        .glyphs
        .iter()
        .take(2)
        .map(|g| (g.x, g.y, g.width, g.size))
        .collect();
    assert_eq!(
        g,
        vec![(72.0, 500.0, 12.0, 12.0), (84.0, 500.0, 12.0, 12.0)]
    );
}

// A line drawn twice with a small offset (fake bold) reads once.
#[test]
fn fake_bold_reads_once() {
    let (t, _) = decode(&fx::fake_bold());
    assert_eq!(t, "收入总计2,405.59万元。");
}

// Text outside the clipping path (re W n) is not visible and not read; the clip ends with
// its graphics state (Q).
#[test]
fn clipped_text_is_not_read() {
    let (_, pages) = decode(&fx::clipped_text());
    let mut ys: Vec<f32> = pages[0].glyphs.iter().map(|g| g.y).collect();
    ys.dedup();
    assert_eq!(ys, vec![760.0, 500.0]);
}

// Vertical writing (-V CMaps): each glyph one em below the previous one.
#[test]
fn vertical_writing_moves_down() {
    let (t, pages) = decode(&fx::vertical_text());
    assert_eq!(t, "收入支出决算总表");
    let pos: Vec<(f32, f32)> = pages[0].glyphs.iter().take(3).map(|g| (g.x, g.y)).collect();
    assert_eq!(pos, vec![(295.0, 691.2), (295.0, 681.2), (295.0, 671.2)]);
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

// A page tree whose root lists itself among its kids ends, with a typed error.
#[test]
fn cyclic_page_tree_is_corrupt() {
    let pdf = b"%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj
trailer << /Root 1 0 R >>
%%EOF";
    let e = read_pages(pdf, &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "corrupt", "{e}");
}

// The wall-time limit is checked between pages.
#[test]
fn timeout_is_reported() {
    let limits = Limits {
        timeout: std::time::Duration::ZERO,
        ..Limits::default()
    };
    let e = read_pages(&fx::table_two_pages(), &limits).unwrap_err();
    assert_eq!(e, IngestError::Timeout { secs: 0 });
}

// Writes the fixtures into tests/fixtures/pdf/ (for fuzzers and benches).
#[test]
#[ignore]
fn write_fixtures() {
    std::fs::create_dir_all("tests/fixtures/pdf").unwrap();
    for (name, bytes) in fx::all() {
        std::fs::write(format!("tests/fixtures/pdf/{name}"), bytes).unwrap();
    }
}

// Writes 1 GiB decompression bombs (content stream, ToUnicode) into gen/ for the RSS check
// with the release binary: `cargo test --release --test pdf_decode write_bombs -- --ignored`
// then `/usr/bin/time -v target/release/crossfoot extract gen/bomb-content-1g.pdf`.
#[test]
#[ignore]
fn write_bombs() {
    std::fs::create_dir_all("gen").unwrap();
    std::fs::write("gen/bomb-content-1g.pdf", fx::content_bomb(1 << 30)).unwrap();
    std::fs::write("gen/bomb-tounicode-1g.pdf", fx::tounicode_bomb(1 << 30)).unwrap();
}
