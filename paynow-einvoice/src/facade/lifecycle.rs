//! Issuing exactly once and voiding without blind retries.
//!
//! When `UploadInvoice_Patch` or `CancelInvoice_I` may have taken effect without an
//! answer (timeout, dropped connection, 5xx, server-side SOAP fault), the facade asks
//! PayNow what happened (`Check_invoiceOrder`, `Invoice_Info`) before doing anything else.
//! An order already issued is adopted, its invoice number returned, and never issued
//! twice; PayNow also refuses a duplicate order number, which the facade reconciles the
//! same way.

use serde::{Deserialize, Serialize};
use soap_runtime::SoapError;

use super::{Error, PayNow};
use crate::domain::results::{self, CANCEL_INVOICE_I, UPLOAD_INVOICE_PATCH};
use crate::domain::{
    CancelResult, CsvBatch, Invoice, InvoiceInfo, InvoiceNumber, LookupResult, OrderNo,
    UploadResult,
};
use crate::generated::{CancelInvoice, CancelInvoiceI, UploadInvoicePatch};

/// An issued invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    /// The merchant's order number.
    pub order_no: OrderNo,
    /// The invoice number PayNow allocated.
    pub invoice_number: InvoiceNumber,
    /// Whether it was issued by an earlier call whose answer was lost, and found by
    /// reconciling rather than by this call's answer.
    pub adopted: bool,
}

/// A voided invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voided {
    /// The invoice number.
    pub invoice_number: InvoiceNumber,
    /// Whether the void was confirmed by `Invoice_Info` after its own answer was lost.
    pub adopted: bool,
}

impl PayNow {
    /// Issues one invoice, exactly once: see [`issue_batch`](Self::issue_batch).
    pub async fn issue(&self, invoice: &Invoice) -> Result<Issued, Error> {
        let mut issued = self.issue_batch(std::slice::from_ref(invoice)).await?;
        Ok(issued.remove(0))
    }

    /// Issues invoices with `UploadInvoice_Patch`, each exactly once. The invoices are
    /// validated first (every problem reported, nothing sent). When the upload may have
    /// taken effect without a readable answer (timeout, dropped connection, cut answer,
    /// 5xx, a server-side SOAP fault), or PayNow refuses it, each order is looked up with
    /// `Check_invoiceOrder`: issued orders are adopted; only orders known not to be issued
    /// are sent again, up to the retry policy's attempts. A refusal explained by issued
    /// orders (PayNow refuses a whole batch for one duplicate order) sends the rest again;
    /// one that is not is returned as [`Error::Rejected`]. If that cannot be settled, the
    /// error is [`Error::OutcomeUnknown`] and names the orders to check.
    pub async fn issue_batch(&self, invoices: &[Invoice]) -> Result<Vec<Issued>, Error> {
        self.ensure_open()?;
        CsvBatch::new(invoices)?;
        let orders: Vec<OrderNo> = invoices
            .iter()
            .map(|invoice| OrderNo::parse(&invoice.order_no))
            .collect::<Result<_, _>>()
            .map_err(|e| Error::Rejected {
                operation: UPLOAD_INVOICE_PATCH,
                message: e.to_string(),
            })?;
        let mut issued: Vec<Issued> = Vec::new();
        let mut pending: Vec<usize> = (0..invoices.len()).collect();
        let attempts = self.config.retry.max_attempts.max(1);
        // Why the last attempt left orders pending.
        let mut last_failure: Option<Error> = None;
        for _ in 0..attempts {
            let batch: Vec<Invoice> = pending.iter().map(|&i| invoices[i].clone()).collect();
            let failure = match self.upload(&batch).await {
                Ok(UploadResult::Issued { pairs, .. }) => {
                    for (order_no, invoice_number) in pairs {
                        issued.push(Issued {
                            order_no,
                            invoice_number,
                            adopted: false,
                        });
                    }
                    pending.retain(|&i| !issued.iter().any(|done| done.order_no == orders[i]));
                    if pending.is_empty() {
                        return Ok(in_given_order(issued, &orders));
                    }
                    // Some orders missing from a success answer: find out before resending.
                    None
                }
                Ok(UploadResult::Rejected { message }) => Some(Error::Rejected {
                    operation: UPLOAD_INVOICE_PATCH,
                    message,
                }),
                Err(error) if may_have_taken_effect(&error) => Some(Error::Soap(error)),
                Err(error) => return Err(error.into()),
            };
            let subjects: Vec<OrderNo> = pending.iter().map(|&i| orders[i].clone()).collect();
            tracing::info!(
                operation = UPLOAD_INVOICE_PATCH,
                orders = subjects.len(),
                cause = %DisplayCause(&failure),
                "reconciling: looking the orders up before sending again"
            );
            let found = match self.reconcile_orders(&subjects).await {
                Ok(found) => found,
                Err(lookup) => {
                    let source = match failure {
                        Some(Error::Soap(source)) => source,
                        _ => lookup,
                    };
                    return Err(outcome_unknown(&subjects, source));
                }
            };
            // PayNow refuses a whole batch when one of its orders is issued already: finding
            // issued orders explains a refusal, and the rest are sent again.
            let explained = !found.is_empty();
            tracing::info!(
                operation = UPLOAD_INVOICE_PATCH,
                adopted = found.len(),
                "reconciled: orders found issued are adopted"
            );
            issued.extend(found);
            pending.retain(|&i| !issued.iter().any(|done| done.order_no == orders[i]));
            if pending.is_empty() {
                return Ok(in_given_order(issued, &orders));
            }
            match failure {
                // A refusal that reconciling does not explain is PayNow's answer to keep.
                Some(rejected @ Error::Rejected { .. }) if !explained => return Err(rejected),
                failure => last_failure = failure,
            }
        }
        let subjects: Vec<OrderNo> = pending.iter().map(|&i| orders[i].clone()).collect();
        let source = match last_failure {
            Some(rejected @ Error::Rejected { .. }) => return Err(rejected),
            Some(Error::Soap(source)) => source,
            _ => SoapError::Transport {
                kind: soap_runtime::TransportErrorKind::Request,
                message: format!("PayNow's answers did not list them after {attempts} attempts"),
            },
        };
        Err(outcome_unknown(&subjects, source))
    }

    /// Voids invoice `number` with `CancelInvoice_I`. When the void may have taken effect
    /// without a readable answer (lost answer, 5xx, server-side SOAP fault), it is confirmed
    /// with `Invoice_Info` instead of being sent again.
    pub async fn void(&self, number: &InvoiceNumber) -> Result<Voided, Error> {
        self.ensure_open()?;
        let request = CancelInvoiceI {
            mem_cid: self.mem_cid(),
            invoice_no: Some(number.as_str().to_owned()),
        };
        match self.client.cancel_invoice_i(&request).await {
            Ok(answer) => {
                let text = answer.cancel_invoice_i_result.ok_or(Error::MissingResult {
                    operation: CANCEL_INVOICE_I,
                })?;
                match results::parse_cancel_invoice_i(&text)? {
                    CancelResult::Cancelled => Ok(Voided {
                        invoice_number: number.clone(),
                        adopted: false,
                    }),
                    CancelResult::Failed { message } => Err(Error::Rejected {
                        operation: CANCEL_INVOICE_I,
                        message,
                    }),
                }
            }
            Err(error) if may_have_taken_effect(&error) => {
                tracing::info!(
                    operation = CANCEL_INVOICE_I,
                    invoice = number.as_str(),
                    cause = %error,
                    "reconciling: confirming the void with Invoice_Info"
                );
                self.confirm_void(number, error).await
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Whether a void whose answer was lost took effect, by `Invoice_Info`.
    async fn confirm_void(
        &self,
        number: &InvoiceNumber,
        error: SoapError,
    ) -> Result<Voided, Error> {
        match self.info(number).await {
            Ok(InvoiceInfo::Voided) => Ok(Voided {
                invoice_number: number.clone(),
                adopted: true,
            }),
            // Still issued: the void did not take effect.
            Ok(_) => Err(error.into()),
            Err(_) => Err(Error::OutcomeUnknown {
                operation: CANCEL_INVOICE_I,
                subject: number.as_str().to_owned(),
                source: Box::new(error),
                reconcile: format!(
                    "call info for {number} to see whether it was voided before voiding again"
                ),
            }),
        }
    }

    /// Voids with `CancelInvoice`, PayNow's object form: the answer is the same object, with
    /// `ErrorMsg` set on failure (then [`Error::Rejected`]). When the void may have taken
    /// effect without a readable answer, the error is [`Error::OutcomeUnknown`]: check with
    /// [`info`](Self::info) before voiding again ([`void`](Self::void) does that itself).
    pub async fn void_object(
        &self,
        invoice: crate::generated::Invoice,
    ) -> Result<crate::generated::Invoice, Error> {
        self.ensure_open()?;
        let number = invoice.invoice_number.clone().unwrap_or_default();
        let request = CancelInvoice {
            obj_invoice: Some(invoice),
        };
        let answer = match self.client.cancel_invoice(&request).await {
            Ok(answer) => answer,
            // The void may have happened: say so, and how to find out, rather than claim
            // it failed.
            Err(error) if may_have_taken_effect(&error) => {
                return Err(Error::OutcomeUnknown {
                    operation: "CancelInvoice",
                    subject: number.clone(),
                    source: Box::new(error),
                    reconcile: format!(
                        "call info for {number} to see whether it was voided before voiding again"
                    ),
                });
            }
            Err(error) => return Err(error.into()),
        };
        let object = answer.cancel_invoice_result.ok_or(Error::MissingResult {
            operation: "CancelInvoice",
        })?;
        match object.error_msg.as_deref().map(str::trim) {
            Some(message) if !message.is_empty() => Err(Error::Rejected {
                operation: "CancelInvoice",
                message: message.to_owned(),
            }),
            _ => Ok(object),
        }
    }

    async fn upload(&self, invoices: &[Invoice]) -> Result<UploadResult, SoapError> {
        let csv_str = CsvBatch::new(invoices)
            .expect("validated before")
            .to_csv_str();
        let request = UploadInvoicePatch {
            mem_cid: self.mem_cid(),
            mem_password: Some(self.config.credentials.mem_password.clone()),
            csv_str: Some(csv_str),
        };
        let answer = self.client.upload_invoice_patch(&request).await?;
        let text = answer.upload_invoice_patch_result.unwrap_or_default();
        // An unknown answer shape is kept whole as a rejection's message.
        Ok(results::parse_upload_invoice_patch(&text)
            .unwrap_or(UploadResult::Rejected { message: text }))
    }

    /// Looks each order up; the issued ones come back adopted.
    async fn reconcile_orders(&self, orders: &[OrderNo]) -> Result<Vec<Issued>, SoapError> {
        let mut found = Vec::new();
        for order in orders {
            match self.check_order(order).await {
                Ok(LookupResult::Found(invoice_number)) => found.push(Issued {
                    order_no: order.clone(),
                    invoice_number,
                    adopted: true,
                }),
                Ok(LookupResult::NotFound) => {}
                Err(Error::Soap(error)) => return Err(error),
                Err(other) => {
                    return Err(SoapError::Transport {
                        kind: soap_runtime::TransportErrorKind::Request,
                        message: other.to_string(),
                    });
                }
            }
        }
        Ok(found)
    }
}

/// Whether a failed call of an operation that changes something (issuing, voiding) may
/// have taken effect all the same, so that PayNow must be asked before anything else: the
/// outcome is unknown (timeout, dropped connection, cut answer, 5xx without a fault), the
/// service failed while handling it (a `soap:Server` / `soap12:Receiver` fault: ASMX answers
/// an exception thrown anywhere in the operation so, after a commit too), or it answered
/// success with a body that cannot be read (a 2xx that is not SOAP, an undecodable or
/// oversized envelope). Only failures that show the request was not acted on (not
/// connected, refused as malformed by a client fault or a 4xx) are left out.
fn may_have_taken_effect(error: &SoapError) -> bool {
    match error {
        SoapError::Fault { fault, .. } => {
            let code = fault.code.rsplit(':').next().unwrap_or_default();
            code == "Receiver" || code == "Server" || code.starts_with("Server.")
        }
        SoapError::NotSoap { status, .. } if (200..300).contains(status) => true,
        SoapError::Decode(_) | SoapError::ResponseTooLarge { .. } => true,
        other => other.outcome_unknown(),
    }
}

/// Why an upload is being reconciled, for the event: the failure, or a success answer
/// that left orders out.
struct DisplayCause<'a>(&'a Option<Error>);

impl std::fmt::Display for DisplayCause<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(error) => error.fmt(f),
            None => f.write_str("the answer did not list every order"),
        }
    }
}

fn in_given_order(mut issued: Vec<Issued>, orders: &[OrderNo]) -> Vec<Issued> {
    issued.sort_by_key(|done| orders.iter().position(|o| *o == done.order_no));
    issued
}

fn join(orders: &[OrderNo]) -> String {
    orders
        .iter()
        .map(OrderNo::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn outcome_unknown(orders: &[OrderNo], source: SoapError) -> Error {
    Error::OutcomeUnknown {
        operation: UPLOAD_INVOICE_PATCH,
        subject: join(orders),
        source: Box::new(source),
        reconcile: format!("call check_order for {} before issuing again", join(orders)),
    }
}
