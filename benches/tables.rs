//! Measures the standard tables (公开表) stage per table: recognising, reading and building
//! the relations of one 一般公共预算财政拨款支出决算表 of 10 类 × 4 款 × 3 项 (171 rows, 3 value
//! columns), written as flattened text, and checking them. Ingest is done once outside the
//! loop; "extract" is the whole extract stage on a document that holds only this table.
//! Run: `cargo bench --bench tables`.

use criterion::{criterion_group, criterion_main, Criterion};
use crossfoot::check::{check, Lang};
use std::fmt::Write;
use std::hint::black_box;

/// The table as flattened text: a cell per tab-led line, a blank line between rows.
fn table() -> String {
    let mut t = String::from("一般公共预算财政拨款支出决算表\n\n\t单位：万元\n\n");
    let row = |t: &mut String, cells: [&str; 5]| {
        for c in cells {
            let _ = writeln!(t, "\t{c}");
        }
        t.push('\n');
    };
    row(
        &mut t,
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    );
    let mut total = 0i64;
    let mut body = String::new();
    for lei in 0..10 {
        let lei_code = format!("2{:02}", lei + 1);
        let mut lines = String::new();
        let mut lei_sum = 0i64;
        for kuan in 0..4 {
            let kuan_code = format!("{lei_code}{:02}", kuan + 1);
            let mut items = String::new();
            let mut kuan_sum = 0i64;
            for xiang in 0..3 {
                let v = 100 + lei * 37 + kuan * 11 + xiang * 5; // in 0.01 万元
                kuan_sum += 2 * v;
                let code = format!("{kuan_code}{:02}", xiang + 1);
                let s = format!("{}.{:02}", 2 * v / 100, 2 * v % 100);
                let a = format!("{}.{:02}", v / 100, v % 100);
                row(&mut items, [&code, &format!("项{code}"), &s, &a, &a]);
            }
            lei_sum += kuan_sum;
            let h = kuan_sum / 2;
            let s = format!("{}.{:02}", kuan_sum / 100, kuan_sum % 100);
            let a = format!("{}.{:02}", h / 100, h % 100);
            row(
                &mut lines,
                [&kuan_code, &format!("款{kuan_code}"), &s, &a, &a],
            );
            lines.push_str(&items);
        }
        total += lei_sum;
        let h = lei_sum / 2;
        let s = format!("{}.{:02}", lei_sum / 100, lei_sum % 100);
        let a = format!("{}.{:02}", h / 100, h % 100);
        row(&mut body, [&lei_code, &format!("类{lei_code}"), &s, &a, &a]);
        body.push_str(&lines);
    }
    let h = total / 2;
    let s = format!("{}.{:02}", total / 100, total % 100);
    let a = format!("{}.{:02}", h / 100, h % 100);
    row(&mut t, ["", "合计", &s, &a, &a]);
    t.push_str(&body);
    t
}

fn bench_tables(c: &mut Criterion) {
    let text = table();
    let patterns = crossfoot::patterns::PatternSet::builtin().expect("patterns");
    let (_, doc) =
        crossfoot::ingest::ingest_bytes(text.as_bytes(), &Default::default()).expect("ingest");
    let ex = crossfoot::extract::extract(&doc, &patterns);
    assert_eq!(ex.std_tables.len(), 1, "the table is recognised");
    let rep = check(&ex, Lang::Zh);
    assert!(
        rep.coverage.checks_run == 324 && rep.findings.is_empty(),
        "{} checks, {} findings",
        rep.coverage.checks_run,
        rep.findings.len()
    );
    c.bench_function("standard table: extract (171 rows)", |b| {
        b.iter(|| crossfoot::extract::extract(black_box(&doc), &patterns))
    });
    c.bench_function("standard table: check (171 rows)", |b| {
        b.iter(|| check(black_box(&ex), Lang::Zh))
    });
}

criterion_group!(benches, bench_tables);
criterion_main!(benches);
