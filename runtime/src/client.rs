//! [`Client`]: sends an operation's request and decodes its answer.
//!
//! Every call method writes the request envelope before it returns its future, so the
//! future owns bytes rather than borrowing the request: it is `Send` (an axum handler or
//! `tokio::spawn` can await it) whatever the request type.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::HeaderMap;
use tracing::Instrument;
use tracing::field::Empty;

use crate::envelope::{Decoding, Framing, read_decoded, read_response, write_framed};
use crate::error::{SoapError, TransportErrorKind};
use crate::header_cache::HeaderCache;
use crate::transport::{HttpTransport, RawResponse, request_headers};
use crate::version::SoapVersion;
use crate::xml::{DecodeErrorKind, FromXml, Limits, RawXml, ToXml};

/// What generated code knows about one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The WSDL service offering it, for traces.
    pub service: &'static str,
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
    /// The HTTP client; `None` for one of [`http_client_builder`](crate::http_client_builder).
    pub http: Option<reqwest::Client>,
    /// Whether request and response bodies are traced (as `DEBUG` events of target
    /// `soap_runtime::body`). Off by default. The traced request is written a second time
    /// with every [`Secret`](crate::Secret) value masked, so the wire body is unchanged
    /// and the trace never shows a credential; the answer is traced as received.
    pub trace_bodies: bool,
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
            http: None,
            trace_bodies: false,
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

    /// Uses your own reqwest client: proxies, client certificates (mutual TLS), extra root
    /// certificates, pool settings. Start from
    /// [`http_client_builder`](crate::http_client_builder), which installs the TLS crypto
    /// provider. The configuration's [`timeout`](Self::timeout) still applies to every call.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Traces request and response bodies (see [`trace_bodies`](Self::trace_bodies)).
    pub fn trace_bodies(mut self, on: bool) -> Self {
        self.trace_bodies = on;
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
            .field("http", &self.http.is_some())
            .field("trace_bodies", &self.trace_bodies)
            .finish()
    }
}

/// A SOAP client for one endpoint and SOAP version; generated clients wrap one. Cloning
/// is cheap and clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    shared: Arc<Shared>,
}

/// What every clone of a [`Client`] shares.
#[derive(Debug)]
struct Shared {
    config: ClientConfig,
    /// The endpoint, parsed once.
    url: reqwest::Url,
    transport: HttpTransport,
    /// The HTTP headers of each soapAction called so far, built once: a call clones
    /// them instead of formatting and checking them again.
    request_headers: HeaderCache,
}

/// A request ready to send: its envelope and HTTP headers, or why there are none.
struct Prepared {
    /// The operation's service and name, for the span.
    service: &'static str,
    name: &'static str,
    /// Its soapAction in the client's SOAP version, for the exchange hook.
    action: Option<&'static str>,
    message: Result<(Bytes, HeaderMap), SoapError>,
    /// The request as traced (`trace_bodies`): written again with credentials masked.
    traced_request: Option<String>,
}

impl Client {
    /// A client for `config`; fails if the endpoint is not an http(s) URL or the HTTP
    /// client cannot be made.
    pub fn new(mut config: ClientConfig) -> Result<Self, SoapError> {
        let url = parse_endpoint(&config.endpoint)?;
        let transport =
            HttpTransport::new(config.http.take(), config.timeout, config.limits.max_bytes)?;
        Ok(Self {
            shared: Arc::new(Shared {
                config,
                url,
                transport,
                request_headers: HeaderCache::default(),
            }),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.shared.config
    }

    /// The request envelope for `operation`, as [`call`](Self::call) would send it.
    pub fn envelope<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<Vec<u8>, SoapError> {
        self.write(operation, None, request, false, false)
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
        self.write(operation, headers, request, false, false)
    }

    /// The SOAP-encoded request envelope for `operation`, as
    /// [`call_encoded`](Self::call_encoded) would send it.
    pub fn encoded_envelope<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        request: &Req,
    ) -> Result<Vec<u8>, SoapError> {
        self.write(operation, None, request, true, false)
    }

    /// The envelope: declared `headers`, then the configuration's raw header blocks, and
    /// the body, SOAP-encoded or literal.
    fn write<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        headers: Option<&dyn ToXml>,
        request: &Req,
        encoded: bool,
        mask_secrets: bool,
    ) -> Result<Vec<u8>, SoapError> {
        let config = &self.shared.config;
        let framing = Framing {
            version: config.version,
            indent: config.indent,
            encoded,
            mask_secrets,
        };
        write_framed(
            framing,
            headers,
            &config.headers,
            operation.request,
            request,
        )
    }

    /// Calls `operation` with `request` and decodes the answer.
    pub fn call<'c, Req, Resp>(
        &'c self,
        operation: &Operation,
        request: &Req,
    ) -> impl Future<Output = Result<Resp, SoapError>> + Send + use<'c, Req, Resp>
    where
        Req: ToXml + ?Sized,
        Resp: FromXml,
    {
        self.call_as(operation, request, false)
    }

    /// Calls an rpc/encoded `operation`: the request is written SOAP-encoded (with
    /// `xsi:type`), and multi-reference values in the answer are resolved.
    pub fn call_encoded<'c, Req, Resp>(
        &'c self,
        operation: &Operation,
        request: &Req,
    ) -> impl Future<Output = Result<Resp, SoapError>> + Send + use<'c, Req, Resp>
    where
        Req: ToXml + ?Sized,
        Resp: FromXml,
    {
        self.call_as(operation, request, true)
    }

    fn call_as<'c, Req, Resp>(
        &'c self,
        operation: &Operation,
        request: &Req,
        encoded: bool,
    ) -> impl Future<Output = Result<Resp, SoapError>> + Send + use<'c, Req, Resp>
    where
        Req: ToXml + ?Sized,
        Resp: FromXml,
    {
        let prepared = self.prepare(operation, None, request, encoded);
        // The deadline counts from now: the future is awaited right away in practice,
        // and a later start only shortens what decoding is allowed.
        let decoding = self.decoding(operation, encoded, std::time::Instant::now());
        self.send(prepared, move |response| {
            decode_response::<Resp, ()>(decoding, &response).map(|(value, ())| value)
        })
    }

    /// How the answer to `operation`, a call `started` then, is read: within what is
    /// left of the call's timeout.
    fn decoding(
        &self,
        operation: &Operation,
        encoded: bool,
        started: std::time::Instant,
    ) -> Decoding<'static> {
        let (ns, name) = operation.response;
        let timeout = self.shared.config.timeout;
        Decoding {
            version: self.shared.config.version,
            ns,
            name,
            limits: self.shared.config.limits,
            encoded,
            deadline: started.checked_add(timeout).map(|at| (at, timeout)),
        }
    }

    /// Calls an operation that declares SOAP headers: sends `headers` (a generated
    /// `…Headers` struct, or `None` for an operation with response headers only) and
    /// decodes the answer with its header as `RespHeaders` (see
    /// [`read_response_with_headers`](crate::read_response_with_headers)).
    pub fn call_with_headers<'c, Req, Resp, RespHeaders>(
        &'c self,
        operation: &Operation,
        headers: Option<&dyn ToXml>,
        request: &Req,
    ) -> impl Future<Output = Result<(Resp, RespHeaders), SoapError>>
    + Send
    + use<'c, Req, Resp, RespHeaders>
    where
        Req: ToXml + ?Sized,
        Resp: FromXml,
        RespHeaders: FromXml,
    {
        let prepared = self.prepare(operation, headers, request, false);
        let decoding = self.decoding(operation, false, std::time::Instant::now());
        self.send(prepared, move |response| {
            decode_response(decoding, &response)
        })
    }

    /// Sends a one-way operation's request: success is any 2xx answer whose body, if
    /// any, is not a fault.
    pub fn call_one_way<'c, Req: ToXml + ?Sized>(
        &'c self,
        operation: &Operation,
        request: &Req,
    ) -> impl Future<Output = Result<(), SoapError>> + Send + use<'c, Req> {
        let prepared = self.prepare(operation, None, request, false);
        let (version, limits) = (self.shared.config.version, self.shared.config.limits);
        self.send(prepared, move |response| {
            one_way_outcome(response, version, limits)
        })
    }

    /// Writes the envelope and the HTTP headers of a call, before anything is awaited.
    fn prepare<Req: ToXml + ?Sized>(
        &self,
        operation: &Operation,
        headers: Option<&dyn ToXml>,
        request: &Req,
        encoded: bool,
    ) -> Prepared {
        let version = self.shared.config.version;
        let message = operation
            .action(version)
            .ok_or(SoapError::UnsupportedVersion {
                operation: operation.name,
                version,
            })
            .and_then(|action| {
                let envelope = self.write(operation, headers, request, encoded, false)?;
                Ok((Bytes::from(envelope), self.request_headers(action)?))
            });
        // The trace's copy comes from the same typed writer, credentials masked by type.
        let traced_request = self.shared.config.trace_bodies.then(|| {
            self.write(operation, headers, request, encoded, true)
                .map_or_else(
                    |e| e.to_string(),
                    |body| String::from_utf8_lossy(&body).into_owned(),
                )
        });
        Prepared {
            service: operation.service,
            name: operation.name,
            action: operation.action(version),
            message,
            traced_request,
        }
    }

    /// The HTTP headers of a request with soapAction `action` (`Content-Type`, and
    /// `SOAPAction` for SOAP 1.1), from the cache once built.
    fn request_headers(&self, action: &'static str) -> Result<HeaderMap, SoapError> {
        let version = self.shared.config.version;
        self.shared.request_headers.get_or_build(action, || {
            request_headers(
                &version.content_type(action),
                version.soap_action_header(action).as_deref(),
            )
        })
    }

    /// Sends a prepared request, shows the exchange to the hook and turns the answer into
    /// the call's result with `finish`, all inside the call's span.
    fn send<'c, T>(
        &'c self,
        prepared: Prepared,
        finish: impl FnOnce(RawResponse) -> Result<T, SoapError> + Send + 'c,
    ) -> impl Future<Output = Result<T, SoapError>> + Send + 'c {
        let span = self.span(&prepared);
        let call_span = span.clone();
        async move {
            let span = call_span;
            let started = Instant::now();
            let (envelope, headers) = prepared.message?;
            // Only the hook needs the envelope after sending: without one, it is not kept.
            let for_hook = self.shared.config.hook.as_ref().map(|_| envelope.clone());
            let result = self
                .shared
                .transport
                .post(&self.shared.url, headers, envelope)
                .await;
            let sent = Sent {
                operation: prepared.name,
                action: prepared.action,
                envelope: for_hook.as_deref(),
                traced_request: prepared.traced_request.as_deref(),
            };
            self.observe(&sent, &result, &span);
            let result = result.and_then(finish);
            span.record("duration_us", started.elapsed().as_micros() as u64);
            span.record("outcome", outcome(&result));
            result
        }
        .instrument(span)
    }

    /// The span of one call. The endpoint appears as its host and port only: a URL can
    /// carry credentials.
    fn span(&self, prepared: &Prepared) -> tracing::Span {
        let url = &self.shared.url;
        let request_bytes = prepared.message.as_ref().map_or(0, |(body, _)| body.len());
        tracing::info_span!(
            "soap.call",
            service = prepared.service,
            operation = prepared.name,
            soap.version = self.shared.config.version.label(),
            server.address = url.host_str().unwrap_or(""),
            server.port = url.port_or_known_default(),
            request.bytes = request_bytes,
            http.status = Empty,
            response.bytes = Empty,
            duration_us = Empty,
            outcome = Empty,
        )
    }

    /// Records the answer in the span, traces bodies if asked to (the request as
    /// `sent.traced_request`, its credentials masked), and shows the exchange to the hook.
    fn observe(
        &self,
        sent: &Sent<'_>,
        result: &Result<RawResponse, SoapError>,
        span: &tracing::Span,
    ) {
        let config = &self.shared.config;
        let response = result.as_ref().ok().map(|r| (r.status, &r.body[..]));
        if let Some((status, body)) = response {
            span.record("http.status", status);
            span.record("response.bytes", body.len());
        }
        if let Some(request) = sent.traced_request {
            tracing::debug!(target: "soap_runtime::body", request = %request);
            if let Some((_, body)) = response {
                tracing::debug!(target: "soap_runtime::body", response = %String::from_utf8_lossy(body));
            }
        }
        if let (Some(hook), Some(envelope)) = (&config.hook, sent.envelope) {
            hook(&Exchange {
                operation: sent.operation,
                version: config.version,
                endpoint: &config.endpoint,
                request: envelope,
                headers: &request_header_list(sent.action, config.version),
                response,
            });
        }
    }
}

/// What a call sent, for [`Client::observe`].
struct Sent<'a> {
    operation: &'static str,
    action: Option<&'static str>,
    /// The envelope, kept only when there is a hook to show it to.
    envelope: Option<&'a [u8]>,
    /// The request as traced, credentials masked (`trace_bodies`).
    traced_request: Option<&'a str>,
}

/// The HTTP headers the client sets on a request with soapAction `action`, for the
/// exchange hook (built only when a hook is set; the request itself carries a `HeaderMap`).
fn request_header_list(
    action: Option<&'static str>,
    version: SoapVersion,
) -> Vec<(&'static str, String)> {
    let Some(action) = action else {
        return Vec::new();
    };
    let mut headers = vec![("Content-Type", version.content_type(action))];
    if let Some(soap_action) = version.soap_action_header(action) {
        headers.push(("SOAPAction", soap_action));
    }
    headers
}

/// The endpoint as a URL, or a setup error naming it.
fn parse_endpoint(endpoint: &str) -> Result<reqwest::Url, SoapError> {
    let setup = |why: String| SoapError::Transport {
        kind: TransportErrorKind::Setup,
        message: format!("endpoint {endpoint:?}: {why}"),
    };
    let url = reqwest::Url::parse(endpoint).map_err(|e| setup(e.to_string()))?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        other => Err(setup(format!("scheme {other:?} is not http or https"))),
    }
}

/// The `outcome` of a call's span: `ok`, or what kind of failure.
fn outcome<T>(result: &Result<T, SoapError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(SoapError::Fault { .. }) => "fault",
        Err(SoapError::HttpStatus { .. }) => "http_status",
        Err(SoapError::NotSoap { .. }) => "not_soap",
        Err(SoapError::Truncated { .. }) => "truncated",
        Err(SoapError::Timeout(_)) => "timeout",
        Err(SoapError::ResponseTooLarge { .. }) => "too_large",
        Err(SoapError::Transport { .. }) => "transport",
        Err(SoapError::Decode(_)) => "decode",
        Err(SoapError::Encode(_)) => "encode",
        Err(SoapError::UnsupportedVersion { .. }) => "unsupported_version",
    }
}

/// A one-way operation's answer: nothing (or only whitespace) with a 2xx status is
/// success; anything else is read as an envelope, so a fault comes back typed.
fn one_way_outcome(
    response: RawResponse,
    version: SoapVersion,
    limits: Limits,
) -> Result<(), SoapError> {
    let (status, body) = (response.status, &response.body);
    let success = (200..300).contains(&status);
    if success && !looks_like_xml(body) && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    match read_response::<RawXml>(body, version, "", "", limits, status) {
        Err(SoapError::Fault { fault, status }) => Err(SoapError::Fault { fault, status }),
        _ if success => Ok(()),
        _ => Err(SoapError::HttpStatus {
            status,
            content_type: response.content_type_text(),
            excerpt: excerpt(body),
        }),
    }
}

/// Turns an HTTP answer into the operation's result and response headers (`H`, `()` for
/// none), or the right [`SoapError`].
pub(crate) fn decode_response<Resp: FromXml, H: FromXml>(
    decoding: Decoding<'_>,
    response: &RawResponse,
) -> Result<(Resp, H), SoapError> {
    let (status, body) = (response.status, &response.body[..]);
    let content_type = || response.content_type_text();
    let excerpt = || excerpt(body);
    if !looks_like_xml(body) {
        return Err(if (200..300).contains(&status) {
            SoapError::NotSoap {
                status,
                content_type: content_type(),
                excerpt: excerpt(),
            }
        } else {
            SoapError::HttpStatus {
                status,
                content_type: content_type(),
                excerpt: excerpt(),
            }
        });
    }
    let read = read_decoded(body, decoding, status);
    // Decoding ran out of the call's time (or of `Limits::max_decode_time`).
    if let Err(SoapError::Decode(e)) = &read {
        if let DecodeErrorKind::TimedOut { limit } = e.kind {
            return Err(SoapError::Timeout(limit));
        }
    }
    match read {
        Ok(value) if (200..300).contains(&status) => Ok(value),
        Ok(_) => Err(SoapError::HttpStatus {
            status,
            content_type: content_type(),
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
            content_type: content_type(),
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
    let starts_with = |prefix: &[u8]| {
        rest.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    rest.first() == Some(&b'<') && !starts_with(b"<!doctype html") && !starts_with(b"<html")
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
