//! PDF ingest: lopdf parses objects (with decryption and size-limited decompression); our
//! own content-stream interpreter ([`interp`]) produces positioned glyphs and ruling lines
//! per page; [`layout`] turns them into the document model (lines, paragraphs, tables).
//!
//! [`read_pages`] is the decoding half on its own (used by layout's tests and benches):
//! load (panics inside lopdf become `Corrupt`), refuse files that need a user password,
//! interpret every page within the limits, then judge the result: pages without text and
//! pages with unmapped codes become warnings; a document with no text at all, or with more
//! than [`UNDECODABLE_PERCENT`] % of its glyphs unmapped or private-use, is an error, so decoded
//! garbage never passes silently.

mod budget;
pub mod cmap;
pub mod content;
mod encoding;
mod font;
pub mod interp;
pub mod layout;
mod lexer;

use super::{IngestError, Limits};
use crate::document::{DocWarning, Document};
use budget::Budget;
use content::PageContent;
use interp::{DocCtx, PageInterp, M};
use lopdf::{Dictionary, Document as PdfDoc, LoadOptions, Object, ObjectId};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// Percentage of unmapped or private-use glyphs above which a document is undecodable.
pub const UNDECODABLE_PERCENT: usize = 30;

/// Reads a PDF file into the document model.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    let (pages, warnings) = read_pages(bytes, limits)?;
    let mut doc = layout::build(&pages);
    doc.pages = Some(pages.len() as u32);
    let mut all = warnings;
    all.append(&mut doc.warnings);
    doc.warnings = all;
    Ok(doc)
}

/// Decodes every page into positioned glyphs and ruling segments, with the warnings met.
pub fn read_pages(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Vec<PageContent>, Vec<DocWarning>), IngestError> {
    // lopdf may panic on hostile input; our own code does not, but one guard covers both.
    let r = catch_unwind(AssertUnwindSafe(|| read_pages_inner(bytes, limits)));
    match r {
        Ok(r) => r,
        // A document stopped at its deadline goes on unwinding to `process`.
        Err(p) if crate::deadline::cancelled(p.as_ref()).is_some() => std::panic::resume_unwind(p),
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "parser panic".into());
            Err(IngestError::Corrupt {
                format: "pdf",
                detail: format!("the PDF parser failed ({msg})"),
            })
        }
    }
}

fn load(bytes: &[u8], limits: &Limits) -> Result<PdfDoc, IngestError> {
    let opts = LoadOptions {
        max_decompressed_size: Some(usize::try_from(limits.max_stream_bytes).unwrap_or(usize::MAX)),
        ..LoadOptions::default()
    };
    let doc = PdfDoc::load_mem_with_options(bytes, opts).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            IngestError::Limit {
                what: "decompressed size of one stream",
                detail: format!(
                    "an object stream decompresses to more than {} bytes",
                    limits.max_stream_bytes
                ),
                flag: "--max-stream-mb",
            }
        }
        lopdf::Error::InvalidPassword => IngestError::Encrypted,
        other => IngestError::Corrupt {
            format: "pdf",
            detail: format!("failed to parse ({other})"),
        },
    })?;
    // A file needing a user password loads with its /Encrypt still in the trailer and no
    // decryption state (and usually zero pages): refuse it rather than return no text.
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(IngestError::Encrypted);
    }
    Ok(doc)
}

fn read_pages_inner(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Vec<PageContent>, Vec<DocWarning>), IngestError> {
    let start = Instant::now();
    let doc = load(bytes, limits)?;
    // A damaged or hostile page tree (a Kids entry pointing back at an ancestor) makes
    // lopdf list the same page object several times: read each page once, and say so.
    let listed = doc.get_pages();
    let mut seen = std::collections::HashSet::new();
    let page_ids: std::collections::BTreeMap<u32, ObjectId> = listed
        .values()
        .filter(|id| seen.insert(**id))
        .zip(1u32..)
        .map(|(&id, n)| (n, id))
        .collect();
    let repeated = listed.len() - page_ids.len();
    if page_ids.is_empty() {
        return Err(IngestError::Corrupt {
            format: "pdf",
            detail: "no pages found (page tree missing or unreadable)".into(),
        });
    }
    if page_ids.len() > limits.max_pages as usize {
        return Err(IngestError::Limit {
            what: "pages",
            detail: format!("{} pages > {}", page_ids.len(), limits.max_pages),
            flag: "--max-pages",
        });
    }
    let budget = Budget::new(limits);
    let mut ctx = DocCtx {
        doc: &doc,
        budget: &budget,
        limits,
        fonts: Default::default(),
        forms: HashMap::new(),
        start,
    };
    let mut pages = Vec::with_capacity(page_ids.len());
    let mut warnings = Vec::new();
    if repeated > 0 {
        warnings.push(DocWarning::new(
            "pdf.page_tree_cycle",
            format!(
                "the page tree lists page objects {repeated} more time(s) than once (a cycle or \
                 a damaged tree); each page was read once"
            ),
        ));
    }
    for (&number, &id) in &page_ids {
        crate::deadline::check();
        if start.elapsed() > limits.timeout {
            return Err(IngestError::Timeout {
                secs: limits.timeout.as_secs(),
            });
        }
        let page = read_page(&mut ctx, number, id, &mut warnings)?;
        pages.push(page);
    }
    judge(&pages, &mut warnings)?;
    Ok((pages, warnings))
}

/// An inheritable page attribute (walks /Parent, bounded).
fn inherited<'a>(doc: &'a PdfDoc, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(v) = node.get(key) {
            return doc.dereference(v).ok().map(|(_, o)| o);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn rect(o: Option<&Object>) -> Option<[f32; 4]> {
    let a = o?.as_array().ok()?;
    let v: Vec<f32> = a.iter().filter_map(|x| x.as_float().ok()).collect();
    match v.as_slice() {
        [x0, y0, x1, y1] if [*x0, *y0, *x1, *y1].iter().all(|f| f.is_finite()) => {
            Some([x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)])
        }
        _ => None,
    }
}

fn read_page(
    ctx: &mut DocCtx<'_>,
    number: u32,
    id: ObjectId,
    warnings: &mut Vec<DocWarning>,
) -> Result<PageContent, IngestError> {
    let doc = ctx.doc;
    let Ok(page) = doc.get_dictionary(id) else {
        warnings.push(DocWarning::on_page(
            "pdf.page_unreadable",
            number,
            format!("page {number}: page object unreadable"),
        ));
        return Ok(PageContent {
            number,
            ..PageContent::default()
        });
    };
    let bx = rect(inherited(doc, page, b"CropBox"))
        .or_else(|| rect(inherited(doc, page, b"MediaBox")))
        .unwrap_or([0.0, 0.0, 595.0, 842.0]);
    let [x0, y0, x1, y1] = bx;
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    // Base CTM: page box origin to (0,0), and /Rotate applied so text reads upright.
    let (ctm, w, h) = match rotate {
        90 => (M::new(0.0, -1.0, 1.0, 0.0, -y0, x1), y1 - y0, x1 - x0),
        180 => (M::new(-1.0, 0.0, 0.0, -1.0, x1, y1), x1 - x0, y1 - y0),
        270 => (M::new(0.0, 1.0, -1.0, 0.0, y1, -x0), y1 - y0, x1 - x0),
        _ => (M::new(1.0, 0.0, 0.0, 1.0, -x0, -y0), x1 - x0, y1 - y0),
    };
    let res = inherited(doc, page, b"Resources").and_then(|o| o.as_dict().ok());
    // Contents: one stream or an array of streams, decoded within the budget and joined.
    let mut data = Vec::new();
    let mut unreadable = false;
    let streams: Vec<&Object> = match page.get(b"Contents") {
        Ok(o) => match doc.dereference(o).map(|(_, o)| o) {
            Ok(Object::Array(a)) => a.iter().collect(),
            Ok(other) => vec![other],
            Err(_) => Vec::new(),
        },
        Err(_) => Vec::new(),
    };
    for s in streams.into_iter().take(10_000) {
        let Ok((_, obj)) = doc.dereference(s) else {
            unreadable = true;
            continue;
        };
        let Ok(stream) = obj.as_stream() else {
            continue;
        };
        match ctx
            .budget
            .decode(stream, &format!("a content stream of page {number}"))?
        {
            Some(d) => {
                data.extend_from_slice(&d);
                data.push(b'\n');
            }
            None => unreadable = true,
        }
    }
    if unreadable {
        warnings.push(DocWarning::on_page(
            "pdf.page_unreadable",
            number,
            format!("page {number}: a content stream could not be decoded"),
        ));
    }
    let mut interp = PageInterp::new(ctx, number, ctm, w, h);
    interp.run(&data, res)?;
    Ok(interp.finish())
}

/// Pages as ranges: "1-3, 5".
pub fn page_ranges(pages: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&a) = pages.get(i) {
        let mut j = i;
        while pages
            .get(j + 1)
            .is_some_and(|&n| Some(n) == pages.get(j).map(|p| p + 1))
        {
            j += 1;
        }
        let b = pages.get(j).copied().unwrap_or(a);
        out.push(if a == b {
            a.to_string()
        } else {
            format!("{a}-{b}")
        });
        i = j + 1;
    }
    out.join(", ")
}

fn is_bad(text: &str) -> bool {
    text.chars()
        .any(|c| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c))
}

/// Warnings for empty pages and unmapped codes; errors for no text or mostly garbage.
fn judge(pages: &[PageContent], warnings: &mut Vec<DocWarning>) -> Result<(), IngestError> {
    let empty: Vec<u32> = pages
        .iter()
        .filter(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
        .map(|p| p.number)
        .collect();
    if empty.len() == pages.len() {
        return Err(IngestError::NoTextLayer {
            pages: page_ranges(&empty),
        });
    }
    if !empty.is_empty() {
        warnings.push(DocWarning::new(
            "pdf.no_text_layer",
            format!(
                "no text on pages {} (scanned or image-only?)",
                page_ranges(&empty)
            ),
        ));
    }
    let mut total = 0usize;
    let mut bad = 0usize;
    let mut bad_pages = Vec::new();
    for p in pages {
        let pbad = p.glyphs.iter().filter(|g| is_bad(&g.text)).count();
        total += p.glyphs.len();
        bad += pbad;
        if pbad > 0 {
            bad_pages.push(p.number);
        }
        if p.unmapped > 0 {
            warnings.push(DocWarning::on_page(
                "pdf.unmapped_glyphs",
                p.number,
                format!(
                    "page {}: {} character codes could not be mapped to Unicode (shown as U+FFFD)",
                    p.number, p.unmapped
                ),
            ));
        }
    }
    if total > 0 && bad.saturating_mul(100) > UNDECODABLE_PERCENT.saturating_mul(total) {
        let permille = bad.saturating_mul(1000) / total;
        return Err(IngestError::Undecodable {
            detail: format!(
                "{bad} of {total} glyphs ({}.{}%) are unmapped or private-use, on pages {}",
                permille / 10,
                permille % 10,
                page_ranges(&bad_pages)
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Page lists print as ranges.
    #[test]
    fn ranges() {
        assert_eq!(page_ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        assert_eq!(page_ranges(&[]), "");
    }
}
