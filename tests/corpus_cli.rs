//! Corpus mode through the real binary on a small generated corpus: determinism across
//! thread counts, resume after an interrupted run, shard union, isolation of poisoned
//! documents (panic, timeout), cross-document findings, schemas and the HTML report.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns: a failure is a test failure

#[path = "support/synth.rs"]
mod synth;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const OUT_FILES: [&str; 7] = [
    "documents.jsonl",
    "facts.csv",
    "findings.csv",
    "summary.json",
    "report.html",
    "findings.xlsx",
    "facts.xlsx",
];

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crossfoot"))
}

/// A fresh temporary directory for one test.
fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("crossfoot-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `n` synthetic documents (text, some GBK) into `dir/docs`; returns that dir.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let mut i = 0;
    synth::generate(n, &synth::SynthOptions::default(), |d| {
        if i % 4 == 3 {
            std::fs::write(
                docs.join(format!("{}.gbk.txt", d.stem)),
                synth::to_gbk(&d.text),
            )
            .unwrap();
        } else {
            std::fs::write(docs.join(format!("{}.txt", d.stem)), &d.text).unwrap();
        }
        i += 1;
    });
    docs
}

fn run(args: &[&str]) -> Output {
    let out = bin().args(args).output().unwrap();
    assert!(
        out.status.code().is_some(),
        "crossfoot died: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn assert_same_outputs(a: &Path, b: &Path) {
    for f in OUT_FILES {
        let bytes = |p: &Path| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(bytes(&a.join(f)) == bytes(&b.join(f)), "{f} differs");
    }
}

fn lines_sorted(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text.lines().map(str::to_string).collect();
    v.sort();
    v
}

// -j1 and -j2 give the same bytes on stdout and in every --out file.
#[test]
fn thread_count_does_not_change_output() {
    let t = tmp("determinism");
    let docs = corpus(&t, 20);
    let d = docs.to_str().unwrap();
    for format in ["text", "json"] {
        let a = run(&["check", "-q", "-j1", "--format", format, d]);
        let b = run(&["check", "-q", "-j2", "--format", format, d]);
        assert_eq!(a.stdout, b.stdout, "--format {format}");
    }
    let a = run(&["check", "-q", "-j1", "--format", "jsonl", d]);
    let b = run(&["check", "-q", "-j2", "--format", "jsonl", d]);
    assert_eq!(a.stdout, b.stdout);
    let doc_count = String::from_utf8_lossy(&a.stdout)
        .lines()
        .filter(|l| l.starts_with("{\"type\":\"document\""))
        .count();
    assert_eq!(doc_count, 20);
    let (oa, ob) = (t.join("out1"), t.join("out2"));
    run(&["check", "-q", "-j1", d, "--out", oa.to_str().unwrap()]);
    run(&["check", "-q", "-j2", d, "--out", ob.to_str().unwrap()]);
    assert_same_outputs(&oa, &ob);
    // stdout carries the check contract of the documents of documents.jsonl, in order
    // (documents.jsonl adds the extract contract's facts and statements to each line).
    let stdout = String::from_utf8(a.stdout).unwrap();
    let is_doc = |l: &&str| l.starts_with("{\"type\":\"document\"");
    let file = read(&oa.join("documents.jsonl"));
    let docs_lines: Vec<&str> = file.lines().filter(is_doc).collect();
    let stdout_docs: Vec<&str> = stdout.lines().filter(is_doc).collect();
    assert_eq!(stdout_docs.len(), docs_lines.len());
    for (s, f) in stdout_docs.iter().zip(&docs_lines) {
        let (s, mut f): (Value, Value) = (
            serde_json::from_str(s).unwrap(),
            serde_json::from_str(f).unwrap(),
        );
        for k in ["facts", "statements", "indicators", "warnings"] {
            f.as_object_mut().unwrap().remove(k);
        }
        assert_eq!(s, f);
    }
    // Input order: sorted paths.
    let paths: Vec<String> = docs_lines
        .iter()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["path"].as_str().unwrap().to_string()
        })
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

// A run cut off mid-line, resumed, ends with the same files as an uninterrupted run.
#[test]
fn resume_after_interruption_equals_uninterrupted_run() {
    let t = tmp("resume");
    let docs = corpus(&t, 20);
    let d = docs.to_str().unwrap();
    let full = t.join("full");
    run(&["check", "-q", "-j2", d, "--out", full.to_str().unwrap()]);
    let cut = t.join("cut");
    run(&["check", "-q", "-j2", d, "--out", cut.to_str().unwrap()]);
    // Simulate a kill: keep 7 complete lines and half of the 8th; the end-of-run files are
    // gone or stale; the CSVs hold rows of documents not in the jsonl.
    let text = read(&cut.join("documents.jsonl"));
    let mut kept: Vec<u8> = text
        .split_inclusive('\n')
        .take(7)
        .flat_map(|l| l.bytes())
        .collect();
    let eighth = text.split_inclusive('\n').nth(7).unwrap().as_bytes();
    kept.extend_from_slice(&eighth[..eighth.len() / 2 + 1]); // mid-character too
    std::fs::write(cut.join("documents.jsonl"), &kept).unwrap();
    std::fs::remove_file(cut.join("summary.json")).unwrap();
    std::fs::write(cut.join("report.html"), "stale").unwrap();
    let out = run(&[
        "check",
        "-j2",
        d,
        "--out",
        cut.to_str().unwrap(),
        "--resume",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("处理 13 份文件") && stderr.contains("7 份已有记录而跳过（--resume）"),
        "{stderr}"
    );
    assert_same_outputs(&full, &cut);
}

// Resume after a real kill: spawn, wait until some documents are written, kill, resume.
#[test]
fn resume_after_kill_equals_uninterrupted_run() {
    let t = tmp("kill");
    let docs = corpus(&t, 40);
    let d = docs.to_str().unwrap();
    let full = t.join("full");
    run(&["check", "-q", "-j1", d, "--out", full.to_str().unwrap()]);
    let killed = t.join("killed");
    let mut child = bin()
        .args(["check", "-q", "-j1", d, "--out", killed.to_str().unwrap()])
        .spawn()
        .unwrap();
    let jsonl = killed.join("documents.jsonl");
    for _ in 0..2000 {
        let n = std::fs::read_to_string(&jsonl)
            .map(|s| s.lines().count())
            .unwrap_or(0);
        if n >= 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let _ = child.kill();
    let _ = child.wait();
    run(&[
        "check",
        "-q",
        "-j2",
        d,
        "--out",
        killed.to_str().unwrap(),
        "--resume",
    ]);
    assert_same_outputs(&full, &killed);
}

// The union of 3 sharded runs equals the unsharded run (sorted lines), and merging the
// shards' documents.jsonl into one directory and finalizing with --resume gives the
// unsharded files byte for byte.
#[test]
fn shard_union_equals_unsharded_run() {
    let t = tmp("shard");
    let docs = corpus(&t, 20);
    let d = docs.to_str().unwrap();
    let full = t.join("full");
    run(&["check", "-q", d, "--out", full.to_str().unwrap()]);
    let mut union_docs = Vec::new();
    let mut union_facts = Vec::new();
    let mut merged = String::new();
    for k in 1..=3 {
        let o = t.join(format!("s{k}"));
        let shard = format!("{k}/3");
        run(&[
            "check",
            "-q",
            d,
            "--shard",
            &shard,
            "--out",
            o.to_str().unwrap(),
        ]);
        let text = read(&o.join("documents.jsonl"));
        let doc_lines: Vec<String> = text
            .lines()
            .filter(|l| l.contains("\"type\":\"document\""))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(!doc_lines.is_empty(), "shard {k} is empty");
        merged.push_str(&doc_lines.concat());
        union_docs.extend(doc_lines.iter().map(|l| l.trim_end().to_string()));
        union_facts.extend(
            read(&o.join("facts.csv"))
                .lines()
                .skip(1)
                .map(str::to_string),
        );
    }
    union_docs.sort();
    union_facts.sort();
    let full_docs: Vec<String> = lines_sorted(&read(&full.join("documents.jsonl")))
        .into_iter()
        .filter(|l| l.contains("\"type\":\"document\""))
        .collect();
    assert_eq!(union_docs, full_docs);
    let full_facts: Vec<String> = lines_sorted(&read(&full.join("facts.csv")))
        .into_iter()
        .filter(|l| !l.trim_start_matches('\u{feff}').starts_with("sha256,"))
        .collect();
    assert_eq!(union_facts, full_facts);
    let m = t.join("merged");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::write(m.join("documents.jsonl"), merged).unwrap();
    let out = run(&["check", d, "--out", m.to_str().unwrap(), "--resume"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("处理 0 份文件"));
    assert_same_outputs(&full, &m);
}

// facts.csv and findings.csv start with the UTF-8 byte order mark (so Excel and WPS on
// Chinese Windows read them as UTF-8), also after --resume; --no-bom leaves it out.
#[test]
fn csvs_start_with_a_utf8_bom() {
    let t = tmp("bom");
    let docs = corpus(&t, 3);
    let d = docs.to_str().unwrap();
    let out = t.join("out");
    let o = out.to_str().unwrap();
    let first_bytes = |name: &str| {
        let b = std::fs::read(out.join(name)).unwrap();
        b[..b.len().min(10)].to_vec()
    };
    for resume in [false, true] {
        let mut args = vec!["check", "-q", d, "--out", o];
        if resume {
            args.push("--resume");
        }
        run(&args);
        assert_eq!(
            first_bytes("facts.csv"),
            b"\xef\xbb\xbfsha256,",
            "resume {resume}"
        );
        assert_eq!(
            first_bytes("findings.csv"),
            b"\xef\xbb\xbfsha256,",
            "resume {resume}"
        );
    }
    // The mark is only at the start: one header line, rows after it.
    let facts = read(&out.join("facts.csv"));
    assert_eq!(facts.matches('\u{feff}').count(), 1);
    assert!(facts.lines().count() > 3);
    run(&["check", "-q", d, "--out", o, "--no-bom"]);
    assert_eq!(first_bytes("facts.csv"), b"sha256,pat");
    assert_eq!(first_bytes("findings.csv"), b"sha256,pat");
    let _ = std::fs::remove_dir_all(&t);
}

/// English words (three letters or more) left in `text` once `drop` is removed, outside
/// backquotes, flags (--x), extensions (.x) and paths (/x), and other than [`KNOWN`].
fn english_words(text: &str, drop: &str) -> Vec<String> {
    const KNOWN: &[&str] = &[
        "crossfoot",
        "PDF",
        "DOCX",
        "OCR",
        "PNG",
        "UTF",
        "GB18030",
        "FILE",
        "Office",
        "Word",
        "Excel",
        "WPS",
        "OLE",
        "libreoffice",
    ];
    let text = text.replace(drop, "");
    let mut found = Vec::new();
    let (mut word, mut in_code, mut prev) = (String::new(), false, ' ');
    for c in text.chars().chain([' ']) {
        if c == '`' {
            in_code = !in_code;
        }
        if c.is_ascii_alphanumeric() && !in_code {
            if word.is_empty() && matches!(prev, '-' | '.' | '/') {
                word.push('#'); // a flag, an extension, a path
            }
            word.push(c);
        } else {
            let w = std::mem::take(&mut word);
            if w.chars().filter(char::is_ascii_alphabetic).count() >= 3
                && !w.starts_with('#')
                && !KNOWN.contains(&w.as_str())
            {
                found.push(w);
            }
        }
        prev = c;
    }
    found
}

// Under --lang zh (the default) every line a person reads about the run is Chinese: each
// file-level error on stderr and in the text report, the skipped-files lines and the closing
// summary. --lang en gives the English ones.
#[test]
fn lines_for_people_are_chinese_under_lang_zh() {
    let t = tmp("lang-zh");
    let docs = corpus(&t, 2);
    std::fs::write(docs.join("empty.txt"), "").unwrap();
    std::fs::write(docs.join("logo.pdf"), b"\x89PNG\r\n\x1a\n....").unwrap();
    std::fs::write(
        docs.join("old.doc"),
        [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    )
    .unwrap();
    std::fs::write(docs.join(".hidden.txt"), "x").unwrap();
    let d = docs.to_str().unwrap();
    let out = run(&["check", "-j2", d]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "空文件",
        "PNG 图片",
        "处理 5 份文件（3 份无法处理",
        "跳过 1 个隐藏项",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    for line in stderr.lines() {
        assert!(line.starts_with("crossfoot: "), "{line}");
        let words = english_words(line, d);
        assert!(words.is_empty(), "{words:?} in {line}");
    }
    for line in stdout.lines().filter(|l| l.contains("无法处理")) {
        let words = english_words(line, d);
        assert!(words.is_empty(), "{words:?} in {line}");
    }
    assert_eq!(stdout.matches("无法处理：").count(), 3, "{stdout}");
    let out = run(&["check", "-j2", "--lang", "en", d]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "empty.txt: empty file",
        "a PNG image",
        "5 documents processed (3 errors",
        "skipped 1 hidden entry",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&t);
}

// A panicking document becomes an error record; the others go on.
#[test]
fn panicking_document_does_not_stop_the_run() {
    let t = tmp("panic");
    let docs = corpus(&t, 6);
    std::fs::write(docs.join("empty.txt"), "").unwrap();
    let out = bin()
        .args(["check", "-q", "-j2", "--format", "jsonl"])
        .arg(&docs)
        .env("CROSSFOOT_TEST_PANIC_ON", "d00001-2022")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let recs = documents(&out);
    assert_eq!(recs.len(), 7);
    let panicked = by_path(&recs, "d00001-2022");
    assert_eq!(panicked["error_code"], "panic");
    assert!(panicked["error"]
        .as_str()
        .unwrap()
        .starts_with("internal error: panicked while processing (test hook"));
    assert_eq!(by_path(&recs, "empty.txt")["error_code"], "empty");
    assert_eq!(recs.iter().filter(|r| r["status"] == "ok").count(), 5);
}

// A document that takes longer than --timeout becomes "timed out after N s"; the run
// goes on and ends without waiting for it.
#[test]
fn slow_document_times_out_and_the_run_goes_on() {
    let t = tmp("timeout");
    let docs = t.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    // A huge but valid text file: many copies of a real disclosure (~60 MB).
    let mut one = String::new();
    synth::generate(1, &synth::SynthOptions::default(), |d| one = d.text);
    std::fs::write(docs.join("huge.txt"), one.repeat(2500)).unwrap();
    std::fs::write(docs.join("small.txt"), "2024年度收入总计1.00万元。\n").unwrap();
    let started = std::time::Instant::now();
    let out = bin()
        .args(["check", "-q", "-j2", "--timeout", "1", "--format", "jsonl"])
        .arg(&docs)
        .output()
        .unwrap();
    assert!(
        started.elapsed().as_secs() < 30,
        "the run waited for the stuck document"
    );
    assert_eq!(out.status.code(), Some(2));
    let recs = documents(&out);
    assert_eq!(recs.len(), 2);
    let huge = by_path(&recs, "huge.txt");
    assert_eq!(huge["error_code"], "timeout", "{huge}");
    assert_eq!(
        huge["error"],
        "timed out after 1 s; raise it with --timeout"
    );
    assert_eq!(by_path(&recs, "small.txt")["status"], "ok");
}

// One worker (-j1) meets a document that times out, then one that panics, then good ones:
// the worker's document thread is replaced after the timeout and kept after the panic, and
// the good documents give exactly what they give alone.
#[test]
fn one_worker_goes_on_after_a_timeout_and_a_panic() {
    let t = tmp("reuse");
    let docs = t.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let mut texts = Vec::new();
    synth::generate(3, &synth::SynthOptions::default(), |d| texts.push(d.text));
    std::fs::write(docs.join("a-huge.txt"), texts[0].repeat(2500)).unwrap();
    std::fs::write(docs.join("b-poison.txt"), &texts[0]).unwrap();
    std::fs::write(docs.join("c-good.txt"), &texts[1]).unwrap();
    std::fs::write(docs.join("d-good.txt"), &texts[2]).unwrap();
    let out = bin()
        .args(["check", "-q", "-j1", "--timeout", "1", "--format", "jsonl"])
        .env("CROSSFOOT_TEST_PANIC_ON", "b-poison")
        .arg(&docs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let recs = documents(&out);
    assert_eq!(recs.len(), 4);
    assert_eq!(by_path(&recs, "a-huge")["error_code"], "timeout");
    assert_eq!(by_path(&recs, "b-poison")["error_code"], "panic");
    for name in ["c-good.txt", "d-good.txt"] {
        let solo = bin()
            .args(["check", "-q", "--format", "jsonl"])
            .arg(docs.join(name))
            .output()
            .unwrap();
        let alone = documents(&solo);
        let got = by_path(&recs, name);
        assert_eq!(got["status"], "ok", "{name}");
        assert!(got["coverage"]["checks_run"].as_u64().unwrap() > 0, "{got}");
        assert_eq!(got["coverage"], alone[0]["coverage"], "{name}");
        assert_eq!(got["findings"], alone[0]["findings"], "{name}");
    }
}

fn documents(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Value| v["type"] == "document")
        .collect()
}

fn by_path<'a>(recs: &'a [Value], needle: &str) -> &'a Value {
    recs.iter()
        .find(|r| r["path"].as_str().unwrap().contains(needle))
        .unwrap()
}

/// Writes a hand-made record for `file` (its real sha256) into `jsonl`.
fn handmade_record(file: &Path, year: i64, facts: Value, statements: Value) -> String {
    let bytes = std::fs::read(file).unwrap();
    let rec = serde_json::json!({
        "type": "document", "path": file.to_str().unwrap(), "format": "txt",
        "sha256": crossfoot::sha256_hex(&bytes), "status": "ok",
        "error": null, "error_code": null, "department": "青山州<财政局>", "year": year,
        "coverage": {"by_kind": {}, "checks_run": 0, "checks_passed": 0}, "findings": [],
        "facts": facts, "statements": statements, "indicators": [], "warnings": []
    });
    format!("{rec}\n")
}

fn fact(id: &str, label: &str, value: &str) -> Value {
    serde_json::json!({"id": id, "kind": "amount", "label": label, "value": value,
        "stated": value, "decimals": 2, "unit": "万元", "value_wan": value,
        "quote": format!("{label}支出决算数为{value}万元"), "location": {"block": 4, "line": 30}})
}

// Cross-document check end to end: a 2024 yoy statement that implies a 2023 figure other
// than the one the 2023 disclosure prints becomes a corpus finding in documents.jsonl,
// summary.json and report.html; every output validates against its schema.
#[test]
fn prior_year_finding_and_schemas() {
    let t = tmp("crossdoc");
    let docs = t.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let (a, b) = (docs.join("a-2023.txt"), docs.join("b-2024.txt"));
    std::fs::write(&a, "2023 disclosure").unwrap();
    std::fs::write(&b, "2024 disclosure").unwrap();
    let label = "住房保障支出(类)住房改革支出(款)住房公积金(项)";
    let out = t.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let jsonl = handmade_record(
        &a,
        2023,
        serde_json::json!([fact("F0001", label, "33.81")]),
        serde_json::json!([]),
    ) + &handmade_record(
        &b,
        2024,
        serde_json::json!([fact("F0001", label, "35.00"), fact("F0002", "增加", "2.00")]),
        serde_json::json!([{"id": "S0001", "kind": "yoy", "facts": ["F0001", "F0002"],
                "roles": ["current", "delta"], "sign": 1, "quote": "住房公积金(项):支出决算数为35.00万元，比上年决算增加2.00万元",
                "location": {"block": 4}}]),
    );
    std::fs::write(out.join("documents.jsonl"), jsonl).unwrap();
    let o = run(&[
        "check",
        docs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--resume",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines: Vec<Value> = read(&out.join("documents.jsonl"))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let f = &lines[2];
    assert_eq!(f["type"], "corpus_finding");
    assert_eq!(f["rule"], "corpus.prior_year");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["year"], 2024);
    assert_eq!(f["prior"]["stated"], "33.81");
    assert_eq!(
        f["expected"],
        "35 − 2 = 33.00 (万元); 2023年公开说明列示 33.81"
    );

    let schema = |name: &str| -> Value {
        let o = run(&["schema", name]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let (doc_s, sum_s, cf_s) = (
        schema("check-document"),
        schema("summary"),
        schema("corpus-finding"),
    );
    for l in &lines[..2] {
        assert_eq!(crossfoot::schema::validate(&doc_s, l), Vec::<String>::new());
    }
    assert_eq!(crossfoot::schema::validate(&cf_s, f), Vec::<String>::new());
    let summary: Value = serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(
        crossfoot::schema::validate(&sum_s, &summary),
        Vec::<String>::new()
    );
    assert_eq!(summary["corpus"]["coverage"]["compared"], 1);
    assert_eq!(
        summary["findings"]["by_rule"]["corpus.prior_year"]["error"],
        1
    );
    assert_eq!(summary["departments"][0]["department"], "青山州<财政局>");
    let html = read(&out.join("report.html"));
    assert!(html.contains("青山州&lt;财政局&gt;"));
    assert!(!html.contains("青山州<财政局>"));
    assert!(html.contains("<b id=\"findings-error\">1</b>"));
    assert!(
        html.contains("比上年决算增加<mark>2.00</mark>万元"),
        "{html}"
    );
}

// Real check output (documents and summary) validates against the schemas; extract output
// against the extract schema.
#[test]
fn real_output_matches_schemas() {
    let t = tmp("schemas");
    let docs = corpus(&t, 4);
    std::fs::write(docs.join("broken.txt"), "").unwrap();
    let out = t.join("out");
    run(&[
        "check",
        "-q",
        docs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let all: Value = serde_json::from_slice(&run(&["schema"]).stdout).unwrap();
    for l in read(&out.join("documents.jsonl")).lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert_eq!(
            crossfoot::schema::validate(&all["check-document"], &v),
            Vec::<String>::new()
        );
    }
    let s: Value = serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(
        crossfoot::schema::validate(&all["summary"], &s),
        Vec::<String>::new()
    );
    assert_eq!(s["documents"]["total"], 5);
    assert_eq!(s["documents"]["errors_by_code"]["empty"], 1);
    let ex = run(&["extract", "-q", "--format", "jsonl", docs.to_str().unwrap()]);
    let lines = String::from_utf8(ex.stdout).unwrap();
    assert_eq!(lines.lines().count(), 5);
    for l in lines.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert_eq!(
            crossfoot::schema::validate(&all["extract-document"], &v),
            Vec::<String>::new()
        );
    }
}

// --manifest overrides the recognised department and year (relative paths resolve against
// the manifest's directory; an empty cell keeps the recognised value).
#[test]
fn manifest_overrides_department_and_year() {
    let t = tmp("manifest");
    let docs = corpus(&t, 3);
    std::fs::write(
        docs.join("manifest.csv"),
        "path,department,year,notes\nd00000-2022.txt,\"某某县, 测试局\",2031,x\nd00000-2023.txt,,,\n",
    )
    .unwrap();
    let out = run(&[
        "check",
        "-q",
        "--format",
        "jsonl",
        "--manifest",
        docs.join("manifest.csv").to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    let recs = documents(&out);
    assert_eq!(recs.len(), 3, "manifest.csv is not a document");
    let first = by_path(&recs, "d00000-2022");
    assert_eq!(first["department"], "某某县, 测试局");
    assert_eq!(first["year"], 2031);
    let second = by_path(&recs, "d00000-2023");
    assert_eq!(second["department"], "青山州财政局");
    assert_eq!(second["year"], 2023);
}

// A directory walk sniffs every regular file (the bytes decide, the name is a hint): a PDF
// saved as download.php or as data.json and a DOCX and a text without an extension are
// read; a legacy .doc and a picture get error records saying what they are and what to do;
// plain text named as data (notes.md) and a hidden file are skipped and counted in
// summary.json and on stderr. The README's first command reads the four renditions in
// corpus/ and not the expected-findings file beside them.
#[test]
fn walk_sniffs_every_file_and_counts_hidden_ones() {
    let dir = tmp("walk-skips");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/changji-minzheng-2024-juesuan");
    std::fs::copy(seed.with_extension("pdf"), docs.join("download.php")).unwrap();
    std::fs::copy(seed.with_extension("docx"), docs.join("attachment")).unwrap();
    std::fs::copy(seed.with_extension("txt"), docs.join("README")).unwrap();
    std::fs::copy(seed.with_extension("pdf"), docs.join("data.json")).unwrap();
    std::fs::write(docs.join("notes.md"), "# 备注\n收入总计1.00万元。\n").unwrap();
    // The OLE compound-document signature is enough for the sniffer.
    std::fs::write(
        docs.join("old.DOC"),
        [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0],
    )
    .unwrap();
    std::fs::write(docs.join("logo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(docs.join(".DS_Store"), b"x").unwrap();
    let out_dir = dir.join("out");
    let out = run(&[
        "check",
        "-q",
        "--lang",
        "en",
        docs.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("skipped 1 hidden entry (names starting with '.')"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped 1 text file of data or code (.md \u{d7}1)"),
        "{stderr}"
    );
    let docs_jsonl = read(&out_dir.join("documents.jsonl"));
    let records: Vec<Value> = docs_jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: Vec<&str> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "README",
            "attachment",
            "data.json",
            "download.php",
            "logo.png",
            "old.DOC"
        ]
    );
    let by_name = |n: &str| &records[names.iter().position(|x| *x == n).unwrap()];
    for (name, format) in [
        ("README", "txt"),
        ("attachment", "docx"),
        ("data.json", "pdf"),
        ("download.php", "pdf"),
    ] {
        let r = by_name(name);
        assert_eq!(r["status"], "ok", "{name}");
        assert_eq!(r["format"], format, "{name}");
        assert!(
            r["coverage"]["checks_run"].as_u64().unwrap() > 100,
            "{name}"
        );
    }
    let old = by_name("old.DOC");
    assert_eq!(old["error_code"], "unsupported");
    assert!(old["error"]
        .as_str()
        .unwrap()
        .contains("libreoffice --headless --convert-to docx FILE"));
    let png = by_name("logo.png");
    assert_eq!(png["error_code"], "unsupported");
    assert!(
        png["error"].as_str().unwrap().contains("a PNG image"),
        "{png}"
    );
    let summary: Value = serde_json::from_str(&read(&out_dir.join("summary.json"))).unwrap();
    assert_eq!(
        summary["skipped_files"],
        serde_json::json!({"total": 2, "hidden": 1, "special": 0, "data_files": {".md": 1}})
    );
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = run(&[
        "check",
        "-q",
        "--format",
        "jsonl",
        bundled.to_str().unwrap(),
    ]);
    let recs = documents(&out);
    let paths: Vec<&str> = recs.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(recs.len(), 4, "{paths:?}");
    assert!(recs.iter().all(|r| r["status"] == "ok"));
}

// `crossfoot check … | head`: the reader going away is a normal stop: no "Broken pipe"
// message, the exit code earned so far (0 here: --fail-on never, no unreadable document).
#[test]
fn closed_stdout_is_a_quiet_stop() {
    use std::io::Read;
    let dir = tmp("epipe");
    let docs = corpus(&dir, 300);
    let mut child = bin()
        .args([
            "check",
            "-q",
            "--fail-on",
            "never",
            "--format",
            "jsonl",
            docs.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

// Without --out, the cross-document pass still runs (records spilled to a temporary file):
// a change whose implied prior disagrees with last year's document is a corpus finding, in
// the text report, in the jsonl lines and in the one --format json object.
#[test]
fn prior_year_finding_without_out_in_every_format() {
    let t = tmp("crossdoc-spill");
    let a = t.join("a.txt");
    let b = t.join("b.txt");
    std::fs::write(&a, "上海市某某局2023年度部门决算\n\n住房保障支出（类）住房改革支出（款）住房公积金（项）33.81万元，主要用于缴纳住房公积金。\n").unwrap();
    std::fs::write(&b, "上海市某某局2024年度部门决算\n\n住房保障支出（类）住房改革支出（款）住房公积金（项）35.00万元，比上年决算增加2.00万元，主要用于缴纳住房公积金。\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let text = String::from_utf8(run(&["check", a, b]).stdout).unwrap();
    assert!(text.contains("corpus.prior_year"), "{text}");
    let jsonl = String::from_utf8(run(&["check", "--format", "jsonl", a, b]).stdout).unwrap();
    assert_eq!(
        jsonl
            .lines()
            .filter(|l| l.contains("\"rule\":\"corpus.prior_year\""))
            .count(),
        1
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["check", "--format", "json", a, b]).stdout).unwrap();
    let found = json["corpus_findings"].as_array().expect("corpus_findings");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["rule"], "corpus.prior_year");
    // The record speaks the language asked for, like every other finding.
    let zh = found[0]["message"].as_str().unwrap_or("");
    assert!(zh.starts_with("上年数不一致"), "{zh}");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["check", "--lang", "en", "--format", "json", a, b]).stdout)
            .unwrap();
    let en = json["corpus_findings"][0]["message"].as_str().unwrap_or("");
    assert!(en.starts_with("prior-year figure differs"), "{en}");
    let expected = json["corpus_findings"][0]["expected"]
        .as_str()
        .unwrap_or("");
    assert!(expected.contains("disclosure prints"), "{expected}");
}
