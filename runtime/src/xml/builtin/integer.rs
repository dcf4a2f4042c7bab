//! [`Integer`] (`xs:integer`) and its sign-restricted kinds, arbitrary size.
//!
//! The four restricted kinds are types of their own rather than range checks on
//! [`Integer`]: a field typed [`PositiveInteger`] cannot hold `0`, whoever builds it,
//! and reading checks the range with no code in the generated struct. Each converts
//! into [`Integer`] for free and back with a check.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use super::number::{self, Numeral};
use super::{ValueError, text_type, trim_xml};

/// An `xs:integer`: any number of digits, never truncated to a machine integer.
///
/// Keeps the text it was made from and compares by value (`+007 == 7`). Converts from
/// every primitive integer and to each one with a range check.
///
/// ```
/// use soap_runtime::Integer;
///
/// let big = Integer::new("123456789012345678901234567890")?;
/// assert!(i64::try_from(&big).is_err());
/// assert_eq!(Integer::new("+007")?, Integer::from(7));
/// assert_eq!(i32::try_from(&Integer::new("-42")?)?, -42);
/// # Ok::<(), soap_runtime::ValueError>(())
/// ```
#[derive(Clone)]
pub struct Integer {
    text: String,
}

const XSD: &str = "xs:integer";

impl Integer {
    /// Checks `text` (an optional sign and digits); surrounding XML whitespace is dropped.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let text = trim_xml(text);
        number::check(text, true).map_err(|reason| ValueError::new(XSD, reason))?;
        Ok(Self {
            text: text.to_owned(),
        })
    }

    /// The text as read or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The shortest form: no `+`, no leading zeros (`"-007"` gives `"-7"`).
    pub fn canonical(&self) -> String {
        self.numeral().canonical()
    }

    /// Whether the value is below zero (`-0` is not).
    pub fn is_negative(&self) -> bool {
        self.numeral().negative
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.numeral().is_zero()
    }

    fn numeral(&self) -> Numeral<'_> {
        Numeral::of(&self.text)
    }
}

text_type!(Integer, "xs:integer", integers = true);

impl Default for Integer {
    /// Zero.
    fn default() -> Self {
        Self::from(0)
    }
}

impl PartialEq for Integer {
    fn eq(&self, other: &Self) -> bool {
        self.numeral() == other.numeral()
    }
}

impl Eq for Integer {}

impl Hash for Integer {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.numeral().hash(state);
    }
}

impl Ord for Integer {
    fn cmp(&self, other: &Self) -> Ordering {
        self.numeral().cmp(&other.numeral())
    }
}

impl PartialOrd for Integer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

macro_rules! primitive_conversions {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Integer {
            fn from(value: $ty) -> Self {
                Self { text: value.to_string() }
            }
        }

        impl TryFrom<&Integer> for $ty {
            type Error = ValueError;
            /// The value, if it is in range.
            fn try_from(value: &Integer) -> Result<Self, ValueError> {
                value.canonical().parse().map_err(|_| {
                    ValueError::new(XSD, format!("{} is out of range for {}", value.text, stringify!($ty)))
                })
            }
        }

        impl TryFrom<Integer> for $ty {
            type Error = ValueError;
            /// The value, if it is in range.
            fn try_from(value: Integer) -> Result<Self, ValueError> {
                <$ty>::try_from(&value)
            }
        }
    )*};
}

primitive_conversions!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);

/// An [`Integer`] restricted by sign: the type, its schema name, its default, the
/// check (on the value's [`Numeral`]) and what a value failing it is.
macro_rules! restricted_integer {
    (
        $(#[$doc:meta])*
        $name:ident, $xsd:literal, default = $default:literal,
        ok = $ok:expr, failing = $failing:literal
    ) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Integer);

        impl $name {
            /// Checks `text` as an integer in this type's range; surrounding XML
            /// whitespace is dropped.
            pub fn new(text: &str) -> Result<Self, ValueError> {
                let integer = Integer::new(text).map_err(|e| ValueError::new($xsd, e.reason()))?;
                Self::try_from(integer)
            }

            /// The text as read or given.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The value as an unrestricted [`Integer`].
            pub fn as_integer(&self) -> &Integer {
                &self.0
            }
        }

        text_type!($name, $xsd, integers = true);

        impl Default for $name {
            #[doc = concat!("`", $default, "`, the value nearest zero in range.")]
            fn default() -> Self {
                Self(Integer { text: $default.to_owned() })
            }
        }

        impl TryFrom<Integer> for $name {
            type Error = ValueError;
            /// The integer, if it is in range.
            fn try_from(integer: Integer) -> Result<Self, ValueError> {
                let ok: fn(&Numeral<'_>) -> bool = $ok;
                if ok(&integer.numeral()) {
                    Ok(Self(integer))
                } else {
                    Err(ValueError::new($xsd, format!("{} {}", integer.text, $failing)))
                }
            }
        }

        impl TryFrom<i64> for $name {
            type Error = ValueError;
            /// The value, if it is in range.
            fn try_from(value: i64) -> Result<Self, ValueError> {
                Self::try_from(Integer::from(value))
            }
        }

        impl From<$name> for Integer {
            fn from(value: $name) -> Integer {
                value.0
            }
        }
    };
}

restricted_integer! {
    /// An `xs:nonNegativeInteger`: 0 or more, any size.
    ///
    /// ```
    /// use soap_runtime::NonNegativeInteger;
    ///
    /// assert_eq!(NonNegativeInteger::new("-0")?, NonNegativeInteger::from(0u64));
    /// assert_eq!(
    ///     NonNegativeInteger::new("-1").unwrap_err().to_string(),
    ///     "invalid xs:nonNegativeInteger: -1 is below 0"
    /// );
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    NonNegativeInteger, "xs:nonNegativeInteger", default = "0",
    ok = |n| !n.negative, failing = "is below 0"
}

restricted_integer! {
    /// An `xs:positiveInteger`: 1 or more, any size.
    ///
    /// ```
    /// use soap_runtime::PositiveInteger;
    ///
    /// assert_eq!(PositiveInteger::new("0042")?.as_integer().canonical(), "42");
    /// assert!(PositiveInteger::new("0").is_err());
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    PositiveInteger, "xs:positiveInteger", default = "1",
    ok = |n| !n.negative && !n.is_zero(), failing = "is below 1"
}

restricted_integer! {
    /// An `xs:nonPositiveInteger`: 0 or less, any size.
    ///
    /// ```
    /// use soap_runtime::NonPositiveInteger;
    ///
    /// assert!(NonPositiveInteger::new("+0").is_ok());
    /// assert!(NonPositiveInteger::new("1").is_err());
    /// ```
    NonPositiveInteger, "xs:nonPositiveInteger", default = "0",
    ok = |n| n.negative || n.is_zero(), failing = "is above 0"
}

restricted_integer! {
    /// An `xs:negativeInteger`: -1 or less, any size.
    ///
    /// ```
    /// use soap_runtime::NegativeInteger;
    ///
    /// assert!(NegativeInteger::new("-99999999999999999999999").is_ok());
    /// assert!(NegativeInteger::new("-0").is_err());
    /// ```
    NegativeInteger, "xs:negativeInteger", default = "-1",
    ok = |n| n.negative, failing = "is above -1"
}

impl From<u64> for NonNegativeInteger {
    fn from(value: u64) -> Self {
        Self(Integer::from(value))
    }
}

impl TryFrom<u64> for PositiveInteger {
    type Error = ValueError;
    /// The value, if it is not 0.
    fn try_from(value: u64) -> Result<Self, ValueError> {
        Self::try_from(Integer::from(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XmlValue;

    fn i(text: &str) -> Integer {
        Integer::new(text).unwrap()
    }

    #[test]
    fn keeps_any_size_and_the_text() {
        let huge = "-123456789012345678901234567890123456789012345678901234567890";
        assert_eq!(Integer::from_xml_text(huge).unwrap().to_xml_text(), huge);
        assert_eq!(Integer::from_xml_text(" +007 ").unwrap().as_str(), "+007");
        assert_eq!(i("+007").canonical(), "7");
        assert_eq!(i("-0").canonical(), "0");
    }

    #[test]
    fn rejects_what_is_not_an_integer() {
        let reason = |text| Integer::from_xml_text(text).unwrap_err();
        assert_eq!(
            reason("1.0"),
            "invalid xs:integer: a fraction is not allowed"
        );
        assert_eq!(reason(""), "invalid xs:integer: empty text");
        assert_eq!(
            reason("1e3"),
            "invalid xs:integer: exponent notation is not allowed"
        );
        assert_eq!(
            reason("12a"),
            "invalid xs:integer: unexpected character `a` at position 3"
        );
        assert_eq!(reason("-"), "invalid xs:integer: no digits");
    }

    #[test]
    fn compares_by_value() {
        assert_eq!(i("+007"), i("7"));
        assert_eq!(i("-0"), i("0"));
        assert!(i("-100") < i("-99"));
        assert!(i("100000000000000000000000") > i("99999999999999999999999"));
        let mut sorted = vec![i("10"), i("-3"), i("2"), i("-30")];
        sorted.sort();
        assert_eq!(sorted, vec![i("-30"), i("-3"), i("2"), i("10")]);
    }

    #[test]
    fn converts_with_range_checks() {
        assert_eq!(i64::try_from(&i("-9223372036854775808")).unwrap(), i64::MIN);
        assert_eq!(
            i64::try_from(&i("9223372036854775808"))
                .unwrap_err()
                .to_string(),
            "invalid xs:integer: 9223372036854775808 is out of range for i64"
        );
        assert_eq!(u8::try_from(i("+0255")).unwrap(), 255);
        assert!(u64::try_from(&i("-1")).is_err());
        assert_eq!(
            u128::try_from(&Integer::from(u128::MAX)).unwrap(),
            u128::MAX
        );
        assert_eq!(Integer::default(), i("0"));
    }

    #[test]
    fn restricted_kinds_check_the_sign() {
        let reason = |result: Result<NonNegativeInteger, String>| result.unwrap_err();
        assert_eq!(
            reason(NonNegativeInteger::from_xml_text("-1")),
            "invalid xs:nonNegativeInteger: -1 is below 0"
        );
        assert_eq!(
            reason(NonNegativeInteger::from_xml_text("1.5")),
            "invalid xs:nonNegativeInteger: a fraction is not allowed"
        );
        assert!(NonNegativeInteger::new("-0").is_ok());
        assert!(NonNegativeInteger::new("+0").is_ok());
        assert_eq!(
            PositiveInteger::new("0").unwrap_err().to_string(),
            "invalid xs:positiveInteger: 0 is below 1"
        );
        assert!(PositiveInteger::new("-5").is_err());
        assert!(PositiveInteger::new("99999999999999999999999999").is_ok());
        assert!(NonPositiveInteger::new("-0").is_ok() && NonPositiveInteger::new("+0").is_ok());
        assert_eq!(
            NonPositiveInteger::new("1").unwrap_err().to_string(),
            "invalid xs:nonPositiveInteger: 1 is above 0"
        );
        assert_eq!(
            NegativeInteger::new("0").unwrap_err().to_string(),
            "invalid xs:negativeInteger: 0 is above -1"
        );
        assert!(NegativeInteger::new("-1").is_ok());
    }

    #[test]
    fn restricted_kinds_convert_and_default_in_range() {
        assert_eq!(NonNegativeInteger::default().as_str(), "0");
        assert_eq!(PositiveInteger::default().as_str(), "1");
        assert_eq!(NonPositiveInteger::default().as_str(), "0");
        assert_eq!(NegativeInteger::default().as_str(), "-1");
        assert!(PositiveInteger::try_from(0u64).is_err());
        assert!(NegativeInteger::try_from(-1i64).is_ok());
        assert!(NonNegativeInteger::try_from(i("-2")).is_err());
        let n = NonNegativeInteger::from(5u64);
        assert_eq!(u64::try_from(n.as_integer()).unwrap(), 5);
        assert_eq!(Integer::from(n), i("5"));
        assert_eq!(
            format!("{:?}", PositiveInteger::new("3").unwrap()),
            "PositiveInteger(\"3\")"
        );
        assert!(PositiveInteger::new("2").unwrap() < PositiveInteger::new("10").unwrap());
    }
}
