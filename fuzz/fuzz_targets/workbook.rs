//! Fuzzes the workbook reader (XLSX package guard, number formats from styles.xml, calamine's
//! XLSX and XLS/ET parsing, merged ranges, sheet grids) and everything downstream of it,
//! through the sniffer as a real file would go. Seeds: workbooks written by the tests and
//! the generated bad workbooks (see scripts/fuzz.sh).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok((_, doc)) = crossfoot::ingest::ingest_bytes(data, &common::limits()) {
        common::downstream(&doc);
    }
});
