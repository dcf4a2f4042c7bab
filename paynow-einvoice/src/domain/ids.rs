//! Checked identifiers: the merchant's order number and the invoice number the service assigns.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::text::{csv_unsafe, text_len};

/// The longest order number PayNow accepts, in characters.
pub const ORDER_NO_MAX: usize = 30;

/// A merchant's order number (`orderno`): 1 to 30 characters, none of which would corrupt
/// the batch CSV (`,`, `'`, line feed, carriage return).
///
/// ```
/// use paynow_einvoice::domain::OrderNo;
///
/// assert!(OrderNo::parse("ORD_2026_0001").is_ok());
/// assert!(OrderNo::parse("A,B").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrderNo(String);

/// Why a text is not an [`OrderNo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OrderNoError {
    /// The text is empty or only whitespace.
    #[error("an order number is required")]
    Empty,
    /// More than [`ORDER_NO_MAX`] characters.
    #[error("an order number has at most {ORDER_NO_MAX} characters")]
    TooLong,
    /// A character that would corrupt the batch CSV.
    #[error("an order number cannot contain {0:?}: it would corrupt the batch CSV")]
    CsvUnsafe(char),
}

impl OrderNo {
    /// Checks `text`: 1 to 30 characters, not only whitespace, no `,`, `'`, `\n` or `\r`.
    pub fn parse(text: &str) -> Result<Self, OrderNoError> {
        if let Some(&character) = csv_unsafe(text).first() {
            return Err(OrderNoError::CsvUnsafe(character));
        }
        if text.trim().is_empty() {
            return Err(OrderNoError::Empty);
        }
        if text_len(text) > ORDER_NO_MAX {
            return Err(OrderNoError::TooLong);
        }
        Ok(Self(text.to_owned()))
    }

    /// The order number as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An invoice number (發票號碼): two uppercase ASCII letters and eight digits, e.g. `AB12345678`.
///
/// ```
/// use paynow_einvoice::domain::InvoiceNumber;
///
/// assert_eq!(InvoiceNumber::parse("AB12345678").unwrap().track(), "AB");
/// assert!(InvoiceNumber::parse("ab12345678").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InvoiceNumber(String);

/// A text that is not an [`InvoiceNumber`]: not two uppercase letters followed by eight digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an invoice number is two uppercase letters and eight digits, e.g. AB12345678")]
pub struct InvoiceNumberError;

impl InvoiceNumber {
    /// Checks `text`: exactly two uppercase ASCII letters, then exactly eight ASCII digits.
    pub fn parse(text: &str) -> Result<Self, InvoiceNumberError> {
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && bytes[2..].iter().all(u8::is_ascii_digit);
        if well_formed {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvoiceNumberError)
        }
    }

    /// The whole number, e.g. `AB12345678`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-letter track (字軌), e.g. `AB`.
    pub fn track(&self) -> &str {
        &self.0[..2]
    }
}

macro_rules! string_newtype_impls {
    ($name:ident, $error:ty) => {
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = $error;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

string_newtype_impls!(OrderNo, OrderNoError);
string_newtype_impls!(InvoiceNumber, InvoiceNumberError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers() {
        assert!(OrderNo::parse("A").is_ok());
        assert!(OrderNo::parse(&"9".repeat(30)).is_ok());
        assert!(OrderNo::parse("訂單_2026-11-21").is_ok());
        assert_eq!(OrderNo::parse(""), Err(OrderNoError::Empty));
        assert_eq!(OrderNo::parse("  "), Err(OrderNoError::Empty));
        assert_eq!(OrderNo::parse(&"9".repeat(31)), Err(OrderNoError::TooLong));
        assert_eq!(OrderNo::parse("O'1"), Err(OrderNoError::CsvUnsafe('\'')));
        assert_eq!(OrderNo::parse("O1\r"), Err(OrderNoError::CsvUnsafe('\r')));
    }

    #[test]
    fn invoice_numbers() {
        let number = InvoiceNumber::parse("UZ17690872").unwrap();
        assert_eq!((number.as_str(), number.track()), ("UZ17690872", "UZ"));
        for bad in [
            "",
            "AB1234567",
            "AB123456789",
            "Ab12345678",
            "A112345678",
            "AB1234567X",
            "ＡB12345678",
        ] {
            assert_eq!(
                InvoiceNumber::parse(bad),
                Err(InvoiceNumberError),
                "{bad:?}"
            );
        }
    }
}
