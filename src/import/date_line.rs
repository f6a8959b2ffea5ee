//! A line that is nothing but a date, as blog platforms print it above or below a title:
//! `2023년 12월 31일 일요일`, `2023. 12. 31. 23:59`, `2023-12-31`, `2023/12/31 (일)`,
//! `2023년 12월 31일 오후 11:30`, `December 31, 2023`, `Sunday, Dec 31, 2023`.

use jiff::civil::{Date, Time};

/// The day and, when the line gives one, the time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub date: Date,
    pub time: Option<Time>,
}

const KO_WEEKDAYS: &[&str] = &["월", "화", "수", "목", "금", "토", "일"];
const EN_MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const EN_WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Reads a whole line as a date; `None` when anything else is on it.
pub fn parse(line: &str) -> Option<Stamp> {
    let mut c = Cursor(line.trim());
    let date = korean(&mut c)
        .or_else(|| numeric(&mut c))
        .or_else(|| english(&mut c))?;
    c.space();
    weekday(&mut c);
    c.space();
    let time = time(&mut c);
    c.space();
    c.0.is_empty().then_some(Stamp { date, time })
}

struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    fn space(&mut self) {
        self.0 = self.0.trim_start();
    }

    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let n = self.0.bytes().take_while(u8::is_ascii_digit).count();
        if n < min || n > max {
            return None;
        }
        let v = self.0[..n].parse().ok()?;
        self.0 = &self.0[n..];
        Some(v)
    }

    fn eat(&mut self, s: &str) -> bool {
        match self.0.strip_prefix(s) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }

    fn eat_any(&mut self, set: &[char]) -> bool {
        match self.0.chars().next() {
            Some(ch) if set.contains(&ch) => {
                self.0 = &self.0[ch.len_utf8()..];
                true
            }
            _ => false,
        }
    }

    /// Tries `f`; on `None` the cursor is where it was.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Cursor<'a>) -> Option<T>) -> Option<T> {
        let saved = self.0;
        let out = f(self);
        if out.is_none() {
            self.0 = saved;
        }
        out
    }
}

fn day(y: u32, m: u32, d: u32) -> Option<Date> {
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// `2023년 12월 31일`.
fn korean(c: &mut Cursor) -> Option<Date> {
    c.attempt(|c| {
        let y = c.number(4, 4)?;
        c.space();
        c.eat("년").then_some(())?;
        c.space();
        let m = c.number(1, 2)?;
        c.space();
        c.eat("월").then_some(())?;
        c.space();
        let d = c.number(1, 2)?;
        c.space();
        c.eat("일").then_some(())?;
        day(y, m, d)
    })
}

/// `2023. 12. 31.`, `2023-12-31`, `2023/12/31`, `2023.12.31`.
fn numeric(c: &mut Cursor) -> Option<Date> {
    c.attempt(|c| {
        let y = c.number(4, 4)?;
        let sep = c.0.chars().next().filter(|s| ".-/".contains(*s))?;
        c.eat_any(&[sep]);
        c.space();
        let m = c.number(1, 2)?;
        c.space();
        c.eat_any(&[sep]).then_some(())?;
        c.space();
        let d = c.number(1, 2)?;
        if sep == '.' {
            c.eat(".");
        }
        day(y, m, d)
    })
}

/// `December 31, 2023`, `Dec. 31 2023`, with a weekday before it (`Sunday, …`).
fn english(c: &mut Cursor) -> Option<Date> {
    c.attempt(|c| {
        if word_in(c, EN_WEEKDAYS).is_some() {
            c.eat(",");
            c.space();
        }
        let m = word_in(c, EN_MONTHS)? + 1;
        c.eat(".");
        c.space();
        let d = c.number(1, 2)?;
        for suffix in ["st", "nd", "rd", "th"] {
            c.eat(suffix);
        }
        c.eat(",");
        c.space();
        let y = c.number(4, 4)?;
        day(y, m as u32, d)
    })
}

/// An English word whose first three letters are one of `names`: its index.
fn word_in(c: &mut Cursor, names: &[&str]) -> Option<usize> {
    let n = c.0.bytes().take_while(u8::is_ascii_alphabetic).count();
    if n < 3 {
        return None;
    }
    let word = c.0[..n].to_ascii_lowercase();
    let i = names.iter().position(|m| word.starts_with(m))?;
    c.0 = &c.0[n..];
    Some(i)
}

/// `일요일`, `(일)`, `일`, `Sunday`, `(Sun)`: skipped when there.
fn weekday(c: &mut Cursor) {
    c.attempt(|c| {
        let open = c.eat("(");
        let found = KO_WEEKDAYS
            .iter()
            .any(|w| c.eat(&format!("{w}요일")) || c.eat(w))
            || word_in(c, EN_WEEKDAYS).is_some();
        (found && (!open || c.eat(")"))).then_some(())
    });
}

/// `23:59`, `23:59:30`, `오후 11:30`, `11:30 PM`, `오후 11시 30분`.
fn time(c: &mut Cursor) -> Option<Time> {
    c.attempt(|c| {
        let mut pm = None;
        if c.eat("오전") || c.eat("AM") || c.eat("am") {
            pm = Some(false);
        } else if c.eat("오후") || c.eat("PM") || c.eat("pm") {
            pm = Some(true);
        }
        c.space();
        let mut h = c.number(1, 2)?;
        let (m, s) = if c.eat(":") {
            let m = c.number(2, 2)?;
            let s = if c.eat(":") { c.number(2, 2)? } else { 0 };
            (m, s)
        } else {
            c.eat("시").then_some(())?;
            c.space();
            let m = c.attempt(|c| {
                let m = c.number(1, 2)?;
                c.eat("분").then_some(m)
            });
            (m.unwrap_or(0), 0)
        };
        c.space();
        if pm.is_none() {
            if c.eat("AM") || c.eat("am") {
                pm = Some(false);
            } else if c.eat("PM") || c.eat("pm") {
                pm = Some(true);
            }
        }
        match pm {
            Some(true) if h < 12 => h += 12,
            Some(false) if h == 12 => h = 0,
            _ => {}
        }
        Time::new(
            i8::try_from(h).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(s).ok()?,
            0,
        )
        .ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(s: &str) -> Option<(String, Option<String>)> {
        parse(s).map(|st| {
            (
                st.date.to_string(),
                st.time.map(|t| t.strftime("%H:%M").to_string()),
            )
        })
    }

    #[test]
    fn dates_as_platforms_print_them() {
        let day = Some(("2023-12-31".to_string(), None));
        for s in [
            "2023년 12월 31일 일요일",
            "2023년 12월 31일",
            "2023년12월31일 (일)",
            "2023. 12. 31.",
            "2023.12.31",
            "2023-12-31",
            "2023/12/31 (일)",
            "December 31, 2023",
            "Sunday, Dec. 31, 2023",
            "Dec 31st 2023",
        ] {
            assert_eq!(stamp(s), day, "{s}");
        }
        let at = |t: &str| Some(("2023-12-31".to_string(), Some(t.to_string())));
        assert_eq!(stamp("2023. 12. 31. 23:59"), at("23:59"));
        assert_eq!(stamp("2023년 12월 31일 오후 11:30"), at("23:30"));
        assert_eq!(stamp("2023-12-31 11:30 PM"), at("23:30"));
        assert_eq!(stamp("2023년 12월 31일 일요일 오전 9시 5분"), at("09:05"));
        assert_eq!(stamp("2023년 12월 31일 오전 12:10"), at("00:10"));
    }

    #[test]
    fn lines_that_only_mention_a_date() {
        for s in [
            "2023년 12월 31일에 쓴 글",
            "2023년 회고",
            "2023년 2월 30일",
            "2023. 13. 01.",
            "12월 31일",
            "2023-12-31 오늘은 맑음",
            "Adios 2023, Welcome 2024",
            "2023년 12월 31일 25:00",
            "",
        ] {
            assert_eq!(stamp(s), None, "{s}");
        }
    }
}
