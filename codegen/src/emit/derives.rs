//! The derive lists of generated types, with serde's derives and field attributes only
//! when [`Settings::serde`](super::Settings) is on: serde's derives are most of the time
//! `cargo check` spends on a generated file (3.6× less on the largest corpus WSDL without
//! them; see CORPUS.md), and nothing in the XML path uses them.

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;

/// `#[derive(traits…)]`, plus serde's `Serialize` and `Deserialize` and a
/// `#[serde(crate = …, container_options…)]` when serde is on.
pub(crate) fn derive(
    traits: TokenStream,
    container_options: Option<TokenStream>,
    cx: &Context,
) -> TokenStream {
    if !cx.serde {
        return quote!(#[derive(#traits)]);
    }
    let rt = &cx.runtime;
    let serde_path = format!("{}::serde", cx.runtime_path);
    let options = container_options.map(|options| quote!(, #options));
    quote! {
        #[derive(#traits, #rt::serde::Serialize, #rt::serde::Deserialize)]
        #[serde(crate = #serde_path #options)]
    }
}

/// `#[serde(options)]` on a field or variant, when serde is on.
pub(crate) fn serde_attr(options: TokenStream, cx: &Context) -> Option<TokenStream> {
    cx.serde.then(|| quote!(#[serde(#options)]))
}
