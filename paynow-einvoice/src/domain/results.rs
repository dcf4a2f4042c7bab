//! The result strings of PayNow's operations, parsed into types.
//!
//! Each `parse_*` function takes the `<Operation>Result` text. Surrounding whitespace is
//! ignored. A text whose shape is not one the operation is known to answer is returned whole
//! as an [`UnknownResult`], never dropped or guessed at. Numbers whose meaning PayNow does
//! not document are kept as they came.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ids::{InvoiceNumber, OrderNo};

/// The name of the `UploadInvoice_Patch` operation.
pub const UPLOAD_INVOICE_PATCH: &str = "UploadInvoice_Patch";
/// The name of the `Invoice_PatchData_Check` operation.
pub const INVOICE_PATCH_DATA_CHECK: &str = "Invoice_PatchData_Check";
/// The name of the `CancelInvoice_I` operation.
pub const CANCEL_INVOICE_I: &str = "CancelInvoice_I";
/// The name of the `Check_invoice` operation.
pub const CHECK_INVOICE: &str = "Check_invoice";
/// The name of the `Check_invoiceOrder` operation.
pub const CHECK_INVOICE_ORDER: &str = "Check_invoiceOrder";
/// The name of the `Invoice_Info` operation.
pub const INVOICE_INFO: &str = "Invoice_Info";
/// The name of the `Invoice_Info_orderno` operation.
pub const INVOICE_INFO_ORDERNO: &str = "Invoice_Info_orderno";
/// The name of the `Get_InvoiceURL_I` operation.
pub const GET_INVOICE_URL_I: &str = "Get_InvoiceURL_I";
/// The name of the `Get_InvoiceURL_O` operation.
pub const GET_INVOICE_URL_O: &str = "Get_InvoiceURL_O";

/// The text `PatchData_Check` answers when the batch passes.
pub const PATCH_DATA_CHECK_PASSED: &str = "S_資料驗證成功";

/// A result text of a shape the operation is not known to answer, kept whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("unexpected {operation} result: {text:?}")]
pub struct UnknownResult {
    /// The operation that answered, e.g. `UploadInvoice_Patch`.
    pub operation: String,
    /// The result text exactly as received.
    pub text: String,
}

impl UnknownResult {
    fn new(operation: &str, text: &str) -> Self {
        Self {
            operation: operation.to_owned(),
            text: text.to_owned(),
        }
    }
}

/// What `UploadInvoice_Patch` answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UploadResult {
    /// `S_<n>,<orderno>_<invoiceno>,…`: the invoices were issued.
    Issued {
        /// `<n>`, the text between `S_` and the first `,`. PayNow does not document what it
        /// counts, so it is kept as text.
        count_field: String,
        /// Each order number with the invoice number issued for it, in the order answered.
        pairs: Vec<(OrderNo, InvoiceNumber)>,
    },
    /// Any text not starting with `S_`: the service's error text (free text, mostly Chinese).
    Rejected {
        /// The text, whole.
        message: String,
    },
}

/// Parses the `UploadInvoice_Patch` result.
///
/// An order number may itself contain `_`, so each pair is split at its last `_`. A text
/// starting with `S_` without at least one well-formed pair is an [`UnknownResult`].
pub fn parse_upload_invoice_patch(text: &str) -> Result<UploadResult, UnknownResult> {
    let unknown = || UnknownResult::new(UPLOAD_INVOICE_PATCH, text);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(unknown());
    }
    let Some(issued) = trimmed.strip_prefix("S_") else {
        return Ok(UploadResult::Rejected {
            message: trimmed.to_owned(),
        });
    };
    let mut parts = issued.split(',');
    let count_field = parts.next().unwrap_or_default().to_owned();
    let pairs = parts
        .map(|pair| {
            let (order_no, invoice_no) = pair.rsplit_once('_')?;
            Some((
                OrderNo::parse(order_no).ok()?,
                InvoiceNumber::parse(invoice_no).ok()?,
            ))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(unknown)?;
    if pairs.is_empty() {
        return Err(unknown());
    }
    Ok(UploadResult::Issued { count_field, pairs })
}

/// What `Invoice_PatchData_Check` answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PatchCheckResult {
    /// `S_資料驗證成功`: none of the batch's order numbers was issued already.
    Passed,
    /// The service's error text, whole.
    Rejected {
        /// The text.
        message: String,
    },
}

/// Parses the `Invoice_PatchData_Check` result: exactly `S_資料驗證成功` passes; any other text
/// starting with `S_`, or an empty text, is an [`UnknownResult`]; anything else is an error text.
pub fn parse_patch_data_check(text: &str) -> Result<PatchCheckResult, UnknownResult> {
    match text.trim() {
        PATCH_DATA_CHECK_PASSED => Ok(PatchCheckResult::Passed),
        trimmed if trimmed.is_empty() || trimmed.starts_with("S_") => {
            Err(UnknownResult::new(INVOICE_PATCH_DATA_CHECK, text))
        }
        trimmed => Ok(PatchCheckResult::Rejected {
            message: trimmed.to_owned(),
        }),
    }
}

/// What `CancelInvoice_I` answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CancelResult {
    /// `S`: the invoice was voided.
    Cancelled,
    /// `F_<message>`: it was not.
    Failed {
        /// The text after `F_`.
        message: String,
    },
}

/// Parses the `CancelInvoice_I` result: `S` or `F_<message>`.
pub fn parse_cancel_invoice_i(text: &str) -> Result<CancelResult, UnknownResult> {
    let trimmed = text.trim();
    if trimmed == "S" {
        return Ok(CancelResult::Cancelled);
    }
    match trimmed.strip_prefix("F_") {
        Some(message) => Ok(CancelResult::Failed {
            message: message.to_owned(),
        }),
        None => Err(UnknownResult::new(CANCEL_INVOICE_I, text)),
    }
}

/// What `Check_invoice` or `Check_invoiceOrder` answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LookupResult {
    /// `S,<invoiceno>`: the invoice exists.
    Found(InvoiceNumber),
    /// `F`: it does not.
    NotFound,
}

/// Parses the `Check_invoice` result: `S,<invoiceno>` or `F`.
pub fn parse_check_invoice(text: &str) -> Result<LookupResult, UnknownResult> {
    parse_lookup(CHECK_INVOICE, text)
}

/// Parses the `Check_invoiceOrder` result: `S,<invoiceno>` or `F`.
pub fn parse_check_invoice_order(text: &str) -> Result<LookupResult, UnknownResult> {
    parse_lookup(CHECK_INVOICE_ORDER, text)
}

fn parse_lookup(operation: &str, text: &str) -> Result<LookupResult, UnknownResult> {
    let trimmed = text.trim();
    if trimmed == "F" {
        return Ok(LookupResult::NotFound);
    }
    trimmed
        .strip_prefix("S,")
        .and_then(|number| InvoiceNumber::parse(number).ok())
        .map(LookupResult::Found)
        .ok_or_else(|| UnknownResult::new(operation, text))
}

/// What `Invoice_Info` or `Invoice_Info_orderno` answered: the invoice's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvoiceInfo {
    /// `開立,<amount>`: issued.
    Issued {
        /// The number after `開立`, the invoice's amount.
        amount: Decimal,
    },
    /// `作廢`: voided.
    Voided,
    /// `折讓,<n>,<n>,…`: an allowance was made.
    Allowance {
        /// The numbers after `折讓` (three in the known sample, e.g. `300,100,200`), in
        /// order. PayNow does not document what each one is, so they are not named.
        numbers: Vec<Decimal>,
    },
}

/// Parses the `Invoice_Info` result.
pub fn parse_invoice_info(text: &str) -> Result<InvoiceInfo, UnknownResult> {
    parse_info(INVOICE_INFO, text)
}

/// Parses the `Invoice_Info_orderno` result (the same shapes as `Invoice_Info`).
pub fn parse_invoice_info_orderno(text: &str) -> Result<InvoiceInfo, UnknownResult> {
    parse_info(INVOICE_INFO_ORDERNO, text)
}

fn parse_info(operation: &str, text: &str) -> Result<InvoiceInfo, UnknownResult> {
    let mut parts = text.trim().split(',');
    let status = parts.next().unwrap_or_default();
    let numbers: Option<Vec<Decimal>> = parts.map(plain_number).collect();
    let info = match (status, numbers.as_deref()) {
        ("開立", Some(&[amount])) => Some(InvoiceInfo::Issued { amount }),
        ("作廢", Some([])) => Some(InvoiceInfo::Voided),
        ("折讓", Some(numbers)) if !numbers.is_empty() => Some(InvoiceInfo::Allowance {
            numbers: numbers.to_vec(),
        }),
        _ => None,
    };
    info.ok_or_else(|| UnknownResult::new(operation, text))
}

/// A number in plain notation: an optional `-`, digits, at most one `.` between digits. (The
/// decimal parser alone would also take `+1`, `1_000` or `1e3`.)
fn plain_number(text: &str) -> Option<Decimal> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if digits(whole) && digits(fraction) {
        text.parse().ok()
    } else {
        None
    }
}

/// The address of an invoice's page, from `Get_InvoiceURL_I` or `Get_InvoiceURL_O`: checked
/// to be `https` on `paynow.com.tw` or one of its subdomains, with no user info or port.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct InvoiceUrl(String);

impl InvoiceUrl {
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InvoiceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses the `Get_InvoiceURL_I` result (see [`InvoiceUrl`]).
pub fn parse_get_invoice_url_i(text: &str) -> Result<InvoiceUrl, UnknownResult> {
    parse_url(GET_INVOICE_URL_I, text)
}

/// Parses the `Get_InvoiceURL_O` result (see [`InvoiceUrl`]).
pub fn parse_get_invoice_url_o(text: &str) -> Result<InvoiceUrl, UnknownResult> {
    parse_url(GET_INVOICE_URL_O, text)
}

fn parse_url(operation: &str, text: &str) -> Result<InvoiceUrl, UnknownResult> {
    let url = text.trim();
    let trusted = url
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
        && {
            let rest = &url[8..];
            let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
            let host_ok = !host.is_empty()
                && host.split('.').all(|label| {
                    !label.is_empty()
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                });
            let host = host.to_ascii_lowercase();
            host_ok
                && (host == "paynow.com.tw" || host.ends_with(".paynow.com.tw"))
                && !url
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
        };
    if trusted {
        Ok(InvoiceUrl(url.to_owned()))
    } else {
        Err(UnknownResult::new(operation, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers() {
        for (text, value) in [("800", "800"), ("-5", "-5"), ("12.50", "12.5")] {
            assert_eq!(plain_number(text), Some(value.parse().unwrap()), "{text}");
        }
        for text in [
            "", "-", "+1", "1_000", "1e3", ".5", "5.", "1.2.3", " 1", "１",
        ] {
            assert_eq!(plain_number(text), None, "{text:?}");
        }
    }
}
