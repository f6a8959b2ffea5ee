//! A Jekyll site's own feed, where it was: Hyde, Lanyon and Poole publish theirs at
//! `/atom.xml` from a Liquid template at the top of the site, other themes at `/rss.xml`.
//! hoego makes its own feed (`/feed.xml`) and writes the same file at those paths too, so
//! that readers subscribed to the old address keep getting posts.

use std::path::Path;

/// Feed templates at the top of a Jekyll site that hoego's feed stands in for.
const OLD_FEEDS: &[&str] = &["atom.xml", "rss.xml"];

/// The output paths of the site's own feed templates: the files of [`OLD_FEEDS`] at `root`
/// that start with front matter (a template, not a file to copy as it is).
pub fn old_feed_paths(root: &Path) -> Vec<String> {
    OLD_FEEDS
        .iter()
        .filter(|name| super::pages::has_front_matter(&root.join(name)))
        .map(|name| name.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_templates_at_the_top_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(old_feed_paths(root).is_empty());
        std::fs::write(root.join("atom.xml"), "---\nlayout: null\n---\n<feed/>\n").unwrap();
        // A file without front matter is copied as it is, not replaced.
        std::fs::write(root.join("rss.xml"), "<rss/>\n").unwrap();
        assert_eq!(old_feed_paths(root), ["atom.xml"]);
    }
}
