//! Workbook ingest: XLSX, XLS (BIFF8) and WPS Spreadsheets' .et, read with calamine.
//!
//! Each visible worksheet becomes blocks of the same [`Document`] model the DOCX reader
//! builds. A sheet with at least two rows of two or more filled cells is a *table sheet*:
//! one table block of its used range, title and unit rows included (the standard-table
//! recogniser reads a title from a table's own first rows), merged ranges as spans with
//! continuation slots. Any other sheet is a *text sheet* (封面, 目录, 说明): one paragraph per
//! line of each filled row. Hidden sheets are not what a reader sees: they are skipped with
//! a warning.
//!
//! Cell text is what a reader sees:
//! - strings (numbers stored as text, "1,234.56") are kept as written;
//! - numbers are printed under their cell's number format ([`numfmt`]): 14348853.335
//!   under "#,##0.00" reads 14,348,853.34 (2 printed decimals), 0.2345 under "0.00%" reads
//!   23.45%, zero under an accounting format reads "-". calamine does not expose the
//!   formats, so they are read beside it: for XLSX from the package by [`styles`], for
//!   XLS/ET from the BIFF8 records of the `Workbook` stream by [`biff_formats`]. When they
//!   cannot be read, a warning (`workbook.number_formats`) says so and the numbers print
//!   as under General;
//! - numbers under General are printed in the shortest decimal form of the value rounded
//!   to 15 significant digits (what Excel keeps), so 0.1+0.2 reads 0.3;
//! - the float is used only to print that text; the amount is read from the text by the
//!   number parser like any other printed number;
//! - formulas give their cached value (the value last computed by the program that saved
//!   the file); a formula saved without one (XLSX) is an empty cell and a warning
//!   (`workbook.formula_without_value`) naming the cells. Formula cells of a recomputable
//!   shape go to [`Document::formulas`] with their operands ([`formula`]); rule
//!   `workbook.formula` compares them. XLSX formulas are read in a second pass over a sheet
//!   that has any, unless its shared formulas cover more than `--max-cells` cells (calamine
//!   expands a shared range cell by cell): then a warning says they are not recomputed.
//! - dates (a date number format, recognised by calamine) print as yyyy-mm-dd.
//!
//! Locations: a table block's location names its sheet and its top-left cell, every row
//! its sheet row (in `line`), every paragraph its sheet and cell; [`Document::locate_in_sheet`]
//! turns a fact's block/row/col into `部门支出总表!D12`.
//!
//! Guards: an XLSX package is inflated part by part within the zip limits before calamine
//! sees it (zip bombs, corrupt deflate, too many entries); rows past `--max-rows`, more
//! than `--max-cells` filled cells, and a table sheet whose padded grid or merged area
//! exceeds `--max-cells` are a limit error; a password-protected workbook is
//! [`IngestError::EncryptedOffice`]; anything calamine cannot parse is a corrupt-file error,
//! and a panic inside calamine on malformed data is caught and reported the same way.
//! calamine parses every sheet of an XLS when it opens it and keeps each as a dense grid
//! of its used range; an XLS whose cell records or DIMENSIONS lie outside BIFF8's
//! 65,536 × 256 grid (a damaged or crafted file: the grid would take hundreds of
//! gigabytes, and a failed allocation aborts) is a corrupt-file error before calamine sees
//! it ([`biff_formats::guard`]). Known limit: within that grid an XLS is bounded by BIFF8's
//! 65,536 × 256 cells per sheet and the file-size limit rather than by `--max-cells` alone.

mod biff_formats;
mod formula;
mod numfmt;
mod styles;

use super::{IngestError, Limits};
use crate::document::{col_letters, Cell, DocWarning, Document, Formula, Location, Row, Table};
use calamine::{Data, DataRef, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Which workbook container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Office Open XML (zip).
    Xlsx,
    /// BIFF in an OLE compound file (.xls, .et).
    Xls,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Xls => "xls",
        }
    }
}

/// One worksheet's filled cells and merged ranges, 0-based sheet coordinates.
#[derive(Debug, Default)]
struct Sheet {
    name: String,
    cells: BTreeMap<(u32, u32), String>,
    /// (first row, first col, last row, last col), inclusive.
    merges: Vec<(u32, u32, u32, u32)>,
    /// Formula cells: position and formula text (without `=`).
    formulas: Vec<((u32, u32), String)>,
    /// Cached values, kept only on a sheet with formulas.
    values: formula::Values,
    /// The indent of cells whose text starts with spaces, in tenths of an em.
    indents: BTreeMap<(u32, u32), u16>,
}

impl Sheet {
    /// The indent of a filled cell: its leading spaces, 0 without any; `None` for an empty one.
    fn indent(&self, r: u32, c: u32) -> Option<u16> {
        self.cells
            .contains_key(&(r, c))
            .then(|| self.indents.get(&(r, c)).copied().unwrap_or(0))
    }
}

/// Reads a workbook into the document model.
pub fn read(bytes: &[u8], limits: &Limits, kind: Kind) -> Result<Document, IngestError> {
    let run = || {
        let mut warnings = Vec::new();
        let sheets = match kind {
            Kind::Xlsx => read_xlsx(bytes, limits, &mut warnings)?,
            Kind::Xls => read_xls(bytes, limits, &mut warnings)?,
        };
        let columns = match kind {
            Kind::Xlsx => formula::XLSX_COLUMNS,
            Kind::Xls => formula::XLS_COLUMNS,
        };
        build(sheets, warnings, limits, columns)
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(_) => Err(IngestError::Corrupt {
            format: kind.name(),
            detail: "the workbook reader failed on malformed data".into(),
        }),
    }
}

/// The XLS stream guard and number-format reader on their own, for the fuzz target and
/// the hostile-input tests: `bytes` is an XLS file (an OLE compound file) or, when it is
/// not one, a bare BIFF8 `Workbook` stream. Gives the number of numeric cells with a
/// format other than General, or why the stream is refused ([`biff_formats::guard`]) or
/// its formats were not read (the reader then keeps the General form with a warning).
#[doc(hidden)]
pub fn xls_number_formats(bytes: &[u8], limits: &Limits) -> Result<usize, String> {
    let stream = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        biff_formats::workbook_stream(bytes)?
    } else {
        bytes.to_vec()
    };
    biff_formats::guard(&stream)?;
    Ok(biff_formats::parse(&stream, limits.max_cells)?.cells())
}

/// Counts filled cells against the limits.
struct Budget<'l> {
    limits: &'l Limits,
    cells: usize,
}

impl Budget<'_> {
    fn take(&mut self, sheet: &str, row: u32) -> Result<(), IngestError> {
        if row >= self.limits.max_sheet_rows {
            return Err(IngestError::Limit {
                what: "rows of a sheet",
                detail: format!(
                    "sheet {sheet} has a filled cell in row {} > {}",
                    u64::from(row) + 1,
                    self.limits.max_sheet_rows
                ),
                flag: "--max-rows",
            });
        }
        self.cells += 1;
        if self.cells > self.limits.max_cells {
            return Err(IngestError::Limit {
                what: "filled cells of a workbook",
                detail: format!("more than {} cells", self.limits.max_cells),
                flag: "--max-cells",
            });
        }
        Ok(())
    }
}

fn xlsx_error(e: XlsxError) -> IngestError {
    match e {
        XlsxError::Password => IngestError::EncryptedOffice,
        e => IngestError::Corrupt {
            format: "xlsx",
            detail: format!("failed to read the workbook ({e})"),
        },
    }
}

fn xls_error(e: XlsError) -> IngestError {
    match e {
        XlsError::Password => IngestError::EncryptedOffice,
        e => IngestError::Corrupt {
            format: "xls",
            detail: format!("failed to read the workbook ({e})"),
        },
    }
}

/// True for a sheet a reader sees (a visible worksheet); warns about hidden ones.
fn shown(meta: &calamine::Sheet, warnings: &mut Vec<DocWarning>) -> bool {
    if meta.typ != SheetType::WorkSheet {
        return false;
    }
    if meta.visible != SheetVisible::Visible {
        warnings.push(DocWarning::new(
            "workbook.hidden_sheet",
            format!("hidden sheet {} was not read", meta.name),
        ));
        return false;
    }
    true
}

fn read_xlsx(
    bytes: &[u8],
    limits: &Limits,
    warnings: &mut Vec<DocWarning>,
) -> Result<Vec<Sheet>, IngestError> {
    super::docx::guard_package(bytes, limits, "xlsx")?;
    let formats = match styles::read(bytes, limits) {
        Ok(f) => f,
        Err(e) => {
            warnings.push(DocWarning::new(
                "workbook.number_formats",
                format!("number formats not read, numbers are shown in the General form ({e})"),
            ));
            styles::Formats::default()
        }
    };
    for (sheet, refs, n) in &formats.uncached {
        warnings.push(DocWarning::new(
            "workbook.formula_without_value",
            format!(
                "sheet {sheet}: {n} formula cell(s) saved without a calculated value ({}{}) \
                 read as empty; open the file in a spreadsheet program and save it again",
                refs.join(", "),
                if *n > refs.len() { ", …" } else { "" }
            ),
        ));
    }
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let metas: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut budget = Budget { limits, cells: 0 };
    let mut sheets = Vec::new();
    for meta in metas {
        if !shown(&meta, warnings) {
            continue;
        }
        let mut sheet = Sheet {
            name: meta.name.clone(),
            ..Sheet::default()
        };
        sheet.merges = wb
            .merge_cells_by_sheet_name(&meta.name)
            .map_err(xlsx_error)?
            .into_iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect();
        let shared_area = formats.formula_sheets.get(&meta.name).copied();
        let with_formulas = match shared_area {
            Some(area) if area > limits.max_cells as u64 => {
                warnings.push(DocWarning::new(
                    "workbook.formulas_not_read",
                    format!(
                        "sheet {}: shared formulas cover more than {} cells (--max-cells); \
                         its formulas are not recomputed",
                        meta.name, limits.max_cells
                    ),
                ));
                false
            }
            Some(_) => true,
            None => false,
        };
        let mut reader = wb.worksheet_cells_reader(&meta.name).map_err(xlsx_error)?;
        while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
            let (r, c) = cell.get_position();
            let code = formats.code(&meta.name, r, c);
            let value = cell.get_value();
            let text = match value {
                DataRef::Float(f) => float_text(*f, code),
                DataRef::Int(i) => int_text(*i, code),
                v => data_ref_text(v),
            };
            if text.trim().is_empty() {
                continue;
            }
            budget.take(&meta.name, r)?;
            if with_formulas {
                let number = match value {
                    DataRef::Float(f) => Some(*f),
                    DataRef::Int(i) => Some(*i as f64),
                    _ => None,
                };
                sheet.values.insert((r, c), cached(number, &text));
            }
            let indent = crate::document::leading_indent(&text)
                .unwrap_or(0)
                .saturating_add(formats.indent(&meta.name, r, c));
            if indent > 0 {
                sheet.indents.insert((r, c), indent);
            }
            sheet.cells.insert((r, c), text.trim().to_string());
        }
        drop(reader);
        if with_formulas {
            let mut reader = wb.worksheet_cells_reader(&meta.name).map_err(xlsx_error)?;
            while let Some(cell) = reader.next_formula().map_err(xlsx_error)? {
                let (r, c) = cell.get_position();
                if cell.get_value().is_empty() || r >= limits.max_sheet_rows {
                    continue;
                }
                if sheet.formulas.len() >= limits.max_cells {
                    break;
                }
                sheet.formulas.push(((r, c), cell.get_value().clone()));
            }
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn read_xls(
    bytes: &[u8],
    limits: &Limits,
    warnings: &mut Vec<DocWarning>,
) -> Result<Vec<Sheet>, IngestError> {
    // The stream is checked for cells outside BIFF8's grid before calamine reads it (see
    // biff_formats::guard); one that cannot be opened is left to calamine's own error.
    let stream = biff_formats::workbook_stream(bytes);
    if let Ok(stream) = &stream {
        biff_formats::guard(stream).map_err(|e| IngestError::Corrupt {
            format: "xls",
            detail: format!("failed to read the workbook ({e})"),
        })?;
    }
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
    let formats = match stream.and_then(|s| biff_formats::parse(&s, limits.max_cells)) {
        Ok(f) => f,
        Err(e) => {
            warnings.push(DocWarning::new(
                "workbook.number_formats",
                format!("number formats not read, numbers are shown in the General form ({e})"),
            ));
            biff_formats::Formats::default()
        }
    };
    let metas: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut budget = Budget { limits, cells: 0 };
    let mut sheets = Vec::new();
    // calamine lists the sheets in BOUNDSHEET order, as the format reader does.
    for (index, meta) in metas.into_iter().enumerate() {
        if !shown(&meta, warnings) {
            continue;
        }
        let range = wb.worksheet_range(&meta.name).map_err(xls_error)?;
        let mut sheet = Sheet {
            name: meta.name.clone(),
            merges: wb
                .merge_cells_by_sheet_name(&meta.name)
                .unwrap_or_default()
                .into_iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect(),
            ..Sheet::default()
        };
        // Formulas: calamine parsed them with the sheet; one it cannot render is kept as
        // its message and is then of "another shape". They come as a dense copy of their
        // used range, so not over a sheet whose used range passes --max-cells.
        let (h, w) = range.get_size();
        let dense = h.saturating_mul(w) > limits.max_cells;
        if dense {
            warnings.push(DocWarning::new(
                "workbook.formulas_not_read",
                format!(
                    "sheet {}: the used range spans more than {} cells (--max-cells); \
                     its formulas are not recomputed",
                    meta.name, limits.max_cells
                ),
            ));
        }
        let formulas = if dense {
            None
        } else {
            wb.worksheet_formula(&meta.name).ok()
        };
        if let Some(fr) = formulas {
            let (f0, g0) = fr.start().unwrap_or((0, 0));
            for (dr, dc, f) in fr.used_cells() {
                let (Ok(dr), Ok(dc)) = (u32::try_from(dr), u32::try_from(dc)) else {
                    continue;
                };
                if !f.is_empty() && sheet.formulas.len() < limits.max_cells {
                    sheet
                        .formulas
                        .push(((f0.saturating_add(dr), g0.saturating_add(dc)), f.clone()));
                }
            }
        }
        let with_formulas = !sheet.formulas.is_empty();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (dr, dc, value) in range.used_cells() {
            let (Ok(dr), Ok(dc)) = (u32::try_from(dr), u32::try_from(dc)) else {
                continue;
            };
            let r = r0.saturating_add(dr);
            let c = c0.saturating_add(dc);
            let code = || formats.code(index, &meta.name, r, c);
            let text = match value {
                Data::Float(f) => float_text(*f, code()),
                Data::Int(i) => int_text(*i, code()),
                v => data_text(v),
            };
            if text.trim().is_empty() {
                continue;
            }
            budget.take(&meta.name, r)?;
            if with_formulas {
                let number = match value {
                    Data::Float(f) => Some(*f),
                    Data::Int(i) => Some(*i as f64),
                    _ => None,
                };
                sheet.values.insert((r, c), cached(number, &text));
            }
            if let Some(i) = crate::document::leading_indent(&text).filter(|&i| i > 0) {
                sheet.indents.insert((r, c), i);
            }
            sheet.cells.insert((r, c), text.trim().to_string());
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// The text of a number cell under its format code (XLSX from styles.xml, XLS from the
/// BIFF records), or in the General form when it has none.
fn float_text(f: f64, code: Option<&str>) -> String {
    match code {
        Some(code) => numfmt::format(f, code),
        None => general_number(f),
    }
}

/// The text of an integer cell under its format code, or as the integer.
fn int_text(i: i64, code: Option<&str>) -> String {
    match code {
        Some(code) => numfmt::format(i as f64, code),
        None => i.to_string(),
    }
}

/// The cached value of a cell on a sheet with formulas: a number keeps the decimals its
/// printed text shows (the precision a recomputation is held to).
fn cached(number: Option<f64>, text: &str) -> formula::Cached {
    match number {
        Some(n) => formula::Cached::Number(n, formula::printed_decimals(text)),
        None => formula::Cached::Other,
    }
}

/// The text of a cell value (streamed XLSX cells).
fn data_ref_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(i) => int_text(*i, None),
        DataRef::Float(f) => float_text(*f, None),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => date_text(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// The text of a cell value (XLS ranges).
fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => int_text(*i, None),
        Data::Float(f) => float_text(*f, None),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => date_text(d),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// A number as Excel's General format prints it (see [`numfmt::general`]).
pub fn general_number(f: f64) -> String {
    numfmt::general(f)
}

/// A date cell as yyyy-mm-dd (with hh:mm[:ss] when it has a time of day).
fn date_text(d: &calamine::ExcelDateTime) -> String {
    if d.is_duration() {
        return general_number(d.as_f64());
    }
    let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
    match (h, mi, s) {
        (0, 0, 0) => format!("{y:04}-{mo:02}-{da:02}"),
        (_, _, 0) => format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}"),
        _ => format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}"),
    }
}

/// True when a sheet is laid out as a table: at least two rows with two or more filled
/// cells (a merged cell counts once).
fn is_table(sheet: &Sheet) -> bool {
    let mut per_row: BTreeMap<u32, usize> = BTreeMap::new();
    for &(r, _) in sheet.cells.keys() {
        *per_row.entry(r).or_default() += 1;
    }
    per_row.values().filter(|&&n| n >= 2).count() >= 2
}

/// Builds the document from the sheets in workbook order.
fn build(
    sheets: Vec<Sheet>,
    warnings: Vec<DocWarning>,
    limits: &Limits,
    columns: u32,
) -> Result<Document, IngestError> {
    let mut doc = Document {
        warnings,
        ..Document::default()
    };
    // Cells the formula recomputations may visit in all (SUM ranges are walked over the
    // filled cells they cover).
    let mut work = limits.max_cells.saturating_mul(4);
    for sheet in sheets {
        if sheet.cells.is_empty() {
            continue;
        }
        let first_block = doc.blocks.len();
        if is_table(&sheet) {
            push_table_sheet(&mut doc, &sheet, limits)?;
        } else {
            push_text_sheet(&mut doc, &sheet);
        }
        for (at, text) in &sheet.formulas {
            crate::deadline::check();
            let operands =
                formula::operands(text, &sheet.name, *at, &sheet.values, &mut work, columns);
            doc.formulas.push(Formula {
                location: Location {
                    block: first_block,
                    sheet: Some(sheet.name.clone()),
                    cell: Some(format!("{}{}", col_letters(at.1), u64::from(at.0) + 1)),
                    ..Location::default()
                },
                text: format!("={}", text.trim_start_matches('=')),
                operands,
            });
        }
    }
    Ok(doc)
}

/// A text sheet: one paragraph per line of each row's cells (cells of a row joined by a
/// space), located at the row's first filled cell.
fn push_text_sheet(doc: &mut Document, sheet: &Sheet) {
    let mut rows: BTreeMap<u32, Vec<(u32, &str)>> = BTreeMap::new();
    for (&(r, c), text) in &sheet.cells {
        rows.entry(r).or_default().push((c, text));
    }
    for (r, cells) in rows {
        let Some(&(c0, _)) = cells.first() else {
            continue;
        };
        let joined: Vec<&str> = cells.iter().map(|(_, t)| *t).collect();
        let joined = joined.join(" ");
        for line in joined.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let b = doc.push_paragraph(line.to_string(), None, None);
            let loc = &mut doc.blocks[b].location;
            loc.sheet = Some(sheet.name.clone());
            loc.cell = Some(format!("{}{}", col_letters(c0), u64::from(r) + 1));
        }
    }
}

/// A table sheet: the used range as one table; merged ranges (clipped to the used range)
/// as owner spans with continuation slots (an empty merged range too, as Word keeps an
/// empty spanning cell); cells hidden under a merge dropped; every row filled to the
/// table's width with empty cells, as a Word table has them.
fn push_table_sheet(doc: &mut Document, sheet: &Sheet, limits: &Limits) -> Result<(), IngestError> {
    let rows_used = sheet.cells.keys().map(|&(r, _)| r);
    let cols_used = sheet.cells.keys().map(|&(_, c)| c);
    let (Some(rmin), Some(rmax), Some(cmin), Some(cmax)) = (
        rows_used.clone().min(),
        rows_used.max(),
        cols_used.clone().min(),
        cols_used.max(),
    ) else {
        return Ok(());
    };
    // Merges that start inside the used range, clipped to it.
    let mut owners: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
    for &(r0, c0, r1, c1) in &sheet.merges {
        let inside = (rmin..=rmax).contains(&r0) && (cmin..=cmax).contains(&c0);
        if !inside || r1 < r0 || c1 < c0 {
            continue;
        }
        let (r1, c1) = (r1.min(rmax), c1.min(cmax));
        if (r1, c1) != (r0, c0) {
            owners.insert((r0, c0), (r1, c1));
        }
    }
    // Rows kept: those with text, and those a merge covers.
    let mut keep: Vec<u32> = sheet.cells.keys().map(|&(r, _)| r).collect();
    for (&(r0, _), &(r1, _)) in &owners {
        keep.extend(r0..=r1);
    }
    keep.sort_unstable();
    keep.dedup();
    let width = (cmax - cmin + 1) as usize;
    // The grid is padded to the full width: a few far-apart cells must not make it huge.
    let grid = width.saturating_mul(keep.len());
    if grid > limits.max_cells {
        return Err(IngestError::Limit {
            what: "table grid of a sheet",
            detail: format!(
                "sheet {} spans {} rows × {width} columns > {} cells",
                sheet.name,
                keep.len(),
                limits.max_cells
            ),
            flag: "--max-cells",
        });
    }
    // Covered slots (bounded by the grid: merges are clipped to the used range and the
    // rows they cover are kept).
    let mut covered = std::collections::HashSet::new();
    let area: u64 = owners
        .iter()
        .map(|(&(r0, c0), &(r1, c1))| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))
        .sum();
    if area > limits.max_cells as u64 {
        return Err(IngestError::Limit {
            what: "merged cells of a sheet",
            detail: format!(
                "sheet {} has merged ranges covering {area} cells > {}",
                sheet.name, limits.max_cells
            ),
            flag: "--max-cells",
        });
    }
    for (&(r0, c0), &(r1, c1)) in &owners {
        for r in r0..=r1 {
            for c in c0..=c1 {
                covered.insert((r, c));
            }
        }
    }
    let mut table = Table::default();
    for &r in &keep {
        let mut cells = Vec::with_capacity(width);
        for c in cmin..=cmax {
            let col = (c - cmin) as usize;
            if let Some(&(r1, c1)) = owners.get(&(r, c)) {
                let mut cell =
                    Cell::new(col, sheet.cells.get(&(r, c)).cloned().unwrap_or_default());
                cell.indent = sheet.indent(r, c);
                cell.row_span = r1 - r + 1;
                cell.col_span = c1 - c + 1;
                cells.push(cell);
            } else if covered.contains(&(r, c)) {
                // A slot under a merge: fill_merged makes it a continuation.
                cells.push(Cell::new(col, ""));
            } else {
                let text = sheet.cells.get(&(r, c)).cloned().unwrap_or_default();
                let mut cell = Cell::new(col, text);
                cell.indent = sheet.indent(r, c);
                cells.push(cell);
            }
        }
        table.rows.push(Row {
            cells,
            page: None,
            line: Some(r + 1),
        });
    }
    table.fill_merged();
    let b = doc.push_table(table, None, None);
    let loc = &mut doc.blocks[b].location;
    loc.sheet = Some(sheet.name.clone());
    loc.cell = Some(format!("{}{}", col_letters(cmin), u64::from(rmin) + 1));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Numbers print as Excel's General shows them, without binary noise.
    #[test]
    fn general_numbers() {
        assert_eq!(general_number(1234.56), "1234.56");
        assert_eq!(general_number(0.1 + 0.2), "0.3");
        assert_eq!(general_number(2405.0), "2405");
        assert_eq!(general_number(-0.0), "0");
        assert_eq!(general_number(14348853.335), "14348853.335");
        assert_eq!(general_number(1e-7), "0.0000001");
        assert_eq!(general_number(f64::NAN), "#NUM!");
    }

    // A merged title over a two-row table becomes owner + continuations; hidden text
    // under the merge is dropped; the block names its sheet and top-left cell.
    #[test]
    fn table_sheet_with_merges() {
        let mut sheet = Sheet {
            name: "收支总表".into(),
            ..Sheet::default()
        };
        for (r, c, t) in [
            (1, 1, "收入支出决算总表"),
            (1, 2, "hidden"),
            (2, 1, "项目"),
            (2, 2, "金额"),
            (3, 1, "收入总计"),
            (3, 2, "12.5"),
        ] {
            sheet.cells.insert((r, c), t.to_string());
        }
        sheet.merges.push((1, 1, 1, 5));
        let doc = build(
            vec![sheet],
            Vec::new(),
            &Limits::default(),
            formula::XLSX_COLUMNS,
        )
        .expect("built");
        assert_eq!(doc.blocks.len(), 1);
        let b = &doc.blocks[0];
        assert_eq!(b.location.sheet.as_deref(), Some("收支总表"));
        assert_eq!(b.location.cell.as_deref(), Some("B2"));
        let crate::document::BlockKind::Table(t) = &b.kind else {
            panic!("not a table");
        };
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].cells[0].col_span, 2);
        assert_eq!(t.rows[0].cells[1].text, "收入支出决算总表");
        assert!(t.rows[0].cells[1].is_continuation());
        assert_eq!(t.rows[2].cells[1].text, "12.5");
        assert_eq!(t.rows[2].line, Some(4));
        let mut loc = crate::document::Location {
            block: 0,
            row: Some(2),
            col: Some(1),
            line: Some(4),
            ..Default::default()
        };
        doc.locate_in_sheet(&mut loc);
        assert_eq!(loc.sheet_ref().as_deref(), Some("收支总表!C4"));
        assert_eq!(loc.line, None);
    }

    // A sheet of single cells is text: a paragraph per line, located at its cell.
    #[test]
    fn text_sheet_becomes_paragraphs() {
        let mut sheet = Sheet {
            name: "说明".into(),
            ..Sheet::default()
        };
        sheet
            .cells
            .insert((0, 0), "第一部分\n一、部门职能".to_string());
        sheet.cells.insert((2, 0), "收入总计100万元。".to_string());
        let doc = build(
            vec![sheet],
            Vec::new(),
            &Limits::default(),
            formula::XLSX_COLUMNS,
        )
        .expect("built");
        assert_eq!(doc.blocks.len(), 3);
        assert_eq!(doc.blocks[2].location.cell.as_deref(), Some("A3"));
        assert_eq!(
            doc.plain_text(),
            "第一部分\n一、部门职能\n收入总计100万元。\n"
        );
    }
}
