//! The SOAP envelopes as sent and received, captured by the runtime's exchange hook with
//! the password masked, for `--wire` and the demo.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use soap_runtime::{Exchange, ExchangeHook};

use crate::args::soap_label;
use crate::output::Printer;
use crate::redact::mask_password_elements;

/// One request and its answer, password masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireExchange {
    /// The operation, e.g. `Check_invoice`.
    pub operation: &'static str,
    /// `1.1` or `1.2`.
    pub soap: &'static str,
    /// The endpoint.
    pub endpoint: String,
    /// The HTTP request line and headers, as sent: `POST /path HTTP/1.1`, `Host`, the
    /// headers the client set, `Content-Length`.
    pub request_head: String,
    /// The request envelope.
    pub request: String,
    /// The HTTP status and body of the answer, if one came.
    pub response: Option<(u16, String)>,
}

/// The request line and headers of `exchange`: the endpoint's path and host, the headers
/// the client set, and the body's length.
fn request_head(exchange: &Exchange<'_>) -> String {
    let after_scheme = exchange
        .endpoint
        .split_once("://")
        .map_or(exchange.endpoint, |(_, rest)| rest);
    let (host, path) = match after_scheme.find('/') {
        Some(slash) => after_scheme.split_at(slash),
        None => (after_scheme, "/"),
    };
    let mut head = format!("POST {path} HTTP/1.1\nHost: {host}\n");
    for (name, value) in exchange.headers {
        head.push_str(&format!("{name}: {value}\n"));
    }
    head.push_str(&format!("Content-Length: {}", exchange.request.len()));
    head
}

impl WireExchange {
    /// Copies `exchange`, masking the content of password elements.
    fn capture(exchange: &Exchange<'_>) -> Self {
        let clean = |bytes: &[u8]| mask_password_elements(&String::from_utf8_lossy(bytes));
        Self {
            operation: exchange.operation,
            soap: soap_label(exchange.version),
            endpoint: exchange.endpoint.to_owned(),
            request_head: request_head(exchange),
            request: clean(exchange.request),
            response: exchange
                .response
                .map(|(status, body)| (status, clean(body))),
        }
    }

    /// The envelopes under `>>>` and `<<<` headers; the request as sent (the runtime
    /// indents it), the response indented for reading (see [`indent`]).
    pub fn human(&self) -> String {
        let mut out = format!(
            ">>> {} request (SOAP {}) POST {}\n{}\n\n{}\n",
            self.operation,
            self.soap,
            self.endpoint,
            self.request_head,
            self.request.trim_end()
        );
        match &self.response {
            Some((status, body)) => out.push_str(&format!(
                "<<< {} response (HTTP {status})\n{}\n",
                self.operation,
                indent(body).unwrap_or_else(|| body.trim_end().to_owned())
            )),
            None => out.push_str(&format!("<<< {}: no response\n", self.operation)),
        }
        out
    }

    /// The exchange as a JSON object.
    pub fn json(&self) -> Value {
        json!({
            "operation": self.operation,
            "soap": self.soap,
            "endpoint": self.endpoint,
            "request_head": self.request_head,
            "request": self.request,
            "status": self.response.as_ref().map(|(status, _)| *status),
            "response": self.response.as_ref().map(|(_, body)| body),
        })
    }
}

/// `xml` with one element per line, indented by two spaces per level; an element holding
/// only text stays on one line, text untouched. Only whitespace between tags changes.
/// `None` for what this simple reader does not handle (not well nested, comments, CDATA),
/// which is then shown as received.
pub fn indent(xml: &str) -> Option<String> {
    if xml.contains("<!--") || xml.contains("<![CDATA[") {
        return None;
    }
    let tokens = tokenize(xml)?;
    let mut out = String::new();
    let mut depth = 0usize;
    let mut index = 0;
    while let Some(token) = tokens.get(index) {
        let mut line =
            |depth: usize, text: &str| out.push_str(&format!("{:1$}{text}\n", "", depth * 2));
        index += 1;
        match *token {
            Token::Text(text) if text.trim().is_empty() => {}
            Token::Text(text) => line(depth, text.trim()),
            Token::Tag(tag) if tag.starts_with("</") => {
                depth = depth.checked_sub(1)?;
                line(depth, tag);
            }
            Token::Tag(tag)
                if tag.starts_with("<?") || tag.starts_with("<!") || tag.ends_with("/>") =>
            {
                line(depth, tag);
            }
            Token::Tag(start) => match (tokens.get(index), tokens.get(index + 1)) {
                (Some(Token::Text(text)), Some(Token::Tag(end))) if end.starts_with("</") => {
                    line(depth, &format!("{start}{text}{end}"));
                    index += 2;
                }
                (Some(Token::Tag(end)), _) if end.starts_with("</") => {
                    line(depth, &format!("{start}{end}"));
                    index += 1;
                }
                _ => {
                    line(depth, start);
                    depth += 1;
                }
            },
        }
    }
    (depth == 0).then(|| out.trim_end().to_owned())
}

/// A piece of XML text: a tag (`<…>`) or the text between two tags.
enum Token<'a> {
    Tag(&'a str),
    Text(&'a str),
}

fn tokenize(xml: &str) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        if start > 0 {
            tokens.push(Token::Text(&rest[..start]));
        }
        let end = start + rest[start..].find('>')?;
        tokens.push(Token::Tag(&rest[start..=end]));
        rest = &rest[end + 1..];
    }
    if !rest.trim().is_empty() {
        tokens.push(Token::Text(rest));
    }
    Some(tokens)
}

/// Where captured exchanges go: printed to stderr at once (`--wire`), or kept until
/// [`take`](Self::take)n (the demo).
#[derive(Clone, Default)]
pub struct WireLog {
    kept: Arc<Mutex<Vec<WireExchange>>>,
    echo: Option<Printer>,
}

impl WireLog {
    /// A log that keeps exchanges.
    pub fn keeping() -> Self {
        Self::default()
    }

    /// A log that prints each exchange to stderr with `printer` as it happens.
    pub fn echoing(printer: Printer) -> Self {
        Self {
            echo: Some(printer),
            ..Self::default()
        }
    }

    /// The runtime hook feeding this log.
    pub fn hook(&self) -> ExchangeHook {
        let log = self.clone();
        Arc::new(move |exchange: &Exchange<'_>| {
            let captured = WireExchange::capture(exchange);
            match &log.echo {
                Some(printer) => printer.stderr(&captured.human()),
                None => log.lock().push(captured),
            }
        })
    }

    /// The exchanges kept since the last call.
    pub fn take(&self) -> Vec<WireExchange> {
        std::mem::take(&mut *self.lock())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<WireExchange>> {
        // A panic elsewhere while holding the lock leaves a usable list.
        self.kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl std::fmt::Debug for WireLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WireLog")
            .field("kept", &self.lock().len())
            .field("echo", &self.echo.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_are_indented_text_untouched() {
        let xml = "<?xml version=\"1.0\"?><e:Envelope xmlns:e=\"x\"><e:Body><R xmlns=\"y\">\
                   <Result>開立, 800 </Result><Empty/><None></None></R></e:Body></e:Envelope>";
        assert_eq!(
            indent(xml).unwrap(),
            "<?xml version=\"1.0\"?>\n<e:Envelope xmlns:e=\"x\">\n  <e:Body>\n    <R xmlns=\"y\">\n      \
             <Result>開立, 800 </Result>\n      <Empty/>\n      <None></None>\n    </R>\n  \
             </e:Body>\n</e:Envelope>"
        );
    }

    #[test]
    fn what_is_not_simple_xml_is_left_alone() {
        for text in ["<a><b></a>", "<html><!-- x --></html>", "<a", "</a>"] {
            assert_eq!(indent(text), None, "{text}");
        }
    }
}
