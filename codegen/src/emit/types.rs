//! Tokens for the planned structs: the type, its `ToXml` and its `FromXml`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use super::names::ident;
use super::plan::{Cardinality, FieldPlan, NewtypePlan, StructPlan, ValueType};

/// A struct with its XML impls.
pub fn struct_tokens(plan: &StructPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let doc = doc_lines(
        plan.doc.as_deref(),
        &format!("Generated from {}.", plan.origin),
    );
    let fields = plan.fields.iter().map(|f| {
        let field = ident(&f.name);
        let ty = field_type(f);
        let wire = format!("`{}` ({}).", f.xml_name, f.schema_type);
        let doc = doc_lines(f.doc.as_deref(), &wire);
        quote! { #doc pub #field: #ty, }
    });
    let attribute_fields = plan.attributes.iter().map(|a| {
        let field = ident(&a.name);
        let ty: TokenStream = a.rust_type.parse().expect("planned Rust type");
        let ty = if a.required { ty } else { quote!(Option<#ty>) };
        let doc = doc_lines(a.doc.as_deref(), &format!("Attribute `{}`.", a.xml_name));
        quote! { #doc pub #field: #ty, }
    });
    let serde_path = format!("{}::serde", cx.runtime_path);
    let to_xml = to_xml_impl(plan, cx);
    let from_xml = from_xml_impl(plan, cx);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default, #rt::serde::Serialize, #rt::serde::Deserialize)]
        #[serde(crate = #serde_path)]
        pub struct #name {
            #(#fields)*
            #(#attribute_fields)*
        }

        #to_xml
        #from_xml
    }
}

/// A newtype around a simple value, for a simple-typed body element.
pub fn newtype_tokens(plan: &NewtypePlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let inner: TokenStream = plan.rust_type.parse().expect("planned Rust type");
    let doc = doc_lines(None, &format!("Generated from {}.", plan.origin));
    let serde_path = format!("{}::serde", cx.runtime_path);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default, #rt::serde::Serialize, #rt::serde::Deserialize)]
        #[serde(crate = #serde_path)]
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

fn field_type(field: &FieldPlan) -> TokenStream {
    let inner: TokenStream = match &field.value {
        ValueType::Simple(rust) | ValueType::Complex(rust) => {
            rust.parse().expect("planned Rust type")
        }
    };
    match field.cardinality {
        Cardinality::Required => inner,
        Cardinality::Optional => quote!(Option<#inner>),
        Cardinality::Repeated => quote!(Vec<#inner>),
    }
}

fn to_xml_impl(plan: &StructPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let writes = plan.fields.iter().map(|f| {
        let field = ident(&f.name);
        let ns = cx.namespace_const(&f.ns);
        let xml_name = &f.xml_name;
        let write_one = match f.value {
            ValueType::Simple(_) => quote!(value_element),
            ValueType::Complex(_) => quote!(complex_element),
        };
        match f.cardinality {
            Cardinality::Required => quote! { writer.#write_one(#ns, #xml_name, &self.#field); },
            // A required nillable element is written as nil when absent.
            Cardinality::Optional if f.nillable => quote! {
                match &self.#field {
                    Some(value) => writer.#write_one(#ns, #xml_name, value),
                    None => writer.nil_element(#ns, #xml_name),
                }
            },
            Cardinality::Optional => quote! {
                if let Some(value) = &self.#field {
                    writer.#write_one(#ns, #xml_name, value);
                }
            },
            Cardinality::Repeated => quote! {
                for value in &self.#field {
                    writer.#write_one(#ns, #xml_name, value);
                }
            },
        }
    });
    let attribute_writes = plan.attributes.iter().map(|a| {
        let field = ident(&a.name);
        let xml_name = &a.xml_name;
        let ns = cx.attribute_namespace(&a.ns);
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
    let attributes_fn = (!plan.attributes.is_empty()).then(|| {
        quote! {
            fn write_attributes(&self, writer: &mut #rt::XmlWriter) {
                #(#attribute_writes)*
            }
        }
    });
    let writer_param = if plan.fields.is_empty() {
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

fn from_xml_impl(plan: &StructPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let field_table = plan.fields.iter().map(|f| {
        let ns = cx.namespace_const(&f.ns);
        let xml_name = &f.xml_name;
        quote!((#ns, #xml_name))
    });
    let declarations = plan.fields.iter().map(|f| {
        let field = ident(&f.name);
        match f.cardinality {
            Cardinality::Repeated => quote! { let mut #field = Vec::new(); },
            _ => quote! { let mut #field = None; },
        }
    });
    let arms = plan.fields.iter().enumerate().map(|(index, f)| {
        let field = ident(&f.name);
        let read = match (&f.value, f.nillable) {
            (ValueType::Simple(_), false) => quote!(reader.read_value(child)?),
            (ValueType::Complex(_), false) => quote!(reader.read_complex(child)?),
            (ValueType::Simple(_), true) => quote!(reader.read_nillable_value(child)?),
            (ValueType::Complex(_), true) => quote!(reader.read_nillable_complex(child)?),
        };
        let store = match (f.cardinality, f.nillable) {
            (Cardinality::Repeated, false) => quote!(#field.push(#read)),
            // A nil item of a list is dropped: Vec<T> has no room for it.
            (Cardinality::Repeated, true) => quote!(#field.extend(#read)),
            (_, false) => quote!(#field = Some(#read)),
            (_, true) => quote!(#field = #read),
        };
        quote!(#index => #store,)
    });
    let inits = plan.fields.iter().map(|f| {
        let field = ident(&f.name);
        let xml_name = &f.xml_name;
        match f.cardinality {
            Cardinality::Required => quote!(#field: reader.require(#field, element, #xml_name)?,),
            _ => quote!(#field,),
        }
    });
    let attribute_reads = plan.attributes.iter().map(|a| {
        let field = ident(&a.name);
        let xml_name = &a.xml_name;
        let ns = cx.attribute_namespace(&a.ns);
        let ty: TokenStream = a.rust_type.parse().expect("planned Rust type");
        let parse = quote! {
            match reader.attribute(element, #ns, #xml_name)? {
                Some(text) => Some(<#ty as #rt::XmlValue>::from_xml_text(&text).map_err(|reason| {
                    reader.error_at_element(element, #rt::DecodeErrorKind::InvalidValue { text: text.into_owned(), reason })
                })?),
                None => None,
            }
        };
        if a.required {
            quote! {
                let #field = match #parse {
                    Some(value) => value,
                    None => return Err(reader.error_at_element(element, #rt::DecodeErrorKind::MissingElement { name: concat!("@", #xml_name).to_owned() })),
                };
            }
        } else {
            quote! { let #field = #parse; }
        }
    });
    let attribute_inits = plan.attributes.iter().map(|a| {
        let field = ident(&a.name);
        quote!(#field,)
    });
    let loop_body = if plan.fields.is_empty() {
        quote! {
            let mut children = reader.children(element);
            while let Some(child) = reader.next_child(&mut children)? {
                reader.skip(child)?;
            }
        }
    } else {
        quote! {
            const FIELDS: &[(&str, &str)] = &[#(#field_table),*];
            #(#declarations)*
            let mut children = reader.children(element);
            while let Some((index, child)) = reader.next_field(&mut children, FIELDS)? {
                match index {
                    #(#arms)*
                    _ => reader.skip(child)?,
                }
            }
        }
    };
    quote! {
        impl #rt::FromXml for #name {
            fn read_xml<'a>(reader: &mut #rt::XmlReader<'a>, element: &#rt::Element<'a>) -> Result<Self, #rt::DecodeError> {
                #(#attribute_reads)*
                #loop_body
                Ok(Self {
                    #(#inits)*
                    #(#attribute_inits)*
                })
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
