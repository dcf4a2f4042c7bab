//! Tokens for the clients: one per service and port type, with a method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{
    Binding, Definitions, Message, Operation, PortType, QName, Service, SoapVersion, Style, Use,
};

use super::Context;
use super::names::{NameSet, const_name, field_name, ident, type_name};
use super::plan::TypePlan;
use super::types::doc_lines;

/// One client: a port type as a service offers it, over one or both SOAP versions.
struct ClientPlan<'d> {
    name: String,
    service: &'d Service,
    port_type: &'d PortType,
    bindings: Vec<&'d Binding>,
    /// `(version, address)` of each port.
    endpoints: Vec<(SoapVersion, String)>,
}

/// A body element and the Rust type that writes or reads it.
struct Body {
    element: QName,
    rust_type: String,
}

/// Clients for every service.
pub fn clients_tokens(
    defs: &Definitions,
    plan: &TypePlan,
    cx: &Context,
    names: &mut NameSet,
) -> Result<TokenStream, String> {
    let mut out = TokenStream::new();
    for client in plan_clients(defs, names) {
        out.extend(client_tokens(defs, plan, cx, &client)?);
    }
    Ok(out)
}

fn plan_clients<'d>(defs: &'d Definitions, names: &mut NameSet) -> Vec<ClientPlan<'d>> {
    let mut clients: Vec<ClientPlan<'d>> = Vec::new();
    for service in &defs.services {
        let first = clients.len();
        for port in &service.ports {
            let Some(binding) = defs.bindings.iter().find(|b| b.name == port.binding) else {
                continue;
            };
            let Some(port_type) = defs.port_types.iter().find(|p| p.name == binding.port_type)
            else {
                continue;
            };
            let existing = clients[first..]
                .iter_mut()
                .find(|c| c.port_type.name == port_type.name);
            let client = match existing {
                Some(client) => client,
                None => {
                    clients.push(ClientPlan {
                        name: String::new(),
                        service,
                        port_type,
                        bindings: Vec::new(),
                        endpoints: Vec::new(),
                    });
                    clients.last_mut().expect("just pushed")
                }
            };
            if !client.bindings.iter().any(|b| b.name == binding.name) {
                client.bindings.push(binding);
            }
            if let Some(address) = &port.address
                && !client.endpoints.iter().any(|(v, _)| *v == binding.version)
            {
                client.endpoints.push((binding.version, address.clone()));
            }
        }
        let single = clients.len() - first == 1;
        for client in &mut clients[first..] {
            let base = if single {
                type_name(&service.name.local)
            } else {
                format!(
                    "{}{}",
                    type_name(&service.name.local),
                    type_name(&client.port_type.name.local)
                )
            };
            client.name = names.claim(format!("{base}Client"), "Service");
        }
    }
    clients
}

fn client_tokens(
    defs: &Definitions,
    plan: &TypePlan,
    cx: &Context,
    client: &ClientPlan<'_>,
) -> Result<TokenStream, String> {
    let rt = &cx.runtime;
    let name = ident(&client.name);
    let mut consts = Vec::new();
    let mut methods = Vec::new();
    let mut method_names = NameSet::default();
    for operation in &client.port_type.operations {
        let bound: Vec<(&Binding, &crate::model::BindingOperation)> = client
            .bindings
            .iter()
            .filter_map(|b| {
                b.operations
                    .iter()
                    .find(|o| o.name == operation.name)
                    .map(|o| (*b, o))
            })
            .collect();
        if bound.is_empty() {
            continue;
        }
        for (binding, op) in &bound {
            if op.style == Style::Rpc {
                return Err(format!(
                    "operation `{}` of binding `{}`: rpc style is not supported yet",
                    op.name, binding.name.local
                ));
            }
            if op.input_use == Use::Encoded || op.output_use == Use::Encoded {
                return Err(format!(
                    "operation `{}` of binding `{}`: encoded use is not supported yet",
                    op.name, binding.name.local
                ));
            }
        }
        let action = |version| {
            bound
                .iter()
                .find(|(b, _)| b.version == version)
                .map(|(_, o)| o.soap_action.as_str())
        };
        let action_tokens = |a: Option<&str>| match a {
            Some(a) => quote!(Some(#a)),
            None => quote!(None),
        };
        let soap11 = action_tokens(action(SoapVersion::Soap11));
        let soap12 = action_tokens(action(SoapVersion::Soap12));
        let request = body(defs, plan, operation, operation.input.as_ref(), "input")?;
        let response = body(defs, plan, operation, operation.output.as_ref(), "output")?;
        let const_ident = ident(&const_name(&operation.name));
        let op_name = &operation.name;
        let (req_ns, req_name) = (
            cx.namespace_const(&request.element.ns),
            &request.element.local,
        );
        let (resp_ns, resp_name) = (
            cx.namespace_const(&response.element.ns),
            &response.element.local,
        );
        let const_doc = format!(" Operation `{op_name}`: its actions and body elements.");
        consts.push(quote! {
            #[doc = #const_doc]
            pub const #const_ident: #rt::Operation = #rt::Operation {
                name: #op_name,
                soap11_action: #soap11,
                soap12_action: #soap12,
                request: (#req_ns, #req_name),
                response: (#resp_ns, #resp_name),
            };
        });
        let method = ident(&method_names.claim(field_name(&operation.name), "_op"));
        let request_type: TokenStream = request.rust_type.parse().expect("planned type");
        let response_type: TokenStream = response.rust_type.parse().expect("planned type");
        let doc = doc_lines(
            operation.documentation.as_deref(),
            &format!("Calls `{op_name}`."),
        );
        methods.push(quote! {
            #doc
            pub async fn #method(&self, request: &#request_type) -> Result<#response_type, #rt::SoapError> {
                self.inner.call(&Self::#const_ident, request).await
            }
        });
    }
    let endpoint_consts = client.endpoints.iter().map(|(version, address)| {
        let (const_ident, what) = match version {
            SoapVersion::Soap11 => (ident("SOAP11_ENDPOINT"), "SOAP 1.1"),
            SoapVersion::Soap12 => (ident("SOAP12_ENDPOINT"), "SOAP 1.2"),
        };
        let doc = format!(" The {what} endpoint the WSDL names.");
        quote! { #[doc = #doc] pub const #const_ident: &'static str = #address; }
    });
    let service_doc = doc_lines(
        client.service.documentation.as_deref(),
        &format!(
            "Client of service `{}`, port type `{}`.",
            client.service.name.local, client.port_type.name.local
        ),
    );
    Ok(quote! {
        #service_doc
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
    })
}

/// The body element of a document/literal message with one element part.
fn body(
    defs: &Definitions,
    plan: &TypePlan,
    operation: &Operation,
    message: Option<&QName>,
    which: &str,
) -> Result<Body, String> {
    let op = &operation.name;
    let message_name = message.ok_or_else(|| {
        format!("operation `{op}` has no {which}: one-way operations are not supported yet")
    })?;
    let message: &Message = defs
        .messages
        .iter()
        .find(|m| &m.name == message_name)
        .ok_or_else(|| format!("operation `{op}`: message `{message_name}` is undefined"))?;
    let [part] = message.parts.as_slice() else {
        return Err(format!(
            "operation `{op}`: {which} message `{}` has {} parts; only single-part document messages are supported yet",
            message.name.local,
            message.parts.len()
        ));
    };
    let element = part.element.clone().ok_or_else(|| {
        format!(
            "operation `{op}`: part `{}` is typed, not an element; rpc style is not supported yet",
            part.name
        )
    })?;
    let rust_type = plan.element_types.get(&element).cloned().ok_or_else(|| {
        format!("operation `{op}`: no type was generated for element `{element}`")
    })?;
    Ok(Body { element, rust_type })
}
