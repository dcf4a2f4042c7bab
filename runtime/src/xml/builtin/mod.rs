//! Exact types for the XML Schema built-ins that Rust has no exact type for.
//!
//! Each keeps what the schema means, never an approximation: [`Decimal`] and the
//! [`Integer`] family are arbitrary-precision (money is never `f64`, a large number is
//! never truncated to `i64`); the date and time types check the lexical form and keep
//! the text they read; the binary types hold the decoded bytes.
//!
//! Every type implements [`XmlValue`](super::XmlValue), `FromStr` (or `From` for the
//! binary types), `Display`, serde as its lexical form (a JSON string; [`Decimal`] and
//! the integers also accept JSON integers) and `Default`. Values are validated on every
//! way in, so a value of these types is always valid; the only exception is the
//! `Default` of [`QNameText`], an empty placeholder. Leading and trailing XML whitespace
//! is dropped, as the schema's `whiteSpace="collapse"` facet says.
//!
//! ```
//! use soap_runtime::{Date, Decimal, XmlValue};
//!
//! let price: Decimal = "12.50".parse()?;
//! assert_eq!(price.to_xml_text(), "12.50"); // written back as read
//! assert_eq!(price, "12.5".parse::<Decimal>()?); // compared by value
//!
//! let error = Date::from_xml_text("2026-13-01").unwrap_err();
//! assert_eq!(error, "invalid xs:date: month 13 out of range 01-12");
//! # Ok::<(), soap_runtime::ValueError>(())
//! ```

mod binary;
mod datetime;
mod decimal;
mod duration;
mod gregorian;
mod integer;
mod names;
mod number;
mod temporal;

use std::fmt;

pub use binary::{Base64Binary, HexBinary};
pub use datetime::{Date, DateTime, Time};
pub use decimal::Decimal;
pub use duration::Duration;
pub use gregorian::{GDay, GMonth, GMonthDay, GYear, GYearMonth};
pub use integer::{
    Integer, NegativeInteger, NonNegativeInteger, NonPositiveInteger, PositiveInteger,
};
pub use names::{AnyUri, QNameText};

/// Why a text is not a valid value of a built-in type.
///
/// ```
/// let error = "1e3".parse::<soap_runtime::Decimal>().unwrap_err();
/// assert_eq!(error.type_name(), "xs:decimal");
/// assert_eq!(error.to_string(), "invalid xs:decimal: exponent notation is not allowed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    type_name: &'static str,
    reason: String,
}

impl ValueError {
    pub(crate) fn new(type_name: &'static str, reason: impl Into<String>) -> Self {
        Self {
            type_name,
            reason: reason.into(),
        }
    }

    /// The schema type, such as `xs:date`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// What is wrong, such as `month 13 out of range 01-12`.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.type_name, self.reason)
    }
}

impl std::error::Error for ValueError {}

/// `text` without leading and trailing XML whitespace (space, tab, CR, LF).
fn trim_xml(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\r', '\n'])
}

/// The serde visitor of the text-backed types: a string, or (`integers`) a JSON integer.
struct TextVisitor<T> {
    expecting: &'static str,
    integers: bool,
    marker: std::marker::PhantomData<T>,
}

impl<T> TextVisitor<T> {
    fn new(expecting: &'static str, integers: bool) -> Self {
        Self {
            expecting,
            integers,
            marker: std::marker::PhantomData,
        }
    }
}

impl<T: std::str::FromStr<Err = ValueError>> serde::de::Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the lexical form of {}", self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
        if !self.integers {
            return Err(E::invalid_type(serde::de::Unexpected::Signed(v), &self));
        }
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
        if !self.integers {
            return Err(E::invalid_type(serde::de::Unexpected::Unsigned(v), &self));
        }
        self.visit_str(&v.to_string())
    }
}

/// The impls every text-backed type shares, from its `new(&str)` and `as_str()`:
/// `XmlValue`, `FromStr`, `Display`, `Debug`, `AsRef<str>`, `From<T> for String` and
/// serde as the text. `integers` lets serde also accept JSON integers.
macro_rules! text_type {
    ($ty:ident, $xsd:literal) => {
        $crate::xml::builtin::text_type!($ty, $xsd, integers = false);
    };
    ($ty:ident, $xsd:literal, integers = $integers:literal) => {
        impl $crate::xml::XmlValue for $ty {
            fn to_xml_text(&self) -> std::borrow::Cow<'_, str> {
                std::borrow::Cow::Borrowed(self.as_str())
            }
            fn from_xml_text(text: &str) -> Result<Self, String> {
                Self::new(text).map_err(|e| e.to_string())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::xml::builtin::ValueError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::new(text)
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($ty))
                    .field(&self.as_str())
                    .finish()
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.as_str().to_owned()
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let visitor = $crate::xml::builtin::TextVisitor::new($xsd, $integers);
                // Self-describing formats may hold a number; others always hold the text.
                if $integers && deserializer.is_human_readable() {
                    deserializer.deserialize_any(visitor)
                } else {
                    deserializer.deserialize_str(visitor)
                }
            }
        }
    };
}
use text_type;
