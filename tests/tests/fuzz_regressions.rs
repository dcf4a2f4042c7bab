//! Replays the fuzz targets' committed inputs on stable: every file of
//! `fuzz/seeds/<target>/` and `fuzz/regressions/<target>/` (minimized inputs that once
//! crashed or hung a target) goes through the very bodies cargo-fuzz runs, compiled here
//! from `fuzz/src/` (the fuzz crate is outside the workspace: cargo-fuzz builds it with
//! nightly-only flags). A body panics only on a bug, so each input must pass.

#[path = "../../fuzz/src/lib.rs"]
mod soap_fuzz;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The committed inputs of `target`: (file, bytes).
fn committed_inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut inputs = Vec::new();
    for folder in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(folder).join(target)) else {
            continue;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            inputs.push((path, bytes));
        }
    }
    inputs.sort();
    inputs
}

/// Runs every committed input of `target` through its body; fails naming each input
/// that panicked.
fn replay(target: &str) {
    let (_, body) = soap_fuzz::TARGETS
        .into_iter()
        .find(|(name, _)| *name == target)
        .expect("a fuzz target");
    let inputs = committed_inputs(target);
    assert!(!inputs.is_empty(), "no committed inputs for {target}");
    let failed: Vec<String> = inputs
        .iter()
        .filter(|(_, bytes)| catch_unwind(AssertUnwindSafe(|| body(bytes))).is_err())
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "{target} panicked on: {failed:#?}");
}

#[test]
fn response_inputs_replay() {
    replay("response");
}

#[test]
fn fault_inputs_replay() {
    replay("fault");
}

#[test]
fn dispatch_inputs_replay() {
    replay("dispatch");
}

#[test]
fn wsdl_inputs_replay() {
    replay("wsdl");
}

/// The seeds made in code, hostile shapes at a larger scale than the committed ones.
#[test]
fn generated_seeds_pass() {
    for (target, body) in soap_fuzz::TARGETS {
        for (name, bytes) in soap_fuzz::seeds::generated(target, 1000) {
            let passed = catch_unwind(AssertUnwindSafe(|| body(&bytes))).is_ok();
            assert!(passed, "{target} panicked on the generated seed {name}");
        }
    }
}

/// Writes the seeds made in code to `$FUZZ_SEEDS_DIR/<target>/` (default `fuzz/seeds`),
/// hostile shapes at `$FUZZ_SEEDS_SCALE` (default 64): how `fuzz/seeds` was made, and how
/// a fuzzing run gets large hostile seeds. Run with `--ignored write_seeds`.
#[test]
#[ignore = "writes files; run on purpose"]
fn write_seeds() {
    let dir = std::env::var_os("FUZZ_SEEDS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds"));
    let scale = std::env::var("FUZZ_SEEDS_SCALE")
        .map(|s| s.parse().expect("FUZZ_SEEDS_SCALE is a number"))
        .unwrap_or(64);
    for (target, _) in soap_fuzz::TARGETS {
        let folder = dir.join(target);
        std::fs::create_dir_all(&folder).expect("the seeds folder");
        for (name, bytes) in soap_fuzz::seeds::generated(target, scale) {
            std::fs::write(folder.join(name), bytes).expect("a seed file");
        }
    }
}
