//! The standard tables (公开表) read from flattened text, checked inside and against the text.

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
