//! Refusals found while planning rather than parsing, under `degrade_unsupported`.
//!
//! Two bindings of one port type (SOAP 1.1 and 1.2, as ASMX services have) that declare
//! different `soap:header` parts for one operation: the generated client has one method
//! per operation, so it cannot follow both. Without degradation that fails generation;
//! with it only that operation is left out, with a note. A complexContent extension of a
//! simple type (which XSD forbids, and some schemas write): the type keeps its whole
//! content as raw XML, with a note.

use std::path::{Path, PathBuf};

use soap_codegen::{ErrorKind, Generator};

/// A fixture of `tests/fixtures/degrade/` (the test crate compiles their degraded output).
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/degrade")
        .join(name)
}

/// Generating fixture `name` without degradation: the `Unsupported` error's message.
fn refusal(name: &str) -> String {
    let error = Generator::new().generate(fixture(name)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported, "{error}");
    error.message
}

/// Fixture `name` generated with degradation, and the notes of its header.
fn degraded(name: &str) -> (String, Vec<String>) {
    let source = Generator::new()
        .degrade_unsupported(true)
        .generate(fixture(name))
        .unwrap();
    let notes = soap_codegen::emit::header_notes(&source)
        .map(str::to_owned)
        .collect();
    (source, notes)
}

const REASON: &str = "operation `Ping`: binding `B12` declares other soap:headers than another binding of port type `P`; not supported yet";

#[test]
fn without_degradation_different_headers_fail_generation_naming_the_operation() {
    let message = refusal("planned_headers.wsdl");
    assert!(message.contains(REASON), "{message}");
}

#[test]
fn with_degradation_only_that_operation_is_left_out_with_a_note() {
    let (source, notes) = degraded("planned_headers.wsdl");
    assert_eq!(notes, [format!("left out: {REASON}")]);
    assert!(source.contains("pub async fn echo("), "Echo is generated");
    assert!(!source.contains("pub async fn ping("), "Ping is left out");
    assert!(!source.contains("PingHeaders"), "with its header struct");
}

const BASE_REASON: &str = "complex type `Coded`: extension of `{urn:s}Code` is not supported yet";

#[test]
fn without_degradation_a_complex_extension_of_a_simple_type_fails_generation() {
    let message = refusal("planned_simple_base.wsdl");
    assert!(message.contains(BASE_REASON), "{message}");
}

#[test]
fn with_degradation_a_complex_extension_of_a_simple_type_keeps_its_content_raw() {
    let (source, notes) = degraded("planned_simple_base.wsdl");
    assert_eq!(notes, [format!("degraded to raw XML: {BASE_REASON}")]);
    let coded = &source[source.find("pub struct Coded {").expect("Coded")..];
    let fields = &coded[..coded.find('}').unwrap()];
    assert!(
        fields.contains("pub content: ::soap_runtime::RawXml,"),
        "{fields}"
    );
    assert!(fields.contains("pub kind: Option<String>,"), "{fields}");
    assert!(!fields.contains("pub note"), "{fields}");
}
