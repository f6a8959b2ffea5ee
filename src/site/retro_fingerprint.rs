//! Fingerprints of what templates take from the site's retrospectives, for `serve` to tell
//! which outputs an edit changed without rendering them.

use super::Site;
use crate::retro;

/// A fingerprint of `site.retrospectives` (the timeline, `retrospectives.json` and templates
/// that use the list), for `serve` to tell when outputs that show it changed.
pub fn retros_fingerprint(site: &Site) -> u64 {
    use rayon::prelude::*;
    // From what the list is made of, rather than the list itself (which takes longer to make).
    *site.retro.fingerprint.get_or_init(|| {
        let index = &site.retro.index;
        let each = site.retro.entries.get_or_init(|| {
            index
                .order
                .par_iter()
                .map(|&i| match site.retro.known.get(&i) {
                    Some(&h) => h,
                    None => {
                        let p = &site.pages[i];
                        crate::retro::index::fingerprint(&(
                            &p.title,
                            &p.path,
                            p.date.as_ref().map(|d| d.timestamp()),
                            &p.retro,
                            index.places.get(&i),
                        ))
                    }
                })
                .collect()
        });
        crate::retro::index::fingerprint(each)
    })
}

/// A fingerprint of `site.years`.
pub fn years_fingerprint(site: &Site) -> u64 {
    let own: Vec<_> = site
        .retro
        .index
        .years
        .iter()
        .map(|y| {
            let own = site.retro.index.year_own.get(&y.year).map(|&i| {
                let p = &site.pages[i];
                (
                    &p.title,
                    &p.path,
                    p.retro.as_deref().map(|r| r.period.key()),
                )
            });
            (site.retro.index.year_fingerprints.get(&y.year), own)
        })
        .collect();
    crate::retro::index::fingerprint(&own)
}

/// The fingerprint of what a template with `mask` ([`super::templates::USES_RETROSPECTIVES`],
/// [`super::templates::USES_YEARS`]) shows of the lists.
pub fn full_fingerprint(site: &Site, mask: u8) -> u64 {
    let retros =
        (mask & super::templates::USES_RETROSPECTIVES != 0).then(|| retros_fingerprint(site));
    let years = (mask & super::templates::USES_YEARS != 0).then(|| years_fingerprint(site));
    crate::retro::index::fingerprint(&(retros, years))
}

/// A fingerprint of what `page.retro` of page `i` takes from other pages: its neighbours,
/// the goals carried over, and its year's numbers.
pub fn page_fingerprint(site: &Site, i: usize) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let r = site.pages.get(i)?.retro.as_deref()?;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    if let Some(p) = site.retro.index.places.get(&i) {
        for n in [p.previous, p.next].into_iter().flatten() {
            let page = &site.pages[n];
            (&page.title, &page.path).hash(&mut h);
            page.retro.as_deref().map(|o| &o.period).hash(&mut h);
        }
        p.carried.hash(&mut h);
    }
    if let retro::Period::Year(y) = r.period
        && site.retro.index.year_own.get(&y) == Some(&i)
    {
        site.retro.index.year_fingerprints.get(&y).hash(&mut h);
    }
    Some(h.finish())
}

/// What [`calendars`] is made from.
pub fn calendars_fingerprint(site: &Site) -> u64 {
    let parts: Vec<_> = site
        .retro
        .index
        .years
        .iter()
        .map(|y| (y.year, y.posts, &y.days, y.longest_streak))
        .collect();
    crate::retro::index::fingerprint(&parts)
}
