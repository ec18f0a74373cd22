//! The standard tables (公开表) read from flattened text, checked inside and against the text.

#[path = "support/render.rs"]
mod render;
#[path = "support/render_pdf.rs"]
mod render_pdf;

use crossfoot::check::Severity;
use crossfoot::extract::StatementKind;
use crossfoot::patterns::PatternSet;

/// A 一般公共预算财政拨款支出决算表 (a cell per tab-led line, a blank line between rows) and
/// two 类/款/项 lines of the text; `公积金` and `购房` are the text's figures.
fn disclosure(gongjijin: &str, goufang: &str) -> String {
    let mut t = String::from(
        "一般公共预算财政拨款支出决算表\n\n\t一般公共预算财政拨款支出决算表\n\n\t单位：万元\n\n",
    );
    for row in [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["221", "住房保障支出", "50.00", "50.00", ""],
        ["22102", "住房改革支出", "50.00", "50.00", ""],
        ["2210201", "住房公积金", "30.00", "30.00", ""],
        ["2210203", "购房补贴", "20.00", "20.00", ""],
        ["", "合计", "50.00", "50.00", ""],
    ] {
        for c in row {
            t.push('\t');
            t.push_str(c);
            t.push('\n');
        }
        t.push('\n');
    }
    t.push_str(&format!("住房保障支出（类）住房改革支出（款）住房公积金（项）{gongjijin}万元，主要用于缴纳住房公积金。\n"));
    t.push_str(&format!(
        "住房保障支出（类）住房改革支出（款）购房补贴（项）{goufang}万元，主要用于购房补贴。\n"
    ));
    t
}

fn run(text: &str) -> crossfoot::DocResult {
    let set = PatternSet::builtin().expect("patterns");
    crossfoot::process(
        "t.txt",
        text.as_bytes(),
        &set,
        &crossfoot::Config::default(),
        true,
    )
}

// The table is recognised with its kind, unit and rows, and its sums hold.
#[test]
fn table_is_read_and_its_sums_hold() {
    let r = run(&disclosure("30.00", "20.00"));
    let ex = r.extraction.as_ref().expect("extraction");
    let kinds: Vec<&str> = ex.std_tables.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(kinds, vec!["final.gpb_expenditure"]);
    assert_eq!(ex.std_tables[0].unit, "万元");
    let rep = r.report.as_ref().expect("report");
    let cov = &rep.coverage.by_kind;
    assert_eq!(cov["column_sum"].checked, cov["column_sum"].passed);
    assert!(cov["column_sum"].checked >= 4, "{cov:?}");
    assert!(rep.findings.is_empty(), "{:?}", rep.findings);
}

// A text figure that a cell of the row it names holds is checked and holds; one that no
// cell holds is not checkable (the text may mean a figure the tables do not print), never
// an error.
#[test]
fn text_figures_against_their_rows() {
    let r = run(&disclosure("30.00", "20.00"));
    let ex = r.extraction.as_ref().expect("extraction");
    let text: Vec<_> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::TextTable)
        .collect();
    assert_eq!(text.len(), 2);
    assert!(text.iter().all(|s| s.unsure.is_none()));
    let rep = r.report.as_ref().expect("report");
    assert_eq!(rep.coverage.by_kind["text"].passed, 2);

    let r = run(&disclosure("30.00", "25.00"));
    let rep = r.report.as_ref().expect("report");
    let text = &rep.coverage.by_kind["text"];
    assert_eq!((text.checked, text.passed, text.unchecked), (1, 1, 1));
    let notes: Vec<_> = rep
        .findings
        .iter()
        .filter(|f| f.rule == "table.text")
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].severity, Severity::Info);
    assert!(notes[0].message.contains("20.00"), "{}", notes[0].message);
}

// A text figure off only in its last digits from the one value its rows print (20.02 or
// 20.03 against 20.00) is that value misprinted: checked, an error (20.01 holds: both may be
// 20.005). Farther off (20.50, 10 units and more) it may be another figure: not checkable.
#[test]
fn near_text_figures_bind_to_their_cell() {
    let severity = |goufang: &str| -> Vec<Severity> {
        let r = run(&disclosure("30.00", goufang));
        let rep = r.report.as_ref().expect("report");
        rep.findings
            .iter()
            .filter(|f| f.rule == "table.text")
            .map(|f| f.severity)
            .collect()
    };
    assert_eq!(severity("20.03"), vec![Severity::Error]);
    assert_eq!(severity("20.02"), vec![Severity::Error]);
    assert_eq!(severity("20.01"), vec![]);
    assert_eq!(severity("20.50"), vec![Severity::Info]);
}

// A numbered 项 list under a lead-in naming its fund scope states that scope's figure of each
// 项: against the printed cell of that scope, a figure no cell holds is an error, and one that
// is another row's figure (the 款's 50.00 under a 项 name) a warning. Without a scope in the
// lead-in, without item numbers, with a sentence between lead-in and list, or when the tables
// print no cell of that scope (财政拨款 here, where only the 一般公共预算 table is printed), the
// figure may be another one: not checkable.
#[test]
fn scoped_item_lists_bind_to_their_scope_cell() {
    let table = disclosure("30.00", "20.00");
    let table = &table[..table.find("住房保障支出（类）").expect("text lines")];
    let findings = |lead: &str, numbered: bool, goufang: &str| -> Vec<(Severity, String)> {
        let n = |i: u32| {
            if numbered {
                format!("{i}.")
            } else {
                String::new()
            }
        };
        let text = format!(
            "{table}{lead}\n{}“住房保障支出（类）住房改革支出（款）住房公积金（项）”30.00万元，主要用于缴纳住房公积金。\n{}“住房保障支出（类）住房改革支出（款）购房补贴（项）”{goufang}万元，主要用于购房补贴。\n",
            n(1),
            n(2)
        );
        let r = run(&text);
        let rep = r.report.as_ref().expect("report");
        rep.findings
            .iter()
            .filter(|f| f.rule == "table.text")
            .map(|f| (f.severity, f.message.clone()))
            .collect()
    };
    let severities = |v: Vec<(Severity, String)>| v.into_iter().map(|f| f.0).collect::<Vec<_>>();
    let gpb = "一般公共预算财政拨款支出主要内容如下：";
    assert_eq!(severities(findings(gpb, true, "20.00")), vec![]);
    assert_eq!(
        severities(findings(gpb, true, "25.00")),
        vec![Severity::Error]
    );
    let moved = findings(gpb, true, "50.00");
    assert_eq!(severities(moved.clone()), vec![Severity::Warning]);
    assert!(moved[0].1.contains("住房改革支出"), "{moved:?}");
    assert_eq!(
        severities(findings("支出主要内容如下：", true, "25.00")),
        vec![Severity::Info]
    );
    assert_eq!(
        severities(findings(gpb, false, "25.00")),
        vec![Severity::Info]
    );
    assert_eq!(
        severities(findings(
            &format!("{gpb}\n本年支出有所增加。"),
            true,
            "25.00"
        )),
        vec![Severity::Info]
    );
    assert_eq!(
        severities(findings("财政拨款支出主要内容如下：", true, "25.00")),
        vec![Severity::Info]
    );
}

// A 项 named together with its 款, without the 款's marker ("住房改革支出购房补贴（项）支出"),
// names the 项 row under that 款: in a scoped list, the 款's figure under it is a warning.
#[test]
fn fused_kuan_and_xiang_name_their_row() {
    let table = disclosure("30.00", "20.00");
    let table = &table[..table.find("住房保障支出（类）").expect("text lines")];
    let run_with = |figure: &str| {
        let text = format!(
            "{table}一般公共预算财政拨款支出主要内容如下：\n1.住房改革支出购房补贴（项）支出{figure}万元，与上年持平。\n"
        );
        let r = run(&text);
        let rep = r.report.as_ref().expect("report");
        (
            rep.coverage.by_kind["text"].passed,
            rep.findings
                .iter()
                .filter(|f| f.rule == "table.text")
                .map(|f| f.severity)
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(run_with("20.00"), (1, vec![]));
    assert_eq!(run_with("50.00"), (0, vec![Severity::Warning]));
}

// A cell changed in the table breaks the sums it takes part in: an error at the cell.
#[test]
fn a_wrong_cell_is_an_error() {
    let text = disclosure("30.00", "20.00").replacen("\t20.00\n\t20.00\n", "\t21.00\n\t20.00\n", 1);
    let r = run(&text);
    let rep = r.report.as_ref().expect("report");
    let errors: Vec<_> = rep
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(
        errors.iter().any(|f| f.rule == "table.column_sum"),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|f| f.rule == "table.row_sum"),
        "{errors:?}"
    );
}

// A 类 named without 支出 ("住房保障（类）") names the row 住房保障支出.
#[test]
fn lei_without_zhichu_names_its_row() {
    let text = disclosure("30.00", "20.00") + "住房保障（类）50.00万元，主要用于住房改革支出。\n";
    let r = run(&text);
    let ex = r.extraction.as_ref().expect("extraction");
    let bound: Vec<&str> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::TextTable && s.unsure.is_none())
        .filter_map(|s| s.detail.as_deref())
        .collect();
    assert!(
        bound
            .iter()
            .any(|d| d.contains("final.gpb_expenditure!221@合计")),
        "{bound:?}"
    );
}

/// A 一般公共预算财政拨款支出决算表 of 4 类 × 3 款 × 2 项 as rows of cells (amounts in 0.01
/// 万元; 合计 = 基本支出 + 项目支出, each parent = Σ its children).
fn synthetic_rows() -> Vec<[String; 5]> {
    let f = |v: i64| format!("{}.{:02}", v / 100, v % 100);
    let mut body = Vec::new();
    let mut total = (0i64, 0i64);
    for lei in 0..4 {
        let lc = format!("2{:02}", lei * 3 + 1);
        let mut lines = Vec::new();
        let mut ls = (0i64, 0i64);
        for kuan in 0..3 {
            let kc = format!("{lc}{:02}", kuan + 1);
            let mut items = Vec::new();
            let mut ks = (0i64, 0i64);
            for x in 0..2 {
                let (a, b) = (
                    1234 + lei * 377 + kuan * 91 + x * 13,
                    500 + x * 250 + kuan * 7,
                );
                ks = (ks.0 + a, ks.1 + b);
                let code = format!("{kc}{:02}", x + 1);
                items.push([code.clone(), format!("项目{code}"), f(a + b), f(a), f(b)]);
            }
            ls = (ls.0 + ks.0, ls.1 + ks.1);
            lines.push([
                kc.clone(),
                format!("款{kc}"),
                f(ks.0 + ks.1),
                f(ks.0),
                f(ks.1),
            ]);
            lines.extend(items);
        }
        total = (total.0 + ls.0, total.1 + ls.1);
        body.push([
            lc.clone(),
            format!("类{lc}"),
            f(ls.0 + ls.1),
            f(ls.0),
            f(ls.1),
        ]);
        body.extend(lines);
    }
    let mut rows = vec![[
        String::new(),
        "合计".to_string(),
        f(total.0 + total.1),
        f(total.0),
        f(total.1),
    ]];
    rows.extend(body);
    rows
}

fn render(rows: &[[String; 5]]) -> String {
    let mut t = String::from("一般公共预算财政拨款支出决算表\n\n\t单位：万元\n\n");
    for r in std::iter::once(&[
        "科目编码".to_string(),
        "科目名称".to_string(),
        "合计".to_string(),
        "基本支出".to_string(),
        "项目支出".to_string(),
    ])
    .chain(rows)
    {
        for c in r {
            t.push('\t');
            t.push_str(c);
            t.push('\n');
        }
        t.push('\n');
    }
    t
}

// Error injection into the cells: every value cell of the table changed by 1.00 万元, one
// at a time, must give an error-severity finding of a table rule at that cell's row; the
// unmodified table gives none. Detection is required at 100% (each cell takes part in a
// column sum and a row sum).
#[test]
fn every_injected_cell_error_is_found() {
    let rows = synthetic_rows();
    let control = run(&render(&rows));
    let rep = control.report.as_ref().expect("report");
    assert!(rep.findings.is_empty(), "{:?}", rep.findings);
    assert!(
        rep.coverage.checks_run >= 60,
        "{:?}",
        rep.coverage.checks_run
    );
    let (mut tried, mut found) = (0, 0);
    let mut missed = Vec::new();
    for ri in 0..rows.len() {
        for ci in 2..5 {
            let mut changed = rows.clone();
            // The printed text is edited: one more in the integer part.
            let printed = &changed[ri][ci];
            let (int, frac) = printed.split_once('.').expect("two decimals");
            let int: i64 = int.parse().expect("integer part");
            changed[ri][ci] = format!("{}.{frac}", int + 1);
            tried += 1;
            let r = run(&render(&changed));
            let rep = r.report.as_ref().expect("report");
            let hit = rep.findings.iter().any(|f| {
                f.severity == Severity::Error
                    && f.rule.starts_with("table.")
                    && f.quote.contains(&changed[ri][1])
            });
            if hit {
                found += 1;
            } else {
                missed.push(format!("{} col {ci}", changed[ri][1]));
            }
        }
    }
    assert_eq!(found, tried, "missed: {missed:?}");
}

/// The facts of the standard tables, as (table, row, column, printed value, unit).
fn cell_facts(r: &crossfoot::DocResult) -> Vec<(String, String, String, String, String)> {
    let ex = r.extraction.as_ref().expect("extraction");
    ex.facts
        .iter()
        .filter_map(|f| {
            let c = f.cell.as_ref()?;
            Some((
                c.table.clone(),
                c.row.clone(),
                c.column.clone(),
                f.stated.clone(),
                f.unit.clone(),
            ))
        })
        .collect()
}

// The same table as text, DOCX and PDF (rendered from the text's Document, its rulings
// stroked or drawn as thin filled rectangles) gives the same cell facts and the same checks;
// an injected cell error is found in every format.
#[test]
fn renditions_agree() {
    let rows = synthetic_rows();
    let mut changed = rows.clone();
    changed[5][3] = "99.99".to_string();
    for (rows, errors) in [(&rows, false), (&changed, true)] {
        let text = render(rows);
        let (_, doc) =
            crossfoot::ingest::ingest_bytes(text.as_bytes(), &Default::default()).expect("ingest");
        let docx = render::render_docx(&doc);
        let pdf = render_pdf::render_pdf(&doc);
        let pdf_filled = render_pdf::render_pdf_with(&doc, render_pdf::Rules::Filled);
        let set = PatternSet::builtin().expect("patterns");
        let cfg = crossfoot::Config::default();
        let t = crossfoot::process("t.txt", text.as_bytes(), &set, &cfg, true);
        let expected = cell_facts(&t);
        assert!(expected.len() >= 60, "{}", expected.len());
        let checks = |r: &crossfoot::DocResult| {
            let rep = r.report.as_ref().expect("report");
            let mut rules: Vec<(String, Severity)> = rep
                .findings
                .iter()
                .map(|f| (f.rule.clone(), f.severity))
                .collect();
            rules.sort_by(|a, b| a.0.cmp(&b.0));
            (rep.coverage.checks_run, rules)
        };
        for (name, bytes) in [("t.docx", docx), ("t.pdf", pdf), ("filled.pdf", pdf_filled)] {
            let r = crossfoot::process(name, &bytes, &set, &cfg, true);
            assert!(r.error.is_none(), "{name}: {:?}", r.error);
            assert_eq!(cell_facts(&r), expected, "{name}");
            assert_eq!(checks(&r), checks(&t), "{name}");
        }
        let has_error = checks(&t).1.iter().any(|(_, s)| *s == Severity::Error);
        assert_eq!(has_error, errors);
    }
}

// A share whose base the text names but prints only in a table ("占住房保障支出的60.00%") is
// recomputed from that row's cell and keyed `share|…`; a wrong rate is an error.
#[test]
fn share_of_a_base_printed_only_in_the_table() {
    let doc = |rate: &str| {
        let mut t = disclosure("30.00", "20.00");
        t.push_str(&format!(
            "\n住房公积金支出30.00万元，占住房保障支出的{rate}%。\n"
        ));
        t
    };
    let r = run(&doc("60.00"));
    let ex = r.extraction.as_ref().expect("extraction");
    let share = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Share)
        .expect("share");
    let base = share.fact(crossfoot::extract::Role::Base).expect("base");
    assert!(ex.facts[base].cell.is_some(), "the base is a cell");
    assert_eq!(ex.facts[base].value.to_string(), "50.00");
    assert!(share
        .detail
        .as_deref()
        .is_some_and(|d| d.contains("table cell")));
    let rep = r.report.as_ref().expect("report");
    assert!(rep.findings.is_empty(), "{:?}", rep.findings);
    let r = run(&doc("62.00"));
    let rep = r.report.as_ref().expect("report");
    let errors: Vec<_> = rep
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(errors, vec!["share.rate"]);
}

/// A 政府采购预算表 over five label columns (大类 | 专项 | 经济科目 | 物品 | 组织形式): the 专项
/// printed once for two 经济科目 lines, as merged cells print it.
fn procurement(copier: &str, services: &str) -> String {
    let mut t = String::from("政府采购预算表\n\n\t政府采购预算表\n\n\t单位：万元\n\n");
    let rows: [[&str; 6]; 10] = [
        [
            "采购品目大类",
            "专项名称",
            "经济科目",
            "采购物品名称",
            "采购组织形式",
            "总计",
        ],
        ["合计", "", "", "", "", "37.00"],
        ["一、货物A", "", "", "", "", "30.00"],
        ["", "办公设备购置费", "办公设备购置", "", "", "30.00"],
        ["", "", "", "台式计算机", "分散采购", "10.00"],
        ["", "", "", "复印机", "分散采购", copier],
        ["三、服务C", "", "", "", "", services],
        ["", "会议经费", "会议费", "会议服务", "分散采购", "5.00"],
        ["", "", "印刷费", "", "", "2.00"],
        ["", "", "", "印刷服务", "分散采购", "2.00"],
    ];
    for row in rows {
        for c in row {
            t.push('\t');
            t.push_str(c);
            t.push('\n');
        }
        t.push('\n');
    }
    t
}

// The procurement table's lines are keyed by their 大类/专项/经济科目 path and every line is
// the sum of the lines under it. A sum inside the tree read from merged cells that fails is
// not checkable (a line may sit under the wrong parent); the 合计 over the 大类 is certain.
#[test]
fn procurement_tree_by_label_path() {
    let r = run(&procurement("20.00", "7.00"));
    let ex = r.extraction.as_ref().expect("extraction");
    let t = ex
        .std_tables
        .iter()
        .find(|t| t.kind == "budget.procurement")
        .expect("procurement table");
    let keys: Vec<&str> = t.rows.iter().map(|r| r.key.as_str()).collect();
    for k in [
        "货物A/办公设备购置费/办公设备购置",
        "服务C/会议经费/会议费",
        "服务C/会议经费/印刷费",
    ] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    let rep = r.report.as_ref().expect("report");
    assert!(rep.findings.is_empty(), "{:?}", rep.findings);
    assert!(
        rep.coverage.by_kind["column_sum"].passed >= 5,
        "{:?}",
        rep.coverage.by_kind
    );

    let r = run(&procurement("21.00", "7.00"));
    let rep = r.report.as_ref().expect("report");
    assert!(
        rep.findings.iter().all(|f| f.severity == Severity::Info),
        "{:?}",
        rep.findings
    );
    assert!(rep.findings.iter().any(|f| f.rule == "table.column_sum"));

    let r = run(&procurement("20.00", "8.00"));
    let rep = r.report.as_ref().expect("report");
    let errors: Vec<_> = rep
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(errors, vec!["table.column_sum"], "{:?}", rep.findings);
}

// An item's "2024年预算安排B" restates the figure of its 类/款/项 heading: compared with the
// cell the heading is bound to, a B the heading and the table both contradict is an error.
#[test]
fn restated_item_level_against_its_cell() {
    let doc = |level: &str| {
        let mut t = String::from("某某局2024年部门预算\n\n");
        t.push_str(&disclosure("30.00", "20.00"));
        t.push_str(&format!(
            "\n住房保障支出（类）住房改革支出（款）住房公积金（项）30.00万元，主要用于住房公积金。2023年执行数为28.00万元，2024年预算安排{level}万元，比2023年执行数增加7.14%。\n"
        ));
        t
    };
    let r = run(&doc("30.00"));
    let rep = r.report.as_ref().expect("report");
    assert!(rep.findings.is_empty(), "{:?}", rep.findings);
    let r = run(&doc("31.00"));
    let rep = r.report.as_ref().expect("report");
    let errors: Vec<_> = rep
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.as_str())
        .collect();
    assert!(errors.contains(&"table.text"), "{:?}", rep.findings);
    assert!(errors.contains(&"yoy.rate"), "{:?}", rep.findings);
}

/// A 一般公共预算财政拨款支出决算表 printed by name only (no 类/款/项 codes), `rows` after
/// 合计 (the names indented with full-width spaces or not).
fn names_only(rows: &[[&str; 4]]) -> String {
    let mut t = String::from("一般公共预算财政拨款支出决算表\n\n单位：万元\n\n");
    let head = [
        ["功能分类科目名称", "本年支出", "本年支出", "本年支出"],
        ["", "合计", "基本支出", "项目支出"],
    ];
    for row in head.iter().chain(rows) {
        for c in row {
            t.push('\t');
            t.push_str(c);
            t.push('\n');
        }
        t.push('\n');
    }
    t
}

/// The column sums of a run as (checkable, unsure) counts, and its error findings' rules.
fn column_sums(r: &crossfoot::DocResult) -> (usize, usize, Vec<String>) {
    let ex = r.extraction.as_ref().expect("extraction");
    let col: Vec<_> = ex
        .statements
        .iter()
        .filter(|s| {
            s.kind == StatementKind::TableSum
                && s.detail
                    .as_deref()
                    .is_some_and(|d| d.starts_with("column|"))
        })
        .collect();
    let sure = col.iter().filter(|s| s.unsure.is_none()).count();
    let rep = r.report.as_ref().expect("report");
    let errors = rep
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.clone())
        .collect();
    (sure, col.len() - sure, errors)
}

/// A names-only body: 合计, two 类 with their 款 and 项, the 项 行政运行 printed `item`; the
/// names indented by level (two full-width spaces a level) or flush.
fn names_only_body(total: &str, item: &str, indented: bool) -> Vec<[String; 4]> {
    let ind = |level: usize, name: &str| {
        if indented {
            format!("{}{name}", "\u{3000}".repeat(2 * level))
        } else {
            name.to_string()
        }
    };
    vec![
        ["合计".into(), total.into(), "20.00".into(), "10.00".into()],
        [
            ind(0, "一般公共服务支出"),
            "20.00".into(),
            "15.00".into(),
            "5.00".into(),
        ],
        [
            ind(1, "财政事务"),
            "20.00".into(),
            "15.00".into(),
            "5.00".into(),
        ],
        [ind(2, "行政运行"), item.into(), "12.00".into(), "".into()],
        [
            ind(2, "一般行政管理事务"),
            "8.00".into(),
            "3.00".into(),
            "5.00".into(),
        ],
        [
            ind(0, "住房保障支出"),
            "10.00".into(),
            "5.00".into(),
            "5.00".into(),
        ],
        [
            ind(1, "住房改革支出"),
            "10.00".into(),
            "5.00".into(),
            "5.00".into(),
        ],
        [
            ind(2, "住房公积金"),
            "10.00".into(),
            "5.00".into(),
            "5.00".into(),
        ],
    ]
}

fn names_only_text(rows: &[[String; 4]]) -> String {
    let rows: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| [&*r[0], &*r[1], &*r[2], &*r[3]])
        .collect();
    names_only(&rows)
}

// A function table printed by name only, its names flush: a 类 is known by its name, so
// 合计 = Σ类 is checked (a wrong 合计 is an error); the 款 and 项 under a 类 cannot be told
// apart, so a 类 against them is not checkable, and a wrong 项 is no column-sum error (its
// row sum finds it). With a first row that is no 类, or a 其他支出 (a 类, a 款 and a 项 by
// that name), nothing of the column sums is certain.
#[test]
fn function_table_by_name_only() {
    let body = |total: &str, item: &str| names_only_body(total, item, false);
    let text = |rows: &[[String; 4]]| names_only_text(rows);
    // 合计 = Σ类 in three columns; the two 类 over their rows in three columns, unsure.
    let (sure, unsure, errors) = column_sums(&run(&text(&body("30.00", "12.00"))));
    assert_eq!((sure, unsure), (3, 6));
    assert!(errors.is_empty(), "{errors:?}");
    // A wrong 合计 breaks 合计 = Σ类 (and its own row sum).
    let (_, _, errors) = column_sums(&run(&text(&body("31.00", "12.00"))));
    assert!(errors.iter().any(|e| e == "table.column_sum"), "{errors:?}");
    let (_, _, errors) = column_sums(&run(&text(&body("30.00", "13.00"))));
    assert_eq!(errors, vec!["table.row_sum"]);
    // The first row no 类: 合计 not checkable either.
    let mut rows = body("30.00", "12.00");
    rows.swap(1, 2);
    let (sure, unsure, errors) = column_sums(&run(&text(&rows)));
    assert_eq!((sure, errors.len()), (0, 0));
    assert!(unsure >= 3, "{unsure}");
    // 其他支出 among the rows: 合计 not checkable.
    let mut rows = body("30.00", "12.00");
    rows[7][0] = "其他支出".to_string();
    let (sure, _, errors) = column_sums(&run(&text(&rows)));
    assert_eq!((sure, errors.len()), (0, 0));
}

// The same table with its names indented by level: the indentation tells 类, 款 and 项 apart,
// so every parent against the rows one level under it is checked (a wrong 项 is a column-sum
// error at its 款) and a 其他支出 indented as a 项 is a 项. Indentation that does not tell the
// levels without doubt (a 款 flush with the 类, a list starting below a 类, a 类 name indented
// as a 款) leaves them as for flush names.
#[test]
fn function_table_by_name_only_indented() {
    let body = |total: &str, item: &str| names_only_body(total, item, true);
    let text = |rows: &[[String; 4]]| names_only_text(rows);
    // 合计 = Σ类, 类 = Σ款 (2), 款 = Σ项 (2): five sums in three columns, all certain.
    let r = run(&text(&body("30.00", "12.00")));
    let (sure, unsure, errors) = column_sums(&r);
    assert_eq!((sure, unsure), (15, 0));
    assert!(errors.is_empty(), "{errors:?}");
    let st = &r.extraction.as_ref().expect("extraction").std_tables[0];
    let levels: Vec<u8> = st.rows.iter().map(|r| r.level).collect();
    assert_eq!(levels, vec![0, 1, 2, 3, 3, 1, 2, 3]);
    let (_, _, errors) = column_sums(&run(&text(&body("30.00", "13.00"))));
    assert!(errors.iter().any(|e| e == "table.column_sum"), "{errors:?}");
    assert!(errors.iter().any(|e| e == "table.row_sum"), "{errors:?}");
    let mut rows = body("30.00", "12.00");
    rows[7][0] = "\u{3000}\u{3000}\u{3000}\u{3000}其他支出".to_string();
    let (sure, _, errors) = column_sums(&run(&text(&rows)));
    assert_eq!((sure, errors.len()), (15, 0));
    // Doubtful indentation: the flush table's counts.
    for doubt in [
        |rows: &mut Vec<[String; 4]>| rows[2][0] = "财政事务".to_string(),
        |rows: &mut Vec<[String; 4]>| rows.swap(1, 2),
        |rows: &mut Vec<[String; 4]>| rows[5][0] = "\u{3000}\u{3000}住房保障支出".to_string(),
    ] {
        let mut rows = body("30.00", "12.00");
        doubt(&mut rows);
        let (sure, _, errors) = column_sums(&run(&text(&rows)));
        assert!(sure <= 3, "{sure}");
        assert!(errors.is_empty(), "{errors:?}");
    }
}
