//! README.md says only what a reader of this repository can follow and check: no references
//! to documents outside it or to tracker numbers, and the numbers it quotes from the code
//! are the code's.

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

// No DESIGN/STYLE documents, no ../shared paths, no issue numbers.
#[test]
fn readme_has_no_references_a_reader_cannot_follow() {
    let text = readme();
    for needle in ["DESIGN", "STYLE.md", "../shared", "shared/"] {
        assert!(!text.contains(needle), "README mentions {needle}");
    }
    let lower = text.to_lowercase();
    for (i, _) in lower.match_indices("issue") {
        let after: String = lower[i..].chars().skip(5).take(4).collect();
        let after = after.trim_start_matches(['s', ' ', '#']);
        assert!(
            !after.starts_with(|c: char| c.is_ascii_digit()),
            "README cites an issue number: {}",
            &text[i..(i + 12).min(text.len())]
        );
    }
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('#') {
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        let prev = if i == 0 { b'\n' } else { bytes[i - 1] };
        // "#13" after a space or a bracket is a tracker reference; "(#commands)" is a link.
        assert!(
            !(next.is_ascii_digit() && matches!(prev, b' ' | b'(' | b'\n')),
            "README cites a number with #: {}",
            &text[i..(i + 6).min(text.len())]
        );
    }
}

// The report's listing limit quoted in the README is the code's.
#[test]
fn readme_quotes_the_report_limit() {
    let n = crossfoot::report::html::MAX_LISTED;
    let shown = format!("{},{:03}", n / 1000, n % 1000);
    assert!(
        readme().contains(&format!("It lists the first {shown} findings")),
        "README does not say the report lists the first {shown} findings"
    );
}
