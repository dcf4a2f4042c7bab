//! Our CancelInvoice envelopes against the samples on PayNow's own ASMX help page
//! (`shared/seeds/001_…txt`): same element names, order, namespaces and envelope prefix;
//! only the values differ.

use paynow_einvoice::generated::{CancelInvoice, CancelInvoiceResponse, PayNowEInvoiceClient};
use paynow_einvoice::samples;
mod xml_shape;

use soap_runtime::{Limits, SoapVersion, read_response, write_request};
use xml_shape::shape;

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/seeds/001_0b5867bf381a6b76.txt"
    );
    std::fs::read_to_string(path).expect("the seed is in ../shared/seeds")
}

/// The `n`th XML document in the seed (request 1.1, response 1.1, request 1.2, response 1.2).
fn seed_document(n: usize) -> String {
    let seed = seed();
    let start = seed
        .match_indices("<?xml")
        .nth(n)
        .expect("four sample documents")
        .0;
    let end_tag = if seed[start..].contains("<soap12:Envelope") && n >= 2 {
        "</soap12:Envelope>"
    } else {
        "</soap:Envelope>"
    };
    let end = start + seed[start..].find(end_tag).unwrap() + end_tag.len();
    seed[start..end].to_owned()
}

fn our_cancel_invoice(version: SoapVersion) -> String {
    let (ns, name) = PayNowEInvoiceClient::CANCEL_INVOICE.request;
    let request = CancelInvoice {
        obj_invoice: Some(samples::invoice()),
    };
    String::from_utf8(write_request(version, ns, name, &request, true).unwrap()).unwrap()
}

#[test]
fn soap11_request_has_the_seed_shape() {
    assert_eq!(
        shape(&our_cancel_invoice(SoapVersion::Soap11)),
        shape(&seed_document(0))
    );
}

#[test]
fn soap12_request_has_the_seed_shape() {
    assert_eq!(
        shape(&our_cancel_invoice(SoapVersion::Soap12)),
        shape(&seed_document(2))
    );
}

#[test]
fn seed_responses_decode_once_placeholders_are_values() {
    for (n, version) in [(1, SoapVersion::Soap11), (3, SoapVersion::Soap12)] {
        let sample = seed_document(n)
            .replace(">int<", ">42<")
            .replace(">boolean<", ">true<");
        let (ns, name) = PayNowEInvoiceClient::CANCEL_INVOICE.response;
        let response: CancelInvoiceResponse =
            read_response(sample.as_bytes(), version, ns, name, Limits::default(), 200).unwrap();
        let invoice = response.cancel_invoice_result.expect("CancelInvoiceResult");
        assert_eq!(
            (invoice.up_no, invoice.c_id, invoice.send, invoice.state),
            (42, 42, true, 42)
        );
        assert_eq!(
            invoice.loadtype.as_deref(),
            Some("string"),
            "the last of the 60 fields is read"
        );
        assert_eq!(invoice.k_maping_code.as_deref(), Some("string"));
    }
}
