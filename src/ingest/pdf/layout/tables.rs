//! Ruled tables: ruling segments → merged rules → connected groups of crossing rules →
//! a grid (distinct x of vertical rules, distinct y of horizontal rules) → cells, where a
//! missing internal rule merges neighbouring grid rectangles into one spanning cell.
//!
//! Outer rules may be missing (many published tables have no left/right border): the grid's
//! outer edges are taken from the extent of the rules, and only internal rules decide merges.
//! A merged region that is not a rectangle (an irregular drawing) is not merged at all.
//! A single box, a page frame and a frame around another table are not tables.
//!
//! Cost: sorting the segments, then work proportional to (rules × rules) within one page,
//! capped by [`MAX_RULES`]: a page with more rules than that is read as text only (with a
//! warning on the document).

use super::super::content::Segment;

/// Two rules closer than this (points) are the same rule; also the tolerance for a rule
/// reaching another one.
pub const TOL: f32 = 2.0;

/// Grid lines closer than this are one grid line (no table row is this thin).
const GRID_TOL: f32 = 3.0;

/// Most merged rules per orientation considered on one page.
pub const MAX_RULES: usize = 3_000;

/// A horizontal rule.
#[derive(Debug, Clone, Copy, PartialEq)]
struct HRule {
    y: f32,
    x0: f32,
    x1: f32,
}

/// A vertical rule.
#[derive(Debug, Clone, Copy, PartialEq)]
struct VRule {
    x: f32,
    y0: f32,
    y1: f32,
}

/// One cell of a detected grid (an owner, spans included).
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    /// Top grid row.
    pub row: usize,
    /// Left grid column.
    pub col: usize,
    /// Rows spanned.
    pub row_span: usize,
    /// Columns spanned.
    pub col_span: usize,
}

/// A table grid found from rulings, in page coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right (columns = len − 1).
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (descending y; rows = len − 1).
    pub ys: Vec<f32>,
    /// Cells (owners), row-major.
    pub cells: Vec<GridCell>,
    /// For each grid slot (row * cols + col), the index of its owner in `cells`.
    pub owner: Vec<usize>,
}

impl Grid {
    /// Number of grid columns.
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    /// Number of grid rows.
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    /// True when the point lies inside the grid's outer rectangle.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        match (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) {
            (Some(&l), Some(&r), Some(&t), Some(&b)) => x >= l && x <= r && y <= t && y >= b,
            _ => false,
        }
    }

    /// The owner cell index of the slot containing the point, if inside.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        if !self.contains(x, y) {
            return None;
        }
        // xs ascending: the column is the number of boundaries left of x, minus one.
        let c = self.xs.partition_point(|&b| b <= x).saturating_sub(1);
        let r = self.ys.partition_point(|&b| b >= y).saturating_sub(1);
        let c = c.min(self.cols().saturating_sub(1));
        let r = r.min(self.rows().saturating_sub(1));
        self.owner.get(r * self.cols() + c).copied()
    }

    /// Area of the outer rectangle.
    fn area(&self) -> f32 {
        match (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) {
            (Some(&l), Some(&r), Some(&t), Some(&b)) => (r - l) * (t - b),
            _ => 0.0,
        }
    }
}

/// Finds the ruled tables of one page, top to bottom. Fails with the number of merged
/// rules when there are more than [`MAX_RULES`] of one orientation (hatching, a drawing):
/// the caller reads the page as text and says so.
pub fn find_grids(
    segments: &[Segment],
    page_width: f32,
    page_height: f32,
) -> Result<Vec<Grid>, usize> {
    let (hs, vs) = merge_rules(segments);
    if hs.len() > MAX_RULES || vs.len() > MAX_RULES {
        return Err(hs.len().max(vs.len()));
    }
    if hs.len() < 2 || vs.is_empty() {
        return Ok(Vec::new());
    }
    let groups = connected_groups(&hs, &vs);
    let mut grids: Vec<Grid> = groups
        .into_iter()
        .filter_map(|(h, v)| {
            let hs: Vec<HRule> = h.iter().filter_map(|&i| hs.get(i).copied()).collect();
            let vs: Vec<VRule> = v.iter().filter_map(|&i| vs.get(i).copied()).collect();
            build_grid(&hs, &vs)
        })
        .collect();
    // Not tables: a single box (a framed paragraph or text box: its text stays running
    // text, as the word processor had it), a page frame (most of the page in at most three
    // boxes), and a frame around another table.
    let page_area = (page_width * page_height).abs();
    let snapshot = grids.clone();
    grids.retain(|g| {
        if g.cells.len() <= 1 {
            return false;
        }
        let frame = page_area > 0.0 && g.area() > 0.6 * page_area && g.cells.len() <= 3;
        let encloses = snapshot.iter().any(|o| {
            o != g
                && o.xs
                    .first()
                    .is_some_and(|&x| g.contains(x + 0.5, o.ys[0] - 0.5))
                && o.xs
                    .last()
                    .is_some_and(|&x| g.contains(x - 0.5, o.ys[0] - 0.5))
        });
        !frame && !encloses
    });
    grids.sort_by(|a, b| b.ys[0].total_cmp(&a.ys[0]));
    Ok(grids)
}

/// Splits segments into horizontal and vertical rules and merges collinear overlapping ones.
fn merge_rules(segments: &[Segment]) -> (Vec<HRule>, Vec<VRule>) {
    let mut hs: Vec<HRule> = Vec::new();
    let mut vs: Vec<VRule> = Vec::new();
    for s in segments {
        let vals = [s.x0, s.y0, s.x1, s.y1];
        if vals.iter().any(|v| !v.is_finite()) {
            continue;
        }
        let (dx, dy) = ((s.x1 - s.x0).abs(), (s.y1 - s.y0).abs());
        if dy <= TOL && dx > TOL {
            hs.push(HRule {
                y: (s.y0 + s.y1) / 2.0,
                x0: s.x0.min(s.x1),
                x1: s.x0.max(s.x1),
            });
        } else if dx <= TOL && dy > TOL {
            vs.push(VRule {
                x: (s.x0 + s.x1) / 2.0,
                y0: s.y0.min(s.y1),
                y1: s.y0.max(s.y1),
            });
        }
    }
    let hs = merge_collinear(hs.into_iter().map(|h| (h.y, h.x0, h.x1)).collect())
        .into_iter()
        .map(|(y, x0, x1)| HRule { y, x0, x1 })
        .collect();
    let vs = merge_collinear(vs.into_iter().map(|v| (v.x, v.y0, v.y1)).collect())
        .into_iter()
        .map(|(x, y0, y1)| VRule { x, y0, y1 })
        .collect();
    (hs, vs)
}

/// Merges (position, start, end) intervals on nearly the same position that overlap or
/// touch. Sort by position, cluster, then sort each cluster by start and sweep.
fn merge_collinear(mut items: Vec<(f32, f32, f32)>) -> Vec<(f32, f32, f32)> {
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i + 1;
        while j < items.len() && items[j].0 - items[j - 1].0 <= TOL / 2.0 {
            j += 1;
        }
        let cluster = &mut items[i..j];
        let pos = cluster.iter().map(|c| c.0).sum::<f32>() / cluster.len() as f32;
        cluster.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut cur: Option<(f32, f32)> = None;
        for &(_, s, e) in cluster.iter() {
            cur = match cur {
                Some((cs, ce)) if s <= ce + TOL => Some((cs, ce.max(e))),
                Some((cs, ce)) => {
                    out.push((pos, cs, ce));
                    Some((s, e))
                }
                None => Some((s, e)),
            };
        }
        if let Some((cs, ce)) = cur {
            out.push((pos, cs, ce));
        }
        i = j;
    }
    out
}

/// Groups rules into sets connected by crossings (a horizontal rule touching a vertical
/// one). Returns (horizontal indices, vertical indices) per group with at least two
/// horizontal and one vertical rule... or at least two vertical and one horizontal.
fn connected_groups(hs: &[HRule], vs: &[VRule]) -> Vec<(Vec<usize>, Vec<usize>)> {
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let crosses =
                v.x >= h.x0 - TOL && v.x <= h.x1 + TOL && h.y >= v.y0 - TOL && h.y <= v.y1 + TOL;
            if crosses {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
        std::collections::BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let entry = groups.entry(root).or_default();
        if i < hs.len() {
            entry.0.push(i);
        } else {
            entry.1.push(i - hs.len());
        }
    }
    groups
        .into_values()
        .filter(|(h, v)| h.len() + v.len() >= 4 && !h.is_empty() && !v.is_empty())
        .collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Clusters sorted values: values within [`GRID_TOL`] of the previous one join its cluster;
/// each cluster is represented by its mean.
fn cluster(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    let mut sum = 0.0;
    let mut count = 0usize;
    let mut last = f32::NEG_INFINITY;
    for v in values {
        if count > 0 && v - last > GRID_TOL {
            out.push(sum / count as f32);
            sum = 0.0;
            count = 0;
        }
        sum += v;
        count += 1;
        last = v;
    }
    if count > 0 {
        out.push(sum / count as f32);
    }
    out
}

/// Length of `[a, b]` covered by the given intervals (which may overlap; the result is
/// clamped to the span).
fn coverage(intervals: &[(f32, f32)], a: f32, b: f32) -> f32 {
    let covered: f32 = intervals
        .iter()
        .map(|&(s, e)| (e.min(b) - s.max(a)).max(0.0))
        .sum();
    covered.min(b - a)
}

/// Builds the grid of one group of rules.
fn build_grid(hs: &[HRule], vs: &[VRule]) -> Option<Grid> {
    let left = hs.iter().map(|h| h.x0).fold(f32::INFINITY, f32::min);
    let right = hs.iter().map(|h| h.x1).fold(f32::NEG_INFINITY, f32::max);
    let bottom = vs.iter().map(|v| v.y0).fold(f32::INFINITY, f32::min);
    let top = vs.iter().map(|v| v.y1).fold(f32::NEG_INFINITY, f32::max);
    let mut xv: Vec<f32> = vs.iter().map(|v| v.x).collect();
    xv.extend([left, right]);
    let mut yv: Vec<f32> = hs.iter().map(|h| h.y).collect();
    yv.extend([bottom, top]);
    let xs = cluster(xv);
    let mut ys = cluster(yv);
    ys.reverse();
    let (cols, rows) = (xs.len().checked_sub(1)?, ys.len().checked_sub(1)?);
    if cols == 0 || rows == 0 || cols * rows > 100_000 {
        return None;
    }
    // Rule intervals per grid line.
    let mut v_at: Vec<Vec<(f32, f32)>> = vec![Vec::new(); xs.len()];
    for v in vs {
        if let Some(i) = nearest(&xs, v.x) {
            v_at[i].push((v.y0, v.y1));
        }
    }
    let mut h_at: Vec<Vec<(f32, f32)>> = vec![Vec::new(); ys.len()];
    for h in hs {
        if let Some(i) = nearest(&ys, h.y) {
            h_at[i].push((h.x0, h.x1));
        }
    }
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        let (yt, yb) = (ys[r], ys[r + 1]);
        for c in 0..cols {
            let (xl, xr) = (xs[c], xs[c + 1]);
            // Right neighbour: merged unless a vertical rule covers most of the boundary.
            if c + 1 < cols && coverage(&v_at[c + 1], yb, yt) < 0.5 * (yt - yb) {
                union(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && coverage(&h_at[r + 1], xl, xr) < 0.5 * (xr - xl) {
                union(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    // Regions: bounding boxes of union-find classes; non-rectangular ones are not merged.
    let mut bbox: std::collections::BTreeMap<usize, (usize, usize, usize, usize, usize)> =
        std::collections::BTreeMap::new();
    for slot in 0..rows * cols {
        let root = find(&mut parent, slot);
        let (r, c) = (slot / cols, slot % cols);
        let e = bbox.entry(root).or_insert((r, c, r, c, 0));
        e.0 = e.0.min(r);
        e.1 = e.1.min(c);
        e.2 = e.2.max(r);
        e.3 = e.3.max(c);
        e.4 += 1;
    }
    let mut cells: Vec<GridCell> = Vec::new();
    let mut owner = vec![usize::MAX; rows * cols];
    for slot in 0..rows * cols {
        if owner[slot] != usize::MAX {
            continue;
        }
        let root = find(&mut parent, slot);
        let (r, c) = (slot / cols, slot % cols);
        let rect = bbox
            .get(&root)
            .filter(|b| (b.2 - b.0 + 1) * (b.3 - b.1 + 1) == b.4 && b.0 == r && b.1 == c);
        let (rs, cs) = rect.map_or((1, 1), |b| (b.2 - b.0 + 1, b.3 - b.1 + 1));
        let idx = cells.len();
        for rr in r..r + rs {
            for cc in c..c + cs {
                owner[rr * cols + cc] = idx;
            }
        }
        cells.push(GridCell {
            row: r,
            col: c,
            row_span: rs,
            col_span: cs,
        });
    }
    Some(Grid {
        xs,
        ys,
        cells,
        owner,
    })
}

/// Index of the grid line nearest to `v`, if within [`GRID_TOL`].
fn nearest(lines: &[f32], v: f32) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .map(|(i, &l)| (i, (l - v).abs()))
        .filter(|&(_, d)| d <= GRID_TOL)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Segment {
        Segment::horizontal(y, x0, x1)
    }
    fn v(x: f32, y0: f32, y1: f32) -> Segment {
        Segment::vertical(x, y0, y1)
    }

    // A full 3×3 grid drawn cell edge by cell edge merges into 4+4 rules and 9 cells.
    #[test]
    fn full_grid() {
        let mut segs = Vec::new();
        for i in 0..4 {
            let y = 700.0 - 20.0 * i as f32;
            for c in 0..3 {
                segs.push(h(y, 100.0 + 50.0 * c as f32, 150.0 + 50.0 * c as f32));
            }
            let x = 100.0 + 50.0 * i as f32;
            for r in 0..3 {
                segs.push(v(x, 640.0 + 20.0 * r as f32, 660.0 + 20.0 * r as f32));
            }
        }
        let grids = find_grids(&segs, 600.0, 800.0).unwrap();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].xs, vec![100.0, 150.0, 200.0, 250.0]);
        assert_eq!(grids[0].ys, vec![700.0, 680.0, 660.0, 640.0]);
        assert_eq!(grids[0].cells.len(), 9);
        assert_eq!(grids[0].cell_at(160.0, 665.0), Some(4));
    }

    // A missing internal vertical rule in the first row makes a cell spanning two columns.
    #[test]
    fn column_span() {
        let segs = vec![
            h(700.0, 100.0, 250.0),
            h(680.0, 100.0, 250.0),
            h(660.0, 100.0, 250.0),
            v(100.0, 660.0, 700.0),
            v(150.0, 660.0, 680.0),
            v(200.0, 660.0, 700.0),
            v(250.0, 660.0, 700.0),
        ];
        let g = &find_grids(&segs, 600.0, 800.0).unwrap()[0];
        assert_eq!(g.cells.len(), 5);
        assert_eq!(
            g.cells[0],
            GridCell {
                row: 0,
                col: 0,
                row_span: 1,
                col_span: 2
            }
        );
        assert_eq!(g.cell_at(160.0, 690.0), Some(0));
    }

    // A boxed paragraph and a page frame split by a header rule are not tables; a frame
    // around a table is dropped and the table kept.
    #[test]
    fn frames_are_not_tables() {
        let boxed = vec![
            h(700.0, 100.0, 400.0),
            h(650.0, 100.0, 400.0),
            v(100.0, 650.0, 700.0),
            v(400.0, 650.0, 700.0),
        ];
        assert!(find_grids(&boxed, 600.0, 800.0).unwrap().is_empty());
        let page_frame = vec![
            h(780.0, 20.0, 580.0),
            h(750.0, 20.0, 580.0),
            h(20.0, 20.0, 580.0),
            v(20.0, 20.0, 780.0),
            v(580.0, 20.0, 780.0),
        ];
        assert!(find_grids(&page_frame, 600.0, 800.0).unwrap().is_empty());
        let mut framed = vec![
            h(700.0, 90.0, 410.0),
            h(500.0, 90.0, 410.0),
            v(90.0, 500.0, 700.0),
            v(410.0, 500.0, 700.0),
        ];
        framed.extend([
            h(680.0, 100.0, 300.0),
            h(660.0, 100.0, 300.0),
            h(640.0, 100.0, 300.0),
            v(100.0, 640.0, 680.0),
            v(200.0, 640.0, 680.0),
            v(300.0, 640.0, 680.0),
        ]);
        let grids = find_grids(&framed, 600.0, 800.0).unwrap();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].xs, vec![100.0, 200.0, 300.0]);
    }

    // Tables without outer vertical borders still give their columns.
    #[test]
    fn no_outer_verticals() {
        let segs = vec![
            h(700.0, 100.0, 250.0),
            h(680.0, 100.0, 250.0),
            h(660.0, 100.0, 250.0),
            v(150.0, 660.0, 700.0),
            v(200.0, 660.0, 700.0),
        ];
        let g = &find_grids(&segs, 600.0, 800.0).unwrap()[0];
        assert_eq!(g.xs, vec![100.0, 150.0, 200.0, 250.0]);
        assert_eq!(g.cells.len(), 6);
    }
}
