//! Raw markup out of the document: as received, or declaring the namespaces in scope
//! that it uses, so that it means the same once cut out (a fault detail whose prefix
//! the `Envelope` declares, say).

use std::collections::BTreeSet;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{PrefixDeclaration, QName};

use super::{Element, XmlReader};
use crate::xml::{DecodeError, DecodeErrorKind};

impl<'a> XmlReader<'a> {
    /// The element's markup, start tag to end tag, exactly as received.
    pub fn read_raw(&mut self, element: Element<'a>) -> Result<&'a str, DecodeError> {
        let end = self.skip_to_end(&element)?;
        Ok(self.tokens.text(element.offset..end))
    }

    /// The markup between the element's start and end tags, exactly as received.
    pub fn read_inner_raw(&mut self, element: Element<'a>) -> Result<&'a str, DecodeError> {
        if element.empty {
            return Ok("");
        }
        self.skip_to_end(&element)?;
        // The end tag began where the last event (the End) began.
        Ok(self.tokens.text(element.content_start..self.event_offset))
    }

    /// Like [`read_raw`](Self::read_raw), but the markup declares on its start tag every
    /// namespace in scope at `element` that it uses and does not declare itself, so it
    /// means the same once cut out of its document.
    pub fn read_raw_in_scope(&mut self, element: Element<'a>) -> Result<String, DecodeError> {
        let own = self.own_prefixes(&element.start);
        let markup = self.read_raw(element)?;
        // The element's own declarations are out of scope now (or, for an empty one,
        // excluded by `own`): what a prefix resolves to is what it inherits.
        Ok(self.declare_inherited(markup, &own))
    }

    /// Like [`read_inner_raw`](Self::read_inner_raw), but each top-level child element
    /// declares the namespaces in scope that it uses and does not declare itself; text
    /// between them is kept as received.
    pub fn read_inner_raw_in_scope(&mut self, element: Element<'a>) -> Result<String, DecodeError> {
        if element.empty {
            return Ok(String::new());
        }
        let mut out = String::new();
        let mut copied = element.content_start;
        loop {
            let (start, empty) = match self.next_event_outlined()? {
                Event::Start(start) => (start, false),
                Event::Empty(start) => (start, true),
                Event::End(_) => {
                    out.push_str(self.tokens.text(copied..self.event_offset));
                    return Ok(out);
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => continue,
            };
            let child = self.opened(start, empty);
            out.push_str(self.tokens.text(copied..child.offset));
            out.push_str(&self.read_raw_in_scope(child)?);
            copied = self.offset();
        }
    }

    /// The prefixes `start` declares (`""` for `xmlns`), sorted.
    fn own_prefixes(&self, start: &BytesStart<'a>) -> Vec<&'a [u8]> {
        let mut own: Vec<&'a [u8]> = self
            .attributes_of(start)
            .flatten()
            .filter_map(|attribute| match attribute.key.as_namespace_binding()? {
                PrefixDeclaration::Default => Some(&b""[..]),
                PrefixDeclaration::Named(prefix) => Some(prefix),
            })
            .collect();
        own.sort_unstable();
        own
    }

    /// `markup` (one element) with the bindings in scope of the prefixes it uses, but
    /// not of those in `own` (sorted), added to its start tag after its name, in the
    /// order they were declared.
    fn declare_inherited(&self, markup: &str, own: &[&[u8]]) -> String {
        let mut declarations: Vec<_> = used_prefixes(markup)
            .iter()
            .filter(|prefix| own.binary_search(&prefix.as_bytes()).is_err())
            .filter_map(|prefix| self.namespaces.binding(prefix.as_bytes()))
            .collect();
        declarations.sort_unstable_by_key(|(index, _)| *index);
        let name_end = markup
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(markup.len());
        let mut out = String::with_capacity(markup.len() + 64 * declarations.len());
        out.push_str(&markup[..name_end]);
        for (_, binding) in declarations {
            // Declarations are copied as written (escaped); only the quote they may have
            // been written in needs escaping in ours.
            let uri = String::from_utf8_lossy(binding.uri).replace('"', "&quot;");
            out.push_str(" xmlns");
            if !binding.prefix.is_empty() {
                out.push(':');
                out.push_str(&String::from_utf8_lossy(binding.prefix));
            }
            out.push_str("=\"");
            out.push_str(&uri);
            out.push('"');
        }
        out.push_str(&markup[name_end..]);
        out
    }
}

/// The prefixes `markup` uses (`""` for the default namespace): those of element and
/// attribute names, and those of attribute values and texts that look like a qualified
/// name (`xsi:type="ns1:T"`, a fault code).
fn used_prefixes(markup: &str) -> BTreeSet<String> {
    fn qname_prefix(value: &[u8]) -> Option<String> {
        let value = std::str::from_utf8(value).ok()?;
        let (prefix, local) = value.trim().split_once(':')?;
        let is_name = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        };
        (is_name(prefix) && is_name(local)).then(|| prefix.to_owned())
    }
    let prefix_of = |name: QName<'_>| {
        name.prefix().map_or(String::new(), |p| {
            String::from_utf8_lossy(p.as_ref()).into_owned()
        })
    };
    let mut used = BTreeSet::new();
    let mut reader = quick_xml::Reader::from_str(markup);
    loop {
        match reader.read_event() {
            Ok(Event::Start(start) | Event::Empty(start)) => {
                used.insert(prefix_of(start.name()));
                for attribute in start.attributes().with_checks(false).flatten() {
                    if attribute.key.as_namespace_binding().is_some() {
                        continue;
                    }
                    if attribute.key.prefix().is_some() {
                        used.insert(prefix_of(attribute.key));
                    }
                    used.extend(qname_prefix(&attribute.value));
                }
            }
            Ok(Event::Text(text)) => used.extend(qname_prefix(&text)),
            Ok(Event::Eof) | Err(_) => return used,
            Ok(_) => {}
        }
    }
}
