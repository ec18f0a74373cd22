//! The rule catalogue: every rule id with its family, the severities it can emit and a
//! one-line description in Chinese and English (`crossfoot rules`). Identity rules come from
//! patterns/identities.toml and are appended by [`rules`].

use super::Lang;

/// One rule's description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable rule id (`sum.total`).
    pub id: String,
    /// Severities the rule can emit ("info–error").
    pub severities: &'static str,
    /// Chinese description.
    pub zh: String,
    /// English description.
    pub en: String,
}

impl RuleInfo {
    /// The severities in `lang` ("info–error"; 提示–错误).
    pub fn severities_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.severities.to_string(),
            Lang::Zh => self
                .severities
                .replace("info", "提示")
                .replace("warning", "警告")
                .replace("error", "错误"),
        }
    }

    /// The description in `lang`.
    pub fn describe(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Built-in rules: (id, severities, zh, en).
pub const RULES: &[(&str, &str, &str, &str)] = &[
    ("sum.total", "info–error", "合计数等于所列分项之和（区间算术）", "a stated total equals the sum of its listed parts (interval arithmetic)"),
    ("share.rate", "info–error", "占比 = 分项 ÷ 基数 × 100", "a share equals part / base × 100"),
    ("share.family", "info–error", "同一基数下的各项占比合计为100%", "shares of one base add up to 100%"),
    ("yoy.rate", "info–error", "增长率 = 增减额 ÷ 上年数 × 100，上年数 = 本年数 − 增减额", "growth rate = change / prior × 100, where prior = current − change"),
    ("yoy.prior", "info–error", "推算的上年数与所述上年数一致且不为负", "the implied prior-year value matches a stated one and is not negative"),
    ("yoy.direction", "warning–error", "增减方向用语与增减额、增长率的符号一致", "direction words agree with the signs of the change and the rate"),
    ("variance.rate", "info–error", "预决算差异率 = |决算数 − 预算数| ÷ 预算数 × 100（“完成预算X%” = 决算 ÷ 预算）", "budget variance = |actual − budget| / budget × 100 (\"完成预算X%\" = actual / budget)"),
    ("variance.direction", "warning", "超支/节约用语与决算数、预算数的大小关系一致", "over/under-spending words agree with actual vs budget"),
    ("listcount.items", "error", "“下设N个…”与随后列举的项数一致", "a stated count matches the number of items listed after it"),
    ("restated.value", "warning–error", "同一概念在文中多次出现时数值一致", "the same concept stated twice in a document has the same value"),
    ("perf.funds_sum", "info–error", "绩效自评表：“其中”各资金行之和等于年度资金总额（逐列）", "performance table: funds rows add up to the total, per column"),
    ("perf.execution_rate", "info–error", "绩效自评表：执行率 = 全年执行数 ÷ 全年预算数", "performance table: execution rate = executed / full-year budget"),
    ("perf.funds_score", "info–error", "绩效自评表：资金得分 = 分值 × 执行率（按表中所印执行率）", "performance table: funds score = weight × printed execution rate"),
    ("perf.weight_sum", "info–error", "绩效自评表：指标权重合计等于规定值（如90，连资金分值共100）", "performance table: indicator weights add up to the expected total (e.g. 90, 100 with funds)"),
    ("perf.score_sum", "info–error", "绩效自评表：各指标得分与资金得分之和等于总分", "performance table: indicator scores plus the funds score equal the total score"),
    ("perf.score_cap", "error", "绩效自评表：指标得分不超过其权重", "performance table: a score never exceeds its weight"),
    ("perf.completion", "info–error", "绩效自评表：完成率 = 业绩值 ÷ 目标值（“≤”成本指标两种读法均可，超过100%须与比值一致或封顶为100%）", "performance table: completion = actual / target (either reading for \"≤\" cost targets; capped at 100% or equal to the ratio)"),
    ("perf.missed_target", "warning", "绩效自评表：未达目标（逾期、低于“≥”目标、超过“≤”目标）却给满分", "performance table: full score although the target was missed (late, below a \"≥\" target, above a \"≤\" target)"),
    ("perf.indicator_score", "warning", "绩效自评表：赋分规则为“按照完成比例赋分”且完成率不超过100%时，得分 = 权重 × 完成率", "performance table: under \"按照完成比例赋分\" and a completion of at most 100%, score = weight × completion"),
    ("perf.cost_sum", "info–error", "绩效自评表：成本指标之和与全年执行数相符（少于执行数为警告，超过为错误）", "performance table: cost indicators reconcile with the executed amount (short: warning; exceeding: error)"),
    ("table.column_sum", "info–error", "公开表：合计/小计等于其下各行之和（合计 = Σ类，类 = Σ款，款 = Σ项；本年收入合计 = Σ各项收入；总计 = 本年合计 + 结转结余）", "standard table: a total equals the sum of the rows it stands for (合计 = Σ 类, 类 = Σ 款, 款 = Σ 项; named totals of their lines)"),
    ("table.row_sum", "info–error", "公开表：合计列等于同级各列之和（本年收入合计 = 财政拨款收入 + …；三公合计 = 出国 + 车 + 接待），及年末结转和结余 = 年初 + 收入 − 支出", "standard table: a total column equals the sum of its sibling columns, and 年末 = 年初 + 收入 − 支出"),
    ("table.balance", "info–error", "公开表：收入总计 = 支出总计（同表左右两栏）", "standard table: total income equals total expenditure across the panels of one table"),
    ("table.cross", "info–error", "公开表之间：同一口径的同一数字在两张表中一致（如收支总表本年收入合计 = 收入决算表合计）", "across standard tables: the same figure of the same scope agrees in two tables"),
    ("text.residue", "warning", "文字：模板残留（增加（减少）、增长（降低）等两可用语未删；（增加内容）等编辑批注；（按“…表”中…填写）等填写说明；表有数字或所指资金与表不符的空表说明）；本身即模板（印有XX万元等占位符）的文件不报", "wording: template residue (both directions left in, 增加（减少）; editing notes such as （增加内容）; drafting instructions （按“…表”中…填写）; a 空表说明 under a table that prints figures or is about other funds); not reported in a document that is itself a template (XX万元 placeholders)"),
    ("text.year", "warning", "文字：计划用语所指年份早于文件年度（2025年预算中“拟从2020年起”：沿用旧文）；金额标签所标年份既非文件年度，也非本段所比较的年份（2024年决算中“2022年度收入总计”；“与2023年度相比”、上年及上年的决算数、预算执行数不算）", "wording: a plan dated before the document's year (拟从2020年起 in a 2025 budget: text carried over); an amount whose label is dated neither the document's year nor a year its paragraph compares with (2022年度收入总计 in a 2024 决算; 与2023年度相比, 上年 and the prior year's 决算数 or 预算执行数 are not)"),
    ("text.scope", "warning", "文字：单位公开文件以“部门”自称（本部门、我部门、“部门职责”等标题）；部门预算、部门决算等制度名称不算，部门公开文件中的“本单位”亦不算", "wording: a 单位 disclosure speaks of itself as a 部门 (本部门, 我部门, headings such as 部门职责); the system's names 部门预算 / 部门决算 are not, nor 本单位 in a 部门 disclosure"),
    ("text.cut", "warning", "文字：句子不完整（“主要原因是。”）", "wording: a sentence cut off (主要原因是。)"),
    ("text.punct", "warning", "文字：句末标点重复（。。）", "wording: doubled sentence-end punctuation (。。)"),
    ("table.text", "info–error", "情况说明所述金额见于其所指公开表行（同名行或同一概念的行）的某一单元格；哪一单元格都不相符时为无法核对（文字所指的表与栏不确定）。为错误的情形：与唯一相近单元格仅末位数字不同；条目标题数字与单元格相符而本年数重述不符；引导语写明资金范围（如“财政拨款支出主要内容如下：”）的编号项目数字与该范围单元格不符（若为他行之数，如款的合计写在项名下，则为警告）", "a figure of the text is found in a cell of the table rows it names (same name or same concept); when no cell agrees it is not checkable (which table and column the text means is uncertain). An error when it differs only in its last digits from the one near cell; when an item's heading figure agrees with the cell and its restated this-year figure does not; or when a numbered 项 item under a lead-in naming its fund scope (财政拨款支出主要内容如下：) disagrees with that scope's cell (a warning when it is another row's figure, such as the 款 total under a 项 name)"),
    ("workbook.formula", "info–warning", "工作簿：公式（SUM 或单元格加减）所存结果与按其引用单元格重算的结果一致（按各单元格显示精度）；其他形式的公式为无法核对", "workbook: a formula's cached value (SUM, or cells added and subtracted) agrees with its recomputation from the cells it refers to, at their printed precision; formulas of other shapes are not checkable"),
    ("perf.narrative_count", "warning", "绩效自评表：目标/完成情况文字中的数量与指标表一致", "performance table: counts in the goal/achievement text agree with the indicator rows"),
];

/// Every rule: built-ins, then the identities from patterns/identities.toml.
pub fn rules() -> Vec<RuleInfo> {
    let mut out: Vec<RuleInfo> = RULES
        .iter()
        .map(|(id, sev, zh, en)| RuleInfo {
            id: id.to_string(),
            severities: sev,
            zh: zh.to_string(),
            en: en.to_string(),
        })
        .collect();
    if let Ok(ids) = super::identity::builtin() {
        for i in &ids.identity {
            out.push(RuleInfo {
                id: format!("identity.{}", i.id),
                severities: "info–error",
                zh: i.zh.clone(),
                en: i.en.clone(),
            });
        }
    }
    // The cross-document rule of corpus mode (src/corpus/crossdoc.rs).
    out.push(RuleInfo {
        id: crate::corpus::crossdoc::RULE.to_string(),
        severities: "warning–error",
        zh: "跨文件：由本年增减额推算的上年数，与同一部门上年公开文件所列数字一致".to_string(),
        en: "across documents: the prior-year figure implied by this year's change agrees with last year's disclosure of the same department".to_string(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule ids are unique and every family the brief names is present.
    #[test]
    fn catalogue_is_complete() {
        let r = rules();
        let mut ids: Vec<&str> = r.iter().map(|x| x.id.as_str()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
        for want in [
            "sum.total",
            "yoy.rate",
            "perf.narrative_count",
            "identity.fiscal_by_fund",
        ] {
            assert!(ids.contains(&want), "{want}");
        }
    }
}
