//! The shared WSDL corpus (`shared/wsdl-corpus`): every WSDL is parsed and generated, and
//! does what `corpus/manifest.rs` says. Those that generate are also compiled into this
//! crate by `build.rs` (`integration_tests::corpus`, warnings denied), so a test binary
//! that builds at all has already checked that they compile clean.

#[allow(dead_code)] // shared with build.rs and zeep_oracle.rs; each reads part of it
mod manifest {
    include!("../corpus/manifest.rs");
}

use std::collections::BTreeSet;
use std::path::PathBuf;

use manifest::{CORPUS, CORPUS_DIR, Entry, Expect};

fn wsdl_path(entry: &Entry) -> PathBuf {
    PathBuf::from(CORPUS_DIR).join(entry.relative_path())
}

/// What is wrong with `entry` today, if anything: a message telling the developer what
/// to do about it.
fn check(entry: &Entry) -> Option<String> {
    let path = wsdl_path(entry);
    let result = entry.generator().generate(&path);
    let module = entry.module;
    match (&entry.expect, result) {
        (Expect::Generates, Ok(_)) => None,
        (Expect::Generates, Err(error)) => Some(format!(
            "{module}: listed as generating, but fails ({:?}): {error}",
            error.kind
        )),
        (Expect::Fails { .. } | Expect::GeneratesLenient { .. }, Ok(_)) => Some(format!(
            "{module} ({}) now generates without leniency: move it to `generates(...)` in \
             tests/corpus/manifest.rs, so it is compiled into integration_tests::corpus \
             (warnings denied) and compared with zeep, and add it to CORPUS.md",
            entry.relative_path()
        )),
        (Expect::Fails { kind, message }, Err(error)) => {
            fails_as_listed(entry, kind, message, &error)
        }
        (Expect::GeneratesLenient { kind, message }, Err(error)) => {
            fails_as_listed(entry, kind, message, &error).or_else(|| {
                let lenient = entry
                    .generator()
                    .unresolved_as_raw_xml(true)
                    .generate(&path);
                lenient.err().map(|error| {
                format!(
                    "{module}: listed as generating with unresolved_as_raw_xml, but fails: {error}"
                )
            })
            })
        }
    }
}

/// A message if `error` is not the failure the manifest lists for `entry`.
fn fails_as_listed(
    entry: &Entry,
    kind: &soap_codegen::ErrorKind,
    message: &str,
    error: &soap_codegen::Error,
) -> Option<String> {
    let as_expected = error.kind == *kind && error.message.contains(message);
    (!as_expected).then(|| {
        format!(
            "{}: expected to fail with {kind:?} containing {message:?}, but fails with \
             {:?}: {error}; if the new error is right, update tests/corpus/manifest.rs and \
             CORPUS.md",
            entry.module, error.kind
        )
    })
}

#[test]
fn every_corpus_wsdl_generates_or_fails_as_listed() {
    let problems: Vec<String> = CORPUS.iter().filter_map(check).collect();
    assert!(
        problems.is_empty(),
        "{} of {} corpus WSDLs differ from tests/corpus/manifest.rs:\n  {}",
        problems.len(),
        CORPUS.len(),
        problems.join("\n  ")
    );
}

#[test]
fn generation_is_deterministic() {
    for entry in CORPUS.iter().filter(|e| e.compiles()) {
        // With the registry on, as compiled here: it emits the most code.
        let first = manifest::generate_corpus_module(entry);
        let second = manifest::generate_corpus_module(entry);
        assert!(first.is_ok(), "{}: {first:?}", entry.module);
        assert!(
            first == second,
            "{}: two runs generated different code",
            entry.module
        );
    }
}

#[test]
fn every_generating_wsdl_is_compiled_into_the_crate() {
    let compiled: BTreeSet<&str> = integration_tests::corpus::MODULES.iter().copied().collect();
    let listed: BTreeSet<&str> = CORPUS
        .iter()
        .filter(|e| e.compiles())
        .map(|e| e.module)
        .collect();
    let missing: Vec<&&str> = listed.difference(&compiled).collect();
    assert!(
        missing.is_empty(),
        "build.rs could not generate {missing:?} (its warnings say why; \
         every_corpus_wsdl_generates_or_fails_as_listed shows the error)"
    );
}

/// The manifest names each WSDL of INDEX.tsv once, so a file added to the corpus is not
/// silently left out.
#[test]
fn the_manifest_lists_exactly_the_corpus_index() {
    let index = std::fs::read_to_string(format!("{CORPUS_DIR}/INDEX.tsv")).unwrap_or_else(|e| {
        panic!("{CORPUS_DIR}/INDEX.tsv: {e} (is shared/ beside the repository?)")
    });
    let indexed: BTreeSet<String> = index
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut columns = line.split('\t');
            let short_name = columns.next().unwrap_or_default();
            let file = columns.next().unwrap_or_default();
            format!("{short_name}/{file}")
        })
        .collect();
    let listed: BTreeSet<String> = CORPUS.iter().map(Entry::relative_path).collect();
    assert_eq!(
        listed.len(),
        CORPUS.len(),
        "a WSDL is listed twice in tests/corpus/manifest.rs"
    );
    let modules: BTreeSet<&str> = CORPUS.iter().map(|e| e.module).collect();
    assert_eq!(modules.len(), CORPUS.len(), "a module name is used twice");
    assert_eq!(
        listed, indexed,
        "tests/corpus/manifest.rs and INDEX.tsv list different WSDLs"
    );
}
