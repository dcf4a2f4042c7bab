//! `inspect`: what a WSDL offers, read from the model into view structs that print as
//! text (like `python -m zeep`) or serialize as JSON. The views live here, in the binary,
//! so the library's model stays free of serde.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;
use soap_codegen::model::{
    Attribute, Binding, ComplexType, Definitions, Element, HeaderPart, MaxOccurs, Message,
    Particle, QName, SoapVersion, Style, TypeDef, TypeKind, TypeRef, Use, XSD_NS,
};

/// Anonymous types are shown inline down to this depth, named base types followed to it.
const MAX_DEPTH: usize = 8;

/// Everything `inspect` shows.
#[derive(Debug, Serialize)]
pub struct Inspection {
    /// The WSDL file as given.
    pub file: String,
    /// The `name` of `definitions`.
    pub name: Option<String>,
    /// The target namespace.
    pub target_namespace: String,
    /// Prefix → namespace, for the prefixed names used everywhere else.
    pub prefixes: BTreeMap<String, String>,
    /// Services with their SOAP ports.
    pub services: Vec<ServiceView>,
    /// SOAP bindings that no port of any service uses.
    pub unbound_bindings: Vec<BindingView>,
    /// Port types that no SOAP binding binds (abstract WSDLs, HTTP-only port types).
    pub unbound_port_types: Vec<PortTypeView>,
    /// Global schema declarations, counted.
    pub schema: SchemaCounts,
    /// WSDL-level totals.
    pub counts: Counts,
    /// What was read but skipped (HTTP bindings, for example).
    pub notes: Vec<String>,
    /// Errors in the schemas (`file:line:column: message`): the services and operations
    /// above are complete, the message shapes and schema counts are not. Left out of the
    /// JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schema_errors: Vec<String>,
}

/// A service.
#[derive(Debug, Serialize)]
pub struct ServiceView {
    /// Its name (prefixed).
    pub name: String,
    /// Its documentation.
    pub documentation: Option<String>,
    /// Its SOAP ports.
    pub ports: Vec<PortView>,
}

/// A port: a binding at an address.
#[derive(Debug, Serialize)]
pub struct PortView {
    /// Its name.
    pub name: String,
    /// The `soap:address` / `soap12:address` location.
    pub address: Option<String>,
    /// The binding it uses.
    pub binding: BindingView,
}

/// A SOAP binding with its operations.
#[derive(Debug, Serialize)]
pub struct BindingView {
    /// Its name (prefixed).
    pub name: String,
    /// The port type it binds (prefixed).
    pub port_type: String,
    /// `"1.1"` or `"1.2"`.
    pub soap_version: &'static str,
    /// The default style, `"document"` or `"rpc"`.
    pub style: &'static str,
    /// The transport URI.
    pub transport: String,
    /// Its operations, in binding order.
    pub operations: Vec<OperationView>,
}

/// One bound operation.
#[derive(Debug, Serialize)]
pub struct OperationView {
    /// Its name.
    pub name: String,
    /// Its soapAction (may be empty).
    pub soap_action: String,
    /// `"document"` or `"rpc"`.
    pub style: &'static str,
    /// `"literal"` or `"encoded"`.
    pub input_use: &'static str,
    /// `"literal"` or `"encoded"`.
    pub output_use: &'static str,
    /// The port type operation's documentation.
    pub documentation: Option<String>,
    /// The input message, absent for notification operations.
    pub input: Option<MessageView>,
    /// The output message, absent for one-way operations.
    pub output: Option<MessageView>,
    /// Fault messages.
    pub faults: Vec<FaultView>,
    /// `soap:header` blocks of the request.
    pub input_headers: Vec<HeaderView>,
    /// `soap:header` blocks of the response.
    pub output_headers: Vec<HeaderView>,
}

/// A `soap:header` block: a part of a message, sent in the SOAP `Header`.
#[derive(Debug, Serialize)]
pub struct HeaderView {
    /// The message (prefixed).
    pub message: String,
    /// The part.
    pub part: PartView,
}

/// A message's shape.
#[derive(Debug, Serialize)]
pub struct MessageView {
    /// The message name (prefixed).
    pub message: String,
    /// Its parts.
    pub parts: Vec<PartView>,
    /// Document/literal wrapped: document style, one element part whose element is a
    /// complex type and, for the input, is named after the operation.
    pub wrapped: bool,
    /// For a message that is one element of complex type (wrapped or not): that element
    /// and its children.
    pub body: Option<BodyView>,
    /// The shape on one line, as the text output prints it.
    pub shape: String,
}

/// A message part.
#[derive(Debug, Serialize)]
pub struct PartView {
    /// The part name.
    pub name: String,
    /// `element=` (prefixed).
    pub element: Option<String>,
    /// `type=` (prefixed).
    #[serde(rename = "type")]
    pub type_name: Option<String>,
}

/// The body element of a message and its children.
#[derive(Debug, Serialize)]
pub struct BodyView {
    /// The element (prefixed).
    pub element: String,
    /// Its children and attributes, base type's first.
    pub fields: Vec<FieldView>,
}

/// A child of a complex type: an element, an attribute (`@name`), a choice or `xsd:any`.
#[derive(Debug, Serialize)]
pub struct FieldView {
    /// `"element"`, `"attribute"`, `"choice"` or `"any"`.
    pub kind: &'static str,
    /// The wire name (local part); `@name` for attributes; absent for choices and any.
    pub name: Option<String>,
    /// Its type (prefixed); inline `{…}` for anonymous complex types, `a: T | b: U` for
    /// choices, `any` for `xsd:any`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// `minOccurs` (0 or 1 for attributes: optional or required).
    pub min_occurs: u32,
    /// `maxOccurs`: a number or `"unbounded"`.
    pub max_occurs: Occurs,
    /// `nillable`.
    pub nillable: bool,
    /// As shown: `name: type` with `?` for optional and `[]` for repeated.
    pub display: String,
}

/// `maxOccurs`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Occurs {
    /// At most this many.
    Bounded(u32),
    /// `"unbounded"`.
    Unbounded(&'static str),
}

/// A port type no SOAP binding binds.
#[derive(Debug, Serialize)]
pub struct PortTypeView {
    /// Its name (prefixed).
    pub name: String,
    /// Its operations' names.
    pub operations: Vec<String>,
}

/// A fault of an operation.
#[derive(Debug, Serialize)]
pub struct FaultView {
    /// The fault name.
    pub name: String,
    /// Its message (prefixed).
    pub message: String,
}

/// Global schema declarations.
#[derive(Debug, Serialize)]
pub struct SchemaCounts {
    /// Named types.
    pub types: usize,
    /// Named complex types.
    pub complex_types: usize,
    /// Named simple types.
    pub simple_types: usize,
    /// Global elements.
    pub elements: usize,
    /// Global attributes.
    pub attributes: usize,
    /// Named attribute groups.
    pub attribute_groups: usize,
    /// Named model groups.
    pub groups: usize,
}

/// WSDL-level totals.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Services.
    pub services: usize,
    /// SOAP ports over all services.
    pub ports: usize,
    /// SOAP bindings.
    pub bindings: usize,
    /// Port types.
    pub port_types: usize,
    /// Messages.
    pub messages: usize,
    /// Operations of port types that SOAP bindings bind, each once (a port type bound for
    /// both SOAP 1.1 and 1.2 counts once).
    pub operations: usize,
}

/// WSDL-level totals of `defs`.
pub fn counts(defs: &Definitions) -> Counts {
    let bound: BTreeSet<&QName> = defs.bindings.iter().map(|b| &b.port_type).collect();
    let operations = defs
        .port_types
        .iter()
        .filter(|p| bound.contains(&p.name))
        .map(|p| p.operations.len())
        .sum();
    Counts {
        services: defs.services.len(),
        ports: defs.services.iter().map(|s| s.ports.len()).sum(),
        bindings: defs.bindings.len(),
        port_types: defs.port_types.len(),
        messages: defs.messages.len(),
        operations,
    }
}

/// Reads the view of `defs`, read from `file`.
pub fn inspect(defs: &Definitions, file: &str) -> Inspection {
    let mut cx = Viewer {
        defs,
        prefixes: Prefixes::new(&defs.target_namespace),
    };
    let services = defs
        .services
        .iter()
        .map(|s| ServiceView {
            name: cx.prefixes.name(&s.name),
            documentation: s.documentation.clone(),
            ports: s
                .ports
                .iter()
                .filter_map(|p| {
                    let binding = defs.bindings.iter().find(|b| b.name == p.binding)?;
                    Some(PortView {
                        name: p.name.clone(),
                        address: p.address.clone(),
                        binding: cx.binding(binding),
                    })
                })
                .collect(),
        })
        .collect();
    let used: BTreeSet<&QName> = defs
        .services
        .iter()
        .flat_map(|s| s.ports.iter().map(|p| &p.binding))
        .collect();
    let unbound_bindings = defs
        .bindings
        .iter()
        .filter(|b| !used.contains(&b.name))
        .map(|b| cx.binding(b))
        .collect();
    let bound: BTreeSet<&QName> = defs.bindings.iter().map(|b| &b.port_type).collect();
    let unbound_port_types = defs
        .port_types
        .iter()
        .filter(|p| !bound.contains(&p.name))
        .map(|p| PortTypeView {
            name: cx.prefixes.name(&p.name),
            operations: p.operations.iter().map(|o| o.name.clone()).collect(),
        })
        .collect();
    let schema = &defs.schema;
    let complex_types = schema
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Complex(_)))
        .count();
    Inspection {
        file: file.to_owned(),
        name: defs.name.clone(),
        target_namespace: defs.target_namespace.clone(),
        prefixes: cx
            .prefixes
            .by_ns
            .iter()
            .map(|(ns, prefix)| (prefix.clone(), ns.clone()))
            .collect(),
        services,
        unbound_bindings,
        unbound_port_types,
        schema: SchemaCounts {
            types: schema.types.len(),
            complex_types,
            simple_types: schema.types.len() - complex_types,
            elements: schema.elements.len(),
            attributes: schema.attributes.len(),
            attribute_groups: schema.attribute_groups.len(),
            groups: schema.groups.len(),
        },
        counts: counts(defs),
        notes: defs
            .notes
            .iter()
            .chain(defs.degraded.iter().map(|part| &part.note))
            .cloned()
            .collect(),
        schema_errors: defs.schema_errors.iter().map(ToString::to_string).collect(),
    }
}

/// Namespace prefixes: `xs` for XML Schema, `tns` for the target namespace, `ns0`,
/// `ns1`… for the others in order of first use.
struct Prefixes {
    by_ns: BTreeMap<String, String>,
    next: usize,
}

impl Prefixes {
    fn new(target_namespace: &str) -> Self {
        let mut by_ns = BTreeMap::new();
        by_ns.insert(XSD_NS.to_owned(), "xs".to_owned());
        if !target_namespace.is_empty() && target_namespace != XSD_NS {
            by_ns.insert(target_namespace.to_owned(), "tns".to_owned());
        }
        Self { by_ns, next: 0 }
    }

    /// `prefix:local`, or `local` for no namespace.
    fn name(&mut self, name: &QName) -> String {
        if name.ns.is_empty() {
            return name.local.clone();
        }
        let next = &mut self.next;
        let prefix = self.by_ns.entry(name.ns.clone()).or_insert_with(|| {
            let prefix = format!("ns{next}");
            *next += 1;
            prefix
        });
        format!("{prefix}:{}", name.local)
    }
}

struct Viewer<'d> {
    defs: &'d Definitions,
    prefixes: Prefixes,
}

impl<'d> Viewer<'d> {
    fn binding(&mut self, binding: &Binding) -> BindingView {
        let defs = self.defs;
        let port_type = defs.port_types.iter().find(|p| p.name == binding.port_type);
        let operations = binding
            .operations
            .iter()
            .enumerate()
            .map(|(index, bound)| {
                // Overloaded operations share a name: the n-th binding operation of a name
                // binds the n-th port type operation of that name (or the first, when the
                // binding repeats an operation the port type has once).
                let nth = binding.operations[..index]
                    .iter()
                    .filter(|o| o.name == bound.name)
                    .count();
                let operation = port_type.and_then(|p| {
                    let mut named = p.operations.iter().filter(|o| o.name == bound.name);
                    named.clone().nth(nth).or_else(|| named.next())
                });
                let message = |name: Option<&QName>| {
                    name.and_then(|name| defs.messages.iter().find(|m| &m.name == name))
                };
                let input = operation
                    .and_then(|o| message(o.input.as_ref()))
                    .map(|m| self.message(m, bound.style, Some(&bound.name)));
                let output = operation
                    .and_then(|o| message(o.output.as_ref()))
                    .map(|m| self.message(m, bound.style, None));
                let faults = operation
                    .map(|o| {
                        o.faults
                            .iter()
                            .map(|(name, message)| FaultView {
                                name: name.clone(),
                                message: self.prefixes.name(message),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let input_headers = self.headers(&bound.input_headers);
                let output_headers = self.headers(&bound.output_headers);
                OperationView {
                    name: bound.name.clone(),
                    soap_action: bound.soap_action.clone(),
                    style: style(bound.style),
                    input_use: use_name(bound.input_use),
                    output_use: use_name(bound.output_use),
                    documentation: operation.and_then(|o| o.documentation.clone()),
                    input,
                    output,
                    faults,
                    input_headers,
                    output_headers,
                }
            })
            .collect();
        BindingView {
            name: self.prefixes.name(&binding.name),
            port_type: self.prefixes.name(&binding.port_type),
            soap_version: match binding.version {
                SoapVersion::Soap11 => "1.1",
                SoapVersion::Soap12 => "1.2",
            },
            style: style(binding.style),
            transport: binding.transport.clone(),
            operations,
        }
    }

    /// The views of header blocks; a part its message lacks shows with neither element
    /// nor type (the parser refuses such a WSDL, so only a hand-made model has one).
    fn headers(&mut self, headers: &[HeaderPart]) -> Vec<HeaderView> {
        let defs = self.defs;
        headers
            .iter()
            .map(|header| {
                let part = defs
                    .messages
                    .iter()
                    .find(|m| m.name == header.message)
                    .and_then(|m| m.parts.iter().find(|p| p.name == header.part));
                HeaderView {
                    message: self.prefixes.name(&header.message),
                    part: PartView {
                        name: header.part.clone(),
                        element: part
                            .and_then(|p| p.element.as_ref())
                            .map(|e| self.prefixes.name(e)),
                        type_name: part
                            .and_then(|p| p.type_name.as_ref())
                            .map(|t| self.prefixes.name(t)),
                    },
                }
            })
            .collect()
    }

    /// The view of `message`; `operation` is the operation's name for an input message.
    fn message(&mut self, message: &Message, style: Style, operation: Option<&str>) -> MessageView {
        let parts: Vec<PartView> = message
            .parts
            .iter()
            .map(|p| PartView {
                name: p.name.clone(),
                element: p.element.as_ref().map(|e| self.prefixes.name(e)),
                type_name: p.type_name.as_ref().map(|t| self.prefixes.name(t)),
            })
            .collect();
        let body_element = match message.parts.as_slice() {
            [part] => part.element.as_ref(),
            _ => None,
        };
        let body = body_element.and_then(|name| self.body(name));
        let wrapped = style == Style::Document
            && body.is_some()
            && operation.is_none_or(|op| body_element.is_some_and(|e| e.local == op));
        let shape = match &body {
            Some(body) => format!("{}({})", body.element, join_fields(&body.fields)),
            None => {
                let parts: Vec<String> = parts
                    .iter()
                    .map(|p| match (&p.element, &p.type_name) {
                        (Some(element), _) => format!("{}: element {element}", p.name),
                        (None, Some(type_name)) => format!("{}: {type_name}", p.name),
                        (None, None) => p.name.clone(),
                    })
                    .collect();
                format!(
                    "message {}({})",
                    self.prefixes.name(&message.name),
                    parts.join(", ")
                )
            }
        };
        MessageView {
            message: self.prefixes.name(&message.name),
            parts,
            wrapped,
            body,
            shape,
        }
    }

    /// The body element `name` with its children, if it is a global element of complex type.
    fn body(&mut self, name: &QName) -> Option<BodyView> {
        let defs = self.defs;
        let element = defs.schema.elements.iter().find(|e| &e.name == name)?;
        let complex = match &element.type_ref {
            TypeRef::Anonymous(def) => complex_of(def)?,
            TypeRef::Named(type_name) => complex_of(self.named_type(type_name)?)?,
            // A global element is declared with its own type, never by reference.
            TypeRef::OfElement(_) => return None,
        };
        Some(BodyView {
            element: self.prefixes.name(name),
            fields: self.fields(complex, 0),
        })
    }

    fn named_type(&self, name: &QName) -> Option<&'d TypeDef> {
        self.defs
            .schema
            .types
            .iter()
            .find(|t| t.name.as_ref() == Some(name))
    }

    /// The children and attributes of `complex`, its base type's first.
    fn fields(&mut self, complex: &ComplexType, depth: usize) -> Vec<FieldView> {
        let mut fields = Vec::new();
        if depth < MAX_DEPTH {
            if let Some(base) = complex.base.as_ref().and_then(|b| self.named_type(b)) {
                if let Some(base) = complex_of(base) {
                    fields = self.fields(base, depth + 1);
                }
            }
        }
        for particle in &complex.particles {
            fields.push(self.particle(particle, depth));
        }
        for attribute in &complex.attributes {
            fields.push(self.attribute(attribute));
        }
        fields
    }

    fn particle(&mut self, particle: &Particle, depth: usize) -> FieldView {
        match particle {
            Particle::Element(element) => self.element(element, depth),
            Particle::Choice {
                min_occurs,
                max_occurs,
                alternatives,
            } => {
                let alternatives: Vec<String> = alternatives
                    .iter()
                    .map(|a| self.particle(a, depth).display)
                    .collect();
                let type_name = alternatives.join(" | ");
                let display = format!("({type_name}){}", suffix(*min_occurs, *max_occurs));
                field(
                    "choice",
                    None,
                    type_name,
                    *min_occurs,
                    *max_occurs,
                    false,
                    display,
                )
            }
            Particle::Sequence { group, particles } => {
                let items: Vec<String> = particles
                    .iter()
                    .map(|p| self.particle(p, depth).display)
                    .collect();
                let type_name = match group {
                    Some(group) => format!("group {}", group.local),
                    None => "sequence".to_owned(),
                };
                let display = format!("({})", items.join(", "));
                field(
                    "sequence",
                    None,
                    type_name,
                    1,
                    MaxOccurs::Bounded(1),
                    false,
                    display,
                )
            }
            Particle::Any {
                min_occurs,
                max_occurs,
            } => {
                let display = format!("any{}", suffix(*min_occurs, *max_occurs));
                field(
                    "any",
                    None,
                    "any".to_owned(),
                    *min_occurs,
                    *max_occurs,
                    false,
                    display,
                )
            }
        }
    }

    fn element(&mut self, element: &Element, depth: usize) -> FieldView {
        let type_name = self.type_ref(&element.type_ref, depth);
        let display = format!(
            "{}: {type_name}{}",
            element.name.local,
            suffix(element.min_occurs, element.max_occurs)
        );
        field(
            "element",
            Some(element.name.local.clone()),
            type_name,
            element.min_occurs,
            element.max_occurs,
            element.nillable,
            display,
        )
    }

    fn attribute(&mut self, attribute: &Attribute) -> FieldView {
        let name = format!("@{}", attribute.name.local);
        let type_name = self.prefixes.name(&attribute.type_name);
        let min_occurs = u32::from(attribute.required);
        let display = format!(
            "{name}: {type_name}{}",
            suffix(min_occurs, MaxOccurs::Bounded(1))
        );
        field(
            "attribute",
            Some(name),
            type_name,
            min_occurs,
            MaxOccurs::Bounded(1),
            false,
            display,
        )
    }

    fn type_ref(&mut self, type_ref: &TypeRef, depth: usize) -> String {
        match type_ref {
            TypeRef::Named(name) => self.prefixes.name(name),
            TypeRef::OfElement(element) => format!("element {}", self.prefixes.name(element)),
            TypeRef::Anonymous(def) => match &def.kind {
                TypeKind::Simple(simple) => self.prefixes.name(&simple.base),
                TypeKind::Complex(_) if depth >= MAX_DEPTH => "{…}".to_owned(),
                TypeKind::Complex(complex) => {
                    format!("{{{}}}", join_fields(&self.fields(complex, depth + 1)))
                }
            },
        }
    }
}

fn complex_of(def: &TypeDef) -> Option<&ComplexType> {
    match &def.kind {
        TypeKind::Complex(complex) => Some(complex),
        TypeKind::Simple(_) => None,
    }
}

fn field(
    kind: &'static str,
    name: Option<String>,
    type_name: String,
    min_occurs: u32,
    max_occurs: MaxOccurs,
    nillable: bool,
    display: String,
) -> FieldView {
    FieldView {
        kind,
        name,
        type_name,
        min_occurs,
        max_occurs: match max_occurs {
            MaxOccurs::Bounded(n) => Occurs::Bounded(n),
            MaxOccurs::Unbounded => Occurs::Unbounded("unbounded"),
        },
        nillable,
        display,
    }
}

/// `[]` for repeated, `?` for optional, nothing for exactly once.
fn suffix(min_occurs: u32, max_occurs: MaxOccurs) -> &'static str {
    match max_occurs {
        MaxOccurs::Unbounded => "[]",
        MaxOccurs::Bounded(n) if n > 1 => "[]",
        _ if min_occurs == 0 => "?",
        _ => "",
    }
}

fn join_fields(fields: &[FieldView]) -> String {
    fields
        .iter()
        .map(|f| f.display.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn style(style: Style) -> &'static str {
    match style {
        Style::Document => "document",
        Style::Rpc => "rpc",
    }
}

fn use_name(use_: Use) -> &'static str {
    match use_ {
        Use::Literal => "literal",
        Use::Encoded => "encoded",
    }
}

/// The text output.
pub fn render_text(view: &Inspection) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_text(view, &mut out);
    out
}

fn write_text(view: &Inspection, out: &mut String) -> std::fmt::Result {
    match &view.name {
        Some(name) => writeln!(out, "WSDL: {} (definitions {name})", view.file)?,
        None => writeln!(out, "WSDL: {}", view.file)?,
    }
    writeln!(out, "Target namespace: {}", view.target_namespace)?;
    writeln!(out)?;
    writeln!(out, "Prefixes:")?;
    let mut prefixes: Vec<(&String, &String)> = view.prefixes.iter().collect();
    prefixes.sort_by_key(|(prefix, _)| match prefix.as_str() {
        "xs" => (0, 0),
        "tns" => (1, 0),
        other => (
            2,
            other
                .strip_prefix("ns")
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(usize::MAX),
        ),
    });
    for (prefix, ns) in prefixes {
        writeln!(out, "  {prefix}: {ns}")?;
    }
    for service in &view.services {
        writeln!(out)?;
        writeln!(out, "Service: {}", service.name)?;
        if service.ports.is_empty() {
            writeln!(out, "  (no SOAP ports)")?;
        }
        for port in &service.ports {
            writeln!(out, "  Port: {}", port.name)?;
            write_binding(&port.binding, port.address.as_deref(), "    ", out)?;
        }
    }
    if !view.unbound_bindings.is_empty() {
        writeln!(out)?;
        writeln!(out, "Bindings without a port:")?;
        for binding in &view.unbound_bindings {
            write_binding(binding, None, "  ", out)?;
        }
    }
    if !view.unbound_port_types.is_empty() {
        writeln!(out)?;
        writeln!(out, "Port types without a SOAP binding:")?;
        for port_type in &view.unbound_port_types {
            writeln!(
                out,
                "  {} ({}: {})",
                port_type.name,
                plural(port_type.operations.len(), "operation"),
                port_type.operations.join(", ")
            )?;
        }
    }
    let s = &view.schema;
    let c = &view.counts;
    writeln!(out)?;
    writeln!(
        out,
        "Schema: {} ({} complex, {} simple), {}, {}, {}, {}",
        plural(s.types, "global type"),
        s.complex_types,
        s.simple_types,
        plural(s.elements, "global element"),
        plural(s.attributes, "global attribute"),
        plural(s.attribute_groups, "attribute group"),
        plural(s.groups, "model group"),
    )?;
    writeln!(
        out,
        "Totals: {}, {}, {}, {}, {}, {}",
        plural(c.services, "service"),
        plural(c.ports, "port"),
        plural(c.bindings, "SOAP binding"),
        plural(c.operations, "operation"),
        plural(c.port_types, "port type"),
        plural(c.messages, "message"),
    )?;
    if !view.schema_errors.is_empty() {
        writeln!(
            out,
            "Types: not read completely; message shapes are partial:"
        )?;
        for error in &view.schema_errors {
            writeln!(out, "  error: {error}")?;
        }
    }
    if !view.notes.is_empty() {
        writeln!(out, "Notes:")?;
        for note in &view.notes {
            writeln!(out, "  {note}")?;
        }
    }
    Ok(())
}

fn write_binding(
    binding: &BindingView,
    address: Option<&str>,
    indent: &str,
    out: &mut String,
) -> std::fmt::Result {
    let uses: BTreeSet<&str> = binding
        .operations
        .iter()
        .flat_map(|o| [o.input_use, o.output_use])
        .collect();
    let use_name = match uses.len() {
        0 => "literal".to_owned(),
        1 => uses.iter().next().copied().unwrap_or_default().to_owned(),
        _ => "mixed".to_owned(),
    };
    writeln!(
        out,
        "{indent}binding:   {} (SOAP {}, {}/{use_name}, port type {})",
        binding.name, binding.soap_version, binding.style, binding.port_type
    )?;
    writeln!(out, "{indent}transport: {}", binding.transport)?;
    if let Some(address) = address {
        writeln!(out, "{indent}address:   {address}")?;
    }
    writeln!(out, "{indent}operations ({}):", binding.operations.len())?;
    for op in &binding.operations {
        if op.style != binding.style || op.input_use != op.output_use || uses.len() > 1 {
            writeln!(
                out,
                "{indent}  {} [{}, input {}, output {}]",
                op.name, op.style, op.input_use, op.output_use
            )?;
        } else {
            writeln!(out, "{indent}  {}", op.name)?;
        }
        writeln!(out, "{indent}    soapAction: {:?}", op.soap_action)?;
        match &op.input {
            Some(input) => writeln!(out, "{indent}    input:  {}", input.shape)?,
            None => writeln!(out, "{indent}    input:  (none)")?,
        }
        match &op.output {
            Some(output) => writeln!(out, "{indent}    output: {}", output.shape)?,
            None => writeln!(out, "{indent}    output: (none, one-way)")?,
        }
        for (which, headers) in [
            ("input ", &op.input_headers),
            ("output", &op.output_headers),
        ] {
            for header in headers {
                let part = &header.part;
                let of = match (&part.element, &part.type_name) {
                    (Some(element), _) => format!("element {element}"),
                    (None, Some(type_name)) => format!("type {type_name}"),
                    (None, None) => "undefined part".to_owned(),
                };
                writeln!(
                    out,
                    "{indent}    {which} header: {}.{} ({of})",
                    header.message, part.name
                )?;
            }
        }
        for fault in &op.faults {
            writeln!(out, "{indent}    fault:  {}: {}", fault.name, fault.message)?;
        }
    }
    Ok(())
}

/// `1 thing`, `2 things`.
pub fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
