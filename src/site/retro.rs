//! Retrospectives as templates see them: `page.retro` on a retrospective, and the
//! `site.retrospectives` and `site.years` lists (field names are the theme contract
//! documented in the README).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use super::{Site, TAGS_DIR};
use crate::i18n::{self, fill};
use crate::retro::chain::Carried;
use crate::retro::years::{Year, calendar};
use crate::retro::{self, Index, Kind, PageRetro, percent};

/// Where the timeline page and its data are written.
pub const TIMELINE_DIR: &str = "retrospectives";
pub const TIMELINE_JSON: &str = "retrospectives.json";

/// The site's retrospectives: the index, and its JSON forms made once when asked for.
#[derive(Debug, Default)]
pub struct Retros {
    pub index: Index,
    full: OnceLock<Value>,
    fingerprint: OnceLock<u64>,
}

impl Retros {
    pub fn new(index: Index) -> Retros {
        Retros {
            index,
            full: OnceLock::new(),
            fingerprint: OnceLock::new(),
        }
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
    pub items: Vec<GoalItem>,
    pub sections: Vec<GoalSection>,
}

#[derive(Serialize, Clone, Copy)]
pub struct StatedData {
    pub done: u32,
    pub total: u32,
    pub percent: Option<u32>,
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
    pub stated: Option<StatedData>,
    pub next_goals: Vec<String>,
    pub format: Option<&'static str>,
    pub sections: Vec<SectionData>,
    pub previous: Option<RetroLink>,
    pub next: Option<RetroLink>,
    pub carried: Option<CarriedData>,
    pub numbers: Option<Numbers>,
}

#[derive(Serialize)]
pub struct GoalCounts {
    pub done: usize,
    pub total: usize,
    pub percent: Option<u32>,
    pub counted: &'static str,
}

#[derive(Serialize)]
pub struct CarriedCounts {
    pub total: usize,
    pub reviewed: usize,
    pub achieved: usize,
}

/// One entry of `site.retrospectives` (and of `retrospectives.json`).
#[derive(Serialize)]
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

fn labels(site: &Site) -> &BTreeMap<String, String> {
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

fn link(site: &Site, i: usize) -> Option<RetroLink> {
    let page = site.pages.get(i)?;
    let r = page.retro.as_ref()?;
    Some(RetroLink {
        title: page.title.clone(),
        url: site.base.href(&page.path),
        period: r.period.key(),
        label: period_label(site, r),
    })
}

fn day(d: jiff::civil::Date) -> String {
    d.strftime("%Y-%m-%d").to_string()
}

fn stated(r: &PageRetro) -> Option<StatedData> {
    r.analysis.stated.map(|s| StatedData {
        done: s.done,
        total: s.total,
        percent: percent(s.done as usize, s.total as usize),
    })
}

fn goals(r: &PageRetro) -> Goals {
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
        items: r.analysis.goals.iter().map(item).collect(),
        sections,
    }
}

fn carried(site: &Site, from: usize, c: &Carried) -> Option<CarriedData> {
    Some(CarriedData {
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
                goal: i.goal.clone(),
            })
            .collect(),
    })
}

pub fn numbers(site: &Site, y: &Year) -> Numbers {
    let lang = &site.config.language;
    Numbers {
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
            label: i18n::month_name(y.busiest_month.0, lang),
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
    let r = site.pages.get(i)?.retro.as_deref()?;
    let place = site.retro.index.places.get(&i).cloned().unwrap_or_default();
    let label = period_label(site, r);
    let title = fill(
        labels(site)
            .get("retro_title")
            .map_or("{period}", |s| s.as_str()),
        &[("period", label.clone())],
    );
    let a = &r.analysis;
    let numbers = match r.period {
        retro::Period::Year(y) => site.retro.index.year(y).map(|y| numbers(site, y)),
        _ => None,
    };
    Some(RetroData {
        kind: r.period.kind().as_str(),
        kind_label: kind_label(site, r.period.kind()),
        period: r.period.key(),
        label,
        title,
        start: r.period.start().map(day),
        end: r.period.end().map(day),
        year: r.period.year(),
        detected_by: r.source.as_str(),
        goals: goals(r),
        stated: stated(r),
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
            .and_then(|(c, p)| carried(site, p, c)),
        numbers,
    })
}

/// `site.retrospectives`: every retrospective, newest first.
pub fn summaries(site: &Site) -> Vec<Summary> {
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
                label: period_label(site, r),
                year: r.period.year(),
                goals: GoalCounts {
                    done,
                    total,
                    percent: percent(done, total),
                    counted: counted.as_str(),
                },
                stated: stated(r),
                next_goals: r.analysis.next_goals.clone(),
                carried: place
                    .and_then(|p| p.carried.as_ref())
                    .map(|c| CarriedCounts {
                        total: c.total,
                        reviewed: c.reviewed,
                        achieved: c.achieved,
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

#[derive(Serialize)]
pub struct DayData {
    pub date: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct CellData {
    pub date: String,
    pub count: usize,
    pub level: u8,
    pub week: u8,
    pub weekday: u8,
    pub x: u32,
    pub y: u32,
}

#[derive(Serialize)]
pub struct AxisLabel {
    pub label: String,
    pub x: u32,
    pub y: u32,
}

/// A writing calendar: cells on a grid of weeks (columns) by weekdays (rows, Monday first),
/// with positions for an SVG of `width` × `height`.
#[derive(Serialize)]
pub struct CalendarData {
    pub weeks: u8,
    pub width: u32,
    pub height: u32,
    pub cell: u32,
    pub cells: Vec<CellData>,
    pub months: Vec<AxisLabel>,
    pub weekdays: Vec<AxisLabel>,
}

/// One entry of `site.years`.
#[derive(Serialize)]
pub struct YearData {
    #[serde(flatten)]
    pub numbers: Numbers,
    pub days: Vec<DayData>,
    pub calendar: CalendarData,
    /// The year's own retrospective, when there is one.
    pub retro: Option<RetroLink>,
}

/// Calendar cells and their spacing: 53 columns fit the theme's 42rem column.
const CELL: u32 = 9;
const PITCH: u32 = 12;
const LEFT: u32 = 24;
const TOP: u32 = 16;

fn calendar_data(site: &Site, y: &Year) -> CalendarData {
    let lang = &site.config.language;
    let cells = calendar(y.year, &y.days);
    let weeks = cells.last().map_or(53, |c| c.week + 1);
    let months = cells
        .iter()
        .filter(|c| c.date.day() == 1)
        .map(|c| AxisLabel {
            label: i18n::month_short(c.date.month() as u8, lang),
            x: LEFT + u32::from(c.week + u8::from(c.weekday > 0)) * PITCH,
            y: TOP - 5,
        })
        .collect();
    let weekdays = [0usize, 2, 4]
        .iter()
        .map(|&d| AxisLabel {
            label: i18n::weekday_short(d, lang).to_string(),
            x: LEFT - 5,
            y: TOP + d as u32 * PITCH + CELL - 1,
        })
        .collect();
    CalendarData {
        weeks,
        width: LEFT + u32::from(weeks) * PITCH,
        height: TOP + 7 * PITCH,
        cell: CELL,
        cells: cells
            .iter()
            .map(|c| CellData {
                date: day(c.date),
                count: c.count,
                level: c.level,
                week: c.week,
                weekday: c.weekday,
                x: LEFT + u32::from(c.week) * PITCH,
                y: TOP + u32::from(c.weekday) * PITCH,
            })
            .collect(),
        months,
        weekdays,
    }
}

/// `site.years`: every year with posts, newest first.
pub fn years(site: &Site) -> Vec<YearData> {
    let year_retro = |year: i16| {
        site.retro.index.order.iter().find_map(|&i| {
            let r = site.pages[i].retro.as_deref()?;
            (r.period == retro::Period::Year(year)).then(|| link(site, i))?
        })
    };
    site.retro
        .index
        .years
        .iter()
        .map(|y| YearData {
            numbers: numbers(site, y),
            days: y
                .days
                .iter()
                .map(|(d, n)| DayData {
                    date: day(*d),
                    count: *n,
                })
                .collect(),
            calendar: calendar_data(site, y),
            retro: year_retro(y.year),
        })
        .collect()
}

/// `{"retrospectives": […], "years": […]}`: what templates that use `site.retrospectives`
/// or `site.years` get besides the rest of `site`. Made once per build.
pub fn full_data(site: &Site) -> &Value {
    site.retro.full.get_or_init(|| {
        serde_json::json!({
            "retrospectives": summaries(site),
            "years": years(site),
        })
    })
}

/// A fingerprint of [`full_data`], for `serve` to tell when outputs that show it changed.
pub fn full_fingerprint(site: &Site) -> u64 {
    *site.retro.fingerprint.get_or_init(|| {
        let bytes = serde_json::to_vec(full_data(site)).unwrap_or_default();
        xxhash_rust::xxh3::xxh3_64(&bytes)
    })
}

/// A fingerprint of what `page.retro` of page `i` takes from other pages: its neighbours,
/// the goals carried over, and its year's numbers.
pub fn page_fingerprint(site: &Site, i: usize) -> Option<u64> {
    let r = site.pages.get(i)?.retro.as_deref()?;
    let place = site.retro.index.places.get(&i);
    let mut text = String::new();
    if let Some(p) = place {
        for n in [p.previous, p.next].into_iter().flatten() {
            let page = &site.pages[n];
            text.push_str(&format!("{}\u{0}{}\u{0}", page.title, page.path));
            if let Some(other) = page.retro.as_deref() {
                text.push_str(&other.period.key());
            }
        }
        text.push_str(&format!("{:?}", p.carried));
    }
    if let retro::Period::Year(y) = r.period
        && let Some(y) = site.retro.index.year(y)
    {
        text.push_str(&format!(
            "{}/{}/{}/{}/{:?}/{:?}/{:?}/{}",
            y.posts,
            y.words,
            y.hangul,
            y.reading_minutes,
            y.top_tags,
            y.busiest_month,
            y.longest_streak,
            y.days.len()
        ));
    }
    Some(xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}
