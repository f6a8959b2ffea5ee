//! Apply templates: every output file of the site, rendered in parallel into memory.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use super::context::{self, PageData};
use super::{ARCHIVE_DIR, PAGINATION_DIR, Site, TAGS_DIR, templates};
use crate::content::Kind;
use crate::error::{Diagnostic, Errors};
use crate::i18n::{self, rfc3339};
use crate::markdown::highlight;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators, Unicode as on disk.
    pub path: String,
    pub data: Vec<u8>,
}

enum Job {
    Page(usize),
    Home(usize),
    Tags,
    Tag(usize),
    Archive,
    NotFound,
    Feed,
    Sitemap,
}

#[derive(Serialize)]
struct Paginator<'a> {
    posts: Vec<&'a Value>,
    current: usize,
    total_pages: usize,
    total_posts: usize,
    previous_url: String,
    next_url: String,
    first_url: String,
    last_url: String,
}

#[derive(Serialize)]
struct TagSummary<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Year<'a> {
    year: i16,
    posts: Vec<&'a Value>,
}

#[derive(Serialize)]
struct SitemapEntry {
    permalink: String,
    lastmod: String,
}

struct Renderer<'a> {
    site: &'a Site,
    tera: Tera,
    base: Context,
    /// Every page as listings show it (no content), by page index.
    summaries: Vec<Value>,
}

pub fn render_site(site: &Site) -> Result<Vec<OutputFile>, Errors> {
    let config = &site.config;
    let labels = i18n::labels(&config.language, &config.labels);
    let tera = templates::load(
        &site.theme,
        &site.base,
        &config.language,
        &config.timezone,
        &labels,
    )?;
    let mut base = Context::new();
    base.insert("site", &context::site_data(site));
    base.insert("t", &labels);
    let summaries: Vec<Value> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| serde_json::to_value(context::page_data(site, i, false)).unwrap_or(Value::Null))
        .collect();
    let r = Renderer {
        site,
        tera,
        base,
        summaries,
    };

    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    jobs.extend((1..=site.page_count()).map(Job::Home));
    jobs.push(Job::Tags);
    jobs.extend((0..site.tags.len()).map(Job::Tag));
    jobs.extend([Job::Archive, Job::NotFound, Job::Feed, Job::Sitemap]);

    let results: Vec<Result<OutputFile, Diagnostic>> =
        jobs.par_iter().map(|job| r.render(job)).collect();
    let mut files = Vec::with_capacity(results.len() + 4);
    let mut errors: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(f) => files.push(f),
            Err(d) => {
                if !errors.iter().any(|e| {
                    e.path == d.path
                        && e.message.split(" (while").next() == d.message.split(" (while").next()
                }) {
                    errors.push(d);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    files.push(OutputFile {
        path: "robots.txt".into(),
        data: robots(site).into_bytes(),
    });
    let css = highlight::stylesheet(
        &config.markdown.highlight_theme,
        &config.markdown.highlight_theme_dark,
    )
    .map_err(|msg| Diagnostic::new("config.toml", msg))?;
    files.push(OutputFile {
        path: "css/syntax.css".into(),
        data: css.into_bytes(),
    });
    files.push(OutputFile {
        path: ".nojekyll".into(),
        data: Vec::new(),
    });
    if let Some(cname) = config
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        files.push(OutputFile {
            path: "CNAME".into(),
            data: format!("{cname}\n").into_bytes(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

impl Renderer<'_> {
    fn render(&self, job: &Job) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let mut ctx = self.base.clone();
        let (template, path, what): (String, String, String) = match job {
            Job::Page(i) => {
                let page = &site.pages[*i];
                let data: PageData = context::page_data(site, *i, true);
                ctx.insert("page", &data);
                ctx.insert("current_path", &data.url);
                let default = if page.kind == Kind::Post {
                    "post.html"
                } else {
                    "page.html"
                };
                let template = page
                    .front
                    .layout
                    .as_ref()
                    .or(page
                        .front
                        .extra
                        .get("template")
                        .and_then(Value::as_str)
                        .map(String::from)
                        .as_ref())
                    .map(|l| {
                        if l.ends_with(".html") {
                            l.clone()
                        } else {
                            format!("{l}.html")
                        }
                    })
                    .filter(|t| site.theme.templates.contains_key(t))
                    .unwrap_or_else(|| default.to_string());
                (
                    template,
                    page.output.clone(),
                    page.source.display().to_string(),
                )
            }
            Job::Home(n) => {
                let total = site.page_count();
                let per = site.config.paginate;
                let url = |k: usize| {
                    if k == 1 {
                        site.base.href("/")
                    } else {
                        site.base.href(&format!("/{PAGINATION_DIR}/{k}/"))
                    }
                };
                let paginator = Paginator {
                    posts: site
                        .posts
                        .iter()
                        .skip((n - 1) * per)
                        .take(per)
                        .map(|&i| &self.summaries[i])
                        .collect(),
                    current: *n,
                    total_pages: total,
                    total_posts: site.posts.len(),
                    previous_url: if *n > 1 { url(n - 1) } else { String::new() },
                    next_url: if *n < total {
                        url(n + 1)
                    } else {
                        String::new()
                    },
                    first_url: url(1),
                    last_url: url(total),
                };
                ctx.insert("paginator", &paginator);
                ctx.insert("current_path", &url(*n));
                let path = if *n == 1 {
                    "index.html".into()
                } else {
                    format!("{PAGINATION_DIR}/{n}/index.html")
                };
                (
                    "index.html".into(),
                    path,
                    format!("page {n} of the home page"),
                )
            }
            Job::Tags => {
                let mut tags: Vec<TagSummary> = site
                    .tags
                    .iter()
                    .map(|t| TagSummary {
                        name: &t.name,
                        slug: &t.slug,
                        url: self.tag_url(&t.slug),
                        count: t.posts.len(),
                    })
                    .collect();
                tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(b.slug)));
                ctx.insert("tags", &tags);
                ctx.insert("current_path", &site.base.href(&format!("/{TAGS_DIR}/")));
                (
                    "tags.html".into(),
                    format!("{TAGS_DIR}/index.html"),
                    "the tag index".into(),
                )
            }
            Job::Tag(i) => {
                let t = &site.tags[*i];
                let url = self.tag_url(&t.slug);
                ctx.insert(
                    "tag",
                    &TagSummary {
                        name: &t.name,
                        slug: &t.slug,
                        url: url.clone(),
                        count: t.posts.len(),
                    },
                );
                ctx.insert(
                    "posts",
                    &t.posts
                        .iter()
                        .map(|&i| &self.summaries[i])
                        .collect::<Vec<_>>(),
                );
                ctx.insert("current_path", &url);
                (
                    "tag.html".into(),
                    format!("{TAGS_DIR}/{}/index.html", t.slug),
                    format!("the page of tag `{}`", t.name),
                )
            }
            Job::Archive => {
                let mut years: BTreeMap<i16, Vec<&Value>> = BTreeMap::new();
                for &i in &site.posts {
                    if let Some(d) = &site.pages[i].date {
                        years.entry(d.year()).or_default().push(&self.summaries[i]);
                    }
                }
                let years: Vec<Year> = years
                    .into_iter()
                    .rev()
                    .map(|(year, posts)| Year { year, posts })
                    .collect();
                ctx.insert("years", &years);
                ctx.insert("current_path", &site.base.href(&format!("/{ARCHIVE_DIR}/")));
                (
                    "archive.html".into(),
                    format!("{ARCHIVE_DIR}/index.html"),
                    "the archive".into(),
                )
            }
            Job::NotFound => {
                ctx.insert("current_path", &site.base.href("/404.html"));
                ("404.html".into(), "404.html".into(), "the 404 page".into())
            }
            Job::Feed => {
                let posts: Vec<PageData> = site
                    .posts
                    .iter()
                    .take(site.config.feed_limit)
                    .map(|&i| context::page_data(site, i, true))
                    .collect();
                let updated = site
                    .posts
                    .iter()
                    .take(site.config.feed_limit)
                    .filter_map(|&i| {
                        let p = &site.pages[i];
                        p.updated.as_ref().or(p.date.as_ref())
                    })
                    .max()
                    .map(rfc3339)
                    .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
                ctx.insert("posts", &posts);
                ctx.insert("updated", &updated);
                ctx.insert("feed_url", &site.base.absolute("/feed.xml"));
                ctx.insert("current_path", &site.base.href("/feed.xml"));
                ("feed.xml".into(), "feed.xml".into(), "the Atom feed".into())
            }
            Job::Sitemap => {
                let mut entries = vec![SitemapEntry {
                    permalink: site.base.absolute("/"),
                    lastmod: String::new(),
                }];
                for &i in site.posts.iter().chain(site.standalone.iter()) {
                    let p = &site.pages[i];
                    entries.push(SitemapEntry {
                        permalink: site.base.absolute(&p.path),
                        lastmod: p
                            .updated
                            .as_ref()
                            .or(p.date.as_ref())
                            .map(rfc3339)
                            .unwrap_or_default(),
                    });
                }
                entries.push(SitemapEntry {
                    permalink: site.base.absolute(&format!("/{ARCHIVE_DIR}/")),
                    lastmod: String::new(),
                });
                entries.push(SitemapEntry {
                    permalink: site.base.absolute(&format!("/{TAGS_DIR}/")),
                    lastmod: String::new(),
                });
                for t in &site.tags {
                    entries.push(SitemapEntry {
                        permalink: site.base.absolute(&format!("/{TAGS_DIR}/{}/", t.slug)),
                        lastmod: String::new(),
                    });
                }
                ctx.insert("entries", &entries);
                ctx.insert("current_path", &site.base.href("/sitemap.xml"));
                (
                    "sitemap.xml".into(),
                    "sitemap.xml".into(),
                    "the sitemap".into(),
                )
            }
        };
        match self.tera.render(&template, &ctx) {
            Ok(html) => Ok(OutputFile {
                path,
                data: html.into_bytes(),
            }),
            Err(e) => Err(templates::template_error(&site.theme, &e, Some(&what))),
        }
    }

    fn tag_url(&self, slug: &str) -> String {
        self.site.base.href(&format!("/{TAGS_DIR}/{slug}/"))
    }
}

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.base.absolute("/sitemap.xml")
    )
}
