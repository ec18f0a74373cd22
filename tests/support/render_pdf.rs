//! Renders a crossfoot [`Document`] as a PDF in code (lopdf), so PDF test inputs can be
//! generated in CI without LibreOffice.
//!
//! What it draws, like a word processor's export would:
//! - paragraphs wrapped to the page width, first line indented two em, an ASCII run
//!   (a number such as "2,405.59") never split over two lines;
//! - tables laid out on the grid of tests/support/render.rs's [`render::plan`] (the same
//!   inferred merges as the DOCX rendition), every cell's border ruled with stroked lines
//!   (`m l S`) or, in [`Rules::Filled`], with thin filled rectangles (`x y w h re f`, as Word
//!   and WPS export rulings), a merged cell ruled as one rectangle, cell text wrapped inside
//!   the cell; wide tables
//!   (10+ grid columns) on landscape pages; a table that does not fit is continued on the
//!   next page between rows (never inside a vertical merge when it can be avoided);
//! - one Type0 font, Identity-H, whose CIDs are the characters' Unicode code points (BMP),
//!   with a ToUnicode CMap and a /W array (ASCII half width). No font file is embedded: the
//!   reader decodes through ToUnicode, and a viewer substitutes a font.
//!
//! Shared by tests and the example through `#[path]`; it uses `super::render`, so the
//! including file must also include tests/support/render.rs as `render`.
#![allow(dead_code)]
// Test support: a failure to build the PDF should fail the test loudly.
#![allow(clippy::unwrap_used)]

use super::render;
use crossfoot::document::{BlockKind, Document};
use lopdf::{dictionary, Dictionary, Object, Stream};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A4 in points.
const A4: (f32, f32) = (595.0, 842.0);
/// Page margin, points.
const MARGIN: f32 = 50.0;
/// Body text size.
const BODY: f32 = 11.0;
/// Table text size (narrow / wide tables).
const TABLE: f32 = 8.0;
/// Wide-table text size.
const TABLE_WIDE: f32 = 6.5;
/// Grid columns from which a table goes on a landscape page.
const LANDSCAPE_COLS: usize = 10;
/// Cell padding, points.
const PAD: f32 = 2.0;

/// Advance of a character in em.
fn em(c: char) -> f32 {
    if (c as u32) < 0x2E80 && !('\u{FF01}'..='\u{FF60}').contains(&c) {
        0.5
    } else {
        1.0
    }
}

/// Width of a string at `size`.
fn width(s: &str, size: f32) -> f32 {
    s.chars().map(em).sum::<f32>() * size
}

/// Wraps `text` into lines no wider than `first` (first line) and `rest`; ASCII runs are
/// kept whole unless one alone is too wide.
fn wrap(text: &str, size: f32, first: f32, rest: f32) -> Vec<String> {
    // Tokens: a maximal ASCII non-space run, or one other character.
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        let ascii = c.is_ascii() && !c.is_ascii_whitespace();
        match tokens.last_mut() {
            Some(t) if ascii && t.chars().all(|x| x.is_ascii() && !x.is_ascii_whitespace()) => {
                t.push(c)
            }
            _ => tokens.push(c.to_string()),
        }
    }
    let mut lines = vec![String::new()];
    let mut avail = first;
    for t in tokens {
        let cur = lines.last_mut().unwrap();
        if !cur.is_empty() && width(cur, size) + width(&t, size) > avail {
            if t.trim().is_empty() {
                continue;
            }
            lines.push(String::new());
            avail = rest;
        }
        if width(&t, size) > avail {
            for c in t.chars() {
                let cur = lines.last().unwrap();
                if !cur.is_empty() && width(cur, size) + em(c) * size > avail {
                    lines.push(String::new());
                }
                lines.last_mut().unwrap().push(c);
            }
        } else {
            lines.last_mut().unwrap().push_str(&t);
        }
    }
    lines
}

/// The characters the font maps: BMP only; others print as '?'.
fn glyph(c: char) -> u16 {
    u16::try_from(c as u32).unwrap_or(b'?' as u16)
}

/// A page being drawn.
/// How table rulings are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rules {
    /// Stroked lines: `x0 y0 m x1 y1 l S`.
    #[default]
    Stroked,
    /// Thin filled rectangles, 0.5 pt across: `x y w h re f`.
    Filled,
}

/// Thickness of a filled ruling, points.
const FILLED_RULE: f32 = 0.5;

struct Page {
    size: (f32, f32),
    ops: String,
}

/// The drawing state.
struct Pdf {
    pages: Vec<Page>,
    /// Current y (top of the next line), points from the bottom.
    y: f32,
    used: BTreeSet<u16>,
    rules: Rules,
}

impl Pdf {
    fn new_page(&mut self, landscape: bool) {
        let size = if landscape { (A4.1, A4.0) } else { A4 };
        self.pages.push(Page {
            size,
            ops: String::new(),
        });
        self.y = size.1 - MARGIN;
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().unwrap()
    }

    fn landscape(&self) -> bool {
        self.pages.last().is_some_and(|p| p.size.0 > p.size.1)
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, s: &str) {
        let mut hex = String::new();
        for c in s.chars() {
            let g = glyph(c);
            self.used.insert(g);
            let _ = write!(hex, "{g:04X}");
        }
        let _ = writeln!(
            self.page().ops,
            "BT /F1 {size:.2} Tf 1 0 0 1 {x:.2} {baseline:.2} Tm <{hex}> Tj ET"
        );
    }

    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        match self.rules {
            Rules::Stroked => {
                let _ = writeln!(self.page().ops, "{x0:.2} {y0:.2} m {x1:.2} {y1:.2} l S");
            }
            Rules::Filled => {
                // A horizontal or vertical ruling as a thin rectangle centred on the line.
                let h = FILLED_RULE / 2.0;
                let (x, y, w, hh) = if (y0 - y1).abs() < f32::EPSILON {
                    (
                        x0.min(x1) - h,
                        y0 - h,
                        (x1 - x0).abs() + FILLED_RULE,
                        FILLED_RULE,
                    )
                } else {
                    (
                        x0 - h,
                        y0.min(y1) - h,
                        FILLED_RULE,
                        (y1 - y0).abs() + FILLED_RULE,
                    )
                };
                let _ = writeln!(self.page().ops, "{x:.2} {y:.2} {w:.2} {hh:.2} re f");
            }
        }
    }

    fn paragraph(&mut self, text: &str) {
        let w = self.page().size.0 - 2.0 * MARGIN;
        let lead = BODY * 1.5;
        let lines = wrap(text.trim(), BODY, w - 2.0 * BODY, w);
        if self.y - lead < MARGIN {
            self.new_page(false);
        }
        for (i, l) in lines.iter().enumerate() {
            if self.y - lead < MARGIN {
                self.new_page(false);
            }
            let x = MARGIN + if i == 0 { 2.0 * BODY } else { 0.0 };
            self.text(x, self.y - BODY, BODY, l);
            self.y -= lead;
        }
        self.y -= BODY * 0.6;
    }

    fn table(&mut self, table: &crossfoot::document::Table) {
        let plan = render::plan(table);
        let wide = plan.width >= LANDSCAPE_COLS;
        if wide != self.landscape() || self.y < MARGIN + 60.0 {
            self.new_page(wide);
        }
        let size = if wide { TABLE_WIDE } else { TABLE };
        let total = self.page().size.0 - 2.0 * MARGIN;
        let cols: Vec<f32> = render::column_widths(&plan, total as u32)
            .into_iter()
            .map(|w| w as f32)
            .collect();
        let xs: Vec<f32> = std::iter::once(MARGIN)
            .chain(cols.iter().scan(MARGIN, |x, w| {
                *x += w;
                Some(*x)
            }))
            .collect();
        let lead = size * 1.3;
        // Lines of every owner cell and each row's height.
        let cell_lines = |c: &render::PlannedCell| -> Vec<String> {
            let w = xs.get(c.col + c.span).copied().unwrap_or(MARGIN + total)
                - xs.get(c.col).copied().unwrap_or(MARGIN)
                - 2.0 * PAD;
            c.text
                .split('\n')
                .flat_map(|p| wrap(p, size, w, w))
                .collect()
        };
        let heights: Vec<f32> = plan
            .rows
            .iter()
            .map(|row| {
                let n = row
                    .iter()
                    .filter(|c| c.vmerge != render::VMerge::Continue)
                    .map(|c| cell_lines(c).len())
                    .max()
                    .unwrap_or(1)
                    .max(1);
                n as f32 * lead + 2.0 * PAD
            })
            .collect();
        // Vertical extent (rows) of each owner: Restart runs down its Continue cells.
        let span_rows = |r: usize, col: usize| -> usize {
            let mut n = 1;
            while plan
                .rows
                .get(r + n)
                .and_then(|row| row.iter().find(|c| c.col == col))
                .is_some_and(|c| c.vmerge == render::VMerge::Continue)
            {
                n += 1;
            }
            n
        };
        // Rows that start a group that must not be split (no Continue cell in them).
        let mut r = 0;
        while r < plan.rows.len() {
            // The group: this row and every row continuing a merge that starts here.
            let mut end = r + 1;
            while end < plan.rows.len()
                && plan.rows[end]
                    .iter()
                    .any(|c| c.vmerge == render::VMerge::Continue)
            {
                end += 1;
            }
            let group_h: f32 = heights[r..end].iter().sum();
            let page_h = self.page().size.1 - 2.0 * MARGIN;
            if self.y - group_h < MARGIN && group_h <= page_h {
                self.new_page(wide);
            }
            for rr in r..end {
                if self.y - heights[rr] < MARGIN {
                    self.new_page(wide);
                }
                let top = self.y;
                for c in &plan.rows[rr] {
                    let x0 = xs.get(c.col).copied().unwrap_or(MARGIN);
                    let x1 = xs.get(c.col + c.span).copied().unwrap_or(MARGIN + total);
                    let rows = if c.vmerge == render::VMerge::Continue {
                        1
                    } else {
                        span_rows(rr, c.col)
                    };
                    // Region bottom: this row only, or down the merge on this page.
                    let mut bottom = top - heights[rr];
                    for k in 1..rows {
                        let h = heights.get(rr + k).copied().unwrap_or(0.0);
                        if bottom - h < MARGIN {
                            break;
                        }
                        bottom -= h;
                    }
                    // Top and side rules; the bottom rule unless a merge continues below.
                    let continued_here = c.vmerge == render::VMerge::Continue;
                    if !continued_here {
                        self.line(x0, top, x1, top);
                        self.line(x0, bottom, x1, bottom);
                    }
                    self.line(x0, top, x0, top - heights[rr]);
                    self.line(x1, top, x1, top - heights[rr]);
                    if continued_here {
                        continue;
                    }
                    for (i, l) in cell_lines(c).iter().enumerate() {
                        let base = top - PAD - size - i as f32 * lead;
                        if base < bottom {
                            break;
                        }
                        self.text(x0 + PAD, base, size, l);
                    }
                }
                self.y -= heights[rr];
            }
            r = end;
        }
        self.y -= BODY;
    }
}

/// The ToUnicode CMap for the used CIDs (= code points).
fn to_unicode(used: &BTreeSet<u16>) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Crossfoot-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let used: Vec<u16> = used.iter().copied().collect();
    for chunk in used.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for g in chunk {
            let _ = writeln!(s, "<{g:04X}> <{g:04X}>");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// The document as a PDF, its table rulings stroked.
pub fn render_pdf(doc: &Document) -> Vec<u8> {
    render_pdf_with(doc, Rules::Stroked)
}

/// The document as a PDF, its table rulings drawn as `rules` says.
pub fn render_pdf_with(doc: &Document, rules: Rules) -> Vec<u8> {
    let mut pdf = Pdf {
        pages: Vec::new(),
        y: 0.0,
        used: BTreeSet::new(),
        rules,
    };
    pdf.new_page(false);
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Paragraph(p) => {
                if pdf.landscape() {
                    pdf.new_page(false);
                }
                pdf.paragraph(&p.text);
            }
            BlockKind::Table(t) => pdf.table(t),
        }
    }

    let mut out = lopdf::Document::with_version("1.5");
    let pages_id = out.new_object_id();
    let tu = out.add_object(Stream::new(
        Dictionary::new(),
        to_unicode(&pdf.used).into_bytes(),
    ));
    let widths: Vec<Object> = pdf
        .used
        .iter()
        .filter(|g| em(char::from_u32(u32::from(**g)).unwrap_or('?')) < 1.0)
        .flat_map(|g| {
            [
                Object::Integer(i64::from(*g)),
                Object::Array(vec![Object::Integer(500)]),
            ]
        })
        .collect();
    let desc = out.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 1000,
        "W" => widths,
    });
    let font = out.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "SimSun",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![desc.into()],
        "ToUnicode" => tu,
    });
    let mut kids = Vec::new();
    for page in &pdf.pages {
        let mut s = Stream::new(Dictionary::new(), page.ops.clone().into_bytes());
        let _ = s.compress();
        let content = out.add_object(s);
        let id = out.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), page.size.0.into(), page.size.1.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "Contents" => content,
        });
        kids.push(Object::from(id));
    }
    let count = kids.len() as i64;
    out.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = out.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    out.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).unwrap();
    bytes
}
