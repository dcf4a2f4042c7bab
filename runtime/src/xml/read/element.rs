//! [`Element`] and [`Children`]: what a reader hands to generated code.

use quick_xml::events::BytesStart;

use super::namespaces::Resolved;

/// An element whose start tag the reader has just returned.
#[derive(Debug, Clone)]
pub struct Element<'a> {
    pub(super) start: BytesStart<'a>,
    /// Where the local name begins in the name (after the prefix's colon).
    pub(super) local_start: usize,
    pub(super) empty: bool,
    /// Byte offset of its `<`.
    pub(super) offset: usize,
    /// Byte offset just after its start tag.
    pub(super) content_start: usize,
    /// Its name's namespace, resolved when the start tag was read.
    pub(super) namespace: Resolved<'a>,
}

impl Element<'_> {
    /// The element's local name.
    pub fn local_name(&self) -> &[u8] {
        self.start
            .name()
            .into_inner()
            .get(self.local_start..)
            .unwrap_or_default()
    }

    /// Whether it was written as `<name/>`, with no content.
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// Whether it is `local` in namespace `ns` (`""` for none).
    pub(super) fn is(&self, ns: &str, local: &str) -> bool {
        self.local_name() == local.as_bytes() && self.namespace.is(ns)
    }
}

/// Where a loop over an element's children stands.
#[derive(Debug, Clone, Copy)]
pub struct Children {
    pub(super) done: bool,
    /// Index of the field after the last one matched: fields come in sequence order, so
    /// the next child is most likely the next field.
    pub(super) next_field: usize,
}
