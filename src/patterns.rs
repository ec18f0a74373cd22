//! Pattern sets: the data files in patterns/ that drive extraction (placeholder).

/// All loaded pattern files.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {}

impl PatternSet {
    /// The pattern files compiled into the binary.
    pub fn builtin() -> Result<PatternSet, String> {
        Ok(PatternSet {})
    }
}
