//! The ASMX "HTTP POST" binding: `POST <asmx>/<Operation>` with form parameters, answered
//! by a bare XML document, `<string xmlns="https://invoice.PayNow.com.tw/">…</string>`
//! (`<Allowance …>` for `Sel_Allowance`). Requests become the generated request types and
//! go to the same [`PayNowEInvoiceServer`] methods as SOAP requests.
//!
//! `CancelInvoice` takes an object and, as in ASMX, has no HTTP POST binding.

use std::collections::HashMap;

use paynow_einvoice::generated::*;
use soap_runtime::server::ServerResponse;
use soap_runtime::{Fault, Secret, XmlWriter};

use crate::operations::Operations;

/// The content type of the answers.
const XML_CONTENT_TYPE: &str = "text/xml; charset=utf-8";
/// The content type of ASP.NET's error texts.
pub(crate) const TEXT_CONTENT_TYPE: &str = "text/plain; charset=utf-8";

/// Each operation of the binding and its parameters, as the WSDL's `HttpPostIn` messages
/// name them.
static PARAMETERS: [(&str, &[&str]); 11] = [
    (
        "Invoice_PatchData_Check",
        &["mem_cid", "mem_password", "csvStr"],
    ),
    (
        "UploadInvoice_Patch",
        &["mem_cid", "mem_password", "csvStr"],
    ),
    ("CancelInvoice_I", &["mem_cid", "InvoiceNo"]),
    ("Check_invoice", &["mem_cid", "InvoiceNo"]),
    ("Check_invoiceOrder", &["mem_cid", "orderno"]),
    ("Invoice_Info", &["mem_cid", "InvoiceNo"]),
    ("Invoice_Info_orderno", &["mem_cid", "OrderNo"]),
    ("Get_InvoiceURL_I", &["mem_cid", "InvoiceNo"]),
    ("Get_InvoiceURL_O", &["mem_cid", "OrderNo"]),
    ("Sel_Allowance", &["mem_cid", "AllowanceNo"]),
    ("Sel_Allowance_body", &["mem_cid", "AllowanceNo"]),
];

/// The form parameters of a request (the first value of each name).
#[derive(Debug, Default)]
pub(crate) struct Form(HashMap<String, String>);

impl Form {
    /// Parses an `application/x-www-form-urlencoded` body.
    pub fn parse(body: &[u8]) -> Self {
        let mut values = HashMap::new();
        for (name, value) in form_urlencoded::parse(body) {
            values
                .entry(name.into_owned())
                .or_insert_with(|| value.into_owned());
        }
        Self(values)
    }

    fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
}

/// Why a request cannot reach its operation: ASP.NET's texts, answered with status 500.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The path names no operation of the binding.
    UnknownOperation(String),
    /// A parameter is not in the form.
    MissingParameter(&'static str),
}

impl Refusal {
    pub fn text(&self) -> String {
        match self {
            Self::UnknownOperation(name) => format!(
                "System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/{name}'."
            ),
            Self::MissingParameter(name) => {
                format!("System.InvalidOperationException: Missing parameter: {name}.")
            }
        }
    }
}

/// The binding's name of `operation` (as spelled in the WSDL), if it has one, once every
/// parameter is in `form`.
pub(crate) fn check(operation: &str, form: &Form) -> Result<&'static str, Refusal> {
    let (name, parameters) = PARAMETERS
        .iter()
        .find(|(name, _)| *name == operation)
        .ok_or_else(|| Refusal::UnknownOperation(operation.to_owned()))?;
    match parameters.iter().find(|p| !form.0.contains_key(**p)) {
        Some(missing) => Err(Refusal::MissingParameter(missing)),
        None => Ok(name),
    }
}

/// What an operation answers over this binding.
enum Answer {
    Text(Option<String>),
    Allowance(Option<Box<Allowance>>),
}

/// Calls `operation` (checked by [`check`]) with the form's parameters.
pub(crate) async fn call(service: &Operations, operation: &str, form: &Form) -> ServerResponse {
    let p = |name: &str| form.get(name);
    let answer = match operation {
        "Invoice_PatchData_Check" => service
            .invoice_patch_data_check(InvoicePatchDataCheck {
                mem_cid: p("mem_cid"),
                mem_password: p("mem_password").map(Secret::new),
                csv_str: p("csvStr"),
            })
            .await
            .map(|r| Answer::Text(r.invoice_patch_data_check_result)),
        "UploadInvoice_Patch" => service
            .upload_invoice_patch(UploadInvoicePatch {
                mem_cid: p("mem_cid"),
                mem_password: p("mem_password").map(Secret::new),
                csv_str: p("csvStr"),
            })
            .await
            .map(|r| Answer::Text(r.upload_invoice_patch_result)),
        "CancelInvoice_I" => service
            .cancel_invoice_i(CancelInvoiceI {
                mem_cid: p("mem_cid"),
                invoice_no: p("InvoiceNo"),
            })
            .await
            .map(|r| Answer::Text(r.cancel_invoice_i_result)),
        "Check_invoice" => service
            .check_invoice(CheckInvoice {
                mem_cid: p("mem_cid"),
                invoice_no: p("InvoiceNo"),
            })
            .await
            .map(|r| Answer::Text(r.check_invoice_result)),
        "Check_invoiceOrder" => service
            .check_invoice_order(CheckInvoiceOrder {
                mem_cid: p("mem_cid"),
                orderno: p("orderno"),
            })
            .await
            .map(|r| Answer::Text(r.check_invoice_order_result)),
        "Invoice_Info" => service
            .invoice_info(InvoiceInfo {
                mem_cid: p("mem_cid"),
                invoice_no: p("InvoiceNo"),
            })
            .await
            .map(|r| Answer::Text(r.invoice_info_result)),
        "Invoice_Info_orderno" => service
            .invoice_info_orderno(InvoiceInfoOrderno {
                mem_cid: p("mem_cid"),
                order_no: p("OrderNo"),
            })
            .await
            .map(|r| Answer::Text(r.invoice_info_orderno_result)),
        "Get_InvoiceURL_I" => service
            .get_invoice_url_i(GetInvoiceUrlI {
                mem_cid: p("mem_cid"),
                invoice_no: p("InvoiceNo"),
            })
            .await
            .map(|r| Answer::Text(r.get_invoice_url_i_result)),
        "Get_InvoiceURL_O" => service
            .get_invoice_url_o(GetInvoiceUrlO {
                mem_cid: p("mem_cid"),
                order_no: p("OrderNo"),
            })
            .await
            .map(|r| Answer::Text(r.get_invoice_url_o_result)),
        "Sel_Allowance" => service
            .sel_allowance(SelAllowance {
                mem_cid: p("mem_cid"),
                allowance_no: p("AllowanceNo"),
            })
            .await
            .map(|r| Answer::Allowance(r.sel_allowance_result.map(Box::new))),
        "Sel_Allowance_body" => service
            .sel_allowance_body(SelAllowanceBody {
                mem_cid: p("mem_cid"),
                allowance_no: p("AllowanceNo"),
            })
            .await
            .map(|r| Answer::Text(r.sel_allowance_body_result)),
        other => return error_text(&Refusal::UnknownOperation(other.to_owned()).text()),
    };
    match answer {
        Ok(answer) => document(&answer),
        Err(fault) => exception(&fault),
    }
}

/// The answer's XML document.
fn document(answer: &Answer) -> ServerResponse {
    let mut writer = XmlWriter::new(false);
    writer.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    match answer {
        Answer::Text(Some(text)) => writer.value_element(TARGET_NAMESPACE, "string", text),
        Answer::Text(None) => writer.nil_element(TARGET_NAMESPACE, "string"),
        Answer::Allowance(Some(allowance)) => {
            writer.complex_element(TARGET_NAMESPACE, "Allowance", allowance);
        }
        Answer::Allowance(None) => writer.nil_element(TARGET_NAMESPACE, "Allowance"),
    }
    match writer.finish() {
        Ok(body) => ServerResponse {
            status: 200,
            content_type: XML_CONTENT_TYPE,
            body,
        },
        Err(error) => error_text(&format!("System.InvalidOperationException: {error}")),
    }
}

/// A fault of an operation, told as ASP.NET tells an exception over HTTP POST.
pub(crate) fn exception(fault: &Fault) -> ServerResponse {
    error_text(&format!("System.Exception: {}", fault.reason))
}

/// A 500 with an ASP.NET error text.
pub(crate) fn error_text(text: &str) -> ServerResponse {
    ServerResponse {
        status: 500,
        content_type: TEXT_CONTENT_TYPE,
        body: text.as_bytes().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_is_required() {
        let form = Form::parse(b"mem_cid=1&InvoiceNo=AB12345678&InvoiceNo=ignored");
        assert_eq!(check("Check_invoice", &form), Ok("Check_invoice"));
        assert_eq!(
            check("Check_invoiceOrder", &form),
            Err(Refusal::MissingParameter("orderno"))
        );
        assert_eq!(
            check("CancelInvoice", &form),
            Err(Refusal::UnknownOperation("CancelInvoice".into()))
        );
        assert_eq!(form.get("InvoiceNo").as_deref(), Some("AB12345678"));
    }

    #[test]
    fn answers_are_bare_documents_with_escaped_text() {
        let answer = document(&Answer::Text(Some("https://x/?a=1&b=<2>".into())));
        assert_eq!(
            String::from_utf8(answer.body).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<string xmlns=\"https://invoice.PayNow.com.tw/\">https://x/?a=1&amp;b=&lt;2&gt;</string>"
        );
        let allowance = document(&Answer::Allowance(Some(Box::new(Allowance {
            allowance_number: Some("AL1".into()),
            ..Allowance::default()
        }))));
        let body = String::from_utf8(allowance.body).unwrap();
        assert!(body.contains("<Allowance xmlns=\"https://invoice.PayNow.com.tw/\"><AllowanceNumber>AL1</AllowanceNumber></Allowance>"), "{body}");
    }
}
