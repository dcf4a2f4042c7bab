//! One fixture per group of schema constructs (`fixtures/constructs/`): a snapshot of the
//! generated code, which `build.rs` also compiles into this crate, and a read-and-write
//! round trip of example XML through it.

use integration_tests::constructs::choice::{
    Attach, Ebs, Events, EventsChoice, Mapping, MappingChoice, MappingChoice2,
};
use integration_tests::constructs::open_content::{Note, Person, Save};
use integration_tests::constructs::rpc_literal::{
    NumbersClient, Range, ReserveRequest, ReserveResponse,
};
use integration_tests::constructs::structures::{
    Address, Carrier, Customer, Parcel, Party, ShipResponse, Shipment, ShipmentCustoms,
    ShipmentLine, VipCustomer,
};
use integration_tests::constructs::values::{Category, Money, Node, Price, Quote, Status};
use integration_tests::fixtures::{fixture, read, write};
use soap_runtime::{FromXml, Limits, RawXml, XmlReader};

#[test]
fn open_content_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .serde(true)
        .generate(fixture("open_content.wsdl"))
        .unwrap();
    insta::assert_snapshot!("open_content_generated", source);
}

#[test]
fn open_content_reads_attributes_groups_any_and_mixed_content() {
    let xml = std::fs::read_to_string(fixture("open_content.xml")).unwrap();
    let save: Save = read(&xml);
    let expected = Person {
        first: "美玲".into(),
        last: Some("陳".into()),
        note: Some(Note { content: RawXml("Call <b>before</b> noon &amp; <b>after</b> six.".into()) }),
        any: vec![
            RawXml(r#"<ext:loyalty xmlns:ext="urn:ext" tier="gold"><ext:since>2019</ext:since></ext:loyalty>"#.into()),
            RawXml(r#"<ext:flag xmlns:ext="urn:ext" />"#.into()),
        ],
        id: "p-1".into(),
        version: Some(3),
        lang: Some("zh-TW".into()),
        created_by: "ops".into(),
        revision: Some(42),
    };
    assert_eq!(save.person, expected);
}

#[test]
fn open_content_writes_what_it_reads() {
    let xml = std::fs::read_to_string(fixture("open_content.xml")).unwrap();
    let save: Save = read(&xml);
    let written = write("urn:open", "Save", &save);
    assert_eq!(
        written,
        concat!(
            r#"<Save xmlns="urn:open"><person id="p-1" xmlns:a1="urn:open" a1:version="3" xml:lang="zh-TW" createdBy="ops" revision="42">"#,
            r#"<first>美玲</first><last>陳</last><note>Call <b>before</b> noon &amp; <b>after</b> six.</note>"#,
            r#"<ext:loyalty xmlns:ext="urn:ext" tier="gold"><ext:since>2019</ext:since></ext:loyalty><ext:flag xmlns:ext="urn:ext" />"#,
            r#"</person></Save>"#
        )
    );
    let again: Save = read(&written);
    assert_eq!(again, save);
}

#[test]
fn a_missing_required_attribute_is_a_located_error() {
    let xml = r#"<Save xmlns="urn:open"><person createdBy="ops"><first>A</first></person></Save>"#;
    let mut reader = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    let error = Save::read_xml(&mut reader, &root).unwrap_err();
    assert_eq!(
        error.kind,
        soap_runtime::DecodeErrorKind::MissingElement { name: "@id".into() }
    );
    assert_eq!(
        (error.line, error.column, error.path.as_str()),
        (1, 24, "/Save/person")
    );
}

#[test]
fn choice_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .serde(true)
        .generate(fixture("choice.wsdl"))
        .unwrap();
    insta::assert_snapshot!("choice_generated", source);
}

#[test]
fn choices_read_into_enums_and_write_back_unchanged() {
    let xml = std::fs::read_to_string(fixture("choice.xml")).unwrap();
    let attach: Attach = read(&xml);
    let mapping = |device: &str, choice, choice2| Mapping {
        device: device.into(),
        choice,
        choice2,
    };
    assert_eq!(
        attach,
        Attach {
            mapping: vec![
                mapping("sda", MappingChoice::VirtualName("eph0".into()), None),
                mapping(
                    "sdb",
                    MappingChoice::Ebs(Ebs { size_gb: 20 }),
                    Some(MappingChoice2::Tags(vec!["db".into(), "fast".into()]))
                ),
                mapping(
                    "sdc",
                    MappingChoice::VirtualName("eph1".into()),
                    Some(MappingChoice2::Note("spare".into()))
                ),
            ],
            events: Events {
                choice: vec![
                    EventsChoice::Started(1),
                    EventsChoice::Stopped(2),
                    EventsChoice::Started(3)
                ]
            },
        }
    );
    assert_eq!(write("urn:choice", "Attach", &attach), xml.trim());
}

#[test]
fn a_missing_required_choice_names_its_alternatives() {
    let xml =
        r#"<Attach xmlns="urn:choice"><mapping><device>sda</device></mapping><events/></Attach>"#;
    let mut reader = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    let error = Attach::read_xml(&mut reader, &root).unwrap_err();
    assert_eq!(
        error.kind,
        soap_runtime::DecodeErrorKind::MissingElement {
            name: "virtualName | ebs".into()
        }
    );
    assert_eq!(error.path, "/Attach/mapping");
}

#[test]
fn values_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .serde(true)
        .generate(fixture("values.wsdl"))
        .unwrap();
    insta::assert_snapshot!("values_generated", source);
}

/// The Gregorian fragments and list-typed attributes (the zeep oracle compares the
/// envelope; this pins the code).
#[test]
fn calendar_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .serde(true)
        .generate(fixture("calendar.wsdl"))
        .unwrap();
    insta::assert_snapshot!("calendar_generated", source);
}

#[test]
fn simple_content_lists_unions_any_type_and_recursion_round_trip() {
    let xml = std::fs::read_to_string(fixture("values.xml")).unwrap();
    let quote: Quote = read(&xml);
    let category = |name: &str, children| Category {
        name: name.into(),
        category: children,
    };
    assert_eq!(
        quote,
        Quote {
            price: Price {
                base: Money {
                    value: "1050.50".parse().unwrap(),
                    currency: "TWD".into(),
                },
                tax_included: Some(true)
            },
            sizes: soap_runtime::XmlList(vec![1, 2, 3]),
            width: "auto".into(),
            extra: RawXml("<any><thing>1</thing></any>".into()),
            category: category("root", vec![category("child", vec![])]),
            chain: Node {
                label: "a".into(),
                next: Some(Box::new(Node {
                    label: "b".into(),
                    next: Some(Box::new(Node {
                        label: "c".into(),
                        next: None
                    })),
                })),
            },
            status: vec![
                Status::OnHold,
                Status::V2fa,
                Status::Unknown("archived".into())
            ],
        }
    );
    assert_eq!(write("urn:values", "Quote", &quote), xml.trim());
}

#[test]
fn rpc_literal_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .serde(true)
        .generate(fixture("rpc_literal.wsdl"))
        .unwrap();
    insta::assert_snapshot!("rpc_literal_generated", source);
}

#[test]
fn rpc_literal_wraps_typed_parts_in_the_operation_element() {
    use soap_runtime::{SoapVersion, read_response, write_request};
    let operation = NumbersClient::RESERVE;
    assert_eq!(operation.request, ("urn:rpc:numbers", "reserve"));
    assert_eq!(operation.response, ("urn:rpc:numbers", "reserveResponse"));
    let request = ReserveRequest {
        prefix: "0912".into(),
        range: Range { from: 1, to: 9 },
    };
    let (ns, name) = operation.request;
    let envelope =
        String::from_utf8(write_request(SoapVersion::Soap11, ns, name, &request, false).unwrap())
            .unwrap();
    assert!(
        envelope.contains(concat!(
            r#"<reserve xmlns="urn:rpc:numbers"><prefix xmlns="">0912</prefix>"#,
            r#"<range xmlns=""><from xmlns="urn:rpc:model">1</from><to xmlns="urn:rpc:model">9</to></range></reserve>"#
        )),
        "{envelope}"
    );
    let answer = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><n:reserveResponse xmlns:n="urn:rpc:numbers"><reserved>42</reserved></n:reserveResponse></s:Body></s:Envelope>"#;
    let (ns, name) = operation.response;
    let response: ReserveResponse = read_response(
        answer.as_bytes(),
        SoapVersion::Soap11,
        ns,
        name,
        Limits::default(),
        200,
    )
    .unwrap();
    assert_eq!(response.reserved, 42);
}

#[test]
fn structures_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .serde(true)
        .generate(fixture("structures.wsdl"))
        .unwrap();
    insta::assert_snapshot!("structures_generated", source);
}

#[test]
fn extensions_inherit_elements_and_attributes_and_arrays_keep_their_order() {
    let xml = std::fs::read_to_string(fixture("structures.xml")).unwrap();
    let shipment: Shipment = read(&xml);
    assert_eq!(
        shipment,
        Shipment {
            customer: VipCustomer {
                base: Customer {
                    base: Party {
                        name: "林小姐".into(),
                        phone: vec!["02-2345-6789".into(), "0912-345-678".into()],
                        id: "c-7".into(),
                    },
                    vat_id: Some("04595257".into()),
                    tier: Some(2),
                },
                manager: "王經理".into(),
            },
            address: Address {
                street: "信義路五段7號".into(),
                city: "臺北市".into(),
                zip: None,
            },
            line: vec![
                ShipmentLine {
                    sku: "A-1".into(),
                    quantity: 2
                },
                ShipmentLine {
                    sku: "B-2".into(),
                    quantity: 1
                },
            ],
            carrier: Some(Carrier {
                name: "黑貓".into(),
                id: "t-1".into()
            }),
            tag: vec!["fragile".into(), "gift".into()],
            customs: Some(ShipmentCustoms {
                any: RawXml(r#"<hs:code xmlns:hs="urn:hs">9503.00</hs:code>"#.into())
            }),
        }
    );
    assert_eq!(write("urn:structures", "Ship", &shipment), xml.trim());
}

#[test]
fn all_groups_read_in_any_order_and_write_in_declared_order() {
    let xml = r#"<address xmlns="urn:structures"><zip>110</zip><city>臺北市</city><street>松仁路</street></address>"#;
    let address: Address = read(xml);
    assert_eq!(
        address,
        Address {
            street: "松仁路".into(),
            city: "臺北市".into(),
            zip: Some("110".into()),
        }
    );
    assert_eq!(
        write("urn:structures", "address", &address),
        r#"<address xmlns="urn:structures"><street>松仁路</street><city>臺北市</city><zip>110</zip></address>"#
    );
}

#[test]
fn an_inherited_required_attribute_is_still_required() {
    let xml = r#"<Ship xmlns="urn:structures"><customer><name>A</name><manager>B</manager></customer></Ship>"#;
    let mut reader = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    let error = Shipment::read_xml(&mut reader, &root).unwrap_err();
    assert_eq!(
        error.kind,
        soap_runtime::DecodeErrorKind::MissingElement { name: "@id".into() }
    );
    assert_eq!(error.path, "/Ship/customer");
}

#[test]
fn a_required_any_element_must_be_there() {
    let xml = r#"<customs xmlns="urn:structures"></customs>"#;
    let mut reader = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    let error = ShipmentCustoms::read_xml(&mut reader, &root).unwrap_err();
    assert_eq!(
        error.kind,
        soap_runtime::DecodeErrorKind::MissingElement {
            name: "(any element)".into()
        }
    );
}

#[test]
fn the_elements_of_a_nested_optional_sequence_are_optional() {
    let bare = r#"<parcel xmlns="urn:structures"><label>box</label></parcel>"#;
    let parcel: Parcel = read(bare);
    assert_eq!(
        parcel,
        Parcel {
            label: "box".into(),
            width: None,
            height: None
        }
    );
    assert_eq!(write("urn:structures", "parcel", &parcel), bare);
    let sized = r#"<parcel xmlns="urn:structures"><label>box</label><width>3</width><height>4</height></parcel>"#;
    let parcel: Parcel = read(sized);
    assert_eq!((parcel.width, parcel.height), (Some(3), Some(4)));
    assert_eq!(write("urn:structures", "parcel", &parcel), sized);
}

#[test]
fn a_bare_simple_body_element_is_a_newtype() {
    let response: ShipResponse =
        read(r#"<ShipResponse xmlns="urn:structures">9007199254740993</ShipResponse>"#);
    assert_eq!(response, ShipResponse(9_007_199_254_740_993));
    assert_eq!(
        write("urn:structures", "ShipResponse", &response),
        r#"<ShipResponse xmlns="urn:structures">9007199254740993</ShipResponse>"#
    );
}

#[test]
fn imports_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .serde(true)
        .generate(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/imports/Service.wsdl"),
        )
        .unwrap();
    insta::assert_snapshot!("imports_generated", source);
}

#[test]
fn imported_schemas_keep_their_own_form_defaults_on_the_wire() {
    use integration_tests::constructs::imports::{Money, Order, Place};
    // urn:orders:messages qualifies its elements; urn:orders:common qualifies attributes
    // but not elements, except `note` (form="qualified") and `rounding` (form="unqualified").
    let xml = concat!(
        r#"<m:Place xmlns:m="urn:orders:messages" xmlns:c="urn:orders:common"><m:order><m:sku>X-1</m:sku><m:quantity>3</m:quantity>"#,
        r#"<m:total c:currency="TWD" rounding="half-up"><amount>300.00</amount><c:note>含稅</c:note></m:total></m:order></m:Place>"#
    );
    let place: Place = read(xml);
    let expected = Place {
        order: Order {
            sku: "X-1".into(),
            quantity: 3,
            total: Money {
                amount: "300.00".parse().unwrap(),
                note: Some("含稅".into()),
                currency: "TWD".into(),
                rounding: Some("half-up".into()),
            },
        },
    };
    assert_eq!(place, expected);
    let written = write("urn:orders:messages", "Place", &place);
    assert_eq!(
        written,
        concat!(
            r#"<Place xmlns="urn:orders:messages"><order><sku>X-1</sku><quantity>3</quantity>"#,
            r#"<total xmlns:a1="urn:orders:common" a1:currency="TWD" rounding="half-up"><amount xmlns="">300.00</amount><note xmlns="urn:orders:common">含稅</note></total></order></Place>"#
        )
    );
    let again: Place = read(&written);
    assert_eq!(again, expected);
    // An `amount` in the common namespace is not the unqualified one the schema declares.
    let wrong = xml.replace("<amount>300.00</amount>", "<c:amount>300.00</c:amount>");
    let mut reader = XmlReader::new(wrong.as_bytes(), Limits::default()).unwrap();
    let root = reader.root().unwrap();
    let error = Place::read_xml(&mut reader, &root).unwrap_err();
    assert_eq!(
        error.kind,
        soap_runtime::DecodeErrorKind::MissingElement {
            name: "amount".into()
        },
        "{error}"
    );
    assert_eq!(error.path, "/Place/order/total");
}
