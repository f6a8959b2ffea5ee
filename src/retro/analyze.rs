//! One walk over a retrospective's blocks: its goals (task-list items, grouped under their
//! headings), the result it states in prose, the next period's goals, and the sections of
//! the format it follows.
//!
//! Headings open sections until a heading of the same or a higher level. Short lines that
//! work as headings in posts pasted from elsewhere — a bracketed line (`< 24년도 계획 >`), a
//! section name on its own line or as a one-item list (`3) Try`) — open a section that takes
//! the first list after them. A lead sentence (`2024년 목표는 아래 9개이다.`) takes the list
//! that follows it, and a list item that is one (`다음 주 계획은:`) takes its nested items.

use std::collections::HashSet;

use super::next::{is_lead, is_next_title};
use super::outline::Block;
use super::period::Period;
use super::sections::{Format, choose_format, clean_label, section_of};
use super::spec::FrontGoal;
use super::stated::{self, Stated};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Goal {
    pub text: String,
    pub done: bool,
    /// The heading the goal is under (`None` for goals from front matter or before any heading).
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Section {
    pub format: Format,
    /// The format's name for it: `Try`, `Future action`.
    pub name: &'static str,
    /// The heading as written.
    pub heading: String,
    pub items: Vec<String>,
}

/// What a retrospective says, on its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Analysis {
    pub goals: Vec<Goal>,
    pub stated: Option<Stated>,
    pub next_goals: Vec<String>,
    pub sections: Vec<Section>,
    pub format: Option<Format>,
}

/// A heading, or a line used as one (level 7).
struct Label {
    level: u8,
    text: String,
}

const PSEUDO: u8 = 7;
/// Paragraphs a lead sentence or a pseudo-heading may stand before its list.
const MAX_PARAGRAPHS_BEFORE_LIST: u8 = 2;

#[derive(Debug)]
enum Role {
    Next,
    Format(&'static str, String),
}

#[derive(Debug)]
struct Open {
    level: u8,
    role: Role,
    /// For pseudo-headings: the one list taken, and paragraphs seen before it.
    list: Option<u32>,
    paragraphs: u8,
    /// Depth of the section's own items (deeper items are details).
    base: Option<u8>,
}

#[derive(Debug)]
struct Lead {
    list: Option<u32>,
    base: u8,
    paragraphs: u8,
}

/// A line written between brackets, as posts pasted from elsewhere mark headings:
/// `<커리어>`, `< 24년도 계획 >`, `[ FastAPI ]`, `【 공지 】` (`import text` reads them too).
pub(crate) fn bracketed(text: &str) -> bool {
    const PAIRS: &[(char, char)] = &[
        ('<', '>'),
        ('[', ']'),
        ('【', '】'),
        ('〈', '〉'),
        ('《', '》'),
        ('「', '」'),
        ('『', '』'),
    ];
    let t = text.trim();
    t.chars().count() > 2
        && PAIRS
            .iter()
            .any(|(a, b)| t.starts_with(*a) && t.ends_with(*b))
}

fn short_line(text: &str) -> bool {
    // 40 characters are at most 160 bytes: longer texts are rejected without counting.
    text.len() <= 160 && !text.contains('\n') && text.chars().count() <= 40
}

/// Whether a line reads as a sentence rather than a heading: `…달려보려 합니다!`.
fn sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['.', '!', '。']) || t.ends_with(['다', '요', '죠'])
}

/// Whether a short line is used as a heading.
fn is_label_text(text: &str, period: &Period) -> bool {
    if !short_line(text) {
        return false;
    }
    if bracketed(text) {
        return true;
    }
    if sentence(text) {
        return false;
    }
    let clean = clean_label(text);
    !clean.is_empty() && (section_of(&clean).is_some() || is_next_title(&clean, period))
}

/// The goal a line of text names: its first line, up to a colon when what comes before is
/// short (`블로깅을 열심히하기: 예전에는…` → `블로깅을 열심히하기`), else its first sentence
/// (`사이드 프로젝트를 공개한다. 부족한 기능은…` → `사이드 프로젝트를 공개한다`).
pub fn goal_text(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    let head = match line.split_once(": ") {
        Some((head, _)) if head.chars().count() <= 60 && !head.is_empty() => head,
        _ => match line.split_once(". ") {
            Some((head, _)) if head.chars().count() >= 8 => head,
            _ => line,
        },
    };
    let head = head.trim_end_matches([':', '：']).trim();
    if head.chars().count() > 200 {
        head.chars().take(200).collect::<String>() + "…"
    } else {
        head.to_string()
    }
}

pub fn analyze(blocks: &[Block], period: &Period, front_goals: &[FrontGoal]) -> Analysis {
    // Labels first: which blocks work as headings, and the format they add up to.
    let mut list_sizes: Vec<u32> = Vec::new();
    let mut has_children = vec![false; blocks.len()];
    for b in blocks {
        if let Block::Item { list, parent, .. } = b {
            let l = *list as usize;
            if list_sizes.len() <= l {
                list_sizes.resize(l + 1, 0);
            }
            list_sizes[l] += 1;
            if let Some(p) = parent
                && let Some(c) = has_children.get_mut(*p)
            {
                *c = true;
            }
        }
    }
    let labels: Vec<Option<Label>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b {
            Block::Heading { level, text } => Some(Label {
                level: *level,
                text: clean_label(text),
            }),
            Block::Paragraph {
                text,
                continuation: false,
            } if is_label_text(text, period) => Some(Label {
                level: PSEUDO,
                text: clean_label(text),
            }),
            Block::Item { list, text, .. }
                if list_sizes.get(*list as usize) == Some(&1)
                    && !has_children[i]
                    && is_label_text(text, period) =>
            {
                Some(Label {
                    level: PSEUDO,
                    text: clean_label(text),
                })
            }
            _ => None,
        })
        .collect();
    let found: Vec<_> = labels
        .iter()
        .flatten()
        .filter_map(|l| section_of(&l.text))
        .collect();
    let format = choose_format(&found);
    // A lead sentence introduces the list right after it: only paragraphs followed by a list
    // item are read for one.
    let list_ahead: Vec<bool> = (0..blocks.len())
        .map(|i| matches!(blocks.get(i + 1), Some(Block::Item { .. })))
        .collect();

    let mut out = Analysis {
        format,
        ..Analysis::default()
    };
    let mut stated_all = Vec::new();
    let mut next_seen: HashSet<String> = HashSet::new();
    let mut push_next = |out: &mut Analysis, text: &str| {
        let t = goal_text(text);
        if !t.is_empty() && !next_seen.contains(&t) {
            next_seen.insert(t.clone());
            out.next_goals.push(t);
        }
    };
    let mut open: Vec<Open> = Vec::new();
    let mut heading: Option<String> = None;
    let mut lead: Option<Lead> = None;
    let mut lead_items: HashSet<usize> = HashSet::new();

    for (i, block) in blocks.iter().enumerate() {
        if let Some(label) = &labels[i] {
            open.retain(|o| o.level < label.level);
            lead = None;
            let heading_text = match block {
                Block::Heading { text, .. } => {
                    stated_all.extend(stated::find_all(text));
                    text.clone()
                }
                _ => label.text.clone(),
            };
            heading = Some(heading_text.clone());
            let role = match section_of(&label.text) {
                Some((f, name, _)) if Some(f) == format => Some(Role::Format(name, heading_text)),
                _ if is_next_title(&label.text, period) => Some(Role::Next),
                _ => None,
            };
            if let Some(role) = role {
                open.push(Open {
                    level: label.level,
                    role,
                    list: None,
                    paragraphs: 0,
                    base: None,
                });
            }
            continue;
        }
        match block {
            Block::Heading { .. } => {}
            Block::Paragraph {
                text,
                continuation: true,
            } => {
                // Inside a list: it neither ends the list's lead nor counts as a paragraph
                // before one, but may introduce the items after it (`24년의 목표` pasted
                // straight after the last item of another list).
                stated_all.extend(stated::find_all(text));
                let introduces = list_ahead[i]
                    && (is_lead(text, period)
                        || text.lines().any(|l| {
                            is_label_text(l, period) && is_next_title(&clean_label(l), period)
                        }));
                if introduces {
                    lead = Some(Lead {
                        list: None,
                        base: 0,
                        paragraphs: 0,
                    });
                } else if text.lines().nth(1).is_some()
                    && lead.as_ref().is_some_and(|l| l.list.is_some())
                {
                    // Lines of prose after the list's items (a pasted heading and its text).
                    lead = None;
                }
            }
            Block::Paragraph { text, .. } => {
                stated_all.extend(stated::find_all(text));
                lead = match lead.take() {
                    _ if list_ahead[i] && is_lead(text, period) => Some(Lead {
                        list: None,
                        base: 0,
                        paragraphs: 0,
                    }),
                    Some(l) if l.list.is_none() && l.paragraphs < MAX_PARAGRAPHS_BEFORE_LIST => {
                        Some(Lead {
                            paragraphs: l.paragraphs + 1,
                            ..l
                        })
                    }
                    _ => None,
                };
                open.retain_mut(|o| {
                    if o.level == PSEUDO && o.list.is_none() {
                        o.paragraphs += 1;
                        o.paragraphs <= MAX_PARAGRAPHS_BEFORE_LIST + 1
                    } else {
                        true
                    }
                });
            }
            Block::Item {
                list,
                depth,
                parent,
                task,
                text,
            } => {
                let (list, depth) = (*list, *depth);
                // Nested under a lead item (`다음 주 계획은:`).
                if let Some(p) = parent
                    && lead_items.contains(p)
                {
                    if let Some(Block::Item { depth: pd, .. }) = blocks.get(*p)
                        && depth == pd + 1
                    {
                        push_next(&mut out, text);
                    }
                    continue;
                }
                // The list after a lead sentence.
                if let Some(l) = &mut lead {
                    match l.list {
                        None => {
                            l.list = Some(list);
                            l.base = depth;
                        }
                        Some(taken) if taken != list && depth <= l.base => lead = None,
                        _ => {}
                    }
                }
                if let Some(l) = &lead {
                    if depth == l.base {
                        push_next(&mut out, text);
                    }
                    continue;
                }
                // The innermost open section that takes this item.
                let mut role: Option<&Role> = None;
                while let Some(o) = open.last_mut() {
                    if o.level == PSEUDO {
                        match o.list {
                            None => o.list = Some(list),
                            Some(taken) if taken != list && o.base.is_some_and(|b| depth <= b) => {
                                open.pop();
                                continue;
                            }
                            _ => {}
                        }
                    }
                    break;
                }
                if let Some(o) = open.last_mut() {
                    let base = *o.base.get_or_insert(depth);
                    if depth == base {
                        role = Some(&o.role);
                    } else if depth > base {
                        // A detail of a section item.
                        continue;
                    }
                }
                match role {
                    Some(Role::Next) => push_next(&mut out, text),
                    Some(Role::Format(name, heading_text)) => {
                        let f = format.unwrap_or(Format::Kpt);
                        let item = goal_text(text);
                        match out.sections.iter_mut().find(|s| s.name == *name) {
                            Some(s) => s.items.push(item),
                            None => out.sections.push(Section {
                                format: f,
                                name,
                                heading: heading_text.clone(),
                                items: vec![item],
                            }),
                        }
                        if f.is_next(name) {
                            push_next(&mut out, text);
                        }
                    }
                    None => match task {
                        Some(done) => out.goals.push(Goal {
                            text: goal_text(text),
                            done: *done,
                            section: heading.clone(),
                        }),
                        None if has_children[i] => {
                            // `다음 주 계획은:` introduces its nested items; a title would
                            // be a short line.
                            let title = short_line(text)
                                && !sentence(text)
                                && is_next_title(&clean_label(text), period);
                            if title || is_lead(text, period) {
                                lead_items.insert(i);
                            }
                        }
                        None => {}
                    },
                }
            }
        }
    }
    out.goals.extend(front_goals.iter().map(|g| Goal {
        text: g.text.clone(),
        done: g.done,
        section: None,
    }));
    out.stated = stated::best(&stated_all);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retro::outline::of_markdown;

    fn run(md: &str, period: Period) -> Analysis {
        analyze(&of_markdown(md), &period, &[])
    }

    #[test]
    fn task_lists_are_goals_under_their_headings() {
        let a = run(
            "## 일\n\n- [x] 발표 한 번\n- [ ] 이직 준비\n\n## 생활\n\n- [x] 달리기\n  - [x] 10km 완주\n",
            Period::Year(2025),
        );
        let goals: Vec<_> = a
            .goals
            .iter()
            .map(|g| (g.text.as_str(), g.done, g.section.as_deref()))
            .collect();
        assert_eq!(
            goals,
            [
                ("발표 한 번", true, Some("일")),
                ("이직 준비", false, Some("일")),
                ("달리기", true, Some("생활")),
                ("10km 완주", true, Some("생활")),
            ]
        );
        assert!(a.next_goals.is_empty() && a.sections.is_empty() && a.stated.is_none());
    }

    #[test]
    fn next_goals_from_a_heading_even_as_tasks() {
        let a = run(
            "## 올해 목표\n\n- [x] 책 12권\n\n## 2026년 목표\n\n- [ ] 책 20권\n- [ ] 마라톤\n\n### 세부\n\n1. 매달 두 권\n\n## 마치며\n\n- 고마운 사람들\n",
            Period::Year(2025),
        );
        assert_eq!(a.goals.len(), 1);
        assert_eq!(a.next_goals, ["책 20권", "마라톤", "매달 두 권"]);
    }

    #[test]
    fn a_lead_sentence_takes_the_list_after_it() {
        let a = run(
            "2023년 계획은 10개 중 6개를 달성했다.\n\n- 지난 목표 하나\n- 지난 목표 둘\n\n2024년 목표는 아래 3개이다. 70%는 넘기자.\n\n1. 논문\n2. 앱 출시\n   - 세부 항목\n3. 책 12권 읽기\n\n다른 목록:\n\n- 딴 얘기\n",
            Period::Year(2023),
        );
        assert_eq!(a.stated, Some(Stated { done: 6, total: 10 }));
        assert_eq!(a.next_goals, ["논문", "앱 출시", "책 12권 읽기"]);
        assert!(a.goals.is_empty());
    }

    #[test]
    fn bracketed_lines_work_as_headings() {
        let a = run(
            "< 올해 산 것 >\n\n- 자전거\n\n< 24년도 계획 >\n\n다시 나를 채우는 한 해.\n\n- 수영 자격증\n- 뉴질랜드 여행\n\n모두 큰 목표다.\n\n< 그 밖의 다짐들 >\n\n- 요리\n",
            Period::Year(2023),
        );
        assert_eq!(a.next_goals, ["수영 자격증", "뉴질랜드 여행"]);
    }

    #[test]
    fn kpt_as_headings_or_one_item_lists() {
        for md in [
            "## Keep\n\n- 기록\n\n## Problem\n\n- 수면\n\n## Try\n\n- 일찍 자기\n- 운동: 주 3회\n",
            "1) Keep\n\n  1. 기록\n\n2) Problem\n\n  1. 수면\n\n3) Try\n\n  1. 일찍 자기\n  2. 운동: 주 3회\n\n마무리 문단.\n\n- 끝의 목록\n",
        ] {
            let a = run(md, Period::Year(2025));
            assert_eq!(a.format, Some(Format::Kpt), "{md}");
            let names: Vec<_> = a.sections.iter().map(|s| (s.name, s.items.len())).collect();
            assert_eq!(names, [("Keep", 1), ("Problem", 1), ("Try", 2)], "{md}");
            assert_eq!(a.next_goals, ["일찍 자기", "운동"], "{md}");
        }
    }

    #[test]
    fn five_f_with_glosses_and_emoji() {
        let a = run(
            "## 📌 Fact(사실)\n\n- 이사\n\n## 💭 Feeling(느낌)\n\n- 설렘\n\n## 💡 Finding(깨달음)\n\n- 짐이 많다\n\n## 🎯 Future action(향후 행동)\n\n- 짐 줄이기\n\n## 🗣 Feedback(피드백)\n\n- 없음\n",
            Period::Month(2026, 2),
        );
        assert_eq!(a.format, Some(Format::FiveF));
        assert_eq!(a.sections.len(), 5);
        assert_eq!(a.sections[3].heading, "🎯 Future action(향후 행동)");
        assert_eq!(a.next_goals, ["짐 줄이기"]);
    }

    #[test]
    fn a_lead_item_takes_its_nested_items() {
        let a = run(
            "- 이번 주에 한 일\n  - 배포\n- 다음 주 계획은:\n  - 운동 세 번\n  - 책 한 권\n",
            Period::Week(2026, 13),
        );
        assert_eq!(a.next_goals, ["운동 세 번", "책 한 권"]);
    }

    #[test]
    fn four_l_in_korean_needs_three_sections() {
        let a = run(
            "## 좋았던 점\n\n- 팀\n\n## 배운 점\n\n- Rust\n\n## 아쉬운 점\n\n- 잠\n",
            Period::Year(2025),
        );
        assert_eq!(a.format, Some(Format::FourL));
        let a = run(
            "## 배운 점\n\n- Rust\n\n## 아쉬운 점\n\n- 잠\n",
            Period::Year(2025),
        );
        assert_eq!(a.format, None);
        assert!(a.sections.is_empty());
    }

    #[test]
    fn front_matter_goals_are_added() {
        let front = [FrontGoal {
            text: "하프 마라톤".into(),
            done: true,
        }];
        let a = analyze(&of_markdown("- [ ] 책\n"), &Period::Year(2025), &front);
        assert_eq!(a.goals.len(), 2);
        assert!(a.goals[1].done && a.goals[1].section.is_none());
    }

    #[test]
    fn goal_text_is_the_head_of_the_line() {
        assert_eq!(
            goal_text("블로깅을 열심히하기: 예전에는 블로깅을"),
            "블로깅을 열심히하기"
        );
        assert_eq!(goal_text("다음 주 계획은:"), "다음 주 계획은");
        assert_eq!(goal_text("시간: 오전 7시에 일어나서 달리기"), "시간");
        assert_eq!(
            goal_text("사이드 프로젝트는 1분기 안에 공개한다. 부족한 기능은 나중에."),
            "사이드 프로젝트는 1분기 안에 공개한다"
        );
        assert_eq!(goal_text("Ship v1. Then rest."), "Ship v1. Then rest.");
        assert_eq!(goal_text(&"가".repeat(300)).chars().count(), 201);
    }
}
