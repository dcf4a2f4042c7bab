//! The six operations added from PayNow's stored ASMX help pages
//! (`shared/reference/paynow-help-pages/`): our SOAP 1.1 request envelopes against each
//! page's sample (same element names, order, namespaces and prefix; only values differ),
//! and each page's response sample, as far as it was stored, decoding with the generated
//! types even with an element no page shows added (the tails of the results are unknown).

mod xml_shape;

use paynow_einvoice::generated::*;
use paynow_einvoice::samples;
use quick_xml::Reader;
use quick_xml::events::Event;
use soap_runtime::{FromXml, Limits, Operation, SoapVersion, read_response, write_request};
use xml_shape::shape;

/// The help page stored for `operation`.
fn page(operation: &str) -> String {
    let path = format!(
        "{}/../../shared/reference/paynow-help-pages/{operation}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The XML document of the page's section headed `heading` (`== SOAP 1.1 request ==`),
/// up to the envelope's end or to where the stored copy is cut.
fn section(page: &str, heading: &str) -> String {
    let start = page.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    let rest = &page[start..];
    let xml = &rest[rest.find("<?xml").expect("a sample document")..];
    let end = ["</soap:Envelope>", "\n[stored copy ends here"]
        .iter()
        .filter_map(|mark| {
            xml.find(mark)
                .map(|at| at + if mark.starts_with('<') { mark.len() } else { 0 })
        })
        .min()
        .expect("the sample ends or is cut");
    xml[..end].to_owned()
}

/// `cut` (a document cut anywhere) closed again: cut after the last `keep_through` (a
/// closing tag; the value or item cut in the middle is left out), an element no page
/// shows added to the innermost open element, and every open element closed.
/// Placeholders `int` and `boolean` become values.
fn completed(cut: &str, keep_through: &str, tail: &str) -> String {
    let end = cut.rfind(keep_through).expect("the tag kept through") + keep_through.len();
    let mut xml = cut[..end].to_owned();
    xml.push_str(tail);
    let mut open: Vec<String> = Vec::new();
    let mut reader = Reader::from_str(&xml);
    loop {
        match reader.read_event().expect("well-formed up to the cut") {
            Event::Start(e) => open.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap()),
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let added = "<AddedLater>not in any help page</AddedLater>";
    if open.is_empty() {
        // A whole document: the element goes after the result.
        let response_end = xml
            .rfind("Response>")
            .and_then(|at| xml[..at].rfind("</"))
            .expect("a response element");
        xml.insert_str(response_end, added);
    } else {
        xml.push_str(added);
    }
    for name in open.iter().rev() {
        xml.push_str(&format!("</{name}>"));
    }
    xml.replace(">int<", ">42<").replace(">boolean<", ">true<")
}

fn request_of(operation: &Operation) -> String {
    let (_, request) = samples::requests()
        .into_iter()
        .find(|(candidate, _)| candidate.name == operation.name)
        .expect("a sample request per operation");
    let (ns, name) = operation.request;
    String::from_utf8(write_request(SoapVersion::Soap11, ns, name, &*request, true).unwrap())
        .unwrap()
}

/// The page's SOAP 1.1 response sample, completed (see [`completed`]), decoded.
fn decode<T: FromXml>(operation: &Operation, keep_through: &str) -> T {
    decode_with_tail(operation, keep_through, "")
}

/// As [`decode`], `tail` added after `keep_through`.
fn decode_with_tail<T: FromXml>(operation: &Operation, keep_through: &str, tail: &str) -> T {
    let sample = completed(
        &section(&page(operation.name), "== SOAP 1.1 response"),
        keep_through,
        tail,
    );
    let (ns, name) = operation.response;
    read_response(
        sample.as_bytes(),
        SoapVersion::Soap11,
        ns,
        name,
        Limits::default(),
        200,
    )
    .unwrap_or_else(|e| panic!("{}: {e}\n{sample}", operation.name))
}

const ADDED: [Operation; 6] = [
    PayNowEInvoiceClient::SELECT_INVOICE,
    PayNowEInvoiceClient::SEL_INVOICE_BODY_MEM_CID,
    PayNowEInvoiceClient::SEL_ALLOWANCE_DATA,
    PayNowEInvoiceClient::CANCEL_INVOICE_S,
    PayNowEInvoiceClient::GET_INVOICE_TRACK_LIST,
    PayNowEInvoiceClient::GET_INVOICE_NUMBER_PARAM_INT_UUID,
];

#[test]
fn soap11_requests_have_the_help_page_shape() {
    for operation in ADDED {
        let sample = section(&page(operation.name), "== SOAP 1.1 request ==");
        assert_eq!(
            shape(&request_of(&operation)),
            shape(&sample),
            "{}",
            operation.name
        );
    }
}

#[test]
fn soap_actions_are_the_help_pages() {
    for operation in ADDED {
        let header = format!(
            "SOAPAction: {}",
            SoapVersion::Soap11
                .soap_action_header(operation.action(SoapVersion::Soap11).unwrap())
                .unwrap()
        );
        assert!(page(operation.name).contains(&header), "{header}");
    }
}

#[test]
fn select_invoice_sample_decodes_as_an_invoice() {
    // The WSDL's guess: the fields after the cut are ObjInvoice's, as on the CancelInvoice page.
    let cancel = section(&page("CancelInvoice"), "== SOAP 1.1 response");
    let tail =
        &cancel[cancel.find("<Quantity>").unwrap()..cancel.find("</CancelInvoiceResult>").unwrap()];
    let answer: SelectInvoiceResponse = decode_with_tail(
        &PayNowEInvoiceClient::SELECT_INVOICE,
        "</Description>",
        tail,
    );
    let invoice = answer.select_invoice_result.expect("SelectInvoiceResult");
    assert_eq!((invoice.up_no, invoice.c_id, invoice.send), (42, 42, true));
    assert_eq!(invoice.order_no.as_deref(), Some("string"));
    assert_eq!(invoice.description.as_deref(), Some("string"));
    assert_eq!(
        invoice.loadtype.as_deref(),
        Some("string"),
        "ObjInvoice's last field"
    );
}

#[test]
fn sel_invoice_body_sample_decodes_every_item() {
    let answer: SelInvoiceBodyMemCidResponse = decode(
        &PayNowEInvoiceClient::SEL_INVOICE_BODY_MEM_CID,
        "</Obj_Invoice_bodyInfo>",
    );
    let items = answer
        .sel_invoice_body_mem_cid_result
        .expect("Sel_Invoice_body_mem_cidResult")
        .obj_invoice_body_info;
    assert_eq!(
        items.len(),
        1,
        "the whole item; the cut second one is left out"
    );
    let first = items[0].as_ref().expect("an item");
    assert_eq!(first.orderno.as_deref(), Some("string"));
    assert!(first.allowance_status);
    assert_eq!(
        first.invoice_date.as_deref(),
        Some("string"),
        "the 17th field"
    );
}

#[test]
fn sel_allowance_data_sample_decodes() {
    let answer: SelAllowanceDataResponse = decode(
        &PayNowEInvoiceClient::SEL_ALLOWANCE_DATA,
        "</InvoiceNumber>",
    );
    let items = answer
        .sel_allowance_data_result
        .expect("Sel_AllowanceDataResult")
        .obj_allowance_info;
    let first = items[0].as_ref().expect("an allowance");
    assert_eq!(first.allowance_number.as_deref(), Some("string"));
    assert_eq!(
        first.invoice_number.as_deref(),
        Some("string"),
        "the 16th field"
    );
}

#[test]
fn cancel_invoice_s_sample_decodes() {
    let answer: CancelInvoiceSResponse =
        decode(&PayNowEInvoiceClient::CANCEL_INVOICE_S, "</soap:Envelope>");
    assert_eq!(answer.cancel_invoice_s_result.as_deref(), Some("string"));
}

#[test]
fn invoice_track_list_sample_decodes() {
    let answer: GetInvoiceTrackListResponse =
        decode(&PayNowEInvoiceClient::GET_INVOICE_TRACK_LIST, "<Trackinfo>");
    let list = answer
        .get_invoice_track_list_result
        .expect("getInvoiceTrackListResult");
    assert_eq!(list.trackinfo.expect("Trackinfo").string.len(), 2);
    assert_eq!(list.num_end.as_deref(), Some("string"));
    assert_eq!(list.password.as_deref(), Some("string"));
    assert_eq!(list.trackinfos.expect("trackinfos").trackinfo.len(), 1);
}

#[test]
fn invoice_number_sample_decodes() {
    let answer: GetInvoiceNumberParamIntUuidResponse = decode(
        &PayNowEInvoiceClient::GET_INVOICE_NUMBER_PARAM_INT_UUID,
        "</soap:Envelope>",
    );
    let result = answer
        .get_invoice_number_param_int_uuid_result
        .expect("GetInvoiceNumber_ParamIntUUIDResult");
    let numbers = result
        .invoice_number_list
        .expect("InvoiceNumberList")
        .string;
    assert_eq!(
        numbers,
        vec![Some("string".to_owned()), Some("string".to_owned())]
    );
    assert_eq!(result.error_msg.as_deref(), Some("string"));
}
