//! What the content-stream interpreter hands to layout: positioned glyphs and ruling
//! segments per page, in PDF user space after the CTM (points, origin bottom-left, y up).
//!
//! Coordinates are f32: they are positions on a page, never amounts.

/// One decoded glyph (or a short run of text drawn by one show operation, when the
/// interpreter cannot split it).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge of the glyph's advance box.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Horizontal advance (width) of the glyph.
    pub width: f32,
    /// Effective font size (text matrix and CTM applied): the glyph's height scale.
    pub size: f32,
    /// Unicode text of the glyph (usually one char; ligatures and ToUnicode ranges may give
    /// more). U+FFFD where the code could not be mapped.
    pub text: GlyphText,
}

/// A glyph's text, kept inline up to [`GlyphText::INLINE`] bytes (every single character and
/// most ligatures) so that a page of glyphs is not a heap allocation per glyph; longer text
/// goes on the heap. Reads as a `&str`.
#[derive(Clone, PartialEq, Eq)]
pub enum GlyphText {
    /// Short text.
    Inline {
        /// How many of `bytes` are the text.
        len: u8,
        /// The text's UTF-8, then zeros.
        bytes: [u8; GlyphText::INLINE],
    },
    /// Longer text.
    Heap(Box<str>),
}

impl GlyphText {
    /// The longest text kept inline, in bytes.
    pub const INLINE: usize = 14;

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        match self {
            GlyphText::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            GlyphText::Heap(s) => s,
        }
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> GlyphText {
        let mut bytes = [0u8; GlyphText::INLINE];
        match (bytes.get_mut(..s.len()), u8::try_from(s.len())) {
            (Some(head), Ok(len)) => {
                head.copy_from_slice(s.as_bytes());
                GlyphText::Inline { len, bytes }
            }
            _ => GlyphText::Heap(s.into()),
        }
    }
}

impl From<char> for GlyphText {
    fn from(c: char) -> GlyphText {
        GlyphText::from(&*c.encode_utf8(&mut [0; 4]))
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for GlyphText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A straight ruling segment (from a stroked path, or an edge of a thin filled
/// rectangle), normalised so that (x0, y0) <= (x1, y1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start x.
    pub x0: f32,
    /// Start y.
    pub y0: f32,
    /// End x.
    pub x1: f32,
    /// End y.
    pub y1: f32,
}

impl Segment {
    /// A horizontal rule at `y` from `x0` to `x1`.
    pub fn horizontal(y: f32, x0: f32, x1: f32) -> Segment {
        Segment {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    /// A vertical rule at `x` from `y0` to `y1`.
    pub fn vertical(x: f32, y0: f32, y1: f32) -> Segment {
        Segment {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }
}

/// Everything layout needs from one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageContent {
    /// 1-based page number.
    pub number: u32,
    /// Page width (MediaBox/CropBox).
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Ruling segments (horizontal and vertical only; others dropped).
    pub segments: Vec<Segment>,
    /// Character codes that could not be mapped to Unicode on this page.
    pub unmapped: usize,
}
