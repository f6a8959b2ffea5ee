//! The writing calendars: `site.years` (every year in numbers, with its calendar) and the
//! archive's lighter `calendars`.

use serde::Serialize;

use super::Site;
use super::retro::{Numbers, RetroLink, StreakData, day, link, numbers, text};
use crate::i18n;
use crate::retro::years::{Year, calendar};

#[derive(Serialize)]
pub struct DayData {
    pub date: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct CellData {
    pub date: String,
    pub count: usize,
    /// `2025-03-01: 글 2편` (the `calendar_day` label).
    pub title: String,
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

/// A writing calendar: a grid of weeks (columns) by weekdays (rows, Monday first) from
/// (`left`, `top`), a cell every `pitch`, in an SVG of `width` × `height`; `cells` are the
/// days written on (the rest of the grid is empty, and drawn as a pattern).
#[derive(Serialize)]
pub struct CalendarData {
    pub weeks: u8,
    pub width: u32,
    pub height: u32,
    pub cell: u32,
    pub pitch: u32,
    pub left: u32,
    pub top: u32,
    pub grid_width: u32,
    pub grid_height: u32,
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
        pitch: PITCH,
        left: LEFT,
        top: TOP,
        grid_width: u32::from(weeks) * PITCH,
        grid_height: 7 * PITCH,
        cells: cells
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| CellData {
                title: text(
                    site,
                    "calendar_day",
                    &[("date", day(c.date)), ("n", c.count.to_string())],
                ),
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
        let i = *site.retro.index.year_own.get(&year)?;
        link(site, i)
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

/// A year's writing calendar as the archive shows it: `site.years` without the numbers a
/// calendar does not show, so an edit that changes only a year's word count leaves the
/// archive alone.
#[derive(Serialize)]
pub struct CalendarYear {
    pub year: i16,
    pub posts: usize,
    pub days_written: usize,
    pub longest_streak: StreakData,
    pub calendar: CalendarData,
}

/// `calendars` of the archive, newest year first.
pub fn calendars(site: &Site) -> Vec<CalendarYear> {
    site.retro
        .index
        .years
        .iter()
        .map(|y| CalendarYear {
            year: y.year,
            posts: y.posts,
            days_written: y.days.len(),
            longest_streak: StreakData {
                days: y.longest_streak.days,
                start: day(y.longest_streak.start),
                end: day(y.longest_streak.end),
            },
            calendar: calendar_data(site, y),
        })
        .collect()
}
