//! Parsing: WSDL 1.1 documents and their XML Schemas into the [`model`](crate::model).
//! Every reference is checked here, where positions are known, so later stages need none.

mod cycles;
mod dom;
mod resolve;
mod schema;
mod wellknown;
mod wsdl;

pub use dom::{Document, Node};
pub use resolve::{DEFAULT_MAX_FILE_BYTES, FileResolver, Resolver};
pub use schema::DEGRADED_NOTE;
pub use wsdl::MAX_DOCUMENTS;

use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::model::Definitions;

/// Whether `location` names a schema the generator has built in (SOAP encoding, XML,
/// XML Schema…): imports of it are never read, so a downloader need not fetch it.
pub fn is_built_in(location: &str) -> bool {
    wellknown::by_location(location).is_some()
}

/// Reads the WSDL document at `path`, and the local files it imports from its folder
/// (see [`FileResolver`]), into the model.
pub fn parse_file(path: &Path) -> Result<Definitions, Error> {
    parse_file_with(path, &FileResolver::for_root(path))
}

/// Reads the WSDL document at `path` into the model, finding imports through `resolver`.
pub fn parse_file_with(path: &Path, resolver: &dyn Resolver) -> Result<Definitions, Error> {
    parse_file_options(path, resolver, ParseOptions::default())
}

/// How forgiving parsing is; everything off by default (every problem is an error).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// An import that cannot be resolved (with a namespace), or a reference to an
    /// undefined schema component, is kept as raw XML with a note.
    pub unresolved_as_raw_xml: bool,
    /// A schema construct the generator cannot model yet turns only the smallest
    /// enclosing particle (an element keeps its name), or failing that its type, into raw
    /// XML, with a note starting with [`DEGRADED_NOTE`] that names it and its place.
    pub degrade_unsupported: bool,
    /// An error in the schemas (reading one, importing one, a reference or cycle among
    /// their components) is kept in [`Definitions::schema_errors`] instead of failing, so
    /// services, operations and messages are still read. The types are then incomplete:
    /// for showing a WSDL, never for generating code.
    pub keep_schema_errors: bool,
}

/// Reads the WSDL document at `path` into the model, finding imports through `resolver`,
/// as forgiving as `options` say.
pub fn parse_file_options(
    path: &Path,
    resolver: &dyn Resolver,
    options: ParseOptions,
) -> Result<Definitions, Error> {
    wsdl::parse_definitions(path, read(path)?, resolver, options)
}

/// Like [`parse_file_with`], but lenient: an import that cannot be resolved (with a
/// namespace) and a reference to an undefined schema component do not fail; what they
/// name is kept as raw XML, and a note in the model says so.
pub fn parse_file_lenient(path: &Path, resolver: &dyn Resolver) -> Result<Definitions, Error> {
    let options = ParseOptions {
        unresolved_as_raw_xml: true,
        ..ParseOptions::default()
    };
    parse_file_options(path, resolver, options)
}

/// Reads WSDL `bytes` (UTF-8, with or without a byte order mark)
/// into the model, naming them `path` in errors and finding imports through `resolver`;
/// `lenient` as in [`parse_file_lenient`]. Nothing is read from `path` itself.
pub fn parse_bytes_with(
    path: &Path,
    bytes: Vec<u8>,
    resolver: &dyn Resolver,
    lenient: bool,
) -> Result<Definitions, Error> {
    let options = ParseOptions {
        unresolved_as_raw_xml: lenient,
        ..ParseOptions::default()
    };
    wsdl::parse_definitions(path, bytes, resolver, options)
}

/// The bytes of the root document at `path` (a regular file within the size limit), or
/// an `Io` error naming it.
fn read(path: &Path) -> Result<Vec<u8>, Error> {
    resolve::read_regular_file(path, DEFAULT_MAX_FILE_BYTES).map_err(|message| Error {
        kind: ErrorKind::Io,
        file: path.to_owned(),
        line: 0,
        column: 0,
        message,
    })
}

/// Parses WSDL text, naming it `path` in errors; imports resolve relative to `path`.
pub fn parse_str(path: &Path, text: &str) -> Result<Definitions, Error> {
    let resolver = FileResolver::for_root(path);
    wsdl::parse_definitions(
        path,
        text.as_bytes().to_vec(),
        &resolver,
        ParseOptions::default(),
    )
}
