//! Retrospectives as templates see them: `page.retro` on a retrospective, and the
//! `site.retrospectives` and `site.years` lists (field names are the theme contract
//! documented in the README).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use super::{Site, TAGS_DIR, retro_html};
use crate::i18n::{self, fill};
use crate::retro::chain::Carried;
use crate::retro::index::Place;
use crate::retro::years::Year;
use crate::retro::{self, Index, Kind, PageRetro, percent};

/// Where the timeline page and its data are written.
pub const TIMELINE_DIR: &str = "retrospectives";
pub const TIMELINE_JSON: &str = "retrospectives.json";

/// The site's retrospectives: the index, and what templates see of them, made once when
/// first asked for.
#[derive(Default)]
pub struct Retros {
    pub index: Index,
    /// Each retrospective as others link to it (label and name made once).
    pub(super) links: HashMap<usize, RetroLink>,
    summaries: OnceLock<Vec<Summary>>,
    pub(super) fingerprint: OnceLock<u64>,
    /// What [`retros_fingerprint`] is made of: a hash of each retrospective, in `order`.
    pub(super) entries: OnceLock<Vec<u64>>,
    /// Hashes of retrospectives known to be unchanged since an earlier index, by page.
    pub(super) known: HashMap<usize, u64>,
    /// The numbers box of each year, as HTML (the same on every retrospective of the year).
    numbers_html: OnceLock<HashMap<i16, String>>,
}

impl Retros {
    pub fn new(index: Index, links: HashMap<usize, RetroLink>) -> Retros {
        Retros {
            index,
            links,
            summaries: OnceLock::new(),
            fingerprint: OnceLock::new(),
            entries: OnceLock::new(),
            known: HashMap::new(),
            numbers_html: OnceLock::new(),
        }
    }

    /// The hashes of retrospectives (by page) taken for the fingerprint, when it was.
    pub(super) fn entry_hashes(&self) -> HashMap<usize, u64> {
        match self.entries.get() {
            Some(each) => self
                .index
                .order
                .iter()
                .copied()
                .zip(each.iter().copied())
                .collect(),
            None => HashMap::new(),
        }
    }

    /// Hashes of retrospectives that did not change since the index they were taken from.
    pub(super) fn with_known(mut self, known: HashMap<usize, u64>) -> Retros {
        self.known = known;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.index.order.is_empty()
    }
}

#[derive(Serialize, Clone)]
pub struct RetroLink {
    pub title: String,
    pub url: String,
    pub period: String,
    pub label: String,
    /// `2024년 회고`: the label in `retro_title`.
    pub name: String,
}

#[derive(Serialize)]
pub struct GoalItem {
    pub text: String,
    pub done: bool,
    pub section: Option<String>,
}

#[derive(Serialize)]
pub struct GoalSection {
    pub heading: Option<String>,
    pub done: usize,
    pub total: usize,
    pub percent: Option<u32>,
    pub items: Vec<GoalItem>,
}

#[derive(Serialize)]
pub struct Goals {
    pub done: usize,
    pub total: usize,
    pub percent: Option<u32>,
    /// `items` (task lists and front matter), `stated` (prose) or `none`.
    pub counted: &'static str,
    /// `목표 8개 중 5개 달성`.
    pub text: String,
    pub items: Vec<GoalItem>,
    pub sections: Vec<GoalSection>,
}

#[derive(Serialize, Clone, Copy, Hash)]
pub struct StatedData {
    pub done: u32,
    pub total: u32,
    pub percent: Option<u32>,
}

#[derive(Serialize)]
pub struct StatedText {
    #[serde(flatten)]
    pub data: StatedData,
    /// `본문에 적힌 결과: 10개 중 6개`.
    pub text: String,
}

#[derive(Serialize)]
pub struct SectionData {
    pub format: &'static str,
    pub name: &'static str,
    pub heading: String,
    pub items: Vec<String>,
}

#[derive(Serialize)]
pub struct CarriedItem {
    pub text: String,
    pub status: &'static str,
    /// `달성`, `미달성`, `점검 안 함`.
    pub status_label: String,
    pub goal: Option<String>,
}

#[derive(Serialize)]
pub struct CarriedData {
    pub from: RetroLink,
    pub total: usize,
    pub reviewed: usize,
    pub achieved: usize,
    pub not_achieved: usize,
    pub not_reviewed: usize,
    /// `작년에 세운 목표 9개 중 8개를 점검, 5개 달성`.
    pub text: String,
    pub items: Vec<CarriedItem>,
}

#[derive(Serialize)]
pub struct TagData {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct MonthData {
    pub month: u8,
    pub label: String,
    pub posts: usize,
    /// `3월 (4편)`.
    pub text: String,
}

#[derive(Serialize)]
pub struct StreakData {
    pub days: usize,
    pub start: String,
    pub end: String,
}

/// A year in numbers (`page.retro.numbers`, and the head of each `site.years` entry).
#[derive(Serialize)]
pub struct Numbers {
    pub year: i16,
    pub posts: usize,
    pub words: usize,
    pub hangul: usize,
    pub reading_minutes: usize,
    pub top_tags: Vec<TagData>,
    pub busiest_month: MonthData,
    pub longest_streak: StreakData,
    pub days_written: usize,
    /// The numbers as the default theme shows them: `숫자로 보는 2025년`, `28편`, `96분`,
    /// `41일` (days written on), `9일` (the longest streak).
    pub title: String,
    pub posts_text: String,
    pub minutes_text: String,
    pub days_text: String,
    pub streak_text: String,
}

/// `page.retro`.
#[derive(Serialize)]
pub struct RetroData {
    pub kind: &'static str,
    pub kind_label: String,
    pub period: String,
    pub label: String,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub year: Option<i16>,
    pub detected_by: &'static str,
    pub goals: Goals,
    pub stated: Option<StatedText>,
    pub next_goals: Vec<String>,
    pub format: Option<&'static str>,
    pub sections: Vec<SectionData>,
    pub previous: Option<RetroLink>,
    pub next: Option<RetroLink>,
    pub carried: Option<CarriedData>,
    /// The default theme's card, numbers box (yearly retrospectives) and chain links, as HTML.
    pub html: RetroHtml,
}

#[derive(Serialize, Default)]
pub struct RetroHtml {
    pub card: String,
    pub numbers: String,
    pub chain: String,
}

#[derive(Serialize, Hash)]
pub struct GoalCounts {
    pub done: usize,
    pub total: usize,
    pub percent: Option<u32>,
    pub counted: &'static str,
    pub text: String,
}

#[derive(Serialize, Hash)]
pub struct CarriedCounts {
    pub total: usize,
    pub reviewed: usize,
    pub achieved: usize,
    pub text: String,
}

/// One entry of `site.retrospectives` (and of `retrospectives.json`).
#[derive(Serialize, Hash)]
pub struct Summary {
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub date: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub period: String,
    pub label: String,
    pub year: Option<i16>,
    pub goals: GoalCounts,
    pub stated: Option<StatedData>,
    pub next_goals: Vec<String>,
    pub carried: Option<CarriedCounts>,
    pub previous: Option<String>,
    pub next: Option<String>,
}

pub(super) fn labels(site: &Site) -> &BTreeMap<String, String> {
    &site.labels
}

fn kind_label(site: &Site, kind: Kind) -> String {
    labels(site)
        .get(&format!("retro_kind_{}", kind.as_str()))
        .cloned()
        .unwrap_or_default()
}

fn period_label(site: &Site, r: &PageRetro) -> String {
    r.period.label(labels(site), &site.config.language)
}

pub(super) fn link(site: &Site, i: usize) -> Option<RetroLink> {
    site.retro.links.get(&i).cloned()
}

/// How page `i`, a retrospective, is linked to: made once per build, for every one.
pub fn make_link(site: &Site, i: usize) -> Option<RetroLink> {
    let page = site.pages.get(i)?;
    let r = page.retro.as_ref()?;
    let label = period_label(site, r);
    Some(RetroLink {
        title: page.title.clone(),
        url: site.base.href(&page.path),
        period: r.period.key(),
        name: text(site, "retro_title", &[("period", label.clone())]),
        label,
    })
}

/// A label filled in: the sentences templates show, ready made (one `tr` call less each).
/// Whether `page` has a heading `숫자로 보는 {year}년` (the `retro_numbers` label).
fn has_numbers(site: &Site, page: &crate::content::Page, year: i16) -> bool {
    let title = text(site, "retro_numbers", &[("year", year.to_string())]);
    fn any(entries: &[crate::markdown::toc::TocEntry], title: &str) -> bool {
        entries
            .iter()
            .any(|e| e.title.trim() == title || any(&e.children, title))
    }
    any(&page.rendered.toc, title.trim())
}

pub(super) fn text(site: &Site, key: &str, fills: &[(&str, String)]) -> String {
    fill(labels(site).get(key).map_or("", |s| s.as_str()), fills)
}

fn goals_text(site: &Site, done: usize, total: usize) -> String {
    text(
        site,
        "retro_goals",
        &[("done", done.to_string()), ("total", total.to_string())],
    )
}

fn carried_text(site: &Site, kind: Kind, c: &Carried) -> String {
    let key = if kind == Kind::Year {
        "retro_carried_year"
    } else {
        "retro_carried"
    };
    text(
        site,
        key,
        &[
            ("total", c.total.to_string()),
            ("reviewed", c.reviewed.to_string()),
            ("achieved", c.achieved.to_string()),
        ],
    )
}

pub(super) fn day(d: jiff::civil::Date) -> String {
    d.strftime("%Y-%m-%d").to_string()
}

fn stated(r: &PageRetro) -> Option<StatedData> {
    r.analysis.stated.map(|s| StatedData {
        done: s.done,
        total: s.total,
        percent: percent(s.done as usize, s.total as usize),
    })
}

fn stated_text(site: &Site, r: &PageRetro) -> Option<StatedText> {
    stated(r).map(|data| StatedText {
        text: text(
            site,
            "retro_stated",
            &[
                ("done", data.done.to_string()),
                ("total", data.total.to_string()),
            ],
        ),
        data,
    })
}

fn goals(site: &Site, r: &PageRetro) -> Goals {
    let (done, total, counted) = r.done_total();
    let item = |g: &retro::Goal| GoalItem {
        text: g.text.clone(),
        done: g.done,
        section: g.section.clone(),
    };
    let mut sections: Vec<GoalSection> = Vec::new();
    for g in &r.analysis.goals {
        match sections.iter_mut().find(|s| s.heading == g.section) {
            Some(s) => s.items.push(item(g)),
            None => sections.push(GoalSection {
                heading: g.section.clone(),
                done: 0,
                total: 0,
                percent: None,
                items: vec![item(g)],
            }),
        }
    }
    for s in &mut sections {
        s.total = s.items.len();
        s.done = s.items.iter().filter(|i| i.done).count();
        s.percent = percent(s.done, s.total);
    }
    Goals {
        done,
        total,
        percent: percent(done, total),
        counted: counted.as_str(),
        text: goals_text(site, done, total),
        items: r.analysis.goals.iter().map(item).collect(),
        sections,
    }
}

fn carried(site: &Site, kind: Kind, from: usize, c: &Carried) -> Option<CarriedData> {
    let status_label = |s: &str| {
        labels(site)
            .get(&format!("retro_{s}"))
            .cloned()
            .unwrap_or_default()
    };
    Some(CarriedData {
        text: carried_text(site, kind, c),
        from: link(site, from)?,
        total: c.total,
        reviewed: c.reviewed,
        achieved: c.achieved,
        not_achieved: c.reviewed - c.achieved,
        not_reviewed: c.total - c.reviewed,
        items: c
            .items
            .iter()
            .map(|i| CarriedItem {
                text: i.text.clone(),
                status: i.status.as_str(),
                status_label: status_label(i.status.as_str()),
                goal: i.goal.clone(),
            })
            .collect(),
    })
}

pub fn numbers(site: &Site, y: &Year) -> Numbers {
    let lang = &site.config.language;
    let unit = |key: &str, n: usize| text(site, key, &[("n", n.to_string())]);
    let month = i18n::month_name(y.busiest_month.0, lang);
    Numbers {
        title: text(site, "retro_numbers", &[("year", y.year.to_string())]),
        posts_text: unit("retro_unit_posts", y.posts),
        minutes_text: unit("retro_unit_minutes", y.reading_minutes),
        days_text: unit("retro_unit_days", y.days.len()),
        streak_text: unit("retro_unit_days", y.longest_streak.days),
        year: y.year,
        posts: y.posts,
        words: y.words,
        hangul: y.hangul,
        reading_minutes: y.reading_minutes,
        top_tags: y
            .top_tags
            .iter()
            .map(|t| TagData {
                name: t.name.clone(),
                url: site.base.href(&format!("/{TAGS_DIR}/{}/", t.slug)),
                slug: t.slug.clone(),
                count: t.count,
            })
            .collect(),
        busiest_month: MonthData {
            month: y.busiest_month.0,
            text: format!("{month} ({})", unit("retro_unit_posts", y.busiest_month.1)),
            label: month,
            posts: y.busiest_month.1,
        },
        longest_streak: StreakData {
            days: y.longest_streak.days,
            start: day(y.longest_streak.start),
            end: day(y.longest_streak.end),
        },
        days_written: y.days.len(),
    }
}

/// `page.retro` for page `i`, when it is a retrospective.
pub fn page_data(site: &Site, i: usize) -> Option<RetroData> {
    let page = site.pages.get(i)?;
    let r = page.retro.as_deref()?;
    let empty = Place::default();
    let place = site.retro.index.places.get(&i).unwrap_or(&empty);
    let (label, title) = match site.retro.links.get(&i) {
        Some(l) => (l.label.clone(), l.name.clone()),
        None => (String::new(), String::new()),
    };
    let a = &r.analysis;
    // The year in numbers, on the year's own retrospective (the newest of that year), unless
    // it writes them itself under that heading (as `hoego new --retro` starts it).
    let numbers_html = match r.period {
        retro::Period::Year(y)
            if site.retro.index.year_own.get(&y) == Some(&i) && !has_numbers(site, page, y) =>
        {
            numbers_html(site, y)
        }
        _ => String::new(),
    };
    let mut data = RetroData {
        kind: r.period.kind().as_str(),
        kind_label: kind_label(site, r.period.kind()),
        period: r.period.key(),
        label,
        title,
        start: r.period.start().map(day),
        end: r.period.end().map(day),
        year: r.period.year(),
        detected_by: r.source.as_str(),
        goals: goals(site, r),
        stated: stated_text(site, r),
        next_goals: a.next_goals.clone(),
        format: a.format.map(|f| f.as_str()),
        sections: a
            .sections
            .iter()
            .map(|s| SectionData {
                format: s.format.as_str(),
                name: s.name,
                heading: s.heading.clone(),
                items: s.items.clone(),
            })
            .collect(),
        previous: place.previous.and_then(|p| link(site, p)),
        next: place.next.and_then(|n| link(site, n)),
        carried: place
            .carried
            .as_ref()
            .zip(place.previous)
            .and_then(|(c, p)| carried(site, r.period.kind(), p, c)),
        html: RetroHtml::default(),
    };
    let label = |key: &str| labels(site).get(key).map_or("", String::as_str);
    data.html = RetroHtml {
        card: retro_html::card(&retro_html::CardParts {
            kind_label: &data.kind_label,
            title: &data.title,
            page_title: &page.title,
            goals: &data.goals,
            stated: data.stated.as_ref(),
            carried: data.carried.as_ref(),
            previous: data.previous.as_ref(),
            next_goals: &data.next_goals,
            no_goals: label("retro_no_goals"),
            next_goals_label: label("retro_next_goals"),
        }),
        numbers: numbers_html,
        chain: retro_html::chain(&data.kind_label, data.previous.as_ref(), data.next.as_ref()),
    };
    Some(data)
}

/// The numbers box of `year`, made once per year.
fn numbers_html(site: &Site, year: i16) -> String {
    site.retro
        .numbers_html
        .get_or_init(|| {
            let label = |key: &str| labels(site).get(key).map_or("", String::as_str);
            let l = retro_html::NumberLabels {
                posts: label("retro_numbers_posts"),
                words: label("retro_numbers_words"),
                minutes: label("retro_numbers_minutes"),
                days: label("retro_numbers_days"),
                streak: label("retro_numbers_streak"),
                busiest: label("retro_numbers_busiest"),
                tags: label("retro_numbers_tags"),
            };
            site.retro
                .index
                .years
                .iter()
                .map(|y| (y.year, retro_html::numbers(&numbers(site, y), &l)))
                .collect()
        })
        .get(&year)
        .cloned()
        .unwrap_or_default()
}

/// `site.retrospectives`: every retrospective, newest first (made once).
pub fn summaries(site: &Site) -> &[Summary] {
    site.retro.summaries.get_or_init(|| make_summaries(site))
}

fn make_summaries(site: &Site) -> Vec<Summary> {
    site.retro
        .index
        .order
        .iter()
        .filter_map(|&i| {
            let page = &site.pages[i];
            let r = page.retro.as_deref()?;
            let (done, total, counted) = r.done_total();
            let place = site.retro.index.places.get(&i);
            Some(Summary {
                title: page.title.clone(),
                url: site.base.href(&page.path),
                permalink: site.base.absolute(&page.path),
                date: page.date.as_ref().map(i18n::rfc3339).unwrap_or_default(),
                kind: r.period.kind().as_str(),
                kind_label: kind_label(site, r.period.kind()),
                period: r.period.key(),
                label: site
                    .retro
                    .links
                    .get(&i)
                    .map(|l| l.label.clone())
                    .unwrap_or_default(),
                year: r.period.year(),
                goals: GoalCounts {
                    done,
                    total,
                    percent: percent(done, total),
                    counted: counted.as_str(),
                    text: goals_text(site, done, total),
                },
                stated: stated(r),
                next_goals: r.analysis.next_goals.clone(),
                carried: place
                    .and_then(|p| p.carried.as_ref())
                    .map(|c| CarriedCounts {
                        total: c.total,
                        reviewed: c.reviewed,
                        achieved: c.achieved,
                        text: carried_text(site, r.period.kind(), c),
                    }),
                previous: place
                    .and_then(|p| p.previous)
                    .map(|p| site.base.href(&site.pages[p].path)),
                next: place
                    .and_then(|p| p.next)
                    .map(|n| site.base.href(&site.pages[n].path)),
            })
        })
        .collect()
}

/// `site.retrospectives` and `site.years` as JSON: what templates that use them get besides
/// the rest of `site`.
pub fn full_data(
    site: &Site,
    retrospectives: bool,
    years_too: bool,
) -> serde_json::Map<String, Value> {
    let mut map = serde_json::Map::new();
    if retrospectives {
        map.insert(
            "retrospectives".into(),
            serde_json::to_value(summaries(site)).unwrap_or(Value::Null),
        );
    }
    if years_too {
        map.insert(
            "years".into(),
            serde_json::to_value(years(site)).unwrap_or(Value::Null),
        );
    }
    map
}

pub use super::retro_calendar::{CalendarYear, YearData, calendars, years};
pub use super::retro_fingerprint::{
    calendars_fingerprint, full_fingerprint, page_fingerprint, retros_fingerprint,
    years_fingerprint,
};
