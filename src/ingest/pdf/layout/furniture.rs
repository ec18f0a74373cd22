//! Page furniture: running headers, footers and page numbers, which are not part of the text.
//!
//! A line is furniture when it sits in the top or bottom band of its page and either looks
//! like a page number ("- 3 -", "第 3 页", "3", "3/20", "Page 3 of 20") or repeats, digits
//! ignored, on at least half of the pages (and on two or more). A page number is also
//! recognised a little higher up (the bottom 15%) when it is the lowest text on the page.
//! The bands are narrow on purpose: a table title that opens many pages ("项目支出绩效自评表")
//! sits below the top margin and repeats on fewer than half of the pages, and must stay.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;

/// Fraction of the page height that counts as the header or footer band.
const BAND: f32 = 0.08;

/// Fraction of the page height within which a lowest line can be a page number.
const PAGE_NUMBER_BAND: f32 = 0.15;

static PAGE_NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^[-—–－_·•\s]*
        (?:
            第\s*[0-9０-９]{1,4}\s*页(?:\s*[,，/／]?\s*共\s*[0-9０-９]{1,4}\s*页)?
          | 共\s*[0-9０-９]{1,4}\s*页\s*[,，/／]?\s*第\s*[0-9０-９]{1,4}\s*页
          | [0-9０-９]{1,4}(?:\s*[/／]\s*[0-9０-９]{1,4})?
          | (?i:page)\s*[0-9]{1,4}(?:\s*(?i:of)\s*[0-9]{1,4})?
        )
        [-—–－_·•\s]*$",
    )
    .ok()
});

/// True for text that is only a page number in one of the usual forms.
pub fn is_page_number(text: &str) -> bool {
    PAGE_NUMBER.as_ref().is_some_and(|re| re.is_match(text))
}

/// The repetition key of a line: its text without whitespace, digits replaced by '#'.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// One page's free lines (not inside tables) and its height, for furniture detection.
pub struct PageLines<'a> {
    /// Page height (0 when unknown: no band detection).
    pub height: f32,
    /// Lines top to bottom.
    pub lines: &'a [Line],
    /// Lowest y of any table on the page (a page number must be below it).
    pub table_bottom: Option<f32>,
    /// Highest y of any table on the page.
    pub table_top: Option<f32>,
}

/// For each page, the indices of its lines that are furniture.
pub fn find(pages: &[PageLines<'_>]) -> Vec<BTreeSet<usize>> {
    let in_band = |p: &PageLines<'_>, l: &Line| -> bool {
        p.height > 0.0 && (l.top() > p.height * (1.0 - BAND) || l.y < p.height * BAND)
    };
    let mut seen: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (pi, p) in pages.iter().enumerate() {
        for l in p.lines.iter().filter(|l| in_band(p, l)) {
            seen.entry(key(&l.text)).or_default().insert(pi);
        }
    }
    let n = pages.len();
    let repeated = |k: &str| -> bool {
        seen.get(k)
            .is_some_and(|s| s.len() >= 2 && s.len() * 2 >= n)
    };
    pages
        .iter()
        .map(|p| {
            let mut out = BTreeSet::new();
            if p.height <= 0.0 {
                return out;
            }
            for (i, l) in p.lines.iter().enumerate() {
                let band = in_band(p, l);
                if band && (is_page_number(&l.text) || repeated(&key(&l.text))) {
                    out.insert(i);
                }
            }
            // A page number a little above the band: the lowest text on the page.
            if let Some((i, l)) = p
                .lines
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.y.total_cmp(&b.1.y))
            {
                let below_tables = p.table_bottom.is_none_or(|b| l.top() < b);
                if l.y < p.height * PAGE_NUMBER_BAND && below_tables && is_page_number(&l.text) {
                    out.insert(i);
                }
            }
            if let Some((i, l)) = p
                .lines
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.y.total_cmp(&b.1.y))
            {
                let above_tables = p.table_top.is_none_or(|t| l.y > t);
                if l.top() > p.height * (1.0 - PAGE_NUMBER_BAND)
                    && above_tables
                    && is_page_number(&l.text)
                {
                    out.insert(i);
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The usual page-number forms match; numbers inside text do not.
    #[test]
    fn page_number_forms() {
        for s in [
            "- 3 -",
            "—12—",
            "第 3 页",
            "第3页 共20页",
            "3",
            "3/20",
            "Page 3 of 20",
            "－３－",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["3.5", "2024年", "一、主要职能", "第一部分", "1,271.72"] {
            assert!(!is_page_number(s), "{s}");
        }
    }
}
