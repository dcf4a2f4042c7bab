//! The 18 operations, in PayNow's string formats, on top of [`MockState`].
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
//! - `SelectInvoice`: the invoice object with its header fields (number, date, time,
//!   buyer, amounts, carrier, `kMapingCode`, `Status` `0` issued / `1` voided); the line
//!   items are `Sel_Invoice_body_mem_cid`'s. An unknown order or merchant answers an
//!   object with only `ErrorMsg` set.
//! - `Sel_Invoice_body_mem_cid`: one item per line, numbered from 1; `AllowanceStatus`
//!   tells whether the invoice has a live allowance. Unknown: an empty array.
//! - `Sel_AllowanceData`: every allowance of the invoice, voided ones included. Unknown:
//!   an empty array.
//! - `CancelInvoice_S`: as `CancelInvoice_I`.
//! - `getInvoiceTrackList`: the track the mock uses for the requested period (year and
//!   period as ROC year and end month, e.g. `115`, `12`), with its whole number range.
//! - `GetInvoiceNumber_ParamIntUUID`: reserves `paramint` (1–1000) numbers of the current
//!   period; `result` `S` or `F` with `ErrorMsg`.

use paynow_einvoice::domain::{CsvRow, Decimal, decode_batch};
use paynow_einvoice::generated::*;
use soap_runtime::{Fault, Secret};

use crate::clock::TaiwanTime;
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

/// How many numbers one `GetInvoiceNumber_ParamIntUUID` call may reserve in the mock.
const MAX_RESERVED_NUMBERS: i32 = 1000;

impl Operations {
    fn select_invoice(&self, mem_cid: Option<&str>, order_no: Option<&str>) -> Invoice {
        let invoice = match self.invoice_for_order(mem_cid, order_no) {
            Ok(invoice) => invoice,
            Err(message) => {
                return Invoice {
                    error_msg: Some(message),
                    ..Invoice::default()
                };
            }
        };
        let first_row = invoice.rows.first().cloned().unwrap_or_default();
        let text = |value: &str| Some(value.to_owned());
        Invoice {
            k_maping_code: Some(invoice.mapping_code()),
            invoice_number: text(&invoice.invoice_number),
            invoice_date: Some(invoice.issued_at.date_text()),
            invoice_time: Some(invoice.issued_at.time_text()),
            identifier: text(&first_row.buyer_id),
            name: text(&first_row.buyer_name),
            address: text(&first_row.buyer_address),
            total_amount: Some(plain(invoice.total)),
            order_no: text(&invoice.order_no),
            k_invoice_email: text(&first_row.buyer_email),
            random_number: text(&invoice.random_number),
            mem_cid: Some(self.mem_cid.clone()),
            carrier_type: text(&first_row.carrier_type),
            carrier_id1: text(&first_row.carrier_id_1),
            carrier_id2: text(&first_row.carrier_id_2),
            npoban: text(&first_row.love_code),
            year: Some(invoice.period.year().to_string()),
            period: Some(invoice.period.end_month().to_string()),
            status: Some(status_code(invoice.status).to_owned()),
            buyer_email: text(&first_row.buyer_email),
            ..Invoice::default()
        }
    }

    fn invoice_body(&self, mem_cid: Option<&str>, code: Option<&str>) -> ArrayOfObjInvoiceBodyInfo {
        let invoice = self
            .state
            .invoice_for_mapping_code(code.unwrap_or_default())
            .filter(|_| self.is_merchant(mem_cid));
        let items = invoice.iter().flat_map(|invoice| {
            (1..).zip(&invoice.rows).map(move |(sequence, row)| {
                Some(ObjInvoiceBodyInfo {
                    k_maping_code: Some(invoice.mapping_code()),
                    sequence_number: Some(sequence.to_string()),
                    description: Some(row.description.clone()),
                    quantity: Some(row.quantity.clone()),
                    unit_price: Some(row.unit_price.clone()),
                    amount: Some(row.amount.clone()),
                    remark: Some(row.remark.clone()),
                    mem_cid: Some(self.mem_cid.clone()),
                    orderno: Some(invoice.order_no.clone()),
                    status: Some(status_code(invoice.status).to_owned()),
                    allowance_status: invoice.has_live_allowance(),
                    tax_type: Some(row.item_tax_type.clone()),
                    invoice_date: Some(invoice.issued_at.date_text()),
                    ..ObjInvoiceBodyInfo::default()
                })
            })
        });
        ArrayOfObjInvoiceBodyInfo {
            obj_invoice_body_info: items.collect(),
        }
    }

    fn allowances_of(
        &self,
        mem_cid: Option<&str>,
        number: Option<&str>,
    ) -> ArrayOfObjAllowanceInfo {
        let Ok(invoice) = self.invoice(mem_cid, number) else {
            return ArrayOfObjAllowanceInfo::default();
        };
        let first_row = invoice.rows.first().cloned().unwrap_or_default();
        let items = self
            .state
            .allowances_of(&invoice.invoice_number)
            .into_iter()
            .map(|allowance| {
                Some(ObjAllowanceInfo {
                    allowance_number: Some(allowance.allowance_number),
                    allowance_date: Some(allowance.issued_at.date_text()),
                    identifier: Some(first_row.buyer_id.clone()),
                    name: Some(first_row.buyer_name.clone()),
                    address: Some(first_row.buyer_address.clone()),
                    total_amount: Some(plain(allowance.total)),
                    tax_amount: Some("0".to_owned()),
                    email_address: Some(first_row.buyer_email.clone()),
                    allowance_type: Some("2".to_owned()),
                    invoice_date: Some(invoice.issued_at.date_text()),
                    mem_cid: Some(self.mem_cid.clone()),
                    invoice_number: Some(invoice.invoice_number.clone()),
                    ..ObjAllowanceInfo::default()
                })
            });
        ArrayOfObjAllowanceInfo {
            obj_allowance_info: items.collect(),
        }
    }

    fn track_list(&self, request: &GetInvoiceTrackList) -> InvoiceTrackList {
        if !self.is_merchant(request.mem_cid.as_deref()) {
            return InvoiceTrackList {
                rtcode: Some("F".to_owned()),
                rtmessage: Some(messages::MERCHANT_NOT_FOUND.to_owned()),
                ..InvoiceTrackList::default()
            };
        }
        let period = request
            .year
            .as_deref()
            .zip(request.period.as_deref())
            .and_then(|(year, month)| {
                let year = year.trim().parse::<i32>().ok()? + 1911;
                let month = month.trim().parse::<u8>().ok()?;
                Some(TaiwanTime::new(year, month, 1, 12, 0, 0)?.period())
            });
        let Some(period) = period else {
            return InvoiceTrackList {
                rtcode: Some("F".to_owned()),
                rtmessage: Some(messages::PERIOD_INVALID.to_owned()),
                ..InvoiceTrackList::default()
            };
        };
        let track = Trackinfo {
            word_track: Some(period.track()),
            num_start: Some("00000001".to_owned()),
            num_end: Some("99999999".to_owned()),
        };
        InvoiceTrackList {
            rtcode: Some("S".to_owned()),
            year: request.year.clone(),
            period: request.period.clone(),
            word_track: track.word_track.clone(),
            num_start: track.num_start.clone(),
            num_end: track.num_end.clone(),
            return_size: Some("1".to_owned()),
            trackinfo: Some(ArrayOfString {
                string: vec![track.word_track.clone()],
            }),
            trackinfos: Some(ArrayOfTrackinfo {
                trackinfo: vec![Some(track)],
            }),
            ..InvoiceTrackList::default()
        }
    }

    fn reserve_numbers(&self, request: GetInvoiceNumberParamIntUuid) -> InvoiceNumberList {
        let refused = |message: &str| InvoiceNumberList {
            uuid: request.uuid.clone(),
            result: Some("F".to_owned()),
            error_msg: Some(message.to_owned()),
            ..InvoiceNumberList::default()
        };
        if !self.logs_in(
            request.mem_cid.as_deref(),
            request.mem_pw.as_ref().map(Secret::expose_str),
        ) {
            return refused(messages::LOGIN_FAILED);
        }
        let count = match u32::try_from(request.paramint) {
            Ok(count @ 1..) if request.paramint <= MAX_RESERVED_NUMBERS => count,
            _ => return refused(messages::COUNT_INVALID),
        };
        match self.state.reserve_numbers(count) {
            Ok((period, numbers)) => InvoiceNumberList {
                invoice_number_list: Some(ArrayOfString {
                    string: numbers.into_iter().map(Some).collect(),
                }),
                year: Some((period.year() - 1911).to_string()),
                period: Some(period.end_month().to_string()),
                uuid: request.uuid.clone(),
                result: Some("S".to_owned()),
                error_msg: Some(String::new()),
            },
            Err(_) => refused(messages::NUMBERS_EXHAUSTED),
        }
    }
}

/// `Status` as `SelectInvoice` and `Sel_Invoice_body_mem_cid` answer it.
fn status_code(status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Issued => "0",
        InvoiceStatus::Voided => "1",
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
                request.mem_password.as_ref().map(Secret::expose_str),
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
                request.mem_password.as_ref().map(Secret::expose_str),
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
    async fn select_invoice(&self, request: SelectInvoice) -> Result<SelectInvoiceResponse, Fault> {
        Ok(SelectInvoiceResponse {
            select_invoice_result: Some(
                self.select_invoice(request.mem_cid.as_deref(), request.order_no.as_deref()),
            ),
        })
    }

    async fn sel_invoice_body_mem_cid(
        &self,
        request: SelInvoiceBodyMemCid,
    ) -> Result<SelInvoiceBodyMemCidResponse, Fault> {
        Ok(SelInvoiceBodyMemCidResponse {
            sel_invoice_body_mem_cid_result: Some(
                self.invoice_body(request.mem_cid.as_deref(), request.k_maping_code.as_deref()),
            ),
        })
    }

    async fn sel_allowance_data(
        &self,
        request: SelAllowanceData,
    ) -> Result<SelAllowanceDataResponse, Fault> {
        Ok(SelAllowanceDataResponse {
            sel_allowance_data_result: Some(
                self.allowances_of(request.mem_cid.as_deref(), request.invoice_no.as_deref()),
            ),
        })
    }

    async fn cancel_invoice_s(
        &self,
        request: CancelInvoiceS,
    ) -> Result<CancelInvoiceSResponse, Fault> {
        let outcome = self.void(request.mem_cid.as_deref(), request.invoice_no.as_deref());
        Ok(CancelInvoiceSResponse {
            cancel_invoice_s_result: Some(outcome.map_or_else(failure, |()| "S".to_owned())),
        })
    }

    async fn get_invoice_track_list(
        &self,
        request: GetInvoiceTrackList,
    ) -> Result<GetInvoiceTrackListResponse, Fault> {
        Ok(GetInvoiceTrackListResponse {
            get_invoice_track_list_result: Some(self.track_list(&request)),
        })
    }

    async fn get_invoice_number_param_int_uuid(
        &self,
        request: GetInvoiceNumberParamIntUuid,
    ) -> Result<GetInvoiceNumberParamIntUuidResponse, Fault> {
        Ok(GetInvoiceNumberParamIntUuidResponse {
            get_invoice_number_param_int_uuid_result: Some(self.reserve_numbers(request)),
        })
    }
}
