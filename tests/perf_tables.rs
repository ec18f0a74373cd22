//! 绩效自评表 extraction on the seed (one unit-level and twelve project tables) and on a
//! synthetic table with real spans, through the library API.

use crossfoot::extract::{extract, Extraction};
use crossfoot::patterns::PatternSet;

fn seed() -> Extraction {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/changji-minzheng-2024-juesuan.txt"
    ))
    .expect("seed");
    let doc = crossfoot::ingest::text::read(&bytes).expect("ingest");
    extract(&doc, &PatternSet::builtin().expect("patterns"))
}

#[test]
#[ignore]
fn dump() {
    let ex = seed();
    for t in &ex.perf_tables {
        println!(
            "== {:?} {} goal={} achieved={}",
            t.kind,
            t.project,
            t.goal.chars().count(),
            t.achieved.chars().count()
        );
        for f in &t.funds {
            let v = |i: Option<usize>| i.map(|i| ex.facts[i].stated.clone()).unwrap_or("-".into());
            println!(
                "  F {} | {} | {} | {} | {} | {} | {}",
                f.label,
                v(f.budget_initial),
                v(f.budget_full),
                v(f.executed),
                v(f.weight),
                v(f.rate),
                v(f.score)
            );
        }
        for i in &t.indicators {
            println!(
                "  I {} / {} / {} | {} | {} | {} | {} | {} | {:?}",
                i.level1,
                i.level2,
                i.level3,
                i.weight,
                i.target,
                i.actual,
                i.completion,
                i.score,
                i.other
            );
        }
        let v = |i: Option<usize>| i.map(|i| ex.facts[i].stated.clone()).unwrap_or("-".into());
        println!("  T {} {}", v(t.total_weight), v(t.total_score));
    }
    for f in &ex.facts {
        println!(
            "{} {:?} {} = {} {} [{}] {:?} r{:?} c{:?}",
            f.id,
            f.kind,
            f.label,
            f.value,
            f.unit,
            f.quote,
            f.value_wan,
            f.location.row,
            f.location.col
        );
    }
    for s in &ex.statements {
        let fs: Vec<String> = s
            .facts
            .iter()
            .zip(&s.roles)
            .map(|(f, r)| format!("{:?}:{}", r, ex.facts[*f].stated))
            .collect();
        println!(
            "{} {:?} {:?} exp={:?} det={:?} | {}",
            s.id,
            s.kind,
            fs,
            s.expected,
            s.detail,
            s.quote.replace('\n', " // ")
        );
    }
    for w in &ex.warnings {
        println!("W {} {}", w.code, w.message);
    }
}
