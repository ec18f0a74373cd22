//! Labels that span panels in a standard table of side-by-side panels (the Jiangsu
//! 收支预算总表: 收入 │ 功能分类 │ 支出用途). A closing line such as 当年支出小计 is printed once
//! across the two expenditure panels, its figure in the last value column; it is a line of
//! both panels, so both take that figure. Run by [`super::layout`] after the rows of every
//! panel are read: merged cells (DOCX, PDF, XLSX) show the span, the text convention does
//! not, and both readings must give the same rows.

use super::{CellValue, RowRole, StdTable};
use crate::document::Location;
use crate::extract::tables::GridRow;

/// The text convention cannot say that a label spans columns: "当年支出小计" over 功能分类 │
/// 支出用途 is printed in the first panel's label cell, the cells it covers blank, and its
/// figure in the last panel's value column, under no name. A nameless row of a later panel
/// whose nearest neighbour on its grid row is a total with no figure (or, in three panels,
/// any line with a name and no figure) takes that name, and the line its figure, as
/// [`link_spanned_labels`] reads a merged label.
pub(super) fn name_unprinted_spans(table: &mut StdTable) {
    for i in 0..table.rows.len() {
        let r = &table.rows[i];
        let nameless = r.name.is_empty() && r.code.is_none() && r.panel > 0;
        if !nameless {
            continue;
        }
        let facts: Vec<usize> = r
            .values
            .iter()
            .filter_map(|v| match v {
                Some(CellValue::Fact(f)) => Some(*f),
                _ => None,
            })
            .collect();
        let [fact] = facts.as_slice() else { continue };
        let (grid_row, panel) = (r.grid_row, r.panel);
        // The nearest panel to the left with a row on this grid row: a named line without
        // figures.
        let Some(owner) = table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, o)| o.grid_row == grid_row && o.panel < panel)
            .max_by_key(|(_, o)| o.panel)
            .map(|(j, _)| j)
        else {
            continue;
        };
        let o = &table.rows[owner];
        let blank = o
            .values
            .iter()
            .flatten()
            .all(|v| matches!(v, CellValue::Blank));
        // A line that is no total is read as spanning only where expenditure panels share
        // their closing lines (three panels: 结转下年资金 over 功能分类 │ 支出用途); in two
        // panels a name missing on the right is more likely than a span.
        let total = matches!(o.role, RowRole::Total | RowRole::GrandTotal);
        if o.name.is_empty() || o.code.is_some() || !blank || !(total || table.panels >= 3) {
            continue;
        }
        let own: Vec<usize> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.panel == o.panel)
            .map(|(k, _)| k)
            .collect();
        let [own_col] = own.as_slice() else { continue };
        let base = o
            .key
            .split_once(':')
            .map_or(o.key.as_str(), |(_, k)| k)
            .to_string();
        let (name, role, level) = (o.name.clone(), o.role, o.level);
        table.rows[owner].values[*own_col] = Some(CellValue::Fact(*fact));
        let r = &mut table.rows[i];
        r.key = format!("{}:{base}", panel + 1);
        r.name = name;
        r.role = role;
        r.level = level;
        r.unsure = None;
    }
}

/// A line whose label spans into the next panel (当年支出小计, 结转下年资金 over 功能分类 │
/// 支出用途) prints its figure once, in the last panel it spans: it is a line of each panel
/// it spans, so the other panels' rows take that figure.
pub(super) fn link_spanned_labels(table: &mut StdTable, data: &[(GridRow, Location)]) {
    let n = table.rows.len();
    for i in 0..n {
        let r = &table.rows[i];
        if r.name.is_empty() {
            continue;
        }
        let has_fact = r
            .values
            .iter()
            .any(|v| matches!(v, Some(CellValue::Fact(_))));
        if has_fact {
            continue;
        }
        // The same grid row in a later panel with the same name and a figure.
        let (grid_row, name, panel) = (r.grid_row, r.name.clone(), r.panel);
        let spans = data.iter().any(|(g, _)| {
            g.index == grid_row
                && g.slots.iter().any(|s| {
                    !s.cont
                        && s.span > 1
                        && s.text
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .collect::<String>()
                            == name
                })
        });
        if !spans {
            continue;
        }
        let donor = table.rows.iter().find(|o| {
            o.grid_row == grid_row
                && o.panel > panel
                && o.name == name
                && o.values
                    .iter()
                    .any(|v| matches!(v, Some(CellValue::Fact(_))))
        });
        let Some(fact) = donor.and_then(|d| {
            d.values.iter().find_map(|v| match v {
                Some(CellValue::Fact(f)) => Some(*f),
                _ => None,
            })
        }) else {
            continue;
        };
        let own: Vec<usize> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.panel == panel)
            .map(|(i, _)| i)
            .collect();
        if own.len() == 1 {
            table.rows[i].values[own[0]] = Some(CellValue::Fact(fact));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The text's 当年支出小计 over 功能分类 │ 支出用途 (its figure in the last column, under no
    // name) closes both panels with its one figure, as the merged label of a workbook does.
    #[test]
    fn unprinted_span_closes_both_panels() {
        let rows = [
            ["收入", "收入", "支出", "支出", "支出", "支出"],
            ["项目", "金额", "功能分类", "金额", "支出用途", "金额"],
            [
                "一般公共预算拨款收入",
                "5",
                "一般公共服务支出",
                "3",
                "基本支出",
                "4",
            ],
            ["单位资金收入", "1", "住房保障支出", "3", "项目支出", "2"],
            ["", "", "", "", "单位预留机动经费", "0"],
            ["本年收入合计", "6", "当年支出小计", "", "", "6"],
            ["上年结转", "0", "结转下年资金", "", "", "0"],
            ["收入总计", "6", "支出合计", "", "", "6"],
        ];
        let mut text = String::from("收支预算总表\n\n单位：万元\n\n");
        for r in rows {
            for c in r {
                text.push_str(&format!("\t{c}\n"));
            }
            text.push('\n');
        }
        let doc = crate::ingest::text::parse(&text);
        let set = crate::patterns::PatternSet::builtin().expect("patterns");
        let ex = crate::extract::extract(&doc, &set);
        let t = &ex.std_tables[0];
        let figure = |key: &str| {
            let r = t.rows.iter().find(|r| r.key == key).expect(key);
            r.values.iter().flatten().find_map(|v| match v {
                CellValue::Fact(f) => Some(ex.facts[*f].stated.clone()),
                _ => None,
            })
        };
        assert_eq!(figure("2:当年支出小计").as_deref(), Some("6"));
        assert_eq!(figure("3:当年支出小计").as_deref(), Some("6"));
        assert_eq!(figure("2:支出合计").as_deref(), Some("6"));
        assert_eq!(figure("3:支出合计").as_deref(), Some("6"));
        assert_eq!(figure("2:结转下年资金").as_deref(), Some("0"));
        let unsure: Vec<(&str, &Option<String>)> = t
            .rows
            .iter()
            .filter(|r| r.unsure.is_some())
            .map(|r| (r.key.as_str(), &r.unsure))
            .collect();
        assert!(unsure.is_empty(), "{unsure:?}");
        let sums: Vec<&str> = ex
            .statements
            .iter()
            .filter_map(|s| s.key.as_deref())
            .filter(|k| k.contains("当年支出小计"))
            .collect();
        assert_eq!(
            sums,
            vec![
                "sum|budget.summary!2:当年支出小计@支出/金额|col",
                "sum|budget.summary!3:当年支出小计@支出/金额|col"
            ]
        );
        // 收入总计 │ 支出合计 balance.
        assert!(ex.statements.iter().any(|s| s
            .detail
            .as_deref()
            .is_some_and(|d| d.starts_with("balance"))));
    }
}
