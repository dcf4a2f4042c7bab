//! The partial Gregorian dates: [`GYear`], [`GYearMonth`], [`GMonth`], [`GMonthDay`]
//! and [`GDay`]. Each may carry a timezone; each keeps its text.

use super::temporal::{Lexer, accessors, temporal_type};

temporal_type! {
    /// An `xs:gYear`: `[-]yyyy[Z|±hh:mm]`, at least four digits.
    ///
    /// ```
    /// use soap_runtime::GYear;
    ///
    /// assert_eq!(GYear::new("2026")?.year(), 2026);
    /// assert_eq!(GYear::new("-0044")?.year(), -44);
    /// assert!(GYear::new("26").is_err());
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    GYear, "xs:gYear", default = "1970", midnight_24 = false, parse = Lexer::year
}
accessors!(GYear: year);

temporal_type! {
    /// An `xs:gYearMonth`: `[-]yyyy-mm[Z|±hh:mm]`.
    ///
    /// ```
    /// use soap_runtime::GYearMonth;
    ///
    /// let billing = GYearMonth::new("2026-11")?;
    /// assert_eq!((billing.year(), billing.month()), (2026, 11));
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    GYearMonth, "xs:gYearMonth", default = "1970-01", midnight_24 = false,
    parse = |lexer| {
        lexer.year()?;
        lexer.expect(b'-', "after the year")?;
        lexer.month()
    }
}
accessors!(GYearMonth: year, month);

temporal_type! {
    /// An `xs:gMonth`: `--mm[Z|±hh:mm]`.
    ///
    /// ```
    /// use soap_runtime::GMonth;
    ///
    /// assert_eq!(GMonth::new("--11")?.month(), 11);
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    GMonth, "xs:gMonth", default = "--01", midnight_24 = false,
    parse = |lexer| {
        dashes(lexer, 2)?;
        lexer.month()
    }
}
accessors!(GMonth: month);

temporal_type! {
    /// An `xs:gMonthDay`: `--mm-dd[Z|±hh:mm]`; `--02-29` is allowed (some year has it).
    ///
    /// ```
    /// use soap_runtime::GMonthDay;
    ///
    /// let birthday = GMonthDay::new("--02-29")?;
    /// assert_eq!((birthday.month(), birthday.day()), (2, 29));
    /// assert!(GMonthDay::new("--04-31").is_err());
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    GMonthDay, "xs:gMonthDay", default = "--01-01", midnight_24 = false,
    parse = |lexer| {
        dashes(lexer, 2)?;
        lexer.month()?;
        lexer.expect(b'-', "after the month")?;
        lexer.day(false, true)
    }
}
accessors!(GMonthDay: month, day);

temporal_type! {
    /// An `xs:gDay`: `---dd[Z|±hh:mm]`, a day of every month.
    ///
    /// ```
    /// use soap_runtime::GDay;
    ///
    /// assert_eq!(GDay::new("---05Z")?.day(), 5);
    /// # Ok::<(), soap_runtime::ValueError>(())
    /// ```
    GDay, "xs:gDay", default = "---01", midnight_24 = false,
    parse = |lexer| {
        dashes(lexer, 3)?;
        lexer.day(false, false)
    }
}
accessors!(GDay: day);

/// The `--` or `---` that starts the types without a year.
fn dashes(lexer: &mut Lexer<'_>, count: usize) -> Result<(), String> {
    let place = if count == 2 {
        "(the form is --mm)"
    } else {
        "(the form is ---dd)"
    };
    (0..count).try_for_each(|_| lexer.expect(b'-', place))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XmlValue;

    fn round_trips<T: XmlValue>(texts: &[&str]) {
        for text in texts {
            assert_eq!(T::from_xml_text(text).unwrap().to_xml_text(), *text);
        }
    }

    #[test]
    fn valid_values_round_trip_as_written() {
        round_trips::<GYear>(&["2026", "-0001", "0000", "20260", "2026Z", "2026+08:00"]);
        round_trips::<GYearMonth>(&["2026-11", "2026-01-05:00", "-0044-03"]);
        round_trips::<GMonth>(&["--11", "--01Z", "--12-14:00"]);
        round_trips::<GMonthDay>(&["--02-29", "--12-31", "--01-01+01:00"]);
        round_trips::<GDay>(&["---01", "---31", "---15Z"]);
    }

    #[test]
    fn invalid_values_say_what_is_wrong() {
        let reason = |result: Result<(), String>| result.unwrap_err();
        let year = |t| reason(GYear::from_xml_text(t).map(drop));
        let year_month = |t| reason(GYearMonth::from_xml_text(t).map(drop));
        let month = |t| reason(GMonth::from_xml_text(t).map(drop));
        let month_day = |t| reason(GMonthDay::from_xml_text(t).map(drop));
        let day = |t| reason(GDay::from_xml_text(t).map(drop));
        assert_eq!(
            year("926"),
            "invalid xs:gYear: year must have at least four digits, found `926`"
        );
        assert_eq!(
            year("2026-01"),
            "invalid xs:gYear: expected `:` in the timezone, found the end"
        );
        assert_eq!(
            year_month("2026-13"),
            "invalid xs:gYearMonth: month 13 out of range 01-12"
        );
        assert_eq!(
            month("11"),
            "invalid xs:gMonth: expected `-` (the form is --mm), found `1`"
        );
        assert_eq!(
            month("--13"),
            "invalid xs:gMonth: month 13 out of range 01-12"
        );
        assert_eq!(
            month_day("--04-31"),
            "invalid xs:gMonthDay: day 31 out of range for month 04 (01-30)"
        );
        assert_eq!(
            month_day("--02-30"),
            "invalid xs:gMonthDay: day 30 out of range for month 02 (01-29)"
        );
        assert_eq!(day("---32"), "invalid xs:gDay: day 32 out of range 01-31");
        assert_eq!(
            day("--05"),
            "invalid xs:gDay: expected `-` (the form is ---dd), found `0`"
        );
    }

    #[test]
    fn parts_defaults_and_equality() {
        let year = GYear::new("2026+08:00").unwrap();
        assert_eq!((year.year(), year.timezone_minutes()), (2026, Some(480)));
        assert_eq!(
            GYearMonth::new("2026-11").unwrap(),
            GYearMonth::new("2026-11").unwrap()
        );
        assert_ne!(GMonth::new("--11").unwrap(), GMonth::new("--11Z").unwrap());
        assert!(GDay::new("---01").unwrap() < GDay::new("---02").unwrap());
        assert_eq!(GYear::default().as_str(), "1970");
        assert_eq!(GYearMonth::default().as_str(), "1970-01");
        assert_eq!(GMonth::default().as_str(), "--01");
        assert_eq!(GMonthDay::default().as_str(), "--01-01");
        assert_eq!(GDay::default().as_str(), "---01");
    }
}
