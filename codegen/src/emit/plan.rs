//! Lowering: the model into a Rust-shaped plan (names, field types, cardinalities),
//! before any tokens are built.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    ComplexType, Definitions, Element, MaxOccurs, Particle, QName, SOAP_ENCODING_NS, SimpleType,
    TypeDef, TypeKind, TypeRef, Variety, XSD_NS,
};

use super::names::{NameSet, field_name, type_name};

/// Names generated code uses for its own locals and parameters; fields named like them
/// get a suffix, so a schema element called `index` or `reader` cannot shadow them.
const GENERATED_LOCALS: &[&str] = &[
    "reader", "writer", "element", "children", "child", "index", "value", "items",
];

/// How often a field occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// Exactly once: `T`.
    Required,
    /// At most once: `Option<T>`.
    Optional,
    /// Any number: `Vec<T>`.
    Repeated,
}

/// What a field's value is, in Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueType {
    /// A simple value: a Rust type implementing `XmlValue` (`String`, `i32`, …).
    Simple(String),
    /// A generated struct.
    Complex(String),
    /// Raw XML (`RawXml`), for `xsd:any`.
    Any,
    /// A generated enum for an `xsd:choice`.
    Choice(String),
    /// A generated struct for a sequence that is one alternative of a choice: its
    /// elements are written and read in place, with no element of its own around them.
    Group(String),
}

/// A struct field from a child element.
#[derive(Debug, Clone)]
pub struct FieldPlan {
    /// Rust field name.
    pub name: String,
    /// Wire namespace.
    pub ns: String,
    /// Wire name.
    pub xml_name: String,
    /// The value's type.
    pub value: ValueType,
    /// How often.
    pub cardinality: Cardinality,
    /// Whether `xsi:nil` is allowed; with it, `Required` is `Option<T>` (`None` is nil),
    /// `Optional` is `Option<Nillable<T>>` (absent, nil or a value) and `Repeated` is
    /// `Vec<Option<T>>` (a nil item keeps its place).
    pub nillable: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// The XML Schema type, for the doc comment.
    pub schema_type: String,
    /// Whether the value is boxed, because its type contains the field's owner.
    pub boxed: bool,
    /// The named XML Schema type of the value, which SOAP-encoded messages carry as
    /// `xsi:type` (`soapenc:Array` for an array); `None` for an anonymous type.
    pub xml_type: Option<QName>,
}

impl FieldPlan {
    /// A field holding what `xsd:any` matches, as raw XML.
    fn any_elements(name: String, xml_name: String, cardinality: Cardinality) -> Self {
        Self {
            name,
            ns: String::new(),
            xml_name,
            value: ValueType::Any,
            cardinality,
            nillable: false,
            doc: Some("Elements the schema leaves open (xsd:any), kept as raw XML.".to_owned()),
            schema_type: "xs:any".to_owned(),
            boxed: false,
            xml_type: None,
        }
    }
}

/// A struct field from an attribute.
#[derive(Debug, Clone)]
pub struct AttributePlan {
    /// Rust field name.
    pub name: String,
    /// Wire namespace, `""` for an unqualified attribute.
    pub ns: String,
    /// Wire name.
    pub xml_name: String,
    /// Rust type implementing `XmlValue`.
    pub rust_type: String,
    /// Whether `use="required"`.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// A generated struct.
#[derive(Debug, Clone)]
pub struct StructPlan {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it comes from, for the doc comment.
    pub origin: String,
    /// Child-element fields in sequence order.
    pub fields: Vec<FieldPlan>,
    /// The field holding elements matched by `xsd:any`, if the type has one.
    pub any: Option<FieldPlan>,
    /// For a mixed-content type, the name of the field holding the whole content.
    pub mixed: Option<String>,
    /// For a `simpleContent` type: the field holding the text and its Rust type.
    pub text: Option<(String, String)>,
    /// Attribute fields.
    pub attributes: Vec<AttributePlan>,
    /// For a named type that others derive from: its name, which an `xsi:type` on the
    /// element must name if present (a derived value would be read only in part).
    pub declared_type: Option<QName>,
    /// For a type extending another: the field holding the base's content (named
    /// `base` unless a field of the type's own took that name), whose value type is the
    /// base's struct. Its content comes before the type's own, on the wire too.
    pub base: Option<FieldPlan>,
    /// Whether the base's content is text (simpleContent, or mixed content kept as raw
    /// XML), which this type then reads through it.
    pub base_text: bool,
    /// Whether some type holds this one as its `base`: it is then read part by part
    /// (`ExtensibleContent`), as its derived types read it.
    pub extended: bool,
}

impl StructPlan {
    /// A struct of `fields` alone: no base, attributes, text or open content.
    fn of_fields(
        name: String,
        doc: Option<String>,
        origin: String,
        fields: Vec<FieldPlan>,
    ) -> Self {
        Self {
            name,
            doc,
            origin,
            fields,
            any: None,
            mixed: None,
            text: None,
            attributes: Vec::new(),
            declared_type: None,
            base: None,
            base_text: false,
            extended: false,
        }
    }

    /// Its base field (if any), then its element fields: what it may hold inline.
    pub fn held_fields(&self) -> impl Iterator<Item = &FieldPlan> {
        self.base.iter().chain(&self.fields)
    }

    /// [`held_fields`](Self::held_fields), mutable.
    pub fn held_fields_mut(&mut self) -> impl Iterator<Item = &mut FieldPlan> {
        self.base.iter_mut().chain(&mut self.fields)
    }

    /// Whether it is read part by part: it extends a type, or one extends it.
    pub fn in_extension_chain(&self) -> bool {
        self.base.is_some() || self.extended
    }
}

/// A newtype around `Vec<item>` for a SOAP-encoded array type (`soapenc:Array`).
#[derive(Debug, Clone)]
pub struct ArrayPlan {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it comes from.
    pub origin: String,
    /// The items' Rust type: `Simple` or `Complex`.
    pub item: ValueType,
    /// The items' XML Schema type, their `xsi:type` (`soapenc:Array` for the inner
    /// arrays of a jagged one).
    pub item_type: QName,
    /// The innermost items' type and the rank of each array level, innermost first, this
    /// one's last (see `ComplexType::soap_array_ranks`), written as `SOAP-ENC:arrayType`
    /// (`xsd:string[][2]` for `[1, 1]`, `xsd:int[2,3]` for `[2]`).
    pub array_type: (QName, Vec<usize>),
}

/// A newtype for an element whose type is simple, used as a message body.
#[derive(Debug, Clone)]
pub struct NewtypePlan {
    /// Rust type name.
    pub name: String,
    /// The wrapped simple type.
    pub rust_type: String,
    /// Where it comes from.
    pub origin: String,
}

/// Everything to generate for the schema.
#[derive(Debug, Default)]
pub struct TypePlan {
    /// Structs in a stable order.
    pub structs: Vec<StructPlan>,
    /// Newtypes for simple body elements.
    pub newtypes: Vec<NewtypePlan>,
    /// Newtypes for SOAP-encoded arrays.
    pub arrays: Vec<ArrayPlan>,
    /// Rust type of each global element used as a body.
    pub element_types: BTreeMap<QName, String>,
    /// Enums for choices and substitution groups.
    pub choices: Vec<ChoicePlan>,
    /// Enums for abstract types, chosen by `xsi:type`.
    pub abstracts: Vec<AbstractPlan>,
    /// Enums for enumeration types.
    pub enums: Vec<EnumPlan>,
    /// The wrapper of each rpc-style message: by (port type, operation, is it the
    /// output), the wrapper element's name and its generated struct.
    pub rpc_bodies: BTreeMap<(QName, String, bool), (QName, String)>,
    /// The struct holding the SOAP header blocks of each message that has some: by
    /// (port type, operation, is it the output).
    pub headers: BTreeMap<(QName, String, bool), String>,
    /// Operations whose bindings declare different `soap:header` parts (by port type and
    /// operation), with why: under `degrade_unsupported` they are left out instead of
    /// failing generation.
    pub header_conflicts: BTreeMap<(QName, String), String>,
    /// The enum of each operation's typed faults: by (port type, operation).
    pub faults: BTreeMap<(QName, String), FaultsPlan>,
    /// What is left ungenerated, for the generated file's header.
    pub notes: Vec<String>,
}

/// The enum of an operation's typed faults: a variant per `wsdl:fault`.
#[derive(Debug, Clone)]
pub struct FaultsPlan {
    /// The enum's name.
    pub name: String,
    /// The operation's name.
    pub operation: String,
    /// Its variants, in the port type's order.
    pub variants: Vec<FaultVariant>,
}

/// One `wsdl:fault`: its detail element and the Rust type that reads and writes it.
#[derive(Debug, Clone)]
pub struct FaultVariant {
    /// The variant's name.
    pub name: String,
    /// The fault's WSDL name.
    pub fault: String,
    /// The detail element.
    pub element: QName,
    /// Its generated type.
    pub rust_type: String,
}

/// An enum for an enumeration type: a variant per value, and `Unknown` for values the
/// schema did not list (services add values; they must not break clients).
#[derive(Debug, Clone)]
pub struct EnumPlan {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it comes from.
    pub origin: String,
    /// `(variant name, value)` in the schema's order.
    pub values: Vec<(String, String)>,
}

/// A variant name for an enumerated value: `UpperCamelCase`, with a `V` before a
/// leading digit (`1` → `V1`).
fn variant_name(value: &str) -> String {
    match value.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("V{}", type_name(value).trim_start_matches('T')),
        _ => type_name(value),
    }
}

/// The `(variant name, value)` pairs of an enumeration's enum, `Unknown` kept free.
fn enum_values(enumerations: &[String]) -> Vec<(String, String)> {
    let mut variants = NameSet::reserving(&["Unknown"]);
    enumerations
        .iter()
        .map(|value| (variants.claim(variant_name(value), ""), value.clone()))
        .collect()
}

/// An enum for an `xsd:choice`: a variant per alternative element.
#[derive(Debug, Clone)]
pub struct ChoicePlan {
    /// Rust type name.
    pub name: String,
    /// Where it comes from.
    pub origin: String,
    /// The variants, in the schema's order.
    pub variants: Vec<VariantPlan>,
    /// The variant `Default` makes: one whose default does not contain the enum again
    /// (see `boxing`), the first if none.
    pub default_variant: usize,
}

/// An enum for an abstract complex type: a variant per concrete type derived from it,
/// read by the `xsi:type` the element carries and written with it. It takes the
/// abstract type's own name (a field of type `Shape` holds any concrete shape); its
/// variants are named after the derived types.
#[derive(Debug, Clone)]
pub struct AbstractPlan {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it comes from.
    pub origin: String,
    /// The abstract type.
    pub declared: QName,
    /// The concrete derived types, in schema order.
    pub variants: Vec<AbstractVariantPlan>,
    /// The variant `Default` makes, as for [`ChoicePlan::default_variant`].
    pub default_variant: usize,
}

/// One concrete type of an abstract type's enum.
#[derive(Debug, Clone)]
pub struct AbstractVariantPlan {
    /// Rust variant name.
    pub name: String,
    /// The type, as `xsi:type` names it.
    pub xsi_type: QName,
    /// Its generated struct.
    pub rust_type: String,
}

/// One alternative of a choice.
#[derive(Debug, Clone)]
pub struct VariantPlan {
    /// Rust variant name.
    pub name: String,
    /// The element it holds: `Required` for one occurrence, `Repeated` for a list.
    pub element: FieldPlan,
}

/// The Rust type for a built-in XML Schema type, exact: a type Rust has no exact
/// counterpart for maps to the runtime's checked type (`decimal` to `Decimal`, never a
/// float; `integer` to `Integer`, never truncated), named under `runtime_path`.
pub fn builtin_type(local: &str, runtime_path: &str) -> Option<String> {
    let rust = match local {
        "boolean" => "bool",
        "byte" => "i8",
        "short" => "i16",
        "int" => "i32",
        "long" => "i64",
        "unsignedByte" => "u8",
        "unsignedShort" => "u16",
        "unsignedInt" => "u32",
        "unsignedLong" => "u64",
        "float" => "f32",
        "double" => "f64",
        "string" | "normalizedString" | "token" | "language" | "Name" | "NCName" | "NMTOKEN"
        | "NMTOKENS" | "ID" | "IDREF" | "IDREFS" | "ENTITY" | "ENTITIES" | "NOTATION"
        | "anySimpleType" => "String",
        "decimal" => "{rt}::Decimal",
        "integer" => "{rt}::Integer",
        "nonNegativeInteger" => "{rt}::NonNegativeInteger",
        "positiveInteger" => "{rt}::PositiveInteger",
        "nonPositiveInteger" => "{rt}::NonPositiveInteger",
        "negativeInteger" => "{rt}::NegativeInteger",
        "dateTime" => "{rt}::DateTime",
        "date" => "{rt}::Date",
        "time" => "{rt}::Time",
        "duration" => "{rt}::Duration",
        "gYear" => "{rt}::GYear",
        "gYearMonth" => "{rt}::GYearMonth",
        "gMonth" => "{rt}::GMonth",
        "gMonthDay" => "{rt}::GMonthDay",
        "gDay" => "{rt}::GDay",
        "base64Binary" => "{rt}::Base64Binary",
        "hexBinary" => "{rt}::HexBinary",
        "anyURI" => "{rt}::AnyUri",
        "QName" => "{rt}::QNameText",
        _ => return None,
    };
    Some(rust.replace("{rt}", runtime_path))
}

impl TypePlan {
    /// Wraps the simple-typed fields named in `secret` (wire names) in
    /// `{runtime}::Secret<T>`, so generated structs mask them in `Debug`.
    pub fn mark_secret_fields(&mut self, secret: &BTreeSet<String>, runtime_path: &str) {
        if secret.is_empty() {
            return;
        }
        for field in self.structs.iter_mut().flat_map(|s| s.fields.iter_mut()) {
            if let (true, ValueType::Simple(rust)) =
                (secret.contains(&field.xml_name), &mut field.value)
            {
                *rust = format!("{runtime_path}::Secret<{rust}>");
            }
        }
    }
}

/// Builds the plan for every named complex type, every global element with an
/// anonymous complex type, and a newtype for each simple-typed element in `bodies`
/// (the elements SOAP messages carry).
pub fn plan_types(
    defs: &Definitions,
    bodies: &BTreeSet<QName>,
    runtime_path: &str,
    degrade_unsupported: bool,
) -> Result<TypePlan, String> {
    let mut planner = Planner {
        defs,
        runtime_path,
        degrade_unsupported,
        degraded_builtins: RefCell::new(BTreeSet::new()),
        names: NameSet::default(),
        named: BTreeMap::new(),
        element_structs: BTreeMap::new(),
        enums: BTreeMap::new(),
        arrays: BTreeSet::new(),
        raw_abstract: BTreeSet::new(),
        substitution_heads: defs
            .schema
            .elements
            .iter()
            .filter_map(|e| e.substitution_group.as_ref())
            .collect(),
        contents: BTreeMap::new(),
        types: BTreeMap::new(),
        derived: BTreeMap::new(),
        plan: TypePlan::default(),
    };
    for def in &defs.schema.types {
        if let Some(name) = &def.name {
            // The first definition of a name wins, as a search in schema order finds it.
            planner.types.entry(name.clone()).or_insert(def);
        }
    }
    for def in &defs.schema.types {
        if let (Some(name), TypeKind::Complex(complex)) = (&def.name, &def.kind)
            && let Some(parent) = complex.base.as_ref().or(complex.restricts.as_ref())
        {
            planner
                .derived
                .entry(parent.clone())
                .or_default()
                .push(name.clone());
        }
    }
    // Named complex types claim their names first: they are what users see most.
    for def in &defs.schema.types {
        if let (Some(name), TypeKind::Complex(complex)) = (&def.name, &def.kind) {
            let rust = planner.names.claim(type_name(&name.local), "Type");
            planner.named.insert(name.clone(), rust);
            if complex.soap_array_item.is_some() {
                planner.arrays.insert(name.clone());
            }
        }
    }
    // Named enumerations become enums that keep unknown values.
    for def in &defs.schema.types {
        if let (Some(name), TypeKind::Simple(simple)) = (&def.name, &def.kind)
            && simple.variety == Variety::Atomic
            && !simple.enumerations.is_empty()
        {
            let rust = planner.names.claim(type_name(&name.local), "Type");
            let values = enum_values(&simple.enumerations);
            planner.plan.enums.push(EnumPlan {
                name: rust.clone(),
                doc: def.documentation.clone(),
                origin: format!("simple type `{}`", name.local),
                values,
            });
            planner.enums.insert(name.clone(), rust);
        }
    }
    // Then global elements with anonymous complex types, so references to them (and
    // recursive ones) can name their structs before those are planned.
    for element in &defs.schema.elements {
        if let TypeRef::Anonymous(def) = &element.type_ref
            && matches!(def.kind, TypeKind::Complex(_))
        {
            let rust = planner
                .names
                .claim(type_name(&element.name.local), "Element");
            planner.element_structs.insert(element.name.clone(), rust);
        }
    }
    // An abstract type is an enum of its concrete derived types; one with none is raw XML.
    let mut abstracts = Vec::new();
    for def in defs.schema.types.iter().filter(|d| d.is_abstract) {
        let Some(name) = &def.name else { continue };
        let concrete = planner.concrete_derived(name);
        if concrete.is_empty() {
            planner.raw_abstract.insert(name.clone());
        } else {
            abstracts.push((planner.named[name].clone(), def, concrete));
        }
    }
    for (rust, def, concrete) in &abstracts {
        planner.plan_content_struct(def);
        planner.push_abstract(rust.clone(), def, concrete);
    }
    for def in &defs.schema.types {
        if let (Some(name), TypeKind::Complex(complex)) = (&def.name, &def.kind)
            && def.is_abstract
            && let Some(Some(rust)) = planner.contents.get(name).cloned()
        {
            let origin = format!(
                "the content of abstract complex type `{}`, which the types derived from it hold as their `base`",
                name.local
            );
            planner.push_struct(rust, def.documentation.clone(), origin, complex)?;
        }
        if let (Some(name), TypeKind::Complex(complex)) = (&def.name, &def.kind)
            && !def.is_abstract
        {
            let rust = planner.named[name].clone();
            let origin = format!("complex type `{}`", name.local);
            planner.push_struct(rust.clone(), def.documentation.clone(), origin, complex)?;
            if !planner.concrete_derived(name).is_empty()
                && let Some(own) = planner.plan.structs.iter_mut().find(|s| s.name == rust)
            {
                own.declared_type = Some(name.clone());
            }
        }
    }
    for element in &defs.schema.elements {
        let rust = match &element.type_ref {
            TypeRef::Anonymous(def) => match &def.kind {
                TypeKind::Complex(complex) => {
                    let rust = planner.element_structs[&element.name].clone();
                    let origin = format!("element `{}`", element.name.local);
                    let doc = element
                        .documentation
                        .clone()
                        .or_else(|| def.documentation.clone());
                    planner.push_struct(rust.clone(), doc, origin, complex)?;
                    rust
                }
                TypeKind::Simple(_) if bodies.contains(&element.name) => {
                    planner.newtype(element)?
                }
                TypeKind::Simple(_) => continue,
            },
            TypeRef::Named(type_name) => match planner.named.get(type_name) {
                Some(rust) => rust.clone(),
                None if bodies.contains(&element.name) => planner.newtype(element)?,
                None => continue,
            },
            // Global elements are declared, not referenced: this does not occur here.
            TypeRef::OfElement(_) => continue,
        };
        planner
            .plan
            .element_types
            .insert(element.name.clone(), rust);
    }
    for body in bodies {
        if defs.is_unresolved(body) && !planner.plan.element_types.contains_key(body) {
            planner
                .plan
                .element_types
                .insert(body.clone(), format!("{runtime_path}::RawXml"));
        }
    }
    planner.plan_rpc_wrappers()?;
    planner.plan_header_structs()?;
    planner.plan_fault_enums();
    mark_extended(&mut planner.plan);
    super::boxing::box_fields(&mut planner.plan)?;
    let degraded = planner.degraded_builtins.into_inner();
    planner
        .plan
        .notes
        .extend(degraded.into_iter().map(|(builtin, origin)| {
            format!(
                "kept as text (String): {origin}: built-in type xs:{builtin} is not supported yet"
            )
        }));
    Ok(planner.plan)
}

struct Planner<'d> {
    defs: &'d Definitions,
    /// Path of the runtime crate, for runtime types such as `XmlList`.
    runtime_path: &'d str,
    /// Whether a built-in type the generator does not know (an XSD 1.1 one such as
    /// `xs:dateTimeStamp`) is kept as text instead of failing.
    degrade_unsupported: bool,
    /// The unknown built-ins kept as text, and where: (built-in, origin), for notes.
    /// Filled from `&self` lookups, hence the cell.
    degraded_builtins: RefCell<BTreeSet<(String, String)>>,
    names: NameSet,
    named: BTreeMap<QName, String>,
    /// Struct names of global elements with anonymous complex types.
    element_structs: BTreeMap<QName, String>,
    /// Enum names of named enumeration types.
    enums: BTreeMap<QName, String>,
    /// Named SOAP-encoded array types.
    arrays: BTreeSet<QName>,
    /// Abstract complex types with no concrete derived type: values kept as raw XML.
    raw_abstract: BTreeSet<QName>,
    /// The global elements that head a substitution group: most referenced elements head
    /// none, and telling so must not scan the schema each time.
    substitution_heads: BTreeSet<&'d QName>,
    /// The struct holding the content of each abstract type with a concrete derived
    /// type (`PaymentContent`), what the derived types hold as `base`; `None` for one
    /// with no content (nothing to hold).
    contents: BTreeMap<QName, Option<String>>,
    /// Named types by name.
    types: BTreeMap<QName, &'d TypeDef>,
    /// The complex types deriving from each type directly, by extension or
    /// restriction, in schema order.
    derived: BTreeMap<QName, Vec<QName>>,
    plan: TypePlan,
}

/// Marks the structs that others hold as their `base`.
fn mark_extended(plan: &mut TypePlan) {
    let bases: BTreeSet<String> = plan
        .structs
        .iter()
        .filter_map(|s| match s.base.as_ref().map(|b| &b.value) {
            Some(ValueType::Complex(base)) => Some(base.clone()),
            _ => None,
        })
        .collect();
    for s in &mut plan.structs {
        s.extended = bases.contains(&s.name);
    }
}

/// The base a derived struct holds: its struct, its XML Schema name, whether its
/// content is mixed (kept whole as raw XML, the derived type's content with it), and
/// whether it is text (mixed or simpleContent).
struct HeldBase {
    rust: String,
    name: QName,
    mixed: bool,
    text: bool,
}

/// An occurrence of global element `global` where it is referenced, once.
fn occurrence_of(global: &Element) -> Element {
    let type_ref = match &global.type_ref {
        TypeRef::Anonymous(_) => TypeRef::OfElement(global.name.clone()),
        other => other.clone(),
    };
    Element {
        name: global.name.clone(),
        type_ref,
        min_occurs: 1,
        max_occurs: MaxOccurs::Bounded(1),
        nillable: global.nillable,
        documentation: global.documentation.clone(),
        substitution_group: None,
        is_abstract: false,
    }
}

impl<'d> Planner<'d> {
    fn push_struct(
        &mut self,
        name: String,
        doc: Option<String>,
        origin: String,
        complex: &ComplexType,
    ) -> Result<(), String> {
        if let Some(item_type) = &complex.soap_array_item {
            let ranks = match complex.soap_array_ranks.as_slice() {
                [] => &[1][..],
                ranks => ranks,
            };
            return self.push_array(name, doc, origin, item_type, ranks);
        }
        let mut fields = Vec::new();
        let mut field_names = NameSet::reserving(GENERATED_LOCALS);
        // The base's content is held in a field, not copied: generated code per type is
        // proportional to its own declarations, however long its chain of bases.
        // A base that cannot be extended (a simple type under complexContent) degrades,
        // when allowed, to keeping the whole content as raw XML, as an unresolved one does.
        let (held, base_degraded) = match self.held_base(complex, &origin) {
            Err(reason) if self.degrade_unsupported && complex.base.is_some() => {
                let note = format!("{}: {reason}", crate::parse::DEGRADED_NOTE);
                if !self.plan.notes.contains(&note) {
                    self.plan.notes.push(note);
                }
                (None, true)
            }
            held => (held?, false),
        };
        let base = held.as_ref().map(|held| FieldPlan {
            name: field_names.claim("base".to_owned(), "_"),
            ns: String::new(),
            xml_name: held.name.local.clone(),
            value: ValueType::Complex(held.rust.clone()),
            cardinality: Cardinality::Required,
            nillable: false,
            doc: None,
            schema_type: format!("complex type `{}`", held.name.local),
            boxed: false,
            xml_type: None,
        });
        // A type extending one left unresolved cannot know its base's elements: its
        // whole content is kept as raw XML.
        let base_unresolved = complex
            .base
            .as_ref()
            .is_some_and(|base| self.defs.is_unresolved(base));
        // Over a mixed base, the base's raw content holds this type's elements too.
        let base_mixed = held.as_ref().is_some_and(|held| held.mixed);
        let mixed = (!base_mixed && (complex.mixed || base_unresolved || base_degraded))
            .then(|| field_names.claim("content".to_owned(), "_"));
        let mut any: Option<FieldPlan> = None;
        // Mixed content is kept whole as raw XML, its elements included.
        let particles = complex
            .particles
            .iter()
            .filter(|_| mixed.is_none() && !base_mixed)
            .cloned();
        for particle in particles {
            match particle {
                Particle::Element(element) => {
                    let substitutes = self.substitutes(&element.name);
                    let field = if substitutes.is_empty() {
                        self.field(&name, &element, &mut field_names)?
                    } else {
                        let substitutes: Vec<Particle> =
                            substitutes.into_iter().map(Particle::Element).collect();
                        self.choice(
                            &name,
                            Some(&element.name),
                            element.min_occurs,
                            element.max_occurs,
                            &substitutes,
                            &mut field_names,
                        )?
                    };
                    fields.push(field);
                }
                Particle::Choice {
                    min_occurs,
                    max_occurs,
                    alternatives,
                } => fields.push(self.choice(
                    &name,
                    None,
                    min_occurs,
                    max_occurs,
                    &alternatives,
                    &mut field_names,
                )?),
                // Only a choice's alternatives are sequences; none stand alone.
                Particle::Sequence { particles, .. } => {
                    return Err(format!(
                        "{origin}: internal error: a sequence of {} particles outside a choice",
                        particles.len()
                    ));
                }
                Particle::Any {
                    min_occurs,
                    max_occurs,
                } => {
                    let repeated = max_occurs != MaxOccurs::Bounded(1) || any.is_some();
                    let cardinality = match (repeated, min_occurs) {
                        (true, _) => Cardinality::Repeated,
                        (false, 0) => Cardinality::Optional,
                        (false, _) => Cardinality::Required,
                    };
                    let name = match any.take() {
                        Some(previous) => previous.name,
                        None => field_names.claim("any".to_owned(), "_"),
                    };
                    any = Some(FieldPlan::any_elements(
                        name,
                        "(any element)".to_owned(),
                        cardinality,
                    ));
                }
            }
        }
        let text = match &complex.simple_content {
            // The text is the base's.
            Some(_) if held.is_some() => None,
            // A simpleContent type has no element fields, so `value` (reserved for the
            // element loops' locals) is free for its text.
            Some(base) => Some(("value".to_owned(), self.simple_content(base, &origin)?)),
            None => None,
        };
        let mut attributes = Vec::new();
        for attribute in &complex.attributes {
            attributes.push(AttributePlan {
                name: field_names.claim(field_name(&attribute.name.local), "_attr"),
                ns: attribute.name.ns.clone(),
                xml_name: attribute.name.local.clone(),
                rust_type: match &attribute.inline_type {
                    Some(simple) => {
                        self.inline_simple(simple, &name, &attribute.name.local, &origin)?
                    }
                    None => self.simple_rust_type(&attribute.type_name, &origin)?,
                },
                required: attribute.required,
                doc: attribute.documentation.clone(),
            });
        }
        self.plan.structs.push(StructPlan {
            name,
            doc,
            origin,
            fields,
            any,
            mixed,
            text,
            attributes,
            declared_type: None,
            base,
            base_text: held.as_ref().is_some_and(|held| held.text),
            extended: false,
        });
        Ok(())
    }

    /// A SOAP-encoded array of `item_type` items with array levels of `ranks` (innermost
    /// first, this one's last, never empty): an array of arrays has the generated
    /// arrays `{name}Item` as items (and so on inwards).
    fn push_array(
        &mut self,
        name: String,
        doc: Option<String>,
        origin: String,
        item_type: &QName,
        ranks: &[usize],
    ) -> Result<(), String> {
        let inner_ranks = &ranks[..ranks.len() - 1];
        let (item, items_type) = if inner_ranks.is_empty() {
            (self.array_item(item_type, &origin)?, item_type.clone())
        } else {
            let inner = self.names.claim(format!("{name}Item"), "Type");
            let inner_origin = format!("the items of {origin}");
            self.push_array(inner.clone(), None, inner_origin, item_type, inner_ranks)?;
            (
                ValueType::Complex(inner),
                QName::new(SOAP_ENCODING_NS, "Array"),
            )
        };
        self.plan.arrays.push(ArrayPlan {
            name,
            doc,
            origin,
            item,
            item_type: items_type,
            array_type: (item_type.clone(), ranks.to_vec()),
        });
        Ok(())
    }

    /// The base whose content `complex` holds: the type it extends (complexContent), or
    /// the complex type whose text and attributes it extends (simpleContent). `None`
    /// for no base, an unresolved one, a simple one, or an abstract one with no content.
    fn held_base(&self, complex: &ComplexType, origin: &str) -> Result<Option<HeldBase>, String> {
        if let Some(base) = complex
            .base
            .as_ref()
            .filter(|base| !self.defs.is_unresolved(base))
        {
            return match self.find_type(base).map(|d| (d, &d.kind)) {
                Some((def, TypeKind::Complex(base_complex))) => {
                    Ok(self.held(def, base, base_complex))
                }
                _ => Err(format!(
                    "{origin}: extension of `{base}` is not supported yet"
                )),
            };
        }
        let Some(base) = complex.simple_content.as_ref() else {
            return Ok(None);
        };
        match self.find_type(base).map(|d| (d, &d.kind)) {
            Some((def, TypeKind::Complex(base_complex))) if base.ns != XSD_NS => {
                if base_complex.simple_content.is_none() {
                    return Err(format!(
                        "{origin}: simpleContent based on `{base}`, which has element content"
                    ));
                }
                Ok(self.held(def, base, base_complex))
            }
            _ => Ok(None),
        }
    }

    /// `def` (named `name`) as a base: its struct, or its content struct if abstract.
    fn held(&self, def: &TypeDef, name: &QName, complex: &ComplexType) -> Option<HeldBase> {
        // An array's items are not content a derived type can extend.
        if complex.soap_array_item.is_some() {
            return None;
        }
        let rust = if def.is_abstract {
            self.contents.get(name)?.as_ref()?
        } else {
            self.named.get(name)?
        };
        Some(HeldBase {
            rust: rust.clone(),
            name: name.clone(),
            mixed: complex.mixed,
            text: complex.mixed || complex.simple_content.is_some(),
        })
    }

    /// Decides whether abstract type `def` has content (particles, attributes, text,
    /// or a base with content) and names the struct holding it (`{Name}Content`). Its
    /// abstract bases are decided first, without recursion: chains may be long.
    fn plan_content_struct(&mut self, def: &'d TypeDef) {
        let mut pending = vec![def];
        while let Some(&def) = pending.last() {
            let (Some(name), TypeKind::Complex(complex)) = (&def.name, &def.kind) else {
                pending.pop();
                continue;
            };
            if self.contents.contains_key(name) {
                pending.pop();
                continue;
            }
            let undecided_base = complex
                .base
                .as_ref()
                .or(complex.simple_content.as_ref())
                .and_then(|base| self.find_type(base))
                .filter(|base| {
                    base.is_abstract
                        && base
                            .name
                            .as_ref()
                            .is_some_and(|n| !self.contents.contains_key(n))
                        // Extension cycles are refused when parsing; never loop on one.
                        && !pending.iter().any(|p| std::ptr::eq(*p, *base))
                });
            if let Some(base) = undecided_base {
                pending.push(base);
                continue;
            }
            pending.pop();
            let has_base = matches!(self.held_base(complex, ""), Ok(Some(_)));
            let has_content = has_base
                || !complex.particles.is_empty()
                || !complex.attributes.is_empty()
                || complex.simple_content.is_some()
                || complex.mixed;
            let rust = has_content.then(|| {
                self.names
                    .claim(format!("{}Content", self.named[name]), "Type")
            });
            self.contents.insert(name.clone(), rust);
        }
    }

    /// Wrapper structs for the messages of rpc-style operations: the body holds an
    /// element named after the operation (its response `…Response`), in the binding's
    /// namespace, with an unqualified child per message part.
    fn plan_rpc_wrappers(&mut self) -> Result<(), String> {
        let defs = self.defs;
        for binding in &defs.bindings {
            let Some(port_type) = defs.port_types.iter().find(|p| p.name == binding.port_type)
            else {
                continue;
            };
            for bound in binding
                .operations
                .iter()
                .filter(|o| o.style == crate::model::Style::Rpc)
            {
                let Some(operation) = port_type.operations.iter().find(|o| o.name == bound.name)
                else {
                    continue;
                };
                let sides = [
                    (
                        false,
                        &operation.input,
                        &bound.input_namespace,
                        operation.name.clone(),
                        "Request",
                    ),
                    (
                        true,
                        &operation.output,
                        &bound.output_namespace,
                        format!("{}Response", operation.name),
                        "Response",
                    ),
                ];
                for (is_output, message, namespace, element_name, suffix) in sides {
                    let key = (port_type.name.clone(), operation.name.clone(), is_output);
                    let Some(message) = message
                        .as_ref()
                        .and_then(|m| defs.messages.iter().find(|d| &d.name == m))
                    else {
                        continue;
                    };
                    if self.plan.rpc_bodies.contains_key(&key) {
                        continue;
                    }
                    let name = self
                        .names
                        .claim(format!("{}{suffix}", type_name(&operation.name)), "Message");
                    let mut field_names = NameSet::reserving(GENERATED_LOCALS);
                    let mut fields = Vec::new();
                    for part in bound.body_parts(message, is_output) {
                        let element = self.part_element(part)?;
                        fields.push(self.field(&name, &element, &mut field_names)?);
                    }
                    let origin = format!(
                        "the rpc {} message of operation `{}`",
                        if is_output { "output" } else { "input" },
                        operation.name
                    );
                    self.plan.structs.push(StructPlan::of_fields(
                        name.clone(),
                        operation.documentation.clone(),
                        origin,
                        fields,
                    ));
                    let element = QName::new(namespace.clone().unwrap_or_default(), element_name);
                    self.plan.rpc_bodies.insert(key, (element, name));
                }
            }
        }
        Ok(())
    }

    /// A struct per message with `soap:header`s, a field per header block: the request's
    /// blocks are required, the response's optional (a service may leave them out).
    /// One-way operations get none, with a note. Bindings of one port type
    /// must agree on an operation's headers, since one client method serves them all.
    fn plan_header_structs(&mut self) -> Result<(), String> {
        let defs = self.defs;
        let mut planned: BTreeMap<(QName, String, bool), Vec<(QName, String)>> = BTreeMap::new();
        for binding in &defs.bindings {
            let Some(port_type) = defs.port_types.iter().find(|p| p.name == binding.port_type)
            else {
                continue;
            };
            for bound in &binding.operations {
                let Some(operation) = port_type.operations.iter().find(|o| o.name == bound.name)
                else {
                    continue;
                };
                if operation.output.is_none() {
                    if !bound.input_headers.is_empty() {
                        self.plan.notes.push(format!(
                            "operation `{}` of binding `{}` is one-way: its soap:header parts are not generated, so they are not sent",
                            operation.name, binding.name.local
                        ));
                    }
                    continue;
                }
                for (is_output, headers) in
                    [(false, &bound.input_headers), (true, &bound.output_headers)]
                {
                    let key = (port_type.name.clone(), operation.name.clone(), is_output);
                    let parts: Vec<(QName, String)> = headers
                        .iter()
                        .map(|h| (h.message.clone(), h.part.clone()))
                        .collect();
                    if let Some(earlier) = planned.get(&key) {
                        if *earlier != parts {
                            let reason = format!(
                                "operation `{}`: binding `{}` declares other soap:headers than another binding of port type `{}`; not supported yet",
                                operation.name, binding.name.local, port_type.name.local
                            );
                            if !self.degrade_unsupported {
                                return Err(reason);
                            }
                            let operation_key = (port_type.name.clone(), operation.name.clone());
                            self.plan
                                .header_conflicts
                                .entry(operation_key)
                                .or_insert(reason);
                        }
                        continue;
                    }
                    planned.insert(key.clone(), parts);
                    if headers.is_empty() {
                        continue;
                    }
                    let suffix = if is_output {
                        "ResponseHeaders"
                    } else {
                        "Headers"
                    };
                    let name = self
                        .names
                        .claim(format!("{}{suffix}", type_name(&operation.name)), "Message");
                    let mut field_names = NameSet::reserving(GENERATED_LOCALS);
                    let mut fields = Vec::new();
                    for header in headers {
                        let part = defs
                            .messages
                            .iter()
                            .find(|m| m.name == header.message)
                            .and_then(|m| m.parts.iter().find(|p| p.name == header.part))
                            .ok_or_else(|| {
                                format!(
                                    "operation `{}`: header part `{}` of message `{}` is undefined",
                                    operation.name, header.part, header.message
                                )
                            })?;
                        let mut element = self.part_element(part)?;
                        if is_output {
                            element.min_occurs = 0;
                        }
                        fields.push(self.field(&name, &element, &mut field_names)?);
                    }
                    let origin = format!(
                        "the SOAP header blocks of the {} of operation `{}`",
                        if is_output { "response" } else { "request" },
                        operation.name
                    );
                    self.plan.structs.push(StructPlan::of_fields(
                        name.clone(),
                        None,
                        origin,
                        fields,
                    ));
                    self.plan.headers.insert(key, name);
                }
            }
        }
        // An operation left out for its headers keeps no header struct.
        for (port_type, operation) in self.plan.header_conflicts.keys() {
            for is_output in [false, true] {
                let key = (port_type.clone(), operation.clone(), is_output);
                if let Some(name) = self.plan.headers.remove(&key) {
                    self.plan.structs.retain(|s| s.name != name);
                }
            }
        }
        Ok(())
    }

    /// An enum per bound operation with faults whose message is one element part (as
    /// WSDL 1.1 and the WS-I Basic Profile have them); other faults are noted and their
    /// detail stays raw XML.
    fn plan_fault_enums(&mut self) {
        let defs = self.defs;
        for binding in &defs.bindings {
            let Some(port_type) = defs.port_types.iter().find(|p| p.name == binding.port_type)
            else {
                continue;
            };
            for operation in &port_type.operations {
                let key = (port_type.name.clone(), operation.name.clone());
                if operation.faults.is_empty()
                    || self.plan.faults.contains_key(&key)
                    || !binding.operations.iter().any(|o| o.name == operation.name)
                {
                    continue;
                }
                let mut variant_names = NameSet::default();
                let mut variants = Vec::new();
                for (fault, message_name) in &operation.faults {
                    let message = defs.messages.iter().find(|m| &m.name == message_name);
                    let element = match message.map(|m| m.parts.as_slice()) {
                        Some([part]) => part.element.as_ref(),
                        _ => None,
                    };
                    let Some((element, rust_type)) =
                        element.and_then(|e| self.plan.element_types.get(e).map(|t| (e, t)))
                    else {
                        self.plan.notes.push(format!(
                            "fault `{fault}` of operation `{}`: message `{}` is not one element part, so its detail stays raw XML",
                            operation.name, message_name.local
                        ));
                        continue;
                    };
                    variants.push(FaultVariant {
                        name: variant_names.claim(type_name(fault), "Fault"),
                        fault: fault.clone(),
                        element: element.clone(),
                        rust_type: rust_type.clone(),
                    });
                }
                if variants.is_empty() {
                    continue;
                }
                let name = self
                    .names
                    .claim(format!("{}Fault", type_name(&operation.name)), "Detail");
                self.plan.faults.insert(
                    key,
                    FaultsPlan {
                        name,
                        operation: operation.name.clone(),
                        variants,
                    },
                );
            }
        }
    }

    /// A message part as the element it is on the wire in rpc style: an unqualified
    /// element named after a typed part, or the part's global element.
    fn part_element(&self, part: &crate::model::Part) -> Result<Element, String> {
        if let Some(type_name) = &part.type_name {
            return Ok(Element {
                name: QName::new("", &part.name),
                type_ref: TypeRef::Named(type_name.clone()),
                min_occurs: 1,
                max_occurs: MaxOccurs::Bounded(1),
                nillable: false,
                documentation: None,
                substitution_group: None,
                is_abstract: false,
            });
        }
        let name = part
            .element
            .clone()
            .ok_or_else(|| format!("part `{}` has neither type nor element", part.name))?;
        let Some(global) = self.defs.schema.elements.iter().find(|e| e.name == name) else {
            return Err(format!(
                "part `{}`: element `{name}` is undefined",
                part.name
            ));
        };
        Ok(Element {
            nillable: false,
            documentation: None,
            ..occurrence_of(global)
        })
    }

    /// The elements that may stand where global element `head` is referenced: itself
    /// (unless abstract) and the members of its substitution group, theirs too, in
    /// schema order. Empty when `head` heads no group.
    fn substitutes(&self, head: &QName) -> Vec<Element> {
        let elements = &self.defs.schema.elements;
        if !self.substitution_heads.contains(head) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        let mut pending = vec![head.clone()];
        while let Some(name) = pending.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some(global) = elements.iter().find(|e| e.name == name) else {
                continue;
            };
            if !global.is_abstract {
                out.push(occurrence_of(global));
            }
            // Reversed onto the stack, so members come out in schema order.
            pending.extend(
                elements
                    .iter()
                    .rev()
                    .filter(|e| e.substitution_group.as_ref() == Some(&name))
                    .map(|e| e.name.clone()),
            );
        }
        out
    }

    /// A choice's alternatives as the enum's variants will be: a nested choice that
    /// occurs once spliced in (choosing it is choosing one of its alternatives), one that
    /// repeats kept as a sequence around it, and each reference to a substitution group
    /// head replaced by the elements that may stand for it, each occurring as the
    /// reference says.
    fn branches(&self, alternatives: &[Particle]) -> Vec<Particle> {
        let mut out = Vec::new();
        for alternative in alternatives {
            match alternative {
                Particle::Element(element) => {
                    let substitutes = self.substitutes(&element.name);
                    if substitutes.is_empty() {
                        out.push(alternative.clone());
                    }
                    out.extend(substitutes.into_iter().map(|substitute| {
                        Particle::Element(Element {
                            min_occurs: element.min_occurs,
                            max_occurs: element.max_occurs,
                            ..substitute
                        })
                    }));
                }
                Particle::Choice {
                    max_occurs: MaxOccurs::Bounded(1),
                    alternatives,
                    ..
                } => out.extend(self.branches(alternatives)),
                Particle::Choice { .. } => out.push(Particle::Sequence {
                    group: None,
                    particles: vec![alternative.clone()],
                }),
                Particle::Any { .. } | Particle::Sequence { .. } => out.push(alternative.clone()),
            }
        }
        out
    }

    /// The concrete (non-abstract) complex types derived from `base` by extension or
    /// restriction, directly or not, in schema order.
    fn concrete_derived(&self, base: &QName) -> Vec<&'d TypeDef> {
        let mut family = BTreeSet::new();
        let mut pending = vec![base];
        while let Some(parent) = pending.pop() {
            for child in self.derived.get(parent).into_iter().flatten() {
                if family.insert(child) {
                    pending.push(child);
                }
            }
        }
        if family.is_empty() {
            return Vec::new();
        }
        self.defs
            .schema
            .types
            .iter()
            .filter(|d| {
                !d.is_abstract
                    && d.name
                        .as_ref()
                        .is_some_and(|n| n != base && family.contains(n))
            })
            .collect()
    }

    /// The enum of an abstract type's concrete derived types, chosen by `xsi:type`.
    fn push_abstract(&mut self, name: String, def: &TypeDef, concrete: &[&TypeDef]) {
        let type_name_of = |d: &TypeDef| d.name.clone().expect("named types have names");
        let mut variant_names = NameSet::default();
        let variants = concrete
            .iter()
            .map(|d| {
                let xsi_type = type_name_of(d);
                AbstractVariantPlan {
                    name: variant_names.claim(type_name(&xsi_type.local), "Variant"),
                    rust_type: self.named[&xsi_type].clone(),
                    xsi_type,
                }
            })
            .collect();
        let declared = type_name_of(def);
        self.plan.abstracts.push(AbstractPlan {
            name,
            doc: def.documentation.clone(),
            origin: format!("abstract complex type `{}`", declared.local),
            declared,
            variants,
            default_variant: 0,
        });
    }

    /// A field holding a choice, and the choice's enum: an `xsd:choice` (field `choice`,
    /// enum `{owner}Choice`) or, with `head`, the substitution group of that element
    /// (field and enum named after it: `shape`, `{owner}Shape`). An element alternative
    /// is a variant holding its value; `xsd:any` a variant holding raw XML; a sequence
    /// (or group) a variant holding a generated struct of its content.
    fn choice(
        &mut self,
        owner: &str,
        head: Option<&QName>,
        min_occurs: u32,
        max_occurs: MaxOccurs,
        alternatives: &[Particle],
        field_names: &mut NameSet,
    ) -> Result<FieldPlan, String> {
        // The parser makes a repeated sequence or group reference a choice with it as
        // the only alternative: named and described as the schema has it.
        let lone_sequence = match (head, alternatives) {
            (None, [Particle::Sequence { group, .. }]) => Some(group.as_ref()),
            _ => None,
        };
        let (wanted_enum, wanted_field) = match (head, lone_sequence) {
            (Some(head), _) => (
                format!("{owner}{}", type_name(&head.local)),
                field_name(&head.local),
            ),
            (None, Some(Some(group))) => (
                format!("{owner}{}", type_name(&group.local)),
                field_name(&group.local),
            ),
            (None, Some(None)) => (format!("{owner}Sequence"), "sequence".to_owned()),
            (None, None) => (format!("{owner}Choice"), "choice".to_owned()),
        };
        let enum_name = self.names.claim(wanted_enum, "");
        let mut variant_names = NameSet::default();
        let mut variants = Vec::new();
        let mut names = Vec::new();
        // A substitution group's members are expanded already.
        let branches = match head {
            Some(_) => alternatives.to_vec(),
            None => self.branches(alternatives),
        };
        for branch in branches {
            let variant = match branch {
                Particle::Element(alternative) => {
                    let mut element =
                        self.field(&enum_name, &alternative, &mut NameSet::default())?;
                    // Inside a variant the element is there (once, or as a list).
                    if element.cardinality == Cardinality::Optional {
                        element.cardinality = Cardinality::Required;
                    }
                    names.push(alternative.name.local.clone());
                    VariantPlan {
                        name: variant_names.claim(type_name(&alternative.name.local), "Variant"),
                        element,
                    }
                }
                Particle::Any { max_occurs, .. } => {
                    names.push("(any element)".to_owned());
                    let name = variant_names.claim("Any".to_owned(), "Variant");
                    VariantPlan {
                        element: FieldPlan::any_elements(
                            field_name(&name),
                            name.clone(),
                            match max_occurs {
                                MaxOccurs::Bounded(1) => Cardinality::Required,
                                _ => Cardinality::Repeated,
                            },
                        ),
                        name,
                    }
                }
                Particle::Sequence { group, particles } => {
                    let content: Vec<&str> = particles
                        .iter()
                        .flat_map(Particle::elements)
                        .map(|e| e.name.local.as_str())
                        .collect();
                    let wanted = match (&group, content.first()) {
                        (Some(group), _) => type_name(&group.local),
                        (None, Some(first)) => type_name(first),
                        (None, None) => "Sequence".to_owned(),
                    };
                    let name = variant_names.claim(wanted, "Sequence");
                    let struct_name = self.names.claim(format!("{enum_name}{name}"), "Type");
                    let schema_type = match &group {
                        Some(group) => format!("group {}", group.local),
                        None => format!("sequence of {}", content.join(", ")),
                    };
                    names.push(format!("({})", content.join(", ")));
                    let origin = format!("the {schema_type} in {enum_name}");
                    let complex = ComplexType {
                        particles,
                        ..ComplexType::default()
                    };
                    self.push_struct(struct_name.clone(), None, origin, &complex)?;
                    VariantPlan {
                        element: FieldPlan {
                            name: field_name(&name),
                            ns: String::new(),
                            xml_name: name.clone(),
                            value: ValueType::Group(struct_name),
                            cardinality: Cardinality::Required,
                            nillable: false,
                            doc: None,
                            schema_type,
                            boxed: false,
                            xml_type: None,
                        },
                        name,
                    }
                }
                Particle::Choice { .. } => {
                    return Err(format!(
                        "{owner}: internal error: a nested choice left among the branches"
                    ));
                }
            };
            variants.push(variant);
        }
        if variants.is_empty() {
            return Err(format!("{owner}: a choice with no alternative"));
        }
        let origin = match head {
            Some(head) => format!(
                "the substitution group of `{}` in {owner}: {}",
                head.local,
                names.join(", ")
            ),
            None if lone_sequence.is_some() => {
                format!("the sequence {} in {owner}", names.join(", "))
            }
            None => format!("the choice of {} in {owner}", names.join(", ")),
        };
        self.plan.choices.push(ChoicePlan {
            name: enum_name.clone(),
            origin,
            variants,
            default_variant: 0,
        });
        // A choice with an alternative that may be empty (an optional element, an optional
        // nested choice) may itself be left out: its variants all hold something.
        let may_be_empty = min_occurs == 0 || alternatives.iter().any(Particle::may_be_empty);
        let cardinality = match (max_occurs, may_be_empty) {
            (MaxOccurs::Bounded(1), true) => Cardinality::Optional,
            (MaxOccurs::Bounded(1), false) => Cardinality::Required,
            _ => Cardinality::Repeated,
        };
        Ok(FieldPlan {
            name: field_names.claim(wanted_field, ""),
            ns: String::new(),
            xml_name: names.join(" | "),
            value: ValueType::Choice(enum_name),
            cardinality,
            nillable: false,
            doc: None,
            schema_type: match (head, lone_sequence) {
                (Some(head), _) => format!("substitution group of `{}`", head.local),
                (None, Some(Some(group))) => format!("group {}", group.local),
                (None, Some(None)) => "xs:sequence".to_owned(),
                (None, None) => "xs:choice".to_owned(),
            },
            boxed: false,
            xml_type: None,
        })
    }

    fn field(
        &mut self,
        owner: &str,
        element: &Element,
        names: &mut NameSet,
    ) -> Result<FieldPlan, String> {
        let (value, schema_type) = match &element.type_ref {
            // Anything at all: kept as raw XML, like the content of `xsd:any`.
            TypeRef::Named(name) if name.ns == XSD_NS && name.local == "anyType" => (
                ValueType::Complex(format!("{}::RawXml", self.runtime_path)),
                "xs:anyType".to_owned(),
            ),
            TypeRef::OfElement(global) => match self.element_structs.get(global) {
                Some(rust) => (
                    ValueType::Complex(rust.clone()),
                    format!("element {}", global.local),
                ),
                None => (
                    ValueType::Simple(self.element_simple_type(global, owner)?),
                    format!("element {}", global.local),
                ),
            },
            // No concrete type is known to stand for it: the element is kept whole,
            // its `xsi:type` included.
            TypeRef::Named(type_name) if self.raw_abstract.contains(type_name) => (
                ValueType::Any,
                format!(
                    "abstract {}, no derived type known: raw XML",
                    type_name.local
                ),
            ),
            TypeRef::Named(type_name) => match self.named.get(type_name) {
                Some(rust) => (ValueType::Complex(rust.clone()), type_name.local.clone()),
                None => (
                    ValueType::Simple(self.simple_rust_type(type_name, owner)?),
                    format!("xs:{}", type_name.local),
                ),
            },
            TypeRef::Anonymous(def) => match &def.kind {
                TypeKind::Complex(complex) => {
                    let nested = self
                        .names
                        .claim(format!("{owner}{}", type_name(&element.name.local)), "Type");
                    let origin = format!(
                        "the anonymous type of element `{}` in {owner}",
                        element.name.local
                    );
                    self.push_struct(nested.clone(), def.documentation.clone(), origin, complex)?;
                    (
                        ValueType::Complex(nested.clone()),
                        "anonymous complex type".to_owned(),
                    )
                }
                TypeKind::Simple(simple) => (
                    ValueType::Simple(self.simple_rust(simple, owner)?),
                    format!("restriction of {}", simple.base.local),
                ),
            },
        };
        let xml_type = match &element.type_ref {
            TypeRef::Named(name) if name.ns == XSD_NS && name.local == "anyType" => None,
            TypeRef::Named(name) if self.arrays.contains(name) => {
                Some(QName::new(SOAP_ENCODING_NS, "Array"))
            }
            TypeRef::Named(name) if !self.defs.is_unresolved(name) => Some(name.clone()),
            _ => None,
        };
        let cardinality = if element.is_repeated() {
            Cardinality::Repeated
        } else if element.min_occurs == 0 {
            Cardinality::Optional
        } else {
            Cardinality::Required
        };
        // Raw XML keeps a nil element as written.
        let nillable = element.nillable && value != ValueType::Any;
        Ok(FieldPlan {
            name: names.claim(field_name(&element.name.local), "_"),
            ns: element.name.ns.clone(),
            xml_name: element.name.local.clone(),
            value,
            cardinality,
            nillable,
            doc: element.documentation.clone(),
            schema_type,
            boxed: false,
            xml_type,
        })
    }

    /// The Rust type of a SOAP-encoded array's items.
    fn array_item(&self, item_type: &QName, origin: &str) -> Result<ValueType, String> {
        if let Some(rust) = self.named.get(item_type) {
            return Ok(ValueType::Complex(rust.clone()));
        }
        if item_type.ns == XSD_NS && item_type.local == "anyType" {
            return Ok(ValueType::Complex(format!("{}::RawXml", self.runtime_path)));
        }
        self.simple_rust_type(item_type, origin)
            .map(ValueType::Simple)
    }

    fn newtype(&mut self, element: &Element) -> Result<String, String> {
        let origin = format!("element `{}`", element.name.local);
        let rust_type = match &element.type_ref {
            TypeRef::Named(type_name) => self.simple_rust_type(type_name, &origin)?,
            TypeRef::OfElement(global) => self.element_simple_type(global, &origin)?,
            TypeRef::Anonymous(def) => match &def.kind {
                TypeKind::Simple(simple) => self.simple_rust(simple, &origin)?,
                TypeKind::Complex(_) => unreachable_complex(&origin)?,
            },
        };
        let name = self.names.claim(type_name(&element.name.local), "Element");
        self.plan.newtypes.push(NewtypePlan {
            name: name.clone(),
            rust_type,
            origin,
        });
        Ok(name)
    }

    /// The Rust type of global element `name`'s anonymous simple type.
    fn element_simple_type(&self, name: &QName, origin: &str) -> Result<String, String> {
        let element = self.defs.schema.elements.iter().find(|e| &e.name == name);
        match element.map(|e| &e.type_ref) {
            Some(TypeRef::Anonymous(def)) => match &def.kind {
                TypeKind::Simple(simple) => self.simple_rust(simple, origin),
                TypeKind::Complex(_) => Err(format!("{origin}: element `{name}` was not planned")),
            },
            Some(TypeRef::Named(type_name)) => self.simple_rust_type(type_name, origin),
            _ => Err(format!("{origin}: element `{name}` is undefined")),
        }
    }

    /// The Rust type of a simple type: built-in, or a named restriction of one.
    fn simple_rust_type(&self, name: &QName, origin: &str) -> Result<String, String> {
        if let Some(rust) = self.enums.get(name) {
            return Ok(rust.clone());
        }
        if self.defs.is_unresolved(name) {
            // An unresolved simple type keeps its lexical form.
            return Ok("String".to_owned());
        }
        if name.ns == XSD_NS {
            if let Some(rust) = builtin_type(&name.local, self.runtime_path) {
                return Ok(rust);
            }
            if self.degrade_unsupported {
                // Every simple value has a lexical form: text loses nothing.
                self.degraded_builtins
                    .borrow_mut()
                    .insert((name.local.clone(), origin.to_owned()));
                return Ok("String".to_owned());
            }
            return Err(format!(
                "{origin}: built-in type xs:{} is not supported yet",
                name.local
            ));
        }
        match self.find_type(name).map(|d| &d.kind) {
            Some(TypeKind::Simple(simple)) => self.simple_rust(simple, origin),
            _ => Err(format!("{origin}: `{name}` is not a simple type")),
        }
    }

    /// The Rust type of the inline simple type of attribute `attribute` of `owner`: an
    /// enumeration becomes an enum of its own (`{owner}{attribute}`), as a named one
    /// does; anything else is typed as a named simple type would be.
    fn inline_simple(
        &mut self,
        simple: &SimpleType,
        owner: &str,
        attribute: &str,
        origin: &str,
    ) -> Result<String, String> {
        if simple.variety != Variety::Atomic || simple.enumerations.is_empty() {
            return self.simple_rust(simple, origin);
        }
        let rust = self
            .names
            .claim(format!("{owner}{}", type_name(attribute)), "Type");
        let values = enum_values(&simple.enumerations);
        self.plan.enums.push(EnumPlan {
            name: rust.clone(),
            doc: None,
            origin: format!("the inline simple type of attribute `{attribute}` in {owner}"),
            values,
        });
        Ok(rust)
    }

    /// The Rust type of a simple type definition: its base's for a restriction,
    /// `XmlList<item>` for a list, `String` (the lexical form) for a union.
    fn simple_rust(&self, simple: &SimpleType, origin: &str) -> Result<String, String> {
        match &simple.variety {
            Variety::Atomic => self.simple_rust_type(&simple.base, origin),
            Variety::Union => Ok("String".to_owned()),
            Variety::List(item) => {
                let item = match item {
                    TypeRef::Named(name) => self.simple_rust_type(name, origin)?,
                    TypeRef::OfElement(global) => self.element_simple_type(global, origin)?,
                    TypeRef::Anonymous(def) => match &def.kind {
                        TypeKind::Simple(inner) => self.simple_rust(inner, origin)?,
                        TypeKind::Complex(_) => {
                            return Err(format!("{origin}: a list of a complex type"));
                        }
                    },
                };
                Ok(format!("{}::XmlList<{item}>", self.runtime_path))
            }
        }
    }

    /// The text type of a `simpleContent` type based on simple type `base` (one based
    /// on a complex type holds that type as its base, text included).
    fn simple_content(&self, base: &QName, origin: &str) -> Result<String, String> {
        if base.ns == XSD_NS {
            return self.simple_rust_type(base, origin);
        }
        match self.find_type(base).map(|d| &d.kind) {
            Some(TypeKind::Simple(simple)) => self.simple_rust(simple, origin),
            Some(TypeKind::Complex(_)) => Err(format!(
                "{origin}: internal error: simpleContent based on complex type `{base}` planned as text"
            )),
            None => Err(format!(
                "{origin}: simpleContent base `{base}` is undefined"
            )),
        }
    }

    fn find_type(&self, name: &QName) -> Option<&'d TypeDef> {
        self.types.get(name).copied()
    }
}

fn unreachable_complex(origin: &str) -> Result<String, String> {
    Err(format!(
        "{origin}: internal error: complex type planned as a newtype"
    ))
}
