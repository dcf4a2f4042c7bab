//! Parsing: WSDL 1.1 documents and their XML Schemas into the [`model`](crate::model).
//! Every reference is checked here, where positions are known, so later stages need none.

mod dom;
mod schema;
mod wsdl;

pub use dom::{Document, Node};
pub use wsdl::parse_definitions;

use std::path::Path;

use crate::error::Error;
use crate::model::Definitions;

/// Reads the WSDL document at `path` into the model.
pub fn parse_file(path: &Path) -> Result<Definitions, Error> {
    let document = Document::read(path)?;
    parse_definitions(&document)
}

/// Parses WSDL text, naming it `path` in errors.
pub fn parse_str(path: &Path, text: &str) -> Result<Definitions, Error> {
    let document = Document::parse(path, text.as_bytes().to_vec())?;
    parse_definitions(&document)
}
