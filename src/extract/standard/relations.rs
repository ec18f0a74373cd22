//! The relations a standard table's own layout defines, as statements with keys:
//! - column sums: a parent classification row is the sum of its children (合计 = Σ类,
//!   类 = Σ款, 款 = Σ项, 301 = Σ301xx); a named total is the sum of the items it closes
//!   (本年收入合计 = Σ收入 lines, 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余, a group's
//!   小计 = Σ its items); code-defined totals from the linkbase (人员经费合计 = 301 + 303);
//! - row sums: a column headed 合计/小计 (or …合计) is the sum of its sibling columns, per
//!   stacked header leaf (三公 合计/预算数 = Σ 各项/预算数); row formulas from the linkbase
//!   (年末结转和结余 = 年初 + 本年收入 − 本年支出);
//! - balances: the grand totals of side-by-side panels (收入总计 = 支出总计).
//!
//! A blank cell is zero (the standard tables print nothing for zero); a blank total with
//! figures under it, a cell that is not one number, or a row whose name is missing makes
//! the relation not checkable, with the reason.

use super::vocab::StdVocab;
use super::{CellValue, RowRole, StdRow, StdTable};
use crate::document::Location;
use crate::extract::{Extraction, Role, Statement, StatementKind};
use std::collections::{BTreeSet, HashMap, HashSet};

/// One term of a relation: a row and a column of a table, with a sign.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Term<'a> {
    pub table: &'a StdTable,
    pub row: &'a StdRow,
    pub col: usize,
    pub minus: bool,
}

impl<'a> Term<'a> {
    pub(crate) fn new(table: &'a StdTable, row: &'a StdRow, col: usize) -> Self {
        Term {
            table,
            row,
            col,
            minus: false,
        }
    }

    fn value(&self) -> Option<&CellValue> {
        self.row.values.get(self.col).and_then(Option::as_ref)
    }

    /// `{kind}!{row}@{column}`.
    pub(crate) fn key(&self) -> String {
        format!(
            "{}!{}@{}",
            self.table.kind, self.row.key, self.table.columns[self.col].key
        )
    }

    fn describe(&self) -> String {
        let c = &self.table.columns[self.col].key;
        let r = match &self.row.code {
            Some(code) => format!("{code} {}", self.row.name),
            None => self.row.name.clone(),
        };
        format!("《{}》{r}/{c}", self.table.title_short())
    }
}

impl StdTable {
    /// The title without numbering, for messages.
    pub fn title_short(&self) -> String {
        super::vocab::norm(&self.title)
    }
}

/// Builds a sum statement `total = Σ parts` (parts with `minus` subtracted) and pushes it,
/// unless nothing is printed in any of its cells.
pub(crate) fn push_sum(
    ex: &mut Extraction,
    total: Term<'_>,
    parts: &[Term<'_>],
    detail: &str,
    key: String,
    mut unsure: Option<String>,
) {
    let mut facts = Vec::new();
    let mut roles = Vec::new();
    let mut any_part = false;
    let mut total_fact = None;
    match total.value() {
        Some(CellValue::Fact(f)) => total_fact = Some(*f),
        Some(CellValue::Unreadable) => {
            unsure.get_or_insert_with(|| format!("{} is not one number", total.describe()));
        }
        _ => {}
    }
    for p in parts {
        match p.value() {
            Some(CellValue::Fact(f)) => {
                any_part = true;
                facts.push(*f);
                roles.push(if p.minus { Role::Minus } else { Role::Part });
            }
            Some(CellValue::Unreadable) => {
                any_part = true;
                unsure.get_or_insert_with(|| format!("{} is not one number", p.describe()));
            }
            _ => {}
        }
        if let Some(why) = &p.row.unsure {
            unsure.get_or_insert_with(|| format!("{}: {why}", p.describe()));
        }
    }
    if total_fact.is_none() {
        if !any_part {
            return; // nothing printed: nothing to check
        }
        if !matches!(total.value(), Some(CellValue::Unreadable)) {
            unsure.get_or_insert_with(|| format!("{} is blank", total.describe()));
        }
    }
    if let Some(why) = &total.row.unsure {
        unsure.get_or_insert_with(|| format!("{}: {why}", total.describe()));
    }
    if let Some(t) = total_fact {
        facts.insert(0, t);
        roles.insert(0, Role::Total);
    }
    let location = total_fact
        .and_then(|f| ex.facts.get(f))
        .map(|f| f.location.clone())
        .unwrap_or_else(|| row_location(total.table, total.row));
    let parts_text: Vec<String> = parts
        .iter()
        .map(|p| {
            let c = &p.table.columns[p.col].key;
            let r = p.row.code.clone().unwrap_or_else(|| p.row.name.clone());
            let same_table = std::ptr::eq(p.table, total.table);
            let t = if same_table {
                String::new()
            } else {
                format!("《{}》", p.table.title_short())
            };
            let sign = if p.minus { "− " } else { "" };
            if detail == "row" {
                format!("{sign}{t}{c}")
            } else {
                format!("{sign}{t}{r}")
            }
        })
        .collect();
    let detail_text = format!("{}|{}", detail, parts_text.join(" + "));
    ex.push_statement(Statement {
        detail: Some(detail_text),
        key: Some(key),
        unsure,
        ..Statement::new(
            StatementKind::TableSum,
            facts,
            roles,
            format!("{}：{}", total.table.title_short(), total.row.quote),
            location,
        )
    });
}

/// Pushes an equality of two cells (a balance or a cross-table identity).
pub(crate) fn push_equal(ex: &mut Extraction, a: Term<'_>, b: Term<'_>, detail: &str) {
    let (ka, kb) = (a.key(), b.key());
    let key = if ka <= kb {
        format!("eq|{ka}|{kb}")
    } else {
        format!("eq|{kb}|{ka}")
    };
    let mut unsure = None;
    let fa = match a.value() {
        Some(CellValue::Fact(f)) => Some(*f),
        _ => None,
    };
    let fb = match b.value() {
        Some(CellValue::Fact(f)) => Some(*f),
        _ => None,
    };
    for (t, f) in [(&a, fa), (&b, fb)] {
        if f.is_none() {
            match t.value() {
                Some(CellValue::Unreadable) => {
                    unsure.get_or_insert_with(|| format!("{} is not one number", t.describe()));
                }
                _ => {
                    unsure.get_or_insert_with(|| format!("{} is blank", t.describe()));
                }
            }
        }
        if let Some(why) = &t.row.unsure {
            unsure.get_or_insert_with(|| format!("{}: {why}", t.describe()));
        }
    }
    if fa.is_none() && fb.is_none() {
        return;
    }
    let facts: Vec<usize> = [fa, fb].into_iter().flatten().collect();
    let roles: Vec<Role> = [fa.map(|_| Role::Total), fb.map(|_| Role::Part)]
        .into_iter()
        .flatten()
        .collect();
    let location = facts
        .first()
        .and_then(|f| ex.facts.get(*f))
        .map(|f| f.location.clone())
        .unwrap_or_else(|| row_location(a.table, a.row));
    ex.push_statement(Statement {
        detail: Some(format!("{detail}|{} = {}", a.describe(), b.describe())),
        key: Some(key),
        unsure,
        ..Statement::new(
            StatementKind::TableEqual,
            facts,
            roles,
            if std::ptr::eq(a.table, b.table) {
                format!("{}：{}", a.table.title_short(), a.row.quote)
            } else {
                format!(
                    "{}：{}\n{}：{}",
                    a.table.title_short(),
                    a.row.quote,
                    b.table.title_short(),
                    b.row.quote
                )
            },
            location,
        )
    });
}

fn row_location(table: &StdTable, row: &StdRow) -> Location {
    Location {
        page: row.page.or(table.location.page),
        block: table.location.block,
        row: Some(row.grid_row),
        col: None,
        line: None,
        ..Location::default()
    }
}

/// Columns of a panel.
fn panel_columns(t: &StdTable, panel: usize) -> Vec<usize> {
    t.columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.panel == panel)
        .map(|(i, _)| i)
        .collect()
}

/// Every relation of one table.
pub fn build(ex: &mut Extraction, t: &StdTable, v: &StdVocab) {
    if t.empty {
        return;
    }
    for p in 0..t.panels {
        let rows: Vec<&StdRow> = t.rows.iter().filter(|r| r.panel == p).collect();
        if rows.is_empty() {
            continue;
        }
        let cols = panel_columns(t, p);
        if rows.iter().any(|r| r.code.is_some()) {
            code_sums(ex, t, &rows, &cols, v);
        } else if super::layout::names_only_functions(&t.kind, &rows, v) {
            function_name_sums(ex, t, &rows, &cols, v);
        } else {
            let tree = v
                .kind(&t.kind)
                .and_then(|k| k.line_sums.as_deref())
                .is_none_or(|s| s != "totals");
            let layout_tree = v.kind(&t.kind).is_some_and(|k| k.label_path);
            list_sums(ex, t, &rows, &cols, tree, layout_tree);
        }
        row_sums(ex, t, &rows, &cols, v);
    }
    code_totals(ex, t, v);
    balances(ex, t, v);
}

/// Column sums over classification codes: each row with descendants is the sum of its
/// nearest descendants; a 合计/总计 row is the sum of the top rows.
fn code_sums<'a>(
    ex: &mut Extraction,
    t: &StdTable,
    rows: &[&'a StdRow],
    cols: &[usize],
    v: &StdVocab,
) {
    let coded: Vec<&StdRow> = rows
        .iter()
        .copied()
        .filter(|r| r.code.is_some() && r.role != RowRole::OfWhich)
        .collect();
    let mut seen = BTreeSet::new();
    let codes: HashSet<&str> = coded.iter().filter_map(|r| r.code.as_deref()).collect();
    // Nearest present ancestor of a code: its longest proper prefix that is a code.
    fn parent_in<'a>(codes: &HashSet<&str>, c: &'a str) -> Option<&'a str> {
        (1..c.len())
            .rev()
            .filter(|&n| c.is_char_boundary(n))
            .map(|n| &c[..n])
            .find(|p| codes.contains(p))
    }
    let parent_of = |c: &'a str| parent_in(&codes, c);
    // Children of each code, in table order.
    let mut children_of: HashMap<&str, Vec<&StdRow>> = HashMap::new();
    for c in &coded {
        if let Some(p) = c.code.as_deref().and_then(parent_of) {
            children_of.entry(p).or_default().push(c);
        }
    }
    for r in &coded {
        let Some(code) = r.code.as_deref() else {
            continue;
        };
        if !seen.insert(code) {
            continue; // a repeated row (reprinted across a page break) is checked once
        }
        let children: Vec<&StdRow> = dedup(children_of.get(code).cloned().unwrap_or_default());
        if children.is_empty() {
            continue;
        }
        column_sums(ex, t, r, &children, cols, "column", None);
    }
    let top: Vec<&StdRow> = dedup(
        coded
            .iter()
            .copied()
            .filter(|r| r.code.as_deref().is_some_and(|c| parent_of(c).is_none()))
            .collect(),
    );
    let unnamed_figures = rows.iter().any(|r| {
        r.code.is_none()
            && r.role == RowRole::Detail
            && r.values
                .iter()
                .any(|x| matches!(x, Some(CellValue::Fact(_))))
    });
    for r in rows {
        if r.code.is_some() || !generic_total(v, r) {
            continue;
        }
        if top.is_empty() {
            continue;
        }
        let unsure = unnamed_figures
            .then(|| "rows without a classification code among coded rows".to_string());
        column_sums(ex, t, r, &top, cols, "column", unsure.clone());
    }
}

/// Column sums of a function panel printed by name only (no 类/款/项 codes). When the names'
/// indentation gives the levels ([`indented_sums`]), every parent is checked. Otherwise a 类
/// is known by its name and the 款 and 项 under it are not told apart, so:
/// - 合计 = Σ类 is checked when the first subject is a 类 and no name is both a 类 and a 款
///   or 项 (其他支出); otherwise it is not checkable;
/// - a 类 against the rows under it is never checked: emitted as not checkable, with the
///   reason, so that a changed cell there is reported as uncheckable and not as an error
///   built on a guessed hierarchy.
fn function_name_sums(
    ex: &mut Extraction,
    t: &StdTable,
    rows: &[&StdRow],
    cols: &[usize],
    v: &StdVocab,
) {
    if rows
        .first()
        .is_some_and(|r| t.indent_levels.contains(&r.panel))
    {
        indented_sums(ex, t, rows, cols, v);
        return;
    }
    let details = super::layout::detail_rows(rows);
    let is_class = |r: &StdRow| super::layout::is_class_name(r, v);
    let classes: Vec<&StdRow> = dedup(details.iter().copied().filter(|r| is_class(r)).collect());
    let ambiguous = details
        .iter()
        .find(|r| v.layout.ambiguous_class_names.contains(&name_of(r)));
    let top_unsure = if let Some(a) = ambiguous {
        Some(format!(
            "subjects printed by name only, and {} names a 类 as well as a 款 or 项: which rows are 类 is not certain",
            a.name
        ))
    } else if classes.is_empty() || !details.first().is_some_and(|r| is_class(r)) {
        Some(
            "subjects printed by name only, and the first is not a 类 by name: which rows are 类 is not certain"
                .to_string(),
        )
    } else {
        None
    };
    for r in rows {
        if !generic_total(v, r) {
            continue;
        }
        let parts: &[&StdRow] = if classes.is_empty() {
            &details
        } else {
            &classes
        };
        column_sums(ex, t, r, parts, cols, "column", top_unsure.clone());
    }
    // Each 类 over the rows printed under it, up to the next 类: not checkable.
    let mut i = 0;
    while i < details.len() {
        let r = details[i];
        let under: Vec<&StdRow> = details[i + 1..]
            .iter()
            .copied()
            .take_while(|x| !is_class(x))
            .collect();
        i += 1 + under.len();
        if !is_class(r) || under.is_empty() {
            continue;
        }
        let why = "subjects printed by name only (no 类/款/项 codes) and not indented by level: the 款 and 项 under a 类 cannot be told apart".to_string();
        column_sums(ex, t, r, &under, cols, "column", Some(why.clone()));
    }
}

/// Column sums of a function panel printed by name only whose levels the names' indentation
/// gives (1 类, 2 款, 3 项): each row is the sum of the rows one level down printed under it,
/// up to the next row of its level or above, and 合计 the sum of the 类.
fn indented_sums(
    ex: &mut Extraction,
    t: &StdTable,
    rows: &[&StdRow],
    cols: &[usize],
    v: &StdVocab,
) {
    let details = super::layout::detail_rows(rows);
    let mut seen = BTreeSet::new();
    for (i, r) in details.iter().enumerate() {
        if !seen.insert(r.key.clone()) {
            continue; // a row reprinted across a page break is checked once
        }
        let children: Vec<&StdRow> = dedup(
            details[i + 1..]
                .iter()
                .copied()
                .take_while(|x| x.level > r.level)
                .filter(|x| x.level == r.level + 1)
                .collect(),
        );
        if children.is_empty() {
            continue;
        }
        column_sums(ex, t, r, &children, cols, "column", None);
    }
    let classes: Vec<&StdRow> = dedup(details.iter().copied().filter(|r| r.level == 1).collect());
    for r in rows {
        if !generic_total(v, r) || classes.is_empty() {
            continue;
        }
        column_sums(ex, t, r, &classes, cols, "column", None);
    }
}

/// `total` = Σ`parts` in each of the columns `cols`, keyed `sum|{total}|col`.
fn column_sums(
    ex: &mut Extraction,
    t: &StdTable,
    total: &StdRow,
    parts: &[&StdRow],
    cols: &[usize],
    family: &str,
    unsure: Option<String>,
) {
    for &c in cols {
        let ps: Vec<Term> = parts.iter().map(|p| Term::new(t, p, c)).collect();
        let tt = Term::new(t, total, c);
        let key = format!("sum|{}|col", tt.key());
        push_sum(ex, tt, &ps, family, key, unsure.clone());
    }
}

/// A total or grand-total row named by a generic total word (合计, 总计, 本年支出合计 …), not a
/// subject.
fn generic_total(v: &StdVocab, r: &StdRow) -> bool {
    matches!(r.role, RowRole::Total | RowRole::GrandTotal)
        && v.layout
            .grand_totals
            .iter()
            .chain(&v.layout.coded_totals)
            .any(|w| *w == name_of(r))
}

/// The row's name key without a panel prefix.
fn name_of(r: &StdRow) -> String {
    match r.key.split_once(':') {
        Some((p, k)) if p.chars().all(|c| c.is_ascii_digit()) => k.to_string(),
        _ => r.key.clone(),
    }
}

/// Rows with distinct keys (a row reprinted across a page break counted once).
fn dedup(rows: Vec<&StdRow>) -> Vec<&StdRow> {
    let mut seen = BTreeSet::new();
    rows.into_iter()
        .filter(|r| seen.insert(r.key.clone()))
        .collect()
}

/// Column sums in a panel of named lines. Lines form a tree by level (一、 over 1. over
/// （1）; in tables of several label columns, the column a line starts in); a line with
/// lines under it is their sum. A pure total (本年收入合计, level 0) is the sum of the top
/// lines since the previous total, or, printed first, of the top lines after it; a grand
/// total (总计) also takes the previous total. A numbered list restarting after an
/// unnumbered line that follows a total (年初财政拨款结转和结余 / 一、二、三) is that line's
/// breakdown, and so are unnumbered lines there that repeat the names of lines above the
/// total (年初财政拨款结转和结余 / 一般公共预算财政拨款 / 政府性基金预算财政拨款).
fn list_sums(
    ex: &mut Extraction,
    t: &StdTable,
    rows: &[&StdRow],
    cols: &[usize],
    tree: bool,
    layout_tree: bool,
) {
    let emit = |ex: &mut Extraction, total: &StdRow, parts: &[&StdRow]| {
        // Lines placed under their parent by merged label cells hold or are not checkable;
        // a total over the top lines is certain.
        let family = if layout_tree && total.level > 0 {
            "tree"
        } else {
            "column"
        };
        column_sums(ex, t, total, parts, cols, family, None);
    };
    // Levels, with restarted numbering moved under the line it breaks down.
    let mut level: Vec<u8> = rows.iter().map(|r| r.level).collect();
    let mut after_total = false;
    let mut restart_at: Option<u8> = None;
    let mut seen_detail = false;
    let several_label_columns = rows.iter().any(|r| r.group.is_some());
    // Names of the lines above the last total, and of those since it.
    let mut above: HashSet<String> = HashSet::new();
    let mut since: Vec<String> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match r.role {
            // Only a total that closes a list of lines (not one printed first) can be
            // followed by a breakdown list.
            RowRole::Total | RowRole::GrandTotal if r.level == 0 => {
                after_total = seen_detail && !several_label_columns;
                restart_at = None;
                above.extend(since.drain(..));
            }
            RowRole::Detail => {
                seen_detail = true;
                let numbered = super::layout::strip_numbering(&r.name).0.is_some();
                let name = name_of(r);
                if after_total && !numbered {
                    match restart_at {
                        // An unnumbered breakdown repeats the names of the lines above the
                        // total (年初财政拨款结转和结余 / 一般公共预算财政拨款 / 政府性基金…).
                        Some(l) if above.contains(&name) => level[i] = level[i].max(l),
                        _ => restart_at = Some(level[i] + 1),
                    }
                } else if let (true, Some(l)) = (after_total && numbered, restart_at) {
                    level[i] = level[i].max(l);
                }
                since.push(name);
            }
            _ => {}
        }
    }
    // Parents: the nearest line above with a lower level, within the current segment.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if r.role == RowRole::OfWhich {
            continue;
        }
        if level[i] == 0 {
            stack.clear();
            continue;
        }
        while stack.last().is_some_and(|&p| level[p] >= level[i]) {
            stack.pop();
        }
        if let Some(&p) = stack.last() {
            children[p].push(i);
        }
        stack.push(i);
    }
    for (i, ch) in children.iter().enumerate() {
        if tree && !ch.is_empty() {
            let parts: Vec<&StdRow> = ch.iter().map(|&j| rows[j]).collect();
            emit(ex, rows[i], &parts);
        }
    }
    // Totals of level 0.
    let top_level = |from: usize, to: usize| -> Vec<&StdRow> {
        let min = (from..to)
            .filter(|&j| level[j] > 0 && rows[j].role != RowRole::OfWhich)
            .map(|j| level[j])
            .min();
        (from..to)
            .filter(|&j| Some(level[j]) == min && rows[j].role != RowRole::OfWhich)
            .map(|j| rows[j])
            .collect()
    };
    let totals: Vec<usize> = (0..rows.len()).filter(|&i| level[i] == 0).collect();
    let mut last_total: Option<usize> = None;
    for (k, &i) in totals.iter().enumerate() {
        let start = last_total.map_or(0, |l| l + 1);
        let before = top_level(start, i);
        if before.is_empty() && last_total.is_none() {
            // Printed first: the lines after it, up to the next total.
            let end = totals.get(k + 1).copied().unwrap_or(rows.len());
            let after = top_level(i + 1, end);
            if !after.is_empty() {
                emit(ex, rows[i], &after);
            }
            last_total = Some(i);
            continue;
        }
        let mut parts: Vec<&StdRow> = Vec::new();
        if rows[i].role == RowRole::GrandTotal {
            if let Some(l) = last_total {
                parts.push(rows[l]);
            }
        }
        parts.extend(before);
        if !parts.is_empty() {
            emit(ex, rows[i], &parts);
        }
        last_total = Some(i);
    }
}

/// Row sums: a column headed by a total word is the sum of its sibling columns, per leaf;
/// and the linkbase's row formulas.
fn row_sums(ex: &mut Extraction, t: &StdTable, rows: &[&StdRow], cols: &[usize], v: &StdVocab) {
    let paths: Vec<Vec<String>> = cols
        .iter()
        .map(|&c| t.columns[c].key.split('/').map(str::to_string).collect())
        .collect();
    let find = |path: &[String]| -> Option<usize> {
        paths
            .iter()
            .position(|p| p.as_slice() == path)
            .map(|i| cols[i])
    };
    let mut done = BTreeSet::new();
    for (i, p) in paths.iter().enumerate() {
        for d in 0..p.len() {
            if !v.is_total_header(&p[d]) {
                continue;
            }
            let group = &p[..d];
            let suffix = &p[d + 1..];
            let node = &p[..=d];
            if !done.insert((node.to_vec(), suffix.to_vec())) {
                continue;
            }
            // Sibling nodes under the same group.
            let mut siblings: Vec<String> = Vec::new();
            for q in &paths {
                if q.len() > d
                    && q[..d] == *group
                    && q[d] != p[d]
                    && !v.is_of_which(&q[d])
                    && !siblings.contains(&q[d])
                {
                    siblings.push(q[d].clone());
                }
            }
            if siblings.is_empty() {
                continue;
            }
            // Two totals among the siblings: which is whose is not certain.
            let other_totals = siblings.iter().filter(|s| v.is_total_header(s)).count();
            let mut unsure = (other_totals > 0)
                .then(|| "more than one total column among the same headers".to_string());
            let mut part_cols = Vec::new();
            for s in &siblings {
                let mut direct: Vec<String> = group.to_vec();
                direct.push(s.clone());
                direct.extend(suffix.iter().cloned());
                if let Some(c) = find(&direct) {
                    part_cols.push(c);
                    continue;
                }
                // The sibling's own total column (公务用车购置及运行费/小计).
                let own_total = paths.iter().position(|q| {
                    q.len() == d + 2 + suffix.len()
                        && q[..d] == *group
                        && q[d] == *s
                        && v.is_total_header(&q[d + 1])
                        && q[d + 2..] == *suffix
                });
                // Else the sibling's leaf columns when none of them is a total (基本支出 over
                // 人员经费 | 公用经费): each figure is counted once.
                let leaves: Vec<usize> = paths
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| {
                        q.len() > d + 1 + suffix.len()
                            && q[..d] == *group
                            && q[d] == *s
                            && q[q.len() - suffix.len()..] == *suffix
                    })
                    .map(|(k, _)| k)
                    .collect();
                let leaves_clean = !leaves.is_empty()
                    && leaves.iter().all(|&k| {
                        let q = &paths[k];
                        q[d + 1..q.len() - suffix.len()]
                            .iter()
                            .all(|h| !v.is_total_header(h) && !v.is_of_which(h))
                            && !paths.iter().any(|o| o.len() > q.len() && o.starts_with(q))
                    });
                match own_total {
                    Some(k) => part_cols.push(cols[k]),
                    None if leaves_clean => part_cols.extend(leaves.iter().map(|&k| cols[k])),
                    None => {
                        unsure.get_or_insert_with(|| {
                            format!("the column {} has no figure to add for the total", s)
                        });
                    }
                }
            }
            let total_col = cols[i];
            if total_col != cols[i] || node.len() + suffix.len() != p.len() {
                continue;
            }
            for r in rows {
                let tt = Term::new(t, r, total_col);
                let parts: Vec<Term> = part_cols.iter().map(|&c| Term::new(t, r, c)).collect();
                let key = format!("sum|{}|row", tt.key());
                push_sum(ex, tt, &parts, "row", key, unsure.clone());
            }
            unsure = None;
            let _ = unsure;
        }
    }
    for f in &v.linkbase.row_formula {
        if !f.kinds.contains(&t.kind) {
            continue;
        }
        let col = |name: &str| -> Option<usize> {
            let i = t.column(name)?;
            cols.contains(&i).then_some(i)
        };
        let Some(result) = col(&f.result) else {
            continue;
        };
        let mut terms: Vec<(usize, bool)> = Vec::new();
        let mut missing = false;
        for n in &f.plus {
            match col(n) {
                Some(c) => terms.push((c, false)),
                None => missing = true,
            }
        }
        for n in &f.minus {
            match col(n) {
                Some(c) => terms.push((c, true)),
                None => missing = true,
            }
        }
        if missing {
            continue;
        }
        for r in rows {
            let tt = Term::new(t, r, result);
            let parts: Vec<Term> = terms
                .iter()
                .map(|&(c, minus)| Term {
                    minus,
                    ..Term::new(t, r, c)
                })
                .collect();
            let key = format!("sum|{}|row", tt.key());
            push_sum(ex, tt, &parts, "row", key, None);
        }
    }
}

/// Totals defined by codes (人员经费合计 = 301 + 303), from the linkbase.
fn code_totals(ex: &mut Extraction, t: &StdTable, v: &StdVocab) {
    for ct in &v.linkbase.code_total {
        if !ct.kinds.contains(&t.kind) {
            continue;
        }
        let Some(total) = t.rows.iter().find(|r| name_of(r) == ct.row) else {
            continue;
        };
        let tops: Vec<&StdRow> = t
            .rows
            .iter()
            .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
            .collect();
        let unknown: Vec<&str> = tops
            .iter()
            .filter_map(|r| r.code.as_deref())
            .filter(|c| !ct.codes.iter().any(|x| x == c) && !ct.others.iter().any(|x| x == c))
            .collect();
        let unsure = (!unknown.is_empty()).then(|| {
            format!(
                "classes {} belong to neither 人员经费 nor 公用经费 in the linkbase",
                unknown.join(", ")
            )
        });
        let parts: Vec<&StdRow> = dedup(
            tops.iter()
                .copied()
                .filter(|r| {
                    r.code
                        .as_deref()
                        .is_some_and(|c| ct.codes.iter().any(|x| x == c))
                })
                .collect(),
        );
        for (ci, col) in t.columns.iter().enumerate() {
            if col.panel != total.panel {
                continue;
            }
            let terms: Vec<Term> = parts
                .iter()
                .filter_map(|r| {
                    // The part's own panel's column with the same key.
                    let pc = t
                        .columns
                        .iter()
                        .position(|c| c.panel == r.panel && c.key == col.key)?;
                    Some(Term::new(t, r, pc))
                })
                .collect();
            let tt = Term::new(t, total, ci);
            let key = format!("sum|{}|col", tt.key());
            push_sum(ex, tt, &terms, "column", key, unsure.clone());
        }
    }
}

/// Grand totals of side-by-side panels that balance (收入总计 = 支出总计).
fn balances(ex: &mut Extraction, t: &StdTable, v: &StdVocab) {
    if t.panels < 2 {
        return;
    }
    let first_fact = |r: &StdRow| -> Option<usize> {
        r.values
            .iter()
            .position(|x| matches!(x, Some(CellValue::Fact(_))))
            .or_else(|| r.values.iter().position(Option::is_some))
    };
    for a in t.rows.iter().filter(|r| r.panel == 0) {
        for pair in &v.layout.balances {
            if name_of(a) != pair[0] {
                continue;
            }
            // The last panel's row on the same line with the partner name.
            let b = t
                .rows
                .iter()
                .rfind(|r| r.panel > 0 && r.grid_row == a.grid_row && name_of(r) == pair[1]);
            let Some(b) = b else { continue };
            let (Some(ca), Some(cb)) = (first_fact(a), first_fact(b)) else {
                continue;
            };
            push_equal(ex, Term::new(t, a, ca), Term::new(t, b, cb), "balance");
            // A panel with several value columns (财政拨款 支出: 合计 | 一般公共预算 …) balances
            // in its first (合计) column only.
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::StatementKind;

    // An unnumbered breakdown of 年初财政拨款结转和结余 that repeats the income lines' names is
    // summed into that line, not into 总计 beside it.
    #[test]
    fn unnumbered_breakdown_under_a_carryover_line() {
        let mut text = String::from("财政拨款收入支出决算总表\n\n单位：万元\n\n");
        for row in [
            ["项目", "决算数"],
            ["一般公共预算财政拨款", "10.00"],
            ["政府性基金预算财政拨款", "5.00"],
            ["本年收入合计", "15.00"],
            ["年初财政拨款结转和结余", "3.00"],
            ["一般公共预算财政拨款", "2.00"],
            ["政府性基金预算财政拨款", "1.00"],
            ["总计", "18.00"],
        ] {
            for c in row {
                text.push_str(&format!("\t{c}\n"));
            }
            text.push('\n');
        }
        let doc = crate::ingest::text::parse(&text);
        let set = crate::patterns::PatternSet::builtin().expect("patterns");
        let ex = crate::extract::extract(&doc, &set);
        let sums: Vec<(String, usize)> = ex
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::TableSum)
            .map(|s| (s.key.clone().unwrap_or_default(), s.facts.len()))
            .collect();
        let key = |row: &str| format!("sum|final.fin_summary!{row}@决算数|col");
        // 本年收入合计 = 2 lines; 年初 = its 2 lines; 总计 = 本年收入合计 + 年初.
        assert!(sums.contains(&(key("本年收入合计"), 3)), "{sums:?}");
        assert!(
            sums.contains(&(key("年初财政拨款结转和结余"), 3)),
            "{sums:?}"
        );
        assert!(sums.contains(&(key("总计"), 3)), "{sums:?}");
    }
}
