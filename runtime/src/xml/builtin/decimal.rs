//! [`Decimal`]: `xs:decimal`, arbitrary precision, kept as written.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use super::number::{self, Numeral};
use super::{Integer, ValueError, text_type, trim_xml};

const XSD: &str = "xs:decimal";

/// An `xs:decimal`: any number of digits before and after the point, never a float.
///
/// It keeps the text it was made from and writes that text back (`12.50` stays `12.50`),
/// but compares by value (`12.50 == 12.5`). [`canonical`](Self::canonical) gives the
/// shortest form. Exponents, `NaN` and `INF` are rejected: they are `xs:double`'s.
/// Exact conversions: from any integer, to integers when the value is integral, and to
/// and from scaled integers ([`to_scaled`](Self::to_scaled)) for amounts in minor units.
/// There is no conversion from floats; no decimal crate is a dependency (parse
/// [`as_str`](Self::as_str) into one if needed).
///
/// ```
/// use soap_runtime::Decimal;
///
/// let price = Decimal::new("12.50")?;
/// assert_eq!(price.as_str(), "12.50");
/// assert_eq!(price, Decimal::new("+012.5")?);
/// assert_eq!(price.canonical(), "12.5");
/// assert_eq!(price.to_scaled(2)?, 1250); // cents
/// assert_eq!(Decimal::from_scaled(-5, 2).as_str(), "-0.05");
/// assert!(Decimal::new("1e3").is_err());
/// # Ok::<(), soap_runtime::ValueError>(())
/// ```
#[derive(Clone)]
pub struct Decimal {
    text: String,
}

impl Decimal {
    /// Checks `text` (an optional sign, digits, an optional `.` and fraction digits);
    /// surrounding XML whitespace is dropped.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let text = trim_xml(text);
        number::check(text, false).map_err(|reason| ValueError::new(XSD, reason))?;
        Ok(Self {
            text: text.to_owned(),
        })
    }

    /// The text as read or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The shortest form of the value: no `+`, no leading zeros, no trailing fraction
    /// zeros, no point for an integral value (`"-0012.50"` gives `"-12.5"`, `"3.00"`
    /// gives `"3"`).
    pub fn canonical(&self) -> String {
        self.numeral().canonical()
    }

    /// Whether the value is below zero (`-0.0` is not).
    pub fn is_negative(&self) -> bool {
        self.numeral().negative
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.numeral().is_zero()
    }

    /// Whether the value has no fraction (`12.00` has none).
    pub fn is_integer(&self) -> bool {
        self.numeral().frac.is_empty()
    }

    /// The number of fraction digits as written (`12.50` has 2).
    pub fn scale(&self) -> usize {
        self.text.split_once('.').map_or(0, |(_, frac)| frac.len())
    }

    /// The decimal `units × 10^-scale`, written with exactly `scale` fraction digits:
    /// `from_scaled(1250, 2)` is `12.50`.
    pub fn from_scaled(units: i128, scale: u32) -> Self {
        let scale = scale as usize;
        let digits = format!("{:0>width$}", units.unsigned_abs(), width = scale + 1);
        let (int, frac) = digits.split_at(digits.len() - scale);
        let sign = if units < 0 { "-" } else { "" };
        let text = if scale == 0 {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac}")
        };
        Self { text }
    }

    /// The value in units of `10^-scale`, exactly: `12.5` with scale 2 is `1250`.
    /// Fails if the value has more significant fraction digits than `scale`, or does not
    /// fit an `i128`.
    pub fn to_scaled(&self, scale: u32) -> Result<i128, ValueError> {
        let numeral = self.numeral();
        let scale = scale as usize;
        if numeral.frac.len() > scale {
            return Err(ValueError::new(
                XSD,
                format!("{} has more than {scale} fraction digits", self.text),
            ));
        }
        let overflow = || {
            ValueError::new(
                XSD,
                format!("{} scaled by 10^{scale} does not fit an i128", self.text),
            )
        };
        if numeral.is_zero() {
            return Ok(0);
        }
        // i128 has at most 39 digits: do not build a longer string to find that out.
        if numeral.int.len() + scale > 39 {
            return Err(overflow());
        }
        let sign = if numeral.negative { "-" } else { "" };
        let digits = format!("{sign}0{}{:0<scale$}", numeral.int, numeral.frac);
        digits.parse().map_err(|_| overflow())
    }

    fn numeral(&self) -> Numeral<'_> {
        Numeral::of(&self.text)
    }
}

text_type!(Decimal, "xs:decimal", integers = true);

impl Default for Decimal {
    /// Zero, written `0`.
    fn default() -> Self {
        Self {
            text: "0".to_owned(),
        }
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.numeral() == other.numeral()
    }
}

impl Eq for Decimal {}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.numeral().hash(state);
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        self.numeral().cmp(&other.numeral())
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<Integer> for Decimal {
    fn from(value: Integer) -> Self {
        Self { text: value.into() }
    }
}

impl From<&Integer> for Decimal {
    fn from(value: &Integer) -> Self {
        Self {
            text: value.as_str().to_owned(),
        }
    }
}

impl TryFrom<&Decimal> for Integer {
    type Error = ValueError;
    /// The value as an integer; fails if it has a fraction.
    fn try_from(value: &Decimal) -> Result<Self, ValueError> {
        let numeral = value.numeral();
        if !numeral.frac.is_empty() {
            return Err(ValueError::new(
                XSD,
                format!("{} is not an integer", value.text),
            ));
        }
        Integer::new(&numeral.canonical())
    }
}

macro_rules! primitive_conversions {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Decimal {
            fn from(value: $ty) -> Self {
                Self { text: value.to_string() }
            }
        }

        impl TryFrom<&Decimal> for $ty {
            type Error = ValueError;
            /// The value, if it is integral and in range.
            fn try_from(value: &Decimal) -> Result<Self, ValueError> {
                let integer = Integer::try_from(value)?;
                <$ty>::try_from(&integer).map_err(|e| ValueError::new(XSD, e.reason()))
            }
        }

        impl TryFrom<Decimal> for $ty {
            type Error = ValueError;
            /// The value, if it is integral and in range.
            fn try_from(value: Decimal) -> Result<Self, ValueError> {
                <$ty>::try_from(&value)
            }
        }
    )*};
}

primitive_conversions!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XmlValue;

    fn d(text: &str) -> Decimal {
        Decimal::new(text).unwrap()
    }

    #[test]
    fn accepts_the_lexical_space_and_keeps_the_text() {
        for text in [
            "0",
            "-0",
            "+1",
            "12.50",
            "-.5",
            "7.",
            "000123.4560",
            "1234567890123456789012345678901234567890.000000000000000000000000001",
        ] {
            let value = Decimal::from_xml_text(text).unwrap();
            assert_eq!(value.to_xml_text(), text);
        }
        assert_eq!(
            Decimal::from_xml_text("\n 12.50\t").unwrap().as_str(),
            "12.50"
        );
    }

    #[test]
    fn rejects_what_is_not_a_decimal_and_says_why() {
        let reason = |text| Decimal::from_xml_text(text).unwrap_err();
        assert_eq!(reason(""), "invalid xs:decimal: empty text");
        assert_eq!(
            reason("1e3"),
            "invalid xs:decimal: exponent notation is not allowed"
        );
        assert_eq!(
            reason("1.5E-2"),
            "invalid xs:decimal: exponent notation is not allowed"
        );
        assert!(reason("NaN").contains("float"));
        assert!(reason("-INF").contains("float"));
        assert_eq!(
            reason("1,5"),
            "invalid xs:decimal: unexpected character `,` at position 2"
        );
        assert_eq!(
            reason("1 000"),
            "invalid xs:decimal: unexpected character ` ` at position 2"
        );
        assert_eq!(
            reason("--1"),
            "invalid xs:decimal: unexpected character `-` at position 2"
        );
        assert_eq!(reason("."), "invalid xs:decimal: no digits");
        assert_eq!(
            reason("0x10"),
            "invalid xs:decimal: unexpected character `x` at position 2"
        );
    }

    #[test]
    fn compares_and_hashes_by_value() {
        use std::collections::HashSet;
        assert_eq!(d("1.50"), d("1.5"));
        assert_eq!(d("-0.0"), d("+0"));
        assert_eq!(d("007"), d("7.000"));
        assert_ne!(d("1.5"), d("-1.5"));
        assert!(d("-10") < d("-9.99"));
        assert!(d("0.1") < d("0.10000000000000000000001"));
        assert!(d("99999999999999999999") > d("1"));
        let set: HashSet<Decimal> = ["1.50", "1.5", "01.5"].iter().map(|t| d(t)).collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn converts_exactly_or_not_at_all() {
        assert_eq!(d("-12.00").canonical(), "-12");
        assert_eq!(i64::try_from(&d("-12.00")).unwrap(), -12);
        assert_eq!(
            i64::try_from(&d("12.5")).unwrap_err().to_string(),
            "invalid xs:decimal: 12.5 is not an integer"
        );
        assert!(u64::try_from(&d("-1")).is_err());
        assert!(i64::try_from(&d("9223372036854775808")).is_err());
        assert_eq!(i64::try_from(&d("-9223372036854775808")).unwrap(), i64::MIN);
        assert_eq!(Decimal::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(Decimal::from(-3i32).as_str(), "-3");
        assert_eq!(Decimal::from(Integer::new("+5").unwrap()).as_str(), "+5");
        assert_eq!(d("12.5").to_scaled(2).unwrap(), 1250);
        assert_eq!(d("-0.05").to_scaled(2).unwrap(), -5);
        assert_eq!(d("3").to_scaled(0).unwrap(), 3);
        assert_eq!(d("0.00").to_scaled(u32::MAX).unwrap(), 0);
        assert!(d("1").to_scaled(u32::MAX).is_err());
        assert!(d("12.345").to_scaled(2).is_err());
        assert_eq!(d("12.3400").to_scaled(2).unwrap(), 1234);
        assert!(d(&"9".repeat(40)).to_scaled(0).is_err());
        assert_eq!(Decimal::from_scaled(1250, 2).as_str(), "12.50");
        assert_eq!(Decimal::from_scaled(5, 3).as_str(), "0.005");
        assert_eq!(Decimal::from_scaled(-7, 0).as_str(), "-7");
        assert_eq!(
            Decimal::from_scaled(i128::MIN, 2).to_scaled(2).unwrap(),
            i128::MIN
        );
        assert_eq!(d("12.50").scale(), 2);
        assert!(d("12.00").is_integer() && !d("0.1").is_integer());
        assert!(d("-0.1").is_negative() && !d("-0").is_negative() && d("-0").is_zero());
    }

    #[test]
    fn deserializes_from_text_or_an_integer_never_a_float() {
        use serde::Deserialize;
        use serde::de::IntoDeserializer;
        use serde::de::value::Error;
        let from = |text: &str| -> Result<Decimal, Error> {
            Decimal::deserialize(text.into_deserializer())
        };
        assert_eq!(from("12.50").unwrap().as_str(), "12.50");
        assert!(from("1e3").is_err());
        let from_i64 = Decimal::deserialize(IntoDeserializer::<Error>::into_deserializer(-42i64));
        assert_eq!(from_i64.unwrap().as_str(), "-42");
        // A float has been through f64 already: refused.
        assert!(
            Decimal::deserialize(IntoDeserializer::<Error>::into_deserializer(12.5f64)).is_err()
        );
    }

    #[test]
    fn default_debug_and_display() {
        assert_eq!(Decimal::default().as_str(), "0");
        assert_eq!(format!("{:?}", d("1.0")), "Decimal(\"1.0\")");
        assert_eq!(d("+1.0").to_string(), "+1.0");
        assert_eq!("2.5".parse::<Decimal>().unwrap(), d("2.50"));
    }
}
