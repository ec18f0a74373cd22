//! 绩效自评表 extraction on the seed (one unit-level and twelve project tables), on a
//! synthetic table with real spans against its flattened-text twin, and on small fixtures,
//! through the library API (ingest → extract).

use crossfoot::document::{Block, BlockKind, Cell, Document, Location, Row, Table};
use crossfoot::extract::{
    extract, Extraction, FactKind, PerfTable, PerfTableKind, Role, StatementKind,
};
use crossfoot::patterns::PatternSet;
use std::collections::BTreeMap;

fn patterns() -> PatternSet {
    PatternSet::builtin().expect("patterns")
}

/// The seed, extracted once for all tests.
fn seed() -> &'static Extraction {
    static SEED: std::sync::OnceLock<Extraction> = std::sync::OnceLock::new();
    SEED.get_or_init(read_seed)
}

fn read_seed() -> Extraction {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.txt"
    ))
    .expect("seed");
    let doc = crossfoot::ingest::text::read(&bytes).expect("ingest");
    extract(&doc, &patterns())
}

/// The cell text a fact was read from, or "" for no fact.
fn quote(ex: &Extraction, f: Option<usize>) -> String {
    f.map(|i| ex.facts[i].quote.clone()).unwrap_or_default()
}

fn by_project<'a>(ex: &'a Extraction, project: &str) -> &'a PerfTable {
    ex.perf_tables
        .iter()
        .find(|t| t.project == project)
        .expect("table")
}

/// (kind, project, indicator rows) of the 13 tables, in document order.
const TABLES: [(PerfTableKind, &str, usize); 13] = [
    (PerfTableKind::Unit, "昌吉回族自治州民政局", 7),
    (
        PerfTableKind::Project,
        "2024年自治区公益金支持社会公益类项目补助资金-精康融合行动",
        8,
    ),
    (PerfTableKind::Project, "养老事务工作经费", 8),
    (PerfTableKind::Project, "区划地名管理工作经费", 8),
    (
        PerfTableKind::Project,
        "州社会组织党建工作服务中心工作经费项目",
        10,
    ),
    (PerfTableKind::Project, "异地交流干部交通保障费项目", 7),
    (PerfTableKind::Project, "援疆项目经费及单位运行补助经费", 7),
    (
        PerfTableKind::Project,
        "政府购买养老机构社会公益服务项目",
        10,
    ),
    (
        PerfTableKind::Project,
        "昌吉州“庭州英才”人才计划支持资金",
        8,
    ),
    (PerfTableKind::Project, "昌吉州民政局尾款项目", 8),
    (PerfTableKind::Project, "社会救助和儿童福利工作经费", 8),
    (PerfTableKind::Project, "社会组织管理和社会工作项目", 10),
    (PerfTableKind::Project, "节日期间走访慰问困难群众经费", 8),
];
/// Indicator weights as printed, per table.
const WEIGHTS: [&[&str]; 13] = [
    &["15", "10", "10", "15", "15", "15", "10"],
    &["12", "10", "8", "10", "15", "5", "20", "10"],
    &["10", "10", "10", "10", "10", "10", "15", "15"],
    &["10", "10", "10", "5", "5", "10", "10", "30"],
    &["10", "10", "5", "5", "5", "5", "7", "13", "15", "15"],
    &["20", "10", "10", "10", "10", "20", "10"],
    &["20", "10", "10", "10", "10", "15", "15"],
    &["12", "12", "8", "8", "10", "10", "10", "10", "5", "5"],
    &["10", "9", "6", "5", "10", "20", "20", "10"],
    &["20", "10", "10", "17", "3", "10", "10", "10"],
    &["10", "10", "10", "10", "10", "10", "15", "15"],
    &["10", "5", "10", "10", "5", "10", "10", "10", "10", "10"],
    &["10", "10", "10", "5", "5", "5", "15", "30"],
];
/// Indicator scores as printed, per table.
const SCORES: [&[&str]; 13] = [
    &["15", "10", "10", "15", "15", "15", "10"],
    &["12", "10", "8", "10", "15", "5", "20", "10"],
    &["10", "10", "10", "10", "10", "10", "15", "15"],
    &["10", "10", "10", "5", "5", "10", "10", "30"],
    &["10", "10", "5", "5", "3.75", "5", "7", "13", "15", "15"],
    &["13.4", "10", "10", "10", "10", "20", "10"],
    &["20", "10", "10", "10", "10", "15", "15"],
    &["12", "12", "8", "8", "10", "10", "10", "10", "5", "5"],
    &["10", "9", "6", "5", "10", "20", "20", "10"],
    &["20", "10", "10", "17", "3", "10", "10", "10"],
    &["8.8", "10", "10", "10", "10", "10", "15", "15"],
    &["10", "5", "10", "10", "5", "10", "10", "10", "10", "10"],
    &["10", "10", "10", "5", "5", "4.92", "15", "30"],
];
/// 总分 (weight, score) cells as printed ("" when the table has no 总分 row).
const TOTALS: [(&str, &str); 13] = [
    ("", ""),
    ("100", "100.00分"),
    ("100", "100.00分"),
    ("100", "100.00分"),
    ("100", "98.75分"),
    ("100", "93.40分"),
    ("100", "100.00分"),
    ("100", "100.00分"),
    ("100", "100.00分"),
    ("100", "100.00分"),
    ("100", "98.80分"),
    ("100", "100.00分"),
    ("100", "99.92分"),
];
/// Funds rows: label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 as printed ("" = no fact).
const FUNDS: [&[[&str; 7]]; 13] = [
    &[
        ["上级资金", "0.00", "0.00", "0.00", "10", "52.87%", "5.29"],
        ["本级资金", "869.39", "1,051.02", "1,021.54", "", "", ""],
        ["其他资金", "948.63", "1,354.57", "250.18", "", "", ""],
        ["合计", "1,818.02", "2,405.59", "1,271.72", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "20.00",
            "20.00",
            "20.00",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "20.00", "20.00", "20.00", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "6.00",
            "6.00",
            "6.00",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "6.00", "6.00", "6.00", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "8.00",
            "7.80",
            "7.80",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "8.00", "7.80", "7.80", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "16.00",
            "14.78",
            "14.78",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "16.00", "14.78", "14.78", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "9.54",
            "2.90",
            "2.90",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "9.54", "2.90", "2.90", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "170.00",
            "128.55",
            "128.55",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "0.00", "0.00", "0.00", "", "", ""],
        ["其他资金", "170.00", "128.55", "128.55", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "21.00",
            "21.00",
            "21.00",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "21.00", "21.00", "21.00", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "15.00",
            "15.00",
            "15.00",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "15.00", "15.00", "15.00", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "18.51",
            "18.51",
            "18.51",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "18.51", "18.51", "18.51", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "12.00",
            "12.00",
            "12.00",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "12.00", "12.00", "12.00", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "27.00",
            "26.06",
            "26.06",
            "10",
            "100.00%",
            "10.00",
        ],
        ["其中：当年财政拨款", "27.00", "26.06", "26.06", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
    &[
        [
            "年度资金总额",
            "40.00",
            "40.00",
            "39.99",
            "10",
            "99.97%",
            "10.00",
        ],
        ["其中：当年财政拨款", "40.00", "40.00", "39.99", "", "", ""],
        ["其他资金", "0.00", "0.00", "0.00", "", "", ""],
    ],
];

// The seed holds one unit-level and twelve project tables, with their names and row counts.
#[test]
fn seed_has_thirteen_tables_with_projects() {
    let ex = seed();
    let got: Vec<(PerfTableKind, &str, usize)> = ex
        .perf_tables
        .iter()
        .map(|t| (t.kind, t.project.as_str(), t.indicators.len()))
        .collect();
    assert_eq!(got, TABLES.to_vec());
    for t in &ex.perf_tables {
        assert!(t.indicators.iter().all(|i| i.project == t.project));
    }
    assert!(ex.warnings.iter().all(|w| !w.code.starts_with("table.")));
}

// Weights and scores of every indicator row, as printed, and each table's weights add to 90.
#[test]
fn seed_weights_and_scores_per_table() {
    let ex = seed();
    for (k, t) in ex.perf_tables.iter().enumerate() {
        let w: Vec<&str> = t.indicators.iter().map(|i| i.weight.as_str()).collect();
        let s: Vec<&str> = t.indicators.iter().map(|i| i.score.as_str()).collect();
        assert_eq!(w, WEIGHTS[k].to_vec(), "weights of {}", t.project);
        assert_eq!(s, SCORES[k].to_vec(), "scores of {}", t.project);
        let sum: u32 = WEIGHTS[k]
            .iter()
            .map(|x| x.parse::<u32>().expect("int"))
            .sum();
        assert_eq!(sum, 90, "{}", t.project);
        for i in &t.indicators {
            assert_eq!(quote(ex, i.weight_fact), i.weight);
            assert_eq!(quote(ex, i.score_fact), i.score);
        }
    }
}

// 总分 weight and score of every table (the unit-level table prints none).
#[test]
fn seed_totals() {
    let ex = seed();
    let got: Vec<(String, String)> = ex
        .perf_tables
        .iter()
        .map(|t| (quote(ex, t.total_weight), quote(ex, t.total_score)))
        .collect();
    let want: Vec<(String, String)> = TOTALS
        .iter()
        .map(|(w, s)| (w.to_string(), s.to_string()))
        .collect();
    assert_eq!(got, want);
    let t = by_project(ex, "州社会组织党建工作服务中心工作经费项目");
    let f = &ex.facts[t.total_score.expect("score")];
    assert_eq!(
        (
            f.label.as_str(),
            f.kind,
            f.value.to_string(),
            f.unit.as_str()
        ),
        ("总分/得分", FactKind::Count, "98.75".to_string(), "分")
    );
    let f = &ex.facts[t.total_weight.expect("weight")];
    assert_eq!(
        (f.label.as_str(), f.value.to_string()),
        ("总分/权重", "100".to_string())
    );
}

// Funds rows of every table, each numeric cell a fact; dashes are not facts.
#[test]
fn seed_funds_rows() {
    let ex = seed();
    for (k, t) in ex.perf_tables.iter().enumerate() {
        let got: Vec<[String; 7]> = t
            .funds
            .iter()
            .map(|f| {
                [
                    f.label.clone(),
                    quote(ex, f.budget_initial),
                    quote(ex, f.budget_full),
                    quote(ex, f.executed),
                    quote(ex, f.weight),
                    quote(ex, f.rate),
                    quote(ex, f.score),
                ]
            })
            .collect();
        let want: Vec<[String; 7]> = FUNDS[k].iter().map(|r| r.map(|x| x.to_string())).collect();
        assert_eq!(got, want, "funds of {}", t.project);
    }
}

// A funds fact carries label, kind, exact value, unit from the header, project, quote, cell.
#[test]
fn seed_funds_fact_in_full() {
    let ex = seed();
    let t = by_project(ex, "社会组织管理和社会工作项目");
    let f = &ex.facts[t.funds[0].executed.expect("executed")];
    assert_eq!(f.label, "年度资金总额/全年执行数");
    assert_eq!(f.kind, FactKind::Amount);
    assert_eq!(f.value.to_string(), "26.06");
    assert_eq!(
        (f.stated.as_str(), f.decimals, f.unit.as_str()),
        ("26.06", 2, "万元")
    );
    assert_eq!(
        f.value_wan.map(|v| v.to_string()),
        Some("26.06".to_string())
    );
    assert_eq!(f.project.as_deref(), Some("社会组织管理和社会工作项目"));
    assert_eq!(f.quote, "26.06");
    assert_eq!((f.location.row, f.location.col), (Some(5), Some(10)));
    let r = &ex.facts[t.funds[0].rate.expect("rate")];
    assert_eq!(
        (
            r.label.as_str(),
            r.kind,
            r.value.to_string(),
            r.unit.as_str()
        ),
        (
            "年度资金总额/执行率",
            FactKind::Percent,
            "100.00".to_string(),
            "%"
        )
    );
    let u = &ex.perf_tables[0];
    let f = &ex.facts[u.funds[0].weight.expect("weight")];
    assert_eq!(
        (f.label.as_str(), f.kind),
        ("上级资金/分值权重", FactKind::Count)
    );
    let f = &ex.facts[u.funds[3].budget_full.expect("budget")];
    assert_eq!(
        (f.label.as_str(), f.value.to_string(), f.stated.as_str()),
        ("合计/全年预算数", "2405.59".to_string(), "2,405.59")
    );
}

// Every field of the unit-level table's indicator rows, levels filled down.
#[test]
fn seed_unit_table_rows_in_full() {
    let ex = seed();
    let t = &ex.perf_tables[0];
    let rows: Vec<[&str; 8]> = t
        .indicators
        .iter()
        .map(|i| {
            [
                i.level1.as_str(),
                i.level2.as_str(),
                i.level3.as_str(),
                i.weight.as_str(),
                i.target.as_str(),
                i.actual.as_str(),
                i.completion.as_str(),
                i.score.as_str(),
            ]
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            [
                "履职效能",
                "质量指标",
                "养老机构安全生产检查覆盖率",
                "15",
                "=100%",
                "=100%",
                "",
                "15"
            ],
            [
                "履职效能",
                "质量指标",
                "地名志收录地名准确率",
                "10",
                "=100%",
                "=100%",
                "",
                "10"
            ],
            [
                "履职效能",
                "质量指标",
                "社会组织督导检查完成率",
                "10",
                ">=80%",
                "=100%",
                "",
                "10"
            ],
            [
                "履职效能",
                "数量指标",
                "起草昌吉州地名志",
                "15",
                "=1部",
                "=1部",
                "",
                "15"
            ],
            [
                "履职效能",
                "数量指标",
                "对社会组织督导检查",
                "15",
                ">=2次",
                "=2次",
                "",
                "15"
            ],
            [
                "履职效能",
                "数量指标",
                "养老机构检查",
                "15",
                "=22家",
                "=34家",
                "",
                "15"
            ],
            [
                "履职效能",
                "数量指标",
                "组织社会工作者职称考前培训",
                "10",
                "=1次",
                "=1次",
                "",
                "10"
            ],
        ]
    );
    assert!(t
        .indicators
        .iter()
        .all(|i| i.other == vec![("指标值设定依据".to_string(), "计划标准".to_string())]));
    assert!(t.goal.starts_with("一、强化保障功能"));
    assert!(t
        .achieved
        .starts_with("2024年我单位全年预算数为2405.59万元"));
}

// Every field of two project rows, including the other columns by header.
#[test]
fn seed_project_rows_in_full() {
    let ex = seed();
    let t = by_project(ex, "州社会组织党建工作服务中心工作经费项目");
    let i = &t.indicators[4];
    assert_eq!(
        [
            &i.level1,
            &i.level2,
            &i.level3,
            &i.weight,
            &i.target,
            &i.actual,
            &i.completion,
            &i.score
        ],
        [
            "产出指标",
            "质量指标",
            "督导检查完成率",
            "5",
            ">=80%",
            "=100%",
            "125%",
            "3.75"
        ]
    );
    let other: Vec<(&str, &str)> = i
        .other
        .iter()
        .map(|(h, v)| (h.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        other,
        vec![
            ("指标值设定依据", "计划标准"),
            ("上年完成情况", "100%"),
            ("赋分规则", "按照完成比例赋分"),
            ("佐证资料", "工作资料"),
            (
                "偏差原因分析及改进措施",
                "因年初目标值设置不合理，实际完成率100%，因此产生偏差。"
            ),
        ]
    );
    let t = by_project(ex, "社会救助和儿童福利工作经费");
    let i = &t.indicators[3];
    assert_eq!(
        [
            &i.level1,
            &i.level2,
            &i.level3,
            &i.weight,
            &i.target,
            &i.actual,
            &i.completion,
            &i.score
        ],
        [
            "产出指标",
            "时效指标",
            "社会救助和儿童福利培训完成时间",
            "10",
            "=2024年11月30日",
            "2024年12月9日",
            "100%",
            "10"
        ]
    );
}

// Numbers inside target/actual texts become facts: counts, amounts, per-head rates, dates.
#[test]
fn seed_target_and_actual_facts() {
    let ex = seed();
    let find = |label: &str| {
        ex.facts
            .iter()
            .find(|f| f.label == label)
            .unwrap_or_else(|| panic!("no fact {label}"))
    };
    let f = find("养老机构责任险缴纳人数/目标值");
    assert_eq!(
        (
            f.kind,
            f.value.to_string(),
            f.unit.as_str(),
            f.quote.as_str()
        ),
        (FactKind::Count, "942".into(), "人", ">=942人")
    );
    let f = find("精神健康融合服务成本/目标值");
    assert_eq!(
        (f.kind, f.value.to_string(), f.unit.as_str()),
        (FactKind::Amount, "18.04".into(), "万元")
    );
    assert_eq!(f.value_wan.map(|v| v.to_string()), Some("18.04".into()));
    let f = find("人才补助标准/业绩值");
    assert_eq!(
        (f.kind, f.value.to_string(), f.unit.as_str(), f.value_wan),
        (FactKind::Amount, "3".into(), "万元/人", None)
    );
    let f = find("项目完成时限/目标值");
    assert_eq!(
        (
            f.kind,
            f.value.to_string(),
            f.stated.as_str(),
            f.quote.as_str()
        ),
        (
            FactKind::Date,
            "20241210".into(),
            "2024年12月10日",
            "2024年12月10日前"
        )
    );
    let f = find("督导检查完成率/完成率");
    assert_eq!(
        (f.kind, f.value.to_string(), f.unit.as_str()),
        (FactKind::Percent, "125".into(), "%")
    );
    assert!(ex
        .facts
        .iter()
        .all(|f| f.label != "提升基本康复服务水平，提高社会影响力/目标值"));
}

/// Statement kinds in the order of the columns below.
const KINDS: [StatementKind; 9] = [
    StatementKind::Sum,
    StatementKind::ExecutionRate,
    StatementKind::FundsScore,
    StatementKind::WeightSum,
    StatementKind::ScoreSum,
    StatementKind::ScoreCap,
    StatementKind::Completion,
    StatementKind::MissedTarget,
    StatementKind::CostSum,
];

/// Per table: counts of the kinds above.
const COUNTS: [[usize; 9]; 13] = [
    [3, 1, 1, 1, 0, 7, 0, 7, 0],
    [3, 1, 1, 1, 1, 8, 8, 5, 1],
    [3, 1, 1, 1, 1, 8, 8, 4, 1],
    [3, 1, 1, 1, 1, 8, 8, 5, 1],
    [3, 1, 1, 1, 1, 10, 10, 6, 1],
    [3, 1, 1, 1, 1, 7, 7, 3, 1],
    [3, 1, 1, 1, 1, 7, 7, 3, 1],
    [3, 1, 1, 1, 1, 10, 10, 6, 1],
    [3, 1, 1, 1, 1, 8, 8, 6, 0],
    [3, 1, 1, 1, 1, 8, 8, 5, 1],
    [3, 1, 1, 1, 1, 8, 8, 4, 1],
    [3, 1, 1, 1, 1, 10, 10, 6, 1],
    [3, 1, 1, 1, 1, 8, 8, 5, 1],
];

fn counts(ex: &Extraction, block: usize) -> BTreeMap<StatementKind, usize> {
    let mut m = BTreeMap::new();
    for s in ex.statements.iter().filter(|s| s.location.block == block) {
        *m.entry(s.kind).or_insert(0) += 1;
    }
    m
}

// Statement counts per kind per table.
#[test]
fn seed_statement_counts() {
    let ex = seed();
    for (k, t) in ex.perf_tables.iter().enumerate() {
        let m = counts(ex, t.location.block);
        let got: Vec<usize> = KINDS
            .iter()
            .map(|k| m.get(k).copied().unwrap_or(0))
            .collect();
        assert_eq!(got, COUNTS[k].to_vec(), "{}", t.project);
    }
}

// Narrative counts pair one-to-one with indicator rows (needs the narrative reader).
#[test]
fn seed_narrative_counts() {
    let ex = seed();
    let got: Vec<usize> = ex
        .perf_tables
        .iter()
        .map(|t| {
            counts(ex, t.location.block)
                .get(&StatementKind::NarrativeCount)
                .copied()
                .unwrap_or(0)
        })
        .collect();
    assert_eq!(got, vec![1, 0, 3, 0, 2, 1, 2, 3, 1, 1, 3, 1, 4]);
    // The unit-level narrative's "完成22家养老机构检查工作" against the row printing =34家.
    let s = ex
        .statements
        .iter()
        .find(|s| {
            s.kind == StatementKind::NarrativeCount
                && s.location.block == ex.perf_tables[0].location.block
        })
        .expect("unit narrative count");
    let vals: Vec<String> = s
        .facts
        .iter()
        .map(|f| ex.facts[*f].stated.clone())
        .collect();
    assert_eq!(vals, vec!["22", "34"]);
    assert_eq!(s.roles, vec![Role::Count, Role::Count]);
    assert_eq!(s.detail.as_deref(), Some("actual"));
}

fn stated_roles(ex: &Extraction, s: &crossfoot::extract::Statement) -> Vec<(Role, String)> {
    s.roles
        .iter()
        .zip(&s.facts)
        .map(|(r, f)| (*r, ex.facts[*f].stated.clone()))
        .collect()
}

// The unit table's 执行率 (printed on 上级资金) binds to the 合计 row; 合计 = 上级 + 本级 + 其他.
#[test]
fn seed_unit_table_bindings() {
    let ex = seed();
    let block = ex.perf_tables[0].location.block;
    let of = |kind| {
        ex.statements
            .iter()
            .filter(|s| s.location.block == block && s.kind == kind)
            .map(|s| stated_roles(ex, s))
            .collect::<Vec<_>>()
    };
    let s = |v: &str| v.to_string();
    assert_eq!(
        of(StatementKind::ExecutionRate),
        vec![vec![
            (Role::Actual, s("1,271.72")),
            (Role::Budget, s("2,405.59")),
            (Role::Rate, s("52.87"))
        ]]
    );
    assert_eq!(
        of(StatementKind::FundsScore),
        vec![vec![
            (Role::Weight, s("10")),
            (Role::Rate, s("52.87")),
            (Role::Score, s("5.29"))
        ]]
    );
    assert_eq!(
        of(StatementKind::Sum)[2],
        vec![
            (Role::Total, s("1,271.72")),
            (Role::Part, s("0.00")),
            (Role::Part, s("1,021.54")),
            (Role::Part, s("250.18"))
        ]
    );
    let w = ex
        .statements
        .iter()
        .find(|x| x.location.block == block && x.kind == StatementKind::WeightSum)
        .expect("weight sum");
    assert_eq!(w.expected.map(|e| e.to_string()), Some("90".to_string()));
    assert_eq!(w.roles, vec![Role::Weight; 7]);
}

// Project-table bindings: weight sum with the printed total, score sum with the funds score,
// cost sum with a skipped per-head rate, a missed deadline with full score.
#[test]
fn seed_project_bindings() {
    let ex = seed();
    let block_of = |p: &str| by_project(ex, p).location.block;
    let first = |p: &str, kind| {
        ex.statements
            .iter()
            .find(|s| s.location.block == block_of(p) && s.kind == kind)
            .expect("statement")
    };
    let s = |v: &str| v.to_string();
    let w = first(
        "州社会组织党建工作服务中心工作经费项目",
        StatementKind::WeightSum,
    );
    assert_eq!(w.expected.map(|e| e.to_string()), Some("90".to_string()));
    assert_eq!(w.roles.last(), Some(&Role::Total));
    assert_eq!(w.quote, "总分 | 100 | 98.75分");
    let sc = first(
        "州社会组织党建工作服务中心工作经费项目",
        StatementKind::ScoreSum,
    );
    let v = stated_roles(ex, sc);
    assert_eq!(v.len(), 12);
    assert_eq!(v[10], (Role::Score, s("10.00")));
    assert_eq!(v[11], (Role::Total, s("98.75")));
    let c = first("政府购买养老机构社会公益服务项目", StatementKind::CostSum);
    assert_eq!(
        stated_roles(ex, c),
        vec![(Role::Part, s("9.176")), (Role::Total, s("21.00"))]
    );
    assert_eq!(
        c.detail.as_deref(),
        Some("skipped: 责任险购买标准 (=116元/人·年: a rate, not an amount)")
    );
    let m = ex
        .statements
        .iter()
        .find(|x| {
            x.kind == StatementKind::MissedTarget
                && x.detail.as_deref() == Some("=2024年11月30日\t2024年12月9日")
        })
        .expect("missed deadline");
    assert_eq!(
        stated_roles(ex, m),
        vec![
            (Role::Weight, s("10")),
            (Role::Score, s("10")),
            (Role::Budget, s("2024年11月30日")),
            (Role::Actual, s("2024年12月9日"))
        ]
    );
    let e = first("节日期间走访慰问困难群众经费", StatementKind::ExecutionRate);
    assert_eq!(
        stated_roles(ex, e),
        vec![
            (Role::Actual, s("39.99")),
            (Role::Budget, s("40.00")),
            (Role::Rate, s("99.97"))
        ]
    );
    let sum = first("援疆项目经费及单位运行补助经费", StatementKind::Sum);
    assert_eq!(sum.detail.as_deref(), Some("年初预算数"));
    assert_eq!(
        stated_roles(ex, sum),
        vec![
            (Role::Total, s("170.00")),
            (Role::Part, s("0.00")),
            (Role::Part, s("170.00"))
        ]
    );
}

/// A small project table, flattened as the text convention prints it.
const FLAT: &str = "\t项目支出绩效自评表\n\n\t项目名称\n\t测试项目\n\n\t项目资金（万元）\n\t\n\t年初预算数\n\t全年预算数\n\t全年执行数\n\t分值\n\t执行率\n\t得分\n\n\t\n\t年度资金总额\n\t30.00\n\t25.00\n\t24.00\n\t10\n\t96.00%\n\t9.60\n\n\t\n\t其中：当年财政拨款\n\t30.00\n\t25.00\n\t24.00\n\t—\n\t—\n\t—\n\n\t\n\t其他资金\n\t0.00\n\t0.00\n\t0.00\n\t—\n\t—\n\t—\n\n\t年度总体目标\n\t预期目标\n\t实际完成情况\n\n\t\n\t开展培训2次。\n\t完成培训3次。\n\n\t\n\t一级指标\n\t二级指标\n\t三级指标\n\t权重\n\t目标值\n\t业绩值\n\t完成率\n\t指标得分\n\n\t年度绩效指标完成情况\n\t产出指标\n\t数量指标\n\t培训次数\n\t30\n\t>=2次\n\t=3次\n\t150%\n\t30\n\n\t\n\t\n\t\n\t服务人数\n\t20\n\t>=100人\n\t=90人\n\t90%\n\t18\n\n\t\n\t\n\t时效指标\n\t完成时间\n\t20\n\t2024年10月31日前\n\t2024年11月15日\n\t100%\n\t20\n\n\t\n\t成本指标\n\t经济成本指标\n\t培训成本\n\t20\n\t<=24万元\n\t=24万元\n\t100%\n\t20\n\n\t总分\n\t100\n\t\n\t\n\t\n\t97.60分\n";

fn owner(col: usize, text: &str, rows: u32, cols: u32) -> Cell {
    let mut c = Cell::new(col, text);
    c.row_span = rows;
    c.col_span = cols;
    c
}

fn cells(start: usize, texts: &[&str]) -> Vec<Cell> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Cell::new(start + i, *t))
        .collect()
}

fn row(cells: Vec<Cell>) -> Row {
    Row {
        cells,
        ..Row::default()
    }
}

/// The same table as a DOCX/PDF ingest gives it: real spans, continuation cells.
fn spanned() -> Table {
    let mut t = Table {
        rows: vec![
            row(vec![owner(0, "项目支出绩效自评表", 1, 9)]),
            row(vec![owner(0, "项目名称", 1, 3), owner(3, "测试项目", 1, 6)]),
            row([
                vec![owner(0, "项目资金（万元）", 4, 2), Cell::new(2, "")],
                cells(
                    3,
                    &[
                        "年初预算数",
                        "全年预算数",
                        "全年执行数",
                        "分值",
                        "执行率",
                        "得分",
                    ],
                ),
            ]
            .concat()),
            row(cells(
                2,
                &[
                    "年度资金总额",
                    "30.00",
                    "25.00",
                    "24.00",
                    "10",
                    "96.00%",
                    "9.60",
                ],
            )),
            row(cells(
                2,
                &[
                    "其中：当年财政拨款",
                    "30.00",
                    "25.00",
                    "24.00",
                    "—",
                    "—",
                    "—",
                ],
            )),
            row(cells(
                2,
                &["其他资金", "0.00", "0.00", "0.00", "—", "—", "—"],
            )),
            row(vec![
                owner(0, "年度总体目标", 2, 7),
                Cell::new(7, "预期目标"),
                Cell::new(8, "实际完成情况"),
            ]),
            row(vec![
                Cell::new(7, "开展培训2次。"),
                Cell::new(8, "完成培训3次。"),
            ]),
            row(cells(
                0,
                &[
                    "",
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "权重",
                    "目标值",
                    "业绩值",
                    "完成率",
                    "指标得分",
                ],
            )),
            row([
                vec![
                    owner(0, "年度绩效指标完成情况", 4, 1),
                    owner(1, "产出指标", 3, 1),
                    owner(2, "数量指标", 2, 1),
                ],
                cells(3, &["培训次数", "30", ">=2次", "=3次", "150%", "30"]),
            ]
            .concat()),
            row(cells(
                3,
                &["服务人数", "20", ">=100人", "=90人", "90%", "18"],
            )),
            row(cells(
                2,
                &[
                    "时效指标",
                    "完成时间",
                    "20",
                    "2024年10月31日前",
                    "2024年11月15日",
                    "100%",
                    "20",
                ],
            )),
            row(cells(
                1,
                &[
                    "成本指标",
                    "经济成本指标",
                    "培训成本",
                    "20",
                    "<=24万元",
                    "=24万元",
                    "100%",
                    "20",
                ],
            )),
            row([
                vec![owner(0, "总分", 1, 4)],
                cells(4, &["100", "", "", "", "97.60分"]),
            ]
            .concat()),
        ],
    };
    t.fill_merged();
    t
}

fn doc_of(table: Table) -> Document {
    Document {
        blocks: vec![Block {
            location: Location::default(),
            kind: BlockKind::Table(table),
        }],
        ..Document::default()
    }
}

// A table with real spans reads exactly like its flattened-text twin: same tables, same
// facts (no double-counted merged value), same statements, same locations.
#[test]
fn spans_read_like_flattened_text() {
    let mut flat = crossfoot::ingest::text::parse(FLAT);
    assert_eq!(flat.blocks.len(), 1);
    for b in &mut flat.blocks {
        b.location.line = None;
        if let BlockKind::Table(t) = &mut b.kind {
            for r in &mut t.rows {
                r.line = None;
            }
        }
    }
    let p = patterns();
    let a = extract(&flat, &p);
    let b = extract(&doc_of(spanned()), &p);
    assert_eq!(a.perf_tables, b.perf_tables);
    assert_eq!(a.facts, b.facts);
    assert_eq!(a.statements, b.statements);
    assert_eq!(a.warnings, b.warnings);
    // And what they read is right.
    let t = &a.perf_tables[0];
    assert_eq!(
        (t.kind, t.project.as_str()),
        (PerfTableKind::Project, "测试项目")
    );
    let levels: Vec<(&str, &str, &str)> = t
        .indicators
        .iter()
        .map(|i| (i.level1.as_str(), i.level2.as_str(), i.level3.as_str()))
        .collect();
    assert_eq!(
        levels,
        vec![
            ("产出指标", "数量指标", "培训次数"),
            ("产出指标", "数量指标", "服务人数"),
            ("产出指标", "时效指标", "完成时间"),
            ("成本指标", "经济成本指标", "培训成本"),
        ]
    );
    assert_eq!(quote(&a, t.total_weight), "100");
    assert_eq!(quote(&a, t.total_score), "97.60分");
    assert_eq!(
        (t.goal.as_str(), t.achieved.as_str()),
        ("开展培训2次。", "完成培训3次。")
    );
    let table_facts = a
        .facts
        .iter()
        .filter(|f| f.location.col.is_some() && f.location.row != Some(7))
        .count();
    // 9 amounts + 3 funds (分值/执行率/得分) + 4 rows × 5 (weight, target, actual, completion, score) + 2 总分.
    assert_eq!(table_facts, 9 + 3 + 20 + 2);
    let kinds: Vec<StatementKind> = a.statements.iter().map(|s| s.kind).collect();
    let n = |k| kinds.iter().filter(|x| **x == k).count();
    assert_eq!(
        [
            n(StatementKind::Sum),
            n(StatementKind::ExecutionRate),
            n(StatementKind::FundsScore),
            n(StatementKind::WeightSum),
            n(StatementKind::ScoreSum),
            n(StatementKind::ScoreCap),
            n(StatementKind::Completion),
            n(StatementKind::MissedTarget),
            n(StatementKind::CostSum)
        ],
        [3, 1, 1, 1, 1, 4, 4, 3, 1]
    );
}

// A 绩效自评表 whose header is not recognised is reported, naming the block and headers.
#[test]
fn unrecognised_header_warns() {
    let text = "\t项目支出绩效自评表\n\n\t项目名称\n\t甲项目\n\n\t考核内容\n\t标准\n\t实际\n\n\t培训\n\t2次\n\t3次\n";
    let doc = crossfoot::ingest::text::parse(text);
    let ex = extract(&doc, &patterns());
    assert_eq!(ex.perf_tables.len(), 1);
    let w: Vec<&str> = ex.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        w,
        vec!["绩效自评表 in block 0 has no recognised funds or indicator header row (cells: 项目支出绩效自评表 | 项目名称 | 甲项目 | 考核内容 | 标准 | 实际 | 培训 | 2次 | 3次)"]
    );
    // Its numbers are still facts.
    let labels: Vec<&str> = ex.facts.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, vec!["培训", "培训"]);
}

// A generic table gives one fact per numeric cell, labelled row/column, unit from the table.
#[test]
fn generic_table_facts() {
    let text = "\t单位：万元\n\n\t项目\n\t科目编码\n\t本年收入\n\t本年支出\n\n\t合计\n\t\n\t1,298.54\n\t1,271.72\n\n\t行政运行\n\t2080101\n\t800.00\n\t—\n";
    let doc = crossfoot::ingest::text::parse(text);
    let ex = extract(&doc, &patterns());
    assert!(ex.perf_tables.is_empty());
    let got: Vec<(String, FactKind, String, String, Option<String>)> = ex
        .facts
        .iter()
        .map(|f| {
            (
                f.label.clone(),
                f.kind,
                f.value.to_string(),
                f.unit.clone(),
                f.value_wan.map(|v| v.to_string()),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "合计/本年收入".into(),
                FactKind::Amount,
                "1298.54".into(),
                "万元".into(),
                Some("1298.54".into())
            ),
            (
                "合计/本年支出".into(),
                FactKind::Amount,
                "1271.72".into(),
                "万元".into(),
                Some("1271.72".into())
            ),
            (
                "行政运行/本年收入".into(),
                FactKind::Amount,
                "800.00".into(),
                "万元".into(),
                Some("800.00".into())
            ),
        ]
    );
    assert!(ex.warnings.is_empty());
}

// The central template's layout: a 绩效指标 section cell left of the tree, (A)/(B) header
// suffixes, 年度指标值/实际完成值/分值/得分 columns, an extra 上年结转资金 funds row.
#[test]
fn central_template_layout() {
    let text = "\t项目支出绩效自评表\n\n\t项目名称\n\t乙项目\n\n\t项目资金（万元）\n\t\n\t年初预算数\n\t全年预算数（A）\n\t全年执行数（B）\n\t分值\n\t执行率（B/A）\n\t得分\n\n\t\n\t年度资金总额\n\t50.00\n\t50.00\n\t45.00\n\t10\n\t90.00%\n\t9.00\n\n\t\n\t其中：当年财政拨款\n\t40.00\n\t40.00\n\t35.00\n\t—\n\t—\n\t—\n\n\t\n\t上年结转资金\n\t10.00\n\t10.00\n\t10.00\n\t—\n\t—\n\t—\n\n\t\n\t其他资金\n\t0.00\n\t0.00\n\t0.00\n\t—\n\t—\n\t—\n\n\t绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\t偏差原因分析及改进措施\n\n\t\n\t产出指标\n\t数量指标\n\t检查次数\n\t≥4次\n\t3次\n\t50\n\t37.5\n\t天气原因\n\n\t\n\t满意度指标\n\t服务对象满意度指标\n\t群众满意度\n\t≥90%\n\t95%\n\t40\n\t40\n\t\n\n\t总分\n\t100\n\t86.5\n\t\n";
    let doc = crossfoot::ingest::text::parse(text);
    let ex = extract(&doc, &patterns());
    assert!(ex.warnings.is_empty(), "{:?}", ex.warnings);
    let t = &ex.perf_tables[0];
    assert_eq!(t.project, "乙项目");
    let f = &ex.facts[t.funds[0].executed.expect("executed")];
    assert_eq!(
        (f.label.as_str(), f.quote.as_str()),
        ("年度资金总额/全年执行数（B）", "45.00")
    );
    assert_eq!(t.funds.len(), 4);
    let rows: Vec<[&str; 7]> = t
        .indicators
        .iter()
        .map(|i| {
            [
                i.level1.as_str(),
                i.level2.as_str(),
                i.level3.as_str(),
                i.target.as_str(),
                i.actual.as_str(),
                i.weight.as_str(),
                i.score.as_str(),
            ]
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            [
                "产出指标",
                "数量指标",
                "检查次数",
                "≥4次",
                "3次",
                "50",
                "37.5"
            ],
            [
                "满意度指标",
                "服务对象满意度指标",
                "群众满意度",
                "≥90%",
                "95%",
                "40",
                "40"
            ],
        ]
    );
    assert_eq!(
        t.indicators[0].other,
        vec![("偏差原因分析及改进措施".to_string(), "天气原因".to_string())]
    );
    assert_eq!(
        (quote(&ex, t.total_weight), quote(&ex, t.total_score)),
        ("100".to_string(), "86.5".to_string())
    );
    let n = |k| ex.statements.iter().filter(|s| s.kind == k).count();
    assert_eq!(
        [
            n(StatementKind::Sum),
            n(StatementKind::ExecutionRate),
            n(StatementKind::FundsScore),
            n(StatementKind::WeightSum),
            n(StatementKind::ScoreSum),
            n(StatementKind::ScoreCap),
            n(StatementKind::Completion),
            n(StatementKind::MissedTarget),
            n(StatementKind::CostSum)
        ],
        [3, 1, 1, 1, 1, 2, 0, 2, 0]
    );
    let sum = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Sum)
        .expect("sum");
    assert_eq!(
        sum.roles,
        vec![Role::Total, Role::Part, Role::Part, Role::Part]
    );
}

// Side-by-side tables (收入 | 支出 in one row): each amount takes the label on its own side;
// 行次 numbers and the 栏次 row are not values.
#[test]
fn generic_side_by_side_table() {
    let text = "\t收入支出决算总表\n\n\t金额单位：万元\n\n\t收入\n\t\n\t\n\t支出\n\t\n\t\n\n\t项目\n\t行次\n\t金额\n\t项目\n\t行次\n\t金额\n\n\t栏次\n\t\n\t1\n\t栏次\n\t\n\t2\n\n\t一、一般公共预算财政拨款收入\n\t1\n\t1,234.56\n\t一、一般公共服务支出\n\t31\n\t0.00\n";
    let doc = crossfoot::ingest::text::parse(text);
    let ex = extract(&doc, &patterns());
    let got: Vec<(String, FactKind, String, String)> = ex
        .facts
        .iter()
        .map(|f| (f.label.clone(), f.kind, f.value.to_string(), f.unit.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "一、一般公共预算财政拨款收入/金额".into(),
                FactKind::Amount,
                "1234.56".into(),
                "万元".into()
            ),
            (
                "一、一般公共服务支出/金额".into(),
                FactKind::Amount,
                "0.00".into(),
                "万元".into()
            ),
        ]
    );
}

// A tables.toml loaded with the pattern files (`--patterns DIR`) replaces the built-in
// vocabulary: a new header synonym is one line of data.
#[test]
fn loaded_tables_toml_is_honoured() {
    let builtin =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/patterns/tables.toml"))
            .expect("tables.toml");
    let text = "\t一级指标\n\t二级指标\n\t三级指标\n\t分值\n\t目标值\n\t实绩\n\t得分\n\n\t产出指标\n\t数量指标\n\t培训\n\t10\n\t>=2次\n\t=2次\n\t10\n";
    let doc = crossfoot::ingest::text::parse(text);
    let with = |src: String| {
        let set =
            PatternSet::from_sources([("tables.toml".to_string(), src)]).expect("pattern set");
        extract(&doc, &set)
    };
    let before = with(builtin.clone());
    assert_eq!(before.perf_tables[0].indicators[0].actual, "");
    let after = with(builtin.replace("actual = [\"业绩值\"", "actual = [\"实绩\", \"业绩值\""));
    assert_eq!(after.perf_tables[0].indicators[0].actual, "=2次");
    let broken = with("[titles]\nmarker = 1\n".to_string());
    assert_eq!(broken.warnings.len(), 1);
    assert_eq!(broken.warnings[0].code, "table.vocabulary");
    assert_eq!(broken.perf_tables.len(), 1);
}

/// A table's reading without locations (grid columns differ between a Word grid and the
/// flattened text): project, funds, rows, totals, goals, facts and statements as printed.
fn reading(ex: &Extraction, t: &PerfTable) -> Vec<String> {
    let q = |f: Option<usize>| quote(ex, f);
    let mut out = vec![format!(
        "{:?} {} | {} | {}",
        t.kind, t.project, t.goal, t.achieved
    )];
    for f in &t.funds {
        out.push(format!(
            "F {} {} {} {} {} {} {}",
            f.label,
            q(f.budget_initial),
            q(f.budget_full),
            q(f.executed),
            q(f.weight),
            q(f.rate),
            q(f.score)
        ));
    }
    for i in &t.indicators {
        out.push(format!(
            "I {}/{}/{} {} {} {} {} {} {:?} {} {} {}",
            i.level1,
            i.level2,
            i.level3,
            i.weight,
            i.target,
            i.actual,
            i.completion,
            i.score,
            i.other,
            q(i.weight_fact),
            q(i.completion_fact),
            q(i.score_fact)
        ));
    }
    out.push(format!("T {} {}", q(t.total_weight), q(t.total_score)));
    let block = t.location.block;
    for f in ex.facts.iter().filter(|f| f.location.block == block) {
        out.push(format!(
            "f {} {:?} {} {} {} {:?}",
            f.label, f.kind, f.value, f.unit, f.quote, f.project
        ));
    }
    for s in ex.statements.iter().filter(|s| s.location.block == block) {
        let facts: Vec<String> = s.facts.iter().map(|f| ex.facts[*f].quote.clone()).collect();
        out.push(format!(
            "s {:?} {:?} {:?} {:?} {:?} {}",
            s.kind, facts, s.roles, s.expected, s.detail, s.quote
        ));
    }
    out
}

// The seed's DOCX rendition (real merged Word cells) reads exactly like the flattened text:
// same tables, rows, facts and statements (only grid locations differ).
#[test]
fn seed_docx_reads_like_text() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.docx"
    ))
    .expect("docx");
    let (_, doc) = crossfoot::ingest::ingest_bytes(&bytes, &crossfoot::ingest::Limits::default())
        .expect("ingest docx");
    let docx = extract(&doc, &patterns());
    let text = seed();
    assert_eq!(docx.perf_tables.len(), 13);
    for (a, b) in text.perf_tables.iter().zip(&docx.perf_tables) {
        assert_eq!(reading(text, a), reading(&docx, b), "{}", a.project);
    }
    assert!(docx.warnings.iter().all(|w| !w.code.starts_with("table.")));
}

/// A small deterministic generator (LCG) for the robustness test.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

// Random tables mixing 绩效自评表 vocabulary, numbers, dashes, dates and prose, flat or with
// spans: extraction never panics, and every fact sits at an owner cell whose text contains
// its quote (a fact never points at a continuation or at the wrong cell).
#[test]
fn random_tables_give_facts_at_their_cells() {
    const WORDS: [&str; 40] = [
        "项目支出绩效自评表",
        "单位整体支出绩效自评表",
        "项目名称",
        "单位名称",
        "项目资金（万元）",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "其中：当年财政拨款",
        "其他资金",
        "合计",
        "年度总体目标",
        "预期目标",
        "实际完成情况",
        "一级指标",
        "二级指标",
        "三级指标",
        "权重",
        "目标值",
        "业绩值",
        "完成率",
        "指标得分",
        "总分",
        "产出指标",
        "成本指标",
        "100",
        "12.50",
        "1,234.56",
        "99.97%",
        "—",
        "",
        ">=942人",
        "<=18.04万元",
        "2024年12月10日前",
        "完成培训3次，覆盖22家。",
        "=3万元/人",
    ];
    let p = patterns();
    let mut rng = Lcg(7);
    let mut checked = 0;
    for case in 0..300 {
        let spanned = case % 2 == 1;
        let width = 3 + rng.next(10);
        let mut t = Table::default();
        for _ in 0..(1 + rng.next(14)) {
            let n = if spanned { width } else { 1 + rng.next(width) };
            let mut cells = Vec::new();
            let mut col = 0;
            while col < n {
                let span = if spanned && rng.next(4) == 0 {
                    2.min(n - col)
                } else {
                    1
                };
                let mut c = Cell::new(col, WORDS[rng.next(WORDS.len())]);
                c.col_span = span as u32;
                c.row_span = if spanned && rng.next(6) == 0 { 2 } else { 1 };
                if !spanned {
                    c.row_span = 1;
                }
                cells.push(c);
                col += span;
            }
            t.rows.push(row(cells));
        }
        if spanned {
            t.fill_merged();
        }
        let ex = extract(&doc_of(t.clone()), &p);
        for s in &ex.statements {
            assert_eq!(s.facts.len(), s.roles.len());
            assert!(s.facts.iter().all(|f| *f < ex.facts.len()));
        }
        let width = t.width();
        for f in &ex.facts {
            let (Some(r), Some(c)) = (f.location.row, f.location.col) else {
                continue;
            };
            let cells = &t.rows[r].cells;
            let cell = if spanned {
                cells.iter().find(|x| x.col == c).expect("cell at col")
            } else {
                // Flattened rule: a short row's first cell is widened over the missing columns.
                let k = width - cells.len();
                let j = if c == 0 { 0 } else { c - k };
                &cells[j]
            };
            assert!(
                !cell.is_continuation(),
                "case {case}: fact {} at a continuation",
                f.id
            );
            assert!(
                cell.text.contains(f.quote.trim()),
                "case {case}: {} not in {:?}",
                f.quote,
                cell.text
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} facts checked");
}
