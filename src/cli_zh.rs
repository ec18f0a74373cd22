//! The Chinese face of the command line under `--lang zh` (the default): the help of the
//! program, of every subcommand and of every argument, and the usage errors clap reports.
//!
//! The English help is the doc comments of `main.rs` (clap derive). The Chinese texts are
//! the tables below, keyed by subcommand and argument id, one faithful translation each;
//! [`localize`] puts them into the clap `Command` before it parses.

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;

/// The about of each command (the program is ""): short, and long when the English has a
/// long one (`crossfoot CMD --help`).
const ABOUTS: &[(&str, &str, Option<&str>)] = &[
    (
        "",
        "从中国政府预算公开文件（部门决算/预算公开）中提取数字，并筛查其中的算术错误和自相矛盾之处",
        None,
    ),
    (
        "extract",
        "以 JSON（schema_version 1）提取数值、表述和指标表",
        Some(
            "以 JSON（schema_version 1）提取数值、表述和指标表。\n\n\
             `--format json` 在给定一个文件时打印一个带缩进的 JSON 对象，给定多个文件或一个目录时\
             打印一个由对象组成的 JSON 数组；`--format jsonl` 每个文档打印一行紧凑的 JSON。\
             无法读取的文件成为一个带 \"error\" 字段的对象；其他文件照常处理，退出码为 2。",
        ),
    ),
    (
        "check",
        "核对每条表述的算术（合计、占比、增长率与预决算差异率、绩效表、恒等式），\
         报告发现的问题及核对覆盖情况",
        Some(
            "核对每条表述的算术（合计、占比、增长率与预决算差异率、绩效表、恒等式），\
             报告发现的问题及核对覆盖情况。\n\n\
             没有达到或高于 --fail-on 的问题时退出码为 0，有则为 1；有输入无法处理时为 2\
             （其余输入仍照常核对和报告）。",
        ),
    ),
    (
        "schema",
        "打印各输出的 JSON 模式定义：全部合为一个对象，或按名称打印一个\
         （extract-document、check-document、summary、corpus-finding）",
        None,
    ),
    ("rules", "列出核对规则：编号、严重程度、说明", None),
    ("patterns", "列出或试用模式集（patterns/*.toml）", None),
    (
        "patterns list",
        "打印每个模式：编号、文件、说明（以制表符分隔）",
        None,
    ),
    (
        "patterns test",
        "显示一句话触发哪些模式及其捕获内容，以及文字提取器从中读出的内容（数值和表述）",
        None,
    ),
    (
        "patterns check",
        "运行每个模式文件的全部示例和反例（有不符时退出码为 1）",
        None,
    ),
];

/// The help of each argument: (command, argument id, help). "*" is any command that has the
/// argument (the corpus and limit options of `check` and `extract`, `--patterns`, `-o`).
const ARGS: &[(&str, &str, &str)] = &[
    (
        "*",
        "paths",
        "文件或目录（目录按路径排序遍历；每个普通文件无论名称如何都会读取，格式由字节内容判断；\
         隐藏条目跳过并计数）",
    ),
    ("extract", "format", "输出格式"),
    (
        "check",
        "format",
        "输出格式：text 给人读，json（一个对象），jsonl（每个文档一行，最后一行汇总）",
    ),
    ("check", "fail_on", "使退出码为 1 的最低严重程度"),
    (
        "*",
        "output",
        "写入此文件而不是标准输出（\"-\" 表示标准输出）",
    ),
    (
        "*",
        "patterns",
        "从此目录加载模式文件，而不用内置的模式文件",
    ),
    (
        "extract",
        "lang",
        "标准错误输出上消息的语言（两种语言下 JSON 相同）",
    ),
    ("check", "lang", "消息的语言"),
    (
        "",
        "lang",
        "帮助和消息的语言，也用于其后的子命令（子命令自己的 --lang 优先）",
    ),
    (
        "schema",
        "lang",
        "名称未知时错误消息的语言（两种语言下模式定义相同）",
    ),
    ("rules", "lang", "说明的语言"),
    ("patterns", "lang", "输出的语言（模式自带的说明按原文打印）"),
    ("schema", "name", "模式定义的名称；省略时打印全部"),
    (
        "patterns test",
        "text",
        "这句话（按公开原文；全角字符亦可）",
    ),
    ("*", "jobs", "工作线程数（默认：每个核心一个）"),
    ("*", "quiet", "标准错误输出上不显示进度条和结束行"),
    (
        "*",
        "timeout",
        "单个文档可用的秒数，超过即成为一条“超时”错误记录",
    ),
    (
        "*",
        "out",
        "将 documents.jsonl、facts.csv、findings.csv、summary.json 和 report.html 逐步写入 DIR\
         （此时标准输出为空）",
    ),
    ("*", "resume", "跳过 --out DIR 中已记录的文档，追加其余文档"),
    (
        "*",
        "shard",
        "只处理 SHA-256 除以 N 余 K-1 的文档（例如 3/8）",
    ),
    (
        "*",
        "manifest",
        "含 \"path\"、\"department\"、\"year\" 三列的 CSV，覆盖识别出的部门和年度",
    ),
    (
        "*",
        "no_bom",
        "写入 facts.csv 和 findings.csv 时不加它们默认开头的 UTF-8 字节顺序标记\
         （有此标记，中文 Windows 上的 Excel 和 WPS 才会按 UTF-8 读取）",
    ),
    ("*", "max_file_mb", "输入文件的最大大小，单位 MiB"),
    ("*", "max_pages", "从一个 PDF 读取的最多页数"),
    (
        "*",
        "max_stream_mb",
        "一个 PDF 流或一个 DOCX 压缩包部件解压后的最大大小，单位 MiB",
    ),
    ("*", "max_doc_mb", "一个文档解压后的最大总量，单位 MiB"),
    ("*", "max_zip_entries", "DOCX 压缩包中的最多条目数"),
    ("*", "max_ops", "一个 PDF 页面上解释的最多内容流操作数"),
    ("*", "max_form_depth", "PDF 表单外部对象的最深嵌套层数"),
    (
        "*",
        "max_rows",
        "从工作簿（XLSX/XLS/ET）读取的最大工作表行号",
    ),
    (
        "*",
        "max_cells",
        "从一个工作簿读取的最多非空单元格数（所有工作表合计）",
    ),
];

/// The help of each value of a value enum: (command, argument id, value, help).
const VALUES: &[(&str, &str, &str, &str)] = &[
    (
        "extract",
        "format",
        "json",
        "带缩进的 JSON：一个文件为一个对象，多个文件为一个数组",
    ),
    ("extract", "format", "jsonl", "每行一个紧凑的 JSON 对象"),
    ("check", "format", "text", "给人读的报告"),
    (
        "check",
        "format",
        "json",
        "一个 JSON 对象：{\"schema_version\", \"documents\", \"corpus_findings\", \"summary\"}",
    ),
    (
        "check",
        "format",
        "jsonl",
        "每个文档一行 JSON 对象，最后一行汇总",
    ),
    ("check", "fail_on", "error", "有错误级别的问题时退出码为 1"),
    (
        "check",
        "fail_on",
        "warning",
        "有错误或警告级别的问题时退出码为 1",
    ),
    ("check", "fail_on", "never", "从不因发现的问题而以 1 退出"),
    ("*", "lang", "zh", "中文"),
    ("*", "lang", "en", "英文"),
];

/// Help headings set in `main.rs` (English) and their Chinese.
const HEADINGS: &[(&str, &str)] = &[("Limits per document", "单个文档的限制")];

/// The generated help subcommand (`crossfoot help check`).
const HELP_SUBCOMMAND: &str = "打印本帮助或所给子命令的帮助";
/// `-h/--help`: without a long help, with one (short form, long form).
const HELP_FLAG: &str = "打印帮助";
const HELP_FLAG_SHORT: &str = "打印帮助（--help 显示详细内容）";
const HELP_FLAG_LONG: &str = "打印帮助（-h 显示摘要）";
const VERSION_FLAG: &str = "打印版本";

const POSITIONAL_HEADING: &str = "参数";
const OPTION_HEADING: &str = "选项";
const COMMAND_HEADING: &str = "命令";
const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// Whether the messages are Chinese: `--lang en` or `--lang=en` anywhere on the command
/// line (before a `--`) makes them English, as the parsed `--lang` will; anything else is
/// Chinese.
pub(crate) fn wants_zh(args: &[OsString]) -> bool {
    let end = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let args = &args[..end];
    !args.iter().enumerate().any(|(i, a)| {
        a == "--lang=en" || (a == "--lang" && args.get(i + 1).is_some_and(|v| v == "en"))
    })
}

fn about_of(path: &str) -> Option<(&'static str, Option<&'static str>)> {
    ABOUTS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, a, l)| (*a, *l))
}

fn arg_help(path: &str, id: &str) -> Option<&'static str> {
    let find = |p: &str| {
        ARGS.iter()
            .find(|(c, i, _)| *c == p && *i == id)
            .map(|(_, _, h)| *h)
    };
    find(path).or_else(|| find("*"))
}

fn value_help(path: &str, id: &str, value: &str) -> Option<&'static str> {
    let find = |p: &str| {
        VALUES
            .iter()
            .find(|(c, i, v, _)| *c == p && *i == id && *v == value)
            .map(|(_, _, _, h)| *h)
    };
    find(path).or_else(|| find("*"))
}

/// The command with its help in Chinese, built (ready to parse).
pub(crate) fn localize(cmd: Command) -> Command {
    let version = cmd.get_version().is_some();
    let mut cmd = translate(cmd, "", false);
    if version {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(999)
                .help(VERSION_FLAG)
                .help_heading(OPTION_HEADING),
        );
    }
    cmd.build();
    after_build(&mut cmd);
    cmd
}

/// Abouts, argument help, headings and the help flag of `cmd` and its subcommands.
/// `inherited_long`: a global argument of a parent command has a long help.
fn translate(mut cmd: Command, path: &str, inherited_long: bool) -> Command {
    if let Some((about, long)) = about_of(path) {
        cmd = cmd.about(about).long_about(long);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading(COMMAND_HEADING)
        .subcommand_value_name(COMMAND_HEADING)
        .disable_help_flag(true);
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| translate_arg(a, path));
    }
    let global_long = inherited_long
        || cmd
            .get_arguments()
            .any(|a| a.is_global_set() && a.get_long_help().is_some());
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |s| translate(s, &sub_path, global_long));
    }
    let long = inherited_long
        || cmd.get_long_about().is_some()
        || cmd.get_arguments().any(|a| a.get_long_help().is_some());
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help_heading(OPTION_HEADING)
        .display_order(999);
    cmd.arg(if long {
        help.help(HELP_FLAG_SHORT).long_help(HELP_FLAG_LONG)
    } else {
        help.help(HELP_FLAG)
    })
}

/// One argument's help in Chinese, with its default and possible values written by us (clap
/// would write them in English).
fn translate_arg(arg: Arg, path: &str) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let heading: Option<&'static str> = match arg.get_help_heading() {
        Some(h) => HEADINGS.iter().find(|(en, _)| *en == h).map(|(_, zh)| *zh),
        None if arg.is_positional() => Some(POSITIONAL_HEADING),
        None => Some(OPTION_HEADING),
    };
    let mut arg = match heading {
        Some(h) => arg.help_heading(h),
        None => arg,
    };
    let Some(help) = arg_help(path, &id) else {
        return arg;
    };
    // A flag (`--quiet`) has neither a default nor possible values to show.
    let takes_values = arg.get_action().takes_values();
    let values: Vec<PossibleValue> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| takes_values && !v.is_hide_set())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .filter(|_| takes_values)
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut short = help.to_string();
    let mut long = help.to_string();
    if !defaults.is_empty() {
        short.push_str(&format!(" [默认：{}]", defaults.join(" ")));
    }
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        short.push_str(&format!(" [可选值：{}]", names.join("、")));
        long.push_str("\n\n可选值：");
        for v in &values {
            match value_help(path, &id, v.get_name()) {
                Some(h) => long.push_str(&format!("\n- {}：{h}", v.get_name())),
                None => long.push_str(&format!("\n- {}", v.get_name())),
            }
        }
    }
    if !defaults.is_empty() {
        long.push_str(&format!("\n\n[默认：{}]", defaults.join(" ")));
    }
    arg = arg
        .help(short.clone())
        .hide_default_value(true)
        .hide_possible_values(true);
    if long != short {
        arg = arg.long_help(long);
    }
    arg
}

/// After clap has built the command: its help subcommands (which clap adds then), and
/// usage lines without clap's English `[OPTIONS]`.
fn after_build(cmd: &mut Command) {
    let mut c = std::mem::take(cmd)
        .help_template(TEMPLATE)
        .subcommand_help_heading(COMMAND_HEADING)
        .subcommand_value_name(COMMAND_HEADING);
    if c.get_name() == "help" {
        c = c.about(HELP_SUBCOMMAND);
    }
    let usage = c.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage
        .replace("[OPTIONS]", &format!("[{OPTION_HEADING}]"))
        .replace("\n       ", "\n      ");
    *cmd = c.override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        after_build(sub);
    }
}

/// One context value of a clap error as text.
fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) if !v.is_empty() => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Why a value failed its parser, when the reason is known: a number that does not parse,
/// a `--shard` that is not K/N.
fn validation_reason(err: &clap::Error, arg: &str) -> &'static str {
    use std::error::Error as _;
    use std::num::IntErrorKind;
    let int = err
        .source()
        .and_then(|s| s.downcast_ref::<std::num::ParseIntError>());
    match int.map(std::num::ParseIntError::kind) {
        Some(IntErrorKind::Empty) => "：为空",
        Some(IntErrorKind::PosOverflow) => "：数值过大",
        Some(_) => "：须为非负整数",
        None if arg.starts_with("--shard") => "：须为 K/N，且 1 ≤ K ≤ N（例如 3/8）",
        None => "",
    }
}

/// The lines of a usage error (unknown argument, missing or invalid value …) in Chinese,
/// naming the argument and value; the caller exits with 2.
pub(crate) fn usage_error(err: &clap::Error) -> String {
    let arg = context(err, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(err, ContextKind::InvalidValue);
    let valid = context(err, ContextKind::ValidValue)
        .map(|v| format!("；可选值：{v}"))
        .unwrap_or_default();
    let line = match err.kind() {
        ErrorKind::UnknownArgument => {
            let tip = context(err, ContextKind::SuggestedArg)
                .map(|s| format!("；相近的参数：{s}"))
                .unwrap_or_default();
            format!("未知的参数 '{arg}'{tip}")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = context(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            let tip = context(err, ContextKind::SuggestedSubcommand)
                .map(|s| format!("；相近的子命令：{s}"))
                .unwrap_or_default();
            format!("未知的子命令 '{sub}'{tip}")
        }
        ErrorKind::InvalidValue => match value.as_deref() {
            Some("") | None => format!("'{arg}' 需要一个值{valid}"),
            Some(v) => format!("'{arg}' 的值 '{v}' 无效{valid}"),
        },
        ErrorKind::ValueValidation => format!(
            "'{arg}' 的值 '{}' 无效{}",
            value.unwrap_or_default(),
            validation_reason(err, &arg)
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => {
            let subs = context(err, ContextKind::ValidSubcommand)
                .map(|s| format!("（{s}）"))
                .unwrap_or_default();
            format!("缺少子命令{subs}")
        }
        ErrorKind::NoEquals => format!("'{arg}' 的值须用等号给出"),
        ErrorKind::TooManyValues => {
            format!("'{arg}' 的值过多：多出 '{}'", value.unwrap_or_default())
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("'{arg}' 的值个数不对")
        }
        ErrorKind::ArgumentConflict => match context(err, ContextKind::PriorArg) {
            Some(prior) if prior == arg => format!("'{arg}' 只能给出一次"),
            Some(prior) => format!("'{arg}' 不能与 '{prior}' 同时使用"),
            None => format!("'{arg}' 不能与其他参数同时使用"),
        },
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ if !arg.is_empty() => format!("参数 '{arg}' 无效"),
        _ => "命令行参数无效".to_string(),
    };
    let mut out = format!("crossfoot: 错误：{line}\n");
    if let Some(usage) = context(err, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage
            .split_once(": ")
            .filter(|(head, _)| *head == "Usage")
            .map_or(usage, |(_, rest)| rest);
        out.push_str(&format!("用法：{usage}\n"));
    }
    out.push_str("详见 '--help'。");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    /// Every command, argument and value of the derive has its Chinese in the tables.
    fn missing(cmd: &Command, path: &str, out: &mut Vec<String>) {
        if about_of(path).is_none() {
            out.push(format!("about of {path:?}"));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if arg_help(path, id).is_none() {
                out.push(format!("{path:?} {id}"));
            }
            if a.get_action().takes_values() {
                for v in a.get_possible_values() {
                    if value_help(path, id, v.get_name()).is_none() {
                        out.push(format!("{path:?} {id}={}", v.get_name()));
                    }
                }
            }
        }
        for s in cmd.get_subcommands() {
            let sub = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            missing(s, &sub, out);
        }
    }

    #[test]
    fn every_help_text_has_its_chinese() {
        let mut out = Vec::new();
        missing(&crate::Cli::command(), "", &mut out);
        assert!(out.is_empty(), "no Chinese for {out:?}");
    }

    #[test]
    fn lang_is_looked_for_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert!(wants_zh(&args(&["crossfoot", "check", "--help"])));
        assert!(wants_zh(&args(&["crossfoot", "check", "--lang", "zh"])));
        assert!(!wants_zh(&args(&[
            "crossfoot",
            "check",
            "--lang",
            "en",
            "-h"
        ])));
        assert!(!wants_zh(&args(&["crossfoot", "--help", "--lang=en"])));
        assert!(wants_zh(&args(&[
            "crossfoot",
            "patterns",
            "test",
            "--",
            "--lang",
            "en"
        ])));
    }
}
