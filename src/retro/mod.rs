//! Retrospectives as first-class content. A post is a retrospective when its front matter,
//! title, tags or opening say so ([`detect`]); for those, the renderer's walk over the
//! Markdown also collects an [`outline`], which [`analyze`] turns into goals, a stated
//! result, next goals and format sections. Across the site, [`index`] chains retrospectives
//! of one kind by period, checks last time's next goals against this time's goals, and sums
//! up every year in numbers.
//!
//! The pipeline calls in three places: front matter reads `retro:`/`goals:` with [`spec`],
//! `site::Site::render_markdown` detects and analyzes each post as it renders it, and
//! `site::Site` builds the [`Index`] once pages are rendered.
//!
//! [`carry_over`] chooses what a new retrospective takes from the last ones and [`draft`]
//! (with [`draft_numbers`] and the sections of [`template`]) writes it: `hoego new --retro`.

pub mod analyze;
pub mod carry_over;
pub mod chain;
pub mod detect;
pub mod draft;
pub mod draft_numbers;
pub mod draft_texts;
pub mod forms;
pub mod index;
pub mod matching;
pub mod next;
pub mod outline;
pub mod period;
pub mod sections;
pub mod spec;
pub mod stated;
pub mod template;
#[cfg(test)]
mod title_cases;
pub(crate) mod words;
pub mod years;

pub use analyze::{Analysis, Goal, Section};
pub use detect::{Detected, Post, Source, detect};
pub use index::Index;
pub use outline::Collector;
pub use period::{Kind, Period};
pub use spec::{FrontGoal, Spec};
pub use stated::Stated;

/// What a retrospective post is: its period, how it was recognised, and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageRetro {
    pub period: Period,
    pub source: Source,
    pub analysis: Analysis,
}

/// Where a retrospective's goal count comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Task-list items and front matter `goals:`.
    Items,
    /// A result written in prose (`10개 중 6개를 달성`), the post having no task list.
    Stated,
    None,
}

impl Counted {
    pub fn as_str(self) -> &'static str {
        match self {
            Counted::Items => "items",
            Counted::Stated => "stated",
            Counted::None => "none",
        }
    }
}

impl PageRetro {
    /// Analyzes a detected retrospective from the blocks its rendering collected.
    pub fn new(
        detected: Detected,
        collector: Collector<'_>,
        front_goals: &[FrontGoal],
    ) -> PageRetro {
        let blocks = collector.finish();
        let analysis = analyze::analyze(&blocks, &detected.period, front_goals);
        PageRetro {
            period: detected.period,
            source: detected.source,
            analysis,
        }
    }

    /// Goals achieved and set: from the goal items, else from the stated result.
    pub fn done_total(&self) -> (usize, usize, Counted) {
        let goals = &self.analysis.goals;
        if !goals.is_empty() {
            let done = goals.iter().filter(|g| g.done).count();
            return (done, goals.len(), Counted::Items);
        }
        match self.analysis.stated {
            Some(s) => (s.done as usize, s.total as usize, Counted::Stated),
            None => (0, 0, Counted::None),
        }
    }
}

/// A whole percentage, rounded half up; `None` when nothing was counted.
pub fn percent(done: usize, total: usize) -> Option<u32> {
    (total > 0).then(|| ((done * 200 + total) / (total * 2)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random text made of Markdown syntax, numbers, Hangul and the analyzer's keywords: no
    /// input may make it panic.
    #[test]
    fn garbage_in_no_panic() {
        const PIECES: &[&str] = &[
            "- ",
            "* ",
            "1. ",
            "1) ",
            "  ",
            "    ",
            "\n",
            "\n\n",
            "# ",
            "## ",
            "> ",
            "- [x] ",
            "- [ ] ",
            "[",
            "]",
            "<",
            ">",
            "(",
            ")",
            "`",
            "```",
            "|",
            "---",
            ":",
            ".",
            "!",
            "?",
            "/",
            "'",
            "’",
            "•",
            "년",
            "월",
            "주차",
            "분기",
            "상반기",
            "회고",
            "회고록",
            "목표",
            "계획",
            "내년",
            "다음 주",
            "중",
            "개",
            "가지",
            "여덟",
            "열두",
            "Keep",
            "Try",
            "Future action",
            "of",
            "2023",
            "24",
            "26/02",
            "2025-W14",
            "2025-13",
            "9999",
            "0",
            "12",
            "🎯",
            "\u{0}",
            "é",
            "가",
            "retrospective",
            "Q3",
            "H1",
            "March",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let date = jiff::civil::Date::constant(2025, 12, 31);
        for _ in 0..3000 {
            let len = (next() % 60) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let blocks = outline::of_markdown(&text);
            for period in [
                Period::Year(2025),
                Period::Week(2026, 1),
                Period::Project(None),
            ] {
                let _ = analyze::analyze(&blocks, &period, &[]);
            }
            let _ = detect::title_verdict(&text, Some(date));
            let _ = detect::opening_period(&text, "", Some(date));
            let _ = stated::find_all(&text);
            let _ = forms::periods_in(&text, Some(Kind::Month), Some(date));
            let _ = matching::normalize(&text);
            let _ = sections::clean_label(&text);
            let _ = Period::parse(&text);
        }
    }

    #[test]
    fn percent_rounds_half_up() {
        assert_eq!(percent(5, 8), Some(63));
        assert_eq!(percent(6, 10), Some(60));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(3, 3), Some(100));
    }
}
