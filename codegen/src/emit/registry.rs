//! Tokens for the opt-in request registry ([`Settings::json_registry`](super::Settings)):
//! one function that builds the request envelope of any operation, by name, from
//! serde values, and the list of those names. Interop tests use it to feed the same
//! values to this client and to another SOAP stack and compare the envelopes. It is
//! generic over the `Deserializer` so generated code needs no serde_json; the caller
//! brings its own format.

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use super::service::{Body, ServicePlan};

/// `request_envelope(operation, values, version)` over every operation of `services`,
/// and `REGISTRY_OPERATIONS`, their names.
pub fn registry_tokens(services: &[ServicePlan<'_>], cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let operations = operations_by_name(services);
    let names = operations.iter().map(|(name, _)| name);
    let arms: Vec<TokenStream> = operations
        .iter()
        .map(|(name, bodies)| match bodies.as_slice() {
            [body] => envelope_arm(name, body, cx),
            _ => ambiguous_arm(name, bodies),
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
    let (values, version) = if operations.iter().any(|(_, bodies)| bodies.len() == 1) {
        (quote!(values), quote!(version))
    } else {
        (quote!(_values), quote!(_version))
    };
    quote! {
        /// The operations [`request_envelope`] knows, by WSDL name. Emitted because
        /// `Settings::json_registry` was on.
        pub const REGISTRY_OPERATIONS: &[&str] = &[#(#names),*];

        /// Builds the request envelope of `operation` (its WSDL name) from `values`,
        /// deserialized as the operation's request type (JSON keys are the XML names), for
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

/// Each operation name with the distinct request bodies bound to it, in order of first
/// appearance. WSDL operation names are unique only within a port type, so a name can
/// mean different bodies in different services.
fn operations_by_name<'p>(services: &'p [ServicePlan<'_>]) -> Vec<(&'p str, Vec<&'p Body>)> {
    let mut by_name: Vec<(&str, Vec<&Body>)> = Vec::new();
    for op in services.iter().flat_map(|s| &s.operations) {
        let name = op.operation.name.as_str();
        let index = match by_name.iter().position(|(n, _)| *n == name) {
            Some(index) => index,
            None => {
                by_name.push((name, Vec::new()));
                by_name.len() - 1
            }
        };
        let bodies = &mut by_name[index].1;
        if !bodies.iter().any(|b| b.element == op.request.element) {
            bodies.push(&op.request);
        }
    }
    by_name
}

fn envelope_arm(name: &str, body: &Body, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let request: TokenStream = body.rust_type.parse().expect("planned type");
    let ns = cx.namespace_const(&body.element.ns);
    let element = &body.element.local;
    let write = if body.encoded {
        quote!(write_encoded_request)
    } else {
        quote!(write_request)
    };
    quote! {
        #name => {
            let body: #request = #rt::serde::Deserialize::deserialize(values)
                .map_err(|e| e.to_string())?;
            #rt::#write(version, #ns, #element, &body, false).map_err(|e| e.to_string())
        }
    }
}

/// An operation name with several request bodies cannot be told apart by name alone;
/// saying so beats silently picking one.
fn ambiguous_arm(name: &str, bodies: &[&Body]) -> TokenStream {
    let elements: Vec<String> = bodies.iter().map(|b| b.element.to_string()).collect();
    let message = format!(
        "operation `{name}` is ambiguous: port types bind it to different request elements ({})",
        elements.join(", ")
    );
    quote! { #name => Err(#message.to_owned()), }
}
