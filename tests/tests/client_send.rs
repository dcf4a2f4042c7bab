//! Every future a user awaits is `Send`: each generated client method's and each `PayNow`
//! facade method's. The assertions are on real futures, so this file stops compiling if
//! one is not. And an axum handler (which requires `Send`) calls the facade against the
//! mock over loopback.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use integration_tests::constructs::{headers, rpc_encoded};
use paynow_einvoice::domain::{Invoice, InvoiceNumber, LookupResult, OrderNo};
use paynow_einvoice::facade::{Clock, Config, Credentials, Environment, PayNow};
use paynow_einvoice::generated::*;
use paynow_einvoice::journal::{BatchOptions, Journal, SqliteJournal};
use paynow_mock::{MockConfig, MockServer, TaiwanTime};
use soap_runtime::{ClientConfig, SoapVersion};

fn assert_send<T: Send>(_: &T) {}

/// Never awaited: the futures are only made, to check their type.
fn client() -> PayNowEInvoiceClient {
    PayNowEInvoiceClient::new(ClientConfig::new(
        "http://127.0.0.1:9/",
        SoapVersion::Soap11,
    ))
    .expect("a client")
}

#[test]
fn generated_client_futures_are_send() {
    let client = client();
    assert_send(&client.invoice_patch_data_check(&InvoicePatchDataCheck::default()));
    assert_send(&client.upload_invoice_patch(&UploadInvoicePatch::default()));
    assert_send(&client.cancel_invoice(&CancelInvoice::default()));
    assert_send(&client.cancel_invoice_i(&CancelInvoiceI::default()));
    assert_send(&client.check_invoice(&CheckInvoice::default()));
    assert_send(&client.check_invoice_order(&CheckInvoiceOrder::default()));
    assert_send(&client.invoice_info(&paynow_einvoice::generated::InvoiceInfo::default()));
    assert_send(&client.invoice_info_orderno(&InvoiceInfoOrderno::default()));
    assert_send(&client.get_invoice_url_i(&GetInvoiceUrlI::default()));
    assert_send(&client.get_invoice_url_o(&GetInvoiceUrlO::default()));
    assert_send(&client.sel_allowance(&SelAllowance::default()));
    assert_send(&client.sel_allowance_body(&SelAllowanceBody::default()));
    assert_send(&client.select_invoice(&SelectInvoice::default()));
    assert_send(&client.sel_invoice_body_mem_cid(&SelInvoiceBodyMemCid::default()));
    assert_send(&client.sel_allowance_data(&SelAllowanceData::default()));
    assert_send(&client.cancel_invoice_s(&CancelInvoiceS::default()));
    assert_send(&client.get_invoice_track_list(&GetInvoiceTrackList::default()));
    assert_send(
        &client.get_invoice_number_param_int_uuid(&GetInvoiceNumberParamIntUuid::default()),
    );
}

#[test]
fn generated_futures_with_soap_headers_or_encoding_are_send() {
    let config = || ClientConfig::new("http://127.0.0.1:9/", SoapVersion::Soap11);
    let bank = headers::BankClient::new(config()).expect("a client");
    let balance_headers = headers::GetBalanceHeaders::default();
    assert_send(&bank.get_balance(&balance_headers, &headers::GetBalance::default()));
    let transfer_headers = headers::TransferHeaders::default();
    assert_send(&bank.transfer(&transfer_headers, &headers::Transfer::default()));
    assert_send(&bank.ping(&headers::Ping::default()));
    let shop = rpc_encoded::ShopClient::new(config()).expect("a client");
    assert_send(&shop.submit(&rpc_encoded::SubmitRequest::default()));
}

#[test]
fn facade_futures_are_send() {
    let paynow = PayNow::new(config("http://127.0.0.1:9/")).expect("a facade");
    let invoices: Vec<Invoice> = vec![paynow_einvoice::samples::consumer_invoice("A-1", &[1])];
    let number = InvoiceNumber::parse("AB12345678").expect("a number");
    let order = OrderNo::parse("A-1").expect("an order");
    assert_send(&paynow.validate_batch(&invoices));
    assert_send(&paynow.issue(&invoices[0]));
    assert_send(&paynow.issue_batch(&invoices));
    assert_send(&paynow.void(&number));
    assert_send(&paynow.void_object(Default::default()));
    assert_send(&paynow.check_invoice(&number));
    assert_send(&paynow.check_order(&order));
    assert_send(&paynow.info(&number));
    assert_send(&paynow.info_by_order(&order));
    assert_send(&paynow.invoice_url(&number));
    assert_send(&paynow.invoice_url_by_order(&order));
    assert_send(&paynow.allowance("AL0001"));
    assert_send(&paynow.allowance_lines("AL0001"));
    assert_send(&paynow.invoice_details(&order));
    assert_send(&paynow.invoice_items("MAP0001"));
    assert_send(&paynow.allowances_of(&number));

    let dir = tempfile::tempdir().expect("a temporary folder");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let journal: Arc<dyn Journal> = Arc::new(
        runtime
            .block_on(SqliteJournal::open(dir.path().join("send.journal")))
            .expect("a journal"),
    );
    let options = BatchOptions::default();
    assert_send(&paynow.issue_journaled(journal.clone(), &invoices, &options));
    assert_send(&paynow.resume_journaled(journal.clone(), &options));
    assert_send(&paynow.reconcile_journal(journal));
}

const MEM_CID: &str = "12345675";
const MEM_PASSWORD: &str = "axum-secret";

/// 2025-03-10 10:00 Taiwan time, outside the maintenance window.
struct TenOClock;

impl Clock for TenOClock {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_741_536_000 + 10 * 3600)
    }
}

fn config(endpoint: &str) -> Config {
    let mut config = Config::new(
        Credentials {
            mem_cid: MEM_CID.into(),
            mem_password: MEM_PASSWORD.into(),
        },
        Environment::Custom(endpoint.to_owned()),
        SoapVersion::Soap12,
    );
    config.clock = Arc::new(TenOClock);
    config.timeout = Duration::from_secs(10);
    config
}

/// `GET /orders/{order}`: the invoice number PayNow issued for the order, or `none`.
async fn invoice_of_order(
    State(paynow): State<PayNow>,
    Path(order): Path<String>,
) -> Result<String, String> {
    let order = OrderNo::parse(&order).map_err(|e| e.to_string())?;
    match paynow.check_order(&order).await {
        Ok(LookupResult::Found(number)) => Ok(number.as_str().to_owned()),
        Ok(LookupResult::NotFound) => Ok("none".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

#[tokio::test]
async fn an_axum_handler_calls_the_facade() {
    let mock = MockServer::start(
        MockConfig::new(MEM_CID, MEM_PASSWORD)
            .now(TaiwanTime::new(2025, 3, 10, 10, 0, 0).expect("a date")),
    )
    .await
    .expect("the mock starts");
    let paynow = PayNow::new(config(mock.url())).expect("a facade");
    let issued = paynow
        .issue(&paynow_einvoice::samples::consumer_invoice(
            "AXUM-1",
            &[250],
        ))
        .await
        .expect("issued");

    let app = Router::new()
        .route("/orders/{order}", get(invoice_of_order))
        .with_state(paynow);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind on 127.0.0.1");
    let address = listener.local_addr().expect("an address");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let http = soap_runtime::http_client_builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("an HTTP client");
    let get = |path: String| {
        let http = http.clone();
        async move {
            let answer = http
                .get(format!("http://{address}{path}"))
                .send()
                .await
                .expect("the handler answers");
            assert!(answer.status().is_success(), "{}", answer.status());
            answer.text().await.expect("a body")
        }
    };
    assert_eq!(
        get("/orders/AXUM-1".to_owned()).await,
        issued.invoice_number.as_str()
    );
    assert_eq!(get("/orders/AXUM-2".to_owned()).await, "none");
    server.abort();
}
