//! A Jekyll site's pages: the About page at the root (`about.md`), in minimal-mistakes'
//! `_pages/` or in Chirpy's `_tabs/`, and the documents of its other output collections.
//! Jekyll publishes a Markdown file there when it starts with front matter; hoego builds
//! it as a standalone page. Pages that are only their layout (an empty `categories.md`
//! whose theme draws the list) and pages that list the site's posts with Liquid are left
//! to hoego's own tag, category, archive and search pages; where such a list page was at
//! another URL (Chirpy's `/archives/`), a redirect to hoego's keeps old links working.

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

/// The collection a page is a document of (`_recipes/pie.md` → `recipes`), from its
/// folder relative to the site and the site's output collections.
pub fn collection_of<'c>(
    dir: &str,
    collections: &'c [(String, Option<String>)],
) -> Option<&'c (String, Option<String>)> {
    let first = dir.split('/').next()?.strip_prefix('_')?;
    collections.iter().find(|(name, _)| name == first)
}

/// Whether a page is in the site's menu: Chirpy's `tabs` collection is its menu; the
/// documents of other collections (a theme's recipes, a portfolio) are not.
pub fn in_menu(dir: &str, collections: &[(String, Option<String>)]) -> bool {
    collection_of(dir, collections).is_none_or(|(name, _)| name == "tabs")
}

/// The lists hoego makes itself that a Jekyll theme's list layouts stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Archive,
    Categories,
    Tags,
    Home,
    Search,
}

/// The list of hoego's that a Jekyll theme's list layout draws (Chirpy's `archives`,
/// minimal-mistakes' `posts`, `categories`, `tags`, `home`, `search`).
pub fn list_for_layout(layout: &str) -> Option<List> {
    match layout {
        "archives" | "archive" | "posts" => Some(List::Archive),
        "categories" | "category" => Some(List::Categories),
        "tags" | "tag" => Some(List::Tags),
        "home" => Some(List::Home),
        "search" => Some(List::Search),
        _ => None,
    }
}

/// A page with nothing of its own to show: its layout made all of it. HTML comments do not
/// count (`<!-- the layout draws the list -->` is the whole body of many such pages).
pub fn layout_only(page: &Page) -> bool {
    let mut rest = page.body.trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        let Some(end) = comment.find("-->") else {
            return false;
        };
        rest = comment[end + 3..].trim_start();
    }
    rest.is_empty()
}

/// A warning when the page's Liquid lists the site's posts, tags or categories, which
/// hoego's Liquid in pages does not reach. Liquid shown in code fences or inside
/// `{% raw %}` (a theme's documentation) is text, not a list.
pub fn lists_posts(page: &Page) -> Option<Diagnostic> {
    const SITE_LISTS: &[&str] = &["site.posts", "site.tags", "site.categories", "paginator."];
    let mut fence: Option<&str> = None;
    let mut raw = false;
    for (n, line) in page.body.lines().enumerate() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if !raw && (t.starts_with("```") || t.starts_with("~~~")) {
            fence = Some(&t[..3]);
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find("{%") {
            let tail = &rest[open..];
            let close = tail.find("%}").map_or(tail.len(), |i| i + 2);
            let tag = &tail[..close];
            let inner = tag
                .trim_start_matches("{%")
                .trim_start_matches('-')
                .trim_start();
            let name = &inner[..inner
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .unwrap_or(inner.len())];
            match name {
                "raw" => raw = true,
                "endraw" => raw = false,
                _ if !raw => {
                    if let Some(list) = SITE_LISTS.iter().find(|l| tag.contains(*l)) {
                        return Some(
                            Diagnostic::new(
                                &page.source,
                                format!(
                                    "left out: the page lists the site's posts with Liquid \
                                     (`{}`); hoego's own tag, category and archive pages do that",
                                    list.trim_end_matches('.')
                                ),
                            )
                            .at(page.body_line + n, None),
                        );
                    }
                }
                _ => {}
            }
            rest = &tail[close..];
        }
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
    fn a_body_of_comments_is_only_its_layout() {
        let page = |body: &str| {
            let mut p = crate::site::test_page();
            p.body = body.to_string();
            p
        };
        assert!(layout_only(&page("")));
        assert!(layout_only(&page("\n  \n")));
        assert!(layout_only(&page(
            "\n<!-- Category page content is generated by the layout -->\n"
        )));
        assert!(layout_only(&page("<!-- a -->\n<!--b-->")));
        assert!(!layout_only(&page("<!-- a -->\n본문.")));
        assert!(!layout_only(&page("본문. <!-- a -->")));
        assert!(!layout_only(&page("<!-- never closed")));
    }

    #[test]
    fn only_liquid_that_runs_lists_the_posts() {
        let page = |body: &str| {
            let mut p = crate::site::test_page();
            p.body = body.to_string();
            p.body_line = 5;
            p
        };
        let d = lists_posts(&page(
            "글 목록\n\n{%- for post in site.posts -%}\n{% endfor %}\n",
        ));
        assert_eq!(d.as_ref().and_then(|d| d.line), Some(7));
        assert!(d.unwrap().message.contains("`site.posts`"));
        assert!(lists_posts(&page("{% if paginator.total_pages > 1 %}x{% endif %}")).is_some());
        for shown in [
            "```liquid\n{% for post in site.posts %}\n```\n",
            "~~~\n{% for t in site.tags %}\n~~~\n",
            "{% raw %}\n{% for c in site.categories %}\n{% endraw %}\n",
            "{%- raw -%}{% for post in site.posts %}{%- endraw -%}",
            "{%raw%}{% for post in site.posts %}{%endraw%}",
            "{{ site.title }} {% include note.html %} site.posts in prose",
        ] {
            assert!(lists_posts(&page(shown)).is_none(), "{shown}");
        }
    }

    #[test]
    fn documents_of_collections() {
        let recipes = ("recipes".to_string(), None);
        let app = ("app".to_string(), Some("/:name".to_string()));
        let all = [recipes.clone(), app.clone(), ("tabs".to_string(), None)];
        assert_eq!(collection_of("_recipes/sweet", &all), Some(&recipes));
        assert_eq!(collection_of("_pages", &all), None);
        assert_eq!(collection_of("", &all), None);
        assert!(in_menu("_tabs", &all) && in_menu("_pages", &all) && in_menu("", &all));
        assert!(!in_menu("_recipes/sweet", &all));
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
