//! Planning the service side: one [`ServicePlan`] per service and port type, with its
//! operations resolved to body elements and Rust names. The client and the server
//! trait are both rendered from it.

use std::borrow::Cow;

use crate::model::{
    Binding, BindingOperation, Definitions, Message, Operation, Port, PortType, QName, Service,
    SoapVersion, Style, Use,
};

use super::names::{NameSet, const_name, field_name, type_name};
use super::plan::TypePlan;

/// A port type as a service offers it, over one or both SOAP versions.
pub struct ServicePlan<'d> {
    /// The client struct's name.
    pub client_name: String,
    /// The server trait's name.
    pub server_name: String,
    /// The dispatch function's name.
    pub dispatch_name: String,
    /// The WSDL service; for a binding no service offers, one named after the binding,
    /// with a port without address.
    pub service: Cow<'d, Service>,
    /// The WSDL port type.
    pub port_type: &'d PortType,
    /// `(version, address)` of each port.
    pub endpoints: Vec<(SoapVersion, String)>,
    /// The bound operations, in port type order.
    pub operations: Vec<OperationPlan<'d>>,
}

impl ServicePlan<'_> {
    /// What offers the port type, for doc comments: its service, or its binding when no
    /// service names it.
    pub fn offered_by(&self) -> String {
        match &self.service {
            Cow::Borrowed(service) => format!("service `{}`", service.name.local),
            Cow::Owned(synthetic) => format!(
                "binding `{}`, which no service of the WSDL offers",
                synthetic.name.local
            ),
        }
    }
}

/// One operation, ready to render.
pub struct OperationPlan<'d> {
    /// The abstract operation.
    pub operation: &'d Operation,
    /// Name of its `Operation` constant.
    pub const_name: String,
    /// Name of its client method and server trait method.
    pub method: String,
    /// soapAction of its SOAP 1.1 binding, if bound.
    pub soap11_action: Option<&'d str>,
    /// soapAction of its SOAP 1.2 binding, if bound.
    pub soap12_action: Option<&'d str>,
    /// The request body.
    pub request: Body,
    /// The response body; `None` for a one-way operation.
    pub response: Option<Body>,
    /// The struct of the request's SOAP header blocks, if it declares any.
    pub request_headers: Option<String>,
    /// The struct of the response's SOAP header blocks, if it declares any.
    pub response_headers: Option<String>,
    /// The enum of its typed faults, if it declares any.
    pub faults: Option<String>,
}

impl OperationPlan<'_> {
    /// Whether its request or response declares SOAP headers.
    pub fn has_headers(&self) -> bool {
        self.request_headers.is_some() || self.response_headers.is_some()
    }
}

/// A body element and the Rust type that writes or reads it.
pub struct Body {
    /// The element's wire name.
    pub element: QName,
    /// The generated type.
    pub rust_type: String,
    /// Whether it is SOAP-encoded (rpc/encoded): written with `xsi:type`, read with
    /// multi-reference values resolved.
    pub encoded: bool,
}

/// Plans every service of `defs`, claiming type names from `names`. With `degraded`
/// (the generator's `degrade_unsupported`), an operation bound in a way the client cannot
/// call yet is left out and a note saying which and why is pushed there; without it,
/// that is an error.
pub fn plan_services<'d>(
    defs: &'d Definitions,
    types: &TypePlan,
    names: &mut NameSet,
    mut degraded: Option<&mut Vec<String>>,
) -> Result<Vec<ServicePlan<'d>>, String> {
    let mut plans = Vec::new();
    for service in services(defs) {
        let groups = group_ports(defs, &service);
        let single = groups.len() == 1;
        for (port_type, bindings, endpoints) in groups {
            let base = if single {
                type_name(&service.name.local)
            } else {
                format!(
                    "{}{}",
                    type_name(&service.name.local),
                    type_name(&port_type.name.local)
                )
            };
            let client_name = names.claim(format!("{base}Client"), "Service");
            let server_name = names.claim(format!("{base}Server"), "Service");
            let operations =
                plan_operations(defs, types, port_type, &bindings, degraded.as_deref_mut())?;
            plans.push(ServicePlan {
                client_name,
                server_name,
                dispatch_name: format!("dispatch_{}", field_name(&base)),
                service: service.clone(),
                port_type,
                endpoints,
                operations,
            });
        }
    }
    Ok(plans)
}

/// The WSDL's services, then one per binding that no service offers (such WSDLs, ONVIF's
/// for one, leave the address to be discovered): a client needs no address in the WSDL.
fn services(defs: &Definitions) -> Vec<Cow<'_, Service>> {
    let offered = |binding: &Binding| {
        defs.services
            .iter()
            .flat_map(|s| &s.ports)
            .any(|port| port.binding == binding.name)
    };
    let unoffered = defs.bindings.iter().filter(|b| !offered(b)).map(|binding| {
        Cow::Owned(Service {
            name: binding.name.clone(),
            documentation: None,
            ports: vec![Port {
                name: binding.name.local.clone(),
                binding: binding.name.clone(),
                address: None,
            }],
        })
    });
    defs.services
        .iter()
        .map(Cow::Borrowed)
        .chain(unoffered)
        .collect()
}

type PortGroup<'d> = (&'d PortType, Vec<&'d Binding>, Vec<(SoapVersion, String)>);

/// The service's ports grouped by port type, in order of first appearance.
fn group_ports<'d>(defs: &'d Definitions, service: &Service) -> Vec<PortGroup<'d>> {
    let mut groups: Vec<PortGroup<'d>> = Vec::new();
    for port in &service.ports {
        let Some(binding) = defs.bindings.iter().find(|b| b.name == port.binding) else {
            continue;
        };
        let Some(port_type) = defs.port_types.iter().find(|p| p.name == binding.port_type) else {
            continue;
        };
        let index = match groups.iter().position(|(p, _, _)| p.name == port_type.name) {
            Some(index) => index,
            None => {
                groups.push((port_type, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        let (_, bindings, endpoints) = &mut groups[index];
        if !bindings.iter().any(|b| b.name == binding.name) {
            bindings.push(binding);
        }
        if let Some(address) = &port.address
            && !endpoints.iter().any(|(v, _)| *v == binding.version)
        {
            endpoints.push((binding.version, address.clone()));
        }
    }
    groups
}

/// Methods every generated client has (`emit::client`).
const CLIENT_METHODS: &[&str] = &["new", "from_client", "inner"];

/// Associated constants every generated client may have besides its operations'.
const CLIENT_CONSTS: &[&str] = &["SOAP11_ENDPOINT", "SOAP12_ENDPOINT"];

fn plan_operations<'d>(
    defs: &'d Definitions,
    types: &TypePlan,
    port_type: &'d PortType,
    bindings: &[&'d Binding],
    mut degraded: Option<&mut Vec<String>>,
) -> Result<Vec<OperationPlan<'d>>, String> {
    // The client's own API and constants are taken first: an operation named `new` or
    // `SOAP11_ENDPOINT` gets a suffix instead of colliding with them.
    let mut methods = NameSet::reserving(CLIENT_METHODS);
    let mut consts = NameSet::reserving(CLIENT_CONSTS);
    let mut plans = Vec::new();
    for operation in &port_type.operations {
        let bound: Vec<(&Binding, &BindingOperation)> = bindings
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
        let conflict = types
            .header_conflicts
            .get(&(port_type.name.clone(), operation.name.clone()));
        let planned = match conflict {
            Some(reason) => Err(Refusal::Unsupported(reason.clone())),
            None => plan_messages(defs, types, port_type, operation, &bound),
        };
        let messages = match planned {
            Ok(messages) => messages,
            Err(Refusal::Unsupported(reason)) => match degraded.as_deref_mut() {
                Some(notes) => {
                    // `reason` names the operation and, where it matters, the binding.
                    let note = format!("{LEFT_OUT_OPERATION_NOTE}: {reason}");
                    // Several services may offer the port type: one note is enough.
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                    continue;
                }
                None => return Err(reason),
            },
            Err(Refusal::Broken(reason)) => return Err(reason),
        };
        let action = |version| {
            bound
                .iter()
                .find(|(b, _)| b.version == version)
                .map(|(_, o)| o.soap_action.as_str())
        };
        let headers = |is_output| {
            let key = (port_type.name.clone(), operation.name.clone(), is_output);
            types.headers.get(&key).cloned()
        };
        let fault_key = (port_type.name.clone(), operation.name.clone());
        plans.push(OperationPlan {
            operation,
            const_name: consts.claim(const_name(&operation.name), "_OP"),
            method: methods.claim(field_name(&operation.name), "_op"),
            soap11_action: action(SoapVersion::Soap11),
            soap12_action: action(SoapVersion::Soap12),
            request: messages.request,
            response: messages.response,
            request_headers: headers(false),
            response_headers: headers(true),
            faults: types.faults.get(&fault_key).map(|f| f.name.clone()),
        });
    }
    Ok(plans)
}

/// How the header note of an operation left out under `degrade_unsupported` begins.
pub const LEFT_OUT_OPERATION_NOTE: &str = "left out";

/// Why an operation cannot be planned.
enum Refusal {
    /// A binding or message shape the client cannot call yet: under
    /// `degrade_unsupported` only this operation is left out.
    Unsupported(String),
    /// A broken WSDL or model: generation fails whatever the settings.
    Broken(String),
}

/// An operation's request and response bodies.
struct Messages {
    request: Body,
    response: Option<Body>,
}

/// The bodies of `operation` as its bindings `bound` carry them, or why it cannot be
/// called.
fn plan_messages(
    defs: &Definitions,
    types: &TypePlan,
    port_type: &PortType,
    operation: &Operation,
    bound: &[(&Binding, &BindingOperation)],
) -> Result<Messages, Refusal> {
    let rpc = bound.iter().any(|(_, op)| op.style == Style::Rpc);
    let encoded = bound.iter().any(|(_, op)| op.input_use == Use::Encoded);
    for (binding, op) in bound {
        if (op.style == Style::Rpc) != rpc {
            return Err(Refusal::Unsupported(format!(
                "operation `{}`: bound as rpc by one binding and as document by `{}`; not supported yet",
                op.name, binding.name.local
            )));
        }
        let mixed = (op.input_use == Use::Encoded) != encoded
            || (operation.output.is_some() && op.input_use != op.output_use);
        let unsupported = if mixed {
            Some("literal in one place and encoded in another")
        } else if encoded && op.style == Style::Document {
            Some("document/encoded")
        } else if encoded && operation.output.is_none() {
            Some("one-way rpc/encoded")
        } else if encoded && !(op.input_headers.is_empty() && op.output_headers.is_empty()) {
            Some("soap:header parts on an rpc/encoded operation")
        } else {
            None
        };
        if let Some(what) = unsupported {
            return Err(Refusal::Unsupported(format!(
                "operation `{}` of binding `{}`: {what} is not supported yet",
                op.name, binding.name.local
            )));
        }
    }
    let (_, first) = bound[0];
    Ok(Messages {
        request: match rpc {
            true => rpc_body(types, port_type, operation, false, encoded)?,
            false => body(defs, types, operation, first, false)?,
        },
        response: match (rpc, &operation.output) {
            (_, None) => None,
            (true, Some(_)) => Some(rpc_body(types, port_type, operation, true, encoded)?),
            (false, Some(_)) => Some(body(defs, types, operation, first, true)?),
        },
    })
}

/// The wrapper element of an rpc-style message, planned with the types.
fn rpc_body(
    types: &TypePlan,
    port_type: &PortType,
    operation: &Operation,
    is_output: bool,
    encoded: bool,
) -> Result<Body, Refusal> {
    let key = (port_type.name.clone(), operation.name.clone(), is_output);
    let (element, rust_type) = types.rpc_bodies.get(&key).cloned().ok_or_else(|| {
        let which = if is_output { "output" } else { "input" };
        Refusal::Unsupported(format!(
            "operation `{}` has no {which}: one-way operations are not supported yet",
            operation.name
        ))
    })?;
    Ok(Body {
        element,
        rust_type,
        encoded,
    })
}

/// The body element of a document/literal message with one element part in its body
/// (besides parts bound as headers); the input's, or with `is_output` the output's.
fn body(
    defs: &Definitions,
    types: &TypePlan,
    operation: &Operation,
    bound: &BindingOperation,
    is_output: bool,
) -> Result<Body, Refusal> {
    let op = &operation.name;
    let (message, which) = match is_output {
        false => (operation.input.as_ref(), "input"),
        true => (operation.output.as_ref(), "output"),
    };
    let message_name = message.ok_or_else(|| {
        Refusal::Unsupported(format!(
            "operation `{op}` has no {which}: one-way operations are not supported yet"
        ))
    })?;
    let message: &Message = defs
        .messages
        .iter()
        .find(|m| &m.name == message_name)
        .ok_or_else(|| {
            Refusal::Broken(format!(
                "operation `{op}`: message `{message_name}` is undefined"
            ))
        })?;
    let parts = bound.body_parts(message, is_output);
    let [part] = parts.as_slice() else {
        return Err(Refusal::Unsupported(format!(
            "operation `{op}`: {which} message `{}` has {} body parts; only single-part document messages are supported yet",
            message.name.local,
            parts.len()
        )));
    };
    let element = part.element.clone().ok_or_else(|| {
        Refusal::Unsupported(format!(
            "operation `{op}`: part `{}` is typed, not an element, in a document-style message; not supported yet",
            part.name
        ))
    })?;
    let rust_type = types.element_types.get(&element).cloned().ok_or_else(|| {
        Refusal::Broken(format!(
            "operation `{op}`: internal error: no type was generated for element `{element}`"
        ))
    })?;
    Ok(Body {
        element,
        rust_type,
        encoded: false,
    })
}
