//! Cooperative cancellation: a document that overruns its deadline stops its own work
//! within 2 s of the deadline (the pipeline's long loops check it), becomes a `timeout`
//! error, and the worker's thread is reused rather than abandoned.

use crossfoot::patterns::PatternSet;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn seed(ext: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(format!("changji-minzheng-2024-juesuan.{ext}"))
}

/// The seed text repeated until it takes far longer than the deadlines below (tens of
/// seconds unbounded).
fn huge_text() -> String {
    std::fs::read_to_string(seed("txt"))
        .expect("seed")
        .repeat(100)
}

// In the library: with a 1 s deadline on the thread, process() returns a timeout error
// within 1 + 2 s, for a document whose work would otherwise take over a minute.
#[test]
fn work_stops_within_two_seconds_of_the_deadline() {
    let text = huge_text();
    let set = PatternSet::builtin().expect("patterns");
    let cfg = crossfoot::Config::default();
    for deadline in [Duration::from_millis(300), Duration::from_secs(1)] {
        let _guard = crossfoot::deadline::set(deadline);
        let started = Instant::now();
        let r = crossfoot::process("huge.txt", text.as_bytes(), &set, &cfg, true);
        let took = started.elapsed();
        assert_eq!(r.error_code.as_deref(), Some("timeout"), "{:?}", r.error);
        assert!(
            took < deadline + Duration::from_secs(2),
            "stopped {:?} after a deadline of {deadline:?}",
            took
        );
    }
    // Without a deadline the thread is unaffected: a normal document is processed.
    let seed_text = std::fs::read(seed("txt")).expect("seed");
    let r = crossfoot::process("seed.txt", &seed_text, &set, &cfg, true);
    assert!(r.error.is_none(), "{:?}", r.error);
}

// A deadline already past stops every format as a timeout (never as another error, e.g. the
// PDF reader's guard against parser panics must let the stop through).
#[test]
fn every_format_stops_as_a_timeout() {
    let set = PatternSet::builtin().expect("patterns");
    let cfg = crossfoot::Config::default();
    for ext in ["txt", "gbk.txt", "docx", "pdf"] {
        let bytes = std::fs::read(seed(ext)).expect("seed");
        let _guard = crossfoot::deadline::set(Duration::ZERO);
        let r = crossfoot::process(ext, &bytes, &set, &cfg, true);
        assert_eq!(
            r.error_code.as_deref(),
            Some("timeout"),
            "{ext}: {:?}",
            r.error
        );
        assert_eq!(
            r.error.as_deref(),
            Some("timed out after 0 s; raise it with --timeout"),
            "{ext}"
        );
    }
}

// Through the binary with one worker: a document that times out, then good ones. The timed-
// out document stops itself, so its thread goes on to the next documents (no thread is
// abandoned), and the good documents are checked as usual.
#[test]
fn timed_out_document_frees_its_worker() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("deadline-worker");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("a-huge.txt"), huge_text()).expect("write");
    std::fs::copy(seed("txt"), dir.join("b-seed.txt")).expect("copy");
    std::fs::copy(seed("pdf"), dir.join("c-seed.pdf")).expect("copy");
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args([
            "check",
            "-j1",
            "--timeout",
            "1",
            "--lang",
            "en",
            "--format",
            "jsonl",
        ])
        .arg(&dir)
        .output()
        .expect("run");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(stderr.contains("1 timed out"), "{stderr}");
    assert!(!stderr.contains("abandoned"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let docs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .filter(|v: &serde_json::Value| v["type"] == "document")
        .collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["error_code"], "timeout");
    for d in &docs[1..] {
        assert_eq!(d["status"], "ok", "{}", d["path"]);
        assert_eq!(d["coverage"]["checks_run"], 620, "{}", d["path"]);
    }
}
