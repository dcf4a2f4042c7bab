//! [`XmlReader`]: pulls elements from a byte slice, namespace-aware and prefix-agnostic.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::NsReader;
use quick_xml::errors::{Error as QxError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{PrefixDeclaration, QName, ResolveResult};

use super::write::first_forbidden_in_xml;
use super::{DecodeError, DecodeErrorKind, FromXml, XSI_NS, XmlValue};

/// Limits that protect readers from hostile or broken input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest element nesting accepted.
    pub max_depth: usize,
    /// Largest document accepted, in bytes.
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 64,
            max_bytes: 16 * 1024 * 1024,
        }
    }
}

/// An element whose start tag the reader has just returned.
#[derive(Debug, Clone)]
pub struct Element<'a> {
    start: BytesStart<'a>,
    empty: bool,
    /// Byte offset of its `<`.
    offset: usize,
    /// Byte offset just after its start tag.
    content_start: usize,
}

impl Element<'_> {
    /// The element's local name.
    pub fn local_name(&self) -> &[u8] {
        self.start.local_name().into_inner()
    }

    /// Whether it was written as `<name/>`, with no content.
    pub fn is_empty(&self) -> bool {
        self.empty
    }
}

/// Where a loop over an element's children stands.
#[derive(Debug, Clone, Copy)]
pub struct Children {
    done: bool,
    /// Index of the field after the last one matched: fields come in sequence order, so
    /// the next child is most likely the next field.
    next_field: usize,
}

/// Reads XML from a byte slice. DOCTYPEs are refused (so no entity is ever declared or
/// expanded), nesting and size are bounded by [`Limits`], and every error carries its
/// line, column and element path.
pub struct XmlReader<'a> {
    inner: NsReader<&'a [u8]>,
    input: &'a [u8],
    limits: Limits,
    /// Byte ranges of the names of the open elements.
    path: Vec<Range<usize>>,
    /// Byte offset where the last event read began.
    event_offset: usize,
}

impl<'a> XmlReader<'a> {
    /// A reader over `input`, refusing it at once if it exceeds `limits.max_bytes`.
    pub fn new(input: &'a [u8], limits: Limits) -> Result<Self, DecodeError> {
        // quick-xml skips a byte order mark without counting it in its positions, so
        // raw slices (a fault's detail) came out shifted: skip it here instead. A second
        // one would be skipped again by quick-xml; it is no XML anyway (text before the
        // root), and refused below.
        let input = input.strip_prefix(UTF8_BOM).unwrap_or(input);
        let mut inner = NsReader::from_reader(input);
        inner.config_mut().check_end_names = true;
        let reader = Self {
            inner,
            input,
            limits,
            path: Vec::new(),
            event_offset: 0,
        };
        if input.len() > limits.max_bytes {
            return Err(reader.error_at(
                0,
                DecodeErrorKind::TooLarge {
                    size: input.len(),
                    limit: limits.max_bytes,
                },
            ));
        }
        if input.starts_with(UTF8_BOM) {
            return Err(reader.error_at(
                0,
                DecodeErrorKind::Malformed("a second byte order mark".into()),
            ));
        }
        Ok(reader)
    }

    /// Reads up to the document's root element and returns it.
    pub fn root(&mut self) -> Result<Element<'a>, DecodeError> {
        loop {
            match self.next_event()? {
                Event::Start(start) => return self.opened(start, false),
                Event::Empty(start) => return self.opened(start, true),
                Event::Text(text) if text.iter().all(u8::is_ascii_whitespace) => {}
                Event::Text(_) | Event::CData(_) => {
                    return Err(self.error_here(DecodeErrorKind::Malformed(
                        "text before the root element".into(),
                    )));
                }
                Event::Eof => {
                    return Err(self.error_here(DecodeErrorKind::Malformed(
                        "the document has no root element".into(),
                    )));
                }
                _ => {}
            }
        }
    }

    /// Starts a loop over `element`'s children.
    pub fn children(&self, element: &Element<'_>) -> Children {
        Children {
            done: element.empty,
            next_field: 0,
        }
    }

    /// The next child element, or `None` once `element`'s end tag has been read. Each
    /// child returned must be consumed (read or skipped) before the next call.
    pub fn next_child(
        &mut self,
        children: &mut Children,
    ) -> Result<Option<Element<'a>>, DecodeError> {
        if children.done {
            return Ok(None);
        }
        loop {
            match self.next_event()? {
                Event::Start(start) => return self.opened(start, false).map(Some),
                Event::Empty(start) => return self.opened(start, true).map(Some),
                Event::End(_) => {
                    self.path.pop();
                    children.done = true;
                    return Ok(None);
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                // Text between child elements is whitespace or mixed content that the
                // element's type does not model; comments and PIs carry no data.
                _ => {}
            }
        }
    }

    /// The next child that is one of `fields` (`(namespace, local name)`, `""` for no
    /// namespace), with its index; children that are not are skipped, so services may
    /// add elements without breaking older clients.
    pub fn next_field(
        &mut self,
        children: &mut Children,
        fields: &[(&str, &str)],
    ) -> Result<Option<(usize, Element<'a>)>, DecodeError> {
        while let Some(child) = self.next_child(children)? {
            let found = self.field_index(&child, children.next_field, fields);
            match found {
                Some(index) => {
                    children.next_field = index + 1;
                    return Ok(Some((index, child)));
                }
                None => self.skip(child)?,
            }
        }
        Ok(None)
    }

    /// Like [`next_field`](Self::next_field), but a child that is none of `fields` is
    /// returned with index `None` instead of being skipped: for types with `xsd:any`,
    /// which keep such children as raw XML.
    pub fn next_field_or_other(
        &mut self,
        children: &mut Children,
        fields: &[(&str, &str)],
    ) -> Result<Option<(Option<usize>, Element<'a>)>, DecodeError> {
        let Some(child) = self.next_child(children)? else {
            return Ok(None);
        };
        let found = self.field_index(&child, children.next_field, fields);
        if let Some(index) = found {
            children.next_field = index + 1;
        }
        Ok(Some((found, child)))
    }

    /// The index in `fields` of `child`'s name, trying from `start` on (the next field in
    /// sequence order is the likely one), resolving the name once.
    fn field_index(
        &self,
        child: &Element<'_>,
        start: usize,
        fields: &[(&str, &str)],
    ) -> Option<usize> {
        let (resolved, name) = self.inner.resolve_element(child.start.name());
        let name = name.as_ref();
        let start = start.min(fields.len());
        (start..fields.len())
            .chain(0..start)
            .find(|&i| fields[i].1.as_bytes() == name && namespace_is(&resolved, fields[i].0))
    }

    /// Whether `element` is `local` in namespace `ns` (`""` for none). Valid until the
    /// next read, which is when generated code asks.
    pub fn has_name(&self, element: &Element<'_>, ns: &str, local: &str) -> bool {
        let (resolved, name) = self.inner.resolve_element(element.start.name());
        name.as_ref() == local.as_bytes() && namespace_is(&resolved, ns)
    }

    /// `{namespace}local` of `element`, for messages.
    pub fn expanded_name(&self, element: &Element<'_>) -> String {
        let (resolved, name) = self.inner.resolve_element(element.start.name());
        let local = String::from_utf8_lossy(name.as_ref());
        match resolved {
            ResolveResult::Bound(ns) => {
                format!("{{{}}}{local}", String::from_utf8_lossy(ns.as_ref()))
            }
            _ => local.into_owned(),
        }
    }

    /// The namespace URI of `element`, if it has one.
    pub fn namespace_of(&self, element: &Element<'_>) -> Option<Vec<u8>> {
        match self.inner.resolve_element(element.start.name()).0 {
            ResolveResult::Bound(ns) => Some(ns.as_ref().to_vec()),
            _ => None,
        }
    }

    /// Skips `element` and everything inside it.
    pub fn skip(&mut self, element: Element<'a>) -> Result<(), DecodeError> {
        self.skip_to_end(&element).map(|_| ())
    }

    /// The element's text content, unescaped; an element with child elements is an error.
    pub fn read_text(&mut self, element: &Element<'a>) -> Result<Cow<'a, str>, DecodeError> {
        if element.empty {
            return Ok(Cow::Borrowed(""));
        }
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        loop {
            match self.next_event()? {
                Event::Text(t) => {
                    // Not a parse error: quick-xml's error position does not apply.
                    let part = t
                        .unescape()
                        .map_err(|e| self.error_here(DecodeErrorKind::Malformed(e.to_string())))?;
                    append(&mut text, part);
                }
                Event::CData(c) => {
                    let raw = c.into_inner();
                    let part = match raw {
                        Cow::Borrowed(b) => Cow::Borrowed(self.utf8(b)?),
                        Cow::Owned(b) => Cow::Owned(self.utf8(&b)?.to_owned()),
                    };
                    append(&mut text, part);
                }
                Event::End(_) => {
                    // quick-xml lets them through; a value the writer cannot write back
                    // is refused here, where the document is known to be at fault.
                    if let Some(bad) = first_forbidden_in_xml(&text) {
                        return Err(self.error_at_element(element, forbidden_character(bad)));
                    }
                    self.path.pop();
                    return Ok(text);
                }
                Event::Start(start) | Event::Empty(start) => {
                    let found = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                    return Err(self.error_here(DecodeErrorKind::UnexpectedElement {
                        expected: "text content".into(),
                        found,
                    }));
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// Reads `element`'s text as a simple value.
    pub fn read_value<T: XmlValue>(&mut self, element: Element<'a>) -> Result<T, DecodeError> {
        let text = self.read_text(&element)?;
        T::from_xml_text(&text).map_err(|reason| {
            self.error_at_element(
                &element,
                DecodeErrorKind::InvalidValue {
                    text: text.into_owned(),
                    reason,
                },
            )
        })
    }

    /// Reads `element` as a complex value.
    pub fn read_complex<T: FromXml>(&mut self, element: Element<'a>) -> Result<T, DecodeError> {
        T::read_xml(self, &element)
    }

    /// Reads `element` as a simple value, or `None` if it is `xsi:nil`.
    pub fn read_nillable_value<T: XmlValue>(
        &mut self,
        element: Element<'a>,
    ) -> Result<Option<T>, DecodeError> {
        if self.is_nil(&element) {
            return self.read_nil(element).map(|()| None);
        }
        self.read_value(element).map(Some)
    }

    /// Reads `element` as a complex value, or `None` if it is `xsi:nil`.
    pub fn read_nillable_complex<T: FromXml>(
        &mut self,
        element: Element<'a>,
    ) -> Result<Option<T>, DecodeError> {
        if self.is_nil(&element) {
            return self.read_nil(element).map(|()| None);
        }
        self.read_complex(element).map(Some)
    }

    /// The items of a SOAP-encoded array: every child, whatever its name (`item`, the
    /// item type's name…), read with `read`; an `xsi:nil` item is `None`, in its place
    /// (it must be empty). `xsi:type` and `SOAP-ENC:arrayType` are not needed to read it.
    pub fn read_items<T>(
        &mut self,
        element: &Element<'a>,
        mut read: impl FnMut(&mut Self, Element<'a>) -> Result<T, DecodeError>,
    ) -> Result<Vec<Option<T>>, DecodeError> {
        let mut items = Vec::new();
        let mut children = self.children(element);
        while let Some(child) = self.next_child(&mut children)? {
            if self.is_nil(&child) {
                self.read_nil(child)?;
                items.push(None);
            } else {
                items.push(Some(read(self, child)?));
            }
        }
        Ok(items)
    }

    /// Whether `element` carries `xsi:nil="true"` (or `"1"`).
    pub fn is_nil(&self, element: &Element<'_>) -> bool {
        matches!(self.attribute(element, XSI_NS, "nil"), Ok(Some(v)) if matches!(v.trim(), "true" | "1"))
    }

    /// Consumes a nil element, which XML Schema requires to be empty: content (other
    /// than whitespace) is an error, and so are attributes other than namespace
    /// declarations and `xsi:*`, which a nil value has no room for (XML Schema allows
    /// them; dropping them silently would lose data).
    fn read_nil(&mut self, element: Element<'a>) -> Result<(), DecodeError> {
        for attribute in element.start.attributes().flatten() {
            let key = attribute.key;
            let is_declaration = key.as_namespace_binding().is_some();
            let (resolved, _) = self.inner.resolve_attribute(key);
            if !is_declaration && !namespace_is(&resolved, XSI_NS) {
                let name = String::from_utf8_lossy(key.as_ref()).into_owned();
                return Err(self.error_at_element(
                    &element,
                    DecodeErrorKind::NilNotEmpty(format!("attribute `{name}`")),
                ));
            }
        }
        let content = self.read_inner_raw(element.clone())?;
        if !content.trim().is_empty() {
            return Err(
                self.error_at_element(&element, DecodeErrorKind::NilNotEmpty("content".into()))
            );
        }
        Ok(())
    }

    /// The `xsi:type` of `element` as `(namespace, local name)`, its prefix resolved
    /// against the namespaces in scope (an unprefixed name takes the default namespace);
    /// `None` without `xsi:type`.
    pub fn xsi_type(&self, element: &Element<'_>) -> Result<Option<(String, String)>, DecodeError> {
        let Some(value) = self.attribute(element, XSI_NS, "type")? else {
            return Ok(None);
        };
        let value = value.trim();
        let (resolved, local) = self.inner.resolve_element(QName(value.as_bytes()));
        let local = String::from_utf8_lossy(local.as_ref()).into_owned();
        match resolved {
            ResolveResult::Bound(ns) => Ok(Some((
                String::from_utf8_lossy(ns.as_ref()).into_owned(),
                local,
            ))),
            ResolveResult::Unbound => Ok(Some((String::new(), local))),
            ResolveResult::Unknown(prefix) => Err(self.error_at_element(
                element,
                DecodeErrorKind::InvalidValue {
                    text: value.to_owned(),
                    reason: format!(
                        "xsi:type: prefix `{}` is not declared",
                        String::from_utf8_lossy(&prefix)
                    ),
                },
            )),
        }
    }

    /// Checks that `element`'s `xsi:type`, if it has one, is its declared type `local`
    /// in namespace `ns`: for types that others derive from, whose values of a derived
    /// type would otherwise be read as the declared type, losing the rest.
    pub fn check_declared_type(
        &self,
        element: &Element<'_>,
        ns: &str,
        local: &str,
    ) -> Result<(), DecodeError> {
        match self.xsi_type(element)? {
            Some((found_ns, found_local)) if found_ns != ns || found_local != local => Err(self
                .error_at_element(
                    element,
                    DecodeErrorKind::DerivedType {
                        found: format!("{{{found_ns}}}{found_local}"),
                        declared: format!("{{{ns}}}{local}"),
                    },
                )),
            _ => Ok(()),
        }
    }

    /// The error for an element whose `xsi:type` (`found`, `None` if it has none) is
    /// not one of the concrete types `expected` (`{namespace}local` each) that its
    /// abstract declared type `declared` allows.
    pub fn unexpected_type(
        &self,
        element: &Element<'_>,
        found: Option<(String, String)>,
        declared: &str,
        expected: &[&str],
    ) -> DecodeError {
        let found = found.map(|(ns, local)| {
            if ns.is_empty() {
                local
            } else {
                format!("{{{ns}}}{local}")
            }
        });
        self.error_at_element(
            element,
            DecodeErrorKind::UnexpectedType {
                found,
                declared: declared.to_owned(),
                expected: expected.join(", "),
            },
        )
    }

    /// The value of attribute `local` in namespace `ns` (`""` for an unqualified one).
    pub fn attribute(
        &self,
        element: &Element<'_>,
        ns: &str,
        local: &str,
    ) -> Result<Option<Cow<'a, str>>, DecodeError> {
        for attribute in element.start.attributes() {
            let attribute = attribute.map_err(|e| {
                self.error_at(element.offset, DecodeErrorKind::Malformed(e.to_string()))
            })?;
            let (resolved, name) = self.inner.resolve_attribute(attribute.key);
            if name.as_ref() == local.as_bytes() && namespace_is(&resolved, ns) {
                let value = attribute.unescape_value().map_err(|e| {
                    self.error_at(element.offset, DecodeErrorKind::Malformed(e.to_string()))
                })?;
                if let Some(bad) = first_forbidden_in_xml(&value) {
                    return Err(self.error_at_element(element, forbidden_character(bad)));
                }
                return Ok(Some(match value {
                    Cow::Borrowed(b) => Cow::Owned(b.to_owned()),
                    Cow::Owned(s) => Cow::Owned(s),
                }));
            }
        }
        Ok(None)
    }

    /// Attribute `local` in namespace `ns` parsed as `T`, if present.
    pub fn optional_attribute<T: XmlValue>(
        &self,
        element: &Element<'_>,
        ns: &str,
        local: &str,
    ) -> Result<Option<T>, DecodeError> {
        let Some(text) = self.attribute(element, ns, local)? else {
            return Ok(None);
        };
        T::from_xml_text(&text).map(Some).map_err(|reason| {
            let mut error = self.error_at_element(
                element,
                DecodeErrorKind::InvalidValue {
                    text: text.into_owned(),
                    reason,
                },
            );
            error.path.push_str(&format!("/@{local}"));
            error
        })
    }

    /// Attribute `local` in namespace `ns` parsed as `T`; its absence is an error.
    pub fn required_attribute<T: XmlValue>(
        &self,
        element: &Element<'_>,
        ns: &str,
        local: &str,
    ) -> Result<T, DecodeError> {
        let value = self.optional_attribute(element, ns, local)?;
        self.require(value, element, &format!("@{local}"))
    }

    /// The element's markup, start tag to end tag, exactly as received.
    pub fn read_raw(&mut self, element: Element<'a>) -> Result<&'a str, DecodeError> {
        let end = self.skip_to_end(&element)?;
        self.utf8(&self.input[element.offset..end])
    }

    /// The markup between the element's start and end tags, exactly as received.
    pub fn read_inner_raw(&mut self, element: Element<'a>) -> Result<&'a str, DecodeError> {
        if element.empty {
            return Ok("");
        }
        self.skip_to_end(&element)?;
        // The end tag began where the last event (the End) began.
        self.utf8(&self.input[element.content_start..self.event_offset])
    }

    /// Like [`read_raw`](Self::read_raw), but the markup declares on its start tag every
    /// namespace in scope at `element` that it does not declare itself, so it means the
    /// same once cut out of its document (a fault detail whose prefix the `Envelope`
    /// declares, say).
    pub fn read_raw_in_scope(&mut self, element: Element<'a>) -> Result<String, DecodeError> {
        let inherited = self.inherited_declarations(&element);
        let markup = self.read_raw(element)?;
        Ok(declare_on_start_tag(markup, &inherited))
    }

    /// Like [`read_inner_raw`](Self::read_inner_raw), but each top-level child element
    /// declares the namespaces in scope that it does not declare itself; text between
    /// them is kept as received.
    pub fn read_inner_raw_in_scope(&mut self, element: Element<'a>) -> Result<String, DecodeError> {
        if element.empty {
            return Ok(String::new());
        }
        let mut scope = self.inherited_declarations(&element);
        merge_declarations(&mut scope, own_declarations(&element.start));
        let mut out = String::new();
        let mut copied = element.content_start;
        loop {
            let (start, empty) = match self.next_event()? {
                Event::Start(start) => (start, false),
                Event::Empty(start) => (start, true),
                Event::End(_) => {
                    self.path.pop();
                    out.push_str(self.utf8(&self.input[copied..self.event_offset])?);
                    return Ok(out);
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => continue,
            };
            let child = self.opened(start, empty)?;
            out.push_str(self.utf8(&self.input[copied..child.offset])?);
            out.push_str(&self.read_raw_declaring(child, &scope)?);
            copied = self.offset();
        }
    }

    /// `child`'s markup declaring those of `scope` it does not declare itself.
    fn read_raw_declaring(
        &mut self,
        child: Element<'a>,
        scope: &[(String, String)],
    ) -> Result<String, DecodeError> {
        let own = own_declarations(&child.start);
        let missing: Vec<(String, String)> = scope
            .iter()
            .filter(|(prefix, _)| !own.iter().any(|(p, _)| p == prefix))
            .cloned()
            .collect();
        let markup = self.read_raw(child)?;
        Ok(declare_on_start_tag(markup, &missing))
    }

    /// The namespace declarations of `element`'s ancestors that `element` does not
    /// override, innermost winning: `(prefix, uri)`, prefix `""` for the default one.
    fn inherited_declarations(&self, element: &Element<'_>) -> Vec<(String, String)> {
        let mut scope = Vec::new();
        for name in &self.path {
            // The element itself is on the path once its start tag is read.
            if name.start == element.offset + 1 {
                break;
            }
            let Some(tag) = start_tag_at(self.input, name.clone()) else {
                continue;
            };
            merge_declarations(&mut scope, own_declarations(&tag));
        }
        let own = own_declarations(&element.start);
        scope.retain(|(prefix, _)| !own.iter().any(|(p, _)| p == prefix));
        scope
    }

    /// A required value, or an error naming the missing child of `parent`.
    pub fn require<T>(
        &self,
        value: Option<T>,
        parent: &Element<'_>,
        name: &str,
    ) -> Result<T, DecodeError> {
        value.ok_or_else(|| {
            self.error_at_element(
                parent,
                DecodeErrorKind::MissingElement {
                    name: name.to_owned(),
                },
            )
        })
    }

    /// The error for a required child `name` of `parent` that is missing.
    pub fn missing(&self, parent: &Element<'_>, name: &str) -> DecodeError {
        self.error_at_element(
            parent,
            DecodeErrorKind::MissingElement {
                name: name.to_owned(),
            },
        )
    }

    /// An error positioned at `element`, its path ending with it whether or not it is
    /// still open.
    pub fn error_at_element(&self, element: &Element<'_>, kind: DecodeErrorKind) -> DecodeError {
        let mut error = self.error_at(element.offset, kind);
        // An open element's name starts right after its `<`.
        let is_open = self
            .path
            .last()
            .is_some_and(|name| name.start == element.offset + 1);
        if !is_open {
            error.path.push('/');
            error
                .path
                .push_str(&String::from_utf8_lossy(element.local_name()));
        }
        error
    }

    fn skip_to_end(&mut self, element: &Element<'a>) -> Result<usize, DecodeError> {
        if element.empty {
            return Ok(self.offset());
        }
        let mut depth = 1usize;
        loop {
            match self.next_event()? {
                Event::Start(start) => {
                    self.enter(&start)?;
                    depth += 1;
                }
                Event::End(_) => {
                    self.path.pop();
                    depth -= 1;
                    if depth == 0 {
                        return Ok(self.offset());
                    }
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    fn opened(&mut self, start: BytesStart<'a>, empty: bool) -> Result<Element<'a>, DecodeError> {
        let offset = self.event_offset;
        if empty {
            if self.path.len() + 1 > self.limits.max_depth {
                return Err(self.error_here(DecodeErrorKind::TooDeep {
                    limit: self.limits.max_depth,
                }));
            }
        } else {
            self.enter(&start)?;
        }
        Ok(Element {
            start,
            empty,
            offset,
            content_start: self.offset(),
        })
    }

    fn enter(&mut self, start: &BytesStart<'_>) -> Result<(), DecodeError> {
        if self.path.len() + 1 > self.limits.max_depth {
            return Err(self.error_here(DecodeErrorKind::TooDeep {
                limit: self.limits.max_depth,
            }));
        }
        let name = start.name();
        let begin = name.as_ref().as_ptr() as usize - self.input.as_ptr() as usize;
        self.path.push(begin..begin + name.as_ref().len());
        Ok(())
    }

    fn next_event(&mut self) -> Result<Event<'a>, DecodeError> {
        self.event_offset = self.offset();
        match self.inner.read_event() {
            Ok(Event::DocType(_)) => Err(self.error_here(DecodeErrorKind::DoctypeForbidden)),
            Ok(Event::Eof) if !self.path.is_empty() => {
                Err(self.error_here(DecodeErrorKind::UnexpectedEof))
            }
            Ok(event) => Ok(event),
            Err(e) => Err(self.quick_xml_error(e)),
        }
    }

    fn quick_xml_error(&self, error: QxError) -> DecodeError {
        let kind = match error {
            QxError::Syntax(
                SyntaxError::UnclosedTag
                | SyntaxError::UnclosedCData
                | SyntaxError::UnclosedComment
                | SyntaxError::UnclosedDoctype
                | SyntaxError::UnclosedPIOrXmlDecl,
            ) => DecodeErrorKind::UnexpectedEof,
            other => DecodeErrorKind::Malformed(other.to_string()),
        };
        self.error_at(self.inner.error_position() as usize, kind)
    }

    fn utf8<'b>(&self, bytes: &'b [u8]) -> Result<&'b str, DecodeError> {
        std::str::from_utf8(bytes)
            .map_err(|e| self.error_here(DecodeErrorKind::Malformed(format!("invalid UTF-8: {e}"))))
    }

    fn offset(&self) -> usize {
        self.inner.buffer_position() as usize
    }

    fn error_here(&self, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(self.event_offset, kind)
    }

    fn error_at(&self, offset: usize, kind: DecodeErrorKind) -> DecodeError {
        let (line, column) = line_column(self.input, offset);
        let path = self.path.iter().fold(String::new(), |mut path, range| {
            path.push('/');
            let name = String::from_utf8_lossy(&self.input[range.clone()]);
            // Paths name elements by local name: prefixes differ from sender to sender.
            path.push_str(name.rsplit(':').next().unwrap_or_default());
            path
        });
        DecodeError {
            kind,
            path,
            line,
            column,
        }
    }
}

/// The start tag whose name occupies `name` in `input`, re-read to see its attributes.
fn start_tag_at(input: &[u8], name: Range<usize>) -> Option<BytesStart<'_>> {
    let mut quote = None;
    let end = input[name.end..].iter().position(|&b| match quote {
        Some(q) if b == q => {
            quote = None;
            false
        }
        Some(_) => false,
        None if b == b'"' || b == b'\'' => {
            quote = Some(b);
            false
        }
        None => b == b'>',
    })? + name.end;
    let content = std::str::from_utf8(&input[name.start..end]).ok()?;
    let content = content.strip_suffix('/').unwrap_or(content);
    Some(BytesStart::from_content(content, name.len()))
}

/// The `xmlns` and `xmlns:p` attributes of a start tag: `(prefix, uri)`.
fn own_declarations(start: &BytesStart<'_>) -> Vec<(String, String)> {
    start
        .attributes()
        .flatten()
        .filter_map(|attribute| {
            let prefix = match attribute.key.as_namespace_binding()? {
                PrefixDeclaration::Default => String::new(),
                PrefixDeclaration::Named(p) => String::from_utf8_lossy(p).into_owned(),
            };
            let uri = attribute.unescape_value().ok()?.into_owned();
            Some((prefix, uri))
        })
        .collect()
}

/// Adds `inner` to `scope`, replacing what it redeclares.
fn merge_declarations(scope: &mut Vec<(String, String)>, inner: Vec<(String, String)>) {
    for (prefix, uri) in inner {
        scope.retain(|(p, _)| *p != prefix);
        scope.push((prefix, uri));
    }
}

/// `markup` (one element) with those of `declarations` it uses added to its start tag,
/// after its name.
fn declare_on_start_tag(markup: &str, declarations: &[(String, String)]) -> String {
    let used = used_prefixes(markup);
    let declarations: Vec<&(String, String)> = declarations
        .iter()
        .filter(|(prefix, _)| used.contains(prefix.as_str()))
        .collect();
    let name_end = markup
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(markup.len());
    let mut out = String::with_capacity(markup.len() + 64 * declarations.len());
    out.push_str(&markup[..name_end]);
    for (prefix, uri) in declarations {
        let uri = uri
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        match prefix.as_str() {
            "" => out.push_str(&format!(" xmlns=\"{uri}\"")),
            prefix => out.push_str(&format!(" xmlns:{prefix}=\"{uri}\"")),
        }
    }
    out.push_str(&markup[name_end..]);
    out
}

/// The prefixes `markup` uses (`""` for the default namespace): those of element and
/// attribute names, and those of attribute values and texts that look like a qualified
/// name (`xsi:type="ns1:T"`, a fault code).
fn used_prefixes(markup: &str) -> std::collections::BTreeSet<String> {
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
    let prefix_of = |name: quick_xml::name::QName<'_>| {
        name.prefix().map_or(String::new(), |p| {
            String::from_utf8_lossy(p.as_ref()).into_owned()
        })
    };
    let mut used = std::collections::BTreeSet::new();
    let mut reader = quick_xml::Reader::from_str(markup);
    loop {
        match reader.read_event() {
            Ok(Event::Start(start) | Event::Empty(start)) => {
                used.insert(prefix_of(start.name()));
                for attribute in start.attributes().flatten() {
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

/// The expanded-name comparison of a resolved prefix with an expected namespace.
fn namespace_is(resolved: &ResolveResult<'_>, ns: &str) -> bool {
    match resolved {
        ResolveResult::Bound(bound) => bound.as_ref() == ns.as_bytes(),
        ResolveResult::Unbound => ns.is_empty(),
        ResolveResult::Unknown(_) => false,
    }
}

fn append<'a>(text: &mut Cow<'a, str>, part: Cow<'a, str>) {
    if text.is_empty() {
        *text = part;
    } else {
        text.to_mut().push_str(&part);
    }
}

/// 1-based line and column (in characters) of byte `offset` in `input`.
pub(crate) fn line_column(input: &[u8], offset: usize) -> (usize, usize) {
    let before = &input[..offset.min(input.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The UTF-8 byte order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The error for character `bad` in text or an attribute value.
fn forbidden_character(bad: char) -> DecodeErrorKind {
    DecodeErrorKind::Malformed(format!(
        "the text contains U+{:04X}, which XML 1.0 does not allow",
        u32::from(bad)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(xml: &str) -> XmlReader<'_> {
        XmlReader::new(xml.as_bytes(), Limits::default()).unwrap()
    }

    #[test]
    fn matches_fields_by_namespace_not_prefix_and_skips_unknown() {
        let xml = r#"<a:R xmlns:a="urn:x"><a:one>1</a:one><b:extra xmlns:b="urn:x"><deep/></b:extra><two xmlns="urn:x">2 &amp; 3</two></a:R>"#;
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let fields = [("urn:x", "one"), ("urn:x", "two")];
        let (i, one) = r.next_field(&mut children, &fields).unwrap().unwrap();
        assert_eq!(i, 0);
        assert_eq!(r.read_value::<i32>(one).unwrap(), 1);
        let (i, two) = r.next_field(&mut children, &fields).unwrap().unwrap();
        assert_eq!(i, 1);
        assert_eq!(r.read_text(&two).unwrap(), "2 & 3");
        assert!(r.next_field(&mut children, &fields).unwrap().is_none());
    }

    #[test]
    fn refuses_characters_xml_forbids_in_text_and_attributes() {
        for xml in [
            "<x>a\u{0}b</x>",
            "<x>a&#1;b</x>",
            "<x>\u{FFFF}</x>",
            "<x><![CDATA[\u{1F}]]></x>",
        ] {
            let mut r = reader(xml);
            let root = r.root().unwrap();
            let err = r.read_text(&root).unwrap_err();
            assert!(
                matches!(err.kind, DecodeErrorKind::Malformed(_)),
                "{xml:?}: {err}"
            );
        }
        let mut r = reader("<x a=\"\u{1}\"/>");
        let root = r.root().unwrap();
        let err = r.attribute(&root, "", "a").unwrap_err();
        assert!(err.to_string().contains("U+0001"), "{err}");
        // Tab, LF and CR are allowed.
        let mut r = reader("<x>a\tb\nc&#13;</x>");
        let root = r.root().unwrap();
        assert_eq!(r.read_text(&root).unwrap(), "a\tb\nc\r");
    }

    #[test]
    fn raw_markup_after_a_byte_order_mark_is_cut_where_it_stands() {
        let xml = "\u{FEFF}<r xmlns:p=\"urn:p\"><d><p:x>1</p:x></d></r>";
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let d = r.next_child(&mut children).unwrap().unwrap();
        assert_eq!(
            r.read_inner_raw_in_scope(d).unwrap(),
            "<p:x xmlns:p=\"urn:p\">1</p:x>"
        );
        let twice = "\u{FEFF}\u{FEFF}<r/>".as_bytes();
        let err = XmlReader::new(twice, Limits::default()).err().unwrap();
        assert!(matches!(err.kind, DecodeErrorKind::Malformed(_)), "{err}");
    }

    #[test]
    fn refuses_doctype() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"boom\">]>\n<x>&e;</x>";
        let err = reader(xml).root().unwrap_err();
        assert_eq!(err.kind, DecodeErrorKind::DoctypeForbidden);
        assert_eq!((err.line, err.column), (2, 1));
    }

    #[test]
    fn refuses_deep_nesting() {
        let xml = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        let mut r = XmlReader::new(
            xml.as_bytes(),
            Limits {
                max_depth: 10,
                max_bytes: 1 << 20,
            },
        )
        .unwrap();
        let root = r.root().unwrap();
        let err = r.skip(root).unwrap_err();
        assert_eq!(err.kind, DecodeErrorKind::TooDeep { limit: 10 });
    }

    #[test]
    fn reports_truncation_and_bad_values_with_position() {
        let mut r = reader("<a>\n  <b>12");
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let b = r.next_child(&mut children).unwrap().unwrap();
        assert_eq!(
            r.read_value::<i32>(b).unwrap_err().kind,
            DecodeErrorKind::UnexpectedEof
        );

        let mut r = reader("<a>\n  <b>twelve</b></a>");
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let b = r.next_child(&mut children).unwrap().unwrap();
        let err = r.read_value::<i32>(b).unwrap_err();
        assert_eq!((err.line, err.column, err.path.as_str()), (2, 3, "/a/b"));
    }

    #[test]
    fn reads_raw_markup_and_nil() {
        let xml = r#"<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><d><x>1</x></d><n xsi:nil="true"/></a>"#;
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let d = r.next_child(&mut children).unwrap().unwrap();
        assert_eq!(r.read_raw(d).unwrap(), "<d><x>1</x></d>");
        let n = r.next_child(&mut children).unwrap().unwrap();
        assert_eq!(r.read_nillable_value::<String>(n).unwrap(), None);
    }

    #[test]
    fn captured_markup_declares_the_namespaces_in_scope_it_uses() {
        let xml = r#"<e:Envelope xmlns:e="urn:env" xmlns:ns1="urn:one" xmlns="urn:default"><detail>text <ns1:X a="1"><ns1:y/></ns1:X> <ns1:Z xmlns:ns1="urn:own"/><plain t="e:Thing"/></detail></e:Envelope>"#;
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let detail = r.next_child(&mut children).unwrap().unwrap();
        assert_eq!(
            r.read_inner_raw_in_scope(detail).unwrap(),
            concat!(
                r#"text <ns1:X xmlns:ns1="urn:one" a="1"><ns1:y/></ns1:X> "#,
                r#"<ns1:Z xmlns:ns1="urn:own"/><plain xmlns:e="urn:env" xmlns="urn:default" t="e:Thing"/>"#
            )
        );

        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let detail = r.next_child(&mut children).unwrap().unwrap();
        let mut inner = r.children(&detail);
        let x = r.next_child(&mut inner).unwrap().unwrap();
        assert_eq!(
            r.read_raw_in_scope(x).unwrap(),
            r#"<ns1:X xmlns:ns1="urn:one" a="1"><ns1:y/></ns1:X>"#
        );
    }

    #[test]
    fn nil_is_true_or_1_and_must_be_empty() {
        let xml = r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><n i:nil="1"/><n i:nil="false">5</n>
<n i:nil="true">5</n></a>"#;
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let n = r.next_child(&mut children).unwrap().unwrap();
        assert_eq!(r.read_nillable_value::<i32>(n).unwrap(), None);
        let n = r.next_child(&mut children).unwrap().unwrap();
        assert_eq!(r.read_nillable_value::<i32>(n).unwrap(), Some(5));
        let n = r.next_child(&mut children).unwrap().unwrap();
        let err = r.read_nillable_value::<i32>(n).unwrap_err();
        assert_eq!(err.kind, DecodeErrorKind::NilNotEmpty("content".into()));
        assert_eq!((err.line, err.column, err.path.as_str()), (2, 1, "/a/n"));

        let xml = r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><n i:nil="true" id="7"/></a>"#;
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let n = r.next_child(&mut children).unwrap().unwrap();
        let err = r.read_nillable_complex::<crate::RawXml>(n).unwrap_err();
        assert_eq!(
            err.to_string(),
            "an element with xsi:nil=\"true\" must be empty, but it has attribute `id` at line 1, column 56 (in /a/n)"
        );
    }

    #[test]
    fn resolves_xsi_type_against_the_namespaces_in_scope() {
        let xml = r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:p="urn:p" xmlns="urn:d"><s i:type="p:Circle"/><s i:type=" Square "/><s/><s i:type="q:X"/></a>"#;
        let mut r = reader(xml);
        let root = r.root().unwrap();
        let mut children = r.children(&root);
        let mut next = |r: &mut XmlReader<'_>| {
            let s = r.next_child(&mut children).unwrap().unwrap();
            let found = r.xsi_type(&s);
            r.skip(s).unwrap();
            found
        };
        let name = |ns: &str, local: &str| Some((ns.to_owned(), local.to_owned()));
        assert_eq!(next(&mut r).unwrap(), name("urn:p", "Circle"));
        assert_eq!(next(&mut r).unwrap(), name("urn:d", "Square"));
        assert_eq!(next(&mut r).unwrap(), None);
        let err = next(&mut r).unwrap_err();
        assert!(
            err.to_string().contains("prefix `q` is not declared"),
            "{err}"
        );
    }
}
