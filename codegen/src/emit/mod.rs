//! Emitting: the model into formatted Rust source. Builds tokens with quote, checks them
//! with syn and formats them with prettyplease. Deterministic: the same model gives the
//! same bytes.

mod boxing;
mod check;
mod client;
mod derives;
mod extend;
mod fault;
mod format;
pub(crate) mod names;
pub(crate) mod plan;
mod registry;
mod server;
mod service;
mod types;

pub use service::LEFT_OUT_OPERATION_NOTE;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Definitions, QName};

/// What the emitter is told.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Path of the runtime crate in generated code.
    pub runtime_path: String,
    /// Derive serde's `Serialize` and `Deserialize` on generated types (through the
    /// runtime's `serde` re-export; JSON keys are the wire names). Off by default: the
    /// XML path does not use them, and they are most of the `cargo check` time of a
    /// generated file. [`json_registry`](Self::json_registry) turns them on.
    pub serde: bool,
    /// Also emit `request_envelope(operation, values, version)`, which builds any
    /// operation's request envelope from serde values: for interop tests that compare
    /// envelopes with another SOAP stack. Off by default; implies [`serde`](Self::serde).
    pub json_registry: bool,
    /// Whether an import that cannot be resolved, or a reference to an undefined schema
    /// component, degrades to raw XML with a note instead of failing. Off by default.
    pub unresolved_as_raw_xml: bool,
    /// Whether a construct the generator cannot model yet degrades locally instead of
    /// failing: in the schemas to raw XML, and an operation bound in a way it cannot
    /// call is left out, each with a note in the header. Off by default.
    pub degrade_unsupported: bool,
    /// Also emit a `blocking` module with a blocking twin of each client, on the
    /// runtime's `blocking` feature. Off by default.
    pub blocking_client: bool,
    /// Local names of elements that carry secrets (passwords): their simple-typed fields
    /// become `Secret<T>`, which masks `Debug` and `Display` and sends the value.
    pub secret_fields: BTreeSet<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            runtime_path: "::soap_runtime".to_owned(),
            serde: false,
            json_registry: false,
            unresolved_as_raw_xml: false,
            degrade_unsupported: false,
            blocking_client: false,
            secret_fields: BTreeSet::new(),
        }
    }
}

/// What token builders share: the runtime path and the namespace constants. Holds no
/// tokens, so the threads that build item groups (see `format`) share one.
pub(crate) struct Context {
    runtime: RuntimePath,
    runtime_path: String,
    /// Whether generated types derive serde's traits.
    serde: bool,
    /// Namespace URI → constant name.
    namespaces: BTreeMap<String, String>,
    /// The planned choice enums, looked up by name.
    choices: Vec<plan::ChoicePlan>,
    /// The structs of choices' sequence alternatives (read in place), by name.
    groups: BTreeMap<String, plan::StructPlan>,
    /// Whether some operation is SOAP-encoded: values are then written with their XML
    /// Schema type (which the writer puts in `xsi:type` in encoded messages only).
    encoded: bool,
}

/// The runtime crate's path (checked to be tokens), as tokens on demand: a `TokenStream`
/// cannot be shared between threads.
struct RuntimePath(String);

impl quote::ToTokens for RuntimePath {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        thread_local! {
            /// The last path parsed on this thread, with its tokens.
            static PARSED: std::cell::RefCell<Option<(String, TokenStream)>> =
                const { std::cell::RefCell::new(None) };
        }
        PARSED.with_borrow_mut(|parsed| {
            if parsed.as_ref().is_none_or(|(path, _)| *path != self.0) {
                let path_tokens = self.0.parse().expect("checked when the context was made");
                *parsed = Some((self.0.clone(), path_tokens));
            }
            if let Some((_, path_tokens)) = parsed {
                tokens.extend(path_tokens.clone());
            }
        });
    }
}

impl Context {
    /// The constant naming `ns`, or `""` for no namespace.
    /// The constant naming `ns`; the URI itself for one no constant was made for, and
    /// `""` for no namespace.
    fn namespace_const(&self, ns: &str) -> TokenStream {
        match self.namespaces.get(ns) {
            Some(name) => {
                let name = names::ident(name);
                quote!(#name)
            }
            None => quote!(#ns),
        }
    }

    /// `(namespace, local name)` of an XML Schema type, for `xsi:type`.
    fn xsi_type(&self, name: &QName) -> TokenStream {
        let rt = &self.runtime;
        let local = &name.local;
        let ns = match name.ns.as_str() {
            crate::model::XSD_NS => quote!(#rt::xml::XSD_NS),
            crate::model::SOAP_ENCODING_NS => quote!(#rt::xml::SOAP_ENCODING_NS),
            other => self.namespace_const(other),
        };
        quote!((#ns, #local))
    }
}

impl Context {
    /// The choice enum named `name`.
    fn choice(&self, name: &str) -> &plan::ChoicePlan {
        self.choices
            .iter()
            .find(|c| c.name == name)
            .expect("choice planned with its field")
    }

    /// The struct of a choice's sequence alternative named `name`.
    fn group(&self, name: &str) -> &plan::StructPlan {
        &self.groups[name]
    }
}

/// The structs that choices' sequence alternatives hold, by name.
fn group_structs(plan: &plan::TypePlan) -> BTreeMap<String, plan::StructPlan> {
    let names: BTreeSet<&str> = plan
        .choices
        .iter()
        .flat_map(|c| &c.variants)
        .filter_map(|v| match &v.element.value {
            plan::ValueType::Group(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    plan.structs
        .iter()
        .filter(|s| names.contains(s.name.as_str()))
        .map(|s| (s.name.clone(), s.clone()))
        .collect()
}

/// The kind of an error `emit` returned: the emitter words its own bugs (code it planned
/// that would not parse or compile) as "internal error: …"; everything else is a construct
/// it does not support.
pub(crate) fn error_kind(message: &str) -> crate::ErrorKind {
    if message.starts_with("internal error:") || message.contains(": internal error:") {
        crate::ErrorKind::Internal
    } else if message.contains(boxing::ENDLESS_TYPE) {
        crate::ErrorKind::Cycle
    } else {
        crate::ErrorKind::Unsupported
    }
}

#[cfg(test)]
mod error_kind_tests {
    use super::error_kind;
    use crate::ErrorKind;

    #[test]
    fn the_emitters_own_bugs_are_internal_errors() {
        assert_eq!(
            error_kind(
                "internal error: the generated code would not compile: fn `new` in impl C is defined twice"
            ),
            ErrorKind::Internal
        );
        assert_eq!(
            error_kind("complex type `T`: internal error: complex type planned as a newtype"),
            ErrorKind::Internal
        );
        assert_eq!(
            error_kind("complex type `T`: sparse SOAP-encoded arrays are not supported"),
            ErrorKind::Unsupported
        );
        assert_eq!(
            error_kind("element `Loop`: no finite XML holds one: every value holds itself again"),
            ErrorKind::Cycle
        );
    }
}

/// Emits Rust source for `defs`; `source_name` is named in the header comment.
pub fn emit(defs: &Definitions, source_name: &str, settings: &Settings) -> Result<String, String> {
    let _: TokenStream = settings.runtime_path.parse().map_err(|e| {
        format!(
            "runtime path `{}` is not a Rust path: {e}",
            settings.runtime_path
        )
    })?;
    let runtime = RuntimePath(settings.runtime_path.clone());
    let mut plan = plan::plan_types(
        defs,
        &body_elements(defs),
        &settings.runtime_path,
        settings.degrade_unsupported,
    )?;
    plan.mark_secret_fields(&settings.secret_fields, &settings.runtime_path);
    let mut cx = Context {
        choices: plan.choices.clone(),
        groups: group_structs(&plan),
        runtime,
        runtime_path: settings.runtime_path.clone(),
        serde: settings.serde || settings.json_registry,
        namespaces: BTreeMap::new(),
        encoded: defs.bindings.iter().flat_map(|b| &b.operations).any(|o| {
            o.input_use == crate::model::Use::Encoded || o.output_use == crate::model::Use::Encoded
        }),
    };
    let namespace_consts = name_namespaces(defs, &plan, &mut cx);

    let mut type_names = names::NameSet::default();
    for s in &plan.structs {
        type_names.claim(s.name.clone(), "");
    }
    for n in &plan.newtypes {
        type_names.claim(n.name.clone(), "");
    }
    for a in &plan.arrays {
        type_names.claim(a.name.clone(), "");
    }
    for f in plan.faults.values() {
        type_names.claim(f.name.clone(), "");
    }
    for a in &plan.abstracts {
        type_names.claim(a.name.clone(), "");
    }
    let mut operation_notes = Vec::new();
    let services = service::plan_services(
        defs,
        &plan,
        &mut type_names,
        settings.degrade_unsupported.then_some(&mut operation_notes),
    )?;
    // Each group is formatted as soon as it is built; see `format`.
    let mut body = format::SourceWriter::default();
    body.push(namespace_consts)?;
    let faults: Vec<&plan::FaultsPlan> = plan.faults.values().collect();
    let (cx, services) = (&cx, &services);
    let mut jobs = format::Jobs::default();
    jobs.list(&plan.structs, cx, types::struct_tokens);
    jobs.list(&plan.newtypes, cx, types::newtype_tokens);
    jobs.list(&plan.arrays, cx, types::array_tokens);
    jobs.list(&plan.choices, cx, types::choice_tokens);
    jobs.list(&plan.abstracts, cx, types::abstract_tokens);
    jobs.list(&plan.enums, cx, types::enum_tokens);
    jobs.list(&faults, cx, |f, cx| fault::fault_tokens(f, cx));
    for s in services {
        jobs.single(move || client::client_tokens(s, cx));
    }
    for s in services {
        jobs.single(move || server::server_tokens(s, cx));
    }
    if settings.blocking_client {
        jobs.single(move || {
            let clients = services
                .iter()
                .map(|s| client::blocking_client_tokens(s, cx));
            quote! {
                /// Blocking clients, for synchronous code: each wraps
                /// `soap_runtime::blocking::Client` (the runtime's `blocking` feature).
                pub mod blocking {
                    use super::*;
                    #(#clients)*
                }
            }
        });
    }
    if settings.json_registry {
        jobs.single(move || registry::registry_tokens(services, cx));
    }
    jobs.run(&mut body)?;
    let mut header =
        format!("// @generated by soap-codegen from {source_name}. Do not edit by hand.\n");
    // The inputs' hashes: a generated file that no longer matches its sources is stale.
    let root_dir = defs.sources.first().and_then(|s| s.path.parent());
    for source in &defs.sources {
        let name = display_relative(&source.path, root_dir);
        header.push_str(&format!("// Source: {name} sha256:{}\n", source.sha256));
    }
    let degraded = defs.degraded.iter().map(|part| &part.note);
    let notes = defs.notes.iter().chain(degraded);
    for note in notes.chain(&plan.notes).chain(&operation_notes) {
        header.push_str(&format!("{NOTE_LINE}{note}\n"));
    }
    header.push('\n');
    Ok(header + &body.finish())
}

/// How each note line of a generated file's header begins.
const NOTE_LINE: &str = "// Note: ";

/// The notes in the header of `source`, a file [`emit`] wrote: degraded parts, operations
/// left out, what the bindings say that generated code does not model.
pub fn header_notes(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .take_while(|line| line.starts_with("//"))
        .filter_map(|line| line.strip_prefix(NOTE_LINE))
}

/// `path` relative to `dir` (the root WSDL's folder) with `.` and `..` folded, `/`-separated
/// on every platform, so the header is the same on every machine; the whole path when it
/// lies elsewhere.
fn display_relative(path: &Path, dir: Option<&Path>) -> String {
    let Some(rest) = dir.and_then(|dir| path.strip_prefix(dir).ok()) else {
        return path.display().to_string();
    };
    let mut parts: Vec<String> = Vec::new();
    for component in rest.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// The elements that SOAP bindings carry as message bodies and fault details.
fn body_elements(defs: &Definitions) -> BTreeSet<QName> {
    let bound: BTreeSet<&QName> = defs.bindings.iter().map(|b| &b.port_type).collect();
    defs.port_types
        .iter()
        .filter(|p| bound.contains(&p.name))
        .flat_map(|p| &p.operations)
        .flat_map(|o| {
            let faults = o.faults.iter().map(|(_, message)| message);
            o.input.iter().chain(o.output.iter()).chain(faults)
        })
        .filter_map(|m| defs.messages.iter().find(|msg| &msg.name == m))
        .flat_map(|m| &m.parts)
        .filter_map(|p| p.element.clone())
        .collect()
}

/// Gives each wire namespace a constant: `TARGET_NAMESPACE` for the WSDL's own, then
/// `NAMESPACE_1`, `NAMESPACE_2`… in order of first use.
fn name_namespaces(defs: &Definitions, plan: &plan::TypePlan, cx: &mut Context) -> TokenStream {
    let mut ordered: Vec<String> = Vec::new();
    let mut add = |ns: &str| {
        if !ns.is_empty() && !ordered.iter().any(|o| o == ns) {
            ordered.push(ns.to_owned());
        }
    };
    for s in &plan.structs {
        for f in &s.fields {
            add(&f.ns);
        }
    }
    for c in &plan.choices {
        for v in &c.variants {
            add(&v.element.ns);
        }
    }
    for element in plan.element_types.keys() {
        add(&element.ns);
    }
    for (element, _) in plan.rpc_bodies.values() {
        add(&element.ns);
    }
    // Encoded messages also name the types of their values (`xsi:type`).
    if cx.encoded {
        let fields = plan.structs.iter().flat_map(|s| &s.fields);
        let types = fields.filter_map(|f| f.xml_type.as_ref());
        let items = plan.arrays.iter().map(|a| &a.item_type);
        for name in types.chain(items) {
            if name.ns != crate::model::XSD_NS && name.ns != crate::model::SOAP_ENCODING_NS {
                add(&name.ns);
            }
        }
    }
    ordered.sort_by_key(|ns| ns != &defs.target_namespace);
    let mut tokens = TokenStream::new();
    let mut counter = 0;
    for ns in ordered {
        let name = if ns == defs.target_namespace {
            "TARGET_NAMESPACE".to_owned()
        } else {
            counter += 1;
            format!("NAMESPACE_{counter}")
        };
        let ident = names::ident(&name);
        let doc = format!(" XML namespace `{ns}`.");
        tokens.extend(quote! { #[doc = #doc] pub const #ident: &str = #ns; });
        cx.namespaces.insert(ns, name);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::display_relative;

    #[test]
    fn sources_are_named_relative_to_the_wsdl_folder_with_dot_dot_folded() {
        let dir = Some(Path::new("/w/api"));
        let name = |p: &str| display_relative(Path::new(p), dir);
        assert_eq!(name("/w/api/Service.wsdl"), "Service.wsdl");
        assert_eq!(name("/w/api/wsdl/../xsd/./T.xsd"), "xsd/T.xsd");
        assert_eq!(name("/w/api/../shared/C.xsd"), "../shared/C.xsd");
        assert_eq!(name("/elsewhere/X.xsd"), "/elsewhere/X.xsd");
    }
}
