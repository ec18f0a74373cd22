//! findings.xlsx and facts.xlsx: the two CSV datasets of `--out` as workbooks, for people
//! who filter and sort in Excel or WPS rather than load a CSV.
//!
//! The rows and columns are those of findings.csv and facts.csv (same order), with typed
//! cells: years, pages, blocks, rows, columns and lines are numbers; a fact's `value` and
//! `value_wan` are numbers shown with the decimals the document printed (`0.00` for
//! 2,405.59); everything else is text. findings.xlsx has one more column, `rule_zh`, the
//! rule's Chinese description from `crossfoot rules`. Each sheet has a frozen, bold header
//! row and an autofilter over its rows.
//!
//! The bytes depend on the records only (the workbook's creation time is fixed), like the
//! other files of the directory.
//!
//! Memory stays bounded whatever the corpus: sheets are written in rust_xlsxwriter's
//! constant-memory mode (each row goes to a temporary file as soon as the next one starts).
//! A sheet holds at most [`MAX_SHEET_ROWS`] rows, Excel's limit; past it rows go on in a
//! second sheet (`findings 2`, …), and the first row of the extra sheet is a header again.

use crate::corpus::record as rec;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// findings.xlsx
pub const FINDINGS: &str = "findings.xlsx";
/// facts.xlsx
pub const FACTS: &str = "facts.xlsx";

/// Rows in one Excel worksheet, header included (Excel's limit).
pub const MAX_SHEET_ROWS: u32 = 1_048_576;

/// Longest text Excel keeps in one cell (characters).
const MAX_CELL_CHARS: usize = 32_767;

/// Columns written as numbers (when they parse as one).
const NUMERIC: &[&str] = &["year", "page", "block", "row", "col", "line"];

/// What a workbook could not do.
#[derive(Debug, thiserror::Error)]
#[error("failed to write {path} ({source})")]
pub struct XlsxWriteError {
    /// The workbook.
    pub path: PathBuf,
    /// Why.
    #[source]
    pub source: XlsxError,
}

/// One workbook of one dataset, written row by row.
pub struct Sheets {
    wb: Workbook,
    path: PathBuf,
    name: &'static str,
    header: Vec<String>,
    /// Rows per sheet, header included.
    limit: u32,
    /// Sheets opened so far.
    sheets: usize,
    /// Next row in the current sheet.
    row: u32,
    /// Data rows written in all.
    rows: u64,
    bold: Format,
    /// Number formats by printed decimals.
    decimals: BTreeMap<u32, Format>,
}

impl Sheets {
    /// A workbook at `path` whose sheets are named `name`, `name 2`, …, with `header` and at
    /// most `limit` rows a sheet (header included; [`MAX_SHEET_ROWS`] but in tests).
    pub fn create(
        path: &Path,
        name: &'static str,
        header: &str,
        limit: u32,
    ) -> Result<Sheets, XlsxWriteError> {
        let mut s = Sheets {
            wb: Workbook::new(),
            path: path.to_path_buf(),
            name,
            header: header.trim_end().split(',').map(str::to_string).collect(),
            limit: limit.max(2),
            sheets: 0,
            row: 0,
            rows: 0,
            bold: Format::new().set_bold(),
            decimals: BTreeMap::new(),
        };
        // A fixed creation time (the default is now): the same run gives the same bytes.
        match ExcelDateTime::from_ymd(2000, 1, 1) {
            Ok(t) => {
                s.wb.set_properties(&DocProperties::new().set_creation_datetime(&t));
            }
            Err(e) => return Err(s.err(e)),
        }
        // ZIP64: a sheet of a million rows with long quotes can pass 4 GB of XML.
        s.wb.use_zip_large_file(true);
        if let Some(dir) = path.parent() {
            // The temporary row files sit next to the output, not in a small /tmp.
            if let Err(e) = s.wb.set_tempdir(dir) {
                return Err(s.err(e));
            }
        }
        s.new_sheet()?;
        Ok(s)
    }

    fn err(&self, source: XlsxError) -> XlsxWriteError {
        XlsxWriteError {
            path: self.path.clone(),
            source,
        }
    }

    fn new_sheet(&mut self) -> Result<(), XlsxWriteError> {
        self.close_sheet()?;
        self.sheets += 1;
        let name = if self.sheets == 1 {
            self.name.to_string()
        } else {
            format!("{} {}", self.name, self.sheets)
        };
        let header = self.header.clone();
        let bold = self.bold.clone();
        let ws = self.wb.add_worksheet_with_constant_memory();
        let r = (|| {
            ws.set_name(name)?;
            for (c, h) in header.iter().enumerate() {
                let width = match h.as_str() {
                    "quote" | "message" | "rule_zh" => 60.0,
                    "sha256" => 18.0,
                    "path" | "expected" | "label" | "project" => 30.0,
                    _ => 12.0,
                };
                ws.set_column_width(c as u16, width)?;
                ws.write_string_with_format(0, c as u16, h, &bold)?;
            }
            ws.set_freeze_panes(1, 0)?;
            Ok(())
        })();
        r.map_err(|e| self.err(e))?;
        self.row = 1;
        Ok(())
    }

    /// Puts the autofilter over the current sheet's rows.
    fn close_sheet(&mut self) -> Result<(), XlsxWriteError> {
        if self.sheets == 0 {
            return Ok(());
        }
        let (last_row, last_col) = (self.row.saturating_sub(1), self.header.len() as u16 - 1);
        let i = self.sheets - 1;
        let r = self
            .wb
            .worksheet_from_index(i)
            .and_then(|ws| ws.autofilter(0, 0, last_row, last_col).map(|_| ()));
        r.map_err(|e| self.err(e))
    }

    fn number_format(&mut self, decimals: u32) -> Format {
        let d = decimals.min(15);
        self.decimals
            .entry(d)
            .or_insert_with(|| {
                let f = if d == 0 {
                    "0".to_string()
                } else {
                    format!("0.{}", "0".repeat(d as usize))
                };
                Format::new().set_num_format(f)
            })
            .clone()
    }

    /// Appends one row; `cells` follow the header; `decimals` formats the columns named in
    /// `amounts` as numbers with that many decimals.
    fn push(
        &mut self,
        cells: &[String],
        amounts: &[usize],
        decimals: Option<u32>,
    ) -> Result<(), XlsxWriteError> {
        if self.row >= self.limit {
            self.new_sheet()?;
        }
        let fmt = decimals.map(|d| self.number_format(d));
        let (row, i) = (self.row, self.sheets - 1);
        let header = &self.header;
        let r = (|| {
            let ws = self.wb.worksheet_from_index(i)?;
            for (c, text) in cells.iter().enumerate() {
                let col = c as u16;
                if text.is_empty() {
                    continue;
                }
                let name = header.get(c).map_or("", String::as_str);
                let number = if NUMERIC.contains(&name) || amounts.contains(&c) {
                    text.parse::<f64>().ok().filter(|x| x.is_finite())
                } else {
                    None
                };
                match (number, &fmt) {
                    (Some(x), Some(f)) if amounts.contains(&c) => {
                        ws.write_number_with_format(row, col, x, f)?;
                    }
                    (Some(x), _) => {
                        ws.write_number(row, col, x)?;
                    }
                    (None, _) => {
                        ws.write_string(row, col, clip(text))?;
                    }
                }
            }
            Ok(())
        })();
        r.map_err(|e: XlsxError| self.err(e))?;
        self.row += 1;
        self.rows += 1;
        Ok(())
    }

    /// Data rows written in all.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Sheets used.
    pub fn sheets(&self) -> usize {
        self.sheets
    }

    /// Writes the file.
    pub fn save(mut self) -> Result<(), XlsxWriteError> {
        self.close_sheet()?;
        let path = self.path.clone();
        self.wb.save(&path).map_err(|e| self.err(e))
    }
}

/// Text cut to what one Excel cell holds.
fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The document columns of every row.
fn doc_cells(r: &Value) -> Vec<String> {
    vec![
        rec::sha256(r).to_string(),
        rec::path(r).to_string(),
        rec::department(r).unwrap_or("").to_string(),
        rec::year(r).map(|y| y.to_string()).unwrap_or_default(),
    ]
}

/// The location columns and the quote.
fn where_cells(out: &mut Vec<String>, f: &Value) {
    let loc = f.get("location");
    for k in ["page", "block", "row", "col", "line", "sheet", "cell"] {
        out.push(rec::scalar(loc.and_then(|l| l.get(k))));
    }
    out.push(rec::str_of(f, "quote").to_string());
}

/// findings.xlsx and facts.xlsx of an output directory, fed one record at a time.
pub struct Workbooks {
    findings: Sheets,
    facts: Sheets,
    rules: BTreeMap<String, String>,
}

impl Workbooks {
    /// Both workbooks (written at `findings` and `facts` by [`Workbooks::save`]), at most
    /// `limit` rows a sheet.
    pub fn create(findings: &Path, facts: &Path, limit: u32) -> Result<Workbooks, XlsxWriteError> {
        let findings_header =
            crate::report::csv::FINDINGS_HEADER.trim_end().to_string() + ",rule_zh";
        Ok(Workbooks {
            findings: Sheets::create(findings, "findings", &findings_header, limit)?,
            facts: Sheets::create(facts, "facts", crate::report::csv::FACTS_HEADER, limit)?,
            rules: crate::check::messages::rules()
                .into_iter()
                .map(|r| (r.id, r.zh))
                .collect(),
        })
    }

    /// Adds one document record's facts and findings.
    pub fn add(&mut self, r: &Value) -> Result<(), XlsxWriteError> {
        let doc = doc_cells(r);
        for f in rec::facts(r) {
            let mut cells = doc.clone();
            for k in [
                "id",
                "kind",
                "label",
                "concept",
                "value",
                "stated",
                "unit",
                "value_wan",
                "project",
            ] {
                cells.push(rec::scalar(f.get(k)));
            }
            where_cells(&mut cells, f);
            let decimals = f
                .get("decimals")
                .and_then(Value::as_u64)
                .map(|d| d.min(15) as u32);
            // value (col 8) with its printed decimals; value_wan (col 11) is exact, shown
            // with at least as many.
            self.facts.push(&cells, &[8, 11], decimals)?;
        }
        for f in rec::findings(r) {
            let mut cells = doc.clone();
            for k in ["id", "rule", "severity", "message"] {
                cells.push(rec::scalar(f.get(k)));
            }
            let values = f
                .get("values")
                .and_then(Value::as_array)
                .map(|v| {
                    v.iter()
                        .map(|x| rec::scalar(Some(x)))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            cells.push(values);
            for k in ["expected", "project"] {
                cells.push(rec::scalar(f.get(k)));
            }
            where_cells(&mut cells, f);
            let rule = rec::str_of(f, "rule");
            cells.push(self.rules.get(rule).cloned().unwrap_or_default());
            self.findings.push(&cells, &[], None)?;
        }
        Ok(())
    }

    /// Writes both files; returns the sheets each needed (findings, facts).
    pub fn save(self) -> Result<(usize, usize), XlsxWriteError> {
        let n = (self.findings.sheets(), self.facts.sheets());
        self.findings.save()?;
        self.facts.save()?;
        Ok(n)
    }
}

/// [`Workbooks`] on a thread of their own, fed records through a bounded channel: the
/// workbooks are the slowest part of the end of a run (a million fact rows take about as
/// long as checking the documents on one core), and the thread lets them use a core the
/// rest of the end pass leaves idle.
pub struct Background {
    tx: Option<std::sync::mpsc::SyncSender<Value>>,
    handle: std::thread::JoinHandle<Result<(usize, usize), XlsxWriteError>>,
}

impl Background {
    /// Starts the thread writing both workbooks (see [`Workbooks::create`]).
    pub fn spawn(findings: &Path, facts: &Path, limit: u32) -> std::io::Result<Background> {
        let (findings, facts) = (findings.to_path_buf(), facts.to_path_buf());
        // A few records in flight: memory stays that of a few documents.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Value>(2);
        let handle = std::thread::Builder::new()
            .name("crossfoot-xlsx".into())
            .spawn(move || {
                let mut books = Workbooks::create(&findings, &facts, limit)?;
                for v in rx {
                    books.add(&v)?;
                }
                books.save()
            })?;
        Ok(Background {
            tx: Some(tx),
            handle,
        })
    }

    /// Hands one record over (after a failure of the thread, records are dropped and
    /// [`Background::finish`] reports the failure).
    pub fn add(&self, v: Value) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(v);
        }
    }

    /// Waits for both files; returns the sheets each needed (findings, facts).
    pub fn finish(mut self) -> Result<(usize, usize), XlsxWriteError> {
        drop(self.tx.take());
        match self.handle.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Past the row limit a second sheet starts, with the header again; every row is kept.
    #[test]
    fn spills_to_a_second_sheet() {
        let dir = std::env::temp_dir().join(format!("crossfoot-xlsx-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("t.xlsx");
        let mut s = Sheets::create(&path, "facts", "path,year,value\n", 3).unwrap();
        for i in 0..5 {
            s.push(
                &[format!("p{i}"), "2024".into(), "1.50".into()],
                &[2],
                Some(2),
            )
            .unwrap();
        }
        assert_eq!((s.rows(), s.sheets()), (5, 3));
        s.save().unwrap();
        use calamine::{Reader, Xlsx};
        let mut wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
        assert_eq!(wb.sheet_names(), vec!["facts", "facts 2", "facts 3"]);
        let r = wb.worksheet_range("facts 3").unwrap();
        let rows: Vec<Vec<String>> = r
            .rows()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(
            rows,
            vec![vec!["path", "year", "value"], vec!["p4", "2024", "1.5"]]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    // A cell keeps at most Excel's 32,767 characters.
    #[test]
    fn clips_long_text() {
        let long = "数".repeat(40_000);
        assert_eq!(clip(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(clip("短"), "短");
    }
}
