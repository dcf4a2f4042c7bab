//! Reading attributes, `xsi:type` included. Valid while the element's start tag is the
//! last thing read (its namespace declarations are then in scope), which is when
//! generated code reads them.

use std::borrow::Cow;

use quick_xml::name::QName;

use super::namespaces::Resolved;
use super::{Element, XmlReader, forbidden_character};
use crate::xml::write::first_forbidden_in_xml;
use crate::xml::{DecodeError, DecodeErrorKind, XSI_NS, XmlValue};

impl<'a> XmlReader<'a> {
    /// The value of attribute `local` in namespace `ns` (`""` for an unqualified one).
    pub fn attribute(
        &self,
        element: &Element<'_>,
        ns: &str,
        local: &str,
    ) -> Result<Option<Cow<'a, str>>, DecodeError> {
        // Repeated attributes were refused when the start tag was read.
        for attribute in self.attributes_of(&element.start) {
            let attribute = attribute.map_err(|e| {
                self.error_at(element.offset, DecodeErrorKind::Malformed(e.to_string()))
            })?;
            let key = attribute.key;
            if key.local_name().as_ref() != local.as_bytes() {
                continue;
            }
            let prefix = key.prefix().map(|p| p.into_inner());
            if self.namespaces.resolve_attribute(prefix).is(ns) {
                let value = attribute.unescape_value().map_err(|e| {
                    self.error_at(element.offset, DecodeErrorKind::Malformed(e.to_string()))
                })?;
                if let Some(bad) = first_forbidden_in_xml(&value) {
                    return Err(self.error_at_element(element, forbidden_character(bad)));
                }
                return Ok(Some(Cow::Owned(value.into_owned())));
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
            let kind = DecodeErrorKind::InvalidValue {
                text: text.into_owned(),
                reason,
            };
            self.error_at_attribute(element, local, kind)
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

    /// The `xsi:type` of `element` as `(namespace, local name)`, its prefix resolved
    /// against the namespaces in scope (an unprefixed name takes the default namespace);
    /// `None` without `xsi:type`.
    pub fn xsi_type(&self, element: &Element<'_>) -> Result<Option<(String, String)>, DecodeError> {
        let Some(value) = self.attribute(element, XSI_NS, "type")? else {
            return Ok(None);
        };
        let value = value.trim();
        let name = QName(value.as_bytes());
        let prefix = name.prefix().map(|p| p.into_inner());
        let local = String::from_utf8_lossy(name.local_name().into_inner()).into_owned();
        match self.namespaces.resolve_element(prefix) {
            Resolved::Bound(ns) => Ok(Some((String::from_utf8_lossy(ns).into_owned(), local))),
            Resolved::None => Ok(Some((String::new(), local))),
            Resolved::Unknown => Err(self.error_at_element(
                element,
                DecodeErrorKind::InvalidValue {
                    text: value.to_owned(),
                    reason: format!(
                        "xsi:type: prefix `{}` is not declared",
                        String::from_utf8_lossy(prefix.unwrap_or_default())
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
}
