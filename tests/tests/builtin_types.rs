//! Built-in XML Schema types map to exact Rust types: the generator names the runtime's
//! checked types (`Decimal`, `Integer`, `DateTime`, …) for a WSDL with one element of
//! each, and values of those types round-trip through `XmlValue`, the XML reader and
//! writer, and serde.

use std::path::PathBuf;

use soap_runtime::{
    AnyUri, Base64Binary, Date, DateTime, Decimal, DecodeErrorKind, Duration, GDay, GMonth,
    GMonthDay, GYear, GYearMonth, HexBinary, Integer, Limits, NegativeInteger, NonNegativeInteger,
    NonPositiveInteger, PositiveInteger, QNameText, Time, XmlList, XmlReader, XmlValue, XmlWriter,
};

/// Every built-in the generator maps, with the Rust type it should name (`{rt}` is the
/// runtime path).
const TYPES: &[(&str, &str)] = &[
    ("decimal", "{rt}::Decimal"),
    ("integer", "{rt}::Integer"),
    ("nonNegativeInteger", "{rt}::NonNegativeInteger"),
    ("positiveInteger", "{rt}::PositiveInteger"),
    ("nonPositiveInteger", "{rt}::NonPositiveInteger"),
    ("negativeInteger", "{rt}::NegativeInteger"),
    ("dateTime", "{rt}::DateTime"),
    ("date", "{rt}::Date"),
    ("time", "{rt}::Time"),
    ("duration", "{rt}::Duration"),
    ("gYear", "{rt}::GYear"),
    ("gYearMonth", "{rt}::GYearMonth"),
    ("gMonth", "{rt}::GMonth"),
    ("gMonthDay", "{rt}::GMonthDay"),
    ("gDay", "{rt}::GDay"),
    ("base64Binary", "{rt}::Base64Binary"),
    ("hexBinary", "{rt}::HexBinary"),
    ("anyURI", "{rt}::AnyUri"),
    ("QName", "{rt}::QNameText"),
    ("float", "f32"),
    ("double", "f64"),
    ("boolean", "bool"),
    ("byte", "i8"),
    ("short", "i16"),
    ("int", "i32"),
    ("long", "i64"),
    ("unsignedByte", "u8"),
    ("unsignedShort", "u16"),
    ("unsignedInt", "u32"),
    ("unsignedLong", "u64"),
    ("string", "String"),
    ("normalizedString", "String"),
    ("token", "String"),
    ("language", "String"),
    ("NCName", "String"),
];

/// A WSDL whose `Sample` element has one child `v_<type in lower case>` per entry of
/// [`TYPES`] (so the Rust field has the same name), plus
/// a priced amount (simpleContent on `xs:decimal` with an `xs:date` attribute), a list
/// of decimals and a body element of simple type `xs:dateTime`.
fn wsdl() -> String {
    let fields: String = TYPES
        .iter()
        .map(|(local, _)| {
            let name = local.to_lowercase();
            format!(r#"<xs:element name="v_{name}" type="xs:{local}" />"#)
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:builtins" targetNamespace="urn:builtins">
  <wsdl:types>
    <xs:schema targetNamespace="urn:builtins" elementFormDefault="qualified">
      <xs:complexType name="Amount">
        <xs:simpleContent>
          <xs:extension base="xs:decimal"><xs:attribute name="valueDate" type="xs:date" use="required" /></xs:extension>
        </xs:simpleContent>
      </xs:complexType>
      <xs:simpleType name="Rates"><xs:list itemType="xs:decimal" /></xs:simpleType>
      <xs:element name="Sample">
        <xs:complexType><xs:sequence>
          {fields}
          <xs:element name="price" type="tns:Amount" />
          <xs:element name="rates" type="tns:Rates" />
          <xs:element name="due" type="xs:date" minOccurs="0" />
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="Stamp" type="xs:dateTime" />
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="SampleIn"><wsdl:part name="parameters" element="tns:Sample" /></wsdl:message>
  <wsdl:message name="SampleOut"><wsdl:part name="parameters" element="tns:Stamp" /></wsdl:message>
  <wsdl:portType name="Builtins"><wsdl:operation name="Send"><wsdl:input message="tns:SampleIn" /><wsdl:output message="tns:SampleOut" /></wsdl:operation></wsdl:portType>
  <wsdl:binding name="Builtins" type="tns:Builtins">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
    <wsdl:operation name="Send">
      <soap:operation soapAction="urn:builtins/Send" />
      <wsdl:input><soap:body use="literal" /></wsdl:input>
      <wsdl:output><soap:body use="literal" /></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Builtins"><wsdl:port name="Builtins" binding="tns:Builtins"><soap:address location="http://127.0.0.1/builtins" /></wsdl:port></wsdl:service>
</wsdl:definitions>
"#
    )
}

/// Writes the fixture into a fresh temporary folder and returns its path.
fn fixture(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("soap-builtin-types-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("builtins.wsdl");
    std::fs::write(&path, wsdl()).unwrap();
    path
}

fn generate(test: &str, generator: soap_codegen::Generator) -> String {
    let path = fixture(test);
    let source = generator.generate(&path);
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    source.unwrap()
}

/// The generated field line for `name`, e.g. `pub v_decimal: ::soap_runtime::Decimal,`.
fn field_line<'a>(source: &'a str, name: &str) -> &'a str {
    let start = format!("pub {name}: ");
    source
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with(&start))
        .unwrap_or_else(|| panic!("no field `{name}` in:\n{source}"))
}

#[test]
fn generated_fields_name_the_exact_types() {
    let source = generate("default", soap_codegen::Generator::new());
    for (local, rust) in TYPES {
        let (name, rust) = (local.to_lowercase(), rust.replace("{rt}", "::soap_runtime"));
        assert_eq!(
            field_line(&source, &format!("v_{name}")),
            format!("pub v_{name}: {rust},"),
            "xs:{local}"
        );
    }
    assert!(
        source.contains("pub value: ::soap_runtime::Decimal,"),
        "{source}"
    );
    assert!(
        source.contains("pub value_date: ::soap_runtime::Date,"),
        "{source}"
    );
    assert!(
        source.contains("pub rates: ::soap_runtime::XmlList<::soap_runtime::Decimal>,"),
        "{source}"
    );
    assert!(
        source.contains("pub due: Option<::soap_runtime::Date>,"),
        "{source}"
    );
    assert!(
        source.contains("pub struct Stamp(pub ::soap_runtime::DateTime);"),
        "{source}"
    );
}

#[test]
fn generated_fields_follow_the_runtime_path() {
    let source = generate(
        "path",
        soap_codegen::Generator::new().runtime_path("crate::rt"),
    );
    assert_eq!(
        field_line(&source, "v_decimal"),
        "pub v_decimal: crate::rt::Decimal,"
    );
    assert_eq!(
        field_line(&source, "v_qname"),
        "pub v_qname: crate::rt::QNameText,"
    );
    assert_eq!(field_line(&source, "v_int"), "pub v_int: i32,");
}

/// Reads `text` as the lexical form of `T` and writes it back.
fn round_trip<T: XmlValue>(text: &str) -> String {
    T::from_xml_text(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .to_xml_text()
        .into_owned()
}

#[test]
fn values_round_trip_through_xml_value() {
    let same = [
        round_trip::<Decimal>("-00012345678901234567890.1234567890123456789000"),
        round_trip::<Integer>("+123456789012345678901234567890"),
        round_trip::<NonNegativeInteger>("18446744073709551616"),
        round_trip::<PositiveInteger>("1"),
        round_trip::<NonPositiveInteger>("-0"),
        round_trip::<NegativeInteger>("-99999999999999999999"),
        round_trip::<DateTime>("2026-11-21T10:20:30.123456789012+08:00"),
        round_trip::<Date>("2024-02-29Z"),
        round_trip::<Time>("24:00:00"),
        round_trip::<Duration>("-P1Y2M3DT4H5M6.5S"),
        round_trip::<GYear>("-0044"),
        round_trip::<GYearMonth>("2026-11"),
        round_trip::<GMonth>("--11"),
        round_trip::<GMonthDay>("--02-29"),
        round_trip::<GDay>("---31"),
        round_trip::<AnyUri>("urn:s1"),
        round_trip::<QNameText>("tns:Local"),
    ];
    assert_eq!(
        same,
        [
            "-00012345678901234567890.1234567890123456789000",
            "+123456789012345678901234567890",
            "18446744073709551616",
            "1",
            "-0",
            "-99999999999999999999",
            "2026-11-21T10:20:30.123456789012+08:00",
            "2024-02-29Z",
            "24:00:00",
            "-P1Y2M3DT4H5M6.5S",
            "-0044",
            "2026-11",
            "--11",
            "--02-29",
            "---31",
            "urn:s1",
            "tns:Local",
        ]
    );
    // The binary types hold bytes and write the canonical text.
    assert_eq!(round_trip::<Base64Binary>("czE=\n"), "czE=");
    assert_eq!(round_trip::<HexBinary>("7331ab"), "7331AB");
    // Invalid text says what is wrong.
    assert_eq!(
        Date::from_xml_text("2026-13-01").unwrap_err(),
        "invalid xs:date: month 13 out of range 01-12"
    );
    assert_eq!(
        PositiveInteger::from_xml_text("0").unwrap_err(),
        "invalid xs:positiveInteger: 0 is below 1"
    );
}

#[test]
fn values_round_trip_through_the_reader_and_writer() {
    let price = Decimal::new("1050.50").unwrap();
    let rates = XmlList(vec![
        Decimal::new("0.05").unwrap(),
        Decimal::new("1").unwrap(),
    ]);
    let at = DateTime::new("2026-11-21T10:20:30Z").unwrap();
    let file = Base64Binary(b"\x00\xffbytes".to_vec());
    let mut writer = XmlWriter::new(false);
    writer.start("urn:builtins", "Sample");
    writer.value_attribute("", "at", &at);
    writer.value_element("urn:builtins", "price", &price);
    writer.value_element("urn:builtins", "rates", &rates);
    writer.value_element("urn:builtins", "file", &file);
    writer.end();
    let xml = String::from_utf8(writer.finish().unwrap()).unwrap();
    assert!(xml.contains(">1050.50</"), "{xml}");
    assert!(xml.contains(">0.05 1</"), "{xml}");

    let mut reader = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    let read_at: DateTime = reader.required_attribute(&root, "", "at").unwrap();
    assert_eq!(read_at, at);
    let mut children = reader.children(&root);
    let element = reader.next_child(&mut children).unwrap().unwrap();
    let read_price: Decimal = reader.read_value(element).unwrap();
    assert_eq!(read_price.as_str(), "1050.50");
    let element = reader.next_child(&mut children).unwrap().unwrap();
    assert_eq!(
        reader.read_value::<XmlList<Decimal>>(element).unwrap(),
        rates
    );
    let element = reader.next_child(&mut children).unwrap().unwrap();
    assert_eq!(reader.read_value::<Base64Binary>(element).unwrap(), file);
    assert!(reader.next_child(&mut children).unwrap().is_none());
}

#[test]
fn invalid_text_in_a_document_is_a_decode_error() {
    let xml = r#"<Sample xmlns="urn:builtins"><when>2026-02-30T00:00:00</when></Sample>"#;
    let mut reader = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    let mut children = reader.children(&root);
    let when = reader.next_child(&mut children).unwrap().unwrap();
    let error = reader.read_value::<DateTime>(when).unwrap_err();
    assert_eq!(
        error.kind,
        DecodeErrorKind::InvalidValue {
            text: "2026-02-30T00:00:00".into(),
            reason: "invalid xs:dateTime: day 30 out of range for 2026-02 (01-28)".into(),
        }
    );
}

#[test]
fn serde_carries_the_text() {
    let price = Decimal::new("12.50").unwrap();
    assert_eq!(serde_json::to_string(&price).unwrap(), r#""12.50""#);
    assert_eq!(
        serde_json::from_str::<Decimal>(r#""12.50""#)
            .unwrap()
            .as_str(),
        "12.50"
    );
    assert_eq!(
        serde_json::from_str::<Integer>("42").unwrap().as_str(),
        "42"
    );
    // A JSON float has been through f64: refused, so money never is.
    assert!(serde_json::from_str::<Decimal>("12.5").is_err());
    let file = Base64Binary(b"s1".to_vec());
    assert_eq!(serde_json::to_string(&file).unwrap(), r#""czE=""#);
    assert_eq!(
        serde_json::from_str::<Base64Binary>(r#""czE=""#).unwrap(),
        file
    );
    assert_eq!(
        serde_json::to_string(&HexBinary(vec![0xab])).unwrap(),
        r#""AB""#
    );
    let when: DateTime = serde_json::from_str(r#""2026-11-21T10:20:30""#).unwrap();
    assert_eq!(
        serde_json::to_string(&when).unwrap(),
        r#""2026-11-21T10:20:30""#
    );
    let error = serde_json::from_str::<Date>(r#""2026-11-31""#).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("day 31 out of range for 2026-11 (01-30)"),
        "{error}"
    );
    assert_eq!(
        serde_json::to_value(QNameText::new("s:x").unwrap()).unwrap(),
        serde_json::json!("s:x")
    );
}

#[test]
fn defaults_are_valid_values() {
    let texts = [
        Decimal::default().to_string(),
        Integer::default().to_string(),
        PositiveInteger::default().to_string(),
        NegativeInteger::default().to_string(),
        DateTime::default().to_string(),
        Date::default().to_string(),
        Time::default().to_string(),
        Duration::default().to_string(),
        GYear::default().to_string(),
        GDay::default().to_string(),
        AnyUri::default().to_string(),
    ];
    assert_eq!(
        texts,
        [
            "0",
            "0",
            "1",
            "-1",
            "1970-01-01T00:00:00",
            "1970-01-01",
            "00:00:00",
            "PT0S",
            "1970",
            "---01",
            ""
        ]
    );
}
