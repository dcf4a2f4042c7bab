//! The bodies of the fuzz targets, as ordinary code.
//!
//! `fuzz_targets/*.rs` hand libFuzzer's inputs to them; on stable, the workspace test
//! `tests/tests/fuzz_regressions.rs` compiles this same source and replays every committed
//! input of `seeds/<target>/` and `regressions/<target>/` through them, so CI guards what
//! fuzzing found. A body panics only on a bug: bad input must come back as a typed error,
//! and what decodes must survive being written and read again.

pub mod dispatch;
pub mod fault;
pub mod response;
pub mod seeds;
pub mod wsdl;

/// A target's body: runs one input, panicking only on a bug.
pub type Body = fn(&[u8]);

/// The targets: the name (also their folder under `seeds/` and `regressions/`) and body.
pub const TARGETS: [(&str, Body); 4] = [
    ("response", response::run),
    ("fault", fault::run),
    ("dispatch", dispatch::run),
    ("wsdl", wsdl::run),
];
