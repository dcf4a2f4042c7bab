//! The lexical core of [`Decimal`](super::Decimal) and [`Integer`](super::Integer):
//! checking a numeral and reading its value as sign and digit strings.

use std::cmp::Ordering;

/// Checks `text` (already trimmed) as an `xs:decimal` numeral, or with `integer` as an
/// `xs:integer` one: an optional sign, digits, and (decimals only) a fraction.
pub(super) fn check(text: &str, integer: bool) -> Result<(), String> {
    if text.is_empty() {
        return Err("empty text".to_owned());
    }
    if matches!(text.trim_start_matches(['+', '-']), "NaN" | "INF") {
        return Err(format!(
            "{text} is a float value, not a number of this type"
        ));
    }
    let mut digits = 0;
    let mut point = false;
    for (i, c) in text.chars().enumerate() {
        match c {
            '0'..='9' => digits += 1,
            '+' | '-' if i == 0 => {}
            '.' if integer => return Err("a fraction is not allowed".to_owned()),
            '.' if point => return Err("more than one decimal point".to_owned()),
            '.' => point = true,
            'e' | 'E' => return Err("exponent notation is not allowed".to_owned()),
            _ => {
                return Err(format!("unexpected character `{c}` at position {}", i + 1));
            }
        }
    }
    if digits == 0 {
        return Err("no digits".to_owned());
    }
    Ok(())
}

/// A checked numeral's value: sign, integer digits without leading zeros and fraction
/// digits without trailing zeros. Zero is `{ negative: false, int: "", frac: "" }`, so
/// equal values have equal numerals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Numeral<'a> {
    pub negative: bool,
    pub int: &'a str,
    pub frac: &'a str,
}

impl<'a> Numeral<'a> {
    /// The value of `text`, which [`check`] accepted.
    pub fn of(text: &'a str) -> Self {
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        Self {
            negative: negative && !(int.is_empty() && frac.is_empty()),
            int,
            frac,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.int.is_empty() && self.frac.is_empty()
    }

    /// The shortest form: no `+`, no leading or trailing zeros, no point for an integer
    /// (XML Schema 1.1's canonical mapping).
    pub fn canonical(&self) -> String {
        let mut out = String::with_capacity(self.int.len() + self.frac.len() + 3);
        if self.negative {
            out.push('-');
        }
        out.push_str(if self.int.is_empty() { "0" } else { self.int });
        if !self.frac.is_empty() {
            out.push('.');
            out.push_str(self.frac);
        }
        out
    }

    /// Compares the magnitudes.
    fn cmp_magnitude(&self, other: &Self) -> Ordering {
        // Without leading zeros, a longer integer part is larger; without trailing zeros,
        // fractions compare as strings.
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(other.int))
            .then_with(|| self.frac.cmp(other.frac))
    }
}

impl Ord for Numeral<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Numeral<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_normalise_sign_and_zeros() {
        assert_eq!(Numeral::of("-000.000").canonical(), "0");
        assert_eq!(Numeral::of("+012.3400").canonical(), "12.34");
        assert_eq!(Numeral::of(".5").canonical(), "0.5");
        assert_eq!(Numeral::of("7.").canonical(), "7");
        assert!(Numeral::of("-0.01") < Numeral::of("0"));
        assert!(Numeral::of("-2") < Numeral::of("-1.99"));
        assert!(Numeral::of("0.5") < Numeral::of("0.51"));
        assert!(Numeral::of("9.99") < Numeral::of("10"));
    }

    #[test]
    fn check_names_what_is_wrong() {
        assert_eq!(check("", false).unwrap_err(), "empty text");
        assert_eq!(
            check("1.2.3", false).unwrap_err(),
            "more than one decimal point"
        );
        assert_eq!(
            check("1-2", false).unwrap_err(),
            "unexpected character `-` at position 2"
        );
        assert_eq!(check("+", false).unwrap_err(), "no digits");
        assert_eq!(check(".", false).unwrap_err(), "no digits");
        assert_eq!(check("1.5", true).unwrap_err(), "a fraction is not allowed");
        assert!(check("-INF", false).unwrap_err().contains("float"));
    }
}
