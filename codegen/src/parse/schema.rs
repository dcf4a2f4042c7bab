//! XML Schema (the subset inside WSDL `types`) into model types.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, ErrorKind};
use crate::model::{
    Attribute, ComplexType, DegradedPart, Element, GlobalName, MaxOccurs, Particle, QName,
    SOAP_ENCODING_NS, Schema, SimpleType, TypeDef, TypeKind, TypeRef, Variety, XSD_NS,
};

use super::cycles::{Component, Dependency};
use super::dom::{Document, Node};

mod degrade;
pub use degrade::DEGRADED_NOTE;

/// A reference to check once every schema is read.
pub struct PendingRef {
    /// What is referenced.
    pub name: QName,
    /// A type or an element.
    pub kind: RefKind,
    /// Where the reference is.
    pub offset: usize,
}

/// What a [`PendingRef`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RefKind {
    /// A type.
    Type,
    /// A global element.
    Element,
    /// A global attribute.
    Attribute,
    /// A named attribute group.
    AttributeGroup,
    /// A named model group.
    Group,
}

/// Reads one `xsd:schema` element, adding its declarations to `schema`.
pub struct SchemaReader<'d> {
    doc: &'d Document,
    target_ns: String,
    elements_qualified: bool,
    attributes_qualified: bool,
    /// References to check at the end.
    pub pending: Vec<PendingRef>,
    /// Imports and includes with a location, to load next.
    pub imports: Vec<SchemaImport>,
    /// What the schema says that generated code does not model yet.
    pub notes: Vec<String>,
    /// The parts degraded to raw XML (see [`degrade`]).
    pub degraded: Vec<DegradedPart>,
    /// Definitions made of other definitions, checked for cycles once all are read.
    pub dependencies: Vec<Dependency>,
    /// The global component being read, while what is read is part of its definition
    /// (not inside one of its elements, whose types may recurse legitimately).
    owner: Option<Component>,
    /// Whether unsupported constructs degrade to raw XML (see [`degrade`]).
    degrade: bool,
    /// Where the reader is, from the global component down, for notes.
    path: Vec<String>,
    /// The global element or type being read, for notes about its degraded parts.
    global: Option<GlobalName>,
}

/// An `xsd:import` or `xsd:include` that names a document.
pub struct SchemaImport {
    /// `schemaLocation` as written.
    pub location: String,
    /// An include (same target namespace) rather than an import.
    pub include: bool,
    /// The namespace an import names.
    pub namespace: Option<String>,
    /// Where it is.
    pub offset: usize,
}

impl<'d> SchemaReader<'d> {
    /// The schema's target namespace.
    pub fn target_namespace(&self) -> &str {
        &self.target_ns
    }

    /// A reader for `schema_node` of `doc`; `chameleon_ns` is the including schema's
    /// namespace, adopted by an included schema that has none of its own.
    pub fn new(doc: &'d Document, schema_node: &Node, chameleon_ns: Option<&str>) -> Self {
        let own_ns = schema_node.attr("targetNamespace");
        Self {
            doc,
            target_ns: own_ns.or(chameleon_ns).unwrap_or_default().to_owned(),
            elements_qualified: schema_node.attr("elementFormDefault") == Some("qualified"),
            attributes_qualified: schema_node.attr("attributeFormDefault") == Some("qualified"),
            pending: Vec::new(),
            imports: Vec::new(),
            notes: Vec::new(),
            degraded: Vec::new(),
            dependencies: Vec::new(),
            owner: None,
            degrade: false,
            path: Vec::new(),
            global: None,
        }
    }

    /// Lets a construct the generator cannot model yet degrade to raw XML, locally, with a
    /// note, instead of failing.
    pub fn degrading(mut self, degrade: bool) -> Self {
        self.degrade = degrade;
        self
    }

    /// Reads the schema's global declarations into `schema`.
    pub fn read(&mut self, schema_node: &Node, schema: &mut Schema) -> Result<(), Error> {
        for child in &schema_node.children {
            if child.ns != XSD_NS {
                continue;
            }
            self.path = vec![format!(
                "{} `{}`",
                child.local,
                child.attr("name").unwrap_or_default()
            )];
            let name = child.attr("name").map(|n| QName::new(&self.target_ns, n));
            self.global = match child.local.as_str() {
                "element" => name.map(GlobalName::Element),
                "complexType" | "simpleType" => name.map(GlobalName::Type),
                _ => None,
            };
            match child.local.as_str() {
                "element" => {
                    let element = self.element(child, true)?;
                    schema.elements.push(element);
                }
                "complexType" | "simpleType" => {
                    let name = QName::new(&self.target_ns, self.required_attr(child, "name")?);
                    let mut def = self.owned_by((RefKind::Type, name.clone()), |reader| {
                        reader.type_def(child)
                    })?;
                    def.name = Some(name);
                    schema.types.push(def);
                }
                // A namespace-only import names a namespace whose declarations come
                // from another schema of the same document.
                "import" | "include" => {
                    if let Some(location) = child.attr("schemaLocation") {
                        self.imports.push(SchemaImport {
                            location: location.to_owned(),
                            include: child.local == "include",
                            namespace: child.attr("namespace").map(str::to_owned),
                            offset: child.offset,
                        });
                    } else if child.local == "include" {
                        return Err(self.invalid(child, "xsd:include needs a `schemaLocation`"));
                    }
                }
                "redefine" | "override" => {
                    return Err(self.unsupported(child, &format!("xsd:{}", child.local)));
                }
                "attribute" => {
                    let mut attribute = self.attribute(child)?;
                    // Global attributes are always qualified.
                    attribute.name.ns = self.target_ns.clone();
                    schema.attributes.push(attribute);
                }
                "attributeGroup" => {
                    let name = QName::new(&self.target_ns, self.required_attr(child, "name")?);
                    let mut attributes = Vec::new();
                    self.owned_by((RefKind::AttributeGroup, name.clone()), |reader| {
                        reader.attribute_uses(child, &mut attributes)
                    })?;
                    schema.attribute_groups.push((name, attributes));
                }
                "group" => {
                    let name = QName::new(&self.target_ns, self.required_attr(child, "name")?);
                    let mut particles = Vec::new();
                    self.owned_by((RefKind::Group, name.clone()), |reader| {
                        reader.model_group(child, &mut particles)
                    })?;
                    schema.groups.push((name, particles));
                }
                "annotation" | "notation" => {}
                other => return Err(self.unsupported(child, &format!("global xsd:{other}"))),
            }
        }
        Ok(())
    }

    fn element(&mut self, node: &Node, global: bool) -> Result<Element, Error> {
        // What an element's type holds is recursion, not part of the enclosing definition.
        let owner = self.owner.take();
        let element = self.element_unowned(node, global);
        self.owner = owner;
        element
    }

    fn element_unowned(&mut self, node: &Node, global: bool) -> Result<Element, Error> {
        let min_occurs = self.occurs(node, "minOccurs")?;
        let max_occurs = self.max_occurs(node)?;
        if let Some(reference) = node.attr("ref") {
            // A reference to a global element: its name and type come from there; the
            // referencing declaration says how often it occurs.
            let name = self.qname(node, reference)?;
            self.refer(&name, RefKind::Element, node);
            return Ok(Element {
                name: name.clone(),
                type_ref: TypeRef::Named(QName::new("", "")),
                min_occurs,
                max_occurs,
                nillable: false,
                documentation: documentation(node),
                substitution_group: None,
                is_abstract: false,
            }
            .referencing(name));
        }
        let local = self.required_attr(node, "name")?;
        let substitution_group = match node.attr("substitutionGroup").filter(|_| global) {
            Some(head) => {
                let head = self.qname(node, head)?;
                self.refer(&head, RefKind::Element, node);
                let member = QName::new(&self.target_ns, node.attr("name").unwrap_or_default());
                self.dependencies.push(Dependency {
                    from: (RefKind::Element, member),
                    to: (RefKind::Element, head.clone()),
                    relation: "is in the substitution group of",
                    offset: node.offset,
                });
                Some(head)
            }
            None => None,
        };
        let qualified = global
            || match node.attr("form") {
                Some(form) => form == "qualified",
                None => self.elements_qualified,
            };
        let ns = if qualified {
            self.target_ns.clone()
        } else {
            String::new()
        };
        let type_ref =
            match node.attr("type") {
                Some(type_name) => {
                    let name = self.qname(node, type_name)?;
                    self.refer(&name, RefKind::Type, node);
                    TypeRef::Named(name)
                }
                None => match node.children.iter().find(|c| {
                    c.ns == XSD_NS && (c.local == "complexType" || c.local == "simpleType")
                }) {
                    Some(inline) => TypeRef::Anonymous(Box::new(self.type_def(inline)?)),
                    // No type at all means xsd:anyType.
                    None => TypeRef::Named(QName::new(XSD_NS, "anyType")),
                },
            };
        Ok(Element {
            name: QName::new(ns, local),
            type_ref,
            min_occurs,
            max_occurs,
            nillable: is_true(node.attr("nillable")),
            documentation: documentation(node),
            substitution_group,
            is_abstract: global && is_true(node.attr("abstract")),
        })
    }

    fn type_def(&mut self, node: &Node) -> Result<TypeDef, Error> {
        let kind = if node.local == "simpleType" {
            TypeKind::Simple(self.simple_type(node)?)
        } else {
            TypeKind::Complex(self.complex_type_or_raw(node)?)
        };
        Ok(TypeDef {
            name: None,
            documentation: documentation(node),
            is_abstract: matches!(kind, TypeKind::Complex(_)) && is_true(node.attr("abstract")),
            kind,
        })
    }

    fn complex_type(&mut self, node: &Node) -> Result<ComplexType, Error> {
        let mut complex = ComplexType {
            mixed: node.attr("mixed") == Some("true"),
            ..ComplexType::default()
        };
        for child in node.children.iter().filter(|c| c.ns == XSD_NS) {
            match child.local.as_str() {
                "sequence" | "all" => self.model_group(child, &mut complex.particles)?,
                "attribute" | "attributeGroup" => {
                    self.attribute_use(child, &mut complex.attributes)?
                }
                "group" | "choice" => self.particle_or_raw(child, &mut complex.particles)?,
                "simpleContent" => {
                    let Some(derivation) = child
                        .children
                        .iter()
                        .find(|c| c.ns == XSD_NS && c.local != "annotation")
                    else {
                        return Err(self
                            .invalid(child, "simpleContent needs an extension or a restriction"));
                    };
                    let base = self.qname(derivation, self.required_attr(derivation, "base")?)?;
                    self.refer(&base, RefKind::Type, derivation);
                    self.depend(RefKind::Type, &base, derivation, "has simple content of");
                    complex.simple_content = Some(base);
                    self.attribute_uses(derivation, &mut complex.attributes)?;
                }
                "complexContent" => {
                    if child.attr("mixed") == Some("true") {
                        complex.mixed = true;
                    }
                    let Some(derivation) = child
                        .children
                        .iter()
                        .find(|c| c.ns == XSD_NS && c.local != "annotation")
                    else {
                        return Err(self
                            .invalid(child, "complexContent needs an extension or a restriction"));
                    };
                    let base = self.qname(derivation, self.required_attr(derivation, "base")?)?;
                    if derivation.local == "restriction" && base == soap_array() {
                        let (item, ranks) = self.soap_array_item(derivation)?;
                        complex.soap_array_item = Some(item);
                        complex.soap_array_ranks = ranks;
                        continue;
                    }
                    match derivation.local.as_str() {
                        // Extending xs:anyType is how some schemas spell a plain complex
                        // type: its own particles are its content.
                        "extension" if base == QName::new(XSD_NS, "anyType") => {}
                        "extension" => {
                            self.refer(&base, RefKind::Type, derivation);
                            self.depend(RefKind::Type, &base, derivation, "extends");
                            complex.base = Some(base);
                        }
                        // A restriction restates the content it keeps.
                        "restriction" => {
                            self.refer(&base, RefKind::Type, derivation);
                            self.depend(RefKind::Type, &base, derivation, "restricts");
                            complex.restricts = Some(base);
                        }
                        other => {
                            return Err(
                                self.unsupported(derivation, &format!("complexContent/{other}"))
                            );
                        }
                    }
                    let inner = self.complex_type(derivation)?;
                    complex.particles.extend(inner.particles);
                    complex.attributes.extend(inner.attributes);
                }
                "annotation" | "anyAttribute" => {}
                other => {
                    return Err(self.unsupported(child, &format!("xsd:{other} in a complex type")));
                }
            }
        }
        Ok(complex)
    }

    /// The attributes and attribute group references among `node`'s children.
    fn attribute_uses(
        &mut self,
        node: &Node,
        attributes: &mut Vec<Attribute>,
    ) -> Result<(), Error> {
        for child in node.children.iter().filter(|c| c.ns == XSD_NS) {
            if child.local == "attribute" || child.local == "attributeGroup" {
                self.attribute_use(child, attributes)?;
            }
        }
        Ok(())
    }

    /// An attribute, or an attribute group reference (as a marker resolved later).
    fn attribute_use(&mut self, node: &Node, attributes: &mut Vec<Attribute>) -> Result<(), Error> {
        if node.local == "attribute" {
            attributes.push(self.attribute(node)?);
            return Ok(());
        }
        let group = self.qname(node, self.required_attr(node, "ref")?)?;
        self.refer(&group, RefKind::AttributeGroup, node);
        self.depend(
            RefKind::AttributeGroup,
            &group,
            node,
            "contains the attribute group",
        );
        attributes.push(Attribute {
            name: group,
            type_name: QName::new(GROUP_MARKER, ""),
            inline_type: None,
            required: false,
            documentation: None,
        });
        Ok(())
    }

    fn model_group(&mut self, group: &Node, particles: &mut Vec<Particle>) -> Result<(), Error> {
        for child in group.children.iter().filter(|c| c.ns == XSD_NS) {
            self.particle_or_raw(child, particles)?;
        }
        Ok(())
    }

    fn model_group_item(
        &mut self,
        child: &Node,
        particles: &mut Vec<Particle>,
    ) -> Result<(), Error> {
        {
            match child.local.as_str() {
                "group" => {
                    let Some(reference) = child.attr("ref") else {
                        return Err(self.invalid(child, "a local xsd:group needs a `ref`"));
                    };
                    let name = self.qname(child, reference)?;
                    self.refer(&name, RefKind::Group, child);
                    self.depend(RefKind::Group, &name, child, "contains the group");
                    let repeated = is_repeated(child);
                    let reference = Particle::Element(Element {
                        name,
                        type_ref: TypeRef::Named(QName::new(GROUP_MARKER, "")),
                        min_occurs: if repeated {
                            1
                        } else {
                            self.occurs(child, "minOccurs")?
                        },
                        max_occurs: MaxOccurs::Bounded(1),
                        nillable: false,
                        documentation: None,
                        substitution_group: None,
                        is_abstract: false,
                    });
                    particles.push(if repeated {
                        self.repeated(child, reference)?
                    } else {
                        reference
                    });
                }
                "element" => particles.push(Particle::Element(self.element(child, false)?)),
                "any" => particles.push(Particle::Any {
                    min_occurs: self.occurs(child, "minOccurs")?,
                    max_occurs: self.max_occurs(child)?,
                }),
                // Spliced in unless it repeats.
                "sequence" => match self.sequence(child)? {
                    Particle::Sequence {
                        particles: mut inner,
                        ..
                    } => particles.append(&mut inner),
                    repeated => particles.push(repeated),
                },
                "choice" => particles.push(self.choice(child)?),
                "annotation" => {}
                other => {
                    return Err(self.unsupported(child, &format!("xsd:{other} in a model group")));
                }
            }
        }
        Ok(())
    }

    /// An `xsd:choice`: each alternative an element, `xsd:any`, a group reference, a
    /// nested choice, or a sequence kept whole as one alternative.
    fn choice(&mut self, node: &Node) -> Result<Particle, Error> {
        let mut alternatives = Vec::new();
        for child in node.children.iter().filter(|c| c.ns == XSD_NS) {
            match child.local.as_str() {
                "sequence" => alternatives.push(self.sequence(child)?),
                "choice" => alternatives.push(self.choice(child)?),
                _ => self.model_group_item(child, &mut alternatives)?,
            }
        }
        Ok(Particle::Choice {
            min_occurs: self.occurs(node, "minOccurs")?,
            max_occurs: self.max_occurs(node)?,
            alternatives,
        })
    }

    fn attribute(&mut self, node: &Node) -> Result<Attribute, Error> {
        if let Some(reference) = node.attr("ref") {
            let name = self.qname(node, reference)?;
            self.refer(&name, RefKind::Attribute, node);
            return Ok(Attribute {
                name,
                type_name: QName::new(REF_MARKER, ""),
                inline_type: None,
                required: node.attr("use") == Some("required"),
                documentation: documentation(node),
            });
        }
        let local = self.required_attr(node, "name")?;
        let qualified = match node.attr("form") {
            Some(form) => form == "qualified",
            None => self.attributes_qualified,
        };
        let (type_name, inline_type) = match node.attr("type") {
            Some(t) => {
                let name = self.qname(node, t)?;
                self.refer(&name, RefKind::Type, node);
                (name, None)
            }
            None => match node.child(XSD_NS, "simpleType") {
                Some(inline) => {
                    let simple = self.simple_type(inline)?;
                    (simple.base.clone(), Some(Box::new(simple)))
                }
                None => (QName::new(XSD_NS, "string"), None),
            },
        };
        Ok(Attribute {
            name: QName::new(
                if qualified {
                    self.target_ns.clone()
                } else {
                    String::new()
                },
                local,
            ),
            type_name,
            inline_type,
            required: node.attr("use") == Some("required"),
            documentation: documentation(node),
        })
    }

    fn simple_type(&mut self, node: &Node) -> Result<SimpleType, Error> {
        let any_simple = QName::new(XSD_NS, "anySimpleType");
        if let Some(list) = node.child(XSD_NS, "list") {
            let item = match list.attr("itemType") {
                Some(item) => {
                    let name = self.qname(list, item)?;
                    self.refer(&name, RefKind::Type, list);
                    self.depend(RefKind::Type, &name, list, "is a list of");
                    TypeRef::Named(name)
                }
                None => match list.child(XSD_NS, "simpleType") {
                    Some(inline) => TypeRef::Anonymous(Box::new(self.type_def(inline)?)),
                    None => {
                        return Err(
                            self.invalid(list, "xsd:list needs an `itemType` or a simpleType")
                        );
                    }
                },
            };
            return Ok(SimpleType {
                base: any_simple,
                enumerations: Vec::new(),
                variety: Variety::List(item),
            });
        }
        if node.child(XSD_NS, "union").is_some() {
            return Ok(SimpleType {
                base: any_simple,
                enumerations: Vec::new(),
                variety: Variety::Union,
            });
        }
        let Some(restriction) = node.child(XSD_NS, "restriction") else {
            return Err(self.invalid(node, "a simpleType needs a restriction, a list or a union"));
        };
        let base = match restriction.attr("base") {
            Some(base) => {
                let base = self.qname(restriction, base)?;
                self.refer(&base, RefKind::Type, restriction);
                self.depend(RefKind::Type, &base, restriction, "restricts");
                base
            }
            // A restriction of an inline simple type: restrict what it restricts.
            None => match restriction.child(XSD_NS, "simpleType") {
                Some(inline) => return self.simple_type(inline),
                None => return Err(self.invalid(restriction, "xsd:restriction needs a `base`")),
            },
        };
        let enumerations = restriction
            .children_named(XSD_NS, "enumeration")
            .map(|e| e.attr("value").unwrap_or_default().to_owned())
            .collect();
        Ok(SimpleType {
            base,
            enumerations,
            variety: Variety::Atomic,
        })
    }

    /// Runs `read` with `owner` as the component being defined.
    fn owned_by<T>(
        &mut self,
        owner: Component,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let outer = self.owner.replace(owner);
        let result = read(self);
        self.owner = outer;
        result
    }

    /// Records that the component being defined, if any, is defined in terms of `name`
    /// (of kind `kind`): a model group only through other groups, an attribute group only
    /// through attribute groups, a type through its bases and list items.
    fn depend(&mut self, kind: RefKind, name: &QName, node: &Node, relation: &'static str) {
        let Some(owner) = self
            .owner
            .as_ref()
            .filter(|(owner_kind, _)| *owner_kind == kind)
        else {
            return;
        };
        self.dependencies.push(Dependency {
            from: owner.clone(),
            to: (kind, name.clone()),
            relation,
            offset: node.offset,
        });
    }

    /// Records a reference to `name` at `node`, checked once every schema is read.
    fn refer(&mut self, name: &QName, kind: RefKind, node: &Node) {
        self.pending.push(PendingRef {
            name: name.clone(),
            kind,
            offset: node.offset,
        });
    }

    /// An `xsd:sequence`: a [`Particle::Sequence`] of its particles (all made optional if
    /// the sequence is), or if it repeats a choice of one such sequence (see
    /// [`repeated`](Self::repeated)).
    fn sequence(&mut self, node: &Node) -> Result<Particle, Error> {
        let mut particles = Vec::new();
        self.model_group(node, &mut particles)?;
        let repeated = is_repeated(node);
        if !repeated && self.occurs(node, "minOccurs")? == 0 {
            make_optional(&mut particles);
        }
        let occurrence = Particle::Sequence {
            group: None,
            particles,
        };
        if repeated {
            self.repeated(node, occurrence)
        } else {
            Ok(occurrence)
        }
    }

    /// A repeated sequence or group reference (`node`): a choice with `occurrence`, one
    /// occurrence's content, as its only alternative, occurring as `node` says. Each
    /// occurrence is then one value of a struct of that content, kept in order.
    fn repeated(&self, node: &Node, occurrence: Particle) -> Result<Particle, Error> {
        Ok(Particle::Choice {
            min_occurs: self.occurs(node, "minOccurs")?,
            max_occurs: self.max_occurs(node)?,
            alternatives: vec![occurrence],
        })
    }

    fn max_occurs(&self, node: &Node) -> Result<MaxOccurs, Error> {
        match node.attr("maxOccurs") {
            Some("unbounded") => Ok(MaxOccurs::Unbounded),
            None => Ok(MaxOccurs::Bounded(1)),
            Some(_) => self.occurs(node, "maxOccurs").map(MaxOccurs::Bounded),
        }
    }

    fn occurs(&self, node: &Node, attr: &str) -> Result<u32, Error> {
        match node.attr(attr) {
            None => Ok(1),
            Some(value) => value.trim().parse().map_err(|_| {
                self.invalid(
                    node,
                    &format!("{attr}=\"{value}\" is not a non-negative number"),
                )
            }),
        }
    }

    /// The item type of a SOAP-encoded array restriction and the ranks of its levels
    /// (see [`ComplexType::soap_array_ranks`]): from the `wsdl:arrayType` of its
    /// `soapenc:arrayType` attribute (`tns:Item[]`, `tns:Item[][]`, `tns:Item[,]`), else
    /// from its one repeated element. As in Axis, `xsd:byte[]` within is
    /// `xsd:base64Binary`.
    fn soap_array_item(&mut self, restriction: &Node) -> Result<(QName, Vec<usize>), Error> {
        let array_type = restriction
            .children_named(XSD_NS, "attribute")
            .find_map(|a| {
                a.attributes
                    .iter()
                    .find(|(ns, local, _)| ns == WSDL_NS && local == "arrayType")
                    .map(|(_, _, value)| (a, value.as_str()))
            });
        if let Some((attribute, value)) = array_type {
            let value = value.trim();
            let Some((item, mut ranks)) = array_type_ranks(value) else {
                return Err(self.invalid(
                    attribute,
                    &format!(
                        "wsdl:arrayType=\"{value}\" is not of the form `prefix:Type[]` \
                         (or `[,]`, `[][]`…)"
                    ),
                ));
            };
            let mut item = self.qname(attribute, item)?;
            if ranks.len() > 1 && ranks[0] == 1 && item == QName::new(XSD_NS, "byte") {
                item = QName::new(XSD_NS, "base64Binary");
                ranks.remove(0);
            }
            self.refer(&item, RefKind::Type, attribute);
            return Ok((item, ranks));
        }
        let mut particles = Vec::new();
        for group in restriction.children.iter().filter(|c| c.ns == XSD_NS) {
            if matches!(group.local.as_str(), "sequence" | "all" | "choice") {
                self.model_group(group, &mut particles)?;
            }
        }
        match particles.as_slice() {
            [
                Particle::Element(Element {
                    type_ref: TypeRef::Named(item),
                    ..
                }),
            ] => Ok((item.clone(), vec![1])),
            _ => Err(self.unsupported(
                restriction,
                "a SOAP-encoded array without `wsdl:arrayType` or one named item element",
            )),
        }
    }

    fn qname(&self, node: &Node, value: &str) -> Result<QName, Error> {
        node.resolve_qname(value).ok_or_else(|| {
            self.doc.error(
                node,
                ErrorKind::UndefinedReference,
                format!("the prefix of `{value}` is not declared"),
            )
        })
    }

    fn required_attr<'n>(&self, node: &'n Node, name: &str) -> Result<&'n str, Error> {
        node.attr(name).ok_or_else(|| {
            self.invalid(
                node,
                &format!("xsd:{} needs a `{name}` attribute", node.local),
            )
        })
    }

    fn invalid(&self, node: &Node, message: &str) -> Error {
        self.doc.error(node, ErrorKind::Invalid, message)
    }

    fn unsupported(&self, node: &Node, what: &str) -> Error {
        self.doc.error(
            node,
            ErrorKind::Unsupported,
            format!("{what} is not supported yet"),
        )
    }
}

/// A `wsdl:arrayType` value split into its item type and the rank of each bracket
/// group, innermost first: `xs:int[,][]` → `("xs:int", [2, 1])`. `None` unless it is a
/// name followed by one or more groups of nothing but commas.
fn array_type_ranks(value: &str) -> Option<(&str, Vec<usize>)> {
    let (item, mut groups) = value.split_once('[')?;
    let mut ranks = Vec::new();
    loop {
        let (group, rest) = groups.split_once(']')?;
        if !group.bytes().all(|b| b == b',') {
            return None;
        }
        ranks.push(group.len() + 1);
        if rest.is_empty() {
            break;
        }
        groups = rest.strip_prefix('[')?;
    }
    (!item.is_empty()).then_some((item, ranks))
}

impl Globals {
    fn is_unresolved(&self, name: &QName) -> bool {
        name.is_among(&self.unresolved)
    }
}

impl Element {
    /// Marks this declaration as a reference to global element `target`, resolved when
    /// the whole schema is known.
    fn referencing(mut self, target: QName) -> Self {
        self.type_ref = TypeRef::Named(QName::new(
            REF_MARKER,
            format!("{}#{}", target.ns, target.local),
        ));
        self
    }
}

/// The WSDL 1.1 namespace, whose `wsdl:arrayType` attribute names an array's item type.
const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";

/// `soapenc:Array`, the base of SOAP-encoded array types.
fn soap_array() -> QName {
    QName::new(SOAP_ENCODING_NS, "Array")
}

/// The namespace of `xml:lang` and `xml:space`, bound without declaration.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespace of the placeholder type a `ref=` element or attribute carries until resolution.
pub const REF_MARKER: &str = "urn:soap-codegen:element-ref";
/// Namespace of the placeholder type of a group reference (model or attribute group),
/// named by the placeholder's name, until resolution.
pub const GROUP_MARKER: &str = "urn:soap-codegen:group-ref";

/// Replaces references (`ref=` elements and attributes, model and attribute group
/// references) by what they name, so the model holds no references.
pub fn resolve_references(schema: &mut Schema, unresolved: &[QName]) {
    hoist_recursive_group_types(schema);
    let globals = Globals {
        unresolved: unresolved.to_vec(),
        elements: schema.elements.clone(),
        attributes: schema.attributes.clone(),
        attribute_groups: schema.attribute_groups.clone(),
        groups: schema.groups.clone(),
    };
    for def in &mut schema.types {
        resolve_in_type(def, &globals);
    }
    for element in &mut schema.elements {
        if let TypeRef::Anonymous(def) = &mut element.type_ref {
            resolve_in_type(def, &globals);
        }
    }
}

/// Gives a name to each anonymous complex type, declared by an element of a model group,
/// that holds that group again (directly, or through other groups and anonymous types).
/// Such recursion is legitimate, each level being an element, but a group is copied
/// where it is used: the type must be one named type, or the copies never end.
///
/// The type of an element of group `G` holds `G` again when it names a group in `G`'s
/// strongly connected component (`G` names that group through the type, so it reaches
/// `G` exactly when both reach each other): linear in the groups' size.
fn hoist_recursive_group_types(schema: &mut Schema) {
    let mut index: BTreeMap<QName, usize> = BTreeMap::new();
    for (position, (name, _)) in schema.groups.iter().enumerate() {
        index.entry(name.clone()).or_insert(position);
    }
    let edges: Vec<Vec<usize>> = schema
        .groups
        .iter()
        .map(|(_, particles)| {
            let mut named = Vec::new();
            named_groups(particles, &mut named);
            named
                .iter()
                .filter_map(|&g| index.get(g).copied())
                .collect()
        })
        .collect();
    let component = crate::graph::strongly_connected_components(&edges);
    let mut taken: BTreeSet<QName> = schema.types.iter().filter_map(|t| t.name.clone()).collect();
    for (position, (group, particles)) in schema.groups.iter_mut().enumerate() {
        let holds_group_again = |named: &[&QName]| {
            named
                .iter()
                .filter_map(|&g| index.get(g))
                .any(|&other| component[other] == component[position])
        };
        let mut hoisted = Vec::new();
        for_each_element(particles, &mut |element| {
            let TypeRef::Anonymous(def) = &element.type_ref else {
                return;
            };
            let TypeKind::Complex(complex) = &def.kind else {
                return;
            };
            let mut named = Vec::new();
            named_groups(&complex.particles, &mut named);
            if !holds_group_again(&named) {
                return;
            }
            let mut name = QName::new(&group.ns, format!("{}.{}", group.local, element.name.local));
            while taken.contains(&name) {
                name.local.push('_');
            }
            taken.insert(name.clone());
            let documentation = def.documentation.clone().or_else(|| {
                Some(format!(
                    "The anonymous type of element {} in group {}, which holds the group again.",
                    element.name.local, group.local
                ))
            });
            let kind = def.kind.clone();
            element.type_ref = TypeRef::Named(name.clone());
            hoisted.push(TypeDef {
                name: Some(name),
                documentation,
                kind,
                is_abstract: false,
            });
        });
        schema.types.append(&mut hoisted);
    }
}

/// Calls `visit` on each element of `particles`, within choices and sequences (not within
/// the elements' own types).
fn for_each_element(particles: &mut [Particle], visit: &mut impl FnMut(&mut Element)) {
    for particle in particles {
        match particle {
            Particle::Element(element) => visit(element),
            Particle::Choice { alternatives, .. } => for_each_element(alternatives, visit),
            Particle::Sequence { particles, .. } => for_each_element(particles, visit),
            Particle::Any { .. } => {}
        }
    }
}

/// Adds to `out` the groups `particles` reference, within choices, sequences and the
/// elements' anonymous types (not within the groups referenced).
fn named_groups<'p>(particles: &'p [Particle], out: &mut Vec<&'p QName>) {
    for particle in particles {
        match particle {
            Particle::Element(element) => match &element.type_ref {
                type_ref if is_group_marker(type_ref) => out.push(&element.name),
                TypeRef::Anonymous(def) => {
                    if let TypeKind::Complex(complex) = &def.kind {
                        named_groups(&complex.particles, out);
                    }
                }
                _ => {}
            },
            Particle::Choice { alternatives, .. } => named_groups(alternatives, out),
            Particle::Sequence { particles, .. } => named_groups(particles, out),
            Particle::Any { .. } => {}
        }
    }
}

/// The global declarations references point at.
struct Globals {
    /// Names left unresolved in lenient mode (`*` for a whole namespace).
    unresolved: Vec<QName>,
    elements: Vec<Element>,
    attributes: Vec<Attribute>,
    attribute_groups: Vec<(QName, Vec<Attribute>)>,
    groups: Vec<(QName, Vec<Particle>)>,
}

fn resolve_in_type(def: &mut TypeDef, globals: &Globals) {
    let TypeKind::Complex(complex) = &mut def.kind else {
        return;
    };
    complex.particles = resolve_particles(std::mem::take(&mut complex.particles), globals, 0);
    complex.attributes = resolve_attributes(std::mem::take(&mut complex.attributes), globals, 0);
}

/// Group references nest; a cycle is cut at this depth rather than looping.
const MAX_GROUP_DEPTH: usize = 32;

fn resolve_particles(particles: Vec<Particle>, globals: &Globals, depth: usize) -> Vec<Particle> {
    let mut out = Vec::with_capacity(particles.len());
    for particle in particles {
        let mut element = match particle {
            Particle::Element(element) => element,
            Particle::Choice {
                min_occurs,
                max_occurs,
                alternatives,
            } => {
                let alternatives = alternatives
                    .into_iter()
                    .filter_map(|branch| resolve_branch(branch, globals, depth))
                    .collect();
                out.push(Particle::Choice {
                    min_occurs,
                    max_occurs,
                    alternatives,
                });
                continue;
            }
            Particle::Sequence { group, particles } => {
                out.push(Particle::Sequence {
                    group,
                    particles: resolve_particles(particles, globals, depth),
                });
                continue;
            }
            other => {
                out.push(other);
                continue;
            }
        };
        match &mut element.type_ref {
            TypeRef::Named(marker) if marker.ns == GROUP_MARKER => {
                let Some((_, group)) = globals
                    .groups
                    .iter()
                    .find(|(name, _)| *name == element.name)
                else {
                    continue;
                };
                if depth >= MAX_GROUP_DEPTH {
                    continue;
                }
                let mut inner = resolve_particles(group.clone(), globals, depth + 1);
                // An optional group makes everything in it optional.
                if element.min_occurs == 0 {
                    make_optional(&mut inner);
                }
                out.extend(inner);
                continue;
            }
            TypeRef::Named(marker)
                if marker.ns == REF_MARKER
                    && (element.name.ns == XSD_NS || globals.is_unresolved(&element.name)) =>
            {
                // `ref="s:schema"`: an inline schema, kept as raw XML like `xsd:any`.
                out.push(Particle::Any {
                    min_occurs: element.min_occurs,
                    max_occurs: element.max_occurs,
                });
                continue;
            }
            TypeRef::Named(marker) if marker.ns == REF_MARKER => {
                if let Some(global) = globals.elements.iter().find(|g| g.name == element.name) {
                    element.type_ref = match &global.type_ref {
                        TypeRef::Anonymous(_) => TypeRef::OfElement(global.name.clone()),
                        named => named.clone(),
                    };
                    element.nillable = global.nillable;
                    if element.documentation.is_none() {
                        element.documentation = global.documentation.clone();
                    }
                }
            }
            TypeRef::Anonymous(inner) => resolve_in_type(inner, globals),
            TypeRef::Named(_) | TypeRef::OfElement(_) => {}
        }
        out.push(Particle::Element(element));
    }
    out
}

/// One alternative of a choice, resolved: a group reference becomes a sequence of the
/// group's particles (the group is one alternative, not several); `None` for a reference
/// to nothing (lenient mode) or a group nested too deep.
fn resolve_branch(branch: Particle, globals: &Globals, depth: usize) -> Option<Particle> {
    let group = match &branch {
        Particle::Element(element) if is_group_marker(&element.type_ref) => {
            Some(element.name.clone())
        }
        _ => None,
    };
    let mut resolved = resolve_particles(vec![branch], globals, depth);
    match (group, resolved.len()) {
        (None, 1) => resolved.pop(),
        (None, _) => None,
        (Some(_), 0) => None,
        (Some(group), _) => Some(Particle::Sequence {
            group: Some(group),
            particles: resolved,
        }),
    }
}

/// Whether a sequence or group reference may occur more than once.
fn is_repeated(node: &Node) -> bool {
    node.attr("maxOccurs").is_some_and(|m| m.trim() != "1")
}

fn is_group_marker(type_ref: &TypeRef) -> bool {
    matches!(type_ref, TypeRef::Named(marker) if marker.ns == GROUP_MARKER)
}

/// Makes every element of `particles` optional (their sequence may be left out).
fn make_optional(particles: &mut [Particle]) {
    for particle in particles {
        match particle {
            Particle::Element(element) => element.min_occurs = 0,
            Particle::Choice { min_occurs, .. } | Particle::Any { min_occurs, .. } => {
                *min_occurs = 0
            }
            Particle::Sequence { particles, .. } => make_optional(particles),
        }
    }
}

fn resolve_attributes(
    attributes: Vec<Attribute>,
    globals: &Globals,
    depth: usize,
) -> Vec<Attribute> {
    let mut out = Vec::with_capacity(attributes.len());
    for mut attribute in attributes {
        match attribute.type_name.ns.as_str() {
            GROUP_MARKER => {
                if depth < MAX_GROUP_DEPTH
                    && let Some((_, group)) = globals
                        .attribute_groups
                        .iter()
                        .find(|(name, _)| *name == attribute.name)
                {
                    out.extend(resolve_attributes(group.clone(), globals, depth + 1));
                }
            }
            REF_MARKER if attribute.name.ns == XML_NS || globals.is_unresolved(&attribute.name) => {
                attribute.type_name = QName::new(XSD_NS, "string");
                out.push(attribute);
            }
            REF_MARKER => {
                if let Some(global) = globals.attributes.iter().find(|g| g.name == attribute.name) {
                    attribute.type_name = global.type_name.clone();
                    attribute.inline_type = global.inline_type.clone();
                    if attribute.documentation.is_none() {
                        attribute.documentation = global.documentation.clone();
                    }
                    out.push(attribute);
                }
            }
            _ => out.push(attribute),
        }
    }
    out
}

/// Whether a boolean attribute's value is true (`true` or `1`).
fn is_true(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("true" | "1"))
}

/// The text of `annotation/documentation` (or a WSDL `documentation`), trimmed.
pub fn documentation(node: &Node) -> Option<String> {
    let text: Vec<String> = node
        .children
        .iter()
        .filter(|c| c.local == "annotation")
        .flat_map(|a| a.children.iter().filter(|c| c.local == "documentation"))
        .chain(node.children.iter().filter(|c| c.local == "documentation"))
        .map(|d| d.text.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if text.is_empty() {
        None
    } else {
        Some(text.join("\n\n"))
    }
}
