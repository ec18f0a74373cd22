//! Fuzzes the number parser and unit conversion with invariants: a parsed number re-parses
//! from its plain form to the same value and precision; unit conversion never panics.
//! Seeds: numbers cut from corpus/ (see scripts/fuzz.sh).
#![no_main]

use crossfoot::number::{normalize, parse_number, plain_decimal, MoneyUnit};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // Width normalisation maps one char to one char.
    assert_eq!(normalize(s).chars().count(), s.chars().count());
    let _ = MoneyUnit::parse(s);
    let Some(n) = parse_number(s) else {
        return;
    };
    assert_eq!(n.stated, s.trim());
    let plain = n.plain();
    let again = parse_number(&plain).unwrap_or_else(|| panic!("{plain:?} does not re-parse"));
    assert_eq!(again.value, n.value, "{s:?} -> {plain:?}");
    assert_eq!(again.decimals, n.decimals, "{s:?} -> {plain:?}");
    for unit in [
        MoneyUnit::Yuan,
        MoneyUnit::Qianyuan,
        MoneyUnit::Wanyuan,
        MoneyUnit::Yiyuan,
    ] {
        // None: the conversion overflows (a number past Decimal's range once scaled).
        let Some(wan) = unit.to_wan(n.value) else {
            continue;
        };
        let places = (n.decimals as i32 + unit.extra_wan_decimals()).clamp(0, 28) as u32;
        let _ = plain_decimal(wan, places);
    }
});
