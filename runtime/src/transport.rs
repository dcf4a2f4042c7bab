//! HTTP transport on reqwest: one POST, the whole answer read under a size limit.
//!
//! The reqwest client is the caller's own (see [`ClientConfig::http_client`]) or one made
//! by [`http_client_builder`]; either way one client, and its connection pool, serves
//! every call.
//!
//! [`ClientConfig::http_client`]: crate::ClientConfig::http_client

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

use crate::error::{SoapError, TransportErrorKind};

/// What came back over HTTP.
pub(crate) struct RawResponse {
    pub status: u16,
    /// Kept as received (sharing the response's bytes): it becomes text only for an error.
    pub content_type: Option<HeaderValue>,
    pub body: Bytes,
}

impl RawResponse {
    /// The `Content-Type` as text, for an error; `None` if absent or not visible ASCII.
    pub fn content_type_text(&self) -> Option<String> {
        let value = self.content_type.as_ref()?;
        value.to_str().ok().map(str::to_owned)
    }
}

/// A reqwest client with the SOAP client's timeout and size limit.
#[derive(Clone)]
pub(crate) struct HttpTransport {
    http: reqwest::Client,
    timeout: Duration,
    max_bytes: usize,
}

impl std::fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpTransport")
            .field("timeout", &self.timeout)
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

/// A reqwest client builder with the TLS crypto provider of this crate's features
/// installed and the runtime's `User-Agent`: the start for a client of your own (proxies,
/// client certificates, extra root certificates, pool settings) to hand to
/// [`ClientConfig::http_client`](crate::ClientConfig::http_client).
///
/// The provider is installed as rustls's process default, unless one is installed
/// already: `aws-lc-rs` when that feature is on, otherwise `ring`. With neither feature,
/// install one yourself before building (`rustls::crypto::…::install_default`).
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use soap_runtime::{Client, ClientConfig, SoapVersion, reqwest};
///
/// let pem = std::fs::read("client.pem")?; // certificate and key, for mutual TLS
/// let http = soap_runtime::http_client_builder()
///     .identity(reqwest::Identity::from_pem(&pem)?)
///     .add_root_certificate(reqwest::Certificate::from_pem(&std::fs::read("ca.pem")?)?)
///     .proxy(reqwest::Proxy::https("http://proxy.internal:3128")?)
///     .pool_max_idle_per_host(32)
///     .build()?;
/// let config = ClientConfig::new("https://service.example/Service.asmx", SoapVersion::Soap11)
///     .http_client(http);
/// let client = Client::new(config)?;
/// # Ok(()) }
/// ```
pub fn http_client_builder() -> reqwest::ClientBuilder {
    install_crypto_provider();
    reqwest::Client::builder().user_agent(concat!("soap-runtime/", env!("CARGO_PKG_VERSION")))
}

/// Installs the crypto provider the features chose, if no provider is installed yet.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_some() {
        return;
    }
    if let Some(provider) = chosen_provider() {
        // Losing a race against another thread installing one is fine: one is installed.
        let _ = provider.install_default();
    }
}

/// The provider of the `aws-lc-rs` feature, which takes precedence over `ring`.
#[cfg(feature = "aws-lc-rs")]
fn chosen_provider() -> Option<rustls::crypto::CryptoProvider> {
    Some(rustls::crypto::aws_lc_rs::default_provider())
}

/// The provider of the `ring` feature.
#[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
fn chosen_provider() -> Option<rustls::crypto::CryptoProvider> {
    Some(rustls::crypto::ring::default_provider())
}

/// None: the caller installs one.
#[cfg(not(any(feature = "ring", feature = "aws-lc-rs")))]
fn chosen_provider() -> Option<rustls::crypto::CryptoProvider> {
    None
}

impl HttpTransport {
    /// A transport on `http`, or on a client of [`http_client_builder`] when `None`.
    pub fn new(
        http: Option<reqwest::Client>,
        timeout: Duration,
        max_bytes: usize,
    ) -> Result<Self, SoapError> {
        let http = match http {
            Some(http) => http,
            None => {
                let builder = http_client_builder();
                if rustls::crypto::CryptoProvider::get_default().is_none() {
                    // reqwest would panic; say what to do instead.
                    return Err(SoapError::Transport {
                        kind: TransportErrorKind::Setup,
                        message: "no TLS crypto provider: enable soap-runtime's `ring` or \
                                  `aws-lc-rs` feature, or install a rustls provider"
                            .to_owned(),
                    });
                }
                builder.build().map_err(|e| SoapError::Transport {
                    kind: TransportErrorKind::Setup,
                    message: error_chain(&e),
                })?
            }
        };
        Ok(Self {
            http,
            timeout,
            max_bytes,
        })
    }

    /// POSTs `body` with `headers` to `url` and reads the whole answer, all within the
    /// timeout. The deadline is this crate's own rather than reqwest's per-request
    /// timeout, so that it holds for a caller's client too, and costs one timer rather
    /// than a boxed one and a boxed body.
    pub async fn post(
        &self,
        url: &reqwest::Url,
        headers: HeaderMap,
        body: Bytes,
    ) -> Result<RawResponse, SoapError> {
        let exchange = async {
            let response = self
                .http
                .post(url.clone())
                .headers(headers)
                .body(body)
                .send()
                .await
                .map_err(|e| self.send_error(&e))?;
            let status = response.status().as_u16();
            let content_type = response.headers().get(CONTENT_TYPE).cloned();
            let body = self.read_body(response).await?;
            Ok(RawResponse {
                status,
                content_type,
                body,
            })
        };
        tokio::time::timeout(self.timeout, exchange)
            .await
            .unwrap_or(Err(SoapError::Timeout(self.timeout)))
    }

    /// The whole body, refused as soon as it is known to exceed the limit. A body that
    /// arrives in one piece (the usual case for a body of announced length) is kept as
    /// received, without a copy; one in several pieces is gathered.
    async fn read_body(&self, mut response: reqwest::Response) -> Result<Bytes, SoapError> {
        let too_large = SoapError::ResponseTooLarge {
            limit: self.max_bytes,
        };
        let announced = response.content_length();
        if announced.is_some_and(|len| len > self.max_bytes as u64) {
            return Err(too_large);
        }
        let mut body = Body::Empty;
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > self.max_bytes {
                        return Err(too_large);
                    }
                    body = body.append(chunk, announced.unwrap_or(0) as usize);
                }
                Ok(None) => return Ok(body.into_bytes()),
                Err(e) if e.is_timeout() => return Err(SoapError::Timeout(self.timeout)),
                Err(e) => {
                    return Err(SoapError::Truncated {
                        received: body.len(),
                        detail: error_chain(&e),
                    });
                }
            }
        }
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

/// A body as its pieces arrive.
enum Body {
    Empty,
    One(Bytes),
    Gathered(Vec<u8>),
}

impl Body {
    fn len(&self) -> usize {
        match self {
            Self::Empty => 0,
            Self::One(bytes) => bytes.len(),
            Self::Gathered(bytes) => bytes.len(),
        }
    }

    /// The body with `chunk` after it; `expected` is the announced length, if any.
    fn append(self, chunk: Bytes, expected: usize) -> Self {
        match self {
            Self::Empty => Self::One(chunk),
            Self::One(head) => {
                let mut gathered = Vec::with_capacity(expected.max(head.len() + chunk.len()));
                gathered.extend_from_slice(&head);
                gathered.extend_from_slice(&chunk);
                Self::Gathered(gathered)
            }
            Self::Gathered(mut gathered) => {
                gathered.extend_from_slice(&chunk);
                Self::Gathered(gathered)
            }
        }
    }

    fn into_bytes(self) -> Bytes {
        match self {
            Self::Empty => Bytes::new(),
            Self::One(bytes) => bytes,
            Self::Gathered(bytes) => Bytes::from(bytes),
        }
    }
}

/// The request headers of one operation: content type and, for SOAP 1.1, `SOAPAction`.
/// Made once per operation and reused, rather than formatted on every call.
pub(crate) fn request_headers(
    content_type: &str,
    soap_action: Option<&str>,
) -> Result<HeaderMap, SoapError> {
    let value = |text: &str, what: &str| {
        HeaderValue::from_str(text).map_err(|_| SoapError::Transport {
            kind: TransportErrorKind::Setup,
            message: format!("the {what} {text:?} is not a valid HTTP header value"),
        })
    };
    let mut headers = HeaderMap::with_capacity(2);
    headers.insert(CONTENT_TYPE, value(content_type, "content type")?);
    if let Some(action) = soap_action {
        headers.insert("SOAPAction", value(action, "soapAction")?);
    }
    Ok(headers)
}

/// The error and its sources, joined: reqwest's own text alone rarely says why.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(any(feature = "ring", feature = "aws-lc-rs"))]
    fn the_builder_installs_the_provider_the_features_chose() {
        let http = http_client_builder().build();
        assert!(http.is_ok(), "{:?}", http.err());
        let provider = rustls::crypto::CryptoProvider::get_default().expect("a provider");
        // The two providers offer different key exchange groups (aws-lc-rs has ML-KEM).
        let names = |p: &rustls::crypto::CryptoProvider| -> Vec<_> {
            p.kx_groups.iter().map(|g| g.name()).collect()
        };
        #[cfg(feature = "aws-lc-rs")]
        let expected = rustls::crypto::aws_lc_rs::default_provider();
        #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
        let expected = rustls::crypto::ring::default_provider();
        assert_eq!(names(provider), names(&expected));
        #[cfg(all(feature = "ring", feature = "aws-lc-rs"))]
        assert_ne!(
            names(provider),
            names(&rustls::crypto::ring::default_provider())
        );
    }

    #[test]
    fn one_piece_bodies_are_kept_and_pieces_gathered() {
        let one = Body::Empty.append(Bytes::from_static(b"<a/>"), 4);
        assert!(matches!(one, Body::One(_)));
        assert_eq!(one.into_bytes(), Bytes::from_static(b"<a/>"));
        let gathered = Body::Empty
            .append(Bytes::from_static(b"<a>"), 0)
            .append(Bytes::from_static(b"x"), 0)
            .append(Bytes::from_static(b"</a>"), 0);
        assert_eq!(gathered.len(), 8);
        assert_eq!(gathered.into_bytes(), Bytes::from_static(b"<a>x</a>"));
    }
}
