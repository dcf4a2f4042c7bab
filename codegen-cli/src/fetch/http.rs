//! Downloads one document: http(s) only, allowed hosts only (redirects included), with a
//! timeout and a size limit.

use std::io::Read;
use std::time::Duration;

use reqwest::Url;
use reqwest::blocking::Client;
use reqwest::redirect::Policy;

use super::error::{FetchError, FetchErrorKind};

/// Redirects followed per request at most.
const MAX_REDIRECTS: usize = 10;

/// An HTTP client bound to the hosts a fetch may touch.
pub struct Http {
    client: Client,
    allowed: Vec<String>,
    max_bytes: u64,
    timeout: Duration,
}

impl Http {
    /// A client for documents on `start`'s host and the `allowed` ones.
    pub fn new(
        start: &Url,
        allowed: &[String],
        timeout: Duration,
        max_bytes: u64,
    ) -> Result<Self, FetchError> {
        let mut hosts: Vec<String> = allowed.iter().map(|h| h.to_ascii_lowercase()).collect();
        hosts.extend(start.host_str().map(str::to_ascii_lowercase));
        let policy_hosts = hosts.clone();
        let policy = Policy::custom(move |attempt| {
            let host = attempt.url().host_str().unwrap_or("").to_ascii_lowercase();
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else if !policy_hosts.contains(&host) {
                let to = attempt.url().to_string();
                attempt.error(format!(
                    "redirected to {to}, on host `{host}`, which is not allowed (pass --allow-host {host} to allow it)"
                ))
            } else {
                attempt.follow()
            }
        });
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Losing a race against another thread installing one is fine.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let client = Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(policy)
            .build()
            .map_err(|e| FetchError::new(FetchErrorKind::Network, start, e.to_string()))?;
        Ok(Self {
            client,
            allowed: hosts,
            max_bytes,
            timeout,
        })
    }

    /// Whether `url` is http(s) on an allowed host.
    pub fn check_allowed(&self, url: &Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::new(
                FetchErrorKind::BadUrl,
                url,
                "only http and https URLs can be fetched",
            ));
        }
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        match self.allowed.contains(&host) {
            true => Ok(()),
            false => Err(FetchError::new(
                FetchErrorKind::OtherHost,
                url,
                format!("host `{host}` is not allowed (pass --allow-host {host} to allow it)"),
            )),
        }
    }

    /// The body at `url`, and the URL it came from after redirects (what relative
    /// locations in it are relative to).
    pub fn get(&self, url: &Url) -> Result<(Url, Vec<u8>), FetchError> {
        self.check_allowed(url)?;
        let failure = |e: reqwest::Error| {
            let (kind, message) = if e.is_timeout() {
                let limit = self.timeout.as_secs_f64();
                (
                    FetchErrorKind::Timeout,
                    format!("no answer within {limit} s (--timeout)"),
                )
            } else if e.is_redirect() {
                (FetchErrorKind::OtherHost, root_cause(&e))
            } else {
                (FetchErrorKind::Network, root_cause(&e))
            };
            FetchError::new(kind, url, message)
        };
        let response = self.client.get(url.clone()).send().map_err(failure)?;
        let final_url = response.url().clone();
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::new(
                FetchErrorKind::Status,
                url,
                format!("the server answered {status}"),
            ));
        }
        let too_large = || {
            FetchError::new(
                FetchErrorKind::TooLarge,
                url,
                format!(
                    "the document is larger than {} bytes (--max-bytes)",
                    self.max_bytes
                ),
            )
        };
        if response
            .content_length()
            .is_some_and(|n| n > self.max_bytes)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        response
            .take(self.max_bytes + 1)
            .read_to_end(&mut body)
            .map_err(|e| {
                let kind = match e.kind() {
                    std::io::ErrorKind::TimedOut => FetchErrorKind::Timeout,
                    _ => FetchErrorKind::Network,
                };
                FetchError::new(kind, url, format!("reading the body failed: {e}"))
            })?;
        if body.len() as u64 > self.max_bytes {
            return Err(too_large());
        }
        Ok((final_url, body))
    }
}

/// The innermost message of an error chain (reqwest wraps hyper wraps io).
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    let mut messages = vec![current.to_string()];
    while let Some(source) = current.source() {
        messages.push(source.to_string());
        current = source;
    }
    messages.join(": ")
}
