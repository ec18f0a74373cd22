//! The output of the extract stage: facts, statements and performance tables.
//!
//! A [`Fact`] is one number the document prints, with its label, unit, quote and location.
//! A [`Statement`] is a relation the document asserts among facts (a total and its parts, a
//! share, a year-on-year change, a budget variance, a performance-table identity), with each
//! fact's [`Role`]. The checker evaluates statements; it never re-reads the document.

use crate::document::Location;
use rust_decimal::Decimal;
use serde::Serialize;

/// What a fact measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    /// Money (元/千元/万元/亿元).
    Amount,
    /// A percentage.
    Percent,
    /// A count (人, 个, 次, 家, 分 …) or a bare number.
    Count,
    /// A calendar date (value is yyyymmdd).
    Date,
}

/// One number the document prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// Stable id within the document ("F0001"…), in document order.
    pub id: String,
    /// The quantity measured, in the document's words ("收入总计",
    /// "社会保障和就业支出(类)民政管理事务(款)行政运行(项)", "年度资金总额/全年执行数").
    pub label: String,
    /// Stable concept id from patterns/concepts.toml ("income.total"), if the label is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concept: Option<String>,
    /// Amount, percent, count or date.
    pub kind: FactKind,
    /// Plain decimal as printed without separators ("2405.59"); signed where the text says
    /// so by a minus sign (not by words: words go to statements).
    #[serde(serialize_with = "ser_plain")]
    pub value: Decimal,
    /// Printed form ("2,405.59").
    pub stated: String,
    /// Printed decimals.
    pub decimals: u32,
    /// Unit as written ("万元", "%", "人", "家"); empty for a bare number.
    pub unit: String,
    /// For amounts: the value in 万元 (exact).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_plain"
    )]
    pub value_wan: Option<Decimal>,
    /// The 绩效自评表 project this fact belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The sentence or table cell it was read from, as published.
    pub quote: String,
    /// Where.
    pub location: Location,
    /// For a cell of a standard table (公开表): which table, row and column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
}

/// A cell of a recognised standard table (公开表): `{table}!{row}@{column}` in relation keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
pub struct CellRef {
    /// Table kind ("final.summary", "budget.gpb_function" …; patterns/standard_tables.toml).
    pub table: String,
    /// Row key: the classification code, else the normalised row name (prefixed with the
    /// panel number, "2:总计", in a table of side-by-side panels).
    pub row: String,
    /// The row's classification code, when it has one ("2010101").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The row's name as printed (whitespace removed).
    pub name: String,
    /// Column key: the normalised header path ("公务用车购置及运行维护费/小计/决算数").
    pub column: String,
}

impl CellRef {
    /// The reference as written in relation keys: `{table}!{row}@{column}`.
    pub fn key(&self) -> String {
        format!("{}!{}@{}", self.table, self.row, self.column)
    }
}

fn ser_plain<S: serde::Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

fn ser_opt_plain<S: serde::Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => s.serialize_str(&d.normalize().to_string()),
        None => s.serialize_none(),
    }
}

/// The kinds of relation a document asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// A total and its listed parts (Total + Part roles).
    Sum,
    /// A part as a percentage of a base (Part, Base?, Rate).
    Share,
    /// Shares of one base that together should make 100% (Rate roles).
    ShareFamily,
    /// A year-on-year change (Current, Delta?, Rate?; `sign` from the words).
    Yoy,
    /// Budget against actual (Budget, Actual, Rate? = (actual − budget)/budget).
    Variance,
    /// A stated count against the list that follows ("下设7个科室，分别是：…"): Count role,
    /// `items` = the list's length.
    ListCount,
    /// Performance table: 执行率 = 全年执行数 / 全年预算数 (Actual, Budget, Rate).
    ExecutionRate,
    /// Performance table: 得分 = 分值 × 执行率 (Weight, Rate, Score).
    FundsScore,
    /// Performance table: indicator weights add up to `expected` (Weight roles; Total role
    /// if a 总分 row states it).
    WeightSum,
    /// Performance table: scores add up to 总分 (Score roles + Total).
    ScoreSum,
    /// Performance table: an indicator's score does not exceed its weight (Weight, Score).
    ScoreCap,
    /// Performance table: 完成率 against 目标值 and 业绩值 (Rate role; target/actual text in
    /// `detail`).
    Completion,
    /// Performance table: a target missed (date after deadline, rate below target) but full
    /// score given (Weight, Score; texts in `detail`).
    MissedTarget,
    /// Performance table: cost indicators add up to 全年执行数 (Part roles + Total).
    CostSum,
    /// Performance table: a count in the goal/achievement narrative against the indicator
    /// row (Count roles: narrative first, table second).
    NarrativeCount,
    /// Standard table: a cell is the signed sum of other cells of its column or row, or of
    /// cells of other tables (Total, Part and Minus roles; `detail` = "column", "row" or
    /// "cross").
    TableSum,
    /// Standard tables: two cells hold the same figure (Total and Part roles; `detail` =
    /// "balance" within a table or "cross" across tables).
    TableEqual,
    /// A figure of the text against the table cell it names (Part = the text's figure,
    /// Total = the cell).
    TextTable,
    /// A rate of the text recomputed from table cells (Rate = the text's rate, Part and Base
    /// = the cells; `detail` = "share" or "ratio").
    TextShare,
    /// A wording defect of the text, no figures (`detail` = the kind: residue, cut, punct;
    /// `quote` = the defective words as printed).
    Defect,
}

/// What a fact is within a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The stated total.
    Total,
    /// A part of the total.
    Part,
    /// The base of a share.
    Base,
    /// A stated rate (share, growth, variance, execution, completion).
    Rate,
    /// The current-year value of a change.
    Current,
    /// The amount of a change (magnitude; direction in `sign`).
    Delta,
    /// A budget figure.
    Budget,
    /// An actual (决算/执行) figure.
    Actual,
    /// A weight (分值/权重).
    Weight,
    /// A score (得分).
    Score,
    /// A stated count.
    Count,
    /// A figure subtracted in a signed sum (年末结转和结余 = 年初 + 收入 − 支出).
    Minus,
    /// Another row's cell that holds a text figure printed under this row's name (the 款
    /// total under a 项 name): the mismatch is one of wording, a warning.
    Namesake,
}

/// A relation the document asserts among facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// Stable id within the document ("S0001"…).
    pub id: String,
    /// What relation.
    pub kind: StatementKind,
    /// The facts involved (indices into [`Extraction::facts`]; serialized as fact ids by the
    /// report layer).
    pub facts: Vec<usize>,
    /// Role of each fact, parallel to `facts`.
    pub roles: Vec<Role>,
    /// Direction from words (增加 +1, 减少 −1, 持平 0) for yoy/variance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign: Option<i8>,
    /// A constant the relation expects (e.g. weights add up to 90), where not a fact.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_plain"
    )]
    pub expected: Option<Decimal>,
    /// Extra data some kinds need (list items, target/actual text, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The sentence or row the statement was read from.
    pub quote: String,
    /// Where.
    pub location: Location,
    /// A stable key naming the relation ("sum|final.income!201@本年收入合计|col"), for
    /// relations of the standard tables and the text; the syntax is documented in
    /// tests/real/README.md.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Why the relation cannot be checked although it was found (an unreadable cell, a
    /// guessed structure); the checker reports it as not checkable with this reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsure: Option<String>,
}

impl Statement {
    /// A statement of `kind` over `facts` with their `roles`, read from `quote` at
    /// `location`; no direction, constant, detail, key or doubt (set those with struct
    /// update syntax), and its id is given when it is pushed.
    pub fn new(
        kind: StatementKind,
        facts: Vec<usize>,
        roles: Vec<Role>,
        quote: String,
        location: Location,
    ) -> Statement {
        Statement {
            id: String::new(),
            kind,
            facts,
            roles,
            sign: None,
            expected: None,
            detail: None,
            quote,
            location,
            key: None,
            unsure: None,
        }
    }

    /// The first fact with this role.
    pub fn fact(&self, role: Role) -> Option<usize> {
        self.roles
            .iter()
            .position(|r| *r == role)
            .map(|i| self.facts[i])
    }

    /// All facts with this role, in order.
    pub fn facts_with(&self, role: Role) -> Vec<usize> {
        self.roles
            .iter()
            .zip(&self.facts)
            .filter(|(r, _)| **r == role)
            .map(|(_, f)| *f)
            .collect()
    }
}

/// Which kind of 绩效自评表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PerfTableKind {
    /// 单位整体支出绩效自评表 / 部门整体支出绩效自评表.
    Unit,
    /// 项目支出绩效自评表.
    Project,
}

/// One funds row of a performance table (年度资金总额, 其中：当年财政拨款, 其他资金, 上级资金 …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundsRow {
    /// Row label as printed (trimmed).
    pub label: String,
    /// 年初预算数 (fact index).
    pub budget_initial: Option<usize>,
    /// 全年预算数.
    pub budget_full: Option<usize>,
    /// 全年执行数.
    pub executed: Option<usize>,
    /// 分值 / 分值权重.
    pub weight: Option<usize>,
    /// 执行率.
    pub rate: Option<usize>,
    /// 得分.
    pub score: Option<usize>,
    /// Where.
    pub location: Location,
}

/// One indicator row (一级/二级/三级指标 …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    /// Project (项目名称, or the unit name for the unit-level table).
    pub project: String,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 权重 / 分值权重 as printed.
    pub weight: String,
    /// 目标值 / 预期指标值 as printed.
    pub target: String,
    /// 业绩值 / 实际完成指标值 as printed.
    pub actual: String,
    /// 完成率 as printed ("" when the table has no such column).
    pub completion: String,
    /// 得分 / 指标得分 as printed.
    pub score: String,
    /// Other columns by header (指标值设定依据, 上年完成情况, 赋分规则, 佐证资料, 偏差原因分析及改进措施 …).
    pub other: Vec<(String, String)>,
    /// Fact index of the weight.
    #[serde(skip)]
    pub weight_fact: Option<usize>,
    /// Fact index of the completion rate.
    #[serde(skip)]
    pub completion_fact: Option<usize>,
    /// Fact index of the score.
    #[serde(skip)]
    pub score_fact: Option<usize>,
    /// Where.
    pub location: Location,
}

/// One 绩效自评表.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerfTable {
    /// Unit-level or project.
    pub kind: PerfTableKind,
    /// 项目名称 (or 单位名称 for the unit-level table).
    pub project: String,
    /// Funds rows in order.
    pub funds: Vec<FundsRow>,
    /// Indicator rows in order.
    pub indicators: Vec<IndicatorRow>,
    /// 总分 weight fact (the "100" of the 总分 row).
    pub total_weight: Option<usize>,
    /// 总分 score fact ("98.75分").
    pub total_score: Option<usize>,
    /// 年度总体目标: 预期目标 text.
    pub goal: String,
    /// 年度总体目标: 实际完成情况 text.
    pub achieved: String,
    /// Where the table starts.
    pub location: Location,
}

/// What a disclosure covers, recognised from its title and tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocScope {
    /// "部门" (a department with its units) or "单位" (one unit), where the text says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// "决算" or "预算", from the title and the tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The `detail` of a Sum whose numbered list stops after its first part ("总计A万元。包括：" /
/// "1．X支出B万元…" and no item 2): short of the total, the list is cut (a warning).
pub const LIST_CUT: &str = "list cut after its first numbered part";

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// Department (单位名称 / title), if recognised.
    pub department: Option<String>,
    /// Fiscal year, if recognised.
    pub year: Option<i32>,
    /// Every number read, narrative and tables, in document order.
    pub facts: Vec<Fact>,
    /// Relations asserted among facts.
    pub statements: Vec<Statement>,
    /// 绩效自评表, in document order.
    pub perf_tables: Vec<PerfTable>,
    /// Standard tables (公开表) recognised, in document order.
    pub std_tables: Vec<crate::extract::standard::StdTable>,
    /// Whether the document is a 部门 or a 单位 disclosure, and 决算 or 预算, where known.
    pub scope: DocScope,
    /// Extraction-level warnings (e.g. a table whose header was not recognised).
    pub warnings: Vec<crate::document::DocWarning>,
    /// Text figures that restate another text figure of the same item (fact, restated
    /// fact): "X（项）350.35万元…2024年预算安排352.67万元" names this year's figure of X
    /// twice. Used to bind the restatement to the table cell of X.
    #[serde(skip)]
    pub restates: Vec<(usize, usize)>,
}
