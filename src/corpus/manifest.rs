//! `--manifest FILE`: a CSV with a header naming at least `path`, `department` and `year`,
//! whose values override the department and year recognised from a document's text (for
//! collections where the scraper knows them better, e.g. from the web page the file came
//! from). Extra columns are ignored, so the synthetic generator's manifest works as is.
//!
//! Paths are matched after canonicalisation; relative paths are relative to the manifest's
//! directory. An empty department or year leaves the recognised one.

use super::CorpusError;
use crate::report::csv::parse_csv_lines;
use crate::DocResult;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Department/year overrides by canonical path.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    entries: BTreeMap<PathBuf, (Option<String>, Option<i32>)>,
}

impl Manifest {
    /// Loads a manifest CSV.
    pub fn load(path: &Path) -> Result<Manifest, CorpusError> {
        let err = |detail: String, detail_zh: String| CorpusError::Manifest {
            path: path.to_path_buf(),
            detail,
            detail_zh,
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            err(
                e.to_string(),
                crate::report::errors::io_error_zh(&e, "读取失败"),
            )
        })?;
        let rows = parse_csv_lines(&text).map_err(|line| {
            err(
                format!("line {line}: unterminated quoted field"),
                format!("第 {line} 行：带引号的字段没有结束引号"),
            )
        })?;
        let mut rows = rows.into_iter();
        let header = rows
            .next()
            .ok_or_else(|| err("empty file".into(), "文件为空".into()))?;
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
                .ok_or_else(|| {
                    err(
                        format!("no `{name}` column in the header"),
                        format!("表头中没有 `{name}` 列"),
                    )
                })
        };
        let (pc, dc, yc) = (col("path")?, col("department")?, col("year")?);
        let base = path.parent().unwrap_or(Path::new("."));
        let mut entries = BTreeMap::new();
        for (i, row) in rows.enumerate() {
            let line = i + 2;
            let Some(p) = row.get(pc).filter(|p| !p.trim().is_empty()) else {
                continue;
            };
            let dept = row
                .get(dc)
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty());
            let year = match row.get(yc).map(|y| y.trim()).filter(|y| !y.is_empty()) {
                Some(y) => Some(y.parse::<i32>().map_err(|_| {
                    err(
                        format!("line {line}: year {y:?} is not a number"),
                        format!("第 {line} 行：年度 {y:?} 不是数字"),
                    )
                })?),
                None => None,
            };
            let full = base.join(p.trim());
            let key = full.canonicalize().unwrap_or(full);
            entries.insert(key, (dept, year));
        }
        Ok(Manifest { entries })
    }

    /// Overrides the department and year of a processed document, if listed.
    pub fn apply(&self, path: &Path, result: &mut DocResult) {
        if self.entries.is_empty() {
            return;
        }
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let Some((dept, year)) = self.entries.get(&key) else {
            return;
        };
        if let Some(ex) = result.extraction.as_mut() {
            if let Some(d) = dept {
                ex.department = Some(d.clone());
            }
            if let Some(y) = year {
                ex.year = Some(*y);
            }
        }
    }
}
