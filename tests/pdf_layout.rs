//! PDF layout on synthetic pages: positioned glyphs and ruling segments, as the content
//! interpreter produces them, → paragraphs and tables of the document model.
//!
//! Each test builds the smallest page that shows one layout problem (a ruled grid, spans,
//! wrapped cell text, a table over two pages, a wrapped paragraph with page furniture, an
//! unruled table) and asserts the exact blocks.

use crossfoot::document::{BlockKind, Document, Table};
use crossfoot::ingest::pdf::content::{Glyph, PageContent, Segment};
use crossfoot::ingest::pdf::layout::build;

const SIZE: f32 = 12.0;

/// Glyphs for `s` starting at x on baseline y: CJK one em wide, ASCII half an em.
fn text(s: &str, x: f32, y: f32) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut x = x;
    for c in s.chars() {
        let w = if c.is_ascii() { 0.5 * SIZE } else { SIZE };
        out.push(Glyph {
            x,
            y,
            width: w,
            size: SIZE,
            text: c.into(),
        });
        x += w;
    }
    out
}

/// Width of `s` as [`text`] sets it.
fn width(s: &str) -> f32 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.5 * SIZE } else { SIZE })
        .sum()
}

fn h(y: f32, x0: f32, x1: f32) -> Segment {
    Segment::horizontal(y, x0, x1)
}

fn v(x: f32, y0: f32, y1: f32) -> Segment {
    Segment::vertical(x, y0, y1)
}

fn page(number: u32, glyphs: Vec<Glyph>, segments: Vec<Segment>) -> PageContent {
    PageContent {
        number,
        width: 595.0,
        height: 842.0,
        glyphs,
        segments,
        unmapped: 0,
    }
}

/// A full grid of rules: column boundaries `xs`, row boundaries `ys` (top to bottom).
fn grid(xs: &[f32], ys: &[f32]) -> Vec<Segment> {
    let (l, r) = (xs[0], xs[xs.len() - 1]);
    let (t, b) = (ys[0], ys[ys.len() - 1]);
    let mut out: Vec<Segment> = ys.iter().map(|&y| h(y, l, r)).collect();
    out.extend(xs.iter().map(|&x| v(x, b, t)));
    out
}

/// Text placed in the cell whose top-left grid corner is (x, top): one line, 4 pt in.
fn in_cell(s: &str, x: f32, top: f32) -> Vec<Glyph> {
    text(s, x + 4.0, top - 14.0)
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect()
}

/// Cell texts per row (continuations included), for compact assertions.
fn grid_texts(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

// A 3×3 ruled grid between two paragraphs becomes one table with its cells in place.
#[test]
fn ruled_three_by_three() {
    let xs = [100.0, 200.0, 300.0, 400.0];
    let ys = [700.0, 680.0, 660.0, 640.0];
    let mut g = text("表前的说明。", 100.0, 730.0);
    let cells = [
        ["项目", "年初预算数", "决算数"],
        ["基本支出", "572.38", "1,271.72"],
        ["项目支出", "699.34", "2,405.59万元"],
    ];
    for (r, row) in cells.iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            g.extend(in_cell(s, xs[c], ys[r]));
        }
    }
    g.extend(text("表后的说明。", 100.0, 600.0));
    let doc = build(&[page(1, g, grid(&xs, &ys))]);
    assert_eq!(paragraphs(&doc), vec!["表前的说明。", "表后的说明。"]);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        grid_texts(t[0]),
        cells
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
    assert_eq!(t[0].rows[2].page, Some(1));
    assert_eq!(doc.blocks[1].location.page, Some(1));
    assert_eq!(doc.pages, Some(1));
}

// A header cell spanning two columns (no internal rule) is one owner plus a continuation.
#[test]
fn cell_spanning_two_columns() {
    let xs = [100.0, 200.0, 300.0, 400.0];
    let ys = [700.0, 680.0, 660.0];
    let mut segs = vec![
        h(700.0, 100.0, 400.0),
        h(680.0, 100.0, 400.0),
        h(660.0, 100.0, 400.0),
        v(100.0, 660.0, 700.0),
        v(200.0, 660.0, 700.0),
        v(300.0, 660.0, 680.0),
        v(400.0, 660.0, 700.0),
    ];
    segs.reverse();
    let mut g = in_cell("科目", xs[0], ys[0]);
    g.extend(in_cell("本年支出", 230.0, ys[0]));
    for (c, s) in ["行政运行", "394.52", "0.78"].iter().enumerate() {
        g.extend(in_cell(s, xs[c], ys[1]));
    }
    let doc = build(&[page(1, g, segs)]);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    let owner = &t[0].rows[0].cells[1];
    assert_eq!(
        (owner.text.as_str(), owner.col, owner.col_span),
        ("本年支出", 1, 2)
    );
    let cont = &t[0].rows[0].cells[2];
    assert_eq!((cont.col, cont.merged_from), (2, Some((0, 1))));
    assert_eq!(grid_texts(t[0])[1], vec!["行政运行", "394.52", "0.78"]);
}

// A vertically merged cell (no rule between two rows in the first column) with its text
// centred between the rows belongs to the top row and fills the slot below.
#[test]
fn vertically_merged_cell() {
    let segs = vec![
        h(700.0, 100.0, 300.0),
        h(680.0, 200.0, 300.0),
        h(660.0, 100.0, 300.0),
        v(100.0, 660.0, 700.0),
        v(200.0, 660.0, 700.0),
        v(300.0, 660.0, 700.0),
    ];
    let mut g = text("产出指标", 104.0, 676.0);
    g.extend(in_cell("数量指标", 200.0, 700.0));
    g.extend(in_cell("质量指标", 200.0, 680.0));
    let doc = build(&[page(1, g, segs)]);
    let t = tables(&doc);
    assert_eq!(
        grid_texts(t[0]),
        vec![vec!["产出指标", "数量指标"], vec!["产出指标", "质量指标"]]
    );
    assert_eq!(t[0].rows[0].cells[0].row_span, 2);
    assert_eq!(t[0].rows[1].cells[0].merged_from, Some((0, 0)));
}

// Text wrapped inside a cell stays in its cell and rejoins exactly (CJK and a number).
#[test]
fn wrapped_text_in_cell() {
    let xs = [100.0, 160.0, 215.0];
    let ys = [700.0, 650.0];
    let mut g = text("社会救助和", 104.0, 686.0);
    g.extend(text("儿童福利工", 104.0, 672.0));
    g.extend(text("作经费", 104.0, 658.0));
    g.extend(text("1,021.5", 162.0, 686.0));
    g.extend(text("4", 162.0, 672.0));
    let doc = build(&[page(1, g, grid(&xs, &ys))]);
    let t = tables(&doc);
    assert_eq!(
        grid_texts(t[0]),
        vec![vec!["社会救助和儿童福利工作经费", "1,021.54"]]
    );
    assert!(paragraphs(&doc).is_empty());
}

// A table continued on the next page (same columns, only a page number and a "续表" mark
// between) is one table; the repeated identical header row is dropped; each row keeps its
// page.
#[test]
fn table_split_over_two_pages() {
    let xs = [100.0, 250.0, 400.0];
    let header = ["项目", "金额"];
    let mut g1 = Vec::new();
    let ys1 = [200.0, 180.0, 160.0, 140.0];
    for (r, row) in [header, ["甲", "1.00"], ["乙", "2.00"]].iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            g1.extend(in_cell(s, xs[c], ys1[r]));
        }
    }
    g1.extend(text("- 1 -", 280.0, 40.0));
    let ys2 = [780.0, 760.0, 740.0];
    let mut g2 = Vec::new();
    for (r, row) in [header, ["丙", "3.00"]].iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            g2.extend(in_cell(s, xs[c], ys2[r]));
        }
    }
    g2.extend(text("表后文字。", 100.0, 700.0));
    g2.extend(text("- 2 -", 280.0, 40.0));
    g2.extend(text("（续表）", 100.0, 790.0));
    let doc = build(&[page(1, g1, grid(&xs, &ys1)), page(2, g2, grid(&xs, &ys2))]);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        grid_texts(t[0]),
        vec![
            vec!["项目", "金额"],
            vec!["甲", "1.00"],
            vec!["乙", "2.00"],
            vec!["丙", "3.00"]
        ]
    );
    let pages: Vec<Option<u32>> = t[0].rows.iter().map(|r| r.page).collect();
    assert_eq!(pages, vec![Some(1), Some(1), Some(1), Some(2)]);
    assert_eq!(paragraphs(&doc), vec!["表后文字。"]);
}

// Two different tables on consecutive pages (different columns) stay apart.
#[test]
fn different_tables_on_consecutive_pages_stay_apart() {
    let mut g1 = in_cell("甲", 100.0, 200.0);
    g1.extend(in_cell("1.00", 250.0, 200.0));
    let mut g2 = in_cell("乙", 100.0, 780.0);
    g2.extend(in_cell("2.00", 180.0, 780.0));
    let doc = build(&[
        page(1, g1, grid(&[100.0, 250.0, 400.0], &[200.0, 180.0])),
        page(2, g2, grid(&[100.0, 180.0, 400.0], &[780.0, 760.0])),
    ]);
    assert_eq!(tables(&doc).len(), 2);
}

// A paragraph wrapped over three lines (and on over a page break) is joined; running headers
// and page numbers are dropped; an indented line starts a new paragraph.
#[test]
fn wrapped_paragraph_with_furniture() {
    let full = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"; // 30 em
    let (left, pitch) = (90.0, 20.0);
    let mut pages = Vec::new();
    for n in 1..=2u32 {
        let mut g = text("昌吉回族自治州民政局2024年度部门决算", 200.0, 805.0);
        g.extend(text(&format!("- {n} -"), 280.0, 40.0));
        let mut y = 760.0;
        if n == 1 {
            g.extend(text("第一部分 单位概况", left, y));
            y -= pitch;
            g.extend(text("收入总计2,405.59", left + 24.0, y));
            // A first line ends exactly at the right margin.
            let rest: String = full.chars().take(30 - 10).collect();
            g.extend(text(&rest, left + 24.0 + width("收入总计2,405.59"), y));
            y -= pitch;
            g.extend(text(full, left, y));
            y -= pitch;
            g.extend(text("万元，其中：本年收入。", left, y));
            y -= pitch;
            g.extend(text("下一段开头", left + 24.0, y));
            let rest: String = full.chars().take(28 - 5).collect();
            g.extend(text(&rest, left + 24.0 + width("下一段开头"), y));
            y -= pitch;
            g.extend(text(full, left, y));
        } else {
            g.extend(text("跨页续行。", left, y));
        }
        pages.push(page(n, g, Vec::new()));
    }
    let doc = build(&pages);
    let rest20: String = full.chars().take(20).collect();
    let rest23: String = full.chars().take(23).collect();
    assert_eq!(
        paragraphs(&doc),
        vec![
            "第一部分 单位概况".to_string(),
            format!("收入总计2,405.59{rest20}{full}万元，其中：本年收入。"),
            format!("下一段开头{rest23}{full}跨页续行。"),
        ]
    );
    assert_eq!(doc.blocks[2].location.page, Some(1));
}

// Lines whose wide gaps line up in three columns over four lines become an unruled table;
// ordinary text around it stays paragraphs.
#[test]
fn unruled_table_by_column_clustering() {
    let mut g = text("单位：万元", 100.0, 760.0);
    let rows = [
        ["项目", "预算数", "决算数"],
        ["基本支出", "572.38", "572.38"],
        ["项目支出", "699.34", "699.30"],
        ["合计", "1,271.72", "1,271.68"],
    ];
    let mut y = 740.0;
    for row in rows {
        g.extend(text(row[0], 100.0, y));
        g.extend(text(row[1], 250.0, y));
        g.extend(text(row[2], 350.0, y));
        y -= 18.0;
    }
    g.extend(text("表后说明。", 100.0, y - 10.0));
    let doc = build(&[page(1, g, Vec::new())]);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        grid_texts(t[0]),
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
    assert_eq!(paragraphs(&doc), vec!["单位：万元", "表后说明。"]);
}

// Ordinary justified paragraphs are never mistaken for an unruled table.
#[test]
fn prose_is_not_a_table() {
    let mut g = Vec::new();
    let mut y = 700.0;
    for s in [
        "收入 合计 2,405.59 万元 其中",
        "本年 收入 1,298.54 万元",
        "年初 结转 1,107.05。",
    ] {
        g.extend(text(s, 100.0, y));
        y -= 20.0;
    }
    let doc = build(&[page(1, g, Vec::new())]);
    assert!(tables(&doc).is_empty());
}

// A row split by the page break (a long cell running on) is rejoined into one row; the
// cell that finished on the first page stays as it was.
#[test]
fn row_split_over_page_break_is_rejoined() {
    let xs = [100.0, 160.0, 228.0];
    let ys1 = [200.0, 180.0, 140.0];
    let mut g1 = in_cell("项目", xs[0], ys1[0]);
    g1.extend(in_cell("说明", xs[1], ys1[0]));
    g1.extend(in_cell("甲", xs[0], ys1[1]));
    g1.extend(text("社会救助和", 164.0, 166.0));
    g1.extend(text("儿童福利工", 164.0, 152.0));
    let ys2 = [780.0, 750.0];
    let g2 = text("作经费", 164.0, 766.0);
    let doc = build(&[page(1, g1, grid(&xs, &ys1)), page(2, g2, grid(&xs, &ys2))]);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        grid_texts(t[0]),
        vec![
            vec!["项目", "说明"],
            vec!["甲", "社会救助和儿童福利工作经费"]
        ]
    );
}

// A vertically merged row label cut by the page break extends over the continuation's
// leading empty cell.
#[test]
fn vertical_merge_continues_over_page_break() {
    let xs = [100.0, 200.0, 300.0];
    let segs1 = vec![
        h(200.0, 100.0, 300.0),
        h(180.0, 100.0, 300.0),
        h(160.0, 200.0, 300.0),
        h(140.0, 100.0, 300.0),
        v(100.0, 140.0, 200.0),
        v(200.0, 140.0, 200.0),
        v(300.0, 140.0, 200.0),
    ];
    let mut g1 = in_cell("指标", xs[0], 200.0);
    g1.extend(in_cell("值", xs[1], 200.0));
    g1.extend(text("产出指标", 104.0, 156.0));
    g1.extend(in_cell("数量", xs[1], 180.0));
    g1.extend(in_cell("质量", xs[1], 160.0));
    let ys2 = [780.0, 760.0, 740.0];
    let mut g2 = in_cell("成本", xs[1], 780.0);
    g2.extend(in_cell("效益指标", xs[0], 760.0));
    g2.extend(in_cell("满意度", xs[1], 760.0));
    let doc = build(&[page(1, g1, segs1), page(2, g2, grid(&xs, &ys2))]);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        grid_texts(t[0]),
        vec![
            vec!["指标", "值"],
            vec!["产出指标", "数量"],
            vec!["产出指标", "质量"],
            vec!["产出指标", "成本"],
            vec!["效益指标", "满意度"]
        ]
    );
    assert_eq!(t[0].rows[1].cells[0].row_span, 3);
    assert_eq!(t[0].rows[3].cells[0].merged_from, Some((1, 0)));
    assert_eq!(t[0].rows[3].page, Some(2));
}

// ---------------------------------------------------------------------------------------
// Acceptance on the seed: the PDF rendition (LibreOffice export of the DOCX rendition)
// gives the same tables and paragraphs as the text rendition.

#[path = "support/render.rs"]
mod render;

/// Text without whitespace (renditions differ in spaces and line breaks inside cells).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// (row, grid column, text) of every non-empty owner cell of a table read from the PDF.
fn pdf_cells(t: &Table) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        for c in row.cells.iter().filter(|c| !c.is_continuation()) {
            let s = squash(&c.text);
            if !s.is_empty() {
                out.push((r, c.col, s));
            }
        }
    }
    out
}

/// (row, grid column, text) of every non-empty cell of a text-rendition table, placed on
/// the grid the DOCX rendition was written with (tests/support/render.rs).
fn planned_cells(t: &Table) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (r, row) in render::plan(t).rows.iter().enumerate() {
        for c in row {
            let s = squash(&c.text);
            if !s.is_empty() {
                out.push((r, c.col, s));
            }
        }
    }
    out
}

// Same number of tables, same rows, the same text at the same grid position for every
// non-empty cell, and the same paragraphs (whitespace-insensitive) as the text rendition.
#[test]
fn seed_pdf_matches_text_rendition() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/");
    let txt_bytes = std::fs::read(format!("{dir}changji-minzheng-2024-juesuan.txt")).unwrap();
    let txt = crossfoot::ingest::text::read(&txt_bytes).unwrap();
    let pdf_bytes = std::fs::read(format!("{dir}changji-minzheng-2024-juesuan.pdf")).unwrap();
    let limits = crossfoot::ingest::Limits::default();
    let (pages, _) = crossfoot::ingest::pdf::read_pages(&pdf_bytes, &limits).unwrap();
    let doc = build(&pages);
    assert_eq!(doc.pages, Some(23));

    let (tp, tt) = (tables(&doc), tables(&txt));
    assert_eq!(tp.len(), tt.len());
    assert_eq!(tp.len(), 13);
    for (i, (a, b)) in tp.iter().zip(&tt).enumerate() {
        assert_eq!(a.rows.len(), b.rows.len(), "rows of table {i}");
        assert_eq!(pdf_cells(a), planned_cells(b), "cells of table {i}");
    }
    // Tables continued over pages keep their rows' pages.
    let pages_of_first: Vec<u32> = tp[0].rows.iter().filter_map(|r| r.page).collect();
    assert_eq!(pages_of_first.first(), Some(&4));
    assert_eq!(pages_of_first.last(), Some(&5));

    let squashed =
        |d: &Document| -> Vec<String> { paragraphs(d).iter().map(|p| squash(p)).collect() };
    assert_eq!(squashed(&doc), squashed(&txt));
}

#[path = "support/pdf_fixtures.rs"]
mod fx;

// The decoder's two-page fixture (filled-rectangle rules on page 1, stroked rules on page
// 2) reads as a title and one table of five rows.
#[test]
fn decoded_two_page_table_is_one_table() {
    let limits = crossfoot::ingest::Limits::default();
    let (pages, _) = crossfoot::ingest::pdf::read_pages(&fx::table_two_pages(), &limits).unwrap();
    let doc = build(&pages);
    assert_eq!(paragraphs(&doc), vec!["收入支出决算总表"]);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(
        grid_texts(t[0]),
        vec![
            vec!["项目", "决算数"],
            vec!["本年收入合计", "1,298.54"],
            vec!["年初结转和结余", "1,107.05"],
            vec!["收入总计", "2,405.59"],
            vec!["本年支出合计", "1,271.72"]
        ]
    );
    let pages: Vec<Option<u32>> = t[0].rows.iter().map(|r| r.page).collect();
    assert_eq!(pages, vec![Some(1), Some(1), Some(1), Some(2), Some(2)]);
}

// A page with more ruling lines than the cap is read as text, and the document says so.
#[test]
fn too_many_rules_is_a_warning() {
    let segs: Vec<Segment> = (0..3_100)
        .map(|i| h(100.0 + 0.25 * i as f32, 100.0, 110.0))
        .chain((0..3_100).map(|i| v(300.0 + 4.0 * i as f32, 10.0, 20.0)))
        .collect();
    let doc = build(&[page(3, text("正文。", 100.0, 700.0), segs)]);
    assert_eq!(paragraphs(&doc), vec!["正文。"]);
    assert_eq!(doc.warnings.len(), 1);
    assert_eq!(doc.warnings[0].code, "pdf.too_many_rules");
    assert_eq!(doc.warnings[0].page, Some(3));
}

// A LibreOffice export with what the seed's rendition lacks: a running header and "- n -"
// page numbers on every page, first-line indents, justified text, and a 70-row table whose
// header row is repeated on every page (tests/fixtures/pdf_layout/make_furniture.py writes
// the .fodt; `libreoffice --headless --convert-to pdf` made the .pdf).
#[test]
fn libreoffice_headers_footers_indents_repeated_header() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf_layout/");
    let bytes = std::fs::read(format!("{dir}furniture.pdf")).unwrap();
    let limits = crossfoot::ingest::Limits::default();
    let (pages, _) = crossfoot::ingest::pdf::read_pages(&bytes, &limits).unwrap();
    let doc = build(&pages);
    assert_eq!(doc.pages, Some(8));
    let paras = std::fs::read_to_string(format!("{dir}paras.txt")).unwrap();
    let paras: Vec<&str> = paras.lines().collect();
    let mut expected: Vec<String> = paras[..40].iter().map(|s| squash(s)).collect();
    expected.push(squash("表1 一般公共预算财政拨款支出明细"));
    expected.extend(paras[40..].iter().map(|s| squash(s)));
    let got: Vec<String> = paragraphs(&doc).iter().map(|p| squash(p)).collect();
    assert_eq!(got, expected);
    let rows = std::fs::read_to_string(format!("{dir}rows.txt")).unwrap();
    let expected: Vec<Vec<String>> = rows
        .lines()
        .map(|l| l.split('\t').map(squash).collect())
        .collect();
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    let got: Vec<Vec<String>> = t[0]
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| squash(&c.text)).collect())
        .collect();
    assert_eq!(got, expected);
    let first = t[0].rows.first().and_then(|r| r.page);
    let last = t[0].rows.last().and_then(|r| r.page);
    assert_eq!((first, last), (Some(3), Some(6)));
}

// The same document with a 12-row table drawn without any rules: the column-clustering
// fallback rebuilds it, and the paragraphs around it are untouched.
#[test]
fn libreoffice_unruled_table() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf_layout/");
    let bytes = std::fs::read(format!("{dir}unruled.pdf")).unwrap();
    let limits = crossfoot::ingest::Limits::default();
    let (pages, _) = crossfoot::ingest::pdf::read_pages(&bytes, &limits).unwrap();
    let doc = build(&pages);
    let paras = std::fs::read_to_string(format!("{dir}paras.txt")).unwrap();
    let paras: Vec<&str> = paras.lines().collect();
    let mut expected: Vec<String> = paras[..40].iter().map(|s| squash(s)).collect();
    expected.push(squash("表1 一般公共预算财政拨款支出明细"));
    expected.extend(paras[40..].iter().map(|s| squash(s)));
    let got: Vec<String> = paragraphs(&doc).iter().map(|p| squash(p)).collect();
    assert_eq!(got, expected);
    let rows = std::fs::read_to_string(format!("{dir}urows.txt")).unwrap();
    let expected: Vec<Vec<String>> = rows
        .lines()
        .map(|l| l.split('\t').map(squash).collect())
        .collect();
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(grid_texts(t[0]), expected);
}

/// Every cell of a table: (row, grid column, row span, column span, owner of a merged slot,
/// text without whitespace).
type CellShape = (usize, usize, u32, u32, Option<(usize, usize)>, String);

fn shape(t: &Table) -> Vec<CellShape> {
    t.rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.cells.iter().map(move |c| {
                (
                    r,
                    c.col,
                    c.row_span,
                    c.col_span,
                    c.merged_from,
                    squash(&c.text),
                )
            })
        })
        .collect()
}

// The PDF rendition is the LibreOffice export of the DOCX rendition: every table has the
// same cells as the DOCX ingest reads, spans and merged slots included, and the paragraphs
// agree.
#[test]
fn seed_pdf_matches_docx_rendition() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/");
    let limits = crossfoot::ingest::Limits::default();
    let docx_bytes = std::fs::read(format!("{dir}changji-minzheng-2024-juesuan.docx")).unwrap();
    let docx = crossfoot::ingest::docx::read(&docx_bytes, &limits).unwrap();
    let pdf_bytes = std::fs::read(format!("{dir}changji-minzheng-2024-juesuan.pdf")).unwrap();
    let (pages, _) = crossfoot::ingest::pdf::read_pages(&pdf_bytes, &limits).unwrap();
    let doc = build(&pages);
    let (tp, td) = (tables(&doc), tables(&docx));
    assert_eq!(tp.len(), td.len());
    for (i, (a, b)) in tp.iter().zip(&td).enumerate() {
        assert_eq!(shape(a), shape(b), "table {i}");
    }
    let squashed =
        |d: &Document| -> Vec<String> { paragraphs(d).iter().map(|p| squash(p)).collect() };
    assert_eq!(squashed(&doc), squashed(&docx));
}

// Hostile or degenerate input never panics: non-finite and negative numbers, empty text,
// zero-sized pages, inverted and duplicated segments, glyphs piled on one spot.
#[test]
fn degenerate_input_does_not_panic() {
    let odd = [
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        -1.0,
        0.0,
        1e30,
        -1e30,
    ];
    let mut glyphs = Vec::new();
    let mut segments = Vec::new();
    for (i, &a) in odd.iter().enumerate() {
        for &b in &odd {
            glyphs.push(Glyph {
                x: a,
                y: b,
                width: b,
                size: a,
                text: if i % 2 == 0 { "数" } else { "" }.into(),
            });
            segments.push(Segment {
                x0: a,
                y0: b,
                x1: b,
                y1: a,
            });
        }
    }
    for _ in 0..500 {
        glyphs.extend(text("1", 100.0, 100.0));
        segments.push(h(100.0, 50.0, 150.0));
        segments.push(v(100.0, 50.0, 150.0));
    }
    let mut p = page(1, glyphs, segments);
    p.width = 0.0;
    p.height = f32::NAN;
    let pages = vec![p.clone(), PageContent::default(), p];
    let doc = build(&pages);
    assert_eq!(doc.pages, Some(3));
    // Non-finite glyphs are dropped, the 500 overdrawn "1"s are one glyph, the 500 copies
    // of two crossing rules are two rules (no table); huge but finite positions are text.
    let per_page = ["数数", "1", "数", "数 数数 数"];
    let expected: Vec<&str> = per_page.iter().chain(per_page.iter()).copied().collect();
    assert_eq!(paragraphs(&doc), expected);
    assert!(tables(&doc).is_empty());
}
