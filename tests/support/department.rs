//! Synthetic departments for the standard tables (公开表): from a seed, a consistent set of
//! figures (功能分类 类/款/项 with codes, 经济分类 301/302/303/310, 一般公共预算 / 政府性基金 /
//! 国有资本经营 money, 财政拨款 and other income, 结转和结余, "三公" = 出国 + 车辆(购置 + 运行) +
//! 接待 in 预算数 and 决算数), laid out as the nine 决算 tables and the nine 预算 tables of a
//! department, and rendered as text (the tab-led convention), as a [`Document`] (for the
//! DOCX and PDF renditions of tests/support/render.rs and render_pdf.rs) and as a workbook
//! with one sheet per table.
//!
//! Layouts vary by seed the way real disclosures do: codes printed whole, split over
//! 类|款|项 columns, or in the name cell ("2010101 行政运行"); the 总表 list classes by name
//! only, in two panels (收入 │ 支出), or (the 预算 of some seeds, the Jiangsu 收支预算总表) in
//! three panels 收入 │ 功能分类 │ 支出用途 of different lengths, closed by one 当年支出小计
//! whose label spans both expenditure panels; the 预算 tables are in 元 beside a text in 万元 (the
//! "三公" table in 万元); the 支出决算表 goes on over a page with its header repeated; a
//! department without 政府性基金 or 国有资本经营 money prints those tables empty with a
//! 空表说明 under them.
//!
//! Every figure is an integer (0.01 万元 in the 决算, 元 in the 预算, 0.01 万元 in the 预算
//! "三公" table) and every printed total is computed from its parts, so all relations hold
//! exactly. Header groups merged in DOCX/PDF/XLSX are repeated in the text rendition (the
//! text convention cannot say a cell spans columns), so every rendition has the same
//! header paths.
//!
//! Shared by tests through `#[path]`, so not every caller uses every item.
#![allow(dead_code)]

use crossfoot::document::{Block, BlockKind, Cell, Document, Location, Paragraph, Row, Table};
use rust_xlsxwriter::{Format as XFormat, Workbook};

/// SplitMix64: the same figures on every machine and version.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    /// True with probability `pct` %.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

/// Which money a 项 is spent from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fund {
    /// 一般公共预算.
    General,
    /// 政府性基金预算.
    Gov,
    /// 国有资本经营预算.
    Soe,
}

/// The 功能分类 catalogue: 类 code and name, its 款 (code, name) and their 项 (code, name).
#[allow(clippy::type_complexity)]
const FUNCTIONS: &[(&str, &str, Fund, &[(&str, &str, &[(&str, &str)])])] = &[
    (
        "201",
        "一般公共服务支出",
        Fund::General,
        &[
            (
                "20103",
                "政府办公厅（室）及相关机构事务",
                &[
                    ("2010301", "行政运行"),
                    ("2010302", "一般行政管理事务"),
                    ("2010350", "事业运行"),
                ],
            ),
            (
                "20106",
                "财政事务",
                &[("2010601", "行政运行"), ("2010699", "其他财政事务支出")],
            ),
        ],
    ),
    (
        "208",
        "社会保障和就业支出",
        Fund::General,
        &[
            (
                "20805",
                "行政事业单位养老支出",
                &[
                    ("2080505", "机关事业单位基本养老保险缴费支出"),
                    ("2080506", "机关事业单位职业年金缴费支出"),
                ],
            ),
            ("20808", "抚恤", &[("2080801", "死亡抚恤")]),
        ],
    ),
    (
        "210",
        "卫生健康支出",
        Fund::General,
        &[(
            "21011",
            "行政事业单位医疗",
            &[("2101101", "行政单位医疗"), ("2101102", "事业单位医疗")],
        )],
    ),
    (
        "213",
        "农林水支出",
        Fund::General,
        &[(
            "21301",
            "农业农村",
            &[("2130101", "行政运行"), ("2130104", "事业运行")],
        )],
    ),
    (
        "221",
        "住房保障支出",
        Fund::General,
        &[(
            "22102",
            "住房改革支出",
            &[("2210201", "住房公积金"), ("2210203", "购房补贴")],
        )],
    ),
    (
        "212",
        "城乡社区支出",
        Fund::Gov,
        &[(
            "21208",
            "国有土地使用权出让收入安排的支出",
            &[
                ("2120801", "征地和拆迁补偿支出"),
                ("2120803", "城市建设支出"),
            ],
        )],
    ),
    (
        "223",
        "国有资本经营预算支出",
        Fund::Soe,
        &[(
            "22301",
            "解决历史遗留问题及改革成本支出",
            &[("2230105", "国有企业退休人员社会化管理补助支出")],
        )],
    ),
];

/// 经济分类 of 基本支出: class (code, name, 人员经费?) and items.
#[allow(clippy::type_complexity)]
const ECONOMIC: &[(&str, &str, bool, &[(&str, &str)])] = &[
    (
        "301",
        "工资福利支出",
        true,
        &[
            ("30101", "基本工资"),
            ("30102", "津贴补贴"),
            ("30103", "奖金"),
            ("30108", "机关事业单位基本养老保险缴费"),
            ("30112", "其他社会保障缴费"),
            ("30113", "住房公积金"),
        ],
    ),
    (
        "302",
        "商品和服务支出",
        false,
        &[
            ("30201", "办公费"),
            ("30205", "水费"),
            ("30211", "差旅费"),
            ("30217", "公务接待费"),
            ("30231", "公务用车运行维护费"),
            ("30299", "其他商品和服务支出"),
        ],
    ),
    (
        "303",
        "对个人和家庭的补助",
        true,
        &[("30302", "退休费"), ("30309", "奖励金")],
    ),
    ("310", "资本性支出", false, &[("31002", "办公设备购置")]),
];

/// One 项 with its figures.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// 类 index in [`FUNCTIONS`].
    pub class: usize,
    /// 款 index within the 类.
    pub kuan: usize,
    /// 7-digit code.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// Fund.
    pub fund: Fund,
    /// 决算 (0.01 万元): 财政拨款 基本, 财政拨款 项目, 事业收入, 其他收入 spent, and for
    /// 政府性基金/国有资本经营 money the 年初 and 年末 结转和结余.
    pub basic: i64,
    /// 财政拨款 项目支出.
    pub project: i64,
    /// 事业收入 (spent on 基本支出).
    pub business: i64,
    /// 其他收入 (spent on 项目支出).
    pub other: i64,
    /// 年初结转和结余 of this fund's money (政府性基金/国有资本经营 only).
    pub carry_in: i64,
    /// 年末结转和结余.
    pub carry_out: i64,
    /// 预算 (元): 财政拨款 基本 and 项目, 事业收入, 其他收入.
    pub b_basic: i64,
    /// 预算 项目支出 (财政拨款).
    pub b_project: i64,
    /// 预算 事业收入.
    pub b_business: i64,
    /// 预算 其他收入.
    pub b_other: i64,
}

impl Leaf {
    /// 财政拨款 income of the year (决算).
    fn fiscal_income(&self) -> i64 {
        self.basic + self.project + self.carry_out - self.carry_in
    }
    /// 决算 expenditure.
    fn spent(&self) -> i64 {
        self.basic + self.project + self.business + self.other
    }
}

/// How a table prints its classification codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStyle {
    /// 科目编码 | 科目名称.
    Whole,
    /// 类 | 款 | 项 | 科目名称.
    Split,
    /// "2010101 行政运行" in one 科目名称 cell.
    InName,
    /// No code at all: "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行" in one
    /// 功能分类科目名称 column, the level shown by indentation (full-width or plain spaces)
    /// or not at all.
    Names,
}

/// How a table prints its rows' subjects: "whole", "split", "in name" (the codes) or
/// "names" (no code, as the 总表 and "三公" tables).
pub fn code_style(t: &SynTable) -> &'static str {
    let heads = column_heads(t);
    let first = heads.first().map(String::as_str);
    let top = t.header.first().and_then(|h| h.first()).map(String::as_str);
    match (top, first) {
        (_, Some("类")) => "split",
        (Some("科目名称"), _) => "in name",
        (Some("功能分类科目名称"), _) => "function names",
        (_, Some("科目编码")) => "whole",
        _ => "names",
    }
}

/// The lowest header of each grid column ("^" read upwards, the 栏次 row left out).
pub fn column_heads(t: &SynTable) -> Vec<String> {
    let rows: Vec<&Vec<String>> = t
        .header
        .iter()
        .filter(|h| h.first().map(String::as_str) != Some("栏次"))
        .collect();
    let width = t.header.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            rows.iter()
                .rev()
                .filter_map(|h| h.get(c))
                .find(|x| *x != "^")
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}

/// The layout features a disclosure shows, for tests that the seeds cover them all.
pub fn features(d: &Disclosure) -> std::collections::BTreeSet<&'static str> {
    let mut out = std::collections::BTreeSet::new();
    for t in &d.tables {
        out.insert(code_style(t));
        let cells = || t.header.iter().chain(&t.rows).flatten();
        if column_heads(t).iter().any(|h| h == "行次") {
            out.insert("行次 columns");
        }
        if t.header.iter().any(|h| h[0] == "栏次") {
            out.insert("栏次 row");
        }
        if t.rows.iter().flatten().any(|c| c == "0.00") {
            out.insert("zero printed");
        }
        if t.rows.iter().flatten().any(|c| c == "<") {
            out.insert("合计 over the code columns");
        }
        if t.break_after.is_some() {
            out.insert("continued over a page");
        }
        if t.empty_note.is_some() {
            out.insert("empty with 空表说明");
        }
        if cells().any(|c| c == "^") || t.header.iter().any(|h| h.windows(2).any(|w| w[0] == w[1]))
        {
            out.insert("merged header");
        }
        if t.unit == "元" {
            out.insert("元 table");
        }
        if t.rows.iter().flatten().any(|c| c.contains('\u{3000}')) {
            out.insert("names indented");
        }
        if code_style(t) == "function names" {
            let first = |c: &String| c.starts_with([' ', '\u{3000}']);
            if t.rows
                .iter()
                .any(|r| r.first().is_some_and(|c| c.starts_with(' ')))
            {
                out.insert("function names indented with plain spaces");
            } else if !t.rows.iter().any(|r| r.first().is_some_and(first)) {
                out.insert("function names not indented");
            }
        }
        if NAMES.iter().any(|n| t.title.starts_with(n)) {
            out.insert("department in the title");
        }
        if t.header
            .iter()
            .any(|h| h.iter().filter(|c| *c == "金额").count() == 3)
        {
            out.insert("three panels");
        }
        if t.unit_line.contains("编制部门") {
            out.insert("编制部门 on the unit line");
        }
    }
    if d.text.iter().any(|p| p.contains("万元")) && d.tables.iter().any(|t| t.unit == "元") {
        out.insert("元 tables beside 万元 text");
    }
    out
}

/// One table as printed: header rows and data rows on one grid. In a header row a run of
/// equal texts is one merged cell, and "^" continues the cell above (both merged in DOCX,
/// PDF and XLSX; repeated, resp. blank, in the text).
#[derive(Debug, Clone)]
pub struct SynTable {
    /// Kind id the recogniser must give it.
    pub kind: &'static str,
    /// Title as printed.
    pub title: String,
    /// The unit line as printed.
    pub unit_line: String,
    /// "万元" or "元".
    pub unit: &'static str,
    /// Header rows.
    pub header: Vec<Vec<String>>,
    /// Data rows (figures printed, blanks empty).
    pub rows: Vec<Vec<String>>,
    /// Data rows printed before a page break (the header is repeated after it).
    pub break_after: Option<usize>,
    /// The 空表说明 printed under an empty table.
    pub empty_note: Option<String>,
}

/// One disclosure (决算 or 预算) of a department.
#[derive(Debug, Clone)]
pub struct Disclosure {
    /// File stem.
    pub name: String,
    /// Paragraphs before the tables.
    pub text: Vec<String>,
    /// The tables.
    pub tables: Vec<SynTable>,
}

/// A department: its 决算 and its 预算.
#[derive(Debug, Clone)]
pub struct Department {
    /// Name.
    pub name: String,
    /// The 决算 (year - 1) and the 预算 (year).
    pub disclosures: Vec<Disclosure>,
}

/// 0.01 万元 as printed ("1,234.56").
pub fn wan(fen: i64) -> String {
    let neg = fen < 0;
    let a = fen.abs();
    let s = format!("{}.{:02}", group(a / 100), a % 100);
    if neg {
        format!("-{s}")
    } else {
        s
    }
}

/// 元 as printed ("1,234,567").
pub fn yuan(v: i64) -> String {
    if v < 0 {
        format!("-{}", group(-v))
    } else {
        group(v)
    }
}

fn group(v: i64) -> String {
    let d = v.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Blank for zero (决算 tables print nothing for zero).
fn wan_or_blank(v: i64) -> String {
    if v == 0 {
        String::new()
    } else {
        wan(v)
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Splits `total` into `n` positive parts (the last takes the rest).
fn split(rng: &mut Rng, total: i64, n: usize) -> Vec<i64> {
    if n == 0 {
        return Vec::new();
    }
    let weights: Vec<i64> = (0..n).map(|_| rng.range(1, 9)).collect();
    let sum: i64 = weights.iter().sum();
    let mut parts: Vec<i64> = weights.iter().map(|w| total * w / sum).collect();
    let given: i64 = parts[..n - 1].iter().sum();
    parts[n - 1] = total - given;
    parts
}

/// The figures of a department, drawn from `seed`.
pub struct Figures {
    /// Department name.
    pub name: String,
    /// 预算 year (the 决算 is of the year before).
    pub year: i32,
    /// Every 项 the department spends on.
    pub leaves: Vec<Leaf>,
    /// 一般公共预算 财政拨款 年初 (= 年末) 结转和结余, 0.01 万元.
    pub carry: i64,
    /// 决算 基本支出 by 经济分类 item (0.01 万元), parallel to [`ECONOMIC`] items.
    pub econ: Vec<Vec<i64>>,
    /// 预算 基本支出 by 经济分类 item (元).
    pub b_econ: Vec<Vec<i64>>,
    /// "三公": 预算数 and 决算数 of the 决算 (出国, 购置, 运行, 接待), 0.01 万元.
    pub three: [[i64; 4]; 2],
    /// "三公" of the 预算 (0.01 万元) and 机关运行经费.
    pub b_three: [i64; 4],
    /// 机关运行经费 预算 (0.01 万元).
    pub b_operating: i64,
}

const NAMES: &[&str] = &[
    "示范市农业农村局",
    "示范市住房保障中心",
    "示范区人力资源和社会保障局",
    "示范县卫生健康委员会",
    "示范市机关事务管理局",
    "示范区城市管理局",
];

/// Draws a department's figures.
pub fn figures(seed: u64) -> Figures {
    let mut rng = Rng::new(seed);
    let name = NAMES[(seed as usize) % NAMES.len()].to_string();
    let year = 2024 + (seed % 2) as i32;
    let gov_fund = rng.chance(50);
    let soe = rng.chance(30);
    let mut leaves = Vec::new();
    for (ci, (_, _, fund, kuans)) in FUNCTIONS.iter().enumerate() {
        match fund {
            Fund::Gov if !gov_fund => continue,
            Fund::Soe if !soe => continue,
            Fund::General if ci > 1 && rng.chance(25) => continue,
            _ => {}
        }
        for (ki, (_, _, items)) in kuans.iter().enumerate() {
            for (code, name) in items.iter() {
                let general = *fund == Fund::General;
                let basic = if general && rng.chance(80) {
                    rng.range(500, 90_000)
                } else {
                    0
                };
                let project = if !general || basic == 0 || rng.chance(40) {
                    rng.range(300, 60_000)
                } else {
                    0
                };
                let business = if general && rng.chance(20) {
                    rng.range(100, 9_000)
                } else {
                    0
                };
                let other = if general && rng.chance(15) {
                    rng.range(100, 5_000)
                } else {
                    0
                };
                let (carry_in, carry_out) = if general {
                    (0, 0)
                } else {
                    (rng.range(0, 3_000), rng.range(0, 2_000))
                };
                let b_basic = if general && basic > 0 {
                    rng.range(50_000, 9_000_000)
                } else {
                    0
                };
                let b_project = if !general || b_basic == 0 || rng.chance(40) {
                    rng.range(30_000, 6_000_000)
                } else {
                    0
                };
                let b_business = if business > 0 {
                    rng.range(10_000, 900_000)
                } else {
                    0
                };
                let b_other = if other > 0 {
                    rng.range(10_000, 500_000)
                } else {
                    0
                };
                leaves.push(Leaf {
                    class: ci,
                    kuan: ki,
                    code,
                    name,
                    fund: *fund,
                    basic,
                    project,
                    business,
                    other,
                    carry_in,
                    carry_out,
                    b_basic,
                    b_project,
                    b_business,
                    b_other,
                });
            }
        }
    }
    let general = |l: &&Leaf| l.fund == Fund::General;
    let basic: i64 = leaves.iter().filter(general).map(|l| l.basic).sum();
    let b_basic: i64 = leaves.iter().filter(general).map(|l| l.b_basic).sum();
    let econ_split = |rng: &mut Rng, total: i64| -> Vec<Vec<i64>> {
        let classes = split(rng, total, ECONOMIC.len());
        ECONOMIC
            .iter()
            .zip(classes)
            .map(|((_, _, _, items), t)| split(rng, t, items.len()))
            .collect()
    };
    let econ = econ_split(&mut rng, basic);
    let b_econ = econ_split(&mut rng, b_basic);
    let mut three = [[0i64; 4]; 2];
    for t in three.iter_mut() {
        *t = [
            if rng.chance(60) {
                rng.range(0, 3_000)
            } else {
                0
            },
            if rng.chance(40) {
                rng.range(500, 3_000)
            } else {
                0
            },
            rng.range(100, 2_000),
            rng.range(50, 1_500),
        ];
    }
    let b_three = [
        rng.range(0, 3_000),
        if rng.chance(40) {
            rng.range(500, 3_000)
        } else {
            0
        },
        rng.range(100, 2_000),
        rng.range(50, 1_500),
    ];
    Figures {
        name,
        year,
        leaves,
        carry: rng.range(0, 20_000),
        econ,
        b_econ,
        three,
        b_three,
        b_operating: rng.range(1_000, 50_000),
    }
}

/// The rows of a classification tree: per 类, 款 and 项 the values `f` gives (summed over
/// the leaves under each), as (level, code, name, values).
#[allow(clippy::type_complexity)]
fn tree(
    leaves: &[&Leaf],
    width: usize,
    f: &dyn Fn(&Leaf) -> Vec<i64>,
) -> Vec<(u8, String, String, Vec<i64>)> {
    let add = |a: &mut Vec<i64>, b: Vec<i64>| {
        for (x, y) in a.iter_mut().zip(b) {
            *x += y;
        }
    };
    let mut out = Vec::new();
    let mut classes: Vec<usize> = leaves.iter().map(|l| l.class).collect();
    classes.dedup();
    for c in classes {
        let (ccode, cname, _, kuans) = FUNCTIONS[c];
        let mut csum = vec![0; width];
        let ci = out.len();
        out.push((1, s(ccode), s(cname), Vec::new()));
        for (k, (kcode, kname, _)) in kuans.iter().enumerate() {
            let under: Vec<&&Leaf> = leaves
                .iter()
                .filter(|l| l.class == c && l.kuan == k)
                .collect();
            if under.is_empty() {
                continue;
            }
            let mut ksum = vec![0; width];
            let ki = out.len();
            out.push((2, s(kcode), s(kname), Vec::new()));
            for l in under {
                let v = f(l);
                add(&mut ksum, v.clone());
                out.push((3, s(l.code), s(l.name), v));
            }
            add(&mut csum, ksum.clone());
            out[ki].3 = ksum;
        }
        out[ci].3 = csum;
    }
    out
}

/// Code columns' headers and cells for a style.
fn code_cells(style: CodeStyle, level: u8, code: &str, name: &str) -> Vec<String> {
    match style {
        CodeStyle::Whole => vec![s(code), s(name)],
        CodeStyle::Split => {
            let k = if level >= 2 { &code[3..5] } else { "" };
            let x = if level >= 3 { &code[5..7] } else { "" };
            vec![s(&code[..3]), s(k), s(x), s(name)]
        }
        CodeStyle::InName => vec![format!("{code} {name}")],
        CodeStyle::Names => vec![s(name)],
    }
}

/// The label part of the header rows (two rows) for a style.
fn code_header(style: CodeStyle) -> [Vec<String>; 2] {
    match style {
        CodeStyle::Whole => [row(&["项目", "项目"]), row(&["科目编码", "科目名称"])],
        CodeStyle::Split => [
            row(&["科目编码", "科目编码", "科目编码", "科目名称"]),
            row(&["类", "款", "项", "^"]),
        ],
        CodeStyle::InName => [row(&["科目名称"]), row(&["^"])],
        CodeStyle::Names => [row(&["功能分类科目名称"]), row(&["^"])],
    }
}

/// A total row's label cells: in the name column, or (`merged`) one cell spanning the code
/// and name columns.
fn total_cells(style: CodeStyle, name: &str, merged: bool) -> Vec<String> {
    match (style, merged) {
        (CodeStyle::Whole, false) => vec![String::new(), s(name)],
        (CodeStyle::Whole, true) => vec![s(name), s("<")],
        (CodeStyle::Split, false) => vec![String::new(), String::new(), String::new(), s(name)],
        (CodeStyle::Split, true) => vec![s(name), s("<"), s("<"), s("<")],
        (CodeStyle::InName | CodeStyle::Names, _) => vec![s(name)],
    }
}

/// A classification table: label columns in `style`, value headers (two rows), the total
/// row first or last, values printed by `print`.
#[allow(clippy::too_many_arguments)]
fn class_table(
    kind: &'static str,
    title: String,
    unit_line: String,
    unit: &'static str,
    style: CodeStyle,
    value_header: [Vec<&str>; 2],
    leaves: &[&Leaf],
    f: &dyn Fn(&Leaf) -> Vec<i64>,
    print: &dyn Fn(i64) -> String,
    total_first: bool,
    variant: u64,
) -> SynTable {
    // Random bits of the layout: 合计 merged over the code columns, names indented by level
    // (names only: with full-width or with plain spaces).
    let merged_total = variant & 1 == 1;
    let indent = variant & 2 == 2;
    let pad = if style == CodeStyle::Names && variant & 4 == 4 {
        "  "
    } else {
        "\u{3000}"
    };
    let width = value_header[0].len();
    let [h0, h1] = code_header(style);
    let mut header = vec![h0, h1];
    for (h, v) in header.iter_mut().zip(&value_header) {
        h.extend(v.iter().map(|x| x.to_string()));
    }
    let body = tree(leaves, width, f);
    let mut total = vec![0i64; width];
    for (level, _, _, v) in &body {
        if *level == 1 {
            for (t, x) in total.iter_mut().zip(v) {
                *t += x;
            }
        }
    }
    let mut total_row = total_cells(style, "合计", merged_total);
    total_row.extend(total.iter().map(|v| print(*v)));
    let mut rows = Vec::new();
    if total_first {
        rows.push(total_row.clone());
    }
    for (level, code, name, v) in &body {
        let name = if indent {
            format!("{}{name}", pad.repeat(usize::from(*level - 1) * 2))
        } else {
            name.clone()
        };
        let mut r = code_cells(style, *level, code, &name);
        r.extend(v.iter().map(|x| print(*x)));
        rows.push(r);
    }
    if !total_first {
        rows.push(total_row);
    }
    SynTable {
        kind,
        title,
        unit_line,
        unit,
        header,
        rows,
        break_after: None,
        empty_note: None,
    }
}

/// Two panels side by side (收入 │ 支出): left and right lists of (name, values), with the
/// lines named in `align` (a pair per row) printed on the same row, in order, after the
/// lists above them.
fn two_panels(
    left: &[(String, Vec<String>)],
    right: &[(String, Vec<String>)],
    align_at: (usize, usize),
) -> Vec<Vec<String>> {
    let lw = left.first().map_or(0, |l| l.1.len());
    let rw = right.first().map_or(0, |r| r.1.len());
    let blank = |w: usize| (s(""), vec![String::new(); w]);
    // Lines above the first aligned pair, padded to the same count.
    let (la, ra) = align_at;
    let n = la.max(ra);
    let mut out = Vec::new();
    let line = |l: &(String, Vec<String>), r: &(String, Vec<String>)| {
        let mut v = vec![l.0.clone()];
        v.extend(l.1.iter().cloned());
        v.push(r.0.clone());
        v.extend(r.1.iter().cloned());
        v
    };
    for i in 0..n {
        let l = if i < la { left[i].clone() } else { blank(lw) };
        let r = if i < ra { right[i].clone() } else { blank(rw) };
        out.push(line(&l, &r));
    }
    let rest = (left.len() - la).max(right.len() - ra);
    for i in 0..rest {
        let l = left.get(la + i).cloned().unwrap_or_else(|| blank(lw));
        let r = right.get(ra + i).cloned().unwrap_or_else(|| blank(rw));
        out.push(line(&l, &r));
    }
    out
}

/// Adds a 栏次 row under the header: "栏次" over the label columns, the value columns
/// numbered 1, 2, … (the 决算 template's column numbers). `labels` are the grid columns
/// of row names, `skip` columns that take no number (行次).
fn add_numbering_row(t: &mut SynTable, labels: &[usize], skip: &[usize]) {
    let width = t.header[0].len();
    let mut n = 0;
    let r = (0..width)
        .map(|c| {
            if labels.contains(&c) {
                s("栏次")
            } else if skip.contains(&c) || c < labels[0] {
                String::new()
            } else {
                n += 1;
                n.to_string()
            }
        })
        .collect();
    t.header.push(r);
}

/// Inserts a 行次 column after each panel's name column (`labels`, before insertion),
/// numbering the lines down the first panel and on down the next; returns the new grid
/// columns of the names and of the line numbers.
fn add_line_numbers(t: &mut SynTable, labels: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut numbers: Vec<Vec<String>> = vec![Vec::new(); labels.len()];
    let mut n = 0;
    for (k, &lc) in labels.iter().enumerate() {
        for r in &t.rows {
            if r[lc].is_empty() {
                numbers[k].push(String::new());
            } else {
                n += 1;
                numbers[k].push(n.to_string());
            }
        }
    }
    for (k, &lc) in labels.iter().enumerate().rev() {
        for (ri, r) in t.rows.iter_mut().enumerate() {
            r.insert(lc + 1, numbers[k][ri].clone());
        }
        let last = t.header.len() - 1;
        for (hi, h) in t.header.iter_mut().enumerate() {
            let x = if hi == last {
                s("行次")
            } else {
                h[lc].clone()
            };
            h.insert(lc + 1, x);
        }
    }
    let names: Vec<usize> = labels
        .iter()
        .enumerate()
        .map(|(k, &lc)| lc + 2 * k)
        .collect();
    let lines = names.iter().map(|c| c + 1).collect();
    (names, lines)
}

/// Title as printed: the name with a numbering or year prefix chosen by the seed.
fn titled(rng: &mut Rng, department: &str, n: usize, year: i32, name: &str) -> String {
    match rng.range(0, 4) {
        0 => s(name),
        1 => format!("公开{:02}表 {name}", n),
        2 => format!("{year}年度部门{name}"),
        3 => format!("{department}{year}年{name}"),
        _ => format!(
            "表{} {name}",
            "一二三四五六七八九".chars().nth(n - 1).unwrap_or('十')
        ),
    }
}

fn style_of(rng: &mut Rng) -> CodeStyle {
    match rng.range(0, 2) {
        0 => CodeStyle::Whole,
        1 => CodeStyle::Split,
        _ => CodeStyle::InName,
    }
}

/// The 决算 of the department.
fn final_tables(fg: &Figures, seed: u64, rng: &mut Rng) -> Vec<SynTable> {
    let y = fg.year - 1;
    let unit_line = |rng: &mut Rng| {
        if rng.chance(50) {
            s("单位：万元")
        } else {
            format!("编制部门：{}    单位：万元", fg.name)
        }
    };
    // Zero printed as 0.00 in some departments, blank in most.
    // By seed, so that any two consecutive seeds show both ways.
    let zeros = seed % 4 == 1 || seed % 4 == 2;
    let z = move |v: i64| if zeros { wan(v) } else { wan_or_blank(v) };
    // The 决算 template's 行次 columns and 栏次 row.
    let line_numbers = seed.is_multiple_of(2);
    let all: Vec<&Leaf> = fg.leaves.iter().collect();
    let of = |f: Fund| -> Vec<&Leaf> { fg.leaves.iter().filter(|l| l.fund == f).collect() };
    let sum = |ls: &[&Leaf], g: &dyn Fn(&Leaf) -> i64| -> i64 { ls.iter().map(|l| g(l)).sum() };
    let fiscal = |f: Fund| sum(&of(f), &|l| l.fiscal_income());
    let gpb_in = fiscal(Fund::General);
    let gf_in = fiscal(Fund::Gov);
    let soe_in = fiscal(Fund::Soe);
    let business = sum(&all, &|l| l.business);
    let other = sum(&all, &|l| l.other);
    let income = gpb_in + gf_in + soe_in + business + other;
    let spent = sum(&all, &|l| l.spent());
    let carry_in = fg.carry + sum(&all, &|l| l.carry_in);
    let carry_out = fg.carry + sum(&all, &|l| l.carry_out);
    let mut classes: Vec<usize> = all.iter().map(|l| l.class).collect();
    classes.dedup();
    let numbered = rng.chance(50);
    let num = |i: usize, name: &str| {
        if numbered {
            format!(
                "{}、{name}",
                "一二三四五六七八九十".chars().nth(i).unwrap_or('十')
            )
        } else {
            s(name)
        }
    };
    let mut out = Vec::new();

    // 1 收入支出决算总表.
    let left: Vec<(String, Vec<String>)> = [
        ("一般公共预算财政拨款收入", gpb_in),
        ("政府性基金预算财政拨款收入", gf_in),
        ("国有资本经营预算财政拨款收入", soe_in),
        ("上级补助收入", 0),
        ("事业收入", business),
        ("经营收入", 0),
        ("附属单位上缴收入", 0),
        ("其他收入", other),
    ]
    .iter()
    .enumerate()
    .map(|(i, (n, v))| (num(i, n), vec![z(*v)]))
    .chain([
        (s("本年收入合计"), vec![wan(income)]),
        (s("使用非财政拨款结余"), vec![String::new()]),
        (s("年初结转和结余"), vec![z(carry_in)]),
        (s("总计"), vec![wan(income + carry_in)]),
    ])
    .collect();
    let mut right: Vec<(String, Vec<String>)> = classes
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let v = sum(
                &all.iter()
                    .copied()
                    .filter(|l| l.class == c)
                    .collect::<Vec<_>>(),
                &|l| l.spent(),
            );
            (num(i, FUNCTIONS[c].1), vec![z(v)])
        })
        .collect();
    let rn = right.len();
    right.extend([
        (s("本年支出合计"), vec![wan(spent)]),
        (s("结余分配"), vec![String::new()]),
        (s("年末结转和结余"), vec![z(carry_out)]),
        (s("总计"), vec![wan(spent + carry_out)]),
    ]);
    out.push(SynTable {
        kind: "final.summary",
        title: titled(rng, &fg.name, 1, y, "收入支出决算总表"),
        unit_line: unit_line(rng),
        unit: "万元",
        header: vec![
            row(&["收入", "收入", "支出", "支出"]),
            row(&["项目", "决算数", "项目", "决算数"]),
        ],
        rows: two_panels(&left, &right, (8, rn)),
        break_after: None,
        empty_note: None,
    });
    let numbered_panels = |t: &mut SynTable| {
        if line_numbers {
            let (names, lines) = add_line_numbers(t, &[0, 2]);
            add_numbering_row(t, &names, &lines);
        }
    };
    if let Some(t) = out.last_mut() {
        numbered_panels(t);
    }

    // 2 收入决算表.
    out.push(class_table(
        "final.income",
        titled(rng, &fg.name, 2, y, "收入决算表"),
        unit_line(rng),
        "万元",
        style_of(rng),
        [
            vec![
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ],
            vec!["^"; 7],
        ],
        &all,
        &|l| {
            let fi = l.fiscal_income();
            vec![fi + l.business + l.other, fi, 0, l.business, 0, 0, l.other]
        },
        &z,
        true,
        rng.next(),
    ));

    // 3 支出决算表 (long: over a page break with its header repeated).
    let mut t = class_table(
        "final.expenditure",
        titled(rng, &fg.name, 3, y, "支出决算表"),
        unit_line(rng),
        "万元",
        style_of(rng),
        [
            vec![
                "本年支出合计",
                "基本支出",
                "项目支出",
                "上缴上级支出",
                "经营支出",
                "对附属单位补助支出",
            ],
            vec!["^"; 6],
        ],
        &all,
        &|l| {
            let (b, p) = if l.fund == Fund::General {
                (l.basic + l.business, l.project + l.other)
            } else {
                (l.basic, l.project)
            };
            vec![b + p, b, p, 0, 0, 0]
        },
        &z,
        true,
        rng.next(),
    );
    t.break_after = Some(t.rows.len() * 3 / 5);
    out.push(t);

    // 4 财政拨款收入支出决算总表.
    let mut left: Vec<(String, Vec<String>)> = vec![
        (num(0, "一般公共预算财政拨款"), vec![z(gpb_in)]),
        (num(1, "政府性基金预算财政拨款"), vec![z(gf_in)]),
        (num(2, "国有资本经营预算财政拨款"), vec![z(soe_in)]),
        (s("本年收入合计"), vec![wan(gpb_in + gf_in + soe_in)]),
        (s("年初财政拨款结转和结余"), vec![z(carry_in)]),
    ];
    // The 年初 结转和结余 broken down by fund under it, as the template prints it (numbered
    // 1. 2. 3. under a numbered list, repeating the income lines' names otherwise).
    let ins = |f: Fund| -> i64 { of(f).iter().map(|l| l.carry_in).sum() };
    for (i, (name, v)) in [
        ("一般公共预算财政拨款", fg.carry),
        ("政府性基金预算财政拨款", ins(Fund::Gov)),
        ("国有资本经营预算财政拨款", ins(Fund::Soe)),
    ]
    .into_iter()
    .enumerate()
    {
        let label = if numbered {
            format!("{}.{name}", i + 1)
        } else {
            s(name)
        };
        left.push((label, vec![z(v)]));
    }
    left.push((s("总计"), vec![wan(gpb_in + gf_in + soe_in + carry_in)]));
    let fund_spent = |ls: &[&Leaf], f: Fund| -> i64 {
        ls.iter()
            .filter(|l| l.fund == f)
            .map(|l| l.basic + l.project)
            .sum()
    };
    let four = |ls: &[&Leaf], extra: [i64; 3]| -> Vec<String> {
        let v = [
            fund_spent(ls, Fund::General) + extra[0],
            fund_spent(ls, Fund::Gov) + extra[1],
            fund_spent(ls, Fund::Soe) + extra[2],
        ];
        std::iter::once(z(v.iter().sum()))
            .chain(v.iter().map(|x| z(*x)))
            .collect()
    };
    let mut right: Vec<(String, Vec<String>)> = classes
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let ls: Vec<&Leaf> = all.iter().copied().filter(|l| l.class == c).collect();
            (num(i, FUNCTIONS[c].1), four(&ls, [0; 3]))
        })
        .collect();
    let rn = right.len();
    let outs = |f: Fund| -> i64 { of(f).iter().map(|l| l.carry_out).sum() };
    let carry_outs = [fg.carry, outs(Fund::Gov), outs(Fund::Soe)];
    right.push((s("本年支出合计"), four(&all, [0; 3])));
    right.push((
        s("年末财政拨款结转和结余"),
        four(&[], carry_outs).into_iter().collect(),
    ));
    // Blank lines on the 支出 side beside the breakdown, so that the 总计 share a row.
    for _ in 0..3 {
        right.push((String::new(), vec![String::new(); 4]));
    }
    right.push((s("总计"), four(&all, carry_outs)));
    out.push(SynTable {
        kind: "final.fin_summary",
        title: titled(rng, &fg.name, 4, y, "财政拨款收入支出决算总表"),
        unit_line: unit_line(rng),
        unit: "万元",
        header: vec![
            row(&["收入", "收入", "支出", "支出", "支出", "支出", "支出"]),
            row(&[
                "项目",
                "决算数",
                "项目",
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            ]),
        ],
        rows: two_panels(&left, &right, (3, rn)),
        break_after: None,
        empty_note: None,
    });
    if let Some(t) = out.last_mut() {
        numbered_panels(t);
    }

    // 5 一般公共预算财政拨款支出决算表.
    let general = of(Fund::General);
    let title = titled(rng, &fg.name, 5, y, "一般公共预算财政拨款支出决算表");
    let ul = unit_line(rng);
    let mut style = style_of(rng);
    let total_first = rng.chance(50);
    let mut variant = rng.next();
    if let Some((bits, _)) = names_only(seed) {
        style = CodeStyle::Names;
        variant = (variant & !6) | bits;
    }
    out.push(class_table(
        "final.gpb_expenditure",
        title,
        ul,
        "万元",
        style,
        [
            vec!["本年支出", "本年支出", "本年支出"],
            vec!["合计", "基本支出", "项目支出"],
        ],
        &general,
        &|l| vec![l.basic + l.project, l.basic, l.project],
        &z,
        total_first,
        variant,
    ));

    // 6 一般公共预算财政拨款基本支出决算表: 人员经费 │ 公用经费.
    let side = |personnel: bool| -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut total = 0;
        for ((code, name, p, items), vals) in ECONOMIC.iter().zip(&fg.econ) {
            if *p != personnel {
                continue;
            }
            let t: i64 = vals.iter().sum();
            total += t;
            rows.push(vec![s(code), s(name), wan(t)]);
            for ((ic, iname), v) in items.iter().zip(vals) {
                rows.push(vec![s(ic), s(iname), wan(*v)]);
            }
        }
        let label = if personnel {
            "人员经费合计"
        } else {
            "公用经费合计"
        };
        rows.push(vec![String::new(), s(label), wan(total)]);
        rows
    };
    let (l, r) = (side(true), side(false));
    let n = l.len().max(r.len());
    let pad = |v: &Vec<Vec<String>>, i: usize| -> Vec<String> {
        // The 合计 lines go on the last row of both sides.
        let last = v.len() - 1;
        if i == n - 1 {
            v[last].clone()
        } else if i < last {
            v[i].clone()
        } else {
            vec![String::new(); 3]
        }
    };
    let rows = (0..n)
        .map(|i| {
            let mut x = pad(&l, i);
            x.extend(pad(&r, i));
            x
        })
        .collect();
    out.push(SynTable {
        kind: "final.gpb_basic",
        title: titled(rng, &fg.name, 6, y, "一般公共预算财政拨款基本支出决算表"),
        unit_line: unit_line(rng),
        unit: "万元",
        header: vec![
            row(&[
                "人员经费",
                "人员经费",
                "人员经费",
                "公用经费",
                "公用经费",
                "公用经费",
            ]),
            row(&[
                "科目编码",
                "科目名称",
                "决算数",
                "科目编码",
                "科目名称",
                "决算数",
            ]),
        ],
        rows,
        break_after: None,
        empty_note: None,
    });

    // 7 一般公共预算财政拨款"三公"经费支出决算表.
    let three_cells = |t: &[i64; 4]| -> Vec<String> {
        vec![
            wan(t.iter().sum()),
            wan(t[0]),
            wan(t[1] + t[2]),
            wan(t[1]),
            wan(t[2]),
            wan(t[3]),
        ]
    };
    let mut data = three_cells(&fg.three[0]);
    data.extend(three_cells(&fg.three[1]));
    let half = |g: &str| -> [Vec<String>; 3] {
        [
            vec![s(g); 6],
            row(&[
                "合计",
                "因公出国（境）费",
                "公务用车购置及运行费",
                "公务用车购置及运行费",
                "公务用车购置及运行费",
                "公务接待费",
            ]),
            row(&["^", "^", "小计", "公务用车购置费", "公务用车运行费", "^"]),
        ]
    };
    let (a, b) = (half("预算数"), half("决算数"));
    let header = (0..3)
        .map(|i| {
            let mut h = a[i].clone();
            h.extend(b[i].iter().cloned());
            h
        })
        .collect();
    out.push(SynTable {
        kind: "final.three_public",
        title: titled(
            rng,
            &fg.name,
            7,
            y,
            "一般公共预算财政拨款“三公”经费支出决算表",
        ),
        unit_line: unit_line(rng),
        unit: "万元",
        header,
        rows: vec![data],
        break_after: None,
        empty_note: None,
    });

    // 8, 9 政府性基金 / 国有资本经营 收入支出决算表.
    for (n, fund, kind, name, what) in [
        (
            8,
            Fund::Gov,
            "final.gov_fund",
            "政府性基金预算财政拨款收入支出决算表",
            "政府性基金预算财政拨款收入支出",
        ),
        (
            9,
            Fund::Soe,
            "final.soe",
            "国有资本经营预算财政拨款支出决算表",
            "国有资本经营预算财政拨款收入支出",
        ),
    ] {
        let ls = of(fund);
        let style = style_of(rng);
        let vh = [
            vec![
                "年初结转和结余",
                "本年收入",
                "本年支出",
                "本年支出",
                "本年支出",
                "年末结转和结余",
            ],
            vec!["^", "^", "合计", "基本支出", "项目支出", "^"],
        ];
        let title = titled(rng, &fg.name, n, y, name);
        let ul = unit_line(rng);
        let mut t = class_table(
            kind,
            title,
            ul,
            "万元",
            style,
            vh,
            &ls,
            &|l| {
                vec![
                    l.carry_in,
                    l.fiscal_income(),
                    l.basic + l.project,
                    l.basic,
                    l.project,
                    l.carry_out,
                ]
            },
            &z,
            true,
            rng.next(),
        );
        if ls.is_empty() {
            t.rows = vec![{
                let mut r = total_cells(style, "合计", false);
                r.extend(vec![String::new(); 6]);
                r
            }];
            t.empty_note = Some(format!("注：本部门无{what}，故本表为空表。"));
        }
        out.push(t);
    }
    if line_numbers {
        for t in out.iter_mut() {
            let labels = match code_style(t) {
                "whole" if t.kind != "final.gpb_basic" => vec![0],
                "split" => vec![0],
                "in name" | "function names" => vec![0],
                _ => continue,
            };
            let first_value = t.header[0]
                .iter()
                .take_while(|x| ["项目", "科目编码", "科目名称"].contains(&x.as_str()))
                .count();
            let blank: Vec<usize> = (1..first_value).collect();
            add_numbering_row(t, &labels, &blank);
        }
    }
    out
}

/// How the 收支预算总表 in three panels names its panels and lines (drawn apart from the
/// other choices, so that a department's other tables do not change with it).
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreePanel {
    /// Headers "项目（按功能分类）" and "项目（按支出性质和经济分类）" rather than "功能分类"
    /// and "支出用途".
    pub long_heads: bool,
    /// "其他资金" rather than "单位资金收入".
    pub other_funds: bool,
}

/// The Jiangsu 收支预算总表: 收入 │ 功能分类 │ 支出用途, each a list of its own length (blank
/// cells fill the shorter ones), closed by 本年收入合计 │ 当年支出小计 (one figure, printed in
/// the last column, for both expenditure panels: the label spans the middle panel and the
/// right panel's label), 上年结转 │ 结转下年资金 and 收入总计 │ 支出合计.
fn three_panel_summary(fg: &Figures, title: String, unit_line: String, v: ThreePanel) -> SynTable {
    let p = |x: i64| yuan(x);
    let of = |f: Fund| -> i64 {
        fg.leaves
            .iter()
            .filter(|l| l.fund == f)
            .map(|l| l.b_basic + l.b_project)
            .sum()
    };
    let spent = |l: &Leaf| l.b_basic + l.b_project + l.b_business + l.b_other;
    let own: i64 = fg.leaves.iter().map(|l| l.b_business + l.b_other).sum();
    let total: i64 = fg.leaves.iter().map(spent).sum();
    let basic: i64 = fg.leaves.iter().map(|l| l.b_basic).sum();
    let income = [
        (s("一、一般公共预算拨款收入"), p(of(Fund::General))),
        (s("二、政府性基金预算拨款收入"), p(of(Fund::Gov))),
        (s("三、国有资本经营预算拨款收入"), p(of(Fund::Soe))),
        (s("四、财政专户管理资金收入"), p(0)),
        (
            s(if v.other_funds {
                "五、其他资金"
            } else {
                "五、单位资金收入"
            }),
            p(own),
        ),
    ];
    let mut classes: Vec<usize> = fg.leaves.iter().map(|l| l.class).collect();
    classes.dedup();
    let functions: Vec<(String, String)> = classes
        .iter()
        .map(|&c| {
            let v: i64 = fg.leaves.iter().filter(|l| l.class == c).map(spent).sum();
            (s(FUNCTIONS[c].1), p(v))
        })
        .collect();
    let uses = [
        (s("一、基本支出"), p(basic)),
        (s("二、项目支出"), p(total - basic)),
        (s("三、单位预留机动经费"), p(0)),
        (s("四、事业单位经营支出"), p(0)),
    ];
    let n = income.len().max(functions.len()).max(uses.len());
    let cell = |list: &[(String, String)], i: usize| -> [String; 2] {
        list.get(i)
            .map_or([String::new(), String::new()], |(a, b)| {
                [a.clone(), b.clone()]
            })
    };
    let mut rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            let mut r = cell(&income, i).to_vec();
            r.extend(cell(&functions, i));
            r.extend(cell(&uses, i));
            r
        })
        .collect();
    for (left, figure, right, out) in [
        ("本年收入合计", total, "当年支出小计", total),
        ("上年结转", 0, "结转下年资金", 0),
        ("收入总计", total, "支出合计", total),
    ] {
        rows.push(vec![s(left), p(figure), s(right), s("<"), s("<"), p(out)]);
    }
    let (function_head, use_head) = if v.long_heads {
        ("项目（按功能分类）", "项目（按支出性质和经济分类）")
    } else {
        ("功能分类", "支出用途")
    };
    SynTable {
        kind: "budget.summary",
        title,
        unit_line,
        unit: "元",
        header: vec![
            row(&["收入", "收入", "支出", "支出", "支出", "支出"]),
            row(&["项目", "金额", function_head, "金额", use_head, "金额"]),
        ],
        rows,
        break_after: None,
        empty_note: None,
    }
}

/// The 预算 of the department (元, the "三公" table in 万元); `three_panel` lays out its 总表
/// in the Jiangsu way.
fn budget_tables(
    fg: &Figures,
    rng: &mut Rng,
    three_panel: Option<ThreePanel>,
    names: Option<(u64, u64)>,
) -> Vec<SynTable> {
    let y = fg.year;
    let unit_line = |rng: &mut Rng, unit: &str| {
        if rng.chance(50) {
            format!("单位：{unit}")
        } else {
            format!("编制部门：{}    单位：{unit}", fg.name)
        }
    };
    let all: Vec<&Leaf> = fg.leaves.iter().collect();
    let of = |f: Fund| -> Vec<&Leaf> { fg.leaves.iter().filter(|l| l.fund == f).collect() };
    let fiscal = |l: &Leaf| l.b_basic + l.b_project;
    let total_of =
        |ls: &[&Leaf], g: &dyn Fn(&Leaf) -> i64| -> i64 { ls.iter().map(|l| g(l)).sum() };
    let gpb = total_of(&of(Fund::General), &fiscal);
    let gf = total_of(&of(Fund::Gov), &fiscal);
    let soe = total_of(&of(Fund::Soe), &fiscal);
    let business = total_of(&all, &|l| l.b_business);
    let other = total_of(&all, &|l| l.b_other);
    let spent = |l: &Leaf| fiscal(l) + l.b_business + l.b_other;
    let total = gpb + gf + soe + business + other;
    let mut classes: Vec<usize> = all.iter().map(|l| l.class).collect();
    classes.dedup();
    let p = |v: i64| yuan(v);
    let mut out = Vec::new();

    // 1 财务收支预算总表 (two panels), or the 收支预算总表 in three panels.
    let summary = if let Some(v) = three_panel {
        let title = titled(rng, &fg.name, 1, y, "收支预算总表");
        let unit_line = unit_line(rng, "元");
        three_panel_summary(fg, title, unit_line, v)
    } else {
        let left: Vec<(String, Vec<String>)> = vec![
            (s("一、财政拨款收入"), vec![p(gpb + gf + soe)]),
            (s("1.一般公共预算资金"), vec![p(gpb)]),
            (s("2.政府性基金"), vec![p(gf)]),
            (s("3.国有资本经营预算"), vec![p(soe)]),
            (s("二、事业收入"), vec![p(business)]),
            (s("三、事业单位经营收入"), vec![p(0)]),
            (s("四、其他收入"), vec![p(other)]),
            (s("收入总计"), vec![p(total)]),
        ];
        let mut right: Vec<(String, Vec<String>)> = classes
            .iter()
            .map(|&c| {
                let v: i64 = all.iter().filter(|l| l.class == c).map(|l| spent(l)).sum();
                (s(FUNCTIONS[c].1), vec![p(v)])
            })
            .collect();
        let rn = right.len();
        right.push((s("支出总计"), vec![p(total)]));
        SynTable {
            kind: "budget.summary",
            title: titled(rng, &fg.name, 1, y, "财务收支预算总表"),
            unit_line: unit_line(rng, "元"),
            unit: "元",
            header: vec![
                row(&["本年收入", "本年收入", "本年支出", "本年支出"]),
                row(&["项目", "预算数", "项目", "预算数"]),
            ],
            rows: two_panels(&left, &right, (7, rn)),
            break_after: None,
            empty_note: None,
        }
    };
    out.push(summary);

    // 2 收入预算总表.
    out.push(class_table(
        "budget.income",
        titled(rng, &fg.name, 2, y, "收入预算总表"),
        unit_line(rng, "元"),
        "元",
        style_of(rng),
        [
            vec!["收入预算"; 5],
            vec![
                "合计",
                "财政拨款收入",
                "事业收入",
                "事业单位经营收入",
                "其他收入",
            ],
        ],
        &all,
        &|l| vec![spent(l), fiscal(l), l.b_business, 0, l.b_other],
        &p,
        false,
        rng.next(),
    ));

    // 3 支出预算总表.
    out.push(class_table(
        "budget.expenditure",
        titled(rng, &fg.name, 3, y, "支出预算总表"),
        unit_line(rng, "元"),
        "元",
        style_of(rng),
        [vec!["支出预算"; 3], vec!["合计", "基本支出", "项目支出"]],
        &all,
        &|l| {
            let b = l.b_basic;
            vec![spent(l), b, spent(l) - b]
        },
        &p,
        false,
        rng.next(),
    ));

    // 4 财政拨款收支预算总表.
    let left: Vec<(String, Vec<String>)> = vec![
        (s("一般公共预算资金"), vec![p(gpb)]),
        (s("政府性基金"), vec![p(gf)]),
        (s("国有资本经营预算"), vec![p(soe)]),
        (s("收入总计"), vec![p(gpb + gf + soe)]),
    ];
    let four = |ls: &[&Leaf]| -> Vec<String> {
        let v: Vec<i64> = [Fund::General, Fund::Gov, Fund::Soe]
            .iter()
            .map(|f| ls.iter().filter(|l| l.fund == *f).map(|l| fiscal(l)).sum())
            .collect();
        std::iter::once(p(v.iter().sum()))
            .chain(v.iter().map(|x| p(*x)))
            .collect()
    };
    let mut right: Vec<(String, Vec<String>)> = classes
        .iter()
        .map(|&c| {
            let ls: Vec<&Leaf> = all.iter().copied().filter(|l| l.class == c).collect();
            (s(FUNCTIONS[c].1), four(&ls))
        })
        .collect();
    let rn = right.len();
    right.push((s("支出总计"), four(&all)));
    out.push(SynTable {
        kind: "budget.fin_summary",
        title: titled(rng, &fg.name, 4, y, "财政拨款收支预算总表"),
        unit_line: unit_line(rng, "元"),
        unit: "元",
        header: vec![
            row(&[
                "财政拨款收入",
                "财政拨款收入",
                "财政拨款支出",
                "财政拨款支出",
                "财政拨款支出",
                "财政拨款支出",
                "财政拨款支出",
            ]),
            row(&[
                "项目",
                "预算数",
                "项目",
                "合计",
                "一般公共预算",
                "政府性基金预算",
                "国有资本经营预算",
            ]),
        ],
        rows: two_panels(&left, &right, (3, rn)),
        break_after: None,
        empty_note: None,
    });

    // 5, 6, 7 支出功能分类预算表 of each fund.
    for (n, fund, kind, name, what) in [
        (
            5,
            Fund::General,
            "budget.gpb_function",
            "一般公共预算支出功能分类预算表",
            "一般公共预算支出",
        ),
        (
            6,
            Fund::Gov,
            "budget.gov_fund",
            "政府性基金预算支出功能分类预算表",
            "政府性基金预算支出",
        ),
        (
            7,
            Fund::Soe,
            "budget.soe",
            "国有资本经营预算支出功能分类预算表",
            "国有资本经营预算支出",
        ),
    ] {
        let ls = of(fund);
        let mut style = style_of(rng);
        let title = titled(rng, &fg.name, n, y, name);
        let ul = unit_line(rng, "元");
        let mut variant = rng.next();
        if let (Some((_, bits)), Fund::General) = (names, fund) {
            style = CodeStyle::Names;
            variant = (variant & !6) | bits;
        }
        let mut t = class_table(
            kind,
            title,
            ul,
            "元",
            style,
            [vec![what; 3], vec!["合计", "基本支出", "项目支出"]],
            &ls,
            &|l| vec![fiscal(l), l.b_basic, l.b_project],
            &p,
            false,
            variant,
        );
        if ls.is_empty() {
            t.rows = vec![{
                let mut r = total_cells(style, "合计", false);
                r.extend(vec![String::new(); 3]);
                r
            }];
            t.empty_note = Some(format!("注：本部门无{what}预算，故本表为空表。"));
        }
        out.push(t);
    }

    // 8 一般公共预算基本支出经济分类预算表.
    let mut rows = Vec::new();
    let mut totals = [0i64; 2];
    for ((code, name, personnel, items), vals) in ECONOMIC.iter().zip(&fg.b_econ) {
        let t: i64 = vals.iter().sum();
        let cells = |v: i64| -> Vec<String> {
            if *personnel {
                vec![p(v), p(v), p(0)]
            } else {
                vec![p(v), p(0), p(v)]
            }
        };
        totals[usize::from(!personnel)] += t;
        let mut r = vec![s(code), s(name)];
        r.extend(cells(t));
        rows.push(r);
        for ((ic, iname), v) in items.iter().zip(vals) {
            let mut r = vec![s(ic), s(iname)];
            r.extend(cells(*v));
            rows.push(r);
        }
    }
    let mut r = vec![String::new(), s("合计")];
    r.extend([p(totals[0] + totals[1]), p(totals[0]), p(totals[1])]);
    rows.push(r);
    out.push(SynTable {
        kind: "budget.gpb_basic",
        title: titled(rng, &fg.name, 8, y, "一般公共预算基本支出经济分类预算表"),
        unit_line: unit_line(rng, "元"),
        unit: "元",
        header: vec![
            row(&[
                "项目",
                "项目",
                "一般公共预算基本支出",
                "一般公共预算基本支出",
                "一般公共预算基本支出",
            ]),
            row(&["科目编码", "科目名称", "合计", "人员经费", "公用经费"]),
        ],
        rows,
        break_after: None,
        empty_note: None,
    });

    // 9 "三公"经费和机关运行经费预算表 (万元 beside the 元 tables).
    let t = &fg.b_three;
    let g3 = format!("{y}年“三公”经费预算数");
    let go = format!("{y}年机关运行经费预算数");
    out.push(SynTable {
        kind: "budget.three_public",
        title: titled(rng, &fg.name, 9, y, "“三公”经费和机关运行经费预算表"),
        unit_line: unit_line(rng, "万元"),
        unit: "万元",
        header: vec![
            vec![
                g3.clone(),
                g3.clone(),
                g3.clone(),
                g3.clone(),
                g3.clone(),
                g3,
                go,
            ],
            row(&[
                "合计",
                "因公出国（境）费",
                "公务接待费",
                "公务用车购置及运行费",
                "公务用车购置及运行费",
                "公务用车购置及运行费",
                "^",
            ]),
            row(&["^", "^", "^", "小计", "购置费", "运行费", "^"]),
        ],
        rows: vec![vec![
            wan(t.iter().sum()),
            wan(t[0]),
            wan(t[3]),
            wan(t[1] + t[2]),
            wan(t[1]),
            wan(t[2]),
            wan(fg.b_operating),
        ]],
        break_after: None,
        empty_note: None,
    });
    out
}

/// Whether the seed's 一般公共预算 function tables (一般公共预算财政拨款支出决算表,
/// 一般公共预算支出功能分类预算表) print their subjects by name only, and how they indent
/// them, as the layout bits of [`class_table`] for the 决算 and the 预算: by seed (every third),
/// so that the other seeds' departments stay as they were. The 决算 indents with full-width
/// spaces (seed 3, 9 …) or plain spaces (seed 6, 12 …), the 预算 not at all.
pub fn names_only(seed: u64) -> Option<(u64, u64)> {
    if !seed.is_multiple_of(3) {
        return None;
    }
    Some((if seed % 6 == 3 { 2 } else { 6 }, 0))
}

/// Whether (and how) the 预算 of `seed` prints its 总表 in three panels: a draw of its own,
/// so that the other seeds' departments stay as they were.
pub fn three_panel(seed: u64) -> Option<ThreePanel> {
    let mut rng = Rng::new(seed.wrapping_mul(0x51_7CC1).wrapping_add(3));
    rng.chance(40).then(|| ThreePanel {
        long_heads: rng.chance(50),
        other_funds: rng.chance(50),
    })
}

/// A department from `seed`: its figures laid out as a 决算 and a 预算.
pub fn department(seed: u64) -> Department {
    let fg = figures(seed);
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(7));
    let finals = final_tables(&fg, seed, &mut rng);
    let budgets = budget_tables(&fg, &mut rng, three_panel(seed), names_only(seed));
    let fin_total: i64 = fg.leaves.iter().map(|l| l.spent()).sum();
    let bud_total: i64 = fg
        .leaves
        .iter()
        .map(|l| l.b_basic + l.b_project + l.b_business + l.b_other)
        .sum();
    // The 预算 text states 万元 rounded half up from the 元 of the tables.
    let wan_of_yuan = |v: i64| wan((v + 50) / 100);
    Department {
        name: fg.name.clone(),
        disclosures: vec![
            Disclosure {
                name: format!("final-{seed}"),
                text: vec![
                    format!("{}{}年度部门决算", fg.name, fg.year - 1),
                    format!("{}年度本部门支出总计{}万元。", fg.year - 1, wan(fin_total)),
                ],
                tables: finals,
            },
            Disclosure {
                name: format!("budget-{seed}"),
                text: vec![
                    format!("{}{}年部门预算", fg.name, fg.year),
                    format!(
                        "{}年本部门支出预算{}万元，下列预算表金额单位为元。",
                        fg.year,
                        wan_of_yuan(bud_total)
                    ),
                ],
                tables: budgets,
            },
        ],
    }
}

/// A row as the text convention prints it: "^" and "<" (merged) blank.
fn header_text(h: &[String]) -> Vec<String> {
    h.iter()
        .map(|c| {
            if c == "^" || c == "<" {
                String::new()
            } else {
                c.clone()
            }
        })
        .collect()
}

fn push_row(out: &mut String, cells: &[String]) {
    for c in cells {
        out.push('\t');
        out.push_str(c);
        out.push('\n');
    }
    out.push('\n');
}

/// The text rendition: paragraphs apart by blank lines, each table a cell per tab-led line
/// (rows apart by a blank line, two blank lines after the table).
pub fn to_text(d: &Disclosure) -> String {
    let mut out = String::new();
    for p in &d.text {
        out.push_str(p);
        out.push_str("\n\n");
    }
    for t in &d.tables {
        out.push_str(&t.title);
        out.push_str("\n\n");
        out.push_str(&t.unit_line);
        out.push_str("\n\n");
        let parts: Vec<&[Vec<String>]> = match t.break_after {
            Some(k) => vec![&t.rows[..k], &t.rows[k..]],
            None => vec![&t.rows[..]],
        };
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push_str("续表\n\n");
            }
            for h in &t.header {
                push_row(&mut out, &header_text(h));
            }
            for r in part.iter() {
                push_row(&mut out, &header_text(r));
            }
            out.push('\n');
        }
        if let Some(n) = &t.empty_note {
            out.push_str(n);
            out.push_str("\n\n");
        }
    }
    out
}

/// The header rows and data rows as a table with merged header cells: a run of equal texts
/// in a header row is one cell spanning them, "^" continues the cell above.
fn table_of(header: &[Vec<String>], rows: &[Vec<String>]) -> Table {
    let width = header.iter().chain(rows).map(Vec::len).max().unwrap_or(0);
    let mut out: Vec<Row> = Vec::new();
    for (r, h) in header.iter().enumerate() {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < width {
            let text = h.get(c).cloned().unwrap_or_default();
            if text == "^" {
                // Continue the owner above (same column).
                let mut or = r - 1;
                while header[or].get(c).map(String::as_str) == Some("^") {
                    or -= 1;
                }
                let owner_text = header[or][c].clone();
                cells.push(Cell {
                    text: owner_text,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    merged_from: Some((or, c)),
                    indent: None,
                });
                if let Some(owner) = out[or].cells.iter_mut().find(|x| x.col == c) {
                    owner.row_span = (r - or + 1) as u32;
                }
                c += 1;
                continue;
            }
            let mut span = 1;
            while !text.is_empty() && h.get(c + span) == Some(&text) {
                span += 1;
            }
            cells.push(Cell {
                text: text.clone(),
                col: c,
                row_span: 1,
                col_span: span as u32,
                merged_from: None,
                indent: None,
            });
            for k in 1..span {
                cells.push(Cell {
                    text: text.clone(),
                    col: c + k,
                    row_span: 1,
                    col_span: 1,
                    merged_from: Some((r, c)),
                    indent: None,
                });
            }
            c += span;
        }
        out.push(Row {
            cells,
            page: None,
            line: None,
        });
    }
    for r in rows {
        // "<" continues the cell to its left (a 合计 spanning the code and name columns).
        let ri = out.len();
        let mut cells: Vec<Cell> = Vec::new();
        let mut owner = 0;
        for c in 0..width {
            let text = r.get(c).cloned().unwrap_or_default();
            if text == "<" && c > 0 {
                let owner_text = cells[owner].text.clone();
                cells[owner].col_span += 1;
                cells.push(Cell {
                    text: owner_text,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    merged_from: Some((ri, owner)),
                    indent: None,
                });
            } else {
                owner = c;
                cells.push(Cell::new(c, text));
            }
        }
        out.push(Row {
            cells,
            page: None,
            line: None,
        });
    }
    Table { rows: out }
}

/// The document model of a disclosure (for the DOCX and PDF renditions).
pub fn to_document(d: &Disclosure) -> Document {
    let mut blocks: Vec<BlockKind> = Vec::new();
    let para = |t: &str| {
        BlockKind::Paragraph(Paragraph {
            text: t.to_string(),
            page_starts: Vec::new(),
        })
    };
    for p in &d.text {
        blocks.push(para(p));
    }
    for t in &d.tables {
        blocks.push(para(&t.title));
        blocks.push(para(&t.unit_line));
        match t.break_after {
            Some(k) => {
                blocks.push(BlockKind::Table(table_of(&t.header, &t.rows[..k])));
                blocks.push(para("续表"));
                blocks.push(BlockKind::Table(table_of(&t.header, &t.rows[k..])));
            }
            None => blocks.push(BlockKind::Table(table_of(&t.header, &t.rows))),
        }
        if let Some(n) = &t.empty_note {
            blocks.push(para(n));
        }
    }
    Document {
        blocks: blocks
            .into_iter()
            .enumerate()
            .map(|(i, kind)| Block {
                location: Location {
                    block: i,
                    ..Location::default()
                },
                kind,
            })
            .collect(),
        pages: None,
        warnings: Vec::new(),
        formulas: Vec::new(),
    }
}

/// The workbook rendition: a 说明 sheet with the text, then one sheet per table with its
/// title and unit line in its first rows (merged across), the header with its merges, the
/// figures as numbers under a format that prints them as the other renditions do, and the
/// 空表说明 under an empty table.
pub fn to_xlsx(d: &Disclosure) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("说明").expect("sheet name");
    for (r, p) in d.text.iter().enumerate() {
        ws.write_string(r as u32, 0, p).expect("write");
    }
    let plain = XFormat::new();
    for (i, t) in d.tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(format!("表{}", i + 1)).expect("sheet name");
        let width = t.header.iter().map(Vec::len).max().unwrap_or(1) as u16;
        ws.merge_range(0, 0, 0, width - 1, &t.title, &plain)
            .expect("merge");
        ws.merge_range(1, 0, 1, width - 1, &t.unit_line, &plain)
            .expect("merge");
        let table = table_of(&t.header, &t.rows);
        let number =
            XFormat::new().set_num_format(if t.unit == "元" { "#,##0" } else { "#,##0.00" });
        let header_rows = t.header.len();
        // Value columns: those whose lowest header is not a label.
        let value_col: Vec<bool> = column_heads(t)
            .iter()
            .map(|h| {
                !["项目", "科目编码", "科目名称", "类", "款", "项", "行次"].contains(&h.as_str())
            })
            .collect();
        for (r, row) in table.rows.iter().enumerate() {
            let sr = (r + 2) as u32;
            for cell in row.cells.iter().filter(|c| !c.is_continuation()) {
                let c = cell.col as u16;
                if cell.row_span > 1 || cell.col_span > 1 {
                    let (r1, c1) = (sr + cell.row_span - 1, c + cell.col_span as u16 - 1);
                    ws.merge_range(sr, c, r1, c1, &cell.text, &plain)
                        .expect("merge");
                    continue;
                }
                let text = cell.text.trim();
                if text.is_empty() {
                    continue;
                }
                let numeric: Option<f64> = (r >= header_rows && value_col[cell.col])
                    .then(|| text.replace(',', "").parse().ok())
                    .flatten();
                match numeric {
                    Some(v)
                        if text
                            .chars()
                            .all(|c| c.is_ascii_digit() || ",.-".contains(c)) =>
                    {
                        ws.write_number_with_format(sr, c, v, &number)
                            .expect("number");
                    }
                    _ => {
                        // Leading spaces stay: they indent a name by its level.
                        ws.write_string(sr, c, cell.text.trim_end()).expect("write");
                    }
                }
            }
        }
        if let Some(n) = &t.empty_note {
            ws.write_string((table.rows.len() + 3) as u32, 0, n)
                .expect("write");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}
