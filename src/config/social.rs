//! The parts of `config.toml` a blog shows the world: the author and their links, comments
//! (giscus, utterances), analytics, and site verification for search engines.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// `author = "name"`, or an `[author]` table with the profile the author box shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Author {
    pub name: String,
    /// Image path or URL for the author box.
    pub avatar: String,
    /// One or two sentences under the name.
    pub bio: String,
    /// A GitHub user name or profile URL.
    pub github: String,
    /// A LinkedIn profile name (`in/…`) or URL.
    pub linkedin: String,
    /// An X/Twitter handle (`@name`): also `twitter:site` and `twitter:creator`.
    pub twitter: String,
    pub email: String,
    /// A personal site.
    pub website: String,
    /// Link the site's feed in the author box.
    pub rss: bool,
    /// Written as a table: the default theme shows the author box.
    #[serde(skip)]
    pub profile: bool,
}

impl Default for Author {
    fn default() -> Self {
        Author {
            name: String::new(),
            avatar: String::new(),
            bio: String::new(),
            github: String::new(),
            linkedin: String::new(),
            twitter: String::new(),
            email: String::new(),
            website: String::new(),
            rss: true,
            profile: false,
        }
    }
}

impl<'de> Deserialize<'de> for AuthorField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AuthorField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name or an [author] table")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AuthorField, E> {
                Ok(AuthorField(Author {
                    name: v.to_string(),
                    ..Author::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AuthorField, A::Error> {
                let mut author = Author::deserialize(de::value::MapAccessDeserializer::new(map))?;
                author.profile = true;
                Ok(AuthorField(author))
            }
        }
        d.deserialize_any(V)
    }
}

/// [`Author`] as `config.toml` writes it: a string or a table.
struct AuthorField(Author);

/// Reads `author = "name"` or an `[author]` table.
pub fn deserialize_author<'de, D: Deserializer<'de>>(d: D) -> Result<Author, D::Error> {
    AuthorField::deserialize(d).map(|a| a.0)
}

/// A social link of the author box: `kind` names its icon.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SocialLink {
    pub kind: &'static str,
    pub label: String,
    pub url: String,
}

impl Author {
    /// The profile's links, in a fixed order; `feed` is the site's feed URL.
    pub fn links(&self, feed: &str) -> Vec<SocialLink> {
        let mut out = Vec::new();
        let mut push = |kind: &'static str, label: &str, url: String| {
            out.push(SocialLink {
                kind,
                label: label.to_string(),
                url,
            })
        };
        let profile = |value: &str, host: &str| {
            if value.contains("://") {
                value.to_string()
            } else {
                format!("https://{host}/{}", value.trim_start_matches(['@', '/']))
            }
        };
        if !self.github.is_empty() {
            push("github", "GitHub", profile(&self.github, "github.com"));
        }
        if !self.linkedin.is_empty() {
            let name = self.linkedin.trim_start_matches('/');
            let path = if name.contains('/') || self.linkedin.contains("://") {
                name.to_string()
            } else {
                format!("in/{name}")
            };
            push("linkedin", "LinkedIn", profile(&path, "www.linkedin.com"));
        }
        if !self.twitter.is_empty() {
            push("twitter", "X (Twitter)", profile(&self.twitter, "x.com"));
        }
        if !self.website.is_empty() {
            push("website", "Website", self.website.clone());
        }
        if !self.email.is_empty() {
            push("email", "Email", format!("mailto:{}", self.email));
        }
        if self.rss && !feed.is_empty() {
            push("rss", "RSS", feed.to_string());
        }
        out
    }

    /// The `@handle` for `twitter:site`, if the author has one.
    pub fn twitter_handle(&self) -> Option<String> {
        let t = self.twitter.trim();
        if t.is_empty() {
            return None;
        }
        let name = t.rsplit('/').next().unwrap_or(t).trim_start_matches('@');
        (!name.is_empty()).then(|| format!("@{name}"))
    }
}

/// `[comments]`: giscus or utterances under each post.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Comments {
    /// `giscus` or `utterances`; none when unset.
    pub provider: Option<Provider>,
    /// `owner/name` of the GitHub repository that holds the discussions or issues.
    pub repo: String,
    /// giscus: the repository's id (`R_…`), from giscus.app.
    pub repo_id: String,
    /// giscus: the discussion category and its id (`DIC_…`).
    pub category: String,
    pub category_id: String,
    /// How a page finds its discussion or issue.
    pub mapping: Mapping,
    /// utterances: a label for the issues it opens.
    pub label: String,
    /// giscus: reactions on the post.
    pub reactions: bool,
    /// giscus: the comment box `top` or `bottom`.
    pub input_position: String,
    /// giscus's interface language; the site's language when empty.
    pub lang: String,
}

impl Default for Comments {
    fn default() -> Self {
        Comments {
            provider: None,
            repo: String::new(),
            repo_id: String::new(),
            category: String::new(),
            category_id: String::new(),
            mapping: Mapping::Pathname,
            label: String::new(),
            reactions: true,
            input_position: "bottom".into(),
            lang: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Giscus,
    Utterances,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Mapping {
    #[serde(rename = "pathname")]
    Pathname,
    #[serde(rename = "url")]
    Url,
    #[serde(rename = "title")]
    Title,
    #[serde(rename = "og:title")]
    OgTitle,
}

impl Mapping {
    pub fn as_str(self) -> &'static str {
        match self {
            Mapping::Pathname => "pathname",
            Mapping::Url => "url",
            Mapping::Title => "title",
            Mapping::OgTitle => "og:title",
        }
    }
}

impl Comments {
    /// Why the section cannot work, with the key to point at.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let provider = self.provider?;
        let repo_ok = self.repo.split_once('/').is_some_and(|(o, n)| {
            let ok = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            };
            ok(o) && ok(n)
        });
        if !repo_ok {
            return Some((
                "repo",
                format!(
                    "[comments] repo `{}` must be a GitHub repository as `owner/name`",
                    self.repo
                ),
            ));
        }
        if provider == Provider::Giscus {
            for (key, value) in [
                ("repo_id", &self.repo_id),
                ("category", &self.category),
                ("category_id", &self.category_id),
            ] {
                if value.trim().is_empty() {
                    return Some((
                        key,
                        format!(
                            "[comments] giscus needs `{key}` (giscus.app shows repo_id, category and category_id for your repository)"
                        ),
                    ));
                }
            }
            if !matches!(self.input_position.as_str(), "top" | "bottom") {
                return Some((
                    "input_position",
                    format!(
                        "[comments] input_position `{}` must be `top` or `bottom`",
                        self.input_position
                    ),
                ));
            }
        }
        None
    }
}

/// `[analytics]`: each service is loaded only when its key is set.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Analytics {
    /// Google Analytics 4 measurement id, `G-…`.
    pub google: String,
    /// Plausible: the site's domain as Plausible knows it.
    pub plausible: String,
    pub plausible_script: String,
    /// Umami: the website id.
    pub umami: String,
    pub umami_script: String,
    /// Cloudflare Web Analytics: the beacon token.
    pub cloudflare: String,
}

impl Default for Analytics {
    fn default() -> Self {
        Analytics {
            google: String::new(),
            plausible: String::new(),
            plausible_script: "https://plausible.io/js/script.js".into(),
            umami: String::new(),
            umami_script: "https://cloud.umami.is/script.js".into(),
            cloudflare: String::new(),
        }
    }
}

impl Analytics {
    /// The first value that could break out of the markup it goes into, with its key.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let id_ok = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        };
        for (key, value) in [
            ("google", &self.google),
            ("plausible", &self.plausible),
            ("umami", &self.umami),
            ("cloudflare", &self.cloudflare),
        ] {
            if !id_ok(value) {
                return Some((
                    key,
                    format!(
                        "[analytics] {key} `{value}` may hold only letters, digits, `-`, `_`, `.` and `:`"
                    ),
                ));
            }
        }
        for (key, value) in [
            ("plausible_script", &self.plausible_script),
            ("umami_script", &self.umami_script),
        ] {
            if !value.starts_with("https://") || value.contains(['"', '<', '>', ' ']) {
                return Some((
                    key,
                    format!("[analytics] {key} `{value}` must be an https:// URL"),
                ));
            }
        }
        None
    }
}

/// `[verification]`: the tokens search engines' webmaster tools ask a site to show.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Verification {
    /// Google Search Console: `google-site-verification`.
    pub google: String,
    /// Naver Search Advisor: `naver-site-verification`.
    pub naver: String,
    /// Bing Webmaster Tools: `msvalidate.01`.
    pub bing: String,
}
