//! Tokens for a server trait, as tonic-build generates servers: a method per operation
//! to implement, and a dispatch function that routes a request envelope to it.

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use super::names::ident;
use super::service::ServicePlan;
use super::types::doc_lines;

/// The server trait and dispatch function of `plan`.
pub fn server_tokens(plan: &ServicePlan<'_>, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let trait_name = ident(&plan.server_name);
    let client_name = ident(&plan.client_name);
    let dispatch = ident(&plan.dispatch_name);
    let methods = plan.operations.iter().map(|op| {
        let method = ident(&op.method);
        let request: TokenStream = op.request.rust_type.parse().expect("planned type");
        let mut response: TokenStream = match &op.response {
            Some(response) => response.rust_type.parse().expect("planned type"),
            None => quote!(()),
        };
        if let Some(headers) = &op.response_headers {
            let headers: TokenStream = headers.parse().expect("planned type");
            response = quote!((#response, #headers));
        }
        let headers = op.request_headers.as_ref().map(|headers| {
            let headers: TokenStream = headers.parse().expect("planned type");
            quote!(headers: #headers,)
        });
        let doc = doc_lines(op.operation.documentation.as_deref(), &format!("Answers `{}`.", op.operation.name));
        let fault_doc = op.faults.as_ref().map(|faults| {
            let line = format!(" A fault the WSDL declares is answered with [`{faults}::to_fault`].");
            quote!(#[doc = ""] #[doc = #line])
        });
        let lint = super::client::self_convention_allowance(&op.method);
        quote! {
            #doc
            #fault_doc
            #lint
            fn #method(&self, #headers request: #request) -> impl ::core::future::Future<Output = Result<#response, #rt::Fault>> + Send;
        }
    });
    let arms = plan.operations.iter().map(|op| {
        let method = ident(&op.method);
        let const_ident = ident(&op.const_name);
        let ns = cx.namespace_const(&op.request.element.ns);
        let name = &op.request.element.local;
        let operation = quote!(&#client_name::#const_ident);
        if op.response.is_some() && op.has_headers() {
            let (headers, call) = match &op.request_headers {
                Some(_) => (quote!(headers), quote!(server.#method(headers, body))),
                None => (quote!(()), quote!(server.#method(body))),
            };
            let answer = match &op.response_headers {
                Some(_) => quote!(#call.await.map(|(response, headers)| (response, Some(headers)))),
                None => quote!(#call.await.map(|response| (response, None::<()>))),
            };
            return quote! {
                (#ns, #name) => {
                    #rt::server::handle_with_headers(request, incoming.version, #operation, limits, |#headers, body| async move { #answer }).await
                }
            };
        }
        let handle = match (&op.response, op.request.encoded) {
            (Some(_), false) => quote!(handle),
            (Some(_), true) => quote!(handle_encoded),
            (None, _) => quote!(handle_one_way),
        };
        quote! {
            (#ns, #name) => {
                #rt::server::#handle(request, incoming.version, #operation, limits, |body| server.#method(body)).await
            }
        }
    });
    let trait_doc = doc_lines(
        None,
        &format!(
            "Server side of {}, port type `{}`: implement it and route requests with [`{}`].",
            plan.offered_by(),
            plan.port_type.name.local,
            plan.dispatch_name
        ),
    );
    let dispatch_doc = format!(
        " Routes a SOAP 1.1 or 1.2 request envelope to the [`{}`] method its body element names, and encodes the answer or fault.",
        plan.server_name
    );
    quote! {
        #trait_doc
        pub trait #trait_name: Send + Sync {
            #(#methods)*
        }

        #[doc = #dispatch_doc]
        pub async fn #dispatch<S: #trait_name + ?Sized>(server: &S, request: &[u8], limits: #rt::Limits) -> #rt::server::ServerResponse {
            let incoming = match #rt::server::inspect_request(request, limits) {
                Ok(incoming) => incoming,
                Err(fault) => return #rt::server::encode_fault(&fault),
            };
            match (incoming.namespace.as_str(), incoming.name.as_str()) {
                #(#arms)*
                (namespace, name) => #rt::server::encode_fault(&#rt::Fault::client(
                    incoming.version,
                    format!("no operation takes a body element `{{{namespace}}}{name}`"),
                )),
            }
        }
    }
}
