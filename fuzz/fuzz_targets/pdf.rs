//! Fuzzes the PDF reader (lopdf parsing, decryption, decompression, our content-stream
//! interpreter and layout) and everything downstream of it. Seeds: corpus/*.pdf and the
//! generated bad PDFs (see scripts/fuzz.sh).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = crossfoot::ingest::pdf::read(data, &common::limits()) {
        common::downstream(&doc);
    }
});
