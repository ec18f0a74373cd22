//! Formula cells of a workbook: which ones can be recomputed, and their operands.
//!
//! Only two shapes are recomputed, the ones a budget table uses for its totals: a plain
//! `SUM` over ranges and cells, and a `+`/`−` chain of cells and such SUMs (`=SUM(C5:C12)`,
//! `=C5+C6-C7`, `$` anchors and the sheet's own name allowed). Everything else (other
//! functions, constants, products, references to other sheets) is kept with the reason it
//! is not recomputed. The operands are the referenced cells' cached values at their printed
//! precision, as exact decimals; the comparison itself is the rule `workbook.formula`
//! (`check/formula.rs`). Text and logical cells inside a SUM range are skipped, as the
//! spreadsheet does; empty cells count as zero and are left out.

use crate::document::{parse_cell_ref, FormulaOperands, PrintedNumber};
use rust_decimal::prelude::*;
use std::collections::BTreeMap;

/// A cached cell value as the formula check sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Cached {
    /// A number with the decimals its cell prints.
    Number(f64, i32),
    /// Text, a logical value or an error.
    Other,
}

/// A sheet's cached values, by (row, col).
pub(super) type Values = BTreeMap<(u32, u32), Cached>;

/// The decimals a printed number shows: digits after the point of its first number, two
/// more under a percent sign ("14,348,853.34" → 2, "23.45%" → 4, "-" → 0).
pub(super) fn printed_decimals(text: &str) -> i32 {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let after = digits
        .split_once('.')
        .map_or(0, |(_, f)| f.chars().filter(char::is_ascii_digit).count());
    let after = i32::try_from(after).unwrap_or(28).min(28);
    if text.contains('%') {
        (after + 2).min(28)
    } else {
        after
    }
}

/// A cached number at its printed precision, as an exact decimal (from the 15 significant
/// digits Excel keeps, then rounded half away from zero).
fn printed(f: f64, decimals: i32) -> Option<PrintedNumber> {
    let general = super::numfmt::general(f);
    let v = Decimal::from_str(&general).ok()?;
    let d = u32::try_from(decimals).ok()?;
    Some(PrintedNumber {
        value: v.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero),
        decimals,
    })
}

/// One term of a recomputable formula.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    /// A cell.
    Cell(u32, u32),
    /// `SUM` of ranges (a cell is a one-cell range): (first row, first col, last row, last col).
    Sum(Vec<(u32, u32, u32, u32)>),
}

/// Why a formula is not recomputed.
const OTHER_SHAPE: &str = "formula of another shape (only SUM and +/- chains of cells)";
const OTHER_SHEET: &str = "formula refers to another sheet";
/// A reference past the container's last column: no well-formed file holds one, so the
/// reader rendered the formula wrongly (calamine before 0.37 wrote an XLS area B2:B4 as
/// $USN$2:$USN$4) and its cells are unknown.
const OUTSIDE_GRID: &str = "formula refers past the sheet's last column";

/// Columns of a sheet in an XLS (BIFF8) workbook.
pub(super) const XLS_COLUMNS: u32 = 256;
/// Columns of a sheet in an XLSX workbook.
pub(super) const XLSX_COLUMNS: u32 = 16_384;

/// Parses a cell reference with optional `$` anchors and the sheet's own name.
fn cell_ref(s: &str, sheet: &str) -> Result<(u32, u32), &'static str> {
    let s = s.trim();
    let s = match s.rsplit_once('!') {
        Some((name, r)) => {
            let name = name.trim_matches('\'').replace("''", "'");
            if name != sheet {
                return Err(OTHER_SHEET);
            }
            r
        }
        None => s,
    };
    let plain: String = s.chars().filter(|&c| c != '$').collect();
    let plain = plain.to_ascii_uppercase();
    parse_cell_ref(&plain).ok_or(OTHER_SHAPE)
}

/// Parses `A1` or `A1:B9` into a range.
fn range(s: &str, sheet: &str) -> Result<(u32, u32, u32, u32), &'static str> {
    match s.split_once(':') {
        Some((a, b)) => {
            let (r0, c0) = cell_ref(a, sheet)?;
            let b = match b.rsplit_once('!') {
                Some((_, b)) => b,
                None => b,
            };
            let (r1, c1) = cell_ref(b, sheet)?;
            Ok((r0.min(r1), c0.min(c1), r0.max(r1), c0.max(c1)))
        }
        None => cell_ref(s, sheet).map(|(r, c)| (r, c, r, c)),
    }
}

/// Parses a formula into signed terms, or says why it is not recomputed.
fn parse(formula: &str, sheet: &str) -> Result<Vec<(bool, Term)>, &'static str> {
    let f = formula.trim();
    let f = f.strip_prefix('=').unwrap_or(f).trim();
    if f.is_empty() {
        return Err(OTHER_SHAPE);
    }
    let mut terms = Vec::new();
    let mut rest = f;
    let mut neg = false;
    if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    } else if let Some(r) = rest.strip_prefix('-') {
        (rest, neg) = (r, true);
    }
    loop {
        let t = rest.trim_start();
        let upper = t.get(..4).map(str::to_ascii_uppercase);
        let (term, after) = if upper.as_deref() == Some("SUM(") {
            let close = t.find(')').ok_or(OTHER_SHAPE)?;
            let args = &t[4..close];
            if args.contains('(') {
                return Err(OTHER_SHAPE);
            }
            let ranges = args
                .split(',')
                .map(|a| range(a, sheet))
                .collect::<Result<Vec<_>, _>>()?;
            (Term::Sum(ranges), &t[close + 1..])
        } else {
            let end = t.find(['+', '-']).unwrap_or(t.len());
            let (r, c) = cell_ref(&t[..end], sheet)?;
            (Term::Cell(r, c), &t[end..])
        };
        terms.push((neg, term));
        let after = after.trim_start();
        if after.is_empty() {
            return Ok(terms);
        }
        if let Some(r) = after.strip_prefix('+') {
            (rest, neg) = (r, false);
        } else if let Some(r) = after.strip_prefix('-') {
            (rest, neg) = (r, true);
        } else {
            return Err(OTHER_SHAPE);
        }
    }
}

/// The operands of one formula cell: its cached value and the cached values it adds up.
/// `work` is the number of cells the document may still visit; each visited cell of a SUM
/// range takes one.
pub(super) fn operands(
    formula: &str,
    sheet: &str,
    at: (u32, u32),
    values: &Values,
    work: &mut usize,
    columns: u32,
) -> Result<FormulaOperands, String> {
    let terms = parse(formula, sheet).map_err(str::to_string)?;
    let past = |c: u32| c >= columns;
    if terms.iter().any(|(_, t)| match t {
        Term::Cell(_, c) => past(*c),
        Term::Sum(ranges) => ranges.iter().any(|r| past(r.1) || past(r.3)),
    }) {
        return Err(OUTSIDE_GRID.to_string());
    }
    let cached = match values.get(&at) {
        Some(Cached::Number(f, d)) => printed(*f, *d).ok_or("number out of range")?,
        _ => return Err("cached value is not a number".to_string()),
    };
    let mut out = Vec::new();
    for (neg, term) in terms {
        match term {
            Term::Cell(r, c) => match values.get(&(r, c)) {
                Some(Cached::Number(f, d)) => {
                    out.push((neg, printed(*f, *d).ok_or("number out of range")?));
                }
                Some(Cached::Other) => {
                    return Err("formula adds a text or error cell".to_string());
                }
                None => {}
            },
            Term::Sum(ranges) => {
                for (r0, c0, r1, c1) in ranges {
                    for (&(_, c), v) in values.range((r0, c0)..=(r1, c1)) {
                        *work = work.checked_sub(1).ok_or("too many cells to recompute")?;
                        if !(c0..=c1).contains(&c) {
                            continue;
                        }
                        if let Cached::Number(f, d) = v {
                            out.push((neg, printed(*f, *d).ok_or("number out of range")?));
                        }
                    }
                }
            }
        }
    }
    Ok(FormulaOperands { cached, terms: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Both recomputed shapes parse, with anchors and the sheet's own name; others do not.
    #[test]
    fn shapes() {
        assert_eq!(
            parse("SUM(C5:C12)", "S"),
            Ok(vec![(false, Term::Sum(vec![(4, 2, 11, 2)]))])
        );
        assert_eq!(
            parse("=$C$5+S!C6 - 'S'!C7", "S"),
            Ok(vec![
                (false, Term::Cell(4, 2)),
                (false, Term::Cell(5, 2)),
                (true, Term::Cell(6, 2))
            ])
        );
        assert_eq!(
            parse("-sum(B2,B4:C4)+D1", "S"),
            Ok(vec![
                (true, Term::Sum(vec![(1, 1, 1, 1), (3, 1, 3, 2)])),
                (false, Term::Cell(0, 3))
            ])
        );
        assert_eq!(parse("C5*2", "S"), Err(OTHER_SHAPE));
        assert_eq!(parse("ROUND(C5,2)", "S"), Err(OTHER_SHAPE));
        assert_eq!(parse("C5+100", "S"), Err(OTHER_SHAPE));
        assert_eq!(parse("SUM(C5:C6)*2", "S"), Err(OTHER_SHAPE));
        assert_eq!(parse("Other!C5+C6", "S"), Err(OTHER_SHEET));
        assert_eq!(parse("", "S"), Err(OTHER_SHAPE));
    }

    // Printed decimals follow the printed text; percent adds two.
    #[test]
    fn decimals_of_printed_text() {
        assert_eq!(printed_decimals("14,348,853.34"), 2);
        assert_eq!(printed_decimals("23.45%"), 4);
        assert_eq!(printed_decimals("-"), 0);
        assert_eq!(printed_decimals("(1,234.5)"), 1);
        assert_eq!(printed_decimals("2405"), 0);
    }

    // A SUM range visits only filled cells of its columns, skipping text; the cached
    // value and terms are rounded to their printed decimals.
    #[test]
    fn operands_of_a_sum() {
        let mut v = Values::new();
        v.insert((0, 0), Cached::Other);
        v.insert((1, 0), Cached::Number(1.005, 2));
        v.insert((2, 0), Cached::Number(2.0, 2));
        v.insert((2, 1), Cached::Number(99.0, 0));
        v.insert((3, 0), Cached::Number(3.004999, 2));
        let mut work = 100;
        let ops =
            operands("SUM(A1:A3)", "S", (3, 0), &v, &mut work, XLSX_COLUMNS).expect("operands");
        assert_eq!(ops.cached.value, Decimal::new(300, 2));
        assert_eq!(ops.terms.len(), 2);
        assert_eq!(ops.terms[0].1.value, Decimal::new(101, 2));
        assert_eq!(
            operands("A1+A2", "S", (3, 0), &v, &mut work, XLSX_COLUMNS),
            Err("formula adds a text or error cell".to_string())
        );
        let mut none = 1;
        assert!(operands("SUM(A1:B3)", "S", (3, 0), &v, &mut none, XLSX_COLUMNS).is_err());
    }

    // A reference past the container's last column (how calamine before 0.37 rendered an
    // XLS area B2:B4: $USN$2:$USN$4) is not recomputed: its cells are unknown.
    #[test]
    fn reference_past_the_last_column() {
        let mut v = Values::new();
        v.insert((1, 1), Cached::Number(1.0, 2));
        v.insert((4, 1), Cached::Number(1.0, 2));
        let mut work = 100;
        assert_eq!(
            operands(
                "SUM($USN$2:$USN$4)",
                "S",
                (4, 1),
                &v,
                &mut work,
                XLS_COLUMNS
            ),
            Err(OUTSIDE_GRID.to_string())
        );
        assert!(operands("SUM(B2:B4)", "S", (4, 1), &v, &mut work, XLS_COLUMNS).is_ok());
    }
}
