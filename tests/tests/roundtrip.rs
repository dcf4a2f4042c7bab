//! Round trips of the generated PayNow client, through soap-runtime's real HTTP
//! transport, against a fake ASMX service on 127.0.0.1 (see `support`): requests must
//! carry the headers ASP.NET expects, ASMX-shaped answers must decode, and every way an
//! answer can go wrong must surface as its own `SoapError` variant.
//!
//! Every call is bounded by the client's timeout ([`CALL_TIMEOUT`], or shorter), so no
//! test can hang.

mod support;

use std::future::Future;
use std::time::{Duration, Instant};

use paynow_einvoice::generated::{
    CancelInvoice, CancelInvoiceI, CancelInvoiceIResponse, CheckInvoice, Invoice, InvoiceInfo,
    PayNowEInvoiceClient,
};
use soap_runtime::{ClientConfig, DecodeError, DecodeErrorKind, Limits, SoapError, SoapVersion};
use support::{
    ENDPOINT_PATH, MockAsmx, Reply, TNS, asmx_envelope, envelope_with_prefix, operation_response,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BOTH_VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];
const MEM_CID: &str = "70828783";
const INVOICE_NO: &str = "AB12345678";
/// Time allowed for a call that should succeed or fail promptly; bounds every test.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);

/// The configuration of a client of `server`: its URL and SOAP version, and a timeout
/// that keeps a broken test from hanging.
fn config_for(server: &MockAsmx) -> ClientConfig {
    ClientConfig::new(server.url(), server.version()).timeout(CALL_TIMEOUT)
}

/// A generated client of `server` with [`config_for`]'s configuration.
fn client_for(server: &MockAsmx) -> PayNowEInvoiceClient {
    PayNowEInvoiceClient::new(config_for(server)).expect("build the PayNow client")
}

/// The `CancelInvoice_I` request the error tests send: the failures under test are in
/// the answers, so the request is always the same.
fn cancel_invoice_i_request() -> CancelInvoiceI {
    CancelInvoiceI {
        mem_cid: Some(MEM_CID.into()),
        invoice_no: Some(INVOICE_NO.into()),
    }
}

/// Calls `CancelInvoice_I` against a server answering `reply`, with the client
/// configuration adjusted by `configure`; checks the request reached the server
/// intact and returns the result.
async fn cancel_invoice_i_against(
    version: SoapVersion,
    reply: Reply,
    configure: impl FnOnce(ClientConfig) -> ClientConfig,
) -> Result<CancelInvoiceIResponse, SoapError> {
    let server = MockAsmx::answering(version, reply).await;
    let client = PayNowEInvoiceClient::new(configure(config_for(&server))).expect("client");
    let result = client.cancel_invoice_i(&cancel_invoice_i_request()).await;
    server.single_request("CancelInvoice_I");
    result
}

/// The error a `CancelInvoice_I` call gets from a server answering `reply`.
async fn error_for(version: SoapVersion, reply: Reply) -> SoapError {
    error_with_config(version, reply, |config| config).await
}

/// [`error_for`] with the client configuration adjusted by `configure` (limits, timeout).
async fn error_with_config(
    version: SoapVersion,
    reply: Reply,
    configure: impl FnOnce(ClientConfig) -> ClientConfig,
) -> SoapError {
    match cancel_invoice_i_against(version, reply, configure).await {
        Ok(answer) => panic!("{version}: expected an error, got {answer:?}"),
        Err(error) => error,
    }
}

/// The decode error inside `error`, failing the test for any other variant.
fn expect_decode_error(version: SoapVersion, error: SoapError) -> DecodeError {
    match error {
        SoapError::Decode(decode) => decode,
        other => panic!("{version}: expected SoapError::Decode, got {other:?}"),
    }
}

/// Runs a string-returning operation on both SOAP versions against a server that puts
/// `result_xml` (as written on the wire, escapes included) in `<{operation}Result>`;
/// the client must decode `expected` and must have sent `mem_cid` and `InvoiceNo`.
async fn assert_string_result_round_trip<Call, Answer>(
    operation: &str,
    result_xml: &str,
    expected: &str,
    call: Call,
) where
    Call: Fn(PayNowEInvoiceClient) -> Answer,
    Answer: Future<Output = Result<Option<String>, SoapError>>,
{
    for version in BOTH_VERSIONS {
        let server =
            MockAsmx::answering(version, Reply::result(version, operation, result_xml)).await;
        let decoded = call(client_for(&server))
            .await
            .unwrap_or_else(|e| panic!("{operation} over {version}: {e}"));
        assert_eq!(
            decoded.as_deref(),
            Some(expected),
            "{operation} over {version}"
        );
        let request = server.single_request(operation);
        assert_eq!(request.field("mem_cid").as_deref(), Some(MEM_CID));
        assert_eq!(request.field("InvoiceNo").as_deref(), Some(INVOICE_NO));
    }
}

#[tokio::test]
async fn cancel_invoice_i_round_trip_unescapes_result() {
    assert_string_result_round_trip(
        "CancelInvoice_I",
        "F_a &amp; b &lt;已作廢&gt;",
        "F_a & b <已作廢>",
        |client| async move {
            let answer = client.cancel_invoice_i(&cancel_invoice_i_request()).await?;
            Ok(answer.cancel_invoice_i_result)
        },
    )
    .await;
}

#[tokio::test]
async fn check_invoice_round_trip_decodes_result() {
    assert_string_result_round_trip(
        "Check_invoice",
        "S,AB12345678",
        "S,AB12345678",
        |client| async move {
            let request = CheckInvoice {
                mem_cid: Some(MEM_CID.into()),
                invoice_no: Some(INVOICE_NO.into()),
            };
            Ok(client.check_invoice(&request).await?.check_invoice_result)
        },
    )
    .await;
}

#[tokio::test]
async fn invoice_info_round_trip_decodes_chinese_text() {
    assert_string_result_round_trip(
        "Invoice_Info",
        "開立,800",
        "開立,800",
        |client| async move {
            let request = InvoiceInfo {
                mem_cid: Some(MEM_CID.into()),
                invoice_no: Some(INVOICE_NO.into()),
            };
            Ok(client.invoice_info(&request).await?.invoice_info_result)
        },
    )
    .await;
}

/// The fake service already refuses requests with wrong headers; this spells the
/// expected headers out, so a change to them shows up here first.
#[tokio::test]
async fn requests_carry_the_headers_asp_net_expects() {
    for version in BOTH_VERSIONS {
        let reply = Reply::result(version, "CancelInvoice_I", "S");
        let server = MockAsmx::answering(version, reply).await;
        client_for(&server)
            .cancel_invoice_i(&cancel_invoice_i_request())
            .await
            .unwrap_or_else(|e| panic!("{version}: {e}"));
        let request = server.single_request("CancelInvoice_I");
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, ENDPOINT_PATH);
        let action = "https://invoice.PayNow.com.tw/CancelInvoice_I";
        match version {
            SoapVersion::Soap11 => {
                assert_eq!(
                    request.header("Content-Type"),
                    Some("text/xml; charset=utf-8")
                );
                assert_eq!(
                    request.header_values("SOAPAction"),
                    [format!("\"{action}\"")]
                );
            }
            SoapVersion::Soap12 => {
                let content_type =
                    format!("application/soap+xml; charset=utf-8; action=\"{action}\"");
                assert_eq!(request.header("Content-Type"), Some(content_type.as_str()));
                assert!(request.header_values("SOAPAction").is_empty());
            }
        }
        assert_eq!(
            request.header("Content-Length"),
            Some(request.body.len().to_string().as_str())
        );
    }
}

/// Guards the guard: the fake service must refuse what ASP.NET refuses, or the header
/// checks of every other test would prove nothing.
#[tokio::test]
async fn fake_service_refuses_requests_asp_net_would_refuse() {
    let server = MockAsmx::answering(
        SoapVersion::Soap11,
        Reply::result(SoapVersion::Soap11, "CancelInvoice_I", "S"),
    )
    .await;
    let envelope = asmx_envelope(
        SoapVersion::Soap11,
        &format!(
            r#"<CancelInvoice_I xmlns="{TNS}"><InvoiceNo>{INVOICE_NO}</InvoiceNo></CancelInvoice_I>"#
        ),
    );
    let address = server
        .url()
        .trim_start_matches("http://")
        .trim_end_matches(ENDPOINT_PATH);
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    // The action is not quoted, as some hand-written clients send it.
    let raw = format!(
        "POST {ENDPOINT_PATH} HTTP/1.1\r\nHost: {address}\r\nContent-Type: text/xml; charset=utf-8\r\n\
         SOAPAction: {TNS}CancelInvoice_I\r\nContent-Length: {}\r\n\r\n{envelope}",
        envelope.len()
    );
    stream.write_all(raw.as_bytes()).await.expect("send");
    let mut answer = String::new();
    tokio::time::timeout(CALL_TIMEOUT, stream.read_to_string(&mut answer))
        .await
        .expect("the fake service answers in time")
        .expect("read the answer");
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    assert!(answer.contains("SOAPAction"), "{answer}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].problems.len(), 1, "{:?}", requests[0].problems);
}

#[tokio::test]
async fn decoding_ignores_prefixes_headers_and_unknown_elements() {
    // `soap` bound to the SOAP 1.2 namespace is what ASMX really puts on the wire.
    for (version, prefix) in [
        (SoapVersion::Soap11, "s"),
        (SoapVersion::Soap11, "SOAP-ENV"),
        (SoapVersion::Soap12, "env"),
        (SoapVersion::Soap12, "soap"),
    ] {
        let body = format!(
            r#"<Check_invoiceResponse xmlns="{TNS}"><AddedInV2>ignored<Nested/></AddedInV2><Check_invoiceResult>S,{INVOICE_NO}</Check_invoiceResult><Trailer/></Check_invoiceResponse>"#
        );
        let envelope = envelope_with_prefix(version, prefix, &body).replace(
            &format!("<{prefix}:Body>"),
            &format!(
                r#"<{prefix}:Header><Trace xmlns="urn:example:trace">abc</Trace></{prefix}:Header><{prefix}:Body>"#
            ),
        );
        let server = MockAsmx::answering(version, Reply::soap(version, 200, envelope)).await;
        let request = CheckInvoice {
            mem_cid: Some(MEM_CID.into()),
            invoice_no: Some(INVOICE_NO.into()),
        };
        let answer = client_for(&server)
            .check_invoice(&request)
            .await
            .unwrap_or_else(|e| panic!("{version} with prefix {prefix}: {e}"));
        assert_eq!(
            answer.check_invoice_result.as_deref(),
            Some("S,AB12345678"),
            "{version} with prefix {prefix}"
        );
        server.single_request("Check_invoice");
    }
}

/// The invoice the `CancelInvoice` test sends: ints, booleans, and strings that need
/// escaping or are not ASCII.
fn invoice_to_cancel() -> Invoice {
    Invoice {
        up_no: 3,
        c_id: 12345,
        send: true,
        invoice_number: Some(INVOICE_NO.into()),
        invoice_date: Some("2024/05/01".into()),
        name: Some("王小明 & Co <台北>".into()),
        total_amount: Some("800".into()),
        mem_cid: Some(MEM_CID.into()),
        return_status: false,
        get_status: true,
        state: -1,
        send_state: 2,
        ..Invoice::default()
    }
}

#[tokio::test]
async fn cancel_invoice_echoes_the_invoice_object_with_error_msg() {
    const ERROR_MSG: &str = "發票已超過作廢期限 & 無法作廢";
    for version in BOTH_VERSIONS {
        // Like PayNow: echo the invoice back, with ErrorMsg set and (here) an element
        // this client does not know in the middle.
        let server = MockAsmx::start(version, move |request| {
            let mut fields = String::new();
            for (i, (name, text)) in request.children_of("ObjInvoice").iter().enumerate() {
                fields.push_str(&format!("<{name}>{}</{name}>", xml_escape(text)));
                if i == 2 {
                    fields.push_str("<ExtraInfo><Source>v2</Source></ExtraInfo>");
                }
            }
            fields.push_str(&format!("<ErrorMsg>{}</ErrorMsg>", xml_escape(ERROR_MSG)));
            Reply::result(version, "CancelInvoice", &fields)
        })
        .await;
        let sent = invoice_to_cancel();
        let answer = client_for(&server)
            .cancel_invoice(&CancelInvoice {
                obj_invoice: Some(sent.clone()),
            })
            .await
            .unwrap_or_else(|e| panic!("{version}: {e}"));
        let result = answer.cancel_invoice_result.expect("CancelInvoiceResult");
        assert_eq!((result.up_no, result.c_id, result.state), (3, 12345, -1));
        assert!(result.send && result.get_status && !result.return_status);
        assert_eq!(result.name.as_deref(), Some("王小明 & Co <台北>"));
        assert_eq!(result.error_msg.as_deref(), Some(ERROR_MSG));
        assert_eq!(
            result,
            Invoice {
                error_msg: Some(ERROR_MSG.into()),
                ..sent
            }
        );
        let request = server.single_request("CancelInvoice");
        assert_eq!(request.field("Name").as_deref(), Some("王小明 & Co <台北>"));
        assert_eq!(request.field("Send").as_deref(), Some("true"));
    }
}

/// Escapes text for element content, as the fake service writes it.
fn xml_escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

#[tokio::test]
async fn soap11_fault_is_typed_with_code_reason_and_detail() {
    let version = SoapVersion::Soap11;
    let detail_child = format!(
        r#"<PayNowError xmlns="{TNS}"><Code>E102</Code><Field>InvoiceNo</Field></PayNowError>"#
    );
    let fault = format!(
        "<soap:Fault><faultcode>soap:Server</faultcode>\
         <faultstring>Server was unable to process request. ---&gt; 發票號碼不存在</faultstring>\
         <detail>{detail_child}</detail></soap:Fault>"
    );
    let error = error_for(
        version,
        Reply::soap(version, 500, asmx_envelope(version, &fault)),
    )
    .await;
    assert!(!error.outcome_unknown(), "a fault is a definite answer");
    let SoapError::Fault { fault, status } = error else {
        panic!("expected SoapError::Fault, got {error:?}");
    };
    assert_eq!(status, 500);
    assert_eq!(fault.version, SoapVersion::Soap11);
    assert_eq!(fault.code, "soap:Server");
    assert!(fault.subcodes.is_empty());
    assert_eq!(
        fault.reason,
        "Server was unable to process request. ---> 發票號碼不存在"
    );
    // `detail` holds the content of the detail element, exactly as received.
    assert_eq!(fault.detail.as_deref(), Some(detail_child.as_str()));
    assert_eq!((fault.actor, fault.node), (None, None));
}

#[tokio::test]
async fn soap12_fault_is_typed_with_code_subcodes_reason_and_detail() {
    let version = SoapVersion::Soap12;
    let detail_child = r#"<pn:PayNowError><pn:Code>E102</pn:Code></pn:PayNowError>"#;
    let fault = format!(
        r#"<soap12:Fault xmlns:pn="{TNS}"><soap12:Code><soap12:Value>soap12:Sender</soap12:Value><soap12:Subcode><soap12:Value>pn:InvalidInvoice</soap12:Value><soap12:Subcode><soap12:Value>pn:UnknownNumber</soap12:Value></soap12:Subcode></soap12:Subcode></soap12:Code><soap12:Reason><soap12:Text xml:lang="zh-TW">發票號碼不存在 &amp; 無法作廢</soap12:Text><soap12:Text xml:lang="en">No such invoice</soap12:Text></soap12:Reason><soap12:Role>https://invoice.paynow.com.tw/</soap12:Role><soap12:Detail>{detail_child}</soap12:Detail></soap12:Fault>"#
    );
    let error = error_for(
        version,
        Reply::soap(version, 500, asmx_envelope(version, &fault)),
    )
    .await;
    let SoapError::Fault { fault, status } = error else {
        panic!("expected SoapError::Fault, got {error:?}");
    };
    assert_eq!(status, 500);
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert_eq!(fault.code, "soap12:Sender");
    assert_eq!(fault.subcodes, ["pn:InvalidInvoice", "pn:UnknownNumber"]);
    assert_eq!(
        fault.reason, "發票號碼不存在 & 無法作廢",
        "the first Reason/Text"
    );
    assert_eq!(
        fault.actor.as_deref(),
        Some("https://invoice.paynow.com.tw/")
    );
    // The detail declares `pn`, which the Fault declared, so it decodes on its own.
    let detail =
        format!(r#"<pn:PayNowError xmlns:pn="{TNS}"><pn:Code>E102</pn:Code></pn:PayNowError>"#);
    assert_eq!(fault.detail.as_deref(), Some(detail.as_str()));
}

/// An ASP.NET "Runtime Error" page, as sent with 500 when custom errors are on.
const ASP_NET_ERROR_PAGE: &str = "<!DOCTYPE html>\r\n<html>\r\n    <head>\r\n        <title>Runtime Error</title>\r\n    </head>\r\n    <body bgcolor=\"white\">\r\n        <h1>Server Error in '/' Application.</h1>\r\n    </body>\r\n</html>\r\n";

/// The IIS default page, which answers 200 when the endpoint path is misconfigured.
const IIS_DEFAULT_PAGE: &str = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\r\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\" />\r\n<title>IIS Windows Server</title>\r\n</head>\r\n<body><div id=\"container\"><a href=\"http://go.microsoft.com/fwlink/?linkid=66138\"><img src=\"iisstart.png\" alt=\"IIS\" /></a></div></body>\r\n</html>";

#[tokio::test]
async fn http_500_with_html_page_is_http_status_error() {
    for version in BOTH_VERSIONS {
        let reply = Reply::new(500, "text/html; charset=utf-8", ASP_NET_ERROR_PAGE);
        let error = error_for(version, reply).await;
        assert!(error.outcome_unknown(), "a 5xx may come after processing");
        let SoapError::HttpStatus {
            status,
            content_type,
            excerpt,
        } = error
        else {
            panic!("{version}: expected SoapError::HttpStatus, got {error:?}");
        };
        assert_eq!(status, 500);
        assert_eq!(content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert!(excerpt.starts_with("<!DOCTYPE html>"), "{excerpt}");
        assert!(excerpt.contains("Runtime Error"), "{excerpt}");
    }
}

#[tokio::test]
async fn http_200_with_iis_html_page_is_not_soap() {
    for version in BOTH_VERSIONS {
        let error = error_for(version, Reply::new(200, "text/html", IIS_DEFAULT_PAGE)).await;
        assert!(!error.outcome_unknown());
        let SoapError::NotSoap {
            status,
            content_type,
            excerpt,
        } = error
        else {
            panic!("{version}: expected SoapError::NotSoap, got {error:?}");
        };
        assert_eq!(status, 200);
        assert_eq!(content_type.as_deref(), Some("text/html"));
        assert!(
            excerpt.contains("<title>IIS Windows Server</title>"),
            "{excerpt}"
        );
    }
}

#[tokio::test]
async fn http_200_with_empty_body_is_not_soap() {
    for version in BOTH_VERSIONS {
        let error = error_for(version, Reply::soap(version, 200, "")).await;
        let SoapError::NotSoap {
            status, excerpt, ..
        } = error
        else {
            panic!("{version}: expected SoapError::NotSoap, got {error:?}");
        };
        assert_eq!(status, 200);
        assert_eq!(excerpt, "");
    }
}

#[tokio::test]
async fn connection_closed_before_content_length_is_truncated() {
    for version in BOTH_VERSIONS {
        let reply = Reply::result(version, "CancelInvoice_I", "F_發票已作廢");
        let sent = reply.body().len() / 2;
        let error = error_for(version, reply.cut_after(sent)).await;
        assert!(error.outcome_unknown());
        let SoapError::Truncated { received, detail } = error else {
            panic!("{version}: expected SoapError::Truncated, got {error:?}");
        };
        assert_eq!(received, sent, "{detail}");
        assert!(!detail.is_empty());
    }
}

/// Every proper prefix of an answer, sent as a complete HTTP response (right
/// `Content-Length`), is a document cut off: inside a tag, an attribute, an entity
/// reference or a multi-byte character, or between elements.
#[tokio::test]
async fn xml_cut_anywhere_is_truncated() {
    for version in BOTH_VERSIONS {
        let full = Reply::result(version, "CancelInvoice_I", "F_發票 &amp; 作廢")
            .body()
            .to_vec();
        // The request's InvoiceNo tells the server where to cut, so each call is
        // self-describing.
        let answer = full.clone();
        let server = MockAsmx::start(version, move |request| {
            let cut: usize = request
                .field("InvoiceNo")
                .and_then(|n| n.parse().ok())
                .expect("InvoiceNo carries the cut position");
            Reply::soap(version, 200, &answer[..cut])
        })
        .await;
        let client = client_for(&server);
        let mut misreported = Vec::new();
        for cut in 1..full.len() {
            let request = CancelInvoiceI {
                mem_cid: Some(MEM_CID.into()),
                invoice_no: Some(cut.to_string()),
            };
            let error = match client.cancel_invoice_i(&request).await {
                Ok(answer) => panic!("{version}, cut at {cut}: decoded {answer:?}"),
                Err(error) => error,
            };
            if !matches!(error, SoapError::Truncated { received, .. } if received == cut) {
                let prefix = String::from_utf8_lossy(&full[..cut]);
                misreported.push(format!("cut after {prefix:?}: {error:?}"));
            }
        }
        assert!(
            misreported.is_empty(),
            "{version}: {} cuts not reported as Truncated:\n{}",
            misreported.len(),
            misreported.join("\n")
        );
        assert_eq!(server.requests().len(), full.len() - 1);
        assert!(server.requests().iter().all(|r| r.problems.is_empty()));
    }
}

#[tokio::test]
async fn slow_server_times_out_with_outcome_unknown() {
    const CLIENT_TIMEOUT: Duration = Duration::from_millis(300);
    const SERVER_PAUSE: Duration = Duration::from_secs(2);
    for version in BOTH_VERSIONS {
        let reply = Reply::result(version, "CancelInvoice_I", "S");
        let half = reply.body().len() / 2;
        for (slowness, reply) in [
            ("before answering", reply.clone().delayed(SERVER_PAUSE)),
            ("mid-body", reply.stalled_after(half, SERVER_PAUSE)),
        ] {
            let started = Instant::now();
            let error = error_with_config(version, reply, |c| c.timeout(CLIENT_TIMEOUT)).await;
            let elapsed = started.elapsed();
            assert!(
                matches!(error, SoapError::Timeout(limit) if limit == CLIENT_TIMEOUT),
                "{version}, server slow {slowness}: expected Timeout(300ms), got {error:?}"
            );
            assert!(error.outcome_unknown(), "the server got the request");
            assert!(
                elapsed < SERVER_PAUSE - Duration::from_millis(500),
                "{version}, server slow {slowness}: the client waited {elapsed:?}"
            );
        }
    }
}

#[tokio::test]
async fn wrong_response_element_is_unexpected_element() {
    for version in BOTH_VERSIONS {
        let reply = Reply::result(version, "Check_invoice", "S,AB12345678");
        let decode = expect_decode_error(version, error_for(version, reply).await);
        assert_eq!(
            decode.kind,
            DecodeErrorKind::UnexpectedElement {
                expected: format!("`{{{TNS}}}CancelInvoice_IResponse`"),
                found: format!("{{{TNS}}}Check_invoiceResponse"),
            },
            "{version}"
        );
        assert_eq!(decode.path, "/Envelope/Body/Check_invoiceResponse");
    }
}

#[tokio::test]
async fn doctype_in_response_is_refused() {
    for version in BOTH_VERSIONS {
        let envelope = asmx_envelope(version, &operation_response("CancelInvoice_I", "&xxe;"));
        let (declaration, rest) = envelope.split_at(envelope.find("?>").expect("declaration") + 2);
        let hostile = format!(
            "{declaration}\n<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n{rest}"
        );
        let error = error_for(version, Reply::soap(version, 200, hostile)).await;
        let decode = expect_decode_error(version, error);
        assert_eq!(decode.kind, DecodeErrorKind::DoctypeForbidden, "{version}");
        assert_eq!((decode.line, decode.column), (2, 1));
    }
}

#[tokio::test]
async fn response_over_the_size_limit_is_too_large() {
    for version in BOTH_VERSIONS {
        let reply = Reply::result(version, "CancelInvoice_I", &"F".repeat(2000));
        let size = reply.body().len();
        let limit_to = |max_bytes| {
            move |config: ClientConfig| {
                config.limits(Limits {
                    max_bytes,
                    ..Limits::default()
                })
            }
        };
        let at_limit = cancel_invoice_i_against(version, reply.clone(), limit_to(size)).await;
        assert!(
            at_limit.is_ok(),
            "{version}: exactly the limit is fine: {at_limit:?}"
        );

        let error = error_with_config(version, reply, limit_to(size - 1)).await;
        assert!(
            matches!(error, SoapError::ResponseTooLarge { limit } if limit == size - 1),
            "{version}: expected SoapError::ResponseTooLarge, got {error:?}"
        );
    }
}

#[tokio::test]
async fn envelope_of_the_other_version_is_a_decode_error_naming_both() {
    for (client_version, answer_version) in [
        (SoapVersion::Soap11, SoapVersion::Soap12),
        (SoapVersion::Soap12, SoapVersion::Soap11),
    ] {
        let envelope = asmx_envelope(answer_version, &operation_response("CancelInvoice_I", "S"));
        let reply = Reply::soap(answer_version, 200, envelope);
        let decode = expect_decode_error(client_version, error_for(client_version, reply).await);
        let DecodeErrorKind::UnexpectedElement { expected, found } = &decode.kind else {
            panic!("{client_version}: expected UnexpectedElement, got {decode:?}");
        };
        assert_eq!(
            *expected,
            format!("a {client_version} envelope (the service answered with {answer_version})")
        );
        assert_eq!(
            *found,
            format!("{{{}}}Envelope", answer_version.envelope_namespace())
        );
        let message = SoapError::Decode(decode.clone()).to_string();
        assert!(
            message.contains(&client_version.to_string())
                && message.contains(&answer_version.to_string()),
            "{message}"
        );
    }
}
