//! Errors of reading and writing XML.

use std::fmt;
use std::time::Duration;

/// What went wrong while decoding XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// The bytes are not well-formed XML.
    Malformed(String),
    /// The input ended inside an element: the document was cut off.
    UnexpectedEof,
    /// The document has a DOCTYPE; DTDs and entity declarations are refused.
    DoctypeForbidden,
    /// Elements are nested deeper than [`Limits::max_depth`](super::Limits).
    TooDeep {
        /// The configured limit.
        limit: usize,
    },
    /// The input is larger than [`Limits::max_bytes`](super::Limits).
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// An element has more attributes than [`Limits::max_attributes`](super::Limits).
    TooManyAttributes {
        /// The configured limit.
        limit: usize,
    },
    /// An element declares more namespaces than
    /// [`Limits::max_namespace_declarations`](super::Limits).
    TooManyNamespaceDeclarations {
        /// The configured limit.
        limit: usize,
    },
    /// More namespace declarations are in scope than
    /// [`Limits::max_namespaces_in_scope`](super::Limits).
    TooManyNamespacesInScope {
        /// The configured limit.
        limit: usize,
    },
    /// Decoding ran past its deadline: [`Limits::max_decode_time`](super::Limits), or the
    /// client call's timeout.
    TimedOut {
        /// The time that was allowed.
        limit: Duration,
    },
    /// A required child element is missing.
    MissingElement {
        /// The XML name of the missing element.
        name: String,
    },
    /// A different element than expected.
    UnexpectedElement {
        /// What was expected.
        expected: String,
        /// What was found, as `{namespace}local`.
        found: String,
    },
    /// Text that does not parse as the element's type.
    InvalidValue {
        /// The text found.
        text: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A SOAP-encoding reference (`href="#id"`) that cannot be resolved: it points to
    /// nothing, or its values refer to themselves.
    BadReference {
        /// The `href` value.
        href: String,
        /// Why it cannot be resolved.
        reason: String,
    },
    /// An element with `xsi:nil="true"` that is not empty: what it has (`content`,
    /// ``attribute `name` ``).
    NilNotEmpty(String),
    /// An element of an abstract type whose `xsi:type` is missing or names none of the
    /// concrete types derived from it.
    UnexpectedType {
        /// The `xsi:type` found, as `{namespace}local`; `None` if there is none.
        found: Option<String>,
        /// The abstract type the schema declares.
        declared: String,
        /// The concrete types accepted, comma-separated.
        expected: String,
    },
    /// An element whose `xsi:type` names a type derived from its declared (not abstract)
    /// type: the generated code reads the declared type only, and would lose the rest.
    DerivedType {
        /// The `xsi:type` found, as `{namespace}local`.
        found: String,
        /// The type the schema declares.
        declared: String,
    },
}

/// An error decoding XML, with where it happened: its [`DecodeErrorDetails`] (`kind`,
/// `path`, `line`, `column`), read through `error.kind` and so on.
///
/// The details are boxed so that a `Result<_, DecodeError>` is one pointer wider than
/// its value: the reader moves such results on every event, and errors are rare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(Box<DecodeErrorDetails>);

/// What a [`DecodeError`] says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeErrorDetails {
    /// What went wrong.
    pub kind: DecodeErrorKind,
    /// Element path from the root, like `/Envelope/Body/CancelInvoiceResponse`.
    pub path: String,
    /// 1-based line in the input.
    pub line: usize,
    /// 1-based column (in characters) in the input.
    pub column: usize,
}

impl DecodeError {
    /// An error of `kind` at element `path`, line `line`, column `column`.
    #[cold]
    pub fn new(kind: DecodeErrorKind, path: String, line: usize, column: usize) -> Self {
        Self(Box::new(DecodeErrorDetails {
            kind,
            path,
            line,
            column,
        }))
    }

    /// The details, unboxed.
    pub fn into_details(self) -> DecodeErrorDetails {
        *self.0
    }
}

impl From<DecodeErrorDetails> for DecodeError {
    fn from(details: DecodeErrorDetails) -> Self {
        Self(Box::new(details))
    }
}

impl std::ops::Deref for DecodeError {
    type Target = DecodeErrorDetails;
    fn deref(&self) -> &DecodeErrorDetails {
        &self.0
    }
}

impl std::ops::DerefMut for DecodeError {
    fn deref_mut(&mut self) -> &mut DecodeErrorDetails {
        &mut self.0
    }
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(msg) => write!(f, "malformed XML: {msg}"),
            Self::UnexpectedEof => {
                f.write_str("the document ends before its elements are closed (truncated)")
            }
            Self::DoctypeForbidden => {
                f.write_str("DOCTYPE declarations are not allowed (no DTDs, no entities)")
            }
            Self::TooDeep { limit } => {
                write!(f, "elements are nested deeper than the limit of {limit}")
            }
            Self::TooLarge { size, limit } => write!(
                f,
                "document of {size} bytes exceeds the limit of {limit} bytes"
            ),
            Self::TooManyAttributes { limit } => {
                write!(f, "an element has more than {limit} attributes")
            }
            Self::TooManyNamespaceDeclarations { limit } => {
                write!(f, "an element declares more than {limit} namespaces")
            }
            Self::TooManyNamespacesInScope { limit } => {
                write!(f, "more than {limit} namespace declarations are in scope")
            }
            Self::TimedOut { limit } => write!(f, "decoding took longer than {limit:?}"),
            Self::MissingElement { name } => write!(f, "required element `{name}` is missing"),
            Self::UnexpectedElement { expected, found } => {
                write!(f, "expected {expected}, found `{found}`")
            }
            Self::InvalidValue { text, reason } => write!(f, "invalid value `{text}`: {reason}"),
            Self::BadReference { href, reason } => write!(f, "reference href=\"{href}\": {reason}"),
            Self::NilNotEmpty(what) => write!(
                f,
                "an element with xsi:nil=\"true\" must be empty, but it has {what}"
            ),
            Self::UnexpectedType {
                found,
                declared,
                expected,
            } => {
                match found {
                    Some(found) => {
                        write!(f, "xsi:type `{found}` is not a concrete type derived from")?
                    }
                    None => f.write_str("missing xsi:type: an element of")?,
                }
                write!(
                    f,
                    " abstract type `{declared}`; expected one of: {expected}"
                )
            }
            Self::DerivedType { found, declared } => write!(
                f,
                "xsi:type `{found}`: only the declared type `{declared}` is read here, and a value of another type would lose its own content"
            ),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.kind, self.line, self.column
        )?;
        if !self.path.is_empty() {
            write!(f, " (in {})", self.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// An error writing XML: a value that XML 1.0 cannot carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    /// Element path of the offending value.
    pub path: String,
    /// Why the value cannot be written.
    pub reason: String,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {}: {}", self.path, self.reason)
    }
}

impl std::error::Error for EncodeError {}
