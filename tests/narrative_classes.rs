//! The narrative test matrix: one entry per class of phrasing that has caused a false alarm
//! or a miss, each a short invented disclosure (department, figures and sentences made up
//! for the test) given twice:
//! - the control, which holds as printed: it must have no warning- or error-severity
//!   finding (a statement the tool cannot read safely is held or reported as not
//!   checkable, never as an error);
//! - the injected variant, the control with one figure or word changed: it must have a
//!   finding of the expected rule at the expected severity that prints the changed figure
//!   (`values`), or, for a wording defect, that quotes the changed words. One entry
//!   ("03 list over ¶, overshoot") expects the total instead: a part that overshoots what the
//!   list lacks is by design not taken into it, so the error names the total and the parts
//!   it kept.
//!
//! Every entry is rendered as plain text, DOCX (tests/support/render.rs) and PDF (the
//! built-in writer of tests/support/render_pdf.rs, no LibreOffice needed) and run through
//! the whole pipeline ([`crossfoot::process`]). The class × format table is printed
//! (`cargo test --test narrative_classes -- --nocapture`).
//!
//! An entry marked `gap` is a known limitation: it is still run and its outcome printed,
//! and the test fails if a gap starts to pass (so the mark is removed when it is fixed), but
//! it does not fail while it stays a gap.
// Test code: a failure to run the pipeline should fail loudly.
#![allow(clippy::unwrap_used)]

#[path = "support/render.rs"]
mod render;
#[path = "support/render_pdf.rs"]
mod render_pdf;

use crossfoot::check::{CheckReport, Finding, Severity};
use crossfoot::patterns::PatternSet;

/// What the injected variant must produce.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// A finding of this rule and severity whose `values` hold this printed number.
    Value(&'static str, Severity, &'static str),
    /// A finding of this rule and severity whose quote holds this text (wording rules).
    Quote(&'static str, Severity, &'static str),
}

/// One class of the matrix.
struct Class {
    /// Short name, printed in the table.
    name: &'static str,
    /// The control: paragraphs separated by blank lines (the title is added).
    control: &'static str,
    /// The injection: the first occurrence of `.0` in the control becomes `.1`.
    inject: (&'static str, &'static str),
    /// What the injected variant must produce.
    expect: Expect,
    /// A known limitation: why this entry is not expected to pass yet.
    gap: Option<&'static str>,
}

/// The title every final-account document starts with (department and year).
const FINAL: &str = "青禾县水文站2024年度部门决算公开说明\n\n";
/// The title of the budget documents.
const BUDGET: &str = "青禾县水文站2025年部门预算公开说明\n\n";

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

fn classes() -> Vec<Class> {
    vec![
        // 1. A 其中 inside a 其中: the second sentence breaks a part down.
        Class {
            name: "01 nested 其中",
            control: "一、收入支出预算总体情况\n\n2024年度支出预算386.40万元，其中：财政拨款支出预算352.10万元，其他资金支出预算34.30万元。财政拨款支出预算中，一般公共预算财政拨款支出预算340.00万元，政府性基金预算财政拨款支出预算12.10万元。",
            inject: ("340.00", "330.00"),
            expect: Expect::Value("sum.total", E, "330.00"),
            gap: None,
        },
        // 1. Parenthesised sub-breakdowns: B and C break A down, the total is A + D.
        Class {
            name: "01 parenthesised 其中",
            control: "一、基本情况\n\n本站业务用房总建筑面积5,600.00平方米，其中：地上建筑面积4,200.00平方米（其中计容面积3,900.00平方米，不计容面积300.00平方米），地下建筑面积1,400.00平方米。",
            inject: ("3,900.00", "3,800.00"),
            expect: Expect::Value("sum.total", E, "3800.00"),
            gap: None,
        },
        // 2. The 其中 list ends with its sentence; the counts after it are not parts.
        Class {
            name: "02 list ends at 。",
            control: "一、机构设置及人员情况\n\n本站核定编制28名，其中行政编制10名、事业编制18名。实际在编在职人员25名，离退休人员9名。",
            inject: ("事业编制18名", "事业编制16名"),
            expect: Expect::Value("sum.total", E, "16"),
            gap: None,
        },
        // 3. The list goes on in the next paragraph.
        Class {
            name: "03 list over ¶",
            control: "二、支出决算情况\n\n2024年度支出决算812.50万元，其中：基本支出530.20万元，占65.26%；项目支出270.30万元，占33.27%；\n\n事业单位经营支出12.00万元，占1.48%。",
            // A list read over a paragraph break that falls short is not certain (it may go
            // on in words the reader did not take): the short part is found by its share.
            inject: ("12.00万元", "10.00万元"),
            expect: Expect::Value("share.rate", E, "10.00"),
            gap: None,
        },
        // 3. A last part that overshoots what the list lacks is not taken: the list closes
        // short and the error names the total and the parts it kept.
        Class {
            name: "03 list over ¶, overshoot",
            control: "二、支出决算情况\n\n2024年度支出决算812.50万元，其中：基本支出530.20万元，占65.26%；项目支出270.30万元，占33.27%；\n\n事业单位经营支出12.00万元，占1.48%。",
            inject: ("12.00万元", "14.00万元"),
            expect: Expect::Value("sum.total", E, "812.50"),
            gap: None,
        },
        // 4. 类/款/项 lines restated against their 类.
        Class {
            name: "04 类/款/项",
            control: "三、一般公共预算财政拨款支出决算情况\n\n2024年度一般公共预算财政拨款支出560.00万元。\n\n1.农林水支出（类）512.00万元，占91.43%。\n\n2.住房保障支出（类）48.00万元，占8.57%。\n\n1.农林水支出（类）水利（款）水文测报（项）：支出决算数为512.00万元。\n\n2.住房保障支出（类）住房改革支出（款）住房公积金（项）：支出决算数为30.00万元。\n\n3.住房保障支出（类）住房改革支出（款）提租补贴（项）：支出决算数为18.00万元。",
            inject: ("为18.00万元", "为16.00万元"),
            expect: Expect::Value("sum.total", E, "16.00"),
            gap: None,
        },
        // 5. A change with the prior in parentheses.
        Class {
            name: "05 prior in （）",
            control: "二、支出决算情况\n\n2024年度支出决算812.50万元，与2023年度相比（2023年度支出决算为760.00万元），增加52.50万元，增长6.91%。",
            inject: ("6.91%", "7.91%"),
            expect: Expect::Value("yoy.rate", E, "7.91"),
            gap: None,
        },
        // 6. A percentage that belongs to something else.
        Class {
            name: "06 foreign 压减10%",
            control: "四、公用经费情况\n\n2024年度公用经费86.40万元，比上年减少4.80万元，下降5.26%，主要原因是落实过紧日子要求，非刚性支出统一压减10%。",
            inject: ("5.26%", "6.26%"),
            expect: Expect::Value("yoy.rate", E, "6.26"),
            gap: None,
        },
        // 7. 机关运行经费 vs 公用经费 in a department with 事业单位: the identity holds only
        // for 行政单位. The injection breaks a 其中 sum beside it.
        Class {
            name: "07 机关运行经费 scope",
            control: "一、基本情况\n\n本部门由局机关（行政单位）和所属水文监测中心（事业单位）组成。\n\n二、公用经费情况\n\n2024年度基本支出530.20万元，其中：人员经费443.80万元，公用经费86.40万元。\n\n三、机关运行经费情况\n\n2024年度本部门机关运行经费支出31.60万元。",
            inject: ("443.80", "453.80"),
            expect: Expect::Value("sum.total", E, "453.80"),
            gap: None,
        },
        // 7. The same identity in a department of 行政单位 only: it holds, and a wrong
        // 机关运行经费 is an error.
        Class {
            name: "07 机关运行经费 行政单位",
            control: "一、基本情况\n\n本部门为行政单位，无下属事业单位。\n\n二、公用经费情况\n\n2024年度基本支出530.20万元，其中：人员经费443.80万元，公用经费86.40万元。\n\n三、机关运行经费情况\n\n2024年度本部门机关运行经费支出86.40万元。",
            inject: ("机关运行经费支出86.40", "机关运行经费支出68.40"),
            expect: Expect::Value("identity.operating_vs_public", E, "68.40"),
            gap: None,
        },
        // 7. 基本支出 of all funds against 财政拨款 人员经费 + 公用经费: a wider scope.
        Class {
            name: "07 基本支出 scope",
            control: "二、支出决算情况\n\n2024年度基本支出530.20万元，占65.26%。\n\n三、一般公共预算财政拨款基本支出决算情况\n\n2024年度一般公共预算财政拨款基本支出490.00万元，其中：人员经费410.00万元，公用经费80.00万元。",
            inject: ("410.00", "420.00"),
            expect: Expect::Value("sum.total", E, "420.00"),
            gap: None,
        },
        // 8. A count whose enumeration is cut by a paragraph break.
        Class {
            name: "08 count over ¶",
            control: "一、机构设置\n\n本站设5个内设机构，包括：综合办公室、水情测报科、\n\n水质监测科、站网管理科、财务审计科。",
            inject: ("设5个", "设6个"),
            expect: Expect::Value("listcount.items", E, "6"),
            gap: None,
        },
        // 8. The same list cut by a single line break (text copied from a page).
        Class {
            name: "08 count over line",
            control: "一、机构设置\n\n本站设5个内设机构，包括：综合办公室、水情测报科、\n水质监测科、站网管理科、财务审计科。",
            inject: ("设5个", "设4个"),
            expect: Expect::Value("listcount.items", E, "4"),
            gap: None,
        },
        // 9. A rate from two levels with no change amount.
        Class {
            name: "09 rate of 2 levels",
            control: "五、项目支出情况\n\n（一）水文监测专项经费\n\n上年执行数为120.00万元，本年安排132.00万元，比上年执行数增加10.00%。",
            inject: ("增加10.00%", "增加12.00%"),
            expect: Expect::Value("yoy.rate", E, "12.00"),
            gap: None,
        },
        // 9. A direction word against two levels.
        Class {
            name: "09 增加 while B<A",
            control: "五、项目支出情况\n\n（一）水文监测专项经费\n\n上年执行数为120.00万元，本年安排132.00万元，比上年执行数增加10.00%。",
            inject: ("本年安排132.00", "本年安排108.00"),
            expect: Expect::Value("yoy.direction", E, "108.00"),
            gap: None,
        },
        // 10. 减少 against a negative change implied by the rate sign.
        Class {
            name: "10 减少 vs 增长",
            control: "四、公用经费情况\n\n2024年度会议费支出5.40万元，比上年减少0.60万元，下降10.00%。",
            inject: ("下降10.00%", "增长10.00%"),
            expect: Expect::Value("yoy.direction", E, "10.00"),
            gap: None,
        },
        // 10. 持平 with different levels.
        Class {
            name: "10 持平 vs levels",
            control: "五、项目支出情况\n\n（二）水资源调查经费\n\n上年执行数为40.00万元，本年安排40.00万元，与上年执行数持平。",
            inject: ("本年安排40.00", "本年安排44.00"),
            expect: Expect::Value("yoy.direction", E, "44.00"),
            gap: None,
        },
        // 10. 大于 against two printed levels.
        Class {
            name: "10 大于",
            control: "五、项目支出情况\n\n（四）水质监测经费\n\n上年决算数为60.00万元，本年决算数为66.00万元，大于上年决算数。",
            inject: ("大于上年", "小于上年"),
            expect: Expect::Value("yoy.direction", E, "66.00"),
            gap: None,
        },
        // 10. 下降 against two printed levels.
        Class {
            name: "10 下降 vs levels",
            control: "五、项目支出情况\n\n（五）水文资料整编经费\n\n上年执行数为50.00万元，本年安排45.00万元，比上年执行数下降10.00%。",
            inject: ("本年安排45.00", "本年安排55.00"),
            expect: Expect::Value("yoy.direction", E, "55.00"),
            gap: None,
        },
        // 10. 等于 against two printed levels.
        Class {
            name: "10 等于",
            control: "五、项目支出情况\n\n（六）测站维修经费\n\n上年决算数为66.00万元，本年决算数为66.00万元，等于上年决算数。",
            inject: ("上年决算数为66.00", "上年决算数为60.00"),
            expect: Expect::Value("yoy.direction", E, "60.00"),
            gap: None,
        },
        // 11. Shares whose base is the lead-in clause.
        Class {
            name: "11 share of lead-in",
            control: "五、项目支出情况\n\n2024年度项目支出270.30万元，主要用于以下方面：水文站网运行维护150.00万元，占55.49%；水质监测设备购置120.30万元，占44.51%。",
            inject: ("55.49%", "57.49%"),
            expect: Expect::Value("share.rate", E, "57.49"),
            gap: None,
        },
        // 11. The same lead-in with a list that leaves some of the total out: 主要用于 lists
        // where the figure mostly went, so a short sum should not be an error.
        Class {
            name: "11 partial lead-in",
            control: "五、项目支出情况\n\n2024年度项目支出270.30万元，主要用于以下方面：水文站网运行维护150.00万元，占55.49%；水质监测设备购置100.00万元，占37.00%。",
            inject: ("37.00%", "39.00%"),
            expect: Expect::Value("share.rate", E, "39.00"),
            gap: None,
        },
        // 12. 完成年初预算的x%.
        Class {
            name: "12 完成年初预算的x%",
            control: "六、“三公”经费情况\n\n2024年度“三公”经费支出年初预算为12.00万元，支出决算为10.80万元，完成年初预算的90.00%，决算数小于预算数，主要原因是压减公务接待。",
            inject: ("90.00%", "95.00%"),
            expect: Expect::Value("perf.execution_rate", E, "95.00"),
            gap: None,
        },
        // 12. 决算数大于预算数 against the figures.
        Class {
            name: "12 决算数大于预算数",
            control: "六、“三公”经费情况\n\n2024年度“三公”经费支出年初预算为12.00万元，支出决算为10.80万元，完成年初预算的90.00%，决算数小于预算数，主要原因是压减公务接待。",
            inject: ("决算数小于预算数", "决算数大于预算数"),
            expect: Expect::Value("variance.direction", W, "10.80"),
            gap: None,
        },
        // 13. Growth from a zero base.
        Class {
            name: "13 growth from 0",
            control: "四、公用经费情况\n\n2024年度培训费支出3.00万元，比上年增加3.00万元，主要原因是新增业务培训。",
            inject: ("增加3.00万元，", "增加3.00万元，增长100.00%，"),
            expect: Expect::Value("yoy.rate", W, "100.00"),
            gap: None,
        },
        // 13. A completion rate against a zero budget.
        Class {
            name: "13 completion vs 0 budget",
            control: "六、“三公”经费情况\n\n2024年度公务接待费年初预算为0.00万元，支出决算为0.00万元。",
            inject: ("支出决算为0.00万元", "支出决算为0.50万元，完成年初预算的100.00%"),
            expect: Expect::Value("perf.execution_rate", W, "100.00"),
            gap: None,
        },
        // 13. 持平 with different numbers, the prior level zero.
        Class {
            name: "13 持平 on a 0 level",
            control: "五、项目支出情况\n\n（三）水位站新建经费\n\n上年执行数为0.00万元，本年安排0.00万元，与上年执行数持平。",
            inject: ("本年安排0.00", "本年安排0.50"),
            expect: Expect::Value("yoy.direction", E, "0.50"),
            gap: None,
        },
        // 14. The same figure stated twice with different values in one paragraph.
        Class {
            name: "14 restated in ¶",
            control: "二、收入决算情况\n\n2024年度收入总计812.50万元，比上年增加52.50万元，增长6.91%。主要原因是水文监测任务增加，本年收入总计812.50万元全部用于水文业务。",
            inject: ("本年收入总计812.50", "本年收入总计821.50"),
            expect: Expect::Value("restated.value", E, "821.50"),
            gap: None,
        },
        // 15. A year contradicting the document's year (a plan dated before it).
        Class {
            name: "15 year",
            control: "七、其他重要事项\n\n为保证监测数据可靠，拟从2024年起，由本站组织年度质量评估。",
            inject: ("拟从2024年起", "拟从2021年起"),
            expect: Expect::Quote("text.year", W, "2021"),
            gap: None,
        },
        // 15. A year in a figure's label contradicting the document's year.
        Class {
            name: "15 year of a figure",
            control: "二、收入决算情况\n\n2024年度收入总计812.50万元。",
            inject: ("2024年度收入总计", "2022年度收入总计"),
            expect: Expect::Quote("text.year", W, "2022"),
            gap: None,
        },
        // 15. A span of years is not a figure's year; one year alone, not compared, is.
        Class {
            name: "15 year span vs one year",
            control: "七、其他重要事项\n\n2021年至2023年累计投入水文设施建设资金1,200.00万元。",
            inject: ("2021年至2023年累计投入", "2021年累计投入"),
            expect: Expect::Quote("text.year", W, "2021年累计投入"),
            gap: None,
        },
        // 15. A figure of the year the sentence compares with is not a defect; once the
        // comparison names another year, it is.
        Class {
            name: "15 year compared with",
            control: "二、支出决算情况\n\n2024年度支出决算812.50万元，与2022年度相比（2022年度支出决算为700.00万元），支出规模扩大。",
            inject: ("与2022年度相比", "与2020年度相比"),
            expect: Expect::Quote("text.year", W, "2022"),
            gap: None,
        },
        // 15. Template residue: both directions left in.
        Class {
            name: "15 residue 下降（增长）",
            control: "四、公用经费情况\n\n2024年度会议费支出5.40万元，比上年下降10.00%。",
            inject: ("比上年下降", "比上年下降（增长）"),
            expect: Expect::Quote("text.residue", W, "下降（增长）"),
            gap: None,
        },
        // 15. Template residue: an XX placeholder left in a filled document.
        Class {
            name: "15 residue XX",
            control: "四、公用经费情况\n\n2024年度会议费支出5.40万元，比上年减少0.60万元，下降10.00%。\n\n2024年度培训费支出3.00万元。",
            inject: ("培训费支出3.00万元", "培训费支出XX万元"),
            expect: Expect::Quote("text.residue", W, "XX"),
            gap: None,
        },
        // 15. Template residue: a year with a digit missing.
        Class {
            name: "15 residue 202 年",
            control: "四、公用经费情况\n\n2024年度会议费支出5.40万元，比上年减少0.60万元，下降10.00%。",
            inject: ("比上年减少", "比202 年减少"),
            expect: Expect::Quote("text.residue", W, "202 年"),
            gap: None,
        },
        // 15. A sentence cut off.
        Class {
            name: "15 cut 主要原因是。",
            control: "四、公用经费情况\n\n2024年度会议费支出5.40万元，比上年减少0.60万元，下降10.00%，主要原因是会议次数减少。",
            inject: ("主要原因是会议次数减少。", "主要原因是。"),
            expect: Expect::Quote("text.cut", W, "主要原因是。"),
            gap: None,
        },
        // 15. Doubled punctuation.
        Class {
            name: "15 punct 。。",
            control: "七、其他重要事项\n\n本年度无政府采购支出。",
            inject: ("支出。", "支出。。"),
            expect: Expect::Quote("text.punct", W, "。。"),
            gap: None,
        },
        // 15. 部门 wording in a 单位 disclosure.
        Class {
            name: "15 部门 in 单位",
            control: "青禾县水文站2024年度单位决算公开说明\n\n一、单位职责\n\n本单位主要负责全县水文监测。",
            inject: ("本单位主要负责", "本部门主要负责"),
            expect: Expect::Quote("text.scope", W, "本部门"),
            gap: None,
        },
        // 15. 部门 wording in a 部门 disclosure, 本单位 included, is not a defect; the same
        // words in a 单位 disclosure are.
        Class {
            name: "15 部门职责 in 部门/单位",
            control: "青禾县水利局2024年度部门决算公开说明\n\n一、部门职责\n\n本单位主要负责全县水利工作。",
            inject: ("2024年度部门决算公开说明", "2024年度单位决算公开说明"),
            expect: Expect::Quote("text.scope", W, "部门职责"),
            gap: None,
        },
        // 15. The system's name 部门预算 in a 单位 disclosure is not self-reference.
        Class {
            name: "15 部门预算 in 单位",
            control: "青禾县水文站2025年单位预算公开说明\n\n八、其他重要事项\n\n2025年部门预算安排购置车辆0辆。本单位2025年无政府性基金预算财政拨款安排的预算。",
            inject: ("本单位2025年无", "我部门2025年无"),
            expect: Expect::Quote("text.scope", W, "我部门"),
            gap: None,
        },
        // 16. Budget genre: 收支预算总计 … 比上年预算增加.
        Class {
            name: "16 比上年预算增加",
            control: "一、收入支出预算总体情况\n\n2025年收支预算总计960.00万元，比上年预算增加60.00万元，增长6.67%。",
            inject: ("增长6.67%", "增长7.67%"),
            expect: Expect::Value("yoy.rate", E, "7.67"),
            gap: None,
        },
        // 16. Budget genre: 单位预留机动经费 as a part.
        Class {
            name: "16 单位预留机动经费",
            control: "二、支出预算情况\n\n2025年支出预算960.00万元，其中：基本支出600.00万元，项目支出350.00万元，单位预留机动经费10.00万元。",
            inject: ("机动经费10.00", "机动经费20.00"),
            expect: Expect::Value("sum.total", E, "20.00"),
            gap: None,
        },
        // 16. Budget genre: 当年预算执行数 against 预算安排.
        Class {
            name: "16 当年预算执行数",
            control: "二、支出预算情况\n\n2024年当年预算执行数为880.00万元，2025年预算安排960.00万元，比2024年当年预算执行数增加9.09%。",
            inject: ("增加9.09%", "增加8.09%"),
            expect: Expect::Value("yoy.rate", E, "8.09"),
            gap: None,
        },
        // 16. Budget genre: 预算安排 … 比上年预算减少.
        Class {
            name: "16 预算安排",
            control: "三、“三公”经费预算情况\n\n2025年“三公”经费预算安排18.00万元，比上年预算减少2.00万元，下降10.00%。",
            inject: ("减少2.00万元", "减少3.00万元"),
            expect: Expect::Value("yoy.rate", E, "3.00"),
            gap: None,
        },
    ]
}

/// The formats every entry is rendered in.
const FORMATS: [&str; 3] = ["txt", "docx", "pdf"];

/// The full text of a document: a title unless the body brings its own.
fn full_text(body: &str, name: &str) -> String {
    if body.contains("公开说明") {
        body.to_string()
    } else if name.starts_with("16") {
        format!("{BUDGET}{body}\n")
    } else {
        format!("{FINAL}{body}\n")
    }
}

/// Renders `text` in `format` and runs the pipeline.
fn run(text: &str, format: &str, patterns: &PatternSet) -> CheckReport {
    let doc = crossfoot::ingest::text::parse(text);
    let bytes = match format {
        "txt" => text.as_bytes().to_vec(),
        "docx" => render::render_docx(&doc),
        _ => render_pdf::render_pdf(&doc),
    };
    let r = crossfoot::process(
        &format!("d.{format}"),
        &bytes,
        patterns,
        &crossfoot::Config::default(),
        true,
    );
    assert!(r.error.is_none(), "{format}: {:?}", r.error);
    r.report.unwrap()
}

/// Warning and error findings, one line each.
fn loud(r: &CheckReport) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.severity >= W)
        .map(|f| format!("{} {:?} {:?}", f.rule, f.severity, f.values))
        .collect()
}

/// Whether `f` is the finding the injection must produce.
fn matches(f: &Finding, expect: Expect) -> bool {
    match expect {
        Expect::Value(rule, sev, value) => {
            f.rule == rule && f.severity == sev && f.values.iter().any(|v| v == value)
        }
        Expect::Quote(rule, sev, text) => {
            f.rule == rule && f.severity == sev && f.quote.contains(text)
        }
    }
}

/// One class in one format: `Ok` or what went wrong.
fn outcome(c: &Class, format: &str, patterns: &PatternSet) -> Result<(), String> {
    let control = full_text(c.control, c.name);
    assert!(
        control.contains(c.inject.0),
        "{}: injection target {:?} not in the control",
        c.name,
        c.inject.0
    );
    let injected = control.replacen(c.inject.0, c.inject.1, 1);
    if let Ok(dir) = std::env::var("NARRATIVE_CLASSES_DUMP") {
        let stem = format!("{dir}/{}", c.name.replace([' ', '/'], "_"));
        std::fs::write(format!("{stem}.control.txt"), &control).unwrap();
        std::fs::write(format!("{stem}.injected.txt"), &injected).unwrap();
    }
    let base = run(&control, format, patterns);
    let noise = loud(&base);
    if !noise.is_empty() {
        return Err(format!("control: {noise:?}"));
    }
    let var = run(&injected, format, patterns);
    if var.findings.iter().any(|f| matches(f, c.expect)) {
        Ok(())
    } else {
        Err(format!("injected: missed, got {:?}", loud(&var)))
    }
}

/// `s` padded with spaces to `width` columns (a CJK character takes two).
fn pad(s: &str, width: usize) -> String {
    let cols: usize = s
        .chars()
        .map(|c| if (c as u32) < 0x2E80 { 1 } else { 2 })
        .sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}

// Every class, control and injected variant, in every format (see the module doc).
#[test]
fn narrative_classes() {
    let patterns = PatternSet::builtin().unwrap();
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    println!(
        "{} {:<6} {:<6} {:<6}",
        pad("class", 28),
        "txt",
        "docx",
        "pdf"
    );
    for c in classes() {
        let mut cells = Vec::new();
        for format in FORMATS {
            let got = outcome(&c, format, &patterns);
            cells.push(match (&got, c.gap) {
                (Ok(()), None) => "ok",
                (Ok(()), Some(_)) => "PASS?",
                (Err(_), Some(_)) => "gap",
                (Err(_), None) => "FAIL",
            });
            match (got, c.gap) {
                (Err(e), None) => failures.push(format!("{} [{format}]: {e}", c.name)),
                (Err(e), Some(_)) => gaps.push(format!("{} [{format}]: {e}", c.name)),
                (Ok(()), Some(why)) => failures.push(format!(
                    "{} [{format}]: marked as a gap ({why}) but passes; remove the mark",
                    c.name
                )),
                _ => {}
            }
        }
        println!(
            "{} {:<6} {:<6} {:<6}{}",
            pad(c.name, 28),
            cells[0],
            cells[1],
            cells[2],
            c.gap
                .map(|g| format!("  known gap: {g}"))
                .unwrap_or_default()
        );
    }
    for g in &gaps {
        println!("gap {g}");
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
