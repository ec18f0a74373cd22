//! Size-limited stream decoding: every stream we decode (content, form, ToUnicode, font
//! program) goes through [`Budget::decode`], which uses lopdf's limited decoder with the
//! smaller of the per-stream limit and what is left of the per-document budget. No
//! unlimited decompression is ever called on input.

use super::super::{IngestError, Limits};
use lopdf::{DecompressError, Error as PdfError, Stream};
use std::cell::Cell;

/// Per-document decompression budget.
pub struct Budget {
    max_stream: u64,
    max_doc: u64,
    used: Cell<u64>,
}

impl Budget {
    /// A fresh budget from the limits.
    pub fn new(limits: &Limits) -> Self {
        Budget {
            max_stream: limits.max_stream_bytes,
            max_doc: limits.max_doc_bytes,
            used: Cell::new(0),
        }
    }

    /// Bytes decoded so far.
    pub fn used(&self) -> u64 {
        self.used.get()
    }

    /// Decodes a stream's filters within the budget. `what` names the stream in errors.
    /// `Ok(None)`: the stream uses a filter we cannot decode (images, JBIG2...) or is corrupt.
    pub fn decode(&self, stream: &Stream, what: &str) -> Result<Option<Vec<u8>>, IngestError> {
        let left = self.max_doc.saturating_sub(self.used.get());
        let doc_bound = left < self.max_stream;
        let limit = self.max_stream.min(left);
        let limit_usize = usize::try_from(limit).unwrap_or(usize::MAX);
        match stream.get_plain_content_with_limit(limit_usize) {
            Ok(v) => {
                self.used
                    .set(self.used.get().saturating_add(v.len() as u64));
                Ok(Some(v))
            }
            Err(PdfError::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                Err(if doc_bound {
                    IngestError::Limit {
                        what: "decompressed size of the document",
                        detail: format!("{what} would take the total past {} bytes", self.max_doc),
                        flag: "--max-doc-mb",
                    }
                } else {
                    IngestError::Limit {
                        what: "decompressed size of one stream",
                        detail: format!(
                            "{what} decompresses to more than {} bytes",
                            self.max_stream
                        ),
                        flag: "--max-stream-mb",
                    }
                })
            }
            Err(_) => Ok(None),
        }
    }
}
