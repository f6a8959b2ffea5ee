//! A new retrospective that starts where the last one left off: its next goals, the goals it
//! left unchecked and the goals set before it that it never reviewed, as task items to check
//! off, each linking back to the retrospective it came from (and marked when it has now been
//! left unchecked two periods running); the items of its Try section (or Longed for, Future
//! action); the period in numbers; and the template's sections. [`plan`] chooses what is carried over; [`body`] writes the Markdown. Nothing
//! here reads the disk: `commands::retro_new` finds the retrospectives and writes the file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::analyze::Analysis;
use super::chain::{Status, carry};
use super::matching::{Key, THRESHOLD, similarity};
use super::period::{Kind, Period};
use super::template::{self, Template, Texts};
use super::years::Year;
use crate::i18n;
use crate::markdown::plain::inline;

/// Sections whose items are what to try next: KPT's Try, 4L's Longed for, 5F's Future
/// action.
const TRY_LIKE: &[&str] = &["Try", "Longed for", "Future action"];

/// A goal carried into the new retrospective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carry {
    pub text: String,
    /// The retrospective it comes from, as a position in the chain (0: the last one).
    pub from: usize,
    /// In how many retrospectives in a row, from the last one back, it was a goal left
    /// unchecked (0: a next goal set fresh).
    pub times: usize,
    /// Set by the one before the last, which the last one did not review.
    pub not_reviewed: bool,
}

/// What the last retrospective hands on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Its next goals, the goals it left unchecked, and the next goals of the one before it
    /// that it never reviewed (each goal once).
    pub goals: Vec<Carry>,
    /// Its Try-like section's items, and that section's name.
    pub tries: Vec<Carry>,
    pub try_section: Option<&'static str>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.goals.is_empty() && self.tries.is_empty()
    }
}

/// What to carry over from `chain`: the retrospectives of the kind, the last one first and
/// then the ones before it (for how long a goal has stayed unchecked).
pub fn plan(chain: &[&Analysis]) -> Plan {
    let Some(last) = chain.first() else {
        return Plan::default();
    };
    let section = last.sections.iter().find(|s| TRY_LIKE.contains(&s.name));
    let tries: &[String] = section.map_or(&[], |s| &s.items);
    let mut out = Plan {
        try_section: section.map(|s| s.name),
        ..Plan::default()
    };
    let mut seen: Vec<Key> = Vec::new();
    let mut add = |list: &mut Vec<Carry>, text: &str, from: usize| {
        let key = Key::new(text);
        if text.trim().is_empty() || seen.iter().any(|k| similarity(k, &key) >= THRESHOLD) {
            return;
        }
        let times = unchecked_streak(chain, &key);
        seen.push(key);
        list.push(Carry {
            text: text.to_string(),
            from,
            times,
            not_reviewed: from > 0,
        });
    };
    for goal in last.next_goals.iter().filter(|g| !tries.contains(g)) {
        add(&mut out.goals, goal, 0);
    }
    for item in tries {
        add(&mut out.tries, item, 0);
    }
    for goal in last.goals.iter().filter(|g| !g.done) {
        add(&mut out.goals, &goal.text, 0);
    }
    if let Some(before) = chain.get(1) {
        let reviewed = carry(&before.next_goals, &last.goals);
        for item in reviewed
            .items
            .iter()
            .filter(|i| i.status == Status::NotReviewed)
        {
            add(&mut out.goals, &item.text, 1);
        }
    }
    out
}

/// In how many of `chain`, from the first on without a gap, `goal` is an unchecked goal.
fn unchecked_streak(chain: &[&Analysis], goal: &Key) -> usize {
    chain
        .iter()
        .take_while(|a| {
            a.goals
                .iter()
                .any(|g| !g.done && similarity(&Key::new(&g.text), goal) >= THRESHOLD)
        })
        .count()
}

/// An earlier retrospective as the new one links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    /// `2025년 회고`.
    pub name: String,
    /// The link's destination: the post's Markdown file, relative to the new one.
    pub link: String,
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
    /// The last retrospective of the kind and the ones before it, newest first (as in
    /// [`plan`]'s chain); empty when there is none.
    pub earlier: &'a [Earlier],
    /// Whether the last one is of the period just before this one.
    pub follows: bool,
    pub plan: &'a Plan,
    /// The period's posts in numbers (`None` without any), and its longest posts.
    pub numbers: Option<&'a Year>,
    pub longest: &'a [Longest],
}

impl Draft<'_> {
    fn korean(&self) -> bool {
        i18n::is_korean(self.language)
    }

    fn label(&self, key: &str) -> &str {
        self.labels.get(key).map_or("", String::as_str)
    }

    fn period_label(&self) -> String {
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
    if let Some(last) = d.earlier.first() {
        review(&mut out, d, t, last);
    }
    numbers(&mut out, d, t);
    let carried = !d.plan.goals.is_empty();
    for s in template::sections(d.template, d.period.kind(), d.korean(), carried) {
        let _ = write!(out, "## {}\n\n{}\n\n", s.heading, s.prompt);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn review(out: &mut String, d: &Draft, t: &Texts, last: &Earlier) {
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
            t.review_empty.replace("{link}", &last.markdown())
        );
        return;
    }
    if !d.plan.goals.is_empty() {
        let _ = write!(
            out,
            "{}\n\n",
            t.review_intro.replace("{link}", &last.markdown())
        );
        tasks(out, d, t, &d.plan.goals);
    }
    if let Some(section) = d.plan.try_section.filter(|_| !d.plan.tries.is_empty()) {
        let _ = write!(
            out,
            "### {}\n\n{}\n\n",
            t.tries.replace("{section}", section),
            t.tries_intro.replace("{link}", &last.markdown())
        );
        tasks(out, d, t, &d.plan.tries);
    }
}

/// Carried goals as unchecked task items, each with a second line saying where it comes from
/// (the analyzer reads a goal from an item's first line only).
fn tasks(out: &mut String, d: &Draft, t: &Texts, items: &[Carry]) {
    let at = |i: usize| &d.earlier[i.min(d.earlier.len() - 1)];
    for item in items {
        let mut links = 0;
        let mut note = t.from.replace("{link}", &at(item.from).markdown());
        if item.not_reviewed {
            note.push_str(" · ");
            note.push_str(&t.not_reviewed.replace("{link}", &at(0).markdown()));
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
            note.push_str(&text.replace("{link}", &at(item.times - 1).markdown()));
        }
        let _ = write!(out, "- [ ] {}\n  {note}\n", inline(&item.text, &mut links));
    }
    out.push('\n');
}

fn numbers(out: &mut String, d: &Draft, t: &Texts) {
    let _ = write!(
        out,
        "## {}\n\n",
        t.numbers.replace("{period}", &d.period_label())
    );
    let Some(y) = d.numbers.filter(|y| y.posts > 0) else {
        let _ = write!(out, "{}\n\n", t.no_posts);
        return;
    };
    let unit = |key: &str, n: usize| {
        i18n::plural(d.labels, key, Some(n as f64))
            .map_or("", String::as_str)
            .replace("{n}", &thousands(n))
    };
    let mut lines: Vec<(String, String)> = vec![
        (
            d.label("retro_numbers_posts").into(),
            unit("retro_unit_posts", y.posts),
        ),
        (d.label("retro_numbers_words").into(), thousands(y.words)),
        (
            d.label("retro_numbers_minutes").into(),
            unit("retro_unit_minutes", y.reading_minutes),
        ),
        (
            d.label("retro_numbers_days").into(),
            unit("retro_unit_days", y.days.len()),
        ),
    ];
    let s = y.longest_streak;
    if s.days > 1 {
        lines.push((
            d.label("retro_numbers_streak").into(),
            format!(
                "{} ({} – {})",
                unit("retro_unit_days", s.days),
                s.start,
                s.end
            ),
        ));
    }
    if matches!(d.period.kind(), Kind::Year | Kind::Half | Kind::Quarter) {
        let (month, posts) = y.busiest_month;
        lines.push((
            d.label("retro_numbers_busiest").into(),
            format!(
                "{} ({})",
                i18n::month_name(month, d.language),
                unit("retro_unit_posts", posts)
            ),
        ));
    }
    let mut links = 0;
    if !y.top_tags.is_empty() {
        let tags: Vec<String> = y
            .top_tags
            .iter()
            .map(|tag| format!("{} ({})", inline(&tag.name, &mut links), tag.count))
            .collect();
        lines.push((d.label("retro_numbers_tags").into(), tags.join(", ")));
    }
    if !d.longest.is_empty() {
        let posts: Vec<String> = d
            .longest
            .iter()
            .map(|p| {
                format!(
                    "[{}]({}) ({})",
                    inline(&p.title, &mut links),
                    p.link,
                    thousands(p.words)
                )
            })
            .collect();
        lines.push((t.longest.into(), posts.join(", ")));
    }
    for (name, value) in lines {
        let _ = writeln!(out, "- {name}: {value}");
    }
    out.push('\n');
}

/// `12345` → `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retro::analyze::analyze;
    use crate::retro::outline::of_markdown;

    fn analysis(md: &str, year: i16) -> Analysis {
        analyze(&of_markdown(md), &Period::Year(year), &[])
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
        let p = plan(&[&last, &before]);
        let goals: Vec<(&str, usize, usize)> = p
            .goals
            .iter()
            .map(|c| (c.text.as_str(), c.from, c.times))
            .collect();
        // 2024's 블로그 10편 was reviewed in 2025 (achieved); nothing of it is left unreviewed.
        assert_eq!(goals, [("책 20권", 0, 0), ("요가 배우기", 0, 1)]);
        let tries: Vec<(&str, usize)> =
            p.tries.iter().map(|c| (c.text.as_str(), c.times)).collect();
        assert_eq!(tries, [("매일 산책하기", 2), ("일찍 자기", 0)]);
        assert_eq!(p.try_section, Some("Try"));
        assert_eq!(plan(&[]), Plan::default());
        // A goal set in 2024 that 2025 never mentions is carried, from 2024.
        let before = analysis("## 2025년 목표\n\n- 가계부 쓰기\n- 책 10권\n", 2024);
        let last = analysis("- [x] 책 10권\n", 2025);
        let p = plan(&[&last, &before]);
        assert_eq!(
            p.goals,
            [Carry {
                text: "가계부 쓰기".into(),
                from: 1,
                times: 0,
                not_reviewed: true
            }]
        );
    }

    #[test]
    fn numbers_have_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
