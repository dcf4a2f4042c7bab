//! Generates the PayNow client from `wsdl/PayNowEInvoice.wsdl` at build time.

use std::path::PathBuf;

fn main() {
    let wsdl = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wsdl/PayNowEInvoice.wsdl");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("paynow_einvoice.rs");
    // generate_file prints `cargo:rerun-if-changed` for the WSDL and what it imports.
    // The `blocking` feature adds `generated::blocking`. The merchant password
    // (`mem_password`, and `mem_pw` of the legacy operations) is a `Secret<String>`:
    // `Debug` of a request never shows it.
    let blocking = std::env::var_os("CARGO_FEATURE_BLOCKING").is_some();
    // serde derives: the facade's records (`InvoiceDetails`, …) and the CLI's JSON output
    // hold generated types.
    let generator = soap_codegen::Generator::new()
        .serde(true)
        .blocking_client(blocking)
        .secret_field("mem_password")
        .secret_field("mem_pw");
    if let Err(error) = generator.generate_file(&wsdl, &out) {
        // A build script reports through cargo: the message names file, line and column.
        println!("cargo:warning=cannot generate the PayNow client: {error}");
        std::process::exit(1);
    }
}
