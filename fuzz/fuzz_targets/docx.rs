//! Fuzzes the DOCX reader (zip directory, inflate limits, WordprocessingML tables and merged
//! cells) and everything downstream of it. Seeds: corpus/*.docx and the generated bad DOCX
//! files (see scripts/fuzz.sh).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = crossfoot::ingest::docx::read(data, &common::limits()) {
        common::downstream(&doc);
    }
});
