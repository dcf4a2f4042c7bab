//! [`RawXml`]: content the schema leaves open (`xsd:any`, mixed content), kept as markup.

use serde::{Deserialize, Serialize};

use super::{DecodeError, Element, FromXml, ToXml, XmlReader, XmlWriter};

/// Markup kept as received and written back unchanged. A whole element read with
/// [`read_element`](Self::read_element) declares on its start tag the namespaces in scope
/// that it does not declare itself, so it keeps its meaning out of its document; the
/// content of a mixed-content element is kept exactly, declarations of enclosing elements
/// not repeated (it is written back inside the same element).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RawXml(pub String);

impl RawXml {
    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl RawXml {
    /// Reads one whole element, start tag to end tag, declaring the namespaces in scope.
    pub fn read_element<'a>(
        reader: &mut XmlReader<'a>,
        element: Element<'a>,
    ) -> Result<Self, DecodeError> {
        reader.read_raw_in_scope(element).map(Self)
    }

    /// Writes the markup as one child of the open element.
    pub fn write_element(&self, writer: &mut XmlWriter) {
        writer.raw_child(&self.0);
    }
}

/// As an element's whole content (a mixed-content type): everything between its tags.
impl FromXml for RawXml {
    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
    ) -> Result<Self, DecodeError> {
        reader
            .read_inner_raw(element.clone())
            .map(|markup| Self(markup.to_owned()))
    }
}

impl ToXml for RawXml {
    fn write_content(&self, writer: &mut XmlWriter) {
        writer.raw(&self.0);
    }
}
