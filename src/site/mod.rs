//! Assemble: give every page its URL, refuse collisions, render Markdown in parallel, and
//! group posts into listings (newest first), tags and years.

pub mod context;
pub mod links;
pub mod permalink;
pub mod render;
pub mod retro;
pub mod retro_html;
pub mod search;
pub mod templates;
pub mod timeline;
pub mod update;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::slug::{encode_path, slugify};
use crate::content::{self, Kind, LoadOptions, Page, StaticFile};
use crate::error::{Diagnostic, Errors};
use crate::markdown::{self, Extras, RenderOptions, highlight::Highlighter, highlight_cache};
use crate::theme::Theme;
use links::LinkMap;

/// How to build: which folder, and the switches of `hoego build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
}

/// Where the site lives: `url` is absolute when the config says so; `path` is the path part.
#[derive(Debug, Clone)]
pub struct Base {
    pub url: String,
    pub path: String,
}

impl Base {
    pub fn new(base_url: &str) -> Base {
        let mut url = base_url.trim().to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        let path = match url.find("://") {
            Some(i) => match url[i + 3..].find('/') {
                Some(j) => url[i + 3 + j..].to_string(),
                None => "/".to_string(),
            },
            None => url.clone(),
        };
        Base { url, path }
    }

    /// Site path (decoded, starting with `/`) → href under the base path.
    pub fn href(&self, site_path: &str) -> String {
        format!(
            "{}{}",
            self.path,
            encode_path(site_path.trim_start_matches('/'))
        )
    }

    /// Site path → absolute URL (or the base-path href when the base URL has no host).
    pub fn absolute(&self, site_path: &str) -> String {
        format!(
            "{}{}",
            self.url,
            encode_path(site_path.trim_start_matches('/'))
        )
    }
}

#[derive(Debug)]
pub struct TagGroup {
    pub name: String,
    pub slug: String,
    /// Indexes into `Site::pages`, newest first.
    pub posts: Vec<usize>,
}

pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub base: Base,
    pub theme: Theme,
    pub pages: Vec<Page>,
    /// Posts, newest first.
    pub posts: Vec<usize>,
    /// Position of each page in `posts` (`usize::MAX` for standalone pages).
    post_position: Vec<usize>,
    /// Standalone pages, by weight then title.
    pub standalone: Vec<usize>,
    pub tags: Vec<TagGroup>,
    pub statics: Vec<StaticFile>,
    pub warnings: Vec<Diagnostic>,
    /// Drafts and future posts left out.
    pub skipped: usize,
    pub highlighter: Highlighter,
    /// The labels in the site's language, with `[labels]` applied.
    pub labels: BTreeMap<String, String>,
    /// Retrospectives: chained, carried over, and every year in numbers.
    pub retro: retro::Retros,
    /// Templates that use `site.retrospectives` or `site.years` (themselves or through the
    /// templates they extend, include or import).
    pub full_site_templates: HashMap<String, u8>,
}

pub const PAGINATION_DIR: &str = "page";
pub const TAGS_DIR: &str = "tags";
pub const ARCHIVE_DIR: &str = "archive";

impl Site {
    /// Reads config, theme and content and renders all Markdown: everything short of templates.
    pub fn load(opts: &BuildOptions) -> Result<Site, Errors> {
        let root = &opts.root;
        let mut config = Config::load(root)?;
        if let Some(url) = &opts.base_url {
            config.base_url = url.clone();
        }
        let base = Base::new(&config.base_url);
        let theme = Theme::resolve(root, &config);
        let load_opts = LoadOptions {
            drafts: opts.drafts,
            future: opts.future,
            now: jiff::Timestamp::now(),
        };
        let content = content::load(root, &config, &load_opts);
        let (theme, content) = match (theme, content) {
            (Ok(t), Ok(c)) => (t, c),
            (t, c) => {
                let mut errors = Vec::new();
                if let Err(e) = t {
                    errors.extend(e.0);
                }
                if let Err(e) = c {
                    errors.extend(e.0);
                }
                return Err(Errors(errors));
            }
        };
        let labels = crate::i18n::labels(&config.language, &config.labels);
        let full_site_templates = templates::using_full_site(&theme);
        let mut site = Site {
            root: root.clone(),
            labels,
            retro: retro::Retros::default(),
            full_site_templates,
            config,
            base,
            theme,
            pages: content.pages,
            posts: Vec::new(),
            post_position: Vec::new(),
            standalone: Vec::new(),
            tags: Vec::new(),
            statics: content.statics,
            warnings: Vec::new(),
            skipped: content.skipped,
            highlighter: Highlighter::with_cache(highlight_cache::default_path(root)),
        };
        site.assign_urls();
        site.group();
        site.check_collisions()?;
        site.render_markdown(|_| true);
        site.index_retrospectives();
        site.highlighter.save_cache();
        Ok(site)
    }

    /// Chains the retrospectives found while rendering and sums up the years: after every
    /// change to pages.
    pub fn index_retrospectives(&mut self) {
        let index = crate::retro::Index::build(&self.pages, &self.posts);
        let links = index
            .order
            .par_iter()
            .filter_map(|&i| retro::make_link(self, i).map(|l| (i, l)))
            .collect();
        self.retro = retro::Retros::new(index, links);
    }

    fn assign_urls(&mut self) {
        let pattern = self.config.permalink.clone();
        for page in &mut self.pages {
            let path = match (&page.front.permalink, page.kind) {
                (Some(p), _) => permalink::expand(p, &fields(page)),
                (None, Kind::Post) => permalink::expand(&pattern, &fields(page)),
                (None, Kind::Page) => page_path(page),
            };
            let (path, output) = permalink::output_file(&path);
            page.path = path;
            page.output = output;
        }
    }

    fn group(&mut self) {
        let mut posts: Vec<usize> = (0..self.pages.len())
            .filter(|i| self.pages[*i].is_post())
            .collect();
        posts.sort_by(|a, b| {
            let (pa, pb) = (&self.pages[*a], &self.pages[*b]);
            pb.date
                .cmp(&pa.date)
                .then_with(|| pa.source.cmp(&pb.source))
        });
        let mut standalone: Vec<usize> = (0..self.pages.len())
            .filter(|i| !self.pages[*i].is_post())
            .collect();
        standalone.sort_by(|a, b| {
            let (pa, pb) = (&self.pages[*a], &self.pages[*b]);
            pa.front
                .weight
                .cmp(&pb.front.weight)
                .then_with(|| pa.title.cmp(&pb.title))
                .then_with(|| pa.source.cmp(&pb.source))
        });
        let mut tags: BTreeMap<String, TagGroup> = BTreeMap::new();
        for &i in &posts {
            for name in &self.pages[i].front.tags {
                let slug = slugify(name);
                if slug.is_empty() {
                    continue;
                }
                let group = tags.entry(slug.clone()).or_insert_with(|| TagGroup {
                    name: name.clone(),
                    slug,
                    posts: Vec::new(),
                });
                if group.posts.last() != Some(&i) {
                    group.posts.push(i);
                }
            }
        }
        self.post_position = vec![usize::MAX; self.pages.len()];
        for (pos, &i) in posts.iter().enumerate() {
            self.post_position[i] = pos;
        }
        self.posts = posts;
        self.standalone = standalone;
        self.tags = tags.into_values().collect();
    }

    /// Every output file has one owner: two sources for one URL is an error naming both.
    fn check_collisions(&self) -> Result<(), Errors> {
        let mut generated: Vec<(String, String)> = vec![
            ("index.html".into(), "the home page".into()),
            ("404.html".into(), "the 404 page".into()),
            ("feed.xml".into(), "the Atom feed".into()),
            ("sitemap.xml".into(), "the sitemap".into()),
            ("robots.txt".into(), "robots.txt".into()),
            (
                "css/syntax.css".into(),
                "the highlighting stylesheet".into(),
            ),
            (format!("{TAGS_DIR}/index.html"), "the tag index".into()),
            (format!("{ARCHIVE_DIR}/index.html"), "the archive".into()),
            (search::INDEX_FILE.into(), "the search index".into()),
            (
                format!("{}/index.html", retro::TIMELINE_DIR),
                "the timeline of retrospectives".into(),
            ),
            (
                retro::TIMELINE_JSON.into(),
                "the retrospectives' data".into(),
            ),
        ];
        if self.theme.templates.contains_key("search.html") {
            generated.push((search::SEARCH_PAGE.into(), "the search page".into()));
        }
        for n in 2..=self.page_count() {
            generated.push((
                format!("{PAGINATION_DIR}/{n}/index.html"),
                format!("page {n} of the home page"),
            ));
        }
        for tag in &self.tags {
            generated.push((
                format!("{TAGS_DIR}/{}/index.html", tag.slug),
                format!("the page of tag `{}`", tag.name),
            ));
        }
        let mut owners: HashMap<String, String> = generated.into_iter().collect();
        let mut errors = Vec::new();
        let sources = self
            .pages
            .iter()
            .map(|p| (&p.output, p.source.as_path()))
            .chain(self.statics.iter().map(|f| {
                (
                    &f.output,
                    f.source.strip_prefix(&self.root).unwrap_or(&f.source),
                )
            }));
        for (out, source) in sources {
            match owners.get(out) {
                Some(other) => errors.push(Diagnostic::new(
                    source,
                    format!("URL collision: `{out}` is also written by {other}; give one of them another `permalink` or slug"),
                )),
                None => {
                    owners.insert(out.clone(), source.display().to_string());
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Errors(errors))
        }
    }

    /// Frees the Markdown sources once rendered: a one-off build needs only the HTML
    /// (`serve` keeps them to re-render pages whose links may have moved).
    pub fn drop_sources(&mut self) {
        for page in &mut self.pages {
            page.body = String::new();
        }
    }

    /// Older and newer post of a post, by page index.
    pub fn neighbour_indexes(&self, index: usize) -> (Option<usize>, Option<usize>) {
        let pos = self.post_position.get(index).copied().unwrap_or(usize::MAX);
        if pos == usize::MAX {
            return (None, None);
        }
        let older = self.posts.get(pos + 1).copied();
        let newer = pos.checked_sub(1).and_then(|p| self.posts.get(p)).copied();
        (older, newer)
    }

    pub fn page_count(&self) -> usize {
        self.posts.len().div_ceil(self.config.paginate).max(1)
    }

    /// Renders the Markdown of the pages `which` selects, replacing their warnings.
    fn render_markdown(&mut self, which: impl Fn(&Page) -> bool + Sync) {
        let link_map = LinkMap {
            base_path: self.base.path.clone(),
            pages: self
                .pages
                .iter()
                .map(|p| (content_key(p), self.base.href(&p.path)))
                .collect(),
            files: self
                .statics
                .iter()
                .map(|s| s.output.clone())
                .collect::<HashSet<_>>(),
        };
        let config = &self.config.markdown;
        let highlighter = &self.highlighter;
        let label = |key: &str| self.labels.get(key).map_or("", String::as_str);
        let task_labels = (label("task_done"), label("task_open"));
        let goal_labels = (label("goal_done"), label("goal_open"));
        let warnings: Vec<Vec<Diagnostic>> = self
            .pages
            .par_iter_mut()
            .filter(|page| which(page))
            .map(|page| {
                let dir = page.content_dir.clone();
                let resolve = |dest: &str| link_map.resolve(&dir, dest);
                let opts = RenderOptions {
                    config,
                    highlighter,
                    resolve_link: &resolve,
                    take_title_from_h1: page.front.title.is_none(),
                };
                // Retrospectives: the title, tags and opening say so (a few substring searches
                // for every post); their outline rides along the rendering.
                let detected = page.is_post().then(|| {
                    crate::retro::detect(&crate::retro::Post {
                        title: &page.title,
                        tags: &page.front.tags,
                        body: &page.body,
                        date: page.date.as_ref().map(|d| d.date()),
                        spec: page.front.retro.as_ref(),
                    })
                });
                let detected = detected.flatten();
                let mut collector = detected
                    .as_ref()
                    .map(|_| crate::retro::Collector::new(&page.body));
                let extras = Extras {
                    observer: collector.as_mut().map(|c| c as &mut dyn markdown::Observer),
                    task_labels: Some(if detected.is_some() {
                        goal_labels
                    } else {
                        task_labels
                    }),
                };
                let mut rendered = markdown::render_with(&page.body, &opts, extras);
                page.retro = detected
                    .zip(collector)
                    .map(|(d, c)| Box::new(crate::retro::PageRetro::new(d, c, &page.front.goals)));
                if let Some(title) = rendered.title.take() {
                    page.title = title;
                }
                if let Some(excerpt) = &page.front.excerpt {
                    rendered.summary = markdown::render_snippet(excerpt, config);
                    rendered.has_more = true;
                }
                let warnings = rendered
                    .warnings
                    .iter()
                    .map(|w| {
                        Diagnostic::new(&page.source, w.message.clone())
                            .at(page.line_of(w.offset), None)
                    })
                    .collect();
                page.rendered = rendered;
                warnings
            })
            .collect();
        let fresh: Vec<Diagnostic> = warnings.into_iter().flatten().collect();
        let redone: HashSet<PathBuf> = self
            .pages
            .iter()
            .filter(|p| which(p))
            .map(|p| p.source.clone())
            .collect();
        self.warnings.retain(|w| !redone.contains(&w.path));
        self.warnings.extend(fresh);
        self.warnings
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    }
}

/// A page's key for relative links: its place under `content/` (`posts/a.md`).
fn content_key(page: &Page) -> String {
    let name = page
        .source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if page.content_dir.is_empty() {
        name
    } else {
        format!("{}/{name}", page.content_dir)
    }
}

fn fields(page: &Page) -> permalink::Fields<'_> {
    permalink::Fields {
        date: page.date.as_ref(),
        slug: &page.slug,
        categories: &page.front.categories,
    }
}

/// A standalone page's path follows its place under `content/`: `about.md` → `/about/`,
/// `docs/index.md` → `/docs/`.
fn page_path(page: &Page) -> String {
    let mut path = String::from("/");
    for seg in page.content_dir.split('/').filter(|s| !s.is_empty()) {
        let s = slugify(seg);
        path.push_str(if s.is_empty() { seg } else { &s });
        path.push('/');
    }
    let stem = page
        .source
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if stem != "index" && stem != "_index" {
        path.push_str(&page.slug);
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_with_a_sub_path() {
        let b = Base::new("https://user.github.io/blog");
        assert_eq!(b.url, "https://user.github.io/blog/");
        assert_eq!(b.path, "/blog/");
        assert_eq!(b.href("/2023/회고/"), "/blog/2023/%ED%9A%8C%EA%B3%A0/");
        assert_eq!(b.absolute("/a/"), "https://user.github.io/blog/a/");
        let b = Base::new("https://example.com");
        assert_eq!(b.path, "/");
        let b = Base::new("/");
        assert_eq!(b.href("/a/"), "/a/");
    }
}
