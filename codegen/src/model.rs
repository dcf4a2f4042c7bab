//! The plain data model between parsing and emitting: what a WSDL document says, with
//! every reference resolved to a qualified name. No XML and no Rust in here.

/// A namespace-qualified name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// Namespace URI, `""` for none.
    pub ns: String,
    /// Local name.
    pub local: String,
}

impl QName {
    /// A name `local` in namespace `ns`.
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        Self {
            ns: ns.into(),
            local: local.into(),
        }
    }
}

impl QName {
    /// Whether `names` holds this name, or its namespace with local name `*`.
    pub fn is_among(&self, names: &[QName]) -> bool {
        names
            .iter()
            .any(|n| n.ns == self.ns && (n.local == "*" || n.local == self.local))
    }
}

impl std::fmt::Display for QName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// The XML Schema namespace; built-in types live in it.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// The SOAP 1.1 encoding namespace (`soapenc:Array`, `soapenc:arrayType`).
pub const SOAP_ENCODING_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// A WSDL 1.1 document with its schemas.
#[derive(Debug, Clone, Default)]
pub struct Definitions {
    /// The `name` attribute of `definitions`, if any.
    pub name: Option<String>,
    /// The target namespace.
    pub target_namespace: String,
    /// The document's `documentation`.
    pub documentation: Option<String>,
    /// The types from all schemas.
    pub schema: Schema,
    /// Messages.
    pub messages: Vec<Message>,
    /// Port types.
    pub port_types: Vec<PortType>,
    /// Bindings.
    pub bindings: Vec<Binding>,
    /// Services.
    pub services: Vec<Service>,
    /// Things read but deliberately not generated, with why (HTTP bindings, for example).
    pub notes: Vec<String>,
    /// Schema parts kept as raw XML because the generator cannot model them yet
    /// (`Generator::degrade_unsupported`), each with its note.
    pub degraded: Vec<DegradedPart>,
    /// Names left unresolved in lenient mode (an import that could not be loaded, a
    /// reference to nothing): their values are kept as raw XML. A local name `*` stands
    /// for a whole namespace.
    pub unresolved: Vec<QName>,
    /// Errors in the schemas, kept instead of failing only when parsing was asked to
    /// (`ParseOptions::keep_schema_errors`, for tools such as `inspect` that show the
    /// services whatever the types say); the types are then incomplete.
    pub schema_errors: Vec<crate::Error>,
    /// Every document read, the WSDL first, then its imports and includes in the order
    /// they were loaded (built-in schemas are not files and are not listed).
    pub sources: Vec<Source>,
}

/// A document the model was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Where it was read from, as the resolver named it.
    pub path: std::path::PathBuf,
    /// SHA-256 of its bytes, as 64 lowercase hex digits.
    pub sha256: String,
}

impl Source {
    /// Records the document at `path` with the hash of `bytes`.
    pub fn new(path: impl Into<std::path::PathBuf>, bytes: &[u8]) -> Self {
        use sha2::Digest;
        Self {
            path: path.into(),
            sha256: format!("{:x}", sha2::Sha256::digest(bytes)),
        }
    }
}

impl Definitions {
    /// Whether `name` was left unresolved (lenient mode).
    pub fn is_unresolved(&self, name: &QName) -> bool {
        name.is_among(&self.unresolved)
    }
}

/// Global declarations of all schemas.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// Global elements.
    pub elements: Vec<Element>,
    /// Named types.
    pub types: Vec<TypeDef>,
    /// Global attributes.
    pub attributes: Vec<Attribute>,
    /// Named attribute groups, their attributes.
    pub attribute_groups: Vec<(QName, Vec<Attribute>)>,
    /// Named model groups, their particles.
    pub groups: Vec<(QName, Vec<Particle>)>,
}

/// How many times an element may occur at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// At most this many.
    Bounded(u32),
    /// Any number.
    Unbounded,
}

/// An element declaration, global or local; `name.ns` is the namespace it has on the
/// wire (empty for unqualified local elements).
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The wire name.
    pub name: QName,
    /// Its type.
    pub type_ref: TypeRef,
    /// `minOccurs`.
    pub min_occurs: u32,
    /// `maxOccurs`.
    pub max_occurs: MaxOccurs,
    /// `nillable`.
    pub nillable: bool,
    /// Its `annotation/documentation`.
    pub documentation: Option<String>,
    /// For a global element, the head of the substitution group it belongs to
    /// (`substitutionGroup`): it may stand wherever the head is referenced.
    pub substitution_group: Option<QName>,
    /// For a global element, `abstract="true"`: it never appears itself, only the
    /// members of its substitution group do.
    pub is_abstract: bool,
}

impl Element {
    /// Whether the element can repeat.
    pub fn is_repeated(&self) -> bool {
        match self.max_occurs {
            MaxOccurs::Bounded(n) => n > 1,
            MaxOccurs::Unbounded => true,
        }
    }
}

/// A reference to a type: by name, or defined in place.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// A named type (a built-in one when its namespace is [`XSD_NS`]).
    Named(QName),
    /// An anonymous type.
    Anonymous(Box<TypeDef>),
    /// The anonymous type of the named global element (what `ref=` to such an element
    /// means); kept by name so recursive references stay finite.
    OfElement(QName),
}

/// A type definition.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Its name; `None` for anonymous types.
    pub name: Option<QName>,
    /// Its `annotation/documentation`.
    pub documentation: Option<String>,
    /// What it is.
    pub kind: TypeKind,
    /// `abstract="true"` (complex types): values are always of a type derived from it,
    /// named by `xsi:type`.
    pub is_abstract: bool,
}

/// Complex or simple.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// Elements and attributes.
    Complex(ComplexType),
    /// Text only.
    Simple(SimpleType),
}

/// A complex type: a sequence of particles and attributes, possibly extending a base.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComplexType {
    /// The type it extends (`complexContent/extension`), whose particles come first.
    pub base: Option<QName>,
    /// The type it restricts (`complexContent/restriction`); its particles and
    /// attributes restate what it keeps of that type's.
    pub restricts: Option<QName>,
    /// Child particles in sequence order.
    pub particles: Vec<Particle>,
    /// Attributes.
    pub attributes: Vec<Attribute>,
    /// Whether text may appear between children.
    pub mixed: bool,
    /// For `simpleContent`: the type of the element's text (a simple type, or a complex
    /// type with simple content, whose attributes come first).
    pub simple_content: Option<QName>,
    /// For a SOAP-encoded array (`complexContent/restriction` of `soapenc:Array`): the
    /// type of its items. Such a type has no particles or attributes of its own.
    pub soap_array_item: Option<QName>,
    /// For a SOAP-encoded array: the rank of each array level, innermost first, from
    /// its `wsdl:arrayType`: `[1]` for `T[]`, `[1, 1]` for `T[][]` (an array of `T[]`
    /// arrays), `[2]` for `T[,]` (rectangular), `[2, 1]` for `T[,][]` (an array of `T[,]`
    /// arrays). Empty for other types.
    pub soap_array_ranks: Vec<usize>,
}

/// One item of a content model.
#[derive(Debug, Clone, PartialEq)]
pub enum Particle {
    /// An element.
    Element(Element),
    /// `xsd:choice`: exactly one of its alternatives per occurrence. An alternative is
    /// an element, `xsd:any`, a nested choice or a [`Particle::Sequence`] (a sequence or
    /// a model group reference).
    Choice {
        /// `minOccurs` of the choice.
        min_occurs: u32,
        /// `maxOccurs` of the choice.
        max_occurs: MaxOccurs,
        /// The alternatives, in order.
        alternatives: Vec<Particle>,
    },
    /// A sequence that is one alternative of a choice (elsewhere a sequence's particles
    /// are spliced into the enclosing content).
    Sequence {
        /// The model group it comes from (`<xsd:group ref=…>`), if any.
        group: Option<QName>,
        /// Its particles, in order.
        particles: Vec<Particle>,
    },
    /// `xsd:any`: any elements, kept as raw XML.
    Any {
        /// `minOccurs`.
        min_occurs: u32,
        /// `maxOccurs`.
        max_occurs: MaxOccurs,
    },
}

impl Particle {
    /// Whether it is satisfied by no element at all: an optional element or `xsd:any`, an
    /// optional choice or one with such an alternative, a sequence of such particles.
    pub fn may_be_empty(&self) -> bool {
        match self {
            Particle::Element(Element { min_occurs, .. }) | Particle::Any { min_occurs, .. } => {
                *min_occurs == 0
            }
            Particle::Choice {
                min_occurs,
                alternatives,
                ..
            } => *min_occurs == 0 || alternatives.iter().any(Particle::may_be_empty),
            Particle::Sequence { particles, .. } => particles.iter().all(Particle::may_be_empty),
        }
    }

    /// The elements this particle may hold directly or within its alternatives and
    /// sequences, in schema order.
    pub fn elements(&self) -> Vec<&Element> {
        match self {
            Particle::Element(element) => vec![element],
            Particle::Choice { alternatives, .. } => {
                alternatives.iter().flat_map(Particle::elements).collect()
            }
            Particle::Sequence { particles, .. } => {
                particles.iter().flat_map(Particle::elements).collect()
            }
            Particle::Any { .. } => Vec::new(),
        }
    }
}

/// An attribute declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// Its wire name.
    pub name: QName,
    /// Its (simple) type; for an inline one, what it restricts (`xs:anySimpleType` for
    /// a list or union).
    pub type_name: QName,
    /// Its inline `xsd:simpleType`, if it has one instead of `type=`.
    pub inline_type: Option<Box<SimpleType>>,
    /// Whether `use="required"`.
    pub required: bool,
    /// Its `annotation/documentation`.
    pub documentation: Option<String>,
}

/// A simple type: a restriction of a base type (possibly to an enumeration), a list or
/// a union.
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleType {
    /// The built-in or named simple type it restricts (`xs:anySimpleType` for a list or union).
    pub base: QName,
    /// Enumerated values, empty if not an enumeration.
    pub enumerations: Vec<String>,
    /// Atomic, list or union.
    pub variety: Variety,
}

/// How a simple type's values are made.
#[derive(Debug, Clone, PartialEq)]
pub enum Variety {
    /// One value of the base type.
    Atomic,
    /// Whitespace-separated values of the item type.
    List(TypeRef),
    /// A value of any of the member types (kept as text).
    Union,
}

/// A WSDL message.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Its name.
    pub name: QName,
    /// Its parts.
    pub parts: Vec<Part>,
}

/// A message part, by element (document style) or by type (rpc style).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The part name.
    pub name: String,
    /// `element=`.
    pub element: Option<QName>,
    /// `type=`.
    pub type_name: Option<QName>,
}

/// A port type: abstract operations.
#[derive(Debug, Clone, PartialEq)]
pub struct PortType {
    /// Its name.
    pub name: QName,
    /// Its operations.
    pub operations: Vec<Operation>,
}

/// An abstract operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Its name.
    pub name: String,
    /// Its `documentation`.
    pub documentation: Option<String>,
    /// The input message.
    pub input: Option<QName>,
    /// The output message.
    pub output: Option<QName>,
    /// Fault messages: `(fault name, message)`.
    pub faults: Vec<(String, QName)>,
}

/// The SOAP version of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapVersion {
    /// `http://schemas.xmlsoap.org/wsdl/soap/`.
    Soap11,
    /// `http://schemas.xmlsoap.org/wsdl/soap12/`.
    Soap12,
}

/// `document` or `rpc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The body holds the parts' elements.
    Document,
    /// The body holds a wrapper named after the operation.
    Rpc,
}

/// `literal` or `encoded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Schema-described XML.
    Literal,
    /// SOAP encoding.
    Encoded,
}

/// A SOAP binding of a port type.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Its name.
    pub name: QName,
    /// The port type it binds.
    pub port_type: QName,
    /// Its SOAP version.
    pub version: SoapVersion,
    /// The default style.
    pub style: Style,
    /// The transport URI.
    pub transport: String,
    /// Its operations.
    pub operations: Vec<BindingOperation>,
}

/// How one operation is bound.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingOperation {
    /// The operation name.
    pub name: String,
    /// The soapAction (may be empty).
    pub soap_action: String,
    /// The style, the binding's unless overridden.
    pub style: Style,
    /// `use` of the input body.
    pub input_use: Use,
    /// `use` of the output body.
    pub output_use: Use,
    /// `namespace` of the input body (rpc style).
    pub input_namespace: Option<String>,
    /// `namespace` of the output body (rpc style).
    pub output_namespace: Option<String>,
    /// `parts` of the input body: the parts in the body, when not all of them are.
    pub input_parts: Option<Vec<String>>,
    /// `parts` of the output body.
    pub output_parts: Option<Vec<String>>,
    /// `soap:header`s of the input, in order.
    pub input_headers: Vec<HeaderPart>,
    /// `soap:header`s of the output, in order.
    pub output_headers: Vec<HeaderPart>,
    /// `soap:fault`s, in order.
    pub faults: Vec<BindingFault>,
}

impl BindingOperation {
    /// The parts of `message` (the input's, or with `is_output` the output's) that go in
    /// the body: those `parts=` lists, else all but the ones bound as headers.
    pub fn body_parts<'m>(&self, message: &'m Message, is_output: bool) -> Vec<&'m Part> {
        let (listed, headers) = match is_output {
            false => (&self.input_parts, &self.input_headers),
            true => (&self.output_parts, &self.output_headers),
        };
        message
            .parts
            .iter()
            .filter(|part| match listed {
                Some(listed) => listed.contains(&part.name),
                None => !headers
                    .iter()
                    .any(|h| h.message == message.name && h.part == part.name),
            })
            .collect()
    }
}

/// A `soap:header`: one part of a message, carried as a SOAP header block.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderPart {
    /// The message holding the part.
    pub message: QName,
    /// The part's name.
    pub part: String,
    /// Its `use`.
    pub use_: Use,
}

/// A `soap:fault`: how a fault of the operation is bound.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingFault {
    /// The fault's name, as in the port type.
    pub name: String,
    /// Its `use`.
    pub use_: Use,
}

/// A service: named ports.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Its name.
    pub name: QName,
    /// Its `documentation`.
    pub documentation: Option<String>,
    /// Its SOAP ports.
    pub ports: Vec<Port>,
}

/// A port: a binding at an address.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// Its name.
    pub name: String,
    /// The binding.
    pub binding: QName,
    /// The address location.
    pub address: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::Source;

    #[test]
    fn a_source_hash_is_the_sha256_of_its_bytes_in_lowercase_hex() {
        // FIPS 180-2, appendix B.1.
        assert_eq!(
            Source::new("abc.wsdl", b"abc").sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

/// A schema part kept as raw XML under `Generator::degrade_unsupported`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DegradedPart {
    /// The global element or type whose definition holds it; `None` inside other global
    /// components (a group, an attribute group), whose parts belong to every type that
    /// uses them.
    pub owner: Option<GlobalName>,
    /// What was degraded, where, and why.
    pub note: String,
}

/// A global element or type, by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum GlobalName {
    /// A global element.
    Element(QName),
    /// A named simple or complex type.
    Type(QName),
}
