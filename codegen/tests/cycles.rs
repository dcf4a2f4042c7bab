//! Definitions that depend on themselves are refused with a located error instead of
//! overflowing the stack or looping; recursion through elements still generates.

use std::path::Path;

use soap_codegen::parse::parse_str;
use soap_codegen::{Error, ErrorKind};

/// A one-operation WSDL whose schema holds `declarations` (prefix `xs`, target `tns`).
fn wsdl(declarations: &str) -> String {
    format!(
        r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
<wsdl:types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
{declarations}
<xs:element name="Ping" type="xs:string"/>
</xs:schema></wsdl:types>
<wsdl:message name="In"><wsdl:part name="p" element="tns:Ping"/></wsdl:message>
<wsdl:portType name="P"><wsdl:operation name="Ping"><wsdl:input message="tns:In"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
<wsdl:operation name="Ping"><soap:operation soapAction="urn:t/Ping"/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation></wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://127.0.0.1/"/></wsdl:port></wsdl:service>
</wsdl:definitions>"#
    )
}

fn cycle(declarations: &str) -> Error {
    let error = parse_str(Path::new("cycle.wsdl"), &wsdl(declarations))
        .expect_err("a cycle must be refused");
    assert_eq!(error.kind, ErrorKind::Cycle, "{error}");
    assert!(error.line >= 4, "located in the schema: {error}");
    error
}

#[test]
fn an_extension_cycle_is_refused_at_the_closing_reference() {
    let error = cycle(
        r#"<xs:complexType name="A"><xs:complexContent><xs:extension base="tns:B"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
<xs:complexType name="B"><xs:complexContent>
<xs:extension base="tns:A"/></xs:complexContent></xs:complexType>"#,
    );
    assert_eq!(
        error.message,
        "type `{urn:t}A` extends `{urn:t}B`, which extends `{urn:t}A`: a definition cannot \
         depend on itself"
    );
    assert_eq!((error.line, error.column), (6, 1), "{error}");
}

#[test]
fn a_type_extending_itself_is_refused() {
    cycle(
        r#"<xs:complexType name="A"><xs:complexContent><xs:extension base="tns:A"/></xs:complexContent></xs:complexType>"#,
    );
}

#[test]
fn restriction_and_simple_content_cycles_are_refused() {
    cycle(
        r#"<xs:complexType name="A"><xs:complexContent><xs:restriction base="tns:B"/></xs:complexContent></xs:complexType>
<xs:complexType name="B"><xs:complexContent><xs:extension base="tns:A"/></xs:complexContent></xs:complexType>"#,
    );
    cycle(
        r#"<xs:complexType name="A"><xs:simpleContent><xs:extension base="tns:A"/></xs:simpleContent></xs:complexType>"#,
    );
}

#[test]
fn simple_type_cycles_are_refused() {
    let error = cycle(
        r#"<xs:simpleType name="A"><xs:restriction base="tns:B"/></xs:simpleType>
<xs:simpleType name="B"><xs:restriction base="tns:C"/></xs:simpleType>
<xs:simpleType name="C"><xs:restriction base="tns:A"/></xs:simpleType>"#,
    );
    assert!(
        error.message.contains("which restricts `{urn:t}A`"),
        "{error}"
    );
    cycle(r#"<xs:simpleType name="L"><xs:list itemType="tns:L"/></xs:simpleType>"#);
    cycle(
        r#"<xs:simpleType name="L"><xs:list><xs:simpleType><xs:restriction base="tns:L"/></xs:simpleType></xs:list></xs:simpleType>"#,
    );
}

#[test]
fn group_and_attribute_group_cycles_are_refused() {
    let error = cycle(
        r#"<xs:group name="G"><xs:sequence><xs:element name="a" type="xs:int"/><xs:group ref="tns:H"/></xs:sequence></xs:group>
<xs:group name="H"><xs:sequence><xs:group ref="tns:G"/></xs:sequence></xs:group>"#,
    );
    assert!(error.message.starts_with("group `{urn:t}"), "{error}");
    cycle(
        r#"<xs:attributeGroup name="G"><xs:attribute name="a" type="xs:int"/><xs:attributeGroup ref="tns:G"/></xs:attributeGroup>"#,
    );
}

#[test]
fn a_substitution_group_cycle_is_refused() {
    let error = cycle(
        r#"<xs:element name="A" type="xs:string" substitutionGroup="tns:B"/>
<xs:element name="B" type="xs:string" substitutionGroup="tns:A"/>"#,
    );
    assert!(error.message.contains("substitution group"), "{error}");
}

#[test]
fn a_cycle_thousands_of_derivations_long_is_found_without_overflowing_the_stack() {
    let n = 20_000;
    let declarations: String = (0..n)
        .map(|i| {
            format!(
                r#"<xs:simpleType name="T{i}"><xs:restriction base="tns:T{}"/></xs:simpleType>"#,
                (i + 1) % n
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let error = cycle(&declarations);
    assert!(error.message.contains("(19992 more steps)"), "{error}");
    assert!(
        error.message.contains("restricts `{urn:t}T19999`"),
        "{error}"
    );
    assert!(error.message.len() < 1000, "{error}");
}

#[test]
fn recursion_through_elements_is_not_a_cycle() {
    let text = wsdl(
        r#"<xs:complexType name="Node"><xs:sequence><xs:element name="next" type="tns:Node" minOccurs="0"/></xs:sequence></xs:complexType>
<xs:group name="G"><xs:sequence><xs:element name="inner"><xs:complexType><xs:sequence><xs:element name="n" type="tns:Node"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:group>
<xs:complexType name="Derived"><xs:complexContent><xs:extension base="tns:Node"><xs:sequence><xs:element name="again" type="tns:Derived" minOccurs="0"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>"#,
    );
    parse_str(Path::new("ok.wsdl"), &text).unwrap();
}

/// Generates `declarations` (through the emitter, which plans the Rust types).
fn generate(declarations: &str) -> Result<String, Error> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recursion.wsdl");
    std::fs::write(&path, wsdl(declarations)).unwrap();
    soap_codegen::Generator::new().generate(&path)
}

#[test]
fn recursion_through_a_group_and_an_anonymous_type_generates_a_recursive_type() {
    // The group is copied where it is used; the anonymous type holding it again is one
    // named type, so the copies end (this overflowed the stack).
    let source = generate(
        r#"<xs:group name="Tree"><xs:sequence><xs:element name="label" type="xs:string"/>
<xs:element name="child" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:sequence><xs:group ref="tns:Tree"/></xs:sequence></xs:complexType></xs:element>
</xs:sequence></xs:group>
<xs:element name="Root"><xs:complexType><xs:sequence><xs:group ref="tns:Tree"/></xs:sequence></xs:complexType></xs:element>"#,
    )
    .unwrap();
    assert!(source.contains("pub struct TreeChild {"), "{source}");
    assert!(source.contains("pub child_: Vec<TreeChild>,"), "{source}");
}

#[test]
fn a_type_that_always_holds_itself_again_is_refused() {
    // Required all the way round: no finite document holds one, and reading one would
    // start from a `Default` that never ends.
    for (declarations, origin, field) in [
        (
            r#"<xs:element name="Loop"><xs:complexType><xs:sequence><xs:element ref="tns:Loop"/></xs:sequence></xs:complexType></xs:element>"#,
            "element `Loop`",
            "Loop",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence><xs:element name="b" type="tns:B"/></xs:sequence></xs:complexType>
<xs:complexType name="B"><xs:choice><xs:element name="a" type="tns:A"/><xs:element name="b" type="tns:B"/></xs:choice></xs:complexType>"#,
            "complex type `A`",
            "b",
        ),
    ] {
        let error = generate(declarations).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Cycle, "{error}");
        assert_eq!(
            error.message,
            format!(
                "{origin}: no finite XML holds one: every value holds itself again through its required `{field}`; make an element on the way optional (minOccurs=\"0\") or a list"
            )
        );
    }
    // One way out is enough: an optional element, a list, or a choice's other variant.
    for declarations in [
        r#"<xs:element name="Loop"><xs:complexType><xs:sequence><xs:element ref="tns:Loop" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>"#,
        r#"<xs:element name="Loop"><xs:complexType><xs:sequence><xs:element ref="tns:Loop" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>"#,
        r#"<xs:complexType name="A"><xs:sequence><xs:element name="b" type="tns:B"/></xs:sequence></xs:complexType>
<xs:complexType name="B"><xs:choice><xs:element name="a" type="tns:A"/><xs:element name="end" type="xs:int"/></xs:choice></xs:complexType>"#,
    ] {
        generate(declarations).unwrap();
    }
}
