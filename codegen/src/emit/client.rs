//! Tokens for a client: a struct wrapping the runtime client, an `Operation` constant and
//! an async method per operation.

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
                name: #op_name,
                soap11_action: #soap11,
                soap12_action: #soap12,
                request: (#req_ns, #req_name),
                response: (#resp_ns, #resp_name),
            };
        }
    });
    let methods = plan.operations.iter().map(|op| {
        let method = ident(&op.method);
        let const_ident = ident(&op.const_name);
        let request: TokenStream = op.request.rust_type.parse().expect("planned type");
        let doc = doc_lines(op.operation.documentation.as_deref(), &format!("Calls `{}`.", op.operation.name));
        match &op.response {
            Some(response) => {
                let call = if op.request.encoded { quote!(call_encoded) } else { quote!(call) };
                let response: TokenStream = response.rust_type.parse().expect("planned type");
                quote! {
                    #doc
                    pub async fn #method(&self, request: &#request) -> Result<#response, #rt::SoapError> {
                        self.inner.#call(&Self::#const_ident, request).await
                    }
                }
            }
            None => quote! {
                #doc
                ///
                /// One-way: the service answers nothing but a possible fault.
                pub async fn #method(&self, request: &#request) -> Result<(), #rt::SoapError> {
                    self.inner.call_one_way(&Self::#const_ident, request).await
                }
            },
        }
    });
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
