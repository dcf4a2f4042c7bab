//! [`Limits`]: how much work one document may ask of a reader.

use std::time::Duration;

/// Limits that protect readers from hostile or broken input. With them, decoding costs
/// time linear in the input's size: each is checked as the input is read, and going past
/// one is a typed [`DecodeErrorKind`](super::super::DecodeErrorKind) with the line and
/// column where it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest element nesting accepted.
    pub max_depth: usize,
    /// Largest document accepted, in bytes.
    pub max_bytes: usize,
    /// Most attributes on one element, namespace declarations included.
    pub max_attributes: usize,
    /// Most namespace declarations (`xmlns`, `xmlns:p`) on one element.
    pub max_namespace_declarations: usize,
    /// Most namespace declarations in scope at once: those of an element and of all its
    /// ancestors.
    pub max_namespaces_in_scope: usize,
    /// Longest time one document may take to decode. Clients also stop decoding when the
    /// call's timeout runs out, whichever comes first.
    pub max_decode_time: Duration,
}

impl Default for Limits {
    /// Generous for real SOAP traffic, small enough to refuse hostile shapes early.
    /// Envelopes from .NET, Java and PHP stacks declare from 3 to about 20 namespaces
    /// (WS-Security and WS-Addressing headers included), and schema types rarely carry
    /// more than a few dozen attributes: 256 per element leaves a wide margin. 4,096 in
    /// scope allows 64 levels of 64 declarations each. Decoding the largest document
    /// (16 MiB) takes well under a second, so 10 s is only reached by a stalled machine.
    fn default() -> Self {
        Self {
            max_depth: 64,
            max_bytes: 16 * 1024 * 1024,
            max_attributes: 256,
            max_namespace_declarations: 256,
            max_namespaces_in_scope: 4096,
            max_decode_time: Duration::from_secs(10),
        }
    }
}
