//! Definitions that depend on themselves: a type deriving from itself (through any chain
//! of extensions, restrictions, simple-type bases and list items), a model group or
//! attribute group containing itself, an element in its own substitution group. Such a
//! schema has no meaning, and flattening it would never end, so it is refused where the
//! closing reference is written. Recursion through an element (a type holding an element
//! of its own type) is not a cycle here: it becomes a boxed field.

use std::collections::BTreeMap;

use crate::error::{Error, ErrorKind};
use crate::model::QName;

use super::dom::Document;
use super::schema::RefKind;

/// A global schema component, by kind and name.
pub type Component = (RefKind, QName);

/// One definition needing another to be complete: `from` is defined in terms of `to`.
pub struct Dependency {
    /// The component being defined.
    pub from: Component,
    /// The component it is defined in terms of.
    pub to: Component,
    /// How, in words (`extends`, `contains the group`, …).
    pub relation: &'static str,
    /// Where the reference is written.
    pub offset: usize,
}

/// Refuses the first cycle among `dependencies` (each with the index of its document in
/// `docs`), located at the reference that closes it. Linear in the number of dependencies.
pub fn check(docs: &[Document], dependencies: &[(usize, Dependency)]) -> Result<(), Error> {
    let mut outgoing: BTreeMap<&Component, Vec<usize>> = BTreeMap::new();
    for (index, (_, dependency)) in dependencies.iter().enumerate() {
        outgoing.entry(&dependency.from).or_default().push(index);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        OnPath,
        Done,
    }
    let mut state: BTreeMap<&Component, State> = BTreeMap::new();
    let starts: Vec<&Component> = outgoing.keys().copied().collect();
    for start in starts {
        if state.contains_key(start) {
            continue;
        }
        // Iterative depth-first search: a chain of thousands of derivations must not
        // overflow the stack. Each frame is a component and the next edge to follow.
        let mut path: Vec<(&Component, usize)> = vec![(start, 0)];
        let mut via: Vec<usize> = Vec::new();
        state.insert(start, State::OnPath);
        while let Some((component, next)) = path.last_mut() {
            let edges = outgoing.get(*component).map_or(&[][..], Vec::as_slice);
            let Some(&edge) = edges.get(*next) else {
                state.insert(*component, State::Done);
                path.pop();
                via.pop();
                continue;
            };
            *next += 1;
            let target = &dependencies[edge].1.to;
            match state.get(target) {
                Some(State::Done) => {}
                Some(State::OnPath) => {
                    let first = path.iter().position(|(c, _)| *c == target).unwrap_or(0);
                    via.push(edge);
                    let chain = &via[first..];
                    return Err(cycle_error(docs, dependencies, chain));
                }
                None => {
                    state.insert(target, State::OnPath);
                    via.push(edge);
                    path.push((target, 0));
                }
            }
        }
    }
    Ok(())
}

/// How many steps of a long cycle its message names, first and last, with a count of
/// the rest between them: a cycle through 20,000 types would otherwise make a 1 MB message.
const STEPS_SHOWN: usize = 4;

/// The error for the cycle made of `chain` (edge indices, in order), at its last edge.
fn cycle_error(docs: &[Document], dependencies: &[(usize, Dependency)], chain: &[usize]) -> Error {
    let first = &dependencies[chain[0]].1;
    let mut words = format!("{} `{}`", kind_name(first.from.0), first.from.1);
    for (n, &edge) in chain.iter().enumerate() {
        let omitted = chain.len().saturating_sub(2 * STEPS_SHOWN);
        if omitted > 0 && n == STEPS_SHOWN {
            words.push_str(&format!(", … ({omitted} more steps) …"));
        }
        if omitted > 0 && (STEPS_SHOWN..STEPS_SHOWN + omitted).contains(&n) {
            continue;
        }
        let dependency = &dependencies[edge].1;
        if n > 0 {
            words.push_str(", which");
        }
        words.push_str(&format!(" {} `{}`", dependency.relation, dependency.to.1));
    }
    let (doc, last) = &dependencies[chain[chain.len() - 1]];
    docs[*doc].error_at(
        last.offset,
        ErrorKind::Cycle,
        format!("{words}: a definition cannot depend on itself"),
    )
}

fn kind_name(kind: RefKind) -> &'static str {
    match kind {
        RefKind::Type => "type",
        RefKind::Element => "element",
        RefKind::Attribute => "attribute",
        RefKind::AttributeGroup => "attribute group",
        RefKind::Group => "group",
    }
}
