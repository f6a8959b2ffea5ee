//! The site's retrospectives together: newest first, chained within each kind, with last
//! time's next goals carried over, and every year with posts summed up in numbers.

use std::collections::HashMap;

use rayon::prelude::*;

use super::chain::{self, Carried, Link};
use super::years::{self, Facts, Year};
use crate::content::Page;

/// Where a retrospective stands among the others.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
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
    /// Each year's own retrospective: the newest yearly retrospective of that year, which
    /// shows the year in numbers.
    pub year_own: HashMap<i16, usize>,
    /// A hash of each year's numbers, for `serve` to see which changed.
    pub year_fingerprints: HashMap<i16, u64>,
    /// Goals carried over, by a hash of the two lists compared: the next build (`serve`,
    /// after an edit) compares only the pairs that changed.
    pub carried_memo: HashMap<u64, Carried>,
    /// The period of each retrospective, by page index: what [`Index::refresh`] checks.
    pub periods: HashMap<usize, super::Period>,
}

impl Index {
    /// `posts`: page indexes of the site's posts. `memo`: an earlier index's carried goals,
    /// reused where the goals compared are the same.
    pub fn build(pages: &[Page], posts: &[usize], memo: Option<&HashMap<u64, Carried>>) -> Index {
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
        // The chain and its carried goals on one side, the order and the years on the other:
        // neither needs the other, and this runs while the rest of the build waits.
        let (chained, ordered) = rayon::join(
            || chain_places(pages, &retros, &links, memo),
            || order_and_years(pages, posts, retros.clone()),
        );
        let (places, carried_memo) = chained;
        let (order, years, year_own, periods) = ordered;
        let year_fingerprints = years.iter().map(|y| (y.year, fingerprint(y))).collect();
        Index {
            order,
            places,
            years,
            year_own,
            year_fingerprints,
            carried_memo,
            periods,
        }
    }

    /// Brings the index up to date after the text of the `changed` pages (indexes) changed
    /// while their dates did not — the common edit in `serve`. It applies when every changed
    /// page is still what it was (a retrospective of the same period, or not one): then the
    /// order and the chain stand, and only the goals carried into and out of the changed
    /// retrospectives and the numbers of their years are redone. Returns false, having
    /// changed nothing, when it does not apply.
    pub fn refresh(&mut self, pages: &[Page], posts: &[usize], changed: &[usize]) -> bool {
        let same = changed.iter().all(|&i| {
            let now = pages
                .get(i)
                .and_then(|p| p.retro.as_ref())
                .map(|r| &r.period);
            now == self.periods.get(&i)
        });
        if !same {
            return false;
        }
        // Carried goals: into each changed retrospective, and out of it into the next one.
        let mut redo: Vec<usize> = Vec::new();
        for &i in changed {
            if let Some(place) = self.places.get(&i) {
                redo.push(i);
                redo.extend(place.next);
            }
        }
        redo.sort_unstable();
        redo.dedup();
        for i in redo {
            let previous = self.places.get(&i).and_then(|p| p.previous);
            let carried = previous.and_then(|p| {
                let (k, c) = carry(pages, p, i, Some(&self.carried_memo))?;
                self.carried_memo.insert(k, c.clone());
                Some(c)
            });
            if let Some(place) = self.places.get_mut(&i) {
                place.carried = carried;
            }
        }
        // The numbers of the years the changed posts were written in.
        let mut touched: Vec<i16> = changed
            .iter()
            .filter_map(|&i| pages.get(i)?.date.as_ref().map(|d| d.date().year()))
            .collect();
        touched.sort_unstable();
        touched.dedup();
        for y in touched {
            let facts: Vec<Facts> = posts
                .iter()
                .filter_map(|&i| facts_of(&pages[i]))
                .filter(|f| f.date.year() == y)
                .collect();
            let Some(slot) = self.years.iter_mut().find(|old| old.year == y) else {
                continue;
            };
            *slot = years::years(facts).pop().unwrap_or_else(|| slot.clone());
            self.year_fingerprints.insert(y, fingerprint(&*slot));
        }
        true
    }

    pub fn year(&self, year: i16) -> Option<&Year> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// How retrospective `i` reviews the next goals of `previous`, with the key of that pair
/// (looked up in `memo` before carrying them over); `None` when either is not a
/// retrospective or `previous` set no next goals.
fn carry(
    pages: &[Page],
    previous: usize,
    i: usize,
    memo: Option<&HashMap<u64, Carried>>,
) -> Option<(u64, Carried)> {
    let before = pages[previous].retro.as_ref()?;
    let here = pages[i].retro.as_ref()?;
    if before.analysis.next_goals.is_empty() {
        return None;
    }
    let k = fingerprint(&(&before.analysis.next_goals, &here.analysis.goals));
    let c = match memo.and_then(|m| m.get(&k)) {
        Some(c) => c.clone(),
        None => chain::carry(&before.analysis.next_goals, &here.analysis.goals),
    };
    Some((k, c))
}

/// What a post adds to its year's numbers.
pub fn facts_of(p: &Page) -> Option<Facts<'_>> {
    let stats = &p.rendered.stats;
    p.date.as_ref().map(|d| Facts {
        date: d.date(),
        words: stats.word_count(),
        hangul: stats.hangul,
        minutes: stats.reading_minutes(),
        tags: &p.front.tags,
    })
}

fn order_periods(pages: &[Page], order: &[usize]) -> HashMap<usize, super::Period> {
    order
        .iter()
        .filter_map(|&i| Some((i, pages[i].retro.as_ref()?.period.clone())))
        .collect()
}

/// A 64-bit hash of anything hashable (the same in every run).
pub fn fingerprint<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    value.hash(&mut h);
    h.finish()
}

/// Each retrospective's place in its chain, with the goals carried over from the one before
/// it; and the carried goals by what they were computed from, for the next build.
fn chain_places(
    pages: &[Page],
    retros: &[usize],
    links: &[Link],
    memo: Option<&HashMap<u64, Carried>>,
) -> (HashMap<usize, Place>, HashMap<u64, Carried>) {
    let neighbours = chain::neighbours(links);
    // Carrying goals over compares every goal pair: side by side on every core.
    let computed: Vec<(usize, Place, Option<u64>)> = retros
        .par_iter()
        .enumerate()
        .map(|(pos, &i)| {
            let (prev, next) = neighbours[pos];
            let (previous, next) = (prev.map(|p| retros[p]), next.map(|n| retros[n]));
            let found = previous.and_then(|p| carry(pages, p, i, memo));
            let key = found.as_ref().map(|(k, _)| *k);
            let carried = found.map(|(_, c)| c);
            let place = Place {
                previous,
                next,
                carried,
            };
            (i, place, key)
        })
        .collect();
    let mut places = HashMap::with_capacity(computed.len());
    let mut carried_memo = HashMap::new();
    for (i, place, key) in computed {
        if let (Some(k), Some(c)) = (key, &place.carried) {
            carried_memo.insert(k, c.clone());
        }
        places.insert(i, place);
    }
    (places, carried_memo)
}

type Ordered = (
    Vec<usize>,
    Vec<Year>,
    HashMap<i16, usize>,
    HashMap<usize, super::Period>,
);

/// The retrospectives newest first, the years summed up, each year's own retrospective and
/// the periods in order.
fn order_and_years(pages: &[Page], posts: &[usize], mut order: Vec<usize>) -> Ordered {
    order.sort_by_cached_key(|&i| {
        let p = &pages[i];
        let end = p
            .retro
            .as_ref()
            .and_then(|r| r.period.end())
            .or_else(|| p.date.as_ref().map(|d| d.date()));
        (
            std::cmp::Reverse((end, p.date.as_ref().map(|d| d.timestamp()))),
            p.source.as_os_str().as_encoded_bytes(),
        )
    });
    let facts = posts.iter().filter_map(|&i| facts_of(&pages[i]));
    let years = years::years(facts);
    let mut year_own = HashMap::new();
    for &i in &order {
        if let Some(super::Period::Year(y)) = pages[i].retro.as_ref().map(|r| &r.period) {
            year_own.entry(*y).or_insert(i);
        }
    }
    let periods = order_periods(pages, &order);
    (order, years, year_own, periods)
}
