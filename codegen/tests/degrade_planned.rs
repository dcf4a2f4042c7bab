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

const REASON: &str = "operation `Ping`: binding `B12` declares other soap:headers than another binding of port type `P`; not supported yet";

#[test]
fn without_degradation_different_headers_fail_generation_naming_the_operation() {
    let error = Generator::new()
        .generate(fixture("planned_headers.wsdl"))
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported, "{error}");
    assert!(error.message.contains(REASON), "{error}");
}

#[test]
fn with_degradation_only_that_operation_is_left_out_with_a_note() {
    let source = Generator::new()
        .degrade_unsupported(true)
        .generate(fixture("planned_headers.wsdl"))
        .unwrap();
    let notes: Vec<&str> = soap_codegen::emit::header_notes(&source).collect();
    assert_eq!(notes, [format!("left out: {REASON}")]);
    assert!(source.contains("pub async fn echo("), "Echo is generated");
    assert!(!source.contains("pub async fn ping("), "Ping is left out");
    assert!(!source.contains("PingHeaders"), "with its header struct");
}

const BASE_REASON: &str = "complex type `Coded`: extension of `{urn:s}Code` is not supported yet";

#[test]
fn without_degradation_a_complex_extension_of_a_simple_type_fails_generation() {
    let error = Generator::new()
        .generate(fixture("planned_simple_base.wsdl"))
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported, "{error}");
    assert!(error.message.contains(BASE_REASON), "{error}");
}

#[test]
fn with_degradation_a_complex_extension_of_a_simple_type_keeps_its_content_raw() {
    let source = Generator::new()
        .degrade_unsupported(true)
        .generate(fixture("planned_simple_base.wsdl"))
        .unwrap();
    let notes: Vec<&str> = soap_codegen::emit::header_notes(&source).collect();
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
