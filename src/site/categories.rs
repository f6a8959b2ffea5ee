//! Categories as a tree, as Chirpy shows them: a post's categories are a path
//! (`categories: [dev, rust]`, or `dev/rust` written as one), the same path Jekyll puts in
//! its URL, so the post is listed under `/categories/dev/` and `/categories/dev/rust/`.
//! Names are compared without case (as Jekyll's URLs lower-case them); the first spelling
//! met in the newest post is shown.

use std::collections::BTreeMap;

use crate::content::Page;
use crate::content::slug::slugify;

pub const CATEGORIES_DIR: &str = "categories";

#[derive(Debug)]
pub struct CategoryGroup {
    /// The name as written (the last segment of the path).
    pub name: String,
    /// Slugs of the segments joined with `/`: `dev/rust`.
    pub path: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Indexes into `Site::pages`, newest first: the posts of this category and of those
    /// under it.
    pub posts: Vec<usize>,
}

impl CategoryGroup {
    pub fn depth(&self) -> usize {
        self.path.matches('/').count()
    }
}

/// A post's category path: its categories in order, `a/b` split, empty and duplicate
/// (case-insensitive) segments dropped, as `(name, slug)`.
pub fn category_path(page: &Page) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for name in page.front.categories.iter().flat_map(|c| c.split('/')) {
        let name = name.trim();
        let slug = slugify(name);
        if slug.is_empty() || out.iter().any(|(_, s)| *s == slug) {
            continue;
        }
        out.push((name.to_string(), slug));
    }
    out
}

/// The tree of categories of `posts` (page indexes, newest first), sorted by path so that a
/// parent comes before its children.
pub fn group(pages: &[Page], posts: &[usize]) -> Vec<CategoryGroup> {
    let mut by_path: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for &i in posts {
        let mut path = String::new();
        for (name, slug) in category_path(&pages[i]) {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(&slug);
            let entry = by_path
                .entry(path.clone())
                .or_insert_with(|| (name, Vec::new()));
            if entry.1.last() != Some(&i) {
                entry.1.push(i);
            }
        }
    }
    let mut groups: Vec<CategoryGroup> = by_path
        .into_iter()
        .map(|(path, (name, posts))| CategoryGroup {
            name,
            path,
            parent: None,
            children: Vec::new(),
            posts,
        })
        .collect();
    let index: BTreeMap<String, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.path.clone(), i))
        .collect();
    for i in 0..groups.len() {
        let parent = groups[i]
            .path
            .rsplit_once('/')
            .and_then(|(p, _)| index.get(p).copied());
        groups[i].parent = parent;
        if let Some(p) = parent {
            groups[p].children.push(i);
        }
    }
    groups
}

/// The output folder of a category: `categories/dev/rust`.
pub fn dir(group: &CategoryGroup) -> String {
    format!("{CATEGORIES_DIR}/{}", group.path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::parse;

    fn post(categories: &str) -> Page {
        let text = format!("---\ncategories: {categories}\n---\n");
        let parsed = parse(std::path::Path::new("p.md"), &text).unwrap();
        let mut page = crate::site::test_page();
        page.front = parsed.front;
        page
    }

    #[test]
    fn paths_nest_and_merge_without_case() {
        let pages = vec![
            post("[Dev, Rust]"),
            post("[dev]"),
            post("\"dev/Go\""),
            post("[일상]"),
            post("[\"  \", 일상, 일상]"),
        ];
        let groups = group(&pages, &[0, 1, 2, 3, 4]);
        let paths: Vec<&str> = groups.iter().map(|g| g.path.as_str()).collect();
        assert_eq!(paths, ["dev", "dev/go", "dev/rust", "일상"]);
        assert_eq!(groups[0].name, "Dev");
        assert_eq!(groups[0].posts, [0, 1, 2]);
        assert_eq!(groups[0].children, [1, 2]);
        assert_eq!(groups[2].parent, Some(0));
        assert_eq!(groups[2].posts, [0]);
        assert_eq!(groups[2].depth(), 1);
        assert_eq!(groups[3].posts, [3, 4]);
        assert_eq!(dir(&groups[1]), "categories/dev/go");
    }
}
