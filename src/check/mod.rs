//! Check: rules evaluate an [`Extraction`]'s statements and identities and emit findings,
//! with coverage (what was found, checked, passed, and what could not be checked).

use crate::document::Location;
use crate::extract::Extraction;
use serde::Serialize;
use std::collections::BTreeMap;

/// How serious a finding is (DESIGN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Found but not checkable, or a coverage note.
    Info,
    /// Off by at most one unit of the last printed digit, or intent-dependent.
    Warning,
    /// Off by more than one unit of the last printed digit.
    Error,
}

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese (default).
    #[default]
    Zh,
    /// English.
    En,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable id: rule + location + facts, hashed.
    pub id: String,
    /// Rule id, e.g. `sum.total`.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// What does not hold, in the chosen language.
    pub message: String,
    /// The sentence or row, as published.
    pub quote: String,
    /// The stated numbers involved, as printed without separators.
    pub values: Vec<String>,
    /// The recomputation ("1,298.54 + 0.00 + 1,107.05 = 2,405.59").
    pub expected: String,
    /// Where.
    pub location: Location,
    /// Ids of the facts involved.
    pub facts: Vec<String>,
    /// The 绩效自评表 project, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

/// Per statement kind: how many were found, checked, passed, and why others were not.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KindCoverage {
    /// Statements of this kind found.
    pub found: usize,
    /// Checks run.
    pub checked: usize,
    /// Checks that held.
    pub passed: usize,
    /// Statements that could not be checked.
    pub unchecked: usize,
    /// Why not, with counts.
    pub reasons: BTreeMap<String, usize>,
}

/// Coverage of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coverage {
    /// By statement kind / rule family.
    pub by_kind: BTreeMap<String, KindCoverage>,
    /// Total checks run.
    pub checks_run: usize,
    /// Total checks passed.
    pub checks_passed: usize,
}

/// Findings and coverage of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// Findings in document order.
    pub findings: Vec<Finding>,
    /// Coverage.
    pub coverage: Coverage,
}

/// Runs every rule on one extraction.
pub fn check(_ex: &Extraction, _lang: Lang) -> CheckReport {
    CheckReport::default()
}
