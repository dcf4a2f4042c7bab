//! Fault injection in `paynow-mock`, seen from the generated client: each kind arrives as
//! the `SoapError` variant a real failure of that kind produces, and the faults that strike
//! after the commit leave the state changed.

mod mock_support;

use std::time::{Duration, Instant};

use mock_support::*;
use paynow_einvoice::generated::*;
use paynow_mock::{FaultKind, FaultRule, MockServer, TaiwanTime};
use soap_runtime::{SoapError, SoapVersion, TransportErrorKind};

fn upload_request(order_no: &str) -> UploadInvoicePatch {
    UploadInvoicePatch {
        mem_cid: Some(MEM_CID.into()),
        mem_password: Some(MEM_PASSWORD.into()),
        csv_str: Some(one_invoice(order_no, 100)),
    }
}

/// Uploads one invoice for `order_no` through `client`, returning the error the fault caused.
async fn failed_upload(client: &PayNowEInvoiceClient, order_no: &str) -> SoapError {
    match client.upload_invoice_patch(&upload_request(order_no)).await {
        Ok(answer) => panic!("expected a failure, got {answer:?}"),
        Err(error) => error,
    }
}

/// What `Check_invoiceOrder` says of `order_no`: how a client reconciles.
async fn reconcile(client: &PayNowEInvoiceClient, order_no: &str) -> String {
    let request = CheckInvoiceOrder {
        mem_cid: Some(MEM_CID.into()),
        orderno: Some(order_no.into()),
    };
    client
        .check_invoice_order(&request)
        .await
        .expect("the mock answers")
        .check_invoice_order_result
        .unwrap_or_default()
}

fn inject(mock: &MockServer, kind: FaultKind) {
    mock.faults()
        .inject(FaultRule::new(kind).on("UploadInvoice_Patch"));
}

#[tokio::test]
async fn a_connection_dropped_after_the_commit_loses_the_answer_not_the_invoice() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let client = soap_client(&mock, version);
            let order = format!("DROP-{version:?}");
            inject(&mock, FaultKind::DropAfterCommit);
            let error = failed_upload(&client, &order).await;
            assert!(
                matches!(
                    error,
                    SoapError::Transport {
                        kind: TransportErrorKind::Request,
                        ..
                    } | SoapError::Truncated { .. }
                ),
                "{version}: {error:?}"
            );
            assert!(error.outcome_unknown(), "{version}: {error:?}");
            assert_eq!(
                mock.state().issued_count(&order),
                1,
                "{version}: the invoice was issued"
            );
            let number = mock
                .state()
                .invoice_for_order(&order)
                .unwrap()
                .invoice_number;
            assert_eq!(
                reconcile(&client, &order).await,
                format!("S,{number}"),
                "{version}"
            );
        }
        // HTTP POST: the same connection drop.
        mock.faults()
            .inject(FaultRule::new(FaultKind::DropAfterCommit).on("CancelInvoice_I"));
        let number = mock
            .state()
            .invoice_for_order("DROP-Soap11")
            .unwrap()
            .invoice_number;
        let sent = http()
            .post(format!("{}/CancelInvoice_I", mock.url()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("mem_cid={MEM_CID}&InvoiceNo={number}"))
            .send()
            .await;
        assert!(sent.is_err(), "{sent:?}");
        assert_eq!(
            mock.state().status(&number),
            Some(paynow_mock::InvoiceStatus::Voided)
        );
        assert_eq!(mock.faults().pending(), 0);
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn an_answer_cut_after_the_commit_is_truncated() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let order = format!("CUT-{version:?}");
            inject(&mock, FaultKind::TruncateAfterCommit);
            let error = failed_upload(&soap_client(&mock, version), &order).await;
            assert!(
                matches!(error, SoapError::Truncated { received, .. } if received > 0),
                "{version}: {error:?}"
            );
            assert!(error.outcome_unknown());
            assert_eq!(mock.state().issued_count(&order), 1, "{version}");
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_delay_beyond_the_clients_timeout_is_a_timeout_and_still_commits() {
    bounded(async {
        let mock = start().await;
        let impatient =
            soap_client_with_timeout(&mock, SoapVersion::Soap11, Duration::from_millis(300));
        inject(&mock, FaultKind::Delay(Duration::from_millis(1500)));
        let error = failed_upload(&impatient, "SLOW-1").await;
        assert!(
            matches!(error, SoapError::Timeout(limit) if limit == Duration::from_millis(300)),
            "{error:?}"
        );
        assert!(error.outcome_unknown());
        assert_eq!(
            mock.state().issued_count("SLOW-1"),
            1,
            "committed before the delay"
        );

        // Within the timeout, the answer comes late but whole.
        inject(&mock, FaultKind::Delay(Duration::from_millis(400)));
        let started = Instant::now();
        let answer = soap_client(&mock, SoapVersion::Soap12)
            .upload_invoice_patch(&upload_request("SLOW-2"))
            .await;
        assert!(started.elapsed() >= Duration::from_millis(400));
        let text = answer
            .expect("a late answer")
            .upload_invoice_patch_result
            .unwrap_or_default();
        assert!(text.starts_with("S_1,SLOW-2_"), "{text}");
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn an_http_error_without_a_fault_is_http_status_and_changes_nothing() {
    bounded(async {
        let mock = start().await;
        let client = soap_client(&mock, SoapVersion::Soap11);
        inject(&mock, FaultKind::empty_500());
        let error = failed_upload(&client, "E500").await;
        assert!(matches!(&error, SoapError::HttpStatus { status: 500, excerpt, .. } if excerpt.is_empty()), "{error:?}");
        inject(&mock, FaultKind::HttpStatus { status: 502, body: "Bad Gateway".into() });
        let error = failed_upload(&client, "E500").await;
        assert!(matches!(&error, SoapError::HttpStatus { status: 502, excerpt, .. } if excerpt == "Bad Gateway"), "{error:?}");
        assert_eq!(mock.state().issued_count("E500"), 0);
        assert_eq!(mock.state().requests("UploadInvoice_Patch"), 2);
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_soap_fault_comes_in_the_requests_version() {
    bounded(async {
        let mock = start().await;
        for (version, code) in [
            (SoapVersion::Soap11, "soap:Server"),
            (SoapVersion::Soap12, "soap12:Receiver"),
        ] {
            inject(&mock, FaultKind::server_fault());
            let error = failed_upload(&soap_client(&mock, version), "FAULT").await;
            let SoapError::Fault { fault, status } = error else {
                panic!("{version}: {error:?}")
            };
            assert_eq!(
                (status, fault.version, fault.code.as_str()),
                (500, version, code)
            );
            assert!(
                fault
                    .reason
                    .starts_with("Server was unable to process request."),
                "{}",
                fault.reason
            );
        }
        // Over HTTP POST, where there is no envelope: ASP.NET's 500 text.
        inject(
            &mock,
            FaultKind::SoapFault {
                reason: "boom".into(),
            },
        );
        let params = [
            ("mem_cid", MEM_CID),
            ("mem_password", MEM_PASSWORD),
            ("csvStr", "x"),
        ];
        let answer = post_form(mock.url(), "UploadInvoice_Patch", &params).await;
        assert_eq!(answer.status, 500);
        assert!(
            answer.content_type.starts_with("text/plain") && answer.body.contains("boom"),
            "{answer:?}"
        );
        assert_eq!(mock.state().issued_count("FAULT"), 0);
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn an_iis_error_page_is_http_status_or_not_soap() {
    bounded(async {
        let mock = start().await;
        let client = soap_client(&mock, SoapVersion::Soap12);
        inject(&mock, FaultKind::iis_500());
        let error = failed_upload(&client, "IIS").await;
        let SoapError::HttpStatus {
            status: 500,
            content_type,
            excerpt,
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!(content_type.as_deref(), Some("text/html"));
        assert!(excerpt.contains("500 - Internal Server Error"), "{excerpt}");
        inject(&mock, FaultKind::HtmlErrorPage { status: 200 });
        let error = failed_upload(&client, "IIS").await;
        assert!(
            matches!(error, SoapError::NotSoap { status: 200, .. }),
            "{error:?}"
        );
        assert_eq!(mock.state().issued_count("IIS"), 0);
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn maintenance_is_a_503_page_by_fault_or_by_the_clock() {
    bounded(async {
        let mock = start().await;
        inject(&mock, FaultKind::Maintenance);
        let error = failed_upload(&soap_client(&mock, SoapVersion::Soap11), "MAINT").await;
        let SoapError::HttpStatus {
            status: 503,
            excerpt,
            ..
        } = &error
        else {
            panic!("{error:?}")
        };
        assert!(excerpt.contains("系統維護中"), "{excerpt}");
        assert!(
            error.outcome_unknown(),
            "a 5xx may hide a commit, so clients must reconcile"
        );
        assert_eq!(mock.state().issued_count("MAINT"), 0);
        mock.shutdown().await;

        // With the window enabled, 03:50–05:00 by the mock's clock suspends everything.
        let at = |hour, minute| TaiwanTime::new(2025, 3, 10, hour, minute, 0).unwrap();
        let mock = MockServer::start(config().maintenance_window(true).now(at(4, 0)))
            .await
            .unwrap();
        let wsdl = answer(http().get(mock.wsdl_url()).send().await.unwrap()).await;
        assert_eq!(wsdl.status, 503);
        let client = soap_client(&mock, SoapVersion::Soap12);
        assert!(matches!(
            failed_upload(&client, "NIGHT").await,
            SoapError::HttpStatus { status: 503, .. }
        ));
        mock.state().set_now(Some(at(5, 0)));
        let text = client
            .upload_invoice_patch(&upload_request("NIGHT"))
            .await
            .unwrap()
            .upload_invoice_patch_result;
        assert!(text.unwrap_or_default().starts_with("S_1,NIGHT_"));
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_fault_targets_its_operation_and_fires_n_times() {
    bounded(async {
        let mock = start().await;
        let client = soap_client(&mock, SoapVersion::Soap11);
        mock.faults().inject(
            FaultRule::new(FaultKind::Maintenance)
                .on("Check_invoice")
                .times(2),
        );
        let check = CheckInvoice {
            mem_cid: Some(MEM_CID.into()),
            invoice_no: Some("AB12345678".into()),
        };
        let info = InvoiceInfo {
            mem_cid: Some(MEM_CID.into()),
            invoice_no: Some("AB12345678".into()),
        };
        assert!(
            client.invoice_info(&info).await.is_ok(),
            "another operation is not affected"
        );
        for _ in 0..2 {
            assert!(matches!(
                client.check_invoice(&check).await,
                Err(SoapError::HttpStatus { status: 503, .. })
            ));
        }
        let answer = client
            .check_invoice(&check)
            .await
            .expect("the fault fired twice only");
        assert_eq!(answer.check_invoice_result.as_deref(), Some("F"));
        assert_eq!(
            (
                mock.faults().pending(),
                mock.state().requests("Check_invoice")
            ),
            (0, 3)
        );

        // A rule without an operation fires on whichever comes first.
        mock.faults().inject(FaultRule::new(FaultKind::empty_500()));
        assert!(matches!(
            client.invoice_info(&info).await,
            Err(SoapError::HttpStatus { status: 500, .. })
        ));
        assert!(client.check_invoice(&check).await.is_ok());
        mock.faults()
            .inject(FaultRule::new(FaultKind::empty_500()).times(5));
        mock.faults().clear();
        assert!(client.check_invoice(&check).await.is_ok());
        mock.shutdown().await;
    })
    .await;
}
