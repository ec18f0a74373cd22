//! Workbooks (XLSX written here with rust_xlsxwriter; the real XLS/XLSX templates when the
//! shared corpus is there) read into the same tables as the other formats: the same facts
//! as the text rendition of the same table, sum errors injected into a cell found by the
//! check and located at their sheet and cell, every sheet of the real workbooks read as a
//! recognised table or as text.

use crossfoot::check::Severity;
use crossfoot::document::{BlockKind, Format};
use crossfoot::ingest::{ingest_bytes, Limits};
use crossfoot::{process, Config, DocResult};
use rust_xlsxwriter::{Format as XFormat, Formula, Workbook};

#[path = "support/workbook.rs"]
mod workbook;
use workbook::workbook_of;

/// Sheet name of the synthetic table.
const SHEET: &str = "支出决算表";

/// The 支出决算表 as printed: title, unit line, a two-row header with merges, a total row
/// and three levels of classification rows. Amounts as printed (2 decimals).
fn grid() -> Vec<Vec<&'static str>> {
    vec![
        vec!["支出决算表", "", "", "", ""],
        vec!["编制单位：示例局", "", "", "", "单位：万元"],
        vec!["项目", "", "本年支出合计", "基本支出", "项目支出"],
        vec!["科目编码", "科目名称", "", "", ""],
        vec!["", "合计", "1,234.56", "1,000.50", "234.06"],
        vec!["201", "一般公共服务支出", "1,234.56", "1,000.50", "234.06"],
        vec!["20101", "人大事务", "1,234.56", "1,000.50", "234.06"],
        vec!["2010101", "行政运行", "1,000.50", "1,000.50", "0.00"],
        vec!["2010102", "一般行政管理事务", "234.06", "", "234.06"],
    ]
}

/// Merged ranges (first row, first col, last row, last col).
const MERGES: [(u32, u16, u32, u16); 5] = [
    (0, 0, 0, 4),
    (2, 0, 2, 1),
    (2, 2, 3, 2),
    (2, 3, 3, 3),
    (2, 4, 3, 4),
];

/// The table in the text convention (a cell per tab-led line, rows apart by a blank line).
fn text_rendition(grid: &[Vec<&str>]) -> String {
    let mut out = String::from("示例局2024年度部门决算\n\n");
    for row in grid {
        for cell in row {
            out.push('\t');
            out.push_str(cell);
            out.push('\n');
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

/// How amounts are stored in the workbook.
#[derive(Clone, Copy, PartialEq)]
enum Store {
    /// As numbers (the usual way).
    Numbers,
    /// As text, as printed ("1,234.56").
    Text,
    /// The totals as formulas with their cached values, the rest as numbers.
    Formulas,
}

/// The table as an XLSX workbook: a cover sheet of text, then the table sheet.
fn xlsx(grid: &[Vec<&str>], store: Store) -> Vec<u8> {
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet();
    cover.set_name("封面").expect("name");
    cover
        .write_string(0, 0, "示例局2024年度部门决算")
        .expect("write");
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).expect("name");
    let plain = XFormat::new();
    let money = XFormat::new().set_num_format("#,##0.00");
    for (r, row) in grid.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if text.is_empty() || MERGES.iter().any(|m| (m.0, m.1) == (r, c)) {
                continue;
            }
            let number: Option<f64> = text.replace(',', "").parse().ok();
            match number {
                Some(v) if c >= 2 && store != Store::Text => {
                    // A total row of a formula workbook: =SUM of the rows below, cached.
                    if store == Store::Formulas && (r == 4 || r == 5) {
                        let col = rust_xlsxwriter::utility::column_number_to_name(c);
                        let f = Formula::new(format!("={col}{}", r + 2)).set_result(v.to_string());
                        ws.write_formula_with_format(r, c, f, &money)
                            .expect("formula");
                    } else {
                        ws.write_number_with_format(r, c, v, &money)
                            .expect("number");
                    }
                }
                _ => {
                    ws.write_string(r, c, *text).expect("string");
                }
            }
        }
    }
    for (r0, c0, r1, c1) in MERGES {
        let text = grid[r0 as usize][c0 as usize];
        ws.merge_range(r0, c0, r1, c1, text, &plain).expect("merge");
    }
    wb.save_to_buffer().expect("xlsx")
}

fn run(name: &str, bytes: &[u8]) -> DocResult {
    let patterns = crossfoot::patterns::PatternSet::builtin().expect("patterns");
    let r = process(name, bytes, &patterns, &Config::default(), true);
    assert!(r.error.is_none(), "{name}: {:?}", r.error);
    r
}

/// (label, kind, value, printed form, decimals, unit) of every table fact.
fn facts(r: &DocResult) -> Vec<(String, String, String, String, u32, String)> {
    let ex = r.extraction.as_ref().expect("extraction");
    ex.facts
        .iter()
        .filter(|f| f.cell.is_some())
        .map(|f| {
            (
                f.label.clone(),
                format!("{:?}", f.kind),
                f.value.to_string(),
                f.stated.clone(),
                f.decimals,
                f.unit.clone(),
            )
        })
        .collect()
}

fn errors(r: &DocResult) -> Vec<String> {
    r.report
        .as_ref()
        .expect("report")
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            format!(
                "{} at {} ({})",
                f.rule,
                f.location.sheet_ref().unwrap_or_default(),
                f.message
            )
        })
        .collect()
}

// The same table as text and as XLSX (numbers under "#,##0.00", numbers stored as text,
// totals as formulas with cached values) gives the same facts, printed forms and printed
// precision included; the workbook's facts name their sheet and cell; no error on the
// unmodified table.
#[test]
fn xlsx_gives_the_text_renditions_facts() {
    let g = grid();
    let text = run("t.txt", text_rendition(&g).as_bytes());
    let want = facts(&text);
    assert_eq!(want.len(), 14, "{want:#?}");
    assert!(errors(&text).is_empty(), "{:?}", errors(&text));
    for store in [Store::Numbers, Store::Text, Store::Formulas] {
        let r = run("t.xlsx", &xlsx(&g, store));
        assert_eq!(r.format, Some(Format::Xlsx));
        assert_eq!(facts(&r), want);
        assert!(errors(&r).is_empty(), "{:?}", errors(&r));
        let ex = r.extraction.as_ref().expect("extraction");
        assert_eq!(ex.std_tables.len(), 1);
        assert_eq!(ex.std_tables[0].kind, "final.expenditure");
        assert_eq!(ex.std_tables[0].location.sheet.as_deref(), Some(SHEET));
        // 行政运行 / 基本支出 is printed in D8.
        let f = ex
            .facts
            .iter()
            .find(|f| f.label.contains("行政运行") && f.label.contains("基本支出"))
            .expect("fact");
        assert_eq!(f.location.sheet_ref().as_deref(), Some("支出决算表!D8"));
        assert_eq!(f.value.to_string(), "1000.50");
        assert_eq!(f.stated, "1,000.50");
        let json = serde_json::to_value(f).expect("json");
        assert_eq!(json["location"]["sheet"], SHEET);
        assert_eq!(json["location"]["cell"], "D8");
    }
}

// A sum error injected into any one amount cell of the workbook is found, and located in
// the sheet.
#[test]
fn injected_cell_errors_are_found() {
    let mut found = 0;
    let mut tried = 0;
    let mut missed = Vec::new();
    let base = grid();
    for r in 4..base.len() {
        for c in 2..5 {
            if base[r][c].is_empty() {
                continue;
            }
            let mut g = base.clone();
            let bad = format!(
                "{:.2}",
                base[r][c].replace(',', "").parse::<f64>().expect("amount") + 100.0
            );
            let leaked: &'static str = Box::leak(bad.into_boxed_str());
            g[r][c] = leaked;
            tried += 1;
            let res = run("bad.xlsx", &xlsx(&g, Store::Numbers));
            let errs = errors(&res);
            if errs.iter().any(|e| e.contains(&format!("at {SHEET}!"))) {
                found += 1;
                // The report for a person names the sheet and cell too.
                let text = crossfoot::report::text::document(&res, crossfoot::check::Lang::Zh);
                assert!(text.contains(&format!("{SHEET}!")), "{text}");
            } else {
                missed.push(format!("row {r} col {c}: {errs:?}"));
            }
        }
    }
    println!("injected cell errors found: {found} of {tried}");
    assert_eq!(found, tried, "missed: {missed:#?}");
}

// The text sheet of a workbook is paragraphs; the table sheet one table.
#[test]
fn sheets_become_paragraphs_or_a_table() {
    let (format, doc) =
        ingest_bytes(&xlsx(&grid(), Store::Numbers), &Limits::default()).expect("read");
    assert_eq!(format, Format::Xlsx);
    let kinds: Vec<(String, &str)> = doc
        .blocks
        .iter()
        .map(|b| {
            (
                b.location.sheet.clone().unwrap_or_default(),
                match b.kind {
                    BlockKind::Paragraph(_) => "paragraph",
                    BlockKind::Table(_) => "table",
                },
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("封面".to_string(), "paragraph"),
            (SHEET.to_string(), "table")
        ]
    );
}

// Numbers read as their number format prints them: precision, grouping, percent, the
// accounting format's dash for zero, General without binary noise; text stays as written.
#[test]
fn numbers_read_as_printed() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let cases: [(f64, &str, &str); 6] = [
        (14348853.335, "#,##0.00", "14,348,853.34"),
        (0.2345, "0.00%", "23.45%"),
        (
            0.0,
            r#"_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)"#,
            "-",
        ),
        (-5.5, "#,##0.00;(#,##0.00)", "(5.50)"),
        (0.1 + 0.2, "General", "0.3"),
        (1234.5, "0.0", "1234.5"),
    ];
    for (i, (v, code, _)) in cases.iter().enumerate() {
        let f = XFormat::new().set_num_format(*code);
        ws.write_string(i as u32, 0, format!("第{i}项"))
            .expect("label");
        ws.write_number_with_format(i as u32, 1, *v, &f)
            .expect("number");
    }
    ws.write_string(6, 0, "文本").expect("label");
    ws.write_string(6, 1, "1,234.56").expect("text");
    let (_, doc) =
        ingest_bytes(&wb.save_to_buffer().expect("xlsx"), &Limits::default()).expect("read");
    let BlockKind::Table(t) = &doc.blocks[0].kind else {
        panic!("not a table");
    };
    let got: Vec<&str> = t.rows.iter().map(|r| r.cells[1].text.as_str()).collect();
    let mut want: Vec<&str> = cases.iter().map(|c| c.2).collect();
    want.push("1,234.56");
    assert_eq!(got, want);
}

/// Repacks a zip with `edit` applied to every entry's data (stored, uncompressed).
fn repack(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let name = f.name().unwrap_or_default().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("inflate");
        out.start_file(name.as_str(), opts).expect("start");
        out.write_all(&edit(&name, data)).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

// A formula saved without its calculated value reads as an empty cell, with a warning
// that names the cell; one with a cached value reads that value.
#[test]
fn formula_without_cached_value_is_a_warning() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "收入总计").expect("label");
    ws.write_formula(0, 1, Formula::new("=2+3").set_result("5"))
        .expect("formula");
    ws.write_string(1, 0, "支出总计").expect("label");
    ws.write_formula(1, 1, Formula::new("=1+1").set_result("2"))
        .expect("formula");
    let bytes = wb.save_to_buffer().expect("xlsx");
    let (_, doc) = ingest_bytes(&bytes, &Limits::default()).expect("read");
    assert!(doc.plain_text().contains("\t5\n"), "{}", doc.plain_text());
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let stripped = repack(&bytes, |name, data| {
        if name.starts_with("xl/worksheets/") {
            String::from_utf8(data)
                .expect("utf8")
                .replace("<v>5</v>", "")
                .into_bytes()
        } else {
            data
        }
    });
    let (_, doc) = ingest_bytes(&stripped, &Limits::default()).expect("read");
    assert!(!doc.plain_text().contains("\t5\n"), "{}", doc.plain_text());
    let w: Vec<&str> = doc
        .warnings
        .iter()
        .filter(|w| w.code == "workbook.formula_without_value")
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        w,
        vec![
            "sheet Sheet1: 1 formula cell(s) saved without a calculated value (B1) read as \
             empty; open the file in a spreadsheet program and save it again"
        ]
    );
}

/// (label, value, stated, unit, kind, project) of every fact.
fn all_facts(r: &DocResult) -> Vec<String> {
    let ex = r.extraction.as_ref().expect("extraction");
    ex.facts
        .iter()
        .map(|f| {
            format!(
                "{} = {} [{}] {} {:?} {:?}",
                f.label, f.value, f.stated, f.unit, f.kind, f.project
            )
        })
        .collect()
}

/// (rule, severity, values) of every error and warning, sorted.
fn findings(r: &DocResult) -> Vec<String> {
    let mut out: Vec<String> = r
        .report
        .as_ref()
        .expect("report")
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {:?} {:?}", f.rule, f.severity, f.values))
        .collect();
    out.sort();
    out
}

// The bundled disclosure (narrative and 13 绩效自评表) written as a workbook from its DOCX
// rendition (real merged cells), numbers stored as text and as formatted numbers, gives
// the text rendition's facts and findings.
#[test]
fn seed_as_workbook_gives_the_same_facts_and_findings() {
    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan"
    );
    let bytes = std::fs::read(format!("{corpus}.txt")).expect("seed");
    let txt = run("seed.txt", &bytes);
    let docx = std::fs::read(format!("{corpus}.docx")).expect("seed docx");
    let (_, doc) = ingest_bytes(&docx, &Limits::default()).expect("seed docx reads");
    let want = all_facts(&txt);
    let want_findings = findings(&txt);
    assert!(want.len() > 1000, "{}", want.len());
    for numbers in [false, true] {
        let xlsx = workbook_of(&doc, numbers);
        if let Ok(dir) = std::env::var("CROSSFOOT_DEBUG_DIR") {
            std::fs::write(format!("{dir}/seed-{numbers}.xlsx"), &xlsx).expect("write");
        }
        let r = run("seed.xlsx", &xlsx);
        let got = all_facts(&r);
        let first = want.iter().zip(&got).position(|(a, b)| a != b);
        assert_eq!(
            (want.len(), first),
            (got.len(), None),
            "numbers={numbers}: first difference {:?}",
            first.map(|i| (&want[i], &got[i]))
        );
        assert_eq!(findings(&r), want_findings, "numbers={numbers}");
        println!(
            "seed as xlsx (numbers={numbers}): {} facts, {} errors/warnings as in the text",
            got.len(),
            want_findings.len()
        );
    }
}

// A hidden sheet is not what a reader sees: skipped, with a warning.
#[test]
fn hidden_sheets_are_skipped_with_a_warning() {
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("说明")
        .expect("name")
        .write_string(0, 0, "收入总计100万元。")
        .expect("write");
    let hidden = wb.add_worksheet();
    hidden.set_name("底稿").expect("name");
    hidden
        .write_string(0, 0, "收入总计999万元。")
        .expect("write");
    hidden.set_hidden(true);
    let (_, doc) =
        ingest_bytes(&wb.save_to_buffer().expect("xlsx"), &Limits::default()).expect("read");
    assert_eq!(doc.plain_text(), "收入总计100万元。\n");
    assert_eq!(doc.warnings.len(), 1);
    assert_eq!(doc.warnings[0].code, "workbook.hidden_sheet");
    assert_eq!(doc.warnings[0].message, "hidden sheet 底稿 was not read");
}

/// The shared corpus of real disclosures, when it is there.
fn real_corpus() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: ../shared/real-corpus is absent");
        None
    }
}

// The real workbook templates (XLS from WPS, XLSX from WPS 表格) are read without error,
// their number formats included, and every sheet is what the hand labels say: a recognised
// standard table of the labelled kind or a text sheet.
#[test]
fn real_workbooks_read_sheet_by_sheet() {
    let Some(dir) = real_corpus() else {
        return;
    };
    for name in ["w022.xls", "w023.xlsx", "w024.xlsx"] {
        let bytes = std::fs::read(dir.join(name)).expect("read");
        let r = run(name, &bytes);
        let (_, doc) = ingest_bytes(&bytes, &Limits::default()).expect("ingest");
        // The number formats are read (the XLS saved by WPS too): no General fallback.
        assert!(
            !doc.warnings
                .iter()
                .any(|w| w.code == "workbook.number_formats"),
            "{name}: {:?}",
            doc.warnings
        );
        if name.ends_with(".xls") {
            let cells = crossfoot::ingest::workbook::xls_number_formats(&bytes, &Limits::default());
            println!("{name}: numeric cells under a format other than General: {cells:?}");
            assert!(cells.is_ok(), "{name}: {cells:?}");
        }
        let stem = name.split('.').next().unwrap_or_default();
        let labels: toml::Value = toml::from_str(
            &std::fs::read_to_string(format!(
                "{}/tests/real/labels/{stem}.toml",
                env!("CARGO_MANIFEST_DIR")
            ))
            .expect("labels"),
        )
        .expect("toml");
        let ex = r.extraction.as_ref().expect("extraction");
        // Per sheet: the standard-table kind, or "text", or "table" (unrecognised).
        let mut sheets: Vec<(String, String)> = Vec::new();
        for b in &doc.blocks {
            let sheet = b.location.sheet.clone().unwrap_or_default();
            let what = match &b.kind {
                BlockKind::Paragraph(_) => "text".to_string(),
                BlockKind::Table(_) => ex
                    .std_tables
                    .iter()
                    .find(|t| t.location.block == b.location.block)
                    .map(|t| t.kind.clone())
                    .unwrap_or_else(|| "table".to_string()),
            };
            match sheets.iter_mut().find(|(s, _)| *s == sheet) {
                Some((_, w)) if *w == "text" && what != "text" => *w = what,
                Some(_) => {}
                None => sheets.push((sheet, what)),
            }
        }
        println!("{name} ({:?}): {} sheets", r.format, sheets.len());
        for (s, w) in &sheets {
            println!("  {s}: {w}");
        }
        let mut failures = Vec::new();
        for t in labels["table"].as_array().expect("tables") {
            let sheet = t["sheet"].as_str().expect("sheet");
            let kind = t["kind"].as_str().expect("kind");
            let got = sheets
                .iter()
                .find(|(s, _)| s == sheet)
                .map(|(_, w)| w.as_str());
            if got != Some(kind) {
                failures.push(format!("{sheet}: want {kind}, got {got:?}"));
            }
        }
        for s in labels["text_sheets"].as_array().expect("text sheets") {
            let sheet = s.as_str().expect("sheet");
            let got = sheets
                .iter()
                .find(|(x, _)| x == sheet)
                .map(|(_, w)| w.as_str());
            if got != Some("text") {
                failures.push(format!("{sheet}: want text, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{name}: {failures:#?}");
    }
}

/// The workbook.formula findings of a document: (severity, location, values, message).
fn formula_findings(r: &DocResult) -> Vec<String> {
    r.report
        .as_ref()
        .expect("report")
        .findings
        .iter()
        .filter(|f| f.rule == "workbook.formula")
        .map(|f| {
            format!(
                "{:?} {} {:?} {}",
                f.severity,
                f.location.sheet_ref().unwrap_or_default(),
                f.values,
                f.message
            )
        })
        .collect()
}

// A formula whose cached value disagrees with the cells it names (SUM, a +/- chain with
// anchors and the sheet's own name) is a warning naming the cell, the formula and both
// values; the same formulas cached right give none; rounding within the printed precision
// holds; other shapes are one note per sheet and reason, counted as not checkable.
#[test]
fn formula_cached_values_are_recomputed() {
    let build = |sum_result: &str, chain_result: &str| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("支出表").expect("name");
        let money = XFormat::new().set_num_format("#,##0.00");
        ws.write_string(0, 0, "项目").expect("w");
        ws.write_string(0, 1, "金额").expect("w");
        for (r, v) in [(1u32, 10.004), (2, 20.0), (3, 5.5)] {
            ws.write_string(r, 0, format!("项{r}")).expect("w");
            ws.write_number_with_format(r, 1, v, &money).expect("w");
        }
        ws.write_string(4, 0, "合计").expect("w");
        let sum = Formula::new("=SUM(B2:B4)").set_result(sum_result);
        ws.write_formula_with_format(4, 1, sum, &money).expect("w");
        ws.write_string(5, 0, "差额").expect("w");
        let chain = Formula::new("=$B$2+B3-'支出表'!B4").set_result(chain_result);
        ws.write_formula_with_format(5, 1, chain, &money)
            .expect("w");
        ws.write_string(6, 0, "翻倍").expect("w");
        let other = Formula::new("=B2*2").set_result("20.008");
        ws.write_formula_with_format(6, 1, other, &money)
            .expect("w");
        wb.save_to_buffer().expect("xlsx")
    };
    // Right: 10.004 + 20 + 5.5 = 35.504 (printed 35.50; the parts print 10.00, 20.00, 5.50).
    let good = run("good.xlsx", &build("35.504", "24.504"));
    let notes = formula_findings(&good);
    assert_eq!(
        notes,
        vec![
            "Info 支出表!B7 [] 工作表 支出表 中 1 个公式未重算（仅重算 SUM 及单元格加减，\
             其他形式的公式不核对）：B7"
                .to_string()
        ],
        "{notes:?}"
    );
    let cov = &good.report.as_ref().expect("report").coverage;
    let k = &cov.by_kind["workbook"];
    assert_eq!((k.found, k.checked, k.passed, k.unchecked), (3, 2, 2, 1));
    // Wrong: the sum cached as 45.50, the chain as 24.45. One cent off (24.49) holds: the
    // three parts printed to the cent allow ±0.015.
    assert_eq!(
        formula_findings(&run("cent.xlsx", &build("35.504", "24.49"))),
        notes
    );
    let bad = run("bad.xlsx", &build("45.5", "24.45"));
    let got: Vec<String> = formula_findings(&bad)
        .into_iter()
        .filter(|f| !f.starts_with("Info"))
        .collect();
    assert_eq!(
        got,
        vec![
            "Warning 支出表!B5 [\"45.50\", \"35.50\"] 支出表!B5 的公式 =SUM(B2:B4) 所存结果 \
             45.50 与按其引用单元格重算的 35.50 不符（保存前未重新计算，或结果被手工改写）"
                .to_string(),
            "Warning 支出表!B6 [\"24.45\", \"24.50\"] 支出表!B6 的公式 =$B$2+B3-'支出表'!B4 \
             所存结果 24.45 与按其引用单元格重算的 24.50 不符（保存前未重新计算，或结果被手工改写）"
                .to_string(),
        ],
        "{got:?}"
    );
}

// XLS (BIFF8) formulas, written by scripts/make-xls-fixtures.sh (LibreOffice keeps the
// cached values): the SUM over B2:B4, the +/− chain and the SUM($AA$2:AC2) past column Z
// are recomputed. Cached right they hold; cached wrong each is a warning naming its cell.
// Column B is under "#,##0.00", so the cached values and the recomputation are held to
// the printed cents, as in an XLSX: 10.004 prints 10.00, the right SUM 35.504 prints
// 35.50, and the wrong ones read 45.50 against 35.50 and 30.50 against 24.50. The three
// warnings hold with the printed values: each is off by far more than the cents.
#[test]
fn xls_formulas() {
    let read = |name: &str| {
        let path = format!(
            "{}/tests/fixtures/workbook/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        run(name, &std::fs::read(&path).expect("fixture"))
    };
    let good = read("formulas-good.xls");
    let k = &good.report.as_ref().expect("report").coverage.by_kind["workbook"];
    // All three recomputed, none left unchecked.
    assert_eq!((k.found, k.checked, k.passed, k.unchecked), (3, 3, 3, 0));
    assert!(k.reasons.is_empty(), "{:?}", k.reasons);
    let warnings = |r: &DocResult| -> Vec<String> {
        formula_findings(r)
            .into_iter()
            .filter(|f| !f.starts_with("Info"))
            .collect()
    };
    assert_eq!(warnings(&good), Vec::<String>::new());
    let bad = warnings(&read("formulas-bad.xls"));
    let wrong = "不符（保存前未重新计算，或结果被手工改写）";
    assert_eq!(
        bad,
        vec![
            format!(
                "Warning 支出表!B5 [\"45.50\", \"35.50\"] 支出表!B5 的公式 =SUM(B2:B4) 所存结果 \
                 45.50 与按其引用单元格重算的 35.50 {wrong}"
            ),
            format!(
                "Warning 支出表!B6 [\"30.50\", \"24.50\"] 支出表!B6 的公式 =B2+B3-B4 所存结果 \
                 30.50 与按其引用单元格重算的 24.50 {wrong}"
            ),
            format!(
                "Warning 宽表!AD2 [\"16\", \"6\"] 宽表!AD2 的公式 =SUM($AA$2:AC2) 所存结果 16 \
                 与按其引用单元格重算的 6 {wrong}"
            ),
        ],
        "{bad:?}"
    );
    // The cells themselves print as formatted: 10.004 under "#,##0.00" reads 10.00.
    let (rows, _) = cell_texts(
        &std::fs::read(format!(
            "{}/tests/fixtures/workbook/formulas-good.xls",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture"),
    );
    let b: Vec<&str> = rows.iter().take(6).map(|r| r[1].as_str()).collect();
    assert_eq!(b, ["金额", "10.00", "20.00", "5.50", "35.50", "24.50"]);
}

/// Every cell text of a workbook's table blocks, row by row.
fn cell_texts(bytes: &[u8]) -> (Vec<Vec<String>>, Vec<String>) {
    let (_, doc) = ingest_bytes(bytes, &Limits::default()).expect("read");
    let mut rows = Vec::new();
    for b in &doc.blocks {
        if let BlockKind::Table(t) = &b.kind {
            for r in &t.rows {
                rows.push(r.cells.iter().map(|c| c.text.clone()).collect());
            }
        }
    }
    let warnings = doc.warnings.iter().map(|w| w.code.clone()).collect();
    (rows, warnings)
}

// XLS numbers print under their cell's number format, as in the XLSX the XLS was
// converted from (scripts/make-xls-fixtures.sh keeps both): grouping and printed
// precision, percent scaling, rounding to a whole number, General without binary noise,
// a date, text as written, and integers LibreOffice stores as RK numbers in one MULRK.
#[test]
fn xls_numbers_read_under_their_formats() {
    let fixture = |name: &str| {
        std::fs::read(format!(
            "{}/tests/fixtures/workbook/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture")
    };
    let (xls, xls_warnings) = cell_texts(&fixture("formats.xls"));
    let (xlsx, xlsx_warnings) = cell_texts(&fixture("formats.xlsx"));
    let want: Vec<Vec<&str>> = vec![
        vec!["项目", "值", "", ""],
        vec!["金额", "1,000.50", "", ""],
        vec!["大额", "14,348,853.34", "", ""],
        vec!["比例", "23.45%", "", ""],
        vec!["取整", "4", "", ""],
        vec!["常规", "0.3", "", ""],
        vec!["日期", "2024-03-15", "", ""],
        vec!["文本", "一千", "", ""],
        vec!["整数", "1,234,567", "2,000", "-35"],
    ];
    assert_eq!(xls, want, "xls");
    assert_eq!(xlsx, want, "xlsx");
    assert!(xls_warnings.is_empty(), "{xls_warnings:?}");
    assert!(xlsx_warnings.is_empty(), "{xlsx_warnings:?}");
}

// When the number formats of an XLS cannot be read (here the sheet's EOF record of
// formats.xls is overwritten, which calamine tolerates), the cells are still read, in the
// General form, with a warning saying so: 1000.5 reads 1000.5, 0.2345 reads 0.2345.
#[test]
fn xls_formats_not_read_fall_back_to_general() {
    let mut bytes = std::fs::read(format!(
        "{}/tests/fixtures/workbook/formats.xls",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    // The Workbook stream lies in the file in one piece: walk its records from the
    // globals BOF and overwrite the second EOF (the sheet's) with a record of type 0.
    let bof = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00];
    let mut at = bytes
        .windows(bof.len())
        .position(|w| w == bof)
        .expect("globals BOF");
    let mut eofs = 0;
    loop {
        let typ = u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        let len = usize::from(u16::from_le_bytes([bytes[at + 2], bytes[at + 3]]));
        if typ == 0x000A {
            eofs += 1;
            if eofs == 2 {
                bytes[at] = 0;
                break;
            }
        }
        at += 4 + len;
    }
    let (_, doc) = ingest_bytes(&bytes, &Limits::default()).expect("read");
    let BlockKind::Table(t) = &doc.blocks[0].kind else {
        panic!("not a table");
    };
    let b: Vec<&str> = t.rows.iter().map(|r| r.cells[1].text.as_str()).collect();
    assert_eq!(
        b,
        [
            "值",
            "1000.5",
            "14348853.335",
            "0.2345",
            "3.6",
            "0.3",
            "2024-03-15",
            "一千",
            "1234567"
        ]
    );
    let w: Vec<(&str, &str)> = doc
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(
        w,
        [(
            "workbook.number_formats",
            "number formats not read, numbers are shown in the General form \
             (sheet 格式: the stream ends before an EOF record)"
        )],
    );
}

// A function table printed by name only whose names are indented by their cell format's
// alignment indent (as Excel's 增加缩进量 does) or by leading spaces: the levels are read
// from the indentation, and every parent is checked against the rows one level under it.
#[test]
fn xlsx_alignment_indent_gives_the_levels() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("一般公共预算财政拨款支出决算表").expect("name");
    ws.write_string(0, 0, "一般公共预算财政拨款支出决算表")
        .expect("w");
    ws.write_string(1, 3, "单位：万元").expect("w");
    for (c, h) in ["功能分类科目名称", "合计", "基本支出", "项目支出"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("w");
    }
    let rows = [
        (None, "合计", ["30.00", "20.00", "10.00"]),
        (Some(0), "一般公共服务支出", ["20.00", "15.00", "5.00"]),
        (Some(1), "财政事务", ["20.00", "15.00", "5.00"]),
        (Some(2), "行政运行", ["12.00", "12.00", ""]),
        (Some(2), "一般行政管理事务", ["8.00", "3.00", "5.00"]),
        (Some(0), "住房保障支出", ["10.00", "5.00", "5.00"]),
        (Some(1), "住房改革支出", ["10.00", "5.00", "5.00"]),
        (Some(2), "住房公积金", ["10.00", "5.00", "5.00"]),
    ];
    for (i, (level, name, values)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        match level {
            // The 项 by leading spaces, the 款 by the format's indent.
            Some(2) => ws.write_string(r, 0, format!("\u{3000}\u{3000}\u{3000}\u{3000}{name}")),
            Some(l) => ws.write_string_with_format(r, 0, *name, &XFormat::new().set_indent(*l * 2)),
            None => ws.write_string(r, 0, *name),
        }
        .expect("w");
        for (c, v) in values.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, 1 + c as u16, *v).expect("w");
            }
        }
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    let (_, doc) = ingest_bytes(&bytes, &Limits::default()).expect("read");
    let indents: Vec<Option<u16>> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| t.rows.iter().skip(4).filter_map(|r| r.cells.first()))
        .map(|c| c.indent)
        .collect();
    assert_eq!(
        indents,
        vec![
            Some(0),
            Some(20),
            Some(40),
            Some(40),
            Some(0),
            Some(20),
            Some(40)
        ]
    );
    let r = run("t.xlsx", &bytes);
    let ex = r.extraction.as_ref().expect("extraction");
    let t = &ex.std_tables[0];
    assert!(
        t.notes.iter().any(|n| n.contains("indentation")),
        "{:?}",
        t.notes
    );
    let rep = r.report.as_ref().expect("report");
    let col = &rep.coverage.by_kind["column_sum"];
    assert_eq!((col.checked, col.passed, col.unchecked), (15, 15, 0));
}
