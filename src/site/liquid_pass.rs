//! The site's side of Liquid in post bodies ([`crate::jekyll::liquid`]): which pages get it
//! (every page of a Jekyll site, posts from `_posts/` and `_drafts/` anywhere, and any page
//! that says `render_with_liquid: true`; never one that says `false`), and what `site`,
//! `page`, `post_url`, `link` and `include` mean for this site.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::{Map, Value};

use super::Site;
use crate::content::{Page, slash_path};
use crate::error::Diagnostic;
use crate::jekyll::liquid::{self, Context};

pub struct LiquidPass {
    root: PathBuf,
    jekyll_site: bool,
    site: Map<String, Value>,
    /// `{% post_url %}` names → URL: the path inside `_posts/` without extension
    /// (`2023-01-01-a`, `sub/2023-01-01-a`), with and without a category folder.
    post_urls: HashMap<String, String>,
    /// File name → URLs, for names given without their folder (Jekyll resolves those too).
    by_name: HashMap<String, Vec<String>>,
    /// Source path (relative to the site) → URL, for `{% link %}`.
    links: HashMap<String, String>,
    includes: Mutex<HashMap<String, Option<String>>>,
}

impl LiquidPass {
    /// `None` when no page of the site can have Liquid.
    pub fn new(site: &Site) -> Option<LiquidPass> {
        let jekyll_site = site.config.jekyll.is_some();
        let any = jekyll_site
            || site.pages.iter().any(|p| {
                p.jekyll_folder
                    || p.front.extra.get("render_with_liquid") == Some(&Value::Bool(true))
            });
        if !any {
            return None;
        }
        let mut post_urls = HashMap::new();
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        let mut links = HashMap::new();
        for p in &site.pages {
            let url = site.base.href(&p.path);
            let source = slash_path(&p.source);
            links.insert(source.clone(), url.clone());
            if !p.is_post() {
                continue;
            }
            let stem = source.rsplit_once('.').map_or(source.as_str(), |(s, _)| s);
            if let Some((before, inside)) = stem.split_once("_posts/") {
                post_urls.insert(inside.to_string(), url.clone());
                post_urls.insert(format!("{before}{inside}"), url.clone());
            }
            let name = stem.rsplit('/').next().unwrap_or(stem).to_string();
            by_name.entry(name).or_default().push(url);
        }
        for s in &site.statics {
            let rel = s.source.strip_prefix(&site.root).unwrap_or(&s.source);
            links.insert(slash_path(rel), site.base.href(&format!("/{}", s.output)));
        }
        Some(LiquidPass {
            root: site.root.clone(),
            jekyll_site,
            site: site_data(site),
            post_urls,
            by_name,
            links,
            includes: Mutex::new(HashMap::new()),
        })
    }

    /// Whether `page`'s body goes through Liquid.
    pub fn applies(&self, page: &Page) -> bool {
        match page.front.extra.get("render_with_liquid") {
            Some(Value::Bool(b)) => *b,
            _ => self.jekyll_site || page.jekyll_folder,
        }
    }

    /// The body after Liquid, and the warnings (at the page's lines).
    pub fn render(&self, page: &Page, data: &Map<String, Value>) -> (String, Vec<Diagnostic>) {
        let post_url = |name: &str| self.post_url(name);
        let link = |path: &str| self.links.get(path).cloned();
        let include = |name: &str| self.include(name);
        let ctx = Context {
            site: &self.site,
            page: data,
            post_url: &post_url,
            link: &link,
            include: &include,
        };
        let (body, warnings) = liquid::render(&page.body, &ctx);
        let warnings = warnings
            .into_iter()
            .map(|w| Diagnostic::new(&page.source, w.message).at(page.line_of(w.offset), None))
            .collect();
        (body, warnings)
    }

    fn post_url(&self, name: &str) -> Option<String> {
        let name = name.trim().trim_start_matches('/');
        let name = name.rsplit_once('.').map_or(name, |(s, e)| {
            if e.chars().all(char::is_alphanumeric) && !e.chars().all(|c| c.is_ascii_digit()) {
                s
            } else {
                name
            }
        });
        if let Some(url) = self.post_urls.get(name) {
            return Some(url.clone());
        }
        // Without its folder, as Jekyll still accepts (with a deprecation warning there).
        let base = name.rsplit('/').next().unwrap_or(name);
        match self.by_name.get(base).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            _ => None,
        }
    }

    /// `_includes/NAME`, read once; `None` for a name that would leave `_includes/`.
    fn include(&self, name: &str) -> Option<String> {
        let name = name.trim().trim_matches(['"', '\'']);
        let bad = name.is_empty()
            || name.starts_with('/')
            || name.contains('\\')
            || Path::new(name)
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)));
        if bad {
            return None;
        }
        let mut cache = self.includes.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(name.to_string())
            .or_insert_with(|| {
                let path = self.root.join("_includes").join(name);
                // A link to a file outside the site is not read, as everywhere else.
                if crate::content::Inside::new(&self.root)
                    .outside(&path)
                    .is_some()
                {
                    return None;
                }
                std::fs::read_to_string(path).ok()
            })
            .clone()
    }
}

/// `site` in Liquid: `url` (scheme and host), `baseurl` (the path), the title and the rest
/// of the settings.
fn site_data(site: &Site) -> Map<String, Value> {
    let c = &site.config;
    let base = &site.base;
    let host = base
        .url
        .strip_suffix(base.path.as_str())
        .filter(|h| h.contains("://"))
        .unwrap_or("");
    let mut map = crate::value::table_to_json(&c.extra);
    map.insert("url".into(), Value::from(host));
    map.insert(
        "baseurl".into(),
        Value::from(base.path.trim_end_matches('/')),
    );
    map.insert("title".into(), Value::from(c.title.clone()));
    map.insert("description".into(), Value::from(c.description.clone()));
    map.insert("author".into(), Value::from(c.author.name.clone()));
    map.insert("lang".into(), Value::from(c.language.clone()));
    map
}

/// `page` in Liquid: the front matter, with the fields Jekyll adds.
pub fn page_data(site: &Site, page: &Page) -> Map<String, Value> {
    let mut map = page.front.extra.clone();
    let f = &page.front;
    map.insert("title".into(), Value::from(page.title.clone()));
    map.insert("url".into(), Value::from(site.base.href(&page.path)));
    map.insert("slug".into(), Value::from(page.slug.clone()));
    map.insert("tags".into(), Value::from(f.tags.clone()));
    map.insert("categories".into(), Value::from(f.categories.clone()));
    if let Some(d) = &page.date {
        map.insert("date".into(), Value::from(crate::i18n::rfc3339(d)));
    }
    for (k, v) in [
        ("description", &f.description),
        ("layout", &f.layout),
        ("permalink", &f.permalink),
        ("image", &f.image),
        ("author", &f.author),
        ("lang", &f.lang),
    ] {
        if let Some(v) = v {
            map.insert(k.into(), Value::from(v.clone()));
        }
    }
    map
}
