//! Conversion between simple XML Schema values and their text.

use std::borrow::Cow;

/// A simple value carried as element text or an attribute value.
pub trait XmlValue: Sized {
    /// Whether the value is a credential: a writer in masking mode (see
    /// [`XmlWriter::set_mask_secrets`](super::XmlWriter::set_mask_secrets)) writes
    /// [`MASK`](crate::MASK) in its place. Only [`Secret`](crate::Secret) says yes.
    const SECRET: bool = false;
    /// The value's lexical form, unescaped (the writer escapes it).
    fn to_xml_text(&self) -> Cow<'_, str>;
    /// Parses the lexical form (already unescaped); the error says why it is invalid.
    fn from_xml_text(text: &str) -> Result<Self, String>;
}

impl XmlValue for String {
    fn to_xml_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn from_xml_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl XmlValue for bool {
    fn to_xml_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
    fn from_xml_text(text: &str) -> Result<Self, String> {
        match text.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err("expected a boolean (true, false, 1 or 0)".to_owned()),
        }
    }
}

macro_rules! number_value {
    ($($ty:ty => $what:literal),* $(,)?) => {$(
        impl XmlValue for $ty {
            fn to_xml_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
            fn from_xml_text(text: &str) -> Result<Self, String> {
                let trimmed = text.trim();
                // XML Schema allows a leading '+', which Rust's integer parsing also accepts.
                trimmed.parse::<$ty>().map_err(|e| format!("expected {}: {e}", $what))
            }
        }
    )*};
}

number_value! {
    i8 => "a byte (-128..127)",
    i16 => "a short",
    i32 => "an int",
    i64 => "a long",
    u8 => "an unsignedByte",
    u16 => "an unsignedShort",
    u32 => "an unsignedInt",
    u64 => "an unsignedLong",
}

macro_rules! float_value {
    ($($ty:ty),*) => {$(
        impl XmlValue for $ty {
            fn to_xml_text(&self) -> Cow<'_, str> {
                Cow::Owned(if self.is_nan() {
                    "NaN".to_owned()
                } else if self.is_infinite() {
                    if *self > 0.0 { "INF" } else { "-INF" }.to_owned()
                } else {
                    self.to_string()
                })
            }
            fn from_xml_text(text: &str) -> Result<Self, String> {
                match text.trim() {
                    "INF" => Ok(<$ty>::INFINITY),
                    "-INF" => Ok(<$ty>::NEG_INFINITY),
                    "NaN" => Ok(<$ty>::NAN),
                    other => other.parse::<$ty>().map_err(|e| format!("expected a floating-point number: {e}")),
                }
            }
        }
    )*};
}

float_value!(f32, f64);
