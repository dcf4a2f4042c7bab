//! 統一編號 (Unified Business Number, UBN): eight digits with the Ministry of Finance checksum.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The weight of each of the eight digits.
const WEIGHTS: [u32; 8] = [1, 2, 1, 2, 1, 2, 4, 1];

/// A business number (統一編號) whose format and checksum have been checked.
///
/// The checksum is the rule in force since 2023: multiply each digit by its weight
/// (`1,2,1,2,1,2,4,1`), add up the digits of every product; the number is valid when that
/// sum is divisible by 5, or, when the 7th digit is `7`, when the sum plus one is. Numbers
/// valid under the pre-2023 rule (divisor 10) are valid under this one too.
///
/// ```
/// use paynow_einvoice::domain::Ubn;
///
/// assert_eq!(Ubn::parse("22099131").unwrap().as_str(), "22099131");
/// assert!(Ubn::parse("11099131").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ubn(String);

/// Why a text is not a [`Ubn`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UbnError {
    /// Not exactly eight ASCII digits.
    #[error("a business number (統一編號) is exactly 8 digits")]
    Format,
    /// Eight digits whose checksum fails.
    #[error("the business number's (統一編號) check digit is wrong")]
    Checksum,
}

impl Ubn {
    /// Checks `text` (exactly eight ASCII digits, no spaces) and its checksum.
    pub fn parse(text: &str) -> Result<Self, UbnError> {
        if text.len() != 8 || !text.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(UbnError::Format);
        }
        let digits: Vec<u32> = text.bytes().map(|byte| u32::from(byte - b'0')).collect();
        let sum: u32 = digits
            .iter()
            .zip(WEIGHTS)
            .map(|(digit, weight)| digit_sum(digit * weight))
            .sum();
        if sum % 5 == 0 || (digits[6] == 7 && (sum + 1) % 5 == 0) {
            Ok(Self(text.to_owned()))
        } else {
            Err(UbnError::Checksum)
        }
    }

    /// The eight digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The sum of the decimal digits of a product (at most 36, so two digits).
fn digit_sum(product: u32) -> u32 {
    product / 10 + product % 10
}

impl fmt::Display for Ubn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Ubn {
    type Err = UbnError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<String> for Ubn {
    type Error = UbnError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<Ubn> for String {
    fn from(ubn: Ubn) -> Self {
        ubn.0
    }
}

impl AsRef<str> for Ubn {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every vector of `shared/reference/taiwan-einvoice-rules.md`.
    #[test]
    fn reference_vectors() {
        for valid in [
            "22099131", "47217677", "22822281", "10458570", "12345675", "10458574",
        ] {
            assert_eq!(
                Ubn::parse(valid).map(String::from),
                Ok(valid.to_owned()),
                "{valid} is valid"
            );
        }
        for invalid in ["22822280", "47217977", "11099131"] {
            assert_eq!(
                Ubn::parse(invalid),
                Err(UbnError::Checksum),
                "{invalid} is invalid"
            );
        }
    }

    /// `10458570` passes only because the divisor became 5 in 2023.
    #[test]
    fn valid_only_under_the_2023_rule() {
        let sum: u32 = [1, 0, 4, 5, 8, 5, 7, 0]
            .iter()
            .zip(WEIGHTS)
            .map(|(d, w)| digit_sum(d * w))
            .sum();
        assert_ne!(sum % 10, 0);
        assert_ne!((sum + 1) % 10, 0);
        assert!(Ubn::parse("10458570").is_ok());
    }

    #[test]
    fn format() {
        for text in [
            "",
            "2209913",
            "220991311",
            "2209913a",
            " 22099131",
            "２２０９９１３１",
            "-2099131",
        ] {
            assert_eq!(Ubn::parse(text), Err(UbnError::Format), "{text:?}");
        }
    }

    #[test]
    fn serde_checks_the_number() {
        let ubn: Ubn = serde_json::from_str("\"22099131\"").unwrap();
        assert_eq!(serde_json::to_string(&ubn).unwrap(), "\"22099131\"");
        assert!(serde_json::from_str::<Ubn>("\"11099131\"").is_err());
    }
}
