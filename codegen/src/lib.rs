//! Generates typed Rust SOAP clients from WSDL 1.1 documents.
//!
//! Three stages with plain data between them, as in prost-build and progenitor:
//! [`parse`] reads WSDL and XML Schema into the [`model`], which holds no XML and no Rust;
//! [`emit`] turns the model into Rust tokens and formats them with prettyplease.
//! Generated code calls into the `soap-runtime` crate.
//!
//! A `build.rs` that generates a client:
//!
//! ```no_run
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("service.rs");
//! // Prints `cargo:rerun-if-changed` for the WSDL and every document it imports.
//! soap_codegen::Generator::new().generate_file("wsdl/Service.wsdl", &out).unwrap();
//! ```
//! and in `lib.rs`: `include!(concat!(env!("OUT_DIR"), "/service.rs"));`

#![deny(missing_docs)]

pub mod diff;
pub mod emit;
mod error;
mod graph;
pub mod model;
pub mod parse;
pub mod select;

use std::path::{Path, PathBuf};

pub use emit::Settings;
pub use error::{Error, ErrorKind};

/// Runs the stages with its [`Settings`].
#[derive(Debug, Clone, Default)]
pub struct Generator {
    settings: Settings,
    /// Folders besides the root WSDL's that imports may be read from.
    import_folders: Vec<PathBuf>,
    /// The operations to keep; all when empty.
    operations: Vec<String>,
}

impl Generator {
    /// A generator with default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the path generated code uses for the runtime crate (default `::soap_runtime`).
    pub fn runtime_path(mut self, path: &str) -> Self {
        self.settings.runtime_path = path.to_owned();
        self
    }

    /// Opt-in leniency: an import that cannot be resolved, or a reference to an undefined
    /// schema component, no longer fails generation; what it names is kept as raw XML
    /// (`soap_runtime::RawXml`), and the generated file's header notes each case.
    pub fn unresolved_as_raw_xml(mut self, lenient: bool) -> Self {
        self.settings.unresolved_as_raw_xml = lenient;
        self
    }

    /// Opt-in leniency: a schema construct the generator cannot model yet no longer fails
    /// generation; only the smallest enclosing field (an element keeps its name, a group
    /// or choice becomes "any elements"), or failing that its type, is kept as raw XML
    /// (`soap_runtime::RawXml`). The generated file's header notes each degraded part with
    /// its schema path and file:line:column. An operation bound in a way the client cannot
    /// call yet (a multi-part document message, rpc and document bindings of one
    /// operation, document/encoded…) is left out, also with a note, and the service's
    /// other operations are generated. Off by default: such a construct is a located
    /// [`ErrorKind::Unsupported`] error.
    pub fn degrade_unsupported(mut self, degrade: bool) -> Self {
        self.settings.degrade_unsupported = degrade;
        self
    }

    /// Keeps only the operations named here (by their WSDL name, in every port type that
    /// has one) and the types they reach; see [`select`]. Call it once per operation, or
    /// with several names; without it every operation is generated. A name the WSDL does
    /// not have is an [`ErrorKind::UnknownOperation`] error listing the ones it has.
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations.extend(names.into_iter().map(Into::into));
        self
    }

    /// Also reads imports from `folder` (and below it). By default only files under the
    /// root WSDL's folder are read; see [`parse::FileResolver`].
    pub fn allow_imports_from(mut self, folder: impl Into<PathBuf>) -> Self {
        self.import_folders.push(folder.into());
        self
    }

    /// The resolver imports of `wsdl` are read with: its folder and the allowed ones.
    pub fn file_resolver(&self, wsdl: &Path) -> parse::FileResolver {
        self.import_folders
            .iter()
            .fold(parse::FileResolver::for_root(wsdl), |resolver, folder| {
                resolver.allow_folder(folder)
            })
    }

    /// Reads the WSDL at `wsdl` and what it imports into the model, as
    /// [`generate`](Self::generate) does (with the operation filter applied).
    pub fn parse(&self, wsdl: impl AsRef<Path>) -> Result<model::Definitions, Error> {
        self.parse_with(wsdl.as_ref(), false)
    }

    /// Like [`parse`](Self::parse), for showing a WSDL (`soap-codegen inspect`): an
    /// error in the schemas is kept in [`model::Definitions::schema_errors`] instead of
    /// failing, so services, operations and messages are still there. The types are
    /// then incomplete; generate nothing from them.
    pub fn parse_for_display(&self, wsdl: impl AsRef<Path>) -> Result<model::Definitions, Error> {
        self.parse_with(wsdl.as_ref(), true)
    }

    fn parse_with(
        &self,
        wsdl: &Path,
        keep_schema_errors: bool,
    ) -> Result<model::Definitions, Error> {
        let resolver = self.file_resolver(wsdl);
        let options = parse::ParseOptions {
            unresolved_as_raw_xml: self.settings.unresolved_as_raw_xml,
            degrade_unsupported: self.settings.degrade_unsupported,
            keep_schema_errors,
        };
        let mut definitions = parse::parse_file_options(wsdl, &resolver, options)?;
        if !self.operations.is_empty() {
            select::keep_operations(&mut definitions, &self.operations, wsdl)?;
        }
        Ok(definitions)
    }

    /// Derives serde's `Serialize` and `Deserialize` on every generated type (JSON keys are
    /// the wire names; see [`Settings::serde`]). Off by default: the XML path does not
    /// need them, and they are most of the time `cargo check` spends on generated code.
    pub fn serde(mut self, derive: bool) -> Self {
        self.settings.serde = derive;
        self
    }

    /// Also generates a `blocking` module with a blocking twin of each client (it needs
    /// soap-runtime's `blocking` feature). Off by default.
    pub fn blocking_client(mut self, blocking: bool) -> Self {
        self.settings.blocking_client = blocking;
        self
    }

    /// Marks the element `local_name` (any namespace, any type) as a secret, such as a
    /// password: its fields get the type `Secret<T>`, whose `Debug` and `Display` print
    /// `********` while the wire carries the value.
    pub fn secret_field(mut self, local_name: &str) -> Self {
        self.settings.secret_fields.insert(local_name.to_owned());
        self
    }

    /// Generates formatted Rust source from the WSDL at `wsdl`.
    pub fn generate(&self, wsdl: impl AsRef<Path>) -> Result<String, Error> {
        self.generate_with_sources(wsdl).map(|(source, _)| source)
    }

    /// Generates formatted Rust source from the WSDL at `wsdl`, with every document it was
    /// read from (the WSDL first, then what it imports and includes).
    pub fn generate_with_sources(
        &self,
        wsdl: impl AsRef<Path>,
    ) -> Result<(String, Vec<model::Source>), Error> {
        let wsdl = wsdl.as_ref();
        let definitions = self.parse(wsdl)?;
        let source = self.generate_parsed(&definitions, wsdl)?;
        Ok((source, definitions.sources))
    }

    /// Generates formatted Rust source from `definitions`, which [`parse`](Self::parse)
    /// read from `wsdl` (named in the header and in errors): for a caller that also
    /// shows the model, so the WSDL is read once.
    pub fn generate_parsed(
        &self,
        definitions: &model::Definitions,
        wsdl: &Path,
    ) -> Result<String, Error> {
        let source_name = wsdl
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        emit::emit(definitions, &source_name, &self.settings).map_err(|message| Error {
            kind: emit::error_kind(&message),
            file: wsdl.to_owned(),
            line: 0,
            column: 0,
            message,
        })
    }

    /// For `build.rs`: generates from `wsdl` and writes the source to `out`, only if it
    /// changed (so dependants are not rebuilt needlessly). Prints
    /// `cargo:rerun-if-changed=PATH` for the WSDL and every document it imports or
    /// includes, so cargo regenerates when any of them changes (a build script that
    /// failed runs again anyway).
    pub fn generate_file(
        &self,
        wsdl: impl AsRef<Path>,
        out: impl AsRef<Path>,
    ) -> Result<(), Error> {
        let wsdl = wsdl.as_ref();
        println!("cargo:rerun-if-changed={}", wsdl.display());
        let (source, inputs) = self.generate_with_sources(wsdl)?;
        for input in inputs.iter().skip(1) {
            println!("cargo:rerun-if-changed={}", input.path.display());
        }
        let out = out.as_ref();
        if std::fs::read_to_string(out).ok().as_deref() == Some(source.as_str()) {
            return Ok(());
        }
        std::fs::write(out, source).map_err(|e| Error {
            kind: ErrorKind::Io,
            file: out.to_owned(),
            line: 0,
            column: 0,
            message: format!("cannot write generated code: {e}"),
        })
    }
}
