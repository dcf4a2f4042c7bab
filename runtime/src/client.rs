//! [`Client`]: sends an operation's request and decodes its answer.

use std::sync::Arc;
use std::time::Duration;

use crate::envelope::{Decoding, Framing, read_decoded, read_response, write_framed};
use crate::error::SoapError;
use crate::transport::HttpTransport;
use crate::version::SoapVersion;
use crate::xml::{DecodeErrorKind, FromXml, Limits, RawXml, ToXml};

/// What generated code knows about one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The WSDL operation name.
    pub name: &'static str,
    /// The soapAction of its SOAP 1.1 binding, if it has one.
    pub soap11_action: Option<&'static str>,
    /// The soapAction of its SOAP 1.2 binding, if it has one.
    pub soap12_action: Option<&'static str>,
    /// Namespace and name of the request body element.
    pub request: (&'static str, &'static str),
    /// Namespace and name of the response body element (`("", "")` for a one-way
    /// operation, which has none).
    pub response: (&'static str, &'static str),
}

impl Operation {
    /// The soapAction for `version`, if the operation is bound to it.
    pub fn action(&self, version: SoapVersion) -> Option<&'static str> {
        match version {
            SoapVersion::Soap11 => self.soap11_action,
            SoapVersion::Soap12 => self.soap12_action,
        }
    }
}

/// One request and its answer, as sent and received, for logging and debugging.
#[derive(Debug, Clone, Copy)]
pub struct Exchange<'a> {
    /// The operation called.
    pub operation: &'static str,
    /// The SOAP version used.
    pub version: SoapVersion,
    /// The endpoint URL.
    pub endpoint: &'a str,
    /// The request envelope.
    pub request: &'a [u8],
    /// The HTTP headers the client set on the request (`Content-Type`, and `SOAPAction`
    /// in SOAP 1.1); the HTTP library adds `Host`, `Content-Length` and `User-Agent`.
    pub headers: &'a [(&'static str, String)],
    /// The HTTP status and response body, if an answer was received.
    pub response: Option<(u16, &'a [u8])>,
}

/// A callback that sees every exchange.
pub type ExchangeHook = Arc<dyn Fn(&Exchange<'_>) + Send + Sync>;

/// How a [`Client`] talks to its service.
#[derive(Clone)]
pub struct ClientConfig {
    /// The endpoint URL.
    pub endpoint: String,
    /// The SOAP version to speak.
    pub version: SoapVersion,
    /// Time allowed for the whole call, answer included.
    pub timeout: Duration,
    /// Limits on the answer.
    pub limits: Limits,
    /// Whether request envelopes are indented (easier to read in logs; a few bytes more).
    pub indent: bool,
    /// Called with every exchange.
    pub hook: Option<ExchangeHook>,
    /// Header blocks written, as they are, into every request's `Header`, after the
    /// operation's own: what the WSDL does not declare (WS-Security, WS-Addressing, a
    /// vendor's authentication block).
    pub headers: Vec<RawXml>,
}

impl ClientConfig {
    /// A configuration with a 60-second timeout, default limits and indented requests.
    pub fn new(endpoint: impl Into<String>, version: SoapVersion) -> Self {
        Self {
            endpoint: endpoint.into(),
            version,
            timeout: Duration::from_secs(60),
            limits: Limits::default(),
            indent: true,
            hook: None,
            headers: Vec::new(),
        }
    }

    /// Sets the timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the limits on answers.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Adds a header block to every request: one element, declaring the namespaces it
    /// uses, e.g. `<wsse:Security xmlns:wsse="…">…</wsse:Security>`.
    pub fn header(mut self, block: RawXml) -> Self {
        self.headers.push(block);
        self
    }

    /// Sets the exchange hook.
    pub fn hook(mut self, hook: impl Fn(&Exchange<'_>) + Send + Sync + 'static) -> Self {
        self.hook = Some(Arc::new(hook));
        self
    }
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("endpoint", &self.endpoint)
            .field("version", &self.version)
            .field("timeout", &self.timeout)
            .field("limits", &self.limits)
            .field("indent", &self.indent)
            .field("hook", &self.hook.is_some())
            .field("headers", &self.headers.len())
            .finish()
    }
}

/// A SOAP client for one endpoint and SOAP version; generated clients wrap one.
#[derive(Clone, Debug)]
pub struct Client {
    config: ClientConfig,
    transport: HttpTransport,
}

impl std::fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HttpTransport")
    }
}

impl Client {
    /// A client for `config`.
    pub fn new(config: ClientConfig) -> Result<Self, SoapError> {
        let transport = HttpTransport::new(config.timeout, config.limits.max_bytes)?;
        Ok(Self { config, transport })
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The request envelope for `operation`, as [`call`](Self::call) would send it.
    pub fn envelope<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<Vec<u8>, SoapError> {
        self.write(operation, None, request, false)
    }

    /// The request envelope for `operation` with the header blocks of `headers` (a
    /// generated `…Headers` struct), as [`call_with_headers`](Self::call_with_headers)
    /// would send it.
    pub fn envelope_with_headers<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        headers: Option<&dyn ToXml>,
        request: &Req,
    ) -> Result<Vec<u8>, SoapError> {
        self.write(operation, headers, request, false)
    }

    /// The SOAP-encoded request envelope for `operation`, as
    /// [`call_encoded`](Self::call_encoded) would send it.
    pub fn encoded_envelope<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<Vec<u8>, SoapError> {
        self.write(operation, None, request, true)
    }

    /// The envelope: declared `headers`, then the configuration's raw header blocks, and
    /// the body, SOAP-encoded or literal.
    fn write<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        headers: Option<&dyn ToXml>,
        request: &Req,
        encoded: bool,
    ) -> Result<Vec<u8>, SoapError> {
        let framing = Framing {
            version: self.config.version,
            indent: self.config.indent,
            encoded,
        };
        write_framed(
            framing,
            headers,
            &self.config.headers,
            operation.request,
            request,
        )
    }

    /// Calls `operation` with `request` and decodes the answer.
    pub async fn call<Req: ToXml + ?Sized, Resp: FromXml>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<Resp, SoapError> {
        self.call_as(operation, request, false).await
    }

    /// Calls an rpc/encoded `operation`: the request is written SOAP-encoded (with
    /// `xsi:type`), and multi-reference values in the answer are resolved.
    pub async fn call_encoded<Req: ToXml + ?Sized, Resp: FromXml>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<Resp, SoapError> {
        self.call_as(operation, request, true).await
    }

    async fn call_as<Req: ToXml + ?Sized, Resp: FromXml>(
        &self,
        operation: &Operation,
        request: &Req,
        encoded: bool,
    ) -> Result<Resp, SoapError> {
        let response = self.exchange(operation, None, request, encoded).await?;
        decode_response::<Resp, ()>(
            self.decoding(operation, encoded),
            response.status,
            response.content_type,
            &response.body,
        )
        .map(|(value, ())| value)
    }

    /// How the answer to `operation` is read.
    fn decoding(&self, operation: &Operation, encoded: bool) -> Decoding<'static> {
        let (ns, name) = operation.response;
        Decoding {
            version: self.config.version,
            ns,
            name,
            limits: self.config.limits,
            encoded,
        }
    }

    /// Calls an operation that declares SOAP headers: sends `headers` (a generated
    /// `…Headers` struct, or `None` for an operation with response headers only) and
    /// decodes the answer with its header as `RespHeaders` (see
    /// [`read_response_with_headers`](crate::read_response_with_headers)).
    pub async fn call_with_headers<Req, Resp, RespHeaders>(
        &self,
        operation: &Operation,
        headers: Option<&dyn ToXml>,
        request: &Req,
    ) -> Result<(Resp, RespHeaders), SoapError>
    where
        Req: ToXml + ?Sized,
        Resp: FromXml,
        RespHeaders: FromXml,
    {
        let response = self.exchange(operation, headers, request, false).await?;
        decode_response(
            self.decoding(operation, false),
            response.status,
            response.content_type,
            &response.body,
        )
    }

    /// Sends a one-way operation's request: success is any 2xx answer whose body, if
    /// any, is not a fault.
    pub async fn call_one_way<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<(), SoapError> {
        let response = self.exchange(operation, None, request, false).await?;
        let (status, body) = (response.status, response.body);
        if (200..300).contains(&status)
            && !looks_like_xml(&body)
            && body.iter().all(u8::is_ascii_whitespace)
        {
            return Ok(());
        }
        // Anything else is read as a response envelope: a fault comes back typed.
        let version = self.config.version;
        match read_response::<crate::xml::RawXml>(
            &body,
            version,
            "",
            "",
            self.config.limits,
            status,
        ) {
            Err(SoapError::Fault { fault, status }) => Err(SoapError::Fault { fault, status }),
            _ if (200..300).contains(&status) => Ok(()),
            _ => Err(SoapError::HttpStatus {
                status,
                content_type: response.content_type,
                excerpt: excerpt(&body),
            }),
        }
    }

    /// Writes, sends and reads one exchange, showing it to the hook.
    async fn exchange<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        headers: Option<&dyn ToXml>,
        request: &Req,
        encoded: bool,
    ) -> Result<crate::transport::RawResponse, SoapError> {
        let version = self.config.version;
        let action = operation
            .action(version)
            .ok_or(SoapError::UnsupportedVersion {
                operation: operation.name,
                version,
            })?;
        let envelope = self.write(operation, headers, request, encoded)?;
        let mut headers = vec![("Content-Type", version.content_type(action))];
        if let Some(soap_action) = version.soap_action_header(action) {
            headers.push(("SOAPAction", soap_action));
        }
        let result = self
            .transport
            .post(&self.config.endpoint, &headers, envelope.clone())
            .await;
        if let Some(hook) = &self.config.hook {
            hook(&Exchange {
                operation: operation.name,
                version,
                endpoint: &self.config.endpoint,
                request: &envelope,
                headers: &headers,
                response: result.as_ref().ok().map(|r| (r.status, r.body.as_slice())),
            });
        }
        result
    }
}

/// Turns an HTTP answer into the operation's result and response headers (`H`, `()` for
/// none), or the right [`SoapError`].
pub(crate) fn decode_response<Resp: FromXml, H: FromXml>(
    decoding: Decoding<'_>,
    status: u16,
    content_type: Option<String>,
    body: &[u8],
) -> Result<(Resp, H), SoapError> {
    let excerpt = || excerpt(body);
    if !looks_like_xml(body) {
        return Err(if (200..300).contains(&status) {
            SoapError::NotSoap {
                status,
                content_type,
                excerpt: excerpt(),
            }
        } else {
            SoapError::HttpStatus {
                status,
                content_type,
                excerpt: excerpt(),
            }
        });
    }
    let read = read_decoded(body, decoding, status);
    match read {
        Ok(value) if (200..300).contains(&status) => Ok(value),
        Ok(_) => Err(SoapError::HttpStatus {
            status,
            content_type,
            excerpt: excerpt(),
        }),
        Err(SoapError::Decode(e)) if e.kind == DecodeErrorKind::UnexpectedEof => {
            Err(SoapError::Truncated {
                received: body.len(),
                detail: e.to_string(),
            })
        }
        // A body cut inside a multi-byte character or an entity reference fails to
        // decode as malformed text before the reader reaches the end; one cut right
        // after the XML declaration has no root element. Both are cut-off documents.
        Err(SoapError::Decode(e)) if ends_inside_document(body) => Err(SoapError::Truncated {
            received: body.len(),
            detail: format!("the document ends before its root element is closed ({e})"),
        }),
        Err(SoapError::Decode(_)) if !(200..300).contains(&status) => Err(SoapError::HttpStatus {
            status,
            content_type,
            excerpt: excerpt(),
        }),
        Err(other) => Err(other),
    }
}

/// Whether the body could be an XML document rather than empty or an HTML page.
fn looks_like_xml(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let rest = &body[start..];
    let head: Vec<u8> = rest.iter().take(14).map(u8::to_ascii_lowercase).collect();
    rest.first() == Some(&b'<')
        && !head.starts_with(b"<!doctype html")
        && !head.starts_with(b"<html")
}

/// Whether `body` is the beginning of an XML document that stops before its root element
/// is closed (or opened). Only the structure is checked: text is not decoded, so a cut
/// inside a character or an entity reference is seen for what it is.
fn ends_inside_document(body: &[u8]) -> bool {
    use quick_xml::errors::{Error, SyntaxError};
    use quick_xml::events::Event;

    let mut reader = quick_xml::Reader::from_reader(body);
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                depth += 1;
                seen_root = true;
            }
            Ok(Event::Empty(_)) => seen_root = true,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => return !seen_root || depth > 0,
            Ok(_) => {}
            Err(Error::Syntax(
                SyntaxError::UnclosedTag
                | SyntaxError::UnclosedCData
                | SyntaxError::UnclosedComment
                | SyntaxError::UnclosedDoctype
                | SyntaxError::UnclosedPIOrXmlDecl,
            )) => return true,
            Err(_) => return false,
        }
    }
}

fn excerpt(body: &[u8]) -> String {
    const MAX: usize = 512;
    let text = String::from_utf8_lossy(&body[..body.len().min(MAX)]);
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_html_pages_from_xml() {
        assert!(looks_like_xml(b"\xEF\xBB\xBF <?xml version='1.0'?><a/>"));
        assert!(!looks_like_xml(
            b"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD\"><html>"
        ));
        assert!(!looks_like_xml(b"  <HTML><body>Server Error</body></HTML>"));
        assert!(!looks_like_xml(b""));
    }

    #[test]
    fn tells_cut_off_documents_from_complete_ones() {
        let full = "<?xml version=\"1.0\"?><a><b>發票 &amp; x</b><c/></a>";
        for cut in 1..full.len() {
            assert!(
                ends_inside_document(&full.as_bytes()[..cut]),
                "cut at {cut}"
            );
        }
        assert!(!ends_inside_document(full.as_bytes()));
        assert!(!ends_inside_document(b"<a>&bogus;</a>\n"));
        assert!(!ends_inside_document(b"<a><b></c></a>"));
    }
}
