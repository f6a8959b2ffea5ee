//! Dates in every form Jekyll accepts, resolved in the site's time zone.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;

const FORMS: &str =
    "2023-12-31, 2023-12-31 23:00, 2023-12-31 23:00:00 +0900 or 2023-12-31T23:00:00+09:00";

/// Parses a front-matter date. Without an offset the time is read in `tz`; the result is
/// always expressed in `tz`, so its calendar day is the one URLs use.
///
/// Jekyll reads a date with Ruby's `Time.parse`, which also takes a month, day, hour or
/// minute of one digit (`2014-10-1 9:05`), slashes or dots between the parts (`2023/12/31`,
/// `2023. 12. 31.` as Korean writes it): those forms are read here too.
pub fn parse_date(raw: &str, tz: &TimeZone) -> Result<ZonedDateTime, String> {
    let invalid = || format!("invalid date `{raw}`: expected a form like {FORMS}");
    let (date, rest) = calendar_day(raw.trim()).ok_or_else(invalid)?;
    // Themes' demo posts say `9999-12-31` for "the future": past the last instant time
    // zones can hold. It stays the future.
    if date.year() >= 9999 {
        return Ok(jiff::Timestamp::MAX.to_zoned_datetime(tz.clone()));
    }
    let rest = rest.trim_start_matches(['T', 't', ' ']).trim();
    if rest.is_empty() {
        return tz
            .to_zoned_datetime(date.to_datetime(jiff::civil::Time::midnight()))
            .map_err(|e| e.to_string());
    }
    let split = rest.find(['+', '-', 'Z', 'z']).unwrap_or(rest.len());
    let (time, offset) = rest.split_at(split);
    let time = clock_time(time.trim()).ok_or_else(invalid)?;
    let offset = normalize_offset(offset.trim()).ok_or_else(invalid)?;
    let civil = date.to_datetime(time);
    match offset {
        None => tz.to_zoned_datetime(civil).map_err(|e| e.to_string()),
        Some(off) => {
            let ts: jiff::Timestamp = format!("{civil}{off}").parse().map_err(|_| invalid())?;
            Ok(ts.to_zoned_datetime(tz.clone()))
        }
    }
}

/// The calendar day at the start of `s` (a four-digit year, then a month and a day of one
/// or two digits, all three parted by the same `-`, `/` or `.`; after a dot, spaces may
/// follow and the day may end with one more dot), and what follows it.
fn calendar_day(s: &str) -> Option<(Date, &str)> {
    let sep = *s.as_bytes().get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let year = digits(&s[..4], 4)?;
    let mut rest = &s[5..];
    let mut parts = [0i8; 2];
    for (n, part) in parts.iter_mut().enumerate() {
        if sep == b'.' {
            rest = rest.trim_start_matches(' ');
        }
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        *part = i8::try_from(digits(&rest[..len], 2)?).ok()?;
        rest = &rest[len..];
        if n == 0 {
            rest = rest.strip_prefix(sep as char)?;
        } else if sep == b'.' {
            rest = rest.strip_prefix('.').unwrap_or(rest);
        }
    }
    // The day ends at the time or the end, not inside a longer number (`2023-12-311`).
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) && !rest.starts_with(['T', 't']) {
        return None;
    }
    let year = i16::try_from(year).ok()?;
    Some((Date::new(year, parts[0], parts[1]).ok()?, rest))
}

/// `23:00`, `9:05`, `23:00:00` or `13:09:51.129`: hours and minutes of one or two digits,
/// seconds of two with an optional fraction.
fn clock_time(s: &str) -> Option<jiff::civil::Time> {
    let mut parts = s.splitn(3, ':');
    let hour = digits(parts.next()?, 2)?;
    let minute = digits(parts.next()?, 2)?;
    let (second, nanos) = match parts.next() {
        None => (0, 0),
        Some(sec) => {
            let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
            if whole.len() != 2 || frac.len() > 9 {
                return None;
            }
            let nanos = if frac.is_empty() {
                0
            } else {
                digits(frac, 9)? * 10u32.pow(9 - frac.len() as u32)
            };
            (digits(whole, 2)?, nanos)
        }
    };
    let narrow = |n: u32| i8::try_from(n).ok();
    jiff::civil::Time::new(
        narrow(hour)?,
        narrow(minute)?,
        narrow(second)?,
        i32::try_from(nanos).ok()?,
    )
    .ok()
}

/// `s` as a number, when it is one to `max` ASCII digits.
fn digits(s: &str, max: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `Z`, `+09:00`, `+0900`, `+09` → `Some(Some("+09:00"))`; empty → `Some(None)`; junk → `None`.
fn normalize_offset(s: &str) -> Option<Option<String>> {
    if s.is_empty() {
        return Some(None);
    }
    if s.eq_ignore_ascii_case("z") {
        return Some(Some("Z".into()));
    }
    let (sign, digits) = s.split_at(1);
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match digits.len() {
        2 => Some(Some(format!("{sign}{digits}:00"))),
        4 => Some(Some(format!("{sign}{}:{}", &digits[..2], &digits[2..]))),
        _ => None,
    }
}

/// Splits a Jekyll file stem `2023-12-31-my-post` into its date and the rest. As Jekyll's
/// `DATE_FILENAME_MATCHER`, the month and day may have one digit (`2024-1-5-post`).
pub fn date_prefix(stem: &str) -> Option<(Date, &str)> {
    if stem.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    let (date, rest) = calendar_day(stem)?;
    match rest.strip_prefix('-') {
        Some(rest) => Some((date, rest)),
        None => rest.is_empty().then_some((date, "")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seoul() -> TimeZone {
        crate::tz::get("Asia/Seoul").unwrap()
    }

    fn show(s: &str) -> String {
        parse_date(s, &seoul())
            .unwrap()
            .strftime("%Y-%m-%dT%H:%M:%S%.f%:z")
            .to_string()
    }

    #[test]
    fn every_jekyll_form() {
        assert_eq!(show("2023-12-31"), "2023-12-31T00:00:00+09:00");
        assert_eq!(show("2023-12-31 23:00"), "2023-12-31T23:00:00+09:00");
        assert_eq!(
            show("2023-12-31 23:00:00 +0900"),
            "2023-12-31T23:00:00+09:00"
        );
        assert_eq!(
            show("2023-12-31 23:00:00 +09:00"),
            "2023-12-31T23:00:00+09:00"
        );
        assert_eq!(
            show("2023-12-31T13:09:51.129Z"),
            "2023-12-31T22:09:51.129+09:00"
        );
        assert_eq!(
            show("2025-03-21 22:32:50.832000+00:00"),
            "2025-03-22T07:32:50.832+09:00"
        );
        assert_eq!(
            show("2023-12-31T23:00:00-05:00"),
            "2024-01-01T13:00:00+09:00"
        );
    }

    #[test]
    fn the_looser_forms_ruby_reads() {
        // A month, day, hour or minute of one digit (Hux Blog's posts say `2014-10-1
        // 12:00:00`), slashes, and dots as Korean writes dates.
        assert_eq!(show("2014-10-1 12:00:00"), "2014-10-01T12:00:00+09:00");
        assert_eq!(show("2024-1-5"), "2024-01-05T00:00:00+09:00");
        assert_eq!(show("2023-12-31 9:05"), "2023-12-31T09:05:00+09:00");
        assert_eq!(show("2023-12-31 9:5"), "2023-12-31T09:05:00+09:00");
        assert_eq!(show("2023/12/31 10:00"), "2023-12-31T10:00:00+09:00");
        assert_eq!(show("2023.12.31"), "2023-12-31T00:00:00+09:00");
        assert_eq!(show("2023. 12. 31."), "2023-12-31T00:00:00+09:00");
        assert_eq!(show("2023. 1. 2. 21:30"), "2023-01-02T21:30:00+09:00");
        assert_eq!(
            show("2023/12/31 23:00:00 +0000"),
            "2024-01-01T08:00:00+09:00"
        );
    }

    #[test]
    fn bad_dates_are_errors() {
        for bad in [
            "yesterday",
            "2023-13-01",
            "2023-12-31 25:00",
            "2023-12-31 23:00 +9",
            "2023-12/31",
            "2023-12-311",
            "2023-2-30",
            "2023-12-31 9",
            "2023-12-31 9:05:5",
            "2023-12-31x",
            "2023-12-3한",
            "23-12-31",
        ] {
            let err = parse_date(bad, &seoul()).unwrap_err();
            assert!(err.contains(bad), "{err}");
        }
    }

    #[test]
    fn file_name_prefix() {
        let (d, rest) = date_prefix("2023-12-31-2023년-회고").unwrap();
        assert_eq!(d.to_string(), "2023-12-31");
        assert_eq!(rest, "2023년-회고");
        assert_eq!(date_prefix("2023-12-31").unwrap().1, "");
        assert!(date_prefix("about").is_none());
        assert!(date_prefix("2023-12-31x").is_none());
        assert!(date_prefix("회고-2023-12-31").is_none());
        let (d, rest) = date_prefix("2024-1-5-single-digit").unwrap();
        assert_eq!((d.month(), d.day(), rest), (1, 5, "single-digit"));
        assert!(date_prefix("2024-02-30-no-such-day").is_none());
        // "The future" in theme demos: later than anything, never an error.
        assert!(
            parse_date("9999-12-31", &seoul()).unwrap()
                > parse_date("2999-01-01", &seoul()).unwrap()
        );
    }
}
