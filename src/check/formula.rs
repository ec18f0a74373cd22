//! Rule `workbook.formula`: a workbook formula's cached value against its recomputation.
//!
//! A spreadsheet prints the value it cached when the file was last saved; when the program
//! did not recalculate (manual calculation, a value typed over a total, a file written by
//! another tool) the printed total no longer follows from the cells it names. The ingest
//! ([`crate::ingest`]'s workbook reader) gives each formula cell of a recomputable shape
//! (SUM, +/− chains of cells) with its operands at their printed precision; this sums them
//! with interval arithmetic, as `sum.total` does, and reports a disagreement as a warning.
//! Formulas of other shapes are counted as not checkable, one note per sheet and reason.

use super::interval::{compare, show, Approx};
use super::{Ctx, Severity, Subject};
use crate::document::{Formula, Location};
use crate::number::plain_decimal;
use std::collections::BTreeMap;

const RULE: &str = "workbook.formula";
const FAMILY: &str = "workbook";

/// Checks every formula of the document.
pub(super) fn check(ctx: &mut Ctx, formulas: &[Formula]) {
    // Not checkable, grouped: (sheet, reason) → (first location, cells).
    let mut skipped: BTreeMap<(String, String), (Location, Vec<String>)> = BTreeMap::new();
    for f in formulas {
        ctx.found(FAMILY);
        let ops = match &f.operands {
            Ok(ops) => ops,
            Err(reason) => {
                ctx.count_unchecked(FAMILY, RULE, reason);
                let sheet = f.location.sheet.clone().unwrap_or_default();
                let e = skipped
                    .entry((sheet, reason.clone()))
                    .or_insert_with(|| (f.location.clone(), Vec::new()));
                e.1.push(f.location.cell.clone().unwrap_or_default());
                continue;
            }
        };
        let terms: Vec<Approx> = ops
            .terms
            .iter()
            .map(|(neg, n)| {
                let a = Approx::printed(n.value, n.decimals);
                if *neg {
                    Approx::exact(rust_decimal::Decimal::ZERO).sub(&a)
                } else {
                    Ok(a)
                }
            })
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        let recomputed = match terms.len() == ops.terms.len() {
            true => Approx::sum(&terms),
            false => Err(super::interval::ArithError::Overflow),
        };
        let Ok(recomputed) = recomputed else {
            ctx.count_unchecked(FAMILY, RULE, "sum out of range");
            continue;
        };
        let cmp = compare(&recomputed, ops.cached.value, ops.cached.decimals);
        let holds = cmp.verdict == super::interval::Verdict::Holds;
        let sev = (!holds).then_some(Severity::Warning);
        let subj = Subject {
            quote: f.text.clone(),
            location: f.location.clone(),
            facts: Vec::new(),
            key: None,
        };
        let decimals = ops
            .terms
            .iter()
            .map(|(_, n)| n.decimals)
            .chain([ops.cached.decimals])
            .max()
            .unwrap_or(0);
        let cached = show(ops.cached.value, ops.cached.decimals);
        let again = show(recomputed.point, decimals);
        let place = f.location.sheet_ref().unwrap_or_default();
        let text = f.text.clone();
        ctx.verdict(
            FAMILY,
            RULE,
            sev,
            &subj,
            |c| {
                c.t(
                    format!(
                        "{place} 的公式 {text} 所存结果 {cached} 与按其引用单元格重算的 {again} 不符（保存前未重新计算，或结果被手工改写）"
                    ),
                    format!(
                        "{place}: formula {text} has the cached value {cached}, but the cells it refers to give {again} (not recalculated before saving, or overwritten by hand)"
                    ),
                )
            },
            format!("{text} = {again}"),
        );
        if !holds {
            if let Some(last) = ctx.findings.last_mut() {
                let d = |n: i32| u32::try_from(n).unwrap_or(0);
                last.values = vec![
                    plain_decimal(ops.cached.value, d(ops.cached.decimals)),
                    plain_decimal(recomputed.point, d(decimals)),
                ];
            }
        }
    }
    for ((sheet, reason), (location, cells)) in skipped {
        let subj = Subject {
            quote: String::new(),
            location,
            facts: Vec::new(),
            key: None,
        };
        let n = cells.len();
        let list = cells.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
        let more = if n > 5 { ", …" } else { "" };
        let zh = super::zh::reason(&reason);
        let msg = ctx.t(
            format!("工作表 {sheet} 中 {n} 个公式未重算（{zh}）：{list}{more}"),
            format!("sheet {sheet}: {n} formula(s) not recomputed ({reason}): {list}{more}"),
        );
        ctx.emit(RULE, Severity::Info, msg, &subj, String::new());
    }
}
