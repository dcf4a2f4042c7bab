//! The namespace declarations in scope, with O(1) lookups whatever their number.
//!
//! quick-xml's own resolver searches its list of bindings from the innermost out, so a
//! document declaring N prefixes and then using them N times costs N² comparisons. Here
//! each prefix maps to its innermost binding, and every binding remembers the one it
//! shadows, so an end tag undoes its element's declarations in time proportional to
//! their number (an undo log).

use std::collections::HashMap;

use super::Limits;

/// The namespace the `xml` prefix is bound to without being declared.
const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";

/// Up to this many bindings in scope, a prefix is looked up by searching them.
const SEARCHED_UP_TO: usize = 8;

/// How a name's prefix resolves.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) enum Resolved<'a> {
    /// No namespace: no prefix and no default namespace (or `xmlns=""`).
    #[default]
    None,
    /// The namespace URI, as written in its declaration.
    Bound(&'a [u8]),
    /// A prefix that no declaration in scope binds.
    Unknown,
}

impl Resolved<'_> {
    /// Whether this is namespace `ns` (`""` for none).
    pub(super) fn is(&self, ns: &str) -> bool {
        match self {
            Self::Bound(uri) => *uri == ns.as_bytes(),
            Self::None => ns.is_empty(),
            Self::Unknown => false,
        }
    }
}

/// The last declared URI found to be a given `'static` namespace name, remembered by
/// address: the children named through one declaration share its URI slice, and a
/// generated field table names its namespace with one constant, so most checks are a few
/// integer comparisons instead of comparing URIs byte by byte. Sound because neither side
/// can change while the reader lives: the URI borrows the reader's input, the name is
/// `'static`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct KnownNamespace {
    uri: usize,
    ns: usize,
    len: usize,
}

impl KnownNamespace {
    /// Whether `resolved` is namespace `ns` (`""` for none).
    #[inline(always)]
    pub(super) fn is(&mut self, resolved: Resolved<'_>, ns: &'static str) -> bool {
        let Resolved::Bound(uri) = resolved else {
            return resolved.is(ns);
        };
        if uri.len() != ns.len() {
            return false;
        }
        let seen = Self {
            uri: uri.as_ptr() as usize,
            ns: ns.as_ptr() as usize,
            len: uri.len(),
        };
        if seen == *self {
            return true;
        }
        let same = uri == ns.as_bytes();
        if same {
            *self = seen;
        }
        same
    }
}

/// The scope of an open element that declares namespaces.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// The element's depth, 1 for the root.
    depth: usize,
    /// How many bindings there were before the element's own.
    first: u32,
}

/// One `xmlns` (prefix `""`) or `xmlns:prefix` declaration.
#[derive(Debug, Clone, Copy)]
pub(super) struct Binding<'a> {
    pub(super) prefix: &'a [u8],
    pub(super) uri: &'a [u8],
    /// The binding of the same prefix that this one hides, restored when it goes out of
    /// scope.
    shadowed: Option<u32>,
}

/// Why a start tag's declarations were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ScopeError {
    /// More than `Limits::max_namespace_declarations` on one element.
    TooManyOnElement,
    /// More than `Limits::max_namespaces_in_scope` in scope.
    TooManyInScope,
    /// The same prefix declared twice on one element.
    Redeclared,
    /// `xmlns:xml` bound elsewhere than its fixed namespace, or `xmlns:xmlns` declared.
    Reserved,
}

/// The bindings in scope at the reader's position.
#[derive(Debug, Default)]
pub(super) struct Namespaces<'a> {
    /// Every binding of the open elements, outermost first.
    bindings: Vec<Binding<'a>>,
    /// For each open element that declares namespaces, innermost last: its depth and
    /// how many bindings there were before its own. Elements that declare nothing (most
    /// of them) only count in `depth`.
    frames: Vec<Frame>,
    /// How many elements are open.
    depth: usize,
    /// Each declared prefix (not `""`) → index of its innermost binding; built once more
    /// than [`SEARCHED_UP_TO`] bindings are in scope (below, searching them is faster
    /// than hashing).
    named: Option<HashMap<&'a [u8], u32>>,
    /// Index of the innermost default-namespace binding.
    default: Option<u32>,
    /// What an unprefixed element name resolves to: the URI of `default`, kept at hand
    /// because nearly every element asks.
    default_namespace: Resolved<'a>,
}

impl<'a> Namespaces<'a> {
    /// Opens an element's scope: `declarations` are its `(prefix, uri)` pairs, prefix
    /// `""` for `xmlns`.
    pub(super) fn open(
        &mut self,
        declarations: impl Iterator<Item = (&'a [u8], &'a [u8])>,
        limits: &Limits,
    ) -> Result<(), ScopeError> {
        self.depth += 1;
        let frame = self.bindings.len() as u32;
        self.frames.push(Frame {
            depth: self.depth,
            first: frame,
        });
        for (count, (prefix, uri)) in declarations.enumerate() {
            if count >= limits.max_namespace_declarations {
                return Err(ScopeError::TooManyOnElement);
            }
            if self.bindings.len() >= limits.max_namespaces_in_scope {
                return Err(ScopeError::TooManyInScope);
            }
            match prefix {
                b"xml" if uri == XML_NS => continue,
                b"xml" | b"xmlns" => return Err(ScopeError::Reserved),
                _ => {}
            }
            let index = self.bindings.len() as u32;
            let shadowed = match (prefix, &mut self.named) {
                (b"", _) => self.default.replace(index),
                (_, Some(named)) => named.insert(prefix, index),
                (_, None) => self.search(prefix),
            };
            self.bindings.push(Binding {
                prefix,
                uri,
                shadowed,
            });
            if prefix.is_empty() {
                self.default_namespace = self.default_resolved();
            }
            if self.named.is_none() && self.bindings.len() > SEARCHED_UP_TO {
                self.named = Some(self.index_named());
            }
            // A decoding error ends the reader: the state it leaves needs no repair.
            if shadowed.is_some_and(|s| s >= frame) {
                return Err(ScopeError::Redeclared);
            }
        }
        Ok(())
    }

    /// Opens the scope of an element that declares nothing.
    #[inline]
    pub(super) fn open_bare(&mut self) {
        self.depth += 1;
    }

    /// Closes the innermost element's scope, restoring what its declarations hid.
    #[inline]
    pub(super) fn close(&mut self) {
        if self.frames.last().is_some_and(|f| f.depth == self.depth) {
            if let Some(frame) = self.frames.pop() {
                self.undo(frame.first);
            }
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// Removes the bindings after the first `frame`, restoring what they hid.
    fn undo(&mut self, frame: u32) {
        while self.bindings.len() > frame as usize {
            let Some(binding) = self.bindings.pop() else {
                break;
            };
            if binding.prefix.is_empty() {
                self.default = binding.shadowed;
                self.default_namespace = self.default_resolved();
            } else if let Some(named) = &mut self.named {
                match binding.shadowed {
                    Some(previous) => named.insert(binding.prefix, previous),
                    None => named.remove(binding.prefix),
                };
            }
        }
    }

    /// The namespace of `prefix` (`None` for no prefix), as an element name resolves
    /// it: an unprefixed name takes the default namespace.
    #[inline]
    pub(super) fn resolve_element(&self, prefix: Option<&[u8]>) -> Resolved<'a> {
        match prefix {
            None => self.default_namespace,
            Some(prefix) => self.resolve_prefix(prefix),
        }
    }

    /// What `default` makes of an unprefixed element name (`xmlns=""` undeclares).
    fn default_resolved(&self) -> Resolved<'a> {
        match self.default.map(|i| self.bindings[i as usize].uri) {
            Some(uri) if !uri.is_empty() => Resolved::Bound(uri),
            _ => Resolved::None,
        }
    }

    /// The namespace of an attribute name's `prefix`: an unprefixed attribute is in no
    /// namespace.
    pub(super) fn resolve_attribute(&self, prefix: Option<&[u8]>) -> Resolved<'a> {
        match prefix {
            None => Resolved::None,
            Some(prefix) => self.resolve_prefix(prefix),
        }
    }

    fn resolve_prefix(&self, prefix: &[u8]) -> Resolved<'a> {
        if prefix == b"xml" {
            return Resolved::Bound(XML_NS);
        }
        match self.find(prefix) {
            Some(i) => Resolved::Bound(self.bindings[i as usize].uri),
            None => Resolved::Unknown,
        }
    }

    /// Index of the innermost binding of a named `prefix`.
    fn find(&self, prefix: &[u8]) -> Option<u32> {
        match &self.named {
            Some(named) => named.get(prefix).copied(),
            None => self.search(prefix),
        }
    }

    /// [`find`](Self::find) by searching, for a few bindings.
    fn search(&self, prefix: &[u8]) -> Option<u32> {
        let found = self.bindings.iter().rposition(|b| b.prefix == prefix);
        found.map(|i| i as u32)
    }

    /// The map of each named prefix to its innermost binding.
    fn index_named(&self) -> HashMap<&'a [u8], u32> {
        let mut named = HashMap::with_capacity(self.bindings.len());
        for (i, binding) in self.bindings.iter().enumerate() {
            if !binding.prefix.is_empty() {
                named.insert(binding.prefix, i as u32);
            }
        }
        named
    }

    /// The innermost binding of `prefix` (`""` for the default namespace), as declared.
    pub(super) fn binding(&self, prefix: &[u8]) -> Option<(u32, &Binding<'a>)> {
        let index = match prefix {
            b"" => self.default?,
            _ => self.find(prefix)?,
        };
        Some((index, &self.bindings[index as usize]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open<'a>(ns: &mut Namespaces<'a>, pairs: &[(&'a str, &'a str)]) -> Result<(), ScopeError> {
        let pairs = pairs.iter().map(|(p, u)| (p.as_bytes(), u.as_bytes()));
        ns.open(pairs, &Limits::default())
    }

    #[test]
    fn inner_declarations_hide_outer_ones_until_closed() {
        let mut ns = Namespaces::default();
        open(&mut ns, &[("a", "urn:1"), ("", "urn:d")]).unwrap();
        open(&mut ns, &[("a", "urn:2"), ("", "")]).unwrap();
        assert_eq!(ns.resolve_element(Some(b"a")), Resolved::Bound(b"urn:2"));
        assert_eq!(ns.resolve_element(None), Resolved::None);
        ns.close();
        assert_eq!(ns.resolve_element(Some(b"a")), Resolved::Bound(b"urn:1"));
        assert_eq!(ns.resolve_element(None), Resolved::Bound(b"urn:d"));
        assert_eq!(ns.resolve_attribute(None), Resolved::None);
        ns.close();
        assert_eq!(ns.resolve_element(Some(b"a")), Resolved::Unknown);
        assert_eq!(ns.resolve_element(Some(b"xml")), Resolved::Bound(XML_NS));
    }

    #[test]
    fn many_bindings_resolve_alike_through_the_map() {
        let names: Vec<String> = (0..40).map(|i| format!("p{i}")).collect();
        let mut ns = Namespaces::default();
        let outer = names.iter().map(|p| (p.as_bytes(), &b"urn:outer"[..]));
        ns.open(outer, &Limits::default()).unwrap();
        let inner = names[..5].iter().map(|p| (p.as_bytes(), &b"urn:inner"[..]));
        ns.open(inner, &Limits::default()).unwrap();
        assert_eq!(
            ns.resolve_element(Some(b"p3")),
            Resolved::Bound(b"urn:inner")
        );
        assert_eq!(
            ns.resolve_element(Some(b"p30")),
            Resolved::Bound(b"urn:outer")
        );
        ns.close();
        assert_eq!(
            ns.resolve_element(Some(b"p3")),
            Resolved::Bound(b"urn:outer")
        );
        ns.close();
        assert_eq!(ns.resolve_element(Some(b"p3")), Resolved::Unknown);
    }

    #[test]
    fn refuses_redeclarations_reserved_prefixes_and_too_many() {
        let mut ns = Namespaces::default();
        assert_eq!(
            open(&mut ns, &[("a", "urn:1"), ("a", "urn:2")]),
            Err(ScopeError::Redeclared)
        );
        let mut ns = Namespaces::default();
        assert_eq!(
            open(&mut ns, &[("xmlns", "urn:1")]),
            Err(ScopeError::Reserved)
        );
        let limits = Limits {
            max_namespace_declarations: 2,
            max_namespaces_in_scope: 3,
            ..Limits::default()
        };
        let distinct =
            |names: &'static [&'static str]| names.iter().map(|p| (p.as_bytes(), &b"u"[..]));
        let mut ns = Namespaces::default();
        assert_eq!(
            ns.open(distinct(&["a", "b", "c"]), &limits),
            Err(ScopeError::TooManyOnElement)
        );
        let mut ns = Namespaces::default();
        ns.open(distinct(&["a", "b"]), &limits).unwrap();
        ns.open(distinct(&["c"]), &limits).unwrap();
        assert_eq!(
            ns.open(distinct(&["d"]), &limits),
            Err(ScopeError::TooManyInScope)
        );
    }
}
