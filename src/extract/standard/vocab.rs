//! The vocabulary of the standard tables (patterns/standard_tables.toml: kinds, titles,
//! layout words) and their relations (patterns/linkbase.toml), loaded once and normalised
//! so that matching compares plain strings.

use crate::patterns::{PatternSet, ReaderError};
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

/// The tables file compiled into the binary.
pub const TABLES_SOURCE: &str = include_str!("../../../patterns/standard_tables.toml");
/// The relations file compiled into the binary.
pub const LINKBASE_SOURCE: &str = include_str!("../../../patterns/linkbase.toml");

/// One table kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    /// Stable id ("final.summary").
    pub id: String,
    /// "final" (决算) or "budget" (预算).
    pub family: String,
    /// The usual Chinese title, for messages.
    pub name: String,
    /// Title variants (normalised at load).
    pub titles: Vec<String>,
    /// Header words of which one must appear (normalised at load); empty: no condition.
    #[serde(default)]
    pub headers: Vec<String>,
    /// "tree" (default): every line with lines under it is their sum; "totals": only the
    /// totals against the top lines.
    #[serde(default)]
    pub line_sums: Option<String>,
    /// Rows keyed by their path over the label columns (政府采购表: 大类 / 专项 / 经济科目):
    /// a line naming the third column is keyed `大类/专项/经济科目` and is the sum of the
    /// items under it.
    #[serde(default)]
    pub label_path: bool,
    /// Rows are 支出功能分类 subjects (类/款/项). Printed without codes, a row's level is
    /// certain only for the 类 (its name is one of `class_names` of `[layout]`); the 款 and
    /// 项 under it cannot be told apart, so only 合计 = Σ类 is checked.
    #[serde(default)]
    pub functions: bool,
}

/// How titles are cleaned before they are compared.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleRules {
    strip: Vec<String>,
    strip_end: Vec<String>,
    organisation_ends: Vec<String>,
    fields: Vec<String>,
    unit_field_heads: Vec<String>,
}

/// The words around a title (`[title]`, besides the regexes that strip it).
#[derive(Debug, Clone, Default)]
pub struct TitleWords {
    /// Endings of an organisation's name (院, 局, 中心 …).
    pub organisation_ends: Vec<String>,
    /// Field labels a title line may run into (编制部门 …).
    pub fields: Vec<String>,
    /// Words before 单位 that make it a field naming the unit (编制, 预算).
    pub unit_field_heads: Vec<String>,
}

/// Words that structure a layout (normalised at load).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Headers of label columns.
    pub label_headers: Vec<String>,
    /// Words that make a header a code column's.
    pub code_headers: Vec<String>,
    /// Headers of line-number columns (行次): neither label nor value.
    pub line_headers: Vec<String>,
    /// Words of a column-numbering row (栏次 | 1 | 2 …).
    pub numbering_rows: Vec<String>,
    /// Row names that are totals.
    pub total_rows: Vec<String>,
    /// Besides the grand totals, totals of the top-level coded rows (合计).
    pub coded_totals: Vec<String>,
    /// Totals that close a table.
    pub grand_totals: Vec<String>,
    /// Pairs of grand totals that balance across panels.
    pub balances: Vec<[String; 2]>,
    /// Words ending a header that names the total of its siblings.
    pub total_words: Vec<String>,
    /// Prefixes of 其中 lines.
    pub of_which: Vec<String>,
    /// The unit line's marker word (单位).
    pub unit_marker: String,
    /// Not-applicable cell texts.
    pub not_applicable: Vec<String>,
    /// The 类 of the 支出功能分类 (all years' names): in a function table printed without
    /// codes, a row so named is a 类.
    pub class_names: Vec<String>,
    /// 类 names that are also names of a 款 or 项 (其他支出 / 其他支出 / 其他支出): a row so
    /// named in a table without codes leaves the 类 uncertain.
    pub ambiguous_class_names: Vec<String>,
}

/// How a figure of the text names a table's row or column (`[text]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextWords {
    /// Words after a figure's name that say which column, not which row ("基本支出/预算数").
    pub value_words: Vec<String>,
    /// Scopes the text puts before a row or column name, longest first.
    pub scope_prefixes: Vec<String>,
    /// Column names that say nothing about what a figure is (total and value columns).
    pub total_columns: Vec<String>,
    /// Subcolumns that stand for the column a share's base names (N/小计, N/合计).
    pub base_subtotals: Vec<String>,
    /// Words after which 预算 is part of a fund's name, not "budgeted" (公共, 基金, 经营).
    pub fund_heads: Vec<String>,
    /// Lead-ins that give a numbered list of 项 items one fund scope, and the cells of that
    /// scope (`[[text.scoped_lists]]`), in the order they are tried.
    #[serde(default)]
    pub scoped_lists: Vec<ScopedList>,
}

/// A numbered list of 项 items whose lead-in names a fund scope ("财政拨款支出主要内容如下："):
/// each item's figure is that scope's figure of its 项.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopedList {
    /// The scope, as the findings name it (财政拨款, 一般公共预算).
    pub scope: String,
    /// Words of a lead-in that give its list this scope.
    pub lead_words: Vec<String>,
    /// The cells of the scope: `kind` (the table's total column) or `kind@column` (the
    /// column whose header ends so).
    pub cells: Vec<String>,
}

/// What a 空表说明 under a standard table may name (`[empty_note]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmptyNote {
    /// Funds with a table of their own (政府性基金, 国有资本经营, 三公 …): a note naming one
    /// under another one's table is template residue.
    pub funds: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TablesFile {
    title: TitleRules,
    kind: Vec<KindDef>,
    layout: Layout,
    text: TextWords,
    empty_note: EmptyNote,
}

/// A row total defined by classification codes (人员经费合计 = 301 + 303).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeTotal {
    /// Rule id suffix, for messages.
    pub id: String,
    /// Table kinds it applies to.
    pub kinds: Vec<String>,
    /// The total row's name (normalised at load).
    pub row: String,
    /// Top-level codes that are its parts.
    pub codes: Vec<String>,
    /// Top-level codes that belong to the other total (a code in neither list makes the
    /// relation not checkable).
    #[serde(default)]
    pub others: Vec<String>,
}

/// A signed formula over the columns of each row (年末 = 年初 + 收入 − 支出).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowFormula {
    /// Rule id suffix.
    pub id: String,
    /// Table kinds it applies to.
    pub kinds: Vec<String>,
    /// Column whose value is the result (a column key or its final part).
    pub result: String,
    /// Columns added.
    pub plus: Vec<String>,
    /// Columns subtracted.
    #[serde(default)]
    pub minus: Vec<String>,
}

/// A cross-table relation: a cell equals a cell (or the sum of cells) of another table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cross {
    /// Id, for messages and tests.
    pub id: String,
    /// Chinese description.
    pub zh: String,
    /// The cell that is the total (a selector: `{kind}!{row}@{column}`; row and column may
    /// be final parts of the keys; `*` in the row of both sides ranges over the 类 rows, by
    /// name).
    pub total: String,
    /// The cells that add up to it (one for an equality).
    pub parts: Vec<String>,
    /// Required for the relation to apply: a selector whose cell must be blank or zero
    /// (the scope condition, e.g. no 政府性基金 when 财政拨款 = 一般公共预算).
    #[serde(default)]
    pub when_zero: Vec<String>,
}

/// The linkbase file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Linkbase {
    /// Code-defined row totals.
    #[serde(default)]
    pub code_total: Vec<CodeTotal>,
    /// Row formulas.
    #[serde(default)]
    pub row_formula: Vec<RowFormula>,
    /// Cross-table relations.
    #[serde(default)]
    pub cross: Vec<Cross>,
}

/// Everything the standard-table reader needs, compiled.
#[derive(Debug, Clone)]
pub struct StdVocab {
    /// Kinds in file order.
    pub kinds: Vec<KindDef>,
    strip: Vec<Regex>,
    strip_end: Vec<Regex>,
    /// The words around a title.
    pub title: TitleWords,
    /// Layout words.
    pub layout: Layout,
    /// How the text names rows and columns.
    pub text: TextWords,
    /// What a 空表说明 may name.
    pub empty_note: EmptyNote,
    /// Relations.
    pub linkbase: Linkbase,
}

/// Normalises a header, row name or title for comparison: half-width letters and digits,
/// full-width brackets, no whitespace, no quotation marks, no trailing colon.
pub fn norm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = crate::number::normalize_char(c);
        match c {
            c if c.is_whitespace() => {}
            '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' => {}
            '(' => out.push('（'),
            ')' => out.push('）'),
            c => out.push(c),
        }
    }
    while out.ends_with(':') || out.ends_with('：') {
        out.pop();
    }
    out
}

impl StdVocab {
    /// Parses both files; errors name the file.
    pub fn parse(tables: &str, linkbase: &str) -> Result<StdVocab, ReaderError> {
        let t: TablesFile =
            toml::from_str(tables).map_err(|e| format!("standard_tables.toml: {e}"))?;
        let l: Linkbase = toml::from_str(linkbase).map_err(|e| format!("linkbase.toml: {e}"))?;
        Self::build(t, l)
    }

    fn build(mut t: TablesFile, mut l: Linkbase) -> Result<StdVocab, ReaderError> {
        // A regex that does not compile: the Chinese says which list and where in the pattern.
        let compile = |list: &[String], key: &str| -> Result<Vec<Regex>, ReaderError> {
            list.iter()
                .map(|r| {
                    Regex::new(r).map_err(|e| {
                        ReaderError::with_zh(
                            format!("standard_tables.toml: {r}: {e}"),
                            format!(
                                "standard_tables.toml：[title] `{key}`：正则表达式无效：{}",
                                crate::patterns::zh::regex_detail(r, &e)
                            ),
                        )
                    })
                })
                .collect()
        };
        let strip = compile(&t.title.strip, "strip")?;
        let strip_end = compile(&t.title.strip_end, "strip_end")?;
        for k in &mut t.kind {
            for w in &mut k.titles {
                *w = norm(w).replace('、', "");
            }
            for w in &mut k.headers {
                *w = norm(w);
            }
        }
        let lay = &mut t.layout;
        for list in [
            &mut lay.label_headers,
            &mut lay.code_headers,
            &mut lay.line_headers,
            &mut lay.numbering_rows,
            &mut lay.total_rows,
            &mut lay.coded_totals,
            &mut lay.grand_totals,
            &mut lay.total_words,
            &mut lay.of_which,
            &mut lay.not_applicable,
            &mut lay.class_names,
            &mut lay.ambiguous_class_names,
        ] {
            for w in list.iter_mut() {
                *w = norm(w);
            }
        }
        for pair in &mut lay.balances {
            for w in pair.iter_mut() {
                *w = norm(w);
            }
        }
        for c in &mut l.code_total {
            c.row = norm(&c.row);
        }
        Ok(StdVocab {
            kinds: t.kind,
            strip,
            strip_end,
            title: TitleWords {
                organisation_ends: t.title.organisation_ends.iter().map(|w| norm(w)).collect(),
                fields: t.title.fields.iter().map(|w| norm(w)).collect(),
                unit_field_heads: t.title.unit_field_heads.iter().map(|w| norm(w)).collect(),
            },
            layout: t.layout,
            text: TextWords {
                value_words: t.text.value_words.iter().map(|w| norm(w)).collect(),
                scope_prefixes: t.text.scope_prefixes.iter().map(|w| norm(w)).collect(),
                total_columns: t.text.total_columns.iter().map(|w| norm(w)).collect(),
                base_subtotals: t.text.base_subtotals.iter().map(|w| norm(w)).collect(),
                fund_heads: t.text.fund_heads.iter().map(|w| norm(w)).collect(),
                scoped_lists: t
                    .text
                    .scoped_lists
                    .iter()
                    .map(|l| ScopedList {
                        scope: l.scope.clone(),
                        lead_words: l.lead_words.iter().map(|w| norm(w)).collect(),
                        cells: l.cells.iter().map(|w| norm(w)).collect(),
                    })
                    .collect(),
            },
            empty_note: t.empty_note,
            linkbase: l,
        })
    }

    /// The kind a title names, if any. `department` (when known) is also stripped.
    pub fn kind_of_title(&self, title: &str, department: Option<&str>) -> Option<&KindDef> {
        let t = self.clean_title(title, department);
        if t.is_empty() {
            return None;
        }
        if let Some(k) = self.kinds.iter().find(|k| k.titles.contains(&t)) {
            return Some(k);
        }
        // The department's name was not recognised: a known title after a name that ends
        // like an organisation's ("江苏省高级人民法院部门收支预算总表"); the longest title wins
        // (财政拨款收支预算总表 over 收支预算总表).
        let (k, rest) = self
            .kinds
            .iter()
            .flat_map(|k| k.titles.iter().map(move |x| (k, x)))
            .filter(|(_, x)| !x.is_empty() && t.ends_with(x.as_str()) && t.len() > x.len())
            .max_by_key(|(_, x)| x.len())
            .map(|(k, x)| (k, &t[..t.len() - x.len()]))?;
        self.organisation_like(rest).then_some(k)
    }

    /// A title with numbering, year, prefixes and the department's name removed.
    pub fn clean_title(&self, title: &str, department: Option<&str>) -> String {
        let mut t = norm(title);
        if t.chars().count() > 80 {
            return String::new(); // prose, not a title
        }
        let dep = department.map(norm).filter(|d| d.chars().count() >= 2);
        // Prefixes may come in any order (表一 2024年 部门 …): strip until nothing changes.
        for _ in 0..8 {
            let before = t.len();
            for re in &self.strip {
                if let Some(m) = re.find(&t) {
                    if m.start() == 0 && m.end() > 0 {
                        t = t[m.end()..].to_string();
                    }
                }
            }
            if let Some(d) = &dep {
                if let Some(rest) = t.strip_prefix(d.as_str()) {
                    t = rest.to_string();
                }
            }
            if t.len() == before {
                break;
            }
        }
        t = t.replace('、', "");
        for _ in 0..4 {
            let before = t.len();
            for re in &self.strip_end {
                if let Some(m) = re.find(&t) {
                    if m.end() == t.len() && m.start() < t.len() {
                        t.truncate(m.start());
                    }
                }
            }
            if t.len() == before {
                break;
            }
        }
        t
    }

    /// Whether a title's prefix reads as an organisation's name: it ends with 部门/单位 or
    /// with a word that ends organisation names (`[title] organisation_ends`: 院, 局, 委员会,
    /// 厅, 办公室, 中心 …).
    fn organisation_like(&self, prefix: &str) -> bool {
        prefix.chars().count() >= 3
            && self
                .title
                .organisation_ends
                .iter()
                .any(|e| prefix.ends_with(e.as_str()))
    }

    /// The kind with this id.
    pub fn kind(&self, id: &str) -> Option<&KindDef> {
        self.kinds.iter().find(|k| k.id == id)
    }

    /// True for a normalised row name that is a total.
    pub fn is_total(&self, name: &str) -> bool {
        self.layout.total_rows.iter().any(|w| w == name)
    }

    /// True for a normalised row name that closes a table.
    pub fn is_grand_total(&self, name: &str) -> bool {
        self.layout.grand_totals.iter().any(|w| w == name)
    }

    /// True for a name that starts a 其中 line.
    pub fn is_of_which(&self, name: &str) -> bool {
        self.layout
            .of_which
            .iter()
            .any(|w| name.starts_with(w.as_str()))
    }

    /// True for a header that names the total of its siblings (合计, 本年收入合计, 小计 …).
    pub fn is_total_header(&self, header: &str) -> bool {
        !self.is_of_which(header)
            && self
                .layout
                .total_words
                .iter()
                .any(|w| header.ends_with(w.as_str()))
    }

    /// True for a cell text that means "not applicable".
    pub fn is_not_applicable(&self, text: &str) -> bool {
        let n = norm(text);
        self.layout.not_applicable.contains(&n)
    }
}

/// The built-in vocabulary, parsed once.
pub fn builtin() -> Result<&'static StdVocab, &'static str> {
    static CELL: OnceLock<Result<StdVocab, String>> = OnceLock::new();
    CELL.get_or_init(|| StdVocab::parse(TABLES_SOURCE, LINKBASE_SOURCE).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(String::as_str)
}

/// The vocabulary for a pattern set: the files of a `--patterns DIR` when it has them,
/// else the built-in ones.
pub fn for_patterns(
    patterns: &PatternSet,
) -> Result<std::borrow::Cow<'static, StdVocab>, ReaderError> {
    let file = |name: &str| patterns.files.iter().find(|f| f.name == name);
    match (file("standard_tables.toml"), file("linkbase.toml")) {
        (None, None) => builtin()
            .map(std::borrow::Cow::Borrowed)
            .map_err(|e| e.to_string().into()),
        (t, l) => {
            let tables: TablesFile = match t {
                Some(f) => toml::Value::Table(f.extra.clone())
                    .try_into()
                    .map_err(|e| format!("standard_tables.toml: {e}"))?,
                None => toml::from_str(TABLES_SOURCE)
                    .map_err(|e| format!("standard_tables.toml: {e}"))?,
            };
            let link: Linkbase = match l {
                Some(f) => toml::Value::Table(f.extra.clone())
                    .try_into()
                    .map_err(|e| format!("linkbase.toml: {e}"))?,
                None => {
                    toml::from_str(LINKBASE_SOURCE).map_err(|e| format!("linkbase.toml: {e}"))?
                }
            };
            StdVocab::build(tables, link).map(std::borrow::Cow::Owned)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The shipped files parse.
    #[test]
    fn builtin_parses() {
        let v = builtin().expect("standard tables vocabulary");
        assert!(v.kind("final.summary").is_some());
        assert!(v.kind("budget.three_public").is_some());
    }

    // Without the department's name, a known title after an organisation's name is
    // recognised (the longest title wins); after other words it is not.
    #[test]
    fn titles_after_an_unknown_department() {
        let v = builtin().expect("vocab");
        let k = |t: &str| v.kind_of_title(t, None).map(|k| k.id.as_str());
        assert_eq!(
            k("一、2017年度江苏省高级人民法院部门收支预算总表"),
            Some("budget.summary")
        );
        assert_eq!(
            k("四、2017年度江苏省高级人民法院部门财政拨款收支预算总表"),
            Some("budget.fin_summary")
        );
        assert_eq!(
            k("上海市某某区某某局一般公共预算财政拨款支出决算表"),
            Some("final.gpb_expenditure")
        );
        assert_eq!(k("重点项目支出决算表"), None);
    }

    // Titles are recognised through numbering, years, prefixes and the department's name.
    #[test]
    fn titles_with_numbering() {
        let v = builtin().expect("vocab");
        let k = |t: &str| {
            v.kind_of_title(t, Some("江苏省人民检察院"))
                .map(|k| k.id.as_str())
        };
        assert_eq!(k("收入支出决算总表"), Some("final.summary"));
        assert_eq!(k("公开01表：收支预算总表"), Some("budget.summary"));
        assert_eq!(k("表一"), None);
        assert_eq!(k("2024年部门财务收支预算总表"), Some("budget.summary"));
        assert_eq!(
            k("一、2017年度江苏省人民检察院部门收支预算总表"),
            Some("budget.summary")
        );
        assert_eq!(
            k("5．2024年部门一般公共预算支出功能分类预算表"),
            Some("budget.gpb_function")
        );
        assert_eq!(
            k("财政拨款支出预算表（功能科目）"),
            Some("budget.fin_function")
        );
        assert_eq!(
            k("部门“三公”经费和机关运行经费预算表"),
            Some("budget.three_public")
        );
        assert_eq!(
            k("财政拨款“三公”经费支出决算表"),
            Some("final.three_public")
        );
        assert_eq!(
            k("十一、一般公共预算“三公”经费、会议费、培训费支出预算表"),
            Some("budget.three_public")
        );
        assert_eq!(
            k("“三公”经费、会议费、培训费支出预算表（一般公共预算）"),
            Some("budget.three_public")
        );
        assert_eq!(k("二、收入决算表"), Some("final.income"));
        // A sentence that mentions a table is not its title.
        assert_eq!(k("本表反映部门本年度的总收支和年末结转结余情况。"), None);
        assert_eq!(k("五、财政拨款支出预算表情况说明"), None);
    }
}
