//! The site's retrospectives together: newest first, chained within each kind, with last
//! time's next goals carried over, and every year with posts summed up in numbers.

use std::collections::HashMap;

use rayon::prelude::*;

use super::chain::{self, Carried, Link};
use super::years::{self, Facts, Year};
use crate::content::Page;

/// Where a retrospective stands among the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// Page indexes of the previous and next retrospective of the same kind.
    pub previous: Option<usize>,
    pub next: Option<usize>,
    /// The previous one's next goals, reviewed here (`None` without a previous one that
    /// set any).
    pub carried: Option<Carried>,
}

#[derive(Debug, Default)]
pub struct Index {
    /// Page indexes of every retrospective, newest first.
    pub order: Vec<usize>,
    /// By page index, for retrospectives only.
    pub places: HashMap<usize, Place>,
    /// Every year with posts, newest first.
    pub years: Vec<Year>,
}

impl Index {
    /// `posts`: page indexes of the site's posts.
    pub fn build(pages: &[Page], posts: &[usize]) -> Index {
        let retros: Vec<usize> = posts
            .iter()
            .copied()
            .filter(|&i| pages[i].retro.is_some())
            .collect();
        let links: Vec<Link> = retros
            .iter()
            .filter_map(|&i| {
                let p = &pages[i];
                p.retro.as_ref().map(|r| Link {
                    period: &r.period,
                    written: p.date.as_ref().map(|d| d.timestamp()),
                    source: &p.source,
                })
            })
            .collect();
        let neighbours = chain::neighbours(&links);
        // Carrying goals over compares every goal pair: side by side on every core.
        let places: HashMap<usize, Place> = retros
            .par_iter()
            .enumerate()
            .map(|(pos, &i)| {
                let (prev, next) = neighbours[pos];
                let (previous, next) = (prev.map(|p| retros[p]), next.map(|n| retros[n]));
                let carried = previous.and_then(|p| {
                    let before = pages[p].retro.as_ref()?;
                    let here = pages[i].retro.as_ref()?;
                    (!before.analysis.next_goals.is_empty())
                        .then(|| chain::carry(&before.analysis.next_goals, &here.analysis.goals))
                });
                (
                    i,
                    Place {
                        previous,
                        next,
                        carried,
                    },
                )
            })
            .collect();
        let mut order = retros;
        order.sort_by(|&a, &b| {
            let key = |i: usize| {
                let p = &pages[i];
                let end = p
                    .retro
                    .as_ref()
                    .and_then(|r| r.period.end())
                    .or_else(|| p.date.as_ref().map(|d| d.date()));
                (end, p.date.as_ref().map(|d| d.timestamp()))
            };
            key(b)
                .cmp(&key(a))
                .then_with(|| pages[a].source.cmp(&pages[b].source))
        });
        let facts = posts.iter().filter_map(|&i| {
            let p = &pages[i];
            let stats = &p.rendered.stats;
            p.date.as_ref().map(|d| Facts {
                date: d.date(),
                words: stats.word_count(),
                hangul: stats.hangul,
                minutes: stats.reading_minutes(),
                tags: &p.front.tags,
            })
        });
        Index {
            order,
            places,
            years: years::years(facts),
        }
    }

    pub fn year(&self, year: i16) -> Option<&Year> {
        self.years.iter().find(|y| y.year == year)
    }
}
