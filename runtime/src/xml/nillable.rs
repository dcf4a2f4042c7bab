//! [`Nillable`]: the value of an optional nillable element, where nil and absence differ.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of an element that may be `xsi:nil`: generated code holds an optional
/// nillable element (`minOccurs="0" nillable="true"`) as `Option<Nillable<T>>`, so the
/// three states on the wire stay apart: `None` (absent, not written), `Some(Nil)`
/// (written `<x xsi:nil="true"/>`) and `Some(Value(v))`.
///
/// In JSON (serde) a nil is `null` and a value is the value itself; generated fields add
/// [`Nillable::deserialize_present`] so that an absent key is `None` and `null` is
/// `Some(Nil)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nillable<T> {
    /// Present with `xsi:nil="true"`, no content.
    Nil,
    /// Present with a value.
    Value(T),
}

impl<T> Nillable<T> {
    /// Whether it is nil.
    pub fn is_nil(&self) -> bool {
        matches!(self, Self::Nil)
    }

    /// The value, `None` for nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Nil => None,
            Self::Value(value) => Some(value),
        }
    }

    /// The value, `None` for nil.
    pub fn into_value(self) -> Option<T> {
        match self {
            Self::Nil => None,
            Self::Value(value) => Some(value),
        }
    }

    /// `Value(v)` for `Some(v)`, `Nil` for `None`.
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Self::Nil, Self::Value)
    }
}

impl<T> From<T> for Nillable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<'de, T: Deserialize<'de>> Nillable<T> {
    /// For `#[serde(default, deserialize_with = "…")]` on an `Option<Nillable<T>>` field:
    /// a key that is present is `Some`, so `null` is `Some(Nil)` rather than `None`
    /// (which the `default` leaves to an absent key).
    pub fn deserialize_present<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Self>, D::Error> {
        Self::deserialize(deserializer).map(Some)
    }
}

/// `null` for nil, the value itself otherwise.
impl<T: Serialize> Serialize for Nillable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Nil => serializer.serialize_none(),
            Self::Value(value) => serializer.serialize_some(value),
        }
    }
}

/// `null` is nil, anything else a value.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nillable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from_option)
    }
}

#[cfg(test)]
mod tests {
    use super::Nillable;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Holder {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "Nillable::deserialize_present"
        )]
        x: Option<Nillable<i32>>,
    }

    #[test]
    fn json_tells_absent_null_and_value_apart() {
        for (json, x) in [
            ("{}", None),
            (r#"{"x":null}"#, Some(Nillable::Nil)),
            (r#"{"x":5}"#, Some(Nillable::Value(5))),
        ] {
            let holder: Holder = serde_json::from_str(json).unwrap();
            assert_eq!(holder, Holder { x });
            assert_eq!(serde_json::to_string(&holder).unwrap(), json);
        }
    }

    #[test]
    fn accessors() {
        let nil: Nillable<i32> = Nillable::Nil;
        assert!(nil.is_nil() && nil.value().is_none());
        let five = Nillable::from(5);
        assert_eq!(
            (five.is_nil(), five.value(), five.into_value()),
            (false, Some(&5), Some(5))
        );
    }
}
