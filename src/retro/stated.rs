//! A result written out in prose: `10개 중 6개를 달성했다`, `여덟 개 중 다섯 개`,
//! `목표 5가지 중 3가지`, `6 of 10 goals`, `6 out of 10`, `6/10 달성`. When a sentence says
//! how many failed (`4개 중 1개는 실패`), the rest count as done.

use std::sync::LazyLock;

use serde::Serialize;

use memchr::memmem::Finder;

/// A stated result: `done` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Stated {
    pub done: u32,
    pub total: u32,
}

/// Totals above this are not goal counts (`1000개 중 3개`).
const MAX_TOTAL: u32 = 200;

/// Every stated result in a text, in order.
pub fn find_all(text: &str) -> Vec<Stated> {
    let mut out = Vec::new();
    // A count is written with digits or a native number before 개/가지/건 and 중; the Latin
    // forms need digits. Most paragraphs have neither.
    static JUNG: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("중".as_bytes()));
    static OF: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b" of "));
    let bytes = text.as_bytes();
    let has_jung = JUNG.find_iter(bytes).any(|pos| {
        let before = text[..pos].trim_end();
        before.ends_with('개') || before.ends_with("가지") || before.ends_with('건')
    });
    // `6/10`: digits on both sides of the slash; `6 of 10`, `6 out of 10`: a digit before.
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let has_latin = memchr::memchr_iter(b'/', bytes)
        .any(|p| p > 0 && digit_at(p - 1) && digit_at(p + 1))
        || OF.find_iter(bytes).any(|p| {
            let before = &bytes[..p];
            let before = before.strip_suffix(b" out").unwrap_or(before);
            before.last().is_some_and(u8::is_ascii_digit)
        });
    if !has_jung && !has_latin {
        return out;
    }
    let cs: Vec<char> = text.chars().collect();
    for i in 0..cs.len() {
        let found = match cs[i] {
            '중' => korean_at(&cs, i),
            'o' => english_at(&cs, i),
            '/' => slash_at(&cs, i),
            _ => None,
        };
        out.extend(found.filter(|s| s.total > 0 && s.done <= s.total && s.total <= MAX_TOTAL));
    }
    out
}

/// The figure a post states for itself: the one with the most goals (a post's overall result
/// counts all of them; partial results count fewer), the last of equals.
pub fn best(all: &[Stated]) -> Option<Stated> {
    all.iter()
        .enumerate()
        .max_by_key(|(i, s)| (s.total, *i))
        .map(|(_, s)| *s)
}

fn skip_spaces(cs: &[char], mut i: usize) -> usize {
    while i < cs.len() && cs[i] == ' ' {
        i += 1;
    }
    i
}

fn starts(cs: &[char], i: usize, word: &str) -> bool {
    for (k, c) in (i..).zip(word.chars()) {
        if cs.get(k) != Some(&c) {
            return false;
        }
    }
    true
}

const COUNTERS: [&str; 3] = ["개", "가지", "건"];

/// Native Korean numbers as counted with 개: 하나/한 … 스물/스무.
const NATIVE: &[(&str, u32)] = &[
    ("한", 1),
    ("하나", 1),
    ("두", 2),
    ("둘", 2),
    ("세", 3),
    ("셋", 3),
    ("석", 3),
    ("네", 4),
    ("넷", 4),
    ("넉", 4),
    ("다섯", 5),
    ("여섯", 6),
    ("일곱", 7),
    ("여덟", 8),
    ("아홉", 9),
    ("열", 10),
    ("스무", 20),
    ("스물", 20),
];

fn native(word: &str) -> Option<u32> {
    if let Some(rest) = word.strip_prefix('열').filter(|r| !r.is_empty()) {
        return native(rest).filter(|n| *n < 10).map(|n| 10 + n);
    }
    if let Some(rest) = word
        .strip_prefix("스무")
        .or_else(|| word.strip_prefix("스물"))
        && !rest.is_empty()
    {
        return native(rest).filter(|n| *n < 10).map(|n| 20 + n);
    }
    NATIVE.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

/// A count ending just before `end` (exclusive): digits or a native Korean number, with the
/// spaces before `end` skipped.
fn count_before(cs: &[char], end: usize) -> Option<u32> {
    let mut e = end;
    while e > 0 && cs[e - 1] == ' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && cs[s - 1].is_ascii_digit() && e - s < 4 {
        s -= 1;
    }
    if s < e {
        if s > 0 && cs[s - 1].is_alphanumeric() {
            return None;
        }
        return cs[s..e].iter().collect::<String>().parse().ok();
    }
    while s > 0 && ('가'..='힣').contains(&cs[s - 1]) && e - s < 3 {
        s -= 1;
    }
    // The longest native number that ends here.
    (s..e).find_map(|k| {
        let word: String = cs[k..e].iter().collect();
        let clean = k == 0 || !('가'..='힣').contains(&cs[k - 1]);
        native(&word).filter(|_| clean || k > s)
    })
}

/// A count starting at `i`: digits or a native Korean number. Returns it and its end.
fn count_after(cs: &[char], i: usize) -> Option<(u32, usize)> {
    let mut e = i;
    while e < cs.len() && cs[e].is_ascii_digit() && e - i < 4 {
        e += 1;
    }
    if e > i {
        return Some((cs[i..e].iter().collect::<String>().parse().ok()?, e));
    }
    // The longest native number that starts here (열두 before 열).
    (i + 1..=(i + 3).min(cs.len())).rev().find_map(|k| {
        let word: String = cs[i..k].iter().collect();
        native(&word).map(|n| (n, k))
    })
}

/// A counter word (개, 가지, 건) ending before `end`, with spaces: where it starts.
fn counter_before(cs: &[char], end: usize) -> Option<usize> {
    let mut e = end;
    while e > 0 && cs[e - 1] == ' ' {
        e -= 1;
    }
    COUNTERS.iter().find_map(|c| {
        let n = c.chars().count();
        (e >= n && starts(cs, e - n, c)).then(|| e - n)
    })
}

/// `N개 중 M개` with `중` at `i`.
fn korean_at(cs: &[char], i: usize) -> Option<Stated> {
    let counter = counter_before(cs, i)?;
    let total = count_before(cs, counter)?;
    let mut k = i + 1;
    if cs.get(k) == Some(&'에') {
        k += 1;
    }
    if starts(cs, k, "서") {
        k += 1;
    }
    k = skip_spaces(cs, k);
    let (done, end) = count_after(cs, k)?;
    let after = skip_spaces(cs, end);
    let unit = COUNTERS.iter().find(|c| starts(cs, after, c))?;
    let tail_start = after + unit.chars().count();
    let tail: String = cs[tail_start..cs.len().min(tail_start + 12)]
        .iter()
        .collect();
    let tail = tail.split(['.', '!', '?', ',']).next().unwrap_or("");
    let failed = ["실패", "못", "미달", "놓쳤"]
        .iter()
        .any(|w| tail.contains(w));
    Some(if failed {
        Stated {
            done: total.saturating_sub(done),
            total,
        }
    } else {
        Stated { done, total }
    })
}

/// `M of N` / `M out of N` with the `o` of `of` / `out` at `i`, in a sentence about goals.
fn english_at(cs: &[char], i: usize) -> Option<Stated> {
    let word_end = if starts(cs, i, "of ") {
        i + 2
    } else if starts(cs, i, "out of ") {
        i + 6
    } else {
        return None;
    };
    if i == 0 || cs[i - 1] != ' ' {
        return None;
    }
    let done = count_before(cs, i)?;
    let (total, end) = count_after(cs, skip_spaces(cs, word_end))?;
    let around: String = cs[i.saturating_sub(40)..cs.len().min(end + 40)]
        .iter()
        .collect::<String>()
        .to_lowercase();
    let about_goals = [
        "goal",
        "achiev",
        "done",
        "complet",
        "hit",
        "met",
        "resolution",
        "목표",
        "달성",
    ]
    .iter()
    .any(|w| around.contains(w));
    about_goals.then_some(Stated { done, total })
}

/// `6/10` next to a word about achieving goals.
fn slash_at(cs: &[char], i: usize) -> Option<Stated> {
    if i == 0 || !cs[i - 1].is_ascii_digit() {
        return None;
    }
    let done = count_before(cs, i)?;
    let (total, end) = count_after(cs, i + 1)?;
    if cs.get(end).is_some_and(|c| c.is_ascii_digit() || *c == '/') {
        return None;
    }
    let mut s = i;
    while s > 0 && cs[s - 1].is_ascii_digit() {
        s -= 1;
    }
    if s > 0 && matches!(cs[s - 1], '/' | '.' | '-') {
        return None;
    }
    let around: String = cs[s.saturating_sub(12)..cs.len().min(end + 12)]
        .iter()
        .collect::<String>()
        .to_lowercase();
    let about_goals = [
        "달성", "완료", "성공", "목표", "achiev", "done", "complet", "goals",
    ]
    .iter()
    .any(|w| around.contains(w));
    about_goals.then_some(Stated { done, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Option<(u32, u32)> {
        best(&find_all(text)).map(|s| (s.done, s.total))
    }

    #[test]
    fn korean_forms() {
        assert_eq!(
            one("2023년 1월 4일에 세웠던 내 계획은 10개 중 6개를 달성했다."),
            Some((6, 10))
        );
        assert_eq!(
            one("여덟 개 중 다섯 개. 숫자로만 보면 평범하지만"),
            Some((5, 8))
        );
        assert_eq!(one("목표 5가지 중 3가지를 이뤘다"), Some((3, 5)));
        assert_eq!(one("12개 중에서 9개 완료"), Some((9, 12)));
        assert_eq!(one("열두 개 중 열한 개!"), Some((11, 12)));
        assert_eq!(one("세 개 중 한 개"), Some((1, 3)));
        assert_eq!(one("4개 중 1개는 실패했다."), Some((3, 4)));
        assert_eq!(one("다섯 개 중에 둘은"), None);
    }

    #[test]
    fn english_forms() {
        assert_eq!(one("I hit 6 of 10 goals this year."), Some((6, 10)));
        assert_eq!(one("Achieved 7 out of 9."), Some((7, 9)));
        assert_eq!(one("목표 달성: 6/10"), Some((6, 10)));
        assert_eq!(one("6/10 goals done"), Some((6, 10)));
    }

    #[test]
    fn numbers_that_are_not_results() {
        for text in [
            "26/03/30 일간회고",
            "2023/12/31에 썼다",
            "1/2 정도 읽었다",
            "one of the best",
            "3 of us went hiking",
            "중간에 포기했다",
            "사과 3개 중 하나를 먹었다 1000개 중 3000개",
            "11개 중 12개",
            "",
            "중",
            "개 중 개",
        ] {
            assert_eq!(one(text), None, "{text}");
        }
    }

    #[test]
    fn the_overall_figure_wins() {
        // A partial figure first, the overall one later: the one with more goals.
        assert_eq!(
            one("4개 중 3개를 달성하였다. … 계획은 10개 중 6개를 달성했다."),
            Some((6, 10))
        );
        assert_eq!(
            one("10개 중 6개 달성. 그중 팀 목표는 4개 중 3개."),
            Some((6, 10))
        );
    }
}
