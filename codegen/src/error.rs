//! The generator's error: what went wrong and where (file, line, column).

use std::fmt;
use std::path::PathBuf;

/// What kind of problem an [`Error`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The file is not well-formed XML.
    NotXml,
    /// The file has a DOCTYPE; DTDs and entities are refused.
    Doctype,
    /// Elements are nested deeper than the parser accepts.
    TooDeep,
    /// A WSDL or schema construct is missing a required part or attribute.
    Invalid,
    /// A port names a binding that is not defined.
    MissingBinding,
    /// A reference (type, element, message, port type, attribute group) names nothing defined.
    UndefinedReference,
    /// A binding's extension element is in a namespace that is neither SOAP 1.1 nor SOAP 1.2.
    UnknownSoapVersion,
    /// An imported or included document cannot be found or read.
    UnresolvedImport,
    /// A construct the generator does not support yet.
    Unsupported,
    /// A limit was reached (documents per service, bytes per document).
    Limit,
    /// A definition depends on itself (a type deriving from itself, a group or attribute
    /// group containing itself, an element in its own substitution group).
    Cycle,
    /// The operation filter names an operation the WSDL does not have.
    UnknownOperation,
    /// The generator found a bug of its own (its planned code would not parse or compile);
    /// nothing was written.
    Internal,
}

/// An error in a WSDL or schema document, located by file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of problem it is.
    pub kind: ErrorKind,
    /// The document the problem is in.
    pub file: PathBuf,
    /// 1-based line, 0 if the problem is not tied to a place.
    pub line: usize,
    /// 1-based column in characters, 0 if the problem is not tied to a place.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}

impl std::error::Error for Error {}
