//! Check: rules evaluate an [`Extraction`]'s statements and identities and emit findings,
//! with coverage (what was found, checked, passed, and what could not be checked).
//!
//! Every rule recomputes a relation with the interval arithmetic of [`interval`] and
//! reports through one [`Ctx`], which counts coverage per rule family and per rule so
//! a user knows what silence means: a statement that cannot be checked becomes an `info`
//! finding saying why, never a silent skip. One file per rule family; rule ids, severities
//! and descriptions are listed in [`messages::RULES`] (`crossfoot rules`).

mod formula;
pub mod identity;
pub mod interval;
mod listcount;
pub mod messages;
mod perf;
mod perf_rows;
mod perf_target;
mod restated;
mod share;
mod sum;
mod table;
pub(crate) mod variance;
mod yoy;
pub mod zh;

use crate::document::Location;
use crate::extract::{Extraction, FactKind, Statement, StatementKind};
use crate::number::{plain_decimal, MoneyUnit};
use crate::patterns::PatternSet;
use interval::{Approx, Comparison, Verdict};
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// How serious a finding is (README, "How a relation is judged").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Found but not checkable, or a coverage note.
    Info,
    /// Off by at most one unit of the last printed digit, or intent-dependent.
    Warning,
    /// Off by more than one unit of the last printed digit.
    Error,
}

impl Severity {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese (default).
    #[default]
    Zh,
    /// English.
    En,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable id: rule + location + facts, hashed.
    pub id: String,
    /// Rule id, e.g. `sum.total`.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// What does not hold, in the chosen language.
    pub message: String,
    /// The sentence or row, as published.
    pub quote: String,
    /// The stated numbers involved, as printed without separators.
    pub values: Vec<String>,
    /// The recomputation ("1,298.54 + 0.00 + 1,107.05 = 2,405.59").
    pub expected: String,
    /// Where.
    pub location: Location,
    /// Ids of the facts involved.
    pub facts: Vec<String>,
    /// The 绩效自评表 project, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The key of the relation ("sum|final.income!201@本年收入合计|col"), for relations of the
    /// standard tables and the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// Per statement kind: how many were found, checked, passed, and why others were not.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KindCoverage {
    /// Statements of this kind found.
    pub found: usize,
    /// Checks run.
    pub checked: usize,
    /// Checks that held.
    pub passed: usize,
    /// Statements that could not be checked.
    pub unchecked: usize,
    /// Why not, with counts.
    pub reasons: BTreeMap<String, usize>,
}

/// Per rule: checks run, passed, and findings by severity.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RuleCoverage {
    /// Checks run.
    pub run: usize,
    /// Checks that held.
    pub passed: usize,
    /// Warnings emitted.
    pub warning: usize,
    /// Errors emitted.
    pub error: usize,
    /// Statements this rule could not check.
    pub unchecked: usize,
}

/// Coverage of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coverage {
    /// By statement kind (`sum`, `share`, `share_family`, `yoy`, `variance`, `list_count`,
    /// `execution_rate`, `completion`, … as in the extraction's JSON) plus the cross-statement
    /// families `restated` and `identity` and the row rule `indicator_score`.
    pub by_kind: BTreeMap<String, KindCoverage>,
    /// By rule id.
    pub by_rule: BTreeMap<String, RuleCoverage>,
    /// By rule family (the rule id's prefix: `sum`, `yoy`, `perf`, `identity` …).
    pub by_family: BTreeMap<String, RuleCoverage>,
    /// Total checks run.
    pub checks_run: usize,
    /// Total checks passed.
    pub checks_passed: usize,
}

/// Findings and coverage of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// Findings in document order.
    pub findings: Vec<Finding>,
    /// Coverage.
    pub coverage: Coverage,
}

/// Runs every rule on one extraction.
pub fn check(ex: &Extraction, lang: Lang) -> CheckReport {
    check_with_text(ex, lang, &[])
}

/// Runs every rule on one extraction; `texts` are the document's paragraphs, which some
/// identities consult for statements without numbers ("本单位无国有资本经营预算…" makes a
/// missing part zero).
pub fn check_with_text(ex: &Extraction, lang: Lang, texts: &[&str]) -> CheckReport {
    check_with_identities(ex, lang, texts, None)
}

/// [`check_with_text`] with the identities of a pattern set ([`PatternSet::identities`]:
/// those of a `--patterns DIR`; `None`: the built-in ones).
///
/// [`PatternSet::identities`]: crate::patterns::PatternSet::identities
pub fn check_with_identities(
    ex: &Extraction,
    lang: Lang,
    texts: &[&str],
    identities: Option<&identity::Identities>,
) -> CheckReport {
    run(ex, lang, texts, identities, None, &[])
}

/// [`check_with_text`] with the data of a pattern set: its identities and the quantity
/// words (comparators, suffixes) of its table vocabulary (those of a `--patterns DIR`, or the built-in ones).
pub fn check_with_patterns(
    ex: &Extraction,
    lang: Lang,
    texts: &[&str],
    patterns: &PatternSet,
) -> CheckReport {
    check_document(ex, lang, texts, patterns, &[])
}

/// [`check_with_patterns`] plus a workbook's formula cells (rule `workbook.formula`: each
/// recomputable formula's cached value against the cells it refers to).
pub fn check_document(
    ex: &Extraction,
    lang: Lang,
    texts: &[&str],
    patterns: &PatternSet,
    formulas: &[crate::document::Formula],
) -> CheckReport {
    run(
        ex,
        lang,
        texts,
        patterns.identities.as_deref(),
        Some(patterns),
        formulas,
    )
}

fn run(
    ex: &Extraction,
    lang: Lang,
    texts: &[&str],
    identities: Option<&identity::Identities>,
    patterns: Option<&PatternSet>,
    formulas: &[crate::document::Formula],
) -> CheckReport {
    let mut ctx = Ctx::new(ex, lang, patterns);
    formula::check(&mut ctx, formulas);
    for st in &ex.statements {
        crate::deadline::check();
        match st.kind {
            StatementKind::Sum => sum::check(&mut ctx, st),
            StatementKind::Share => share::check_share(&mut ctx, st),
            StatementKind::ShareFamily => share::check_family(&mut ctx, st),
            StatementKind::Yoy => yoy::check(&mut ctx, st),
            StatementKind::Variance => variance::check(&mut ctx, st),
            StatementKind::ListCount => listcount::check(&mut ctx, st),
            StatementKind::ExecutionRate
            | StatementKind::FundsScore
            | StatementKind::WeightSum
            | StatementKind::ScoreSum
            | StatementKind::ScoreCap
            | StatementKind::Completion
            | StatementKind::MissedTarget
            | StatementKind::CostSum
            | StatementKind::NarrativeCount => perf::check(&mut ctx, st),
            StatementKind::TableSum
            | StatementKind::TableEqual
            | StatementKind::TextTable
            | StatementKind::TextShare => table::check(&mut ctx, st),
            StatementKind::Defect => defect(&mut ctx, st),
        }
    }
    crate::deadline::check();
    perf_rows::check_rows(&mut ctx);
    crate::deadline::check();
    restated::check(&mut ctx);
    crate::deadline::check();
    identity::check(&mut ctx, texts, identities);
    ctx.finish()
}

/// A wording defect found at extraction: a warning of rule `text.<kind>`.
fn defect(ctx: &mut Ctx, st: &Statement) {
    let kind = st.detail.as_deref().unwrap_or("defect");
    let rule = format!("text.{kind}");
    let subj = Subject::of(st);
    ctx.found("text");
    // A year dating a figure (the statement names the figure) is compared with the
    // document's year, not only before it.
    let dated = kind == "year" && !st.facts.is_empty();
    let (zh, en) = match kind {
        "residue" => ("模板残留", "template residue"),
        "cut" => ("句子不完整", "a sentence cut off"),
        "punct" => ("标点重复", "doubled punctuation"),
        "year" if dated => (
            "数字所标年份与文件年度不符",
            "a figure dated another year than the document's",
        ),
        "year" => ("年份早于文件年度", "a year before the document's year"),
        "scope" => (
            "单位公开文件以“部门”自称",
            "a 单位 disclosure speaks of itself as a 部门",
        ),
        _ => ("文字缺陷", "wording defect"),
    };
    let (zh, en) = match (dated, ctx.ex.year) {
        (true, Some(y)) => (format!("{zh}（文件年度{y}）"), format!("{en} ({y})")),
        _ => (zh.to_string(), en.to_string()),
    };
    let q = st.quote.clone();
    ctx.verdict(
        "text",
        &rule,
        Some(Severity::Warning),
        &subj,
        |c| c.t(format!("{zh}：“{q}”"), format!("{en}: “{q}”")),
        String::new(),
    );
}

/// A fact's value ready for arithmetic.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Val {
    /// Value and interval.
    pub a: Approx,
    /// The value (in the unit compared).
    pub v: Decimal,
    /// Printed decimals (converted when compared in 万元).
    pub dec: i32,
    /// Fact index.
    pub fact: usize,
}

/// What a finding is about: quote, location, facts.
#[derive(Debug, Clone)]
pub(crate) struct Subject {
    pub quote: String,
    pub location: Location,
    pub facts: Vec<usize>,
    pub key: Option<String>,
}

impl Subject {
    pub fn of(st: &Statement) -> Subject {
        Subject {
            quote: st.quote.clone(),
            location: st.location.clone(),
            facts: st.facts.clone(),
            key: st.key.clone(),
        }
    }
}

/// The rule-evaluation context: the extraction, the language, findings and coverage.
pub(crate) struct Ctx<'a> {
    pub ex: &'a Extraction,
    pub lang: Lang,
    /// The words around 目标值/业绩值 quantities with their relations (the table vocabulary).
    pub words: crate::extract::tables::QuantityWords,
    /// The words that tell a completion ratio from a variance rate (connectors.toml).
    pub variance_words: variance::VarianceWords,
    findings: Vec<Finding>,
    cov: Coverage,
}

impl<'a> Ctx<'a> {
    fn new(ex: &'a Extraction, lang: Lang, patterns: Option<&PatternSet>) -> Self {
        Ctx {
            ex,
            lang,
            words: crate::extract::tables::quantity_words(patterns),
            variance_words: variance::words(patterns),
            findings: Vec::new(),
            cov: Coverage::default(),
        }
    }

    /// Picks the message in the context's language.
    pub fn t(&self, zh: String, en: String) -> String {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A statement of this family was found.
    pub fn found(&mut self, family: &str) {
        self.cov
            .by_kind
            .entry(family.to_string())
            .or_default()
            .found += 1;
    }

    /// Records one check and, when it does not hold, its finding.
    pub fn ran(&mut self, family: &str, rule: &str, sev: Option<Severity>) {
        let k = self.cov.by_kind.entry(kind_key(family, rule)).or_default();
        k.checked += 1;
        let r = self.cov.by_rule.entry(rule.to_string()).or_default();
        r.run += 1;
        self.cov.checks_run += 1;
        match sev {
            None | Some(Severity::Info) => {
                k.passed += 1;
                r.passed += 1;
                self.cov.checks_passed += 1;
            }
            Some(Severity::Warning) => r.warning += 1,
            Some(Severity::Error) => r.error += 1,
        }
    }

    /// A relation whose figures are in units that do not convert (万元 against 人): not
    /// checkable, reason "units differ".
    pub fn units_differ(&mut self, family: &str, rule: &str, subj: &Subject) {
        let m = self.t(
            "单位不一致，无法核对".into(),
            "units differ: not checkable".into(),
        );
        self.unchecked(family, rule, "units differ", subj, m);
    }

    /// Records a statement that could not be checked, with an info finding saying why.
    pub fn unchecked(
        &mut self,
        family: &str,
        rule: &str,
        reason: &str,
        subj: &Subject,
        msg: String,
    ) {
        self.count_unchecked(family, rule, reason);
        self.emit(rule, Severity::Info, msg, subj, String::new());
    }

    /// Counts a check that could not be run, without a finding of its own (the caller
    /// reports such checks grouped).
    pub fn count_unchecked(&mut self, family: &str, rule: &str, reason: &str) {
        let k = self.cov.by_kind.entry(kind_key(family, rule)).or_default();
        k.unchecked += 1;
        *k.reasons.entry(reason.to_string()).or_default() += 1;
        self.cov
            .by_rule
            .entry(rule.to_string())
            .or_default()
            .unchecked += 1;
    }

    /// Records a checked comparison; emits a finding unless it holds. Returns the severity.
    pub fn judge(
        &mut self,
        family: &str,
        rule: &str,
        cmp: &Comparison,
        subj: &Subject,
        msg: impl FnOnce(&Self) -> String,
        expected: String,
    ) -> Option<Severity> {
        let sev = match cmp.verdict {
            Verdict::Holds => None,
            Verdict::Warning => Some(Severity::Warning),
            Verdict::Error => Some(Severity::Error),
        };
        self.ran(family, rule, sev);
        if let Some(s) = sev {
            let m = msg(self);
            self.emit(rule, s, m, subj, expected);
        }
        sev
    }

    /// Records a pass/fail check with a fixed severity on failure.
    pub fn verdict(
        &mut self,
        family: &str,
        rule: &str,
        fails: Option<Severity>,
        subj: &Subject,
        msg: impl FnOnce(&Self) -> String,
        expected: String,
    ) {
        self.ran(family, rule, fails);
        if let Some(s) = fails {
            let m = msg(self);
            self.emit(rule, s, m, subj, expected);
        }
    }

    /// Adds a finding.
    pub fn emit(
        &mut self,
        rule: &str,
        sev: Severity,
        message: String,
        subj: &Subject,
        expected: String,
    ) {
        let facts: Vec<String> = subj
            .facts
            .iter()
            .filter_map(|&i| self.ex.facts.get(i).map(|f| f.id.clone()))
            .collect();
        let values: Vec<String> = subj
            .facts
            .iter()
            .filter_map(|&i| {
                self.ex
                    .facts
                    .get(i)
                    .map(|f| plain_decimal(f.value, f.decimals))
            })
            .collect();
        let project = subj
            .facts
            .iter()
            .find_map(|&i| self.ex.facts.get(i).and_then(|f| f.project.clone()));
        let mut h = Sha256::new();
        h.update(rule.as_bytes());
        h.update(subj.location.id_key().as_bytes());
        for f in &facts {
            h.update(b"|");
            h.update(f.as_bytes());
        }
        let id: String = h
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        self.findings.push(Finding {
            id,
            rule: rule.to_string(),
            severity: sev,
            message,
            quote: subj.quote.clone(),
            values,
            expected,
            location: subj.location.clone(),
            facts,
            project,
            key: subj.key.clone(),
        });
    }

    /// The fact's value in its own unit.
    pub fn val(&self, idx: usize) -> Option<Val> {
        let f = self.ex.facts.get(idx)?;
        let dec = f.decimals.min(27) as i32;
        Some(Val {
            a: Approx::printed(f.value, dec),
            v: f.value,
            dec,
            fact: idx,
        })
    }

    /// The fact's value in 万元 (amounts only), decimals converted.
    pub fn val_wan(&self, idx: usize) -> Option<Val> {
        let f = self.ex.facts.get(idx)?;
        let unit = MoneyUnit::parse(&f.unit)?;
        let w = f.value_wan?;
        let dec = f.decimals.min(27) as i32 + unit.extra_wan_decimals();
        Some(Val {
            a: Approx::printed(w, dec),
            v: w,
            dec,
            fact: idx,
        })
    }

    /// Values of several facts in a common unit: their own when all share one unit, 万元
    /// when they are amounts in different units. `None` if an index is bad or units clash.
    pub fn vals(&self, idxs: &[usize]) -> Option<Vec<Val>> {
        let facts: Vec<_> = idxs
            .iter()
            .map(|&i| self.ex.facts.get(i))
            .collect::<Option<_>>()?;
        let first = facts.first()?;
        let same = facts.iter().all(|f| f.unit == first.unit);
        if same {
            idxs.iter().map(|&i| self.val(i)).collect()
        } else if facts.iter().all(|f| f.kind == FactKind::Amount) {
            idxs.iter().map(|&i| self.val_wan(i)).collect()
        } else if facts.iter().all(|f| MoneyUnit::parse(&f.unit).is_none()) {
            // Counts in different words (个/家) or bare numbers: compare as numbers.
            idxs.iter().map(|&i| self.val(i)).collect()
        } else {
            None
        }
    }

    /// The printed form of a fact ("2,405.59"), or "?".
    pub fn stated(&self, idx: usize) -> String {
        self.ex
            .facts
            .get(idx)
            .map(|f| f.stated.clone())
            .unwrap_or_else(|| "?".to_string())
    }

    /// The printed form with its unit ("2,405.59万元", "52.86%").
    pub fn stated_u(&self, idx: usize) -> String {
        self.ex
            .facts
            .get(idx)
            .map(|f| format!("{}{}", f.stated, f.unit))
            .unwrap_or_else(|| "?".to_string())
    }

    /// The fact's label, or "".
    pub fn label(&self, idx: usize) -> String {
        self.ex
            .facts
            .get(idx)
            .map(|f| f.label.clone())
            .unwrap_or_default()
    }

    fn finish(mut self) -> CheckReport {
        for (rule, c) in &self.cov.by_rule {
            let fam = rule.split('.').next().unwrap_or(rule);
            let f = self.cov.by_family.entry(fam.to_string()).or_default();
            f.run += c.run;
            f.passed += c.passed;
            f.warning += c.warning;
            f.error += c.error;
            f.unchecked += c.unchecked;
        }
        self.findings
            .sort_by(|a, b| (&a.location, &a.rule, &a.id).cmp(&(&b.location, &b.rule, &b.id)));
        self.findings
            .dedup_by(|a, b| a.id == b.id && a.message == b.message);
        CheckReport {
            findings: self.findings,
            coverage: self.cov,
        }
    }
}

/// The coverage key of a check: the statement kind for performance-table rules (whose
/// family "perf" spans many kinds), the family otherwise.
fn kind_key(family: &str, rule: &str) -> String {
    match (family, rule) {
        ("perf", r) => r.strip_prefix("perf.").unwrap_or(r).to_string(),
        ("table", r) => r.strip_prefix("table.").unwrap_or(r).to_string(),
        (f, _) => f.to_string(),
    }
}

/// Severity of a verdict (None when it holds).
pub(crate) fn sev_of(v: Verdict) -> Option<Severity> {
    match v {
        Verdict::Holds => None,
        Verdict::Warning => Some(Severity::Warning),
        Verdict::Error => Some(Severity::Error),
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Hand-made extractions for rule tests.
    use crate::document::Location;
    use crate::extract::{Extraction, Fact, FactKind, Role, Statement, StatementKind};
    use crate::number::{parse_number, MoneyUnit};

    /// Builds extractions fact by fact.
    #[derive(Default)]
    pub struct B {
        pub ex: Extraction,
    }

    impl B {
        /// Adds a fact printed as `printed` with `unit`; returns its index.
        pub fn fact(&mut self, label: &str, printed: &str, unit: &str) -> usize {
            let n = parse_number(printed).expect("test number");
            let kind = if unit == "%" {
                FactKind::Percent
            } else if MoneyUnit::parse(unit).is_some() {
                FactKind::Amount
            } else {
                FactKind::Count
            };
            // A huge 亿元 amount gets no value_wan (to_wan refuses the overflow).
            let value_wan = MoneyUnit::parse(unit).and_then(|u| u.to_wan(n.value));
            let loc = Location {
                block: self.ex.facts.len(),
                ..Location::default()
            };
            self.ex.push_fact(Fact {
                id: String::new(),
                label: label.to_string(),
                concept: None,
                kind,
                value: n.value,
                stated: n.stated,
                decimals: n.decimals,
                unit: unit.to_string(),
                value_wan,
                project: None,
                quote: format!("{label}{printed}{unit}"),
                location: loc,
                cell: None,
            })
        }

        /// Adds a statement.
        pub fn st(
            &mut self,
            kind: StatementKind,
            facts: &[(usize, Role)],
            sign: Option<i8>,
        ) -> usize {
            self.ex.push_statement(Statement {
                sign,
                ..Statement::new(
                    kind,
                    facts.iter().map(|x| x.0).collect(),
                    facts.iter().map(|x| x.1).collect(),
                    "quote".to_string(),
                    Location::default(),
                )
            })
        }

        /// Runs the checker and returns (rule, severity) of every non-info finding.
        pub fn run(&self) -> Vec<(String, super::Severity)> {
            super::check(&self.ex, super::Lang::Zh)
                .findings
                .into_iter()
                .filter(|f| f.severity != super::Severity::Info)
                .map(|f| (f.rule, f.severity))
                .collect()
        }
    }
}

#[cfg(test)]
mod robustness {
    //! Random extractions (bad indices, zeros, huge and negative values, every kind and
    //! role) never make the checker panic, and every statement is accounted for.
    use super::testutil::B;
    use super::{check, Lang};
    use crate::extract::{Role, StatementKind};

    const KINDS: [StatementKind; 15] = [
        StatementKind::Sum,
        StatementKind::Share,
        StatementKind::ShareFamily,
        StatementKind::Yoy,
        StatementKind::Variance,
        StatementKind::ListCount,
        StatementKind::ExecutionRate,
        StatementKind::FundsScore,
        StatementKind::WeightSum,
        StatementKind::ScoreSum,
        StatementKind::ScoreCap,
        StatementKind::Completion,
        StatementKind::MissedTarget,
        StatementKind::CostSum,
        StatementKind::NarrativeCount,
    ];
    const ROLES: [Role; 11] = [
        Role::Total,
        Role::Part,
        Role::Base,
        Role::Rate,
        Role::Current,
        Role::Delta,
        Role::Budget,
        Role::Actual,
        Role::Weight,
        Role::Score,
        Role::Count,
    ];
    // Test inputs, not vocabulary.
    const NUMS: [&str; 10] = [
        "0",
        "0.00",
        "-1.5",
        // The largest printed integer part parse_number accepts (24 digits).
        "999999999999999999999999",
        "0.0000000000000000000000001",
        "1,234.56",
        "100",
        "-999999999999999999999999",
        "3",
        "52.86",
    ];
    const UNITS: [&str; 6] = ["万元", "元", "亿元", "%", "人", ""];

    #[test]
    fn random_extractions_never_panic() {
        let mut seed: u64 = 0x2405_5900;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        for _ in 0..1000 {
            let mut b = B::default();
            for _ in 0..next(8) {
                let i = b.fact("x", NUMS[next(NUMS.len())], UNITS[next(UNITS.len())]);
                if next(3) == 0 {
                    b.ex.facts[i].concept = Some("income.total".into());
                }
            }
            let nf = b.ex.facts.len() + 2; // indices may point past the end
            let mut n_st = 0;
            for _ in 0..next(6) {
                let facts: Vec<_> = (0..next(5))
                    .map(|_| (next(nf), ROLES[next(ROLES.len())]))
                    .collect();
                let sign = [None, Some(-1), Some(0), Some(1)][next(4)];
                b.st(KINDS[next(KINDS.len())], &facts, sign);
                n_st += 1;
            }
            let r = check(&b.ex, Lang::En);
            let found: usize = r
                .coverage
                .by_kind
                .iter()
                .filter(|(k, _)| *k != "restated" && *k != "identity")
                .map(|(_, v)| v.found)
                .sum();
            assert!(found >= n_st, "{found} < {n_st}");
            assert!(r.coverage.checks_passed <= r.coverage.checks_run);
        }
    }
}
