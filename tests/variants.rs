//! Phrasing variants: the same figures said differently must extract and check the same.
//!
//! Each variant rewrites every narrative paragraph of the seed and of two synthetic
//! departments (tables untouched), the document goes through the text serializer and the
//! whole pipeline, and then:
//! - the narrative facts are the same: same concept (or label, for facts without a concept),
//!   kind and value (amounts compared in 万元, so 元 and 亿元 variants must convert exactly);
//! - the findings are the same by rule and severity (warnings and errors), with no new ones.
//!
//! Variants: 。→， between clauses; 收入总计/支出总计 ↔ 收入合计/支出合计 (the concept
//! dictionary treats them as one); 比上年 → 较上年 / 同比, 与上年相比 → 同比; amounts in 元
//! (×10000, two decimals) or 亿元 instead of 万元; full-width digits, ． and ％; hard line
//! wraps inside sentences (also between a number and its unit); a space before %.
// Test code: a failure to read the seed or to run the pipeline should fail loudly.
#![allow(clippy::unwrap_used)]

#[path = "support/inject.rs"]
mod inject;
#[path = "support/synth.rs"]
mod synth;

use crossfoot::check::Severity;
use crossfoot::document::{BlockKind, Document};
use crossfoot::patterns::PatternSet;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// The documents: (name, text).
fn docs() -> Vec<(String, String)> {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.txt"
    ))
    .unwrap();
    let mut out = vec![("seed".to_string(), seed)];
    let opts = synth::SynthOptions {
        error_per_mille: 0,
        first_year: 2024,
        last_year: 2024,
        ..synth::SynthOptions::default()
    };
    for index in [3, 11] {
        for d in synth::department_docs(index, &opts) {
            out.push((d.stem, d.text));
        }
    }
    out
}

/// Applies `f` to every paragraph.
fn rewrite(doc: &Document, f: &dyn Fn(&str) -> String) -> Document {
    let mut d = doc.clone();
    for b in &mut d.blocks {
        if let BlockKind::Paragraph(p) = &mut b.kind {
            p.text = f(&p.text);
        }
    }
    d
}

/// Narrative facts as (concept or label, kind, value in 万元 or as printed), sorted.
fn narrative_facts(ex: &crossfoot::extract::Extraction) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = ex
        .facts
        .iter()
        .filter(|f| f.location.row.is_none())
        .map(|f| {
            (
                f.concept.clone().unwrap_or_else(|| f.label.clone()),
                format!("{:?}", f.kind),
                f.value_wan.unwrap_or(f.value).normalize().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Warning and error findings counted by (rule, severity).
fn findings(r: &crossfoot::check::CheckReport) -> BTreeMap<(String, Severity), usize> {
    let mut m = BTreeMap::new();
    for f in r
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
    {
        *m.entry((f.rule.clone(), f.severity)).or_insert(0) += 1;
    }
    m
}

/// Numbers followed by a money unit: (start, end of number, unit start, unit end).
fn money_spans(s: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b','))
        {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',' || b[i] == b'.') {
                i += 1;
            }
            if s[i..].starts_with("万元") {
                out.push((start, i, i + "万元".len()));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Rewrites every "X万元" with `f(X)` + unit.
fn money(s: &str, f: &dyn Fn(Decimal, u32) -> String) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (start, end, unit_end) in money_spans(s) {
        let printed = &s[start..end];
        let plain: String = printed.chars().filter(|c| *c != ',').collect();
        let Ok(v) = Decimal::from_str(&plain) else {
            continue;
        };
        let dec = plain.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        out.push_str(&s[last..start]);
        out.push_str(&f(v, dec));
        last = unit_end;
    }
    out.push_str(&s[last..]);
    out
}

/// Thousands-separated with `dec` decimals.
fn grouped(v: Decimal, dec: u32) -> String {
    let s = format!("{:.*}", dec as usize, v);
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut g = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    match frac {
        Some(f) => format!("{g}.{f}"),
        None => g,
    }
}

fn yuan(s: &str) -> String {
    money(s, &|v, _| {
        format!("{}元", grouped(v * Decimal::from(10_000), 2))
    })
}

fn yi(s: &str) -> String {
    money(s, &|v, dec| {
        let y = v / Decimal::from(10_000);
        format!("{}亿元", grouped(y, dec + 4))
    })
}

fn full_width(s: &str) -> String {
    let mut prev_digit = false;
    s.chars()
        .map(|c| {
            let out = match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                '.' if prev_digit => '．',
                '%' => '％',
                _ => c,
            };
            prev_digit = c.is_ascii_digit();
            out
        })
        .collect()
}

fn period_to_comma(s: &str) -> String {
    let t = s.trim_end();
    match t.strip_suffix('。') {
        Some(body) => format!("{}。", body.replace('。', "，")),
        None => t.replace('。', "，"),
    }
}

fn total_words(s: &str) -> String {
    // Only where the concept dictionary maps both words to one concept: a clause-initial
    // 收入总计/支出总计 (not 本年…, not 财政拨款…).
    let mut out = String::new();
    let mut rest = s;
    while let Some(pos) = ["收入总计", "支出总计"]
        .iter()
        .filter_map(|w| rest.find(w).map(|p| (p, *w)))
        .min()
    {
        let (p, w) = pos;
        let before = rest[..p].chars().next_back();
        let clause_start = before.is_none_or(|c| "，。；：、（(".contains(c));
        out.push_str(&rest[..p]);
        if clause_start {
            out.push_str(&w.replace("总计", "合计"));
        } else {
            out.push_str(w);
        }
        rest = &rest[p + w.len()..];
    }
    out.push_str(rest);
    out
}

fn compared_jiao(s: &str) -> String {
    s.replace("比上年", "较上年")
}

fn compared_tongbi(s: &str) -> String {
    s.replace("与上年相比，", "同比")
        .replace("比上年决算", "同比")
}

fn space_percent(s: &str) -> String {
    s.replace('%', " %")
}

/// Inserts a hard wrap every `width` characters (as text copied from a page of that width)
/// and between every number and 万元.
fn wrap_at(s: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && i % width == 0 {
            out.push('\n');
        }
        out.push(c);
    }
    // A wrap that already falls before 万元 is not doubled (a blank line would end the
    // paragraph, which no wrapper does).
    out.replace("万元", "\n万元").replace("\n\n", "\n")
}

/// A wrap inside every sentence: between each number and its unit 万元, and after the
/// first character of every clause that follows a comma.
fn wraps(s: &str) -> String {
    s.replace("万元", "\n万元").replace('，', "，\n")
}

fn wraps_45(s: &str) -> String {
    wrap_at(s, 45)
}

fn wraps_28(s: &str) -> String {
    wrap_at(s, 28)
}

/// Runs one variant over all documents; returns the failures.
/// `with_findings`: also compare findings (see `amounts_in_yuan` for why one variant does
/// not).
fn check_variant(name: &str, f: &dyn Fn(&str) -> String, with_findings: bool) -> Vec<String> {
    let patterns = PatternSet::builtin().unwrap();
    let cfg = crossfoot::Config::default();
    let mut fails = Vec::new();
    for (doc_name, text) in docs() {
        let doc = crossfoot::ingest::text::parse(&text);
        let base = crossfoot::process(
            "a.txt",
            inject::to_text(&doc).as_bytes(),
            &patterns,
            &cfg,
            true,
        );
        if std::env::var("DUMP").is_ok() {
            std::fs::write(
                format!("/tmp/var_{name}_{doc_name}.txt"),
                inject::to_text(&rewrite(&doc, f)),
            )
            .unwrap();
        }
        let var = crossfoot::process(
            "b.txt",
            inject::to_text(&rewrite(&doc, f)).as_bytes(),
            &patterns,
            &cfg,
            true,
        );
        let (be, ve) = (base.extraction.unwrap(), var.extraction.unwrap());
        let (bf, vf) = (narrative_facts(&be), narrative_facts(&ve));
        if bf != vf {
            let missing: Vec<_> = bf.iter().filter(|x| !vf.contains(x)).take(5).collect();
            let extra: Vec<_> = vf.iter().filter(|x| !bf.contains(x)).take(5).collect();
            fails.push(format!(
                "{name} {doc_name}: facts {} vs {}; missing {missing:?}; extra {extra:?}",
                bf.len(),
                vf.len()
            ));
        }
        let (bs, vs) = (be.statements.len(), ve.statements.len());
        if bs != vs {
            fails.push(format!("{name} {doc_name}: statements {bs} vs {vs}"));
        }
        let (bk, vk) = (
            findings(&base.report.unwrap()),
            findings(&var.report.unwrap()),
        );
        if with_findings && bk != vk {
            fails.push(format!("{name} {doc_name}: findings {bk:?} vs {vk:?}"));
        }
    }
    fails
}

macro_rules! variant {
    ($test:ident, $f:expr, facts_only) => {
        // The variant extracts the same narrative facts and statements.
        #[test]
        fn $test() {
            let fails = check_variant(stringify!($test), &$f, false);
            assert!(fails.is_empty(), "{fails:#?}");
        }
    };
    ($test:ident, $f:expr, $ignore:literal) => {
        // The variant extracts the same narrative facts and checks the same.
        #[test]
        #[ignore = $ignore]
        fn $test() {
            let fails = check_variant(stringify!($test), &$f, true);
            assert!(fails.is_empty(), "{fails:#?}");
        }
    };
    ($test:ident, $f:expr) => {
        // The variant extracts the same narrative facts and checks the same.
        #[test]
        fn $test() {
            let fails = check_variant(stringify!($test), &$f, true);
            assert!(fails.is_empty(), "{fails:#?}");
        }
    };
}

variant!(period_as_comma, period_to_comma);
variant!(heji_for_zongji, total_words);
variant!(jiao_shang_nian, compared_jiao);
variant!(tong_bi, compared_tongbi);
// Facts and statements only: 2,405.59万元 rewritten as 24,055,900.00元 claims a precision of
// ±0.005元 instead of ±50元, so parts that held by rounding in 万元 do not add up as printed
// in 元 (seed: one sum.total and one identity.procurement error). Those errors are true for
// the rewritten document; no 元 printing of rounded 万元 figures (0 decimals included, still
// ±0.5元) keeps it consistent, so the findings are not compared.
variant!(amounts_in_yuan, yuan, facts_only);
variant!(amounts_in_yi_yuan, yi);
variant!(full_width_digits, full_width);
variant!(hard_wraps, wraps);
variant!(hard_wraps_at_width_45, wraps_45);
variant!(hard_wraps_at_width_28, wraps_28);
variant!(space_before_percent, space_percent);

// The rewriters themselves do what they say.
#[test]
fn rewriters() {
    assert_eq!(yuan("收入2,405.59万元，"), "收入24,055,900.00元，");
    assert_eq!(yi("收入2,405.59万元"), "收入0.240559亿元");
    assert_eq!(full_width("占5.5%"), "占５．５％");
    assert_eq!(period_to_comma("甲。乙。"), "甲，乙。");
    assert_eq!(
        total_words("收入总计1元，本年收入总计2元"),
        "收入合计1元，本年收入总计2元"
    );
    assert_eq!(wraps("共1.00万元，增加"), "共1.00\n万元，\n增加");
}

// Wording defects: template residue, a cut sentence and doubled punctuation are warnings of
// their own rules, once per wording and page; the clean wording gives none; in a template
// (placeholders such as XX万元) the alternatives are meant and are not reported.
#[test]
fn wording_defects() {
    let set = PatternSet::builtin().expect("patterns");
    let rules = |text: &str| -> Vec<(String, Severity)> {
        let r = crossfoot::process(
            "d.txt",
            text.as_bytes(),
            &set,
            &crossfoot::Config::default(),
            true,
        );
        let mut v: Vec<(String, Severity)> = r
            .report
            .expect("report")
            .findings
            .into_iter()
            .filter(|f| f.rule.starts_with("text."))
            .map(|f| (f.rule, f.severity))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    let defective = "政府性基金收入0.00万元，与上年相比增加（减少）0.00万元。\n其他收入0.00万元，与上年相比增加（减少）0.00万元。\n会议费比上年增加5.00万元，主要原因是。\n本年无政府采购。。\n";
    assert_eq!(
        rules(defective),
        vec![
            ("text.cut".to_string(), Severity::Warning),
            ("text.punct".to_string(), Severity::Warning),
            ("text.residue".to_string(), Severity::Warning),
        ]
    );
    let clean = "政府性基金收入0.00万元，与上年持平。\n会议费比上年增加5.00万元，主要原因是会议增加。\n本年无政府采购。\n";
    assert_eq!(rules(clean), vec![]);
    let template = "收入XX万元，与上年相比增加（减少）XX万元。\n支出XX万元。\n车辆XX辆。\n";
    assert_eq!(rules(template), vec![]);
    // Editing notes and drafting instructions left in.
    let notes = "五、国有资产占有使用情况（增加内容）\n主要包括基本工资、津贴补贴等。（按“部门预算公开06表财政拨款基本支出预算表”中实际发生经济分类支出事项填写）\n";
    assert_eq!(
        rules(notes),
        vec![
            ("text.residue".to_string(), Severity::Warning),
            ("text.residue".to_string(), Severity::Warning),
        ]
    );
    assert_eq!(
        rules("主要包括基本工资、津贴补贴等（按月发放）。\n"),
        vec![]
    );
    // A plan dated before the document's year; one of its own year is not a defect.
    let plan = |y: &str| {
        format!("某某局2025年部门预算\n\n为保证投资可控，拟从{y}年起，由我局申请评审经费。\n")
    };
    assert_eq!(
        rules(&plan("2020")),
        vec![("text.year".to_string(), Severity::Warning)]
    );
    assert_eq!(rules(&plan("2025")), vec![]);
}

// A year dating an amount (text.year) and 部门 wording in a 单位 disclosure (text.scope):
// the defect, and the controls that hold as printed (the document's year, a year the
// paragraph compares with, the prior year's level, a span of years; 部门预算 as the system's
// name, 本单位 in a 部门 disclosure).
#[test]
fn dated_figures_and_scope_wording() {
    let set = PatternSet::builtin().expect("patterns");
    let rules = |text: &str| -> Vec<(String, Severity, String)> {
        let r = crossfoot::process(
            "d.txt",
            text.as_bytes(),
            &set,
            &crossfoot::Config::default(),
            true,
        );
        let mut v: Vec<(String, Severity, String)> = r
            .report
            .expect("report")
            .findings
            .into_iter()
            .filter(|f| f.rule == "text.year" || f.rule == "text.scope")
            .map(|f| (f.rule, f.severity, f.quote))
            .collect();
        v.sort();
        v
    };
    let year = |q: &str| vec![("text.year".to_string(), Severity::Warning, q.to_string())];
    let scope = |q: &str| ("text.scope".to_string(), Severity::Warning, q.to_string());
    let finals = |body: &str| format!("某某局2024年度部门决算公开说明\n\n{body}\n");
    let budget = |body: &str| format!("某某局2025年部门预算公开说明\n\n{body}\n");
    assert_eq!(
        rules(&finals("2022年度收入总计812.50万元。")),
        year("2022年度收入总计")
    );
    assert_eq!(rules(&finals("2024年度收入总计812.50万元。")), vec![]);
    // The prior year's figure, uncompared, is carried-over text; compared, or a level, it is not.
    assert_eq!(
        rules(&finals("2023年度收入总计760.00万元。")),
        year("2023年度收入总计")
    );
    assert_eq!(
        rules(&finals(
            "2024年度收入总计812.50万元，比上年增加52.50万元。2023年度收入总计760.00万元。"
        )),
        vec![]
    );
    assert_eq!(
        rules(&finals("2024年度支出决算812.50万元，与2023年度相比（2023年度支出决算为760.00万元），增加52.50万元，增长6.91%。")),
        vec![]
    );
    assert_eq!(rules(&finals("2023年度决算数为760.00万元。")), vec![]);
    assert_eq!(
        rules(&finals(
            "2021年至2023年累计投入1,200.00万元。截至2023年12月31日，资产总额500.00万元。"
        )),
        vec![]
    );
    assert_eq!(
        rules(&budget("2024年当年预算执行数为880.00万元，2025年预算安排960.00万元，比2024年当年预算执行数增加9.09%。")),
        vec![]
    );
    assert_eq!(
        rules(&budget("2024年“三公”经费预算安排18.00万元。")),
        vec![]
    );
    assert_eq!(
        rules(&budget("2023年“三公”经费预算安排18.00万元。")),
        year("2023年“三公”经费预算安排")
    );
    // 部门 wording: only in a disclosure whose scope is 单位.
    let unit = "某县水文站2024年度单位决算公开说明\n\n一、部门职责\n\n本部门主要负责水文监测。\n";
    assert_eq!(rules(unit), vec![scope("本部门"), scope("部门职责")]);
    assert_eq!(
        rules("某县水文站2024年度单位决算公开说明\n\n一、单位职责\n\n本单位主要负责水文监测。2025年部门预算安排购置车辆0辆。\n"),
        vec![]
    );
    assert_eq!(
        rules("某县水利局2024年度部门决算公开说明\n\n一、部门职责\n\n本单位主要负责水利工作，本部门下设3个科室。\n"),
        vec![]
    );
    assert_eq!(rules("某县水文站\n\n本部门主要负责水文监测。\n"), vec![]);
}

/// A “三公” table (one row) followed by its 空表说明.
fn three_public_with_note(figure: &str, note: &str) -> String {
    let mut t = String::from("“三公”经费支出预算表\n\n\t“三公”经费支出预算表\n\n\t单位：万元\n\n");
    for row in [
        ["合计", "因公出国（境）费", "公务接待费"],
        [figure, figure, "0.00"],
    ] {
        for c in row {
            t.push('\t');
            t.push_str(c);
            t.push('\n');
        }
        t.push('\n');
    }
    t.push_str(note);
    t.push('\n');
    t
}

// A 空表说明 under a table that prints figures, or that names another table's funds, is
// template residue; under an empty table of its own funds it is not.
#[test]
fn empty_table_notes() {
    let set = PatternSet::builtin().expect("patterns");
    let residue = |text: &str| -> usize {
        let r = crossfoot::process(
            "d.txt",
            text.as_bytes(),
            &set,
            &crossfoot::Config::default(),
            true,
        );
        r.report
            .expect("report")
            .findings
            .iter()
            .filter(|f| f.rule == "text.residue")
            .count()
    };
    let note = "注：本部门2024年无“三公”经费预算，故本表为空表。";
    assert_eq!(residue(&three_public_with_note("47.91", note)), 1);
    assert_eq!(residue(&three_public_with_note("0.00", note)), 0);
    let other = "注：本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。";
    assert_eq!(residue(&three_public_with_note("0.00", other)), 1);
}
