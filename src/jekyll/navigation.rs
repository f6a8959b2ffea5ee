//! The main menu a Jekyll blog lists in `_data/navigation.yml` (minimal-mistakes' `main:`,
//! which many themes copy). Without it, every page of the site's page folders would be in
//! the menu: a blog that keeps a hundred dev logs under `_pages/` had a hundred links at
//! the top of every page. With it, the menu is the pages it names, under its titles, in its
//! order, and the other sites it links; the lists hoego makes itself (home, tags,
//! categories, archive) are in the menu anyway, and a link to nothing the site builds (a
//! theme's sample `Quick-Start Guide`) is left out.

use std::path::Path;

use serde_json::Value;

/// The entries of `main:` (title and URL, in order), when the file has any.
pub fn main_links(root: &Path) -> Option<Vec<(String, String)>> {
    let text = ["navigation.yml", "navigation.yaml"]
        .iter()
        .find_map(|name| std::fs::read_to_string(root.join("_data").join(name)).ok())?;
    let Ok(Some(Value::Object(map))) = crate::content::yaml::parse_map(&text) else {
        return None;
    };
    let Some(Value::Array(items)) = map.get("main") else {
        return None;
    };
    let links: Vec<(String, String)> = items
        .iter()
        .filter_map(|item| {
            let text = |k: &str| item.get(k).and_then(Value::as_str).map(str::trim);
            let (title, url) = (text("title")?, text("url")?);
            (!title.is_empty() && !url.is_empty()).then(|| (title.to_string(), url.to_string()))
        })
        .collect();
    (!links.is_empty()).then_some(links)
}

/// Where a menu URL leads, given the site's own base URL (`https://me.github.io/blog/`):
/// a path inside the site (no leading or trailing `/`, `index.html` dropped), or `None`
/// for another site, which stays as written.
pub fn site_path(url: &str, base_url: &str) -> Option<String> {
    let base = base_url.trim_end_matches('/');
    let own = url
        .strip_prefix(base)
        .filter(|_| !base.is_empty() && base.contains("://"));
    let path = match own {
        Some(rest) => rest,
        None if url.contains("://") || url.starts_with("//") || url.contains(':') => return None,
        None => url,
    };
    let path = path.split(['#', '?']).next().unwrap_or("");
    let path = path.trim_start_matches('/');
    let path = path.strip_suffix("index.html").unwrap_or(path);
    Some(path.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_list_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("_data")).unwrap();
        std::fs::write(
            dir.path().join("_data/navigation.yml"),
            "# 메뉴\nmain:\n  - title: \"소개\"\n    url: /about/\n  - title: GitHub\n    url: https://github.com/me\n  - title: 빈 항목\n\nsidebar:\n  - title: 다른 목록\n    url: /x/\n",
        )
        .unwrap();
        assert_eq!(
            main_links(dir.path()),
            Some(vec![
                ("소개".into(), "/about/".into()),
                ("GitHub".into(), "https://github.com/me".into()),
            ])
        );
        std::fs::write(dir.path().join("_data/navigation.yml"), "main: []\n").unwrap();
        assert_eq!(main_links(dir.path()), None);
        assert_eq!(main_links(&dir.path().join("none")), None);
    }

    #[test]
    fn paths_inside_the_site() {
        let base = "https://me.github.io/blog/";
        assert_eq!(site_path("/about/", base).as_deref(), Some("about"));
        assert_eq!(site_path("about.html", base).as_deref(), Some("about.html"));
        assert_eq!(site_path("/", base).as_deref(), Some(""));
        assert_eq!(
            site_path("https://me.github.io/blog/ai/index.html#top", base).as_deref(),
            Some("ai")
        );
        assert_eq!(site_path("https://github.com/me", base), None);
        assert_eq!(site_path("mailto:me@example.com", base), None);
        assert_eq!(site_path("/about/", "/").as_deref(), Some("about"));
    }
}
