//! Where each global element and named type is used: by which operations' requests and
//! responses, found by walking each bound operation's messages through the schema.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    ComplexType, Definitions, Element, Particle, QName, Schema, TypeDef, TypeKind, TypeRef,
    Variety, XSD_NS,
};

/// A global schema component.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Global {
    /// A global element.
    Element(QName),
    /// A named type.
    Type(QName),
}

/// Operations using each global component: `(in requests, in responses)`.
#[derive(Debug, Default)]
pub struct Usage {
    uses: BTreeMap<Global, (BTreeSet<String>, BTreeSet<String>)>,
}

impl Usage {
    /// Walks every operation of every SOAP binding of `defs`.
    pub fn of(defs: &Definitions) -> Self {
        let index = Index::of(&defs.schema);
        let mut usage = Usage::default();
        for binding in &defs.bindings {
            let port_type = defs.port_types.iter().find(|p| p.name == binding.port_type);
            for bound in &binding.operations {
                let Some(operation) =
                    port_type.and_then(|p| p.operations.iter().find(|o| o.name == bound.name))
                else {
                    continue;
                };
                let faults = operation.faults.iter().map(|(_, m)| m);
                let request = operation.input.iter();
                let response = operation.output.iter().chain(faults);
                let request_roots = message_roots(defs, request);
                let response_roots = message_roots(defs, response);
                for (roots, is_response) in [(request_roots, false), (response_roots, true)] {
                    for global in index.reachable(roots) {
                        let entry = usage.uses.entry(global).or_default();
                        let ops = if is_response {
                            &mut entry.1
                        } else {
                            &mut entry.0
                        };
                        ops.insert(operation.name.clone());
                    }
                }
            }
        }
        usage
    }

    /// The operations whose requests, and whose responses, use `global`.
    pub fn of_global(&self, global: &Global) -> (Vec<String>, Vec<String>) {
        self.uses
            .get(global)
            .map(|(req, resp)| {
                (
                    req.iter().cloned().collect(),
                    resp.iter().cloned().collect(),
                )
            })
            .unwrap_or_default()
    }
}

/// The elements and types the parts of `messages` name.
fn message_roots<'a>(defs: &Definitions, messages: impl Iterator<Item = &'a QName>) -> Vec<Global> {
    messages
        .filter_map(|name| defs.messages.iter().find(|m| &m.name == name))
        .flat_map(|m| &m.parts)
        .filter_map(|part| match (&part.element, &part.type_name) {
            (Some(element), _) => Some(Global::Element(element.clone())),
            (None, Some(type_name)) => Some(Global::Type(type_name.clone())),
            (None, None) => None,
        })
        .collect()
}

/// The schema's globals by name, and what may stand in for each: an element's
/// substitution group members, a type's derived types (`xsi:type`).
struct Index<'s> {
    elements: BTreeMap<&'s QName, &'s Element>,
    types: BTreeMap<&'s QName, &'s TypeDef>,
    substitutes: BTreeMap<&'s QName, Vec<&'s QName>>,
    derived: BTreeMap<&'s QName, Vec<&'s QName>>,
}

impl<'s> Index<'s> {
    fn of(schema: &'s Schema) -> Self {
        let mut substitutes: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for element in &schema.elements {
            if let Some(head) = &element.substitution_group {
                substitutes.entry(head).or_default().push(&element.name);
            }
        }
        let mut derived: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for def in &schema.types {
            if let (
                Some(name),
                TypeKind::Complex(ComplexType {
                    base: Some(base), ..
                }),
            ) = (&def.name, &def.kind)
            {
                derived.entry(base).or_default().push(name);
            }
        }
        Self {
            elements: schema.elements.iter().map(|e| (&e.name, e)).collect(),
            types: schema
                .types
                .iter()
                .filter_map(|t| Some((t.name.as_ref()?, t)))
                .collect(),
            substitutes,
            derived,
        }
    }

    /// Every global component reachable from `roots`, each once.
    fn reachable(&self, roots: Vec<Global>) -> BTreeSet<Global> {
        let mut seen = BTreeSet::new();
        let mut pending = roots;
        while let Some(global) = pending.pop() {
            if matches!(&global, Global::Type(name) if name.ns == XSD_NS) || seen.contains(&global)
            {
                continue;
            }
            let others = match &global {
                Global::Element(name) => {
                    if let Some(element) = self.elements.get(name) {
                        type_ref_refs(&element.type_ref, &mut pending);
                    }
                    self.substitutes.get(name).map(|m| (m, true))
                }
                Global::Type(name) => {
                    if let Some(def) = self.types.get(name) {
                        type_def_refs(def, &mut pending);
                    }
                    self.derived.get(name).map(|d| (d, false))
                }
            };
            if let Some((names, are_elements)) = others {
                pending.extend(names.iter().map(|&n| match are_elements {
                    true => Global::Element(n.clone()),
                    false => Global::Type(n.clone()),
                }));
            }
            seen.insert(global);
        }
        seen
    }
}

fn type_ref_refs(type_ref: &TypeRef, out: &mut Vec<Global>) {
    match type_ref {
        TypeRef::Named(name) => out.push(Global::Type(name.clone())),
        TypeRef::OfElement(name) => out.push(Global::Element(name.clone())),
        TypeRef::Anonymous(def) => type_def_refs(def, out),
    }
}

fn type_def_refs(def: &TypeDef, out: &mut Vec<Global>) {
    match &def.kind {
        TypeKind::Complex(complex) => complex_refs(complex, out),
        TypeKind::Simple(simple) => {
            out.push(Global::Type(simple.base.clone()));
            if let Variety::List(item) = &simple.variety {
                type_ref_refs(item, out);
            }
        }
    }
}

fn complex_refs(complex: &ComplexType, out: &mut Vec<Global>) {
    let named = [
        &complex.base,
        &complex.restricts,
        &complex.simple_content,
        &complex.soap_array_item,
    ];
    out.extend(named.into_iter().flatten().cloned().map(Global::Type));
    let element_refs = |e: &Element, out: &mut Vec<Global>| type_ref_refs(&e.type_ref, out);
    for particle in &complex.particles {
        match particle {
            Particle::Element(e) => element_refs(e, out),
            Particle::Choice { .. } | Particle::Sequence { .. } => particle
                .elements()
                .into_iter()
                .for_each(|e| element_refs(e, out)),
            Particle::Any { .. } => {}
        }
    }
    out.extend(
        complex
            .attributes
            .iter()
            .map(|a| Global::Type(a.type_name.clone())),
    );
}
