//! The text's figures bound to table cells (情况说明 ↔ 公开表).
//!
//! An amount of the text that names a table row — a classification line of the text
//! ("住房保障支出（类）住房改革支出（款）住房公积金（项）350.35万元" names the row 住房公积金) or a
//! figure labelled exactly as a row is named, or with the concept of a row's name
//! (patterns/concepts.toml) — is compared with the cells of the rows of that
//! name. Which table and column the text means (财政拨款 or all funds, 预算数 or 决算数) is
//! rarely printed, so the binding is the cell whose value is nearest: when one of them
//! agrees with the text within rounding, the relation is checked (and holds). When none
//! does, the relation is not checkable, with the nearest cell (the text may mean a figure
//! the tables do not print) — unless the figure is off only in its last digits (fewer than
//! [`NEAR_UNITS`] units of its last printed digit) from one value the rows print, every other
//! value they print far off: then it is that value misprinted or mis-rounded, and checked.
//!
//! A numbered 项 item under a lead-in that names its fund scope ("财政拨款支出主要内容如下：",
//! `[[text.scoped_lists]]`) does say which figure it means: that scope's cell of the 项.
//! When the tables print that cell, the item is checked against it: an item figure no cell
//! of the 项 holds is an error, or a warning when it is another row's figure (the 款 total
//! under a 项 name; [`Role::Namesake`]).

use super::vocab::{norm, ScopedList, StdVocab, TextWords};
use super::{CellValue, RowRole, StdTable};
use crate::document::{BlockKind, Document};
use crate::extract::{Extraction, Fact, FactKind, Role, Statement, StatementKind};
use crate::patterns::PatternSet;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A cell of a standard table: table, row, column, fact.
#[derive(Clone, Copy)]
struct Cell {
    table: usize,
    row: usize,
    col: usize,
    fact: usize,
}

/// Emits the text ↔ table relations.
pub fn build(
    ex: &mut Extraction,
    doc: &Document,
    tables: &[StdTable],
    vocab: &StdVocab,
    patterns: &PatternSet,
) {
    // Row name → its cells holding figures; concept id (patterns/concepts.toml) → the cells of
    // the rows named by one of its labels.
    let mut by_name: HashMap<String, Vec<Cell>> = HashMap::new();
    let mut by_concept: HashMap<String, Vec<Cell>> = HashMap::new();
    // Column name (last level of its header) → the cells of that column in total rows (or
    // the only row): 基本支出 in a 支出预算总表 is the 合计 row's 基本支出 cell.
    let mut by_column: HashMap<String, Vec<Cell>> = HashMap::new();
    for (ti, t) in tables.iter().enumerate() {
        let single = t.rows.iter().filter(|r| r.unsure.is_none()).count() == 1;
        for (ri, r) in t.rows.iter().enumerate() {
            if r.unsure.is_some() {
                continue;
            }
            let total_row = single || matches!(r.role, RowRole::Total | RowRole::GrandTotal);
            let concept = (!r.name.is_empty())
                .then(|| patterns.concept_of(&r.name).map(|c| c.id.clone()))
                .flatten();
            for (ci, v) in r.values.iter().enumerate() {
                if let Some(CellValue::Fact(f)) = v {
                    let cell = Cell {
                        table: ti,
                        row: ri,
                        col: ci,
                        fact: *f,
                    };
                    if !r.name.is_empty() {
                        by_name.entry(norm(&r.name)).or_default().push(cell);
                    }
                    if let Some(c) = &concept {
                        by_concept.entry(c.clone()).or_default().push(cell);
                    }
                    if total_row {
                        let key = column_key(t, ci);
                        let last = key.rsplit('/').next().unwrap_or("");
                        if !last.is_empty() && !vocab.text.total_columns.iter().any(|w| w == last) {
                            by_column.entry(last.to_string()).or_default().push(cell);
                        }
                    }
                }
            }
        }
    }
    if by_name.is_empty() {
        return;
    }
    shares(ex, tables, vocab, patterns);
    let n = ex.facts.len();
    for fi in 0..n {
        let f = &ex.facts[fi];
        if f.cell.is_some() || f.location.row.is_some() || f.kind != FactKind::Amount {
            continue;
        }
        let Some(wan) = f.value_wan else { continue };
        let page = f.location.page;
        let names = named_rows(f, &vocab.text);
        let name = names.first().cloned();
        let mut cells: Vec<Cell> = Vec::new();
        if let Some((kuan, xiang)) = kuan_xiang(&f.label) {
            // "法院（款）行政运行（项）支出": the 项 rows whose parent row is that 款.
            cells.extend(
                by_name
                    .get(&xiang)
                    .into_iter()
                    .flatten()
                    .filter(|c| parent_named(&tables[c.table], c.row, &kuan))
                    .copied(),
            );
        } else {
            let by_label = names.iter().find_map(|n| {
                let hits: Vec<Cell> = by_name
                    .get(n)
                    .into_iter()
                    .chain(by_column.get(n))
                    .flatten()
                    .copied()
                    .collect();
                (!hits.is_empty()).then_some(hits)
            });
            let concept = f
                .concept
                .clone()
                .filter(|c| !c.starts_with("func:"))
                .or_else(|| {
                    names
                        .iter()
                        .find_map(|n| patterns.concept_of(n).map(|c| c.id.clone()))
                });
            let by_id = concept.as_ref().and_then(|c| by_concept.get(c));
            cells.extend(by_label.into_iter().flatten());
            cells.extend(by_id.into_iter().flatten().copied());
            if cells.is_empty() {
                cells = fused_kuan_xiang(&f.label, &by_name, tables);
            }
        }
        if cells.is_empty() {
            continue;
        }
        let name = name.unwrap_or_else(|| f.concept.clone().unwrap_or_default());
        // The nearest cell in 万元.
        let nearest = cells
            .iter()
            .filter_map(|c| {
                let cf = ex.facts.get(c.fact)?;
                Some(((cf.value_wan? - wan).abs(), *c))
            })
            .min_by(|a, b| a.0.cmp(&b.0));
        let Some((gap, cell)) = nearest else { continue };
        let Some(cf) = ex.facts.get(cell.fact) else {
            continue;
        };
        let slack = half_wan(f) + half_wan(cf);
        // A figure off only in its last digits from one value the named rows print, every
        // other value they print far off, is that value misprinted or mis-rounded
        // (12,323.46 against 12,323.48; 87.70 against 877,080 元): the binding is certain.
        let unit = half_wan(f) * Decimal::TWO;
        let near = gap <= unit * NEAR_UNITS
            && cells.iter().all(|c| {
                ex.facts
                    .get(c.fact)
                    .and_then(|x| x.value_wan)
                    .is_none_or(|v| {
                        v == cf.value_wan.unwrap_or(v) || (v - wan).abs() > unit * FAR_UNITS
                    })
            });
        let mut unsure = (gap > slack && !near).then(|| {
            format!(
                "no cell of the rows named {name} holds this figure (nearest: {} {}); which table and column the text means is not certain",
                cf.stated, cf.unit
            )
        });
        // A 项 item of a list whose lead-in names its scope: that scope's cell, if printed.
        let mut cell = cell;
        let mut namesake = None;
        if unsure.is_some() {
            if let Some(list) = item_scope(doc, f, &vocab.text) {
                let scoped: Vec<Cell> = cells
                    .iter()
                    .filter(|c| in_scope(&tables[c.table], c.col, list, vocab))
                    .copied()
                    .collect();
                let values: Vec<Decimal> = scoped
                    .iter()
                    .filter_map(|c| ex.facts.get(c.fact).and_then(|x| x.value_wan))
                    .collect();
                if let (Some(first), true) = (
                    scoped.first(),
                    !values.is_empty() && values.iter().all(|v| Some(v) == values.first()),
                ) {
                    cell = *first;
                    unsure = None;
                    namesake = namesake_of(ex, tables, *first, f);
                }
            }
        }
        let t = &tables[cell.table];
        let r = &t.rows[cell.row];
        let col = &t.columns[cell.col].key;
        let mut figure = crate::number::plain_decimal(f.value, f.decimals);
        if figure.starts_with('-') {
            figure.remove(0);
        }
        let key = page.map(|p| format!("text|p{p}|{figure}"));
        let quote = format!("{}\n{}：{}", f.quote, norm(&t.title), r.quote);
        let location = f.location.clone();
        let detail = format!("text|{} = {}!{}@{col}", f.label, t.kind, r.key);
        let (mut facts, mut roles) = (vec![fi, cell.fact], vec![Role::Part, Role::Total]);
        if let Some(other) = namesake {
            facts.push(other);
            roles.push(Role::Namesake);
        }
        ex.push_statement(Statement {
            detail: Some(detail),
            key,
            unsure,
            ..Statement::new(StatementKind::TextTable, facts, roles, quote, location)
        });
    }
    restatements(ex);
}

/// A text figure this many units of its last printed digit from a cell of the rows it names
/// (and no other cell of theirs within [`FAR_UNITS`]) is that cell's figure misprinted.
const NEAR_UNITS: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

/// How far every other value of the named rows must be for a near figure to bind.
const FAR_UNITS: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// A text figure restating an item's heading figure ("2024年预算安排352.67万元" under "X（项）
/// 350.35万元") is compared with the cell the heading is bound to. When the heading agrees
/// with the cell and the restatement does not, the binding is certain (the same item, the same
/// year) and a mismatch is checked; otherwise a mismatch is not checkable.
fn restatements(ex: &mut Extraction) {
    let pairs = ex.restates.clone();
    for (level, head) in pairs {
        let Some(hs) = ex
            .statements
            .iter()
            .find(|s| s.kind == StatementKind::TextTable && s.facts.first() == Some(&head))
        else {
            continue;
        };
        let (Some(&cell), head_holds) = (hs.facts.get(1), hs.unsure.is_none()) else {
            continue;
        };
        let (Some(lf), Some(cf), Some(hf)) =
            (ex.facts.get(level), ex.facts.get(cell), ex.facts.get(head))
        else {
            continue;
        };
        let (Some(lw), Some(cw)) = (lf.value_wan, cf.value_wan) else {
            continue;
        };
        let holds = (lw - cw).abs() <= half_wan(lf) + half_wan(cf);
        let unsure = (!holds && !head_holds).then(|| {
            format!(
                "neither this figure nor the item's heading figure ({} {}) is the table's ({} {})",
                hf.stated, hf.unit, cf.stated, cf.unit
            )
        });
        let mut figure = crate::number::plain_decimal(lf.value, lf.decimals);
        if figure.starts_with('-') {
            figure.remove(0);
        }
        let key = lf.location.page.map(|p| format!("text|p{p}|{figure}"));
        let quote = format!("{}\n{}", lf.quote, hs.quote.lines().last().unwrap_or(""));
        let detail = format!(
            "text|{} (restating {} {}) = {}",
            lf.label,
            hf.label,
            hf.stated,
            hs.detail
                .as_deref()
                .and_then(|d| d.rsplit(" = ").next())
                .unwrap_or("")
        );
        let location = lf.location.clone();
        ex.push_statement(Statement {
            detail: Some(detail),
            key,
            unsure,
            ..Statement::new(
                StatementKind::TextTable,
                vec![level, cell],
                vec![Role::Part, Role::Total],
                quote,
                location,
            )
        });
    }
}

/// Shares whose base the text names but prints only in the tables ("因公出国（境）费支出222.5
/// 万元，占“三公”经费的8.75%"; the 三公经费 小计 is a cell): the base becomes that cell and the
/// share is keyed `share|pN|rate`. The base is the cell of a column named so (or its 小计/合计)
/// in a total or single row, or of a row named so (or of its concept) in a total column; the
/// cells found must all print one figure, else the share is not checkable, with the figures.
fn shares(ex: &mut Extraction, tables: &[StdTable], vocab: &StdVocab, patterns: &PatternSet) {
    if !ex.statements.iter().any(|s| {
        s.kind == StatementKind::Share
            && s.detail
                .as_deref()
                .is_some_and(|d| d.starts_with(crate::extract::narrative::BASE_NAMED))
    }) {
        return;
    }
    // Every cell once, with its row's and column's names normalised.
    struct Slot {
        table: usize,
        fact: usize,
        total_row: bool,
        total_col: bool,
        row_name: String,
        row_concept: Option<String>,
        col_key: String,
    }
    let mut slots: Vec<Slot> = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        let keys: Vec<String> = (0..t.columns.len()).map(|ci| column_key(t, ci)).collect();
        let single = t.rows.iter().filter(|r| r.unsure.is_none()).count() == 1;
        for r in t.rows.iter().filter(|r| r.unsure.is_none()) {
            let total_row = single || matches!(r.role, RowRole::Total | RowRole::GrandTotal);
            let row_name = if r.name.is_empty() {
                String::new()
            } else {
                norm(&r.name)
            };
            let row_concept = (!r.name.is_empty())
                .then(|| patterns.concept_of(&r.name).map(|c| c.id.clone()))
                .flatten();
            for (ci, v) in r.values.iter().enumerate() {
                let Some(CellValue::Fact(f)) = v else {
                    continue;
                };
                let col_key = keys.get(ci).cloned().unwrap_or_default();
                let total_col = ci == 0
                    || col_key
                        .rsplit('/')
                        .next()
                        .is_some_and(|h| vocab.is_total_header(h));
                slots.push(Slot {
                    table: ti,
                    fact: *f,
                    total_row,
                    total_col,
                    row_name: row_name.clone(),
                    row_concept: row_concept.clone(),
                    col_key,
                });
            }
        }
    }
    for si in 0..ex.statements.len() {
        let st = &ex.statements[si];
        if st.kind != StatementKind::Share || st.fact(Role::Base).is_some() {
            continue;
        }
        let Some(name) = st
            .detail
            .as_deref()
            .and_then(|d| d.strip_prefix(crate::extract::narrative::BASE_NAMED))
        else {
            continue;
        };
        let name = base_name(name);
        let (Some(part), Some(rate)) = (st.fact(Role::Part), st.fact(Role::Rate)) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let concept = patterns.concept_of(&name).map(|c| c.id.clone());
        // (table, cell fact, in a total column)
        let mut found: Vec<(usize, usize, bool)> = Vec::new();
        for sl in &slots {
            let row_named = !sl.row_name.is_empty()
                && (sl.row_name == name || concept.is_some() && sl.row_concept == concept);
            let col_named = sl.col_key == name
                || sl
                    .col_key
                    .strip_prefix(name.as_str())
                    .and_then(|rest| rest.strip_prefix('/'))
                    .is_some_and(|sub| vocab.text.base_subtotals.iter().any(|w| w == sub));
            if col_named && sl.total_row {
                found.push((sl.table, sl.fact, true));
            } else if row_named {
                found.push((sl.table, sl.fact, sl.total_col));
            }
        }
        let distinct = |cells: &[(usize, usize, bool)]| {
            let mut v: Vec<Decimal> = cells
                .iter()
                .filter_map(|c| ex.facts.get(c.1).and_then(|f| f.value_wan))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let mut values = distinct(&found);
        if values.len() > 1 {
            let totals: Vec<_> = found.iter().copied().filter(|c| c.2).collect();
            let tv = distinct(&totals);
            if tv.len() == 1 {
                found = totals;
                values = tv;
            }
        }
        let Some(&(bt, base, _)) = found.first() else {
            continue;
        };
        let (Some(rf), Some(bf)) = (ex.facts.get(rate), ex.facts.get(base)) else {
            continue;
        };
        let figure = crate::number::plain_decimal(rf.value, rf.decimals);
        let key = st
            .location
            .page
            .or(rf.location.page)
            .map(|page| format!("share|p{page}|{figure}%"));
        let quote = format!("{}\n{}：{}", st.quote, norm(&tables[bt].title), bf.quote);
        let unsure = (values.len() > 1).then(|| {
            let shown: Vec<String> = values.iter().map(|v| v.normalize().to_string()).collect();
            format!(
                "the tables print several figures named {name} ({} 万元); which is the base is not certain",
                shown.join(", ")
            )
        });
        // The part as the base's table prints it, when one cell of that table names it and
        // agrees with the text within rounding (the table's precision, not the text's).
        let part_cell = values
            .len()
            .eq(&1)
            .then(|| part_in_table(ex, &tables[bt], part))
            .flatten();
        let st = &mut ex.statements[si];
        if let Some(pc) = part_cell {
            if let Some(i) = st.roles.iter().position(|r| *r == Role::Part) {
                st.facts[i] = pc;
            }
        }
        st.facts.insert(1, base);
        st.roles.insert(1, Role::Base);
        st.detail = Some(format!("share of {name}: the base is a table cell"));
        st.quote = quote;
        st.key = key;
        st.unsure = unsure;
    }
}

/// A column's key, normalised, without a leading '/'.
fn column_key(t: &StdTable, ci: usize) -> String {
    let key = t.columns.get(ci).map(|c| norm(&c.key)).unwrap_or_default();
    key.trim_start_matches('/').to_string()
}

/// The one cell of `t` whose row name or column (last level) is named in the text part's
/// label and whose figure agrees with the part within rounding.
fn part_in_table(ex: &Extraction, t: &StdTable, part: usize) -> Option<usize> {
    let pf = ex.facts.get(part)?;
    let wan = pf.value_wan?;
    let label = norm(&pf.label);
    let label = label.trim_end_matches("支出");
    let mut hits = Vec::new();
    for r in t.rows.iter().filter(|r| r.unsure.is_none()) {
        for (ci, v) in r.values.iter().enumerate() {
            let Some(CellValue::Fact(f)) = v else {
                continue;
            };
            let key = column_key(t, ci);
            let col = key.rsplit('/').next().unwrap_or("");
            let rname = norm(&r.name);
            let named = (!col.is_empty() && label.ends_with(col))
                || (!rname.is_empty() && label.ends_with(rname.trim_end_matches("支出")));
            let Some(cf) = ex.facts.get(*f) else { continue };
            let agrees = cf
                .value_wan
                .is_some_and(|cv| (cv - wan).abs() <= half_wan(pf) + half_wan(cf));
            if named && agrees {
                hits.push(*f);
            }
        }
    }
    hits.dedup();
    match hits.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// A base as the text names it, in the tables' spelling: quotes and a trailing 的 dropped.
fn base_name(s: &str) -> String {
    let n = norm(s);
    let n = n.trim_end_matches('的');
    n.trim_start_matches(['占', '的']).to_string()
}

/// The row names a text figure may name, most likely first: the deepest level of its
/// classification path (and, for a 类 named without 支出, the name with it: 一般公共服务 →
/// 一般公共服务支出), or its label when the label is a row name by itself, also without a
/// value word after it ("基本支出/预算数" → 基本支出).
fn named_rows(f: &Fact, words: &TextWords) -> Vec<String> {
    if let Some(path) = f.concept.as_deref().and_then(|c| c.strip_prefix("func:")) {
        let Some(last) = path.rsplit('/').next().map(norm) else {
            return Vec::new();
        };
        let mut out = vec![last.clone()];
        if !path.contains('/') && !last.ends_with("支出") {
            out.push(format!("{last}支出"));
        }
        return out;
    }
    let label = norm(&f.label);
    let label = match label.split_once('/') {
        Some((head, tail)) if words.value_words.iter().any(|w| w == tail) => head.to_string(),
        _ => label,
    };
    if label.is_empty() || label.contains('/') {
        return Vec::new();
    }
    // The budget genre names a total with 预算 inside (本年支出预算合计, 收入预算总计): the
    // tables' row is the name without it.
    let mut out = vec![label.clone()];
    let add = |n: String, out: &mut Vec<String>| {
        if !n.is_empty() && !out.contains(&n) {
            out.push(n);
        }
    };
    add(strip_budget_word(&label, words), &mut out);
    // Without the scope the text puts before the name (财政拨款基本支出 → 基本支出) and
    // without 支出 after it (公务接待费支出 → the 公务接待费 column): more candidates only,
    // since a figure is bound to a cell only when the cell holds it.
    for i in 0..out.len() {
        let n = out[i].clone();
        let unscoped = words
            .scope_prefixes
            .iter()
            .find_map(|p| n.strip_prefix(p.as_str()))
            .map(str::to_string);
        if let Some(u) = &unscoped {
            add(u.clone(), &mut out);
        }
        for m in [Some(n), unscoped].into_iter().flatten() {
            if let Some(bare) = m.strip_suffix("支出").filter(|b| b.chars().count() >= 2) {
                add(bare.to_string(), &mut out);
            }
        }
    }
    out
}

/// The name without the word 预算 where it says "budgeted" (本年支出预算合计 → 本年支出合计),
/// keeping it in the names of the funds (一般公共预算, 政府性基金预算, 国有资本经营预算: after a
/// `fund_heads` word of `[text]`).
fn strip_budget_word(name: &str, words: &TextWords) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(i) = rest.find("预算") {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let fund = words.fund_heads.iter().any(|w| out.ends_with(w.as_str()));
        if fund {
            out.push_str("预算");
        }
        rest = &tail["预算".len()..];
    }
    out.push_str(rest);
    out
}

/// "法院（款）行政运行（项）支出": the 款 and 项 names of a path printed without its 类. The
/// markers （类）（款）（项） and the suffix 支出 are the grammar of the classification's names
/// (政府收支分类科目), not a phrasing, and stay in code.
fn kuan_xiang(label: &str) -> Option<(String, String)> {
    let l = norm(label);
    let (kuan, rest) = l.split_once("（款）")?;
    let (xiang, _) = rest.split_once("（项）")?;
    let kuan = kuan
        .rsplit(['）', '、', '.', '．'])
        .next()
        .unwrap_or(kuan)
        .trim();
    if kuan.is_empty() || xiang.is_empty() || kuan.contains("（类）") {
        return None;
    }
    Some((kuan.to_string(), xiang.to_string()))
}

/// Whether the row's parent (the nearest row above it one level up) is named `name` (or
/// `name`支出).
fn parent_named(t: &StdTable, row: usize, name: &str) -> bool {
    let Some(r) = t.rows.get(row) else {
        return false;
    };
    if r.level == 0 {
        return false;
    }
    let parent = t.rows[..row]
        .iter()
        .rev()
        .find(|p| p.level + 1 == r.level && p.panel == r.panel);
    parent.is_some_and(|p| {
        let n = norm(&p.name);
        n == name || n.strip_suffix("支出") == Some(name) || name.strip_suffix("支出") == Some(&n)
    })
}

/// "人大事务行政运行（项）支出": a 项 named together with its 款 and without the 款's marker.
/// The cells of the 项 rows whose name ends the label and whose parent row's name is the rest.
fn fused_kuan_xiang(
    label: &str,
    by_name: &HashMap<String, Vec<Cell>>,
    tables: &[StdTable],
) -> Vec<Cell> {
    let l = norm(label);
    let Some((head, after)) = l.rsplit_once("（项）") else {
        return Vec::new();
    };
    if !(after.is_empty() || after == "支出") || head.contains('（') {
        return Vec::new();
    }
    let head = head.trim_start_matches(|c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．' | '、')
    });
    let mut out = Vec::new();
    for (name, cells) in by_name {
        let Some(kuan) = head.strip_suffix(name.as_str()) else {
            continue;
        };
        if kuan.is_empty() {
            continue;
        }
        out.extend(
            cells
                .iter()
                .filter(|c| parent_named(&tables[c.table], c.row, kuan))
                .copied(),
        );
    }
    out.sort_by_key(|c| (c.table, c.row, c.col));
    out
}

/// The fund scope of a numbered 项 item ("7.“…（项）”87.36万元"): the paragraph before its
/// list — past the other items, short group headings ("一般公共服务") and page numbers — is a
/// lead-in ending with "：" whose words name a scope of `[[text.scoped_lists]]`. A table or
/// any other paragraph first: no scope.
fn item_scope<'v>(doc: &Document, f: &Fact, words: &'v TextWords) -> Option<&'v ScopedList> {
    if words.scoped_lists.is_empty() {
        return None;
    }
    let label = norm(&f.label);
    let (_, after) = label.rsplit_once("（项）")?;
    if !(after.is_empty() || after == "支出") {
        return None;
    }
    let block = f.location.block;
    let para = |i: usize| match doc.blocks.get(i).map(|b| &b.kind) {
        Some(BlockKind::Paragraph(p)) => Some(p.text.trim()),
        _ => None,
    };
    if !item_numbered(para(block)?) {
        return None;
    }
    for i in (block.saturating_sub(60)..block).rev() {
        let text = para(i)?;
        if item_numbered(text) || group_heading(text) || page_number(text) {
            continue;
        }
        if !text.ends_with(['：', ':']) {
            return None;
        }
        let lead = norm(text);
        return words
            .scoped_lists
            .iter()
            .find(|l| l.lead_words.iter().any(|w| lead.contains(w.as_str())));
    }
    None
}

/// Whether a paragraph starts with an item number ("7.", "12．", "3、").
fn item_numbered(text: &str) -> bool {
    let digits = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    (1..=2).contains(&digits)
        && matches!(text.chars().nth(digits), Some('.' | '．' | '、'))
        && !text
            .chars()
            .nth(digits + 1)
            .is_some_and(|c| c.is_ascii_digit())
}

/// A short heading inside a list ("一般公共服务"): no figure, no sentence end.
fn group_heading(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 16
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !text.ends_with(['：', ':', '。', '；', ';', '，', ','])
}

/// A page number line ("- 7 -", "7", "第7页").
fn page_number(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 12
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '–' | ' ' | '第' | '页' | '/'))
}

/// Whether column `col` of `t` holds the scope's figures (`kind` = its total column,
/// `kind@name` = the column whose header ends with name).
fn in_scope(t: &StdTable, col: usize, list: &ScopedList, vocab: &StdVocab) -> bool {
    let key = column_key(t, col);
    let last = key.rsplit('/').next().unwrap_or("");
    list.cells.iter().any(|sel| match sel.split_once('@') {
        Some((kind, name)) => kind == t.kind && last == name,
        None => sel == &t.kind && (col == 0 || vocab.is_total_header(last)),
    })
}

/// The cell of another row that holds the text figure: in the bound cell's column, the
/// nearest row above it that does (usually its 款 or 类), else any row of any table.
fn namesake_of(ex: &Extraction, tables: &[StdTable], bound: Cell, f: &Fact) -> Option<usize> {
    let wan = f.value_wan?;
    let holds = |fact: usize| {
        ex.facts.get(fact).is_some_and(|x| {
            x.value_wan
                .is_some_and(|v| (v - wan).abs() <= half_wan(f) + half_wan(x))
        })
    };
    let t = &tables[bound.table];
    let above = t.rows[..bound.row]
        .iter()
        .rev()
        .find_map(|r| match r.values.get(bound.col) {
            Some(Some(CellValue::Fact(x))) if r.unsure.is_none() && holds(*x) => Some(*x),
            _ => None,
        });
    above.or_else(|| {
        tables.iter().enumerate().find_map(|(ti, t)| {
            t.rows.iter().enumerate().find_map(|(ri, r)| {
                if r.unsure.is_some() || (ti == bound.table && ri == bound.row) {
                    return None;
                }
                r.values.iter().find_map(|v| match v {
                    Some(CellValue::Fact(x)) if holds(*x) => Some(*x),
                    _ => None,
                })
            })
        })
    })
}

/// Half a unit of the figure's last printed digit, in 万元.
fn half_wan(f: &Fact) -> Decimal {
    let half = Decimal::new(5, f.decimals.saturating_add(1).min(27));
    match f.unit.as_str() {
        "元" => half / Decimal::from(10_000),
        "亿元" => half * Decimal::from(10_000),
        _ => half,
    }
}
