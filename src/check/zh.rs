//! The Chinese of the English texts the extraction and the rules record for machines: the
//! reasons a statement could not be checked (the coverage keys, `reasons` in the JSON) and
//! the notes the readers attach to a statement they are unsure of (`unsure`). Both stay
//! English in the JSON, where they are stable keys; under `--lang zh` the messages and the
//! text report show them through [`reason`] and [`detail`], so no English sentence reaches a
//! Chinese reader. A text neither knows is shown as it is (a test holds every one the code
//! writes to a Chinese form).

use regex::Regex;
use std::sync::OnceLock;

/// The Chinese of a coverage reason (`reasons` key); an unknown one as it is.
pub fn reason(key: &str) -> &str {
    match key {
        "all shares zero" => "各项占比均为零",
        "base zero" => "基数为零",
        "blank cell" => "单元格为空",
        "budget may be zero" => "预算数可能为零",
        "budget or actual missing" => "缺少预算数或决算数",
        "costs or total missing" => "缺少成本指标或全年执行数",
        "count or list missing" => "缺少所述数量或列举项",
        "counts missing" => "缺少数量",
        "date target" => "时间指标",
        "denominator may be zero" => "分母可能为零",
        "direction unknown" => "增减方向不明",
        "facts missing" => "缺少数值",
        "fewer than two shares" => "占比少于两项",
        "identities failed to load" => "恒等关系未能加载",
        "no base" => "未识别出基数",
        "no cell holds the text's figure" => "没有单元格列示文字所述数值",
        "no change amount" => "未给出增减额",
        "no completion rate" => "未列完成率",
        "no current value" => "未识别出本年数",
        "no parts" => "未识别出分项",
        "no total" => "未识别出合计数",
        "overflow" | "number out of range" | "sum out of range" => "数值超出范围",
        "part not found" => "未找到分项",
        "part or rate missing" => "缺少分项或占比",
        "prior may be zero" => "上年数可能为零",
        "scope of the total uncertain" => "合计数的口径不确定",
        "scores or total missing" => "缺少得分或总分",
        "target and actual not comparable" => "目标值与实际值无法比较",
        "target or actual missing" => "缺少目标值或实际值",
        "target or actual not numeric" => "目标值或实际值不是数值",
        "target zero" => "目标值为零",
        "uncertain binding" => "数值对应关系不确定",
        "uncertain structure" => "表格结构不确定",
        "units differ" => "单位不一致",
        "unnamed row" => "行无名称",
        "unreadable cell" => "单元格无法读成一个数",
        "weight or score missing" => "缺少权重或得分",
        "weights or total missing" => "缺少权重或合计",
        "formula refers to another sheet" => "公式引用其他工作表",
        "formula refers past the sheet's last column" => {
            "公式引用超出工作表最后一列，读取器未能正确还原"
        }
        "cached value is not a number" => "所存结果不是数值",
        "formula adds a text or error cell" => "公式引用文本或错误值单元格",
        "too many cells to recompute" => "需重算的单元格过多",
        r if r.starts_with("formula of another shape") => {
            "仅重算 SUM 及单元格加减，其他形式的公式不核对"
        }
        r => r,
    }
}

/// The Chinese name of a coverage family (`by_kind` key), shown after the key.
pub fn family(key: &str) -> Option<&'static str> {
    Some(match key {
        "sum" => "合计与分项",
        "share" => "占比",
        "share_family" => "同一基数的占比",
        "yoy" => "增减变动",
        "variance" => "预决算差异",
        "list_count" => "列举项数",
        "restated" => "重复出现的数值",
        "identity" => "恒等关系",
        "funds_sum" => "资金行之和",
        "execution_rate" => "执行率",
        "funds_score" => "资金得分",
        "weight_sum" => "权重合计",
        "score_sum" => "得分合计",
        "score_cap" => "得分不超过权重",
        "indicator_score" => "按完成比例赋分",
        "completion" => "完成率",
        "missed_target" => "未达目标却满分",
        "cost_sum" => "成本指标",
        "narrative_count" => "文字与指标表数量",
        "column_sum" => "公开表列合计",
        "row_sum" => "公开表行合计",
        "balance" => "公开表收支平衡",
        "cross" => "公开表之间",
        "text" => "文字与公开表",
        "text_share" => "文字占比与公开表",
        "defect" => "文字缺陷",
        "workbook" => "工作簿公式",
        _ => return None,
    })
}

/// One English note with its Chinese form: `{n}` in `zh` takes the n-th capture, itself
/// passed through [`detail`] when it is the note's own tail (`{d1}`).
struct Rule {
    en: Regex,
    zh: &'static str,
}

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        [
            (
                r"^其中 opens a sentence after several figures; which one it breaks down is not certain$",
                "“其中”出现在一句中的几个数之后，不能确定它分解的是哪一个",
            ),
            (
                r"^主要用于 names the main parts; parts that fall short of the total may leave the rest out$",
                "“主要用于”列举的是主要部分，分项之和小于合计数时可能还有未列出的部分",
            ),
            (
                r"^the parts were read over paragraph breaks; whether the list is complete is not certain$",
                "分项跨段读取，不能确定所列是否完整",
            ),
            (
                r"^the figure the change is about is named as the prior year's; which figure is this year's is not certain$",
                "增减所针对的数被称作上年数，不能确定哪个是本年数",
            ),
            (
                r"^rows without a classification code among coded rows$",
                "有科目编码的行之间夹有无编码的行",
            ),
            (
                r"^more than one total column among the same headers$",
                "同一表头下有不止一个合计栏",
            ),
            (
                r"^the column (.+) has no figure to add for the total$",
                "{1}栏没有可计入合计的数",
            ),
            (
                r"^classes (.+) belong to neither 人员经费 nor 公用经费 in the linkbase$",
                "类{1}在关系定义中既不属于人员经费，也不属于公用经费",
            ),
            (
                r"^no cell of the rows named  holds this figure \(nearest: (.+)\); which table and column the text means is not certain$",
                "所指的行中没有单元格列示此数（最接近的是{1}），不能确定文字所指的表和栏",
            ),
            (
                r"^no cell of the rows named (.*) holds this figure \(nearest: (.+)\); which table and column the text means is not certain$",
                "名为{1}的行中没有单元格列示此数（最接近的是{2}），不能确定文字所指的表和栏",
            ),
            (
                r"^neither this figure nor the item's heading figure \((.+)\) is the table's \((.+)\)$",
                "此数和条目标题所列的数（{1}）都不是表中所列的数（{2}）",
            ),
            (
                r"^the tables print several figures named (.+) \((.+)\); which is the base is not certain$",
                "表中列有几个名为{1}的数（{2}），不能确定哪个是基数",
            ),
            (r"^a row with figures but no name$", "有数值而无名称的行"),
            (
                r"^the classification code is printed as (.+)$",
                "科目编码印作{1}",
            ),
            (r"^(.+) is not one number$", "{1}不是一个数"),
            (r"^(.+) is blank$", "{1}为空"),
            (r"^(《[^》]*》[^:]*): (.+)$", "{1}：{d2}"),
        ]
        .into_iter()
        .filter_map(|(en, zh)| Regex::new(en).ok().map(|en| Rule { en, zh }))
        .collect()
    })
}

/// The Chinese of a reader's note on a statement (`unsure`); an unknown one as it is.
pub fn detail(en: &str) -> String {
    for r in rules() {
        let Some(c) = r.en.captures(en) else {
            continue;
        };
        let mut out = r.zh.to_string();
        for i in 1..c.len() {
            let g = c.get(i).map_or("", |m| m.as_str());
            out = out
                .replace(&format!("{{d{i}}}"), &detail(g))
                .replace(&format!("{{{i}}}"), &unit_spacing(g));
        }
        return out;
    }
    en.to_string()
}

/// A relation between the text and a table as the rules describe it (`detail` of a
/// table.text statement: "基本支出 = budget.basic!基本支出@合计", "… (restating X 12.00) = …")
/// with the table kinds by their Chinese names (《一般公共预算基本支出预算表》; the built-in
/// kinds, an id they do not know as it is) and no English word.
pub fn relation(what: &str) -> String {
    static KIND: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = KIND
        .get_or_init(|| Regex::new(r"\b((?:final|budget)\.[a-z_0-9]+)!").ok())
        .as_ref()
    else {
        return what.to_string();
    };
    let kinds = crate::extract::standard::vocab::builtin().ok();
    let named = re.replace_all(what, |c: &regex::Captures| {
        let id = c.get(1).map_or("", |m| m.as_str());
        match kinds.and_then(|k| k.kind(id)) {
            Some(k) => format!("《{}》", k.name),
            None => format!("{id}!"),
        }
    });
    named
        .replace(" (restating ", "（重述")
        .replace(") = ", "）= ")
}

/// "352.67 万元" → "352.67万元": a figure and its unit as Chinese prints them.
fn unit_spacing(s: &str) -> String {
    s.replace(" 万元", "万元")
        .replace(" 元", "元")
        .replace(" 亿元", "亿元")
        .replace(" 千元", "千元")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a text holds a word of ASCII letters (rule ids and formula names aside).
    fn has_english(s: &str) -> bool {
        s.split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 2 && w != "SUM")
    }

    // Every note the readers write (one example of each format string in src/extract) has a
    // Chinese form without English words.
    #[test]
    fn every_note_has_a_chinese_form() {
        let notes = [
            "其中 opens a sentence after several figures; which one it breaks down is not certain",
            "the figure the change is about is named as the prior year's; which figure is this year's is not certain",
            "the parts were read over paragraph breaks; whether the list is complete is not certain",
            "主要用于 names the main parts; parts that fall short of the total may leave the rest out",
            "rows without a classification code among coded rows",
            "more than one total column among the same headers",
            "the column 基本支出 has no figure to add for the total",
            "classes 309, 310 belong to neither 人员经费 nor 公用经费 in the linkbase",
            "no cell of the rows named 基本支出 holds this figure (nearest: 12.50 万元); which table and column the text means is not certain",
            "no cell of the rows named  holds this figure (nearest: 12 元); which table and column the text means is not certain",
            "neither this figure nor the item's heading figure (352.67 万元) is the table's (3526700 元)",
            "the tables print several figures named 三公经费 (1.5, 2 万元); which is the base is not certain",
            "a row with figures but no name",
            "the classification code is printed as 201 01",
            "《收支预算总表》结转下年资金/支出/金额 is not one number",
            "《收支预算总表》二、事业收入/本年收入/预算数 is blank",
            "《收入决算表》合计/金额: a row with figures but no name",
        ];
        for n in notes {
            let zh = detail(n);
            assert!(!has_english(&zh), "{n} → {zh}");
        }
        assert_eq!(
            detail("no cell of the rows named  holds this figure (nearest: 12 元); which table and column the text means is not certain"),
            "所指的行中没有单元格列示此数（最接近的是12元），不能确定文字所指的表和栏"
        );
        assert_eq!(
            detail("《收入决算表》合计/金额: a row with figures but no name"),
            "《收入决算表》合计/金额：有数值而无名称的行"
        );
        assert_eq!(
            detail("no cell of the rows named 基本支出 holds this figure (nearest: 12.50 万元); which table and column the text means is not certain"),
            "名为基本支出的行中没有单元格列示此数（最接近的是12.50万元），不能确定文字所指的表和栏"
        );
    }

    // A relation names its tables by their Chinese names.
    #[test]
    fn relations_name_tables_in_chinese() {
        assert_eq!(
            relation("预算安排 (restating 住房公积金（项） 350.35) = budget.income!住房公积金@收入预算/合计"),
            "预算安排（重述住房公积金（项） 350.35）= 《收入预算总表》住房公积金@收入预算/合计"
        );
        assert!(!has_english(&relation(
            "基本支出 = final.expenditure!基本支出@合计"
        )));
    }

    // Every coverage reason the rules record has a Chinese form.
    #[test]
    fn every_reason_has_a_chinese_form() {
        for key in [
            "all shares zero",
            "base zero",
            "blank cell",
            "budget may be zero",
            "budget or actual missing",
            "costs or total missing",
            "count or list missing",
            "counts missing",
            "date target",
            "denominator may be zero",
            "direction unknown",
            "facts missing",
            "fewer than two shares",
            "identities failed to load",
            "no base",
            "no cell holds the text's figure",
            "no change amount",
            "no completion rate",
            "no current value",
            "no parts",
            "no total",
            "overflow",
            "part not found",
            "part or rate missing",
            "prior may be zero",
            "scope of the total uncertain",
            "scores or total missing",
            "target and actual not comparable",
            "target or actual missing",
            "target or actual not numeric",
            "target zero",
            "uncertain binding",
            "uncertain structure",
            "units differ",
            "unnamed row",
            "unreadable cell",
            "weight or score missing",
            "weights or total missing",
            "formula refers to another sheet",
            "formula refers past the sheet's last column",
            "cached value is not a number",
            "formula adds a text or error cell",
            "number out of range",
            "sum out of range",
            "too many cells to recompute",
            "formula of another shape (IF)",
        ] {
            assert!(!has_english(reason(key)), "{key}");
        }
    }
}
