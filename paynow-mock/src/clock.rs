//! Taiwan time (UTC+8, no daylight saving), the bimonthly invoice periods and the daily
//! maintenance window, computed from the system clock without a date library.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Taiwan's offset from UTC, in seconds.
const UTC_OFFSET_SECONDS: i64 = 8 * 3600;

/// A date and time in Taiwan, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaiwanTime {
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl TaiwanTime {
    /// The given date and time, if it exists (Gregorian calendar, 24-hour clock).
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 60;
        valid.then_some(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    /// The current time in Taiwan, from the system clock.
    pub fn now() -> Self {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| {
                i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
            });
        Self::from_unix(seconds)
    }

    /// The Taiwan time of a Unix timestamp (seconds since 1970-01-01T00:00:00Z).
    pub fn from_unix(seconds: i64) -> Self {
        let local = seconds.saturating_add(UTC_OFFSET_SECONDS);
        let (days, second_of_day) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        // Each narrowing below is of a value already bounded by its modulus.
        Self {
            year,
            month,
            day,
            hour: (second_of_day / 3600) as u8,
            minute: (second_of_day / 60 % 60) as u8,
            second: (second_of_day % 60) as u8,
        }
    }

    /// The year (Gregorian).
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The bimonthly invoice period this time falls in.
    pub fn period(&self) -> Period {
        Period {
            year: self.year,
            end_month: self.month.div_ceil(2) * 2,
        }
    }

    /// Whether this is inside PayNow's daily maintenance window, 03:50–05:00 Taiwan time,
    /// when all its services are suspended.
    pub fn in_maintenance_window(&self) -> bool {
        (self.hour, self.minute) >= (3, 50) && self.hour < 5
    }

    /// The date as PayNow writes it, `yyyy/MM/dd`.
    pub fn date_text(&self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }

    /// The time of day, `HH:mm:ss`.
    pub fn time_text(&self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }

    /// The date as eight digits, `yyyyMMdd`.
    pub fn compact_date(&self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for TaiwanTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} (UTC+8)", self.date_text(), self.time_text())
    }
}

/// A bimonthly e-invoice period (Jan–Feb, Mar–Apr, …, Nov–Dec).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    end_month: u8,
}

impl Period {
    /// The year (Gregorian).
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The even month that ends the period, 2–12.
    pub fn end_month(&self) -> u8 {
        self.end_month
    }

    /// MOF's notation `yyyMM`: the ROC year (Gregorian − 1911) and the period's end
    /// month, e.g. `11312` for Nov–Dec 2024.
    pub fn roc_code(&self) -> String {
        format!("{:03}{:02}", self.year - 1911, self.end_month)
    }

    /// The two-letter track (字軌) the mock issues this period's numbers from. MOF assigns
    /// tracks per period; the mock derives one from the period so that consecutive
    /// periods get different tracks (it cycles only after 676 periods, 112 years).
    pub fn track(&self) -> String {
        let index = i64::from(self.year) * 6 + i64::from(self.end_month / 2 - 1);
        let letter = |n: i64| char::from(b'A' + n.rem_euclid(26) as u8);
        [letter(index / 26), letter(index)].iter().collect()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:02}/{:02}",
            self.year,
            self.end_month - 1,
            self.end_month
        )
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let year = i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX });
    (year, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_timestamps_become_taiwan_time() {
        // 2024-12-31T16:00:00Z is midnight of the new year in Taiwan.
        let t = TaiwanTime::from_unix(1_735_660_800);
        assert_eq!(t, TaiwanTime::new(2025, 1, 1, 0, 0, 0).unwrap());
        assert_eq!(
            TaiwanTime::from_unix(0),
            TaiwanTime::new(1970, 1, 1, 8, 0, 0).unwrap()
        );
        // 2024-02-29T12:34:56Z
        assert_eq!(
            TaiwanTime::from_unix(1_709_210_096).date_text(),
            "2024/02/29"
        );
    }

    #[test]
    fn periods_and_tracks() {
        let nov = TaiwanTime::new(2024, 11, 21, 9, 0, 0).unwrap().period();
        assert_eq!(nov.roc_code(), "11312");
        let dec = TaiwanTime::new(2024, 12, 31, 23, 59, 59).unwrap().period();
        assert_eq!(nov, dec);
        let jan = TaiwanTime::new(2025, 1, 1, 0, 0, 0).unwrap().period();
        assert_eq!(jan.roc_code(), "11402");
        assert_ne!(nov.track(), jan.track());
        assert!(jan.track().bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(jan.track().len(), 2);
    }

    #[test]
    fn maintenance_window_is_0350_to_0500() {
        let at = |h, m| TaiwanTime::new(2025, 3, 1, h, m, 0).unwrap();
        assert!(!at(3, 49).in_maintenance_window());
        assert!(at(3, 50).in_maintenance_window());
        assert!(at(4, 59).in_maintenance_window());
        assert!(!at(5, 0).in_maintenance_window());
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert!(TaiwanTime::new(2023, 2, 29, 0, 0, 0).is_none());
        assert!(TaiwanTime::new(2024, 13, 1, 0, 0, 0).is_none());
        assert!(TaiwanTime::new(2024, 4, 31, 0, 0, 0).is_none());
        assert!(TaiwanTime::new(2024, 4, 30, 24, 0, 0).is_none());
    }
}
