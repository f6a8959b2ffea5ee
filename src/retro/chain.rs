//! Retrospectives of one kind, one after another: each knows the one before and after it,
//! and checks last time's next goals against its own goals — achieved, not achieved, or not
//! reviewed at all.

use std::cmp::Ordering;

use super::analyze::Goal;
use super::matching::{Key, assign};
use super::period::{Kind, Period};

/// One retrospective as the chain orders it.
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    pub period: &'a Period,
    /// Tie-breakers for retrospectives of the same period: when written, then the file.
    pub written: Option<jiff::Timestamp>,
    pub source: &'a std::path::Path,
}

/// For each entry, the positions (in `entries`) of the previous and next retrospective of
/// its kind. Projects have no period and are not chained.
pub fn neighbours(entries: &[Link]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = vec![(None, None); entries.len()];
    // Each period's place in time once, not twice in every comparison: it is a date.
    let starts: Vec<(i32, String)> = entries.iter().map(|e| e.period.order()).collect();
    for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::Project) {
        let mut of_kind: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].period.kind() == kind)
            .collect();
        // A stable sort: the entries come nearly in order, which it finds and uses.
        of_kind.sort_by(|&a, &b| {
            starts[a]
                .cmp(&starts[b])
                .then_with(|| tie_break(&entries[a], &entries[b]))
        });
        for (pos, &i) in of_kind.iter().enumerate() {
            let prev = pos.checked_sub(1).map(|p| of_kind[p]);
            let next = of_kind.get(pos + 1).copied();
            out[i] = (prev, next);
        }
    }
    out
}

/// Retrospectives of the same period: the one written first, then by file.
fn tie_break(a: &Link, b: &Link) -> Ordering {
    a.written
        .cmp(&b.written)
        // Bytes, not path components: a tie-break, and sorting thousands of retrospectives
        // compares many.
        .then_with(|| {
            a.source
                .as_os_str()
                .as_encoded_bytes()
                .cmp(b.source.as_os_str().as_encoded_bytes())
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Achieved,
    NotAchieved,
    NotReviewed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::NotAchieved => "not_achieved",
            Status::NotReviewed => "not_reviewed",
        }
    }
}

/// One of last time's next goals, as this retrospective reviewed it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CarriedGoal {
    pub text: String,
    pub status: Status,
    /// This retrospective's goal it was matched with.
    pub goal: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Carried {
    pub items: Vec<CarriedGoal>,
    pub total: usize,
    pub reviewed: usize,
    pub achieved: usize,
}

/// Last time's next goals against this time's goals.
pub fn carry(next_goals: &[String], goals: &[Goal]) -> Carried {
    let wanted: Vec<Key> = next_goals.iter().map(|g| Key::new(g)).collect();
    let found: Vec<Key> = goals.iter().map(|g| Key::new(&g.text)).collect();
    let pairs = assign(&wanted, &found);
    let items: Vec<CarriedGoal> = next_goals
        .iter()
        .zip(pairs)
        .map(|(text, m)| {
            let goal = m.and_then(|j| goals.get(j));
            CarriedGoal {
                text: text.clone(),
                status: match goal {
                    Some(g) if g.done => Status::Achieved,
                    Some(_) => Status::NotAchieved,
                    None => Status::NotReviewed,
                },
                goal: goal.map(|g| g.text.clone()),
            }
        })
        .collect();
    Carried {
        total: items.len(),
        reviewed: items
            .iter()
            .filter(|i| i.status != Status::NotReviewed)
            .count(),
        achieved: items
            .iter()
            .filter(|i| i.status == Status::Achieved)
            .count(),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn goal(text: &str, done: bool) -> Goal {
        Goal {
            text: text.into(),
            done,
            section: None,
        }
    }

    #[test]
    fn chains_follow_periods_within_a_kind() {
        let periods: Vec<Period> = ["2025", "2024-H1", "2023", "2024", "2024-H2"]
            .iter()
            .map(|k| Period::parse(k).unwrap())
            .chain([Period::Project(None)])
            .collect();
        let links: Vec<Link> = periods
            .iter()
            .map(|p| Link {
                period: p,
                written: None,
                source: Path::new("a.md"),
            })
            .collect();
        let n = neighbours(&links);
        assert_eq!(n[2], (None, Some(3))); // 2023 → 2024
        assert_eq!(n[3], (Some(2), Some(0))); // 2024 between 2023 and 2025
        assert_eq!(n[0], (Some(3), None));
        assert_eq!(n[1], (None, Some(4))); // halves chain on their own
        assert_eq!(n[5], (None, None)); // a project
    }

    #[test]
    fn carried_goals_are_achieved_not_achieved_or_not_reviewed() {
        let next = vec![
            "한 달에 두 편 이상 글 쓰기".to_string(),
            "일주일에 세 번 달리기".to_string(),
            "오픈소스에 첫 기여 해 보기".to_string(),
        ];
        let goals = vec![
            goal("한 달에 두 편 이상 블로그 글 쓰기", true),
            goal("일주일에 세 번씩 달리기", false),
            goal("책 20권 읽기", true),
        ];
        let c = carry(&next, &goals);
        let statuses: Vec<Status> = c.items.iter().map(|i| i.status).collect();
        assert_eq!(
            statuses,
            [Status::Achieved, Status::NotAchieved, Status::NotReviewed]
        );
        assert_eq!((c.total, c.reviewed, c.achieved), (3, 2, 1));
        assert_eq!(c.items[1].goal.as_deref(), Some("일주일에 세 번씩 달리기"));
        assert_eq!(carry(&[], &goals), Carried::default());
    }
}
