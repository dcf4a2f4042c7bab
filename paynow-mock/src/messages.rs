//! Every text the mock answers in PayNow's string formats, in one place.
//!
//! PayNow publishes no error-code table: its error texts are free text, mostly Chinese. The
//! success formats (`S_…`, `S`, `S,<invoiceno>`, `F`, `開立,…`, `作廢`, `折讓,…`) follow
//! the reference; **every error text here is an assumption** of the mock, chosen to be
//! plausible and to keep the documented shape of each operation's failures:
//!
//! | operation | failure shape | texts |
//! |---|---|---|
//! | `UploadInvoice_Patch`, `Invoice_PatchData_Check` | any text not starting `S_` | `F_` + one of the texts below |
//! | `CancelInvoice_I` | `F_<message>` | [`LOGIN_FAILED`], [`INVOICE_NOT_FOUND`], [`ALREADY_VOIDED`], [`HAS_ALLOWANCE`] |
//! | `CancelInvoice` | the object back, `ErrorMsg` set, `ReturnStatus` false | the same texts, without `F_` |
//! | `Check_invoice`, `Check_invoiceOrder` | `F` | — |
//! | `Invoice_Info`, `Invoice_Info_orderno`, `Get_InvoiceURL_I`, `Get_InvoiceURL_O`, `Sel_Allowance_body` | `F_<message>` | [`MERCHANT_NOT_FOUND`], [`INVOICE_NOT_FOUND`], [`ALLOWANCE_NOT_FOUND`] |
//! | `Sel_Allowance` | an empty `Sel_AllowanceResult` (no fields) | — |

/// The prefix of a failure text.
pub const FAILURE_PREFIX: &str = "F_";

/// The success text of `Invoice_PatchData_Check` (documented by PayNow).
pub use paynow_einvoice::domain::results::PATCH_DATA_CHECK_PASSED;

/// Wrong `mem_cid` or `mem_password` on the two operations that take a password.
pub const LOGIN_FAILED: &str = "商家代號或密碼錯誤";

/// Wrong `mem_cid` on an operation that takes no password (the mock serves one merchant).
pub const MERCHANT_NOT_FOUND: &str = "查無此商家代號";

/// The start of the text refusing a batch with an order number that already has an
/// invoice; the order numbers follow, each with its invoice number in parentheses, joined
/// by `、`, e.g. `F_訂單編號已開立過發票：A001(AB00000001)`.
pub const ORDER_ALREADY_ISSUED: &str = "訂單編號已開立過發票：";

/// The start of the text refusing a `csvStr` that cannot be read; the reason follows.
pub const CSV_INVALID: &str = "csvStr 格式錯誤：";

/// The start of the text refusing a batch row whose values are unacceptable; the row
/// number and the reason follow.
pub const ROW_INVALID: &str = "資料內容錯誤：";

/// No invoice has that number (or order number) for this merchant.
pub const INVOICE_NOT_FOUND: &str = "查無此發票";

/// The invoice was voided already.
pub const ALREADY_VOIDED: &str = "此發票已作廢";

/// The invoice has an allowance that is not voided; it cannot be voided until the
/// allowance is.
pub const HAS_ALLOWANCE: &str = "此發票已開立折讓單，請先作廢折讓單";

/// No allowance has that number.
pub const ALLOWANCE_NOT_FOUND: &str = "查無此折讓單";

/// The track of the current period has no number left.
pub const NUMBERS_EXHAUSTED: &str = "本期發票號碼已用罄";

/// `getInvoiceTrackList`'s answer to a year or period that names no period (mock's text).
pub const PERIOD_INVALID: &str = "年度或期別錯誤";

/// `GetInvoiceNumber_ParamIntUUID`'s answer to a count outside 1–1000 (mock's text).
pub const COUNT_INVALID: &str = "取號數量錯誤";

/// `F_<message>`.
pub fn failure(message: &str) -> String {
    format!("{FAILURE_PREFIX}{message}")
}
