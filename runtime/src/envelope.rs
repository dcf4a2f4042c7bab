//! Request envelopes out, response envelopes in.

use crate::error::SoapError;
use crate::fault::Fault;
use crate::version::SoapVersion;
use crate::xml::{
    DecodeErrorKind, FromXml, Limits, SOAP_ENCODING_NS, ToXml, XSD_NS, XSI_NS, XmlReader,
    XmlWriter, inline_references,
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
    write_envelope(version, ns, name, body, indent, false)
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
    write_envelope(version, ns, name, body, indent, true)
}

fn write_envelope<T: ToXml + ?Sized>(
    version: SoapVersion,
    ns: &'static str,
    name: &'static str,
    body: &T,
    indent: bool,
    encoded: bool,
) -> Result<Vec<u8>, SoapError> {
    let mut writer = XmlWriter::with_capacity(indent, 4096);
    writer.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    let (envelope, body_name) = match version {
        SoapVersion::Soap11 => ("soap:Envelope", "soap:Body"),
        SoapVersion::Soap12 => ("soap12:Envelope", "soap12:Body"),
    };
    let mut declarations = vec![
        ("xsi", XSI_NS),
        ("xsd", XSD_NS),
        (version.envelope_prefix(), version.envelope_namespace()),
    ];
    if encoded {
        declarations.push(("SOAP-ENC", SOAP_ENCODING_NS));
        if !ns.is_empty() {
            declarations.push(("ns1", ns));
        }
    }
    writer.start_prefixed(envelope, &declarations);
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
    let body = inline_references(body, limits)?;
    read_response(&body, version, ns, name, limits, status)
}

/// Reads a response envelope: a Fault becomes [`SoapError::Fault`], the expected body
/// element (`ns`, `name`) is decoded as `T`. Headers the operation does not model are skipped.
pub fn read_response<T: FromXml>(
    body: &[u8],
    version: SoapVersion,
    ns: &str,
    name: &str,
    limits: Limits,
    status: u16,
) -> Result<T, SoapError> {
    let mut reader = XmlReader::new(body, limits)?;
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
    let mut parts = reader.children(&envelope);
    while let Some(part) = reader.next_child(&mut parts)? {
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
        return Ok(value);
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
