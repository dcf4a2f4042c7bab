//! Which fields hold their value in a `Box`: those through which a type contains itself
//! (so recursive schemas give finite Rust types), and those that would nest types inline
//! deeper than rustc follows (a chain of a thousand optional types otherwise fails with
//! E0320). Lists (`Vec`) are already indirect and need no box.

use std::collections::BTreeMap;

use super::plan::{Cardinality, FieldPlan, TypePlan, ValueType};

/// The deepest chain of types held inline, one inside the other, that generated code
/// has: well below rustc's default recursion limit (128) for drop-check and layout.
const MAX_INLINE_DEPTH: usize = 48;

/// Marks the fields of `plan` to box. Linear in the number of types and fields. Fails
/// when a type always holds itself again through required fields: no finite XML holds
/// one, and its `Default` (which reading starts from) would never end.
pub fn box_fields(plan: &mut TypePlan) -> Result<(), String> {
    let graph = Graph::of(plan);
    check_finite(plan, &graph)?;
    let component = crate::graph::strongly_connected_components(&graph.edges);
    for s in &mut plan.structs {
        let owner = graph.index[&s.name];
        for field in s.held_fields_mut() {
            if let Some(target) = inline_type(field).and_then(|t| graph.index.get(t)) {
                // Within one strongly connected component every type reaches every other:
                // this field leads back to its owner.
                field.boxed |= component[*target] == component[owner];
            }
        }
    }
    choose_default_variants(plan, &graph, &component);
    bound_inline_depth(plan, &graph);
    Ok(())
}

/// How the error about a type that always holds itself begins after its origin.
pub(crate) const ENDLESS_TYPE: &str = "no finite XML holds one";

/// The type a field must hold in every value (required, not nillable), if generated.
fn required_type(field: &FieldPlan) -> Option<&str> {
    match field.cardinality {
        Cardinality::Required if !field.nillable => inline_type(field),
        _ => None,
    }
}

/// Fails naming the first struct every value of which holds a required chain of values
/// that never ends. A struct is finite when every type it requires is; a choice or
/// abstract type when one of its variants is (a work list over reverse edges: linear).
fn check_finite(plan: &TypePlan, graph: &Graph) -> Result<(), String> {
    let n = graph.edges.len();
    let mut finite = vec![false; n];
    let mut waiting_for = vec![0usize; n];
    let mut is_struct = vec![false; n];
    let mut needed_by: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut ready = Vec::new();
    for s in &plan.structs {
        let owner = graph.index[&s.name];
        is_struct[owner] = true;
        for target in s.fields.iter().filter_map(required_type) {
            if let Some(&target) = graph.index.get(target) {
                waiting_for[owner] += 1;
                needed_by[target].push(owner);
            }
        }
        if waiting_for[owner] == 0 {
            ready.push(owner);
        }
    }
    let enums = plan
        .choices
        .iter()
        .map(|c| {
            (
                &c.name,
                c.variants.iter().map(|v| inline_type(&v.element)).collect(),
            )
        })
        .chain(plan.abstracts.iter().map(|a| {
            let variants: Vec<Option<&str>> = a
                .variants
                .iter()
                .map(|v| Some(v.rust_type.as_str()))
                .collect();
            (&a.name, variants)
        }));
    for (name, variants) in enums {
        let owner = graph.index[name];
        let targets: Vec<Option<usize>> = variants
            .into_iter()
            .map(|t| t.and_then(|t| graph.index.get(t).copied()))
            .collect();
        if targets.iter().any(Option::is_none) {
            ready.push(owner);
        }
        for target in targets.into_iter().flatten() {
            needed_by[target].push(owner);
        }
    }
    while let Some(node) = ready.pop() {
        if std::mem::replace(&mut finite[node], true) {
            continue;
        }
        for &owner in &needed_by[node] {
            if finite[owner] {
                continue;
            }
            if is_struct[owner] {
                waiting_for[owner] -= 1;
                if waiting_for[owner] > 0 {
                    continue;
                }
            }
            ready.push(owner);
        }
    }
    let Some(endless) = plan.structs.iter().find(|s| !finite[graph.index[&s.name]]) else {
        return Ok(());
    };
    let through = endless
        .fields
        .iter()
        .find(|f| required_type(f).is_some_and(|t| graph.index.get(t).is_some_and(|&t| !finite[t])))
        .map(|f| format!(" through its required `{}`", f.xml_name))
        .unwrap_or_default();
    Err(format!(
        "{}: {ENDLESS_TYPE}: every value holds itself again{through}; make an element on the way optional (minOccurs=\"0\") or a list",
        endless.origin
    ))
}

/// Makes each choice and abstract enum default to its first variant that does not lead
/// back to the enum: a recursive enum defaulting to a variant that contains it again
/// (`Not(Box<Expr>)`, whose default is `Not(Box::new(Expr::default()))`) would overflow
/// the stack building a default.
fn choose_default_variants(plan: &mut TypePlan, graph: &Graph, component: &[usize]) {
    let leads_back = |owner: &str, target: Option<&str>| {
        let owner = graph.index[owner];
        target
            .and_then(|t| graph.index.get(t))
            .is_some_and(|&t| component[t] == component[owner])
    };
    for c in &mut plan.choices {
        c.default_variant = c
            .variants
            .iter()
            .position(|v| !leads_back(&c.name, inline_type(&v.element)))
            .unwrap_or(0);
    }
    for a in &mut plan.abstracts {
        a.default_variant = a
            .variants
            .iter()
            .position(|v| !leads_back(&a.name, Some(&v.rust_type)))
            .unwrap_or(0);
    }
}

/// The type a field holds inline (not in a `Vec`), if it is a generated one.
fn inline_type(field: &FieldPlan) -> Option<&str> {
    match (&field.value, field.cardinality) {
        (_, Cardinality::Repeated) => None,
        (ValueType::Complex(t) | ValueType::Choice(t) | ValueType::Group(t), _) => Some(t),
        _ => None,
    }
}

/// Types (structs, choices, abstract types) and which types each holds inline.
struct Graph {
    index: BTreeMap<String, usize>,
    edges: Vec<Vec<usize>>,
}

impl Graph {
    fn of(plan: &TypePlan) -> Self {
        let mut index = BTreeMap::new();
        let names = plan
            .structs
            .iter()
            .map(|s| &s.name)
            .chain(plan.choices.iter().map(|c| &c.name))
            .chain(plan.abstracts.iter().map(|a| &a.name));
        for name in names {
            let next = index.len();
            index.entry(name.clone()).or_insert(next);
        }
        let mut edges = vec![Vec::new(); index.len()];
        let mut add = |from: &str, to: &str| {
            if let (Some(&from), Some(&to)) = (index.get(from), index.get(to)) {
                edges[from].push(to);
            }
        };
        for s in &plan.structs {
            for field in s.held_fields() {
                if let Some(target) = inline_type(field) {
                    add(&s.name, target);
                }
            }
        }
        for c in &plan.choices {
            for variant in &c.variants {
                if let Some(target) = inline_type(&variant.element) {
                    add(&c.name, target);
                }
            }
        }
        for a in &plan.abstracts {
            for variant in &a.variants {
                add(&a.name, &variant.rust_type);
            }
        }
        Self { index, edges }
    }
}

/// An unboxed inline edge: the type held, and the struct field (struct index, index
/// among its [held fields](super::plan::StructPlan::held_fields)) it comes from; `None` for choices and abstract types, whose variants cannot be
/// boxed here.
type InlineEdge = (usize, Option<(usize, usize)>);

/// Boxes struct fields wherever types would otherwise nest inline more than
/// [`MAX_INLINE_DEPTH`] deep. Cycles are boxed already, so unboxed fields form a DAG,
/// walked depth-first with memoised depths.
fn bound_inline_depth(plan: &mut TypePlan, graph: &Graph) {
    let mut edges: Vec<Vec<InlineEdge>> = vec![Vec::new(); graph.edges.len()];
    for (s_index, s) in plan.structs.iter().enumerate() {
        let owner = graph.index[&s.name];
        for (f_index, field) in s.held_fields().enumerate() {
            if field.boxed {
                continue;
            }
            if let Some(&target) = inline_type(field).and_then(|t| graph.index.get(t)) {
                edges[owner].push((target, Some((s_index, f_index))));
            }
        }
    }
    let mut is_struct = vec![false; edges.len()];
    for s in &plan.structs {
        is_struct[graph.index[&s.name]] = true;
    }
    for (from, targets) in graph.edges.iter().enumerate() {
        if !is_struct[from] {
            edges[from].extend(targets.iter().map(|&t| (t, None)));
        }
    }
    let mut depth: Vec<Option<usize>> = vec![None; edges.len()];
    let mut on_path = vec![false; edges.len()];
    let mut to_box = Vec::new();
    for root in 0..edges.len() {
        if depth[root].is_some() {
            continue;
        }
        let mut frames = vec![(root, 0usize)];
        on_path[root] = true;
        while let Some(&mut (node, ref mut next)) = frames.last_mut() {
            if let Some(&(target, _)) = edges[node].get(*next) {
                *next += 1;
                // A node on the path again would be a cycle; cycles are boxed already,
                // and the choice/abstract edges of one are cut here rather than looped.
                if depth[target].is_none() && !on_path[target] {
                    on_path[target] = true;
                    frames.push((target, 0));
                }
                continue;
            }
            let mut deepest = 0;
            for &(target, field) in &edges[node] {
                let below = depth[target].unwrap_or(0);
                match field {
                    Some(field) if below + 1 > MAX_INLINE_DEPTH => to_box.push(field),
                    _ => deepest = deepest.max(below),
                }
            }
            depth[node] = Some(deepest + 1);
            on_path[node] = false;
            frames.pop();
        }
    }
    for (s_index, f_index) in to_box {
        if let Some(field) = plan.structs[s_index].held_fields_mut().nth(f_index) {
            field.boxed = true;
        }
    }
}
