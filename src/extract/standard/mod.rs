//! The standard tables (公开表) of 决算 and 预算 disclosures: recognised by title, read into a
//! typed model (value columns with header paths, rows with classification codes, levels and
//! roles, side-by-side panels), and turned into relations like an XBRL calculation
//! linkbase: sums down columns and across rows, balances, the same figure in two tables, and
//! the text's figures against their cells.
//!
//! The steps, each in its own file:
//! - [`recognise`]: which table block is which kind, with its title and unit (the title is
//!   the paragraph just above, or the table's own first row);
//! - [`layout`]: header rows → value columns (header paths) and label/code columns →
//!   panels → rows (code, name, level, role) → a fact per numeric cell;
//! - [`spans`]: a closing line whose label spans panels gives each of them its figure;
//! - [`relations`]: the sums and balances each table's layout defines;
//! - [`cross`]: relations between tables, as data (patterns/linkbase.toml);
//! - [`text`]: the text's figures bound to cells.
//!
//! Structure that cannot be read with certainty (a row without a name among named rows, a
//! cell holding two numbers, a column whose header is not known) never becomes an error: the
//! relation is emitted with [`crate::extract::Statement::unsure`] set, and the checker reports
//! it as not checkable with the reason.

pub mod cross;
pub mod layout;
pub mod recognise;
pub mod relations;
pub mod spans;
pub mod text;
pub mod vocab;

use crate::document::Location;
use serde::Serialize;

/// What a value cell holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "fact")]
pub enum CellValue {
    /// A number: the index of its fact.
    Fact(usize),
    /// Nothing printed (zero by the layout of the standard tables).
    Blank,
    /// "—", "/", "无": not applicable, never zero.
    NotApplicable,
    /// Text that is not one number (two numbers run together, words).
    Unreadable,
}

/// What a row is within its panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// An item.
    Detail,
    /// A total of the items it stands for (合计, 本年收入合计, 小计).
    Total,
    /// A total that closes the table (总计, 收入总计).
    GrandTotal,
    /// A breakdown of the line above (其中：…), never a part of a sum.
    OfWhich,
}

/// One value column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StdColumn {
    /// Normalised header path joined with "/" ("本年支出/合计").
    pub key: String,
    /// The header path as printed.
    pub path: Vec<String>,
    /// Panel (0-based, left to right).
    pub panel: usize,
    /// Grid column.
    pub grid_col: usize,
}

/// One row of one panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StdRow {
    /// Row key (code, or normalised name with a panel prefix in multi-panel tables).
    pub key: String,
    /// Classification code, digits only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Name, whitespace removed.
    pub name: String,
    /// The group named in a label column to the left (收入预算总表: 一般公共预算资金 | 小计).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Level: 1 for 类 / 一、, 2 for 款 / 1., 3 for 项; 0 for totals.
    pub level: u8,
    /// Role.
    pub role: RowRole,
    /// Panel (0-based).
    pub panel: usize,
    /// Row index in the table block.
    pub grid_row: usize,
    /// Page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Values, parallel to [`StdTable::columns`] (`None` for a column of another panel).
    pub values: Vec<Option<CellValue>>,
    /// Why the row's identity is uncertain, if it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsure: Option<String>,
    /// The row as printed (cells joined with " | "), for quotes.
    #[serde(skip)]
    pub quote: String,
    /// The indent of the row's name, in tenths of an em, where the reader could tell.
    #[serde(skip)]
    pub indent: Option<u16>,
}

/// A recognised standard table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StdTable {
    /// Kind id ("final.summary").
    pub kind: String,
    /// The title as printed.
    pub title: String,
    /// Amount unit of the cells ("万元", "元"), from the 单位 line; empty when not stated.
    pub unit: String,
    /// Where the table starts.
    pub location: Location,
    /// Value columns, left to right.
    pub columns: Vec<StdColumn>,
    /// Rows, panel by panel in reading order.
    pub rows: Vec<StdRow>,
    /// Number of side-by-side panels.
    pub panels: usize,
    /// True when the table prints no figure at all.
    pub empty: bool,
    /// Why parts of the table could not be read with certainty.
    pub notes: Vec<String>,
    /// Panels printed by name only whose 类/款/项 levels come from the names' indentation.
    #[serde(skip)]
    pub indent_levels: Vec<usize>,
}

impl StdTable {
    /// The column whose key is `key`, or whose key ends with "/" + `key` when that names one
    /// column only.
    pub fn column(&self, key: &str) -> Option<usize> {
        if let Some(i) = self.columns.iter().position(|c| c.key == key) {
            return Some(i);
        }
        let suffix = format!("/{key}");
        let mut hits = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.key.ends_with(&suffix));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    /// The rows whose key is `key` (one, unless the table repeats a row).
    pub fn rows_keyed<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a StdRow> + 'a {
        self.rows.iter().filter(move |r| r.key == key)
    }

    /// The first row whose key is `key`, or (when `key` has no panel prefix) whose key is
    /// "{panel}:{key}" in exactly one panel.
    pub fn row(&self, key: &str) -> Option<&StdRow> {
        if let Some(r) = self.rows.iter().find(|r| r.key == key) {
            return Some(r);
        }
        let mut hits = self.rows.iter().filter(|r| {
            r.key
                .split_once(':')
                .is_some_and(|(p, k)| k == key && p.chars().all(|c| c.is_ascii_digit()))
        });
        match (hits.next(), hits.next()) {
            (Some(r), None) => Some(r),
            _ => None,
        }
    }
}
