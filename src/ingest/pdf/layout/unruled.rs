//! Unruled tables (the fallback when a table has no ruling lines): runs of consecutive lines
//! whose wide gaps line up, one table row per line.
//!
//! Conservative by design, since a false table breaks a paragraph's sentences apart: at least
//! [`MIN_ROWS`] consecutive lines of the same font size and normal spacing, every one with
//! two or more chunks and most with three or more, sharing at least two common vertical
//! gaps (so three or more columns). Wrapped cell text is not reconstructed here.

use super::lines::Line;

/// Fewest lines that make an unruled table.
const MIN_ROWS: usize = 3;

/// A table found without rulings: column boundaries and, per line, its cells as
/// (column, text).
#[derive(Debug, Clone, PartialEq)]
pub struct Unruled {
    /// Index of the first line of the run.
    pub start: usize,
    /// Index after the last line of the run.
    pub end: usize,
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Cells per line: (column, text).
    pub rows: Vec<Vec<(usize, String)>>,
}

/// Subtracts the chunk spans of `line` from the gap intervals, keeping pieces at least
/// `min_width` wide.
fn intersect(gaps: &[(f32, f32)], line: &Line, min_width: f32) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    for &(s, e) in gaps {
        let mut pieces = vec![(s, e)];
        for c in &line.chunks {
            let mut next = Vec::new();
            for (ps, pe) in pieces {
                if c.x1 <= ps || c.x0 >= pe {
                    next.push((ps, pe));
                } else {
                    if c.x0 > ps {
                        next.push((ps, c.x0));
                    }
                    if c.x1 < pe {
                        next.push((c.x1, pe));
                    }
                }
            }
            pieces = next;
        }
        out.extend(pieces.into_iter().filter(|&(ps, pe)| pe - ps >= min_width));
    }
    out
}

/// Finds unruled tables among consecutive lines (top to bottom, one page).
pub fn find(lines: &[Line]) -> Vec<Unruled> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = lines.get(i) else { break };
        if first.chunks.len() < 3 {
            i += 1;
            continue;
        }
        let min_width = 0.5 * first.size;
        let mut gaps: Vec<(f32, f32)> = first
            .chunks
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some((a.x1, b.x0)),
                _ => None,
            })
            .collect();
        let mut j = i + 1;
        while let (Some(prev), Some(l)) = (lines.get(j - 1), lines.get(j)) {
            let spacing_ok = prev.y - l.y > 0.0 && prev.y - l.y < 2.5 * prev.size.max(l.size);
            let same_size = (l.size - first.size).abs() <= 0.15 * first.size;
            if l.chunks.len() < 2 || !spacing_ok || !same_size {
                break;
            }
            let next = intersect(&gaps, l, min_width);
            if next.len() < 2 {
                break;
            }
            gaps = next;
            j += 1;
        }
        let run = &lines[i..j];
        let three = run.iter().filter(|l| l.chunks.len() >= 3).count();
        if run.len() >= MIN_ROWS && three * 3 >= run.len() * 2 && gaps.len() >= 2 {
            let left = run.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
            let right = run.iter().map(|l| l.x1).fold(f32::NEG_INFINITY, f32::max);
            let mut xs = vec![left];
            xs.extend(gaps.iter().map(|&(s, e)| (s + e) / 2.0));
            xs.push(right);
            let rows = run
                .iter()
                .map(|l| {
                    let mut cells: Vec<(usize, String)> = Vec::new();
                    for c in &l.chunks {
                        let mid = (c.x0 + c.x1) / 2.0;
                        let col = gaps.iter().filter(|g| (g.0 + g.1) / 2.0 < mid).count();
                        match cells.last_mut() {
                            Some((lc, text)) if *lc == col => {
                                text.push(' ');
                                text.push_str(&c.text);
                            }
                            _ => cells.push((col, c.text.clone())),
                        }
                    }
                    cells
                })
                .collect();
            out.push(Unruled {
                start: i,
                end: j,
                xs,
                rows,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}
