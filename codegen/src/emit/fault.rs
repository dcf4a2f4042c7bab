//! Tokens for an operation's typed faults: an enum with a variant per `wsdl:fault`,
//! read from a received fault's detail and written into one a server answers.

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use super::names::ident;
use super::plan::FaultsPlan;

/// The enum of `plan` and its conversions from and to `Fault`.
pub fn fault_tokens(plan: &FaultsPlan, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&plan.name);
    let variants = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty: TokenStream = v.rust_type.parse().expect("planned type");
        let doc = format!(
            " Fault `{}`: detail element `{}`.",
            v.fault, v.element.local
        );
        quote! { #[doc = #doc] #variant(Box<#ty>), }
    });
    let reads = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ns = cx.namespace_const(&v.element.ns);
        let element = &v.element.local;
        quote! {
            if let Some(detail) = fault.detail_element(#ns, #element) {
                return Some(detail.map(|d| Self::#variant(Box::new(d))));
            }
        }
    });
    let writes = plan.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ns = cx.namespace_const(&v.element.ns);
        let element = &v.element.local;
        quote! { Self::#variant(detail) => fault.with_detail(#ns, #element, detail), }
    });
    let doc = format!(
        " The faults operation `{}` declares, each with its typed detail. A client gets one from an error with [`{}::from_error`]; a server answers one with [`{}::to_fault`].",
        plan.operation, plan.name, plan.name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The typed detail of `fault`: `None` when its detail holds none of these
            /// faults' elements (or there is no detail), `Some(Err)` when it does not decode.
            pub fn from_fault(fault: &#rt::Fault) -> Option<Result<Self, #rt::DecodeError>> {
                #(#reads)*
                None
            }

            /// [`from_fault`](Self::from_fault) of the fault `error` is, if it is one.
            pub fn from_error(error: &#rt::SoapError) -> Option<Result<Self, #rt::DecodeError>> {
                Self::from_fault(error.fault()?)
            }

            /// `fault` (its code and reason, e.g. `Fault::server(version, "…")`) with this
            /// detail written: what a server answers.
            pub fn to_fault(&self, fault: #rt::Fault) -> #rt::Fault {
                match self {
                    #(#writes)*
                }
            }
        }
    }
}
