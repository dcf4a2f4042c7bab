//! Tokens for the planned structs: the type, its `ToXml` and its `FromXml`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use super::derives::{derive, serde_attr};
use super::names::{NameSet, ident};
use super::plan::{
    AbstractPlan, ArrayPlan, AttributePlan, Cardinality, ChoicePlan, EnumPlan, FieldPlan,
    NewtypePlan, StructPlan, ValueType,
};

/// A struct with its XML impls.
pub fn struct_tokens(plan: &StructPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let doc = doc_lines(
        plan.doc.as_deref(),
        &format!("Generated from {}.", plan.origin),
    );
    let element_fields = plan.fields.iter().map(|f| (f, true));
    let any_field = plan.any.iter().map(|f| (f, false));
    let fields = element_fields.chain(any_field).map(|(f, is_element)| {
        let field = ident(&f.name);
        let ty = field_type(f, cx);
        let doc = if is_element {
            doc_lines(f.doc.as_deref(), &field_origin(f))
        } else {
            doc_lines(f.doc.as_deref(), "`xs:any`.")
        };
        // `xs:any` and choices have no single wire name; they keep their Rust name.
        let named = is_element && !matches!(f.value, ValueType::Choice(_));
        let rename = named
            .then(|| serde_rename(&f.name, &f.xml_name, cx))
            .flatten();
        let nillable = serde_nillable(f, cx);
        quote! { #doc #rename #nillable pub #field: #ty, }
    });
    let text_field = plan.text.as_ref().map(|(field, rust_type)| {
        let field = ident(field);
        let ty: TokenStream = rust_type.parse().expect("planned Rust type");
        quote! {
            /// The element's text.
            pub #field: #ty,
        }
    });
    let mixed_field = plan.mixed.as_ref().map(|content| {
        let field = ident(content);
        quote! {
            /// The mixed content (text and elements), kept as raw XML.
            pub #field: #rt::RawXml,
        }
    });
    let attribute_fields = plan.attributes.iter().map(|a| {
        let field = ident(&a.name);
        let ty: TokenStream = a.rust_type.parse().expect("planned Rust type");
        let ty = if a.required { ty } else { quote!(Option<#ty>) };
        let doc = doc_lines(a.doc.as_deref(), &format!("Attribute `{}`.", a.xml_name));
        // Attributes are named as elements are; one that shares its name with a child
        // element is told apart by a leading `@`.
        let wire = if plan.fields.iter().any(|f| f.xml_name == a.xml_name) {
            format!("@{}", a.xml_name)
        } else {
            a.xml_name.clone()
        };
        let rename = serde_rename(&a.name, &wire, cx);
        quote! { #doc #rename pub #field: #ty, }
    });
    let derive = derive(quote!(Debug, Clone, PartialEq, Default), None, cx);
    // The base's fields are the type's own in JSON, as zeep's dictionaries have them.
    let base_field = plan.base.as_ref().map(|base| {
        let field = ident(&base.name);
        let ty = field_type(base, cx);
        let doc = format!(" Content inherited from complex type `{}`.", base.xml_name);
        let flatten = serde_attr(quote!(flatten), cx);
        quote! { #[doc = #doc] #flatten pub #field: #ty, }
    });
    let to_xml = to_xml_impl(plan, cx);
    let from_xml = if plan.in_extension_chain() {
        super::extend::extensible_impls(plan, cx)
    } else {
        from_xml_impl(plan, cx)
    };
    quote! {
        #doc
        #derive
        pub struct #name {
            #base_field
            #(#fields)*
            #text_field
            #mixed_field
            #(#attribute_fields)*
        }

        #to_xml
        #from_xml
    }
}

/// The doc line saying what a field holds: its wire name and schema type, and whether
/// it may be nil (why it is an `Option`).
fn field_origin(f: &FieldPlan) -> String {
    let nillable = if f.nillable { ", nillable" } else { "" };
    format!("`{}` ({}{nillable}).", f.xml_name, f.schema_type)
}

/// JSON uses the wire names (as zeep's dictionaries and the service's documents do), so
/// a field whose Rust name differs is renamed for serde.
fn serde_rename(rust: &str, wire: &str, cx: &Context) -> Option<TokenStream> {
    (rust != wire)
        .then(|| serde_attr(quote!(rename = #wire), cx))
        .flatten()
}

/// A newtype around a simple value, for a simple-typed body element.
pub fn newtype_tokens(plan: &NewtypePlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let inner: TokenStream = plan.rust_type.parse().expect("planned Rust type");
    let doc = doc_lines(None, &format!("Generated from {}.", plan.origin));
    let derive = derive(quote!(Debug, Clone, PartialEq, Default), None, cx);
    quote! {
        #doc
        #derive
        pub struct #name(pub #inner);

        impl #rt::ToXml for #name {
            fn write_content(&self, writer: &mut #rt::XmlWriter) {
                writer.text(&#rt::XmlValue::to_xml_text(&self.0));
            }
        }

        impl #rt::FromXml for #name {
            fn read_xml<'a>(reader: &mut #rt::XmlReader<'a>, element: &#rt::Element<'a>) -> Result<Self, #rt::DecodeError> {
                reader.read_value(element.clone()).map(Self)
            }
        }
    }
}

/// A SOAP-encoded array: a newtype around `Vec<item>` (rank 1) or a
/// `RectangularArray<item, RANK>`, written as
/// `<x SOAP-ENC:arrayType="ns:Item[n]"><item xsi:type="ns:Item">…` (`[n,m]` when
/// rectangular) and read from children of any name.
pub fn array_tokens(plan: &ArrayPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let (innermost, ranks) = &plan.array_type;
    let rank_suffix = |ranks: &[usize]| -> String {
        ranks
            .iter()
            .map(|&rank| format!("[{}]", ",".repeat(rank - 1)))
            .collect()
    };
    let (inner_ranks, rank) = ranks.split_at(ranks.len() - 1);
    let rank = rank[0];
    let dimensions = if rank == 1 {
        String::new()
    } else {
        format!("{rank}-dimensional ")
    };
    let doc = doc_lines(
        plan.doc.as_deref(),
        &format!(
            "Generated from {}: a {dimensions}SOAP-encoded array of `{}{}`; `None` is a \
             nil item.",
            plan.origin,
            innermost.local,
            rank_suffix(inner_ranks)
        ),
    );
    let derive = derive(quote!(Debug, Clone, PartialEq, Default), None, cx);
    let item_type = cx.xsi_type(&plan.item_type);
    let (item, write, read) = match &plan.item {
        ValueType::Simple(rust) => (
            rust,
            quote!(typed_value_element),
            quote!(reader.read_value(item)),
        ),
        other => {
            let ValueType::Complex(rust) = other else {
                unreachable!("array items are planned as simple or complex values")
            };
            (
                rust,
                quote!(typed_complex_element),
                quote!(reader.read_complex(item)),
            )
        }
    };
    let item: TokenStream = item.parse().expect("planned Rust type");
    let (holder, items, write_array_type, read_items) = if rank == 1 {
        let write_array_type = if inner_ranks.is_empty() {
            quote!(writer.array_type(#item_type, self.0.len());)
        } else if inner_ranks.iter().all(|&rank| rank == 1) {
            let innermost = cx.xsi_type(innermost);
            let depth = proc_macro2::Literal::usize_unsuffixed(inner_ranks.len());
            quote!(writer.jagged_array_type(#innermost, #depth, self.0.len());)
        } else {
            let innermost = cx.xsi_type(innermost);
            let inner = rank_suffix(inner_ranks);
            quote!(writer.nested_array_type(#innermost, #inner, &[self.0.len()]);)
        };
        (
            quote!(Vec<Option<#item>>),
            quote!(&self.0),
            write_array_type,
            quote!(read_items),
        )
    } else {
        let innermost = cx.xsi_type(innermost);
        let inner = rank_suffix(inner_ranks);
        let rank = proc_macro2::Literal::usize_unsuffixed(rank);
        (
            quote!(#rt::RectangularArray<Option<#item>, #rank>),
            quote!(self.0.items()),
            quote!(writer.nested_array_type(#innermost, #inner, &self.0.dimensions());),
            quote!(read_rectangular_items),
        )
    };
    quote! {
        #doc
        #derive
        pub struct #name(pub #holder);

        impl #rt::ToXml for #name {
            fn write_attributes(&self, writer: &mut #rt::XmlWriter) {
                #write_array_type
            }
            fn write_content(&self, writer: &mut #rt::XmlWriter) {
                for item in #items {
                    match item {
                        Some(item) => writer.#write("", "item", #item_type, item),
                        None => writer.nil_element("", "item"),
                    }
                }
            }
        }

        impl #rt::FromXml for #name {
            fn read_xml<'a>(reader: &mut #rt::XmlReader<'a>, element: &#rt::Element<'a>) -> Result<Self, #rt::DecodeError> {
                reader.#read_items(element, |reader, item| #read).map(Self)
            }
        }
    }
}

fn field_type(field: &FieldPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let inner: TokenStream = match &field.value {
        ValueType::Simple(rust) | ValueType::Complex(rust) => {
            rust.parse().expect("planned Rust type")
        }
        ValueType::Any => quote!(#rt::RawXml),
        ValueType::Choice(name) | ValueType::Group(name) => {
            let name = ident(name);
            quote!(#name)
        }
    };
    let inner = if field.boxed {
        quote!(Box<#inner>)
    } else {
        inner
    };
    match (field.cardinality, field.nillable) {
        (Cardinality::Required, false) => inner,
        (Cardinality::Required, true) | (Cardinality::Optional, false) => quote!(Option<#inner>),
        (Cardinality::Optional, true) => quote!(Option<#rt::Nillable<#inner>>),
        (Cardinality::Repeated, false) => quote!(Vec<#inner>),
        (Cardinality::Repeated, true) => quote!(Vec<Option<#inner>>),
    }
}

/// The serde attributes of an optional nillable field beyond its rename: an absent key
/// is `None` (and `None` is not written), `null` is `Some(Nil)`.
fn serde_nillable(f: &FieldPlan, cx: &Context) -> Option<TokenStream> {
    let present = format!("{}::Nillable::deserialize_present", cx.runtime_path);
    (f.cardinality == Cardinality::Optional && f.nillable)
        .then(|| {
            serde_attr(
                quote!(default, skip_serializing_if = "Option::is_none", deserialize_with = #present),
                cx,
            )
        })
        .flatten()
}

/// The statement writing one field.
fn write_field(f: &FieldPlan, cx: &Context) -> TokenStream {
    let field = ident(&f.name);
    write_value(f, cx, quote!(&self.#field))
}

/// The statement writing the value `reference` points at, as field `f`.
fn write_value(f: &FieldPlan, cx: &Context, reference: TokenStream) -> TokenStream {
    let rt = &cx.runtime;
    let ns = cx.namespace_const(&f.ns);
    let xml_name = &f.xml_name;
    // With an encoded operation around, values say their type (written in encoded
    // messages only).
    let typed = f
        .xml_type
        .as_ref()
        .filter(|_| cx.encoded)
        .map(|t| cx.xsi_type(t));
    let write_one = |value: TokenStream| match (&f.value, &typed) {
        (ValueType::Simple(_), Some(t)) => {
            quote!(writer.typed_value_element(#ns, #xml_name, #t, #value))
        }
        (ValueType::Complex(_), Some(t)) => {
            quote!(writer.typed_complex_element(#ns, #xml_name, #t, #value))
        }
        (ValueType::Simple(_), None) => quote!(writer.value_element(#ns, #xml_name, #value)),
        (ValueType::Complex(_), None) => quote!(writer.complex_element(#ns, #xml_name, #value)),
        (ValueType::Any, _) => quote!(#rt::RawXml::write_element(#value, writer)),
        (ValueType::Choice(_) | ValueType::Group(_), _) => {
            quote!(#rt::ToXml::write_content(#value, writer))
        }
    };
    let write = write_one(quote!(value));
    // Writes an `Option` whose `None` is nil.
    let write_or_nil = |option: TokenStream| {
        quote! {
            match #option {
                Some(value) => #write,
                None => writer.nil_element(#ns, #xml_name),
            }
        }
    };
    match (f.cardinality, f.nillable) {
        (Cardinality::Required, false) => {
            let write = write_one(reference);
            quote! { #write; }
        }
        (Cardinality::Required, true) => write_or_nil(reference),
        (Cardinality::Optional, false) => quote! {
            if let Some(value) = #reference {
                #write;
            }
        },
        // Absent is not written; nil is.
        (Cardinality::Optional, true) => {
            let nil_or_value = write_or_nil(quote!(value.value()));
            quote! {
            if let Some(value) = #reference {
                #nil_or_value
            }
            }
        }
        (Cardinality::Repeated, false) => quote! {
            for value in #reference {
                #write;
            }
        },
        (Cardinality::Repeated, true) => {
            let item = write_or_nil(quote!(value));
            quote! {
                for value in #reference {
                    #item
                }
            }
        }
    }
}

fn to_xml_impl(plan: &StructPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    // The base's attributes and content come first (a type's own mixed content is all
    // of it, the base's elements included).
    let base = plan.base.as_ref().map(|base| ident(&base.name));
    let base_attributes = base
        .as_ref()
        .map(|base| quote! { #rt::ToXml::write_attributes(&self.#base, writer); });
    let base_content = base
        .as_ref()
        .filter(|_| plan.mixed.is_none())
        .map(|base| quote! { #rt::ToXml::write_content(&self.#base, writer); });
    let own_writes: Vec<TokenStream> = match (&plan.mixed, &plan.text) {
        (Some(content), _) => {
            let field = ident(content);
            vec![quote! { writer.raw(self.#field.as_str()); }]
        }
        (None, Some((field, _))) => {
            let field = ident(field);
            vec![quote! { writer.text(&#rt::XmlValue::to_xml_text(&self.#field)); }]
        }
        (None, None) => plan
            .fields
            .iter()
            .chain(&plan.any)
            .map(|f| write_field(f, cx))
            .collect(),
    };
    let writes: Vec<TokenStream> = base_content.into_iter().chain(own_writes).collect();
    let attribute_writes = plan.attributes.iter().map(|a| {
        let field = ident(&a.name);
        let xml_name = &a.xml_name;
        let ns = cx.namespace_const(&a.ns);
        if a.required {
            quote! { writer.value_attribute(#ns, #xml_name, &self.#field); }
        } else {
            quote! {
                if let Some(value) = &self.#field {
                    writer.value_attribute(#ns, #xml_name, value);
                }
            }
        }
    });
    let attributes_fn = (!plan.attributes.is_empty() || base.is_some()).then(|| {
        quote! {
            fn write_attributes(&self, writer: &mut #rt::XmlWriter) {
                #base_attributes
                #(#attribute_writes)*
            }
        }
    });
    let writer_param = if writes.is_empty() {
        quote!(_writer)
    } else {
        quote!(writer)
    };
    quote! {
        impl #rt::ToXml for #name {
            #attributes_fn
            fn write_content(&self, #writer_param: &mut #rt::XmlWriter) {
                #(#writes)*
            }
        }
    }
}

/// The expression reading one occurrence of a field from `child`.
fn read_one(f: &FieldPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    match (&f.value, f.nillable) {
        (ValueType::Simple(_), false) => quote!(reader.read_value(child)?),
        (ValueType::Complex(_), false) => quote!(reader.read_complex(child)?),
        (ValueType::Simple(_), true) => quote!(reader.read_nillable_value(child)?),
        (ValueType::Complex(_), true) => quote!(reader.read_nillable_complex(child)?),
        (ValueType::Any, _) => quote!(#rt::RawXml::read_element(reader, child)?),
        // A choice is read through its alternatives' entries (see `entries`).
        (ValueType::Choice(_) | ValueType::Group(_), _) => {
            quote!(unreachable!("choices are read per alternative"))
        }
    }
}

/// The statement storing what `read_one` read into `value`'s field; a required field
/// also sets its flag in `seen` (its index there is `flag`).
fn store(f: &FieldPlan, cx: &Context, flag: Option<usize>) -> TokenStream {
    let field = ident(&f.name);
    let read = read_one(f, cx);
    let rt = &cx.runtime;
    // A nillable element reads as an `Option`, `None` for nil (see `field_type`).
    match (f.cardinality, f.nillable) {
        (Cardinality::Repeated, _) => quote!(value.#field.push(#read)),
        (Cardinality::Optional, false) => quote!(value.#field = Some(#read)),
        (Cardinality::Optional, true) => {
            quote!(value.#field = Some(#rt::Nillable::from_option(#read)))
        }
        (Cardinality::Required, _) => {
            let mark = mark_seen(flag);
            quote! {
                {
                    value.#field = #read;
                    #mark
                }
            }
        }
    }
}

/// `seen[flag] = true;`, for a required field whose presence is tracked.
fn mark_seen(flag: Option<usize>) -> TokenStream {
    flag.map(|flag| {
        let flag = proc_macro2::Literal::usize_unsuffixed(flag);
        quote!(seen[#flag] = true;)
    })
    .unwrap_or_default()
}

/// One child element a struct reads: its namespace, its name, the statement storing
/// it, and the index of the field it belongs to.
pub(super) struct Entry {
    pub(super) ns: TokenStream,
    pub(super) name: String,
    pub(super) store: TokenStream,
    field: usize,
}

/// The occurrence trackers (`soap_runtime::SequenceOccurrence` values) of a struct's
/// sequence alternatives, read in place in its loop.
#[derive(Default)]
pub(super) struct Occurrences {
    pub(super) trackers: Vec<Tracker>,
    /// The trackers' names: a sequence nested in another's struct may have the same.
    names: NameSet,
}

/// One occurrence tracker: its variable's name and the required children of its sequence.
pub(super) struct Tracker {
    pub(super) ident: proc_macro2::Ident,
    required: Vec<String>,
}

impl Tracker {
    /// Its type, `SequenceOccurrence<N>`.
    pub(super) fn ty(&self, cx: &Context) -> TokenStream {
        let rt = &cx.runtime;
        let count = proc_macro2::Literal::usize_unsuffixed(self.required.len());
        quote!(#rt::SequenceOccurrence<#count>)
    }

    /// A new one, none open.
    pub(super) fn new_value(&self, cx: &Context) -> TokenStream {
        let rt = &cx.runtime;
        let required = &self.required;
        quote!(#rt::SequenceOccurrence::new(&[#(#required),*]))
    }

    /// The statement ending its last occurrence after the last child (an error for a
    /// required child it lacks).
    pub(super) fn close(&self) -> TokenStream {
        let ident = &self.ident;
        quote!(#ident.close(reader, element)?;)
    }
}

/// Where a child of a sequence alternative stands in its sequence, for its occurrence
/// tracker: the tracker, the child's field's position, whether it repeats, and its flag
/// among the sequence's required fields.
struct InSequence {
    tracker: proc_macro2::Ident,
    position: usize,
    repeats: bool,
    flag: Option<usize>,
}

impl InSequence {
    /// `tracker.open(reader, element)?;`: a new occurrence, the one before checked.
    fn open(&self) -> TokenStream {
        let tracker = &self.tracker;
        quote!(#tracker.open(reader, element)?;)
    }

    /// `tracker.read(position, flag);`: the child noted as read.
    fn read(&self) -> TokenStream {
        let tracker = &self.tracker;
        let position = proc_macro2::Literal::usize_unsuffixed(self.position);
        let flag = match self.flag {
            Some(flag) => {
                let flag = proc_macro2::Literal::usize_unsuffixed(flag);
                quote!(Some(#flag))
            }
            None => quote!(None),
        };
        quote!(#tracker.read(#position, #flag);)
    }

    /// `tracker.starts_new(position, repeats)`: whether the child begins an occurrence.
    fn starts_new(&self) -> TokenStream {
        let tracker = &self.tracker;
        let position = proc_macro2::Literal::usize_unsuffixed(self.position);
        let repeats = self.repeats;
        quote!(#tracker.starts_new(#position, #repeats))
    }
}

/// What a struct reads: an entry per element field and per element alternative of each
/// choice field (those of sequence alternatives included), and the statement storing
/// an element no entry names (its `xsd:any`, or a choice's), if it has one. With
/// `tracked`, required fields set their flag in `seen`; a sequence alternative's own
/// children are tracked by an occurrence tracker added to `occurrences` if given (which
/// also tells where one occurrence of a repeated choice ends), else not at all.
pub(super) fn entries(
    plan: &StructPlan,
    cx: &Context,
    tracked: bool,
    mut occurrences: Option<&mut Occurrences>,
) -> (Vec<Entry>, Option<TokenStream>) {
    let flags = if tracked {
        required_flags(plan)
    } else {
        Vec::new()
    };
    let any_flag = plan
        .any
        .as_ref()
        .filter(|any| tracked && any.cardinality == Cardinality::Required)
        .map(|_| flags.len());
    let mut other = plan.any.as_ref().map(|any| store(any, cx, any_flag));
    let mut out = Vec::new();
    for (index, f) in plan.fields.iter().enumerate() {
        let flag = flags.iter().position(|&i| i == index);
        let ValueType::Choice(enum_name) = &f.value else {
            out.push(Entry {
                ns: cx.namespace_const(&f.ns),
                name: f.xml_name.clone(),
                store: store(f, cx, flag),
                field: index,
            });
            continue;
        };
        let choice = cx.choice(enum_name);
        let slot = ChoiceSlot {
            field: f,
            flag,
            enum_ident: ident(enum_name),
            single: choice.variants.len() == 1,
        };
        for variant in &choice.variants {
            let v = &variant.element;
            let variant_ident = ident(&variant.name);
            match &v.value {
                ValueType::Group(group) => {
                    let group = cx.group(group);
                    let tracker = occurrences
                        .as_deref_mut()
                        .map(|occurrences| occurrence_tracker(f, v, group, occurrences));
                    let required = required_flags(group);
                    let (inner, inner_other) =
                        entries(group, cx, false, occurrences.as_deref_mut());
                    for entry in inner {
                        let in_sequence = tracker.clone().map(|tracker| InSequence {
                            tracker,
                            position: entry.field,
                            repeats: group.fields[entry.field].cardinality == Cardinality::Repeated,
                            flag: required.iter().position(|&i| i == entry.field),
                        });
                        // Untracked, a repeated choice starts a new item at its
                        // sequence's first field.
                        let store = slot.select(
                            &variant_ident,
                            entry.field == 0,
                            in_sequence.as_ref(),
                            entry.store,
                        );
                        out.push(Entry {
                            store,
                            field: index,
                            ..entry
                        });
                    }
                    if other.is_none() {
                        other = inner_other.map(|st| slot.select(&variant_ident, false, None, st));
                    }
                }
                ValueType::Any if other.is_none() => {
                    let rt = &cx.runtime;
                    let read = quote!(#rt::RawXml::read_element(reader, child)?);
                    let store = match v.cardinality {
                        Cardinality::Repeated => quote!(value.push(#read)),
                        _ => quote!(*value = #read),
                    };
                    other = Some(slot.select(&variant_ident, false, None, store));
                }
                ValueType::Any => {}
                _ => out.push(Entry {
                    ns: cx.namespace_const(&v.ns),
                    name: v.xml_name.clone(),
                    store: slot.element(&variant_ident, v, cx),
                    field: index,
                }),
            }
        }
    }
    (out, other)
}

/// Adds the occurrence tracker of sequence alternative `v` of choice field `f`
/// (`{field}_{variant}_occurrence`, over `group`'s required fields) to `occurrences`;
/// returns its name.
fn occurrence_tracker(
    f: &FieldPlan,
    v: &FieldPlan,
    group: &StructPlan,
    occurrences: &mut Occurrences,
) -> proc_macro2::Ident {
    let tracker = ident(
        &occurrences
            .names
            .claim(format!("{}_{}_occurrence", f.name, v.name), ""),
    );
    let required = required_flags(group)
        .into_iter()
        .map(|i| group.fields[i].xml_name.clone())
        .collect();
    occurrences.trackers.push(Tracker {
        ident: tracker.clone(),
        required,
    });
    tracker
}

/// A struct's choice field, as the statements reading its alternatives see it.
struct ChoiceSlot<'p> {
    field: &'p FieldPlan,
    /// Its flag in `seen`, if its presence is tracked.
    flag: Option<usize>,
    enum_ident: proc_macro2::Ident,
    /// Whether the enum has one variant (a pattern of it cannot fail).
    single: bool,
}

impl ChoiceSlot<'_> {
    /// `&mut` to the enum (a required field), or an `Option<&mut>` (an optional one).
    fn place(&self) -> TokenStream {
        let field = ident(&self.field.name);
        match (self.field.cardinality, self.field.boxed) {
            (Cardinality::Required, false) => quote!(&mut value.#field),
            (Cardinality::Required, true) => quote!(&mut *value.#field),
            (Cardinality::Optional, false) => quote!(&mut value.#field),
            (Cardinality::Optional, true) => quote!(value.#field.as_deref_mut()),
            (Cardinality::Repeated, _) => quote!(value.#field.last_mut()),
        }
    }

    /// The enum value `variant` as the field holds it (boxed or not).
    fn wrap(&self, variant: TokenStream) -> TokenStream {
        if self.field.boxed {
            quote!(Box::new(#variant))
        } else {
            variant
        }
    }

    /// Whether the field's presence was seen already (always, if untracked).
    fn seen(&self) -> Option<TokenStream> {
        self.flag.map(|flag| {
            let flag = proc_macro2::Literal::usize_unsuffixed(flag);
            quote!(seen[#flag])
        })
    }

    /// Runs `store` with `value` bound to the value of alternative `variant`, made the
    /// field's current one first (a new item of a repeated choice if the child begins a
    /// new occurrence of its sequence, or if the last item is another alternative). With
    /// `in_sequence`, the child's sequence alternative has an occurrence tracker: making
    /// the alternative current opens an occurrence (checking the one before), and the
    /// child is noted as read; without, a repeated choice's new item begins at `start`.
    fn select(
        &self,
        variant: &proc_macro2::Ident,
        start: bool,
        in_sequence: Option<&InSequence>,
        store: TokenStream,
    ) -> TokenStream {
        let field = ident(&self.field.name);
        let e = &self.enum_ident;
        let place = self.place();
        let fresh = self.wrap(quote!(#e::#variant(Default::default())));
        let open = in_sequence.map(InSequence::open);
        let read = in_sequence.map(InSequence::read);
        match self.field.cardinality {
            // With one variant, the value is always it: it only needs setting once.
            Cardinality::Required if self.single => {
                let mark = mark_seen(self.flag);
                let fresh = self.seen().map(|seen| {
                    quote! {
                        if !#seen {
                            value.#field = #fresh;
                            #mark
                            #open
                        }
                    }
                });
                quote! {
                    {
                        #fresh
                        #read
                        let #e::#variant(value) = #place;
                        #store;
                    }
                }
            }
            Cardinality::Required => {
                let current = match self.seen() {
                    Some(seen) => quote!(#seen && matches!(#place, #e::#variant(_))),
                    None => quote!(matches!(#place, #e::#variant(_))),
                };
                let mark = mark_seen(self.flag);
                quote! {
                    {
                        if !(#current) {
                            value.#field = #fresh;
                            #mark
                            #open
                        }
                        #read
                        if let #e::#variant(value) = #place {
                            #store;
                        }
                    }
                }
            }
            Cardinality::Optional => quote! {
                {
                    if !matches!(#place, Some(#e::#variant(_))) {
                        value.#field = Some(#fresh);
                        #open
                    }
                    #read
                    if let Some(#e::#variant(value)) = #place {
                        #store;
                    }
                }
            },
            Cardinality::Repeated => {
                let other_last = quote!(!matches!(#place, Some(#e::#variant(_))));
                let new_item = match in_sequence {
                    Some(s) => {
                        let starts_new = s.starts_new();
                        quote! {
                            if #starts_new || #other_last {
                                #open
                                value.#field.push(#fresh);
                            }
                        }
                    }
                    None if start => quote!(value.#field.push(#fresh);),
                    None => quote! {
                        if #other_last {
                            value.#field.push(#fresh);
                        }
                    },
                };
                quote! {
                    {
                        #new_item
                        #read
                        if let Some(#e::#variant(value)) = #place {
                            #store;
                        }
                    }
                }
            }
        }
    }

    /// The statement storing element alternative `v` (variant `variant`).
    fn element(&self, variant: &proc_macro2::Ident, v: &FieldPlan, cx: &Context) -> TokenStream {
        let field = ident(&self.field.name);
        let e = &self.enum_ident;
        let place = self.place();
        let read = read_one(v, cx);
        let one = self.wrap(quote!(#e::#variant(#read)));
        let list = self.wrap(quote!(#e::#variant(Vec::from([#read]))));
        let mark = mark_seen(self.flag);
        match (self.field.cardinality, v.cardinality) {
            (Cardinality::Repeated, Cardinality::Repeated) => quote! {
                match #place {
                    Some(#e::#variant(items)) => items.push(#read),
                    _ => value.#field.push(#list),
                }
            },
            (Cardinality::Repeated, _) => quote!(value.#field.push(#one)),
            (Cardinality::Optional, Cardinality::Repeated) => quote! {
                match #place {
                    Some(#e::#variant(items)) => items.push(#read),
                    _ => value.#field = Some(#list),
                }
            },
            (Cardinality::Optional, _) => quote!(value.#field = Some(#one)),
            (Cardinality::Required, Cardinality::Repeated) => {
                let guard = self.seen().map(|seen| quote!(if #seen));
                if guard.is_none() && self.single {
                    return quote! {
                        {
                            let #e::#variant(items) = #place;
                            items.push(#read);
                        }
                    };
                }
                quote! {
                    match #place {
                        #e::#variant(items) #guard => items.push(#read),
                        _ => {
                            value.#field = #list;
                            #mark
                        }
                    }
                }
            }
            (Cardinality::Required, _) => quote! {
                {
                    value.#field = #one;
                    #mark
                }
            },
        }
    }
}

/// `reader.required_attribute(…)?` or `reader.optional_attribute(…)?` for attribute `a`
/// of the element being read.
pub(super) fn read_attribute(a: &AttributePlan, cx: &Context) -> TokenStream {
    let xml_name = &a.xml_name;
    let ns = cx.namespace_const(&a.ns);
    let read = if a.required {
        quote!(required_attribute)
    } else {
        quote!(optional_attribute)
    };
    quote!(reader.#read(element, #ns, #xml_name)?)
}

/// The wire names of the required children a struct tracks, in flag order: its required
/// fields, then a required `xsd:any` (as [`entries`] numbers its flag).
pub(super) fn required_names(plan: &StructPlan) -> Vec<&str> {
    let mut required: Vec<&str> = required_flags(plan)
        .into_iter()
        .map(|index| plan.fields[index].xml_name.as_str())
        .collect();
    if plan
        .any
        .as_ref()
        .is_some_and(|any| any.cardinality == Cardinality::Required)
    {
        required.push("(any element)");
    }
    required
}

/// After the children: a missing-element error for each of `required` whose flag in
/// `seen` is unset.
pub(super) fn missing_checks<'r>(required: &'r [&str]) -> impl Iterator<Item = TokenStream> + 'r {
    required.iter().enumerate().map(|(k, xml_name)| {
        let k = proc_macro2::Literal::usize_unsuffixed(k);
        quote! {
            if !seen[#k] {
                return Err(reader.missing(element, #xml_name));
            }
        }
    })
}

/// Indexes (into `plan.fields`) of the required fields, whose presence is tracked.
pub(super) fn required_flags(plan: &StructPlan) -> Vec<usize> {
    plan.fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.cardinality == Cardinality::Required)
        .map(|(i, _)| i)
        .collect()
}

/// An enum for an enumeration type, carried as its text.
pub fn enum_tokens(plan: &EnumPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let doc = doc_lines(
        plan.doc.as_deref(),
        &format!("Generated from {}.", plan.origin),
    );
    let derive = derive(
        quote!(Debug, Clone, PartialEq, Eq, Hash, Default),
        Some(quote!(from = "String", into = "String")),
        cx,
    );
    let variants = plan.values.iter().enumerate().map(|(i, (variant, value))| {
        let variant = ident(variant);
        let doc = format!(" `{value}`.");
        let default = (i == 0).then(|| quote!(#[default]));
        quote! { #[doc = #doc] #default #variant, }
    });
    let to_text = plan.values.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote! { Self::#variant => #value, }
    });
    let from_text = plan.values.iter().map(|(variant, value)| {
        let variant = ident(variant);
        quote! { #value => Self::#variant, }
    });
    quote! {
        #doc
        #derive
        pub enum #name {
            #(#variants)*
            /// A value the schema does not list, kept as sent.
            Unknown(String),
        }

        impl #name {
            /// The value as written in XML.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_text)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#from_text)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl From<#name> for String {
            fn from(value: #name) -> Self {
                value.as_str().to_owned()
            }
        }

        impl #rt::XmlValue for #name {
            fn to_xml_text(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
            fn from_xml_text(text: &str) -> Result<Self, String> {
                Ok(Self::from(text.trim().to_owned()))
            }
        }
    }
}

/// An enum for a choice: a variant per alternative, written as the chosen element.
pub fn choice_tokens(plan: &ChoicePlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let doc = doc_lines(None, &format!("Generated from {}.", plan.origin));
    let variants = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = field_type(&v.element, cx);
        let doc = doc_lines(v.element.doc.as_deref(), &field_origin(&v.element));
        let rename = serde_rename(&v.name, &v.element.xml_name, cx);
        quote! { #doc #rename #variant(#ty), }
    });
    let writes = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let write = write_value(&v.element, cx, quote!(value));
        quote! { Self::#variant(value) => { #write } }
    });
    let declaration = variant_enum(
        &name,
        doc,
        variants,
        &plan.variants[plan.default_variant].name,
        cx,
    );
    quote! {
        #declaration

        impl #rt::ToXml for #name {
            fn write_content(&self, writer: &mut #rt::XmlWriter) {
                match self {
                    #(#writes)*
                }
            }
        }
    }
}

/// An enum of one-value variants (serde derives when on), defaulting to variant `first`'s
/// default (as a struct holding it defaults).
fn variant_enum(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    variants: impl Iterator<Item = TokenStream>,
    first: &str,
    cx: &Context,
) -> TokenStream {
    let derive = derive(quote!(Debug, Clone, PartialEq), None, cx);
    let first = ident(first);
    quote! {
        #doc
        #derive
        pub enum #name {
            #(#variants)*
        }

        impl Default for #name {
            fn default() -> Self {
                Self::#first(Default::default())
            }
        }
    }
}

/// An enum for an abstract type: a variant per concrete derived type, read by the
/// element's `xsi:type` and written with it.
pub fn abstract_tokens(plan: &AbstractPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let doc = doc_lines(
        plan.doc.as_deref(),
        &format!(
            "Generated from {}: one variant per concrete type derived from it, which the element names in `xsi:type`.",
            plan.origin
        ),
    );
    let variants = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty: TokenStream = v.rust_type.parse().expect("planned Rust type");
        let doc = format!(" `xsi:type` `{}`.", v.xsi_type.local);
        let rename = serde_rename(&v.name, &v.xsi_type.local, cx);
        quote! { #[doc = #doc] #rename #variant(#ty), }
    });
    let attribute_writes = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ns = cx.namespace_const(&v.xsi_type.ns);
        let local = &v.xsi_type.local;
        quote! {
            Self::#variant(value) => {
                writer.xsi_type(#ns, #local);
                #rt::ToXml::write_attributes(value, writer);
            }
        }
    });
    let content_writes = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        quote! { Self::#variant(value) => #rt::ToXml::write_content(value, writer), }
    });
    let reads = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ns = cx.namespace_const(&v.xsi_type.ns);
        let local = &v.xsi_type.local;
        quote! { Some((#ns, #local)) => #rt::FromXml::read_xml(reader, element).map(Self::#variant), }
    });
    let declared = plan.declared.to_string();
    let expected = plan.variants.iter().map(|v| v.xsi_type.to_string());
    let declaration = variant_enum(
        &name,
        doc,
        variants,
        &plan.variants[plan.default_variant].name,
        cx,
    );
    quote! {
        #declaration

        impl #rt::ToXml for #name {
            fn write_attributes(&self, writer: &mut #rt::XmlWriter) {
                match self {
                    #(#attribute_writes)*
                }
            }
            fn write_content(&self, writer: &mut #rt::XmlWriter) {
                match self {
                    #(#content_writes)*
                }
            }
        }

        impl #rt::FromXml for #name {
            fn read_xml<'a>(reader: &mut #rt::XmlReader<'a>, element: &#rt::Element<'a>) -> Result<Self, #rt::DecodeError> {
                let found = reader.xsi_type(element)?;
                match found.as_ref().map(|(ns, local)| (ns.as_str(), local.as_str())) {
                    #(#reads)*
                    _ => Err(reader.unexpected_type(element, found.clone(), #declared, &[#(#expected),*])),
                }
            }
        }
    }
}

fn from_xml_impl(plan: &StructPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    // The value is filled in place, starting from its default; flags track the required
    // fields. (Sixty `Option` locals assembled at the end made a function eleven times
    // larger that no longer fit the instruction cache: see BENCHMARKS.md.)
    // Attributes come first in the initializer: they must be read while the element's
    // namespace declarations are still in scope, before its content.
    let mut initializers: Vec<TokenStream> = plan
        .attributes
        .iter()
        .map(|a| {
            let field = ident(&a.name);
            let read = read_attribute(a, cx);
            quote! { #field: #read, }
        })
        .collect();
    let required = required_names(plan);
    let flag_count = proc_macro2::Literal::usize_unsuffixed(required.len());
    let seen = (!required.is_empty()).then(|| quote! { let mut seen = [false; #flag_count]; });
    let checks = missing_checks(&required);
    let mut occurrences = Occurrences::default();
    let (entries, other) = entries(plan, cx, true, Some(&mut occurrences));
    let trackers: Vec<TokenStream> = occurrences
        .trackers
        .iter()
        .map(|tracker| {
            let ident = &tracker.ident;
            let value = tracker.new_value(cx);
            quote! { let mut #ident = #value; }
        })
        .collect();
    let closes: Vec<TokenStream> = occurrences.trackers.iter().map(Tracker::close).collect();
    let checks = closes.into_iter().chain(checks);
    let field_table = entries
        .iter()
        .map(|Entry { ns, name, .. }| quote!((#ns, #name)));
    let stores: Vec<&TokenStream> = entries.iter().map(|entry| &entry.store).collect();
    let indexes: Vec<proc_macro2::Literal> = (0..entries.len())
        .map(proc_macro2::Literal::usize_unsuffixed)
        .collect();
    let body = if let Some((field, _)) = &plan.text {
        let field = ident(field);
        initializers.push(quote! { #field: reader.read_value(element.clone())?, });
        TokenStream::new()
    } else if let Some(content) = &plan.mixed {
        let field = ident(content);
        initializers
            .push(quote! { #field: <#rt::RawXml as #rt::FromXml>::read_xml(reader, element)?, });
        TokenStream::new()
    } else if let Some(store_any) = other {
        quote! {
            const FIELDS: &[(&str, &str)] = &[#(#field_table),*];
            #seen
            #(#trackers)*
            let mut children = reader.children(element);
            while let Some((index, child)) = reader.next_field_or_other(&mut children, FIELDS)? {
                match index {
                    #(Some(#indexes) => #stores,)*
                    Some(_) => reader.skip(child)?,
                    None => #store_any,
                }
            }
            #(#checks)*
        }
    } else if plan.fields.is_empty() {
        quote! {
            let mut children = reader.children(element);
            while let Some(child) = reader.next_child(&mut children)? {
                reader.skip(child)?;
            }
        }
    } else {
        quote! {
            const FIELDS: &[(&str, &str)] = &[#(#field_table),*];
            #seen
            #(#trackers)*
            let mut children = reader.children(element);
            while let Some((index, child)) = reader.next_field(&mut children, FIELDS)? {
                match index {
                    #(#indexes => #stores,)*
                    _ => reader.skip(child)?,
                }
            }
            #(#checks)*
        }
    };
    // Element content is filled in after the initializer; every other field (attributes,
    // text, mixed content) is in the initializer itself.
    let fills = plan.any.is_some() || !plan.fields.is_empty();
    let rest = fills.then(|| quote!(..Self::default()));
    let binding = match (fills, initializers.is_empty()) {
        (true, true) => quote!(let mut value = Self::default();),
        (true, false) => quote!(let mut value = Self { #(#initializers)* #rest };),
        (false, true) => quote!(let value = Self::default();),
        (false, false) => quote!(let value = Self { #(#initializers)* #rest };),
    };
    let check_type = plan.declared_type.as_ref().map(|declared| {
        let ns = cx.namespace_const(&declared.ns);
        let local = &declared.local;
        quote! { reader.check_declared_type(element, #ns, #local)?; }
    });
    quote! {
        impl #rt::FromXml for #name {
            fn read_xml<'a>(reader: &mut #rt::XmlReader<'a>, element: &#rt::Element<'a>) -> Result<Self, #rt::DecodeError> {
                #check_type
                #binding
                #body
                Ok(value)
            }
        }
    }
}

/// `#[doc]` attributes: the schema's documentation, then a line saying where it came from.
pub fn doc_lines(doc: Option<&str>, origin: &str) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    if let Some(doc) = doc {
        lines.extend(
            doc.lines()
                .map(|l| format!(" {}", markdown_escape(l.trim()))),
        );
        lines.push(String::new());
    }
    lines.push(format!(" {origin}"));
    quote! { #(#[doc = #lines])* }
}

/// WSDL documentation is plain text; rustdoc reads Markdown. Escapes what Markdown would
/// take as markup (`<n>` as an HTML tag, `[x]` as a link, `_x_` as emphasis) and makes
/// URLs autolinks, so the text reads as written and `cargo doc` stays warning-free.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || "<>\"'()[]{}`，。）".contains(c))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        if "\\`*_[]<>#|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown_escape;

    #[test]
    fn escapes_markdown_and_links_urls() {
        assert_eq!(
            markdown_escape("S_<n>,<orderno>_x [a]"),
            r"S\_\<n\>,\<orderno\>\_x \[a\]"
        );
        assert_eq!(
            markdown_escape("see https://invoice.paynow.com.tw/x.asmx."),
            "see <https://invoice.paynow.com.tw/x.asmx>."
        );
    }
}
