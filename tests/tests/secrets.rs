//! Secrets by structure (issue 11): the fields `Generator::secret_field` names are
//! `Secret<String>`, whose `Debug` masks the value while the wire carries it; the facade's
//! and the mock's configurations mask their password the same way.

use std::path::PathBuf;

use paynow_einvoice::generated::{GetInvoiceNumberParamIntUuid, InvoicePatchDataCheck};
use paynow_einvoice::{Config, Credentials, Environment};
use paynow_mock::MockConfig;
use soap_runtime::{SoapVersion, write_request};

const PASSWORD: &str = "pa55-<&>-word";

fn paynow_wsdl() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wsdl/PayNowEInvoice.wsdl")
}

#[test]
fn the_generator_option_types_the_named_fields_as_secrets() {
    let marked = soap_codegen::Generator::new()
        .secret_field("mem_password")
        .generate(paynow_wsdl())
        .unwrap();
    assert!(marked.contains("pub mem_password: Option<::soap_runtime::Secret<String>>,"));
    assert!(
        marked.contains("pub mem_pw: Option<String>,"),
        "only the fields named"
    );
    let plain = soap_codegen::Generator::new()
        .generate(paynow_wsdl())
        .unwrap();
    assert!(plain.contains("pub mem_password: Option<String>,"));
    assert!(!plain.contains("Secret<"));
}

#[test]
fn requests_mask_the_password_in_debug_and_send_it_on_the_wire() {
    let check = InvoicePatchDataCheck {
        mem_cid: Some("70828783".into()),
        mem_password: Some(PASSWORD.into()),
        csv_str: Some("x".into()),
    };
    let numbers = GetInvoiceNumberParamIntUuid {
        mem_cid: Some("70828783".into()),
        mem_pw: Some(PASSWORD.into()),
        paramint: 1,
        uuid: None,
    };
    for debug in [format!("{check:?}"), format!("{numbers:?}")] {
        assert!(!debug.contains("pa55"), "{debug}");
        assert!(debug.contains("Some(********)"), "{debug}");
    }
    let (ns, name) =
        paynow_einvoice::generated::PayNowEInvoiceClient::INVOICE_PATCH_DATA_CHECK.request;
    let wire =
        String::from_utf8(write_request(SoapVersion::Soap11, ns, name, &check, false).unwrap())
            .unwrap();
    assert!(
        wire.contains("<mem_password>pa55-&lt;&amp;&gt;-word</mem_password>"),
        "{wire}"
    );
    assert_eq!(
        serde_json::to_value(&check).unwrap()["mem_password"],
        PASSWORD,
        "serde carries the value"
    );
}

#[test]
fn configurations_mask_the_password() {
    let config = Config::new(
        Credentials::new("70828783", PASSWORD),
        Environment::Test,
        SoapVersion::Soap12,
    );
    let mock = MockConfig::new("70828783", PASSWORD);
    for debug in [format!("{config:?}"), format!("{mock:?}")] {
        assert!(!debug.contains("pa55"), "{debug}");
        assert!(debug.contains("mem_password: ********"), "{debug}");
    }
    assert_eq!(mock.mem_password.expose_str(), PASSWORD);
}
