//! WSDL 1.1 `definitions` into the model, with every reference checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};
use crate::model::{
    Binding, BindingFault, BindingOperation, Definitions, HeaderPart, Message, Operation, Part,
    Port, PortType, QName, Service, SoapVersion, Source, Style, Use, XSD_NS,
};

use super::ParseOptions;
use super::cycles::{self, Dependency};
use super::dom::{Document, Node};
use super::resolve::Resolver;
use super::schema::{
    PendingRef, RefKind, SchemaImport, SchemaReader, documentation, resolve_references,
};
use super::wellknown;

const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const SOAP11_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const SOAP12_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
const HTTP_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/http/";

/// Parses the WSDL document at `path` and every document it imports, through `resolver`.
pub fn parse_definitions(
    path: &Path,
    bytes: Vec<u8>,
    resolver: &dyn Resolver,
    options: ParseOptions,
) -> Result<Definitions, Error> {
    let mut loader = Loader {
        resolver,
        lenient: options.unresolved_as_raw_xml,
        degrade: options.degrade_unsupported,
        keep_schema_errors: options.keep_schema_errors,
        docs: Vec::new(),
        loaded: BTreeSet::new(),
        defs: Definitions::default(),
        schema_refs: Vec::new(),
        dependencies: Vec::new(),
        wsdl_refs: Vec::new(),
        http_bindings: Vec::new(),
    };
    let source = Source::new(path, &bytes);
    let root = loader.add_document(Document::parse(path, bytes)?, Some(source));
    loader.load_wsdl(root, true)?;
    let well_known = loader.load_referenced_well_known();
    keep_schema_error(options.keep_schema_errors, &mut loader.defs, well_known)?;
    loader.check_refs()?;
    resolve_references(&mut loader.defs.schema, &loader.defs.unresolved);
    Ok(loader.defs)
}

/// `result`, or with `keep` its error recorded in `defs.schema_errors` instead.
fn keep_schema_error(
    keep: bool,
    defs: &mut Definitions,
    result: Result<(), Error>,
) -> Result<(), Error> {
    match result {
        Err(error) if keep => {
            defs.schema_errors.push(error);
            Ok(())
        }
        other => other,
    }
}

/// The most documents (WSDL and schema) one service may span: real services use a few
/// dozen at most; an import graph that keeps growing is a mistake or an attack.
pub const MAX_DOCUMENTS: usize = 1000;

/// What tells two spellings of one file apart from two files: its canonical path, or the
/// path as given for documents that are not files (built-in schemas, a resolver's URLs).
fn identity(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_owned())
}

/// Reads a WSDL document and what it imports into one [`Definitions`], keeping every
/// document so errors found at the end can still name file, line and column.
struct Loader<'r> {
    resolver: &'r dyn Resolver,
    /// Whether unresolvable imports and undefined references degrade to raw XML.
    lenient: bool,
    /// Whether unsupported schema constructs degrade to raw XML, locally.
    degrade: bool,
    /// Whether schema errors are kept in the model instead of failing.
    keep_schema_errors: bool,
    docs: Vec<Document>,
    loaded: BTreeSet<PathBuf>,
    defs: Definitions,
    schema_refs: Vec<(usize, PendingRef)>,
    dependencies: Vec<(usize, Dependency)>,
    wsdl_refs: Vec<(usize, WsdlRef)>,
    http_bindings: Vec<QName>,
}

impl Loader<'_> {
    /// Keeps `doc`; `source` records a document read from a file (not a built-in one).
    fn add_document(&mut self, doc: Document, source: Option<Source>) -> usize {
        self.loaded.insert(identity(&doc.file));
        self.defs.sources.extend(source);
        self.docs.push(doc);
        self.docs.len() - 1
    }

    /// Loads what `location` (written at `offset` in document `from`) names, unless it
    /// was loaded already; `None` for a document seen before (imports may form cycles).
    /// Loads the document `location` names (written at `offset` in document `from`,
    /// importing `namespace`); `None` when it is loaded already, or when, in lenient
    /// mode, it cannot be had and its namespace is left unresolved.
    fn import(
        &mut self,
        from: usize,
        location: &str,
        namespace: Option<&str>,
        offset: usize,
    ) -> Result<Option<usize>, Error> {
        if let Some(schema) = wellknown::by_location(location) {
            return self.load_well_known(schema);
        }
        let base = self.docs[from].file.clone();
        let (path, bytes) = match self.resolver.resolve(location, &base) {
            Ok(found) => found,
            Err(message) if self.lenient && namespace.is_some() => {
                let namespace = namespace.unwrap_or_default();
                self.defs.notes.push(format!(
                    "import of `{location}` could not be resolved ({message}); what namespace {namespace} declares is kept as raw XML"
                ));
                self.defs.unresolved.push(QName::new(namespace, "*"));
                return Ok(None);
            }
            Err(message) => {
                return Err(self.docs[from].error_at(
                    offset,
                    ErrorKind::UnresolvedImport,
                    format!("cannot import `{location}`: {message}"),
                ));
            }
        };
        if self.loaded.contains(&identity(&path)) {
            return Ok(None);
        }
        if self.docs.len() >= MAX_DOCUMENTS {
            return Err(self.docs[from].error_at(
                offset,
                ErrorKind::Limit,
                format!(
                    "importing `{location}` would make more than {MAX_DOCUMENTS} documents; \
                     the import graph is larger than any real service's"
                ),
            ));
        }
        let source = Source::new(&path, &bytes);
        Ok(Some(self.add_document(
            Document::parse(&path, bytes)?,
            Some(source),
        )))
    }

    fn load_wsdl(&mut self, index: usize, is_root: bool) -> Result<(), Error> {
        let doc = &self.docs[index];
        let root = &doc.root;
        if !root.is(WSDL_NS, "definitions") {
            return Err(doc.error(
                root,
                ErrorKind::Invalid,
                format!(
                    "the root element is `{}`, not WSDL 1.1 `definitions` ({WSDL_NS})",
                    display_name(root)
                ),
            ));
        }
        let target_ns = root.attr("targetNamespace").unwrap_or_default().to_owned();
        if is_root {
            self.defs.name = root.attr("name").map(str::to_owned);
            self.defs.target_namespace = target_ns.clone();
            self.defs.documentation = documentation(root);
        }
        let mut pending = Vec::new();
        let mut refs = Vec::new();
        let mut schema_imports = Vec::new();
        let wsdl_imports: Vec<(String, usize)> = root
            .children_named(WSDL_NS, "import")
            .map(|i| required(doc, i, "location").map(|l| (l.to_owned(), i.offset)))
            .collect::<Result<_, _>>()?;
        for types in root.children_named(WSDL_NS, "types") {
            for node in types.children.iter().filter(|c| c.ns == XSD_NS) {
                match node.local.as_str() {
                    "schema" => {
                        let mut reader = SchemaReader::new(doc, node, None).degrading(self.degrade);
                        let read = reader.read(node, &mut self.defs.schema);
                        keep_schema_error(self.keep_schema_errors, &mut self.defs, read)?;
                        pending.append(&mut reader.pending);
                        self.dependencies
                            .extend(reader.dependencies.drain(..).map(|d| (index, d)));
                        self.defs.notes.append(&mut reader.notes);
                        self.defs.degraded.append(&mut reader.degraded);
                        let ns = reader.target_namespace().to_owned();
                        schema_imports.extend(reader.imports.into_iter().map(|i| (i, ns.clone())));
                    }
                    // Some WSDLs import schemas straight under `types`, without a schema.
                    "import" => {
                        if let Some(location) = node.attr("schemaLocation") {
                            let import = SchemaImport {
                                location: location.to_owned(),
                                include: false,
                                namespace: node.attr("namespace").map(str::to_owned),
                                offset: node.offset,
                            };
                            schema_imports.push((import, String::new()));
                        }
                    }
                    _ => {}
                }
            }
        }
        for node in root.children_named(WSDL_NS, "message") {
            self.defs
                .messages
                .push(message(doc, node, &target_ns, &mut pending)?);
        }
        for node in root.children_named(WSDL_NS, "portType") {
            self.defs
                .port_types
                .push(port_type(doc, node, &target_ns, &mut refs)?);
        }
        for node in root.children_named(WSDL_NS, "binding") {
            match binding(doc, node, &target_ns, &mut refs, &mut self.defs.notes)? {
                Some(binding) => self.defs.bindings.push(binding),
                None => {
                    let name = required(doc, node, "name")?;
                    self.defs.notes.push(format!(
                        "binding `{name}` is an HTTP GET/POST binding, not SOAP; skipped"
                    ));
                    self.http_bindings.push(QName::new(&target_ns, name));
                }
            }
        }
        for node in root.children_named(WSDL_NS, "service") {
            self.defs.services.push(service(
                doc,
                node,
                &target_ns,
                &self.http_bindings,
                &mut refs,
            )?);
        }
        self.schema_refs
            .extend(pending.into_iter().map(|r| (index, r)));
        self.wsdl_refs.extend(refs.into_iter().map(|r| (index, r)));
        for (import, including_ns) in schema_imports {
            let loaded = self.load_schema_import(index, import, &including_ns);
            keep_schema_error(self.keep_schema_errors, &mut self.defs, loaded)?;
        }
        for (location, offset) in wsdl_imports {
            if let Some(imported) = self.import(index, &location, None, offset)? {
                self.load_wsdl(imported, false)?;
            }
        }
        Ok(())
    }

    fn load_schema_import(
        &mut self,
        from: usize,
        import: SchemaImport,
        including_ns: &str,
    ) -> Result<(), Error> {
        self.load_schema_imports(vec![(from, import, including_ns.to_owned())])
    }

    /// Loads the schema imports on `stack` (the last first) and, depth first, what they
    /// import in turn: the order recursion would give, without a stack frame per level
    /// (an import chain may be 1000 documents long).
    fn load_schema_imports(
        &mut self,
        mut stack: Vec<(usize, SchemaImport, String)>,
    ) -> Result<(), Error> {
        while let Some((from, import, including_ns)) = stack.pop() {
            let Some(index) = self.import(
                from,
                &import.location,
                import.namespace.as_deref(),
                import.offset,
            )?
            else {
                continue;
            };
            let chameleon = import.include.then_some(including_ns.as_str());
            let (nested, ns) = self.read_schema_document(index, chameleon)?;
            stack.extend(nested.into_iter().rev().map(|i| (index, i, ns.clone())));
        }
        Ok(())
    }

    /// Reads the schema document `index` and what it imports; `chameleon` is the
    /// including schema's namespace for an include.
    fn load_schema_document(&mut self, index: usize, chameleon: Option<&str>) -> Result<(), Error> {
        let (nested, ns) = self.read_schema_document(index, chameleon)?;
        let stack = nested.into_iter().rev().map(|i| (index, i, ns.clone()));
        self.load_schema_imports(stack.collect())
    }

    /// Reads the schema document `index`; returns its imports and includes, still to
    /// load, and its target namespace.
    fn read_schema_document(
        &mut self,
        index: usize,
        chameleon: Option<&str>,
    ) -> Result<(Vec<SchemaImport>, String), Error> {
        let doc = &self.docs[index];
        if !doc.root.is(XSD_NS, "schema") {
            return Err(doc.error(
                &doc.root,
                ErrorKind::Invalid,
                "this document is not an XML Schema",
            ));
        }
        let mut reader = SchemaReader::new(doc, &doc.root, chameleon).degrading(self.degrade);
        reader.read(&doc.root, &mut self.defs.schema)?;
        let ns = reader.target_namespace().to_owned();
        let nested = std::mem::take(&mut reader.imports);
        self.schema_refs
            .extend(reader.pending.into_iter().map(|r| (index, r)));
        self.dependencies
            .extend(reader.dependencies.into_iter().map(|d| (index, d)));
        self.defs.notes.append(&mut reader.notes);
        self.defs.degraded.append(&mut reader.degraded);
        Ok((nested, ns))
    }

    /// Adds a built-in schema, unless it is loaded already.
    fn load_well_known(
        &mut self,
        schema: &'static wellknown::WellKnown,
    ) -> Result<Option<usize>, Error> {
        let path = schema.path();
        if self.loaded.contains(&path) {
            return Ok(None);
        }
        Ok(Some(self.add_document(
            Document::parse(&path, schema.text.as_bytes().to_vec())?,
            None,
        )))
    }

    /// Loads the built-in schemas of namespaces that references point into but that no
    /// document declared: namespace-only imports of SOAP encoding, or none at all.
    fn load_referenced_well_known(&mut self) -> Result<(), Error> {
        let namespaces: BTreeSet<String> = self
            .schema_refs
            .iter()
            .map(|(_, r)| r.name.ns.clone())
            .collect();
        for namespace in namespaces {
            if let Some(schema) = wellknown::by_namespace(&namespace)
                && let Some(index) = self.load_well_known(schema)?
            {
                self.load_schema_document(index, None)?;
            }
        }
        Ok(())
    }

    fn check_refs(&mut self) -> Result<(), Error> {
        let acyclic = cycles::check(&self.docs, &self.dependencies);
        keep_schema_error(self.keep_schema_errors, &mut self.defs, acyclic)?;
        let undefined =
            match check_schema_refs(&self.docs, &self.defs, &self.schema_refs, self.lenient) {
                Ok(undefined) => undefined,
                Err(error) => {
                    keep_schema_error(self.keep_schema_errors, &mut self.defs, Err(error))?;
                    Vec::new()
                }
            };
        for (what, name) in undefined {
            self.defs
                .notes
                .push(format!("undefined {what} `{name}` is kept as raw XML"));
            self.defs.unresolved.push(name);
        }
        check_wsdl_refs(&self.docs, &self.defs, &self.wsdl_refs)
    }
}

/// A WSDL-level reference to check: what it names, of which kind (and for a message,
/// which part of it, if one), where.
struct WsdlRef {
    name: QName,
    kind: &'static str,
    part: Option<String>,
    offset: usize,
}

fn message(
    doc: &Document,
    node: &Node,
    tns: &str,
    pending: &mut Vec<PendingRef>,
) -> Result<Message, Error> {
    let name = required(doc, node, "name")?;
    let mut parts = Vec::new();
    for part in node.children_named(WSDL_NS, "part") {
        let element = part
            .attr("element")
            .map(|v| qname(doc, part, v))
            .transpose()?;
        let type_name = part.attr("type").map(|v| qname(doc, part, v)).transpose()?;
        if element.is_none() && type_name.is_none() {
            return Err(doc.error(
                part,
                ErrorKind::Invalid,
                "a message part needs an `element` or a `type`",
            ));
        }
        if let Some(e) = &element {
            pending.push(PendingRef {
                name: e.clone(),
                kind: RefKind::Element,
                offset: part.offset,
            });
        }
        if let Some(t) = &type_name {
            pending.push(PendingRef {
                name: t.clone(),
                kind: RefKind::Type,
                offset: part.offset,
            });
        }
        parts.push(Part {
            name: required(doc, part, "name")?.to_owned(),
            element,
            type_name,
        });
    }
    Ok(Message {
        name: QName::new(tns, name),
        parts,
    })
}

fn port_type(
    doc: &Document,
    node: &Node,
    tns: &str,
    refs: &mut Vec<WsdlRef>,
) -> Result<PortType, Error> {
    let mut operations = Vec::new();
    for op in node.children_named(WSDL_NS, "operation") {
        let mut message_of = |child: &str| -> Result<Option<QName>, Error> {
            let Some(io) = op.child(WSDL_NS, child) else {
                return Ok(None);
            };
            let name = qname(doc, io, required(doc, io, "message")?)?;
            refs.push(WsdlRef {
                name: name.clone(),
                kind: "message",
                part: None,
                offset: io.offset,
            });
            Ok(Some(name))
        };
        let input = message_of("input")?;
        let output = message_of("output")?;
        let mut faults = Vec::new();
        for fault in op.children_named(WSDL_NS, "fault") {
            let message = qname(doc, fault, required(doc, fault, "message")?)?;
            refs.push(WsdlRef {
                name: message.clone(),
                kind: "message",
                part: None,
                offset: fault.offset,
            });
            faults.push((fault.attr("name").unwrap_or_default().to_owned(), message));
        }
        operations.push(Operation {
            name: required(doc, op, "name")?.to_owned(),
            documentation: documentation(op),
            input,
            output,
            faults,
        });
    }
    Ok(PortType {
        name: QName::new(tns, required(doc, node, "name")?),
        operations,
    })
}

/// A SOAP binding, or `None` for an HTTP binding (which generated clients do not use).
/// `notes` gets what the binding says that generated code does not model yet.
fn binding(
    doc: &Document,
    node: &Node,
    tns: &str,
    refs: &mut Vec<WsdlRef>,
    notes: &mut Vec<String>,
) -> Result<Option<Binding>, Error> {
    let name = required(doc, node, "name")?;
    let port_type = qname(doc, node, required(doc, node, "type")?)?;
    let Some(extension) = node
        .children
        .iter()
        .find(|c| c.ns != WSDL_NS && c.local == "binding")
    else {
        return Err(doc.error(
            node,
            ErrorKind::Invalid,
            format!("binding `{name}` has no soap:binding, soap12:binding or http:binding"),
        ));
    };
    let version = match extension.ns.as_str() {
        SOAP11_BINDING_NS => SoapVersion::Soap11,
        SOAP12_BINDING_NS => SoapVersion::Soap12,
        HTTP_BINDING_NS => return Ok(None),
        other => {
            return Err(doc.error(
                extension,
                ErrorKind::UnknownSoapVersion,
                format!("binding `{name}` uses `{other}`, which is neither the SOAP 1.1 ({SOAP11_BINDING_NS}) nor the SOAP 1.2 ({SOAP12_BINDING_NS}) binding namespace"),
            ));
        }
    };
    refs.push(WsdlRef {
        name: port_type.clone(),
        kind: "portType",
        part: None,
        offset: node.offset,
    });
    let style = parse_style(doc, extension, Style::Document)?;
    let mut operations = Vec::new();
    for op in node.children_named(WSDL_NS, "operation") {
        let soap_op = op.child(&extension.ns, "operation");
        let op_name = required(doc, op, "name")?;
        let body_of = |io: &str| -> Result<BodyBinding, Error> {
            let body = op
                .child(WSDL_NS, io)
                .and_then(|n| n.child(&extension.ns, "body"));
            let Some(body) = body else {
                return Ok(BodyBinding::default());
            };
            Ok(BodyBinding {
                use_: parse_use(doc, body)?,
                namespace: body.attr("namespace").map(str::to_owned),
                parts: body
                    .attr("parts")
                    .map(|p| p.split_whitespace().map(str::to_owned).collect()),
            })
        };
        let mut headers = |io: &str| -> Result<Vec<HeaderPart>, Error> {
            let Some(io_node) = op.child(WSDL_NS, io) else {
                return Ok(Vec::new());
            };
            let mut parts = Vec::new();
            for header in io_node.children_named(&extension.ns, "header") {
                let message = qname(doc, header, required(doc, header, "message")?)?;
                let part = required(doc, header, "part")?.to_owned();
                refs.push(WsdlRef {
                    name: message.clone(),
                    kind: "message",
                    part: Some(part.clone()),
                    offset: header.offset,
                });
                let faults = header.children_named(&extension.ns, "headerfault").count();
                if faults > 0 {
                    notes.push(format!(
                        "operation `{op_name}` of binding `{name}`: {faults} soap:headerfault(s) on header part `{part}` are not generated; such faults arrive as untyped `SoapError::Fault`s"
                    ));
                }
                parts.push(HeaderPart {
                    message,
                    part,
                    use_: parse_use(doc, header)?,
                });
            }
            Ok(parts)
        };
        let input_headers = headers("input")?;
        let output_headers = headers("output")?;
        let mut faults = Vec::new();
        for fault in op.children_named(WSDL_NS, "fault") {
            let soap_fault = fault.child(&extension.ns, "fault");
            faults.push(BindingFault {
                name: required(doc, fault, "name")?.to_owned(),
                use_: match soap_fault {
                    Some(f) => parse_use(doc, f)?,
                    None => Use::Literal,
                },
            });
        }
        let (input, output) = (body_of("input")?, body_of("output")?);
        operations.push(BindingOperation {
            name: op_name.to_owned(),
            soap_action: soap_op
                .and_then(|o| o.attr("soapAction"))
                .unwrap_or_default()
                .to_owned(),
            style: match soap_op {
                Some(o) => parse_style(doc, o, style)?,
                None => style,
            },
            input_use: input.use_,
            output_use: output.use_,
            input_namespace: input.namespace,
            output_namespace: output.namespace,
            input_parts: input.parts,
            output_parts: output.parts,
            input_headers,
            output_headers,
            faults,
        });
    }
    Ok(Some(Binding {
        name: QName::new(tns, name),
        port_type,
        version,
        style,
        transport: extension.attr("transport").unwrap_or_default().to_owned(),
        operations,
    }))
}

/// What a `soap:body` says: literal unless told, and when given, the namespace of an rpc
/// wrapper and which parts the body holds.
struct BodyBinding {
    use_: Use,
    namespace: Option<String>,
    parts: Option<Vec<String>>,
}

impl Default for BodyBinding {
    fn default() -> Self {
        Self {
            use_: Use::Literal,
            namespace: None,
            parts: None,
        }
    }
}

/// The `use` of a `soap:body`, `soap:header` or `soap:fault` (literal if not given).
fn parse_use(doc: &Document, node: &Node) -> Result<Use, Error> {
    match node.attr("use") {
        None | Some("literal") => Ok(Use::Literal),
        Some("encoded") => Ok(Use::Encoded),
        Some(other) => Err(doc.error(
            node,
            ErrorKind::Invalid,
            format!("use=\"{other}\" is neither literal nor encoded"),
        )),
    }
}

fn parse_style(doc: &Document, node: &Node, default: Style) -> Result<Style, Error> {
    match node.attr("style") {
        None => Ok(default),
        Some("document") => Ok(Style::Document),
        Some("rpc") => Ok(Style::Rpc),
        Some(other) => Err(doc.error(
            node,
            ErrorKind::Invalid,
            format!("style=\"{other}\" is neither document nor rpc"),
        )),
    }
}

fn service(
    doc: &Document,
    node: &Node,
    tns: &str,
    http_bindings: &[QName],
    refs: &mut Vec<WsdlRef>,
) -> Result<Service, Error> {
    let mut ports = Vec::new();
    for port in node.children_named(WSDL_NS, "port") {
        let binding = qname(doc, port, required(doc, port, "binding")?)?;
        // Ports of skipped HTTP bindings go with them.
        if http_bindings.contains(&binding) {
            continue;
        }
        refs.push(WsdlRef {
            name: binding.clone(),
            kind: "binding",
            part: None,
            offset: port.offset,
        });
        let address = port
            .children
            .iter()
            .find(|c| c.local == "address")
            .and_then(|a| a.attr("location"))
            .map(str::to_owned);
        ports.push(Port {
            name: required(doc, port, "name")?.to_owned(),
            binding,
            address,
        });
    }
    Ok(Service {
        name: QName::new(tns, required(doc, node, "name")?),
        documentation: documentation(node),
        ports,
    })
}

/// Checks schema references; in lenient mode an undefined one is returned (kind and
/// name) instead of being an error.
fn check_schema_refs(
    docs: &[Document],
    defs: &Definitions,
    pending: &[(usize, PendingRef)],
    lenient: bool,
) -> Result<Vec<(&'static str, QName)>, Error> {
    let mut undefined: Vec<(&'static str, QName)> = Vec::new();
    let schema = &defs.schema;
    let types: BTreeSet<&QName> = schema
        .types
        .iter()
        .filter_map(|t| t.name.as_ref())
        .collect();
    let elements: BTreeSet<&QName> = schema.elements.iter().map(|e| &e.name).collect();
    let attributes: BTreeSet<&QName> = schema.attributes.iter().map(|a| &a.name).collect();
    let attribute_groups: BTreeSet<&QName> =
        schema.attribute_groups.iter().map(|(n, _)| n).collect();
    let groups: BTreeSet<&QName> = schema.groups.iter().map(|(n, _)| n).collect();
    for (doc, reference) in pending {
        let name = &reference.name;
        let (found, what) = match reference.kind {
            RefKind::Type => (name.ns == XSD_NS || types.contains(name), "type"),
            // `ref="s:schema"` (ASP.NET DataSets) stands for an inline schema: raw XML.
            RefKind::Element => (name.ns == XSD_NS || elements.contains(name), "element"),
            RefKind::Attribute => (name.ns == XML_NS || attributes.contains(name), "attribute"),
            RefKind::AttributeGroup => (attribute_groups.contains(name), "attribute group"),
            RefKind::Group => (groups.contains(name), "group"),
        };
        if found || defs.is_unresolved(name) || undefined.iter().any(|(_, u)| u == name) {
            continue;
        }
        if lenient {
            undefined.push((what, name.clone()));
        } else {
            return Err(docs[*doc].error_at(
                reference.offset,
                ErrorKind::UndefinedReference,
                format!("undefined {what} `{name}`"),
            ));
        }
    }
    Ok(undefined)
}

fn check_wsdl_refs(
    docs: &[Document],
    defs: &Definitions,
    refs: &[(usize, WsdlRef)],
) -> Result<(), Error> {
    for (doc, reference) in refs {
        let doc = &docs[*doc];
        let found = match reference.kind {
            "message" => defs.messages.iter().any(|m| m.name == reference.name),
            "portType" => defs.port_types.iter().any(|p| p.name == reference.name),
            _ => defs.bindings.iter().any(|b| b.name == reference.name),
        };
        if !found {
            let kind = if reference.kind == "binding" {
                ErrorKind::MissingBinding
            } else {
                ErrorKind::UndefinedReference
            };
            return Err(doc.error_at(
                reference.offset,
                kind,
                format!("undefined {} `{}`", reference.kind, reference.name),
            ));
        }
        if let Some(part) = &reference.part {
            let message = defs.messages.iter().find(|m| m.name == reference.name);
            if !message.is_some_and(|m| m.parts.iter().any(|p| &p.name == part)) {
                return Err(doc.error_at(
                    reference.offset,
                    ErrorKind::UndefinedReference,
                    format!("message `{}` has no part `{part}`", reference.name),
                ));
            }
        }
    }
    Ok(())
}

fn required<'n>(doc: &Document, node: &'n Node, name: &str) -> Result<&'n str, Error> {
    node.attr(name).ok_or_else(|| {
        doc.error(
            node,
            ErrorKind::Invalid,
            format!("`{}` needs a `{name}` attribute", display_name(node)),
        )
    })
}

fn qname(doc: &Document, node: &Node, value: &str) -> Result<QName, Error> {
    node.resolve_qname(value).ok_or_else(|| {
        doc.error(
            node,
            ErrorKind::UndefinedReference,
            format!("the prefix of `{value}` is not declared"),
        )
    })
}

fn display_name(node: &Node) -> String {
    if node.ns.is_empty() {
        node.local.clone()
    } else {
        format!("{{{}}}{}", node.ns, node.local)
    }
}
