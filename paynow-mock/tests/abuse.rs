//! The mock under abuse: slow and greedy clients are cut off by the [`ServerLimits`], and
//! while they hold connections, other clients are still served.

use std::time::Duration;

use paynow_einvoice::generated::{CheckInvoice, PayNowEInvoiceClient};
use paynow_mock::{MockConfig, MockServer, ServerLimits};
use soap_runtime::{ClientConfig, SoapVersion};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a test waits for something that must happen; never reached when it passes.
const PATIENCE: Duration = Duration::from_secs(30);

async fn mock(limits: ServerLimits) -> MockServer {
    MockServer::start(MockConfig::default().limits(limits))
        .await
        .expect("the mock starts")
}

fn client(mock: &MockServer) -> PayNowEInvoiceClient {
    PayNowEInvoiceClient::new(ClientConfig::new(mock.url(), SoapVersion::Soap12).timeout(PATIENCE))
        .expect("a client")
}

/// A `Check_invoice` call through the generated client for an invoice that does not
/// exist (the mock answers `F`): the kind of request slow clients must not hold up.
async fn check_invoice(client: &PayNowEInvoiceClient) -> String {
    let answer = client
        .check_invoice(&CheckInvoice {
            mem_cid: Some(paynow_mock::DEFAULT_MEM_CID.into()),
            invoice_no: Some("ZZ00000000".into()),
        })
        .await
        .expect("the mock answers");
    answer.check_invoice_result.unwrap_or_default()
}

/// Everything the server sends until it closes the connection.
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    tokio::time::timeout(PATIENCE, stream.read_to_end(&mut received))
        .await
        .expect("the server closes the connection")
        .expect("the connection reads");
    String::from_utf8_lossy(&received).into_owned()
}

/// Whether the server has neither answered nor closed `stream` yet: nothing to read,
/// not even the end of the stream.
async fn still_open(stream: &TcpStream) -> bool {
    let mut byte = [0u8; 1];
    tokio::time::timeout(Duration::from_millis(5), stream.peek(&mut byte))
        .await
        .is_err()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_keep_others_waiting_and_are_cut_off() {
    let limits = ServerLimits {
        header_read_timeout: Duration::from_secs(5),
        body_read_timeout: Duration::from_secs(5),
        ..ServerLimits::default()
    };
    let mock = mock(limits).await;
    let host = mock.address();

    // 300 slow clients: half never finish their headers, half announce a body and send
    // a few bytes of it.
    let mut slow_headers = Vec::new();
    let mut slow_bodies = Vec::new();
    for i in 0..300 {
        let mut stream = TcpStream::connect(host).await.expect("connects");
        if i % 2 == 0 {
            let start = format!("POST /PayNowEInvoice.asmx HTTP/1.1\r\nHost: {host}\r\nContent-Ty");
            stream.write_all(start.as_bytes()).await.unwrap();
            slow_headers.push(stream);
        } else {
            let start = format!(
                "POST /PayNowEInvoice.asmx HTTP/1.1\r\nHost: {host}\r\n\
                 Content-Type: text/xml; charset=utf-8\r\nContent-Length: 100000\r\n\r\n<soap:Env"
            );
            stream.write_all(start.as_bytes()).await.unwrap();
            slow_bodies.push(stream);
        }
    }

    // Meanwhile, others are served: SOAP calls in parallel, and the WSDL.
    let client = client(&mock);
    let calls = (0..20).map(|_| check_invoice(&client));
    let answers = futures_util::future::join_all(calls).await;
    assert!(answers.iter().all(|answer| answer == "F"), "{answers:?}");
    let wsdl = soap_runtime::http_client_builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(mock.wsdl_url())
        .send()
        .await
        .expect("the WSDL is served")
        .text()
        .await
        .unwrap();
    assert!(wsdl.contains("wsdl:definitions"), "{wsdl}");

    // ... while every slow client was still connected.
    let mut open = 0;
    for stream in slow_headers.iter().chain(&slow_bodies) {
        open += usize::from(still_open(stream).await);
    }
    assert_eq!(
        open, 300,
        "the others were served while all slow clients held on"
    );

    // Then the limits cut the slow ones off: no answer for unfinished headers, 408 for
    // an unfinished body.
    for stream in &mut slow_headers {
        assert_eq!(read_until_closed(stream).await, "");
    }
    for stream in &mut slow_bodies {
        let answer = read_until_closed(stream).await;
        assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
        assert!(answer.contains("did not arrive within 5 s"), "{answer}");
    }
    mock.shutdown().await;
}

#[tokio::test]
async fn a_connection_beyond_the_cap_is_told_to_retry() {
    let limits = ServerLimits {
        max_connections: 8,
        ..ServerLimits::default()
    };
    let mock = mock(limits).await;
    let mut held = Vec::new();
    for _ in 0..8 {
        let mut stream = TcpStream::connect(mock.address()).await.unwrap();
        // A whole request, so that the connection is known to be served (holding a slot)
        // before the next one is opened.
        let request = format!(
            "GET /PayNowEInvoice.asmx?WSDL HTTP/1.1\r\nHost: {}\r\n\r\n",
            mock.address()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut first = [0u8; 12];
        stream.read_exact(&mut first).await.unwrap();
        assert_eq!(&first, b"HTTP/1.1 200");
        held.push(stream);
    }

    let mut ninth = TcpStream::connect(mock.address()).await.unwrap();
    let answer = read_until_closed(&mut ninth).await;
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    assert!(answer.contains("Retry-After: 1\r\n"), "{answer}");
    assert!(answer.ends_with("Too many connections; retry in one second."));

    // Once connections are let go, new clients are served again.
    drop(held);
    let client = client(&mock);
    let mut attempts = 0;
    let answer = loop {
        attempts += 1;
        match client
            .check_invoice(&CheckInvoice {
                mem_cid: Some(paynow_mock::DEFAULT_MEM_CID.into()),
                invoice_no: Some("ZZ00000000".into()),
            })
            .await
        {
            Ok(answer) => break answer,
            // The server notices the closed connections a moment later.
            Err(soap_runtime::SoapError::HttpStatus { status: 503, .. }) if attempts < 100 => {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Err(other) => panic!("after {attempts} attempts: {other}"),
        }
    };
    assert_eq!(answer.check_invoice_result.as_deref(), Some("F"));
    mock.shutdown().await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_declared_or_chunked() {
    let limits = ServerLimits {
        max_body_bytes: 1024,
        ..ServerLimits::default()
    };
    let mock = mock(limits).await;
    let host = mock.address();
    let body = "x".repeat(2048);

    let mut declared = TcpStream::connect(host).await.unwrap();
    let request = format!(
        "POST /PayNowEInvoice.asmx HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    declared.write_all(request.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut declared).await;
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");
    assert!(answer.ends_with("larger than 1024 bytes."), "{answer}");

    let mut chunked = TcpStream::connect(host).await.unwrap();
    let request = format!(
        "POST /PayNowEInvoice.asmx HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml\r\n\
         Transfer-Encoding: chunked\r\n\r\n400\r\n{}\r\n400\r\n{}\r\n0\r\n\r\n",
        &body[..1024],
        &body[1024..]
    );
    chunked.write_all(request.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut chunked).await;
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");

    // A body at the limit is read and answered (a SOAP fault: it is not an envelope).
    let at_limit = "x".repeat(1024);
    let answer = soap_runtime::http_client_builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(mock.url())
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(at_limit)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 500);
    mock.shutdown().await;
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_header_timeout() {
    let limits = ServerLimits {
        header_read_timeout: Duration::from_millis(300),
        ..ServerLimits::default()
    };
    let mock = mock(limits).await;
    let mut stream = TcpStream::connect(mock.address()).await.unwrap();
    let request = format!(
        "GET /PayNowEInvoice.asmx?WSDL HTTP/1.1\r\nHost: {}\r\n\r\n",
        mock.address()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    // The answer, then the close once the connection idled past the timeout.
    let received = read_until_closed(&mut stream).await;
    assert!(received.starts_with("HTTP/1.1 200 OK"), "{received}");
    assert!(received.trim_end().ends_with("</wsdl:definitions>"));
    mock.shutdown().await;
}
