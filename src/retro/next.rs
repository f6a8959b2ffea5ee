//! Plans for the period after the one reviewed: headings (`2026년 목표`, `24년의 목표`,
//! `내년 계획`, `< 24년도 계획 >`, `Goals for 2026`, `Next year`) and lead sentences
//! (`2024년 목표는 아래 9개이다.`, `다음 주 계획은:`).

use super::forms;
use super::period::Period;

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

/// Whether a heading or label (already cleaned) announces the next period's goals.
pub fn is_next_title(label: &str, period: &Period) -> bool {
    let lower = label.to_lowercase();
    if lower.chars().count() > 40 {
        return false;
    }
    if NEXT_HEADINGS.iter().any(|h| lower.starts_with(h)) {
        return true;
    }
    let goal = GOAL_WORDS.iter().any(|g| lower.contains(g));
    let mut rest = lower.clone();
    let mut time = false;
    for m in TIME_MARKERS
        .iter()
        .map(|s| s.to_string())
        .chain(relative_markers(period))
    {
        if rest.contains(&m) {
            time = true;
            rest = rest.replace(&m, " ");
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

/// Whether a sentence of a paragraph introduces the next period's goals: a marker right
/// before a goal word (`2024년 목표는 아래 9개이다`, `24년의 목표는 다음과 같다`,
/// `다음 주 계획은:`), or a goal word `for` the next period (`my goals for 2026:`).
pub fn is_lead(text: &str, period: &Period) -> bool {
    let lower = text.to_lowercase();
    if !GOAL_WORDS.iter().any(|g| lower.contains(g)) {
        return false;
    }
    let relative = relative_markers(period);
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
            let after = after.trim_start_matches(|c: char| c.is_alphabetic() && c.is_ascii());
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
