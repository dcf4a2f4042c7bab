//! The lock file: every document's URL, local file and SHA-256 (of the bytes as served),
//! so a later `--check` can tell whether the service changed its WSDL.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Fetched;
use super::error::{FetchError, FetchErrorKind};

/// The lock file's name in the fetch directory.
pub const LOCK_FILE: &str = "soap-codegen.lock.json";

#[derive(Debug, Serialize, Deserialize)]
pub struct Lock {
    /// What wrote it.
    generated_by: String,
    /// The documents, the WSDL first.
    pub documents: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub url: String,
    pub file: String,
    pub sha256: String,
}

/// The lock file's text for `set`.
pub fn render(set: &[Fetched]) -> String {
    let lock = Lock {
        generated_by: "soap-codegen fetch".to_owned(),
        documents: set
            .iter()
            .map(|d| Entry {
                url: d.url.to_string(),
                file: d.file.clone(),
                sha256: d.sha256.clone(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&lock).expect("plain strings serialize") + "\n"
}

/// Reads the lock file at `path`.
pub fn read(path: &Path) -> Result<Lock, FetchError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        FetchError::new(
            FetchErrorKind::Lock,
            path.display(),
            format!(
                "cannot read the lock file ({e}); run `soap-codegen fetch` without --check first"
            ),
        )
    })?;
    serde_json::from_str(&text).map_err(|e| {
        FetchError::new(
            FetchErrorKind::Lock,
            path.display(),
            format!("not a lock file: {e}"),
        )
    })
}

/// How `set` differs from `locked`, one line per document; empty when it does not.
pub fn differences(locked: &Lock, set: &[Fetched]) -> Vec<String> {
    let old: BTreeMap<&str, &Entry> = locked
        .documents
        .iter()
        .map(|e| (e.url.as_str(), e))
        .collect();
    let mut out = Vec::new();
    for doc in set {
        match old.get(doc.url.as_str()) {
            None => out.push(format!("new document: {} (would be {})", doc.url, doc.file)),
            Some(entry) if entry.sha256 != doc.sha256 => out.push(format!(
                "changed: {} ({}): sha256 {} → {}",
                doc.url, entry.file, entry.sha256, doc.sha256
            )),
            Some(_) => {}
        }
    }
    for entry in &locked.documents {
        if !set.iter().any(|d| d.url.as_str() == entry.url) {
            out.push(format!(
                "no longer referenced: {} ({})",
                entry.url, entry.file
            ));
        }
    }
    out
}
