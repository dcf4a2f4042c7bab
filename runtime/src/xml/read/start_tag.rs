//! Each start tag's attributes, checked once as the tag is read: how many there are,
//! that none is repeated, and the namespaces it declares.

use quick_xml::events::BytesStart;
use quick_xml::name::{PrefixDeclaration, QName};

use super::XmlReader;
use super::namespaces::ScopeError;
use super::tokenizer::is_whitespace;
use crate::xml::{DecodeError, DecodeErrorKind};

/// Up to this many attributes, repeats are found by comparing every pair; beyond, by
/// sorting (at most `max_attributes · log₂ max_attributes` comparisons).
const PAIRWISE_UP_TO: usize = 8;

impl<'a> XmlReader<'a> {
    /// Opens the namespace scope of `start`, checking its attributes against the limits.
    #[inline]
    pub(super) fn open_scope(&mut self, start: &BytesStart<'a>) -> Result<(), DecodeError> {
        // Most elements have no attributes at all: nothing to parse. Anything else after
        // the name, even without `=`, goes to the scanner, which refuses what is not an
        // attribute (`<a b>`): a raw copy of such a tag would not read back.
        if start.attributes_raw().iter().all(|&b| is_whitespace(b)) {
            self.namespaces.open_bare();
            return Ok(());
        }
        self.open_scope_with_attributes(start)
    }

    fn open_scope_with_attributes(&mut self, start: &BytesStart<'a>) -> Result<(), DecodeError> {
        let mut declarations = std::mem::take(&mut self.scratch_declarations);
        let mut keys = std::mem::take(&mut self.scratch_keys);
        declarations.clear();
        keys.clear();
        let checked = self.scan_attributes(start, &mut declarations, &mut keys);
        let opened = checked.and_then(|()| {
            self.namespaces
                .open(declarations.drain(..), &self.limits)
                .map_err(|e| self.scope_error(e))
        });
        self.scratch_declarations = declarations;
        self.scratch_keys = keys;
        opened
    }

    /// Collects `start`'s namespace declarations and attribute names.
    fn scan_attributes(
        &self,
        start: &BytesStart<'a>,
        declarations: &mut Vec<(&'a [u8], &'a [u8])>,
        keys: &mut Vec<&'a [u8]>,
    ) -> Result<(), DecodeError> {
        let mut attributes = self.attributes_of(start);
        while let Some(attribute) = attributes.next_raw() {
            let (key, value) = attribute
                .map_err(|e| self.error_here(DecodeErrorKind::Malformed(e.to_string())))?;
            if keys.len() >= self.limits.max_attributes {
                return Err(self.error_here(DecodeErrorKind::TooManyAttributes {
                    limit: self.limits.max_attributes,
                }));
            }
            keys.push(key);
            let prefix: &[u8] = match QName(key).as_namespace_binding() {
                None => continue,
                Some(PrefixDeclaration::Default) => b"",
                Some(PrefixDeclaration::Named(prefix)) => prefix,
            };
            declarations.push((prefix, value));
        }
        if let Some(repeated) = repeated(keys) {
            let name = String::from_utf8_lossy(repeated);
            return Err(self.error_here(DecodeErrorKind::Malformed(format!(
                "attribute `{name}` appears twice on one element"
            ))));
        }
        Ok(())
    }

    fn scope_error(&self, error: ScopeError) -> DecodeError {
        let limits = &self.limits;
        let kind = match error {
            ScopeError::TooManyOnElement => DecodeErrorKind::TooManyNamespaceDeclarations {
                limit: limits.max_namespace_declarations,
            },
            ScopeError::TooManyInScope => DecodeErrorKind::TooManyNamespacesInScope {
                limit: limits.max_namespaces_in_scope,
            },
            ScopeError::Redeclared => {
                DecodeErrorKind::Malformed("a namespace prefix is declared twice".into())
            }
            ScopeError::Reserved => DecodeErrorKind::Malformed(
                "the `xml` and `xmlns` prefixes cannot be declared".into(),
            ),
        };
        self.error_here(kind)
    }
}

/// A name that occurs twice in `keys`, which may be reordered.
fn repeated<'k>(keys: &mut [&'k [u8]]) -> Option<&'k [u8]> {
    if keys.len() <= PAIRWISE_UP_TO {
        return keys
            .iter()
            .enumerate()
            .find(|&(i, key)| keys[..i].contains(key))
            .map(|(_, key)| *key);
    }
    keys.sort_unstable();
    keys.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
}
