//! `_config.yml`: a Jekyll site's settings, read into hoego's [`Config`] when the site has
//! no `config.toml`. Keys with a hoego meaning are mapped (title, url + baseurl, permalink,
//! timezone, paginate, lang, kramdown's hard_wrap and smart quotes, excerpt_separator,
//! exclude, front-matter defaults, future); theme and plugin keys are listed as ignored;
//! everything else reaches templates as `site.extra`.

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::{Config, JekyllSettings, ScopedDefaults};
use crate::content::yaml;
use crate::error::Diagnostic;

pub const CONFIG_FILE: &str = "_config.yml";

/// Keys that only matter to Jekyll's own machinery or its themes: hoego has its own.
const IGNORED: &[&str] = &[
    "theme",
    "remote_theme",
    "plugins",
    "gems",
    "whitelist",
    "markdown",
    "highlighter",
    "sass",
    "keep_files",
    "jekyll-archives",
    "compress_html",
    "livereload",
    "incremental",
    "safe",
    "source",
    "destination",
    "layouts_dir",
    "data_dir",
    "includes_dir",
    "plugins_dir",
    "encoding",
    "markdown_ext",
    "port",
    "host",
    "liquid",
    "webrick",
];

/// What `_config.yml` makes of a site, and what it ignored. `None` when there is none.
pub fn load(root: &Path) -> Result<Option<(Config, Vec<String>)>, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Diagnostic::io(Path::new(CONFIG_FILE), "read", &e)),
    };
    let map = match yaml::parse_map(&text) {
        Ok(Some(Value::Object(m))) => m,
        Ok(_) => Map::new(),
        Err(e) => {
            let d = Diagnostic::new(CONFIG_FILE, format!("invalid YAML: {e}"));
            return Err(match e.location() {
                Some(loc) if loc.line() > 0 => {
                    d.at(loc.line() as usize, Some(loc.column() as usize))
                }
                _ => d,
            });
        }
    };
    // A missing or unreadable Gemfile declares no plugins.
    let gemfile = std::fs::read_to_string(root.join("Gemfile")).unwrap_or_default();
    let says_language = ["lang", "locale", "default_lang"]
        .iter()
        .any(|k| map.get(*k).is_some_and(|v| !v.is_null()));
    let (mut config, ignored) = from_map(map, &text, &gemfile);
    if !says_language {
        let dir = config
            .jekyll
            .as_ref()
            .and_then(|j| j.collections_dir.as_deref());
        let posts = dir
            .map_or_else(|| root.to_path_buf(), |d| root.join(d))
            .join("_posts");
        if let Some(lang) = super::language::of_posts(&posts) {
            config.language = lang.into();
        }
    }
    if super::mathjax::dollars_everywhere(root) {
        config.markdown.math = true;
    }
    if let Some(j) = config.jekyll.as_mut() {
        j.navigation = super::navigation::main_links(root);
    }
    Ok(Some((config, ignored)))
}

/// The folders whose pages Jekyll publishes, from `include:` and the output collections.
fn page_dirs(include: Option<Value>, collections: &[(String, Option<String>)]) -> Vec<String> {
    let mut dirs: Vec<String> = match include {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| string(Some(v)))
            .map(|d| d.trim_matches('/').to_string())
            .filter(|d| d.starts_with('_') && !d.contains('/') && d != "_posts" && d != "_drafts")
            .collect(),
        _ => Vec::new(),
    };
    dirs.extend(collections.iter().map(|(name, _)| format!("_{name}")));
    dirs.sort();
    dirs.dedup();
    dirs
}

/// A folder of the site as `collections_dir` names it (`docs`, `/docs/`, `./my/cols`):
/// `/`-separated, without `.`; `None` for the root itself or a path that leaves the site.
fn folder(dir: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in dir.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains(':') => return None,
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Whether the site runs jekyll-polyglot: named in `plugins:` (or the older `gems:`) or in
/// the Gemfile. Only then do `languages` move pages under `/<lang>/`; many Korean blogs
/// list `languages` for a language switcher of their own and keep Jekyll's URLs.
fn uses_polyglot(map: &Map<String, Value>, gemfile: &str) -> bool {
    const GEM: &str = "jekyll-polyglot";
    let listed = ["plugins", "gems"].iter().any(|key| match map.get(*key) {
        Some(Value::Array(items)) => items.iter().any(|v| v.as_str() == Some(GEM)),
        _ => false,
    });
    listed
        || gemfile.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("gem ")
                && [format!("\"{GEM}\""), format!("'{GEM}'")]
                    .iter()
                    .any(|quoted| line.contains(quoted.as_str()))
        })
}

fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The site's settings from the keys of `_config.yml` (`text` for line numbers) and the
/// text of its Gemfile (empty when it has none).
pub fn from_map(mut map: Map<String, Value>, text: &str, gemfile: &str) -> (Config, Vec<String>) {
    let polyglot = uses_polyglot(&map, gemfile);
    let mut config = Config::default();
    let mut settings = JekyllSettings {
        chirpy: gemfile.contains("jekyll-theme-chirpy")
            || ["theme", "remote_theme"]
                .iter()
                .any(|k| string(map.get(*k)).is_some_and(|t| t.contains("jekyll-theme-chirpy"))),
        ..JekyllSettings::default()
    };
    let posts_permalink = map
        .get("collections")
        .and_then(|c| c.get("posts"))
        .and_then(|p| string(p.get("permalink")))
        .filter(|p| !p.is_empty());
    let mut take = |key: &str| map.remove(key);

    if let Some(t) = string(take("title").as_ref()) {
        config.title = t;
    }
    let tagline = string(take("tagline").as_ref());
    config.description = string(take("description").as_ref())
        .or(tagline)
        .unwrap_or_default();
    config.author.name = match take("author") {
        Some(Value::Object(o)) => string(o.get("name")).unwrap_or_default(),
        other => string(other.as_ref()).unwrap_or_default(),
    };
    let social = take("social");
    if config.author.name.is_empty() {
        config.author.name = social
            .as_ref()
            .and_then(|s| string(s.get("name")))
            .unwrap_or_default();
    }
    config.base_url = base_url(
        string(take("url").as_ref()).as_deref(),
        string(take("baseurl").as_ref()).as_deref(),
    );
    // Jekyll's own default: `/:categories/:year/:month/:day/:title:output_ext`. A
    // `permalink` under `collections: posts:` wins over the site's, as in Jekyll.
    let site_permalink = string(take("permalink").as_ref()).filter(|p| !p.is_empty());
    settings.line_of_permalink = match posts_permalink {
        Some(_) => posts_permalink_line(text),
        None => top_level_line(text, "permalink"),
    };
    config.permalink = match posts_permalink.or(site_permalink) {
        Some(p) if p.starts_with('/') || !p.contains('/') => p,
        Some(p) => format!("/{p}"),
        None => "date".into(),
    };
    // GitHub Pages builds in UTC; a site that names its zone gets it.
    config.timezone = string(take("timezone").as_ref())
        .filter(|tz| crate::tz::get(tz).is_ok())
        .unwrap_or_else(|| "UTC".into());
    let paginate_path = string(take("paginate_path").as_ref()).filter(|p| p.contains(":num"));
    if let Some(n) = take("paginate").and_then(|v| v.as_u64()).filter(|n| *n > 0) {
        config.paginate = n as usize;
        settings.paginate_path = Some(paginate_path.unwrap_or_else(|| "/page:num".into()));
    }
    let lang = string(take("lang").as_ref()).or(string(take("locale").as_ref()));
    config.language = lang.unwrap_or_else(|| "en".into());
    // kramdown as Jekyll configures it: GFM input, typographic quotes and dashes, no hard
    // wrap unless asked.
    config.markdown.smart_punctuation = true;
    if let Some(Value::Object(k)) = take("kramdown") {
        if let Some(b) = k.get("hard_wrap").and_then(bool_of) {
            config.markdown.hard_breaks = b;
        }
        if let Some(q) = string(k.get("smart_quotes"))
            && q.replace(' ', "") == "apos,apos,quot,quot"
        {
            config.markdown.smart_punctuation = false;
        }
    }
    settings.excerpt_separator = string(take("excerpt_separator").as_ref());
    settings.exclude = match take("exclude") {
        Some(Value::Array(items)) => items.iter().filter_map(|v| string(Some(v))).collect(),
        _ => Vec::new(),
    };
    settings.future = take("future").as_ref().and_then(bool_of).unwrap_or(false);
    // Without jekyll-polyglot, `languages` is the site's own key (`site.extra`), but its
    // `default_lang` still says what language the site is written in.
    let languages = match map.get("languages") {
        Some(Value::Array(langs)) => langs.iter().filter_map(|v| string(Some(v))).collect(),
        _ => Vec::new(),
    };
    if polyglot {
        map.remove("languages");
        settings.languages = languages.clone();
    }
    let mut take = |key: &str| map.remove(key);
    settings.default_lang = string(take("default_lang").as_ref());
    if let (Some(d), true) = (&settings.default_lang, config.language == "en")
        && !languages.is_empty()
    {
        config.language = d.clone();
    }
    settings.collections = match take("collections") {
        Some(Value::Object(c)) => c
            .iter()
            .filter(|(name, v)| {
                v.get("output").and_then(bool_of).unwrap_or(false)
                    && name.as_str() != "posts"
                    && !name.contains(['/', '\\'])
            })
            .map(|(name, v)| (name.clone(), string(v.get("permalink"))))
            .collect(),
        _ => Vec::new(),
    };
    settings.page_dirs = page_dirs(take("include"), &settings.collections);
    settings.collections_dir = string(take("collections_dir").as_ref()).and_then(|d| folder(&d));
    if let Some(Value::Array(defaults)) = take("defaults") {
        settings.defaults = defaults.iter().filter_map(scoped).collect();
    }
    super::social::apply(&mut config, &map, social.as_ref());
    let mut ignored: Vec<String> = IGNORED
        .iter()
        .filter(|k| map.remove(**k).is_some())
        .map(|k| k.to_string())
        .collect();
    ignored.sort();
    for (k, v) in map {
        if let Some(v) = json_to_toml(&v) {
            config.extra.insert(k, v);
        }
    }
    if let Some(s) = social.as_ref().and_then(json_to_toml) {
        config.extra.insert("social".into(), s);
    }
    settings.ignored = ignored.clone();
    config.jekyll = Some(settings);
    (config, ignored)
}

/// The 1-based line of a top-level `key:` (not one inside a mapping).
fn top_level_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The 1-based line of `permalink:` in `collections:` → `posts:`.
fn posts_permalink_line(text: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let start = top_level_line(text, "collections")?;
    let posts = (start..lines.len()).find(|&i| {
        indent(lines[i]) > 0
            && lines[i]
                .trim()
                .strip_prefix("posts:")
                .is_some_and(|rest| rest.is_empty() || rest.trim_start().starts_with('#'))
    })?;
    let depth = indent(lines[posts]);
    (posts + 1..lines.len())
        .take_while(|&i| lines[i].trim().is_empty() || indent(lines[i]) > depth)
        .find(|&i| {
            lines[i]
                .trim_start()
                .strip_prefix("permalink")
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

fn bool_of(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => yaml::yaml11_bool(s).or(match s.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }),
        _ => None,
    }
}

/// `url` + `baseurl`, as Jekyll joins them for `absolute_url`; `/` + `baseurl` without a
/// usable `url`.
fn base_url(url: Option<&str>, baseurl: Option<&str>) -> String {
    let base = baseurl.unwrap_or("").trim_matches('/');
    let path = if base.is_empty() {
        "/".to_string()
    } else {
        format!("/{base}/")
    };
    match url.map(|u| u.trim_end_matches('/')) {
        Some(u) if crate::config::check_base_url(&format!("{u}/")).is_ok() && u.contains("://") => {
            format!("{u}{path}")
        }
        _ => path,
    }
}

/// One entry of `defaults:` — `{scope: {path, type}, values}`.
fn scoped(v: &Value) -> Option<ScopedDefaults> {
    let scope = v.get("scope");
    let values = v.get("values")?.as_object()?.clone();
    Some(ScopedDefaults {
        path: scope
            .and_then(|s| string(s.get("path")))
            .unwrap_or_default(),
        kind: scope.and_then(|s| string(s.get("type"))),
        values,
    })
}

/// A JSON value as TOML, for `site.extra` (TOML has no null: those are left out).
fn json_to_toml(v: &Value) -> Option<toml::Value> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().filter_map(json_to_toml).collect()),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter_map(|(k, v)| Some((k.clone(), json_to_toml(v)?)))
                .collect(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(yaml_text: &str) -> (Config, Vec<String>) {
        let map = match yaml::parse_map(yaml_text).unwrap() {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        };
        from_map(map, yaml_text, "")
    }

    #[test]
    fn a_chirpy_style_config() {
        let (c, ignored) = config(
            "title: 개발 일지\ntagline: 매일 조금씩\nurl: \"https://dev.github.io\"\nbaseurl: \"\"\nlang: ko-KR\ntimezone: Asia/Seoul\ntheme: jekyll-theme-chirpy\npaginate: 10\nsocial:\n  name: 홍길동\nkramdown:\n  hard_wrap: true\ndefaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      layout: post\n      permalink: /posts/:title/\nexclude: [README.md]\n",
        );
        assert_eq!(c.title, "개발 일지");
        assert_eq!(c.description, "매일 조금씩");
        assert_eq!(c.author.name, "홍길동");
        assert_eq!(c.base_url, "https://dev.github.io/");
        assert_eq!(c.language, "ko-KR");
        assert_eq!(c.timezone, "Asia/Seoul");
        assert_eq!(c.paginate, 10);
        assert_eq!(c.permalink, "date");
        assert!(c.markdown.hard_breaks);
        assert!(c.markdown.smart_punctuation);
        let j = c.jekyll.unwrap();
        assert_eq!(j.defaults.len(), 1);
        assert_eq!(j.defaults[0].kind.as_deref(), Some("posts"));
        assert_eq!(j.defaults[0].values["permalink"], "/posts/:title/");
        assert_eq!(j.exclude, ["README.md"]);
        assert_eq!(ignored, ["theme"]);
    }

    #[test]
    fn the_posts_collections_permalink_wins_over_the_sites() {
        let text = "collections:\n  authors:\n    output: true\n    permalink: /authors/:path/\n  posts: # the blog\n    output: true\n\n    permalink: \"/posts/:year/:month/:day/:title\"\npermalink: /:year-:month-:day/:title\n";
        let (c, _) = config(text);
        assert_eq!(c.permalink, "/posts/:year/:month/:day/:title");
        assert_eq!(c.jekyll.unwrap().line_of_permalink, Some(8));
        // Without one, the site's (top-level, not the authors') is used and pointed at.
        let text = "collections:\n  authors:\n    permalink: /authors/:path/\n  posts:\n    output: true\npermalink: /:year-:month-:day/:title\n";
        let (c, _) = config(text);
        assert_eq!(c.permalink, "/:year-:month-:day/:title");
        assert_eq!(c.jekyll.unwrap().line_of_permalink, Some(6));
        let (c, _) = config("collections:\n  posts:\n    permalink: \"\"\npermalink: pretty\n");
        assert_eq!(c.permalink, "pretty");
    }

    #[test]
    fn url_and_baseurl_make_the_base_url() {
        assert_eq!(
            base_url(Some("https://a.github.io/"), Some("/blog")),
            "https://a.github.io/blog/"
        );
        assert_eq!(base_url(None, Some("blog")), "/blog/");
        assert_eq!(base_url(Some(""), None), "/");
        assert_eq!(base_url(Some("a.github.io"), None), "/");
        let (c, _) = config("permalink: pretty\n");
        assert_eq!(c.permalink, "pretty");
        assert_eq!(c.timezone, "UTC");
        let (c, _) = config("permalink: :categories/:title/\n");
        assert_eq!(c.permalink, "/:categories/:title/");
    }

    #[test]
    fn languages_move_pages_only_where_jekyll_polyglot_runs() {
        let langs = "languages: [\"ko\", \"en\"]\ndefault_lang: ko\n";
        let (c, _) = config(&format!("{langs}plugins:\n  - jekyll-polyglot\n"));
        assert_eq!(c.jekyll.unwrap().languages, ["ko", "en"]);
        let (c, _) = config(&format!("{langs}gems: [jekyll-polyglot]\n"));
        assert_eq!(c.jekyll.unwrap().languages, ["ko", "en"]);

        let (c, ignored) = config(&format!("{langs}plugins: [jekyll-sitemap]\n"));
        assert_eq!(
            c.language, "ko",
            "default_lang is still the site's language"
        );
        assert!(c.jekyll.unwrap().languages.is_empty());
        assert!(c.extra.contains_key("languages"), "{:?}", c.extra);
        assert_eq!(ignored, ["plugins"]);

        let map = |text: &str| match yaml::parse_map(text).unwrap() {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        };
        let with_gemfile = |gemfile: &str| {
            let (c, _) = from_map(map(langs), langs, gemfile);
            !c.jekyll.unwrap().languages.is_empty()
        };
        assert!(with_gemfile(
            "source \"https://rubygems.org\"\ngroup :jekyll_plugins do\n  gem \"jekyll-polyglot\"\nend\n"
        ));
        assert!(with_gemfile("gem 'jekyll-polyglot', '~> 1.8'\n"));
        assert!(!with_gemfile(
            "# gem \"jekyll-polyglot\"\ngem \"jekyll-feed\"\n"
        ));
        assert!(!with_gemfile("gem \"jekyll-polyglot-extra\"\n"));
    }

    #[test]
    fn page_folders_come_from_include_and_output_collections() {
        let (c, ignored) = config(
            "include: [.htaccess, _pages, docs, /_extra/]\ncollections:\n  tabs:\n    output: true\n  notes:\n    output: false\n  posts:\n    output: true\n",
        );
        let j = c.jekyll.unwrap();
        assert_eq!(j.page_dirs, ["_extra", "_pages", "_tabs"]);
        assert_eq!(j.collections, [("tabs".to_string(), None)]);
        let (c, _) = config("collections:\n  app:\n    output: true\n    permalink: /:name\n");
        assert_eq!(
            c.jekyll.unwrap().collections,
            [("app".to_string(), Some("/:name".to_string()))]
        );
        assert!(ignored.is_empty(), "{ignored:?}");
        let (c, _) = config("title: x\n");
        assert!(c.jekyll.unwrap().page_dirs.is_empty());
    }

    #[test]
    fn a_collections_folder_holds_posts_drafts_and_collections() {
        let (c, ignored) = config(
            "collections_dir: /my/cols/\ninclude: [_pages]\ncollections:\n  tabs:\n    output: true\n",
        );
        assert!(ignored.is_empty(), "{ignored:?}");
        let j = c.jekyll.unwrap();
        assert_eq!(j.collections_dir.as_deref(), Some("my/cols"));
        assert_eq!(
            j.source_dirs(),
            [
                "_pages",
                "my/cols/_tabs",
                "my/cols/_posts",
                "my/cols/_drafts"
            ]
        );
        assert!(j.replaced_at_root("_posts") && j.replaced_at_root("_tabs"));
        assert!(!j.replaced_at_root("_pages") && !j.replaced_at_root("assets"));
        for bad in ["..", "../up", "a/../../b", "/", ".", "C:/x"] {
            let (c, _) = config(&format!("collections_dir: \"{bad}\"\n"));
            let j = c.jekyll.unwrap();
            assert_eq!(j.collections_dir, None, "{bad}");
            assert!(!j.replaced_at_root("_posts"), "{bad}");
        }
        let (c, _) = config("collections_dir: ./docs\n");
        assert_eq!(c.jekyll.unwrap().collections_dir.as_deref(), Some("docs"));
    }
}
