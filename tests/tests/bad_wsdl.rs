//! Bad WSDL input gives a typed error naming file, line and column, never a panic.

use std::path::Path;

use soap_codegen::parse::parse_str;
use soap_codegen::{Error, ErrorKind, Generator};

/// A small valid WSDL; each test breaks one thing in it.
const VALID: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:calc" targetNamespace="urn:calc">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="urn:calc">
      <s:element name="Add">
        <s:complexType><s:sequence><s:element name="a" type="s:int" /><s:element name="b" type="s:int" /></s:sequence></s:complexType>
      </s:element>
      <s:element name="AddResponse">
        <s:complexType><s:sequence><s:element name="AddResult" type="s:int" /></s:sequence></s:complexType>
      </s:element>
    </s:schema>
  </wsdl:types>
  <wsdl:message name="AddIn"><wsdl:part name="parameters" element="tns:Add" /></wsdl:message>
  <wsdl:message name="AddOut"><wsdl:part name="parameters" element="tns:AddResponse" /></wsdl:message>
  <wsdl:portType name="CalcSoap">
    <wsdl:operation name="Add"><wsdl:input message="tns:AddIn" /><wsdl:output message="tns:AddOut" /></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="CalcSoap" type="tns:CalcSoap">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
    <wsdl:operation name="Add">
      <soap:operation soapAction="urn:calc/Add" style="document" />
      <wsdl:input><soap:body use="literal" /></wsdl:input>
      <wsdl:output><soap:body use="literal" /></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Calc">
    <wsdl:port name="CalcSoap" binding="tns:CalcSoap"><soap:address location="http://127.0.0.1/calc" /></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;

/// Parses `VALID` with `from` replaced by `to` (which must occur), expecting an error.
fn error_after(from: &str, to: &str) -> Error {
    assert!(VALID.contains(from), "fixture text `{from}` not found");
    let text = VALID.replacen(from, to, 1);
    parse_str(Path::new("broken.wsdl"), &text).expect_err("the broken WSDL must be refused")
}

fn assert_error(error: &Error, kind: ErrorKind, line: usize, column: usize, words: &str) {
    assert_eq!(error.kind, kind, "{error}");
    assert_eq!((error.line, error.column), (line, column), "{error}");
    assert!(
        error.message.contains(words),
        "`{}` should mention `{words}`",
        error.message
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("broken.wsdl:{line}:{column}: ")),
        "{error}"
    );
}

#[test]
fn the_fixture_itself_is_valid() {
    let defs = parse_str(Path::new("valid.wsdl"), VALID).unwrap();
    assert_eq!(defs.bindings.len(), 1);
    assert_eq!(
        defs.services[0].ports[0].address.as_deref(),
        Some("http://127.0.0.1/calc")
    );
}

#[test]
fn not_xml() {
    let error = error_after(
        "<wsdl:message name=\"AddIn\">",
        "<wsdl:message name=\"AddIn\"",
    );
    assert_eq!(error.kind, ErrorKind::NotXml, "{error}");
    assert_eq!(error.line, 14, "{error}");
    let plain = parse_str(Path::new("broken.wsdl"), "this is not XML at all").unwrap_err();
    assert_eq!(plain.kind, ErrorKind::NotXml);
}

#[test]
fn missing_binding() {
    let error = error_after(
        r#"binding="tns:CalcSoap""#,
        r#"binding="tns:NoSuchBinding""#,
    );
    assert_error(
        &error,
        ErrorKind::MissingBinding,
        28,
        5,
        "{urn:calc}NoSuchBinding",
    );
}

#[test]
fn undefined_type_reference() {
    let error = error_after(
        r#"<s:element name="b" type="s:int" />"#,
        r#"<s:element name="b" type="tns:Money" />"#,
    );
    assert_error(
        &error,
        ErrorKind::UndefinedReference,
        7,
        71,
        "undefined type `{urn:calc}Money`",
    );
}

#[test]
fn unknown_soap_version() {
    let error = error_after(
        r#"<soap:binding transport="http://schemas.xmlsoap.org/soap/http" />"#,
        r#"<soap13:binding xmlns:soap13="http://schemas.xmlsoap.org/wsdl/soap13/" transport="http://schemas.xmlsoap.org/soap/http" />"#,
    );
    assert_error(
        &error,
        ErrorKind::UnknownSoapVersion,
        20,
        5,
        "http://schemas.xmlsoap.org/wsdl/soap13/",
    );
}

#[test]
fn doctype_is_refused_before_any_entity_is_read() {
    let error = error_after(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n",
    );
    assert_error(&error, ErrorKind::Doctype, 2, 1, "DOCTYPE");
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "<a>".repeat(1000), "</a>".repeat(1000));
    let error = parse_str(Path::new("broken.wsdl"), &deep).unwrap_err();
    assert_eq!(error.kind, ErrorKind::TooDeep, "{error}");
    assert_eq!(error.line, 1);
}

#[test]
fn undefined_message_and_port_type() {
    let error = error_after(
        r#"<wsdl:input message="tns:AddIn" />"#,
        r#"<wsdl:input message="tns:Nope" />"#,
    );
    assert_error(
        &error,
        ErrorKind::UndefinedReference,
        17,
        32,
        "undefined message `{urn:calc}Nope`",
    );
    let error = error_after(r#"type="tns:CalcSoap""#, r#"type="tns:NoPortType""#);
    assert_error(
        &error,
        ErrorKind::UndefinedReference,
        19,
        3,
        "undefined portType",
    );
}

#[test]
fn not_a_wsdl_and_missing_file() {
    let error = parse_str(Path::new("broken.wsdl"), "<html><body/></html>").unwrap_err();
    assert_eq!(
        (error.kind, error.line, error.column),
        (ErrorKind::Invalid, 1, 1)
    );
    let error = Generator::new().generate("no/such/file.wsdl").unwrap_err();
    assert_eq!(error.kind, ErrorKind::Io);
    assert!(error.to_string().contains("no/such/file.wsdl"), "{error}");
}
