//! A year in numbers: posts, words and Hangul syllables, reading minutes, the tags used most,
//! the busiest month, the longest streak of writing days, and the days written on — with a
//! writing calendar laid out GitHub-style (53 weeks × 7 days, Monday first).

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::content::slug::slugify;

/// What a year's numbers are made of: one post.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// The day it was written, in the site's time zone.
    pub date: Date,
    pub words: usize,
    pub hangul: usize,
    pub minutes: usize,
    pub tags: &'a [String],
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TagCount {
    pub name: String,
    pub slug: String,
    pub count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Streak {
    pub days: usize,
    pub start: Date,
    pub end: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Year {
    pub year: i16,
    pub posts: usize,
    pub words: usize,
    pub hangul: usize,
    pub reading_minutes: usize,
    /// Up to [`TOP_TAGS`], most used first (then by name).
    pub top_tags: Vec<TagCount>,
    /// The month with the most posts (the earlier of equals) and its count.
    pub busiest_month: (u8, usize),
    pub longest_streak: Streak,
    /// Days with at least one post, in order, with their post counts.
    pub days: Vec<(Date, usize)>,
}

pub const TOP_TAGS: usize = 5;

/// Every year with posts, newest first.
pub fn years<'a>(posts: impl IntoIterator<Item = Facts<'a>>) -> Vec<Year> {
    let mut by_year: BTreeMap<i16, Vec<Facts<'a>>> = BTreeMap::new();
    for f in posts {
        by_year.entry(f.date.year()).or_default().push(f);
    }
    by_year
        .into_iter()
        .rev()
        .map(|(year, facts)| one_year(year, &facts))
        .collect()
}

fn one_year(year: i16, facts: &[Facts]) -> Year {
    let mut days: BTreeMap<Date, usize> = BTreeMap::new();
    let mut months = [0usize; 12];
    let mut tags: BTreeMap<String, TagCount> = BTreeMap::new();
    let (mut words, mut hangul, mut minutes) = (0, 0, 0);
    for f in facts {
        *days.entry(f.date).or_default() += 1;
        months[(f.date.month() - 1) as usize] += 1;
        words += f.words;
        hangul += f.hangul;
        minutes += f.minutes;
        let mut seen: Vec<String> = Vec::new();
        for t in f.tags {
            let slug = slugify(t);
            if slug.is_empty() || seen.contains(&slug) {
                continue;
            }
            seen.push(slug.clone());
            tags.entry(slug.clone())
                .or_insert_with(|| TagCount {
                    name: t.clone(),
                    slug,
                    count: 0,
                })
                .count += 1;
        }
    }
    let mut top: Vec<TagCount> = tags.into_values().collect();
    top.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(&b.slug)));
    top.truncate(TOP_TAGS);
    let busiest = months
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map(|(i, n)| (i as u8 + 1, *n))
        .unwrap_or((1, 0));
    let days: Vec<(Date, usize)> = days.into_iter().collect();
    Year {
        year,
        posts: facts.len(),
        words,
        hangul,
        reading_minutes: minutes,
        top_tags: top,
        busiest_month: busiest,
        longest_streak: longest_streak(&days),
        days,
    }
}

/// The longest run of consecutive days (the first of equals).
fn longest_streak(days: &[(Date, usize)]) -> Streak {
    let Some(&(first, _)) = days.first() else {
        let d = Date::constant(1970, 1, 1);
        return Streak {
            days: 0,
            start: d,
            end: d,
        };
    };
    let mut best = Streak {
        days: 1,
        start: first,
        end: first,
    };
    let mut run = best;
    for pair in days.windows(2) {
        let (a, b) = (pair[0].0, pair[1].0);
        if a.tomorrow().ok() == Some(b) {
            run.days += 1;
            run.end = b;
        } else {
            run = Streak {
                days: 1,
                start: b,
                end: b,
            };
        }
        if run.days > best.days {
            best = run;
        }
    }
    best
}

/// One day of a writing calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub date: Date,
    /// Column: weeks since the Monday on or before 1 January.
    pub week: u8,
    /// Row: 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    pub count: usize,
    /// 0 (no post) to 4 (four or more).
    pub level: u8,
}

/// Every day of `year` placed on the grid, with the posts written that day.
pub fn calendar(year: i16, days: &[(Date, usize)]) -> Vec<Cell> {
    let Ok(first) = Date::new(year, 1, 1) else {
        return Vec::new();
    };
    let offset = first.weekday().to_monday_zero_offset() as i32;
    let counts: BTreeMap<Date, usize> = days.iter().copied().collect();
    let mut cells = Vec::with_capacity(366);
    let mut d = first;
    while d.year() == year {
        let n = i32::from(d.day_of_year()) - 1 + offset;
        let count = counts.get(&d).copied().unwrap_or(0);
        cells.push(Cell {
            date: d,
            week: (n / 7) as u8,
            weekday: (n % 7) as u8,
            count,
            level: count.min(4) as u8,
        });
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_of_a_year() {
        let tags_a = vec!["회고".to_string(), "Rust".to_string()];
        let tags_b = vec!["rust".to_string()];
        let facts = [
            Facts {
                date: d("2025-03-01"),
                words: 100,
                hangul: 80,
                minutes: 1,
                tags: &tags_a,
            },
            Facts {
                date: d("2025-03-02"),
                words: 50,
                hangul: 40,
                minutes: 1,
                tags: &tags_b,
            },
            Facts {
                date: d("2025-03-03"),
                words: 10,
                hangul: 0,
                minutes: 1,
                tags: &[],
            },
            Facts {
                date: d("2025-03-03"),
                words: 10,
                hangul: 0,
                minutes: 1,
                tags: &[],
            },
            Facts {
                date: d("2025-07-09"),
                words: 5,
                hangul: 5,
                minutes: 2,
                tags: &tags_a,
            },
            Facts {
                date: d("2024-12-31"),
                words: 1,
                hangul: 1,
                minutes: 1,
                tags: &[],
            },
        ];
        let ys = years(facts);
        assert_eq!(ys.iter().map(|y| y.year).collect::<Vec<_>>(), [2025, 2024]);
        let y = &ys[0];
        assert_eq!(
            (y.posts, y.words, y.hangul, y.reading_minutes),
            (5, 175, 125, 6)
        );
        assert_eq!(y.busiest_month, (3, 4));
        assert_eq!(y.longest_streak.days, 3);
        assert_eq!(y.longest_streak.start, d("2025-03-01"));
        assert_eq!(y.days.len(), 4);
        assert_eq!(y.days[2], (d("2025-03-03"), 2));
        let tags: Vec<(&str, usize)> = y
            .top_tags
            .iter()
            .map(|t| (t.name.as_str(), t.count))
            .collect();
        assert_eq!(tags, [("Rust", 3), ("회고", 2)]);
    }

    #[test]
    fn calendar_grid() {
        // 2025-01-01 is a Wednesday: row 2 of the first column.
        let cells = calendar(2025, &[(d("2025-01-01"), 2), (d("2025-12-31"), 5)]);
        assert_eq!(cells.len(), 365);
        assert_eq!((cells[0].week, cells[0].weekday, cells[0].level), (0, 2, 2));
        let last = cells.last().unwrap();
        assert_eq!((last.week, last.weekday, last.level), (52, 2, 4));
        // A leap year that starts on a Sunday needs a 54th column.
        let cells = calendar(2040, &[]);
        assert_eq!(cells.len(), 366);
        assert_eq!(cells.last().unwrap().week, 53);
        assert!(calendar(i16::MAX, &[]).is_empty());
    }
}
