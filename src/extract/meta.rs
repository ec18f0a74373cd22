//! Department and fiscal year, recognised with the meta.toml patterns: from the title
//! ("昌吉回族自治州民政局2024年度部门决算公开说明" → 昌吉回族自治州民政局, 2024), else from a
//! 单位名称 cell's right neighbour, else the first "2024年度" anywhere.

use super::Extraction;
use crate::document::{BlockKind, Document};
use crate::patterns::PatternSet;

/// Paragraphs at the start of a document searched for the title.
const TITLE_BLOCKS: usize = 8;

/// Fills `ex.department`, `ex.year` and, from the title, `ex.scope` (部门 or 单位, 决算 or
/// 预算) from the document text.
pub fn recognise(doc: &Document, patterns: &PatternSet, ex: &mut Extraction) {
    let field = |name: &'static str| {
        patterns
            .with_prefix("meta.")
            .filter(move |p| p.emit("field") == Some(name))
    };
    let paras: Vec<&str> = doc
        .blocks
        .iter()
        .take(TITLE_BLOCKS)
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some(p.text.as_str()),
            BlockKind::Table(_) => None,
        })
        .collect();
    'title: for (i, p) in paras.iter().enumerate() {
        // Alone, then joined with the next paragraph (a title split over two lines).
        let mut candidates = vec![crate::number::normalize(p)];
        if let Some(next) = paras.get(i + 1) {
            candidates.push(crate::number::normalize(&format!(
                "{}{}",
                p.trim(),
                next.trim()
            )));
        }
        for norm in &candidates {
            for pat in field("title").chain(field("department_field")) {
                let Some(c) = pat.regex.captures(norm) else {
                    continue;
                };
                let dep = c
                    .name("department")
                    .map(|m| m.as_str().trim().to_string())
                    .filter(|d| plausible_department(d));
                let year = c.name("year").and_then(|m| m.as_str().parse::<i32>().ok());
                let word = |g: &str| c.name(g).map(|m| m.as_str().to_string());
                if ex.scope.entity.is_none() {
                    ex.scope.entity = word("entity");
                }
                if ex.scope.kind.is_none() {
                    ex.scope.kind = word("kind");
                }
                if ex.department.is_none() {
                    ex.department = dep;
                }
                if ex.year.is_none() {
                    ex.year = year;
                }
            }
            if ex.department.is_some() && ex.year.is_some() {
                break 'title;
            }
        }
    }
    // A cover line without the department (上海市2025年市级单位预算) still says who discloses
    // what.
    for p in &paras {
        if ex.scope.entity.is_some() && ex.scope.kind.is_some() {
            break;
        }
        let norm = crate::number::normalize(p);
        if let Some(c) = field("scope").find_map(|pat| pat.regex.captures(&norm)) {
            let word = |g: &str| c.name(g).map(|m| m.as_str().to_string());
            if ex.scope.entity.is_none() {
                ex.scope.entity = word("entity");
            }
            if ex.scope.kind.is_none() {
                ex.scope.kind = word("kind");
            }
        }
    }
    if ex.department.is_some() && ex.year.is_some() {
        return;
    }
    if ex.department.is_none() {
        'tables: for block in &doc.blocks {
            let BlockKind::Table(t) = &block.kind else {
                continue;
            };
            for row in &t.rows {
                for (i, cell) in row.cells.iter().enumerate() {
                    let norm = crate::number::normalize(&cell.text);
                    if field("unit_label").any(|p| p.regex.is_match(&norm)) {
                        let next = row.cells.iter().skip(i + 1).find(|c| {
                            !c.text.trim().is_empty() && c.merged_from != Some((0, cell.col))
                        });
                        if let Some(n) = next {
                            ex.department = Some(n.text.trim().to_string());
                            break 'tables;
                        }
                    }
                }
            }
        }
    }
    if ex.year.is_none() {
        let text = crate::number::normalize(&doc.plain_text());
        for pat in field("year") {
            if let Some(y) = pat
                .regex
                .captures(&text)
                .and_then(|c| c.name("year").and_then(|m| m.as_str().parse::<i32>().ok()))
            {
                ex.year = Some(y);
                break;
            }
        }
    }
}

/// A department name, not a heading caught by a title pattern: not 第…部分 nor 目录, and
/// not empty.
fn plausible_department(d: &str) -> bool {
    // A guard on what the meta.toml title patterns return (a heading's shape), not a phrasing.
    let heading = d.starts_with('第') && d.contains("部分");
    !d.is_empty() && !heading && !d.contains("目录")
}

#[cfg(test)]
mod tests {
    use super::*;

    // The title gives department and year.
    #[test]
    fn title_gives_department_and_year() {
        let doc = crate::ingest::text::parse(
            "昌吉回族自治州民政局2024年度部门决算\n公开说明\n第一部分 单位概况\n",
        );
        let set = PatternSet::builtin().expect("patterns");
        let mut ex = Extraction::default();
        recognise(&doc, &set, &mut ex);
        assert_eq!(ex.department.as_deref(), Some("昌吉回族自治州民政局"));
        assert_eq!(ex.year, Some(2024));
    }

    // Whether a 部门 or a 单位 discloses, and 决算 or 预算: from the title, or from a cover
    // line without the department.
    #[test]
    fn scope_from_title_or_cover_line() {
        let scope = |text: &str| {
            let ex = crate::extract::extract(
                &crate::ingest::text::read(text.as_bytes()).expect("text"),
                &PatternSet::builtin().expect("patterns"),
            );
            (ex.scope.entity, ex.scope.kind)
        };
        let s = |a: &str, b: &str| (Some(a.to_string()), Some(b.to_string()));
        assert_eq!(
            scope("某县水文站2024年度单位决算公开说明\n\n一、单位职责\n"),
            s("单位", "决算")
        );
        assert_eq!(
            scope("上海市2025年市级单位预算\n\n预算单位：上海市财政局\n"),
            s("单位", "预算")
        );
        assert_eq!(
            scope("江苏省某厅\n\n2017 年度部门预算\n\n目 录\n"),
            s("部门", "预算")
        );
        assert_eq!(scope("某局\n\n一、主要职能\n"), (None, None));
    }

    // Titles split over two paragraphs, with the year first, or a cover field; never a
    // part heading.
    #[test]
    fn title_variants_of_other_provinces() {
        let set = PatternSet::builtin().expect("patterns");
        let meta = |text: &str| {
            let doc = crate::ingest::text::parse(text);
            let mut ex = Extraction::default();
            recognise(&doc, &set, &mut ex);
            (ex.department, ex.year)
        };
        let some = |d: &str, y: i32| (Some(d.to_string()), Some(y));
        assert_eq!(
            meta("江苏省人大常委会办公厅2018年度部门\n预算公开\n目 录\n"),
            some("江苏省人大常委会办公厅", 2018)
        );
        assert_eq!(
            meta("中共上海市普陀区委社会工作部2024年度\n部门决算\n目 录\n第二部分中共上海市普陀区委社会工作部2024年度部门决算表\n"),
            some("中共上海市普陀区委社会工作部", 2024)
        );
        assert_eq!(
            meta("2017年度江苏省高级人民法院部门预算公开\n目 录\n"),
            some("江苏省高级人民法院", 2017)
        );
        assert_eq!(
            meta("上海市普陀区2024年区级部门预算\n\n预算主管部门：上海市普陀区人民政府万里街道办事处\n"),
            some("上海市普陀区人民政府万里街道办事处", 2024)
        );
        assert_eq!(meta("目 录\n第二部分 2018年度部门预算表\n").0, None);
    }

    // Without a title, the 单位名称 cell's neighbour and the first 年度 are used.
    #[test]
    fn unit_name_cell_and_year_fallback() {
        let doc = crate::ingest::text::parse(
            "\t单位整体支出绩效自评表\n\n\t（2023年度）\n\n\t单位名称\n\t某县民政局\n\n\n",
        );
        let set = PatternSet::builtin().expect("patterns");
        let mut ex = Extraction::default();
        recognise(&doc, &set, &mut ex);
        assert_eq!(ex.department.as_deref(), Some("某县民政局"));
        assert_eq!(ex.year, Some(2023));
    }
}
