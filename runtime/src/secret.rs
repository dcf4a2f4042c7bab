//! [`Secret`]: a value that is sent and stored as it is but never shown.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::xml::XmlValue;

/// What `Debug` and `Display` print instead of a secret.
pub const MASK: &str = "********";

/// A credential such as a password: `Debug` and `Display` print [`MASK`], and so does an
/// [`XmlWriter`](crate::xml::XmlWriter) writing a copy for a trace, while the wire
/// (XML and serde) carries the value itself. Masking follows from the type, so it never
/// depends on finding the value's text elsewhere. `soap-codegen` gives fields marked with
/// `Generator::secret_field` this type.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value, for the few places that must use it (sending, comparing).
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// The value, unwrapped.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl Secret<String> {
    /// The value as text.
    pub fn expose_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret<String> {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl<T: XmlValue> XmlValue for Secret<T> {
    const SECRET: bool = true;
    fn to_xml_text(&self) -> Cow<'_, str> {
        self.0.to_xml_text()
    }
    fn from_xml_text(text: &str) -> Result<Self, String> {
        T::from_xml_text(text).map(Self)
    }
}

impl<T: Serialize> Serialize for Secret<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_mask_the_value() {
        let secret = Secret::from("800");
        assert_eq!(format!("{secret:?} {secret}"), "******** ********");
        assert_eq!(format!("{:?}", Some(Secret::from("p"))), "Some(********)");
        assert_eq!(secret.expose_str(), "800");
    }

    #[test]
    fn xml_and_serde_carry_the_value() {
        let secret = Secret::from("p<w");
        assert_eq!(secret.to_xml_text(), "p<w");
        assert_eq!(
            Secret::<String>::from_xml_text("x").unwrap(),
            Secret::from("x")
        );
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"p<w\"");
        let back: Secret<String> = serde_json::from_str("\"p<w\"").unwrap();
        assert_eq!(back, secret);
    }

    #[test]
    fn a_masking_writer_writes_the_mask_for_secrets_only() {
        let write = |mask: bool| {
            let mut writer = crate::xml::XmlWriter::new(false);
            writer.set_mask_secrets(mask);
            writer.start("", "r");
            writer.value_attribute("", "a", &Secret::from("p1"));
            writer.value_element("", "s", &Secret::from("p2"));
            writer.value_element("", "l", &crate::xml::XmlList(vec![Secret::from("p3")]));
            writer.value_element("", "t", &"visible".to_owned());
            writer.end();
            String::from_utf8(writer.finish().unwrap()).unwrap()
        };
        assert_eq!(
            write(true),
            "<r a=\"********\"><s>********</s><l>********</l><t>visible</t></r>"
        );
        assert_eq!(
            write(false),
            "<r a=\"p1\"><s>p2</s><l>p3</l><t>visible</t></r>"
        );
    }
}
