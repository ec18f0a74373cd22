//! Fuzzes the XLS number-format reader on its own (the compound file opened with cfb, the
//! BIFF8 FORMAT, XF and BOUNDSHEET records, the cell records of each sheet substream): the
//! input is an XLS file or a bare `Workbook` stream. It must decline what it does not
//! understand, never panic. Seeds: the XLS fixtures and the generated bad workbooks (see
//! scripts/fuzz.sh).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = crossfoot::ingest::workbook::xls_number_formats(data, &common::limits());
});
