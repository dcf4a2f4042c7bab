//! The `PayNow` facade against `paynow-mock` over loopback, in SOAP 1.1 and SOAP 1.2:
//! every operation with typed results, PayNow's refusals as `Error::Rejected` with its
//! text, invalid invoices refused before anything is sent, and the maintenance window.

mod facade_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use facade_support::*;
use paynow_einvoice::domain::{
    Decimal, InvoiceInfo, InvoiceNumber, Item, LookupResult, OrderNo, Rule, TaxType,
};
use paynow_einvoice::facade::{Error, Issued, PayNow, Voided};
use paynow_mock::messages;
use paynow_mock::{AllowanceLine, InvoiceStatus, MockServer, invoice_page_url};
use soap_runtime::SoapVersion;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn number(text: &str) -> InvoiceNumber {
    InvoiceNumber::parse(text).expect("an invoice number")
}

fn order(text: &str) -> OrderNo {
    OrderNo::parse(text).expect("an order number")
}

/// The invoice number the mock holds for `order_no`, checking the facade's shape of it.
fn mock_number(mock: &MockServer, order_no: &str) -> InvoiceNumber {
    let record = mock.state().invoice_for_order(order_no).expect("issued");
    number(&record.invoice_number)
}

fn rejected(result: Result<impl std::fmt::Debug, Error>) -> (&'static str, String) {
    match result {
        Err(Error::Rejected { operation, message }) => (operation, message),
        other => panic!("expected Error::Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn every_operation_in_both_soap_versions() {
    bounded(async {
        let mock = start().await;
        let track = mock.state().now().period().track();
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            let v = format!("{version:?}");
            let first = format!("LC-{v}-1");
            let second = format!("LC-{v}-2");
            let third = format!("LC-{v}-3");
            let batch = [invoice(&first, &[500, 300]), invoice(&second, &[200])];

            // validate_batch: passes before issuing.
            paynow.validate_batch(&batch).await.unwrap();

            // issue_batch: one invoice per order, in the order given, numbered in the track.
            let issued = paynow.issue_batch(&batch).await.unwrap();
            assert_eq!(
                issued,
                vec![
                    Issued {
                        order_no: order(&first),
                        invoice_number: mock_number(&mock, &first),
                        adopted: false,
                    },
                    Issued {
                        order_no: order(&second),
                        invoice_number: mock_number(&mock, &second),
                        adopted: false,
                    },
                ],
                "{v}"
            );
            for done in &issued {
                assert_eq!(done.invoice_number.track(), track, "{v}");
                assert_eq!(done.invoice_number.as_str().len(), 10, "{v}");
                assert_eq!(mock.state().issued_count(done.order_no.as_str()), 1, "{v}");
            }
            let (first_no, second_no) = (
                issued[0].invoice_number.clone(),
                issued[1].invoice_number.clone(),
            );

            // validate_batch again: PayNow's refusal of issued orders, its text kept whole.
            match paynow.validate_batch(&batch).await {
                Err(Error::Rejected { operation, message }) => {
                    assert_eq!(operation, "Invoice_PatchData_Check");
                    assert!(
                        message.starts_with(&messages::failure(messages::ORDER_ALREADY_ISSUED)),
                        "{v}: {message}"
                    );
                    assert!(
                        message.contains(&format!("{first}({first_no})")),
                        "{message}"
                    );
                    assert!(
                        message.contains(&format!("{second}({second_no})")),
                        "{message}"
                    );
                }
                other => panic!("{v}: expected a refusal, got {other:?}"),
            }

            // issue: one invoice.
            let third_issued = paynow.issue(&invoice(&third, &[800])).await.unwrap();
            assert_eq!(third_issued.order_no, order(&third));
            assert_eq!(third_issued.invoice_number, mock_number(&mock, &third));
            assert!(!third_issued.adopted);
            let third_no = third_issued.invoice_number;

            // check_invoice / check_order.
            assert_eq!(
                paynow.check_invoice(&first_no).await.unwrap(),
                LookupResult::Found(first_no.clone()),
                "{v}"
            );
            assert_eq!(
                paynow.check_invoice(&number("ZZ99999999")).await.unwrap(),
                LookupResult::NotFound,
                "{v}"
            );
            assert_eq!(
                paynow.check_order(&order(&second)).await.unwrap(),
                LookupResult::Found(second_no.clone()),
                "{v}"
            );
            assert_eq!(
                paynow.check_order(&order("NO-SUCH-ORDER")).await.unwrap(),
                LookupResult::NotFound,
                "{v}"
            );

            // info / info_by_order: the amount is the invoice's total.
            assert_eq!(
                paynow.info(&first_no).await.unwrap(),
                InvoiceInfo::Issued {
                    amount: Decimal::from(800)
                },
                "{v}: 500 + 300"
            );
            assert_eq!(
                paynow.info_by_order(&order(&second)).await.unwrap(),
                InvoiceInfo::Issued {
                    amount: Decimal::from(200)
                },
                "{v}"
            );
            assert_eq!(
                paynow.info(&third_no).await.unwrap(),
                InvoiceInfo::Issued {
                    amount: mock.state().invoice(third_no.as_str()).unwrap().total
                },
                "{v}"
            );
            // An unknown invoice or order: a typed not-found with PayNow's text.
            for (result, operation, subject) in [
                (
                    paynow.info(&number("ZZ99999999")).await.map(drop),
                    "Invoice_Info",
                    "ZZ99999999",
                ),
                (
                    paynow.info_by_order(&order("NO-SUCH")).await.map(drop),
                    "Invoice_Info_orderno",
                    "NO-SUCH",
                ),
                (
                    paynow.invoice_url(&number("ZZ99999999")).await.map(drop),
                    "Get_InvoiceURL_I",
                    "ZZ99999999",
                ),
                (
                    paynow
                        .invoice_url_by_order(&order("NO-SUCH"))
                        .await
                        .map(drop),
                    "Get_InvoiceURL_O",
                    "NO-SUCH",
                ),
            ] {
                match result {
                    Err(Error::NotFound {
                        operation: op,
                        subject: s,
                        message,
                    }) => {
                        assert_eq!((op, s.as_str()), (operation, subject), "{v}");
                        assert_eq!(message.as_deref(), Some(messages::INVOICE_NOT_FOUND));
                    }
                    other => panic!("{v} {operation}: {other:?}"),
                }
            }

            // invoice_url / invoice_url_by_order: https on *.paynow.com.tw, the mock's page.
            let url = paynow.invoice_url(&first_no).await.unwrap();
            let record = mock.state().invoice(first_no.as_str()).unwrap();
            assert_eq!(url.as_str(), invoice_page_url(&record), "{v}");
            assert!(
                url.as_str().starts_with(
                    "https://invoice.paynow.com.tw/PayNowEInvoice/InvoiceView.aspx?InvoiceNo="
                ),
                "{url}"
            );
            assert!(
                url.as_str().contains("&RandomNumber="),
                "the XML's &amp; is unescaped: {url}"
            );
            let by_order = paynow.invoice_url_by_order(&order(&second)).await.unwrap();
            assert_eq!(
                by_order.as_str(),
                invoice_page_url(&mock.state().invoice(second_no.as_str()).unwrap()),
                "{v}"
            );

            // allowance / allowance_lines, after the mock makes one (no operation does).
            let allowance_no = mock
                .state()
                .add_allowance(
                    first_no.as_str(),
                    vec![
                        AllowanceLine::new("退貨", Decimal::from(100)),
                        AllowanceLine {
                            description: "折價".into(),
                            quantity: Decimal::from(2),
                            unit_price: Decimal::from(25),
                            amount: Decimal::from(50),
                        },
                    ],
                )
                .unwrap();
            let allowance = paynow.allowance(&allowance_no).await.unwrap();
            assert_eq!(
                allowance.allowance_number.as_deref(),
                Some(allowance_no.as_str())
            );
            assert_eq!(allowance.invoice_number.as_deref(), Some(first_no.as_str()));
            assert_eq!(allowance.total_amount.as_deref(), Some("150"));
            assert_eq!(allowance.allowance_date.as_deref(), Some("2025/03/10"));
            assert_eq!(allowance.buyer_name.as_deref(), Some("王小明"));
            assert_eq!(
                paynow.allowance_lines(&allowance_no).await.unwrap(),
                "退貨,1,100,100\n折價,2,25,50",
                "{v}"
            );
            // An unknown allowance: an empty object, and an F_ text.
            let none = paynow.allowance("AL20250310999999").await.unwrap();
            assert_eq!(none.allowance_number, None);
            assert_eq!(
                paynow.allowance_lines("AL20250310999999").await.unwrap(),
                messages::failure(messages::ALLOWANCE_NOT_FOUND)
            );
            // Info with a live allowance: total, allowances, remaining.
            assert_eq!(
                paynow.info(&first_no).await.unwrap(),
                InvoiceInfo::Allowance {
                    numbers: vec![Decimal::from(800), Decimal::from(150), Decimal::from(650)]
                },
                "{v}"
            );

            // void with a live allowance: refused with PayNow's text; nothing changes.
            let (operation, message) = rejected(paynow.void(&first_no).await);
            assert_eq!(operation, "CancelInvoice_I");
            assert_eq!(message, messages::HAS_ALLOWANCE, "{v}");
            assert_eq!(
                mock.state().status(first_no.as_str()),
                Some(InvoiceStatus::Issued)
            );

            // Once the allowance is voided, void works; then info says voided.
            mock.state().void_allowance(&allowance_no).unwrap();
            assert_eq!(
                paynow.void(&first_no).await.unwrap(),
                Voided {
                    invoice_number: first_no.clone(),
                    adopted: false
                },
                "{v}"
            );
            assert_eq!(
                mock.state().status(first_no.as_str()),
                Some(InvoiceStatus::Voided)
            );
            assert_eq!(paynow.info(&first_no).await.unwrap(), InvoiceInfo::Voided);
            assert_eq!(
                paynow.info_by_order(&order(&first)).await.unwrap(),
                InvoiceInfo::Voided
            );
            // A voided invoice was still issued: found by both look-ups.
            assert_eq!(
                paynow.check_invoice(&first_no).await.unwrap(),
                LookupResult::Found(first_no.clone())
            );

            // void twice: refused with PayNow's text.
            let (operation, message) = rejected(paynow.void(&first_no).await);
            assert_eq!(
                (operation, message.as_str()),
                ("CancelInvoice_I", messages::ALREADY_VOIDED),
                "{v}"
            );
            assert_eq!(
                mock.state().requests("CancelInvoice_I"),
                3 * (vers_index(version) + 1)
            );

            // void_object: the object comes back accepted; twice is refused.
            let object = paynow_einvoice::generated::Invoice {
                mem_cid: Some(MEM_CID.into()),
                invoice_number: Some(second_no.as_str().into()),
                order_no: Some(second.clone()),
                ..Default::default()
            };
            let answered = paynow.void_object(object.clone()).await.unwrap();
            assert!(answered.return_status, "{v}: {answered:?}");
            assert_eq!(answered.invoice_number.as_deref(), Some(second_no.as_str()));
            assert_eq!(
                mock.state().status(second_no.as_str()),
                Some(InvoiceStatus::Voided)
            );
            assert_eq!(
                paynow.info(&second_no).await.unwrap(),
                InvoiceInfo::Voided,
                "{v}"
            );
            let (operation, message) = rejected(paynow.void_object(object).await);
            assert_eq!(
                (operation, message.as_str()),
                ("CancelInvoice", messages::ALREADY_VOIDED),
                "{v}"
            );
            // void_object with a live allowance: refused.
            let allowance = mock
                .state()
                .add_allowance(
                    third_no.as_str(),
                    vec![AllowanceLine::new("退貨", Decimal::from(1))],
                )
                .unwrap();
            let live = paynow_einvoice::generated::Invoice {
                mem_cid: Some(MEM_CID.into()),
                invoice_number: Some(third_no.as_str().into()),
                ..Default::default()
            };
            let (operation, message) = rejected(paynow.void_object(live).await);
            assert_eq!(
                (operation, message.as_str()),
                ("CancelInvoice", messages::HAS_ALLOWANCE),
                "{v}: {allowance}"
            );
            assert_eq!(
                mock.state().status(third_no.as_str()),
                Some(InvoiceStatus::Issued)
            );
        }
        mock.shutdown().await;
    })
    .await;
}

fn vers_index(version: SoapVersion) -> usize {
    VERSIONS.iter().position(|v| *v == version).unwrap()
}

#[tokio::test]
async fn a_refusal_reconciling_does_not_explain_is_rejected_with_paynows_text() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let before = mock.state().requests("UploadInvoice_Patch");
            let mut config = config(&mock, version);
            config.credentials.mem_password = "wrong".into();
            let paynow = facade_with(config);
            let order_no = format!("LOGIN-{version:?}");
            let (operation, message) = rejected(paynow.issue(&invoice(&order_no, &[100])).await);
            assert_eq!(operation, "UploadInvoice_Patch");
            assert_eq!(message, messages::failure(messages::LOGIN_FAILED));
            assert_eq!(mock.state().issued_count(&order_no), 0);
            assert_eq!(
                mock.state().requests("UploadInvoice_Patch") - before,
                1,
                "{version}: a refusal is not sent again"
            );
            // validate_batch with the wrong password: an error carrying PayNow's text.
            match paynow.validate_batch(&[invoice(&order_no, &[100])]).await {
                Err(Error::Rejected { message, .. }) => {
                    assert_eq!(message, messages::failure(messages::LOGIN_FAILED))
                }
                other => panic!("{version}: expected a refusal, got {other:?}"),
            }
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn invalid_invoices_are_refused_before_anything_is_sent() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            let mut bad = invoice("BAD-1", &[100]);
            bad.phone = Some("12345".into());
            bad.items.push(Item {
                description: "壞".into(),
                quantity: Decimal::from(2),
                unit_price: Decimal::from(10),
                amount: Decimal::from(25),
                tax_type: TaxType::Taxable,
            });
            let mut empty = invoice("BAD-2", &[]);
            empty.order_no = "O,1".into();
            let duplicate = [invoice("DUP-1", &[1]), invoice("DUP-1", &[2])];

            let fields = |result: Result<(), Error>| match result {
                Err(Error::Validation(error)) => {
                    let fields: Vec<String> =
                        error.fields().into_iter().map(str::to_owned).collect();
                    (fields, error.problems().to_vec())
                }
                other => panic!("{version}: expected Error::Validation, got {other:?}"),
            };

            let (paths, _) = fields(
                paynow
                    .validate_batch(&[bad.clone(), empty.clone()])
                    .await
                    .map(|_| ()),
            );
            assert!(
                paths.iter().any(|p| p.starts_with("invoices[0].phone")),
                "{paths:?}"
            );
            assert!(
                paths.iter().any(|p| p.starts_with("invoices[0].items[1]")),
                "{paths:?}"
            );
            assert!(
                paths.iter().any(|p| p.starts_with("invoices[1].order_no")),
                "{paths:?}"
            );
            assert!(
                paths.iter().any(|p| p.starts_with("invoices[1].items")),
                "{paths:?}"
            );
            let (paths, _) = fields(paynow.issue(&bad).await.map(|_| ()));
            assert!(paths.iter().any(|p| p.contains("phone")), "{paths:?}");
            let (_, problems) = fields(paynow.issue_batch(&duplicate).await.map(|_| ()));
            assert!(
                problems.iter().any(|p| p.rule == Rule::Duplicate),
                "{problems:?}"
            );
            let (_, problems) = fields(paynow.validate_batch(&duplicate).await.map(|_| ()));
            assert!(
                problems.iter().any(|p| p.rule == Rule::Duplicate),
                "{problems:?}"
            );
            let (paths, _) = fields(paynow.issue_batch(&[]).await.map(|_| ()));
            assert_eq!(paths, ["invoices"]);
        }
        assert_eq!(mock.state().requests("Invoice_PatchData_Check"), 0);
        assert_eq!(mock.state().requests("UploadInvoice_Patch"), 0);
        assert_eq!(total_requests(&mock), 0, "nothing was sent");
        assert!(mock.state().invoices().is_empty());
        mock.shutdown().await;
    })
    .await;
}

/// Calls every facade operation once, returning each one's result as text or error.
async fn call_everything(paynow: &PayNow) -> Vec<(&'static str, Result<String, Error>)> {
    let batch = [invoice("MW-1", &[100])];
    let n = number("AA00000001");
    let o = order("MW-1");
    let object = paynow_einvoice::generated::Invoice {
        mem_cid: Some(MEM_CID.into()),
        invoice_number: Some(n.as_str().into()),
        ..Default::default()
    };
    fn text<T: std::fmt::Debug>(result: Result<T, Error>) -> Result<String, Error> {
        result.map(|value| format!("{value:?}"))
    }
    vec![
        ("validate_batch", text(paynow.validate_batch(&batch).await)),
        ("issue", text(paynow.issue(&batch[0]).await)),
        ("issue_batch", text(paynow.issue_batch(&batch).await)),
        ("check_invoice", text(paynow.check_invoice(&n).await)),
        ("check_order", text(paynow.check_order(&o).await)),
        ("info", text(paynow.info(&n).await)),
        ("info_by_order", text(paynow.info_by_order(&o).await)),
        ("invoice_url", text(paynow.invoice_url(&n).await)),
        (
            "invoice_url_by_order",
            text(paynow.invoice_url_by_order(&o).await),
        ),
        ("void", text(paynow.void(&n).await)),
        ("void_object", text(paynow.void_object(object).await)),
        ("allowance", text(paynow.allowance("AL1").await)),
        ("allowance_lines", text(paynow.allowance_lines("AL1").await)),
    ]
}

#[tokio::test]
async fn the_maintenance_window_fails_every_operation_before_sending() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            for (hour, minute, remaining_minutes) in [(3, 50, 70), (4, 0, 60), (4, 59, 1)] {
                let mut config = config(&mock, version);
                config.clock = Arc::new(FixedClock(taiwan(hour, minute)));
                let paynow = facade_with(config);
                let results = call_everything(&paynow).await;
                assert_eq!(results.len(), 13);
                for (operation, result) in results {
                    match result {
                        Err(Error::Maintenance { remaining }) => {
                            assert_eq!(
                                remaining,
                                Duration::from_secs(remaining_minutes * 60),
                                "{version} {operation} at {hour:02}:{minute:02}"
                            );
                        }
                        other => panic!(
                            "{version} {operation} at {hour:02}:{minute:02}: expected Error::Maintenance, got {other:?}"
                        ),
                    }
                }
            }
        }
        assert_eq!(total_requests(&mock), 0, "nothing was sent");

        // Just outside the window, every operation reaches the mock.
        for (hour, minute) in [(3, 49), (5, 0)] {
            let mut config = config(&mock, SoapVersion::Soap12);
            config.clock = Arc::new(FixedClock(taiwan(hour, minute)));
            let before = total_requests(&mock);
            for (operation, result) in call_everything(&facade_with(config)).await {
                assert!(
                    !matches!(result, Err(Error::Maintenance { .. })),
                    "{operation} at {hour:02}:{minute:02}: {result:?}"
                );
            }
            assert!(total_requests(&mock) >= before + 13);
        }
        mock.shutdown().await;
    })
    .await;
}

/// A stand-in for PayNow that answers every `Get_InvoiceURL_I` / `Get_InvoiceURL_O` with
/// the URL in `url`, in the request's SOAP version. Returns its endpoint.
async fn url_server(url: Arc<Mutex<String>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let url = url.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                // Headers, then as much body as Content-Length says.
                let (head_end, length) = loop {
                    let read = stream.read(&mut buffer).await.unwrap_or(0);
                    if read == 0 {
                        return;
                    }
                    request.extend_from_slice(&buffer[..read]);
                    if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
                        let length = head
                            .lines()
                            .find_map(|line| line.strip_prefix("content-length:"))
                            .and_then(|value| value.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        break (end + 4, length);
                    }
                };
                while request.len() < head_end + length {
                    let read = stream.read(&mut buffer).await.unwrap_or(0);
                    if read == 0 {
                        return;
                    }
                    request.extend_from_slice(&buffer[..read]);
                }
                let text = String::from_utf8_lossy(&request).into_owned();
                let soap12 = text
                    .to_ascii_lowercase()
                    .contains("content-type: application/soap+xml");
                let operation = if text.contains("Get_InvoiceURL_O") {
                    "Get_InvoiceURL_O"
                } else {
                    "Get_InvoiceURL_I"
                };
                let escaped = url
                    .lock()
                    .unwrap()
                    .replace('&', "&amp;")
                    .replace('<', "&lt;");
                let (namespace, content_type) = if soap12 {
                    (
                        "http://www.w3.org/2003/05/soap-envelope",
                        "application/soap+xml; charset=utf-8",
                    )
                } else {
                    (
                        "http://schemas.xmlsoap.org/soap/envelope/",
                        "text/xml; charset=utf-8",
                    )
                };
                let body = format!(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"{namespace}\"><soap:Body><{operation}Response xmlns=\"https://invoice.PayNow.com.tw/\"><{operation}Result>{escaped}</{operation}Result></{operation}Response></soap:Body></soap:Envelope>"
                );
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(answer.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    format!("http://{address}/PayNowEInvoice.asmx")
}

#[tokio::test]
async fn invoice_urls_are_accepted_only_as_https_on_paynow_com_tw() {
    bounded(async {
        let url = Arc::new(Mutex::new(String::new()));
        let endpoint = url_server(url.clone()).await;
        let good = [
            "https://invoice.paynow.com.tw/PayNowEInvoice/InvoiceView.aspx?InvoiceNo=AB12345678&RandomNumber=1234",
            "https://testinvoice.paynow.com.tw/x",
            "HTTPS://Invoice.PayNow.com.tw/x",
            "https://paynow.com.tw/",
        ];
        let bad = [
            "http://invoice.paynow.com.tw/x",
            "https://invoice.paynow.com.tw.evil.example/x",
            "https://evilpaynow.com.tw/x",
            "https://user@invoice.paynow.com.tw/x",
            "https://invoice.paynow.com.tw:8443/x",
            "javascript:alert(1)",
            "//invoice.paynow.com.tw/x",
        ];
        for version in VERSIONS {
            let paynow = facade_with(config_for(&endpoint, version));
            for candidate in good {
                *url.lock().unwrap() = candidate.to_owned();
                let by_number = paynow.invoice_url(&number("AB12345678")).await;
                assert_eq!(
                    by_number.map(|u| u.as_str().to_owned()).unwrap(),
                    candidate,
                    "{version}"
                );
                let by_order = paynow.invoice_url_by_order(&order("O-1")).await;
                assert_eq!(by_order.unwrap().as_str(), candidate, "{version}");
            }
            for candidate in bad {
                *url.lock().unwrap() = candidate.to_owned();
                for (operation, result) in [
                    (
                        "Get_InvoiceURL_I",
                        paynow.invoice_url(&number("AB12345678")).await,
                    ),
                    (
                        "Get_InvoiceURL_O",
                        paynow.invoice_url_by_order(&order("O-1")).await,
                    ),
                ] {
                    match result {
                        Err(Error::UnknownResult(unknown)) => {
                            assert_eq!(unknown.operation, operation);
                            assert_eq!(unknown.text, candidate, "kept whole");
                        }
                        other => panic!("{version} {candidate:?}: {other:?}"),
                    }
                }
            }
        }
    })
    .await;
}
