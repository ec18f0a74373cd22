//! The language of the errors that end a run, through the real binary: under `--lang zh`
//! (the default) one Chinese line naming the file, option or name concerned, with an
//! operating-system cause classified by its kind; under `--lang en` the English line as it
//! always was. Exit code 2 in both. Also the top-level `--lang` (before the subcommand).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns: a failure is a test failure

#[path = "support/english.rs"]
mod english;

use english::{bin, english_words, has_cjk, run};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// The bundled disclosure (plain text: quick to read).
fn doc() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.txt"
    )
    .to_string()
}

/// A fresh scratch directory for one test.
fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("crossfoot-fatal-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// `args` under zh (the default) and under `--lang en` (put after the subcommand): exit code 2
/// both times; the zh stderr one line holding `zh` and, once `names` (the paths and names the
/// test gave) and the names between backticks are taken out, no English word; the en stderr exactly `en`.
fn both(args: &[&str], names: &[&str], zh: &str, en: &str) {
    let o = run(args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.starts_with("crossfoot: "), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(zh), "{args:?}: want {zh:?} in\n{err}");
    let mut rest = err.clone();
    for n in names {
        rest = rest.replace(n, " ");
    }
    // A name between backticks is the file's own (a CSV column, a key).
    rest = regex::Regex::new("`[^`]*`")
        .unwrap()
        .replace_all(&rest, " ")
        .into_owned();
    let words = english_words(&rest);
    assert!(words.is_empty(), "{args:?}: {words:?}\n{err}");
    let mut en_args: Vec<&str> = args.to_vec();
    en_args.insert(1, "--lang");
    en_args.insert(2, "en");
    let o = run(&en_args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{en_args:?}: {err}");
    assert_eq!(err, format!("crossfoot: {en}\n"), "{en_args:?}");
}

// The checker sees the English of these lines.
#[test]
fn checker_finds_english_errors() {
    let words =
        english_words("crossfoot: failed to read manifest m.csv: no `year` column in the header\n");
    for w in ["failed", "read", "manifest", "column", "header"] {
        assert!(words.iter().any(|x| x == w), "{w} not found in {words:?}");
    }
}

#[test]
fn unknown_schema_name() {
    both(
        &["schema", "bogus"],
        &[],
        "未知的模式定义名称 \"bogus\"；可选值：extract-document、check-document、summary、corpus-finding",
        "unknown schema \"bogus\": one of extract-document, check-document, summary, corpus-finding",
    );
    // The top-level --lang reaches the subcommand.
    let o = run(&["--lang", "en", "schema", "bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("crossfoot: unknown schema"));
}

#[test]
fn output_file_that_cannot_be_created() {
    let d = tmp("create");
    let out = s(&d.join("missing").join("out.txt"));
    for cmd in ["check", "extract"] {
        both(
            &[cmd, &doc(), "-q", "-o", &out],
            &[&out],
            &format!("{out}：无法创建输出文件（-o）：文件或目录不存在（系统错误 2）"),
            &format!("failed to create {out}: No such file or directory (os error 2)"),
        );
    }
    // A directory.
    let dir = s(&d);
    both(
        &["check", &doc(), "-q", "-o", &dir],
        &[&dir],
        &format!("{dir}：无法创建输出文件（-o）：是一个目录（系统错误 21）"),
        &format!("failed to create {dir}: Is a directory (os error 21)"),
    );
}

#[test]
fn output_that_cannot_be_written() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    // -o /dev/full: the file is named.
    both(
        &["check", &doc(), "-q", "--format", "json", "-o", "/dev/full"],
        &["/dev/full"],
        "/dev/full：写入失败：磁盘空间不足（系统错误 28）",
        "No space left on device (os error 28)",
    );
    // stdout on /dev/full: 标准输出.
    for lang in ["zh", "en"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = bin()
            .args(["rules", "--lang", lang])
            .stdout(Stdio::from(full))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        let want = match lang {
            "zh" => "crossfoot: 标准输出：写入失败：磁盘空间不足（系统错误 28）\n",
            _ => "crossfoot: No space left on device (os error 28)\n",
        };
        assert_eq!(err, want);
    }
}

#[test]
fn manifest_errors() {
    let d = tmp("manifest");
    let missing = s(&d.join("none.csv"));
    both(
        &["check", &doc(), "-q", "--manifest", &missing],
        &[&missing],
        &format!(
            "{missing}：无法读取清单文件（--manifest）：读取失败：文件或目录不存在（系统错误 2）"
        ),
        &format!("failed to read manifest {missing}: No such file or directory (os error 2)"),
    );
    let cases = [
        ("", "文件为空", "empty file"),
        (
            "path,department\nx,y\n",
            "表头中没有 `year` 列",
            "no `year` column in the header",
        ),
        (
            "path,department,year\n\"x,y\n",
            "第 2 行：带引号的字段没有结束引号",
            "line 2: unterminated quoted field",
        ),
        (
            "path,department,year\nx,y,abc\n",
            "第 2 行：年度 \"abc\" 不是数字",
            "line 2: year \"abc\" is not a number",
        ),
    ];
    for (i, (text, zh, en)) in cases.iter().enumerate() {
        let m = d.join(format!("m{i}.csv"));
        std::fs::write(&m, text).unwrap();
        let m = s(&m);
        both(
            &["check", &doc(), "-q", "--manifest", &m],
            &[&m, "\"abc\""],
            &format!("{m}：无法读取清单文件（--manifest）：{zh}"),
            &format!("failed to read manifest {m}: {en}"),
        );
    }
}

#[test]
fn output_directory_errors() {
    let d = tmp("outdir");
    // --out names a file.
    let file = d.join("file");
    std::fs::write(&file, "x").unwrap();
    let file = s(&file);
    both(
        &["check", &doc(), "-q", "--out", &file],
        &[&file],
        &format!("{file}：写入失败：已存在（系统错误 17）"),
        &format!("failed to write {file} (File exists (os error 17)): File exists (os error 17)"),
    );
    // --resume where documents.jsonl is a directory: it cannot be read back.
    let out = d.join("out");
    std::fs::create_dir_all(out.join("documents.jsonl")).unwrap();
    let docs = s(&out.join("documents.jsonl"));
    let out = s(&out);
    both(
        &["check", &doc(), "-q", "--out", &out, "--resume"],
        &[&docs],
        &format!("{docs}：读取失败：是一个目录（系统错误 21）"),
        &format!("failed to read {docs} (Is a directory (os error 21))"),
    );
}

/// A copy of the built-in patterns/ with `edit` applied to `file`.
fn patterns_with(name: &str, file: &str, from: &str, to: &str) -> PathBuf {
    let d = tmp(name);
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns");
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            let mut text = std::fs::read_to_string(&p).unwrap();
            if p.file_name().unwrap() == file {
                assert!(text.contains(from), "{file} has no {from}");
                text = text.replacen(from, to, 1);
            }
            std::fs::write(d.join(p.file_name().unwrap()), text).unwrap();
        }
    }
    d
}

// A regex of identities.toml or standard_tables.toml that does not compile: under zh the
// key and the place in the pattern, as for the pattern files.
#[test]
fn data_file_regex_errors_name_the_place() {
    let d = patterns_with(
        "identities",
        "identities.toml",
        "\"soe.expenditure\" = \"无国有资本经营预算\"",
        "\"soe.expenditure\" = \"无国有[资本经营预算\"",
    );
    let o = run(&["patterns", "--patterns", &s(&d), "list"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "恒等式 `fiscal_by_fund`：`zero_if.soe.expenditure`：正则表达式无效：\
             未闭合的字符类，位于表达式第 4 列：「无国有[资本经营预算」"
        ),
        "{err}"
    );
    let o = run(&["patterns", "--lang", "en", "--patterns", &s(&d), "list"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("crossfoot: identities.toml:0: invalid pattern file (patterns/identities.toml: identity fiscal_by_fund: regex parse error:"),
        "{err}"
    );
    assert!(!has_cjk(err.lines().next().unwrap()), "{err}");

    let d = patterns_with(
        "standard",
        "standard_tables.toml",
        "'^公开[0-9]{1,2}表[:：]?'",
        "'^公开([0-9]{1,2}表'",
    );
    let o = run(&["patterns", "--patterns", &s(&d), "list"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "standard_tables.toml：[title] `strip`：正则表达式无效：\
             未闭合的分组，位于表达式第 4 列：「^公开([0-9]{1,2}表」"
        ),
        "{err}"
    );
    let o = run(&["patterns", "--lang", "en", "--patterns", &s(&d), "list"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("invalid (standard_tables.toml: ^公开([0-9]{1,2}表: regex parse error:"),
        "{err}"
    );
}

// `--lang` before the subcommand: the help and the usage errors of the program in that
// language, and the subcommand's messages too unless it has its own --lang.
#[test]
fn top_level_lang() {
    let o = run(&["--lang", "en", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Usage: crossfoot"), "{out}");
    assert!(out.contains("--lang <LANG>"), "{out}");

    let o = run(&["--lang", "zh", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("用法：crossfoot"), "{out}");
    assert!(english_words(&out).is_empty(), "{out}");

    let o = run(&["--lang", "zh"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("缺少子命令"), "{err}");

    let o = run(&["--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("requires a subcommand"), "{err}");

    // Given to the subcommand: English rules; the subcommand's own --lang wins.
    let en = run(&["rules", "--lang", "en"]).stdout;
    let zh = run(&["rules"]).stdout;
    assert_ne!(en, zh);
    assert_eq!(run(&["--lang", "en", "rules"]).stdout, en);
    assert_eq!(run(&["--lang", "en", "rules", "--lang", "zh"]).stdout, zh);
    assert_eq!(run(&["--lang", "zh", "rules", "--lang", "en"]).stdout, en);
}
