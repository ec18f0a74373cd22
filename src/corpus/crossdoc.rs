//! Cross-document checks over a corpus: rule `corpus.prior_year`.
//!
//! For the same department in consecutive years, this year's year-on-year statement implies
//! last year's figure (prior = current − sign·delta); the prior-year disclosure prints it.
//! Both are printed numbers, so both are intervals: the implied prior is
//! [c − s·d − (hc+hd), c − s·d + (hc+hd)] with hc, hd half a unit of each one's last printed
//! digit, the printed prior is [q − hq, q + hq]. They disagree only if the intervals do not
//! overlap (the checker's rule, `crate::check::interval`): the printed prior within 1.5 units
//! of its last digit of the implied point → warning, further → error.
//!
//! Figures are matched by concept id when the extractor assigned one, else by label (a
//! 类/款/项 path is a label). A key printed with two different values in last year's
//! disclosure is ambiguous and not compared (counted in [`CrossStats::ambiguous`]), because
//! a false alarm costs the user more than a skipped comparison.
//!
//! Memory: one pass keeps each document's department (interned), year and number of yoy
//! claims (20 bytes a document); a second pass re-reads each document that has claims and a
//! prior-year document together with that prior, one pair at a time, and compares there
//! (keys as full strings). Records are read from disk, never held.

use crate::check::Lang;
use crate::number::MoneyUnit;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

/// The rule id.
pub const RULE: &str = "corpus.prior_year";

/// A printed amount with its interval half-width, in 万元.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// Value in 万元.
    pub wan: Decimal,
    /// Half a unit of the last printed digit, in 万元.
    pub half: Decimal,
    /// As printed ("394.52").
    pub stated: String,
    /// Unit as printed.
    pub unit: String,
    /// Fact id in its document.
    pub fact: String,
    /// Quote.
    pub quote: String,
    /// Location object.
    pub location: Value,
}

/// What the pass reads of a document's record: its place, facts and statements, with only
/// the fields it uses (the rest of the line is skipped unparsed, which keeps re-reading a
/// record of hundreds of facts cheap). Both record forms are understood: the fields at the
/// top level, or inside an `extraction` object.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Record {
    path: String,
    sha256: String,
    department: Option<String>,
    year: Option<i64>,
    error: Option<String>,
    extraction: Option<Box<Record>>,
    facts: Vec<RecFact>,
    statements: Vec<RecStatement>,
}

/// A fact as the pass reads it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RecFact {
    id: String,
    label: String,
    concept: Option<String>,
    kind: String,
    value: String,
    stated: String,
    decimals: Option<u64>,
    unit: String,
    quote: String,
    location: Value,
}

/// A statement as the pass reads it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RecStatement {
    kind: String,
    facts: Vec<FactRef>,
    roles: Vec<Value>,
    sign: Option<i64>,
    quote: String,
}

/// A statement's reference to a fact: its index (library form) or its id (report form).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum FactRef {
    Index(u64),
    Id(String),
    Other(serde::de::IgnoredAny),
}

impl Record {
    /// Reads a record line; None when it is not a record.
    pub fn parse(line: &[u8]) -> Option<Record> {
        serde_json::from_slice(line).ok()
    }

    /// Reads a record already parsed as a JSON value.
    pub fn of_value(v: &Value) -> Option<Record> {
        Record::deserialize(v).ok()
    }

    /// Where the facts and statements are: the extraction object, if any.
    fn body(&self) -> &Record {
        self.extraction.as_deref().unwrap_or(self)
    }

    fn department(&self) -> Option<&str> {
        self.extraction
            .as_ref()
            .and_then(|e| e.department.as_deref())
            .or(self.department.as_deref())
            .filter(|d| !d.trim().is_empty())
    }

    fn year(&self) -> Option<i64> {
        self.extraction.as_ref().and_then(|e| e.year).or(self.year)
    }

    /// A statement's facts with their roles.
    fn statement_facts<'a>(&'a self, st: &'a RecStatement) -> Vec<(&'a str, &'a RecFact)> {
        let facts = &self.body().facts;
        st.facts
            .iter()
            .zip(&st.roles)
            .filter_map(|(r, role)| {
                let fact = match r {
                    FactRef::Index(i) => facts.get(*i as usize),
                    FactRef::Id(id) => facts.iter().find(|f| f.id == *id),
                    FactRef::Other(_) => None,
                }?;
                Some((role.as_str().unwrap_or(""), fact))
            })
            .collect()
    }
}

/// Reads an amount fact; None for anything that is not money.
fn amount_of(f: &RecFact) -> Option<Amount> {
    if f.kind != "amount" {
        return None;
    }
    let mu = MoneyUnit::parse(&f.unit)?;
    let value = Decimal::from_str(&f.value).ok()?;
    let decimals = f.decimals.unwrap_or(0) as u32;
    let half = mu.to_wan(Decimal::new(5, decimals.min(26) + 1))?;
    Some(Amount {
        wan: mu.to_wan(value)?,
        half,
        stated: f.stated.clone(),
        unit: f.unit.clone(),
        fact: f.id.clone(),
        quote: f.quote.clone(),
        location: f.location.clone(),
    })
}

/// The matching key of a fact: "concept:<id>" or "label:<label>".
fn key_of(f: &RecFact) -> Option<String> {
    if let Some(c) = f.concept.as_deref().filter(|c| !c.is_empty()) {
        return Some(format!("concept:{c}"));
    }
    let l = f.label.trim();
    (!l.is_empty()).then(|| format!("label:{l}"))
}

/// A yoy statement's implied prior, read from a record.
struct Claim<'a> {
    key: String,
    current: Amount,
    delta: Amount,
    sign: i8,
    statement: &'a RecStatement,
}

/// The yoy claims of a record (none for an error record).
fn claims_of(r: &Record) -> Vec<Claim<'_>> {
    let mut out = Vec::new();
    if r.error.is_some() {
        return out;
    }
    for st in &r.body().statements {
        if st.kind != "yoy" {
            continue;
        }
        let Some(sign) = st.sign else {
            continue;
        };
        let facts = r.statement_facts(st);
        let find = |role: &str| facts.iter().find(|(ro, _)| *ro == role).map(|x| x.1);
        let (Some(cf), Some(df)) = (find("current"), find("delta")) else {
            continue;
        };
        let (Some(current), Some(delta), Some(key)) = (amount_of(cf), amount_of(df), key_of(cf))
        else {
            continue;
        };
        out.push(Claim {
            key,
            current,
            delta,
            sign: sign.clamp(-1, 1) as i8,
            statement: st,
        });
    }
    out
}

/// What the pass needs of a document record: department, year and number of yoy claims.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// Department, trimmed.
    pub department: Option<String>,
    /// Year.
    pub year: Option<i64>,
    /// Year-on-year claims (statements whose prior year the previous document may print).
    pub claims: u32,
}

impl DocMeta {
    /// Reads it from a record.
    pub fn of(r: &Value) -> DocMeta {
        Record::of_value(r).map_or_else(DocMeta::default, |r| DocMeta::of_record(&r))
    }

    /// Reads it from a record read with [`Record::parse`].
    pub fn of_record(r: &Record) -> DocMeta {
        DocMeta {
            department: r.department().map(|d| d.trim().to_string()),
            year: r.year(),
            claims: claims_of(r).len() as u32,
        }
    }

    /// The same as [`DocMeta::of`] the document's record, read from the result itself (a
    /// corpus run makes it for every document; parsing each record back cost a tenth of a
    /// run).
    pub fn of_result(r: &crate::DocResult) -> DocMeta {
        use crate::extract::{Fact, FactKind, Role, Statement, StatementKind};
        // An error record carries no extraction.
        let ex = r.extraction.as_ref().filter(|_| r.error.is_none());
        let claims = ex.map_or(0, |ex| {
            let claim_fact = |st: &Statement, role: Role| {
                let f = st
                    .facts
                    .iter()
                    .zip(&st.roles)
                    .find(|(_, ro)| **ro == role)
                    .and_then(|(i, _)| ex.facts.get(*i))?;
                let mu = MoneyUnit::parse(&f.unit).filter(|_| f.kind == FactKind::Amount)?;
                mu.to_wan(f.value)?;
                mu.to_wan(Decimal::new(5, f.decimals.min(26) + 1))?;
                Some(f)
            };
            let keyed = |f: &Fact| {
                f.concept.as_deref().is_some_and(|c| !c.is_empty()) || !f.label.trim().is_empty()
            };
            ex.statements
                .iter()
                .filter(|st| st.kind == StatementKind::Yoy && st.sign.is_some())
                .filter(|st| {
                    claim_fact(st, Role::Current).is_some_and(keyed)
                        && claim_fact(st, Role::Delta).is_some()
                })
                .count() as u32
        });
        DocMeta {
            department: ex
                .and_then(|e| e.department.as_deref())
                .filter(|d| !d.trim().is_empty())
                .map(|d| d.trim().to_string()),
            year: ex.and_then(|e| e.year).map(i64::from),
            claims,
        }
    }
}

/// What the pass keeps of a document: its department (interned), year and number of claims
/// (20 bytes; paths, hashes and figures are re-read from the record when needed).
#[derive(Debug, Clone, Copy)]
struct Meta {
    department: Option<u32>,
    year: Option<i32>,
    claims: u32,
}

/// A document's place, read back from its record for a finding.
struct Place<'a> {
    department: &'a str,
    year: i64,
    path: &'a str,
    sha256: &'a str,
}

/// Counts of the cross-document pass (for summary.json: what silence means).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CrossStats {
    /// Documents with a recognised department and year.
    pub documents_placed: usize,
    /// Documents whose department's previous year is in the corpus.
    pub documents_with_prior: usize,
    /// Year-on-year amount statements found (with a current figure and a change).
    pub claims: usize,
    /// Not compared: the department's prior-year disclosure is not in the corpus.
    pub no_prior_document: usize,
    /// Of those, compared with the prior-year disclosure.
    pub compared: usize,
    /// Compared and consistent.
    pub consistent: usize,
    /// Not compared: the prior-year disclosure has no figure with that concept/label.
    pub no_prior_figure: usize,
    /// Not compared: the prior-year disclosure prints different values under that key.
    pub ambiguous: usize,
}

/// Where the prior-year figure is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorRef {
    /// Prior-year document path.
    pub path: String,
    /// Its SHA-256.
    pub sha256: String,
    /// The printed prior figure.
    pub stated: String,
    /// Its fact id.
    pub fact: String,
    /// Its quote.
    pub quote: String,
    /// Its location.
    pub location: Value,
}

/// One cross-document finding (a `"type":"corpus_finding"` JSON line).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorpusFinding {
    /// Always "corpus_finding".
    #[serde(rename = "type")]
    pub kind: String,
    /// Output contract version.
    pub schema_version: u32,
    /// Stable id (hash of rule, both documents and both facts).
    pub id: String,
    /// Rule id.
    pub rule: String,
    /// "error" or "warning".
    pub severity: String,
    /// What does not hold.
    pub message: String,
    /// Department.
    pub department: String,
    /// This year.
    pub year: i64,
    /// The prior year.
    pub prior_year: i64,
    /// Matching key ("concept:…" or "label:…").
    pub key: String,
    /// Numbers as printed: current, change, printed prior.
    pub values: Vec<String>,
    /// The recomputation.
    pub expected: String,
    /// This year's document.
    pub path: String,
    /// Its SHA-256.
    pub sha256: String,
    /// The yoy sentence.
    pub quote: String,
    /// Where the current figure is.
    pub location: Value,
    /// The current figure's fact id.
    pub fact: String,
    /// The prior-year figure.
    pub prior: PriorRef,
}

/// The cross-document pass: feed records with [`CrossDoc::add`] (in order), then
/// [`CrossDoc::finish`] re-reads each document that has a prior-year document together with
/// that prior, one pair at a time. Memory: 20 bytes per document plus the department names.
#[derive(Debug, Default)]
pub struct CrossDoc {
    departments: crate::report::outdir::Names,
    metas: Vec<Meta>,
}

impl CrossDoc {
    /// A pass expecting `n` documents (the per-document vector is allocated once).
    pub fn with_capacity(n: usize) -> CrossDoc {
        CrossDoc {
            departments: Default::default(),
            metas: Vec::with_capacity(n),
        }
    }

    /// Adds the next document record (index = order of `add` calls).
    pub fn add(&mut self, r: &Value) {
        self.add_meta(&DocMeta::of(r));
    }

    /// Adds the next document by what the pass needs of its record, read where the record
    /// was made (so the record need not be parsed again).
    pub fn add_meta(&mut self, m: &DocMeta) {
        let department = m.department.as_deref().map(|d| self.departments.id(d));
        self.metas.push(Meta {
            department,
            year: m.year.and_then(|y| i32::try_from(y).ok()),
            claims: m.claims,
        });
    }

    /// The first document (in input order) of each (department, year), sorted: 16 bytes a
    /// placed document, for [`Self::prior_of`].
    fn firsts(&self) -> Vec<(u32, i32, usize)> {
        let mut first: Vec<(u32, i32, usize)> = self
            .metas
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some((m.department?, m.year?, i)))
            .collect();
        // Sorted by (department, year, index): dedup keeps the first in input order.
        first.sort_unstable();
        first.dedup_by_key(|e| (e.0, e.1));
        first
    }

    /// The prior-year document of a document, if it has one.
    fn prior_of(m: &Meta, firsts: &[(u32, i32, usize)]) -> Option<usize> {
        let (d, y) = (m.department?, m.year?.checked_sub(1)?);
        let i = firsts.binary_search_by(|e| (e.0, e.1).cmp(&(d, y))).ok()?;
        firsts.get(i).map(|e| e.2)
    }

    /// Compares every claim with the figures its prior-year document prints and returns
    /// findings in document order, with counts. `read` re-reads a document's record by index
    /// (each document with claims and a prior, and that prior).
    pub fn finish(
        self,
        read: &mut dyn FnMut(usize) -> Option<Record>,
        lang: Lang,
    ) -> (Vec<CorpusFinding>, CrossStats) {
        let firsts = self.firsts();
        let mut stats = CrossStats {
            documents_placed: self
                .metas
                .iter()
                .filter(|m| m.department.is_some() && m.year.is_some())
                .count(),
            documents_with_prior: self
                .metas
                .iter()
                .filter(|m| Self::prior_of(m, &firsts).is_some())
                .count(),
            claims: self.metas.iter().map(|m| m.claims as usize).sum(),
            ..CrossStats::default()
        };
        let mut findings = Vec::new();
        for (i, m) in self.metas.iter().enumerate() {
            if m.claims == 0 {
                continue;
            }
            let Some(p) = Self::prior_of(m, &firsts) else {
                stats.no_prior_document += m.claims as usize;
                continue;
            };
            let (Some(r), Some(pr)) = (read(i), read(p)) else {
                stats.no_prior_figure += m.claims as usize;
                continue;
            };
            let claims = claims_of(&r);
            let wanted: BTreeSet<&str> = claims.iter().map(|c| c.key.as_str()).collect();
            let mut printed: BTreeMap<String, Vec<Amount>> = BTreeMap::new();
            for f in &pr.body().facts {
                let Some(k) = key_of(f).filter(|k| wanted.contains(k.as_str())) else {
                    continue;
                };
                if let Some(a) = amount_of(f) {
                    printed.entry(k).or_default().push(a);
                }
            }
            let place = |r: &'_ Record| -> (String, i64, String, String) {
                (
                    r.department().unwrap_or("").trim().to_string(),
                    r.year().unwrap_or(0),
                    r.path.clone(),
                    r.sha256.clone(),
                )
            };
            let (here, there) = (place(&r), place(&pr));
            for c in &claims {
                let Some(first) = printed.get(&c.key).and_then(|l| l.first()) else {
                    stats.no_prior_figure += 1;
                    continue;
                };
                if printed
                    .get(&c.key)
                    .is_some_and(|l| l.iter().any(|a| a.wan != first.wan))
                {
                    stats.ambiguous += 1;
                    continue;
                }
                stats.compared += 1;
                match compare(c, first) {
                    None => stats.consistent += 1,
                    Some((severity, implied, diff)) => {
                        let quote = c.statement.quote.as_str();
                        findings.push(finding(
                            c.sign,
                            [&c.current, &c.delta, first],
                            &c.key,
                            quote,
                            [
                                &Place {
                                    department: &here.0,
                                    year: here.1,
                                    path: &here.2,
                                    sha256: &here.3,
                                },
                                &Place {
                                    department: &there.0,
                                    year: there.1,
                                    path: &there.2,
                                    sha256: &there.3,
                                },
                            ],
                            severity,
                            implied,
                            diff,
                            lang,
                        ));
                    }
                }
            }
        }
        (findings, stats)
    }
}

/// Interval comparison with the checker's interval semantics ([`crate::check::interval`]):
/// holds when the implied and printed intervals overlap; otherwise a warning when the
/// printed prior is within 1.5 units of its last digit of the implied point, else an error.
/// Returns (severity, implied prior, implied − printed) when they disagree.
fn compare(c: &Claim, q: &Amount) -> Option<(&'static str, Decimal, Decimal)> {
    use crate::check::interval::Interval;
    let implied = c.current.wan - Decimal::from(c.sign) * c.delta.wan;
    let slack = c.current.half + c.delta.half;
    let implied_iv = Interval {
        lo: implied - slack,
        hi: implied + slack,
    };
    let printed_iv = Interval {
        lo: q.wan - q.half,
        hi: q.wan + q.half,
    };
    if implied_iv.overlaps(&printed_iv) {
        return None;
    }
    let unit = q.half * Decimal::TWO;
    let diff = (q.wan - implied).abs();
    let severity = if diff <= unit * Decimal::new(15, 1) {
        "warning"
    } else {
        "error"
    };
    Some((severity, implied, implied - q.wan))
}

fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

#[allow(clippy::too_many_arguments)]
fn finding(
    sign: i8,
    [cur, del, q]: [&Amount; 3],
    key: &str,
    quote: &str,
    [meta, pmeta]: [&Place; 2],
    severity: &'static str,
    implied: Decimal,
    diff: Decimal,
    lang: Lang,
) -> CorpusFinding {
    let year = meta.year;
    let op = if sign < 0 { "+" } else { "−" };
    let scale = cur.wan.scale().max(del.wan.scale());
    let mut implied_r = implied;
    implied_r.rescale(scale);
    let (current, delta, printed, gap) = (
        plain(cur.wan),
        plain(del.wan),
        plain(q.wan),
        plain(diff.abs()),
    );
    let prior = year - 1;
    let label = key.split_once(':').map(|x| x.1).unwrap_or(key);
    let (expected, message) = match lang {
        Lang::Zh => (
            format!("{current} {op} {delta} = {implied_r} (万元); {prior}年公开说明列示 {printed}"),
            format!(
                "上年数不一致：{year}年公开说明“{label}”与上年相比的变动额隐含{prior}年数为{implied_r}万元，但{prior}年公开说明列示{printed}万元（相差{gap}万元）"
            ),
        ),
        Lang::En => (
            format!("{current} {op} {delta} = {implied_r} (万元); the {prior} disclosure prints {printed}"),
            format!(
                "prior-year figure differs: the change against last year of “{label}” in the {year} disclosure implies {implied_r} 万元 for {prior}, but the {prior} disclosure prints {printed} 万元 (a difference of {gap} 万元)"
            ),
        ),
    };
    let id_src = format!(
        "{RULE}|{}|{}|{}|{}|{}",
        meta.sha256, cur.fact, key, pmeta.sha256, q.fact
    );
    let id = crate::sha256_hex(id_src.as_bytes())
        .chars()
        .take(16)
        .collect();
    CorpusFinding {
        kind: "corpus_finding".into(),
        schema_version: crate::SCHEMA_VERSION,
        id,
        rule: RULE.into(),
        severity: severity.into(),
        message,
        department: meta.department.to_string(),
        year,
        prior_year: year - 1,
        key: key.to_string(),
        values: vec![cur.stated.clone(), del.stated.clone(), q.stated.clone()],
        expected,
        path: meta.path.to_string(),
        sha256: meta.sha256.to_string(),
        quote: if quote.is_empty() {
            cur.quote.clone()
        } else {
            quote.to_string()
        },
        location: cur.location.clone(),
        fact: cur.fact.clone(),
        prior: PriorRef {
            path: pmeta.path.to_string(),
            sha256: pmeta.sha256.to_string(),
            stated: q.stated.clone(),
            fact: q.fact.clone(),
            quote: q.quote.clone(),
            location: q.location.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fact(id: &str, label: &str, value: &str, decimals: u32) -> Value {
        json!({"id": id, "kind": "amount", "label": label, "value": value, "stated": value,
               "decimals": decimals, "unit": "万元", "quote": label, "location": {"block": 1}})
    }

    fn doc(sha: &str, year: i64, facts: Vec<Value>, statements: Vec<Value>) -> Value {
        json!({"type": "document", "path": format!("{sha}.txt"), "sha256": sha,
               "extraction": {"department": "青山州财政局", "year": year,
                              "facts": facts, "statements": statements}})
    }

    fn run(docs: &[Value]) -> (Vec<CorpusFinding>, CrossStats) {
        run_in(docs, Lang::Zh)
    }

    fn run_in(docs: &[Value], lang: Lang) -> (Vec<CorpusFinding>, CrossStats) {
        let mut cd = CrossDoc::default();
        for d in docs {
            cd.add(d);
        }
        cd.finish(&mut |i| docs.get(i).and_then(Record::of_value), lang)
    }

    // 减少0.78 from 394.52 implies 395.30 last year: 393.74 printed is an error, 395.31 is
    // inside the summed intervals, 395.32 is outside and two units off (error); a prior
    // printed with one decimal, 395.4, is outside but within 1.5 units (warning).
    #[test]
    fn prior_year_interval_semantics() {
        let label = "社会保障和就业支出(类)民政管理事务(款)行政运行(项)";
        let cur = doc(
            "b",
            2024,
            vec![
                fact("F0001", label, "394.52", 2),
                fact("F0002", "减少", "0.78", 2),
            ],
            vec![
                json!({"kind": "yoy", "facts": [0, 1], "roles": ["current", "delta"], "sign": -1, "quote": "q"}),
            ],
        );
        for (printed, expect) in [
            ("393.74", Some("error")),
            ("395.30", None),
            ("395.31", None),
            ("395.32", Some("error")),
            ("395.4", Some("warning")),
        ] {
            let decimals = printed.split('.').nth(1).map_or(0, |d| d.len() as u32);
            let prior = doc(
                "a",
                2023,
                vec![fact("F0009", label, printed, decimals)],
                vec![],
            );
            let (f, stats) = run(&[prior, cur.clone()]);
            assert_eq!(stats.compared, 1);
            assert_eq!(f.first().map(|x| x.severity.as_str()), expect, "{printed}");
        }
        let prior = doc("a", 2023, vec![fact("F0009", label, "393.74", 2)], vec![]);
        let (f, _) = run(&[prior.clone(), cur.clone()]);
        assert_eq!(
            f[0].expected,
            "394.52 + 0.78 = 395.30 (万元); 2023年公开说明列示 393.74"
        );
        assert_eq!(f[0].prior.path, "a.txt");
        assert_eq!(
            f[0].message,
            format!("上年数不一致：2024年公开说明“{label}”与上年相比的变动额隐含2023年数为395.30万元，但2023年公开说明列示393.74万元（相差1.56万元）")
        );
        // Under --lang en the record is in English.
        let (f, _) = run_in(&[prior, cur.clone()], Lang::En);
        assert_eq!(
            f[0].expected,
            "394.52 + 0.78 = 395.30 (万元); the 2023 disclosure prints 393.74"
        );
        assert_eq!(
            f[0].message,
            format!("prior-year figure differs: the change against last year of “{label}” in the 2024 disclosure implies 395.30 万元 for 2023, but the 2023 disclosure prints 393.74 万元 (a difference of 1.56 万元)")
        );
        // Two different printed values under one key: ambiguous, not compared.
        let prior = doc(
            "a",
            2023,
            vec![
                fact("F0009", label, "393.74", 2),
                fact("F0010", label, "1.00", 2),
            ],
            vec![],
        );
        let (f, stats) = run(&[prior, cur]);
        assert_eq!((f.len(), stats.ambiguous, stats.compared), (0, 1, 0));
    }
}
