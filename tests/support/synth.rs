//! Synthetic departments: deterministic generation of 部门决算公开说明 in the seed's text
//! format (narrative + flattened 绩效自评表), for corpus tests, throughput runs and the
//! `examples/gen_synthetic.rs` batch generator.
//!
//! Every figure is computed in integer cents (fen) and printed from them, so all arithmetic
//! holds exactly: totals are the sums of their parts, shares and rates are rounded half-up
//! to the printed decimals, and the same department's consecutive years agree (this year's
//! "与上年相比，增加X万元" implies exactly last year's printed figure; this year's 年初结转和结余
//! is last year's 年末结转和结余). Optionally ONE error is injected into a document and
//! described in [`Injected`] so a test or a person can check that the tool finds it.
//!
//! The PRNG is a small SplitMix64 of our own: the output must be identical on every machine
//! and every version, which a general-purpose RNG crate does not promise.
//!
//! Shared by tests and the example through `#[path]`, so not every caller uses every item.

#![allow(dead_code)]

/// SplitMix64: tiny, seedable, good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi` (hi >= lo).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1).max(1) as u64;
        lo + (self.next_u64() % span) as i64
    }

    /// True with probability `per_mille`/1000.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        (self.next_u64() % 1000) < u64::from(per_mille)
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// First syllables of the fictitious place names.
const PLACE_A: [&str; 20] = [
    "青", "白", "东", "南", "西", "北", "金", "云", "临", "石", "安", "宁", "平", "和", "兴", "永",
    "长", "清", "新", "福",
];
/// Second syllables of the fictitious place names.
const PLACE_B: [&str; 16] = [
    "山", "河", "湖", "岭", "川", "塬", "沙", "台", "江", "门", "源", "阳", "泉", "林", "丰", "水",
];
/// Kinds of place.
const PLACE_KIND: [&str; 3] = ["州", "县", "市"];
/// Bureaus, each with its main function class (类) and two 款/项 lines.
const BUREAUS: [(&str, &str, [&str; 2]); 8] = [
    (
        "财政局",
        "一般公共服务支出(类)",
        [
            "财政事务(款)行政运行(项)",
            "财政事务(款)一般行政管理事务(项)",
        ],
    ),
    (
        "教育局",
        "教育支出(类)",
        ["普通教育(款)小学教育(项)", "普通教育(款)初中教育(项)"],
    ),
    (
        "卫生健康委员会",
        "卫生健康支出(类)",
        [
            "卫生健康管理事务(款)行政运行(项)",
            "公共卫生(款)基本公共卫生服务(项)",
        ],
    ),
    (
        "民政局",
        "社会保障和就业支出(类)",
        [
            "民政管理事务(款)行政运行(项)",
            "民政管理事务(款)社会组织管理(项)",
        ],
    ),
    (
        "农业农村局",
        "农林水支出(类)",
        [
            "农业农村(款)行政运行(项)",
            "农业农村(款)科技转化与推广服务(项)",
        ],
    ),
    (
        "交通运输局",
        "交通运输支出(类)",
        [
            "公路水路运输(款)行政运行(项)",
            "公路水路运输(款)公路养护(项)",
        ],
    ),
    (
        "自然资源局",
        "自然资源海洋气象等支出(类)",
        [
            "自然资源事务(款)行政运行(项)",
            "自然资源事务(款)自然资源调查与确权登记(项)",
        ],
    ),
    (
        "统计局",
        "一般公共服务支出(类)",
        [
            "统计信息事务(款)行政运行(项)",
            "统计信息事务(款)专项普查活动(项)",
        ],
    ),
];
/// The common 项 lines every department has, with their 类.
const COMMON_ITEMS: [(&str, &str); 3] = [
    (
        "社会保障和就业支出(类)",
        "行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)",
    ),
    ("卫生健康支出(类)", "行政事业单位医疗(款)行政单位医疗(项)"),
    ("住房保障支出(类)", "住房改革支出(款)住房公积金(项)"),
];
/// Office names for "下设N个科室".
const OFFICES: [&str; 9] = [
    "办公室",
    "计划财务科",
    "政策法规科",
    "综合业务科",
    "监督检查科",
    "信息中心",
    "人事教育科",
    "审批服务科",
    "应急管理科",
];
/// Project names for the 项目支出绩效自评表.
const PROJECTS: [&str; 6] = [
    "业务工作经费",
    "信息化建设运维项目",
    "专项培训经费",
    "宣传工作经费",
    "基层服务能力提升项目",
    "档案数字化项目",
];

/// Number of distinct department names.
pub fn department_count() -> usize {
    PLACE_A.len() * PLACE_B.len() * PLACE_KIND.len() * BUREAUS.len()
}

/// The `index`th department's name ("青山州财政局") and its bureau index.
pub fn department_name(index: usize) -> (String, usize) {
    let i = index % department_count();
    let bureau = i % BUREAUS.len();
    let rest = i / BUREAUS.len();
    let kind = rest % PLACE_KIND.len();
    let rest = rest / PLACE_KIND.len();
    let b = rest % PLACE_B.len();
    let a = (rest / PLACE_B.len()) % PLACE_A.len();
    (
        format!(
            "{}{}{}{}",
            PLACE_A[a], PLACE_B[b], PLACE_KIND[kind], BUREAUS[bureau].0
        ),
        bureau,
    )
}

/// An error deliberately put into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injected {
    /// Rule family ("sum", "share", "yoy", "variance", "perf", "prior_year").
    pub family: &'static str,
    /// What was changed, in words, with the original and the printed value.
    pub change: String,
    /// The rule id (or id prefix) a correct checker reports.
    pub expected_rule: &'static str,
}

/// One generated disclosure.
#[derive(Debug, Clone)]
pub struct SynthDoc {
    /// File stem, e.g. "d0007-2023-青山州财政局".
    pub stem: String,
    /// Department name.
    pub department: String,
    /// Fiscal year.
    pub year: i32,
    /// The disclosure in the seed's text format (UTF-8).
    pub text: String,
    /// The injected error, if any.
    pub injected: Option<Injected>,
}

/// Options for one department's documents.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// Seed (combined with the department index).
    pub seed: u64,
    /// First and last fiscal year (inclusive); one document per year.
    pub first_year: i32,
    /// Last year.
    pub last_year: i32,
    /// Chance per document of one injected error, in per mille.
    pub error_per_mille: u32,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            seed: 42,
            first_year: 2022,
            last_year: 2024,
            error_per_mille: 300,
        }
    }
}

/// Figures of one department-year, in fen (cents of 万元), people and counts.
#[derive(Debug, Clone)]
struct Figures {
    year: i32,
    /// (class label, full 类/款/项 label, amount).
    items: Vec<(String, String, i64)>,
    other_income: i64,
    carry_in: i64,
    expenditure: i64,
    basic: i64,
    personnel: i64,
    fiscal_carry: i64,
    budget_fiscal: i64,
    budget_general: i64,
    sangong_car: i64,
    sangong_reception: i64,
    procurement: [i64; 3],
    staff: [i64; 3],
    offices: usize,
    /// Projects: (name, initial budget, full-year budget, executed).
    projects: Vec<(String, i64, i64, i64)>,
}

impl Figures {
    fn general(&self) -> i64 {
        self.items.iter().map(|x| x.2).sum()
    }
    fn income(&self) -> i64 {
        self.general() + self.other_income
    }
    fn total(&self) -> i64 {
        self.income() + self.carry_in
    }
    fn carry_out(&self) -> i64 {
        self.total() - self.expenditure
    }
    fn fiscal_total(&self) -> i64 {
        self.fiscal_carry + self.general()
    }
    fn sangong(&self) -> i64 {
        self.sangong_car + self.sangong_reception
    }
    fn public(&self) -> i64 {
        self.basic - self.personnel
    }
}

/// Scales `v` by a random factor in [lo‰, hi‰], at least 1 fen.
fn vary(rng: &mut Rng, v: i64, lo: i64, hi: i64) -> i64 {
    (v * rng.range(lo, hi) / 1000).max(100)
}

fn first_figures(rng: &mut Rng, year: i32, bureau: usize) -> Figures {
    let (_, class, own) = BUREAUS[bureau];
    let mut items = Vec::new();
    for label in own {
        items.push((
            class.to_string(),
            format!("{class}{label}"),
            rng.range(5_000, 2_000_000),
        ));
    }
    for (c, label) in COMMON_ITEMS {
        items.push((
            c.to_string(),
            format!("{c}{label}"),
            rng.range(1_000, 80_000),
        ));
    }
    let general: i64 = items.iter().map(|x| x.2).sum();
    let other_income = general * rng.range(30, 250) / 1000;
    let expenditure = general + other_income * rng.range(300, 1000) / 1000;
    let basic = expenditure * rng.range(400, 700) / 1000;
    let projects = (0..rng.range(2, 3) as usize)
        .map(|i| {
            let b = rng.range(500, 30_000);
            (PROJECTS[i].to_string(), b, b, b)
        })
        .collect();
    Figures {
        year,
        items,
        other_income,
        carry_in: rng.range(0, general / 2),
        expenditure,
        basic,
        personnel: basic * rng.range(800, 950) / 1000,
        fiscal_carry: rng.range(0, 300_000),
        budget_fiscal: general * rng.range(600, 1100) / 1000,
        budget_general: general * rng.range(700, 1050) / 1000,
        sangong_car: rng.range(500, 20_000),
        sangong_reception: rng.range(100, 3_000),
        procurement: [
            rng.range(1_000, 20_000),
            rng.range(0, 50_000),
            rng.range(1_000, 90_000),
        ],
        staff: [rng.range(10, 80), rng.range(0, 3), rng.range(5, 60)],
        offices: rng.range(3, OFFICES.len() as i64) as usize,
        projects,
    }
}

fn next_figures(rng: &mut Rng, prev: &Figures) -> Figures {
    let items: Vec<_> = prev
        .items
        .iter()
        .map(|(c, l, v)| (c.clone(), l.clone(), vary(rng, *v, 700, 1400)))
        .collect();
    let general: i64 = items.iter().map(|x| x.2).sum();
    let other_income = general * rng.range(30, 250) / 1000;
    let expenditure = general + other_income * rng.range(300, 1000) / 1000;
    let basic = expenditure * rng.range(400, 700) / 1000;
    let projects = prev
        .projects
        .iter()
        .map(|(n, _, _, _)| {
            let initial = rng.range(500, 30_000);
            let full = vary(rng, initial, 900, 1200);
            let executed = if rng.chance(300) {
                full * rng.range(900, 999) / 1000
            } else {
                full
            };
            (n.clone(), initial, full, executed)
        })
        .collect();
    let staff = [
        (prev.staff[0] + rng.range(-5, 5)).max(5),
        prev.staff[1],
        prev.staff[2] + rng.range(0, 3),
    ];
    Figures {
        year: prev.year + 1,
        items,
        other_income,
        carry_in: prev.carry_out(),
        expenditure,
        basic,
        personnel: basic * rng.range(800, 950) / 1000,
        fiscal_carry: rng.range(0, 300_000),
        budget_fiscal: general * rng.range(600, 1100) / 1000,
        budget_general: general * rng.range(700, 1050) / 1000,
        sangong_car: vary(rng, prev.sangong_car, 600, 1500),
        sangong_reception: vary(rng, prev.sangong_reception, 600, 1500),
        procurement: [
            rng.range(1_000, 20_000),
            rng.range(0, 50_000),
            rng.range(1_000, 90_000),
        ],
        staff,
        offices: prev.offices,
        projects,
    }
}

/// "1,234.56" from fen.
pub fn amount(fen: i64) -> String {
    let neg = fen < 0;
    let a = fen.unsigned_abs();
    let int = (a / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{}{}.{:02}", if neg { "-" } else { "" }, grouped, a % 100)
}

/// num/den as a percentage in hundredths, rounded half-up (away from zero); 0 if den is 0.
pub fn rate(num: i64, den: i64) -> i64 {
    if den == 0 {
        return 0;
    }
    let n = i128::from(num.unsigned_abs()) * 10_000 * 2 + i128::from(den.unsigned_abs());
    let q = (n / (2 * i128::from(den.unsigned_abs()))) as i64;
    if (num < 0) != (den < 0) {
        -q
    } else {
        q
    }
}

/// "12.34%" from hundredths of a percent (absolute value).
pub fn pct(hundredths: i64) -> String {
    let a = hundredths.unsigned_abs();
    format!("{}.{:02}%", a / 100, a % 100)
}

/// "增加472.54万元，增长24.45%" for a change from `prev` to `cur`.
fn change(prev: i64, cur: i64, delta_override: Option<i64>) -> String {
    let delta = delta_override.unwrap_or(cur - prev);
    let implied_prev = cur - delta;
    let r = rate(delta, implied_prev);
    if delta >= 0 {
        format!("增加{}万元，增长{}", amount(delta), pct(r))
    } else {
        format!("减少{}万元，下降{}", amount(-delta), pct(r))
    }
}

/// What to break, decided before the text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    None,
    Sum,
    Share,
    Yoy,
    Variance,
    Perf,
    PriorYear,
}

/// Generates every year of department `index` (documents in year order).
pub fn department_docs(index: usize, opts: &SynthOptions) -> Vec<SynthDoc> {
    let mut rng = Rng::new(opts.seed.wrapping_mul(1_000_003).wrapping_add(index as u64));
    let (name, bureau) = department_name(index);
    // The year before the first is generated too: the first document's yoy needs it.
    let mut figs = vec![first_figures(&mut rng, opts.first_year - 1, bureau)];
    for _ in opts.first_year..=opts.last_year {
        let next = next_figures(&mut rng, figs.last().expect("non-empty"));
        figs.push(next);
    }
    let mut docs = Vec::new();
    for w in figs.windows(2) {
        let (prev, cur) = (&w[0], &w[1]);
        let brk = if rng.chance(opts.error_per_mille) {
            *rng.pick(&[
                Break::Sum,
                Break::Share,
                Break::Yoy,
                Break::Variance,
                Break::Perf,
                Break::PriorYear,
            ])
        } else {
            Break::None
        };
        // prior_year only makes sense where the previous year is in the corpus too.
        let brk = if brk == Break::PriorYear && cur.year == opts.first_year {
            Break::Sum
        } else {
            brk
        };
        let (mut text, injected) = write_doc(&name, prev, cur, brk, &mut rng);
        // Drawn from a generator of their own, so every other figure stays as it was.
        let mut own = Rng::new(
            opts.seed
                .wrapping_mul(7_919)
                .wrapping_add(index as u64)
                .wrapping_add(cur.year as u64)
                ^ 0x5245_5354,
        );
        restate(&mut text, cur, &mut own);
        docs.push(SynthDoc {
            stem: format!("d{index:05}-{}", cur.year),
            department: name.clone(),
            year: cur.year,
            text,
            injected,
        });
    }
    docs
}

/// Writes one flattened table: rows of cells, a blank line between rows, two after.
fn table(out: &mut String, rows: &[Vec<String>]) {
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for cell in row {
            out.push('\t');
            out.push_str(cell);
            out.push('\n');
        }
    }
    out.push_str("\n\n\n");
}

fn s(x: &str) -> String {
    x.to_string()
}

fn write_doc(
    name: &str,
    prev: &Figures,
    cur: &Figures,
    brk: Break,
    rng: &mut Rng,
) -> (String, Option<Injected>) {
    let y = cur.year;
    let mut injected = None;
    let mut t = String::new();
    t.push_str(&format!(
        " {name}{y}年度部门决算\n公开说明\n 第一部分 单位概况\n"
    ));
    t.push_str("一、主要职能\n");
    t.push_str(&format!(
        "（1）贯彻执行国家和上级关于本领域工作的法律、法规、规章、政策；拟订{name}工作的发展规划并组织实施。\n（2）完成本级党委、人民政府交办的其他任务。\n"
    ));
    t.push_str("二、机构设置及人员情况\n");
    let staff_total: i64 = cur.staff.iter().sum();
    let d = |a: i64, b: i64| {
        if a >= b {
            format!("增加{}人", a - b)
        } else {
            format!("减少{}人", b - a)
        }
    };
    t.push_str(&format!(
        "{name}{y}年度，实有人数{staff_total}人，其中：在职人员{}人，{}；离休人员{}人，{}；退休人员{}人，{}。\n",
        cur.staff[0],
        d(cur.staff[0], prev.staff[0]),
        cur.staff[1],
        d(cur.staff[1], prev.staff[1]),
        cur.staff[2],
        d(cur.staff[2], prev.staff[2]),
    ));
    t.push_str(&format!(
        "{name}无下属预算单位，下设{}个科室，分别是：{}。\n\n\n",
        cur.offices,
        OFFICES[..cur.offices].join("、")
    ));

    // Part two: totals.
    t.push_str("第二部分 部门决算情况说明\n一、收入支出决算总体情况说明\n");
    t.push_str(&format!(
        "{y}年度收入总计{}万元，其中：本年收入合计{}万元，使用非财政拨款结余（含专用结余）0.00万元，年初结转和结余{}万元。\n",
        amount(cur.total()),
        amount(cur.income()),
        amount(cur.carry_in)
    ));
    t.push_str(&format!(
        "{y}年度支出总计{}万元，其中：本年支出合计{}万元，结余分配0.00万元，年末结转和结余{}万元。\n",
        amount(cur.total()),
        amount(cur.expenditure),
        amount(cur.carry_out())
    ));
    let mut total_change = change(prev.total(), cur.total(), None);
    if brk == Break::Yoy {
        let delta = cur.total() - prev.total();
        let right = rate(delta, prev.total());
        let wrong = right + 111;
        total_change = if delta >= 0 {
            format!("增加{}万元，增长{}", amount(delta), pct(wrong))
        } else {
            format!("减少{}万元，下降{}", amount(-delta), pct(wrong))
        };
        injected = Some(Injected {
            family: "yoy",
            change: format!(
                "收入支出总体增减率 printed {} instead of {}",
                pct(wrong),
                pct(right)
            ),
            expected_rule: "yoy",
        });
    }
    t.push_str(&format!(
        "收入支出总体与上年相比，{total_change}，主要原因是：本年业务工作量变化。\n"
    ));

    // Income.
    let fiscal = cur.general();
    let mut other = cur.other_income;
    if brk == Break::Sum {
        other += 100;
        injected = Some(Injected {
            family: "sum",
            change: format!(
                "其他收入 printed {} instead of {} (本年收入合计 unchanged)",
                amount(other),
                amount(cur.other_income)
            ),
            expected_rule: "sum",
        });
    }
    t.push_str("二、收入决算情况说明\n");
    t.push_str(&format!(
        "本年收入{}万元，其中：财政拨款收入{}万元，占{}；上级补助收入0.00万元，占0.00%；事业收入0.00万元，占0.00%；经营收入0.00万元，占0.00%；附属单位上缴收入0.00万元，占0.00%；其他收入{}万元，占{}。\n",
        amount(cur.income()),
        amount(fiscal),
        pct(rate(fiscal, cur.income())),
        amount(other),
        pct(rate(cur.other_income, cur.income())),
    ));

    // Expenditure.
    let project = cur.expenditure - cur.basic;
    let mut basic_share = rate(cur.basic, cur.expenditure);
    if brk == Break::Share {
        let right = basic_share;
        basic_share += 37;
        injected = Some(Injected {
            family: "share",
            change: format!(
                "基本支出占比 printed {} instead of {}",
                pct(basic_share),
                pct(right)
            ),
            expected_rule: "share",
        });
    }
    t.push_str("三、支出决算情况说明\n");
    t.push_str(&format!(
        "本年支出{}万元，其中：基本支出{}万元，占{}；项目支出{}万元，占{}；上缴上级支出0.00万元，占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。\n",
        amount(cur.expenditure),
        amount(cur.basic),
        pct(basic_share),
        amount(project),
        pct(rate(project, cur.expenditure)),
    ));

    // Fiscal appropriations.
    t.push_str("四、财政拨款收入支出决算总体情况说明\n");
    t.push_str(&format!(
        "{y}年度财政拨款收入总计{}万元，其中：年初财政拨款结转和结余{}万元，本年财政拨款收入{}万元。财政拨款支出总计{}万元，其中：年末财政拨款结转和结余{}万元，本年财政拨款支出{}万元。\n",
        amount(cur.fiscal_total()),
        amount(cur.fiscal_carry),
        amount(fiscal),
        amount(cur.fiscal_total()),
        amount(cur.fiscal_carry),
        amount(fiscal),
    ));
    let mut var_rate = rate(cur.fiscal_total() - cur.budget_fiscal, cur.budget_fiscal);
    if brk == Break::Variance {
        let right = var_rate;
        var_rate += 200;
        injected = Some(Injected {
            family: "variance",
            change: format!(
                "财政拨款预决算差异率 printed {} instead of {}",
                pct(var_rate),
                pct(right)
            ),
            expected_rule: "variance",
        });
    }
    let var_word = if var_rate < 0 { "-" } else { "" };
    t.push_str(&format!(
        "财政拨款收入支出总体与上年相比，{}，主要原因是：本年项目安排变化。与年初预算相比，年初预算数{}万元，决算数{}万元，预决算差异率{}{}，主要原因是：年中追加项目经费，导致预决算存在差异。\n",
        change(prev.fiscal_total(), cur.fiscal_total(), None),
        amount(cur.budget_fiscal),
        amount(cur.fiscal_total()),
        var_word,
        pct(var_rate),
    ));

    // General public budget.
    t.push_str(
        "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n",
    );
    let gvar = rate(fiscal - cur.budget_general, cur.budget_general);
    t.push_str(&format!(
        "{y}年度一般公共预算财政拨款支出{}万元，占本年支出合计的{}。与上年相比，{}，主要原因是：本年项目安排变化。与年初预算相比，年初预算数{}万元，决算数{}万元，预决算差异率{}{}，主要原因是：年中追加项目经费，导致预决算产生差异。\n",
        amount(fiscal),
        pct(rate(fiscal, cur.expenditure)),
        change(prev.general(), fiscal, None),
        amount(cur.budget_general),
        amount(fiscal),
        if gvar < 0 { "-" } else { "" },
        pct(gvar),
    ));
    t.push_str("（二）一般公共预算财政拨款支出决算结构情况\n");
    let mut classes: Vec<(String, i64)> = Vec::new();
    for (c, _, v) in &cur.items {
        match classes.iter_mut().find(|x| &x.0 == c) {
            Some(x) => x.1 += v,
            None => classes.push((c.clone(), *v)),
        }
    }
    for (i, (c, v)) in classes.iter().enumerate() {
        t.push_str(&format!(
            "{}.{c}{}万元,占{}。\n",
            i + 1,
            amount(*v),
            pct(rate(*v, fiscal))
        ));
    }
    t.push_str("（三）一般公共预算财政拨款支出决算具体情况\n");
    let broken_item = if brk == Break::PriorYear {
        Some(rng.range(0, cur.items.len() as i64 - 1) as usize)
    } else {
        None
    };
    for (i, ((_, label, v), (_, _, pv))) in cur.items.iter().zip(&prev.items).enumerate() {
        let delta = if broken_item == Some(i) {
            let wrong = v - pv + 500;
            injected = Some(Injected {
                family: "prior_year",
                change: format!(
                    "{label} 比上年决算 change printed {} instead of {} (implies prior {} but the {} disclosure prints {})",
                    amount(wrong),
                    amount(v - pv),
                    amount(v - wrong),
                    y - 1,
                    amount(*pv)
                ),
                expected_rule: "corpus.prior_year",
            });
            Some(wrong)
        } else {
            None
        };
        let ch = change(*pv, *v, delta);
        t.push_str(&format!(
            "{}.{label}:支出决算数为{}万元，比上年决算{},主要原因是：本年业务工作量变化。\n",
            i + 1,
            amount(*v),
            ch
        ));
    }
    t.push_str("六、一般公共预算财政拨款基本支出决算情况说明\n");
    t.push_str(&format!(
        "{y}年度一般公共预算财政拨款基本支出{}万元，其中：人员经费{}万元，包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费。\n公用经费{}万元，包括：办公费、印刷费、水费、电费、邮电费、差旅费。\n",
        amount(cur.basic),
        amount(cur.personnel),
        amount(cur.public()),
    ));
    t.push_str("七、政府性基金预算财政拨款收入支出决算情况说明\n本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余，政府性基金预算财政拨款收入支出决算表为空表。\n");
    t.push_str("八、国有资本经营预算财政拨款收入支出决算情况说明\n本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，国有资本经营预算财政拨款收入支出决算表为空表。\n");

    // 三公.
    t.push_str("九、财政拨款“三公”经费支出决算情况说明\n");
    let sg = cur.sangong();
    t.push_str(&format!(
        "{y}年度财政拨款“三公”经费支出{}万元，比上年{}，主要原因是：严格落实中央八项规定精神。其中：因公出国（境）费支出0.00万元，占0.00%，比上年增加0.00万元，增长0.00%，主要原因是：未安排因公出国（境）费支出。公务用车购置及运行维护费支出{}万元，占{}，比上年{}，主要原因是：车辆维修费用变化。公务接待费支出{}万元，占{}，比上年{}，主要原因是：厉行节约。\n",
        amount(sg),
        change(prev.sangong(), sg, None),
        amount(cur.sangong_car),
        pct(rate(cur.sangong_car, sg)),
        change(prev.sangong_car, cur.sangong_car, None),
        amount(cur.sangong_reception),
        pct(rate(cur.sangong_reception, sg)),
        change(prev.sangong_reception, cur.sangong_reception, None),
    ));
    t.push_str(&format!(
        "公务用车购置及运行维护费{}万元，其中：公务用车购置费0.00万元，公务用车运行维护费{}万元。\n",
        amount(cur.sangong_car),
        amount(cur.sangong_car)
    ));
    t.push_str("十、其他重要事项的情况说明\n（一）机关运行经费及公用经费支出情况\n");
    t.push_str(&format!(
        "{y}年度{name}机关运行经费支出{}万元，比上年{}，主要原因是：公用经费变化。\n",
        amount(cur.public()),
        change(prev.public(), cur.public(), None),
    ));
    let p = cur.procurement;
    t.push_str(&format!(
        "（二）政府采购情况\n{y}年度政府采购支出总额{}万元，其中：政府采购货物支出{}万元、政府采购工程支出{}万元、政府采购服务支出{}万元。\n",
        amount(p.iter().sum()),
        amount(p[0]),
        amount(p[1]),
        amount(p[2]),
    ));

    // Performance.
    let pb: i64 = cur.projects.iter().map(|x| x.2).sum();
    let pe: i64 = cur.projects.iter().map(|x| x.3).sum();
    t.push_str("十一、预算绩效的情况说明\n");
    t.push_str(&format!(
        "根据预算绩效管理要求，本单位{y}年度预算绩效管理形成整体支出绩效自评表1个，全年预算总额{}万元，实际执行总额{}万元；预算绩效评价项目{}个，全年预算数{}万元，全年执行数{}万元。具体附整体支出绩效自评表，项目支出绩效自评表。\n\n\n",
        amount(cur.total()),
        amount(cur.expenditure),
        cur.projects.len(),
        amount(pb),
        amount(pe),
    ));
    unit_table(&mut t, name, cur);
    let broken_project = if brk == Break::Perf {
        Some(rng.range(0, cur.projects.len() as i64 - 1) as usize)
    } else {
        None
    };
    for (i, pr) in cur.projects.iter().enumerate() {
        if let Some(inj) = project_table(&mut t, name, y, pr, broken_project == Some(i), rng) {
            injected = Some(inj);
        }
    }
    t.push_str("第三部分 专业名词解释\n一、财政拨款收入：指同级财政当年拨付的资金。\n");
    (t, injected)
}

/// Restates two to five figures of the narrative, chosen at random, in a paragraph of their
/// own ("（三）主要数据"), some in 元 instead of 万元, before the performance section: the
/// same figure stated twice, which `restated.value` compares. The paragraph comes after
/// every first statement of these figures, so identities (which read the first) are
/// unchanged.
fn restate(text: &mut String, cur: &Figures, rng: &mut Rng) {
    let staff: i64 = cur.staff.iter().sum();
    let pool: [(&str, i64, bool); 8] = [
        ("基本支出", cur.basic, true),
        ("项目支出", cur.expenditure - cur.basic, true),
        ("人员经费", cur.personnel, true),
        ("公用经费", cur.public(), true),
        ("年末结转和结余", cur.carry_out(), true),
        ("政府采购支出总额", cur.procurement.iter().sum(), true),
        ("收入总计", cur.total(), true),
        ("实有人数", staff, false),
    ];
    let mut order: Vec<usize> = (0..pool.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.range(0, i as i64) as usize;
        order.swap(i, j);
    }
    let n = rng.range(2, 5) as usize;
    let mut para = String::from("（三）主要数据\n");
    for &i in &order[..n] {
        let (label, v, money) = pool[i];
        let shown = if !money {
            format!("{v}人")
        } else if rng.chance(250) {
            // 元: fen × 100 (万元 → 元 is × 10,000; fen are 1/100 万元).
            format!("{}元", amount(v * 10_000))
        } else {
            format!("{}万元", amount(v))
        };
        para.push_str(&format!("本年度{label}{shown}。"));
    }
    para.push('\n');
    if let Some(at) = text.find("十一、预算绩效的情况说明") {
        text.insert_str(at, &para);
    }
}

/// 单位整体支出绩效自评表: funds rows and indicator rows whose weights add up to 90.
fn unit_table(t: &mut String, name: &str, cur: &Figures) {
    let y = cur.year;
    let exec_rate = rate(cur.expenditure, cur.total());
    let score = exec_rate * 10; // hundredths of a percent × 10 points → 1e-4 points
    let score_str = amount((score + 50) / 100);
    let initial_own = cur.budget_fiscal;
    let initial_other = cur.other_income;
    let rows = vec![
        vec![s("单位整体支出绩效自评表")],
        vec![format!("（{y}年度）")],
        vec![s("单位名称"), name.to_string()],
        vec![
            s("部门资金（万元）"),
            s("资金来源"),
            s("年初预算数"),
            s("全年预算数"),
            s("全年执行数"),
            s("分值权重"),
            s("执行率"),
            s("得分"),
        ],
        vec![
            s(""),
            s("上级资金"),
            s("0.00"),
            s("0.00"),
            s("0.00"),
            s("-"),
            s("-"),
            s("-"),
        ],
        vec![
            s(""),
            s("本级资金"),
            amount(initial_own),
            amount(cur.fiscal_total()),
            amount(cur.general()),
            s("-"),
            s("-"),
            s("-"),
        ],
        vec![
            s(""),
            s("其他资金"),
            amount(initial_other),
            amount(cur.total() - cur.fiscal_total()),
            amount(cur.expenditure - cur.general()),
            s("-"),
            s("-"),
            s("-"),
        ],
        vec![
            s(""),
            s("合计"),
            amount(initial_own + initial_other),
            amount(cur.total()),
            amount(cur.expenditure),
            s("10"),
            pct(exec_rate),
            score_str,
        ],
        vec![s("年度总体目标"), s("预期目标"), s("实际完成情况")],
        vec![
            s(""),
            s("保障单位正常运转，完成年度重点工作任务。"),
            format!(
                "{y}年我单位全年预算数为{}万元，全年执行数为{}万元，总预算执行率为{}。",
                amount(cur.total()),
                amount(cur.expenditure),
                pct(exec_rate)
            ),
        ],
        vec![
            s("一级指标"),
            s("二级指标"),
            s("三级指标"),
            s("预期指标值"),
            s("指标值设定依据"),
            s("分值权重"),
            s("实际完成指标值"),
            s("得分"),
        ],
        vec![
            s("履职效能"),
            s("质量指标"),
            s("重点工作完成率"),
            s("=100%"),
            s("计划标准"),
            s("30"),
            s("=100%"),
            s("30"),
        ],
        vec![
            s(""),
            s("数量指标"),
            s("开展业务培训"),
            s(">=2次"),
            s("计划标准"),
            s("30"),
            s("=2次"),
            s("30"),
        ],
        vec![
            s(""),
            s(""),
            s("完成督导检查"),
            s(">=4次"),
            s("计划标准"),
            s("30"),
            s("=4次"),
            s("30"),
        ],
    ];
    table(t, &rows);
}

/// One 项目支出绩效自评表; returns the injected error if `broken`.
fn project_table(
    t: &mut String,
    name: &str,
    y: i32,
    pr: &(String, i64, i64, i64),
    broken: bool,
    rng: &mut Rng,
) -> Option<Injected> {
    let (pname, initial, full, executed) = pr;
    let exec_rate = rate(*executed, *full);
    // 得分 = 10 × 执行率, to two decimals (exec_rate is in hundredths of a percent).
    let funds_score = (exec_rate * 10 + 50) / 100;
    let mut funds_score_str = amount(funds_score);
    let mut injected = None;
    if broken {
        let wrong = funds_score - 150;
        funds_score_str = amount(wrong);
        injected = Some(Injected {
            family: "perf",
            change: format!(
                "{pname} 年度资金总额 得分 printed {} instead of {}",
                amount(wrong),
                amount(funds_score)
            ),
            expected_rule: "perf",
        });
    }
    let satisfaction = rng.range(90, 99);
    let count = rng.range(2, 12);
    let header = [
        "",
        "一级指标",
        "二级指标",
        "三级指标",
        "权重",
        "目标值",
        "业绩值",
        "完成率",
        "指标得分",
        "指标值设定依据",
        "上年完成情况",
        "赋分规则",
        "佐证资料",
        "偏差原因分析及改进措施",
    ];
    let ind = |first: &str, l2: &str, l3: &str, w: &str, target: &str, actual: &str| {
        vec![
            s(first),
            s(""),
            s(l2),
            s(l3),
            s(w),
            s(target),
            s(actual),
            s("100%"),
            s(w),
            s("计划标准"),
            s("/"),
            s("按照完成比例赋分"),
            s("工作资料"),
            s(""),
        ]
    };
    let mut first = ind(
        "年度绩效指标完成情况",
        "数量指标",
        "开展工作次数",
        "20",
        &format!(">={count}次"),
        &format!("={count}次"),
    );
    first[1] = s("产出指标");
    let total_score = funds_score + 9000;
    let rows = vec![
        vec![s("项目支出绩效自评表")],
        vec![format!("({y}年度)")],
        vec![s("项目名称"), format!("{y}年{pname}")],
        vec![s("主管部门"), name.to_string(), s("实施单位"), name.to_string()],
        vec![
            s("项目资金（万元）"),
            s(""),
            s("年初预算数"),
            s("全年预算数"),
            s("全年执行数"),
            s("分值"),
            s("执行率"),
            s("得分"),
        ],
        vec![
            s(""),
            s("年度资金总额"),
            amount(*initial),
            amount(*full),
            amount(*executed),
            s("10"),
            pct(exec_rate),
            funds_score_str,
        ],
        vec![
            s(""),
            s("其中：当年财政拨款"),
            amount(*initial),
            amount(*full),
            amount(*executed),
            s("—"),
            s("—"),
            s("—"),
        ],
        vec![
            s(""),
            s("  其他资金"),
            s("0.00"),
            s("0.00"),
            s("0.00"),
            s("—"),
            s("—"),
            s("—"),
        ],
        vec![s("年度总体目标"), s("预期目标"), s("实际完成情况")],
        vec![
            s(""),
            format!("{y}年该项目计划开展工作{count}次，服务对象满意度达到90%以上。"),
            format!(
                "截止{y}年12月31日，该项目实际开展工作{count}次，支出{}万元，服务对象满意度{satisfaction}%。",
                amount(*executed)
            ),
        ],
        header.iter().map(|x| s(x)).collect(),
        first,
        ind(
            "",
            "质量指标",
            "验收合格率",
            "20",
            "=100%",
            "=100%",
        ),
        ind(
            "",
            "时效指标",
            "完成时间",
            "10",
            &format!("={y}年12月31日"),
            &format!("={y}年12月20日"),
        ),
        ind(
            "",
            "成本指标",
            "项目成本",
            "10",
            &format!("<={}万元", amount(*full)),
            &format!("={}万元", amount(*executed)),
        ),
        ind(
            "",
            "社会效益指标",
            "服务能力持续提升",
            "20",
            "逐步提升",
            "达到预期指标",
        ),
        ind(
            "",
            "满意度指标",
            "服务对象满意度",
            "10",
            ">=90%",
            &format!("={satisfaction}%"),
        ),
        vec![
            s("总分"),
            s("100"),
            s(""),
            s(""),
            s(""),
            format!("{}分", amount(total_score)),
            s(""),
            s(""),
            s(""),
            s(""),
            s(""),
        ],
    ];
    table(t, &rows);
    injected
}

/// Generates `count` documents: departments 0.. with every year, in a fixed order, stopping
/// at `count`. Calls `sink` for each (so a caller can write 10,000 documents without holding
/// them).
pub fn generate(count: usize, opts: &SynthOptions, mut sink: impl FnMut(SynthDoc)) {
    let mut made = 0;
    let mut dept = 0;
    while made < count {
        for doc in department_docs(dept, opts) {
            if made == count {
                return;
            }
            sink(doc);
            made += 1;
        }
        dept += 1;
    }
}

/// The text as GBK bytes (every character the generator writes is in GBK).
pub fn to_gbk(text: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    bytes.into_owned()
}
