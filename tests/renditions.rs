//! The seed in every format (text, GBK text, DOCX with real merged cells, PDF made by
//! LibreOffice from that DOCX) must give the same dataset: the same facts (labels, values,
//! units, kinds, projects), the same statements (kinds, roles, which facts) and the same 13
//! indicator tables with every row. Runs the real binary.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const STEM: &str = "changji-minzheng-2024-juesuan";

fn extract(file: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(file);
    let out = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .output()
        .expect("run crossfoot");
    assert!(
        out.status.success(),
        "extract {file}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert!(
        doc.get("error").is_none_or(Value::is_null),
        "{file}: {}",
        doc["error"]
    );
    doc
}

/// Facts without what legitimately differs between formats (ids are kept: they are
/// positional, so equal ids mean equal order).
fn facts(doc: &Value) -> Vec<(String, String, String, String, String, String)> {
    doc["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (
                s("id"),
                s("label"),
                s("value"),
                s("unit"),
                s("kind"),
                s("project"),
            )
        })
        .collect()
}

fn statements(doc: &Value) -> Vec<String> {
    doc["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| format!("{} {} {}", s["kind"], s["facts"], s["roles"]))
        .collect()
}

fn indicators(doc: &Value) -> Vec<String> {
    doc["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|i| {
            [
                "project",
                "level1",
                "level2",
                "level3",
                "weight",
                "target",
                "actual",
                "completion",
                "score",
            ]
            .iter()
            .map(|k| {
                i[*k]
                    .as_str()
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" | ")
        })
        .collect()
}

// Every rendition yields the text rendition's facts, statements and indicator rows.
#[test]
fn all_renditions_extract_the_same_dataset() {
    let txt = extract(&format!("{STEM}.txt"));
    let facts_txt = facts(&txt);
    assert!(facts_txt.len() > 1000, "seed facts: {}", facts_txt.len());
    let ind_txt = indicators(&txt);
    assert_eq!(ind_txt.len(), 107, "indicator rows in the 13 tables");
    let projects: std::collections::BTreeSet<&str> = txt["indicators"]
        .as_array()
        .expect("ind")
        .iter()
        .filter_map(|i| i["project"].as_str())
        .collect();
    assert_eq!(projects.len(), 13, "{projects:?}");
    for file in [
        format!("{STEM}.gbk.txt"),
        format!("{STEM}.docx"),
        format!("{STEM}.pdf"),
    ] {
        let other = extract(&file);
        let f = facts(&other);
        let first_diff = facts_txt.iter().zip(&f).position(|(a, b)| a != b);
        assert_eq!(
            facts_txt.len(),
            f.len(),
            "{file}: fact count (first difference at {first_diff:?})"
        );
        assert_eq!(first_diff, None, "{file}: facts differ");
        assert_eq!(
            statements(&txt),
            statements(&other),
            "{file}: statements differ"
        );
        assert_eq!(ind_txt, indicators(&other), "{file}: indicator rows differ");
        assert_eq!(txt["department"], other["department"], "{file}");
        assert_eq!(txt["year"], other["year"], "{file}");
    }
    assert_eq!(txt["department"], "昌吉回族自治州民政局");
    assert_eq!(txt["year"], 2024);
}
