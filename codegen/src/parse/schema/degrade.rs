//! Local degradation (opt-in): a construct the generator cannot model yet turns only the
//! smallest enclosing particle, or failing that its type, into raw XML, with a note naming
//! it and its place, instead of failing the whole service.

use crate::error::{Error, ErrorKind};
use crate::model::{
    ComplexType, DegradedPart, Element, MaxOccurs, Particle, QName, TypeRef, XSD_NS,
};

use super::{Node, SchemaReader};

/// How far the reader's side lists had grown before a part was read, so that what a
/// refused part recorded (references, cycle edges, imports) can be forgotten with it.
pub(super) struct Checkpoint {
    pending: usize,
    dependencies: usize,
    imports: usize,
}

/// The prefix of every note about a degraded construct: tests and tools look for it.
pub const DEGRADED_NOTE: &str = "degraded to raw XML";

impl SchemaReader<'_> {
    /// Reads the particle `child` into `particles`; with degradation on, a particle that
    /// is (or contains) an unsupported construct becomes raw XML instead: an element keeps
    /// its name and occurrences and gets the type `xs:anyType`; a group, sequence or
    /// choice becomes `xsd:any` (any number of elements, kept whole).
    pub(super) fn particle_or_raw(
        &mut self,
        child: &Node,
        particles: &mut Vec<Particle>,
    ) -> Result<(), Error> {
        let (checkpoint, before) = (self.checkpoint(), particles.len());
        self.path.push(describe(child));
        let read = self.model_group_item(child, particles);
        let result = match read {
            Err(error) if self.degrades(&error) => {
                self.rollback(checkpoint);
                particles.truncate(before);
                let raw = self.raw_particle(child)?;
                self.note_degraded(&error);
                particles.push(raw);
                Ok(())
            }
            other => other,
        };
        self.path.pop();
        result
    }

    /// `complex_type(node)`; with degradation on, a global type whose own parts (not its
    /// particles, which degrade alone) are unsupported becomes a type whose whole content
    /// is kept as raw XML. An anonymous type is not caught here: its element degrades.
    pub(super) fn complex_type_or_raw(&mut self, node: &Node) -> Result<ComplexType, Error> {
        let checkpoint = self.checkpoint();
        let global = self.path.len() == 1;
        match self.complex_type(node) {
            Err(error) if global && self.degrades(&error) => {
                self.rollback(checkpoint);
                self.note_degraded(&error);
                Ok(ComplexType {
                    mixed: true,
                    ..ComplexType::default()
                })
            }
            other => other,
        }
    }

    fn degrades(&self, error: &Error) -> bool {
        self.degrade && error.kind == ErrorKind::Unsupported
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            pending: self.pending.len(),
            dependencies: self.dependencies.len(),
            imports: self.imports.len(),
        }
    }

    fn rollback(&mut self, checkpoint: Checkpoint) {
        self.pending.truncate(checkpoint.pending);
        self.dependencies.truncate(checkpoint.dependencies);
        self.imports.truncate(checkpoint.imports);
    }

    /// What stands for the refused particle `node`.
    fn raw_particle(&mut self, node: &Node) -> Result<Particle, Error> {
        let name = match (node.local.as_str(), node.attr("name"), node.attr("ref")) {
            ("element", Some(local), _) => {
                let qualified = match node.attr("form") {
                    Some(form) => form == "qualified",
                    None => self.elements_qualified,
                };
                let ns = if qualified {
                    self.target_ns.as_str()
                } else {
                    ""
                };
                Some(QName::new(ns, local))
            }
            ("element", None, Some(reference)) => Some(self.qname(node, reference)?),
            _ => None,
        };
        let Some(name) = name else {
            return Ok(any_content());
        };
        Ok(Particle::Element(Element {
            name,
            type_ref: TypeRef::Named(QName::new(XSD_NS, "anyType")),
            min_occurs: self.occurs(node, "minOccurs")?,
            max_occurs: self.max_occurs(node)?,
            nillable: false,
            documentation: super::documentation(node),
            substitution_group: None,
            is_abstract: false,
        }))
    }

    /// Records which part was degraded, by schema path and by file:line:column.
    fn note_degraded(&mut self, error: &Error) {
        let path = self.path.join(" / ");
        self.degraded.push(DegradedPart {
            owner: self.global.clone(),
            note: format!("{DEGRADED_NOTE}: {path} ({error})"),
        });
    }
}

/// Any number of any elements, kept whole.
fn any_content() -> Particle {
    Particle::Any {
        min_occurs: 0,
        max_occurs: MaxOccurs::Unbounded,
    }
}

/// A schema path step for `node`: `element order`, `xsd:choice`, `group ref=g:Items`.
fn describe(node: &Node) -> String {
    match (node.attr("name"), node.attr("ref")) {
        (Some(name), _) => format!("{} `{name}`", node.local),
        (None, Some(reference)) => format!("{} ref `{reference}`", node.local),
        (None, None) => format!("xsd:{}", node.local),
    }
}
