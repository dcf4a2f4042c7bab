//! Construct fixture `encoded_arrays.wsdl`: jagged SOAP-encoded arrays. `xsd:string[][]`
//! is an array whose items are generated string arrays, written with
//! `SOAP-ENC:arrayType="xsd:string[][n]"` and each item as a `SOAP-ENC:Array` of its own;
//! Axis's `ArrayOf_xsd_base64Binary` (`xsd:byte[][]`) is an array of `Base64Binary`.
//! A snapshot, the request envelope, an answer read back, and zeep reading our request.

use integration_tests::constructs::encoded_arrays::{
    ArrayOfArrayOfXsdString, ArrayOfArrayOfXsdStringItem, ArrayOfXsdBase64Binary, GridClient,
    NAMESPACE_1, StoreRequest, StoreResponse,
};
use soap_runtime::{Base64Binary, ClientConfig, Limits, SoapVersion};

const WSDL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/constructs/encoded_arrays.wsdl"
);

fn request() -> StoreRequest {
    StoreRequest {
        matrix: ArrayOfArrayOfXsdString(vec![
            Some(ArrayOfArrayOfXsdStringItem(vec![
                Some("a".into()),
                Some("b".into()),
            ])),
            None,
            Some(ArrayOfArrayOfXsdStringItem(vec![None])),
        ]),
        blobs: ArrayOfXsdBase64Binary(vec![Some(Base64Binary(vec![1, 2, 255]))]),
    }
}

fn envelope() -> String {
    let mut config = ClientConfig::new(GridClient::SOAP11_ENDPOINT, SoapVersion::Soap11);
    config.indent = false;
    let client = GridClient::new(config).unwrap();
    let bytes = client
        .inner()
        .encoded_envelope(&GridClient::STORE, &request())
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn encoded_arrays_generated_code() {
    let source = soap_codegen::Generator::new()
        .serde(true)
        .generate(WSDL)
        .unwrap();
    insta::assert_snapshot!("encoded_arrays_generated", source);
}

#[test]
fn jagged_arrays_are_written_with_nested_array_types() {
    let envelope = envelope();
    let body = envelope.split("<soap:Body>").nth(1).unwrap();
    assert_eq!(
        body,
        concat!(
            r#"<store xmlns="urn:grid:rpc" soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">"#,
            r#"<matrix xmlns="" xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[][3]">"#,
            r#"<item xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[2]">"#,
            r#"<item xsi:type="xsd:string">a</item><item xsi:type="xsd:string">b</item></item>"#,
            r#"<item xsi:nil="true" />"#,
            r#"<item xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[1]"><item xsi:nil="true" /></item>"#,
            r#"</matrix>"#,
            r#"<blobs xmlns="" xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:base64Binary[1]">"#,
            r#"<item xsi:type="xsd:base64Binary">AQL/</item></blobs>"#,
            r#"</store></soap:Body></soap:Envelope>"#
        )
    );
}

#[test]
fn jagged_arrays_read_what_they_write() {
    // The answer carries the same parts as the request, in a `storeResponse` wrapper.
    let answer = envelope()
        .replace("<store ", "<storeResponse ")
        .replace("</store>", "</storeResponse>");
    let response: StoreResponse = soap_runtime::read_encoded_response(
        answer.as_bytes(),
        SoapVersion::Soap11,
        NAMESPACE_1,
        "storeResponse",
        Limits::default(),
        200,
    )
    .unwrap();
    assert_eq!(response.matrix, request().matrix);
    assert_eq!(response.blobs, request().blobs);
}

#[test]
fn rectangular_soap_arrays_are_refused_with_their_place() {
    let text = std::fs::read_to_string(WSDL)
        .unwrap()
        .replace("xs:string[][]", "xs:string[,]");
    let error = soap_codegen::parse::parse_str(std::path::Path::new("encoded_arrays.wsdl"), &text)
        .unwrap_err();
    assert_eq!(error.kind, soap_codegen::ErrorKind::Unsupported, "{error}");
    assert!(error.to_string().contains("`xs:string[,]`"), "{error}");
    assert_eq!(error.line, 14, "{error}");
}

/// zeep reads the request we write as the service would (its input message,
/// deserialized from our envelope) and finds the same values.
#[test]
fn zeep_reads_our_jagged_arrays() {
    let output = std::process::Command::new(
        std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned()),
    )
    .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/zeep/read_request.py"))
    .arg(WSDL)
    .arg("store")
    .arg(envelope())
    .output()
    .expect("run python3 (install Python 3 and zeep)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let values: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        values,
        serde_json::json!({"matrix": [["a", "b"], null, [null]], "blobs": ["AQL/"]})
    );
}
