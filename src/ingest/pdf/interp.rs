//! The content-stream interpreter: runs one page's operators (and the form XObjects it
//! draws) and records positioned glyphs and horizontal/vertical ruling segments.
//!
//! Only what positions text and draws rulings is modelled: the graphics state stack (q/Q,
//! cm), the text state (Tc Tw Tz TL Tf Ts), text objects and positioning (BT/ET, Td TD Tm
//! T*), text showing (Tj TJ ' "), path construction (m l c v y re h) and painting (S s f F
//! f* B B* b b* n). Colours, clipping, shading and images are ignored; inline image data is
//! skipped unread. A glyph repeating the same text at (almost) the same position as one of
//! the last few glyphs is dropped: that is fake bold (overdraw), not new text. Operations are counted against `max_ops_per_page` (forms included), form
//! nesting against `max_form_depth`, and wall time against `timeout`.

use super::budget::Budget;
use super::content::{Glyph, PageContent, Segment};
use super::font::{Font, FontCache};
use super::lexer::{Lexer, Tok};
use crate::ingest::{IngestError, Limits};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

/// An affine matrix [a b c d e f] in PDF's row-vector convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct M {
    a: f32,
    b: f32,
    c: f32,
    d: f32,
    e: f32,
    f: f32,
}

impl M {
    /// The identity.
    pub const ID: M = M {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    /// From six numbers.
    pub fn new(a: f32, b: f32, c: f32, d: f32, e: f32, f: f32) -> M {
        M { a, b, c, d, e, f }
    }

    /// `self` then `o` (self × o).
    fn then(&self, o: &M) -> M {
        M {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    /// Translation by (tx, ty) in this matrix's input space: T(tx,ty) × self.
    fn pre_translate(&mut self, tx: f32, ty: f32) {
        self.e += tx * self.a + ty * self.c;
        self.f += tx * self.b + ty * self.d;
    }
}

#[derive(Clone)]
struct GState {
    ctm: M,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    rise: f32,
    size: f32,
    font: Option<Rc<Font>>,
    /// The clipping region's bounding box in page space (x0, y0, x1, y1), when a path has
    /// been made the clip (`re W n`): text outside it is not visible.
    clip: Option<[f32; 4]>,
}

/// Operands between operators. Names and strings point into the stream or the scratch.
#[derive(Clone, Copy)]
enum Opd<'s> {
    Num(f32),
    Name(&'s [u8]),
    Str(usize, usize),
    ArrOpen,
    ArrClose,
    Other,
}

/// One point of a subpath; `line` says whether a straight segment leads to it.
#[derive(Clone, Copy)]
struct Pt {
    x: f32,
    y: f32,
    line: bool,
}

/// Most operands kept between two operators (garbage streams can push millions).
const MAX_OPERANDS: usize = 8192;
/// Most saved graphics states.
const MAX_STACK: usize = 1024;
/// Most points in one path.
const MAX_PATH_POINTS: usize = 1 << 20;
/// Tolerance (points) for calling a segment horizontal or vertical.
const AXIS_TOL: f32 = 0.5;
/// A filled rectangle at most this thick (points) is a ruling line.
const THIN: f32 = 3.0;

/// How many recent glyphs are compared to catch a string drawn twice (fake bold).
const OVERDRAW_WINDOW: usize = 64;

/// Shared per-document state the interpreter needs.
pub struct DocCtx<'d> {
    /// The document.
    pub doc: &'d Document,
    /// Decompression budget.
    pub budget: &'d Budget,
    /// Limits.
    pub limits: &'d Limits,
    /// Fonts by object id.
    pub fonts: FontCache,
    /// Decoded form XObject contents by object id.
    pub forms: HashMap<ObjectId, Rc<Vec<u8>>>,
    /// When the document started, for the timeout.
    pub start: Instant,
}

/// Interprets one page.
pub struct PageInterp<'c, 'd> {
    ctx: &'c mut DocCtx<'d>,
    out: PageContent,
    gs: GState,
    stack: Vec<GState>,
    tm: M,
    tlm: M,
    subpaths: Vec<Vec<Pt>>,
    /// `W`/`W*` seen: the current path becomes the clip when it is ended.
    clip_pending: bool,
    ops: usize,
    forms_open: Vec<ObjectId>,
    scratch: Vec<u8>,
}

impl<'c, 'd> PageInterp<'c, 'd> {
    /// A fresh interpreter for page `number` with the given base CTM and page size.
    pub fn new(ctx: &'c mut DocCtx<'d>, number: u32, ctm: M, width: f32, height: f32) -> Self {
        PageInterp {
            ctx,
            out: PageContent {
                number,
                width,
                height,
                ..PageContent::default()
            },
            gs: GState {
                ctm,
                tc: 0.0,
                tw: 0.0,
                th: 1.0,
                tl: 0.0,
                rise: 0.0,
                size: 0.0,
                font: None,
                clip: None,
            },
            stack: Vec::new(),
            tm: M::ID,
            tlm: M::ID,
            subpaths: Vec::new(),
            clip_pending: false,
            ops: 0,
            forms_open: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// The page content gathered so far.
    pub fn finish(self) -> PageContent {
        self.out
    }

    /// Runs a content stream with the given resources.
    pub fn run(&mut self, data: &[u8], res: Option<&'d Dictionary>) -> Result<(), IngestError> {
        let mut lx = Lexer::new(data);
        let mut opds: Vec<Opd<'_>> = Vec::with_capacity(16);
        self.scratch.clear();
        while let Some(tok) = lx.next_token(&mut self.scratch) {
            let o = match tok {
                Tok::Num(n) => Opd::Num(n),
                Tok::Name(n) => Opd::Name(n),
                Tok::Str(a, b) => Opd::Str(a, b),
                Tok::ArrOpen => Opd::ArrOpen,
                Tok::ArrClose => Opd::ArrClose,
                Tok::DictOpen | Tok::DictClose => Opd::Other,
                Tok::Op(op) => {
                    self.count_op()?;
                    if op == b"ID" {
                        lx.skip_inline_image();
                    } else {
                        self.op(op, &opds, res)?;
                    }
                    opds.clear();
                    self.scratch.clear();
                    continue;
                }
            };
            if opds.len() < MAX_OPERANDS {
                opds.push(o);
            }
        }
        Ok(())
    }

    fn count_op(&mut self) -> Result<(), IngestError> {
        self.ops += 1;
        if self.ops > self.ctx.limits.max_ops_per_page {
            return Err(IngestError::Limit {
                what: "content-stream operations per page",
                detail: format!(
                    "page {} has more than {} operations",
                    self.out.number, self.ctx.limits.max_ops_per_page
                ),
                flag: "--max-ops",
            });
        }
        if self.ops.is_multiple_of(8192)
            && (self.ctx.start.elapsed() > self.ctx.limits.timeout || crate::deadline::expired())
        {
            return Err(IngestError::Timeout {
                secs: self.ctx.limits.timeout.as_secs(),
            });
        }
        Ok(())
    }

    fn op(
        &mut self,
        op: &[u8],
        o: &[Opd<'_>],
        res: Option<&'d Dictionary>,
    ) -> Result<(), IngestError> {
        let n = |i: usize| -> f32 {
            match o.get(i) {
                Some(Opd::Num(v)) if v.is_finite() => *v,
                _ => 0.0,
            }
        };
        // Numeric operands counted from the end (operators take the last N).
        let last = |k: usize, i: usize| -> f32 { n(o.len().saturating_sub(k) + i) };
        match op {
            b"q" if self.stack.len() < MAX_STACK => self.stack.push(self.gs.clone()),
            b"Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" => {
                let m = M::new(
                    last(6, 0),
                    last(6, 1),
                    last(6, 2),
                    last(6, 3),
                    last(6, 4),
                    last(6, 5),
                );
                self.gs.ctm = m.then(&self.gs.ctm);
            }
            b"BT" => {
                self.tm = M::ID;
                self.tlm = M::ID;
            }
            b"ET" => {}
            b"Tc" => self.gs.tc = last(1, 0),
            b"Tw" => self.gs.tw = last(1, 0),
            b"Tz" => self.gs.th = last(1, 0) / 100.0,
            b"TL" => self.gs.tl = last(1, 0),
            b"Ts" => self.gs.rise = last(1, 0),
            b"Tf" => {
                self.gs.size = last(1, 0);
                let name = o.iter().rev().find_map(|x| match x {
                    Opd::Name(nm) => Some(*nm),
                    _ => None,
                });
                self.gs.font = match name {
                    Some(nm) => self.font(res, nm)?,
                    None => None,
                };
            }
            b"Td" => self.td(last(2, 0), last(2, 1)),
            b"TD" => {
                self.gs.tl = -last(2, 1);
                self.td(last(2, 0), last(2, 1));
            }
            b"Tm" => {
                let m = M::new(
                    last(6, 0),
                    last(6, 1),
                    last(6, 2),
                    last(6, 3),
                    last(6, 4),
                    last(6, 5),
                );
                self.tm = m;
                self.tlm = m;
            }
            b"T*" => self.td(0.0, -self.gs.tl),
            b"Tj" => {
                if let Some(Opd::Str(a, b)) = o.last() {
                    self.show(*a, *b);
                }
            }
            b"'" => {
                self.td(0.0, -self.gs.tl);
                if let Some(Opd::Str(a, b)) = o.last() {
                    self.show(*a, *b);
                }
            }
            b"\"" => {
                self.gs.tw = n(0);
                self.gs.tc = n(1);
                self.td(0.0, -self.gs.tl);
                if let Some(Opd::Str(a, b)) = o.last() {
                    self.show(*a, *b);
                }
            }
            b"TJ" => {
                for x in o {
                    match *x {
                        Opd::Str(a, b) => self.show(a, b),
                        Opd::Num(v) if v.is_finite() => {
                            if self.gs.font.as_ref().is_some_and(|f| f.vertical) {
                                self.tm.pre_translate(0.0, -v / 1000.0 * self.gs.size);
                            } else {
                                let tx = -v / 1000.0 * self.gs.size * self.gs.th;
                                self.tm.pre_translate(tx, 0.0);
                            }
                        }
                        _ => {}
                    }
                }
            }
            b"m" => {
                let (x, y) = self.gs.ctm.apply(last(2, 0), last(2, 1));
                self.subpaths.push(vec![Pt { x, y, line: false }]);
            }
            b"l" => self.path_to(last(2, 0), last(2, 1), true),
            b"c" => self.path_to(last(6, 4), last(6, 5), false),
            b"v" | b"y" => self.path_to(last(4, 2), last(4, 3), false),
            b"h" => self.close_subpath(),
            b"re" => {
                let (x, y, w, h) = (last(4, 0), last(4, 1), last(4, 2), last(4, 3));
                let ctm = self.gs.ctm;
                let p = |px: f32, py: f32, line: bool| {
                    let (x, y) = ctm.apply(px, py);
                    Pt { x, y, line }
                };
                self.subpaths.push(vec![
                    p(x, y, false),
                    p(x + w, y, true),
                    p(x + w, y + h, true),
                    p(x, y + h, true),
                    p(x, y, true),
                ]);
            }
            b"W" | b"W*" => self.clip_pending = true,
            b"S" => self.paint(false, true, false),
            b"s" => self.paint(false, true, true),
            b"f" | b"F" | b"f*" => self.paint(true, false, true),
            b"B" | b"B*" => self.paint(true, true, false),
            b"b" | b"b*" => self.paint(true, true, true),
            b"n" => {
                self.end_clip();
                self.subpaths.clear();
            }
            b"Do" => {
                if let Some(Opd::Name(nm)) = o.last() {
                    self.do_xobject(res, nm)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn td(&mut self, tx: f32, ty: f32) {
        self.tlm.pre_translate(tx, ty);
        self.tm = self.tlm;
    }

    fn resource(&self, res: Option<&'d Dictionary>, cat: &[u8], name: &[u8]) -> Option<&'d Object> {
        let doc = self.ctx.doc;
        let cat = res?.get(cat).ok()?;
        let cat = doc.dereference(cat).ok()?.1.as_dict().ok()?;
        cat.get(name).ok()
    }

    fn font(
        &mut self,
        res: Option<&'d Dictionary>,
        name: &[u8],
    ) -> Result<Option<Rc<Font>>, IngestError> {
        let Some(obj) = self.resource(res, b"Font", name) else {
            return Ok(None);
        };
        let ctx = &mut *self.ctx;
        ctx.fonts.get(ctx.doc, obj, ctx.budget)
    }

    fn show(&mut self, a: usize, b: usize) {
        let Some(font) = self.gs.font.clone() else {
            // Text shown without a usable font: nothing to decode it with. Count every byte
            // as unmapped so the loss is reported, never silent.
            let n = b.saturating_sub(a);
            self.out.unmapped += n;
            let m = self.tm.then(&self.gs.ctm);
            let (x, y) = m.apply(0.0, self.gs.rise);
            for _ in 0..n.min(MAX_OPERANDS) {
                self.out.glyphs.push(Glyph {
                    x,
                    y,
                    width: 0.0,
                    size: self.gs.size * m.c.hypot(m.d),
                    text: "\u{FFFD}".into(),
                });
            }
            return;
        };
        let bytes = std::mem::take(&mut self.scratch);
        let s = bytes.get(a..b).unwrap_or(&[]);
        let g = &self.gs;
        let mut i = 0;
        let mut text = String::new();
        while let Some(rest) = s.get(i..).filter(|r| !r.is_empty()) {
            text.clear();
            let code = font.next(rest, &mut text);
            i += code.len;
            let spacing = g.tc + if code.is_space { g.tw } else { 0.0 };
            // Vertical writing: default vertical metrics (DW2 [880 -1000]); the glyph's
            // left edge is half its width left of the pen, its baseline 0.88 em below.
            let (tx, ty, ox, oy) = if font.vertical {
                (
                    0.0,
                    -g.size + spacing,
                    -code.width * g.size / 2.0,
                    -0.88 * g.size,
                )
            } else {
                ((code.width * g.size + spacing) * g.th, 0.0, 0.0, 0.0)
            };
            let m = self.tm.then(&g.ctm);
            let (x, y) = m.apply(ox, oy + g.rise);
            let advance = if font.vertical {
                code.width * g.size
            } else {
                tx
            };
            if !code.mapped {
                self.out.unmapped += 1;
            }
            let size = g.size * m.c.hypot(m.d);
            let width = advance * m.a.hypot(m.b);
            if !text.is_empty()
                && !self.clipped(x, y, width, size)
                && !self.is_overdraw(&text, x, y, size)
            {
                self.out.glyphs.push(Glyph {
                    x,
                    y,
                    width,
                    size,
                    text: text.as_str().into(),
                });
            }
            self.tm.pre_translate(tx, ty);
        }
        self.scratch = bytes;
    }

    /// Whether the same text was just drawn at (almost) the same place: fake bold (a string
    /// drawn twice with a small offset, as some exporters do) would otherwise double every
    /// character of a number.
    fn is_overdraw(&self, text: &str, x: f32, y: f32, size: f32) -> bool {
        let tol = 0.15 * size.abs().max(1.0);
        let start = self.out.glyphs.len().saturating_sub(OVERDRAW_WINDOW);
        self.out.glyphs.get(start..).is_some_and(|recent| {
            recent
                .iter()
                .any(|g| (g.x - x).abs() < tol && (g.y - y).abs() < tol && *g.text == *text)
        })
    }

    fn path_to(&mut self, px: f32, py: f32, line: bool) {
        let (x, y) = self.gs.ctm.apply(px, py);
        let total: usize = self.subpaths.iter().map(Vec::len).sum();
        if total >= MAX_PATH_POINTS {
            return;
        }
        match self.subpaths.last_mut() {
            Some(sp) => sp.push(Pt { x, y, line }),
            None => self.subpaths.push(vec![Pt { x, y, line: false }]),
        }
    }

    fn close_subpath(&mut self) {
        if let Some(sp) = self.subpaths.last_mut() {
            if let (Some(&first), Some(&last)) = (sp.first(), sp.last()) {
                if sp.len() > 1 && (first.x != last.x || first.y != last.y) {
                    sp.push(Pt {
                        x: first.x,
                        y: first.y,
                        line: true,
                    });
                }
            }
        }
    }

    /// After `W`/`W*`, the path being ended narrows the clip to its bounding box (a bounding
    /// box, so a clip of any shape keeps at least what it shows).
    fn end_clip(&mut self) {
        if !std::mem::take(&mut self.clip_pending) {
            return;
        }
        let mut bx = [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ];
        for p in self.subpaths.iter().flatten() {
            bx = [
                bx[0].min(p.x),
                bx[1].min(p.y),
                bx[2].max(p.x),
                bx[3].max(p.y),
            ];
        }
        if !bx.iter().all(|v| v.is_finite()) {
            return;
        }
        self.gs.clip = Some(match self.gs.clip {
            Some(c) => [
                c[0].max(bx[0]),
                c[1].max(bx[1]),
                c[2].min(bx[2]),
                c[3].min(bx[3]),
            ],
            None => bx,
        });
    }

    /// Whether a glyph at (x, y) of this size and advance lies outside the clip (its middle
    /// outside by more than a point).
    fn clipped(&self, x: f32, y: f32, width: f32, size: f32) -> bool {
        let Some([x0, y0, x1, y1]) = self.gs.clip else {
            return false;
        };
        let (cx, cy) = (x + width / 2.0, y + size.abs() * 0.35);
        cx < x0 - 1.0 || cx > x1 + 1.0 || cy < y0 - 1.0 || cy > y1 + 1.0
    }

    fn paint(&mut self, fill: bool, stroke: bool, close: bool) {
        self.end_clip();
        let subpaths = std::mem::take(&mut self.subpaths);
        for mut sp in subpaths {
            if close && sp.len() > 1 {
                if let (Some(&first), Some(&last)) = (sp.first(), sp.last()) {
                    if first.x != last.x || first.y != last.y {
                        sp.push(Pt {
                            x: first.x,
                            y: first.y,
                            line: true,
                        });
                    }
                }
            }
            if stroke {
                for w in sp.windows(2) {
                    if let [p, q] = w {
                        if q.line {
                            self.segment(p.x, p.y, q.x, q.y);
                        }
                    }
                }
            } else if fill {
                if let Some((x0, y0, x1, y1)) = axis_rect(&sp) {
                    let (w, h) = (x1 - x0, y1 - y0);
                    if h <= THIN && w > h && w >= 1.0 {
                        let y = (y0 + y1) / 2.0;
                        self.segment(x0, y, x1, y);
                    } else if w <= THIN && h > w && h >= 1.0 {
                        let x = (x0 + x1) / 2.0;
                        self.segment(x, y0, x, y1);
                    }
                }
            }
        }
    }

    fn segment(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return;
        }
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        let s = if dy <= AXIS_TOL && dx >= 1.0 {
            Segment::horizontal((y0 + y1) / 2.0, x0.min(x1), x0.max(x1))
        } else if dx <= AXIS_TOL && dy >= 1.0 {
            Segment::vertical((x0 + x1) / 2.0, y0.min(y1), y0.max(y1))
        } else {
            return;
        };
        self.out.segments.push(s);
    }

    fn do_xobject(&mut self, res: Option<&'d Dictionary>, name: &[u8]) -> Result<(), IngestError> {
        let doc = self.ctx.doc;
        let Some(obj) = self.resource(res, b"XObject", name) else {
            return Ok(());
        };
        let Ok(id) = obj.as_reference() else {
            return Ok(());
        };
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return Ok(());
        }
        if self.forms_open.contains(&id) {
            // A form that draws itself: skip the cycle.
            return Ok(());
        }
        if self.forms_open.len() as u32 >= self.ctx.limits.max_form_depth {
            return Err(IngestError::Limit {
                what: "form XObject nesting depth",
                detail: format!(
                    "page {} nests forms deeper than {}",
                    self.out.number, self.ctx.limits.max_form_depth
                ),
                flag: "--max-form-depth",
            });
        }
        let data = match self.ctx.forms.get(&id) {
            Some(d) => Rc::clone(d),
            None => {
                let d = Rc::new(
                    self.ctx
                        .budget
                        .decode(stream, "a form XObject")?
                        .unwrap_or_default(),
                );
                self.ctx.forms.insert(id, Rc::clone(&d));
                d
            }
        };
        let matrix = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| {
                let v: Vec<f32> = a.iter().filter_map(|x| x.as_float().ok()).collect();
                match v.as_slice() {
                    [a, b, c, d, e, f] => Some(M::new(*a, *b, *c, *d, *e, *f)),
                    _ => None,
                }
            })
            .unwrap_or(M::ID);
        let form_res = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
            .or(res);
        let saved = (self.gs.clone(), self.tm, self.tlm, self.stack.len());
        self.gs.ctm = matrix.then(&self.gs.ctm);
        self.forms_open.push(id);
        let scratch = std::mem::take(&mut self.scratch);
        let r = self.run(&data, form_res);
        self.scratch = scratch;
        self.forms_open.pop();
        self.gs = saved.0;
        self.tm = saved.1;
        self.tlm = saved.2;
        self.stack.truncate(saved.3);
        r
    }
}

/// The bounding box of a subpath that is an axis-aligned rectangle drawn with lines.
fn axis_rect(sp: &[Pt]) -> Option<(f32, f32, f32, f32)> {
    if !(4..=5).contains(&sp.len()) || sp.iter().skip(1).any(|p| !p.line) {
        return None;
    }
    let mut ring: Vec<Pt> = sp.to_vec();
    if let (Some(f), Some(l)) = (ring.first().copied(), ring.last().copied()) {
        if ring.len() == 4 || (f.x - l.x).abs() > AXIS_TOL || (f.y - l.y).abs() > AXIS_TOL {
            ring.push(f);
        }
    }
    if ring.len() != 5 {
        return None;
    }
    let axis = ring.windows(2).all(
        |w| matches!(w, [p, q] if (p.x - q.x).abs() <= AXIS_TOL || (p.y - q.y).abs() <= AXIS_TOL),
    );
    if !axis {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in &ring {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    Some((x0, y0, x1, y1))
}
