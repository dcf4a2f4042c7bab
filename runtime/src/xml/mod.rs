//! Streaming XML for generated code: [`XmlWriter`] writes elements straight into a byte
//! buffer, [`XmlReader`] pulls them from a byte slice with a tokenizer of its own (quick-xml's
//! event types). No DOM in between.

mod builtin;
mod error;
mod extend;
mod list;
mod multiref;
mod nillable;
mod occurrence;
mod raw;
mod read;
mod rectangular;
mod swar;
mod value;
mod write;

pub use builtin::{
    AnyUri, Base64Binary, Date, DateTime, Decimal, Duration, GDay, GMonth, GMonthDay, GYear,
    GYearMonth, HexBinary, Integer, NegativeInteger, NonNegativeInteger, NonPositiveInteger,
    PositiveInteger, QNameText, Time, ValueError,
};
pub use error::{DecodeError, DecodeErrorDetails, DecodeErrorKind, EncodeError};
pub use extend::ExtensibleContent;
pub use list::XmlList;
pub use multiref::inline_references;
pub use nillable::Nillable;
pub use occurrence::SequenceOccurrence;
pub use raw::RawXml;
pub use read::{Children, Element, Limits, XmlReader};
pub use rectangular::{ItemCount, RectangularArray, ShapeError};
pub use value::XmlValue;
pub(crate) use write::is_forbidden_in_xml;
pub use write::{XmlWriter, XsiType};

/// Namespace of XML Schema instance attributes (`xsi:nil`, `xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// Namespace of XML Schema.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// Namespace of SOAP 1.1 encoding (`SOAP-ENC:Array`, `SOAP-ENC:arrayType`, `href`/`id`).
pub const SOAP_ENCODING_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// A value that is written as the content (attributes and children) of an element.
pub trait ToXml {
    /// Writes this value's attributes; called while the start tag is still open.
    fn write_attributes(&self, _writer: &mut XmlWriter) {}
    /// Writes this value's child elements and text.
    fn write_content(&self, writer: &mut XmlWriter);
}

/// A value read from an element's attributes and children.
pub trait FromXml: Sized {
    /// Reads the value from `element`, whose start tag the reader has just returned.
    fn read_xml<'a>(reader: &mut XmlReader<'a>, element: &Element<'a>)
    -> Result<Self, DecodeError>;

    /// What an empty element reads as, when that is known without reading one; `None`
    /// (the default) if it must be read. An envelope without a `Header` reads its headers
    /// from an empty one, which costs a second reader unless the type answers here.
    fn value_of_empty() -> Option<Self> {
        None
    }
}

/// Nothing: no content is written. For the side of an operation that declares no SOAP
/// headers, where generated code passes headers generically.
impl ToXml for () {
    fn write_content(&self, _writer: &mut XmlWriter) {}
}

/// Nothing: the element is skipped. For the side of an operation that declares no SOAP
/// headers, where generated code reads headers generically.
impl FromXml for () {
    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
    ) -> Result<Self, DecodeError> {
        reader.skip(element.clone())
    }

    fn value_of_empty() -> Option<Self> {
        Some(())
    }
}

impl<T: ToXml + ?Sized> ToXml for Box<T> {
    fn write_attributes(&self, writer: &mut XmlWriter) {
        (**self).write_attributes(writer)
    }
    fn write_content(&self, writer: &mut XmlWriter) {
        (**self).write_content(writer)
    }
}

impl<T: FromXml> FromXml for Box<T> {
    fn read_xml<'a>(
        reader: &mut XmlReader<'a>,
        element: &Element<'a>,
    ) -> Result<Self, DecodeError> {
        T::read_xml(reader, element).map(Box::new)
    }

    fn value_of_empty() -> Option<Self> {
        T::value_of_empty().map(Box::new)
    }
}
