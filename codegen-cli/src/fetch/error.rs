//! What can go wrong while fetching, named by the URL or file it happened at.

use std::fmt;

/// Why a fetch failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchErrorKind {
    /// The URL (given, or a location in a document) is not a usable http(s) URL.
    BadUrl,
    /// The server could not be reached, or the connection failed.
    Network,
    /// The server took longer than `--timeout`.
    Timeout,
    /// The server answered with a status other than 2xx.
    Status,
    /// A redirect or a reference leads to a host that is not allowed.
    OtherHost,
    /// The body is larger than `--max-bytes`.
    TooLarge,
    /// The body is not well-formed XML (an HTML error page, for example).
    NotXml,
    /// The body has a DOCTYPE (refused: entities can expand or reach files).
    Doctype,
    /// The body is XML but neither a WSDL 1.1 nor an XML Schema document.
    NotWsdl,
    /// More documents than `--max-documents`.
    TooManyDocuments,
    /// The lock file is missing or unreadable (`--check`).
    Lock,
    /// A file cannot be written.
    Write,
}

/// A failed fetch: what kind of problem, where (a URL or a file) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// What kind of problem it is.
    pub kind: FetchErrorKind,
    /// The URL or file it is about.
    pub at: String,
    /// What is wrong, in words.
    pub message: String,
}

impl FetchError {
    pub fn new(kind: FetchErrorKind, at: impl fmt::Display, message: impl Into<String>) -> Self {
        Self {
            kind,
            at: at.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

impl std::error::Error for FetchError {}
