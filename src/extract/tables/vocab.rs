//! The table vocabulary (patterns/tables.toml): header names and row labels of 绩效自评表 and
//! generic tables, compiled into the binary and parsed once.
//!
//! Header matching is exact after [`norm_header`] so that "得分" and "指标得分" stay
//! distinct; variants are listed in the data file rather than matched by looser rules.

use crate::number::normalize;
use serde::Deserialize;
use std::sync::OnceLock;

/// The data file, compiled in.
const SOURCE: &str = include_str!("../../../patterns/tables.toml");

/// Title words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Titles {
    pub marker: String,
    pub unit: Vec<String>,
}

/// Name rows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Names {
    pub project: Vec<String>,
    pub unit: Vec<String>,
    pub info: Vec<String>,
}

/// The 年度总体目标 block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Goal {
    pub row: Vec<String>,
    pub expected: Vec<String>,
    pub achieved: Vec<String>,
}

/// Funds columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FundsColumns {
    pub label: Vec<String>,
    pub budget_initial: Vec<String>,
    pub budget_full: Vec<String>,
    pub executed: Vec<String>,
    pub weight: Vec<String>,
    pub rate: Vec<String>,
    pub score: Vec<String>,
}

/// Funds section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Funds {
    pub sections: Vec<String>,
    pub total_rows: Vec<String>,
    /// Prefixes of the rows that are parts (其中), as printed (not normalised).
    pub of_which: Vec<String>,
    pub columns: FundsColumns,
}

/// Indicator columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndicatorColumns {
    pub level1: Vec<String>,
    pub level2: Vec<String>,
    pub level3: Vec<String>,
    pub weight: Vec<String>,
    pub target: Vec<String>,
    pub actual: Vec<String>,
    pub completion: Vec<String>,
    pub score: Vec<String>,
    pub other: Vec<String>,
}

/// Indicator section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Indicators {
    pub total_rows: Vec<String>,
    pub cost: Vec<String>,
    pub rule_columns: Vec<String>,
    pub proportional_rules: Vec<String>,
    pub markers: Vec<String>,
    pub columns: IndicatorColumns,
}

/// Words by the relation they state (`[quantities.comparators]`, `unit_suffixes`,
/// `date_suffixes`); a relation not listed has no words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Comparators {
    /// At least ("≥", 不低于).
    pub ge: Vec<String>,
    /// More than (">", 大于).
    pub gt: Vec<String>,
    /// At most ("≤", 不超过, 不大于).
    pub le: Vec<String>,
    /// Less than ("<", 小于).
    pub lt: Vec<String>,
    /// Equal ("=", 等于).
    pub eq: Vec<String>,
    /// Read as comparators but stating no checkable relation ("≠", 约).
    pub none: Vec<String>,
}

/// The relation a comparator states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// ≥
    Ge,
    /// >
    Gt,
    /// ≤
    Le,
    /// <
    Lt,
    /// =
    Eq,
    /// No relation a rule can check.
    None,
}

impl Comparators {
    /// Every word with its relation, width-normalised, longest first (ties in file order),
    /// so the first that starts (or ends) a text is the longest one.
    pub fn by_length(&self) -> Vec<(String, Relation)> {
        let mut out: Vec<(String, Relation)> = [
            (&self.ge, Relation::Ge),
            (&self.gt, Relation::Gt),
            (&self.le, Relation::Le),
            (&self.lt, Relation::Lt),
            (&self.eq, Relation::Eq),
            (&self.none, Relation::None),
        ]
        .into_iter()
        .flat_map(|(list, r)| list.iter().map(move |w| (normalize(w), r)))
        .filter(|(w, _)| !w.is_empty())
        .collect();
        out.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        out
    }
}

/// Quantity syntax inside cells.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Quantities {
    pub comparators: Comparators,
    pub unit_suffixes: Comparators,
    pub date_suffixes: Comparators,
    pub narrative_count_units: Vec<String>,
}

/// Generic tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Generic {
    pub non_value_headers: Vec<String>,
    pub skip_rows: Vec<String>,
}

/// The whole vocabulary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Vocab {
    pub titles: Titles,
    pub names: Names,
    pub goal: Goal,
    pub funds: Funds,
    pub indicators: Indicators,
    pub quantities: Quantities,
    pub generic: Generic,
    /// The `[quantities]` word lists by length, filled at load.
    #[serde(skip)]
    pub words: QuantityWords,
}

/// The words the performance rules read in cells: those around a quantity, each with its
/// relation, longest first ([`Comparators::by_length`]) and read alike by the cell reader,
/// and the words of a stated scoring rule.
#[derive(Debug, Clone, Default)]
pub struct QuantityWords {
    /// Before the number (">=", 不大于 …).
    pub comparators: Vec<(String, Relation)>,
    /// After the number (以上, 以内 …).
    pub unit_suffixes: Vec<(String, Relation)>,
    /// After a date (前, 内完成 …).
    pub date_suffixes: Vec<(String, Relation)>,
    /// Headers (contained) of the column that states a scoring rule (赋分规则).
    pub rule_columns: Vec<String>,
    /// Rules (contained) that score in proportion to completion (按照完成比例赋分).
    pub proportional_rules: Vec<String>,
}

/// A funds column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FundsField {
    Label,
    BudgetInitial,
    BudgetFull,
    Executed,
    Weight,
    Rate,
    Score,
}

/// An indicator column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IndField {
    Level1,
    Level2,
    Level3,
    Weight,
    Target,
    Actual,
    Completion,
    Score,
    /// A column kept in `other` by its header.
    Other,
}

/// Normalises a header for matching: width-normalised, whitespace removed, trailing
/// parentheticals and a trailing colon removed.
pub(crate) fn norm_header(text: &str) -> String {
    let mut s: String = normalize(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    loop {
        let trimmed = s.trim_end_matches([':', '：']);
        if trimmed.len() != s.len() {
            s = trimmed.to_string();
        }
        if s.ends_with(')') {
            match s.rfind('(') {
                Some(i) if i > 0 => s.truncate(i),
                _ => break,
            }
        } else {
            break;
        }
    }
    s
}

/// Longest header or row label the vocabulary matches, in bytes: longer cells are prose and
/// are not normalised again and again.
pub(crate) const MAX_HEADER_BYTES: usize = 120;

/// Longest cell read as a 绩效自评表 title, in bytes.
pub(crate) const MAX_TITLE_BYTES: usize = 200;

/// True when `list` (already normalised at load) holds the normalised `text`.
pub(crate) fn is_one_of(list: &[String], text: &str) -> bool {
    if text.len() > MAX_HEADER_BYTES {
        return false;
    }
    in_list(list, &norm_header(text))
}

/// True when `list` holds `norm`, a header already normalised (never the empty string).
pub(crate) fn in_list(list: &[String], norm: &str) -> bool {
    !norm.is_empty() && list.iter().any(|w| w == norm)
}

/// Normalises every entry of a list in place.
fn norm_all(list: &mut [String]) {
    for w in list {
        *w = norm_header(w);
    }
}

impl Vocab {
    /// Parses the vocabulary from TOML text; the error names the file and the position.
    pub(crate) fn parse(source: &str) -> Result<Vocab, String> {
        let v: Vocab = toml::from_str(source).map_err(|e| format!("patterns/tables.toml: {e}"))?;
        Ok(v.normalised())
    }

    /// Reads the vocabulary from a loaded pattern file's top-level keys (a tables.toml given
    /// with `--patterns DIR`).
    pub(crate) fn from_table(table: toml::Table) -> Result<Vocab, String> {
        let v: Vocab = toml::Value::Table(table)
            .try_into()
            .map_err(|e| format!("tables.toml: {e}"))?;
        Ok(v.normalised())
    }

    /// Every header list normalised once, so matching compares plain strings.
    fn normalised(mut self) -> Vocab {
        let v = &mut self;
        v.words = QuantityWords {
            comparators: v.quantities.comparators.by_length(),
            unit_suffixes: v.quantities.unit_suffixes.by_length(),
            date_suffixes: v.quantities.date_suffixes.by_length(),
            rule_columns: v.indicators.rule_columns.clone(),
            proportional_rules: v.indicators.proportional_rules.clone(),
        };
        v.titles.marker = norm_header(&v.titles.marker);
        norm_all(&mut v.titles.unit);
        for list in [
            &mut v.names.project,
            &mut v.names.unit,
            &mut v.names.info,
            &mut v.goal.row,
            &mut v.goal.expected,
            &mut v.goal.achieved,
            &mut v.funds.sections,
            &mut v.funds.total_rows,
            &mut v.indicators.total_rows,
            &mut v.indicators.cost,
        ] {
            norm_all(list);
        }
        let c = &mut v.funds.columns;
        for list in [
            &mut c.label,
            &mut c.budget_initial,
            &mut c.budget_full,
            &mut c.executed,
            &mut c.weight,
            &mut c.rate,
            &mut c.score,
        ] {
            norm_all(list);
        }
        let c = &mut v.indicators.columns;
        for list in [
            &mut c.level1,
            &mut c.level2,
            &mut c.level3,
            &mut c.weight,
            &mut c.target,
            &mut c.actual,
            &mut c.completion,
            &mut c.score,
            &mut c.other,
        ] {
            norm_all(list);
        }
        self
    }

    /// The funds column an already normalised header names.
    pub(crate) fn funds_field_norm(&self, norm: &str) -> Option<FundsField> {
        let c = &self.funds.columns;
        let table: [(&[String], FundsField); 7] = [
            (&c.label, FundsField::Label),
            (&c.budget_initial, FundsField::BudgetInitial),
            (&c.budget_full, FundsField::BudgetFull),
            (&c.executed, FundsField::Executed),
            (&c.weight, FundsField::Weight),
            (&c.rate, FundsField::Rate),
            (&c.score, FundsField::Score),
        ];
        table
            .iter()
            .find(|(list, _)| in_list(list, norm))
            .map(|(_, f)| *f)
    }

    /// The indicator column an already normalised header names.
    pub(crate) fn ind_field_norm(&self, norm: &str) -> Option<IndField> {
        let c = &self.indicators.columns;
        let table: [(&[String], IndField); 9] = [
            (&c.level1, IndField::Level1),
            (&c.level2, IndField::Level2),
            (&c.level3, IndField::Level3),
            (&c.weight, IndField::Weight),
            (&c.target, IndField::Target),
            (&c.actual, IndField::Actual),
            (&c.completion, IndField::Completion),
            (&c.score, IndField::Score),
            (&c.other, IndField::Other),
        ];
        table
            .iter()
            .find(|(list, _)| in_list(list, norm))
            .map(|(_, f)| *f)
    }
}

/// The built-in vocabulary, parsed once.
pub(crate) fn builtin() -> Result<&'static Vocab, &'static str> {
    static VOCAB: OnceLock<Result<Vocab, String>> = OnceLock::new();
    VOCAB
        .get_or_init(|| Vocab::parse(SOURCE))
        .as_ref()
        .map_err(|e| e.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The compiled-in vocabulary parses.
    #[test]
    fn builtin_vocabulary_loads() {
        let v = builtin().expect("tables.toml parses");
        assert_eq!(v.titles.marker, "绩效自评表");
        for (header, field) in [
            ("全年执行数", FundsField::Executed),
            ("执行率（B/A）", FundsField::Rate),
        ] {
            assert_eq!(
                v.funds_field_norm(&norm_header(header)),
                Some(field),
                "{header}"
            );
        }
        for (header, field) in [
            ("指标得分", IndField::Score),
            ("预期指标值", IndField::Target),
            ("上年完成情况", IndField::Other),
            ("指标值设定依据", IndField::Other),
        ] {
            assert_eq!(
                v.ind_field_norm(&norm_header(header)),
                Some(field),
                "{header}"
            );
        }
    }

    // Headers are compared after width, whitespace and parenthetical normalisation.
    #[test]
    fn header_normalisation() {
        assert_eq!(norm_header("项目资金（万元）"), "项目资金");
        assert_eq!(norm_header(" 全年 预算数(A) "), "全年预算数");
        assert_eq!(norm_header("单位名称："), "单位名称");
        assert_eq!(norm_header("(万元)"), "(万元)");
    }

    // A malformed file is refused with the file name in the message.
    #[test]
    fn malformed_vocabulary_is_refused() {
        let err = Vocab::parse("[titles]\nmarker = 1\n").expect_err("bad");
        assert!(err.starts_with("patterns/tables.toml:"), "{err}");
    }
}
