//! Pattern sets: the data files in patterns/ that drive extraction.
//!
//! Each file is TOML with `[[pattern]]` entries (id, description, an `(?x)` regex, what it
//! emits, examples that must match with their captures, and examples that must not match),
//! plus, in concepts.toml, `[[concept]]` entries (concept id → Chinese name → label
//! variants). The format is documented in patterns/README.md. Other top-level keys of a
//! file are kept verbatim ([`PatternFile::extra`]) so a later reader (tables, identities)
//! can keep its own vocabulary in the same directory without a loader change here.
//!
//! The shipped files are compiled into the binary with `include_str!` ([`PatternSet::builtin`])
//! so the tool works from any directory; `--patterns DIR` loads a directory instead
//! ([`PatternSet::load_dir`]). Every load error names the file, the line and the pattern id.
//! Patterns are matched against width-normalised text (`crate::number::normalize`), so a
//! pattern writes `%`, `(` and ASCII digits and still matches `％`, `（` and `２４`.

use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use thiserror::Error;

pub(crate) mod zh;

/// A complaint of crossfoot's own reader of a data file in patterns/ (identities, standard
/// tables, table and narrative words): the English (`Display`), and the Chinese the reader
/// wrote when it knows more than its English says (a regex's place in the pattern), else
/// the English classified in Chinese ([`zh::detail`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderError {
    en: String,
    zh: Option<String>,
}

impl ReaderError {
    /// A complaint with its own Chinese.
    pub fn with_zh(en: String, zh: String) -> ReaderError {
        ReaderError { en, zh: Some(zh) }
    }

    /// The complaint in Chinese, without a library's English.
    pub fn zh(&self) -> String {
        self.zh.clone().unwrap_or_else(|| zh::detail(&self.en))
    }
}

impl From<String> for ReaderError {
    fn from(en: String) -> ReaderError {
        ReaderError { en, zh: None }
    }
}

impl std::fmt::Display for ReaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// The pattern files shipped with crossfoot, compiled into the binary (file name, text).
/// A helper that adds a file adds one line here.
pub const BUILTIN: &[(&str, &str)] = &[
    ("units.toml", include_str!("../patterns/units.toml")),
    (
        "connectors.toml",
        include_str!("../patterns/connectors.toml"),
    ),
    ("labels.toml", include_str!("../patterns/labels.toml")),
    ("concepts.toml", include_str!("../patterns/concepts.toml")),
    ("meta.toml", include_str!("../patterns/meta.toml")),
];

/// Every file a `--patterns DIR` must hold: the pattern files of [`BUILTIN`] and the data
/// files other readers keep in patterns/ (table vocabulary, identities, standard tables and
/// their relations). A directory replaces the built-in data whole, so a file missing from it
/// is an error rather than a silent fall back to the built-in copy.
pub const REQUIRED: &[&str] = &[
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

/// Largest compiled regex accepted (bytes), so a pattern file cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 4 * 1024 * 1024;

/// Why a pattern set could not be loaded. Every variant names the file; pattern-level ones
/// the line and the id too.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// A file or directory could not be read.
    #[error("failed to read {file} ({detail})")]
    Io {
        /// File or directory.
        file: String,
        /// The OS error.
        detail: String,
    },
    /// A file every pattern directory must have ([`REQUIRED`]) is not there.
    #[error("{file}: missing: a --patterns directory must hold every pattern file ({})", REQUIRED.join(", "))]
    Missing {
        /// The path looked for.
        file: String,
    },
    /// A required file holds nothing (no entries, no keys).
    #[error("{file}: empty: a pattern file must hold its entries")]
    Empty {
        /// The path.
        file: String,
    },
    /// A data file that parses as TOML but not as what its reader expects.
    #[error("{file}: invalid ({detail})")]
    Invalid {
        /// File name.
        file: String,
        /// What is wrong.
        detail: String,
        /// The same in Chinese (`--lang zh`), without the library's English.
        detail_zh: String,
    },
    /// Not valid TOML, or not the documented shape.
    #[error("{file}:{line}: invalid pattern file ({detail})")]
    Syntax {
        /// File name.
        file: String,
        /// 1-based line (0 when TOML gave no position).
        line: usize,
        /// What is wrong, as the TOML library says it.
        detail: String,
        /// The same in Chinese (`--lang zh`): line and column, and what is wrong.
        detail_zh: String,
    },
    /// A regex that does not compile.
    #[error("{file}:{line}: pattern `{id}`: invalid regex ({detail})")]
    Regex {
        /// File name.
        file: String,
        /// 1-based line of the entry's id.
        line: usize,
        /// Pattern id.
        id: String,
        /// The regex error, as the regex library says it.
        detail: String,
        /// The same in Chinese (`--lang zh`): what is wrong, where in the pattern.
        detail_zh: String,
    },
    /// The same id twice.
    #[error("{file}:{line}: pattern `{id}`: duplicate id (first in {first})")]
    Duplicate {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// Pattern id.
        id: String,
        /// Where the first one is.
        first: String,
    },
}

/// One example that must match, with the captures it must yield.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The text.
    pub text: String,
    /// Named group → expected captured text (only the groups listed are compared).
    #[serde(default)]
    pub captures: BTreeMap<String, String>,
}

/// One pattern entry.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Stable id ("unit.amount").
    pub id: String,
    /// What it recognises, for people.
    pub description: String,
    /// The regex source as written.
    pub source: String,
    /// The compiled regex.
    pub regex: Regex,
    /// What a match emits (fact kind, role, action …), as documented per family.
    pub emits: BTreeMap<String, String>,
    /// Texts that must match.
    pub examples: Vec<Example>,
    /// Texts that must not match.
    pub counter_examples: Vec<String>,
    /// File it came from.
    pub file: String,
    /// 1-based line of its id.
    pub line: usize,
}

impl Pattern {
    /// The value of an `emits` key.
    pub fn emit(&self, key: &str) -> Option<&str> {
        self.emits.get(key).map(String::as_str)
    }
}

/// A concept: a stable id for a quantity whatever the document calls it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// Stable id ("income.total").
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// Label variants as documents print them (compared after dropping quote marks).
    pub labels: Vec<String>,
}

/// One loaded file.
#[derive(Debug, Clone)]
pub struct PatternFile {
    /// File name ("units.toml").
    pub name: String,
    /// Its `[[pattern]]` entries in file order.
    pub patterns: Vec<Pattern>,
    /// Other top-level keys, verbatim, for readers with their own vocabulary.
    pub extra: toml::Table,
}

/// All loaded pattern files.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    /// Files in load order (builtin order, or sorted by name for a directory).
    pub files: Vec<PatternFile>,
    /// Concepts from every file, in order.
    pub concepts: Vec<Concept>,
    /// Words that qualify a total so its generic-looking parts are not the generic concept
    /// ("政府性基金预算" in 政府性基金预算财政拨款收入总计 → its 本年收入 is not income.current).
    pub qualifiers: Vec<String>,
    /// The identities of an identities.toml among the files (`--patterns DIR`); `None`: the
    /// built-in ones.
    pub identities: Option<std::sync::Arc<crate::check::identity::Identities>>,
    /// The `[narrative]` words of a connectors.toml among the files; `None`: the built-in
    /// ones.
    pub narrative: Option<std::sync::Arc<crate::extract::narrative::NarrativeWords>>,
    by_id: BTreeMap<String, (usize, usize)>,
    by_label: BTreeMap<String, usize>,
}

/// A pattern that fired on a text, with its captures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Pattern id.
    pub id: String,
    /// File.
    pub file: String,
    /// The matched text.
    pub matched: String,
    /// Named captures that participated (name, text), in group order.
    pub captures: Vec<(String, String)>,
    /// The clause or lead it fired on, when not on the whole text.
    pub on: Option<String>,
}

/// An example that did not behave as its pattern file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// File.
    pub file: String,
    /// Line of the pattern.
    pub line: usize,
    /// Pattern id.
    pub id: String,
    /// What went wrong.
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
}

impl ExampleFailure {
    /// The failure as one line in `lang` (English: as [`std::fmt::Display`]).
    pub fn line_in(&self, lang: crate::check::Lang) -> String {
        match lang {
            crate::check::Lang::En => self.to_string(),
            crate::check::Lang::Zh => format!(
                "{}:{}：模式 `{}`：{}",
                self.file, self.line, self.id, self.message_zh
            ),
        }
    }
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: pattern `{}`: {}",
            self.file, self.line, self.id, self.message
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: toml::Spanned<String>,
    description: String,
    regex: String,
    #[serde(default)]
    emits: BTreeMap<String, String>,
    #[serde(default, rename = "match")]
    examples: Vec<Example>,
    #[serde(default)]
    no_match: Vec<String>,
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    pattern: Vec<RawPattern>,
    #[serde(default)]
    concept: Vec<Concept>,
    #[serde(default)]
    qualifiers: Vec<String>,
    #[serde(flatten)]
    extra: toml::Table,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Removes quote marks so "“三公”经费" and "三公经费" compare equal.
pub fn strip_quotes(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」'))
        .collect()
}

impl PatternSet {
    /// The pattern files compiled into the binary.
    pub fn builtin() -> Result<PatternSet, PatternError> {
        PatternSet::from_sources(BUILTIN.iter().map(|(n, t)| (n.to_string(), t.to_string())))
    }

    /// Loads every `*.toml` file of a directory, sorted by name. The directory replaces all
    /// the built-in data: each file of [`REQUIRED`] must be there and hold something, and the
    /// data files are parsed by their readers now, so that an error names the file before
    /// any document is read.
    pub fn load_dir(dir: &Path) -> Result<PatternSet, PatternError> {
        let io = |e: std::io::Error| PatternError::Io {
            file: dir.display().to_string(),
            detail: e.to_string(),
        };
        let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        names.sort();
        let mut sources = Vec::new();
        for p in names {
            let text = std::fs::read_to_string(&p).map_err(|e| PatternError::Io {
                file: p.display().to_string(),
                detail: e.to_string(),
            })?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            sources.push((name, text));
        }
        for required in REQUIRED {
            let file = dir.join(required).display().to_string();
            let Some((_, text)) = sources.iter().find(|(n, _)| n == required) else {
                return Err(PatternError::Missing { file });
            };
            // Only comments and blank lines (or nothing): an empty table.
            if toml::from_str::<toml::Table>(text).is_ok_and(|t| t.is_empty()) {
                return Err(PatternError::Empty { file });
            }
        }
        let set = PatternSet::from_sources(sources)?;
        let invalid = |file: &str, e: ReaderError| PatternError::Invalid {
            file: dir.join(file).display().to_string(),
            detail_zh: e.zh(),
            detail: e.to_string(),
        };
        if let Some(f) = set.file("tables.toml") {
            crate::extract::tables::check_vocabulary(f.extra.clone())
                .map_err(|e| invalid("tables.toml", e.into()))?;
        }
        if let Some(f) = set.file("connectors.toml") {
            crate::check::variance::parse_words(&f.extra)
                .map_err(|e| invalid("connectors.toml", e.into()))?;
            crate::extract::narrative::parse_words(&f.extra)
                .map_err(|e| invalid("connectors.toml", e.into()))?;
        }
        crate::extract::standard::vocab::for_patterns(&set)
            .map_err(|e| invalid("standard_tables.toml / linkbase.toml", e))?;
        Ok(set)
    }

    /// Parses and compiles (file name, text) pairs.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<PatternSet, PatternError> {
        let mut set = PatternSet::default();
        for (name, text) in sources {
            let raw: RawFile = toml::from_str(&text).map_err(|e| PatternError::Syntax {
                file: name.clone(),
                line: e.span().map(|s| line_of(&text, s.start)).unwrap_or(0),
                detail: e.message().trim().to_string(),
                detail_zh: zh::toml_detail(&text, &e),
            })?;
            let file_index = set.files.len();
            let mut patterns = Vec::with_capacity(raw.pattern.len());
            // Compiling the regexes is most of the cost of loading a set: done in parallel,
            // then taken in file order (so the first error reported is the first in the file).
            let compiled: Vec<Result<Regex, regex::Error>> = {
                use rayon::prelude::*;
                raw.pattern
                    .par_iter()
                    .map(|rp| {
                        regex::RegexBuilder::new(&rp.regex)
                            .size_limit(REGEX_SIZE_LIMIT)
                            .build()
                    })
                    .collect()
            };
            for (rp, compiled) in raw.pattern.into_iter().zip(compiled) {
                let line = line_of(&text, rp.id.span().start);
                let id = rp.id.into_inner();
                if let Some((f, p)) = set.by_id.get(&id) {
                    let first = set
                        .files
                        .get(*f)
                        .and_then(|file| file.patterns.get(*p))
                        .map(|x| format!("{}:{}", x.file, x.line))
                        .unwrap_or_else(|| name.clone());
                    return Err(PatternError::Duplicate {
                        file: name,
                        line,
                        id,
                        first,
                    });
                }
                if patterns.iter().any(|p: &Pattern| p.id == id) {
                    return Err(PatternError::Duplicate {
                        file: name.clone(),
                        line,
                        first: name,
                        id,
                    });
                }
                let regex = compiled.map_err(|e| PatternError::Regex {
                    file: name.clone(),
                    line,
                    id: id.clone(),
                    detail: e.to_string(),
                    detail_zh: zh::regex_detail(&rp.regex, &e),
                })?;
                set.by_id.insert(id.clone(), (file_index, patterns.len()));
                patterns.push(Pattern {
                    id,
                    description: rp.description,
                    source: rp.regex,
                    regex,
                    emits: rp.emits,
                    examples: rp.examples,
                    counter_examples: rp.no_match,
                    file: name.clone(),
                    line,
                });
            }
            for c in raw.concept {
                let index = set.concepts.len();
                for l in &c.labels {
                    set.by_label.entry(strip_quotes(l)).or_insert(index);
                }
                set.concepts.push(c);
            }
            set.qualifiers.extend(raw.qualifiers);
            if name == "identities.toml" {
                let ids =
                    crate::check::identity::parse(&text).map_err(|e| PatternError::Syntax {
                        file: name.clone(),
                        line: 0,
                        detail_zh: e.zh(),
                        detail: e.to_string(),
                    })?;
                set.identities = Some(std::sync::Arc::new(ids));
            }
            if name == "connectors.toml" && raw.extra.contains_key("narrative") {
                let words =
                    crate::extract::narrative::parse_words(&raw.extra).map_err(|detail| {
                        PatternError::Invalid {
                            file: name.clone(),
                            detail_zh: zh::detail(&detail),
                            detail,
                        }
                    })?;
                set.narrative = Some(std::sync::Arc::new(words));
            }
            set.files.push(PatternFile {
                name,
                patterns,
                extra: raw.extra,
            });
        }
        Ok(set)
    }

    /// The pattern with this id.
    pub fn get(&self, id: &str) -> Option<&Pattern> {
        let (f, p) = self.by_id.get(id)?;
        self.files.get(*f)?.patterns.get(*p)
    }

    /// Every pattern whose id starts with `prefix` (e.g. "unit."), in load order.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Pattern> + 'a {
        self.all().filter(move |p| p.id.starts_with(prefix))
    }

    /// Every pattern, in load order.
    pub fn all(&self) -> impl Iterator<Item = &Pattern> {
        self.files.iter().flat_map(|f| f.patterns.iter())
    }

    /// The file with this name.
    pub fn file(&self, name: &str) -> Option<&PatternFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// The concept whose label variants include `label` (quote marks ignored).
    pub fn concept_of(&self, label: &str) -> Option<&Concept> {
        let i = self.by_label.get(&strip_quotes(label))?;
        self.concepts.get(*i)
    }

    /// The concept with this id.
    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }

    /// The longest concept label variant contained in `text`, with its concept.
    pub fn concept_in(&self, text: &str) -> Option<&Concept> {
        let t = strip_quotes(text);
        self.by_label
            .iter()
            .filter(|(l, _)| !l.is_empty() && t.contains(l.as_str()))
            .max_by_key(|(l, _)| l.chars().count())
            .and_then(|(_, i)| self.concepts.get(*i))
    }

    /// Every pattern that fires on `text` (width-normalised first), with its first match.
    /// Patterns anchored to a clause or a lead (connectors, labels) are also tried on each
    /// clause of the text and on each clause's words before its first number, as the
    /// narrative reader applies them; such hits say where in `on`.
    pub fn test_text(&self, text: &str) -> Vec<Hit> {
        let norm = crate::number::normalize(text);
        let mut pieces: Vec<String> = Vec::new();
        for clause in clauses(&norm) {
            let clause = clause.trim();
            if clause.is_empty() {
                continue;
            }
            let lead: String = clause.chars().take_while(|c| !c.is_ascii_digit()).collect();
            for piece in [clause.to_string(), lead.trim().to_string()] {
                if !piece.is_empty() && !pieces.contains(&piece) {
                    pieces.push(piece);
                }
            }
        }
        self.all()
            .filter_map(|p| {
                hit(p, &norm).or_else(|| {
                    pieces.iter().find_map(|piece| {
                        hit(p, piece).map(|mut h| {
                            h.on = Some(piece.clone());
                            h
                        })
                    })
                })
            })
            .collect::<Vec<_>>()
    }

    /// Runs every example and counter-example of every pattern; returns the failures.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let mut out = Vec::new();
        for p in self.all() {
            let fail = |message: String, message_zh: String| ExampleFailure {
                file: p.file.clone(),
                line: p.line,
                id: p.id.clone(),
                message,
                message_zh,
            };
            for ex in &p.examples {
                let norm = crate::number::normalize(&ex.text);
                match hit(p, &norm) {
                    None => out.push(fail(
                        format!("example does not match: {:?}", ex.text),
                        format!("示例不匹配：{:?}", ex.text),
                    )),
                    Some(h) => {
                        for (name, want) in &ex.captures {
                            let got = h
                                .captures
                                .iter()
                                .find(|(n, _)| n == name)
                                .map(|(_, v)| v.as_str());
                            if got != Some(want.as_str()) {
                                let got_zh =
                                    got.map_or("（无）".to_string(), |g| format!("{g:?}"));
                                out.push(fail(
                                    format!(
                                        "example {:?}: capture `{name}` is {:?}, expected {:?}",
                                        ex.text, got, want
                                    ),
                                    format!(
                                        "示例 {:?}：捕获组 `{name}` 为 {got_zh}，应为 {:?}",
                                        ex.text, want
                                    ),
                                ));
                            }
                        }
                    }
                }
            }
            for text in &p.counter_examples {
                let norm = crate::number::normalize(text);
                if let Some(h) = hit(p, &norm) {
                    out.push(fail(
                        format!(
                            "counter-example matches: {:?} (matched {:?})",
                            text, h.matched
                        ),
                        format!("反例匹配：{:?}（匹配了 {:?}）", text, h.matched),
                    ));
                }
            }
        }
        out
    }
}

/// Clauses of normalised text: split at , ; : 、 。 ! ? but not at a thousands separator.
fn clauses(norm: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut iter = norm.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|(_, n)| *n);
        let separator = c == ','
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit());
        if matches!(c, ',' | ';' | ':' | '、' | '。' | '!' | '?') && !separator {
            out.push(&norm[start..i]);
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push(&norm[start..]);
    out
}

/// The first match of one pattern on normalised text, with named captures.
fn hit(p: &Pattern, norm: &str) -> Option<Hit> {
    let caps = p.regex.captures(norm)?;
    let matched = caps
        .get(0)
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let captures = p
        .regex
        .capture_names()
        .flatten()
        .filter_map(|n| {
            caps.name(n)
                .map(|m| (n.to_string(), m.as_str().to_string()))
        })
        .collect();
    Some(Hit {
        id: p.id.clone(),
        file: p.file.clone(),
        matched,
        captures,
        on: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The shipped files load, and every example and counter-example behaves as written.
    #[test]
    fn builtin_examples_hold() {
        let set = PatternSet::builtin().expect("builtin patterns load");
        let failures = set.check_examples();
        let text: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
        assert_eq!(text, Vec::<String>::new());
        assert!(set.get("unit.amount").is_some());
    }

    // The direction words are data: every example word of a change pattern is in its
    // `plus` or `minus` list, so no change the examples show is left without a sign.
    #[test]
    fn change_words_have_a_sign() {
        let set = PatternSet::builtin().expect("builtin");
        let change: Vec<&Pattern> = set
            .all()
            .filter(|p| p.emit("role") == Some("change"))
            .collect();
        assert!(!change.is_empty());
        for p in change {
            let words = |k: &str| -> Vec<String> {
                p.emit(k)
                    .unwrap_or("")
                    .split('|')
                    .map(str::to_string)
                    .collect()
            };
            let (plus, minus) = (words("plus"), words("minus"));
            for ex in &p.examples {
                let w = ex.captures.get("word").expect("examples name the word");
                assert!(plus.contains(w) || minus.contains(w), "{}: {w}", p.id);
            }
        }
    }

    // A regex that does not compile is reported with file, line and id.
    #[test]
    fn broken_regex_names_file_line_and_id() {
        let src = "# c\n[[pattern]]\nid = \"x.ok\"\ndescription = \"d\"\nregex = 'a'\n\n[[pattern]]\nid = \"x.bad\"\ndescription = \"d\"\nregex = '(?x) ( unclosed'\n";
        let err = PatternSet::from_sources([("bad.toml".to_string(), src.to_string())])
            .expect_err("must fail");
        match &err {
            PatternError::Regex { file, line, id, .. } => {
                assert_eq!(
                    (file.as_str(), *line, id.as_str()),
                    ("bad.toml", 8, "x.bad")
                );
            }
            other => panic!("unexpected error {other:?}"),
        }
        assert!(err.to_string().starts_with("bad.toml:8: pattern `x.bad`"));
    }

    // A TOML syntax error is reported with its line.
    #[test]
    fn syntax_error_has_line() {
        let src = "[[pattern]]\nid = \"a\"\ndescription = \"d\"\nregex = 'a'\nemits = { kind = }\n";
        let err = PatternSet::from_sources([("s.toml".to_string(), src.to_string())])
            .expect_err("must fail");
        assert!(
            matches!(err, PatternError::Syntax { line: 5, .. }),
            "{err:?}"
        );
    }

    // Concept lookup ignores quote marks and finds the longest contained label.
    #[test]
    fn concepts_by_label() {
        let set = PatternSet::builtin().expect("builtin");
        assert_eq!(
            set.concept_of("财政拨款“三公”经费支出")
                .map(|c| c.id.as_str()),
            Some("sangong.total")
        );
        assert_eq!(
            set.concept_in("（二）一般公共预算财政拨款支出决算结构情况")
                .map(|c| c.id.as_str()),
            Some("gpb.expenditure")
        );
    }
}
