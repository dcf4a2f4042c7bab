//! Two bindings of one port type (SOAP 1.1 and 1.2, as ASMX services have) that declare
//! different `soap:header` parts for one operation: the generated client has one method
//! per operation, so it cannot follow both. Without degradation that fails generation;
//! with it only that operation is left out, with a note.

use std::path::PathBuf;

use soap_codegen::{ErrorKind, Generator};

const WSDL: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:h" targetNamespace="urn:h">
<wsdl:types><xs:schema targetNamespace="urn:h" elementFormDefault="qualified">
<xs:element name="Ping" type="xs:string"/><xs:element name="Echo" type="xs:string"/>
<xs:element name="Auth" type="xs:string"/><xs:element name="Trace" type="xs:string"/>
</xs:schema></wsdl:types>
<wsdl:message name="PingIn"><wsdl:part name="p" element="tns:Ping"/></wsdl:message>
<wsdl:message name="EchoIn"><wsdl:part name="p" element="tns:Echo"/></wsdl:message>
<wsdl:message name="Headers"><wsdl:part name="auth" element="tns:Auth"/><wsdl:part name="trace" element="tns:Trace"/></wsdl:message>
<wsdl:portType name="P">
<wsdl:operation name="Ping"><wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingIn"/></wsdl:operation>
<wsdl:operation name="Echo"><wsdl:input message="tns:EchoIn"/><wsdl:output message="tns:EchoIn"/></wsdl:operation>
</wsdl:portType>
<wsdl:binding name="B11" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
<wsdl:operation name="Ping"><soap:operation soapAction="urn:h/Ping"/><wsdl:input><soap:body use="literal"/><soap:header message="tns:Headers" part="auth" use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
<wsdl:operation name="Echo"><soap:operation soapAction="urn:h/Echo"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
</wsdl:binding>
<wsdl:binding name="B12" type="tns:P"><soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
<wsdl:operation name="Ping"><soap12:operation soapAction="urn:h/Ping"/><wsdl:input><soap12:body use="literal"/><soap12:header message="tns:Headers" part="trace" use="literal"/></wsdl:input><wsdl:output><soap12:body use="literal"/></wsdl:output></wsdl:operation>
<wsdl:operation name="Echo"><soap12:operation soapAction="urn:h/Echo"/><wsdl:input><soap12:body use="literal"/></wsdl:input><wsdl:output><soap12:body use="literal"/></wsdl:output></wsdl:operation>
</wsdl:binding>
<wsdl:service name="S">
<wsdl:port name="P11" binding="tns:B11"><soap:address location="http://127.0.0.1/"/></wsdl:port>
<wsdl:port name="P12" binding="tns:B12"><soap12:address location="http://127.0.0.1/"/></wsdl:port>
</wsdl:service>
</wsdl:definitions>"#;

/// The WSDL in a file of its own (the generator reads paths).
fn wsdl_file() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("header-conflicts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("service.wsdl");
    std::fs::write(&path, WSDL).unwrap();
    path
}

const REASON: &str = "operation `Ping`: binding `B12` declares other soap:headers than another binding of port type `P`; not supported yet";

#[test]
fn without_degradation_different_headers_fail_generation_naming_the_operation() {
    let error = Generator::new().generate(wsdl_file()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported, "{error}");
    assert!(error.message.contains(REASON), "{error}");
}

#[test]
fn with_degradation_only_that_operation_is_left_out_with_a_note() {
    let source = Generator::new()
        .degrade_unsupported(true)
        .generate(wsdl_file())
        .unwrap();
    let notes: Vec<&str> = soap_codegen::emit::header_notes(&source).collect();
    assert_eq!(notes, [format!("left out: {REASON}")]);
    assert!(source.contains("pub async fn echo("), "Echo is generated");
    assert!(!source.contains("pub async fn ping("), "Ping is left out");
    assert!(!source.contains("PingHeaders"), "with its header struct");
}
