//! The data templates see: `site`, `page`, listings. Field names are the theme contract
//! documented in the README.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Base, Site, TAGS_DIR};
use crate::content::Page;
use crate::content::slug::slugify;
use crate::i18n::rfc3339;
use crate::markdown::toc::TocEntry;

#[derive(Serialize)]
pub struct SiteData<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub author: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    /// `base_url` names a host, so `canonical`, `og:url` and the feed's links are absolute
    /// (the default theme leaves the canonical link out otherwise: a relative one is wrong).
    pub absolute_urls: bool,
    pub extra: Map<String, Value>,
    pub menu: Vec<Link>,
    /// The timeline of retrospectives, or empty when the site has none.
    pub retrospectives_url: String,
    /// The category index and the series index, or empty when the site has none.
    pub categories_url: String,
    pub series_url: String,
    /// The Atom feed of the whole site.
    pub feed_url: String,
    /// The default `og:image` (absolute), or empty.
    pub image: String,
    /// The icon's URL.
    pub favicon: String,
    /// The `[author]` table, for the author box; `null` when `author` is only a name.
    pub author_profile: Option<AuthorProfile>,
    /// `[comments]`, when a provider is set.
    pub comments: Option<CommentsData<'a>>,
    pub analytics: &'a crate::config::Analytics,
    pub verification: &'a crate::config::Verification,
    /// `@handle` for `twitter:site`, or empty.
    pub twitter: String,
}

#[derive(Serialize)]
pub struct AuthorProfile {
    pub name: String,
    pub avatar: String,
    pub bio: String,
    pub links: Vec<crate::config::social::SocialLink>,
}

#[derive(Serialize)]
pub struct CommentsData<'a> {
    pub provider: crate::config::Provider,
    pub repo: &'a str,
    pub repo_id: &'a str,
    pub category: &'a str,
    pub category_id: &'a str,
    pub mapping: &'static str,
    pub label: &'a str,
    pub reactions: bool,
    pub input_position: &'a str,
    pub lang: &'a str,
}

/// A related post.
#[derive(Serialize)]
pub struct Related {
    pub title: String,
    pub url: String,
    pub date: String,
}

/// A post's series: its place, and on the post's own page every part.
#[derive(Serialize)]
pub struct SeriesRef {
    pub name: String,
    pub url: String,
    /// 1-based.
    pub index: usize,
    pub total: usize,
    pub posts: Vec<SeriesPart>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Serialize)]
pub struct SeriesPart {
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct TagRef {
    pub name: String,
    pub slug: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct PageData<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub slug: &'a str,
    pub date: String,
    pub year: Option<i16>,
    pub updated: String,
    pub tags: Vec<TagRef>,
    pub categories: &'a [String],
    /// The category path, each step linking its page: `[{title, url}]`.
    pub category_links: Vec<Link>,
    pub description: &'a str,
    pub summary: &'a str,
    /// The summary as plain text, cut at a word near 150 characters: for meta descriptions.
    pub summary_text: String,
    pub has_more: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<std::borrow::Cow<'a, str>>,
    pub toc: &'a [TocEntry],
    pub show_toc: bool,
    /// The page has math (`\(…\)`, `\[…\]`) or Mermaid diagrams to typeset in the browser.
    pub math: bool,
    pub mermaid: bool,
    pub word_count: usize,
    pub reading_time: usize,
    pub draft: bool,
    /// `pin: true`: first on the home page.
    pub pinned: bool,
    pub author: &'a str,
    pub image: String,
    pub lang: &'a str,
    pub extra: &'a Map<String, Value>,
    pub source: String,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// The same page in other languages (jekyll-polyglot), for `hreflang` links.
    pub translations: Vec<Translation>,
    /// The series the post is part of.
    pub series: Option<SeriesRef>,
    /// Posts sharing its tags and categories (on the post's own page).
    pub related: Vec<Related>,
    /// The page shows comments: `[comments]` is set, it is a post, and it does not say
    /// `comments: false`.
    pub comments: bool,
    /// On a retrospective's own page: its period, goals, next goals, chain and numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retro: Option<super::retro::RetroData>,
}

#[derive(Serialize)]
pub struct Translation {
    pub lang: String,
    pub url: String,
    pub permalink: String,
}

/// The standalone pages in the menu (a page's `menu: true` or `false` decides first), or,
/// on a Jekyll site with `_data/navigation.yml`, the pages and other sites its `main:` list
/// names, then the pages that ask to be in it.
fn menu(site: &Site) -> Vec<Link> {
    let pages = || site.standalone.iter().map(|&i| &site.pages[i]);
    let said = |p: &Page| p.front.extra.get("menu").and_then(Value::as_bool);
    let link = |p: &Page| Link {
        title: p.title.clone(),
        url: site.base.href(&p.path),
    };
    let navigation = site
        .config
        .jekyll
        .as_ref()
        .and_then(|j| j.navigation.as_ref());
    let Some(navigation) = navigation else {
        return pages()
            .filter(|p| said(p).unwrap_or_else(|| site.in_menu(p)))
            .map(link)
            .collect();
    };
    let path_of = |p: &Page| crate::jekyll::navigation::site_path(&p.path, "").unwrap_or_default();
    let mut menu: Vec<Link> = Vec::new();
    for (title, url) in navigation {
        match crate::jekyll::navigation::site_path(url, &site.config.base_url) {
            // Another site's URL as written, made safe for the attribute the theme puts it
            // in unescaped (hoego's own URLs are percent-encoded).
            None => menu.push(Link {
                title: title.clone(),
                url: crate::markdown::escape_attr(url),
            }),
            Some(path) => {
                if let Some(p) = pages().find(|p| said(p) != Some(false) && path_of(p) == path) {
                    menu.push(Link {
                        title: title.clone(),
                        url: link(p).url,
                    });
                }
            }
        }
    }
    for p in pages().filter(|p| said(p) == Some(true)) {
        let l = link(p);
        if !menu.iter().any(|m| m.url == l.url) {
            menu.push(l);
        }
    }
    menu
}

pub fn site_data(site: &Site) -> SiteData<'_> {
    let c = &site.config;
    let feed_url = site.base.absolute("/feed.xml");
    let author_profile = c.author.profile.then(|| AuthorProfile {
        name: c.author.name.clone(),
        avatar: if c.author.avatar.is_empty() {
            String::new()
        } else {
            asset_url(site, &c.author.avatar, false)
        },
        bio: c.author.bio.clone(),
        links: c.author.links(&feed_url),
    });
    let comments = c.comments.provider.map(|provider| CommentsData {
        provider,
        repo: &c.comments.repo,
        repo_id: &c.comments.repo_id,
        category: &c.comments.category,
        category_id: &c.comments.category_id,
        mapping: c.comments.mapping.as_str(),
        label: &c.comments.label,
        reactions: c.comments.reactions,
        input_position: &c.comments.input_position,
        lang: if c.comments.lang.is_empty() {
            &c.language
        } else {
            &c.comments.lang
        },
    });
    SiteData {
        categories_url: if super::render::has_categories_pages(site) {
            site.base
                .href(&format!("/{}/", super::categories::CATEGORIES_DIR))
        } else {
            String::new()
        },
        series_url: if super::render::has_series_pages(site) {
            site.base.href(&format!("/{}/", super::series::SERIES_DIR))
        } else {
            String::new()
        },
        feed_url,
        image: if c.image.is_empty() {
            String::new()
        } else {
            asset_url(site, &c.image, true)
        },
        favicon: if c.favicon.is_empty() {
            site.base.href("/favicon.svg")
        } else {
            asset_url(site, &c.favicon, false)
        },
        author_profile,
        comments,
        analytics: &c.analytics,
        verification: &c.verification,
        twitter: c.author.twitter_handle().unwrap_or_default(),
        title: &c.title,
        description: &c.description,
        author: &c.author.name,
        language: &c.language,
        base_url: &site.base.url,
        base_path: &site.base.path,
        absolute_urls: site.base.has_host(),
        extra: crate::value::table_to_json(&c.extra),
        menu: menu(site),
        retrospectives_url: if site.retro.is_empty()
            || !site.theme.templates.contains_key("retrospectives.html")
        {
            String::new()
        } else {
            site.base.href(&format!("/{}/", super::retro::TIMELINE_DIR))
        },
    }
}

fn tag_url(base: &Base, name: &str) -> TagRef {
    let slug = slugify(name);
    TagRef {
        url: base.href(&format!("/{TAGS_DIR}/{slug}/")),
        name: name.to_string(),
        slug,
    }
}

/// How much of a page a template gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// For listings: no content, no neighbours; depends on the page alone.
    Listing,
    /// For the page's own template: content and previous/next.
    Full,
    /// For the feed: content, no neighbours.
    Feed,
}

/// A page as templates see it.
pub fn page_data(site: &Site, index: usize, detail: Detail) -> PageData<'_> {
    let page: &Page = &site.pages[index];
    let with_content = detail != Detail::Listing;
    let (previous, next) = if page.is_post() && detail == Detail::Full {
        neighbours(site, index)
    } else {
        (None, None)
    };
    let r = &page.rendered;
    let image = page
        .front
        .image
        .as_deref()
        .map(|img| image_url(site, page, img))
        .unwrap_or_default();
    PageData {
        title: &page.title,
        url: site.base.href(&page.path),
        permalink: site.base.absolute(&page.path),
        slug: &page.slug,
        date: page.date.as_ref().map(rfc3339).unwrap_or_default(),
        year: page.date.as_ref().map(|d| d.year()),
        updated: page.updated.as_ref().map(rfc3339).unwrap_or_default(),
        tags: page
            .front
            .tags
            .iter()
            .filter(|t| !slugify(t).is_empty())
            .map(|t| tag_url(&site.base, t))
            .collect(),
        categories: &page.front.categories,
        category_links: if page.is_post() {
            category_links(site, page)
        } else {
            Vec::new()
        },
        description: page.front.description.as_deref().unwrap_or(""),
        summary: &r.summary,
        summary_text: summary_text(&r.summary),
        has_more: r.has_more,
        content: with_content.then(|| r.html()),
        // Listings show no table of contents: leaving it out keeps list pages cheap.
        toc: if detail == Detail::Listing {
            &[]
        } else {
            &r.toc
        },
        show_toc: page.front.toc.unwrap_or(count_entries(&r.toc) >= 3),
        math: r.has_math,
        mermaid: r.has_mermaid,
        word_count: r.stats.word_count(),
        reading_time: r.stats.reading_minutes(),
        draft: page.front.draft,
        pinned: page.front.pin,
        author: page
            .front
            .author
            .as_deref()
            .unwrap_or(&site.config.author.name),
        image,
        lang: language(site, page),
        extra: &page.front.extra,
        source: page.source.display().to_string(),
        previous,
        next,
        translations: if detail == Detail::Full {
            translations(site, index)
        } else {
            Vec::new()
        },
        retro: if detail == Detail::Full {
            super::retro::page_data(site, index)
        } else {
            None
        },
        // Only on the post's own page: a listing's data must not change with other posts.
        series: if detail == Detail::Full {
            series_ref(site, index)
        } else {
            None
        },
        related: if detail == Detail::Full {
            site.related
                .get(index)
                .map(|list| {
                    list.iter()
                        .map(|&r| {
                            let p = &site.pages[r];
                            Related {
                                title: p.title.clone(),
                                url: site.base.href(&p.path),
                                date: p.date.as_ref().map(rfc3339).unwrap_or_default(),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        },
        comments: detail == Detail::Full
            && page.is_post()
            && site.config.comments.provider.is_some()
            && page.front.comments != Some(false),
    }
}

/// A page's language: its front matter's; else the one its text's script names, where that
/// is not the site's (a Korean post on a site whose `_config.yml` kept `locale: en-US`), so
/// that browsers, screen readers and the theme's line breaking read it as what it is; else
/// the site's.
fn language<'a>(site: &'a Site, page: &'a Page) -> &'a str {
    if let Some(lang) = page.front.lang.as_deref() {
        return lang;
    }
    let own = &site.config.language;
    let primary = own.split(['-', '_']).next().unwrap_or("");
    match page.rendered.stats.script_language() {
        Some(lang) if !lang.eq_ignore_ascii_case(primary) => lang,
        _ => own,
    }
}

fn category_links(site: &Site, page: &Page) -> Vec<Link> {
    let mut path = String::new();
    super::categories::category_path(page)
        .into_iter()
        .map(|(name, slug)| {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(&slug);
            Link {
                title: name,
                url: site
                    .base
                    .href(&format!("/{}/{path}/", super::categories::CATEGORIES_DIR)),
            }
        })
        .collect()
}

fn series_ref(site: &Site, index: usize) -> Option<SeriesRef> {
    let (group, k) = site.series_of(index)?;
    let link = |i: usize| {
        let p = &site.pages[i];
        Link {
            title: p.title.clone(),
            url: site.base.href(&p.path),
        }
    };
    Some(SeriesRef {
        name: group.name.clone(),
        url: site
            .base
            .href(&format!("/{}/{}/", super::series::SERIES_DIR, group.slug)),
        index: k + 1,
        total: group.posts.len(),
        posts: group
            .posts
            .iter()
            .map(|&i| {
                let l = link(i);
                SeriesPart {
                    title: l.title,
                    url: l.url,
                    current: i == index,
                }
            })
            .collect(),
        previous: k.checked_sub(1).map(|p| link(group.posts[p])),
        next: group.posts.get(k + 1).map(|&n| link(n)),
    })
}

/// A path under the site or a URL, for a site-wide asset (`image`, `favicon`, `avatar`):
/// absolute when `absolute` (for `og:image`), else under the base path.
fn asset_url(site: &Site, value: &str, absolute: bool) -> String {
    if value.contains("://") || value.starts_with("//") || value.starts_with("data:") {
        return value.to_string();
    }
    let path = format!("/{}", value.trim_start_matches('/'));
    if absolute {
        site.base.absolute(&path)
    } else {
        site.base.href(&path)
    }
}

fn translations(site: &Site, index: usize) -> Vec<Translation> {
    let others = site.translations(index);
    if others.is_empty() {
        return Vec::new();
    }
    std::iter::once(index)
        .chain(others)
        .map(|i| {
            let p = &site.pages[i];
            Translation {
                lang: p
                    .front
                    .lang
                    .clone()
                    .unwrap_or_else(|| site.config.language.clone()),
                url: site.base.href(&p.path),
                permalink: site.base.absolute(&p.path),
            }
        })
        .collect()
}

/// Characters of plain text a meta description keeps.
const DESCRIPTION_CHARS: usize = 150;

fn summary_text(summary_html: &str) -> String {
    let text = crate::markdown::text::plain_text(summary_html);
    let text = text.trim();
    // The search snippet's cut: at a space when one is near the limit.
    let head = crate::markdown::text::opening(text, DESCRIPTION_CHARS);
    if head.len() == text.len() {
        text.to_string()
    } else {
        format!("{}…", head.trim_end())
    }
}

fn count_entries(toc: &[TocEntry]) -> usize {
    toc.iter().map(|e| 1 + count_entries(&e.children)).sum()
}

/// Older and newer post: Jekyll's `page.previous` and `page.next`.
fn neighbours(site: &Site, index: usize) -> (Option<Link>, Option<Link>) {
    let (older, newer) = site.neighbour_indexes(index);
    let link = |i: usize| {
        let p = &site.pages[i];
        Link {
            title: p.title.clone(),
            url: site.base.href(&p.path),
        }
    };
    (older.map(link), newer.map(link))
}

/// An absolute URL for `og:image`: external URLs stay, site paths get the base URL, paths
/// relative to the post are resolved from its folder.
fn image_url(site: &Site, page: &Page, img: &str) -> String {
    if img.contains("://") || img.starts_with("//") {
        return img.to_string();
    }
    // On a Jekyll page a relative `image:` is from the site's root (jekyll-seo-tag, Chirpy),
    // or from the post's `media_subpath` folder, as its images are.
    if site.config.jekyll.is_some() || page.jekyll_folder {
        let sub = crate::jekyll::media::subpath(&page.front.extra).unwrap_or("/");
        if let Some(under) = crate::jekyll::media::under(sub, img) {
            return if under.contains("://") {
                under
            } else {
                site.base.absolute(&under)
            };
        }
    }
    if img.starts_with('/') {
        return site.base.absolute(img);
    }
    let joined = if page.content_dir.is_empty() {
        img.to_string()
    } else {
        format!("{}/{img}", page.content_dir)
    };
    site.base.absolute(&format!("/{joined}"))
}

#[cfg(test)]
mod tests {
    use super::summary_text;

    #[test]
    fn summary_text_is_plain_and_cut_at_a_word() {
        assert_eq!(
            summary_text("<p><strong>회고</strong> &amp; 계획 &lt;2025&gt;</p>"),
            "회고 & 계획 <2025>"
        );
        let long = format!("<p>{}</p>", "가나다라 ".repeat(60));
        let cut = summary_text(&long);
        assert!(cut.ends_with("가나다라…"), "{cut}");
        assert!(cut.chars().count() <= 151, "{}", cut.chars().count());
    }
}
