//! Fuzzes the whole pipeline from raw bytes: sniffing, text decoding (UTF-8/UTF-16/GB18030),
//! the flattened-table convention, extraction patterns and checks. Seeds: corpus/*.txt.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::pipeline("fuzz.txt", data);
});
