//! PayNow's daily maintenance window: 03:50–05:00 Taiwan time (UTC+8, no daylight
//! saving), when every service is suspended.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

const TAIWAN_OFFSET_SECS: u64 = 8 * 3600;
const WINDOW_START_SECS: u64 = 3 * 3600 + 50 * 60;
const WINDOW_END_SECS: u64 = 5 * 3600;

/// If `now` falls in the window, how long until it ends.
pub fn remaining(now: SystemTime) -> Option<Duration> {
    let since_epoch = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let seconds_of_day = (since_epoch + TAIWAN_OFFSET_SECS) % 86_400;
    (WINDOW_START_SECS..WINDOW_END_SECS)
        .contains(&seconds_of_day)
        .then(|| Duration::from_secs(WINDOW_END_SECS - seconds_of_day))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `hh:mm` Taiwan time on 2026-11-21.
    fn taiwan(hour: u64, minute: u64) -> SystemTime {
        // 2026-11-21T00:00:00+08:00 is 2026-11-20T16:00:00Z = 1_795_190_400.
        UNIX_EPOCH + Duration::from_secs(1_795_190_400 + hour * 3600 + minute * 60)
    }

    #[test]
    fn window_is_0350_to_0500_taiwan_time() {
        assert_eq!(remaining(taiwan(3, 49)), None);
        assert_eq!(remaining(taiwan(3, 50)), Some(Duration::from_secs(70 * 60)));
        assert_eq!(remaining(taiwan(4, 59)), Some(Duration::from_secs(60)));
        assert_eq!(remaining(taiwan(5, 0)), None);
        assert_eq!(remaining(taiwan(15, 50)), None, "15:50 is the afternoon");
    }
}
