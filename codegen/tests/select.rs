//! The operation filter (`Generator::operations`): what the kept operations reach stays,
//! transitively; the rest of the schema and the other operations go.

use std::path::PathBuf;

use soap_codegen::{ErrorKind, Generator};

const WSDL: &str = r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
             xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
             xmlns:xs="http://www.w3.org/2001/XMLSchema"
             xmlns:tns="urn:select" targetNamespace="urn:select">
  <types>
    <xs:schema targetNamespace="urn:select" elementFormDefault="qualified">
      <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:enumeration value="A"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Digit"><xs:restriction base="xs:int"/></xs:simpleType>
      <xs:simpleType name="Digits"><xs:list itemType="tns:Digit"/></xs:simpleType>
      <xs:complexType name="Parent"><xs:sequence><xs:element name="p" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="Child"><xs:complexContent><xs:extension base="tns:Parent">
        <xs:sequence><xs:element name="c" type="tns:Digits"/></xs:sequence>
        <xs:attribute name="code" type="tns:Code"/>
      </xs:extension></xs:complexContent></xs:complexType>
      <xs:complexType name="ShapeBase" abstract="true"><xs:sequence/></xs:complexType>
      <xs:complexType name="Circle"><xs:complexContent><xs:extension base="tns:ShapeBase">
        <xs:sequence><xs:element name="r" type="xs:int"/></xs:sequence>
      </xs:extension></xs:complexContent></xs:complexType>
      <xs:complexType name="Square"><xs:complexContent><xs:extension base="tns:ShapeBase">
        <xs:sequence><xs:element name="side" type="tns:Side"/></xs:sequence>
      </xs:extension></xs:complexContent></xs:complexType>
      <xs:complexType name="Side"><xs:sequence><xs:element name="len" type="xs:int"/></xs:sequence></xs:complexType>
      <xs:complexType name="Other"><xs:sequence><xs:element name="o" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:element name="shape" type="tns:ShapeBase" abstract="true"/>
      <xs:element name="circle" type="tns:Circle" substitutionGroup="tns:shape"/>
      <xs:element name="square" type="tns:Square" substitutionGroup="tns:shape"/>
      <xs:element name="Keep"><xs:complexType><xs:sequence>
        <xs:element name="child" type="tns:Child"/>
        <xs:element ref="tns:shape"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Drop"><xs:complexType><xs:sequence>
        <xs:element name="other" type="tns:Other"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </types>
  <message name="KeepIn"><part name="body" element="tns:Keep"/></message>
  <message name="DropIn"><part name="body" element="tns:Drop"/></message>
  <portType name="Port">
    <operation name="Keep"><input message="tns:KeepIn"/><output message="tns:KeepIn"/></operation>
    <operation name="Drop"><input message="tns:DropIn"/><output message="tns:DropIn"/></operation>
  </portType>
  <binding name="Binding" type="tns:Port">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Keep"><soap:operation soapAction="Keep"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
    <operation name="Drop"><soap:operation soapAction="Drop"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="S"><port name="P" binding="tns:Binding"><soap:address location="http://localhost/"/></port></service>
</definitions>"#;

fn wsdl(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("soap-codegen-select-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("Select.wsdl");
    std::fs::write(&path, WSDL).unwrap();
    path
}

#[test]
fn kept_operations_keep_bases_derived_types_substitutes_attribute_and_list_item_types() {
    let defs = Generator::new()
        .operations(["Keep"])
        .parse(wsdl("reach"))
        .unwrap();
    let mut types: Vec<&str> = defs
        .schema
        .types
        .iter()
        .filter_map(|t| t.name.as_ref().map(|n| n.local.as_str()))
        .collect();
    types.sort_unstable();
    assert_eq!(
        types,
        [
            "Child",
            "Circle",
            "Code",
            "Digit",
            "Digits",
            "Parent",
            "ShapeBase",
            "Side",
            "Square"
        ]
    );
    let mut elements: Vec<&str> = defs
        .schema
        .elements
        .iter()
        .map(|e| e.name.local.as_str())
        .collect();
    elements.sort_unstable();
    assert_eq!(elements, ["Keep", "circle", "shape", "square"]);
    let operations: Vec<&str> = defs.port_types[0]
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(operations, ["Keep"]);
    assert_eq!(defs.bindings[0].operations.len(), 1);
    assert_eq!(defs.messages.len(), 1);
    // What is kept still generates.
    let source = Generator::new()
        .operations(["Keep"])
        .generate(wsdl("generate"))
        .unwrap();
    assert!(source.contains("pub async fn keep(") && !source.contains("pub async fn drop("));
    assert!(!source.contains("pub struct Other "));
}

#[test]
fn an_unknown_operation_names_the_available_ones() {
    let error = Generator::new()
        .operations(["Keep", "Nope", "Also"])
        .parse(wsdl("unknown"))
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::UnknownOperation);
    assert_eq!(
        error.message,
        "no operation named `Nope`, `Also`; the operations are: `Drop`, `Keep`"
    );
}
