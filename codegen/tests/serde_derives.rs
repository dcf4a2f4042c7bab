//! serde derives on generated types: off by default (they are most of the time
//! `cargo check` spends on generated code), on with `Generator::serde` and with the JSON
//! request registry, which deserializes requests from serde values.

use std::path::PathBuf;

use soap_codegen::{Generator, Settings};

/// Has a nillable optional element, a renamed field, an enumeration and an attribute.
fn nillable_fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/constructs/nillable.wsdl")
}

fn substitution_fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/constructs/substitution.wsdl")
}

#[test]
fn by_default_generated_code_mentions_no_serde() {
    for wsdl in [nillable_fixture(), substitution_fixture()] {
        let source = Generator::new().generate(&wsdl).unwrap();
        assert!(!source.contains("serde"), "{}:\n{source}", wsdl.display());
        assert!(source.contains("#[derive(Debug, Clone, PartialEq, Default)]"));
    }
}

#[test]
fn with_serde_every_type_derives_both_traits_through_the_runtime() {
    for wsdl in [nillable_fixture(), substitution_fixture()] {
        // The data types (the client derives only `Debug, Clone`).
        let plain = Generator::new().generate(&wsdl).unwrap();
        let derives = plain.matches("#[derive(Debug, Clone, PartialEq").count();
        assert!(derives > 0);
        let source = Generator::new().serde(true).generate(&wsdl).unwrap();
        assert_eq!(
            source.matches("::soap_runtime::serde::Serialize").count(),
            derives,
            "{source}"
        );
        assert_eq!(
            source.matches("::soap_runtime::serde::Deserialize").count(),
            derives
        );
        assert_eq!(
            source
                .matches(r#"#[serde(crate = "::soap_runtime::serde""#)
                .count(),
            derives
        );
    }
    let nillable = Generator::new()
        .serde(true)
        .generate(nillable_fixture())
        .unwrap();
    assert!(
        nillable.contains(r#"deserialize_with = "::soap_runtime::Nillable::deserialize_present""#),
        "{nillable}"
    );
    assert!(nillable.contains("#[serde(rename = "), "{nillable}");
}

#[test]
fn the_json_registry_turns_serde_on() {
    let wsdl = nillable_fixture();
    let definitions = Generator::new().parse(&wsdl).unwrap();
    let settings = Settings {
        json_registry: true,
        ..Settings::default()
    };
    let source = soap_codegen::emit::emit(&definitions, "nillable.wsdl", &settings).unwrap();
    assert!(source.contains("pub fn request_envelope"));
    assert!(
        source.contains("::soap_runtime::serde::Deserialize"),
        "{source}"
    );
}
