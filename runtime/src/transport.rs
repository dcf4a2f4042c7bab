//! HTTP transport on reqwest: one POST, the whole answer read under a size limit.

use std::time::Duration;

use crate::error::{SoapError, TransportErrorKind};

/// What came back over HTTP.
pub(crate) struct RawResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// A reqwest client with the SOAP client's timeout.
#[derive(Clone)]
pub(crate) struct HttpTransport {
    http: reqwest::Client,
    timeout: Duration,
    max_bytes: usize,
}

impl HttpTransport {
    pub fn new(timeout: Duration, max_bytes: usize) -> Result<Self, SoapError> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .user_agent(concat!("soap-runtime/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SoapError::Transport {
                kind: TransportErrorKind::Setup,
                message: error_chain(&e),
            })?;
        Ok(Self {
            http,
            timeout,
            max_bytes,
        })
    }

    /// POSTs `body` with `headers` and reads the whole answer.
    pub async fn post(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<RawResponse, SoapError> {
        let mut request = self.http.post(url);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let mut response = request
            .body(body)
            .send()
            .await
            .map_err(|e| self.send_error(&e))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if response
            .content_length()
            .is_some_and(|len| len > self.max_bytes as u64)
        {
            return Err(SoapError::ResponseTooLarge {
                limit: self.max_bytes,
            });
        }
        let mut received =
            Vec::with_capacity(response.content_length().unwrap_or(4096).min(1 << 20) as usize);
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if received.len() + chunk.len() > self.max_bytes {
                        return Err(SoapError::ResponseTooLarge {
                            limit: self.max_bytes,
                        });
                    }
                    received.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => return Err(SoapError::Timeout(self.timeout)),
                Err(e) => {
                    return Err(SoapError::Truncated {
                        received: received.len(),
                        detail: error_chain(&e),
                    });
                }
            }
        }
        Ok(RawResponse {
            status,
            content_type,
            body: received,
        })
    }

    fn send_error(&self, error: &reqwest::Error) -> SoapError {
        if error.is_timeout() {
            return SoapError::Timeout(self.timeout);
        }
        let kind = if error.is_connect() {
            TransportErrorKind::Connect
        } else if error.is_builder() {
            TransportErrorKind::Setup
        } else {
            TransportErrorKind::Request
        };
        SoapError::Transport {
            kind,
            message: error_chain(error),
        }
    }
}

/// The error and its sources, joined: reqwest's own text alone rarely says why.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
