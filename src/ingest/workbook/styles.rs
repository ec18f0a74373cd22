//! The number format and alignment indent of each XLSX cell. calamine reads cell values
//! but does not expose their formats, so they are read here from the package itself: the
//! sheets' paths (`xl/workbook.xml` and its relationships), the cell formats
//! (`xl/styles.xml`: `numFmts` and `cellXfs`) and each cell's style index (`s` on `<c>` in
//! the sheet part). Parts were already inflated within the limits by the package guard.
//! The same pass notes formula cells saved without a cached value (`<f>` without `<v>`),
//! which calamine reads as empty.

use super::numfmt;
use crate::document::parse_cell_ref;
use crate::ingest::{IngestError, Limits};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Format codes of the cells of every sheet.
#[derive(Debug, Default)]
pub(super) struct Formats {
    /// Sheet name → (row, col) → cellXfs index.
    cells: HashMap<String, HashMap<(u32, u32), u32>>,
    /// cellXfs index → format code.
    xf_codes: Vec<String>,
    /// cellXfs index → alignment indent (`<alignment indent="n"/>`), in levels.
    xf_indents: Vec<u16>,
    /// Per sheet: formula cells saved without a cached value (sheet, first refs, count).
    pub uncached: Vec<(String, Vec<String>, usize)>,
    /// Sheets with formulas: sheet name → cells the ranges of its shared formulas cover
    /// (calamine expands each shared range cell by cell when it reads the formulas).
    pub formula_sheets: HashMap<String, u64>,
}

impl Formats {
    /// The format code of a cell, if it has one other than General.
    pub fn code(&self, sheet: &str, row: u32, col: u32) -> Option<&str> {
        let xf = *self.cells.get(sheet)?.get(&(row, col))?;
        let code = self.xf_codes.get(xf as usize)?;
        (!code.eq_ignore_ascii_case("general")).then_some(code.as_str())
    }

    /// The alignment indent of a cell, in tenths of an em (a level taken as an em); 0 when
    /// its format has none.
    pub fn indent(&self, sheet: &str, row: u32, col: u32) -> u16 {
        self.cells
            .get(sheet)
            .and_then(|c| c.get(&(row, col)))
            .and_then(|&xf| self.xf_indents.get(xf as usize))
            .map_or(0, |&n| n.saturating_mul(10))
    }
}

fn bad(detail: String) -> IngestError {
    IngestError::Corrupt {
        format: "xlsx",
        detail,
    }
}

/// Reads one part as text (absent: `None`).
fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    limits: &Limits,
) -> Result<Option<String>, IngestError> {
    let Ok(mut f) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    (&mut f)
        .take(limits.max_stream_bytes)
        .read_to_end(&mut out)
        .map_err(|e| bad(format!("failed to inflate {name} ({e})")))?;
    Ok(Some(String::from_utf8_lossy(&out).into_owned()))
}

/// Calls `f` on every start or empty element of `xml` with its local name and a flag for
/// end tags (`None` attributes).
fn walk(
    xml: &str,
    name: &str,
    mut f: impl FnMut(&str, Option<&BytesStart<'_>>) -> bool,
) -> Result<(), IngestError> {
    let mut reader = Reader::from_str(xml);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(format!("{name} is not well-formed XML ({e})")))?;
        let go_on = match &event {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                let ok = f(local.as_ref(), Some(e));
                if ok && matches!(event, Event::Empty(_)) {
                    f(local.as_ref(), None)
                } else {
                    ok
                }
            }
            Event::End(e) => f(e.local_name().as_ref(), None),
            Event::Eof => break,
            _ => true,
        };
        if !go_on {
            break;
        }
    }
    Ok(())
}

/// An attribute by local name, unescaped.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The number of cells of a range reference ("B2:D9" → 24; a bad reference: `u64::MAX`).
fn shared_area(r: &str) -> u64 {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    match (parse_cell_ref(a), parse_cell_ref(b)) {
        (Some((r0, c0)), Some((r1, c1))) => {
            (u64::from(r0.abs_diff(r1)) + 1).saturating_mul(u64::from(c0.abs_diff(c1)) + 1)
        }
        _ => u64::MAX,
    }
}

/// Reads the formats of every cell that has a style, at most `max_cells` of them.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Formats, IngestError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("failed to read the zip archive ({e})")))?;
    let mut out = Formats::default();
    // Cell formats.
    if let Some(xml) = part(&mut zip, "xl/styles.xml", limits)? {
        let mut custom: HashMap<u32, String> = HashMap::new();
        let mut xf_ids: Vec<u32> = Vec::new();
        let mut xf_indents: Vec<u16> = Vec::new();
        let mut in_cell_xfs = false;
        walk(&xml, "xl/styles.xml", |name, e| {
            match (name, e) {
                ("numFmt", Some(e)) => {
                    if let (Some(id), Some(code)) = (
                        attr(e, "numFmtId").and_then(|v| v.parse().ok()),
                        attr(e, "formatCode"),
                    ) {
                        custom.insert(id, code);
                    }
                }
                ("cellXfs", Some(_)) => in_cell_xfs = true,
                ("cellXfs", None) => in_cell_xfs = false,
                ("xf", Some(e)) if in_cell_xfs => {
                    xf_ids.push(
                        attr(e, "numFmtId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0),
                    );
                    xf_indents.push(0);
                }
                ("alignment", Some(e)) if in_cell_xfs => {
                    if let (Some(last), Some(n)) = (
                        xf_indents.last_mut(),
                        attr(e, "indent").and_then(|v| v.parse::<u16>().ok()),
                    ) {
                        *last = n.min(250);
                    }
                }
                _ => {}
            }
            xf_ids.len() <= 65_536
        })?;
        out.xf_codes = xf_ids
            .into_iter()
            .map(|id| {
                custom
                    .get(&id)
                    .cloned()
                    .or_else(|| numfmt::builtin(id).map(str::to_string))
                    .unwrap_or_else(|| "General".to_string())
            })
            .collect();
        out.xf_indents = xf_indents;
    }
    let styled = !out
        .xf_codes
        .iter()
        .all(|c| c.eq_ignore_ascii_case("general"))
        || out.xf_indents.iter().any(|&n| n > 0);
    // Sheet name → part path.
    let mut sheets: Vec<(String, String)> = Vec::new();
    if let Some(xml) = part(&mut zip, "xl/workbook.xml", limits)? {
        walk(&xml, "xl/workbook.xml", |name, e| {
            if let ("sheet", Some(e)) = (name, e) {
                if let (Some(n), Some(id)) = (attr(e, "name"), attr(e, "id")) {
                    sheets.push((n, id));
                }
            }
            true
        })?;
    }
    let mut targets: HashMap<String, String> = HashMap::new();
    if let Some(xml) = part(&mut zip, "xl/_rels/workbook.xml.rels", limits)? {
        walk(&xml, "xl/_rels/workbook.xml.rels", |name, e| {
            if let ("Relationship", Some(e)) = (name, e) {
                if let (Some(id), Some(t)) = (attr(e, "Id"), attr(e, "Target")) {
                    let path = match t.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("xl/{t}"),
                    };
                    targets.insert(id, path);
                }
            }
            true
        })?;
    }
    let mut budget = limits.max_cells;
    for (sheet, id) in sheets {
        let Some(path) = targets.get(&id) else {
            continue;
        };
        let Some(xml) = part(&mut zip, path, limits)? else {
            continue;
        };
        let mut cells = HashMap::new();
        let (mut row, mut col) = (0u32, 0u32);
        // The cell being read: its position, whether it has a formula and a value.
        let (mut at, mut has_f, mut has_v) = ((0u32, 0u32), false, false);
        let (mut uncached, mut uncached_refs) = (0usize, Vec::new());
        let mut formulas: Option<u64> = None;
        walk(&xml, path, |name, e| {
            match (name, e) {
                ("f", Some(e)) => {
                    has_f = true;
                    let area = (attr(e, "t").as_deref() == Some("shared"))
                        .then(|| attr(e, "ref"))
                        .flatten()
                        .map_or(0, |r| shared_area(&r));
                    let a = formulas.get_or_insert(0u64);
                    *a = a.saturating_add(area);
                }
                ("v", Some(_)) => has_v = true,
                ("c", None) if has_f && !has_v => {
                    uncached += 1;
                    if uncached_refs.len() < 5 {
                        uncached_refs.push(format!(
                            "{}{}",
                            crate::document::col_letters(at.1),
                            u64::from(at.0) + 1
                        ));
                    }
                }
                ("row", Some(e)) => {
                    row = attr(e, "r")
                        .and_then(|v| v.parse::<u32>().ok())
                        .map_or(row.saturating_add(1), |r| r.saturating_sub(1));
                    col = 0;
                }
                ("c", Some(e)) => {
                    let (r, c) = attr(e, "r")
                        .and_then(|v| parse_cell_ref(&v))
                        .unwrap_or((row, col));
                    col = c.saturating_add(1);
                    (at, has_f, has_v) = ((r, c), false, false);
                    if let Some(s) = attr(e, "s").and_then(|v| v.parse::<u32>().ok()) {
                        if s != 0 && styled {
                            cells.insert((r, c), s);
                            budget = budget.saturating_sub(1);
                        }
                    }
                }
                _ => {}
            }
            budget > 0
        })?;
        if let Some(area) = formulas {
            // A walk stopped at the cell budget has not seen every shared range.
            let area = if budget == 0 { u64::MAX } else { area };
            out.formula_sheets.insert(sheet.clone(), area);
        }
        if uncached > 0 {
            out.uncached.push((sheet.clone(), uncached_refs, uncached));
        }
        out.cells.insert(sheet, cells);
    }
    Ok(out)
}
