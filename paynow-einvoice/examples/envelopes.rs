//! Prints every operation's request as it goes on the wire, in SOAP 1.1 and SOAP 1.2:
//! the HTTP headers the client sends and the envelope, filled with the sample values.

use paynow_einvoice::samples;
use soap_runtime::{SoapVersion, write_request};

fn main() -> Result<(), soap_runtime::SoapError> {
    for (operation, request) in samples::requests() {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let action = operation.action(version).unwrap_or_default();
            let (ns, name) = operation.request;
            let envelope = write_request(version, ns, name, &*request, true)?;
            println!("=== {} over {version} ===", operation.name);
            println!("POST /PayNowEInvoice.asmx HTTP/1.1");
            println!("Content-Type: {}", version.content_type(action));
            if let Some(soap_action) = version.soap_action_header(action) {
                println!("SOAPAction: {soap_action}");
            }
            println!();
            println!("{}\n", String::from_utf8_lossy(&envelope));
        }
    }
    Ok(())
}
