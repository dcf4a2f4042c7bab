//! `fixtures/constructs/names.wsdl`: any XML name gives a valid identifier, operations
//! named like the client's own API get a suffix, and a chain of 100 types held inline
//! compiles (some links boxed) and round-trips. That this file compiles is half the test.

use integration_tests::constructs::names::{
    FromClient, Inner, Link0, Link1, Link2, NamesClient, New, Soap11Endpoint,
    Soap11EndpointElement, T,
};
use integration_tests::fixtures::{read, write};

#[test]
fn operations_named_like_the_client_api_get_suffixes() {
    // The client's own API keeps its names...
    let _: fn(soap_runtime::ClientConfig) -> Result<NamesClient, soap_runtime::SoapError> =
        NamesClient::new;
    let _: fn(soap_runtime::Client) -> NamesClient = NamesClient::from_client;
    assert_eq!(NamesClient::SOAP11_ENDPOINT, "http://127.0.0.1/names");
    // ...and the operations are reached under suffixed names, both spellings of the
    // endpoint constant's name kept apart.
    assert_eq!(NamesClient::NEW.name, "new");
    assert_eq!(NamesClient::SOAP11_ENDPOINT_OP.name, "SOAP11_ENDPOINT");
    assert_eq!(NamesClient::SOAP11_ENDPOINT_OP2.name, "Soap11Endpoint");
    let client = NamesClient::new(soap_runtime::ClientConfig::new(
        NamesClient::SOAP11_ENDPOINT,
        soap_runtime::SoapVersion::Soap11,
    ))
    .unwrap();
    // Each operation's method takes its own request type (element names colliding
    // after conversion get a suffix too).
    drop(client.new_op(&New::default()));
    drop(client.from_client_op(&FromClient::default()));
    drop(client.inner_op(&Inner::default()));
    drop(client.soap11_endpoint(&Soap11Endpoint::default()));
    drop(client.soap11_endpoint_op(&Soap11EndpointElement::default()));
}

#[test]
fn names_outside_identifier_characters_keep_their_wire_names() {
    let xml =
        r#"<New xmlns="urn:names"><x²>a</x²><٣abc>3</٣abc><①T>x²</①T><́accent>b</́accent></New>"#;
    let value: New = read(xml);
    assert_eq!(value.x.as_deref(), Some("a"));
    assert_eq!(value._٣abc, Some(3));
    assert_eq!(value.t, Some(T::X));
    assert_eq!(value._́accent.as_deref(), Some("b"));
    assert_eq!(write("urn:names", "New", &value), xml);
}

#[test]
fn a_chain_of_a_hundred_inline_types_round_trips() {
    // Link0 holds Link1 holds Link2 …: 60 levels of XML, past the first boxed link.
    let mut xml = String::from(r#"<Link0 xmlns="urn:names">"#);
    for i in 1..60 {
        xml.push_str(&format!("<next><!--{i}-->"));
    }
    for _ in 1..60 {
        xml.push_str("</next>");
    }
    xml.push_str("</Link0>");
    let value: Link0 = read(&xml);
    let second: &Link1 = value.next.as_ref().unwrap();
    let third: &Link2 = second.next.as_ref().unwrap();
    assert!(third.next.is_some());
    let written = write("urn:names", "Link0", &value);
    let again: Link0 = read(&written);
    assert_eq!(again, value);
}
