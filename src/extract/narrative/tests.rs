//! Narrative extraction on small texts: bindings, and phrasing variants that must extract
//! identically.

use crate::extract::{Extraction, Role, Statement, StatementKind};
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

// A PDF that breaks the line after each part: the list goes on over paragraphs while its
// parts fall short of the total, and stops once they reach it.
#[test]
fn sum_continues_over_paragraphs_while_short() {
    let ex = read("本年支出预算合计300.00万元，其中：基本支出100.00万元，占33.33%；\n项目支出150.00万元，占50.00%；\n单位预留机动经费50.00万元，占16.67%。\n办公经费20.00万元。\n");
    let sums: Vec<&Statement> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Sum)
        .collect();
    assert_eq!(sums.len(), 1);
    assert_eq!(sums[0].facts, vec![0, 1, 3, 5]);
}

// A later figure larger than what the list still lacks is not its part: the list closes
// with what it has (and is checked as such).
#[test]
fn carried_list_refuses_a_figure_that_overshoots() {
    let ex = read("支出合计300.00万元，其中：基本支出100.00万元；\n项目支出150.00万元。\n培训费900.00万元。\n");
    let sum = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Sum)
        .expect("sum");
    assert_eq!(sum.facts, vec![0, 1, 2]);
}

// "支出X，其中：财政拨款支出X。财政拨款支出中，一般公共预算X；政府性基金0…": the second sentence
// breaks the part down; it does not continue the complete list.
#[test]
fn breakdown_of_a_part_does_not_continue_the_list() {
    let ex = read("支出预算500.00万元，其中：财政拨款支出预算500.00万元，比2023年预算减少10.00万元。财政拨款支出预算中，一般公共预算拨款支出预算500.00万元；政府性基金拨款支出预算0.00万元。\n");
    for st in &ex.statements {
        if st.kind == StatementKind::Sum {
            let total = ex.facts[st.fact(Role::Total).expect("total")].value;
            let parts: Decimal = st
                .facts_with(Role::Part)
                .iter()
                .map(|&f| ex.facts[f].value)
                .sum();
            assert_eq!(total, parts, "{:?}", st.quote);
        }
    }
}

// "…常委会议4次，主席会议12次。其中专题议政性常委会议2次，主席专题协商会议2次。": a 其中 that
// opens a sentence after several figures may break down any of them; a sum that does not
// hold is not checkable rather than an error.
#[test]
fn sentence_initial_breakdown_after_several_figures_is_unsure() {
    let ex = read("全年计划召开全体会议1次，常委会议4次，主席会议12次。其中专题议政性常委会议2次，主席专题协商会议2次。\n");
    let sum = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Sum)
        .expect("sum");
    assert!(sum.unsure.is_some());
    let ex = read("本年收入预算合计300.00万元。其中：一般公共预算收入200.00万元，财政专户管理资金100.00万元。\n");
    let sum = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Sum)
        .expect("sum");
    assert!(sum.unsure.is_none());
}

// "…与上年相比（上年部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%": the figure
// before the change is last year's, not this year's: it is the base of the rate, and with no
// change amount the change is not checked against it.
#[test]
fn change_after_a_prior_year_figure_is_unsure() {
    let ex = read("部门支出预算安排与上年相比（上年部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。\n");
    let yoy = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Yoy)
        .expect("yoy");
    // The prior year is the base of the rate; there is no current figure.
    assert!(yoy.unsure.is_none());
    assert_eq!(yoy.roles, vec![Role::Base, Role::Delta, Role::Rate]);
    let ex =
        read("部门支出预算安排与上年相比（上年部门支出预算安排为8,648.07万元），增长5.77%。\n");
    let yoy = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Yoy)
        .expect("yoy");
    assert!(yoy.unsure.is_some());
    let ex = read("部门支出预算安排9,146.79万元，比上年增加498.72万元，增长5.77%。\n");
    let yoy = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Yoy)
        .expect("yoy");
    assert!(yoy.unsure.is_none());
}

// 项 lines named without their 款 ("…（类）…（项）") keep their path but make no 类 sum:
// where they sit in the tree is not printed.
#[test]
fn xiang_lines_without_kuan_make_no_tree_sum() {
    let ex = read("1．行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）256.76万元，与上年相比减少1351.75万元，减少84.04%。\n2．行政事业单位离退休（类）机关事业单位基本养老保险缴费支出（项）580.01万元，此项支出是今年新增支出。\n");
    assert!(ex.statements.iter().all(|s| s.kind != StatementKind::Sum));
    assert_eq!(
        ex.facts[0].concept.as_deref(),
        Some("func:行政事业单位离退休/未归口管理的行政单位离退休支出")
    );
}

// "地上A（其中计容B，不计容C），地下D": B and C break A down; the total is A + D.
#[test]
fn parenthesised_sub_breakdown_is_nested() {
    let ex = read("本工程规划建筑面积约为13459平方米，其中地上建筑面积8103平方米（其中计容面积7998平方米，不计容面积105平方米），地下建筑面积5356平方米。\n");
    let sums: Vec<Vec<usize>> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Sum)
        .map(|s| s.facts.clone())
        .collect();
    assert_eq!(sums, vec![vec![1, 2, 3], vec![0, 1, 4]]);
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

// 较2023年 / 与2023年度相比 are markers, not subjects; 增幅/降幅 carry their sign.
#[test]
fn year_markers_and_rate_words() {
    let ex = read("支出总计1,000.00万元，较2023年减少50.00万元，降幅4.76%。\n");
    assert_eq!(kinds(&ex), vec![StatementKind::Yoy]);
    assert_eq!(ex.statements[0].facts, vec![0, 1, 2]);
    assert_eq!(ex.statements[0].sign, Some(-1));
    assert_eq!(ex.statements[0].detail, None);
    let ex = read("收入支出总体与2023年度相比，增幅为10.00%。\n收入总计110.00万元。\n");
    // The subject names a total that is not printed before it: no statement.
    assert!(ex.statements.is_empty());
}

// "A、B分别为X、Y": each quantity gets its own label, not the previous one's.
#[test]
fn respectively_lists() {
    let ex = read("2024年度，本年收入合计、本年支出合计分别为1,298.54万元、1,271.72万元，财政拨款收入、其他收入分别占78.67%、21.33%。\n");
    let labels: Vec<&str> = ex.facts.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "本年收入合计",
            "本年支出合计",
            "财政拨款收入/占比",
            "其他收入/占比"
        ]
    );
    assert_eq!(ex.facts[1].concept.as_deref(), Some("expenditure.current"));
    assert!(ex.statements.is_empty());
}

// Never a panic, whatever the text: every prefix and suffix of dense seed paragraphs, and
// junk (unbalanced brackets, lone separators, huge numbers, mixed widths).
#[test]
fn no_panic_on_cut_or_junk_text() {
    let seed = include_str!("../../../corpus/changji-minzheng-2024-juesuan.txt");
    let set = PatternSet::builtin().expect("patterns");
    let dense: Vec<&str> = seed
        .lines()
        .filter(|l| l.contains("其中") || l.contains("分别是") || l.contains("(项)"))
        .take(6)
        .collect();
    let mut texts: Vec<String> = Vec::new();
    for p in &dense {
        let chars: Vec<char> = p.chars().collect();
        for i in (0..chars.len()).step_by(3) {
            texts.push(chars[..i].iter().collect());
            texts.push(chars[i..].iter().collect());
        }
    }
    texts.extend(
        [
            "（（（其中：：，，1,2,3万元、、分别为",
            "占的%％ 增加万元 差异率%",
            "99999999999999999999999999999999999.99万元，其中：1万元",
            "１，２３４，５６７．８９亿元。其中，。",
            "单价万元(含)以上0台(套)下设个科室,分别是:(、(、",
            "一般公共服务支出(类)(款)(项):支出决算数为万元",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for t in &texts {
        let mut ex = Extraction::default();
        let loc = crate::document::Location::default();
        let ids = super::extract_text(t, &loc, Some("p"), &set, &mut ex);
        assert_eq!(ids.len(), ex.facts.len(), "{t}");
    }
}

// Outside a list, an unnamed share base comes from the heading only for 类/款/项 lines.
#[test]
fn heading_base_only_for_function_lines() {
    let ex = read("财政拨款“三公”经费支出10.91万元。\n（一）财政拨款“三公”经费支出情况\n公务用车运行维护费10.30万元，占100.00%。\n1.社会保障和就业支出(类)10.00万元，占91.66%。\n");
    let shares: Vec<Vec<Role>> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Share)
        .map(|s| s.roles.clone())
        .collect();
    assert_eq!(
        shares,
        vec![
            vec![Role::Part, Role::Rate],
            vec![Role::Part, Role::Base, Role::Rate]
        ]
    );
}

// "年初预算为A，支出决算为B，完成年初预算的C%": an execution rate (actual over budget).
#[test]
fn execution_rate_in_narrative() {
    let ex = read("一般公共预算财政拨款支出年初预算为699.39万元，支出决算为721.95万元，完成年初预算的103.23%。\n");
    assert_eq!(kinds(&ex), vec![StatementKind::ExecutionRate]);
    assert_eq!(ex.statements[0].facts, vec![1, 0, 2]);
    let labels: Vec<&str> = ex.facts.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "一般公共预算财政拨款支出/年初预算",
            "一般公共预算财政拨款支出/支出决算",
            "一般公共预算财政拨款支出/预算完成率"
        ]
    );
}

// "收入、支出总计均为X。…收入、支出总计各增加A，增长B%": 均/各 are not part of the label, and
// the change binds to the named total.
#[test]
fn jun_and_ge_suffixes() {
    let ex = read("2023年度收入、支出总计均为3,456.78万元。与2022年度相比，收入、支出总计各增加123.45万元，增长3.70%。\n");
    assert_eq!(ex.facts[0].label, "支出总计");
    assert_eq!(ex.facts[0].concept.as_deref(), Some("expenditure.total"));
    assert_eq!(kinds(&ex), vec![StatementKind::Yoy]);
    assert_eq!(ex.statements[0].facts, vec![0, 1, 2]);
}

// A minus printed before a variance rate is the rate's sign and the rate joins the
// variance; a range "90-100%" keeps its bound unsigned.
#[test]
fn negative_variance_rate_is_signed_and_attached() {
    let ex = read("与年初预算相比，年初预算数100.00万元，决算数94.38万元，预决算差异率-5.62%，主要原因是节约。\n");
    let rate = ex
        .facts
        .iter()
        .find(|f| f.label == "预决算差异率")
        .expect("rate fact");
    assert_eq!(rate.value, Decimal::new(-562, 2));
    assert_eq!(kinds(&ex), vec![StatementKind::Variance]);
    assert_eq!(
        ex.statements[0].roles,
        vec![Role::Budget, Role::Actual, Role::Rate]
    );
    let range = read("满意度目标为90-100%。\n");
    let bound: Vec<Decimal> = range.facts.iter().map(|f| f.value).collect();
    assert_eq!(bound, vec![Decimal::new(100, 0)]);
}

// "2023年执行数为A万元，2024年安排B万元，比2023年执行数增加r%": the rate is between the two
// printed levels (Current, Rate, Base), and the direction word is a relation of its own
// (Current, Base). A 持平 with no figure is one too; 基本持平 is not; a marker naming
// another year binds nothing.
#[test]
fn change_between_two_printed_levels() {
    let text = "某某局2024年部门预算\n\n2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。\n2023年当年预算执行数为217.72万元，2024年预算安排217.72万元，比2023年预算执行数持平。\n2023年执行数为10.00万元，2024年预算安排12.00万元，比2023年执行数基本持平。\n2022年执行数为10.00万元，2024年预算安排12.00万元，比2022年执行数增加20.00%。\n";
    let ex = read(text);
    let yoy: Vec<&Statement> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Yoy)
        .collect();
    let val = |i: usize| ex.facts[i].value.to_string();
    let shapes: Vec<(Vec<Role>, Vec<String>, Option<i8>)> = yoy
        .iter()
        .map(|s| {
            (
                s.roles.clone(),
                s.facts.iter().map(|&f| val(f)).collect(),
                s.sign,
            )
        })
        .collect();
    assert_eq!(
        shapes[..3],
        [
            (
                vec![Role::Current, Role::Rate, Role::Base],
                vec!["352.67".into(), "0.53".into(), "348.52".into()],
                Some(1)
            ),
            (
                vec![Role::Current, Role::Base],
                vec!["352.67".into(), "348.52".into()],
                Some(1)
            ),
            (
                vec![Role::Current, Role::Base],
                vec!["217.72".into(), "217.72".into()],
                Some(0)
            ),
        ]
    );
    // 基本持平 makes no statement; 2022 is not the prior year of 2024: no Base.
    assert_eq!(yoy.len(), 4);
    assert!(!yoy[3].roles.contains(&Role::Base));
}

// "X预算数为A万元。与上年相比增加B万元，增长r%": a 预算数 that opens no variance is the
// figure the next sentence's change is about.
#[test]
fn budget_figure_without_actual_takes_the_change() {
    let ex =
        read("单位预留机动经费预算数为1685.72万元。与上年相比增加1557.29万元，增长1312.56%。\n");
    let yoy = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Yoy)
        .expect("yoy");
    assert_eq!(yoy.roles, vec![Role::Current, Role::Delta, Role::Rate]);
    assert_eq!(ex.facts[yoy.facts[0]].value.to_string(), "1685.72");
}

// "…收、支总预算A万元。与上年相比，收、支总计各增加B万元，增长r%": the change is about the
// total just stated under a shorter name.
#[test]
fn change_of_both_totals_takes_the_stated_total() {
    let ex = read("财政拨款收、支总预算33172.15万元。与上年相比，财政拨款收、支总计各增加4322.77万元，增长14.98%。\n");
    let yoy = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Yoy)
        .expect("yoy");
    assert_eq!(yoy.roles, vec![Role::Current, Role::Delta, Role::Rate]);
    assert_eq!(ex.facts[yoy.facts[0]].value.to_string(), "33172.15");
    // A subject naming something else binds nothing.
    let ex = read(
        "财政拨款收、支总预算33172.15万元。与上年相比，项目支出增加4322.77万元，增长14.98%。\n",
    );
    assert!(ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Yoy)
        .all(|s| s
            .facts
            .iter()
            .all(|&f| ex.facts[f].value.to_string() != "33172.15")));
}

// "总计A万元。包括：" and then numbered paragraphs: the first amount of each paragraph at the
// first numbering is a part; deeper numberings break the parts down; a paragraph numbered
// at the opener's level ends the list. Unnumbered paragraphs are taken one part each while
// the parts fall short of the total; a list so read that still falls short is not certain.
#[test]
fn parts_in_numbered_paragraphs() {
    let ex = read("（一）收入预算总计9,146.79万元。包括：\n1.财政拨款收入预算总计9,066.79万元。\n（1）一般公共预算收入9,066.79万元。\n2.其他资金收入预算总计80万元。\n（二）支出预算总计9,146.79万元。\n");
    let sums: Vec<Vec<String>> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Sum)
        .map(|s| {
            s.facts
                .iter()
                .map(|&f| ex.facts[f].value.to_string())
                .collect()
        })
        .collect();
    assert_eq!(sums, vec![vec!["9146.79", "9066.79", "80"]]);
    // Not numbered: parts one paragraph at a time.
    let ex =
        read("收入预算总计9,146.79万元。包括：\n财政拨款收入9,066.79万元。\n其他资金80万元。\n");
    let sum: Vec<&Statement> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Sum)
        .collect();
    assert_eq!(sum.len(), 1);
    assert_eq!(sum[0].facts.len(), 3);
    assert!(sum[0].unsure.is_none());
    let ex = read("收入预算总计9,146.79万元。包括：\n财政拨款收入9,066.79万元。\n会议费12万元。\n");
    let sum: Vec<&Statement> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Sum)
        .collect();
    assert_eq!(sum.len(), 1);
    assert!(sum[0].unsure.is_some());
}

// Letter-spaced text (copied from a justified PDF) reads as the same text without the spaces.
#[test]
fn letter_spaced_text() {
    let spaced = read("收 入 、 支 出 预 算 总 计 21,955.35 万 元 ， 与 上 年 相 比 收 、 支 预 算 总 计 各 增 加 3,958.67 万元，增长 21.95 %。\n");
    let plain = read("收入、支出预算总计21,955.35万元，与上年相比收、支预算总计各增加3,958.67万元，增长21.95%。\n");
    assert_eq!(shape(&spaced), shape(&plain));
    assert!(spaced
        .statements
        .iter()
        .any(|s| s.kind == StatementKind::Yoy));
}

// "比上年执行数减少r%。主要原因是：X经费增加。": the cause names the opposite direction and is
// recorded on the direction statement; a cause of the same direction, or of two clauses, is
// not.
#[test]
fn cause_against_the_change() {
    let doc = |cause: &str| {
        read(&format!("某某局2024年部门预算\n\n2023年执行数为114.00万元，2024年预算安排110.60万元，比2023年执行数减少2.98%。主要原因是：{cause}。\n"))
    };
    let marked = |ex: &Extraction| {
        ex.statements
            .iter()
            .filter(|s| {
                s.detail
                    .as_deref()
                    .is_some_and(|d| d.starts_with(crate::extract::narrative::CAUSE_CONTRADICTS))
            })
            .count()
    };
    assert_eq!(marked(&doc("宣传经费增加")), 1);
    assert_eq!(marked(&doc("宣传经费减少")), 0);
    assert_eq!(marked(&doc("人员增加，公用经费减少")), 0);
}

// A 类 path labels the first amount after it: the total stated before it in the same
// sentence keeps its own label, and a lead-in ending 主要用于以下方面： is the base of the
// shares that follow.
#[test]
fn func_path_after_a_total_and_lead_in_base() {
    let ex = read(
        "2024年度某局决算\n\n一般公共预算财政拨款支出307.82万元，主要用于以下方面：一般公共服务支出（类）264.87万元，占86.05%；住房保障支出（类）42.95万元，占13.95%。\n",
    );
    let total = ex
        .facts
        .iter()
        .position(|f| f.value == dec("307.82"))
        .expect("total");
    assert_eq!(ex.facts[total].label, "一般公共预算财政拨款支出");
    let lei = ex
        .facts
        .iter()
        .find(|f| f.value == dec("264.87"))
        .expect("类 line");
    assert_eq!(lei.concept.as_deref(), Some("func:一般公共服务支出"));
    let shares: Vec<&Statement> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Share)
        .collect();
    assert_eq!(shares.len(), 2);
    assert!(shares.iter().all(|s| s.fact(Role::Base) == Some(total)));
}

// A paragraph that runs over a page break: each figure, and the key of the statement it
// asserts, takes the page it is printed on.
#[test]
fn figures_take_the_page_they_are_printed_on() {
    let text = "一般公共预算财政拨款支出307.82万元，占本年支出合计的100.00%。与2023年度相比，一般公共预算财政拨款支出增加307.82万元，增长100.00%。";
    let cut = text.find("增长").expect("cut");
    let para = crate::document::Paragraph {
        text: text.to_string(),
        page_starts: vec![(cut, 18)],
    };
    let set = PatternSet::builtin().expect("patterns");
    let mut doc = crate::document::Document::default();
    doc.push_paragraph("2024年度某局决算".into(), Some(17), None);
    let b = doc.push_paragraph(String::new(), Some(17), None);
    doc.blocks[b].kind = crate::document::BlockKind::Paragraph(para);
    let ex = crate::extract::extract(&doc, &set);
    let pages: Vec<(String, Option<u32>)> = ex
        .facts
        .iter()
        .map(|f| (f.stated.clone(), f.location.page))
        .collect();
    assert_eq!(
        pages,
        vec![
            ("307.82".to_string(), Some(17)),
            ("100.00".to_string(), Some(17)),
            ("307.82".to_string(), Some(17)),
            ("100.00".to_string(), Some(18)),
        ]
    );
    let yoy = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Yoy)
        .expect("yoy");
    assert_eq!(yoy.key.as_deref(), Some("narr|yoy|p18|100.00%"));
    assert_eq!(yoy.location.page, Some(18));
}

// 其中： ending a paragraph, its parts one per unnumbered paragraph after it (a PDF that
// breaks the line after each part): the parts sum to the total and are its shares.
#[test]
fn tail_list_over_unnumbered_paragraphs() {
    let ex = read(
        "某部门2025年部门预算\n\n本年支出预算合计15897.44万元，其中：\n\n基本支出7877.76万元，占49.55%；\n\n项目支出6333.96万元，占39.84%；\n\n单位预留机动经费1685.72万元，占10.61%。\n",
    );
    let total = ex
        .facts
        .iter()
        .position(|f| f.value == dec("15897.44"))
        .expect("total");
    let sum = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Sum)
        .expect("sum");
    assert_eq!(sum.fact(Role::Total), Some(total));
    assert_eq!(sum.facts.len(), 4);
    let shares: Vec<&Statement> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Share)
        .collect();
    assert_eq!(shares.len(), 3);
    assert!(shares.iter().all(|s| s.fact(Role::Base) == Some(total)));
}

// A numbered list waits over unnumbered paragraphs for its next item (1．…/其中…/2．…); one
// that stops after item 1 up to the next heading is cut (a Sum marked LIST_CUT); one ended
// by some other numbering is not.
#[test]
fn numbered_list_waits_for_its_next_item_or_is_cut() {
    let sums = |text: &str| -> Vec<(Vec<String>, Option<String>)> {
        let ex = read(text);
        ex.statements
            .iter()
            .filter(|s| s.kind == StatementKind::Sum)
            .map(|s| {
                (
                    s.facts
                        .iter()
                        .map(|&f| ex.facts[f].value.to_string())
                        .collect(),
                    s.detail.clone(),
                )
            })
            .collect()
    };
    let waits = sums("（一）收入预算总计20849.45万元。包括：\n\n1．财政拨款收入预算总计20702.25万元。\n\n一般公共预算收入20702.25万元，与上年相比增加2043.58万元。\n\n2．财政专户管理资金收入预算总计147.20万元。\n\n（二）支出预算情况\n");
    assert_eq!(
        waits,
        vec![(
            vec!["20849.45".into(), "20702.25".into(), "147.20".into()],
            None
        )]
    );
    let cut = sums("（二）支出预算总计17996.68万元。包括：\n\n1．公共安全（类）支出13656.34万元。\n\n此外，基本支出预算数为12323.46万元。\n\n二、收入预算情况说明\n");
    assert_eq!(
        cut,
        vec![(
            vec!["17996.68".into(), "13656.34".into()],
            Some(crate::extract::LIST_CUT.to_string())
        )]
    );
    let other = sums("（二）支出预算总计17996.68万元。包括：\n\n1．公共安全（类）支出13656.34万元。\n\n此外，基本支出预算数为12323.46万元。\n\n（1）项目支出5533万元。\n");
    assert!(other.is_empty());
}

// "设5个内设机构，包括：甲、乙、" / "丙、丁、戊。": a list cut by a paragraph break goes on in
// the next paragraph; a continuation with figures in it leaves the count not checkable.
#[test]
fn counted_list_over_a_paragraph_break() {
    let ex = read("本站设5个内设机构，包括：综合办公室、水情测报科、\n\n水质监测科、站网管理科、财务审计科。\n");
    assert_eq!(kinds(&ex), vec![StatementKind::ListCount]);
    assert_eq!(ex.statements[0].expected, Some(Decimal::from(5)));
    let ex = read("本站设5个内设机构，包括：综合办公室、水情测报科、\n\n全年支出12.00万元。\n");
    let count = &ex.statements[0];
    assert_eq!(count.kind, StatementKind::ListCount);
    assert_eq!(count.expected, None);
    assert!(count.unsure.is_some());
}

// "支出预算X，其中：财政拨款Y，其他Z。财政拨款支出预算中，一般公共预算A，政府性基金B": the
// second sentence is a sum of its own, Y = A + B.
#[test]
fn breakdown_of_a_named_figure() {
    let ex = read("2024年度支出预算386.40万元，其中：财政拨款支出预算352.10万元，其他资金支出预算34.30万元。财政拨款支出预算中，一般公共预算财政拨款支出预算340.00万元，政府性基金预算财政拨款支出预算12.10万元。\n");
    let sums: Vec<Vec<String>> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Sum)
        .map(|s| {
            s.facts
                .iter()
                .map(|&f| ex.facts[f].value.to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        sums,
        vec![
            vec!["386.40", "352.10", "34.30"],
            vec!["352.10", "340.00", "12.10"]
        ]
    );
    // A name that labels no figure of the paragraph opens nothing.
    let ex = read("2024年度支出预算386.40万元。资金使用中，培训费3.00万元，会议费2.00万元。\n");
    assert!(!kinds(&ex).contains(&StatementKind::Sum));
}

// "上年决算数为A万元，本年决算数为B万元，大于上年决算数": a direction statement between the
// two levels; "决算数小于预算数" after a budget and an actual: the variance's direction.
#[test]
fn comparison_words() {
    let ex = read("某某站2024年度部门决算\n\n上年决算数为60.00万元，本年决算数为66.00万元，小于上年决算数。\n");
    let dir = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Yoy)
        .expect("direction");
    assert_eq!(dir.roles, vec![Role::Current, Role::Base]);
    assert_eq!(dir.sign, Some(-1));
    let ex = read("“三公”经费支出年初预算为12.00万元，支出决算为10.80万元，完成年初预算的90.00%，决算数小于预算数。\n");
    let var = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Variance)
        .expect("variance");
    assert_eq!(var.sign, Some(-1));
    assert_eq!(var.roles, vec![Role::Budget, Role::Actual]);
}
