//! `--rate`: at most so many uploads a second, shared by every worker of a batch.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Hands out send times `interval` apart; each caller waits for its own.
#[derive(Debug)]
pub(crate) struct Pace {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl Pace {
    /// At most `per_second` sends a second (a positive, finite number).
    pub(crate) fn new(per_second: f64) -> Self {
        Self {
            interval: Duration::from_secs_f64(1.0 / per_second),
            next: Mutex::new(None),
        }
    }

    /// Waits for this caller's turn.
    pub(crate) async fn wait(&self) {
        let slot = {
            let mut next = self
                .next
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let now = Instant::now();
            let slot = next.map_or(now, |next| next.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}
