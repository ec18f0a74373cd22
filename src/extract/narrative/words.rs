//! The words the narrative reader compares outside a regex (`[narrative]` of
//! patterns/connectors.toml): how a change's marker and a level's year word are read, and
//! which change subject names a total stated just before.

use crate::patterns::PatternSet;
use serde::Deserialize;
use std::sync::{Arc, OnceLock};

/// `[narrative]` of patterns/connectors.toml.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeWords {
    /// Characters dropped from the start of a change's marker (与, 较, 比).
    pub marker_open: Vec<String>,
    /// Words dropped from the end of a change's marker, in this order (相比 …).
    pub marker_close: Vec<String>,
    /// Endings dropped from a level's year word, in this order (度, 年).
    pub year_end: Vec<String>,
    /// Year words that name the year before the document's (上, 上一).
    pub prior: Vec<String>,
    /// Year words that name the document's year (本, 今).
    pub current: Vec<String>,
    /// Words dropped from the start of a level word (当年).
    pub level_drop: Vec<String>,
    /// Words by which a change's subject names a total (总计, 合计, 总预算).
    pub total_words: Vec<String>,
    /// Characters dropped from a label to compare its core (、, 各, the 入 of 收入 …).
    pub core_drop_chars: Vec<String>,
    /// Words dropped from a label to compare its core, in this order.
    pub core_drop_words: Vec<String>,
    /// The core character of income (收).
    pub income: String,
    /// The core character of spending (支).
    pub spending: String,
}

#[derive(Deserialize)]
struct Section {
    narrative: NarrativeWords,
}

impl NarrativeWords {
    /// The characters of `marker_open`.
    pub fn marker_open_chars(&self) -> Vec<char> {
        self.marker_open
            .iter()
            .filter_map(|w| w.chars().next())
            .collect()
    }

    /// The characters of `core_drop_chars`.
    pub fn core_drop(&self) -> Vec<char> {
        self.core_drop_chars
            .iter()
            .filter_map(|w| w.chars().next())
            .collect()
    }
}

/// The `[narrative]` words of a connectors.toml's other keys. Every list must hold words,
/// the character lists single characters, and no word may be empty.
pub(crate) fn parse(extra: &toml::Table) -> Result<NarrativeWords, String> {
    let w = toml::Value::Table(extra.clone())
        .try_into::<Section>()
        .map(|s| s.narrative)
        .map_err(|e| format!("[narrative]: {e}"))?;
    let lists: [(&str, &Vec<String>, bool); 9] = [
        ("marker_open", &w.marker_open, true),
        ("marker_close", &w.marker_close, false),
        ("year_end", &w.year_end, true),
        ("prior", &w.prior, false),
        ("current", &w.current, false),
        ("level_drop", &w.level_drop, false),
        ("total_words", &w.total_words, false),
        ("core_drop_chars", &w.core_drop_chars, true),
        ("core_drop_words", &w.core_drop_words, false),
    ];
    for (key, list, chars) in lists {
        if list.is_empty() {
            return Err(format!("[narrative]: `{key}` is empty"));
        }
        for word in list {
            let n = word.chars().count();
            if n == 0 || (chars && n != 1) {
                let want = if chars { "one character" } else { "a word" };
                return Err(format!("[narrative]: `{key}`: {word:?} is not {want}"));
            }
        }
    }
    for (key, word) in [("income", &w.income), ("spending", &w.spending)] {
        if word.chars().count() != 1 {
            return Err(format!(
                "[narrative]: `{key}`: {word:?} is not one character"
            ));
        }
    }
    Ok(w)
}

/// The words of the connectors.toml among `patterns`, else the built-in ones (a set built
/// without a connectors.toml, as some tests build).
pub(crate) fn of(patterns: &PatternSet) -> Arc<NarrativeWords> {
    if let Some(w) = &patterns.narrative {
        return Arc::clone(w);
    }
    static BUILTIN: OnceLock<Arc<NarrativeWords>> = OnceLock::new();
    Arc::clone(BUILTIN.get_or_init(|| {
        Arc::new(
            crate::patterns::BUILTIN
                .iter()
                .find(|(n, _)| *n == "connectors.toml")
                .and_then(|(_, text)| toml::from_str::<toml::Table>(text).ok())
                .and_then(|t| parse(&t).ok())
                .unwrap_or_default(),
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The built-in set carries the words, and a set without them falls back to those.
    #[test]
    fn builtin_words_load() {
        let set = PatternSet::builtin().expect("patterns");
        let w = of(&set);
        assert_eq!(w.marker_open_chars(), vec!['与', '较', '比']);
        assert_eq!(w.income, "收");
        assert_eq!(*of(&PatternSet::default()), *w);
    }

    // A missing key and a character list holding a word are errors naming the key.
    #[test]
    fn bad_words_are_errors() {
        let builtin = crate::patterns::BUILTIN
            .iter()
            .find(|(n, _)| *n == "connectors.toml")
            .map(|(_, t)| toml::from_str::<toml::Table>(t).expect("toml"))
            .expect("connectors.toml");
        let mut t = builtin.clone();
        t.remove("narrative");
        let e = parse(&t).expect_err("missing");
        assert!(e.contains("[narrative]") && e.contains("narrative"), "{e}");
        let mut t = builtin;
        if let Some(toml::Value::Table(n)) = t.get_mut("narrative") {
            n.insert(
                "marker_open".into(),
                toml::Value::Array(vec![toml::Value::String("与上".into())]),
            );
        }
        let e = parse(&t).expect_err("two characters");
        assert!(e.contains("marker_open"), "{e}");
    }
}
