//! The pattern files and the `crossfoot patterns` command, through the real binary: every
//! shipped example holds, a broken file is reported with file, line and id, and a user can
//! add a phrasing with `--patterns DIR` without recompiling.

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crossfoot"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh copy of the shipped patterns/ directory.
fn pattern_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("patterns");
    for e in std::fs::read_dir(src).expect("patterns/") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

// Every example and counter-example of every shipped file holds.
#[test]
fn check_passes_on_shipped_files() {
    let o = bin()
        .args(["patterns", "check", "--lang", "en"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).ends_with(" failures\n"));
    assert!(stdout(&o).contains(", 0 failures"));
    // In Chinese by default.
    let o = bin().args(["patterns", "check"]).output().expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).ends_with("个示例，0 个不符\n"), "{}", stdout(&o));
}

// `patterns list` prints id, file and description, tab-separated.
#[test]
fn list_shows_ids_files_descriptions() {
    let o = bin().args(["patterns", "list"]).output().expect("run");
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.lines().any(
        |l| l == "unit.amount\tunits.toml\tMoney: a number followed by 元, 千元, 万元 or 亿元."
    ));
    assert!(out
        .lines()
        .any(|l| l.starts_with("conn.change\tconnectors.toml\t")));
    assert!(out.lines().any(|l| l.starts_with("concept:income.total\t")));
}

// `patterns test` shows the patterns that fire with captures, and the resulting bindings.
#[test]
fn test_shows_captures_and_bindings() {
    let o = bin()
        .args([
            "patterns",
            "test",
            "--lang",
            "en",
            "行政运行(项):支出决算数为394.52万元，比上年决算减少0.78万元，下降0.20%",
        ])
        .output()
        .expect("run");
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("unit.amount (units.toml): matched \"394.52万元\"\n    num = \"394.52\"\n    unit = \"万元\""), "{out}");
    assert!(out.contains("unit.percent (units.toml): matched \"0.20%\""));
    assert!(
        out.contains("F0002 Amount 支出决算数/比上年增减 0.78 万元"),
        "{out}"
    );
    assert!(
        out.contains("S0001 Yoy Current=F0001 Delta=F0002 Rate=F0003 sign=-1"),
        "{out}"
    );
}

// A regex that does not compile: exit 2 and a message naming file, line and id, in the
// language of --lang.
#[test]
fn broken_file_names_file_line_and_id() {
    let dir = pattern_dir("broken");
    std::fs::write(
        dir.join("zz_local.toml"),
        "# local phrasings\n\n[[pattern]]\nid = \"local.bad\"\ndescription = \"unclosed group\"\nregex = '''(?x) ( 万元 '''\n",
    )
    .expect("write");
    let o = bin()
        .args(["patterns", "list", "--patterns"])
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    // In Chinese by default (what the regex library said, in Chinese) …
    assert!(
        stderr(&o).contains("zz_local.toml:4：模式 `local.bad`：正则表达式无效（未闭合的分组"),
        "{}",
        stderr(&o)
    );
    // … and in English under --lang en.
    let (code, _, err) = check_seed_with(&dir);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("zz_local.toml:4: pattern `local.bad`: invalid regex"),
        "{err}"
    );
}

// An example that does not match: `patterns check` exits 1 and names file, line and id.
#[test]
fn failing_example_is_reported() {
    let dir = pattern_dir("failing");
    std::fs::write(
        dir.join("zz_local.toml"),
        "[[pattern]]\nid = \"local.zong\"\ndescription = \"d\"\nregex = '''(?x) \\d+ 宗'''\nmatch = [ { text = \"三宗\" } ]\n",
    )
    .expect("write");
    let o = bin()
        .args(["patterns", "check", "--lang", "en", "--patterns"])
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("zz_local.toml:2: pattern `local.zong`: example does not match: \"三宗\""),
        "{}",
        stderr(&o)
    );
    // The same failure in Chinese by default.
    let o = bin()
        .args(["patterns", "check", "--patterns"])
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("zz_local.toml:2：模式 `local.zong`：示例不匹配：\"三宗\""),
        "{}",
        stderr(&o)
    );
}

// A new counting word added to a copy of units.toml is used by `extract --patterns DIR`.
#[test]
fn new_phrasing_without_recompiling() {
    let text_path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("zong.txt");
    std::fs::write(&text_path, "本年处置资产3宗，价值12.00万元。\n").expect("write");
    let facts = |dir: Option<&PathBuf>| {
        let mut c = bin();
        c.args(["extract", "--format", "jsonl"]).arg(&text_path);
        if let Some(d) = dir {
            c.arg("--patterns").arg(d);
        }
        let o = c.output().expect("run");
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v["facts"]
            .as_array()
            .expect("facts")
            .iter()
            .map(|f| {
                format!(
                    "{}={}{}",
                    f["label"].as_str().unwrap_or(""),
                    f["value"].as_str().unwrap_or(""),
                    f["unit"].as_str().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(facts(None), vec!["价值=12.00万元"]);
    let dir = pattern_dir("zong");
    let units = std::fs::read_to_string(dir.join("units.toml")).expect("units");
    let units = units.replace("| 件 | 场 |", "| 件 | 宗 | 场 |");
    std::fs::write(dir.join("units.toml"), units).expect("write");
    assert_eq!(
        facts(Some(&dir)),
        vec!["本年处置资产=3宗", "本年处置资产/价值=12.00万元"]
    );
}

/// The seed disclosure as text.
fn seed_txt() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/changji-minzheng-2024-juesuan.txt")
}

/// `check --lang en --format json --patterns DIR` on the seed: (exit code, first document,
/// stderr).
fn check_seed_with(dir: &std::path::Path) -> (Option<i32>, serde_json::Value, String) {
    let o = bin()
        .args([
            "check",
            "-q",
            "--lang",
            "en",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--patterns",
        ])
        .arg(dir)
        .arg(seed_txt())
        .output()
        .expect("run");
    let doc = serde_json::from_slice::<serde_json::Value>(&o.stdout)
        .map(|v| v["documents"][0].clone())
        .unwrap_or_default();
    (o.status.code(), doc, stderr(&o))
}

// A --patterns directory replaces all the built-in data: every file the built-in set has
// must be there and hold something. A missing or empty one (or an empty directory) is an
// error naming the file, with exit code 2 and nothing on stdout.
#[test]
fn patterns_dir_must_hold_every_file() {
    let files = [
        "units.toml",
        "connectors.toml",
        "labels.toml",
        "concepts.toml",
        "meta.toml",
        "tables.toml",
        "identities.toml",
        "standard_tables.toml",
        "linkbase.toml",
    ];
    // Every file in patterns/ is one of them, and a full copy works.
    let full = pattern_dir("full");
    let mut shipped: Vec<String> = std::fs::read_dir(&full)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    shipped.sort();
    let mut want: Vec<String> = files.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(shipped, want);
    let (code, doc, err) = check_seed_with(&full);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["status"], "ok");
    for name in files {
        let dir = pattern_dir(&format!("without-{name}"));
        let path = dir.join(name);
        std::fs::remove_file(&path).expect("rm");
        let o = bin()
            .args(["check", "--lang", "en", "--patterns"])
            .arg(&dir)
            .arg(seed_txt())
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{name}");
        let want = format!("{}: missing", path.display());
        assert!(stderr(&o).contains(&want), "{name}: {}", stderr(&o));
        // The same in Chinese by default.
        let o = bin()
            .args(["check", "--patterns"])
            .arg(&dir)
            .arg(seed_txt())
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{name}");
        let want = format!("{}：缺少此文件", path.display());
        assert!(stderr(&o).contains(&want), "{name}: {}", stderr(&o));
        std::fs::write(&path, "# nothing here\n\n").expect("write");
        let (code, _, err) = check_seed_with(&dir);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(
            err.contains(&format!("{}: empty", path.display())),
            "{name}: {err}"
        );
    }
    let empty = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-patterns");
    let _ = std::fs::remove_dir_all(&empty);
    std::fs::create_dir_all(&empty).expect("mkdir");
    let (code, _, err) = check_seed_with(&empty);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("missing"), "{err}");
    // A data file that is TOML but not what its reader expects is named too.
    let dir = pattern_dir("bad-tables");
    std::fs::write(dir.join("tables.toml"), "[titles]\nmarker = 1\n").expect("write");
    let (code, _, err) = check_seed_with(&dir);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("tables.toml: invalid"), "{err}");
}

// The identities come from the --patterns directory: keeping only the first identity of
// identities.toml leaves one identity checked on the seed, where the built-in file has 15.
#[test]
fn identities_come_from_the_patterns_dir() {
    let dir = pattern_dir("one-identity");
    let (_, doc, err) = check_seed_with(&dir);
    let all = doc["coverage"]["by_kind"]["identity"]["found"]
        .as_u64()
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(all, 15);
    let text = std::fs::read_to_string(dir.join("identities.toml")).expect("read");
    let second = text.match_indices("[[identity]]").nth(1).expect("two").0;
    std::fs::write(dir.join("identities.toml"), &text[..second]).expect("write");
    let (code, doc, err) = check_seed_with(&dir);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["coverage"]["by_kind"]["identity"]["found"], 1, "{doc}");
}

// The word lists the readers and rules take from patterns/ are required keys: a
// --patterns directory whose file lacks one is an error naming the file and the key, before
// any document is read. (The shipped copy of each is used by the other tests.)
#[test]
fn word_lists_are_required_keys_of_their_files() {
    let keys = [
        ("standard_tables.toml", "organisation_ends"),
        ("standard_tables.toml", "fields"),
        ("standard_tables.toml", "unit_field_heads"),
        ("standard_tables.toml", "numbering_rows"),
        ("standard_tables.toml", "coded_totals"),
        ("standard_tables.toml", "class_names"),
        ("standard_tables.toml", "ambiguous_class_names"),
        ("standard_tables.toml", "base_subtotals"),
        ("standard_tables.toml", "fund_heads"),
        ("standard_tables.toml", "funds"),
        ("tables.toml", "of_which"),
        ("connectors.toml", "ratio"),
        ("connectors.toml", "variance"),
        ("connectors.toml", "marker_open"),
        ("connectors.toml", "marker_close"),
        ("connectors.toml", "year_end"),
        ("connectors.toml", "prior"),
        ("connectors.toml", "current"),
        ("connectors.toml", "level_drop"),
        ("connectors.toml", "total_words"),
        ("connectors.toml", "core_drop_chars"),
        ("connectors.toml", "core_drop_words"),
        ("connectors.toml", "income"),
        ("connectors.toml", "spending"),
    ];
    for (file, key) in keys {
        let dir = pattern_dir(&format!("without-key-{key}"));
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        // Drop the key's line (and the lines of a multi-line array).
        let mut out = String::new();
        let mut skipping = false;
        let mut dropped = 0;
        for line in text.lines() {
            if skipping {
                skipping = !line.trim_start().starts_with(']');
                continue;
            }
            if line.starts_with(&format!("{key} = ")) {
                dropped += 1;
                skipping = line.trim_end().ends_with('[');
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
        assert!(dropped >= 1, "{file}: {key}");
        std::fs::write(&path, out).expect("write");
        let (code, _, err) = check_seed_with(&dir);
        assert_eq!(code, Some(2), "{file} {key}: {err}");
        assert!(err.contains(file), "{file} {key}: {err}");
        assert!(err.contains(&format!("`{key}`")), "{file} {key}: {err}");
    }
}

/// The words of three letters or more of a zh error line once the file names (and the
/// directory), the names in backticks (keys, pattern and identity ids) and `[section]`
/// names are taken out.
fn english_words(line: &str, dir: &std::path::Path) -> Vec<String> {
    let t = line.replace(&dir.display().to_string(), " ");
    let t = regex::Regex::new(r"[\w./-]+\.toml|`[^`]*`|\[[a-z_]+\]|^crossfoot:")
        .expect("regex")
        .replace_all(&t, " ")
        .into_owned();
    regex::Regex::new(r"[A-Za-z]{3,}")
        .expect("regex")
        .find_iter(&t)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// A copy of one shipped file broken in one way.
type Breaks = fn(&str) -> String;

// Every pattern-file error that carries what the TOML or regex library said: under the
// default language the detail is Chinese (what is wrong and where: the file's line and
// column, or the place in the regex), under --lang en it is the library's own. One broken
// file at a time in a copy of patterns/.
#[test]
fn zh_pattern_errors_hold_no_library_english() {
    const LOCAL: &str = "zz_local.toml";
    // (name, file, how it is broken, zh message, en detail)
    let cases: [(&str, &str, Breaks, &str, &str); 8] = [
        (
            "regex",
            LOCAL,
            |_| {
                "# local\n\n[[pattern]]\nid = \"local.bad\"\ndescription = \"x\"\nregex = '''(?x) ( 万元 '''\n".into()
            },
            "zz_local.toml:4：模式 `local.bad`：正则表达式无效（未闭合的分组，位于表达式第 6 列：「(?x) ( 万元」）",
            "error: unclosed group",
        ),
        (
            "regex-multiline",
            LOCAL,
            |_| {
                "[[pattern]]\nid = \"local.rep\"\ndescription = \"x\"\nregex = '''(?x)\n  万元\n  ( 亿\n'''\n".into()
            },
            "zz_local.toml:2：模式 `local.rep`：正则表达式无效（未闭合的分组，位于表达式第 3 行第 3 列：「( 亿」）",
            "error: unclosed group",
        ),
        (
            "toml-string",
            LOCAL,
            |_| "a = \"open\nb = 1\n".into(),
            "zz_local.toml:1：模式文件格式无效（第 1 行第 10 列：未闭合的字符串）",
            "invalid basic string",
        ),
        (
            "toml-equals",
            LOCAL,
            |_| "# local\nregex 1\n".into(),
            "zz_local.toml:2：模式文件格式无效（第 2 行第 7 列：缺少等号）",
            "key with no value",
        ),
        (
            "toml-duplicate",
            LOCAL,
            |_| "qualifiers = [\"本级\"]\nqualifiers = [\"下级\"]\n".into(),
            "zz_local.toml:2：模式文件格式无效（第 2 行第 1 列：重复的键 `qualifiers`）",
            "duplicate key",
        ),
        (
            "toml-shape",
            LOCAL,
            |_| "[[pattern]]\nid = \"local.x\"\ndescription = \"x\"\n".into(),
            "zz_local.toml:1：模式文件格式无效（第 1 行第 1 列：缺少键 `regex`）",
            "missing field `regex`",
        ),
        (
            "invalid",
            "connectors.toml",
            |text| {
                text.lines()
                    .filter(|l| !l.starts_with("ratio = "))
                    .collect::<Vec<_>>()
                    .join("\n")
            },
            "connectors.toml：内容无效（[variance]：缺少键 `ratio`（在 `variance` 中））",
            "missing field `ratio`",
        ),
        (
            "identity",
            "identities.toml",
            |text| text.replacen("= \"无国有资本经营预算\"", "= \"(无国有资本经营预算\"", 1),
            "identities.toml：模式文件格式无效（patterns/identities.toml：恒等式 `fiscal_by_fund`：\
             `zero_if.soe.expenditure`：正则表达式无效：未闭合的分组，位于表达式第 1 列：「(无国有资本经营预算」）",
            "error: unclosed group",
        ),
    ];
    for (name, file, breaks, zh, en) in cases {
        let dir = pattern_dir(&format!("zh-error-{name}"));
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let broken = breaks(&text);
        assert_ne!(broken, text, "{name}: not broken");
        std::fs::write(&path, broken).expect("write");
        let o = bin()
            .args(["patterns", "list", "--patterns"])
            .arg(&dir)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert!(err.contains(zh), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        let words = english_words(&err, &dir);
        assert!(words.is_empty(), "{name}: {words:?} in {err}");
        let o = bin()
            .args(["patterns", "list", "--lang", "en", "--patterns"])
            .arg(&dir)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).contains(en), "{name}: {}", stderr(&o));
    }
}
