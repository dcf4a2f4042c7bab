//! Fault decoding: an answer envelope read as a client reads a fault (the body type is
//! never reached). A fault that decodes must display, its detail must be XML that stands
//! on its own (as [`Fault::detail`] promises), and written as a server writes it, it
//! must read back the same.

use soap_runtime::server::{encode_fault, inspect_request};
use soap_runtime::{Fault, Limits, RawXml, SoapError, SoapVersion, read_response};

/// A namespace no detail element has: looking it up walks (and so parses) the whole detail.
const NOWHERE: &str = "urn:soap-fuzz:no-such-namespace";

/// The body of the `fault` target.
pub fn run(answer: &[u8]) {
    let version = inspect_request(answer, Limits::default())
        .map(|incoming| incoming.version)
        .unwrap_or(SoapVersion::Soap11);
    match read_fault(answer, version, 500) {
        Ok(fault) => check_fault(&fault),
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

/// Reads `answer` as a client reads an answer of status `status`: the fault it carries,
/// or the error (or value) it reads as instead.
pub fn read_fault(answer: &[u8], version: SoapVersion, status: u16) -> Result<Fault, String> {
    match read_response::<RawXml>(answer, version, "", "", Limits::default(), status) {
        Err(SoapError::Fault { fault, .. }) => Ok(*fault),
        Err(error) => Err(error.to_string()),
        Ok(value) => Err(format!("not a fault: {value:?}")),
    }
}

/// What must hold of any fault a client decoded.
pub fn check_fault(fault: &Fault) {
    let _ = fault.to_string();
    assert!(
        fault.detail_element::<RawXml>(NOWHERE, "none").is_none(),
        "the detail does not stand on its own as XML: {:?}",
        fault.detail
    );
    let written = encode_fault(fault);
    let again = read_fault(&written.body, fault.version, written.status).unwrap_or_else(|e| {
        panic!(
            "{fault:?} as written does not read back as a fault: {e}\n{}",
            String::from_utf8_lossy(&written.body)
        )
    });
    let visible = |f: &Fault| {
        (
            f.version,
            f.code.clone(),
            f.subcodes.clone(),
            f.reason.clone(),
            f.actor.clone(),
            f.node.clone(),
            f.detail.is_some(),
        )
    };
    assert_eq!(
        visible(&again),
        visible(fault),
        "the fault changed through writing and reading"
    );
}
