//! The Markdown of a new retrospective that starts where the last one left off: what
//! [`super::carry_over`] chose — next goals, goals left unchecked, goals never reviewed — as
//! task items to check off, each linking back to the retrospective it came from (and marked
//! when it has now been left unchecked two periods running); the items of its Try section
//! (or Longed for, Future action); the period in numbers ([`super::draft_numbers`]); and the
//! template's sections. Nothing here reads the disk: `commands::retro_new` finds the
//! retrospectives and writes the file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::carry_over::{Carry, Plan};
use super::period::Period;
use super::template::{self, Template, Texts};
use super::years::Year;
use crate::i18n;
use crate::markdown::plain::inline;

/// An earlier retrospective as the new one links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    /// `2025년 회고`.
    pub name: String,
    /// The link's destination: the post's Markdown file, relative to the new one.
    pub link: String,
    /// How many periods back it is (0: the last period reviewed).
    pub back: usize,
}

impl Earlier {
    fn markdown(&self) -> String {
        let mut links = 0;
        format!("[{}]({})", inline(&self.name, &mut links), self.link)
    }
}

/// A post among the period's longest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Longest {
    pub title: String,
    pub link: String,
    pub words: usize,
}

/// Everything the new retrospective is written from.
pub struct Draft<'a> {
    pub language: &'a str,
    /// The site's labels (`[labels]` applied): numbers' names and units.
    pub labels: &'a BTreeMap<String, String>,
    pub period: &'a Period,
    pub template: Template,
    /// The retrospectives of the kind before this one, newest first (the chain of
    /// [`super::carry_over::plan`]); empty when there is none.
    pub earlier: &'a [Earlier],
    /// Whether the last ones are of the period just before this one.
    pub follows: bool,
    pub plan: &'a Plan,
    /// The period's posts in numbers (`None` without any), and its longest posts.
    pub numbers: Option<&'a Year>,
    pub longest: &'a [Longest],
}

impl Draft<'_> {
    pub(super) fn korean(&self) -> bool {
        i18n::is_korean(self.language)
    }

    pub(super) fn label(&self, key: &str) -> &str {
        self.labels.get(key).map_or("", String::as_str)
    }

    pub(super) fn period_label(&self) -> String {
        self.period.label(self.labels, self.language)
    }
}

/// The title: `2025년 회고`, `2025 H2 Retrospective`.
pub fn title(period: &Period, labels: &BTreeMap<String, String>, language: &str) -> String {
    let t = template::texts(i18n::is_korean(language));
    t.title.replace("{period}", &period.label(labels, language))
}

/// The tag a new retrospective gets.
pub fn tag(language: &str) -> &'static str {
    template::texts(i18n::is_korean(language)).tag
}

/// The Markdown body of the new retrospective.
pub fn body(d: &Draft) -> String {
    let t = template::texts(d.korean());
    let mut out = String::new();
    if !d.earlier.is_empty() {
        review(&mut out, d, t);
    }
    super::draft_numbers::write(&mut out, d, t);
    let carried = !d.plan.goals.is_empty();
    for s in template::sections(d.template, d.period.kind(), d.korean(), carried) {
        let _ = write!(out, "## {}\n\n{}\n\n", s.heading, s.prompt);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Links to the retrospectives of the last period that `items` come from (all of that
/// period when none does): `[2025년 회고](…)`.
fn lasts(d: &Draft, items: &[Carry]) -> String {
    let of_period = |all: bool| -> Vec<String> {
        d.earlier
            .iter()
            .enumerate()
            .filter(|(i, e)| e.back == 0 && (all || items.iter().any(|c| c.from == *i)))
            .map(|(_, e)| e.markdown())
            .collect()
    };
    let links = of_period(false);
    if links.is_empty() {
        of_period(true)
    } else {
        links
    }
    .join(", ")
}

fn review(out: &mut String, d: &Draft, t: &Texts) {
    let words = template::words(d.period.kind(), d.korean());
    let heading = if d.follows {
        t.review.replace("{last}", words.last)
    } else {
        t.review_older.to_string()
    };
    let _ = write!(out, "## {heading}\n\n");
    if d.plan.is_empty() {
        let _ = write!(
            out,
            "{}\n\n",
            t.review_empty.replace("{link}", &lasts(d, &[]))
        );
        return;
    }
    if !d.plan.goals.is_empty() {
        let _ = write!(
            out,
            "{}\n\n",
            t.review_intro.replace("{link}", &lasts(d, &d.plan.goals))
        );
        tasks(out, d, t, &d.plan.goals);
    }
    if let Some(section) = d.plan.try_section.filter(|_| !d.plan.tries.is_empty()) {
        let _ = write!(
            out,
            "### {}\n\n{}\n\n",
            t.tries.replace("{section}", section),
            t.tries_intro.replace("{link}", &lasts(d, &d.plan.tries))
        );
        tasks(out, d, t, &d.plan.tries);
    }
}

/// Carried goals as unchecked task items, each with a second line saying where it comes from
/// (the analyzer reads a goal from an item's first line only).
fn tasks(out: &mut String, d: &Draft, t: &Texts, items: &[Carry]) {
    let at = |i: usize| &d.earlier[i.min(d.earlier.len() - 1)];
    let last = lasts(d, &[]);
    for item in items {
        let mut links = 0;
        let mut note = t.from.replace("{link}", &at(item.from).markdown());
        if item.not_reviewed {
            note.push_str(" · ");
            note.push_str(&t.not_reviewed.replace("{link}", &last));
        }
        if item.times >= 1 {
            note.push_str(" · ");
            note.push_str(t.unfinished);
        }
        if item.times >= 2 {
            let text = if item.times == 2 {
                t.carried_twice.to_string()
            } else {
                t.carried_times.replace("{n}", &item.times.to_string())
            };
            note.push_str(" · ");
            note.push_str(&text.replace("{link}", &at(item.since).markdown()));
        }
        let _ = write!(out, "- [ ] {}\n  {note}\n", inline(&item.text, &mut links));
    }
    out.push('\n');
}
