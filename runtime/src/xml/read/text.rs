//! Reading values: an element's text, simple and complex values, `xsi:nil`, arrays.

use std::borrow::Cow;

use quick_xml::events::{BytesText, Event};

use super::{Element, XmlReader, forbidden_character};
use crate::xml::write::first_forbidden_in_xml;
use crate::xml::{DecodeError, DecodeErrorKind, FromXml, SOAP_ENCODING_NS, XSI_NS, XmlValue};

impl<'a> XmlReader<'a> {
    /// The element's text content, unescaped; an element with child elements, or text
    /// holding a character XML 1.0 forbids, is an error.
    pub fn read_text(&mut self, element: &Element<'a>) -> Result<Cow<'a, str>, DecodeError> {
        let (text, plain) = self.read_text_as_is(element)?;
        if plain {
            return Ok(text);
        }
        match first_forbidden_in_xml(&text) {
            Some(bad) => Err(self.error_at_element(element, forbidden_character(bad))),
            None => Ok(text),
        }
    }

    /// The element's text content, unescaped, and whether it is known to hold no
    /// character XML 1.0 forbids (otherwise the caller looks).
    fn read_text_as_is(
        &mut self,
        element: &Element<'a>,
    ) -> Result<(Cow<'a, str>, bool), DecodeError> {
        if element.empty {
            return Ok((Cow::Borrowed(""), true));
        }
        // The usual `<x>text</x>`: one Text event, then the End.
        let mut text = match self.next_event()? {
            Event::Text(t) if self.tokens.last_text_is_plain() => {
                let plain = Cow::Borrowed(self.input_text(&t));
                match self.next_event()? {
                    Event::End(_) => return Ok((plain, true)),
                    event => {
                        let mut text = plain;
                        if self.add_text(event, &mut text)? {
                            return Ok((text, false));
                        }
                        text
                    }
                }
            }
            Event::Text(t) => self.unescape(&t)?,
            Event::End(_) => return Ok((Cow::Borrowed(""), true)),
            other => {
                let mut text = Cow::Borrowed("");
                if self.add_text(other, &mut text)? {
                    return Ok((text, false));
                }
                text
            }
        };
        loop {
            let event = self.next_event()?;
            if self.add_text(event, &mut text)? {
                return Ok((text, false));
            }
        }
    }

    /// Adds `event` to `text`; whether it was the end tag.
    fn add_text(&self, event: Event<'a>, text: &mut Cow<'a, str>) -> Result<bool, DecodeError> {
        match event {
            Event::Text(t) => append(text, self.unescape(&t)?),
            Event::CData(c) => append(text, Cow::Borrowed(self.input_text(&c))),
            Event::End(_) => return Ok(true),
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
        Ok(false)
    }

    #[inline]
    fn unescape(&self, text: &BytesText<'a>) -> Result<Cow<'a, str>, DecodeError> {
        quick_xml::escape::unescape(self.input_text(text))
            .map_err(|e| self.error_here(DecodeErrorKind::Malformed(e.to_string())))
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
    /// Partially transmitted and sparse arrays (`SOAP-ENC:offset`, `SOAP-ENC:position`)
    /// are refused: read as a plain list, their items would land out of place.
    pub fn read_items<T>(
        &mut self,
        element: &Element<'a>,
        mut read: impl FnMut(&mut Self, Element<'a>) -> Result<T, DecodeError>,
    ) -> Result<Vec<Option<T>>, DecodeError> {
        self.refuse_placed_items(element, "offset")?;
        let mut items = Vec::new();
        let mut children = self.children(element);
        while let Some(child) = self.next_child(&mut children)? {
            self.refuse_placed_items(&child, "position")?;
            if self.is_nil(&child) {
                self.read_nil(child)?;
                items.push(None);
            } else {
                items.push(Some(read(self, child)?));
            }
        }
        Ok(items)
    }

    /// An error if `element` carries `SOAP-ENC:{local}` (`offset` on a partially
    /// transmitted array, `position` on an item of a sparse one).
    fn refuse_placed_items(&self, element: &Element<'_>, local: &str) -> Result<(), DecodeError> {
        let Some(value) = self.attribute(element, SOAP_ENCODING_NS, local)? else {
            return Ok(());
        };
        let kind = DecodeErrorKind::InvalidValue {
            text: value.into_owned(),
            reason: format!(
                "SOAP-ENC:{local}: partially transmitted and sparse arrays are not supported"
            ),
        };
        Err(self.error_at_attribute(element, local, kind))
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
        for attribute in self.attributes_of(&element.start).flatten() {
            let key = attribute.key;
            let is_declaration = key.as_namespace_binding().is_some();
            let prefix = key.prefix().map(|p| p.into_inner());
            let resolved = self.namespaces.resolve_attribute(prefix);
            if !is_declaration && !resolved.is(XSI_NS) {
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
}

#[inline]
fn append<'a>(text: &mut Cow<'a, str>, part: Cow<'a, str>) {
    if text.is_empty() {
        *text = part;
    } else {
        text.to_mut().push_str(&part);
    }
}
