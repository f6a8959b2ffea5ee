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
    Some(if folder.is_empty() {
        format!("/{src}")
    } else {
        format!("/{folder}/{src}")
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
