//! Chirpy's `media_subpath` (`img_path` before Chirpy 7): the folder a post's images are in,
//! set in its front matter or in `_config.yml`'s `defaults:`, so that `![](a.png)` and
//! `image: a.png` name `/assets/img/post/a.png`.

use serde_json::{Map, Value};

/// The page's media folder, when its front matter (defaults included) sets one.
pub fn subpath(front: &Map<String, Value>) -> Option<&str> {
    ["media_subpath", "img_path"]
        .iter()
        .find_map(|k| front.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// `src` under `subpath` when it is a relative path (`a.png`, `./a.png`); `None` for a URL,
/// a root-relative path or a fragment, which stay as written.
pub fn under(subpath: &str, src: &str) -> Option<String> {
    if src.is_empty() || src.starts_with(['/', '#', '?']) || src.contains(':') {
        return None;
    }
    let src = src.trim_start_matches("./");
    let folder = subpath.trim_end_matches('/');
    if folder.contains("://") || folder.starts_with("//") {
        return Some(format!("{folder}/{src}"));
    }
    let folder = folder.trim_start_matches('/');
    let path = if folder.is_empty() {
        format!("/{src}")
    } else {
        format!("/{folder}/{src}")
    };
    Some(without_dot_segments(&path))
}

/// `/a/../b/./c` as a browser resolves it, `/b/c`; a `..` above the root stays at the root
/// (`/../assets/a.png`, what Chirpy writes for `../assets/a.png`, is `/assets/a.png`).
fn without_dot_segments(path: &str) -> String {
    let (path, suffix) = path.split_at(path.find(['?', '#']).unwrap_or(path.len()));
    let mut kept: Vec<&str> = Vec::new();
    for part in path.split('/').skip(1) {
        match part {
            "." => {}
            ".." => {
                kept.pop();
            }
            p => kept.push(p),
        }
    }
    format!("/{}{suffix}", kept.join("/"))
}

/// The `<img>` tags of a piece of raw HTML with each relative `src` under `subpath` and
/// then through `resolve`, as Chirpy rewrites every image of a post's HTML (not only those
/// written in Markdown); `None` when nothing changes.
pub fn img_srcs(
    html: &str,
    subpath: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = String::new();
    let mut done = 0;
    for (tag, _) in lower.match_indices("<img") {
        if tag < done {
            continue;
        }
        let end = lower[tag..].find('>').map_or(html.len(), |e| tag + e);
        let Some(attr) = lower[tag..end].find(" src=").map(|a| tag + a + 5) else {
            continue;
        };
        let Some(quote) = html[attr..]
            .chars()
            .next()
            .filter(|q| *q == '"' || *q == '\'')
        else {
            continue;
        };
        let start = attr + 1;
        let Some(len) = html[start..end].find(quote) else {
            continue;
        };
        let src = &html[start..start + len];
        // Root-relative paths only get the base path, as in Markdown.
        let placed = under(subpath, src)
            .or_else(|| (src.starts_with('/') && !src.starts_with("//")).then(|| src.into()));
        let Some(new) = placed.map(|u| resolve(&u).unwrap_or(u)) else {
            continue;
        };
        if new == src {
            continue;
        }
        out.push_str(&html[done..start]);
        out.push_str(&crate::markdown::escape_attr(&new));
        done = start + len;
    }
    (done > 0).then(|| {
        out.push_str(&html[done..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_under_the_folder() {
        assert_eq!(
            under("/assets/img/posts/hello/", "a.png").as_deref(),
            Some("/assets/img/posts/hello/a.png")
        );
        assert_eq!(
            under("assets/img", "./그림 1.png").as_deref(),
            Some("/assets/img/그림 1.png")
        );
        assert_eq!(
            under("https://cdn.example.com/img/", "a.png").as_deref(),
            Some("https://cdn.example.com/img/a.png")
        );
        assert_eq!(under("/", "a.png").as_deref(), Some("/a.png"));
        for kept in [
            "/assets/a.png",
            "https://x.org/a.png",
            "data:image/png;base64,AA",
            "#top",
            "",
        ] {
            assert_eq!(under("/assets/img/", kept), None, "{kept}");
        }
    }

    #[test]
    fn dot_segments_resolve_as_in_a_browser() {
        assert_eq!(
            under("/", "../assets/img/a.png").as_deref(),
            Some("/assets/img/a.png")
        );
        assert_eq!(
            under("/assets/img/posts/", "../b/./c.png?v=1").as_deref(),
            Some("/assets/img/b/c.png?v=1")
        );
    }

    #[test]
    fn raw_html_images_go_under_the_folder_too() {
        let none = |_: &str| None;
        let html =
            "<p><img src=\"../assets/a.png\" width=\"300\"> 그림 <IMG alt='b' SRC='b.png'></p>";
        assert_eq!(
            img_srcs(html, "/", &none).as_deref(),
            Some(
                "<p><img src=\"/assets/a.png\" width=\"300\"> 그림 <IMG alt='b' SRC='/b.png'></p>"
            )
        );
        let base = |u: &str| Some(format!("/blog{u}"));
        assert_eq!(
            img_srcs("<img src=\"x.png\"><img src=\"/y.png\">", "/img/", &base).as_deref(),
            Some("<img src=\"/blog/img/x.png\"><img src=\"/blog/y.png\">")
        );
        for kept in [
            "<img src=\"https://x.org/a.png\">",
            "<img src=\"/a.png\">",
            "<p>no image</p>",
            "<img alt=\"x\">",
            "<img src=unquoted.png>",
        ] {
            assert_eq!(img_srcs(kept, "/", &none), None, "{kept}");
        }
    }

    #[test]
    fn the_newer_key_wins() {
        let front: Map<String, Value> = serde_json::from_str(
            r#"{"img_path": "/old/", "media_subpath": "/new/", "title": "x"}"#,
        )
        .unwrap();
        assert_eq!(subpath(&front), Some("/new/"));
        let front: Map<String, Value> = serde_json::from_str(r#"{"img_path": " "}"#).unwrap();
        assert_eq!(subpath(&front), None);
    }
}
