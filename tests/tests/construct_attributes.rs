//! Construct fixture `attribute_types.wsdl`: attributes whose type is an inline
//! `xsd:simpleType` are typed as the same simple type would be by name — an enumeration
//! is an enum (keeping unknown values), a list an `XmlList`, a restriction its base's
//! Rust type — not `String`. A snapshot, a round trip, and zeep rereading what we write.

use integration_tests::constructs::attribute_types::{Parcel, ParcelStatus, ParcelUnit, Ship};
use integration_tests::fixtures::{fixture, read, try_read, write, zeep_rewrite};
use soap_runtime::XmlList;

fn expected() -> Ship {
    Ship {
        parcel: vec![
            Parcel {
                label: "a".into(),
                status: ParcelStatus::InTransit,
                sizes: Some(XmlList(vec![1, 2, 3])),
                weight: Some(12),
                priority: Some(-2),
                unit: Some(ParcelUnit::Kg),
            },
            Parcel {
                label: "b".into(),
                status: ParcelStatus::Unknown("returned".into()),
                ..Parcel::default()
            },
        ],
    }
}

#[test]
fn attribute_types_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .generate(fixture("attribute_types.wsdl"))
        .unwrap();
    insta::assert_snapshot!("attribute_types_generated", source);
}

#[test]
fn inline_attribute_types_read_typed() {
    let xml = std::fs::read_to_string(fixture("attribute_types.xml")).unwrap();
    assert_eq!(read::<Ship>(xml.trim_end()), expected());
    assert_eq!(
        ParcelStatus::from("2nd-attempt".to_owned()),
        ParcelStatus::V2ndAttempt
    );
}

#[test]
fn inline_attribute_types_write_what_they_read() {
    let written = write("urn:attribute-types", "Ship", &expected());
    assert_eq!(read::<Ship>(&written), expected());
    assert!(
        written.contains(r#"status="in-transit" sizes="1 2 3" weight="12" priority="-2""#),
        "{written}"
    );
}

#[test]
fn a_value_outside_an_inline_restriction_base_is_a_located_error() {
    let xml = r#"<parcel xmlns="urn:attribute-types" status="queued" weight="heavy"><label>x</label></parcel>"#;
    let error = try_read::<Parcel>(xml).unwrap_err();
    assert!(error.to_string().contains("weight"), "{error}");
}

#[test]
fn zeep_rereads_what_we_write() {
    let written = write("urn:attribute-types", "Ship", &expected());
    assert_eq!(
        zeep_rewrite("attribute_types.wsdl", &written),
        Ok(None),
        "{written}"
    );
}
