//! WSDL parse + emit: the input as a WSDL document, read into the model (strictly, and
//! leniently when only unresolved references or imports stop it) and, when it reads,
//! emitted as Rust. Refusals must be typed errors; an emit error saying "internal error"
//! is a bug. Imports are never resolved: the target touches no file.

use std::path::{Path, PathBuf};

use soap_codegen::parse::{Resolver, parse_bytes_with};
use soap_codegen::{ErrorKind, Settings, emit::emit};

/// Refuses every import: the document alone is the input.
struct Offline;

impl Resolver for Offline {
    fn resolve(&self, location: &str, _base: &Path) -> Result<(PathBuf, Vec<u8>), String> {
        Err(format!("`{location}`: the fuzz target resolves no imports"))
    }
}

/// The body of the `wsdl` target.
pub fn run(document: &[u8]) {
    let path = Path::new("fuzz.wsdl");
    let parse = |lenient| parse_bytes_with(path, document.to_vec(), &Offline, lenient);
    let (definitions, lenient) = match parse(false) {
        Ok(definitions) => (definitions, false),
        Err(error) => {
            let _ = error.to_string();
            if !matches!(
                error.kind,
                ErrorKind::UndefinedReference | ErrorKind::UnresolvedImport
            ) {
                return;
            }
            match parse(true) {
                Ok(definitions) => (definitions, true),
                Err(error) => {
                    let _ = error.to_string();
                    return;
                }
            }
        }
    };
    let settings = Settings {
        json_registry: true,
        unresolved_as_raw_xml: lenient,
        ..Settings::default()
    };
    if let Err(message) = emit(&definitions, "fuzz.wsdl", &settings) {
        assert!(!message.contains("internal error"), "{message}");
    }
}
