//! [`Duration`]: `xs:duration`, checked and kept as written.

use std::hash::{Hash, Hasher};

use super::{ValueError, text_type, trim_xml};

const XSD: &str = "xs:duration";

/// An `xs:duration`: `[-]PnYnMnDTnHnMnS`, seconds possibly with a fraction.
///
/// Kept as written; each component is exposed as written (`PT90M` has 90 minutes).
/// Two durations are equal when they have the same months and the same seconds, as in
/// XML Schema 1.1 (`P1Y == P12M`, `PT1H == PT60M`, `P1D == PT24H`, but `P1M != P30D`):
/// there is no order, since a month has no fixed length. Durations without years and
/// months convert to and from [`std::time::Duration`].
///
/// ```
/// use soap_runtime::Duration;
///
/// let d = Duration::new("P1DT2H30.5S")?;
/// assert_eq!((d.days(), d.hours(), d.seconds(), d.fraction()), (1, 2, 30, Some("5")));
/// assert_eq!(std::time::Duration::try_from(&d).unwrap().as_millis(), 93_630_500);
/// assert_eq!(Duration::new("PT60M")?, Duration::new("PT1H")?);
/// assert!(Duration::new("P1H").is_err()); // hours need the T
/// # Ok::<(), soap_runtime::ValueError>(())
/// ```
#[derive(Clone)]
pub struct Duration {
    text: String,
    parts: Parts,
}

/// The components as written; `fraction` is the byte range of the seconds' fraction
/// digits in the text.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    negative: bool,
    years: u64,
    months: u64,
    days: u64,
    hours: u64,
    minutes: u64,
    seconds: u64,
    fraction: (usize, usize),
}

impl Duration {
    /// Checks `text`; surrounding XML whitespace is dropped.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let text = trim_xml(text);
        let parts = parse(text).map_err(|reason| ValueError::new(XSD, reason))?;
        Ok(Self {
            text: text.to_owned(),
            parts,
        })
    }

    /// The text as read or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether it is written with a `-` (`-PT0S` is written so, but equals `PT0S`).
    pub fn is_negative(&self) -> bool {
        self.parts.negative
    }

    /// The years component.
    pub fn years(&self) -> u64 {
        self.parts.years
    }

    /// The months component.
    pub fn months(&self) -> u64 {
        self.parts.months
    }

    /// The days component.
    pub fn days(&self) -> u64 {
        self.parts.days
    }

    /// The hours component.
    pub fn hours(&self) -> u64 {
        self.parts.hours
    }

    /// The minutes component.
    pub fn minutes(&self) -> u64 {
        self.parts.minutes
    }

    /// The whole seconds component.
    pub fn seconds(&self) -> u64 {
        self.parts.seconds
    }

    /// The digits after the seconds' decimal point as written, or `None`.
    pub fn fraction(&self) -> Option<&str> {
        let (start, end) = self.parts.fraction;
        (start < end).then(|| &self.text[start..end])
    }

    /// The value XML Schema 1.1 compares: sign, total months, total whole seconds and
    /// the fraction without trailing zeros. Zero has no sign.
    fn value(&self) -> (bool, u128, u128, &str) {
        let p = &self.parts;
        let months = u128::from(p.years) * 12 + u128::from(p.months);
        let seconds = u128::from(p.days) * 86_400
            + u128::from(p.hours) * 3600
            + u128::from(p.minutes) * 60
            + u128::from(p.seconds);
        let fraction = self.fraction().unwrap_or("").trim_end_matches('0');
        let zero = months == 0 && seconds == 0 && fraction.is_empty();
        (p.negative && !zero, months, seconds, fraction)
    }
}

text_type!(Duration, "xs:duration");

impl Default for Duration {
    /// `PT0S`.
    fn default() -> Self {
        Self::new("PT0S").expect("a valid default")
    }
}

impl PartialEq for Duration {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl Eq for Duration {}

impl Hash for Duration {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value().hash(state);
    }
}

impl TryFrom<&Duration> for std::time::Duration {
    type Error = ValueError;
    /// The duration, if it is not negative, has no years or months (which have no fixed
    /// length), fits, and is not finer than nanoseconds.
    fn try_from(value: &Duration) -> Result<Self, ValueError> {
        let fail = |why: &str| Err(ValueError::new(XSD, format!("{} {why}", value.text)));
        let (negative, months, seconds, fraction) = value.value();
        if negative {
            return fail("is negative");
        }
        if months != 0 {
            return fail("has years or months, which have no fixed length");
        }
        if fraction.len() > 9 {
            return fail("is finer than nanoseconds");
        }
        let Ok(seconds) = u64::try_from(seconds) else {
            return fail("is too long for std::time::Duration");
        };
        let nanos = format!("{fraction:0<9}").parse().expect("nine digits");
        Ok(std::time::Duration::new(seconds, nanos))
    }
}

impl From<std::time::Duration> for Duration {
    /// `PT{seconds}S`, with the nanoseconds as a fraction if any.
    fn from(value: std::time::Duration) -> Self {
        let nanos = format!("{:09}", value.subsec_nanos());
        let nanos = nanos.trim_end_matches('0');
        let text = if nanos.is_empty() {
            format!("PT{}S", value.as_secs())
        } else {
            format!("PT{}.{nanos}S", value.as_secs())
        };
        Self::new(&text).expect("a valid duration")
    }
}

/// Reads `[-]P[nY][nM][nD][T[nH][nM][n[.n]S]]`, with at least one component.
fn parse(text: &str) -> Result<Parts, String> {
    let mut parts = Parts::default();
    let mut rest = text;
    if let Some(after) = rest.strip_prefix('-') {
        parts.negative = true;
        rest = after;
    }
    rest = rest
        .strip_prefix('P')
        .ok_or("a duration starts with `P` (or `-P`)")?;
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let date_offset = text.len() - rest.len();
    let found = components(date, date_offset, ['Y', 'M', 'D'])?;
    [parts.years, parts.months, parts.days] = found.values.map(Option::unwrap_or_default);
    let mut count = found.count();
    if found.fraction.is_some() {
        return Err("only seconds may have a fraction".to_owned());
    }
    if let Some(time) = time {
        if time.is_empty() {
            return Err("expected hours, minutes or seconds after `T`".to_owned());
        }
        let found = components(time, date_offset + date.len() + 1, ['H', 'M', 'S'])?;
        [parts.hours, parts.minutes, parts.seconds] = found.values.map(Option::unwrap_or_default);
        parts.fraction = found.fraction.unwrap_or_default();
        count += found.count();
    }
    if count == 0 {
        return Err("no components (at least one of Y, M, D, H, M, S is needed)".to_owned());
    }
    Ok(parts)
}

/// The components of the date or the time part.
struct Found {
    /// By designator, in order.
    values: [Option<u64>; 3],
    /// The byte range (in the whole text) of the last component's fraction digits.
    fraction: Option<(usize, usize)>,
}

impl Found {
    fn count(&self) -> usize {
        self.values.iter().flatten().count()
    }
}

/// Reads `n<designator>` items of `part` (which starts at byte `offset` of the whole
/// text) in the order of `designators`; only the last may have a fraction.
fn components(part: &str, offset: usize, designators: [char; 3]) -> Result<Found, String> {
    let mut found = Found {
        values: [None; 3],
        fraction: None,
    };
    let digits = |from: usize| from + part[from..].bytes().take_while(u8::is_ascii_digit).count();
    let mut next = 0;
    let mut pos = 0;
    while pos < part.len() {
        let start = pos;
        pos = digits(pos);
        let whole = &part[start..pos];
        let mut fraction = None;
        if part[pos..].starts_with('.') {
            let fraction_start = pos + 1;
            pos = digits(fraction_start);
            fraction = Some((offset + fraction_start, offset + pos));
            if whole.is_empty() && fraction_start == pos {
                return Err("expected digits around the decimal point".to_owned());
            }
        }
        let Some(designator) = part[pos..].chars().next() else {
            return Err(format!("expected a designator after `{}`", &part[start..]));
        };
        if whole.is_empty() && fraction.is_none() {
            return Err(format!("expected digits before `{designator}`"));
        }
        let Some(index) = designators[next..].iter().position(|d| *d == designator) else {
            return Err(if designators.contains(&designator) {
                format!("`{designator}` out of order (the order is PnYnMnDTnHnMnS)")
            } else if matches!(designator, 'H' | 'S') {
                format!("`{designator}` must come after `T`")
            } else if matches!(designator, 'Y' | 'D') {
                format!("`{designator}` must come before `T`")
            } else {
                format!("unexpected `{designator}`")
            });
        };
        let index = next + index;
        if fraction.is_some() {
            if index != 2 {
                return Err("only seconds may have a fraction".to_owned());
            }
            found.fraction = fraction;
        }
        let value = match whole {
            "" => 0,
            _ => whole
                .parse()
                .map_err(|_| format!("{whole}{designator} is too large"))?,
        };
        found.values[index] = Some(value);
        next = index + 1;
        pos += designator.len_utf8();
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XmlValue;

    fn d(text: &str) -> Duration {
        Duration::new(text).unwrap()
    }

    #[test]
    fn valid_durations_round_trip_with_their_components() {
        for text in [
            "P1Y",
            "-P1Y2M3DT4H5M6.789S",
            "PT0S",
            "P0D",
            "PT1.S",
            "PT.5S",
            "P99999999999D",
            "PT36H",
        ] {
            assert_eq!(Duration::from_xml_text(text).unwrap().to_xml_text(), text);
        }
        let all = d("-P1Y2M3DT4H5M6.789S");
        assert!(all.is_negative());
        assert_eq!(
            (
                all.years(),
                all.months(),
                all.days(),
                all.hours(),
                all.minutes(),
                all.seconds()
            ),
            (1, 2, 3, 4, 5, 6)
        );
        assert_eq!(all.fraction(), Some("789"));
        assert_eq!(d("PT1.S").fraction(), None);
        assert_eq!(d("PT.5S").fraction(), Some("5"));
        assert_eq!(d("P1M").months(), 1);
        assert_eq!(d("PT1M").minutes(), 1);
    }

    #[test]
    fn invalid_durations_say_what_is_wrong() {
        let cases = [
            ("", "a duration starts with `P` (or `-P`)"),
            ("1Y", "a duration starts with `P` (or `-P`)"),
            ("+P1Y", "a duration starts with `P` (or `-P`)"),
            (
                "P",
                "no components (at least one of Y, M, D, H, M, S is needed)",
            ),
            (
                "-P",
                "no components (at least one of Y, M, D, H, M, S is needed)",
            ),
            ("PT", "expected hours, minutes or seconds after `T`"),
            ("P1DT", "expected hours, minutes or seconds after `T`"),
            ("P1H", "`H` must come after `T`"),
            ("PT1D", "`D` must come before `T`"),
            ("P1M1Y", "`Y` out of order (the order is PnYnMnDTnHnMnS)"),
            ("PT1S1M", "`M` out of order (the order is PnYnMnDTnHnMnS)"),
            ("P1Y1Y", "`Y` out of order (the order is PnYnMnDTnHnMnS)"),
            ("PY", "expected digits before `Y`"),
            ("P1", "expected a designator after `1`"),
            ("P1.5D", "only seconds may have a fraction"),
            ("PT1.5M", "only seconds may have a fraction"),
            ("PT.S", "expected digits around the decimal point"),
            ("P1W", "unexpected `W`"),
            ("P-1D", "expected digits before `-`"),
            (
                "P99999999999999999999Y",
                "99999999999999999999Y is too large",
            ),
        ];
        for (text, why) in cases {
            assert_eq!(
                Duration::from_xml_text(text).unwrap_err(),
                format!("invalid xs:duration: {why}"),
                "{text}"
            );
        }
    }

    #[test]
    fn equal_with_the_same_months_and_seconds() {
        assert_eq!(d("P1Y"), d("P12M"));
        assert_eq!(d("PT1H"), d("PT60M"));
        assert_eq!(d("P1D"), d("PT24H"));
        assert_eq!(d("PT1.500S"), d("PT1.5S"));
        assert_eq!(d("-PT0S"), d("PT0S"));
        assert_ne!(d("P1M"), d("P30D"));
        assert_ne!(d("-PT1S"), d("PT1S"));
        assert_eq!(Duration::default(), d("P0D"));
    }

    #[test]
    fn converts_to_and_from_std_exactly() {
        let std = |text| std::time::Duration::try_from(&d(text));
        assert_eq!(
            std("PT1M30.25S").unwrap(),
            std::time::Duration::from_millis(90_250)
        );
        assert_eq!(std("P2D").unwrap().as_secs(), 172_800);
        assert_eq!(std("PT0.000000001S").unwrap().as_nanos(), 1);
        assert_eq!(std("PT0.1000000000S").unwrap().as_millis(), 100);
        assert_eq!(
            std("P1M").unwrap_err().to_string(),
            "invalid xs:duration: P1M has years or months, which have no fixed length"
        );
        assert!(std("-PT1S").is_err());
        assert!(std("PT0.0000000001S").is_err());
        assert!(std("P999999999999999999D").is_err());
        assert_eq!(
            Duration::from(std::time::Duration::from_millis(1500)).as_str(),
            "PT1.5S"
        );
        assert_eq!(
            Duration::from(std::time::Duration::from_secs(60)).as_str(),
            "PT60S"
        );
    }
}
