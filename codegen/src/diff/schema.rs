//! Changes in the schemas: global elements and named types matched by name (or, when
//! only the namespace changed, by local name), their content compared element by
//! element, attribute by attribute, value by value.

use std::collections::{BTreeMap, BTreeSet};

use super::builtin::{Relation, relation};
use super::usage::Global;
use super::{BreaksWhen, Fact, Owner, show};
use crate::emit::names::field_name;
use crate::emit::plan::builtin_type;
use crate::model::{
    Attribute, ComplexType, Element, MaxOccurs, Particle, QName, Schema, SimpleType, TypeDef,
    TypeKind, TypeRef, Variety, XSD_NS,
};

/// Adds the changes from `old` to `new` to `facts`.
pub fn compare(old: &Schema, new: &Schema, facts: &mut Vec<Fact>) {
    let old_elements = index(old.elements.iter().map(|e| (&e.name, e)));
    let new_elements = index(new.elements.iter().map(|e| (&e.name, e)));
    let old_types = index(old.types.iter().filter_map(|t| Some((t.name.as_ref()?, t))));
    let new_types = index(new.types.iter().filter_map(|t| Some((t.name.as_ref()?, t))));
    let mut cx = Comparer {
        old_types: &old_types,
        new_types: &new_types,
        facts,
        owner: Owner::Service,
    };
    for (old_name, new_name) in pair_globals(&old_elements, &new_elements, &mut cx, "element") {
        cx.owner = Owner::Schema {
            old: Global::Element(old_name.clone()),
            new: Global::Element(new_name.clone()),
        };
        let location = format!("element {}", show(new_name));
        cx.element(old_elements[old_name], new_elements[new_name], &location);
    }
    for (old_name, new_name) in pair_globals(&old_types, &new_types, &mut cx, "type") {
        cx.owner = Owner::Schema {
            old: Global::Type(old_name.clone()),
            new: Global::Type(new_name.clone()),
        };
        let location = format!("type {}", show(new_name));
        cx.type_def(old_types[old_name], new_types[new_name], &location);
    }
}

fn index<'s, T>(items: impl Iterator<Item = (&'s QName, &'s T)>) -> BTreeMap<&'s QName, &'s T> {
    items.collect()
}

/// Pairs the globals of `old` and `new` that are the same thing: the same name, or the
/// same local name in another namespace (recorded as a namespace change). Records the
/// others as added or removed.
fn pair_globals<'s, T>(
    old: &BTreeMap<&'s QName, &'s T>,
    new: &BTreeMap<&'s QName, &'s T>,
    cx: &mut Comparer,
    what: &'static str,
) -> Vec<(&'s QName, &'s QName)> {
    let global = |name: &QName| match what {
        "element" => Global::Element(name.clone()),
        _ => Global::Type(name.clone()),
    };
    let mut pairs = Vec::new();
    let mut unmatched_new: BTreeMap<&str, Vec<&QName>> = BTreeMap::new();
    for name in new.keys().filter(|n| !old.contains_key(*n)) {
        unmatched_new.entry(&name.local).or_default().push(name);
    }
    let mut renamed: BTreeSet<&QName> = BTreeSet::new();
    for &name in old.keys() {
        if new.contains_key(name) {
            pairs.push((name, name));
            continue;
        }
        let moved = unmatched_new
            .get_mut(name.local.as_str())
            .and_then(|candidates| candidates.pop());
        cx.owner = Owner::Schema {
            old: global(name),
            new: global(moved.unwrap_or(name)),
        };
        match moved {
            Some(moved) => {
                renamed.insert(moved);
                pairs.push((name, moved));
                // An element's name is on the wire; a type's is not (its elements are
                // compared, and report their own namespace).
                let (note, breaks) = match what {
                    "element" => ("", BreaksWhen::ALWAYS),
                    _ => (" (type names are not on the wire)", BreaksWhen::NEVER),
                };
                cx.fact(
                    "namespace-changed",
                    format!("{what} {}", show(moved)),
                    format!(
                        "namespace changes from `{}` to `{}`{note}",
                        name.ns, moved.ns
                    ),
                    "none; the namespace constant changes".to_owned(),
                    breaks,
                );
            }
            None => cx.fact(
                REMOVED[usize::from(what == "type")],
                format!("{what} {}", show(name)),
                format!("{what} removed"),
                format!("the Rust type generated for `{}` goes away", name.local),
                BreaksWhen::NEVER,
            ),
        }
    }
    for &name in new.keys() {
        if old.contains_key(name) || renamed.contains(name) {
            continue;
        }
        cx.owner = Owner::Schema {
            old: global(name),
            new: global(name),
        };
        cx.fact(
            ADDED[usize::from(what == "type")],
            format!("{what} {}", show(name)),
            format!("{what} added"),
            format!("a Rust type is generated for `{}`", name.local),
            BreaksWhen::NEVER,
        );
    }
    pairs
}

/// Codes of a removed / added global element (`[false]`) or type (`[true]`).
const REMOVED: [&str; 2] = ["global-element-removed", "global-type-removed"];
const ADDED: [&str; 2] = ["global-element-added", "global-type-added"];

/// Compares schema content, recording facts for the global being compared.
struct Comparer<'a, 's> {
    old_types: &'a BTreeMap<&'s QName, &'s TypeDef>,
    new_types: &'a BTreeMap<&'s QName, &'s TypeDef>,
    facts: &'a mut Vec<Fact>,
    owner: Owner,
}

impl Comparer<'_, '_> {
    fn fact(
        &mut self,
        code: &'static str,
        location: String,
        message: String,
        rust: String,
        breaks_when: BreaksWhen,
    ) {
        self.facts.push(Fact {
            owner: self.owner.clone(),
            code,
            location,
            message,
            rust,
            breaks_when,
        });
    }

    /// Compares two declarations of the same element at `location`.
    fn element(&mut self, old: &Element, new: &Element, location: &str) {
        let field = field_name(&new.name.local);
        let (was_optional, is_optional) = (old.min_occurs == 0, new.min_occurs == 0);
        if old.min_occurs != new.min_occurs {
            let (rust, breaks) = match (was_optional, is_optional) {
                (true, false) => (
                    format!("field `{field}` is no longer an `Option`"),
                    BreaksWhen::SENT,
                ),
                (false, true) => (
                    format!("field `{field}` becomes an `Option`"),
                    BreaksWhen::RECEIVED,
                ),
                _ if new.min_occurs > old.min_occurs => ("none".to_owned(), BreaksWhen::SENT),
                _ => ("none".to_owned(), BreaksWhen::RECEIVED),
            };
            let message = format!(
                "minOccurs changes from {} to {}{}",
                old.min_occurs,
                new.min_occurs,
                match (was_optional, is_optional) {
                    (true, false) => ": now required",
                    (false, true) => ": now optional",
                    _ => "",
                }
            );
            self.fact(
                "min-occurs-changed",
                location.to_owned(),
                message,
                rust,
                breaks,
            );
        }
        if old.max_occurs != new.max_occurs {
            let (rust, breaks) = match (old.is_repeated(), new.is_repeated()) {
                (false, true) => (
                    format!("field `{field}` becomes a `Vec`"),
                    BreaksWhen::RECEIVED,
                ),
                (true, false) => (
                    format!("field `{field}` is no longer a `Vec`"),
                    BreaksWhen::SENT,
                ),
                _ if bound(new.max_occurs) < bound(old.max_occurs) => {
                    ("none".to_owned(), BreaksWhen::SENT)
                }
                _ => ("none".to_owned(), BreaksWhen::NEVER),
            };
            let message = format!(
                "maxOccurs changes from {} to {}{}",
                show_max(old.max_occurs),
                show_max(new.max_occurs),
                match (old.is_repeated(), new.is_repeated()) {
                    (false, true) => ": single becomes repeated",
                    (true, false) => ": repeated becomes single",
                    _ => "",
                }
            );
            self.fact(
                "max-occurs-changed",
                location.to_owned(),
                message,
                rust,
                breaks,
            );
        }
        if old.nillable != new.nillable {
            let (message, breaks) = match new.nillable {
                true => ("becomes nillable (`xsi:nil` allowed)", BreaksWhen::RECEIVED),
                false => (
                    "is no longer nillable (`xsi:nil` refused)",
                    BreaksWhen::SENT,
                ),
            };
            self.fact(
                "nillable-changed",
                location.to_owned(),
                message.to_owned(),
                format!("field `{field}` may change between `T` and `Option<T>`"),
                breaks,
            );
        }
        if old.is_abstract != new.is_abstract || old.substitution_group != new.substitution_group {
            self.fact(
                "substitution-changed",
                location.to_owned(),
                "abstract or substitutionGroup changes".to_owned(),
                "the substitution enum changes".to_owned(),
                BreaksWhen::ALWAYS,
            );
        }
        self.documentation(&old.documentation, &new.documentation, location);
        self.type_ref(&old.type_ref, &new.type_ref, location, &field);
    }

    fn documentation(&mut self, old: &Option<String>, new: &Option<String>, location: &str) {
        if old != new {
            self.fact(
                "documentation-changed",
                location.to_owned(),
                "documentation changes".to_owned(),
                "doc comments change".to_owned(),
                BreaksWhen::NEVER,
            );
        }
    }

    /// Compares the types of an element or attribute (Rust field `field`).
    fn type_ref(&mut self, old: &TypeRef, new: &TypeRef, location: &str, field: &str) {
        match (old, new) {
            (TypeRef::Named(a), TypeRef::Named(b)) if a == b => {}
            (TypeRef::OfElement(a), TypeRef::OfElement(b)) if a == b => {}
            // The same type moved to another namespace: paired, and compared, as a global.
            (TypeRef::Named(a), TypeRef::Named(b))
                if a.local == b.local && a.ns != XSD_NS && b.ns != XSD_NS => {}
            (TypeRef::Anonymous(a), TypeRef::Anonymous(b)) => self.type_def(a, b, location),
            _ => {
                let relation = self.values_relation(old, new);
                let (old_name, new_name) = (self.type_name(old), self.type_name(new));
                let (what, breaks) = match relation {
                    Relation::Same => ("renamed, same content", BreaksWhen::NEVER),
                    Relation::Wider => (
                        "wider: it holds every old value and more",
                        BreaksWhen::RECEIVED,
                    ),
                    Relation::Narrower => (
                        "narrower: it holds only some of the old values",
                        BreaksWhen::SENT,
                    ),
                    Relation::Unrelated => ("unrelated", BreaksWhen::ALWAYS),
                };
                let rust = match (rust_builtin(old), rust_builtin(new)) {
                    (Some(a), Some(b)) if a == b => "none".to_owned(),
                    (Some(a), Some(b)) => format!("field `{field}` changes from `{a}` to `{b}`"),
                    _ => format!("field `{field}` takes the type generated for {new_name}"),
                };
                self.fact(
                    "type-changed",
                    location.to_owned(),
                    format!("type changes from {old_name} to {new_name} ({what})"),
                    rust,
                    breaks,
                );
            }
        }
    }

    fn type_name(&self, type_ref: &TypeRef) -> String {
        match type_ref {
            TypeRef::Named(name) if name.ns == XSD_NS => format!("`xs:{}`", name.local),
            TypeRef::Named(name) => format!("`{}`", show(name)),
            TypeRef::OfElement(name) => format!("the type of element `{}`", show(name)),
            TypeRef::Anonymous(_) => "an anonymous type".to_owned(),
        }
    }

    /// How the values of type `new` relate to those of `old`: built-in types along
    /// their derivation tree, simple types by base and enumeration, complex types only
    /// by being identical.
    fn values_relation(&self, old: &TypeRef, new: &TypeRef) -> Relation {
        let (Some(old_def), Some(new_def)) = (self.resolve(old, true), self.resolve(new, false))
        else {
            return match (old, new) {
                (TypeRef::Named(a), TypeRef::Named(b)) if a.ns == XSD_NS && b.ns == XSD_NS => {
                    relation(&a.local, &b.local)
                }
                _ => self.simple_relation(old, new),
            };
        };
        match old_def.kind == new_def.kind {
            true => Relation::Same,
            false => self.simple_relation(old, new),
        }
    }

    /// The definition `type_ref` names (a built-in type has none).
    fn resolve<'t>(&'t self, type_ref: &'t TypeRef, is_old: bool) -> Option<&'t TypeDef> {
        let types = if is_old {
            self.old_types
        } else {
            self.new_types
        };
        match type_ref {
            TypeRef::Named(name) => types.get(name).copied(),
            TypeRef::Anonymous(def) => Some(def),
            TypeRef::OfElement(_) => None,
        }
    }

    /// Relation of two simple value spaces, each a built-in base with perhaps an
    /// enumeration; `Unrelated` for anything complex.
    fn simple_relation(&self, old: &TypeRef, new: &TypeRef) -> Relation {
        let (Some((old_base, old_enum)), Some((new_base, new_enum))) =
            (self.value_space(old, true), self.value_space(new, false))
        else {
            return Relation::Unrelated;
        };
        let bases = relation(&old_base, &new_base);
        match (old_enum, new_enum) {
            (None, None) => bases,
            (None, Some(_)) if matches!(bases, Relation::Same | Relation::Narrower) => {
                Relation::Narrower
            }
            (Some(_), None) if matches!(bases, Relation::Same | Relation::Wider) => Relation::Wider,
            (Some(a), Some(b)) if bases == Relation::Same => {
                match (a.is_subset(&b), b.is_subset(&a)) {
                    (true, true) => Relation::Same,
                    (true, false) => Relation::Wider,
                    (false, true) => Relation::Narrower,
                    (false, false) => Relation::Unrelated,
                }
            }
            _ => Relation::Unrelated,
        }
    }

    /// A simple type's built-in base (local name) and enumerated values, following
    /// named bases a bounded number of steps (definitions may be circular).
    fn value_space(
        &self,
        type_ref: &TypeRef,
        is_old: bool,
    ) -> Option<(String, Option<BTreeSet<String>>)> {
        let mut current = type_ref.clone();
        let mut values: Option<BTreeSet<String>> = None;
        for _ in 0..32 {
            if let TypeRef::Named(name) = &current {
                if name.ns == XSD_NS {
                    return Some((name.local.clone(), values));
                }
            }
            let def = self.resolve(&current, is_old)?;
            let TypeKind::Simple(simple) = &def.kind else {
                return None;
            };
            if !matches!(simple.variety, Variety::Atomic) {
                return None;
            }
            if values.is_none() && !simple.enumerations.is_empty() {
                values = Some(simple.enumerations.iter().cloned().collect());
            }
            current = TypeRef::Named(simple.base.clone());
        }
        None
    }

    /// Compares two definitions of the same type at `location`.
    fn type_def(&mut self, old: &TypeDef, new: &TypeDef, location: &str) {
        self.documentation(&old.documentation, &new.documentation, location);
        if old.is_abstract != new.is_abstract {
            self.fact(
                "abstract-changed",
                location.to_owned(),
                format!(
                    "abstract changes from {} to {}",
                    old.is_abstract, new.is_abstract
                ),
                "the type becomes, or stops being, an enum of its derived types".to_owned(),
                BreaksWhen::ALWAYS,
            );
        }
        match (&old.kind, &new.kind) {
            (TypeKind::Complex(a), TypeKind::Complex(b)) => self.complex(a, b, location),
            (TypeKind::Simple(a), TypeKind::Simple(b)) => self.simple(a, b, location),
            _ => self.fact(
                "content-kind-changed",
                location.to_owned(),
                "changes between simple and complex content".to_owned(),
                "the generated type changes shape".to_owned(),
                BreaksWhen::ALWAYS,
            ),
        }
    }

    fn simple(&mut self, old: &SimpleType, new: &SimpleType, location: &str) {
        if old.variety != new.variety {
            self.fact(
                "variety-changed",
                location.to_owned(),
                "changes between atomic, list and union".to_owned(),
                "the generated type changes shape".to_owned(),
                BreaksWhen::ALWAYS,
            );
            return;
        }
        if old.base != new.base {
            let old_ref = TypeRef::Named(old.base.clone());
            let new_ref = TypeRef::Named(new.base.clone());
            self.type_ref(&old_ref, &new_ref, location, "value");
        }
        let old_values: BTreeSet<&String> = old.enumerations.iter().collect();
        let new_values: BTreeSet<&String> = new.enumerations.iter().collect();
        match (old_values.is_empty(), new_values.is_empty()) {
            (true, true) => {}
            (true, false) => self.fact(
                "enumeration-added",
                location.to_owned(),
                "becomes an enumeration (other values are refused)".to_owned(),
                "an enum is generated".to_owned(),
                BreaksWhen::SENT,
            ),
            (false, true) => self.fact(
                "enumeration-removed",
                location.to_owned(),
                "is no longer an enumeration (any value is allowed)".to_owned(),
                "the enum becomes a plain value".to_owned(),
                BreaksWhen::RECEIVED,
            ),
            (false, false) => {
                for value in new_values.difference(&old_values) {
                    self.fact(
                        "enum-value-added",
                        location.to_owned(),
                        format!("enumeration value `{value}` added"),
                        "a new enum variant".to_owned(),
                        BreaksWhen::RECEIVED,
                    );
                }
                for value in old_values.difference(&new_values) {
                    self.fact(
                        "enum-value-removed",
                        location.to_owned(),
                        format!("enumeration value `{value}` removed"),
                        "an enum variant goes away".to_owned(),
                        BreaksWhen::SENT,
                    );
                }
            }
        }
    }

    fn complex(&mut self, old: &ComplexType, new: &ComplexType, location: &str) {
        let derivations = [
            ("base", &old.base, &new.base),
            ("restriction base", &old.restricts, &new.restricts),
            (
                "simple content type",
                &old.simple_content,
                &new.simple_content,
            ),
            (
                "SOAP array item type",
                &old.soap_array_item,
                &new.soap_array_item,
            ),
        ];
        for (what, a, b) in derivations {
            if a != b {
                let name = |q: &Option<QName>| q.as_ref().map_or("none".to_owned(), show);
                self.fact(
                    "base-changed",
                    location.to_owned(),
                    format!("{what} changes from `{}` to `{}`", name(a), name(b)),
                    "the inherited fields change".to_owned(),
                    BreaksWhen::ALWAYS,
                );
            }
        }
        if old.mixed != new.mixed {
            let breaks = if new.mixed {
                BreaksWhen::RECEIVED
            } else {
                BreaksWhen::SENT
            };
            self.fact(
                "mixed-changed",
                location.to_owned(),
                format!("mixed content changes from {} to {}", old.mixed, new.mixed),
                "none".to_owned(),
                breaks,
            );
        }
        self.particles(&old.particles, &new.particles, location);
        self.attributes(&old.attributes, &new.attributes, location);
    }

    /// Compares two content models: elements by name, then their order, choices by
    /// position, wildcards by count.
    fn particles(&mut self, old: &[Particle], new: &[Particle], location: &str) {
        let elements = |ps: &[Particle]| -> Vec<Element> {
            ps.iter()
                .filter_map(|p| match p {
                    Particle::Element(e) => Some(e.clone()),
                    _ => None,
                })
                .collect()
        };
        let (old_elements, new_elements) = (elements(old), elements(new));
        self.element_list(&old_elements, &new_elements, location, true);

        let choices = |ps: &[Particle]| -> Vec<(u32, MaxOccurs, Vec<Element>)> {
            ps.iter()
                .filter_map(|p| match p {
                    Particle::Choice {
                        min_occurs,
                        max_occurs,
                        alternatives,
                    } => Some((
                        *min_occurs,
                        *max_occurs,
                        alternatives
                            .iter()
                            .flat_map(Particle::elements)
                            .cloned()
                            .collect(),
                    )),
                    _ => None,
                })
                .collect()
        };
        let (old_choices, new_choices) = (choices(old), choices(new));
        for (i, (old_choice, new_choice)) in old_choices.iter().zip(&new_choices).enumerate() {
            let at = format!("{location} / choice {}", i + 1);
            self.choice(old_choice, new_choice, &at);
        }
        for (i, choice) in old_choices.iter().enumerate().skip(new_choices.len()) {
            self.fact(
                "choice-removed",
                format!("{location} / choice {}", i + 1),
                "choice removed".to_owned(),
                "the choice field and its enum go away".to_owned(),
                BreaksWhen::new(true, choice.0 > 0),
            );
        }
        for (i, choice) in new_choices.iter().enumerate().skip(old_choices.len()) {
            self.fact(
                "choice-added",
                format!("{location} / choice {}", i + 1),
                format!(
                    "{} choice added",
                    if choice.0 > 0 { "required" } else { "optional" }
                ),
                "a new choice field and enum".to_owned(),
                BreaksWhen::new(choice.0 > 0, false),
            );
        }

        let wildcards = |ps: &[Particle]| {
            ps.iter()
                .filter(|p| matches!(p, Particle::Any { .. }))
                .count()
        };
        let (old_any, new_any) = (wildcards(old), wildcards(new));
        if new_any > old_any {
            self.fact(
                "wildcard-added",
                location.to_owned(),
                "`xs:any` wildcard added: readers keep unknown content".to_owned(),
                "a new raw XML field".to_owned(),
                BreaksWhen::NEVER,
            );
        } else if new_any < old_any {
            self.fact(
                "wildcard-removed",
                location.to_owned(),
                "`xs:any` wildcard removed: extra content is refused".to_owned(),
                "the raw XML field goes away".to_owned(),
                BreaksWhen::SENT,
            );
        }
    }

    fn choice(
        &mut self,
        old: &(u32, MaxOccurs, Vec<Element>),
        new: &(u32, MaxOccurs, Vec<Element>),
        location: &str,
    ) {
        if old.0 != new.0 || old.1 != new.1 {
            let as_element = |c: &(u32, MaxOccurs, Vec<Element>)| Element {
                name: QName::new("", "choice"),
                type_ref: TypeRef::Named(QName::new(XSD_NS, "anyType")),
                min_occurs: c.0,
                max_occurs: c.1,
                nillable: false,
                documentation: None,
                substitution_group: None,
                is_abstract: false,
            };
            self.element(&as_element(old), &as_element(new), location);
        }
        self.element_list(&old.2, &new.2, location, false);
    }

    /// Matches elements by name (or local name, recording a namespace change) and
    /// compares each pair; with `ordered`, also their order (a sequence).
    fn element_list(&mut self, old: &[Element], new: &[Element], location: &str, ordered: bool) {
        let mut matched_new = vec![false; new.len()];
        let mut matched_old = vec![false; old.len()];
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let by_name: BTreeMap<&QName, usize> =
            new.iter().enumerate().map(|(i, e)| (&e.name, i)).collect();
        for (i, element) in old.iter().enumerate() {
            if let Some(&j) = by_name.get(&element.name) {
                matched_new[j] = true;
                matched_old[i] = true;
                pairs.push((i, j));
            }
        }
        let (what, rust_kind) = if ordered {
            ("element", "field")
        } else {
            ("alternative", "variant")
        };
        for (i, element) in old.iter().enumerate() {
            if matched_old[i] {
                continue;
            }
            let moved = new
                .iter()
                .enumerate()
                .position(|(j, e)| !matched_new[j] && e.name.local == element.name.local);
            let at = format!("{location} / {}", element.name.local);
            match moved {
                Some(j) => {
                    matched_new[j] = true;
                    pairs.push((i, j));
                    self.fact(
                        "namespace-changed",
                        at,
                        format!(
                            "namespace changes from `{}` to `{}`",
                            element.name.ns, new[j].name.ns
                        ),
                        "none".to_owned(),
                        BreaksWhen::ALWAYS,
                    );
                }
                None => {
                    let required = element.min_occurs > 0;
                    let name = field_name(&element.name.local);
                    self.fact(
                        if ordered {
                            "element-removed"
                        } else {
                            "alternative-removed"
                        },
                        at,
                        format!(
                            "{} {what} removed",
                            if required { "required" } else { "optional" }
                        ),
                        format!("{rust_kind} `{name}` goes away"),
                        // Sent, the service refuses it; a required one that no longer
                        // comes fails the reader (alternatives: one that no longer comes
                        // harms no reader).
                        BreaksWhen::new(true, required && ordered),
                    );
                }
            }
        }
        for (j, element) in new.iter().enumerate() {
            if matched_new[j] {
                continue;
            }
            let required = element.min_occurs > 0;
            let name = field_name(&element.name.local);
            let (message, rust, breaks) = match (ordered, required) {
                (true, true) => (
                    "required element added",
                    format!("new field `{name}` (struct literals must set it)"),
                    BreaksWhen::SENT,
                ),
                (true, false) => (
                    "optional element added (readers skip unknown elements)",
                    format!("new field `{name}: Option<_>`"),
                    BreaksWhen::NEVER,
                ),
                (false, _) => (
                    "choice alternative added",
                    format!("new variant for `{}`", element.name.local),
                    BreaksWhen::RECEIVED,
                ),
            };
            self.fact(
                if ordered {
                    "element-added"
                } else {
                    "alternative-added"
                },
                format!("{location} / {}", element.name.local),
                message.to_owned(),
                rust,
                breaks,
            );
        }
        pairs.sort();
        if ordered && pairs.windows(2).any(|w| w[0].1 > w[1].1) {
            let names = |list: &[Element], keep: &dyn Fn(usize) -> bool| -> String {
                let kept = list.iter().enumerate().filter(|(i, _)| keep(*i));
                kept.map(|(_, e)| e.name.local.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let old_kept: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
            let new_kept: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
            self.fact(
                "elements-reordered",
                location.to_owned(),
                format!(
                    "elements reordered: {} → {}",
                    names(old, &|i| old_kept.contains(&i)),
                    names(new, &|i| new_kept.contains(&i))
                ),
                "fields are reordered (no effect on callers)".to_owned(),
                BreaksWhen::SENT,
            );
        }
        for (i, j) in pairs {
            let at = format!("{location} / {}", new[j].name.local);
            self.element(&old[i], &new[j], &at);
        }
    }

    fn attributes(&mut self, old: &[Attribute], new: &[Attribute], location: &str) {
        for attribute in old {
            let at = format!("{location} / @{}", attribute.name.local);
            let field = field_name(&attribute.name.local);
            match new.iter().find(|a| a.name == attribute.name) {
                None => self.fact(
                    "attribute-removed",
                    at,
                    format!(
                        "{} attribute removed",
                        if attribute.required {
                            "required"
                        } else {
                            "optional"
                        }
                    ),
                    format!("field `{field}` goes away"),
                    BreaksWhen::new(true, attribute.required),
                ),
                Some(other) => {
                    if attribute.required != other.required {
                        let (message, rust, breaks) = match other.required {
                            true => (
                                "becomes required",
                                "is no longer an `Option`",
                                BreaksWhen::SENT,
                            ),
                            false => (
                                "becomes optional",
                                "becomes an `Option`",
                                BreaksWhen::RECEIVED,
                            ),
                        };
                        self.fact(
                            "attribute-use-changed",
                            at.clone(),
                            message.to_owned(),
                            format!("field `{field}` {rust}"),
                            breaks,
                        );
                    }
                    self.documentation(&attribute.documentation, &other.documentation, &at);
                    let old_type = TypeRef::Named(attribute.type_name.clone());
                    let new_type = TypeRef::Named(other.type_name.clone());
                    self.type_ref(&old_type, &new_type, &at, &field);
                }
            }
        }
        for attribute in new.iter().filter(|a| !old.iter().any(|o| o.name == a.name)) {
            let field = field_name(&attribute.name.local);
            let (message, rust, breaks) = match attribute.required {
                true => (
                    "required attribute added",
                    format!("new field `{field}` (struct literals must set it)"),
                    BreaksWhen::SENT,
                ),
                false => (
                    "optional attribute added",
                    format!("new field `{field}: Option<_>`"),
                    BreaksWhen::NEVER,
                ),
            };
            self.fact(
                "attribute-added",
                format!("{location} / @{}", attribute.name.local),
                message.to_owned(),
                rust,
                breaks,
            );
        }
    }
}

fn bound(max: MaxOccurs) -> u64 {
    match max {
        MaxOccurs::Bounded(n) => u64::from(n),
        MaxOccurs::Unbounded => u64::MAX,
    }
}

fn show_max(max: MaxOccurs) -> String {
    match max {
        MaxOccurs::Bounded(n) => n.to_string(),
        MaxOccurs::Unbounded => "unbounded".to_owned(),
    }
}

/// The Rust type a built-in XML Schema type generates.
fn rust_builtin(type_ref: &TypeRef) -> Option<String> {
    match type_ref {
        TypeRef::Named(name) if name.ns == XSD_NS => builtin_type(&name.local, "soap_runtime"),
        _ => None,
    }
}
