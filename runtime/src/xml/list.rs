//! [`XmlList`]: an `xsd:list` value, whitespace-separated items of a simple type.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::XmlValue;

/// The items of an `xsd:list` value, written separated by single spaces.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct XmlList<T>(pub Vec<T>);

impl<T> std::ops::Deref for XmlList<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T: XmlValue> XmlValue for XmlList<T> {
    const SECRET: bool = T::SECRET;
    fn to_xml_text(&self) -> Cow<'_, str> {
        let items: Vec<Cow<'_, str>> = self.0.iter().map(XmlValue::to_xml_text).collect();
        Cow::Owned(items.join(" "))
    }

    fn from_xml_text(text: &str) -> Result<Self, String> {
        text.split_ascii_whitespace()
            .enumerate()
            .map(|(i, item)| T::from_xml_text(item).map_err(|e| format!("item {}: {e}", i + 1)))
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_any_whitespace_and_joins_with_spaces() {
        let list = XmlList::<i32>::from_xml_text(" 1\t2\n 3 ").unwrap();
        assert_eq!(list.0, vec![1, 2, 3]);
        assert_eq!(list.to_xml_text(), "1 2 3");
        assert_eq!(
            XmlList::<i32>::from_xml_text("1 x").unwrap_err(),
            "item 2: expected an int: invalid digit found in string"
        );
    }
}
