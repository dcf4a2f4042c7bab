//! The server side, for generated server traits (mocks, test doubles, real services):
//! read a request envelope, write a response or a fault.

use crate::envelope::{Decoding, Framing, read_decoded, write_framed};
use crate::fault::Fault;
use crate::version::SoapVersion;
use crate::xml::{
    DecodeError, EncodeError, FromXml, Limits, ToXml, XSD_NS, XSI_NS, XmlReader, XmlWriter,
    is_forbidden_in_xml,
};

/// An HTTP answer for a SOAP request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerResponse {
    /// HTTP status: 200, or the fault's status.
    pub status: u16,
    /// The `Content-Type` for the version.
    pub content_type: &'static str,
    /// The envelope.
    pub body: Vec<u8>,
}

/// What a request carries: its SOAP version (told by its envelope namespace) and the
/// name of its first body element, which says which operation it calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingRequest {
    /// The envelope's version.
    pub version: SoapVersion,
    /// Namespace of the body element.
    pub namespace: String,
    /// Local name of the body element.
    pub name: String,
}

/// Reads enough of `body` to route it. A body that is not a SOAP envelope gets a
/// Sender/Client fault (as SOAP 1.1 when the version cannot be told); faults are boxed
/// because they are large and only on the unhappy path.
pub fn inspect_request(body: &[u8], limits: Limits) -> Result<IncomingRequest, Box<Fault>> {
    let fallback = SoapVersion::Soap11;
    let mut reader = XmlReader::new(body, limits).map_err(|e| decode_fault(fallback, &e))?;
    let envelope = reader.root().map_err(|e| decode_fault(fallback, &e))?;
    let version = reader
        .namespace_of(&envelope)
        .and_then(|ns| SoapVersion::from_envelope_namespace(&ns))
        .filter(|v| reader.has_name(&envelope, v.envelope_namespace(), "Envelope"))
        .ok_or_else(|| {
            Fault::client(
                fallback,
                "the request is not a SOAP 1.1 or SOAP 1.2 envelope",
            )
        })?;
    let env_ns = version.envelope_namespace();
    let mut parts = reader.children(&envelope);
    while let Some(part) = reader
        .next_child(&mut parts)
        .map_err(|e| decode_fault(version, &e))?
    {
        if !reader.has_name(&part, env_ns, "Body") {
            reader.skip(part).map_err(|e| decode_fault(version, &e))?;
            continue;
        }
        let mut children = reader.children(&part);
        let first = reader
            .next_child(&mut children)
            .map_err(|e| decode_fault(version, &e))?
            .ok_or_else(|| Box::new(Fault::client(version, "the SOAP Body is empty")))?;
        let namespace = reader
            .namespace_of(&first)
            .map(|n| String::from_utf8_lossy(&n).into_owned())
            .unwrap_or_default();
        let name = String::from_utf8_lossy(first.local_name()).into_owned();
        return Ok(IncomingRequest {
            version,
            namespace,
            name,
        });
    }
    Err(Box::new(Fault::client(version, "the envelope has no Body")))
}

/// Decodes the request body element (`ns`, `name`) as `T`.
pub fn decode_request<T: FromXml>(
    body: &[u8],
    version: SoapVersion,
    ns: &str,
    name: &str,
    limits: Limits,
) -> Result<T, Box<Fault>> {
    decode_request_with_headers::<T, ()>(body, version, ns, name, limits).map(|(value, _)| value)
}

/// Decodes the request body element (`ns`, `name`) as `T` and its `Header` as `H` (a
/// generated `…Headers` struct; a required block that is missing is a Client fault).
pub fn decode_request_with_headers<T: FromXml, H: FromXml>(
    body: &[u8],
    version: SoapVersion,
    ns: &str,
    name: &str,
    limits: Limits,
) -> Result<(T, H), Box<Fault>> {
    decode(body, version, (ns, name), limits, false)
}

/// Like [`decode_request`], for a SOAP-encoded request: multi-reference values are
/// resolved first.
pub fn decode_encoded_request<T: FromXml>(
    body: &[u8],
    version: SoapVersion,
    ns: &str,
    name: &str,
    limits: Limits,
) -> Result<T, Box<Fault>> {
    decode::<T, ()>(body, version, (ns, name), limits, true).map(|(value, ())| value)
}

fn decode<T: FromXml, H: FromXml>(
    body: &[u8],
    version: SoapVersion,
    (ns, name): (&str, &str),
    limits: Limits,
    encoded: bool,
) -> Result<(T, H), Box<Fault>> {
    let decoding = Decoding {
        version,
        ns,
        name,
        limits,
        encoded,
        deadline: None,
    };
    read_decoded(body, decoding, 0).map_err(|e| match e {
        crate::SoapError::Decode(e) => decode_fault(version, &e),
        other => Box::new(Fault::client(version, other.to_string())),
    })
}

/// A 200 answer carrying `value` as body element (`ns`, `name`).
pub fn encode_response<T: ToXml + ?Sized>(
    version: SoapVersion,
    ns: &'static str,
    name: &'static str,
    value: &T,
) -> ServerResponse {
    encode_response_with_headers(version, None, ns, name, value)
}

/// Like [`encode_response`], with the header blocks of `headers` in a `Header`.
pub fn encode_response_with_headers<T: ToXml + ?Sized>(
    version: SoapVersion,
    headers: Option<&dyn ToXml>,
    ns: &'static str,
    name: &'static str,
    value: &T,
) -> ServerResponse {
    encode(version, headers, (ns, name), value, false)
}

/// Like [`encode_response`], SOAP-encoded (with `xsi:type`).
pub fn encode_encoded_response<T: ToXml + ?Sized>(
    version: SoapVersion,
    ns: &'static str,
    name: &'static str,
    value: &T,
) -> ServerResponse {
    encode(version, None, (ns, name), value, true)
}

fn encode<T: ToXml + ?Sized>(
    version: SoapVersion,
    headers: Option<&dyn ToXml>,
    element: (&'static str, &'static str),
    value: &T,
    encoded: bool,
) -> ServerResponse {
    let framing = Framing {
        version,
        indent: false,
        encoded,
        mask_secrets: false,
    };
    match write_framed(framing, headers, &[], element, value) {
        Ok(body) => ServerResponse {
            status: 200,
            content_type: version.response_content_type(),
            body,
        },
        // A value XML cannot carry is the server's own fault.
        Err(e) => encode_fault(&Fault::server(version, e.to_string())),
    }
}

/// The fault's envelope, with the status its version prescribes. Characters XML cannot
/// carry in its texts (a reason quoting a hostile request, say) are written as U+FFFD,
/// as lossy UTF-8 decoding does: the answer stays an envelope the client can read.
pub fn encode_fault(fault: &Fault) -> ServerResponse {
    let body = write_fault(fault).unwrap_or_else(|_| {
        let writable = |text: &str| -> String {
            text.chars()
                .map(|c| {
                    if is_forbidden_in_xml(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect()
        };
        let fault = Fault {
            code: writable(&fault.code),
            subcodes: fault.subcodes.iter().map(|s| writable(s)).collect(),
            reason: writable(&fault.reason),
            actor: fault.actor.as_deref().map(writable),
            node: fault.node.as_deref().map(writable),
            ..fault.clone()
        };
        // Only texts are checked, and they are writable now.
        write_fault(&fault).unwrap_or_else(|e| format!("<!-- {e} -->").into_bytes())
    });
    ServerResponse {
        status: fault.version.fault_status(fault),
        content_type: fault.version.response_content_type(),
        body,
    }
}

/// The fault's envelope; an error if one of its texts holds what XML cannot carry.
fn write_fault(fault: &Fault) -> Result<Vec<u8>, EncodeError> {
    let version = fault.version;
    let mut w = XmlWriter::new(false);
    w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    let (envelope, body, fault_name) = match version {
        SoapVersion::Soap11 => ("soap:Envelope", "soap:Body", "soap:Fault"),
        SoapVersion::Soap12 => ("soap12:Envelope", "soap12:Body", "soap12:Fault"),
    };
    w.start_prefixed(
        envelope,
        &[
            ("xsi", XSI_NS),
            ("xsd", XSD_NS),
            (version.envelope_prefix(), version.envelope_namespace()),
        ],
    );
    w.start_prefixed(body, &[]);
    w.start_prefixed(fault_name, &[]);
    match version {
        SoapVersion::Soap11 => {
            w.value_element("", "faultcode", &fault.code);
            w.value_element("", "faultstring", &fault.reason);
            if let Some(actor) = &fault.actor {
                w.value_element("", "faultactor", actor);
            }
            if let Some(detail) = &fault.detail {
                w.start("", "detail");
                w.raw(detail);
                w.end();
            }
        }
        SoapVersion::Soap12 => {
            w.start_prefixed("soap12:Code", &[]);
            w.start_prefixed("soap12:Value", &[]);
            w.text(&fault.code);
            w.end();
            for subcode in &fault.subcodes {
                w.start_prefixed("soap12:Subcode", &[]);
                w.start_prefixed("soap12:Value", &[]);
                w.text(subcode);
                w.end();
            }
            for _ in &fault.subcodes {
                w.end();
            }
            w.end();
            w.start_prefixed("soap12:Reason", &[]);
            w.start_prefixed("soap12:Text", &[]);
            w.attribute("xml:lang", "en");
            w.text(&fault.reason);
            w.end();
            w.end();
            if let Some(node) = &fault.node {
                w.start_prefixed("soap12:Node", &[]);
                w.text(node);
                w.end();
            }
            if let Some(role) = &fault.actor {
                w.start_prefixed("soap12:Role", &[]);
                w.text(role);
                w.end();
            }
            if let Some(detail) = &fault.detail {
                w.start_prefixed("soap12:Detail", &[]);
                w.raw(detail);
                w.end();
            }
        }
    }
    w.finish()
}

fn decode_fault(version: SoapVersion, error: &DecodeError) -> Box<Fault> {
    Box::new(Fault::client(
        version,
        format!("cannot read the request: {error}"),
    ))
}

/// Decodes the request of `operation`, calls `call` with it and encodes its answer:
/// the body of each arm of a generated dispatch function. A fault is answered in the
/// request's SOAP version ([`Fault::for_version`]).
pub async fn handle<Req, Resp, F>(
    request: &[u8],
    version: SoapVersion,
    operation: &crate::Operation,
    limits: Limits,
    call: impl FnOnce(Req) -> F,
) -> ServerResponse
where
    Req: FromXml,
    Resp: ToXml,
    F: std::future::Future<Output = Result<Resp, Fault>>,
{
    let no_headers = |(), body| async { call(body).await.map(|r| (r, None::<()>)) };
    handle_with_headers(request, version, operation, limits, no_headers).await
}

/// Like [`handle`], for an operation that declares SOAP headers: `call` gets the request
/// headers (`ReqHeaders`, `()` when the request declares none) and the body, and answers
/// with the response and its headers, if the response declares any.
pub async fn handle_with_headers<Req, ReqHeaders, Resp, RespHeaders, F>(
    request: &[u8],
    version: SoapVersion,
    operation: &crate::Operation,
    limits: Limits,
    call: impl FnOnce(ReqHeaders, Req) -> F,
) -> ServerResponse
where
    Req: FromXml,
    ReqHeaders: FromXml,
    Resp: ToXml,
    RespHeaders: ToXml,
    F: std::future::Future<Output = Result<(Resp, Option<RespHeaders>), Fault>>,
{
    handle_framed(request, version, operation, limits, false, call).await
}

/// Like [`handle`], for an rpc/encoded operation: the request is read and the answer
/// written SOAP-encoded.
pub async fn handle_encoded<Req, Resp, F>(
    request: &[u8],
    version: SoapVersion,
    operation: &crate::Operation,
    limits: Limits,
    call: impl FnOnce(Req) -> F,
) -> ServerResponse
where
    Req: FromXml,
    Resp: ToXml,
    F: std::future::Future<Output = Result<Resp, Fault>>,
{
    let no_headers = |(), body| async { call(body).await.map(|r| (r, None::<()>)) };
    handle_framed(request, version, operation, limits, true, no_headers).await
}

async fn handle_framed<Req, ReqHeaders, Resp, RespHeaders, F>(
    request: &[u8],
    version: SoapVersion,
    operation: &crate::Operation,
    limits: Limits,
    encoded: bool,
    call: impl FnOnce(ReqHeaders, Req) -> F,
) -> ServerResponse
where
    Req: FromXml,
    ReqHeaders: FromXml,
    Resp: ToXml,
    RespHeaders: ToXml,
    F: std::future::Future<Output = Result<(Resp, Option<RespHeaders>), Fault>>,
{
    let (body, headers) = match decode(request, version, operation.request, limits, encoded) {
        Ok(decoded) => decoded,
        Err(fault) => return encode_fault(&fault),
    };
    match call(headers, body).await {
        Ok((response, headers)) => {
            let headers = headers.as_ref().map(|h| h as &dyn ToXml);
            encode(version, headers, operation.response, &response, encoded)
        }
        Err(fault) => encode_fault(&fault.for_version(version)),
    }
}

/// Like [`handle`], for a one-way operation: its answer is `202 Accepted` with no body,
/// or a fault.
pub async fn handle_one_way<Req, F>(
    request: &[u8],
    version: SoapVersion,
    operation: &crate::Operation,
    limits: Limits,
    call: impl FnOnce(Req) -> F,
) -> ServerResponse
where
    Req: FromXml,
    F: std::future::Future<Output = Result<(), Fault>>,
{
    let (ns, name) = operation.request;
    let decoded = match decode_request(request, version, ns, name, limits) {
        Ok(decoded) => decoded,
        Err(fault) => return encode_fault(&fault),
    };
    match call(decoded).await {
        Ok(()) => ServerResponse {
            status: 202,
            content_type: version.response_content_type(),
            body: Vec::new(),
        },
        Err(fault) => encode_fault(&fault.for_version(version)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RawXml, SoapError, read_response};

    #[test]
    fn a_fault_quoting_control_characters_is_still_an_envelope() {
        let mut fault = Fault::client(SoapVersion::Soap12, "bad name `a\u{0}b`");
        fault.subcodes = vec!["x\u{1}".into()];
        let answer = encode_fault(&fault);
        assert_eq!(answer.status, 400);
        let read = read_response::<RawXml>(
            &answer.body,
            SoapVersion::Soap12,
            "",
            "",
            Limits::default(),
            answer.status,
        );
        let Err(SoapError::Fault { fault: read, .. }) = read else {
            panic!("not a fault: {read:?}");
        };
        assert_eq!(read.reason, "bad name `a\u{FFFD}b`");
        assert_eq!(read.subcodes, ["x\u{FFFD}"]);
        assert_eq!(read.code, fault.code);
    }
}
