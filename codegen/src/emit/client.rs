//! Tokens for a client: a struct wrapping the runtime client, an `Operation` constant and
//! an async method per operation; and, when asked for, its blocking twin, whose methods
//! are the same but for `async` and `.await`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::SoapVersion;

use super::Context;
use super::names::ident;
use super::service::ServicePlan;
use super::types::doc_lines;

/// The client of `plan`.
pub fn client_tokens(plan: &ServicePlan<'_>, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.client_name);
    let optional = |a: Option<&str>| match a {
        Some(a) => quote!(Some(#a)),
        None => quote!(None),
    };
    let service_name = &plan.service.name.local;
    let consts = plan.operations.iter().map(|op| {
        let const_ident = ident(&op.const_name);
        let op_name = &op.operation.name;
        let soap11 = optional(op.soap11_action);
        let soap12 = optional(op.soap12_action);
        let (req_ns, req_name) = (
            cx.namespace_const(&op.request.element.ns),
            &op.request.element.local,
        );
        let (resp_ns, resp_name) = match &op.response {
            Some(response) => (
                cx.namespace_const(&response.element.ns),
                response.element.local.as_str(),
            ),
            None => (quote!(""), ""),
        };
        let doc = format!(" Operation `{op_name}`: its actions and body elements.");
        quote! {
            #[doc = #doc]
            pub const #const_ident: #rt::Operation = #rt::Operation {
                service: #service_name,
                name: #op_name,
                soap11_action: #soap11,
                soap12_action: #soap12,
                request: (#req_ns, #req_name),
                response: (#resp_ns, #resp_name),
            };
        }
    });
    let methods = methods(plan, cx, Flavor::Async);
    let endpoint_consts = plan.endpoints.iter().map(|(version, address)| {
        let (const_ident, what) = match version {
            SoapVersion::Soap11 => (ident("SOAP11_ENDPOINT"), "SOAP 1.1"),
            SoapVersion::Soap12 => (ident("SOAP12_ENDPOINT"), "SOAP 1.2"),
        };
        let doc = format!(" The {what} endpoint the WSDL names.");
        quote! { #[doc = #doc] pub const #const_ident: &'static str = #address; }
    });
    let doc = doc_lines(
        plan.service.documentation.as_deref(),
        &format!(
            "Client of {}, port type `{}`.{}",
            plan.offered_by(),
            plan.port_type.name.local,
            match plan.endpoints.is_empty() {
                true => " The WSDL names no address: give it in the `ClientConfig`.",
                false => "",
            }
        ),
    );
    quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct #name {
            inner: #rt::Client,
        }

        impl #name {
            #(#endpoint_consts)*
            #(#consts)*

            /// A client configured by `config`.
            pub fn new(config: #rt::ClientConfig) -> Result<Self, #rt::SoapError> {
                #rt::Client::new(config).map(Self::from_client)
            }

            /// Wraps a configured runtime client.
            pub fn from_client(inner: #rt::Client) -> Self {
                Self { inner }
            }

            /// The runtime client underneath.
            pub fn inner(&self) -> &#rt::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}

/// Whether methods are async or blocking.
#[derive(Clone, Copy)]
enum Flavor {
    Async,
    Blocking,
}

/// One method per operation of `plan`, for the client of `flavor`.
fn methods<'p>(
    plan: &'p ServicePlan<'_>,
    cx: &'p Context,
    flavor: Flavor,
) -> impl Iterator<Item = TokenStream> + 'p {
    let rt = &cx.runtime;
    let (asyncness, awaited, owner) = match flavor {
        Flavor::Async => (quote!(async), quote!(.await), quote!(Self)),
        Flavor::Blocking => {
            let client = ident(&plan.client_name);
            (quote!(), quote!(), quote!(super::#client))
        }
    };
    plan.operations.iter().map(move |op| {
        let method = ident(&op.method);
        let lint = self_convention_allowance(&op.method);
        let const_ident = ident(&op.const_name);
        let operation = quote!(#owner::#const_ident);
        let request: TokenStream = op.request.rust_type.parse().expect("planned type");
        let doc = doc_lines(op.operation.documentation.as_deref(), &format!("Calls `{}`.", op.operation.name));
        let ty = |name: &Option<String>| -> Option<TokenStream> {
            name.as_deref().map(|n| n.parse().expect("planned type"))
        };
        let fault_doc = op.faults.as_ref().map(|faults| {
            let line = format!(" A fault the WSDL declares decodes with [`{faults}::from_error`].");
            quote!(#[doc = ""] #[doc = #line])
        });
        match &op.response {
            Some(response) if op.has_headers() => {
                let response: TokenStream = response.rust_type.parse().expect("planned type");
                let (param, headers_arg) = match ty(&op.request_headers) {
                    Some(headers) => (quote!(headers: &#headers,), quote!(Some(headers))),
                    None => (quote!(), quote!(None)),
                };
                let call = quote!(self.inner.call_with_headers(&#operation, #headers_arg, request) #awaited);
                let (output, result) = match ty(&op.response_headers) {
                    Some(headers) => (quote!((#response, #headers)), call),
                    None => (quote!(#response), quote!(#call.map(|(response, ())| response))),
                };
                let mut headers_doc = Vec::new();
                if op.request_headers.is_some() {
                    headers_doc.push(" `headers` are the request's SOAP header blocks.");
                }
                if op.response_headers.is_some() {
                    headers_doc.push(" The response's SOAP header blocks come back beside it; a block the service left out is `None`.");
                }
                quote! {
                    #doc
                    #[doc = ""]
                    #(#[doc = #headers_doc])*
                    #fault_doc
                    #lint
                    pub #asyncness fn #method(&self, #param request: &#request) -> Result<#output, #rt::SoapError> {
                        #result
                    }
                }
            }
            Some(response) => {
                let call = if op.request.encoded { quote!(call_encoded) } else { quote!(call) };
                let response: TokenStream = response.rust_type.parse().expect("planned type");
                quote! {
                    #doc
                    #fault_doc
                    #lint
                    pub #asyncness fn #method(&self, request: &#request) -> Result<#response, #rt::SoapError> {
                        self.inner.#call(&#operation, request) #awaited
                    }
                }
            }
            None => quote! {
                #doc
                ///
                /// One-way: the service answers nothing but a possible fault.
                #fault_doc
                #lint
                pub #asyncness fn #method(&self, request: &#request) -> Result<(), #rt::SoapError> {
                    self.inner.call_one_way(&#operation, request) #awaited
                }
            },
        }
    })
}

/// The blocking twin of the client of `plan`, for a `blocking` module beside it: same
/// name, same methods, on the runtime's blocking client; the operation constants stay on
/// the async client.
pub fn blocking_client_tokens(plan: &ServicePlan<'_>, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.client_name);
    let methods = methods(plan, cx, Flavor::Blocking);
    let doc = format!(
        " Blocking client of {}: the methods of the async [`super::{}`], for synchronous code.",
        plan.offered_by(),
        plan.client_name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #name {
            inner: #rt::blocking::Client,
        }

        impl #name {
            /// A client configured by `config`.
            pub fn new(config: #rt::ClientConfig) -> Result<Self, #rt::SoapError> {
                #rt::blocking::Client::new(config).map(|inner| Self { inner })
            }

            /// The runtime client underneath.
            pub fn inner(&self) -> &#rt::blocking::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}

/// For a method named after an operation like `fromClient` or `intoAccount`: clippy
/// expects `from_*` methods to take no `self` and `into_*` methods `self` by value, while
/// an operation method takes `&self`. The name is the WSDL's, so the lint is allowed on it.
pub(super) fn self_convention_allowance(method: &str) -> Option<TokenStream> {
    (method.starts_with("from_") || method.starts_with("into_"))
        .then(|| quote!(#[allow(clippy::wrong_self_convention)]))
}
