//! A semantic diff of two WSDLs over the [`model`](crate::model), not the text: what
//! changed in services, operations, bindings, messages and types, and what each change
//! does to a client generated from the old WSDL.
//!
//! Every change is classified from the generated client's side, by where the changed
//! thing is used (found by walking each operation's request and response):
//!
//! - **breaking for requests**: the service may now refuse what the client sends (a new
//!   required element, a removed or reordered one, a changed namespace or soapAction);
//! - **breaking for responses**: the client may fail to read the answer (a removed
//!   required element, a new value of a closed enumeration, single becoming repeated);
//! - **compatible**: neither (a new operation, a new optional element, documentation).
//!
//! Each change also says what regenerating does to the Rust API (a new field, a field
//! becoming `Option`, a removed method), which is a separate question from the wire.

mod builtin;
mod render;
mod schema;
mod usage;
mod wsdl;

use std::collections::BTreeSet;

use crate::model::{Definitions, QName};

pub use render::{render_markdown, render_text};

/// The changes from one WSDL to another.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Every change, breaking ones first, then by location.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether some change breaks requests or responses.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.impact.is_breaking())
    }

    /// How many changes are breaking.
    pub fn breaking_count(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.impact.is_breaking())
            .count()
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What it does to a client generated from the old WSDL.
    pub impact: Impact,
    /// A stable, kebab-case name of the kind of change (`element-added`,
    /// `soap-action-changed`…), for tools.
    pub code: &'static str,
    /// Where: `operation Name`, `element {ns}Name / child`, `type {ns}Name / child`…
    pub location: String,
    /// What changed, in words.
    pub message: String,
    /// What regenerating does to the Rust API.
    pub rust: String,
    /// The operations whose requests or responses the change touches, sorted.
    pub operations: Vec<String>,
}

/// What a change does to a client generated from the old WSDL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Impact {
    /// The service may now refuse what the client sends.
    pub breaks_requests: bool,
    /// The client may now fail to read what the service answers.
    pub breaks_responses: bool,
}

impl Impact {
    /// Neither requests nor responses break.
    pub const COMPATIBLE: Impact = Impact {
        breaks_requests: false,
        breaks_responses: false,
    };

    /// Whether requests or responses break.
    pub fn is_breaking(self) -> bool {
        self.breaks_requests || self.breaks_responses
    }

    /// `breaking (requests)`, `breaking (responses)`, `breaking (requests, responses)`
    /// or `compatible`.
    pub fn label(self) -> &'static str {
        match (self.breaks_requests, self.breaks_responses) {
            (true, true) => "breaking (requests, responses)",
            (true, false) => "breaking (requests)",
            (false, true) => "breaking (responses)",
            (false, false) => "compatible",
        }
    }
}

/// Compares `old` with `new`.
pub fn diff(old: &Definitions, new: &Definitions) -> Report {
    let mut facts = Vec::new();
    wsdl::compare(old, new, &mut facts);
    schema::compare(&old.schema, &new.schema, &mut facts);
    let old_usage = usage::Usage::of(old);
    let new_usage = usage::Usage::of(new);
    let mut changes: Vec<Change> = facts
        .into_iter()
        .map(|fact| fact.classify(&old_usage, &new_usage))
        .collect();
    changes.sort_by(|a, b| {
        (!a.impact.is_breaking(), &a.location, a.code, &a.message).cmp(&(
            !b.impact.is_breaking(),
            &b.location,
            b.code,
            &b.message,
        ))
    });
    changes.dedup();
    Report { changes }
}

/// Which uses of the changed thing make a change breaking: `requests` when it is sent,
/// `responses` when it is received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BreaksWhen {
    requests: bool,
    responses: bool,
}

impl BreaksWhen {
    const NEVER: BreaksWhen = BreaksWhen {
        requests: false,
        responses: false,
    };
    const SENT: BreaksWhen = BreaksWhen {
        requests: true,
        responses: false,
    };
    const RECEIVED: BreaksWhen = BreaksWhen {
        requests: false,
        responses: true,
    };
    const ALWAYS: BreaksWhen = BreaksWhen {
        requests: true,
        responses: true,
    };

    fn new(requests: bool, responses: bool) -> Self {
        Self {
            requests,
            responses,
        }
    }
}

/// What a changed thing belongs to, which decides where it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owner {
    /// A global element or named type (as named in the old and the new WSDL): used where
    /// operations reach it.
    Schema {
        old: usage::Global,
        new: usage::Global,
    },
    /// An operation's request (`is_response` false) or response.
    Operation { name: String, is_response: bool },
    /// The operation as a whole (both directions).
    WholeOperation(String),
    /// A service or port: used by every operation of it.
    Service,
}

/// A change before classification.
#[derive(Debug, Clone)]
struct Fact {
    owner: Owner,
    code: &'static str,
    location: String,
    message: String,
    rust: String,
    breaks_when: BreaksWhen,
}

impl Fact {
    fn classify(self, old: &usage::Usage, new: &usage::Usage) -> Change {
        let (sent, received, operations): (bool, bool, BTreeSet<String>) = match &self.owner {
            Owner::Schema {
                old: old_global,
                new: new_global,
            } => {
                let (old_req, old_resp) = old.of_global(old_global);
                let (new_req, new_resp) = new.of_global(new_global);
                let operations = old_req
                    .iter()
                    .chain(&old_resp)
                    .chain(&new_req)
                    .chain(&new_resp)
                    .cloned()
                    .collect();
                (
                    !old_req.is_empty() || !new_req.is_empty(),
                    !old_resp.is_empty() || !new_resp.is_empty(),
                    operations,
                )
            }
            Owner::Operation { name, is_response } => {
                (!is_response, *is_response, BTreeSet::from([name.clone()]))
            }
            Owner::WholeOperation(name) => (true, true, BTreeSet::from([name.clone()])),
            Owner::Service => (true, true, BTreeSet::new()),
        };
        let unused = matches!(self.owner, Owner::Schema { .. }) && operations.is_empty();
        let message = match unused {
            true => format!("{} (not used by any operation)", self.message),
            false => self.message,
        };
        Change {
            impact: Impact {
                breaks_requests: self.breaks_when.requests && sent,
                breaks_responses: self.breaks_when.responses && received,
            },
            code: self.code,
            location: self.location,
            message,
            rust: self.rust,
            operations: operations.into_iter().collect(),
        }
    }
}

/// `prefix:local`-free display of a name: `{ns}local`, or `local` without namespace.
fn show(name: &QName) -> String {
    name.to_string()
}
