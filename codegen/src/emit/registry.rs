//! Tokens for the opt-in request registry ([`Settings::json_registry`](super::Settings)):
//! one function that builds the request envelope of any operation, by name, from
//! serde values, and the list of those names. Interop tests use it to feed the same
//! values to this client and to another SOAP stack and compare the envelopes. It is
//! generic over the `Deserializer` so generated code needs no serde_json; the caller
//! brings its own format.

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use super::service::{OperationPlan, ServicePlan};

/// `request_envelope(operation, values, version)` over every operation of `services`,
/// and `REGISTRY_OPERATIONS`, their names.
pub fn registry_tokens(services: &[ServicePlan<'_>], cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let operations = operations_by_name(services);
    let names = operations.iter().map(|(name, _)| name);
    let arms: Vec<TokenStream> = operations
        .iter()
        .map(|(name, plans)| match plans.as_slice() {
            [plan] => envelope_arm(name, plan, cx),
            _ => ambiguous_arm(name, plans),
        })
        .collect();
    let unknown = quote!(Err(format!("no operation `{operation}`")));
    // A match with no arm but the fallback is a lint (clippy's match_single_binding).
    let body = if arms.is_empty() {
        unknown
    } else {
        quote!(match operation { #(#arms)* _ => #unknown, })
    };
    // With no operation to build (an abstract WSDL), the parameters are unused; a
    // leading `_` keeps the generated code warning-free.
    let (values, version) = if operations.iter().any(|(_, plans)| plans.len() == 1) {
        (quote!(values), quote!(version))
    } else {
        (quote!(_values), quote!(_version))
    };
    quote! {
        /// The operations [`request_envelope`] knows, by WSDL name. Emitted because
        /// `Settings::json_registry` was on.
        pub const REGISTRY_OPERATIONS: &[&str] = &[#(#names),*];

        /// Builds the request envelope of `operation` (its WSDL name) from `values`,
        /// deserialized as the operation's request type (JSON keys are the XML names), or
        /// for an operation with request headers as the pair `[headers, request]`, for
        /// `version`, unindented. Emitted because `Settings::json_registry` was on; it
        /// exists for interop tests, and a client needs none of it.
        pub fn request_envelope<'de, D: #rt::serde::Deserializer<'de>>(
            operation: &str,
            #values: D,
            #version: #rt::SoapVersion,
        ) -> Result<Vec<u8>, String> {
            #body
        }
    }
}

/// Each operation name with the operations of distinct request bodies bound to it, in
/// order of first appearance. WSDL operation names are unique only within a port type,
/// so a name can mean different bodies in different services.
fn operations_by_name<'p, 'd>(
    services: &'p [ServicePlan<'d>],
) -> Vec<(&'p str, Vec<&'p OperationPlan<'d>>)> {
    let mut by_name: Vec<(&str, Vec<&OperationPlan<'d>>)> = Vec::new();
    for op in services.iter().flat_map(|s| &s.operations) {
        let name = op.operation.name.as_str();
        let index = match by_name.iter().position(|(n, _)| *n == name) {
            Some(index) => index,
            None => {
                by_name.push((name, Vec::new()));
                by_name.len() - 1
            }
        };
        let plans = &mut by_name[index].1;
        if !plans
            .iter()
            .any(|p| p.request.element == op.request.element)
        {
            plans.push(op);
        }
    }
    by_name
}

fn envelope_arm(name: &str, plan: &OperationPlan<'_>, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let body = &plan.request;
    let request: TokenStream = body.rust_type.parse().expect("planned type");
    let ns = cx.namespace_const(&body.element.ns);
    let element = &body.element.local;
    let (value_type, pattern, headers) = match &plan.request_headers {
        Some(headers) => {
            let headers: TokenStream = headers.parse().expect("planned type");
            (
                quote!((#headers, #request)),
                quote!((headers, body)),
                quote!(Some(&headers)),
            )
        }
        None => (quote!(#request), quote!(body), quote!(None)),
    };
    let write = match body.encoded {
        true => quote!(#rt::write_encoded_request(version, #ns, #element, &body, false)),
        false => quote!(#rt::write_envelope(version, #headers, &[], #ns, #element, &body, false)),
    };
    quote! {
        #name => {
            let #pattern: #value_type = #rt::serde::Deserialize::deserialize(values)
                .map_err(|e| e.to_string())?;
            #write.map_err(|e| e.to_string())
        }
    }
}

/// An operation name with several request bodies cannot be told apart by name alone;
/// saying so beats silently picking one.
fn ambiguous_arm(name: &str, plans: &[&OperationPlan<'_>]) -> TokenStream {
    let elements: Vec<String> = plans
        .iter()
        .map(|p| p.request.element.to_string())
        .collect();
    let message = format!(
        "operation `{name}` is ambiguous: port types bind it to different request elements ({})",
        elements.join(", ")
    );
    quote! { #name => Err(#message.to_owned()), }
}
