//! Interval arithmetic on printed numbers (README, "How a relation is judged"), the core of
//! every rule.
//!
//! A number printed with `d` decimals stands for every value that rounds to it:
//! `[v − ½·10^−d, v + ½·10^−d]`. Rules recompute a relation (a sum, a share, a rate) on these
//! intervals and the relation *holds* when the recomputed interval overlaps the stated
//! value's interval — the XBRL Calculations 1.1 rule as implemented by Arelle. Bounds are
//! exact `Decimal`s; quotients are rounded by `rust_decimal` at 28 significant digits, which
//! is far below any printed precision.
//!
//! Alongside the interval, an [`Approx`] carries the *point* value computed from the numbers
//! exactly as printed. When a relation does not hold, the point decides the severity:
//! rounded to the stated precision it is off by at most one unit of the last printed digit →
//! warning (truncation, shares forced to add up to 100), by more → error. We use the point
//! rather than the gap between the intervals because the gap grows with the number of
//! parts: with the gap, a two-part sum off by 0.02 would only be a warning, and that is a
//! typo, not a rounding habit.

use rust_decimal::Decimal;
use std::fmt;

/// A closed interval of exact decimals, `lo ≤ hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Lower bound.
    pub lo: Decimal,
    /// Upper bound.
    pub hi: Decimal,
}

/// Why an arithmetic step could not be carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithError {
    /// The denominator's interval contains 0.
    DivisionByZero,
    /// A bound left Decimal's range.
    Overflow,
}

impl fmt::Display for ArithError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArithError::DivisionByZero => f.write_str("denominator may be zero"),
            ArithError::Overflow => f.write_str("arithmetic overflow"),
        }
    }
}

/// One unit of the last printed digit for `decimals` digits after the point (negative
/// `decimals` for values converted to a coarser unit: 1 亿元 printed as an integer is 10⁴ 万元).
pub fn unit(decimals: i32) -> Decimal {
    let d = decimals.clamp(-20, 27);
    if d >= 0 {
        Decimal::new(1, d as u32)
    } else {
        let mut u = Decimal::ONE;
        for _ in 0..(-d) {
            u *= Decimal::TEN;
        }
        u
    }
}

/// Half a unit of the last printed digit.
pub fn half_unit(decimals: i32) -> Decimal {
    unit(decimals) / Decimal::TWO
}

impl Interval {
    /// The interval a printed value stands for.
    pub fn printed(value: Decimal, decimals: i32) -> Interval {
        let h = half_unit(decimals);
        Interval {
            lo: value.checked_sub(h).unwrap_or(Decimal::MIN),
            hi: value.checked_add(h).unwrap_or(Decimal::MAX),
        }
    }

    /// A single exact value (a constant such as 100).
    pub fn exact(value: Decimal) -> Interval {
        Interval {
            lo: value,
            hi: value,
        }
    }

    /// True when the interval contains `v`.
    pub fn contains(&self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// True when the two intervals share at least one point.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Distance between the intervals (0 when they overlap).
    pub fn gap(&self, other: &Interval) -> Decimal {
        if self.overlaps(other) {
            Decimal::ZERO
        } else if self.hi < other.lo {
            other.lo.checked_sub(self.hi).unwrap_or(Decimal::MAX)
        } else {
            self.lo.checked_sub(other.hi).unwrap_or(Decimal::MAX)
        }
    }

    /// Sum.
    pub fn add(&self, o: &Interval) -> Result<Interval, ArithError> {
        Ok(Interval {
            lo: self.lo.checked_add(o.lo).ok_or(ArithError::Overflow)?,
            hi: self.hi.checked_add(o.hi).ok_or(ArithError::Overflow)?,
        })
    }

    /// Difference.
    pub fn sub(&self, o: &Interval) -> Result<Interval, ArithError> {
        Ok(Interval {
            lo: self.lo.checked_sub(o.hi).ok_or(ArithError::Overflow)?,
            hi: self.hi.checked_sub(o.lo).ok_or(ArithError::Overflow)?,
        })
    }

    /// Product.
    pub fn mul(&self, o: &Interval) -> Result<Interval, ArithError> {
        let c = [
            self.lo.checked_mul(o.lo),
            self.lo.checked_mul(o.hi),
            self.hi.checked_mul(o.lo),
            self.hi.checked_mul(o.hi),
        ];
        min_max(&c)
    }

    /// Quotient; fails when the denominator's interval contains 0.
    pub fn div(&self, o: &Interval) -> Result<Interval, ArithError> {
        if o.contains(Decimal::ZERO) {
            return Err(ArithError::DivisionByZero);
        }
        let c = [
            self.lo.checked_div(o.lo),
            self.lo.checked_div(o.hi),
            self.hi.checked_div(o.lo),
            self.hi.checked_div(o.hi),
        ];
        min_max(&c)
    }

    /// Absolute value.
    pub fn abs(&self) -> Interval {
        if self.lo >= Decimal::ZERO {
            *self
        } else if self.hi <= Decimal::ZERO {
            Interval {
                lo: -self.hi,
                hi: -self.lo,
            }
        } else {
            Interval {
                lo: Decimal::ZERO,
                hi: self.hi.max(-self.lo),
            }
        }
    }
}

fn min_max(c: &[Option<Decimal>; 4]) -> Result<Interval, ArithError> {
    let mut lo: Option<Decimal> = None;
    let mut hi: Option<Decimal> = None;
    for v in c {
        let v = v.ok_or(ArithError::Overflow)?;
        lo = Some(lo.map_or(v, |l| l.min(v)));
        hi = Some(hi.map_or(v, |h| h.max(v)));
    }
    match (lo, hi) {
        (Some(lo), Some(hi)) => Ok(Interval { lo, hi }),
        _ => Err(ArithError::Overflow),
    }
}

/// A recomputed quantity: the point value from the numbers as printed and the interval of
/// every value the printed numbers allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approx {
    /// Computed from the printed values.
    pub point: Decimal,
    /// Computed from the printed intervals.
    pub iv: Interval,
}

impl Approx {
    /// A printed value with `decimals` digits after the point.
    pub fn printed(value: Decimal, decimals: i32) -> Approx {
        Approx {
            point: value,
            iv: Interval::printed(value, decimals),
        }
    }

    /// An exact constant.
    pub fn exact(value: Decimal) -> Approx {
        Approx {
            point: value,
            iv: Interval::exact(value),
        }
    }

    /// Sum.
    pub fn add(&self, o: &Approx) -> Result<Approx, ArithError> {
        Ok(Approx {
            point: self
                .point
                .checked_add(o.point)
                .ok_or(ArithError::Overflow)?,
            iv: self.iv.add(&o.iv)?,
        })
    }

    /// Difference.
    pub fn sub(&self, o: &Approx) -> Result<Approx, ArithError> {
        Ok(Approx {
            point: self
                .point
                .checked_sub(o.point)
                .ok_or(ArithError::Overflow)?,
            iv: self.iv.sub(&o.iv)?,
        })
    }

    /// Product.
    pub fn mul(&self, o: &Approx) -> Result<Approx, ArithError> {
        Ok(Approx {
            point: self
                .point
                .checked_mul(o.point)
                .ok_or(ArithError::Overflow)?,
            iv: self.iv.mul(&o.iv)?,
        })
    }

    /// Quotient; fails when the denominator's interval contains 0.
    pub fn div(&self, o: &Approx) -> Result<Approx, ArithError> {
        let iv = self.iv.div(&o.iv)?;
        Ok(Approx {
            point: self
                .point
                .checked_div(o.point)
                .ok_or(ArithError::DivisionByZero)?,
            iv,
        })
    }

    /// Multiplies by 100 (a ratio as a percentage).
    pub fn percent(&self) -> Result<Approx, ArithError> {
        self.mul(&Approx::exact(Decimal::ONE_HUNDRED))
    }

    /// Absolute value.
    pub fn abs(&self) -> Approx {
        Approx {
            point: self.point.abs(),
            iv: self.iv.abs(),
        }
    }

    /// Sum of many.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Approx>) -> Result<Approx, ArithError> {
        let mut acc = Approx::exact(Decimal::ZERO);
        for a in items {
            acc = acc.add(a)?;
        }
        Ok(acc)
    }
}

/// The outcome of comparing a recomputation with a stated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// The intervals overlap.
    Holds,
    /// Off by at most one unit of the stated value's last printed digit.
    Warning,
    /// Off by more than one unit.
    Error,
}

/// A comparison's verdict with the numbers behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    /// Holds, warning or error.
    pub verdict: Verdict,
    /// Distance between the recomputed and the stated intervals.
    pub gap: Decimal,
    /// |stated − recomputed point|.
    pub diff: Decimal,
}

/// Compares a recomputed quantity with a value stated with `decimals` printed decimals.
///
/// Holds when the intervals overlap; otherwise a warning when the recomputed point, rounded
/// to the stated precision, is one unit of the last digit away (|diff| ≤ 1.5 units), an
/// error beyond.
pub fn compare(recomputed: &Approx, stated: Decimal, decimals: i32) -> Comparison {
    compare_iv(
        recomputed,
        &Interval::printed(stated, decimals),
        stated,
        decimals,
    )
}

/// Like [`compare`] against an explicit stated interval (e.g. an exact constant, whose
/// "unit" is taken from `decimals`).
pub fn compare_iv(
    recomputed: &Approx,
    stated_iv: &Interval,
    stated: Decimal,
    decimals: i32,
) -> Comparison {
    let gap = recomputed.iv.gap(stated_iv);
    let diff = stated
        .checked_sub(recomputed.point)
        .map_or(Decimal::MAX, |d| d.abs());
    let verdict = if gap.is_zero() {
        Verdict::Holds
    } else if diff <= unit(decimals) * Decimal::new(15, 1) {
        Verdict::Warning
    } else {
        Verdict::Error
    };
    Comparison { verdict, gap, diff }
}

/// Formats a recomputed value for people: `decimals + 2` digits, trailing zeros trimmed but
/// never fewer than `decimals` digits ("52.8652", "300.67").
pub fn show(v: Decimal, decimals: i32) -> String {
    let d = decimals.clamp(0, 20) as u32;
    let mut r = v.round_dp(d + 2).normalize();
    if r.scale() < d {
        r.rescale(d);
    }
    r.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn p(s: &str) -> Approx {
        let v = d(s);
        Approx::printed(v, v.scale() as i32)
    }

    // A printed value's interval is ± half a unit of its last digit.
    #[test]
    fn printed_bounds() {
        let i = Interval::printed(d("2405.59"), 2);
        assert_eq!((i.lo, i.hi), (d("2405.585"), d("2405.595")));
        let j = Interval::printed(d("50"), 0);
        assert_eq!((j.lo, j.hi), (d("49.5"), d("50.5")));
        let k = Interval::printed(d("3"), -2);
        assert_eq!((k.lo, k.hi), (d("-47"), d("53")));
    }

    // Three parts of ±0.005 make 120.72 consistent with 120.71.
    #[test]
    fn three_parts_absorb_one_cent() {
        let s = Approx::sum(&[p("120.16"), p("0.00"), p("0.55")]).unwrap();
        assert_eq!(compare(&s, d("120.72"), 2).verdict, Verdict::Holds);
        // [120.695, 120.725] still touches 120.73's interval; 120.74 is 0.03 off.
        assert_eq!(compare(&s, d("120.73"), 2).verdict, Verdict::Holds);
        assert_eq!(compare(&s, d("120.74"), 2).verdict, Verdict::Error);
    }

    // Integers are ±0.5: 41 + 1,207 = 1,248 is consistent with 1,249, not with 1,250.
    #[test]
    fn integers_half_unit() {
        let s = Approx::sum(&[p("41"), p("1207")]).unwrap();
        assert_eq!(compare(&s, d("1249"), 0).verdict, Verdict::Holds);
        assert_eq!(compare(&s, d("1250"), 0).verdict, Verdict::Error);
    }

    // A two-part sum off by 0.02 is an error; off by 0.01 it holds.
    #[test]
    fn two_part_sum_off_by_two_cents() {
        let s = Approx::sum(&[p("1.00"), p("2.00")]).unwrap();
        assert_eq!(compare(&s, d("3.01"), 2).verdict, Verdict::Holds);
        assert_eq!(compare(&s, d("3.02"), 2).verdict, Verdict::Error);
    }

    // The quotient interval of 1,271.72/2,405.59 touches 52.86%'s interval: holds.
    #[test]
    fn execution_rate_touches() {
        let r = p("1271.72").div(&p("2405.59")).unwrap().percent().unwrap();
        assert_eq!(compare(&r, d("52.86"), 2).verdict, Verdict::Holds);
        assert_eq!(compare(&r, d("52.87"), 2).verdict, Verdict::Holds);
        assert_eq!(compare(&r, d("52.88"), 2).verdict, Verdict::Warning);
        assert_eq!(compare(&r, d("52.89"), 2).verdict, Verdict::Error);
        assert_eq!(show(r.point, 2), "52.8652");
    }

    // A share of exactly 3.3051% printed as 3.30% is one unit off: warning; 3.28%: error.
    #[test]
    fn share_one_unit_is_warning() {
        let r = Approx::exact(d("3.3051"));
        assert_eq!(compare(&r, d("3.30"), 2).verdict, Verdict::Warning);
        assert_eq!(compare(&r, d("3.31"), 2).verdict, Verdict::Holds);
        assert_eq!(compare(&r, d("3.28"), 2).verdict, Verdict::Error);
        // Forced to 100: exact 6.0149 printed 6.00 is still one unit after rounding.
        assert_eq!(
            compare(&Approx::exact(d("6.0149")), d("6.00"), 2).verdict,
            Verdict::Warning
        );
        assert_eq!(
            compare(&Approx::exact(d("6.0151")), d("6.00"), 2).verdict,
            Verdict::Error
        );
    }

    // A denominator interval that contains 0 is refused, not divided.
    #[test]
    fn division_by_zero_interval() {
        assert_eq!(p("1.00").div(&p("0.00")), Err(ArithError::DivisionByZero));
        assert_eq!(p("1.00").div(&p("0.01")).map(|_| ()), Ok(()));
    }

    // Products take the extreme corners, also across zero.
    #[test]
    fn product_corners() {
        let a = Approx::printed(d("-1"), 0);
        let b = Approx::printed(d("2"), 0);
        let m = a.mul(&b).unwrap();
        assert_eq!((m.iv.lo, m.iv.hi), (d("-3.75"), d("-0.75")));
        assert_eq!(m.point, d("-2"));
        let abs = Interval {
            lo: d("-2"),
            hi: d("1"),
        }
        .abs();
        assert_eq!((abs.lo, abs.hi), (d("0"), d("2")));
    }

    // Units for negative decimals (values converted to a finer unit) are powers of ten.
    #[test]
    fn units() {
        assert_eq!(unit(2), d("0.01"));
        assert_eq!(unit(0), d("1"));
        assert_eq!(unit(-4), d("10000"));
        assert_eq!(show(d("300.67"), 2), "300.67");
        assert_eq!(show(d("20"), 2), "20.00");
    }
}
