//! Plans for the period after the one reviewed: headings (`2026년 목표`, `24년의 목표`,
//! `내년 계획`, `< 24년도 계획 >`, `Goals for 2026`, `Next year`) and lead sentences
//! (`2024년 목표는 아래 9개이다.`, `다음 주 계획은:`).

use std::sync::LazyLock;

use super::forms;
use super::period::Period;
use super::words::Words;

/// Words that name the next period outright.
const TIME_MARKERS: &[&str] = &[
    "내년",
    "다음 해",
    "다음해",
    "새해",
    "다음 주",
    "다음주",
    "다음 달",
    "다음달",
    "다음 분기",
    "다음 반기",
    "다음 스프린트",
    "다음 레벨",
    "다음 단계",
    "다음번",
    "다음에는",
    "next year",
    "next week",
    "next month",
    "next quarter",
    "next sprint",
    "coming year",
    "year ahead",
];

/// Words that look forward without naming a period: they need a goal word beside them.
const SOFT_MARKERS: &[&str] = &["앞으로", "향후", "다음 목표", "다음 계획", "next"];

/// Headings that mean "what comes next" on their own.
const NEXT_HEADINGS: &[&str] = &["looking ahead", "what's next", "what’s next", "next steps"];

/// Headings that are a retrospective's action items, and nothing else.
const ACTION_ITEMS: &[&str] = &[
    "action item",
    "action items",
    "action item(s",
    "액션 아이템",
    "액션아이템",
];

const GOAL_WORDS: &[&str] = &[
    "목표",
    "계획",
    "다짐",
    "할 일",
    "할일",
    "해 볼 것",
    "해볼 것",
    "해 볼 일",
    "하고 싶은",
    "바라는 것",
    "버킷",
    "goal",
    "plan",
    "resolution",
    "objective",
    "okr",
    "to-do",
    "todo",
    "to do",
    "action item",
];

static GOALS: LazyLock<Words> = LazyLock::new(|| Words::new(GOAL_WORDS));
static TIMES: LazyLock<Words> = LazyLock::new(|| Words::new(TIME_MARKERS));

/// Markers that follow from the period itself: `하반기` after a first half, `8월` after July,
/// `4분기` after the third quarter.
fn relative_markers(period: &Period) -> Vec<String> {
    match period {
        Period::Half(_, 1) => vec!["하반기".into(), "second half".into()],
        Period::Quarter(_, q) if *q < 4 => vec![format!("{}분기", q + 1), format!("q{}", q + 1)],
        Period::Month(_, m) if *m < 12 => vec![format!("{}월", m + 1)],
        _ => Vec::new(),
    }
}

/// Periods written in `text` that start after `period` ends (`2024년` in a 2023
/// retrospective), as char ranges.
fn later_periods(text: &str, period: &Period) -> Vec<(usize, usize)> {
    let Some(end) = period.end() else {
        return Vec::new();
    };
    forms::periods_in(text, None, None)
        .into_iter()
        .filter(|m| m.period.start().is_some_and(|s| s > end))
        .map(|m| (m.start, m.end))
        .collect()
}

thread_local! {
    /// Verdicts by heading and period (see [`super::words::Memo`]).
    static TITLES: std::cell::RefCell<super::words::Memo<bool>> = Default::default();
}

/// A number for a period, without date arithmetic (a memo key).
fn period_id(period: &Period) -> u64 {
    let (kind, year, n) = match period {
        Period::Year(y) => (1, *y, 0u32),
        Period::Half(y, h) => (2, *y, u32::from(*h)),
        Period::Quarter(y, q) => (3, *y, u32::from(*q)),
        Period::Month(y, m) => (4, *y, u32::from(*m)),
        Period::Week(y, w) => (5, *y, u32::from(*w)),
        Period::Day(d) => (6, d.year(), d.month() as u32 * 32 + d.day() as u32),
        Period::Project(_) => (7, 0, 0),
    };
    (kind << 40) | ((year as u16 as u64) << 16) | u64::from(n)
}

/// Whether a heading or label (already cleaned) announces the next period's goals.
pub fn is_next_title(label: &str, period: &Period) -> bool {
    if label.len() > 160 {
        return false;
    }
    let key = super::words::memo_key(label, period_id(period));
    if let Some(known) = TITLES.with(|t| t.borrow().get(&key).copied()) {
        return known;
    }
    let verdict = next_title(label, period);
    TITLES.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() > 50_000 {
            t.clear();
        }
        t.insert(key, verdict);
    });
    verdict
}

fn next_title(label: &str, period: &Period) -> bool {
    let lower = label.to_lowercase();
    if lower.chars().count() > 40 {
        return false;
    }
    if NEXT_HEADINGS.iter().any(|h| lower.starts_with(h)) {
        return true;
    }
    // A retrospective's action items are what it sets for next time (`지난 Action Items`,
    // last time's, are not this heading).
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if ACTION_ITEMS.contains(&bare) {
        return true;
    }
    let bytes = lower.as_bytes();
    let goal = GOALS.any_in(bytes);
    let relative = relative_markers(period);
    if !goal
        && !TIMES.any_in(bytes)
        && !bytes.iter().any(u8::is_ascii_digit)
        && !relative.iter().any(|m| lower.contains(m.as_str()))
    {
        return false;
    }
    let mut rest = lower.clone();
    let mut time = false;
    if TIMES.any_in(bytes) || !relative.is_empty() {
        for m in TIME_MARKERS.iter().map(|s| s.to_string()).chain(relative) {
            if rest.contains(&m) {
                time = true;
                rest = rest.replace(&m, " ");
            }
        }
    }
    let later = later_periods(&lower, period);
    if !later.is_empty() {
        time = true;
        let chars: Vec<char> = lower.chars().collect();
        rest = chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if later.iter().any(|(s, e)| (*s..*e).contains(&i)) {
                    ' '
                } else {
                    *c
                }
            })
            .collect();
        for m in TIME_MARKERS {
            rest = rest.replace(m, " ");
        }
    }
    if time && goal {
        return true;
    }
    if !time {
        return goal && SOFT_MARKERS.iter().any(|m| lower.contains(m));
    }
    // A time marker alone (`Next year`, `그럼 2024년에는?`): little else may be said.
    let letters = rest.chars().filter(|c| c.is_alphanumeric()).count();
    letters <= 4
}

/// How far before a goal word a marker may stand: `내년의 팀적 목표`, `2024년 목표`.
const LEAD_WINDOW: usize = 10;
/// How much of a paragraph's end is read for a lead.
const LEAD_TAIL: usize = 320;

/// Pieces every marker has in it besides digits (a later period is written with them:
/// `2024년`, `24년도`, `8월`, `Q4`): a text without any has no marker.
const ANCHORS: &[&str] = &[
    "내년",
    "다음",
    "새해",
    "앞으로",
    "향후",
    "반기",
    "분기",
    "ext",
    "EXT",
    "oming",
    "head",
];

/// [`GOAL_WORDS`] in the cases people write them (`plan`, `Plan`, `PLAN`): searched
/// case-sensitively, so the search can use its SIMD prefilter.
fn goal_forms() -> Vec<String> {
    let mut forms = Vec::new();
    for w in GOAL_WORDS {
        let mut capital = w.to_string();
        if let Some(first) = capital.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        for form in [w.to_string(), capital, w.to_ascii_uppercase()] {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// A DFA: a byte or two of work per byte of text.
fn dfa<W: AsRef<[u8]>>(words: &[W]) -> Option<aho_corasick::AhoCorasick> {
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(words)
        .ok()
}

static ANCHOR_SET: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| dfa(ANCHORS));
static GOAL_SET: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| dfa(&goal_forms()));

/// Whether `bytes` has an ASCII digit: a branch-free fold per chunk, which vectorises.
fn has_digit(bytes: &[u8]) -> bool {
    bytes
        .chunks(32)
        .any(|c| c.iter().fold(false, |any, b| any | b.is_ascii_digit()))
}

/// Whether a text could hold a lead at all: a piece of a marker and a goal word, each found
/// in one pass (most paragraphs have neither).
fn might_lead(text: &[u8], relative: &[String]) -> bool {
    let found =
        |set: &Option<aho_corasick::AhoCorasick>| set.as_ref().is_none_or(|ac| ac.is_match(text));
    let marker = has_digit(text)
        || found(&ANCHOR_SET)
        || relative.iter().any(|m| {
            memchr::memmem::find(text, m.as_bytes()).is_some()
                || memchr::memmem::find(text, m.to_ascii_uppercase().as_bytes()).is_some()
        });
    marker && found(&GOAL_SET)
}

/// Whether a sentence of a paragraph introduces the next period's goals: a marker right
/// before a goal word (`2024년 목표는 아래 9개이다`, `24년의 목표는 다음과 같다`,
/// `다음 주 계획은:`), or a goal word `for` the next period (`my goals for 2026:`).
pub fn is_lead(text: &str, period: &Period) -> bool {
    // The sentence that introduces a list closes the paragraph before it: its last few
    // hundred bytes are enough, however long the paragraph.
    let mut from = text.len().saturating_sub(LEAD_TAIL);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let text = &text[from..];
    let relative = relative_markers(period);
    // Most paragraphs mention no goal: ruled out in one pass, before anything is copied.
    if !might_lead(text.as_bytes(), &relative) {
        return false;
    }
    // Every marker and goal word is Hangul or ASCII: ASCII case is all that needs folding.
    let lower = text.to_ascii_lowercase();
    let has_marker = |window: &str| {
        TIME_MARKERS.iter().any(|m| window.contains(m))
            || SOFT_MARKERS[..4].iter().any(|m| window.contains(m))
            || relative.iter().any(|m| window.contains(m.as_str()))
            || !later_periods(window, period).is_empty()
    };
    for g in GOAL_WORDS {
        for (pos, _) in lower.match_indices(g) {
            let before = &lower[..pos];
            let start = before
                .char_indices()
                .rev()
                .nth(LEAD_WINDOW - 1)
                .map_or(0, |(i, _)| i);
            let window = &before[start..];
            let window = window
                .rfind(['.', '!', '?', '\n'])
                .map_or(window, |i| &window[i + 1..]);
            // `다음과 같은 목표`: "as follows", not "next".
            if window.contains("다음과") {
                continue;
            }
            if has_marker(window) {
                return true;
            }
            let after = &lower[pos + g.len()..];
            let after = after.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            if let Some(rest) = after.strip_prefix(" for ") {
                let head: String = rest.chars().take(16).collect();
                if has_marker(&head) {
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(year: i16) -> Period {
        Period::Year(year)
    }

    #[test]
    fn next_goal_headings() {
        for (label, p) in [
            ("2026년 목표", y(2025)),
            ("24년의 목표", y(2023)),
            ("내년 계획", y(2023)),
            ("24년도 계획", y(2023)),
            ("Goals for 2026", y(2025)),
            ("Next year", y(2025)),
            ("내년에 바라는 것", y(2024)),
            ("내년에 해 볼 것", y(2025)),
            ("그럼 2024년에는?", y(2023)),
            ("2024년에는", y(2023)),
            ("다음 주 계획", Period::Week(2026, 13)),
            ("하반기 목표", Period::Half(2025, 1)),
            ("Looking ahead", y(2025)),
            ("앞으로의 목표", Period::Project(None)),
            ("Action Item", y(2024)),
            ("액션 아이템", y(2024)),
        ] {
            assert!(is_next_title(label, &p), "{label}");
        }
        for (label, p) in [
            ("2023년 목표", y(2023)),
            ("올해의 목표 점검", y(2025)),
            ("작년에 세운 계획", y(2023)),
            ("그 밖의 다짐들", y(2023)),
            ("2024년에는 내 꿈이 무엇인지 찾아보려한다", y(2023)),
            ("앞으로 나아가기", y(2023)),
            ("숫자 목표", y(2025)),
            ("Next.js로 블로그 옮기기", y(2025)),
            ("지난 Action Items", y(2024)),
            ("Action Item 점검", y(2024)),
        ] {
            assert!(!is_next_title(label, &p), "{label}");
        }
    }

    #[test]
    fn lead_sentences() {
        for (text, p) in [
            (
                "2024년 목표는 아래 9개이다. 내년에는 70% 이상의 달성률을 보여줬으면!!!",
                y(2023),
            ),
            (
                "24년의 목표\n개인적으로 24년의 목표는 다음과 같다.",
                y(2023),
            ),
            ("내년의 팀적 목표는 이렇다.", y(2023)),
            ("다음 주 계획은:", Period::Week(2026, 13)),
            ("My goals for 2026:", y(2025)),
            ("Plans for next year, in no order:", y(2025)),
        ] {
            assert!(is_lead(text, &p), "{text}");
        }
        for (text, p) in [
            (
                "회고와 계획을 시작하기 전에 작년에 세운 2023년 계획을 보면 좋다.",
                y(2023),
            ),
            (
                "이를 깨닫고 직접 실천해서 만들 수 있는 2024년이 되길 바란다. 정량적인 목표를 세우기 위해 매달 글을 쓴다.",
                y(2023),
            ),
            ("연초에 다음과 같은 목표를 세웠다.", y(2025)),
            ("개인화 추천 시스템을 구축하는 것이 목표였고", y(2023)),
            ("2024년은 좀 더 건강하게 살아야겠다.", y(2023)),
        ] {
            assert!(!is_lead(text, &p), "{text}");
        }
    }
}
