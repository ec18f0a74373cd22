//! Cooperative cancellation: the deadline of the document being processed on this thread.
//!
//! Rust cannot stop a thread from outside, so a document that overruns `--timeout` has to
//! stop itself. The corpus runner [`set`]s the deadline on the document's thread; the long
//! loops of the pipeline (PDF pages and content-stream operations, layout, text lines,
//! extraction blocks, check statements) call [`check`], which costs one clock read. Past the
//! deadline, [`check`] unwinds the thread with a [`Cancelled`] payload (through
//! `resume_unwind`, so no panic message is printed); [`crate::process`] turns that into the
//! document's `timeout` error, and the thread is free for the next document.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// The unwinding payload of a document stopped at its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled {
    /// The time limit it overran.
    pub timeout: Duration,
}

thread_local! {
    static TIMEOUT: Cell<Duration> = const { Cell::new(Duration::ZERO) };
}

/// Sets this thread's deadline to `timeout` from now until the guard is dropped.
pub fn set(timeout: Duration) -> Guard {
    let previous = DEADLINE.with(|d| d.replace(Instant::now().checked_add(timeout)));
    let previous_timeout = TIMEOUT.with(|t| t.replace(timeout));
    Guard {
        previous,
        previous_timeout,
    }
}

/// Restores the previous deadline (none, usually) when dropped.
#[must_use = "the deadline holds only while the guard lives"]
pub struct Guard {
    previous: Option<Instant>,
    previous_timeout: Duration,
}

impl Drop for Guard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.previous));
        TIMEOUT.with(|t| t.set(self.previous_timeout));
    }
}

/// True once this thread's deadline has passed (false without one).
pub fn expired() -> bool {
    DEADLINE
        .with(Cell::get)
        .is_some_and(|d| Instant::now() >= d)
}

/// Unwinds with [`Cancelled`] if this thread's deadline has passed.
pub fn check() {
    if expired() {
        let timeout = TIMEOUT.with(Cell::get);
        std::panic::resume_unwind(Box::new(Cancelled { timeout }));
    }
}

/// The [`Cancelled`] in a caught unwind payload, if that is what it is.
pub fn cancelled(payload: &(dyn std::any::Any + Send)) -> Option<Cancelled> {
    payload.downcast_ref::<Cancelled>().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    // No deadline: never expired. A past deadline unwinds with Cancelled; the guard
    // restores the previous state.
    #[test]
    fn check_unwinds_past_the_deadline() {
        assert!(!expired());
        check();
        {
            let _g = set(Duration::ZERO);
            assert!(expired());
            let caught = std::panic::catch_unwind(check).unwrap_err();
            assert_eq!(
                cancelled(caught.as_ref()),
                Some(Cancelled {
                    timeout: Duration::ZERO
                })
            );
        }
        assert!(!expired());
        let _g = set(Duration::from_secs(3600));
        assert!(!expired());
        check();
    }
}
