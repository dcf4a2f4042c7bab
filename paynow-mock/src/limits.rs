//! [`ServerLimits`]: what one client may cost the mock, so that slow or hostile clients
//! cannot keep it from serving the others.

use std::time::Duration;

/// Bounds on connections and requests. The defaults serve real clients (PayNow batches
/// included) and close what only holds resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Connections served at once. A connection beyond it is answered
    /// `503 Service Unavailable` with `Retry-After` and closed, rather than left waiting
    /// unseen. Default 1024.
    pub max_connections: usize,
    /// Time a client has to send a request's headers, counted from when the server is
    /// ready for them: a new connection, or a kept-alive one after its last answer (so it
    /// is also how long an idle connection stays open). A connection that misses it is
    /// closed. Default 10 s.
    pub header_read_timeout: Duration,
    /// Time a client has to send a request's body once its headers arrived; a client
    /// that misses it gets `408 Request Timeout` and the connection is closed. Default
    /// 30 s.
    pub body_read_timeout: Duration,
    /// The largest request body accepted (a large `csvStr` batch fits easily); a larger
    /// one gets `413 Payload Too Large`. Default 16 MiB.
    pub max_body_bytes: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            max_body_bytes: 16 * 1024 * 1024,
        }
    }
}
