//! The 12 operations, in PayNow's string formats, on top of [`MockState`].
//!
//! The mock's service implements the generated [`PayNowEInvoiceServer`] trait, which SOAP
//! requests reach through `dispatch_pay_now_e_invoice`; the HTTP POST binding calls the
//! same trait methods, so both bindings share every rule. Texts are in [`messages`].
//!
//! What the mock answers where PayNow's documentation is silent (see [`messages`] for the
//! error texts):
//! - `Invoice_Info` / `Invoice_Info_orderno`: `開立,<total>` for an issued invoice,
//!   `作廢` for a voided one, and while an allowance is not voided
//!   `折讓,<total>,<allowances>,<remaining>`: the invoice total, the sum of its allowances
//!   that are not voided, and what is left (`total − allowances`), which matches the one
//!   published sample `折讓,300,100,200`.
//! - `Check_invoice` / `Check_invoiceOrder`: `S,<invoiceno>` for any invoice the merchant
//!   issued, voided ones included (it was issued), else `F`.
//! - `Get_InvoiceURL_I` / `Get_InvoiceURL_O`: [`invoice_page_url`], for voided invoices too.
//! - `CancelInvoice`: the object comes back with `ReturnStatus` true and `ErrorMsg` empty
//!   on success, `ReturnStatus` false and `ErrorMsg` set on failure; it is found by
//!   `InvoiceNumber`, the merchant by `mem_cid` (the object carries no password).
//! - `Sel_Allowance`: the allowance's fields (`AllowanceType` `2`, seller-issued;
//!   `TaxAmount` `0`; a consumer's `Buyer_Identifier` `0000000000`), or an object with no
//!   fields when the allowance or merchant is unknown.
//! - `Sel_Allowance_body`: one line per allowance line, `<description>,<quantity>,<unit
//!   price>,<amount>`, lines joined by `\n`.

use paynow_einvoice::domain::{CsvRow, Decimal, decode_batch};
use paynow_einvoice::generated::*;
use soap_runtime::Fault;

use crate::messages::{self, failure};
use crate::state::{InvoiceRecord, InvoiceStatus, MockState, StateError};

/// The address of an invoice's page, as `Get_InvoiceURL_I` / `Get_InvoiceURL_O` answer it.
pub fn invoice_page_url(invoice: &InvoiceRecord) -> String {
    format!(
        "https://invoice.paynow.com.tw/PayNowEInvoice/InvoiceView.aspx?InvoiceNo={}&RandomNumber={}",
        invoice.invoice_number, invoice.random_number
    )
}

/// The service behind both bindings: one merchant's credentials and the state.
///
/// Public so that the generated dispatch can be driven in-process, without HTTP (the
/// server-dispatch fuzz target does):
/// `dispatch_pay_now_e_invoice(&Operations::new(state, mem_cid, mem_password), body, limits)`.
#[derive(Debug, Clone)]
pub struct Operations {
    state: MockState,
    mem_cid: String,
    mem_password: String,
}

impl Operations {
    /// The service of the merchant `mem_cid` / `mem_password` over `state`.
    pub fn new(state: MockState, mem_cid: String, mem_password: String) -> Self {
        Self {
            state,
            mem_cid,
            mem_password,
        }
    }

    fn is_merchant(&self, mem_cid: Option<&str>) -> bool {
        mem_cid == Some(self.mem_cid.as_str())
    }

    fn logs_in(&self, mem_cid: Option<&str>, mem_password: Option<&str>) -> bool {
        self.is_merchant(mem_cid) && mem_password == Some(self.mem_password.as_str())
    }

    /// The shared start of the two batch operations: credentials, then the csvStr.
    fn batch_rows(
        &self,
        mem_cid: Option<&str>,
        mem_password: Option<&str>,
        csv_str: Option<&str>,
    ) -> Result<Vec<CsvRow>, String> {
        if !self.logs_in(mem_cid, mem_password) {
            return Err(failure(messages::LOGIN_FAILED));
        }
        decode_batch(csv_str.unwrap_or_default())
            .map_err(|error| failure(&format!("{}{error}", messages::CSV_INVALID)))
    }

    /// The merchant's invoice with this number, or the `F_` text saying why there is none.
    fn invoice(
        &self,
        mem_cid: Option<&str>,
        number: Option<&str>,
    ) -> Result<InvoiceRecord, String> {
        self.find(mem_cid, || self.state.invoice(number.unwrap_or_default()))
    }

    /// The merchant's invoice for this order number, or the `F_` text saying why there is none.
    fn invoice_for_order(
        &self,
        mem_cid: Option<&str>,
        order_no: Option<&str>,
    ) -> Result<InvoiceRecord, String> {
        self.find(mem_cid, || {
            self.state.invoice_for_order(order_no.unwrap_or_default())
        })
    }

    fn find(
        &self,
        mem_cid: Option<&str>,
        lookup: impl FnOnce() -> Option<InvoiceRecord>,
    ) -> Result<InvoiceRecord, String> {
        if !self.is_merchant(mem_cid) {
            return Err(failure(messages::MERCHANT_NOT_FOUND));
        }
        lookup().ok_or_else(|| failure(messages::INVOICE_NOT_FOUND))
    }

    /// Voids the merchant's invoice: `Ok` or the message (without `F_`).
    fn void(&self, mem_cid: Option<&str>, number: Option<&str>) -> Result<(), &'static str> {
        if !self.is_merchant(mem_cid) {
            return Err(messages::MERCHANT_NOT_FOUND);
        }
        self.state
            .void(number.unwrap_or_default())
            .map_err(|error| match error {
                StateError::InvoiceVoided(_) => messages::ALREADY_VOIDED,
                StateError::LiveAllowance { .. } => messages::HAS_ALLOWANCE,
                _ => messages::INVOICE_NOT_FOUND,
            })
    }

    fn allowance_body(&self, mem_cid: Option<&str>, number: Option<&str>) -> String {
        let allowance = self
            .state
            .allowance(number.unwrap_or_default())
            .filter(|_| self.is_merchant(mem_cid));
        match allowance {
            Some(allowance) => allowance
                .lines
                .iter()
                .map(|line| {
                    format!(
                        "{},{},{},{}",
                        line.description,
                        plain(line.quantity),
                        plain(line.unit_price),
                        plain(line.amount)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            None => failure(messages::ALLOWANCE_NOT_FOUND),
        }
    }

    fn allowance(&self, mem_cid: Option<&str>, number: Option<&str>) -> Allowance {
        let Some(allowance) = self
            .state
            .allowance(number.unwrap_or_default())
            .filter(|_| self.is_merchant(mem_cid))
        else {
            return Allowance::default();
        };
        let invoice = self.state.invoice(&allowance.invoice_number);
        let first_row = invoice.as_ref().and_then(|invoice| invoice.rows.first());
        let buyer = |field: fn(&CsvRow) -> &String| first_row.map(|row| field(row).clone());
        Allowance {
            allowance_number: Some(allowance.allowance_number),
            allowance_date: Some(allowance.issued_at.date_text()),
            buyer_identifier: buyer(|row| &row.buyer_id)
                .filter(|id| !id.is_empty())
                .or_else(|| Some("0000000000".to_owned())),
            buyer_name: buyer(|row| &row.buyer_name),
            buyer_address: buyer(|row| &row.buyer_address),
            buyer_email_address: buyer(|row| &row.buyer_email),
            allowance_type: Some("2".to_owned()),
            tax_amount: Some("0".to_owned()),
            total_amount: Some(plain(allowance.total)),
            invoice_date: invoice
                .as_ref()
                .map(|invoice| invoice.issued_at.date_text()),
            invoice_number: Some(allowance.invoice_number),
            ..Allowance::default()
        }
    }
}

/// `Invoice_Info`'s text for an invoice.
fn info_text(invoice: &InvoiceRecord) -> String {
    match invoice.status {
        InvoiceStatus::Voided => "作廢".to_owned(),
        InvoiceStatus::Issued if invoice.has_live_allowance() => format!(
            "折讓,{},{},{}",
            plain(invoice.total),
            plain(invoice.allowance_total),
            plain(invoice.remaining())
        ),
        InvoiceStatus::Issued => format!("開立,{}", plain(invoice.total)),
    }
}

/// The text of a refused batch.
fn batch_error_text(error: &StateError) -> String {
    let text = match error {
        StateError::OrderAlreadyIssued(orders) => {
            let orders: Vec<String> = orders
                .iter()
                .map(|(order, invoice)| format!("{order}({invoice})"))
                .collect();
            format!("{}{}", messages::ORDER_ALREADY_ISSUED, orders.join("、"))
        }
        StateError::InvalidRow { row, reason } => {
            format!("{}第 {row} 筆：{reason}", messages::ROW_INVALID)
        }
        StateError::NumbersExhausted => messages::NUMBERS_EXHAUSTED.to_owned(),
        other => other.to_string(),
    };
    failure(&text)
}

/// A decimal in plain notation without trailing zeros.
fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

fn either(result: Result<String, String>) -> Option<String> {
    Some(result.unwrap_or_else(|text| text))
}

/// `S,<invoiceno>` or `F`.
fn lookup_text(found: Result<InvoiceRecord, String>) -> Option<String> {
    Some(found.map_or_else(
        |_| "F".to_owned(),
        |invoice| format!("S,{}", invoice.invoice_number),
    ))
}

impl PayNowEInvoiceServer for Operations {
    async fn invoice_patch_data_check(
        &self,
        request: InvoicePatchDataCheck,
    ) -> Result<InvoicePatchDataCheckResponse, Fault> {
        let result = self
            .batch_rows(
                request.mem_cid.as_deref(),
                request.mem_password.as_deref(),
                request.csv_str.as_deref(),
            )
            .and_then(|rows| {
                self.state
                    .check_batch(rows)
                    .map(|()| messages::PATCH_DATA_CHECK_PASSED.to_owned())
                    .map_err(|error| batch_error_text(&error))
            });
        Ok(InvoicePatchDataCheckResponse {
            invoice_patch_data_check_result: either(result),
        })
    }

    async fn upload_invoice_patch(
        &self,
        request: UploadInvoicePatch,
    ) -> Result<UploadInvoicePatchResponse, Fault> {
        let result = self
            .batch_rows(
                request.mem_cid.as_deref(),
                request.mem_password.as_deref(),
                request.csv_str.as_deref(),
            )
            .and_then(|rows| {
                self.state
                    .issue_batch(rows)
                    .map_err(|error| batch_error_text(&error))
            })
            .map(|issued| {
                let pairs: Vec<String> = issued
                    .iter()
                    .map(|(order, invoice)| format!("{order}_{invoice}"))
                    .collect();
                format!("S_{},{}", issued.len(), pairs.join(","))
            });
        Ok(UploadInvoicePatchResponse {
            upload_invoice_patch_result: either(result),
        })
    }

    async fn cancel_invoice(&self, request: CancelInvoice) -> Result<CancelInvoiceResponse, Fault> {
        let mut invoice = request.obj_invoice.unwrap_or_default();
        let outcome = self.void(
            invoice.mem_cid.as_deref(),
            invoice.invoice_number.as_deref(),
        );
        invoice.return_status = outcome.is_ok();
        invoice.error_msg = outcome.err().map(str::to_owned);
        Ok(CancelInvoiceResponse {
            cancel_invoice_result: Some(invoice),
        })
    }

    async fn cancel_invoice_i(
        &self,
        request: CancelInvoiceI,
    ) -> Result<CancelInvoiceIResponse, Fault> {
        let outcome = self.void(request.mem_cid.as_deref(), request.invoice_no.as_deref());
        Ok(CancelInvoiceIResponse {
            cancel_invoice_i_result: Some(outcome.map_or_else(failure, |()| "S".to_owned())),
        })
    }

    async fn check_invoice(&self, request: CheckInvoice) -> Result<CheckInvoiceResponse, Fault> {
        let found = self.invoice(request.mem_cid.as_deref(), request.invoice_no.as_deref());
        Ok(CheckInvoiceResponse {
            check_invoice_result: lookup_text(found),
        })
    }

    async fn check_invoice_order(
        &self,
        request: CheckInvoiceOrder,
    ) -> Result<CheckInvoiceOrderResponse, Fault> {
        let found = self.invoice_for_order(request.mem_cid.as_deref(), request.orderno.as_deref());
        Ok(CheckInvoiceOrderResponse {
            check_invoice_order_result: lookup_text(found),
        })
    }

    async fn invoice_info(&self, request: InvoiceInfo) -> Result<InvoiceInfoResponse, Fault> {
        let found = self.invoice(request.mem_cid.as_deref(), request.invoice_no.as_deref());
        Ok(InvoiceInfoResponse {
            invoice_info_result: either(found.map(|invoice| info_text(&invoice))),
        })
    }

    async fn invoice_info_orderno(
        &self,
        request: InvoiceInfoOrderno,
    ) -> Result<InvoiceInfoOrdernoResponse, Fault> {
        let found = self.invoice_for_order(request.mem_cid.as_deref(), request.order_no.as_deref());
        Ok(InvoiceInfoOrdernoResponse {
            invoice_info_orderno_result: either(found.map(|invoice| info_text(&invoice))),
        })
    }

    async fn get_invoice_url_i(
        &self,
        request: GetInvoiceUrlI,
    ) -> Result<GetInvoiceUrlIResponse, Fault> {
        let found = self.invoice(request.mem_cid.as_deref(), request.invoice_no.as_deref());
        Ok(GetInvoiceUrlIResponse {
            get_invoice_url_i_result: either(found.map(|invoice| invoice_page_url(&invoice))),
        })
    }

    async fn get_invoice_url_o(
        &self,
        request: GetInvoiceUrlO,
    ) -> Result<GetInvoiceUrlOResponse, Fault> {
        let found = self.invoice_for_order(request.mem_cid.as_deref(), request.order_no.as_deref());
        Ok(GetInvoiceUrlOResponse {
            get_invoice_url_o_result: either(found.map(|invoice| invoice_page_url(&invoice))),
        })
    }

    async fn sel_allowance(&self, request: SelAllowance) -> Result<SelAllowanceResponse, Fault> {
        Ok(SelAllowanceResponse {
            sel_allowance_result: Some(
                self.allowance(request.mem_cid.as_deref(), request.allowance_no.as_deref()),
            ),
        })
    }

    async fn sel_allowance_body(
        &self,
        request: SelAllowanceBody,
    ) -> Result<SelAllowanceBodyResponse, Fault> {
        Ok(SelAllowanceBodyResponse {
            sel_allowance_body_result: Some(
                self.allowance_body(request.mem_cid.as_deref(), request.allowance_no.as_deref()),
            ),
        })
    }
}
