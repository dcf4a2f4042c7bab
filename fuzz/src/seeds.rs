//! Seed inputs made in code: real requests and answers (the samples of every PayNow
//! operation, and the mock's answers to them, in both SOAP versions) and hostile shapes
//! at a given scale (many namespace declarations, many attributes, deep nesting: the
//! shapes that once made decoding quadratic), also as WSDL documents.

use paynow_einvoice::generated::{TARGET_NAMESPACE, dispatch_pay_now_e_invoice};
use paynow_einvoice::samples;
use soap_runtime::server::encode_fault;
use soap_runtime::{Fault, Limits, SoapVersion, write_request};

const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];

/// The seeds of `target` (named, for file names), hostile shapes sized by `scale`. The
/// `wsdl` target's real seeds are files (`fuzz/seeds/wsdl/`); only its hostile ones are here.
pub fn generated(target: &str, scale: usize) -> Vec<(String, Vec<u8>)> {
    match target {
        "dispatch" => requests()
            .into_iter()
            .chain(hostile(scale, "Check_invoice"))
            .collect(),
        "response" => answers()
            .into_iter()
            .filter(|(name, _)| !name.contains("fault"))
            .chain(hostile(scale, "Check_invoiceResponse"))
            .collect(),
        "fault" => answers()
            .into_iter()
            .filter(|(name, _)| name.contains("fault"))
            .chain(faults())
            .chain(hostile_faults(scale))
            .collect(),
        "wsdl" => hostile_wsdls(scale),
        _ => Vec::new(),
    }
}

fn version_name(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "soap11",
        SoapVersion::Soap12 => "soap12",
    }
}

/// The sample request of every operation, in both versions.
fn requests() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for version in VERSIONS {
        for (operation, body) in samples::requests() {
            let (ns, name) = operation.request;
            let envelope =
                write_request(version, ns, name, &*body, false).expect("the samples are writable");
            seeds.push((format!("{name}-{}", version_name(version)), envelope));
        }
    }
    seeds
}

/// The mock's answer to every sample request (a second `UploadInvoice_Patch` is refused,
/// a void of a voided invoice fails: answers of both kinds), and to two bad requests
/// (faults).
fn answers() -> Vec<(String, Vec<u8>)> {
    let mut requests = requests();
    requests.push(("unknown-fault".into(), envelope("<Nope xmlns=\"urn:x\"/>")));
    requests.push(("empty-body-fault".into(), envelope("")));
    let service = super::dispatch::service();
    let runtime = super::dispatch::runtime();
    requests
        .into_iter()
        .map(|(name, request)| {
            let dispatch = dispatch_pay_now_e_invoice(&service, &request, Limits::default());
            let answer = runtime.block_on(dispatch);
            (format!("{name}-answer"), answer.body)
        })
        .collect()
}

/// Faults as servers write them: with subcodes, actor, node and a detail.
fn faults() -> Vec<(String, Vec<u8>)> {
    VERSIONS
        .into_iter()
        .map(|version| {
            let mut fault = Fault::server(
                version,
                "Server was unable to process request. --> 發票不存在",
            );
            fault.subcodes = vec!["app:Locked".into()];
            fault.actor = Some("https://invoice.paynow.com.tw/".into());
            fault.node = Some("urn:node".into());
            fault.detail =
                Some("<app:reason xmlns:app=\"urn:app\">locked &amp; kept</app:reason>".into());
            (
                format!("full-fault-{}", version_name(version)),
                encode_fault(&fault).body,
            )
        })
        .collect()
}

/// A SOAP 1.1 envelope around `body`, declaring `declarations` on `Envelope`.
fn envelope_with(declarations: &str, body: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope \
         xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"{declarations}>\
         <soap:Body>{body}</soap:Body></soap:Envelope>"
    )
    .into_bytes()
}

fn envelope(body: &str) -> Vec<u8> {
    envelope_with("", body)
}

/// `n` namespace declarations `xmlns:p0` … on one element.
fn declarations(n: usize) -> String {
    (0..n)
        .map(|i| format!(" xmlns:p{i}=\"urn:p{i}\""))
        .collect()
}

/// Hostile shapes around the body element `name` (of the PayNow namespace), at `n`.
fn hostile(n: usize, name: &str) -> Vec<(String, Vec<u8>)> {
    let ns = TARGET_NAMESPACE;
    let prefixed: String = (0..n).map(|i| format!("<p{i}:x/>")).collect();
    let attributes: String = (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let deep = format!("{}{}", "<x>".repeat(n), "</x>".repeat(n));
    let element = |content: &str| format!("<{name} xmlns=\"{ns}\">{content}</{name}>");
    vec![
        (
            format!("{name}-namespaces-{n}"),
            envelope_with(&declarations(n), &element(&prefixed)),
        ),
        (
            format!("{name}-attributes-{n}"),
            envelope_with(&attributes, &element("")),
        ),
        (format!("{name}-deep-{n}"), envelope(&element(&deep))),
    ]
}

/// A fault whose `Envelope` declares `n` namespaces, and one whose detail nests `n` deep.
fn hostile_faults(n: usize) -> Vec<(String, Vec<u8>)> {
    let fault = |detail: &str| {
        format!(
            "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>x</faultstring>\
             <detail>{detail}</detail></soap:Fault>"
        )
    };
    let deep = format!("{}{}", "<d>".repeat(n), "</d>".repeat(n));
    vec![
        (
            format!("fault-namespaces-{n}"),
            envelope_with(&declarations(n), &fault("<p0:reason>r</p0:reason>")),
        ),
        (format!("fault-deep-{n}"), envelope(&fault(&deep))),
    ]
}

/// A one-operation document/literal WSDL whose `definitions` also carries `extra`
/// (declarations, attributes) and whose request element's sequence holds `fields`.
fn wsdl(extra: &str, fields: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:fuzz" targetNamespace="urn:fuzz"{extra}>
<types><xs:schema targetNamespace="urn:fuzz" elementFormDefault="qualified">
<xs:element name="Ping"><xs:complexType><xs:sequence>{fields}</xs:sequence></xs:complexType></xs:element>
<xs:element name="PingResponse"><xs:complexType><xs:sequence><xs:element name="r" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
</xs:schema></types>
<message name="In"><part name="p" element="tns:Ping"/></message>
<message name="Out"><part name="p" element="tns:PingResponse"/></message>
<portType name="P"><operation name="Ping"><input message="tns:In"/><output message="tns:Out"/></operation></portType>
<binding name="B" type="tns:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
<operation name="Ping"><soap:operation soapAction="urn:fuzz/Ping"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation></binding>
<service name="S"><port name="Port" binding="tns:B"><soap:address location="http://localhost/"/></port></service>
</definitions>
"#
    )
    .into_bytes()
}

/// WSDLs with `n` namespace declarations, `n` attributes, `n` fields, and anonymous
/// types nested `n` deep.
fn hostile_wsdls(n: usize) -> Vec<(String, Vec<u8>)> {
    let attributes: String = (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let fields: String = (0..n)
        .map(|i| format!("<xs:element name=\"f{i}\" type=\"xs:string\"/>"))
        .collect();
    let open = "<xs:element name=\"e\"><xs:complexType><xs:sequence>";
    let close = "</xs:sequence></xs:complexType></xs:element>";
    let deep = format!("{}{}", open.repeat(n), close.repeat(n));
    vec![
        (format!("namespaces-{n}.wsdl"), wsdl(&declarations(n), "")),
        (format!("attributes-{n}.wsdl"), wsdl(&attributes, "")),
        (format!("fields-{n}.wsdl"), wsdl("", &fields)),
        (format!("deep-{n}.wsdl"), wsdl("", &deep)),
    ]
}
