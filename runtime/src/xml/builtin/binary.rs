//! [`Base64Binary`] and [`HexBinary`]: bytes, read from and written as their text.

use std::borrow::Cow;
use std::fmt;

use super::{ValueError, trim_xml};
use crate::xml::XmlValue;

/// An `xs:base64Binary`: the decoded bytes.
///
/// Reading accepts XML whitespace anywhere (line-wrapped base64 is common) and checks
/// the alphabet, the padding and that the unused bits of the last group are zero;
/// writing uses the standard alphabet with padding and no line breaks.
///
/// ```
/// use soap_runtime::{Base64Binary, XmlValue};
///
/// let file = Base64Binary::from_xml_text("SGVs\n bG8=")?;
/// assert_eq!(file.0, b"Hello");
/// assert_eq!(file.to_xml_text(), "SGVsbG8=");
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Base64Binary(pub Vec<u8>);

/// An `xs:hexBinary`: the decoded bytes, written in upper case (the canonical form).
///
/// ```
/// use soap_runtime::{HexBinary, XmlValue};
///
/// let hash = HexBinary::from_xml_text("0fA9")?;
/// assert_eq!(hash.0, [0x0f, 0xa9]);
/// assert_eq!(hash.to_xml_text(), "0FA9");
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct HexBinary(pub Vec<u8>);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl Base64Binary {
    /// Decodes `text`.
    pub fn decode(text: &str) -> Result<Self, ValueError> {
        decode_base64(text)
            .map(Self)
            .map_err(|reason| ValueError::new("xs:base64Binary", reason))
    }

    /// The bytes as base64 text.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(self.0.len().div_ceil(3) * 4);
        for chunk in self.0.chunks(3) {
            let group = chunk.iter().enumerate().fold(0u32, |group, (i, byte)| {
                group | (u32::from(*byte) << (16 - 8 * i))
            });
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[((group >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}

/// The value of base64 digit `c`.
fn sextet(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|a| *a == c).map(|i| i as u32)
}

fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    // Digits and padding with the whitespace left out, and where each stood (1-based).
    let mut chars = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            ' ' | '\t' | '\r' | '\n' => {}
            'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' | '=' => chars.push((c as u8, i + 1)),
            _ => {
                return Err(format!(
                    "invalid base64 character `{c}` at position {}",
                    i + 1
                ));
            }
        }
    }
    if chars.len() % 4 != 0 {
        return Err(format!(
            "{} base64 characters (not counting whitespace) are not a multiple of 4",
            chars.len()
        ));
    }
    let padding = chars.iter().rev().take_while(|(c, _)| *c == b'=').count();
    if let Some((_, at)) = chars[..chars.len() - padding]
        .iter()
        .find(|(c, _)| *c == b'=')
    {
        return Err(format!("padding `=` at position {at} before the end"));
    }
    if padding > 2 {
        return Err("more than two `=` at the end".to_owned());
    }
    let mut bytes = Vec::with_capacity(chars.len() / 4 * 3);
    for group in chars.chunks(4) {
        let digits = group.iter().take_while(|(c, _)| *c != b'=').count();
        let value = group[..digits]
            .iter()
            .enumerate()
            .fold(0u32, |value, (i, (c, _))| {
                value | (sextet(*c).expect("checked above") << (18 - 6 * i))
            });
        let count = digits - 1; // bytes this group carries
        let unused = value & (0xFF_FFFF >> (8 * count));
        if unused != 0 {
            let at = group[digits - 1].1;
            return Err(format!(
                "the last group's unused bits are not zero (at position {at}); not canonical base64"
            ));
        }
        bytes.extend(value.to_be_bytes()[1..=count].iter());
    }
    Ok(bytes)
}

impl HexBinary {
    /// Decodes `text` (digits in either case).
    pub fn decode(text: &str) -> Result<Self, ValueError> {
        decode_hex(trim_xml(text))
            .map(Self)
            .map_err(|reason| ValueError::new("xs:hexBinary", reason))
    }

    /// The bytes as upper-case hex.
    pub fn encode(&self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
        let mut out = String::with_capacity(self.0.len() * 2);
        for byte in &self.0 {
            out.push(DIGITS[usize::from(byte >> 4)] as char);
            out.push(DIGITS[usize::from(byte & 15)] as char);
        }
        out
    }
}

fn decode_hex(text: &str) -> Result<Vec<u8>, String> {
    if let Some((i, c)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_hexdigit())
    {
        return Err(format!("invalid hex digit `{c}` at position {}", i + 1));
    }
    if text.len() % 2 != 0 {
        return Err(format!("odd number of hex digits ({})", text.len()));
    }
    let digit = |b: u8| (b as char).to_digit(16).expect("checked above") as u8;
    Ok(text
        .as_bytes()
        .chunks(2)
        .map(|pair| (digit(pair[0]) << 4) | digit(pair[1]))
        .collect())
}

/// `XmlValue`, `Display`, `FromStr`, serde as the text, `Deref` to the bytes and
/// conversions from byte vectors and slices.
macro_rules! binary_type {
    ($ty:ident, $xsd:literal) => {
        impl XmlValue for $ty {
            fn to_xml_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.encode())
            }
            fn from_xml_text(text: &str) -> Result<Self, String> {
                Self::decode(text).map_err(|e| e.to_string())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = ValueError;
            fn from_str(text: &str) -> Result<Self, ValueError> {
                Self::decode(text)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.encode())
            }
        }

        impl std::ops::Deref for $ty {
            type Target = Vec<u8>;
            fn deref(&self) -> &Vec<u8> {
                &self.0
            }
        }

        impl From<Vec<u8>> for $ty {
            fn from(bytes: Vec<u8>) -> Self {
                Self(bytes)
            }
        }

        impl From<&[u8]> for $ty {
            fn from(bytes: &[u8]) -> Self {
                Self(bytes.to_vec())
            }
        }

        impl From<$ty> for Vec<u8> {
            fn from(value: $ty) -> Vec<u8> {
                value.0
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.encode())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(super::TextVisitor::new($xsd, false))
            }
        }
    };
}

binary_type!(Base64Binary, "xs:base64Binary");
binary_type!(HexBinary, "xs:hexBinary");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        let bytes: Vec<u8> = (0..=255).collect();
        for len in 0..10 {
            let value = Base64Binary(bytes[..len].to_vec());
            let text = value.to_xml_text().into_owned();
            assert_eq!(text.len() % 4, 0);
            assert_eq!(Base64Binary::from_xml_text(&text).unwrap(), value, "{text}");
        }
        let all = Base64Binary(bytes);
        assert_eq!(
            Base64Binary::from_xml_text(&all.to_xml_text()).unwrap(),
            all
        );
        assert_eq!(
            Base64Binary(b"any carnal pleas".to_vec()).encode(),
            "YW55IGNhcm5hbCBwbGVhcw=="
        );
        assert_eq!(Base64Binary(b"Man".to_vec()).encode(), "TWFu");
        assert_eq!(Base64Binary(vec![0xfb, 0xff]).encode(), "+/8=");
    }

    #[test]
    fn base64_reads_whitespace_and_rejects_bad_text() {
        let read = |text| Base64Binary::from_xml_text(text);
        assert_eq!(read(" TWFu\r\n  TWFu\t").unwrap().0, b"ManMan");
        assert_eq!(read("").unwrap().0, b"");
        let reason = |text| read(text).unwrap_err();
        assert_eq!(
            reason("TWF"),
            "invalid xs:base64Binary: 3 base64 characters (not counting whitespace) are not a multiple of 4"
        );
        assert_eq!(
            reason("TW!u"),
            "invalid xs:base64Binary: invalid base64 character `!` at position 3"
        );
        assert_eq!(
            reason("TW-_"),
            "invalid xs:base64Binary: invalid base64 character `-` at position 3"
        );
        assert_eq!(
            reason("T=Fu"),
            "invalid xs:base64Binary: padding `=` at position 2 before the end"
        );
        assert_eq!(
            reason("TQ==TWFu"),
            "invalid xs:base64Binary: padding `=` at position 3 before the end"
        );
        assert_eq!(
            reason("T==="),
            "invalid xs:base64Binary: more than two `=` at the end"
        );
        assert_eq!(
            reason("TR=="),
            "invalid xs:base64Binary: the last group's unused bits are not zero (at position 2); not canonical base64"
        );
        assert!(read("TWE=").is_ok() && read("TWF=").is_err());
    }

    #[test]
    fn hex_reads_either_case_and_writes_upper_case() {
        assert_eq!(
            HexBinary::from_xml_text(" 00ffAb\n").unwrap().0,
            [0, 255, 0xab]
        );
        assert_eq!(HexBinary(vec![0, 255, 0xab]).to_xml_text(), "00FFAB");
        assert_eq!(HexBinary::from_xml_text("").unwrap().0, b"");
        assert_eq!(
            HexBinary::from_xml_text("ABC").unwrap_err(),
            "invalid xs:hexBinary: odd number of hex digits (3)"
        );
        assert_eq!(
            HexBinary::from_xml_text("0g").unwrap_err(),
            "invalid xs:hexBinary: invalid hex digit `g` at position 2"
        );
        assert_eq!(
            HexBinary::from_xml_text("00 11").unwrap_err(),
            "invalid xs:hexBinary: invalid hex digit ` ` at position 3"
        );
    }

    #[test]
    fn conversions_and_display() {
        let value = Base64Binary::from(&b"hi"[..]);
        assert_eq!(value.len(), 2);
        assert_eq!(value.to_string(), "aGk=");
        assert_eq!("aGk=".parse::<Base64Binary>().unwrap(), value);
        assert_eq!(Vec::from(HexBinary::from(vec![1, 2])), vec![1, 2]);
        assert_eq!("0102".parse::<HexBinary>().unwrap().to_string(), "0102");
    }
}
