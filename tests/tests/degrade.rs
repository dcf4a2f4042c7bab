//! Local degradation (`Generator::degrade_unsupported`) and the operation filter
//! (`Generator::operations`) on `fixtures/degrade/partial.wsdl`: four operations, two
//! types with constructs the generator cannot model (an `xsd:all` inside a sequence, XSD 1.1
//! assertions). `build.rs` generates it with degradation on, whole and filtered to
//! `Sign`, and this crate compiles both with warnings denied.

use std::path::{Path, PathBuf};

use integration_tests::degraded::partial::{Order, PartialServiceClient, Sign, Signature};
use integration_tests::degraded::sign_only;
use integration_tests::fixtures::{read, write};
use soap_codegen::{ErrorKind, Generator};
use soap_runtime::RawXml;

fn partial() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/degrade/partial.wsdl")
}

#[test]
fn without_the_flag_the_first_unsupported_construct_is_a_located_error() {
    let error = Generator::new().generate(partial()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported);
    assert_eq!((error.line, error.column), (15, 11));
    assert_eq!(
        error.message,
        "xsd:all in a model group is not supported yet"
    );
}

#[test]
fn with_the_flag_the_header_names_each_degraded_part_and_its_place() {
    let source = Generator::new()
        .degrade_unsupported(true)
        .generate(partial())
        .unwrap();
    let notes: Vec<&str> = source
        .lines()
        .filter(|l| l.starts_with("// Note: degraded to raw XML"))
        .collect();
    let file = partial().display().to_string();
    assert_eq!(
        notes,
        [
            format!(
                "// Note: degraded to raw XML: complexType `Order` / xsd:all ({file}:15:11: xsd:all in a model group is not supported yet)"
            ),
            format!(
                "// Note: degraded to raw XML: complexType `Order` / element `attachment` ({file}:24:15: xsd:assert in a complex type is not supported yet)"
            ),
            format!(
                "// Note: degraded to raw XML: complexType `Signature` ({file}:35:9: xsd:assert in a complex type is not supported yet)"
            ),
        ]
    );
}

#[test]
fn with_the_flag_every_operation_is_generated() {
    // Compiled (build.rs): the four methods exist with their typed bodies.
    let _methods = (
        PartialServiceClient::get_order,
        PartialServiceClient::put_order,
        PartialServiceClient::sign,
        PartialServiceClient::echo,
    );
    let source = Generator::new()
        .degrade_unsupported(true)
        .generate(partial())
        .unwrap();
    for method in ["get_order", "put_order", "sign", "echo"] {
        assert!(
            source.contains(&format!("pub async fn {method}(")),
            "{method}"
        );
    }
}

const ORDER: &str = concat!(
    r#"<Order xmlns="urn:example:partial"><id>7</id>"#,
    r#"<attachment><data>AQID</data></attachment><note>rush</note>"#,
    r#"<sku>A-1</sku><qty>2</qty></Order>"#,
);

#[test]
fn a_degraded_element_keeps_its_name_and_its_content_as_raw_xml() {
    let order: Order = read(ORDER);
    assert_eq!(order.id, 7);
    assert_eq!(order.attachment, Some(RawXml("<data>AQID</data>".into())));
    assert_eq!(order.note, "rush");
    assert_eq!(
        order.any,
        [
            RawXml(r#"<sku xmlns="urn:example:partial">A-1</sku>"#.into()),
            RawXml(r#"<qty xmlns="urn:example:partial">2</qty>"#.into()),
        ]
    );
    // The same XML again; raw elements carry their own namespace declaration.
    let written = ORDER.replace("<sku>", r#"<sku xmlns="urn:example:partial">"#);
    let written = written.replace("<qty>", r#"<qty xmlns="urn:example:partial">"#);
    assert_eq!(write("urn:example:partial", "Order", &order), written);
}

#[test]
fn a_degraded_type_keeps_its_whole_content_as_raw_xml() {
    let xml = concat!(
        r#"<Sign xmlns="urn:example:partial"><signature><signer>ops</signer><value>AQID</value></signature>"#,
        r#"<customer><name>Ada</name></customer></Sign>"#,
    );
    let sign: Sign = read(xml);
    assert_eq!(
        sign.signature,
        Signature {
            content: RawXml("<signer>ops</signer><value>AQID</value>".into())
        }
    );
    assert_eq!(sign.customer.name, "Ada");
    assert_eq!(write("urn:example:partial", "Sign", &sign), xml);
}

#[test]
fn the_operation_filter_keeps_what_the_operation_reaches_and_nothing_else() {
    // Compiled (build.rs): the types `Sign` reaches, the derived `VipCustomer` included.
    let _reached = (
        sign_only::PartialServiceClient::sign,
        sign_only::Sign::default(),
        sign_only::SignResponse::default(),
        sign_only::Customer::default(),
        sign_only::VipCustomer::default(),
    );
    let source = Generator::new()
        .degrade_unsupported(true)
        .operations(["Sign"])
        .generate(partial())
        .unwrap();
    for gone in [
        "struct Order ",
        "struct Unused ",
        "fn get_order(",
        "fn echo(",
    ] {
        assert!(!source.contains(gone), "{gone} is not generated");
    }
}

#[test]
fn an_unknown_operation_is_an_error_listing_the_operations() {
    let error = Generator::new()
        .degrade_unsupported(true)
        .operations(["Sign", "Refund"])
        .generate(partial())
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::UnknownOperation);
    assert_eq!(
        error.message,
        "no operation named `Refund`; the operations are: `Echo`, `GetOrder`, `PutOrder`, `Sign`"
    );
}

#[test]
fn a_type_extending_a_simple_type_reads_and_writes_its_content_raw() {
    use integration_tests::degraded::planned_simple_base::{Coded, Ping};
    let xml = r#"<Ping xmlns="urn:s"><c kind="k">A1<note>n</note></c></Ping>"#;
    let ping: Ping = read(xml);
    assert_eq!(
        ping.c,
        Coded {
            content: RawXml("A1<note>n</note>".into()),
            kind: Some("k".into()),
        }
    );
    assert_eq!(write("urn:s", "Ping", &ping), xml);
}

#[test]
fn an_operation_left_out_for_its_headers_leaves_the_others_callable() {
    use integration_tests::degraded::planned_headers::SClient;
    // Compiled (build.rs): `echo` exists; `ping` was left out (see codegen's
    // tests/degrade_planned.rs for the note).
    let _echo = SClient::echo;
}
