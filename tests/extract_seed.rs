//! `crossfoot extract` on the seed disclosure, through the real binary: the figures and
//! statements a researcher or auditor relies on, asserted value by value.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "corpus/changji-minzheng-2024-juesuan.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn extract(path: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .arg("extract")
        .arg("--format")
        .arg("json")
        .arg(path)
        .output()
        .expect("run crossfoot");
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn seed() -> Value {
    extract(&root().join(SEED))
}

fn facts(doc: &Value) -> &Vec<Value> {
    doc["facts"].as_array().expect("facts")
}

fn statements(doc: &Value) -> &Vec<Value> {
    doc["statements"].as_array().expect("statements")
}

/// The first fact with this label.
fn fact<'a>(doc: &'a Value, label: &str) -> &'a Value {
    facts(doc)
        .iter()
        .find(|f| f["label"] == label)
        .unwrap_or_else(|| panic!("no fact labelled {label}"))
}

fn by_id<'a>(doc: &'a Value, id: &Value) -> &'a Value {
    facts(doc)
        .iter()
        .find(|f| f["id"] == *id)
        .unwrap_or_else(|| panic!("no fact {id}"))
}

/// (role, label, value) of each fact of a statement.
fn members(doc: &Value, s: &Value) -> Vec<(String, String, String)> {
    let ids = s["facts"].as_array().expect("ids");
    let roles = s["roles"].as_array().expect("roles");
    ids.iter()
        .zip(roles)
        .map(|(id, r)| {
            let f = by_id(doc, id);
            (
                r.as_str().unwrap_or("").to_string(),
                f["label"].as_str().unwrap_or("").to_string(),
                f["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn of_kind<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
    statements(doc)
        .iter()
        .filter(|s| s["kind"] == kind)
        .collect()
}

/// The statements of a kind whose first fact is `id`.
fn with_first<'a>(doc: &'a Value, kind: &str, id: &Value) -> Vec<&'a Value> {
    of_kind(doc, kind)
        .into_iter()
        .filter(|s| s["facts"][0] == *id)
        .collect()
}

// Header fields and the headline figure, exactly as printed and in 万元.
#[test]
fn header_and_income_total() {
    let doc = seed();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["format"], "txt");
    assert_eq!(doc["department"], "昌吉回族自治州民政局");
    assert_eq!(doc["year"], 2024);
    assert_eq!(doc["sha256"].as_str().map(str::len), Some(64));
    let f = fact(&doc, "收入总计");
    assert_eq!(f["value"], "2405.59");
    assert_eq!(f["stated"], "2,405.59");
    assert_eq!(f["unit"], "万元");
    assert_eq!(f["value_wan"], "2405.59");
    assert_eq!(f["kind"], "amount");
    assert_eq!(f["decimals"], 2);
    assert_eq!(f["concept"], "income.total");
    assert!(f["quote"]
        .as_str()
        .is_some_and(|q| q.starts_with("2024年度收入总计2,405.59万元，其中：")));
    assert!(f["location"]["block"].is_u64());
}

const FUNC_LINES: [(&str, &str, &str, i64, &str); 18] = [
    (
        "一般公共服务支出(类)财政事务(款)信息化建设(项)",
        "0.00",
        "10.87",
        -1,
        "100.00",
    ),
    (
        "一般公共服务支出(类)组织事务(款)其他组织事务支出(项)",
        "15.00",
        "13.00",
        1,
        "650.00",
    ),
    (
        "一般公共服务支出(类)统战事务(款)其他统战事务支出(项)",
        "0.00",
        "0.90",
        -1,
        "100.00",
    ),
    (
        "社会保障和就业支出(类)民政管理事务(款)行政运行(项)",
        "394.52",
        "0.78",
        -1,
        "0.20",
    ),
    (
        "社会保障和就业支出(类)民政管理事务(款)一般行政管理事务(项)",
        "23.78",
        "16.39",
        1,
        "221.79",
    ),
    (
        "社会保障和就业支出(类)民政管理事务(款)社会组织管理(项)",
        "40.84",
        "25.32",
        -1,
        "38.27",
    ),
    (
        "社会保障和就业支出(类)民政管理事务(款)行政区划和地名管理(项)",
        "17.96",
        "10.65",
        1,
        "145.69",
    ),
    (
        "社会保障和就业支出(类)民政管理事务(款)其他民政管理事务支出(项)",
        "51.99",
        "33.83",
        1,
        "186.29",
    ),
    (
        "社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休(项)",
        "32.14",
        "7.16",
        -1,
        "18.22",
    ),
    (
        "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)",
        "42.55",
        "2.52",
        -1,
        "5.59",
    ),
    (
        "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位职业年金缴费支出(项)",
        "44.85",
        "14.63",
        1,
        "48.41",
    ),
    (
        "卫生健康支出(类)行政事业单位医疗(款)行政单位医疗(项)",
        "12.54",
        "2.82",
        -1,
        "18.36",
    ),
    (
        "卫生健康支出(类)行政事业单位医疗(款)事业单位医疗(项)",
        "10.39",
        "2.19",
        1,
        "26.71",
    ),
    (
        "卫生健康支出(类)行政事业单位医疗(款)公务员医疗补助(项)",
        "1.38",
        "0.60",
        1,
        "76.92",
    ),
    (
        "卫生健康支出(类)行政事业单位医疗(款)其他行政事业单位医疗支出(项)",
        "0.20",
        "0.10",
        1,
        "100.00",
    ),
    (
        "住房保障支出(类)住房改革支出(款)住房公积金(项)",
        "33.81",
        "0.95",
        -1,
        "2.73",
    ),
    (
        "灾害防治及应急管理支出(类)应急管理事务(款)其他应急管理支出(项)",
        "0.00",
        "0.89",
        -1,
        "100.00",
    ),
    (
        "其他支出(类)其他支出(款)其他支出(项)",
        "0.00",
        "16.55",
        -1,
        "100.00",
    ),
];

// Every 类/款/项 line: path label and concept, amount, and its year-on-year change.
#[test]
fn function_classification_lines() {
    let doc = seed();
    for (path, amount, delta, sign, rate) in FUNC_LINES {
        let f = fact(&doc, path);
        assert_eq!(f["value"], amount, "{path}");
        assert_eq!(f["unit"], "万元", "{path}");
        let concept = format!(
            "func:{}",
            path.replace("(类)", "/")
                .replace("(款)", "/")
                .replace("(项)", "")
        );
        assert_eq!(f["concept"], concept.as_str(), "{path}");
        let yoy = with_first(&doc, "yoy", &f["id"]);
        assert_eq!(yoy.len(), 1, "{path}");
        assert_eq!(yoy[0]["sign"], sign, "{path}");
        assert_eq!(
            members(&doc, yoy[0]),
            vec![
                ("current".to_string(), path.to_string(), amount.to_string()),
                (
                    "delta".into(),
                    format!("{path}/比上年增减"),
                    delta.to_string()
                ),
                ("rate".into(), format!("{path}/增减率"), rate.to_string()),
            ],
            "{path}"
        );
    }
}

// The four 类 totals, their shares of 一般公共预算财政拨款支出, the share family, and the sums:
// the 类 lines make up the total, each 类 is the sum of its 项 lines.
#[test]
fn class_totals_shares_and_sums() {
    let doc = seed();
    let gpb = fact(&doc, "一般公共预算财政拨款支出");
    assert_eq!(gpb["value"], "721.95");
    let classes = [
        ("一般公共服务支出(类)", "15.00", "2.08", 3),
        ("社会保障和就业支出(类)", "648.63", "89.84", 8),
        ("卫生健康支出(类)", "24.51", "3.39", 4),
        ("住房保障支出(类)", "33.81", "4.68", 1),
    ];
    let mut class_ids = Vec::new();
    for (label, amount, share, items) in classes {
        let f = fact(&doc, label);
        assert_eq!(f["value"], amount);
        class_ids.push(f["id"].clone());
        let shares = with_first(&doc, "share", &f["id"]);
        assert_eq!(shares.len(), 1, "{label}");
        assert_eq!(
            members(&doc, shares[0]),
            vec![
                ("part".to_string(), label.to_string(), amount.to_string()),
                (
                    "base".into(),
                    "一般公共预算财政拨款支出".into(),
                    "721.95".into()
                ),
                ("rate".into(), format!("{label}/占比"), share.to_string()),
            ]
        );
        let sums = with_first(&doc, "sum", &f["id"]);
        assert_eq!(sums.len(), 1, "{label}");
        let m = members(&doc, sums[0]);
        assert_eq!(m.len(), items + 1, "{label}");
        let prefix = label.to_string();
        assert!(m[1..]
            .iter()
            .all(|(r, l, _)| r == "part" && l.starts_with(&prefix)));
    }
    let total = with_first(&doc, "sum", &gpb["id"]);
    assert_eq!(total.len(), 1);
    let ids: Vec<Value> = total[0]["facts"].as_array().expect("ids")[1..].to_vec();
    assert_eq!(ids, class_ids);
    let families: Vec<Vec<String>> = of_kind(&doc, "share_family")
        .iter()
        .map(|s| members(&doc, s).into_iter().map(|(_, _, v)| v).collect())
        .collect();
    assert_eq!(
        families,
        vec![
            vec!["78.67", "0.00", "0.00", "0.00", "0.00", "21.33"],
            vec!["45.01", "54.99", "0.00", "0.00", "0.00"],
            vec!["0.00", "94.41", "5.59"],
            vec!["2.08", "89.84", "3.39", "4.68"],
        ]
    );
}

fn sum_of(doc: &Value, total: &str) -> Vec<(String, String, String)> {
    let f = fact(doc, total);
    let sums = with_first(doc, "sum", &f["id"]);
    assert_eq!(sums.len(), 1, "{total}");
    members(doc, sums[0])
}

fn labels(m: &[(String, String, String)]) -> Vec<&str> {
    m.iter().map(|(_, l, _)| l.as_str()).collect()
}

// The 收入/支出 sums and the other 其中 lists of the narrative.
#[test]
fn narrative_sums() {
    let doc = seed();
    assert_eq!(
        labels(&sum_of(&doc, "收入总计")),
        vec![
            "收入总计",
            "本年收入合计",
            "使用非财政拨款结余（含专用结余）",
            "年初结转和结余"
        ]
    );
    assert_eq!(
        labels(&sum_of(&doc, "支出总计")),
        vec!["支出总计", "本年支出合计", "结余分配", "年末结转和结余"]
    );
    assert_eq!(
        labels(&sum_of(&doc, "本年收入")),
        vec![
            "本年收入",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入"
        ]
    );
    assert_eq!(
        labels(&sum_of(&doc, "本年支出")),
        vec![
            "本年支出",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出"
        ]
    );
    assert_eq!(
        labels(&sum_of(&doc, "财政拨款收入总计")),
        vec![
            "财政拨款收入总计",
            "年初财政拨款结转和结余",
            "本年财政拨款收入"
        ]
    );
    assert_eq!(
        labels(&sum_of(&doc, "一般公共预算财政拨款基本支出")),
        vec!["一般公共预算财政拨款基本支出", "人员经费", "公用经费"]
    );
    assert_eq!(
        labels(&sum_of(&doc, "财政拨款“三公”经费支出")),
        vec![
            "财政拨款“三公”经费支出",
            "因公出国（境）费支出",
            "公务用车购置及运行维护费支出",
            "公务接待费支出"
        ]
    );
    assert_eq!(
        labels(&sum_of(&doc, "公务用车购置及运行维护费")),
        vec![
            "公务用车购置及运行维护费",
            "公务用车购置费",
            "公务用车运行维护费"
        ]
    );
    assert_eq!(
        labels(&sum_of(&doc, "政府采购支出总额")),
        vec![
            "政府采购支出总额",
            "政府采购货物支出",
            "政府采购工程支出",
            "政府采购服务支出"
        ]
    );
    let staff = sum_of(&doc, "实有人数");
    assert_eq!(
        staff,
        vec![
            (
                "total".to_string(),
                "实有人数".to_string(),
                "50".to_string()
            ),
            ("part".into(), "在职人员".into(), "21".into()),
            ("part".into(), "离休人员".into(), "1".into()),
            ("part".into(), "退休人员".into(), "28".into()),
        ]
    );
    // 政府性基金: parts keep their words but not the department-wide concepts.
    let gf = sum_of(&doc, "政府性基金预算财政拨款收入总计");
    assert_eq!(
        labels(&gf),
        vec![
            "政府性基金预算财政拨款收入总计",
            "年初结转和结余",
            "本年收入"
        ]
    );
    let gf_part = facts(&doc)
        .iter()
        .find(|f| f["label"] == "本年收入" && f["value"] == "299.59")
        .expect("gov fund income");
    assert!(gf_part.get("concept").is_none());
}

// The budget-vs-actual variances, with qualified labels.
#[test]
fn variances() {
    let doc = seed();
    let got: Vec<Vec<(String, String, String)>> = of_kind(&doc, "variance")
        .iter()
        .map(|s| members(&doc, s))
        .collect();
    let row = |subject: &str, b: &str, a: &str, r: &str| {
        vec![
            (
                "budget".to_string(),
                format!("{subject}/年初预算数"),
                b.to_string(),
            ),
            (
                "actual".to_string(),
                format!("{subject}/决算数"),
                a.to_string(),
            ),
            (
                "rate".to_string(),
                format!("{subject}/预决算差异率"),
                r.to_string(),
            ),
        ]
    };
    assert_eq!(got.len(), 8);
    assert_eq!(
        got[0],
        row("财政拨款收入总计", "717.90", "1051.02", "46.40")
    );
    assert_eq!(
        got[1],
        row("一般公共预算财政拨款支出", "699.39", "721.95", "3.23")
    );
    assert_eq!(
        got[2],
        row(
            "政府性基金预算财政拨款收入总计",
            "18.51",
            "299.59",
            "1518.53"
        )
    );
    let sangong: Vec<&str> = got[3..].iter().map(|m| m[0].1.as_str()).collect();
    assert_eq!(
        sangong,
        vec![
            "财政拨款“三公”经费支出/全年预算数",
            "因公出国（境）费/全年预算数",
            "公务用车购置费/全年预算数",
            "公务用车运行维护费/全年预算数",
            "公务接待费/全年预算数"
        ]
    );
    assert_eq!(
        by_id(&doc, &of_kind(&doc, "variance")[0]["facts"][1])["stated"],
        "1,051.02"
    );
}

// Year-on-year changes outside the 类/款/项 lines, including subjects named in words.
#[test]
fn yoy_bindings() {
    let doc = seed();
    let yoy = |label: &str| {
        let f = fact(&doc, label);
        let s = with_first(&doc, "yoy", &f["id"]);
        assert_eq!(s.len(), 1, "{label}");
        (
            s[0]["sign"].as_i64().unwrap_or(9),
            members(&doc, s[0])
                .into_iter()
                .skip(1)
                .map(|(_, _, v)| v)
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(yoy("收入总计"), (1, vec!["472.54".into(), "24.45".into()]));
    assert_eq!(
        yoy("财政拨款收入总计"),
        (1, vec!["205.86".into(), "24.36".into()])
    );
    assert_eq!(
        yoy("一般公共预算财政拨款支出"),
        (1, vec!["22.64".into(), "3.24".into()])
    );
    assert_eq!(
        yoy("政府性基金预算财政拨款收入总计"),
        (1, vec!["183.22".into(), "157.45".into()])
    );
    assert_eq!(
        yoy("财政拨款“三公”经费支出"),
        (1, vec!["6.21".into(), "132.13".into()])
    );
    assert_eq!(
        yoy("公务接待费支出"),
        (-1, vec!["0.09".into(), "12.86".into()])
    );
    assert_eq!(
        yoy("机关运行经费支出"),
        (1, vec!["7.14".into(), "20.86".into()])
    );
    assert_eq!(yoy("在职人员"), (-1, vec!["5".into()]));
    assert_eq!(yoy("退休人员"), (1, vec!["2".into()]));
}

// Named bases: 占本年支出合计的 and 占政府采购支出总额的.
#[test]
fn named_share_bases() {
    let doc = seed();
    let share = |label: &str| {
        let f = fact(&doc, label);
        let s = with_first(&doc, "share", &f["id"]);
        assert_eq!(s.len(), 1, "{label}");
        members(&doc, s[0])
    };
    assert_eq!(share("一般公共预算财政拨款支出")[1].1, "本年支出合计");
    assert_eq!(share("一般公共预算财政拨款支出")[2].2, "56.77");
    assert_eq!(share("授予小微企业合同金额")[1].1, "政府采购支出总额");
    assert_eq!(share("授予小微企业合同金额")[2].2, "82.96");
    assert_eq!(share("财政拨款收入")[1].1, "本年收入");
}

// "下设7个科室，分别是：…" with 7 top-level items (one has 、-free brackets, one a stray space).
#[test]
fn list_count() {
    let doc = seed();
    let lc = of_kind(&doc, "list_count");
    assert_eq!(lc.len(), 1);
    assert_eq!(lc[0]["detail"], "7");
    assert_eq!(lc[0]["expected"], "7");
    let f = by_id(&doc, &lc[0]["facts"][0]);
    assert_eq!(
        (f["label"].as_str(), f["value"].as_str()),
        (Some("下设科室"), Some("7"))
    );
}

// Counts are facts too.
#[test]
fn counts() {
    let doc = seed();
    for (label, value, unit) in [
        ("实有人数", "50", "人"),
        ("在职人员/比上年增减", "5", "人"),
        ("单位全年安排的国内公务接待", "6", "批次"),
        ("公务用车保有量", "2", "辆"),
        ("房屋", "9202.06", "平方米"),
    ] {
        let f = fact(&doc, label);
        assert_eq!(
            (f["value"].as_str(), f["unit"].as_str()),
            (Some(value), Some(unit)),
            "{label}"
        );
        assert_eq!(f["kind"], "count");
    }
    let visits = facts(&doc)
        .iter()
        .find(|f| f["unit"] == "人次" && f["value"] == "32")
        .expect("32人次");
    assert_eq!(visits["label"], "单位全年安排的国内公务接待");
}

// Statement kinds found in the narrative (table statements are the table reader's).
#[test]
fn narrative_statement_counts() {
    let doc = seed();
    let narrative: Vec<&Value> = statements(&doc)
        .iter()
        .filter(|s| s["location"].get("row").is_none())
        .collect();
    let count = |k: &str| narrative.iter().filter(|s| s["kind"] == k).count();
    assert_eq!(
        [
            count("sum"),
            count("share"),
            count("share_family"),
            count("yoy"),
            count("variance"),
            count("list_count")
        ],
        [19, 21, 4, 31, 8, 1]
    );
}

fn without_file_fields(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("path");
        o.remove("sha256");
    }
    v
}

// The GBK rendition extracts exactly what the UTF-8 one does.
#[test]
fn gbk_copy_extracts_identically() {
    let committed = root().join("corpus/changji-minzheng-2024-juesuan.gbk.txt");
    let path = if committed.exists() {
        committed
    } else {
        let text = std::fs::read_to_string(root().join(SEED)).expect("seed");
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable);
        let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("seed.gbk.txt");
        std::fs::write(&p, &gbk).expect("write gbk");
        p
    };
    let a = without_file_fields(seed());
    let b = without_file_fields(extract(&path));
    assert_eq!(a["facts"], b["facts"]);
    assert_eq!(a["statements"], b["statements"]);
    assert_eq!(a, b);
}

// jsonl: one line per document; an unreadable file is an error record, the others are still
// processed, and the exit code is 2. -o writes to a file and leaves stdout empty.
#[test]
fn jsonl_errors_and_output_file() {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let empty = tmp.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let missing = tmp.join("does-not-exist.pdf");
    let out_file = tmp.join("out.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["extract", "--format", "jsonl", "-o"])
        .arg(&out_file)
        .arg(&empty)
        .arg(root().join(SEED))
        .arg(&missing)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let text = std::fs::read_to_string(&out_file).expect("output file");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["error"], "empty file");
    assert_eq!(lines[0]["schema_version"], 1);
    assert!(lines[0].get("facts").is_none());
    assert_eq!(lines[1]["facts"][0]["label"], "实有人数");
    assert!(lines[2]["error"]
        .as_str()
        .is_some_and(|e| e.starts_with("failed to read file")));
    // stderr is Chinese by default, English with --lang en; the records are the same.
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("empty.txt：无法处理：空文件"), "{stderr}");
    let o = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["extract", "--lang", "en", "--format", "jsonl", "-o"])
        .arg(&out_file)
        .arg(&empty)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
}

// --format json with several files prints one array.
#[test]
fn json_array_for_several_files() {
    let seed = root().join(SEED);
    let o = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["extract", "--format", "json"])
        .arg(&seed)
        .arg(&seed)
        .output()
        .expect("run");
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let docs = v.as_array().expect("array");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0], docs[1]);
}

// The DOCX rendition (real Word tables and paragraphs) yields the same facts and statements
// as the text: labels, values, units, kinds, concepts, quotes; statement kinds, members,
// roles and signs. Locations differ (a DOCX has no line numbers).
#[test]
fn docx_extracts_like_txt() {
    let docx = root().join("corpus/changji-minzheng-2024-juesuan.docx");
    assert!(docx.exists(), "corpus DOCX rendition missing");
    let a = seed();
    let b = extract(&docx);
    assert_eq!(b["format"], "docx");
    let fact_view = |d: &Value| -> Vec<Value> {
        facts(d)
            .iter()
            .map(|f| {
                serde_json::json!([
                    f["id"],
                    f["label"],
                    f["value"],
                    f["stated"],
                    f["unit"],
                    f["kind"],
                    f["concept"],
                    f["value_wan"],
                    f["quote"]
                ])
            })
            .collect()
    };
    let statement_view = |d: &Value| -> Vec<Value> {
        statements(d)
            .iter()
            .map(|s| serde_json::json!([s["kind"], s["facts"], s["roles"], s["sign"], s["detail"]]))
            .collect()
    };
    assert_eq!(fact_view(&a).len(), facts(&a).len());
    assert_eq!(fact_view(&b), fact_view(&a));
    assert_eq!(statement_view(&b), statement_view(&a));
    assert_eq!(b["department"], a["department"]);
    assert_eq!(b["year"], a["year"]);
}
