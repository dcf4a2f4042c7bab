//! rpc/encoded (SOAP 1.1 section 5) through the `rpc_encoded` construct fixture: the
//! generated code, requests written with `xsi:type` and SOAP-encoded arrays, answers read
//! with their `xsi:type`s, arrays, nils and Axis-style multi-reference values, and the
//! server side dispatching an encoded request. Jagged arrays: `construct_encoded_arrays.rs`.

use integration_tests::constructs::rpc_encoded::{
    Filter, NAMESPACE_1, Order, OrderArray, ShopClient, ShopServer, StringArray, SubmitRequest,
    SubmitResponse, dispatch_shop,
};
use soap_runtime::{
    ClientConfig, Decimal, DecodeErrorKind, Fault, Limits, SoapError, SoapVersion, XmlValue,
    XmlWriter,
};

const WSDL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/constructs/rpc_encoded.wsdl"
);
const ANSWER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/constructs/rpc_encoded.xml"
);

fn request() -> SubmitRequest {
    SubmitRequest {
        customer: "Lin & Co".into(),
        priority: 2,
        filter: Filter {
            status: "open".into(),
            min_total: Decimal::from_xml_text("10.50").unwrap(),
        },
        orders: OrderArray(vec![
            Some(Order {
                id: 7,
                item: "tea".into(),
                note: None,
            }),
            Some(Order {
                id: 8,
                item: "茶壺".into(),
                note: Some("gift".into()),
            }),
        ]),
        tags: StringArray(vec![Some("new".into()), None, Some("vip".into())]),
    }
}

fn envelope(request: &SubmitRequest) -> String {
    let mut config = ClientConfig::new(ShopClient::SOAP11_ENDPOINT, SoapVersion::Soap11);
    config.indent = false;
    let client = ShopClient::new(config).unwrap();
    let bytes = client
        .inner()
        .encoded_envelope(&ShopClient::SUBMIT, request)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

/// Reads an answer of `submit` as the client does.
fn read_answer(xml: &str) -> Result<SubmitResponse, SoapError> {
    soap_runtime::read_encoded_response(
        xml.as_bytes(),
        SoapVersion::Soap11,
        NAMESPACE_1,
        "submitResponse",
        Limits::default(),
        200,
    )
}

#[test]
fn rpc_encoded_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .generate(WSDL)
        .unwrap();
    insta::assert_snapshot!("rpc_encoded_generated", source);
}

#[test]
fn rpc_encoded_requests_carry_xsi_types_and_soap_arrays() {
    assert_eq!(
        envelope(&request()),
        concat!(
            r#"<?xml version="1.0" encoding="utf-8"?>"#,
            r#"<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" "#,
            r#"xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:shop:rpc">"#,
            r#"<soap:Body><submit xmlns="urn:shop:rpc" soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">"#,
            r#"<customer xmlns="" xsi:type="xsd:string">Lin &amp; Co</customer>"#,
            r#"<priority xmlns="" xsi:type="xsd:int">2</priority>"#,
            r#"<filter xmlns="" xmlns:a1="urn:shop" xsi:type="a1:Filter">"#,
            r#"<status xsi:type="xsd:string">open</status><minTotal xsi:type="xsd:decimal">10.50</minTotal></filter>"#,
            r#"<orders xmlns="" xsi:type="SOAP-ENC:Array" xmlns:a2="urn:shop" SOAP-ENC:arrayType="a2:Order[2]">"#,
            r#"<item xsi:type="a2:Order"><id xsi:type="xsd:int">7</id><item xsi:type="xsd:string">tea</item><note xsi:nil="true" /></item>"#,
            r#"<item xsi:type="a2:Order"><id xsi:type="xsd:int">8</id><item xsi:type="xsd:string">茶壺</item><note xsi:type="xsd:string">gift</note></item>"#,
            r#"</orders>"#,
            r#"<tags xmlns="" xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[3]">"#,
            r#"<item xsi:type="xsd:string">new</item><item xsi:nil="true" /><item xsi:type="xsd:string">vip</item></tags>"#,
            r#"</submit></soap:Body></soap:Envelope>"#
        )
    );
}

#[test]
fn rpc_encoded_types_write_no_xsi_type_in_literal_messages() {
    let mut writer = XmlWriter::new(false);
    writer.complex_element("urn:shop:rpc", "submit", &request());
    let literal = String::from_utf8(writer.finish().unwrap()).unwrap();
    assert!(!literal.contains("xsi:type"), "{literal}");
    assert!(!literal.contains("arrayType"), "{literal}");
    assert!(
        literal.contains(concat!(
            r#"<tags xmlns=""><item>new</item>"#,
            r#"<item xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true" />"#,
            r#"<item>vip</item></tags>"#
        )),
        "{literal}"
    );
}

#[test]
fn rpc_encoded_answers_read_with_xsi_types_arrays_and_nils() {
    let xml = std::fs::read_to_string(ANSWER).unwrap();
    let answer = read_answer(&xml).unwrap();
    assert_eq!(
        answer,
        SubmitResponse {
            accepted: 2,
            orders: OrderArray(vec![
                Some(Order {
                    id: 7,
                    item: "tea & cups".into(),
                    note: None,
                }),
                Some(Order {
                    id: 8,
                    item: "茶壺".into(),
                    note: Some("gift".into()),
                }),
            ]),
            // The nil item keeps its place.
            tags: StringArray(vec![Some("new".into()), None, Some("vip".into())]),
        }
    );
}

/// An Axis 1 answer: array items and a shared value as `multiRef` siblings of the body
/// element, referred to by `href`, in an order of Axis' own.
const AXIS_ANSWER: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <ns1:submitResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:shop:rpc">
   <accepted href="#id0"/>
   <orders xsi:type="soapenc:Array" soapenc:arrayType="ns2:Order[2]" xmlns:ns2="urn:shop" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
    <item href="#id1"/>
    <item href="#id2"/>
   </orders>
   <tags xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[1]" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"><item>vip</item></tags>
  </ns1:submitResponse>
  <multiRef id="id2" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns3:Order" xmlns:ns3="urn:shop" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
   <id href="#id0"/>
   <item xsi:type="xsd:string">cups</item>
   <note xsi:type="xsd:string" xsi:nil="true"/>
  </multiRef>
  <multiRef id="id0" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="xsd:int" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">2</multiRef>
  <multiRef id="id1" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns4:Order" xmlns:ns4="urn:shop" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
   <id xsi:type="xsd:int">1</id>
   <item xsi:type="xsd:string">tea</item>
   <note xsi:type="xsd:string">hot</note>
  </multiRef>
 </soapenv:Body>
</soapenv:Envelope>"##;

#[test]
fn rpc_encoded_answers_resolve_axis_multi_references() {
    let answer = read_answer(AXIS_ANSWER).unwrap();
    assert_eq!(
        answer,
        SubmitResponse {
            accepted: 2,
            orders: OrderArray(vec![
                Some(Order {
                    id: 1,
                    item: "tea".into(),
                    note: Some("hot".into()),
                }),
                // `id` refers to the same value as `accepted`.
                Some(Order {
                    id: 2,
                    item: "cups".into(),
                    note: None,
                }),
            ]),
            tags: StringArray(vec![Some("vip".into())]),
        }
    );
}

#[test]
fn a_dangling_href_is_a_located_error() {
    let broken = AXIS_ANSWER.replace(r##"<item href="#id2"/>"##, r##"<item href="#id9"/>"##);
    let Err(SoapError::Decode(error)) = read_answer(&broken) else {
        panic!("a dangling href must not decode");
    };
    assert_eq!(
        error.kind,
        DecodeErrorKind::BadReference {
            href: "#id9".into(),
            reason: "no element has this id".into(),
        }
    );
    assert_eq!((error.line, error.column), (8, 5), "{error}");
}

#[test]
fn an_href_cycle_is_an_error_not_a_loop() {
    // Order id2's `id` refers to the order itself.
    let cyclic = AXIS_ANSWER.replace(r##"<id href="#id0"/>"##, r##"<id href="#id2"/>"##);
    let Err(SoapError::Decode(error)) = read_answer(&cyclic) else {
        panic!("an href cycle must not decode");
    };
    assert!(
        matches!(&error.kind, DecodeErrorKind::BadReference { href, reason }
            if href == "#id2" && reason.contains("cycle")),
        "{error}"
    );
    assert_eq!((error.line, error.column), (13, 4), "{error}");
}

struct Shop;

impl ShopServer for Shop {
    async fn submit(&self, request: SubmitRequest) -> Result<SubmitResponse, Fault> {
        Ok(SubmitResponse {
            accepted: request.orders.0.len() as i32,
            orders: request.orders,
            tags: request.tags,
        })
    }
}

#[tokio::test]
async fn the_server_reads_encoded_requests_and_answers_encoded() {
    let answer = dispatch_shop(&Shop, envelope(&request()).as_bytes(), Limits::default()).await;
    let body = String::from_utf8(answer.body).unwrap();
    assert_eq!(answer.status, 200, "{body}");
    assert!(
        body.contains(r#"<submitResponse xmlns="urn:shop:rpc" soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><accepted xmlns="" xsi:type="xsd:int">2</accepted>"#),
        "{body}"
    );
    let decoded = read_answer(&body).unwrap();
    let sent = request();
    assert_eq!(decoded.orders, sent.orders);
    assert_eq!(decoded.tags, sent.tags);
}
