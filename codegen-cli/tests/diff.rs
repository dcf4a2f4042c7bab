//! `soap-codegen diff` on pairs of WSDLs: the fixture `orders.wsdl` against copies
//! edited one kind of change at a time, and the PayNow WSDL against edited versions of
//! itself. Each case checks the classification (from the JSON report) and snapshots the
//! text report; exit codes follow `--fail-on`.

use std::process::{Command, Output};

const ORDERS: &str = include_str!("fixtures/diff/orders.wsdl");
const PAYNOW: &str = include_str!("../../wsdl/PayNowEInvoice.wsdl");

/// `base` with each `(from, to)` applied; every `from` must occur, so a fixture edit
/// that no longer applies fails loudly instead of testing nothing.
fn edited(base: &str, edits: &[(&str, &str)]) -> String {
    let mut text = base.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "edit target not found: {from}");
        text = text.replace(from, to);
    }
    text
}

/// Writes `old.wsdl` and `new.wsdl` into a fresh folder and runs `soap-codegen diff
/// old.wsdl new.wsdl ARGS` in it (so reports name the files the same on every machine).
fn diff(old: &str, new: &str, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.wsdl"), old).unwrap();
    std::fs::write(dir.path().join("new.wsdl"), new).unwrap();
    Command::new(env!("CARGO_BIN_EXE_soap-codegen"))
        .args(["diff", "old.wsdl", "new.wsdl"])
        .args(args)
        .current_dir(dir.path())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// `(code, location, breaks requests, breaks responses)` of each change, from the JSON
/// report.
fn classified(old: &str, new: &str) -> Vec<(String, String, bool, bool)> {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&diff(old, new, &["--format", "json"]))).unwrap();
    json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_owned(),
                c["location"].as_str().unwrap().to_owned(),
                c["breaks_requests"].as_bool().unwrap(),
                c["breaks_responses"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// Checks that `edits` of the orders fixture give exactly `expected`, and snapshots the
/// text report as `name`.
fn case(name: &str, edits: &[(&str, &str)], expected: &[(&str, &str, bool, bool)]) {
    let new = edited(ORDERS, edits);
    let found = classified(ORDERS, &new);
    let expected: Vec<(String, String, bool, bool)> = expected
        .iter()
        .map(|(c, l, q, s)| (c.to_string(), l.to_string(), *q, *s))
        .collect();
    assert_eq!(found, expected, "{name}");
    let text = stdout(&diff(ORDERS, &new, &[]));
    insta::assert_snapshot!(name, text);
}

const ORDER: &str = "type {urn:shop}Order";
const RECEIPT: &str = "type {urn:shop}Receipt";

#[test]
fn reformatting_and_renamed_prefixes_are_no_change() {
    let new = edited(
        ORDERS,
        &[
            ("xmlns:tns=\"urn:shop\"", "xmlns:shop=\"urn:shop\""),
            ("tns:", "shop:"),
            (
                "<xs:element name=\"Sku\"",
                "\n\n            <xs:element   name=\"Sku\"",
            ),
        ],
    );
    assert_eq!(classified(ORDERS, &new), []);
    let output = diff(ORDERS, &new, &["--fail-on", "any"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "old.wsdl → new.wsdl: 0 changes (0 breaking, 0 compatible)\n"
    );
}

#[test]
fn a_new_required_request_element_breaks_requests() {
    case(
        "required_request_element_added",
        &[(
            r#"<xs:element name="Quantity" type="xs:int"/>"#,
            r#"<xs:element name="Quantity" type="xs:int"/><xs:element name="Currency" type="xs:string"/>"#,
        )],
        &[("element-added", &format!("{ORDER} / Currency"), true, false)],
    );
}

#[test]
fn a_new_optional_response_element_is_compatible() {
    case(
        "optional_response_element_added",
        &[(
            r#"<xs:element name="Total" type="xs:decimal"/>"#,
            r#"<xs:element name="Total" type="xs:decimal"/><xs:element name="Discount" type="xs:decimal" minOccurs="0"/>"#,
        )],
        &[(
            "element-added",
            &format!("{RECEIPT} / Discount"),
            false,
            false,
        )],
    );
}

#[test]
fn a_removed_required_response_element_breaks_responses() {
    case(
        "required_response_element_removed",
        &[(r#"<xs:element name="Total" type="xs:decimal"/>"#, "")],
        &[(
            "element-removed",
            &format!("{RECEIPT} / Total"),
            false,
            true,
        )],
    );
}

#[test]
fn an_element_used_both_ways_breaks_both_when_removed() {
    case(
        "shared_element_removed",
        &[(r#"<xs:element name="City" type="xs:string"/>"#, "")],
        &[(
            "element-removed",
            "type {urn:shop}Address / City",
            true,
            true,
        )],
    );
}

#[test]
fn reordered_request_elements_break_requests() {
    case(
        "request_elements_reordered",
        &[
            (r#"<xs:element name="Sku" type="xs:string"/>"#, "@SKU@"),
            (
                r#"<xs:element name="Quantity" type="xs:int"/>"#,
                r#"<xs:element name="Quantity" type="xs:int"/><xs:element name="Sku" type="xs:string"/>"#,
            ),
            ("@SKU@", ""),
        ],
        &[("elements-reordered", ORDER, true, false)],
    );
}

#[test]
fn a_changed_target_namespace_breaks_everything_that_uses_it() {
    let new = edited(ORDERS, &[("\"urn:shop\"", "\"urn:shop:v2\"")]);
    let found = classified(ORDERS, &new);
    assert!(
        found.iter().all(|c| c.0 == "namespace-changed"),
        "{found:?}"
    );
    let has = |location: &str, requests: bool, responses: bool| {
        let change = (
            "namespace-changed".to_owned(),
            location.to_owned(),
            requests,
            responses,
        );
        assert!(found.contains(&change), "{change:?} not in {found:?}");
    };
    has("element {urn:shop:v2}PlaceOrder", true, false);
    has("element {urn:shop:v2}PlaceOrderResponse", false, true);
    has("type {urn:shop:v2}Address / Street", true, true);
    // Type names are not on the wire: only their elements' namespaces matter.
    has("type {urn:shop:v2}Address", false, false);
    has(
        "operation PlaceOrder / request / part parameters",
        true,
        false,
    );
    insta::assert_snapshot!("target_namespace_changed", stdout(&diff(ORDERS, &new, &[])));
}

#[test]
fn occurrence_and_nillable_changes_break_the_side_that_can_no_longer_cope() {
    case(
        "occurrences_changed",
        &[
            (
                r#"<xs:element name="Number" type="xs:string"/>"#,
                r#"<xs:element name="Number" type="xs:string" maxOccurs="unbounded"/>"#,
            ),
            (
                r#"<xs:element name="Status" type="tns:Status"/>"#,
                r#"<xs:element name="Status" type="tns:Status" minOccurs="0"/>"#,
            ),
            (
                r#"<xs:element name="Note" type="xs:string" minOccurs="0"/>"#,
                r#"<xs:element name="Note" type="xs:string"/>"#,
            ),
            (
                r#"<xs:element name="Total" type="xs:decimal"/>"#,
                r#"<xs:element name="Total" type="xs:decimal" nillable="true"/>"#,
            ),
            (
                r#"<xs:element name="Sku" type="xs:string"/>"#,
                r#"<xs:element name="Sku" type="xs:string" maxOccurs="unbounded"/>"#,
            ),
        ],
        &[
            (
                "min-occurs-changed",
                &format!("{ORDER} / Note"),
                true,
                false,
            ),
            (
                "max-occurs-changed",
                &format!("{RECEIPT} / Number"),
                false,
                true,
            ),
            (
                "min-occurs-changed",
                &format!("{RECEIPT} / Status"),
                false,
                true,
            ),
            (
                "nillable-changed",
                &format!("{RECEIPT} / Total"),
                false,
                true,
            ),
            (
                "max-occurs-changed",
                &format!("{ORDER} / Sku"),
                false,
                false,
            ),
        ],
    );
}

#[test]
fn a_narrowed_request_type_and_a_widened_response_type_break() {
    case(
        "types_changed",
        &[
            (
                r#"name="Quantity" type="xs:int""#,
                r#"name="Quantity" type="xs:short""#,
            ),
            (
                r#"name="Total" type="xs:decimal""#,
                r#"name="Total" type="xs:string""#,
            ),
            (
                r#"name="Sku" type="xs:string""#,
                r#"name="Sku" type="xs:token""#,
            ),
        ],
        &[
            ("type-changed", &format!("{ORDER} / Quantity"), true, false),
            ("type-changed", &format!("{ORDER} / Sku"), true, false),
            ("type-changed", &format!("{RECEIPT} / Total"), false, true),
        ],
    );
}

#[test]
fn a_new_value_of_a_received_enumeration_breaks_responses() {
    case(
        "enumeration_values_changed",
        &[(
            r#"<xs:enumeration value="Rejected"/>"#,
            r#"<xs:enumeration value="Held"/>"#,
        )],
        &[
            ("enum-value-added", "type {urn:shop}Status", false, true),
            ("enum-value-removed", "type {urn:shop}Status", false, false),
        ],
    );
}

const PING_PORT_TYPE: &str = r#"<wsdl:operation name="Ping">
      <wsdl:input message="tns:PingIn"/>
      <wsdl:output message="tns:PingOut"/>
    </wsdl:operation>"#;
const PING_BINDING: &str = r#"<wsdl:operation name="Ping">
      <soap:operation soapAction="urn:shop/Ping"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>"#;

#[test]
fn a_removed_operation_breaks_requests_and_a_new_one_is_compatible() {
    let without_ping = edited(ORDERS, &[(PING_PORT_TYPE, ""), (PING_BINDING, "")]);
    let removed = classified(ORDERS, &without_ping);
    assert_eq!(
        removed,
        [(
            "operation-removed".to_owned(),
            "operation Ping".to_owned(),
            true,
            false
        )]
    );
    let added = classified(&without_ping, ORDERS);
    assert_eq!(
        added,
        [(
            "operation-added".to_owned(),
            "operation Ping".to_owned(),
            false,
            false
        )]
    );
    insta::assert_snapshot!(
        "operation_removed",
        stdout(&diff(ORDERS, &without_ping, &[]))
    );
}

#[test]
fn soap_action_version_and_address_changes() {
    case(
        "binding_changed",
        &[
            ("urn:shop/Ping\"", "urn:shop/Ping2\""),
            (
                "http://schemas.xmlsoap.org/wsdl/soap/\"",
                "http://schemas.xmlsoap.org/wsdl/soap12/\"",
            ),
            ("http://shop.example/soap", "https://shop.example/v2/soap"),
        ],
        &[
            ("soap-version-changed", "binding ShopSoap", true, true),
            (
                "soap-action-changed",
                "binding ShopSoap / operation Ping",
                true,
                false,
            ),
            (
                "address-changed",
                "service Shop / port ShopSoap",
                false,
                false,
            ),
        ],
    );
}

#[test]
fn documentation_is_compatible() {
    case(
        "documentation_added",
        &[(
            r#"<xs:complexType name="Address">"#,
            r#"<xs:complexType name="Address"><xs:annotation><xs:documentation>Where to ship.</xs:documentation></xs:annotation>"#,
        )],
        &[(
            "documentation-changed",
            "type {urn:shop}Address",
            false,
            false,
        )],
    );
}

/// The PayNow WSDL as a plausible next release: a status field on allowances, an invoice
/// field becoming required, a wider number, a new soapAction, a moved endpoint.
fn paynow_next_release() -> String {
    edited(
        PAYNOW,
        &[
            (
                r#"<s:element minOccurs="0" maxOccurs="1" name="InvoiceNumber" type="s:string" />
        </s:sequence>
      </s:complexType>
      <s:element name="Sel_Allowance_body">"#,
                r#"<s:element minOccurs="0" maxOccurs="1" name="InvoiceNumber" type="s:string" />
          <s:element minOccurs="1" maxOccurs="1" name="Status" type="s:int" />
        </s:sequence>
      </s:complexType>
      <s:element name="Sel_Allowance_body">"#,
            ),
            // The invoice's kMapingCode only (Sel_Invoice_body_mem_cid and the line items
            // have their own).
            (
                r#"<s:element minOccurs="1" maxOccurs="1" name="Send" type="s:boolean" />
          <s:element minOccurs="0" maxOccurs="1" name="kMapingCode" type="s:string" />"#,
                r#"<s:element minOccurs="1" maxOccurs="1" name="Send" type="s:boolean" />
          <s:element minOccurs="1" maxOccurs="1" name="kMapingCode" type="s:string" />"#,
            ),
            (
                r#"<s:element minOccurs="1" maxOccurs="1" name="Up_no" type="s:int" />"#,
                r#"<s:element minOccurs="1" maxOccurs="1" name="Up_no" type="s:long" />"#,
            ),
            (
                r#"<soap12:operation soapAction="https://invoice.PayNow.com.tw/Check_invoice" "#,
                r#"<soap12:operation soapAction="https://invoice.PayNow.com.tw/Check_invoice_v2" "#,
            ),
            (
                r#"<soap:address location="https://invoice.paynow.com.tw/PayNowEInvoice.asmx" />"#,
                r#"<soap:address location="https://invoice2.paynow.com.tw/PayNowEInvoice.asmx" />"#,
            ),
        ],
    )
}

#[test]
fn paynow_against_its_next_release_in_every_format() {
    let new = paynow_next_release();
    let found = classified(PAYNOW, &new);
    let codes: Vec<&str> = found.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        codes,
        [
            "soap-action-changed",
            "type-changed",
            "min-occurs-changed",
            "address-changed",
            "element-added",
        ],
        "{found:?}"
    );
    insta::assert_snapshot!("paynow_text", stdout(&diff(PAYNOW, &new, &[])));
    insta::assert_snapshot!(
        "paynow_markdown",
        stdout(&diff(PAYNOW, &new, &["--format", "markdown"]))
    );
    insta::assert_snapshot!(
        "paynow_json",
        stdout(&diff(PAYNOW, &new, &["--format", "json"]))
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    let breaking = paynow_next_release();
    let compatible = edited(
        PAYNOW,
        &[(
            r#"<soap:address location="https://invoice.paynow.com.tw/PayNowEInvoice.asmx" />"#,
            r#"<soap:address location="https://invoice2.paynow.com.tw/PayNowEInvoice.asmx" />"#,
        )],
    );
    let code = |new: &str, args: &[&str]| diff(PAYNOW, new, args).status.code();
    assert_eq!(code(&breaking, &[]), Some(0), "no --fail-on: report only");
    assert_eq!(code(&breaking, &["--fail-on", "breaking"]), Some(1));
    assert_eq!(code(&compatible, &["--fail-on", "breaking"]), Some(0));
    assert_eq!(code(&compatible, &["--fail-on", "any"]), Some(1));
    assert_eq!(code(PAYNOW, &["--fail-on", "any"]), Some(0));
    // A WSDL that cannot be read is an input error (3), never "no changes".
    let broken = diff(PAYNOW, "<not-wsdl/>", &["--fail-on", "any"]);
    assert_eq!(broken.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("new.wsdl"),
        "the error names the file"
    );
}
