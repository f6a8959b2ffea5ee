//! `config.toml`: defaults, strict keys (an unknown key is an error with its line), validation.

pub mod social;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Diagnostic, line_col};
pub use social::{Analytics, Author, Comments, Mapping, Provider, Verification};

pub const CONFIG_FILE: &str = "config.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Site title, shown in the header and the feed.
    pub title: String,
    pub description: String,
    /// `author = "name"`, or an `[author]` table with the author box's profile.
    #[serde(deserialize_with = "social::deserialize_author")]
    pub author: Author,
    /// Absolute URL of the site, may include a path: `https://user.github.io/blog/`.
    pub base_url: String,
    /// `ko` or `en` (labels and date formats); any BCP 47 tag is written to `<html lang>`.
    pub language: String,
    /// IANA time zone for dates written without an offset, e.g. `Asia/Seoul`.
    pub timezone: String,
    /// Jekyll-style permalink pattern for posts: `:year :month :day :title :slug :categories`.
    pub permalink: String,
    /// Posts per page on the home page listing.
    pub paginate: usize,
    /// Theme folder name under `themes/`; `default` is built into the binary.
    pub theme: String,
    /// How many posts the Atom feed carries.
    pub feed_limit: usize,
    /// Custom domain for GitHub Pages; writes a `CNAME` file when set.
    pub cname: Option<String>,
    /// The site's default `og:image` (a path under the site or a URL).
    pub image: String,
    /// The site's icon (a path under the site or a URL); the theme's `favicon.svg` when empty.
    pub favicon: String,
    /// How many related posts each post lists (0: none).
    pub related_posts: usize,
    pub markdown: MarkdownConfig,
    pub comments: Comments,
    pub analytics: Analytics,
    pub verification: Verification,
    /// Overrides of the theme's labels, e.g. `read_more = "더 읽기"`.
    pub labels: BTreeMap<String, String>,
    /// Anything else the theme wants, available as `site.extra`.
    pub extra: toml::Table,
    /// Set when the settings came from a Jekyll site's `_config.yml`.
    #[serde(skip)]
    pub jekyll: Option<JekyllSettings>,
}

/// What only a Jekyll site's `_config.yml` sets.
#[derive(Debug, Clone, Default)]
pub struct JekyllSettings {
    /// `defaults:` — front matter applied to the files of a scope.
    pub defaults: Vec<ScopedDefaults>,
    pub excerpt_separator: Option<String>,
    /// `exclude:` — files and folders (names or globs) the site leaves out.
    pub exclude: Vec<String>,
    /// `future: true` builds posts dated in the future.
    pub future: bool,
    /// Keys of Jekyll's machinery and themes that hoego does not use.
    pub ignored: Vec<String>,
    /// jekyll-polyglot's `languages` and `default_lang`: a page in another language is
    /// published under `/<lang>/`.
    pub languages: Vec<String>,
    pub default_lang: Option<String>,
    pub line_of_permalink: Option<usize>,
    /// Where jekyll-paginate put the home page's later pages (`paginate_path`, `/page:num`
    /// by default) when the site paginates: hoego's are at `/page/N/`, and a redirect
    /// stands at each old one.
    pub paginate_path: Option<String>,
    /// The site uses Chirpy (`theme:`, `remote_theme:` or its Gemfile): a post's relative
    /// image paths are from the site's root unless `media_subpath` says otherwise.
    pub chirpy: bool,
    /// Folders of pages Jekyll publishes besides the root's: those `include:` names that
    /// start with `_` (minimal-mistakes' `_pages`) and the folders of collections with
    /// `output: true` (Chirpy's `_tabs`).
    pub page_dirs: Vec<String>,
    /// The collections with `output: true`: each name and its `permalink`, if it has one.
    pub collections: Vec<(String, Option<String>)>,
    /// `collections_dir`: the folder (relative, `/`-separated) that holds the site's
    /// `_posts/`, `_drafts/` and collection folders instead of its root.
    pub collections_dir: Option<String>,
    /// `_data/navigation.yml`'s `main:` list (title, URL), when it has one: the menu.
    pub navigation: Option<Vec<(String, String)>>,
}

impl JekyllSettings {
    /// The folders, relative to the site, that hold its pages ([`Self::page_dirs`]) and,
    /// with a `collections_dir`, its posts and drafts: a collection's folder is in the
    /// collections folder (`docs/_tabs`).
    pub fn source_dirs(&self) -> Vec<String> {
        let Some(cd) = &self.collections_dir else {
            return self.page_dirs.clone();
        };
        let mut dirs: Vec<String> = self
            .page_dirs
            .iter()
            .map(|d| {
                let collection = self
                    .collections
                    .iter()
                    .any(|(n, _)| d.strip_prefix('_') == Some(n));
                if collection {
                    format!("{cd}/{d}")
                } else {
                    d.clone()
                }
            })
            .collect();
        dirs.push(format!("{cd}/_posts"));
        dirs.push(format!("{cd}/_drafts"));
        dirs
    }

    /// Whether `top`, a folder at the site's root, is one the collections folder replaces:
    /// `_posts/`, `_drafts/` or an output collection's. Jekyll reads none of those at the
    /// root when the site has a `collections_dir`.
    pub fn replaced_at_root(&self, top: &str) -> bool {
        self.collections_dir.is_some()
            && (top == "_posts"
                || top == "_drafts"
                || self
                    .collections
                    .iter()
                    .any(|(n, _)| top.strip_prefix('_') == Some(n)))
    }
}

/// One entry of `defaults:` in `_config.yml`.
#[derive(Debug, Clone)]
pub struct ScopedDefaults {
    /// Files under this path (relative to the site, `""` for all).
    pub path: String,
    /// `posts`, `pages`, `drafts` or a collection; `None` for every kind.
    pub kind: Option<String>,
    pub values: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Highlight fenced code blocks at build time.
    pub highlight: bool,
    /// syntect theme for the light colour scheme of the generated `css/syntax.css`.
    pub highlight_theme: String,
    /// syntect theme used under `prefers-color-scheme: dark`.
    pub highlight_theme_dark: String,
    /// Curly quotes and dashes.
    pub smart_punctuation: bool,
    /// Lets `**강조**는` render as bold (markdown-cjk-friendly rules).
    pub cjk_friendly_emphasis: bool,
    /// Single newlines inside a paragraph become `<br>` (kramdown's `hard_wrap`).
    pub hard_breaks: bool,
    /// `$$…$$` and `$…$` are math on every page (a page turns them on with `math: true`;
    /// Jekyll pages read `$$…$$` as math anyway, as kramdown does).
    pub math: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "My blog".into(),
            description: String::new(),
            author: Author::default(),
            base_url: "/".into(),
            language: "ko".into(),
            timezone: "Asia/Seoul".into(),
            permalink: "/:year/:slug/".into(),
            paginate: 10,
            theme: "default".into(),
            feed_limit: 20,
            cname: None,
            image: String::new(),
            favicon: String::new(),
            related_posts: 4,
            markdown: MarkdownConfig::default(),
            comments: Comments::default(),
            analytics: Analytics::default(),
            verification: Verification::default(),
            labels: BTreeMap::new(),
            extra: toml::Table::new(),
            jekyll: None,
        }
    }
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight: true,
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
            smart_punctuation: false,
            cjk_friendly_emphasis: true,
            hard_breaks: false,
            math: false,
        }
    }
}

impl Config {
    /// Reads `config.toml` under `root`; without one, a Jekyll site's `_config.yml`; with
    /// neither, all defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return match crate::jekyll::config::load(root)? {
                    Some((config, _)) => config.validate_jekyll(),
                    // A folder with `_posts/` and no settings at all: Jekyll's defaults.
                    None if root.join("_posts").is_dir() => {
                        crate::jekyll::config::from_map(Default::default(), "", "")
                            .0
                            .validate_jekyll()
                    }
                    None => Ok(Config::default()),
                };
            }
            Err(e) => return Err(Diagnostic::io(Path::new(CONFIG_FILE), "read", &e)),
        };
        Config::parse(&text).map_err(|mut d| {
            d.path = CONFIG_FILE.into();
            d
        })
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|e| {
            // Hugo's `config.toml` fails on its first camel-case key: say what it is.
            if let Some(key) = hugo_key(text) {
                let d = Diagnostic::new(
                    CONFIG_FILE,
                    format!(
                        "this is Hugo's configuration (`{key}`), which hoego does not read: \
                         keep it as `hugo.toml` and write hoego's own `config.toml` (`title`, \
                         `base_url`, `language`, `permalink`; see the README's config.toml \
                         section)"
                    ),
                );
                return match key_line(text, key) {
                    Some(line) => d.at(line, None),
                    None => d,
                };
            }
            let d = Diagnostic::new(CONFIG_FILE, e.message().trim().to_string());
            match e.span() {
                Some(span) => {
                    let (line, col) = line_col(text, span.start);
                    d.at(line, Some(col))
                }
                None => d,
            }
        })?;
        config.validate(text)?;
        Ok(config)
    }

    /// The checks of [`Config::validate`] that can fail for settings from `_config.yml`.
    fn validate_jekyll(self) -> Result<Config, Diagnostic> {
        let file = crate::jekyll::config::CONFIG_FILE;
        if let Err(why) = crate::output::confine::resolve_site_path(&self.permalink) {
            let d = Diagnostic::new(file, why);
            let line = self.jekyll.as_ref().and_then(|j| j.line_of_permalink);
            return Err(match line {
                Some(l) => d.at(l, None),
                None => d,
            });
        }
        Ok(self)
    }

    fn validate(&self, text: &str) -> Result<(), Diagnostic> {
        let at_key = |key: &str, msg: String| {
            let d = Diagnostic::new(CONFIG_FILE, msg);
            match key_line(text, key) {
                Some(line) => d.at(line, None),
                None => d,
            }
        };
        if crate::tz::get(&self.timezone).is_err() {
            return Err(at_key(
                "timezone",
                format!(
                    "unknown time zone `{}`: use an IANA name such as `Asia/Seoul` or `UTC`",
                    self.timezone
                ),
            ));
        }
        if let Err(why) = check_base_url(&self.base_url) {
            return Err(at_key("base_url", why));
        }
        if self.paginate == 0 {
            return Err(at_key("paginate", "paginate must be at least 1".into()));
        }
        if let Err(why) = crate::output::confine::resolve_site_path(&self.permalink) {
            return Err(at_key("permalink", why));
        }
        let in_section = |section: &str, key: &str, msg: String| {
            let d = Diagnostic::new(CONFIG_FILE, msg);
            match section_key_line(text, section, key) {
                Some(line) => d.at(line, None),
                None => d,
            }
        };
        if let Some((key, why)) = self.comments.problem() {
            return Err(in_section("comments", key, why));
        }
        if let Some((key, why)) = self.analytics.problem() {
            return Err(in_section("analytics", key, why));
        }
        for (key, value) in [("image", &self.image), ("favicon", &self.favicon)] {
            if value.contains(['"', '<', '>', '\\']) || value.chars().any(char::is_control) {
                return Err(at_key(
                    key,
                    format!("{key} `{value}` has quotes, angle brackets or control characters"),
                ));
            }
        }
        if self.related_posts > 20 {
            return Err(at_key(
                "related_posts",
                "related_posts must be between 0 and 20".into(),
            ));
        }
        if !self.permalink.starts_with('/') {
            return Err(at_key(
                "permalink",
                format!("permalink `{}` must start with `/`", self.permalink),
            ));
        }
        Ok(())
    }
}

/// Why `url` cannot be the site's base URL: it must be `http(s)://host/…` or a path
/// starting with `/`, with no spaces, quotes or angle brackets (it ends up in every link).
pub fn check_base_url(url: &str) -> Result<(), String> {
    let bad = |why: &str| {
        Err(format!(
            "base_url `{url}` {why}: use an absolute URL (https://example.com/blog/) or a path starting with `/`"
        ))
    };
    if url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    }) {
        return bad("has spaces, quotes or other characters a URL cannot have");
    }
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if let Some(r) = url.strip_prefix("http://") {
        r
    } else if url.starts_with("//") {
        return bad("has no scheme");
    } else if url.starts_with('/') {
        return Ok(());
    } else {
        return bad("is neither an http(s) URL nor a path");
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = !host.is_empty()
        && !host.contains('@')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '_'));
    if !host_ok {
        return bad("has no valid host");
    }
    if rest.contains(['?', '#']) {
        return bad("has a query or fragment");
    }
    Ok(())
}

/// The 1-based line where a top-level `key =` (TOML) or `key:` (YAML) is written, if any.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .map(|rest| {
                    let rest = rest.trim_start();
                    rest.starts_with('=') || rest.starts_with(':')
                })
                .unwrap_or(false)
        })
        .map(|i| i + 1)
}

/// Top-level keys only Hugo's `config.toml` has (Hugo spells them in camel case; hoego's
/// keys are in snake case): the first one `text` sets, if any.
fn hugo_key(text: &str) -> Option<&'static str> {
    const HUGO_KEYS: &[&str] = &[
        "baseURL",
        "baseurl",
        "languageCode",
        "defaultContentLanguage",
        "permalinks",
        "params",
        "menu",
        "menus",
        "markup",
        "module",
        "taxonomies",
        "outputs",
        "enableRobotsTXT",
        "hasCJKLanguage",
        "pagination",
    ];
    let table: toml::Table = toml::from_str(text).ok()?;
    HUGO_KEYS.iter().copied().find(|k| table.contains_key(*k))
}

/// The 1-based line of `key =` inside the `[section]` table (or, failing that, of the
/// section's header), if written.
pub fn section_key_line(text: &str, section: &str, key: &str) -> Option<usize> {
    let header = format!("[{section}]");
    let start = text.lines().position(|l| l.trim() == header)?;
    let found = text
        .lines()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(i, _)| i);
    Some(found.unwrap_or(start) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_korean_first() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.language, "ko");
        assert_eq!(c.timezone, "Asia/Seoul");
        assert!(c.markdown.cjk_friendly_emphasis);
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_valid_keys() {
        let err = Config::parse("title = \"x\"\n\ntitel = \"y\"\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("titel"), "{}", err.message);
        assert!(err.message.contains("base_url"), "{}", err.message);
    }

    #[test]
    fn wrong_type_is_an_error_with_line() {
        let err = Config::parse("title = \"x\"\npaginate = \"ten\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn bad_timezone_names_its_line() {
        let err = Config::parse("title = \"x\"\ntimezone = \"Seoul\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("Seoul"));
    }

    #[test]
    fn unknown_markdown_key_is_an_error() {
        let err = Config::parse("[markdown]\nhighlite = true\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("highlight"), "{}", err.message);
    }

    #[test]
    fn author_is_a_name_or_a_profile() {
        let c = Config::parse("author = \"김하늘\"\n").unwrap();
        assert_eq!(c.author.name, "김하늘");
        assert!(!c.author.profile);
        let c =
            Config::parse("[author]\nname = \"김하늘\"\ngithub = \"haneul\"\nemail = \"a@b.c\"\n")
                .unwrap();
        assert!(c.author.profile);
        let links = c.author.links("https://x/feed.xml");
        let kinds: Vec<&str> = links.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, ["github", "email", "rss"]);
        assert_eq!(links[0].url, "https://github.com/haneul");
        let err = Config::parse("[author]\nname = \"a\"\ngithab = \"x\"\n").unwrap_err();
        assert_eq!(err.line, Some(3), "{}", err.message);
        assert!(err.message.contains("github"), "{}", err.message);
    }

    #[test]
    fn hugos_config_toml_is_named_as_such() {
        let text =
            "title = '나의 블로그'\nlanguageCode = 'ko-kr'\nbaseURL = 'https://a.github.io/'\n";
        let e = Config::parse(text).unwrap_err();
        assert!(
            e.to_string().contains("Hugo's configuration (`baseURL`)"),
            "{e}"
        );
        assert_eq!(e.line, Some(3));
        // hoego's own keys in hoego's spelling are not taken for Hugo's.
        let ok =
            Config::parse("title = 't'\nbase_url = 'https://a.github.io/'\n[extra]\nparams = 1\n");
        assert!(ok.is_ok(), "{:?}", ok.err());
    }

    #[test]
    fn comments_are_checked_with_their_line() {
        let err = Config::parse("title = \"x\"\n[comments]\nprovider = \"disqus\"\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("giscus"), "{}", err.message);
        let err = Config::parse(
            "[comments]\nprovider = \"giscus\"\nrepo = \"me/blog\"\nrepo_id = \"R_1\"\n",
        )
        .unwrap_err();
        assert!(err.message.contains("category"), "{}", err.message);
        assert_eq!(err.line, Some(1));
        let err =
            Config::parse("[comments]\nprovider = \"utterances\"\nrepo = \"blog\"\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        let c = Config::parse(
            "[comments]\nprovider = \"utterances\"\nrepo = \"me/blog\"\nmapping = \"og:title\"\n",
        )
        .unwrap();
        assert_eq!(c.comments.mapping, Mapping::OgTitle);
    }

    #[test]
    fn analytics_values_cannot_break_out() {
        let err = Config::parse("[analytics]\ngoogle = \"G-1'</script>\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(Config::parse("[analytics]\ngoogle = \"G-ABC123\"\n").is_ok());
    }
}
