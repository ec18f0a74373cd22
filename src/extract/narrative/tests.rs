//! Narrative extraction on small texts: bindings, and phrasing variants that must extract
//! identically (DESIGN.md §3, the extract task's variant list).

use crate::extract::{Extraction, Role, StatementKind};
use crate::patterns::PatternSet;
use rust_decimal::Decimal;

fn read(text: &str) -> Extraction {
    let set = PatternSet::builtin().expect("patterns");
    let r = crate::process(
        "t.txt",
        text.as_bytes(),
        &set,
        &crate::Config::default(),
        false,
    );
    r.extraction.expect("extraction")
}

/// What must not change between phrasings: labels, kinds, values (in 万元 for amounts),
/// concepts, and statements with their roles and signs.
type FactShape = (String, String, String, Option<String>);
type StatementShape = (StatementKind, Vec<usize>, Vec<Role>, Option<i8>);

fn shape(ex: &Extraction) -> (Vec<FactShape>, Vec<StatementShape>) {
    let facts = ex
        .facts
        .iter()
        .map(|f| {
            let v = f.value_wan.unwrap_or(f.value).normalize().to_string();
            (
                f.label.clone(),
                format!("{:?}", f.kind),
                v,
                f.concept.clone(),
            )
        })
        .collect();
    let statements = ex
        .statements
        .iter()
        .map(|s| (s.kind, s.facts.clone(), s.roles.clone(), s.sign))
        .collect();
    (facts, statements)
}

fn kinds(ex: &Extraction) -> Vec<StatementKind> {
    ex.statements.iter().map(|s| s.kind).collect()
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

const BASE: &str = "2024年度收入总计2,405.59万元，其中：本年收入合计1,298.54万元，使用非财政拨款结余（含专用结余）0.00万元，年初结转和结余1,107.05万元。\n收入支出总体与上年相比，增加472.54万元，增长24.45%，主要原因是：本年增加项目。\n";

// The base text: a sum with three parts and a yoy bound to 收入总计 through its subject.
#[test]
fn base_sum_and_subject_yoy() {
    let ex = read(BASE);
    assert_eq!(kinds(&ex), vec![StatementKind::Sum, StatementKind::Yoy]);
    let yoy = &ex.statements[1];
    assert_eq!(yoy.facts, vec![0, 4, 5]);
    assert_eq!(yoy.sign, Some(1));
    assert_eq!(ex.facts[4].label, "收入总计/比上年增减");
    assert_eq!(ex.facts[5].label, "收入总计/增减率");
    assert_eq!(ex.facts[0].value, dec("2405.59"));
    assert_eq!(ex.facts[0].stated, "2,405.59");
}

// 。 instead of ， between the change amount and its rate.
#[test]
fn full_stop_between_delta_and_rate() {
    let v = BASE.replace("472.54万元，增长", "472.54万元。增长");
    assert_eq!(shape(&read(&v)), shape(&read(BASE)));
}

// 。 instead of ；/， between the parts of a 其中 list.
#[test]
fn full_stop_between_list_parts() {
    let a = "本年收入1,298.54万元，其中：财政拨款收入1,021.54万元，占78.67%；其他收入277.00万元，占21.33%。\n";
    let b = "本年收入1,298.54万元，其中：财政拨款收入1,021.54万元，占78.67%。其他收入277.00万元，占21.33%。\n";
    let ea = read(a);
    assert_eq!(
        kinds(&ea),
        vec![
            StatementKind::Share,
            StatementKind::Share,
            StatementKind::Sum,
            StatementKind::ShareFamily
        ]
    );
    assert_eq!(shape(&read(b)), shape(&ea));
}

// A total after 。 is never a part of the list before it.
#[test]
fn next_total_is_not_a_part() {
    let ex = read("财政拨款收入总计1,051.02万元，其中：年初财政拨款结转和结余29.48万元，本年财政拨款收入1,021.54万元。财政拨款支出总计1,051.02万元。\n");
    assert_eq!(kinds(&ex), vec![StatementKind::Sum]);
    assert_eq!(ex.statements[0].facts, vec![0, 1, 2]);
}

// 合计 and 总计 give the same concept and statements.
#[test]
fn heji_and_zongji() {
    let a = read(BASE);
    let b = read(&BASE.replace("收入总计2,405.59", "收入合计2,405.59"));
    assert_eq!(b.facts[0].concept.as_deref(), Some("income.total"));
    assert_eq!(shape(&a).1, shape(&b).1);
}

// 较上年 / 同比 / 比上年 / 与上年相比 bind the same change.
#[test]
fn yoy_markers() {
    let base = "2024年度财政拨款“三公”经费支出10.91万元，比上年增加6.21万元，增长132.13%，主要原因是：租赁费。\n";
    let want = shape(&read(base));
    assert_eq!(want.1.len(), 1);
    assert_eq!(want.1[0].0, StatementKind::Yoy);
    for marker in ["较上年", "同比", "与上年相比", "与上年相比，", "比上年度"] {
        let v = base.replace("比上年", marker);
        assert_eq!(shape(&read(&v)), want, "marker {marker}");
    }
}

// Hard wraps inside a sentence, a stray space in a number or before the unit, spaces
// before %, full-width digits and ％ all extract the same values and statements.
#[test]
fn wraps_spaces_and_full_width() {
    let want = shape(&read(BASE));
    let variants = [
        BASE.replace("2,405.59万元，其中", "2,405.59万\n元，其中"),
        BASE.replace("2,405.59万元", "2,405.59 万元"),
        BASE.replace("2,405.59万元", "2,405. 59万元"),
        BASE.replace("24.45%", "24.45 %"),
        BASE.replace("24.45%", "２４．４５％"),
        BASE.replace("1,107.05", "１，１０７．０５"),
    ];
    for v in &variants {
        assert_eq!(shape(&read(v)), want, "variant {v}");
    }
    let fw = read(&variants[4]);
    assert_eq!(fw.facts[5].stated, "２４．４５");
    assert_eq!(fw.facts[5].value, dec("24.45"));
}

// 元 and 亿元 convert to 万元 exactly.
#[test]
fn yuan_and_yi_convert_exactly() {
    let want = shape(&read(BASE));
    let yuan = read(
        &BASE
            .replace("2,405.59万元", "24,055,900.00元")
            .replace("1,298.54万元", "12,985,400.00元"),
    );
    assert_eq!(yuan.facts[0].value_wan, Some(dec("2405.59")));
    assert_eq!(yuan.facts[0].unit, "元");
    assert_eq!(shape(&yuan), want);
    let yi = read(&BASE.replace("2,405.59万元", "0.240559亿元"));
    assert_eq!(
        yi.facts[0].value_wan.map(|d| d.normalize()),
        Some(dec("2405.59"))
    );
    assert_eq!(shape(&yi), want);
}

// A 其中 with a single part is a subset, not a sum; its named-base share still binds.
#[test]
fn single_part_list_is_not_a_sum() {
    let ex = read("政府采购支出总额300.68万元。\n授予中小企业合同金额300.68万元，占政府采购支出总额的100.00%，其中：授予小微企业合同金额249.44万元，占政府采购支出总额的82.96%。\n");
    assert_eq!(kinds(&ex), vec![StatementKind::Share, StatementKind::Share]);
    assert_eq!(ex.statements[1].facts, vec![3, 0, 4]);
    assert_eq!(ex.facts[4].label, "授予小微企业合同金额/占比");
}

// 其中：人员经费…。 / 公用经费…。 across a paragraph break is one sum.
#[test]
fn sum_continues_into_next_paragraph_once() {
    let ex = read("2024年度一般公共预算财政拨款基本支出572.38万元，其中：人员经费531.01万元，包括：基本工资、津贴补贴。\n公用经费41.37万元，包括：办公费、印刷费。\n机关运行经费支出41.37万元。\n");
    assert_eq!(kinds(&ex), vec![StatementKind::Sum]);
    assert_eq!(ex.statements[0].facts, vec![0, 1, 2]);
}

// A change at the start of a later sentence is about the list's total, not its last part.
#[test]
fn sentence_initial_change_is_about_the_topic() {
    let ex = read("收入总计100.00万元，其中：甲收入60.00万元，乙收入40.00万元。与上年相比，增加10.00万元，增长11.11%。\n");
    let yoy = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Yoy)
        .expect("yoy");
    assert_eq!(yoy.fact(Role::Current), Some(0));
}

// A count and its list: top-level items only, brackets with 、 inside count once.
#[test]
fn list_count() {
    let ex = read("下设3个科室，分别是：办公室（人事科、财务科）、甲科、乙中心。\n");
    assert_eq!(kinds(&ex), vec![StatementKind::ListCount]);
    assert_eq!(ex.statements[0].expected, Some(Decimal::from(3)));
    assert_eq!(ex.statements[0].detail.as_deref(), Some("3"));
    assert_eq!(ex.facts[0].label, "下设科室");
}

// A change with no current quantity in its paragraph yields facts but no statement.
#[test]
fn unbound_change_has_no_statement() {
    let ex = read("与上年相比，增加10.00万元，增长11.11%。\n");
    assert_eq!(ex.facts.len(), 2);
    assert!(ex.statements.is_empty());
}
