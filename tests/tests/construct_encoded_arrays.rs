//! Construct fixture `encoded_arrays.wsdl`: multi-dimensional SOAP-encoded arrays.
//! `xsd:string[][]` (jagged) is an array whose items are generated string arrays, written
//! with `SOAP-ENC:arrayType="xsd:string[][n]"` and each item as a `SOAP-ENC:Array` of its
//! own; Axis's `ArrayOf_xsd_base64Binary` (`xsd:byte[][]`) is an array of `Base64Binary`;
//! `xsd:int[,]` (rectangular) is a `RectangularArray` written flat, row-major, with
//! `SOAP-ENC:arrayType="xsd:int[2,3]"`; `xsd:string[,][]` is an array of rectangular ones.
//! A snapshot, the request envelope, an answer read back, bad shapes refused with their
//! place, and zeep reading our request.

use integration_tests::constructs::encoded_arrays::{
    ArrayOfArrayOfXsdString, ArrayOfArrayOfXsdString2, ArrayOfArrayOfXsdString2Item,
    ArrayOfArrayOfXsdStringItem, ArrayOfXsdBase64Binary, ArrayOfXsdInt2, GridClient, NAMESPACE_1,
    StoreRequest, StoreResponse,
};
use soap_runtime::{
    Base64Binary, ClientConfig, DecodeErrorKind, Limits, RectangularArray, SoapVersion,
};

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
        table: ArrayOfXsdInt2(
            RectangularArray::new(
                [2, 3],
                vec![Some(1), Some(2), Some(3), Some(4), None, Some(6)],
            )
            .unwrap(),
        ),
        sheets: ArrayOfArrayOfXsdString2(vec![
            Some(ArrayOfArrayOfXsdString2Item(
                RectangularArray::new([1, 2], vec![Some("x".into()), Some("y".into())]).unwrap(),
            )),
            None,
        ]),
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
fn arrays_are_written_with_nested_array_types_and_dimensions() {
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
            r#"<table xmlns="" xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:int[2,3]">"#,
            r#"<item xsi:type="xsd:int">1</item><item xsi:type="xsd:int">2</item>"#,
            r#"<item xsi:type="xsd:int">3</item><item xsi:type="xsd:int">4</item>"#,
            r#"<item xsi:nil="true" /><item xsi:type="xsd:int">6</item></table>"#,
            r#"<sheets xmlns="" xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[,][2]">"#,
            r#"<item xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:string[1,2]">"#,
            r#"<item xsi:type="xsd:string">x</item><item xsi:type="xsd:string">y</item></item>"#,
            r#"<item xsi:nil="true" /></sheets>"#,
            r#"</store></soap:Body></soap:Envelope>"#
        )
    );
}

#[test]
fn arrays_read_what_they_write() {
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
    let request = request();
    assert_eq!(response.matrix, request.matrix);
    assert_eq!(response.blobs, request.blobs);
    assert_eq!(response.table, request.table);
    assert_eq!(response.table.0.get([1, 2]), Some(&Some(6)));
    assert_eq!(response.sheets, request.sheets);
}

/// The request's parts as an answer, changed by `edit`, read: its decode error.
fn read_edited_answer(edit: impl Fn(String) -> String) -> soap_runtime::DecodeError {
    let answer = envelope()
        .replace("<store ", "<storeResponse ")
        .replace("</store>", "</storeResponse>");
    let result = soap_runtime::read_encoded_response::<StoreResponse>(
        edit(answer).as_bytes(),
        SoapVersion::Soap11,
        NAMESPACE_1,
        "storeResponse",
        Limits::default(),
        200,
    );
    match result {
        Err(soap_runtime::SoapError::Decode(error)) => error,
        other => panic!("{other:?}"),
    }
}

#[test]
fn rectangular_arrays_whose_items_do_not_fill_their_dimensions_are_refused() {
    let error = read_edited_answer(|answer| answer.replace("xsd:int[2,3]", "xsd:int[2,4]"));
    assert_eq!(error.path, "/Envelope/Body/storeResponse/table/@arrayType");
    let DecodeErrorKind::InvalidValue { text, reason } = &error.kind else {
        panic!("{error}");
    };
    assert_eq!(text, "xsd:int[2,4]");
    assert_eq!(reason, "dimensions [2, 4] hold 8 items; the array has 6");

    let error = read_edited_answer(|answer| answer.replace("xsd:int[2,3]", "xsd:int[6]"));
    assert!(
        error
            .to_string()
            .contains("1 dimensions for an array of rank 2"),
        "{error}"
    );
    let error =
        read_edited_answer(|answer| answer.replace(r#" SOAP-ENC:arrayType="xsd:int[2,3]""#, ""));
    assert_eq!(error.path, "/Envelope/Body/storeResponse/table");
    assert!(
        matches!(&error.kind, DecodeErrorKind::MissingElement { name } if name == "@arrayType"),
        "{error}"
    );
}

#[test]
fn partially_transmitted_and_sparse_arrays_are_refused_not_misplaced() {
    let error = read_edited_answer(|answer| {
        answer.replace(
            r#"SOAP-ENC:arrayType="xsd:int[2,3]">"#,
            r#"SOAP-ENC:arrayType="xsd:int[2,3]" SOAP-ENC:offset="[2]">"#,
        )
    });
    assert_eq!(error.path, "/Envelope/Body/storeResponse/table/@offset");
    assert!(
        error
            .to_string()
            .contains("partially transmitted and sparse arrays are not supported"),
        "{error}"
    );
    let error = read_edited_answer(|answer| {
        answer.replacen(
            r#"<item xsi:type="xsd:string">a</item>"#,
            r#"<item xsi:type="xsd:string" SOAP-ENC:position="[1]">a</item>"#,
            1,
        )
    });
    assert_eq!(
        error.path,
        "/Envelope/Body/storeResponse/matrix/item/item/@position"
    );
}

#[test]
fn array_types_with_sizes_are_refused_with_their_place() {
    let text = std::fs::read_to_string(WSDL)
        .unwrap()
        .replace("xs:string[][]", "xs:string[2]");
    let error = soap_codegen::parse::parse_str(std::path::Path::new("encoded_arrays.wsdl"), &text)
        .unwrap_err();
    assert_eq!(error.kind, soap_codegen::ErrorKind::Invalid, "{error}");
    assert!(
        error
            .to_string()
            .contains(r#"wsdl:arrayType="xs:string[2]""#),
        "{error}"
    );
    assert_eq!(error.line, 15, "{error}");
}

/// zeep reads the request we write as the service would (its input message,
/// deserialized from our envelope) and finds the same values; it reads a rectangular
/// array as its flat list of items, row-major, as they are sent.
#[test]
fn zeep_reads_our_arrays() {
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
        serde_json::json!({
            "matrix": [["a", "b"], null, [null]],
            "blobs": ["AQL/"],
            "table": [1, 2, 3, 4, null, 6],
            "sheets": [["x", "y"], null],
        })
    );
}
