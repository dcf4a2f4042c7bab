//! The facade never reports success for what did not happen (issue 11): a refusal is never
//! reconciled into success, and an invoice PayNow already holds for an order is adopted
//! only when this call's own upload had an unknown outcome and the invoice matches what
//! was sent. Each case in both SOAP versions, against `paynow-mock`.

mod facade_support;

use facade_support::*;
use paynow_einvoice::domain::OrderNo;
use paynow_einvoice::facade::{Error, Issued};
use paynow_mock::{FaultKind, FaultRule, MockServer, messages};
use soap_runtime::SoapVersion;

const UPLOAD: &str = "UploadInvoice_Patch";

fn order(text: &str) -> OrderNo {
    OrderNo::parse(text).unwrap()
}

fn number_of(mock: &MockServer, order_no: &str) -> String {
    mock.state()
        .invoice_for_order(order_no)
        .expect("issued")
        .invoice_number
}

/// A facade whose password the mock does not accept.
fn with_wrong_password(mock: &MockServer, version: SoapVersion) -> paynow_einvoice::PayNow {
    let mut config = config(mock, version);
    config.credentials.mem_password = "not-the-password".into();
    facade_with(config)
}

fn lose_next_upload_answer(mock: &MockServer) {
    mock.faults()
        .inject(FaultRule::new(FaultKind::DropAfterCommit).on(UPLOAD));
}

/// Checks an `AlreadyIssued` names the order, the invoice PayNow holds and both totals.
fn assert_already_issued(
    result: Result<impl std::fmt::Debug, Error>,
    order_no: &str,
    invoice_number: &str,
    (sent_total, held_total): (&str, &str),
) -> String {
    match result {
        Err(Error::AlreadyIssued {
            order_no: o,
            invoice_number: n,
            reason,
            sent,
            existing,
        }) => {
            assert_eq!((o.as_str(), n.as_str()), (order_no, invoice_number));
            assert!(sent.starts_with(&format!("total {sent_total},")), "{sent}");
            assert!(
                existing.starts_with(&format!("total {held_total},")),
                "{existing}"
            );
            reason
        }
        other => panic!("expected AlreadyIssued for {order_no}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_reused_order_number_is_an_error_naming_the_existing_invoice() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            let reused = format!("REUSE-{version:?}");
            paynow.issue(&invoice(&reused, &[600])).await.unwrap();
            let existing = number_of(&mock, &reused);

            // Another sale under the same order number: PayNow refuses it.
            let reason = assert_already_issued(
                paynow.issue(&invoice(&reused, &[2000, 997])).await,
                &reused,
                &existing,
                ("2997", "600"),
            );
            assert!(reason.contains(messages::ORDER_ALREADY_ISSUED), "{reason}");

            // The very same invoice again (a caller's retry in a new process): this call's
            // upload was refused, not lost, so nothing says the invoice is this call's.
            assert_already_issued(
                paynow.issue(&invoice(&reused, &[600])).await,
                &reused,
                &existing,
                ("600", "600"),
            );
            assert_eq!(mock.state().issued_count(&reused), 1, "{version}");
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_batch_with_a_reused_order_issues_nothing_and_names_it() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            let old = format!("BATCH-OLD-{version:?}");
            let new = format!("BATCH-NEW-{version:?}");
            paynow.issue(&invoice(&old, &[100])).await.unwrap();
            let existing = number_of(&mock, &old);
            assert_already_issued(
                paynow
                    .issue_batch(&[invoice(&new, &[50]), invoice(&old, &[100])])
                    .await,
                &old,
                &existing,
                ("100", "100"),
            );
            assert_eq!(
                mock.state().issued_count(&new),
                0,
                "PayNow refused the whole batch"
            );
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_is_a_refusal_even_when_the_order_exists() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let order_no = format!("PW-{version:?}");
            facade(&mock, version)
                .issue(&invoice(&order_no, &[100]))
                .await
                .unwrap();
            let wrong = with_wrong_password(&mock, version);
            for lost in [false, true] {
                if lost {
                    // The refusal's answer is lost too: reconciling finds the order, and
                    // it matches, but the credentials are refused, so nothing is adopted.
                    lose_next_upload_answer(&mock);
                }
                match wrong.issue(&invoice(&order_no, &[100])).await {
                    Err(Error::Rejected { message, .. }) => {
                        assert_eq!(message, messages::failure(messages::LOGIN_FAILED))
                    }
                    other => panic!("{version} lost={lost}: {other:?}"),
                }
            }
            assert_eq!(mock.faults().pending(), 0);
            assert_eq!(mock.state().issued_count(&order_no), 1);
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_lost_answer_adopts_only_the_invoice_that_was_sent() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);

            // This call's upload took effect, its answer lost: the invoice matches; adopted.
            let ours = format!("LOST-{version:?}");
            lose_next_upload_answer(&mock);
            let issued = paynow.issue(&invoice(&ours, &[120, 80])).await.unwrap();
            assert_eq!(
                issued,
                Issued {
                    order_no: order(&ours),
                    invoice_number: paynow_einvoice::domain::InvoiceNumber::parse(&number_of(
                        &mock, &ours
                    ))
                    .unwrap(),
                    adopted: true,
                }
            );

            // The order already had another invoice; this call's answer is lost: what
            // PayNow holds differs from what was sent, so it is named, not adopted.
            let theirs = format!("OTHER-{version:?}");
            paynow.issue(&invoice(&theirs, &[600])).await.unwrap();
            lose_next_upload_answer(&mock);
            let reason = assert_already_issued(
                paynow.issue(&invoice(&theirs, &[2997])).await,
                &theirs,
                &number_of(&mock, &theirs),
                ("2997", "600"),
            );
            assert!(
                reason.contains("total: sent 2997, PayNow holds 600"),
                "{reason}"
            );
            assert_eq!(mock.state().issued_count(&theirs), 1);
            assert_eq!(mock.faults().pending(), 0);
        }
        mock.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn invoice_details_and_allowances_by_order() {
    bounded(async {
        let mock = start().await;
        for version in VERSIONS {
            let paynow = facade(&mock, version);
            let order_no = format!("DETAIL-{version:?}");
            let issued = paynow
                .issue(&invoice(&order_no, &[500, 300]))
                .await
                .unwrap();
            let details = paynow.invoice_details(&order(&order_no)).await.unwrap();
            assert_eq!(
                details.invoice_number(),
                Some(issued.invoice_number.as_str())
            );
            assert_eq!(details.invoice.total_amount.as_deref(), Some("800"));
            let amounts: Vec<_> = details.items.iter().map(|i| i.amount.clone()).collect();
            assert_eq!(amounts, [Some("500".to_owned()), Some("300".to_owned())]);
            assert!(
                details
                    .items
                    .iter()
                    .all(|i| i.orderno.as_deref() == Some(order_no.as_str()))
            );

            assert_eq!(
                paynow.allowances_of(&issued.invoice_number).await.unwrap(),
                []
            );
            let allowance = mock
                .state()
                .add_allowance(
                    issued.invoice_number.as_str(),
                    vec![paynow_mock::AllowanceLine::new("退貨", 300.into())],
                )
                .unwrap();
            let allowances = paynow.allowances_of(&issued.invoice_number).await.unwrap();
            assert_eq!(allowances.len(), 1);
            assert_eq!(
                allowances[0].allowance_number.as_deref(),
                Some(allowance.as_str())
            );
            assert_eq!(allowances[0].total_amount.as_deref(), Some("300"));

            match paynow.invoice_details(&order("NO-SUCH-ORDER")).await {
                Err(Error::NotFound {
                    operation, subject, ..
                }) => {
                    assert_eq!(
                        (operation, subject.as_str()),
                        ("SelectInvoice", "NO-SUCH-ORDER")
                    )
                }
                other => panic!("{version}: {other:?}"),
            }
        }
        mock.shutdown().await;
    })
    .await;
}
