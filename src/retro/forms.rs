//! Periods as people write them in titles and sentences: `2025년`, `25년`, `2023`, `'23`,
//! `2025년 상반기`, `2024년 3분기`, `2024년 7월`, `26/02` (YY/MM, for monthly and weekly
//! titles), `26/02 1주차` (the first week of a month), `26/03/30`, `2025-W14`, `Q3 2024`,
//! `March 2025`, `H1 2025` — and the words that name a kind (`주간`, `monthly`, `연말`).
//!
//! Numbers glued to letters (`CS224W`, `레벨1`) and numbers with units (`2000원`, `1000km`)
//! are not periods.

use jiff::civil::{Date, Weekday};

use super::period::{Kind, Period, YEARS};

/// A period found in a text, with its place (char indexes, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub period: Period,
    pub start: usize,
    pub end: usize,
}

/// The kind a text names without a number: `주간회고` → week, `[Monthly]` → month,
/// `연말 결산` → year. The most specific word wins.
pub fn kind_hint(text: &str) -> Option<Kind> {
    let t = text.to_lowercase();
    const WORDS: &[(Kind, &[&str])] = &[
        (
            Kind::Day,
            &["일간", "데일리", "daily", "하루 회고", "오늘의 회고"],
        ),
        (
            Kind::Week,
            &["주간", "위클리", "weekly", "한 주", "이번 주", "한주"],
        ),
        (
            Kind::Month,
            &["월간", "먼슬리", "monthly", "한 달", "이번 달", "한달"],
        ),
        (Kind::Quarter, &["분기", "quarterly", "quarter"]),
        (Kind::Half, &["반기", "half-year", "half year", "halfyear"]),
        (
            Kind::Year,
            &[
                "연간", "연말", "한 해", "한해", "올해", "송년", "yearly", "annual", "year",
            ],
        ),
    ];
    WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| t.contains(w)))
        .map(|(k, _)| *k)
}

/// Every period written in `text`, in order. `hint` lets `26/02` read as a month (it is
/// ambiguous otherwise); `date` (when the text was written) completes forms without a year
/// (`7월 회고`, `상반기 회고`).
pub fn periods_in(text: &str, hint: Option<Kind>, date: Option<Date>) -> Vec<Mention> {
    let cs: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if let Some(m) = at(&cs, i, hint, date) {
            i = m.end.max(i + 1);
            out.push(m);
        } else {
            i += 1;
        }
    }
    // `1월 둘째주에 작성하는 2023 회고`: a period followed by `에` and a verb of writing is
    // when the text was written, not what it reviews, when another period is named.
    if out.len() > 1 {
        let written = |m: &Mention| when_written(&cs, m.end);
        if out.iter().any(|m| !written(m)) {
            out.retain(|m| !written(m));
        }
    }
    if out.is_empty()
        && let Some(d) = date
    {
        // A half written without a year: the half of the year it was written in.
        let t: String = cs.iter().collect();
        for (word, half) in [("상반기", 1), ("하반기", 2)] {
            if let Some(pos) = t.find(word) {
                let start = t[..pos].chars().count();
                let year = if half == 2 && d.month() <= 6 {
                    d.year() - 1
                } else {
                    d.year()
                };
                if let Some(period) = Period::new(Kind::Half, year, half) {
                    out.push(Mention {
                        period,
                        start,
                        end: start + 3,
                    });
                }
            }
        }
    }
    out
}

/// Verbs of writing and posting that, after `에`, make the period before them the time
/// of writing: `연말에 쓰는`, `1월에 올리는`, `2024년에 작성한`.
const WRITTEN: &[&str] = &[
    "작성하는",
    "작성한",
    "작성하며",
    "쓰는",
    "쓴",
    "올리는",
    "올린",
    "적는",
    "적은",
    "남기는",
    "남긴",
    "정리하는",
    "돌아보는",
    "돌아본",
];

/// Whether the period ending at `end` is followed by `에` and a verb of [`WRITTEN`].
fn when_written(cs: &[char], end: usize) -> bool {
    if cs.get(end) != Some(&'에') {
        return false;
    }
    let s = skip_spaces(cs, end + 1);
    WRITTEN.iter().any(|w| starts(cs, s, w))
}

/// A digit run: (value, end index). At most four digits; longer runs are not periods.
fn digits(cs: &[char], i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    while j < cs.len() && cs[j].is_ascii_digit() {
        v = v * 10 + cs[j].to_digit(10)?;
        j += 1;
        if j - i > 4 {
            return None;
        }
    }
    (j > i).then_some((v, j))
}

fn skip_spaces(cs: &[char], mut i: usize) -> usize {
    while i < cs.len() && cs[i].is_whitespace() {
        i += 1;
    }
    i
}

fn starts(cs: &[char], i: usize, word: &str) -> bool {
    for (k, c) in (i..).zip(word.chars()) {
        if k >= cs.len() || cs[k].to_lowercase().next() != Some(c) {
            return false;
        }
    }
    true
}

fn glued(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Characters that make the number before them a quantity, not a year: units and counters.
fn is_unit(c: char) -> bool {
    "원명개권번위등층편곡만천억배점살세%".contains(c) || c.is_ascii_alphanumeric()
}

fn year_of(v: u32, len: usize) -> Option<i16> {
    let y = match len {
        2 => 2000 + v as i32,
        4 => v as i32,
        _ => return None,
    };
    let y = i16::try_from(y).ok()?;
    YEARS.contains(&y).then_some(y)
}

fn mention(period: Option<Period>, start: usize, end: usize) -> Option<Mention> {
    period.map(|period| Mention { period, start, end })
}

/// The period written at `i`, if one starts there.
fn at(cs: &[char], i: usize, hint: Option<Kind>, date: Option<Date>) -> Option<Mention> {
    let c = cs[i];
    // '23: a two-digit year after an apostrophe.
    if (c == '\'' || c == '’') && !glued(i.checked_sub(1).and_then(|p| cs.get(p))) {
        let (v, j) = digits(cs, i + 1)?;
        if j - (i + 1) == 2 && !glued(cs.get(j)) {
            return mention(Some(Period::Year(year_of(v, 2)?)), i, j);
        }
        return None;
    }
    if !c.is_ascii_digit() || glued(i.checked_sub(1).and_then(|p| cs.get(p))) {
        return None;
    }
    let (v, j) = digits(cs, i)?;
    let len = j - i;
    let next = cs.get(j).copied();

    // 26/03/30, 2026-03-30, 2025.03, 26/02 (with a monthly or weekly hint), 2025-W14.
    if matches!(next, Some('/' | '.' | '-')) && (len == 2 || len == 4) {
        if len == 4
            && let Some(m) = suffix_period(cs, j + 1, year_of(v, 4)?, true)
        {
            return Some(Mention { start: i, ..m });
        }
        if let Some((b, k)) = digits(cs, j + 1).filter(|(_, k)| k - (j + 1) <= 2) {
            if matches!(cs.get(k), Some('/' | '.' | '-'))
                && let Some((d, l)) = digits(cs, k + 1).filter(|(_, l)| l - (k + 1) <= 2)
            {
                if glued(cs.get(l)) {
                    return None;
                }
                let y = year_of(v, len)?;
                let day = Date::new(y, i8::try_from(b).ok()?, i8::try_from(d).ok()?).ok();
                return mention(day.map(Period::Day), i, l);
            }
            if glued(cs.get(k)) || (len == 2 && !matches!(hint, Some(Kind::Month | Kind::Week))) {
                return None;
            }
            let y = year_of(v, len)?;
            let month = u8::try_from(b).ok()?;
            let period = Period::new(Kind::Month, y, month)?;
            if let Some((week, end)) = week_of_month_after(cs, k, y, month) {
                return mention(Some(week), i, end);
            }
            return mention(Some(period), i, k);
        }
        return None;
    }

    // 2025년, 25년도, 2025년 상반기, 2024년 3분기, 2024년 7월, 2026년 3월 30일.
    let after = skip_spaces(cs, j);
    if cs.get(after) == Some(&'년') && (len == 2 || len == 4) {
        let y = year_of(v, len)?;
        let mut k = after + 1;
        if cs.get(k) == Some(&'도') {
            k += 1;
        }
        if let Some(m) = suffix_period(cs, k, y, false) {
            return Some(Mention { start: i, ..m });
        }
        return mention(Some(Period::Year(y)), i, k);
    }

    // 7월, 3분기 without a year: the year they were written in (or the one before).
    if len <= 2 {
        if let Some(d) = date {
            if cs.get(j) == Some(&'월') && cs.get(j + 1) != Some(&'간') {
                let month = u8::try_from(v).ok()?;
                let year = if i8::try_from(month).ok()? > d.month() {
                    d.year() - 1
                } else {
                    d.year()
                };
                let period = Period::new(Kind::Month, year, month)?;
                if let Some((week, end)) = week_of_month_after(cs, j + 1, year, month) {
                    return mention(Some(week), i, end);
                }
                return mention(Some(period), i, j + 1);
            }
            if starts(cs, j, "분기") {
                let q = u8::try_from(v).ok()?;
                let year = if (d.month() as u8).div_ceil(3) < q {
                    d.year() - 1
                } else {
                    d.year()
                };
                return mention(Period::new(Kind::Quarter, year, q), i, j + 2);
            }
        }
        return None;
    }

    // 2023 on its own: a year, unless a unit follows (2000원) or it is glued to a word.
    if len != 4 || next.is_some_and(is_unit) {
        return None;
    }
    let y = year_of(v, 4)?;
    if let Some(m) = suffix_period(cs, j, y, true) {
        return Some(Mention { start: i, ..m });
    }
    if let Some((period, start)) = prefix_period(cs, i, y) {
        return mention(Some(period), start, j);
    }
    mention(Some(Period::Year(y)), i, j)
}

/// A part of year `y` written after it (from `k`): ` 상반기`, ` 3분기`, ` 7월`, ` 7월 30일`,
/// ` 14주차`, and with `latin`, `-H1`, ` Q3`, `-W14`.
fn suffix_period(cs: &[char], k: usize, y: i16, latin: bool) -> Option<Mention> {
    let k0 = if latin && matches!(cs.get(k), Some('-' | ' ')) {
        k + 1
    } else {
        skip_spaces(cs, k)
    };
    if latin {
        let letter = cs.get(k0).map(|c| c.to_ascii_uppercase());
        let kind = match letter {
            Some('H') => Some(Kind::Half),
            Some('Q') => Some(Kind::Quarter),
            Some('W') => Some(Kind::Week),
            _ => None,
        };
        if let Some(kind) = kind
            && let Some((n, end)) = digits(cs, k0 + 1)
            && end - (k0 + 1) <= 2
            && !glued(cs.get(end))
        {
            return mention(Period::new(kind, y, u8::try_from(n).ok()?), k, end);
        }
    }
    let k = skip_spaces(cs, k);
    for (word, half) in [("상반기", 1), ("전반기", 1), ("하반기", 2), ("후반기", 2)] {
        if starts(cs, k, word) {
            return mention(Period::new(Kind::Half, y, half), k, k + 3);
        }
    }
    let (n, end) = digits(cs, k)?;
    if end - k > 2 {
        return None;
    }
    let n8 = u8::try_from(n).ok()?;
    if starts(cs, end, "분기") {
        return mention(Period::new(Kind::Quarter, y, n8), k, end + 2);
    }
    if starts(cs, end, "주차") {
        return mention(Period::new(Kind::Week, y, n8), k, end + 2);
    }
    if cs.get(end) == Some(&'월') && cs.get(end + 1) != Some(&'간') {
        let month_end = end + 1;
        let d = skip_spaces(cs, month_end);
        if let Some((day, e)) = digits(cs, d)
            && e - d <= 2
            && cs.get(e) == Some(&'일')
            && let Ok(date) = Date::new(y, n8 as i8, i8::try_from(day).ok()?)
        {
            return mention(Some(Period::Day(date)), k, e + 1);
        }
        if let Some((week, e)) = week_of_month_after(cs, month_end, y, n8) {
            return mention(Some(week), k, e);
        }
        return mention(Period::new(Kind::Month, y, n8), k, month_end);
    }
    None
}

/// A part of year `y` written before it (ending at `i`): `Q3 2024`, `H1 2025`,
/// `March 2025`, `Mar 2025`, `first half of 2025`. Returns the period and where it starts.
fn prefix_period(cs: &[char], i: usize, y: i16) -> Option<(Period, usize)> {
    let mut e = i;
    while e > 0 && cs[e - 1] == ' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && cs[s - 1].is_ascii_alphanumeric() {
        s -= 1;
    }
    if s == e || e == i {
        return None;
    }
    let word: String = cs[s..e].iter().collect::<String>().to_ascii_lowercase();
    let n = word[1..].parse::<u8>().ok();
    match (word.as_bytes()[0], n) {
        (b'q', Some(q)) => return Period::new(Kind::Quarter, y, q).map(|p| (p, s)),
        (b'h', Some(h)) => return Period::new(Kind::Half, y, h).map(|p| (p, s)),
        _ => {}
    }
    if let Some(m) = month_number(&word) {
        return Period::new(Kind::Month, y, m).map(|p| (p, s));
    }
    if word == "of" {
        let before: String = cs[..s].iter().collect::<String>().to_ascii_lowercase();
        let before = before.trim_end();
        for (phrase, half) in [("first half", 1), ("second half", 2)] {
            if before.ends_with(phrase) {
                return Period::new(Kind::Half, y, half).map(|p| (p, s));
            }
        }
    }
    None
}

fn month_number(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| word == *m || (word.len() == 3 && m.starts_with(word)))
        .map(|i| i as u8 + 1)
}

/// ` 1주차`, ` 2째 주`, ` 3번째 주` after a month: that week of the month, counted the way
/// Korean calendars count it (a week belongs to the month that has its Thursday).
fn week_of_month_after(cs: &[char], k: usize, y: i16, month: u8) -> Option<(Period, usize)> {
    let s = skip_spaces(cs, k);
    // `셋째 주`, `둘째주`: the ordinal in words.
    const ORDINALS: [&str; 5] = ["첫째", "둘째", "셋째", "넷째", "다섯째"];
    if let Some(n) = ORDINALS.iter().position(|w| starts(cs, s, w)) {
        let end = s + ORDINALS[n].chars().count();
        let rest = [" 주", "주"].iter().find(|w| starts(cs, end, w))?;
        let week = week_of_month(y, month, n as u8 + 1)?;
        return Some((week, end + rest.chars().count()));
    }
    let (n, end) = digits(cs, s)?;
    if end - s > 1 {
        return None;
    }
    let rest = ["주차", "째 주", "째주", "번째 주", "번째주", "주"]
        .iter()
        .find(|w| starts(cs, end, w))?;
    let week = week_of_month(y, month, u8::try_from(n).ok()?)?;
    Some((week, end + rest.chars().count()))
}

/// The `n`th week of a month as an ISO week: the week holding the month's `n`th Thursday.
pub fn week_of_month(year: i16, month: u8, n: u8) -> Option<Period> {
    if n == 0 {
        return None;
    }
    let first = Date::new(year, i8::try_from(month).ok()?, 1).ok()?;
    let to_thursday = (Weekday::Thursday.to_monday_zero_offset()
        - first.weekday().to_monday_zero_offset())
    .rem_euclid(7);
    let thursday = first
        .checked_add(jiff::Span::new().days(i64::from(to_thursday) + 7 * (i64::from(n) - 1)))
        .ok()?;
    if thursday.month() != first.month() {
        return None;
    }
    let iso = thursday.iso_week_date();
    Some(Period::Week(iso.year(), iso.week() as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, hint: Option<Kind>, date: Option<&str>) -> Vec<String> {
        let date = date.map(|d| d.parse().unwrap());
        periods_in(text, hint, date)
            .into_iter()
            .map(|m| m.period.key())
            .collect()
    }

    fn first(text: &str) -> Option<String> {
        let hint = kind_hint(text);
        keys(text, hint, Some("2026-04-01")).into_iter().next()
    }

    #[test]
    fn titles_korean_bloggers_write() {
        let cases = [
            ("[Daily] 26/03/30 일간회고", "2026-03-30"),
            ("[Weekly] 26/02 1주차 주간회고", "2026-W06"),
            ("[Monthly] 26/02 월간회고", "2026-02"),
            ("2024년 7월 회고", "2024-07"),
            ("2024년 3분기 회고", "2024-Q3"),
            ("2025년 상반기 회고", "2025-H1"),
            ("2025 하반기 회고", "2025-H2"),
            ("조금 빠른 2023 회고", "2023"),
            ("22년 회고", "2022"),
            ("24년도 계획", "2024"),
            ("Reflection on 2025", "2025"),
            ("2023 Retrospective", "2023"),
            ("[Yearly] 25년 연간회고", "2025"),
            ("2024 회고 ( 우테코를 마무리하며 )", "2024"),
            ("Diary - 2023년 회고", "2023"),
            ("Q3 2024 retrospective", "2024-Q3"),
            ("2024-Q3 회고", "2024-Q3"),
            ("H1 2025 review", "2025-H1"),
            ("March 2025 retrospective", "2025-03"),
            ("Retro: Sep 2025", "2025-09"),
            ("the first half of 2025 in review", "2025-H1"),
            ("2025-W14 회고", "2025-W14"),
            ("2025년 14주차 회고", "2025-W14"),
            ("2025년 3월 2주차 주간 회고", "2025-W11"),
            ("2025년 11월 셋째 주 회고", "2025-W47"),
            ("[WIL] 3월 2주차 회고", "2026-W11"),
            ("2026년 3월 30일 회고", "2026-03-30"),
            ("2026.03.30 하루 회고", "2026-03-30"),
            ("'23 회고", "2023"),
            ("3월 회고", "2026-03"),
            ("7월 회고", "2025-07"),
            ("2분기 회고", "2026-Q2"),
            ("3분기 회고", "2025-Q3"),
            ("상반기 회고", "2026-H1"),
            ("하반기 회고", "2025-H2"),
        ];
        for (title, key) in cases {
            assert_eq!(first(title).as_deref(), Some(key), "{title}");
        }
    }

    #[test]
    fn numbers_that_are_not_periods() {
        for title in [
            "CS224W 짧은 회고",
            "우테코 레벨1 회고",
            "글또 9기 회고",
            "[BE] 4주차 미션 회고",
            "Rust 1.75 release notes",
            "연봉 2000만원 협상기",
            "1000km 달리기",
            "10개 중 6개",
            "6/10 달성",
            "v2024 배포",
            "9999년",
            "2023px 레이아웃",
            "1.5배 빨라진 빌드",
        ] {
            assert_eq!(first(title), None, "{title}");
        }
    }

    #[test]
    fn two_years_in_one_title_come_in_order() {
        assert_eq!(
            keys("Adios 2023, Welcome 2024", None, None),
            ["2023", "2024"]
        );
        assert_eq!(
            keys("2023년 회고와 2024년 계획을 세워본다", None, None),
            ["2023", "2024"]
        );
    }

    #[test]
    fn the_time_of_writing_is_not_the_period_reviewed() {
        let on = Some("2024-01-13");
        assert_eq!(keys("1월 둘째주에 작성하는 2023 회고", None, on), ["2023"]);
        assert_eq!(keys("2024년 1월에 쓰는 2023년 회고", None, on), ["2023"]);
        assert_eq!(keys("2023년에 돌아보는 2022년", None, on), ["2022"]);
        // Alone, it is still the period: nothing else is named.
        assert_eq!(keys("1월 둘째주에 작성하는 회고", None, on), ["2024-W02"]);
        // `에` with no verb of writing, or a verb without `에`, changes nothing.
        assert_eq!(
            keys("2023년에 이룬 것과 2024년 목표", None, on),
            ["2023", "2024"]
        );
        assert_eq!(
            keys("2023년을 돌아보는 2024년 1월", None, on),
            ["2023", "2024-01"]
        );
    }

    #[test]
    fn yy_mm_needs_a_monthly_or_weekly_hint() {
        assert_eq!(keys("26/02 회고", None, None), Vec::<String>::new());
        assert_eq!(keys("26/02 회고", Some(Kind::Month), None), ["2026-02"]);
    }

    #[test]
    fn kind_words() {
        assert_eq!(kind_hint("[Weekly] 26/02 1주차 주간회고"), Some(Kind::Week));
        assert_eq!(kind_hint("월간 회고"), Some(Kind::Month));
        assert_eq!(kind_hint("[Daily] 일간회고"), Some(Kind::Day));
        assert_eq!(kind_hint("연말 결산"), Some(Kind::Year));
        assert_eq!(kind_hint("2024년 3분기 회고"), Some(Kind::Quarter));
        assert_eq!(kind_hint("2025년 상반기 회고"), Some(Kind::Half));
        assert_eq!(kind_hint("Year in review"), Some(Kind::Year));
        assert_eq!(kind_hint("우테코 레벨1 회고"), None);
    }

    #[test]
    fn weeks_of_a_month_follow_thursdays() {
        // February 2026 starts on a Sunday: its first Thursday is the 5th (ISO week 6).
        assert_eq!(week_of_month(2026, 2, 1).unwrap().key(), "2026-W06");
        // January 2026 starts on a Thursday: week 1 is ISO week 1.
        assert_eq!(week_of_month(2026, 1, 1).unwrap().key(), "2026-W01");
        assert_eq!(week_of_month(2026, 2, 4).unwrap().key(), "2026-W09");
        assert_eq!(week_of_month(2026, 2, 5), None);
        assert_eq!(week_of_month(2026, 2, 0), None);
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "년",
            "'",
            "'2",
            "99999999년",
            "2025-",
            "2025-W",
            "26/",
            "26/1/",
            "Q",
            "of 2025",
            "월",
            "1월간",
            "\u{0}2023",
        ] {
            let _ = periods_in(text, Some(Kind::Week), Some("2026-01-01".parse().unwrap()));
        }
    }
}
