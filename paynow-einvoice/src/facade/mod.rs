//! The invoice lifecycle over the generated client: validate, issue (exactly once), check,
//! look up, get the invoice page, void, and query allowances, with typed results.
//!
//! Queries retry with backoff; issuing and voiding never retry blindly: when an outcome
//! is unknown they reconcile first (see [`PayNow::issue`]). Every call made during the
//! daily maintenance window fails before anything is sent.

mod config;
mod error;
mod lifecycle;
mod maintenance;
mod matching;
mod records;

use std::future::Future;

use soap_runtime::{ClientConfig, SoapError, TransportErrorKind};

pub use config::{Clock, Config, Credentials, Environment, RetryPolicy, SystemClock};
pub use error::Error;
pub(crate) use lifecycle::Reconcile;
pub use lifecycle::{Issued, Voided};
pub use records::{InvoiceDetails, SEL_ALLOWANCE_DATA, SEL_INVOICE_BODY_MEM_CID, SELECT_INVOICE};

use crate::domain::results::{
    self, CHECK_INVOICE, CHECK_INVOICE_ORDER, GET_INVOICE_URL_I, GET_INVOICE_URL_O, INVOICE_INFO,
    INVOICE_INFO_ORDERNO, INVOICE_PATCH_DATA_CHECK,
};
use crate::domain::{
    CsvBatch, Invoice, InvoiceInfo, InvoiceNumber, InvoiceUrl, LookupResult, OrderNo,
    PatchCheckResult,
};
use crate::generated::*;

/// A merchant's PayNow e-invoice service.
#[derive(Debug, Clone)]
pub struct PayNow {
    client: PayNowEInvoiceClient,
    config: Config,
}

impl PayNow {
    /// A facade for `config`.
    pub fn new(config: Config) -> Result<Self, Error> {
        let mut client_config = ClientConfig::new(config.environment.endpoint(), config.version)
            .timeout(config.timeout);
        client_config.hook = config.hook.clone();
        client_config.http = config.http.clone();
        Ok(Self {
            client: PayNowEInvoiceClient::new(client_config)?,
            config,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The generated client underneath, for operations the facade does not cover.
    pub fn client(&self) -> &PayNowEInvoiceClient {
        &self.client
    }

    /// Checks a batch with `Invoice_PatchData_Check`, which (only) tells whether an order
    /// number was issued already. The invoices are validated locally first. A batch PayNow
    /// refuses is [`Error::Rejected`] with its text.
    pub async fn validate_batch(&self, invoices: &[Invoice]) -> Result<(), Error> {
        let csv_str = CsvBatch::new(invoices)?.to_csv_str();
        let request = InvoicePatchDataCheck {
            mem_cid: Some(self.config.credentials.mem_cid.clone()),
            mem_password: Some(self.config.credentials.mem_password.clone()),
            csv_str: Some(csv_str),
        };
        let answer = self
            .query(INVOICE_PATCH_DATA_CHECK, || {
                self.client.invoice_patch_data_check(&request)
            })
            .await?;
        let text = answer
            .invoice_patch_data_check_result
            .ok_or(Error::MissingResult {
                operation: INVOICE_PATCH_DATA_CHECK,
            })?;
        match results::parse_patch_data_check(&text)? {
            PatchCheckResult::Passed => Ok(()),
            PatchCheckResult::Rejected { message } => Err(Error::Rejected {
                operation: INVOICE_PATCH_DATA_CHECK,
                message,
            }),
        }
    }

    /// Whether invoice `number` was issued (`Check_invoice`).
    pub async fn check_invoice(&self, number: &InvoiceNumber) -> Result<LookupResult, Error> {
        let request = CheckInvoice {
            mem_cid: self.mem_cid(),
            invoice_no: Some(number.as_str().to_owned()),
        };
        let answer = self
            .query(CHECK_INVOICE, || self.client.check_invoice(&request))
            .await?;
        let text = answer.check_invoice_result.ok_or(Error::MissingResult {
            operation: CHECK_INVOICE,
        })?;
        Ok(results::parse_check_invoice(&text)?)
    }

    /// The invoice issued for order `order`, if any (`Check_invoiceOrder`).
    pub async fn check_order(&self, order: &OrderNo) -> Result<LookupResult, Error> {
        let request = CheckInvoiceOrder {
            mem_cid: self.mem_cid(),
            orderno: Some(order.as_str().to_owned()),
        };
        let answer = self
            .query(CHECK_INVOICE_ORDER, || {
                self.client.check_invoice_order(&request)
            })
            .await?;
        let text = answer
            .check_invoice_order_result
            .ok_or(Error::MissingResult {
                operation: CHECK_INVOICE_ORDER,
            })?;
        Ok(results::parse_check_invoice_order(&text)?)
    }

    /// Status, amount and allowances of invoice `number` (`Invoice_Info`).
    pub async fn info(&self, number: &InvoiceNumber) -> Result<InvoiceInfo, Error> {
        let request = crate::generated::InvoiceInfo {
            mem_cid: self.mem_cid(),
            invoice_no: Some(number.as_str().to_owned()),
        };
        let answer = self
            .query(INVOICE_INFO, || self.client.invoice_info(&request))
            .await?;
        let text = answer.invoice_info_result.ok_or(Error::MissingResult {
            operation: INVOICE_INFO,
        })?;
        not_found(INVOICE_INFO, number.as_str(), &text)?;
        Ok(results::parse_invoice_info(&text)?)
    }

    /// Status, amount and allowances of the invoice of order `order` (`Invoice_Info_orderno`).
    pub async fn info_by_order(&self, order: &OrderNo) -> Result<InvoiceInfo, Error> {
        let request = InvoiceInfoOrderno {
            mem_cid: self.mem_cid(),
            order_no: Some(order.as_str().to_owned()),
        };
        let answer = self
            .query(INVOICE_INFO_ORDERNO, || {
                self.client.invoice_info_orderno(&request)
            })
            .await?;
        let text = answer
            .invoice_info_orderno_result
            .ok_or(Error::MissingResult {
                operation: INVOICE_INFO_ORDERNO,
            })?;
        not_found(INVOICE_INFO_ORDERNO, order.as_str(), &text)?;
        Ok(results::parse_invoice_info_orderno(&text)?)
    }

    /// The page of invoice `number` (`Get_InvoiceURL_I`); only https on `*.paynow.com.tw`
    /// is accepted.
    pub async fn invoice_url(&self, number: &InvoiceNumber) -> Result<InvoiceUrl, Error> {
        let request = GetInvoiceUrlI {
            mem_cid: self.mem_cid(),
            invoice_no: Some(number.as_str().to_owned()),
        };
        let answer = self
            .query(GET_INVOICE_URL_I, || {
                self.client.get_invoice_url_i(&request)
            })
            .await?;
        let text = answer
            .get_invoice_url_i_result
            .ok_or(Error::MissingResult {
                operation: GET_INVOICE_URL_I,
            })?;
        not_found(GET_INVOICE_URL_I, number.as_str(), &text)?;
        Ok(results::parse_get_invoice_url_i(&text)?)
    }

    /// The page of the invoice of order `order` (`Get_InvoiceURL_O`).
    pub async fn invoice_url_by_order(&self, order: &OrderNo) -> Result<InvoiceUrl, Error> {
        let request = GetInvoiceUrlO {
            mem_cid: self.mem_cid(),
            order_no: Some(order.as_str().to_owned()),
        };
        let answer = self
            .query(GET_INVOICE_URL_O, || {
                self.client.get_invoice_url_o(&request)
            })
            .await?;
        let text = answer
            .get_invoice_url_o_result
            .ok_or(Error::MissingResult {
                operation: GET_INVOICE_URL_O,
            })?;
        not_found(GET_INVOICE_URL_O, order.as_str(), &text)?;
        Ok(results::parse_get_invoice_url_o(&text)?)
    }

    /// Allowance `allowance_no` (`Sel_Allowance`).
    pub async fn allowance(&self, allowance_no: &str) -> Result<Allowance, Error> {
        let request = SelAllowance {
            mem_cid: self.mem_cid(),
            allowance_no: Some(allowance_no.to_owned()),
        };
        let answer = self
            .query("Sel_Allowance", || self.client.sel_allowance(&request))
            .await?;
        answer.sel_allowance_result.ok_or(Error::MissingResult {
            operation: "Sel_Allowance",
        })
    }

    /// The lines of allowance `allowance_no` (`Sel_Allowance_body`), as PayNow writes them.
    pub async fn allowance_lines(&self, allowance_no: &str) -> Result<String, Error> {
        let request = SelAllowanceBody {
            mem_cid: self.mem_cid(),
            allowance_no: Some(allowance_no.to_owned()),
        };
        let answer = self
            .query("Sel_Allowance_body", || {
                self.client.sel_allowance_body(&request)
            })
            .await?;
        answer
            .sel_allowance_body_result
            .ok_or(Error::MissingResult {
                operation: "Sel_Allowance_body",
            })
    }

    fn mem_cid(&self) -> Option<String> {
        Some(self.config.credentials.mem_cid.clone())
    }

    /// Fails before anything is sent during the maintenance window.
    pub(crate) fn ensure_open(&self) -> Result<(), Error> {
        match maintenance::remaining(self.config.clock.now()) {
            Some(remaining) => Err(Error::Maintenance { remaining }),
            None => Ok(()),
        }
    }

    /// Runs a read-only call of `operation`, retrying with exponential backoff while it
    /// fails in a way a later attempt may not (timeouts, dropped or refused connections,
    /// 5xx). Each retry is a `WARN` event.
    async fn query<T, F, Fut>(&self, operation: &'static str, call: F) -> Result<T, Error>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, SoapError>>,
    {
        self.ensure_open()?;
        let policy = self.config.retry;
        let mut delay = policy.base_delay;
        let mut attempt = 1;
        loop {
            match call().await {
                Ok(value) => return Ok(value),
                Err(error) if attempt < policy.max_attempts && is_transient(&error) => {
                    tracing::warn!(
                        operation,
                        attempt,
                        delay_ms = delay.as_millis() as u64,
                        error = %error,
                        "retrying a query after a transient failure"
                    );
                    tokio::time::sleep(delay).await;
                    delay *= 2;
                    attempt += 1;
                }
                Err(error) => return Err(error.into()),
            }
        }
    }
}

/// PayNow's lookups answer `F_<message>` (or a bare `F`) when there is nothing under the
/// number: [`Error::NotFound`], PayNow's text kept.
fn not_found(operation: &'static str, subject: &str, text: &str) -> Result<(), Error> {
    let text = text.trim();
    let message = match text.strip_prefix("F_") {
        Some(message) => Some(message.to_owned()),
        None if text == "F" => None,
        None => return Ok(()),
    };
    Err(Error::NotFound {
        operation,
        subject: subject.to_owned(),
        message,
    })
}

/// Whether a later attempt of the same call may succeed.
fn is_transient(error: &SoapError) -> bool {
    error.outcome_unknown()
        || matches!(
            error,
            SoapError::Transport {
                kind: TransportErrorKind::Connect,
                ..
            }
        )
}
