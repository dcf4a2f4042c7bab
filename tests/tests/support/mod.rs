//! A fake ASMX (ASP.NET web service) for the round-trip tests: a minimal HTTP/1.1 server
//! on 127.0.0.1, on tokio's `TcpListener`, that checks each request the way ASP.NET
//! does, records it, and answers with a [`Reply`]: well-formed ASMX envelopes, faults,
//! or the broken answers real deployments produce (HTML pages, cut bodies, slow answers).
//!
//! It is deliberately small: one request per connection (`Connection: close`), a
//! `Content-Length` body, no chunked encoding, which is all the SOAP client sends.

#![allow(dead_code)] // each test file uses a different part

use std::sync::{Arc, Mutex};
use std::time::Duration;

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use soap_runtime::SoapVersion;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// The PayNow service namespace: body elements' namespace and the prefix of every action.
pub const TNS: &str = "https://invoice.PayNow.com.tw/";
/// The path the fake service is mounted on, as the real one is.
pub const ENDPOINT_PATH: &str = "/PayNowEInvoice.asmx";
/// A request head longer than this is refused, so a confused client cannot make the
/// server buffer forever.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// One request as the server received it, with what ASP.NET would object to.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// The HTTP method.
    pub method: String,
    /// The request target (path).
    pub path: String,
    /// Header names and values in the order received (names as sent).
    pub headers: Vec<(String, String)>,
    /// The body, exactly `Content-Length` bytes.
    pub body: Vec<u8>,
    /// Local name of the SOAP body's element, which names the operation.
    pub operation: Option<String>,
    /// Why ASP.NET would refuse the request; empty when it would accept it.
    pub problems: Vec<String>,
}

impl RecordedRequest {
    /// All values of header `name` (compared case-insensitively, as HTTP does).
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The single value of header `name`, if it was sent exactly once.
    pub fn header(&self, name: &str) -> Option<&str> {
        match self.header_values(name)[..] {
            [value] => Some(value),
            _ => None,
        }
    }

    /// The unescaped text of the first body element named `local` (any namespace):
    /// lets tests check what the client encoded without depending on its formatting.
    pub fn field(&self, local: &str) -> Option<String> {
        leaf_elements(&self.body)
            .into_iter()
            .find(|leaf| leaf.path.last().is_some_and(|name| name == local))
            .map(|leaf| leaf.text)
    }

    /// `(local name, unescaped text)` of each simple child of the elements named
    /// `parent`, in document order: what a service that echoes an object reads.
    pub fn children_of(&self, parent: &str) -> Vec<(String, String)> {
        leaf_elements(&self.body)
            .into_iter()
            .filter(|leaf| leaf.path.len() >= 2 && leaf.path[leaf.path.len() - 2] == parent)
            .map(|mut leaf| (leaf.path.pop().unwrap_or_default(), leaf.text))
            .collect()
    }
}

/// What the server answers to one request. Cloneable so one canned reply can answer
/// every request.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
    /// Wait this long before answering anything (for timeouts).
    delay: Duration,
    /// After this many body bytes, wait this long before sending the rest: a server
    /// that stalls mid-answer.
    stall: Option<(usize, Duration)>,
    /// Send only this many body bytes, though `Content-Length` announces all of them,
    /// then close: a connection dropped mid-answer.
    body_bytes_sent: Option<usize>,
    /// Extra header lines, such as `Content-Encoding`.
    headers: Vec<(String, String)>,
}

impl Reply {
    /// A complete answer with `status`, `content_type` and `body`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            content_type: content_type.to_owned(),
            body: body.into(),
            delay: Duration::ZERO,
            stall: None,
            body_bytes_sent: None,
            headers: Vec::new(),
        }
    }

    /// A SOAP answer with the content type ASMX gives `version`.
    pub fn soap(version: SoapVersion, status: u16, envelope: impl Into<Vec<u8>>) -> Self {
        let content_type = match version {
            SoapVersion::Soap11 => "text/xml; charset=utf-8",
            SoapVersion::Soap12 => "application/soap+xml; charset=utf-8",
        };
        Self::new(status, content_type, envelope)
    }

    /// The ASMX success answer of `operation` whose `<{operation}Result>` holds
    /// `result_xml` (markup, so escapes are written as on the wire).
    pub fn result(version: SoapVersion, operation: &str, result_xml: &str) -> Self {
        Self::soap(
            version,
            200,
            asmx_envelope(version, &operation_response(operation, result_xml)),
        )
    }

    /// The body this reply carries (all of it, even if [`cut_after`](Self::cut_after)).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The same reply, sent only after `delay`.
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The same reply, but the server pauses for `pause` after `bytes` body bytes.
    pub fn stalled_after(mut self, bytes: usize, pause: Duration) -> Self {
        self.stall = Some((bytes, pause));
        self
    }

    /// The same reply, but the connection closes after `bytes` body bytes although
    /// `Content-Length` announces the whole body.
    pub fn cut_after(mut self, bytes: usize) -> Self {
        self.body_bytes_sent = Some(bytes);
        self
    }

    /// The same reply with one more header (sent after the usual ones).
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The 400 answer to a request ASP.NET would refuse, listing why, so the client's
    /// error (and so the failing test) shows the reasons.
    fn bad_request(problems: &[String]) -> Self {
        Self::new(
            400,
            "text/plain; charset=utf-8",
            format!("fake ASMX refused the request: {}", problems.join("; ")),
        )
    }
}

/// The fake service. Dropping it stops the server and every connection it serves.
pub struct MockAsmx {
    url: String,
    version: SoapVersion,
    requests: Arc<Mutex<Vec<RecordedRequest>>>,
    accept_loop: JoinHandle<()>,
}

impl MockAsmx {
    /// Starts a server on 127.0.0.1 (port chosen by the OS) that expects `version`
    /// requests and answers each acceptable one with `responder(&request)`.
    pub async fn start(
        version: SoapVersion,
        responder: impl Fn(&RecordedRequest) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake ASMX service on 127.0.0.1");
        let address = listener
            .local_addr()
            .expect("local address of the listener");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let accept_loop = tokio::spawn(accept_loop(
            listener,
            version,
            Arc::new(responder),
            Arc::clone(&requests),
        ));
        Self {
            url: format!("http://{address}{ENDPOINT_PATH}"),
            version,
            requests,
            accept_loop,
        }
    }

    /// Starts a server that answers every acceptable request with the same `reply`.
    pub async fn answering(version: SoapVersion, reply: Reply) -> Self {
        Self::start(version, move |_| reply.clone()).await
    }

    /// The endpoint URL to give the client.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The SOAP version the server expects requests in.
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    /// Every request received so far, acceptable or not.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.requests.lock().expect("request log lock").clone()
    }

    /// The one request received, asserting that there was exactly one, that it calls
    /// `operation` and that ASP.NET would have accepted it.
    pub fn single_request(&self, operation: &str) -> RecordedRequest {
        let requests = self.requests();
        let [request] = &requests[..] else {
            panic!("expected exactly one request, got {}", requests.len());
        };
        assert!(
            request.problems.is_empty(),
            "ASP.NET would refuse the {} request: {:?}",
            self.version,
            request.problems
        );
        assert_eq!(request.operation.as_deref(), Some(operation));
        request.clone()
    }
}

impl Drop for MockAsmx {
    fn drop(&mut self) {
        // Aborting the loop drops its JoinSet, which aborts the connections (such as
        // one still sleeping before a delayed reply).
        self.accept_loop.abort();
    }
}

type Responder = dyn Fn(&RecordedRequest) -> Reply + Send + Sync;

async fn accept_loop(
    listener: TcpListener,
    version: SoapVersion,
    responder: Arc<Responder>,
    requests: Arc<Mutex<Vec<RecordedRequest>>>,
) {
    let mut connections = JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        while connections.try_join_next().is_some() {}
        connections.spawn(serve_connection(
            stream,
            version,
            Arc::clone(&responder),
            Arc::clone(&requests),
        ));
    }
}

/// Reads one request, records it, answers it and closes the connection.
async fn serve_connection(
    mut stream: TcpStream,
    version: SoapVersion,
    responder: Arc<Responder>,
    requests: Arc<Mutex<Vec<RecordedRequest>>>,
) {
    let reply = match read_request(&mut stream).await {
        Ok(mut request) => {
            request.problems = asp_net_objections(&mut request, version);
            let reply = if request.problems.is_empty() {
                responder(&request)
            } else {
                Reply::bad_request(&request.problems)
            };
            requests.lock().expect("request log lock").push(request);
            reply
        }
        Err(problem) => Reply::bad_request(&[problem]),
    };
    // The client may have given up already (the timeout test): nothing to do then.
    let _ = write_reply(&mut stream, &reply).await;
}

/// Reads the request line, the headers and a `Content-Length` body.
async fn read_request(stream: &mut TcpStream) -> Result<RecordedRequest, String> {
    let mut received = Vec::with_capacity(4096);
    let head_end = loop {
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        if received.len() > MAX_HEAD_BYTES {
            return Err(format!("request head longer than {MAX_HEAD_BYTES} bytes"));
        }
        read_more(stream, &mut received).await?;
    };
    let head = std::str::from_utf8(&received[..head_end])
        .map_err(|e| format!("request head is not UTF-8: {e}"))?;
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let [method, path, "HTTP/1.1"] = request_line.split(' ').collect::<Vec<_>>()[..] else {
        return Err(format!("malformed HTTP/1.1 request line {request_line:?}"));
    };
    let headers = lines
        .map(|line| {
            line.split_once(':')
                .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
                .ok_or_else(|| format!("malformed header line {line:?}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut request = RecordedRequest {
        method: method.to_owned(),
        path: path.to_owned(),
        headers,
        body: Vec::new(),
        operation: None,
        problems: Vec::new(),
    };
    if request.header("Transfer-Encoding").is_some() {
        return Err("chunked request bodies are not expected from the SOAP client".into());
    }
    let length: usize = request
        .header("Content-Length")
        .ok_or("the request has no Content-Length")?
        .parse()
        .map_err(|e| format!("bad Content-Length: {e}"))?;
    let mut body = received.split_off(head_end + 4);
    while body.len() < length {
        read_more(stream, &mut body).await?;
    }
    if body.len() > length {
        return Err("more bytes than Content-Length announced".into());
    }
    request.body = body;
    Ok(request)
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<(), String> {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) => Err("the client closed the connection mid-request".into()),
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            Ok(())
        }
        Err(e) => Err(format!("reading the request: {e}")),
    }
}

/// What ASP.NET would object to in `request`, expecting a `version` call; also notes
/// the operation the body names. ASMX requires, for SOAP 1.1, `text/xml; charset=utf-8`
/// and the quoted action in `SOAPAction`; for SOAP 1.2, `application/soap+xml` with the
/// action as a parameter and no `SOAPAction`. The action must match the body element.
fn asp_net_objections(request: &mut RecordedRequest, version: SoapVersion) -> Vec<String> {
    let mut problems = Vec::new();
    if request.method != "POST" {
        problems.push(format!("method {} instead of POST", request.method));
    }
    if request.path != ENDPOINT_PATH {
        problems.push(format!("path {} instead of {ENDPOINT_PATH}", request.path));
    }
    if request.header("Host").is_none() {
        problems.push("no single Host header".into());
    }
    match soap_body_element(&request.body) {
        Ok(body) => {
            if body.envelope_ns != version.envelope_namespace() {
                problems.push(format!(
                    "envelope namespace {} in a {version} request",
                    body.envelope_ns
                ));
            }
            if body.element_ns != TNS {
                problems.push(format!("body element namespace {}", body.element_ns));
            }
            request.operation = Some(body.element);
        }
        Err(problem) => problems.push(problem),
    }
    let action = format!("{TNS}{}", request.operation.as_deref().unwrap_or("?"));
    let (content_type, soap_actions) = match version {
        SoapVersion::Soap11 => (
            "text/xml; charset=utf-8".to_owned(),
            vec![format!("\"{action}\"")],
        ),
        SoapVersion::Soap12 => (
            format!("application/soap+xml; charset=utf-8; action=\"{action}\""),
            vec![],
        ),
    };
    if request.header_values("Content-Type") != [content_type.as_str()] {
        problems.push(format!(
            "Content-Type {:?} instead of {content_type:?}",
            request.header_values("Content-Type")
        ));
    }
    if request.header_values("SOAPAction") != soap_actions {
        problems.push(format!(
            "SOAPAction {:?} instead of {soap_actions:?}",
            request.header_values("SOAPAction")
        ));
    }
    problems
}

/// The namespaces and name that identify a SOAP request.
struct SoapBody {
    envelope_ns: String,
    element_ns: String,
    element: String,
}

/// Finds the first element inside `Envelope/Body`.
fn soap_body_element(xml: &[u8]) -> Result<SoapBody, String> {
    let mut reader = NsReader::from_reader(xml);
    let mut depth = 0usize;
    let mut envelope_ns = String::new();
    let mut in_body = false;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("the request body is not XML: {e}"))?;
        let ns = match ns {
            ResolveResult::Bound(ns) => String::from_utf8_lossy(ns.as_ref()).into_owned(),
            _ => String::new(),
        };
        let (start, opens) = match event {
            Event::Start(start) => (start, true),
            Event::Empty(start) => (start, false),
            Event::End(_) => {
                depth -= 1;
                continue;
            }
            Event::Eof => return Err("the request has no SOAP body element".into()),
            _ => continue,
        };
        let local = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
        match depth {
            0 if local != "Envelope" => return Err(format!("root element {local}")),
            0 => envelope_ns = ns,
            1 => in_body = local == "Body" && ns == envelope_ns,
            2 if in_body => {
                return Ok(SoapBody {
                    envelope_ns,
                    element_ns: ns,
                    element: local,
                });
            }
            _ => {}
        }
        if opens {
            depth += 1;
        }
    }
}

/// An element without child elements: its local-name path from the root, and its text.
struct Leaf {
    path: Vec<String>,
    text: String,
}

/// Every leaf element of `xml`, in document order, with its unescaped text.
fn leaf_elements(xml: &[u8]) -> Vec<Leaf> {
    let mut reader = NsReader::from_reader(xml);
    let mut path: Vec<String> = Vec::new();
    // For each open element: whether it has a child element (then it is no leaf).
    let mut has_children: Vec<bool> = Vec::new();
    let mut text = String::new();
    let mut leaves = Vec::new();
    let local_name = |start: &quick_xml::events::BytesStart<'_>| {
        String::from_utf8_lossy(start.local_name().as_ref()).into_owned()
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                if let Some(parent) = has_children.last_mut() {
                    *parent = true;
                }
                path.push(local_name(&start));
                has_children.push(false);
                text.clear();
            }
            Ok(Event::Empty(start)) => {
                if let Some(parent) = has_children.last_mut() {
                    *parent = true;
                }
                let mut leaf_path = path.clone();
                leaf_path.push(local_name(&start));
                leaves.push(Leaf {
                    path: leaf_path,
                    text: String::new(),
                });
            }
            Ok(Event::Text(part)) => text.push_str(&part.unescape().unwrap_or_default()),
            Ok(Event::CData(part)) => text.push_str(&String::from_utf8_lossy(&part)),
            Ok(Event::End(_)) => {
                if has_children.pop() == Some(false) {
                    leaves.push(Leaf {
                        path: path.clone(),
                        text: std::mem::take(&mut text),
                    });
                }
                path.pop();
                text.clear();
            }
            Ok(Event::Eof) | Err(_) => return leaves,
            Ok(_) => {}
        }
    }
}

/// Writes `reply`: after its delay, the head, then all or part of the body (maybe with a
/// pause in the middle), then closes.
async fn write_reply(stream: &mut TcpStream, reply: &Reply) -> std::io::Result<()> {
    tokio::time::sleep(reply.delay).await;
    let reason = match reply.status {
        200 => "OK",
        400 => "Bad Request",
        500 => "Internal Server Error",
        _ => "Status",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\n\
         Cache-Control: private\r\n\
         Content-Type: {}\r\n\
         Content-Length: {}\r\n\
         Server: Microsoft-IIS/10.0\r\n\
         X-AspNet-Version: 4.0.30319\r\n\
         Connection: close\r\n",
        reply.status,
        reply.content_type,
        reply.body.len(),
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    let sent = reply.body_bytes_sent.unwrap_or(reply.body.len());
    let body = &reply.body[..sent.min(reply.body.len())];
    if let Some((bytes, pause)) = reply.stall {
        let (before, after) = body.split_at(bytes.min(body.len()));
        stream.write_all(before).await?;
        stream.flush().await?;
        tokio::time::sleep(pause).await;
        stream.write_all(after).await?;
    } else {
        stream.write_all(body).await?;
    }
    stream.flush().await?;
    stream.shutdown().await
}

/// An envelope shaped exactly as ASMX writes one, with the prefix ASMX uses for `version`.
pub fn asmx_envelope(version: SoapVersion, body_content: &str) -> String {
    envelope_with_prefix(version, version.envelope_prefix(), body_content)
}

/// An ASMX-shaped envelope whose envelope namespace is bound to `prefix`, to show
/// that readers match namespaces, not prefixes.
pub fn envelope_with_prefix(version: SoapVersion, prefix: &str, body_content: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><{prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:{prefix}="{ns}"><{prefix}:Body>{body_content}</{prefix}:Body></{prefix}:Envelope>"#,
        ns = version.envelope_namespace()
    )
}

/// ASMX's response element of `operation`: `<{op}Response xmlns=TNS><{op}Result>…`.
pub fn operation_response(operation: &str, result_xml: &str) -> String {
    format!(
        r#"<{operation}Response xmlns="{TNS}"><{operation}Result>{result_xml}</{operation}Result></{operation}Response>"#
    )
}
