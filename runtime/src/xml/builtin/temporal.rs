//! The lexical core of the date and time types: a small lexer for their parts (year,
//! month, day, time of day, timezone), the parts it found, and where a value lies on
//! the time line, for comparing values as XML Schema does.

use std::cmp::Ordering;

/// The parts of a date or time value. Parts a type lacks hold the reference values
/// XML Schema compares with: 1972-12-31T00:00:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fields {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Byte range of the seconds' fraction digits in the text; empty without any.
    pub fraction: (usize, usize),
    /// Offset from UTC in minutes.
    pub timezone: Option<i16>,
}

impl Default for Fields {
    fn default() -> Self {
        Self {
            year: 1972,
            month: 12,
            day: 31,
            hour: 0,
            minute: 0,
            second: 0,
            fraction: (0, 0),
            timezone: None,
        }
    }
}

impl Fields {
    /// The fraction digits as written, or `None`.
    pub fn fraction<'a>(&self, text: &'a str) -> Option<&'a str> {
        let (start, end) = self.fraction;
        (start < end).then(|| &text[start..end])
    }

    /// Where the value lies on the time line. `midnight_24` makes hour 24 the same
    /// midnight as hour 0 (`xs:time`) instead of the next day's (`xs:dateTime`).
    pub fn instant<'a>(&self, text: &'a str, midnight_24: bool) -> Instant<'a> {
        let hour = if midnight_24 && self.hour == 24 {
            0
        } else {
            self.hour
        };
        let days = days_from_civil(self.year, self.month, self.day);
        let seconds = days * 86_400
            + i128::from(hour) * 3600
            + i128::from(self.minute) * 60
            + i128::from(self.second)
            - i128::from(self.timezone.unwrap_or(0)) * 60;
        Instant {
            zoned: self.timezone.is_some(),
            seconds,
            fraction: self.fraction(text).unwrap_or("").trim_end_matches('0'),
        }
    }
}

/// A value's place on the time line: seconds from 1970-01-01T00:00:00 (in UTC for a
/// value with a timezone), and the seconds' fraction digits without trailing zeros.
/// Equal values have equal instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Instant<'a> {
    zoned: bool,
    seconds: i128,
    fraction: &'a str,
}

impl Instant<'_> {
    /// XML Schema's partial order: values both with or both without a timezone compare
    /// on the time line; a value without one could lie anywhere within ±14 hours of its
    /// UTC reading, and is ordered against a zoned value only beyond that.
    pub fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        let at = |i: &Self, shift: i128| (i.seconds + shift, i.fraction);
        if self.zoned == other.zoned {
            return Some(at(self, 0).cmp(&at(other, 0)));
        }
        const SPAN: i128 = 14 * 3600;
        let (zoned, local) = if self.zoned {
            (self, other)
        } else {
            (other, self)
        };
        let order = if at(zoned, 0) < at(local, -SPAN) {
            Ordering::Less
        } else if at(zoned, 0) > at(local, SPAN) {
            Ordering::Greater
        } else {
            return None;
        };
        Some(if self.zoned { order } else { order.reverse() })
    }
}

/// Days from 1970-01-01 to the proleptic Gregorian date (year 0 is 1 BCE); linear in
/// `day`, so a reference day past the month's end still orders consistently.
fn days_from_civil(year: i64, month: u8, day: u8) -> i128 {
    let (month, day) = (i128::from(month), i128::from(day));
    let year = i128::from(year) - i128::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Whether `year` (proleptic Gregorian, year 0 is 1 BCE) is a leap year.
fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days in `month`, in `year` if known (else February has 29).
pub(super) fn days_in_month(year: Option<i64>, month: u8) -> u8 {
    match month {
        2 if year.is_some_and(|y| !is_leap(y)) => 28,
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads the parts of a date or time text, left to right; errors say what is wrong.
pub(super) struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    fields: Fields,
}

impl<'a> Lexer<'a> {
    /// Runs `parts` over `text`, then reads an optional timezone and the end.
    pub fn parse(
        text: &'a str,
        parts: impl FnOnce(&mut Self) -> Result<(), String>,
    ) -> Result<Fields, String> {
        if text.is_empty() {
            return Err("empty text".to_owned());
        }
        let mut lexer = Self {
            text,
            pos: 0,
            fields: Fields::default(),
        };
        parts(&mut lexer)?;
        lexer.timezone()?;
        Ok(lexer.fields)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// What is at the current position, for an error.
    fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            Some(c) => format!("`{c}`"),
            None => "the end".to_owned(),
        }
    }

    /// Consumes `byte`, which must come `place`.
    pub fn expect(&mut self, byte: u8, place: &str) -> Result<(), String> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            return Ok(());
        }
        Err(format!(
            "expected `{}` {place}, found {}",
            byte as char,
            self.found()
        ))
    }

    /// The length of the run of ASCII digits at the current position.
    fn digits(&self) -> usize {
        self.text.as_bytes()[self.pos..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    }

    /// Exactly two digits, `what` naming them for an error.
    fn two_digits(&mut self, what: &str) -> Result<u8, String> {
        if self.digits() < 2 {
            return Err(format!(
                "{what} must have two digits, found {}",
                self.found()
            ));
        }
        let bytes = self.text.as_bytes();
        let value = (bytes[self.pos] - b'0') * 10 + (bytes[self.pos + 1] - b'0');
        self.pos += 2;
        Ok(value)
    }

    /// Two digits in `min..=max`.
    fn ranged(&mut self, what: &str, min: u8, max: u8) -> Result<u8, String> {
        let value = self.two_digits(what)?;
        if !(min..=max).contains(&value) {
            return Err(format!("{what} {value:02} out of range {min:02}-{max:02}"));
        }
        Ok(value)
    }

    /// A year: an optional `-`, at least four digits, no leading zero beyond four.
    pub fn year(&mut self) -> Result<(), String> {
        let negative = match self.peek() {
            Some(b'-') => true,
            Some(b'+') => return Err("a year must not have a `+` sign".to_owned()),
            _ => false,
        };
        let start = self.pos + usize::from(negative);
        self.pos = start;
        let count = self.digits();
        let digits = &self.text[start..start + count];
        if count < 4 {
            return Err(format!(
                "year must have at least four digits, found `{}`",
                &self.text[..start + count]
            ));
        }
        if count > 4 && digits.starts_with('0') {
            return Err(format!(
                "year {digits} has a leading zero (allowed only in four digits)"
            ));
        }
        let year: i64 = digits
            .parse()
            .map_err(|_| format!("year {digits} is too large"))?;
        self.pos += count;
        self.fields.year = if negative { -year } else { year };
        Ok(())
    }

    /// A month, `01` to `12`.
    pub fn month(&mut self) -> Result<(), String> {
        self.fields.month = self.ranged("month", 1, 12)?;
        Ok(())
    }

    /// A day, `01` to `31`, within the month if `month` was read before it (and its
    /// year's February if `year` was).
    pub fn day(&mut self, year: bool, month: bool) -> Result<(), String> {
        let start = self.pos;
        let day = self.ranged("day", 1, 31)?;
        let max = if month {
            days_in_month(year.then_some(self.fields.year), self.fields.month)
        } else {
            31
        };
        if day > max {
            let within = if year {
                // The year and month as written, before the `-`.
                self.text[..start - 1].to_owned()
            } else {
                format!("month {:02}", self.fields.month)
            };
            return Err(format!("day {day:02} out of range for {within} (01-{max})"));
        }
        self.fields.day = day;
        Ok(())
    }

    /// A time of day, `hh:mm:ss` with an optional fraction; `24:00:00` is midnight
    /// at the end of the day.
    pub fn time(&mut self) -> Result<(), String> {
        let hour = self.two_digits("hour")?;
        if hour > 24 {
            return Err(format!("hour {hour:02} out of range 00-23"));
        }
        self.expect(b':', "after the hour")?;
        let minute = self.ranged("minute", 0, 59)?;
        self.expect(b':', "after the minute")?;
        let second = self.ranged("second", 0, 59)?;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let count = self.digits();
            if count == 0 {
                return Err("expected digits after the seconds' decimal point".to_owned());
            }
            self.fields.fraction = (self.pos, self.pos + count);
            self.pos += count;
        }
        let fraction = self.fields.fraction(self.text).unwrap_or("");
        if hour == 24 && ((minute, second) != (0, 0) || fraction.contains(|c| c != '0')) {
            return Err("hour 24 is allowed only in 24:00:00".to_owned());
        }
        (self.fields.hour, self.fields.minute, self.fields.second) = (hour, minute, second);
        Ok(())
    }

    /// An optional timezone (`Z` or `±hh:mm`, at most 14:00 from UTC), then the end.
    fn timezone(&mut self) -> Result<(), String> {
        let sign = match self.peek() {
            None => return Ok(()),
            Some(b'Z') => {
                self.pos += 1;
                self.fields.timezone = Some(0);
                return self.end();
            }
            Some(b'+') => 1,
            Some(b'-') => -1,
            Some(_) => {
                return Err(format!(
                    "unexpected {} at position {}; expected a timezone (Z or ±hh:mm) or the end",
                    self.found(),
                    self.text[..self.pos].chars().count() + 1
                ));
            }
        };
        self.pos += 1;
        let hours = self.ranged("timezone hour", 0, 14)?;
        self.expect(b':', "in the timezone")?;
        let minutes = self.ranged("timezone minute", 0, 59)?;
        if hours == 14 && minutes != 0 {
            return Err(format!(
                "timezone {}14:{minutes:02} beyond 14:00 from UTC",
                if sign > 0 { '+' } else { '-' }
            ));
        }
        self.fields.timezone = Some(sign * (i16::from(hours) * 60 + i16::from(minutes)));
        self.end()
    }

    fn end(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(format!("unexpected {} after the timezone", self.found())),
        }
    }
}

/// A date or time type: the struct holding its text and parts, `new` with the lexer
/// steps `$parse`, `as_str`, `timezone_minutes`, the shared text impls, `Default`,
/// and equality, hashing and the partial order on the time line.
macro_rules! temporal_type {
    (
        $(#[$doc:meta])*
        $name:ident, $xsd:literal, default = $default:literal,
        midnight_24 = $midnight_24:literal, parse = $parse:expr
    ) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name {
            text: String,
            fields: $crate::xml::builtin::temporal::Fields,
        }

        impl $name {
            /// Checks `text`; surrounding XML whitespace is dropped.
            pub fn new(text: &str) -> Result<Self, $crate::xml::builtin::ValueError> {
                let text = $crate::xml::builtin::trim_xml(text);
                let fields = $crate::xml::builtin::temporal::Lexer::parse(text, $parse)
                    .map_err(|reason| $crate::xml::builtin::ValueError::new($xsd, reason))?;
                Ok(Self {
                    text: text.to_owned(),
                    fields,
                })
            }

            /// The text as read or given.
            pub fn as_str(&self) -> &str {
                &self.text
            }

            /// The timezone as minutes from UTC (`Z` and `+00:00` are 0, `-05:00` is
            /// -300), or `None` for a value without one.
            pub fn timezone_minutes(&self) -> Option<i16> {
                self.fields.timezone
            }

            fn instant(&self) -> $crate::xml::builtin::temporal::Instant<'_> {
                self.fields.instant(&self.text, $midnight_24)
            }
        }

        $crate::xml::builtin::text_type!($name, $xsd);

        impl Default for $name {
            #[doc = concat!("`", $default, "`.")]
            fn default() -> Self {
                Self::new($default).expect("a valid default")
            }
        }

        /// Equal when at the same point of the time line, as XML Schema says: values
        /// with different timezones can be equal; a value without a timezone never
        /// equals one with a timezone.
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.instant() == other.instant()
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.instant().hash(state);
            }
        }

        /// Ordered on the time line; a value without a timezone is unordered against a
        /// zoned value within 14 hours of it.
        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                self.instant().partial_cmp(&other.instant())
            }
        }
    };
}
pub(super) use temporal_type;

/// Accessors of a date or time type's parts, by name.
macro_rules! accessors {
    ($name:ident: $($part:ident),*) => {
        impl $name {
            $($crate::xml::builtin::temporal::accessors!(@ $part);)*
        }
    };
    (@ year) => {
        /// The year; negative before year 0, which is 1 BCE.
        pub fn year(&self) -> i64 {
            self.fields.year
        }
    };
    (@ month) => {
        /// The month, 1 to 12.
        pub fn month(&self) -> u8 {
            self.fields.month
        }
    };
    (@ day) => {
        /// The day of the month, 1 to 31.
        pub fn day(&self) -> u8 {
            self.fields.day
        }
    };
    (@ time) => {
        /// The hour, 0 to 23, or 24 in `24:00:00`.
        pub fn hour(&self) -> u8 {
            self.fields.hour
        }

        /// The minute, 0 to 59.
        pub fn minute(&self) -> u8 {
            self.fields.minute
        }

        /// The whole seconds, 0 to 59.
        pub fn second(&self) -> u8 {
            self.fields.second
        }

        /// The digits after the seconds' decimal point, as written (`"250"` for
        /// `10:20:30.250`), or `None`.
        pub fn fraction(&self) -> Option<&str> {
            self.fields.fraction(&self.text)
        }
    };
}
pub(super) use accessors;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_civil_matches_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(0, 3, 1) - days_from_civil(0, 2, 28), 2); // year 0 is leap
        assert!(is_leap(2000) && !is_leap(1900) && is_leap(-4) && !is_leap(2023));
    }
}
