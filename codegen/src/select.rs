//! The operation filter: keeps only the named operations of a parsed service and what
//! they reach, so a client for a few operations of a big service stays small.
//!
//! Reached, transitively: the operations' messages (input, output, faults, SOAP headers),
//! their parts' elements and types; an element's type and the members of its
//! substitution group; a type's bases (extension, restriction, simple content), its
//! elements, attributes, list items and array items, and the types derived from it (a
//! value of a derived type may stand where it is expected, named by `xsi:type`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::model::{
    Attribute, Definitions, Element, GlobalName, Particle, QName, TypeDef, TypeKind, TypeRef,
    Variety,
};

/// Keeps in `defs` only the operations named in `wanted` (by local name, in every port
/// type that has one) and what they reach. A name no port type has is an
/// [`ErrorKind::UnknownOperation`] error, naming the operations there are; `wsdl` is named
/// in it.
pub fn keep_operations(
    defs: &mut Definitions,
    wanted: &[String],
    wsdl: &Path,
) -> Result<(), Error> {
    let available: BTreeSet<&str> = defs
        .port_types
        .iter()
        .flat_map(|p| &p.operations)
        .map(|o| o.name.as_str())
        .collect();
    let unknown: Vec<&str> = wanted
        .iter()
        .map(String::as_str)
        .filter(|name| !available.contains(name))
        .collect();
    if !unknown.is_empty() {
        let available: Vec<&str> = available.into_iter().collect();
        return Err(Error {
            kind: ErrorKind::UnknownOperation,
            file: wsdl.to_owned(),
            line: 0,
            column: 0,
            message: format!(
                "no operation named {}; the operations are: {}",
                quoted(&unknown),
                quoted(&available)
            ),
        });
    }
    let wanted: BTreeSet<&str> = wanted.iter().map(String::as_str).collect();
    drop_other_operations(defs, &wanted);
    let messages = reached_messages(defs);
    defs.messages.retain(|m| messages.contains(&m.name));
    let Reach {
        types, elements, ..
    } = Reach::from_messages(defs);
    defs.schema.elements.retain(|e| elements.contains(&e.name));
    defs.schema
        .types
        .retain(|t| t.name.as_ref().is_none_or(|n| types.contains(n)));
    // Notes about parts of what was dropped would name code that is not generated.
    defs.degraded.retain(|part| match &part.owner {
        Some(GlobalName::Element(name)) => elements.contains(name),
        Some(GlobalName::Type(name)) => types.contains(name),
        None => true,
    });
    Ok(())
}

/// `a`, `b` as "`a`, `b`".
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// Removes the operations not wanted from port types and bindings, then port types left
/// with none, their bindings, ports of those bindings and services left with no port.
fn drop_other_operations(defs: &mut Definitions, wanted: &BTreeSet<&str>) {
    for port_type in &mut defs.port_types {
        port_type
            .operations
            .retain(|o| wanted.contains(o.name.as_str()));
    }
    defs.port_types.retain(|p| !p.operations.is_empty());
    let port_types: BTreeSet<QName> = defs.port_types.iter().map(|p| p.name.clone()).collect();
    for binding in &mut defs.bindings {
        binding
            .operations
            .retain(|o| wanted.contains(o.name.as_str()));
    }
    defs.bindings
        .retain(|b| port_types.contains(&b.port_type) && !b.operations.is_empty());
    let bindings: BTreeSet<QName> = defs.bindings.iter().map(|b| b.name.clone()).collect();
    for service in &mut defs.services {
        service.ports.retain(|p| bindings.contains(&p.binding));
    }
    defs.services.retain(|s| !s.ports.is_empty());
}

/// The messages the remaining operations and their bound headers use.
fn reached_messages(defs: &Definitions) -> BTreeSet<QName> {
    let abstract_ops = defs.port_types.iter().flat_map(|p| &p.operations);
    let bodies = abstract_ops.flat_map(|o| {
        let faults = o.faults.iter().map(|(_, m)| m);
        o.input.iter().chain(o.output.iter()).chain(faults)
    });
    let headers = defs
        .bindings
        .iter()
        .flat_map(|b| &b.operations)
        .flat_map(|o| o.input_headers.iter().chain(&o.output_headers))
        .map(|h| &h.message);
    bodies.chain(headers).cloned().collect()
}

/// The global elements and named types reached from the messages, found with a work list
/// (each name is visited once, so the walk is linear in the schema).
struct Reach<'d> {
    types_by_name: BTreeMap<&'d QName, &'d TypeDef>,
    elements_by_name: BTreeMap<&'d QName, &'d Element>,
    /// Type → the types deriving from it.
    derived: BTreeMap<&'d QName, Vec<&'d QName>>,
    /// Substitution group head → its members.
    members: BTreeMap<&'d QName, Vec<&'d QName>>,
    types: BTreeSet<QName>,
    elements: BTreeSet<QName>,
    work: Vec<Item<'d>>,
}

enum Item<'d> {
    Type(&'d QName),
    Element(&'d QName),
}

impl<'d> Reach<'d> {
    fn from_messages(defs: &'d Definitions) -> Self {
        let mut derived: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for def in &defs.schema.types {
            if let (Some(name), TypeKind::Complex(complex)) = (&def.name, &def.kind) {
                let bases = [&complex.base, &complex.restricts, &complex.simple_content];
                for base in bases.into_iter().flatten() {
                    derived.entry(base).or_default().push(name);
                }
            }
        }
        let mut members: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for element in &defs.schema.elements {
            if let Some(head) = &element.substitution_group {
                members.entry(head).or_default().push(&element.name);
            }
        }
        let mut reach = Reach {
            types_by_name: defs
                .schema
                .types
                .iter()
                .filter_map(|t| t.name.as_ref().map(|n| (n, t)))
                .collect(),
            elements_by_name: defs.schema.elements.iter().map(|e| (&e.name, e)).collect(),
            derived,
            members,
            types: BTreeSet::new(),
            elements: BTreeSet::new(),
            work: Vec::new(),
        };
        for part in defs.messages.iter().flat_map(|m| &m.parts) {
            if let Some(element) = &part.element {
                reach.work.push(Item::Element(element));
            }
            if let Some(type_name) = &part.type_name {
                reach.work.push(Item::Type(type_name));
            }
        }
        while let Some(item) = reach.work.pop() {
            match item {
                Item::Type(name) => reach.visit_type(name),
                Item::Element(name) => reach.visit_element(name),
            }
        }
        reach
    }

    fn visit_type(&mut self, name: &'d QName) {
        if !self.types.insert(name.clone()) {
            return;
        }
        if let Some(derived) = self.derived.get(name) {
            self.work.extend(derived.iter().map(|d| Item::Type(d)));
        }
        if let Some(def) = self.types_by_name.get(name) {
            self.type_def(def);
        }
    }

    fn visit_element(&mut self, name: &'d QName) {
        if !self.elements.insert(name.clone()) {
            return;
        }
        if let Some(members) = self.members.get(name) {
            self.work.extend(members.iter().map(|m| Item::Element(m)));
        }
        if let Some(element) = self.elements_by_name.get(name) {
            if let Some(head) = &element.substitution_group {
                self.work.push(Item::Element(head));
            }
            self.type_ref(&element.type_ref);
        }
    }

    fn type_ref(&mut self, type_ref: &'d TypeRef) {
        match type_ref {
            TypeRef::Named(name) => self.work.push(Item::Type(name)),
            TypeRef::OfElement(name) => self.work.push(Item::Element(name)),
            TypeRef::Anonymous(def) => self.type_def(def),
        }
    }

    /// What a type definition, named or anonymous, refers to.
    fn type_def(&mut self, def: &'d TypeDef) {
        match &def.kind {
            TypeKind::Simple(simple) => {
                self.work.push(Item::Type(&simple.base));
                if let Variety::List(item) = &simple.variety {
                    self.type_ref(item);
                }
            }
            TypeKind::Complex(complex) => {
                let named = [
                    &complex.base,
                    &complex.restricts,
                    &complex.simple_content,
                    &complex.soap_array_item,
                ];
                self.work
                    .extend(named.into_iter().flatten().map(Item::Type));
                for particle in &complex.particles {
                    self.particle(particle);
                }
                self.attributes(&complex.attributes);
            }
        }
    }

    fn particle(&mut self, particle: &'d Particle) {
        match particle {
            Particle::Element(element) => self.local_element(element),
            Particle::Choice {
                alternatives: particles,
                ..
            }
            | Particle::Sequence { particles, .. } => {
                for particle in particles {
                    self.particle(particle);
                }
            }
            Particle::Any { .. } => {}
        }
    }

    /// A local element (or a resolved reference to a global one, which keeps the global
    /// one's name): its type, and the global element of that name with its substitutes.
    fn local_element(&mut self, element: &'d Element) {
        if self.elements_by_name.contains_key(&element.name) {
            self.work.push(Item::Element(&element.name));
        }
        self.type_ref(&element.type_ref);
    }

    fn attributes(&mut self, attributes: &'d [Attribute]) {
        self.work
            .extend(attributes.iter().map(|a| Item::Type(&a.type_name)));
    }
}
