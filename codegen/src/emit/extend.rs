//! Tokens reading a struct of an extension chain part by part (`ExtensibleContent`):
//! a derived struct reads its own attributes and children and hands the rest to its
//! `base` field's type, so each struct's reading code covers only what it declares.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Context;
use super::names::ident;
use super::plan::{StructPlan, ValueType};
use super::types::{
    Entry, Occurrences, Tracker, entries, missing_checks, read_attribute, required_names,
};

/// `FromXml` (through `XmlReader::read_extensible`) and `ExtensibleContent` for `plan`.
pub fn extensible_impls(plan: &StructPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let parts = Parts::of(plan, cx);
    let check_type = plan.declared_type.as_ref().map(|declared| {
        let ns = cx.namespace_const(&declared.ns);
        let local = &declared.local;
        quote! { reader.check_declared_type(element, #ns, #local)?; }
    });
    let occurrences = parts.occurrences();
    let required_count = parts.required_count();
    let read_attributes = parts.read_attributes();
    let read_text = parts.read_text();
    let read_child = parts.read_child();
    let check_required = parts.check_required();
    quote! {
        impl #rt::FromXml for #name {
            fn read_xml<'a>(reader: &mut #rt::XmlReader<'a>, element: &#rt::Element<'a>) -> Result<Self, #rt::DecodeError> {
                #check_type
                reader.read_extensible(element)
            }
        }

        impl #rt::ExtensibleContent for #name {
            #occurrences
            #required_count
            #read_attributes
            #read_text
            #read_child
            #check_required
        }
    }
}

/// What the methods are made of.
struct Parts<'p> {
    plan: &'p StructPlan,
    cx: &'p Context,
    /// The base field and `<Base as ExtensibleContent>`.
    base: Option<(proc_macro2::Ident, TokenStream)>,
    /// The wire names of the required children this level tracks, in flag order.
    required: Vec<&'p str>,
    /// The children this level reads, and the statement storing one none names.
    entries: Vec<Entry>,
    other: Option<TokenStream>,
    /// The occurrence trackers of this level's sequences read in place.
    trackers: Vec<Tracker>,
}

impl<'p> Parts<'p> {
    fn of(plan: &'p StructPlan, cx: &'p Context) -> Self {
        let rt = &cx.runtime;
        let base = plan.base.as_ref().map(|base| {
            let ValueType::Complex(rust) = &base.value else {
                unreachable!("a base is planned as a complex value")
            };
            let ty: TokenStream = rust.parse().expect("planned Rust type");
            (ident(&base.name), quote!(<#ty as #rt::ExtensibleContent>))
        });
        let mut occurrences = Occurrences::default();
        let (entries, other) = entries(plan, cx, true, Some(&mut occurrences));
        Self {
            plan,
            cx,
            base,
            required: required_names(plan),
            entries,
            other,
            trackers: occurrences.trackers,
        }
    }

    /// `type Occurrences` and `occurrences()`: this level's trackers, then the base's
    /// (a tuple), or the base's alone, or `()`.
    fn occurrences(&self) -> TokenStream {
        let base = self.base.as_ref().map(|(_, base)| base);
        let (ty, value) = match (self.trackers.as_slice(), base) {
            ([], Some(base)) => (quote!(#base::Occurrences), quote!(#base::occurrences())),
            // `()`: an empty body.
            ([], None) => (quote!(()), TokenStream::new()),
            (trackers, base) => {
                let types = trackers.iter().map(|t| t.ty(self.cx));
                let values = trackers.iter().map(|t| t.new_value(self.cx));
                let (base_type, base_value) = match base {
                    Some(base) => (
                        Some(quote!(#base::Occurrences)),
                        Some(quote!(#base::occurrences())),
                    ),
                    None => (None, None),
                };
                (
                    quote!((#(#types,)* #base_type)),
                    quote!((#(#values,)* #base_value)),
                )
            }
        };
        quote! {
            type Occurrences = #ty;
            fn occurrences() -> Self::Occurrences {
                #value
            }
        }
    }

    /// Binds this level's trackers (by their names) and the base's (`base_occurrences`)
    /// from `occurrences`; `None` when the level has none of its own.
    fn bind_trackers(&self) -> Option<TokenStream> {
        if self.trackers.is_empty() {
            return None;
        }
        let names = self.trackers.iter().map(|t| &t.ident);
        let base = self.base.as_ref().map(|_| quote!(base_occurrences));
        Some(quote! { let (#(#names,)* #base) = occurrences; })
    }

    /// What the base's methods get as its occurrences.
    fn base_occurrences(&self) -> TokenStream {
        if self.trackers.is_empty() {
            quote!(occurrences)
        } else {
            quote!(base_occurrences)
        }
    }

    /// `occurrences` as a parameter name, `_`-prefixed when unused.
    fn occurrences_param(&self) -> TokenStream {
        if self.trackers.is_empty() && self.base.is_none() {
            quote!(_occurrences)
        } else {
            quote!(occurrences)
        }
    }

    /// The number of this level's flags, as a literal.
    fn own_count(&self) -> Literal {
        Literal::usize_unsuffixed(self.required.len())
    }

    fn required_count(&self) -> TokenStream {
        let own = self.own_count();
        let total = match &self.base {
            Some((_, base)) if self.required.is_empty() => quote!(#base::required_count()),
            Some((_, base)) => quote!(#own + #base::required_count()),
            None => quote!(#own),
        };
        quote! {
            fn required_count() -> usize {
                #total
            }
        }
    }

    fn read_attributes(&self) -> TokenStream {
        let rt = &self.cx.runtime;
        let base = self.base.as_ref().map(|(field, base)| {
            quote! { #base::read_attributes(&mut self.#field, reader, element)?; }
        });
        let own = self.plan.attributes.iter().map(|a| {
            let field = ident(&a.name);
            let read = read_attribute(a, self.cx);
            quote! { self.#field = #read; }
        });
        let (reader, element) = if base.is_none() && self.plan.attributes.is_empty() {
            (quote!(_reader), quote!(_element))
        } else {
            (quote!(reader), quote!(element))
        };
        quote! {
            fn read_attributes<'a>(&mut self, #reader: &mut #rt::XmlReader<'a>, #element: &#rt::Element<'a>) -> Result<(), #rt::DecodeError> {
                #base
                #(#own)*
                Ok(())
            }
        }
    }

    /// Text content is the type's own (simpleContent, mixed) or its base's; element
    /// content keeps the trait's default (`false`).
    fn read_text(&self) -> Option<TokenStream> {
        let rt = &self.cx.runtime;
        let body = if let Some((field, _)) = &self.plan.text {
            let field = ident(field);
            quote! {
                self.#field = reader.read_value(element.clone())?;
                Ok(true)
            }
        } else if let Some(content) = &self.plan.mixed {
            let field = ident(content);
            quote! {
                self.#field = <#rt::RawXml as #rt::FromXml>::read_xml(reader, element)?;
                Ok(true)
            }
        } else if self.plan.base_text {
            let (field, base) = self.base.as_ref()?;
            quote!(#base::read_text(&mut self.#field, reader, element))
        } else {
            return None;
        };
        Some(quote! {
            fn read_text<'a>(&mut self, reader: &mut #rt::XmlReader<'a>, element: &#rt::Element<'a>) -> Result<bool, #rt::DecodeError> {
                #body
            }
        })
    }

    /// The flags of the base, after this level's: `seen` itself if this level has none.
    fn split(&self, split: TokenStream) -> (Option<TokenStream>, TokenStream) {
        if self.required.is_empty() {
            return (None, quote!(seen));
        }
        let own = self.own_count();
        (
            Some(quote! { let (seen, base_seen) = seen.#split(#own); }),
            quote!(base_seen),
        )
    }

    fn read_child(&self) -> TokenStream {
        let rt = &self.cx.runtime;
        let (entries, other) = (&self.entries, self.other.clone());
        let (split, base_seen) = self.split(quote!(split_at_mut));
        let split = self.base.as_ref().and(split);
        // A child none of this level's fields names goes to the base, then to this
        // level's `xsd:any`; one nobody takes is handed back.
        let uses_value = !entries.is_empty() || self.plan.any.is_some();
        let owner = if uses_value {
            quote!(value)
        } else {
            quote!(self)
        };
        let base_occurrences = self.base_occurrences();
        let to_base = self.base.as_ref().map(|(field, base)| {
            quote!(#base::read_child(&mut #owner.#field, reader, element, child, #base_seen, #base_occurrences))
        });
        let (tail, fallback) = match (to_base, other) {
            (Some(to_base), Some(store_any)) => {
                let take = quote! {
                    if let Some(child) = #to_base? {
                        #store_any;
                    }
                };
                (quote!(#take Ok(None)), quote!({ #take }))
            }
            (Some(to_base), None) => (to_base.clone(), quote!(return #to_base)),
            (None, Some(store_any)) => (quote! { #store_any; Ok(None) }, quote!({ #store_any; })),
            (None, None) => (quote!(Ok(Some(child))), quote!(return Ok(Some(child)))),
        };
        let body = if entries.is_empty() {
            tail
        } else {
            let table = entries
                .iter()
                .map(|Entry { ns, name, .. }| quote!((#ns, #name)));
            let stores = entries.iter().map(|entry| &entry.store);
            let indexes = (0..entries.len()).map(Literal::usize_unsuffixed);
            quote! {
                const FIELDS: &[(&str, &str)] = &[#(#table),*];
                match reader.field_index(&child, FIELDS) {
                    #(Some(#indexes) => #stores,)*
                    Some(_) => reader.skip(child)?,
                    None => #fallback,
                }
                Ok(None)
            }
        };
        let bind_value = uses_value.then(|| quote!(let value = self;));
        let reader = if uses_value || self.base.is_some() {
            quote!(reader)
        } else {
            quote!(_reader)
        };
        let seen = if self.base.is_none() && self.required.is_empty() {
            quote!(_seen)
        } else {
            quote!(seen)
        };
        let element = if self.base.is_none() && self.trackers.is_empty() {
            quote!(_element)
        } else {
            quote!(element)
        };
        let occurrences = self.occurrences_param();
        let bind_trackers = self.bind_trackers();
        quote! {
            fn read_child<'a>(&mut self, #reader: &mut #rt::XmlReader<'a>, #element: &#rt::Element<'a>, child: #rt::Element<'a>, #seen: &mut [bool], #occurrences: &mut Self::Occurrences) -> Result<Option<#rt::Element<'a>>, #rt::DecodeError> {
                #split
                #bind_trackers
                #bind_value
                #body
            }
        }
    }

    fn check_required(&self) -> TokenStream {
        let rt = &self.cx.runtime;
        let (split, base_seen) = self.split(quote!(split_at));
        let split = self.base.as_ref().and(split);
        let base_occurrences = self.base_occurrences();
        let base = self.base.as_ref().map(|(_, base)| {
            quote! { #base::check_required(#base_seen, #base_occurrences, reader, element)?; }
        });
        let closes = self.trackers.iter().map(Tracker::close);
        let checks = missing_checks(&self.required);
        let unused = base.is_none() && self.required.is_empty() && self.trackers.is_empty();
        let (reader, element) = if unused {
            (quote!(_reader), quote!(_element))
        } else {
            (quote!(reader), quote!(element))
        };
        let seen = if base.is_none() && self.required.is_empty() {
            quote!(_seen)
        } else {
            quote!(seen)
        };
        let occurrences = self.occurrences_param();
        let bind_trackers = self.bind_trackers();
        quote! {
            fn check_required(#seen: &[bool], #occurrences: &mut Self::Occurrences, #reader: &#rt::XmlReader<'_>, #element: &#rt::Element<'_>) -> Result<(), #rt::DecodeError> {
                #split
                #bind_trackers
                #base
                #(#closes)*
                #(#checks)*
                Ok(())
            }
        }
    }
}
