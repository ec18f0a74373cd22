//! Department and fiscal year, recognised with the meta.toml patterns: from the title
//! ("昌吉回族自治州民政局2024年度部门决算公开说明" → 昌吉回族自治州民政局, 2024), else from a
//! 单位名称 cell's right neighbour, else the first "2024年度" anywhere.

use super::Extraction;
use crate::document::{BlockKind, Document};
use crate::patterns::PatternSet;

/// Paragraphs at the start of a document searched for the title.
const TITLE_BLOCKS: usize = 8;

/// Fills `ex.department` and `ex.year` from the document text.
pub fn recognise(doc: &Document, patterns: &PatternSet, ex: &mut Extraction) {
    let field = |name: &'static str| {
        patterns
            .with_prefix("meta.")
            .filter(move |p| p.emit("field") == Some(name))
    };
    for block in doc.blocks.iter().take(TITLE_BLOCKS) {
        let BlockKind::Paragraph(p) = &block.kind else {
            continue;
        };
        let norm = crate::number::normalize(&p.text);
        for pat in field("title") {
            if let Some(c) = pat.regex.captures(&norm) {
                let dep = c.name("department").map(|m| m.as_str().trim().to_string());
                let year = c.name("year").and_then(|m| m.as_str().parse::<i32>().ok());
                if ex.department.is_none() {
                    ex.department = dep.filter(|d| !d.is_empty());
                }
                if ex.year.is_none() {
                    ex.year = year;
                }
            }
        }
        if ex.department.is_some() && ex.year.is_some() {
            return;
        }
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
