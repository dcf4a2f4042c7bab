//! Issuing exactly once and voiding without blind retries.
//!
//! When `UploadInvoice_Patch` or `CancelInvoice_I` may have taken effect without an
//! answer (timeout, dropped connection, 5xx, server-side SOAP fault), the facade asks
//! PayNow what happened (`Check_invoiceOrder`, `SelectInvoice`, `Invoice_Info`) before
//! doing anything else. An order found issued is adopted only when PayNow's invoice is the
//! one that was sent; a refusal is never turned into success.

use serde::{Deserialize, Serialize};
use soap_runtime::SoapError;

use super::{Error, PayNow, matching};
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
    /// validated first (every problem reported, nothing sent).
    ///
    /// Success is only reported for what happened:
    /// - A refusal (wrong credentials, invalid data, an order number already used) is
    ///   returned as it is, never reconciled into success: [`Error::Rejected`], or
    ///   [`Error::AlreadyIssued`] naming the invoice PayNow holds when the refusal is for
    ///   an order that has one.
    /// - When the upload may have taken effect without a readable answer (timeout, dropped
    ///   connection, cut answer, 5xx, a server-side SOAP fault), each order is looked up
    ///   (`Check_invoiceOrder`). An order found issued is adopted only if PayNow's invoice
    ///   (`SelectInvoice`, `Sel_Invoice_body_mem_cid`) matches what was sent — total, buyer,
    ///   items — and PayNow still accepts the credentials (`Invoice_PatchData_Check` answers
    ///   that the order is issued, not a login failure); otherwise [`Error::AlreadyIssued`]
    ///   or [`Error::Rejected`]. Orders known not to be issued are sent again, up to the
    ///   retry policy's attempts. If that cannot be settled, the error is
    ///   [`Error::OutcomeUnknown`] and names the orders to check.
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
        let mut last_failure: Option<SoapError> = None;
        for _ in 0..attempts {
            let batch: Vec<Invoice> = pending.iter().map(|&i| invoices[i].clone()).collect();
            match self.upload(&batch).await {
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
                    // Some orders missing from a success answer: their outcome is unknown.
                }
                Ok(UploadResult::Rejected { message }) => {
                    return Err(self.refusal(message, &batch).await);
                }
                Err(error) if may_have_taken_effect(&error) => last_failure = Some(error),
                Err(error) => return Err(error.into()),
            }
            let subjects: Vec<&Invoice> = pending.iter().map(|&i| &invoices[i]).collect();
            let found = self.settle(&subjects, &mut last_failure).await?;
            issued.extend(found);
            pending.retain(|&i| !issued.iter().any(|done| done.order_no == orders[i]));
            if pending.is_empty() {
                return Ok(in_given_order(issued, &orders));
            }
        }
        let subjects: Vec<OrderNo> = pending.iter().map(|&i| orders[i].clone()).collect();
        let source = last_failure.unwrap_or_else(|| SoapError::Transport {
            kind: soap_runtime::TransportErrorKind::Request,
            message: format!("PayNow's answers did not list them after {attempts} attempts"),
        });
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

    /// After an upload whose outcome is unknown: looks each of `invoices` up and returns
    /// those PayNow holds and that may be adopted (see [`issue_batch`](Self::issue_batch));
    /// the others are left to be sent again. `failure` is what made the outcome unknown.
    async fn settle(
        &self,
        invoices: &[&Invoice],
        failure: &mut Option<SoapError>,
    ) -> Result<Vec<Issued>, Error> {
        tracing::info!(
            operation = UPLOAD_INVOICE_PATCH,
            orders = invoices.len(),
            cause = %DisplayCause(failure),
            "reconciling: looking the orders up before sending again"
        );
        let mut unknown = |lookup: Error| {
            let orders: Vec<OrderNo> = invoices
                .iter()
                .filter_map(|invoice| OrderNo::parse(&invoice.order_no).ok())
                .collect();
            let source = match (failure.take(), lookup) {
                (Some(failure), _) => failure,
                (None, Error::Soap(lookup)) => lookup,
                (None, other) => SoapError::Transport {
                    kind: soap_runtime::TransportErrorKind::Request,
                    message: other.to_string(),
                },
            };
            outcome_unknown(&orders, source)
        };
        let mut adopted = Vec::new();
        for invoice in invoices {
            let order = OrderNo::parse(&invoice.order_no).map_err(|e| Error::Rejected {
                operation: UPLOAD_INVOICE_PATCH,
                message: e.to_string(),
            })?;
            match self.reconcile_order(invoice, &order).await {
                Ok(Some(invoice_number)) => adopted.push(Issued {
                    order_no: order,
                    invoice_number,
                    adopted: true,
                }),
                Ok(None) => {}
                Err(Reconcile::LookupFailed(lookup)) => return Err(unknown(lookup)),
                Err(Reconcile::Refused(refusal)) => return Err(refusal),
            }
        }
        tracing::info!(
            operation = UPLOAD_INVOICE_PATCH,
            adopted = adopted.len(),
            "reconciled: orders found issued and matching are adopted"
        );
        Ok(adopted)
    }

    /// Whether `invoice` (for `order`) was issued by an upload whose answer was lost: its
    /// invoice number if PayNow holds it and it may be adopted (PayNow's invoice matches
    /// what was sent and the credentials are still accepted), `None` if PayNow has no
    /// invoice for the order (so it may be sent).
    pub(crate) async fn reconcile_order(
        &self,
        invoice: &Invoice,
        order: &OrderNo,
    ) -> Result<Option<InvoiceNumber>, Reconcile> {
        let invoice_number = match self.check_order(order).await {
            Ok(LookupResult::Found(number)) => number,
            Ok(LookupResult::NotFound) => return Ok(None),
            Err(lookup) => return Err(Reconcile::LookupFailed(lookup)),
        };
        let held = self
            .invoice_details(order)
            .await
            .map_err(Reconcile::LookupFailed)?;
        let differences = matching::differences(invoice, &held);
        if !differences.is_empty() {
            return Err(Reconcile::Refused(Error::AlreadyIssued {
                order_no: order.as_str().to_owned(),
                invoice_number: invoice_number.as_str().to_owned(),
                reason: format!("it differs from what was sent: {}", differences.join("; ")),
                sent: matching::sent_summary(invoice),
                existing: matching::held_summary(&held),
            }));
        }
        match self.confirm_credentials(invoice).await {
            Ok(()) => Ok(Some(invoice_number)),
            Err(refusal @ (Error::Rejected { .. } | Error::UnknownResult(_))) => {
                Err(Reconcile::Refused(refusal))
            }
            // PayNow could not be asked: the order is issued, but not known to be ours.
            Err(lookup) => Err(Reconcile::LookupFailed(lookup)),
        }
    }

    /// Before adopting `invoice`'s order: the upload may have failed for the credentials
    /// alone, and `Check_invoiceOrder` takes no password. `Invoice_PatchData_Check` does;
    /// for an issued order it must answer the order's refusal, not a login failure.
    async fn confirm_credentials(&self, invoice: &Invoice) -> Result<(), Error> {
        match self.validate_batch(std::slice::from_ref(invoice)).await {
            Err(Error::Rejected { message, .. }) if is_duplicate_refusal(&message) => Ok(()),
            Err(Error::Rejected { operation, message }) => {
                Err(Error::Rejected { operation, message })
            }
            Ok(()) => Err(Error::UnknownResult(crate::domain::UnknownResult {
                operation: crate::domain::results::INVOICE_PATCH_DATA_CHECK.to_owned(),
                text: format!(
                    "{} (the order {} was found issued by Check_invoiceOrder)",
                    crate::domain::results::PATCH_DATA_CHECK_PASSED,
                    invoice.order_no
                ),
            })),
            Err(other) => Err(other),
        }
    }

    /// `UploadInvoice_Patch` refused `batch` with `message`: an order-number refusal names
    /// the invoice PayNow holds ([`Error::AlreadyIssued`]); any other is [`Error::Rejected`].
    async fn refusal(&self, message: String, batch: &[Invoice]) -> Error {
        let rejected = || Error::Rejected {
            operation: UPLOAD_INVOICE_PATCH,
            message: message.clone(),
        };
        if !is_duplicate_refusal(&message) {
            return rejected();
        }
        for invoice in batch {
            let Ok(order) = OrderNo::parse(&invoice.order_no) else {
                continue;
            };
            let Ok(LookupResult::Found(number)) = self.check_order(&order).await else {
                continue;
            };
            let existing = match self.invoice_details(&order).await {
                Ok(held) => matching::held_summary(&held),
                Err(error) => format!("not known ({error})"),
            };
            return Error::AlreadyIssued {
                order_no: order.as_str().to_owned(),
                invoice_number: number.as_str().to_owned(),
                reason: format!("PayNow refused the upload: {message}"),
                sent: matching::sent_summary(invoice),
                existing,
            };
        }
        rejected()
    }
}

/// Why [`PayNow::reconcile_order`] could not adopt or clear an order.
#[derive(Debug)]
pub(crate) enum Reconcile {
    /// PayNow could not be asked (the lookup failed): the outcome is still unknown.
    LookupFailed(Error),
    /// PayNow answered, and the order may not be adopted: it holds a different invoice
    /// for it ([`Error::AlreadyIssued`]) or refuses the credentials ([`Error::Rejected`]).
    Refused(Error),
}

/// Whether PayNow's refusal text says an order number was issued already
/// (`…已開立過發票…`); the only refusal text the facade reads.
fn is_duplicate_refusal(message: &str) -> bool {
    message.contains(DUPLICATE_ORDER_MARK)
}

/// What PayNow's refusal of an order number already issued says (`F_…已開立過發票`).
const DUPLICATE_ORDER_MARK: &str = "已開立過發票";

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
struct DisplayCause<'a>(&'a Option<SoapError>);

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
