//! Construct fixtures for what an element's type may be on the wire beyond its declared
//! one: nillable elements (`nillable.wsdl`: nil told apart from absence), substitution
//! groups and abstract types (`substitution.wsdl`: the element's name or its `xsi:type`
//! says which type it holds). A snapshot of the generated code, a round trip of example
//! XML, and the errors of input that does not fit.

use integration_tests::constructs::nillable::{Gauge, Reading, Record};
use integration_tests::constructs::substitution::{
    BigCircle, Card, Circle, Draw, DrawNote, DrawShape, Frame, FrameChoice, Payment,
    PaymentContent, ShapeBase, Square, Transfer,
};
use integration_tests::fixtures::{fixture, read, try_read, write};
use soap_runtime::{Decimal, DecodeErrorKind, Nillable, RawXml};

const XSI: &str = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

fn gauge(serial: &str) -> Gauge {
    Gauge {
        serial: serial.into(),
    }
}

#[test]
fn nillable_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .generate(fixture("nillable.wsdl"))
        .unwrap();
    insta::assert_snapshot!("nillable_generated", source);
}

#[test]
fn nillable_tells_nil_from_absence() {
    let xml = std::fs::read_to_string(fixture("nillable.xml")).unwrap();
    let record: Record = read(&xml);
    let expected = vec![
        Reading {
            station: Some("north".into()),
            comment: None,
            gauge: None,
            calibration: Some(gauge("c-1")),
            value_: vec![Some(1), None, Some(3)],
        },
        Reading {
            station: None,
            comment: Some(Nillable::Nil),
            gauge: Some(Nillable::Nil),
            calibration: None,
            value_: vec![],
        },
        Reading {
            station: Some("south".into()),
            comment: Some(Nillable::Value("windy".into())),
            gauge: Some(Nillable::Value(gauge("g-7"))),
            calibration: Some(gauge("c-2")),
            value_: vec![None],
        },
    ];
    assert_eq!(record.reading, expected);
}

#[test]
fn nillable_writes_what_it_reads() {
    let xml = std::fs::read_to_string(fixture("nillable.xml")).unwrap();
    let record: Record = read(&xml);
    let written = write("urn:nillable", "Record", &record);
    assert_eq!(written, xml);
    assert_eq!(read::<Record>(&written), record);
}

#[test]
fn nil_may_be_spelled_1_under_any_prefix() {
    let xml = r#"<Record xmlns="urn:nillable" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><reading><station i:nil="1"/><comment i:nil="1"></comment><calibration i:nil="true"/></reading></Record>"#;
    let record: Record = read(xml);
    assert_eq!(record.reading[0].station, None);
    assert_eq!(record.reading[0].comment, Some(Nillable::Nil));
}

#[test]
fn an_absent_required_nillable_element_is_a_located_error() {
    let xml = format!(
        r#"<Record xmlns="urn:nillable"><reading><station {XSI} xsi:nil="true"/></reading></Record>"#
    );
    let error = try_read::<Record>(&xml).unwrap_err();
    assert_eq!(
        error.kind,
        DecodeErrorKind::MissingElement {
            name: "calibration".into()
        }
    );
    assert_eq!(
        (error.line, error.column, error.path.as_str()),
        (1, 30, "/Record/reading")
    );
}

#[test]
fn a_nil_element_with_content_is_a_located_error() {
    let xml = format!(
        "<Record xmlns=\"urn:nillable\"><reading>\n<station {XSI} xsi:nil=\"true\">north</station></reading></Record>"
    );
    let error = try_read::<Record>(&xml).unwrap_err();
    assert_eq!(
        error.to_string(),
        "an element with xsi:nil=\"true\" must be empty, but it has content at line 2, column 1 (in /Record/reading/station)"
    );
}

#[test]
fn nillable_json_keeps_absent_null_and_values_apart() {
    let json = r#"{"station":null,"comment":null,"calibration":{"serial":"c"},"value":[1,null]}"#;
    let reading: Reading = serde_json::from_str(json).unwrap();
    assert_eq!(
        reading,
        Reading {
            station: None,
            comment: Some(Nillable::Nil),
            gauge: None,
            calibration: Some(gauge("c")),
            value_: vec![Some(1), None],
        }
    );
    assert_eq!(serde_json::to_string(&reading).unwrap(), json);
    let with_value: Reading =
        serde_json::from_str(r#"{"station":"s","comment":"c","calibration":null,"value":[]}"#)
            .unwrap();
    assert_eq!(with_value.comment, Some(Nillable::Value("c".into())));
}

#[test]
fn substitution_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .generate(fixture("substitution.wsdl"))
        .unwrap();
    insta::assert_snapshot!("substitution_generated", source);
}

/// A circle: a shape with a label, extended with a radius.
fn circle(label: &str, radius: i32) -> Circle {
    Circle {
        base: ShapeBase {
            label: label.into(),
        },
        radius,
    }
}

/// What a payment of any kind holds, from abstract type `Payment`.
fn paid(amount: &str) -> PaymentContent {
    PaymentContent {
        amount: Decimal::new(amount).unwrap(),
    }
}

fn expected_drawing() -> Draw {
    Draw {
        shape: vec![
            DrawShape::Circle(circle("a", 1)),
            DrawShape::BigCircle(BigCircle {
                base: circle("A", 99),
                glow: "soft".into(),
            }),
            DrawShape::Square(Square {
                base: ShapeBase { label: "b".into() },
                side: 2,
            }),
        ],
        note: DrawNote::UrgentNote("now".into()),
        payment: vec![
            Payment::Card(Card {
                base: paid("10.00"),
                number: "4111".into(),
            }),
            Payment::Transfer(Transfer {
                base: paid("5"),
                iban: "DE00".into(),
            }),
        ],
        extra: Some(RawXml(format!(
            r#"<extra xmlns="urn:shapes" {XSI} xsi:type="Secret"><id>kept</id></extra>"#
        ))),
        frame: Some(Frame {
            choice: FrameChoice::BigCircle(BigCircle {
                base: circle("f", 3),
                glow: "dim".into(),
            }),
        }),
    }
}

#[test]
fn substitution_reads_members_by_name_and_types_by_xsi_type() {
    let xml = std::fs::read_to_string(fixture("substitution.xml")).unwrap();
    assert_eq!(read::<Draw>(&xml), expected_drawing());
    // Any prefix, or the default namespace, may name the type.
    let xml = r#"<Draw xmlns="urn:shapes"><note>n</note><payment xmlns:q="urn:shapes:extra" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="q:Transfer"><amount>1</amount><q:iban>X</q:iban></payment></Draw>"#;
    let draw: Draw = read(xml);
    assert_eq!(draw.note, DrawNote::Note("n".into()));
    assert!(matches!(&draw.payment[0], Payment::Transfer(t) if t.iban == "X"));
}

#[test]
fn substitution_writes_what_it_reads() {
    let xml = std::fs::read_to_string(fixture("substitution.xml")).unwrap();
    let written = write("urn:shapes", "Draw", &expected_drawing());
    assert_eq!(written, xml);
}

#[test]
fn substitution_json_names_members_and_types() {
    let json = serde_json::to_value(expected_drawing()).unwrap();
    assert_eq!(
        json["shape"][1],
        serde_json::json!({"bigCircle": {"label": "A", "radius": 99, "glow": "soft"}})
    );
    assert_eq!(json["note"], serde_json::json!({"urgentNote": "now"}));
    assert_eq!(
        json["payment"][1],
        serde_json::json!({"Transfer": {"amount": "5", "iban": "DE00"}})
    );
    let back: Draw = serde_json::from_value(json).unwrap();
    assert_eq!(back, expected_drawing());
}

#[test]
fn an_unknown_xsi_type_is_a_located_error() {
    let xml = format!(
        "<Draw xmlns=\"urn:shapes\"><note>n</note>\n  <payment {XSI} xsi:type=\"Cash\"><amount>1</amount></payment></Draw>"
    );
    let error = try_read::<Draw>(&xml).unwrap_err();
    assert_eq!(
        error.to_string(),
        "xsi:type `{urn:shapes}Cash` is not a concrete type derived from abstract type `{urn:shapes}Payment`; expected one of: {urn:shapes}Card, {urn:shapes:extra}Transfer at line 2, column 3 (in /Draw/payment)"
    );
}

#[test]
fn a_missing_xsi_type_is_a_located_error() {
    let xml =
        "<Draw xmlns=\"urn:shapes\"><note>n</note><payment><amount>1</amount></payment></Draw>";
    let error = try_read::<Draw>(xml).unwrap_err();
    assert_eq!(
        error.kind,
        DecodeErrorKind::UnexpectedType {
            found: None,
            declared: "{urn:shapes}Payment".into(),
            expected: "{urn:shapes}Card, {urn:shapes:extra}Transfer".into(),
        }
    );
    assert_eq!(
        (error.line, error.column, error.path.as_str()),
        (1, 40, "/Draw/payment")
    );
    assert!(
        error
            .to_string()
            .starts_with("missing xsi:type: an element of abstract type")
    );
}

#[test]
fn an_unknown_member_element_is_a_located_error() {
    // `loudNote` is in no substitution group: it is skipped as an unknown element, and
    // the required `note` (or a member) is then missing.
    let xml = "<Draw xmlns=\"urn:shapes\">\n<loudNote>n</loudNote></Draw>";
    let error = try_read::<Draw>(xml).unwrap_err();
    assert_eq!(
        error.kind,
        DecodeErrorKind::MissingElement {
            name: "note | urgentNote".into()
        }
    );
    assert_eq!(
        (error.line, error.column, error.path.as_str()),
        (1, 1, "/Draw")
    );
}

#[test]
fn an_undefined_substitution_group_head_is_a_located_error() {
    let text = std::fs::read_to_string(fixture("substitution.wsdl"))
        .unwrap()
        .replace(
            r#"substitutionGroup="tns:circle""#,
            r#"substitutionGroup="tns:oval""#,
        );
    let line = text.lines().position(|l| l.contains("tns:oval")).unwrap() + 1;
    let error = soap_codegen::parse::parse_str(std::path::Path::new("substitution.wsdl"), &text)
        .expect_err("an undefined head must be refused");
    assert_eq!(
        error.kind,
        soap_codegen::ErrorKind::UndefinedReference,
        "{error}"
    );
    assert_eq!((error.line, error.column), (line, 7), "{error}");
    assert!(error.to_string().contains("{urn:shapes}oval"), "{error}");
}

#[test]
fn a_derived_xsi_type_where_a_concrete_base_is_declared_is_a_located_error() {
    let xml = format!(
        "<Draw xmlns=\"urn:shapes\">\n<circle {XSI} xsi:type=\"BigCircle\"><label>c</label><radius>1</radius><glow>lost</glow></circle></Draw>"
    );
    let error = try_read::<Draw>(&xml).unwrap_err();
    assert_eq!(
        error.to_string(),
        "xsi:type `{urn:shapes}BigCircle`: only the declared type `{urn:shapes}Circle` is read here, and a value of another type would lose its own content at line 2, column 1 (in /Draw/circle)"
    );
    // Naming the declared type itself is fine.
    let xml = format!(
        "<Draw xmlns=\"urn:shapes\"><circle {XSI} xsi:type=\"Circle\"><label>c</label><radius>1</radius></circle><note>n</note></Draw>"
    );
    assert!(matches!(&read::<Draw>(&xml).shape[0], DrawShape::Circle(c) if c.radius == 1));
}
