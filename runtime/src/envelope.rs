//! Request envelopes out, response envelopes in.

use crate::error::SoapError;
use crate::fault::Fault;
use crate::version::SoapVersion;
use crate::xml::{
    DecodeError, DecodeErrorKind, FromXml, Limits, RawXml, SOAP_ENCODING_NS, ToXml, XSD_NS, XSI_NS,
    XmlReader, XmlWriter, inline_references,
};

/// Writes a request envelope in the shape ASP.NET documents: an XML declaration,
/// `xsi`, `xsd` and the envelope prefix declared on `Envelope`, and the body element
/// `name` in namespace `ns` declaring that namespace as its default.
pub fn write_request<T: ToXml + ?Sized>(
    version: SoapVersion,
    ns: &'static str,
    name: &'static str,
    body: &T,
    indent: bool,
) -> Result<Vec<u8>, SoapError> {
    write_envelope(version, None, &[], ns, name, body, indent)
}

/// Like [`write_request`], with a `Header`: the header blocks of `headers` (the fields of
/// a generated `…Headers` struct, each element declaring its namespace), then `raw`
/// blocks as they are. No `Header` is written when there is nothing to put in it.
pub fn write_envelope<T: ToXml + ?Sized>(
    version: SoapVersion,
    headers: Option<&dyn ToXml>,
    raw: &[RawXml],
    ns: &'static str,
    name: &'static str,
    body: &T,
    indent: bool,
) -> Result<Vec<u8>, SoapError> {
    let framing = Framing {
        version,
        indent,
        encoded: false,
        mask_secrets: false,
    };
    write_framed(framing, headers, raw, (ns, name), body)
}

/// Like [`write_request`], SOAP-encoded (rpc/encoded, SOAP 1.1 section 5): the envelope
/// also declares `SOAP-ENC` and `ns1` for `ns` (the prefixes `xsi:type` values use),
/// the body element says `encodingStyle`, and every value carries its `xsi:type`.
pub fn write_encoded_request<T: ToXml + ?Sized>(
    version: SoapVersion,
    ns: &'static str,
    name: &'static str,
    body: &T,
    indent: bool,
) -> Result<Vec<u8>, SoapError> {
    let framing = Framing {
        version,
        indent,
        encoded: true,
        mask_secrets: false,
    };
    write_framed(framing, None, &[], (ns, name), body)
}

/// How an envelope is written around its blocks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Framing {
    /// The SOAP version.
    pub version: SoapVersion,
    /// Whether the XML is indented.
    pub indent: bool,
    /// Whether the body is SOAP-encoded.
    pub encoded: bool,
    /// Whether credentials are written masked: for a copy shown in a trace, never the wire.
    pub mask_secrets: bool,
}

/// Writes an envelope: `Header` (only when there are `headers` or `raw` blocks), then
/// the body element `element` (namespace, name) with `body`'s content.
pub(crate) fn write_framed<T: ToXml + ?Sized>(
    framing: Framing,
    headers: Option<&dyn ToXml>,
    raw: &[RawXml],
    element: (&'static str, &'static str),
    body: &T,
) -> Result<Vec<u8>, SoapError> {
    let Framing {
        version,
        indent,
        encoded,
        mask_secrets,
    } = framing;
    let (ns, name) = element;
    let mut writer = XmlWriter::with_capacity(indent, 4096);
    writer.set_mask_secrets(mask_secrets);
    writer.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    let (envelope, header_name, body_name) = match version {
        SoapVersion::Soap11 => ("soap:Envelope", "soap:Header", "soap:Body"),
        SoapVersion::Soap12 => ("soap12:Envelope", "soap12:Header", "soap12:Body"),
    };
    let declarations = [
        ("xsi", XSI_NS),
        ("xsd", XSD_NS),
        (version.envelope_prefix(), version.envelope_namespace()),
        ("SOAP-ENC", SOAP_ENCODING_NS),
        ("ns1", ns),
    ];
    // Encoding adds the SOAP-ENC prefix, and `ns1` for the body element's namespace.
    let declared = match (encoded, ns.is_empty()) {
        (false, _) => 3,
        (true, true) => 4,
        (true, false) => 5,
    };
    writer.start_prefixed(envelope, &declarations[..declared]);
    if headers.is_some() || !raw.is_empty() {
        writer.start_prefixed(header_name, &[]);
        if let Some(headers) = headers {
            headers.write_content(&mut writer);
        }
        for block in raw {
            block.write_element(&mut writer);
        }
        writer.end();
    }
    writer.start_prefixed(body_name, &[]);
    if encoded {
        writer.set_encoded(true);
        writer.start(ns, name);
        let style = match version {
            SoapVersion::Soap11 => "soap:encodingStyle",
            SoapVersion::Soap12 => "soap12:encodingStyle",
        };
        writer.attribute(style, SOAP_ENCODING_NS);
        body.write_attributes(&mut writer);
        body.write_content(&mut writer);
        writer.end();
    } else {
        writer.complex_element(ns, name, body);
    }
    writer.end();
    writer.end();
    Ok(writer.finish()?)
}

/// Like [`read_response`], for a SOAP-encoded answer: multi-reference values
/// (`href="#id"` to a `multiRef id="id"` sibling of the body element) are resolved first
/// (see [`inline_references`]); `xsi:type` attributes are accepted and not needed.
pub fn read_encoded_response<T: FromXml>(
    body: &[u8],
    version: SoapVersion,
    ns: &str,
    name: &str,
    limits: Limits,
    status: u16,
) -> Result<T, SoapError> {
    let decoding = Decoding {
        version,
        ns,
        name,
        limits,
        encoded: true,
        deadline: None,
    };
    read_decoded::<T, ()>(body, decoding, status).map(|(value, ())| value)
}

/// What an envelope is read as: by clients (answers) and servers (requests) alike.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decoding<'n> {
    pub(crate) version: SoapVersion,
    /// Namespace of the expected body element.
    pub(crate) ns: &'n str,
    /// Name of the expected body element.
    pub(crate) name: &'n str,
    pub(crate) limits: Limits,
    /// Whether it is SOAP-encoded (multi-reference values are resolved first).
    pub(crate) encoded: bool,
    /// When decoding must stop besides `limits.max_decode_time` (a call's deadline), and
    /// the time that was allowed: see [`XmlReader::stop_at`].
    pub(crate) deadline: Option<(std::time::Instant, std::time::Duration)>,
}

/// Reads an envelope as `decoding` says: its body element as `T`, its `Header` as `H`.
pub(crate) fn read_decoded<T: FromXml, H: FromXml>(
    body: &[u8],
    decoding: Decoding<'_>,
    status: u16,
) -> Result<(T, H), SoapError> {
    let Decoding {
        version,
        ns,
        name,
        limits,
        encoded,
        deadline,
    } = decoding;
    let body = match encoded {
        false => std::borrow::Cow::Borrowed(body),
        true => inline_references(body, limits)?,
    };
    let mut reader = XmlReader::new(&body, limits)?;
    if let Some((deadline, allowed)) = deadline {
        reader.stop_at(deadline, allowed);
    }
    read_envelope(reader, version, ns, name, status)
}

/// Reads a response envelope: a Fault becomes [`SoapError::Fault`], the expected body
/// element (`ns`, `name`) is decoded as `T`. Headers are skipped.
pub fn read_response<T: FromXml>(
    body: &[u8],
    version: SoapVersion,
    ns: &str,
    name: &str,
    limits: Limits,
    status: u16,
) -> Result<T, SoapError> {
    read_response_with_headers::<T, ()>(body, version, ns, name, limits, status)
        .map(|(value, ())| value)
}

/// Like [`read_response`], also decoding the `Header` as `H` (a generated `…Headers`
/// struct: header blocks it does not name are skipped, and an envelope without `Header`
/// reads as an empty one). A block marked `mustUnderstand` that `H` does not name is
/// skipped too: SOAP asks the receiver of a request to fault on it, but a client cannot
/// answer a response, and refusing the answer would lose what the service did.
pub fn read_response_with_headers<T: FromXml, H: FromXml>(
    body: &[u8],
    version: SoapVersion,
    ns: &str,
    name: &str,
    limits: Limits,
    status: u16,
) -> Result<(T, H), SoapError> {
    let reader = XmlReader::new(body, limits)?;
    read_envelope(reader, version, ns, name, status)
}

/// [`read_response_with_headers`] with a reader already made.
fn read_envelope<'a, T: FromXml, H: FromXml>(
    mut reader: XmlReader<'a>,
    version: SoapVersion,
    ns: &str,
    name: &str,
    status: u16,
) -> Result<(T, H), SoapError> {
    let envelope = reader.root()?;
    let env_ns = version.envelope_namespace();
    if !reader.has_name(&envelope, env_ns, "Envelope") {
        let found = reader.expanded_name(&envelope);
        let other = reader
            .namespace_of(&envelope)
            .and_then(|ns| SoapVersion::from_envelope_namespace(&ns));
        let expected = match other {
            Some(other) => format!("a {version} envelope (the service answered with {other})"),
            None => format!("a {version} Envelope"),
        };
        return Err(reader
            .error_at_element(
                &envelope,
                DecodeErrorKind::UnexpectedElement { expected, found },
            )
            .into());
    }
    let mut headers = None;
    let mut parts = reader.children(&envelope);
    while let Some(part) = reader.next_child(&mut parts)? {
        if headers.is_none() && reader.has_name(&part, env_ns, "Header") {
            headers = Some(H::read_xml(&mut reader, &part)?);
            continue;
        }
        if !reader.has_name(&part, env_ns, "Body") {
            reader.skip(part)?;
            continue;
        }
        let mut body_children = reader.children(&part);
        let Some(first) = reader.next_child(&mut body_children)? else {
            return Err(reader
                .error_at_element(
                    &part,
                    DecodeErrorKind::MissingElement {
                        name: name.to_owned(),
                    },
                )
                .into());
        };
        if reader.has_name(&first, env_ns, "Fault") {
            let fault = Fault::read(&mut reader, &first, version)?;
            return Err(SoapError::Fault {
                fault: Box::new(fault),
                status,
            });
        }
        if !reader.has_name(&first, ns, name) {
            let found = reader.expanded_name(&first);
            return Err(reader
                .error_at_element(
                    &first,
                    DecodeErrorKind::UnexpectedElement {
                        expected: format!("`{{{ns}}}{name}`"),
                        found,
                    },
                )
                .into());
        }
        let value = reader.read_complex(first)?;
        // Read the rest too, so a document cut off after the payload is still noticed.
        while let Some(extra) = reader.next_child(&mut body_children)? {
            reader.skip(extra)?;
        }
        while let Some(extra) = reader.next_child(&mut parts)? {
            reader.skip(extra)?;
        }
        let headers = match headers {
            Some(headers) => headers,
            None => empty_header()?,
        };
        return Ok((value, headers));
    }
    Err(reader
        .error_at_element(
            &envelope,
            DecodeErrorKind::MissingElement {
                name: "Body".into(),
            },
        )
        .into())
}

/// `H` read from an empty `Header`: what an envelope without one carries. Optional
/// blocks are `None`; a required one is a missing-element error.
fn empty_header<H: FromXml>() -> Result<H, DecodeError> {
    if let Some(known) = H::value_of_empty() {
        return Ok(known);
    }
    let mut reader = XmlReader::new(b"<Header/>", Limits::default())?;
    let header = reader.root()?;
    H::read_xml(&mut reader, &header)
}
