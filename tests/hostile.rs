//! Hostile and broken input: every file of the bad-file corpus (tests/support/badfiles.rs)
//! gets its own specific error (or is read, where it is readable), never a panic, never a
//! hang, never an unbounded allocation; limits name their flag.
//!
//! Library-level tests call `crossfoot::ingest::ingest_bytes` / `crossfoot::process`; the
//! batch test at the end runs the real binary over the whole corpus plus good files.

#[path = "support/badfiles.rs"]
mod badfiles;

use badfiles::*;
use crossfoot::ingest::{ingest_bytes, IngestError, Limits};
use std::time::{Duration, Instant};

/// Reads bytes with default limits, asserting it took less than `secs` (debug build).
fn ingest_within(bytes: &[u8], limits: &Limits, secs: u64) -> Result<String, IngestError> {
    let start = Instant::now();
    let result = std::panic::catch_unwind(|| ingest_bytes(bytes, limits))
        .unwrap_or_else(|_| panic!("ingest panicked"));
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(secs),
        "took {took:?}, more than {secs} s"
    );
    result.map(|(_, doc)| doc.plain_text())
}

/// The error (code, message) a file gets with default limits.
fn error_of(bytes: &[u8]) -> (String, String) {
    match ingest_within(bytes, &Limits::default(), 60) {
        Ok(text) => panic!("expected an error, read {} chars", text.chars().count()),
        Err(e) => (e.code().to_string(), e.to_string()),
    }
}

// Disguised files are named by what they are, with the command that converts them.
#[test]
fn disguised_files_say_what_they_are() {
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        ("empty", Vec::new(), "empty", "empty file"),
        ("blank", b" \n\r\n\t".to_vec(), "empty", "empty file"),
        (
            "zeros",
            vec![0; 8192],
            "unsupported",
            "looks like 8192 zero bytes and nothing else (an unfinished download?) (hint: download it again)",
        ),
        (
            "html",
            HTML_404.as_bytes().to_vec(),
            "unsupported",
            "looks like an HTML page titled \"404 Not Found\", not a document",
        ),
        (
            "png",
            png(),
            "unsupported",
            "looks like a PNG image (a picture, not text) (hint: run OCR first",
        ),
        (
            "doc",
            ole(&["Root Entry", "WordDocument"]),
            "unsupported",
            "looks like a legacy Word 97-2003 document (.doc) (hint: convert it with `libreoffice --headless --convert-to docx FILE`)",
        ),
        (
            "wps",
            ole(&["Root Entry", "WordDocument", "KSOProductBuildVer"]),
            "unsupported",
            "looks like a legacy WPS Writer document (.wps, Word 97-2003 format) (hint: convert it with `libreoffice --headless --convert-to docx FILE`)",
        ),
        (
            "xls",
            ole(&["Root Entry", "Workbook"]),
            "unsupported",
            "looks like a legacy Excel 97-2003 workbook (.xls) (hint: convert it with `libreoffice --headless --convert-to pdf FILE`",
        ),
        (
            "et",
            ole(&["Root Entry", "Workbook", "WpsCustomData"]),
            "unsupported",
            "looks like a legacy WPS Spreadsheets workbook (.et, Excel 97-2003 format)",
        ),
        (
            "protected docx",
            ole(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
            "encrypted",
            "encrypted Office document: a password is required to open it",
        ),
        (
            "xlsx named docx",
            raw_zip(&[
                RawEntry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
                RawEntry::stored("xl/workbook.xml", b"<workbook/>"),
            ]),
            "unsupported",
            "looks like an Excel workbook (.xlsx) (hint: convert it with `libreoffice --headless --convert-to pdf FILE`",
        ),
        (
            "random",
            random_bytes(7, 64 * 1024),
            "unsupported",
            "looks like binary data",
        ),
    ];
    for (what, bytes, code, message) in cases {
        let (got_code, got_message) = error_of(&bytes);
        assert_eq!(got_code, code, "{what}: {got_message}");
        assert!(
            got_message.contains(message),
            "{what}: {got_message:?} lacks {message:?}"
        );
    }
}

// A file over --max-file-mb is refused before any parsing, naming the flag.
#[test]
fn file_size_limit_names_its_flag() {
    let limits = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let err = ingest_within(&random_bytes(3, 5000), &limits, 5).unwrap_err();
    assert_eq!(
        err.to_string(),
        "limit exceeded: input file size (5000 bytes > 1000 bytes); raise it with --max-file-mb"
    );
}

// The generators make what they claim: the good PDF has two pages and the 2,000-page PDF
// stays small on disk; the bombs are small on disk too.
#[test]
fn generators_make_small_valid_files() {
    let good = lopdf::Document::load_mem(&good_pdf()).expect("good pdf loads");
    assert_eq!(good.get_pages().len(), 2);
    let many = many_pages_pdf(2_000);
    assert!(many.len() < 1_500_000, "{} bytes", many.len());
    let loaded = lopdf::Document::load_mem(&many).expect("2000 pages load");
    assert_eq!(loaded.get_pages().len(), 2_000);
    let bomb = pdf_compression_bomb(1024);
    assert!(bomb.len() < 4_000_000, "{} bytes", bomb.len());
    let zip_bomb = docx_zip_bomb(1024, false);
    assert!(zip_bomb.len() < 4_000_000, "{} bytes", zip_bomb.len());
    let encrypted = lopdf::Document::load_mem(&encrypted_pdf("user"));
    assert!(encrypted.is_err() || encrypted.is_ok_and(|d| d.is_encrypted()));
}

// Writes the whole bad-file corpus to $CROSSFOOT_BADFILES_DIR (scripts/fuzz.sh seeds the
// fuzzers with it); ignored unless asked for.
#[test]
#[ignore = "writes files; run by scripts/fuzz.sh"]
fn write_bad_files() {
    let dir = std::env::var("CROSSFOOT_BADFILES_DIR").expect("CROSSFOOT_BADFILES_DIR");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for f in all_bad_files() {
        std::fs::write(std::path::Path::new(&dir).join(&f.name), &f.bytes).expect("write");
    }
    std::fs::write(std::path::Path::new(&dir).join("good.pdf"), good_pdf()).expect("write");
    std::fs::write(std::path::Path::new(&dir).join("good.docx"), good_docx()).expect("write");
}

// Exploration aid: prints what every bad file gives today (run with --nocapture).
#[test]
#[ignore = "prints a table"]
fn print_outcomes() {
    for f in all_bad_files() {
        let start = Instant::now();
        let r = std::panic::catch_unwind(|| ingest_bytes(&f.bytes, &Limits::default()));
        let took = start.elapsed();
        let what = match r {
            Err(_) => "PANIC".to_string(),
            Ok(Ok((fmt, doc))) => format!(
                "ok {:?} pages={:?} blocks={} warnings={:?} text={:?}",
                fmt,
                doc.pages,
                doc.blocks.len(),
                doc.warnings.iter().map(|w| w.code.clone()).collect::<Vec<_>>(),
                doc.plain_text().chars().take(80).collect::<String>()
            ),
            Ok(Err(e)) => format!("{}: {e}", e.code()),
        };
        println!("{:24} {:>9} B {:>8.2?} {what}", f.name, f.bytes.len(), took);
    }
}

// Exploration aid: every truncation point of the good PDF and DOCX (run with --nocapture).
#[test]
#[ignore = "prints a table"]
fn print_truncations() {
    for (name, bytes) in [("pdf", good_pdf()), ("docx", good_docx())] {
        for cut in (0..bytes.len()).step_by(bytes.len() / 40 + 1) {
            let r = ingest_bytes(&bytes[..cut], &Limits::default());
            let what = match r {
                Ok((_, doc)) => format!(
                    "ok pages={:?} warnings={:?} chars={}",
                    doc.pages,
                    doc.warnings.iter().map(|w| w.code.clone()).collect::<Vec<_>>(),
                    doc.plain_text().chars().count()
                ),
                Err(e) => format!("{}: {e}", e.code()),
            };
            println!("{name} {cut:>6}/{} {what}", bytes.len());
        }
    }
    let doc = lopdf::Document::load_mem(&page_tree_cycle_pdf()).expect("loads");
    println!("cycle pages: {:?}", doc.get_pages());
}

#[test]
#[ignore = "debug"]
fn debug_cycle() {
    let mut b = PdfBuilder::new(true);
    b.add_text_page(&["收入总计100万元。"]);
    let plain = b.finish();
    let r = crossfoot::ingest::pdf::read_pages(&plain, &Limits::default());
    println!("plain: {:?}", r.map(|(p, w)| (p.iter().map(|p| p.glyphs.len()).collect::<Vec<_>>(), w)));
    let r = crossfoot::ingest::pdf::read_pages(&page_tree_cycle_pdf(), &Limits::default());
    println!("cycle: {:?}", r.map(|(p, w)| (p.iter().map(|p| p.glyphs.len()).collect::<Vec<_>>(), w)));
}
