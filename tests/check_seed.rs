//! The seed, through the real binary: `crossfoot check` reports exactly the reviewed
//! findings of corpus/changji-minzheng-2024-juesuan.expected-findings.toml at error/warning
//! severity (no more, no fewer), runs at least 400 checks, and honours the exit-code and
//! output contracts (json, jsonl, text, --lang en, --fail-on, unreadable input).

use serde::Deserialize;
use std::process::Command;

const SEED: &str = "corpus/changji-minzheng-2024-juesuan.txt";

#[derive(Deserialize)]
struct Expected {
    finding: Vec<ExpectedFinding>,
}

#[derive(Deserialize)]
struct ExpectedFinding {
    rule: String,
    severity: String,
    project: String,
    quote: String,
    values: Vec<String>,
    reason: String,
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run crossfoot");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
    )
}

fn seed_json() -> serde_json::Value {
    let (code, out) = run(&["check", "--format", "json", "--fail-on", "never", SEED]);
    assert_eq!(code, 0);
    serde_json::from_str(&out).expect("json")
}

// Exactly the reviewed findings at error/warning severity, matched one to one.
#[test]
fn seed_reports_exactly_the_reviewed_findings() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/changji-minzheng-2024-juesuan.expected-findings.toml"),
    )
    .expect("expected findings file");
    let expected: Expected = toml::from_str(&text).expect("expected findings parse");
    let v = seed_json();
    let findings: Vec<&serde_json::Value> = v["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    let mut unmatched: Vec<&serde_json::Value> = findings.clone();
    for e in &expected.finding {
        assert!(!e.reason.is_empty());
        let pos = unmatched.iter().position(|f| {
            f["rule"] == e.rule.as_str()
                && f["severity"] == e.severity.as_str()
                && f["project"] == e.project.as_str()
                && f["quote"].as_str().is_some_and(|q| q.contains(&e.quote))
                && f["values"].as_array().is_some_and(|vs| {
                    vs.iter()
                        .map(|x| x.as_str().unwrap_or(""))
                        .eq(e.values.iter().map(String::as_str))
                })
        });
        match pos {
            Some(i) => {
                unmatched.remove(i);
            }
            None => panic!(
                "expected finding not reported: {} {} {}",
                e.rule, e.project, e.quote
            ),
        }
    }
    assert!(unmatched.is_empty(), "unexpected findings: {unmatched:#?}");
    assert_eq!(findings.len(), expected.finding.len());
}

// Coverage: at least 400 checks run on the seed, every statement kind found and checked.
#[test]
fn seed_coverage() {
    let v = seed_json();
    let cov = &v["documents"][0]["coverage"];
    let run = cov["checks_run"].as_u64().expect("checks_run");
    assert!(run >= 400, "only {run} checks run");
    for kind in [
        "sum",
        "share",
        "share_family",
        "yoy",
        "variance",
        "list_count",
        "restated",
        "identity",
        "execution_rate",
        "funds_score",
        "weight_sum",
        "score_sum",
        "score_cap",
        "completion",
        "missed_target",
        "cost_sum",
        "narrative_count",
        "indicator_score",
    ] {
        let k = &cov["by_kind"][kind];
        assert!(
            k["checked"].as_u64().unwrap_or(0) > 0,
            "{kind} not checked: {k}"
        );
    }
    assert_eq!(v["summary"]["checks"]["run"].as_u64(), Some(run));
    assert_eq!(v["summary"]["findings"]["error"].as_u64(), Some(0));
    assert_eq!(cov["by_family"]["perf"]["warning"].as_u64(), Some(8));
}

// Exit codes: warnings only → 0 by default, 1 with --fail-on warning; an unreadable input
// → 2 while the seed is still reported.
#[test]
fn exit_codes() {
    assert_eq!(run(&["check", SEED]).0, 0);
    assert_eq!(run(&["check", "--fail-on", "warning", SEED]).0, 1);
    let (code, out) = run(&["check", "--format", "jsonl", "no-such-file.pdf", SEED]);
    assert_eq!(code, 2);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["type"], "document");
    assert_eq!(lines[0]["status"], "error");
    assert_eq!(lines[1]["status"], "ok");
    assert_eq!(lines[2]["type"], "summary");
    assert_eq!(lines[2]["documents"], 2);
    assert_eq!(lines[2]["failed"], 1);
}

// The JSON contract's fields, and English messages with --lang en.
#[test]
fn json_contract_and_english() {
    let v = seed_json();
    assert_eq!(v["schema_version"], 1);
    let d = &v["documents"][0];
    for k in [
        "path", "format", "sha256", "status", "error", "coverage", "findings",
    ] {
        assert!(d.get(k).is_some(), "missing {k}");
    }
    let f = &d["findings"][0];
    for k in [
        "id", "rule", "severity", "message", "quote", "values", "expected", "location",
    ] {
        assert!(f.get(k).is_some(), "missing {k}");
    }
    let (_, en) = run(&["check", "--lang", "en", SEED]);
    assert!(
        en.contains("completion does not match actual/target: stated 112%"),
        "{en}"
    );
    let (_, zh) = run(&["check", SEED]);
    assert!(zh.contains("完成率与业绩值/目标值不符：所列112%"), "{zh}");
}

// `crossfoot rules` lists every rule with severities and a description.
#[test]
fn rules_listing() {
    let (code, out) = run(&["rules", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out
        .lines()
        .any(|l| l.starts_with("yoy.rate\tinfo–error\tgrowth rate = change / prior")));
    assert!(out.lines().any(|l| l.starts_with("identity.procurement\t")));
    // The cross-document rule of corpus mode is a rule too.
    assert!(out
        .lines()
        .any(|l| l.starts_with("corpus.prior_year\twarning–error\t")));
    // The workbook rule: formulas' cached values recomputed.
    assert!(out
        .lines()
        .any(|l| l.starts_with("workbook.formula\tinfo–warning\t")));
    // README says how many there are.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let n = out.lines().count();
    assert!(
        readme.contains(&format!("`crossfoot rules` lists all {n} rules")),
        "README does not say {n} rules"
    );
}

fn reported(doc: &serde_json::Value) -> Vec<(String, String, String, Vec<String>)> {
    let mut v: Vec<_> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["severity"].as_str().unwrap_or("").to_string(),
                f["project"].as_str().unwrap_or("").to_string(),
                f["values"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|x| x.as_str().unwrap_or("").to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

// The PDF, DOCX and GBK renditions of the seed report the same findings as the text, and
// run the same number of checks.
#[test]
fn renditions_agree() {
    let (_, out) = run(&[
        "check",
        "--format",
        "json",
        SEED,
        "corpus/changji-minzheng-2024-juesuan.gbk.txt",
        "corpus/changji-minzheng-2024-juesuan.docx",
        "corpus/changji-minzheng-2024-juesuan.pdf",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 4);
    let base = reported(&docs[0]);
    assert_eq!(base.len(), 8);
    for d in &docs[1..] {
        assert_eq!(d["status"], "ok", "{}", d["path"]);
        assert_eq!(reported(d), base, "{}", d["path"]);
        assert_eq!(
            d["coverage"]["checks_run"], docs[0]["coverage"]["checks_run"],
            "{}",
            d["path"]
        );
    }
}
