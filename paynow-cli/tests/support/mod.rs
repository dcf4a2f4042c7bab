//! Shared by the crash tests: the `paynow-mock` binary as a separate process on loopback,
//! a batch file of many invoices, the `paynow` CLI as a process, and a seeded random
//! source for the kill points.

#![allow(dead_code)] // each test file uses a different part

pub mod postgres;

use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

use serde_json::Value;

/// The merchant the mock accepts by default.
pub const MEM_CID: &str = "12345675";
/// Its password.
pub const MEM_PASSWORD: &str = "mock-password";

/// The `paynow-mock` binary, built by cargo next to `paynow` (it belongs to another
/// package, so the test builds it rather than assume it is there).
fn mock_binary() -> PathBuf {
    let paynow = Path::new(env!("CARGO_BIN_EXE_paynow"));
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "--quiet",
            "-p",
            "paynow-mock",
            "--bin",
            "paynow-mock",
        ])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building paynow-mock failed");
    paynow.with_file_name(format!("paynow-mock{}", std::env::consts::EXE_SUFFIX))
}

/// A `paynow-mock` process on 127.0.0.1 (a free port), issuing duplicates instead of
/// refusing them (so that an order sent twice shows), with `faults` injected.
pub struct MockProcess {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
    /// The endpoint URL.
    pub url: String,
}

impl MockProcess {
    /// Starts the mock with these `--fault` specs.
    pub fn start(faults: &[&str]) -> Self {
        let mut command = Command::new(mock_binary());
        command.args(["--listen", "127.0.0.1:0", "--allow-duplicate-orders"]);
        for fault in faults {
            command.args(["--fault", fault]);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("paynow-mock starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("paynow-mock prints its endpoint")
                .expect("readable stdout");
            if let Some(url) = line.strip_prefix("endpoint: ") {
                break url.trim().to_owned();
            }
        };
        Self { child, lines, url }
    }

    /// Stops the mock (SIGINT, as Ctrl-C) and returns its summary line:
    /// `issued: N invoices for M orders, K orders more than once; …`.
    pub fn stop(mut self) -> String {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let summary = self
            .lines
            .by_ref()
            .map_while(Result::ok)
            .find(|line| line.starts_with("issued: "))
            .expect("paynow-mock prints its summary when stopped");
        assert!(self.child.wait().expect("paynow-mock exits").success());
        summary
    }
}

impl Drop for MockProcess {
    fn drop(&mut self) {
        // After a failed assertion: do not leave the mock running. Killing a process that
        // has exited already fails harmlessly.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes `count` invoices (the sample invoice under order numbers `PREFIX-0000`, …) as
/// a JSON array to `dir/batch.json`.
pub fn batch_file(dir: &Path, prefix: &str, count: usize) -> PathBuf {
    let sample: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/invoice.json"))
            .expect("the sample invoice"),
    )
    .expect("the sample is JSON");
    let invoices: Vec<Value> = (0..count)
        .map(|i| {
            let mut invoice = sample.clone();
            invoice["order_no"] = Value::from(format!("{prefix}-{i:04}"));
            invoice
        })
        .collect();
    let path = dir.join("batch.json");
    std::fs::write(&path, serde_json::to_string(&invoices).unwrap()).unwrap();
    path
}

/// `paynow` with the mock's credentials and no config file.
pub fn paynow(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_paynow"));
    command
        .env("PAYNOW_MEM_CID", MEM_CID)
        .env("PAYNOW_MEM_PASSWORD", MEM_PASSWORD)
        .env("XDG_CONFIG_HOME", dir)
        .env("HOME", dir);
    command
}

/// `paynow journal --journal JOURNAL status --json`: the journal's counts.
pub fn journal_summary(dir: &Path, journal: &str) -> Value {
    let output = paynow(dir)
        .args(["journal", "--journal", journal, "status", "--json"])
        .output()
        .expect("paynow runs");
    let document: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "journal status answers JSON: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    document["summary"].clone()
}

/// A small seeded random source (SplitMix64), so that kill points repeat run to run.
pub struct Seeded(pub u64);

impl Seeded {
    /// A number in `low..high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        low + (z ^ (z >> 31)) % (high - low)
    }
}
