//! Parsing of 绩效自评表 目标值 / 业绩值 cells: "=2366人次", ">=2100人次", "<=1.60万元", "=90%",
//! "2024年12月10日前", "=2024年11月30日", "不少于80家". Text targets ("提升", "达到预期指标")
//! parse to `None`: they are not arithmetic and the rules say so in coverage.

use crate::extract::tables::{QuantityWords, Relation};
use crate::number::{normalize, parse_number};
use rust_decimal::Decimal;

/// The comparison a target states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Equal (`eq`) or no comparator.
    Eq,
    /// At least ("≥", 不低于 …: the `ge` comparators of patterns/tables.toml).
    Ge,
    /// More than (`gt`).
    Gt,
    /// At most (`le`), and "…前" after a date.
    Le,
    /// Less than (`lt`).
    Lt,
}

/// The value of a target or actual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TVal {
    /// A number with its printed decimals and unit ("人次", "%", "万元").
    Num {
        /// Value.
        v: Decimal,
        /// Printed decimals.
        dec: u32,
        /// Unit words after the number.
        unit: String,
    },
    /// A date as yyyymmdd.
    Date(u32),
}

/// A parsed 目标值 / 业绩值.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Comparison.
    pub op: Op,
    /// Value.
    pub val: TVal,
}

/// The relation a word of the table vocabulary states; `None` for one a rule cannot check.
fn op_of(rel: Relation) -> Option<Op> {
    match rel {
        Relation::Ge => Some(Op::Ge),
        Relation::Gt => Some(Op::Gt),
        Relation::Le => Some(Op::Le),
        Relation::Lt => Some(Op::Lt),
        Relation::Eq => Some(Op::Eq),
        Relation::None => None,
    }
}

/// Parses a target or actual cell with the words of the table vocabulary
/// (`[quantities]` of patterns/tables.toml). `None` for text that is not a number or a
/// date, and for a word that states no checkable relation ("≠", 约, 左右).
pub fn parse(cell: &str, words: &QuantityWords) -> Option<Target> {
    let s = normalize(cell.trim());
    if s.chars().count() > 40 {
        return None;
    }
    let mut rest = s.trim();
    let mut op = None;
    if let Some((w, rel)) = words
        .comparators
        .iter()
        .find(|(w, _)| rest.starts_with(w.as_str()))
    {
        op = Some(op_of(*rel)?);
        rest = rest[w.len()..].trim();
    }
    if let Some(d) = parse_date(rest) {
        let (date, tail) = d;
        let tail = tail.trim();
        let mut op = op.unwrap_or(Op::Eq);
        if !tail.is_empty() {
            let (_, rel) = words.date_suffixes.iter().find(|(w, _)| w == tail)?;
            // A deadline word makes the date a ceiling whatever comparator came before.
            if *rel == Relation::Le {
                op = Op::Le;
            }
        }
        return Some(Target {
            op,
            val: TVal::Date(date),
        });
    }
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (num, unit) = rest.split_at(end);
    let n = parse_number(num)?;
    let mut unit = unit.trim();
    if let Some((w, rel)) = words
        .unit_suffixes
        .iter()
        .find(|(w, _)| unit.ends_with(w.as_str()))
    {
        let suffix_op = op_of(*rel)?;
        op = op.or(Some(suffix_op));
        unit = unit[..unit.len() - w.len()].trim();
    }
    if unit.chars().count() > 6 || unit.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Target {
        op: op.unwrap_or(Op::Eq),
        val: TVal::Num {
            v: n.value,
            dec: n.decimals,
            unit: unit.to_string(),
        },
    })
}

/// "2024年12月10日" at the start of `s` → (20241210, rest).
fn parse_date(s: &str) -> Option<(u32, &str)> {
    let (y, r) = s.split_once('年')?;
    let y: u32 = y
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))?;
    let (m, r) = r.split_once('月')?;
    let m: u32 = m.trim().parse().ok().filter(|m| (1..=12).contains(m))?;
    let (d, r) = r.split_once('日')?;
    let d: u32 = d.trim().parse().ok().filter(|d| (1..=31).contains(d))?;
    Some((y * 10000 + m * 100 + d, r))
}

/// Units that mean the same for comparing a target with an actual ("万元" and "万").
pub fn same_unit(a: &str, b: &str) -> bool {
    let canon = |u: &str| match u {
        "万" => "万元".to_string(),
        "％" => "%".to_string(),
        x => x.to_string(),
    };
    canon(a) == canon(b) || a.is_empty() || b.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// Parses with the built-in comparators.
    fn parse(cell: &str) -> Option<Target> {
        super::parse(cell, &crate::extract::tables::quantity_words(None))
    }

    fn num(v: &str, dec: u32, unit: &str) -> TVal {
        TVal::Num {
            v: Decimal::from_str(v).unwrap(),
            dec,
            unit: unit.into(),
        }
    }

    // The target shapes of the seed parse to operator, value and unit.
    #[test]
    fn shapes() {
        assert_eq!(
            parse("=2366人次"),
            Some(Target {
                op: Op::Eq,
                val: num("2366", 0, "人次")
            })
        );
        assert_eq!(
            parse(">=2100人次"),
            Some(Target {
                op: Op::Ge,
                val: num("2100", 0, "人次")
            })
        );
        assert_eq!(
            parse("<=1.60万元"),
            Some(Target {
                op: Op::Le,
                val: num("1.60", 2, "万元")
            })
        );
        assert_eq!(
            parse("＝90%"),
            Some(Target {
                op: Op::Eq,
                val: num("90", 0, "%")
            })
        );
        assert_eq!(
            parse("≥95%"),
            Some(Target {
                op: Op::Ge,
                val: num("95", 0, "%")
            })
        );
        assert_eq!(
            parse("不少于80家"),
            Some(Target {
                op: Op::Ge,
                val: num("80", 0, "家")
            })
        );
        assert_eq!(
            parse("2024年12月10日前"),
            Some(Target {
                op: Op::Le,
                val: TVal::Date(20241210)
            })
        );
        assert_eq!(
            parse("=2024年11月30日"),
            Some(Target {
                op: Op::Eq,
                val: TVal::Date(20241130)
            })
        );
        assert_eq!(
            parse("2024年12月9日"),
            Some(Target {
                op: Op::Eq,
                val: TVal::Date(20241209)
            })
        );
    }

    // Every comparator of the table vocabulary states its relation: 不大于/不超过/不高于 are
    // ceilings, 不小于 a floor, 等于 an equality; ≠ and 约 state none a rule can check.
    #[test]
    fn comparator_words_from_the_vocabulary() {
        for (cell, op) in [
            ("不大于5万元", Op::Le),
            ("不超过5万元", Op::Le),
            ("不高于5万元", Op::Le),
            ("=<5万元", Op::Le),
            ("不小于5万元", Op::Ge),
            ("等于5万元", Op::Eq),
            ("低于5万元", Op::Lt),
            ("高于5万元", Op::Gt),
        ] {
            assert_eq!(
                parse(cell),
                Some(Target {
                    op,
                    val: num("5", 0, "万元")
                }),
                "{cell}"
            );
        }
        assert_eq!(parse("≠5万元"), None);
        assert_eq!(parse("约90%"), None);
    }

    // Suffixes state a relation when no comparator does (90以上, 5万元以内); 左右 states none;
    // a deadline word (止, 前完成) makes a date a ceiling, 内完成 leaves it as it is.
    #[test]
    fn suffix_words_from_the_vocabulary() {
        let t = |cell: &str| parse(cell).map(|t| t.op);
        assert_eq!(t("90以上"), Some(Op::Ge));
        assert_eq!(t("90%及以上"), Some(Op::Ge));
        assert_eq!(t("5万元以内"), Some(Op::Le));
        assert_eq!(t(">5万元以下"), Some(Op::Gt));
        assert_eq!(t("90%左右"), None);
        assert_eq!(t("2024年12月31日止"), Some(Op::Le));
        assert_eq!(t("2024年12月31日前完成"), Some(Op::Le));
        assert_eq!(t("2024年12月31日内完成"), Some(Op::Eq));
        assert_eq!(t("2024年12月31日以后"), None);
        assert_eq!(parse("90%及以上").map(|t| t.val), Some(num("90", 0, "%")));
    }

    // Words are not targets.
    #[test]
    fn text_is_none() {
        assert_eq!(parse("提升"), None);
        assert_eq!(parse("达到预期指标"), None);
        assert_eq!(parse("逐步提升"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("2024年13月1日"), None);
    }
}
