//! What a Jekyll theme's `_config.yml` says about the author, comments, analytics and
//! verification, read into hoego's own settings: Chirpy's keys (`avatar`, `social.links`,
//! `social_preview_image`, `comments.giscus`/`utterances`, `analytics.*.id`,
//! `webmaster_verifications`) and minima's and minimal-mistakes' (`github_username`,
//! `twitter_username`, `repository`, `google_site_verification`). The keys stay in
//! `site.extra` as well; a value hoego could not use is left out, never an error (Jekyll
//! would not have complained either).

use serde_json::{Map, Value};

use crate::config::{Config, Mapping, Provider};

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn at<'a>(v: Option<&'a Value>, key: &str) -> Option<&'a Value> {
    v?.as_object()?.get(key)
}

/// `social` is the `social:` mapping, taken out of `map` before.
pub fn apply(config: &mut Config, map: &Map<String, Value>, social: Option<&Value>) {
    let author = &mut config.author;
    author.avatar = text(map.get("avatar"));
    author.email = text(at(social, "email"));
    for link in at(social, "links")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let url = text(Some(link));
        let host = url.split("://").nth(1).unwrap_or("").split('/').next();
        match host.unwrap_or("") {
            "github.com" | "www.github.com" => author.github = url,
            "linkedin.com" | "www.linkedin.com" => author.linkedin = url,
            "twitter.com" | "x.com" | "www.twitter.com" => author.twitter = url,
            _ => {}
        }
    }
    for (key, field) in [
        ("github_username", &mut author.github),
        ("twitter_username", &mut author.twitter),
    ] {
        let v = text(map.get(key));
        if !v.is_empty() && field.is_empty() {
            *field = v;
        }
    }
    author.profile = !author.avatar.is_empty();
    config.image = text(map.get("social_preview_image"));

    let verify = map.get("webmaster_verifications");
    config.verification.google = text(at(verify, "google"));
    config.verification.naver = text(at(verify, "naver"));
    config.verification.bing = text(at(verify, "bing"));
    for (key, field) in [
        ("google_site_verification", &mut config.verification.google),
        ("naver_site_verification", &mut config.verification.naver),
        ("bing_site_verification", &mut config.verification.bing),
    ] {
        let v = text(map.get(key));
        if !v.is_empty() {
            *field = v;
        }
    }

    let analytics = map.get("analytics");
    let mut a = config.analytics.clone();
    a.google = text(at(at(analytics, "google"), "id"));
    a.umami = text(at(at(analytics, "umami"), "id"));
    let umami_src = text(at(at(analytics, "umami"), "domain"));
    if umami_src.starts_with("https://") {
        a.umami_script = umami_src;
    }
    a.cloudflare = text(at(at(analytics, "cloudflare"), "id"));
    if let Some(id) = map.get("google_analytics").map(|v| text(Some(v))) {
        a.google = id;
    }
    if a.problem().is_none() {
        config.analytics = a;
    }

    let comments = map.get("comments");
    let mut c = config.comments.clone();
    c.provider = match text(at(comments, "provider")).as_str() {
        "giscus" => Some(Provider::Giscus),
        "utterances" => Some(Provider::Utterances),
        _ => None,
    };
    let repository = text(map.get("repository"));
    match c.provider {
        Some(Provider::Giscus) => {
            let g = at(comments, "giscus");
            c.repo = text(at(g, "repo"));
            if c.repo.is_empty() {
                c.repo = repository;
            }
            c.repo_id = text(at(g, "repo_id"));
            c.category = text(at(g, "category"));
            if c.category.is_empty() {
                c.category = text(at(g, "category_name"));
            }
            c.category_id = text(at(g, "category_id"));
            let mapping = text(at(g, "mapping").or(at(g, "discussion_term")));
            c.mapping = mapping_of(&mapping).unwrap_or(c.mapping);
            let position = text(at(g, "input_position"));
            if !position.is_empty() {
                c.input_position = position;
            }
            c.lang = text(at(g, "lang"));
        }
        Some(Provider::Utterances) => {
            let u = at(comments, "utterances");
            c.repo = text(at(u, "repo"));
            if c.repo.is_empty() {
                c.repo = repository;
            }
            c.mapping = mapping_of(&text(at(u, "issue_term"))).unwrap_or(c.mapping);
            c.label = text(at(u, "label"));
        }
        None => {}
    }
    if c.problem().is_none() {
        config.comments = c;
    }
}

fn mapping_of(s: &str) -> Option<Mapping> {
    Some(match s {
        "pathname" => Mapping::Pathname,
        "url" => Mapping::Url,
        "title" => Mapping::Title,
        "og:title" => Mapping::OgTitle,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(yaml: &str) -> Config {
        let map = match crate::content::yaml::parse_map(yaml).unwrap() {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        };
        let mut c = Config::default();
        apply(&mut c, &map, map.get("social"));
        c
    }

    #[test]
    fn chirpys_settings() {
        let c = config(
            "avatar: /assets/img/me.png\nsocial:\n  name: 홍길동\n  email: a@b.c\n  links:\n    - https://github.com/gildong\n    - https://twitter.com/gildong\nsocial_preview_image: /assets/card.png\nwebmaster_verifications:\n  google: g-token\n  naver: n-token\nanalytics:\n  google:\n    id: G-ABC\ncomments:\n  provider: giscus\n  giscus:\n    repo: gildong/blog\n    repo_id: R_1\n    category: Announcements\n    category_id: DIC_1\n    mapping: title\n",
        );
        assert!(c.author.profile);
        assert_eq!(c.author.github, "https://github.com/gildong");
        assert_eq!(c.author.twitter_handle().as_deref(), Some("@gildong"));
        assert_eq!(c.image, "/assets/card.png");
        assert_eq!(c.verification.naver, "n-token");
        assert_eq!(c.analytics.google, "G-ABC");
        assert_eq!(c.comments.provider, Some(Provider::Giscus));
        assert_eq!(c.comments.mapping, Mapping::Title);
    }

    #[test]
    fn what_cannot_work_is_left_out() {
        // Chirpy's template leaves the ids empty; disqus is not supported.
        let c = config("comments:\n  provider: giscus\n  giscus:\n    repo:\n");
        assert_eq!(c.comments.provider, None);
        let c = config("comments:\n  provider: disqus\n");
        assert_eq!(c.comments.provider, None);
        let c = config("analytics:\n  google:\n    id: \"G-1'<x>\"\n");
        assert!(c.analytics.google.is_empty());
        let c = config(
            "repository: me/site\ncomments:\n  provider: utterances\n  utterances:\n    issue_term: pathname\n",
        );
        assert_eq!(c.comments.provider, Some(Provider::Utterances));
        assert_eq!(c.comments.repo, "me/site");
    }
}
