//! [`DateTime`], [`Date`] and [`Time`]: checked, kept as written, compared on the
//! time line.

use super::ValueError;
use super::temporal::{Lexer, accessors, temporal_type};

temporal_type! {
    /// An `xs:dateTime`: `[-]yyyy-mm-ddThh:mm:ss[.fff][Z|±hh:mm]`.
    ///
    /// The text is checked (month and day ranges with leap years, hour 24 only in
    /// `24:00:00`, timezone within ±14:00) and written back as read; the parts and the
    /// timezone are exposed. Values compare on the time line:
    /// `2026-01-01T08:00:00+08:00 == 2026-01-01T00:00:00Z`.
    ///
    /// ```
    /// use soap_runtime::DateTime;
    ///
    /// let at = DateTime::new("2026-11-21T10:20:30.250+08:00")?;
    /// assert_eq!((at.year(), at.month(), at.day()), (2026, 11, 21));
    /// assert_eq!((at.hour(), at.minute(), at.second(), at.fraction()), (10, 20, 30, Some("250")));
    /// assert_eq!(at.timezone_minutes(), Some(480));
    /// assert_eq!(at, DateTime::new("2026-11-21T02:20:30.25Z")?);
    /// assert_eq!(
    ///     DateTime::new("2026-02-29T00:00:00").unwrap_err().to_string(),
    ///     "invalid xs:dateTime: day 29 out of range for 2026-02 (01-28)"
    /// );
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    DateTime, "xs:dateTime", default = "1970-01-01T00:00:00", midnight_24 = false,
    parse = |lexer| {
        date(lexer)?;
        lexer.expect(b'T', "between the date and the time")?;
        lexer.time()
    }
}
accessors!(DateTime: year, month, day, time);

temporal_type! {
    /// An `xs:date`: `[-]yyyy-mm-dd[Z|±hh:mm]`.
    ///
    /// Checked like [`DateTime`]'s date and written back as read. Dates compare by
    /// the instant they start at, so `2026-01-02+14:00 == 2026-01-01-10:00`.
    ///
    /// ```
    /// use soap_runtime::Date;
    ///
    /// let day = Date::new("2026-11-21Z")?;
    /// assert_eq!((day.year(), day.month(), day.day()), (2026, 11, 21));
    /// assert_eq!(Date::from_ymd(2026, 11, 21)?.as_str(), "2026-11-21");
    /// assert!(Date::new("2026-11-31").is_err());
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    Date, "xs:date", default = "1970-01-01", midnight_24 = false, parse = date
}
accessors!(Date: year, month, day);

impl Date {
    /// The date without a timezone, checked: `from_ymd(2024, 2, 29)` is `2024-02-29`.
    pub fn from_ymd(year: i64, month: u8, day: u8) -> Result<Self, ValueError> {
        let sign = if year < 0 { "-" } else { "" };
        Self::new(&format!(
            "{sign}{:04}-{month:02}-{day:02}",
            year.unsigned_abs()
        ))
    }
}

temporal_type! {
    /// An `xs:time`: `hh:mm:ss[.fff][Z|±hh:mm]`; `24:00:00` is the same as `00:00:00`.
    ///
    /// ```
    /// use soap_runtime::Time;
    ///
    /// let t = Time::new("23:59:59.5-05:00")?;
    /// assert_eq!((t.hour(), t.second(), t.fraction()), (23, 59, Some("5")));
    /// assert_eq!(t.timezone_minutes(), Some(-300));
    /// assert_eq!(Time::new("24:00:00")?, Time::new("00:00:00")?);
    /// assert_eq!(
    ///     Time::new("24:00:01").unwrap_err().to_string(),
    ///     "invalid xs:time: hour 24 is allowed only in 24:00:00"
    /// );
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    Time, "xs:time", default = "00:00:00", midnight_24 = true, parse = Lexer::time
}
accessors!(Time: time);

/// The date part shared by `xs:dateTime` and `xs:date`.
fn date(lexer: &mut Lexer<'_>) -> Result<(), String> {
    lexer.year()?;
    lexer.expect(b'-', "after the year")?;
    lexer.month()?;
    lexer.expect(b'-', "after the month")?;
    lexer.day(true, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XmlValue;

    fn reason<T: XmlValue + std::fmt::Debug>(text: &str) -> String {
        T::from_xml_text(text).unwrap_err()
    }

    #[test]
    fn date_times_round_trip_as_written() {
        for text in [
            "2026-11-21T10:20:30",
            "2026-11-21T10:20:30Z",
            "2026-11-21T10:20:30.000+08:00",
            "2026-11-21T24:00:00-14:00",
            "-0044-03-15T12:00:00",
            "0000-02-29T00:00:00",
            "12026-01-01T00:00:00.123456789012Z",
            "2024-02-29T23:59:59+14:00",
        ] {
            assert_eq!(DateTime::from_xml_text(text).unwrap().to_xml_text(), text);
        }
        assert_eq!(
            DateTime::from_xml_text(" 2026-11-21T10:20:30Z\n")
                .unwrap()
                .as_str(),
            "2026-11-21T10:20:30Z"
        );
    }

    #[test]
    fn date_times_say_what_is_wrong() {
        let cases = [
            ("", "empty text"),
            ("2026-13-01T00:00:00", "month 13 out of range 01-12"),
            ("2026-00-01T00:00:00", "month 00 out of range 01-12"),
            (
                "2026-04-31T00:00:00",
                "day 31 out of range for 2026-04 (01-30)",
            ),
            (
                "2100-02-29T00:00:00",
                "day 29 out of range for 2100-02 (01-28)",
            ),
            ("2026-01-32T00:00:00", "day 32 out of range 01-31"),
            (
                "2026-1-01T00:00:00",
                "month must have two digits, found `1`",
            ),
            (
                "26-01-01T00:00:00",
                "year must have at least four digits, found `26`",
            ),
            ("+2026-01-01T00:00:00", "a year must not have a `+` sign"),
            (
                "02026-01-01T00:00:00",
                "year 02026 has a leading zero (allowed only in four digits)",
            ),
            (
                "2026-01-01",
                "expected `T` between the date and the time, found the end",
            ),
            (
                "2026-01-01 10:00:00",
                "expected `T` between the date and the time, found ` `",
            ),
            ("2026-01-01T25:00:00", "hour 25 out of range 00-23"),
            ("2026-01-01T24:00:01", "hour 24 is allowed only in 24:00:00"),
            (
                "2026-01-01T24:00:00.1",
                "hour 24 is allowed only in 24:00:00",
            ),
            ("2026-01-01T10:60:00", "minute 60 out of range 00-59"),
            ("2026-01-01T10:00:60", "second 60 out of range 00-59"),
            (
                "2026-01-01T10:00",
                "expected `:` after the minute, found the end",
            ),
            (
                "2026-01-01T10:00:00.",
                "expected digits after the seconds' decimal point",
            ),
            (
                "2026-01-01T10:00:00+15:00",
                "timezone hour 15 out of range 00-14",
            ),
            (
                "2026-01-01T10:00:00+14:30",
                "timezone +14:30 beyond 14:00 from UTC",
            ),
            (
                "2026-01-01T10:00:00+0800",
                "expected `:` in the timezone, found `0`",
            ),
            (
                "2026-01-01T10:00:00+08:60",
                "timezone minute 60 out of range 00-59",
            ),
            ("2026-01-01T10:00:00Zx", "unexpected `x` after the timezone"),
            (
                "2026-01-01T10:00:00GMT",
                "unexpected `G` at position 20; expected a timezone (Z or ±hh:mm) or the end",
            ),
            (
                "99999999999999999999-01-01T00:00:00",
                "year 99999999999999999999 is too large",
            ),
        ];
        for (text, why) in cases {
            assert_eq!(
                reason::<DateTime>(text),
                format!("invalid xs:dateTime: {why}"),
                "{text}"
            );
        }
    }

    #[test]
    fn date_times_compare_on_the_time_line() {
        let at = |text| DateTime::new(text).unwrap();
        assert_eq!(at("2026-01-01T08:00:00+08:00"), at("2026-01-01T00:00:00Z"));
        assert_eq!(
            at("2025-12-31T19:00:00-05:00"),
            at("2026-01-01T00:00:00+00:00")
        );
        assert_eq!(at("2026-01-01T24:00:00"), at("2026-01-02T00:00:00"));
        assert_eq!(at("2026-12-31T24:00:00Z"), at("2027-01-01T00:00:00Z"));
        assert_eq!(at("2024-02-28T24:00:00"), at("2024-02-29T00:00:00"));
        assert_eq!(at("2026-01-01T10:00:00.500"), at("2026-01-01T10:00:00.5"));
        assert_ne!(at("2026-01-01T00:00:00"), at("2026-01-01T00:00:00Z"));
        assert!(at("2026-01-01T10:00:00.25Z") < at("2026-01-01T10:00:00.3Z"));
        assert!(at("-0001-12-31T00:00:00") < at("0000-01-01T00:00:00"));
        // Without a timezone, a value is only ordered against zoned ones beyond 14 hours.
        assert_eq!(
            at("2026-01-01T00:00:00").partial_cmp(&at("2026-01-01T12:00:00Z")),
            None
        );
        assert!(at("2026-01-01T00:00:00") < at("2026-01-01T14:00:01Z"));
        assert!(at("2026-01-01T00:00:00Z") < at("2026-01-01T14:00:01"));
        let set: std::collections::HashSet<_> =
            [at("2026-01-01T08:00:00+08:00"), at("2026-01-01T00:00:00Z")].into();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn dates_check_days_and_compare_by_their_start() {
        let d = |text| Date::new(text).unwrap();
        assert_eq!(
            (d("-0044-03-15").year(), d("-0044-03-15").month()),
            (-44, 3)
        );
        assert_eq!(d("2024-02-29").day(), 29);
        assert_eq!(d("2026-01-02+14:00"), d("2026-01-01-10:00"));
        assert!(d("2026-01-01") < d("2026-01-02"));
        assert_eq!(
            reason::<Date>("2026-02-29"),
            "invalid xs:date: day 29 out of range for 2026-02 (01-28)"
        );
        assert_eq!(
            reason::<Date>("2026-01-01T00:00:00"),
            "invalid xs:date: unexpected `T` at position 11; expected a timezone (Z or ±hh:mm) or the end"
        );
        assert_eq!(Date::from_ymd(-5, 1, 2).unwrap().as_str(), "-0005-01-02");
        assert!(Date::from_ymd(2026, 2, 30).is_err());
        assert_eq!(Date::default().as_str(), "1970-01-01");
        assert_eq!(format!("{:?}", d("2026-01-01")), "Date(\"2026-01-01\")");
    }

    #[test]
    fn times_treat_24_as_midnight() {
        let t = |text| Time::new(text).unwrap();
        assert_eq!(t("24:00:00"), t("00:00:00"));
        assert_eq!(t("10:00:00+01:00"), t("09:00:00Z"));
        assert_eq!(t("10:00:00.000").fraction(), Some("000"));
        assert_eq!(t("10:00:00").fraction(), None);
        assert!(t("10:00:00") < t("10:00:00.001"));
        assert_eq!(
            reason::<Time>("1:00:00"),
            "invalid xs:time: hour must have two digits, found `1`"
        );
        assert_eq!(
            reason::<Time>("10:00:00ZZ"),
            "invalid xs:time: unexpected `Z` after the timezone"
        );
        assert_eq!(Time::default().as_str(), "00:00:00");
        assert_eq!(DateTime::default().as_str(), "1970-01-01T00:00:00");
    }
}
