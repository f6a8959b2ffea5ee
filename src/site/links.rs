//! Rewrites link and image destinations written in Markdown so they work from the page's
//! URL and under a base path: root-relative paths get the base path, relative paths to other
//! content files (posts, pages, images next to them) become their site URLs.

use std::collections::HashMap;

use crate::content::slug::{decode_path, encode_path};

pub struct LinkMap {
    /// Base path of the site, `/` or `/blog/`.
    pub base_path: String,
    /// Content-relative source (`posts/2023-12-31-회고.md`) → encoded URL with base path.
    pub pages: HashMap<String, String>,
    /// Content-relative files copied as they are (`posts/img/a.png`).
    pub files: std::collections::HashSet<String>,
}

impl LinkMap {
    /// `None` leaves the destination as written.
    pub fn resolve(&self, content_dir: &str, dest: &str) -> Option<String> {
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return None;
        }
        let (path, suffix) = match dest.find(['#', '?']) {
            Some(i) => dest.split_at(i),
            None => (dest, ""),
        };
        if let Some(rest) = path.strip_prefix('/') {
            if self.base_path == "/" || path.starts_with(&self.base_path) {
                return None;
            }
            return Some(format!("{}{rest}{suffix}", self.base_path));
        }
        let decoded = decode_path(path);
        let joined = join(content_dir, &decoded)?;
        if let Some(url) = self.pages.get(&joined) {
            return Some(format!("{url}{suffix}"));
        }
        if self.files.contains(&joined) {
            return Some(format!(
                "{}{}{suffix}",
                self.base_path,
                encode_path(&joined)
            ));
        }
        None
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Joins a relative path onto a folder, resolving `.` and `..`; `None` when it climbs out.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(base: &str) -> LinkMap {
        let mut pages = HashMap::new();
        pages.insert(
            "posts/2023-12-31-회고.md".to_string(),
            format!("{base}2023/%ED%9A%8C%EA%B3%A0/"),
        );
        let files = ["posts/img/a.png".to_string(), "images/b.png".to_string()]
            .into_iter()
            .collect();
        LinkMap {
            base_path: base.into(),
            pages,
            files,
        }
    }

    #[test]
    fn root_relative_gets_the_base_path() {
        assert_eq!(
            map("/blog/").resolve("posts", "/images/b.png").as_deref(),
            Some("/blog/images/b.png")
        );
        assert_eq!(map("/blog/").resolve("posts", "/blog/images/b.png"), None);
        assert_eq!(map("/").resolve("posts", "/images/b.png"), None);
    }

    #[test]
    fn relative_files_and_pages() {
        let m = map("/blog/");
        assert_eq!(
            m.resolve("posts", "img/a.png").as_deref(),
            Some("/blog/posts/img/a.png")
        );
        assert_eq!(
            m.resolve("posts", "../images/b.png").as_deref(),
            Some("/blog/images/b.png")
        );
        assert_eq!(
            m.resolve("posts", "./2023-12-31-회고.md#keep").as_deref(),
            Some("/blog/2023/%ED%9A%8C%EA%B3%A0/#keep")
        );
        assert_eq!(
            m.resolve("posts", "2023-12-31-%ED%9A%8C%EA%B3%A0.md")
                .as_deref(),
            Some("/blog/2023/%ED%9A%8C%EA%B3%A0/")
        );
        assert_eq!(m.resolve("posts", "missing.png"), None);
    }

    #[test]
    fn external_and_fragments_are_left_alone() {
        let m = map("/blog/");
        for d in [
            "https://example.com/a",
            "mailto:a@b.c",
            "#top",
            "//cdn.example.com/x.js",
            "",
        ] {
            assert_eq!(m.resolve("posts", d), None, "{d}");
        }
    }
}
