//! Changes in the WSDL proper: services, ports and addresses; port type operations and
//! their messages; binding operations with soapAction, style, use, headers and faults.

use std::collections::BTreeMap;

use super::{BreaksWhen, Fact, Owner, show};
use crate::emit::names::field_name;
use crate::model::{
    Binding, BindingOperation, Definitions, HeaderPart, Message, Operation, PortType, QName,
    SoapVersion,
};

/// Adds the changes from `old` to `new` outside the schemas to `facts`.
pub fn compare(old: &Definitions, new: &Definitions, facts: &mut Vec<Fact>) {
    let mut cx = Cx { old, new, facts };
    cx.services();
    for (a, b) in cx.pair(&old.port_types, &new.port_types, |p| &p.name, "port type") {
        cx.port_type(a, b);
    }
    for (a, b) in cx.pair(&old.bindings, &new.bindings, |b| &b.name, "binding") {
        cx.binding(a, b);
    }
}

struct Cx<'a> {
    old: &'a Definitions,
    new: &'a Definitions,
    facts: &'a mut Vec<Fact>,
}

impl<'a> Cx<'a> {
    fn fact(
        &mut self,
        owner: Owner,
        code: &'static str,
        location: String,
        message: impl Into<String>,
        rust: impl Into<String>,
        breaks_when: BreaksWhen,
    ) {
        self.facts.push(Fact {
            owner,
            code,
            location,
            message: message.into(),
            rust: rust.into(),
            breaks_when,
        });
    }

    /// Pairs items by local name (a changed target namespace renames them all), and
    /// records the unpaired ones as added or removed.
    fn pair<T>(
        &mut self,
        old: &'a [T],
        new: &'a [T],
        name: impl Fn(&T) -> &QName,
        what: &str,
    ) -> Vec<(&'a T, &'a T)> {
        let new_by_local: BTreeMap<&str, &T> =
            new.iter().map(|t| (name(t).local.as_str(), t)).collect();
        let mut pairs = Vec::new();
        for item in old {
            match new_by_local.get(name(item).local.as_str()) {
                Some(other) => pairs.push((item, *other)),
                None => self.fact(
                    Owner::Service,
                    "component-removed",
                    format!("{what} {}", show(name(item))),
                    format!("{what} removed"),
                    "what was generated for it goes away",
                    BreaksWhen::NEVER,
                ),
            }
        }
        for item in new {
            if !old.iter().any(|o| name(o).local == name(item).local) {
                self.fact(
                    Owner::Service,
                    "component-added",
                    format!("{what} {}", show(name(item))),
                    format!("{what} added"),
                    "none",
                    BreaksWhen::NEVER,
                );
            }
        }
        pairs
    }

    fn services(&mut self) {
        let (old, new) = (self.old, self.new);
        for service in &old.services {
            let location = format!("service {}", service.name.local);
            let Some(other) = new
                .services
                .iter()
                .find(|s| s.name.local == service.name.local)
            else {
                self.fact(
                    Owner::Service,
                    "service-removed",
                    location,
                    "service removed",
                    format!("client `{}` goes away", service.name.local),
                    BreaksWhen::SENT,
                );
                continue;
            };
            for port in &service.ports {
                let at = format!("{location} / port {}", port.name);
                match other.ports.iter().find(|p| p.name == port.name) {
                    None => self.fact(
                        Owner::Service,
                        "port-removed",
                        at,
                        "port removed: its address may no longer answer",
                        "its client constructor goes away",
                        BreaksWhen::SENT,
                    ),
                    Some(p) if p.address != port.address => self.fact(
                        Owner::Service,
                        "address-changed",
                        at,
                        format!(
                            "address changes from `{}` to `{}`",
                            port.address.as_deref().unwrap_or("none"),
                            p.address.as_deref().unwrap_or("none")
                        ),
                        "the default endpoint changes; clients given an explicit URL are unaffected",
                        BreaksWhen::NEVER,
                    ),
                    Some(_) => {}
                }
            }
            for port in other
                .ports
                .iter()
                .filter(|p| !service.ports.iter().any(|o| o.name == p.name))
            {
                self.fact(
                    Owner::Service,
                    "port-added",
                    format!("{location} / port {}", port.name),
                    "port added",
                    "a new client constructor",
                    BreaksWhen::NEVER,
                );
            }
        }
        for service in new
            .services
            .iter()
            .filter(|s| !old.services.iter().any(|o| o.name.local == s.name.local))
        {
            self.fact(
                Owner::Service,
                "service-added",
                format!("service {}", service.name.local),
                "service added",
                format!("a new client `{}`", service.name.local),
                BreaksWhen::NEVER,
            );
        }
    }

    fn port_type(&mut self, old: &'a PortType, new: &'a PortType) {
        for operation in &old.operations {
            let location = format!("operation {}", operation.name);
            let method = field_name(&operation.name);
            match new.operations.iter().find(|o| o.name == operation.name) {
                None => self.fact(
                    Owner::WholeOperation(operation.name.clone()),
                    "operation-removed",
                    location,
                    "operation removed: calls to it are refused",
                    format!("method `{method}` goes away"),
                    BreaksWhen::SENT,
                ),
                Some(other) => self.operation(operation, other),
            }
        }
        for operation in new
            .operations
            .iter()
            .filter(|o| !old.operations.iter().any(|p| p.name == o.name))
        {
            self.fact(
                Owner::WholeOperation(operation.name.clone()),
                "operation-added",
                format!("operation {}", operation.name),
                "operation added",
                format!("new method `{}`", field_name(&operation.name)),
                BreaksWhen::NEVER,
            );
        }
    }

    fn operation(&mut self, old: &'a Operation, new: &'a Operation) {
        let location = format!("operation {}", new.name);
        let (old_defs, new_defs) = (self.old, self.new);
        let message = |defs: &'a Definitions, name: &Option<QName>| {
            name.as_ref()
                .and_then(|n| defs.messages.iter().find(|m| &m.name == n))
        };
        for (is_response, a, b) in [
            (false, &old.input, &new.input),
            (true, &old.output, &new.output),
        ] {
            let owner = Owner::Operation {
                name: new.name.clone(),
                is_response,
            };
            let direction = if is_response { "response" } else { "request" };
            match (message(old_defs, a), message(new_defs, b)) {
                (Some(a), Some(b)) => self.parts(owner, a, b, &format!("{location} / {direction}")),
                (None, None) => {}
                (a, _) => self.fact(
                    owner,
                    "message-changed",
                    format!("{location} / {direction}"),
                    format!(
                        "{direction} message {}",
                        if a.is_some() {
                            "removed (one-way now)"
                        } else {
                            "added"
                        }
                    ),
                    "the method's signature changes",
                    BreaksWhen::ALWAYS,
                ),
            }
        }
        if old.documentation != new.documentation {
            self.fact(
                Owner::WholeOperation(new.name.clone()),
                "documentation-changed",
                location.clone(),
                "documentation changes",
                "doc comments change",
                BreaksWhen::NEVER,
            );
        }
        for (name, _) in &old.faults {
            if !new.faults.iter().any(|(n, _)| n == name) {
                self.fact(
                    Owner::Operation {
                        name: new.name.clone(),
                        is_response: true,
                    },
                    "fault-removed",
                    format!("{location} / fault {name}"),
                    "fault removed",
                    "its variant of the fault enum goes away",
                    BreaksWhen::NEVER,
                );
            }
        }
        for (name, _) in &new.faults {
            if !old.faults.iter().any(|(n, _)| n == name) {
                self.fact(
                    Owner::Operation {
                        name: new.name.clone(),
                        is_response: true,
                    },
                    "fault-added",
                    format!("{location} / fault {name}"),
                    "fault added: the old client reads it as an untyped SOAP fault",
                    "a new variant of the fault enum",
                    BreaksWhen::NEVER,
                );
            }
        }
    }

    /// Compares the parts of a request or response message.
    fn parts(&mut self, owner: Owner, old: &Message, new: &Message, location: &str) {
        for part in &old.parts {
            let at = format!("{location} / part {}", part.name);
            let Some(other) = new.parts.iter().find(|p| p.name == part.name) else {
                self.fact(
                    owner.clone(),
                    "part-removed",
                    at,
                    "part removed",
                    "the method's signature changes",
                    BreaksWhen::ALWAYS,
                );
                continue;
            };
            let shown =
                |element: &Option<QName>, type_name: &Option<QName>| match (element, type_name) {
                    (Some(e), _) => format!("element `{}`", show(e)),
                    (None, Some(t)) => format!("type `{}`", show(t)),
                    (None, None) => "nothing".to_owned(),
                };
            let (was, is) = (
                shown(&part.element, &part.type_name),
                shown(&other.element, &other.type_name),
            );
            if was == is {
                continue;
            }
            let same_local = match (&part.element, &other.element) {
                (Some(a), Some(b)) => a.local == b.local,
                _ => false,
            };
            let (code, message) = match same_local {
                true => (
                    "namespace-changed",
                    format!("body element's namespace changes: {was} → {is}"),
                ),
                false => ("part-changed", format!("part changes from {was} to {is}")),
            };
            self.fact(
                owner.clone(),
                code,
                at,
                message,
                "the method's parameter or result type changes",
                BreaksWhen::ALWAYS,
            );
        }
        for part in new
            .parts
            .iter()
            .filter(|p| !old.parts.iter().any(|o| o.name == p.name))
        {
            self.fact(
                owner.clone(),
                "part-added",
                format!("{location} / part {}", part.name),
                "part added",
                "the method's signature changes",
                BreaksWhen::ALWAYS,
            );
        }
    }

    fn binding(&mut self, old: &Binding, new: &Binding) {
        let location = format!("binding {}", new.name.local);
        if old.version != new.version {
            let version = |v: SoapVersion| match v {
                SoapVersion::Soap11 => "SOAP 1.1",
                SoapVersion::Soap12 => "SOAP 1.2",
            };
            self.fact(
                Owner::Service,
                "soap-version-changed",
                location.clone(),
                format!(
                    "SOAP version changes from {} to {}",
                    version(old.version),
                    version(new.version)
                ),
                "the client's SOAP version changes",
                BreaksWhen::ALWAYS,
            );
        }
        for operation in &old.operations {
            if let Some(other) = new.operations.iter().find(|o| o.name == operation.name) {
                self.binding_operation(&location, operation, other);
            }
        }
    }

    fn binding_operation(&mut self, binding: &str, old: &BindingOperation, new: &BindingOperation) {
        let location = format!("{binding} / operation {}", new.name);
        let whole = Owner::WholeOperation(new.name.clone());
        let request = Owner::Operation {
            name: new.name.clone(),
            is_response: false,
        };
        let response = Owner::Operation {
            name: new.name.clone(),
            is_response: true,
        };
        if old.soap_action != new.soap_action {
            self.fact(
                request.clone(),
                "soap-action-changed",
                location.clone(),
                format!(
                    "soapAction changes from `{}` to `{}`",
                    old.soap_action, new.soap_action
                ),
                "none; the generated call sends the new value",
                BreaksWhen::SENT,
            );
        }
        if old.style != new.style {
            self.fact(
                whole,
                "style-changed",
                location.clone(),
                format!("style changes from {:?} to {:?}", old.style, new.style).to_lowercase(),
                "the body's shape changes",
                BreaksWhen::ALWAYS,
            );
        }
        let sides = [
            (
                request,
                "request",
                old.input_use,
                new.input_use,
                &old.input_namespace,
                &new.input_namespace,
                &old.input_headers,
                &new.input_headers,
            ),
            (
                response,
                "response",
                old.output_use,
                new.output_use,
                &old.output_namespace,
                &new.output_namespace,
                &old.output_headers,
                &new.output_headers,
            ),
        ];
        for (owner, direction, old_use, new_use, old_ns, new_ns, old_headers, new_headers) in sides
        {
            let at = format!("{location} / {direction}");
            if old_use != new_use {
                self.fact(
                    owner.clone(),
                    "use-changed",
                    at.clone(),
                    format!("use changes from {old_use:?} to {new_use:?}").to_lowercase(),
                    "the body's encoding changes",
                    BreaksWhen::ALWAYS,
                );
            }
            if old_ns != new_ns {
                self.fact(
                    owner.clone(),
                    "namespace-changed",
                    at.clone(),
                    format!(
                        "rpc body namespace changes from `{}` to `{}`",
                        old_ns.as_deref().unwrap_or(""),
                        new_ns.as_deref().unwrap_or("")
                    ),
                    "none",
                    BreaksWhen::ALWAYS,
                );
            }
            self.headers(
                owner,
                &at,
                old_headers,
                new_headers,
                direction == "response",
            );
        }
    }

    fn headers(
        &mut self,
        owner: Owner,
        location: &str,
        old: &[HeaderPart],
        new: &[HeaderPart],
        is_response: bool,
    ) {
        let key = |h: &HeaderPart| format!("{}/{}", h.message.local, h.part);
        for header in new.iter().filter(|h| !old.iter().any(|o| key(o) == key(h))) {
            let (message, breaks) = match is_response {
                false => ("header added", BreaksWhen::SENT),
                true => (
                    "header added (readers skip unknown headers)",
                    BreaksWhen::NEVER,
                ),
            };
            self.fact(
                owner.clone(),
                "header-added",
                format!("{location} / header {}", key(header)),
                message,
                "the method takes or returns the new header",
                breaks,
            );
        }
        for header in old.iter().filter(|h| !new.iter().any(|o| key(o) == key(h))) {
            let (message, breaks) = match is_response {
                false => ("header removed", BreaksWhen::NEVER),
                true => ("header removed", BreaksWhen::RECEIVED),
            };
            self.fact(
                owner.clone(),
                "header-removed",
                format!("{location} / header {}", key(header)),
                message,
                "the header goes away from the method",
                breaks,
            );
        }
    }
}
