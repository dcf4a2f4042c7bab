//! Response decoding: an answer envelope, read as a client reads it into the generated
//! PayNow response type its body element names (`CheckInvoiceResponse` when it names
//! none). What decodes is written again as a server writes it and must read back equal;
//! an answer carrying `href` is also read SOAP-encoded (multi-reference values resolved).

use std::fmt::Debug;

use paynow_einvoice::generated::*;
use soap_runtime::server::{encode_response, inspect_request};
use soap_runtime::{
    FromXml, Limits, Operation, SoapError, SoapVersion, ToXml, read_encoded_response, read_response,
};

type Client = PayNowEInvoiceClient;

/// Reads an answer to an operation (SOAP-encoded when `encoded`) as its response type,
/// and checks the value survives writing and reading; `Err` when the answer does not
/// decode (or is a fault).
pub type Check = fn(&[u8], SoapVersion, &Operation, bool) -> Result<(), SoapError>;

/// Every PayNow operation with the check of its response type.
pub const RESPONSES: [(Operation, Check); 18] = [
    (
        Client::INVOICE_PATCH_DATA_CHECK,
        round_trip::<InvoicePatchDataCheckResponse>,
    ),
    (
        Client::UPLOAD_INVOICE_PATCH,
        round_trip::<UploadInvoicePatchResponse>,
    ),
    (Client::CANCEL_INVOICE, round_trip::<CancelInvoiceResponse>),
    (
        Client::CANCEL_INVOICE_I,
        round_trip::<CancelInvoiceIResponse>,
    ),
    (Client::CHECK_INVOICE, round_trip::<CheckInvoiceResponse>),
    (
        Client::CHECK_INVOICE_ORDER,
        round_trip::<CheckInvoiceOrderResponse>,
    ),
    (Client::INVOICE_INFO, round_trip::<InvoiceInfoResponse>),
    (
        Client::INVOICE_INFO_ORDERNO,
        round_trip::<InvoiceInfoOrdernoResponse>,
    ),
    (
        Client::GET_INVOICE_URL_I,
        round_trip::<GetInvoiceUrlIResponse>,
    ),
    (
        Client::GET_INVOICE_URL_O,
        round_trip::<GetInvoiceUrlOResponse>,
    ),
    (Client::SEL_ALLOWANCE, round_trip::<SelAllowanceResponse>),
    (
        Client::SEL_ALLOWANCE_BODY,
        round_trip::<SelAllowanceBodyResponse>,
    ),
    (Client::SELECT_INVOICE, round_trip::<SelectInvoiceResponse>),
    (
        Client::SEL_INVOICE_BODY_MEM_CID,
        round_trip::<SelInvoiceBodyMemCidResponse>,
    ),
    (
        Client::SEL_ALLOWANCE_DATA,
        round_trip::<SelAllowanceDataResponse>,
    ),
    (
        Client::CANCEL_INVOICE_S,
        round_trip::<CancelInvoiceSResponse>,
    ),
    (
        Client::GET_INVOICE_TRACK_LIST,
        round_trip::<GetInvoiceTrackListResponse>,
    ),
    (
        Client::GET_INVOICE_NUMBER_PARAM_INT_UUID,
        round_trip::<GetInvoiceNumberParamIntUuidResponse>,
    ),
];

/// The operation whose response element is `name`, with its check.
pub fn by_response_name(name: &str) -> Option<&'static (Operation, Check)> {
    RESPONSES
        .iter()
        .find(|(operation, _)| operation.response.1 == name)
}

/// The body of the `response` target.
pub fn run(answer: &[u8]) {
    let (version, name) = match inspect_request(answer, Limits::default()) {
        Ok(incoming) => (incoming.version, incoming.name),
        // Not an envelope with a body element: the client still reads it, and refuses it.
        Err(_) => (SoapVersion::Soap11, String::new()),
    };
    let (operation, check) = by_response_name(&name)
        .or_else(|| by_response_name("Check_invoiceResponse"))
        .expect("Check_invoice is a PayNow operation");
    let encodings: &[bool] = match contains(answer, b"href") {
        true => &[false, true],
        false => &[false],
    };
    for &encoded in encodings {
        if let Err(error) = check(answer, version, operation, encoded) {
            // Errors are what bad input gets; they must still display.
            let _ = error.to_string();
        }
    }
}

/// Decodes `answer` as `T`, writes it as a server answers and reads it back: a value
/// that decoded must be writable, and read back unchanged.
fn round_trip<T: FromXml + ToXml + PartialEq + Debug>(
    answer: &[u8],
    version: SoapVersion,
    operation: &Operation,
    encoded: bool,
) -> Result<(), SoapError> {
    let (ns, name) = operation.response;
    let limits = Limits::default();
    let value: T = match encoded {
        false => read_response(answer, version, ns, name, limits, 200)?,
        true => read_encoded_response(answer, version, ns, name, limits, 200)?,
    };
    let written = encode_response(version, ns, name, &value);
    assert_eq!(
        written.status,
        200,
        "{name} decoded as {value:?} but cannot be written again: {}",
        String::from_utf8_lossy(&written.body)
    );
    let again: T = read_response(&written.body, version, ns, name, limits, 200)
        .unwrap_or_else(|e| panic!("{name} as written does not read back: {e}"));
    assert_eq!(again, value, "{name} changed through writing and reading");
    Ok(())
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}
