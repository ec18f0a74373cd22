//! The language of `--help` and of usage errors, through the real binary: Chinese by default
//! (`--lang zh`), English with `--lang en`.
//!
//! A help text holds no English word once these are taken out: option names (`--format`,
//! `-o`), value names (`<DIR>`, `[NAME]`, and the same words in the text: "写入 DIR"), the
//! literals of a value enum (from the `[可选值：…]` lists: text, json …) and of `schema NAME`,
//! quoted literals (`"error"`, `"-"`), file names (`report.html`, `patterns/*.toml`), the
//! program and subcommand names of the usage line and of the command list, and the names of
//! formats and products Chinese text uses as they are ([`english::NAMES`]).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns: a failure is a test failure

#[path = "support/english.rs"]
mod english;

use english::{english_words, has_cjk, run};
use regex::Regex;

// The checker itself: it sees what clap writes in English.
#[test]
fn checker_finds_english_help() {
    let o = run(&["check", "--lang", "en", "--help"]);
    let words = english_words(&String::from_utf8_lossy(&o.stdout));
    for w in [
        "Usage",
        "Options",
        "Arguments",
        "OPTIONS",
        "default",
        "Possible",
        "Print",
    ] {
        assert!(words.iter().any(|x| x == w), "{w} not found in {words:?}");
    }
}

// Under the default language every help screen is Chinese: the program's, every
// subcommand's, short (-h) and long (--help), and `crossfoot help CMD`.
#[test]
fn zh_help_holds_no_english_word() {
    let screens: &[&[&str]] = &[
        &["--help"],
        &["-h"],
        &["help"],
        &["help", "check"],
        &["help", "help"],
        &["help", "patterns", "test"],
        &["patterns", "help"],
        &["check", "--help"],
        &["check", "-h"],
        &["extract", "--help"],
        &["extract", "-h"],
        &["schema", "--help"],
        &["rules", "--help"],
        &["rules", "-h"],
        &["patterns", "--help"],
        &["patterns", "-h"],
        &["patterns", "list", "--help"],
        &["patterns", "test", "--help"],
        &["patterns", "check", "--help"],
        &["check", "--lang", "zh", "--help"],
    ];
    for args in screens {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let help = String::from_utf8_lossy(&o.stdout);
        assert!(help.contains("用法："), "{args:?}\n{help}");
        assert!(
            help.contains("选项:") || help.contains("命令:"),
            "{args:?}\n{help}"
        );
        let words = english_words(&help);
        assert!(words.is_empty(), "{args:?}: {words:?}\n{help}");
    }
    // Without a subcommand: the help on stderr, exit code 2, as clap does.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    let help = String::from_utf8_lossy(&o.stderr);
    assert!(help.contains("命令:"), "{help}");
    assert_eq!(english_words(&help), Vec::<String>::new(), "{help}");
}

// The headings of each kind of section, and the long help's lists of values with their
// meaning and defaults, in Chinese.
#[test]
fn zh_help_has_chinese_headings_values_and_defaults() {
    let o = run(&["check", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    for want in [
        "参数:",
        "选项:",
        "单个文档的限制:",
        "- never：从不因发现的问题而以 1 退出",
        "[默认：error]",
        "用法：crossfoot check [选项] <PATHS>...",
        "退出码为 0",
    ] {
        assert!(help.contains(want), "{want}\n{help}");
    }
    let o = run(&["--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("命令:") && help.contains("打印版本"),
        "{help}"
    );
    let o = run(&["extract", "-h"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("[默认：json] [可选值：json、jsonl]"),
        "{help}"
    );
}

// The Chinese help lists the same options as the English one, in the same order.
#[test]
fn zh_and_en_help_list_the_same_options() {
    let option = Regex::new(r"(?m)^\s+(-\w, )?(--[a-z-]+)").unwrap();
    for args in [
        &["check", "--help"][..],
        &["extract", "--help"],
        &["patterns", "test", "--help"],
    ] {
        let zh = String::from_utf8_lossy(&run(args).stdout).into_owned();
        let mut en_args = args.to_vec();
        en_args.insert(en_args.len() - 1, "--lang=en");
        let en = String::from_utf8_lossy(&run(&en_args).stdout).into_owned();
        // The same options in both, in the same order.
        let options = |s: &str| -> Vec<String> {
            option.captures_iter(s).map(|c| c[2].to_string()).collect()
        };
        assert_eq!(options(&zh), options(&en), "{args:?}");
    }
}

// `--lang en` gives clap's English help, whatever the position of the flag.
#[test]
fn en_help_is_english() {
    for args in [
        &["check", "--lang", "en", "--help"][..],
        &["extract", "--lang=en", "--help"],
        &["patterns", "--lang", "en", "list", "--help"],
        &["rules", "--lang", "en", "-h"],
        &["--help", "--lang", "en"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let help = String::from_utf8_lossy(&o.stdout);
        assert!(help.contains("Usage:"), "{args:?}\n{help}");
        let headings: Vec<&str> = help
            .lines()
            .filter(|l| !l.starts_with(' ') && l.ends_with(':'))
            .collect();
        assert!(
            headings
                .iter()
                .any(|h| *h == "Options:" || *h == "Commands:"),
            "{args:?}\n{help}"
        );
        assert!(
            !headings.iter().any(|h| has_cjk(h)),
            "{args:?}: {headings:?}"
        );
    }
}

// A usage error under the default language: a Chinese message naming the argument, and
// exit code 2; under --lang en, clap's English.
#[test]
fn zh_usage_errors_are_chinese_with_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["check", "--bogus", "x.pdf"], "未知的参数 '--bogus'"),
        (&["--bogus"], "未知的参数 '--bogus'"),
        (&["chek"], "未知的子命令 'chek'"),
        (&["check"], "缺少必需的参数：<PATHS>..."),
        (
            &["check", "--format", "xml", "x.pdf"],
            "'--format <FORMAT>' 的值 'xml' 无效；可选值：text、json、jsonl",
        ),
        (
            &["check", "--jobs", "many", "x.pdf"],
            "'--jobs <JOBS>' 的值 'many' 无效：须为非负整数",
        ),
        (
            &["check", "--shard", "9", "x.pdf"],
            "'--shard <K/N>' 的值 '9' 无效：须为 K/N，且 1 ≤ K ≤ N（例如 3/8）",
        ),
        (
            &["check", "--resume", "x.pdf"],
            "缺少必需的参数：--out <DIR>",
        ),
    ];
    let suggested = Regex::new(r"相近的子命令：[a-z、]+").unwrap();
    for (args, want) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
        // Only the offending argument and value are not Chinese.
        let mut rest = err.replace("--bogus", " ").replace("chek", " ");
        // The names of the subcommands suggested.
        rest = suggested.replace_all(&rest, " ").into_owned();
        for v in ["xml", "many", "9"] {
            rest = rest.replace(&format!("'{v}'"), " ");
        }
        let words = english_words(&rest);
        assert!(words.is_empty(), "{args:?}: {words:?}\n{err}");
    }
    let o = run(&["check", "--lang", "en", "--bogus", "x.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
    assert!(!has_cjk(&err), "{err}");
}
