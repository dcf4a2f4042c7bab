//! The error of a SOAP call: each way a call can fail is its own variant.

use std::time::Duration;

use crate::fault::Fault;
use crate::xml::{DecodeError, EncodeError};

/// Why a transport-level failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// No connection could be made; nothing was sent.
    Connect,
    /// The request may or may not have reached the server.
    Request,
    /// The client could not be configured (TLS, proxy, bad endpoint URL).
    Setup,
}

/// A failed SOAP call.
#[derive(Debug, thiserror::Error)]
pub enum SoapError {
    /// The service answered with a SOAP Fault.
    #[error("{fault} (HTTP {status})")]
    Fault {
        /// The fault, typed.
        fault: Box<Fault>,
        /// The HTTP status it came with (500 for ASMX).
        status: u16,
    },
    /// An HTTP error status without a SOAP Fault in the body.
    #[error("HTTP {status} without a SOAP fault; body starts: {excerpt:?}")]
    HttpStatus {
        /// The status code.
        status: u16,
        /// The response's content type.
        content_type: Option<String>,
        /// The start of the body, for diagnosis.
        excerpt: String,
    },
    /// A success status, but the body is empty or not XML (such as an IIS HTML error page).
    #[error(
        "HTTP {status} response is not a SOAP envelope ({content_type:?}); body starts: {excerpt:?}"
    )]
    NotSoap {
        /// The status code.
        status: u16,
        /// The response's content type.
        content_type: Option<String>,
        /// The start of the body; empty for an empty body.
        excerpt: String,
    },
    /// The response body ended early: the connection dropped or the XML is cut off.
    #[error("the response was truncated after {received} bytes: {detail}")]
    Truncated {
        /// Bytes received.
        received: usize,
        /// What noticed the truncation.
        detail: String,
    },
    /// No complete answer within the client's timeout. The request may have been processed.
    #[error("no response within {0:?}")]
    Timeout(Duration),
    /// The response is larger than the configured limit.
    #[error("the response exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The configured limit.
        limit: usize,
    },
    /// A connection or protocol failure below SOAP.
    #[error("transport error ({kind:?}): {message}")]
    Transport {
        /// Whether the request may have been sent.
        kind: TransportErrorKind,
        /// The underlying error's text.
        message: String,
    },
    /// The envelope is well-formed but not what the operation answers, or invalid.
    #[error("cannot decode the response: {0}")]
    Decode(#[from] DecodeError),
    /// A request value cannot be written as XML.
    #[error("cannot encode the request: {0}")]
    Encode(#[from] EncodeError),
    /// The client was asked for a SOAP version the service does not bind the operation to.
    #[error("operation {operation} has no {version} binding")]
    UnsupportedVersion {
        /// The operation.
        operation: &'static str,
        /// The version asked for.
        version: crate::SoapVersion,
    },
}

impl SoapError {
    /// The SOAP fault, if the service answered with one.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            Self::Fault { fault, .. } => Some(fault),
            _ => None,
        }
    }

    /// Whether the request may have been processed by the server although no answer was
    /// read: a timeout, a dropped connection after sending, a truncated answer or a 5xx
    /// without a fault. Callers of non-idempotent operations must reconcile before retrying.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Self::Timeout(_) | Self::Truncated { .. } => true,
            Self::Transport { kind, .. } => *kind == TransportErrorKind::Request,
            Self::HttpStatus { status, .. } | Self::NotSoap { status, .. } => *status >= 500,
            _ => false,
        }
    }
}
