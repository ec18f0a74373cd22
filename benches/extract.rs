//! Placeholder bench (replaced by the extract bench).
fn main() {}
