//! Series: posts that say `series: 이름` are read in order, oldest first. Each post shows its
//! place in the series with the previous and next part; every series has its own page.

use std::collections::BTreeMap;

use crate::content::Page;
use crate::content::slug::slugify;

pub const SERIES_DIR: &str = "series";

#[derive(Debug)]
pub struct SeriesGroup {
    /// The name as the oldest post writes it.
    pub name: String,
    pub slug: String,
    /// Indexes into `Site::pages`, oldest first.
    pub posts: Vec<usize>,
}

/// The series of `posts` (page indexes, newest first), by slug, and for every page its
/// series and place in it (`None` for pages in none).
pub fn group(pages: &[Page], posts: &[usize]) -> (Vec<SeriesGroup>, Vec<Option<(usize, usize)>>) {
    let mut by_slug: BTreeMap<String, SeriesGroup> = BTreeMap::new();
    for &i in posts.iter().rev() {
        let Some(name) = pages[i].front.series.as_deref() else {
            continue;
        };
        let slug = slugify(name);
        if slug.is_empty() {
            continue;
        }
        by_slug
            .entry(slug.clone())
            .or_insert_with(|| SeriesGroup {
                name: name.to_string(),
                slug,
                posts: Vec::new(),
            })
            .posts
            .push(i);
    }
    let groups: Vec<SeriesGroup> = by_slug.into_values().collect();
    let mut place = vec![None; pages.len()];
    for (g, group) in groups.iter().enumerate() {
        for (k, &i) in group.posts.iter().enumerate() {
            place[i] = Some((g, k));
        }
    }
    (groups, place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(series: Option<&str>) -> Page {
        let mut page = crate::site::test_page();
        page.front.series = series.map(String::from);
        page
    }

    #[test]
    fn oldest_first_by_slug() {
        // Newest first, as `Site::posts` orders them.
        let pages = vec![
            post(Some("Rust 입문")),
            post(None),
            post(Some("rust 입문")),
            post(Some("!!!")),
        ];
        let (groups, place) = group(&pages, &[0, 1, 2, 3]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].name, "rust 입문");
        assert_eq!(groups[0].slug, "rust-입문");
        assert_eq!(groups[0].posts, [2, 0]);
        assert_eq!(place, [Some((0, 1)), None, Some((0, 0)), None]);
    }
}
