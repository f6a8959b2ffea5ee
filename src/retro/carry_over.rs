//! What a new retrospective carries over from the last ones (every retrospective of the last
//! period of its kind): their next goals, the goals they left unchecked, and the next goals
//! set the period before that they never reviewed, each once; the items of their Try
//! sections (or Longed for, Future action); and for each, how many periods in a row left it
//! unchecked. [`super::draft`] writes them out.
//!
//! Two goals of different lists are one when their normal forms match as the chain matches
//! goals ([`super::matching`]) and they hold the same numbers (`책 20권 읽기` is not `책 10권
//! 읽기`); two items of one list are always two goals.

use super::analyze::{Analysis, Goal};
use super::chain::{Status, carry};
use super::matching::{Key, THRESHOLD, similarity};

/// Sections whose items are what to try next: KPT's Try, 4L's Longed for, 5F's Future
/// action.
const TRY_LIKE: &[&str] = &["Try", "Longed for", "Future action"];

/// A goal carried into the new retrospective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carry {
    pub text: String,
    /// The retrospective it comes from, as a position in the chain.
    pub from: usize,
    /// In how many periods in a row, from the last one back, a retrospective left it an
    /// unchecked goal (0: a next goal set fresh), and the oldest of them (its position).
    pub times: usize,
    pub since: usize,
    /// Set in the period before the last, and reviewed by no retrospective of the last.
    pub not_reviewed: bool,
}

/// What the last retrospectives hand on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Their next goals, the goals they left unchecked, and the next goals set the period
    /// before that they never reviewed (each goal once).
    pub goals: Vec<Carry>,
    /// Their Try-like sections' items, and the first such section's name.
    pub tries: Vec<Carry>,
    pub try_section: Option<&'static str>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.goals.is_empty() && self.tries.is_empty()
    }
}

/// An earlier retrospective in the chain.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub analysis: &'a Analysis,
    /// How many periods back it is: 0 for the last period reviewed (every retrospective of
    /// that period is carried from), 1 for the one before, and so on.
    pub back: usize,
}

/// What to carry over from `chain`: the retrospectives of the kind, newest period first
/// (the ones before the last period tell how long a goal has stayed unchecked).
pub fn plan(chain: &[Source]) -> Plan {
    let last: Vec<(usize, &Analysis)> = at(chain, 0).collect();
    let try_items = |a: &Analysis| -> Vec<String> {
        a.sections
            .iter()
            .filter(|s| TRY_LIKE.contains(&s.name))
            .flat_map(|s| s.items.iter().cloned())
            .collect()
    };
    let mut out = Plan {
        try_section: last
            .iter()
            .find_map(|(_, a)| a.sections.iter().find(|s| TRY_LIKE.contains(&s.name)))
            .map(|s| s.name),
        ..Plan::default()
    };
    let mut seen: Vec<Seen> = Vec::new();
    let mut add = |list: &mut Vec<Carry>, text: &str, from: usize, role: u8, not_reviewed: bool| {
        let key = Key::new(text);
        if text.trim().is_empty() || !is_new(&mut seen, key.clone(), text, (from, role)) {
            return;
        }
        let (times, since) = unchecked_streak(chain, &key);
        list.push(Carry {
            text: text.to_string(),
            from,
            times,
            since,
            not_reviewed,
        });
    };
    for &(i, a) in &last {
        let tries = try_items(a);
        for goal in a.next_goals.iter().filter(|g| !tries.contains(g)) {
            add(&mut out.goals, goal, i, 0, false);
        }
    }
    for &(i, a) in &last {
        for item in try_items(a) {
            add(&mut out.tries, &item, i, 1, false);
        }
    }
    for &(i, a) in &last {
        for goal in a.goals.iter().filter(|g| !g.done) {
            add(&mut out.goals, &goal.text, i, 2, false);
        }
    }
    let goals: Vec<Goal> = last.iter().flat_map(|(_, a)| a.goals.clone()).collect();
    for (i, before) in at(chain, 1) {
        let reviewed = carry(&before.next_goals, &goals);
        for item in reviewed
            .items
            .iter()
            .filter(|i| i.status == Status::NotReviewed)
        {
            add(&mut out.goals, &item.text, i, 3, true);
        }
    }
    out
}

/// The retrospectives `back` periods back, with their positions.
fn at<'a>(chain: &'a [Source<'a>], back: usize) -> impl Iterator<Item = (usize, &'a Analysis)> {
    chain
        .iter()
        .enumerate()
        .filter(move |(_, s)| s.back == back)
        .map(|(i, s)| (i, s.analysis))
}

/// In how many periods of `chain`, from the last on without a gap, a retrospective has
/// `goal` as an unchecked goal; and the position of the oldest such retrospective.
fn unchecked_streak(chain: &[Source], goal: &Key) -> (usize, usize) {
    let mut since = 0;
    for back in 0.. {
        let found = at(chain, back).find(|(_, a)| {
            a.goals
                .iter()
                .any(|g| !g.done && similarity(&Key::new(&g.text), goal) >= THRESHOLD)
        });
        match found {
            Some((i, _)) => since = i,
            None => return (back, since),
        }
    }
    unreachable!("the loop returns")
}

/// A goal already carried, and the list it came from (a retrospective's position, and its
/// next goals, tries, unchecked goals or goals never reviewed).
struct Seen {
    key: Key,
    numbers: Vec<String>,
    list: (usize, u8),
    /// Whether it already stands for a goal of another list.
    matched: bool,
}

/// Whether a goal is one not carried yet. The same text is one goal; so is a goal of another
/// list much like one carried (a goal left unchecked and set again, a little edited), once
/// for each goal carried: two items of one list are two goals however alike.
fn is_new(seen: &mut Vec<Seen>, key: Key, text: &str, list: (usize, u8)) -> bool {
    let numbers = numbers(text);
    if seen.iter().any(|s| s.key.normal() == key.normal()) {
        return false;
    }
    if let Some(s) = seen.iter_mut().find(|s| {
        s.list != list
            && !s.matched
            && s.numbers == numbers
            && similarity(&s.key, &key) >= THRESHOLD
    }) {
        s.matched = true;
        return false;
    }
    seen.push(Seen {
        key,
        numbers,
        list,
        matched: false,
    });
    true
}

/// The numbers written in a goal: `책 20권` and `책 10권` are two goals however alike.
fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retro::analyze::analyze;
    use crate::retro::outline::of_markdown;
    use crate::retro::period::Period;

    fn analysis(md: &str, year: i16) -> Analysis {
        analyze(&of_markdown(md), &Period::Year(year), &[])
    }

    /// A chain of one retrospective per period, newest first.
    fn chain<'a>(list: &[&'a Analysis]) -> Vec<Source<'a>> {
        list.iter()
            .enumerate()
            .map(|(back, a)| Source { analysis: a, back })
            .collect()
    }

    #[test]
    fn next_goals_unchecked_goals_and_tries_each_once() {
        let before = analysis(
            "- [x] 책 10권\n- [ ] 매일 산책하기\n- [ ] 자격증 시험\n\n## 2025년 목표\n\n- 매일 산책하기\n- 블로그 10편\n",
            2024,
        );
        let last = analysis(
            "- [x] 블로그 10편\n- [ ] 매일 산책하기\n- [ ] 요가 배우기\n\n## Keep\n\n- 기록\n\n## Problem\n\n- 잠\n\n## Try\n\n- 매일 산책하기: 점심에\n- 일찍 자기\n\n## 2026년 목표\n\n- 책 20권\n- 요가 배우기\n",
            2025,
        );
        let p = plan(&chain(&[&last, &before]));
        let goals: Vec<(&str, usize, usize)> = p
            .goals
            .iter()
            .map(|c| (c.text.as_str(), c.from, c.times))
            .collect();
        // 2024's 블로그 10편 was reviewed in 2025 (achieved); nothing of it is left unreviewed.
        assert_eq!(goals, [("책 20권", 0, 0), ("요가 배우기", 0, 1)]);
        let tries: Vec<(&str, usize, usize)> = p
            .tries
            .iter()
            .map(|c| (c.text.as_str(), c.times, c.since))
            .collect();
        assert_eq!(tries, [("매일 산책하기", 2, 1), ("일찍 자기", 0, 0)]);
        assert_eq!(p.try_section, Some("Try"));
        assert_eq!(plan(&[]), Plan::default());
        // A goal set in 2024 that 2025 never mentions is carried, from 2024.
        let before = analysis("## 2025년 목표\n\n- 가계부 쓰기\n- 책 10권\n", 2024);
        let last = analysis("- [x] 책 10권\n", 2025);
        let p = plan(&chain(&[&last, &before]));
        assert_eq!(
            p.goals,
            [Carry {
                text: "가계부 쓰기".into(),
                from: 1,
                times: 0,
                since: 0,
                not_reviewed: true
            }]
        );
    }

    #[test]
    fn alike_items_of_one_list_are_two_goals() {
        let last = analysis(
            "## 2026년 목표\n\n- 팀원 모두가 무엇을 왜 하는지 이해하는 시스템 만들기\n- 팀원 모두가 어떻게 성장할지 아는 시스템 만들기\n- 팀원 모두가 무엇을 왜 하는지 이해하는 시스템 만들기\n",
            2025,
        );
        assert_eq!(plan(&chain(&[&last])).goals.len(), 2);
    }

    #[test]
    fn goals_with_other_numbers_are_other_goals() {
        let last = analysis(
            "- [ ] 블로그 글 30편 쓰기\n- [ ] 책 12권 읽기\n\n## 2026년 목표\n\n- 블로그 글 50편 쓰기\n- 책 12권 읽기 (소설 포함)\n",
            2025,
        );
        let p = plan(&chain(&[&last]));
        let goals: Vec<&str> = p.goals.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            goals,
            [
                "블로그 글 50편 쓰기",
                "책 12권 읽기 (소설 포함)",
                "블로그 글 30편 쓰기"
            ]
        );
    }

    #[test]
    fn every_retrospective_of_the_last_period_hands_on() {
        let before = analysis("## 2025년 목표\n\n- 가계부 쓰기\n- 책 10권\n", 2024);
        let a = analysis("- [x] 책 10권\n\n## 2026년 목표\n\n- 요가 배우기\n", 2025);
        let b = analysis(
            "## Keep\n\n- 기록\n\n## Problem\n\n- 잠\n\n## Try\n\n- 일찍 자기\n- 요가 배우기\n",
            2025,
        );
        let chain = [
            Source {
                analysis: &a,
                back: 0,
            },
            Source {
                analysis: &b,
                back: 0,
            },
            Source {
                analysis: &before,
                back: 1,
            },
        ];
        let p = plan(&chain);
        let goals: Vec<(&str, usize)> = p.goals.iter().map(|c| (c.text.as_str(), c.from)).collect();
        assert_eq!(goals, [("요가 배우기", 0), ("가계부 쓰기", 2)]);
        let tries: Vec<(&str, usize)> = p.tries.iter().map(|c| (c.text.as_str(), c.from)).collect();
        assert_eq!(tries, [("일찍 자기", 1)]);
    }
}
