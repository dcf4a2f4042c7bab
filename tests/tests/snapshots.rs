//! Snapshots a reviewer reads in pull requests: the whole generated PayNow source, every
//! operation's request in SOAP 1.1 and 1.2 (headers and envelope), and the decoded
//! result of each response shape.

use std::path::PathBuf;

use paynow_einvoice::generated::{
    CancelInvoiceIResponse, CancelInvoiceResponse, PayNowEInvoiceClient, SelAllowanceResponse,
};
use paynow_einvoice::samples;
use soap_runtime::{FromXml, Limits, Operation, SoapVersion, read_response, write_request};

fn paynow_wsdl() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wsdl/PayNowEInvoice.wsdl")
}

#[test]
fn generated_source() {
    // As paynow-einvoice/build.rs generates it.
    let source = soap_codegen::Generator::new()
        .serde(true)
        .secret_field("mem_password")
        .secret_field("mem_pw")
        .generate(paynow_wsdl())
        .expect("the PayNow WSDL generates");
    insta::assert_snapshot!("paynow_generated_source", source);
}

#[test]
fn generation_is_deterministic() {
    let generator = soap_codegen::Generator::new();
    let first = generator.generate(paynow_wsdl()).unwrap();
    let second = generator.generate(paynow_wsdl()).unwrap();
    assert_eq!(first.as_bytes(), second.as_bytes());
}

#[test]
fn request_envelopes_of_every_operation_in_both_versions() {
    let requests = samples::requests();
    assert_eq!(requests.len(), 18, "one sample per PayNow operation");
    for (operation, request) in requests {
        for (version, tag) in [
            (SoapVersion::Soap11, "soap11"),
            (SoapVersion::Soap12, "soap12"),
        ] {
            let action = operation
                .action(version)
                .expect("PayNow binds every operation to both versions");
            let (ns, name) = operation.request;
            let envelope = write_request(version, ns, name, &*request, true).unwrap();
            let mut wire = format!("Content-Type: {}\n", version.content_type(action));
            if let Some(soap_action) = version.soap_action_header(action) {
                wire.push_str(&format!("SOAPAction: {soap_action}\n"));
            }
            wire.push('\n');
            wire.push_str(std::str::from_utf8(&envelope).unwrap());
            insta::assert_snapshot!(format!("request_{}_{tag}", operation.name), wire);
        }
    }
}

/// An ASMX response envelope of `version` around `inner`.
fn asmx_response(version: SoapVersion, inner: &str) -> String {
    let prefix = version.envelope_prefix();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><{prefix}:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:{prefix}=\"{}\"><{prefix}:Body>{inner}</{prefix}:Body></{prefix}:Envelope>",
        version.envelope_namespace()
    )
}

fn decode<T: FromXml>(operation: &Operation, version: SoapVersion, inner: &str) -> T {
    let body = asmx_response(version, inner);
    let (ns, name) = operation.response;
    read_response(body.as_bytes(), version, ns, name, Limits::default(), 200).unwrap()
}

#[test]
fn string_result_decodes() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let result: CancelInvoiceIResponse = decode(
            &PayNowEInvoiceClient::CANCEL_INVOICE_I,
            version,
            r#"<CancelInvoice_IResponse xmlns="https://invoice.PayNow.com.tw/"><CancelInvoice_IResult>F_發票已作廢 &amp; 無法重複作廢</CancelInvoice_IResult></CancelInvoice_IResponse>"#,
        );
        insta::assert_snapshot!(
            "response_string_result",
            serde_json::to_string_pretty(&result).unwrap()
        );
    }
}

#[test]
fn object_result_decodes() {
    let mut object = String::new();
    for (name, value) in [
        ("Up_no", "1024"),
        ("CId", "7"),
        ("Send", "true"),
        ("InvoiceNumber", "AB12345678"),
        ("Name", "立吉富測試股份有限公司"),
        ("TotalAmount", "800"),
        ("OrderNo", "ORD20261121001"),
        ("ErrorMsg", "此發票已作廢"),
        ("ReturnStatus", "false"),
        ("GetStatus", "true"),
        ("State", "2"),
        ("SendState", "0"),
        ("FieldAddedLater", "ignored"),
    ] {
        object.push_str(&format!("<{name}>{value}</{name}>"));
    }
    let inner = format!(
        r#"<CancelInvoiceResponse xmlns="https://invoice.PayNow.com.tw/"><CancelInvoiceResult>{object}</CancelInvoiceResult></CancelInvoiceResponse>"#
    );
    let result: CancelInvoiceResponse = decode(
        &PayNowEInvoiceClient::CANCEL_INVOICE,
        SoapVersion::Soap12,
        &inner,
    );
    insta::assert_snapshot!(
        "response_object_result",
        serde_json::to_string_pretty(&result).unwrap()
    );
}

#[test]
fn allowance_result_decodes() {
    let inner = r#"<Sel_AllowanceResponse xmlns="https://invoice.PayNow.com.tw/"><Sel_AllowanceResult>
        <AllowanceNumber>AL20261121001</AllowanceNumber><AllowanceDate>2026/11/21</AllowanceDate>
        <Buyer_Identifier>22099131</Buyer_Identifier><Buyer_Name>立吉富測試股份有限公司</Buyer_Name>
        <AllowanceType>2</AllowanceType><TaxAmount>5</TaxAmount><TotalAmount>100</TotalAmount>
        <InvoiceDate>2026/11/20</InvoiceDate><InvoiceNumber>AB12345678</InvoiceNumber><Status>0</Status>
        </Sel_AllowanceResult></Sel_AllowanceResponse>"#;
    let result: SelAllowanceResponse = decode(
        &PayNowEInvoiceClient::SEL_ALLOWANCE,
        SoapVersion::Soap11,
        inner,
    );
    insta::assert_snapshot!(
        "response_allowance_result",
        serde_json::to_string_pretty(&result).unwrap()
    );
}
