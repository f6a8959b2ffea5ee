//! A Jekyll site's pages: the About page at the root (`about.md`), in minimal-mistakes'
//! `_pages/` or in Chirpy's `_tabs/`. Jekyll publishes a Markdown file there when it starts
//! with front matter; hoego builds it as a standalone page. Pages that are only their
//! layout (an empty `categories.md` whose theme draws the list) and pages that list the
//! site's posts with Liquid are left to hoego's own tag, category, archive and search
//! pages.

use std::io::Read;
use std::path::Path;

use crate::content::Page;
use crate::error::Diagnostic;

/// Whether the file starts with front matter (after a byte-order mark), as Jekyll requires
/// of a page: a Markdown file without it (a README) is not one.
pub fn has_front_matter(path: &Path) -> bool {
    let mut head = [0u8; 8];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = &head[..n];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.starts_with(b"---\n") || head.starts_with(b"---\r\n")
}

/// The URL Jekyll gives a page without a `permalink`: `/:path/:basename:output_ext`, or
/// `/:path/:basename/` when the site's style is `pretty` or ends with `/`; an `index`
/// page is its folder. `dir` is the page's folder relative to the site.
pub fn page_path(dir: &str, stem: &str, site_permalink: &str) -> String {
    let mut path = String::from("/");
    for seg in dir.split('/').filter(|s| !s.is_empty()) {
        path.push_str(seg);
        path.push('/');
    }
    if stem != "index" {
        path.push_str(stem);
        if site_permalink == "pretty" || site_permalink.ends_with('/') {
            path.push('/');
        } else {
            path.push_str(".html");
        }
    }
    path
}

/// A page with nothing of its own to show: its layout made all of it.
pub fn layout_only(page: &Page) -> bool {
    page.body.trim().is_empty()
}

/// A warning when the page's Liquid lists the site's posts, tags or categories, which
/// hoego's Liquid in pages does not reach.
pub fn lists_posts(page: &Page) -> Option<Diagnostic> {
    const SITE_LISTS: &[&str] = &["site.posts", "site.tags", "site.categories", "paginator."];
    let body = page.body.as_str();
    let mut from = 0;
    while let Some(open) = body[from..].find("{%").map(|i| from + i) {
        let close = body[open..].find("%}").map_or(body.len(), |i| open + i);
        let tag = &body[open..close];
        if let Some(list) = SITE_LISTS.iter().find(|l| tag.contains(*l)) {
            let line = page.body_line + body[..open].matches('\n').count();
            return Some(
                Diagnostic::new(
                    &page.source,
                    format!(
                        "left out: the page lists the site's posts with Liquid (`{}`); \
                         hoego's own tag, category and archive pages do that",
                        list.trim_end_matches('.')
                    ),
                )
                .at(line, None),
            );
        }
        from = close;
    }
    None
}

/// Jekyll's title for a page without one: its name in words, each capitalised
/// (`about` → `About`, `my-links` → `My Links`).
pub fn title_from_name(name: &str) -> String {
    name.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_follow_the_sites_style() {
        assert_eq!(page_path("", "about", "date"), "/about.html");
        assert_eq!(page_path("", "about", "pretty"), "/about/");
        assert_eq!(page_path("", "about", "/:categories/:title/"), "/about/");
        assert_eq!(page_path("docs", "index", "date"), "/docs/");
        assert_eq!(
            page_path("_pages", "Contact", "none"),
            "/_pages/Contact.html"
        );
    }

    #[test]
    fn titles_from_names() {
        assert_eq!(title_from_name("about"), "About");
        assert_eq!(title_from_name("my-links_page"), "My Links Page");
        assert_eq!(title_from_name("소개"), "소개");
    }

    #[test]
    fn front_matter_is_told_from_the_first_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let cases: [(&str, &[u8], bool); 5] = [
            ("a.md", b"---\ntitle: x\n---\n", true),
            ("b.md", b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n", true),
            ("c.md", b"# README\n", false),
            ("d.md", b"--", false),
            ("e.md", b"----\n", false),
        ];
        for (name, bytes, want) in cases {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            assert_eq!(has_front_matter(&p), want, "{name}");
        }
        assert!(!has_front_matter(&dir.join("missing.md")));
    }
}
