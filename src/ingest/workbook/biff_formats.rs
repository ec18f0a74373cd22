//! The number format of each numeric XLS/ET cell. calamine reads the cell values of a BIFF8
//! workbook but keeps its formats private, so the printed precision is read here from the
//! `Workbook` stream itself (opened with cfb): the FORMAT records (custom format codes by
//! id), the XF records (the format id of each cell format, in order: a cell's `ixfe` is an
//! index into them), the BOUNDSHEET records (each sheet's name and the stream offset of its
//! BOF) and, in each sheet's substream, the `ixfe` of every NUMBER, RK, MULRK and FORMULA
//! cell. Built-in format ids are [`numfmt::builtin`].
//!
//! Anything this reader does not understand is an error, and the caller keeps the General
//! form with a warning: an encrypted stream (FILEPASS), BIFF5 or older, a truncated record,
//! a BOUNDSHEET offset that is not a BOF inside the stream, a sheet substream without its
//! EOF, more numeric cells than `--max-cells`. A FORMAT whose string is split by a CONTINUE
//! record (or whose character count runs past its record) is skipped: its cells print in
//! the General form. No count in the stream is trusted beyond the bytes that are there.
//!
//! The same record walk guards calamine ([`guard`]): a stream whose cells or DIMENSIONS
//! lie outside BIFF8's 65,536 × 256 grid is refused before calamine lays it out as a dense
//! grid (an allocation it cannot make aborts the process).

use super::numfmt;
use std::collections::HashMap;
use std::io::{Cursor, Read};

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
const DIMENSIONS: u16 = 0x0200;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const BOOLERR: u16 = 0x0205;
const LABELSST: u16 = 0x00FD;

/// (row, col) → XF index of a sheet's numeric cells.
type CellXfs = HashMap<(u32, u32), u16>;

/// Format codes of the numeric cells of every sheet.
#[derive(Debug, Default)]
pub(super) struct Formats {
    /// Per sheet in BOUNDSHEET order: its name and (row, col) → XF index, for the cells
    /// whose format is not General.
    sheets: Vec<(String, CellXfs)>,
    /// XF index → format code (`None`: General, or a format that was not read).
    xf_codes: Vec<Option<String>>,
}

impl Formats {
    /// The format code of a cell, if it has one other than General. The sheet is found by
    /// its BOUNDSHEET position (`index`, as calamine lists the sheets) when the name there
    /// agrees, else by name.
    pub fn code(&self, index: usize, sheet: &str, row: u32, col: u32) -> Option<&str> {
        let cells = match self.sheets.get(index) {
            Some((name, cells)) if name == sheet => cells,
            _ => &self.sheets.iter().find(|(name, _)| name == sheet)?.1,
        };
        let xf = *cells.get(&(row, col))?;
        self.xf_codes.get(usize::from(xf))?.as_deref()
    }

    /// The number of numeric cells with a format other than General.
    pub fn cells(&self) -> usize {
        self.sheets.iter().map(|(_, cells)| cells.len()).sum()
    }

    /// The sheets' names, in BOUNDSHEET order.
    #[cfg(test)]
    fn names(&self) -> Vec<&str> {
        self.sheets.iter().map(|(n, _)| n.as_str()).collect()
    }
}

/// The `Workbook` (or `Book`) stream of an XLS/ET file (an OLE compound file; the names
/// compared case-insensitively).
pub(super) fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("not a readable compound file: {e}"))?;
    let path = cf
        .read_root_storage()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_path_buf())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.eq_ignore_ascii_case("workbook"))
        })
        .or_else(|| {
            cf.read_root_storage()
                .filter(|e| e.is_stream())
                .map(|e| e.path().to_path_buf())
                .find(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.eq_ignore_ascii_case("book"))
                })
        })
        .ok_or("no Workbook stream")?;
    let mut stream = Vec::new();
    // The stream's sectors lie in the file, so it is never longer than the file.
    cf.open_stream(&path)
        .map_err(|e| format!("the Workbook stream cannot be opened: {e}"))?
        .take(bytes.len() as u64)
        .read_to_end(&mut stream)
        .map_err(|e| format!("the Workbook stream cannot be read: {e}"))?;
    Ok(stream)
}

/// BIFF8's grid: 65,536 rows × 256 columns.
const MAX_ROWS: u64 = 65_536;
const MAX_COLS: u64 = 256;

/// Checks a Workbook stream for cell positions outside BIFF8's grid before calamine sees
/// it. calamine makes a dense grid of each sheet's cells: it reserves the area a
/// DIMENSIONS record declares (computed with wrapping arithmetic, so a last row before the
/// first one is four billion rows) and allocates the bounding box of the cell records, whose
/// column is any u16. Either can ask for hundreds of gigabytes, which aborts the process
/// rather than failing. This walks the records as calamine does (the globals to their
/// EOF, then every BOUNDSHEET's substream to its EOF, nested substreams skipped, stopping
/// where a record is cut, as calamine stops with an error there) and refuses a DIMENSIONS
/// area or a cell column past 65,536 × 256. An encrypted stream (RC4 or CryptoAPI FILEPASS)
/// is left to calamine, which refuses it with a password error.
pub(super) fn guard(stream: &[u8]) -> Result<(), String> {
    let mut sheets = Vec::new();
    let mut at = 0;
    while let Ok((typ, body, next)) = record(stream, at) {
        match typ {
            FILEPASS if u16_at(body, 0).is_some_and(|t| t != 0) => return Ok(()),
            BOUNDSHEET => {
                if let Some(pos) = u32_at(body, 0).and_then(|p| usize::try_from(p).ok()) {
                    sheets.push(pos);
                }
            }
            EOF => break,
            _ => {}
        }
        at = next;
    }
    for pos in sheets {
        let mut at = pos;
        let mut depth = 0usize;
        let mut seen_bof = false;
        while let Ok((typ, body, next)) = record(stream, at) {
            at = next;
            if depth > 0 {
                match typ {
                    BOF => depth += 1,
                    EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                BOF if seen_bof => depth += 1,
                BOF => seen_bof = true,
                EOF => break,
                DIMENSIONS => {
                    let (rows, cols) = dimensions(body);
                    if rows > MAX_ROWS || cols > MAX_COLS {
                        return Err(format!(
                            "a sheet declares a used range of {rows} rows × {cols} columns, \
                             past the 65536 × 256 of the format"
                        ));
                    }
                }
                NUMBER | LABEL | RSTRING | BOOLERR | RK | LABELSST | FORMULA | MULRK => {
                    let first = u16_at(body, 2).map_or(0, u64::from);
                    let last = if typ == MULRK {
                        // calamine zips the columns with 6-byte chunks, the last one short.
                        first + body.len().saturating_sub(6).div_ceil(6) as u64
                    } else {
                        first + 1
                    };
                    if last > MAX_COLS {
                        return Err(format!(
                            "a cell in column {last}, past the 256 columns of the format"
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The (rows, columns) calamine reserves for a DIMENSIONS record body (its arithmetic: u32,
/// wrapping in a release build; a first column past 0xFF or past the last counts as 0).
fn dimensions(body: &[u8]) -> (u64, u64) {
    let (rf, rl, cf, cl) = match body.len() {
        10 => (
            u16_at(body, 0).map(u32::from),
            u16_at(body, 2).map(u32::from),
            u16_at(body, 4).map(u32::from),
            u16_at(body, 6).map(u32::from),
        ),
        14 | 16 => (
            u32_at(body, 0),
            u32_at(body, 4),
            u16_at(body, 8).map(u32::from),
            u16_at(body, 10).map(u32::from),
        ),
        _ => return (0, 0),
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
        return (0, 0);
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return (1, 1);
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    (u64::from(rows), u64::from(cols))
}

/// One BIFF record: its type, its body and the offset just past it.
fn record(stream: &[u8], at: usize) -> Result<(u16, &[u8], usize), String> {
    if at >= stream.len() {
        return Err("the stream ends before an EOF record".into());
    }
    let head = stream
        .get(at..at.saturating_add(4))
        .ok_or_else(|| format!("a record header is cut at offset {at}"))?;
    let typ = u16::from_le_bytes([head[0], head[1]]);
    let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
    let start = at + 4;
    let body = stream
        .get(start..start + len)
        .ok_or_else(|| format!("record {typ:#06x} at offset {at} runs past the stream"))?;
    Ok((typ, body, start + len))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// `cch` characters from `b` at `at`, UTF-16LE (`wide`) or Latin-1; `None` when they run
/// past `b`.
fn chars(b: &[u8], at: usize, cch: usize, wide: bool) -> Option<String> {
    if wide {
        let raw = b.get(at..at.checked_add(cch.checked_mul(2)?)?)?;
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        let raw = b.get(at..at.checked_add(cch)?)?;
        Some(raw.iter().map(|&c| char::from(c)).collect())
    }
}

/// A FORMAT record body: (ifmt, code); `None` when its string is not all there.
fn format_record(body: &[u8]) -> Option<(u16, String)> {
    let ifmt = u16_at(body, 0)?;
    let cch = usize::from(u16_at(body, 2)?);
    let flags = *body.get(4)?;
    let mut at = 5;
    // XLUnicodeString has only fHighByte; a rich or extended string is read past its run
    // count and extension size (the runs and extension follow the characters).
    if flags & 0x08 != 0 {
        at += 2;
    }
    if flags & 0x04 != 0 {
        at += 4;
    }
    let code = chars(body, at, cch, flags & 0x01 != 0)?;
    Some((ifmt, code))
}

/// A BOUNDSHEET record body: (BOF offset, sheet type, name).
fn boundsheet(body: &[u8]) -> Result<(usize, u8, String), String> {
    let pos = u32_at(body, 0).ok_or("BOUNDSHEET record too short")?;
    let typ = *body.get(5).ok_or("BOUNDSHEET record too short")?;
    let cch = usize::from(*body.get(6).ok_or("BOUNDSHEET record too short")?);
    let flags = *body.get(7).ok_or("BOUNDSHEET record too short")?;
    let name = chars(body, 8, cch, flags & 0x01 != 0).ok_or("BOUNDSHEET name cut")?;
    let pos = usize::try_from(pos).map_err(|_| "BOUNDSHEET offset too large")?;
    Ok((pos, typ, name))
}

/// Checks a BOF record body: BIFF8 (version 0x0600) and returns its substream type.
fn bof(body: &[u8]) -> Result<u16, String> {
    let version = u16_at(body, 0).ok_or("BOF record too short")?;
    if version != 0x0600 {
        return Err(format!("BIFF version {version:#06x}, not BIFF8"));
    }
    u16_at(body, 2).ok_or_else(|| "BOF record too short".to_string())
}

/// Walks a Workbook stream (see the module doc).
pub(super) fn parse(stream: &[u8], max_cells: usize) -> Result<Formats, String> {
    let (typ, body, mut at) = record(stream, 0)?;
    if typ != BOF {
        return Err("the Workbook stream does not start with a BOF record".into());
    }
    bof(body)?;
    let mut custom: HashMap<u16, String> = HashMap::new();
    let mut xf_ids: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, u8, String)> = Vec::new();
    loop {
        let (typ, body, next) = record(stream, at)?;
        match typ {
            FILEPASS => return Err("the workbook is encrypted".into()),
            FORMAT => {
                if let Some((ifmt, code)) = format_record(body) {
                    custom.insert(ifmt, code);
                }
            }
            XF => xf_ids.push(u16_at(body, 2).ok_or("XF record too short")?),
            BOUNDSHEET => sheets.push(boundsheet(body)?),
            BOF => return Err("a BOF inside the workbook globals".into()),
            EOF => break,
            _ => {}
        }
        at = next;
    }
    // XF count is bounded by the stream (each XF record takes at least 4 bytes).
    let xf_codes: Vec<Option<String>> = xf_ids
        .iter()
        .map(|id| {
            let code = custom
                .get(id)
                .map(String::as_str)
                .or_else(|| numfmt::builtin(u32::from(*id)))?;
            (!code.eq_ignore_ascii_case("general")).then(|| code.to_string())
        })
        .collect();
    let mut out = Formats {
        sheets: Vec::with_capacity(sheets.len()),
        xf_codes,
    };
    let mut budget = max_cells;
    for (pos, typ, name) in sheets {
        let mut cells = HashMap::new();
        // Worksheets (type 0) only: macro, chart and VB sheets hold no cells calamine lists.
        if typ == 0 {
            sheet(stream, pos, &out.xf_codes, &mut cells, &mut budget)
                .map_err(|e| format!("sheet {name}: {e}"))?;
        }
        out.sheets.push((name, cells));
    }
    Ok(out)
}

/// Reads one worksheet substream from its BOF at `pos` to its EOF, nested substreams
/// (embedded charts) skipped; notes the XF of each numeric cell whose format is not General.
fn sheet(
    stream: &[u8],
    pos: usize,
    xf_codes: &[Option<String>],
    cells: &mut CellXfs,
    budget: &mut usize,
) -> Result<(), String> {
    let (typ, body, mut at) = record(stream, pos)?;
    if typ != BOF {
        return Err(format!("no BOF record at offset {pos}"));
    }
    bof(body)?;
    let mut depth = 1usize;
    let mut note = |row: u16, col: u16, xf: u16| -> Result<(), String> {
        if !matches!(xf_codes.get(usize::from(xf)), Some(Some(_))) {
            return Ok(());
        }
        if *budget == 0 {
            return Err("more numeric cells than --max-cells".into());
        }
        *budget -= 1;
        cells.insert((u32::from(row), u32::from(col)), xf);
        Ok(())
    };
    loop {
        let (typ, body, next) = record(stream, at)?;
        match typ {
            BOF => depth += 1,
            EOF => {
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
            }
            NUMBER | RK | FORMULA if depth == 1 => {
                let cell = (u16_at(body, 0), u16_at(body, 2), u16_at(body, 4));
                let (Some(row), Some(col), Some(xf)) = cell else {
                    return Err(format!("cell record {typ:#06x} too short"));
                };
                note(row, col, xf)?;
            }
            MULRK if depth == 1 => {
                let (Some(row), Some(first)) = (u16_at(body, 0), u16_at(body, 2)) else {
                    return Err("MULRK record too short".into());
                };
                let items = body.get(4..body.len().saturating_sub(2)).unwrap_or(&[]);
                for (i, item) in items.chunks_exact(6).enumerate() {
                    let Some(col) = u16::try_from(i).ok().and_then(|i| first.checked_add(i)) else {
                        break;
                    };
                    note(row, col, u16::from_le_bytes([item[0], item[1]]))?;
                }
            }
            _ => {}
        }
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((body.len() as u16).to_le_bytes());
        out.extend(body);
        out
    }

    fn bof_body(dt: u16) -> Vec<u8> {
        let mut b = 0x0600u16.to_le_bytes().to_vec();
        b.extend(dt.to_le_bytes());
        b.resize(16, 0);
        b
    }

    fn format_body(ifmt: u16, code: &str, cch: u16) -> Vec<u8> {
        let mut b = ifmt.to_le_bytes().to_vec();
        b.extend(cch.to_le_bytes());
        b.push(0);
        b.extend(code.bytes());
        b
    }

    fn xf_body(ifmt: u16) -> Vec<u8> {
        let mut b = vec![0, 0];
        b.extend(ifmt.to_le_bytes());
        b.resize(20, 0);
        b
    }

    fn boundsheet_body(pos: u32, name: &str) -> Vec<u8> {
        let mut b = pos.to_le_bytes().to_vec();
        b.extend([0, 0, name.len() as u8, 0]);
        b.extend(name.bytes());
        b
    }

    fn cell(typ: u16, row: u16, col: u16, xf: u16) -> Vec<u8> {
        let mut b = Vec::new();
        for v in [row, col, xf] {
            b.extend(v.to_le_bytes());
        }
        b.extend(if typ == RK { vec![0; 4] } else { vec![0; 8] });
        rec(typ, &b)
    }

    /// A workbook stream: globals with the given FORMAT bodies and XF format ids and one
    /// sheet "S" whose substream is `sheet_records` (BOF prepended; EOF appended when
    /// `eof`). `offset_shift` moves the BOUNDSHEET offset.
    fn stream(
        formats: &[Vec<u8>],
        xfs: &[u16],
        sheet_records: &[u8],
        eof: bool,
        offset_shift: u32,
    ) -> Vec<u8> {
        let mut globals = rec(BOF, &bof_body(5));
        for f in formats {
            globals.extend(rec(FORMAT, f));
        }
        for &x in xfs {
            globals.extend(rec(XF, &xf_body(x)));
        }
        let bs_len = rec(BOUNDSHEET, &boundsheet_body(0, "S")).len();
        let pos = (globals.len() + bs_len + 4) as u32 + offset_shift;
        globals.extend(rec(BOUNDSHEET, &boundsheet_body(pos, "S")));
        globals.extend(rec(EOF, &[]));
        globals.extend(rec(BOF, &bof_body(0x10)));
        globals.extend(sheet_records);
        if eof {
            globals.extend(rec(EOF, &[]));
        }
        globals
    }

    fn good_sheet() -> Vec<u8> {
        let mut s = cell(NUMBER, 0, 0, 1);
        s.extend(cell(RK, 1, 0, 2));
        s.extend(cell(NUMBER, 2, 0, 0));
        // MULRK: row 3, columns 1..=2, XF 1 and 2.
        let mut m = 3u16.to_le_bytes().to_vec();
        m.extend(1u16.to_le_bytes());
        for xf in [1u16, 2] {
            m.extend(xf.to_le_bytes());
            m.extend([0; 4]);
        }
        m.extend(2u16.to_le_bytes());
        s.extend(rec(MULRK, &m));
        // An embedded chart substream: its cell-like records are not the sheet's.
        s.extend(rec(BOF, &bof_body(0x20)));
        s.extend(cell(NUMBER, 9, 9, 1));
        s.extend(rec(EOF, &[]));
        s.extend(cell(FORMULA, 4, 0, 1));
        s
    }

    // A well-formed stream: custom and built-in formats by XF, every numeric record kind,
    // a nested substream skipped, General cells not kept.
    #[test]
    fn reads_cell_formats() {
        let s = stream(
            &[format_body(164, "#,##0.00", 8)],
            &[0, 164, 10],
            &good_sheet(),
            true,
            0,
        );
        let f = parse(&s, 100).expect("parsed");
        assert_eq!(f.names(), vec!["S"]);
        assert_eq!(f.code(0, "S", 0, 0), Some("#,##0.00"));
        assert_eq!(f.code(0, "S", 1, 0), Some("0.00%"));
        assert_eq!(f.code(0, "S", 2, 0), None);
        assert_eq!(f.code(0, "S", 3, 1), Some("#,##0.00"));
        assert_eq!(f.code(0, "S", 3, 2), Some("0.00%"));
        assert_eq!(f.code(0, "S", 4, 0), Some("#,##0.00"));
        assert_eq!(f.code(0, "S", 9, 9), None);
        // By name when the position disagrees.
        assert_eq!(f.code(5, "S", 0, 0), Some("#,##0.00"));
        assert_eq!(f.code(0, "T", 0, 0), None);
        // The cell budget is --max-cells.
        assert!(parse(&s, 3).is_err());
    }

    // A record cut short (its length runs past the stream): an error, no panic, at every
    // cut of a good stream.
    #[test]
    fn truncated_records_fail_cleanly() {
        let s = stream(
            &[format_body(164, "#,##0.00", 8)],
            &[0, 164, 10],
            &good_sheet(),
            true,
            0,
        );
        for cut in 0..s.len() {
            assert!(parse(&s[..cut], 100).is_err(), "cut at {cut}");
        }
    }

    // A FORMAT whose cch says more characters than the record holds is skipped: its XF
    // is General, the other formats still read.
    #[test]
    fn lying_format_length_is_skipped() {
        let s = stream(
            &[
                format_body(164, "#,##0.00", 200),
                format_body(165, "0.0", 3),
            ],
            &[0, 164, 165],
            &[cell(NUMBER, 0, 0, 1), cell(NUMBER, 0, 1, 2)].concat(),
            true,
            0,
        );
        let f = parse(&s, 100).expect("parsed");
        assert_eq!(f.code(0, "S", 0, 0), None);
        assert_eq!(f.code(0, "S", 0, 1), Some("0.0"));
        // A wide-character FORMAT with an odd byte count and one cut before its flags.
        let mut wide = format_body(166, "", 4);
        wide[4] = 1;
        wide.extend([b'0', 0, b'.', 0, b'0']);
        let s = stream(&[wide, vec![167, 0, 1]], &[166, 167], &[], true, 0);
        assert!(parse(&s, 100)
            .expect("parsed")
            .xf_codes
            .iter()
            .all(Option::is_none));
    }

    // A cell whose XF index is past the XF table is General.
    #[test]
    fn xf_index_out_of_range_is_general() {
        let s = stream(&[], &[4], &cell(NUMBER, 0, 0, 7), true, 0);
        let f = parse(&s, 100).expect("parsed");
        assert_eq!(f.code(0, "S", 0, 0), None);
    }

    // A BOUNDSHEET offset past the stream, or not at a BOF: an error.
    #[test]
    fn bad_sheet_offsets_fail_cleanly() {
        for shift in [1, 4, 1000, u32::MAX / 2] {
            let s = stream(&[], &[4], &cell(NUMBER, 0, 0, 0), true, shift);
            assert!(parse(&s, 100).is_err(), "shift {shift}");
        }
    }

    // A sheet substream without its EOF, or with a nested BOF left open: an error.
    #[test]
    fn sheet_without_eof_fails_cleanly() {
        let s = stream(&[], &[4], &cell(NUMBER, 0, 0, 0), false, 0);
        assert!(parse(&s, 100).is_err());
        let open = [rec(BOF, &bof_body(0x20)), cell(NUMBER, 0, 0, 0)].concat();
        let s = stream(&[], &[4], &open, true, 0);
        assert!(parse(&s, 100).is_err());
    }

    fn dims(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut b = rf.to_le_bytes().to_vec();
        b.extend(rl.to_le_bytes());
        b.extend(cf.to_le_bytes());
        b.extend(cl.to_le_bytes());
        b.extend([0, 0]);
        rec(DIMENSIONS, &b)
    }

    // The guard refuses what calamine would lay out as a grid past 65,536 × 256 cells: a
    // cell (or a MULRK run) past column 256, a DIMENSIONS area past the grid or wrapping
    // round (last row before the first); it lets a good stream, an encrypted one and one
    // cut short through (calamine reports those).
    #[test]
    fn guard_refuses_grids_past_biff8() {
        let ok = |records: &[u8]| guard(&stream(&[], &[4], records, true, 0));
        assert_eq!(ok(&good_sheet()), Ok(()));
        assert_eq!(ok(&dims(0, 65_536, 0, 256)), Ok(()));
        assert_eq!(ok(&cell(NUMBER, 65_535, 255, 0)), Ok(()));
        assert!(ok(&cell(NUMBER, 0, 256, 0)).is_err());
        assert!(ok(&cell(LABELSST, 0, 65_535, 0)).is_err());
        let mut m = 0u16.to_le_bytes().to_vec();
        m.extend(250u16.to_le_bytes());
        m.extend([0; 6 * 7]);
        m.extend(256u16.to_le_bytes());
        assert!(ok(&rec(MULRK, &m)).is_err());
        assert!(ok(&dims(5, 1, 0, 1)).is_err());
        assert!(ok(&dims(0, 65_537, 0, 1)).is_err());
        assert!(ok(&dims(0, 1, 0, 257)).is_err());
        // A wide cell inside a nested substream (a chart) is not the sheet's.
        let nested = [
            rec(BOF, &bof_body(0x20)),
            cell(NUMBER, 0, 9999, 0),
            rec(EOF, &[]),
        ]
        .concat();
        assert_eq!(ok(&nested), Ok(()));
        // Cut, encrypted: left to calamine.
        let s = stream(&[], &[4], &cell(NUMBER, 0, 999, 0), true, 0);
        assert_eq!(guard(&s[..s.len() - 20]), Ok(()));
        let mut e = rec(BOF, &bof_body(5));
        e.extend(rec(FILEPASS, &[1, 0, 1, 0]));
        e.extend(&s[20..]);
        assert_eq!(guard(&e), Ok(()));
        assert_eq!(guard(&[]), Ok(()));
    }

    // Encrypted (FILEPASS) and BIFF5 streams are declined; garbage never panics.
    #[test]
    fn encrypted_biff5_and_garbage_are_declined() {
        let mut s = rec(BOF, &bof_body(5));
        s.extend(rec(FILEPASS, &[1, 0, 1, 0]));
        s.extend(rec(EOF, &[]));
        assert_eq!(
            parse(&s, 100).err().as_deref(),
            Some("the workbook is encrypted")
        );
        let mut b5 = 0x0500u16.to_le_bytes().to_vec();
        b5.extend(5u16.to_le_bytes());
        assert!(parse(&[rec(BOF, &b5), rec(EOF, &[])].concat(), 100).is_err());
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for len in [0usize, 1, 3, 4, 64, 4096] {
            let junk: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect();
            assert!(parse(&junk, 100).is_err());
            let mut framed = rec(BOF, &bof_body(5));
            framed.extend(&junk);
            let _ = parse(&framed, 100);
        }
        assert!(workbook_stream(b"not a compound file").is_err());
    }
}
