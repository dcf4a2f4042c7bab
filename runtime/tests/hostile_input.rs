//! Hostile shapes of input: each is refused with a typed error naming the limit and
//! where it was reached, or decoded when the limits admit it; decoding stops at the
//! deadline (the limits' own, or a client call's timeout).

use std::fmt::Write as _;
use std::time::Duration;

use soap_runtime::server::decode_request;
use soap_runtime::{
    Client, ClientConfig, DecodeErrorKind, Limits, RawXml, SoapError, SoapVersion, read_response,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// A SOAP 1.1 answer `<r:Resp>` (namespace `urn:r`) whose `Envelope` start tag carries
/// `envelope_attributes` and whose `Resp` holds `content`.
fn answer(envelope_attributes: &str, content: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<soap:Envelope xmlns:soap=\"{SOAP11}\"{envelope_attributes}>\n<soap:Body><r:Resp xmlns:r=\"urn:r\">{content}</r:Resp></soap:Body></soap:Envelope>"
    )
}

fn decode(xml: &str, limits: Limits) -> Result<RawXml, SoapError> {
    read_response::<RawXml>(
        xml.as_bytes(),
        SoapVersion::Soap11,
        "urn:r",
        "Resp",
        limits,
        200,
    )
}

fn decode_error(xml: &str, limits: Limits) -> soap_runtime::DecodeError {
    match decode(xml, limits) {
        Err(SoapError::Decode(error)) => error,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// ` xmlns:p0="urn:0" xmlns:p1="urn:1" …`, `n` of them.
fn declarations(n: usize) -> String {
    (0..n).fold(String::new(), |mut out, i| {
        let _ = write!(out, " xmlns:p{i}=\"urn:{i}\"");
        out
    })
}

#[test]
fn too_many_attributes_on_one_element_is_a_typed_error_at_that_element() {
    let attributes = (0..300).fold(String::new(), |mut out, i| {
        let _ = write!(out, " a{i}=\"{i}\"");
        out
    });
    let xml = answer("", &format!("<x/>\n<item{attributes}/>"));
    let error = decode_error(&xml, Limits::default());
    assert_eq!(
        error.kind,
        DecodeErrorKind::TooManyAttributes { limit: 256 }
    );
    // Line 3 holds the Body, `Resp` and `<x/>`; `item` starts line 4.
    assert_eq!((error.line, error.column), (4, 1));
    assert_eq!(error.path, "/Envelope/Body/Resp");
}

#[test]
fn too_many_declarations_on_one_element_is_a_typed_error() {
    let limits = Limits {
        max_attributes: 1000,
        ..Limits::default()
    };
    let error = decode_error(&answer(&declarations(257), ""), limits);
    assert_eq!(
        error.kind,
        DecodeErrorKind::TooManyNamespaceDeclarations { limit: 256 }
    );
    assert_eq!((error.line, error.column), (2, 1));
    // The default limits stop the same envelope at its attribute count already.
    let error = decode_error(&answer(&declarations(40_000), ""), Limits::default());
    assert_eq!(
        error.kind,
        DecodeErrorKind::TooManyAttributes { limit: 256 }
    );
}

#[test]
fn too_many_declarations_in_scope_is_a_typed_error() {
    // 20 nested elements declaring 250 prefixes each: 5,000 in scope at the innermost.
    let open: String = (0..20)
        .map(|level| {
            let own = (0..250).fold(String::new(), |mut out, i| {
                let _ = write!(out, " xmlns:q{level}_{i}=\"urn:{i}\"");
                out
            });
            format!("<n{own}>\n")
        })
        .collect();
    let close = "</n>".repeat(20);
    let error = decode_error(&answer("", &format!("{open}{close}")), Limits::default());
    assert_eq!(
        error.kind,
        DecodeErrorKind::TooManyNamespacesInScope { limit: 4096 }
    );
    // 16 levels of 250 make 4,000; the 17th element crosses 4,096 (line 1 is the XML
    // declaration, 2 the Envelope, 3 the Body and the first `n`).
    assert_eq!((error.line, error.column), (19, 1));
}

#[test]
fn hostile_shapes_within_the_limits_decode() {
    // Every admitted declaration on the Envelope, and thousands of children using them.
    let children = (0..10_000).fold(String::new(), |mut out, i| {
        let p = i % 255;
        let _ = write!(out, "<p{p}:c>{i}</p{p}:c>");
        out
    });
    let xml = answer(&declarations(255), &children);
    let raw = decode(&xml, Limits::default()).expect("within the limits");
    assert!(
        raw.as_str().starts_with("<p0:c>0</p0:c>"),
        "{}",
        &raw.as_str()[..40]
    );

    // A Fault whose Envelope declares 255 prefixes: its detail keeps the one it uses.
    let fault = format!(
        "<soap:Envelope xmlns:soap=\"{SOAP11}\"{}><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>no</faultstring><detail><p7:E>x</p7:E></detail></soap:Fault></soap:Body></soap:Envelope>",
        declarations(255)
    );
    let Err(SoapError::Fault { fault, .. }) = decode(&fault, Limits::default()) else {
        panic!("expected a fault");
    };
    assert_eq!(
        fault.detail.as_deref(),
        Some("<p7:E xmlns:p7=\"urn:7\">x</p7:E>")
    );
}

#[test]
fn decoding_past_its_time_is_a_typed_timeout() {
    let limits = Limits {
        max_decode_time: Duration::ZERO,
        ..Limits::default()
    };
    let xml = answer("", "<x/>");
    let error = decode_error(&xml, limits);
    assert_eq!(
        error.kind,
        DecodeErrorKind::TimedOut {
            limit: Duration::ZERO
        }
    );
    assert_eq!((error.line, error.column), (1, 1));

    let request = answer("", "<x/>");
    let fault = decode_request::<RawXml>(
        request.as_bytes(),
        SoapVersion::Soap11,
        "urn:r",
        "Resp",
        limits,
    )
    .unwrap_err();
    assert!(
        fault.reason.contains("decoding took longer than 0ns"),
        "{}",
        fault.reason
    );
}

/// Serves `answer` once per connection, for every request, over loopback.
async fn serve(answer: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                // Headers, then as many body bytes as Content-Length says.
                loop {
                    let Ok(n) = stream.read(&mut buffer).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    request.extend_from_slice(&buffer[..n]);
                    let text = String::from_utf8_lossy(&request);
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text[..end]
                            .lines()
                            .find_map(|l| {
                                let (name, value) = l.split_once(':')?;
                                name.eq_ignore_ascii_case("content-length")
                                    .then(|| value.trim().parse::<usize>().ok())?
                            })
                            .unwrap_or(0);
                        if request.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
            });
        }
    });
    format!("http://{address}/")
}

const OPERATION: soap_runtime::Operation = soap_runtime::Operation {
    service: "Hostile",
    name: "Resp",
    soap11_action: Some("urn:r/Resp"),
    soap12_action: None,
    request: ("urn:r", "Req"),
    response: ("urn:r", "Resp"),
};

#[tokio::test]
async fn the_call_timeout_covers_decoding() {
    let endpoint = serve(answer("", "<x>1</x>")).await;
    let timeout = Duration::from_millis(200);
    // The hook runs once the answer is in and before it is decoded: sleeping there past
    // the timeout leaves decoding no time at all.
    let config = ClientConfig::new(endpoint.clone(), SoapVersion::Soap11)
        .timeout(timeout)
        .hook(move |_| std::thread::sleep(timeout + Duration::from_millis(50)));
    let client = Client::new(config).unwrap();
    let result = client
        .call::<_, RawXml>(&OPERATION, &RawXml::default())
        .await;
    assert!(
        matches!(result, Err(SoapError::Timeout(t)) if t == timeout),
        "{result:?}"
    );

    // Without the pause the same answer decodes.
    let config = ClientConfig::new(endpoint, SoapVersion::Soap11).timeout(Duration::from_secs(30));
    let client = Client::new(config).unwrap();
    let value = client
        .call::<_, RawXml>(&OPERATION, &RawXml::default())
        .await
        .unwrap();
    assert_eq!(value.as_str(), "<x>1</x>");
}

#[test]
fn the_encoded_path_refuses_too_many_attributes_too() {
    // The multi-reference pass runs before the reader: it must not be quadratic in an
    // element's attributes either, and leaves the refusal to the reader.
    let attributes = (0..40_000).fold(String::new(), |mut out, i| {
        let _ = write!(out, " a{i}=\"{i}\"");
        out
    });
    let xml = answer(
        "",
        &format!("<item href=\"#id0\"{attributes}/><multiRef id=\"id0\">1</multiRef>"),
    );
    let result = soap_runtime::read_encoded_response::<RawXml>(
        xml.as_bytes(),
        SoapVersion::Soap11,
        "urn:r",
        "Resp",
        Limits::default(),
        200,
    );
    match result {
        Err(SoapError::Decode(error)) => {
            assert_eq!(
                error.kind,
                DecodeErrorKind::TooManyAttributes { limit: 256 }
            );
            assert_eq!((error.line, error.column), (3, 36));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
