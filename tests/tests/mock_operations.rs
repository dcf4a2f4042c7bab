//! `paynow-mock` over the wire: every operation through SOAP 1.1, SOAP 1.2 (the generated
//! client) and HTTP POST (reqwest), its WSDL, the state rules PayNow enforces (duplicate
//! orders, voiding twice, allowances blocking a void), credentials and SOAP header checks.

mod mock_support;

use mock_support::*;
use paynow_einvoice::domain::Decimal;
use paynow_einvoice::domain::results::{
    InvoiceUrl, UploadResult, parse_get_invoice_url_i, parse_get_invoice_url_o,
    parse_upload_invoice_patch,
};
use paynow_einvoice::generated::*;
use paynow_mock::messages::{self, PATCH_DATA_CHECK_PASSED};
use paynow_mock::{AllowanceLine, InvoiceStatus, MockServer, TaiwanTime, invoice_page_url};
use soap_runtime::{SoapError, SoapVersion};

/// The invoice numbers of a successful upload, checking its shape.
fn issued(result: &str, expected_orders: &[&str]) -> Vec<String> {
    match parse_upload_invoice_patch(result) {
        Ok(UploadResult::Issued { count_field, pairs }) => {
            assert_eq!(count_field, expected_orders.len().to_string(), "{result}");
            let orders: Vec<&str> = pairs.iter().map(|(order, _)| order.as_str()).collect();
            assert_eq!(orders, expected_orders, "{result}");
            pairs
                .into_iter()
                .map(|(_, number)| number.as_str().to_owned())
                .collect()
        }
        other => panic!("not an issued batch: {result:?} → {other:?}"),
    }
}

fn url_of(mock: &MockServer, invoice_no: &str) -> String {
    invoice_page_url(&mock.state().invoice(invoice_no).expect("issued"))
}

/// Every string operation, and `Sel_Allowance`, through one binding.
async fn exercise_every_operation(mock: &MockServer, api: &Api) {
    let name = api.name();
    let batch = csv_str(&[invoice("ORD-1", &[100, 20]), invoice("ORD-2", &[300])]);
    let login = [
        ("mem_cid", MEM_CID),
        ("mem_password", MEM_PASSWORD),
        ("csvStr", batch.as_str()),
    ];

    // Invoice_PatchData_Check, then UploadInvoice_Patch: rows sharing an order form one invoice.
    assert_eq!(
        api.call("Invoice_PatchData_Check", &login).await,
        PATCH_DATA_CHECK_PASSED,
        "{name}"
    );
    let numbers = issued(
        &api.call("UploadInvoice_Patch", &login).await,
        &["ORD-1", "ORD-2"],
    );
    let track = mock.state().now().period().track();
    assert_eq!(
        numbers,
        [format!("{track}00000001"), format!("{track}00000002")],
        "{name}"
    );
    let (first, second) = (numbers[0].as_str(), numbers[1].as_str());
    let check = api.call("Invoice_PatchData_Check", &login).await;
    assert!(
        !check.starts_with("S_") && check.contains("ORD-1") && check.contains("ORD-2"),
        "{name}: {check}"
    );

    // Lookups.
    assert_eq!(
        api.ask("Check_invoice", "InvoiceNo", first).await,
        format!("S,{first}"),
        "{name}"
    );
    assert_eq!(
        api.ask("Check_invoice", "InvoiceNo", "ZZ99999999").await,
        "F",
        "{name}"
    );
    assert_eq!(
        api.ask("Check_invoiceOrder", "orderno", "ORD-2").await,
        format!("S,{second}"),
        "{name}"
    );
    assert_eq!(
        api.ask("Check_invoiceOrder", "orderno", "NO-SUCH").await,
        "F",
        "{name}"
    );
    assert_eq!(
        api.ask("Invoice_Info", "InvoiceNo", first).await,
        "開立,120",
        "{name}"
    );
    assert_eq!(
        api.ask("Invoice_Info_orderno", "OrderNo", "ORD-2").await,
        "開立,300",
        "{name}"
    );
    let not_found = messages::failure(messages::INVOICE_NOT_FOUND);
    assert_eq!(
        api.ask("Invoice_Info", "InvoiceNo", "ZZ99999999").await,
        not_found,
        "{name}"
    );

    // Invoice pages: https on paynow.com.tw, `&` escaped on the wire and read back.
    let url_i = api.ask("Get_InvoiceURL_I", "InvoiceNo", first).await;
    assert_eq!(
        parse_get_invoice_url_i(&url_i)
            .as_ref()
            .map(InvoiceUrl::as_str),
        Ok(url_of(mock, first).as_str()),
        "{name}"
    );
    let url_o = api.ask("Get_InvoiceURL_O", "OrderNo", "ORD-2").await;
    assert_eq!(
        parse_get_invoice_url_o(&url_o)
            .as_ref()
            .map(InvoiceUrl::as_str),
        Ok(url_of(mock, second).as_str()),
        "{name}"
    );
    assert_eq!(
        api.ask("Get_InvoiceURL_O", "OrderNo", "NO-SUCH").await,
        not_found,
        "{name}"
    );

    // An allowance (made through the library: no operation makes one).
    let allowance = mock
        .state()
        .add_allowance(second, vec![AllowanceLine::new("退貨", Decimal::from(100))])
        .expect("an allowance");
    assert_eq!(
        api.ask("Invoice_Info", "InvoiceNo", second).await,
        "折讓,300,100,200",
        "{name}"
    );
    let found = api.sel_allowance(MEM_CID, &allowance).await;
    assert_eq!(
        found.allowance_number.as_deref(),
        Some(allowance.as_str()),
        "{name}"
    );
    assert_eq!(found.invoice_number.as_deref(), Some(second), "{name}");
    assert_eq!(found.total_amount.as_deref(), Some("100"), "{name}");
    assert_eq!(found.buyer_name.as_deref(), Some("王小明"), "{name}");
    assert_eq!(
        found.allowance_date.as_deref(),
        Some("2025/03/10"),
        "{name}"
    );
    assert_eq!(
        api.sel_allowance(MEM_CID, "AL0").await,
        Allowance::default(),
        "{name}"
    );
    assert_eq!(
        api.ask("Sel_Allowance_body", "AllowanceNo", &allowance)
            .await,
        "退貨,1,100,100",
        "{name}"
    );
    assert_eq!(
        api.ask("Sel_Allowance_body", "AllowanceNo", "AL0").await,
        messages::failure(messages::ALLOWANCE_NOT_FOUND),
        "{name}"
    );

    // CancelInvoice_I: blocked by the live allowance, then voids once.
    let blocked = api.ask("CancelInvoice_I", "InvoiceNo", second).await;
    assert_eq!(
        blocked,
        messages::failure(messages::HAS_ALLOWANCE),
        "{name}"
    );
    mock.state()
        .void_allowance(&allowance)
        .expect("the allowance voids");
    assert_eq!(
        api.ask("Invoice_Info", "InvoiceNo", second).await,
        "開立,300",
        "{name}"
    );
    assert_eq!(
        api.ask("CancelInvoice_I", "InvoiceNo", second).await,
        "S",
        "{name}"
    );
    let again = api.ask("CancelInvoice_I", "InvoiceNo", second).await;
    assert_eq!(again, messages::failure(messages::ALREADY_VOIDED), "{name}");
    assert_eq!(
        api.ask("Invoice_Info_orderno", "OrderNo", "ORD-2").await,
        "作廢",
        "{name}"
    );
    assert_eq!(
        api.ask("Check_invoice", "InvoiceNo", second).await,
        format!("S,{second}"),
        "{name}"
    );
    assert_eq!(mock.state().status(second), Some(InvoiceStatus::Voided));
    assert_eq!(mock.state().status(first), Some(InvoiceStatus::Issued));
}

#[tokio::test]
async fn every_operation_over_every_binding() {
    bounded(async {
        for binding in BINDINGS {
            // A fresh mock for each binding, so that all three see the same numbers.
            let mock = start().await;
            let api = Api::new(&mock, binding);
            exercise_every_operation(&mock, &api).await;
            assert_eq!(
                mock.state().requests("UploadInvoice_Patch"),
                1,
                "{}",
                api.name()
            );
            mock.shutdown().await;
        }
    })
    .await;
}

#[tokio::test]
async fn cancel_invoice_answers_the_object_with_error_msg_on_failure() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let client = soap_client(&mock, version);
            let order = format!("OBJ-{version:?}");
            let number = issued(
                &Api::Soap(client.clone())
                    .upload(&one_invoice(&order, 500))
                    .await,
                &[&order],
            )
            .remove(0);
            let object = Invoice {
                mem_cid: Some(MEM_CID.into()),
                invoice_number: Some(number.clone()),
                order_no: Some(order.clone()),
                ..Invoice::default()
            };
            let cancel = CancelInvoice {
                obj_invoice: Some(object.clone()),
            };
            let done = client
                .cancel_invoice(&cancel)
                .await
                .expect("answers")
                .cancel_invoice_result
                .expect("the object");
            assert!(
                done.return_status && done.error_msg.is_none(),
                "{version}: {done:?}"
            );
            assert_eq!(
                (done.order_no.as_deref(), done.invoice_number.as_deref()),
                (Some(order.as_str()), Some(number.as_str()))
            );
            let twice = client
                .cancel_invoice(&cancel)
                .await
                .expect("answers")
                .cancel_invoice_result
                .expect("the object");
            assert!(!twice.return_status, "{version}");
            assert_eq!(
                twice.error_msg.as_deref(),
                Some(messages::ALREADY_VOIDED),
                "{version}"
            );
            let stranger = CancelInvoice {
                obj_invoice: Some(Invoice {
                    mem_cid: Some("99999999".into()),
                    ..object
                }),
            };
            let refused = client
                .cancel_invoice(&stranger)
                .await
                .expect("answers")
                .cancel_invoice_result
                .expect("the object");
            assert_eq!(
                refused.error_msg.as_deref(),
                Some(messages::MERCHANT_NOT_FOUND),
                "{version}"
            );
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_duplicate_order_is_refused_with_a_text_naming_it() {
    bounded(async {
        let mock = start().await;
        let api = Api::Soap(soap_client(&mock, SoapVersion::Soap11));
        let number = issued(&api.upload(&one_invoice("DUP-1", 100)).await, &["DUP-1"]).remove(0);
        // Alone, or in a batch with a new order: the whole batch is refused.
        for batch in [
            one_invoice("DUP-1", 100),
            csv_str(&[invoice("NEW-1", &[5]), invoice("DUP-1", &[100])]),
        ] {
            let refused = api.upload(&batch).await;
            assert!(
                matches!(
                    parse_upload_invoice_patch(&refused),
                    Ok(UploadResult::Rejected { .. })
                ),
                "{refused}"
            );
            assert_eq!(
                refused,
                format!("F_{}DUP-1({number})", messages::ORDER_ALREADY_ISSUED)
            );
        }
        assert_eq!(mock.state().issued_count("DUP-1"), 1);
        assert_eq!(mock.state().issued_count("NEW-1"), 0);
        assert_eq!(mock.state().invoices().len(), 1);
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn voiding_twice_fails_and_a_live_allowance_blocks_voiding() {
    bounded(async {
        let mock = start().await;
        let api = Api::Soap(soap_client(&mock, SoapVersion::Soap12));
        let number = issued(&api.upload(&one_invoice("V-1", 800)).await, &["V-1"]).remove(0);
        let state = mock.state();
        let first = state
            .add_allowance(
                &number,
                vec![AllowanceLine::new("折價", Decimal::from(300))],
            )
            .unwrap();
        let second = state
            .add_allowance(
                &number,
                vec![AllowanceLine::new("折價", Decimal::from(100))],
            )
            .unwrap();
        assert_eq!(
            api.ask("Invoice_Info", "InvoiceNo", &number).await,
            "折讓,800,400,400"
        );
        assert_eq!(
            api.ask("CancelInvoice_I", "InvoiceNo", &number).await,
            messages::failure(messages::HAS_ALLOWANCE)
        );
        state.void_allowance(&first).unwrap();
        assert_eq!(
            api.ask("Invoice_Info", "InvoiceNo", &number).await,
            "折讓,800,100,700"
        );
        assert_eq!(
            api.ask("CancelInvoice_I", "InvoiceNo", &number).await,
            messages::failure(messages::HAS_ALLOWANCE)
        );
        state.void_allowance(&second).unwrap();
        assert_eq!(api.ask("CancelInvoice_I", "InvoiceNo", &number).await, "S");
        assert_eq!(
            api.ask("CancelInvoice_I", "InvoiceNo", &number).await,
            messages::failure(messages::ALREADY_VOIDED)
        );
        assert_eq!(
            api.ask("CancelInvoice_I", "InvoiceNo", "ZZ00000000").await,
            messages::failure(messages::INVOICE_NOT_FOUND)
        );
        assert!(
            state
                .add_allowance(&number, vec![AllowanceLine::new("x", Decimal::ONE)])
                .is_err()
        );
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn credentials_are_checked() {
    bounded(async {
        let mock = start().await;
        for api in Api::all(&mock) {
            let name = api.name();
            let order = format!("CRED-{name}");
            let batch = one_invoice(&order, 100);
            let login_failed = messages::failure(messages::LOGIN_FAILED);
            for (cid, password) in [(MEM_CID, "wrong"), ("99999999", MEM_PASSWORD), ("", "")] {
                let params = [
                    ("mem_cid", cid),
                    ("mem_password", password),
                    ("csvStr", batch.as_str()),
                ];
                assert_eq!(
                    api.call("UploadInvoice_Patch", &params).await,
                    login_failed,
                    "{name}"
                );
                assert_eq!(
                    api.call("Invoice_PatchData_Check", &params).await,
                    login_failed,
                    "{name}"
                );
            }
            assert_eq!(mock.state().issued_count(&order), 0, "{name}");
            let number = issued(&api.upload(&batch).await, &[&order]).remove(0);
            let unknown = messages::failure(messages::MERCHANT_NOT_FOUND);
            let asked_by_a_stranger = [
                ("CancelInvoice_I", "InvoiceNo", unknown.as_str()),
                ("Check_invoice", "InvoiceNo", "F"),
                ("Check_invoiceOrder", "orderno", "F"),
                ("Invoice_Info", "InvoiceNo", &unknown),
                ("Get_InvoiceURL_I", "InvoiceNo", &unknown),
            ];
            for (operation, parameter, expected) in asked_by_a_stranger {
                let value = if parameter == "orderno" {
                    &order
                } else {
                    &number
                };
                let answer = api
                    .call(operation, &[("mem_cid", "99999999"), (parameter, value)])
                    .await;
                assert_eq!(answer, expected, "{name} {operation}");
            }
            assert_eq!(
                mock.state().status(&number),
                Some(InvoiceStatus::Issued),
                "{name}"
            );
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn invoice_numbers_are_sequential_per_period_track() {
    bounded(async {
        let mock = start().await;
        let api = Api::Soap(soap_client(&mock, SoapVersion::Soap11));
        let march = issued(
            &api.upload(&csv_str(&[invoice("P-1", &[1]), invoice("P-2", &[2])]))
                .await,
            &["P-1", "P-2"],
        );
        let may = TaiwanTime::new(2025, 5, 1, 0, 0, 1).unwrap();
        mock.state().set_now(Some(may));
        let later = issued(&api.upload(&one_invoice("P-3", 3)).await, &["P-3"]);
        assert_eq!(later, [format!("{}00000001", may.period().track())]);
        assert_ne!(march[0][..2], later[0][..2], "a new period has a new track");
        assert_eq!(march[1][2..], *"00000002");
        let record = mock.state().invoice(&later[0]).unwrap();
        assert_eq!(
            (record.period.roc_code(), record.issued_at),
            ("11406".to_owned(), may)
        );
        assert!(
            record.random_number.len() == 4
                && record.random_number.bytes().all(|b| b.is_ascii_digit())
        );
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn the_wsdl_points_at_the_mock() {
    bounded(async {
        let mock = start().await;
        for query in ["WSDL", "wsdl"] {
            let answer = answer(
                http()
                    .get(format!("{}?{query}", mock.url()))
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(answer.status, 200);
            assert!(
                answer.content_type.starts_with("text/xml"),
                "{}",
                answer.content_type
            );
            for element in ["soap:address", "soap12:address", "http:address"] {
                assert!(
                    answer
                        .body
                        .contains(&format!("<{element} location=\"{}\"", mock.url())),
                    "{element}"
                );
            }
            assert!(
                !answer
                    .body
                    .contains("location=\"https://invoice.paynow.com.tw")
            );
        }
        assert_eq!(mock.wsdl_url(), format!("{}?WSDL", mock.url()));
        let help = answer(http().get(mock.url()).send().await.unwrap()).await;
        assert!(
            help.status == 200
                && help.content_type.starts_with("text/html")
                && help.body.contains("?WSDL")
        );
        mock.shutdown().await;
    })
    .await;
}

/// A raw SOAP request, for what the generated client never sends.
async fn raw_soap(mock: &MockServer, headers: &[(&str, &str)], body: String) -> HttpAnswer {
    let mut request = http().post(mock.url()).body(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    answer(request.send().await.unwrap()).await
}

/// The quoted SOAPAction of `operation`.
fn action(operation: &str) -> String {
    format!("\"{TARGET_NAMESPACE}{operation}\"")
}

/// A `Check_invoice`-shaped envelope whose body element is `element`.
fn envelope(version: SoapVersion, element: &str) -> String {
    let (prefix, namespace) = (version.envelope_prefix(), version.envelope_namespace());
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><{prefix}:Envelope xmlns:{prefix}="{namespace}"><{prefix}:Body><{element} xmlns="{TARGET_NAMESPACE}"><mem_cid>{MEM_CID}</mem_cid><InvoiceNo>AB12345678</InvoiceNo></{element}></{prefix}:Body></{prefix}:Envelope>"#
    )
}

#[tokio::test]
async fn soap_headers_are_checked_as_asmx_does() {
    bounded(async {
        let mock = start().await;
        let (check, info, nothing) = (action("Check_invoice"), action("Invoice_Info"), action("Nothing"));
        let soap11 = envelope(SoapVersion::Soap11, "Check_invoice");
        let soap12 = envelope(SoapVersion::Soap12, "Check_invoice");
        let ok = raw_soap(&mock, &[("Content-Type", "text/xml; charset=utf-8"), ("SOAPAction", &check)], soap11.clone()).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        assert!(ok.body.contains("<Check_invoiceResult>F</Check_invoiceResult>"), "{}", ok.body);
        let refusals = [
            // SOAP 1.1 without SOAPAction, with another operation's, with an unknown one.
            (&[("Content-Type", "text/xml; charset=utf-8")][..], soap11.clone(), 500, "soap:Client"),
            (&[("Content-Type", "text/xml"), ("SOAPAction", &info)][..], soap11.clone(), 500, "soap:Client"),
            (&[("Content-Type", "text/xml"), ("SOAPAction", "\"urn:other\"")][..], soap11.clone(), 500, "soap:Client"),
            // A SOAP 1.1 envelope as application/soap+xml, a SOAP 1.2 one as text/xml.
            (&[("Content-Type", "application/soap+xml")][..], soap11.clone(), 500, "soap:Client"),
            (&[("Content-Type", "text/xml"), ("SOAPAction", &check)][..], soap12.clone(), 400, "soap12:Sender"),
            // SOAP 1.2 whose action parameter names another operation.
            (&[("Content-Type", "application/soap+xml; charset=utf-8; action=\"https://invoice.PayNow.com.tw/Invoice_Info\"")][..], soap12.clone(), 400, "soap12:Sender"),
            // Not an envelope; an unknown body element.
            (&[("Content-Type", "text/xml"), ("SOAPAction", &check)][..], "<hello/>".to_owned(), 500, "soap:Client"),
            (&[("Content-Type", "text/xml"), ("SOAPAction", &nothing)][..], envelope(SoapVersion::Soap11, "Nothing"), 500, "soap:Client"),
        ];
        for (headers, body, status, code) in refusals {
            let refused = raw_soap(&mock, headers, body).await;
            assert_eq!(refused.status, status, "{headers:?}: {}", refused.body);
            assert!(refused.body.contains(code), "{headers:?}: {}", refused.body);
        }
        let soap12_ok = raw_soap(&mock, &[("Content-Type", "application/soap+xml; charset=utf-8")], soap12).await;
        assert_eq!(soap12_ok.status, 200, "{}", soap12_ok.body);
        assert_eq!(mock.state().requests("Check_invoice"), 2, "only accepted requests reach the operation");
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn http_post_refuses_what_asmx_refuses() {
    bounded(async {
        let mock = start().await;
        let cases = [
            (
                "CancelInvoice",
                "Request format is unrecognized for URL unexpectedly ending in '/CancelInvoice'.",
            ),
            (
                "Nothing",
                "Request format is unrecognized for URL unexpectedly ending in '/Nothing'.",
            ),
            ("Check_invoiceOrder", "Missing parameter: orderno."),
        ];
        for (operation, text) in cases {
            let refused = post_form(
                mock.url(),
                operation,
                &[("mem_cid", MEM_CID), ("InvoiceNo", "AB12345678")],
            )
            .await;
            assert_eq!(refused.status, 500, "{operation}");
            assert!(
                refused.content_type.starts_with("text/plain"),
                "{operation}"
            );
            assert!(refused.body.contains(text), "{operation}: {}", refused.body);
        }
        let json = http()
            .post(format!("{}/Check_invoice", mock.url()))
            .header("Content-Type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        let json = answer(json).await;
        assert_eq!(json.status, 500);
        assert!(
            json.body
                .contains("Request format is invalid: application/json."),
            "{}",
            json.body
        );
        assert_eq!(
            mock.state().requests("Check_invoice") + mock.state().requests("Check_invoiceOrder"),
            0
        );
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn soap_sent_to_an_http_post_address_is_an_http_error() {
    bounded(async {
        let mock = start().await;
        let http_post_only = format!("{}/Check_invoice", mock.url());
        let client = PayNowEInvoiceClient::new(soap_runtime::ClientConfig::new(
            http_post_only,
            SoapVersion::Soap11,
        ))
        .unwrap();
        let error = client
            .check_invoice(&CheckInvoice::default())
            .await
            .unwrap_err();
        assert!(
            matches!(error, SoapError::HttpStatus { status: 500, .. }),
            "{error:?}"
        );
        mock.shutdown().await;
    })
    .await;
}
