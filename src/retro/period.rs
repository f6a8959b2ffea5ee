//! What a retrospective looks back on: a year, a half, a quarter, a month, an ISO week, a day,
//! or a project with no calendar period. Written as keys (`2025`, `2025-H1`, `2025-Q3`,
//! `2025-03`, `2025-W14`, `2025-03-30`) and shown through the site's labels
//! (`2025년 상반기`, `2025 H1`).

use std::collections::BTreeMap;

use jiff::civil::{Date, ISOWeekDate, Weekday};

use crate::i18n;

/// The kind of a retrospective: its period's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Year,
    Half,
    Quarter,
    Month,
    Week,
    Day,
    Project,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Year,
        Kind::Half,
        Kind::Quarter,
        Kind::Month,
        Kind::Week,
        Kind::Day,
        Kind::Project,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Year => "year",
            Kind::Half => "half",
            Kind::Quarter => "quarter",
            Kind::Month => "month",
            Kind::Week => "week",
            Kind::Day => "day",
            Kind::Project => "project",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// The period a retrospective reviews.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i16),
    /// Year and half (1 or 2).
    Half(i16, u8),
    /// Year and quarter (1 to 4).
    Quarter(i16, u8),
    /// Year and month (1 to 12).
    Month(i16, u8),
    /// ISO week-numbering year and week (1 to 53).
    Week(i16, u8),
    Day(Date),
    /// A project, a course, an incident: no calendar period; the name when the title gives one.
    Project(Option<String>),
}

/// Years a period may name: anything else written as four digits is a number, not a year.
pub const YEARS: std::ops::RangeInclusive<i16> = 1970..=2199;

impl Period {
    pub fn kind(&self) -> Kind {
        match self {
            Period::Year(_) => Kind::Year,
            Period::Half(..) => Kind::Half,
            Period::Quarter(..) => Kind::Quarter,
            Period::Month(..) => Kind::Month,
            Period::Week(..) => Kind::Week,
            Period::Day(_) => Kind::Day,
            Period::Project(_) => Kind::Project,
        }
    }

    /// A checked period: `None` when a number is out of range.
    pub fn new(kind: Kind, year: i16, n: u8) -> Option<Period> {
        if !YEARS.contains(&year) {
            return None;
        }
        let p = match kind {
            Kind::Year => Period::Year(year),
            Kind::Half if (1..=2).contains(&n) => Period::Half(year, n),
            Kind::Quarter if (1..=4).contains(&n) => Period::Quarter(year, n),
            Kind::Month if (1..=12).contains(&n) => Period::Month(year, n),
            Kind::Week => {
                ISOWeekDate::new(year, i8::try_from(n).ok()?, Weekday::Monday).ok()?;
                Period::Week(year, n)
            }
            _ => return None,
        };
        Some(p)
    }

    /// The key written in front matter and JSON: `2025`, `2025-H1`, `2025-Q3`, `2025-03`,
    /// `2025-W14`, `2025-03-30`; `project` for a project.
    pub fn key(&self) -> String {
        match self {
            Period::Year(y) => format!("{y}"),
            Period::Half(y, h) => format!("{y}-H{h}"),
            Period::Quarter(y, q) => format!("{y}-Q{q}"),
            Period::Month(y, m) => format!("{y}-{m:02}"),
            Period::Week(y, w) => format!("{y}-W{w:02}"),
            Period::Day(d) => d.strftime("%Y-%m-%d").to_string(),
            Period::Project(_) => "project".into(),
        }
    }

    /// Parses a key (see [`Period::key`]); `W14` and `w14` both work, and one-digit months.
    pub fn parse(text: &str) -> Result<Period, String> {
        let s = text.trim();
        let bad = || {
            format!(
                "`{s}` is not a period: write 2025, 2025-H1, 2025-Q3, 2025-03, 2025-W14 or 2025-03-30"
            )
        };
        let mut parts = s.split('-');
        let year: i16 = parts
            .next()
            .filter(|y| y.len() == 4)
            .and_then(|y| y.parse().ok())
            .ok_or_else(bad)?;
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() {
            return Err(bad());
        }
        let number = |t: &str| t.parse::<u8>().ok();
        let period = match (second, third) {
            (None, None) => Period::new(Kind::Year, year, 0),
            (Some(x), None) => match x.as_bytes().first().map(u8::to_ascii_uppercase) {
                Some(b'H') => number(&x[1..]).and_then(|n| Period::new(Kind::Half, year, n)),
                Some(b'Q') => number(&x[1..]).and_then(|n| Period::new(Kind::Quarter, year, n)),
                Some(b'W') => number(&x[1..]).and_then(|n| Period::new(Kind::Week, year, n)),
                _ if x.len() <= 2 => number(x).and_then(|n| Period::new(Kind::Month, year, n)),
                _ => None,
            },
            (Some(m), Some(d)) if m.len() <= 2 && d.len() <= 2 => {
                match (m.parse::<i8>(), d.parse::<i8>()) {
                    (Ok(m), Ok(d)) => Date::new(year, m, d).ok().map(Period::Day),
                    _ => None,
                }
            }
            _ => None,
        };
        period.ok_or_else(bad)
    }

    /// First day of the period (`None` for a project).
    pub fn start(&self) -> Option<Date> {
        let ymd = |y: i16, m: u8| Date::new(y, m as i8, 1).ok();
        match self {
            Period::Year(y) => ymd(*y, 1),
            Period::Half(y, h) => ymd(*y, 1 + (h - 1) * 6),
            Period::Quarter(y, q) => ymd(*y, 1 + (q - 1) * 3),
            Period::Month(y, m) => ymd(*y, *m),
            Period::Week(y, w) => ISOWeekDate::new(*y, *w as i8, Weekday::Monday)
                .ok()
                .map(|d| d.date()),
            Period::Day(d) => Some(*d),
            Period::Project(_) => None,
        }
    }

    /// Last day of the period (`None` for a project).
    pub fn end(&self) -> Option<Date> {
        let last_of = |y: i16, m: u8| Date::new(y, m as i8, 1).ok().map(|d| d.last_of_month());
        match self {
            Period::Year(y) => last_of(*y, 12),
            Period::Half(y, h) => last_of(*y, h * 6),
            Period::Quarter(y, q) => last_of(*y, q * 3),
            Period::Month(y, m) => last_of(*y, *m),
            Period::Week(..) => self
                .start()
                .and_then(|d| d.checked_add(jiff::Span::new().days(6)).ok()),
            Period::Day(d) => Some(*d),
            Period::Project(_) => None,
        }
    }

    /// The calendar year a period belongs to (its first day's year).
    pub fn year(&self) -> Option<i16> {
        self.start().map(|d| d.year())
    }

    /// The period of `kind` that a retrospective written on `date` most likely reviews: the one
    /// containing the date, or the one just ended when the date is in the first days of a new
    /// one (a yearly retrospective posted in January, a monthly one in the first week, a
    /// weekly one on a Monday).
    pub fn reviewed_on(kind: Kind, date: Date) -> Period {
        let (m, d) = (date.month() as u8, date.day());
        let shift_days = match kind {
            Kind::Year if m == 1 => i64::from(d),
            Kind::Half if m == 1 || m == 7 => i64::from(d),
            Kind::Quarter if (m - 1) % 3 == 0 && d <= 15 => i64::from(d),
            Kind::Month if d <= 7 => i64::from(d),
            Kind::Week if date.weekday() == Weekday::Monday => 1,
            _ => 0,
        };
        let written = date;
        let date = date
            .checked_sub(jiff::Span::new().days(shift_days))
            .unwrap_or(date);
        let (y2, m2) = (date.year(), date.month() as u8);
        match kind {
            Kind::Year => Period::Year(y2),
            Kind::Half => Period::Half(y2, if m2 <= 6 { 1 } else { 2 }),
            Kind::Quarter => Period::Quarter(y2, (m2 - 1) / 3 + 1),
            Kind::Month => Period::Month(y2, m2),
            Kind::Week => {
                let iso = date.iso_week_date();
                Period::Week(iso.year(), iso.week() as u8)
            }
            Kind::Day => Period::Day(written),
            Kind::Project => Period::Project(None),
        }
    }

    /// Sort key within one kind: by first day, projects last.
    pub fn order(&self) -> (i32, String) {
        match self.start() {
            Some(d) => (
                i32::from(d.year()) * 400 + i32::from(d.day_of_year()),
                String::new(),
            ),
            None => (i32::MAX, self.key()),
        }
    }

    /// The period in the site's language: `2025년 상반기` / `2025 H1`, through the
    /// `retro_period_*` labels (overridable in `[labels]`).
    pub fn label(&self, labels: &BTreeMap<String, String>, language: &str) -> String {
        let get = |key: &str| labels.get(key).map(String::as_str).unwrap_or("");
        let month_name = |m: u8| i18n::month_name(m, language);
        let (key, fills): (&str, Vec<(&str, String)>) = match self {
            Period::Year(y) => ("retro_period_year", vec![("year", y.to_string())]),
            Period::Half(y, 1) => ("retro_period_half_1", vec![("year", y.to_string())]),
            Period::Half(y, _) => ("retro_period_half_2", vec![("year", y.to_string())]),
            Period::Quarter(y, q) => (
                "retro_period_quarter",
                vec![("year", y.to_string()), ("quarter", q.to_string())],
            ),
            Period::Month(y, m) => (
                "retro_period_month",
                vec![
                    ("year", y.to_string()),
                    ("month", m.to_string()),
                    ("month_name", month_name(*m)),
                ],
            ),
            Period::Week(y, w) => (
                "retro_period_week",
                vec![("year", y.to_string()), ("week", w.to_string())],
            ),
            Period::Day(d) => (
                "retro_period_day",
                vec![
                    ("year", d.year().to_string()),
                    ("month", d.month().to_string()),
                    ("day", d.day().to_string()),
                    ("month_name", month_name(d.month() as u8)),
                ],
            ),
            Period::Project(Some(name)) => return name.clone(),
            Period::Project(None) => return get("retro_period_project").to_string(),
        };
        i18n::fill(get(key), &fills)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn keys_round_trip() {
        for key in [
            "2025",
            "2025-H1",
            "2025-H2",
            "2025-Q3",
            "2025-03",
            "2025-W14",
            "2025-03-30",
        ] {
            assert_eq!(Period::parse(key).unwrap().key(), key);
        }
        assert_eq!(Period::parse("2025-3").unwrap(), Period::Month(2025, 3));
        assert_eq!(Period::parse("2025-w01").unwrap(), Period::Week(2025, 1));
    }

    #[test]
    fn bad_keys_say_what_is_expected() {
        for key in [
            "",
            "25",
            "2025-H3",
            "2025-Q0",
            "2025-13",
            "2025-W54",
            "2025-02-30",
            "2025-03-30-1",
            "abcd",
            "2025-X1",
            "３０２５",
        ] {
            let err = Period::parse(key).unwrap_err();
            assert!(err.contains("2025-W14"), "{key}: {err}");
        }
        // 2026 has 53 ISO weeks, 2025 has 52.
        assert!(Period::parse("2026-W53").is_ok());
        assert!(Period::parse("2025-W53").is_err());
    }

    #[test]
    fn start_and_end() {
        let p = Period::parse("2025-H2").unwrap();
        assert_eq!(p.start(), Some(date("2025-07-01")));
        assert_eq!(p.end(), Some(date("2025-12-31")));
        let p = Period::parse("2024-Q1").unwrap();
        assert_eq!(p.end(), Some(date("2024-03-31")));
        let p = Period::parse("2025-W14").unwrap();
        assert_eq!(p.start(), Some(date("2025-03-31")));
        assert_eq!(p.end(), Some(date("2025-04-06")));
        let p = Period::parse("2024-02").unwrap();
        assert_eq!(p.end(), Some(date("2024-02-29")));
        assert_eq!(Period::Project(None).start(), None);
    }

    #[test]
    fn the_period_a_date_reviews() {
        let on = |k, d| Period::reviewed_on(k, date(d)).key();
        assert_eq!(on(Kind::Year, "2025-12-31"), "2025");
        assert_eq!(on(Kind::Year, "2026-01-03"), "2025");
        assert_eq!(on(Kind::Year, "2026-02-01"), "2026");
        assert_eq!(on(Kind::Half, "2025-07-02"), "2025-H1");
        assert_eq!(on(Kind::Half, "2025-06-30"), "2025-H1");
        assert_eq!(on(Kind::Quarter, "2025-10-05"), "2025-Q3");
        assert_eq!(on(Kind::Month, "2026-03-02"), "2026-02");
        assert_eq!(on(Kind::Month, "2026-03-30"), "2026-03");
        // 2026-03-29 is a Sunday (end of ISO week 13); the Monday after still reviews it.
        assert_eq!(on(Kind::Week, "2026-03-29"), "2026-W13");
        assert_eq!(on(Kind::Week, "2026-03-30"), "2026-W13");
        assert_eq!(on(Kind::Week, "2026-03-31"), "2026-W14");
        assert_eq!(on(Kind::Day, "2026-03-30"), "2026-03-30");
    }

    #[test]
    fn labels_in_both_languages() {
        let ko = i18n::labels("ko", &BTreeMap::new());
        let en = i18n::labels("en", &BTreeMap::new());
        let cases = [
            ("2025", "2025년", "2025"),
            ("2025-H1", "2025년 상반기", "2025 H1"),
            ("2025-H2", "2025년 하반기", "2025 H2"),
            ("2024-Q3", "2024년 3분기", "2024 Q3"),
            ("2024-07", "2024년 7월", "July 2024"),
            ("2026-W06", "2026년 6주차", "2026 W6"),
            ("2026-03-30", "2026년 3월 30일", "March 30, 2026"),
        ];
        for (key, k, e) in cases {
            let p = Period::parse(key).unwrap();
            assert_eq!(p.label(&ko, "ko"), k);
            assert_eq!(p.label(&en, "en"), e);
        }
        assert_eq!(Period::Project(None).label(&ko, "ko"), "프로젝트");
        assert_eq!(
            Period::Project(Some("우테코 레벨1".into())).label(&en, "en"),
            "우테코 레벨1"
        );
    }

    #[test]
    fn order_is_by_first_day() {
        let mut ps: Vec<Period> = ["2025-Q3", "2024", "2025-W01", "2025-03-30"]
            .iter()
            .map(|k| Period::parse(k).unwrap())
            .collect();
        ps.sort_by_key(Period::order);
        let keys: Vec<String> = ps.iter().map(Period::key).collect();
        assert_eq!(keys, ["2024", "2025-W01", "2025-03-30", "2025-Q3"]);
    }
}
