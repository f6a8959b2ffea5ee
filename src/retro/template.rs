//! The sections of each template a new retrospective starts with, a one-line prompt under
//! each, in Korean or English (the sentences are in [`super::draft_texts`]). Section headings are the ones [`super::sections`] and [`super::next`]
//! recognise, so the finished post is read back as the format it started as.

pub use super::draft_texts::{Texts, texts};
use super::period::Kind;
use super::sections::Format;

/// The sections a new retrospective starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// This period's goals, what went well, what did not, the next period's goals.
    Goals,
    Kpt,
    FourL,
    FiveF,
}

impl Template {
    /// The template of a retrospective written in `format`: goals for none (and for AAR).
    pub fn of_format(format: Option<Format>) -> Template {
        match format {
            Some(Format::Kpt) => Template::Kpt,
            Some(Format::FourL) => Template::FourL,
            Some(Format::FiveF) => Template::FiveF,
            _ => Template::Goals,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Template::Goals => "goals",
            Template::Kpt => "kpt",
            Template::FourL => "4l",
            Template::FiveF => "5f",
        }
    }
}

/// A heading and the prompt under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub prompt: String,
}

/// The period being written about, the one before it and the one after, in words
/// (`올해`, `작년`, `내년`), and the heading of the next period's goals.
pub struct Words {
    pub this: &'static str,
    pub last: &'static str,
    pub next: &'static str,
    pub next_goals: &'static str,
}

pub fn words(kind: Kind, korean: bool) -> Words {
    let (this, last, next, next_goals) = match (kind, korean) {
        (Kind::Half, true) => ("이번 반기", "지난 반기", "다음 반기", "다음 반기 목표"),
        (Kind::Quarter, true) => ("이번 분기", "지난 분기", "다음 분기", "다음 분기 목표"),
        (Kind::Month, true) => ("이번 달", "지난달", "다음 달", "다음 달 목표"),
        (Kind::Week, true) => ("이번 주", "지난주", "다음 주", "다음 주 목표"),
        (Kind::Day, true) => ("오늘", "어제", "내일", "다음 목표"),
        (_, true) => ("올해", "작년", "내년", "내년 목표"),
        (Kind::Half, false) => ("this half", "last half", "next half", "Goals for next half"),
        (Kind::Quarter, false) => (
            "this quarter",
            "last quarter",
            "next quarter",
            "Goals for next quarter",
        ),
        (Kind::Month, false) => (
            "this month",
            "last month",
            "next month",
            "Goals for next month",
        ),
        (Kind::Week, false) => ("this week", "last week", "next week", "Goals for next week"),
        (Kind::Day, false) => ("today", "yesterday", "tomorrow", "Next goals"),
        (_, false) => ("this year", "last year", "next year", "Goals for next year"),
    };
    Words {
        this,
        last,
        next,
        next_goals,
    }
}

fn fill(text: &str, key: &str, value: &str) -> String {
    text.replace(&format!("{{{key}}}"), value)
}

/// The template's sections for a retrospective of `kind`. `carried`: the goals carried
/// over are listed above them (the goals template's first prompt then asks for the rest).
pub fn sections(template: Template, kind: Kind, korean: bool, carried: bool) -> Vec<Section> {
    let t = texts(korean);
    let w = words(kind, korean);
    let pairs: Vec<(String, String)> = match template {
        Template::Goals => vec![
            (
                fill(t.this_goals, "this", w.this),
                if carried {
                    t.this_goals_prompt_more.to_string()
                } else {
                    fill(t.this_goals_prompt, "this", w.this)
                },
            ),
            (t.went_well.0.into(), t.went_well.1.into()),
            (t.went_badly.0.into(), t.went_badly.1.into()),
            (
                w.next_goals.into(),
                fill(t.next_goals_prompt, "next", w.next),
            ),
        ],
        Template::Kpt => owned(&t.kpt),
        Template::FourL => owned(&t.four_l),
        Template::FiveF => owned(&t.five_f),
    };
    pairs
        .into_iter()
        .map(|(heading, prompt)| Section { heading, prompt })
        .collect()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(h, p)| (h.to_string(), p.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retro::next::is_next_title;
    use crate::retro::period::Period;
    use crate::retro::sections::{choose_format, clean_label, section_of};

    #[test]
    fn the_analyzer_reads_every_template_as_written() {
        for korean in [true, false] {
            for (template, format) in [
                (Template::Kpt, Format::Kpt),
                (Template::FourL, Format::FourL),
                (Template::FiveF, Format::FiveF),
            ] {
                let found: Vec<_> = sections(template, Kind::Year, korean, false)
                    .iter()
                    .filter_map(|s| section_of(&clean_label(&s.heading)))
                    .collect();
                assert_eq!(
                    found.len(),
                    sections(template, Kind::Year, korean, false).len()
                );
                assert_eq!(choose_format(&found), Some(format));
                assert_eq!(Template::of_format(Some(format)), template);
            }
        }
    }

    #[test]
    fn the_goals_template_ends_with_next_goals_for_every_kind() {
        let periods = [
            Period::Year(2025),
            Period::Half(2025, 2),
            Period::Quarter(2025, 4),
            Period::Month(2025, 12),
            Period::Week(2025, 50),
            Period::Day(jiff::civil::Date::constant(2025, 12, 31)),
        ];
        for korean in [true, false] {
            for p in &periods {
                let s = sections(Template::Goals, p.kind(), korean, true);
                let headings: Vec<&str> = s.iter().map(|s| s.heading.as_str()).collect();
                // Only the last is a next-goals heading; none is a format section.
                let next: Vec<bool> = headings
                    .iter()
                    .map(|h| is_next_title(&clean_label(h), p))
                    .collect();
                assert_eq!(next, [false, false, false, true], "{headings:?}");
                assert!(
                    headings
                        .iter()
                        .all(|h| section_of(&clean_label(h)).is_none())
                );
            }
        }
        let ko = sections(Template::Goals, Kind::Year, true, false);
        let headings: Vec<&str> = ko.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            ["올해의 목표 점검", "잘한 것", "아쉬운 것", "내년 목표"]
        );
    }
}
